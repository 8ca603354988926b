"""Held-out set 34 (the fine print and the layout: chats, forum threads, SMS exports, Q&A pages): each sign is
read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged, shared_engine
from poscheck.pipeline import check_text


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


def rules_of(text: str) -> set[str]:
    """The rules that fired on `text` (not only their categories), notes left out."""
    return {f.rule for f in check_text(shared_engine(), text).findings if f.severity != "info"}


# What set 34 left, mended by mechanism in the session after (each with its look-alike).

def test_an_exclusion_of_any_compensation_is_one_but_calling_someone_irresponsible_is_not() -> None:
    clause = ("8.1 因电信、网络、第三方服务商原因、政策变化或任何其他原因导致的资金延迟到账、交易失败或资金损失，"
              "本公司均不负任何赔偿责任。")
    assert "terms.liability_exclusion" in flagged(clause)
    assert "terms.liability_exclusion" not in flagged("那个业务员很不负责任，机器坏了一个月都没人来修。")


def test_any_merchant_you_like_is_merchant_selection_any_model_you_like_is_not() -> None:
    assert "clearing.mcc_jumping" in flagged("✔ 商户任你挑：餐饮、百货、酒店随时切，刷之前在APP里点一下就行")
    assert "clearing.mcc_jumping" not in flagged("机型任你挑，传统大POS、电签、码牌都有，商户类型按营业执照如实登记。")


def test_a_practice_rejected_after_it_is_named_is_advice() -> None:
    advice = "补充几条：\n3、到账必须是收单机构打到你自己卡上，进APP钱包再提现的不要；\n"
    assert "clearing.second_clearing" not in flagged(advice)
    # 不要紧 rejects nothing
    assert "clearing.second_clearing" in flagged("资金先进APP钱包的不要紧，随时可以提现，每笔提现2元。")


def test_a_period_fee_after_a_quoted_plan_is_the_plans_membership() -> None:
    faq = "想要更低的话可以在APP里开通“黄金会员”，年费298元，开通后信用卡费率降到0.50%。"
    assert [(f.kind, f.amount) for f in fees_of(faq) if f.unit == "元/年"] == [("membership", 298.0)]
    assert "fee.recurring" not in flagged(faq)


def test_a_service_fee_that_covers_stolen_funds_is_insurance_one_for_upkeep_is_not() -> None:
    answer = ("常见问题\n为什么到账比算的少几毛钱？\n"
              "这是“账户守护”服务费，按每笔交易金额的0.05%收取，用于资金被盗刷时的赔付保障，新开户商户默认开启。")
    assert "fee.insurance" in flagged(answer)
    upkeep = "常见问题\n技术服务费每年99元，用于系统维护和客服保障。"
    assert [f.kind for f in fees_of(upkeep)] == ["recurring"]


def test_a_free_application_while_the_first_swipe_takes_a_deposit_is_bait() -> None:
    page = ("拉卡拉电签 免费申领 · 顺丰包邮\n开通说明：首次刷卡交易时，系统将冻结199元作为机具押金，"
            "90天内累计刷卡满8万元原路返还。")
    assert "promo.free_bait" in flagged(page)
    assert "promo.free_bait" not in flagged("电签POS 免费申领，全国包邮。\n押金 | 不收取 |\n流量费 | 36元/年 |")


def test_the_other_sides_chat_message_states_a_term_the_writers_does_not() -> None:
    chat = ("微信聊天记录导出\n"
            "2024-08-12 10:09:14 POS小王:\n就是激活的时候系统会自动扣一个199的服务费，扣了之后不退的，其他就没了\n"
            "2024-08-20 09:02:11 我:\n这个服务费我能不能退了，机器我不想用了，我被坑了\n")
    assert "terms.non_refundable" in flagged(chat)
    mine = ("微信聊天记录导出\n"
            "2024-08-12 10:09:14 POS小王:\n激活时扣一个199的服务费，刷满5万全退\n"
            "2024-08-20 09:02:11 我:\n我刷满了5万，可你们到现在都不退，我被坑了，我要投诉\n")
    assert "terms.non_refundable" not in flagged(mine)


def test_a_question_pages_answers_are_no_story_of_the_askers() -> None:
    story = ("费率没打招呼就变了，正常吗？ - 小店问答\n提问者：做窗帘的阿华\n"
             "我开窗帘店的，当时说好信用卡0.55%。我上个月对账发现每笔都扣多了，我没收到过任何通知。\n"
             "5个回答\n最佳答案 支付老兵\n看看协议里有没有调价要提前通知的条款。")
    assert [f.amount for f in fees_of(story) if f.kind == "rate"] == [0.55]
    plan = ("办POS机都要先交押金吗？ - 商家问答\n准备开个小面馆，想装台POS机。这种押金是正常的吗？\n"
            "提问者：面馆小白 · 2 个回答\n陈立（服务商）\n我在这行做了八年，我是服务商，我说的你打个折听。"
            "我们这边的做法是：信用卡0.6%，借记卡0.5%封顶20。")
    assert fees_of(plan) == []


def test_a_later_cell_of_a_row_says_when_its_fee_is_taken_and_a_shortfall_is_a_threshold() -> None:
    table = ("项目 | 内容 | 费用 | 备注 |\n"
             "sim通讯费 | 4g物联网卡 | 30元 | — | 激活满90天起每季度扣收 |\n"
             "月度考核 | 月交易额 | 50元/月 | 否 | 连续2个自然月交易额不足5000元的,自第三个月起每月扣收 |\n")
    assert [(f.kind, f.amount, f.unit) for f in fees_of(table) if f.kind == "data"] == [("data", 30.0, "元/季度")]
    assert {"fee.data", "terms.penalty"} <= flagged(table)
    honest = "项目 | 说明 |\n流量费 | 36元/年 | 交易额不足5000元的月份不扣 |\n"
    assert [(f.amount, f.unit) for f in fees_of(honest)] == [(36.0, "元/年")]
    assert "terms.penalty" not in flagged(honest)


# …and what set 33 left (the same session).

def test_a_lent_device_priced_at_zero_beside_its_yearly_fee_is_no_bait_a_deposit_still_makes_it_one() -> None:
    table = ("项目 | 标准 | 说明 |\n智能POS机具 | 0元 | 免费提供，所有权归服务商 |\n押金/激活费 | 无 | |\n"
             "系统服务年费 | 120元/年 | 每年激活日从结算资金中扣取 |\n")
    assert "promo.free_bait" not in flagged(table)
    deposit = ("项目 | 标准 | 说明 |\n智能POS机具 | 0元 | 免费提供，所有权归服务商 |\n"
               "激活押金 | 299元 | 首笔交易时扣除，90天刷满8万元退还 |\n")
    assert "promo.free_bait" in flagged(deposit)


def test_no_deposit_for_another_product_the_reader_may_pick_is_no_promise_about_this_one() -> None:
    page = ("机具押金 | 500元/台 | 见下方押金说明\n"
            "如果您的店比较小，不想交押金，可以选电签POS（免押金，不收服务费），费率完全一样。")
    assert "fee.deposit" in flagged(page)  # the big terminal's deposit
    assert "promo.free_bait" not in flagged(page) and "contradictions.deposit" not in rules_of(page)
    promise = "本店电签POS免押金，包邮到家。\n激活说明：首刷扣除押金299元，刷满5万退还。"
    assert "promo.free_bait" in flagged(promise) and "contradictions.deposit" in rules_of(promise)


def test_a_how_to_guide_offers_nothing_to_check_a_licence_for() -> None:
    guide = ("每月花10分钟：手把手教你核对签购单、刷卡账单和到账记录\n"
             "开店的朋友都知道要对账。POS收款有三样东西要放在一起看：签购单、银行卡账单、到账记录。\n"
             "第一步：用你自己的信用卡，在店里的POS上刷一笔1000元，保留签购单。\n"
             "第二步：按合同里信用卡0.6%的费率，到账应该是994元；算出来的费率比合同高，可能被多收了别的费用。")
    assert "licence.not_found" not in flagged(guide)


def test_a_service_fee_taken_on_the_first_swipe_is_an_activation_fee() -> None:
    faq = ("常见问题\n不是押金，是机具服务费。第一笔刷卡时会从到账金额里先扣299元服务费，"
           "90天内累计刷卡满8万元返还。")
    assert [(f.kind, f.amount) for f in fees_of(faq)] == [("deposit", 299.0)]
    yearly = "常见问题\n开通后第一年免服务费，之后服务费每年99元。"
    assert [f.kind for f in fees_of(yearly)] != ["deposit"]


def test_a_terminal_without_wifi_makes_its_data_card_fee_mandatory() -> None:
    faq = ("常见问题\n5. 流量卡要钱吗？\n第一年免费，从第13个月开始每年从结算款里扣一次流量费69元。\n"
           "6. 能用自己的WiFi吗？\n这款电签机不带WiFi模块，只能用自带的流量卡。")
    assert [f.optional for f in fees_of(faq) if f.kind == "data"] == [False]
    assert "fee.data" in flagged(faq)
    wifi = ("常见问题\n5. 流量卡要钱吗？\n第一年免费，从第13个月开始每年从结算款里扣一次流量费69元。\n"
            "6. 能用自己的WiFi吗？\n可以，连上WiFi后可申请停用流量卡。")
    assert "fee.data" not in flagged(wifi)


def test_a_section_headed_by_a_fees_bare_noun_prices_that_fee_on_its_next_line() -> None:
    sheet = ("【电签费率表】\n◆ 机具\n机具0元，包邮\n\n◆ 流量\n第一年送，第二年起９９元／年，开机自动扣，不能关\n\n"
             "◆ 注意\n有问题找客服")
    assert [(f.kind, f.amount, f.unit) for f in fees_of(sheet) if f.kind == "data"] == [("data", 99.0, "元/年")]
    # the noun in running text, or a heading whose next line names a fee of its own, is no such section
    prose = "【电签费率表】\n机器里的流量够用，不用另外充值。\n◆ 流量\n短信费每月2元"
    assert [f.kind for f in fees_of(prose)] == ["recurring"]


def test_an_unticked_box_beside_a_bare_noun_is_no_section() -> None:
    form = "开通项目（勾选）\n□ 流量\n第二年起99元/年"
    assert [f for f in fees_of(form) if f.kind == "data"] == []
