"""On a page (a text of Keywords.SHARED_MIN_CHARS characters or more) an Anchored pattern takes its anchors' places from
the pass all Keywords share: the places its own `str.find` runs or alternation give."""

from __future__ import annotations

import re

import poscheck.checks.sensitive  # (these modules' Anchored patterns register themselves)
import poscheck.identity  # noqa: F401
from poscheck.textscan import Anchored, Keywords


def _own_starts(text: str, anchors: tuple[str, ...]) -> list[int]:
    return sorted({m.start() for a in anchors for m in re.finditer(f"(?={re.escape(a)})", text)})


def _page(anchored: Anchored) -> str:
    """The pattern's anchors, doubled and in one another's way, repeated to a page's length."""
    unit = "".join(f"见{a}{a}，{a[:1]}{a}备12345号 " for a in anchored.anchors) + "押金99元，icp备案 新大陆。"
    return unit * (Keywords.SHARED_MIN_CHARS // len(unit) + 1)


def test_a_page_s_anchors_come_from_the_shared_pass_where_str_find_puts_them() -> None:
    shared = [a for a in Anchored.instances if a.shared]
    assert len(shared) >= 8
    for anchored in shared:
        for text in (_page(anchored), _page(shared[0]) + _page(anchored)):
            assert len(text) >= Keywords.SHARED_MIN_CHARS
            for _ in range(2):  # the second time, from an automaton built again with this pattern's anchors
                assert list(anchored._anchor_starts(text)) == _own_starts(text, anchored.anchors), anchored.anchors
            assert [m.span() for m in anchored.finditer(text)] == [m.span() for m in anchored.pattern.finditer(text)]


def test_a_pattern_kept_out_of_the_shared_pass_searches_alone() -> None:
    from poscheck.normalize import _SHORT_FRACTION

    assert not _SHORT_FRACTION.shared and _SHORT_FRACTION._keywords is None
    text = "千6，万5，" * 300
    assert list(_SHORT_FRACTION._anchor_starts(text)) == _own_starts(text, _SHORT_FRACTION.anchors)
