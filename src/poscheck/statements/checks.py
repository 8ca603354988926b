"""Statement checks: 跳码, disagreements between the three statements, 二清 payers, fixed deductions.

Each check reads the reconciliation on a `StatementAnalysis` and returns findings whose wording comes
from its YAML rule (rules/statements/); every finding quotes the slip fields, statement rows and
profile lines it rests on. On an ordinary `Analysis` (a web page, a contract) they return nothing.
A message field that is text, not data, is passed twice: `{x}` in Chinese and `{x_en}` in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from poscheck.checks import Analysis, check, evidence_for
from poscheck.errors import RuleError
from poscheck.models import Document, Evidence, Finding
from poscheck.statements.inputs import SettlementRow
from poscheck.statements.merchant import (
    MerchantProfile,
    ProfileNote,
    describe_mcc,
    mcc_table,
    parse_merchant_number,
)
from poscheck.statements.names import classify_party, names_agree, same_institution
from poscheck.statements.reconcile import Match, Reconciliation, arithmetic, label_zh
from poscheck.statements.slip import SlipTxn
from poscheck.statements.values import Span, fmt_money, fmt_rate

_SETTLEMENT_HINT = re.compile(r"POS|收单|刷卡|清算|T\s*\+\s*\d|D\s*\+?\s*\d|交易日|笔数|银联", re.IGNORECASE)
_KIND_TEXT = {"person": "个人", "company": "一家公司", "licensed": "另一家持牌机构",
              "bank": "银行", "network": "卡组织", "unknown": "身份不明的一方"}
_KIND_TEXT_EN = {"person": "a private person", "company": "a company", "licensed": "a licensed institution",
                 "bank": "a bank", "network": "a card network", "unknown": "unknown"}


@dataclass
class StatementAnalysis(Analysis):
    """An analysis of one statement set: the documents plus their reconciliation."""

    recon: Reconciliation | None = None


def _rec(analysis: Analysis) -> Reconciliation | None:
    return analysis.recon if isinstance(analysis, StatementAnalysis) else None


def _loaded(analysis: Analysis, rule_id: str) -> bool:
    try:
        analysis.rules.get(rule_id)
    except RuleError:
        return False
    return True


def _ev(doc: Document, span: Span | None) -> list[Evidence]:
    if span is None or span.end <= span.start or doc.text[span.start:span.end] != span.value:
        return []
    return [evidence_for(doc, span.start, span.end)]


def _row_ev(row: SettlementRow) -> Evidence:
    return evidence_for(row.doc, row.row.start, row.row.end)


def _business_label(profile: MerchantProfile) -> str:
    zh = profile.value("business_type_zh")
    if zh:
        return zh
    if profile.business is not None:
        return profile.business.name_zh
    return profile.value("business_type") or f"MCC {profile.value('mcc')}"


def _mcc_short(code: str, lang: str = "zh") -> str:
    """'5462（面包房、糕点商店）' or '5462 (Bakeries)': the names contain the list separators themselves."""
    info = mcc_table().get(code)
    if info is None:
        return code
    return f"{code}（{info.name_zh}）" if lang == "zh" else f"{code} ({info.name_en})"


def _mcc_zh(code: str) -> str:
    """'5411 大型仓储式超级市场（2013年费率分类：民生类）' (describe_mcc gives the English form)."""
    info = mcc_table().get(code)
    if info is None:
        return f"{code}（不在本工具的MCC表中）"
    cls = f"（2013年费率分类：{info.class_2013}）" if info.class_2013 else ""
    return f"{code} {info.name_zh}{cls}"


RULE_MCC = "statements.mcc-does-not-fit"


@check("statements_mcc")
def mcc_does_not_fit(analysis: Analysis) -> Iterable[Finding]:
    """The MCC in the slip's merchant number (digits 8–11) is not one the merchant's business uses."""
    rec = _rec(analysis)
    if rec is None or not _loaded(analysis, RULE_MCC) or not rec.profile.expected_mccs:
        return []
    profile, expected, out, seen = rec.profile, rec.profile.expected_mccs, [], set()
    for slip in rec.slips:
        explicit, mno = slip.get("mcc"), parse_merchant_number(slip.merchant_no or "")
        span = explicit or slip.get("merchant_no")
        mcc = explicit.value if explicit else (mno.mcc if mno else None)
        if not mcc or mcc in expected or mcc in seen:
            continue
        seen.add(mcc)
        ev = _ev(slip.doc, span) + _ev(profile.doc, profile.get("business_type") or profile.get("mcc"))
        out.append(analysis.finding(
            RULE_MCC, ev, mcc=_mcc_zh(mcc), mcc_en=describe_mcc(mcc), merchant_no=slip.merchant_no or mcc,
            business=_business_label(profile), expected="、".join(_mcc_short(c) for c in expected),
            expected_en=", ".join(_mcc_short(c, "en") for c in expected),
            explanation=f"slip MCC {mcc} not in the MCCs that fit the business ({', '.join(expected)})",
        ))
    return out


RULE_NAME = "statements.name-not-merchant"


@check("statements_merchant_identity")
def name_not_merchant(analysis: Analysis) -> Iterable[Finding]:
    """The name (or merchant number) on the slip or card statement is not the merchant's own."""
    rec = _rec(analysis)
    if rec is None or not _loaded(analysis, RULE_NAME):
        return []
    profile = rec.profile
    own, own_no = profile.get("name"), re.sub(r"\D", "", profile.value("merchant_no"))
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []

    slip_where = ("签购单", "the sales slip")
    name_what, number_what = ("商户名称", "merchant name"), ("商户编号", "merchant number")

    def emit(doc: Document, where: tuple[str, str], what: tuple[str, str], seen_span: Span,
             expected: Span) -> None:
        if (doc.id, seen_span.value) in seen:
            return
        seen.add((doc.id, seen_span.value))
        out.append(analysis.finding(
            RULE_NAME, _ev(doc, seen_span) + _ev(profile.doc, expected), where=where[0], where_en=where[1],
            what=what[0], what_en=what[1], seen=seen_span.value, expected=expected.value,
            explanation=f"{where[1]} {what[1]} differs from the merchant profile",
        ))

    for slip in rec.slips:
        name = slip.get("merchant_name")
        if own and name and not names_agree(name.value, own.value):
            emit(slip.doc, slip_where, name_what, name, own)
        number = slip.get("merchant_no")
        if own_no and number and slip.merchant_no and slip.merchant_no != own_no:
            expected_no = profile.get("merchant_no")
            assert expected_no is not None
            emit(slip.doc, slip_where, number_what, number, expected_no)
    for m in rec.matches:
        if own and m.card is not None and m.card.description.text and \
                not names_agree(m.card.description.text, own.value):
            cell = m.card.description
            n = m.card.row.number
            emit(m.card.doc, (f"持卡人账单第{n}行", f"row {n} of the cardholder statement"), name_what,
                 Span(cell.text, cell.start, cell.end), own)
    return out


