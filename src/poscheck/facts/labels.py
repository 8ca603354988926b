"""The fee-name lexicon: which written names denote which kind of fee (and, for rates, which channel).

Every entry has literal heads; one Aho-Corasick pass finds all heads in a normalised text, the
entry's anchored pattern then extends a head to the full name (信用卡 → 信用卡刷卡费率), and the
leftmost-longest names win. Names come from research/vocabulary.md (sections 1–10) and the fee
tables of acquirers' agreements; they are generalised, not copied from any page.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from poscheck.textscan import Keywords

_RATE_SUFFIX = r"(?:刷卡|交易|消费|收款|支付)?(?:交易)?(?:手续费率|手续费|费率|扣率)?"
_QR_HEADS = ("微信支付", "微信", "支付宝", "云闪付", "银联二维码", "扫码", "二维码", "条码")
_QR_WORD = "(?:" + "|".join(_QR_HEADS) + ")"
_QR = re.compile(_QR_WORD)
_INSTANT_WORDS = ("秒到", "及时到账", "即时到账", "实时到账", "快速结算", "当日到账", "当天到账",
                  "及时结算", "即时结算", "实时结算", "实时提现", "加急", "极速到账", "急速到账", "快速到账",
                  # (刷完马上到卡，每笔多收两块钱; 即时清分…每笔收取1.5元清分服务费; 到账加速费 每笔2元)
                  "马上到账", "马上到卡", "立刻到账", "立刻到卡", "立即到卡", "即时清分", "实时清分", "到账加速",
                  "加速到账")


def _words(s: str) -> tuple[str, ...]:
    return tuple(s.split())


@dataclass(frozen=True)
class _Entry:
    heads: tuple[str, ...]
    pattern: str  # anchored at a head; matched with re.match
    kind: str
    channel: str | None
    units: str  # amount units the name takes: "%", "元" or "%元"
    generic: bool = False


SERVICE = "service"  # the kind of a bare 服务费, until find_labels knows the document's service
#: Kinds of fee a document can be about as a whole: a supplement for a 资金保障服务, a VIP会员 plan, a 流量卡.
SERVICE_KINDS = frozenset({"insurance", "membership", "data", "instant"})


def _literal(words: str, kind: str, units: str) -> _Entry:
    heads = _words(words)
    return _Entry(heads, "|".join(sorted(map(re.escape, heads), key=len, reverse=True)), kind, None, units)


# Order matters only between names of equal length that start at the same place. Entries of kind
# "none" shadow look-alikes (信用卡分期, 会员充值, 店铺租金): they win by length and yield no fee.
_ENTRIES: tuple[_Entry, ...] = (
    # Names that look like fee names but are not the terminal's fees; they win by being longer.
    _literal("信用卡分期 分期手续费 分期费率 取现手续费 还款手续费 代还手续费 代还服务费"
             " 信用卡年费 信用卡取现 会员卡 会员价 会员充值 会员积分 会员管理 会员营销 会员储值"
             " 物业管理费 物业费 店铺租金 门店租金 房租 手机通讯费 话费 动账短信 账户变动短信"
             " 短信验证码"
             # the first year's share of a fee named before it (联网服务费每年96元，签约时收取首年费用)
             " 首年费用"
             # an agent drawing their commission (代理提现按税点扣6%): no merchant's withdrawal
             " 代理提现 分润提现 佣金提现 收益提现 奖励提现"
             # a bank's charge for the settlement account itself, not the terminal's (vocabulary.md §9)
             " 单位结算账户管理费 结算账户管理费 对公账户管理费 对公账户年费"
             # a charge for a missed volume target, however it is billed (每月扣收49元未达标服务费): terms.penalty's
             " 未达标服务费 未达标费 不达标服务费 不达标费 考核服务费 考核费 未达标扣款 达标考核费", "none", ""),
    # the sum withdrawn, as a notice's field (提现金额：4982.00元) or as the base of a price named elsewhere (当日到账 |
    # 每笔提现金额的0.05%): no price of withdrawing itself (提现手续费按提现金额的0.5%收取 is named by 提现手续费)
    _Entry(("提现金额",), r"提现金额(?=\s*(?::|的))", "none", None, ""),
    # …and the sum as what someone withdrew (我提现12000元, 提现了5000): no price
    _Entry(_words("我提现 已提现 刚提现 提现了"), r"(?:我|已|刚)提现了?(?=\s*\d)|提现了(?=\s*\d)", "none", None, ""),
    # (资金|账户|交易|盗刷)(安全) + 保险/险/保障… (服务)(费): 资金安全保险, 账户安全保障服务费, 盗刷险 …;
    # a bare 保障 names no fee ("保障您的资金安全", "资金安全保障"), 保障费 and 保障服务 do.
    _Entry(_words("资金安全 资金保 资金险 账户安全 账户保 账户险 交易安全 交易保 交易险 盗刷 收款安全 收款保 收款险"
                  " 安全保障费 保障服务费 保障费 保险服务费 保险费 保费"),
           r"(?:资金|账户|交易|盗刷|收款)(?:安全)?(?:保险|险|保障(?:服务|险|费))(?:服务)?费?"
           r"|安全保障费|保障服务费|保障费|保险服务费|保险费|保费", "insurance", None, "%元"),
    # …and a 保障金 taken as a share of each payment (交易保障金，按万分之五扣的); one of a fixed sum is a deposit
    _Entry(_words("资金保障金 账户保障金 交易保障金 安全保障金"), r"(?:资金|账户|交易)?(?:安全)?保障金",
           "insurance", None, "%"),
    # …and as a product named 安心保 / 无忧保 (资金安心保 | 按交易金额的0.05%收取), not 保障, 保管 or 保证金
    _Entry(_words("资金安心 账户安心 交易安心 资金无忧 账户无忧 交易无忧 资金放心 账户放心"),
           r"(?:资金|账户|交易)(?:安心|无忧|放心)保(?![障持证管])(?:服务)?费?", "insurance", None, "%元"),
    # … but a fee table's item is named by its first cell (账户资金安全保障 | 0.05%/笔), a list's item by the words
    # before its colon (3. 账户资金安全保障：默认开通，按交易金额的0.05%/笔收取), a complaint's by its quotes
    # (APP里叫“资金安全保障”), an app bill's debit line by the words before its minus (资金安全保障 默认开通 -10.00)
    _Entry(_words("资金安全 账户安全 账户资金 资金保障 账户保障"),
           r"(?:账户资金|资金|账户)安全保障(?=[ \t]*(?:\([^()|\n]{0,12}\))?[ \t]*[|:]|[”」』]"
           r"|[ \t]+(?:(?:默认|已|自动)开通[ \t]*)?[-−][ \t]*[¥￥]?\d)"
           r"|(?:账户资金|资金|账户)保障(?=[ \t]*\||[”」』])"  # “账户资金保障”，…每笔就多0.1% (not 资金保障：T+1)
           # …and a 保障 that is switched on is a service (默认开通资金保障，按交易金额的万分之五收取)
           r"|(?<=开通)(?:账户资金|资金|账户)(?:安全)?保障|(?<=开通了)(?:账户资金|资金|账户)(?:安全)?保障"
           # …and one priced right after its name (带了一个资金安全保障，收万分之五; not 资金安全有保障)
           r"|(?:账户资金|资金|账户)(?:安全)?保障(?=,?(?:收|每笔|按))",
           "insurance", None, "%元"),
    _Entry(_words("d0 d+0 t0 t+0"),
           r"(?:d\+?0|t\+?0)(?![0-9])(?:秒到|及时到账|即时到账|快速结算|到账)?(?:服务)?"
           r"(?:手续费|服务费|费)?", "instant", None, "%元"),
    _Entry(_INSTANT_WORDS, "(?:" + "|".join(_INSTANT_WORDS) + r")(?:服务)?(?:手续费|服务费|费用|费)?",
           "instant", None, "%元"),
    _literal("秒到费 及时费 加急费 每笔加收 每笔另收 每笔另加 每笔额外收取 每笔另外收取 每笔附加"
             " 到账手续费 到账服务费 到账费 结算手续费 结算费", "instant", "%元"),
    # …and with a softener between (笔笔秒到账，每笔仅加收3元)
    _Entry(("每笔仅", "每笔只"), r"每笔(?:仅|只)(?:加收|另收|另加|额外收取|附加)", "instant", None, "%元"),
    # (提领: Taiwan's word for a withdrawal, 錢包提領 每筆人民幣2元)
    _Entry(("钱包提现", "提现", "钱包提领", "提领"), r"(?:钱包)?(?:提现|提领)(?:手续费|服务费|费)?", "withdrawal", None,
           "%元"),
    _literal("出款费 出款手续费 出款服务费", "withdrawal", "%元"),  # (每转一次收3块钱出款费)
    # a balance moved out to the merchant's card, priced (转出手续费; 转出到银行卡每次收取2元; 每转一次收3块钱; 每次
    # 转出扣的3元) — not 转出 of a sum (单次最低转出50元)
    # (…and an agent's fee for passing the takings on: 每次转账收取转账服务费5元)
    _Entry(_words("转出 每转 每次转出 转账服务费"),
           r"转账服务费|转出(?:到(?:银行卡|储蓄卡|结算卡|卡))?(?:手续费|服务费|费)|转出到(?:银行卡|储蓄卡|结算卡)(?=\s*(?:每次|每笔|收取?))"
           r"|每转(?:出)?(?:一|1)(?:次|笔)|每次转出(?=[^。,;\n\d]{0,4}?(?:扣|收))", "withdrawal", None, "%元"),
    # 提现 split by its count, as people say it: 每提一次现扣2块, 每提一次，平台收取1.5元 (not 每提高)
    _Entry(_words("每提 提一次 提1次 提一笔 提1笔"),
           r"每提(?:(?:一|1)?(?:次|笔)(?:现|款)?|现|款)|提(?:一|1)(?:次|笔)现", "withdrawal", None, "%元"),
    _literal("机具流量费 流量卡费用 流量卡续费 流量卡年费 流量卡费 流量服务费 流量年费 流量费"
             " 物联网卡年费 物联网卡费 物联卡费 sim卡年费 sim卡费 通讯服务费 通讯年费 通讯费"
             " 通信费 信号优化费 流量卡 通讯卡年费 通讯卡费 通讯卡 通信卡年费 通信卡费 通信卡 流量包 流量套餐",
             "data", "元"),
    # …and as a table's or list's item of the terminal's connection (通讯服务 | 首年赠送 | 次年起99元/年)
    _Entry(_words("通讯服务 通信服务"), r"(?:通讯|通信)服务(?=[ \t]*[|:])", "data", None, "元"),
    # …and as a year's data, said of a sum taken (扣一个99，这个是第一年的流量; 首年流量)
    _Entry(_words("第一年 首年 每年 一年"), r"(?:第一年|首年|每年|一年)的?流量(?![卡费包套])", "data", None, "元"),
    # …and as it is renamed: 物联网卡服务费, 通讯的费用, 网络维护费, 联网服务费, 4G套餐 (the terminal's connection)
    _Entry(_words("sim卡 物联网卡 物联卡 流量卡 通讯卡 通信卡 通讯的 通信的 流量的 上网 网络 联网 4g"),
           r"(?:sim|物联网|物联|流量|通讯|通信)卡(?:服务|使用)费|(?:通讯|通信|流量|上网)的费用|上网费|联网(?:服务|使用)?费"
           r"|网络(?:维护|服务|使用)?费|4g(?:流量)?(?:套餐|流量)(?:费)?", "data", None, "元"),
    _literal("激活押金 机具押金 设备押金 服务押金 冻结押金 押金 保证金 激活服务费 开通服务费"
             " 机具服务费 设备服务费 终端服务费 系统服务费 首刷服务费 激活费 开通费 开机费 入网费 机具费 机器费 设备费"
             " 购机款 机具使用费 设备使用费 终端使用费"
             # a swap's price, paid once (换新需缴纳升级服务费128元)
             " 升级服务费 换机服务费 换新服务费 升级费 换机费 换新费"
             " 开户服务费 入驻服务费 入驻费", "deposit", "元"),  # (签约时一次性支付开户服务费人民币2000元)
    # the same money renamed: 激活金, 履约金, 预存款, 机具占用费, 服务保障金 (not 激活金卡会员)
    _Entry(_words("激活金 履约金 履约保证金 预存款 预存金 机具占用费 设备占用费 终端占用费 服务保障金"),
           r"激活金(?![卡牌])|履约(?:保证)?金|预存(?:款|金)|(?:机具|设备|终端)占用费|服务保障金",
           "deposit", None, "元"),
    # a sum to swipe before the terminal works: 先刷一笔399的，那个是激活用的; 先做一笔预存款
    _Entry(_words("先刷一笔 先刷1笔 先做一笔 先做1笔 先交一笔 先交1笔"),
           r"先(?:刷|做|交)(?:一|1)笔(?=\s*\d+(?:\.\d+)?\s*(?:元|块)?(?:的|钱)?[^。\n]{0,16}?(?:激活|开通|开机))",
           "deposit", None, "元"),
    # a sum said to be for the activation, as speech puts it (要刷一笔一百九十九这个一百九十九是激活的)
    _Entry(("激活",), r"(?<=\d是)激活(?=的|用的)", "deposit", None, "元"),
    # chat shorthand in pinyin initials: yj 押金, llf 流量费, sxf 手续费 (not inside a longer ASCII word)
    _Entry(("yj",), r"yj(?![a-z])", "deposit", None, "元"),
    _Entry(("llf",), r"llf(?![a-z])", "data", None, "元"),
    _Entry(("sxf",), r"sxf(?![a-z])", "rate", None, "%", True),
    _Entry(_words("首刷 首笔 首次刷卡 第一笔 头一笔 激活"),
           r"(?:首刷|首笔|首次刷卡|第一笔|头一笔|激活)(?:交易|刷卡|刷)?(?:时|时候|的时候|之时)?,?(?:系统|平台)?(?:会|将|就)?先?"
           r"(?:自动|直接)?(?:(?:扣除|扣取|扣收|扣|收取|冻结)了?|只需|只要|仅需|仅要|押进|押入"
           r"|金额(?:固定|统一)?(?:为|是)"  # 完成一笔首刷，金额固定为299元
           # 激活时需刷298元服务费: the merchant swipes the fee on their own card (not 刷满: volume)
           r"|(?:需|需要|要|须|必须|得)先?刷(?:1笔|一笔)?(?=\s*\d+(?:\.\d+)?\s*元?的?\s*(?:服务费|押金|激活费|费用)"
           r"|\s*\d{2,3}(?:\.\d+)?\s*元(?!以上|及以上|起|的交易))"  # 激活需刷299元 (not 刷一笔200元以上的交易)
           # 0元领机，激活仅刷99元（刷满3万返还）; 首刷99元, 激活刷299元: the sum right after the swipe word
           r"|(?:仅|只|仅需|只需)刷(?=\s*\d+(?:\.\d+)?\s*元)|(?<=刷)(?=\s*\d{2,3}(?:\.\d+)?\s*元(?!以上|及以上|起|的交易))"
           r"|(?<=首刷|首笔)激活(?=\s*\d{2,3}(?:\.\d+)?\s*元))",  # 首刷激活99元: the activation's price
           "deposit", None, "元"),  # 激活只需99元
    _literal("vip会员费 vip服务费 vip费 权益会员费 会员服务费 会员年费 会员月费 会员费 vip年费"
             " vip服务包 vip套餐 vip会员 开通vip 开个vip 办个vip 开vip svip会员 开通svip 开个svip 开svip"
             " 开通会员 开个会员 办个会员 开会员 办会员"
             # a plan named by whom or how long it is for (开个商户会员，199一年; 开个年度会员 199)
             " 开个商户会员 开通商户会员 办个商户会员 开商户会员 年度会员"
             # …and by its tier (开个399一年的尊享会员就能降回去)
             " 尊享会员 至尊会员 黄金会员 白金会员 钻石会员 超级会员"
             " vip费率包 费率包服务费 费率包", "membership", "元"),
    # a plan sold to lower the rate, by its newer names (费率卡, 权益包, 尊享服务: 年费360元)
    _Entry(_words("费率卡 提额包 提额卡 权益包 权益卡 尊享服务 尊享包 尊享卡 特权包 特权卡 优享服务 优享包 优享卡"
                  " 降费包 降费卡 提额会员 权益会员 尊享会员 特权会员 优享会员 降费会员"
                  " 费率优惠包 费率优惠卡 费率折扣包 费率折扣卡"),
           r"(?:费率(?:优惠|折扣)?|提额|降费)卡|费率(?:优惠|折扣)包"
           r"|(?:提额|权益|尊享|特权|优享|降费)(?:包|卡|服务|会员)(?:费)?(?:\s*:\s*(?:年费|月费))?",
           "membership", None, "元"),
    # a plan's tiers by their card names (VIP银卡 | 199元/年 | 0.55%), or by a metal (白金权益，365元/年), and a
    # plan told as a programme (加入“商户成长计划”…一次性支付358元即可开通)
    _Entry(("vip",), r"vip(?:银|金|白金|钻石|黄金|铂金|黑金|尊享|至尊)卡", "membership", None, "元"),
    _Entry(_words("白金 黄金 钻石 铂金 黑金"), r"(?:白金|黄金|钻石|铂金|黑金)(?:权益|用户|会员)", "membership", None,
           "元"),
    _Entry(_words("成长计划 权益计划 会员计划 降费计划 优享计划 尊享计划"),
           r"(?:成长|权益|会员|降费|优享|尊享)计划", "membership", None, "元"),
    # a plan named in quotes or before a colon and priced by the period: “费率优享会员”每月29元, 钻石会员：298元/年
    _Entry(("会员",), r"会员(?=(?:[”」』]|\s*[:,]|\s*[¥￥])\s*(?:每月|每年|一年|一个月|每季度?|月费|年费|\d))",
           "membership", None, "元"),  # (开通黑金会员￥199/年; 开我们的超级会员，一年198元)
    _Entry(_words("服务年费 年服务费 年度服务费 年费 月租 租金 月服务费 月费 终端管理费 机具管理费 管理费"
                  " 信息维护费 系统维护费 维护费 技术服务费 增值服务费 基础服务费 账户管理费"
                  " 账户保留费 短信通知服务费 短信通知费 短信服务费 短信费 休眠费 睡眠费"
                  " 机具租金 终端租金 设备租金 租机费 短信提醒费 到账短信 到账提醒 商户服务费 软件服务费"
                  " 交易短信提醒 交易提醒短信 短信提醒服务 交易短信通知 短信通知服务"
                  " 系统使用费 软件使用费 商户服务包 增值服务包 基础服务包 服务套餐 套餐费 续订费 年审 年检"
                  " 品牌使用费 品牌费"),
           r"(?:服务年费|年(?:度)?服务费|年费(?!率)|月租费?|(?:机具|终端|设备)?租金|租机费|月服务费"
           r"|月费(?!率)|(?:终端|机具)?管理费|(?:信息|系统)?维护费|技术服务费|增值服务费"
           r"|基础服务费|账户管理费|账户保留费|短信通知服务费|短信通知费|短信服务费|短信费"
           # (到账短信 without 费 only priced by the period: not 我的银行卡到账短信：6月19日收到994元)
           r"|休眠费|睡眠费|短信提醒费|(?:到账短信(?:提醒)?|到账提醒)(?:服务)?(?:费|(?=\s*[|:]?\s*\d+(?:\.\d+)?\s*元\s*/\s*(?:月|年)))"
           r"|交易短信(?:提醒|通知)(?:服务)?费?|交易提醒短信(?:服务)?费?|短信(?:提醒|通知)服务费?"
           # (“安心用”服务套餐（198元/年）)
           r"|商户服务费|软件服务费|(?:系统|软件)使用费|服务套餐(?:费用?)?|套餐费用?|续订费用?"
           r"|年[审检](?:服务)?费"  # (每台终端年审服务费80元（每年一次）)
           r"|品牌(?:使用)?费"  # (品牌使用费 45元/季度，按季从结算款中扣收)
           r"|(?<!vip)(?<!会员)(?:商户|增值|基础)服务包(?:费)?)", "recurring", None, "元"),  # not VIP商户服务包
    # …and a service priced by the period under a heading of its own (终端安全守护 | …服务标准：9.9元/台/月)
    _Entry(_words("服务标准 收费标准 资费标准"),
           r"(?:服务|收费|资费)标准(?=\s*:?\s*\d+(?:\.\d+)?\s*元\s*/\s*(?:台\s*/\s*)?(?:月|年|季度?))",
           "recurring", None, "元"),
    # a platform's, a speaker box's or a rented device's price by the period (平台服务费每月68元, 音箱服务费每月15元)
    _literal("平台服务费 平台使用费 平台费 音箱服务费 音箱租赁费 音箱使用费 音箱租金 音箱费 租赁服务费 设备租赁费"
             " 机具租赁费 终端租赁费 租赁费", "recurring", "元"),
    _Entry(("信用卡", "贷记卡"), rf"(?:信用卡|贷记卡)(?:\((?:信用卡|贷记卡)\))?{_RATE_SUFFIX}",
           "rate", "credit", "%"),
    _Entry(("储蓄卡", "借记卡"), rf"(?:储蓄卡|借记卡)(?:\((?:储蓄卡|借记卡)\))?{_RATE_SUFFIX}",
           "rate", "debit", "%"),
    _Entry(_QR_HEADS, rf"{_QR_WORD}(?: ?[/、和及] ?(?:{_QR_WORD}|闪付))*{_RATE_SUFFIX}", "rate", "qr", "%"),
    _Entry(_words("刷卡 插卡 挥卡 闪付"),
           r"(?:刷卡|插卡|挥卡|闪付)(?:消费|交易)?(?:手续费率|手续费|费率|扣率)?", "rate", "card", "%"),
    _Entry(_words("交易手续费 交易费率 手续费率 手续费 费率 扣率"), r"(?:交易)?(?:手续费率|手续费|费率|扣率)",
           "rate", None, "%", True),
    # …and a percent named by what was agreed of it (说好的0.6%，为什么实际扣的是0.78%？)
    _Entry(_words("说好 谈好 讲好 约定"), r"(?:说好|谈好|讲好|约定)的?(?=\s*\d+(?:\.\d+)?\s*%)",
           "rate", None, "%", True),
    # …and one named by how it is charged in fact (现在每笔都按0.72%扣): a merchant's account of the rate taken
    _Entry(_words("都按 全按 每笔按 现在按 实际按 一直按 一律按"),
           r"(?:都|全|每笔|现在|实际|一直|一律)按照?(?=\s*\d+(?:\.\d+)?\s*%\s*(?:扣|收|计|算))",
           "rate", None, "%", True),
    # A bare 服务费 names the fee of the service the document is about (find_labels' `service`), else none.
    _literal("服务费用 服务费", SERVICE, "%元"),
)
_COMPILED = tuple(re.compile(e.pattern) for e in _ENTRIES)


@dataclass(slots=True)
class Label:
    """A fee name found in normalised text (not frozen: a page has a hundred of them, built quickly)."""

    start: int
    end: int
    text: str
    kind: str
    channel: str | None
    units: str  # which amount units it takes: "%", "元" or "%元"
    generic: bool  # 费率 / 手续费 without a channel: takes what specific names leave
    borrowed: str = ""  # for an FAQ answer: the name as its question wrote it (the label itself is empty)


@lru_cache(maxsize=1)
def _automaton() -> Keywords[tuple[tuple[int, ...], bool]]:
    """Heads → (entries to try there, whether the head is ASCII).

    An entry is tried once per place: not at a head that extends a shorter head of the same entry
    (流量卡费 after 流量卡), where it has been tried already and would match the same way.
    """
    heads: dict[str, list[int]] = {}
    for i, entry in enumerate(_ENTRIES):
        for h in entry.heads:
            if not any(h != g and h.startswith(g) for g in entry.heads):
                heads.setdefault(h, []).append(i)
            else:
                heads.setdefault(h, [])
    return Keywords({h: (tuple(idxs), h[0].isascii()) for h, idxs in heads.items() if idxs})


def _only_unionpay(name: str) -> bool:
    words = _QR.findall(name)
    return bool(words) and all(w in ("云闪付", "银联二维码") for w in words)


@lru_cache(maxsize=256)  # a site's pages share titles
def service_of(title: str) -> str | None:
    """The kind of fee a document's (normalised) title names as its subject, if exactly one: “商户无忧”资金保障
    服务补充协议 → insurance. Its articles then call that fee just 服务费用."""
    kinds = {lab.kind for lab in find_labels(title)} & SERVICE_KINDS
    return kinds.pop() if len(kinds) == 1 else None


def find_labels(text: str, service: str | None = None) -> list[Label]:
    """All fee names in `text`, leftmost-longest, without overlaps; a bare 服务费 is a fee of kind `service`
    (the document's subject, `service_of`), or no fee when that is None."""
    # Heads in reading order; a name is tried only where no name taken so far covers its head.
    hits = sorted(_automaton().iter(text))
    out: list[Label] = []
    last = 0  # end of the last name taken
    best: tuple[int, int, int] | None = None  # (start, end, entry): the longest name at the current start
    for start, _end, (idxs, ascii_head) in hits:
        if best is not None and start != best[0]:
            last = best[1]
            _take(text, best, out, service)
            best = None
        if start < last:
            continue
        if ascii_head and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
            continue  # "d0", "vip", "sim" inside a longer ASCII word
        for i in idxs:
            m = _COMPILED[i].match(text, start)
            if m and text.startswith("费率", m.end() - 1) and _ENTRIES[i].kind != "rate":
                continue  # 机器费率 is 机器 + 费率, not 机器费 + 率
            if m and (best is None or m.end() > best[1] or (m.end() == best[1] and i < best[2])):
                best = (start, m.end(), i)
    if best is not None:
        _take(text, best, out, service)
    _periods_of_services(text, out)
    _qr_items(text, out)
    if "\n" in text:
        _headings(text, out)
    return out


# A section headed by a fee's bare noun on a line of its own, behind a bullet (◆ 流量 / ■ 会员 / 【保险】; not a form's
# □ box): its lines price that fee (第一年送，第二年起99元/年). These nouns alone name no fee anywhere else; a heading
# that is a fee's name (◆ 押金, ◆ 流量卡, ◆ 秒到) is read as any name is.
HEADING = re.compile(r"(?m)^[ \t]*[◆◇■●▶▷★☆•#【\[][ \t]*(流量|会员|保险)[ \t]*[】\]]?[ \t]*$")
_HEADING_KINDS = {"流量": "data", "会员": "membership", "保险": "insurance"}
_BULLETS = "◆◇■●▶▷★☆•#【["
_HEADING_END = re.compile(r"[ \t]*[】\]]?[ \t]*$", re.M)


def _headings(text: str, labels: list[Label]) -> None:
    """Adds the names of HEADING lines. Each is looked for from its noun (`str.find` skips to a word in C, where
    `re` steps through the page for a bullet): a bullet before it, after blanks only, and nothing but blanks and a
    closing bracket after it on the line."""
    found: list[tuple[int, str]] = []
    for noun in _HEADING_KINDS:
        i = text.find(noun)
        while i >= 0:
            bullet = i - 1
            while bullet >= 0 and text[bullet] in " \t":
                bullet -= 1
            if (bullet >= 0 and text[bullet] in _BULLETS and _HEADING_END.match(text, i + 2)
                    and not text[text.rfind("\n", 0, bullet) + 1:bullet].strip(" \t")):
                found.append((i, noun))
            i = text.find(noun, i + 1)
    starts = [lab.start for lab in labels]
    for start, noun in sorted(found):
        end = _HEADING_END.match(text, start + 2).end()  # type: ignore[union-attr]
        k = bisect.bisect_left(starts, start)
        if k < len(labels) and labels[k].start < end:
            continue  # the line names a fee already (◆ 流量费)
        labels.insert(k, Label(start, start + 2, noun, _HEADING_KINDS[noun], None, "%元", False))
        starts.insert(k, start)


# A bare period fee right after a service's name is that service's price: 开通VIP商户，年费199元 (membership),
# 流量卡：年费48元 (data). Only separators and the service's own nouns may stand between.
FIRST_SWIPE = ("首刷", "首笔", "首次刷卡", "第一笔", "头一笔", "激活")  # heads of the activation entry
_BARE_PERIOD_FEES = frozenset({"年费", "月费", "月租", "月租费", "服务年费", "年服务费", "月服务费"})
_SERVICE_TO_PERIOD = re.compile(r"[”」』\"]?[^\S\n]*(?:商户|服务|套餐|权益|计划)?[”」』\"]?[^\S\n]*[,:(（]?[^\S\n]*")


# …and right after a plan named by its tier alone, which no fee name spells: 开通湘收宝VIP，年费仅需398元,
# 开通“黄金会员”，年费298元.
_MEMBER_BEFORE = re.compile(r"(?:vip|会员)" + _SERVICE_TO_PERIOD.pattern + "$")
MEMBER_BACK = 12  # characters before a bare period fee read for the plan it prices
RENEWAL_BACK = 120  # characters before a renewal fee (续订费用) within which a service's fee names what it renews


# A numbered section's heading that is a service's name (一、费率优享卡 / 二、账户资金保障服务): the fees of
# the section's first line are that service's (年费199元，…; 按每笔交易金额的0.03%收取服务费).
_SECTION_MARK = re.compile(r"[ \t]*(?:[一二三四五六七八九十]+、|[(][一二三四五六七八九十]+[)]|\d{1,2}[.、]"
                           r"|第[一二三四五六七八九十\d]+条)[ \t]*")
_HEADING_TAIL = re.compile(r"[^\S\n]*(?:服务)?(?:确认|说明|约定|条款|事项)?[^\S\n]*\n")
SECTION_HEADING_MAX = 20  # characters of a section's heading line
SECTION_ITEMS_UP = 4  # lines above a numbered item read for its section's heading


def section_service(text: str, labels: list[Label], pos: int) -> str | None:
    """The kind of service whose numbered heading stands on the line above `pos` (see _SECTION_MARK), or None; the
    heading's other names (费率 of 费率优享卡) do not count. When `pos` is on a numbered item of its own, the heading
    may stand above the section's earlier items (二、资金安全保障服务确认 ⏎ 1. … ⏎ 2. 服务费按每笔交易金额的0.05%计收),
    unless they name a fee of another kind."""
    line = text.rfind("\n", 0, pos)
    if line <= 0:
        return None
    starts = [lab.start for lab in labels]
    item = _SECTION_MARK.match(text, line + 1, pos) is not None
    named: set[str] = set()  # the kinds of fee the section's earlier items name
    for _ in range(SECTION_ITEMS_UP if item else 1):
        above = text.rfind("\n", 0, line) + 1
        k = bisect.bisect_left(starts, line) - 1  # the heading's last name ends its line
        if line - above <= SECTION_HEADING_MAX and _SECTION_MARK.match(text, above, line) is not None \
                and k >= 0 and labels[k].start >= above and labels[k].kind in SERVICE_KINDS \
                and _HEADING_TAIL.fullmatch(text, labels[k].end, line + 1):
            return labels[k].kind if named <= {labels[k].kind} else None
        if above == 0 or _SECTION_MARK.match(text, above, line) is None:
            return None  # not an earlier item of the section
        named.update(lab.kind for lab in labels[bisect.bisect_left(starts, above):k + 1] if lab.kind != "rate")
        line = above - 1
    return None


SERVICE_BEFORE = 80  # characters before a sentence that opens with a bare 服务费 in which its service may be named


def _service_before(text: str, labels: list[Label], pos: int) -> str | None:
    """The service the sentence before names, when a bare 服务费 at `pos` opens its own sentence on the same line
    (默认开通“资金保障服务”：…最高可获5万元保障。服务费按交易金额的0.05%随笔收取)."""
    lo = _sentence_start(text, pos)
    if lo == 0 or text[lo - 1] == "\n" or text[lo:pos].strip():
        return None
    prev = labels[-1] if labels else None
    if prev is None or prev.kind not in SERVICE_KINDS or prev.start < max(0, lo - SERVICE_BEFORE) \
            or "\n" in text[prev.end:lo]:
        return None
    return prev.kind


def _periods_of_services(text: str, labels: list[Label]) -> None:
    for prev, lab in pairwise(labels):
        if (lab.kind == "recurring" and lab.text in _BARE_PERIOD_FEES and prev.kind in SERVICE_KINDS
                and _SERVICE_TO_PERIOD.fullmatch(text, prev.end, lab.start)):
            lab.kind = prev.kind
        elif lab.kind == "recurring" and lab.text in _BARE_PERIOD_FEES and prev.kind in SERVICE_KINDS and (
                section_service(text, labels, lab.start) == prev.kind):
            lab.kind = prev.kind  # 一、费率优享卡 ⏎ 年费199元
        elif lab.kind == "recurring" and prev.kind == "deposit" and prev.text.startswith(FIRST_SWIPE) \
                and lab.start - prev.end <= 1:
            lab.kind = "deposit"  # 首次刷卡扣取技术服务费199元: a service fee taken once, at activation
    for k, lab in enumerate(labels):
        if lab.kind == "recurring" and lab.text in _BARE_PERIOD_FEES and _MEMBER_BEFORE.search(
                text, max(0, lab.start - MEMBER_BACK), lab.start):
            lab.kind = "membership"
        elif lab.kind == "recurring" and lab.text.startswith("续订"):  # the renewal of the service priced just before
            renewed = next((p for p in reversed(labels[:k]) if p.kind in SERVICE_KINDS), None)
            if renewed is not None and renewed.start >= lab.start - RENEWAL_BACK:
                lab.kind = renewed.kind  # VIP尊享服务费为每年398元 … 系统自动续订下一服务年度，续订费用398元


# What makes a bare 服务费 the price of getting the device working: activation, the first swipe.
_ACTIVATION = re.compile(r"激活|首笔|首刷|首次刷卡|第一笔|头一笔|开机|开通时")
ACTIVATION_BACK = 40  # characters before a bare 服务费, within its sentence, read for _ACTIVATION
_GIVEN_BACK = re.compile(r"刷够|刷满|退给|退还|返还")
GIVEN_BACK_BACK = 80  # characters before such a 服务费, on its line, read for the first swipe


# …and what makes it an insurance premium: a stated cover for stolen or lost funds (这是“账户守护”服务费，按每笔
# 交易金额的0.05%收取，用于资金被盗刷时的赔付保障), read in its sentence after the name.
_INSURES = re.compile(r"(?:盗刷|被盗|资金损失|资金被)[^。!?\n]{0,12}?(?:赔付|理赔|赔偿|保障)|(?:赔付|理赔)保障")
# …and what makes it a recurring fee: a month or a year it is charged for, next to it (每个月有9块9的服务费, 服务费每月
# 9.9元, 服务费9.9元/月), not a price per transaction
_EVERY_PERIOD = re.compile(
    r"每个?(?:月|年|季度?)(?![\d一二三四五六七八九十]+[号日]|[初底末]|结算)|包月|/(?:月|年)|一个月")
_PLAN = re.compile(r"vip|会员|服务包|套餐|权益|保障|保险")  # (开通VIP商户服务包，服务费399元/年: the plan's price)
PERIOD_NEAR = 14  # characters either side of a bare 服务费, within its sentence, read for _EVERY_PERIOD


def _sentence_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + ACTIVATION_BACK)
    return min([hi, *(i for c in "。!?\n" if (i := text.find(c, pos, hi)) >= 0)])


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - ACTIVATION_BACK)
    return max(lo, *(text.rfind(c, lo, pos) + 1 for c in "。!?\n"))


