"""Split a contract into numbered clauses and work out which party is the merchant and which the provider.

Works on normalised text (`poscheck.normalize`: half-width, simplified, lower-case), so offsets are
normalised offsets; map them back with `Normalized.orig_span`. Markers are recognised at line starts:
第X条 (Chinese or Arabic numerals), 一、, 1.1 / 1.1.1, 1. / 1、 / 1), (一) / (1), ①. Marker kinds are
ranked by first appearance (the first kind seen is the top level), a clause that ends with a colon
absorbs the list items under it, and each clause knows its article (the enclosing top-level clause).
A text without clause structure (a web page) is cut into lines instead.

Party letters are not consistent across agreements: the merchant is 甲方 in about half of them and
乙方 in the rest. `Parties` resolves them from the defining sentences — 甲方(特约商户), 乙方:XX支付有限公司,
"XX公司(以下称“乙方”)" — so that a check knows whether "甲方有权调整费率" means the provider.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from poscheck.textscan import sentence_ends

Role = Literal["merchant", "provider"]

_CN = "一二三四五六七八九十百零〇两"
_MARK = re.compile(
    rf"""\n[ \t]*(?:
      (?P<art>第[{_CN}\d]{{1,4}}条)
     |(?P<chap>第[{_CN}\d]{{1,3}}[章节])
     |(?P<cn>[一二三四五六七八九十]{{1,3}}[、.](?!\d))
     |(?P<dec2>\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}})(?=[ \t\u4e00-\u9fff(])
     |(?P<dec>\d{{1,2}}\.\d{{1,2}})(?=[ \t\u4e00-\u9fff(])
     |(?P<num>\d{{1,2}})[、.)](?![\d%])
     |(?P<par>\((?:[一二三四五六七八九十]{{1,3}}|\d{{1,2}})\))
     |(?P<circ>[①-⑳])
    )""",
    re.X,
)
# A decimal clause number glued to the previous line's heading by a PDF line join ("结算3.1 甲方…").
_GLUED_DEC = re.compile(r"(?P<dec>\d{1,2}\.\d{1,2})(?=[ \t])")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# ---- party roles -------------------------------------------------------------------------------
_LETTERS = ("甲方", "乙方", "丙方")
_PAREN_DEF = re.compile(r"([甲乙丙]方)[ \t]*\(([^()\n]{1,24})\)")
_COLON_DEF = re.compile(r"(?m)^[ \t]*([甲乙丙]方)[ \t]*(?:\([^()\n]{1,24}\))?[ \t]*:[ \t]*([^\n]{0,60})")
_SECOND_DEF = re.compile(r"(?:^|\s)([甲乙丙]方)[ \t]*(?:\([^()\n]{1,24}\))?[ \t]*:[ \t]*([^\n]*)")
# 出租方（甲方）, 承租方（乙方）: the side named first, its letter after it.
_ROLE_THEN_LETTER = re.compile(r"([\u4e00-\u9fff]{1,4}方)[ \t]*\(([甲乙丙]方)\)")
_ALIAS_DEF = re.compile(r"\((?:以下|下文)(?:简)?称(?:为)?[“\"'「]?([甲乙丙]方)[”\"'」]?([^()\n]{0,20})\)")
_SIGNATURE = re.compile(r"盖章|签字|签章|签名|公章|签署")
_MERCHANT_WORD = re.compile(r"特约商户|商户|商家|用户|客户|经营者|个体|您|承租")
_PROVIDER_WORD = re.compile(r"收单|机构|服务商|服务方|银行|支付|平台|代理|我司|本公司|出租")
_PROVIDER_NAME = re.compile(r"支付|银行|支行|收单|科技|信息|网络|商务服务|服务有限公司|集团|技术")
_COMPANY = re.compile(r"公司|银行|支行|分行")  # a defining line that names a firm (not 见下表, not a blank)
_MERCHANT_NAME = re.compile(r"店|经营部|商行|门市|工作室|餐厅|餐馆|超市|酒店|饭店|个体|_{3,}|以《|申请表|申领人|申请人")

# An agreement between a provider and an agent or promotion partner (收单业务推广合作协议, 乙方（推广合作方）), with no
# merchant among its parties.
_AGENT_AGREEMENT = re.compile(r"[甲乙丙]方\s*\((?:推广合作方|推广方|代理商?|合作代理|渠道商?|合伙人|分销商)\)"
                              r"|(?:推广合作|代理商?合作|渠道合作|合伙人|代理)协议")
_MERCHANT_PARTY = re.compile(r"[甲乙丙]方\s*\(?(?:特约)?商户|商户\s*\(?[甲乙丙]方")
AGREEMENT_HEAD = 400  # characters of an agreement's title and parties

#: Party words that always name one side, whatever the letters mean.
PROVIDER_TERMS: tuple[str, ...] = (
    "我司", "本公司", "我公司", "本平台", "平台", "服务商", "收单机构", "代理商", "支付机构", "我们",
)
MERCHANT_TERMS: tuple[str, ...] = ("特约商户", "商户", "商家", "您", "用户", "经营者")
# A party right after one of these prepositions is its object, not the one acting: 甲方对乙方在使用中发生的损失均不承担.
_OBJECT_OF = frozenset("对向给为替")
PARTY_WORD = re.compile(
    r"甲方|乙方|丙方|我司|本公司|我公司|本平台|平台|服务商|收单机构|代理商|支付机构|我们|特约商户|商户|商家|您|用户|经营者"
)

_SUBJECT_NEXT = re.compile(  # past an adverb: 商户也可, 双方均应
    r"(?:\([^()\n]{1,12}\))?\s*(?:也|亦|还|均|都)?(?:有权|可以|可|应当|应|须|需|将|得|不|无|概|保留|根据|认为|对|因|负责|承诺|同意|委托|"
    r"自行|随时|单方|免除|拒绝|在)"
)


def between_provider_and_agent(text: str) -> bool:
    """Normalised `text` is an agreement between a provider and an agent, by its title and parties (read from its
    head alone, without parsing it: a check asks before it knows any clause matters)."""
    head = text[:AGREEMENT_HEAD]
    return _AGENT_AGREEMENT.search(head) is not None and _MERCHANT_PARTY.search(head) is None


@dataclass(frozen=True)
class Clause:
    """One clause (or line, for unstructured text) in normalised offsets."""

    start: int
    end: int
    label: str  # the marker as written (第三条, 3.2, (一)), '' for preamble or a plain line
    kind: str  # art | chap | cn | dec | dec2 | num | par | circ | preamble | line
    rank: int  # 0 = top level; -1 for preamble / lines
    article_start: int
    article_end: int


@dataclass(frozen=True)
class Parties:
    """Which letter is the merchant and which the provider, and how that was decided."""

    roles: dict[str, Role] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # the firm a letter's defining line names (乙方：XX科技公司)

    @property
    def merchant(self) -> str | None:
        return next((k for k, v in self.roles.items() if v == "merchant"), None)

    @property
    def provider(self) -> str | None:
        return next((k for k, v in self.roles.items() if v == "provider"), None)

    def role(self, word: str) -> Role | None:
        """The role a party word stands for: 甲方/乙方 by the definitions, 我司/商户 … always."""
        if word in _LETTERS:
            return self.roles.get(word)
        if word in PROVIDER_TERMS:
            return "provider"
        if word in MERCHANT_TERMS:
            return "merchant"
        return None


@dataclass(frozen=True)
class ClauseDoc:
    """A parsed text: its clauses, sentence ends and resolved parties."""

    text: str
    clauses: tuple[Clause, ...]
    parties: Parties
    is_contract: bool
    _starts: tuple[int, ...]
    _sentence_ends: tuple[int, ...]

    def clause_at(self, pos: int) -> Clause:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.clauses[max(i, 0)]

    def sentence(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Bounds of the sentence(s) around text[start:end] (split at 。!?; and line breaks)."""
        end = start if end is None else end
        ends = self._sentence_ends
        i = bisect.bisect_right(ends, start)
        lo = ends[i - 1] if i > 0 else 0
        j = bisect.bisect_left(ends, max(end, start + 1))
        hi = ends[j] if j < len(ends) else len(self.text)
        return lo, hi

    def subject_before(self, pos: int, lo: int) -> tuple[str, Role | None]:
        """The acting party before `pos` (the last party word in text[lo:pos] followed by a modal or
        verb such as 有权/可/应/不/认为, past an optional "(role)"), with its role; '' when none."""
        word = ""
        for m in PARTY_WORD.finditer(self.text, lo, pos):
            if _SUBJECT_NEXT.match(self.text, m.end()) and self.text[m.start() - 1:m.start()] not in _OBJECT_OF:
                word = m.group(0)
        return word, (self.parties.role(word) if word else None)


