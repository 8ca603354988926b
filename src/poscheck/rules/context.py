"""Negation, warning, reporting and question context of a hit: decided here, in one place.

A hit counts as a claim of the practice only when the text asserts it. "无押金" negates it; "警惕押金
陷阱" warns against it; "问：要押金吗？" asks about it. Negated hits are dropped; warned-about hits
become `info` notes (a warning page never gets a finding of the practice it warns about).
All word lists work on normalised text (simplified, half-width, lower-case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["assert", "negated", "warning", "question"]

# Words that, shortly before a trigger in the same clause, deny it: 无押金, 免流量费, 不收取任何费用.
NEGATORS: tuple[str, ...] = (
    "无", "免", "免收", "免除", "不收", "不收取", "不另收", "不另行收取", "不加收", "不额外", "不扣", "不扣除",
    "无需", "不需", "不需要", "不用", "没有", "未收", "不含", "不存在", "不产生", "拒收", "零", "从不",
    "从未", "绝不", "决不", "不会", "不再", "杜绝", "禁止", "严禁", "不得", "不能", "不可", "不要", "不准",
    "取消", "告别", "没有任何", "不设", "无任何", "0元",
)
# Compound words that start like a negator but do not negate what follows.
NOT_NEGATORS: tuple[str, ...] = (
    "无论", "无法", "无息", "免费领取", "免费办理", "免费送", "免费申请", "免费赠", "不论", "不管", "不仅",
    "无限", "无忧", "无线", "免费使用", "免费领", "零售", "不足", "不超过", "不低于", "无条件", "无故",
    "不得不", "不会再",
)
NEGATION_GAP = 8  # characters between the end of a negator and the trigger

# Sentence frames that teach the reader to avoid a practice, or describe it as a scam.
WARNINGS: tuple[str, ...] = (
    "警惕", "谨防", "提防", "当心", "小心", "骗局", "陷阱", "切勿", "千万不要", "千万别", "不要相信", "谨慎",
    "防范", "诈骗", "骗子", "套路", "避坑", "防骗", "识别", "如何辨别", "怎么辨别", "违法", "违规", "非法",
    "犯罪", "判处", "立案", "罚款", "处罚", "风险提示", "提醒", "均为诈骗", "一律是", "都是骗", "不可信",
    "冒充", "假冒", "不法分子", "以免", "避免", "要注意", "需注意", "请注意", "注意事项", "是否有",
    "要求退还", "有权拒绝", "举报",
)


@dataclass(frozen=True)
class Context:
    verdict: Verdict
    cue: str = ""  # the word that decided it


def _clause_start(text: str, pos: int, floor: int) -> int:
    m = None
    for m in re.finditer(r"[,，;；。!?！？\n:：]", text[floor:pos]):
        pass
    return floor + m.end() if m else floor


def negator_before(text: str, start: int, scope_start: int) -> str:
    """The negator shortly before `start` in the same clause, or ''."""
    lo = _clause_start(text, start, scope_start)
    head = text[max(lo, start - NEGATION_GAP - 4):start]
    for neg in sorted(NEGATORS, key=len, reverse=True):
        idx = head.rfind(neg)
        if idx < 0:
            continue
        if head[idx:].startswith(NOT_NEGATORS):
            continue
        gap = len(head) - idx - len(neg)
        if gap <= NEGATION_GAP:
            return neg
    return ""


def warning_in(scope: str) -> str:
    for w in WARNINGS:
        if w in scope:
            return w
    return ""


def is_question(scope: str) -> bool:
    s = scope.rstrip(" |\n\t")
    return s.endswith(("?", "？", "吗", "么", "呢")) or s.startswith(("问:", "问：", "q:"))


def judge(text: str, start: int, scope_start: int, scope_end: int, *, negation: bool = True) -> Context:
    """Decide how the scope `text[scope_start:scope_end]` relates to the hit at `start`."""
    if not negation:
        return Context("assert")
    neg = negator_before(text, start, scope_start)
    if neg:
        return Context("negated", neg)
    scope = text[scope_start:scope_end]
    warn = warning_in(scope)
    if warn:
        return Context("warning", warn)
    if is_question(scope):
        return Context("question", "?")
    return Context("assert")
