"""Negation, warning, reporting and question context of a hit: decided here, in one place.

A hit counts as a claim of the practice only when the text asserts it. "无押金" negates it; "警惕押金
陷阱" warns against it; "问：要押金吗？" asks about it. Negated hits are dropped; warned-about hits
become `info` notes (a warning page never gets a finding of the practice it warns about).
All word lists work on normalised text (simplified, half-width, lower-case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from poscheck.textscan import Anchored, Keywords

Verdict = Literal["assert", "negated", "warning", "question", "general"]
Genre = Literal["offer", "advisory", "complaint"]

# Words that, shortly before a trigger in the same clause, deny it: 无押金, 免流量费, 不收取任何费用.
NEGATORS: tuple[str, ...] = (
    "无", "免", "免收", "免除", "不收", "不收取", "不另收", "不另行收取", "不加收", "不额外", "不扣", "不扣除",
    "无需", "不需", "不需要", "不用", "没有", "未收", "不含", "不存在", "不产生", "拒收", "零", "从不",
    "从未", "绝不", "决不", "不会", "不再", "杜绝", "禁止", "严禁", "不得", "不能", "不可", "不要", "不准",
    "取消", "告别", "没有任何", "不设", "无任何", "0元",
    "无权",  # 无权代乙方收取任何费用或代结算资金 (negator_before: it reaches the end of its clause)
    "没让交", "没叫交",  # 当时没让交押金 (not 没让: 没让我选就扣了押金; not 没要: 没要回押金 is a deposit kept)
    "不碰任何",  # 不碰任何“选行业”“养卡提额”的单子 (not 不做: 连续3个月不做交易扣99元)
    "不销售", "不出售", "不推销",  # 也不销售任何“降费率”服务包
    "不提供", "不委托", "不接",  # 本行不提供、也不委托任何第三方提供“钱包提现”服务; 不接做代还的客户
    "未扣", "未扣过", "未被扣", "未被扣过", "没被扣", "没被扣过", "未曾被扣", "未发现被扣过",  # 未被扣过299元押金
    "不玩", "不搞",  # 我们不玩“首刷扣99再返”那一套
    "没交一分钱", "没交过", "没交任何",  # 没交一分钱押金 (not 没交: 没交押金就不给机器)
    "不属于",  # 该赔偿为终端的实际价值，不属于违约金 (a sum said not to be of that kind)
)
# Compound words that start like a negator but do not negate what follows.
NOT_NEGATORS: tuple[str, ...] = (
    "无论", "无法", "无息", "免费领取", "免费办理", "免费送", "免费申请", "免费赠", "不论", "不管", "不仅",
    "无限", "无忧", "无线", "免费使用", "免费领", "零售", "不足", "不超过", "不低于", "无条件", "无故",
    "不得不", "不会再",
    "零点", "零时",  # 明天零点起将暂停使用: a time of day
)
NEGATION_GAP = 8  # characters between the end of a negator and the trigger
_NEGATORS_LONGEST_FIRST = sorted(NEGATORS, key=len, reverse=True)
_ANY_NEGATOR = re.compile("|".join(map(re.escape, _NEGATORS_LONGEST_FIRST)))  # one scan says whether to look closer
_DIGIT_BEFORE = re.compile(r"\d$")
# 不 with a word between it and the charging verb (我司不因此收取违约金, 不另行向商户收取, 不从结算款中扣除): the
# charge is denied though no NEGATORS entry spells it. The parties are the merchant's: "商户不向我司缴纳…的" is a case.
_NOT_CHARGING = re.compile(
    r"不(?:因此|就此|另外|另行|额外|再|会)?(?:向(?:甲方|乙方|商户|您|你|客户|用户)|从[^,;。\n]{1,8}?中)?"
    r"(?<!不)(?:收取|扣除|扣取|扣收|计收|要求[^,;。\n]{0,6}?(?:支付|缴纳|承担))"
)

# Sentence frames that teach the reader to avoid a practice, or describe it as a scam.
WARNINGS: tuple[str, ...] = (
    "警惕", "谨防", "提防", "当心", "小心", "骗局", "陷阱", "切勿", "千万不要", "千万别", "不要相信", "谨慎",
    "防范", "诈骗", "骗子", "套路", "避坑", "防骗", "识别", "如何辨别", "怎么辨别", "违法", "违规", "非法",
    "犯罪", "判处", "立案", "罚款", "处罚", "风险提示", "提醒", "均为诈骗", "一律是", "都是骗", "不可信",
    "冒充", "假冒", "不法分子", "避免", "要注意", "需注意", "请注意", "注意事项", "是否有",
    "要求退还", "有权拒绝", "举报", "如发现", "若发现", "一旦发现",
    "不会以任何", "从不以任何", "绝不会以",  # "…不会以任何理由致电要求您更换终端、退还押金": what a provider never does
    "低于成本", "不可能这么便宜", "不可能那么便宜", "哪有这么便宜",  # "刷信用卡0.38%低于成本": the offer is impossible
)
# …of which a complaint's own demands (标题：费率私自上调，要求退还) warn no one: its writer asks for their money back.
COMPLAINT_DEMANDS = frozenset({"要求退还", "举报"})


# Someone else's words, retold: 听说…, 隔壁卖炒粉的说… (a regex alternation, shared by the fee reader and the checks).
# Every alternative starts with a literal: `re` then skips to candidate characters (a leading group or look-behind
# defeats that, for this alternation and every pattern it is part of: ten times the cost of a fee sentence's search).
HEARSAY = "|".join((
    "听说", "据说", *(f"{who}[^。,;]{{0,8}}说" for who in ("隔壁", "朋友", "同行", "别人", "别家", "人家", "群里",
                                                          "亲戚", "同学", "邻居", "表姐", "表哥", "表妹", "表弟")),
    "听(?:她|他)们?(?:说|讲)",  # 我表姐用的是另一个牌子，听她说办的时候还让交399会员: her story, retold
    r"网上(?:看到|说|传|流传|宣传|搜到)的",  # 网上看到的信用卡0.38%，不是…引流价: what others advertise
    # (not one who phoned or came: 有人打电话说是银联的，说我这台机器下个月停止使用 happened to the writer)
    r"有人(?![^。;]{0,6}?(?:打电话|打来电话|来电|给我打|打给我|找我|上门|到我))[^。;]{0,10}?说(?:能|可以|给|是|要)",
    r"有说(?!明|服)[^。,;]{1,20}?的(?=[,;。、]|$)",  # 有说免费送机的，有说费率0.38永不涨的: what several said
    *(f"{many}人(?:都)?在?说" for many in ("很多", "不少", "好多")),  # 网上也很多人在说「养卡」「代还」: talk
    r"谁(?:跟|和|对)(?:你|您)说",  # 谁跟你说信用卡长期0.3几，你就要想想: whoever might say it
    # 常见话术是“机器免费送，首刷冻结299”: the pitch, described
    r"常见的?(?:话术|套路|说法)", r"惯用的?(?:话术|套路|说法)",
    r"嘴里(?:说)?的", r"口中(?:说)?的",  # 推销的人嘴里的“选商户”: their words, quoted
    # whoever says it, with no one saying it: 说信用卡万38的，要么…; 说能“自选商户”的、说…的，都别碰 (a 说 at the
    # start or after a break, tested behind it so that the alternative starts with its literal)
    r"说(?<![^,;。、:!?\s]说)[^。,;\n]{1,24}?的(?=\s*(?:、|,?\s*(?:都|要么|就是|肯定|别|一律|千万|全是|多半|大概率)))",
))

# A business taking its own customers' money (a car rental's deposit, a hotel's hold on a guest's card): its POS
# words are no fee of the merchant's and no offer of card acceptance (facts.fees, checks.identity_facts).
CUSTOMER_SIDE = re.compile(r"向(?:顾客|客户|消费者|用户|客人|住客|房客)收取|共享单车|充电宝|租车押金|房费押金"
                           r"|预授权[^。]{0,30}押金|押金[^。]{0,30}预授权"
                           # a rental's or a hotel's notice to its customers (租车须知: 租电动车须交押金500元，可刷卡)
                           r"|(?:租车|入住|住宿|借用|寄存)须知"
                           r"|租(?:电动车|电瓶车|自行车|单车|车辆?|充电宝|雨伞|帐篷|船|房)[^。]{0,4}?(?:须|需|要|请)?先?"
                           r"(?:交|缴|付)纳?押金")

# Hedged, general statements explain the market ("一般会需要缴纳几百元不等的押金"); they offer nothing.
GENERAL: tuple[str, ...] = ("一般会", "一般在", "一般为", "通常会", "通常在", "可能会", "不等", "大多", "多数",
                            "有的", "有些", "部分机构", "很多", "市面上")
_SOME = re.compile("有的(?!话)")  # (有的话: "if there are any", no one in general)

# Question-and-answer sites named in a title (a page's own site, or what it answers on).
QA_SITES: tuple[str, ...] = ("知乎", "百度知道", "悟空问答", "问答")
# Titles of articles that teach or warn (guides, lawyers' notes, acquirers' risk notices) ...
ADVISORY_TITLES: tuple[str, ...] = (
    "必看", "避开", "避坑", "小心", "提醒", "谨防", "警惕", "远离", "风险提示", "识别", "辨别", "揭秘", "骗局", "陷阱",
    "注意", "怎么选", "如何选", "是什么", "指南", "攻略", "声明", "科普", "小课堂", "小讲堂", "必读", "先别急",
    "法律", "律师", "触犯", "犯不犯法", "违不违法", "合不合法", "犯法吗", "违法吗", "合法吗",
    *QA_SITES,  # a question-and-answer site's page: someone asks, others explain
    "千万别", "别办", "不要办", "别碰",  # "这三种POS机千万别办"
    "靠谱吗", "靠不靠谱", "能签吗", "能办吗", "是真的吗",  # a question put to others before signing
    # "打开你的POS机账单，找找这三个“默认勾选”": the reader checks their own bill (你的POS机…3分钟自己查清楚)
    "找找", "查一查", "对一对", "自己查", "怎么查",
    "手把手",  # "手把手教你核对签购单、刷卡账单和到账记录": a how-to
    "防骗", "反诈",  # 商户防骗手册：冒充…换机诈骗的十种话术与应对 (its 话术 are the scammers', quoted to teach)
    "迷惑发言", "迷惑行为", "大赏", "名场面",  # 刷卡机销售迷惑发言大赏: a meme that mocks the sellers' lines
)
# Checklists for the reader, by either judge of a page (here and checks.textctx): "办POS机前，这8类收费一定要问清楚",
# "活动完了是多少？教你三分钟算明白", "一文看懂MCC、一机一码和“自选商户”的坑",
# "签POS机协议前，这七类条款要圈出来", "办POS机最容易踩的6个坑", "…——写给商户的一份说明".
# 签POS机协议前 (before signing), not 电签POS|新商户前3个月 (a terminal, then a promotion's first months)
GUIDE_TITLE = re.compile(
    r"[问看搞弄讲说算查]清楚?|[讲说算]明白|一文[看读搞]懂|个[“「\x22]?坑|踩坑|写给(?:商户|老板|店主)|(?:审查|审核|审阅|修改|法律|律师)意见|(?<!电)(?:签|办|装)[^,。?!|]{0,8}?前(?![\d一二两三四五六七八九十]{1,3}(?:个|天|日|月|笔|年|期|次|名|周))|这[一二三四五六七八九十\d]+(?:类|种|条|句)"
    r"|(?<![为以])防范"  # 关于防范上门推销POS机套路的温馨提示 (not 为防范盗刷风险: a purpose)
    # a listicle of clauses to stop at, before the reader agrees (点“同意”之前：…APP协议里值得停下来的七句话)
    r"|(?:[一二三四五六七八九十\d]+|几)(?:句话?|个坑|类条款|个细节)|同意[”\"」]?之?前"
)
# What an OCR tool writes above its output (【图片文字识别结果】 识别置信度 0.81) is no "识别" of a guide.
_OCR_NOTE = re.compile(r"(?:文字|图片|ocr)?识别(?:结果|置信度|提示|错误|后|出)")
# ... unless the title reports what happened to the writer (complaints are evidence of a practice).
COMPLAINT_TITLES: tuple[str, ...] = ("投诉", "被骗", "骗换", "维权", "曝光", "被扣", "偷偷", "提不出", "联系不上",
                                     "多出", "坑了", "记录导出", "导出来", "导了出来", "话术",
                                     "我的踩坑", "踩坑经历", "踩坑记", "踩坑实录",
                                     "情况反映", "问题反映")  # a letter to a regulator (…的情况反映)


# News and court reports retell a practice; they take precedence over complaint words a headline quotes
# ("…提不出来，法院判令平台返还"), unless the writer speaks for themselves (我, 本人).
# Not 新闻 or 案例 (agents title their own pages 新闻中心 and 成功案例), nor 法院 or 判决 (a contract's
# jurisdiction clause can be the first line a reader sees).
NEWS_TITLES: tuple[str, ...] = ("判令", "判处", "一审", "二审", "庭审", "法治", "快讯", "通报", "记者", "报道",
                                "投诉分析", "消费提示", "消保委",  # a consumer body's report on the complaints it took
                                # …or on what it tested (not a letter to one: 致县消费者协会)
                                "消费者协会关于", "消费者权益保护委员会关于", "消委会关于", "比较试验",
                                "点评意见", "格式条款",  # …or on the agreements it collected
                                "罚没", "被罚", "罚单", "行政处罚", "获刑", "典型案例", "被判", "宣判", "判决书",
                                "裁定书",
                                # a body's survey (…投诉数据报告, …投诉情况分析报告; a PDF's running head 内部参考)
                                "数据报告", "分析报告", "内部参考",
                                # a newspaper's name in its page title (…调查_财经_都市消费周报)
                                "日报", "晚报", "晨报", "周报", "时报", "都市报")
# (…or writes to a consumer body: 投诉材料（拟提交12315及消保委）)
_FIRST_PERSON_TITLE = re.compile(r"我|本人|(?:提交|递交|寄给|致|交给)[^,。]{0,8}?(?:消保委|消委会|消费者协会)")

# "选POS机的五个问题" is a guide; "常见问题" (an agent's FAQ page) is not.
_ADVISORY_QUESTIONS = re.compile(r"的.{0,4}问题")


# Body cues of pages that teach, warn or report (anti-fraud notices, lawyers' notes, court news): a page
# with TEACHING_CUES_MIN different ones is such a page, whatever its first line says (a 公众号 export starts
# with the account's name).
BODY_TEACHING: tuple[str, ...] = (
    "骗局", "诈骗", "骗子", "不法分子", "冒充", "谨防", "警惕", "郑重声明", "风险提示", "反面例子", "非法经营罪",
    "判处", "触犯", "犯罪", "千万不要", "切勿", "防骗", "避坑", "陷阱", "律师提醒", "以案说法", "请勿相信",
    "不要相信", "罚没", "行政处罚", "处以罚款", "被罚", "据报道", "记者", "通报", "原告", "辩称", "判令", "本院",
    "反诈", "96110",  # the anti-fraud hotline: merchants and service desks warning each other
    "被骗",
    "千万别", "法院认为", "裁判文书",
    "审理",
    "劝你别", "别碰",  # forum replies talking someone out of it (劝你别碰)
    "反例",  # a lawyer's note quoting bad clauses as counter-examples
    "讲义", "应对:", "实质:", "常见说法", "变相说法",  # a training handout: what agents say, what it is, what to do
    # 每一句都有坑…看到写这种话的，直接拉黑…也不推荐任何机器 (not 业务员也拉黑我了: what was done to the writer)
    "有坑", "的坑", "直接拉黑", "不推荐任何",
    "本报",  # a newspaper's own report (本报“消费维权热线”)
    "责任编辑", "截至发稿", "受访", "业内人士",  # …and any news report's (记者…走访发现; 受访律师建议)
    "合规写法",  # a lawyer's note setting a bad clause against the compliant one
)
TEACHING_CUES_MIN = 3


# One alternation finds the cues in one pass (a third of the time of one `in` per cue). Searching again from
# the character after each hit finds overlapping cues too (诈骗子: 诈骗 and 骗子), and since no cue begins
# another (tests/test_rules.py), a hit's start is the start of one cue only.
_TEACHING_CUE = re.compile("|".join(map(re.escape, BODY_TEACHING)))


# A bank's or UnionPay's own message in an SMS export, with the anti-fraud line such messages carry
# (【建设银行】…请谨防诈骗, 【云闪付】验证码…切勿告知他人, 【银联商务】…冒充我司…谨防诈骗): its cues are the
# institution's habit, not what the export is about.
_INSTITUTION_FOOTER = re.compile(r"【[^】\n]{0,8}(?:银行|云闪付|银联|银联商务)】[^\n]*(?:切勿|谨防|请勿|不会)[^\n]*")


@lru_cache(maxsize=256)  # the fee reader and the checks ask it of the same page
def teaches(text: str) -> bool:
    """True when normalised `text` holds at least TEACHING_CUES_MIN different BODY_TEACHING cues (outside the
    anti-fraud lines of banks' own messages in an SMS export)."""
    if "【" in text:
        text = _INSTITUTION_FOOTER.sub("", text)
    found: set[str] = set()
    m = _TEACHING_CUE.search(text)
    while m is not None:
        found.add(m.group(0))
        if len(found) >= TEACHING_CUES_MIN:
            return True
        m = _TEACHING_CUE.search(text, m.start() + 1)
    return False


# The heading of the readers' comments under an article (读者留言, 网友评论（3）, 热评：): what follows is theirs.
_COMMENTS_HEAD = re.compile(
    r"^[ \t]*(?:读者留言|网友评论|精选留言|全部评论|最新评论|热门评论|用户评论|评论区|留言区|热评|评论|留言"
    r"|全部回复|网友回复|回复|回帖)"  # (a forum's 回复 under its first post)
    r"[ \t]*(?:[(（]?\s*\d+\s*[)）]?)?[ \t]*[:：]?[ \t]*$",
    re.M,
)


def comments_start(text: str) -> int:
    """Where the readers' comments under an article begin in `text` (len(text) when it has none)."""
    if "评" not in text and "留言" not in text and "回" not in text:
        return len(text)
    m = _COMMENTS_HEAD.search(text)
    return m.start() if m else len(text)


FIRST_PERSON = re.compile(r"我(?!司|们|公司|行)")  # the writer as a person, not a firm's 我司 / 我行
OWN_STORY_MIN = 3


def own_story(text: str, least: int = OWN_STORY_MIN) -> bool:
    """The writer speaks of themselves (我, at least `least` times, not counting the readers' comments)."""
    return len(FIRST_PERSON.findall(text, 0, comments_start(text))) >= least


_TITLE_LINE = re.compile(r"[ \t]*(?:标题|題目|题目|標題)\s*[:：]\s*(\S[^\n]*)")


# A tool's note above a scan or a screenshot's text: [扫描件 OCR 文本，版式可能错乱], 【图片文字识别结果】.
_TOOL_NOTE = re.compile(r"\s*[\[【(（][^\]】)）\n]*(?:ocr|识别|扫描|截图)[^\]】)）\n]*[\]】)）]\s*", re.I)
# A transcriber's lines above the text they copied from a photo (照片转文字｜来源：…, 转录：志愿者…,
# （按照片原样转录…）, [正面]): the copied text's own first line is its title.
_TRANSCRIBER_NOTE = re.compile(r"\s*(?:(?:照片|图片|截图|传单|原件)转(?:文字|录)|转录(?:人|者)?\s*[:：]|原文照录)[^\n]*"
                               r"|\s*[\[【(（][^\]】)）\n]*(?:转录|照抄|原样)[^\]】)）\n]*[\]】)）]\s*"
                               r"|\s*\[[^\]\n]{1,8}\]\s*")


# A PDF page's header or footer line: a page number, after the document's code (LKL-HZ-2025-031147 第 1 页, - 2 -).
_PAGE_MARK = re.compile(r"\s*(?:[a-z0-9][a-z0-9-]{5,}\s*)?(?:第\s*\d+\s*页(?:\s*[,/，]?\s*共\s*\d+\s*页)?"
                        r"|-\s*\d+\s*-|\d+\s*/\s*\d+|page\s*\d+)\s*", re.I)


def title_line(text: str) -> str:
    """The title of a text: a "标题：…" line among its first five lines (an exported 公众号 article starts with
    the account's name, then the title), else its first non-empty line that is no tool's note or page mark."""
    lines = [ln for ln in text.lstrip().split("\n", 6)[:6]
             if ln.strip() and not _TOOL_NOTE.fullmatch(ln) and not _PAGE_MARK.fullmatch(ln)][:5]
    if lines and _TRANSCRIBER_NOTE.fullmatch(lines[0]):
        lines = [ln for ln in text.lstrip().split("\n", 10)[:10] if ln.strip() and not _TOOL_NOTE.fullmatch(ln)
                 and not _TRANSCRIBER_NOTE.fullmatch(ln)][:5]
    for ln in lines:
        m = _TITLE_LINE.match(ln)
        if m:
            return m.group(1).strip()
    return lines[0].strip() if lines else ""


# A first line that is a paragraph, not a title: long, and a sentence ends inside it (a post with no title starts
# with its story: 我开了个小饭馆，…。上周有顾客…问我“你家怎么叫…”？？…).
PARAGRAPH_MIN = 50
_ENDS_INSIDE = re.compile(r"[。!?][^。!?\s”\"」』)）]")


def is_paragraph(line: str) -> bool:
    """Whether a first line is a paragraph rather than a title (PARAGRAPH_MIN characters, a sentence ending inside)."""
    return len(line) >= PARAGRAPH_MIN and _ENDS_INSIDE.search(line) is not None


def genre(title: str) -> Genre:
    """What a document is, from its (normalised) title or first heading."""
    if "识别" in title or "ocr" in title or "扫描" in title or "截图" in title:
        title = _OCR_NOTE.sub("", _TOOL_NOTE.sub(" ", title))
    if any(c in title for c in NEWS_TITLES) and not _FIRST_PERSON_TITLE.search(title):
        return "advisory"
    if any(c in title for c in COMPLAINT_TITLES) and not ("话术" in title and any(c in title for c in ADVISORY_TITLES)):
        return "complaint"
    if any(c in title for c in ADVISORY_TITLES) or _ADVISORY_QUESTIONS.search(title) or GUIDE_TITLE.search(title):
        return "advisory"
    return "offer"


# Question-and-answer sites (知乎, 百度知道, a 问答 page): a merchant asks, others answer. Such a page offers nothing
# of its own, whatever fees the question quotes (what the asker says happened to them is still evidence).
QA_MARKERS: tuple[str, ...] = (
    "提问者", "提问:", "最佳答案", "回答者:", "回答:", "赞同了该回答", "被浏览", "个回答", "关注者", "问题详情",
    "答主", "谢邀", "著作权归作者所有", "最佳回答",
)
QA_MARKERS_MIN = 2


# …and markers with a count in them: 回答1, 回答 4, 赞同 1.1k, 浏览 3.2万.
_QA_COUNTED = (re.compile(r"回答\s*\d"), re.compile(r"赞同\s*[\d.]+k?"), re.compile(r"浏览\s*[\d.]+万?"))


@lru_cache(maxsize=1)
def _qa_markers() -> Keywords[str]:
    return Keywords({m: m for m in QA_MARKERS})


@lru_cache(maxsize=256)  # the page judge and the identity facts ask it of the same page
def qa_page(text: str) -> bool:
    """True when normalised `text` carries at least QA_MARKERS_MIN different Q&A-site markers."""
    found = len({m for _, _, m in _qa_markers().iter(text)})
    return found >= QA_MARKERS_MIN or found + sum(p.search(text) is not None for p in _QA_COUNTED) >= QA_MARKERS_MIN


# A call to sign up through the writer (想办理的朋友，后台回复“收款”; 有需要的老板加我微信): the passage that holds it
# is content marketing, and the device and fees it recommends are its own offer (passages.views).
_ADDS = r"(?:添加(?<![人他她方们]添加)|加(?<![人他她方们添]加))"  # not 有人加我微信
# Each way of selling on its own, every pattern starting with a literal or tried only a few characters before its
# anchors (textscan.Anchored): as one alternation they stepped through every character of a page (0.35 ms).
_SELLS: tuple[re.Pattern[str] | Anchored, ...] = (
    Anchored(re.compile(r"(?:想|需要|要|准备)(?:办理?|申请|装机|领机|领取?|换机)[^。\n]{0,6}?的(?:朋友|老板|小伙伴|伙伴)"),
             ("的朋友", "的老板", "的小伙伴", "的伙伴"), 10),  # 想办理pos机的朋友
    # (有需要的私我，V：wxlkl5858; 现在找我办：信用卡万分之三十八)
    re.compile(r"有需要的(?:朋友|老板|商户|小伙伴|商家)|后台回复|私信(?:我|小编)(?!说)|粉丝(?:专享|福利|渠道)|私我|找我办"
               r"|我私(?:你|您)|具体私聊|私聊了解"  # a short video's caption: 评论区扣“1” 我私你
               r"|给(?:公众号|本号)?(?:的)?粉丝(?:一个|开个?)?渠道"  # 谈了合作，给公众号粉丝一个渠道
               r"|v(?<![a-z]v)\s*:\s*[a-z][a-z0-9_-]{5,}"
               r"|本号(?<=通过本号)|本号(?<=找本号)|本号的?(?:服务团队|客服|顾问)|扫码(?:办理|领取|申请|领机)"
               r"|请(?<=办理请|申请请|领机请)(?:联系|咨询|加|私信)|即可(?:办理|领取|申请|领机)"
               r"|方式(?<=领取方式|办理方式|申请方式|领机方式)\s*[:】]|扫码(?:添加|加)(?:客服|微信|好友)"),
    # 加我微信; 添加老周助理微信，备注“领机” (not a shop's staff adding customers: 加客户微信，备注店名)
    Anchored(re.compile(rf"{_ADDS}(?:我|小编)的?(?:微信|v信|vx)|{_ADDS}v\s*:"  # 需要的加v：chen_pos88
                        rf"|{_ADDS}[\u4e00-\u9fff]{{0,4}}?(?:助理|客服|顾问|经理|小助手|管家)(?:企业)?(?:微信|vx|v信)"
                        r"[^。\n]{0,12}?(?:备注|领机|办理)"), ("微信", "v信", "vx", "加v"), 11),
    # …or presents its own product: 推荐我们家的云收宝电签, 给大家介绍一下我们的“汇收宝”电签, 我们合作的是通联支付
    re.compile(r"推荐我们家|我们家的[^。,\n]{0,8}?(?:电签|pos|机器|刷卡机|收款码)|我们家(?:这|那)(?:款|个|台)"
               r"|看看我们(?:家|的)?[^。,\n]{0,8}?(?:电签|pos|机器|刷卡机|收款码)"  # 老板可以看看我们财信金通的POS
               r"|介绍一下我们的|我们合作的是|团队自己也在做"
               # 我自己团队现在推的这款【星汇付电签】; 点击文末“阅读原文”填写收货信息
               r"|(?:我|我们)(?:自己)?的?(?:团队|公司)?(?:现在|目前|一直|正在)?在?(?:推|卖|代理|推广)的(?:这|那)(?:款|个|台)"
               # (not 点击链接填写卡号: a scam's request, which warnings quote)
               r"|点击[^。\n]{0,4}?(?:阅读原文|文末|下方)[^。\n]{0,8}?(?:填写|下单|申请|领取)"),
    # …or a sign-up form: its heading (拉卡拉POS机官方申请入口) or its button on a line of its own (免费申请)
    re.compile(r"申请入口|办理入口|领取入口"),
    # …or says it is an ad now (写了这么多，最后打个小广告。我们团队是…的合作服务商)
    re.compile(r"打个小?广告|插播(?:一条|一个|个)?小?广告|硬广时间"),
    re.compile(r"^[ \t]*(?:免费申请|立即申请|在线申请|立即办理|马上办理|提交申请|立即领取)[ \t]*$", re.M),
)
# (not a warning against it, nor a complaint's call to fellow victims: 有同样情况的可以私信我)
_SELLS_DENIED = re.compile(r"(?:不要|切勿|别|勿|谨慎|警惕|小心)[^。\n]{0,6}$"
                           r"|(?:同样|一样|相同)的?(?:情况|遭遇|经历|问题)[^。\n]{0,6}$")


def selling_at(text: str) -> int | None:
    """Where normalised `text` first asks the reader to sign up through its writer or presents the writer's own
    product (not in a warning against it); None when it does not."""
    found = [next((m.start() for m in way.finditer(text)
                   if not _SELLS_DENIED.search(text, max(0, m.start() - 8), m.start())), None) for way in _SELLS]
    return min((at for at in found if at is not None), default=None)


@lru_cache(maxsize=256)
def sells(text: str) -> bool:
    """True when normalised `text` sells (`selling_at`)."""
    return selling_at(text) is not None


#: Marks of a question-and-answer page's question, at its head (提问者：做窗帘的阿华).
ASKER_MARKS = ("提问者", "问题详情", "提问:")
ASKER_HEAD = 400  # characters at the head of a page read for ASKER_MARKS


ANSWERS = re.compile(r"个回答|最佳答案|最佳回答|回答者")  # where a Q&A page's answers begin
ANSWER_START = re.compile(r"\s*(?:答|a)\s*\d*\s*:")  # an FAQ's answer (A：…, 答1：…), matched where a sentence starts


def asker_story(text: str) -> bool:
    """A Q&A page whose asker tells what happened to them in the question (a complaint, whatever the answers say;
    an answerer's 我 is no asker's story)."""
    head = text[:ASKER_HEAD]
    if not any(m in head for m in ASKER_MARKS):
        return False
    answers = ANSWERS.search(text)
    return len(FIRST_PERSON.findall(text, 0, answers.start() if answers else len(text))) >= OWN_STORY_MIN


def headline(title: str, text: str) -> str:
    """A document's normalised title and its title line (标题：… under an account's name; not an OCR tool's note
    above the text): what says what the document is."""
    return title + " " + title_line(text[:400])[:200]


@lru_cache(maxsize=256)  # the rule engine, the fee reader and the fee checks ask it of the same page
def document_genre(title: str, text: str) -> Genre:
    """What a document is: `genre` of its normalised title and title line, and a Q&A page is advisory (a passage
    of it that sells is judged on its own: passages.views), or a complaint when its asker tells their own story."""
    head = headline(title, text)
    found = genre(head)
    if found != "advisory" and has_byline(text):
        return "advisory"  # a news report under its byline, on a channel of complaints too
    if found != "complaint" and qa_page(text):  # a Q&A site's title (…- 小店问答) is advisory by itself
        if asker_story(text) or (own_story(text) and _BEFALLEN.search(text, 0, comments_start(text))):
            return "complaint"  # …unless its asker, or its answerer, tells what was taken from them
        return "advisory" if found == "offer" else found
    if found == "advisory" and _QA_SITE.search(head) and genre(_QA_SITE.sub("", head)) != "advisory" \
            and own_story(text) and _BEFALLEN.search(text, 0, comments_start(text)):
        return "complaint"  # 知乎 · 问题：POS机都有哪些隐藏收费？, answered by one who tells what was taken from them
    return found


_QA_SITE = re.compile("|".join(QA_SITES))
_BYLINE = re.compile(r"(?:来源|稿源)\s*:\s*[^\n]{1,20}?\s记者\s*[\u4e00-\u9fff]{2,4}|本报记者|本报讯")
BYLINE_HEAD = 400  # characters at a document's start read for a byline


def has_byline(text: str) -> bool:
    """A news report's byline near the top of normalised `text` (来源：今日网络 记者 韩笑; 本报讯)."""
    head = text[:BYLINE_HEAD]
    return ("记者" in head or "本报" in head) and _BYLINE.search(head) is not None
# What the writer tells was done to them: money taken, found out too late.
_BEFALLEN = re.compile(r"被扣|扣了我|多扣|被坑|被收|才发现|才知道")


@dataclass(frozen=True)
class Context:
    verdict: Verdict
    cue: str = ""  # the word that decided it


_CLAUSE_BREAK = re.compile(r"[,，;；。!?！？\n:：|]")  # | : a table cell ends a clause


def _clause_start(text: str, pos: int, floor: int) -> int:
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(text, floor, pos)]
    return ends[-1] if ends else floor


