"""The fee reader's faster scans give what the plain ones gave: rewritten patterns, narrowed searches, cheap gates."""

from __future__ import annotations

import re

import pytest

from poscheck.facts import patterns as P
from poscheck.facts.labels import find_labels
from poscheck.facts.reader import FeeReader
from poscheck.facts.units import _CLOCK
from poscheck.models import Document
from poscheck.normalize import normalize
from poscheck.rules import context

# HEARSAY's alternatives as they were spelt before they all started with a literal
_OLD_HEARSAY = context.HEARSAY.replace(r"嘴里(?:说)?的|口中(?:说)?的", r"(?:嘴里|口中)(?:说)?的").replace(
    r"说(?<![^,;。、:!?\s]说)", r"(?:^|(?<=[,;。、:!?\s]))说")

_SAYINGS = [
    "说信用卡万38的，要么是引流，要么是套路",
    "说能自选商户的、说费率永不涨的,都别碰",
    "听人说信用卡0.38的,都是骗子",  # 说 after a character: no hearsay of this shape
    "他们,说免押金的都是骗人的",
    "第一行\n说免费送机的,一律别信",
    "推销的人嘴里的“选商户”;业务员口中说的“永久费率”",
    "说",
    "。说x的都",
]


@pytest.mark.parametrize("text", _SAYINGS)
def test_hearsay_matches_as_its_old_spelling(text: str) -> None:
    old, new = re.compile(_OLD_HEARSAY), re.compile(context.HEARSAY)
    assert old.pattern != new.pattern
    for flags in (0, re.M):
        old, new = re.compile(_OLD_HEARSAY, flags), re.compile(context.HEARSAY, flags)
        for pos in range(len(text) + 1):
            assert [m.span() for m in old.finditer(text, pos)] == [m.span() for m in new.finditer(text, pos)]


@pytest.mark.parametrize("text", ["10:16", "a1:23", ":12", "1:2", "12:3x", "2025-06-18 10:16 王:", "费率:0.6"])
def test_message_time_is_found_as_before(text: str) -> None:
    assert bool(_CLOCK.search(text)) == bool(re.search(r"\d:\d\d", text))


def test_optional_words_never_reach_past_a_full_stop() -> None:
    """FeeReader._optional_services searches only the stretches between two 。 around fee names: that finds every
    match only while no OPTIONAL match can hold a 。 (its only classes that reach past a character are [^。,;])."""
    rest = P.OPTIONAL.pattern.replace("[^。,;]", "")
    assert not any(part in rest for part in ("。", "[^", ".", r"\S", r"\W", r"\D"))


@pytest.mark.parametrize("text", [
    "1.2 D0服务为可选服务。3.1 D0服务费按每笔结算金额的万分之五收取。",
    "信用卡费率0.6%,可选。押金99元,自愿缴纳!流量费每年69元\n可随时关闭。",
    "要自己\n开的流量费。押金可选吗?短信费自行开通,默认开通短信提醒。",
    "可选服务包括:秒到服务费0.1%、流量卡年费48元。会员费选择开通后每月29元",
    "费率0.55%,自行申请。",
])
def test_optional_services_as_found_over_the_whole_text(text: str) -> None:
    norm = normalize(text)
    doc = Document(id="t", source="t", kind="txt", text=text, sha256="t")
    reader = FeeReader(doc, norm, find_labels(norm.text))
    assert reader._optional_services == reader.optional_in(P.OPTIONAL.finditer(reader.text))
