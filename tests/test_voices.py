"""Held-out sets 29 and 30 (long agreements and their fine print; who is speaking, and to whom): each sign is
read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import flagged


def test_a_rate_told_after_the_later_one_is_still_an_increase() -> None:
    assert "fee.rate_bait" in flagged("上个月群里通知统一上调到万78，之前是万60，也没人问过我们。")
    assert "fee.rate_bait" not in flagged("贷记卡费率调整为0.55%，原来是0.60%，算是降了一点。")


def test_a_promise_of_no_fee_broken_in_its_own_sentence_names_the_charge() -> None:
    assert "fee.data" in flagged("我店里那台机器，业务员嘴上说免流量费，实际满一年系统扣了99元。")
    assert "fee.data" not in flagged("我们说免流量费，就是免流量费，不会扣一分钱。")
    assert "fee.deposit" not in flagged("说是免押金，但是激活要刷满5000元才有返现。")


def test_an_agents_commission_is_no_merchant_fee() -> None:
    table = ("团队月交易量 | 贷记卡分润 | 扫码分润 | 备注 |\n0~500万 | 万分之五 | 万分之三 | 个人代理默认档 |\n"
             "分润T+1日结，直接进代理钱包，满100元可提，代理提现按税点扣6%。")
    assert not {"fee.rate_bait", "fee.withdrawal"} & flagged(table)
    assert "fee.rate_bait" in flagged("商户端费率：贷记卡万分之三十五，永久不变。")
    assert "fee.withdrawal" in flagged("货款先进钱包，商户提现每笔扣2元。")


def test_a_data_fee_the_terminal_cannot_do_without_is_flagged() -> None:
    locked = "机器内置物联网流量卡，商户不能自行换卡；激活满一年后流量服务费为每年69元，从结算款中扣除。"
    assert "fee.data" in flagged(locked)
    assert "fee.data" not in flagged("流量卡费用36元/年，可以不开通，用店里的WiFi也行。")
    assert "fee.data" in flagged("2.3 联网服务费为每台每年人民币玖拾陆元，签约时收取首年费用，此后每满一年收取一次。")


def test_a_fee_a_pdf_table_prices_below_its_tick_box() -> None:
    form = "服务项目\n选择\n金额\n开通服务费\n☑\n299元\n于首笔交易时从结算资金中扣收\n"
    assert "fee.deposit" in flagged(form)
    assert "fee.recurring" not in flagged("服务项目\n选择\n金额\n短信提醒服务\n□\n3元/月\n")  # left unticked
    assert "fee.recurring" not in flagged("项目 | 选择 | 收费\n短信到账提醒 | □ | 3元/月")


def test_an_agreements_own_warnings_do_not_make_it_a_guide() -> None:
    contract = ("商户服务协议\n甲方（商户）：某某面馆\n乙方：某某科技有限公司\n"
                "第三条 甲方不得为赌博、电信网络诈骗等违法犯罪活动提供收款服务，切勿将机具交给他人使用。\n"
                "第四条 甲方缴纳的开通服务费在任何情况下均不予退还。\n")
    assert "terms.non_refundable" in flagged(contract)
    guide = "警惕POS机骗局\n有的协议写着“服务费在任何情况下均不予退还”，这是霸王条款，签约前切勿接受，谨防诈骗。"
    assert "terms.non_refundable" not in flagged(guide)


def test_a_change_clause_with_notice_and_a_free_closing_of_the_account_is_protective() -> None:
    fair = ("6.1 乙方修改本协议的，将至少提前30日在APP内公告并通知甲方；甲方不同意修改的，可在修改生效前申请注销账户，"
            "乙方不因此收取任何费用。")
    assert "terms.unilateral_change" not in flagged(fair)
    unfair = "6.1 乙方可根据业务需要修改本协议及收费标准，修改后的协议在APP内公布即生效。"
    assert "terms.unilateral_change" in flagged(unfair)


def test_services_refused_by_name_are_not_offered() -> None:
    assert "clearing.second_clearing" not in flagged("本行不提供、也不委托任何第三方提供“秒到”“钱包提现”服务。")
    assert "promo.cash_out" not in flagged("不接做信用卡周转、代还的客户，发现了关机停用。")
    assert "promo.cash_out" in flagged("我们接信用卡代还，养卡提额一站搞定。")


def test_a_surcharge_on_card_repayment_is_no_settlement_fee() -> None:
    assert "fee.instant_settlement" not in flagged("智能代还：费率0.55+1，比外面的代还平台便宜一半。")
    assert "fee.instant_settlement" in flagged("电签机费率0.6+3，刷完秒到。")


def test_a_sum_called_a_quoted_deposit_is_one() -> None:
    assert "fee.deposit" in flagged("到账少了199。打电话问，对方说199是“新机激活押金”，要三个月内刷满8万才退。")


def test_a_complaint_retelling_a_code_asked_of_its_writer_asks_nothing_of_the_reader() -> None:
    told = ("投诉：冒充银联换机\n7月15号我接到电话，对方说老机器要停用。他说为了解绑，需要我把手机收到的验证码念给他，"
            "我也念了。后来新机器扣了我199元押金。我要求退款。")
    assert "site.sensitive_data" not in flagged(told)
    assert "site.sensitive_data" in flagged("您好，这边是银联商户服务中心，请您把手机收到的验证码念给我核对一下。")


def test_what_an_honest_agent_will_not_allow_is_no_practice() -> None:
    assert "clearing.second_clearing" not in flagged("我们的底线：不让商户把钱结到别人的卡或者什么钱包里。")
    assert "clearing.second_clearing" in flagged("刷卡的钱先到APP钱包，商户自己点提现到银行卡。")


def test_categories_picked_at_will_are_mcc_jumping_and_a_registered_one_is_not() -> None:
    assert "clearing.mcc_jumping" in flagged("行业随便选：餐饮、百货、酒店、加油站、批发……APP里点一下就切。")
    assert "clearing.mcc_jumping" in flagged("APP里有个“行业选择”，想要积分你就选商场啊酒店啊，自己选，随时换。")
    assert "clearing.mcc_jumping" not in flagged("入网时行业选择请按营业执照如实填写，登记后不能随便换。")


def test_an_apps_exported_reviews_offer_nothing() -> None:
    reviews = ("微信小程序「惠商宝Plus」· 用户评价导出（最近30条中的12条）\n"
               "★★☆☆☆ 开了会员说费率打折，前三个月是0.49%，第四个月开始又变回0.6%了，刷卡的钱还要等第二天。\n")
    assert "licence.not_found" not in flagged(reviews)
    assert "licence.not_found" in flagged("惠商宝电签POS\n开通会员享费率折扣，刷卡0.49%，秒到账，立即申请。")


def test_a_deposit_named_as_the_sum_to_be_refunded_is_no_deposit_taken() -> None:
    lure = "银联商务官方押金退还中心\n退还金额：299元押金 + 历史多收手续费补偿，原路退回您的结算卡。"
    assert "fee.deposit" not in flagged(lure, url="http://ums-tuiyajin.top/")
    assert "fee.deposit" in flagged("办理时交299元押金，三个月刷满5万退还。")
