"""Held-out set 48 (many voices on one page: rankings, comparisons, Q&A, threads, a consumer body's reports): each
voice's offer is read as its own, and what a page quotes, compares or warns of is left alone."""

from __future__ import annotations

from flags import fees_of, flagged
from poscheck.models import Document
from poscheck.passages import views


def test_a_consumer_bodys_report_on_clauses_and_tests_teaches() -> None:
    report = ("江宁市消费者协会关于部分POS机收单服务合同格式条款的点评意见\n一、“单方调价”条款\n"
              "原文示例：“乙方有权根据市场情况调整各项服务费率，调整后的费率以乙方APP公示为准，甲方继续使用即视为同意。”\n"
              "四、“冻结资金无期限”条款\n原文示例：“乙方有权视风险情况暂停结算、冻结甲方资金，冻结期限由乙方确定。”\n")
    assert not flagged(report)
    trial = ("东海省消费者权益保护委员会\n小微商户POS机收单服务比较试验报告（摘要）\n"
             "样品3 短视频广告 免费领机 首笔交易扣除299元“服务费”，返还条件为90天刷满15万元\n")
    assert not flagged(trial, kind="pdf")
    contract = ("POS机具服务协议\n甲方（商户）：某某面馆\n乙方：某某科技有限公司\n"
                "第五条 乙方有权根据市场情况调整各项服务费率，调整后的费率以乙方APP公示为准，"
                "甲方继续使用即视为同意。\n")
    assert "terms.unilateral_change" in flagged(contract)


def test_a_comparison_tables_other_brands_are_not_this_sellers_prices() -> None:
    page = ("别家押金299，我们0押金！电签POS押金大对比\n"
            " | 某A品牌代理 | 某B品牌代理 | 某C品牌代理 | 刷卡帮·海科电签 | \n"
            "押金/服务费 | 299元 | 199元 | 99元+流量费 | 0元 | \n到账 | T+1 | T+1 | 秒到+3元 | T+1 | \n"
            "以每月刷卡5万元计：开通VIP后手续费260元+月卡19.9元=279.9元，每月省20元，一年就是240元。\n")
    assert not flagged(page, kind="html")
    assert not fees_of(page)
    honest = ("常见说法 | 实际意味着什么 | 我们的做法 | \n"
              "“押金299，刷满XX万返” | 门槛往往远超小店实际流水 | 不收押金，不收激活费 | \n"
              "“秒到账” | 很多是默认开通、每笔加收2~3元 | 默认T+1免费到账 | \n")
    assert not flagged(honest)
    signs = "看哪里 | 一清（正常） | 二清（危险信号） | \n提现手续费 | 没有“提现”这一步 | 每笔提现扣1~3元 | \n"
    assert not fees_of(signs)
    own = "项目 | 收费 | \n押金 | 299元，刷满5万返还 | \n"
    assert "fee.deposit" in flagged(own)


def test_a_protective_change_clause_by_a_free_closing_of_the_account() -> None:
    reply = ("这种都是小代理搞的。需要换机的可以看看汇付的大POS，信用卡0.6，借记卡0.5封顶20，费率写进协议，"
             "要调价至少提前30天通知，不同意可以免费销户。郑州同城可上门，私信我。")
    assert "terms.unilateral_change" not in flagged(reply)


def test_what_readers_see_advertised_and_what_many_say_is_not_an_offer() -> None:
    assert not flagged("读者看到“信用卡0.3几”的宣传，基本可以判断：要么是套用了优惠类商户，要么钱从别的地方收回来了。")
    assert "promo.cash_out" not in flagged("網上也很多人在說「養卡」「代還」。這個到底犯不犯法？")
    assert "promo.cash_out" not in flagged("用POS機虛構交易把信用卡額度變成現金，就是套現。")
    assert "promo.cash_out" not in flagged("同一台機器反覆刷同一張卡，很容易被判定為套現，輕則降額封卡。")
    assert "promo.cash_out" in flagged("养卡提额，就是这么简单！专业代还，私信我。")


def test_a_same_day_payout_charged_only_when_tapped_is_optional() -> None:
    reply = "着急用钱可以自己在APP里对某一笔点“立即到账”，每笔另收0.05%，不点就不收。"
    assert "fee.instant_settlement" not in flagged(reply)
    assert "fee.instant_settlement" in flagged("到账是秒到，每笔另收0.05%。")


def test_a_rise_said_to_have_come_on_the_sly_is_told_not_asked() -> None:
    title = "【求助】用了两年的电签，费率悄悄从0.6变成0.72了？？\n前年在商场门口办的一台电签，当时说好信用卡0.6。\n"
    assert "fee.rate_bait" in flagged(title)


