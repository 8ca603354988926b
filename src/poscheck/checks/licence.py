"""Licence checks: is the acquirer named, licensed for 银行卡收单, active, and shown with its own number?

Only documents that offer card acceptance are judged (agent and product pages, contracts), never
complaints, guides, warnings or news. The registry is incomplete: a name or number it does not know
is "unverified", and says "unlicensed" only when the user imported an official list.
"""

from __future__ import annotations

from collections.abc import Iterator

from poscheck.checks import Analysis, check, evidence_for
from poscheck.checks.identity_facts import (
    LICENCE_SHAPE_PROBLEM,
    Mention,
    entities,
    mentions,
    offer_of,
    pair_number,
    status_zh,
)
from poscheck.checks.practices import poses_as_service
from poscheck.checks.who import ensure_identity
from poscheck.identity import LICENCES_ISSUED, licence_serial
from poscheck.models import Document, Evidence, Finding
from poscheck.registry import PBOC_LIST_PATH, Institution, Registry


def _offer_docs(analysis: Analysis, *, lures: bool = False) -> list[Document]:
    """Documents that offer card acceptance. One that poses as a bank's or UnionPay's service (a refund or
    device-swap lure, promo.fake_service) counts only with `lures`: the institution it names is judged (a page that
    lures with a cancelled licence shows that licence), but its naming none says nothing."""
    return [d for d in analysis.documents
            if offer_of(d).offers and (lures or not poses_as_service(analysis.normalized(d).text))]


def _how(m: Mention) -> str:
    if m.how == "fuzzy":
        return f"fuzzy name match, score {m.score:.0f}"
    return {
        "brand": "brand name",
        "brand_name": "brand + legal form",
        "alias": "current legal name",
        "former_name": "former name",
        "licence_no": "licence number",
    }.get(m.how, "legal name")


def _label(inst: Institution) -> str:
    return f"{inst.name}（{inst.licence_no}）" if inst.licence_no else inst.name


@check("licence_not_found")
def not_found(analysis: Analysis) -> Iterator[Finding]:
    """A card-acceptance offer that names no licensed institution or bank (target level)."""
    ensure_identity(analysis)
    # The provider's pages speak together (its acquirer may be named on another page); the selling passages of a
    # page that is no offer speak for their writer alone (passages.views).
    # (…unless the rest of the page offers card acceptance too: then the page is the provider's, ads and all)
    offers = set(_offer_docs(analysis))
    offering = {d.id for d in offers if d.view == "rest"}
    speakers: dict[str, list[Document]] = {"": []}
    for d in analysis.documents:
        speakers.setdefault(d.id if d.view == "ad" and d.id not in offering else "", []).append(d)
    for docs in speakers.values():
        yield from _not_found(analysis, docs, offers)


def _not_found(analysis: Analysis, speaker: list[Document], offers: set[Document]) -> Iterator[Finding]:
    docs = [d for d in speaker if d in offers]
    if not docs:
        return
    reg = analysis.registry
    unknown: list[tuple[Document, Mention]] = []
    for doc in speaker:
        found = mentions(doc, reg)
        if any(m.names_acquirer for m in found):
            return
        unknown += [
            (doc, m) for m in found if m.kind == "company" and m.institution is None and m.strict_role
        ]
    as_of = reg.date or reg.as_of.get("snapshot", "")
    verdict, verdict_en = (
        ("不在你导入的人民银行官方名单上：无牌", "unlicensed: not on the official list you imported")
        if reg.official
        else (
            f"未核实：本工具的机构名单截至{as_of}，并不完整",
            f"unverified: the registry (as of {as_of}) is incomplete",
        )
    )
    if unknown:
        doc, m = unknown[0]
        ev = evidence_for(doc, m.start, m.end)
        yield analysis.finding(
            "licence.not-found",
            [ev],
            party=f"写明负责刷卡收款的是“{m.text}”，但它不在已知的持牌支付机构和银行之列",
            party_en=m.text,
            verdict=verdict,
            verdict_en=verdict_en,
            pboc=PBOC_LIST_PATH,
            explanation=f"company {m.text!r} is named as a party but is not a registry institution",
        )
        return
    doc = docs[0]
    ev = _offer_evidence(doc)
    yield analysis.finding(
        "licence.not-found",
        [ev],
        party="没有写明由哪家持牌支付机构或银行负责刷卡收单",
        party_en="no licensed institution or bank",
        verdict=verdict,
        verdict_en=verdict_en,
        pboc=PBOC_LIST_PATH,
        explanation="the offer names no payment institution, licence number or bank behind the service",
    )


