"""Small text helpers for the view model: safe source links, clipping, whitespace, page labels."""

from __future__ import annotations

from urllib.parse import urlsplit

from poscheck.i18n import text
from poscheck.models import Evidence


def safe_href(source: str | None) -> str | None:
    """The source as a link target if it is a plain http(s) URL, else None (paths stay text)."""
    if not source or len(source) > 2000 or any(ord(c) < 33 for c in source):
        return None
    try:
        parts = urlsplit(source)
    except ValueError:
        return None
    return source if parts.scheme in ("http", "https") and parts.netloc else None


def clip(s: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut."""
    return s if len(s) <= limit else s[: limit - 1] + "…"


def squash(s: str) -> str:
    """Runs of whitespace (line breaks from tables and PDFs) as single spaces."""
    return " ".join(s.split())


def where(lang: str, ev: Evidence) -> str:
    """"第 2 页" / "page 2" for PDF evidence, "" otherwise."""
    return text(lang, "page", n=ev.page) if ev.page else ""
