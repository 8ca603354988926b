"""The HTML report as a person sees it: Debian's headless Chromium opens each report from file:// at
phone (390×844) and desktop size. No console errors, no network requests, no sideways scrolling; the
grade, verdict, red flags and cost summary on the first screen. Screenshots are saved for review in
$POSCHECK_ARTIFACTS (default: <tmp>/poscheck-artifacts/screens)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import report_fixtures as rf
from cdp import Browser
from poscheck.pdf import find_chromium, html_to_pdf
from poscheck.render import render_html, render_index
from poscheck.viewparts import dashboard_row

pytestmark = pytest.mark.slow

PHONE = (390, 844)
DESKTOP = (1280, 800)
FIRST_SCREEN = ("grade", "verdict", "red-flags", "cost-summary")

_MEASURE = """(() => {
  const out = {scrollWidth: document.documentElement.scrollWidth, innerHeight: window.innerHeight,
               tags: {}};
  for (const id of %s) {
    const el = document.getElementById(id);
    const r = el ? el.getBoundingClientRect() : null;
    const st = el ? getComputedStyle(el) : null;
    out[id] = r ? {top: r.top, bottom: r.bottom, width: r.width, height: r.height,
                   hidden: st.visibility === 'hidden' || st.display === 'none'} : null;
  }
  for (const t of ['script', 'img', 'iframe', 'object', 'embed', 'link', 'style', 'form']) {
    out.tags[t] = document.getElementsByTagName(t).length;
  }
  out.text = document.body.innerText;
  return out;
})()"""


def artifacts() -> Path:
    base = Path(os.environ.get("POSCHECK_ARTIFACTS") or Path(tempfile.gettempdir()) / "poscheck-artifacts")
    out = base / "screens"
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium missing in CI: .ci/run must install the Debian package `chromium`")
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    b = Browser.start()
    yield b
    b.close()


def _check_page(
    browser: Browser, html: Path, name: str, *, first_screen: tuple[str, ...] = FIRST_SCREEN
) -> dict:
    url = html.resolve().as_uri()
    results = {}
    for label, (w, h), mobile in (("phone", PHONE, True), ("desktop", DESKTOP, False)):
        page = browser.open(url, w, h, mobile=mobile)
        m = browser.evaluate(page, _MEASURE % list(first_screen))
        browser.screenshot(page, artifacts() / f"{name}-{label}.png")
        browser.screenshot(page, artifacts() / f"{name}-{label}-full.png", full=True)
        assert page.console == [], f"{name} {label}: console errors {page.console}"
        assert [r for r in page.requests if r != url] == [], f"{name} {label}: network requests"
        assert m["scrollWidth"] <= w, f"{name} {label}: page is {m['scrollWidth']}px wide, scrolls sideways"
        assert m["tags"]["script"] == 0 and m["tags"]["img"] == 0 and m["tags"]["iframe"] == 0
        assert m["tags"]["link"] == 0 and m["tags"]["object"] == 0 and m["tags"]["style"] == 1
        for el in first_screen:
            box = m[el]
            assert box is not None, f"{name}: #{el} missing"
            assert not box["hidden"] and box["height"] > 0 and box["width"] > 0, f"{name}: #{el} not shown"
            assert box["top"] >= 0 and box["bottom"] <= m["innerHeight"], (
                f"{name} {label}: #{el} not on the first screen "
                f"({box['top']:.0f}–{box['bottom']:.0f} of {h}px)"
            )
        results[label] = m
        browser.close_page(page)
    return results


def _write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "lang", "complaint"),
    [
        ("predatory", "zh", True),
        ("predatory", "en", False),
        ("honest", "zh", False),
        ("honest", "en", True),
        ("statements", "zh", True),
        ("statements", "en", False),
    ],
)
def test_hand_made_reports_first_screen(
    browser: Browser, tmp_path: Path, name: str, lang: str, complaint: bool
) -> None:
    report = getattr(rf, f"{name}_report")()
    html = _write(tmp_path, name, render_html(report, lang=lang, complaint=complaint))
    m = _check_page(browser, html, f"{name}-{lang}")
    if report.grade and report.grade.letter != "?":
        assert report.grade.letter in m["phone"]["text"].split("\n")[:6]


def test_nothing_read_report_shows_no_grade(browser: Browser, tmp_path: Path) -> None:
    html = _write(tmp_path, "empty", render_html(rf.empty_report()))
    m = _check_page(browser, html, "empty-zh")
    assert "没有读到收费标准" in m["phone"]["text"]


def test_hostile_page_content_stays_text(browser: Browser, tmp_path: Path) -> None:
    html = _write(tmp_path, "hostile", render_html(rf.hostile_report(), complaint=True))
    m = _check_page(browser, html, "hostile-zh")
    assert 'console.error("pwned")' in m["phone"]["text"]  # shown as text, never run
    assert "<script>" in m["phone"]["text"]


def test_dashboard(browser: Browser, tmp_path: Path) -> None:
    rows = [
        dashboard_row(r, f"{r.target}.html")
        for r in (rf.predatory_report(), rf.honest_report(), rf.empty_report(), rf.hostile_report())
    ]
    html = _write(tmp_path, "index", render_index(rows, generated_at="2025-06-01 08:00 UTC"))
    _check_page(browser, html, "dashboard-zh", first_screen=())


def test_pdf_from_the_same_html(tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    import pypdf

    html = _write(tmp_path, "predatory", render_html(rf.predatory_report(), complaint=True))
    pdf = html_to_pdf(html, tmp_path / "predatory.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    sha = rf.predatory_report().documents[0].sha256
    assert sha in text.replace("\n", "").replace(" ", "")
    (artifacts().parent / "predatory-zh.pdf").write_bytes(pdf.read_bytes())


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo, run for real in its own process (one crawl per process)."""
    out = tmp_path_factory.mktemp("demo")
    proc = subprocess.run(
        [sys.executable, "-m", "poscheck", "demo", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "POSCHECK_NOW": rf.NOW},
    )
    assert proc.returncode in (0, 1, 3), proc.stderr[-2000:]
    return out


@pytest.mark.parametrize("site", ["honest", "mediocre", "predatory"])
def test_demo_reports_first_screen(browser: Browser, demo_reports: Path, site: str) -> None:
    html = demo_reports / f"{site}.html"
    assert html.is_file(), f"demo wrote no {html.name}"
    _check_page(browser, html, f"demo-{site}")