_QUOTE_MARKS = "\"“”「」『』'"
_QUOTED = re.compile(r"“[^”]{1,12}”|「[^」]{1,12}」|『[^』]{1,12}』|\"[^\"]{1,12}\"")
_OWN_OBJECT = re.compile(r"[\u4e00-\u9fff]+[ \t]+")


def negator_before(text: str, start: int, scope_start: int) -> str:
    """The negator shortly before `start` in the same clause, or ''."""
    # Only the last NEGATION_GAP + 8 characters before `start` are read, so the clause start is looked
    # for in that window alone: a break further back leaves the window's start where it was. (The whole
    # scope can be a page-long table row with hundreds of breaks.)
    window = max(scope_start, start - NEGATION_GAP - 8)
    head = text[_clause_start(text, start, window):start]
    if not _ANY_NEGATOR.search(head):
        return _charge_denied(head)
    if "无权" in head:  # no right to do anything the clause goes on to list (无权代乙方收取任何费用或代结算资金)
        return "无权"
    # Most heads hold some negator (a 不 or 免), so the loop below runs often: an `in` test picks the few
    # negators present more cheaply than a method call per negator would.
    for neg in [n for n in _NEGATORS_LONGEST_FIRST if n in head]:
        idx = head.rfind(neg)
        # `\d$` reads at most the last two characters before the head (a digit, or a digit and "\n").
        if neg[0].isdigit() and ((idx > 0 and head[idx - 1].isdigit()) or (idx == 0 and _DIGIT_BEFORE.search(
                text, max(0, start - len(head) - 2), start - len(head)))):
            continue  # "0元" inside "20元" is an amount, not a negation
        if head[idx:].startswith(NOT_NEGATORS):
            continue
        if neg[0] in "不没" and a_not_a(text, start - len(head) + idx):
            continue  # a choice put as a question, not a denial: 问过我要不要, 有没有, 是不是
        if " " in head[idx:] and _OWN_OBJECT.match(head, idx + len(neg)):
            continue  # a flyer's items part at spaces: "无需执照 免费送机" (the negator took its object)
        gap = len(head) - idx - len(neg)
        if gap > NEGATION_GAP:  # listed items in quotes take no room: 不委托任何第三方提供“秒到”“钱包提现”服务
            rest = _QUOTED.sub("", head[idx + len(neg):])
            gap = len(rest) - sum(rest.count(q) for q in _QUOTE_MARKS)
        if gap <= NEGATION_GAP or _listed(head[idx + len(neg):]):
            return neg
    return _charge_denied(head)