RULE_NAMES = "statements.names-disagree"


@check("statements_names")
def names_disagree(analysis: Analysis) -> Iterable[Finding]:
    """The slip and the cardholder's statement name different merchants for the same transaction."""
    rec = _rec(analysis)
    if rec is None or not _loaded(analysis, RULE_NAMES):
        return []
    out = []
    for m in rec.matches:
        name = m.slip.get("merchant_name")
        if m.card is None or name is None or not m.card.description.text:
            continue
        if names_agree(name.value, m.card.description.text):
            continue
        cell = m.card.description
        out.append(analysis.finding(
            RULE_NAMES, _ev(m.slip.doc, name) + _ev(m.card.doc, Span(cell.text, cell.start, cell.end)),
            slip_name=name.value, card_name=cell.text, row=m.card.row.number,
            amount=fmt_money(m.gross), explanation="same amount, card and date; different merchant names",
        ))
    return out


def _expected_acquirer(m: Match, profile: MerchantProfile) -> tuple[str, Span | None, Document]:
    acq = m.slip.get("acquirer")
    if acq is not None:
        return acq.value, acq, m.slip.doc
    mno = parse_merchant_number(m.slip.merchant_no or "")
    if mno is not None and mno.acquirer is not None:
        return mno.acquirer.institution, m.slip.get("merchant_no"), m.slip.doc
    return profile.value("acquirer"), profile.get("acquirer"), profile.doc


RULE_PAYER = "statements.payer-not-acquirer"


