"""Held-out set 34 (the fine print and the layout: chats, forum threads, SMS exports, Q&A pages): each sign is
read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_sum_deducted_with_a_measure_word_is_the_fee_named_after_it() -> None:
    chat = "押金没有的哈。就是激活的时候系统会自动扣一个199的服务费，这个是机器的成本，扣了之后不退的。"
    assert "fee.deposit" in flagged(chat)
    assert [(f.kind, f.amount) for f in fees_of(chat) if f.kind == "deposit"] == [("deposit", 199.0)]
    # a price of a plan, not a sum taken
    plan = "我们有一个199的套餐，含流量和售后，您可以自己选。"
    assert [f for f in fees_of(plan) if f.kind == "deposit"] == []


def test_one_sum_of_a_short_payout_named_by_the_agent_is_that_fee() -> None:
    post = ("回来第一次刷了一千块，第二天卡里只到了695块，少了三百多。打电话问那个业务员，他说里面299是押金，"
            "“三个月刷满15万就退给你”。到现在也没退。")
    assert "fee.deposit" in flagged(post)
    assert [f.amount for f in fees_of(post) if f.kind == "deposit"] == [299.0]


def test_hiding_a_picked_merchant_from_the_bank_is_jumping_not_cash_out() -> None:
    pitch = "我们这个APP里可以自己挑商户，你刷之前选个酒店类或者商场类的，信用卡积分高，银行那边看不出来的。"
    found = flagged(pitch)
    assert "clearing.mcc_jumping" in found
    assert "promo.cash_out" not in found
    cash_out = "我们的机器可以帮您把信用卡额度变现，银行那边看不出来的，当天到账。"
    assert "promo.cash_out" in flagged(cash_out)


def test_an_institutions_own_warning_in_an_sms_export_does_not_make_the_export_a_warning() -> None:
    export = ("短信备份导出\n"
              "[收到] 10690571388 | 2025-03-26 10:14\n"
              "【银联商户服务中心】尊敬的商户：您名下POS终端入网备案将于3月31日到期，到期后系统将自动停止该终端收款。"
              "总部现为老商户免费更换新一代电签终端，手续费更低。继续使用请回复1。\n"
              "[收到] 95534 | 2025-03-27 09:00\n"
              "【银联商务】尊敬的商户，近期有不法分子冒充我司发送“终端停用、免费换机”短信，我司从未发送此类通知，"
              "请勿回复验证码，谨防诈骗。\n")
    assert "promo.fake_service" in flagged(export)
    # the same words in a warning page's own voice stay a warning
    warning = ("【防骗提醒】谨防“备案到期、免费换机”诈骗\n"
               "近期有不法分子冒充银联发送短信，称POS终端入网备案到期后将停止收款，"
               "总部为老商户免费更换新一代电签终端。请勿回复验证码，切勿相信，谨防诈骗。\n")
    assert "promo.fake_service" not in flagged(warning)


def test_a_question_pages_asker_telling_what_happened_reports_it() -> None:
    page = ("POS机上个月被停用了吗？ - 小店问答\n提问者：做窗帘的阿华 2025-02-19\n"
            "我开窗帘店的，前年办的一台POS机。前天有人打电话给我，说是“拉卡拉总部客服”，说我这台机器下个月就停用了，"
            "要给我免费换一台新的，费率更低。我觉得不对劲就挂了。我该怎么办？\n")
    assert "promo.fake_service" in flagged(page)
    # a question about the practice, with no story of the asker's own, reports nothing
    asked = ("POS机备案到期会被停用吗？ - 小店问答\n提问者：匿名用户 2025-02-19\n"
             "听说有电话说机器下个月停用，要免费换新机，这种是真的吗？\n")
    assert "promo.fake_service" not in flagged(asked)
