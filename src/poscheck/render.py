"""Jinja2 environment and the HTML rendering of a report (templates hold no logic)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from poscheck.models import Report
from poscheck.paths import templates_dir


@lru_cache(maxsize=1)
def environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(templates_dir())), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(report: Report, *, lang: str = "zh", complaint: bool = False) -> str:
    from poscheck.report import to_dict

    data = to_dict(report)
    return str(environment().get_template("report.html").render(r=data, lang=lang, complaint=complaint))