def _offer_evidence(doc: Document) -> Evidence:
    """The document's first line of text (a passage's view starts with blanked lines: passages.views)."""
    start = len(doc.text) - len(doc.text.lstrip())
    nl = doc.text.find("\n", start)
    first_line = doc.text[:nl if nl >= 0 else len(doc.text)]
    end = min(len(first_line.rstrip()), start + 60)
    if end <= start:
        end = min(len(doc.text), 60)
    return evidence_for(doc, start, end)


@check("licence_number_mismatch")
def number_mismatch(analysis: Analysis) -> Iterator[Finding]:
    """A licence number that is malformed, or not the number of the institution it is shown for."""
    ensure_identity(analysis)
    reg = analysis.registry
    for doc in _offer_docs(analysis, lures=True):
        found = mentions(doc, reg)
        for ent in entities(doc):
            if ent.kind != "licence_no":
                continue
            ev = ent.evidence
            if not ent.valid:
                yield analysis.finding(
                    "licence.number-mismatch",
                    [ev],
                    number=ent.value,
                    problem=LICENCE_SHAPE_PROBLEM[0],
                    problem_en=f"is malformed ({LICENCE_SHAPE_PROBLEM[1]})",
                    explanation="licence-number shape",
                )
                continue
            named = pair_number(doc, ent, found)
            problem = _never_issued(reg, ent.value) or (
                _mismatch(reg, ent.value, named) if named else _unpaired(analysis, doc, reg, ent.value))
            if problem:
                yield analysis.finding(
                    "licence.number-mismatch",
                    [ev],
                    number=ent.value,
                    problem=problem[0],
                    problem_en=problem[1],
                    explanation="licence number compared with the registry",
                )


def _never_issued(reg: Registry, number: str) -> tuple[str, str] | None:
    """A number whose issue serial is beyond every licence ever issued, and that no registry row holds."""
    serial = licence_serial(number)
    if serial <= LICENCES_ISSUED or reg.by_licence(number) is not None:
        return None
    return (
        f"的序号{serial:04d}超出了人民银行累计发放的{LICENCES_ISSUED}张许可证，不可能是真实编号",
        f"has serial {serial:04d}, beyond the {LICENCES_ISSUED} licences the PBOC ever issued: no real licence has it",
    )


def _mismatch(reg: Registry, number: str, named: Mention | None) -> tuple[str, str] | None:
    """(Chinese, English) of what is wrong with a well-formed number, or None if it fits."""
    owner = reg.by_licence(number)
    inst = named.resolved if named else None
    if inst is not None:
        if owner is not None and owner.key != inst.key:
            shown = named.text if named else inst.name
            return (
                f"写在“{shown}”名下，但这个编号属于{_label(owner)}",
                f"is shown for {shown} but belongs to {_label(owner)}",
            )
        if owner is None and inst.licence_no and inst.licence_no != number:
            return (
                f"写在{inst.name}名下，但名单上它的编号是{inst.licence_no}",
                f"is shown for {inst.name}, whose registry number is {inst.licence_no}",
            )
        return None
    if named is not None and named.kind == "company" and named.institution is None and owner is not None:
        return (
            f"属于{_label(owner)}，却写在“{named.text}”名下",
            f"belongs to {_label(owner)} but is shown for {named.text}",
        )
    return None


