"""Site checks: impersonation of an institution's official site, and missing or invalid operator identity.

Impersonation has two forms: (1) a page whose title, heading or first-person sentence calls itself an
institution's 官网/官方/总部/直营 while served from a domain the institution does not own; (2) a text
that names some domain as an institution's official site or application entrance when that domain is
not the institution's (works without a URL: the text names the domain). Operator identity is judged
over all pages of a target: one page with the company name and ICP number is enough.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from poscheck.checks import Analysis, check, evidence_for
from poscheck.checks import sensitive as _sensitive  # noqa: F401  (registers site_sensitive_data)
from poscheck.checks.identity_facts import (
    ICP_PROBLEM,
    BrandHit,
    brand_hits,
    brand_ok,
    entities,
    lookalike_how,
    mentions,
    uscc_pilot_problem,
    uscc_problem,
)
from poscheck.checks.textctx import genre
from poscheck.checks.who import ensure_identity
from poscheck.domains import host_of, lookalike, official_for, registrable_domain
from poscheck.identity import normalized
from poscheck.models import Document, Evidence, Finding
from poscheck.normalize import Normalized, normalize_document
from poscheck.registry import Institution, Registry
from poscheck.rules import context
from poscheck.textscan import led, sentence_at

# What follows a claim that names the official site as some domain, not as this page: 官方网站为 www.lakala.com
_POINTS_TO = re.compile(r"\s*(?:为|是|就是|:)\s*(?:https?://)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
# (not 与通联官方收费确认单一致, 官方APP: a document or app of the institution's own that the page points to)
_CLAIM = re.compile(r"官网|官方网站|官方(?!授权|合作|认证|信息|渠道核实|收费|标准|确认|app|文件|价格)|总部|直营")
# A page that says what it is not (本站…不是通联支付官网; 非通联支付官方网站) claims to be no one's site.
_NOT_OFFICIAL = re.compile(r"(?:本站|本网站|本网|我们|我司|本公司)[^。\n]{0,24}?(?:不是|并非|非)[^。,;\n]{0,10}?"
                           r"(?:官网|官方网站)")
_ENTRANCE = re.compile(
    r"官网|官方网站|官方(?:申请|办理)?(?:入口|平台|网址|网站|渠道)|申请入口|办理入口|领取入口"
)
_FIRST_PERSON = re.compile(r"本站|本网|本中心|本平台|本通道|本页面|本公司|我司|我们是|欢迎来到|欢迎光临|欢迎访问")
_NEGATION = led(re.compile(  # led: some of its words start with groups (textscan.led)
    r"非(?=[^常凡法]{0,8}(?:官网|官方))|"
    r"不是|并非|非官方|不属于|冒充|假冒|仿冒|谨防|警惕|骗|自称|声称|为准|核实|举报|投诉|无关"
    # "本站为服务商网站，官方渠道请访问随行付官网": the page says what it is and sends the reader elsewhere
    # (…您可以在国通星驿官网…核对您的签约信息: the reader is sent to the official site to check this one)
    r"|(?:本站|本网站|本网)(?:为|是|系)[^。]{0,14}(?:服务商|代理商|代理)"
    r"|(?:请|可)(?:访问|前往|登录|移步)[^。]{0,12}(?:官网|官方)"
    r"|(?:请|可以?)(?:在|到)[^。本我]{0,12}(?:官网|官方网站)[^。]{0,30}?(?:核对|核实|查询|查验)"
))
_STOPS = frozenset("。！？!?\n")  # sentence stops (`textscan.sentence_at`)
_SEPARATORS = set("，,。;；|｜_—·!！?？:：\n()（）【】")
# …but a middle dot between a brand and what follows it names a part of it: "中国银联 · 商户服务中心（官方）"
_SEPARATORS_AFTER = _SEPARATORS - {"·"}
_QUOTES = {"「": "」", "“": "”", "『": "』", '"': '"'}
_OPERATOR_CONTEXT = re.compile(r"版权|©|copyright|运营|主办|主体|公司地址|备案")


@dataclass(frozen=True)
class _Claim:
    doc: Document
    start: int  # original offsets of the quoted claim
    end: int
    inst: Institution
    brand: str
    domain: str  # the domain that is presented as the institution's


BANNER_LINES = 3  # the page's first lines …
BANNER_MAX = 30  # … that are this short are its banner, however the page marks them up (<div class="hd">)


def _heading(doc: Document, norm: Normalized, pos: int) -> bool:
    """Is the normalised line holding `pos` a heading? The first line, title/heading blocks and the short lines of
    the page's banner are."""
    text = norm.text
    line = text.rfind("\n", 0, pos) + 1
    if line == 0 or (line <= BANNER_LINES * BANNER_MAX and text.count("\n", 0, line) < BANNER_LINES
                     and 0 <= text.find("\n", line) - line <= BANNER_MAX):
        return True
    return norm.orig_span(line, line + 1)[0] in {b.start for b in doc.blocks if b.kind in ("title", "heading")}


