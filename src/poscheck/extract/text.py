"""Plain text files and byte decoding (UTF-8, GBK/GB2312/GB18030, BOMs) shared by the extractors."""

from __future__ import annotations

import re

from poscheck.models import Block, Document, RawFile
from poscheck.rules import context

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "utf8": "utf-8", "big5": "big5hkscs"}
_LINE = re.compile(r"[^\n]+")


def canonical_encoding(name: str | None) -> str | None:
    if not name:
        return None
    n = name.strip().strip("\"'").lower()
    n = _ALIASES.get(n, n)
    import codecs

    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *declared: str | None) -> tuple[str, str]:
    """Decode `data`: BOM, then declared charsets that decode cleanly, then UTF-8, GB18030, detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    candidates = [c for c in (canonical_encoding(d) for d in declared) if c]
    for enc in [*candidates, "utf-8", "gb18030"]:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    enc = candidates[0] if candidates else "utf-8"
    return data.decode(enc, errors="replace"), enc


def line_blocks(text: str, kind: str = "line") -> tuple[Block, ...]:
    return tuple(Block(kind, m.start(), m.end()) for m in _LINE.finditer(text) if not m.group().isspace())


def extract_txt(raw: RawFile, data: bytes, sha: str) -> Document:
    text, enc = decode_bytes(data, raw.encoding_hint)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(id=sha[:12], source=raw.source, kind="txt", text=text, sha256=sha, url=raw.url,
                    title=context.title_line(text)[:120], encoding=enc, blocks=line_blocks(text))


# Titles that tools write when the author wrote none (reportlab's "untitled", Word's "文档1"), or a file's name.
_PLACEHOLDER_TITLE = re.compile(
    r"(?:untitled|无标题|anonymous|document|title|文档\d*|新建[^\n]{0,8}文档\d*)"
    r"|(?:microsoft word - )?\S+\.(?:docx?|pdf|wps)",
    re.I,
)


def meta_title(title: str) -> str:
    """A document's metadata title, or '' when it is a placeholder a tool wrote (the first line is then better)."""
    title = title.strip()
    return "" if _PLACEHOLDER_TITLE.fullmatch(title) else title
