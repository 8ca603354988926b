"""Extraction: HTML blocks, encodings, PDF pages, DOCX tables, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from poscheck.errors import ExtractError, UnsupportedFile
from poscheck.extract import extract
from poscheck.models import RawFile
from scans import cjk_canvas

HTML = """<html><head><title>某某POS 资费</title><style>.x{}</style><script>var a='押金';</script></head>
<body><div class="nav"><a href="/">首页</a></div><h1>收费标准</h1>
<table><tr><td>激活押金</td><td>299元</td></tr></table>
<div class="footer">版权所有：某某科技有限公司 <a>粤ICP备2022071835号-1</a></div></body></html>"""


def _raw(tmp_path: Path, name: str, data: bytes, **kw: str) -> RawFile:
    p = tmp_path / name
    p.write_bytes(data)
    return RawFile(source=str(p), path=str(p), **kw)  # type: ignore[arg-type]


def test_extract_html_keeps_blocks_and_drops_scripts(tmp_path: Path) -> None:
    doc = extract(_raw(tmp_path, "a.html", HTML.encode()))
    assert doc.title == "某某POS 资费"
    assert "var a" not in doc.text
    kinds = {(b.kind, doc.text[b.start:b.end]) for b in doc.blocks}
    assert ("row", "激活押金 | 299元") in kinds
    assert ("heading", "收费标准") in kinds
    assert any(k == "footer" and "ICP备" in t for k, t in kinds)


@pytest.mark.parametrize("page", [
    "<html><head><title> 资费 说明 </title></head><body><svg><title>图标</title></svg></body></html>",
    "<html><body><p>正文</p><title> 资费 说明 </title><svg><title>图标</title></svg></body></html>",  # in body
])
def test_extract_html_title_is_the_first_title_wherever_the_parser_put_it(tmp_path: Path, page: str) -> None:
    assert extract(_raw(tmp_path, "t.html", page.encode())).title == "资费 说明"


def test_extract_html_notes_the_text_of_each_link(tmp_path: Path) -> None:
    doc = extract(_raw(tmp_path, "a.html", HTML.encode()))
    assert [doc.text[a:b].strip() for a, b in doc.links] == ["首页", "粤ICP备2022071835号-1"]


def test_extract_html_a_text_field_reads_as_a_field_after_its_label(tmp_path: Path) -> None:
    page = ('<html><body><form><p>结算卡号<input name="c"></p><p>银行卡密码 <input type="password"></p>'
            '<p>验证码：<input name="o"></p><p><input type="text" placeholder="请输入手机号"></p>'
            '<p>同意协议<input type="checkbox"></p><p>银行卡密码 <input type="password" placeholder="6位取款密码"></p>'
            '</form></body></html>')
    text = extract(_raw(tmp_path, "f.html", page.encode())).text
    lines = [line.strip() for line in text.splitlines()]
    # a checkbox is no field; a labelled field's placeholder follows its colon
    assert lines == ["结算卡号：", "银行卡密码 ：", "验证码：", "请输入手机号", "同意协议", "银行卡密码 ： 6位取款密码"]


@pytest.mark.parametrize("declared", ["gbk", "gb2312", None])
def test_extract_html_gbk_by_meta_or_detection(tmp_path: Path, declared: str | None) -> None:
    meta = f'<meta charset="{declared}">' if declared else ""
    page = f"<html><head>{meta}<title>资费说明</title></head><body><p>流量费每年99元，押金299元。</p></body></html>"
    doc = extract(_raw(tmp_path, "g.html", page.encode("gbk")))
    assert "流量费每年99元" in doc.text
    assert doc.encoding == "gb18030"


def test_extract_header_charset_wrong_falls_back(tmp_path: Path) -> None:
    page = "<html><body><p>秒到费每笔3元</p></body></html>".encode("gbk")
    doc = extract(_raw(tmp_path, "h.html", page, encoding_hint="utf-8", content_type="text/html"))
    assert "秒到费每笔3元" in doc.text


def test_extract_txt_gbk(tmp_path: Path) -> None:
    doc = extract(_raw(tmp_path, "t.txt", "免费领取POS机\r\n首刷扣299元".encode("gb18030")))
    assert doc.text == "免费领取POS机\n首刷扣299元"


def test_extract_txt_title_is_an_exported_articles_title_line(tmp_path: Path) -> None:
    article = "\n公众号：开店小帮手\n标题：换机短信别乱回\n作者：阿明\n正文……"
    assert extract(_raw(tmp_path, "a.txt", article.encode())).title == "换机短信别乱回"
    plain = "电签POS机办理说明\n标题栏里写着：欢迎\n"  # no "标题：" line of its own: the first line
    assert extract(_raw(tmp_path, "b.txt", plain.encode())).title == "电签POS机办理说明"
    scan = "[扫描件 OCR 文本，版式可能错乱]\n\n关于防范二清风险的公告\n……"  # a tool's note is no title
    assert extract(_raw(tmp_path, "c.txt", scan.encode())).title == "关于防范二清风险的公告"


def test_extract_pdf_has_page_offsets(tmp_path: Path) -> None:
    path = tmp_path / "c.pdf"
    c = cjk_canvas(path)
    c.drawString(72, 760, "第一条 服务内容")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "第二条 押金299元不予退还")
    c.save()
    doc = extract(RawFile(source=str(path), path=str(path)))
    assert doc.kind == "pdf" and len(doc.pages) == 2
    at = doc.text.index("押金")
    assert doc.page_of(at) == 2 and doc.page_of(0) == 1
    assert doc.title == "第一条 服务内容"  # reportlab's metadata title "untitled" is a placeholder


def test_pdf_table_cells_drawn_apart_are_read_as_rows(tmp_path: Path) -> None:
    """A table whose cells are separate text runs comes out of pypdf one cell a line; their positions give the rows
    back, written as an HTML table's (a cell wrapped under itself joined into the cell), so 免费 stays in its row and
    does not deny the next row's fee. Running text set in two columns is left as pypdf reads it."""
    path = tmp_path / "t.pdf"
    c = cjk_canvas(path)
    c.drawString(60, 780, "附件二：机具服务项目及费用")
    rows = [("项目", "标准", "说明"), ("机具押金", "0元", "—"), ("终端维修", "免费", "非人为损坏"),
            ("通讯服务费", "99元/年", "激活满12个月后开始收取，到期")]
    for k, row in enumerate(rows):
        for x, cell in zip((60, 220, 380), row, strict=True):
            c.drawString(x, 750 - 18 * k, cell)
    c.drawString(380, 750 - 18 * 3 - 12, "后自动续期，从结算款中扣收")
    c.drawString(60, 660, "乙方应在三十日内退还押金。")
    c.save()
    lines = extract(RawFile(source=str(path), path=str(path))).text.split("\n")
    assert lines[:6] == ["附件二：机具服务项目及费用", "项目 | 标准 | 说明 | ", "机具押金 | 0元 | — | ",
                         "终端维修 | 免费 | 非人为损坏 | ",
                         "通讯服务费 | 99元/年 | 激活满12个月后开始收取，到期后自动续期，从结算款中扣收 | ",
                         "乙方应在三十日内退还押金。"]
    two = tmp_path / "two.pdf"
    c = cjk_canvas(two)
    left = ("第一条 甲方应当按照本协议约定使用受理终端", "不得将终端转借他人或移至登记地址以外",
            "第二条 乙方应按约定结算")
    right = ("第七条 乙方调整收费标准的应提前三十日通知", "甲方不同意的可在生效前书面通知终止协议",
             "第八条 本协议长期有效")
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        c.drawString(40, 780 - 16 * k, a)
        c.drawString(320, 780 - 16 * k, b)
    c.save()
    assert " | " not in extract(RawFile(source=str(two), path=str(two))).text


