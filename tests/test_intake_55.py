"""Held-out set 55 (the long tail of how each practice is worded): renamed fees, plans and programmes, wallets called
accounts, a category matched by a system, a review that switches a terminal off, terms in a supplement's words."""

from __future__ import annotations

from flags import flagged, shared_engine
from poscheck.pipeline import check_text


def test_fees_by_their_renamed_names() -> None:
    clearing = "即时清分：系统默认开启，交易完成后即时清分到卡，每笔收取1.5元清分服务费"
    assert "fee.instant_settlement" in flagged(clearing)
    assert "fee.instant_settlement" in flagged("到账加速费 | 每笔2元（系统默认开启，刷完即到） |\n")
    assert "fee.insurance" in flagged("商户收款保障服务 | 按每笔交易金额0.08%计收，新开户商户由系统默认开通 |\n")
    assert "fee.recurring" in flagged("品牌使用费 | 45元/季度，按季从结算款中扣收 |\n")
    assert "fee.membership" in flagged("白金用户：一次性办理白金权益，365元/年，白金用户手续费降到0.5%")
    assert "fee.withdrawal" in flagged("要我自己点“转出”才能到卡上，每转一次收3块钱出款费")
    table = "机具使用费 | 199元 | 首笔交易时系统自动划扣；开通后30天内累计交易满5万元，以奖励金形式返还至结算卡 |\n"
    assert "fee.deposit" in flagged(table)
    # …and the same words where nothing is charged
    assert "fee.instant_settlement" not in flagged("即时清分功能默认关闭，开通不收取任何费用。")
    assert "fee.recurring" not in flagged("品牌使用费：无，本品牌不向商户收取任何品牌费用。")


def test_a_wallet_called_an_account_and_a_category_matched_by_a_system() -> None:
    wallet = ("每一笔刷卡、扫码收款实时进入您在鑫汇通APP中的“商户账户”，您可以在任何时间把余额转出到自己或家人的"
              "任意一张银行卡")
    assert "clearing.second_clearing" in flagged(wallet)
    assert "clearing.second_clearing" not in flagged("交易资金由收单机构T+1直接结算至您本人名下的银行卡。")
    chat = "我们这台机器带行业匹配功能，系统会自动把你的交易匹配成商超类，手续费比餐饮低一截"
    assert "clearing.mcc_jumping" in flagged(chat)
    assert "clearing.mcc_jumping" not in flagged("入网时按营业执照登记行业，签购单显示您的店名，不做任何行业匹配。")


def test_credit_management_told_as_bill_planning() -> None:
    assert "promo.cash_out" in flagged("在还款日前，先用计划内的消费把上期账单周转过去，让手里闲置的额度流动起来。")
    assert "promo.cash_out" not in flagged("还款日前请按时还款，不要用POS机把账单周转过去，这属于套现。")


def test_a_review_that_switches_the_terminal_off() -> None:
    page = ("银联商务商户服务平台 - 2025年度商户年审\n银联商务 · 官方商户服务平台\n"
            "本次年审为强制项目，请您于2025年6月30日前在本页面在线完成。\n"
            "未按期完成年审的商户，终端将被关闭受理功能，恢复须携带证件前往当地分公司重新入网。\n")
    assert "promo.fake_service" in flagged(page, url="http://ums-shenhe.top/nianshen/index.html", kind="html")


def test_a_supplements_terms_in_its_own_words() -> None:
    change = "优惠期满后，甲方信用卡交易手续费率随市场行情联动，具体费率以乙方系统推送为准。"
    assert {"terms.unilateral_change", "fee.undisclosed"} <= flagged(change)
    assert "fee.undisclosed" not in flagged("费率以收单机构系统为准，代理商无权私自改动。")
    liability = "因收单机构系统升级、网络中断或其他任何原因造成甲方资金结算延误或损失的，乙方均不负赔偿之责。"
    assert "terms.liability_exclusion" in flagged(liability)
    exit_fee = "3.2 甲方在服务期届满前单方终止合作的，应按剩余服务月数每月60元向乙方支付服务补偿金。"
    assert "terms.penalty" in flagged(exit_fee)
    renewal = "协议期届满前未书面提出终止的，自动续期一年。"
    assert "terms.penalty" not in flagged(renewal)


def test_a_letter_to_the_regulator_about_a_persons_account() -> None:
    """A payer named with a bank is a person when the account is a person's (一个农业银行的个人账号); what the letter
    asks for is no promise of the provider's."""
    letter = ("关于POS机刷卡款由个人账户转入的情况反映\n中国人民银行合肥市分行：\n"
              "我叫吴丽萍，经营一家女装店。业务员说收单是拉卡拉。\n"
              "我3月3日查银行流水，这笔钱到账1,669.92元，对方户名是“周建军”，对方账号是一个农业银行的个人账号，"
              "摘要写的是“转账”。\n"
              "请求：1. 调查这台机器的资金流向；2. 督促相关机构把未结算的货款直接结算给我本人。\n")
    report = check_text(shared_engine(), letter)
    rules = {f.rule for f in report.findings if f.severity != "info"}
    assert "clearing.second-clearing-text" in rules and "contradictions.one-clear" not in rules
    assert "clearing.second_clearing" not in flagged("到账记录显示付款方是中国农业银行股份有限公司，T+1到账。")
    # …and a payer said to be the acquirer, a person denied, is none (付款方应显示通联支付，不应是个人)
    assert "clearing.second_clearing" not in flagged("到账记录里付款方应显示通联支付，不应是个人或其他公司。")


def test_a_banks_own_terminal_names_the_bank() -> None:
    """工商银行POS机 names who accepts the cards; a bank named only as where the money lands does not."""
    assert "licence.not_found" not in flagged("工商银行POS机办理\n信用卡0.6%，借记卡0.5%封顶20元。\n")
    assert "licence.not_found" in flagged("刷卡款结算到您的工商银行卡\n信用卡0.6%，POS机免费办理。\n")
