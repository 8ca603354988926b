"""Read a document's fee schedule into `Fee` facts: table rows, sentences and contract articles.

Fee names (labels.py) are found in one Aho-Corasick pass; only rows and sentences that hold one
are read (units.py), their names paired with amounts of the units they take (a rate takes a
percent, a deposit takes yuan) and turned into facts (reader.py). A fee here is something this
document charges: negated fees (无押金), warnings, reported claims (如有人以“免费领取”…),
questions, hedged explanations (一般在36-99元之间) and whole advisory articles yield none.
"""

from __future__ import annotations

import re

from poscheck.facts import patterns as P
from poscheck.facts.labels import Label, find_labels, service_of
from poscheck.facts.reader import FeeReader
from poscheck.facts.units import Unit, assign, find_units
from poscheck.models import Document, Fee
from poscheck.normalize import Normalized, normalize
from poscheck.rules import context
from poscheck.textscan import Keywords, in_quotes

# Warning cues that also occur in ordinary fee text ("扣收前3天短信提醒") do not void a fee.
_WEAK_CUES = {"提醒", "避免", "要注意", "需注意", "请注意", "注意事项", "是否有", "有权拒绝", "要求退还",
              "举报", "识别", "如发现", "若发现", "一旦发现",
              "防范"}  # 为防范盗刷风险，每笔交易默认开通资金保障服务: a purpose, not a warning
_STRONG_CUES = re.compile("|".join(re.escape(w) for w in context.WARNINGS if w not in _WEAK_CUES))
_REPORTED = re.compile(
    # (以“升级”为由 is a pretext; 每月以“机具管理费”名义扣收39元 names what was taken)
    r"如有人|声称|所称|所谓|宣称|号称|冒充|假冒|以“[^”]{0,24}(?<!费)”(?:等)?(?:名义|为由)"
    r"|看到[“\"「][^”\"」]{1,16}[”\"」]的(?:宣传|广告)|" + context.HEARSAY)  # 读者看到“信用卡0.3几”的宣传
_HEDGED = re.compile(
    # (有的机器 hedges; 这个每家都有的 says everyone charges it, the writer's own seller too; 市面上最低了 boasts)
    r"一般在|一般为|一般是|一般会|一般收|通常在|通常为|通常会|通常每|左右|大约|大概|可能会|可能有|可能收|不等|某些"
    r"|有的(?<![都也还]有的)|有些"
    r"|多数|大多|几百|几十|几元|市面上(?!最|找不到|没有比)|业内(?!最)|常见"
    r"|要么是[^。\n]{1,40}?要么是"  # a guess at how a price is made (…能做到0.38，要么是…跳码，要么是…涨回去)
)
# What an agent is paid on the merchants it brings (按服务商所拓商户贷记卡交易额的万分之六; 甲方按乙方推荐商户每月贷记卡
# 交易额的万分之五向乙方支付推广服务费): a commission, no merchant's rate.
_COMMISSION = re.compile(r"(?:所拓|推荐|发展|拓展)的?商户[^。]{0,12}?交易(?:额|金额|量)的"
                         r"|向(?:乙方|甲方|服务商|代理商?)支付[^。]{0,8}?(?:推广|分润|佣金|返佣)")
