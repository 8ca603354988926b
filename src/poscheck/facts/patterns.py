"""Regular expressions and small parsers for fee amounts, caps, periods and conditions (normalised text).

Everything here works on `Normalized.text` (simplified, half-width, lower-case, Chinese numerals
before a unit already turned into digits, 千分之/万分之/‰ already turned into percent), so the
patterns only need ASCII digits, `%` and `元`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from poscheck.normalize import APPROXIMATE, cn_number
from poscheck.textscan import Anchored, led

_NUM = r"\d+(?:\.\d+)?"
# _NUM taken whole (possessive: no digit is given back), for where nothing that may follow the number starts with a
# digit or a ".": a shorter number could never match there, and `re` no longer tries each one at every digit of a
# sentence (PERCENT and YUAN are searched in every fee sentence: a third faster on a sentence of three rates).
# (Its first digit stands alone, `\d\d*+` for `\d++`: a pattern that starts with a class lets `re` skip to the next
# digit in C instead of trying the pattern at every character.)
_WHOLE_NUM = r"\d\d*+(?:\.\d++)?+"
_RANGE_SEP = r"\s*(?:-|~|–|—|至)\s*"

#: A percent amount, optionally a range: 0.6%, 0.05%-0.1%, 0.05-0.1%.
PERCENT = re.compile(rf"(?P<a>{_WHOLE_NUM})\s*%?(?:{_RANGE_SEP}(?P<b>{_WHOLE_NUM}))?\s*%")
#: A yuan amount, optionally a range or in 万/千: 299元, 36-99元, 10万元, 2块钱, ￥299.
YUAN = re.compile(
    rf"(?:￥|¥)\s*(?P<y>{_WHOLE_NUM})"
    rf"|(?P<a>{_WHOLE_NUM})(?:{_RANGE_SEP}(?P<b>{_WHOLE_NUM}))?\s*(?P<mag>万|千)?\s*(?:元|块钱|块|圆)"
)
#: A rate written without its percent sign, as ad copy and chat do ("信用卡只要0.38", "永久0.55"): a
#: decimal from 0.2 to 1.2 that no unit follows. Only a rate's name before it takes one (units.assign), so
#: clause numbers ("1.1 受理终端…银联二维码") stay numbers.
BARE_RATE = led(re.compile(
    r"(?<![\d.%+\-/第])(?P<a>0\.[2-9]\d{0,2}|1\.[0-2]\d?)"
    # (信用卡 0.38 秒到, 信用卡0.38秒到账: a rate, then the payout it comes with; 0.5秒到账 is a speed)
    r"(?![\d.]|\s*(?:%|元|块|圆|万|千|百|倍|个|笔|天|日|号|小时|分|米|折|年|月|次|台|张|寸|版|代|条|款|项|节|章|[a-z])"
    r"|秒(?<!\.\d\d秒)|\s+秒(?!到))"
))
#: A yuan amount written without "元" right after a fee's name, as ad copy does ("只收押金99", "流量费:69"),
#: or after the period that follows it ("流量费每季度45"): a whole number that no unit, digit or dash follows.
#: Only read right after a name that takes yuan.
BARE_YUAN_AFTER = re.compile(
    # 流量费每季度45 (每个季度29), 开个会员，一年290,
    # 还有个通讯的费用。一年也就99 (units._sentences reads the two together), 有个“服务年费”九十九
    # (…流量卡，第一年送你用，第二年起一年九十九: the first year's gift before the price)
    # (流量费头一年免费的，第二年开始每个季度扣29)
    # (流量费第一年不收，从第二年开始每个季度扣45)
    r"[”」』\"]?(?:\s*[,。]?\s*(?:第[1一]年|首年|头[1一]年)(?:免费|送|赠送|不要钱|不收|不扣)[^,。\n]{0,4}[,。]?\s*"
    r"从?(?:第[2二]年|次年)(?:起|开始)?)?"
    # (流量费是每个季度扣一次，一次二十九: the period, how often it is taken, then the sum of each time)
    r"\s*(?:[,。]?\s*(?:是\s*)?(?:每个?季度?|[1一]个季度|每个?月|每年|[1一]年|每半年|每(?:4|四)个?月)"
    r"(?:\s*(?:扣|收)(?:1次|1回)[,。]?\s*(?:1次|每次)|\s*(?:扣|收|交))?|[,。|])?"
    # 冻结一笔99的服务费, 冻结个199; a speaker's filler before it (押金呢是二百九十九, 押金的话是299)
    r"\s*(?:呢|啊|呀|嘛|的话)?\s*(?:只收|仅收|只要|仅需|只需|也就|也才|就|才|为|是|:)?\s*(?:1笔|个|1次性|一次性)?"
    r"(?P<a>[1-9]\d{1,3})"
    r"(?![\d.\-/]|\s*(?:%|元|块|圆|万|千|百|倍|个|笔|秒|天|日|号|小时|分|米|折|年|月|周|次|台|张|人|家|期|位|[a-z]))"
)
#: …or the sum of each time it is taken, after how often (流量费一年扣了三次，3月、7月、11月，每次69).
BARE_EACH_AFTER = re.compile(
    r"[^。\n]{0,30}?,\s*每(?:次|回)(?:都)?(?:扣|收)?了?\s*(?P<a>[1-9]\d{1,3})"
    r"(?![\d.\-/]|\s*(?:%|元|块|圆|万|千|百|倍|个|笔|秒|天|日|号|小时|分|米|折|年|月|周|次|台|张|人|家|期|位|[a-z]))"
)
#: …or a bare sum taken by the period, anywhere in the unit (流量费是机器里卡的费用…我们这个一个季度扣三十).
PERIOD_TAKEN = re.compile(
    r"(?:每|1|一)个?(?:季度|月|年|半年)(?:就|都|要|会|只)?(?:扣|收|交)了?\s*(?P<a>[1-9]\d{1,3})"
    r"(?![\d.\-/]|\s*(?:%|元|块|圆|万|千|百|倍|个|笔|秒|天|日|号|小时|分|米|折|年|月|周|次|台|张|人|家|期|位|[a-z]))"
)


def period_taken(text: str, start: int, end: int) -> Amount | None:
    """A bare sum taken by the period in text[start:end] (PERIOD_TAKEN), in yuan."""
    m = PERIOD_TAKEN.search(text, start, end) if "扣" in text[start:end] or "收" in text[start:end] else None
    return Amount(m.start("a"), m.end("a"), float(m.group("a")), "元") if m else None


#: Words that tell money was taken: 扣了, 多扣了, 到账少了, 收了, 冻结 (a deposit held from the first swipe) …
_TAKEN = r"(?:扣[了掉除走]?|扣除了|少了|少给了|少到了|收了|交了?|缴了?|付了|冻结了?)"
#: A charge told as taken already (已于今日从结算资金中扣除, 扣了, 被扣), not as a price.
TAKEN_DONE = re.compile(
    r"已(?:于[^,。;\n]{0,8}?)?(?:从[^,。;\n]{0,10}?)?(?:扣除|扣收|扣款|扣取|划扣|扣)|扣了|扣掉了|被扣")
#: The sum taken, told without a fee name: 多扣了199元, 扣了六十九块, 到账少了二百九十九 (not 扣了2次: a number
#: without 元 ends its clause).
DEDUCTED = led(re.compile(
    rf"{_TAKEN}(?:我|你)?\s*(?:(?P<d>\d+(?:\.\d+)?)|(?P<c>[一二三四五六七八九十百千两]+))(?=\s*(?:[元块。,;!?]|$))"
    r"|(?<![\d.])(?P<p>[1-9]\d{1,3})\s*(?:元|块)?\s*被(?:扣|收|冻结)(?:了|掉|走)"  # …到账只有1块，299被扣了
    r"|(?<![\d.])(?P<q>[1-9]\d{0,3}(?:\.\d{1,2})?)\s*(?:元|块)(?:钱)?的扣(?:款|费)"  # 都有一笔15块的扣款
))
#: A whole number taken right before a yuan fee's name, without 元: 扣了299押金, 收了99流量费.
# 收99的「服务费」, 扣一个199的服务费 (a measure word between: 一个, 个, 一笔)
DEDUCTED_BEFORE = led(re.compile(  # (…and a plan bought at its price: 开个399一年的尊享会员)
    rf"(?:{_TAKEN}|收|要|开个|开通|办个)\s*(?:一个|个|一笔)?\s*(?P<a>[1-9]\d{{1,3}})\s*(?:(?:元|块)?(?:1年|一年|每年|1个月|一个月|每月))?"
    r"\s*的?\s*[「“\"『]?$"))
#: …or what a sum taken was called, right before the name: 到账只有201，说299是押金.
CALLED_BEFORE = led(re.compile(  # …and with the name quoted and qualified: 说199是“新机激活押金”, 说那399是“新机押金”;
    # a sum taken, then named: 扣一个99，这个是第一年的流量 (扣了一次99，说是一年的流量费); one sum of a short payout
    # named: 他说里面299是押金, 说扣了299是押金
    # …and the sum of the activation, pointed at (激活那299是服务费)
    # (说扣的199是“激活押金”)
    r"(?:说\s*(?:扣了?的?|收了?的?)?(?:里面|其中)?(?:那|这)?(?:个|笔)?|扣了?(?:[一1](?:个|次|笔)|个)"
    r"|(?:激活|开机|首刷)(?:时|的时候)?(?:扣|收)?的?(?:那|这)(?:个|笔)?"
    r"|(?:这|那)(?:个|笔))"  # (刷一笔199这个199是激活的)
    r"\s*(?P<a>[1-9]\d{1,3})\s*"
    r"(?:元|块)?\s*"
    r"(?:,\s*(?:这个|这|那个|那|说)\s*)?"
    r"(?:是|就是|算)\s*[“\"「『]?[\u4e00-\u9fff\d]{0,3}$"))  # (1年的: normalised 一年的)
#: …or a sum taken, then the name a bill or a message gave it: 每一笔还多扣2块，明细备注“秒到服务费”; 结算款里都少29.9，
#: APP账单里叫“账户安全险”.
NOTED_BEFORE = led(re.compile(
    rf"(?:{_TAKEN}|少)\s*(?:一笔|一次)?\s*(?P<a>[1-9]\d{{0,3}}(?:\.\d{{1,2}})?)\s*(?:元|块)?(?:钱)?[^。;\n\d]{{0,14}}?"
    r"(?:备注|写着|写的是|显示为?|叫|名目是?|项目是?|标注|注明)\s*:?\s*[“\"「『]$"))
#: A rate plus a fixed per-transaction surcharge: 0.6%+3, 2.65%+3元/笔.
RATE_PLUS = re.compile(rf"(?P<r>{_NUM})\s*%\s*\+\s*(?P<f>{_NUM})\s*(?:元|块)?(?:/笔)?")
#: A per-transaction cap for a rate: 单笔封顶20元, 每笔最高20元, 封顶25元.
CAP = led(re.compile(rf"(?:单笔|每笔)?(?:手续费)?(?:封顶|最高|上限)(?:为|是)?\s*(?P<cap>{_NUM})\s*元"))
NO_CAP = re.compile(r"不封顶|不设封顶|无封顶")
#: A card-repayment service (代还, 智能还款, 养卡): its prices are no fees of the terminal's.
REPAYMENT = re.compile(r"代还|还款|还信用卡|养卡")
#: The names of a fine, and a fine's own sum (违约金600元, 罚款200元): no fee named beside it takes it (…违约金600元
#: 及剩余月份租金的50%).
FINE = re.compile(r"违约金|罚金|罚款|滞纳金|赔偿金")
PENALTY_SUM = re.compile(rf"(?:{FINE.pattern})(?:为|是)?\s*(?:人民币)?\s*{_NUM}\s*元")
#: A sum set as a share of the merchant's takings (结算金额的5%, 最高5万元): a reserve held from settlement, not a
#: deposit paid up front; the yuan amount after it is its ceiling.
SHARE_OF_TAKINGS = re.compile(r"(?:结算|交易|营业|流水|收款)(?:金额|额|款|资金)?的\s*\d+(?:\.\d+)?\s*%")
#: Amounts that describe a threshold or an example, not a fee (1000元以下, 刷满10万元, 一笔1000元的 …);
#: 残值150元赔偿 is compensation.
THRESHOLD_AFTER = re.compile(r"\s*(?:及以下|以下|以上|以内|及以上|起|的(?:信用卡|储蓄卡|借记卡|贷记卡|交易)"
                             r"|赔偿|作为赔偿|的?(?:保障|赔付|理赔|保额|赔偿额度))")  # (最高可获5万元保障: a cover)
THRESHOLD_BEFORE = led(re.compile(
    r"(?:(?<![扣收交缴付结])(?:一笔|1笔)|满|刷满|刷够|达到|超过|最低|单日|每日|限额|每刷|刷了|每万元|每万|省|多扣|少扣|返还|退还|退回"
    r"|返|赔偿|成本价|加起来快?|合计(?<!费合计)|总共(?<!费总共)|一共(?<!费一共)|共计(?<!费共计)|累计|快|约|近|不低于|不少于|至少|不足|低于|少于|未达|未满|不满"
    r"|(?:到账|到手|入账|卡里|到卡)(?:只有|才|仅|只|了)"  # what arrived (到账只有695) is no charge
    r"|(?:提现|取现|转出|交易|收款)(?:金额)?(?:最高|最多|上限|限额|不超过)(?:为|是)?"  # 单笔提现最高5万元: a limit
    # the sum a fee is changed from (由原来的每年48元，调整为每季度36元): what it was, not what it is
    r"|(?:由|从)(?:原来|原先|之前|以前)的?(?:每年|每月|每个月|每季度?)?)\s*(?:人民币)?\s*$"
))

#: A volume target for getting money back: 60天内累计刷卡满10万元全额返还, 90天刷满12万退还 (within one table
#: cell: 前3个月0.38% | 199元(刷满10万退) holds no target of 3 months).
REFUND = re.compile(  # (not a date: 11月15日以后新激活的…90天内…刷满6万…返还; 去年6月办的)
    rf"(?<![\d.月年])(?P<n>{_NUM})\s*(?P<u>天|日|个月|月|年)(?!\d)内?[^。\n|]{{0,30}}?"
    rf"(?:刷满|刷够|刷卡满|交易满|交易额满|金额满|累计满|满|达到|超过)\s*(?P<v>{_NUM})\s*(?P<vm>万|千)?\s*元?"
    r"[^。\n|]{0,30}?(?:返还|退还|返现|返|退|奖励)"
)
#: A monthly volume condition: 连续3个月每月交易额满2万元.
REFUND_MONTHLY = re.compile(
    rf"连续\s*(?P<n>\d+)\s*个?月每月[^。\n]{{0,12}}?(?:满|大于|超过|不低于)\s*(?P<v>{_NUM})\s*(?P<vm>万|千)?\s*元?"
)
#: A rental deposit that comes back with the device, not with volume.
DEVICE_RETURN = re.compile(
    # (把音箱还到服务部，外观和功能正常的，当场全额退99元)
    r"(?:机具|设备|终端|机器)?[^。,;]{0,6}(?:完好)?(?:归还|交还|交回|寄回|送回|收回|还到|还给|退回机具|退还机具|退机)"
    r"[^。]{0,48}?(?:无息)?(?:全额)?(?:原路)?(?:退还|退回|退到|退至|返还|退(?=\s*\d)|(?<=全额)退)"  # (…当场全额退。)
    r"|(?:无息|全额){1,2}(?:原路)?(?:退还|退回|退到|退至|返还|退(?=\s*\d))")
#: A deposit being given back, not taken (总部现统一退还…收取的押金。您的押金299元已审核通过): a refund notice, real or
#: a phishing page's, states no fee.
REFUNDED = re.compile(r"(?:统一退还[^。]{0,30}?押金|(?:退还|退回|返还)金额[^。,;]{0,12}?押金|办理押金[^。,;]{0,8}?退还"
                      r"|押金[^。,;]{0,10}?已(?:审核通过|通过审核|退还|退回|原路退回|全额退)"
                      r"|押金[^。,;]{0,6}?符合[^。,;]{0,8}?(?:退还|退款|返还|退回)条件"
                      # 可申请退还办理时缴纳的押金
                      r"|(?:退还|退回|返还)[^。,;]{0,10}?(?:缴纳|交纳|支付|交)的押金)(?![?吗])")
#: A charge made only when a volume is missed (激活后180天内累计交易不足2万元的，收取机具占用费150元): a penalty
#: (terms.penalty), not money taken up front, whatever it is called.
SHORTFALL = re.compile(r"(?:不足|未达到?|未满|达不到|没达到|低于|少于)[^。;]{0,24}?的\s*,?\s*"
                       # (乙方有权从待结算资金中扣除200元/月的终端占用费: the provider takes it from settlement)
                       r"(?:(?:甲方|乙方|我司|本公司|公司|平台)?(?:有权|可)?(?:当月|次月|每月|当期)?(?:从[^。;,]{0,10}?中)?"
                       r"|将|需|应|则)?"
                       r"(?:收取|扣除|扣收|扣取|扣|加收|另收|缴纳|支付)\s*$")
#: A refund that waits for a term of use (合作满2年且终端完好的，无息退还): leaving earlier forfeits the money.
TERM_LOCK = re.compile(r"(?:合作|使用|签约|入网)(?:期)?满\s*\d+\s*(?:年|个月)")
NO_REFUND = re.compile(r"不予退还|不予返还|不退还|不返还|概不退|不退|不予退回")
NO_REFUND_EVER = re.compile(r"(?:无论|不论|一律|概不|均不予|一经扣除)")

#: Promotional period before a rate: 首月, 前3个月, 新户前3个月, 头2个月.
PROMO = re.compile(
    r"首月|首(?P<a>\d+)个(?:自然)?月|前(?P<b>\d+)个(?:自然)?月|头(?P<c>\d+)个(?:自然)?月|(?P<d>\d+)个(?:自然)?月内"
    r"|(?<![提之期效日])前(?P<days>\d+)天")  # 新装机前90天 (not 提前30天: a notice)
#: The rate that follows a promotion: 第4个月起0.63%, 之后0.63%, 恢复标准费率0.63%.
LATER = re.compile(
    r"(?:之后|此后|以后|过后|后|第(?:\d+|[一二三四五六七八九十]+)个(?:自然)?月(?:起|开始)|次月起|起|恢复|调整为|上调至|涨至|变为)"
    rf"[^0-9%。\n]{{0,10}}?(?P<r>{_NUM})(?P<pct>\s*%)?"
)


def later_rate(text: str, pos: int, end: int) -> re.Match[str] | None:
    """The first LATER match in text[pos:end] with a percent sign, or with a bare rate (三个月后恢复0.63, as chats
    write it: BARE_RATE)."""
    for m in LATER.finditer(text, pos, end):
        if m.group("pct"):
            return m
        bare = BARE_RATE.match(text, m.start("r"))
        if bare and bare.end() == m.end("r"):
            return m
    return None
#: A stated change between two rates: 由0.63%降至0.52%, 从0.38%涨到0.68%.
FROM_TO = re.compile(
    rf"(?:由|从)(?:原来的?|之前的?|以前的?|现在的?|目前的?)?\s*(?P<a>{_NUM})\s*%?\s*(?:\([^()%]{{0,12}}\))?\s*"
    r"(?P<verb>上调|调整|涨|提高|增加|增|变|升|降低|降|下调|减少|减|调|改)"  # 由0.50%(封顶20元)调整为…
    rf"[^0-9%。\n]{{0,4}}?(?P<b>{_NUM}(?=\s*%)|(?:0\.[2-9]\d{{0,2}}|1\.[0-2]\d?)(?![\d.]))\s*%?"  # 0.6降到0.38
)
#: A rate that something changed to, the earlier rate not in the same phrase: 费率变成了0.68%.
CHANGED_TO = led(re.compile(
    r"(?:变成了?|变为|变回了?|变(?=\s*\d)|涨到了?|涨至|涨成|上调至|上调到|上调为|提高到|提高至|调整为|调整到|调整至|调为|调到|恢复至|恢复到|恢复为"
    # what a merchant worked out was really taken (等于被扣了0.85%)
    r"|(?:实际上?|等于|相当于)被?扣(?:了|的是)?|实扣"
    # 信用卡从4月2日起每笔都是按0.78%扣的: what every deduction was, told after the fact (not 刷卡都按0.6%收取)
    r"|(?:都是|都|全是|全都|一直是?)按(?=\s*\d+(?:\.\d+)?\s*%\s*(?:扣|收)[的了]))"
    rf"\s*(?P<r>{_NUM}(?=\s*%)|0\.[2-9]\d{{0,2}}(?![\d.%元块万]))\s*%?"  # 变成0.63了: a rate without its %
))
CHANGED_TO_GATE = re.compile("变|涨|调|提高|恢复|扣")  # every CHANGED_TO match holds one of these
DECREASE_VERBS = ("降", "下调", "减")
#: At least 30 days (or a month) ahead, however it is said: 提前30日, 提前不少于四十五天, 提前一个月,
#: 发布之日至生效日超过30日.
_DAYS_30 = r"(?:(?:[3-9]\d|[1-9]\d{2}|三十|四十五|六十|九十)\s*(?:个)?(?:自然)?[日天]|(?:一|1|两|2|三|3)\s*个月)"
#: A fee change announced the compliant way: 30 days ahead, with a free way out (not bait).
NOTICE = led(re.compile(rf"提前\s*(?:不少于|至少|不低于)?\s*{_DAYS_30}"
                    rf"|(?:生效|实施)[^。\n]{{0,8}}?(?:超过|不少于|至少|满)\s*{_DAYS_30}"
                    rf"|距[^。\n]{{0,10}}?(?:超过|不少于|至少|满)\s*{_DAYS_30}"  # 即距本公告发布之日不少于45日
                    r"|(?:30|三十)\s*[日天]后(?:方可|才)?生效|免费解约|无责解约|无偿退出"
                    r"|不(?:同意|接受)(?:的|本次调整|调整|变更)?[^。]{0,48}?(?:解约|终止|退出|解除|注销|退机)"))

#: A change told as already announced (已于11月14日公告、11月15日短信通知)…
_ANNOUNCED = re.compile(r"已(?:于[^。;,\n]{0,16}?)?(?:公告|通知|告知|公示)")


def announced_under_terms(text: str, start: int, end: int) -> re.Match[str] | None:
    """…in a document whose own change terms are the compliant ones (4.1 …应至少提前30日…公告…；甲方不同意的，可…终止):
    those terms (NOTICE anywhere in `text`) when text[start:end] tells the change announced."""
    return NOTICE.search(text) if _ANNOUNCED.search(text, start, end) else None


#: Promises that a rate will never change (the classic teaser's companion).
PERMANENT = re.compile(r"永久不变|永久|永不涨价|永不调价|永不|终身|终生|不会再调|不再调|不涨价|一直不变"
                       r"|永远|不会再涨|不再涨")
#: Words that make a fee optional for the merchant, or on by default. Every alternative starts with a literal, so
#: `re` skips to candidate characters (one that starts with a group made the scan five times slower).
OPTIONAL = re.compile(
    r"可选(?<!不可选)(?<!无可选)|选开|选择开通|选择是否开通|自行开通|自主选择|自愿|可在申请表中勾选|默认关闭|默认不开通|不开通不收取|未开通不收取"
    r"|未申请开通|可随时关闭|随时关闭|可随时改回|申请开通|自行申请|自己开通|自主开通|主动开通|随时(?:可以|能)?关"
    r"|不(?:开(?:通)?|点|选|申请|勾选)(?:就|的话)?不(?:收|扣)"  # 每笔另收0.05%，不点就不收
    r"|选配|选装|商户自选|停用后不(?:扣|收)|手动(?:发起|申请|开)|主动发起|要自己[^。,;]{0,8}开|申请后(?:方可)?开通|随时取消"
    # (自己点“即时结算”, 你自己点了才开: a button the merchant presses)
    r"|自己[^。,;]{0,8}?(?:点开|开通|开启|打开|去开|申请|开(?=d\+?0|t\+?0|秒到)|点(?=[“\"「『]|了才))"
    r"|勾选(?<!已勾选)(?:确认|同意)|自助开通|随时(?:可以)?退(?:租|订)"
    # (您已在…APP中开通快速结算…可随时在“结算设置”中关闭; APP里自己开，不开就是T+1)
    r"|随时在[^。,;]{0,12}?(?:关闭|取消)|您已在[^。,;]{0,12}?app中?开通|不开(?:通)?(?:就|的话)?(?:是|走)?t\+?1"
    # (APP里有秒到开关; 默认不开，需要的话您自己在APP里开，每笔加0.05%，随时可关)
    r"|(?:有个?|的)[^。,;]{0,6}?开关(?![机门])|默认不(?:开|开通|开启)|随时可关"
)
DEFAULT_ON = re.compile(
    r"默认开通|默认[^。,;]{0,3}?开着|统一开通|系统默认|默认勾选|强制|必须开通|统一收取|所有机具|所有终端|全部开通|自动(?:从[^。,;]{0,12})?扣"
    r"|无需[^。,;]{0,6}确认|自动续费|唯一(?:的)?(?:要求|条件)"  # 免费送…唯一要求：激活时开通VIP会员199元
    r"|必须(?:要)?(?:交|缴纳?|开|收)的|不开(?:通)?(?:的话)?机器(?:就)?用不了"  # 这个是必须交的
    r"|不(?:可|能|得|允许)(?:选择|自行)?(?:关闭|取消|退订)|无法(?:关闭|取消|退订)"  # 不可选择关闭: no way out of it
)
#: A form's tick boxes: an option left unticked is not chosen; a ticked one is.
UNTICKED_BOX = "□☐"
TICKED_BOX = "☑■√✓✔☒"
UNTICKED = re.compile(f"[{UNTICKED_BOX}]")
TICKED = re.compile(f"[{TICKED_BOX}]")
#: A terminal locked to the provider's data card (商户不能自行换卡, 仅支持乙方提供的物联网卡): its data fee is no
#: option.
LOCKED_CARD = re.compile(
    r"不(?:能|得|可|允许)(?:自行)?(?:换卡|更换[^。,;]{0,6}卡|改用|使用其他)"
    r"|(?:仅|只)(?:支持|能(?:使用|用))[^。,;]{0,10}(?:提供的|自带的?(?:流量卡|物联网卡|sim卡)|内置的?(?:流量卡|物联网卡|sim卡))"
    r"|不带wi-?fi|不支持wi-?fi"  # 这款电签机不带WiFi模块，只能用自带的流量卡
    r"|(?:流量卡|物联网卡|sim卡)[^。,;]{0,3}?不(?:可|能|得)(?:拆换|拆卸|拔出|取出|更换)"  # 内置4G流量卡（不可拆换）
    # 流量服务费69元/年，随机具绑定，不支持自带SIM卡或WiFi; 物联网卡与机具绑定，甲方不得自行更换或改用其他网络
    r"|随(?:机具|终端|设备)绑定|(?:流量卡|物联网卡|sim卡)[^。,;]{0,3}?(?:与|和)(?:机具|终端|设备)绑定"
    r"|不支持(?:自带|自备|其他)[^。,;]{0,8}?(?:sim卡|流量卡|wi-?fi)|不(?:能|得|可)(?:自行)?更换或改用"
    r"|(?:流量卡|物联网卡|sim卡|流量费|流量服务费)[^。,;]{0,6}?(?:为|是|属于)[^。,;]{0,8}?必(?:需|须|要)的?(?:费用|收费)"
)  # (注2：流量服务费为终端通讯必需费用)
#: …searched over a whole page only where one of its branches starts: each starts with one of these words (a page
#: holds 支持 and 能用 often, 不能 or 只能 seldom).
LOCKED_CARD_ON_PAGE = Anchored(
    LOCKED_CARD, ("不能", "不得", "不可", "不允许", "仅支持", "只支持", "仅能", "只能", "不带wi", "不支持wi", "流量卡",
                  "物联网卡", "sim卡", "随机具", "随终端", "随设备", "不支持自", "不支持其", "流量费", "流量服务费"), 0)
#: Hedged, generic wording: an explanation of the market, not an offer.
HEDGED = re.compile(r"一般|通常|左右|大约|大概|可能|不等|某些|有的|有些|多数|大多|几百|几十|几元|市面上|业内")
#: Small-ticket / non-profit tiers where a low rate is legitimate.
SMALL_TICKET = re.compile(r"(?:1000元|千元)\s*(?:\(含\))?\s*(?:及)?以(?:下|内)"
                          r"|小额|非营利|公益|慈善|医院|医疗机构|学校|教育机构")

_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("per_transaction", re.compile(r"每笔|单笔|/笔|每1笔|每一笔|笔笔")),
    ("quarter", re.compile(r"每季度?|/季度?|季度|每3个?月")),
    ("half_year", re.compile(r"每半年|半年|每6个?月")),
    ("four_months", re.compile(r"每(?:4|四)个?月|每隔?三四个?月")),  # 每隔三四个月就被扣一次: about three times a year
    ("month", re.compile(r"每月|/月|每1?个月|按月|月租|月费|月服务费")),
    # (一年 stays after a figure: 99一年)
    ("year", re.compile(r"每(?:满)?1?年|/年|按年|年费|年服务费|[1一]年|年度|次年")),
)
_UNIT_OF_PERIOD = {"per_transaction": "元/笔", "month": "元/月", "quarter": "元/季度", "four_months": "元/4个月",
                   "half_year": "元/半年", "year": "元/年", "once": "元"}
#: How many times a year a period recurs (for annualising).
PER_YEAR = {"month": 12.0, "quarter": 4.0, "four_months": 3.0, "half_year": 2.0, "year": 1.0}
#: Periods that recur more than once a year (a data fee taken every three or four months is the complaint).
FREQUENT = frozenset(p for p, n in PER_YEAR.items() if n > 1)
#: A fee's unit for each period, and back (元/季 is also written).
PERIOD_OF_UNIT = {**{u: p for p, u in _UNIT_OF_PERIOD.items() if p != "once"},
                  "元/季": "quarter", "元/次": "per_transaction"}


@dataclass(slots=True)
class Amount:
    """One amount found in normalised text (not frozen: built for every amount of every fee sentence)."""

    start: int
    end: int
    value: float
    unit: str  # "%" or "元"
    max_value: float | None = None
    bare: bool = False  # written without its unit (BARE_RATE, BARE_YUAN_AFTER): only the name before it takes it


_MAGNITUDE = {"万": 10000.0, "千": 1000.0}


def percents(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    out = []
    for m in PERCENT.finditer(text, start, len(text) if end is None else end):
        b = m.group("b")
        out.append(Amount(m.start(), m.end(), float(m.group("a")), "%", float(b) if b else None))
    return out


def yuans(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    out = []
    for m in YUAN.finditer(text, start, len(text) if end is None else end):
        if m.group("y"):
            out.append(Amount(m.start(), m.end(), float(m.group("y")), "元"))
            continue
        mult = _MAGNITUDE.get(m.group("mag") or "", 1.0)
        b = m.group("b")
        out.append(Amount(m.start(), m.end(), float(m.group("a")) * mult, "元", float(b) * mult if b else None))
    return out


def bare_rates(text: str, start: int, end: int) -> list[Amount]:
    """Rates without a percent sign in `text[start:end]`, as percent amounts marked `bare`: only a rate's
    name may take one (units.assign)."""
    return [Amount(m.start(), m.end(), float(m.group("a")), "%", None, True)
            for m in BARE_RATE.finditer(text, start, end)]


#: A debit line of a statement or an app's transaction detail: the fee's name, maybe a note in brackets, then the
#: sum taken with a minus sign (秒到服务费　-3.00, 资金安全保障险（默认开通） -5.00, 资金安全保障 默认开通 -10.00).
DEBIT_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{0,12}\)|(?:默认|已|自动)开通)?"
                         r"[ \t]*[-−][ \t]*(?:¥|￥)?(?P<a>\d+(?:\.\d{1,2})?)(?![\d.%])")


def debit_after(text: str, end: int, hi: int) -> Amount | None:
    """The sum a statement's debit line takes right after a fee name ending at `end` (DEBIT_AFTER), in yuan."""
    m = DEBIT_AFTER.match(text, end, hi)
    return Amount(m.start("a"), m.end("a"), float(m.group("a")), "元") if m else None


