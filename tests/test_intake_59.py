"""Leftovers of sets 55–58 read by mechanism, and held-out sets 59–61 (apps and their small print; notices and
what others report; door-to-door sales): what their misses taught, in sentences of our own."""

from __future__ import annotations

from flags import fees_of, flagged


def test_a_bare_promised_rate_against_the_rate_charged_with_a_raise_told() -> None:
    story = "去年办的POS机，当时业务员说好的0.6，结果这几个月每刷一万都扣了72块，客服说费率上调了，我根本不知道。"
    assert "fee.rate_bait" in flagged(story)
    assert "fee.rate_bait" in flagged("業務員說好嘅0.6，點知而家每刷一萬扣咗72蚊，問佢就話系統調整咗費率。")
    # (the rate charged told as how it is taken: 都按0.72扣)
    assert "fee.rate_bait" in flagged("信用卡说好的0.6，现在都按0.72扣，客服说是调整了。")
    # …a payout speed and a discount are no rates, and the same rate kept is no raise
    assert not [f for f in fees_of("说好的0.6秒到，结果到账要等一天。") if f.kind == "rate"]
    assert not [f for f in fees_of("国庆期间全场商品按0.6折促销，欢迎到店选购。") if f.kind == "rate"]
    assert "fee.rate_bait" not in flagged("合同上说好的0.6，一直都按0.6扣，没有调整过，挺放心的。")


def test_a_rate_named_by_how_it_is_charged_keeps_a_named_channel() -> None:
    text = "信用卡费率0.6%，储蓄卡按0.5%收取，单笔封顶20元。"
    fees = {(f.channel, f.amount) for f in fees_of(text) if f.kind == "rate"}
    assert ("debit", 0.5) in fees and ("credit", 0.6) in fees


def test_a_shown_name_the_writer_says_is_not_theirs() -> None:
    told = "我开了个小饭馆，用的是业务员推销的POS机。后来才发现顾客账单上的商户名不是我的店名。"
    assert "clearing.mcc_jumping" in flagged(told)
    assert "clearing.mcc_jumping" in flagged("用的是业务员推销的POS机，顾客账单上显示的商户名称跟我的店名对不上。")
    assert "clearing.mcc_jumping" in flagged("我开水果店的，刷卡小票上印的是某某珠宝金店。")
    heard = "我开水果店的，有老顾客说刷完卡账单上显示的是一家KTV，问我是不是开了分店。"
    assert "clearing.mcc_jumping" in flagged(heard)
    # …a case told to the reader, the writer's own name shown, and a name that was corrected are not
    assert "clearing.mcc_jumping" not in flagged("签购单上的商户名称如果不是您的店名，请立即联系收单机构。")
    assert "clearing.mcc_jumping" not in flagged("我们的POS机签购单上显示的就是我家的店名，不是别人的。")
    assert "clearing.mcc_jumping" not in flagged("我开始用的时候，小票上印的是某某超市，后来改过来了。")


def test_a_first_line_that_is_a_paragraph_is_no_guides_title() -> None:
    # (its 怎么 is a customer's question inside the story, not a how-to title)
    post = ("我开了个小饭馆，用的是业务员推销的POS机。上周有顾客拿着信用卡账单来问我说“你家怎么叫鑫悦足浴养生馆”？？"
            "我才知道刷卡显示的根本不是我的店名。")
    assert "clearing.mcc_jumping" in flagged(post)
    guide = "POS机商户名称不对怎么办？\n如果签购单上显示的不是你的店名，可能是被跳码了，请联系收单机构核实。"
    assert "clearing.mcc_jumping" not in flagged(guide)


