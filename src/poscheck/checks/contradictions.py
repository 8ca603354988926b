"""Contradictions across one provider's documents: a promise on one page, the opposite in another text.

"免押金" on the landing page and a deposit in the agreement; "一清" in the banner and settlement by
the agent in the contract; "永久0.38%" and a clause letting the provider change rates. Each pair is
reported once per target as one finding in the category of the practice, with two pieces of
evidence side by side (the promise first), possibly from two documents. Promises and practices are
only taken from asserted text of non-teaching documents; the two quotes never overlap or share a
line (a paragraph that frees one product and prices another states two scopes).

Importing this module also registers the terms.* and sales-text checks (`checks.terms`,
`checks.practices`), which the pipeline does not import by name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from poscheck.checks import Analysis, check
from poscheck.checks import practices as _practices  # registers promo/clearing checks
from poscheck.checks import terms as _terms  # registers terms checks
from poscheck.checks.fee_kinds import ONE_CASE_NO_DEPOSIT
from poscheck.checks.textctx import KeywordGate, asserted, genre, make, quote, sentence_bounds
from poscheck.facts.fees import others_table
from poscheck.models import Document, Evidence, Finding
from poscheck.normalize import Normalized
from poscheck.passages import post_starts
from poscheck.textscan import Anchored

_S = r"[^。;\n]"
Spans = Callable[[str], list[tuple[int, int, int]]]


@dataclass(frozen=True)
class Pair:
    """A promise pattern and the practice that breaks it."""

    rule_id: str
    promise: Spans  # where the promise is made: (lo, hi, at) sentence spans
    fee_kinds: tuple[str, ...]  # Fee.kind values (facts) that show the practice
    categories: tuple[str, ...]  # finding categories (text rules) that show the practice
    practice: Spans  # own detection of the practice: (lo, hi, at) sentence spans


def _regex_promise(needles: tuple[str, ...], pattern: re.Pattern[str], ok: Callable[[str], bool],
                   back: int | None = None) -> Spans:
    """Asserted matches of a promise (itself a negation such as 免押金: only what precedes it can deny it).

    Every match contains one of the `needles`, which the checks' shared keyword pass looks for (a text without
    them costs no search of its own). With `back`, the pattern is only tried just before them
    (`textscan.Anchored`): for patterns that start with a choice of words, which `re` cannot skip to."""
    anchored = Anchored(pattern, needles, back) if back is not None else None
    gate = KeywordGate({"promise": needles})

    def find(text: str) -> list[tuple[int, int, int]]:
        if not gate.sentences(text):
            return []
        matches = anchored.finditer(text) if anchored is not None else pattern.finditer(text)
        out = []
        for m in matches:
            lo, hi = sentence_bounds(text, m.start(), m.end())
            if asserted(text, m.start(), m.end(), bounds=(lo, hi))[0] and ok(text[lo:hi]):
                out.append((lo, hi, m.start()))
        return out
    return find


# What a complaint asks for is no one's promise: a list of demands under its heading (我的诉求：⏎一、…；⏎二、无条件为我
# 注销POS机，不收取违约金), or a sentence that asks (督促相关机构把…货款直接结算给我本人)
_DEMAND_HEAD = re.compile(r"(?:^|\n)[ \t]*(?:我的|本人的?|投诉)?(?:诉求|请求|要求)[ \t]*:")
_DEMAND_VERB = re.compile(r"督促|恳请|请求(?:贵|相关|有关)|要求(?:对方|商家|平台|贵)")
DEMAND_BACK = 60  # characters before a promise's sentence in which a list of demands may be headed


def _demanded(text: str, lo: int, at: int) -> bool:
    """Whether the promise at `at` (its sentence from `lo`) is a complaint's demand."""
    return bool(_DEMAND_HEAD.search(text, max(0, lo - DEMAND_BACK), lo + 1) or _DEMAND_VERB.search(text, lo, at))