def bare_yuan_after(text: str, end: int, hi: int) -> Amount | None:
    """A yuan amount without "元" right after a fee name ending at `end` (BARE_YUAN_AFTER), marked `bare`."""
    m = BARE_YUAN_AFTER.match(text, end, hi) or BARE_EACH_AFTER.match(text, end, hi)
    return Amount(m.start("a"), m.end(), float(m.group("a")), "元", None, True) if m else None


def deducted(text: str, lo: int, hi: int) -> Amount | None:
    """The first sum text[lo:hi] tells was taken (DEDUCTED), as a yuan amount."""
    found = deductions(text, lo, hi)
    return found[0] if found else None


CALLED_BACK = 14  # characters before a fee name read for the sum a deduction named


_QUOTES = frozenset("“\"「『")  # the last character of every NOTED_BEFORE match


def deducted_before(text: str, start: int, lo: int) -> Amount | None:
    """The sum a deduction names right before a fee name starting at `start` (DEDUCTED_BEFORE, or CALLED_BEFORE:
    说299是押金), in yuan: the verb and the name pin it, so it is not `bare`."""
    lo = max(lo, start - CALLED_BACK)
    m = DEDUCTED_BEFORE.search(text, lo, start) or CALLED_BEFORE.search(text, lo, start) or (
        NOTED_BEFORE.search(text, lo, start) if text[start - 1:start] in _QUOTES else None)
    return Amount(m.start("a"), m.end("a"), float(m.group("a")), "元") if m else None


