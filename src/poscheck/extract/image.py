"""Images (PNG/JPG) → text by OCR with rapidocr, whose Chinese models ship inside its wheel."""

from __future__ import annotations

from typing import Any

from poscheck.errors import ExtractError
from poscheck.models import Block, Document, RawFile

_ENGINE: Any = None


def ocr_lines(data: bytes, source: str) -> list[str]:
    """OCR `data` into text lines, top to bottom; the engine is built once per process."""
    global _ENGINE
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise ExtractError("OCR is not installed", source=source,
                           remedy="Install it with `pip install 'poscheck[ocr]'` (rapidocr-onnxruntime).") from exc
    if _ENGINE is None:
        _ENGINE = RapidOCR()
    result, _ = _ENGINE(data)
    if not result:
        return []
    # Each item: [box(4 points), text, score]; group boxes into lines by their vertical centre.
    items = sorted(((sum(p[1] for p in box) / 4, box[0][0], text) for box, text, _score in result))
    lines: list[list[tuple[float, str]]] = []
    last_y = None
    for y, x, text in items:
        if last_y is None or abs(y - last_y) > 12:
            lines.append([])
        lines[-1].append((x, text))
        last_y = y
    return [" ".join(t for _, t in sorted(line)) for line in lines]


def extract_image(raw: RawFile, data: bytes, sha: str) -> Document:
    lines = ocr_lines(data, raw.source)
    if not lines:
        raise ExtractError("no text found in the image", source=raw.source,
                           remedy="Use a sharper photo, taken straight on, or type the text instead.")
    text = "\n".join(lines) + "\n"
    blocks, pos = [], 0
    for ln in lines:
        blocks.append(Block("line", pos, pos + len(ln)))
        pos += len(ln) + 1
    return Document(id=sha[:12], source=raw.source, kind="image", text=text, sha256=sha, url=raw.url,
                    title=lines[0][:120], blocks=tuple(blocks))
