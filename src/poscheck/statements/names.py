"""Compare merchant and institution names across statements, and tell who a settlement payer is.

Names on statements are truncated, prefixed (消费, POS消费) and carry region prefixes (成都市武侯区) and
legal suffixes (有限公司), so two names "agree" when one contains the other or their cores share most
character pairs. A payer is a private person, a bank, a card network, a licensed payment institution
(the registry CSVs in poscheck/data, or `poscheck.registry` when present), or some other company.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from poscheck.paths import data_dir

PartyKind = Literal["person", "bank", "network", "licensed", "company", "unknown"]

_PREFIX = re.compile(r"^(?:POS消费|刷卡消费|银联消费|银联|消费|POS|pos|支付|扣款|跨行消费)[\s:：\-—]*")
_ANNOTATION = re.compile(r"[（(][^）)]*[）)]")
_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,4}?(?:市|自治州|地区|盟))"
    r"(?:[\u4e00-\u9fff]{2,4}?(?:区|县|旗|市))?"
)
_LEGAL = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司|分公司|公司|集团)$")
_ORG_WORDS = re.compile(
    r"公司|银行|集团|中心|商行|商店|店|部|厂|社|所|局|院|会|站|馆|处|委|办|校|园|场|户|支付|财付通|清算|"
    r"基金|合作|企业|工作室|经营|门市|超市|市场|科技|商务|网络|信息|服务|管理|有限|联盟|平台|中国|银联"
)
_BANK = re.compile(r"银行|信用社|信用合作|农商行|农信|村镇银行|储蓄|BANK", re.IGNORECASE)
_NETWORK = re.compile(r"中国银联|网联清算|^网联$")
_PLATFORMS = ("美团", "京东", "饿了么", "抖音", "拼多多", "淘宝", "天猫", "滴滴", "携程", "快手", "闲鱼",
              "有赞")
_PERSONAL_ACCOUNT = re.compile(r"^(?:62|4|5)\d{14,18}$")


def clean(name: str) -> str:
    """NFKC, no spaces or bracketed notes, no payment-type prefix: ' 消费 蜀禾小厨（本人）' → '蜀禾小厨'."""
    t = unicodedata.normalize("NFKC", name)
    t = re.sub(r"\s+", "", t)
    t = _ANNOTATION.sub("", t)
    return _PREFIX.sub("", t)


def core(name: str) -> str:
    """The distinctive part: region prefix and legal suffix removed (kept when too little would remain)."""
    t = clean(name)
    stripped = _REGION.sub("", t)
    if len(stripped) >= 2:
        t = stripped
    for _ in range(2):
        s = _LEGAL.sub("", t)
        if len(s) >= 2:
            t = s
    return t


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient on character pairs of the two cores (0..1)."""
    x, y = _bigrams(core(a)), _bigrams(core(b))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def names_agree(a: str, b: str) -> bool:
    """Whether two written names plausibly denote the same merchant or institution."""
    ca, cb = clean(a), clean(b)
    if not ca or not cb:
        return False
    if ca == cb or (min(len(ca), len(cb)) >= 4 and (ca in cb or cb in ca)):
        return True
    ka, kb = core(a), core(b)
    if min(len(ka), len(kb)) >= 2 and (ka in kb or kb in ka):
        return True
    return similarity(a, b) >= 0.6


@dataclass(frozen=True)
class Institution:
    name: str
    licence_no: str
    aliases: tuple[str, ...]  # former names and brands
    acquiring: bool | None  # 银行卡收单 in scope; None when the source does not say


@lru_cache(maxsize=1)
def institutions() -> tuple[Institution, ...]:
    """Licensed payment institutions known to the shipped registry files (incomplete: ~2018 + updates)."""
    out: dict[str, Institution] = {}

    def add(name: str, licence: str, aliases: list[str], types: str) -> None:
        name = name.strip()
        if not name or "（法定名称未在来源中核实）" in name:
            name = name.replace("（法定名称未在来源中核实）", "")
        if not name:
            return
        acquiring = ("银行卡收单" in types) if types.strip() else None
        old = out.get(name)
        merged = tuple(dict.fromkeys([*(old.aliases if old else ()), *[a for a in aliases if a]]))
        out[name] = Institution(name, licence or (old.licence_no if old else ""), merged,
                                acquiring if acquiring is not None else (old.acquiring if old else None))

    d = data_dir()
    for fname in ("registry-snapshot.csv", "registry-status-updates.csv"):
        path = d / fname
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(fh):
                    add(r["name"], r.get("licence_no", ""), (r.get("former_names") or "").split(";"),
                        r.get("business_types", ""))
    path = d / "official-domains.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["licence_no"] == "network":
                    continue
                add(r["institution"], r["licence_no"], r["brands"].split(";"), "")
    path = d / "acquirer-codes.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["kind"] == "non-bank":
                    add(_ANNOTATION.sub("", r["institution"]), "", [], "银行卡收单")
    return tuple(out.values())


