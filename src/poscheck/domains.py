"""Decide whose a web domain is: registrable domain (offline public-suffix data), ownership, look-alikes.

`registrable_domain` uses tldextract's bundled suffix snapshot and never fetches the list
(`suffix_list_urls=()`, no cache dir). Every subdomain of an institution's listed domain is official
(data/official-domains.csv). `lookalike` names domains that borrow a brand token (lakala-pos-banli.cn,
ums-pos-shenqing.com), its pinyin or abbreviation (lkl-tuiyajin.cn) or a near spelling (iakala.com).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from poscheck.paths import data_dir

if TYPE_CHECKING:
    import tldextract

    from poscheck.registry import Institution, Registry

# Words agents glue to a brand in a domain label; removed before comparing the rest with brand tokens.
_AFFIXES = (
    "pos",
    "shenqing",
    "banli",
    "bl",
    "sq",
    "zhifu",
    "zf",
    "shua",
    "shuaka",
    "lingqu",
    "tuiyajin",
    "yajin",
    "kefu",
    "guanwang",
    "gw",
    "zx",
    "app",
    "pay",
    "jiqi",
    "dianqian",
    "www",
    "m",
)


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def host_of(url_or_host: str) -> str:
    text = url_or_host.strip().lower()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".")


@lru_cache(maxsize=1024)  # the identity summary and several checks ask it of every page's URL
def registrable_domain(url_or_host: str) -> str | None:
    """eTLD+1 of a URL or host name ("www.lakala.com" → "lakala.com"); None for IPs and unknown suffixes."""
    host = host_of(url_or_host)
    if not host or re.fullmatch(r"[\d.]+", host) or host in {"localhost"}:
        return None
    ext = _extractor()(host)
    if not ext.suffix or not ext.domain:
        return None
    return f"{ext.domain}.{ext.suffix}"


@lru_cache(maxsize=1)
def brand_tokens() -> dict[str, tuple[str, ...]]:
    """Latin tokens (pinyin, abbreviations, English names) of each brand, from data/brand-tokens.csv."""
    with (data_dir() / "brand-tokens.csv").open(encoding="utf-8", newline="") as fh:
        return {
            r["brand"]: tuple(t.strip().lower() for t in r["tokens"].split(";") if t.strip())
            for r in csv.DictReader(fh)
        }


@dataclass(frozen=True)
class LookAlike:
    domain: str
    imitates: str  # brand as written in the data (拉卡拉)
    institution: str
    token: str
    how: str  # "contains" | "near spelling (score N)"


def _tokens_for(inst: Institution) -> set[str]:
    table = brand_tokens()
    toks: set[str] = set()
    for b in inst.brands:
        toks.update(table.get(b, ()))
        if b.isascii() and len(b) >= 4:
            toks.add(b.lower())
    for d in inst.domains:
        label = d.split(".")[0]
        if len(label) >= 4:
            toks.add(label)
    return toks


def _parts(label: str) -> list[str]:
    parts = [p for p in re.split(r"[-\d]+", label) if p]
    out = []
    for p in parts:
        changed = True
        while changed:
            changed = False
            for a in _AFFIXES:
                if len(p) > len(a) + 2 and p.endswith(a):
                    p, changed = p[: -len(a)], True
                elif len(p) > len(a) + 2 and p.startswith(a) and a not in ("m",):
                    p, changed = p[len(a) :], True
        out.append(p)
    return out


# (registrable domain, id(registry)) → (registry, look-alike): every page of a site asks about the same domain;
# the registry is kept so its id cannot be reused.
_LOOKALIKES: dict[tuple[str, int], tuple[Registry, LookAlike | None]] = {}


def lookalike(domain: str, registry: Registry) -> LookAlike | None:
    """A brand-borrowing domain that is not one of the brand's own, or None (computed once per domain)."""
    reg = registrable_domain(domain)
    if reg is None or registry.owner_of_domain(reg) is not None:
        return None
    hit = _LOOKALIKES.get((reg, id(registry)))
    if hit is None or hit[0] is not registry:
        if len(_LOOKALIKES) > 1024:
            _LOOKALIKES.clear()
        hit = _LOOKALIKES[(reg, id(registry))] = (registry, _lookalike(reg, registry))
    return hit[1]


def _lookalike(reg: str, registry: Registry) -> LookAlike | None:
    label = reg.split(".")[0]
    parts = _parts(label)
    best: LookAlike | None = None
    for inst in registry.institutions:
        brand = next((b for b in inst.brands if not b.isascii()), inst.name)
        for tok in sorted(_tokens_for(inst), key=len, reverse=True):
            if len(tok) >= 5 and tok in label:
                return LookAlike(reg, brand, inst.name, tok, "contains")
            if len(tok) in (3, 4) and tok in re.split(r"[-\d]+", label):
                return LookAlike(reg, brand, inst.name, tok, "contains")
            if len(tok) >= 5 and best is None:
                for p in parts:
                    how = _near(p, tok)
                    if how:
                        best = LookAlike(reg, brand, inst.name, tok, how)
    return best


def _near(part: str, tok: str) -> str:
    """Describe `part` as a near spelling of `tok` (one edit, or close with the same first letter), or ""."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    if part == tok or len(part) < 4:
        return ""
    if Levenshtein.distance(part, tok) == 1 and len(part) >= 5:
        return "near spelling (one letter changed)"
    score = fuzz.ratio(part, tok)
    if score >= 80 and part[0] == tok[0] and not tok.startswith(part) and len(part) >= len(tok) - 2:
        return f"near spelling (score {score:.0f})"
    return ""


def official_for(domain: str, inst: Institution) -> bool | None:
    """True if `domain` is (under) one of the institution's domains, False if not, None if none are known."""
    if not inst.domains:
        return None
    reg = registrable_domain(domain)
    return reg is not None and reg in {d.lower() for d in inst.domains}
