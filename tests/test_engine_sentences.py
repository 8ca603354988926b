"""Sentence spans from `textscan.sentence_ends` + `bounds_in`, as the engine and the checks use them,
answer as bisecting the regex's sentence ends did."""

from __future__ import annotations

import bisect
import random
import re

from poscheck.textscan import bounds_in, sentence_ends

_SENTENCE_END = re.compile(r"[。!?;\n]")


def _by_bisect(text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The former way: the list of every sentence end, bisected for each hit's first and last character."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    out = []
    for start, end in hits:
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(ends, end)
        out.append((ends[first - 1] if first > 0 else 0, ends[last] if last < len(ends) else len(text)))
    return out


def test_sentence_bounds_match_bisect_on_random_texts() -> None:
    """Short random texts over a tiny alphabet, phrases with punctuation and overlaps included."""
    rng = random.Random(7)
    alphabet = "ab。!?;\nc"
    hits_seen = 0
    for _ in range(3000):
        phrases = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 5))}
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        hits = [(s, s + len(p)) for p in phrases for s in range(len(text)) if text.startswith(p, s)]
        ends = sentence_ends(text)
        assert [bounds_in(ends, len(text), s, e) for s, e in hits] == _by_bisect(text, hits), text
        hits_seen += len(hits)
    assert hits_seen > 1000