_MAY_HOLD_AMOUNT = re.compile("[%￥¥元块圆]")  # every PERCENT and YUAN match holds one of these
_YUAN_SIGN = re.compile("[￥¥元块圆]")  # every YUAN match holds one of these


def may_hold_amount(text: str) -> bool:
    """False when `text` certainly holds no amount (a cheap test before `amounts`)."""
    return _MAY_HOLD_AMOUNT.search(text) is not None


def amounts(text: str, start: int, end: int) -> list[Amount]:
    """Percent and yuan amounts in `text[start:end]`, in reading order (a sum restated in figures in brackets after
    its words, 伍拾捌元（¥58.00）, once)."""
    pct = percents(text, start, end) if text.find("%", start, end) >= 0 else []
    yuan = yuans(text, start, end) if _YUAN_SIGN.search(text, start, end) else []
    found = sorted(pct + yuan, key=_start) if pct and yuan else pct or yuan
    if len(found) > 1 and "(" in text[start:end]:
        found = [a for i, a in enumerate(found) if not (i and _restated(text, found[i - 1], a))]
    return found


def _restated(text: str, before: Amount, a: Amount) -> bool:
    return a.value == before.value and a.unit == before.unit and text[before.end:a.start].strip() == "("


def _start(a: Amount) -> int:
    return a.start


