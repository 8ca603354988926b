"""Leftovers of sets 55–58 read by mechanism, and held-out sets 59–61 (apps and their small print; notices and
what others report; door-to-door sales): what their misses taught, in sentences of our own."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_bare_promised_rate_against_the_rate_charged_with_a_raise_told() -> None:
    story = "去年办的POS机，当时业务员说好的0.6，结果这几个月每刷一万都扣了72块，客服说费率上调了，我根本不知道。"
    assert "fee.rate_bait" in flagged(story)
    assert "fee.rate_bait" in flagged("業務員說好嘅0.6，點知而家每刷一萬扣咗72蚊，問佢就話系統調整咗費率。")
    # (the rate charged told as how it is taken: 都按0.72扣)
    assert "fee.rate_bait" in flagged("信用卡说好的0.6，现在都按0.72扣，客服说是调整了。")
    # …a payout speed and a discount are no rates, and the same rate kept is no raise
    assert not [f for f in fees_of("说好的0.6秒到，结果到账要等一天。") if f.kind == "rate"]
    assert not [f for f in fees_of("国庆期间全场商品按0.6折促销，欢迎到店选购。") if f.kind == "rate"]
    assert "fee.rate_bait" not in flagged("合同上说好的0.6，一直都按0.6扣，没有调整过，挺放心的。")


def test_a_rate_named_by_how_it_is_charged_keeps_a_named_channel() -> None:
    text = "信用卡费率0.6%，储蓄卡按0.5%收取，单笔封顶20元。"
    fees = {(f.channel, f.amount) for f in fees_of(text) if f.kind == "rate"}
    assert ("debit", 0.5) in fees and ("credit", 0.6) in fees


def test_a_shown_name_the_writer_says_is_not_theirs() -> None:
    told = "我开了个小饭馆，用的是业务员推销的POS机。后来才发现顾客账单上的商户名不是我的店名。"
    assert "clearing.mcc_jumping" in flagged(told)
    assert "clearing.mcc_jumping" in flagged("用的是业务员推销的POS机，顾客账单上显示的商户名称跟我的店名对不上。")
    assert "clearing.mcc_jumping" in flagged("我开水果店的，刷卡小票上印的是某某珠宝金店。")
    heard = "我开水果店的，有老顾客说刷完卡账单上显示的是一家KTV，问我是不是开了分店。"
    assert "clearing.mcc_jumping" in flagged(heard)
    # …a case told to the reader, the writer's own name shown, and a name that was corrected are not
    assert "clearing.mcc_jumping" not in flagged("签购单上的商户名称如果不是您的店名，请立即联系收单机构。")
    assert "clearing.mcc_jumping" not in flagged("我们的POS机签购单上显示的就是我家的店名，不是别人的。")
    assert "clearing.mcc_jumping" not in flagged("我开始用的时候，小票上印的是某某超市，后来改过来了。")


def test_a_first_line_that_is_a_paragraph_is_no_guides_title() -> None:
    # (its 怎么 is a customer's question inside the story, not a how-to title)
    post = ("我开了个小饭馆，用的是业务员推销的POS机。上周有顾客拿着信用卡账单来问我说“你家怎么叫鑫悦足浴养生馆”？？"
            "我才知道刷卡显示的根本不是我的店名。")
    assert "clearing.mcc_jumping" in flagged(post)
    guide = "POS机商户名称不对怎么办？\n如果签购单上显示的不是你的店名，可能是被跳码了，请联系收单机构核实。"
    assert "clearing.mcc_jumping" not in flagged(guide)


def test_a_caller_who_says_who_they_are_and_pushes_a_free_swap() -> None:
    story = ("家里的小卖部用了好多年POS机。上个礼拜有个男人打电话来，说自己是银联客服，"
             "说我们的旧机要停用，免费帮我们换新机。"
             "新机寄到之后，第一次刷卡就扣了299元，说是押金，刷够5万才退。")
    assert {"promo.fake_service", "promo.free_bait", "fee.deposit"} <= flagged(story)
    canto = ("屋企間士多用咗好多年POS機。上個禮拜有個男人打電話嚟，話自己係銀聯客服，"
             "話我哋部舊機要停用，免費幫我哋換部新機。"
             "部新機寄到之後，第一次碌卡就扣咗299蚊，話係押金。")
    assert {"promo.fake_service", "promo.free_bait"} <= flagged(canto)
    # …a warning that describes the call, and the real service saying nothing stops, are not
    warning = "如果有人打电话说自己是银联客服，说您的旧机要停用，免费帮您换新机，千万不要相信，这是骗局。"
    assert "promo.fake_service" not in flagged(warning)
    real = "我打电话给拉卡拉客服，客服说自己是官方客服，旧机不会停用，不用换新机，让我放心。"
    assert "promo.fake_service" not in flagged(real)


def test_a_sum_withdrawn_is_no_withdrawal_fee_and_a_withdrawal_shown_in_review_is_held() -> None:
    assert not [f for f in fees_of("11月24日我提现12000元，到现在还没到账。") if f.kind == "withdrawal"]
    assert not [f for f in fees_of("12000元提现半个月还在审核，客服也不给个说法。") if f.kind == "withdrawal"]
    assert [f.amount for f in fees_of("每次提现扣2元。") if f.kind == "withdrawal"] == [2.0]
    held = ('11月24日我提现12000元，到现在一直显示"风控审核中"。'
            '客服只说"系统审核，请耐心等待"，问要审到什么时候，都不说。')
    assert "terms.fund_hold" in flagged(held)
    assert "terms.fund_hold" in flagged("平台有权对存在异常特征的账户暂缓处理提现申请，审核时限视风控核查情况确定。")


def test_a_complaint_sites_name_is_no_customer_deposit() -> None:
    page = ("说好的免费送POS机，第一笔刷卡就扣了299_消费者投诉网\n消费者投诉网 让每一次投诉都有回音\n"
            '业务员说是"公司活动，机器免费送，不要一分钱"，我就办了。打电话问，说299是"机具服务费"，90天内刷满5万才返还。')
    assert {"fee.deposit", "promo.free_bait"} <= flagged(page, kind="html")
    assert "fee.deposit" not in flagged("酒店向消费者收取的房费押金，可以用POS机预授权完成。")


def test_changes_told_in_a_notice_and_a_table() -> None:
    deemed = "商户实际执行费率以本站最新公告为准，商户在调整后继续使用机具交易的，视为认可新的收费标准。"
    assert "terms.unilateral_change" in flagged(deemed)
    table = "项目 | 原标准 | 新标准\n贷记卡 | 0.58% | 0.78%\n执行时间 | — | 本函发出之日起\n"
    assert "fee.rate_bait" in flagged(table)
    fair = ("项目 | 调整前 | 调整后\n贷记卡（境内） | 0.55% | 0.60%\n三、生效时间\n"
            "新费率自2025年12月5日起执行，距本公告发布满30日。\n"
            "四、如您不接受本次调整，可在生效日前申请终止受理协议，我司不收取任何解约费用。\n")
    assert "fee.rate_bait" not in flagged(fair)
    assert "fee.rate_bait" in flagged("信用卡费率由0.55%调整为0.68%，已于11月1日公告。")
    revised = ("4.1 乙方调整收费标准的，应至少提前30日公告并以短信逐户通知甲方。"
               "甲方不同意的，可申请终止本协议，不收取任何费用。\n"
               "附件三 本次修订说明\n（1）贷记卡费率由0.55%调整为0.60%，已于2025年11月14日公告、11月15日短信通知。")
    assert "fee.rate_bait" not in flagged(revised)
    reserved = "我司保留根据运营情况对升级内容及服务标准进行调整的权利，调整内容将在本网站公布。"
    assert "terms.unilateral_change" in flagged(reserved)


def test_a_swap_price_a_service_priced_by_the_month_and_a_share_of_something_else() -> None:
    assert "fee.deposit" in flagged("换新需缴纳升级服务费128元（现场扫码支付），缴费后当场领取新机。")
    assert "fee.deposit" not in flagged("本次固件升级免费，不收取任何升级费、换机费。")
    row = "3 | 终端安全守护 | 实时监测机具异常移机、异常交易。服务标准：9.9元/台/月 |"
    assert [(f.kind, f.amount) for f in fees_of(row)] == [("recurring", 9.9)]
    assert not [f for f in fees_of("升级后非接闪付响应时间缩短约30%。") if f.kind == "rate"]


def test_a_date_is_no_refund_targets_days_and_a_sum_each_time_after_how_often() -> None:
    notice = "【通知】11月15日起新激活的机器，首笔交易扣１９９元服务费，90天内累计刷满６万全额返还。"
    assert [(f.kind, f.amount) for f in fees_of(notice)] == [("deposit", 199.0)]
    chat = "我那台更离谱，流量费一年扣了三次，3月、7月、11月，每次69，办的时候说一年只收一次"
    assert "fee.data" in flagged(chat)
    assert "fee.data" not in flagged("流量费一年扣一次，去年12月扣了36，今年还没到时间。")


def test_card_history_built_on_the_terminal_and_a_party_that_pays_out_of_its_own_accounts() -> None:
    pitch = "信用卡额度老是上不去？用我们这个机子做账单，三个月提额不是梦，卡里没钱也能帮你周转还款。"
    assert "promo.cash_out" in flagged(pitch)
    assert "promo.cash_out" not in flagged("月底前请把对账单做好，核对每一笔刷卡交易。")
    clause = ("乙方：重庆某某科技有限公司\n第二条 待结算资金：截至终止日甲方在乙方平台的待结算资金，"
              "由乙方在完成核查后，"
              "通过乙方对公账户或乙方指定的财务人员个人账户分批支付至甲方。")
    assert "clearing.second_clearing" in flagged(clause)
