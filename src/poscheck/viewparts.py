"""View-model sections beyond findings: who is behind the offer, real cost, statements, complaint pack.

Each function turns one part of a `Report` into plain strings for the templates. "Could not check"
is always its own state with its own wording, never folded into a pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from poscheck.cost import CostLine, Profile, estimate, money, num, pct
from poscheck.i18n import severity_label, text, verdict
from poscheck.i18n_terms import category_label, channel_label, cost_label, cost_note
from poscheck.models import Fee, Report
from poscheck.viewtext import clip, safe_href, where

_STATUS_KEYS = {"active": "status_active", "listed": "status_listed", "inactive": "status_inactive",
                "under_review": "status_under_review"}
_STATUS_CSS = {"active": "ok", "listed": "warn", "inactive": "bad", "under_review": "warn"}
MAX_COMPLAINT_ITEMS = 100
#: The first screen says "more than advertised" when the real first year costs this much more or above.
NOTABLE_EXTRA = 1.1


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strs(value: object) -> list[str]:
    return [str(v) for v in value if v not in (None, "")] if isinstance(value, list) else []


def _acquirer(a: dict[str, Any], lang: str) -> dict[str, str]:
    if a.get("kind") == "bank":
        return {"name": str(a.get("institution") or a.get("named_as") or ""), "licence": "", "named_as": "",
                "scope": text(lang, "bank"), "scope_css": "ok", "status": "", "status_css": ""}
    name = str(a.get("institution") or "")
    named = str(a.get("named_as") or "")
    acquiring = a.get("acquiring")
    scope_key = "scope_yes" if acquiring is True else "scope_no" if acquiring is False else "scope_unknown"
    state = str(a.get("status") or "unknown")
    date = str(a.get("status_as_of") or "?")
    key = _STATUS_KEYS.get(state, "status_unknown")
    status = text(lang, key, date=date)
    return {
        "name": name,
        "licence": str(a.get("licence_no") or text(lang, "licence_no_none")),
        "named_as": text(lang, "named_as", text=named) if named and named != name else "",
        "scope": text(lang, scope_key),
        "scope_css": "ok" if acquiring is True else "bad" if acquiring is False else "warn",
        "status": status,
        "status_css": _STATUS_CSS.get(state, "warn"),
    }


def identity_vm(identity: dict[str, object], registry_as_of: str, lang: str) -> dict[str, Any]:
    """Operator, acquirers (licence status as of the registry date), domains, terminal models."""
    op = identity.get("operator")
    op = op if isinstance(op, dict) else {}
    companies = _strs(op.get("companies"))
    uscc = [f"{u.get('value')} · " + text(lang, "uscc_valid" if u.get("valid") is True else
                                           "uscc_invalid" if u.get("valid") is False else "uscc_unknown")
            for u in _dicts(op.get("uscc"))]
    icp = [f"{i.get('value')} · " + text(lang, "icp_well_formed" if i.get("well_formed") else "icp_malformed")
           for i in _dicts(op.get("icp")) + _dicts(op.get("icp_licence"))]
    en = lang == "en"  # who.py writes *_en variants of its phrases for English reports
    domains = []
    for d in _dicts(identity.get("domains")):
        lookalike = (d.get("lookalike_of_en") if en else None) or d.get("lookalike_of")
        if d.get("official_for"):
            what, css = text(lang, "domain_official", owner=d["official_for"]), "ok"
        elif lookalike:
            what, css = text(lang, "domain_lookalike", what=lookalike), "bad"
        else:
            what, css = text(lang, "domain_unknown"), "warn"
        served = text(lang, "domain_served") if d.get("served_from") else ""
        domains.append({"domain": str(d.get("domain") or ""), "what": what, "css": css, "served": served})
    date = registry_as_of or str(identity.get("registry_as_of") or "")
    return {
        "present": bool(identity),
        "companies": companies,
        "operator_none": "" if companies else text(lang, "operator_unnamed" if uscc or icp
                                                   else "operator_none"),
        "uscc": uscc,
        "icp": icp,
        "icp_none": "" if icp or not identity else text(lang, "icp_none"),
        "phones": _strs(op.get("phones_en") if en and op.get("phones_en") else op.get("phones")),
        "acquirers": [_acquirer(a, lang) for a in _dicts(identity.get("acquirers"))],
        "acquirer_none": text(lang, "acquirer_none"),
        "registry": text(lang, "registry_as_of", date=date) if date else text(lang, "registry_none"),
        "domains": domains,
        "terminal_models": _strs(identity.get("terminal_models")),
        "has_more": bool(domains or _strs(op.get("phones")) or _strs(identity.get("terminal_models"))),
    }


def _money(lang: str, x: float) -> str:
    return text(lang, "money", amount=money(x))


def _yuan(lang: str, x: float) -> str:
    """Whole yuan for the first screen: 13,298 元."""
    return text(lang, "money", amount=f"{round(x):,}")


def _line_vm(line: CostLine, lang: str) -> dict[str, Any]:
    key = line.key if line.key.startswith("rate:") or not line.key.startswith("rate") else "rate"
    ev = line.evidence
    return {
        "item": cost_label(lang, key),
        "written": clip(" ".join(line.label.split()), 60),
        "first": _money(lang, line.first_year),
        "later": _money(lang, line.later_year),
        "formula_first": line.formula_first,
        "formula_later": "" if line.formula_later == line.formula_first else line.formula_later,
        "notes": [cost_note(lang, n.key, n.as_dict()) for n in line.notes],
        "quote": clip(" ".join(ev.quote.split()), 80) if ev else "",
        "source": ev.source if ev else "",
        "href": safe_href(ev.source) if ev else None,
    }


def cost_vm(fees: Iterable[Fee], profile: Profile, lang: str) -> dict[str, Any]:
    """First-year and later-year cost next to the advertised rate alone, with every formula."""
    est = estimate(fees, profile)
    p = profile
    sep = "、" if lang == "zh" else ", "
    profile_text = text(lang, "cost_profile", volume=text(lang, "money", amount=num(p.monthly_volume)),
                        credit=f"{p.credit_share:.0%}", debit=f"{p.debit_share:.0%}", qr=f"{p.qr_share:.0%}",
                        ticket=text(lang, "money", amount=num(p.average_ticket)), count=num(round(p.count())))
    yearly = est.yearly_volume
    missing = sep.join(channel_label(lang, c) for c in est.missing)
    has_rates = any(line.key.startswith("rate:") for line in est.lines)
    extra = ""
    if est.advertised_cost is not None and est.first_year > est.advertised_cost * NOTABLE_EXTRA:
        extra = text(lang, "cost_extra", amount=_yuan(lang, est.first_year - est.advertised_cost))
    return {
        "available": est.has_fees,
        "none": "" if est.has_fees else text(lang, "cost_none"),
        "profile": profile_text,
        "first_year": _money(lang, est.first_year),
        "later_year": _money(lang, est.later_year),
        "first_year_short": _yuan(lang, est.first_year),
        "later_year_short": _yuan(lang, est.later_year),
        "effective_first": f"{100 * est.first_year / yearly:.2f}%" if has_rates else "",
        "effective_later": f"{100 * est.later_year / yearly:.2f}%" if has_rates else "",
        "advertised": _money(lang, est.advertised_cost) if est.advertised_cost is not None else "",
        "advertised_short": _yuan(lang, est.advertised_cost) if est.advertised_cost is not None else "",
        "advertised_rate": pct(est.advertised_rate) if est.advertised_rate is not None else "",
        "advertised_formula": text(lang, "cost_advertised_formula", rate=pct(est.advertised_rate),
                                   formula=est.advertised_formula) if est.advertised_rate is not None else "",
        "extra": extra,
        "incomplete": text(lang, "cost_incomplete", what=missing) if est.missing and est.has_fees else "",
        "lines": [_line_vm(line, lang) for line in est.lines],
        "optional": [_line_vm(line, lang) for line in est.optional],
        "unpriced": [_line_vm(line, lang) for line in est.unpriced],
    }


_ROW_STATUS = {
    "ok": ("一致", "agrees", "ok"),
    "fee_above_agreed": ("手续费高于约定", "fee above the agreed rate", "bad"),
    "missing": ("没有找到结算", "no settlement found", "bad"),
    "not_yet_covered": ("结算记录截止过早", "settlement record ends too early", "warn"),
    "maybe_in_total": ("可能含在合并入账中", "perhaps inside a total", "warn"),
    "daily_total_partial": ("按日合并入账，无法逐笔核对", "daily total, not checkable per transaction",
                            "warn"),
    "not_checked": ("未核对", "not checked", "warn"),
    "no_amount": ("签购单上没读到金额", "no amount read from the slip", "warn"),
}
_FLAGS_ZH = {
    "card statement names another merchant": "持卡人账单上是别的商户名",
    "paid from a private person's account": "由个人账户付款",
    "paid by a company not found among licensed institutions": "付款方是查不到牌照的公司",
    "payer is not the acquirer on the slip": "付款方不是签购单上的收单机构",
}


def _s(value: object) -> str:
    return "" if value is None else str(value)


def statements_vm(extra: dict[str, object], lang: str) -> dict[str, Any] | None:
    """The 三单合一 table: totals, then one row per transaction (None when there is no reconciliation)."""
    rows = _dicts(extra.get("reconciliation"))
    totals = extra.get("reconciliation_totals")
    if not rows and not isinstance(totals, dict):
        return None
    t = totals if isinstance(totals, dict) else {}
    pairs = [("st_transactions", t.get("transactions")), ("st_gross", t.get("gross_settled")),
             ("st_net", t.get("net_received")), ("st_fee", t.get("fee_taken")),
             ("st_rate", t.get("implied_rate")), ("st_agreed", t.get("agreed_fee")),
             ("st_excess", t.get("excess"))]
    found = text(lang, "st_not_found")
    out_rows = []
    for r in rows:
        given = _s(r.get("status_text"))
        zh, en, css = _ROW_STATUS.get(_s(r.get("status")), (given, given, "warn"))
        mcc = " ".join(x for x in (_s(r.get("slip_mcc")), _s(r.get("slip_mcc_meaning"))) if x)
        out_rows.append({
            "n": text(lang, "st_txn", n=_s(r.get("transaction"))),
            "date": _s(r.get("slip_date")), "amount": _s(r.get("slip_amount")),
            "merchant": _s(r.get("slip_merchant_name")), "merchant_no": _s(r.get("slip_merchant_no")),
            "mcc": mcc, "acquirer": _s(r.get("slip_acquirer")),
            "card": text(lang, "st_found_row", row=r.get("card_row")) if r.get("matched_card") else found,
            "card_text": _s(r.get("card_description")),
            "settlement": text(lang, "st_found_row", row=r.get("settlement_row"))
            if r.get("matched_settlement") else found,
            "payer": _s(r.get("settlement_payer")), "fee": _s(r.get("fee_taken")),
            "rate": _s(r.get("implied_rate")),
            "agreed": _s(r.get("agreed_fee")), "excess": _s(r.get("excess")),
            "status": zh if lang == "zh" else en, "css": css,
            "flags": [_FLAGS_ZH.get(f, f) if lang == "zh" else f for f in _strs(r.get("flags"))],
        })
    return {"totals": [{"label": text(lang, k), "value": _s(v)} for k, v in pairs if v not in (None, "")],
            "rows": out_rows, "unchecked": _strs(extra.get("unchecked"))}


def complaint_vm(report: Report, identity: dict[str, Any], generated: str, lang: str) -> dict[str, Any]:
    """A printable page for 12363 / 12315: who, where, when, and every quote with its document's SHA-256."""
    docs = {d.id: d for d in report.documents}
    provider = (identity["companies"] or [a["name"] for a in identity["acquirers"]]
                or [report.name or report.target])
    items: list[dict[str, Any]] = []
    for f in report.findings:
        if f.severity == "info":
            continue
        for ev in f.evidence:
            doc = docs.get(ev.document)
            n = len(items) + 1
            items.append({"n": str(n), "heading": text(lang, "complaint_item", n=n), "title": f.title,
                          "category": category_label(lang, f.category),
                          "severity_label": severity_label(lang, f.severity), "quote": clip(ev.quote, 2000),
                          "source": ev.source, "href": safe_href(ev.source), "where": where(lang, ev),
                          "sha256": doc.sha256 if doc else ""})
    sep = text(lang, "list_sep")
    return {
        "provider": sep.join(provider),
        "acquirers": sep.join(a["name"] for a in identity["acquirers"]),
        "site": report.target,
        "domains": sep.join(d["domain"] for d in identity["domains"]),
        "checked": generated,
        "documents": str(len(report.documents)),
        "entries": items[:MAX_COMPLAINT_ITEMS],
        "more": text(lang, "complaint_more", count=len(items) - MAX_COMPLAINT_ITEMS)
        if len(items) > MAX_COMPLAINT_ITEMS else "",
        "fill": text(lang, "complaint_fill_fields").split("|"),
    }


def dashboard_row(report: Report, href: str, lang: str = "zh") -> dict[str, Any]:
    """One line of the batch dashboard: target, grade, its top categories and failed inputs."""
    g = report.grade
    top: list[str] = []
    for f in report.findings:
        label = category_label(lang, f.category)
        if f.severity != "info" and label not in top:
            top.append(label)
    letter = g.letter if g else "?"
    return {"target": report.target, "name": report.name, "label": report.name or report.target, "href": href,
            "grade": letter,
            "css": "q" if letter == "?" else letter.lower(),
            "verdict": verdict(lang, letter, g.verdict) if g else "",
            "top": ("、" if lang == "zh" else ", ").join(top[:3]),
            "findings": str(sum(1 for f in report.findings if f.severity != "info")),
            "errors": str(len(report.errors))}
