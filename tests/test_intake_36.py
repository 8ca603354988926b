"""Held-out set 36 (a representative monthly batch): each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_consumer_bodys_report_on_complaints_is_no_complaint() -> None:
    report = ("临江市消保委发布2025年上半年POS机收单服务投诉分析及消费提示\n"
              "二、费率被擅自上调（占23%）。典型情形是办理时承诺贷记卡费率0.38%，一至三个月后被调至0.6%以上。\n"
              "五、资金先进平台钱包、提现困难（占7%）。")
    assert not {"fee.rate_bait", "fee.withdrawal", "clearing.second_clearing"} & flagged(report)
    mine = "投诉：我的POS机费率被擅自上调\n办的时候说好0.55%，我上个月发现变成了0.72%，我没收到任何通知。"
    assert "fee.rate_bait" in flagged(mine)


def test_a_merchants_demand_to_leave_free_is_no_notice_term() -> None:
    story = ("投诉：金瑞刷乱收费\n我8月对账发现信用卡手续费从0.55%变成了0.72%，没有任何通知。\n"
             "希望平台帮忙协调：费率恢复到0.55%，或者让我免费解约。")
    assert "fee.rate_bait" in flagged(story)
    notice = "调价公告\n信用卡手续费将从0.55%调整为0.6%，自公告之日起30日后生效，商户不同意的可免费解约。"
    assert "fee.rate_bait" not in flagged(notice)


def test_a_sum_taken_once_then_said_to_be_a_fee_is_that_fee() -> None:
    story = "投诉：乱扣费\n然后是流量费。4月扣了一次99，说是一年的流量费，我认了。"
    assert [(f.kind, f.amount) for f in fees_of(story)] == [("data", 99.0)]
    counted = "投诉：乱扣费\n4月扣了一次，说是流量费，金额记不清了。"
    assert [f for f in fees_of(counted) if f.kind == "data" and f.amount] == []


def test_an_annual_review_or_a_refund_with_a_stop_is_a_fake_service() -> None:
    script = ("【外呼话术】机具年审\n“您好，我这边是通联支付商户服务中心的。”\n"
              "“系统显示您的终端今年还没有做年度审核，本月25号之前没有完成年审的机器会被暂停收款。”")
    assert "promo.fake_service" in flagged(script)
    honest = "年审说明\n我们不会暂停您的收款，终端年审由收单机构在线完成，无需您提供任何信息。"
    assert "promo.fake_service" not in flagged(honest)


def test_an_overcharge_promised_back_to_the_merchant_is_the_lure_not_a_fee() -> None:
    script = ("“另外您这两年一共被多扣了156元流量费，年审通过以后可以一起退给您。”\n"
              "“稍后您会收到一条六位数验证码，您念给我就行。”")
    assert [f for f in fees_of(script) if f.kind == "data"] == []
    charged = "收费标准\n流量费每年156元，从结算款中扣收。"
    assert [f.kind for f in fees_of(charged)] == ["data"]


def test_a_guests_deposit_held_by_pre_authorisation_is_no_merchants_fee() -> None:
    article = ("公众号：民宿经营笔记\n标题：客人押金怎么收才不扯皮？用POS机“预授权”，比收现金省心\n"
               "原创 小满 2025-04-02\n后来我们前台改用刷卡机的“预授权”功能收押金。\n"
               "1. 入住时：按房型冻结押金，普通间300元，套房500元。")
    assert fees_of(article) == []
    assert "fee.deposit" in flagged("电签POS办理\n首刷冻结押金299元，刷满5万退还。")


def test_a_terminals_rent_and_a_shortfall_below_a_sum_in_rmb() -> None:
    lease = ("设备租赁协议\n3.1 租金为每月人民币贰拾玖元整（29元/月）。\n"
             "3.3 乙方当月刷卡交易金额低于人民币贰万元的，另按每月叁拾元支付设备闲置费。")
    read = [(f.kind, f.amount, f.unit) for f in fees_of(lease)]
    assert ("recurring", 29.0, "元/月") in read
    assert all(amount != 20000.0 for _, amount, _ in read)  # the shortfall's figure is no fee


def test_a_shortfall_below_a_figure_that_costs_a_fee_is_a_penalty() -> None:
    chat = ("2025-05-06 19:33  POS机-小孟：\n机器激活后头三个月要有点交易量，三个月累计不到10万的话，"
            "系统会扣200块考核费，这个是公司规定")
    assert "terms.penalty" in flagged(chat)
    assert "terms.penalty" not in flagged("常见问题\n钱不到账还扣了手续费怎么办？请联系客服查询。")


def test_a_complaints_funds_frozen_for_weeks_is_a_hold_a_promise_not_to_freeze_is_not() -> None:
    story = ("聚财收APP钱包余额1.86万被冻结四十天，提现还要每笔扣3元\n"
             "钱包里的18600多块钱突然显示“风控冻结”，客服一概回答“请耐心等待”。我要投诉。")
    assert "terms.fund_hold" in flagged(story)
    faq = "常见问题\n我们不会因为您投诉就让您的资金被冻结。"
    assert "terms.fund_hold" not in flagged(faq)
