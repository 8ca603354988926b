"""Turn a reconciliation into the plain rows and totals the report shows (JSON-able dicts).

Text a merchant may read is Chinese; its English twin sits under the same key + `_en`. `status` and
`flags` are stable codes the report translates itself.
"""

from __future__ import annotations

from decimal import Decimal

from poscheck.statements.merchant import describe_mcc, parse_merchant_number
from poscheck.statements.names import classify_party, names_agree, same_institution
from poscheck.statements.reconcile import Match, Reconciliation, arithmetic
from poscheck.statements.slip import SlipTxn
from poscheck.statements.values import fmt_money, fmt_rate

STATUS_TEXT = {
    "ok": "一致",
    "fee_above_agreed": "手续费高于约定",
    "missing": "没有找到结算",
    "not_yet_covered": "结算记录截止过早",
    "maybe_in_total": "可能含在合并入账中",
    "daily_total_partial": "按日合并入账，无法逐笔核对",
    "not_checked": "未核对",
    "no_amount": "签购单上没读到金额",
}
STATUS_TEXT_EN = {
    "ok": "agrees",
    "fee_above_agreed": "fee above the agreed rate",
    "missing": "no settlement found",
    "not_yet_covered": "settlement record ends too early",
    "maybe_in_total": "perhaps inside a total",
    "daily_total_partial": "daily total, not checkable per transaction",
    "not_checked": "not checked",
    "no_amount": "no amount read from the slip",
}


def _money(v: Decimal | None) -> str | None:
    return fmt_money(v) if v is not None else None


def _field(slip: SlipTxn, name: str) -> str | None:
    f = slip.get(name)
    return f.value if f else None


def row_of(m: Match) -> dict[str, object]:
    s, c, st = m.slip, m.card, m.settlement
    mno = parse_merchant_number(s.merchant_no or "")
    payer = classify_party(st.payer_name, st.payer_account) if st else None
    gross_for_rate = (m.fee + st.income) if (m.fee is not None and st and st.income is not None) else None
    return {
        "transaction": s.index,
        "slip_source": s.doc.source,
        "slip_date": s.day.isoformat() if s.day else None,
        "slip_time": s.at.isoformat() if s.at else None,
        "slip_amount": _money(s.amount),
        "slip_merchant_name": _field(s, "merchant_name"),
        "slip_merchant_no": s.merchant_no,
        "slip_mcc": mno.mcc if mno else None,
        "slip_mcc_meaning": describe_mcc(mno.mcc) if mno else None,
        "slip_acquirer": _field(s, "acquirer"),
        "slip_card": _field(s, "card"),
        "slip_ref_no": _field(s, "ref_no"),
        "matched_card": c is not None,
        "card_row": c.row.number if c else None,
        "card_date": c.day.isoformat() if c and c.day else None,
        "card_description": c.description.text if c else None,
        "card_amount": _money(c.amount) if c else None,
        "matched_settlement": st is not None,
        "settlement_row": st.row.number if st else None,
        "settlement_date": st.day.isoformat() if st and st.day else None,
        "settlement_payer": st.payer_name if st else None,
        "settlement_payer_kind": payer.kind if payer else None,
        "settlement_summary": st.summary_text if st else None,
        "settlement_net": _money(st.income) if st else None,
        "settlement_covers": m.shared_with if st else None,
        "fee_taken": _money(m.fee),
        "implied_rate": fmt_rate(m.fee / gross_for_rate) if m.fee is not None and gross_for_rate else None,
        "agreed_fee": _money(m.allowed),
        "agreed_basis": m.allowed_label or None,
        "excess": _money(m.excess),
        "arithmetic": arithmetic(m) or None,
        "arithmetic_en": arithmetic(m, "en") or None,
        "status": m.status,
        "status_text": STATUS_TEXT.get(m.status, m.status),
        "status_text_en": STATUS_TEXT_EN.get(m.status, m.status),
        "flags": _flags(m),
        "notes": list(m.notes),
    }


def _flags(m: Match) -> list[str]:
    """Short reasons this row needs a look beyond the fee (the findings give the detail)."""
    flags = []
    name = m.slip.get("merchant_name")
    if m.card is not None and name is not None and m.card.description.text and \
            not names_agree(name.value, m.card.description.text):
        flags.append("card statement names another merchant")
    if m.settlement is not None:
        party = classify_party(m.settlement.payer_name, m.settlement.payer_account)
        if party.kind == "person":
            flags.append("paid from a private person's account")
        elif party.kind == "company":
            flags.append("paid by a company not found among licensed institutions")
        acquirer = m.slip.get("acquirer")
        if party.kind in ("person", "company", "licensed") and acquirer is not None and \
                not same_institution(m.settlement.payer_name, acquirer.value):
            flags.append("payer is not the acquirer on the slip")
    return flags


def table_rows(rec: Reconciliation) -> list[dict[str, object]]:
    return [row_of(m) for m in rec.matches]


def totals(rec: Reconciliation) -> dict[str, object]:
    """Overall: gross of the settled transactions, net received, fee taken and its rate, agreed fee."""
    seen: set[int] = set()
    gross = net = agreed = Decimal(0)
    agreed_known = True
    for m in rec.matches:
        st = m.settlement
        if st is None or st.income is None or m.fee is None or st.row.start in seen:
            continue
        seen.add(st.row.start)
        net += st.income
        gross += m.fee + st.income
        if m.allowed is None:
            agreed_known = False
        else:
            agreed += m.allowed
    fee = gross - net
    out: dict[str, object] = {
        "transactions": len(rec.matches),
        "matched_card_statement": sum(1 for m in rec.matches if m.card is not None),
        "matched_settlement": sum(1 for m in rec.matches if m.settlement is not None),
        "gross_settled": fmt_money(gross),
        "net_received": fmt_money(net),
        "fee_taken": fmt_money(fee),
        "implied_rate": fmt_rate(fee / gross) if gross else None,
        "agreed_fee": fmt_money(agreed) if agreed_known and seen else None,
        "excess": fmt_money(fee - agreed) if agreed_known and seen else None,
        "settlement_record_ends": rec.settlement_end.isoformat() if rec.settlement_end else None,
    }
    if rec.fixed is not None:
        out["fixed_deduction_per_transaction"] = fmt_money(rec.fixed.amount)
        out["fixed_deduction_how"] = rec.fixed.how
        out["fixed_deduction_how_en"] = rec.fixed.how_en
    return out
