"""Cut a normalised text into fee-bearing units (table rows, sentences) and pair fee names with amounts.

A unit is a table row (a line with `|`) or a sentence of prose that contains at least one fee
name. Pairing: a name takes the first fitting amount after it in its clause (before the next
name), else the nearest before it in its clause, else the nearest within `NEAR` characters in
the unit (closest pairs first). Generic names (费率, 手续费) get the first two chances after all
specific names have had theirs, and before the specific names' last resort. A rate written without
"%" (patterns.BARE_RATE) goes only to a rate's name before it in its clause, a yuan amount without
"元" (patterns.BARE_YUAN_AFTER) only to the name it follows.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise

from poscheck.facts import patterns as P
from poscheck.facts.labels import HEADING, Label
from poscheck.textscan import CHAT_HEADER

NEAR = 30  # characters between a fee name and an amount in the same unit (last resort)
_SENTENCE_END = re.compile(r"[。!?]")
_CLAUSE_END = re.compile(r"[,;，；]")


@dataclass(slots=True)
class Unit:
    """One table row or sentence being read."""

    start: int
    end: int
    is_row: bool
    labels: list[Label] = field(default_factory=list)
    amounts: list[P.Amount] = field(default_factory=list)  # filled in by the caller, for the units it reads
    free: list[P.Amount] = field(default_factory=list)  # amounts that are not thresholds or conditions
    told: P.Amount | None = None  # the sum of a deduction told in the sentence before (read as yuan)
    every: str | None = None  # how often its deductions recur, when a count tells it (半年扣两次 → quarter)
    every_kind: str = ""  # the kind of fee that count is about (the name nearest to it)
    header: tuple[int, int] | None = None  # for a row priced under a header row of names: that row's span


def find_units(text: str, labels: list[Label]) -> list[Unit]:
    """Rows and sentences that contain at least one fee name (their amounts are left to the caller).

    A sentence that only says what a deduction told just before was called ("多扣了199元。再问，说是
    ‘激活服务费’", as complaints tell it) is read together with the sentence before it."""
    units: list[Unit] = []
    k = 0
    while k < len(labels):
        lo = text.rfind("\n", 0, labels[k].start) + 1
        hi = text.find("\n", labels[k].start)
        hi = len(text) if hi < 0 else hi
        j = k + 1
        while j < len(labels) and labels[j].start < hi:
            j += 1
        if text.find("|", lo, hi) >= 0:
            units.append(Unit(lo, hi, True, [lab for lab in labels[k:j] if lab.end <= hi]))
        else:
            units.extend(_sentences(text, lo, hi, labels[k:j]))
        k = j
    units = [u for u in units if u.labels]
    _changed_after(text, units, [lab.start for lab in labels])
    units.extend(_answers(text, units))
    units.extend(_chat_answers(text, units))
    units.extend(_under_header(text, units))
    if "\n" in text:
        starts = [lab.start for lab in labels]
        for u in units:
            if not u.is_row and u.labels:
                _priced_below(text, u, starts)
    return units


# A table that a PDF gives a cell a line (开通服务费 / ☑ / 299元 / 于首笔交易时…扣收; 终端服务年费* / 298元/台/年): a
# line that ends on a fee's name (maybe with a footnote mark), then at most two cells of a tick box or a yes/no (a
# PDF's line joining leaves them alone), then a line that opens with the amount — with its unit when no box cell
# came between. The unit is extended over them, to the amount's line or the next fee's name on it.
_BOX_CELL = re.compile(rf"[ \t]*(?:[{P.UNTICKED_BOX}{P.TICKED_BOX}]|是|否|有|无)[ \t]*")
_CELL_AMOUNT = re.compile(r"[ \t]*(?:¥|人民币)?\s*\d")
# (a receipt's amount line: 人民币（大写）叁佰玖拾捌元整 ¥398.00)
_CELL_PRICE = re.compile(r"[ \t]*(?:¥|人民币)?[ \t]*(?:\((?:大写|小写)\)[ \t:_]*)?\d+(?:\.\d+)?\s*(?:元|%)")
# …or, under a rate's name, a line of a rate without its sign alone (a poster: 信用卡 / 0.38 / 终身不涨价)
_CELL_BARE_RATE = re.compile(r"[ \t]*(?:0\.[2-9]\d{0,2}|1\.[0-2]\d?)[ \t]*")
# What may follow a fee's name at the end of its cell: a footnote mark, or a short aside (信用卡（刷卡/插卡/挥卡）).
_NAME_TAIL = re.compile(r"[ \t*※]*(?:\([^()\n]{1,16}\)[ \t*※]*)?")
_ASIDE_END = re.compile(r"\([^()\n]{1,16}\)[ \t*※]*$")


def _priced_below(text: str, u: Unit, starts: list[int]) -> None:
    """Extends the unit `u`, whose line ends on a fee name, over the tick-box cells below it (if any) to that fee's
    price; or, when the line is a section's heading (◆ 流量), over the section's next line when it names no fee."""
    hi = text.find("\n", u.labels[-1].end)
    if hi < 0 or u.end != hi:
        return
    named = u.labels
    aside = _ASIDE_END.search(text, u.start, hi)
    if aside is not None and any(aside.start() < x.start for x in u.labels):
        # the names in an aside tell how the name before it is used (刷卡/插卡/挥卡 of 信用卡): that name is priced
        named = [x for x in u.labels if x.end <= aside.start()]
        if not named or any(x.kind != named[-1].kind for x in u.labels):
            return
    if not _NAME_TAIL.fullmatch(text, named[-1].end, hi):
        return
    if HEADING.match(text, u.start, hi + 1):
        nxt = text.find("\n", hi + 1)
        nxt = len(text) if nxt < 0 else nxt
        k = bisect.bisect_right(starts, hi)
        if (k == len(starts) or starts[k] >= nxt) and _DIGIT.search(text, hi + 1, nxt):
            u.end, u.labels = nxt, named  # 第一年送，第二年起99元/年, under ◆ 流量
        return
    boxes = 0
    while True:
        nxt = text.find("\n", hi + 1)
        nxt = len(text) if nxt < 0 else nxt
        if (_CELL_AMOUNT.match(text, hi + 1, nxt) if boxes else _CELL_PRICE.match(text, hi + 1, nxt)) or (
                not boxes and all(x.kind == "rate" for x in named) and _CELL_BARE_RATE.fullmatch(text, hi + 1, nxt)):
            k = bisect.bisect_right(starts, hi)
            u.end, u.labels = (min(nxt, starts[k]) if k < len(starts) else nxt), named
            return
        if boxes == 2 or not _BOX_CELL.fullmatch(text, hi + 1, nxt):
            return
        boxes, hi = boxes + 1, nxt


def _under_header(text: str, units: list[Unit]) -> list[Unit]:
    """Rows of a table that name no fee, priced under a header row that does (机型 | 刷卡费率 | 押金 | 流量费 /
    电签版 | 0.6% | 无 | 第二年起每年99元): each cell takes its column's name."""
    out: list[Unit] = []
    rows = {u.start: u for u in units if u.is_row}  # a row unit starts its line
    for head in units:
        if not head.is_row or text.rfind("|", 0, max(0, head.start - 1)) > text.rfind("\n", 0, max(0, head.start - 1)):
            continue
        if any(c.isdigit() for c in text[head.start:head.end]):
            continue  # a header names its columns; a row with figures is a row of its own
        columns = _cells(text, head.start, head.end)
        names = {i: lab for lab in head.labels for i, (a, b) in enumerate(columns) if a <= lab.start < b}
        lo = head.end + 1
        while lo < len(text):
            hi = text.find("\n", lo)
            hi = len(text) if hi < 0 else hi
            if text.find("|", lo, hi) < 0:
                break
            cells = _cells(text, lo, hi)
            figures = [i for i, (a, b) in enumerate(cells) if _FIGURE.search(text, a, b)]
            own = rows.get(lo)
            if own is None:
                borrowed = [_borrow(names[i], cells[i][0]) for i in figures if i in names]
                if borrowed:
                    out.append(Unit(lo, hi, True, borrowed, header=(head.start, head.end)))
            elif names:
                # a row that names a fee of its own (银盛 | 前3个月0.38%… | 199元… | 秒到, under …| 押金 | 到账): its
                # figures are still its columns' when every figure's cell has its own name or a specific column's
                # name, and then a name in a cell without a figure (秒到, the 到账 column's value) prices nothing
                labelled = {i for lab in own.labels for i, (a, b) in enumerate(cells) if a <= lab.start < b}
                specific = {i for i in figures if i not in labelled and i in names and not names[i].generic}
                if specific and all(i in labelled or i in specific for i in figures):
                    figured = {cells[i] for i in figures}
                    own.labels = sorted([lab for lab in own.labels if any(a <= lab.start < b for a, b in figured)]
                                        + [_borrow(names[i], cells[i][0]) for i in specific], key=lambda x: x.start)
                    own.header = (head.start, head.end)
            lo = hi + 1
    return out


_FIGURE = re.compile(r"(?<![td])(?<![td]\+)\d")  # a cell's figure (a settlement's t+1 or d0 is none)


def _borrow(name: Label, at: int) -> Label:
    """The column's name `name` as the label of the cell that starts at `at` (an empty span there)."""
    return Label(at, at, "", name.kind, name.channel, name.units, name.generic, name.text)


def _cells(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The (start, end) of each |-separated cell of the row text[lo:hi]."""
    out, start = [], lo
    while True:
        bar = text.find("|", start, hi)
        if bar < 0:
            if text[start:hi].strip():
                out.append((start, hi))
            return out
        out.append((start, bar))
        start = bar + 1


# Words that say what a deduction told just before was called (as complaints tell it).
_TOLD = re.compile(r"说(?:那|这)?是|名目(?:是|为|叫)|名称(?:是|为|叫)|写的是|写着|备注(?:是|为)?|摘要(?:是|为)?|叫做"
                   r"|原来是|理由是")


# A sentence that ends on a fee's name (还有个通讯的费用。) and the next one that prices it (一年也就99，…).
_ENDS_ON_NAME = re.compile(r"\s*(?:吧|呢|啊|呀|哦|哈)?\s*[。!]")
_PRICE_OPENS = re.compile(r"[^。!?\d]{0,8}\d")
_DIGIT = re.compile(r"\d")


# How far after a rate's sentence, in its line or the next (a note under it, or the next paragraph when the rate's
# sentence ends its own), a change of that rate is looked for.
CHANGED_AFTER = 80
_NOTE_LINE = re.compile(r"[ \t]*(?:\(|【|注|备注|说明|内部说明)")


def _changed_after(text: str, units: list[Unit], starts: list[int]) -> None:
    """A rate's sentence is read on to a later sentence of its line that tells what the rate became and names no
    fee of its own (当时说好信用卡0.55%，一直也是这个数。上个月对账发现每笔都是按0.72%扣的), as a complaint tells it."""
    for u in units:
        if u.is_row or not any(lab.kind == "rate" for lab in u.labels):
            continue
        line_end = text.find("\n", u.end)
        # a note under the line, or the next paragraph after a rate that ends its own, reads on it
        if line_end >= 0 and ((line_end - u.end <= 2 and not text[u.end:line_end].strip())
                              or _NOTE_LINE.match(text, line_end + 1)):
            line_end = text.find("\n", line_end + 1)
        hi = min(len(text) if line_end < 0 else line_end, u.end + CHANGED_AFTER)
        k = bisect.bisect_left(starts, u.end)  # a change must be told before the next fee is named
        named = starts[k] if k < len(starts) else hi
        m = P.CHANGED_TO.search(text, u.end, hi) if P.CHANGED_TO_GATE.search(text, u.end, min(hi, named)) else None
        if m is None or named < m.start():
            continue  # no change told, or another fee named before it
        end = _SENTENCE_END.search(text, m.end(), hi)
        u.end = end.end() if end else hi


def _sentences(text: str, lo: int, hi: int, labels: list[Label]) -> list[Unit]:
    """The sentences of the line `text[lo:hi]` that hold some of its `labels` (in reading order).

    A sentence that ends on a fee's name and has no figure is read with the next sentence when that one opens
    with a figure before any other fee's name: people name a fee and price it in two breaths."""
    out: list[Unit] = []
    k, s, prev = 0, lo, lo  # prev: start of the sentence before s, if it holds no label
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)] + [hi]
    i = 0
    while i < len(ends):
        # pass over the sentences before the one that holds the next label (most sentences of a line hold none)
        first = bisect.bisect_right(ends, labels[k].start, i)  # < len(ends): the labels start before hi
        if first > i:
            prev, s, i = (ends[first - 2] if first - 1 > i else s), ends[first - 1], first
        e = ends[i]
        i += 1
        if e <= s:
            break
        j, last = k + 1, labels[k].end
        while j < len(labels) and labels[j].start < e:
            last = max(last, labels[j].end)
            j += 1
        if (i < len(ends) and _ENDS_ON_NAME.fullmatch(text, last, e) and not _DIGIT.search(text, s, e)
                and (price := _PRICE_OPENS.match(text, e, ends[i])) is not None
                and (j == len(labels) or labels[j].start >= price.end())):
            e = ends[i]  # 还有个通讯的费用。一年也就99: the next sentence prices the name this one ends on
            i += 1
            while j < len(labels) and labels[j].start < e:
                j += 1
        start, told = s, None
        # the name a deduction told before it is given: the first that is no rate (…让扫码激活，…到账少了299，
        # 打电话问，说是新机激活服务费), in this sentence or, without amounts of its own, in the one before
        name = labels[k]
        for lab in labels[k:j]:
            if lab.kind != "rate":
                name = lab
                break
        said = _TOLD.search(text, s, name.start)
        if said is not None:
            if (prev < s and not any(c.isdigit() for c in text[s:labels[k].end])
                    and (told := P.deducted(text, prev, s)) is not None):
                start = prev
            else:
                told = P.deducted(text, s, said.start())
        out.append(Unit(start, e, False, [lab for lab in labels[k:j] if lab.end <= e], told=told))
        if j == len(labels):
            return out
        k, prev, s = j, e, e
    return out


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