def a_not_a(text: str, at: int) -> bool:
    """Whether the 不 or 没 at `at` sits between two of the same word's characters (要不要, 有没有)."""
    return 0 < at < len(text) - 1 and text[at - 1] == text[at + 1] and text[at - 1].isalnum()


LIST_MAX = 3 * NEGATION_GAP  # characters of a list of short items (不收取机具押金、激活费、会员费) a negator reaches


def _listed(between: str) -> bool:
    """True when `between` (from a negator to a trigger) is a list of short items: the negation reaches each."""
    if "、" not in between or len(between) > LIST_MAX:
        return False
    return all(len(item) <= NEGATION_GAP for item in between.split("、"))


def _charge_denied(head: str) -> str:
    """The _NOT_CHARGING phrase that ends at most NEGATION_GAP characters before the end of `head`, or ''."""
    if "不" not in head:
        return ""
    for m in _NOT_CHARGING.finditer(head):
        if len(head) - m.end() <= NEGATION_GAP:
            return m.group(0)
    return ""


# Other sellers' practice that the writer then disowns: 要押金的都是代理商自己加的政策，刷不满就不退，我们不做这个.
_OTHERS = re.compile(r"有的|有些|某些|别家|别人|其他|其它|外面|市面上|代理商|一些")
_DISOWN = re.compile(r"(?:我们|我司|本公司|咱们|我家|我这边|本店)(?:这边|这里|家)?(?:从来|从|都|一律|绝|可)?"
                     r"(?:不做|不这样|不这么|不搞|不干|不收这|不玩这|没有这|不会这样)")