def _unpaired(analysis: Analysis, doc: Document, reg: Registry, number: str) -> tuple[str, str] | None:
    """A number shown with no name near it, on a page that names one institution as its acquirer: it stands
    for that institution, so another institution's number, or a number nobody holds, does not fit."""
    acquirers = [inst for m, inst in _named(analysis, doc) if m.kind != "licence_no"]
    if len(acquirers) != 1:
        return None
    inst, owner = acquirers[0], reg.by_licence(number)
    if owner is not None and owner.key != inst.key:
        return (
            f"属于{_label(owner)}，但本页只提到{inst.name}这一家收单机构",
            f"belongs to {_label(owner)}, but the page names only {inst.name} as its acquirer",
        )
    if owner is not None or not inst.licence_no or inst.licence_no == number:
        return None
    return (
        f"本页只提到{inst.name}这一家收单机构，但名单上它的编号是{inst.licence_no}，这个编号不属于任何持牌机构",
        f"the page names only {inst.name} as its acquirer, whose registry number is {inst.licence_no}; "
        "this number belongs to no licensed institution",
    )


def _named(analysis: Analysis, doc: Document) -> list[tuple[Mention, Institution]]:
    """Registry institutions a document names as its acquirer (one entry per institution, first mention)."""
    reg = analysis.registry
    out: dict[str, tuple[Mention, Institution]] = {}
    found = mentions(doc, reg)
    for m in found:
        inst = m.resolved
        if inst is None or not m.names_acquirer or m.kind == "licence_no" or m.distinguished:
            continue
        out.setdefault(inst.key, (m, inst))
    if not out:  # only a number: its owner is the institution shown
        for m in found:
            if m.kind == "licence_no" and m.resolved is not None:
                out.setdefault(m.resolved.key, (m, m.resolved))
    return list(out.values())


@check("licence_no_acquiring")
def no_acquiring(analysis: Analysis) -> Iterator[Finding]:
    """The named institution's registry scope lacks 银行卡收单 while the offer is card acceptance."""
    ensure_identity(analysis)
    for doc in _offer_docs(analysis, lures=True):
        if not offer_of(doc).card:
            continue
        for m, inst in _named(analysis, doc):
            if inst.acquiring is False:
                yield analysis.finding(
                    "licence.no-acquiring",
                    [evidence_for(doc, m.start, m.end)],
                    institution=_label(inst),
                    scope="、".join(inst.business_types),
                    explanation=f"registry scope; named by {_how(m)}",
                )


@check("licence_inactive")
def inactive(analysis: Analysis) -> Iterator[Finding]:
    """The named institution's licence is cancelled, not renewed or otherwise ended (latest event wins)."""
    ensure_identity(analysis)
    reg = analysis.registry
    for doc in _offer_docs(analysis, lures=True):
        for m, inst in _named(analysis, doc):
            st = reg.status(inst)
            ev = evidence_for(doc, m.start, m.end)
            if st.state == "inactive":
                yield analysis.finding(
                    "licence.inactive",
                    [ev],
                    institution=_label(inst),
                    as_of=st.as_of,
                    status=status_zh(st),
                    status_en=st.note,
                    explanation=f"registry status ({st.confidence or 'n/a'})",
                )


@check("licence_under_review")
def under_review(analysis: Analysis) -> Iterator[Finding]:
    """The named institution's renewal review was suspended (中止审查): verify, never "unlicensed" (info)."""
    if not any(r.id == "licence.renewal-under-review" for r in analysis.rules):
        return
    reg = analysis.registry
    for doc in _offer_docs(analysis, lures=True):
        for m, inst in _named(analysis, doc):
            st = reg.status(inst)
            if st.state == "under_review":
                yield analysis.finding(
                    "licence.renewal-under-review",
                    [evidence_for(doc, m.start, m.end)],
                    institution=_label(inst),
                    as_of=st.as_of,
                    status=status_zh(st),
                    status_en=st.note,
                    explanation="registry status",
                )
