"""Contract-term checks (terms.*): find unfair clauses, with the clause as evidence, and spare protective ones.

Each category has trigger patterns (run on the normalised text) and a judge that looks at the
trigger's sentence, its clause (`poscheck.clauses`) and the parties' roles: "甲方有权调整费率" is only a
unilateral change when 甲方 is the provider; "违约金" is only a penalty on the merchant when the
merchant pays it. Protective shapes are not flagged: 30 days' notice plus a free exit; a hold limited
to one disputed transaction for a stated time; compensation of actual loss or of a lost terminal;
the court of the defendant's domicile or any competent court; an indefinite agreement.
Teaching pages (guides, lawyers' articles quoting bad clauses) get nothing (`textctx.genre`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from poscheck.checks import Analysis, check
from poscheck.checks.practices import poses_as_service
from poscheck.checks.textctx import KeywordGate, gated, genre, make, quote, sentence_bounds, teaching_note
from poscheck.clauses import ClauseDoc, between_provider_and_agent, parse
from poscheck.facts.patterns import FINE
from poscheck.models import Evidence, Finding
from poscheck.rules import context
from poscheck.textscan import CHAT_HEADER, led

_S = r"[^。;\n]"  # any character inside one sentence
_NUM = r"(?:\d+|[一二三四五六七八九十百]+)"

# ---- protective shapes -----------------------------------------------------------------------
NOTICE = re.compile(
    rf"提前{_S}{{0,4}}?{_NUM}\s*(?:个)?(?:工作日|日|天|个月|月)|{_NUM}\s*(?:日|天)前{_S}{{0,6}}(?:通知|公告|告知)"
    r"|提前(?:书面)?(?:通知|告知|公告)"  # (提前通知、告诉你新费率和生效日期、不同意可以免费注销)
)
EXIT = re.compile(r"终止|解除|解约|退出|注销|销户|撤机|退机|退回机具|归还")
FREE = re.compile(
    rf"不收取|不得{_S}{{0,12}}?(?:收取|扣收|扣)|免费|无偿|无需{_S}{{0,4}}?(?:支付|承担)|互不承担|不承担{_S}{{0,4}}?(?:费用|责任)|无责"
    r"|不(?:因此|会|再|另行?)?(?:收|扣)"  # 乙方不因此收取任何费用
)
TIME_LIMIT = re.compile(
    rf"(?:不超过|最长|最多|不得超过|以内|之内){_S}{{0,6}}?{_NUM}\s*(?:个)?(?:工作日|日|天)|{_NUM}\s*(?:个)?(?:工作日|日|天)(?:内|以内|之内)"
)
SINGLE_TXN = re.compile(r"单笔|该笔|所涉|涉及的|相关交易|争议交易|可疑交易|该交易|对应|退单|调单|否认|拒付|欺诈|伪卡")
DISCRETION = re.compile(r"随时|视情况|认为|自行决定|由[甲乙]方(?:视情况)?(?:确定|决定)|无需说明|全部|直至|无限期")
FUNDS = re.compile(r"资金(?:损失|安全)|(?:延迟|延误)(?:结算|到账)|(?:结算|到账)(?:延迟|延误)|款项损失")
BOLD_NOTICE = re.compile(r"加粗|粗体|黑体|特别提示|重要提示|仔细阅读|认真阅读")
# A cause named right after 因/由于: a party (judged by role), or someone outside the provider.
CAUSE = re.compile(r"(?:因|由于)(?P<who>甲方|乙方|商户|您|用户|持卡人|第三方|银行|发卡行|发卡机构|银联|运营商|电信)")
FORCE_MAJEURE = re.compile(r"不可抗力|地震|战争|自然灾害|政府行为|罢工|疫情")
PROVIDER_FAULT = led(re.compile(  # led: 系统… is behind look-behinds (textscan.led)
    r"工作人员|员工|操作失误|操作差错|操作错误|过错|过失|自身原因|任何(?:其他|其它)?原因|其他任何原因|任何情况|任何(?:间接|直接)|间接或直接|直接或间接|"
    r"一切损失|(?<!银行)(?<!银联)(?<!第三方)(?<!卡组织)(?<!发卡行)(?<!发卡机构)(?<!清算机构)(?<!通道)(?<!通道方)(?<!运营商)"
    r"系统(?:故障|升级|维护|异常|错误|原因)"
))
# "…等非甲方原因导致…的，甲方不承担责任": the causes listed are, by the clause's own words, not the party's.
NOT_OWN_CAUSE = re.compile(r"非(?:因)?(?P<who>甲方|乙方|我司|本公司|收单机构|平台)(?:自身)?(?:的)?(?:原因|过错|责任)")


_CHANGE_OBJECT = re.compile(
    r"费率|收费|手续费|服务费|费用|价格|资费|协议|条款|服务内容|服务标准|规则|结算方式|结算周期|到账方式")
# "本次调整", "上述变更": a change named before (a notice's title, the items above); its object is looked for
# in the text before the clause.
_THIS_CHANGE = re.compile(r"(?:本次|此次|这次|上述|以上|该)(?:费率)?(?:调整|变更|修改|调价)")
CHANGE_BACK = 400  # characters read back for the object of "本次调整"


@dataclass(frozen=True)
class TermHit:
    """A clause judged to show one terms.* practice (normalised offsets)."""

    category: str
    start: int  # trigger
    end: int
    lo: int  # the clause (or line) quoted as evidence
    hi: int
    why: str


Judge = Callable[[ClauseDoc, re.Match[str], str, str], str | None]


def _role_at(doc: ClauseDoc, pos: int, lo: int) -> str:
    word, role = doc.subject_before(pos, lo)
    return role or ("unknown" if not word else "other")


# ---- judges: (doc, match, sentence, clause text) -> why, or None to skip ---------------------
# "永不上调", "不会调整", "不得擅自变更": the change itself is denied (a promise, or a limit on the provider).
_CHANGE_DENIED = re.compile(
    r"(?:不|无)(?:会|得|再|予|能)?(?:随意|擅自|单方面?)?(?:调整|修改|变更|更改|上调|修订|调价)$"
)
# The paying verbs of the penalty patterns: the last one in a match is the charge, negated or not.
_PAY_VERB = re.compile(r"支付|缴纳|承担|收取|扣除|扣收|扣取|扣款|扣|赔偿|赔付|补缴|补足|补齐")


ARTICLE_MAX = 600  # characters: an article this short is read whole for a change clause's protections


ASSENT_BACK = 80  # characters before a deemed assent read for the notice and the free exit it follows


def _protective_change(text: str) -> bool:
    return bool(NOTICE.search(text) and EXIT.search(text) and FREE.search(text))


# A rate set to a stated figure from a stated day (第91日起…自动调整为0.63%): the agreement itself says it.
_STATED_STEP = re.compile(
    rf"(?:第\s*{_NUM}\s*(?:日|天|个月|月)起|{_NUM}\s*(?:日|天|个月)(?:后|期满)|期满后|\d{{4}}年\d{{1,2}}月\d{{1,2}}日起)"
    r"[^。;]{0,24}?(?:调整|上调|变更)为\s*\d+(?:\.\d+)?\s*%")


def _unilateral(doc: ClauseDoc, m: re.Match[str], sentence: str, unit: str) -> str | None:
    if m.lastgroup == "power" and _CHANGE_DENIED.search(doc.text, max(0, m.start() - 2), m.end()):
        return None
    if m.lastgroup == "central" and genre(doc.text) == "complaint":
        return None  # the reason given for a rise that came (业务员说是"公司统一调整"): the rise is the complaint's
    lo, _ = sentence_bounds(doc.text, m.start(), m.end())
    if m.lastgroup != "use" and _role_at(doc, m.start(), lo) == "merchant":
        return None  # (the merchant who goes on using the device after a change is the one deemed to assent)
    if m.lastgroup not in ("power", "central") and not re.search(r"调整|修改|变更|更改|上调|调价|修订|变动|涨价", unit):
        return None
    if m.lastgroup == "silent" and _STATED_STEP.search(sentence):
        return None  # the change is the clause's own, its figure and day stated (a teaser's end: fee.rate_bait)
    if not _CHANGE_OBJECT.search(sentence if m.lastgroup in ("power", "central") else unit) and not (
            _THIS_CHANGE.search(unit) and _CHANGE_OBJECT.search(doc.text, max(0, m.start() - CHANGE_BACK), m.start())):
        return None
    if _protective_change(unit) or (m.lastgroup == "use" and _protective_change(
            doc.text[max(0, m.start() - ASSENT_BACK):m.end()])):
        return None  # notice + a free exit: the compliant change (…提前30日公告…可免费解除；逾期未提出的…)
    clause = doc.clause_at(m.start())
    if clause.rank >= 0 and clause.article_end - clause.article_start <= ARTICLE_MAX and _protective_change(
            doc.text[clause.article_start:clause.article_end]):
        return None  # the same, spread over the article's items (5.1 notice, 5.2 free exit)
    return f"provider may change terms ({m.group(0)[:24]}) without notice and a free exit"


_MONEY = re.compile(r"押金|服务费|费用|费|款|保证金|金额|钱|现金")
_RULE_CITED = re.compile(r"规定|规矩|政策|制度|协议|合同")
# 另外199不退的: the sum refused (not a message's time: 业务员 10:06  不退)
_SUM_BEFORE = re.compile(r"(?<![\d:.])\d+(?:\.\d+)?(?:元|块)?(?:都|也|就|是)?$")
MONEY_BACK = 120  # characters before a refusal in which the money it refuses may be named
# …and so may an FAQ's answer about the money of the answer before it (A：未达标的部分不予返还: context.ANSWER_START)
# …and so may the other side of a conditional refund, after a semicolon (…满6万元全额返还；未满足条件的不予返还)
_UNMET = re.compile(r"未(?:满足|达到?|完成)|不达标|达不到|没(?:刷够|达标|完成|满)")


def _non_refundable(doc: ClauseDoc, m: re.Match[str], sentence: str, unit: str) -> str | None:
    head = sentence[: max(0, sentence.find(m.group(0)))]
    if re.search(r"不得|不能以|不应|不因[^。;\n]{1,16}?而$", head):
        return None  # "不得以任何理由不予退还", "不因…而不予退还": protective
    if re.search(r"售出[^。,;]{0,4}$", head):
        return None  # 二手东西售出不退, 一经售出概不退换: goods sold are not taken back, no money of a service kept
    if re.search(r"损坏|遗失|丢失|灭失|毁损|未归还|不归还|欠费|下载|文档|积分", sentence):
        return None  # damage/loss/arrears deduction, or a document site's download terms
    # a refusal with a rule behind it may answer a message about the money (要是没刷够呢 / 那就不退了 这是公司规定), and
    # so may a flat denial that refunds exist (那129是激活费，不是押金！ 没有“退”这一说) and an FAQ's answer
    if not _MONEY.search(sentence) and not _SUM_BEFORE.search(head) and not (
            (_RULE_CITED.search(sentence) or m.group(0).startswith("没有") or context.ANSWER_START.match(sentence)
             or _UNMET.search(head))
            and _MONEY.search(doc.text, max(0, m.start() - MONEY_BACK), m.start())):
        return None
    if re.match(r".{0,2}(?:终端|机具|设备|机器|pos)", doc.text[m.end():m.end() + 6]):
        return None  # the merchant not returning a device
    if re.search(r"退货|撤销|退款交易", sentence) and "手续费" in sentence:
        return None  # the fee of a refunded card transaction is kept: network practice
    return f"money paid is not refunded ({m.group(0)})"


_PAID = re.compile(r"租金|费|扣收|扣取|扣除|扣款")
_AUTO_RENEWS = re.compile(r"自动(?:续|延|顺延)")


_NO_DEDUCTION = re.compile(r"(?:不|没|未|免|无需)(?:再|会)?扣")


def _auto_renewal(doc: ClauseDoc, m: re.Match[str], sentence: str, unit: str) -> str | None:
    if re.search(r"[不非无未](?:会|再|得|需|用)?(?:自动|自己)", doc.text[max(0, m.start() - 3):m.end()]):
        return None
    if m.lastgroup == "deduct" and _NO_DEDUCTION.search(m.group(0)):
        return None  # 未确认则自动停用该卡、不扣费: what lapses is not charged
    if m.lastgroup == "lapse" and not _PAID.search(sentence) and not _AUTO_RENEWS.search(sentence):
        return None  # an agreement that runs on unless ended, at no charge of its own (not one told 自动续期)
    if m.lastgroup == "deduct" and not re.search(
        r"每[一1]?(?:年|个月|月|季|期|服务年度)|每满|按月|按年|按季|年度|逐年|定期|周期|(?<!手)续费|次年|第二年|第2年"
        r"|连续\S{1,3}个?(?:月|季度|年)"  # 连续四个月自动从结算款里扣了29: a deduction told again and again
        r"|到期",  # 到期后台自己就扣了: taken again when the paid period ends
        sentence
    ):
        return None  # a one-off deduction (first swipe) is a fee, not a renewal
    return f"renews or deducts automatically ({m.group(0)[:20]})"


_VOLUME = re.compile(r"交易额|交易量|交易金额|刷卡(?:金)?额|流水|达标|考核|\d+(?:\.\d+)?万|\d{4,}元")
CLAUSE_READ = 220  # characters: a clause this short is read whole for the volume target a shortfall is about
_NOT_BORNE = re.compile(r"(?:不承担|无需承担|无须承担|不需承担|不必承担|不用承担|免除)(?:任何)?\s*$")


# A denial of any charge that lists the fine among others (不得因此向甲方收取任何费用或违约金).
_ANY_DENIED = re.compile(r"(?:不得|不|无需|无须|免)[^。;,]{0,12}?任何[^。;,]{0,8}$")
ANY_DENIED_BACK = 28


_PURPOSE = re.compile(r"(?:为了?|以)(?:防止|避免|免|减少|降低)[^。;\n]{0,6}$")


def _penalty(doc: ClauseDoc, m: re.Match[str], sentence: str, unit: str) -> str | None:
    verbs = [] if m.lastgroup == "fine" else list(_PAY_VERB.finditer(doc.text, m.start(), m.end()))
    lo, _ = sentence_bounds(doc.text, m.start(), m.end())
    at = verbs[-1].end() if verbs else m.start()
    if context.negator_before(doc.text, at, lo) or _NOT_BORNE.search(doc.text, max(lo, at - 8), at) or \
            _ANY_DENIED.search(doc.text, max(lo, at - ANY_DENIED_BACK), at):
        return None  # the charge itself is denied: "不收取违约金", "提前终止…无需支付任何费用", "不承担违约金",
        # "乙方不得因此向甲方收取任何费用或违约金"
    if re.search(r"遗失|丢失|损坏|毁损|灭失", sentence) and "违约金" not in sentence:
        return None  # paying for a lost or damaged terminal is compensation
    if "实际损失" in sentence and not re.search(r"\d+(?:\.\d+)?元", sentence):
        return None
    if BOLD_NOTICE.search(sentence):
        return None
    if re.search(r"任何一方|违约方|守约方|双方", sentence) and not re.search(r"商户|您", sentence):
        return None  # a mutual clause, not a charge on the merchant
    to = re.search(r"向(甲方|乙方|商户|您)(?:支付|赔付|缴纳)", sentence)
    if to and doc.parties.role(to.group(1)) == "merchant":
        return None  # paid to the merchant
    payer = re.search(r"(甲方|乙方|我司|本公司|平台)(?:应|须|需)(?:向\S{1,4})?(?:支付|承担|赔付)", sentence)
    if payer and doc.parties.role(payer.group(1)) == "provider":
        return None  # the provider pays
    if m.lastgroup == "idle" and _PURPOSE.search(doc.text[lo:m.start()]):
        return None  # "为防止机器闲置，首刷扣299元" (为减少机具闲置浪费): a charge everyone pays, whatever its reason
    if m.lastgroup == "idle" and _DESPITE_IDLE.match(m.group(0)):
        return None  # "闲置还每月扣服务费", "从来没开通过…扣了两次": charged regardless, not for being idle
    # a fine named inside a match that starts on a shortfall (未满24个月申请撤机的，需支付违约金600元) is a penalty
    # whatever the shortfall is of
    if m.lastgroup == "volume" and not FINE.search(m.group(0)) and not _VOLUME.search(sentence) and not (
            len(unit) <= CLAUSE_READ and _VOLUME.search(unit)):
        return None  # (its target may be set in the sentence before: 月均交易额不低于3万元。连续两个月未达到的…)
    return f"charge for early exit or missed volume ({m.group(0)[:24]})"


# Idle, or never chosen, and charged all the same: the charge does not follow from it (no penalty for idleness).
_DESPITE_IDLE = re.compile(r"(?:(?:未|不|没有?)(?:完成)?(?:激活|开通|使用)|闲置|(?:无|未|没有)交易)"
                           r"(?:过|[^。;\n]*?(?:还|也|照样|照|依然|仍|却))")


def _liability(doc: ClauseDoc, m: re.Match[str], sentence: str, unit: str) -> str | None:
    if BOLD_NOTICE.search(sentence) or "无效" in sentence:
        return None
    lo, _ = sentence_bounds(doc.text, m.start(), m.end())
    if m.lastgroup == "shift":
        who = re.search(r"由(甲方|乙方|商户|您)", m.group(0))
        return None if who and doc.parties.role(who.group(1)) != "merchant" else "all liability put on the merchant"
    if m.lastgroup == "unrelated" and not re.search(r"损失|资金|纠纷|责任|风险", sentence):
        return None
    if _role_at(doc, m.start(), lo) == "merchant":
        return None  # the merchant is the one excused: protective
    cause = CAUSE.search(doc.text, lo, m.start())
    fault = PROVIDER_FAULT.search(sentence)
    not_own = NOT_OWN_CAUSE.search(sentence)
    if fault and not_own and doc.parties.role(not_own.group("who")) != "merchant" \
            and not fault.group(0).startswith("任何"):
        fault = None  # 银行或清算机构系统故障等非甲方原因
    if cause and not fault and doc.parties.role(cause.group("who")) != "provider":
        return None  # the merchant's own fault, or a third party's
    if FORCE_MAJEURE.search(sentence) and not fault:
        return None
    if re.search(r"但[^。;]{0,12}(?:过错|过失|故意|自身原因)[^。;]{0,6}除外", sentence):
        return None  # "…不承担责任，但乙方有过错的除外": the provider still answers for its own fault
    blanket = re.search(r"任何|一切|概不|全部|责任(?:都|也|一概|一律|全)不", m.group(0)) is not None
    if not (fault or blanket or FUNDS.search(sentence) or m.lastgroup == "cap"):
        return None
    return f"provider excludes liability ({m.group(0)[:20]})"


_SIGNED_AT = re.compile(r"(?:签订地|签约地|签署地)(?:为|是|系|即)(甲方|乙方)")


TITLE_CHARS = 60  # characters at an agreement's head that name it (and, when no party line does, its provider)


def _jurisdiction(doc: ClauseDoc, m: re.Match[str], sentence: str, unit: str) -> str | None:
    if re.search(r"被告(?:住所地|所在地)|原告(?:住所地|所在地)", sentence) and m.lastgroup != "arbitration":
        return None
    firm = _FIRM_BEFORE.search(doc.text, max(0, m.start() - 8), m.start()) if m.lastgroup == "firm_seat" else None
    if m.lastgroup == "firm_seat" and firm is None:
        return None
    party = _PARTY_LAST.search(firm.group(0)) if firm else None
    if m.lastgroup == "seat" or party:  # (由甲方住所地人民法院 is found as a firm's seat: the firm is 甲方)
        owner = doc.parties.role(party.group("owner") if party else m.group("owner"))
        if owner == "merchant":
            return None
        return f"court at the provider's seat ({m.group(0)[:24]})"
    if m.lastgroup == "named" and re.search(r"被告|原告|有管辖权|所在地|住所地", m.group(0)):
        return None
    if firm is not None:
        # the provider: its defining line's firm (乙方：上海盛付通…公司), or else the name of the agreement itself
        # (盛付通POS商户服务协议, written to 您)
        name = doc.parties.names.get(doc.parties.provider or "") or (
            "" if doc.parties.merchant else doc.text[:TITLE_CHARS])
        word = firm.group(0)
        if not name or not any(word[i:] in name for i in range(len(word) - 1)):
            return None  # not the provider's own seat, or no provider is named
        return f"court at the provider's seat ({m.group(0)[:24]})"
    if m.lastgroup == "signed" and (at := _SIGNED_AT.search(unit)) and doc.parties.role(at.group(1)) == "merchant":
        return None  # 本协议签订地为甲方经营场所 (甲方 the merchant): the court is the merchant's own
    if m.lastgroup == "arbitration":
        if re.search(r"人民法院|起诉|诉讼", sentence) and not re.search(r"不得(?:向法院)?起诉", sentence):
            return None  # arbitration is only one of the merchant's options
        return f"arbitration chosen in advance ({m.group(0)[:24]})"
    return f"court chosen by the provider ({m.group(0)[:24]})"


_HOLDS = "暂停|暂缓|延迟|延缓|冻结|止付|截留|扣留|暂扣|中止|停止|预留|留存"  # the verbs of a hold's power
_HOLD_VERB = re.compile(_HOLDS)
_FORBIDDEN_BEFORE = re.compile(r"(?:不得|不会|不能|无权|禁止|严禁|不)$")
_RESUMES = re.compile(rf"{_NUM}\s*(?:个)?(?:小时|工作日|日|天)(?:后|内)?(?:即可)?(?:恢复|解除|到账)")


def _fund_hold(doc: ClauseDoc, m: re.Match[str], sentence: str, unit: str) -> str | None:
    held = list(_HOLD_VERB.finditer(doc.text, m.start(), m.end()))
    if held and _FORBIDDEN_BEFORE.search(doc.text, max(0, held[-1].start() - 3), held[-1].start()):
        return None  # the hold forbidden to the party (…足额结算至甲方账户，不得截留、挪用)
    if re.search(r"有权机关|司法机关|公安机关|监管(?:机构|部门)", sentence) and not DISCRETION.search(sentence):
        return None  # freezing on an authority's order
    lo, _ = sentence_bounds(doc.text, m.start(), m.end())
    if _role_at(doc, m.start(), lo) == "merchant":
        return None
    if m.lastgroup == "during" and (TIME_LIMIT.search(sentence) or _RESUMES.search(sentence)):
        return None  # a stop with a stated end (审核期间结算暂停，3个工作日内恢复)
    if TIME_LIMIT.search(unit) and SINGLE_TXN.search(unit) and not DISCRETION.search(sentence):
        return None  # limited to a named disputed transaction for a stated time
    if SINGLE_TXN.search(sentence) and re.search(r"单笔|该笔", sentence) and not DISCRETION.search(sentence):
        return None
    return f"provider may hold settlement at its discretion ({m.group(0)[:24]})"


_PARTY = r"(?P<owner>甲方|乙方|丙方|我司|本公司|我公司|我们公司|他们公司|对方公司|平台|本平台|服务商|收单机构|银行)"
_PARTY_LAST = re.compile(rf"{_PARTY}$")
_FIRM_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,8}$")  # the name a seat (所在地) follows
# What use or silence is taken for: 视为同意, 视为您已知悉并同意本变更.
_ASSENT = r"(?:您|商户|甲方|乙方)?已?(?:知悉并|知晓并|阅读并|理解并)?(?:同意|接受|认可)"
# `led` where a look-ahead of the first characters pays (textscan.led); jurisdiction's may start with any Han.
PATTERNS: dict[str, tuple[re.Pattern[str], Judge]] = {
    "terms.unilateral_change": (led(re.compile(  # power: 可 but not in 许可证, 方可(生效) or 双方可
        # (not 可能是…被调整了)
        rf"(?P<power>(?:有权|(?<!许)(?:(?<=[甲乙丙]方)|(?<!方))可(?!能)以?|得|保留){_S}{{0,40}}?"
        r"(?:调整|修改|变更|更改|上调|修订|调价))"
        rf"|(?P<posted>(?:公告|发布|公示|公布){_S}{{0,6}}?即(?:行)?生效)"
        # …or done from above, as a seller says it: 费率是我们公司后台统一调的, 由总部统一调整
        r"|(?P<central>(?:后台|系统|总部|公司|上游|通道)(?:那边)?(?:会|可以|可能|随时)?(?:根据[^。,;]{0,8}?)?"
        r"统一(?:调整|上调|调|修改|改)(?!整理)"  # (公司会根据市场情况统一调整)
        r"|随市场(?:行情)?(?:联动|浮动|变化而?调整))"  # (优惠期满后…费率随市场行情联动，以乙方系统推送为准)
        rf"|(?P<use>继续(?:使用|交易|刷卡|合作|办理|受理){_S}{{0,16}}?视为{_ASSENT}"
        rf"|(?:未|没有)(?:提出|表示)?(?:书面)?异议{_S}{{0,8}}?视为{_ASSENT}"
        rf"|逾期(?:未|没有)(?:提出|表示){_S}{{0,4}}?视为{_ASSENT})"  # (…三日内…向我司提出；逾期未提出的，视为同意)
        r"|(?P<silent>(?:无需|恕不|不再|不)另行(?:通知|告知)|无需(?:单独|事先)?(?:通知|告知)"
        r"|(?:无需|不需|不必)(?:另行|再|事先)?(?:征得|取得|经过?)[^。;\n]{0,6}同意)"
    )), _unilateral),
    "terms.non_refundable": (led(re.compile(
        r"(?:不予|概不|恕不|一律不|均不|不可|不能|无法|不再|不支持|不作|不做|不)(?:退还|退回|返还|退款|退(?![机货单出])|返(?![现利佣]))"
        r"|并非全额(?:退还|返还)|退不(?:了|回来|回)|不给(?:退|返)(?![现利佣])"  # 这个是退不了的; 就算“服务费”了，不给退
        r"|不因[^。;\n]{1,16}?而(?:退还|退回|返还|退款|退)"  # 会员费…不因乙方停用终端而退还
        r"|没有[“\"「]?(?:退|退款|退还)[”\"」]?(?:这一说|这么一说|一说|这回事)"  # 没有“退”这一说
    )), _non_refundable),
    "terms.auto_renewal": (led(re.compile(
        rf"(?P<renew>自动(?:续费|续期|续订|续约|续签|延续|延期|延长|顺延|续)|连续包月|默认(?:为您|为你)?(?:续费|续期|续订)|默认(?:帮|为|给)(?:您|你)?续上|(?:期满|到期){_S}{{0,8}}?自动{_S}{{0,4}}?续"
        # …as people say it: 到期之后自己就续上了, 它自己到时间就扣了
        r"|自己(?:就|会)续(?:上|费|期|订)|自己续上|自己到(?:时间|期|点|日子)了?(?:就|会)?(?:自动)?扣"
        # …or a charge taken again that the writer never renewed: 今年5月又扣了一次299，我根本没有续过
        rf"|(?:又|再)(?:扣|收)了?{_S}{{0,16}}?(?:根本|压根|从来|并)?(?:没有?|没)(?:同意|申请|要求|让)?续)"
        rf"|(?P<deduct>(?:自动|(?:后台|系统)自己){_S}{{0,12}}?"  # 到期后台自己就扣了
        # (自动从我结算卡扣9.9)
        r"(?:扣取|扣收|扣除|扣款|扣费|划扣|扣划|扣了|扣掉|扣走|扣(?=[ \t]*(?:[,。;!|\n\d]|$))))"
        # …or renewed by the merchant's silence, still paying (未以书面形式提出退租的，本合同按原条件续租一年)
        rf"|(?P<lapse>未{_S}{{0,12}}?(?:提出|申请|要求|提交)(?:退租|解约|终止|退出|不再续|不续)(?:申请)?{_S}{{0,16}}?"
        r"(?:续租|续约|续期|续签|按月顺延|自动顺延|顺延))"  # (…未在APP内提交退租申请的，租赁关系按月顺延)
    )), _auto_renewal),
    "terms.penalty": (led(re.compile(
        r"(?P<fine>违约金|解约金|罚金|滞纳金|扣罚|违约赔偿金|作为违约赔偿|作为违约补偿|违约补偿金|(?:提前)?(?:终止|解约|解除|退出)(?:补偿金|赔偿金)|服务补偿金|(?:扣除|收取|扣收)[^。;\n]{0,6}罚款|罚款\d+元)"
        rf"|(?P<exit>(?:提前|未满|不满|不足|(?:合约|合同|签约|服务|协议|租赁)期(?:内|届满前(?![^。,;]{{0,3}}[未不没]))){_S}{{0,10}}?"
        rf"(?:解约|终止|解除|退机|撤机|拆机|注销|退出|退还终端){_S}{{0,24}}?"
        rf"(?:支付|缴纳|承担|收取|扣除|扣收|扣|赔偿|赔付|补缴){_S}{{0,12}}?(?:\d+(?:\.\d+)?元|费))"
        rf"|(?P<volume>(?:未达|未满|未达到|达不到|没达到|不足|低于|少于|不到(?=\s*\d)){_S}{{0,48}}?"
        rf"(?:扣收|扣除|扣取|收取|扣款|扣|补足|补缴|补齐|支付|缴纳)(?:{_S}{{0,16}}?(?:\d+(?:\.\d+)?元|费|差额|补偿金|赔偿金)"
        # …or a table's cell whose row prices it: 月度考核 | 50元/月 | 交易额不足5000元的，每月扣收 |
        r"|(?=[ \t]*\|)))"
        rf"|(?P<idle>(?:(?:未|不|没有?)(?:完成)?(?:激活|开通|使用)|闲置|(?:无|未|没有)交易){_S}{{0,24}}?"
        rf"(?:支付|缴纳|承担|收取|扣除|扣收|扣取|扣款|扣|补缴|赔偿){_S}{{0,16}}?(?:\d+(?:\.\d+)?元|费))"
    )), _penalty),
    "terms.liability_exclusion": (led(re.compile(
        r"(?P<none>不承担(?:任何|一切)?(?:的)?(?:赔偿|法律|经济)?责任|不承担(?:任何|一切)?(?:的)?赔偿义务|不负(?:任何|一切)(?:赔偿|法律|经济)?责任|不负(?:赔偿|法律|经济)责任|概不负责|概不承担|不负责任何"
        r"|不予(?:负责|赔偿|承担)|免于(?:承担)?(?:任何|一切)?(?:赔偿|补偿|责任)"
        rf"|不(?:对|就){_S}{{0,30}}?(?:负责|承担(?:任何)?(?:赔偿)?责任)"
        rf"|免除{_S}{{0,10}}?(?:全部|一切|任何)?(?:赔偿)?责任|免责"
        r"|责任(?:都|也|一概|一律|全)不(?:担|承担|负|背|管)"  # as a seller says it: 咱这边是一分钱责任都不担
        r"|不负(?:任何)?(?:赔偿|法律)?之责)"  # (…或其他任何原因造成甲方资金…损失的，乙方均不负赔偿之责)
        rf"|(?P<shift>(?:一切|全部|所有)(?:法律|经济)?(?:责任|后果|损失){_S}{{0,6}}?(?:均)?由{_S}{{0,8}}?(?:自行)?承担)"
        r"|(?P<unrelated>与(?:我司|本公司|平台|本平台|我公司|乙方|甲方)无关)"
        rf"|(?P<cap>赔偿(?:总额|金额|上限|责任){_S}{{0,4}}?(?:不超过|不高于|以{_S}{{0,12}}?为限))"
    )), _liability),
    "terms.jurisdiction": (re.compile(
        rf"(?P<seat>{_PARTY}{_S}{{0,4}}?(?:所在地|住所地|注册地|所在城市|注册所在地){_S}{{0,14}}?(?:人民法院|法院|仲裁))"
        rf"|(?P<arbitration>(?:提交|申请|交由|由){_S}{{0,20}}?仲裁(?:委员会|院|机构|庭)?)"
        rf"|(?P<signed>(?:签订地|签约地|签署地){_S}{{0,12}}?(?:人民法院|法院))"
        rf"|(?P<chosen>(?:甲方|乙方|我司|本公司|平台)指定的?{_S}{{0,12}}?(?:法院|仲裁))"
        rf"|(?P<named>(?<!被告)(?<!原告)[\u4e00-\u9fff]{{2,10}}(?:市|区|县)(?:人民)?法院(?={_S}{{0,6}}(?:管辖|起诉|诉讼)))"
        # a party's seat by its name (向盛付通所在地（上海市浦东新区）人民法院提起诉讼): _jurisdiction reads whose
        # (led by its literal: a branch led by a class of characters is tried at every one of them; not the
        # defendant's, 被告住所地, which every fair clause names and whose match would have the page's clauses parsed)
        r"|(?P<firm_seat>(?:所在地|住所地)(?<![被原]告所在地)(?<![被原]告住所地)(?:\([^()\n]{2,16}\))?(?:的)?(?:人民)?法院)"
    ), _jurisdiction),
    "terms.fund_hold": (led(re.compile(  # 可 but not in 可疑交易 (a suspicious transaction: no power to hold)
        # (通知收单机构冻结…: the provider has the acquirer hold it)
        # (a power reaches further than a will: 有权根据商户的交易情况…对商户采取延迟结算; not 将…不得截留)
        rf"(?:(?<!不)有权{_S}{{0,48}}?|(?<!不)(?:可以|可(?!疑)|将|得|保留|通知(?=收单|银行|清算)){_S}{{0,30}}?)"
        rf"(?:{_HOLDS})"
        rf"{_S}{{0,8}}?(?:结算|清算|资金|款项|交易款|结算款|付款|打款|账户(?!信息)|保证金|风险金|准备金|余额|钱包|提现)"
        # (the money named before the verb: 有权对乙方结算资金采取冻结措施)
        rf"|(?<!不)有权{_S}{{0,12}}?(?:结算资金|结算款|交易款|资金|款项|账户余额){_S}{{0,6}}?(?:采取|进行|予以|作)?"
        r"(?:冻结|止付|截留|扣留|暂扣)"
        # the money named first: 风控期间钱包余额会冻结; a complaint's 钱包余额1.86万被冻结四十天, 钱突然显示“风控冻结”
        r"|(?:结算款|交易款|资金|款项|余额)(?:会|将|可能|要|予以|暂予|暂时|暂)(?:被暂时|被)?"  # (资金会被暂时冻结)
        r"(?:冻结|止付|截留|扣留|暂扣|留存|暂停结算|暂缓结算)"
        # …or a notice that stops it (平台暂停对您的账户结算; 迁移期间，甲方的交易资金暂停结算)
        r"|暂停(?:对)?(?:您|你|商户|甲方|乙方)的?(?:账户)?(?:结算|付款|打款|出款)"
        r"|暂停(?:所有|全部)(?:账户)?余额提现"  # (即日起暂停所有账户余额提现，恢复时间另行通知)
        r"|(?:结算款|交易款|资金|款项)(?:暂停|暂缓)(?:结算|支付|付款)"  # (not 因系统故障…资金延迟结算的: a fault)
        # (told as done: 被冻结 for a time or 了, or shown as frozen; not 不会让您的资金被冻结)
        rf"|(?:结算款|交易款|资金|款项|余额|钱|提现){_S}{{0,16}}?(?:被冻结(?=了|至今|到现在|\d|[一二三四五六七八九十两几半]+多?(?:天|个多?月|周))"
        # (…or shown as held: 余额…显示“风控审核中”, APP里显示“结算暂停”)
        r"|显示为?[“\"]?(?:风控)?冻结|显示为?[“\"]?(?:风控审核中|结算暂停|暂停结算))"
        # …or stopped while a review of the provider's lasts: 审核期间结算暂停 (without an end, `_fund_hold`)
        r"|(?P<during>(?:审核|风控|核查|调查)期间,?(?:的)?(?:结算|资金|款项|出款|打款|提现)(?:暂停|暂缓|冻结|中止|停止)"
        r"|(?:审核|风控|核查|调查)期间,?(?:无法|不能)提现)"  # (…解冻时间以审核结果为准，…审核期间无法提现)
        # …or told stopped by the provider's notice (…的结算已暂停，…恢复时间请关注后续通知)
        r"|(?:结算|交易款|资金|款项)(?:已经?|已被)(?:做|作|进行|予以)?(?:暂停|冻结|止付)"  # 资金已做冻结处理
        # …or released as the holder sees fit: 审核结束后“视情况解冻”
        r"|视情况[“\"]?(?:解冻|解除冻结|放款|恢复结算|解除限制)"
        # …or kept on the holder's side, as a chat says it: 钱会先压在我们这边不代付
        r"|(?:钱|资金|款项|结算款|交易款|货款)(?:会|要|就|得|都)?先?(?:压在|押在|扣在|留在|卡在)(?:我们|我司|平台|公司)"
    )), _fund_hold),
}
#: Literals that every match of a category's pattern contains (the patterns run only where one occurs).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "terms.unilateral_change": (
        "调整", "修改", "变更", "更改", "上调", "修订", "调价", "生效", "视为", "通知", "告知", "统一调", "统一改",
        "随市场",
    ),
    "terms.non_refundable": ("退还", "退回", "返还", "退款", "不退", "法退", "不返", "一说", "这回事", "退不", "不给退",
                             "不给返", "能退", "可退", "再退", "持退", "作退", "做退"),  # (不能退的: 能退)
    "terms.auto_renewal": ("自动", "包月", "默认续", "默认为您续", "默认为你续", "后台自己", "系统自己", "自己就续",
                           "自己会续", "自己到", "续上", "又扣", "再扣", "又收", "再收", "续租", "续约", "续期",
                           "续签", "顺延"),
    "terms.penalty": (
        "违约金", "解约金", "罚", "滞纳金", "违约赔偿", "违约补偿", "补偿金", "赔偿金", "解约", "终止", "解除", "退机",
        "撤机", "拆机",
        "注销", "退出", "退还终端", "未达", "未满", "达不到", "没达到", "不足", "低于", "少于", "不到", "不满", "激活",
        "开通", "未使用", "不使用", "没使用", "没有使用", "闲置", "无交易", "未交易", "没有交易",
    ),
    "terms.liability_exclusion": ("责任", "负责", "免责", "无关", "赔偿", "承担", "免于", "之责"),
    "terms.jurisdiction": ("法院", "仲裁"),
    "terms.fund_hold": (
        "暂停", "暂缓", "延迟", "延缓", "冻结", "止付", "截留", "扣留", "暂扣", "中止", "停止", "预留", "留存",
        "视情况", "压在", "押在", "扣在", "留在", "卡在", "风控审核中",
    ),
}
_GATE = KeywordGate(KEYWORDS)

# Sentences that quote a clause as a bad example or warn about it (lawyers' articles, guides).
_SKIP_SENTENCE = re.compile(
    r"反面例子|反例|霸王条款|不公平条款|不合理条款|警惕|谨防|陷阱|骗局|套路|切勿|千万|避坑|律师提醒|要求对方修改"
    # 真正要留心的是相反的写法，比如…“视情况冻结全部资金”: a clause's wording, discussed (not a seller's 大家留意就行)
    r"|留心|留意(?!就行|就好|一下就行)|当心|写法"
)
_REPORTED = re.compile(r"声称|宣称|号称|所谓|口头承诺|市面上|有些|部分(?:代理|机构|商家|业务员)")


def _negated(text: str, m: re.Match[str], lo: int) -> bool:
    return bool(context.negator_before(text, m.start(), lo))


# Categories a complaint shows only by citing the agreement (what was deducted or renewed is evidence by itself;
# a rate that went up is fee.rate_bait, a change clause only as the agreement words it).
_CLAUSE_ONLY = frozenset({"terms.non_refundable", "terms.liability_exclusion", "terms.jurisdiction",
                          "terms.unilateral_change"})
_SIGNED = re.compile(r"《[^》\n]{1,30}》|协议|合同|承诺书|条款|按规定")  # (服务费…按规定不退: a rule cited)
_CITES_TERMS = re.compile(r"合同|协议|条款|约定|写着|写明|注明|规定|规则|确认单|确认书|小字"
                          r"|第[一二三四五六七八九十\d]+条")
# …or by the other side's own words: a chat message the writer did not send (2024-08-12 10:09 POS小王: …扣了之后不退的)
# or what their staff said (客服说扣了就不退).
_WRITER = frozenset({"我", "本人", "自己", "me"})
_THEY_SAID = re.compile(r"(?:业务员|客服|代理商?|经理|对方|工作人员|销售|他们|他|她)[^,。;\n]{0,6}?"
                        r"(?:说|讲|回复|回答|表示|称|告诉我)")


def _their_words(text: str, lo: int, start: int) -> bool:
    """Whether the sentence at `lo` says what the other side said: a chat message under a sender's header that is
    not the writer's, or their staff's words reported before `start`."""
    line = text.rfind("\n", 0, start)
    said = _SPEAKER.match(text, line + 1, start)  # 王：亲，那299是服务费…不能退的 (the sender before the message)
    if said and said.group("who") not in _WRITER and said.group("who") not in _NOT_SPEAKERS:
        return True
    for _ in range(MESSAGE_LINES):  # (a message of several lines: its header is above its first)
        if line <= 0:
            break
        above = text.rfind("\n", 0, line) + 1
        if above == line:
            break  # a blank line ends the message
        m = CHAT_HEADER.fullmatch(text, above, line)
        if m:
            if (m.group("who") or m.group("who2")) not in _WRITER:
                return True
            break
        line = above - 1
    return _THEY_SAID.search(text, lo, start) is not None


MESSAGE_LINES = 6  # lines of a chat message above a sentence read for the message's header
# A chat line led by its sender (王：…, 业务员小李：…), and the labels that lead a line as a sender would (结果：…)
_SPEAKER = re.compile(r"[ \t]*(?P<who>[\u4e00-\u9fffa-z]{1,6}?)[ \t]*:")
_NOT_SPEAKERS = frozenset({
    "结果", "原因", "问题", "注意", "提示", "备注", "总结", "更新", "补充", "时间", "地点", "金额", "标题", "题目",
    "回复", "答", "问", "后来", "现在", "当时", "最后", "然后", "附", "注", "经过", "诉求", "要求", "事情经过",
    "投诉内容", "投诉要求"})


# A fee table's column that asks whether the money comes back (金额 | 是否退还), answered 否 in a row that prices
# something (机具服务费 | 首笔交易时扣收 | 99元 | 否): that money is not refunded. Only when that column is the one
# yes/no question of its table's header, so that no 否 can be another column's (是否必选 | 否 makes a fee optional).
_REFUND_ASKED = re.compile(r"(?:是否|能否|可否)(?:可以)?(?:退还|退回|返还|退款|可退|退)")
_YES_NO_ASKED = re.compile(r"是否|能否|可否|有无")
_NO_CELL = re.compile(r"(?:^|\|)[ \t]*(?P<no>否|不退|不退还|不可退|不予退还)[ \t]*(?=\||$)", re.M)
_PRICED = re.compile(r"\d+(?:\.\d+)?\s*元")


def _refusal_rows(text: str) -> list[TermHit]:
    """Rows of a fee table whose 是否退还 column says 否 (see _REFUND_ASKED), at most three."""
    out: list[TermHit] = []
    for m in _REFUND_ASKED.finditer(text):
        lo = text.rfind("\n", 0, m.start()) + 1
        hi = text.find("\n", m.end())
        hi = len(text) if hi < 0 else hi
        above = text.rfind("\n", 0, max(0, lo - 1)) + 1  # a header of two lines (费用 over 金额 | 是否退还)
        head = text[lo:hi] + ("\n" + text[above:lo] if "|" in text[above:lo] else "")
        if "|" not in text[lo:hi] or len(_YES_NO_ASKED.findall(head)) != 1:
            continue
        row = hi + 1
        while row < len(text):
            end = text.find("\n", row)
            end = len(text) if end < 0 else end
            if "|" not in text[row:end]:
                break
            no = _NO_CELL.search(text, row, end)
            if no is not None and _PRICED.search(text, row, end):
                out.append(TermHit("terms.non_refundable", no.start("no"), no.end("no"), row, end,
                                   f"money paid is not refunded ({text[m.start():m.end()]}: {no.group('no')})"))
                if len(out) == 3:
                    return out
            row = end + 1
    return out


@lru_cache(maxsize=128)
def find_terms(text: str) -> dict[str, tuple[TermHit, ...]]:
    """Every terms.* category's clause hits in normalised `text` (at most three per category)."""
    out: dict[str, tuple[TermHit, ...]] = {}
    kind_of_doc = genre(text)
    if kind_of_doc == "teaching":
        return out
    agents_deal = between_provider_and_agent(text)
    # a fake service message's "过期将无法退还押金" is its lure (promo.fake_service), not a term; what it has the
    # merchant sign (勾选《商户活跃承诺书》：…扣除50元作为违约金) is one
    lure = kind_of_doc != "complaint" and poses_as_service(text)
    spans = _GATE.sentences(text)
    for category, (pattern, judge) in PATTERNS.items():
        if agents_deal and category in _AGENTS_OWN:
            continue
        hits: list[TermHit] = []
        seen: set[int] = set()
        for m in gated(pattern, text, spans.get(category, [])):
            doc = parse(text)  # cached: parsed once, and only when some pattern matched
            clause = doc.clause_at(m.start())
            if clause.start in seen:
                continue
            lo, hi = sentence_bounds(text, m.start(), m.end())
            sentence = text[lo:hi]
            if _SKIP_SENTENCE.search(sentence) or context.is_question(sentence):
                continue
            if kind_of_doc != "complaint" and (_REPORTED.search(sentence)
                                               or context.disowned(sentence, m.start() - lo)):
                continue
            if kind_of_doc == "complaint" and category in _CLAUSE_ONLY and not _CITES_TERMS.search(sentence) \
                    and not _their_words(text, lo, m.start()):
                continue  # "押金不退" in a complaint tells what happened; a clause it cites, or their words, a term
            if _negated(text, m, lo):
                continue
            if lure and not _SIGNED.search(sentence):
                continue
            unit = text[clause.start:clause.end]
            why = judge(doc, m, sentence, unit)
            if why is None:
                continue
            seen.add(clause.start)
            whole = clause.kind != "line" and clause.end - clause.start <= 220  # a web line: quote the sentence
            q_lo, q_hi = (clause.start, clause.end) if whole else (lo, hi)
            hits.append(TermHit(category, m.start(), m.end(), q_lo, q_hi, why))
            if len(hits) == 3:
                break
        if category == "terms.non_refundable" and len(hits) < 3 and kind_of_doc != "complaint" and "否" in text:
            hits += [h for h in _refusal_rows(text) if all(h.lo != k.lo for k in hits)][:3 - len(hits)]
        if hits:
            out[category] = tuple(hits)
    return out


