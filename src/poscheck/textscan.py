"""Fast scanning helpers for patterns `re` cannot skip ahead for, the sentence around a position, and the shapes of
text several readers share (a chat message's header)."""

from __future__ import annotations

import bisect
import re
import re._constants as sre
import re._parser as sre_parse
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, ClassVar, Generic, TypeVar

V = TypeVar("V")


#: A chat message's header on a line of its own (tried with fullmatch): "2025-06-18 10:16 POS小王:" or
#: "何经理 14:05"; its sender is group "who" or "who2".
CHAT_HEADER = re.compile(
    r"[ \t]*(?:\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]+)?"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?[ \t]+(?P<who>[^\n]{1,30}?)|(?P<who2>[^\n\d]{1,20}?)[ \t]+\d{1,2}:\d{2}(?::\d{2})?)"
    r"[ \t]*:?[ \t]*"
)


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
    #: Whether a page's anchors come from the pass all Keywords share (see Keywords): not for a pattern that
    #: searches texts nothing else does (normalize's, between two of its passes).
    shared: bool = True

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

    @cached_property
    def _keywords(self) -> Keywords[bool] | None:
        """The anchors as Keywords, for pages; None when kept out of the shared pass (or with an empty anchor)."""
        return Keywords(dict.fromkeys(self.anchors, True)) if self.shared and all(self.anchors) else None

    def _anchor_starts(self, text: str) -> Iterator[int]:
        """Every position where some anchor starts, ascending, overlapping ones too (what searching the
        alternation again from one past each hit gives)."""
        # A page is searched by a dozen patterns (identity, sensitive data, licence, contradictions): its anchors
        # come from the pass every Keywords shares, where a `str.find` run per anchor or an alternation's scan
        # cost each pattern 5-25 µs.
        if len(text) >= Keywords.SHARED_MIN_CHARS and self._keywords is not None:
            yield from sorted({start for start, _, _ in self._keywords.iter(text)})
            return
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


