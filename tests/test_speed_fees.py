"""The fee stage's shortcuts find what the plain searches they replace find."""

from __future__ import annotations

import re

import pytest

from poscheck.facts import patterns as P
from poscheck.facts.labels import Label, _headings, find_labels
from poscheck.facts.reader import FeeReader
from poscheck.models import Document
from poscheck.normalize import normalize

# The heading search as it was: from the bullet, over the whole text.
_HEADING_FROM_BULLET = re.compile(r"[◆◇■●▶▷★☆•#【\[][ \t]*(流量|会员|保险)[ \t]*[】\]]?[ \t]*$", re.M)
_KINDS = {"流量": "data", "会员": "membership", "保险": "insurance"}

HEADING_TEXTS = [
    "◆ 流量\n第一年送，第二年起99元/年",
    "  ■会员  \n199一年\n【保险】\n按0.05%",
    "◆ 流量费\n99元/年",  # a heading that names a fee already
    "说明 ◆ 流量\n99",  # not at its line's start
    "◆ ◆ 流量\n99",
    "◆流量◆会员\n99",
    "[流量] \t\n#会员\n•保险",
    "流量\n◆ 流量卡\n◆\t流量\t",
    "◆ 流量 说明\n◆ 流量",
]


def _headings_as_before(text: str, labels: list[Label]) -> None:
    starts = [lab.start for lab in labels]
    for m in _HEADING_FROM_BULLET.finditer(text):
        if text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip(" \t"):
            continue
        k = next((i for i, s in enumerate(starts) if s >= m.start()), len(starts))
        if k < len(labels) and labels[k].start < m.end():
            continue
        labels.insert(k, Label(m.start(1), m.end(1), m.group(1), _KINDS[m.group(1)], None, "%元", False))
        starts.insert(k, m.start(1))


@pytest.mark.parametrize("text", HEADING_TEXTS)
def test_headings_are_found_from_their_nouns_as_from_their_bullets(text: str) -> None:
    labels = [lab for lab in find_labels(text) if lab.text not in _KINDS]
    want, got = list(labels), list(labels)
    _headings_as_before(text, want)
    _headings(text, got)
    assert got == want


OPTIONAL_TEXTS = [
    "1.2 D0服务为可选服务。3.1 D0服务费按每笔结算金额的万分之五收取。",
    "信用卡费率0.6%,可选。押金99元,自愿缴纳!流量费每年69元\n可随时关闭。",
    "要自己\n开的流量费。押金可选吗?短信费自行开通,默认开通短信提醒。",
    "可选服务包括:秒到服务费0.1%、流量卡年费48元。会员费选择开通后每月29元",
    "费率0.55%,自行申请。",
]


@pytest.mark.parametrize("text", OPTIONAL_TEXTS)
def test_optional_service_per_kind_as_over_the_whole_text(text: str) -> None:
    norm = normalize(text)
    doc = Document(id="t", source="t", kind="txt", text=text, sha256="t")
    reader = FeeReader(doc, norm, find_labels(norm.text))
    whole = reader.optional_in(P.OPTIONAL.finditer(reader.text))
    for kind in {lab.kind for lab in reader.labels} | {"rate", "membership"}:
        assert reader._optional_service(kind) == whole.get(kind)
        assert reader._optional_service(kind) == whole.get(kind)  # (the second time from what the first found)