def disowned(sentence: str, pos: int | None = None) -> bool:
    """True when `sentence` tells a practice (at `pos`, or wherever it names other sellers) of other sellers and
    then says the writer does not do it."""
    others = _OTHERS.search(sentence, 0, len(sentence) if pos is None else pos)
    return others is not None and _DISOWN.search(sentence, others.end() if pos is None else pos) is not None


# 以免 ("以免上当") warns; 可以免费, 所以免收 only hold its two characters.
_LEST = re.compile(r"(?<![可所足得])以免")


# Cues in a use that warns of nothing: 提醒 as the name of a notification service (短信提醒, 到账提醒: a fee table's
# item); 避免 what a bank's controls would see (避免被银行风控, 避免封卡: a pitch for evading them).
_NOT_WARNING = {
    "提醒": re.compile(r"(?:短信|到账|交易|扣款|消息|语音|收款|动账|微信|入账)提醒"),
    "避免": re.compile(r"避免(?:被)?(?:银行|发卡行|风控)(?:风控|查|识别|监控|发现)?|避免(?:被)?(?:封卡|降额|封号)"),
}


def warning_in(scope: str) -> str:
    """The first WARNINGS cue in `scope` (or 以免), '' when none."""
    for w in WARNINGS:
        if w in scope and not ((plain := _NOT_WARNING.get(w)) and w not in plain.sub("", scope)):
            return w
    return "以免" if _LEST.search(scope) else ""


