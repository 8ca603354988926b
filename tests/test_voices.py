"""Held-out sets 29 and 30 (long agreements and their fine print; who is speaking, and to whom): each sign is
read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import flagged


def test_a_rate_told_after_the_later_one_is_still_an_increase() -> None:
    assert "fee.rate_bait" in flagged("上个月群里通知统一上调到万78，之前是万60，也没人问过我们。")
    assert "fee.rate_bait" not in flagged("贷记卡费率调整为0.55%，原来是0.60%，算是降了一点。")


def test_a_promise_of_no_fee_broken_in_its_own_sentence_names_the_charge() -> None:
    assert "fee.data" in flagged("我店里那台机器，业务员嘴上说免流量费，实际满一年系统扣了99元。")
    assert "fee.data" not in flagged("我们说免流量费，就是免流量费，不会扣一分钱。")
    assert "fee.deposit" not in flagged("说是免押金，但是激活要刷满5000元才有返现。")
