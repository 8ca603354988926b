"""Held-out set 46 (the agent side of the trade: recruitment, commission policies, sales scripts): each sign is
read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.normalize import normalize_document


def test_a_chats_numbered_lines_are_not_one_soft_wrapped_sentence() -> None:
    chat = ("鼎晟-商务小陈 6/11 14:05\n1. 前端用的是国通星驿的机器，商户端看到的是星POS，商户那边不会有疑问\n"
            "2. 交易资金统一先进我们公司的对公户，再由我们代付到商户卡上，T0秒到，商户不用等第二天\n")
    assert "clearing.second_clearing" in flagged(chat)
    assert "疑问\n2. 交易资金" in normalize_document(chat, "txt").text  # (joined, 不会有疑问 reached the next item)
    assert "0.6%" in normalize_document("信用卡费率是按照交易金额计算的，一般为\n0.6%，借记卡封顶", "txt").text


def test_what_the_agent_keeps_is_no_fee_of_the_merchant() -> None:
    line = "3. T0秒到每笔加收3元，默认开通，商户端自动扣，代理分1元"
    assert [(f.kind, f.amount) for f in fees_of(line)] == [("instant", 3.0)]
    poster = "星驿付电签POS\n全国诚招代理\n激活返现\n商户激活扣199，代理返150/台\n交易分润\n万12起，日结，秒到钱包"
    assert "fee.instant_settlement" not in flagged(poster, kind="image")
    assert "fee.deposit" in flagged(poster, kind="image")


def test_a_commission_on_the_merchants_an_agent_brings_is_no_rate() -> None:
    for text in ("1. 交易服务费：按服务商所拓商户贷记卡交易额的万分之六、借记卡交易额的万分之三按月结算。",
                 "4.1 甲方按乙方推荐商户每月贷记卡交易额的万分之五向乙方支付推广服务费。"):
        assert not fees_of(text), text
    assert "fee.rate_bait" in flagged("新商户贷记卡万分之三十五，终身不涨。")


def test_an_agreement_with_a_promotion_partner_holds_and_fines_the_agent_not_merchants() -> None:
    head = ("收单业务推广合作协议\n甲方：南京通汇联创信息服务有限公司\n乙方（推广合作方）：张三\n"
            "5.1 乙方违反本协议的，甲方有权停止支付未结算的推广服务费，"
            "并要求乙方按每一商户人民币2000元向甲方支付违约金。\n"
            "3.3 商户激活后申请注销的，已扣收的系统服务费不予退还。\n")
    found = flagged(head, kind="pdf")
    assert "terms.penalty" not in found and "terms.fund_hold" not in found
    assert "terms.non_refundable" in found  # what the merchant is told still counts
    merchant = head.replace("收单业务推广合作协议", "特约商户服务协议")
    merchant = merchant.replace("乙方（推广合作方）：张三", "乙方（商户）：张三水果店")
    assert "terms.penalty" in flagged(merchant, kind="pdf")


def test_honest_agents_words_are_no_practice() -> None:
    assert "promo.cash_out" not in flagged('三、不碰任何"选行业""养卡提额"的单子。')
    assert "promo.cash_out" not in flagged("对交易异常、疑似套现或被投诉的账户，平台有权冻结钱包余额。")
    assert "site.sensitive_data" not in flagged("我们上门拍照采集，不需要您提供任何密码或验证码。", kind="html")
    assert "site.sensitive_data" in flagged("您不用担心，等下把手机收到的验证码发我就行。")
    assert not fees_of("2019年我刚入行的时候，整个市场都是押金机。商户开机刷第一笔，系统扣99、199、299。")
    assert not fees_of("一个烧烤店老板说他之前那台机（不是我们的）第一笔被扣了299，说是服务费，刷满才退。")
    ours = "我们这台机器第一笔扣299，说是服务费，刷满才退。"
    assert [(f.kind, f.amount) for f in fees_of(ours)] == [("deposit", 299.0)]


# Set 46's leftovers, mended the next session.


def test_evading_the_banks_controls_is_a_pitch_not_a_warning() -> None:
    pitch = "商户随心选：APP里可以自己选刷卡行业，想刷哪个选哪个，每天自动换不同商户，避免被银行风控。"
    assert "clearing.mcc_jumping" in flagged(pitch)
    assert "clearing.mcc_jumping" not in flagged("请避免使用可以自选商户的机器。")
    assert "clearing.mcc_jumping" not in flagged("为避免被银行风控，请勿选择其他商户，不要自选行业。")


def test_a_lists_own_selling_point_sells_it() -> None:
    manual = ("卖点三：自选商户。APP“收款设置—商户选择”中，商户可在连锁超市、加油站、百货批发、酒店住宿等类型里"
              "自行选择本次交易使用的商户，不同类型费率和积分不同。")
    assert "clearing.mcc_jumping" in flagged(manual)
    assert "clearing.mcc_jumping" in flagged("商户可在超市、酒店等类型里自行选择本次交易使用的商户。")
    assert "clearing.mcc_jumping" not in flagged("不少代理以自选商户为卖点，办理前请问清楚。")


def test_a_withdrawal_limit_is_no_fee() -> None:
    assert [(f.kind, f.amount) for f in fees_of("每笔提现收取2元手续费，单笔提现最高5万元。")] == [("withdrawal", 2.0)]
    assert [(f.kind, f.cap) for f in fees_of("借记卡0.5%，最高20元")] == [("rate", 20.0)]


def test_names_listed_before_the_one_rate_they_all_pay_each_take_it() -> None:
    rates = fees_of("前三个月 | 新商户体验价：贷记卡、借记卡均为0.38% |")
    assert [(f.channel, f.amount) for f in rates] == [("credit", 0.38), ("debit", 0.38)]
    assert "fee.rate_bait" in flagged("📌 信用卡、储蓄卡统统万38\n📌 终身不涨价")
    apart = fees_of("信用卡0.6%、储蓄卡0.5%")
    assert [(f.channel, f.amount) for f in apart] == [("credit", 0.6), ("debit", 0.5)]


def test_a_rate_plan_by_the_month_is_membership() -> None:
    plan = fees_of("费率优惠包，月费29元，开通后贷记卡执行费率降至0.55%。")
    assert [(f.kind, f.amount) for f in plan] == [("membership", 29.0), ("rate", 0.55)]


def test_a_scripts_bare_rate_and_the_note_under_it_that_it_rises() -> None:
    script = ("答：我们给您开的是0.55的优惠费率，市面上最低了，签下来就是这个价，不会涨的。\n"
              "（内部说明：系统第91天会统一调到0.63，客户发现了就说是“银联统一调价”。）\n")
    assert "fee.rate_bait" in flagged(script)
    said = fees_of("给您开的是0.55的优惠费率，签下来就是这个价。")
    assert [(f.kind, f.amount) for f in said] == [("rate", 0.55)]
    assert not fees_of("市面上一般0.6的费率左右。")  # the market, hedged


def test_a_refund_refused_as_cannot_be_is_non_refundable() -> None:
    assert "terms.non_refundable" in flagged("答：老板，服务费是机器的成本，厂家已经收走了，这个是退不了的哈。")
    assert "terms.non_refundable" not in flagged("押金没有退不了的情况，撤机就退。")


def test_money_kept_on_the_providers_side_until_it_decides_is_a_hold() -> None:
    chat = "碰到交易异常的商户，钱会先压在我们这边不代付，什么时候放看风控那边审核结果。"
    assert "terms.fund_hold" in flagged(chat)
    assert "terms.fund_hold" not in flagged("钱不会压在我们这边，都是收单机构直接结算到您卡上。")


def test_a_membership_that_is_the_only_condition_of_a_free_device_is_bait() -> None:
    assert "promo.free_bait" in flagged("免费送机！唯一要求：激活时开通VIP会员199元。")
    assert "promo.free_bait" not in flagged("免费送机，VIP会员可选开通，199元/年。")


def test_a_screenshots_bubbles_wrap_by_their_rendered_width() -> None:
    shot = ("9:41 5G 86%\n小周-通联POS办理\n昨天15:32\n要交押金吗？\n没有押金的哦亲，就是激活的时候\n"
            "系统扣一笔99的服务费，三个月内\n刷满3万全部退给您\n那流量费呢？之前听人说有的机器\n会扣流量费\n"
            "头一年免费的，第二年开始每个季\n度扣29，很便宜的\n如果以后不想用了能退吗\n可以退，不过一年内退机要扣200的\n"
            "违约金哈，一年以后随便退\n")
    text = normalize_document(shot, "image").text
    assert "激活的时候系统扣" in text  # as wide as the widest line, which has more (narrow) digits
    assert "全部退给您\n那流量费呢" in text  # a short last line of a bubble ends it
    found = flagged(shot, kind="image")
    assert {"fee.deposit", "fee.data"} <= found  # the reply to 那流量费呢？ prices the data fee
    assert [(f.kind, f.amount, f.period) for f in fees_of(shot, kind="image") if f.kind == "data"] == [
        ("data", 29.0, "quarter")]


def test_a_protection_switched_on_is_a_service() -> None:
    assert "fee.insurance" in flagged("为每位新商户默认开通资金保障，按交易金额的万分之五收取。")
    assert not fees_of("开通资金保障，让您的资金更安全。")


def test_a_card_backs_code_by_its_signature_strip() -> None:
    form = ("第二步：信用卡刷卡权限验证\n信用卡卡号\n有效期（月/年）\n 如 08/28 \n卡背面签名栏末三位数字\n"
            "短信验证码\n 输入收到的6位验证码 \n获取验证码\n提交激活\n")
    assert "site.sensitive_data" in flagged(form, url="https://m.example-pos.top/jihuo/", kind="html")