def _regex_practice(pattern: re.Pattern[str], exclude: re.Pattern[str] | None = None
                    ) -> Spans:
    def find(text: str) -> list[tuple[int, int, int]]:
        out = []
        for m in pattern.finditer(text):
            lo, hi = sentence_bounds(text, m.start(), m.end())
            # the rest of the line too: 缴纳设备押金200元；解约并将设备完好归还后…无息退还 (one item, two sentences)
            line_end = text.find("\n", hi)
            if exclude is not None and exclude.search(text, lo, len(text) if line_end < 0 else max(hi, line_end)):
                continue
            if "|" in text[lo:hi] and others_table(text, text.rfind("\n", 0, lo) + 1):
                continue  # a cell of a table of other brands' prices (| 某A品牌代理 | 某B品牌代理 | …)
            if asserted(text, m.start(), m.end(), bounds=(lo, hi))[0]:
                out.append((lo, hi, m.start()))
        return out
    return find


def _sign_practice(practice: str) -> Spans:
    def find(text: str) -> list[tuple[int, int, int]]:
        return [(s.lo, s.hi, s.start) for s in _practices.signs(text, practice)]
    return find


def _term_practice(category: str) -> Spans:
    def find(text: str) -> list[tuple[int, int, int]]:
        return [(h.lo, h.hi, h.start) for h in _terms.find_terms(text).get(category, ())]
    return find


def _rate_change(text: str) -> list[tuple[int, int, int]]:
    out = _term_practice("terms.unilateral_change")(text)
    return out or _regex_practice(_RATE_CHANGE)(text)


# A promise limited in time ("首年免流量费") is not contradicted by the charge that follows it.
_TIME_BOUND = re.compile(r"首年|首月|前\d+|前[一二三四五六七八九十]+|第一年|第1年|一年内|活动期|限时|新用户|新户")
_CONDITIONAL_REFUND = re.compile(r"刷满|达标|满\d|交易额|累计|交易量|未达")
_NOT_MERCHANT_DEPOSIT = re.compile(r"共享单车|充电宝|租车|顾客|消费者|无息退还|完好|归还")
_RATE_CHANGE = re.compile(
    rf"(?:调整|上调|变更|修改){_S}{{0,10}}?(?:费率|收费标准|手续费)|(?:费率|收费标准|手续费){_S}{{0,8}}?(?:调整|上调|变更)"
)
PAIRS: tuple[Pair, ...] = (
    Pair(
        "contradictions.deposit",
        _regex_promise(("押金",), re.compile(
            r"(?:免|无|不收取?|无需|不需要?|(?<![\d.])0元?|零)\s*(?:设备|机具|终端)?\s*押金"  # not 300元押金
            r"|押金\s*[|:]\s*(?:无|免|0元?|不收取?)"
        ), lambda s: not _TIME_BOUND.search(s) and not ONE_CASE_NO_DEPOSIT.search(s), back=5),  # 不收取设备押金
        ("deposit",), ("fee.deposit",),
        _regex_practice(re.compile(r"(?:押金|激活费|开通服务费|机具服务费|激活服务费)[^。;\n]{0,16}?\d{2,4}(?:\.\d+)?元"),
                        _NOT_MERCHANT_DEPOSIT),
    ),
    Pair(
        "contradictions.data-fee",
        _regex_promise(("流量费", "通讯费", "通信费", "sim"), re.compile(
            r"(?:免|无|不收取?|(?<![\d.])0元?|零)\s*(?:流量费|通讯费|通信费|sim卡?费)"
            r"|(?:流量费|通讯费)\s*[|:]\s*(?:无|免|0元?|不收取?)"
        ), lambda s: not _TIME_BOUND.search(s), back=3),  # 不收取流量费
        ("data",), ("fee.data",),
        # (a sum: not 流量费 | 0元（服务商承担）, the promise itself)
        _regex_practice(re.compile(r"(?:流量费|通讯费|通信费|流量卡费|物联网卡费)[^。;\n]{0,12}?(?<![\d.])[1-9]\d{0,2}(?:\.\d+)?元")),
    ),
    Pair(
        "contradictions.refund",
        _regex_promise(("可退", "随时退", "无条件退", "如数退还", "退机即退", "可以退"), re.compile(
            rf"(?:押金|服务费|激活费|费用){_S}{{0,8}}?(?:随时可退|可随时退|随时退|无条件退|如数退还|退机即退|可以退|可退)"
        ), lambda s: not _CONDITIONAL_REFUND.search(s)),
        (), (),
        _term_practice("terms.non_refundable"),
    ),
    Pair(
        "contradictions.penalty",
        _regex_promise(("违约金", "费用", "手续费"), re.compile(
            rf"(?:退机|解约|注销|终止|退出){_S}{{0,14}}?(?:不收取?|无|免|不产生|无需支付|不需要?支付){_S}{{0,6}}?"
            r"(?:违约金|任何费用|手续费|费用)"
        ), lambda s: True),
        (), (),
        _term_practice("terms.penalty"),
    ),
    Pair("contradictions.one-clear", _sign_practice("one_clear"), (), (), _sign_practice("second_clearing")),
    Pair("contradictions.permanent-rate", _sign_practice("fixed_rate"), (), (), _rate_change),
)


