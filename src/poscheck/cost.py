"""Estimate what a fee schedule really costs a merchant in the first and later years, formula shown.

Input: the `Fee` facts of a report and a merchant `Profile` (monthly volume, channel mix, average
ticket). Output: one `CostLine` per fee with the numbers and the arithmetic as text, next to what the
advertised rate alone would cost. Duplicates of a fee seen on several pages count once (the dearest
reading wins, and the line says the documents disagree). Numbers stay numbers here; the view model
formats them for people.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from poscheck.facts.patterns import PER_YEAR, PERIOD_OF_UNIT
from poscheck.models import Evidence, Fee

CHANNELS: tuple[str, ...] = ("credit", "debit", "qr")
#: A refund target counts as reachable only when the expected volume beats it by this factor.
REFUND_MARGIN = 1.2
DAYS_PER_MONTH = 30
_SINGLE = {"deposit", "data", "membership", "instant", "insurance", "withdrawal"}
_TARGET = re.compile(r"(?:刷满|满|达到|达|累计|超过)\D{0,8}?(\d+(?:\.\d+)?)\s*(万元|万|千元|千|元)")
_DAYS = re.compile(r"(\d+)\s*(天|日|个月|月|年)")


@dataclass(frozen=True)
class Profile:
    """A merchant's business as the estimate assumes it (defaults: a small shop)."""

    monthly_volume: float = 50_000.0
    credit_share: float = 0.4
    debit_share: float = 0.3
    qr_share: float = 0.3
    average_ticket: float = 200.0
    withdrawals_per_month: int = 22

    def __post_init__(self) -> None:
        shares = (self.credit_share, self.debit_share, self.qr_share)
        if self.monthly_volume <= 0 or self.average_ticket <= 0:
            raise ValueError("monthly volume and average ticket must be positive amounts in CNY")
        if min(shares) < 0 or abs(sum(shares) - 1) > 1e-6:
            raise ValueError(f"channel shares must be >= 0 and add up to 1, got {shares}")

    def share(self, channel: str | None) -> float:
        if channel is None:
            return 1.0
        return {"credit": self.credit_share, "debit": self.debit_share, "qr": self.qr_share}[channel]

    def volume(self, channel: str | None = None) -> float:
        """Monthly volume in CNY of one channel (all channels for None)."""
        return self.monthly_volume * self.share(channel)

    def count(self, channel: str | None = None) -> float:
        """Monthly number of transactions of one channel (all channels for None)."""
        return self.volume(channel) / self.average_ticket


@dataclass(frozen=True)
class Note:
    """A remark on a cost line: a key the UI translates, with already-formatted values."""

    key: str
    values: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True)
class CostLine:
    key: str  # "rate:credit", "deposit", "data", "instant" … (names in poscheck.i18n_terms.COST_LABELS)
    label: str  # the fee's name as written
    first_year: float
    later_year: float
    formula_first: str
    formula_later: str
    notes: tuple[Note, ...] = ()
    evidence: Evidence | None = None


@dataclass(frozen=True)
class CostEstimate:
    profile: Profile
    lines: tuple[CostLine, ...]
    optional: tuple[CostLine, ...] = ()
    unpriced: tuple[CostLine, ...] = ()  # fees named without an amount
    missing: tuple[str, ...] = ()  # channels with no rate at all
    advertised_rate: float | None = None
    advertised_cost: float | None = None
    advertised_formula: str = ""

    @property
    def first_year(self) -> float:
        return round(sum(line.first_year for line in self.lines), 2)

    @property
    def later_year(self) -> float:
        return round(sum(line.later_year for line in self.lines), 2)

    @property
    def yearly_volume(self) -> float:
        return self.profile.monthly_volume * 12

    @property
    def has_fees(self) -> bool:
        return bool(self.lines or self.optional or self.unpriced)


