"""Held-out set 51 (spoken and social-media language: livestreams, voice messages, calls, chats): a speaker's
fillers and an option the merchant switches on are read as they are meant."""

from __future__ import annotations

from flags import flagged
from poscheck.rules.context import genre


def test_a_speakers_filler_between_a_fee_and_its_sum() -> None:
    voice = "押金呢是二百九十九 就是说你第一次刷卡的时候它会自动扣掉"
    assert "fee.deposit" in flagged(voice)
    assert "fee.deposit" in flagged("押金的话是299，第一次刷卡自动扣")
    assert "fee.deposit" not in flagged("押金呢是没有的 第一次刷卡就是正常扣手续费")


def test_a_service_the_merchant_switches_on_is_a_choice() -> None:
    live = "APP里面有个\"快速到账\"，你自己点了才开，每笔多收0.1%"
    assert "fee.instant_settlement" not in flagged(live)
    assert "fee.instant_settlement" in flagged("APP里面有个\"快速到账\"，默认给你开着，每笔多收0.1%")


def test_a_leaked_team_chat_shows_what_the_team_does() -> None:
    """A team's chat posted by someone who left (我退出前把记录导了出来) is the team's own record, like a leaked
    script: its instructions are the practice, and a hedge in the words staff are told to say is theirs, not the
    fee's."""
    title = "【网友投稿】前同事拉我进的一个代理团队群，我退出前把记录导了出来，大家自己看看这些人是怎么做业务的。\n"
    chat = ("2025-06-03 09:16  团队长-盛总\n3. 流量费第一年不收，从第二年开始每个季度扣45，后台已经全部设好了，"
            "签的时候不要主动提，客户问了就说\"一年几十块，行业都一样\"\n"
            "2025-06-03 09:22  团队长-盛总\n退机可以，跟他说合同里写了，用不满一年解约要交300的违约金。\n")
    found = flagged(title + chat)
    assert {"fee.data", "terms.penalty"} <= found
    assert "fee.data" not in flagged("流量费一般一年几十块，行业都一样。")  # a hedge of the writer's own


def test_spoken_names_of_fees() -> None:
    assert "fee.insurance" in flagged("每笔交易都带了一个资金安全保障，收万分之五，是默认给你开着的啊")
    assert "fee.insurance" not in flagged("资金安全有保障，T+1到账，费率0.6%")
    assert "fee.instant_settlement" in flagged("刷完马上到卡，每笔多收两块钱，不用等第二天")
    assert "fee.instant_settlement" not in flagged("刷卡马上到账，费率0.6%")


def test_posts_that_mock_or_warn_offer_nothing() -> None:
    """A video's checklist before applying (办刷卡机前一定要问的5句话) and a meme of the sellers' lines
    (…迷惑发言大赏) sell no terminal, so they name no acquirer to check."""
    checklist = ("办刷卡机前一定要问的5句话，问完骗子自己就走了\n第一句：押金多少，什么时候退？\n"
                 "第二句：费率写进合同没有？信用卡0.6%是不是永久的？\n")
    meme = ("刷卡机销售迷惑发言大赏\n销售：机器免费送！\n我：那第一笔刷卡扣的两百是啥？\n销售：费率永不涨！\n"
            "我：“永”是多久，三个月？\n转给开店的朋友#避坑#刷卡机\n")
    for text in (checklist, meme):
        assert not {c for c in flagged(text) if c.startswith("licence.")}
    assert genre("办理前三个月费率优惠") == "offer"  # (a promotion's first months, not a checklist)


def test_voice_messages_about_my_terminal_are_the_merchants_record() -> None:
    voice = ("微信语音转文字（截屏后 OCR 整理）\n发送人：三嬢（火锅店）  接收人：表妹小敏\n[语音 59″]\n"
             "妹儿 你帮我看一哈嘛 我那个刷卡机 当时他跟我说刷信用卡是零点六 上个月一万块钱扣了八十几块\n"
             "[图片]（短信截图：【XX付】尊敬的商户，您的终端年服务费198.00元已于2025-11-12扣收成功。）\n")
    assert "licence.not_found" not in flagged(voice)


def test_what_a_caption_or_a_voice_denies_or_rejects() -> None:
    caption = ("因为商户你自己选\n酒店 超市 加油站 批发 随便挑\n想刷哪个行业就刷哪个行业\n刷大额就挑个批发类的\n"
               "刷小额就挑个超市\n还有积分 银行看不出来\n")
    found = flagged(caption)
    assert "clearing.mcc_jumping" in found and "promo.cash_out" not in found  # the unseen slip is the jump's
    assert "promo.cash_out" in flagged("卡里没钱也能刷出来周转，走的是商户消费，银行看不出来。")
    voice = "信用卡零点六 借记卡零点五 单笔封顶二十块 合同上都写的 然后那个押金啊激活费啊这些我们都没有"
    assert "fee.deposit" not in flagged(voice)
    assert "fee.deposit" in flagged("押金都没有退，第一笔扣了299元押金")
    note = "（店长备注：任何人打电话来说换机、要验证码，一律不理，直接告诉我。）"
    assert "site.sensitive_data" not in flagged(note, url="https://shop.example.com/")
    assert "site.sensitive_data" in flagged("客服：请把手机收到的验证码告诉我，我帮您办理换机。",
                                            url="https://shop.example.com/")


def test_a_channel_that_calls_itself_official_and_the_other_side_of_a_conditional_refund() -> None:
    lure = ("押金退还登记\n尊敬的商户：根据监管要求，旧款POS机押金将统一清退，请在7日内完成登记。\n"
            "本通道为银联商务官方退押通道，请按提示如实填写商户名称、结算卡号及预留手机号，提交后三个工作日内原路退回。\n")
    assert "site.impersonation" in flagged(lure, url="http://ums-kefu95.example.com/tk/")
    assert "site.impersonation" not in flagged("本通道为服务商自建通道，非银联商务官方渠道。\n",
                                               url="http://ums-kefu95.example.com/tk/")
    terms = "激活服务费149元，120天内累计交易满6万元全额返还；未满足条件的不予返还。"
    assert "terms.non_refundable" in flagged(terms)
    assert "terms.non_refundable" not in flagged("商户应按时归还终端；未满足条件的不予退还。")
