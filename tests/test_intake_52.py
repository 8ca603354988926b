"""Held-out sets 51–53 read again: the last of set 51's spoken language (a bare 服务费 by the month, terms as a seller
says them, 回 for times, 鸭金), and the line between fair and unfair (set 53: a fee table that shows every price, an
FAQ's answer about its question's service, a promotion's days and the rate from the day after them)."""

from __future__ import annotations

from flags import flagged
from poscheck.normalize import normalize


def test_a_bare_service_fee_by_the_month_is_a_recurring_fee() -> None:
    post = "⚠️ 说一下哈 机器用起来以后每个月有9块9的服务费 是从结算款里自动扣的 就一杯奶茶钱 宝子们别介意"
    assert "fee.recurring" in flagged(post)
    assert "fee.recurring" not in flagged("每笔收取0.6%的服务费，每月5号结算。")  # a date; a share of each payment
    assert "fee.recurring" not in flagged("开通VIP商户服务包，服务费399元/年，开通后贷记卡费率0.52%。")  # the plan's


def test_a_spoken_renewal_and_a_choice_put_as_a_question() -> None:
    """要不要 asks, it denies nothing: what follows it is still said."""
    assert "terms.auto_renewal" in flagged("会员是按月的，它到期之后自己就续上了，从你绑的那张卡上扣")
    assert "terms.auto_renewal" in flagged("会员费每月29元，都没得哪个问过我要不要 它自己到时间就扣了")
    assert "terms.auto_renewal" in flagged("会员到期后系统默认帮你续上，下一年的钱从结算款里直接扣")
    assert "terms.auto_renewal" not in flagged("会员到期后您可以自己续费，不续就自动降回标准费率。")
    assert "terms.auto_renewal" not in flagged("会员到期不会自己续费，要续的话自己去APP里点")


def test_terms_as_a_seller_says_them() -> None:
    voice = "费率这块呢 是我们公司后台统一调的 它调了以后会给你手机发个短信 你看一眼就行了不用管它"
    assert "terms.unilateral_change" in flagged(voice)
    assert "terms.unilateral_change" not in flagged("我们不会后台统一调费率，签多少就是多少")
    # the reason given for a rise that came is the complaint's rate_bait, not a term
    complaint = ("投诉：POS机费率被偷偷上调\n我翻了下APP，我的费率从3月份开始变成了0.72%，没有任何短信通知，"
                 "我问业务员，他说是\"公司统一调整\"。")
    assert "terms.unilateral_change" not in flagged(complaint)
    assert "terms.jurisdiction" in flagged("有争议的话是到我们公司所在地，就是苏州工业园区的法院去处理")
    assert "terms.liability_exclusion" in flagged("钱到了平台以后丢了 那咱这边是一分钱责任都不担嘞")
    assert "terms.liability_exclusion" not in flagged("真出了问题我们责任都不推，全额赔付")


def test_the_other_side_of_not_this_but_that() -> None:
    live = "钱不是直接到您卡上 是先进咱这个平台的APP 然后自己提现"
    assert "clearing.second_clearing" in flagged(live)
    assert "clearing.second_clearing" not in flagged("我们不是先进平台再提现的那种，钱直接到您自己卡上")


def test_spoken_counts_and_spellings() -> None:
    assert normalize("这个月被扣了三回 每回59").text == "这个月被扣了3次 每次59"
    assert normalize("两回事，每回来一次").text == "两回事,每回来1次"  # not a count
    assert normalize("鸭金99 三个月刷够3w 全额退回").text.startswith("押金99")
    assert "fee.data" in flagged("我今天对账才发现 这个月被扣了三回 每回59 说是网络通讯费")


def test_a_slip_with_another_trade_asked_where_it_came_from() -> None:
    chat = "我刷卡的小票上商户名称印的是\"鑫源便利超市\" 我是卖五金水电的啊 哪来的超市？"
    assert "clearing.mcc_jumping" in flagged(chat)
    assert "clearing.mcc_jumping" in flagged("就是您刷卡的时候可以自己挑走哪个行业的商户")
    assert "clearing.mcc_jumping" not in flagged("刷卡的时候不能自己选行业，入网登记什么就是什么")


