"""The crawl's Scrapy settings: polite by default, bounded, and importable components."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from poscheck import __version__
from poscheck.crawl import CrawlOptions, CrawlResult, CrawlTarget, build_settings, crawl, spider_class


def test_polite_defaults() -> None:
    s = build_settings(CrawlOptions(), Path("out"))
    assert s.getbool("ROBOTSTXT_OBEY")
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 4
    assert s.getfloat("DOWNLOAD_DELAY") == 0.5
    assert s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getint("CONCURRENT_ITEMS") == 10
    assert s.getint("DEPTH_LIMIT") == 3
    assert s.getint("DOWNLOAD_MAXSIZE") == 10 * 2**20
    assert s.getfloat("DOWNLOAD_TIMEOUT") == 20.0


def test_user_agent_says_who_we_are() -> None:
    ua = build_settings(CrawlOptions(), Path("out"))["USER_AGENT"]
    assert ua.startswith(f"poscheck/{__version__} (+https://") and "crawler" in ua


def test_options_reach_the_settings() -> None:
    opts = CrawlOptions(max_pages=5, depth=1, max_bytes=1234, timeout=2.5, user_agent="ua-test")
    s = build_settings(opts, Path("/tmp/x"))
    assert s.getint("DEPTH_LIMIT") == 1 and s.getint("DOWNLOAD_MAXSIZE") == 1234
    assert s.getfloat("DOWNLOAD_TIMEOUT") == 2.5
    assert s["USER_AGENT"] == "ua-test" and s["POSCHECK_OUT_DIR"] == "/tmp/x"


def test_impolite_mode_is_for_loopback_tests_only() -> None:
    s = build_settings(CrawlOptions(polite=False), Path("out"))
    assert s.getfloat("DOWNLOAD_DELAY") == 0.0
    assert not s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == s.getint("CONCURRENT_REQUESTS")
    assert s.getbool("ROBOTSTXT_OBEY")  # robots.txt is obeyed in every mode


def test_no_listening_sockets_and_no_cache() -> None:
    s = build_settings(CrawlOptions(), Path("out"))
    assert not s.getbool("TELNETCONSOLE_ENABLED")
    assert not s.getbool("REMOTE_CONTROL_ENABLED")
    assert not s.getbool("HTTPCACHE_ENABLED")


def test_settings_win_over_scrapy_defaults_in_a_real_crawler() -> None:
    from scrapy.utils.test import get_crawler

    from poscheck.crawl import settings_dict

    crawler = get_crawler(spider_class(), settings_dict(CrawlOptions(), Path("out")))
    assert crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 4
    assert crawler.settings.getint("CONCURRENT_ITEMS") == 10
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 0.5


def test_components_are_importable() -> None:
    from scrapy.utils.misc import load_object

    spider_class()
    s = build_settings(CrawlOptions(), Path("out"))
    paths = [*s.getdict("ITEM_PIPELINES"), *s.getdict("DOWNLOADER_MIDDLEWARES")]
    paths.append(s["REQUEST_FINGERPRINTER_CLASS"])
    for path in paths:
        assert callable(load_object(path))


def test_importing_crawl_does_not_import_scrapy() -> None:
    code = "import sys, poscheck.crawl; print('scrapy' in sys.modules, 'twisted' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_duplicate_target_ids_are_a_usage_problem(tmp_path: Path) -> None:
    from poscheck.errors import UsageProblem

    with pytest.raises(UsageProblem, match="duplicate target ids a"):
        crawl([CrawlTarget("a", "http://127.0.0.1:1/"), CrawlTarget("a", "http://127.0.0.1:2/")], tmp_path)


def test_no_targets_no_process(tmp_path: Path) -> None:
    assert crawl([], tmp_path / "out") == CrawlResult({}, {}, {})
    assert not (tmp_path / "out").exists()
