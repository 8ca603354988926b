"""Find who is behind a document: validate and extract company names, USCC, ICP, licence numbers, phones …

Extractors run on the normalised text (full-width → half-width, traditional → simplified, lower-case
ASCII) and map every span back to the original, so `滬ICP備2021022468號-2` is found as a 沪 ICP number
while the evidence still quotes the page. Validators are plain functions: `uscc_status`,
`licence_shape_ok`, `parse_icp`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from poscheck.checks import evidence_for
from poscheck.models import Document, Entity
from poscheck.normalize import Normalized, normalize, normalize_document
from poscheck.textscan import Anchored

# --- validators -------------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Province abbreviations used in ICP / 公网安备 numbers (蜀 黔 滇 陇 秦 are alternative forms).
ICP_PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新港澳台"

#: GB/T 2260 province codes (first two digits) — the licence number carries the seat's code.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split()  # noqa: SIM905
)

LICENCE_SHAPE = re.compile(r"Z2\d{4}(\d{2})00001\d")


def uscc_check_char(code17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a USCC."""
    total = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(code17[:17]))
    value = 31 - total % 31
    return USCC_ALPHABET[0 if value == 31 else value]


def org_code_ok(org: str) -> bool:
    """GB 11714 organisation code (9 chars, USCC positions 9–17) passes its own mod-11 check."""
    if len(org) != 9 or not org[:8].isalnum():
        return False
    total = 0
    for ch, w in zip(org[:8], _ORG_WEIGHTS, strict=True):
        total += (int(ch) if ch.isdigit() else ord(ch) - 55) * w
    c = 11 - total % 11
    expected = "X" if c == 10 else ("0" if c == 11 else str(c))
    return org[8] == expected


@dataclass(frozen=True)
class UsccStatus:
    valid: bool | None  # True ok, False wrong, None "fails but may be a pilot-region code: warn"
    note: str


def uscc_status(code: str) -> UsccStatus:
    """Validate a 统一社会信用代码 by its check character (GB 32100-2015).

    A few codes issued in pilot regions before the national standard fail the check but are legal.
    Such codes carry a legacy organisation code (not the `MA…` codes the unified system issues) that
    passes its own mod-11 check: those are reported as `valid=None` (warn, do not reject).
    """
    code = code.upper()
    if len(code) != 18 or any(ch not in USCC_ALPHABET for ch in code):
        return UsccStatus(False, "not 18 characters from the USCC alphabet")
    expected = uscc_check_char(code)
    if code[17] == expected:
        return UsccStatus(True, "check character ok")
    org = code[8:17]
    if not org.startswith("MA") and org_code_ok(org):
        return UsccStatus(
            None,
            f"check character should be {expected}; the embedded organisation code is valid, so this may be "
            "an early pilot-region code: verify it on 国家企业信用信息公示系统",
        )
    return UsccStatus(False, f"check character is {code[17]}, GB 32100-2015 gives {expected}")


#: Licences the PBOC ever issued; numbers carry their serial in issue order (DOMAIN.md, "Who may accept card
#: payments"), so a serial beyond it belongs to no licence, past or present.
LICENCES_ISSUED = 271


def licence_serial(number: str) -> int:
    """The 4-digit issue serial of a well-shaped licence number (Z2 + serial + …)."""
    return int(number[2:6])


def licence_shape_ok(number: str) -> bool:
    """A 支付业务许可证 number has the shape Z2 + serial(4) + province(2) + 00001 + digit."""
    m = LICENCE_SHAPE.fullmatch(number.upper())
    return bool(m) and m is not None and m.group(1) in PROVINCE_CODES


@dataclass(frozen=True)
class Icp:
    province: str | None
    number: str
    site: str | None
    well_formed: bool


_ICP_TEXT = re.compile(
    r"^\s*(?P<prov>\S)?\s*icp\s*[备備]\s*(?P<num>\d{4,12})\s*[号號]?(?:\s*-\s*(?P<site>\d+))?"
)


