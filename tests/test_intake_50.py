"""Held-out set 50 (long documents: full agreements, help centres, reports, handbooks): the protective clauses,
answers and quoted cases a long document is full of are left alone, and its one real sign is still read."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.checks import textctx
from poscheck.checks.practices import signs
from poscheck.checks.textctx import is_agreement
from poscheck.normalize import normalize, normalize_document
from poscheck.rules.context import genre, title_line


def test_a_bodys_report_on_complaints_is_no_complaint() -> None:
    report = ("2024年度POS机消费投诉数据报告 - 某某维权平台\n一、投诉总体情况\n首刷扣费/押金未返还 | 3,318 | 26.7% | \n"
              "二、典型投诉\n有商户反映：“业务员说机器免费送，结果第一笔刷了500块，到账只有201块，说扣了299的押金。”\n"
              "也有商户反映：“收款后钱在APP余额里，提现一次扣3块钱。”\n")
    assert not flagged(report)
    survey = ("某某支付清算协会 内部参考\n2024年度收单外包服务及商户投诉情况分析报告\n"
              "抽查中发现，部分服务商的协议中仍有“其他服务费用以公示为准”的表述，本会已建议其修订。\n")
    assert not flagged(survey, kind="pdf")
    own = "投诉：某某电签首刷扣了299押金\n我上个月办的电签，第一笔刷了500块，到账只有201块，说扣了299的押金。"
    assert "fee.deposit" in flagged(own)


def test_a_handbook_that_quotes_the_scammers_lines_teaches() -> None:
    handbook = ("商戶防騙手冊：冒充「總部客服」換機詐騙的十種話術與應對\n"
                "話術1：「您的機器備案到期，將於本週五停用。我們免費給您換新機，費率降到0.38%，永不漲價。」\n"
                "應對：掛斷電話，撥打機器背面的官方客服核實。\n"
                "話術2：「您的機器被監測到有套現風險，需要繳納保證金解凍，請提供驗證碼。」\n應對：不要提供任何驗證碼。\n")
    assert not flagged(handbook)
    assert genre(normalize(handbook.split("\n", 1)[0]).text) == "advisory"  # its 話術 are the scammers'
    assert genre("电销外呼话术（内部）") == "complaint"  # a leaked script is filed like a complaint


def test_a_rate_maybe_changed_is_no_change_clause() -> None:
    faq = ("常见问题\n问：到账金额不对怎么办？\n"
           "答：如果每笔都多扣了一点，可能是开通了附加服务，也可能是费率被调整了，都要问清楚。")
    assert "terms.unilateral_change" not in flagged(faq)
    clause = ("POS机服务协议\n甲方：某某商行\n乙方：某某科技有限公司\n"
              "第五条 乙方可根据市场情况调整收费标准，调整后在APP公示即生效。")
    assert "terms.unilateral_change" in flagged(clause)


_AGREEMENT = "特约商户受理服务协议\n甲方（收单机构）：某某支付有限公司\n乙方（特约商户）：某某面馆\n"


def test_an_agreements_protective_clauses_are_no_practice() -> None:
    clauses = (_AGREEMENT + "第十四条 乙方保证所有交易均基于真实的商品销售，"
               "不进行信用卡套现、虚假交易，不为他人代刷卡。\n"
               "第十八条 乙方收到自称“银联”“总部”“客服中心”的电话或短信，称终端即将停用、需要升级换机的，"
               "应直接拨打甲方在本协议中载明的客服电话核实。\n"
               "第三十九条 甲方发现乙方存在套现、虚假交易、移机等违反本协议的行为的，可以要求乙方限期改正。\n"
               "第四十条 甲方如需调整收费标准，应至少提前三十日书面告知乙方。"
               "乙方不同意的，可在生效日前书面通知甲方终止本协议，"
               "甲方不得因此向乙方收取任何费用或违约金。\n")
    found = flagged(clauses)
    assert not found & {"promo.cash_out", "promo.fake_service", "terms.penalty", "terms.unilateral_change"}
    fine = _AGREEMENT + "第四十七条 乙方在协议有效期内提前解除本协议的，应向甲方支付违约金500元。\n"
    assert "terms.penalty" in flagged(fine)


def test_a_help_centres_questions_and_its_own_app_are_no_request_for_secrets() -> None:
    question = "拉卡拉帮助中心\n28. 有人让我提供验证码“退押金”？\n不是。我们不会以任何理由索要验证码。"
    assert "site.sensitive_data" not in flagged(question)
    app = ("商家版APP帮助\n第六步：提现。在首页点击“提现”，输入金额和支付密码即可，资金提现到您绑定的储蓄卡。\n"
           "几个小建议：一是支付密码不要告诉店员；二是遇到自称“商家版客服”来电要求您提供验证码的，一律挂断。")
    found = flagged(app)
    assert "site.sensitive_data" not in found and "promo.fake_service" not in found
    steps = ("近期有人冒充总部客服行骗，常见手法：\n1. 以“机器升级”为由要求换机；\n"
             "2. 以“退还押金”为名，引导商户点击链接、填写卡号和验证码。\n")
    assert "site.sensitive_data" not in flagged(steps)
    phishing = "押金退还登记\n请填写结算卡号、银行卡密码和短信验证码，提交后押金原路退回。"
    assert "site.sensitive_data" in flagged(phishing)


def test_an_agents_help_page_is_its_offer() -> None:
    faq = ("电签POS常见问题汇总 - 某某通达\n"
           "我们是银联商务股份有限公司在厦门地区的合作服务机构，为商户提供电签POS的申请和安装。"
           "收单机构：银联商务股份有限公司，支付业务许可证编号Z2000231000017。\n"
           "1、怎么防范冒充客服的诈骗电话？\n请警惕自称总部客服的来电，谨防上当，不要向任何人透露验证码。\n")
    assert "licence.number_mismatch" in flagged(faq)
    hold = "电签POS服务说明\n交易有风险的，资金会被暂时冻结，什么时候解冻要看风控部门的审核结果。"
    assert "terms.fund_hold" in flagged(hold)


def test_what_a_long_page_cites_compares_or_gives_back_is_no_sign() -> None:
    let_choose = normalize("正规的做法是把保障费单独列出来、让商户自己选、写清楚价格和怎么关。").text
    assert not signs(let_choose, "mcc_jumping")  # the merchant chooses a service, not a merchant
    talk = "二清机常见的宣传话术\n“无需营业执照，一人可办多台”“费率超低，还能自选商户”“秒到不限额”。"
    assert "clearing.mcc_jumping" not in flagged(talk)
    assert "clearing.mcc_jumping" in flagged("新款电签机\n“费率超低，还能自选商户”，欢迎咨询。")
    fair = "提前通知、告诉你新费率和生效日期、不同意可以免费注销，这是合规的调价方式。"
    assert "terms.unilateral_change" not in flagged(fair)
    assert not [f for f in fees_of("投诉结果：服务商退还了两年的资金安全保障费共1,962.40元。") if f.kind == "insurance"]
    assert not fees_of("凡缴纳过押金的商户可申请退还，未交押金的商户提交后可领取升级补贴99元。")
    rules = ("为了行业口碑，我们明确反对以下做法，发现一律取消合作：\n\n1. 冒充“总部客服”打电话让商户换机；\n"
             "2. 推广跳码机、二清机；\n3. 教商户套现、养卡。\n")
    assert not flagged(rules)
    assert "promo.free_bait" not in flagged(
        "拿货价为设备成本价，你可以自行决定是否免费送给商户。商户首刷扣收198元机具服务费。")


def test_a_blog_that_says_it_is_an_ad_now_sells_from_there() -> None:
    blog = ("2025年POS机怎么选？干了六年POS的我说点大实话 | 某某笔记\n"
            "如果有人跟你说“信用卡刷卡永久0.38%”，你就要想想他的钱从哪来。\n"
            "写了这么多，最后打个小广告。我们团队是汇付天下（上海汇付数据服务有限公司，许可证号Z2000931000013）的合作服务商。\n"
            "我们的政策是：机器免费用，不收押金。新开户商户前30天享受新人价，信用卡刷卡0.38%，从第31天起自动恢复为标准费率0.6%。\n"
            "有需要的老板可以在下面留言找我。\n")
    assert flagged(blog) == {"fee.rate_bait"}


def test_a_court_at_the_seat_of_the_provider_named_by_its_name() -> None:
    terms = "某某付POS商户服务协议 - 某某付\n协商不成的，任何一方均应向某某付所在地（上海市浦东新区）人民法院提起诉讼。"
    assert "terms.jurisdiction" in flagged(terms)
    merchant = ("某某POS商户服务协议\n甲方（商户）：城东面馆\n乙方：深圳汇收通科技有限公司\n"
                "第十条 争议由城东面馆所在地（深圳市南山区）人民法院管辖。")
    assert "terms.jurisdiction" not in flagged(merchant)


def test_a_free_swap_for_the_merchant_is_a_free_device_claim() -> None:
    told = ("投诉：冒充总部客服骗押金\n她说入网备案在本月底到期，需要免费为您升级更换新机。我问要不要钱，她说完全免费。"
            "新机到了以后，第一笔交易冻结299元押金，按规定不予退还。")
    assert "promo.free_bait" in flagged(told)


def test_a_channel_for_the_accounts_fans_is_the_writers_own_offer() -> None:
    weekly = ("支付圈周报｜POS机还能放心用吗？附商户避坑清单\n三、避坑清单\n1. 警惕“首刷扣费”，问清楚押金退不退。\n\n"
              "四、说两句我自己的事\n\n今年我跟本地一家拉卡拉授权服务商谈了合作，给公众号粉丝一个渠道。\n\n"
              "粉丝渠道的机器领取时不收钱，开机激活时会一次性扣99元机具服务费，扣了之后不管刷多少都不退。\n\n"
              "想要的朋友在后台回复“领机”。\n")
    assert {"fee.deposit", "terms.non_refundable"} <= flagged(weekly)


def test_a_number_after_a_sentence_end_is_no_later_firms() -> None:
    page = ("付通宝电签POS - 小微商户收款首选 - 某某恒通\n付通宝由 北京某某恒通商贸有限公司 推广运营\n"
            "付通宝电签POS的支付服务由东方付通信息技术有限公司提供。东方付通是持牌的非银行支付机构，"
            "许可证编号Z2006931000010。北京某某恒通商贸有限公司作为其市场推广合作方，负责机具投放。\n"
            "支持银联借记卡、信用卡刷卡，个人即可办理，资金T+1到本人卡。\n")
    found = flagged(page)
    assert "licence.no_acquiring" in found  # its scope is internet payment only
    assert not found & {"licence.number_mismatch", "licence.not_found"}


def test_a_rate_back_where_it_was_when_a_membership_ends_is_no_rise() -> None:
    story = ("提问者：花店小杨\n业务员说“交299开个VIP，信用卡费率能从0.68%降到0.55%”，我就交了。\n"
             "后来投诉，服务商把VIP退了，费率恢复到0.68%，我准备注销了。\n")
    assert "fee.rate_bait" not in flagged(story)
    assert "fee.membership" in flagged(story)
    # …a cut that came with nothing bought and then went back up is a rise
    cut = ("提问者：花店小杨\n业务员说信用卡费率能从0.68%降到0.55%，我就办了。\n"
           "三个月后费率恢复到0.68%，也没通知我。\n")
    assert "fee.rate_bait" in flagged(cut)
    # …and so is a rate that comes back higher than it was before the membership
    higher = ("提问者：花店小杨\n业务员说“交299开个VIP，信用卡费率能从0.68%降到0.55%”，我就交了。\n"
              "会员到期后费率变成0.78%了。\n")
    assert "fee.rate_bait" in flagged(higher)


def test_a_pdfs_page_mark_is_not_its_title() -> None:
    """A PDF whose first page starts with its code and page number (LKL-…-031147 第 1 页) is titled by the line
    after: an agreement, whose warning to the merchant does not make it a guide."""
    text = ("LKL-HZ-SF-2025-031147 第 1 页 共 4 页\n《特约商户受理银行卡业务协议》\n"
            "甲方：某某餐饮店\n乙方：某某支付有限公司\n"
            "第六条 如有人自称乙方或银联工作人员，以升级换机等名义要求您提供验证码，请挂断电话，谨防诈骗。\n")
    norm = normalize_document(text, "pdf").text
    assert title_line(norm) == "《特约商户受理银行卡业务协议》"
    assert is_agreement(norm) and textctx.genre(norm) != "teaching"
    for mark in ("- 2 -", "第3页/共5页", "1/5", "Page 2"):
        assert title_line(f"{mark}\n某某协议\n") == "某某协议"
    assert title_line("2025年第2版\n某某协议\n") == "2025年第2版"  # (a line that says more than a page number)


def test_an_instant_settlement_fee_by_its_name_and_a_button_the_merchant_presses() -> None:
    note = "注2：每笔刷卡交易在上述费率之外另收取即时结算服务费2.00元/笔，随交易款一并扣收。"
    assert "fee.instant_settlement" in flagged("注1：新商户活动价90日内有效。\n" + note)
    chosen = "可以在APP里自己点“快速结算”，按结算金额收0.05%，不点就是T+1免费到账。"
    assert "fee.instant_settlement" not in flagged(chosen)  # (flagged before: 自己点 was no choice)