_ITEM_SENTENCE_START = re.compile(r"[。!?\n]")


def list_intro_warning(text: str, lo: int) -> str:
    """For a scope that is an item of a ;-list (it starts right after a ';'), the WARNINGS cue of the list's
    intro before its colon in the same sentence: "协会提醒会员单位，以下收费…并不常见：开机押金…；以降低费率为名
    收取的会员费" warns of every item. '' otherwise."""
    if lo <= 0 or text[lo - 1] != ";":
        return ""
    start = max((m.end() for m in _ITEM_SENTENCE_START.finditer(text, max(0, lo - 400), lo)), default=max(0, lo - 400))
    colon = text.find(":", start, lo)
    return warning_in(text[start:colon]) if colon >= 0 else ""


# A sentence that ends asking "A not A" (押金到底退不退啊, 能不能退, 有没有押金): a question without a question mark
# (but not one it reports: 问我是不是刷错了).
A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1[\u4e00-\u9fff]{0,2}[啊呀呢吧哈]*$")


def is_question(scope: str) -> bool:
    s = scope.rstrip(" |\n\t")
    if s.endswith("的呢") and not _ASKS.search(s):
        return False  # a service desk's statement: 服务费一经收取不予退还的呢
    return (s.endswith(("?", "？", "吗", "么", "呢")) or s.startswith(("问:", "问：", "q:"))
            or (("不" in s or "没" in s) and A_NOT_A.search(s) is not None))


