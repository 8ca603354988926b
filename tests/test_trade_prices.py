"""Readings that generalise the misses of held-out set 25 (prices as the trade writes them): 0.6+3 and 每笔+3, a
QR item's card words, a teaser whose later rates stand in the footnote's next line, a fee taken again, a promise
for one case only, and page titles that only look like guides. Each with what it must leave alone. Own texts."""

from __future__ import annotations

from flags import flagged
from poscheck.checks.textctx import genre
from poscheck.facts import extract_fees
from poscheck.models import Document, Fee
from poscheck.normalize import normalize, normalize_document
from poscheck.rules import context


def _read(text: str) -> list[Fee]:
    doc = Document(id="x", source="x", kind="txt", text=text, sha256="x", title="")  # type: ignore[arg-type]
    return extract_fees(doc, normalize_document(text, "txt"))


def test_the_trades_plus_shorthand_is_a_surcharge_on_each_transaction() -> None:
    assert normalize("D0+3").text == "d0每笔加收3元"
    assert normalize("刷卡0.6+3").text == "刷卡0.6%+3"
    assert normalize("扫码0.38%+0.1%").text == "扫码0.38%+0.1%"  # two percents: no sum
    assert normalize("费率0.55+0").text == "费率0.55+0"  # +0: no surcharge
    assert ("instant", 3.0) in {(f.kind, f.amount) for f in _read("老板放心，系统默认秒到 每笔+3 改不了。")}
    assert ("instant", 3.0) in {(f.kind, f.amount) for f in _read("刷卡费率0.6+3，笔笔秒到。")}
    assert not any(f.kind == "instant" for f in _read("型号A8+2，支持刷卡、插卡、闪付。"))


def test_card_words_inside_a_qr_item_price_a_qr_payment() -> None:
    annex = "（三）云闪付及银联二维码：单笔1,000元（含）以下，借记卡、贷记卡均为0.38%；以上按刷卡费率执行。"
    assert {(f.channel, f.amount) for f in _read(annex)} == {("unionpay_qr", 0.38)}
    assert "fee.rate_bait" not in flagged("收费标准\n" + annex + "\n（一）贷记卡：0.60%。")
    # a card rate stated beside a QR rate is still a card rate
    assert ("credit", 0.38) in {(f.channel, f.amount) for f in _read("扫码0.38%，信用卡0.38%，秒到账。")}


_TABLE = ("海科电签POS｜新商户前三个月刷卡0.45%｜某某科技\n费率表\n贷记卡 | 0.45%* |\n借记卡 | 0.40%* |\n"
          "* 上表为新装机商户前90天活动费率。\n活动期满后自动恢复标准费率：贷记卡0.68%，借记卡0.60%封顶25元。\n")


def test_a_teaser_whose_later_rates_stand_in_the_footnotes_next_line() -> None:
    rates = {(f.channel, f.amount): (f.promo_months, f.later_amount) for f in _read(_TABLE) if f.kind == "rate"}
    assert rates[("credit", 0.45)] == (3, 0.68)
    assert rates[("debit", 0.40)] == (3, 0.60)
    assert "fee.rate_bait" in flagged(_TABLE)
    # a notice's 提前30天 is no promotion
    assert all(f.promo_months is None for f in _read("费率调整将提前30天通知，贷记卡0.60%。"))


def test_a_title_that_names_an_electronic_signature_terminal_is_no_guide() -> None:
    assert genre(normalize(_TABLE).text) != "teaching"
    assert context.GUIDE_TITLE.search("签pos机协议前,这七类条款要圈出来")
    assert context.GUIDE_TITLE.search("刷一万到账多少?一篇讲清pos手续费怎么算")


def test_a_data_fee_told_as_the_same_sum_taken_again() -> None:
    post = ("电签机流量费一年扣几次？\n楼主 老杨\n去年12月份扣了一次流量费69，当时想着一年一次也就算了。"
            "结果今年3月，四个月不到又扣了69，我是真没想到，我去找业务员他也不接。\n")
    assert "fee.data" in flagged(post)
    once = ("电签机流量费一年扣几次？\n楼主 老杨\n去年12月份扣了一次流量费69，当时说一年一次，"
            "今年12月又到日子了，我看看会不会再扣，我先记下来。\n")
    assert "fee.data" not in flagged(once)


def test_a_no_deposit_promise_for_one_case_only_is_no_contradiction() -> None:
    annex = ("收费标准\n（一）商户可选择租用智能POS一台，租用押金199元。\n"
             "（二）协议终止后商户交回机具，经检验完好的，前款押金于7个工作日内无息全额退还。\n"
             "（三）商户使用自有设备或电签POS的，不收取押金。\n")
    assert "fee.deposit" not in flagged(annex)
    page = "电签POS办理：免押金，免费领机！\n办理须知：新机激活时收取押金199元，刷满5万返还。\n"
    assert "fee.deposit" in flagged(page)


def test_a_brand_named_to_compare_with_names_no_one_behind_the_offer() -> None:
    chat = ("群聊记录\n[20:19] 小马：能当POS用吗，手机刷卡那种\n[20:20] 阿杰：能啊，手机绑卡就能刷，费率0.55%\n"
            "[20:22] 小马：跟拉卡拉那种比呢 哪家公司的通道\n[20:23] 阿杰：我们是自己的通道，不走那些大公司\n")
    assert "licence.not_found" in flagged(chat)
    named = chat.replace("跟拉卡拉那种比呢 哪家公司的通道", "收单是哪家").replace(
        "我们是自己的通道，不走那些大公司", "收单机构是拉卡拉支付")
    assert "licence.not_found" not in flagged(named)


def test_transactions_rotated_among_categories_and_a_yearly_service_fee() -> None:
    assert "clearing.mcc_jumping" in flagged("我们走的都是真实商户，超市饭店加油站轮着来，银行看着就是正常消费。")
    assert "clearing.mcc_jumping" not in flagged("本店支持超市、饭店、加油站等多种场景收款，商户类别按执照登记。")
    assert ("recurring", 99.0) in {(f.kind, f.amount) for f in _read("（二）乙方另须支付年度服务费玖拾玖元/年。")}


def test_a_surcharge_told_on_every_transaction_and_named_after() -> None:
    told = "每笔都多扣3块。打电话问小李，说是秒到费，默认开的，关不掉。"
    assert ("instant", 3.0) in {(f.kind, f.amount) for f in _read(told)}
    # a difference told once is no surcharge
    once = "那天到账少了3块。打电话问小李，说是系统四舍五入，下个月补给我。"
    assert not any(f.kind == "instant" for f in _read(once))