# A device said in passing to be someone else's (他之前那台机（不是我们的）第一笔被扣了299): its charges are not this
# seller's.
_NOT_OURS = re.compile(r"\(\s*(?:不是|并非|非)(?:我们|我司|我家|咱们|本公司)家?的?(?:机器|产品)?\s*\)")
# Three sums without units in a row tell what the market charges, not one offer's price (系统扣99、199、299).
_ALTERNATIVES = re.compile(r"\d{2,}、\d{2,}、\d{2,}(?![\d.%元块条款项])")  # (not 第1、2、3条)
# Sentences about the regulated fee components (the issuer's share, the network fee) explain the 2016
# reform or a rate's cost; they are nobody's price.
_REGULATION = re.compile(r"发卡行|发卡机构|(?<!只收)(?<!仅收)网络服务费|手续费改革|定价机制|服务费上限")
# A pitch the writer reports and turned down on the spot (有个业务员跟我说“信用卡0.38终身不涨”，我直接拉黑了): no fee
# they were offered and took, nor one of this document.
_TURNED_DOWN = re.compile(r"(?:跟|和|对)我说[^。]{1,40}?[,，]\s*我(?:直接|就|当场|立马|立刻)?"
                          r"(?:拉黑|删了|挂了|没理|不信|没信|没办|没签)"
                          # …or a relative's, talked out of it (被人上门推“免费送机、首刷扣299…”的那种，我劝住了)
                          r"|推[^。“”]{0,6}“[^”]{1,60}”[^。]{0,8}?[,，]\s*(?:被我|我)(?:给)?(?:劝住|拦住|拦下|劝退)")
# Worked examples ("一笔1000元的信用卡交易，手续费为6元") illustrate a schedule; they are not fees.
_EXAMPLE_START = re.compile(r"\s*(?:如|若|比如|例如|假如)?[1一]笔\d")  # at the start of a unit
_EXAMPLE = re.compile(r"例如|比如|举个例|打个比方|假设")
# …or a sum worked out (手续费260元+月卡19.9元=279.9元), looked for only where a "=" is (its digits lead it)
_WORKED_SUM = re.compile(r"\d\s*元?\s*\+\s*[^=。,;]{0,12}?=\s*\d")
# What other sellers charge, set against this one's (别家押金299，我们0押金): not this seller's fee; nor a comparison
# table's columns of other brands (| 某A品牌代理 | 某B品牌代理 | …).
_OTHER_SELLERS = re.compile(r"(?:别家|友商|别人家|其他家|其它家|同行)(?:的|都|要|收)?$")
OTHER_SELLERS_BACK = 6  # characters before a fee's name read for _OTHER_SELLERS
_OTHER_SELLER_WORDS = frozenset(("别家", "友商", "别人家", "其他家", "其它家", "同行"))
_OTHER_BRAND_COLUMN = re.compile(r"某\s*[a-z甲乙丙丁]|友商|别家")
BRAND_COLUMNS_MIN = 2
# 常见说法 | 实际意味着什么 | 我们的做法; 看哪里 | 一清（正常） | 二清（危险信号）
_OTHERS_COLUMN = re.compile(r"常见(?:说法|套路|宣传|做法|收费)|市面上|别家|友商|同行|危险信号|风险信号")
# Every word the two patterns above and _OTHER_SELLERS start with (a page holding none compares no one).
_OTHERS_NAMED = Keywords({w: w for w in ("某", "常见", "市面上", "危险信号", "风险信号", *_OTHER_SELLER_WORDS)})


def others_table(text: str, row_start: int) -> bool:
    """Whether the table of the row at `row_start` has a first row naming at least BRAND_COLUMNS_MIN other
    brands (| 某A品牌代理 | 某B品牌代理 | 某C品牌代理 | 刷卡帮 |) or a column of what others do or what warns
    (常见说法 | …; 二清（危险信号）): a comparison, whose cells are not this seller's prices."""
    lo = row_start
    while lo > 0:
        above = text.rfind("\n", 0, lo - 1) + 1
        if text.find("|", above, lo - 1) < 0:
            break
        lo = above
    hi = text.find("\n", lo)
    hi = len(text) if hi < 0 else hi
    return len(_OTHER_BRAND_COLUMN.findall(text, lo, hi)) >= BRAND_COLUMNS_MIN or (
        _OTHERS_COLUMN.search(text, lo, hi) is not None and text.find("|", lo, hi) >= 0)


# (…and a list of what is forbidden: 三、以下说法一律禁止，违者解除劳动合同)
_HEADING_CUES = re.compile(r"套路|陷阱|骗局|避坑|揭秘|防骗"
                           r"|以下[^。\n]{0,6}?(?:一律)?(?:禁止|严禁|不得)|(?:禁止|严禁)(?:以下|下列)")
