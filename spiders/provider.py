"""Crawls provider sites, most telling links first, yielding every fetched file and every problem.

One spider run covers any number of targets (one per start URL). Each target keeps to its own scope
(`spiders.scope.Scope`), its own page budget and its own duplicate filter, so `audit` crawls many
providers in one process. The spider never decodes or judges content: it saves bytes with the header
charset and leaves reading to poscheck's extractors; it only looks at HTML to find links.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import StopDownload
from scrapy.http import Headers, Request, Response, TextResponse
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from spiders import problems
from spiders.filetypes import (
    DOCUMENT_SUFFIXES,
    HTML,
    IMAGE_SUFFIXES,
    SKIP_SUFFIXES,
    charset_of,
    clearly_unsupported,
    file_kind,
    url_suffix,
)
from spiders.items import FetchedFile, FetchProblem, OffsiteRedirect
from spiders.scope import Scope

#: request.meta key set by spiders.middlewares.OffScopeRedirectMiddleware: where an off-scope
#: redirect pointed.
OFFSITE_KEY = "poscheck_offsite_location"

# Words that mark the pages a merchant needs: fees and contracts first, identity pages next.
STRONG_WORDS = ("资费", "费率", "收费", "手续费", "价格", "协议", "合同", "条款")
WEAK_WORDS = ("关于我们", "资质", "牌照", "许可", "联系")
_STRONG_EN = r"fees?|rates?|pricing|prices?|tariffs?|charges?|agreements?|contracts?|terms|tos|legal"
_WEAK_EN = r"about(?:[-_ ]?us)?|licen[cs]es?|qualifications?|contact(?:[-_ ]?us)?"
STRONG_TEXT = re.compile(rf"(?<![a-z])(?:{_STRONG_EN})(?![a-z])")
WEAK_TEXT = re.compile(rf"(?<![a-z])(?:{_WEAK_EN})(?![a-z])")
# In URLs also the pinyin slugs Chinese sites use (zifei.html, guanyuwomen/ …).
_STRONG_PINYIN = "zifei|feilv|shoufei|jiage|xieyi|hetong|tiaokuan"
_WEAK_PINYIN = "guanyu|zizhi|paizhao|lianxi|xukezheng"
STRONG_URL = re.compile(rf"(?<![a-z])(?:(?:{_STRONG_EN})(?![a-z])|{_STRONG_PINYIN})")
WEAK_URL = re.compile(rf"(?<![a-z])(?:(?:{_WEAK_EN})(?![a-z])|{_WEAK_PINYIN})")

START_PRIORITY = 1000
TEXT_STRONG, TEXT_WEAK, URL_STRONG, URL_WEAK, DOCUMENT = 40, 25, 30, 15, 30

#: Elements and the attribute that holds their link.
LINK_ATTRS = {"a": "href", "area": "href", "iframe": "src", "frame": "src", "embed": "src",
              "object": "data", "img": "src"}
_NOT_WEB = ("javascript:", "mailto:", "tel:", "data:", "sms:", "weixin:", "#")
MAX_LINK_TEXT = 200


def link_priority(text: str, url: str) -> int:
    """Scheduling priority of a link from its text and URL (higher is fetched sooner)."""
    prio = 0
    low = text.lower()
    if any(w in text for w in STRONG_WORDS) or STRONG_TEXT.search(low):
        prio += TEXT_STRONG
    elif any(w in text for w in WEAK_WORDS) or WEAK_TEXT.search(low):
        prio += TEXT_WEAK
    path = url.lower().split("//", 1)[-1].partition("/")[2]
    if STRONG_URL.search(path):
        prio += URL_STRONG
    elif WEAK_URL.search(path):
        prio += URL_WEAK
    if url_suffix(url) in DOCUMENT_SUFFIXES:
        prio += DOCUMENT
    return prio


def _squash(text: str) -> str:
    return " ".join(text.split())[:MAX_LINK_TEXT]


class ProviderSpider(scrapy.Spider):
    """Crawl the scope of each target; yield FetchedFile, FetchProblem and OffsiteRedirect items."""

    name = "provider"

    def __init__(self, targets: Iterable[tuple[str, str]] = (), max_pages: int = 60, depth: int = 3,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.targets = [(str(tid), str(url)) for tid, url in targets]
        self.scopes: dict[str, Scope] = {tid: Scope.for_start(tid, url) for tid, url in self.targets}
        self.max_pages = max_pages
        self.max_depth = depth
        self.remaining: dict[str, int] = {tid: max_pages for tid in self.scopes}
        self.seen: dict[str, set[str]] = {tid: set() for tid in self.scopes}
        self.allowed_domains = sorted({s.allowed_domain for s in self.scopes.values() if s.allowed_domain})

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ProviderSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_headers, signal=signals.headers_received)
        return spider

    # ---- requests ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for tid, url in self.targets:
            yield self.start_request(tid, url)

    def start_request(self, tid: str, url: str) -> Request | FetchProblem:
        """The first request of a target, or a problem when the URL cannot be crawled at all."""
        if not url.lower().startswith(("http://", "https://")) or not self.scopes[tid].host:
            return FetchProblem(tid, url, problems.FAILED,
                                f"not a web address: {url!r}; give a full http:// or https:// URL")
        self.remaining[tid] -= 1
        self.seen[tid].add(canonicalize_url(url))
        return self.make_request(tid, url, START_PRIORITY, link_text="", referer=None, depth=0)

    def make_request(self, tid: str, url: str, priority: int, *, link_text: str, referer: str | None,
                     depth: int | None = None) -> Request:
        meta: dict[str, Any] = {"target": tid, "link_text": link_text, "referer_url": referer}
        if depth is not None:
            meta["depth"] = depth
        return Request(url, callback=self.parse, errback=self.on_error, priority=priority, meta=meta)

    # ---- callbacks --------------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Yield the response as a FetchedFile (or a problem), then requests for its links."""
        meta = response.meta
        tid: str = meta["target"]
        self.seen[tid].add(canonicalize_url(response.url))
        header = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        kind = file_kind(header, response.url, response.body[:1024])
        if kind is None:
            code, message = problems.unsupported(response.url, header)
            yield FetchProblem(tid, response.url, code, message, meta.get("referer_url"))
            return
        location = meta.get(OFFSITE_KEY)
        if location:  # an HTML meta refresh to somewhere outside the scope
            yield OffsiteRedirect(tid, response.url, location)
            if meta.get("depth", 0) == 0:
                yield FetchProblem(tid, response.url, *problems.offsite_start(response.url, location))
        mime, ext = kind
        request_url = (meta.get("redirect_urls") or [response.url])[0]
        yield FetchedFile(
            target=tid, url=request_url, final_url=response.url, status=response.status,
            content_type=header, mime=mime, ext=ext, charset=charset_of(header),
            referer=meta.get("referer_url"), link_text=meta.get("link_text", ""),
            depth=meta.get("depth", 0), body=response.body,
        )
        if mime == HTML and isinstance(response, TextResponse):
            yield from self.follow_links(response, tid)

    def follow_links(self, response: TextResponse, tid: str) -> Iterator[Request]:
        """Requests for the in-scope links of an HTML page, best first, within depth and page budget."""
        depth = int(response.meta.get("depth", 0))
        if depth >= self.max_depth or self.remaining[tid] <= 0:
            return
        scope = self.scopes[tid]
        seen = self.seen[tid]
        found: dict[str, tuple[int, str, str]] = {}  # canonical URL -> (priority, link text, URL as linked)
        try:
            root = response.selector.root
        except (ValueError, TypeError):  # an unparsable body
            return
        for el in root.iter(*LINK_ATTRS):
            tag = el.tag
            raw = el.get(LINK_ATTRS[tag]) if isinstance(tag, str) else None
            if not raw or raw.strip().lower().startswith(_NOT_WEB):
                continue
            try:
                url = response.urljoin(raw.strip()).split("#", 1)[0]
                key = canonicalize_url(url)
            except ValueError:
                continue
            if key in seen or not scope.contains(url):
                continue
            suffix = url_suffix(url)
            if suffix in SKIP_SUFFIXES:
                continue
            if tag == "img":
                text = _squash(el.get("alt") or el.get("title") or "")
                prio = link_priority(text, url)
                if prio == 0:  # logos and icons: only images that look like fee tables or licences
                    continue
            else:
                if suffix in IMAGE_SUFFIXES and tag not in ("a", "area"):
                    continue
                text = (_squash("".join(el.itertext())) or _squash(el.get("title") or "")
                        or _squash(" ".join(i.get("alt") or "" for i in el.iter("img"))))
                prio = link_priority(text, url)
            old = found.get(key)
            if old is None or prio > old[0]:
                found[key] = (prio, text or (old[1] if old else ""), url)
        for key, (prio, text, url) in sorted(found.items(), key=lambda kv: -kv[1][0]):
            if self.remaining[tid] <= 0:
                break
            self.remaining[tid] -= 1
            seen.add(key)
            yield self.make_request(tid, url, prio, link_text=text, referer=response.url)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Yield a FetchProblem (and an OffsiteRedirect) for a request that produced no usable response."""
        request: Request | None = getattr(failure, "request", None)
        if request is None or "target" not in request.meta:
            return
        tid: str = request.meta["target"]
        first_url = (request.meta.get("redirect_urls") or [request.url])[0]
        location = request.meta.get(OFFSITE_KEY)
        if location:
            yield OffsiteRedirect(tid, request.url, location)
            if request.meta.get("depth", 0) == 0:
                yield FetchProblem(tid, first_url, *problems.offsite_start(first_url, location))
            return
        settings = getattr(self, "settings", None)
        timeout = settings.getfloat("DOWNLOAD_TIMEOUT", 180.0) if settings else 180.0
        max_bytes = settings.getint("DOWNLOAD_MAXSIZE", 0) if settings else 0
        code, message = problems.describe_failure(failure, request.url, timeout=timeout, max_bytes=max_bytes)
        yield FetchProblem(tid, first_url, code, message, request.meta.get("referer_url"))

    def on_headers(self, headers: Headers, request: Request, **_: Any) -> None:
        """Stop downloading a body that poscheck cannot read (zip, video …) as soon as headers arrive."""
        if "target" not in request.meta:
            return
        header = (headers.get(b"Content-Type") or b"").decode("latin-1")
        if clearly_unsupported(header):
            raise StopDownload(fail=True)
