"""Held-out set 35 (channels and noise: posters, social posts, traditional characters, slang and evasive spelling):
each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.normalize import normalize, normalize_document


def test_a_practice_the_writer_says_they_do_not_play_is_denied() -> None:
    honest = "很多老板问我，你们家机器为啥不送钱？\n因为我们不玩“首刷扣99再返”那一套。\n✅ 不收押金 不收激活费"
    assert [f for f in fees_of(honest) if f.kind == "deposit"] == []
    assert "fee.deposit" not in flagged(honest)
    assert "fee.deposit" in flagged("我们这款电签首刷扣99，刷满3万再返。")


def test_a_business_taking_its_own_customers_deposits_offers_no_card_acceptance() -> None:
    rental = ("租车押金怎么付？信用卡预授权 / POS刷卡押金说明\n门店使用POS机以信用卡预授权方式冻结押金，不实际扣款。\n"
              "经济型 | 3000元 | 违章押金2000元\n还车验车无误后，门店当场在POS机上撤销预授权。")
    assert "licence.not_found" not in flagged(rental)
    agent = "电签POS机办理\n个人也能办，信用卡0.6%，T+1到账，加微信领机。"
    assert "licence.not_found" in flagged(agent)


def test_evasive_spellings_read_as_the_words_they_stand_for() -> None:
    assert normalize("开个年度会员199 费律直接降到0.5").text == "开个年度会员199 费率直接降到0.5"
    assert normalize("摘要：机具流亮费").text == "摘要:机具流量费"
    assert normalize("服务费⑨⑨元，首笔交易自动扣").text == "服务费99元,首笔交易自动扣"
    # a lone circled digit marks a list's item; 亮 and 律 elsewhere are words of their own
    assert normalize("①押金:无 ②流量费69元/年").text == "①押金:无 ②流量费69元/年"
    assert normalize("屏幕很亮，符合法律规定").text == "屏幕很亮,符合法律规定"


def test_a_taiwanese_withdrawal_is_a_withdrawal_fee() -> None:
    page = "收費說明\n錢包提領 每筆人民幣 2 元；大額提領另加 0.1%"
    assert [(f.kind, f.amount, f.unit) for f in fees_of(page)] == [("withdrawal", 2.0, "元/笔"),
                                                                   ("withdrawal", 0.1, "%")]


def test_a_quoted_fund_protection_priced_per_swipe_is_insurance_a_promise_of_safe_funds_is_not() -> None:
    script = "Q：听说有保险？\nA：那个是“账户资金保障”，给老板的钱上个保险，防盗刷的，每笔就多 0.1%。"
    assert "fee.insurance" in flagged(script)
    promise = "办理说明\n资金保障：资金由收单机构直接结算到您本人银行卡，信用卡费率0.6%。"
    assert [f.kind for f in fees_of(promise)] == ["rate"]


def test_a_provider_having_the_acquirer_freeze_funds_and_owing_no_compensation() -> None:
    contract = ("甲方（服务商）：某某科技有限公司\n乙方（商户）：\n"
                "3.1 甲方有权根据风险监测结果，在认为必要时暂停乙方的收款功能，并通知收单机构冻结乙方全部待结算资金，"
                "冻结期限由甲方视核查进展确定。\n"
                "4.1 因甲方自身系统及工作人员操作问题导致乙方资金延迟到账或损失的，甲方均不承担赔偿义务。")
    assert {"terms.fund_hold", "terms.liability_exclusion"} <= flagged(contract)
    fair = ("甲方（收单机构）：某某支付有限公司\n乙方（商户）：\n"
            "3.1 乙方可通知收单机构冻结其遗失的终端，甲方应在1个工作日内办理。\n"
            "4.1 因甲方自身原因造成乙方资金损失的，甲方依法承担赔偿责任。")
    assert not {"terms.fund_hold", "terms.liability_exclusion"} & flagged(fair)


def test_an_official_accounts_post_location_does_not_make_its_ad_a_forum_post() -> None:
    post = ("【新品上车】2025款电签来啦\n原创 刷刷小助手 · 鑫易收商户服务 2025-03-02 09:41 发表于广东\n"
            "今天给大家推一款一清机，大牌通道，稳定不跑路！\n机器0元包邮到家，刷卡秒到。\n评论区扣1，或者后台回复「电签」领机。")
    assert "licence.not_found" in flagged(post)
    forum = ("问一下这种机器靠谱吗\n楼主 发表于 2025-03-02 09:41\n有人推一款一清机，说大牌通道，机器0元包邮，"
             "我想问问大家靠不靠谱？")
    assert "licence.not_found" not in flagged(forum)


def test_an_images_lines_that_reach_its_width_wrap_and_a_posters_short_lines_do_not() -> None:
    bubble = ("10:21\n您好,这边是拉卡拉总部客服,系统检测到您\n名下pos机存在异常交易,明天零点起将暂停\n使用。\n"
              "10:21\n为了不影响您收款,总部可以免费给您升级一\n台新机,旧机寄回即可。")
    read = normalize_document(bubble, "image").text
    assert "系统检测到您名下pos机存在异常交易,明天零点起将暂停使用。" in read
    assert "升级1台新机" in read and "\n10:21\n" in read  # a message's time stays a line of its own
    poster = ("新款电签pos\n0元领 包邮到家\n*活动说明:首笔交易自动扣除机具激活费99元,激活后90天内累计交易\n"
              "满5万元全额返还。")
    assert normalize_document(poster, "image").text.splitlines()[:2] == ["新款电签pos", "0元领 包邮到家"]
    assert "累计交易满5万元" in normalize_document(poster, "image").text
    # a plain text's short lines stay as they are
    assert normalize_document(bubble, "txt").text.count("\n") == bubble.count("\n")


def test_midnight_is_a_time_not_a_negation() -> None:
    chat = ("拉卡拉总部客服 10:21\n您好，这边是拉卡拉总部客服，您名下POS机存在异常交易，明天零点起将暂停使用。\n"
            "为了不影响您收款，总部可以免费给您升级一台新机，旧机寄回即可。")
    assert "promo.fake_service" in flagged(chat)
    assert "fee.deposit" not in flagged("新机零押金，包邮到家，信用卡0.6%。")


def test_a_flat_denial_that_refunds_exist_declares_the_fee_non_refundable() -> None:
    caption = ("文案：被商户问烦了统一回复一下：那129是激活费，不是押金!!! 没有“退”这一说，"
               "达标的平台给奖励，没达标就是机器成本。")
    assert "terms.non_refundable" in flagged(caption)
    assert "terms.non_refundable" not in flagged("押金随时可退，没有“不退”这一说。")


def test_a_rate_told_as_promised_and_then_as_taken_in_a_later_sentence_is_a_raise() -> None:
    story = ("投诉：POS机费率没打招呼就变了\n我开窗帘店的，当时说好信用卡0.55%，一直也是这个数。"
             "上个月对账突然发现每笔都是按0.72%扣的，我没收到过任何通知。")
    assert [(f.amount, f.later_amount) for f in fees_of(story) if f.kind == "rate"] == [(0.55, None), (None, 0.72)]
    assert "fee.rate_bait" in flagged(story)
    # another fee named in between keeps the change with that one; a sentence without a change adds nothing
    plain = "当时说好信用卡0.55%，一直也是这个数。流量费每年按99元扣的。"
    assert [f.later_amount for f in fees_of(plain) if f.kind == "rate"] == [None]


def test_an_answer_s_advice_is_no_notice_term_of_the_askers_provider() -> None:
    page = ("费率没打招呼就变了，正常吗？ - 小店问答\n提问者：做窗帘的阿华\n"
            "我开窗帘店的，当时说好信用卡0.55%，一直也是这个数。我上个月对账发现每笔都是按0.72%扣的，我没收到过通知。\n"
            "5个回答\n最佳答案 支付老兵\n正规收单机构调价会提前公告并给你不同意就解约的权利，一声不吭调价肯定有问题。")
    assert "fee.rate_bait" in flagged(page)
    notice = ("调价通知\n信用卡费率将由0.55%调整为0.6%，自公告之日起30日后生效，"
              "商户不同意本次调整的，可在生效前免费解约。")
    assert "fee.rate_bait" not in flagged(notice)


def test_a_rate_changed_again_and_again_is_reported_as_raised() -> None:
    assert "fee.rate_bait" in flagged("投诉：从办理到现在一年，我的费率被调了三次，我一次都没同意过。")
    assert "fee.rate_bait" not in flagged("担心费率被调了怎么办？签约前看清合同里的调价条款。")


def test_a_plan_named_by_whom_or_how_long_it_is_for_is_a_membership() -> None:
    chat = "2024-05-02 10:11 小李:\n想费率低一点，可以开个商户会员，199一年，开了以后信用卡给你降到0.58，直接从到账里扣"
    assert [(f.kind, f.amount) for f in fees_of(chat) if f.kind == "membership"] == [("membership", 199.0)]
    # the shop's own membership scheme for its customers is no fee of the terminal
    shop = "收银功能\n支持会员管理、会员储值，顾客充值199元送20元。"
    assert [f for f in fees_of(shop) if f.kind == "membership"] == []


def test_a_transaction_sms_reminder_priced_by_the_month_is_a_recurring_fee() -> None:
    form = "商户开通确认单\n交易短信提醒 每月3.00元，按月从结算款扣收 ☑ 已开通"
    assert [(f.kind, f.amount, f.unit) for f in fees_of(form)] == [("recurring", 3.0, "元/月")]
    notice = "收费标准\n流量费每年36元，扣收前三日以短信提醒商户。"
    assert [f.kind for f in fees_of(notice)] == ["data"]


def test_an_unnamed_rate_said_to_hold_for_credit_cards_too_is_held_to_the_floor() -> None:
    post = "今天给大家推一款yq一清机\n🔺费率 万38 ！！！（信用卡借记卡都一样哦）\n🔺秒到 秒到"
    assert "fee.rate_bait" in flagged(post)
    qr = "收费标准\n扫码费率 万38（信用卡借记卡绑定的都一样）"
    assert "fee.rate_bait" not in flagged(qr)