def test_a_card_code_by_where_it_is_printed() -> None:
    call = "麻烦您把卡号、还有卡背面签名条上那三位数字发我一下"
    assert "site.sensitive_data" in flagged(call, "http://pos-kefu.example.com/")


def test_a_pitch_under_a_divider_after_a_guide() -> None:
    answer = ("先说结论：看收单机构、看结算账户、看费率有没有写进合同，其他都是次要的。\n"
              "1. 收单机构。让他把机构全称写给你。\n"
              "—— 分割线 ——\n"
              "顺便说下我自己这边，我们做的是盛付通的机器，不收押金。\n"
              "可以开我们的超级会员，一年198元，开了以后贷记卡直接降到0.52%。\n"
              "有需要的可以私信我，同城的可以上门装。\n")
    head = "2025年了，小店办POS机到底选哪家？ - 问知\n关注者 1,208 · 被浏览 863,417\n"
    assert "fee.membership" in flagged(head + answer)


def test_a_fee_table_that_shows_every_price_is_no_bait() -> None:
    table = ("资费明细\n项目 | 收费 | 备注 |\n信用卡刷卡 | 0.60% |  |\n机具 | 免费 | 押金0元 |\n"
             "终端月服务费 | 10元/月 | 含远程维护、软件升级 |\n")
    assert "promo.free_bait" not in flagged(table)
    assert "promo.free_bait" in flagged("机具免费送，不花一分钱！\n终端月服务费10元/月，激活次月起从结算款扣收。")


def test_an_answer_speaks_of_its_questions_service() -> None:
    page = "到账 | T+1 免费；D0 另加0.1% |\n常见问题\n问：D0要开吗？答：看您需要，APP里自己开，不开就是T+1。\n"
    assert "fee.instant_settlement" not in flagged(page)
    assert "fee.instant_settlement" in flagged("到账 | T+1 免费；D0 另加0.1% |\n问：D0要开吗？答：系统默认开通。\n")


def test_a_promotions_days_and_the_rate_after_them() -> None:
    poster = "信用卡费率入网后前90天：0.50%\n信用卡费率 第91天起：0.60%（按合同标准费率执行)\n"
    assert "fee.rate_bait" in flagged(poster)
    assert "fee.rate_bait" not in flagged("信用卡费率0.60%\n借记卡费率 第2个月起：0.50%\n")
    assert "fee.rate_bait" in flagged("信用卡0.38秒到账 周末节假日照样到")  # a rate with its payout, not a speed


def test_a_warning_article_quotes_the_agents_post_as_a_block() -> None:
    article = ("朋友圈里的“免费POS机”，我替你把账算了一遍\n先看一条真实的朋友圈文案：\n"
               "> 🔥免费领POS机🔥不要钱！！刷卡0.38 秒到账～\n> 信用卡养卡提额神器，空卡也能周转\n"
               "这几行字，几乎每一句都有坑。用POS机把信用卡的钱刷出来，就是套现，金额大了涉嫌犯罪。"
               "看到写这种话的，直接拉黑。\n本文不推荐任何机器。\n")
    found = flagged(article)
    assert not found & {"fee.rate_bait", "promo.cash_out"}, found


def test_a_question_before_signing_and_a_complaints_demands() -> None:
    thread = ("业务员说首刷扣99押金刷满返，这个能签吗？ - 店主家论坛\n"
              "发表于 2025-5-06 21:47 | 楼主\n各位大哥帮我看看，还没签。\n"
              "2. 第一次刷卡会扣99块“押金”，三个月内刷满5万就退回来；\n"
              "想问问：这种要是签了，押金会不会不退？\n"
              "发表于 2025-5-06 22:05 | 2#\n先别签。\n")
    assert "fee.deposit" not in flagged(thread)
    letter = ("投诉材料（拟提交12315及消保委）\n今年2月我发现结算款里还扣了98元，对方说这是第二年的服务年费，"
              "办机时也没人跟我讲过有年费。\n我的诉求：\n一、退还服务年费98元；\n二、无条件为我注销POS机，不收取违约金；\n")
    assert "fee.recurring" in flagged(letter)