def parse_icp(text: str) -> Icp | None:
    """Parse `京ICP备12345678号-1` (traditional forms too); None if it is no ICP filing number at all."""
    simplified = normalize(text).text
    m = _ICP_TEXT.match(simplified)
    if not m:
        return None
    prov = m.group("prov")
    ok = prov is not None and prov in ICP_PROVINCES
    return Icp(prov if ok else None, m.group("num"), m.group("site"), ok)


# --- extraction -------------------------------------------------------------------------------

_PROV = f"[{ICP_PROVINCES}]"
# On normalised text (lower-case ASCII, simplified characters). A leading lookbehind is written after
# the first character (`z(?<![0-9a-z]z)` = `(?<![0-9a-z])z`) so that `re` can skip ahead to a literal
# or character class instead of trying every position.
_PATTERNS: dict[str, re.Pattern[str]] = {
    "icp": re.compile(
        rf"(?P<prov>{_PROV}|[^\s])?\s?icp\s?备\s?(?P<num>\d{{4,12}})\s?号?(?:\s?-\s?(?P<site>\d{{1,3}}))?"
    ),
    "icp_licence": re.compile(rf"(?P<prov>{_PROV})\s?(?:b2\s?-\s?|icp\s?证\s?)(?P<num>\d{{6,10}})号?"),
    "psb": re.compile(rf"(?P<prov>{_PROV})公网安备\s?(?P<num>\d{{10,16}})\s?号?"),
    "uscc": re.compile(r"[0-9a-y](?<![0-9a-z][0-9a-y])[0-9a-y]\d{6}[0-9a-y]{10}(?![0-9a-z])"),
    # digits may be grouped as a flyer prints them: Z2000 5310 0001 7, Z2014-4100-01
    "licence_no": re.compile(r"z(?<![0-9a-z]z)\s?(?:\d{8,16}|\d{2,5}(?:[ -]\d{1,5}){1,4})(?![0-9])"),
    # 400/800 hotlines, mobiles, landlines with area code, 95xxx: the first digit, then its branch.
    "phone": re.compile(
        r"[014589](?<!\d[014589])(?:(?<=[48])00[- ]?\d{3}[- ]?\d{4}|(?<=1)[3-9]\d[- ]?\d{4}[- ]?\d{4}"
        r"|(?<=0)\d{2,3}[- ]\d{3,4}[- ]?\d{4}|(?<=9)5\d{3})(?!\d)"
    ),
    "domain": re.compile(
        r"(?<![a-z0-9@.-])(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}(?![a-z0-9-])"
    ),
    "unionpay_claim": re.compile(
        r"(?:通过|获得|经过|取得)?(?:中国)?银联(?:卡受理终端)?(?:产品)?认证"
        r"|银联入网认证|pci[ -]?pts(?:认证)?|银联标识认证"
    ),
}


_ICP = Anchored(_PATTERNS["icp"], ("icp",), 2)  # province + space before "icp"
_ICP_LICENCE = Anchored(_PATTERNS["icp_licence"], ("b2", "icp"), 2)
_PSB = Anchored(_PATTERNS["psb"], ("公网安备",), 1)
_UNIONPAY_CLAIM = Anchored(_PATTERNS["unionpay_claim"], ("银联", "pci"), 4)  # 通过中国银联…
# Characters a domain match is made of: it lies inside one run of them that contains ".<letter>".
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789:/.-")
_DOT_LETTER = re.compile(r"\.[a-z]")


def _domain_matches(norm: str) -> Iterator[re.Match[str]]:
    """The matches of the domain pattern, searched only in the runs of domain characters with a dot."""
    done = 0
    for dot in _DOT_LETTER.finditer(norm):
        if dot.start() < done:
            continue
        lo = dot.start()
        while lo > 0 and norm[lo - 1] in _DOMAIN_CHARS:
            lo -= 1
        done = dot.start() + 1
        while done < len(norm) and norm[done] in _DOMAIN_CHARS:
            done += 1
        # The character after the run is no domain character, so ending the search there changes nothing.
        yield from _PATTERNS["domain"].finditer(norm, lo, done)


