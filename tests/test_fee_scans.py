"""The fee reader's faster scans give what the plain ones gave: rewritten patterns, narrowed searches, cheap gates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from poscheck.facts import patterns as P
from poscheck.facts.labels import find_labels
from poscheck.facts.reader import FeeReader
from poscheck.facts.units import _CLOCK, find_units
from poscheck.models import Document, RawFile
from poscheck.normalize import normalize
from poscheck.pipeline import read_documents
from poscheck.rules import context

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

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


# PERCENT and YUAN as they were spelt before their numbers were taken whole (possessive)
_PLAIN_NUM = r"\d+(?:\.\d+)?"
_AMOUNTS_AS_SPELT = {
    P.PERCENT: re.compile(P.PERCENT.pattern.replace(P._WHOLE_NUM, _PLAIN_NUM)),
    P.YUAN: re.compile(P.YUAN.pattern.replace(P._WHOLE_NUM, _PLAIN_NUM)),
}
_FIGURES = [
    "信用卡刷卡费率为0.568%,储蓄卡费率为0.555%且单笔封顶20元,扫码交易费率为0.38%。",
    "押金36-99元,流量费99.9元/年,￥299.00,¥ 5,10万元,2块钱,3 千 元,0.05%-0.1%,0.05-0.1 %,1.2.3%",
    "12.元 5.%,0.6%%,99 -100块,7 ~ 8 圆,1至2万元,3—4%,１２元,٣٤元,12345678901234567890.5元",
    "0.6\n%,99\n元,1.\n2元,a1b2元c3%",
]


@pytest.mark.parametrize("text", _FIGURES)
def test_whole_numbers_find_the_amounts_plain_ones_found(text: str) -> None:
    for new, old in _AMOUNTS_AS_SPELT.items():
        assert new.pattern != old.pattern
        for pos in range(len(text) + 1):
            for end in (len(text), len(text) - 1, pos + 6):
                got = [(m.span(), m.groupdict()) for m in new.finditer(text, pos, end)]
                assert got == [(m.span(), m.groupdict()) for m in old.finditer(text, pos, end)], (text, pos, end)


def test_whole_numbers_find_the_amounts_plain_ones_found_in_real_texts() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"shared corpus not found at {SHARED}")
    paths = sorted(p for p in (SHARED / "corpus" / "docs").glob("*") if p.suffix in {".html", ".txt", ".docx"})
    paths += sorted((SHARED / "seeds").glob("*.txt"))
    docs, _ = read_documents(RawFile(source=str(p), path=str(p)) for p in paths)
    assert len(docs) > 40
    for text in [d.text for d in docs] + [normalize(d.text).text for d in docs]:
        for new, old in _AMOUNTS_AS_SPELT.items():
            assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == [
                (m.span(), m.groupdict()) for m in old.finditer(text)]


def test_sentences_without_names_are_passed_over() -> None:
    """The sentences of a line that hold no fee name are skipped, and the one right before a sentence that names a
    deduction told in it is still read with it (多扣了199元。再问，说是激活服务费)."""
    text = "欢迎光临。本店营业到十点。多扣了199元。再问,说是激活服务费。天气不错。信用卡费率0.6%。押金99元\n下一行"
    units = find_units(text, find_labels(text))
    assert [(text[u.start:u.end], [lab.text for lab in u.labels]) for u in units] == [
        ("多扣了199元。再问,说是激活服务费。", ["激活服务费"]),
        ("信用卡费率0.6%。", ["信用卡费率"]),
        ("押金99元", ["押金"]),
    ]
    assert units[0].told is not None and units[0].told.value == 199