_ASKS = re.compile(r"多少|几个点|怎么收|咋收|收不收|要不要|[?吗]")
# (a message time: \d:\d\d, written colon first so that `re` skips from colon to colon instead of trying every digit)
_CLOCK = re.compile(r":(?<=\d:)\d\d")


def _chat_answers(text: str, units: list[Unit]) -> list[Unit]:
    """A chat's reply that prices what the message before it asked about (费率多少 / 前三个月0.38，三个月后恢复0.63):
    the question's name, the reply's amounts. Only a reply right after the asking line and its sender's header, or,
    in a chat whose messages have no headers (a screenshot's bubbles: 那流量费呢? / 头1年免费的,第二年开始每个季度扣29),
    the line right after a question about the fee, when that line asks nothing itself."""
    out: list[Unit] = []
    if not _CLOCK.search(text):
        return out  # no message times: no chat
    starts = sorted(v.start for v in units)
    for u in units:
        q_lo = text.rfind("\n", 0, u.start) + 1
        q_hi = text.find("\n", u.start)
        if q_hi < 0 or not _ASKS.search(text, q_lo, q_hi):
            continue
        h_hi = text.find("\n", q_hi + 1)
        if h_hi < 0:
            continue
        if CHAT_HEADER.fullmatch(text, q_hi + 1, h_hi):
            if not CHAT_HEADER.fullmatch(text, text.rfind("\n", 0, max(0, q_lo - 1)) + 1, max(0, q_lo - 1)):
                continue  # the asking line itself follows a sender's header: this is a chat
            a_lo = h_hi + 1
            a_hi = text.find("\n", a_lo)
            a_hi = len(text) if a_hi < 0 else a_hi
        elif text[u.end - 1] == "?" and text.find("?", q_hi + 1, h_hi) < 0:
            a_lo, a_hi = q_hi + 1, h_hi
        else:
            continue
        if bisect.bisect_left(starts, a_lo) < bisect.bisect_left(starts, a_hi):
            continue  # the reply names fees of its own (a unit starts on its line)
        names = [Label(a_lo, a_lo, "", lab.kind, lab.channel, lab.units, lab.generic, lab.text)
                 for lab in u.labels]
        if len(names) == 1:
            out.append(Unit(a_lo, a_hi, False, names))
    return out


