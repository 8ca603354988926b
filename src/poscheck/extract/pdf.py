"""PDF → text with the start offset of every page (pypdf); a scanned page is read from its images by local OCR."""

from __future__ import annotations

import io
from typing import Any

from poscheck.errors import ExtractError, UnsupportedFile
from poscheck.extract.text import line_blocks, meta_title
from poscheck.models import Document, RawFile

MAX_PAGES = 300
# A scanned agreement or fee annex runs to a few pages; OCR costs seconds of CPU a page (5.3 s for an A4 page at
# 150 dpi on the development machine), so a longer scan is read up to here (the report lists the pages read).
MAX_OCR_PAGES = 30
SCAN_STAMP_CHARS = 20  # a page with less text than this may be a scan with a stamped page number
MIN_SCAN_SIDE = 400  # pixels, the longer side: smaller images on a page are icons, seals and QR codes


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
    scanned: list[int] = []
    unread: list[int] = []
    tried = 0
    size = 0
    for number, page in enumerate(reader.pages[:MAX_PAGES], start=1):
        pages.append(size)
        page_text = page.extract_text() or ""
        # A scan has no text layer, or only what the scanner stamped on it (a page number, a date).
        if len(page_text.strip()) < SCAN_STAMP_CHARS:
            if tried == MAX_OCR_PAGES:
                unread.append(number)
            else:
                tried += 1
                read = _page_by_ocr(page, raw.source, number)
                if len(read.strip()) > len(page_text.strip()):
                    page_text = read
                    scanned.append(number)
        chunk = page_text.replace("\r\n", "\n").replace("\r", "\n").rstrip() + "\n\n"
        parts.append(chunk)
        size += len(chunk)
    text = "".join(parts)
    unread.extend(range(MAX_PAGES + 1, len(reader.pages) + 1))
    if not text.strip():
        raise ExtractError("PDF has no text layer, and OCR found no text in its page images", source=raw.source,
                           remedy="Scan it again flat and at 200 dpi or more, or type the text into a .txt file.")
    written = ""
    try:
        meta = reader.metadata
        written = str(meta.get("/Title") or "") if meta is not None else ""
    except Exception:  # broken metadata must not lose the text
        written = ""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return Document(id=sha[:12], source=raw.source, kind="pdf", text=text, sha256=sha, url=raw.url,
                    title=(meta_title(written) or first)[:120], blocks=line_blocks(text), pages=tuple(pages),
                    ocr_pages=tuple(scanned), unread_pages=runs(unread))


def runs(pages: list[int]) -> tuple[tuple[int, int], ...]:
    """Ascending page numbers as (first, last) runs: [3, 4, 5, 9] → ((3, 5), (9, 9))."""
    out: list[tuple[int, int]] = []
    for n in pages:
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return tuple(out)


def _page_by_ocr(page: Any, source: str, number: int) -> str:
    """The text of a page without a text layer, read from its images (a scan: one image a page, or strips).

    An image pypdf cannot decode, or one where OCR finds nothing, leaves the page empty; the other pages are
    still read. Without the OCR extra installed this raises, naming the remedy.
    """
    from poscheck.extract.image import ocr_text

    what = f"page {number}"
    try:
        images = [im.image for im in page.images]
    except Exception:  # pypdf raises many types for filters it cannot decode (JBIG2 without jbig2dec …)
        return ""
    texts = []
    for image in images:
        if image is None or max(image.size) < MIN_SCAN_SIDE:
            continue
        try:
            texts.append(ocr_text(image.convert("RGB"), source, what=f"a scanned PDF ({what})"))
        except UnsupportedFile:
            raise
        except ExtractError:
            continue
    return "\n".join(texts)
