"""Checks over a target's fee facts: rate bait with its arithmetic, free-device bait, missing schedules.

Importing this module also registers the per-kind fee checks of `poscheck.checks.fee_kinds`
(the pipeline imports `poscheck.checks.fees` only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from poscheck.checks import Analysis, check, evidence_for, fee_kinds
from poscheck.facts.fees import document_genre, heading_warns, negated, unit_context
from poscheck.facts.rates import rate_problems
from poscheck.models import Document, Evidence, Fee, Finding
from poscheck.passages import post_starts
from poscheck.textscan import led, line_end

__all__ = ["fee_kinds", "free_bait", "no_schedule", "rate_bait"]

MAX_EVIDENCE = 3

# "The device is free": 免费领取, 0元领机, 免费换新机, 机具 | 0元 … (normalised text). Both claims are `led`: their
# alternatives start with groups and classes, which `re` cannot skip to (textscan.led).
FREE_CLAIM = led(re.compile(
    r"免费(?!申请热线|申请电话|办理热线|办理电话)(?:领取|领机|申领|领|送机|送|赠送|申请|办理|换新机|换机|更换|换新|寄|拿)|(?:0|零)元(?:包邮)?(?:领机|领取|申领|申请|领|办理|购机|拿机|拿|送|到家|下单|拍)"
    r"|0成本|白送|一分钱(?:都|也)?不(?:要|用|收|花)|不(?:要|用|收|花)(?:你|您)?一分钱|(?:机器|机子|机具|pos机?|终端|新机器?|电签机?)(?:本身)?(?:是|都是)?(?:免费|0元)|(?:换机|换新机?|更换|升级)(?:是|都是|完全|全程)?免费"
    r"|(?:机具|机器|终端)(?:费用|费)?\s*\|\s*(?:0元|免费)|(?:机器|机子|机具|终端|电签)[^。,;]{0,3}?(?:送你|送您|送给你|白送|不要钱)|免费(?:[给为帮](?:我们|你们|咱们|我|你|您))?(?:升级|换|寄)(?:成|为|到)?[^,;。]{0,4}(?:新机|新的|电签|pos|终端|机器|机具|换机)"
))
# "Nothing at all to pay" (POS机0元领取 包邮到家 不收一分钱): belied by any fee flagged, a data fee too.
# (not a complaint platform's own 平台不收取任何费用)
NOTHING_PAID = re.compile(r"一分钱[^,。;!]{0,4}?不(?:要|用|收|花)|不(?:要|用|收|花)(?:你|您)?一分钱")
# "Nothing to pay to start" (vocabulary.md §24: 免押金, 无需设备押金, 0元开通): bait only where a deposit or activation
# fee is taken after all; beside a disclosed yearly fee it is an honest line of a fee table (机具：免押金 | 年费99元).
NO_DEPOSIT_CLAIM = led(re.compile(r"(?:0|零)元(?:开通|激活|入网)|(?:0|零|免)押金|无需(?:设备|机具)?押金"))
# A warranty, not a free device: 故障免费更换, 非人为损坏的终端自激活之日起一年内免费更换.
# (…造成机具损坏的，由乙方免费更换; 无法修复的，免费更换同型号设备)
_REPAIR = re.compile(r"(?:故障|损坏|坏了|维修|保修|售后|修复)[^;。]{0,16}$")
REPAIR_BACK = 24  # characters before a free claim read for a fault it repairs
_DENIED = re.compile(r"(?:不是|并非|并不|不再|没有|是否|要不要)\s*$")  # (…可以自行决定是否免费送给商户: a choice)
# Supplies given free, not the device: 纸卷免费领取, 免费领取打印纸卷, 码牌免费寄.
_SUPPLIES = r"(?:打印|热敏)?纸卷?|码牌|收款码|台卡|桌贴|贴纸|立牌"
_SUPPLIES_BEFORE = re.compile(rf"(?:{_SUPPLIES})\s*$")
_SUPPLIES_AFTER = re.compile(rf"[^,;。]{{0,4}}?(?:{_SUPPLIES})")
# A device lent, not given: 机具 | 0元 | 免费提供，所有权归通联 (read just after the claim: a PDF's cells are lines).
_KEPT = re.compile(r"所有权(?:归|属于|仍归|仍属于)|产权归")
KEPT_AFTER = 16
# Devices handed to the agents a recruiting page signs up (开通代理后台，首批机具免费下发): no merchant's offer.
_TO_AGENTS = re.compile(r"下发|代理后台|招募|招商(?!银行)|合伙人")
_TIED = re.compile(r"押金|激活费|服务费|开通费|机具费|扣")
_SENT = re.compile(r"[。!?\n]")
_AGREEMENT_TITLE = re.compile(r"协议|合同")
# 收单协议常见问题解答: a page about agreements, none itself
_ABOUT_AGREEMENTS = re.compile(r"问题|问答|解答|答疑|faq|解读|科普")
_AGREEMENT_TOPIC = re.compile(r"商户|收单|pos|终端|收款|受理|机具")
_FEES_ELSEWHERE = re.compile(
    r"按[^。]{0,20}《|主协议|附件|另行签署|另行签订|费率说明|资费标准|收费标准见|按[^。]{0,30}执行|以[^。]{0,20}约定为准")


@check("fee_rate_bait")
def rate_bait(analysis: Analysis) -> Iterator[Finding]:
    """A teaser that rises, a stated increase, or a credit rate below the issuer + network floor."""
    by_doc: dict[str, list[Fee]] = {}
    for f in analysis.facts.fees:
        by_doc.setdefault(f.evidence.document, []).append(f)
    for fees in by_doc.values():
        problems = rate_problems(fees)
        if not problems:
            continue
        evidence: list[Evidence] = []
        for p in problems:
            for fee in (p.earlier, p.fee):
                if fee is not None and fee.evidence not in evidence:
                    evidence.append(fee.evidence)
        arithmetic = "；".join(dict.fromkeys(p.explanation for p in problems))
        kinds = ", ".join(sorted({p.kind for p in problems}))
        yield analysis.finding("fee.rate-bait", evidence[:MAX_EVIDENCE], arithmetic=arithmetic,
                               explanation=f"rate facts ({kinds}): {arithmetic}")


def _claims(analysis: Analysis, doc: Document, pattern: re.Pattern[str] = FREE_CLAIM,
            deposit_taken: bool = True) -> Iterator[tuple[int, int, bool]]:
    """Claims of `pattern` the document asserts: (start, end, disclosed), normalised. A claim is disclosed when
    it is of a lent device (免费使用; 0元 | 免费提供，所有权归通联) and a fee its sentence names secures it, or no
    deposit is taken at all (a yearly fee priced beside it is then the rent, not a hidden price)."""
    norm = analysis.normalized(doc)
    text = norm.text
    kind = document_genre(doc, norm)
    if kind == "advisory":
        return
    for m in pattern.finditer(text):
        lo = max((x.end() for x in _SENT.finditer(text, max(0, m.start() - 200), m.start())), default=0)
        end_m = _SENT.search(text, m.end())
        hi = end_m.start() if end_m else len(text)
        sentence = text[lo:hi]
        head = text[max(lo, m.start() - 10):m.start()]
        if unit_context(sentence) or _REPAIR.search(text, max(lo, m.start() - REPAIR_BACK), m.start()) \
                or _TO_AGENTS.search(sentence) \
                or _DENIED.search(head) or negated(text, m.start(), lo) or _SUPPLIES_BEFORE.search(head) \
                or (kind != "complaint" and heading_warns(text, m.start())) \
                or _SUPPLIES_AFTER.match(text, m.end()):
            continue
        # "免费送，不要押金" denies the fee it names: that makes the claim stronger, not disclosed
        lent = text.startswith("使用", m.end()) or _KEPT.search(text, m.end(), m.end() + KEPT_AFTER) is not None
        yield lo, hi, lent and (not deposit_taken
                                or any(not negated(text, t.start(), lo) for t in _TIED.finditer(text, lo, hi)))


def _same_table(analysis: Analysis, doc: Document, at: int, fee: Evidence) -> bool:
    """Whether the claim at normalised `at` is a row of a fee table that prices `fee` in another row (机具 | 免费 |
    above 终端月服务费 | 10元/月): a schedule that shows every recurring price is no bait (vocabulary.md §24)."""
    if fee.document != doc.id:
        return False
    norm = analysis.normalized(doc)
    text = norm.text
    lo, hi = text.rfind("\n", 0, at) + 1, line_end(text, at)
    if "|" not in text[lo:hi]:
        return False
    while lo > 0 and "|" in text[(above := text.rfind("\n", 0, lo - 1) + 1):lo]:  # the rows above and below
        lo = above
    while hi < len(text) and "|" in text[hi + 1:(below := line_end(text, hi + 1))]:
        hi = below
    start, end = norm.orig_span(lo, hi)
    return start <= fee.start < end


@check("promo_free_bait")
def free_bait(analysis: Analysis) -> Iterator[Finding]:
    """A free device on offer while the same target takes a deposit, activation or service fee."""
    # the money taken elsewhere: a deposit or activation fee, a mandatory service fee that recurs and costs more a
    # year than a data card (服务年费365元, not 短信费2元/月), or a membership switched on by default (新机默认开通VIP
    # 会员，会员费199元); a data fee is part of any terminal, free or not, and a membership chosen buys something —
    # but a data fee above a data card's level (半年扣了三回) belies a claim that nothing at all is paid (不收一分钱)
    deposits = [f.evidence for f in analysis.facts.fees
                if f.kind == "deposit" and fee_kinds.flags(fee_kinds.judge_deposit(f))]
    money = deposits + [f.evidence for f in analysis.facts.fees
                        if (f.kind == "recurring" and not f.optional
                            and (fee_kinds.yearly(f) or 0) > fee_kinds.DATA_NORMAL_MAX
                            and fee_kinds.flags(fee_kinds.judge_recurring(f)))
                        or (f.kind == "membership" and f.optional is False and f.amount)]
    nothing_paid = [d for d in analysis.documents if "一分钱" in analysis.normalized(d).text]  # (every claim holds it)
    data = [f.evidence for f in analysis.facts.fees
            if f.kind == "data" and fee_kinds.flags(fee_kinds.judge_data(f))] if nothing_paid else []
    if not (money or data):
        return
    for doc in analysis.documents:
        claims = [(c, money[0]) for c in _claims(analysis, doc, deposit_taken=bool(deposits))] if money else []
        if data and doc in nothing_paid:
            claims += [(c, data[0]) for c in _claims(analysis, doc, NOTHING_PAID, deposit_taken=bool(deposits))]
        if deposits:  # "no deposit" said where one is taken (not of one case: 不想交押金，可以选电签POS（免押金）)
            norm = analysis.normalized(doc)
            claims += [(c, deposits[0]) for c in _claims(analysis, doc, NO_DEPOSIT_CLAIM)
                       if not fee_kinds.ONE_CASE_NO_DEPOSIT.search(norm.text, c[0], c[1])]
        if not claims:
            continue
        # (a deposit in the same table still makes the free device a bait: the price is paid up front anyway)
        claims = [((lo, hi, disclosed or (fee not in deposits and _same_table(analysis, doc, lo, fee))), fee)
                  for (lo, hi, disclosed), fee in claims]
        bait = [c for c in claims if not c[0][2]]
        (lo, hi, _), fee = (bait or claims)[0]
        norm = analysis.normalized(doc)
        s, e = norm.orig_span(lo, hi)
        claim = evidence_for(doc, s, e)
        yield analysis.finding("promo.free-bait", (claim, fee), severity=None if bait else "info",
                               fee=fee.quote, explanation="free-device claim + deposit/activation fee fact")


@check("fee_no_schedule")
def no_schedule(analysis: Analysis) -> Iterator[Finding]:
    """An agreement about a POS service that states no fee at all and points to no schedule."""
    priced = {f.evidence.document for f in analysis.facts.fees}
    for doc in analysis.documents:
        if doc.id in priced or doc.kind not in ("pdf", "docx", "txt", "html"):
            continue
        norm = analysis.normalized(doc)
        title = norm.text[:120].split("\n", 1)[0] + " " + doc.title.lower()
        if len(norm.text) < 250 or not _AGREEMENT_TITLE.search(title) or not _AGREEMENT_TOPIC.search(norm.text):
            continue
        if _ABOUT_AGREEMENTS.search(title):
            continue
        if "%" in norm.text or _FEES_ELSEWHERE.search(norm.text) or document_genre(doc, norm) != "offer":
            continue  # a percent anywhere is a rate the extractor may not have named
        if len(post_starts(norm.text)) >= 2:
            continue  # a forum thread that talks of a contract (合同抬头却是…) is none
        first = norm.text.find("\n")
        s, e = norm.orig_span(0, first if first > 0 else min(len(norm.text), 60))
        yield analysis.finding("fee.no-schedule", (evidence_for(doc, s, e),),
                               explanation="agreement without any fee amount or reference to a schedule")
