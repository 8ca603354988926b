"""Cut a page that is not an offer, but holds one, into views: what it says in its own voice, and what it sells.

A guide that teaches six traps and then, under "文末福利", sells its own machine; a news report with an ad
below it; a Q&A page where one answer is an agent's pitch; a forum thread with an advertiser's post. Judged
as one page, either the teaching hides the offer or the offer makes the teaching look like one. `views`
gives such a document as two or more `Document`s of the same id and offsets, each with the other parts
blanked (line breaks kept): the rest of the page, and each selling passage with no title of its own, so
that every stage judges a passage by its own words. Any other document is its own single view.

A passage runs from a head (a forum post's, an answer's, a numbered section's, an ad's) to the next head;
it sells when an ad marker heads it or it asks the reader to sign up through its writer (`context.sells`).
A forum post written before signing (还没签，先来问问) is left out of every view: it asks about an offer, and
nothing it tells has happened yet. A reply in which its writer tells what was done to them (a comment under a guide,
a later post of a thread: 第4条我就中了…刷第一笔扣了198) is a view of its own ("story"), judged as a complaint is.

Before any of that, a web page's lists of links (a menu, 相关文章, 热门投诉, 上一篇：…) are blanked (`own_page`):
their titles are other pages' words, judged on those pages.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from poscheck.models import Block, Document
from poscheck.normalize import Normalized, normalize, normalize_document
from poscheck.rules import context
from poscheck.textscan import line_end

# The head of a post in a forum thread (3楼 …, #3, 楼主, …发表于 2026-2-11): each post has its writer.
_POST_HEAD = re.compile(r"^[ \t]*(?:\d{1,4}\s*楼|#\d{1,4}(?!\d)|楼主|沙发|板凳)|^[^\n]{0,40}?发表于", re.M)


@lru_cache(maxsize=256)
def post_starts(text: str) -> tuple[int, ...]:
    """Where the posts of a forum thread start in `text` (fewer than two: it is no thread)."""
    # One character of each head word stands for it (沙 for 沙发, 凳 for 板凳): a one-character `in` costs a
    # quarter of a two-character one, and a character present without its word only lets the pattern run.
    if "楼" not in text and "#" not in text and "沙" not in text and "凳" not in text and "发表于" not in text:
        return ()
    return tuple(m.start() for m in _POST_HEAD.finditer(text))
# The marks that head an ad (广告, 小编推荐, ———— 文末福利 ————), and those that head what follows one.
_AD_MARKS = "广告|推广|赞助内容|商业推广|文末福利|福利时间|小编推荐|本站推荐"


def _mark_line(marks: str) -> str:
    """A line that is only one of `marks`, maybe in brackets (【文末福利】)."""
    return rf"^[ \t]*[【\[]?(?:{marks})[】\]]?[ \t]*$"


_AD_HEAD = re.compile(rf"{_mark_line(_AD_MARKS)}|^[ \t]*[—\-=_*]{{3,}}[^\n]*(?:福利|广告|推广)", re.M)
# A rule with words in it (—— 分割线 ——: one Chinese dash each side; ===== 以下是广告 =====)
_DIVIDER = re.compile(r"^[ \t]*(?:—{2,}|[\-=_*]{3,})[^\n]{1,16}(?:—{2,}|[\-=_*]{3,})[ \t]*$", re.M)
# An answer on a Q&A page, a numbered section of an article (04 我现在用的是什么？, 坑五：二清机), a rule
# line with a heading in it, the likes under an answer (12赞), and the marks above.
_HEAD = re.compile(
    r"^[ \t]*(?:最佳回答|最佳答案|回答者|回答(?:\s*\d+)?(?=[ \t:])|答主)"
    r"|^[ \t]*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|坑[一二三四五六七八九十\d]{1,2})(?:[ \t]+|[、.:])[^\n]{0,24}$"
    rf"|{_DIVIDER.pattern}"
    r"|^[ \t]*\d+(?:\.\d+)?[kw万]?\s*(?:赞|个赞|赞同)[ \t]*$"
    # the line that closes an answer (发布于 2025-11-03 · 赞同 4), and a comment's head (小店长 2025年3月3日 08:30)
    r"|^[ \t]*(?:编辑于|发布于)\s*\d{4}[-/.年][^\n]*$"
    r"|^[ \t]*[^\n\d]{1,20}?[ \t]+\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ \t]+\d{1,2}:\d{2}[ \t]*$"
    r"|^[ \t]*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]+\d{1,2}:\d{2}[ \t]*$"  # (…or the date alone, closing one)
    rf"|{_mark_line(_AD_MARKS + '|推荐阅读|相关阅读|相关推荐|热门推荐')}",
    re.M,
)


def _passages(text: str, own: list[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each passage of normalised `text`: from one head (or one of `own`) to the next."""
    starts = sorted({0, *post_starts(text), *(m.start() for m in _HEAD.finditer(text)), *(own or ())})
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if b > a]