def _quoted(text: str, start: int) -> bool:
    for open_q, close_q in _QUOTES.items():
        o = text.rfind(open_q, 0, start)
        if o >= 0 and text.find(close_q, o + 1) >= start and (open_q != '"' or text.count('"', 0, start) % 2):
            return True
    return False


def _brands_in(every: tuple[BrandHit, ...], text: str, lo: int, hi: int) -> list[BrandHit]:
    """The brands of `every` (the text's brand hits) that lie in text[lo:hi] and really name the brand."""
    found: list[BrandHit] = []
    first = bisect.bisect_left(every, (lo,))
    inside = [h for h in every[first:bisect.bisect_left(every, (hi,))] if h[1] <= hi]
    # Longest first, as before: a full name wins over the brand inside it.
    for s, e, brand, inst in sorted(inside, key=lambda h: (-(h[1] - h[0]), h[0])):
        if not brand_ok(text, s, e, brand):
            continue
        if not any(a <= s < b or a < e <= b for a, b, _, _ in found):
            found.append((s, e, brand, inst))
    return sorted(found)


def _self_claims(doc: Document, url: str, reg: Registry) -> Iterator[_Claim]:
    """Form 1: the page calls itself an institution's official site/channel on a domain it does not own. A complaint
    page does not: the 总部 or 官方 it names is who deceived its writer (被“银联商务总部”忽悠换了新机)."""
    if genre(normalize_document(doc.text, doc.kind).text) == "complaint":
        return
    norm = normalized(doc.text)
    text = norm.text
    if ("官网" in text or "官方网站" in text) and _NOT_OFFICIAL.search(text):  # (every match holds one)
        return
    # An IP address or localhost is nobody's official domain: keep the host so the claim is judged.
    served = registrable_domain(url) or host_of(url)
    every = brand_hits(text, reg)
    done = 0
    for hit in every:  # only sentences that name a brand can hold a claim
        if hit[0] < done or text[hit[0]] in _STOPS:
            continue
        s_lo, s_hi = sentence_at(text, hit[0])
        done = s_hi
        sentence = text[s_lo:s_hi]
        if (not (_heading(doc, norm, s_lo) or _FIRST_PERSON.search(sentence)) or _NEGATION.search(sentence)
                or context.is_question(sentence)):  # 问：你们是拉卡拉官方吗？ asks, and the answer may deny it
            continue
        for b_start, b_end, _brand, inst in _brands_in(every, text, s_lo, s_hi):
            claim = _claim_after(text, b_end, s_hi) or _claim_before(text, b_start, s_lo)
            if claim is None or _quoted(text, b_start):
                continue
            c_start, c_end = claim
            if _POINTS_TO.match(text, c_end):
                continue  # 拉卡拉官方网站为 www.lakala.com: a domain named as the official one (form 2 judges it)
            q_start, q_end = norm.orig_span(min(b_start, c_start), max(b_end, c_end))
            yield _Claim(
                doc,
                q_start,
                q_end,
                inst,
                doc.text[norm.orig_span(b_start, b_end)[0] : norm.orig_span(b_start, b_end)[1]],
                served,
            )
            break


