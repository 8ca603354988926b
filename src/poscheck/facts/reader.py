"""Build `Fee` facts from one unit (row or sentence): amount, unit, period, cap, promotion, refund, options.

The reader knows the whole document (for quotes with original offsets, a table's header row and
the lines that follow a deposit clause), but each call reads one unit that `units.find_units`
produced and whose names `units.assign` paired with amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from poscheck.facts import patterns as P
from poscheck.facts.labels import Label
from poscheck.facts.units import Unit, piece_start
from poscheck.models import Document, Evidence, Fee
from poscheck.normalize import Normalized

MAX_QUOTE = 160
_TOP_SECTION = re.compile(r"\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+条)")
_CELL = re.compile(r"[^|]+")
_CLAUSE_SEP = re.compile(r"[,;]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _RateInfo:
    cap: float | None = None
    promo_months: int | None = None
    later_amount: float | None = None


# Condition patterns, each scanned only when a cheap gate word is in the unit.
_GATED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (P.REFUND, re.compile("返|退|奖励")), (P.REFUND_MONTHLY, re.compile("连续")), (P.CAP, re.compile("封顶|最高|上限")),
    (P.FROM_TO, re.compile("由|从")), (P.CHANGED_TO, re.compile("变|涨|调|提高|恢复")),
)


class FeeReader:
    """Turns paired (name, amount) of one unit into fees, quoting the original text."""

    def __init__(self, doc: Document, norm: Normalized):
        self.doc = doc
        self.norm = norm
        self.text = norm.text
        self._headers: dict[int, list[tuple[str, str]]] = {}

    def fees(self, u: Unit, pairs: list[tuple[Label, P.Amount]], labels: list[Label]) -> list[Fee]:
        priced = [lab.start for lab, _ in pairs]
        out = [f for lab, amt in pairs if (f := self._fee(u, lab, amt, priced)) is not None]
        out.extend(self._changed_to(u, labels, pairs, priced))
        return out

    def reserved(self, u: Unit) -> list[tuple[int, int]]:
        """Spans whose amounts belong to a condition (target, cap, later rate), not to a fee name."""
        text, out = self.text, []
        body = text[u.start:u.end]
        for pat, gate in _GATED:
            if gate.search(body):
                for m in pat.finditer(text, u.start, u.end):
                    out.append((m.start("b") if pat is P.FROM_TO else m.start(), m.end()))
        promo = P.PROMO.search(text, u.start, u.end) if "月" in body else None
        later = P.LATER.search(text, promo.end(), u.end) if promo else None
        if later:
            out.append((later.start("r"), later.end()))
        if "+" in body:
            out.extend((m.start("f"), m.end()) for m in P.RATE_PLUS.finditer(text, u.start, u.end))
        return out

    def _fee(self, u: Unit, lab: Label, amt: P.Amount, priced: list[int]) -> Fee | None:
        if amt.value <= 0:
            return None
        text = self.text
        lo, hi = self._scope(u)
        on = off = None
        if lab.kind != "rate":
            on, off = P.DEFAULT_ON.search(text, lo, hi), P.OPTIONAL.search(text, lo, hi)
        optional = None if lab.kind == "rate" else (False if on else (True if off else None))
        conditions: list[str] = []
        rate = _RateInfo()
        refundable: bool | None = None
        if lab.kind == "rate":
            rate = self._rate(u, lab, amt, conditions)
            period: str | None = "per_transaction"
            unit = "%"
        elif amt.unit == "%":
            period, unit = "per_transaction", "%"
        else:
            period = "once" if lab.kind == "deposit" else P.period_near(
                text, amt, piece_start(text, u, min(lab.start, amt.start)), u.end, lab.text)
            if period is None and lab.kind in ("instant", "withdrawal"):
                period = "per_transaction"
            unit = P.unit_for(period)
        if lab.kind != "rate":
            for m in (on, off):
                if m:
                    conditions.append(self._orig(m.start(), m.end()))
            if "首年免" in text[lo:hi]:
                conditions.append("首年免费")
            if lab.kind == "deposit":
                refundable = self._refund(u, conditions)
            conditions.extend(self._tiers(u, amt, "元"))
        return Fee(kind=lab.kind, label=self._label(lab), amount=amt.value, unit=unit,
                   evidence=self._evidence(u, lab, amt, priced), period=period, max_amount=amt.max_value,
                   optional=optional, conditions="; ".join(dict.fromkeys(c for c in conditions if c)),
                   channel=lab.channel if lab.kind == "rate" else None, cap=rate.cap,
                   promo_months=rate.promo_months, later_amount=rate.later_amount, refundable=refundable)

    def _rate(self, u: Unit, lab: Label, amt: P.Amount, conditions: list[str]) -> _RateInfo:
        """Channel, cap, promotion and later rate of a rate fee; notes go to `conditions`."""
        text = self.text
        nxt = min([x.start for x in u.labels if x.start > lab.start and x.kind == "rate" and not x.generic]
                  + [u.end])
        cap_m = P.CAP.search(text, amt.end, nxt)
        cap = float(cap_m.group("cap")) if cap_m else self._cap_column(u)
        if P.NO_CAP.search(text, amt.end, nxt):
            cap = None
        for pat in (P.SMALL_TICKET, P.PERMANENT):
            m = pat.search(text, lab.start, nxt)
            if m:
                conditions.append(self._orig(m.start(), m.end()))
        promo: int | None = None
        later: float | None = None
        pm = P.PROMO.search(text, u.start, amt.start)
        lm = P.LATER.search(text, amt.end, u.end) if pm and amt.start - pm.end() < 24 else None
        if pm and amt.start - pm.end() < 24:
            promo = P.promo_months(pm.group(0))
            conditions.append(self._orig(pm.start(), lm.end() if lm else amt.end))
        if lm:
            later = float(lm.group("r"))
        for m in P.FROM_TO.finditer(text, max(u.start, amt.start - 4), u.end):
            if m.start("a") <= amt.start < m.end("a"):
                later = float(m.group("b"))
                conditions.append(self._orig(m.start(), m.end()))
                conditions.extend(self._notice(u))
        conditions.extend(self._tiers(u, amt, "%"))
        return _RateInfo(cap, promo, later)

    def _changed_to(self, u: Unit, labels: list[Label], pairs: list[tuple[Label, P.Amount]],
                    priced: list[int]) -> list[Fee]:
        """'费率变成了0.68%' (a later rate whose earlier value is stated elsewhere) and '0.6%+3' surcharges."""
        out: list[Fee] = []
        rate_labels = [lab for lab in labels if lab.kind == "rate"]
        taken = {a.start for _, a in pairs}
        taken |= {m.start("b") for m in P.FROM_TO.finditer(self.text, u.start, u.end)}
        for m in P.CHANGED_TO.finditer(self.text, u.start, u.end):
            if m.start("r") in taken or not rate_labels:
                continue
            lab = min(rate_labels, key=lambda x: abs(x.start - m.start()))
            amt = P.Amount(m.start("r"), m.end(), float(m.group("r")), "%")
            out.append(Fee(kind="rate", label=self._label(lab), amount=None, unit="%",
                           evidence=self._evidence(u, lab, amt, priced), channel=lab.channel,
                           period="per_transaction", later_amount=amt.value,
                           conditions="; ".join([self._orig(m.start(), m.end()), *self._notice(u)])))
        for lab, amt in pairs:
            plus = P.RATE_PLUS.match(self.text, amt.start) if lab.kind == "rate" else None
            if plus:
                out.append(Fee(kind="instant", label=self._orig(plus.start(), plus.end()),
                               amount=float(plus.group("f")), unit="元/笔", period="per_transaction",
                               evidence=self._evidence(u, lab, amt, priced), conditions="费率外每笔另加"))
        return out

    def _notice(self, u: Unit) -> list[str]:
        """The compliant-notice words (提前30日, 免费解约) around a stated rate change, if any."""
        text = self.text
        lo = text.rfind("\n", 0, u.start) + 1
        hi = text.find("\n", u.end)
        m = P.NOTICE.search(text, lo, len(text) if hi < 0 else min(hi, u.end + 200))
        return [self._orig(m.start(), m.end())] if m else []

    def _refund(self, u: Unit, conditions: list[str]) -> bool | None:
        """Whether a deposit comes back: its refund target and no-refund words, here or in the next lines."""
        lo, window = u.start, self._window(u)
        m = P.REFUND.search(window) or P.REFUND_MONTHLY.search(window)
        refundable: bool | None = None
        if m:
            conditions.append(self._orig(lo + m.start(), lo + m.end()))
            refundable = True
        dev = P.DEVICE_RETURN.search(window)
        if dev and not m:
            conditions.append(self._orig(lo + dev.start(), lo + dev.end()))
            refundable = True
        no = P.NO_REFUND.search(window)
        if no:
            conditions.append(self._orig(lo + no.start(), lo + no.end()))
            if refundable is None or P.NO_REFUND_EVER.search(window, max(0, no.start() - 16), no.start()):
                refundable = False
        return refundable

    def _tiers(self, u: Unit, taken: P.Amount, unit: str) -> list[str]:
        """Other columns of a table row: 'VIP会员: 0.52%'."""
        header = self._header(u)
        if not header:
            return []
        out, pos = [], u.start
        for j, cell in enumerate(self.text[u.start:u.end].split("|")):
            lo, pos = pos, pos + len(cell) + 1
            if j == 0 or lo <= taken.start < pos or j >= len(header) or not header[j][0] or "封顶" in header[j][0]:
                continue
            amts = [a for a in u.free if lo <= a.start < pos and a.unit == unit]
            if amts:
                out.append(f"{header[j][1]}: {self._orig(amts[0].start, amts[0].end)}")
        return out

    def _cap_column(self, u: Unit) -> float | None:
        header = self._header(u)
        col = next((j for j, (h, _) in enumerate(header) if "封顶" in h), None)
        cells = self.text[u.start:u.end].split("|")
        if col is None or col >= len(cells):
            return None
        ys = P.yuans(cells[col])
        return ys[0].value if ys else None

    def _header(self, u: Unit) -> list[tuple[str, str]]:
        """(normalised, original) column names: the table's first row, when it holds no amounts."""
        if not u.is_row:
            return []
        if u.start not in self._headers:
            self._headers[u.start] = self._read_header(u)
        return self._headers[u.start]

    def _read_header(self, u: Unit) -> list[tuple[str, str]]:
        text, pos, first = self.text, u.start, ""
        for _ in range(40):
            if pos <= 0:
                break
            prev = text.rfind("\n", 0, pos - 1) + 1
            line = text[prev:pos - 1]
            if "|" not in line:
                break
            first, pos = line, prev
        if not first or P.PERCENT.search(first) or P.YUAN.search(first):
            return []
        return [(m.group(0).strip(), self._orig(pos + m.start(), pos + m.end()).strip())
                for m in _CELL.finditer(first)]

    def _window(self, u: Unit) -> str:
        """A unit plus, for prose, the rest of its line and up to two more lines of the same article."""
        text = self.text
        if u.is_row:
            return text[u.start:u.end]
        hi = text.find("\n", u.end)
        hi = len(text) if hi < 0 else hi
        for _ in range(2):
            if hi >= len(text):
                break
            nl = text.find("\n", hi + 1)
            nl = len(text) if nl < 0 else nl
            line = text[hi + 1:nl]
            if "|" in line or (_TOP_SECTION.match(line) and not re.search("返|退", line)):
                break
            hi = nl
        return text[u.start:min(hi, u.start + 400)]

    def _scope(self, u: Unit) -> tuple[int, int]:
        """Where optional / default-on words count for a fee: its row, or its sentence and the one before."""
        if u.is_row:
            return u.start, u.end
        text = self.text
        line_start = text.rfind("\n", 0, u.start) + 1
        prev = max(text.rfind(c, line_start, max(line_start, u.start - 1)) for c in "。!?")
        return (max(line_start, prev + 1) if prev >= 0 else line_start), u.end

    def _label(self, lab: Label) -> str:
        return lab.borrowed or _SPACES.sub("", self._orig(lab.start, lab.end))

    def _orig(self, start: int, end: int) -> str:
        s, e = self.norm.orig_span(start, end)
        return self.doc.text[s:e]

    def _evidence(self, u: Unit, lab: Label, amt: P.Amount, priced: list[int]) -> Evidence:
        """The row cells or the clause(s) that state this fee, cut before the next fee's name."""
        text = self.text
        a, b = min(lab.start, amt.start), max(lab.end, amt.end)
        others = [x for x in priced if x != lab.start and not a <= x < b]
        stop = min([x for x in others if x >= b] + [u.end])
        begin = max([x for x in others if x < a] + [u.start])
        lo = piece_start(text, u, a, "|" if u.is_row else ",;")
        lo = a if lo < begin else lo
        if u.is_row:
            cut = text.rfind("|", b, stop)
            hi = cut if stop < u.end and cut > 0 else stop
        else:
            m = _CLAUSE_SEP.search(text, b, stop)
            hi = m.start() if m else stop
        while lo < hi and text[lo] in " \t|,;:。":
            lo += 1
        while hi > lo and text[hi - 1] in " \t|,;●•·":
            hi -= 1
        if hi - lo > MAX_QUOTE:
            lo = max(lo, a - 20)
            hi = min(hi, lo + MAX_QUOTE)
        s, e = self.norm.orig_span(lo, hi)
        doc = self.doc
        return Evidence(document=doc.id, source=doc.source, quote=doc.text[s:e], start=s, end=e, page=doc.page_of(s),
                        context_before=doc.text[max(0, s - 40):s], context_after=doc.text[e:e + 40])
