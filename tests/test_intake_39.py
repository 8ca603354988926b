"""Held-out sets 38 (the offer's numbers) and 39 (after signing): each sign is read, and its honest look-alike is left
alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_surcharge_said_not_to_be_taken_is_no_fee() -> None:
    assert "fee.instant_settlement" not in flagged("★ 信用卡费率0.6%，秒到不加价，不收3元")
    assert "fee.instant_settlement" not in flagged("秒到账不加价不加3块")
    assert "fee.instant_settlement" in flagged("秒到每笔加收3元")


def test_a_spoken_sum_named_as_a_deposit_after_it_is_read() -> None:
    story = ("机器到了以后客服远程教我开机，第一笔刷了1000块，\n结果到账只有701块。问客服，说扣了二百九十九是押\n"
             "金，三个月内刷满十五万就退。我开个社区小超市。\n这还没完，上礼拜结算又少了六十九，客服说是流量费\n"
             "，一年一次，开通满两个月收。")  # an OCR'd screenshot's lines, wrapped at its width
    fees = {(f.kind, f.amount, f.period) for f in fees_of(story, kind="image")}
    assert ("deposit", 299.0, "once") in fees
    assert ("data", 69.0, "year") in fees  # (the line that opens on a comma goes on the one before)
    assert not fees_of("客服说扣了二百九十九是误操作，已经原路退回了。")