def _role_of_label(label: str) -> Role | None:
    if _SIGNATURE.search(label):
        return None
    if _MERCHANT_WORD.search(label) and "服务商" not in label:
        return "merchant"
    if _PROVIDER_WORD.search(label):
        return "provider"
    return None


def _role_of_name(name: str) -> Role | None:
    name = name.strip()
    if not name or _MERCHANT_NAME.search(name):
        return "merchant" if name else None
    if _PROVIDER_NAME.search(name):
        return "provider"
    return "merchant" if re.match(r"(?:特约)?商户", name) else None


def parse_parties(text: str) -> Parties:
    """Resolve 甲方/乙方 roles from their defining sentences (first 3,000 characters and signatures)."""
    votes: dict[str, dict[Role, int]] = {}
    how: dict[str, str] = {}

    def vote(letter: str, role: Role | None, weight: int, why: str) -> None:
        if role is None:
            return
        votes.setdefault(letter, {}).setdefault(role, 0)
        votes[letter][role] += weight
        how.setdefault(letter, why)

    head = text[:3000]
    for m in _PAREN_DEF.finditer(head):
        vote(m.group(1), _role_of_label(m.group(2)), 3, f"{m.group(1)}({m.group(2)})")
    for m in _ROLE_THEN_LETTER.finditer(head):
        if m.group(1) not in ("甲方", "乙方", "丙方"):
            vote(m.group(2), _role_of_label(m.group(1)), 3, f"{m.group(1)}({m.group(2)})")
    for m in _ALIAS_DEF.finditer(head):
        inner = _role_of_label(m.group(2)) if m.group(2) else None
        before = re.split(r"[\n()]", head[max(0, m.start() - 30):m.start()])[-1][-12:]
        own = "merchant" if re.search(r"您|商户", before) else _role_of_name(before)
        vote(m.group(1), inner or own, 3, f"{before.strip()}(以下称{m.group(1)})")
    names: dict[str, str] = {}
    for m in _COLON_DEF.finditer(text):
        # a signature line names both sides (甲方（签字）： 乙方（盖章）：广州鑫付通信息科技有限公司)
        second = _SECOND_DEF.search(m.group(2))
        sides = [(m.group(1), m.group(2)[:second.start()] if second else m.group(2))]
        if second:
            sides.append((second.group(1), second.group(2)))
        for letter, name in sides:
            vote(letter, _role_of_name(name), 1, f"{letter}: {name.strip()[:20]}")
            if _COMPANY.search(name):
                names.setdefault(letter, name.strip())
    roles: dict[str, Role] = {}
    for letter, tally in votes.items():
        best = max(tally.items(), key=lambda kv: kv[1])
        if list(tally.values()).count(best[1]) == 1:
            roles[letter] = best[0]
    if len(roles) == 1:  # the other letter, if used, is the other side
        (known, role), = roles.items()
        other = "乙方" if known == "甲方" else "甲方" if known == "乙方" else None
        if other and other in text:
            roles[other] = "provider" if role == "merchant" else "merchant"
            how.setdefault(other, f"the other party of {known}")
    if len(set(roles.values())) < len(roles):  # contradictory definitions: trust none
        return Parties({}, how, names)
    return Parties(roles, how, names)


