"""Held-out sets 56–58 (contracts clause by clause; regional voices and platforms; screenshots and the three
statements), and the leftovers of sets 53 and 55: what their misses taught, in sentences of our own."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.normalize import normalize, normalize_document


def test_a_hold_while_a_review_lasts_and_a_balance_shown_held() -> None:
    assert "terms.fund_hold" in flagged("我申请退机后，客服说审核期间结算暂停，问要多久，回答是没有具体时间。")
    assert "terms.fund_hold" in flagged("我的钱包余额里存着的两万多元突然显示“风控审核中”，问多久能好，客服说不清楚。")
    assert "terms.fund_hold" in flagged("从上周三开始刷的钱一直没到账，商户APP里显示“结算暂停”，打客服也说不出原因。")
    # …a stop with a stated end, and a question, are not holds
    assert "terms.fund_hold" not in flagged("系统升级公告：升级审核期间结算暂停，2小时后恢复，请商户谅解。")
    assert "terms.fund_hold" not in flagged("资金显示风控审核中怎么办？按要求上传小票照片，审核通过后会恢复到账。")


def test_a_power_to_hold_told_at_length_but_not_a_promise_not_to() -> None:
    clause = ("4.2 收单机构有权根据商户的交易情况、所属行业风险等级及风险交易监测结果，对商户采取延迟结算、冻结待结算"
              "资金等措施，期限由收单机构根据风险评估结果确定。")
    assert "terms.fund_hold" in flagged(clause)
    fair = ("第九条 乙方应按约定的结算周期，将甲方的交易资金扣除手续费后足额结算至甲方同名账户，"
            "不得截留、挪用甲方的结算资金。")
    assert "terms.fund_hold" not in flagged(fair)


def test_renewals_the_merchant_never_made() -> None:
    assert "terms.auto_renewal" in flagged("去年开的会员，今年六月又扣了一次298，我压根没有续过。")
    lease = "租期届满前十日内，承租方未书面提出退租的，本合同按原条件续租一年，续租期间月租金照常从结算款中扣收。"
    assert "terms.auto_renewal" in flagged(lease)
    told = "本协议期满前，乙方未以书面形式提出不再续约的，本协议自动续期一年，续期次数不限。"
    assert "terms.auto_renewal" in flagged(told)
    plain = "第九条 本协议有效期一年，期满前三十日任何一方未提出终止的，本协议续期一年。"
    assert "terms.auto_renewal" not in flagged(plain)


def test_a_change_by_a_sum_and_a_rate_the_contract_itself_steps_up() -> None:
    # 降的那0.1个点 is the size of a cut, not a credit-card rate below the floor
    assert "fee.rate_bait" not in flagged("我一年也就刷十几万，降的那0.1个点一年才省一百多，还不够会员费。")
    step = "注：激活后前60日内贷记卡按0.40%执行；第61日起，贷记卡费率自动调整为0.62%，届时不再另行通知。"
    found = flagged(step)
    assert "fee.rate_bait" in found and "terms.unilateral_change" not in found
    assert "terms.unilateral_change" in flagged("乙方可根据经营需要调整费率，届时不再另行通知。")


def test_a_teaser_told_after_its_rate() -> None:
    for text in ("贷记卡0.52%，新商户首2个月优惠价，第3个月起按0.65%执行。",
                 "项目 | 标准 | 说明\n贷记卡 | 0.52% | 入网首2个月优惠价，第3个月起按0.65%执行\n"):
        rate = next(f for f in fees_of(text) if f.channel == "credit")
        assert (rate.amount, rate.later_amount) == (0.52, 0.65)
        assert "fee.rate_bait" in flagged(text)
    assert next(f for f in fees_of("贷记卡0.60%，3个月内刷满5万返现100元。") if f.kind == "rate").later_amount is None


def test_an_agreed_rate_raised_without_consent_but_not_an_unexplained_shortfall() -> None:
    raised = ("协议约定的手续费为：贷记卡0.60%。但自5月起贷记卡交易按1.10%扣费，比约定的0.60%高出近一倍，"
              "业务员说是系统统一上调，"
              "我们从未收到费率调整通知。")
    assert "fee.rate_bait" in flagged(raised)
    shortfall = ("按约定费率0.60%计算，该笔应结算4,970.00元，实际到账4,950.00元，相当于按1.00%扣收手续费，"
                 "请贵司核实原因。")
    assert "fee.rate_bait" not in flagged(shortfall)


def test_a_notice_with_a_free_exit_by_cancellation() -> None:
    notice = ("【某某支付】费率调整通知：自2026年3月1日起，您的贷记卡费率由0.60%调整为0.63%。如您不同意本次调整，"
              "可在生效日前通过APP申请注销，注销及退机不收取任何费用。")
    assert "fee.rate_bait" not in flagged(notice)
    assert "fee.rate_bait" in flagged("【某某支付】自下月起，您的贷记卡费率由0.60%调整为0.63%。")


def test_a_deposit_returned_with_a_rented_device() -> None:
    lease = ("二、押金\n1. 商户领取终端时交纳终端押金人民币叁佰元整（300元）。\n"
             "2. 协议终止、商户返还终端且配件完好的，出租方应于七个工作日内将押金无息原路退还商户。\n")
    assert "fee.deposit" not in flagged(lease)
    assert "fee.deposit" in flagged("商户领取终端时交纳押金300元，激活后90天内刷满5万元无息原路退还。")


def test_a_renewal_fee_is_the_renewed_services_and_a_section_names_its_fee() -> None:
    vip = ("（二）尊享会员服务费为每年360元，开通当日扣收。\n"
           "（三）服务期满时系统自动为乙方续订下一年度，续订费用360元于到期次日从结算资金中扣收。\n")
    kinds = {f.kind for f in fees_of(vip) if f.amount == 360}
    assert kinds == {"membership"}
    section = ("商户承诺书\n二、交易资金保障服务确认\n"
               "1. 为防范盗刷风险，服务商为本店配套开通“交易资金保障服务”，年度限额内赔付。\n"
               "2. 服务费按每笔交易金额的0.04%计收，与手续费一并扣收。\n")
    assert [f.kind for f in fees_of(section) if f.kind != "rate"] == ["insurance"]
    other = ("商户承诺书\n二、交易资金保障服务确认\n1. 本服务另有流量费36元/年。\n"
             "2. 服务费按每笔交易金额的0.04%计收。\n")
    assert "insurance" not in {f.kind for f in fees_of(other) if f.amount == 0.04}


def test_a_mandatory_data_card_and_a_sum_named_by_its_bill() -> None:
    table = "流量服务费 | 69元/年 | 激活满12个月后每年收取一次\n注：流量服务费为终端通讯必需费用，从结算款中扣收。\n"
    assert "fee.data" in flagged(table)
    assert "fee.data" not in flagged("流量服务费 | 36元/年 | 可选，使用店内WiFi可不开通\n")
    assert "fee.instant_settlement" in flagged("每一笔都多扣3块，交易明细备注“秒到服务费”，可我从来没开过秒到。")
    assert "fee.insurance" in flagged("这几个月每月1号结算款里都少19.9，账单里叫“资金安全险”，我没买过。")
    assert "fee.instant_settlement" not in flagged("当天到账的功能也有，每笔加0.05%，要自己在APP里申请，我没开。")


def test_written_cantonese_reads_as_mandarin() -> None:
    assert normalize("佢话扣咗嘅299系押金，唔退").text == "他说扣了的299是押金,不退"
    assert normalize("我碌咗300蚊").text == "我刷了300元"
    assert normalize("未够期唔用要赔违约金，唔使理佢").text == "未够期不使用要赔违约金,不用理他"
    # …and the Mandarin words the mapped characters also make are left alone
    assert normalize("请联系客服，忙碌时段电话费另计，系统维护").text == "请联系客服,忙碌时段电话费另计,系统维护"
    story = "开通嗰日佢叫我碌一笔试机，碌咗300蚊，到账得1蚊！佢话扣咗嘅299系“激活服务费”，三个月内碌够十万先退返。"
    assert "fee.deposit" in flagged(story)


def test_posts_and_hearsay_offer_nothing() -> None:
    post = ("小红书 · 笔记\n开店一年｜我的收款机怎么选的\n编辑于 2025-05-01  IP属地：浙江\n"
            "我是去开户银行办的POS机，借记卡0.5%封顶20元，信用卡0.6%。\n📌 办理流程\n营业执照+身份证 → 上门装机\n")
    assert not {c for c in flagged(post) if c.startswith("licence.")}
    selling = post + "想办理POS机的朋友评论区扣1，我私你\n"
    assert "licence.not_found" in flagged(selling)
    heard = "我表妹用的是另一个牌子，听她说办的时候还让交399会员，说交了费率能降。"
    assert "fee.membership" not in flagged(heard)
    assert "fee.membership" in flagged("办的时候业务员让我交399开会员，说交了费率能降到0.5。")


def test_answers_advice_and_a_free_hotline() -> None:
    faq = ("问：怎么确认是一清？\n答：结算款由本公司直接付到您的结算卡。如您在银行流水中看到付款方是个人或其他公司，"
           "请立即停止使用并联系我们。\n")
    assert "clearing.second_clearing" not in flagged(faq)
    own = "收单机构：某某支付\n上周到账的那笔是一个叫王建国的人转过来的，不是某某支付打的。"
    assert "clearing.second_clearing" in flagged(own)
    paid_by = "签购单上收单机构写的某某支付，到账金额是对的，就是打款的这家科技公司我不认识。"
    assert "clearing.second_clearing" in flagged(paid_by)
    assert "clearing.second_clearing" not in flagged("付款方是收单机构本身，不是个人或者别的公司，说明是一清。")
    assert "promo.free_bait" not in flagged("某某支付POS机 · 全国免费申请热线 400-000-0000\n新装机具需缴纳激活费198元")
    warning = "任何人让您提供银行卡密码或短信验证码的，都是骗子。"
    assert "site.sensitive_data" not in flagged(warning, url="https://pos.example.cn/")
    assert "terms.non_refundable" not in flagged("市面上有些“免费领机”的广告，激活时会扣几百元押金、刷不满不退。")


def test_their_words_in_a_chat_line_and_refusals_in_other_words() -> None:
    chat = "我：机器寄回去了，激活扣的299退给我\n王经理：亲，那299是服务费，激活就扣掉了，不能退的哈\n"
    assert "terms.non_refundable" in flagged(chat)
    assert "terms.non_refundable" in flagged("我打电话去问，人家说没达标那298就算“服务费”了，不给退，合同上有写。")
    assert "terms.non_refundable" not in flagged("结果：我们协商后退了一半。")


def test_a_penalty_denied_as_a_fine_and_an_undisclosed_rate_for_a_reduction() -> None:
    damage = "终端因乙方原因毁损的，乙方按终端价格赔偿；该赔偿为终端的实际价值，不属于违约金。"
    assert "terms.penalty" not in flagged(damage)
    assert "terms.penalty" in flagged("乙方提前解约的，应向甲方支付违约金500元。")
    reduced = "说明：公立医院、学校等商户按国家规定享受手续费减免，具体费率另行约定。"
    assert "fee.undisclosed" not in flagged(reduced)


def test_a_bill_showing_a_firm_and_a_phishing_sms_that_stops_every_transaction() -> None:
    bill = "我开的是面馆，客人说他信用卡账单上在我这吃饭那笔显示的是一家贸易公司，我也不认识这家公司。"
    assert "clearing.mcc_jumping" in flagged(bill)
    sms = ("【某某商务】尊敬的商户：您正在使用的旧款POS机已列入淘汰名单，将于2026年1月31日起停止一切交易。"
           "总部现为您免费更换新机，办理请回复1。")
    assert "promo.fake_service" in flagged(sms)
    free = "为保障您的正常经营，总部现为您办理免费升级换机。新机激活时将从首笔交易中扣取押金199元。"
    assert "promo.free_bait" in flagged(free)


def test_an_ocr_line_break_inside_a_year() -> None:
    """An OCR'd screenshot wraps wherever the line is full, inside a year too (将于2⏎025年…): the wrap is joined,
    while a line that starts a dated record (2025年6月30日 10:02) still stands on its own."""
    shot = ("【某某商务】尊敬的商户：根据最新监管要求，您正在使用的旧款机具已列入淘汰名单，将于2\n"
            "025年6月30日起停止一切交易。为不影响您的正常收款，总部现为您免费更换新一代电签机器。\n")
    assert "2025年6月30日" in normalize_document(shot, "image").text
    log = ("【某某商务】尊敬的商户：您本月的交易结算已全部完成，感谢您一直以来的支持与信任，祝生意兴隆12\n"
           "2025年6月30日 10:02 【某某商务】您的验证码为583014，5分钟内有效，请勿告知他人。\n")
    assert "\n2025年6月30日" in normalize_document(log, "image").text
