"""Held-out set 46 (the agent side of the trade: recruitment, commission policies, sales scripts): each sign is
read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.normalize import normalize_document


def test_a_chats_numbered_lines_are_not_one_soft_wrapped_sentence() -> None:
    chat = ("鼎晟-商务小陈 6/11 14:05\n1. 前端用的是国通星驿的机器，商户端看到的是星POS，商户那边不会有疑问\n"
            "2. 交易资金统一先进我们公司的对公户，再由我们代付到商户卡上，T0秒到，商户不用等第二天\n")
    assert "clearing.second_clearing" in flagged(chat)
    assert "疑问\n2. 交易资金" in normalize_document(chat, "txt").text  # (joined, 不会有疑问 reached the next item)
    assert "0.6%" in normalize_document("信用卡费率是按照交易金额计算的，一般为\n0.6%，借记卡封顶", "txt").text


def test_what_the_agent_keeps_is_no_fee_of_the_merchant() -> None:
    line = "3. T0秒到每笔加收3元，默认开通，商户端自动扣，代理分1元"
    assert [(f.kind, f.amount) for f in fees_of(line)] == [("instant", 3.0)]
    poster = "星驿付电签POS\n全国诚招代理\n激活返现\n商户激活扣199，代理返150/台\n交易分润\n万12起，日结，秒到钱包"
    assert "fee.instant_settlement" not in flagged(poster, kind="image")
    assert "fee.deposit" in flagged(poster, kind="image")


def test_a_commission_on_the_merchants_an_agent_brings_is_no_rate() -> None:
    for text in ("1. 交易服务费：按服务商所拓商户贷记卡交易额的万分之六、借记卡交易额的万分之三按月结算。",
                 "4.1 甲方按乙方推荐商户每月贷记卡交易额的万分之五向乙方支付推广服务费。"):
        assert not fees_of(text), text
    assert "fee.rate_bait" in flagged("新商户贷记卡万分之三十五，终身不涨。")


def test_an_agreement_with_a_promotion_partner_holds_and_fines_the_agent_not_merchants() -> None:
    head = ("收单业务推广合作协议\n甲方：南京通汇联创信息服务有限公司\n乙方（推广合作方）：张三\n"
            "5.1 乙方违反本协议的，甲方有权停止支付未结算的推广服务费，"
            "并要求乙方按每一商户人民币2000元向甲方支付违约金。\n"
            "3.3 商户激活后申请注销的，已扣收的系统服务费不予退还。\n")
    found = flagged(head, kind="pdf")
    assert "terms.penalty" not in found and "terms.fund_hold" not in found
    assert "terms.non_refundable" in found  # what the merchant is told still counts
    merchant = head.replace("收单业务推广合作协议", "特约商户服务协议")
    merchant = merchant.replace("乙方（推广合作方）：张三", "乙方（商户）：张三水果店")
    assert "terms.penalty" in flagged(merchant, kind="pdf")


def test_honest_agents_words_are_no_practice() -> None:
    assert "promo.cash_out" not in flagged('三、不碰任何"选行业""养卡提额"的单子。')
    assert "promo.cash_out" not in flagged("对交易异常、疑似套现或被投诉的账户，平台有权冻结钱包余额。")
    assert "site.sensitive_data" not in flagged("我们上门拍照采集，不需要您提供任何密码或验证码。", kind="html")
    assert "site.sensitive_data" in flagged("您不用担心，等下把手机收到的验证码发我就行。")
    assert not fees_of("2019年我刚入行的时候，整个市场都是押金机。商户开机刷第一笔，系统扣99、199、299。")
    assert not fees_of("一个烧烤店老板说他之前那台机（不是我们的）第一笔被扣了299，说是服务费，刷满才退。")
    ours = "我们这台机器第一笔扣299，说是服务费，刷满才退。"
    assert [(f.kind, f.amount) for f in fees_of(ours)] == [("deposit", 299.0)]