# News about a practice (penalties, court cases) reports it; it offers nothing. A court named by where a party is
# (乙方所在地法院, in a contract's summary) is its jurisdiction clause, not a court case.
_NEWS_HEAD = re.compile(
    "|".join((*context.NEWS_TITLES, "处罚", "罚款", "判决", "(?<!所在地)(?<!住所地)(?<!地人民)法院", "立案")))
_ITEM = re.compile(r"(?:\d+\s*[、.．)]|[（(]\d+[)）]|[●•·\-*—])")  # a list item is not a heading
# Deposits a shop takes from its own customers through the terminal are not the provider's fees.
# A message to the merchant (您) offering back a fee paid before ("您的旧机押金299元可原路退回", "您激活时冻结的
# 299元服务费已符合退还条件") charges nothing: that is the refund lure of fake service messages.
_PAID_BEFORE = re.compile(r"旧机|原机|已缴|已交|已扣|已冻结|当初|多扣了|被多扣|多收了|重复扣"
                          r"|(?:之前|此前|以前|当年|当时|激活时|办理[^。,]{0,6}?时)[^。,]{0,4}(?:交|缴纳|缴|扣|冻结)的"
                          r"|(?:\d{4}年|之前|此前|以前|当初|当年)办理的")  # 您2023年办理的POS机有199元押金
_REFUND_OFFER = re.compile(r"原路退|可以?(?:统一|全额|原路)?退(?:回|还|款)|可以退|申请(?:全额)?退|退还条件"
                           r"|办理退款|为您退|将(?:全额)?退|退给(?:您|你)|给(?:您|你)退|予以退")
# …or money taken and now given back: 向申请人退还已扣收的机具管理费195元 (a mediation's terms, a refund notice),
# 服务商退还了两年的资金安全保障费共1,962.40元.
_GIVEN_BACK = re.compile(r"(?:退还|退回|返还)[^。,;]{0,4}?已(?:扣|收|缴|冻结)"
                         r"|(?:退还|退回|返还)了[^。,;]{0,16}?费(?:用)?共")
# …or about the old device's deposit ("原机押金299元原路退还" on a swap form), or what was paid back then
# (可申请退还当初办理时缴纳的机具押金, to every merchant a notice addresses): money back, whoever reads it.
_PAID_FOR_THEN = re.compile(r"旧机|原机|老机|当初|当年")
# A bank's price list for business accounts: its 账户管理费 and 年费 are the account's, not a terminal's.
_ACCOUNT_PAGE = re.compile(r"对公账户|结算账户|账户服务|账户收费|开户")
_TERMINAL_WORDS = re.compile(r"pos|收单|刷卡|终端|机具|电签|收款")
_DRAWN_FROM = re.compile(r"中(?:抵扣|扣除|扣减|扣)")
# Consumer credit (card instalments, cash advance) has rates too; they are not acquiring rates.
_CONSUMER_CREDIT = re.compile(r"分期|取现|透支|利息|年化|日息|月息")
# The shared negators: without one in the 14 characters before a name, context.negator_before (which looks
# back NEGATION_GAP + 4 = 12) finds none, so the full test is skipped.
_ANY_NEGATOR = re.compile("|".join(map(re.escape, context.NEGATORS)))
_DIGIT = re.compile(r"\d")


# Words a speaker says or is told to say (就说"一年几十块，行业都一样"): their hedge is the speaker's, not the fee's.
_TOLD_QUOTE = re.compile(r"(?:说|讲|告诉他|告诉客户|回他|回复)\s*:?\s*[\"“「][^\"”」\n]{0,40}[\"”」]")


_BLOCKQUOTE = re.compile(r"[ \t]*>")  # a line quoted as a block (> 🔥免费领POS机🔥…刷卡0.38 秒到账～)


