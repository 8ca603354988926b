"""Held-out set 47 (after signing: notices, bills, leaving the terminal, fake 总部 calls, a mediation and a
judgment): each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.normalize import normalize_document


def _kinds(text: str, kind: str = "txt") -> list[tuple[str, float | None, str | None]]:
    return [(f.kind, f.amount, f.period) for f in fees_of(text, kind=kind)]


def test_a_service_plan_renewed_by_itself_is_a_recurring_fee() -> None:
    sms = ("商户短信截图转文字\n发件人：1069 0255 xxxx\n2025年3月1日 00:05\n"
           "【快刷联盟】温馨提示：您的终端“安心用”服务套餐（198元/年，含系统维护、交易短信提醒）已于2025年2月28日到期，"
           "系统已为您自动续订一年，费用将从下一笔结算款中扣除。")
    assert ("recurring", 198.0, "year") in _kinds(sms)
    assert {"fee.recurring", "terms.auto_renewal"} <= flagged(sms)


def test_a_data_cards_yearly_service_fee_is_the_data_fee() -> None:
    shot = ("18:03 5G 61%\n1065 7596 xXXX\n2025年7月1日18:02\n【拉卡拉】尊敬的商户：您终端（SN尾号\n"
            "2291）内置的4G流量卡服务将于2025-07\n-15到期，年服务费36元，入网时已告知\n。如需继续使用，请在拉卡拉官方APP\n"
            "我的-流量卡”中点击确认续订，确认后方\n扣费；不续订的，终端可继续通过WiFi交\n易，不产生任何费用。拉卡拉不会致电索\n"
            "要验证码。\n")
    assert "2025-07-15到期" in normalize_document(shot, "image").text  # a date cut before its day goes on
    assert _kinds(shot, "image") == [("data", 36.0, "year")]
    assert not flagged(shot, kind="image")
    assert "1000.00\n-6.00" in normalize_document("交易金额 1000.00\n-6.00 手续费", "pdf").text


def test_settlement_stopped_until_the_provider_says_is_a_hold() -> None:
    notice = ("您的账户于2025-05-17触发平台风控策略。自即日起，平台暂停对您的账户结算，已入账未结算的资金暂予冻结。"
              "解冻时间以平台风控审核结果为准。")
    assert "terms.fund_hold" in flagged(notice)
    migration = ("三、迁移期间，甲方的交易资金暂停结算，已发生交易的资金于迁移完成后统一结算至甲方结算账户。"
                 "暂停结算的期限视迁移进度及新通道审核情况而定，恢复结算的时间以乙方通知为准。")
    assert "terms.fund_hold" in flagged(migration)
    fault = "4.1 因收单机构系统故障导致甲方资金延迟结算的，收单机构承担赔偿责任。"
    assert "terms.fund_hold" not in flagged(fault)


def test_a_fees_total_after_its_name_is_its_price() -> None:
    swap = "换机需支付机具工本费及激活服务费合计168元，于新机首笔交易时自动扣除。"
    assert _kinds(swap) == [("deposit", 168.0, "once")]
    assert not fees_of("本月交易金额合计5000元，手续费0.6%。")[1:]  # a volume's total is no fee


def test_a_stop_that_pushes_a_paid_swap_poses_as_service() -> None:
    sms = ("【聚宝收银】尊敬的商户：因原合作收单机构业务调整，您名下旧款POS终端将于2025年7月31日起停止交易，"
           "届时无法刷卡收款。我司已为您预留新款智能POS一台。换机需支付机具工本费及激活服务费合计168元。"
           "请于7月20日前回复“换机”预约上门，逾期将无法保留名额。")
    assert "promo.fake_service" in flagged(sms)
    warning = "提醒：近期有人发短信称旧机将于月底停止交易，要求回复“换机”，请勿理会，我司不会以此为由收费。"
    assert "promo.fake_service" not in flagged(warning)


def test_a_head_office_caller_who_offers_to_stop_a_charge_for_a_code() -> None:
    call = ("A：您好，这边是POS机总部客户服务中心，工号0386。您的收款机被代理商默认开了一个VIP增值服务。\n"
            "A：总部这边现在统一清理，帮商户免费关掉。\n"
            "A：系统会给您发一条六位数的验证码，您把验证码报给我，我这边录进去就解绑了。\n")
    assert {"promo.fake_service", "site.sensitive_data"} <= flagged(call)


def test_the_activation_sum_pointed_at_and_named() -> None:
    chat = "不过激活那299是服务费，当时跟你讲过的，一年内刷满30万才返，这个钱是退不了的"
    assert _kinds(chat) == [("deposit", 299.0, "once")]
    assert {"fee.deposit", "terms.non_refundable"} <= flagged(chat)


def test_a_banks_account_notice_and_a_deposit_given_back_are_no_practice() -> None:
    note = ("4. 银行到账短信（商户手机截图）：\n【农业银行】您尾号2207账户05月30日15:12完成转账交易人民币200.00，"
            "余额3,516.40。对方户名：宁城信达商务服务有限公司，附言：退POS押金 何**。\n"
            "租用结束甲方将机具完好归还的，乙方于验机后七个工作日内将押金无息原路退还。\n")
    found = flagged(note)
    assert "promo.fake_service" not in found and "clearing.second_clearing" not in found


def test_a_rate_taken_told_in_the_next_paragraph() -> None:
    complaint = ("投诉内容：\n今年2月，业务员上门装了一台刷卡机，当面说好贷记卡0.55%，协议里费率那一栏也是写的0.55%。\n"
                 "五月底我对账发现到账少了很多，从4月中旬开始每笔都是按0.79%扣的，我没有收到过任何通知。\n")
    assert "fee.rate_bait" in flagged(complaint)
    table = "贷记卡0.60%。\n借记卡0.50%，调整为单笔封顶20元。\n"
    assert "fee.rate_bait" not in flagged(table)


def test_a_mediation_records_what_was_taken_and_offers_nothing() -> None:
    record = ("人民调解协议书\n纠纷简要情况：\n"
              "被申请人每月以“机具管理费”名义从申请人结算账户扣收39元，五个月共计195元，申请人事先未接到通知。\n经调解，双方自愿达成如下协议：\n"
              "一、被申请人于2025年4月15日前向申请人退还已扣收的机具管理费195元。\n")
    assert _kinds(record) == [("recurring", 39.0, "month")]
    assert "licence.not_found" not in flagged(record)
    assert not fees_of("不法分子以“系统升级”为由收取费用99元，请勿相信。")


def test_a_slip_set_against_the_business_its_writer_names_later() -> None:
    notes = ("【第1笔】5月17日晚 信用卡\n  签购单 商户名称：宜家惠便民生活超市\n     商户编号：836 5840 5411 2093\n"
             "【我的疑问】\n1. 我开的是火锅店，为什么小票上打的是一个超市的名字？\n"
             "2. 说好的0.6%，为什么实际扣的是0.78%？APP上没有任何通知。\n")
    assert {"clearing.mcc_jumping", "fee.rate_bait"} <= flagged(notes)
    assert "clearing.mcc_jumping" in flagged("我开的是火锅店。签购单：商户名称 蜀香阁，商户编号 836 5840 5411 2093。")
    assert "clearing.mcc_jumping" not in flagged("我开的是超市。签购单：商户编号 836 5840 5411 2093。")


def test_a_fee_changed_from_one_sum_to_another_is_the_new_one() -> None:
    notice = "一、自2025年7月1日起，机具通讯服务费由原来的每年48元，调整为每季度36元，于每季度首月从您的结算款中扣收。"
    assert _kinds(notice) == [("data", 36.0, "quarter")]
    assert "fee.data" in flagged(notice)


def test_supplies_given_free_are_no_free_device() -> None:
    board = ("对所有在用机具收取终端维护费，每台每月15元，于每月1日从当日结算款中直接扣除。\n"
             "纸卷免费领取\n在用大POS的商户可到服务站免费领取打印纸卷，每月限4卷。\n")
    assert "promo.free_bait" not in flagged(board)
    assert "promo.free_bait" in flagged(board.replace("纸卷免费领取", "POS机免费领取"))


def test_a_form_labels_note_before_its_colon() -> None:
    form = ("在线登记\n商户名称：\n结算银行卡号（退款将退至此卡）：\n结算卡预留手机号：\n"
            "短信验证码（点击获取后将收到银行短信，请如实填写以核验身份）：\n提交办理\n")
    assert "site.sensitive_data" in flagged(form, url="https://ums-tuiji.example.cn/", kind="html")


def test_nothing_at_all_to_pay_belied_by_a_data_fee_taken_again_and_again() -> None:
    complaint = ("投诉内容：去年12月刷抖音看到的广告，“商户专享 POS机0元领取 包邮到家 不收一分钱”，我就填了地址。\n"
                 "结果今年2月结算款里少了89块，APP里写的是“SIM卡流量服务费”。4月又扣了89，6月又扣89。我要投诉。\n")
    assert "promo.free_bait" in flagged(complaint)
    footer = complaint.replace("不收一分钱", "") + "温馨提示：平台不收取任何费用，不会以平台名义要求您转账。\n"
    assert "promo.free_bait" not in flagged(footer)


def test_a_letter_to_a_consumer_association_is_a_complaint() -> None:
    letter = ("致县消费者协会：\n我叫覃丽萍，在城西菜市场卖干货。"
              "去年11月有个小伙子到市场发传单，说POS机免费送，不要一分钱，我就办了一台。\n结果第一次刷卡就扣了我298块，说是激活费，要三个月刷满20万才退。\n请帮我把被扣的钱要回来\n")
    assert {"fee.deposit", "promo.free_bait"} <= flagged(letter)


def test_an_images_line_is_long_by_its_characters_or_by_its_width() -> None:
    form = ("四、增值服务（以下项目已默认开通）\n资金安全保障服务：按每笔交易金额的0.05%收取保障费，单笔最高10元\n"
            "星享VIP会员：298元/年，开通后信用卡费率由0.6%降至0.55%；会员期满自\n动续期一年，续期费用从结算款中扣除\n"
            "注：以上增值服务为服务商默认配置，如需取消须由商户本人向服务商书面申请。商户签字\n")
    assert "会员期满自动续期" in normalize_document(form, "image").text  # long by its characters (digits are narrow)
    chat = ("要交押金吗？\n没有押金的哦亲，就是激活的时候\n系统扣一笔99的服务费，三个月内\n刷满3万全部退给您\n"
            "可以退，不过一年内退机要扣200的\n")
    assert "激活的时候系统扣" in normalize_document(chat, "image").text  # long by its width
