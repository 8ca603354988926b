"""Shared facts for the licence and site checks: who a document names as acquirer, and whether it offers POS.

`mentions(doc, registry)` finds institutions named in a document (legal names, brands, licence numbers, banks),
resolved against the registry; `offer_of(doc)` tells whether a document presents an offer of card
acceptance (an agent page, product page or contract) rather than a complaint, forum post, guide,
warning, SMS export or call script. Both are computed once per document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from poscheck.domains import LookAlike
from poscheck.identity import USCC_ALPHABET, extract_entities, normalized, simplified, uscc_check_char
from poscheck.models import Document, Entity
from poscheck.registry import Institution, Registry, Status
from poscheck.rules import context
from poscheck.textscan import Anchored, led, sentence_at

#: Consumer payment methods: naming them ("支持微信、支付宝、云闪付") does not name an acquirer.
PAYMENT_METHOD_BRANDS = frozenset(
    {
        "支付宝",
        "alipay",
        "支付宝收钱码",
        "蚂蚁",
        "微信支付",
        "财付通",
        "tenpay",
        "qq钱包",
        "云闪付",
        "银联",
        "中国银联",
        "unionpay",
        "银联在线",
        "京东支付",
        "jdpay",
        "京东收银",
    }
)
# Words that make a payment-method brand or a bank the acquirer ("收单机构：…", "甲方：…银行").
STRICT_ROLE = re.compile(r"收单|清算机构|支付业务许可证|许可证|牌照|持牌|合作银行")
# A party of an agreement names the acquirer only as the party's own name: "乙方（收单机构）：…",
# "…有限公司（以下简称“甲方”）"; a payment method listed near a clause that mentions 乙方 is not one.
_PARTY_BEFORE = re.compile(r"(?:甲方|乙方)(?:\([^()]{0,12}\))?\s*[:：]?\s*$")
_PARTY_AFTER = re.compile(r"\s*\(?(?:以下简称|下称)?\s*[“\"]?(?:甲方|乙方)")
# A bank named as where the merchant's account is held is not the acquirer.
_ACCOUNT_BANK = re.compile(r"(?:开户|账户|账号|户名|结算至|结算到|储蓄卡|借记卡|银行卡)[^。\n]{0,12}$")
_OWNS_PAGE = re.compile(r"\s*(?:版权所有|©|copyright)", re.I)
_SMS_SIGNATURE = re.compile(r"[^】\n]{0,6}】")  # an SMS's signature: 【工商银行】, 【建设银行桂林分行】
_TO_MERCHANT = re.compile(r"商户|终端|pos|收单|结算款")  # …in a message about the merchant's terminal or takings
FUZZY_MIN = 92.0
#: Brand words too generic to name an institution on their own.
GENERIC_BRANDS = frozenset({"收款宝", "考拉", "商户通", "超级收款宝", "天天富", "全民付", "新生易"})
# A two-character brand (通联, 富友, 连连 …) names the institution only before a product or role word.
_SHORT_BRAND_NEXT = re.compile(
    r"(?:的|家的)?(?:支付|pos|电签|收款|收单|刷卡|智能|大pos|商务|大?机|客服|官网|官方|总部|直营|app|终端|牌照)"
)  # 海科的电签, 通联家的机器
# …or what is said of it before: 通道走的是海科的, 机器是乐刷的.
_SHORT_BRAND_BEFORE = re.compile(r"(?:通道|机器|机子|牌子|品牌|收单)(?:走|用)?的?是$|走的是$|用的是$")


# A bracketed or quoted name opened before a brand with other characters of the name between: 【星汇付电签】.
_INSIDE_NAME = re.compile(r"[【「『《“\"][^】」』》”\"\s,。;:!?]+$")


def brand_ok(text: str, start: int, end: int, brand: str) -> bool:
    """Is `text[start:end]` (normalised) a real mention of `brand`, not part of a word or a generic term?"""
    if brand in GENERIC_BRANDS or len(brand) < 2 or (brand.isascii() and len(brand) < 4):
        return False
    if brand.isascii():
        return not (_alnum(text[start - 1 : start]) or _alnum(text[end : end + 1]))
    if _INSIDE_NAME.search(text, max(0, start - 8), start):
        return False  # 【星汇付电签】: a product's coined name that holds the brand, not the brand
    if len(brand) == 2:
        return bool(_SHORT_BRAND_NEXT.match(text, end) or _SHORT_BRAND_BEFORE.search(text, max(0, start - 8), start))
    return True


_PRODUCT = re.compile(r"pos|刷卡|收款|收单|电签|受理银行卡|银行卡受理|刷卡机|收银|银行卡(?:消费|交易)")
_OFFER = led(re.compile(  # led: its prices start with groups (textscan.led)
    r"办理|申请|领取|领机|送机|包邮|开通|资费|费率|收费标准|收费项目|手续费|费用|签约|装机|安装|服务费|免费|协议|合同|甲方|乙方|换机|更换"
    r"|告知书"  # 特约商户服务告知书: the terms a merchant is given
    r"|小黄车|橱窗|拍下|下单"  # a short video's shop: 要机器的老铁 左下角小黄车
    # prices stated outright: 信用卡0.6%，储蓄卡0.5%封顶20元; 机具押金259元
    r"|(?:信用卡|贷记卡|储蓄卡|借记卡)\s*:?\s*(?:\d+(?:\.\d+)?\s*%|0\.\d{2,3}(?![\d.]))|押金\s*:?\s*\d+(?:\.\d+)?\s*元"
    # (a poster's rate without its sign: 信用卡 / 0.38)
))
# A how-to for a shop's own staff (酒店前台如何用POS机收押金: 操作全流程) uses the terminal it already has.
_STAFF_GUIDE = re.compile(r"操作指南|操作流程|操作全流程|操作步骤|使用教程|使用说明|适用岗位")
# Genres that report, teach or warn rather than offer: complaints, forum posts, articles, exports. A forum post is
# 发表于 a date; a 公众号 article's 发表于广东 (where it was posted from) says nothing of its genre.
_NOT_OFFER = Anchored(
    re.compile(
        r"投诉编号|投诉对象|被投诉方|投诉人|我要投诉|楼主|发表于(?=\s*\d)|发帖|回帖|\d楼[:：]|律师提醒"
        r"|以案说法|记者|据.{0,8}报道"
        r"|不推荐任何(?:具体)?(?:品牌|产品|机构)"  # an association's FAQ: 协会不推荐任何具体品牌的POS机
        r"|任职要求|任职资格|岗位职责|职位描述"  # a job posting: it hires staff to sell, it sells to no merchant
    ),
    ("投诉", "楼", "发表于", "发帖", "回帖", "律师提醒", "以案说法", "记者", "据", "不推荐任何", "任职要求", "任职资格",
     "岗位职责", "职位描述"),
    2,  # 我要投诉, 3楼:
)
# Notices, exports and news announce themselves at the top (title, first lines); 报道 is left out, an agent
# site's nav often carries 媒体报道.
_NOT_OFFER_HEAD = re.compile("|".join((
    "郑重声明", "风险提示", "防诈骗", "反诈", "安全提示", "短信记录", "关于防范", "律师事务所",
    "评价导出", "评论导出",  # an app's reviews: what its users said (an SMS export may hold an agent's offer)
    *(w for w in context.NEWS_TITLES if w != "报道"),
    r"(?:人民银行|金融监管总局|银保监)[^。\n]{0,10}\s*公\s*告",  # a regulator's notice (中国人民银行上海总部 / 公  告)
    r"调解协议|调解书|判\s*决\s*书|裁\s*定\s*书|仲裁裁决",  # a dispute settled: it records a service, it offers none
    r"作者[ \t]+[^\n]{1,60}?看板",  # a forum post's header (PTT: 作者 mountaincat (山猫) 看板 Mainland)
)))
# A social platform's post (小红书 · 笔记 … 编辑于 2025-04-27 IP属地：浙江): its writer's own account, unless it sells.
_POST_HEAD = re.compile(r"ip属地")
# Words of warnings and of articles: such a page offers nothing unless it also invites the reader to apply
# (a 公众号 article that ends in "回复领机，免费申请" sells the device it writes about).
_WEAK_NOT_OFFER = Anchored(  # its words found by the page's shared keyword pass (textscan.Keywords)
    re.compile(r"骗局|诈骗|维权|冒充|作者[:：]|文/|本文|阅读时间|编辑部"),
    ("骗局", "诈骗", "维权", "冒充", "作者", "文/", "本文", "阅读时间", "编辑部"),
    0,
)
# …except in a sentence that forbids the practice to a party: an agreement's compliance clause (商户不得为赌博、电信
# 网络诈骗…提供收款服务) binds its signer; it does not warn a reader.
_FORBIDS = re.compile(r"不得|禁止|严禁|不允许|不准")


def _weak_not_offer(norm: str) -> re.Match[str] | None:
    for m in _WEAK_NOT_OFFER.finditer(norm):
        lo = sentence_at(norm, m.start())[0]
        if m.group(0) not in ("诈骗", "冒充") or not _FORBIDS.search(norm, lo, m.start()):
            return m
    return None
_STRONG_OFFER = re.compile(
    r"立即申请|在线申请|免费申请|免费领取|立即办理|申请办理|办理流程|办理须知|提交申请|资费|收费标准|费率说明|费用说明"
    r"|收费明细|费用一览|甲方|乙方|我司|本公司"
    r"|作品文案|视频文案"  # a short video's caption: its 作者 is the seller speaking, no article's byline
    # the writer's own place in the trade (我们是银联商务…在厦门地区的合作服务机构): an agent's help page
    r"|我们是[^。\n]{0,24}?(?:合作|授权|签约|特约)(?:服务机构|服务商|代理商|服务网点)"
)


@dataclass(frozen=True)
class Mention:
    """An institution (or company) named in a document, with where and how it was recognised."""

    text: str  # as written (original text)
    start: int
    end: int
    kind: str  # company | bank | brand | licence_no
    institution: Institution | None
    how: str = ""  # Match.how, or "" when not in the registry
    score: float = 0.0
    # The document's text, which `strict_role` and `distinguished` read around the name when first asked: few
    # mentions need them, and each normalises a window of the text anew. '' for a licence number (neither).
    doc_text: str = field(default="", repr=False, compare=False)

    @cached_property
    def strict_role(self) -> bool:
        """Named with acquirer words (收单, 许可证, 甲方/乙方 …) close by."""
        return bool(self.doc_text) and _strict_role(self.doc_text, self.start, self.end, self.kind)

    @cached_property
    def distinguished(self) -> bool:
        """Named to be told apart from the one meant (“汇付宝”…是两家不同的公司)."""
        return bool(self.doc_text) and _told_apart(self.doc_text, self.start)

    @property
    def resolved(self) -> Institution | None:
        """The registry institution, if recognised reliably enough to judge (fuzzy needs >= 92)."""
        if self.institution is None or self.institution.network:
            return None
        if self.how in ("fuzzy", "short_name") and self.score < FUZZY_MIN:
            return None
        return self.institution

    @property
    def names_acquirer(self) -> bool:
        """Counts as naming who accepts the cards (not a mere payment method in a list)."""
        if self.kind == "bank":
            return self.strict_role
        if self.resolved is None:
            return False
        if self.kind == "brand" and simplified(self.text) in PAYMENT_METHOD_BRANDS:
            return self.strict_role and self._role_in_sentence
        return True

    @cached_property
    def _role_in_sentence(self) -> bool:
        """`strict_role` read in the name's own sentence: a payment method in a list (…微信、支付宝扫码收款。) is not
        named the acquirer by the 收单 of the next sentence."""
        lo, hi = sentence_at(self.doc_text, self.start)
        return _strict_role(self.doc_text[lo:hi], self.start - lo, self.end - lo, self.kind)


@lru_cache(maxsize=256)
def entities(doc: Document) -> tuple[Entity, ...]:
    return tuple(extract_entities(doc))


def _strict_role(text: str, start: int, end: int, kind: str) -> bool:
    if kind == "bank" and _HEADED.fullmatch(text, text.rfind("\n", 0, start) + 1, start) \
            and text.count("本行") + text.count("我行") + text.count("我们行") >= 2:
        return True  # a notice that speaks as 本行 (我行), headed or signed by the bank's name: the bank acquires
        # (…or a talk on the bank's own channel, whose 账号 is no bank account: 账号：青禾农商银行（视频号）…在我们行办)
    before = simplified(text[max(0, start - 30) : start])
    if kind == "bank" and _ACCOUNT_BANK.search(before):
        return False
    after = simplified(text[end : end + 30])
    if kind == "bank" and _OWNS_PAGE.match(after):
        return True  # "中国光大银行股份有限公司 版权所有": the bank's own page, which speaks for the bank
    if kind == "bank" and text[start - 1:start] == "【" and _SMS_SIGNATURE.match(text, end):
        nl = text.find("\n", end)  # 【工商银行】贵单位账户…收到POS结算款: the bank's own message to its merchant
        if _TO_MERCHANT.search(text, end, nl if nl >= 0 else len(text)):
            return True
    if before.endswith("由") and _SETTLES.match(after):
        return True  # 钱由农业银行直接结算到老板本人的卡: who settles the takings acquires them
    if kind == "bank" and before.endswith("终端由") and _PLACES.match(after):
        return True  # 收款终端由青禾农村商业银行股份有限公司布放和管理: the bank's own terminals
    if kind == "bank" and after.startswith("特约商户"):
        return True  # 《农业银行特约商户受理协议》: the bank's own merchant agreement
    if kind == "bank" and _BANKS_TERMINAL.match(after):
        return True  # 工商银行POS机办理: the bank's own terminal
    return bool(STRICT_ROLE.search(before + after) or _PARTY_BEFORE.search(before) or _PARTY_AFTER.match(after))


_HEADED = re.compile(r"\s*(?:(?:账号|发布者|发布单位|来源|主办|作者)\s*[:：]\s*)?")
_SETTLES = re.compile(r"\s*(?:直接|统一|负责)?(?:结算|清算)")
_PLACES = re.compile(r"\s*(?:统一|负责)?(?:布放|投放|提供|安装)")
_BANKS_TERMINAL = re.compile(r"\s*的?(?:pos|刷卡机|收款机|电签|收单)")


# (document, id(registry)) → (registry, mentions); the registry is kept so its id cannot be reused.
_MENTIONS: dict[tuple[Document, int], tuple[Registry, tuple[Mention, ...]]] = {}


def mentions(doc: Document, reg: Registry) -> tuple[Mention, ...]:
    """Institutions and companies named in `doc`, computed once per document and registry."""
    key = (doc, id(reg))
    hit = _MENTIONS.get(key)
    if hit is None or hit[0] is not reg:
        if len(_MENTIONS) > 256:
            _MENTIONS.clear()
        hit = _MENTIONS[key] = (reg, _mentions(doc, reg))
    return hit[1]


BrandHit = tuple[int, int, str, Institution]
# normalised text → (registry, brand and name hits); the registry is kept so its id cannot be reused.
_BRAND_HITS: dict[str, tuple[Registry, tuple[BrandHit, ...]]] = {}

def brand_hits(text: str, reg: Registry) -> tuple[BrandHit, ...]:
    """Every brand or name occurrence in normalised `text`, sorted: one `Registry.scan` per text and registry."""
    hit = _BRAND_HITS.get(text)
    if hit is None or hit[0] is not reg:
        if len(_BRAND_HITS) > 64:
            _BRAND_HITS.clear()
        hit = _BRAND_HITS[text] = (reg, tuple(sorted(reg.scan(text))))
    return hit[1]


# A brand named to compare with (跟拉卡拉那种比呢, 比拉卡拉便宜) names no one behind the offer.
_COMPARED_BEFORE = re.compile(r"(?:跟|和|与|比|像)$")
_COMPARED_AFTER = re.compile(r"(?:那种|那样|这种)?(?:比|相比|一样|差不多|便宜|更便宜|贵|更贵)")


def _compared(text: str, start: int, end: int) -> bool:
    return bool(_COMPARED_BEFORE.search(text, max(0, start - 1), start)) and bool(_COMPARED_AFTER.match(text, end))


# A sentence that tells two similar names apart (经常有人把“汇付天下”和“汇付宝”搞混，这是两家不同的公司; 名字很像的
# “XX企业服务有限公司”，那是另一家公司): the names in it are not the one behind the offer, whatever their licences.
_TOLD_APART = re.compile(r"搞混|弄混|混淆|搞错|两家不同|不同的(?:两家)?公司|另一家|两回事|不是(?:同)?一家|不是一回事"
                         r"|名字(?:很|非常|有点|特别)?(?:像|相似|相近)|山寨|李鬼")


def _told_apart(text: str, start: int) -> bool:
    lo, hi = sentence_at(text, start)
    return _TOLD_APART.search(simplified(text[lo:hi])) is not None


def _mentions(doc: Document, reg: Registry) -> tuple[Mention, ...]:
    """Institutions and companies named in `doc` (names, brands, licence numbers, banks), in text order."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    company_texts: list[str] = []
    for ent in entities(doc):
        ev = ent.evidence
        if ent.kind == "company":
            m = None if ent.note == "bank" else reg.lookup(ent.value)
            kind = "bank" if ent.note == "bank" else "company"
            out.append(
                Mention(
                    ev.quote,
                    ev.start,
                    ev.end,
                    kind,
                    m.institution if m else None,
                    m.how if m else "",
                    m.score if m else 0.0,
                    doc.text,
                )
            )
            taken.append((ev.start, ev.end))
            company_texts.append(simplified(ent.value))
        elif ent.kind == "licence_no" and ent.valid:
            inst = reg.by_licence(ent.value)
            out.append(
                Mention(
                    ev.quote, ev.start, ev.end, "licence_no", inst, "licence_no" if inst else "", 100.0
                )
            )
    norm = normalized(doc.text)
    text = norm.text
    starts: dict[str, list[int]] = {}
    for start, _end, key, _inst in brand_hits(text, reg):
        starts.setdefault(key, []).append(start)
    ranks = reg.brand_ranks()
    for brand in sorted((k for k in starts if k in ranks), key=lambda k: ranks[k][0]):  # as brand_items: longest first
        inst = ranks[brand][1]
        end = 0
        for ns in starts[brand]:
            if ns < end:  # occurrences do not overlap, as with re.finditer
                continue
            ne = end = ns + len(brand)
            if not brand_ok(text, ns, ne, brand) or _compared(text, ns, ne):
                continue
            s, e = norm.orig_span(ns, ne)
            if any(a < e and s < b for a, b in taken):
                continue
            # "通联商务收款机" when 通联商务服务有限公司 (another institution) is named: not the 通联 brand.
            if any(c.startswith(text[ns : ne + 2]) and not _same(reg, c, inst) for c in company_texts):
                continue
            taken.append((s, e))
            out.append(
                Mention(
                    doc.text[s:e],
                    s,
                    e,
                    "brand",
                    inst,
                    "brand",
                    100.0,
                    doc.text,
                )
            )
    out.sort(key=lambda x: x.start)
    return tuple(out)


