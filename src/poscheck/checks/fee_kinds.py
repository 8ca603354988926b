"""Checks that judge each kind of fee fact (deposit, data, instant settlement, insurance, membership,
periodic, withdrawal) and say what it costs a year, per transaction, or to get a deposit back.

A fee that is disclosed, bounded and optional (an opt-in D0 with a published price, an optional
36元/年 data card) becomes an `info` note; a mandatory or default-on charge becomes a finding of
its category. One finding per rule and document, with up to three fee quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from poscheck.checks import Analysis, check
from poscheck.facts.patterns import FREQUENT, PER_YEAR, REFUNDED, TERM_LOCK, RefundTarget, refund_target
from poscheck.models import Fee, Finding
from poscheck.normalize import normalize
from poscheck.textscan import led

DATA_NORMAL_MAX = 70.0  # 元 a year: vocabulary.md §3, disclosed market level 36–68 元 once a year
TYPICAL_RATE = 0.6  # percent, the common credit-card rate (DOMAIN.md), to price a refund target
MAX_EVIDENCE = 3
# Fees of the merchant's bank account, not of the terminal (a bank's own SMS: 【农业银行】…账户短信通知服务费).
_BANK_ACCOUNT = re.compile(r"开户|对公账户|银行账户|网银|u盾|账户年费|发卡银行|发卡行|开户行|动账|账户短信"
                           r"|【[^】]{0,6}银行】")
_POS_WORDS = re.compile(r"pos|终端|机具|刷卡|收款|机器")
# (not a site or body named for them: 消费者投诉网, 消费者权益保护, 消费者协会)
_CONSUMER_DEPOSIT = re.compile(r"共享单车|充电宝|租车|顾客|消费者(?!投诉|权益|协会|保护|报)|客人|住客|房客|向客户收取")
_DEVICE_DEPOSIT = re.compile(
    r"归还|完好|退机退还|退还机具|无息(?:全额)?(?:原路)?退还|交还|交回|寄回|送回|还到|还给|退租")

# A promise for one case only: 商户使用自有设备或电签POS的，不收取押金 (a rented terminal still takes one).
# …or for another product the reader may pick instead: 不想交押金，可以选电签POS（免押金，不收服务费）.
ONE_CASE_NO_DEPOSIT = re.compile(
    r"的\s*,\s*(?:免|无|不收取?|无需|不需要?)\s*(?:设备|机具|终端)?\s*押金"
    r"|(?:选|选择|换成|改用|改办)[^,。;(]{1,12}?\(\s*(?:免|无|不收取?|无需)\s*(?:设备|机具|终端)?\s*押金"
)

Verdict = tuple[str, str] | None  # ("flag" | "info", note) or None when the fee says nothing


def flags(verdict: Verdict) -> bool:
    """Whether a judge's verdict is a finding (not a note, not silence)."""
    return verdict is not None and verdict[0] == "flag"


def fmt_num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def describe(f: Fee) -> str:
    """'流量费99元/年' — a fee as the merchant reads it."""
    amount = "?" if f.amount is None else fmt_num(f.amount)
    top = f"-{fmt_num(f.max_amount)}" if f.max_amount else ""
    return f"{f.label}{amount}{top}{f.unit}"


def fees_by_document(analysis: Analysis, kind: str) -> dict[str, list[Fee]]:
    out: dict[str, list[Fee]] = {}
    for f in analysis.facts.fees:
        if f.kind == kind:
            out.setdefault(f.evidence.document, []).append(f)
    return out


def judged(analysis: Analysis, kind: str, rule_id: str, judge: Callable[[Fee], Verdict]) -> Iterator[Finding]:
    """One finding per document: a real one if any fee of `kind` is flagged, else an info note."""
    for fees in fees_by_document(analysis, kind).values():
        verdicts = [(f, v) for f in fees if (v := judge(f)) is not None]
        flagged = [(f, note) for f, (level, note) in verdicts if level == "flag"]
        chosen = flagged or [(f, note) for f, (_, note) in verdicts]
        if not chosen:
            continue
        evidence = tuple(dict.fromkeys(f.evidence for f, _ in chosen))[:MAX_EVIDENCE]
        detail = "；".join(dict.fromkeys(note for _, note in chosen))
        yield analysis.finding(rule_id, evidence, severity=None if flagged else "info", detail=detail,
                               explanation=f"fee facts: {detail}")