def test_a_caller_who_says_who_they_are_and_pushes_a_free_swap() -> None:
    story = ("家里的小卖部用了好多年POS机。上个礼拜有个男人打电话来，说自己是银联客服，"
             "说我们的旧机要停用，免费帮我们换新机。"
             "新机寄到之后，第一次刷卡就扣了299元，说是押金，刷够5万才退。")
    assert {"promo.fake_service", "promo.free_bait", "fee.deposit"} <= flagged(story)
    canto = ("屋企間士多用咗好多年POS機。上個禮拜有個男人打電話嚟，話自己係銀聯客服，"
             "話我哋部舊機要停用，免費幫我哋換部新機。"
             "部新機寄到之後，第一次碌卡就扣咗299蚊，話係押金。")
    assert {"promo.fake_service", "promo.free_bait"} <= flagged(canto)
    # …a warning that describes the call, and the real service saying nothing stops, are not
    warning = "如果有人打电话说自己是银联客服，说您的旧机要停用，免费帮您换新机，千万不要相信，这是骗局。"
    assert "promo.fake_service" not in flagged(warning)
    real = "我打电话给拉卡拉客服，客服说自己是官方客服，旧机不会停用，不用换新机，让我放心。"
    assert "promo.fake_service" not in flagged(real)


def test_a_sum_withdrawn_is_no_withdrawal_fee_and_a_withdrawal_shown_in_review_is_held() -> None:
    assert not [f for f in fees_of("11月24日我提现12000元，到现在还没到账。") if f.kind == "withdrawal"]
    assert not [f for f in fees_of("12000元提现半个月还在审核，客服也不给个说法。") if f.kind == "withdrawal"]
    assert [f.amount for f in fees_of("每次提现扣2元。") if f.kind == "withdrawal"] == [2.0]
    held = ('11月24日我提现12000元，到现在一直显示"风控审核中"。'
            '客服只说"系统审核，请耐心等待"，问要审到什么时候，都不说。')
    assert "terms.fund_hold" in flagged(held)
    assert "terms.fund_hold" in flagged("平台有权对存在异常特征的账户暂缓处理提现申请，审核时限视风控核查情况确定。")


def test_a_complaint_sites_name_is_no_customer_deposit() -> None:
    page = ("说好的免费送POS机，第一笔刷卡就扣了299_消费者投诉网\n消费者投诉网 让每一次投诉都有回音\n"
            '业务员说是"公司活动，机器免费送，不要一分钱"，我就办了。打电话问，说299是"机具服务费"，90天内刷满5万才返还。')
    assert {"fee.deposit", "promo.free_bait"} <= flagged(page, kind="html")
    assert "fee.deposit" not in flagged("酒店向消费者收取的房费押金，可以用POS机预授权完成。")


def test_changes_told_in_a_notice_and_a_table() -> None:
    deemed = "商户实际执行费率以本站最新公告为准，商户在调整后继续使用机具交易的，视为认可新的收费标准。"
    assert "terms.unilateral_change" in flagged(deemed)
    table = "项目 | 原标准 | 新标准\n贷记卡 | 0.58% | 0.78%\n执行时间 | — | 本函发出之日起\n"
    assert "fee.rate_bait" in flagged(table)
    fair = ("项目 | 调整前 | 调整后\n贷记卡（境内） | 0.55% | 0.60%\n三、生效时间\n"
            "新费率自2025年12月5日起执行，距本公告发布满30日。\n"
            "四、如您不接受本次调整，可在生效日前申请终止受理协议，我司不收取任何解约费用。\n")
    assert "fee.rate_bait" not in flagged(fair)
    assert "fee.rate_bait" in flagged("信用卡费率由0.55%调整为0.68%，已于11月1日公告。")
    revised = ("4.1 乙方调整收费标准的，应至少提前30日公告并以短信逐户通知甲方。"
               "甲方不同意的，可申请终止本协议，不收取任何费用。\n"
               "附件三 本次修订说明\n（1）贷记卡费率由0.55%调整为0.60%，已于2025年11月14日公告、11月15日短信通知。")
    assert "fee.rate_bait" not in flagged(revised)
    reserved = "我司保留根据运营情况对升级内容及服务标准进行调整的权利，调整内容将在本网站公布。"
    assert "terms.unilateral_change" in flagged(reserved)


def test_a_swap_price_a_service_priced_by_the_month_and_a_share_of_something_else() -> None:
    assert "fee.deposit" in flagged("换新需缴纳升级服务费128元（现场扫码支付），缴费后当场领取新机。")
    assert "fee.deposit" not in flagged("本次固件升级免费，不收取任何升级费、换机费。")
    row = "3 | 终端安全守护 | 实时监测机具异常移机、异常交易。服务标准：9.9元/台/月 |"
    assert [(f.kind, f.amount) for f in fees_of(row)] == [("recurring", 9.9)]
    assert not [f for f in fees_of("升级后非接闪付响应时间缩短约30%。") if f.kind == "rate"]