_ASKS = re.compile(r"什么|怎么|为什么|为啥|哪|谁|多少|几|咋|是否|能否|可否|有没有|是不是")
# "Why / how did it become X?" takes X as done: 小票上怎么打成“鸿盛生活超市”？, 为什么扣了我299？, 说好的0.6%，为什么
# 实际扣的是0.78%？ (the checks' sentences and the fee reader's units alike)
SURPRISE = re.compile(
    r"(?:怎么|为什么|为啥|咋)(?:会|就|又|实际上?|现在)?"
    r"(?:打成|变成|成了|印成|显示成|写成|扣了|扣的是|少了|多扣了?|收了|收的是)"
    # …and so does a change said to have come on the sly (费率悄悄从0.6变成0.72了？？)
    r"|(?:悄悄|偷偷|突然|莫名其妙|私自|擅自)地?[^?。,]{0,8}?(?:变成|变为|涨到|涨了|调到|调成|上调)"
    r"|哪(?:里|儿)?来的"  # 我是卖五金水电的啊 哪来的超市？ (what is there, asked where it came from)
    # …and an outcry at what was done (…客服说开个399一年的尊享会员就能降回去，这算什么逻辑？)
    r"|这算什么|这叫什么|凭什么|什么逻辑|什么道理"
)


_HEARSAY = re.compile(HEARSAY)


def judge(text: str, start: int, scope_start: int, scope_end: int, *, negation: bool = True,
          doc_genre: Genre = "offer") -> Context:
    """Decide how the scope `text[scope_start:scope_end]` relates to the hit at `start`."""
    if not negation:  # the trigger carries its own polarity (不予退还); only the document's genre counts
        return Context("warning", "(an advisory article)") if doc_genre == "advisory" else Context("assert")
    neg = negator_before(text, start, scope_start)
    if neg:
        return Context("negated", neg)
    scope = text[scope_start:scope_end]
    warn = warning_in(scope)
    if warn and not (doc_genre == "complaint" and warn in COMPLAINT_DEMANDS):
        return Context("warning", warn)
    if is_question(scope):
        return Context("question", "?")
    general = next((g for g in GENERAL if g in scope and (g != "有的" or _SOME.search(scope))), "")
    if general:
        return Context("general", general)
    if heard := _HEARSAY.search(text, scope_start, start):  # 听她说办的时候还让交399会员: someone else's story
        return Context("general", heard.group(0))
    if doc_genre == "advisory":
        return Context("warning", "(an advisory article)")
    return Context("assert")
