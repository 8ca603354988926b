"""DOCX → paragraphs and table rows in document order (python-docx)."""

from __future__ import annotations

import io

from poscheck.extract.text import meta_title
from poscheck.models import Block, Document, RawFile


def extract_docx(raw: RawFile, data: bytes, sha: str) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    parts: list[str] = []
    blocks: list[Block] = []
    size = 0

    def emit(s: str, kind: str) -> None:
        nonlocal size
        s = s.strip()
        if not s:
            return
        blocks.append(Block(kind, size, size + len(s)))
        parts.append(s + "\n")
        size += len(s) + 1

    for item in d.iter_inner_content():
        if isinstance(item, Paragraph):
            style = (item.style.name if item.style is not None else "") or ""
            emit(item.text, "heading" if style.lower().startswith(("heading", "title")) else "para")
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                        cells.append(t)
                emit(" | ".join(cells), "row")
    text = "".join(parts)
    title = (d.core_properties.title or "").strip()
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return Document(id=sha[:12], source=raw.source, kind="docx", text=text, sha256=sha, url=raw.url,
                    title=(meta_title(title) or first)[:120], blocks=tuple(blocks))