#: Terminal manufacturers seen on agent pages; a model code usually follows the maker's name.
MANUFACTURERS = (
    "新大陆", "联迪", "百富", "惠尔丰", "艾体威尔", "新国都", "证通", "魔方", "天喻", "优博讯", "商米", "升腾",
    "实达", "长城", "华智融", "锦弘霖", "立晶", "海信", "小蓝", "newland", "landi", "pax", "verifone", "sunmi",
)
_MODEL = Anchored(
    re.compile(
        r"(?:(?P<maker>" + "|".join(MANUFACTURERS) + r")\s?(?P<model>[a-z]{1,4}\d{1,4}[a-z0-9+]{0,4})"
        r"|(?:终端|机具|机器|设备)?型号\s?[:：]?\s?(?P<model2>[a-z0-9][a-z0-9+ -]{1,14}[a-z0-9+]))"
    ),
    (*MANUFACTURERS, "型号"),
    2,
)

_LEGAL_FORM = "(?:股份有限公司|有限责任公司|有限公司)"
_COMPANY = re.compile(
    rf"[\u4e00-\u9fff()（）]{{2,40}}?{_LEGAL_FORM}(?:[\u4e00-\u9fff]{{2,8}}?(?:分公司|支行|分行))?"
)
_LEGAL_FORM_RE = Anchored(re.compile(_LEGAL_FORM), ("有限",), 2)  # 股份 + 有限公司: one str.find run, not a class scan
#: Banks named by their short name + 银行 (中国工商银行, 邮政储蓄银行 …).
_BANK_NAMES = (
    "工商", "农业", "建设", "交通", "招商", "浦发", "中信", "光大", "华夏", "民生", "兴业", "平安",
    "广发", "浙商", "渤海", "恒丰", "邮政储蓄", "北京", "上海", "江苏", "宁波", "南京", "杭州", "徽商",
)
_BANK = Anchored(
    re.compile(
        rf"(?:中国)?(?:{'|'.join(_BANK_NAMES)})银行(?:股份有限公司)?(?:[\u4e00-\u9fff]{{2,10}}?(?:分行|支行))?"
        r"|中国银行(?:股份有限公司)?(?:[\u4e00-\u9fff]{2,10}?(?:分行|支行))?"
        r"|[\u4e00-\u9fff]{2,8}?(?:农村商业|农商)银行(?:股份有限公司)?"  # (农商银行: its usual short name)
    ),
    (*(f"{name}银行" for name in _BANK_NAMES), "中国银行", "农村商业银行", "农商银行"),
    8,  # 中国 + 工商银行; up to eight characters + 农村商业银行
)
_NOT_BANK_AFTER = re.compile(
    r"大厦|大楼|广场|中心|卡|账|app|客服|网点|柜台|流水|风控|短信|预留|储蓄卡|信用卡"
)
# Characters that end a phrase before a company name ("收单服务由拉卡拉…", "蓉收宝是通联商务…",
# "本公司受国通星驿…委托").
_STOP_CHARS = set("由是为向对被经请将把给于到至即指称叫让使按凭找问了的与及或而但从自受")
# Labels written straight before a name without punctuation ("收单机构中汇电子支付有限公司").
_LABEL_WORDS = re.compile(
    r"收单机构|收单方|清算机构|支付机构|持牌机构|运营主体|运营单位|主办单位|合作机构|服务商|版权所有|甲方|乙方|丙方"
    r"|被投诉方|投诉对象|付款方|收款方|对方户名|公司名称|企业名称|单位名称|名称"
    r"|现名|原名|曾用名|更名为|改名为|前身为"  # 北京拉卡拉网络技术有限公司（现名拉卡拉支付股份有限公司）
    r"|使用|选用|采用|接入|入网|对接|委托|依托|通过"  # 申请使用随行付支付有限公司提供收单服务的终端; 均入网拉卡拉…
    r"|(?:您|你|我们?|商户)(?:和|跟|同)"  # 合同是您和拉卡拉支付股份有限公司签
    r"|列示|列明|载明|写明|注明|公示|显示为|显示|隶属|属于|签约"  # 本页面列示北京海科融通信息技术有限公司（…）
    r"|包括|包含|例如|比如"  # 支付通道包括上海汇付数据服务有限公司（…）及其他合作持牌机构
)
_USCC_LABEL = re.compile(r"信用代码|营业执照|税号|注册号|uscc")
_USCC_CLASSES_TEXT = "11 12 13 19 21 29 31 32 33 34 35 39 41 49 51 52 53 59 61 62 69 71 72 79 81 89 91 92 93"
_USCC_CLASSES_TEXT += " a1 a9 n1 n2 n3 n9 y1"
_USCC_CLASSES = frozenset(_USCC_CLASSES_TEXT.split())


