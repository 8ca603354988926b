"""Render view models into self-contained HTML with Jinja2 (autoescape, StrictUndefined).

`render_html` renders one report; `render_index` the batch dashboard of an `audit` run. Templates in
`reports/templates/` only print the plain view model of `poscheck.viewmodel` and the UI strings of
`poscheck.i18n`: no logic, no external resources.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from poscheck.cost import Profile
from poscheck.i18n import check_lang, text, ui
from poscheck.models import Report
from poscheck.paths import templates_dir

_GRADE_ORDER = {letter: i for i, letter in enumerate("EDCBA?")}


@lru_cache(maxsize=1)
def environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(templates_dir())), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def prepare() -> None:
    """Import the view model and compile every template now rather than in the first `render_html`
    (`audit` calls this while the crawler runs, so that no report waits for it after the crawl)."""
    import poscheck.viewmodel  # noqa: F401

    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)


def render_html(report: Report, *, lang: str = "zh", complaint: bool = False,
                profile: Profile | None = None) -> str:
    """One report as a single HTML page (inline CSS, no scripts, no external requests)."""
    from poscheck.viewmodel import build

    vm = build(report, lang=lang, complaint=complaint, profile=profile)
    return str(environment().get_template("report.html").render(vm=vm, ui=ui(lang)))


def dashboard(rows: Iterable[dict[str, Any]], *, lang: str = "zh", generated_at: str = "") -> dict[str, Any]:
    """The dashboard view model: rows sorted worst grade first, then by target."""
    check_lang(lang)
    ordered = sorted(rows, key=lambda r: (_GRADE_ORDER.get(str(r["grade"]), 9), str(r["target"])))
    return {"title": text(lang, "dashboard"), "rows": ordered,
            "count": text(lang, "dash_counts", n=len(ordered)), "generated": generated_at}


def render_index(rows: Iterable[dict[str, Any]], *, lang: str = "zh", generated_at: str = "") -> str:
    """The batch dashboard (`index.html` of an audit): every target with grade, top categories, errors.

    Rows come from `poscheck.viewparts.dashboard_row(report, href)`.
    """
    vm = dashboard(rows, lang=lang, generated_at=generated_at)
    return str(environment().get_template("index.html").render(vm=vm, ui=ui(lang)))


def write_index(rows: Iterable[dict[str, Any]], path: Path, *, lang: str = "zh",
                generated_at: str = "") -> Path:
    """Write the batch dashboard next to the reports it links to (hrefs relative to `path`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_index(rows, lang=lang, generated_at=generated_at), encoding="utf-8")
    return path
