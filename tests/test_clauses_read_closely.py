"""Readings that generalise the misses of held-out set 26 (clauses read as a careful lawyer would, and the
complaints and Q&A around them): a signing place defined as the merchant's, a clause's wording discussed, a bill that
names another merchant than the slip, a payer named in quotes, a charge never opted into, a 商户服务包, and an
association's FAQ that sells nothing. Each with what it must leave alone. Texts are our own."""

from __future__ import annotations

from flags import flagged
from poscheck.facts import extract_fees
from poscheck.models import Document, Fee
from poscheck.normalize import normalize_document

_PARTIES = ("特约商户受理协议\n甲方（特约商户）：某某小吃店，住所：浙江省杭州市西湖区\n"
            "乙方（收单机构）：通联支付网络服务股份有限公司（支付业务许可证Z2000531000017）\n")


def _read(text: str) -> list[Fee]:
    doc = Document(id="x", source="x", kind="txt", text=text, sha256="x", title="")  # type: ignore[arg-type]
    return extract_fees(doc, normalize_document(text, "txt"))


def test_a_court_at_the_signing_place_defined_as_the_merchants() -> None:
    merchants = _PARTIES + ("第十二条 争议解决\n协商不成的，任何一方可以向本协议签订地人民法院提起诉讼。"
                            "本协议签订地为甲方经营场所。\n")
    assert "terms.jurisdiction" not in flagged(merchants)
    providers = merchants.replace("签订地为甲方经营场所", "签订地为乙方住所地")
    assert "terms.jurisdiction" in flagged(providers)


def test_a_clauses_wording_discussed_in_an_answer_is_no_term() -> None:
    answer = ("收单协议写“甲方可暂缓结算”是不是对我不利？\n提问者：小周\n最佳回答\n这份协议限定了单笔和期限，没问题。"
              "真正要留心的是相反的写法，比如收单方可以“视情况冻结全部资金”。\n")
    assert "terms.fund_hold" not in flagged(answer)
    clause = _PARTIES + "第七条 乙方可视情况冻结甲方全部待结算资金，冻结期限由乙方确定。\n"
    assert "terms.fund_hold" in flagged(clause)


_LETTER = ("情况说明\n本人王涛，经营一家火锅店。顾客刷卡后，终端打印的签购单内容为：\n"
           "　商户名称：重庆市渝中区老灶火锅店\n"
           "　收单机构：银盛支付\n第二天顾客说他的信用卡账单上显示的商户名称却是“重庆惠万家生活超市”，以为被盗刷。\n")


def test_a_cardholders_bill_that_names_another_merchant_than_the_slip() -> None:
    assert "statements.mismatch" in flagged(_LETTER)
    same = _LETTER.replace("　商户名称：重庆市渝中区老灶火锅店\n", "　商户名称：重庆惠万家生活超市\n").replace(
        "显示的商户名称却是", "显示的商户名称也是")
    assert "statements.mismatch" not in flagged(same)


def test_a_payer_named_in_quotes_and_a_slip_name_disowned() -> None:
    post = ("【求助】结算款是个人转过来的，正常吗？\n#1 楼主 阿峰修车铺\n我在佛山开修车铺，我去年办的电签。"
            "最近对账才发现，每天的结算款都是一个叫“刘建波”的个人账户转给我的，摘要写的“货款”。"
            "签购单上商户名称是“佛山市顺德区旺达五金经营部”，根本不是我的店名。\n")
    found = flagged(post)
    assert {"clearing.second_clearing", "clearing.mcc_jumping"} <= found
    warning = ("如何看结算记录\n结算款如果是一个叫某某的个人账户转的，就是二清，赶紧停用。"
               "签购单上的商户名称应是您营业执照上的名称。\n")
    assert not {"clearing.second_clearing", "clearing.mcc_jumping"} & flagged(warning)


def test_a_charge_never_opted_into_and_a_service_pack_by_the_month() -> None:
    never = "9月的明细里多了一项“资金保障服务费”，按每笔0.1%收取，我从来没有勾选开通过。"
    assert [(f.kind, f.optional) for f in _read(never)] == [("insurance", False)]
    chosen = "资金保障服务费按每笔0.1%收取，商户可自行开通，随时关闭。"
    assert [(f.kind, f.optional) for f in _read(chosen)] == [("insurance", True)]
    assert ("recurring", 29.0) in {(f.kind, f.amount) for f in _read("商户服务包：每月人民币贰拾玖元，随终端开通。")}
    assert not any(f.kind == "recurring" for f in _read("开通“VIP商户服务包”，服务费399元/年，费率享0.52%。"))


def test_an_associations_faq_that_recommends_no_brand_offers_nothing() -> None:
    faq = ("收单协议常见问题解答_某市小微商户服务协会\n一、收单机构要我交押金，是不是坑？\n"
           "看押金是为什么收的，出借终端的押金"
           "写明归还后全额退还属于正常做法。\n二、D0是必须开的吗？\n不是，快速结算是可选项。\n三、协议里有“甲方有权暂缓结算”怎么办？"
           "先确认甲方是谁，再看有没有限定范围和期限。\n协会不推荐任何具体品牌的POS机，也不委托任何个人上门办理机具。\n")
    assert not {"licence.not_found", "fee.undisclosed"} & flagged(faq)