def _company_start(text: str, start: int, end: int) -> int:
    """Move a company match's start right, past words that are not part of the name."""
    span = text[start:end]
    core_end = len(span) - len(re.search(rf"{_LEGAL_FORM}.*$", span).group(0))  # type: ignore[union-attr]
    best = 0
    depth = 0
    open_at = 0
    for i, ch in enumerate(span[:core_end]):
        if ch in "(（":
            depth += 1
            open_at = i
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in _STOP_CHARS and core_end - (i + 1) >= 2:
            best = i + 1
    for lab in _LABEL_WORDS.finditer(span, 0, core_end):
        if core_end - lab.end() >= 2 and lab.end() > best:
            best = lab.end()
    if depth and open_at + 1 > best:  # "钱旺旺电签（东莞市旺铺…有限公司" → the name is inside the bracket
        best = open_at + 1
    return start + best


@dataclass(frozen=True)
class _Hit:
    kind: str
    value: str
    start: int  # normalised offsets
    end: int
    valid: bool | None = None
    note: str = ""


def _icp_hits(norm: str) -> Iterator[_Hit]:
    for m in _ICP.finditer(norm):
        prov = m.group("prov")
        ok = prov is not None and prov in ICP_PROVINCES
        start = m.start("prov") if ok else m.start() + (1 if prov else 0)
        number = f"{prov if ok else ''}ICP备{m.group('num')}号" + (
            f"-{m.group('site')}" if m.group("site") else ""
        )
        note = "" if ok else "ICP number without a province abbreviation (should look like 京ICP备12345678号)"
        yield _Hit("icp", number, start, m.end(), ok, note)
    for m in _ICP_LICENCE.finditer(norm):
        label = "ICP证" if "icp" in m.group(0) else "B2-"
        yield _Hit("icp_licence", f"{m.group('prov')}{label}{m.group('num')}", m.start(), m.end(), True)
    for m in _PSB.finditer(norm):
        yield _Hit("psb", f"{m.group('prov')}公网安备{m.group('num')}号", m.start(), m.end(), True)


def _code_hits(norm: str) -> Iterator[_Hit]:
    for m in _PATTERNS["uscc"].finditer(norm):
        code = m.group(0).upper()
        labelled = bool(_USCC_LABEL.search(norm, max(0, m.start() - 16), m.start()))
        if not labelled and (m.group(0)[:2] not in _USCC_CLASSES or code.isdigit()):
            continue  # unlabelled 18-character runs are usually ID card, order or account numbers
        st = uscc_status(code)
        yield _Hit("uscc", code, m.start(), m.end(), st.valid, st.note)
    for m in _PATTERNS["licence_no"].finditer(norm):
        number = re.sub(r"[ -]", "", m.group(0)).upper()
        if len(number) < 9:
            continue  # Z + fewer than 8 digits, even in groups, is no licence number (Z3 型号)
        ok = licence_shape_ok(number)
        note = "" if ok else "not the shape Z2 + 4-digit serial + province code + 00001 + digit"
        yield _Hit("licence_no", number, m.start(), m.end(), ok, note)
    for m in _PATTERNS["phone"].finditer(norm):
        raw = m.group(0).replace("-", "").replace(" ", "")
        kind = (
            "hotline"
            if raw.startswith(("400", "800", "95"))
            else ("mobile" if raw.startswith("1") else "landline")
        )
        yield _Hit("phone", raw, m.start(), m.end(), None, kind)


