"""PDF → text with the start offset of every page (pypdf); a table's rows as lines of cells; a scanned page is read
from its images by local OCR."""

from __future__ import annotations

import io
from collections.abc import Callable
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
        chunks: list[_Chunk] = []
        page_text = page.extract_text(visitor_text=_collector(chunks)) or ""
        page_text = _with_table_rows(chunks) or page_text
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


# A table drawn with its cells as separate text runs (reportlab, word processors) comes out of pypdf one cell a line
# (项目 / 标准 / 说明 / 通讯服务费 / 99元/年 / …), which wrap joining then runs together. The runs' positions give the
# rows back: TABLE_LINES or more lines of two or more cells that start where the first line's cells start are
# written as an HTML table's rows are, each cell closed by " | " ("通讯服务费 | 99元/年 | 机具激活满12个月后… | ").
# A table's first line names short columns (项目 | 标准 | 说明, 借记卡 | 0.55%) and each row has a short cell; a page
# set in two columns of running text (条款 left and right) has long runs side by side: pypdf's own reading is kept.
TABLE_LINES = 2  # a header and a row
HEAD_CHARS = 16
_Chunk = tuple[float, float, float, str]  # baseline y (up), x, font size, text


def _collector(chunks: list[_Chunk]) -> Callable[[str, list[float], list[float], Any, float], None]:
    """pypdf's visitor_text: every non-blank run of text with its position and size, appended to `chunks`."""
    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or 1.0
            chunks.append((y, x, max(size * scale, 1.0), text.strip()))
    return visit


def _width(text: str, size: float) -> float:
    """A run's width estimated from its characters: full-width ones a size wide, others half."""
    return sum(size if ord(c) > 0x2e80 else size / 2 for c in text)


def _lines(chunks: list[_Chunk]) -> list[list[_Chunk]]:
    """The page's runs as lines, top to bottom, each line's runs left to right with runs that touch (closer than a
    character) merged into one cell."""
    lines: list[list[_Chunk]] = []
    for c in sorted(chunks, key=lambda c: (-c[0], c[1])):
        if lines and abs(lines[-1][0][0] - c[0]) < 0.3 * c[2]:
            last = lines[-1][-1]
            if c[1] - (last[1] + _width(last[3], last[2])) < c[2]:
                lines[-1][-1] = (last[0], last[1], last[2], last[3] + c[3])
            else:
                lines[-1].append(c)
        else:
            lines.append([c])
    return lines


def _starts_at(cell: _Chunk, starts: list[_Chunk]) -> bool:
    return any(abs(cell[1] - s[1]) < cell[2] for s in starts)


def _with_table_rows(chunks: list[_Chunk]) -> str | None:
    """The page's text line by line from its runs, a table's lines as rows of cells each closed by " | " (a cell's
    text wrapped under itself joined into the cell), or None when the page holds no table."""
    rows: list[list[str]] = []
    table: set[int] = set()
    head: list[_Chunk] | None = None  # the first line of the run of aligned lines going on
    run = 0
    above = 0.0  # the baseline of the line above
    for line in _lines(chunks):
        y, size = line[0][0], line[0][2]
        if head is not None and above - y < 2 * size and not _starts_at(line[0], head[:1]) \
                and all(_starts_at(c, head[1:]) for c in line):
            starts = [h[1] for h in head]
            for c in line:  # a cell wrapped under itself: 机具激活满12个月后开始收取，到期 / 后自动续期…
                col = min(range(len(starts)), key=lambda i: abs(starts[i] - c[1]))
                if col < len(rows[-1]):
                    rows[-1][col] += c[3]
            above = y
            continue
        short = [len(c[3]) <= HEAD_CHARS for c in line]
        if len(line) >= 2 and head is not None and any(short) and all(_starts_at(c, head) for c in line):
            run += 1
        elif len(line) >= 2 and all(short):
            head, run = line, 1
        else:
            head, run = None, 0
        if run >= TABLE_LINES:
            table.update(range(len(rows) - run + 1, len(rows) + 1))
        rows.append([c[3] for c in line])
        above = y
    if not table or any(i not in table and sum(len(c) > HEAD_CHARS for c in r) >= 2 for i, r in enumerate(rows)):
        return None  # no table, or running text set in columns, which pypdf reads column by column
    return "\n".join("".join(c + " | " for c in r) if i in table else " ".join(r) for i, r in enumerate(rows)) + "\n"


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
