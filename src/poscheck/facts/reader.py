"""Build `Fee` facts from one unit (row or sentence): amount, unit, period, cap, promotion, refund, options.

The reader knows the whole document (for quotes with original offsets, a table's header row and
the lines that follow a deposit clause), but each call reads one unit that `units.find_units`
produced and whose names `units.assign` paired with amounts. A fee the document states again
is kept once: the repetition only completes it, and is not quoted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from poscheck.facts import patterns as P
from poscheck.facts.labels import FIRST_SWIPE, Label
from poscheck.facts.units import Unit, piece_start
from poscheck.models import Document, Evidence, Fee
from poscheck.normalize import Normalized
from poscheck.rules import context
from poscheck.textscan import sentence_at

MAX_QUOTE = 160
RATE_MAX = 10.0  # percent: card and QR rates are below 1%, instant-payout and cash-out schemes' a few per cent
WITHDRAWAL_FEE_MAX = 100  # yuan: a withdrawal costs a few yuan or a share (vocabulary.md); a larger sum is withdrawn
HEADING_UP = 4  # lines above a fee's line in which its section heading may stand
NOTICE_AFTER = 300  # characters after a stated rate change read for its notice terms
PROMO_AFTER = 16  # characters after a rate within which its promotion may start (0.55%（前3个月）…)
# …which a merchant's demand is not: 希望平台帮忙协调…或者让我免费解约.
_DEMANDED = re.compile(r"(?:让我|要求|希望|请求|申请)[^。,;]{0,8}$")
DEMANDED_BACK = 10
# …nor is a way out that costs a fine (如商户不同意调整，可申请退机。…服务期未满申请退机的，商户须支付提前解约
# 违约金300元)
_EXIT_PRICED = re.compile(r"(?:须|需|应|要)(?:支付|缴纳|承担|赔偿)[^。;]{0,16}?(?:违约金|补偿金|赔偿金|解约费)")
REFUNDED_BEFORE = 60  # characters before a deposit, on its line, read for a notice that it is being given back
_TOP_SECTION = re.compile(r"\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+条)")
_CELL = re.compile(r"[^|]+")
# A table's column of promotional rates (活动期费率, 优惠价, 前3个月) and a later column of the rates after it
# (活动结束后, 3个月后, 恢复费率, 标准费率); how long the promotion lasts, said anywhere on the page
# (活动期：自入网之日起6个月).
_PROMO_COLUMN = re.compile(r"活动|优惠|促销|首月|前\d+个(?:自然)?月|前\d+天|新机|限时")
_AFTER_COLUMN = re.compile(
    r"结束后|到期后|\d+个(?:自然)?月后|之后|以后|恢复|次月起|第\d+个(?:自然)?月起|标准|正常|原价")
# A table of a change: each row's rate before it and after it (项目 | 原标准 | 新标准 / 贷记卡 | 0.58% | 0.78%).
_OLD_COLUMN = re.compile(r"^(?:原|调整前|变更前|现行|当前)")
_NEW_COLUMN = re.compile(r"^(?:新|调整后|变更后|调整为)")
_PROMO_LASTS = re.compile(
    r"(?:活动期|优惠期|活动时间|优惠时间|活动期限)[^。\n]{0,20}?(?P<n>\d+)个(?:自然)?月")
_CLAUSE_SEP = re.compile(r"[,;]")


_FROM_TO_GATE = re.compile("由|从")  # every FROM_TO match holds one of these words
# Condition patterns, each scanned only when a cheap gate word is in the unit.
_GATED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (P.REFUND, re.compile("返|退|奖励")), (P.REFUND_MONTHLY, re.compile("连续")), (P.CAP, re.compile("封顶|最高|上限")),
    (P.FROM_TO, _FROM_TO_GATE), (P.CHANGED_TO, P.CHANGED_TO_GATE),
    (P.PENALTY_SUM, P.FINE),
)
_ANY_GATE = re.compile("|".join(gate.pattern for _, gate in _GATED))  # most units have no gate word at all
# A yearly or monthly fee said of the card inside the terminal (机器里面有张卡，年费69): the data card's fee.
CARD_BACK = 24  # characters before a yearly or monthly fee's name read for the card it is about
_CARD_IN_DEVICE = re.compile(  # (…内置的4g流量卡服务将于2025-07-15到期,年服务费36元)
    r"(?:机器|机具|设备|终端|pos)[^,;。]{0,4}?(?:里面?|内)[^,;。]{0,4}?卡|(?:sim|物联网|物联|上网|流量)卡")
# The line a footnote mark (0.55%*) points to: the next one that starts with the same mark.
_NEVER_CHOSE = re.compile(r"(?:没有?|未|从未|不曾|并未)(?:勾|点|主动|自己)?$")  # before an opt-in word: not chosen
_OWN_LATER = r"\s*:?\s*(?P<r>\d+(?:\.\d+)?)\s*%"  # after a channel's name in a footnote: 贷记卡0.68%
_NOTE_GOES_ON = re.compile(r"[ \t]*[^\s*※|\d(（一二三四五六七八九十]")  # a line that is no new note, item or row
_FOOTNOTE = {mark: re.compile(r"\n[ \t]*(?:注\s*:?\s*)?" + re.escape(mark) + r"(?![*※])") for mark in "*※"}
_Key = tuple[str, str | None, float | None, str, float | None, int | None]
_RECURRING_PERIODS = frozenset(P.PER_YEAR)
_TAKEN_AGAIN_KINDS = frozenset({"data", "recurring", "membership", "insurance"})
PERIOD_AFTER = 80  # characters after a fee's sentence, in its line or the next, read for how often it is taken
_STAMP = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")


@dataclass(slots=True)
class _Read:
    """One unit being read, with what holds for all of its fees (worked out once per unit)."""

    u: Unit
    body: str  # the unit's text
    priced: list[int]  # starts of the names that got an amount
    change: bool  # the unit may state a rate change (由 / 从)
    optional: bool | None  # for fees other than rates: optional (可选) or on by default (默认开通)
    notes: tuple[str, ...]  # and the words that say so, plus 首年免费


class FeeReader:
    """Turns paired (name, amount) of the units of one document into fees, quoting the original text.

    A fee read again (same kind, channel, amount, unit, later rate and promotion) is not quoted
    again: it only fills in what the first one left open (cap, optional, refundable, conditions).
    """

    def __init__(self, doc: Document, norm: Normalized, labels: list[Label] | None = None):
        self.doc = doc
        self.norm = norm
        self.text = norm.text
        self.labels = labels or []  # every fee name of the document, for what it says of a service elsewhere
        self._headers: dict[int, list[tuple[str, str]]] = {}
        self._found: dict[_Key, Fee] = {}
        self._taken_at: dict[_Key, str] = {}  # by fee: the date it was first told taken, until told taken again
        self._optional_kinds: dict[str, tuple[int, int] | None] = {}  # by kind: what _optional_service found
        self._boxes = any(box in self.text for box in P.UNTICKED_BOX)  # a form's options left unticked

    def fees(self) -> list[Fee]:
        """The fees read so far, in the order they were first read."""
        return list(self._found.values())

    def read(self, u: Unit, body: str, pairs: list[tuple[Label, P.Amount]], labels: list[Label]) -> None:
        """Reads the fees of unit `u` (text `body`): its paired names and amounts, then stated rate changes."""
        optional: bool | None = None
        notes: list[str] = []
        if any(lab.kind != "rate" for lab, _ in pairs):
            lo, hi = self._scope(u)
            on, off = P.DEFAULT_ON.search(self.text, lo, hi), P.OPTIONAL.search(self.text, lo, hi)
            if not on and any(lab.kind == "data" for lab, _ in pairs):
                on = P.LOCKED_CARD.search(self.text, lo, hi) or (None if off else self._locked_card)
            if not (on or off) and (head := self._heading(u)) is not None:  # 二、快速结算（可选）above its items
                on, off = P.DEFAULT_ON.search(self.text, *head), P.OPTIONAL.search(self.text, *head)
            if off and _NEVER_CHOSE.search(self.text, max(0, off.start() - 6), off.start()):
                on, off = on or off, None  # 我从来没有勾选开通过: charged without being chosen
            optional = False if on else (True if off else None)
            notes = [self._orig(m.start(), m.end()) for m in (on, off) if m]
            if optional is None and self._boxes and P.UNTICKED.search(self.text, lo, hi) and not P.TICKED.search(
                    self.text, lo, hi):
                optional, notes = True, ["未勾选"]  # an application form's option left unticked: not chosen
            if optional is None and (said := self._optional_service(pairs[0][0].kind)) is not None and all(
                    lab.kind == pairs[0][0].kind or lab.kind == "rate" for lab, _ in pairs):
                optional = True  # 1.2 D0服务为可选服务 … 3.1 D0服务费按每笔结算金额的万分之五收取
                notes.append(self._orig(*said))
            if "首年免" in self.text[lo:hi]:
                notes.append("首年免费")
        r = _Read(u, body, [lab.start for lab, _ in pairs], _FROM_TO_GATE.search(body) is not None, optional,
                  tuple(notes))
        for lab, amt in pairs:
            self._fee(r, lab, amt)
        self._changed_to(r, labels, pairs)

    def reserved(self, u: Unit, body: str) -> list[tuple[int, int]]:
        """Spans whose amounts belong to a condition (target, cap, later rate), not to a fee name."""
        text, out = self.text, []
        for pat, gate in _GATED if _ANY_GATE.search(body) else ():
            if gate.search(body):
                for m in pat.finditer(text, u.start, u.end):
                    out.append((m.start("b") if pat is P.FROM_TO else m.start(), m.end()))
        promo = P.PROMO.search(text, u.start, u.end) if "月" in body or "天" in body else None
        later = P.later_rate(text, promo.end(), u.end) if promo else None
        if later:
            out.append((later.start("r"), later.end()))
        if "+" in body:
            out.extend((m.start("f"), m.end()) for m in P.RATE_PLUS.finditer(text, u.start, u.end))
        return out

    def _fee(self, r: _Read, lab: Label, amt: P.Amount) -> None:
        if amt.value < 0 or (amt.value == 0 and lab.kind != "rate"):
            return  # (a rate of nothing is a rate: 信用卡刷卡0费率)
        u = r.u
        conditions: list[str] = []
        cap: float | None = None
        promo: int | None = None
        later: float | None = None
        refundable: bool | None = None
        kind = lab.kind
        if kind == "rate" and amt.value > RATE_MAX:
            return  # 非接闪付响应时间缩短约30%: a share of something else, no rate of a payment
        if kind == "withdrawal" and amt.unit == "元" and amt.value > WITHDRAWAL_FEE_MAX:
            return  # 12000元提现半个月还在审核, 提现满1000元免费: the sum withdrawn, not the price of withdrawing it
        if kind == "deposit" and P.SHARE_OF_TAKINGS.search(self.text, lab.end, amt.start):
            return  # 保证金为结算金额的5%，最高5万元: a reserve held from settlement (a hold, not a deposit)
        if kind in ("deposit", "recurring") and not u.is_row and P.SHORTFALL.search(
                self.text, u.start, min(lab.start, amt.start)):
            return  # 累计交易不足2万元的，收取机具占用费150元 (…扣除200元/月的终端占用费): a missed volume's penalty
        # 十二月扣了69，三月又扣了69 … 半年扣两次: the count's period, for the fee it is about
        every = u.every if lab.kind == u.every_kind and amt.unit == "元" else None
        if kind == "deposit" and (every or P.own_period(self.text, amt) in _RECURRING_PERIODS or P.recurs_before(
                self.text, amt, piece_start(self.text, u, min(lab.start, amt.start))) in _RECURRING_PERIODS):
            kind = "recurring"  # 设备服务费19元/月, 每个月扣9.9元的服务费: charged every month, not a deposit
        if kind == "recurring" and _CARD_IN_DEVICE.search(self.text, max(u.start, lab.start - CARD_BACK), lab.start):
            kind = "data"
        if lab.kind == "rate":
            cap, promo, later = self._rate(r, lab, amt, conditions)
            period: str | None = "per_transaction"
            unit = "%"
        elif amt.unit == "%":
            period, unit = "per_transaction", "%"
        elif lab.kind in ("instant", "withdrawal") and lab.text.startswith("每"):
            period, unit = "per_transaction", "元/笔"  # 每次转出扣的3元, 每提一次现扣2块: the name says how often
        else:
            period = every or ("once" if kind == "deposit" else P.period_near(
                self.text, amt, piece_start(self.text, u, min(lab.start, amt.start)), u.end, lab.text, lab.end))
            if period is None and lab.kind in ("instant", "withdrawal"):
                period = "per_transaction"
            if period is None and kind in ("data", "recurring"):
                period = self._period_after(u)
            unit = P.unit_for(period)
        if lab.kind != "rate":
            conditions.extend(r.notes)
            if kind == "deposit":
                refundable = self._refund(u, conditions)
            conditions.extend(self._tiers(u, amt, "元"))
        self._add(r, lab, amt, None, kind=kind, amount=amt.value, unit=unit, period=period,
                  max_amount=amt.max_value, optional=None if lab.kind == "rate" else r.optional,
                  conditions="; ".join(dict.fromkeys(c for c in conditions if c)) if conditions else "",
                  channel=lab.channel if lab.kind == "rate" else None, cap=cap, promo_months=promo,
                  later_amount=later, refundable=refundable)

    def _add(self, r: _Read, lab: Label, amt: P.Amount, label: str | None, *, kind: str, amount: float | None,
             unit: str, period: str | None, conditions: str, channel: str | None = None, cap: float | None = None,
             promo_months: int | None = None, later_amount: float | None = None, refundable: bool | None = None,
             optional: bool | None = None, max_amount: float | None = None) -> None:
        """Keeps a fee read from `lab` and `amt` (named `label`, or as `lab` is written when that is None)."""
        key = (kind, channel, amount, unit, later_amount, promo_months)
        old = self._found.get(key)
        taken = period is None and kind in _TAKEN_AGAIN_KINDS and P.TAKEN_DONE.search(r.body) is not None
        stamp = self._stamp(r.u.start) if taken else None
        if old is None:
            if stamp is not None:
                self._taken_at[key] = stamp
            self._found[key] = Fee(
                kind=kind, label=self._label(lab) if label is None else label, amount=amount, unit=unit,
                evidence=self._evidence(r.u, lab, amt, r.priced), period=period, max_amount=max_amount,
                optional=optional, conditions=conditions, channel=channel, cap=cap, promo_months=promo_months,
                later_amount=later_amount, refundable=refundable)
            return
        if stamp is not None and self._taken_at.get(key, stamp) != stamp and old.period is None:
            # the same sum told taken again in a message of another day (SIM卡服务费66.00元已于今日从结算资金中扣除,
            # three times a year): it recurs, however seldom its period is written
            del self._taken_at[key]
            conditions = "; ".join(c for c in (old.conditions, f"再次扣取：{self._orig(r.u.start, r.u.end)}") if c)
            self._found[key] = replace(old, conditions=conditions)
            return
        # a fee first read from how it is taken (首刷扣了398) keeps the name a later mention gives it (机具服务费)
        named = label is None and old.label.startswith(FIRST_SWIPE) and not lab.text.startswith(FIRST_SWIPE) \
            and lab.text != ""
        if ((old.cap is None and cap is not None) or (old.optional is None and optional is not None)
                or (old.refundable is None and refundable is not None) or (not old.conditions and conditions)
                or named):
            self._found[key] = replace(
                old,
                label=self._label(lab) if named else old.label,
                cap=old.cap if old.cap is not None else cap,
                optional=old.optional if old.optional is not None else optional,
                refundable=old.refundable if old.refundable is not None else refundable,
                conditions=old.conditions or conditions,
            )

    def _period_after(self, u: Unit) -> str | None:
        """How often a fee is taken, told in a later sentence of the unit's line or the next that names no fee
        (金额29元。⏎我数了一下：24年10月一笔、25年1月一笔、25年4月一笔，正好三个月一次)."""
        text = self.text
        hi = min(len(text), u.end + PERIOD_AFTER)
        first = text.find("\n", u.end, hi)
        second = text.find("\n", first + 1, hi) if first >= 0 else -1
        hi = second if second >= 0 else hi
        m = P.PERIOD_TOLD.search(text, u.end, hi) if "次" in text[u.end:hi] or "按" in text[u.end:hi] else None
        if m is None or any(u.end <= lab.start < m.start() for lab in self.labels):
            return None
        return P.told_period(m)

    def _stamp(self, pos: int) -> str | None:
        """The date of the message or ledger line that `pos` is in: the last date on its line or the line above."""
        text = self.text
        lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, pos))) + 1
        dates = _STAMP.findall(text, lo, pos)
        return dates[-1] if dates else None

    def _rate(self, r: _Read, lab: Label, amt: P.Amount,
              conditions: list[str]) -> tuple[float | None, int | None, float | None]:
        """Cap, promotion months and later rate of a rate fee; notes go to `conditions`."""
        text, u = self.text, r.u
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
        pm = P.PROMO.search(text, u.start, amt.start) if "月" in r.body or "天" in r.body else None
        lm = P.later_rate(text, amt.end, u.end) if pm and amt.start - pm.end() < 24 else None
        # …or told right after the rate: 0.55%（入网首3个月优惠价，第4个月起0.63%）
        if pm is None or amt.start - pm.end() >= 24:
            after = P.PROMO.search(text, amt.end, min(nxt, amt.end + PROMO_AFTER)) if "月" in r.body else None
            if after is not None and (lm := P.later_rate(text, after.end(), nxt)) is not None:
                pm = after
        if pm and (amt.start - pm.end() < 24 or pm.start() >= amt.end):
            promo = P.promo_months(pm.group(0))
            conditions.append(self._orig(min(pm.start(), amt.end), lm.end() if lm else max(amt.end, pm.end())))
        if lm:
            later = float(lm.group("r"))
        if promo is None and text.startswith(("*", "※"), amt.end) and (note := self._footnote(amt.end)):
            fm = P.PROMO.search(text, *note)  # 0.55%* … * 活动价限前3个月，第4个月起按0.65%结算
            flm = P.later_rate(text, fm.end(), note[1]) if fm else None
            if fm:
                promo = P.promo_months(fm.group(0))
                conditions.append(self._orig(fm.start(), flm.end() if flm else note[1]))
            if flm:
                # 恢复标准费率：贷记卡0.68%，借记卡0.60%: each channel's own later rate when the note names it
                own = re.compile(re.escape(lab.text) + _OWN_LATER).search(text, flm.start(), note[1])
                later = float((own or flm).group("r"))
        if promo is None and later is None and u.is_row:
            promo, later = self._promo_columns(u, amt, conditions)
            if promo is None and later is None and (later := self._new_column(u, amt)) is not None:
                conditions.extend(self._notice(u))
        if r.change:
            for m in P.FROM_TO.finditer(text, max(u.start, amt.start - 4), u.end):
                if m.start("a") <= amt.start < m.end("a"):
                    later = float(m.group("b"))
                    conditions.append(self._orig(m.start(), m.end()))
                    conditions.extend(self._notice(u) or self._notified(u))
        conditions.extend(self._tiers(u, amt, "%"))
        return cap, promo, later

    def _changed_to(self, r: _Read, labels: list[Label], pairs: list[tuple[Label, P.Amount]]) -> None:
        """'费率变成了0.68%' (a later rate whose earlier value is stated elsewhere) and '0.6%+3' surcharges."""
        text, u = self.text, r.u
        rate_labels = [lab for lab in labels if lab.kind == "rate"]
        if rate_labels and P.CHANGED_TO_GATE.search(r.body):
            taken = {a.start for _, a in pairs}
            if r.change:
                taken |= {m.start("b") for m in P.FROM_TO.finditer(text, u.start, u.end)}
            for m in P.CHANGED_TO.finditer(text, u.start, u.end):
                if m.start("r") in taken:
                    continue
                lab = min(rate_labels, key=lambda x: abs(x.start - m.start()))
                amt = P.Amount(m.start("r"), m.end(), float(m.group("r")), "%")
                if "扣" in m.group(0) and any(f.kind == "rate" and f.amount == amt.value for f in self._found.values()):
                    continue  # 实际扣0.6% after 信用卡0.6%: the stated rate, as taken
                if any(v in text[max(u.start, m.start() - 2):m.start() + 1] for v in P.DECREASE_VERBS):
                    # 费率下调到0.35%: the rate now offered, not a rise (a promise after it stays with it)
                    perm = P.PERMANENT.search(text, amt.end, u.end)
                    verb = m.start() - 1 if text[m.start() - 1] in "下降" else m.start()
                    notes = [self._orig(verb, m.end())] + ([self._orig(perm.start(), perm.end())] if perm else [])
                    self._add(r, lab, amt, None, kind="rate", amount=amt.value, unit="%", channel=lab.channel,
                              period="per_transaction", conditions="; ".join(notes))
                    continue
                self._add(r, lab, amt, None, kind="rate", amount=None, unit="%", channel=lab.channel,
                          period="per_transaction", later_amount=amt.value,
                          conditions="; ".join([self._orig(m.start(), m.end()), *self._notice(u)]))
        if "+" not in r.body or P.REPAYMENT.search(r.body):
            return  # 费率0.55+1，比外面的代还平台便宜一半: the price of a card-repayment service, not of settlement
        for lab, amt in pairs:
            plus = P.RATE_PLUS.match(text, amt.start) if lab.kind == "rate" else None
            if plus:
                self._add(r, lab, amt, self._orig(plus.start(), plus.end()), kind="instant",
                          amount=float(plus.group("f")), unit="元/笔", period="per_transaction",
                          conditions="费率外每笔另加")

    def _footnote(self, mark_at: int) -> tuple[int, int] | None:
        """The span of the footnote that the mark at `mark_at` (0.55%*) points to: the next line that starts
        with the same mark."""
        m = _FOOTNOTE[self.text[mark_at]].search(self.text, mark_at)
        if m is None:
            return None
        text = self.text
        end = text.find("\n", m.end())
        if end < 0:
            return m.end(), len(text)
        if _NOTE_GOES_ON.match(text, end + 1):  # …and its next line, when that is no new note, item or row
            nxt = text.find("\n", end + 1)  # (活动期满后自动恢复标准费率：贷记卡0.68%…)
            end = len(text) if nxt < 0 else nxt
        return m.end(), end

    def _notice(self, u: Unit) -> list[str]:
        """The compliant-notice words (提前30日, 免费解约) around a stated rate change, if any: on its line or
        in the lines just after it (a notice lists its terms as items under the change), not in a Q&A page's
        answers (正规机构调价会…给你不同意就解约的权利 answers the asker's story; it is no term of theirs)."""
        text = self.text
        lo = text.rfind("\n", 0, u.start) + 1
        hi = min(len(text), u.end + NOTICE_AFTER)
        answers = context.ANSWERS.search(text, u.end, hi)
        for m in P.NOTICE.finditer(text, lo, answers.start() if answers else hi):
            end = text.find("\n", m.end())  # (the fine may be told in the item's next sentence)
            if not _DEMANDED.search(text, max(lo, m.start() - DEMANDED_BACK), m.start()) and not _EXIT_PRICED.search(
                    text, m.end(), len(text) if end < 0 else end):
                return [self._orig(m.start(), m.end())]
        return []

    def _notified(self, u: Unit) -> list[str]:
        """The compliant change terms of a document that tells this change announced (P.announced_under_terms)."""
        m = P.announced_under_terms(self.text, u.start, u.end)
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
        if dev:  # …全额退还 on the device's return (2.2 协议终止后，乙方将设备交还甲方…押金全额退还)
            lock = P.TERM_LOCK.search(window, 0, dev.start())
            conditions.append(self._orig(lo + (lock or dev).start(), lo + dev.end()))
            refundable = True
        no = P.NO_REFUND.search(window)
        if no:
            conditions.append(self._orig(lo + no.start(), lo + no.end()))
            if refundable is None or P.NO_REFUND_EVER.search(window, max(0, no.start() - 16), no.start()):
                refundable = False
        if refundable is None:  # given back already, said in its sentence or just before it on its line
            line = self.text.rfind("\n", 0, u.start) + 1
            given = P.REFUNDED.search(self.text, max(line, u.start - REFUNDED_BEFORE), u.end)
            if given:
                conditions.append(self._orig(given.start(), given.end()))
                refundable = True
        if refundable is None:  # an agreement may say how deposits come back in an article of its own
            back = self._deposit_article
            if back is not None:
                conditions.append(self._orig(*back))
                refundable = True
        return refundable

    @cached_property
    def _deposit_article(self) -> tuple[int, int] | None:
        """Where the document returns a deposit on the device's return (第七条 押金的退还：…归还…无息退还)."""
        for m in P.DEVICE_RETURN.finditer(self.text):
            lo = max(self.text.rfind(c, 0, m.start()) for c in "。\n") + 1
            if "押金" in self.text[lo:m.end()]:
                return m.start(), m.end()
        return None

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
        if col is None:
            return None
        cells = self.text[u.start:u.end].split("|")
        if col >= len(cells):
            return None
        ys = P.yuans(cells[col])
        return ys[0].value if ys else None

    def _promo_columns(self, u: Unit, amt: P.Amount, conditions: list[str]) -> tuple[int | None, float | None]:
        """A rate in a table's promotion column whose row gives the rate after it in a later column (交易类型 |
        活动期费率 | 活动结束后 / 信用卡 | 0.45% | 0.65%): the promotion's months (from the header, or from where the
        page says how long the promotion lasts) and the later rate (which `_tiers` quotes with its column's name)."""
        header = self._header(u)
        if len(header) < 3:
            return None, None
        col = self.text.count("|", u.start, amt.start)
        cells = self.text[u.start:u.end].split("|")
        width = min(len(header), len(cells))
        if col + 1 >= width or not _PROMO_COLUMN.search(header[col][0]) or _AFTER_COLUMN.search(header[col][0]):
            return None, None
        after = next((j for j in range(col + 1, width) if _AFTER_COLUMN.search(header[j][0])), None)
        if after is None or not (rates := P.percents(cells[after])):
            return None, None
        told = P.promo_months(header[col][0])
        if told is None and (lasts := _PROMO_LASTS.search(self.text)) is not None:
            told = int(lasts.group("n"))
            conditions.append(self._orig(lasts.start(), lasts.end()))
        return told, rates[0].value

    def _new_column(self, u: Unit, amt: P.Amount) -> float | None:
        """A rate in a change table's column of the rates before it, whose row gives the rate after it (项目 | 原标准 |
        新标准 / 贷记卡 | 0.58% | 0.78%): the later rate."""
        header = self._header(u)
        if len(header) < 3:
            return None
        col = self.text.count("|", u.start, amt.start)
        cells = self.text[u.start:u.end].split("|")
        width = min(len(header), len(cells))
        if col + 1 >= width or not _OLD_COLUMN.search(header[col][0]):
            return None
        new = next((j for j in range(col + 1, width) if _NEW_COLUMN.search(header[j][0])), None)
        rates = P.percents(cells[new]) if new is not None else []
        return rates[0].value if rates else None

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

    @cached_property
    def _locked_card(self) -> re.Match[str] | None:
        """Where the document says its terminal works only on the provider's data card, in a sentence of its own (6.
        能换成自己的WiFi吗？ 这款电签机不带WiFi模块，只能用自带的流量卡); not in a question."""
        return next((m for m in P.LOCKED_CARD_ON_PAGE.finditer(self.text)
                     if not self.text.startswith("?", sentence_at(self.text, m.start())[1])), None)

    @cached_property
    def _optional_services(self) -> dict[str, tuple[int, int]]:
        """Kinds of fee whose service the document calls optional in a sentence of its own (D0服务为可选服务),
        with the words that say so; not in a question, nor beside a default (默认开通)."""
        kinds = dict.fromkeys(lab.kind for lab in self.labels if lab.kind != "rate")
        return {kind: said for kind in kinds if (said := self._optional_service(kind)) is not None}

    def _optional_service(self, kind: str) -> tuple[int, int] | None:
        """Where the document calls the service of fees of `kind` optional (see `_optional_services`), looked for
        once per kind and only around names of that kind: most pages ask about one kind, if any."""
        if kind in self._optional_kinds:
            return self._optional_kinds[kind]
        text = self.text
        # Only a sentence that names a fee of the kind counts, and no OPTIONAL match holds a 。: searching the
        # stretches between two 。 around those names finds the same matches as searching the whole text.
        stretches: list[tuple[int, int]] = []
        for lab in self.labels:
            if lab.kind == kind != "rate" and (not stretches or lab.start > stretches[-1][1]):
                hi = text.find("。", lab.start)
                stretches.append((text.rfind("。", 0, lab.start) + 1, len(text) if hi < 0 else hi))
        said = self.optional_in(m for a, b in stretches for m in P.OPTIONAL.finditer(text, a, b)).get(kind)
        self._optional_kinds[kind] = said
        return said

    def optional_in(self, matches: Iterable[re.Match[str]]) -> dict[str, tuple[int, int]]:
        """`_optional_services` from the OPTIONAL `matches` given (a test gives those of the whole text)."""
        text = self.text
        out: dict[str, tuple[int, int]] = {}
        starts = [lab.start for lab in self.labels]  # find_labels gives them in reading order
        for m in matches:
            lo, hi = sentence_at(text, m.start())
            # an FAQ's answer speaks of the service its question names (问：D0要开吗？答：…APP里自己开，不开就是T+1)
            asked = sentence_at(text, lo - 2)[0] if lo >= 2 and context.ANSWER_START.match(text, lo) else lo
            named = self.labels[bisect.bisect_left(starts, asked):bisect.bisect_left(starts, hi)]
            if not any(lab.kind != "rate" for lab in named) or text.startswith("?", hi) or \
                    text[lo:hi].rstrip().endswith(("吗", "么")) or P.DEFAULT_ON.search(text, lo, hi) \
                    or context.negator_before(text, m.start(), lo):  # 我从来没有申请开通过什么秒到
                continue
            for lab in named:
                if lab.kind != "rate":
                    out.setdefault(lab.kind, (m.start(), m.end()))
        return out

    def _heading(self, u: Unit) -> tuple[int, int] | None:
        """The span of the section heading a prose unit stands under: the nearest line above, within HEADING_UP
        lines, that is short and ends no sentence (二、快速结算（可选）)."""
        if u.is_row:
            return None
        text, end = self.text, self.text.rfind("\n", 0, u.start)
        for _ in range(HEADING_UP):
            if end <= 0:
                return None
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end].strip()
            if line and len(line) <= 24 and not re.search(r"[。;:|]", line):
                return start, end
            end = start - 1
        return None

    def _scope(self, u: Unit) -> tuple[int, int]:
        """Where optional / default-on words count for a fee: its row, or its sentence and the one before."""
        if u.is_row:
            return u.start, u.end
        text = self.text
        line_start = text.rfind("\n", 0, u.start) + 1
        stop = max(line_start, u.start - 1)
        prev = max(text.rfind("。", line_start, stop), text.rfind("!", line_start, stop),
                   text.rfind("?", line_start, stop))
        return (max(line_start, prev + 1) if prev >= 0 else line_start), u.end

    def _label(self, lab: Label) -> str:
        return lab.borrowed or "".join(self._orig(lab.start, lab.end).split())  # (without its spaces)

    def _orig(self, start: int, end: int) -> str:
        s, e = self.norm.orig_span(start, end)
        return self.doc.text[s:e]

    def _evidence(self, u: Unit, lab: Label, amt: P.Amount, priced: list[int]) -> Evidence:
        """The row cells or the clause(s) that state this fee, cut before the next fee's name."""
        text = self.text
        a, b = min(lab.start, amt.start), max(lab.end, amt.end)
        begin, stop = u.start, u.end  # the other priced names before and after this one's span
        for x in priced:
            if x == lab.start or a <= x < b:
                continue
            if x >= b:
                stop = min(stop, x)
            else:
                begin = max(begin, x)
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