# The fee an amount is, named right after it: "刷1笔199元的押金" is a price, though "刷1笔5000元" is an example.
# (…刷一笔298元的“系统服务费”)
_FEE_NAMED_AFTER = re.compile(r"\s*的?\s*[“\"「『]?[\u4e00-\u9fff]{0,4}?(?:押金|服务费|激活费|手续费|费用)")


# A percent told as a change, not as a rate: 费率立降0.1%, 上调0.05% (but 降到0.5%, 下调至0.55% state the rate).
# (…and 比大牌还低0.05个点)
# (…and the change pointed at: 降的那0.1个点才200块)
_CHANGE_BY = re.compile(
    r"(?:降|降低|下降|下调|减|减少|优惠|便宜|省|涨|上涨|上调|提高|增加|(?:还|更)[低高])(?:了|的那|的这|的)?\s*$")


_CHANGE_LAST = frozenset("降低调减少惠宜省涨高加了的那这 \t\n")  # the last character of every _CHANGE_BY match


def is_change_by(text: str, amount: Amount, floor: int) -> bool:
    """True when a percent amount is the size of a change (立降0.1%) rather than a rate."""
    return (amount.unit == "%" and amount.start > floor and text[amount.start - 1] in _CHANGE_LAST
            and _CHANGE_BY.search(text, max(floor, amount.start - 6), amount.start) is not None)


