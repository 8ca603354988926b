"""Report → JSON (schema `poscheck.report/1`) and → HTML via Jinja2 (autoescape, StrictUndefined)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poscheck.models import Document, Finding, Report

if TYPE_CHECKING:
    from poscheck.cost import Profile

SCHEMA = "poscheck.report/1"


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...] | None] = {}  # field names by dataclass (None: not a dataclass)


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for any other type."""
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELDS[cls]


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` for the JSON report, without its deep copy of every value (the report is
    written and dropped): dataclasses become dicts in field order, tuples and lists become lists."""
    cls = type(value)
    if cls in _SCALARS:
        return value
    if cls is list or cls is tuple:
        return [_plain(v) for v in value]
    if cls is dict:
        return {k: _plain(v) for k, v in value.items()}
    names = _field_names(cls)
    if names is None:
        return value
    return {name: _plain(getattr(value, name)) for name in names}


def _finding(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = _plain(f)
    d["quote"] = f.quote  # top-level copy for readers that only want one quote
    return d


def _document(d: Document) -> dict[str, Any]:
    return {"id": d.id, "source": d.source, "url": d.url, "kind": d.kind, "title": d.title,
            "sha256": d.sha256, "characters": len(d.text), "encoding": d.encoding,
            "pages": len(d.pages) or None, "ocr_pages": list(d.ocr_pages) or None,
            "unread_pages": [list(r) for r in d.unread_pages] or None}


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON form of a report. Field order is stable; findings are already sorted."""
    g = report.grade
    return {
        "schema": SCHEMA,
        "target": report.target,
        "name": report.name,
        "kind": report.kind,
        "generated_at": report.generated_at,
        "tool": {"name": "poscheck", "version": report.tool_version},
        "rules_version": report.rules_version,
        "registry_as_of": report.registry_as_of,
        "grade": _plain(g) if g else None,
        "identity": report.identity,
        "documents": [_document(d) for d in report.documents],
        "findings": [_finding(f) for f in report.findings],
        "facts": {
            "fees": [_plain(fee) for fee in report.facts.fees],
            "entities": [_plain(e) for e in report.facts.entities],
            **report.facts.extra,
        },
        "errors": [_plain(e) for e in report.errors],
    }


def write_json(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_dict(report), ensure_ascii=False, indent=1, default=str) + "\n",
                    encoding="utf-8")
    return path


def write_html(report: Report, path: Path, *, lang: str = "zh", complaint: bool = False,
               profile: Profile | None = None) -> Path:
    """Render the merchant-facing HTML report (one self-contained file)."""
    from poscheck.render import render_html

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, lang=lang, complaint=complaint, profile=profile), encoding="utf-8")
    return path


def write_outputs(report: Report, out: Path, stem: str, formats: tuple[str, ...] = ("html", "json"), *,
                  lang: str = "zh", complaint: bool = False, profile: Profile | None = None) -> list[Path]:
    """Write `<stem>.json`, `.html` and/or `.pdf` (printed from the same HTML) into `out`."""
    written = []
    if "json" in formats:
        written.append(write_json(report, out / f"{stem}.json"))
    if "html" in formats or "pdf" in formats:
        html = write_html(report, out / f"{stem}.html", lang=lang, complaint=complaint, profile=profile)
        if "html" in formats:
            written.append(html)
        if "pdf" in formats:
            from poscheck.pdf import html_to_pdf

            written.append(html_to_pdf(html, out / f"{stem}.pdf"))
    return written
