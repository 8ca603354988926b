"""Leftovers of sets 55–58 read by mechanism, and held-out sets 59–61 (apps and their small print; notices and
what others report; door-to-door sales): what their misses taught, in sentences of our own."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_bare_promised_rate_against_the_rate_charged_with_a_raise_told() -> None:
    story = "去年办的POS机，当时业务员说好的0.6，结果这几个月每刷一万都扣了72块，客服说费率上调了，我根本不知道。"
    assert "fee.rate_bait" in flagged(story)
    assert "fee.rate_bait" in flagged("業務員說好嘅0.6，點知而家每刷一萬扣咗72蚊，問佢就話系統調整咗費率。")
    # (the rate charged told as how it is taken: 都按0.72扣)
    assert "fee.rate_bait" in flagged("信用卡说好的0.6，现在都按0.72扣，客服说是调整了。")
    # …a payout speed and a discount are no rates, and the same rate kept is no raise
    assert not [f for f in fees_of("说好的0.6秒到，结果到账要等一天。") if f.kind == "rate"]
    assert not [f for f in fees_of("国庆期间全场商品按0.6折促销，欢迎到店选购。") if f.kind == "rate"]
    assert "fee.rate_bait" not in flagged("合同上说好的0.6，一直都按0.6扣，没有调整过，挺放心的。")


def test_a_rate_named_by_how_it_is_charged_keeps_a_named_channel() -> None:
    text = "信用卡费率0.6%，储蓄卡按0.5%收取，单笔封顶20元。"
    fees = {(f.channel, f.amount) for f in fees_of(text) if f.kind == "rate"}
    assert ("debit", 0.5) in fees and ("credit", 0.6) in fees


def test_a_shown_name_the_writer_says_is_not_theirs() -> None:
    told = "我开了个小饭馆，用的是业务员推销的POS机。后来才发现顾客账单上的商户名不是我的店名。"
    assert "clearing.mcc_jumping" in flagged(told)
    assert "clearing.mcc_jumping" in flagged("用的是业务员推销的POS机，顾客账单上显示的商户名称跟我的店名对不上。")
    assert "clearing.mcc_jumping" in flagged("我开水果店的，刷卡小票上印的是某某珠宝金店。")
    heard = "我开水果店的，有老顾客说刷完卡账单上显示的是一家KTV，问我是不是开了分店。"
    assert "clearing.mcc_jumping" in flagged(heard)
    # …a case told to the reader, the writer's own name shown, and a name that was corrected are not
    assert "clearing.mcc_jumping" not in flagged("签购单上的商户名称如果不是您的店名，请立即联系收单机构。")
    assert "clearing.mcc_jumping" not in flagged("我们的POS机签购单上显示的就是我家的店名，不是别人的。")
    assert "clearing.mcc_jumping" not in flagged("我开始用的时候，小票上印的是某某超市，后来改过来了。")


def test_a_first_line_that_is_a_paragraph_is_no_guides_title() -> None:
    # (its 怎么 is a customer's question inside the story, not a how-to title)
    post = ("我开了个小饭馆，用的是业务员推销的POS机。上周有顾客拿着信用卡账单来问我说“你家怎么叫鑫悦足浴养生馆”？？"
            "我才知道刷卡显示的根本不是我的店名。")
    assert "clearing.mcc_jumping" in flagged(post)
    guide = "POS机商户名称不对怎么办？\n如果签购单上显示的不是你的店名，可能是被跳码了，请联系收单机构核实。"
    assert "clearing.mcc_jumping" not in flagged(guide)
