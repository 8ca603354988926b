"""Leftovers of held-out sets 34-37, mended by mechanism: each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_fine_for_taking_the_terminal_back_early_is_a_penalty_and_no_rent() -> None:
    clause = "租期最短24个月，未满24个月申请撤机的，需一次性支付提前解约违约金600元及剩余月份租金的50%。"
    assert "terms.penalty" in flagged(clause)
    assert all(f.amount != 600 for f in fees_of(clause))  # the fine's sum is not the rent's
    rent = "机具租金每月30元，未满24个月申请撤机的，需一次性支付违约金600元。"
    assert [(f.kind, f.amount) for f in fees_of(rent)] == [("recurring", 30.0)]
    free = "租期届满后申请撤机的，无需支付任何费用，押金无息退还。"
    assert "terms.penalty" not in flagged(free)


def test_a_monthly_charge_for_a_missed_target_is_a_penalty_not_a_recurring_fee() -> None:
    clause = ("3.1 甲方承诺月均刷卡交易额不低于3万元。"
              "连续两个月未达到的，乙方有权从待结算资金中扣除200元/月的终端占用费。")
    assert "terms.penalty" in flagged(clause)
    assert not fees_of(clause)
    every_month = "3.1 乙方每月从待结算资金中扣除终端管理费20元/月，用于机具维护。"
    assert "terms.penalty" not in flagged(every_month)
    assert [(f.kind, f.amount) for f in fees_of(every_month)] == [("recurring", 20.0)]


def test_a_quarterly_sum_said_without_yuan_in_a_chat_is_the_data_fee() -> None:
    chat = "2025-05-06 19:31  POS机-小孟：\n还有流量费，每个季度29，系统自动扣，因为机器里面有流量卡"
    assert [(f.kind, f.amount, f.period) for f in fees_of(chat)] == [("data", 29.0, "quarter")]
    assert not fees_of("2025-05-06 19:31  POS机-小孟：\n流量费全免，每个季度29号前后会有客服回访")


def test_a_fast_payout_service_priced_per_swipe_is_an_instant_settlement_fee() -> None:
    row = "明细项目 | 怎么扣的 | 我有没有开通\n“极速到账服务” | 每笔3元 | 没开过，我一直以为是第二天到"
    assert "fee.instant_settlement" in flagged(row)
    assert "fee.instant_settlement" not in flagged("T+0极速到账，信用卡费率0.6%，无押金，无其他费用。")


def test_an_svip_plan_sold_for_a_year_is_a_membership() -> None:
    post = "信用卡费率直降到0.52\n✅ 开通SVIP 只要199元/年\n不开SVIP也能正常用，标准费率0.63不变"
    assert "fee.membership" in flagged(post)
    warning = "提醒：凡是打电话让您开通SVIP、交199元年费降费率的，都是冒充客服的骗局，请直接挂断。"
    assert "fee.membership" not in flagged(warning)


def test_a_refund_column_answered_no_makes_the_money_non_refundable() -> None:
    table = ("项目 | 内容 | 费用 | 备注\n金额 | 是否退还\n"
             "交易费率 | 信用卡 | 0.60% | — | 借记卡0.50%封顶20元\n"
             "机具服务费 | 首笔交易时扣收 | 99元 | 否 | 用于机具成本\n")
    assert "terms.non_refundable" in flagged(table)
    assert "terms.non_refundable" not in flagged(table.replace("| 否 |", "| 是 |"))
    # a 否 that may answer another question of the same header is left alone
    both = table.replace("金额 | 是否退还", "金额 | 是否必选 | 是否退还")
    assert "terms.non_refundable" not in flagged(both)


def test_a_rate_cards_promotion_column_rises_to_its_later_column() -> None:
    card = ("交易类型 | 活动期费率 | 活动结束后\n信用卡 | 0.52% | 0.65%\n"
            "活动期：自商户入网之日起6个月，到期后系统自动切换。")
    [rate] = [f for f in fees_of(card) if f.kind == "rate"]
    assert (rate.amount, rate.later_amount, rate.promo_months) == (0.52, 0.65, 6)
    assert "fee.rate_bait" in flagged(card)
    # two channels side by side are no promotion and its end
    both = "交易类型 | 刷卡费率 | 扫码费率\n标准商户 | 0.60% | 0.38%"
    assert all(f.later_amount is None for f in fees_of(both))
    assert "fee.rate_bait" not in flagged(both)


def test_a_rate_named_with_an_aside_above_its_cell_is_read() -> None:
    flat = "交易类型\n活动期费率\n信用卡（刷卡/插卡/挥卡）\n0.45%\n储蓄卡\n0.50% 单笔封顶25元"
    assert [(f.channel, f.amount) for f in fees_of(flat) if f.kind == "rate"] == [("credit", 0.45), ("debit", 0.5)]
    assert "fee.rate_bait" in flagged(flat)  # 0.45% on credit cards is below the floor


def test_the_same_data_fee_told_taken_in_two_messages_recurs() -> None:
    told = "【钱掌柜】您的终端SIM卡服务费66.00元已于今日从结算资金中扣除，有效期至{}。"
    sms = (f"[2024-12-12 08:00] 1069 0571 2288\n{told.format('2025-04-11')}\n\n"
           f"[2025-04-12 08:00] 1069 0571 2288\n{told.format('2025-08-11')}\n")
    assert "fee.data" in flagged(sms)
    once = sms.split("\n\n")[0]
    assert "fee.data" not in flagged(once)  # one yearly-looking sum, in the usual range: a note
    # a complaint's title that restates its body's deduction tells it once
    post = "POS机被扣了36块流量费（已解决）\n今天结算款里少了36块，明细写的是“4G流量卡年费”，是不是以后每年都要扣。"
    assert "fee.data" not in flagged(post)


def test_a_row_of_a_space_aligned_table_is_not_joined_to_the_next() -> None:
    bill = ("其他扣款\n日期    项目                    金额     说明\n"
            "07-01   权益会员月费            39.90    会员期内贷记卡享0.55%（非会员0.63%），按月自动扣\n"
            "07-01   终端流量费              0.00     本机使用店内WiFi，未启用流量卡\n")
    assert "terms.auto_renewal" in flagged(bill)
    wrapped = ("本协议期满前三十日内任何一方未提出书面异议的，本协议有效期自动延长一年，延长次数不\n"
               "限，商户可随时书面通知终止。")
    assert "terms.auto_renewal" in flagged(wrapped)  # a plain wrapped line is still joined
