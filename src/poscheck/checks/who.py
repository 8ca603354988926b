"""Build the "Who is behind this offer" summary (`analysis.identity`) from a target's documents.

Plain JSON-able values only: the site operator (companies, USCC with validity, ICP), the acquirers
named (institution, licence, scope, coverage, status as of the registry date), the domains seen and
whose they are, terminal models and UnionPay claims, and what the merchant should verify offline.
"""

from __future__ import annotations

from typing import Any

from poscheck.checks import Analysis
from poscheck.checks.identity_facts import entities, mentions
from poscheck.domains import lookalike, registrable_domain
from poscheck.registry import PBOC_LIST_PATH, load_registry

_UNIONPAY_CHECK = (
    "UnionPay certification cannot be checked offline: look the model up on UnionPay's site "
    "(中国银联 → 终端产品认证查询) or call 95516 with the model name {model}"
)


def ensure_identity(analysis: Analysis) -> dict[str, object]:
    """Fill `analysis.identity` once (every licence/site check calls this first) and return it."""
    if analysis.identity.get("schema") == "poscheck.identity/1":
        return analysis.identity
    reg = load_registry()
    operator: dict[str, list[object]] = {
        "companies": [],
        "uscc": [],
        "icp": [],
        "icp_licence": [],
        "psb": [],
        "phones": [],
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
                    "lookalike_of": f"{look.imitates} ({look.how} '{look.token}')" if look else None,
                },
            )
        for ent in entities(doc):
            if ent.kind == "uscc":
                _add(operator["uscc"], {"value": ent.value, "valid": ent.valid, "note": ent.note})
            elif ent.kind in ("icp", "icp_licence", "psb"):
                _add(
                    operator[ent.kind], {"value": ent.value, "well_formed": bool(ent.valid), "note": ent.note}
                )
            elif ent.kind == "phone":
                _add(operator["phones"], f"{ent.value} ({ent.note})")
            elif ent.kind == "terminal_model":
                _add(models, ent.value)
            elif ent.kind == "licence_no":
                _add(numbers, {"value": ent.value, "well_formed": bool(ent.valid), "note": ent.note})
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
                        "lookalike_of": f"{look.imitates} ({look.how} '{look.token}')" if look else None,
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
                        "note": "banks may acquire without a payment licence",
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
                    "status_note": st.note,
                    "official_domains": list(inst.domains),
                },
            )
    verify = [
        f"Check the acquirer's licence, scope (银行卡收单) and coverage on the PBOC list: {PBOC_LIST_PATH}."
    ]
    verify += [_UNIONPAY_CHECK.format(model=m) for m in models]
    if claims and not models:
        verify.append(_UNIONPAY_CHECK.format(model="(ask the seller for the exact terminal model)"))
    verify.append("Confirm on the first sales slip (签购单) that the acquirer printed is the one named here.")
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
        }
    )
    return analysis.identity


def _add(items: list[Any], value: object) -> None:
    if value not in items:
        items.append(value)
