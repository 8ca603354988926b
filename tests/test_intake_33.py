"""Leftovers of held-out sets 31 and 32, and held-out set 33 (what it really costs: fees written every way):
each sign is read, and its honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged

_AGENT = ("汇通收单是汇付天下在苏州的服务商。收单机构是上海汇付数据服务有限公司（品牌“汇付天下”），"
          "支付业务许可证编号 Z2000931000013。信用卡费率0.60%，免费办理，T+1到账。\n")


def test_a_name_told_apart_from_the_acquirer_is_not_judged_as_the_acquirer() -> None:
    told_apart = _AGENT + "常有人把“汇付天下”和“汇付宝”弄混，其实是两家不同的公司，我们只做汇付天下。\n"
    assert "licence.no_acquiring" not in flagged(told_apart)
    # the same brand named as the one behind the offer is judged (its licence has no card acquiring)
    named = ("汇通收单是汇付宝在苏州的服务商，收单机构是汇付宝，支付业务许可证编号 Z2011611000017。"
             "信用卡费率0.60%，免费办理，T+1到账。\n")
    assert "licence.no_acquiring" in flagged(named)


def test_a_look_alike_company_warned_of_is_not_judged_as_the_acquirer() -> None:
    page = ("我们推广的付费通POS，收单机构是上海付费通信息服务有限公司，支付业务许可证编号 Z2002631000012，"
            "业务类型含银行卡收单。刷卡费率0.6%，免费办理，T+1到账。\n"
            "另外提醒：有一家名字很像的“上海付费通企业服务有限公司”，那是另一家做预付卡的公司，牌照早已到期。\n")
    assert not {"licence.inactive", "licence.no_acquiring"} & flagged(page)
    selling = ("我们推广的付费通POS，收单机构是上海付费通企业服务有限公司，持有支付业务许可证。"
               "刷卡费率0.6%，免费办理，T+1到账。\n")
    assert "licence.inactive" in flagged(selling)


def test_a_deduction_that_did_not_happen_is_no_deposit() -> None:
    record = "回访结果：商户查询了装机以来的全部结算明细，未被扣过押金299元，对方所称“押金退还”不实。"
    assert "fee.deposit" not in flagged(record)
    assert fees_of(record) == []
    happened = "回访结果：商户查询了装机以来的全部结算明细，首刷被扣了押金299元，至今未退还。"
    assert "fee.deposit" in flagged(happened)


def test_others_practice_that_the_writer_disowns_is_not_theirs() -> None:
    page = "问：押金刷不满会不退吗？\n答：那是有些代理商自己加的规矩，刷不满押金就不退，我们不做这个，机器免押金。"
    assert "terms.non_refundable" not in flagged(page)
    own = "问：押金刷不满会不退吗？\n答：押金199元，90天内刷不满5万押金就不退，这是公司规定。"
    assert "terms.non_refundable" in flagged(own)
    told_not_denied = "押金299元，刷不满3万元不予退还，我们不做解释。"
    assert "terms.non_refundable" in flagged(told_not_denied)


def test_moving_a_balance_out_to_a_bank_card_is_a_wallet_and_its_price_a_withdrawal_fee() -> None:
    page = ("随刷宝电签POS｜刷卡收款，钱到APP，想提就提\n资金流程\n① 顾客刷卡\n"
            "② 交易款实时进入您的收款账户（APP首页“可用余额”）\n"
            "③ 在APP点“转出到银行卡”即可到账\n转出到银行卡每次收取2元手续费，单次最低转出50元。\n")
    found = flagged(page)
    assert {"clearing.second_clearing", "fee.withdrawal"} <= found
    [fee] = [f for f in fees_of(page) if f.kind == "withdrawal"]
    assert (fee.amount, fee.unit) == (2.0, "元/笔")
    bank = "交易款T+1结算至您本人的银行结算账户，账户余额可在手机银行查询，转出单笔最低50元。"
    assert not {"clearing.second_clearing", "fee.withdrawal"} & flagged(bank)


def test_a_transfer_priced_per_time_is_a_withdrawal_fee_not_instant_settlement() -> None:
    story = "钱进了平台的余额，每转一次收3块钱，业务员说比银行的秒到便宜。这半年来每次转出扣的3元手续费要退给我。"
    kinds = {(f.kind, f.amount, f.unit) for f in fees_of(story)}
    assert ("withdrawal", 3.0, "元/笔") in kinds
    assert not any(k == "instant" for k, _, _ in kinds)