def test_a_date_is_no_refund_targets_days_and_a_sum_each_time_after_how_often() -> None:
    notice = "【通知】11月15日起新激活的机器，首笔交易扣１９９元服务费，90天内累计刷满６万全额返还。"
    assert [(f.kind, f.amount) for f in fees_of(notice)] == [("deposit", 199.0)]
    chat = "我那台更离谱，流量费一年扣了三次，3月、7月、11月，每次69，办的时候说一年只收一次"
    assert "fee.data" in flagged(chat)
    assert "fee.data" not in flagged("流量费一年扣一次，去年12月扣了36，今年还没到时间。")


def test_card_history_built_on_the_terminal_and_a_party_that_pays_out_of_its_own_accounts() -> None:
    pitch = "信用卡额度老是上不去？用我们这个机子做账单，三个月提额不是梦，卡里没钱也能帮你周转还款。"
    assert "promo.cash_out" in flagged(pitch)
    assert "promo.cash_out" not in flagged("月底前请把对账单做好，核对每一笔刷卡交易。")
    clause = ("乙方：重庆某某科技有限公司\n第二条 待结算资金：截至终止日甲方在乙方平台的待结算资金，"
              "由乙方在完成核查后，"
              "通过乙方对公账户或乙方指定的财务人员个人账户分批支付至甲方。")
    assert "clearing.second_clearing" in flagged(clause)


def test_pages_that_teach_or_report_by_their_title_or_byline() -> None:
    guide = ("点“同意”之前：电签POS配套APP协议里值得停下来的七句话\n下面引用的是反面例子。\n"
             "1. 例：“乙方有权根据运营情况调整收费标准，调整后的标准自APP公告之日起生效。”\n"
             "2. 例：“平台有权视情况冻结商户资金，冻结期限由平台确定。”\n")
    assert not flagged(guide)
    news = ("POS机搬进手机APP 收费藏进了小字里\n2026-02-12 09:41 来源：今日网络 记者 韩笑\n"
            "还有商户反映，刷卡的钱先到APP钱包，提现时每笔再扣一两元。有APP标出“开通年度会员，信用卡费率降至0.4%”。\n")
    assert not flagged(news)
    short = ("装刷卡机之前，先问这三句！\n说“先冻结两三百、刷够多少退”的，多半是冲着你的押金来的。"
             "要是先进APP钱包再提现，赶紧停。")
    assert not flagged(short)


def test_a_list_under_a_heading_that_forbids_or_warns() -> None:
    code = ("二、费用必须主动讲\n1. 机具押金100元：开押金条；不用了把机器交回来，机器好的当场全额退。\n"
            "三、以下说法一律禁止，违者解除劳动合同\n——“机器免费，一分钱不要”；\n——“千分之三点八终身不涨”；\n"
            "——“可以选商户、选行业，积分多”；\n——“能帮您刷信用卡提额、代还、套现”；\n")
    assert not flagged(code)
    help_page = ("如果您使用的某个收款APP出现以下情况，请提高警惕：\n"
                 "① 刷卡后的钱先显示在APP的“余额”“钱包”里，要自己点提现；\n"
                 "② 提现要按笔再扣一次钱。\n")
    assert "clearing.second_clearing" not in flagged(help_page)
    assert "clearing.second_clearing" not in flagged("资金不会停留在任何APP“余额”或“钱包”里，所以您无需也无法“提现”。")
    assert "clearing.second_clearing" in flagged("刷卡的钱先到APP钱包，提现每笔2元。")


