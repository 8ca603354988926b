"""What a test asks of a text: the categories it is flagged for (a one-document target through the whole pipeline,
`info` notes left out), with the session's one engine."""

from __future__ import annotations

from functools import lru_cache

from poscheck.models import Fee
from poscheck.pipeline import Engine, check_text


@lru_cache(maxsize=1)
def shared_engine() -> Engine:
    return Engine.build()


def flagged(text: str, url: str | None = None, kind: str = "txt") -> set[str]:
    report = check_text(shared_engine(), text, url=url, kind=kind)
    return {f.category for f in report.findings if f.severity != "info"}


def fees_of(text: str, kind: str = "txt") -> list[Fee]:
    """The fee schedule read from `text` (the report's facts.fees)."""
    return list(check_text(shared_engine(), text, kind=kind).facts.fees)