_WHERE = {"two documents": "另一份文件", "one document": "同一份文件的另一处"}
_WHERE_EN = {"two documents": "another document", "one document": "another place in the same document"}


def _same_place(a: Evidence, b: Evidence, docs: dict[str, Document]) -> bool:
    """Overlapping quotes, or two on one line of one document: a paragraph that says 不收流量费 of one product
    and prices another's ("传统大POS…不收流量费；电签机…48元/年") states two scopes, not a contradiction."""
    if a.document != b.document:
        return False
    if a.start < b.end and b.start < a.end:
        return True
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return "\n" not in docs[a.document].text[lo:hi]


def _other_posts(a: Evidence, b: Evidence, docs: dict[str, Document]) -> bool:
    """The two quotes stand in different posts of one forum thread: two people's words, not one provider's
    contradiction."""
    if a.document != b.document:
        return False
    text = docs[a.document].text
    heads = post_starts(text)  # offsets into the document's own text, as the quotes'
    if len(heads) < 2:
        return False
    return bisect.bisect_right(heads, a.start) != bisect.bisect_right(heads, b.start)


def _promises(pair: Pair, docs: list[tuple[Document, Normalized]]) -> list[Evidence]:
    return [quote(doc, norm, lo, hi, at, limit=120) for doc, norm in docs for lo, hi, at in pair.promise(norm.text)
            if not _demanded(norm.text, lo, at)]


def _practices_of(analysis: Analysis, pair: Pair, docs: list[tuple[Document, Normalized]]) -> list[Evidence]:
    out: list[Evidence] = []
    for f in analysis.findings:
        if f.category in pair.categories and f.severity != "info":
            out.extend(f.evidence[:1])
    for fee in analysis.facts.fees:
        if fee.kind in pair.fee_kinds and (fee.amount or 0) > 0 and not fee.refundable:  # 归还后无息退还押金
            out.append(fee.evidence)
    for doc, norm in docs:
        for lo, hi, at in pair.practice(norm.text):
            out.append(quote(doc, norm, lo, hi, at, limit=160))
    return out


def contradiction_findings(analysis: Analysis) -> Iterator[Finding]:
    """One finding per pair whose promise and practice both occur in the target, at different places."""
    docs = [(d, analysis.normalized(d)) for d in analysis.documents]
    docs = [(d, n) for d, n in docs if genre(n.text) != "teaching"]
    teaching = {d.id for d in analysis.documents} - {d.id for d, _ in docs}
    by_id = {d.id: d for d in analysis.documents}
    for pair in PAIRS:
        promises = _promises(pair, docs)
        if not promises:
            continue
        practices = [e for e in _practices_of(analysis, pair, docs) if e.document not in teaching]
        best: tuple[Evidence, Evidence] | None = None
        for p in promises:
            for q in practices:
                if _same_place(p, q, by_id) or _other_posts(p, q, by_id):
                    continue
                if best is None or (p.document != q.document and best[0].document == best[1].document):
                    best = (p, q)
        if best is not None:
            where = "two documents" if best[0].document != best[1].document else "one document"
            yield from make(analysis, pair.rule_id, list(best), f"promise and practice disagree in {where}",
                            promise=best[0].quote, practice=best[1].quote, where=_WHERE[where],
                            where_en=_WHERE_EN[where])


@check("contradictions")
def contradictions(analysis: Analysis) -> Iterator[Finding]:
    """Promises on one page or clause that another page or clause of the same provider contradicts."""
    return contradiction_findings(analysis)
