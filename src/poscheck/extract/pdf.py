"""PDF → text with the start offset of every page (pypdf); a scanned PDF without text says so."""

from __future__ import annotations

import io

from poscheck.errors import ExtractError
from poscheck.extract.text import line_blocks, meta_title
from poscheck.models import Document, RawFile

MAX_PAGES = 300


def extract_pdf(raw: RawFile, data: bytes, sha: str) -> Document:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as exc:
            raise ExtractError("PDF is password-protected", source=raw.source,
                               remedy="Ask the provider for an unprotected copy.") from exc
    parts: list[str] = []
    pages: list[int] = []
    size = 0
    for page in reader.pages[:MAX_PAGES]:
        pages.append(size)
        chunk = (page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n").rstrip() + "\n\n"
        parts.append(chunk)
        size += len(chunk)
    text = "".join(parts)
    if not text.strip():
        raise ExtractError("PDF has no text layer (a scan?)", source=raw.source,
                           remedy="Run it through OCR, or save the pages as PNG images and check those.")
    written = ""
    try:
        meta = reader.metadata
        written = str(meta.get("/Title") or "") if meta is not None else ""
    except Exception:  # broken metadata must not lose the text
        written = ""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return Document(id=sha[:12], source=raw.source, kind="pdf", text=text, sha256=sha, url=raw.url,
                    title=(meta_title(written) or first)[:120], blocks=line_blocks(text), pages=tuple(pages))
