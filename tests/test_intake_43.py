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


def test_a_question_sites_answer_that_tells_what_was_taken_from_its_writer_is_a_complaint() -> None:
    answer = ("知乎 · 问题：POS机都有哪些隐藏收费？被坑过的来说说\n说下我自己的，今年年初对账才发现。\n"
              "结算明细里每一笔交易都多了一项“资金保障服务”，按交易额千分之一扣。我从来没勾选过这东西，我关了又给开回来。")
    assert "fee.insurance" in flagged(answer)
    advice = ("知乎 · 问题：POS机都有哪些隐藏收费？\n我做了几年收单，我说下常见的。"
              "有的机器每一笔交易多一项“资金保障服务”，按交易额千分之一扣，我建议开机后先查结算明细。")
    assert "fee.insurance" not in flagged(advice)  # an answer that teaches, nothing taken from its writer


def test_a_sum_taken_then_named_by_its_memo_is_that_fee() -> None:
    assert [(f.kind, f.amount, f.period) for f in fees_of("每个月5号固定扣19.9，名目叫“商户管家月费”。")] == [
        ("recurring", 19.9, "month")]
    post = "每个月到账记录里都有一笔15块的扣款，备注“商户维护费”，业务员当时根本没提过这个。"
    assert [(f.kind, f.amount, f.period) for f in fees_of(post)] == [("recurring", 15.0, "month")]
    assert not fees_of("单笔满1000元的交易可享受优惠，每月维护费全免。")


def test_fees_left_to_the_system_are_undisclosed_and_if_any_is_no_generality() -> None:
    chat = "刘经理：别的费用就看系统了 到时候有的话APP会提示你 我这边也说不太准"
    assert "fee.undisclosed" in flagged(chat)
    assert "fee.undisclosed" not in flagged("有的代理说别的费用就看系统了，这种话别信。")


def test_a_merchant_put_under_a_discounted_category_is_mcc_jumping() -> None:
    told = "打电话问业务员，他说“这是给你挂的优惠类商户，费率比餐饮的低，对你有好处”。"
    assert "clearing.mcc_jumping" in flagged(told)
    assert "clearing.mcc_jumping" not in flagged("优惠类商户的认定由收单机构按国家规定办理，我们帮你报备材料。")


def test_speakers_with_asides_in_their_names_are_two_messages() -> None:
    thread = ("阿杰（拉卡拉）回复王姐（鲜果坊）：机器不要钱 就是开机第一笔会先冻结个一百九十九 三个月内刷够五万全返\n"
              "王姐（鲜果坊）：五万？我一个月流水也就一万出头")
    assert [(f.kind, f.amount) for f in fees_of(thread)] == [("deposit", 199.0)]


def test_a_service_desks_statement_ending_in_de_ne_is_no_question() -> None:
    chat = "小掌：亲 这个不是押金哦 是服务费，根据您签署的《商户服务协议》第6.2条，服务费一经收取不予退还的呢"
    assert "terms.non_refundable" in flagged(chat)
    assert "terms.non_refundable" not in flagged("李姐：服务费一经收取不予退还，这是什么规定的呢")


def test_goods_sold_and_not_taken_back_keep_no_money_of_a_service() -> None:
    assert "terms.non_refundable" not in flagged("同城可以上门看货，外地运费自理，二手东西售出不退。")
    assert "terms.non_refundable" in flagged("激活服务费299元，一经收取概不退还。")


def test_a_pitch_the_writer_turned_down_is_no_fee_and_one_they_took_is() -> None:
    note = "另外：有个业务员跟我说“信用卡0.38终身不涨”，我直接拉黑了。"
    assert "fee.rate_bait" not in flagged(note)
    assert "fee.rate_bait" in flagged("业务员跟我说“信用卡0.38终身不涨”，我就办了，结果第二个月变成0.68。")


def test_a_same_day_payout_the_merchant_opens_in_the_app_is_optional() -> None:
    assert [f.optional for f in fees_of("想当天到自己在APP里开D0，每笔多0.05%。")] == [True]
    assert "fee.instant_settlement" in flagged("默认当天到账，每笔多0.05%，关不掉。")


def test_a_deposit_recalled_to_a_customer_with_a_refund_offer_is_no_fee() -> None:
    lure = "您好，这里是拉卡拉客服中心。系统显示您2023年办理的POS机有199元押金还未退还，现在可以为您办理退款。"
    assert not [f for f in fees_of(lure) if f.kind == "deposit"]