THRESHOLD_BACK = 7  # characters before a yuan amount read for THRESHOLD_BEFORE (低于人民币20000元)


#: A sum said not to be charged (秒到不加价，不收3元; 不加3块; 免收99元): no price.
NOT_CHARGED_BEFORE = re.compile(r"(?:不|没|免|无需|无须|不用|不会)(?:再|额外|另外|另)?"
                                r"(?:收取|收|加收|加|扣除|扣|多收|多扣)(?:任何|您)?\s*(?:人民币)?\s*$"
                                # …or given to the merchant (可领取升级补贴99元)
                                r"|(?:领取?|获得|发放|送)[^。,;\d]{0,4}?(?:补贴|红包|奖励|奖金)\s*$")
NOT_CHARGED_BACK = 8


def not_charged(text: str, amount: Amount, floor: int) -> bool:
    """True when the sum is said not to be taken (NOT_CHARGED_BEFORE, after `floor`)."""
    return NOT_CHARGED_BEFORE.search(text, max(floor, amount.start - NOT_CHARGED_BACK), amount.start) is not None


def is_threshold(text: str, amount: Amount, floor: int) -> bool:
    """True when a yuan amount is a threshold, target or example rather than a price."""
    if THRESHOLD_AFTER.match(text, amount.end):
        return True
    head = text[max(floor, amount.start - THRESHOLD_BACK):amount.start]
    cue = THRESHOLD_BEFORE.search(head)
    if cue is None:
        return False
    at = amount.start - len(head) + cue.start()
    # 一笔 before a sum that a name, a fee or a swipe prices: 提现一笔2块 (each withdrawal's price), 先刷1笔399的
    # (the sum swiped before the terminal works), 刷1笔199元的押金 (a swipe that pays the fee; "您有1笔298元的押金"
    # is one on record)
    if cue.group(0).rstrip().endswith("笔") and (
            text.endswith(_PRICED_PER, 0, at)
            or (text.endswith("刷", 0, at) and _FEE_NAMED_AFTER.match(text, amount.end))
            or _A_DEDUCTION.match(text, amount.end)):  # 都有一笔15块的扣款: a sum taken
        return False
    # 每笔多扣3块, 每笔都多扣3块, 每一笔还多扣2块: a surcharge on every transaction, not a difference told once
    return not (cue.group(0).startswith("多扣") and _EACH_BEFORE.search(text, max(0, at - EACH_BACK), at) is not None)


