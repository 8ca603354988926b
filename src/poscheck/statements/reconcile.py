"""Match each slip transaction to its cardholder-statement line and settlement, and work out the fee.

Card lines match on amount (to the cent), card suffix, date (−1..+3 days) and reference number.
Settlements match per transaction (a summary naming the trade day, or amount and date plausibility)
or as a daily total (笔数N). The fee taken is gross − net, compared with what the agreed rates allow
on that amount, rounded per transaction; a fixed deduction per transaction is detected separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from poscheck.statements.inputs import CardRow, SettlementRow
from poscheck.statements.merchant import MerchantProfile, Rates
from poscheck.statements.names import names_agree
from poscheck.statements.slip import SlipTxn
from poscheck.statements.values import fmt_money, fmt_rate

TOLERANCE = Decimal("0.02")  # yuan per transaction: rounding up vs half-up, never a finding
MAX_SETTLE_DAYS = 10
_INSTANT_HINT = re.compile(r"秒到|D\s*\+?\s*0|T\s*\+?\s*0|即时|实时|急速|快速到账|加急|秒结", re.IGNORECASE)
_FEE_WORD = re.compile(r"费|手续费|服务费")
_SETTLE_WORD = re.compile(r"结算|清算|POS|收单|批量", re.IGNORECASE)


@dataclass
class Match:
    """One slip transaction and what the other statements show for it."""

    slip: SlipTxn
    card: CardRow | None = None
    settlement: SettlementRow | None = None
    shared_with: int = 1  # transactions the settlement row covers (daily total when > 1)
    complete_total: bool = True  # a daily total whose transactions are all known here
    fee: Decimal | None = None
    allowed: Decimal | None = None
    allowed_label: str = ""
    excess: Decimal | None = None
    status: str = "ok"
    notes: list[str] = field(default_factory=list)

    @property
    def gross(self) -> Decimal:
        return self.slip.amount or Decimal(0)

    @property
    def over_charged(self) -> bool:
        limit = TOLERANCE * self.shared_with
        return self.excess is not None and self.excess > limit


@dataclass(frozen=True)
class FixedDeduction:
    """A fixed amount taken per transaction on top of the rate (秒到/D0-style surcharge)."""

    amount: Decimal
    how: str  # the arithmetic that shows it (Chinese)
    matches: tuple[Match, ...]
    fee_rows: tuple[SettlementRow, ...] = ()
    how_en: str = ""


@dataclass
class Reconciliation:
    profile: MerchantProfile
    slips: list[SlipTxn]
    card_rows: list[CardRow]
    settlements: list[SettlementRow]
    matches: list[Match] = field(default_factory=list)
    settlement_end: date | None = None
    fixed: FixedDeduction | None = None

    def settlement_rows_used(self) -> list[SettlementRow]:
        seen: dict[int, SettlementRow] = {}
        for m in self.matches:
            if m.settlement is not None:
                seen.setdefault(m.settlement.row.start, m.settlement)
        return list(seen.values())


def reconcile(profile: MerchantProfile, slips: list[SlipTxn], card_rows: list[CardRow],
              settlements: list[SettlementRow]) -> Reconciliation:
    rec = Reconciliation(profile, slips, card_rows, settlements, [Match(s) for s in slips])
    days = [r.day for r in settlements if r.day]
    rec.settlement_end = max(days) if days else None
    _match_cards(rec)
    _match_settlements(rec)
    for m in rec.matches:
        _fee(m, profile.rates)
    daily_totals(rec)
    for m in rec.matches:
        if m.status == "no_settlement":
            m.status = _missing_status(rec, m)
    rec.fixed = _fixed_deduction(rec)
    return rec


def _missing_status(rec: Reconciliation, m: Match) -> str:
    """missing | not_yet_covered | maybe_in_total | not_checked, for a slip without a settlement."""
    day = m.slip.day
    if day is None or rec.settlement_end is None:
        return "not_checked"
    due = day + timedelta(days=(rec.profile.settlement_days or 1) + 3)
    if rec.settlement_end < due:
        m.notes.append(f"the settlement record ends {rec.settlement_end}, before this transaction's "
                       f"expected settlement by {due}")
        return "not_yet_covered"
    used = {x.settlement.row.start for x in rec.matches if x.settlement is not None}
    acquirer = m.slip.get("acquirer")
    for row in rec.settlements:
        if row.row.start in used or row.income is None or row.day is None:
            continue
        if not 0 <= (row.day - day).days <= MAX_SETTLE_DAYS or row.income <= m.gross * Decimal("0.95") - 10:
            continue
        if row.trade_day not in (None, day):
            continue
        from_acquirer = acquirer is not None and names_agree(row.payer_name, acquirer.value)
        if _SETTLE_WORD.search(row.summary_text) or from_acquirer:
            m.notes.append(f"settlement row {row.row.number} may be a total that includes this transaction")
            return "maybe_in_total"
    return "missing"


def _days(a: date | None, b: date | None) -> int:
    return (b - a).days if a and b else 0


def _match_cards(rec: Reconciliation) -> None:
    used: set[int] = set()
    for m in rec.matches:
        s = m.slip
        if s.amount is None:
            continue
        best: tuple[int, CardRow] | None = None
        for k, row in enumerate(rec.card_rows):
            if k in used or abs(row.amount - s.amount) > Decimal("0.005"):
                continue
            if s.card_suffix and row.card_suffix and s.card_suffix != row.card_suffix:
                continue
            gap = _days(s.day, row.day)
            if not -1 <= gap <= 3:
                continue
            score = 10 - 3 * abs(gap)
            ref = s.get("ref_no")
            if ref and row.ref_no and ref.value == row.ref_no:
                score += 100
            if s.card_suffix and row.card_suffix == s.card_suffix:
                score += 5
            if s.day and s.at and row.at and gap == 0:
                delta = abs((datetime.combine(s.day, s.at) - datetime.combine(s.day, row.at)).total_seconds())
                score += 5 if delta <= 900 else 0
            if best is None or score > best[0]:
                best = (score, row)
        if best is not None:
            m.card = best[1]
            used.add(rec.card_rows.index(best[1]))


def _own_names(profile: MerchantProfile) -> list[str]:
    return [v for v in (profile.value("name"), profile.value("settlement_account_name")) if v]


def _expected_net(m: Match, rates: Rates) -> Decimal:
    allowed = rates.allowed_fee(m.gross, m.slip.card_type)[0] if rates.known() else m.gross * Decimal("0.006")
    return m.gross - allowed


def _match_settlements(rec: Reconciliation) -> None:
    own = _own_names(rec.profile)
    incoming = [r for r in rec.settlements if r.income is not None and r.income > 0
                and not any(names_agree(r.payer_name, n) for n in own)]
    used: set[int] = set()
    # daily totals the summary says cover several transactions (笔数N > 1)
    for row in incoming:
        if row.trade_day is None or not row.count or row.count <= 1:
            continue
        same_day = [m for m in rec.matches if m.slip.day == row.trade_day and m.settlement is None]
        for m in same_day:
            m.settlement, m.shared_with = row, row.count
            m.complete_total = len(same_day) == row.count
        if same_day:
            used.add(row.row.start)
    # per-transaction settlements: cheapest pairs first
    pairs: list[tuple[tuple[int, int, Decimal], int, int]] = []
    for i, m in enumerate(rec.matches):
        if m.settlement is not None or m.slip.amount is None:
            continue
        expected = _expected_net(m, rec.profile.rates)
        for j, row in enumerate(incoming):
            if row.row.start in used or (row.count or 1) > 1:
                continue
            assert row.income is not None
            named = row.trade_day is not None and m.slip.day is not None
            if named and row.trade_day != m.slip.day:
                continue
            gap = _days(m.slip.day, row.day)
            if not 0 <= gap <= MAX_SETTLE_DAYS:
                continue
            floor = m.gross * Decimal("0.5") if named else m.gross * Decimal("0.95") - 10
            if not floor <= row.income <= m.gross + Decimal("0.01"):
                continue
            pairs.append(((0 if named else 1, gap, abs(row.income - expected)), i, j))
    taken: set[int] = set()
    for _cost, i, j in sorted(pairs, key=lambda p: p[0]):
        m, row = rec.matches[i], incoming[j]
        if i in taken or row.row.start in used:
            continue
        m.settlement = row
        taken.add(i)
        used.add(row.row.start)


def _fee(m: Match, rates: Rates) -> None:
    row = m.settlement
    if row is None or row.income is None:
        m.status = "no_settlement" if m.slip.amount is not None else "no_amount"
        return
    if m.shared_with > 1 and not m.complete_total:
        m.status = "daily_total_partial"
        m.notes.append(f"the settlement row is a daily total of {m.shared_with} transactions and only some "
                       "of their slips are here, so the fee cannot be checked")
        return
    if m.shared_with > 1:
        return  # complete daily totals are checked once, by daily_total_check
    m.fee = m.gross - row.income
    if rates.known():
        m.allowed, m.allowed_label = rates.allowed_fee(m.gross, m.slip.card_type)
        m.excess = m.fee - m.allowed
        if m.over_charged:
            m.status = "fee_above_agreed"


def daily_totals(rec: Reconciliation) -> list[tuple[SettlementRow, list[Match]]]:
    """Complete daily totals (every transaction of the day known): row and its matches."""
    groups: dict[int, tuple[SettlementRow, list[Match]]] = {}
    for m in rec.matches:
        if m.settlement is not None and m.shared_with > 1 and m.complete_total:
            groups.setdefault(m.settlement.row.start, (m.settlement, []))[1].append(m)
    out = []
    for row, ms in groups.values():
        gross = sum((m.gross for m in ms), Decimal(0))
        assert row.income is not None
        fee = gross - row.income
        allowed = Decimal(0)
        for m in ms:
            a, m.allowed_label = rec.profile.rates.allowed_fee(m.gross, m.slip.card_type)
            allowed += a
        for m in ms:
            m.fee, m.allowed, m.excess = fee, allowed, fee - allowed
            if rec.profile.rates.known() and m.over_charged:
                m.status = "fee_above_agreed"
        out.append((row, ms))
    return out


_LABEL_ZH = ((re.compile(r"\bcredit "), "信用卡 "), (re.compile(r"\bdebit "), "借记卡 "),
             (re.compile(r", capped at (\S+) yuan"), r"，封顶 \1 元"),
             (re.compile(r" \+ (\S+) yuan per transaction"), r" + 每笔 \1 元"))


def label_zh(label: str) -> str:
    """The agreed-fee basis in Chinese: 'debit 0.5%, capped at 20 yuan' → '借记卡 0.5%，封顶 20 元'."""
    for pattern, repl in _LABEL_ZH:
        label = pattern.sub(repl, label)
    return label


def arithmetic(m: Match, lang: str = "zh") -> str:
    """'3,200.00 − 3,168.00 = 32.00 元（1.00%）；按约定（信用卡 0.6%）最多 19.20 元 …' (or in English)."""
    row = m.settlement
    if row is None or row.income is None or m.fee is None:
        return ""
    gross = m.fee + row.income  # the day's total when the row is a daily total
    rate = fmt_rate(m.fee / gross)
    if lang != "zh":
        return _arithmetic_en(m, gross, row.income, rate)
    text = f"{fmt_money(gross)} − {fmt_money(row.income)} = {fmt_money(m.fee)} 元（{rate}）"
    if m.allowed is not None:
        text += (f"；按约定（{label_zh(m.allowed_label)}）最多扣 {fmt_money(m.allowed)} 元，"
                 f"应到账 {fmt_money(gross - m.allowed)} 元")
        if m.excess is not None and m.excess > 0:
            text += f"，多扣了 {fmt_money(m.excess)} 元"
    return text


def _arithmetic_en(m: Match, gross: Decimal, net: Decimal, rate: str) -> str:
    assert m.fee is not None
    text = f"{fmt_money(gross)} − {fmt_money(net)} = {fmt_money(m.fee)} yuan ({rate})"
    if m.allowed is not None:
        text += (f"; the agreement ({m.allowed_label}) allows at most {fmt_money(m.allowed)} yuan, "
                 f"so {fmt_money(gross - m.allowed)} should have arrived")
        if m.excess is not None and m.excess > 0:
            text += f": {fmt_money(m.excess)} yuan too much"
    return text


def _fixed_deduction(rec: Reconciliation) -> FixedDeduction | None:
    rates = rec.profile.rates
    per_txn = [m for m in rec.matches if m.shared_with == 1 and m.fee is not None]
    fee_rows = tuple(r for r in rec.settlements if r.expense and _INSTANT_HINT.search(r.summary_text)
                     and _FEE_WORD.search(r.summary_text))
    if fee_rows:
        total = sum((r.expense or Decimal(0) for r in fee_rows), Decimal(0))
        how = f"结算记录里单独列出了秒到（即时结算）手续费，共 {fmt_money(total)} 元"
        how_en = f"the settlement record lists instant-settlement fees of {fmt_money(total)} yuan separately"
        return FixedDeduction(total, how, tuple(per_txn), fee_rows, how_en)
    distinct = {m.gross for m in per_txn}
    if len(per_txn) >= 2 and len(distinct) >= 2:
        fit = _linear_fit([(m.gross, m.fee or Decimal(0)) for m in per_txn])
        if fit is not None:
            rate, fixed = fit
            ceiling = max((r for r in (rates.credit, rates.debit) if r is not None), default=Decimal("0.01"))
            extra = fixed - rates.fixed_fee
            if extra >= Decimal("0.5") and Decimal(0) <= rate <= ceiling + Decimal("0.001"):
                how = "；".join(f"{fmt_money(m.gross)} 元扣 {fmt_money(m.fee or Decimal(0))} 元"
                                for m in per_txn)
                how_en = "; ".join(f"{fmt_money(m.gross)} → fee {fmt_money(m.fee or Decimal(0))}"
                                   for m in per_txn)
                return FixedDeduction(
                    money_q(extra),
                    f"{how}：手续费 ≈ 金额 × {fmt_rate(rate)} + 每笔 {fmt_money(fixed)} 元",
                    tuple(per_txn),
                    how_en=f"{how_en}: fee ≈ {fmt_rate(rate)} × amount + {fmt_money(fixed)} yuan per transaction",
                )
    if per_txn and rates.known():
        excesses = [m.excess for m in per_txn if m.excess is not None]
        constant = len(excesses) == len(per_txn) and min(excesses) >= Decimal("0.5") and \
            max(excesses) - min(excesses) <= TOLERANCE and all(_round_half_yuan(e) for e in excesses)
        if constant and any(_instant_signal(m, rec.profile) for m in per_txn):
            how = "；".join(arithmetic(m) for m in per_txn)
            how_en = "; ".join(arithmetic(m, "en") for m in per_txn)
            return FixedDeduction(money_q(excesses[0]), how, tuple(per_txn), how_en=how_en)
    return None


def money_q(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"))


def _round_half_yuan(v: Decimal) -> bool:
    return v <= 10 and abs(v * 2 - (v * 2).to_integral_value()) <= Decimal("0.022")


def _instant_signal(m: Match, profile: MerchantProfile) -> bool:
    row = m.settlement
    if row is None:
        return False
    if _INSTANT_HINT.search(row.summary_text):
        return True
    agreed = profile.settlement_days
    return bool(agreed and agreed >= 1 and m.slip.day and row.day == m.slip.day)


def _linear_fit(points: list[tuple[Decimal, Decimal]]) -> tuple[Decimal, Decimal] | None:
    """Least squares fee = rate × gross + fixed; None unless every point is within a cent or two."""
    n = Decimal(len(points))
    sx = sum((x for x, _ in points), Decimal(0))
    sy = sum((y for _, y in points), Decimal(0))
    sxx = sum((x * x for x, _ in points), Decimal(0))
    sxy = sum((x * y for x, y in points), Decimal(0))
    den = n * sxx - sx * sx
    if den == 0:
        return None
    rate = (n * sxy - sx * sy) / den
    fixed = (sy - rate * sx) / n
    if any(abs(rate * x + fixed - y) > TOLERANCE for x, y in points):
        return None
    return rate, fixed
