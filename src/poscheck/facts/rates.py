"""Rate arithmetic against the 2016 card-fee reform: the credit-card floor, teaser rises, stated increases.

DOMAIN.md (NDRC + PBOC 2016, from 2016-09-06): the issuer fee for credit cards is at most 0.45 %,
the network fee 0.065 % split 0.0325 % per side; so an acquirer pays about 0.4825 % on a credit
card transaction of an ordinary merchant before its own margin. Debit cards (≤ 0.35 %, cap 13 元)
and QR payments (0.38 % is a real tier) are not judged against that floor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from poscheck.facts import patterns as P
from poscheck.models import Fee
from poscheck.normalize import normalize

ISSUER_CREDIT_MAX = 0.45  # 发卡行服务费, credit, percent, no cap
NETWORK_ACQUIRER_SIDE = 0.0325  # 网络服务费 charged to the acquirer side, percent
CREDIT_FLOOR = ISSUER_CREDIT_MAX + NETWORK_ACQUIRER_SIDE  # 0.4825 %
# Rates are advertised to two decimals and DOMAIN.md puts the floor at "about 0.48%": 0.48% is at it, not below.
ADVERTISED_FLOOR = round(CREDIT_FLOOR, 2)
CARD_CHANNELS = ("credit", "card")
_QR_WORDS = re.compile(r"扫码|微信|支付宝|二维码|云闪付|条码")


@dataclass(frozen=True)
class RateProblem:
    """Why a rate is bait, with the arithmetic spelled out for the merchant."""

    kind: str  # below_floor | promo_rise | increase
    fee: Fee
    explanation: str
    earlier: Fee | None = None


def _pct(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".") + "%"


def _yuan(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") + "元"


def below_floor(rate: float) -> str:
    """The floor arithmetic for a credit rate that undercuts ADVERTISED_FLOOR ('' when it does not)."""
    if round(rate, 6) >= ADVERTISED_FLOOR:
        return ""
    gap = CREDIT_FLOOR - rate
    return (f"{_pct(rate)} < {_pct(ISSUER_CREDIT_MAX)}（发卡行服务费上限）"
            f"+ {_pct(NETWORK_ACQUIRER_SIDE)}（网络服务费收单方）= {_pct(CREDIT_FLOOR)}："
            f"比收单机构自己要付出的成本还低{_pct(gap)}，每刷1万元倒贴{_yuan(gap * 100)}")


def rise(first: float, later: float, months: int | None = None) -> str:
    """The cost of a rate going up from `first` to `later` percent ('' when it does not go up)."""
    if later <= first:
        return ""
    when = f"前{months}个月" if months else "原来"
    return (f"{when}{_pct(first)}，之后{_pct(later)}：每刷1万元手续费从{_yuan(first * 100)}变成{_yuan(later * 100)}"
            f"（多{_yuan((later - first) * 100)}，涨{(later / first - 1) * 100:.0f}%）")


def is_card_rate(fee: Fee, qr_amounts: set[float]) -> bool:
    """A rate that a reader takes for a credit-card rate: credit or card channel, or an unnamed rate
    sold with a never-changes promise, or said to hold for credit cards too (费率万38！（信用卡借记卡都一样哦）),
    that is not also the page's QR rate."""
    if fee.kind != "rate" or fee.amount is None:
        return False
    if fee.channel in CARD_CHANNELS:
        return True
    if fee.channel is None:
        cond = normalize(fee.conditions).text
        near = normalize(fee.evidence.quote + fee.evidence.context_after[:12]).text
        promised = P.PERMANENT.search(cond) or any(
            float(m.group("a") or m.group("b")) == fee.amount for m in _PERMANENT_RATE.finditer(near)) \
            or _CARDS_ALIKE.search(after := normalize(fee.evidence.context_after[:CARDS_AFTER]).text) \
            or _POINTS.match(after)
        return bool(promised) and fee.amount not in qr_amounts and not _QR_WORDS.search(near)
    return False


