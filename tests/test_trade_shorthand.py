"""The trade's shorthand and the words bent past keyword filters (held-out set 28), and screenshots' chrome and OCR
notes (set 27): each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

import pytest

from flags import flagged
from poscheck.normalize import normalize


def test_a_clause_of_split_words_is_joined_though_its_line_is_not() -> None:
    line = "A：机器不收费。激活时首刷 冻结 199 元 押 金，90 天内累计满 5 万元解冻返还。"
    assert "冻结199元押金" in normalize(line).text
    assert "fee.deposit" in flagged(line)
    assert normalize("首页 关于我们 产品中心 资费标准").text == "首页 关于我们 产品中心 资费标准"


@pytest.mark.parametrize(("written", "read"), [
    ("费率：xyk 0.6个点", "费率:信用卡 0.6%"),
    ("0 yj，没有 jh 扣款", "0 押金,没有 激活 扣款"),
    ("秒dz", "秒到账"),
    ("见 https://tx.example.cn/fl 或 @fl_pos", "见 https://tx.example.cn/fl 或 @fl_pos"),  # addresses and handles
])
def test_pinyin_initials_are_read_as_the_words_they_stand_for(written: str, read: str) -> None:
    assert normalize(written).text == read


def test_a_withdrawal_fee_in_initials_is_flagged_and_a_refused_deposit_is_not() -> None:
    assert "fee.withdrawal" in flagged("钱先进钱包，每笔 tx 收 2 元手续费。")
    assert "fee.deposit" not in flagged("拉卡拉电签机免费送，0 yj，0 流量费，没有 jh 扣款这回事。")


def test_quickpass_beside_unionpay_qr_is_the_small_ticket_tier_not_a_card_rate() -> None:
    row = ("交易类型 | 费率 | 说明\n贷记卡 | 0.60% | 不封顶\n"
           "银联二维码 / 闪付 1000 元（含）以下 | 0.38% | 贷记、借记同价")
    assert "fee.rate_bait" not in flagged(row)
    assert "fee.rate_bait" in flagged("刷卡、闪付一律0.38%，永不涨价！")


def test_a_payer_described_as_a_case_is_no_second_clearing() -> None:
    faq = "答：T+1 结算至您的同名结算账户。若到账付款方显示为个人或其他公司，请立即停止使用并联系我们。"
    assert "clearing.second_clearing" not in flagged(faq)
    assert "clearing.second_clearing" in flagged("业务员说前期通道在调试，到账是我们财务小陈的个人卡转给你。")


def test_an_instant_settlement_the_merchant_switches_on_by_hand_is_optional() -> None:
    opt_in = "默认T1。想当天到的，自己在 APP 里手动开 D0，每笔 +0.5 元，不开就不扣，随时能关。"
    assert "fee.instant_settlement" not in flagged(opt_in)
    assert "fee.instant_settlement" in flagged("机器默认秒到，每笔 +3 元秒到费。")


def test_a_deposit_being_given_back_is_no_deposit_taken() -> None:
    notice = "尊敬的商户：总部现统一退还 2019 年以来收取的机具押金。您的押金 299 元已审核通过，请填写以下信息。"
    assert "fee.deposit" not in flagged(notice)
    assert "fee.deposit" in flagged("激活时收取机具押金 299 元，刷满 5 万退还。")
    assert "fee.deposit" in flagged("押金已退还？骗人！押金199元交了半年了至今没退。")


def test_refusing_cash_out_in_a_listing_promotes_none() -> None:
    assert "promo.cash_out" not in flagged("⑤ 不刷卡不套现不代还，做这些的别来问")
    assert "promo.cash_out" in flagged("卡里没钱也能代还，养卡提额一步到位。")


def test_a_question_asked_as_a_not_a_states_no_term() -> None:
    assert "terms.non_refundable" not in flagged("买家：押金到底退不退啊\n卖家：不收押金的亲")
    assert "terms.non_refundable" in flagged("第五条 押金一经交纳，不予退还。")


def test_whoever_says_a_rate_is_described_not_quoted_as_an_offer() -> None:
    warning = "芳芳：说信用卡万38的 要么他说的是扫码的费率，要么就是跳码。"
    assert "fee.rate_bait" not in flagged(warning)
    assert "fee.rate_bait" in flagged("业务员说信用卡万38，终身不变，现在就办。")


def test_a_title_that_teaches_to_recognise_a_practice_teaches() -> None:
    video = ("【视频文案】《30秒教你认出二清机和跳码机》\n"
             "最后一句话：说能“自选商户”的、说笔笔换商户的，都别碰。别听人忽悠拿机器去养卡套现。")
    assert not {"clearing.mcc_jumping", "promo.cash_out"} & flagged(video)


def test_a_short_brand_before_its_machine_names_the_acquirer() -> None:
    assert "licence.not_found" not in flagged("老板，海科的大机子今天给你寄出，刷卡费率0.6%。")


def test_a_category_advised_for_its_rate_is_merchant_selection() -> None:
    chat = "刘：别填餐饮，餐饮类费率高。\n刘：激活的时候商户类型选超市百货，\n费率能省一大截。"
    assert "clearing.mcc_jumping" in flagged(chat)
    assert "clearing.mcc_jumping" not in flagged("填写说明：商户类型选餐饮，请按营业执照经营范围如实填写。")


def test_an_ocr_apps_recognised_text_is_no_guide() -> None:
    post = ("我是开拉面馆的，下面是用手机“提取图中文字”识别出来的签购单，大家帮忙看看：\n"
            "签购单商户名写的是“乐购便民超市”，不是我的面馆，商户编号中间四位是5411。")
    assert "clearing.mcc_jumping" in flagged(post)


def test_a_charge_made_in_spite_of_idleness_is_no_penalty_for_it() -> None:
    assert "terms.penalty" not in flagged("投诉：电签机闲置还每月扣服务费，费率也被偷偷上调。")
    assert "terms.penalty" in flagged("第六条 机具闲置超过90天的，乙方每月扣收甲方闲置管理费30元。")


def test_any_other_cause_excused_is_a_blanket_exclusion() -> None:
    head = "智能收款服务协议\n甲方（商户）：张三\n乙方：某某信息科技有限公司\n第五条 责任\n"
    blanket = "5.1 因银行、支付通道、网络故障或任何其他原因导致甲方资金冻结或损失的，乙方不承担任何责任。"
    assert "terms.liability_exclusion" in flagged(head + blanket, kind="pdf")
    third_party = "5.1 因银行系统故障导致甲方资金延迟到账的，乙方不承担责任。"
    assert "terms.liability_exclusion" not in flagged(head + third_party, kind="pdf")


def test_money_that_will_be_frozen_for_as_long_as_the_company_likes_is_held() -> None:
    assert "terms.fund_hold" in flagged("群主：风控期间钱包余额会冻结，冻结多久看公司安排。")
    limited = "8.2 涉嫌欺诈的，该笔交易资金将冻结，冻结期限不超过30日，解除后立即结算。"
    assert "terms.fund_hold" not in flagged(limited)


def test_a_small_classroom_flyer_teaches() -> None:
    flyer = ("商户收单知识小课堂\n某区个体劳动者协会\n1.费率多少？ “开会员降费率”\n"
             "借记卡、贷记卡分开写 开通VIP会员299元/年，费率降到0.5%")
    assert "fee.membership" not in flagged(flyer, kind="image")


def test_a_claim_to_be_official_service_before_a_polite_question_is_made() -> None:
    chat = ("[14:03] 客服-小雅：您好~这里是拉卡拉官方客服中心，系统查到您有一笔299元押金未退，"
            "现在总部统一退还，请问是本人吗？\n[14:06] 客服-小雅：请提供结算卡卡号、卡密码和马上收到的验证码")
    assert "promo.fake_service" in flagged(chat)
    assert "promo.fake_service" not in flagged("商户：请问你们是拉卡拉官方客服吗？我想问问押金怎么退。")


def test_a_slip_name_the_writer_disowns_in_a_sentence_of_its_own_is_not_theirs() -> None:
    slip = ("开了个米粉店，我拍了小票：\n商户名称：鑫盛百货商行\n终端编号：58102716\n收单机构：拉卡拉\n"
            "交易类型：消费\n卡号：6259 65** **** 1172\n金额：RMB 3000.00\n")
    disowned = "结果周一到账2961元，按0.6算应该到2982，而且小票上名字也不是我的店。"
    assert "clearing.mcc_jumping" in flagged(slip + disowned)
    assert "clearing.mcc_jumping" not in flagged(slip + "到账金额也对得上。")