def _blank(text: str, keep: list[tuple[int, int]]) -> str:
    """`text` with every character outside the `keep` spans blanked, line breaks kept (offsets stay)."""
    out, pos = [], 0
    for lo, hi in keep:
        out.append(_spaces(text[pos:lo]))
        out.append(text[lo:hi])
        pos = hi
    out.append(_spaces(text[pos:]))
    return "".join(out)


def _spaces(text: str) -> str:
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _blocks_in(blocks: tuple[Block, ...], keep: list[tuple[int, int]]) -> tuple[Block, ...]:
    return tuple(b for b in blocks if any(lo <= b.start and b.end <= hi for lo, hi in keep))


# A list of links (a menu, 相关文章, 热门投诉, 商户课堂, a grid of product names) names other pages: what a title
# says is that page's, judged there when the crawl reads it, and so are the 上一篇 / 下一篇 lines. Items that show
# who runs the site (a licence or ICP number, a firm's name) stay: they are this site's statement.
LIST_HEAD_MAX = 16  # characters of a list's own heading (热门投诉, 维权指南), blanked with it
_IDENTITY = re.compile(r"z\d{6}|icp|备案|许可证|营业执照|\d{15}|有限公司|股份公司|银行|集团", re.I)
_PREV_NEXT = re.compile(r"^[ \t]*(?:上一篇|下一篇|上一条|下一条)[ \t]*[:：][^\n]*", re.M)


def _link_paragraphs(doc: Document) -> list[bool]:
    """For each block of `doc`, is it a paragraph that is mostly the text of links? One pass over blocks and links,
    both in order."""
    links, n, i = doc.links, len(doc.links), 0
    out = []
    for b in doc.blocks:
        s, e = b.start, b.end
        while i < n and links[i][1] <= s:
            i += 1
        if b.kind != "para" or i == n or links[i][0] >= e:
            out.append(False)
            continue
        linked, j = 0, i
        while j < n and links[j][0] < e:
            a, z = links[j]
            linked += min(z, e) - max(a, s)
            j += 1
        out.append(2 * linked >= e - s)
    return out