def _alnum(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def _same(reg: Registry, company: str, inst: Institution) -> bool:
    m = reg.lookup(company)
    return m is not None and m.institution.key == inst.key


@dataclass(frozen=True)
class Offer:
    offers: bool
    card: bool  # bank-card acceptance (not only QR codes)
    reason: str


@lru_cache(maxsize=256)
def offer_of(doc: Document) -> Offer:
    """Does `doc` present an offer of card acceptance (agent/product page, contract), or report/warn/teach?"""
    norm = simplified(doc.text)
    # A chat record (…聊天记录导出) is filed like a complaint, and a sales script (电销话术) like a leak, but the
    # agent's pitch in either is an offer.
    chat = "聊天记录" in doc.title or "群聊记录" in doc.title or "话术" in doc.title
    if merchants_only_chat(norm):
        return Offer(False, False, "a chat among merchants: no one in it speaks for a provider")
    if doc.title and not chat and context.genre(simplified(doc.title)) in ("advisory", "complaint"):
        return Offer(False, False, f"its title reads as a guide, warning, report or complaint ({doc.title[:40]})")
    if doc.title and (own := context.CUSTOMER_SIDE.search(simplified(doc.title))):
        return Offer(False, False, f"a business taking its own customers' payments ({own.group(0)})")
    genre = next(_NOT_OFFER.finditer(norm), None) or _NOT_OFFER_HEAD.search(norm, 0, 150)
    if genre is None and (post := _POST_HEAD.search(norm, 0, 300)) and not context.sells(norm):
        genre = post
    if genre is None and not _STRONG_OFFER.search(norm) and not context.sells(norm):
        genre = _weak_not_offer(norm)
        if genre is None and context.teaches(norm):
            return Offer(False, False, "teaches or warns (the cues of its body) and sells nothing")
    if genre:
        return Offer(False, False, f"reads as a complaint, article, notice or export ({genre.group(0)})")
    if context.qa_page(norm):
        return Offer(False, False, "a question-and-answer page")
    if (staff := _STAFF_GUIDE.search(norm, 0, 300)) and not _STRONG_OFFER.search(norm):
        return Offer(False, False, f"a how-to for using a terminal ({staff.group(0)})")
    if not _asserted(_PRODUCT, norm) or not _asserted(_OFFER, norm):
        return Offer(False, False, "no POS / card-acceptance offer outside warnings")
    exported = _EXPORT.search(doc.title) or _EXPORT.search(norm, 0, 120) or (
        doc.kind == "image" and _STATUS_BAR.match(norm))
    if exported and (used := _IN_USE.search(norm)):
        return Offer(False, False, f"an export of the messages or bills of a service in use ({used.group(0)})")
    card = bool(re.search(r"刷卡|pos|银行卡|信用卡|借记卡|贷记卡|储蓄卡|收单|电签", norm))
    return Offer(True, card, "offers card acceptance")


# An export of messages or bills (短信备份导出, 微信聊天记录导出, 账单明细导出, 语音转文字) that records a
# terminal already in use (机器已经寄出了, 您的终端…已激活成功, SIM卡服务费66.00元已于今日扣除; voice messages on
# 我那个刷卡机) is the merchant's evidence: its fee words are notices to a customer, not an offer. An agent's pitch
# to someone with no terminal yet (明天就能给你装机) still offers.
_EXPORT = re.compile(r"导出|备份|聊天记录|群聊记录|语音转文字")
# …or a phone's screenshot of an app (its status bar on top: 9:41 4G 86%) that shows a balance held
_STATUS_BAR = re.compile(r"\s*\d{1,2}:\d{2}\s+(?:[45]g|wi-?fi|lte)\b[^\n]{0,12}?\d{1,3}%")
_IN_USE = re.compile(r"已经?(?:寄出|发货|激活|结算至|结算到|扣除|扣收)|已于(?:今日|今天)|到账不对|只到了"
                     r"|(?:您|你)的(?:终端|机器|机子|pos)|账单明细|交易明细|实际到账|本月到账|这个月的到账"
                     # (…and an app's record of a terminal's money: 收支明细, 结算至尾号1182)
                     r"|可提现余额|钱包余额|钱包明细|收支明细|扣费记录|结算至尾号"
                     r"|我(?:那个|那台|家的|店里的?)(?:刷卡机|pos机?|机器|机子|终端)")  # (not an agent's 我的机器)


# A chat export: its first lines say so; each message starts with a time and its sender (…20:03 张姐奶茶：…, or the
# sender alone on the time's line).
_CHAT_EXPORT = re.compile(r"聊天记录|群聊|群名称|微信群")
_SENDER = re.compile(r"^[ \t]*\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t]+(?:上午|下午|晚上|凌晨)?\d{1,2}:\d{2}(?::\d{2})?"
                     r"[ \t]+([^\n:]{1,30}?)[ \t]*(?::|$)", re.M)
# A sender who speaks for a provider: an agent, its staff, a service account.
_PROVIDER_SIDE = re.compile(r"业务|客服|经理|代理|服务商|pos|办理|招商|销售|专员|顾问|电签|支付|收单|官方|售后|推广|"
                            r"渠道|助手|总监|主管|团队|公司|老师")
CHAT_SENDERS_MIN = 3  # messages a chat needs before its senders say who is in it


def merchants_only_chat(norm: str) -> bool:
    """True when normalised `norm` is a chat export whose senders are all merchants or customers: what they say
    about their own terminals is advice to each other, not an offer."""
    if not _CHAT_EXPORT.search(norm, 0, 120):
        return False
    senders = _SENDER.findall(norm)
    return len(senders) >= CHAT_SENDERS_MIN and not any(_PROVIDER_SIDE.search(s) for s in senders)


def _asserted(pattern: re.Pattern[str], text: str) -> bool:
    """A match of `pattern` in a sentence that does not warn ("小心…", "谨防…"): a warning names fees and
    card payments too, but offers nothing (the shared warning cues of rules/context.py)."""
    for m in pattern.finditer(text):
        lo, hi = sentence_at(text, m.start())
        if not context.warning_in(text[lo:hi]):
            return True
    return False


def pair_number(doc: Document, number: Entity, found: tuple[Mention, ...]) -> Mention | None:
    """The institution a licence number is shown for: nearest name before it (same sentence, else up to
    100 characters back across a line break), else a name just after it in the same sentence."""
    at = number.evidence.start
    names = [
        m
        for m in found
        if m.kind in ("company", "brand")
        and not (m.institution and m.institution.network)
        and simplified(m.text) not in PAYMENT_METHOD_BRANDS
    ]
    before = [
        m
        for m in names
        if m.end <= at and at - m.end <= 100 and not re.search(r"[。；;]", doc.text[m.end : at])
    ]
    same_line = [m for m in before if "\n" not in doc.text[m.end : at] and at - m.end <= 80]
    if same_line or before:
        return (same_line or before)[-1]
    line_end = doc.text.find("\n", number.evidence.end)
    line_end = len(doc.text) if line_end < 0 else line_end
    after = [  # (not in the next sentence: …许可证编号Z2006931000010。北京某某商贸有限公司作为其推广合作方)
        m for m in names if number.evidence.end <= m.start <= line_end and m.start - number.evidence.end <= 30
        and not re.search(r"[。；;]", doc.text[number.evidence.end : m.start])
    ]
    if after:
        return after[0]
    # …else the holder a certificate's next field names (许可证编号：Z…⏎公司名称：…)
    return next((m for m in names if line_end < m.start and _HOLDER_FIELD.fullmatch(doc.text, line_end, m.start)),
                None)


_HOLDER_FIELD = re.compile(r"\s*(?:公司|机构|单位|企业|持证机构|持证单位)名称\s*[:：]\s*")


# --- wording shared by the licence/site checks and the identity summary: (Chinese, English) -------

#: Status sentences of the registry data files (English, as transcribed) by their opening words.
_STATUS_ZH = (
    ("cancelled (inferred)", "名单显示牌照到期后未续展，推断已注销"),
    ("cancelled", "支付牌照已被注销"),
    ("revoked", "支付牌照已被吊销"),
    ("applied for cancellation", "已申请注销支付牌照"),
    ("exited", "已退出支付业务"),
    ("voluntary exit", "已主动退出支付业务"),
    ("early exit", "已提前退出支付业务"),
    ("not renewed", "牌照到期后未获续展"),
    ("renewal application not accepted", "续展申请未被受理"),
    ("not in the", "不在续展名单中"),
)
_STATE_ZH = {
    "active": "牌照有效（已续展）",
    "listed": "在机构名单快照中（约2018年的状态，当前状态未核实）",
    "inactive": "支付牌照已失效",
    "under_review": "牌照续展审查已中止，结果未知，须核实",
    "unknown": "状态未能核实",
}


def status_zh(st: Status) -> str:
    """A short Chinese description of a registry status (the data files' own notes are English)."""
    if st.note.startswith("card network"):
        return "卡组织，不是支付牌照持有机构"
    if st.state == "inactive":
        low = st.note.strip().lower()
        return next((zh for start, zh in _STATUS_ZH if low.startswith(start)), _STATE_ZH["inactive"])
    return _STATE_ZH.get(st.state, _STATE_ZH["unknown"])


def lookalike_how(look: LookAlike) -> tuple[str, str]:
    """How a domain borrows a brand, e.g. ('含有“lakala”', "contains 'lakala'")."""
    en = f"{look.how} '{look.token}'"
    if look.how == "contains":
        return f"含有“{look.token}”", en
    score = re.search(r"score (\d+)", look.how)
    if score:
        return f"与“{look.token}”拼写相近，相似度{score.group(1)}", en
    return f"与“{look.token}”只差一个字母", en


def uscc_problem(code: str) -> tuple[str, str]:
    """What is wrong with a 统一社会信用代码 that fails (or only passes as a pilot code) its check."""
    code = code.upper()
    if len(code) != 18 or any(ch not in USCC_ALPHABET for ch in code):
        return ("不是18位有效字符", "not 18 characters from the USCC alphabet")
    expected = uscc_check_char(code)
    if code[17] == expected:
        return ("校验码正确", "check character ok")
    return (
        f"最后一位校验码是{code[17]}，按国家标准GB 32100-2015应为{expected}",
        f"check character is {code[17]}, GB 32100-2015 gives {expected}",
    )


def uscc_pilot_problem(code: str) -> tuple[str, str]:
    """The note for a code that fails its check but carries a valid legacy organisation code."""
    expected = uscc_check_char(code.upper())
    return (
        f"校验码应为{expected}，但其中的组织机构代码本身有效，可能是早期试点地区发放的代码，"
        "请到国家企业信用信息公示系统核实",
        f"check character should be {expected}; the embedded organisation code is valid, so this may be "
        "an early pilot-region code: verify it on 国家企业信用信息公示系统",
    )


ICP_PROBLEM = (
    "缺少省份简称（正确的格式如 京ICP备12345678号）",
    "ICP number without a province abbreviation (should look like 京ICP备12345678号)",
)
LICENCE_SHAPE_PROBLEM = (
    "格式不对（应为 Z2 + 4位序号 + 2位省份代码 + 00001 + 1位数字）",
    "not the shape Z2 + 4-digit serial + province code + 00001 + digit",
)