def yearly(f: Fee) -> float | None:
    """What a fee costs a year, when its amount is known (a one-off fee counts once)."""
    if f.amount is None:
        return None
    return f.amount * PER_YEAR.get(f.period or "", 1.0)


# A deduction told as one of several (今天又扣了我69, 每次扣59元“流量费”): charged more than once a year.
# (…and two dates, then 分别以摘要“终端流量费”扣款69.00元)
_AGAIN = re.compile(r"又(?:被)?扣|每次(?:都)?扣|再次扣|又收|又被收|各扣|分别[^。,;]{0,16}?扣")
# …or counted (流量费一年扣了三次, 一年收了两回): more than once a year
_TIMES_A_YEAR = re.compile(r"1年(?:内|里|中|下来)?(?:就|都|竟然|居然)?(?:被)?(?:扣|收)了?(?:[2-9]|好几)(?:次|回)")
# …or told just after the fee, as the same sum taken again (扣了一次流量费69，…四个月不到又扣了69)
_AGAIN_SUM = re.compile(r"(?:又|再次)(?:被)?(?:扣|收)了?我?\s*(\d+(?:\.\d+)?)")


# The merchant learnt of the fee only when it was taken (vocabulary.md §3: 不知情扣费): 办的时候不说, 没人说过.
_NOT_TOLD = led(re.compile(  # led: its last words start with optional groups (textscan.led)
    r"(?:办|签|装|开)(?:理|约|机|通)?的?时候[^。,，\n]{0,6}?(?:不说|没说|没提|没讲|没告诉|没人说)"
    r"|没有?人(?:跟我|和我|给我)?(?:说|提|讲)过|不知情|根本没人?(?:提|说|讲)过?"
    r"|(?:我)?(?:都|根本|完全)?不知道有(?:这个|这笔|这项|这种)"))


def _taken_again(f: Fee) -> bool:
    m = _AGAIN_SUM.search(f.evidence.context_after)
    return m is not None and float(m.group(1)) == f.amount


def judge_data(f: Fee) -> Verdict:
    annual = yearly(f)
    if annual is None:
        return None
    if (f.period is None and (_AGAIN.search(f.evidence.quote) or _AGAIN.search(f.conditions))) or _taken_again(f) \
            or ("年" in f.evidence.quote and _TIMES_A_YEAR.search(normalize(f.evidence.quote).text)):
        return "flag", describe(f) + "，被反复扣取（常见水平为一年一次）"
    frequent = f.period in FREQUENT
    note = describe(f) + (f"，一年约{fmt_num(annual)}元" if frequent else "")
    if f.optional:
        return "info", note + "（可选，可不开通）"
    around = f.evidence.context_before + f.evidence.quote + f.evidence.context_after
    if _NOT_TOLD.search(around.replace("\n", "")):  # (a screenshot's lines wrap anywhere)
        return "flag", note + "（办理时没有告知，扣了才知道）"
    if frequent or annual > DATA_NORMAL_MAX:
        return "flag", note + f"（常见水平为一年一次、{fmt_num(DATA_NORMAL_MAX)}元以内）"
    if f.optional is False:  # the terminal works only with the provider's card: not a fee the merchant can refuse
        return "flag", note + "（强制收取，不能改用WiFi或自己的卡）"
    return "info", note + "（一年一次，金额在常见范围内）"


def judge_instant(f: Fee) -> Verdict:
    if f.amount is None:
        return None
    if f.unit == "%":
        note = f"{describe(f)}：每笔在费率之外再加{fmt_num(f.amount)}%"
    else:
        note = (f"{describe(f)}：一笔1000元的交易等于多付{fmt_num(f.amount / 10)}%，"
                f"一笔100元的交易多付{fmt_num(f.amount)}%")
    if f.optional:
        return "info", note + "（可选，商户自行开通）"
    return "flag", note + ("（默认开通）" if f.optional is False else "")