def related_links(doc: Document) -> list[tuple[int, int]]:
    """Spans of `doc.text` that name other pages: each item of a list of at least two links (with the list's short
    heading), and the 上一篇 / 下一篇 lines."""
    text = doc.text
    # (篇 or 条 first: a one-character `in` costs a quarter of a two-character one)
    spans = [m.span() for m in _PREV_NEXT.finditer(text)] \
        if ("篇" in text or "条" in text) and ("一篇" in text or "一条" in text) else []
    if len(doc.links) < 2:
        return spans
    blocks = doc.blocks
    linked = [*_link_paragraphs(doc), False]  # a sentinel closes the last run
    first = -1  # the first block of the run of link paragraphs so far
    for i, is_link in enumerate(linked):
        if is_link:
            first = i if first < 0 else first
            continue
        if first >= 0 and i - first >= 2:
            lo, hi = blocks[first].start, blocks[i - 1].end
            if _IDENTITY.search(text, lo, hi):  # keep the items that show who runs the site
                spans += [(b.start, b.end) for b in blocks[first:i] if not _IDENTITY.search(text, b.start, b.end)]
            else:  # the whole run as one span (what stands between its items is line breaks)
                spans.append((lo, hi))
            head = blocks[first - 1] if first > 0 else None
            if head is not None and head.kind in ("heading", "para") and head.end - head.start <= LIST_HEAD_MAX \
                    and not any(c.isdigit() for c in text[head.start:head.end]):
                spans.append((head.start, head.end))
        first = -1
    return sorted(spans)


@lru_cache(maxsize=256)
def own_page(doc: Document) -> Document:
    """The page without the links that name other pages (`related_links`), blanked; offsets stay."""
    others = related_links(doc) if doc.kind == "html" else []
    return replace(doc, text=_blank(doc.text, _outside(others, len(doc.text)))) if others else doc


def _speaks_otherwise(doc: Document, text: str) -> bool:
    """The page as a whole is no offer: a guide, warning, news report or Q&A page, or a forum thread. (A complaint
    is not cut: the ad it quotes is what happened to its writer.)"""
    if len(post_starts(text)) >= 2:
        return True
    genre = context.document_genre(normalize(doc.title).text if doc.title else "", text)
    return genre == "advisory" or (genre == "offer" and context.teaches(text))


# A post written before signing (还没签，先来问问; 准备装个刷卡的机器): it asks about an offer, nothing happened yet…
_UNSIGNED = re.compile(r"还没签|没签呢|未签|先来问问|准备(?:装|办|签)|(?:要|快)签[^。\n]{0,8}了|考虑一下"
                       r"|还没(?:买|办|开|装|交)|就是想问问")  # (我还没买机器也没开，就是想问问)
# …unless it tells what did (当时没听劝，我就签了…299被扣了).
# (not 这种要是签了…: what would happen)
_HAPPENED = re.compile(r"签了(?<!要是签了)(?<!如果签了)(?<!假如签了)(?<!万一签了)(?<!一旦签了)"
                       r"|已经签|被扣|扣了|扣掉|到账只有|到账才|少到账|冻结了")


def _unsigned_posts(text: str) -> list[tuple[int, int]]:
    """The posts of a forum thread whose writer has not signed yet (normalised offsets)."""
    heads = post_starts(text)
    if len(heads) < 2:
        return []
    return [(lo, hi) for lo, hi in zip(heads, [*heads[1:], len(text)], strict=True)
            if _UNSIGNED.search(text, lo, hi) and not _HAPPENED.search(text, lo, hi)]


# A reply in which its writer tells what happened to them (第4条我就中了。去年6月办的…刷第一笔扣了198…): a victim's
# story under a guide, in a Q&A page's answers or a thread's later posts is judged on its own words, as a complaint
# is (the page's own body, a guide's or a first post's, keeps its genre).
_TOLD = re.compile(r"被扣|扣了|多扣|被坑|被收|被骗|才发现|才知道|只到账|到账只有|只进来|我就中了|中招")


def _replies_start(text: str) -> int:
    """Where the replies to a page begin in normalised `text`: its second post, or its comments' heading."""
    posts = post_starts(text)
    return posts[1] if len(posts) >= 2 else context.comments_start(text)


def _story_runs(text: str) -> list[tuple[int, int]]:
    """Spans of normalised `text`: the replies whose writer tells what was done to them (_TOLD)."""
    first = _replies_start(text)
    if first >= len(text):
        return []
    return [(lo, hi) for lo, hi in _passages(text) if lo >= first and _TOLD.search(text, lo, hi)
            and context.FIRST_PERSON.search(text, lo, hi)]