def document_genre(doc: Document, norm: Normalized) -> str:
    """offer | advisory | complaint, decided the same way as the text-rule engine does."""
    return str(context.document_genre(normalize(doc.title).text, norm.text))


def unit_context(text: str) -> str:
    """Why a row or sentence states no fee of this document ('' when it does).

    Each pattern is searched on its own: `re` skips ahead to a pattern's first characters, which their
    union (one search instead of seven) defeats — it cost three times as much."""
    if _STRONG_CUES.search(text):
        return "warning"
    if _REPORTED.search(text):
        return "reported"
    if context.is_question(text) and not context.SURPRISE.search(text):
        return "question"
    # (not a hedge only in words the seller is told to say: 客户问了就说"一年几十块")
    if (_HEDGED.search(text) and _HEDGED.search(_TOLD_QUOTE.sub("", text))) or _ALTERNATIVES.search(text):
        return "hedged"
    if context.disowned(text) or _NOT_OURS.search(text):
        return "disowned"
    if _EXAMPLE_START.match(text) or _EXAMPLE.search(text) or ("=" in text and _WORKED_SUM.search(text)):
        return "example"
    if _REGULATION.search(text):
        return "regulation"
    if _TURNED_DOWN.search(text):
        return "turned down"
    if context.CUSTOMER_SIDE.search(text):
        return "customer"
    if _COMMISSION.search(text):
        return "commission"
    if ("您" in text or _PAID_FOR_THEN.search(text)) and _PAID_BEFORE.search(text) and _REFUND_OFFER.search(text):
        return "refund offer"
    if ("已" in text or "了" in text) and _GIVEN_BACK.search(text):
        return "refund"
    return ""


def heading_warns(text: str, pos: int) -> bool:
    """True when the nearest heading above `pos` (a short line within 8 lines) warns: 常见套路：/ 谨防诈骗."""
    end = text.rfind("\n", 0, pos)
    for _ in range(8):
        if end <= 0:
            return False
        start = text.rfind("\n", 0, end) + 1
        if end - start > 24 and not text[start].isspace() and not text[end - 1].isspace():
            end = start - 1  # too long for a heading, even stripped
            continue
        line = text[start:end].strip()
        if line and len(line) <= 24 and "|" not in line and "。" not in line and not _ITEM.match(line):
            return bool(_STRONG_CUES.search(line) or _HEADING_CUES.search(line))
        end = start - 1
    return False


_CLAUSE_ENDS = ",;|\n。"


def _clause(text: str, lo: int, hi: int, pos: int) -> str:
    """The clause (or table cell) around `pos` within [lo, hi)."""
    a = max(text.rfind(c, lo, pos) for c in _CLAUSE_ENDS)
    ends = [e for e in (text.find(c, pos, hi) for c in _CLAUSE_ENDS) if e >= 0]
    return text[max(lo, a + 1):min(ends) if ends else hi]


# A name said not to be what a sum is (机器99元，不是押金; 这个不是押金哦，是服务费): the sum is something else.
_SAID_NOT = re.compile(r"(?:不是|并非|非|不算|不属于)\s*$")


def negated(text: str, pos: int, lo: int) -> bool:
    """The shared negation test (rules/context.py), skipped when no negator can be near; and a name said not to be
    the sum's (_SAID_NOT)."""
    if _SAID_NOT.search(text, max(lo, pos - 4), pos):
        return True
    if not _ANY_NEGATOR.search(text, max(lo, pos - 14), pos) and text.find("不", max(lo, pos - 14), pos) < 0:
        return False
    neg = context.negator_before(text, pos, lo)
    if neg == "0元":  # the shared list's "0元" also matches inside "20元"
        return bool(re.search(r"(?<![\d.])0元", text[max(lo, pos - 14):pos]))
    return bool(neg)