_EACH_BEFORE = re.compile(r"每1?(?:笔|次)(?:都|还|又|都还)?$")
EACH_BACK = 6  # characters before a 多扣 read for _EACH_BEFORE


_A_DEDUCTION = re.compile(r"\s*钱?的扣(?:款|费)")
# words that 一笔 prices after them: 提现一笔2块, 先刷1笔399的
_PRICED_PER = ("提现", "手续费", "服务费", "秒到", "加收", "另收", "先刷", "先做", "先交")
_PERIOD_SUFFIX = re.compile(r"\s*/\s*(?:台\s*/\s*)?(笔|月|季度|季|半年|年)")
_SUFFIX_PERIOD = {"笔": "per_transaction", "月": "month", "季度": "quarter",
                  "季": "quarter", "半年": "half_year", "年": "year"}


#: A count of deductions over a span, as complaints tell how often a fee is really taken: 半年扣两次,
#: 四个月被扣了三次, 三个月扣一次.
COUNTED = re.compile(
    r"(?:(?P<half>半年)|(?P<year>一年|1年)|(?P<quarter>(?:一|1|每)个?季度?)|(?P<m>\d{1,2}|[一二三四五六七八九十两]{1,2})个多?月)"
    r"(?:内|里|就|之内|不到)?,?"  # 用了不到三个月，被扣了两次
    r"(?:被|给)?(?:扣|收)了?我?(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,2})次"
)
COUNTED_AFTER = 200  # characters after a fee's sentence in which its count may be told