def test_a_rented_devices_deposit_comes_back_with_the_device() -> None:
    table = ("方式二：租用\n项目 | 金额 | 说明 |\n设备押金 | 200元/台 | 签约时收取，不计利息 |\n"
             "押金退还 | 全额 | 退租时机器交回且能正常开机，7个工作日内原路全额退回 |\n")
    assert "fee.deposit" not in flagged(table)
    assert "fee.deposit" in flagged("设备押金 | 200元/台 | 首刷时扣除，90天内刷满5万退还 |\n")


def test_a_data_card_bound_to_the_terminal_is_no_option() -> None:
    """A yearly data fee at the market's level is disclosed pricing, unless the terminal takes no other card or
    network: then the merchant cannot refuse it."""
    assert "fee.data" in flagged("流量服务费 | 69元/年，随机具绑定，不支持自带SIM卡或WiFi |\n")
    bound = "机具内置物联网卡，通讯流量费每年陆拾元（60元）。物联网卡与机具绑定，甲方不得自行更换或改用其他网络。"
    assert "fee.data" in flagged(bound)
    assert "fee.data" not in flagged("流量服务费 | 60元/年，首年免费，可改用WiFi，改用后不收取 |\n")


def test_an_unnamed_rate_that_earns_points_is_a_cards() -> None:
    assert "fee.rate_bait" in flagged("大额交易自动落地优惠类商户，费率低至0.38，笔笔有积分。")
    assert "fee.rate_bait" not in flagged("扫码费率0.38，有积分。")


def test_an_example_after_the_claim_illustrates_it() -> None:
    """比如 before a practice cites it as an example; after it, the speaker illustrates what they just offered."""
    call = "A：就是您刷卡的时候可以自己挑走哪个行业的商户，比如说您刷大额的时候，选个批发类的，手续费就更低"
    assert "clearing.mcc_jumping" in flagged(call)
    assert "clearing.mcc_jumping" not in flagged("常见的二清话术，比如可以自选商户、商户随便选。")


def test_a_short_videos_shop_sells_the_machine() -> None:
    video = ("00:00:44,200 --> 00:00:48,600\n机器啥牌子的 评论区不方便说 一清的 放心\n"
             "00:00:48,600 --> 00:00:52,300\n要机器的老铁 左下角小黄车 或者私信四哥\n视频描述：⬇️小黄车⬇️ #刷卡机\n")
    assert "licence.not_found" in flagged(video)


def test_a_final_rate_left_to_a_review() -> None:
    assert "fee.undisclosed" in flagged("限时特惠，刷卡低至0.38%。\n*最终费率以审核结果为准")
    assert "fee.undisclosed" not in flagged("入网资料以审核结果为准，审核通过后装机；信用卡0.6%，借记卡0.5%封顶20元。")


def test_a_newspapers_report_and_a_reader_told_to_check() -> None:
    report = ("一年被扣三次“流量费”、到账少了几百块 商户POS机“隐形收费”调查_财经_都市消费周报\n"
              "近期，本报“消费维权热线”陆续接到二十余位小微商户反映。\n首笔交易“被押金”\n"
              "在郑州经营水果店的刘女士告诉记者，去年一位业务员上门推销，称机器“不要钱”，她便办了一台。"
              "“第一次刷了500元，到账只有301元，打电话问，说是扣了199元押金，三个月内刷满5万才退。”\n")
    assert not flagged(report) & {"fee.deposit", "promo.free_bait"}
    guide = "你的POS机有没有“跳码”？3分钟自己查清楚\n今天就用最简单的话讲清楚：跳码是什么、为什么要在意、怎么自己查。\n"
    assert "clearing.mcc_jumping" not in flagged(guide)


