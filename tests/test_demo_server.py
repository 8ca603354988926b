"""The demo sites and their loopback server: content types, robots.txt, keep-alive, stable PDFs."""

from __future__ import annotations

import csv
import http.client
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from poscheck.demo import DEMO_SITES, SITES_DIR
from poscheck.demo.server import ServedSites, serve_sites
from poscheck.paths import data_dir


@pytest.fixture(scope="module")
def served() -> Iterator[ServedSites]:
    with serve_sites(SITES_DIR) as s:
        yield s


def _get(served: ServedSites, path: str, conn: http.client.HTTPConnection | None = None
         ) -> tuple[http.client.HTTPResponse, bytes]:
    conn = conn or http.client.HTTPConnection(served.base_url.removeprefix("http://"), timeout=5)
    conn.request("GET", path)
    resp = conn.getresponse()
    return resp, resp.read()


def test_sites_are_mounted_under_their_names(served: ServedSites) -> None:
    assert set(served.sites) == set(DEMO_SITES)
    assert served.base_url.startswith("http://127.0.0.1:")
    assert served.url("honest", "fees.html") == served.base_url + "/honest/fees.html"


def test_content_types(served: ServedSites) -> None:
    resp, body = _get(served, "/predatory/fees.html")
    assert resp.getheader("Content-Type") == "text/html; charset=gbk"
    assert "秒到服务费" in body.decode("gbk")
    resp, _ = _get(served, "/honest/")
    assert resp.getheader("Content-Type") == "text/html; charset=utf-8"
    resp, body = _get(served, "/honest/docs/merchant-agreement-2025.pdf")
    assert resp.getheader("Content-Type") == "application/pdf" and body.startswith(b"%PDF")


def test_one_robots_txt_with_each_site_under_its_prefix(served: ServedSites) -> None:
    resp, body = _get(served, "/robots.txt")
    text = body.decode()
    assert resp.status == 200 and "Disallow: /honest/admin/" in text
    assert "Disallow: /mediocre/wp-admin/" in text


def test_missing_hidden_and_escaping_paths_are_404(served: ServedSites) -> None:
    bad = ("/honest/nope.html", "/nowhere/", "/honest/../../etc/passwd", "/honest/%2e%2e/mediocre/index.html",
           "/honest/_server.json")
    for path in bad:
        assert _get(served, path)[0].status == 404, path
    resp, _ = _get(served, "/honest")
    assert resp.status == 301 and resp.getheader("Location") == "/honest/"


def test_keep_alive_http11(served: ServedSites) -> None:
    conn = http.client.HTTPConnection(served.base_url.removeprefix("http://"), timeout=5)
    first, _ = _get(served, "/honest/", conn)
    second, _ = _get(served, "/honest/fees.html", conn)  # same socket
    assert first.version == 11 and second.status == 200
    conn.close()


def _uscc_valid(code: str) -> bool:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(code[:17]))
    return alphabet[(31 - total % 31) % 31] == code[17]


def test_demo_identity_facts_hold() -> None:
    with (data_dir() / "registry-snapshot.csv").open(encoding="utf-8") as fh:
        registry = {row["licence_no"]: row for row in csv.DictReader(fh)}
    honest = (SITES_DIR / "honest" / "about.html").read_text(encoding="utf-8")
    row = registry["Z2000531000017"]
    assert row["name"] in honest and "银行卡收单" in row["business_types"]
    assert "Z2006511000018" in registry
    for site, uscc in (("honest", "91310000673829155G"), ("mediocre", "91320506MA1X7K3P5C")):
        assert _uscc_valid(uscc) and uscc in (SITES_DIR / site / "index.html").read_text(encoding="utf-8")
    predatory = "".join(p.read_bytes().decode("gbk" if p.name == "fees.html" else "utf-8")
                        for p in (SITES_DIR / "predatory").glob("*.html"))
    assert not re.search(r"ICP备", predatory) and "贰佰玖拾玖元" in predatory and "官网" in predatory


def test_committed_pdfs_match_the_generator(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from poscheck.demo.make_pdfs import CONTRACTS, build

    for site, (rel, _, _) in CONTRACTS.items():
        assert build(site, tmp_path).read_bytes() == (SITES_DIR / site / rel).read_bytes(), site
