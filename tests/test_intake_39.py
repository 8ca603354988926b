"""Held-out sets 38 (the offer's numbers) and 39 (after signing): each sign is read, and its honest look-alike is left
alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_surcharge_said_not_to_be_taken_is_no_fee() -> None:
    assert "fee.instant_settlement" not in flagged("★ 信用卡费率0.6%，秒到不加价，不收3元")
    assert "fee.instant_settlement" not in flagged("秒到账不加价不加3块")
    assert "fee.instant_settlement" in flagged("秒到每笔加收3元")


def test_a_spoken_sum_named_as_a_deposit_after_it_is_read() -> None:
    story = ("机器到了以后客服远程教我开机，第一笔刷了1000块，\n结果到账只有701块。问客服，说扣了二百九十九是押\n"
             "金，三个月内刷满十五万就退。我开个社区小超市。\n这还没完，上礼拜结算又少了六十九，客服说是流量费\n"
             "，一年一次，开通满两个月收。")  # an OCR'd screenshot's lines, wrapped at its width
    fees = {(f.kind, f.amount, f.period) for f in fees_of(story, kind="image")}
    assert ("deposit", 299.0, "once") in fees
    assert ("data", 69.0, "year") in fees  # (the line that opens on a comma goes on the one before)
    assert not fees_of("客服说扣了二百九十九是误操作，已经原路退回了。")


def test_a_vague_sum_is_no_figure() -> None:
    story = "当时说的很清楚费率0.55，每年流量费一次，具体多少他说“几十块钱不多”。"
    assert all(f.kind != "data" for f in fees_of(story))
    assert [(f.kind, f.amount) for f in fees_of("每年流量费一次，三十块钱不多。")] == [("data", 30.0)]


def test_a_fees_period_told_in_the_next_sentence_is_its_period() -> None:
    post = ("才发现结算卡上隔几个月就有一笔扣款，摘要写的“终端通讯服务费”，金额贰拾玖元。\n"
            "我数了一下：24年10月一笔、25年1月一笔、25年4月一笔，正好三个月一次。")
    assert [(f.kind, f.amount, f.period) for f in fees_of(post)] == [("data", 29.0, "quarter")]
    assert "fee.data" in flagged(post)
    other = "摘要写的“终端通讯服务费”，金额贰拾玖元。\n另外押金按月返还，正好三个月一次。"
    assert [f.period for f in fees_of(other) if f.kind == "data"] == [None]  # another fee named first


def test_a_quoted_fee_name_takes_the_spoken_sum_after_its_quote() -> None:
    post = "还有一笔更奇怪，25年3月有个“服务年费”九十九，我办的时候业务员一个字都没提过年费。"
    assert [(f.kind, f.amount) for f in fees_of(post)] == [("recurring", 99.0)]


def test_a_page_headed_as_a_brands_service_centre_offering_a_refund_is_a_fake_service() -> None:
    page = ("拉卡拉官方客服中心\n关于退还多扣流量费的通知\n尊敬的商户：经总部系统核查，部分商户终端存在流量费重复扣收的"
            "情况。拉卡拉官方现统一为受影响商户办理退还，退款将原路返还至您的结算卡。\n"
            "请于收到短信后24小时内完成登记，逾期视为放弃。\n"
            "退还金额以系统核查为准，一般1-3个工作日到账。")
    found = flagged(page, url="http://www.lkl-kefu-tuikuan.com/", kind="html")
    assert "promo.fake_service" in found
    assert "fee.undisclosed" not in found  # a refund's amount left to be checked is no fee left open
    notice = ("拉卡拉客服中心\n关于流量费的说明\n流量费每年36元，可在APP中关闭。如对扣费有疑问，请拨打95016。")
    assert "promo.fake_service" not in flagged(notice, url="https://www.lakala.com/notice.html", kind="html")


def test_a_power_to_freeze_the_merchants_funds_named_first_is_a_fund_hold() -> None:
    clause = "3.1 甲方认为乙方交易存在异常的，有权对乙方结算资金采取冻结措施，冻结期限及解冻条件由甲方视核查情况确定。"
    assert "terms.fund_hold" in flagged(clause)
    limited = "3.1 对有争议的单笔交易，甲方有权对该笔交易款项采取冻结措施，冻结期限不超过30日，核实无误后立即解冻。"
    assert "terms.fund_hold" not in flagged(limited)


def test_a_fee_tables_zero_row_does_not_contradict_its_promise() -> None:
    page = ("星POS电签机 免流量费 无年费\n商户终身免流量费。\n收费项目（全部）\n信用卡刷卡 | 0.60% |\n"
            "流量费 | 0元（服务商承担） |\n")
    assert "fee.data" not in flagged(page)
    charged = page.replace("0元（服务商承担）", "48元/年（第二年起）")
    assert "fee.data" in flagged(charged)


def test_pages_that_sell_no_terminal_need_no_acquirer() -> None:
    job = ("商户拓展专员（POS收款方向）4500-9000元\n职位描述\n"
           "1. 负责商圈的线下商户拓展，向门店介绍公司的收款产品（扫码牌、电签POS），讲解费率和使用方法。\n"
           "任职要求\n1. 大专及以上学历，有地推经验者优先。\n湖南麓通商务服务有限公司 湘ICP备2021009274号-1")
    assert "licence.not_found" not in flagged(job)
    asked = ("新开奶茶店，刷卡的机器怎么选\n刷短视频看到好多“0元领POS机”“费率0.38永久不变”，"
             "也有人私信我说可以免费给我寄一台。0元领的机器后面会不会要交钱？")
    assert "licence.not_found" not in flagged(asked)
    article = ("POS机的“活动价”，活动完了是多少？教你三分钟算明白\n公众号：小微商家记账本\n"
               "信用卡刷卡长期0.38%：大概率是跳了码。扫码0.38%是正常公开价。储蓄卡0.5%封顶20元也是常见报价。")
    assert "licence.not_found" not in flagged(article)
    sells = "电签POS免费办理，信用卡0.6%，T+1到账，有需要的老板私信我，包邮到家。"
    assert "licence.not_found" in flagged(sells)


def test_a_stop_of_settlement_with_a_deadline_is_a_fake_services_threat() -> None:
    sms = ("短信导出\n2025-03-06 10:12 106980095516:\n【银联商务】尊敬的商户：根据央行2025年收单终端年审要求，"
           "您名下POS终端尚未完成本年度年审，将于03月09日24时起暂停结算。请添加年审专员企业微信办理。")
    assert "promo.fake_service" in flagged(sms)
    assert "terms.fund_hold" not in flagged(sms)  # the lure's threat, not a term of an agreement
    notice = "【银联商务】尊敬的商户：您的终端已完成年审，结算正常，无需任何操作。"
    assert "promo.fake_service" not in flagged(notice)


def test_a_caller_who_claimed_an_office_and_threatened_a_stop_is_a_fake_service() -> None:
    call = ("通话录音文字整理\n对方：自称\"海科融通商户清理整顿办公室\"，女声\n"
            "对方：系统筛查出来您的终端在这次的清退名单里面。清退以后呢这台机器就会停止结算，资金要冻结九十天。\n"
            "对方：我们这边可以帮您做一个\"迁移保留\"，只需要您配合做一个身份核验。")
    assert "promo.fake_service" in flagged(call)


def test_a_rate_cut_form_posing_as_the_acquirer_that_asks_for_secrets_is_a_fake_service() -> None:
    page = ("银联商务官方商户服务中心-费率下调申请\n"
            "签约费率0.6%及以上的存量商户可在线申请下调至0.52%，逾期视为自动放弃。\n"
            "银行卡取款密码\n短信验证码\n立即申请下调费率")
    assert "promo.fake_service" in flagged(page, url="http://ums-feilv.cn/", kind="html")
    honest = ("银联商务官方商户服务中心-费率调整公告\n"
              "自2025年10月1日起，小微商户借记卡费率下调至0.5%，无需申请，系统自动调整。")
    assert "promo.fake_service" not in flagged(honest, url="http://ums-feilv.cn/", kind="html")


def test_an_agent_selling_the_name_on_the_cardholders_bill_sells_merchant_selection() -> None:
    chat = ("2025-10-02 19:46 小杨-星驿付电签：\n刷卡0.6，扫码0.38。跟您说个我们这款的好处，商户可以自己选的，"
            "您想让顾客账单上显示什么店都行，想积分高就选酒店。")
    assert "clearing.mcc_jumping" in flagged(chat)
    honest = "2025-10-02 19:46 小杨-星驿付电签：\n商户可以自己选择结算周期，T+1或D0都行，商户名称按营业执照登记。"
    assert "clearing.mcc_jumping" not in flagged(honest)
    guide = ("一文看懂MCC、一机一码和\"自选商户\"的坑\n有的业务员会说“APP里可以选商户”“想显示哪家就选哪家”，"
             "这些都是在卖跳码，要小心。")
    assert "clearing.mcc_jumping" not in flagged(guide)


def test_a_lure_saying_a_deposit_may_be_refunded_takes_no_deposit() -> None:
    sms = ("【银联中心】尊敬的商户：经核查，您在办理POS机时缴纳的298元押金符合全额退还条件，退还通道将于10月12日关闭。"
           "请尽快点击链接登记退款，逾期视为自愿放弃。")
    assert "fee.deposit" not in flagged(sms)
    assert "promo.fake_service" in flagged(sms)


def test_an_faqs_answer_refusing_the_money_of_the_answer_before_is_non_refundable() -> None:
    faq = ("Q：真的一分钱不要吗？\nA：机器激活的时候系统会收一笔开通服务费199元，"
           "激活后180天内累计刷卡满8万元，199元全额返到您的结算卡。\n"
           "Q：没达到8万怎么办？\nA：未达标的部分不予返还，请根据自己店里的流水量申请。")
    assert "terms.non_refundable" in flagged(faq)
    manual = "Q：机器坏了怎么办？\nA：寄回检测，非人为损坏免费换新。\nQ：打印纸能退吗？\nA：已拆封的打印纸不予退还。"
    assert "terms.non_refundable" not in flagged(manual)


def test_a_data_fee_the_merchant_learnt_of_only_when_taken_is_flagged() -> None:
    story = "这还没完，上礼拜结算又少了六十九，客服说是流量费，一年一次。我问为什么办的时候不说，客服说页面上有写。"
    assert "fee.data" in flagged(story)
    told = "流量费69元/年，每年开通日扣一次，扣费前三天短信提醒，办理时业务员已当面说明。"
    assert "fee.data" not in flagged(told)


def test_a_callers_script_that_asks_for_the_code_requests_it() -> None:
    script = ("外呼话术 V3.2（内部资料 勿外传）\n四、核实身份\n"
              "“好的，系统现在给您的手机发了一条六位数的验证码，您报给我一下，我这边录入就完成登记了。”\n"
              "六、注意事项\n客户提到“诈骗”“报警”的，礼貌挂断。")
    assert "site.sensitive_data" in flagged(script)
    exposed = script.replace("外呼话术 V3.2（内部资料 勿外传）", "揭秘：冒充银联客服的外呼话术")
    assert "site.sensitive_data" not in flagged(exposed)


def test_takings_kept_and_paid_out_by_an_unlicensed_firm_are_second_clearing() -> None:
    shot = "我的钱包\n可提现余额 (元)\n12,380.56\n提现到银行卡\n资金由合肥钱多多网络科技有限公司提供存管及代付服务"
    assert "clearing.second_clearing" in flagged(shot)
    licensed = "资金由银联商务股份有限公司提供清分服务，T+1结算至商户本人银行卡。"
    assert "clearing.second_clearing" not in flagged(licensed)


def test_set_40_fee_names_plans_and_covered_items() -> None:
    table = "项目 | 标准 | 说明\n通讯服务 | 首年赠送 | 次年起99元/年\n"
    assert [(f.kind, f.amount) for f in fees_of(table)] == [("data", 99.0)]
    plan = "钻石会员：298元/年，开通即享刷卡费率下调、提现免手续费。"
    assert [(f.kind, f.amount) for f in fees_of(plan)] == [("membership", 298.0)]
    assert not [f for f in fees_of("会员：张先生，注册于2023年。") if f.kind == "membership"]
    covered = ("2. 乙方每年向甲方支付机具服务费人民币叁佰陆拾元整（¥360.00），"
               "包含机具租用、日常维护、系统升级及通讯费用。")
    assert [f.kind for f in fees_of(covered)] == ["recurring"]
    priced = "套餐包含刷卡服务及流量费60元/年。"
    assert [f.kind for f in fees_of(priced)] == ["data"]
    monthly = "机具激活后，每个自然月交易额不足2万元的，当月从结算款中扣收机具占用费50元。"
    assert "terms.penalty" in flagged(monthly)
    assert not fees_of(monthly)


def test_a_numbered_sections_service_heading_names_the_fees_of_its_first_line() -> None:
    supplement = ("商户已知悉并确认开通以下增值服务：\n\n一、费率优享卡\n"
                  "　　年费199元，开通后持卡期间贷记卡交易手续费由0.60%下调至0.53%。\n\n二、账户资金保障服务\n"
                  "　　按每笔交易金额的0.03%收取服务费，随交易手续费一并扣收。本服务为入网默认开通项目。\n")
    kinds = {(f.kind, f.amount) for f in fees_of(supplement)}
    assert {("membership", 199.0), ("insurance", 0.03)} <= kinds
    plain = "一、收费说明\n　　年费199元，用于机具维护。\n"
    assert {(f.kind, f.amount) for f in fees_of(plain)} == {("recurring", 199.0)}


def test_a_complaints_own_demand_for_a_refund_warns_no_one() -> None:
    post = ("POS机费率私自上调、每季度乱扣流量费，要求退还 - 消费维权网\n投诉编号 | XFWQ-2025031456 |\n"
            "我在杭州开服装档口。去年8月办的电签，业务员说信用卡0.55%，一直不会变。去年12月底对帐，发现扣了0.72%。")
    assert "fee.rate_bait" in flagged(post)
    advice = "提醒：如发现费率被私自上调，可向收单机构要求退还多扣的手续费。"
    assert "fee.rate_bait" not in flagged(advice)


def test_a_statement_followed_by_an_a_not_a_question_of_its_own_is_stated() -> None:
    chat = ("2025-04-03 09:26  王经理-收款机：\n"
            "刘姐钱先进我们公司平台账户的，每天晚上十点统一给大家转，你看APP里面“余额”有没有")
    assert "clearing.second_clearing" in flagged(chat)
    asked = "2025-04-03 09:26  刘姐水果：\n钱是不是先进你们公司平台账户的？"
    assert "clearing.second_clearing" not in flagged(asked)
    slip = ("那张确认单背面一行小字：“激活服务费用于系统开通及运营维护，一经扣除，恕不退还。”"
            "我现在才看到，太坑了，我要投诉。")
    assert "terms.non_refundable" in flagged(slip)


def test_set_40_lures_collections_and_calls_to_fellow_victims() -> None:
    export = ("短信备份导出（部分）\n发件人,时间,内容\n"
              "10690517729,2025-05-09 14:21,【银联商务POS中心】尊敬的商户，您的POS终端因备案到期将于05月20日暂停交易。"
              "现可免费换领新一代智能终端。\n"
              "106980095534,2025-05-14 08:31,【银联商务】温馨提示：近期有不法分子冒用我司名义发送“终端停用”短信，"
              "请勿相信。\n")
    assert "promo.fake_service" in flagged(export)
    chat = ("客服 您好，这边是拉卡拉售后服务中心，系统查到您名下机具有一笔199元的服务押金已达到退还条件，"
            "现在可以为您办理退还。\n"
            "客服 为了核实结算卡信息，麻烦您提供一下卡片背面签名栏后面的三位数字。")
    found = flagged(chat, kind="image")
    assert {"promo.fake_service", "site.sensitive_data"} <= found
    contract = ("甲方（服务方）：深圳市云汇通科技有限公司\n乙方（商户）：＿＿＿\n"
                "3.1 乙方通过甲方终端完成的交易款项，由甲方通过其合作支付通道统一归集至甲方账户，"
                "甲方每日与乙方进行对账。")
    assert "clearing.second_clearing" in flagged(contract)
    poster = "POS机免费领！\n刷卡费率0.6%\n首刷激活99元\n激活款90天内交易满8万元全额返还"
    assert {"fee.deposit", "promo.free_bait"} <= flagged(poster)
    post = ("说一下我这两个月的遭遇，给做生意的朋友提个醒。去年办了个POS，每个月扣39块“商户服务费”。"
            "有同样情况的可以私信我，一起投诉。")
    assert "licence.not_found" not in flagged(post)


def test_set_41_bases_repayment_prices_and_softened_surcharges() -> None:
    slip = "2. 收费标准：按商户每笔刷卡交易金额的0.06%收取保障服务费，单笔最高6元，随交易手续费一并从结算款中扣收。"
    assert [(f.kind, f.amount) for f in fees_of(slip)] == [("insurance", 0.06)]
    assert "fee.rate_bait" not in flagged(slip)
    repay = "刷卡0.6%，智能还款0.75%，资金实时到账，节假日不休息。"
    assert all(f.kind != "instant" for f in fees_of(repay))
    assert [(f.kind, f.amount) for f in fees_of("笔笔秒到账\n每笔仅加收3元·节假日照常到")] == [("instant", 3.0)]
    plan = {(f.kind, f.amount) for f in fees_of("开通黑金会员￥199/年\n刷卡费率直降至0.55%")}
    assert ("membership", 199.0) in plan


def test_set_41_warranties_refund_lures_holds_and_swipes() -> None:
    warranty = ("5.2 设备在正常使用中出现故障的，甲方负责免费维修；无法修复的，免费更换同型号设备。\n"
                "5.3 乙方首笔交易时扣收押金299元，刷满5万元退还。")
    assert "promo.free_bait" not in flagged(warranty)
    lure = "停用前，商户可申请退还办理时缴纳的押金及服务费（99元-399元），并可免费更换新版低费率机具。"
    assert "fee.deposit" not in flagged(lure)
    hold = ("短信记录导出\n[2025-05-17 10:02] 4008271556\n"
            "【鑫付宝】尊敬的商户：因系统风控提示，您名下商户的结算已暂停，暂停期间交易款暂不结算，恢复时间请关注后续通知。")
    assert "terms.fund_hold" in flagged(hold)
    agent = "2025-05-19 09:03 业务员：\n风控的事我也查不到，总部说要审核，时间不确定，你先等等"
    assert "promo.cash_out" not in flagged(agent)
    story = ("第一笔我刷了1000块试机，结果到账只有701块，打电话问业务员，"
             "他说是扣了299的“服务费”，刷够规定的钱就退给我。\n"
             "账单里每笔交易都多了一项“资金保障费”，按0.1%扣。")
    assert ("deposit", 299.0) in {(f.kind, f.amount) for f in fees_of(story)}
    plan = "2.3 信用卡分期等功能须由乙方另行申请，具体标准在开通前以书面方式另行约定。"
    assert "fee.undisclosed" not in flagged(plan)


def test_an_agreement_that_collects_the_takings_and_names_a_partner_on_the_slip() -> None:
    contract = ("甲方：长沙鼎盛商贸有限公司\n乙方（商户）：＿＿＿\n"
                "2. 乙方顾客通过该终端支付的款项，统一进入甲方收款账户，由甲方负责与乙方进行结算。\n"
                "3. 顾客签购单及银行卡账单上显示的商户名称为甲方名称或甲方合作商户名称，与乙方店招名称不一致。")
    assert {"clearing.second_clearing", "clearing.mcc_jumping"} <= flagged(contract)
    honest = ("甲方（收单机构）：通联支付网络服务股份有限公司\n乙方（商户）：＿＿＿\n"
              "2. 交易款项由甲方于T+1日结算至乙方本人名下结算账户。\n"
              "3. 签购单上显示的商户名称为乙方营业执照登记的名称。")
    assert not {"clearing.second_clearing", "clearing.mcc_jumping"} & flagged(honest)


def test_two_neighbouring_digits_say_about_and_read_no_figure() -> None:
    from poscheck.normalize import normalize

    assert normalize("三个月刷七八万没问题").text == "3个月刷七八万没问题"
    assert normalize("每隔三四个月").text == "每隔三四个月"
    assert normalize("三十四个月").text == "34个月"
    story = "然后翻结算记录又发现，每隔三四个月就被扣一次69块，备注是“流量费”。"
    assert [(f.kind, f.period) for f in fees_of(story)] == [("data", "four_months")]
    assert "fee.data" in flagged(story)


def test_a_rate_promised_forever_without_a_card_word_is_held_to_the_floor() -> None:
    call = "“而且新机器费率给您降到0.38，以后永远都是0.38，不会再涨，比您现在的0.6一年能省好几千。”"
    assert "fee.rate_bait" in flagged(call)
    qr = "扫码收款费率0.38%，以后永远都是这个价，信用卡刷卡0.6%。"
    assert "fee.rate_bait" not in flagged(qr)


def test_set_42_signature_lines_free_machines_and_first_year_gifts() -> None:
    page = ("6.1甲方自机具激活之日起未满十二个月申请解约、退机或停用的，"
            "应向乙方支付违约金人民币伍佰元整（￥500.00）。\n"
            "6.2因系统升级、通道故障或乙方工作人员操作原因造成甲方资金延迟到账或损失的，乙方不承担赔偿责任。\n"
            "甲方（签字）： 乙方（盖章）：广州鑫付通信息科技有限公司\n")
    assert {"terms.penalty", "terms.liability_exclusion"} <= flagged(page)
    chat = ("小 我们这是拉卡拉的电签版，机子不要钱的，顺丰包邮。\n"
            "小 开机头一笔系统会扣二百九十九的服务费哈，三个月内刷满八万全部返回。")
    assert "promo.free_bait" in flagged(chat)
    card = "机器里插了张流量卡，第一年送你用，第二年起一年九十九，你不用管。"
    assert [(f.kind, f.amount, f.period) for f in fees_of(card)] == [("data", 99.0, "year")]
    assert not fees_of("机器里插了张流量卡，第一年送你用，第二年起可以自己换卡，不收钱。")


def test_set_42_a_stop_of_acceptance_and_an_after_sales_claim() -> None:
    sms = ("【银联商务】尊敬的商户：您名下POS终端属旧版二代机，将于2025年6月30日起停止受理银行卡交易。"
           "现总部对老客户免费换发新一代电签机，继续使用请回复1。")
    assert "promo.fake_service" in flagged(sms)
    chat = ("拉卡拉售后-王经理：这里是拉卡拉商户服务中心，您当时交的299押金，现在总部统一清退，原路退回。\n"
            "拉卡拉售后-王经理：我们是官方售后，您放心。")
    assert "promo.fake_service" in flagged(chat)
    notice = "【银联商务】尊敬的商户：受系统升级影响，6月30日凌晨0:00-2:00暂停受理银行卡交易，其余时间正常。"
    assert "promo.fake_service" not in flagged(notice)