def test_an_agents_answer_on_a_qa_page_is_its_own_offer() -> None:
    page = ("电签pos机哪个牌子好？求推荐 - 知道了问答\n提问者：美甲小婷 · 2025-09-02 · 5个回答\n"
            "回答者：理财小能手 · 三级\n不推荐具体牌子，信用卡费率0.6%左右是正常的，太低的别信。\n"
            "2025-09-02 13:40 · 有用 57\n回答者：聚收通电签-小何 · 一级\n"
            "推荐我们家的聚收通电签，一清机，正规！信用卡0.6，借记卡0.5封顶20。\n"
            "机器开通后每年收69元流量费，从到账的钱里扣，这个是必须交的。\n需要的加V：jstdq_xh2025\n"
            "回答者：过来人阿珍 · 四级\n楼上这种的，羊毛出在羊身上。\n")
    assert {"licence.not_found", "fee.data"} <= flagged(page, kind="html")
    answer = ("开了家小面馆，想办个POS机，哪家比较靠谱？ - 问答社\n关注者 214 · 被浏览 86,507 · 12 个回答\n"
              "老周在杭州开店\n费率信用卡0.6%左右是正常水平。\n编辑于 2025-10-12 · 赞同 1,312 · 评论 87\n"
              "刷卡小王-专注电签十年\n推荐拉卡拉电签，现在找我办：信用卡万分之三十八，办了就是这个价！"
              "每笔只多收2块钱的秒到费。\n有需要的私我\n发布于 2025-11-03 · 赞同 4 · 评论 11\n")
    assert {"fee.rate_bait", "fee.instant_settlement"} <= flagged(answer, kind="html")


def test_a_forum_agents_post_that_shows_its_own_pos() -> None:
    thread = ("标题：长沙的店主们，现在办POS都找谁？\n\n楼主 五一广场卖奶茶：\n最近好几个客人问能不能刷信用卡。\n\n"
              "#3 财信金通POS-长沙本地服务：\n老板可以看看我们财信金通的POS，湖南本地的持牌机构！\n"
              "支付服务商：湖南财信金通电子商务有限责任公司（支付业务许可证 Z2019943000019）\n"
              "信用卡0.58%，借记卡0.5%封顶20，T+1到账\n机具流量费每年120元，这个是必须开的，不开机器用不了\n\n"
              "#4 五一广场卖奶茶：\n谢谢\n")
    assert {"licence.inactive", "licence.no_acquiring", "fee.data"} <= flagged(thread)


def test_an_ad_among_a_blogs_comments_ends_at_the_next_comment() -> None:
    blog = ("APP钱包到账的电签要小心\n正文：钱先进APP钱包再提现的，多半是二清，大家谨防。\n读者留言\n"
            "卡友之家-阿泰 2025年3月2日 21:15\n【推广】智能代还神器来了！空卡也能还！顺便养卡提额。V：kyzj-atai8\n"
            "小店长 2025年3月3日 08:30\n@卡友之家-阿泰 这种广告我会删，代还养卡是违法的。\n"
            "开早餐店的老吴 2025年3月4日 13:52\n我用的是鑫收钱包的电签，顾客刷完钱先进APP余额。\n")
    doc = Document(id="b", source="b.html", kind="html", text=blog, sha256="")
    ads = [v.text for v in views(doc) if v.view == "ad"]
    assert len(ads) == 1 and "代还神器" in ads[0] and "鑫收钱包" not in ads[0] and "违法" not in ads[0]


def test_a_consent_claimed_after_the_fact_makes_no_fee_optional() -> None:
    page = ("投诉内容\n我发现从今年3月开始，每个月1号钱包里会被扣3元“短信通知服务费”，我从来没开通过什么短信服务。\n"
            "商家回复\n短信通知服务费（3元/月）已在《商户服务协议》第6.5条中约定，您注册时已勾选同意，系按协议正常收取。\n")
    assert "fee.recurring" in flagged(page)
    assert [f.optional for f in fees_of("短信通知服务费3元/月，请勾选同意后开通。")] == [True]


def test_an_agents_chat_message_of_several_lines_is_their_word() -> None:
    chat = ("微信群聊天记录导出（维权群成员提供）\n2025-07-14 09:05  阿芳奶茶\n"
            "请问有没有靠谱的POS机？我之前被人坑过，押金一直没退，投诉也没用。\n\n2025-07-14 09:12  小李-拉卡拉\n"
            "@阿芳奶茶 老板我这有拉卡拉大机，现货\n押金198，半年内刷满6万全额退给你\n"
            "刷不满的押金是不退的哈，这个我提前说清楚，免得以后说我坑你\n\n"
            "2025-07-14 09:30  阿芳奶茶\n我上次就是被扣了299，我自己没刷满，钱就没了。\n")
    assert "terms.non_refundable" in flagged(chat)


