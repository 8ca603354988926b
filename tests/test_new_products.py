"""Readings for the newer products and pitches (speaker boxes, phone POS apps, face-pay devices, 公众号 ads),
each with what it must leave alone. Texts are our own; they generalise misses of held-out set 20."""

from __future__ import annotations

from poscheck.models import Document
from poscheck.passages import views
from poscheck.pipeline import Engine, check_text
from poscheck.rules import context


def _categories(engine: Engine, text: str, kind: str = "txt") -> set[str]:
    return {f.category for f in check_text(engine, text, kind=kind).findings if f.severity != "info"}


def test_platform_and_speaker_fees_by_the_month_are_recurring(engine: Engine) -> None:
    report = check_text(engine, "签约即送收银机，仅收平台服务费每月58元，服务费按月从结算款中扣除。")
    assert [(f.kind, f.amount, f.unit) for f in report.facts.fees] == [("recurring", 58.0, "元/月")]
    report = check_text(engine, "上个月起App每月多扣音箱服务费12元，之前没人告诉过我。")
    assert [(f.kind, f.amount) for f in report.facts.fees] == [("recurring", 12.0)]


def test_a_rent_the_merchant_opts_into_and_can_cancel_is_not_flagged(engine: Engine) -> None:
    text = "云音箱可买可租：买断59元/台；按月租用：2元/月，在App里自助开通，随时退租。"
    fees = check_text(engine, text).facts.fees
    assert [f.optional for f in fees if f.unit == "元/月"] == [True]
    assert "fee.recurring" not in _categories(engine, text)


def test_leaving_within_the_term_for_the_remaining_months_is_a_penalty(engine: Engine) -> None:
    text = "服务商：某某智能科技有限公司\n签约期三年。合约期内解约需一次性支付剩余月份的平台服务费。"
    assert "terms.penalty" in _categories(engine, text)
    fair = "服务商：某某智能科技有限公司\n合约期内解约的，归还设备即可，不收取任何费用。"
    renewal = "服务商：某某智能科技有限公司\n协议期满前未书面提出终止的，自动续期一年，继续扣收下一年度服务年费。"
    assert "terms.penalty" not in _categories(engine, renewal)
    assert "terms.penalty" not in _categories(engine, fair)


def test_a_deposit_refunded_on_return_contradicts_no_deposit_promise(engine: Engine) -> None:
    text = ("甲方（收单机构）：某某支付有限公司\n乙方（商户）：某某小吃店\n（一）电签POS由甲方提供，不收取押金。\n"
            "（二）乙方另行租用智能POS的，缴纳设备押金200元；乙方解约并将设备完好归还后10个工作日内，甲方无息退还押金。")
    assert "fee.deposit" not in _categories(engine, text)
    kept = "首页：电签POS免押金，包邮到家。\n办理须知：激活时缴纳设备押金200元，不予退还。"
    assert "fee.deposit" in _categories(engine, kept)


def test_a_slip_of_another_business_after_the_writer_named_theirs_in_their_post(engine: Engine) -> None:
    text = ("求助：刷卡小票上的店名不是我的\n我在城东开面馆，店名“阿福面馆”。\n去年办了台电签POS，费率0.6。\n"
            "翻出一张小票，抄给大家看：\n商户名称：城西百货商行超市\n金额：RMB 58.00\n")
    assert "clearing.mcc_jumping" in _categories(engine, text)
    mine = "我在城东开超市，店名“阿福超市”。\n翻出一张小票：\n商户名称：城东阿福超市\n金额：RMB 58.00\n"
    assert "clearing.mcc_jumping" not in _categories(engine, mine)


def test_a_bracketed_ad_mark_heads_an_ad_under_a_guide() -> None:
    text = ("手机收款的3个坑\n坑1：钱先进余额\n要你自己提现的，就是二清。\n\n【文末福利】\n"
            "小编在用的某某收款：信用卡0.35%，添加小编微信领取。\n")
    doc = Document(id="d", source="a.txt", kind="txt", text=text, sha256="0", title="手机收款的3个坑")
    assert [v.view for v in views(doc)] == ["rest", "ad"]


def test_a_lawyers_review_of_a_draft_teaches() -> None:
    assert context.genre("律师审查意见:《聚合收款服务协议》草稿") == "advisory"
    assert context.genre("某某聚合收款服务协议(草稿)") == "offer"


def test_not_teaching_a_practice_and_not_settling_funds_are_denials(engine: Engine) -> None:
    assert not _categories(engine, "本店只装一清机，不教“养卡”，也不帮人做代还。")
    assert not _categories(engine, "本音箱只负责语音播报，不参与资金结算。")
    assert "clearing.second_clearing" in _categories(engine, "我司负责商户资金结算，交易款先到我司账户再转给商户。")


def test_a_membership_offered_in_a_chat_as_opening_a_vip(engine: Engine) -> None:
    fees = check_text(engine, "王经理：标准0.6，想再低点可以开个vip，一年299，开了以后降到0.52").facts.fees
    assert [(f.kind, f.amount, f.unit) for f in fees if f.kind == "membership"] == [("membership", 299.0, "元/年")]
    assert check_text(engine, "要不要开个vip？不用开vip，标准费率就够了。").facts.fees == []


def test_no_deposit_said_where_an_activation_fee_is_taken_is_bait(engine: Engine) -> None:
    bait = "手机变POS，0押金 0元开通，打开NFC就能收款。\n开通说明：首笔收款时系统自动扣除199元激活服务费。"
    assert "promo.free_bait" in _categories(engine, bait)
    table = "费用一览\n刷卡：贷记卡0.6%\n机具：免押金\n服务年费：每台每年99元，自开通之日起按年收取"
    assert "promo.free_bait" not in _categories(engine, table)


def test_a_provider_that_settles_the_merchants_money_itself(engine: Engine) -> None:
    head = "第二条 结算\n2.1 甲方交易资金由乙方统一清算，T+1日付至甲方账户。\n第三条 其他\n3.1 本协议一式两份。"
    tech = "技术服务协议\n甲方（商户）：某某水果店\n乙方（服务商）：某某信息技术有限公司\n" + head
    acquirer = "收单协议\n甲方（商户）：某某水果店\n乙方（收单机构）：某某支付股份有限公司\n" + head
    assert "clearing.second_clearing" in _categories(engine, tech)
    assert "clearing.second_clearing" not in _categories(engine, acquirer)