def num(x: float) -> str:
    """An input figure: 50,000 or 0.5 or 3.25 (no trailing zeros)."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def money(x: float) -> str:
    return f"{x:,.2f}"


def pct(rate: float) -> str:
    """A percentage with two to four decimals: 0.60%, 0.38%, 0.0325%."""
    s = f"{rate:.4f}".rstrip("0")
    whole, _, frac = s.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}%"


@dataclass
class _Basis:
    """How one unit of a fee turns into money per month, and how to write that."""

    per_month: Callable[[float], float]
    write: Callable[[float, int], str]
    notes: list[Note] = field(default_factory=list)


def _basis(fee: Fee, profile: Profile, channel: str | None, cap: float | None) -> _Basis | None:
    unit = fee.unit.strip()
    period = fee.period or PERIOD_OF_UNIT.get(unit)
    if unit in ("%", "‰"):
        scale = 100.0 if unit == "%" else 1000.0
        if cap is not None:
            n, t = profile.count(channel), profile.average_ticket
            return _Basis(lambda a: n * min(t * a / scale, cap),
                          lambda a, m: f"{m} × {num(n)} × min({num(t)} × {pct(a * 100 / scale)}, {num(cap)})",
                          [Note("capped", (("cap", num(cap)),))])
        v = profile.volume(channel)
        return _Basis(lambda a: v * a / scale, lambda a, m: f"{m} × {num(v)} × {pct(a * 100 / scale)}")
    if not unit.startswith("元"):
        return None
    if period == "per_transaction":
        notes: list[Note] = []
        if fee.kind == "withdrawal":
            n = float(profile.withdrawals_per_month)
            notes.append(Note("per_withdrawal", (("n", num(n)),)))
        else:
            n = profile.count(channel)
            if channel is None:
                notes.append(Note("all_transactions"))
        return _Basis(lambda a: n * a, lambda a, m: f"{m} × {num(n)} × {num(a)}", notes)
    if period is None or period == "once":
        return None  # handled as a one-off by the caller
    per_year = PER_YEAR.get(period)
    if per_year is None:
        return None
    times = num(per_year)

    def write(a: float, m: int) -> str:
        return f"{times} × {num(a)}" if m == 12 else f"{m}/12 × {times} × {num(a)}"

    return _Basis(lambda a: a * per_year / 12, write)


def _amounts(fee: Fee) -> tuple[float, float, int, list[Note]]:
    """(amount, later amount, promotional months, notes): the upper end of a range, promo split."""
    assert fee.amount is not None
    notes: list[Note] = []
    first = fee.amount
    if fee.max_amount is not None and fee.max_amount > first:
        first = fee.max_amount
        notes.append(Note("upper_bound", (("value", num(first)),)))
    if fee.promo_months and fee.later_amount is not None:
        return first, fee.later_amount, fee.promo_months, notes
    return first, first, 0, notes


def _year(basis: _Basis, a1: float, a2: float, promo: int, year: int) -> tuple[float, str]:
    """Cost and formula of year 1 or 2 when the first `promo` months cost a1 and the rest a2."""
    m1 = max(0, min(12, promo - 12 * (year - 1)))
    terms = [(a1, m1), (a2, 12 - m1)] if a1 != a2 else [(a1, 12)]
    value = sum(basis.per_month(a) * m for a, m in terms if m)
    formula = " + ".join(basis.write(a, m) for a, m in terms if m)
    return round(value, 2), f"{formula} = {money(value)}"


def _line(fee: Fee, key: str, profile: Profile, channel: str | None, cap: float | None) -> CostLine | None:
    if fee.amount is None:
        return CostLine(key, fee.label, 0.0, 0.0, "?", "?", (), fee.evidence)
    a1, a2, promo, notes = _amounts(fee)
    if promo:
        unit = "%" if fee.unit == "%" else ""
        notes.append(Note("promo", (("months", str(promo)), ("amount", f"{num(a1)}{unit}"),
                                    ("later", f"{num(a2)}{unit}"))))
    basis = _basis(fee, profile, channel, cap)
    if basis is None:
        if not fee.unit.startswith("元"):
            return None
        if fee.period is None and fee.kind in ("data", "membership", "recurring"):
            yearly = Fee(fee.kind, fee.label, fee.amount, fee.unit, fee.evidence, channel=fee.channel,
                         period="year")
            basis = _basis(yearly, profile, channel, cap)
            notes.append(Note("period_assumed"))
        else:
            notes.append(Note("once"))
            return CostLine(key, fee.label, round(a1, 2), 0.0, f"{num(a1)} = {money(a1)}", "0",
                            tuple(notes), fee.evidence)
    assert basis is not None
    first, f1 = _year(basis, a1, a2, promo, 1)
    later, f2 = _year(basis, a1, a2, promo, 2)
    return CostLine(key, fee.label, first, later, f1, f2, tuple(notes + basis.notes), fee.evidence)


def refund_target(conditions: str) -> tuple[float, int | None] | None:
    """(target in CNY, window in days or None) from a refund condition such as 60天内刷满10万元."""
    from poscheck.normalize import normalize

    text = normalize(conditions).text if conditions else ""
    m = _TARGET.search(text)
    if not m:
        return None
    scale = {"万": 10_000, "千": 1_000}.get(m.group(2)[0], 1)
    value = float(m.group(1)) * scale
    d = _DAYS.search(text)
    days = None
    if d:
        n, unit = int(d.group(1)), d.group(2)
        days = n if unit in ("天", "日") else n * 365 if unit == "年" else n * DAYS_PER_MONTH
    return value, days


def _deposit_line(fee: Fee, profile: Profile) -> CostLine:
    amount = fee.max_amount if fee.max_amount and fee.amount and fee.max_amount > fee.amount else fee.amount
    if amount is None:
        return CostLine("deposit", fee.label, 0.0, 0.0, "?", "?", (), fee.evidence)
    target = refund_target(fee.conditions)
    lost: bool
    notes: list[Note] = []
    if fee.refundable is False:
        lost, notes = True, [Note("deposit_not_refundable")]
    elif target is not None:
        value, days = target
        if days is None:
            days = 365
            notes.append(Note("no_window"))
        expected = profile.monthly_volume * days / DAYS_PER_MONTH
        lost = expected < value * REFUND_MARGIN
        vals = (("days", str(days)), ("target", num(value)), ("expected", num(round(expected))))
        notes.append(Note("deposit_at_risk" if lost else "deposit_returned", vals))
    elif fee.refundable:
        lost, notes = False, [Note("deposit_refundable")]
    else:
        lost, notes = True, [Note("deposit_refund_unknown")]
    first = round(amount, 2) if lost else 0.0
    formula = f"{num(amount)} = {money(amount)}" if lost else "0"
    return CostLine("deposit", fee.label, first, 0.0, formula, "0", tuple(notes), fee.evidence)


def _deposit_rank(lf: tuple[CostLine, Fee]) -> tuple[object, ...]:
    """Readings with a refund target first, then an explicit refund term (non-refundable first), then dearest."""
    f = lf[1]
    return (refund_target(f.conditions) is None, f.refundable is None, f.refundable is not False,
            -(f.amount or 0.0), f.label, f.evidence.source, f.evidence.start)


def _channel_of(fee: Fee) -> str | None:
    return fee.channel if fee.channel in (*CHANNELS, "unionpay_qr") else None


def _worst(lines: Iterable[tuple[CostLine, Fee]]) -> tuple[CostLine, Fee, list[float]]:
    """The dearest reading of one fee (ties broken by label); its distinct lasting amounts for the note
    (a promotional rate read without its later rate is a partial reading, not a conflict)."""
    ranked = sorted(lines, key=lambda lf: (-lf[0].later_year, -lf[0].first_year, -len(lf[1].conditions),
                                           lf[0].label, lf[1].evidence.source, lf[1].evidence.start))
    amounts = sorted({f.later_amount if f.later_amount is not None else (f.amount or 0.0)
                      for _, f in ranked if not (f.promo_months and f.later_amount is None)})
    return ranked[0][0], ranked[0][1], amounts


def _with_note(line: CostLine, note: Note) -> CostLine:
    return replace(line, notes=(*line.notes, note))


def _rate_lines(fees: list[Fee], profile: Profile) -> tuple[list[CostLine], list[str], float | None]:
    rates = [f for f in fees if f.kind == "rate" and f.amount is not None and f.unit in ("%", "‰")]
    caps: dict[str | None, float] = {}
    for f in fees:
        if f.kind == "cap" and f.amount is not None:
            ch = _channel_of(f) or "debit"  # 封顶 without a card type is the debit-card cap
            caps[ch] = max(caps.get(ch, 0.0), f.amount)
    by_channel: dict[str, list[Fee]] = {}
    for f in rates:
        by_channel.setdefault(_channel_of(f) or "*", []).append(f)
    lines: list[CostLine] = []
    missing: list[str] = []
    chosen: dict[str, tuple[CostLine, Fee]] = {}
    for ch in CHANNELS:
        cands = by_channel.get(ch) or (by_channel.get("unionpay_qr") if ch == "qr" else None)
        generic = not cands and bool(by_channel.get("*"))
        cands = cands or by_channel.get("*")
        if not cands:
            continue
        built = []
        for f in cands:
            cap = f.cap if f.cap is not None else caps.get(ch) if ch == "debit" else None
            line = _line(f, f"rate:{ch}", profile, ch, cap)
            if line is not None:
                built.append((line, f))
        if not built:
            continue
        line, fee, amounts = _worst(built)
        if len(amounts) > 1:
            line = _with_note(line, Note("conflicting", (("values", ", ".join(pct(a) for a in amounts)),)))
        if generic:
            line = _with_note(line, Note("generic_rate", (("rate", pct(fee.amount or 0.0)),)))
        chosen[ch] = (line, fee)
    highest = max((f.later_amount if f.later_amount is not None else f.amount or 0.0)
                  for _, f in chosen.values()) if chosen else None
    for ch in CHANNELS:
        if profile.share(ch) == 0:
            continue
        if ch in chosen:
            lines.append(chosen[ch][0])
        elif highest is not None:
            assumed = Fee("rate", "", highest, "%", next(iter(chosen.values()))[1].evidence, channel=ch)
            cap = caps.get(ch) if ch == "debit" else None
            line = _line(assumed, f"rate:{ch}", profile, ch, cap)
            assert line is not None
            note = Note("assumed_rate", (("rate", pct(highest)),))
            lines.append(replace(_with_note(line, note), evidence=None))  # no quote: nothing was written
        else:
            missing.append(ch)
    card = [f.amount for f in rates if _channel_of(f) in ("credit", None) and f.amount is not None]
    every = [f.amount for f in rates if f.amount is not None]
    advertised = min(card) if card else (min(every) if every else None)
    return lines, missing, advertised


def _group_key(fee: Fee) -> tuple[object, ...]:
    unit_class = "%" if fee.unit in ("%", "‰") else PERIOD_OF_UNIT.get(fee.unit, fee.period or "once")
    if fee.kind in _SINGLE:
        return (fee.kind, unit_class, bool(fee.optional))
    return (fee.kind, unit_class, fee.channel or "", fee.amount, fee.label, bool(fee.optional))


def estimate(fees: Iterable[Fee], profile: Profile | None = None) -> CostEstimate:
    """First-year and later-year cost of a fee schedule for one merchant profile."""
    profile = profile or Profile()
    fees = list(fees)
    rate_lines, missing, advertised = _rate_lines([f for f in fees if not f.optional], profile)
    groups: dict[tuple[object, ...], list[tuple[CostLine, Fee]]] = {}
    unpriced: list[CostLine] = []
    for fee in fees:
        if fee.kind == "cap" or (fee.kind == "rate" and not fee.optional and fee.unit in ("%", "‰")):
            continue
        if fee.amount is None:
            unpriced.append(CostLine(fee.kind, fee.label, 0.0, 0.0, "?", "?", (), fee.evidence))
            continue
        channel = fee.channel if fee.channel in CHANNELS else None
        if fee.kind == "deposit":
            line: CostLine | None = _deposit_line(fee, profile)
        else:
            line = _line(fee, fee.kind, profile, channel, None)
        if line is not None:
            groups.setdefault(_group_key(fee), []).append((line, fee))
    lines = list(rate_lines)
    optional: list[CostLine] = []
    for key in sorted(groups, key=repr):
        group = groups[key]
        if key[0] == "deposit":  # the best-informed reading decides whether the deposit comes back
            line, fee = min(group, key=_deposit_rank)
            amounts = sorted({f.amount or 0.0 for _, f in group})
        else:
            line, fee, amounts = _worst(group)
        if len(amounts) > 1:
            line = _with_note(line, Note("conflicting", (("values", ", ".join(num(a) for a in amounts)),)))
        if fee.optional:
            optional.append(_with_note(line, Note("optional")))
        else:
            lines.append(line)
    order = {k: i for i, k in enumerate(("rate:credit", "rate:debit", "rate:qr", "deposit", "instant", "data",
                                          "membership", "insurance", "recurring", "withdrawal", "fixed"))}
    lines.sort(key=lambda c: (order.get(c.key, 99), c.key, c.label))
    adv_cost = round(profile.monthly_volume * 12 * advertised / 100, 2) if advertised is not None else None
    adv_formula = (f"12 × {num(profile.monthly_volume)} × {pct(advertised)} = {money(adv_cost)}"
                   if advertised is not None and adv_cost is not None else "")
    unique_unpriced = {(u.key, u.label): u for u in unpriced}
    return CostEstimate(profile, tuple(lines), tuple(optional),
                        tuple(unique_unpriced[k] for k in sorted(unique_unpriced)), tuple(missing),
                        advertised, adv_cost, adv_formula)