def test_an_apps_own_sign_in_a_lapse_not_charged_and_an_exit_that_costs() -> None:
    login = "我们会向该手机号发送短信验证码，您只需在本APP登录页输入，任何工作人员都不会向您索要该验证码。"
    assert "site.sensitive_data" not in flagged(login)
    assert "site.sensitive_data" in flagged("押金退款登记：请在登录页输入手机号和短信验证码，完成退款认证。")
    lapse = "物联网卡价格为36元/年，到期前15天短信提醒，是否续期由您选择，未确认则自动停用该卡、不扣费。"
    assert "terms.auto_renewal" not in flagged(lapse)
    letter = ("项目 | 原标准 | 新标准\n贷记卡 | 0.58% | 0.78%\n二、如商户不同意调整，可申请退机。"
              "服务期未满申请退机的，商户须支付提前解约违约金300元。\n")
    assert "fee.rate_bait" in flagged(letter)


def test_a_stop_pushed_with_a_free_new_device_and_a_card_doubled() -> None:
    push = "【重要】您的机具型号已列入停用名单\n2月28日后将无法交易。点击立即免费申请新机，旧机无需寄回，名额有限。"
    assert "promo.fake_service" in flagged(push)
    tip = ("通知中心\n收款宝Pro 昨天20:30\n【提额攻略】额度太低刷不动？\n"
           "开通“智能账单”，系统按账单日帮您安排每月消费+还款，少量资金撬动整张卡，3个月额度翻倍！")
    assert "promo.cash_out" in flagged(tip)


def test_speech_written_down_without_punctuation() -> None:
    live = "主播：开通的时候要刷一笔一百九十九这个一百九十九是激活的九十天之内你刷满三万块钱一百九十九原路返给你"
    assert [(f.kind, f.amount) for f in fees_of(live) if f.kind == "deposit"] == [("deposit", 199.0)]
    rate = "主播：费率信用卡零点三八零点三八家人们终身不涨写在合同里的"
    assert "fee.rate_bait" in flagged(rate)
    voice = ("现在是活动价信用卡零点三八一百块钱才三毛八分钱前三个月都是这个价"
             "三个月以后恢复成零点六八借记卡是零点五封顶二十")
    assert {(f.channel, f.amount) for f in fees_of(voice) if f.kind == "rate"} >= {("credit", 0.38), ("debit", 0.5)}
    assert "fee.rate_bait" in flagged(voice)
    assert "fee.data" in flagged("流量费是机器里卡的费用，哪个牌子都有，我们这个一个季度扣三十，比别家便宜")
    faq = "答：不用买，0元领机。开通激活时需刷一笔298元的“系统服务费”，90天内累计刷卡满10万元，分三个月返还。"
    assert {"fee.deposit", "promo.free_bait"} <= flagged(faq)
    undisclosed = "小陈：别的费用呢到时候系统上都会显示 您不用操心 平台怎么定就怎么收"
    assert "fee.undisclosed" in flagged(undisclosed)


def test_a_bank_that_places_its_own_terminals_or_speaks_on_its_own_channel() -> None:
    coop = ("“供销e家”助农服务点便民收款服务说明\n服务点的取款和收款终端由青禾农村商业银行股份有限公司布放和管理，"
            "交易资金的清算、结算由该行负责。\n信用卡交易 | 0.6% | 按笔计收\n")
    assert "licence.not_found" not in flagged(coop, kind="html")
    talk = ("直播文字稿（整理稿）\n账号：青禾农商银行（视频号）\n栏目：金融知识进万家\n\n"
            "陈静：今天咱们不卖东西，就聊小店装刷卡机，哪些钱该花。\n\n"
            "王秀兰：那小伙子说机器白送，又说刷第一笔扣三百九十九压金，我儿子看了说别装，就来咱农商行问了。\n\n"
            "陈静：我跟大家说说在我们行办是啥情况：机器我们免费布放，不收押金；信用卡千分之六。"
            "钱第二天打到您自己在我们行的卡上。\n")
    assert "licence.not_found" not in flagged(talk)


def test_one_who_says_they_were_sent_by_the_institution_and_a_line_quoted_to_warn() -> None:
    script = "开场白：“大娘您好，俺们是镇上信用社那边过来搞惠农服务的，这一批刷卡机是免费发的，您这儿还没装吧？”"
    assert "promo.fake_service" in flagged(script)
    warned = ("陈静：再给大家提个醒，这几句话听到了就要小心：“零点三八终身不涨”——后面一定从别的地方扣回来；"
              "“我是银联派来的，您的旧机器要马上停用了”——银联不会上门换机。")
    assert "promo.fake_service" not in flagged(warned)
    call = "前几天有人打电话说是银联的，说我这台机器下个月停止使用，让我在APP里点“免费换新”。"
    assert "promo.fake_service" in flagged(call)


