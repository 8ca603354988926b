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
# Elements whose class or id marks a footer, found once per page by lexbor (CSS, case-insensitive).
_FOOTERISH = ", ".join(f"[{attr}*={word} i]" for word in ("foot", "copyright", "bottom", "beian", "icp")
                       for attr in ("class", "id"))
_SPACES = re.compile(r"\s+")
_CLOSE = object()
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)


def sniff_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


class _Writer:
    """Accumulates text and records a Block for every non-empty block element."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.blocks: list[tuple[int, int, str]] = []  # (start, end, kind); Block objects only for kept ones

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
        w.blocks.append((0, len(title), "title"))
        w.newline()
    root = tree.body or tree.root
    if root is None:
        return Document(id=sha[:12], source=raw.source, kind="html", text=w.text(), sha256=sha,
                        url=raw.url, title=title, encoding=enc, blocks=_innermost(w.blocks))
    footerish = {n.mem_id for n in tree.css(_FOOTERISH)}
    # Iterative walk (hostile pages may nest deeper than Python's recursion limit).
    # Stack items: (node, footer flag) to enter, or (_CLOSE, tag, start, footer) markers. The marker is
    # tested with `is`: `node == "close"` makes selectolax serialise the node's whole subtree.
    stack: list[tuple[object, ...]] = [(root, False)]
    while stack:
        item = stack.pop()
        if item[0] is _CLOSE:
            _, tag, start, in_footer = item
            if tag in _CELL:
                w.write(" | ")
                continue
            begin = start if isinstance(start, int) else 0
            if w.size > begin:  # trimmed once the text is complete (see _trim)
                w.blocks.append((begin, w.size, _kind(str(tag), bool(in_footer))))
            w.newline()
            continue
        node, in_footer = item
        tag = node.tag  # type: ignore[attr-defined]
        if tag == "-text":
            t = node.text_content  # type: ignore[attr-defined]
            if t:
                t = _SPACES.sub(" ", t)
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
            hint = (node.attributes.get("placeholder") or "").strip()  # type: ignore[attr-defined]
            if hint:
                w.write(f" {hint} ")
            continue
        footer = bool(in_footer) or tag == "footer" or node.mem_id in footerish  # type: ignore[attr-defined]
        if tag in _BLOCK:
            w.newline()
            stack.append((_CLOSE, tag, w.size, footer))
        elif tag in _CELL:
            stack.append((_CLOSE, tag, w.size, footer))
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        stack.extend((c, footer) for c in reversed(children))
    text = w.text()
    blocks = _innermost(_trim(text, w.blocks))
    return Document(id=sha[:12], source=raw.source, kind="html", text=text, sha256=sha, url=raw.url,
                    title=title, encoding=enc, blocks=blocks)


def _trim(text: str, blocks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Shrink each block to its non-blank content; drop blocks with none."""
    out = []
    for start, end, kind in blocks:
        seg = text[start:end]
        core = seg.strip(" |\n\t")
        if not core:
            continue
        lead = len(seg) - len(seg.lstrip(" |\n\t"))
        out.append((start + lead, start + lead + len(core), kind))
    return out


def _innermost(blocks: list[tuple[int, int, str]]) -> tuple[Block, ...]:
    """Drop blocks that merely contain other blocks, keeping footers and the title as they are.

    Blocks come from nested elements, so they nest or are disjoint; in (start, -end) order a block
    contains another exactly when the next block with a different span starts inside it.
    """
    ordered = sorted(blocks, key=lambda b: (b[0], -b[1]))
    keep: set[tuple[int, int, str]] = set()
    nxt: tuple[int, int, str] | None = None  # the nearest following block whose span differs
    for i in range(len(ordered) - 1, -1, -1):
        b = ordered[i]
        if i + 1 < len(ordered) and ordered[i + 1][:2] != b[:2]:
            nxt = ordered[i + 1]
        contains_other = nxt is not None and nxt[0] < b[1] and nxt[1] <= b[1]
        if b[2] in ("footer", "title") or not contains_other:
            keep.add(b)
    return tuple(Block(kind, start, end) for start, end, kind in sorted(keep))
