"""Images (PNG/JPG) → text by local OCR with rapidocr, whose Chinese models ship inside its wheel."""

from __future__ import annotations

import re
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


def boxes_to_text(items: list[tuple[list[list[float]], str]]) -> str:
    """Group OCR boxes into lines by vertical overlap, left to right, and join them."""
    boxes = []
    for box, txt in items:
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        boxes.append((min(ys), max(ys), min(xs), txt))
    boxes.sort(key=lambda b: (b[0] + b[1]) / 2)
    lines: list[list[tuple[float, float, float, str]]] = []
    for b in boxes:
        mid = (b[0] + b[1]) / 2
        if lines:
            last = lines[-1]
            top = min(x[0] for x in last)
            bottom = max(x[1] for x in last)
            if top <= mid <= bottom:
                last.append(b)
                continue
        lines.append([b])
    return "\n".join(" ".join(x[3] for x in sorted(line, key=lambda x: x[2])) for line in lines)


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
