"""The shared anchor pass (textscan._SharedAnchors) gives every Anchored pattern the places its own search gives."""

from __future__ import annotations

import re

import poscheck.checks.sensitive  # (these modules' Anchored patterns register themselves)
import poscheck.identity  # noqa: F401
from poscheck.textscan import Anchored, _SharedAnchors


def _own_starts(text: str, anchors: tuple[str, ...]) -> list[int]:
    return sorted({m.start() for a in anchors for m in re.finditer(f"(?={re.escape(a)})", text)})


def test_the_shared_pass_finds_each_anchor_where_str_find_does() -> None:
    assert len(Anchored.instances) >= 8
    text = "押金押金99元，保证金 押金。icp备案 b2-icp 新大陆新大陆"
    shared = _SharedAnchors()
    for anchored in (a for a in Anchored.instances if a.shared):
        found = shared.starts(text, anchored.anchors, many=True)
        assert found is not None
        got = sorted({i for a in anchored.anchors for i in found.get(a, ())})
        assert got == _own_starts(text, anchored.anchors), anchored.anchors


def test_a_pattern_made_after_the_pass_is_not_given_a_stale_one() -> None:
    shared = _SharedAnchors()
    text = "押金99元，保证金50元，质保金30元"
    assert shared.starts(text, next(a for a in Anchored.instances if a.shared).anchors, many=True) is not None
    late = Anchored(re.compile(r"质保金\d+元"), ("质保金",), 0)
    try:
        assert late.anchors not in shared._covered
        found = shared.starts(text, late.anchors, many=True)  # the pass is made again, with its anchor
        assert found is not None and found["质保金"] == [text.index("质保金")]
        assert [m.span() for m in late.finditer(text)] == [m.span() for m in late.pattern.finditer(text)]
    finally:
        Anchored.instances.remove(late)


def test_only_a_second_search_of_the_same_text_makes_the_pass_for_few_anchors() -> None:
    shared = _SharedAnchors()
    few = next(a for a in Anchored.instances if a.shared and len(a.anchors) <= Anchored.FIND_AT_MOST)
    text = "".join(["费率0.6%，押金299元。"] * 3)
    assert shared.starts(text, few.anchors, many=False) is None
    assert shared.starts(text, few.anchors, many=False) is not None  # the same text again: the pass is made


def test_a_pattern_kept_out_of_the_pass_searches_alone() -> None:
    from poscheck.normalize import _SHORT_FRACTION

    shared = _SharedAnchors()
    text = "千6，万5"
    assert shared.starts(text, next(a for a in Anchored.instances if a.shared).anchors, many=True) is not None
    assert _SHORT_FRACTION.anchors not in shared._covered
    assert shared.starts(text, _SHORT_FRACTION.anchors, many=True) is None
