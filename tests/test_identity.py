"""Validators and extractors of poscheck.identity: USCC, licence shape, ICP, names, phones, domains."""

from __future__ import annotations

import hashlib

import pytest

from poscheck.identity import (
    extract_entities,
    licence_shape_ok,
    org_code_ok,
    parse_icp,
    uscc_check_char,
    uscc_status,
)
from poscheck.models import Document


def doc(text: str, url: str | None = None) -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=sha[:12], source=url or "t.txt", kind="txt", text=text, sha256=sha, url=url)


def _with_bad_check(code: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    wrong = next(c for c in alphabet if c != code[17])
    return code[:17] + wrong


@pytest.mark.parametrize("code", ["91440300MA5G7K2R74", "91330106MA2J8Q4T5A", "92330106MA2H5R1K7J"])
def test_uscc_valid(code: str) -> None:
    assert uscc_check_char(code) == code[17]
    assert uscc_status(code).valid is True


def test_uscc_wrong_check_char() -> None:
    st = uscc_status("91440106MA9Y2L5E9Q")
    assert st.valid is False
    assert "R" in st.note  # the note says what the check character should be


def test_uscc_pilot_region_exception_warns() -> None:
    # A legacy organisation code (not MA…) that passes its own mod-11 check, with a wrong 18th char.
    org = "13220082"
    total = sum((int(c)) * w for c, w in zip(org, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    c = 11 - total % 11
    org += "X" if c == 10 else ("0" if c == 11 else str(c))
    assert org_code_ok(org)
    body = "91310000" + org
    code = _with_bad_check(body + uscc_check_char(body))
    st = uscc_status(code)
    assert st.valid is None
    assert "pilot" in st.note


def test_uscc_malformed() -> None:
    assert uscc_status("9144030OMA5G7K2R74").valid is False  # letter O is not in the alphabet
    assert uscc_status("914403").valid is False


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("Z2002511000017", True),
        ("Z2000133000019", True),
        ("Z2006511000081", False),  # 00001 block broken
        ("Z2002599000017", False),  # 99 is no province code
        ("Z200251100017", False),  # too short
        ("Y2002511000017", False),
    ],
)
def test_licence_shape(number: str, ok: bool) -> None:
    assert licence_shape_ok(number) is ok


def test_parse_icp() -> None:
    icp = parse_icp("京ICP备12345678号-1")
    assert icp is not None and icp.well_formed and icp.province == "京" and icp.site == "1"
    trad = parse_icp("滬ICP備2021022468號-2")
    assert trad is not None and trad.well_formed and trad.province == "沪" and trad.number == "2021022468"
    bad = parse_icp("ICP备20231187号")
    assert bad is not None and not bad.well_formed
    assert parse_icp("营业执照") is None


def test_extract_identity_entities_with_offsets() -> None:
    text = (
        "版权所有：深圳市卡客通信息科技有限公司　统一社会信用代码：91440300MA5G7K2R74\n"
        "收单服务由拉卡拉支付股份有限公司（支付业务许可证号Z2002511000017）提供。\n"
        "客服：400-086-7720 手机 138 2671 0935 官方信息请以 www.lakala.com 为准\n"
        "滬ICP備2021022468號-2　粤公网安备44011102001843号 粤B2-20201188\n"
        "终端型号：新大陆ME31，已通过银联认证。\n"
    )
    d = doc(text)
    ents = extract_entities(d)
    for e in ents:
        assert d.text[e.evidence.start : e.evidence.end] == e.evidence.quote
    by_kind: dict[str, list[str]] = {}
    for e in ents:
        by_kind.setdefault(e.kind, []).append(e.value)
    assert "深圳市卡客通信息科技有限公司" in by_kind["company"]
    assert "拉卡拉支付股份有限公司" in by_kind["company"]  # left boundary after 由
    assert by_kind["uscc"] == ["91440300MA5G7K2R74"]
    assert by_kind["licence_no"] == ["Z2002511000017"]
    assert "4000867720" in by_kind["phone"] and "13826710935" in by_kind["phone"]
    assert by_kind["domain"] == ["lakala.com"]
    assert by_kind["icp"] == ["沪ICP备2021022468号-2"]
    assert by_kind["psb"] == ["粤公网安备44011102001843号"]
    assert by_kind["icp_licence"] == ["粤B2-20201188"]
    assert any("ME31" in m for m in by_kind["terminal_model"])
    assert by_kind["unionpay_claim"]
    icp = next(e for e in ents if e.kind == "icp")
    assert icp.evidence.quote == "滬ICP備2021022468號-2"  # quotes the original, traditional text


def test_company_left_boundary_and_banks() -> None:
    text = (
        "蓉收宝是通联商务服务有限公司在成都的服务商。收单机构中汇电子支付有限公司。"
        "地址：武汉市江汉区新华路218号浦发银行大厦19层。乙方：中国建设银行股份有限公司宁波江北支行。"
        "投诉对象：钱旺旺电签POS（东莞市旺铺商务服务有限公司）"
    )
    ents = extract_entities(doc(text))
    names = {(e.value, e.note) for e in ents if e.kind == "company"}
    assert ("通联商务服务有限公司", "") in names
    assert ("中汇电子支付有限公司", "") in names
    assert ("东莞市旺铺商务服务有限公司", "") in names
    assert ("中国建设银行股份有限公司宁波江北支行", "bank") in names
    assert not any("浦发银行" in n for n, _ in names)  # a building, not a bank as party


def test_malformed_icp_and_unlabelled_numbers() -> None:
    ents = extract_entities(
        doc("石家庄某商贸有限公司 ICP备案号：ICP备20231187号 身份证号 110101199003074514")
    )
    icps = [e for e in ents if e.kind == "icp"]
    assert len(icps) == 1 and icps[0].valid is False and icps[0].evidence.quote == "ICP备20231187号"
    assert not [e for e in ents if e.kind == "uscc"]  # an ID number is not a USCC


def test_a_company_named_after_its_former_name_starts_after_the_label() -> None:
    """北京拉卡拉网络技术有限公司（现名拉卡拉支付股份有限公司）names two companies, not one called 现名…."""
    text = "收单服务由北京拉卡拉网络技术有限公司（现名拉卡拉支付股份有限公司，许可证号Z2002511000017）提供。"
    names = [e.value for e in extract_entities(doc(text)) if e.kind == "company"]
    assert names == ["北京拉卡拉网络技术有限公司", "拉卡拉支付股份有限公司"]


def test_a_company_named_after_a_verb_starts_after_it() -> None:
    """申请使用随行付支付有限公司提供…: 使 stops the phrase, and 使用 as a whole does too."""
    text = "鉴于甲方通过乙方申请使用随行付支付有限公司提供收单服务的电签POS终端，订立本协议。"
    names = [e.value for e in extract_entities(doc(text)) if e.kind == "company"]
    assert names == ["随行付支付有限公司"]


def test_a_company_named_after_you_and_starts_after_it() -> None:
    """合同是您和拉卡拉支付股份有限公司签: 您和 is no part of the name."""
    text = "合同是您和拉卡拉支付股份有限公司签，许可证号Z2002511000017可以在人民银行网站查到。"
    names = [e.value for e in extract_entities(doc(text)) if e.kind == "company"]
    assert names == ["拉卡拉支付股份有限公司"]


def test_a_company_that_commissions_starts_after_shou() -> None:
    """本公司受福建国通星驿…委托: 受 is no part of the name (its number is its own, not a mismatch)."""
    text = "本公司受福建国通星驿网络科技有限公司（支付业务许可证号Z2012235000011）委托，开展商户拓展。"
    names = [e.value for e in extract_entities(doc(text)) if e.kind == "company"]
    assert names == ["福建国通星驿网络科技有限公司"]
