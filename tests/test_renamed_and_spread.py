"""Readings that generalise the misses of held-out set 23 (old tricks under new names, and a fee named in one
sentence and priced in another), each with what it must leave alone. Texts are our own."""

from __future__ import annotations

from flags import flagged
from poscheck.checks import practices, textctx
from poscheck.checks.fee_kinds import judge_deposit
from poscheck.checks.identity_facts import offer_of
from poscheck.facts import extract_fees
from poscheck.models import Document, Fee
from poscheck.normalize import normalize, normalize_document
from poscheck.rules import context


def _doc(text: str, kind: str = "txt", title: str = "") -> Document:
    return Document(id="x", source="x", kind=kind, text=text, sha256="x", title=title)  # type: ignore[arg-type]


def _read(text: str) -> list[Fee]:
    return extract_fees(_doc(text), normalize_document(text, "txt"))


def _fees(text: str) -> set[tuple[str, float | None]]:
    return {(f.kind, f.amount) for f in _read(text)}




def test_money_up_front_under_its_newer_names() -> None:
    assert ("deposit", 800.0) in _fees("办理时需交履约金八百元，合作期满抵扣机具款。")
    assert ("deposit", 260.0) in _fees("签收后缴纳机具占用费260元方可开机。")
    assert ("deposit", 150.0) in _fees("开机前先做一笔预存款，一百五，刷够两万原路退。")
    assert ("deposit", 288.0) in _fees("收到机器后先刷一笔288的，那一笔是激活用的。")
    assert ("deposit", 199.0) in _fees("开通当天完成一笔首刷，金额固定为一百九十九元。")
    # a gold card of a membership is no 激活金; a test swipe with no sum is no fee
    assert ("deposit", 199.0) not in _fees("激活金卡会员199元/年，可享费率优惠。")
    assert _fees("收到机器后先刷一笔自己的卡试试，能到账就行。") == set()


def test_a_reserve_set_as_a_share_of_settlement_is_no_deposit() -> None:
    reserve = "风险保证金为该商户上月结算金额的百分之三，最高不超过人民币三万元。"
    assert not any(f.kind == "deposit" for f in _read(reserve))
    assert ("deposit", 300.0) in _fees("入网需缴纳保证金300元，结算金额的0.6%为手续费。")


def test_a_charge_for_a_missed_volume_is_a_penalty_not_a_deposit() -> None:
    assert not any(f.kind == "deposit" for f in _read("开通后90天内交易不足3万元的，收取机具占用费120元。"))
    assert ("deposit", 299.0) in _fees("交易额不足5万的，299元押金不予退还。")


def test_a_refund_that_waits_for_a_term_of_use_is_flagged() -> None:
    locked = _read("甲方开通时缴纳机具占用费三百元，合作满两年且终端完好的，乙方无息退还。")
    verdict = judge_deposit(next(f for f in locked if f.kind == "deposit"))
    assert verdict is not None and verdict[0] == "flag" and "合作满2年" in verdict[1]
    returned = _read("机具押金200元，协议终止后甲方归还机具的，乙方于7个工作日内无息退还。")
    verdict = judge_deposit(next(f for f in returned if f.kind == "deposit"))
    assert verdict is not None and verdict[0] == "info"


def test_data_membership_insurance_and_withdrawal_under_newer_names() -> None:
    assert ("data", 120.0) in _fees("物联网卡服务费每年120元，第二年起扣。")
    assert ("data", 20.0) in _fees("网络维护费按季度收取，每季二十元。")
    assert ("data", 60.0) in _fees("另外机器里面有张卡，年费六十")
    assert ("membership", 299.0) in _fees("尊享服务：年费二百九十九元。")
    assert ("membership", 99.0) in _fees("费率卡：一次开通99元，开通后信用卡费率降为0.55%。")
    assert ("membership", 58.0) in _fees("提额包：每月五十八元。")
    assert ("insurance", 19.9) in _fees("账单里多了一项“资金险”，每个月十九块九。")
    assert ("withdrawal", 1.5) in _fees("每提一次，平台收取一元五角的通道费。")
    assert ("withdrawal", 2.0) in _fees("每提一次现扣2块。")
    # a yearly fee of a membership card, and a rate raised by a point, are neither
    assert ("data", 99.0) not in _fees("会员年费99元，机器内置电池。")
    assert _fees("每提高0.1%的费率都要提前通知。") == set()


def test_a_fee_named_in_one_sentence_and_priced_in_the_next() -> None:
    assert ("data", 99.0) in _fees("还有个通讯的费用。一年也就九十九，第二年起收。")
    # the next sentence must open with the figure, and a fee's name may not stand between
    assert _fees("我们不收押金。99%的商户都满意。") == set()
    assert ("deposit", 99.0) not in _fees("还要交押金吗？流量费一年99。")