@check("statements_payer")
def payer_not_acquirer(analysis: Analysis) -> Iterable[Finding]:
    """The settlement was paid by someone other than the acquirer printed on the slip."""
    rec = _rec(analysis)
    if rec is None or not _loaded(analysis, RULE_PAYER):
        return []
    out, seen = [], set()
    for m in rec.matches:
        row = m.settlement
        if row is None or row.payer_name in seen:
            continue
        party = classify_party(row.payer_name, row.payer_account)
        acquirer, span, doc = _expected_acquirer(m, rec.profile)
        if party.kind in ("bank", "network", "unknown") or not acquirer:
            continue
        if same_institution(row.payer_name, acquirer):
            continue
        seen.add(row.payer_name)
        out.append(analysis.finding(
            RULE_PAYER, [_row_ev(row), *_ev(doc, span)], payer=row.payer_name, kind=_KIND_TEXT[party.kind],
            kind_en=_KIND_TEXT_EN[party.kind], acquirer=acquirer, row=row.row.number, explanation=party.reason,
        ))
    return out


def _settlement_rows(rec: Reconciliation) -> list[SettlementRow]:
    """Rows that are settlements: matched to a slip, from the same payer as one, or described as one."""
    used = rec.settlement_rows_used()
    payers = {r.payer_name for r in used}
    own = [n for n in (rec.profile.value("name"), rec.profile.value("settlement_account_name")) if n]
    out = []
    for r in rec.settlements:
        if r.income is None or r.income <= 0 or any(names_agree(r.payer_name, n) for n in own):
            continue
        if r in used or r.payer_name in payers or _SETTLEMENT_HINT.search(r.summary_text):
            out.append(r)
    return out


RULE_PERSON = "statements.private-payer"
RULE_COMPANY = "statements.unlicensed-payer"


@check("statements_second_clearing")
def second_clearing(analysis: Analysis) -> Iterable[Finding]:
    """Settlement paid by a private person, or by a company that is not a licensed acquirer or bank."""
    rec = _rec(analysis)
    if rec is None:
        return []
    groups: dict[str, list[SettlementRow]] = {}
    for r in _settlement_rows(rec):
        groups.setdefault(r.payer_name, []).append(r)
    out = []
    for payer, rows in groups.items():
        party = classify_party(payer, rows[0].payer_account)
        total = fmt_money(sum((r.income for r in rows if r.income is not None), Decimal(0)))
        ev = [_row_ev(r) for r in rows[:5]]
        numbers = [str(r.row.number) for r in rows]
        fmt: dict[str, str] = {"payer": payer, "rows": "、".join(numbers), "rows_en": ", ".join(numbers),
                               "count": str(len(rows)), "total": total,
                               "account": rows[0].payer_account or "未显示",
                               "account_en": rows[0].payer_account or "not shown"}
        if party.kind == "person" and _loaded(analysis, RULE_PERSON):
            out.append(analysis.finding(RULE_PERSON, ev, explanation=party.reason, **fmt))
        elif party.kind == "licensed" and party.institution is not None and \
                party.institution.acquiring is False and _loaded(analysis, RULE_COMPANY):
            out.append(analysis.finding(RULE_COMPANY, ev, explanation=party.reason,
                                        reason="它登记的牌照业务范围里没有“银行卡收单”",
                                        reason_en="its registered licence scope lacks 银行卡收单", **fmt))
        elif party.kind == "company" and _loaded(analysis, RULE_COMPANY):
            out.append(analysis.finding(
                RULE_COMPANY, ev, explanation=party.reason,
                reason="它既不是银行，也不在本工具（并不完整）的持牌机构名单上",
                reason_en="it is neither a bank nor in poscheck's (incomplete) list of licensed institutions",
                **fmt))
    return out


RULE_FEE = "statements.fee-above-agreed"