# The site's own name at the end of a page's title (…一篇对比讲清楚 - 速码付), and a heading line that opens with it and
# names a product (速码付电签：小店老板的第一台刷卡机): the guide's section presenting the site's own product.
_SITE_NAME = re.compile(r"[ \t]*(?:[-_|—]|｜)[ \t]*([\u4e00-\u9fffa-z0-9]{2,8})[ \t]*$")
_PRODUCT_HEAD = re.compile(r"[^\n。,;!?]{0,8}?(?:电签|pos|刷卡机|收款码|码牌|收款机|智能终端)[^\n。;!?]{0,24}$")


def _own_product_heads(title: str, text: str) -> list[int]:
    """Where a line of normalised `text` starts that heads the site's own product (see _PRODUCT_HEAD)."""
    m = _SITE_NAME.search(title)
    if m is None or m.group(1) not in text:
        return []
    name, out = m.group(1), []
    at = text.find(name)
    while at >= 0:
        if (at == 0 or text[at - 1] == "\n") and _PRODUCT_HEAD.match(text, at + len(name), line_end(text, at)):
            out.append(at)
        at = text.find(name, at + len(name))
    return out


def _selling_runs(text: str, own: list[int]) -> list[tuple[int, int]]:
    """Spans of normalised `text` that sell, adjacent ones merged: an ad from after its mark (广告, ———— 文末福利
    ————), a section under a head of the site's own product (`own`, _own_product_heads), a passage that sells from
    the line where it starts to (…下面就是粉丝福利), not from a head that would read as a guide's title (04
    我现在用的是什么？)."""
    runs: list[tuple[int, int]] = []
    for lo, hi in _passages(text, own):
        if _AD_HEAD.match(text, lo):
            start = text.find("\n", lo, hi) + 1
        elif lo in own:
            start = lo
        elif (at := context.selling_at(text[lo:hi])) is not None:
            # (all of it under a divider: —— 分割线 —— ⏎ 顺便说下我自己这边…有需要的可以私信我)
            start = text.find("\n", lo, hi) + 1 if _DIVIDER.match(text, lo) else text.rfind("\n", lo, lo + at) + 1 or lo
        else:
            continue
        if not lo <= start < hi:
            continue
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], hi)
        else:
            runs.append((start, hi))
    return runs