def test_more_names_and_shapes_of_the_same_practices() -> None:
    assert "fee.recurring" not in flagged("三、我的银行卡到账短信：6月19日收到994元")
    assert "clearing.mcc_jumping" in flagged("机器里有上千家真实商户可选，每一笔自动换一家，想刷哪家就刷哪家。")
    assert "clearing.mcc_jumping" not in flagged("本店商户可选择T+1或D0到账。")
    surcharge = "每笔交易在手续费之外另收2元到账服务费，该服务为系统默认配置，暂不支持关闭。"
    assert "fee.instant_settlement" in flagged(surcharge)
    pooled = ("乙方：某某科技有限公司\n收单机构将甲方交易资金结算至乙方指定的收款账户后，"
              "由乙方于次一工作日扣除相关费用，"
              "将余款转付至甲方。")
    assert "clearing.second_clearing" in flagged(pooled)
    collected = "您的收款由星汇平台统一代收，扣除手续费后记入您的账户余额，再由平台每日代付至您的银行卡。"
    assert "clearing.second_clearing" in flagged(collected)
    lease = "首期届满后您未在APP内提交退租申请的，租赁关系按月顺延，租金照常扣收，无需另行签署。"
    assert "terms.auto_renewal" in flagged(lease)
    assert "terms.penalty" in flagged("提前退租的，需一次性支付剩余月份租金的50%作为违约补偿。")
    review = "找客服要求恢复原费率，客服说开个399一年的尊享会员就能降回去，这算什么逻辑？"
    assert "fee.membership" in flagged(review)


def test_a_reply_that_tells_what_was_done_to_its_writer() -> None:
    guide = ("开店前必看：办POS机的十条自保清单\n1. 问清楚机器背后是哪家持牌机构。\n"
             "4. 任何“第一笔先扣、刷满再返”的钱，要么别办，要么写进合同。\n回复\n开汤粉店的阿伟\n收藏，写得实在。\n"
             "2025-03-02 10:11\n")
    assert not flagged(guide)
    told = guide + ("珍珍鞋店\n第4条我就中了。去年6月办的，刷第一笔扣了198，业务员说是押金、刷满6万就退。我刷满了去找，"
                    "他发来合同附件的照片，上面写着“服务费一经收取，概不退还”。\n2025-03-03 20:47\n")
    assert {"fee.deposit", "terms.non_refundable"} <= flagged(told)


def test_a_rate_of_nothing_a_sum_restated_and_a_swap_free_of_charge() -> None:
    assert "fee.rate_bait" in flagged("民营口腔诊所专享：信用卡刷卡0费率，只收网络服务费。")
    assert "fee.rate_bait" not in flagged("扫码收款0费率，每月限额5万。")
    sim = "终端内置物联网流量卡。流量服务费每年伍拾捌元（¥58.00），首年于激活时扣收。"
    assert [(f.kind, f.amount) for f in fees_of(sim)] == [("data", 58.0)]
    page = ("重要通知：旧款POS终端将于2026年6月30日起陆续停止交易服务，请尽快提交换机申请。\n换机政策\n"
            "换机全程免费，新机包邮到店\n新机开通时需缴纳激活服务费299元（系统首笔交易自动扣取）\n")
    assert {"promo.fake_service", "promo.free_bait", "fee.deposit"} <= flagged(page)
    assert "fee.instant_settlement" not in flagged("激活返现 | 商户首刷扣99元服务费即激活，代理实时到账85元 |")