# A denial written after the names it denies, maybe a list of them: 流量费、年费、服务费不收取 (a table's cells read
# together), 年费一律免收. An amount after it belongs to the next item, not to these names.
_DENIED_AFTER = re.compile(
    # (spoken: 那个押金啊激活费啊这些我们都没有)
    r"(?:(?:[、/和及与]|啊|呀)[^、,;。|\n\d]{1,8}?)*?(?:啊|呀)?\s*(?:这些|这几[个样]|这俩)?(?:我们|咱们?|我司)?"
    r"\s*(?:均|都|一律|全部|概|全|也|暂)?\s*"
    r"(?:不收取|不收|免收|全免|免除|不另收|不另行收取|不予收取|不再收取|(?:无需|无须|不需要?|不用)(?:支付|缴纳|交)"
    r"|(?<=[都也])没有(?![退返还到]))"
)


_DENIAL_FIRST = frozenset("、/和及与均都一律全概也暂不免无啊呀这我咱 \t\n")  # what a _DENIED_AFTER match can start with


# A promise of no fee that its own sentence says was broken: 嘴上说免流量费，实际满一年系统扣了99元. The name stands
# only in the promise; the charge told after it is that fee.
_PROMISED = re.compile(r"(?:说|说好的?|说是|号称|承诺|保证|答应)(?:的|是|了)?(?:免|不收|没有|无)$")
_BROKEN = re.compile(r"(?:结果|实际上?|却|但是?|可是|后来|谁知)[^。]{0,24}?(?:扣|收)")


def promise_broken(text: str, lab: Label, hi: int) -> bool:
    """The negated name `lab` is a promise that the rest of its unit (to `hi`) says was broken by a charge."""
    return bool(_PROMISED.search(text, max(0, lab.start - 8), lab.start) and _BROKEN.search(text, lab.end, hi))


def denied_after(text: str, lab: Label) -> bool:
    """True when a denial follows the name `lab` (or the list it starts or continues): 流量费、年费不收取."""
    return text[lab.end:lab.end + 1] in _DENIAL_FIRST and _DENIED_AFTER.match(text, lab.end) is not None


# An agent's share of the merchant's fees (贷记卡分润 万分之五; 交易分润：贷记卡万分之四) and what the agent draws
# from it are the agent's income, priced on a recruiting page next to the merchant's own fees.
_AGENTS_SHARE = re.compile(r"分润|返佣|佣金|分佣")
# A sum the agent keeps out of a merchant's fee (每笔加收3元，…代理分1元; 流量费60元/年，代理每台每年分40元).
# (代理实时到账85元: the agent's cut, paid out)
_AGENT_TAKES = re.compile(r"(?:代理|服务商|上级)(?:每台)?(?:每年|每月|每笔)?"
                          r"(?:分|拿|得|提成|返|(?:实时|次日|当天)?到账)(?:到|了)?\s*$"
                          r"|(?:返|分)给?(?:代理|服务商)\s*$")
SHARE_REACH = 16  # characters either side of a fee's name read for its clause
_MERCHANT_PAYS = re.compile(r"(?:收取|收|扣|扣收|向)商户")


def agents_share(text: str, lab: Label, header: tuple[int, int] | None) -> bool:
    """The cell or clause that holds the name `lab` (or, for a name a row takes from its table's `header`, the
    header's cell) says it is an agent's share, not a merchant's fee."""
    if lab.borrowed and header is not None:
        return any(lab.borrowed in cell and _AGENTS_SHARE.search(cell) for cell in text[header[0]:header[1]].split("|"))
    clause = _clause(text, max(0, lab.start - SHARE_REACH), lab.end + SHARE_REACH, lab.start)
    if _AGENTS_SHARE.search(clause):
        return True
    # …or a poster's section label that ends the line above (交易分润⏎万12起，日结，秒到钱包; an OCR may have joined the
    # label to the line before it)
    # (…unless the clause says the merchant pays it: 二、流量费分润 ⏎ 系统每年收取商户流量费99元，代理分得60%)
    line = text.rfind("\n", 0, lab.start)
    return line > 0 and _AGENTS_SHARE.search(text, max(0, line - SECTION_LABEL_MAX), line) is not None \
        and not _MERCHANT_PAYS.search(clause)