def _outside(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The parts of [0, size) that no span covers."""
    out, pos = [], 0
    for s, e in sorted(spans):
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    return [*out, (pos, size)] if pos < size else out


# A message of an SMS export: its time, then who sent it (a number, maybe masked, or the owner: 我, 本机), or
# straight away its signature (【银联商务】). "[2025-06-12 10:02] 106575xxxx113：…", "2025-06-05 11:02:47,1069…,收,…",
# "2025-09-02 10:21:33 来自 1069…" (the message on the lines after).
_WHEN = r"\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]+\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]*[,|]?[ \t]*"
_SMS_RECORD = re.compile(
    rf"^[ \t]*{_WHEN}(?:(?:收|发|来自|发送至|发送给|发给)[ \t]*[,|]?[ \t]*)?"
    r"(?:(?P<number>\+?\d[\d \-]{3,20}[\dx*]|\d{2,}[x*]+[\dx*]*)|(?P<owner>我|本机))"
    r"[ \t]*(?:\((?:收|发)\))?[ \t]*(?:[,|][ \t]*(?:收|发)[ \t]*)?(?:[,|:]|->|$)"
    rf"|^[ \t]*{_WHEN}(?P<sig>【[^】\n]{{1,16}}】)",
    re.M,
)
SMS_PREAMBLE_LINES = 8  # non-empty lines before an export's first message (its device, owner, column names)
SMS_RECORD_SHARE = 0.4  # of the non-empty lines from the first message on, at least this many start one


def sms_senders(text: str) -> list[tuple[int, str]]:
    """(start, sender) of each message of an SMS export in normalised `text`, the owner's own messages given to
    the sender they answer; [] when the text is no export (most of its lines after the first message start one,
    and at least two messages are signed 【…】)."""
    if text.count("【") < 2:
        return []
    records = list(_SMS_RECORD.finditer(text))
    if len(records) < 3:
        return []
    first = records[0].start()
    lines = [ln for ln in text[first:].split("\n") if ln.strip()]
    if len(records) < SMS_RECORD_SHARE * len(lines) or len([ln for ln in text[:first].split("\n")
                                                            if ln.strip()]) > SMS_PREAMBLE_LINES:
        return []
    out: list[tuple[int, str]] = []
    for m in records:
        who = m.group("number") or m.group("sig")
        sender = re.sub(r"[ \-]", "", who) if who else (out[-1][1] if out else "")
        out.append((m.start(), sender))
    return out


def _sender_views(doc: Document, norm: Normalized, senders: list[tuple[int, str]]) -> tuple[Document, ...]:
    """One view per sender of an SMS export: its messages (and the owner's answers to them) alone; the export's
    head goes with the first sender."""
    spans: dict[str, list[tuple[int, int]]] = {}
    ends = [start for start, _ in senders[1:]] + [len(norm.text)]
    for i, ((start, sender), end) in enumerate(zip(senders, ends, strict=True)):
        spans.setdefault(sender, []).append(norm.orig_span(0 if i == 0 else start, end))
    return tuple(replace(doc, text=_blank(doc.text, keep), blocks=_blocks_in(doc.blocks, keep), view="sender")
                 for keep in spans.values())


@lru_cache(maxsize=256)
def views(doc: Document) -> tuple[Document, ...]:
    """The document as its readers should judge it: itself, or (for a page that is no offer but sells, a forum
    thread with a post before signing, or a page with replies that tell what was done to their writers) the page
    without its selling passages, unsigned posts and told replies ("rest"), each run of selling passages alone,
    untitled ("ad"), and each told reply alone, untitled ("story")."""
    doc = own_page(doc)
    norm = normalize_document(doc.text, doc.kind)
    text = norm.text
    if not _speaks_otherwise(doc, text):  # (its genre is asked by every stage anyway: cached)
        return (doc,)  # an offer page: all of it is the offer
    senders = sms_senders(text)
    if len({sender for _, sender in senders}) >= 2:  # an export whose warnings are some senders' messages
        return _sender_views(doc, norm, senders)
    heads = _own_product_heads(normalize(doc.title).text, text) if doc.title else []
    selling = bool(heads) or context.sells(text) or _AD_HEAD.search(text) is not None
    unsigned = [norm.orig_span(lo, hi) for lo, hi in _unsigned_posts(text)]
    told = _story_runs(text)
    if not (selling or unsigned or told):
        return (doc,)
    runs = [norm.orig_span(lo, hi) for lo, hi in _selling_runs(text, heads)] if selling else []
    spans = [norm.orig_span(lo, hi) for lo, hi in told]
    stories = [s for s in spans if not any(a <= s[0] < b for a, b in runs)]  # (an ad's own story stays the ad's)
    rest = _outside(runs + unsigned + stories, len(doc.text))  # a post before signing is left out: it asks
    if not (unsigned or stories) and (not runs or not any(doc.text[lo:hi].strip() for lo, hi in rest)):
        return (doc,)  # no passage sells, or all of it does
    own = replace(doc, text=_blank(doc.text, rest), blocks=_blocks_in(doc.blocks, rest), view="rest")
    ads = [replace(doc, text=_blank(doc.text, [run]), title="", blocks=_blocks_in(doc.blocks, [run]), view="ad")
           for run in runs]
    tales = [replace(doc, text=_blank(doc.text, [span]), title="", blocks=_blocks_in(doc.blocks, [span]),
                     view="story") for span in stories]
    return (own, *ads, *tales)
