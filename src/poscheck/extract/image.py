"""Images (PNG/JPG) → text by local OCR with rapidocr, whose Chinese models ship inside its wheel."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poscheck.errors import ExtractError, UnsupportedFile
from poscheck.models import Block, Document, RawFile

if TYPE_CHECKING:
    from PIL.Image import Image


def ocr_text(image: Path | Image, source: str, what: str = "an image") -> str:
    """OCR an image file (or a decoded image) locally with rapidocr-onnxruntime; lines rebuilt from box positions."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise UnsupportedFile(
            f"reading {what} needs the OCR extra", source=source,
            remedy="pip install 'poscheck[ocr]' (rapidocr-onnxruntime), or type the text into a .txt file",
        ) from exc
    engine = _engine(RapidOCR)
    try:
        result, _elapsed = engine(str(image) if isinstance(image, Path) else image)
    except Exception as exc:  # onnxruntime/opencv raise their own error types
        raise ExtractError(f"OCR failed ({exc})", source=source,
                           remedy="Check that the file is a readable PNG/JPG image.") from exc
    if not result:
        raise ExtractError("OCR found no text in the image", source=source,
                           remedy="Photograph the document flat, in focus and well lit, or type it into a .txt.")
    return boxes_to_text([(box, str(txt)) for box, txt, _score in result])


_ENGINES: dict[str, Any] = {}


def _engine(factory: Any) -> Any:
    """One OCR engine per process: loading the models takes seconds."""
    if "rapidocr" not in _ENGINES:
        _ENGINES["rapidocr"] = factory()
    return _ENGINES["rapidocr"]


TABLE_LINES = 3  # a header and two rows
TABLE_CELLS = 3  # a line of two cells is a label and its value, or a line written in two parts


@dataclass(frozen=True, slots=True)
class _Box:
    """An OCR box: its extent on the image and its text."""

    top: float
    bottom: float
    left: float
    right: float
    text: str


def boxes_to_text(items: list[tuple[list[list[float]], str]]) -> str:
    """Group OCR boxes into lines by vertical overlap, left to right, and join them; boxes stacked in one column of a
    line are one cell, read top to bottom; a table's lines (TABLE_LINES or more, each of TABLE_CELLS cells or more,
    whose cells start where the first line's do) have their cells joined by " | ", as an HTML table's are."""
    boxes = []
    for box, txt in items:
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        boxes.append(_Box(min(ys), max(ys), min(xs), max(xs), txt))
    boxes.sort(key=lambda b: (b.top + b.bottom) / 2)
    lines: list[list[_Box]] = []
    for b in boxes:
        mid = (b.top + b.bottom) / 2
        if lines:
            last = lines[-1]
            if min(x.top for x in last) <= mid <= max(x.bottom for x in last):
                last.append(b)
                continue
        lines.append([b])
    rows = [_cells(line) for line in lines]
    tol = sorted(b.bottom - b.top for b in boxes)[len(boxes) // 2] if boxes else 0.0  # a line's height
    table = [False] * len(rows)
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and _aligned(rows[i], rows[j], tol):
            j += 1
        if j - i >= TABLE_LINES:
            table[i:j] = [True] * (j - i)
        i = j
    return "\n".join((" | " if is_table else " ").join(c.text for c in row)
                     for row, is_table in zip(rows, table, strict=True))


def _cells(line: list[_Box]) -> list[_Box]:
    """The line's boxes left to right, boxes stacked in one column (a cell's text wrapped under itself:
    前3个月0.38%，之后 / 0.63%) joined top to bottom into one."""
    out: list[_Box] = []
    for b in sorted(line, key=lambda x: x.left):
        last = out[-1] if out else None
        if last is not None and min(last.right, b.right) - max(last.left, b.left) > 0.5 * min(
                last.right - last.left, b.right - b.left):
            upper, lower = (last, b) if last.top <= b.top else (b, last)
            out[-1] = _Box(min(last.top, b.top), max(last.bottom, b.bottom), min(last.left, b.left),
                           max(last.right, b.right), upper.text + lower.text)
        else:
            out.append(b)
    return out


def _aligned(head: list[_Box], row: list[_Box], tol: float) -> bool:
    """Whether `row` is a line of the table `head` starts: both of TABLE_CELLS cells or more, and each of the row's
    cells starting within `tol` of where one of head's cells starts."""
    if len(head) < TABLE_CELLS or len(row) < TABLE_CELLS:
        return False
    return all(any(abs(c.left - h.left) <= tol for h in head) for c in row)


# What a phone draws around a screenshot, above its content: the clock, the battery, the carrier, the address bar.
_CHROME = re.compile(r"\s*(?:(?:(?:\d{1,2}:\d{2}|[45]g|wifi|\d{1,3}%|中国(?:移动|联通|电信))\s*)+"
                     r"|(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?|[<×]|返回)\s*", re.I)


def extract_image(raw: RawFile, data: bytes, sha: str) -> Document:
    text = ocr_text(Path(raw.path), raw.source) + "\n"
    blocks, pos, title = [], 0, ""
    for line in text.split("\n"):
        if line.strip():
            # the first line that is not a screenshot's chrome is the image's title (its heading)
            heading = not title and not _CHROME.fullmatch(line)
            if heading:
                title = line.strip()
            blocks.append(Block("title" if heading else "line", pos, pos + len(line)))
        pos += len(line) + 1
    return Document(id=sha[:12], source=raw.source, kind="image", text=text, sha256=sha, url=raw.url,
                    title=title[:120], blocks=tuple(blocks))
