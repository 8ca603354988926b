"""Build the "Who is behind this offer" summary (`analysis.identity`) from a target's documents.

Plain JSON-able values only: the site operator (companies, USCC with validity, ICP), the acquirers
named (institution, licence, scope, coverage, status as of the registry date), the domains seen and
whose they are, terminal models and UnionPay claims, and what the merchant should verify offline.
Free text a merchant may read is Chinese; its English twin sits under the same key + `_en`.
"""

from __future__ import annotations

from typing import Any

from poscheck.checks import Analysis
from poscheck.checks.identity_facts import (
    ICP_PROBLEM,
    LICENCE_SHAPE_PROBLEM,
    entities,
    lookalike_how,
    mentions,
    status_zh,
    uscc_pilot_problem,
    uscc_problem,
)
from poscheck.domains import LookAlike, lookalike, registrable_domain
from poscheck.models import Entity
from poscheck.registry import PBOC_LIST_PATH

_UNIONPAY_CHECK = (
    "终端是否通过银联认证无法离线核实：请在中国银联网站（中国银联 → 终端产品认证查询）查询型号 {model}，"
    "或拨打95516查询"
)
_UNIONPAY_NO_MODEL = (
    "页面说终端通过了银联认证，但没写型号：请先向对方要准确的终端型号，再到中国银联网站"
    "（中国银联 → 终端产品认证查询）查询，或拨打95516查询"
)
_UNIONPAY_CHECK_EN = (
    "UnionPay certification cannot be checked offline: look the model up on UnionPay's site "
    "(中国银联 → 终端产品认证查询) or call 95516 with the model name {model}"
)
_PHONE_KIND = {"hotline": "客服热线", "mobile": "手机", "landline": "座机"}
_BANK_NOTE = ("银行开展收单业务不需要支付牌照", "banks may acquire without a payment licence")


def _lookalike(look: LookAlike | None) -> dict[str, str | None]:
    if look is None:
        return {"lookalike_of": None, "lookalike_of_en": None}
    zh, en = lookalike_how(look)
    return {"lookalike_of": f"{look.imitates}（{zh}）", "lookalike_of_en": f"{look.imitates} ({en})"}


def _note(ent: Entity) -> tuple[str, str]:
    """(Chinese, English) note of a USCC, ICP or licence number (the extractor's own note is English)."""
    if not ent.note:
        return "", ""
    if ent.kind == "uscc":
        return uscc_problem(ent.value) if ent.valid is not None else uscc_pilot_problem(ent.value)
    if ent.kind == "icp":
        return ICP_PROBLEM
    if ent.kind == "licence_no":
        return LICENCE_SHAPE_PROBLEM
    return ent.note, ent.note