def test_a_sign_up_form_under_an_encyclopedia_entry_sells() -> None:
    page = ("POS机是什么？POS机的种类、费率及办理流程 - POS百科\n"
            "POS机是一种安装在特约商户内的多功能终端。\n6 注意事项\n"
            "商户应选择持牌收单机构办理，不得利用POS机进行信用卡套现等违法活动。\n"
            "拉卡拉POS机官方申请入口 · 总部直营\n拉卡拉支付股份有限公司 · 支付业务许可证：Z2002511000017\n"
            "✅ 在线申请，0元领机，免费寄送到家\n姓名： 手机号： 所在城市： \n免费申请\n"
            "* 为保障机具正常使用，设备激活时将冻结99元，自激活之日起30日内累计刷卡满3万元后自动解冻。\n")
    doc = Document(id="p", source="p.html", kind="html", text=page, sha256="")
    ads = [v.text for v in views(doc) if v.view == "ad"]
    assert len(ads) == 1 and "申请入口" in ads[0] and "冻结99元" in ads[0] and "注意事项" not in ads[0]
    assert {"fee.deposit", "promo.free_bait"} <= flagged(page, url="https://www.posbaike.example.com/", kind="html")


def _html_page(title: str, body: str) -> Document:
    return Document(id="p", source="https://www.sumafu-pos.example/duibi.html", kind="html", text=f"{title}\n{body}",
                    sha256="0" * 64, url="https://www.sumafu-pos.example/duibi.html", title=title)


def test_a_guide_on_a_sellers_own_site_sells_under_its_own_name() -> None:
    title = "大POS、电签、收款码牌怎么选？一篇对比讲清楚 - 速码付"
    guide = ("很多刚开店的老板分不清这三样东西，我们做了个对比。\n | 传统大POS | 电签POS | 收款码牌 | \n"
             "能刷信用卡 | ✔ | ✔ | ✘ | \n我们的建议\n如果你需要刷信用卡，电签是性价比最高的选择。\n")
    product = ("速码付电签：小店老板的第一台刷卡机\n项目 | 标准 | \n信用卡 | 0.6% | \n"
               "设备服务费 | 9.9元/月（前三个月免收），从结算款中扣除 | \n")
    parts = views(_html_page(title, guide + product))
    assert [v.view for v in parts] == ["rest", "ad"]
    assert "设备服务费" in parts[1].text and "设备服务费" not in parts[0].text
    # a guide with no section under the site's own name sells nothing
    assert len(views(_html_page(title, guide + "速码付提醒：办理前请核对收单机构。\n"))) == 1
    assert len(views(_html_page("大POS、电签怎么选？一篇对比讲清楚", guide + product))) == 1


def test_a_member_who_was_taken_in_tells_it_in_a_chat_that_warns() -> None:
    chat = ("【群聊记录】商业街业主群\n11:03 周姐（服装）：\n大家帮我看看这个短信是真的假的\n"
            "[转发短信] 106905xxxxxx：【银联】尊敬的商户：您正在使用的POS终端将于4月30日起停止交易。"
            "我中心可为您免费更换新一代电签机具。继续使用请回复Y\n"
            "11:05 小马（手机维修）：\n假的吧，银联怎么会给你发这个\n"
            "11:08 老许-烟酒店：\n周姐千万别回，我就是上当了。第二天就有个自称“银联总部客服”的打电话过来，"
            "说旧机子马上要停用了，让我把旧机子寄回去。\n11:15 阿玲（早餐）：\n这种就是冒充的，专门骗做生意的。\n"
            "11:20 小马（手机维修）：\n大家以后收到类似的，自己去查机器背面的客服电话问，别回短信别加微信\n"
            "11:40 群主：\n派出所的反诈提醒：凡是以“停用”“升级”“换机”为由让您回复短信、寄回机器、先刷卡交费的，"
            "都是诈骗，请直接挂断。\n")
    assert "promo.fake_service" in flagged(chat)
    warned = chat.replace("我就是上当了", "千万别上当了").replace("让我把旧机子寄回去", "让人把旧机子寄回去")
    assert "promo.fake_service" not in flagged(warned)


def test_a_complaint_titled_money_frozen_for_over_a_month_is_a_hold() -> None:
    told = "刷卡的钱被冻结一个多月，客服只说“风控审核”，不给期限\n我是开家具店的，客户刷了18600，到现在钱都没到账。"
    assert "terms.fund_hold" in flagged(told)
    assert "terms.fund_hold" not in flagged("我们不会让您的钱被冻结一个多月，风控审核三个工作日内完成。")


def test_a_rate_lower_than_a_rivals_by_a_point_is_no_rate() -> None:
    assert not [f for f in fees_of("鑫付宝智能电签，费率比大牌还低0.05个点，信用卡0.55%。") if f.amount == 0.05]
