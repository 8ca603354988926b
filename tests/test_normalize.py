"""Normalisation keeps a map back to the original text."""

from __future__ import annotations

import pytest

from poscheck.normalize import cn_number, normalize, normalize_document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("押金肆佰玖拾玖元", "押金499元"),
        ("开通服务费：壹佰玖拾玖元", "开通服务费:199元"),
        ("费率千分之六", "费率0.6%"),
        ("扫码万分之三十八", "扫码0.38%"),
        ("百分之零点六", "0.6%"),
        ("６‰", "0.6%"),
        ("０.３８％", "0.38%"),
        ("滬ICP備12345號", "沪icp备12345号"),
        ("三个月后恢复", "3个月后恢复"),
        ("刷满十万返还", "刷满10万返还"),
        ("千元以下", "千元以下"),
        ("几百元押金", "几百元押金"),
        ("一清机", "一清机"),
        # spoken numbers without a unit: a run with a magnitude, or 零点…
        ("会员费三百九十九直接扣走", "会员费399直接扣走"),
        ("费率变成零点七二了", "费率变成0.72了"),
        ("千万别办", "千万别办"),
        ("十分正规", "十分正规"),
        ("万一出事", "万一出事"),
        ("第三十条", "第三十条"),
        ("零点前到账", "零点前到账"),
        ("统一调的", "统一调的"),
        ("营业时间九点至二十一点", "营业时间九点至二十一点"),  # a time of day
        ("开机第一笔扣二百九十九押金", "开机第一笔扣299押金"),
        ("全国三十多个网点", "全国三十多个网点"),  # a count, not a sum
        # sales talk: percentage points, 千6 and 万5 (not 1千6 = 1,600, nor 千元)
        ("信用卡0.38个点", "信用卡0.38%"),
        ("费率千6，秒到加万5", "费率0.6%,秒到加0.05%"),
        ("刷了1千6", "刷了1千6"),
        ("千元以下", "千元以下"),
        # a rate in 毛 per hundred yuan, after a rate's name; not a sum (每笔3毛钱, a price, 3毛一笔)
        ("机器费率3毛8，秒到", "机器费率0.38%,秒到"),
        ("信用卡只要五毛五", "信用卡只要0.55%"),
        ("扫码两毛", "扫码0.2%"),
        ("每笔手续费3毛钱", "每笔手续费3毛钱"),
        ("刷卡3毛一笔", "刷卡3毛1笔"),
        ("一个包子3毛8", "一个包子3毛8"),
        ("毛利率高", "毛利率高"),
        # how voice input writes 押金
        ("压金299不退", "押金299不退"),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_normalize_maps_every_span_back() -> None:
    original = "开户押金：叁佰元整，费率千分之六。"
    norm = normalize(original)
    i = norm.text.index("300元")
    s, e = norm.orig_span(i, i + len("300元"))
    assert original[s:e] == "叁佰元"
    j = norm.text.index("0.6%")
    s, e = norm.orig_span(j, j + 4)
    assert original[s:e] == "千分之六"


def test_normalize_joins_pdf_wraps_only_when_asked() -> None:
    assert normalize("万分\n之五", join_wraps=True).text == "0.05%"
    assert "\n" in normalize("第一行。\n第二行", join_wraps=True).text
    # A full-width comma reads as "," by the time wraps are joined; a line that ends on one goes on.
    assert normalize("缴纳押金299元，\n合作期内不予退还。", join_wraps=True).text == "缴纳押金299元,合作期内不予退还。"


def test_pdf_wraps_keep_the_title_line_and_article_starts() -> None:
    """A PDF's short first line is its title, and 第一条 / 1.1 start blocks of their own; other breaks between
    characters are wraps."""
    pdf = ("某某特约商户服务协议\n提示条款：请乙方务必审慎阅读本协议全部条款，特别是免除或者限制责任的条款和法律适\n"
           "用条款。\n第一条 定义\n1.1 受理终端：指甲方为乙方布放的终端。\n2.1 借记卡费率0.5%")
    lines = normalize(pdf, join_wraps=True).text.split("\n")
    assert lines[0] == "某某特约商户服务协议"
    assert lines[1].endswith("法律适用条款。")
    assert lines[2:4] == ["第一条 定义", "1.1 受理终端:指甲方为乙方布放的终端。"]


def test_pdf_wraps_keep_article_headings_and_party_lines() -> None:
    """A short line that starts an article is its heading, and 甲方： / 乙方（商户）： lines name a party each;
    a long article line still runs on into the next."""
    pdf = ("甲方：在某某平台注册并签约的特约商户\n乙方：深圳某某支付科技有限公司\n第六条　责任限制\n"
           "因收单机构、银行、通信运营商或乙方系统原因导致的资金延迟、差错\n或损失，乙方概不负责。")
    lines = normalize(pdf, join_wraps=True).text.split("\n")
    assert lines == ["甲方:在某某平台注册并签约的特约商户", "乙方:深圳某某支付科技有限公司", "第六条 责任限制",
                     "因收单机构、银行、通信运营商或乙方系统原因导致的资金延迟、差错或损失,乙方概不负责。"]
    assert normalize("甲方名称\n乙方（商户）：张三", join_wraps=True).text == "甲方名称\n乙方(商户):张三"


