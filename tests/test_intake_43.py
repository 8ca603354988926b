"""Held-out set 43 (social media, short posts and chats): each sign is read, and its honest look-alike is left
alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_sum_frozen_on_the_first_swipe_and_given_back_on_a_volume_is_a_deposit() -> None:
    reply = "阿杰回复王姐：机器真不要钱 就是开机第一笔会先冻结个一百九十九 系统扣的 你三个月内刷够五万 全部返回你卡上"
    assert [(f.kind, f.amount) for f in fees_of(reply)] == [("deposit", 199.0)]
    assert "promo.free_bait" in flagged(reply)
    assert not fees_of("开机第一笔正常刷就行，不冻结也不扣钱，刷多少到多少。")


def test_a_rate_without_its_sign_on_the_line_under_its_name_is_that_rate() -> None:
    poster = "通联支付·一清大POS\n信用卡\n0.38\n终身不涨价·笔笔秒到\n持牌机构：通联支付网络服务股份有限公司\n" \
             "支付业务许可证：Z2000513000017"
    fees = fees_of(poster, kind="image")
    assert [(f.kind, f.channel, f.amount) for f in fees] == [("rate", "credit", 0.38)]
    found = flagged(poster, kind="image")
    assert "fee.rate_bait" in found
    assert "licence.number_mismatch" in found  # the poster offers card acceptance: its licence number is checked
    assert not fees_of("机型\n2.0\n电签版", kind="image")


def test_two_speakers_lines_are_not_joined_as_a_wrapped_sentence() -> None:
    thread = ("开面馆的老杨：信用卡多少\n　作者：信用卡 零点三五 储蓄卡 零点三 这个价全网找不到第二家\n"
              "　开面馆的老杨：这么低？怎么做到的")
    assert [(f.channel, f.amount) for f in fees_of(thread)] == [("credit", 0.35), ("debit", 0.3)]
    assert "fee.rate_bait" in flagged(thread)
    wrapped = "本店刷卡手续费按照收单机构公示标准执行，信用卡费率为\n0.6%，储蓄卡费率为0.5%封顶20元。"
    assert [f.amount for f in fees_of(wrapped)] == [0.6, 0.5]


def test_a_receipts_amount_line_prices_the_fee_named_above_it() -> None:
    receipt = ("今收到 周海燕\n交来 拉卡拉电签POS机具押金（SN：0821A7739042)\n人民币 （大写） 叁佰玖拾捌元整 ￥398.00\n"
               "备注 自激活日起半年内累计刷卡满伍拾万元，押金全额退回")
    assert [(f.kind, f.amount) for f in fees_of(receipt, kind="image")] == [("deposit", 398.0)]