def judge_insurance(f: Fee) -> Verdict:
    if f.amount is None:
        return None
    note = describe(f) + ("：每刷1万元另付" + fmt_num(f.amount * 100) + "元" if f.unit == "%" else "")
    return ("info", note + "（可选）") if f.optional else ("flag", note)


def judge_membership(f: Fee) -> Verdict:
    annual = yearly(f)
    if annual is None:
        return None
    return "flag", describe(f) + (f"，一年约{fmt_num(annual)}元" if f.period in FREQUENT else "")


def judge_recurring(f: Fee) -> Verdict:
    annual = yearly(f)
    if annual is None:
        return None
    quote = normalize(f.evidence.quote).text
    if _BANK_ACCOUNT.search(quote) and not _POS_WORDS.search(quote):
        return None  # a bank account's own charges are not the terminal's
    note = describe(f) + (f"，一年约{fmt_num(annual)}元" if f.period in FREQUENT else "")
    return ("info", note + "（可选）") if f.optional else ("flag", note)


def judge_withdrawal(f: Fee) -> Verdict:
    if f.amount is None:
        return None
    return "flag", describe(f) + "：到账要自己提现并付费，说明资金先进了别人的账户"


def deposit_target(f: Fee) -> RefundTarget | None:
    return refund_target(normalize(f.conditions).text) if f.conditions else None


def judge_deposit(f: Fee) -> Verdict:
    """Money taken up front; with a refund target, what reaching it takes."""
    if not f.amount:
        return None
    context = normalize(f.evidence.quote + " " + f.conditions).text
    if _CONSUMER_DEPOSIT.search(context):
        return None  # the merchant collecting a deposit from its own customers
    if REFUNDED.search(context):
        return None  # a deposit being given back (统一退还…押金): a refund notice, real or a lure, takes nothing
    target = deposit_target(f)
    lock = TERM_LOCK.search(context)  # 合作满2年且终端完好的，无息退还: leaving earlier forfeits it
    if target is None and _DEVICE_DEPOSIT.search(context) and not lock:
        return "info", describe(f) + "（租用机具的押金，归还机具时退还）"
    note = describe(f) + (f"（{lock.group(0)}才退，提前解约拿不回）" if lock and target is None else "")
    if target is not None:
        fee_cost = target.volume * TYPICAL_RATE / 100
        note += (f"：{fmt_num(target.days)}天内要刷满{fmt_num(target.volume)}元才退，平均每月约"
                 f"{fmt_num(round(target.per_month))}元；按{fmt_num(TYPICAL_RATE)}%的费率，为此付出的手续费约"
                 f"{fmt_num(fee_cost)}元")
    if f.refundable is False:
        note += "（写明不予退还）"
    return "flag", note


@check("fee_data")
def data_fee(analysis: Analysis) -> Iterator[Finding]:
    yield from judged(analysis, "data", "fee.data-charge", judge_data)


@check("fee_instant")
def instant_fee(analysis: Analysis) -> Iterator[Finding]:
    yield from judged(analysis, "instant", "fee.instant-surcharge", judge_instant)


@check("fee_insurance")
def insurance_fee(analysis: Analysis) -> Iterator[Finding]:
    yield from judged(analysis, "insurance", "fee.insurance-charge", judge_insurance)


@check("fee_membership")
def membership_fee(analysis: Analysis) -> Iterator[Finding]:
    yield from judged(analysis, "membership", "fee.membership-charge", judge_membership)


@check("fee_recurring")
def recurring_fee(analysis: Analysis) -> Iterator[Finding]:
    yield from judged(analysis, "recurring", "fee.recurring-charge", judge_recurring)


@check("fee_withdrawal")
def withdrawal_fee(analysis: Analysis) -> Iterator[Finding]:
    yield from judged(analysis, "withdrawal", "fee.withdrawal-charge", judge_withdrawal)


@check("fee_deposit")
def deposit_fee(analysis: Analysis) -> Iterator[Finding]:
    yield from judged(analysis, "deposit", "fee.deposit-activation", judge_deposit)
