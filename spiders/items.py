"""Records the provider spider yields: a fetched file, a problem with a URL, an off-site redirect."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FetchedFile:
    """One response worth keeping (HTML, PDF, DOCX/DOC, image, plain text), bytes undecoded."""

    target: str
    url: str  # the URL that was requested
    final_url: str  # after in-scope redirects
    status: int
    content_type: str  # the Content-Type header as sent ("" if none)
    mime: str  # what the file is, decided from header, URL suffix and magic bytes
    ext: str  # file suffix for the saved copy: html, pdf, docx, doc, png, jpg, gif, webp, bmp, tif, txt
    charset: str | None  # charset parameter of the Content-Type header, if any
    referer: str | None  # the page that linked here
    link_text: str  # the text of the link that led here
    depth: int
    body: bytes


@dataclass
class FetchProblem:
    """A URL that yielded nothing usable; `code` is a stable P2xx code, `message` says what to do."""

    target: str
    url: str
    code: str
    message: str
    referer: str | None = None


@dataclass
class OffsiteRedirect:
    """A redirect from inside the target's scope to somewhere outside it (recorded, never followed)."""

    target: str
    url: str
    location: str
