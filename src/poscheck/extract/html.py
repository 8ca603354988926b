"""HTML → visible text with block structure (title, headings, paragraphs, table rows, footer)."""

from __future__ import annotations

import re
from operator import itemgetter
from typing import TYPE_CHECKING

from poscheck.extract.text import decode_bytes
from poscheck.models import Block, Document, RawFile

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select",
         "-comment"}  # "-comment" is selectolax's tag for comment nodes
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "form", "fieldset", "address", "figure", "figcaption", "center", "caption",
    "label", "button", "option", "hr", "body", "html",
}
_CELL = {"td", "th"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
# What the walk does with a tag, in one look-up: the kind of block it makes (a footer's blocks are all
# "footer"), "cell", "skip" (the whole subtree), "br", "field" (its placeholder is the text); tags not
# listed are inline: only their children count.
_ROLE: dict[str | None, str] = {
    **dict.fromkeys(_BLOCK, "para"), **dict.fromkeys(_HEADING, "heading"), "tr": "row", "footer": "footer",
    **dict.fromkeys(_CELL, "cell"), **dict.fromkeys(_SKIP, "skip"), "br": "br", "input": "field", "textarea": "field",
}
_LEAF = {"skip", "br", "field"}  # the roles of elements whose children are not read
_TYPED = {"text", "password", "tel", "number", "email", "search"}  # inputs a person types into
# Elements whose class or id marks a footer, found once per page by lexbor (CSS, case-insensitive).
_FOOTERISH = ", ".join(f"[{attr}*={word} i]" for word in ("foot", "copyright", "bottom", "beian", "icp")
                       for attr in ("class", "id"))
_BLANK = " |\n\t"  # what a block may start or end with that is not content (see _trim)
_CELL_SEP = " | "  # what a table cell writes when it closes
_LINK = "link"  # what an <a> does when it closes: the span of its text is noted (Document.links)
# Elements whose tooltip (title="…") says more than their text (<em title="系统服务费：每季度39元">详见说明</em>): the
# tooltip is read after the text, in brackets. Not a link's (sites repeat the link's text there, or the target's name).
_TIPPED = "[title]:not(a)"
TIP_MAX = 200  # characters of a tooltip read
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)


def sniff_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def extract_html(raw: RawFile, data: bytes, sha: str) -> Document:
    from selectolax.lexbor import LexborHTMLParser

    text_in, enc = decode_bytes(data, raw.encoding_hint, sniff_charset(data))
    # lexbor parses UTF-8 bytes; when those are the input itself (strictly decoded, no BOM), hand them
    # over as they are rather than have selectolax encode the decoded text back into the same bytes.
    utf8_input = enc == "utf-8" and not data.startswith(b"\xef\xbb\xbf")
    tree = LexborHTMLParser(data if utf8_input else text_in)
    title_node = _title(tree)
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    root = tree.body or tree.root
    blocks: tuple[Block, ...]
    links: list[tuple[int, int]] = []
    if root is None:
        text, blocks = (title + "\n", (Block("title", 0, len(title)),)) if title else ("", ())
    else:
        footerish = {n.mem_id for n in tree.css(_FOOTERISH)}
        if b"title=" in data:
            _write_tooltips(tree)
        text, spans, links = _visible_text(root, footerish, title)
        blocks = _innermost(_trim(text, spans))
    return Document(id=sha[:12], source=raw.source, kind="html", text=text, sha256=sha, url=raw.url,
                    title=title, encoding=enc, blocks=blocks, links=tuple(links))


def _write_tooltips(tree: LexborHTMLParser) -> None:
    """Appends to each element (not a link) whose title attribute says something its text does not that tooltip, in
    brackets, as a text node of its own: the walk then reads it as the element's last words, and pages without
    tooltips cost the walk nothing."""
    for node in tree.css(_TIPPED):
        tip = " ".join((node.attributes.get("title") or "").split())[:TIP_MAX]
        if tip and tip not in " ".join(node.text().split()):
            node.insert_child(f"（{tip}）")  # (a str becomes a text node: no markup is parsed from it)


def _title(tree: LexborHTMLParser) -> LexborNode | None:
    """The document's first <title>: a child of <head> where the parser put it there, which a walk of head's few
    children finds for a tenth of what a CSS query costs (lexbor sets up its selector engine per query)."""
    head = tree.head
    if head is not None:
        for child in head.iter():
            if child.tag == "title":
                return child
    return tree.css_first("title")


