"""Fast scanning helpers for patterns `re` cannot skip ahead for, and the sentence around a position."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar


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

    @cached_property
    def _anchor(self) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(a) for a in self.anchors))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        nxt = 0  # positions below this were tried already or lie inside a match
        a = self._anchor.search(text)
        while a is not None:
            at = a.start()
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
            a = self._anchor.search(text, at + 1)  # every anchor position, overlapping ones too


_SENTENCE_STOP = re.compile(r"[。！？!?\n]")


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos` (no stop itself), as `re.finditer(r"[^。！？!?\\n]+", text)` would give it."""
    end = _SENTENCE_STOP.search(text, pos)
    return max(text.rfind(stop, 0, pos) for stop in "。！？!?\n") + 1, end.start() if end else len(text)
