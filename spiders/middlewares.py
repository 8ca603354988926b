"""Scrapy components that keep each crawl target apart: off-scope redirects and per-target dedupe."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.request import fingerprint
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

from spiders.provider import OFFSITE_KEY, ProviderSpider

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class OffScopeRedirectMiddleware:
    """Stops redirects that leave the target's scope and notes where they pointed.

    Runs before Scrapy's RedirectMiddleware (600) and MetaRefreshMiddleware (580) on responses
    (order 650). For an off-scope Location it sets `dont_redirect` and OFFSITE_KEY on the request
    meta; the spider then records an OffsiteRedirect. In-scope redirects (http -> https, www.,
    /fees -> /fees/) are left to Scrapy. Scrapy's OffsiteMiddleware would drop the redirected
    request silently; this way the report can say where the site sent us.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.metarefresh = crawler.settings.getbool("METAREFRESH_ENABLED")
        self.maxdelay = crawler.settings.getfloat("METAREFRESH_MAXDELAY")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffScopeRedirectMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        spider = self.crawler.spider
        tid = request.meta.get("target")
        if not isinstance(spider, ProviderSpider) or tid not in spider.scopes:
            return response
        if request.meta.get("dont_redirect"):
            return response
        location = self._location(request, response)
        if location and not spider.scopes[tid].contains(location):
            request.meta["dont_redirect"] = True
            request.meta[OFFSITE_KEY] = location
        return response

    def _location(self, request: Request, response: Response) -> str | None:
        if response.status in REDIRECT_STATUSES:
            raw = response.headers.get(b"Location")
            if not raw:
                return None
            return urljoin(request.url, safe_url_string(raw.decode("latin-1")))
        if self.metarefresh and isinstance(response, HtmlResponse):
            interval, url = get_meta_refresh(response)
            if url and interval is not None and interval < self.maxdelay:
                return url
        return None


class TargetFingerprinter:
    """Request fingerprints per target, so two targets on one site each get their pages."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TargetFingerprinter:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        target: Any = request.meta.get("target", "")
        return hashlib.sha1(fingerprint(request) + str(target).encode("utf-8")).digest()
