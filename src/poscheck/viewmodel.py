"""Build the plain view model of a report: every string ready and every number formatted.

Templates only print what this returns, so golden JSON files pin everything a merchant sees except
layout. Deterministic: no clock but `report.generated_at`, every list in a stable order. Crawled text
is bounded here and escaped by Jinja2 later; links are made only to http(s) sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from poscheck import viewparts
from poscheck.checklist import Card, offline_checks, questions
from poscheck.cost import Profile
from poscheck.i18n import check_lang, severity_label, text, verdict
from poscheck.i18n_terms import category_label, category_meaning
from poscheck.models import SEVERITIES, Document, Evidence, Finding, Report
from poscheck.viewtext import clip, safe_href, squash, where

VM_SCHEMA = "poscheck.view/1"
MAX_EVIDENCE_PER_CARD = 5
MAX_QUOTE = 400
CONTEXT = 80
RED_FLAGS = 3


def _context(ev: Evidence) -> tuple[str, str]:
    before = squash(ev.context_before)
    after = squash(ev.context_after)
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:]
    if len(after) > CONTEXT:
        after = after[:CONTEXT] + "…"
    return before, after


def evidence_vm(ev: Evidence, docs: dict[str, Document], lang: str) -> dict[str, Any]:
    before, after = _context(ev)
    doc = docs.get(ev.document)
    return {
        "before": (before + " ") if before and ev.context_before[-1:].isspace() else before,
        "quote": clip(ev.quote, MAX_QUOTE),
        "after": (" " + after) if after and ev.context_after[:1].isspace() else after,
        "source": ev.source,
        "href": safe_href(ev.source),
        "where": where(lang, ev),
        "doc_title": clip(squash(doc.title), 120) if doc else "",
        "sha256": doc.sha256 if doc else "",
    }


def _cards(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Findings of the same rule and severity merged into one card, in report order."""
    cards: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        cards.setdefault((f.rule, f.severity), []).append(f)
    return list(cards.values())


def card_vm(group: list[Finding], n: int, docs: dict[str, Document], lang: str) -> dict[str, Any]:
    first = group[0]
    note = first.severity == "info"
    evidence = [e for f in group for e in f.evidence]
    shown = evidence[:MAX_EVIDENCE_PER_CARD]
    return {
        "n": str(n) if n else "",
        "anchor": f"f{n}" if n else f"note-{first.rule}",
        "rule": first.rule,
        "category": first.category,
        "category_label": category_label(lang, first.category),
        # an info note is in the provider's favour: its own title heads it, not the risk's meaning
        "heading": clip(first.title, 200) if note else category_label(lang, first.category),
        "subtitle": "" if note else clip(first.title, 200),
        "meaning": "" if note else category_meaning(lang, first.category),
        "severity": first.severity,
        "severity_label": severity_label(lang, first.severity),
        "title": clip(first.title, 200),
        "message": clip(first.message, 600),
        "advice": first.advice.strip(),
        "references": list(first.references),
        "explanation": first.explanation,
        "evidence": [evidence_vm(e, docs, lang) for e in shown],
        "more": text(lang, "more_evidence", count=len(evidence) - len(shown))
        if len(evidence) > len(shown) else "",
    }


