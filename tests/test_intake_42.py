"""Held-out set 42 (messy layouts), its leftovers: each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_takings_that_go_into_the_agents_company_account_first_are_second_clearing() -> None:
    chat = "各位老板下午好，我们家机器是代理直清的，钱先统一进我们公司对公户，每天下午四点准时打到各位卡上。"
    assert "clearing.second_clearing" in flagged(chat)
    honest = "正规一清机器，钱不会先进我们公司对公户，由收单机构直接结算到您的卡上。"
    assert "clearing.second_clearing" not in flagged(honest)


def test_a_bill_that_credits_a_payment_to_a_wallet_is_second_clearing() -> None:
    bill = "账单详情\n刷卡收款-信用卡\n入账金额 ¥9,927.00\n入账方式 {}\n收单机构 随行付支付有限公司"
    assert "clearing.second_clearing" in flagged(bill.format("钱包余额"), kind="image")
    assert "clearing.second_clearing" not in flagged(bill.format("银行卡（尾号3321）"), kind="image")


def test_a_deduction_the_back_office_makes_by_itself_at_expiry_renews() -> None:
    chat = "机器里插了张流量卡，第一年送你用，第二年起一年九十九，到期后台自{}就扣了，你不用管。"
    assert "terms.auto_renewal" in flagged(chat.format("己"))
    assert "terms.auto_renewal" in flagged(chat.format("已"))  # a typo, and an OCR's reading of 己
    assert "terms.auto_renewal" in flagged(chat.format("\n已"), kind="image")  # …at the end of a screenshot's line
    assert "terms.auto_renewal" not in flagged("今天刷了一笔，后台自己就扣了0.6%的手续费，到账少了六块。")  # one-off


def test_a_bare_sum_in_the_cell_after_a_fees_name_is_its_price() -> None:
    table = "收费项目 | 标准 | 说明\n终端年费 | 三百六一年，开机次月起从结算款中扣收 | "
    assert [(f.kind, f.amount, f.period) for f in fees_of(table)] == [("recurring", 360.0, "year")]
    assert [(f.kind, f.amount) for f in fees_of("项目 | 金额\n押金 | 299 | 刷满5万退")] == [("deposit", 299.0)]
    assert not fees_of("项目 | 数量\n终端 | 2 | 台")


def test_a_data_fee_that_cannot_be_switched_off_is_not_optional() -> None:
    note = "** 机具内置物联网卡，通信费每年壹佰贰拾元，自激活次年起收取，不可选择关闭。"
    assert [(f.kind, f.amount, f.optional) for f in fees_of(note)] == [("data", 120.0, False)]
    assert "fee.data" in flagged(note)
    chosen = "** 短信通知为可选服务，通信费每年壹佰贰拾元，可随时关闭。"
    assert [f.optional for f in fees_of(chosen)] == [True]


def test_a_guarantee_money_taken_as_a_share_of_each_payment_is_insurance() -> None:
    story = "每笔交易除了手续费还多了一项“交易保障金”，按万分之五扣的，这个开关是默认打开的。"
    assert "fee.insurance" in flagged(story)
    assert "fee.insurance" not in flagged("交易保障金300元，解约后退还。")  # a fixed sum held back: no insurance


def test_a_title_that_counts_the_pits_in_quotes_is_a_guide() -> None:
    article = ("POS机这几个“坑”，十个老板九个踩过\n"
               "如果有人跟你说机器白送，但是“第一次刷卡会扣一笔钱，刷够多少再返”，那你要想清楚：这笔钱返不返、"
               "什么时候返，全凭对方说了算。正规的收单机构给商户装机，是不收押金的。")
    found = flagged(article)
    assert "terms.non_refundable" not in found and "licence.not_found" not in found


def test_an_app_bills_debit_line_with_a_default_on_note_is_that_fee() -> None:
    bill = "交易金额 ￥10,000.00\n交易手续费(0.60%) -60.00\n资金安全保障 {} -10.00\n入账金额 ¥9,930.00"
    assert [(f.kind, f.amount) for f in fees_of(bill.format("默认开通"), kind="image") if f.kind != "rate"] == [
        ("insurance", 10.0)]
    assert "fee.insurance" in flagged(bill.format("默认开通"), kind="image")
    assert "fee.insurance" not in flagged("资金安全保障 2025-03-01 起全面升级，交易更安心。")  # a date, no debit
