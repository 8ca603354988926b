"""Cut a normalised text into fee-bearing units (table rows, sentences) and pair fee names with amounts.

A unit is a table row (a line with `|`) or a sentence of prose that contains at least one fee
name. Pairing: a name takes the first fitting amount after it in its clause (before the next
name), else the nearest before it in its clause, else the nearest within `NEAR` characters in
the unit. Generic names (费率, 手续费) get the first two chances after all specific names have had
theirs, and before the specific names' last resort.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from poscheck.facts import patterns as P
from poscheck.facts.labels import Label

NEAR = 30  # characters between a fee name and an amount in the same unit (last resort)
_SENTENCE_END = re.compile(r"[。!?]")
_CLAUSE_END = re.compile(r"[,;，；]")


@dataclass
class Unit:
    """One table row or sentence being read."""

    start: int
    end: int
    is_row: bool
    labels: list[Label] = field(default_factory=list)
    amounts: list[P.Amount] = field(default_factory=list)
    free: list[P.Amount] = field(default_factory=list)  # amounts that are not thresholds or conditions


def find_units(text: str, labels: list[Label]) -> list[Unit]:
    """Rows and sentences that contain at least one fee name, with the amounts inside them."""
    units: list[Unit] = []
    line_end = -1
    for lab in labels:
        if lab.start < line_end:
            continue
        lo = text.rfind("\n", 0, lab.start) + 1
        line_end = text.find("\n", lab.start)
        line_end = len(text) if line_end < 0 else line_end
        if "|" in text[lo:line_end]:
            units.append(Unit(lo, line_end, True))
            continue
        s = lo
        for m in _SENTENCE_END.finditer(text, lo, line_end):
            units.append(Unit(s, m.end(), False))
            s = m.end()
        if s < line_end:
            units.append(Unit(s, line_end, False))
    starts = [u.start for u in units]
    for lab in labels:
        i = bisect.bisect_right(starts, lab.start) - 1
        if i >= 0 and lab.end <= units[i].end:
            units[i].labels.append(lab)
    units = [u for u in units if u.labels]
    units.extend(_answers(text, units))
    for u in units:
        amounts = P.percents(text, u.start, u.end) + P.yuans(text, u.start, u.end)
        u.amounts = sorted(amounts, key=lambda a: a.start)
    return units


_QUESTION = re.compile(r"\s*(?:问|q\d*)\s*[:：]")
_ANSWER = re.compile(r"\s*(?:答|a\d*)\s*[:：]")


def _answers(text: str, units: list[Unit]) -> list[Unit]:
    """FAQ answers without fee names of their own, given the names of their question (问：要押金吗？答：99元…)."""
    out: list[Unit] = []
    for u in units:
        line_start = text.rfind("\n", 0, u.start) + 1
        if u.start != line_start or not _QUESTION.match(text, line_start):
            continue
        q_end = text.find("\n", u.start)
        if q_end < 0:
            continue
        a_end = text.find("\n", q_end + 1)
        a_end = len(text) if a_end < 0 else a_end
        m = _ANSWER.match(text, q_end + 1)
        if not m:
            continue
        end_m = _SENTENCE_END.search(text, m.end(), a_end)
        end = end_m.end() if end_m else a_end
        own = [lab for v in units for lab in v.labels if m.end() <= lab.start < end]
        kinds = {lab.kind for lab in own}
        names = [Label(m.end(), m.end(), "", lab.kind, lab.channel, lab.units, lab.generic, lab.text)
                 for lab in u.labels if not lab.generic and lab.kind not in kinds]
        if names:
            host = next((v for v in units if v.start <= m.end() < v.end), None)
            if host is not None:
                host.labels = sorted(host.labels + names[:1], key=lambda lab: lab.start)
            else:
                out.append(Unit(m.end(), end, False, names[:1]))
    return out


def piece_start(text: str, u: Unit, pos: int, seps: str = "|,;") -> int:
    """Start of the clause (or table cell) of `pos` inside unit `u`."""
    best = u.start
    for ch in seps:
        k = text.rfind(ch, u.start, pos)
        if k >= 0:
            best = max(best, k + 1)
    return best


def assign(text: str, u: Unit, labels: list[Label], amounts: list[P.Amount]) -> list[tuple[Label, P.Amount]]:
    """Pair fee names with amounts (see the module docstring for the order of preference)."""
    used: set[int] = set()
    got: dict[int, P.Amount] = {}
    specific = [lab for lab in labels if not lab.generic]
    ends = [] if u.is_row else [m.start() for m in _CLAUSE_END.finditer(text, u.start, u.end)]

    def clause(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(ends, pos)
        return (ends[i - 1] + 1 if i else u.start, ends[i] if i < len(ends) else u.end)

    def take(lab: Label, cands: list[P.Amount]) -> None:
        for a in cands:
            if id(a) not in used and a.unit in lab.units:
                used.add(id(a))
                got[id(lab)] = a
                return

    def after(lab: Label) -> list[P.Amount]:
        nxt = next((x.start for x in specific if x.start >= lab.end), u.end)
        hi = min(nxt, clause(lab.start)[1])
        return [a for a in amounts if lab.end <= a.start and a.end <= hi]

    def before(lab: Label) -> list[P.Amount]:
        prev = max((x.end for x in specific if x.end <= lab.start), default=u.start)
        lo = max(prev, clause(lab.start)[0])
        return [a for a in reversed(amounts) if lo <= a.start and a.end <= lab.start]

    def gap(lab: Label, a: P.Amount) -> int:
        return max(a.start - lab.end, lab.start - a.end, 0)

    def nearest(lab: Label) -> list[P.Amount]:
        return sorted((a for a in amounts if gap(lab, a) <= NEAR), key=lambda a: gap(lab, a))

    generic = [lab for lab in labels if lab.generic]
    plan: tuple[tuple[list[Label], Callable[[Label], list[P.Amount]]], ...] = (
        (specific, after), (specific, before), (generic, after), (generic, before), (specific, nearest))
    for group, find in plan:
        for lab in group:
            if id(lab) not in got:
                take(lab, find(lab))
    return [(lab, got[id(lab)]) for lab in labels if id(lab) in got]