# In an agreement between a provider and an agent (clauses.between_provider_and_agent), penalties and holds bind the
# agent and its commissions; what it says of merchants' fees and refunds is read.
_AGENTS_OWN = frozenset({"terms.penalty", "terms.fund_hold"})


def term_findings(analysis: Analysis, category: str, rule_id: str) -> Iterator[Finding]:
    """One finding per document that shows `category`, quoting up to three clauses."""
    for doc in analysis.documents:
        norm = analysis.normalized(doc)
        if genre(norm.text) == "teaching":
            spans = _GATE.sentences(norm.text).get(category, [])
            yield from teaching_note(analysis, rule_id, doc, norm, PATTERNS[category][0], spans)
            continue
        hits = find_terms(norm.text).get(category, ())
        evidence: list[Evidence] = []
        for h in hits:
            ev = quote(doc, norm, h.lo, h.hi, h.start)
            if all(ev.quote != e.quote for e in evidence):  # a title repeated as heading: quote once
                evidence.append(ev)
        if evidence:
            yield from make(analysis, rule_id, evidence, "; ".join(h.why for h in hits))


@check("terms_unilateral_change")
def unilateral_change(analysis: Analysis) -> Iterator[Finding]:
    """The provider may change rates, fees or terms on its own or by posting a notice."""
    return term_findings(analysis, "terms.unilateral_change", "terms.unilateral-change")