def piece_start(text: str, u: Unit, pos: int, seps: str = "|,;") -> int:
    """Start of the clause (or table cell) of `pos` inside unit `u`."""
    best = u.start
    for ch in seps:
        k = text.rfind(ch, u.start, pos)
        if k >= 0:
            best = max(best, k + 1)
    return best


# A bare rate that a name's phrase follows (0.55的优惠费率); names joined in a list (贷记卡、借记卡) and the word that
# says they all pay the amount after the last (均为0.38%).
_OF_NAME = re.compile(r"\s*的[\u4e00-\u9fff]{0,3}")
_JOINED = re.compile(r"\s*(?:[、/和及与]|以及)\s*")
_ALL = re.compile(r"均|都|统一|统统|一律|同为|皆|全是|全部")


def assign(text: str, u: Unit, labels: list[Label], amounts: list[P.Amount],
           called: dict[int, P.Amount] | None = None) -> list[tuple[Label, P.Amount]]:
    """Pair fee names with amounts (see the module docstring for the order of preference); `called` maps a name's
    start to the sum named right before it (说299是押金), paired before anything else."""
    ends = [] if u.is_row else [m.start() for m in _CLAUSE_END.finditer(text, u.start, u.end)]
    specific = [lab for lab in labels if not lab.generic]
    generic = [lab for lab in labels if lab.generic]
    free: list[P.Amount | None] = list(amounts)  # a taken amount becomes None
    got: dict[int, P.Amount] = {}

    def take(lab: Label, i: int, follows: bool = False) -> bool:
        a = free[i]
        if a is None or a.unit not in lab.units:
            return False
        if a.bare and (not follows or (a.unit == "%") != (lab.kind == "rate")):
            return False  # an amount without its unit is one only after a name of its kind
        free[i] = None
        got[id(lab)] = a
        return True

    def after(lab: Label) -> None:
        k = bisect.bisect_right(ends, lab.start)
        hi = ends[k] if k < len(ends) else u.end
        nxt = u.end  # where the next specific name starts
        for x in specific:
            if x.start >= lab.end:
                nxt = x.start
                break
        for i, a in enumerate(amounts):
            if lab.end <= a.start and a.end <= min(hi, nxt) and take(lab, i, follows=True):
                return
        if k < len(ends) and hi <= nxt and not text[lab.end:hi].strip():
            # a name that ends its clause is priced by a bare sum in the next one (开个会员，一年290)
            hi2 = min(ends[k + 1] if k + 1 < len(ends) else u.end, nxt)
            for i, a in enumerate(amounts):
                if a.bare and hi < a.start and a.end <= hi2 and take(lab, i, follows=True):
                    return

    def before(lab: Label) -> None:
        k = bisect.bisect_right(ends, lab.start)
        lo = ends[k - 1] + 1 if k else u.start
        lo = max([lo] + [x.end for x in specific if x.end <= lab.start])
        for i in range(len(amounts) - 1, -1, -1):
            a = amounts[i]
            # (a bare rate that the name's phrase follows is its own: 开的是0.55的优惠费率)
            if lo <= a.start and a.end <= lab.start and take(lab, i, follows=a.bare and _OF_NAME.fullmatch(
                    text, a.end, lab.start) is not None):
                return

    pins = called or {}
    for lab in labels if pins else ():
        if (pin := pins.get(lab.start)) is not None:
            i = next((i for i, a in enumerate(amounts) if a.start == pin.start), -1)
            if i >= 0:
                take(lab, i, follows=True)  # (a pinned sum may be written without 元)
    plan = ((specific, after), (specific, before), (generic, after), (generic, before))
    for group, find in plan:
        for lab in group:
            if id(lab) not in got:
                find(lab)
    # Last resort: the closest (name, amount) pairs first, whichever name comes first in the text.
    gaps = sorted((max(a.start - lab.end, lab.start - a.end, 0), k, i) for k, lab in enumerate(specific)
                  if id(lab) not in got for i, a in enumerate(amounts) if free[i] is not None)
    for g, k, i in gaps:
        if g <= NEAR and id(specific[k]) not in got:
            take(specific[k], i)
    # Names listed before one amount they all pay (贷记卡、借记卡均为0.38%): each takes it, last to first.
    for lab, nxt in reversed(list(pairwise(specific))) if len(got) < len(labels) and len(specific) > 1 else ():
        if (id(lab) not in got and (a := got.get(id(nxt))) is not None and a.unit in lab.units
                and _JOINED.fullmatch(text, lab.end, nxt.start) and _ALL.search(text, nxt.end, a.start)):
            got[id(lab)] = a
    return [(lab, got[id(lab)]) for lab in labels if id(lab) in got]

