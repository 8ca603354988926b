"""Document genre and sentence context for the clause and sales-text checks (terms, promo, clearing).

The engine's `rules.context` judges one sentence. Some pages need a judgement about the whole page:
an anti-fraud notice quotes the scam SMS word for word in a bullet list, a lawyer's article quotes
unfair clauses as "反面例子", a legal article retells a cash-out case. `genre()` tells such teaching
pages (warnings, guides, legal articles) from complaints (a merchant reporting what happened to
them, which *is* evidence) and from offers and contracts. `asserted()` adds to the shared negation
handling the prohibitions of contracts (不得…套现), reported speech (声称, 所谓) and conditionals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Literal

from poscheck.checks import Analysis, evidence_for
from poscheck.errors import RuleError
from poscheck.models import Document, Evidence, Finding
from poscheck.normalize import Normalized
from poscheck.rules import context
from poscheck.textscan import Keywords, bounds_in, in_quotes, led, sentence_ends

Genre = Literal["teaching", "complaint", "other"]

# Title words of warnings, guides and news (识别 teaches how to tell; OCR's 识别错误 / 识别后 does not).
_TITLE_TEACH = re.compile(
    r"提示|提醒|谨防|警惕|防范|声明|必读|必看|远离|小心|留意|(?<!拍照)(?<!图片)(?<!文字)(?<!ocr)识别(?!错误|结果|后|有误|率|置信|准确|出)|辨别|如何|怎么|怎样|是什么|什么是|教你|避开|避坑|"
    r"防骗|骗局|骗子|诈骗|套路|揭秘|指南|攻略|科普|课堂|小讲堂|解读|以案说法|律师|法律意见|不公平条款|霸王条款|不合理条款|"
    r"对一对|查一查|自己查|怎么查|手把手|"  # the reader checks their own slip and bill (…三样对一对)
    r"评析|测评报告|调查报告|[一二三四五六七八九十\d]+个问题|千万别|别办|不要办|"
    + "|".join(context.NEWS_TITLES)
)
# A how-to whose object is the practice itself sells it: 教你用智能还款养卡提额 (but 教你识别养卡陷阱 teaches).
_HOWTO_OF_PRACTICE = re.compile(
    r"(?:教你|手把手|如何|怎么|怎样)[^。,?]{0,10}?(?:养卡|提额|代还|套现|跳码|自选商户|选商户)"
    r"|怎么办\?[^。,?]{0,4}?(?:养卡|提额|代还|套现)"  # 信用卡还不上怎么办？智能代还
)
_AVOIDING = re.compile(r"识别|辨别|认出|认清|分辨|鉴别|看穿|揭秘|避开|避免|防|警惕|小心|别|不要|看清|真相|骗|陷阱|风险"
                       r"|违法|犯罪|坑")
_COMPLAINT = re.compile(r"投诉|维权|求助|求懂行|求大神|求指点|求解答|诉求|被.{0,12}骗|骗了我|我被"
                        r"|我(?:就|也|都)?是?(?:上当|受骗|中招)")  # 我就是上当了 (not 千万别上当了)

# Sentence cues on top of rules.context: prohibitions anywhere before the trigger, reported speech,
# quoted bad examples and advice (以…为卖点 describes an offer; a list's own 卖点三: makes one). The ones whose
# alternatives start with groups or look-behinds are `led` (textscan.led); PROHIBITION, all literals, is skipped
# to by `re` itself.
PROHIBITION = re.compile(r"不得|禁止|严禁|不允许|不准|切勿|不要|杜绝|防止|打击|远离|拒绝|谨防|不能|不进行|不从事")
EXTRA_NEGATORS = led(re.compile(
    # (not when it ends in a relative clause that names who the trigger befalls: 没有完成年审的机器会被暂停收款)
    r"(不提供|不通过|不设|不做|不教|不帮|不支持|不经手|不经过|并非|而非|而不是|不是|没有|从未|从不|不会|不再|未曾)"
    r"(?![^。;\n,]*的[^。;\n,的]{1,4}(?:会被|将被|会|将|被|要被)$)[^。;\n,]{0,10}$"
    r"|((?:不会|从不|绝不|决不)以|不让|不许)[^。;\n,]{0,24}$"  # 不会以“系统升级”…为由: the pretext is denied;
    # 不让商户把钱结到别人的卡或者什么钱包里: what is not allowed
))
_EXAMPLE = frozenset({"例如", "比如", "诸如"})
_CONTRAST = re.compile(r"(?:\s|而|却|就)是")  # the other side of 不是X: …而是Y, spoken "不是X 是Y"
REPORTED = led(re.compile(
    r"声称|宣称|号称|所谓|俗称|嫌疑|反面例子|反例|霸王条款|不公平条款|不合理条款|例如|比如|诸如|凡是|凡宣称|一旦发现|建议|"
    r"应当要求|要求对方修改|卖点(?![一二三四五六七八九十\d]{0,2}:)|为幌子|名义|有人自称|有人冒充|接到自称|冒用|假冒|原话|"
    + context.HEARSAY
))
# What is rejected after it is named, in the same clause: 进APP钱包再提现的不要; 能选商户的一律别碰 (not 不要紧)
REJECTED_AFTER = re.compile(
    r"[^,;。!?\n]{0,16}?的,?(?:都|一律|统统|直接|千万|坚决)?(不要(?![紧急慌怕钱])|别要|别办|不能要|不能办|别碰|别信|pass|拉黑)"
)
# 如商户反映资金先到某个APP余额: a case to handle, not one that happened
# (but 你要是想省点，我给你选… offers on the reader's wish: an offer, not a case)
CONDITIONAL = led(re.compile(r"如果(?![你您]?想)|假如|若是|(?<![主只你您])要是|万一|一旦|如发现|如遇|遇到|凡是|是否"
                             r"|有没有|如(?:商户|您|你|客户|用户)[^,。;]{0,8}?(?:反映|反馈|看到|发现|遇到|收到)"))


@lru_cache(maxsize=256)
def genre(text: str) -> Genre:
    """'teaching' for warnings, guides and legal articles; 'complaint' for reports of what happened."""
    head = text[:400]
    first = context.title_line(text)[:120]
    # (…投诉数据报告 is a body's report on complaints, not one)
    kind = context.genre(first)
    titled = kind == "complaint" or (bool(_COMPLAINT.search(first)) and kind != "advisory")
    guide = not context.is_paragraph(first) and (_TITLE_TEACH.search(first) or context.GUIDE_TITLE.search(first))
    teaching_title = bool(guide) and not (_HOWTO_OF_PRACTICE.search(first) and not _AVOIDING.search(first))
    # A warning titled as one (一段真实诈骗录音整理) that retells a near miss (差点被骗走) teaches: its complaint
    # words stand only in the body, and the body teaches too.
    retold = teaching_title and not titled and context.teaches(text)
    # a complaint's title in the first person (说说我的踩坑经历) is one of the story's 我 already
    mine = titled and context.FIRST_PERSON.search(first) is not None
    complaint = ((titled or (bool(_COMPLAINT.search(head)) and not retold))
                 and context.own_story(text, context.OWN_STORY_MIN - 1 if mine else context.OWN_STORY_MIN))
    # a question page's asker (提问者) telling what happened to them reports it, whatever the answers say
    complaint = complaint or (not retold and context.asker_story(text))
    if complaint:
        return "complaint"
    # an export of text messages (短信备份导出) is a record: a warning among its messages (【银联商务】…近期有不法分子
    # 冒用我司名义…) teaches within its own sentences, not the scam's messages around it (a chat among merchants that
    # call a message a scam does teach)
    if teaching_title or context.has_byline(text) or (
            context.teaches(text) and not _agreement(first, text) and not _EXPORTED.search(first)):
        return "teaching"
    return "other"


_EXPORTED = re.compile(r"短信(?:备份|导出|记录)")


# An agreement between parties: its 须知 and compliance clauses (切勿将机具交给他人, 不得为电信网络诈骗…提供收款服务)
# hold warning words, and it still binds the merchant to every other clause.
_AGREEMENT_NAME = re.compile(r"协议|合同|确认书|承诺书|承诺函")


# …but a title that comments on agreements (…合同格式条款的点评意见, 协议调查报告) names no agreement of its own.
_ABOUT_AGREEMENTS = re.compile(r"点评|评析|解读|调查|测评|曝光|盘点|分析")  # (not …协议及风险提示书)


def _agreement(first: str, text: str) -> bool:
    return (bool(_AGREEMENT_NAME.search(first)) and not _ABOUT_AGREEMENTS.search(first)
            and (("甲方" in text and "乙方" in text)
                 or ("本人" in text and ("贵司" in text or "贵公司" in text))))  # (a pledge: 本人…向贵司支付)


def is_agreement(text: str) -> bool:
    """Normalised `text` is an agreement between parties (titled as one, with 甲方 and 乙方)."""
    return _agreement(context.title_line(text)[:120], text)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], split at 。!?; and line breaks."""
    return bounds_in(sentence_ends(text), len(text), start, end)


