"""End-to-end crawls in a child process against sites served on 127.0.0.1 (nothing leaves the host)."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from poscheck.crawl import CrawlOptions, CrawlResult, CrawlTarget, crawl
from poscheck.demo import DEMO_SITES, SITES_DIR
from poscheck.demo.server import ServedSites, serve_sites

pytestmark = pytest.mark.slow

LAB_INDEX = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试站</title></head><body>
<a href="gbk.html">资费说明（GBK）</a> <a href="missing.html">旧页面</a> <a href="broken.html">合同</a>
<a href="private/secret.html">内部资料</a> <a href="{other}elsewhere/page.html">合作伙伴</a>
<a href="moved.html">协议（已迁移）</a> <a href="slow.html">很慢的页面</a> <a href="big.pdf">大文件</a>
<a href="app">客户端下载</a> <a href="d1.html">第一层</a> <a href="contract.pdf">合同下载</a>
</body></html>"""
GBK_PAGE = """<html><head><meta charset="gbk"><title>资费说明</title></head>
<body><p>激活押金299元，秒到每笔加收3元。</p></body></html>"""


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chain(lab: Path, n: int) -> None:
    for i in range(1, n + 1):
        page = f'<html><body><a href="d{i + 1}.html">下一层</a> 第{i}层</body></html>'
        (lab / f"d{i}.html").write_text(page, encoding="utf-8")


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSites]:
    """A second host (another port on 127.0.0.1) that the crawl must never touch."""
    root = tmp_path_factory.mktemp("other")
    (root / "elsewhere").mkdir()
    for name in ("index.html", "page.html", "landing.html"):
        (root / "elsewhere" / name).write_text("<html><body>elsewhere</body></html>", encoding="utf-8")
    with serve_sites(root) as served:
        yield served


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, other: ServedSites) -> Iterator[ServedSites]:
    root = tmp_path_factory.mktemp("sites")
    for name in DEMO_SITES:
        shutil.copytree(SITES_DIR / name, root / name)
    lab = root / "lab"
    lab.mkdir()
    (lab / "index.html").write_text(LAB_INDEX.format(other=other.base_url + "/"), encoding="utf-8")
    (lab / "gbk.html").write_bytes(GBK_PAGE.encode("gbk"))
    (lab / "private").mkdir()
    (lab / "private" / "secret.html").write_text("<html>secret</html>", encoding="utf-8")
    (lab / "slow.html").write_text("<html>slow</html>", encoding="utf-8")
    (lab / "big.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 300_000)
    shutil.copy(SITES_DIR / "predatory" / "docs" / "apply-agreement.pdf", lab / "contract.pdf")
    (lab / "app").write_bytes(b"PK\x03\x04" + b"0" * 1000)
    (lab / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    _chain(lab, 5)
    (lab / "_server.json").write_text(json.dumps({
        "status": {"broken.html": 500}, "delay": {"slow.html": 3},
        "redirects": {"moved.html": other.base_url + "/elsewhere/landing.html"},
        "types": {"app": "application/zip"},
    }), encoding="utf-8")
    with serve_sites(root) as s:
        yield s


@pytest.fixture(scope="module")
def result(served: ServedSites, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    targets = [CrawlTarget(name, served.sites[name]) for name in (*DEMO_SITES, "lab")]
    targets += [CrawlTarget("dead", f"http://127.0.0.1:{_closed_port()}/"),
                CrawlTarget("away", served.url("lab", "moved.html")), CrawlTarget("bad", "www.no-scheme.cn")]
    options = CrawlOptions(polite=False, timeout=1.0, max_bytes=200_000, depth=3)
    return crawl(targets, tmp_path_factory.mktemp("out"), options)


def test_demo_sites_are_saved_whole(result: CrawlResult) -> None:
    for name in DEMO_SITES:
        files = result.files[name]
        assert len(files) == 6, [f.url for f in files]
        assert sum(f.content_type == "application/pdf" for f in files) == 1
        assert result.errors[name] == [] and result.redirects[name] == []
        for f in files:
            path = Path(f.path)
            assert path.is_file() and len(path.stem) == 64 and f.url and f.url.startswith("http://127.0.0.1:")
        pdf = next(f for f in files if f.content_type == "application/pdf")
        assert Path(pdf.path).read_bytes().startswith(b"%PDF") and pdf.referer and pdf.link_text


def test_gbk_pages_keep_their_bytes_and_header_charset(result: CrawlResult) -> None:
    fees = next(f for f in result.files["predatory"] if f.url and f.url.endswith("/fees.html"))
    assert fees.encoding_hint == "gbk"
    assert "秒到服务费" in Path(fees.path).read_bytes().decode("gbk")
    lab = next(f for f in result.files["lab"] if f.url and f.url.endswith("/gbk.html"))
    assert lab.encoding_hint == "gbk" and "激活押金299元" in Path(lab.path).read_bytes().decode("gbk")


def test_problems_are_reported_with_clear_messages(result: CrawlResult) -> None:
    errors = {e.source.rsplit("/", 1)[-1]: e for e in result.errors["lab"]}
    assert errors["missing.html"].code == "P203" and "HTTP 404 Not Found" in errors["missing.html"].message
    assert errors["broken.html"].code == "P203" and "HTTP 500" in errors["broken.html"].message
    assert errors["secret.html"].code == "P204" and "robots.txt disallows" in errors["secret.html"].message
    assert errors["slow.html"].code == "P202" and "timed out after 1 s" in errors["slow.html"].message
    assert errors["big.pdf"].code == "P205" and "larger than" in errors["big.pdf"].message
    assert errors["app"].code == "P206" and "content-type application/zip" in errors["app"].message
    for e in result.errors["lab"]:
        assert e.source in e.message  # every message names its URL


def test_redirects_to_other_hosts_are_recorded_not_followed(result: CrawlResult, other: ServedSites) -> None:
    landing = other.base_url + "/elsewhere/landing.html"
    assert result.redirects["lab"] == [landing]
    assert result.files["away"] == [] and result.redirects["away"] == [landing]
    (p207,) = result.errors["away"]
    assert p207.code == "P207" and landing in p207.message


def test_nothing_off_domain_is_fetched(result: CrawlResult, served: ServedSites, other: ServedSites) -> None:
    assert other.requests == []
    prefixes = tuple(f"/{name}/" for name in served.sites)
    assert all(p == "/robots.txt" or p.startswith(prefixes) for p in served.requests)
    assert "/lab/private/secret.html" not in served.requests  # robots.txt obeyed before fetching


def test_depth_limit_is_honoured(result: CrawlResult, served: ServedSites) -> None:
    assert "/lab/d3.html" in served.requests and "/lab/d4.html" not in served.requests


def test_one_dead_target_does_not_stop_the_others(result: CrawlResult) -> None:
    (dead,) = result.errors["dead"]
    assert dead.code == "P201" and "host unreachable" in dead.message and "check the address" in dead.message
    assert result.files["dead"] == [] and result.files["honest"]
    (bad,) = result.errors["bad"]
    assert bad.code == "P208" and "http://" in bad.message


def test_max_pages_is_honoured(tmp_path: Path) -> None:
    site = tmp_path / "sites" / "many"
    site.mkdir(parents=True)
    links = "".join(f'<a href="news{i}.html">新闻{i}</a>' for i in range(30))
    (site / "index.html").write_text(f'<html><body>{links}<a href="fees.html">资费标准</a></body></html>',
                                     encoding="utf-8")
    for name in [f"news{i}.html" for i in range(30)] + ["fees.html"]:
        (site / name).write_text(f"<html><body>{name}</body></html>", encoding="utf-8")
    with serve_sites(tmp_path / "sites") as s:
        options = CrawlOptions(max_pages=5, polite=False)
        res = crawl([CrawlTarget("many", s.sites["many"])], tmp_path / "out", options)
        fetched = [p for p in s.requests if p != "/robots.txt"]
    assert len(fetched) == 5 and len(res.files["many"]) == 5
    assert "/many/fees.html" in fetched  # the budget went to the fee page first
    assert (tmp_path / "out" / "manifest.jsonl").is_file() and (tmp_path / "out" / "crawl.log").is_file()


def test_files_are_handed_over_as_the_crawler_saves_them(served: ServedSites, tmp_path: Path) -> None:
    handed: list[tuple[str, str]] = []
    targets = [CrawlTarget(name, served.sites[name]) for name in DEMO_SITES]
    res = crawl(targets, tmp_path, CrawlOptions(polite=False),
                on_file=lambda tid, raw: handed.append((tid, raw.path)))
    saved = [(tid, f.path) for tid, files in res.files.items() for f in files]
    assert len(saved) == 6 * len(DEMO_SITES)
    assert sorted(handed) == sorted(saved)  # each saved file exactly once, none that the result lacks


@pytest.mark.parametrize("keep_chars", [None, 0], ids=["documents-kept", "over-budget"])
def test_reading_ahead_during_the_crawl_changes_no_report(
    served: ServedSites, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_chars: int | None
) -> None:
    """audit reads each document while the crawl runs; the reports equal reading everything afterwards,
    no document is read twice, and one is extracted twice only when the read-ahead is over its budget."""
    from poscheck.audit import Row, run_rows
    from poscheck.checks import Target
    from poscheck.crawl import read_manifest
    from poscheck.models import Document, RawFile
    from poscheck.pipeline import Engine, Reading, read_documents
    from poscheck.report import to_dict

    monkeypatch.setenv("POSCHECK_NOW", "2026-01-01T00:00:00+00:00")
    engine = Engine.build()
    reads: list[str] = []
    real_read = engine.read
    def counting_read(doc: Document) -> Reading:
        reads.append(doc.id)
        return real_read(doc)

    monkeypatch.setattr(engine, "read", counting_read)
    import poscheck.pipeline as pipeline

    extracted: list[str] = []
    real_extract = pipeline.extract

    def counting_extract(raw: RawFile) -> Document:
        extracted.append(raw.path)
        return real_extract(raw)

    monkeypatch.setattr(pipeline, "extract", counting_extract)
    if keep_chars is not None:
        import poscheck.audit

        monkeypatch.setattr(poscheck.audit, "READ_AHEAD_KEEP_CHARS", keep_chars)
    rows = [Row(name, name, served.sites[name], None) for name in DEMO_SITES]
    streamed = list(run_rows(engine, rows, crawl_options=CrawlOptions(polite=False), work_dir=tmp_path))
    assert len(reads) == len(set(reads)) == 6 * len(DEMO_SITES)
    per_file = 1 if keep_chars is None else 2  # over budget: extracted again when the target is analysed
    assert len(extracted) == per_file * len(set(extracted)) == per_file * 6 * len(DEMO_SITES)

    ids = [r.id for r in rows]
    after = read_manifest(tmp_path / "manifest.jsonl", tmp_path, CrawlResult(
        {i: [] for i in ids}, {i: [] for i in ids}, {i: [] for i in ids}))
    for row, report in zip(rows, streamed, strict=True):
        docs, errors = read_documents(after.files[row.id])
        again = engine.analyse(Target(row.id, row.name, row.url), docs, [*after.errors[row.id], *errors])
        assert to_dict(report) == to_dict(again)


def test_a_failing_reader_stops_the_crawl(served: ServedSites, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while reading ahead reaches the caller, and the crawler child is stopped, not left behind."""
    import subprocess

    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def recording_popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    def broken(tid: str, raw: object) -> None:
        raise RuntimeError("reader broke")

    monkeypatch.setattr(subprocess, "Popen", recording_popen)
    with pytest.raises(RuntimeError, match="reader broke"):
        crawl([CrawlTarget("honest", served.sites["honest"])], tmp_path, CrawlOptions(polite=False), on_file=broken)
    assert len(started) == 1 and started[0].returncode is not None