def counted_period(m: re.Match[str]) -> str | None:
    """The period a COUNTED match gives (半年扣两次 → quarter: one every three months)."""
    fixed = {"half": 6.0, "year": 12.0, "quarter": 3.0}
    told = m.group("m") or ""
    # (三四个月扣一次: about every three or four months, read by its longer span)
    span = cn_number(told[1]) if len(told) == 2 and APPROXIMATE.match(told) else None
    months = next((v for k, v in fixed.items() if m.group(k)), None) or span or cn_number(told)
    times = cn_number(m.group("n"))
    if not months or not times:
        return None
    per_year = 12 * times / months
    # the most frequent period the count reaches, no more (四个月三次 is 9 a year: quarterly at least)
    return max((p for p, n in PER_YEAR.items() if n <= per_year + 1e-9), key=PER_YEAR.__getitem__, default="year")


# (the fee may be named between: 扣了两次流量费，每次69)
_EACH_TIME = re.compile(
    r"(?:[\u4e00-\u9fff]{1,6}?费)?[,;]?\s*(?:每次|一次)\s*(?:扣|收)?了?\s*(?P<a>[1-9]\d{0,3}(?:\.\d{1,2})?)(?![\d.%])"
)


def each_time(text: str, pos: int, hi: int) -> Amount | None:
    """The sum taken each time, right after a count of deductions (…扣了我两次，每次89), in yuan."""
    m = _EACH_TIME.match(text, pos, hi)
    return Amount(m.start("a"), m.end("a"), float(m.group("a")), "元") if m else None