SECTION_LABEL_MAX = 8  # characters of a poster's section label


# What a price told before it covers (服务费360元，包含机具租用、日常维护及通讯费用; 套餐198元/年（含流量费）): the
# names listed are no fees of their own, unless priced right after. (内容包括…交易短信提醒等，服务费每年298元 lists a
# pack's contents before its price: there the list is left alone.)
_COVERS = re.compile(r"(?:包含|包括|含有?|涵盖)[^。;,\n]{0,24}$")
_PRICED_AFTER = re.compile(r"\s*(?:为|是|:)?\s*(?:人民币)?\s*\d")
_PRICE_BEFORE = re.compile(r"\d\s*(?:元|\))")
COVERS_BACK = 30


def _covered(text: str, lab: Label, lo: int) -> bool:
    """A fee name listed among what a price before it, after `lo`, covers (see _COVERS)."""
    covers = _COVERS.search(text, max(lo, lab.start - COVERS_BACK), lab.start)
    return covers is not None and _PRICE_BEFORE.search(text, lo, covers.start()) is not None and not (
        _PRICED_AFTER.match(text, lab.end))


# The price of a card-repayment service (智能还款0.75%，资金实时到账): no fee of the terminal's.
_REPAYMENT_PRICE = re.compile(rf"(?:{P.REPAYMENT.pattern})(?:服务)?(?:费率|手续费|服务费)?\s*(?:为|是|:)?\s*$")
# A card channel named as the base another fee is taken on (按每笔刷卡交易金额的0.06%收取保障服务费): no rate of its
# own.
_BASE_OF = re.compile(r"(?:消费|交易)?(?:金额|额)的")


def _drawn_from(text: str, lab: Label) -> bool:
    """A fee name as what a charge is taken from (赔偿…可从押金中抵扣): it names no fee of its own."""
    return lab.start > 0 and text[lab.start - 1] in "从在" and _DRAWN_FROM.match(text, lab.end) is not None


def _counted(text: str, u: Unit, labels: list[Label]) -> list[P.Amount] | None:
    """Sets `u.every` when a count of deductions (半年扣两次) follows the unit's deductions before another kind of
    fee is named (1月12号扣了99，“机具流量费”；… 四个月被扣了三次), or stands in the sentence of its amount, and
    returns the sums taken (the deductions, or the one the count gives: 4个月扣了我两次，每次89); None when no
    count applies."""
    # deductions told (扣了99) may be counted in the lines after; amounts only in their own sentence (5个月扣了三次，
    # 每次99元), else a promise (一年就收一次60块) would take the count of the deductions told after it
    wide = min(len(text), u.end + P.COUNTED_AFTER)
    if text.find("次", u.start, wide) < 0:
        return None  # no count in reach (the cheap test first: most units have none)
    told = P.DEDUCTED.search(text, u.start, u.end) is not None
    if not told and text.find("次", u.start, u.end) < 0:
        return None
    hi = wide if told else u.end
    m = P.COUNTED.search(text, u.start, hi) if text.find("次", u.start, hi) >= 0 else None
    if m is None:
        return None
    each = P.each_time(text, m.end(), u.end)
    if not (told or each or P.may_hold_amount(text[u.start:u.end])):
        return None
    kinds = {lab.kind for lab in u.labels}
    if any(u.end <= lab.start < m.start() and lab.kind not in kinds for lab in labels):
        return None
    # the count is about the fee named nearest to it (…扣了两次流量费, 押金…流量费半年扣两次)
    near = min((lab for lab in labels if u.start <= lab.start < m.end() + 12),
               key=lambda lab: abs(lab.start - m.start()), default=None)
    if near is None or near.kind not in kinds:
        return None
    u.every, u.every_kind = P.counted_period(m), near.kind
    if u.every is None:
        return None
    return P.deductions(text, u.start, u.end) + ([each] if each else [])