def test_a_short_videos_caption_by_its_seller_offers() -> None:
    post = ("快手 · 作品文案 + 评论\n作者：成都本地POS·川哥\n作品文案：\n"
            "咱们四川自己的持牌支付公司——成都支付通新信息技术服务有限公司\n"
            "人民银行支付业务许可证 Z2020651000019 可查\n0押金 0激活费\n信用卡 0.6　储蓄卡 0.5\n本地上门安装\n")
    assert "licence.inactive" in flagged(post)  # not renewed in 2023 (registry-status-updates.csv)
    article = "作者：李律师\n本文讲讲成都支付通新信息技术服务有限公司（Z2020651000019）的牌照为何没有续展。"
    assert "licence.inactive" not in flagged(article)


def test_a_hold_told_done_by_a_service_desk_is_a_fund_hold() -> None:
    chat = "客服-阿琳：您好，经查询您的账户因触发系统风控，资金已做冻结处理，请您耐心等待审核。"
    assert "terms.fund_hold" in flagged(chat)
    assert "terms.fund_hold" not in flagged("客服：您的资金没有冻结，结算正常，请放心。")


def test_categories_a_terminal_jumps_among_at_random_are_mcc_jumping() -> None:
    note = "一台机器能刷出好多家店：商超、餐饮、加油、酒店\n随机跳，银行那边看到的就是正常消费"
    assert "clearing.mcc_jumping" in flagged(note, kind="image")
    assert "clearing.mcc_jumping" not in flagged("警惕：有的机器商超、餐饮、加油、酒店随机跳，这就是跳码，千万别用。")


def test_a_rural_commercial_banks_own_notice_names_its_acquirer_and_warns() -> None:
    notice = ("江南农商银行 · 微信公众号推文（复制）\n关于规范POS机具受理服务的公告\n"
              "近期有不法人员以“银行合作”名义推销POS机具，甚至诱导商户提供银行卡密码和短信验证码。\n"
              "一、我行为特约商户布放POS机具，不收取押金。\n二、我行现行收单手续费标准：贷记卡交易按交易金额的0.60%收取。\n")
    found = flagged(notice)
    assert "licence.not_found" not in found and "site.sensitive_data" not in found
    agent = "POS机办理\n贷记卡0.60%，包邮到家，联系微信领取。"
    assert "licence.not_found" in flagged(agent)


def test_a_fee_told_by_how_often_it_is_taken_then_the_sum_of_each_time_is_read() -> None:
    for text in ("流量费是每个季度扣一次，一次二十九。", "流量费每个季度扣一次 一次二十九"):
        assert [(f.kind, f.amount, f.period) for f in fees_of(text)] == [("data", 29.0, "quarter")], text
    assert not fees_of("流量费是每个季度扣一次，一次二十九天到账。")  # a count of days, no sum


def test_a_card_apps_record_that_names_a_stranger_beside_the_shops_own_slip_is_a_mismatch() -> None:
    post = ("今天拿自己的信用卡在店里刷了一笔 888\n小票上清清楚楚：商户名称「小满糖水铺」 收单机构「银联商务」\n"
            "结果晚上信用卡APP里一看 这一笔显示的是\n「{}」‼️\n{}")
    stranger = flagged(post.format("深圳市鑫源达贸易商行", "完全不认识的一家店 还在深圳 我在广州啊"))
    assert {"statements.mismatch", "clearing.mcc_jumping"} <= stranger
    assert not flagged(post.format("小满糖水铺", "跟小票一样 放心了"))
    assert not flagged("手机银行里显示的是\n「拉卡拉支付」\n到账正常。")
    same = ("我一个饭店，顾客说他信用卡APP里这笔显示的是\"长沙市宏盛建材批发部\"。我翻了小票，小票上商户名称打的也是"
            "\"长沙市宏盛建材批发部\"。")
    assert "statements.mismatch" not in flagged(same)  # the three records agree: another's category, no mismatch
    assert "clearing.mcc_jumping" in flagged(same)


def test_a_fee_said_to_be_charged_by_everyone_is_still_charged_here() -> None:
    reply = "川哥（作者）：流量费是每个季度扣一次 一次二十九 系统自动扣的 这个每家都有的哈"
    assert [(f.kind, f.amount) for f in fees_of(reply)] == [("data", 29.0)]
    assert not fees_of("有的机器流量费一年99，办之前问清楚。")  # some machines: a hedge, no price of this offer