# Credit cards said to pay the same rate, right after an unnamed one (（信用卡借记卡都一样哦）, 信用卡也是这个价).
_CARDS_ALIKE = re.compile(r"^[^,。;\d]{0,4}(?:信用卡|贷记卡)[^,。;\d]{0,6}?(?:都一样|一样|同价|一个价|也是|都是)")
CARDS_AFTER = 24  # characters after an unnamed rate read for _CARDS_ALIKE and _POINTS
# …and points earned on it (费率低至0.38，笔笔有积分): the card's bank pays points, a QR payment's seldom does
_POINTS = re.compile(r"[^,。;\d]{0,2}[,;]?[^,。;\d]{0,4}?(?:有|带|送|出|积)积分")
# A never-changes promise written onto the rate itself: 0.38%永久费率, 永久0.38%.
_PERMANENT_RATE = re.compile(
    rf"(?:{P.PERMANENT.pattern})[^,。;\d]{{0,4}}(?P<a>\d+\.\d+)%|(?P<b>\d+\.\d+)%[^,。;\d]{{0,2}}(?:{P.PERMANENT.pattern})"
)


# A promotion's days, and the rate from the day after them (前90天 / 第91天起, 前3个月 / 第4个月起, 3个月后)
_FIRST_DAYS = re.compile(r"前\d+(?:天|日|个月|个自然月)|首月|首\d+个月")
_FROM_THEN = re.compile(r"第\d+(?:天|日|个月|个自然月)(?:起|开始)|\d+(?:天|日|个月)(?:后|以后|之后)")


def _from_then(quote: str) -> bool:
    """Whether a rate's quote starts it from a day or month on (every _FROM_THEN match holds 第 or 后: tested first)."""
    return ("第" in quote or "后" in quote) and _FROM_THEN.search(normalize(quote).text) is not None


# A rate told as the one charged in fact (按1.20%扣费, 费率已经是0.78了), and one told as the rate agreed (约定的0.60%,
# 说好的0.6): a merchant's account of a rate raised without consent.
_CHARGED = re.compile(r"按\s*\d+(?:\.\d+)?%\s*(?:扣费|扣收|扣除|计费|扣)|扣了\s*\d+(?:\.\d+)?%"
                      r"|实际(?:扣费|扣除|收取)?(?:费率|比例)"
                      r"|已经(?:是|变成|涨到)|变成了|涨到了|现在(?:是|扣)")
_AGREED = re.compile(r"约定|说好|承诺|谈好|讲好|签的是|(?:合同|协议)(?:上|里)?写|当初说")
_RAISED = re.compile(r"上调|调高|调整|涨|提高|变成|变了")
# A character of every match of each, simplified or traditional: a window without one is not normalised to be searched
_GATES = {_CHARGED: re.compile("[扣实實已变變涨漲现現]"), _AGREED: re.compile("[约約说說诺諾谈談讲講签簽写寫]"),
          _RAISED: re.compile("[调調涨漲提变變]")}
AROUND_RATE = 12  # characters each side of a rate's quote read for _CHARGED and _AGREED
CONTEXT_CHARS = 40  # all of a fee's evidence context (reader._evidence keeps 40 characters each side)


def _said(rate: Fee, pattern: re.Pattern[str], around: int = AROUND_RATE) -> bool:
    ev = rate.evidence
    window = ev.context_before[len(ev.context_before) - around:] + ev.quote + ev.context_after[:around]
    return _GATES[pattern].search(window) is not None and pattern.search(normalize(window).text) is not None


def _agreed_below(rate: Fee, rates: list[Fee]) -> Fee | None:
    """The agreed rate of `rate`'s channel below it, when `rate` is told as the one charged in fact (and its own quote
    says nothing agreed), and either is told as a rate raised (an unexplained shortfall is statements.mismatch's)."""
    if not _said(rate, _CHARGED) or _said(rate, _AGREED, 0):
        return None
    agreed = next((e for e in rates if e.amount is not None and e.amount < (rate.amount or 0) and e.later_amount is None
                   and (rate.channel is None or e.channel in (rate.channel, None)) and _said(e, _AGREED)
                   and not _said(e, _CHARGED, 0)), None)
    if agreed is None or not (_said(rate, _RAISED, CONTEXT_CHARS) or _said(agreed, _RAISED, CONTEXT_CHARS)):
        return None
    return agreed