def test_more_shapes_from_many_voices_and_new_products() -> None:
    pooled = "外卡交易资金由我司香港关联公司统一收取，扣除费用后每周一结算至您指定的银行账户。"
    assert "clearing.second_clearing" in flagged(pooled)
    assert "clearing.mcc_jumping" in flagged("商户行业可选：餐饮、百货、酒店、加油随心切换，笔笔有积分。")
    assert "clearing.mcc_jumping" in flagged("民营口腔诊所入网时我们帮您按“医院 / 公益类”类目报件，费率更低。")
    assert "clearing.mcc_jumping" in flagged("APP里自己选，酒店、商场、加油站都有，每天换着刷。")
    assert "terms.penalty" in flagged("租期未满提前退租的，需按剩余月租总额的50%支付提前解约金。")
    call = "这里是拉卡拉商户服务中心，今天给您做个客户回访，您的机器是旧款，不换的话旧机月底会停，现在可以免费换新机。"
    assert "promo.fake_service" in flagged(call)
    assert "fee.undisclosed" in flagged("外币交易的汇兑差价、通道费等其他费用以每期结算单为准。")
    assert "terms.fund_hold" in flagged("即日起暂停所有账户余额提现，恢复时间另行通知。")
    assert "terms.unilateral_change" in flagged("费率这块以我们APP公告为准，公司会根据市场情况统一调整。")
    assert "fee.membership" in flagged("开个钻石会员一次性299，直接降到0.5")


def test_a_pledge_and_silence_taken_as_assent() -> None:
    pledge = ("商户交易量承诺书\n致：某某商务服务有限公司\n本人于2025年3月通过贵司申请使用POS一台。\n"
              "四、六个月考核期满且每月均达标的，贵司将押金全额退还至本人结算卡。\n"
              "五、本人如在激活之日起十二个月内注销终端、停止使用或将终端寄回，同意向贵司支付违约金陆佰元。\n")
    assert "promo.fake_service" not in flagged(pledge)
    assert "terms.penalty" in flagged(pledge)
    short = "如对本次费率调整有异议，请于收到本函之日起三日内以书面形式向我司提出；逾期未提出的，视为同意本次调整。"
    assert "terms.unilateral_change" in flagged(short)
    fair = "本次调整已提前30日公告，商户不同意的可免费解除协议；逾期未提出的，视为同意本次调整。"
    assert "terms.unilateral_change" not in flagged(fair)


def test_holds_told_by_a_reviewer_and_a_developers_reply() -> None:
    review = "余额被冻结半个月了，八千多块。客服只会说风控审核中，问什么时候解冻就说等通知。"
    assert "terms.fund_hold" in flagged(review)
    reply = "开发者回复：您好，您的账户因交易风控触发冻结，解冻时间以审核结果为准，请耐心等待，审核期间无法提现。"
    assert "terms.fund_hold" in flagged("刷刷宝Plus - 商户收款 - 应用市场\n用户评价\n" + reply)
    live = ("直播回放文字稿（观众整理）\n弹幕【开面馆的老孙】：那费率以后会不会变？\n"
            "阿豪：费率这块以我们APP公告为准，公司会根据市场情况统一调整，调整了APP上会发公告，大家留意就行。\n")
    assert "terms.unilateral_change" in flagged(live)


def test_a_list_of_complaints_reports_an_impersonation_and_a_payer() -> None:
    listing = ("（复制自 某投诉网 · 搜索“刷卡机”）\n\n【3】标题：冒充拉卡拉客服让我换机\n投诉对象：不明来电\n"
               "内容：对方说我的机器要“统一升级”，让我下载一个APP重新绑卡，还说旧机三天后停用。\n状态：待分配\n\n"
               "【5】标题：小票、账单、到账三样对不上\n内容：可我银行流水上这几笔钱的打款方是个人“黄某某”，"
               "而且刷1万只到账9,880，按签约说的0.6%应该到9,940。\n状态：已回复\n")
    assert {"promo.fake_service", "clearing.second_clearing"} <= flagged(listing)
    assert "clearing.second_clearing" not in flagged("正规机器的打款方应为持牌机构，如果打款方是个人，就是二清。")


def test_a_shop_named_by_its_owner_and_a_fee_taken_each_time() -> None:
    slip = "小票上商户名称：锦程生活超市；商户编号：822651054110367。我店名是“蓉城老灶火锅”，怎么打成超市了？"
    assert "clearing.mcc_jumping" in flagged(slip)
    assert "fee.data" in flagged("去年在你家办的，一年扣了两回流量费，每回89")