class KeywordGate:
    """Aho-Corasick over literal keywords that every match of a pattern must contain, so that a pattern
    runs only on the sentences where one of its keywords occurs (CJK alternations are slow in `re`).
    All gates share one automaton and one pass per text (`_shared_sentences`)."""

    def __init__(self, keywords: Mapping[str, Iterable[str]]):
        self.prefix = f"g{len(_REGISTRY)}:"
        _REGISTRY.append({self.prefix + k: tuple(v) for k, v in keywords.items()})
        _automaton.cache_clear()
        _shared_sentences.cache_clear()
        _by_gate.cache_clear()

    def sentences(self, text: str) -> Mapping[str, list[tuple[int, int]]]:
        """For each pattern name, the distinct sentences (lo, hi) that contain one of its keywords (not to be
        changed: every caller of the same text is given the same mapping)."""
        return _by_gate(text).get(self.prefix, _NONE)


_REGISTRY: list[dict[str, tuple[str, ...]]] = []
_NONE: Mapping[str, list[tuple[int, int]]] = {}


@lru_cache(maxsize=1)
def _automaton() -> Keywords[tuple[str, ...]]:
    """One automaton over every gate's keywords, each keyword with the gates that own it."""
    owners: dict[str, set[str]] = {}
    for group in _REGISTRY:
        for name, words in group.items():
            for w in words:
                owners.setdefault(w, set()).add(name)
    return Keywords({w: tuple(sorted(names)) for w, names in owners.items()})


