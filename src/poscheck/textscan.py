"""Fast scanning helpers for patterns `re` cannot skip ahead for, and the sentence around a position."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np

from poscheck.normalize import CodeTable, remap

V = TypeVar("V")


@dataclass(frozen=True)
class Anchored:
    """A pattern tried only just before its anchors, for patterns that start with an optional group.

    Every match must contain one of the `anchors` literals, with at most `back` characters other than
    whitespace between the match's start and that anchor, and no match is empty. `finditer` then gives
    exactly the matches of `pattern.finditer`, trying the pattern at a few positions per anchor instead
    of at every position of the text.
    """

    pattern: re.Pattern[str]
    anchors: tuple[str, ...]
    back: int

    #: Every instance, so a test can hold each one to `pattern.finditer` on real texts (the anchors are
    #: kept by hand next to their patterns; an edited pattern with a stale anchor list would miss matches).
    instances: ClassVar[list[Anchored]] = []

    def __post_init__(self) -> None:
        Anchored.instances.append(self)

    #: Up to this many anchors are found by one `str.find` run each; more by one regex alternation.
    #: `str.find` skips ahead in C (a few µs per anchor on a page) where an alternation of literals steps
    #: through the text in the regex engine (some 35 µs on a page, however few its branches).
    FIND_AT_MOST: ClassVar[int] = 6

    @cached_property
    def _anchor(self) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(a) for a in self.anchors))

    def _anchor_starts(self, text: str) -> Iterator[int]:
        """Every position where some anchor starts, ascending, overlapping ones too (what searching the
        alternation again from one past each hit gives)."""
        if len(self.anchors) > self.FIND_AT_MOST:
            a = self._anchor.search(text)
            while a is not None:
                yield a.start()
                a = self._anchor.search(text, a.start() + 1)
            return
        starts: set[int] = set()
        for anchor in self.anchors:
            i = text.find(anchor)
            while i >= 0:
                starts.add(i)
                i = text.find(anchor, i + 1)
        yield from sorted(starts)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        nxt = 0  # positions below this were tried already or lie inside a match
        for at in self._anchor_starts(text):
            pos, left = max(at, nxt), self.back  # step back over `back` non-spaces and any spaces
            while pos > nxt:
                space = text[pos - 1].isspace()
                if not (space or left):
                    break
                left -= not space
                pos -= 1
            while pos <= at:
                m = self.pattern.match(text, pos)
                if m is None:
                    pos += 1
                    continue
                yield m
                pos = max(m.end(), pos + 1)
            nxt = max(nxt, pos)


_SENTENCE_STOP = re.compile(r"[。！？!?\n]")


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos` (no stop itself), as `re.finditer(r"[^。！？!?\\n]+", text)` would give it."""
    end = _SENTENCE_STOP.search(text, pos)
    # The last stop before `pos`, each stop searched only after the last one found: normalised text has
    # no full-width ！？, and searching for them back to the start of the text on every call is wasted.
    last = -1
    for stop in "\n。!?！？":
        found = text.rfind(stop, last + 1, pos)
        if found > last:
            last = found
    return last + 1, end.start() if end else len(text)


SENTENCE_STOPS = "。!?;\n"  # what ends a sentence in normalised text (full-width ！？； are half-width there)


@lru_cache(maxsize=256)
def sentence_ends(text: str) -> tuple[int, ...]:
    """Offsets just after every SENTENCE_STOPS character of `text`, ascending. The rule engine and the
    checks ask for the same normalised texts, so each is split once.

    One `str.find` run per stop character: each skips to the next stop in C, where a character-class
    regex steps through the text in the regex engine (about twice as slow on a page)."""
    ends: list[int] = []
    for stop in SENTENCE_STOPS:
        i = text.find(stop)
        while i >= 0:
            ends.append(i + 1)
            i = text.find(stop, i + 1)
    ends.sort()
    return tuple(ends)


def bounds_in(ends: tuple[int, ...], n: int, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end) of a text of length `n` with `sentence_ends` `ends`: from just
    after the last stop at or before `start` to just after the first stop at or after the span's last
    character."""
    i = bisect.bisect_right(ends, start)
    j = bisect.bisect_left(ends, max(end, start + 1))
    return (ends[i - 1] if i > 0 else 0), (ends[j] if j < len(ends) else n)


_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"))


def in_quotes(text: str, pos: int, lo: int = 0) -> bool:
    """True when `pos` lies inside a quotation (“…”, 「…」, 『…』, or straight "…", which is what full-width ＂
    normalises to) opened in text[lo:pos], not closed before it."""
    for opening, closing in _QUOTE_PAIRS:
        i = text.rfind(opening, lo, pos)
        if i >= 0 and text.rfind(closing, lo, pos) < i:
            return True
    return text.count('"', lo, pos) % 2 == 1


_FILLER = "\x00"  # what a Keywords pass reads for every character that occurs in no keyword


class Keywords(Generic[V]):
    """Aho-Corasick over literal keywords, each with a value, run over a masked copy of the text.

    pyahocorasick looks a character up among a node's children one by one, so at the root each
    character costs as many comparisons as there are distinct first characters (dozens, for a
    lexicon). `iter` scans the text masked: a character that occurs in no keyword (most of a page)
    becomes `_FILLER` (a character past the table's end is in no keyword either, and rare: it stays),
    and a word that cannot occur (`_FILLER` + U+0001, masked too) added before all others makes the
    filler the root's first child, found at once. Masking keeps every keyword occurrence where it was,
    one code point for one, and that word is never reported. On a fee-dense page this halves the
    pass (bench/bench_analysis.py). It pays for a lexicon with many first characters over whole pages;
    the rule engine's few phrases and `nlp.Reader`'s short lines keep a plain automaton (masking made
    the engine stage 0.2 ms a page slower).
    """

    def __init__(self, words: dict[str, V]):
        import ahocorasick

        self._auto: Any = ahocorasick.Automaton()
        self._auto.add_word(_FILLER + "\x01", None)
        for w, value in words.items():
            if w:
                self._auto.add_word(w, (len(w), value))
        self._auto.make_automaton()
        kept = sorted({ord(c) for w in words for c in w})
        self._table: CodeTable = np.zeros((kept[-1] if kept else 0) + 1, dtype=np.uint32)
        self._table[kept] = kept

    def iter(self, text: str) -> Iterator[tuple[int, int, V]]:
        """(start, end, value) of every keyword occurrence in `text`, overlapping ones too, by end."""
        for end, hit in self._auto.iter(remap(text, self._table)):
            if hit is not None:
                yield end + 1 - hit[0], end + 1, hit[1]