def _take(text: str, found: tuple[int, int, int], out: list[Label], service: str | None) -> None:
    """Adds the name `text[start:end]` of entry `i` to `out`, unless the entry is a look-alike."""
    start, end, i = found
    e = _ENTRIES[i]
    kind, units = (service if e.kind == SERVICE else e.kind), e.units
    if e.kind == SERVICE and (near := _service_before(text, out, start)) is not None:
        kind = near  # the service the sentence before names speaks louder than the document's title
    if e.kind == SERVICE and kind is None and _ACTIVATION.search(text, _sentence_start(text, start), start):
        kind = "deposit"  # 激活说明：新机首笔刷卡需满200元，系统自动扣除服务费199元
    elif e.kind == SERVICE and _GIVEN_BACK.search(text, end, _sentence_end(text, end)) and _ACTIVATION.search(
            text, max(text.rfind("\n", 0, start) + 1, start - GIVEN_BACK_BACK), start):
        kind = "deposit"  # on a page about another service too, when it comes back on a volume (第一笔我刷了1000块…
        # 扣了299的“服务费”，刷够规定的钱就退给我)
    elif e.kind == SERVICE and kind is None and _INSURES.search(text, end, _sentence_end(text, end)):
        kind = "insurance"
    elif e.kind == SERVICE and kind is None:
        kind = section_service(text, out, start)  # 二、账户资金保障服务 ⏎ 按每笔交易金额的0.03%收取服务费
        lo = _sentence_start(text, start)
        if kind is None and not _PLAN.search(text, lo, start) and _EVERY_PERIOD.search(
                text, max(lo, start - PERIOD_NEAR), min(_sentence_end(text, end), end + PERIOD_NEAR)):
            kind, units = "recurring", "元"  # (a share of each payment is no monthly fee)
    if kind is None or kind == "none":
        return
    name = text[start:end]
    unionpay = e.channel == "qr" and ("云闪付" in name or "银联二维码" in name) and _only_unionpay(name)
    out.append(Label(start, end, name, kind, "unionpay_qr" if unionpay else e.channel, units, e.generic))


_CARD_CHANNELS = frozenset({"credit", "debit", "card"})


def _qr_items(text: str, labels: list[Label]) -> None:
    """Card words inside a list item headed by a QR channel price a card paid by QR code, not a card swiped:
    "（三）云闪付及银联二维码：单笔1,000元以下，借记卡、贷记卡均为0.38%". One look at each line's head."""
    heads: dict[int, tuple[int, str | None]] = {}  # line start → (its first colon, the QR channel its head names)
    for lab in labels:
        if lab.channel not in _CARD_CHANNELS:
            continue
        line = text.rfind("\n", 0, lab.start) + 1
        if line not in heads:  # the head of a list item (before its colon) or of a table row (its first cell)
            colon = text.find(":", line, lab.start)
            if colon < 0:
                colon = text.find("|", line, lab.start)
            head = text[line:colon] if colon >= 0 else ""
            qr = ("unionpay_qr" if _only_unionpay(head) else "qr") if _QR.search(head) else None
            heads[line] = (colon if colon >= 0 else len(text), qr)
        colon, qr = heads[line]
        if qr is not None and colon < lab.start:
            lab.channel = qr