@lru_cache(maxsize=256)
def _shared_sentences(text: str) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    last: dict[str, int] = {}
    lo = hi = -1
    span = (lo, hi)
    ends, n = sentence_ends(text), len(text)
    for start, end, names in _automaton().iter(text):
        if not lo <= start < hi or end > hi:  # hits come in text order: reuse the sentence
            lo, hi = bounds_in(ends, n, start, end)
            span = (lo, hi)
        for name in names:
            if last.get(name) != lo:
                last[name] = lo
                if name in out:
                    out[name].append(span)
                else:
                    out[name] = [span]
    return out


@lru_cache(maxsize=256)
def _by_gate(text: str) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """`_shared_sentences` split by gate once per text (a page is asked by a dozen checks): prefix → name → spans."""
    out: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for key, spans in _shared_sentences(text).items():
        cut = key.index(":") + 1
        out.setdefault(key[:cut], {})[key[cut:]] = spans
    return out


def gated(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` inside the given sentences, in text order."""
    for lo, hi in sorted(spans):
        yield from pattern.finditer(text, lo, hi)


def clause_head(text: str, start: int, lo: int) -> str:
    """The comma-clause text before `start` (within the sentence starting at `lo`)."""
    cut = max(text.rfind(c, lo, start) for c in ",:")
    return text[max(cut + 1, lo):start]


def asserted(text: str, start: int, end: int, *, conditional: bool = False, reported: bool = True,
             warnings: bool = True, bounds: tuple[int, int] | None = None) -> tuple[bool, str]:
    """(True, '') when text[start:end] is claimed in its sentence; else (False, the cue that denied it).

    `bounds`: `sentence_bounds(text, start, end)` when the caller has it already."""
    lo, hi = bounds or sentence_bounds(text, start, end)
    sentence = text[lo:hi]
    neg = context.negator_before(text, start, lo)
    if neg:
        return False, neg
    before = text[lo:start]
    m = PROHIBITION.search(before)
    if m:
        return False, m.group(0)
    m = EXTRA_NEGATORS.search(before)
    if m and not (m.group(1) in ("不是", "并非") and _CONTRAST.search(before, m.end(1))):
        return False, m.group(1) or m.group(2)  # (not 钱不是直接到您卡上 是先进平台APP: the trigger is what it is)
    m = REJECTED_AFTER.match(text, end, hi)
    if m:
        return False, m.group(1)
    if warnings:
        warn = context.warning_in(sentence)
        if warn:
            return False, warn
    if reported:
        # (an example given after the trigger illustrates it: 可以自己挑走哪个行业的商户，比如说您刷大额的时候…)
        m = next((r for r in REPORTED.finditer(text, lo, hi) if r.start() < end or r.group(0) not in _EXAMPLE), None)
        if m:
            return False, m.group(0)
        talk = _quoted_talk(text, start)
        if talk:
            return False, talk
    if conditional:
        m = CONDITIONAL.search(before)
        if m:
            return False, m.group(0)
    if context.is_question(sentence) and not _asked_of_something_else(text, start, end, lo, hi) \
            and not context.SURPRISE.search(sentence):
        return False, "?"
    return True, ""


# Sales talk quoted under a line that names it as such (二清机常见的宣传话术⏎“费率超低，还能自选商户”…): cited,
# not said.
# (not a script's own title, 电销话术 or 【外呼话术】: its quoted lines are the caller's words)
_TALK = re.compile(r"常见的?(?:宣传|推销|营销)?(?:话术|说法|说辞)|宣传话术|推销话术|宣传语|套路")


def _quoted_talk(text: str, start: int) -> str:
    """The word that names the quotation around `start` as someone's sales talk, in its line before the quotation
    or in the line above; '' when there is none."""
    line = text.rfind("\n", 0, start) + 1
    above = text.rfind("\n", 0, max(0, line - 1)) + 1
    m = _TALK.search(text, above, start)
    return m.group(0) if m and in_quotes(text, start, line) else ""


_WH = re.compile(r"什么|怎么|为什么|为啥|到底|哪家|哪个|哪里|谁|咋")
_CLAUSE_MARK = re.compile(r"[,，;；:：]|(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])")


def _asked_of_something_else(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """A sentence that ends in a wh-question in a clause of its own asks about something else: in
    "签购单上的商户名是…超市，我开的是奶茶店，这到底是哪家在收我的钱？" the slip's name is stated, not asked; so does
    one that ends by asking for a judgement of what it told ("…是一个叫周丽的人转给我的 这正常吗"), or politely asks
    a question of its own (…，请问是本人吗？), or asks "A not A" of its own in its last clause
    (钱先进我们公司平台账户的，…，你看APP里面“余额”有没有). A chat's spaces part clauses too."""
    cuts = [m.start() for m in _CLAUSE_MARK.finditer(text, end, hi)]
    if not cuts:
        return False
    own_lo = max([m.end() for m in _CLAUSE_MARK.finditer(text, lo, start)], default=lo)
    own = text[own_lo:cuts[0]]
    if _WH.search(own) or re.search(r"吗|呢|么", own):
        return False
    return bool(_WH.search(text, cuts[-1], hi) or _JUDGEMENT_ASKED.match(text, cuts[-1] + 1, hi)
                or _POLITE_ASK.match(text, cuts[-1] + 1, hi)
                or context.A_NOT_A.search(text[cuts[-1]:hi].rstrip("? \n\t")))


# A polite question of its own after what was told: "这里是…客服中心，…，请问是本人吗？".
_POLITE_ASK = re.compile(r"\s*请问")
# Asking for a judgement of what was just told: 这正常吗, 这样合法吗, 这是不是二清.
_JUDGEMENT_ASKED = re.compile(
    r"\s*(?:请问)?这(?:样|个|种情况)?(?:正常|对|合法|合规|合理|靠谱|是二清|是不是二清|是跳码|是不是跳码)"
)


def quote(doc: Document, norm: Normalized, lo: int, hi: int, at: int, *, limit: int = 200) -> Evidence:
    """Evidence for normalised text[lo:hi], trimmed and bounded around `at`, mapped to the original."""
    text = norm.text
    while lo < hi and text[lo] in " \t\n|,;:。":
        lo += 1
    while hi > lo and text[hi - 1] in " \t\n|":
        hi -= 1
    if hi - lo > limit:
        lo = max(lo, min(at, hi - limit) - limit // 4)
        hi = min(hi, lo + limit)
    start, end = norm.orig_span(lo, hi)
    return evidence_for(doc, start, end)


def make(analysis: Analysis, rule_id: str, evidence: list[Evidence], explanation: str,
         **fmt: str) -> list[Finding]:
    """One finding for `rule_id` if the rule is loaded (a draft or removed rule yields nothing)."""
    try:
        analysis.rules.get(rule_id)
    except RuleError:  # the rule is not in this rule set (draft or removed)
        return []
    return [analysis.finding(rule_id, evidence[:3], explanation=explanation, **fmt)]


TEACHING_NOTE = "这是一篇提醒、指南或报道，文中以警示或说明的口吻提到这种做法，并不是在提供它：{quote}"
TEACHING_NOTE_EN = (
    "A warning, guide or news page: it mentions the practice to warn about or explain it, not to offer it: {quote}"
)


def teaching_note(analysis: Analysis, rule_id: str, doc: Document, norm: Normalized,
                  pattern: re.Pattern[str], spans: list[tuple[int, int]]) -> list[Finding]:
    """An `info` note for a teaching page that mentions the practice (first mention quoted)."""
    for m in gated(pattern, norm.text, spans):
        lo, hi = sentence_bounds(norm.text, m.start(), m.end())
        ev = quote(doc, norm, lo, hi, m.start(), limit=160)
        return make(analysis, rule_id, [ev], "mentioned on a warning, guide or news page",
                    message=TEACHING_NOTE.replace("{quote}", ev.quote),
                    message_en=TEACHING_NOTE_EN.replace("{quote}", ev.quote), severity="info")
    return []