def test_pos_spelled_with_a_zero_is_pos() -> None:
    """An OCR (or a flyer's own) 智能P0S机 reads as POS; a code like ap0s1 keeps its zero."""
    norm = normalize("鑫付通 智能P0S机 ap0s1")
    assert norm.text == "鑫付通 智能pos机 ap0s1"
    assert norm.orig_span(6, 9) == (6, 9)


def test_a_line_waiting_for_its_figure_runs_on() -> None:
    """A flyer sets the figure on a line of its own (信用卡费率低至 / 0.38); other lines keep their breaks."""
    assert normalize("信用卡费率低至\n０.３８\n永不涨价").text == "信用卡费率低至0.38\n永不涨价"
    assert normalize("办理流程\n1. 提交资料").text == "办理流程\n1. 提交资料"


def test_spoken_sums_are_yuan() -> None:
    """9块9 is 9.9元 and Cantonese 蚊 is 元; 2块一笔 stays two yuan a transaction."""
    for spoken, written in [("每月扣9块9的服务费", "每月扣9.9元的服务费"), ("九块九的", "9.9元的"),
                            ("每笔加2蚊", "每笔加2元"), ("2块5一笔", "2.5元一笔"), ("每笔2块一笔", "每笔2块1笔"),
                            ("一共200块", "一共200块")]:
        assert normalize(spoken).text == written, spoken


def test_letter_spaced_lines_are_joined_and_word_lists_are_not() -> None:
    """OCR of a flyer and letter-spaced titles put a space between characters; a nav bar separates words."""
    original = "免 费 送 P O S 机\n激活仅需 99 元 服 务 费\n首页 关于我们 产品中心 资费标准\n民 事 判 决 书"
    norm = normalize(original)
    assert norm.text.split("\n") == ["免费送pos机", "激活仅需99元服务费", "首页 关于我们 产品中心 资费标准",
                                      "民事判决书"]
    j = norm.text.index("服务费")
    s, e = norm.orig_span(j, j + 3)
    assert original[s:e] == "服 务 费"


def test_plain_text_joins_a_break_after_a_long_line_only() -> None:
    wrapped = ("因本协议引起的争议双方应友好协商；协商不成的，任何一方均应向甲方住所\n"
               "地人民法院提起诉讼。\n第七条 其他\n本协议一式两份。")
    norm = normalize_document(wrapped, "txt")
    assert "甲方住所地人民法院" in norm.text
    assert "\n第七条" in norm.text and "其他\n本协议" in norm.text  # a heading and an article keep their breaks
    s, e = norm.orig_span(norm.text.index("住所地"), norm.text.index("住所地") + 3)
    assert wrapped[s:e] == "住所\n地"
    # a chat message starts with its sender and time: never joined to the message before
    chat = "何经理 14:08  开机第一笔扣299押金，三个月刷够八万就退给你，很好刷的\n张姐 14:10  八万？我一个月才两万"
    assert "\n张姐 14:10" in normalize_document(chat, "txt").text
    assert "\n" in normalize_document("这一行足够长但下一行是条款的开头所以不合并\n第八条 违约", "txt").text
    assert normalize_document(wrapped, "html").text.count("\n") == 3
    # a chat or SMS export: a line that starts with a date or time is the next message, not a wrapped line
    chat = ("2025-05-18 09:12  小王：各位老板早上好，新到的机器已经陆续发了，首刷一笔激活就行\n"
            "2025-05-18 09:13  小王：提醒一下")
    assert "就行\n2025" in normalize_document(chat, "txt").text
    assert "\n" in normalize_document(chat.replace("2025-05-18 09:13", "09:13"), "txt").text


@pytest.mark.parametrize(("s", "n"), [("贰佰玖拾玖", 299), ("一万五", 15000), ("零点六", 0.6), ("12", 12)])
def test_cn_number(s: str, n: float) -> None:
    assert cn_number(s) == n


def test_cn_number_unreadable() -> None:
    assert cn_number("押金") is None


@pytest.mark.parametrize("s", ["九" * 400, "一" + "万" * 200, "9" * 400, "玖" * 33])
def test_cn_number_refuses_runs_no_price_is_written_in(s: str) -> None:
    assert cn_number(s) is None


def test_normalize_leaves_an_overlong_numeral_run_as_written() -> None:
    text = "押金" + "九" * 400 + "元，押金叁佰元"
    norm = normalize(text)
    assert norm.text == "押金" + "九" * 400 + "元,押金300元"


def test_normalize_keeps_characters_beyond_its_table() -> None:
    # U+1F600 and U+E0100 lie past the highest code point the table maps; full-width and traditional
    # characters around them are still mapped.
    assert normalize("Ａ😀體\U000E0100０").text == "a😀体\U000E01000"


def test_spaced_hint_finds_what_the_plain_pattern_finds() -> None:
    """_SPACED_HINT starts at the first space (the Chinese character before it is a look-behind) so that `re` skips
    to spaces; on any text it must find a match exactly when the pattern written in reading order does."""
    import random
    import re

    from poscheck.normalize import _SPACED_HINT

    plain = re.compile(r"[\u4e00-\u9fff][ \t]+[\u4e00-\u9fffa-z0-9]{1,2}[ \t]+[\u4e00-\u9fffa-z0-9]")
    rng = random.Random(7)
    alphabet = "免费 \t\ta9.送机 \n"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14)))
        assert bool(_SPACED_HINT.search(text)) == bool(plain.search(text)), repr(text)