# A cut bought with a membership (交299开个VIP，信用卡费率能从0.68%降到0.55%), read in the words just before the cut,
# and the membership told ended before a rate comes back (VIP已关闭。费率恢复到0.68%; not 会员还没到期).
_BOUGHT = re.compile(r"会员|vip|优惠包|权益包|特权")
BOUGHT_BEFORE = 16  # characters before a cut's quote read for _BOUGHT
_ENDED = re.compile(
    r"(?:会员|vip|优惠包|权益包)[^。!?\n]{0,10}?(?<![没未])(?:退了|退掉|关闭|关了|取消|到期|过期|停了|失效)")
ENDED_BEFORE = 40  # characters before a returning rate read for _ENDED


def _paid(rate: Fee, membership_ended: bool = False) -> float | None:
    """The rate last paid under `rate`: its cut-to rate when it states a cut (从0.6降到0.49), else its amount — also
    for a cut a membership bought once the membership has ended: the rate that comes back then (费率恢复到0.68%) is the
    one agreed before it, no rise."""
    if rate.amount is not None and rate.later_amount is not None and rate.later_amount < rate.amount and not (
            membership_ended and _BOUGHT.search(normalize(rate.evidence.context_before[-BOUGHT_BEFORE:]
                                                          + rate.evidence.quote).text)):
        return rate.later_amount
    return rate.amount


def rate_problems(fees: list[Fee]) -> list[RateProblem]:
    """Teaser rises, stated increases and credit rates below the floor among one document's fees."""
    rates = [f for f in fees if f.kind == "rate"]
    qr = {f.amount for f in rates if f.channel in ("qr", "unionpay_qr") and f.amount is not None}
    out: list[RateProblem] = []
    for i, f in enumerate(rates):
        cond = normalize(f.conditions).text
        if P.NOTICE.search(cond) and not f.promo_months:
            pass  # an increase announced 30 days ahead with a free exit is the compliant way
        elif f.amount is not None and f.later_amount is not None and f.later_amount > f.amount:
            kind = "promo_rise" if f.promo_months else "increase"
            out.append(RateProblem(kind, f, rise(f.amount, f.later_amount, f.promo_months)))
        elif f.amount is None and f.later_amount is not None:
            ended = _ENDED.search(normalize(f.evidence.context_before[-ENDED_BEFORE:]).text) is not None
            earlier = next((e for e in rates if (was := _paid(e, ended)) is not None and was < f.later_amount
                            and e.channel in (*CARD_CHANNELS, None)), None)
            if earlier is not None and (was := _paid(earlier, ended)) is not None:
                out.append(RateProblem("increase", f, rise(was, f.later_amount), earlier))
        elif f.amount is not None and f.later_amount is None and _from_then(f.evidence.quote):
            # a rate of its own line from a day or month on, after a rate for the days before it (信用卡费率入网后前
            # 90天：0.50% ⏎ 信用卡费率 第91天起：0.60%): the first one rises
            earlier = next((e for e in reversed(rates[:i]) if e.channel == f.channel and e.amount
                            and e.later_amount is None and _FIRST_DAYS.search(normalize(e.evidence.quote).text)), None)
            if earlier is not None and earlier.amount is not None and earlier.amount < f.amount:
                out.append(RateProblem("promo_rise", f, rise(earlier.amount, f.amount, earlier.promo_months), earlier))
        elif f.amount is not None and f.later_amount is None and (was_agreed := _agreed_below(f, rates)) is not None:
            out.append(RateProblem("increase", f, rise(was_agreed.amount or 0, f.amount), was_agreed))
        if is_card_rate(f, qr) and f.amount is not None and not P.SMALL_TICKET.search(cond):
            # a stated cut is a promise of its lower rate: "从0.6降到0.38，终身" sells the 0.38
            text = below_floor(min(f.amount, f.later_amount or f.amount))
            if text:
                out.append(RateProblem("below_floor", f, text))
    return out
