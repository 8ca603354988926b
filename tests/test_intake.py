"""Leftovers of held-out sets 29 and 30, and held-out sets 31 and 32 (a month's intake for an auditor; is the
provider who it says it is): each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_damages_of_twice_the_remaining_fees_are_a_penalty() -> None:
    clause = ("4.1 服务期内甲方要求提前解除本协议的，应提前三十日书面通知乙方，并向乙方一次性支付相当于剩余服务期"
              "服务费两倍的款项作为违约赔偿。")
    assert "terms.penalty" in flagged(clause)
    mutual = "9.2 任何一方违反本协议约定的，违约方应向守约方承担违约赔偿责任。"
    assert "terms.penalty" not in flagged(mutual)


def test_a_hold_whose_amount_and_term_the_agent_decides_is_a_fund_hold() -> None:
    hold = "5.3 服务商根据其风险判断，可以指令收单机构暂扣商户结算款，暂扣金额、期限及解除条件由服务商确定。"
    assert "terms.fund_hold" in flagged(hold)
    limited = ("5.3 持卡人对单笔交易提出争议的，乙方可暂扣该笔交易对应的结算款，暂扣期限不超过30日，"
               "争议解决后立即解除。")
    assert "terms.fund_hold" not in flagged(limited)


def test_the_party_after_a_preposition_is_not_the_one_excusing_itself() -> None:
    contract = ("POS收款服务合同\n甲方（服务方）：某某信息技术有限公司\n乙方（商户）：某某烧腊店\n"
                "5.2 甲方对乙方在使用机具过程中发生的资金损失，包括因甲方系统故障导致的交易错误，均不承担任何责任。\n")
    assert "terms.liability_exclusion" in flagged(contract)
    fair = ("POS收款服务合同\n甲方（服务方）：某某信息技术有限公司\n乙方（商户）：某某烧腊店\n"
            "5.2 乙方对甲方在维护机具过程中知悉的经营信息，不承担保密以外的任何责任。\n")
    assert "terms.liability_exclusion" not in flagged(fair)


def test_a_deduction_every_ninety_days_without_asking_renews_itself() -> None:
    clause = "2.3 此后每满90日为一个计费周期，乙方从甲方当期结算资金中自动扣划流量服务费，无需甲方逐次确认。"
    assert "terms.auto_renewal" in flagged(clause)
    once = "2.3 开通服务费于首笔交易时自动扣划一次，此后不再收取。"
    assert "terms.auto_renewal" not in flagged(once)


def test_an_agreement_forbidding_fraud_still_offers_card_acceptance() -> None:
    agreement = ("商户合作协议\n推广方为拉卡拉支付股份有限公司（支付业务许可证号：Z2000531000017）的合作推广服务商，"
                 "为商户布放拉卡拉电签POS机具，受理银行卡。\n六、商户不得为赌博、电信网络诈骗等违法犯罪活动提供收款服务。")
    assert "licence.number_mismatch" in flagged(agreement)
    right = agreement.replace("Z2000531000017", "Z2002511000017")
    assert "licence.number_mismatch" not in flagged(right)


def test_a_fee_priced_on_the_line_below_its_name() -> None:
    table = "附件 收费标准\n收费项目\n标准\n终端服务年费*\n298元/台/年\n每年首月从结算资金中代扣\n"
    assert "fee.recurring" in flagged(table)
    numbered = "附件 收费标准\n以下项目免收年费\n2. 终端维修：保修期内免费\n"
    assert "fee.recurring" not in flagged(numbered)


def test_every_deduction_at_a_higher_rate_than_agreed_is_an_increase() -> None:
    told = "业务员说好信用卡千分之六。从4月2日起我看明细，信用卡每笔都是按0.78%扣的，多扣了四百多。"
    assert "fee.rate_bait" in flagged(told)
    plain = "扫码费率0.38%，刷卡都按0.6%收取，次日到账。"
    assert "fee.rate_bait" not in flagged(plain)


def test_a_rate_that_went_back_up_without_its_percent_sign() -> None:
    review = "开会员说信用卡费率从0.6降到0.49，结果三个月后又变回0.6了，会员还没到期。"
    assert "fee.rate_bait" in flagged(review)
    assert "fee.rate_bait" not in flagged("开会员后信用卡费率是0.55，用了一年一直没变。")


def test_an_apps_industry_setting_changed_at_will_is_merchant_selection() -> None:
    talk = ("咱们这个APP里面有个“行业选择”，宝宝们想要积分的你就选商场啊酒店啊那种有积分的，想要便宜的你就选"
            "那种费率低的，自己选，随时换")
    assert "clearing.mcc_jumping" in flagged(talk)
    fair = "“行业选择”按营业执照登记的经营范围填写，入网审核后不能随便换。"
    assert "clearing.mcc_jumping" not in flagged(fair)


def test_a_change_accepted_by_trading_on_is_unilateral() -> None:
    notice = ("【结算方式变更通知】自10月1日起，您的交易款将统一结算至钱包，需在APP内提现。\n"
              "本次调整自动生效，10月1日后如继续交易，即视为您已知悉并同意本变更。")
    assert "terms.unilateral_change" in flagged(notice)
    fair = ("【结算方式变更通知】自11月1日起结算时间调整为每日上午。我们提前30日通知您；不同意的可随时申请解约，"
            "不收取任何费用。本次调整在11月1日生效，如继续交易，即视为您已知悉并同意本变更。")
    assert "terms.unilateral_change" not in flagged(fair)


def test_a_sum_with_thousands_separators_is_one_sum() -> None:
    notice = "【提现成功通知】 2025-10-04 08:35\n提现金额：4,982.00 元\n提现手续费：1.50 元\n"
    assert [(f.kind, f.amount) for f in fees_of(notice)] == [("withdrawal", 1.5)]
    two = "押金299，199元的激活费另收"
    assert sorted(f.amount for f in fees_of(two)) == [199.0, 299.0]


def test_a_reconciliation_table_where_less_arrived_than_was_due() -> None:
    table = ("我把签购单和到账一笔一笔对了：\n日期 | 签购单金额 | 按0.6%应到账 | 实际到账 |\n"
             "09-03 | 5,000.00 | 4,970.00 | 4,967.00 |\n09-06 | 860.00 | 854.84 | 851.84 |\n")
    assert "statements.mismatch" in flagged(table)
    fair = table.replace("4,967.00", "4,970.00").replace("851.84", "854.84")
    assert "statements.mismatch" not in flagged(fair)
    assert "statements.mismatch" in flagged(table.replace("应到账", "应该到账"))  # the gate once missed this header


def test_a_slip_typed_into_a_post_against_its_bank_record() -> None:
    post = ("本人在海淀开烧烤店，机器是业务员办的。小票是这样的：\n商户名称：海淀区某某生活超市\n"
            "商户编号：836100054110001\n收单机构：随行付\n金额：RMB 300.00\n"
            "到账记录：\n对方户名：某某商贸有限公司\n摘要：货款\n收入金额：298.20\n")
    found = flagged(post)
    assert {"statements.mismatch", "clearing.mcc_jumping", "clearing.second_clearing"} <= found
    same = ("本人在海淀开超市。小票是这样的：\n商户名称：海淀区某某生活超市\n商户编号：836100054110001\n"
            "收单机构：随行付\n金额：RMB 300.00\n到账记录：\n对方户名：随行付支付有限公司\n收入金额：298.20\n")
    assert not {"statements.mismatch", "clearing.mcc_jumping", "clearing.second_clearing"} & flagged(same)


def test_a_payer_said_not_to_be_the_acquirer_is_compared() -> None:
    told = "7月12日那笔到账，付款方不是某某支付，是一个叫“刘*军”的个人账户转进来的。"
    assert "clearing.second_clearing" in flagged(told)
    assert "clearing.second_clearing" not in flagged("7月12日那笔到账，付款方是随行付支付有限公司，没问题。")


def test_takings_collected_by_an_unlicensed_party_are_second_clearing() -> None:
    head = "补充协议\n甲方（商户）：某某餐饮店\n乙方（服务商）：某某科技有限公司\n"
    agent = head + "1. 甲方终端交易资金由乙方代为归集，乙方于T+1扣除费用后将余款转入甲方结算账户。\n"
    assert "clearing.second_clearing" in flagged(agent)
    acquirer = ("特约商户协议\n甲方（商户）：某某餐饮店\n乙方（收单机构）：随行付支付有限公司\n"
                "1. 甲方交易资金由乙方代为归集，于T+1结算至甲方结算账户。\n")
    assert "clearing.second_clearing" not in flagged(acquirer)


def test_fees_to_be_posted_on_the_agents_system_are_undisclosed() -> None:
    open_ended = "4. 商户承担的通道服务费及其他相关费用，按服务商系统届时公示的标准执行。"
    assert "fee.undisclosed" in flagged(open_ended)
    listed = "4. 商户开通的其他服务，费用按本协议附件一所列标准收取，附件未列明的一律不收取。"
    assert "fee.undisclosed" not in flagged(listed)


def test_a_device_offered_for_nothing_while_activation_freezes_money() -> None:
    page = ("0元申领 顺丰包邮\n问：POS机真的免费吗？ 答：是的，机具本身0元。\n"
            "开通说明：机器激活时冻结198元开通服务费，120天内刷满6万元退还。")
    assert "promo.free_bait" in flagged(page)
    honest = "0元申领 顺丰包邮\n机具本身0元，不收押金，不冻结任何费用；流量费第二年起每年36元。"
    assert "promo.free_bait" not in flagged(honest)


def test_a_contract_party_that_may_change_rates() -> None:
    clause = ("2.3 乙方可根据市场行情对上述费率进行调整，调整后的费率自乙方在公众号发布之日起执行。")
    assert "terms.unilateral_change" in flagged(clause)
    both = "2.3 经双方协商一致，双方可以书面形式修改本协议。"
    assert "terms.unilateral_change" not in flagged(both)


def test_contract_terms_in_other_words() -> None:
    assert "terms.liability_exclusion" in flagged(
        "4.1 无论甲方结算资金因何种原因（包括乙方员工操作差错）发生延迟或损失，乙方均免于承担任何赔偿义务。")
    assert "terms.liability_exclusion" not in flagged("4.1 因乙方员工操作差错造成甲方损失的，乙方依法承担赔偿责任。")
    assert "terms.penalty" in flagged("3.2 有效期届满前注销商户的，应向乙方支付提前终止补偿金人民币叁仟元整。")
    assert "terms.fund_hold" in flagged(
        "2.1 乙方认为甲方交易存在风险时，有权要求收单机构对甲方的结算资金予以留存，留存金额、期限由乙方确定。")
    assert "terms.auto_renewal" in flagged("3.1 会员周期届满时，系统将默认为您续订下一周期，续订费用从结算资金中划扣。")
    assert "terms.non_refundable" in flagged("已扣收的机具服务费，在任何情况下均不作返还。")
    assert "terms.non_refundable" not in flagged("机具押金在退机后七个工作日内全额返还。")


def test_a_fee_left_to_be_set_later() -> None:
    assert "fee.undisclosed" in flagged("其他费用 | 根据商户行业、机型及所选服务另行核定，以系统实际扣收为准 |")
    assert "fee.undisclosed" in flagged(
        "某某付电签POS在线办理\n刷卡费率0.6%。机具流量、系统维护、短信提醒等其他服务项目的收费，以某某付商户APP“我的-收费说明”"
        "页面届时公布的为准。")
    assert "fee.undisclosed" not in flagged("短信提醒服务每月3元，可随时关闭；表中未列明的费用一律不收取。")


def test_a_row_of_instant_settlement_priced_by_the_sum_withdrawn() -> None:
    row = "当日到账（可选） | 每笔提现金额的0.05%，最低0.5元 | 默认关闭，需在APP中手动发起，不用不收 |"
    assert "fee.withdrawal" not in flagged(row)
    assert "fee.withdrawal" in flagged("货款进入钱包后，提现手续费按提现金额的0.5%收取。")


def test_a_fake_service_centre_that_threatens_to_stop_trading() -> None:
    page = ("中国银联商户服务中心-终端年度核验\n中国银联 · 商户服务中心（官方）\n关于存量POS终端年度核验的通知\n"
            "尊敬的商户：系统显示您名下终端尚未完成2025年度核验，未在规定时间内完成的，将于9月20日起暂停交易。\n"
            "请在下方填写结算卡信息完成核验。\n")
    found = flagged(page, url="http://unionpay-hexiao.cn/", kind="html")
    assert {"promo.fake_service", "site.impersonation"} <= found
    notice = ("关于停止使用旧版收款码的通知\n尊敬的商户：我行将于9月20日起暂停交易旧版静态收款码，请在网点办理更换，"
              "本行不会致电索要验证码。\n")
    assert "promo.fake_service" not in flagged(notice)


def test_a_caller_posing_as_service_who_pushes_a_refund() -> None:
    call = ("来电：我这边是银联商务的客服中心，工号3062。根据新规定，所有POS机的机具押金都要退还给商户，"
            "您当时是不是交过一笔押金？\n来电：这笔钱现在统一退还，过了今天系统就关闭了。")
    assert "promo.fake_service" in flagged(call)
    real = "客服：我是银联商务客服，您的报修单已受理，工程师明天上门。"
    assert "promo.fake_service" not in flagged(real)


def test_a_refund_lure_under_a_service_banner() -> None:
    page = ("某某客服中心-机具押金退还登记\n银联商务 · 官方客服中心\n关于退还商户机具押金的通知\n"
            "尊敬的商户：根据监管部门要求，我司现对前期收取的机具押金进行统一清退，逾期系统将关闭退款通道。\n")
    assert "site.impersonation" in flagged(page, url="http://ums-tuikuan.top/", kind="html")
    assert "site.impersonation" not in flagged(page, url="https://www.chinaums.com/", kind="html")


def test_picking_the_industry_and_merchant_before_a_swipe() -> None:
    assert "clearing.mcc_jumping" in flagged("系统内置上万家真实商户，刷之前可以自己挑行业、挑商户，账单好看。")
    assert "clearing.mcc_jumping" not in flagged("入网时按营业执照登记行业，商户不能自己挑行业。")


def test_a_credit_rate_of_048_is_at_the_floor() -> None:
    assert "fee.rate_bait" not in flagged("至尊会员 399元/年，信用卡费率0.48%。")
    assert "fee.rate_bait" in flagged("信用卡费率0.45%，永久不变。")