@check("terms_non_refundable")
def non_refundable(analysis: Analysis) -> Iterator[Finding]:
    """Money paid (deposit, service fee) is stated to be non-refundable."""
    return term_findings(analysis, "terms.non_refundable", "terms.non-refundable")


@check("terms_auto_renewal")
def auto_renewal(analysis: Analysis) -> Iterator[Finding]:
    """Automatic renewal or automatic periodic deduction without fresh consent."""
    return term_findings(analysis, "terms.auto_renewal", "terms.auto-renewal")


@check("terms_penalty")
def penalty(analysis: Analysis) -> Iterator[Finding]:
    """Liquidated damages, early-exit charges or deductions for missed volume targets."""
    return term_findings(analysis, "terms.penalty", "terms.penalty")


@check("terms_liability_exclusion")
def liability_exclusion(analysis: Analysis) -> Iterator[Finding]:
    """The provider disclaims liability for its own faults or for the merchant's funds."""
    return term_findings(analysis, "terms.liability_exclusion", "terms.liability-exclusion")


@check("terms_jurisdiction")
def jurisdiction(analysis: Analysis) -> Iterator[Finding]:
    """Disputes go only to the provider's court or to an arbitration body it chose."""
    return term_findings(analysis, "terms.jurisdiction", "terms.jurisdiction")


@check("terms_fund_hold")
def fund_hold(analysis: Analysis) -> Iterator[Finding]:
    """The provider may freeze or delay settlement at its discretion, without limits."""
    return term_findings(analysis, "terms.fund_hold", "terms.fund-hold")