_CLAUSE_MARKS = re.compile(r"[,。]")


def _pins(text: str, u: Unit, body: str, labels: list[Label]) -> tuple[bool, dict[int, P.Amount], list[P.Amount]]:
    """The amounts of unit `u` (text `body`) that no percent or yuan sign marks: whether it holds a bare rate, the
    sums named right before its names (by the name's start), and the yuan sums its names pin. Sets `u.every` when a
    count of deductions applies (`_counted`)."""
    # every bare rate, bare sum, debit and sum named before a name is written in digits
    digits = _DIGIT.search(body) is not None
    rates = [lab.kind == "rate" for lab in u.labels]
    bare = digits and any(rates) and P.BARE_RATE.search(body) is not None
    if all(rates):  # names of rates only: no sum to pin, no count of deductions to read
        return bare, {}, [u.told] if u.told else []
    # a sum named right before a name (扣了99的服务费, 说299是押金, 扣一个99，这个是第一年的流量) is that name's;
    # yuan amounts written without 元 are pinned by the name they follow or the deduction that tells them
    in_yuan = [lab for lab in u.labels if lab.kind != "rate" and "元" in lab.units] if digits else []
    called = {lab.start: a for lab in in_yuan if (a := P.deducted_before(text, lab.start, u.start)) is not None}
    # …and a bare sum a clause or two after its name (流量卡，第一年送你用，第二年起一年九十九)
    afters = [P.bare_yuan_after(text, lab.end, u.end) for lab in in_yuan]
    for lab, after in zip(in_yuan, afters, strict=True):
        if after is not None and lab.start not in called and _CLAUSE_MARKS.search(text, lab.end, after.start):
            called[lab.start] = after
    debits = "-" in body or "−" in body
    pinned = [a for lab, after in zip(in_yuan, afters, strict=True)
              for a in (after, called.get(lab.start), P.debit_after(text, lab.end, u.end) if debits else None)
              if a is not None] + ([u.told] if u.told else [])
    if in_yuan and not pinned and (by_period := P.period_taken(text, u.start, u.end)) is not None:
        pinned.append(by_period)  # (…流量费…我们这个一个季度扣三十)
    taken = _counted(text, u, labels)
    pinned += [a for a in taken or () if all(b.start != a.start for b in pinned)]
    return bare, called, pinned


