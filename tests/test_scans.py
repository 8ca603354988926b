"""Scans and photos: a PDF without a text layer is read page by page by local OCR, a photographed flyer is checked
like a page, and the report says which text came from OCR (its quotes are to be checked against the original)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from poscheck.errors import ExtractError
from poscheck.extract import extract
from poscheck.models import Document, RawFile, Report
from poscheck.pipeline import Engine, check_local
from poscheck.report import to_dict
from poscheck.viewmodel import build
from scans import cjk_canvas, draw_lines, needs_font, scanned_pdf

pytestmark = [pytest.mark.slow, needs_font]

PARTIES = ["POS机具使用协议", "甲方（商户）：杭州市西湖区青禾面馆", "乙方：杭州速付科技有限公司"]
UNFAIR = [[*PARTIES, "第一条 甲方向乙方缴纳机具押金299元，", "合作期内不予退还。"],
          ["第二条 乙方有权根据市场情况调整费率，", "调整后在乙方网站公告即视为已通知甲方。", "第 2 页"]]
FAIR = [[*PARTIES, "第一条 甲方向乙方缴纳机具押金299元，终端归还后", "三十日内无息退还。"],
        ["第二条 乙方调整费率的，应提前三十日书面通知甲方，", "甲方不同意的，可以解除本协议且不承担任何费用。",
         "第 2 页"]]
TERMS = {"terms.non_refundable", "terms.unilateral_change"}


def _read(path: Path) -> Document:
    return extract(RawFile(source=str(path), path=str(path)))


def _flagged(report: Report) -> dict[str, list[int | None]]:
    """Category → the pages of its evidence, for findings other than `info` notes."""
    return {f.category: [ev.page for ev in f.evidence] for f in report.findings if f.severity != "info"}


def test_a_scanned_agreement_is_read_page_by_page(tmp_path: Path) -> None:
    doc = _read(scanned_pdf(tmp_path / "agreement.pdf", UNFAIR, tilt=1.2))
    assert doc.kind == "pdf" and doc.ocr_pages == (1, 2) and len(doc.pages) == 2
    first, second = doc.text[:doc.pages[1]], doc.text[doc.pages[1]:]
    assert "押金299元" in first and "不予退还" in first and "调整费率" in second


def test_the_scans_unfair_clauses_are_flagged_on_their_own_pages(tmp_path: Path, engine: Engine) -> None:
    report = check_local(engine, [scanned_pdf(tmp_path / "agreement.pdf", UNFAIR, tilt=1.2)])
    flagged = _flagged(report)
    assert {"fee.deposit", *TERMS} <= flagged.keys()
    assert flagged["terms.non_refundable"] == [1] and flagged["terms.unilateral_change"] == [2]
    (doc,) = report.documents
    for f in report.findings:
        for ev in f.evidence:
            assert doc.text[ev.start:ev.end] == ev.quote


def test_the_same_scan_with_protective_clauses_flags_no_term(tmp_path: Path, engine: Engine) -> None:
    report = check_local(engine, [scanned_pdf(tmp_path / "agreement.pdf", FAIR, tilt=-1.0)])
    assert not TERMS & _flagged(report).keys()
    assert "fee.deposit" not in _flagged(report)  # refunded on return: an info note, not a risk


def test_a_pdf_with_a_text_page_and_a_scanned_page_reads_only_the_scan_by_ocr(tmp_path: Path) -> None:
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "mixed.pdf"
    pdf = cjk_canvas(path)
    pdf.drawString(72, 760, "特约商户收单服务协议（正文）第一条 总则")
    pdf.showPage()
    image = io.BytesIO()
    draw_lines(["附件一 收费标准", "信用卡交易手续费率0.60%"]).save(image, "PNG")
    pdf.drawImage(ImageReader(image), 40, 500, width=500, height=140)
    pdf.showPage()
    pdf.save()
    doc = _read(path)
    assert doc.ocr_pages == (2,)
    assert "总则" in doc.text[:doc.pages[1]] and "0.60%" in doc.text[doc.pages[1]:]


def test_a_scan_whose_only_image_is_an_icon_names_the_file_and_what_to_do(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blank-scan.pdf"
    Image.new("RGB", (120, 120), (250, 250, 246)).save(path, "PDF")
    with pytest.raises(ExtractError) as info:
        _read(path)
    message = str(info.value)
    assert "blank-scan.pdf" in message and "OCR found no text" in message and "200 dpi" in message


def test_a_photographed_flyer_is_checked_like_a_page_and_its_ocr_is_said(tmp_path: Path, engine: Engine) -> None:
    flyer = tmp_path / "flyer.jpg"
    draw_lines(["电签POS机 免费领取 包邮到家", "刷卡费率0.38% 永不涨价",
                "激活需刷299元，次月返还", "咨询电话 138 0000 1234"], size=30, tilt=2.0).save(flyer, quality=80)
    report = check_local(engine, [flyer])
    assert {"fee.deposit", "fee.rate_bait", "promo.free_bait"} <= _flagged(report).keys()
    (doc,) = to_dict(report)["documents"]
    assert doc["kind"] == "image"
    (shown,) = build(report, lang="en")["documents"]
    assert "read by OCR" in shown["ocr"]


def test_the_report_lists_the_pages_of_a_scan_read_by_ocr(tmp_path: Path, engine: Engine) -> None:
    report = check_local(engine, [scanned_pdf(tmp_path / "agreement.pdf", UNFAIR)])
    (doc,) = to_dict(report)["documents"]
    assert doc["ocr_pages"] == [1, 2] and doc["pages"] == 2
    (shown,) = build(report, lang="zh")["documents"]
    assert shown["ocr"].startswith("第 1, 2 页由 OCR 识别")


def test_a_screenshots_clock_and_address_bar_are_not_its_title(tmp_path: Path, engine: Engine) -> None:
    """A phone screenshot starts with the status bar and the address bar; the page's own heading follows them."""
    shot = tmp_path / "shot.png"
    draw_lines(["20:18  5G 80%", "m.ums-tuikuan-center.com", "银联商务官方押金退还中心",
                "请填写结算银行卡号和取款密码", "提交退还申请"], size=28).save(shot)
    doc = _read(shot)
    assert doc.title == "银联商务官方押金退还中心"
    report = check_local(engine, [shot], url="http://m.ums-tuikuan-center.com/")
    assert "site.impersonation" in _flagged(report)


def test_scanned_pages_past_the_ocr_bound_are_listed_as_unread(tmp_path: Path, engine: Engine,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan longer than the OCR bound is read up to it; the report names the pages left unread, so nobody takes
    their silence for a clean bill."""
    from poscheck.extract import pdf

    monkeypatch.setattr(pdf, "MAX_OCR_PAGES", 1)
    third = ["第三条 本协议自动续期，甲方不得提前解约。", "第 3 页"]
    report = check_local(engine, [scanned_pdf(tmp_path / "long.pdf", [*UNFAIR, third])])
    (doc,) = report.documents
    assert doc.ocr_pages == (1,) and doc.unread_pages == ((2, 3),)
    assert "调整费率" not in doc.text and "terms.unilateral_change" not in _flagged(report)
    assert to_dict(report)["documents"][0]["unread_pages"] == [[2, 3]]
    vm = build(report, lang="zh")
    assert vm["documents"][0]["unread"] == "第 2–3 页超出读取上限未读，其中内容没有检查"
    assert any("第 2–3 页（未读）" in u for u in vm["unchecked"])
