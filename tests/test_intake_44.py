"""Held-out set 44 (who is behind the offer: licences, sites, official look-alikes): each sign is read, and its
honest look-alike is left alone."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_sum_said_not_to_be_a_deposit_is_no_deposit() -> None:
    for text in ("机器99元，不是押金", "机具 | 99元购机，非押金 | ", "电签M50 售价 129 元，一次买断归您所有，不是押金"):
        assert "fee.deposit" not in flagged(text), text
    assert [(f.kind, f.amount) for f in fees_of("首刷扣299，说是押金，刷满5万退。")] == [("deposit", 299.0)]


def test_an_acquirer_the_terminals_are_signed_up_with_is_named_by_its_registered_name() -> None:
    page = "所有终端均入网拉卡拉支付股份有限公司，支付业务许可证 {}，业务类型银行卡收单。信用卡0.6%，办理请联系。"
    assert "licence.number_mismatch" not in flagged(page.format("Z2002511000017"))  # (入网 was read into the name)
    assert "licence.number_mismatch" in flagged(page.format("Z2000531000017"))  # 通联's number


def test_a_page_that_names_the_official_site_elsewhere_does_not_claim_to_be_it() -> None:
    agent = ("本站由杭州收款宝信息技术有限公司运营，我司是拉卡拉的签约授权服务商。"
             "拉卡拉官方网站为 www.lakala.com，您可核对我司编号。")
    assert "site.impersonation" not in flagged(agent, url="https://www.hzshoukuanbao.com/lakala/", kind="html")
    fake = "我们是拉卡拉官方网站，在线办理电签POS。"
    assert "site.impersonation" in flagged(fake, url="https://www.lakala-banli.cn/", kind="html")


def test_a_head_office_that_threatens_a_stop_over_a_registration_and_asks_for_the_code_is_fake_service() -> None:
    chat = ("拉卡拉总部客服中心-王经理：您好，这里是拉卡拉总部客户服务中心。系统显示您名下的电签POS备案将于本月底到期，"
            "到期后机器将被停用，无法继续收款。\n另外核查到您这台机器之前多扣了两年流量费共238元，这次备案一并给您退回来。\n"
            "系统会给您手机发一个6位数验证码，您收到后发给我确认一下就行")
    found = flagged(chat)
    assert "promo.fake_service" in found
    assert "fee.data" not in found  # the refund lure's sum is no fee
    notice = "拉卡拉客服中心：您的终端将于本月底完成系统升级，升级期间正常收款，无需任何操作，请勿向任何人提供验证码。"
    assert "promo.fake_service" not in flagged(notice)


def test_settlement_that_passes_through_no_third_party_is_no_second_clearing() -> None:
    assert "clearing.second_clearing" not in flagged("正规一清：资金由持牌支付机构直接结算，不经过任何第三方账户。")
    assert "clearing.second_clearing" in flagged("业务员说刷卡的钱先结算到业务员的个人账户，第二天再转给我。")


def test_a_regulators_notice_of_a_cancelled_licence_offers_nothing() -> None:
    notice = ("中国人民银行上海总部\n公    告\n中国人民银行决定注销下列非银行支付机构的《支付业务许可证》。\n"
              "机构名称：中钢银通信息技术服务有限公司\n许可证编号：Z2013431000011\n"
              "社会公众如发现任何单位或个人仍以上述机构名义从事支付业务，或冒用持牌机构名义推销收款终端、收取费用的，可举报。\n"
              "问：我使用的收款终端是否受影响？\n答：上述机构未开展银行卡收单业务，不涉及POS终端。"
              "商户可在签约协议或签购单上查看为您提供服务的收单机构全称，并核对其许可状态和业务类型。")
    found = flagged(notice)
    assert "licence.inactive" not in found and "licence.no_acquiring" not in found


def test_a_bare_rate_followed_by_its_payout_is_read_and_a_speed_is_not() -> None:
    assert [(f.kind, f.amount) for f in fees_of("✅ 信用卡 0.38 秒到！！！终身不涨价")] == [("rate", 0.38)]
    assert "fee.rate_bait" in flagged("✅ 信用卡 0.38 秒到！！！终身不涨价")
    assert [(f.kind, f.amount) for f in fees_of("信用卡费率0.6 0.5秒到账")] == [("rate", 0.6)]


def test_a_rate_priced_as_the_yuan_taken_from_ten_thousand_is_that_percent() -> None:
    assert "fee.rate_bait" in flagged("拉卡拉官方直营通道，刷一万只要38，比别人省220！")
    assert [(f.kind, f.amount) for f in fees_of("我这台机器刷一万扣了七十二块，手续费太高。")] == [("rate", 0.72)]
    for text in ("刷一万省八块", "刷一万块要多扣三十块钱", "刷一万块只到了九千九百二十二", "刷一万二的果篮"):
        assert not fees_of(text), text


def test_a_certificates_number_is_paired_with_the_holder_its_next_field_names() -> None:
    poster = ("鑫拉卡POS\n支付业务许可证\n许可证编号：Z2002511000017\n公司名称：{}\n业务类型：银行卡收单\n"
              "POS机免费办理 信用卡0.6")
    assert "licence.number_mismatch" in flagged(poster.format("深圳市鑫拉卡科技有限公司"), kind="image")
    assert "licence.number_mismatch" not in flagged(poster.format("拉卡拉支付股份有限公司"), kind="image")