def test_a_footnote_marked_rate_takes_its_promotion() -> None:
    table = ("项目 | 刷卡费率 0.52%* | 扫码费率 |\n信用卡 | 0.52% | 0.38% |\n"
             "* 活动价限开通后前两个自然月，第三个月起统一按0.63%结算。")
    starred = next(f for f in _read(table) if f.label == "刷卡费率")
    assert (starred.promo_months, starred.later_amount) == (2, 0.63)
    plain = "项目 | 刷卡费率 0.52% |\n* 以上费率含税。"
    assert all(f.promo_months is None for f in _read(plain))


def test_settlement_by_the_platform_in_newer_words() -> None:
    agent = normalize("资金由平台统一代收代付，对账出款一站式完成。").text
    assert practices.signs(agent, "second_clearing")
    wallet = normalize("收款扣除手续费后计入商户钱包，可随时提现至本人银行卡。").text
    assert practices.signs(wallet, "second_clearing")
    assert not practices.signs(normalize("交易资金不计入任何钱包，直接结算至本人银行卡。").text, "second_clearing")


def test_a_slip_that_names_another_acquirer_than_the_payer() -> None:
    told = normalize("签购单上印的收单机构是拉卡拉，到账记录上打款的却是银盛，商户号也对不上。").text
    assert practices.signs(told, "statement_mismatch")
    same = normalize("签购单上印的收单机构是拉卡拉，到账记录上打款的也是拉卡拉。").text
    assert not practices.signs(same, "statement_mismatch")


def test_a_page_headed_as_an_institutions_service_centre_that_lures_with_refunds() -> None:
    lure = ("押金退还登记\n银联商务客户服务中心\n您缴纳的机具押金现可申请全额退还，请填写结算卡号。\n")
    assert "promo.fake_service" in flagged(lure, url="http://ums-refund-desk.top/")
    agent = "电签POS办理\n售后请联系：银联商务客户服务中心 95xxx\n押金99元，刷满3万退还。\n"
    assert "promo.fake_service" not in flagged(agent, url="http://pos-agent-demo.cn/")


def test_prohibited_practices_listed_in_a_table_are_no_offer_of_them() -> None:
    rules = ("服务机构营销行为规范\n二、禁止行为\n序号 | 行为 | 常见说法\n"
             "1 | 篡改商户类别 | 智能匹配商户、商户自由切换\n2 | 宣传套现 | 养卡、空卡周转\n")
    cats = flagged(rules)
    assert "clearing.mcc_jumping" not in cats and "promo.cash_out" not in cats
    offer = "收款通道一览\n通道 | 说明\n积分通道 | 系统智能匹配商户，账单显示超市\n"
    assert "clearing.mcc_jumping" in flagged(offer)


def test_a_training_handout_teaches_and_offers_nothing() -> None:
    handout = ("POS收费名目对照（培训讲义）\n一、开机前要交的钱\n常见说法：激活金、履约金。\n实质：押金。\n"
               "应对：要求写入合同。\n二、说能保平安的钱\n应对：查看是否按月自动扣费。\n")
    assert context.teaches(normalize(handout).text)
    assert textctx.genre(normalize(handout).text) == "teaching"
    assert not offer_of(_doc(handout)).offers


def test_an_article_that_ends_by_handing_out_its_device_offers_it() -> None:
    article = ("会用卡的人，额度都是养出来的\n……\n【领取方式】\n文末扫码添加客服，领取智能刷卡机，包邮到家。\n"
               "——本文不构成任何投资建议——\n")
    assert context.sells(normalize(article).text)
    assert offer_of(_doc(article)).offers
    warning = "——本文提醒：有人以领取刷卡机为名骗取押金，谨防诈骗，切勿轻信，警惕陌生客服。——"
    assert not offer_of(_doc(warning)).offers


def test_a_sum_refused_after_a_spoken_number_and_a_free_repair_is_no_free_device() -> None:
    chat = "2025/5/12 19:44  业务员:说实话 就算刷够了也只返两百 另外一百九十九不退的\n"
    assert "terms.non_refundable" in flagged(chat)
    contract = ("7.3 因乙方安装人员操作不当造成机具损坏的，由乙方免费更换。\n"
                "甲方应于开通时缴纳机具押金200元，退机时无息退还。\n")
    assert "promo.free_bait" not in flagged(contract)


def test_a_payer_that_became_a_person_and_arithmetic_with_thousands_and_a_date() -> None:
    became = normalize("从4月起，POS的钱不再是收单机构打过来的，付款方变成了个人“王*华”。").text
    assert [s.kind for s in practices.signs(became, "second_clearing")] == ["payer"]
    short = normalize("签购单金额2,000.00元，按0.6%应该到账1,988.00元，实际是5月8日到账1,970.00元。").text
    assert practices.signs(short, "statement_mismatch")
    full = normalize("签购单金额2,000.00元，按0.6%应该到账1,988.00元，实际是5月8日到账1,988.00元。").text
    assert not practices.signs(full, "statement_mismatch")
