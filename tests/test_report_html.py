"""The HTML report file: hostile page content stays text, nothing external but links to sources,
English UI, the complaint page, and "could not check" never shown as passed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import report_fixtures as rf
from poscheck.models import Report
from poscheck.paths import templates_dir
from poscheck.pdf import PdfError, html_to_pdf
from poscheck.render import render_html, render_index
from poscheck.report import write_html
from poscheck.viewparts import dashboard_row


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Tags()
    p.feed(html)
    return p.tags


def sources(report: Report) -> set[str]:
    out = {d.url or d.source for d in report.documents} | {d.source for d in report.documents}
    out |= {e.source for f in report.findings for e in f.evidence}
    out |= {fee.evidence.source for fee in report.facts.fees}
    return out | {report.target}


def assert_self_contained(html: str, report: Report) -> None:
    found = tags(html)
    names = [t for t, _ in found]
    for banned in ("script", "img", "iframe", "link", "object", "embed", "form", "input", "base", "video", "audio"):
        assert banned not in names, f"<{banned}> in the report"
    assert names.count("style") == 1
    allowed = sources(report)
    for tag, attrs in found:
        assert "src" not in attrs and "srcset" not in attrs and "style" not in attrs, (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or href in allowed, f"link to {href!r} is not a source"
    style = html[html.index("<style>"):html.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style


@pytest.mark.parametrize("make", [rf.predatory_report, rf.honest_report, rf.statements_report, rf.empty_report,
                                  rf.hostile_report])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_self_contained_no_external_resources(make, lang: str) -> None:  # type: ignore[no-untyped-def]
    report = make()
    html = render_html(report, lang=lang, complaint=True)
    assert_self_contained(html, report)
    if make is not rf.hostile_report:
        urls = set(re.findall(r"https?://[^\s\"'<>&]+", html))
        assert urls <= sources(report), f"URLs that are not sources: {urls - sources(report)}"


def test_hostile_page_content_is_shown_as_text() -> None:
    report = rf.hostile_report()
    html = render_html(report, complaint=True)
    assert "<script" not in html.lower()
    assert "<img" not in html and "<iframe" not in html and "<i>x</i>" not in html and "<b>evil</b>" not in html
    assert "&lt;script&gt;console.error(&#34;pwned&#34;)&lt;/script&gt;" in html  # the quote, escaped
    assert html.count("&lt;script&gt;console.error(&#34;pwned-title&#34;)") >= 3  # title, card, complaint
    assert 'href="javascript' not in html and "onerror=\"" not in html
    assert "<title>POS机办理签约前检查报告 · &lt;script&gt;" in html
    # the document whose source is a javascript: address is listed as text, never linked
    assert "javascript:alert(1)//" in html
    assert all(a.get("href") != "javascript:alert(1)//" for _, a in tags(html))


def test_quote_is_highlighted_in_its_context_with_source_link() -> None:
    report = rf.predatory_report()
    html = render_html(report)
    e = report.findings[1].evidence[0]
    assert f"<mark>{e.quote}</mark>" in html
    assert "首笔刷卡时自动扣除" in html  # context after the quote
    assert f'href="{e.source}"' in html
    assert "第 2 页" in html  # the PDF evidence of 乙方不承担任何责任


def test_first_screen_order_and_content() -> None:
    html = render_html(rf.predatory_report())
    order = [html.index(marker) for marker in ('id="grade"', 'id="red-flags"', 'id="cost-summary"', 'id="who"',
                                                'id="findings"', 'id="questions"', 'id="checks"',
                                                'id="documents"')]
    assert order == sorted(order)
    first = html[:html.index('id="findings"')]
    assert ">D</div>" in first and "风险较高" in first
    assert "13,298 元" in first and "2,280 元" in first  # real first-year cost next to the advertised rate
    assert "北京拉卡拉网络技术有限公司" in first and "当前状态未核实" in first
    assert 'id="complaint"' not in html


def test_english_ui_keeps_rule_text() -> None:
    report = rf.predatory_report()
    html = render_html(report, lang="en")
    assert '<html lang="en">' in html
    for label in ("What it really costs", "Who is behind this offer", "Most serious problems",
                  "Questions to ask the seller before signing", "Check for yourself", "Documents read"):
        assert label in html
    for zh_label in ("实际要花多少钱", "谁在背后", "最严重的问题", "签约前要问对方的问题", "读取的文件"):
        assert zh_label not in html
    assert "冒充拉卡拉官网" in html  # finding text from rules is shown as written
    assert "High risk: serious fee" in html


def test_complaint_page_carries_quotes_urls_and_sha256() -> None:
    report = rf.predatory_report()
    html = render_html(report, complaint=True)
    page = html[html.index('id="complaint"'):]
    assert "12363" in page and "12315" in page
    docs = {d.id: d for d in report.documents}
    for f in report.findings:
        for e in f.evidence:
            assert e.quote in page and e.source in page
            assert docs[e.document].sha256 in page
    assert "2025-06-01 08:00 UTC" in page
    en = render_html(report, lang="en", complaint=True)
    assert "Complaint pack" in en and "To be filled in by the complainant" in en


def test_could_not_check_is_never_shown_as_passed() -> None:
    report = rf.predatory_report()
    report.identity = {"operator": {}, "acquirers": [{"institution": "某某支付有限公司", "acquiring": None,
                                                      "status": "unknown"}]}
    html = render_html(report)
    assert '<span class="warn">业务范围未能核实</span>' in html
    assert '<span class="warn">未能核实</span>' in html
    report.identity = {}
    html = render_html(report)
    assert '<dd class="bad">没有找到持牌收单机构 — 无法核实</dd>' in html
    assert "没有找到持牌收单机构 — 无法核实" in html[:html.index('id="findings"')]
    empty = render_html(rf.empty_report())
    assert ">?</div>" in empty and "没有读到收费标准，无法估算费用" in empty
    assert "Connection refused." in empty


def test_statements_report() -> None:
    report = rf.statements_report()
    html = render_html(report)
    assert 'id="statements"' in html and "由个人账户付款" in html and "持卡人账单上是别的商户名" in html
    assert "5411 超市" in html and 'id="cost"' not in html
    en = render_html(report, lang="en")
    assert "paid from a private person&#39;s account" in en


def test_write_html_and_dashboard(tmp_path: Path) -> None:
    path = write_html(rf.predatory_report(), tmp_path / "r" / "report.html", lang="en", complaint=True)
    assert "Complaint pack" in path.read_text(encoding="utf-8")
    rows = [dashboard_row(r, f"{r.target}.html") for r in (rf.honest_report(), rf.predatory_report())]
    index = render_index(rows)
    assert index.index("predatory.html") < index.index("honest.html")  # worst grade first
    assert "冒充官网、押金/激活费、秒到费（每笔加收）" in index


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="zh, en"):
        render_html(rf.honest_report(), lang="fr")


def test_templates_hold_no_logic() -> None:
    for t in templates_dir().glob("*.html"):
        src = t.read_text(encoding="utf-8")
        assert not re.search(r"\{\{[^}]*\|", src), f"{t.name}: filters in a template"
        assert "{% set" not in src and ".format(" not in src, f"{t.name}: computation in a template"
        assert not re.search(r"\{%[^%]*(==|!=|<|>| and | or )", src), f"{t.name}: a decision in a template"
        assert not re.search(r"\{\{[^}]*[+*/%-]\s*\d", src), f"{t.name}: arithmetic in a template"


def test_pdf_without_chromium_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = tmp_path / "r.html"
    html.write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.setenv("POSCHECK_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(PdfError, match="apt-get install chromium"):
        html_to_pdf(html, tmp_path / "r.pdf")
    with pytest.raises(PdfError, match="no HTML report"):
        html_to_pdf(tmp_path / "missing.html", tmp_path / "r.pdf")
