"""HTML → visible text with block structure (title, headings, paragraphs, table rows, footer)."""

from __future__ import annotations

import re

from poscheck.extract.text import decode_bytes
from poscheck.models import Block, Document, RawFile

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select"}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "form", "fieldset", "address", "figure", "figcaption", "center", "caption",
    "label", "button", "option", "hr", "body", "html",
}
_CELL = {"td", "th"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FOOTERISH = re.compile(r"foot|copyright|bottom|beian|icp", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)


def sniff_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


class _Writer:
    """Accumulates text and records a Block for every non-empty block element."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.blocks: list[Block] = []

    def write(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.size += len(s)

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.write("\n")

    def text(self) -> str:
        return "".join(self.parts)


def _kind(tag: str, in_footer: bool) -> str:
    if in_footer or tag == "footer":
        return "footer"
    if tag in _HEADING:
        return "heading"
    if tag == "tr":
        return "row"
    return "para"


def extract_html(raw: RawFile, data: bytes, sha: str) -> Document:
    from selectolax.lexbor import LexborHTMLParser

    text_in, enc = decode_bytes(data, raw.encoding_hint, sniff_charset(data))
    tree = LexborHTMLParser(text_in)
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    w = _Writer()
    if title:
        w.write(title)
        w.blocks.append(Block("title", 0, len(title)))
        w.newline()
    root = tree.body or tree.root
    if root is None:
        return Document(id=sha[:12], source=raw.source, kind="html", text=w.text(), sha256=sha,
                        url=raw.url, title=title, encoding=enc, blocks=tuple(w.blocks))
    # Iterative walk (hostile pages may nest deeper than Python's recursion limit).
    # Stack items: (node, footer flag) to enter, or ("close", tag, start, footer) markers.
    stack: list[tuple[object, ...]] = [(root, False)]
    while stack:
        item = stack.pop()
        if item[0] == "close":
            _, tag, start, in_footer = item
            if tag in _CELL:
                w.write(" | ")
                continue
            if tag == "br":
                continue
            begin = start if isinstance(start, int) else 0
            if w.size > begin:  # trimmed once the text is complete (see _trim)
                w.blocks.append(Block(_kind(str(tag), bool(in_footer)), begin, w.size))
            w.newline()
            continue
        node, in_footer = item
        tag = node.tag  # type: ignore[attr-defined]
        if tag == "-text":
            t = node.text_content  # type: ignore[attr-defined]
            if t:
                t = re.sub(r"\s+", " ", t)
                if w.parts and w.parts[-1].endswith("\n"):
                    t = t.lstrip()
                w.write(t)
            continue
        if tag in _SKIP or tag == "-comment":
            continue
        if tag == "br":
            w.newline()
            continue
        if tag == "input" or tag == "textarea":
            attrs = node.attributes  # type: ignore[attr-defined]
            hint = (attrs.get("placeholder") or "").strip()
            if hint:
                w.write(f" {hint} ")
            continue
        attrs = node.attributes  # type: ignore[attr-defined]
        footer = bool(in_footer) or tag == "footer" or bool(
            _FOOTERISH.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}")
        )
        if tag in _BLOCK:
            w.newline()
            stack.append(("close", tag, w.size, footer))
        elif tag in _CELL:
            stack.append(("close", tag, w.size, footer))
        children = []
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            children.append(child)
            child = child.next
        for c in reversed(children):
            stack.append((c, footer))
    text = w.text()
    blocks = _innermost(_trim(text, w.blocks))
    return Document(id=sha[:12], source=raw.source, kind="html", text=text, sha256=sha, url=raw.url,
                    title=title, encoding=enc, blocks=blocks)


def _trim(text: str, blocks: list[Block]) -> list[Block]:
    """Shrink each block to its non-blank content; drop blocks with none."""
    out = []
    for b in blocks:
        seg = text[b.start:b.end]
        if not seg.strip(" |\n\t"):
            continue
        lead = len(seg) - len(seg.lstrip(" |\n\t"))
        trail = len(seg) - len(seg.rstrip(" |\n\t"))
        out.append(Block(b.kind, b.start + lead, b.end - trail))
    return out


def _innermost(blocks: list[Block]) -> tuple[Block, ...]:
    """Drop blocks that merely contain other blocks, keeping footers and the title as they are."""
    ordered = sorted(blocks, key=lambda b: (b.start, -b.end))
    keep: list[Block] = []
    for i, b in enumerate(ordered):
        contains_other = any(
            o.start >= b.start and o.end <= b.end and (o.start, o.end) != (b.start, b.end)
            for o in ordered[i + 1:i + 60]
        )
        if b.kind in ("footer", "title") or not contains_other:
            keep.append(b)
    return tuple(sorted(set(keep), key=lambda b: (b.start, b.end, b.kind)))