@check("statements_fee")
def fee_above_agreed(analysis: Analysis) -> Iterable[Finding]:
    """The net settled implies a fee above what the agreed rates allow (with the arithmetic)."""
    rec = _rec(analysis)
    if rec is None or not _loaded(analysis, RULE_FEE):
        return []
    out, seen = [], set()
    for m in rec.matches:
        row = m.settlement
        if not m.over_charged or row is None or row.row.start in seen or m.fee is None or row.income is None:
            continue
        seen.add(row.row.start)
        gross = m.fee + row.income
        rate_span = rec.profile.get("rate_credit") or rec.profile.get("rate_debit")
        ev = [_row_ev(row), *_ev(m.slip.doc, m.slip.get("amount")), *_ev(rec.profile.doc, rate_span)]
        out.append(analysis.finding(
            RULE_FEE, ev, arithmetic=arithmetic(m), arithmetic_en=arithmetic(m, "en"),
            implied=fmt_rate(m.fee / gross), excess=fmt_money(m.excess or Decimal(0)), row=row.row.number,
            agreed=label_zh(m.allowed_label), agreed_en=m.allowed_label,
            explanation=f"fee {m.fee} > allowed {m.allowed} + tolerance",
        ))
    return out


RULE_MISSING = "statements.settlement-missing"


@check("statements_settlement_missing")
def settlement_missing(analysis: Analysis) -> Iterable[Finding]:
    """A slip transaction has no settlement although the settlement record covers its due date."""
    rec = _rec(analysis)
    if rec is None or not _loaded(analysis, RULE_MISSING):
        return []
    out = []
    for m in rec.matches:
        if m.status != "missing":
            continue
        s: SlipTxn = m.slip
        out.append(analysis.finding(
            RULE_MISSING, _ev(s.doc, s.get("amount")) + _ev(s.doc, s.get("datetime")),
            amount=fmt_money(m.gross), day=s.day.isoformat() if s.day else "?",
            until=rec.settlement_end.isoformat() if rec.settlement_end else "?",
            explanation="no settlement row within the matching window",
        ))
    return out


RULE_FIXED = "statements.fixed-deduction"


@check("statements_fixed_fee")
def fixed_deduction(analysis: Analysis) -> Iterable[Finding]:
    """A fixed amount is taken per transaction on top of the rate (秒到/D0 surcharge)."""
    rec = _rec(analysis)
    if rec is None or rec.fixed is None or not _loaded(analysis, RULE_FIXED):
        return []
    fx = rec.fixed
    rows = list(fx.fee_rows) + [m.settlement for m in fx.matches if m.settlement is not None]
    ev = list(dict.fromkeys(_row_ev(r) for r in rows))[:6]
    return [analysis.finding(RULE_FIXED, ev, amount=fmt_money(fx.amount), how=fx.how, how_en=fx.how_en,
                             explanation="constant per-transaction deduction beyond the agreed rate")]


RULE_NOTE = "statements.profile-unchecked"


@check("statements_profile_notes")
def profile_notes(analysis: Analysis) -> Iterable[Finding]:
    """The profile names a business type or MCC the tables lack: say what could not be checked."""
    rec = _rec(analysis)
    if rec is None or not _loaded(analysis, RULE_NOTE):
        return []
    out = []
    for note in rec.profile.notes:
        if note.kind == "no_business" and not rec.slips:
            continue
        out.append(analysis.finding(
            RULE_NOTE, _ev(rec.profile.doc, note.span), **_note_fields(note, rec.profile.value("mcc")),
            explanation=note.kind,
        ))
    return out


def _note_fields(note: ProfileNote, own_mcc: str) -> dict[str, str]:
    """The `{what}`, `{checked}` and `{suggestions}` of a profile note, each in Chinese and English."""
    what = {"unknown_business": (f"经营类型“{note.value}”不在本工具的经营类型表中",
                                 f"business type {note.value!r} is not in poscheck's business table"),
            "unknown_mcc": (f"MCC“{note.value}”不在本工具的MCC表中",
                            f"MCC {note.value!r} is not in poscheck's MCC table"),
            "no_business": ("商户资料没有写经营类型，也没有写应有的MCC",
                            "the merchant profile gives no business type or expected MCC")}[note.kind]
    checked = ((f"签购单上的MCC只和资料里自己写的MCC {own_mcc} 做了比对",
                f"the slip's MCC was compared with the profile's own MCC {own_mcc} only")
               if own_mcc and note.kind == "unknown_business"
               else ("签购单上的MCC无法核对", "the slip's MCC could not be checked"))
    suggestions = note.suggestions or "—"
    suggestions_zh = "MCC是4位数字" if suggestions == "an MCC has four digits" else suggestions
    return {"what": what[0], "what_en": what[1], "checked": checked[0], "checked_en": checked[1],
            "suggestions": suggestions_zh, "suggestions_en": suggestions}