def _line_clauses(text: str) -> list[Clause]:
    out: list[Clause] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append(Clause(pos, end, "", "line", -1, pos, end))
        pos = end + 1
    return out or [Clause(0, len(text), "", "line", -1, 0, len(text))]


def _marked_clauses(text: str, marks: list[_Mark]) -> list[Clause]:
    order: dict[str, int] = {}
    for m in marks:
        order.setdefault(m.kind, len(order))
    if "art" in order:  # articles are the top level even when a 一、 heading came first
        top = order.pop("art")
        order = {k: (v + 1 if v < top else v) for k, v in order.items()}
        order["art"] = 0
    items: list[tuple[int, int, str, str, int]] = []
    bounds = [m.pos for m in marks] + [len(text)]
    for i, m in enumerate(marks):
        items.append((m.pos, bounds[i + 1], m.label, m.kind, order[m.kind]))
    merged: list[tuple[int, int, str, str, int]] = []
    i = 0
    while i < len(items):  # a clause ending with a colon absorbs the list under it
        start, end, label, kind, rank = items[i]
        j = i + 1
        if text[start:end].rstrip().endswith(":"):
            while j < len(items) and items[j][4] > rank:
                end = items[j][1]
                j += 1
        merged.append((start, end, label, kind, rank))
        i = j
    top_rank = min(r for *_, r in merged)
    tops = [s for s, _, _, _, r in merged if r == top_rank] + [len(text)]
    out: list[Clause] = []
    if merged[0][0] > 0:
        out.append(Clause(0, merged[0][0], "", "preamble", -1, 0, merged[0][0]))
    for start, end, label, kind, rank in merged:
        k = bisect.bisect_right(tops, start) - 1
        a_start = tops[k] if k >= 0 else start
        a_end = tops[k + 1] if k + 1 < len(tops) else len(text)
        out.append(Clause(start, end, label, kind, rank, a_start, max(a_end, end)))
    return out


@dataclass(frozen=True)
class _Mark:
    """A clause marker found in the text (the subset of `re.Match` that splitting needs)."""

    pos: int
    kind: str
    label: str


def _marks(text: str) -> list[_Mark]:
    found = [_Mark(m.start(m.lastgroup or 0) - 1, m.lastgroup or "", m.group(m.lastgroup or 0))
             for m in _MARK.finditer("\n" + text)]
    for m in _GLUED_DEC.finditer(text):
        if m.start() > 0 and _CJK.match(text, m.start() - 1) and not text[m.start() - 1].isdigit():
            found.append(_Mark(m.start(), "dec", m.group(0)))
    return sorted(found, key=lambda k: k.pos)


@lru_cache(maxsize=128)
def parse(text: str) -> ClauseDoc:
    """Parse normalised `text` into clauses and parties (cached: checks share one parse per text)."""
    marks = _marks(text)
    parties = parse_parties(text)
    articles = sum(1 for m in marks if m.kind == "art")
    is_contract = articles >= 2 or (bool(parties.roles) and len(marks) >= 3)
    clauses = _marked_clauses(text, marks) if is_contract and marks else _line_clauses(text)
    ends = sentence_ends(text)
    return ClauseDoc(text, tuple(clauses), parties, is_contract, tuple(c.start for c in clauses), ends)