def _visible_text(root: LexborNode, footerish: set[int], title: str
                  ) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The text under `root` after the title, a (start, end, kind) span for every block element and the span of
    every link's text.

    An iterative walk over first_child/next (hostile pages may nest deeper than Python's recursion
    limit). `stack` holds one frame per open element with children: (element, closing action, text
    size at its start, the footer flag of its siblings); the closing action is the kind of block the
    element makes, _CELL_SEP for a table cell, or None. Nodes are never compared with `==` (that makes
    selectolax serialise the subtree). Block spans are trimmed afterwards (_trim).
    """
    parts: list[str] = []
    size = 0
    at_newline = False  # the text so far ends with "\n" (every other write ends with something else)
    blocks: list[tuple[int, int, str]] = []  # Block objects only for the ones kept (_innermost)
    links: list[tuple[int, int]] = []  # the text of each <a>, in order (links do not nest)
    if title:
        parts += (title, "\n")
        size = len(title) + 1
        at_newline = True
        blocks.append((0, len(title), "title"))
    stack: list[tuple[LexborNode, str | None, int, bool]] = []
    in_footer = False  # the current node's parent is, or is inside, a footer
    node: LexborNode | None = root
    while node is not None:
        tag = node.tag
        if tag == "-text":
            t = node.text_content
            if t:
                # Every run of white space becomes one space; none at the start of a line.
                if t.isspace():
                    if not at_newline:
                        parts.append(" ")
                        size += 1
                else:
                    squeezed = " ".join(t.split())  # three times faster than re.sub(r"\s+", " ", t)
                    if t[-1].isspace():
                        squeezed += " "
                    if t[0].isspace() and not at_newline:
                        squeezed = " " + squeezed
                    parts.append(squeezed)
                    size += len(squeezed)
                    at_newline = False
        elif (role := _ROLE.get(tag, "inline")) not in _LEAF:
            child = node.first_child
            if child is None:  # an empty element: a block only breaks the line, a cell writes its separator
                if role == "cell":
                    parts.append(_CELL_SEP)
                    size += len(_CELL_SEP)
                    at_newline = False
                elif role != "inline" and size and not at_newline:
                    parts.append("\n")
                    size += 1
                    at_newline = True
            else:  # read the children; `end` is what the element does when it closes
                footer = in_footer or tag == "footer" or node.mem_id in footerish
                if role == "inline":
                    end = _LINK if tag == "a" else None
                elif role == "cell":
                    end = _CELL_SEP
                else:
                    if size and not at_newline:
                        parts.append("\n")
                        size += 1
                        at_newline = True
                    end = "footer" if footer else role
                stack.append((node, end, size, in_footer))
                in_footer = footer
                node = child
                continue
        elif role == "br":
            if size and not at_newline:
                parts.append("\n")
                size += 1
                at_newline = True
        elif role == "field":
            hint = (node.attributes.get("placeholder") or "").strip()
            # "结算卡号<input>" reads as the form field "结算卡号：", and with a placeholder as "结算卡号： 请输入…"
            labelled = (node.attributes.get("type") or "text").lower() in _TYPED and not at_newline and parts \
                and not parts[-1].rstrip().endswith((":", "："))
            if hint:
                hint = f"{'：' if labelled else ''} {hint} "
            elif labelled:
                hint = "："
            if hint:
                parts.append(hint)
                size += len(hint)
                at_newline = False
        # `node` is done: move on to its next sibling, closing the elements left behind on the way up.
        while True:
            if not stack:  # back at the root
                node = None
                break
            following = node.next
            if following is not None:
                node = following
                break
            node, end, start, in_footer = stack.pop()
            if end is _CELL_SEP:
                parts.append(_CELL_SEP)
                size += len(_CELL_SEP)
                at_newline = False
            elif end is _LINK:
                if size > start:
                    links.append((start, size))
            elif end is not None:
                stop = size - 1 if at_newline else size  # a line break at the end is trimmed off anyway
                if stop > start:
                    blocks.append((start, stop, end))
                if size and not at_newline:
                    parts.append("\n")
                    size += 1
                    at_newline = True
    return "".join(parts), blocks, links


def _trim(text: str, blocks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Shrink each block to its non-blank content; drop blocks with none."""
    out = []
    for block in blocks:
        start, end, kind = block
        if text[start] not in _BLANK and text[end - 1] not in _BLANK:  # the usual case: nothing to trim
            out.append(block)
            continue
        seg = text[start:end]
        rest = seg.lstrip(_BLANK)
        if rest:
            lead = start + len(seg) - len(rest)
            out.append((lead, lead + len(rest.rstrip(_BLANK)), kind))
    return out


def _innermost(blocks: list[tuple[int, int, str]]) -> tuple[Block, ...]:
    """Drop blocks that merely contain other blocks, keeping footers and the title as they are.

    Blocks come from nested elements, so they nest or are disjoint; in (start, -end) order a block
    contains another exactly when the next block with a different span starts inside it.
    """
    ordered = sorted(blocks, key=itemgetter(1), reverse=True)  # two stable sorts on int keys: (start, -end)
    ordered.sort(key=itemgetter(0))
    keep: set[tuple[int, int, str]] = set()
    nxt_start = nxt_end = -1  # span of the nearest following block whose span differs (none yet)
    later_start = later_end = -1  # span of the block just after the current one
    for block in reversed(ordered):
        start, end, kind = block
        if later_start != start or later_end != end:
            nxt_start, nxt_end = later_start, later_end
        if kind == "footer" or kind == "title" or not (start <= nxt_start < end and nxt_end <= end):
            keep.add(block)
        later_start, later_end = start, end
    return tuple(Block(kind, start, end) for start, end, kind in sorted(keep))
