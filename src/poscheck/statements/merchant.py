"""The merchant's own facts: profile (options or merchant.yaml), merchant-number parse, MCC tables.

The 15-digit 商户编号 is acquirer code (3) + UnionPay region (4) + MCC (4) + sequence (4); the region
digits are UnionPay codes, not GB/T 2260, so they are shown, never interpreted. The tables in
`poscheck/data` (mcc.csv, acquirer-codes.csv, business-mcc.csv) are partial hints: a business type
or MCC they lack becomes a note the report shows, never a silent pass.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from poscheck.errors import InputTableError
from poscheck.models import Document
from poscheck.paths import data_dir
from poscheck.statements.tables import decode_bytes, doc_id
from poscheck.statements.values import Span, money, parse_amount, parse_rate


@dataclass(frozen=True)
class MccInfo:
    code: str
    name_zh: str
    name_en: str
    class_2013: str
    typical: str


@dataclass(frozen=True)
class BusinessType:
    key: str
    name_zh: str
    expected: tuple[str, ...]  # most typical first
    note: str


@dataclass(frozen=True)
class AcquirerCode:
    code: str
    institution: str
    kind: str  # bank | non-bank | network
    confidence: str


def _rows(name: str) -> list[dict[str, str]]:
    with (data_dir() / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def mcc_table() -> dict[str, MccInfo]:
    return {r["mcc"]: MccInfo(r["mcc"], r["name_zh"], r["name_en"], r["class_2013"],
                              r["typical_businesses_zh"]) for r in _rows("mcc.csv")}


@lru_cache(maxsize=1)
def business_types() -> dict[str, BusinessType]:
    return {r["business_type"]: BusinessType(r["business_type"], r["business_type_zh"],
                                             tuple(c for c in r["expected_mccs"].split(";") if c), r["note"])
            for r in _rows("business-mcc.csv")}


@lru_cache(maxsize=1)
def acquirer_codes() -> dict[str, AcquirerCode]:
    return {r["code"]: AcquirerCode(r["code"], r["institution"], r["kind"], r["confidence"])
            for r in _rows("acquirer-codes.csv")}


def describe_mcc(code: str) -> str:
    """'5411 大型仓储式超级市场 (Grocery stores, supermarkets; 2013 pricing class 民生类)', or 'not in …'."""
    info = mcc_table().get(code)
    if info is None:
        return f"{code} (not in poscheck's MCC table)"
    cls = f"; 2013 pricing class {info.class_2013}" if info.class_2013 else ""
    return f"{code} {info.name_zh} ({info.name_en}{cls})"


@dataclass(frozen=True)
class MerchantNumber:
    """A parsed 15-digit 商户编号."""

    digits: str
    acquirer_code: str
    region: str
    mcc: str
    sequence: str

    @property
    def acquirer(self) -> AcquirerCode | None:
        return acquirer_codes().get(self.acquirer_code)

    def as_dict(self) -> dict[str, str]:
        acq = self.acquirer
        by_code = f"{acq.institution} ({acq.confidence} confidence)" if acq else "unknown prefix"
        return {
            "merchant_no": self.digits, "acquirer_code": self.acquirer_code,
            "acquirer_by_code": by_code,
            "region_code": self.region, "mcc": self.mcc, "mcc_meaning": describe_mcc(self.mcc),
            "sequence": self.sequence,
        }


def parse_merchant_number(text: str) -> MerchantNumber | None:
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"\d{15}", digits):
        return None
    return MerchantNumber(digits, digits[:3], digits[3:7], digits[7:11], digits[11:])


@dataclass(frozen=True)
class Rates:
    """Agreed card rates as fractions (0.006 = 0.6%), the debit cap, any agreed fixed fee per transaction."""

    credit: Decimal | None = None
    debit: Decimal | None = None
    debit_cap: Decimal | None = None
    fixed_fee: Decimal = Decimal(0)

    def known(self) -> bool:
        return self.credit is not None or self.debit is not None

    def allowed_fee(self, gross: Decimal, card_type: str | None) -> tuple[Decimal, str]:
        """The highest fee the agreement allows on `gross`, rounded per transaction, and how it was got."""
        options: list[tuple[Decimal, str]] = []
        if self.credit is not None and card_type in (None, "credit"):
            options.append((money(gross * self.credit), f"credit {_pct(self.credit)}"))
        if self.debit is not None and card_type in (None, "debit"):
            fee = money(gross * self.debit)
            label = f"debit {_pct(self.debit)}"
            if self.debit_cap is not None and fee > self.debit_cap:
                fee, label = self.debit_cap, f"{label}, capped at {self.debit_cap} yuan"
            options.append((fee, label))
        if not options:  # card type known but only the other rate agreed: use what there is
            return self.allowed_fee(gross, None) if card_type else (Decimal(0), "")
        fee, label = max(options, key=lambda o: o[0])
        if self.fixed_fee:
            fee, label = fee + self.fixed_fee, f"{label} + {self.fixed_fee} yuan per transaction"
        return fee, label


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


@dataclass(frozen=True)
class ProfileNote:
    """Something the profile says that the tables cannot check (shown as an info note)."""

    kind: str  # unknown_business | unknown_mcc | no_business
    value: str
    span: Span | None
    suggestions: str = ""


@dataclass(frozen=True)
class MerchantProfile:
    """What the merchant really is and agreed to, with spans into the profile document."""

    doc: Document
    fields: dict[str, Span] = field(default_factory=dict)
    rates: Rates = Rates()
    business: BusinessType | None = None
    notes: tuple[ProfileNote, ...] = ()

    def get(self, name: str) -> Span | None:
        return self.fields.get(name)

    def value(self, name: str) -> str:
        f = self.fields.get(name)
        return f.value if f else ""

    @property
    def expected_mccs(self) -> tuple[str, ...]:
        codes = list(self.business.expected if self.business else ())
        own = self.value("mcc")
        if own and own not in codes:
            codes.insert(0, own)
        return tuple(codes)

    @property
    def settlement_days(self) -> int | None:
        m = re.search(r"[TD]\s*\+?\s*(\d+)", self.value("settlement").upper())
        return int(m.group(1)) if m else None


_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "merchant_name", "商户名称"),
    "business_type": ("business_type", "business", "经营类型", "行业"),
    "business_type_zh": ("business_type_zh",),
    "mcc": ("mcc", "expected_mcc", "商户类别码"),
    "acquirer": ("acquirer", "收单机构"),
    "merchant_no": ("merchant_no", "merchant_number", "商户编号"),
    "settlement": ("settlement", "结算周期"),
    "settlement_account_name": ("settlement_account_name", "结算账户名"),
}
_RATE_KEYS: dict[str, tuple[str, ...]] = {
    "credit": ("credit", "信用卡"), "debit": ("debit", "借记卡"),
    "debit_cap_yuan": ("debit_cap_yuan", "debit_cap", "封顶"),
    "fixed_fee_yuan": ("fixed_fee_yuan", "per_transaction_yuan", "每笔"),
}


def render_profile(values: Mapping[str, object]) -> str:
    """Options as the YAML a merchant.yaml would hold (so evidence can quote them)."""
    return yaml.safe_dump(dict(values), allow_unicode=True, sort_keys=False)


def load_profile(path: Path | None = None, overrides: Mapping[str, object] | None = None) -> MerchantProfile:
    """The profile from merchant.yaml, options, or both (options win, and the source says so)."""
    data: dict[str, object] = {}
    raw = b""
    source = "command-line options"
    if path is not None:
        raw = path.read_bytes()
        text, _enc = decode_bytes(raw, str(path))
        try:
            loaded = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputTableError(f"merchant profile is not valid YAML ({exc})", source=str(path),
                                  remedy="Fix the YAML syntax (key: value per line).") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise InputTableError("merchant profile must be a mapping of key: value", source=str(path),
                                  remedy="See the example merchant.yaml in the documentation.")
        data = dict(loaded or {})
        source = str(path)
    extra = {k: v for k, v in (overrides or {}).items() if v is not None}
    if extra:
        data = _merge(data, extra)
        text = render_profile(data)
        raw = text.encode("utf-8")
        source = f"{source} + command-line options" if path is not None else source
    elif path is None:
        text = ""
    doc = Document(id=doc_id(raw), source=source, kind="statement", text=text,
                   sha256=hashlib.sha256(raw).hexdigest(), title="merchant profile", encoding="utf-8")
    return profile_from(doc, data)


def _merge(data: dict[str, object], extra: Mapping[str, object]) -> dict[str, object]:
    out = dict(data)
    given = out.get("rates")
    rates: dict[str, object] = dict(given) if isinstance(given, dict) else {}
    for key, value in extra.items():
        if key == "rate":  # one rate for every card
            rates["credit"] = rates["debit"] = value
        elif key in _RATE_KEYS:
            rates[key] = value
        else:
            out[key] = value
    if rates:
        out["rates"] = rates
    return out


def _lookup(data: Mapping[str, object], names: tuple[str, ...]) -> object:
    for n in names:
        if n in data and data[n] not in (None, ""):
            return data[n]
    return None


def _span(text: str, key: str, value: str, after: int = 0) -> Span | None:
    m = re.search(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*:[ \t]*", text[after:])
    if m:
        line_end = text.find("\n", after + m.end())
        line_end = len(text) if line_end < 0 else line_end
        pos = text.find(value, after + m.end(), line_end)
        if pos >= 0:
            return Span(value, pos, pos + len(value))
    pos = text.find(value, after)
    return Span(value, pos, pos + len(value)) if value and pos >= 0 else None


def profile_from(doc: Document, data: Mapping[str, object]) -> MerchantProfile:
    text = doc.text
    fields: dict[str, Span] = {}
    for name, keys in _ALIASES.items():
        value = _lookup(data, keys)
        if value is None:
            continue
        sval = str(value).strip()
        key = next(k for k in keys if k in data)
        fields[name] = _span(text, key, sval) or Span(sval, 0, 0)
    rates_raw = data.get("rates") if isinstance(data.get("rates"), dict) else {}
    assert isinstance(rates_raw, dict)
    if "rate" in data and "credit" not in rates_raw:
        rates_raw = {"credit": data["rate"], "debit": data["rate"], **rates_raw}
    rates_at = text.find("rates:")
    rate_vals: dict[str, object] = {}
    for name, keys in _RATE_KEYS.items():
        value = _lookup(rates_raw, keys)
        if value is None:
            continue
        rate_vals[name] = value
        key = next(k for k in keys if k in rates_raw)
        span = _span(text, key, str(value), max(rates_at, 0))
        if span:
            fields[f"rate_{name}"] = span
    cap = parse_amount(str(rate_vals["debit_cap_yuan"])) if "debit_cap_yuan" in rate_vals else None
    fixed = parse_amount(str(rate_vals["fixed_fee_yuan"])) if "fixed_fee_yuan" in rate_vals else None
    rates = Rates(credit=parse_rate(rate_vals.get("credit")), debit=parse_rate(rate_vals.get("debit")),
                  debit_cap=cap, fixed_fee=fixed or Decimal(0))
    business, notes = _resolve_business(fields)
    return MerchantProfile(doc=doc, fields=fields, rates=rates, business=business, notes=tuple(notes))


def _resolve_business(fields: dict[str, Span]) -> tuple[BusinessType | None, list[ProfileNote]]:
    notes: list[ProfileNote] = []
    given = fields.get("business_type")
    zh = fields.get("business_type_zh")
    business = find_business(given.value) if given else None
    if business is None and zh is not None:
        business = find_business(zh.value)
    if given and business is None:
        notes.append(ProfileNote("unknown_business", given.value, given, suggest_business(given.value, zh)))
    mcc = fields.get("mcc")
    if mcc is not None:
        if not re.fullmatch(r"\d{4}", mcc.value):
            notes.append(ProfileNote("unknown_mcc", mcc.value, mcc, "an MCC has four digits"))
        elif mcc.value not in mcc_table():
            notes.append(ProfileNote("unknown_mcc", mcc.value, mcc, ""))
    if given is None and zh is None and mcc is None and fields:
        notes.append(ProfileNote("no_business", "", None, ""))
    return business, notes


def find_business(text: str) -> BusinessType | None:
    """A business type by key (restaurant) or by its Chinese name (超市, 理发店)."""
    table = business_types()
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key in table:
        return table[key]
    for bt in table.values():
        if text.strip() and text.strip() in bt.name_zh.split("/"):
            return bt
    return None


def businesses_named_in(words: str) -> list[BusinessType]:
    """The business types whose Chinese names occur in `words` (我开的是拉面馆 → 面馆; 餐饮 / 火锅 → two), those
    of the longest name found; [] when none."""
    found = [(len(name), bt) for bt in business_types().values() for name in bt.name_zh.split("/")
             if len(name) >= 2 and name in words]
    longest = max((n for n, _ in found), default=0)
    return list({bt.key: bt for n, bt in found if n == longest}.values())


def suggest_business(text: str, zh: Span | None = None) -> str:
    """Close business-type keys for a message: by spelling, and by shared characters of the Chinese name."""
    table = business_types()
    keys = difflib.get_close_matches(text.strip().lower(), list(table), n=3, cutoff=0.6)
    if zh is not None and len(keys) < 2:
        pairs = _pairs(zh.value)
        scored = sorted(table.values(), key=lambda bt: -len(pairs & _pairs(bt.name_zh)))
        keys += [bt.key for bt in scored[:3] if pairs & _pairs(bt.name_zh) and bt.key not in keys]
    return ", ".join(f"{k} ({table[k].name_zh})" for k in keys[:3])


def _pairs(text: str) -> set[str]:
    parts = re.split(r"[/（）()、，,\s]+", text)
    return {p[i:i + 2] for p in parts for i in range(len(p) - 1)}