def find_institution(name: str) -> Institution | None:
    """The licensed institution a written name denotes: full name, former name, or a distinctive brand."""
    ext = _external_lookup(name)
    if ext is not None:
        return ext
    c = clean(name)
    k = core(name)
    for inst in institutions():  # exact legal or former name (cores compared: 股份有限公司 vs 有限公司)
        if c == clean(inst.name) or k == core(inst.name) or any(
                k == core(a) for a in inst.aliases if len(core(a)) >= 4):
            return inst
    best: tuple[int, Institution] | None = None
    for inst in institutions():  # a brand inside the name: 拉卡拉支付股份有限公司 → 拉卡拉
        for alias in (*inst.aliases, core(inst.name)):
            alias_c = clean(alias)
            distinctive = len(alias_c) >= 3 or (len(alias_c) == 2 and "支付" in c)
            if distinctive and alias_c in c and (best is None or len(alias_c) > best[0]):
                best = (len(alias_c), inst)
    return best[1] if best else None


def _external_lookup(name: str) -> Institution | None:
    """Use `poscheck.registry` (shipped data plus a user's imported, newer list) when it is available."""
    try:
        from poscheck import registry
    except ImportError:
        return None
    load = getattr(registry, "load_registry", None)
    if load is None:
        return None
    try:
        hit = load().lookup(name)
    except Exception:  # another module's lookup must never break a statement check
        return None
    if hit is None or (not getattr(hit, "exact", True) and float(getattr(hit, "score", 0)) < 92):
        return None
    inst = getattr(hit, "institution", None)
    if inst is None or getattr(inst, "network", False):
        return None
    acquiring = getattr(inst, "acquiring", None)
    return Institution(str(inst.name), str(getattr(inst, "licence_no", "") or ""),
                       tuple(getattr(inst, "brands", ())), acquiring if isinstance(acquiring, bool) else None)


@dataclass(frozen=True)
class Party:
    """Who a settlement payer is, and why poscheck thinks so."""

    name: str
    kind: PartyKind
    institution: Institution | None = None
    reason: str = ""


def looks_like_person(name: str) -> bool:
    t = _ANNOTATION.sub("", unicodedata.normalize("NFKC", name)).strip()
    t = re.sub(r"\s+", "", t)
    if _ORG_WORDS.search(t) or any(p in t for p in _PLATFORMS):
        return False
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}", t))


# Common Chinese surnames (single and compound): a 2–3 character name in running text is a person's only when it
# starts with one, since prose has many short words that are no name (本人, 未知, 成都).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚舒阮柯纪梅童凌毕单季裴霍涂苗谷盛"
    "曲翁冉骆蓝游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾尤穆农卓吉缪简项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "夏侯", "长孙",
                      "宇文", "司徒", "端木")
_NOT_NAMES = re.compile(r"本人|自己|个人|私人|某某|他人|别人|对方|商户|客户|顾客")
# A person's name as text writes it: 张晓峰, 欧阳明, or masked / anonymised (张*峰, 王**, 李某).
_WRITTEN_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{1,2}[*＊]{1,2}[\u4e00-\u9fff]?|[\u4e00-\u9fff]{1,2}某"
)


def written_person_name(name: str) -> bool:
    """Whether `name`, taken from running text (付款方：张晓峰), is a private person's name: a short name that
    begins with a common surname and holds no organisation word."""
    t = name.strip()
    if not _WRITTEN_NAME.fullmatch(t) or _ORG_WORDS.search(t) or _NOT_NAMES.search(t):
        return False
    return t[0] in _SURNAMES or t.startswith(_COMPOUND_SURNAMES)


def classify_party(name: str, account: str = "") -> Party:
    """Person, bank, card network, licensed institution, other company, or unknown (empty)."""
    n = name.strip()
    acct = re.sub(r"[\s-]", "", account)
    if not n:
        return Party(n, "unknown", reason="the record shows no payer name")
    if _NETWORK.search(n):
        return Party(n, "network", reason="a card network / clearing house")
    if _BANK.search(n):
        return Party(n, "bank", reason="a bank (name contains 银行 or a bank form)")
    inst = find_institution(n)
    if inst is not None:
        return Party(n, "licensed", inst, reason=f"licensed payment institution {inst.name}"
                     + (f" {inst.licence_no}" if inst.licence_no else ""))
    if looks_like_person(n):
        extra = "，对方账号像个人银行卡号" if _PERSONAL_ACCOUNT.match(acct) else ""
        return Party(n, "person", reason=f"a private person's name{extra}")
    return Party(n, "company", reason="a company not found among licensed payment institutions or banks")


def same_institution(a: str, b: str) -> bool:
    """Whether two institution names denote the same acquirer (registry identity, else name agreement)."""
    ia, ib = find_institution(a), find_institution(b)
    if ia is not None and ib is not None:
        return ia.name == ib.name or bool(ia.licence_no and ia.licence_no == ib.licence_no)
    return names_agree(a, b)
