"""Licensed payment institutions: load the shipped data (and a user's import), resolve names, tell status.

The shipped registry is incomplete and dated (see data/README.md): "not found" means **unverified**
unless the user imported an official PBOC list (`poscheck registry import`). Names resolve through
licence numbers, legal names, former names, current names seen in news, brands and short names
(拉卡拉 → 北京拉卡拉网络技术有限公司 Z2002511000017), tolerant of punctuation, full-width brackets and
legal-form variants, with a rapidfuzz fallback that reports its score. Status: the latest dated event
wins; a suspended renewal review (中止审查) is "under review: verify", never "unlicensed".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from poscheck.textscan import Keywords

State = Literal["listed", "active", "inactive", "under_review", "unknown"]
ACQUIRING = "银行卡收单"
PBOC_LIST_PATH = "中国人民银行网站 → 政务公开 → 行政审批公示 → 已获许可机构（支付机构）"

_LEGAL_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$")
# A branch (…有限公司云南分公司, …上海分公司) acts under its head office's licence: it keys as the head office.
_BRANCH = re.compile(r"(?<=公司)[\u4e00-\u9fff]{2,8}?分公司$")
_ANNOTATION = re.compile(r"[(（][^)）]*(?:[a-zA-Z]|未|核实)[^)）]*[)）]|\s+\(.*$")
_GENERIC_AFTER_BRAND = (
    "",
    "支付",
    "支付服务",
    "支付科技",
    "电子支付",
    "网络支付",
    "支付技术",
    "支付网络服务",
)
_REGION_PREFIX = re.compile(r"^(?:北京|上海|天津|重庆|深圳|广州|杭州|南京|福建|广东|浙江|江苏)(?:市|省)?")


def simplify(text: str) -> str:
    """Half-width, simplified characters, lower-case: the form every comparison uses."""
    from poscheck.identity import simplified

    return simplified(unicodedata.normalize("NFKC", text))


def clean_name(name: str) -> str:
    """Drop transcription notes such as "（法定名称未在来源中核实）" from a data-file name."""
    return _ANNOTATION.sub("", name).strip()


def name_key(name: str) -> str:
    """Comparison key: no punctuation, brackets or spaces, no branch, no legal form (股份有限公司 = 有限公司)."""
    s = simplify(clean_name(name))
    s = re.sub(r"[^\u4e00-\u9fffa-z0-9]", "", s)
    return _LEGAL_SUFFIX.sub("", _BRANCH.sub("", s))


def split_list(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in re.split(r"[;；]", value or "") if x.strip())


@dataclass(frozen=True)
class StatusEvent:
    state: State
    as_of: str  # ISO date or year-month; "" when unknown
    text: str
    confidence: str
    source: str


@dataclass(frozen=True)
class Institution:
    """One licence holder (or the card network, `network=True`) with what the data files say about it."""

    key: str  # licence number, or "name:<name_key>" when the number is not known
    name: str
    licence_no: str | None = None
    former_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # current or other legal names seen in news and confirmed links
    business_types: tuple[str, ...] = ()  # empty = unknown, never "none"
    coverage: str = ""
    first_issued: str = ""
    valid_until: str = ""
    sources: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    domain_confidence: str = ""
    origin: str = "snapshot"  # snapshot | cancelled | news | domains | imported
    network: bool = False
    events: tuple[StatusEvent, ...] = ()
    status_text: str = ""  # the row's own status column, as written

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.former_names)

    @property
    def acquiring(self) -> bool | None:
        """True if 银行卡收单 is in scope, False if the scope is known and lacks it, None if unknown."""
        if not self.business_types:
            return None
        if any(ACQUIRING in t for t in self.business_types):
            return True
        if any("支付交易处理" in t for t in self.business_types):
            return None  # 2024 条例 class; its mapping to acquiring is unverified
        return False

    def coverage_of(self, business_type: str = ACQUIRING) -> str:
        for part in re.split(r";(?=[^;:]+:)", self.coverage):
            if part.startswith(business_type + ":"):
                return part.split(":", 1)[1]
        return ""


@dataclass(frozen=True)
class Status:
    state: State
    as_of: str
    note: str
    confidence: str = ""
    source: str = ""


@dataclass(frozen=True)
class Match:
    institution: Institution
    how: str  # licence_no | name | alias | former_name | brand | brand_name | fuzzy | domain
    score: float  # 100 for exact matches
    query: str

    @property
    def exact(self) -> bool:
        return self.how != "fuzzy"


@dataclass
class Registry:
    institutions: list[Institution]
    as_of: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    imported: dict[str, str] = field(default_factory=dict)  # meta of the user's import, if any

    def __post_init__(self) -> None:
        self._by_no = {i.licence_no: i for i in self.institutions if i.licence_no}
        self._by_name: dict[str, tuple[Institution, str]] = {}
        for inst in self.institutions:
            for how, names in (
                ("name", (inst.name,)),
                ("alias", inst.aliases),
                ("former_name", inst.former_names),
            ):
                for n in names:
                    self._by_name.setdefault(name_key(n), (inst, how))
        self._by_brand: dict[str, Institution] = {}
        for inst in self.institutions:
            for b in inst.brands:
                self._by_brand.setdefault(simplify(b), inst)
        self._by_domain = {d: i for i in self.institutions for d in i.domains}

    @property
    def official(self) -> bool:
        """True when the user imported a complete official list: "not found" may then mean unlicensed."""
        return self.imported.get("official") == "1"

    @property
    def date(self) -> str:
        return self.imported.get("imported_at", "")[:10] or self.as_of.get("status_updates", "")

    def by_licence(self, number: str) -> Institution | None:
        return self._by_no.get(number.strip().upper())

    def owner_of_domain(self, registrable: str) -> Institution | None:
        return self._by_domain.get(registrable.lower())

    def brand_items(self) -> list[tuple[str, Institution]]:
        """(simplified brand, institution), longest first, for scanning text (computed once)."""
        cached = self.__dict__.get("_brand_items")
        if cached is None:
            cached = sorted(self._by_brand.items(), key=lambda kv: -len(kv[0]))
            self.__dict__["_brand_items"] = cached
        return list(cached)

    def brand_ranks(self) -> dict[str, tuple[int, Institution]]:
        """Each brand with its place in `brand_items` (longest first) and its institution (computed once)."""
        cached = self.__dict__.get("_brand_ranks")
        if cached is None:
            cached = {b: (i, inst) for i, (b, inst) in enumerate(self.brand_items())}
            self.__dict__["_brand_ranks"] = cached
        return cached

    def name_items(self) -> list[tuple[str, Institution]]:
        """(simplified legal or former name, institution), longest first (computed once)."""
        cached = self.__dict__.get("_name_items")
        if cached is None:
            items = [(simplify(clean_name(n)), i) for i in self.institutions for n in i.all_names if len(n) >= 4]
            cached = sorted(items, key=lambda kv: -len(kv[0]))
            self.__dict__["_name_items"] = cached
        return list(cached)

    def scan_keys(self) -> dict[str, Institution]:
        """Every simplified brand and name that `scan` looks for, with its institution: a key given to several
        institutions stays with the first (brands before names, longest first). Computed once."""
        cached: dict[str, Institution] | None = self.__dict__.get("_scan_keys")
        if cached is None:
            cached = {}
            for key, inst in [*self.brand_items(), *self.name_items()]:
                cached.setdefault(key, inst)
            self.__dict__["_scan_keys"] = cached
        return cached

    def scan(self, text: str) -> list[tuple[int, int, str, Institution]]:
        """Every brand or name occurrence (`scan_keys`) in simplified `text`, overlapping ones too, by start:
        (start, end, key, institution). One Aho-Corasick pass over all keys."""
        index: Keywords[tuple[str, Institution]] | None = self.__dict__.get("_scan_index")
        if index is None:
            index = self.__dict__["_scan_index"] = Keywords({k: (k, i) for k, i in self.scan_keys().items()})
        return sorted(((start, end, key, inst) for start, end, (key, inst) in index.iter(text)), key=lambda h: h[:2])

    def lookup(self, query: str, *, fuzzy_cutoff: float = 85.0) -> Match | None:
        """Resolve a licence number, name, former name, brand, short name or domain to an institution.

        Remembered per query: a site names its operator on every page, and fuzzy matching is slow."""
        memo: dict[tuple[str, float], Match | None] = self.__dict__.setdefault("_lookups", {})
        if (query, fuzzy_cutoff) not in memo:
            if len(memo) > 4096:
                memo.clear()
            memo[(query, fuzzy_cutoff)] = self._lookup(query, fuzzy_cutoff)
        return memo[(query, fuzzy_cutoff)]

    def _lookup(self, query: str, fuzzy_cutoff: float) -> Match | None:
        q = query.strip()
        if not q:
            return None
        compact = re.sub(r"\s", "", q).upper()
        if re.fullmatch(r"Z\d{13}", compact):
            inst = self.by_licence(compact)
            return Match(inst, "licence_no", 100.0, q) if inst else None
        if re.fullmatch(r"(?:https?://)?[\w.-]+\.[a-zA-Z]{2,}(?:/.*)?", q):
            from poscheck.domains import registrable_domain

            reg = registrable_domain(q)
            inst = self.owner_of_domain(reg) if reg else None
            return Match(inst, "domain", 100.0, q) if inst else None
        key = name_key(q)
        if key in self._by_name:
            inst, how = self._by_name[key]
            return Match(inst, how, 100.0, q)
        brand = self._by_brand.get(simplify(q).strip())
        if brand is not None:
            return Match(brand, "brand", 100.0, q)
        hit = self._brand_name(key)
        if hit is not None:
            return Match(hit, "brand_name", 95.0, q)
        short = self._short_name(key)
        if short is not None:
            return Match(short, "short_name", 90.0, q)
        return self._fuzzy(key, q, fuzzy_cutoff)

    def _short_name(self, key: str) -> Institution | None:
        """ "东方付通" → the one institution whose name starts with it (with or without its region)."""
        if len(key) < 3:
            return None
        found = {
            inst.key: inst
            for k, (inst, _how) in self._by_name.items()
            if k.startswith(key) or _REGION_PREFIX.sub("", k).startswith(key)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _brand_name(self, key: str) -> Institution | None:
        """ "拉卡拉支付股份有限公司" = brand 拉卡拉 + a generic payment word + a legal form."""
        for k in (key, _REGION_PREFIX.sub("", key)):
            for brand, inst in self.brand_items():
                if len(brand) >= 2 and k.startswith(brand) and k[len(brand) :] in _GENERIC_AFTER_BRAND:
                    return inst
        return None

    def _fuzzy(self, key: str, query: str, cutoff: float) -> Match | None:
        from rapidfuzz import fuzz, process

        if len(key) < 4:
            return None
        best = process.extractOne(key, list(self._by_name), scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        inst, _how = self._by_name[best[0]]
        return Match(inst, "fuzzy", round(float(best[1]), 1), query)

    def status(self, inst: Institution) -> Status:
        """The latest dated event wins; no event → listed in the snapshot (a past valid_until is no lapse)."""
        if not inst.events:
            if inst.network:
                return Status("unknown", "", "card network, not a payment-licence holder")
            return Status(
                "listed", self.as_of.get("snapshot", ""), "listed in the registry snapshot (status ~2018)"
            )
        ev = max(inst.events, key=lambda e: date_key(e.as_of))
        return Status(ev.state, ev.as_of, ev.text, ev.confidence, ev.source)

    def info(self) -> dict[str, object]:
        return {
            "as_of": dict(self.as_of),
            "counts": dict(self.counts),
            "sources": list(self.sources),
            "imported": dict(self.imported),
            "official_list_imported": self.official,
            "verify_at": PBOC_LIST_PATH,
        }


def date_key(value: str) -> str:
    m = re.search(r"\d{4}(?:-\d{2})?(?:-\d{2})?", value or "")
    return (m.group(0) + "-00-00")[:10] if m else "0000-00-00"


def classify_status(text: str) -> State:
    """Map a status sentence from the data files to a state."""
    t = text.strip().lower()
    if t.startswith("valid"):
        return "active"
    if t.startswith(
        (
            "cancelled",
            "exited",
            "not renewed",
            "not in the",
            "renewal application not accepted",
            "voluntary exit",
            "applied for cancellation",
            "early exit",
            "revoked",
        )
    ):
        return "inactive"
    if "suspended" in t:
        return "active" if re.search(r"then renewed|later renewed", t) else "under_review"
    if "renewed" in t:
        return "active"
    return "unknown"


def default_store_path() -> Path:
    """Where `registry import` keeps the user's list: $POSCHECK_DATA_DIR or the platform's user data dir."""
    import os

    return _store_path(os.environ.get("POSCHECK_DATA_DIR"), os.environ.get("HOME"))


@lru_cache(maxsize=8)
def _store_path(base: str | None, home: str | None) -> Path:
    """Resolved once per environment: checks ask for the registry thousands of times per run."""
    if base:
        return Path(base) / "registry.sqlite3"
    import platformdirs

    return Path(platformdirs.user_data_dir("poscheck", appauthor=False)) / "registry.sqlite3"


@lru_cache(maxsize=4)
def _cached(store: str, stamp: tuple[int, int]) -> Registry:
    from poscheck.registry_data import build_registry
    from poscheck.registry_import import read_store

    imported, meta = read_store(Path(store)) if stamp != (0, 0) else ([], {})
    return build_registry(imported=imported, meta=meta)


def load_registry(store: Path | None = None) -> Registry:
    """The registry for this run: shipped data plus the user's imported list, if there is one."""
    path = store if store is not None else default_store_path()
    if path.is_file():
        st = path.stat()
        return _cached(str(path), (st.st_mtime_ns, st.st_size))
    return _cached(str(path), (0, 0))
