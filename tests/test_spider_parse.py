"""Offline tests of the provider spider's callbacks on responses built from fixture files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from poscheck.crawl import spider_class

ProviderSpider = spider_class()  # puts the checkout's `spiders` package on sys.path

from spiders.items import FetchedFile, FetchProblem, OffsiteRedirect  # noqa: E402
from spiders.middlewares import TargetFingerprinter  # noqa: E402
from spiders.pipelines import ManifestPipeline  # noqa: E402
from spiders.provider import OFFSITE_KEY, START_PRIORITY, link_priority  # noqa: E402
from spiders.scope import Scope, registrable_domain  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "crawl"
AGENT = "https://www.agent-pos.com.cn/"
LOOP = "http://127.0.0.1:8000/honest/"


def make_spider(start: str = AGENT, max_pages: int = 60, depth: int = 3) -> Any:
    spider = ProviderSpider(targets=[("t1", start)], max_pages=max_pages, depth=depth)
    spider.start_request("t1", start)  # spends the start page of the budget, as a crawl does
    return spider


def html_response(url: str, fixture: str, depth: int = 0, charset: str = "utf-8") -> HtmlResponse:
    request = Request(url, meta={"target": "t1", "depth": depth, "link_text": "", "referer_url": None})
    return HtmlResponse(url, body=(FIXTURES / fixture).read_bytes(), request=request,
                        headers={"Content-Type": f"text/html; charset={charset}"})


def split(output: Any) -> tuple[list[Any], list[Request]]:
    items: list[Any] = []
    requests: list[Request] = []
    for x in output:
        (requests if isinstance(x, Request) else items).append(x)
    return items, requests


def test_page_is_yielded_first_as_fetched_file_with_header_charset() -> None:
    items, _ = split(make_spider().parse(html_response(AGENT, "agent_index.html", charset="GBK")))
    page = items[0]
    assert isinstance(page, FetchedFile)
    assert (page.target, page.url, page.final_url, page.status) == ("t1", AGENT, AGENT, 200)
    assert (page.mime, page.ext, page.charset, page.depth) == ("text/html", "html", "gbk", 0)
    assert page.body.startswith(b"<!DOCTYPE html>")


def test_links_that_matter_come_first() -> None:
    _, requests = split(make_spider().parse(html_response(AGENT, "agent_index.html")))
    urls = [r.url for r in requests]
    prio = {r.url: r.priority for r in requests}
    assert urls == sorted(urls, key=lambda u: -prio[u])  # yielded best first
    best = set(urls[:6])
    assert {AGENT + "zifei.html", AGENT + "help/agreement.html", AGENT + "files/contract.pdf",
            AGENT + "files/terms.docx"} <= best
    assert prio[AGENT + "zifei.html"] > prio[AGENT + "about.html"] > prio[AGENT + "products.html"]
    assert prio[AGENT + "lianxi.html"] > prio[AGENT + "news/2025-01.html"]
    assert prio[AGENT + "news/2025-01.html"] == 0
    by_url = {r.url: r for r in requests}
    assert by_url[AGENT + "zifei.html"].meta["link_text"] == "资费标准"
    assert by_url[AGENT + "zifei.html"].meta["referer_url"] == AGENT


@pytest.mark.parametrize(("text", "url", "more_than"), [
    ("资费标准", "/a.html", "新闻"), ("收费说明", "/a.html", "产品"), ("商户协议", "/a.html", "首页"),
    ("Fees", "/a.html", "News"), ("新闻", "/feilv.html", "新闻"), ("下载", "/x/contract.pdf", "下载"),
    ("关于我们", "/a.html", "产品"), ("营业执照与牌照", "/a.html", "首页"),
])
def test_link_priority(text: str, url: str, more_than: str) -> None:
    assert link_priority(text, "https://x.cn" + url) > link_priority(more_than, "https://x.cn/b.html")


def test_corporate_is_not_rate() -> None:
    assert link_priority("Corporate", "https://x.cn/corporate/separate.html") == 0


def test_off_domain_links_are_dropped_subdomains_kept() -> None:
    _, requests = split(make_spider().parse(html_response(AGENT, "agent_index.html")))
    hosts = {r.url.split("/")[2] for r in requests}
    assert hosts == {"www.agent-pos.com.cn", "m.agent-pos.com.cn"}


def test_documents_and_linked_images_become_requests_junk_does_not() -> None:
    _, requests = split(make_spider().parse(html_response(AGENT, "agent_index.html")))
    urls = {r.url for r in requests}
    assert {AGENT + "files/contract.pdf", AGENT + "files/terms.docx", AGENT + "files/license.jpg",
            AGENT + "static/fee-table.png", AGENT + "embed/rates-widget.html"} <= urls
    assert AGENT + "static/logo.png" not in urls  # an <img> without fee/licence words
    assert not {AGENT + "files/app.apk", AGENT + "static/site.css"} & urls
    assert not any(u.startswith(("javascript", "mailto", "tel")) or "#" in u for u in urls)
    assert len(urls) == len(requests)  # duplicates and #fragments collapsed
    pdf = next(r for r in requests if r.url.endswith(".pdf"))
    assert getattr(pdf.callback, "__name__", "") == "parse"  # the file type is decided on the response


def test_depth_limit_stops_following() -> None:
    spider = make_spider(depth=2)
    _, at_limit = split(spider.parse(html_response(AGENT + "a.html", "agent_index.html", depth=2)))
    _, below = split(spider.parse(html_response(AGENT + "b.html", "agent_index.html", depth=1)))
    assert at_limit == []
    assert below


def test_page_budget_keeps_the_best_links() -> None:
    spider = make_spider(max_pages=4)
    _, requests = split(spider.parse(html_response(AGENT, "agent_index.html")))
    assert len(requests) == 3  # 4 pages including the start page
    assert min(r.priority for r in requests) >= 30
    _, more = split(spider.parse(html_response(AGENT + "zifei.html", "agent_index.html", depth=1)))
    assert more == []


def test_seen_urls_are_not_requested_twice() -> None:
    spider = make_spider()
    _, first = split(spider.parse(html_response(AGENT, "agent_index.html")))
    _, second = split(spider.parse(html_response(AGENT + "about.html", "agent_index.html", depth=1)))
    assert first and second == []


def test_loopback_targets_keep_to_host_port_and_path_prefix() -> None:
    _, requests = split(make_spider(LOOP).parse(html_response(LOOP, "loopback_index.html")))
    assert sorted(r.url for r in requests) == [LOOP + "about.html", LOOP + "fees.html"]


def test_scope_rules() -> None:
    assert registrable_domain("www.a.example.com.cn") == "example.com.cn"
    assert registrable_domain("127.0.0.1") == ""
    s = Scope.for_start("t", "https://www.agent-pos.com.cn/pos/index.html")
    assert s.contains("http://agent-pos.com.cn/any/where") and s.contains("https://m.agent-pos.com.cn:8443/")
    assert not s.contains("https://agent-pos.com.cn.evil.example/") and not s.contains("ftp://agent-pos.com.cn/")
    loop = Scope.for_start("t", "http://127.0.0.1:8000/honest")
    assert loop.prefix == "/honest/" and loop.contains("http://127.0.0.1:8000/honest")
    assert not loop.contains("http://127.0.0.1:8000/honesty/") and not loop.contains("http://127.0.0.1:80/honest/")
    assert Scope.for_start("t", "http://127.0.0.1:8000/").contains("http://127.0.0.1:8000/mediocre/")
    assert not s.contains("http://[bad/")


def test_pdf_response_is_a_file_and_has_no_links() -> None:
    url = AGENT + "files/contract.pdf"
    req = Request(url, meta={"target": "t1", "depth": 1, "link_text": "合同下载", "referer_url": AGENT})
    out = list(make_spider().parse(Response(url, body=b"%PDF-1.4 ...", request=req,
                                            headers={"Content-Type": "application/octet-stream"})))
    assert len(out) == 1 and isinstance(out[0], FetchedFile)
    assert (out[0].mime, out[0].ext) == ("application/pdf", "pdf")
    assert (out[0].link_text, out[0].referer) == ("合同下载", AGENT)


def test_unreadable_content_type_is_a_problem() -> None:
    url = AGENT + "download"
    req = Request(url, meta={"target": "t1", "depth": 1})
    out = list(make_spider().parse(Response(url, body=b"PK\x03\x04", request=req,
                                            headers={"Content-Type": "application/zip"})))
    assert len(out) == 1 and isinstance(out[0], FetchProblem)
    assert out[0].code == "P206" and url in out[0].message
    assert "content-type application/zip" in out[0].message


def _fail(exc: Exception, url: str, **meta: Any) -> Failure:
    failure = Failure(exc)  # type: ignore[no-untyped-call]
    failure.request = Request(url, meta={"target": "t1", **meta})  # type: ignore[attr-defined]
    return failure


def test_errback_messages_name_the_url_and_what_to_do() -> None:
    spider = make_spider()
    url = AGENT + "gone.html"
    r404 = Response(url, status=404, request=Request(url))
    cases = {
        "P203": _fail(HttpError(r404, "Ignoring non-200 response"), url),
        "P204": _fail(IgnoreRequest("Forbidden by robots.txt"), url),
        "P202": _fail(DownloadTimeoutError("took too long"), url),
    }
    for code, failure in cases.items():
        (problem,) = spider.on_error(failure)
        assert problem.code == code and url in problem.message
    (p404,) = spider.on_error(cases["P203"])
    assert "HTTP 404 Not Found" in p404.message and "check" in p404.message
    (ptime,) = spider.on_error(cases["P202"])
    assert "timed out after" in ptime.message and "try later" in ptime.message


def test_offsite_redirect_is_recorded_and_fails_a_start_url() -> None:
    spider = make_spider()
    r302 = Response(AGENT, status=302, request=Request(AGENT))
    out = list(spider.on_error(_fail(HttpError(r302), AGENT, depth=0, **{OFFSITE_KEY: "https://other.cn/"})))
    assert out[0] == OffsiteRedirect("t1", AGENT, "https://other.cn/")
    assert out[1].code == "P207" and "https://other.cn/" in out[1].message
    deeper = list(spider.on_error(_fail(HttpError(r302), AGENT + "x", depth=1, **{OFFSITE_KEY: "https://o.cn/"})))
    assert len(deeper) == 1 and isinstance(deeper[0], OffsiteRedirect)


def test_bad_start_url_is_a_problem_not_a_crash() -> None:
    spider = ProviderSpider(targets=[("bad", "www.no-scheme.cn")])
    problem = spider.start_request("bad", "www.no-scheme.cn")
    assert isinstance(problem, FetchProblem) and "http://" in problem.message


def test_fingerprints_are_per_target() -> None:
    fp = TargetFingerprinter()
    a, b = Request(AGENT, meta={"target": "a"}), Request(AGENT, meta={"target": "b"})
    assert fp.fingerprint(a) != fp.fingerprint(b)
    assert fp.fingerprint(a) == fp.fingerprint(Request(AGENT, meta={"target": "a"}))


def test_pipeline_writes_each_body_once_and_a_line_per_item(tmp_path: Path) -> None:
    pipe = ManifestPipeline(tmp_path)
    pipe.open_spider()
    for url in (AGENT, AGENT + "index.html"):
        pipe.process_item(FetchedFile("t1", url, url, 200, "text/html; charset=gbk", "text/html", "html",
                                      "gbk", None, "", 0, "资费".encode("gbk")))
    pipe.process_item(FetchProblem("t1", AGENT + "x", "P203", "HTTP 404 …"))
    pipe.close_spider()
    lines = [json.loads(x) for x in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["kind"] for x in lines] == ["file", "file", "error"]
    assert lines[0]["sha256"] == lines[1]["sha256"] and lines[0]["charset"] == "gbk"
    saved = list((tmp_path / "raw").iterdir())
    assert len(saved) == 1 and saved[0].read_bytes().decode("gbk") == "资费"


def test_start_requests_have_top_priority_and_no_dupefilter_bypass() -> None:
    spider = ProviderSpider(targets=[("t1", AGENT)])
    req = spider.start_request("t1", AGENT)
    assert isinstance(req, Request)
    assert req.priority == START_PRIORITY and not req.dont_filter and req.meta["depth"] == 0


def _middleware() -> Any:
    from scrapy.utils.test import get_crawler
    from spiders.middlewares import OffScopeRedirectMiddleware

    from poscheck.crawl import CrawlOptions, settings_dict

    crawler = get_crawler(ProviderSpider, settings_dict(CrawlOptions(), Path("unused")))
    crawler.spider = ProviderSpider.from_crawler(crawler, targets=[("t1", AGENT)])
    return OffScopeRedirectMiddleware.from_crawler(crawler)


@pytest.mark.parametrize(("location", "offsite"), [
    ("https://other.cn/landing", True), ("//other.cn/x", True), ("http://agent-pos.com.cn/fees/", False),
    ("/fees/", False), ("https://m.agent-pos.com.cn/", False),
])
def test_redirect_middleware_stops_only_offscope_redirects(location: str, offsite: bool) -> None:
    mw = _middleware()
    req = Request(AGENT + "go", meta={"target": "t1"})
    resp = Response(req.url, status=302, headers={"Location": location}, request=req)
    assert mw.process_response(req, resp) is resp
    assert bool(req.meta.get("dont_redirect")) is offsite
    assert (OFFSITE_KEY in req.meta) is offsite


def test_meta_refresh_offsite_is_recorded() -> None:
    mw = _middleware()
    req = Request(AGENT, meta={"target": "t1"})
    body = b'<html><head><meta http-equiv="refresh" content="0; url=https://www.lakala.com/"></head></html>'
    resp = HtmlResponse(AGENT, body=body, request=req, headers={"Content-Type": "text/html"})
    mw.process_response(req, resp)
    assert req.meta[OFFSITE_KEY] == "https://www.lakala.com/"


def test_link_text_falls_back_to_image_alt_and_urls_are_kept_as_linked() -> None:
    _, requests = split(make_spider().parse(html_response(AGENT, "agent_index.html")))
    by_url = {r.url: r for r in requests}
    assert by_url[AGENT + "qualification.html"].meta["link_text"] == "资质证书"
    assert AGENT + "list.html?b=2&a=1" in by_url  # query order kept; canonical form only for dedupe


def test_public_suffix_list_comes_from_the_bundled_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from spiders import scope

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("tldextract tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    scope._extractor.cache_clear()
    assert registrable_domain("pos.shop.example.com.cn") == "example.com.cn"
    assert registrable_domain("a.b.gov.cn") == "b.gov.cn"
