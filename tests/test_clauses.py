"""Contract splitting and party roles (`poscheck.clauses`)."""

from __future__ import annotations

import pytest

from poscheck.clauses import parse, parse_parties
from poscheck.normalize import normalize

MERCHANT_FIRST = """商户收款服务协议
甲方（特约商户）：某某区阿明粉面店
乙方（收单机构）：某某支付有限公司
第一条 服务内容
乙方为甲方提供银行卡受理服务。
第二条 费用
2.1 贷记卡0.6%。
2.2 乙方有权调整费率：
（一）市场变化时；
（二）成本上升时。
第十二条 争议解决
提交乙方所在地人民法院管辖。
"""

PROVIDER_FIRST = """终端服务合同
甲方：某某信息科技有限公司
乙方（商户）：____________
一、服务
1. 甲方向乙方提供收款终端。
2. 甲方有权调整收费标准。
二、期限
本合同长期有效。
"""


def _doc(text: str):  # type: ignore[no-untyped-def]
    return parse(normalize(text).text)


def test_articles_with_chinese_numerals_and_sub_clauses() -> None:
    doc = _doc(MERCHANT_FIRST)
    assert doc.is_contract
    labels = [c.label for c in doc.clauses]
    assert labels == ["", "第一条", "第二条", "2.1", "2.2", "第十二条"]
    assert doc.clauses[0].kind == "preamble"
    first, twelfth = doc.clauses[1], doc.clauses[-1]
    assert (first.kind, first.rank, twelfth.rank) == ("art", 0, 0)
    assert doc.text[first.start:first.end].startswith("第一条 服务内容")


def test_a_clause_ending_with_a_colon_absorbs_its_list() -> None:
    doc = _doc(MERCHANT_FIRST)
    clause = next(c for c in doc.clauses if c.label == "2.2")
    body = doc.text[clause.start:clause.end]
    assert "(一)市场变化时" in body and "(二)成本上升时" in body
    assert clause.article_start == next(c.start for c in doc.clauses if c.label == "第二条")
    assert doc.clause_at(doc.text.index("成本上升")) == clause


def test_chinese_list_markers_and_numbered_items() -> None:
    doc = _doc(PROVIDER_FIRST)
    kinds = [(c.label, c.kind, c.rank) for c in doc.clauses if c.kind != "preamble"]
    assert kinds == [("一、", "cn", 0), ("1", "num", 1), ("2", "num", 1), ("二、", "cn", 0)]


def test_decimal_marker_glued_to_a_heading_by_a_pdf_join() -> None:
    text = normalize("第三条 结算\n3.1 T+1结算。\n3.2 甲方可暂缓结算。\n第四条 其他\n", join_wraps=True).text
    doc = parse(text)
    assert "3.1" in [c.label for c in doc.clauses]
    assert "3.2" in [c.label for c in doc.clauses]


def test_plain_page_is_cut_into_lines() -> None:
    doc = _doc("资费\n信用卡 0.6%\n\n退机说明\n随时退机，不收违约金。")
    assert not doc.is_contract
    assert [c.kind for c in doc.clauses] == ["line"] * 4


@pytest.mark.parametrize(
    ("text", "merchant", "provider"),
    [
        (MERCHANT_FIRST, "甲方", "乙方"),
        (PROVIDER_FIRST, "乙方", "甲方"),
        ("甲方（收单机构）：某某支付股份有限公司\n乙方（特约商户）：某某茶叶店\n", "乙方", "甲方"),
        ("甲方：某某区老街五金经营部\n乙方：中国某某银行股份有限公司某某支行\n", "甲方", "乙方"),
        ("本协议由您（以下称“甲方”或“商户”）与某某网络科技有限公司（以下称“乙方”）订立。", "甲方", "乙方"),
        ("某某商务服务有限公司（以下简称“甲方”）与商户（以下简称“乙方”）", "乙方", "甲方"),
        ("甲方：申领人 ｜ 乙方：某某POS机申请中心\n", "甲方", "乙方"),
        ("甲方：特约商户（以申请表登记信息为准）\n乙方：某某商务服务有限公司\n", "甲方", "乙方"),
        # the side first, its letter after it; a signature line that names both sides on one line
        ("出租方（甲方）：某某设备租赁有限公司\n承租方（乙方）：________\n"
         "甲方（盖章）：某某设备租赁有限公司 乙方（签字）：________\n", "乙方", "甲方"),
    ],
)
def test_party_roles_in_both_orders(text: str, merchant: str, provider: str) -> None:
    parties = parse_parties(normalize(text).text)
    assert (parties.merchant, parties.provider) == (merchant, provider)


def test_one_definition_decides_the_other_letter() -> None:
    parties = parse_parties(normalize("乙方（服务商）负责装机。甲方应妥善保管终端。").text)
    assert parties.roles == {"乙方": "provider", "甲方": "merchant"}


def test_signature_lines_do_not_define_roles() -> None:
    parties = parse_parties(normalize("甲方（盖章）：\n乙方（签字）：\n").text)
    assert parties.roles == {}


def test_a_defining_line_that_names_a_firm_gives_the_letter_its_name() -> None:
    assert parse_parties(normalize(MERCHANT_FIRST).text).names == {"乙方": "某某支付有限公司"}
    # a blank line or a form's pointer (见下表) names nobody; the firm stays named
    assert parse_parties(normalize(PROVIDER_FIRST).text).names == {"甲方": "某某信息科技有限公司"}
    assert parse_parties(normalize("甲方（商户）：见下表\n乙方：____\n").text).names == {}


def test_generic_party_words_have_fixed_roles() -> None:
    parties = parse_parties("")
    assert parties.role("我司") == "provider"
    assert parties.role("商户") == "merchant"
    assert parties.role("甲方") is None


def test_subject_is_the_acting_party_not_the_object() -> None:
    doc = _doc(MERCHANT_FIRST + "第十三条 乙方认为商户交易存在风险的，可以延迟结算。\n")
    text = doc.text
    pos = text.index("延迟结算")
    lo = text.rfind("\n", 0, pos) + 1
    word, role = doc.subject_before(pos, lo)
    assert (word, role) == ("乙方", "provider")


def test_sentence_bounds() -> None:
    doc = _doc("第一条 甲方应按时结算。乙方应保管终端;丙方见证。\n")
    pos = doc.text.index("保管")
    lo, hi = doc.sentence(pos)
    assert doc.text[lo:hi] == "乙方应保管终端;"
