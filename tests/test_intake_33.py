"""Leftovers of held-out sets 31 and 32, and held-out set 33 (what it really costs: fees written every way):
each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged

_AGENT = ("汇通收单是汇付天下在苏州的服务商。收单机构是上海汇付数据服务有限公司（品牌“汇付天下”），"
          "支付业务许可证编号 Z2000931000013。信用卡费率0.60%，免费办理，T+1到账。\n")


def test_a_name_told_apart_from_the_acquirer_is_not_judged_as_the_acquirer() -> None:
    told_apart = _AGENT + "常有人把“汇付天下”和“汇付宝”弄混，其实是两家不同的公司，我们只做汇付天下。\n"
    assert "licence.no_acquiring" not in flagged(told_apart)
    # the same brand named as the one behind the offer is judged (its licence has no card acquiring)
    named = ("汇通收单是汇付宝在苏州的服务商，收单机构是汇付宝，支付业务许可证编号 Z2011611000017。"
             "信用卡费率0.60%，免费办理，T+1到账。\n")
    assert "licence.no_acquiring" in flagged(named)


def test_a_look_alike_company_warned_of_is_not_judged_as_the_acquirer() -> None:
    page = ("我们推广的付费通POS，收单机构是上海付费通信息服务有限公司，支付业务许可证编号 Z2002631000012，"
            "业务类型含银行卡收单。刷卡费率0.6%，免费办理，T+1到账。\n"
            "另外提醒：有一家名字很像的“上海付费通企业服务有限公司”，那是另一家做预付卡的公司，牌照早已到期。\n")
    assert not {"licence.inactive", "licence.no_acquiring"} & flagged(page)
    selling = ("我们推广的付费通POS，收单机构是上海付费通企业服务有限公司，持有支付业务许可证。"
               "刷卡费率0.6%，免费办理，T+1到账。\n")
    assert "licence.inactive" in flagged(selling)


def test_a_deduction_that_did_not_happen_is_no_deposit() -> None:
    record = "回访结果：商户查询了装机以来的全部结算明细，未被扣过押金299元，对方所称“押金退还”不实。"
    assert "fee.deposit" not in flagged(record)
    assert fees_of(record) == []
    happened = "回访结果：商户查询了装机以来的全部结算明细，首刷被扣了押金299元，至今未退还。"
    assert "fee.deposit" in flagged(happened)


def test_others_practice_that_the_writer_disowns_is_not_theirs() -> None:
    page = "问：押金刷不满会不退吗？\n答：那是有些代理商自己加的规矩，刷不满押金就不退，我们不做这个，机器免押金。"
    assert "terms.non_refundable" not in flagged(page)
    own = "问：押金刷不满会不退吗？\n答：押金199元，90天内刷不满5万押金就不退，这是公司规定。"
    assert "terms.non_refundable" in flagged(own)
    told_not_denied = "押金299元，刷不满3万元不予退还，我们不做解释。"
    assert "terms.non_refundable" in flagged(told_not_denied)


def test_moving_a_balance_out_to_a_bank_card_is_a_wallet_and_its_price_a_withdrawal_fee() -> None:
    page = ("随刷宝电签POS｜刷卡收款，钱到APP，想提就提\n资金流程\n① 顾客刷卡\n"
            "② 交易款实时进入您的收款账户（APP首页“可用余额”）\n"
            "③ 在APP点“转出到银行卡”即可到账\n转出到银行卡每次收取2元手续费，单次最低转出50元。\n")
    found = flagged(page)
    assert {"clearing.second_clearing", "fee.withdrawal"} <= found
    [fee] = [f for f in fees_of(page) if f.kind == "withdrawal"]
    assert (fee.amount, fee.unit) == (2.0, "元/笔")
    bank = "交易款T+1结算至您本人的银行结算账户，账户余额可在手机银行查询，转出单笔最低50元。"
    assert not {"clearing.second_clearing", "fee.withdrawal"} & flagged(bank)


def test_a_transfer_priced_per_time_is_a_withdrawal_fee_not_instant_settlement() -> None:
    story = "钱进了平台的余额，每转一次收3块钱，业务员说比银行的秒到便宜。这半年来每次转出扣的3元手续费要退给我。"
    kinds = {(f.kind, f.amount, f.unit) for f in fees_of(story)}
    assert ("withdrawal", 3.0, "元/笔") in kinds
    assert not any(k == "instant" for k, _, _ in kinds)


def test_a_yearly_fee_right_after_a_vip_plan_is_its_membership_fee() -> None:
    page = "开通鑫收宝VIP，年费只要368元，信用卡费率由0.63%降到0.52%，免费办理。"
    assert [(f.kind, f.amount) for f in fees_of(page) if f.unit == "元/年"] == [("membership", 368.0)]
    device = "机具服务：年费96元（含流量），首年免收，免费办理。"
    assert [f.kind for f in fees_of(device) if f.unit == "元/年"] != ["membership"]


def test_a_protection_product_named_anxinbao_is_insurance() -> None:
    table = "收费标准\n信用卡 | 0.60% |\n账户无忧保 | 按交易金额的0.05%收取 |\n结算 | T+1 |\n"
    assert ("insurance", 0.05) in {(f.kind, f.amount) for f in fees_of(table)}
    plain = "收费标准\n信用卡 | 0.60% |\n资金安心保障：资金由收单机构直接结算至本人账户 |\n"
    assert all(f.kind != "insurance" for f in fees_of(plain))


def test_a_sum_a_caller_names_a_deposit_is_a_deposit() -> None:
    story = "新机第一笔刷了一千，只到账五百多。打电话问，对方说那399是“新机押金”，三个月刷满15万就退。"
    assert ("deposit", 399.0) in {(f.kind, f.amount) for f in fees_of(story)}
    example = "对方说那笔399的交易是顾客买烟酒刷的，不是押金。"
    assert all(f.kind != "deposit" for f in fees_of(example))


_CONTRACT = ("POS终端服务协议\n甲方（商户）：＿＿＿＿\n乙方（服务商）：杭州某某信息科技有限公司\n"
             "第三条 资金结算\n3.1 {clause}\n第四条 其他\n4.1 甲方不得利用终端从事套现。\n")


def test_takings_cleared_into_the_agents_pooling_account_are_second_clearing() -> None:
    pooled = _CONTRACT.format(clause="甲方交易资金由收单机构清算至乙方指定的资金归集账户，"
                                     "乙方扣除手续费后次日由乙方账户划付至甲方结算账户。")
    assert "clearing.second_clearing" in flagged(pooled)
    direct = _CONTRACT.format(clause="甲方交易资金由收单机构于T+1日直接清算至甲方名下的结算账户，乙方不经手任何资金。")
    assert "clearing.second_clearing" not in flagged(direct)


_SELF_LICENSED = ("某通付 - 持牌支付机构\n关于我们\n某通付支付科技有限公司是经中国人民银行批准、持有《支付业务许可证》"
                  "（许可证编号：{number}）的第三方支付机构，业务类型为银行卡收单。\n某通付电签POS\n"
                  "信用卡0.6%，储蓄卡0.5%封顶20元，T+1自动结算\n机具押金199元，激活后90天内交易满5万元全额退还\n")


def test_a_page_that_states_its_prices_offers_card_acceptance() -> None:
    page = _SELF_LICENSED.format(number="Z2023144000011")
    assert "licence.not_found" in flagged(page)
    article = ("信用卡手续费怎么算？\n本文作者：小店经营笔记\n"
               "一般来说，信用卡0.6%、储蓄卡0.5%封顶20元是常见的标准费率，押金199元这种收费要警惕。\n")
    assert "licence.not_found" not in flagged(article)


def test_a_licence_serial_beyond_every_licence_ever_issued_is_no_real_number() -> None:
    assert "licence.number_mismatch" in flagged(_SELF_LICENSED.format(number="Z2031544000018"))
    # serial 0231 is within the licences issued; an unknown company's number is then only unverified
    assert "licence.number_mismatch" not in flagged(_SELF_LICENSED.format(number="Z2023144000011"))


def test_a_short_brand_inside_a_products_coined_name_is_not_that_brand() -> None:
    ad = ("说实话，我们团队现在推的这款【云汇付电签】就是为此做的：\n✅ 机器免费送\n✅ 信用卡费率0.55%\n"
          "✅ 一清到本人卡，T+1\n👉 点击文末“阅读原文”填写收货信息\n")
    assert "licence.not_found" in flagged(ad)
    named = ad.replace("【云汇付电签】", "汇付电签（收单机构：上海汇付数据服务有限公司）")
    assert "licence.not_found" not in flagged(named)


def test_an_article_that_teaches_then_sells_is_judged_on_what_it_sells() -> None:
    article = ("办POS机的4个坑，老板们一定要看\n原创 老李聊收款\n"
               "坑一：押金。很多机器说免费送，到手后首刷扣199、299，说刷满多少万才退。\n"
               "坑二：费率偷偷涨。头一个月0.38%，第二个月变成0.68%。\n"
               "看完是不是有点后怕？说实话，我们团队现在推的这款【云收电签】就是冲着这些问题做的：\n"
               "✅ 机器免费送，全国包邮\n✅ 信用卡费率0.6%\n"
               "唯一要说明的：新机首刷会扣99元服务费，激活后60天内刷满3万元，99元全额返还。\n"
               "👉 点击文末“阅读原文”填写收货信息\n")
    found = flagged(article)
    assert {"fee.deposit", "promo.free_bait"} <= found
    teaching_only = article[:article.index("看完")]
    assert not {"fee.deposit", "promo.free_bait", "fee.rate_bait"} & flagged(teaching_only)
    scam_quoted = teaching_only + "骗子还会发短信让你点击链接填写卡号，千万别填。\n"
    assert not {"fee.deposit", "promo.free_bait"} & flagged(scam_quoted)


def test_a_sum_taken_and_then_named_is_the_fee_it_is_named() -> None:
    told = "直播间说0元下单，开机激活的时候扣一个99，这个是第一年的流量，后面每年也是99。"
    assert ("data", 99.0) in {(f.kind, f.amount) for f in fees_of(told)}
    activation = "开机激活的时候扣了99，说是激活费，刷满3万返还。"
    assert ("deposit", 99.0) in {(f.kind, f.amount) for f in fees_of(activation)}


def test_asking_for_the_six_digits_received_asks_for_the_sms_code() -> None:
    page = ("商户换机登记\n换机登记验证码已发送至您的手机，请将收到的6位数字回复本号码，以完成身份确认。\n")
    assert "site.sensitive_data" in flagged(page, url="https://huanji-dengji.example.cn/")
    warning = "商户换机登记\n请勿把收到的6位数字告诉任何人，我们不会索要。\n"
    assert "site.sensitive_data" not in flagged(warning, url="https://huanji-dengji.example.cn/")


def test_a_balance_released_as_the_holder_sees_fit_is_a_fund_hold() -> None:
    story = ("我的POS钱包余额4万多，客服说系统检测到交易异常，审核要45个工作日起，审核期间钱暂时冻结，"
             "审核结束后“视情况解冻”。我每一笔都有小票，她说不需要。我就是受害者，现在投诉。")
    assert "terms.fund_hold" in flagged(story)
    bounded = "6.2 对单笔可疑交易，乙方可暂缓结算该笔款项，最长不超过30日，核查无误后立即解冻。"
    assert "terms.fund_hold" not in flagged(bounded)


def test_an_export_recording_a_terminal_in_use_offers_nothing() -> None:
    export = ("短信备份导出（发件人含“1069”）\n[2025-03-12 09:31] 1069 0571 2288\n"
              "【某掌柜】尊敬的商户，您的终端已激活成功，欢迎使用某掌柜收款服务。费率：贷记卡0.60%，借记卡0.50%封顶20元。\n"
              "[2025-07-12 08:00] 1069 0571 2288\n【某掌柜】您的终端SIM卡服务费66.00元已于今日从结算资金中扣除。\n")
    assert "licence.not_found" not in flagged(export)
    pitch = ("短信备份导出\n[2025-03-12 09:31] 177 0000 2222\n"
             "老板您好，电签POS机免费办理，刷卡秒到，费率0.55%，加微信pos777领机。\n")
    assert "licence.not_found" in flagged(pitch)


def test_a_verb_before_a_company_name_is_not_part_of_the_name() -> None:
    page = ("电签POS收费说明\n本页面列示北京海科融通信息技术有限公司（支付业务许可证 Z2006511000018，"
            "业务类型：银行卡收单）向特约商户收取的全部费用：贷记卡费率0.60%，免费办理。\n")
    assert "licence.number_mismatch" not in flagged(page)
    wrong = page.replace("Z2006511000018", "Z2002511000017")
    assert "licence.number_mismatch" in flagged(wrong)


def test_card_rates_in_a_row_headed_by_a_qr_channel_are_qr_rates() -> None:
    table = ("收费标准\n贷记卡 | 0.60% | 刷卡 |\n银联二维码 ≤1000元 | 借记卡0.38%，贷记卡0.38% | — |\n")
    assert "fee.rate_bait" not in flagged(table)
    swiped = "收费标准\n贷记卡 | 0.38% | 刷卡 |\n借记卡 | 0.38% | 刷卡 |\n"
    assert "fee.rate_bait" in flagged(swiped)


def test_a_rate_others_advertise_online_is_not_the_pages_own() -> None:
    page = ("各品牌费率对比\n网上看到的信用卡0.38%，不是头几个月的引流价，就是改了商户类别。\n"
            "本店贷记卡0.60%，免费办理。\n")
    assert "fee.rate_bait" not in flagged(page)
    own = "各品牌费率对比\n本店信用卡0.38%，免费办理。\n"
    assert "fee.rate_bait" in flagged(own)


def test_a_deposit_given_back_when_the_provider_collects_the_device_says_so() -> None:
    page = ("收费明细\n机具押金 | 500元/台 |\n押金说明\n"
            "不想用了打电话预约，我们上门收回机器，设备完好的，押金500元当场全额退还。\n")
    [deposit] = [f for f in fees_of(page) if f.kind == "deposit"]
    assert deposit.refundable is True
    assert "收回机器" in deposit.conditions  # the condition the merchant must meet, not only 全额退还
    kept = "收费明细\n机具押金 | 500元/台 |\n押金说明\n押金500元，到期后不予退还。\n"
    assert [f.refundable for f in fees_of(kept) if f.kind == "deposit"] == [False]