def test_a_question_before_buying_and_a_happy_review() -> None:
    thread = ("【帖子】有人推荐开“VIP会员”降费率，399一年降到0.45，靠谱吗？\n"
              "1楼 烘焙小林（楼主） 2025-07-22 21:14\n"
              "群里有个人说他们家的POS机开VIP会员，399一年，信用卡费率从0.6降到0.45。"
              "我还没买机器也没开，就是想问问。\n"
              "2楼 修手机的阿强 2025-07-22 21:30\n你先算算信用卡0.45%人家还挣不挣钱。\n")
    assert not flagged(thread) & {"fee.membership", "fee.rate_bait"}
    review = ("没有业务员，没交一分钱押金，第一笔刷了88块，第二天到了87块多，扣的就是手续费。\n"
              "到账：默认第二天到账，我没开秒到。APP里有秒到开关，写着开了每笔加0.05%，我觉得没必要。\n")
    assert not flagged(review) & {"fee.deposit", "fee.instant_settlement"}
    assert "fee.deposit" in flagged("当时说好没交一分钱押金，结果第一笔就扣了199元押金。")


def test_a_page_that_says_it_is_no_ones_official_site() -> None:
    page = ("特别声明：本站由南京宁通信息技术有限公司运营，不是通联支付官网。\n收费说明（与通联官方收费确认单一致）\n"
            "信用卡 | 0.60% |\n")
    assert "site.impersonation" not in flagged(page, url="http://www.ntxx-pos.com/", kind="html")
    fake = "拉卡拉官网\n谨防假冒，认准拉卡拉官网，其他网站均非官网\n"
    assert "site.impersonation" in flagged(fake, url="http://lkl-pos.example.cn/", kind="html")


def test_a_rise_announced_with_45_days_and_a_free_exit() -> None:
    notice = ("二、调整内容\n上述商户的贷记卡交易手续费由0.55%调整为0.60%，不设封顶。\n"
              "三、生效时间\n本次调整自2025年8月1日起生效，即距本公告发布之日不少于45日。\n"
              "四、商户的选择\n您如不接受本次调整，可申请终止受理协议，我司不收取任何违约金。\n")
    assert "fee.rate_bait" not in flagged(notice)


def test_a_plans_tiers_and_the_service_a_fee_sentence_follows() -> None:
    page = ("海科融通POS机办理-杭州服务商\n开通VIP权益，费率立减\n等级 | 年费 | 贷记卡费率 | 适合 |\n"
            "普通商户 | 0元 | 0.60% | 月交易5万以下 |\nVIP银卡 | 199元/年 | 0.55% | 月交易5-20万 |\n"
            "所有新开通商户默认开通“资金保障服务”：如发生盗刷造成的损失，最高可获5万元保障。服务费按交易金额的0.05%随笔收取。\n")
    found = flagged(page)
    assert {"fee.membership", "fee.insurance"} <= found and "fee.recurring" not in found


def test_a_recruiting_page_prices_the_merchants_fees_not_the_agents_devices() -> None:
    page = ("星驿付电签 2025年代理新政\n二、流量费分润\n"
            "每台机具自激活第13个月起，系统每年收取商户流量费99元，代理分得60%。\n"
            "五、加入方式\n添加招商微信，当天开通代理后台，首批机具免费下发。\n")
    found = flagged(page)
    assert "fee.data" in found and "promo.free_bait" not in found


def test_an_app_record_and_an_opt_in_never_made() -> None:
    shot = ("14:26 4G 52%\n收支明细 筛选\n流量卡服务费 -69.00\n系统扣费·终端SN尾号6027\n"
            "交易结算 +2,318.40\nT+1结算至尾号1182\n")
    assert "licence.not_found" not in flagged(shot, kind="image")
    complaint = ("投诉：POS机每笔多扣3元秒到费\n我翻了APP里的交易明细，每笔交易还多出一个“D0服务费 3.00元”。"
                 "我从来没有申请开通过什么秒到、D0。\n")
    assert "fee.instant_settlement" in flagged(complaint)
    assert "fee.deposit" in flagged("我懵了，打APP客服，客服说扣的199是“激活押金”，90天内交易满8万才退。")