def _domain_hits(norm: str) -> Iterator[_Hit]:
    from poscheck.domains import registrable_domain

    for m in _domain_matches(norm):
        host = re.sub(r"^https?://", "", m.group(0))
        reg = registrable_domain(host)
        if reg is None:
            continue
        yield _Hit("domain", reg, m.start(), m.end(), None, host)


def _companies(norm: str) -> Iterator[re.Match[str]]:
    """The matches `_COMPANY.finditer` would give, searched only near each legal form (much faster)."""
    prev = 0
    for lf in _LEGAL_FORM_RE.finditer(norm):
        if lf.start() < prev:
            continue
        m = _COMPANY.search(norm, max(prev, lf.start() - 42), min(len(norm), lf.end() + 14))
        if m is None or m.end() < lf.end():
            continue
        prev = m.end()
        yield m


def _name_hits(norm: str) -> Iterator[_Hit]:
    taken: list[tuple[int, int]] = []
    for m in _companies(norm):
        s = _company_start(norm, m.start(), m.end())
        name = norm[s : m.end()]
        core = re.split(_LEGAL_FORM, name)[0]
        if len(core.strip("()（）")) < 2:
            continue
        taken.append((s, m.end()))
        yield _Hit("company", name, s, m.end(), None, "bank" if "银行" in core else "")
    for m in _BANK.finditer(norm):
        if any(a < m.end() and m.start() < b for a, b in taken) or _NOT_BANK_AFTER.match(norm, m.end()):
            continue
        yield _Hit("company", m.group(0), m.start(), m.end(), None, "bank")


def _misc_hits(norm: str) -> Iterator[_Hit]:
    for m in _MODEL.finditer(norm):
        model = (m.group("model") or m.group("model2") or "").strip().upper()
        maker = m.group("maker") or ""
        if model:
            yield _Hit(
                "terminal_model",
                f"{maker}{' ' if maker.isascii() and maker else ''}{model}".strip(),
                m.start(),
                m.end(),
                None,
                maker,
            )
    for m in _UNIONPAY_CLAIM.finditer(norm):
        yield _Hit("unionpay_claim", m.group(0), m.start(), m.end())


@lru_cache(maxsize=256)
def normalized(text: str) -> Normalized:
    """The normalised text with its map back to original offsets (cached per text)."""
    return normalize(text)


def extract_entities(doc: Document, norm: Normalized | None = None) -> list[Entity]:
    """Every identity fact in `doc`, each with evidence whose quote is the original text.

    `norm` is `normalize_document(doc.text, doc.kind)` when the caller has it (the pipeline's fact extractors do).
    The result is kept per document: the checks ask for it again, maybe long after (an audit reads hundreds of
    pages while it crawls and checks each target after)."""
    key = (doc.id, doc.source, doc.view, len(doc.text), hash(doc.text))  # no text held: many can be kept
    found = _ENTITIES.get(key)
    if found is None:
        # a PDF's lines joined: a licence number may wrap
        found = _entities(doc, norm if norm is not None else normalize_document(doc.text, doc.kind))
        if len(_ENTITIES) >= ENTITIES_KEPT:
            del _ENTITIES[next(iter(_ENTITIES))]  # the oldest
        _ENTITIES[key] = found
    return list(found)


ENTITIES_KEPT = 4096  # documents whose entities extract_entities keeps
_ENTITIES: dict[tuple[str, str, str, int, int], tuple[Entity, ...]] = {}


def _entities(doc: Document, norm: Normalized) -> tuple[Entity, ...]:
    out: list[Entity] = []
    seen: set[tuple[str, int, int]] = set()
    for gen in (_icp_hits, _code_hits, _domain_hits, _name_hits, _misc_hits):
        for hit in gen(norm.text):
            start, end = norm.orig_span(hit.start, hit.end)
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            key = (hit.kind, start, end)
            if key in seen or end <= start:
                continue
            seen.add(key)
            value = hit.value
            out.append(Entity(hit.kind, value, evidence_for(doc, start, end), hit.valid, hit.note))
    out.sort(key=lambda e: (e.evidence.start, e.kind))
    return tuple(out)


def simplified(text: str) -> str:
    """Normalised form used for comparisons: half-width, simplified, lower-case ASCII."""
    return normalized(text).text