def _grade(report: Report, cards: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """Letter, verdict, and how the grade came about: points per category, the cap, what was unchecked."""
    from poscheck.scoring import BANDS, BLOCKERS, VERDICTS

    g = report.grade
    if g is None or g.letter == "?":
        return {"letter": "?", "css": "q", "score": "", "verdict": verdict(lang, "?", VERDICTS["?"]),
                "formula": "", "reasons": [], "cap": "", "bands": "", "none_read": text(lang, "grade_none_read"),
                "unchecked": list(g.unchecked) if g else []}
    anchor = {c["category"]: "#" + c["anchor"] for c in reversed(cards)}
    reasons = [{"category": r.category, "label": category_label(lang, r.category),
                "severity_label": severity_label(lang, r.severity), "points": f"−{r.points}",
                "note": r.note, "href": anchor.get(r.category, "")} for r in g.reasons]
    formula = " ".join(["100", *(f"− {r.points}" for r in g.reasons), "=", str(g.score)])
    cap = ""
    if g.cap:
        blocker = next((r.category for r in g.reasons if BLOCKERS.get(r.category) == g.letter), "")
        label = category_label(lang, blocker) if blocker else g.cap
        cap = text(lang, "grade_cap", label=label, letter=g.letter)
    return {
        "letter": g.letter, "css": g.letter.lower(), "score": text(lang, "score", score=g.score),
        "verdict": verdict(lang, g.letter, g.verdict),
        "formula": text(lang, "grade_formula", formula=formula), "reasons": reasons, "cap": cap,
        "bands": " · ".join(f"{band} ≥ {floor}" if floor else f"{band} < {BANDS[-2][0]}" for floor, band in BANDS),
        "none_read": "", "unchecked": list(g.unchecked),
    }


def _red_flags(cards: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One card per category, most severe first; at equal severity, categories that cap the grade first."""
    from poscheck.scoring import BLOCKERS

    flags: list[dict[str, str]] = []
    seen: set[str] = set()
    rank = {sev: i for i, sev in enumerate(SEVERITIES)}
    ordered = sorted(cards, key=lambda c: (-rank[c["severity"]], c["category"] not in BLOCKERS))
    for c in ordered:
        if c["category"] in seen:
            continue
        seen.add(c["category"])
        quote = c["evidence"][0]["quote"] if c["evidence"] else ""
        flags.append({"label": c["category_label"], "title": c["title"], "quote": clip(squash(quote), 48),
                      "href": "#" + c["anchor"], "severity": c["severity"],
                      "severity_label": c["severity_label"]})
        if len(flags) == RED_FLAGS:
            break
    return flags


def _documents(report: Report, lang: str) -> list[dict[str, Any]]:
    return [{"title": clip(squash(d.title), 120), "label": clip(squash(d.title), 120) or d.source,
             "source": d.source, "href": safe_href(d.url or d.source),
             "kind": d.kind, "sha256": d.sha256, "chars": text(lang, "doc_chars", n=f"{len(d.text):,}"),
             "pages": str(len(d.pages)) if d.pages else "", "ocr": _read_by_ocr(d, lang),
             "unread": text(lang, "doc_unread_pages", pages=page_runs(d)) if d.unread_pages else ""}
            for d in sorted(report.documents, key=lambda d: (d.source, d.id))]


def page_runs(d: Document) -> str:
    """A document's unread pages as the reader counts them: "31–45, 50"."""
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in d.unread_pages)


def _read_by_ocr(d: Document, lang: str) -> str:
    """A note that a document's quotes come from OCR (an image, or a PDF's scanned pages), or ""."""
    if d.kind == "image":
        return text(lang, "doc_ocr")
    if d.ocr_pages:
        return text(lang, "doc_ocr_pages", pages=", ".join(map(str, d.ocr_pages)))
    return ""


def _generated(at: str) -> str:
    """2025-05-01T08:00:00+00:00 → 2025-05-01 08:00 UTC (as written when it is not ISO)."""
    from datetime import datetime

    try:
        dt = datetime.fromisoformat(at)
    except ValueError:
        return at
    if dt.utcoffset() is not None and not dt.utcoffset():
        return dt.strftime("%Y-%m-%d %H:%M UTC")
    return dt.strftime("%Y-%m-%d %H:%M %z").strip()


def build(report: Report, *, lang: str = "zh", complaint: bool = False,
          profile: Profile | None = None) -> dict[str, Any]:
    """The whole view model of one report (JSON-able; golden files pin it)."""
    check_lang(lang)
    docs = {d.id: d for d in report.documents}
    risky = [f for f in report.findings if f.severity != "info"]
    notes = [f for f in report.findings if f.severity == "info"]
    risky_groups = _cards(risky)
    cards = [card_vm(g, i + 1, docs, lang) for i, g in enumerate(risky_groups)]
    note_cards = [card_vm(g, 0, docs, lang) for g in _cards(notes)]
    checklist_cards = [Card(i + 1, g[0].category, g[0].questions) for i, g in enumerate(risky_groups)]
    groups = []
    for sev in reversed(SEVERITIES):
        in_group = [c for c in cards if c["severity"] == sev]
        if in_group:
            label = severity_label(lang, sev)
            groups.append({"severity": sev, "label": label,
                           "heading": text(lang, "severity_group", label=label, count=len(in_group)),
                           "cards": in_group})
    identity = viewparts.identity_vm(report.identity, report.registry_as_of, lang)
    cost = viewparts.cost_vm(report.facts.fees, profile or Profile(), lang)
    statements = viewparts.statements_vm(report.facts.extra, lang)
    unchecked = list(report.grade.unchecked) if report.grade else []
    if report.kind != "statements" and not identity["acquirers"]:
        unchecked.append(text(lang, "acquirer_none"))
    unchecked.extend(text(lang, "unchecked_pages", doc=clip(squash(d.title), 40) or d.source, pages=page_runs(d))
                     for d in report.documents if d.unread_pages)
    generated = _generated(report.generated_at)
    tool = f"poscheck {report.tool_version} · rules {report.rules_version}"
    return {
        "schema": VM_SCHEMA,
        "lang": lang,
        "kind": report.kind,
        "title": f"{text(lang, 'doc_title')} · {clip(squash(report.name or report.target), 80)}",
        "name": clip(squash(report.name), 120),
        "heading": clip(squash(report.name or report.target), 120),
        "target": report.target,
        "target_href": safe_href(report.target),
        "generated": text(lang, "generated", at=generated, tool=tool),
        "generated_at": generated,
        "grade": _grade(report, cards, lang),
        "red_flags": _red_flags(cards),
        "unchecked": unchecked,
        "unchecked_text": text(lang, "list_sep").join(unchecked),
        "identity": identity,
        "cost": cost,
        "statements": statements,
        "groups": groups,
        "finding_count": str(len(cards)),
        "notes": note_cards,
        "questions": questions(checklist_cards, lang),
        "checks": offline_checks(checklist_cards, report.identity, lang),
        "documents": _documents(report, lang),
        "errors": [{"source": e.source, "code": e.code, "message": clip(e.message, 500)}
                   for e in sorted(report.errors, key=lambda e: (e.source, e.code, e.message))],
        "complaint": viewparts.complaint_vm(report, identity, generated, lang) if complaint else None,
        "show": {  # which parts a report of this kind has
            "statements_summary": statements is not None and report.kind == "statements",
            "who": report.kind != "statements" or identity["present"],
            "cost": report.kind != "statements",
        },
    }
