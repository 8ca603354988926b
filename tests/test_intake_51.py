"""Held-out set 51 (spoken and social-media language: livestreams, voice messages, calls, chats): a speaker's
fillers and an option the merchant switches on are read as they are meant."""

from __future__ import annotations

from flags import flagged


def test_a_speakers_filler_between_a_fee_and_its_sum() -> None:
    voice = "押金呢是二百九十九 就是说你第一次刷卡的时候它会自动扣掉"
    assert "fee.deposit" in flagged(voice)
    assert "fee.deposit" in flagged("押金的话是299，第一次刷卡自动扣")
    assert "fee.deposit" not in flagged("押金呢是没有的 第一次刷卡就是正常扣手续费")


def test_a_service_the_merchant_switches_on_is_a_choice() -> None:
    live = "APP里面有个\"快速到账\"，你自己点了才开，每笔多收0.1%"
    assert "fee.instant_settlement" not in flagged(live)
    assert "fee.instant_settlement" in flagged("APP里面有个\"快速到账\"，默认给你开着，每笔多收0.1%")