def deductions(text: str, lo: int, hi: int) -> list[Amount]:
    """Every sum text[lo:hi] tells was taken (DEDUCTED), as yuan amounts."""
    out = []
    for m in DEDUCTED.finditer(text, lo, hi):
        group = next(g for g in ("d", "c", "p", "q") if m.group(g))
        value = cn_number(m.group(group))
        if value is not None:
            out.append(Amount(m.start(group), m.end(group), value, "元"))
    return out


def own_period(text: str, amount: Amount) -> str | None:
    """The billing period an amount's own suffix gives (19元/月 → month), or None."""
    m = _PERIOD_SUFFIX.match(text, amount.end)
    return _SUFFIX_PERIOD[m.group(1)] if m else None


def period_near(text: str, amount: Amount, lo: int, hi: int, label: str, named_at: int = -1) -> str | None:
    """The billing period of a yuan amount: its own suffix (3元/月), else the nearest period word
    before it in `text[lo:amount.start]` (每季度29元), else its name (年费), else words just after it, or just after
    its name when the name follows it at `named_at` (少了69,客服说是流量费,1年1次)."""
    own = own_period(text, amount)
    if own is not None:
        return own
    best: tuple[int, str] | None = None
    for name, pat in _PERIODS:
        for pm in pat.finditer(text, lo, amount.start):
            if best is None or pm.end() > best[0]:
                best = (pm.end(), name)
    if best:
        return best[1]
    for name, pat in _PERIODS:
        if pat.search(label):
            return name
    for name, pat in _PERIODS:
        if pat.search(text, amount.end, min(hi, amount.end + 10)) or (
                named_at > amount.end and pat.search(text, named_at, min(hi, named_at + 10))):
            return name
    # …else a later cell of its table row that says when it is taken (30元 | — | 激活满90天起每季度扣收)
    m = _TAKEN_EVERY.search(text, amount.end, hi)
    if m and "|" in text[amount.end:m.start()] and "元" not in text[amount.end:m.start()]:
        return next((name for name, pat in _PERIODS if pat.search(m.group(1))), None)
    return None


#: How often a charge comes, told on its own: 正好3个月1次, 半年1次, 1年扣1次, 按季度扣的.
PERIOD_TOLD = re.compile(
    r"(?P<n>\d{1,2}|半)\s*个?(?P<u>月|年|季度?)(?:扣|收)?\s*1\s*次|按(?P<per>季度?|月|年)(?:扣|收)")
_TOLD_MONTHS = {1: "month", 3: "quarter", 4: "four_months", 6: "half_year", 12: "year"}


def told_period(m: re.Match[str]) -> str | None:
    """The period a PERIOD_TOLD match names."""
    if m.group("per"):
        return {"月": "month", "年": "year"}.get(m.group("per"), "quarter")
    n, u = m.group("n"), m.group("u")
    if u.startswith("季"):
        return "quarter" if n == "1" else ("half_year" if n == "2" else None)
    months = (6 if n == "半" else int(n)) * (12 if u == "年" else 1)
    if n == "半" and u == "月":
        return None
    return _TOLD_MONTHS.get(months)


_TAKEN_EVERY = re.compile(r"(每(?:季度?|半年|1?个?月|1?年))[^|\n元]{0,4}?(?:扣收|扣除|扣取|扣款|收取|扣)")
_EVERY = re.compile(r"(?:每|按)(?:1?个?月|季度?|半年|1?年)")


def recurs_before(text: str, amount: Amount, lo: int) -> str | None:
    """The period of an explicit recurrence word (每个月, 按年) before a yuan amount in text[lo:amount.start]:
    另外每个月扣9.9元的系统服务费 is no one-off fee."""
    found = list(_EVERY.finditer(text, lo, amount.start))
    if not found:
        return None
    word = found[-1].group(0)
    return next((name for name, pat in _PERIODS if pat.search(word)), None)


def unit_for(period: str | None) -> str:
    return _UNIT_OF_PERIOD.get(period or "once", "元")


@dataclass(frozen=True)
class RefundTarget:
    """A volume the merchant must reach to get money back."""

    volume: float  # yuan
    days: float

    @property
    def per_month(self) -> float:
        return self.volume / max(self.days / 30.0, 1e-9)


def refund_target(text: str) -> RefundTarget | None:
    """The refund condition in normalised `text`: 60天内刷满10万元返还 → RefundTarget(100000, 60)."""
    m = REFUND_MONTHLY.search(text)
    if m:
        months = float(m.group("n"))
        vol = float(m.group("v")) * _MAGNITUDE.get(m.group("vm") or "", 1.0)
        return RefundTarget(vol * months, months * 30)
    m = REFUND.search(text)
    if m:
        days = float(m.group("n")) * {"天": 1, "日": 1, "个月": 30, "月": 30, "年": 365}[m.group("u")]
        vol = float(m.group("v")) * _MAGNITUDE.get(m.group("vm") or "", 1.0)
        if vol < 1000 and not m.group("vm"):  # "满12万" written without 元 but with 万 is fine; 满50 is not a target
            return None
        return RefundTarget(vol, days)
    return None


def promo_months(text: str) -> int | None:
    m = PROMO.search(text)
    if not m:
        return None
    if m.group(0) == "首月":
        return 1
    if m.group("days"):
        return max(1, round(int(m.group("days")) / 30))
    return int(next(g for g in m.groups() if g))
