"""Held-out set 49 (paper: photos of price lists, letters, receipts, slips and notices, and volunteers' transcriptions):
each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.extract.image import boxes_to_text


def _box(x: float, y: float, text: str, w: float = 100, h: float = 40) -> tuple[list[list[float]], str]:
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]], text


def _kinds(text: str, kind: str = "txt") -> list[tuple[str, float | None, str | None]]:
    return [(f.kind, f.amount, f.period) for f in fees_of(text, kind=kind)]


def test_a_photographed_tables_cells_stay_cells() -> None:
    # three lines whose boxes start where the header's do; a cell's text wrapped under itself is read after its top
    boxes = [_box(10, 0, "品牌"), _box(200, 2, "信用卡费率"), _box(400, 4, "押金"),
             _box(10, 60, "甲牌"), _box(200, 62, "0.6%"), _box(400, 64, "99元"),
             _box(12, 120, "乙牌"), _box(204, 118, "前3个月0.38%，之后", w=150), _box(398, 124, "199元"),
             _box(198, 140, "0.63%", w=60),
             _box(10, 260, "电签机现货！", w=200), _box(500, 262, "有问题找阿强", w=200)]
    assert boxes_to_text(boxes).split("\n") == [
        "品牌 | 信用卡费率 | 押金", "甲牌 | 0.6% | 99元", "乙牌 | 前3个月0.38%，之后0.63% | 199元",
        "电签机现货！ 有问题找阿强"]
    # two lines of three boxes are no table (a header needs two rows), and boxes that start elsewhere are no row of it
    loose = [_box(10, 0, "一"), _box(200, 0, "二"), _box(400, 0, "三"),
             _box(10, 60, "四"), _box(260, 60, "五"), _box(460, 60, "六")]
    assert boxes_to_text(loose) == "一 二 三\n四 五 六"


_PRICE_LIST = ("本店代办POS机 价目表\n品牌 | 机型 | 信用卡费率 | 押金/激活 | 流量费 | 到账\n"
               "拉卡拉 | 电签 | 0.6% | 99元（60天刷满5万退） | 每季度19.9元 | T+1\n"
               "银盛 | 电签 | 前3个月0.38%，之后0.63% | 199元（刷满10万退） | 每季度19.9元 | 秒到\n")


def test_a_row_that_names_a_fee_is_still_priced_by_its_columns() -> None:
    kinds = [(f.kind, f.amount, f.later_amount) for f in fees_of(_PRICE_LIST)]
    assert ("rate", 0.38, 0.63) in kinds and ("deposit", 199.0, None) in kinds
    assert all(k != "instant" for k, _, _ in kinds)  # 秒到 is the 到账 column's value: it prices nothing
    assert {"fee.rate_bait", "fee.deposit"} <= flagged(_PRICE_LIST)
    # a settlement's t+0 is no figure
    assert "fee.instant_settlement" not in flagged(_PRICE_LIST.replace("秒到", "T+0"))


def test_a_refund_condition_stays_in_its_cell() -> None:
    assert ("deposit", 199.0, "once") in _kinds(_PRICE_LIST)  # not a 3-month target of 前3个月… | …刷满10万退
    assert ("deposit", 99.0, "once") in _kinds("押金99元，60天内刷满5万元全额返还。")


def test_a_category_the_merchant_picks_is_mcc_jumping() -> None:
    assert "clearing.mcc_jumping" in flagged("☆商户类型可以自己选：餐饮/百货/超市/加油，想省手续费的选优惠类☆")
    assert "clearing.mcc_jumping" not in flagged("商户类型按营业执照登记的经营范围确定，不能自己选。")


def test_a_stop_that_collects_the_cards_secrets_poses_as_service() -> None:
    letter = ("拉卡拉商户服务中心\nPOS终端年审通知书\n请于2025年10月20日前完成年审。逾期未年审的终端将暂停交易功能，"
              "结算资金将延迟到账。\n年审费用：每台终端年审服务费80元（每年一次），年审完成后从结算款中扣除。\n"
              "办理方式：请拨打年审专线0755-23398176，按客服提示提供结算银行卡卡号、交易密码以及手机收到的6位验证码。")
    found = flagged(letter)
    assert {"promo.fake_service", "fee.recurring"} <= found
    assert "terms.fund_hold" not in found  # the lure's threat is no term of an agreement
    notice = "【通知】您的终端将于10月20日起暂停交易，请尽快完成年审。工作人员不会要求您提供交易密码或验证码。"
    assert "promo.fake_service" not in flagged(notice)
    bank = ("关于防范办理陷阱的公告\n近期有不法人员以“免费换机”等名义推销POS机具，"
            "甚至诱导商户提供银行卡密码和短信验证码。\n"
            "五、凡以“旧机停用”“备案到期”为由要求换机、交费的，请勿轻信。")
    assert "promo.fake_service" not in flagged(bank)  # a warning's account of a lure asks for nothing


def test_a_rentals_notice_to_its_customers_offers_nothing() -> None:
    notice = ("租车须知\n1.租电动车须交押金500元，可刷卡、扫码或付现金；\n2.还车时押金当场原路退回；\n"
              "3.租金：半天30元，全天50元；\n4.本店POS机由中国银行办理，刷卡不加收任何手续费。\n西街骑行驿站")
    assert not flagged(notice)
    assert "fee.deposit" in flagged("POS机办理须知\n1.领机须交押金500元，刷满5万返还。")


def test_a_receipts_sum_in_words_after_an_underline_prices_the_line_above() -> None:
    receipt = ("收据 No 0003561\n交来 拉卡拉电签POS机押金（机身号LKL823170456）\n"
               "人民币（大写）_贰佰玖拾玖元整 ￥299.00\n"
               "备注 半年内刷满50万退押金；中途不用了或者退机，押金不退")
    assert ("deposit", 299.0, "once") in _kinds(receipt)
    assert {"fee.deposit", "terms.non_refundable"} <= flagged(receipt)


def test_a_worked_sum_asked_about_still_tells_what_arrived() -> None:
    slip = ("拉卡拉签购单\n商户名称：温州市鹿城区小林面馆\n金额：RMB5,000.00\n合同费率0.6%，5000应到账4970\n"
            "6月22日银行到账4940？少了30")
    assert "statements.mismatch" in flagged(slip, kind="image")  # (the note's wrapped lines are one sentence)
    assert "statements.mismatch" in flagged("按0.6%算，5000应到账4970，银行到账4940？")
    assert "statements.mismatch" not in flagged("如果刷5000，按0.6%应该到账4970，实际到账4940吗？")
    assert "statements.mismatch" not in flagged("按0.6%算，5000应到账4970，银行到账4970？")


def test_an_agents_fee_for_passing_the_takings_on_is_a_withdrawal_fee() -> None:
    sheet = "1.每日刷卡款先进入我司对公账户，我司每周一汇总后转入老板指定的银行卡。\n2.每次转账收取转账服务费5元。"
    assert ("withdrawal", 5.0, "per_transaction") in _kinds(sheet)
    assert "fee.withdrawal" in flagged(sheet)


def test_a_data_card_that_cannot_be_taken_out_makes_its_fee_mandatory() -> None:
    locked = "机具内置4G流量卡（不可拆换），首年免费，第二年起每年收取流量费69元。"
    assert "fee.data" in flagged(locked)
    assert "fee.data" not in flagged(locked.replace("（不可拆换）", ""))  # disclosed and at the market's level


def test_a_transcription_is_titled_by_the_text_it_copies() -> None:
    flyer = ("照片转文字｜来源：会员在“商户维权互助群”里转发的传单照片\n转录：志愿者 阿凯　2025-08-03\n"
             "（按照片原样转录，错别字照抄）\n\n[正面]\n卡小二 智能POS\n信用卡管家　一机多用\n✓ 费率0.55%，秒到账\n"
             "办理流程：扫码下载APP → 实名认证 → 绑卡 → 领机\n深圳卡小二信息技术有限公司\n咨询热线：400-686-1327")
    assert "licence.not_found" in flagged(flyer)
    letter = ("照片转文字｜来源：会员提交的投诉信照片\n[第1页]\n投诉信\n我去年办了一台POS机，刷卡后被扣了299元押金，"
              "业务员一直联系不上。")
    assert "licence.not_found" not in flagged(letter)