def ensure_identity(analysis: Analysis) -> dict[str, object]:
    """Fill `analysis.identity` once (every licence/site check calls this first) and return it."""
    if analysis.identity.get("schema") == "poscheck.identity/1":
        return analysis.identity
    reg = analysis.registry
    operator: dict[str, list[object]] = {
        "companies": [],
        "uscc": [],
        "icp": [],
        "icp_licence": [],
        "psb": [],
        "phones": [],
        "phones_en": [],
    }
    acquirers: dict[str, dict[str, object]] = {}
    domains: dict[str, dict[str, object]] = {}
    models: list[str] = []
    claims: list[str] = []
    numbers: list[dict[str, object]] = []
    for doc in analysis.documents:
        url = analysis.url_of(doc)
        if url and (reg_dom := registrable_domain(url)):
            owner = reg.owner_of_domain(reg_dom)
            look = lookalike(reg_dom, reg)
            domains.setdefault(
                reg_dom,
                {
                    "domain": reg_dom,
                    "served_from": True,
                    "official_for": owner.name if owner else None,
                    **_lookalike(look),
                },
            )
        for ent in entities(doc):
            note, note_en = _note(ent)
            if ent.kind == "uscc":
                _add(operator["uscc"], {"value": ent.value, "valid": ent.valid, "note": note, "note_en": note_en})
            elif ent.kind in ("icp", "icp_licence", "psb"):
                _add(
                    operator[ent.kind],
                    {"value": ent.value, "well_formed": bool(ent.valid), "note": note, "note_en": note_en},
                )
            elif ent.kind == "phone":
                _add(operator["phones"], f"{ent.value}（{_PHONE_KIND.get(ent.note, ent.note)}）")
                _add(operator["phones_en"], f"{ent.value} ({ent.note})")
            elif ent.kind == "terminal_model":
                _add(models, ent.value)
            elif ent.kind == "licence_no":
                _add(
                    numbers, {"value": ent.value, "well_formed": bool(ent.valid), "note": note, "note_en": note_en}
                )
            elif ent.kind == "unionpay_claim":
                _add(claims, ent.evidence.quote)
            elif ent.kind == "domain":
                owner = reg.owner_of_domain(ent.value)
                look = lookalike(ent.value, reg)
                domains.setdefault(
                    ent.value,
                    {
                        "domain": ent.value,
                        "served_from": False,
                        "official_for": owner.name if owner else None,
                        **_lookalike(look),
                    },
                )
        for m in sorted(mentions(doc, reg), key=lambda x: (x.kind != "company", x.start)):
            inst = m.resolved
            if m.kind == "company" and inst is None:
                _add(operator["companies"], m.text)
                continue
            if m.kind == "bank":
                acquirers.setdefault(
                    m.text,
                    {
                        "named_as": m.text,
                        "institution": m.text,
                        "kind": "bank",
                        "note": _BANK_NOTE[0],
                        "note_en": _BANK_NOTE[1],
                    },
                )
                continue
            if inst is None or not m.names_acquirer:
                continue
            st = reg.status(inst)
            acquirers.setdefault(
                inst.key,
                {
                    "named_as": m.text,
                    "how": m.how,
                    "score": m.score,
                    "institution": inst.name,
                    "licence_no": inst.licence_no,
                    "business_types": list(inst.business_types),
                    "acquiring": inst.acquiring,
                    "coverage": inst.coverage_of() or None,
                    "status": st.state,
                    "status_as_of": st.as_of,
                    "status_note": status_zh(st),
                    "status_note_en": st.note,
                    "official_domains": list(inst.domains),
                },
            )
    verify = [f"到人民银行网站核实收单机构的牌照、业务范围（银行卡收单）和覆盖地区：{PBOC_LIST_PATH}。"]
    verify_en = [
        f"Check the acquirer's licence, scope (银行卡收单) and coverage on the PBOC list: {PBOC_LIST_PATH}."
    ]
    verify += [_UNIONPAY_CHECK.format(model=m) for m in models]
    verify_en += [_UNIONPAY_CHECK_EN.format(model=m) for m in models]
    if claims and not models:
        verify.append(_UNIONPAY_NO_MODEL)
        verify_en.append(_UNIONPAY_CHECK_EN.format(model="(ask the seller for the exact terminal model)"))
    verify.append("第一次刷卡后，核对签购单上打印的收单机构是不是这里写的这一家。")
    verify_en.append("Confirm on the first sales slip (签购单) that the acquirer printed is the one named here.")
    analysis.identity.update(
        {
            "schema": "poscheck.identity/1",
            "registry_as_of": reg.date or reg.as_of.get("snapshot", ""),
            "registry": {
                "as_of": dict(reg.as_of),
                "official_list_imported": reg.official,
                "counts": dict(reg.counts),
            },
            "operator": operator,
            "acquirers": list(acquirers.values()),
            "licence_numbers_shown": numbers,
            "domains": list(domains.values()),
            "terminal_models": models,
            "unionpay_claims": claims,
            "verify": verify,
            "verify_en": verify_en,
        }
    )
    return analysis.identity


def _add(items: list[Any], value: object) -> None:
    if value not in items:
        items.append(value)