def _claim_after(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    m = _CLAIM.search(text, pos, min(limit, pos + 14))
    # a claim may open a bracket of its own: "中国银联商户服务中心（官方登记入口）"
    if m and not any(ch in _SEPARATORS_AFTER for ch in text[pos : m.start()].removesuffix("(")):
        return m.span()
    return None


def _claim_before(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    found = list(_CLAIM.finditer(text, max(limit, pos - 4), pos))
    m = found[-1] if found else None
    if m and not any(ch in _SEPARATORS for ch in text[m.end() : pos]):
        return m.span()
    return None


def _named_domains(doc: Document, reg: Registry) -> Iterator[_Claim]:
    """Form 2: a sentence presents some domain as an institution's official site / application entrance."""
    norm = normalized(doc.text)
    text = norm.text
    domain_ents = [e for e in entities(doc) if e.kind == "domain"]
    done = 0
    for claim in _ENTRANCE.finditer(text) if domain_ents else ():  # a claim never spans a sentence stop
        c_pos = claim.start()
        if c_pos < done:
            continue
        s_lo, s_hi = sentence_at(text, c_pos)
        if _NEGATION.search(text[s_lo:s_hi]):
            done = s_hi
            continue
        doms = [e for e in domain_ents if _within(norm, e.evidence.start, s_lo, s_hi)]
        doms = [e for e in doms if abs(norm.norm_pos(e.evidence.start) - c_pos) <= 40]
        brands = [b for b in _brands_in(brand_hits(text, reg), text, s_lo, s_hi) if abs(b[0] - c_pos) <= 60]
        if not doms or not brands:
            continue
        b_start, b_end, _brand, inst = min(brands, key=lambda b: (b[3].network, abs(b[0] - c_pos)))
        dom = min(doms, key=lambda e: abs(norm.norm_pos(e.evidence.start) - c_pos))
        q_start = min(norm.orig_span(b_start, b_end)[0], dom.evidence.start)
        q_end = max(norm.orig_span(b_start, b_end)[1], dom.evidence.end)
        yield _Claim(
            doc, q_start, q_end, inst, doc.text[slice(*norm.orig_span(b_start, b_end))], dom.value
        )
        done = s_hi  # one claim per sentence


def _within(norm: Normalized, orig: int, lo: int, hi: int) -> bool:
    return lo <= norm.norm_pos(orig) < hi


# (document, URL) → (registry, its claims): both impersonation checks ask; the registry is kept so its
# id cannot be reused.
_CLAIMS: dict[tuple[Document, str | None], tuple[Registry, tuple[_Claim, ...]]] = {}


def _doc_claims(doc: Document, url: str | None, reg: Registry) -> tuple[_Claim, ...]:
    """The claims of both forms in `doc` served from `url`, computed once per document and registry."""
    hit = _CLAIMS.get((doc, url))
    if hit is None or hit[0] is not reg:
        if len(_CLAIMS) > 256:
            _CLAIMS.clear()
        found = (*(_self_claims(doc, url, reg) if url else ()), *_named_domains(doc, reg))
        hit = _CLAIMS[(doc, url)] = (reg, found)
    return hit[1]


def _claims(analysis: Analysis) -> Iterator[tuple[_Claim, bool | None, bool]]:
    """Each official-site claim, whether the domain is the institution's, and whether the page names itself."""
    seen: set[tuple[str, int]] = set()
    for doc in analysis.documents:
        url = analysis.url_of(doc)
        for c in _doc_claims(doc, url, analysis.registry):
            if (doc.id, c.start) in seen or not c.domain:
                continue
            seen.add((doc.id, c.start))
            own = official_for(c.domain, c.inst)
            yield c, own, bool(url and c.domain == registrable_domain(url))


def _form(itself: bool) -> dict[str, str]:
    """The `{form}` of the claim messages: the page names itself, or presents some other domain."""
    if itself:
        return {"form": "本站自称", "form_en": "names itself"}
    return {"form": "这段文字声称", "form_en": "presents"}


def _brand(c: _Claim) -> str:
    """The institution's main brand for messages (银联商务, not the matched variant 银联商务POS)."""
    return next((b for b in c.inst.brands if not b.isascii()), c.brand)


@check("site_impersonation")
def impersonation(analysis: Analysis) -> Iterator[Finding]:
    """Official-site claims for an institution on (or pointing to) a domain it does not own."""
    ensure_identity(analysis)
    reg = analysis.registry
    done: set[tuple[str, str]] = set()
    for c, own, itself in _claims(analysis):
        if own is not False or (c.doc.id, c.domain + c.inst.key) in done:
            continue
        done.add((c.doc.id, c.domain + c.inst.key))
        look = lookalike(c.domain, reg)
        extra = extra_en = ""
        # A near spelling of another brand beside a claim to be this one says nothing about the claim.
        if look and (look.institution == c.inst.name or look.how == "contains"):
            extra = f"；{c.domain} 是仿照{look.imitates}的域名（{lookalike_how(look)[0]}）"
            extra_en = f"; {c.domain} is a look-alike of {look.imitates} ({look.how})"
        yield analysis.finding(
            "site.impersonation",
            [evidence_for(c.doc, c.start, c.end)],
            brand=_brand(c),
            domain=c.domain,
            official="、".join(c.inst.domains),
            lookalike=extra,
            lookalike_en=extra_en,
            **_form(itself),
            explanation=f"official-site claim for {c.inst.name}; its domains: {', '.join(c.inst.domains)}",
        )


def _enabled(analysis: Analysis, rule_id: str) -> bool:
    """Info rules may be switched off (not loaded); their checks then stay silent."""
    return any(r.id == rule_id for r in analysis.rules)


@check("site_impersonation_unverified")
def impersonation_unverified(analysis: Analysis) -> Iterator[Finding]:
    """Official-site claims for an institution whose own domains are not in the data (info)."""
    if not _enabled(analysis, "site.impersonation-unverified"):
        return
    for c, own, itself in _claims(analysis):
        if own is None:
            yield analysis.finding(
                "site.impersonation-unverified",
                [evidence_for(c.doc, c.start, c.end)],
                brand=_brand(c),
                domain=c.domain,
                **_form(itself),
            )


@check("site_lookalike_domain")
def lookalike_domain(analysis: Analysis) -> Iterator[Finding]:
    """A page served from a domain that borrows an institution's brand (info; not a claim by itself)."""
    if not _enabled(analysis, "site.lookalike-domain"):
        return
    reg = analysis.registry
    for doc in analysis.documents:
        url = analysis.url_of(doc)
        look = lookalike(url, reg) if url else None
        if look is not None:
            how, how_en = lookalike_how(look)
            yield analysis.finding(
                "site.lookalike-domain",
                [_headline(doc)],
                domain=look.domain,
                brand=look.imitates,
                how=how,
                how_en=how_en,
                token=look.token,
            )
            return


def _headline(doc: Document) -> Evidence:
    line = doc.text.split("\n", 1)[0]
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    if end <= start:
        stripped = doc.text.strip()
        start = doc.text.find(stripped[:1]) if stripped else 0
        end = min(len(doc.text), start + 40)
    return evidence_for(doc, start, min(end, start + 80))


def _footer(doc: Document) -> Evidence:
    lines = [m for m in re.finditer(r"[^\n]+", doc.text) if m.group(0).strip()]
    if not lines:
        return evidence_for(doc, 0, 0)
    m = lines[-1]
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    return evidence_for(doc, start, m.start() + len(m.group(0).rstrip()))


def _site_docs(analysis: Analysis) -> list[Document]:
    return [d for d in analysis.documents if analysis.url_of(d)]


def _operator_named(analysis: Analysis, docs: list[Document]) -> tuple[bool, bool]:
    """(has a well-formed ICP number, names an operating company) over all pages of the target."""
    reg = analysis.registry
    icp = company = False
    for doc in docs:
        ents = entities(doc)
        icp = icp or any(e.kind in ("icp", "icp_licence") and e.valid for e in ents)
        for m in mentions(doc, reg):
            if m.kind != "company":
                continue
            context = doc.text[max(0, m.start - 20) : m.end + 12].lower()
            if m.institution is None or _OPERATOR_CONTEXT.search(context):
                company = True
    return icp, company


@check("site_no_operator")
def no_operator(analysis: Analysis) -> Iterator[Finding]:
    """Neither a company name nor an ICP number anywhere on the target's pages."""
    ensure_identity(analysis)
    docs = _site_docs(analysis)
    if not docs:
        return
    icp, company = _operator_named(analysis, docs)
    if not icp and not company:
        yield analysis.finding(
            "site.no-operator",
            [_footer(docs[0])],
            domain=registrable_domain(analysis.url_of(docs[0]) or "") or "",
            explanation="no company name and no ICP filing number found",
        )


@check("site_no_icp")
def no_icp(analysis: Analysis) -> Iterator[Finding]:
    """A company is named but no ICP filing number is shown (info)."""
    if not _enabled(analysis, "site.no-icp"):
        return
    docs = _site_docs(analysis)
    if docs:
        icp, company = _operator_named(analysis, docs)
        if company and not icp and not any(e.kind == "icp" for d in docs for e in entities(d)):
            yield analysis.finding("site.no-icp", [_footer(docs[0])])


@check("site_invalid_uscc")
def invalid_uscc(analysis: Analysis) -> Iterator[Finding]:
    """A 统一社会信用代码 whose GB 32100-2015 check character is wrong."""
    ensure_identity(analysis)
    for doc in _site_docs(analysis):
        for e in entities(doc):
            if e.kind == "uscc" and e.valid is False:
                problem, problem_en = uscc_problem(e.value)
                yield analysis.finding(
                    "site.invalid-uscc", [e.evidence], code=e.value, problem=problem, problem_en=problem_en
                )


@check("site_uscc_pilot")
def uscc_pilot(analysis: Analysis) -> Iterator[Finding]:
    """A USCC that fails the check but may be an early pilot-region code (info: verify, do not reject)."""
    if not _enabled(analysis, "site.uscc-pilot"):
        return
    for doc in _site_docs(analysis):
        for e in entities(doc):
            if e.kind == "uscc" and e.valid is None:
                problem, problem_en = uscc_pilot_problem(e.value)
                yield analysis.finding(
                    "site.uscc-pilot", [e.evidence], code=e.value, problem=problem, problem_en=problem_en
                )


@check("site_malformed_icp")
def malformed_icp(analysis: Analysis) -> Iterator[Finding]:
    """An ICP filing number without the province abbreviation (京ICP备…号)."""
    ensure_identity(analysis)
    for doc in _site_docs(analysis):
        for e in entities(doc):
            if e.kind == "icp" and e.valid is False:
                yield analysis.finding(
                    "site.malformed-icp",
                    [e.evidence],
                    number=e.evidence.quote,
                    problem=ICP_PROBLEM[0],
                    problem_en=ICP_PROBLEM[1],
                )