def extract_fees(doc: Document, norm: Normalized) -> list[Fee]:
    """The fees this document charges, in reading order, one per (kind, channel, amount, later rate)."""
    text = norm.text
    title = normalize(doc.title).text if doc.title else norm.text[:120].split("\n", 1)[0]
    labels = find_labels(text, service_of(title))
    if not labels:
        return []
    genre = document_genre(doc, norm)
    if genre == "advisory" or (genre == "offer" and _NEWS_HEAD.search(title)):
        return []
    if context.CUSTOMER_SIDE.search(context.headline(title, text)):
        return []  # 客人押金怎么收？用POS机“预授权”: a business taking its own customers' money, no merchant's fee
    if _ACCOUNT_PAGE.search(title) and not _TERMINAL_WORDS.search(title):
        return []  # 小微企业对公账户服务收费标准: a bank's prices for the account itself (vocabulary.md §9)
    # an anti-fraud notice quotes the scam's offer word for word; a victim's own story quotes what they were charged
    teaching = context.teaches(text) and not (genre == "complaint" and context.own_story(text))
    retells = genre != "complaint"  # there, a message quoted word for word (原话是：“…”) is someone else's offer
    reader = FeeReader(doc, norm, labels)
    # a recruiting page's commissions, looked for near each name (every _AGENTS_SHARE word holds 佣 or 润: one
    # character is found faster than the alternation, which most pages lack)
    shares = ("佣" in text or "润" in text) and _AGENTS_SHARE.search(text) is not None
    warned: dict[int, bool] = {}  # by the line break above a unit: the units of a line share their heading
    # (most pages name no other seller: no test per name or row; the words come from the page's shared keyword pass)
    named = {w for _, _, w in _OTHERS_NAMED.iter(text)}
    compared, others = bool(named), not named.isdisjoint(_OTHER_SELLER_WORDS)
    for u in find_units(text, labels):
        body = text[u.start:u.end]
        # a unit without a percent or yuan sign is read only for its amounts that take none (its pins); a unit with
        # one has them looked for once the unit is known to be read
        signed = P.may_hold_amount(body)
        if not signed:
            bare, called, pinned = _pins(text, u, body, labels)
            if not (bare or pinned):
                continue
        if unit_context(body):
            continue
        if u.header is not None and unit_context(title + "\n" + text[u.header[0]:u.header[1]]):
            continue  # a table under a title or header that states no fee of this document (租车押金怎么交？)
        if u.is_row and compared and others_table(text, u.start):
            continue  # a row of a table of other brands' prices, or of what others say
        above = text.rfind("\n", 0, u.start)
        if above not in warned:  # a complaint tells what happened under any heading (a forum's 避坑曝光 section)
            warned[above] = genre != "complaint" and heading_warns(text, u.start)
        if warned[above]:
            continue
        if signed:
            bare, called, pinned = _pins(text, u, body, labels)
        u.amounts = P.amounts(text, u.start, u.end)
        if bare or pinned:
            more = (P.bare_rates(text, u.start, u.end) if bare else []) + [
                a for a in pinned if all(b.start != a.start for b in u.amounts)]  # 多扣了199元 is read already
            u.amounts = sorted(u.amounts + more, key=lambda a: a.start)
        if not u.amounts:
            continue
        credit = _CONSUMER_CREDIT.search(body) is not None  # else no clause of the unit is about it
        # what a name's tests read lies in its unit: a unit without a negator, or without a word of _COVERS, spares
        # each of its names that test
        negators = "不" in body or "非" in body or _ANY_NEGATOR.search(body) is not None
        covers = "含" in body or "包括" in body or "涵盖" in body
        live = [lab for lab in u.labels
                if not (negators and negated(text, lab.start, u.start) and not promise_broken(text, lab, u.end))
                and not denied_after(text, lab) and not (shares and agents_share(text, lab, u.header))
                and not (others and _OTHER_SELLERS.search(
                    text, max(u.start, lab.start - OTHER_SELLERS_BACK), lab.start))
                and not _drawn_from(text, lab) and not (covers and _covered(text, lab, u.start))
                and not (lab.kind == "rate" and _BASE_OF.match(text, lab.end) and any(
                    x.kind != "rate" and x.start > lab.end for x in u.labels))
                and not (credit and lab.kind == "rate"
                         and _CONSUMER_CREDIT.search(_clause(text, u.start, u.end, lab.start)))
                and not ((teaching or (retells and "原话" in body))
                         and (in_quotes(text, lab.start, above + 1) or _BLOCKQUOTE.match(text, above + 1)))]
        if not live:
            continue
        reserved = reader.reserved(u, body)
        repayment = P.REPAYMENT.search(body) is not None  # every _REPAYMENT_PRICE match holds one
        agents = "代理" in body or "服务商" in body
        u.free = [a for a in u.amounts if not (reserved and any(s <= a.start < e for s, e in reserved))
                  and not (a.unit == "元" and P.is_threshold(text, a, u.start))
                  and not P.is_change_by(text, a, u.start) and not P.not_charged(text, a, u.start)
                  and not (repayment and _REPAYMENT_PRICE.search(text, max(u.start, a.start - 8), a.start))
                  and not (agents and _AGENT_TAKES.search(text, max(u.start, a.start - 8), a.start))]
        reader.read(u, body, assign(text, u, live, u.free, called), live)
    return reader.fees()