def led(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a look-ahead for the characters its matches can start with: the same matches, faster.

    When a pattern's alternatives start with groups (named ones, nested alternations), `re` enters every branch at
    every position of the text; a first `(?=[…])` turns most positions away with one class test (three to six
    times faster for the practice patterns on their gated sentences). The characters come from re's parse tree;
    a pattern whose first character cannot be told that way (`.`, a negated class or one by category, a match
    that may be empty, case-insensitive flags) is returned as it is."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return pattern
    first = _first_chars(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if first is None or first[1]:
        return pattern
    ranges = sorted(first[0])
    cls = "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)
    flags = _GLOBAL_FLAGS.match(pattern.pattern)  # (?m) …: in pattern.flags already, and only allowed first
    body = pattern.pattern[flags.end():] if flags else pattern.pattern
    led_pattern = re.compile(f"(?=[{cls}])(?:{body})", pattern.flags)
    LED.append((pattern, led_pattern))
    return led_pattern


#: Each pattern given to `led` with what it became, so that a test can hold the two to the same matches.
LED: list[tuple[re.Pattern[str], re.Pattern[str]]] = []

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _first_chars(items: list[tuple[Any, Any]]) -> tuple[set[tuple[int, int]], bool] | None:
    """The code-point ranges a match of the parsed sequence `items` can start with, and whether it can match
    empty; None when that cannot be told. Zero-width items (look-arounds, anchors) are passed over."""
    out: set[tuple[int, int]] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            out.add((av, av))
            return out, False
        if op is sre.IN:
            for item_op, item in av:
                if item_op is sre.LITERAL:
                    out.add((item, item))
                elif item_op is sre.RANGE:
                    out.add(item)
                else:  # NEGATE, CATEGORY (\d, \s …)
                    return None
            return out, False
        if op is sre.SUBPATTERN:
            inner = _first_chars(list(av[3]))
        elif op is sre.ATOMIC_GROUP:
            inner = _first_chars(list(av))
        elif op is sre.BRANCH:
            inner = (set(), False)
            for alt in av[1]:
                branch = _first_chars(list(alt))
                if branch is None:
                    return None
                inner = (inner[0] | branch[0], inner[1] or branch[1])
        elif op in _REPEATS:
            inner = _first_chars(list(av[2]))
            if inner is not None and av[0] == 0:
                inner = (inner[0], True)
        else:  # ANY, NOT_LITERAL, a group reference …
            return None
        if inner is None:
            return None
        out |= inner[0]
        if not inner[1]:
            return out, False
    return out, True


_SENTENCE_STOP = re.compile(r"[。！？!?\n]")


def line_end(text: str, pos: int) -> int:
    """Where the line holding `pos` ends: its line break, or the end of `text`."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


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
            if not (stop == "\n" and text[i - 1:i] in _LEADS_ON and text[i + 1:i + 2] in _QUOTE_OPENS):
                ends.append(i + 1)
            i = text.find(stop, i + 1)
    ends.sort()
    return tuple(ends)


# A line that ends on 是, 为 or a colon and a next line that opens a quote are one sentence
# (一看 这一笔显示的是⏎「深圳市鑫源达贸易商行」): a post breaks its line before the words it stresses.
_LEADS_ON = frozenset("是为:")
_QUOTE_OPENS = frozenset("「“\"『")


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


_SURROGATE = re.compile("[\ud800-\udfff]")


class Keywords(Generic[V]):
    """Aho-Corasick over literal keywords, each with a value (ahocorasick_rs, a deterministic automaton).

    A DFA moves one table look-up per character, where pyahocorasick compares a character with a node's
    children one by one (dozens at the root, for a lexicon): over a fee-dense page the pass costs a
    third as much (bench/bench_analysis.py). Offsets are in characters, as `re` gives them.

    A page is scanned by half a dozen of them (the text rules' phrases, fee labels, the checks' gates, the registry's
    names, Q&A markers, Anchored's anchors), each pass 30-80 µs: a text of at least SHARED_MIN_CHARS characters is
    scanned once for the words of all of them (_SharedKeywords), and each takes its own hits from that pass.
    """

    #: Texts this long are scanned by the shared pass; shorter ones (titles, lines, fee quotes) by the own automaton.
    SHARED_MIN_CHARS: ClassVar[int] = 1000

    #: Every instance with words, weakly (the shared automaton holds the words of the living ones).
    instances: ClassVar[weakref.WeakSet[Keywords[Any]]] = weakref.WeakSet()

    def __init__(self, words: dict[str, V]):
        import ahocorasick_rs

        kept = [(w, value) for w, value in words.items() if w]
        self.words: tuple[str, ...] = tuple(w for w, _ in kept)
        self._values: list[V] = [value for _, value in kept]
        self._auto: Any = ahocorasick_rs.AhoCorasick(
            list(self.words), implementation=ahocorasick_rs.Implementation.DFA) if kept else None
        if kept:
            Keywords.instances.add(self)

    def iter(self, text: str) -> list[tuple[int, int, V]]:
        """(start, end, value) of every keyword occurrence in `text`, overlapping ones too, by end. (A list: a page
        has hundreds of hits, and a generator's yield per hit cost more than the list.)"""
        if self._auto is None:
            return []
        values = self._values
        hits = _SHARED_KEYWORDS.hits(self, text) if len(text) >= self.SHARED_MIN_CHARS else None
        if hits is None:
            hits = _find(self._auto, text)
        return [(start, end, values[i]) for i, start, end in hits]


def _find(auto: Any, text: str) -> list[tuple[int, int, int]]:
    """(pattern index, start, end) of every occurrence of `auto`'s patterns in `text`, overlapping ones too, by end."""
    try:
        hits: list[tuple[int, int, int]] = auto.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate (bytes decoded with surrogateescape): one character for one
        hits = auto.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)
    return hits


class _SharedKeywords:
    """One Aho-Corasick pass over a text for the words of every Keywords, split into each one's hits.

    An automaton over several word lists reports, at each end position, the words that end there longest first,
    as each list's own automaton does (each is a suffix of the next longer), so the hits of one list, taken in the
    shared pass's order, are in its own pass's order (tests/test_shared_keywords.py). Kept for the last TEXTS texts:
    the rule engine, the fact extractors and the checks scan the same normalised pages.
    """

    TEXTS: ClassVar[int] = 256

    def __init__(self) -> None:
        self._slot: weakref.WeakKeyDictionary[Keywords[Any], int] = weakref.WeakKeyDictionary()  # by instance
        self._owners: list[tuple[tuple[int, int], ...]] = []  # by shared pattern: (slot, the instance's index)
        self._auto: Any = None
        self._size = 0  # instances the shared automaton holds
        self._stale = True  # some instance is not held: build the automaton again before the next pass
        self._found: dict[str, list[list[tuple[int, int, int]]]] = {}  # text → by slot: the instance's hits

    def hits(self, keywords: Keywords[Any], text: str) -> list[tuple[int, int, int]] | None:
        """`keywords`' own hits in `text` (its index, start, end), from the shared pass; None for an instance the
        shared automaton does not hold yet (made after it was built: it is built again, for every instance then
        alive, when the next text comes, so that the instances made on a run's first page cost one build)."""
        found = self._found.get(text)
        if found is None:
            if self._stale:
                self._build()
            found = [[] for _ in range(self._size)]
            owners = self._owners
            for p, start, end in _find(self._auto, text):
                for s, i in owners[p]:
                    found[s].append((i, start, end))
            if len(self._found) >= self.TEXTS:
                del self._found[next(iter(self._found))]  # the oldest
            self._found[text] = found
        slot = self._slot.get(keywords)
        if slot is None:
            self._stale = True
            return None
        return found[slot]

    def _build(self) -> None:
        import ahocorasick_rs

        members = list(Keywords.instances)
        index: dict[str, int] = {}
        owners: list[list[tuple[int, int]]] = []
        for s, k in enumerate(members):
            for i, w in enumerate(k.words):
                if w not in index:
                    index[w] = len(owners)
                    owners.append([])
                owners[index[w]].append((s, i))
        self._auto = ahocorasick_rs.AhoCorasick(list(index), implementation=ahocorasick_rs.Implementation.DFA)
        self._owners = [tuple(o) for o in owners]
        self._slot = weakref.WeakKeyDictionary((k, s) for s, k in enumerate(members))
        self._size = len(members)
        self._stale = False
        self._found.clear()


_SHARED_KEYWORDS = _SharedKeywords()
