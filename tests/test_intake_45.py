"""Held-out set 45 (a second representative month of a consumer group's audit): each sign is read, and its honest
look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_page_that_sends_the_reader_to_the_official_site_to_check_it_claims_nothing() -> None:
    page = ("我们是福建国通星驿网络科技有限公司在福州的授权服务商，负责装机和巡检。"
            "您可以在国通星驿官网或拨打其客服电话，用商户编号核对您的签约信息和我司的服务商编码。")
    assert "site.impersonation" not in flagged(page, url="https://www.minxinpos.cn/xingpos/", kind="html")
    assert "site.impersonation" in flagged("我司是国通星驿官网，在线办理电签POS。",
                                           url="https://www.xingyi-pos.cn/", kind="html")
    assert "site.impersonation" in flagged("本站是国通星驿官网，请核对您的信息后提交申请。",
                                           url="https://www.xingyi-pos.cn/", kind="html")


def test_a_deposit_given_back_in_full_when_the_device_comes_back_is_a_note() -> None:
    text = ("音箱两种拿法：交押金借用：设备押金99元，开收据。哪天不做了，把音箱还到服务部，当场全额退99元；"
            "自己买：78元。")
    assert "fee.deposit" not in flagged(text)
    assert [(f.kind, f.amount, f.refundable) for f in fees_of(text) if f.kind == "deposit"] == [("deposit", 99.0, True)]
    assert "fee.deposit" in flagged("设备押金99元，开收据，刷满5万退。")


def test_a_bank_that_settles_the_takings_is_the_acquirer() -> None:
    page = ("收款码牌是中国农业银行为小微商户提供的聚合收款码。钱由农业银行直接结算到老板本人的借记卡。"
            "微信 / 支付宝扫码 | 0.38%\n码牌 | 免费")
    assert "licence.not_found" not in flagged(page, kind="html")
    offer = "电签POS机免费办理，钱由{}直接结算到老板本人的借记卡。信用卡 | 0.6%\n立即申请"
    assert "licence.not_found" not in flagged(offer.format("农业银行"), kind="html")
    assert "licence.not_found" in flagged(offer.format("我们"), kind="html")


def test_a_payment_method_in_a_list_is_not_named_the_acquirer_by_the_next_sentence() -> None:
    contract = ("电签POS机具及收款服务协议\n甲方（服务方）：杭州瑞通智付科技有限公司\n乙方（商户）：良渚禾丰水果店\n"
                "1.2 机具支持银行卡、云闪付及微信、支付宝扫码收款。\n"
                "1.3 乙方通过机具完成的交易，资金经合作收单通道清算后，结算至乙方本人结算账户。")
    assert "licence.not_found" in flagged(contract, kind="docx")


def test_a_company_listed_after_includes_is_named_by_its_own_name() -> None:
    contract = ("1.2 乙方平台接入的支付通道包括上海汇付数据服务有限公司（支付业务许可证号：{}）及其他合作持牌机构。"
                "乙方为甲方提供聚合收款码、电签POS接入。")
    assert "licence.number_mismatch" not in flagged(contract.format("Z2000931000013"), kind="pdf")
    assert "licence.number_mismatch" in flagged(contract.format("Z2002511000017"), kind="pdf")  # 拉卡拉's number


def test_no_right_to_settle_and_crimes_listed_are_no_practice() -> None:
    assert "clearing.second_clearing" not in flagged(
        "外包服务机构不是本协议当事人，无权代乙方收取任何费用或代结算资金。")
    definition = "1.6 可疑交易：指经乙方、清算机构或发卡机构监测，存在欺诈、套现、洗钱等风险特征的交易。"
    assert "promo.cash_out" not in flagged(definition)
    assert "promo.cash_out" in flagged("信用卡套现、代还、养卡，秒到账，手续费低，电签POS免费领。")


def test_fees_left_to_what_the_provider_announces_then_are_undisclosed() -> None:
    clause = "2.2 其他费用（包括但不限于终端维护、短信通知等），以甲方届时公布的收费标准为准。"
    assert "fee.undisclosed" in flagged(clause, kind="pdf")
    annex = "各项费用以本协议附件一公布的收费标准为准，附件以外的费用一律不收。"
    assert "fee.undisclosed" not in flagged(annex, kind="pdf")


def test_a_refund_offered_for_what_was_paid_back_then_is_no_fee() -> None:
    notice = "停用前完成登记的商户，可申请退还当初办理时缴纳的机具押金（99元-299元），并免费领取新版智能终端。"
    assert "fee.deposit" not in flagged(notice, kind="html")
    assert "promo.free_bait" not in flagged(notice, kind="html")


def test_a_deposit_nobody_asked_for_and_a_pitch_talked_out_of_are_no_fee() -> None:
    assert not fees_of("当时没让交押金，机器是我自己掏88块买的。")
    assert not fees_of("我有个亲戚去年被人上门推“免费送机、首刷扣299、刷满返还”的那种，我劝住了。")
    assert [(f.kind, f.amount) for f in fees_of("上门推销的说免费送机，结果首刷扣了299押金，刷满5万才退。")] == [
        ("deposit", 299.0)]


def test_a_screenshots_code_split_over_two_lines_is_still_asked_for() -> None:
    chat = ("拉卡拉电签-阿豪\n豪 您手机等下会收到一条6位数的验证\n码，直接截图或者把数字发我，我后\n台帮您把卡绑好\n"
            "好的我看看 我")
    assert "site.sensitive_data" in flagged(chat, kind="image")
    assert "site.sensitive_data" not in flagged(chat.replace("直接截图或者把数字发我", "不要发给任何人"), kind="image")