def test_pdf_pages_past_the_page_bound_are_listed_as_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from poscheck.extract import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    path = tmp_path / "long.pdf"
    c = cjk_canvas(path)
    for n in range(1, 6):
        c.drawString(72, 760, f"第{n}条 本页共有二十个以上的文字，用来说明条款内容")
        c.showPage()
    c.save()
    doc = extract(RawFile(source=str(path), path=str(path)))
    assert len(doc.pages) == 2 and doc.unread_pages == ((3, 5),) and "第3条" not in doc.text
    assert pdf.runs([1, 2, 3, 7, 9, 10]) == ((1, 3), (7, 7), (9, 10))


def test_placeholder_metadata_titles() -> None:
    from poscheck.extract.text import meta_title

    for placeholder in ("untitled", "Untitled", "文档1", "Microsoft Word - 协议.docx", "merchant_v2.pdf", " "):
        assert meta_title(placeholder) == ""
    assert meta_title("特约商户服务协议") == "特约商户服务协议"


def test_extract_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("商户服务协议")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "流量费"
    t.rows[0].cells[1].text = "99元/年"
    path = tmp_path / "c.docx"
    d.save(str(path))
    doc = extract(RawFile(source=str(path), path=str(path)))
    assert doc.text == "商户服务协议\n流量费 | 99元/年\n"
    assert [b.kind for b in doc.blocks] == ["para", "row"]


@pytest.mark.parametrize(
    ("name", "data", "error", "words"),
    [
        ("broken.pdf", b"%PDF-1.4 garbage", ExtractError, "corrupt"),
        ("old.doc", b"\xd0\xcf\x11\xe0 binary", UnsupportedFile, ".docx"),
        ("empty.html", b"   ", ExtractError, "empty"),
        ("x.bin", b"\x00\x01\x02", UnsupportedFile, "reads HTML"),
    ],
)
def test_extract_bad_files_name_the_file_and_the_remedy(
    tmp_path: Path, name: str, data: bytes, error: type[Exception], words: str
) -> None:
    raw = _raw(tmp_path, name, data, content_type="application/octet-stream" if name == "x.bin" else "")
    with pytest.raises(error) as info:
        extract(raw)
    assert name in str(info.value) and words in str(info.value)


def test_inputs_over_the_limit_are_refused_before_reading(tmp_path: Path) -> None:
    from poscheck.extract import read_input

    big = tmp_path / "statement.csv"
    big.write_bytes(b"x" * (3 * 2**20))
    with pytest.raises(ExtractError, match="larger than the 2 MiB limit") as exc:
        read_input(big, "statement.csv", too_big_remedy="Split it.", limit=2 * 2**20)
    assert "statement.csv" in str(exc.value) and "Split it." in str(exc.value)
    assert read_input(big, "statement.csv", too_big_remedy="-", limit=4 * 2**20)[:1] == b"x"
    with pytest.raises(ExtractError, match="cannot read file"):
        read_input(tmp_path / "missing.csv", "missing.csv", too_big_remedy="-")


def test_extract_html_reads_a_tooltip_that_says_more_than_its_text(tmp_path: Path) -> None:
    page = ('<html><body><div class="row"><span>系统服务</span><em title="系统服务费：每季度39元">详见说明</em></div>'
            '<p><a href="fees.html" title="资费标准页">资费</a> <span title="押金">押金</span>'
            '<i class="icon" title="流量费每年48元"></i></p></body></html>')
    lines = [line.strip() for line in extract(_raw(tmp_path, "t.html", page.encode())).text.splitlines()]
    # a link's title and one its text already says are not read
    assert lines == ["系统服务详见说明（系统服务费：每季度39元）", "资费 押金（流量费每年48元）"]
