"""Parse the values statements are written in: money, dates and times, rates; format money back."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Span:
    """A value as written and where it sits in its document's text."""

    value: str
    start: int
    end: int

_AMOUNT = re.compile(
    r"^([+-]?)(?:rmb|cny|¥|￥|人民币)?\s*([+-]?)(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?:元|rmb|cny)?$"
)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE8 = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?!\d)")
_RATE = re.compile(r"^(\d+(?:\.\d+)?)\s*(%|‰|‱)?$")
_CN_FRACTION = re.compile(r"^(百|千|万)分之\s*(\d+(?:\.\d+)?)$")


def parse_amount(text: str) -> Decimal | None:
    """'3,168.00' → 3168.00; '-268.50', '¥1,268', '(2,000.00)' (negative) and full-width digits too."""
    t = unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
    if not t:
        return None
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    m = _AMOUNT.match(t)
    if not m:
        return None
    try:
        value = Decimal(m.group(3).replace(",", ""))
    except InvalidOperation:
        return None
    if negative or "-" in (m.group(1), m.group(2)):
        value = -value
    return value


def parse_date(text: str) -> date | None:
    """The first date in `text`: 2025-03-14, 2025/3/14, 2025年3月14日, 20250314, 2025.03.14."""
    t = unicodedata.normalize("NFKC", text)
    for m in (_DATE.search(t), _DATE8.search(t)):
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def parse_time(text: str) -> time | None:
    """The first time of day in `text` (19:42:08, 19:42); None when there is none."""
    t = unicodedata.normalize("NFKC", text)
    for m in _TIME.finditer(t):
        try:
            return time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
        except ValueError:
            continue
    return None


def parse_datetime(text: str) -> tuple[date | None, time | None]:
    """Date and time of day from one value; slips read by OCR may lose the space (2025/03/1419:42:08)."""
    t = unicodedata.normalize("NFKC", text)
    m = re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(日?\s*)(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?", t)
    if m:
        year, month, sec = int(m.group(1)), int(m.group(2)), int(m.group(7) or 0)
        splits = [(m.group(3), m.group(5))]
        if not m.group(4):  # no separator: "1419:42" is the 14th at 19:42
            raw = m.group(3) + m.group(5)
            splits = [(raw[:k], raw[k:]) for k in (2, 1) if raw[k:]]
        for day, hour in splits:
            try:
                return date(year, month, int(day)), time(int(hour), int(m.group(6)), sec)
            except ValueError:
                continue
    dm = _DATE.search(t)
    if dm:
        return parse_date(dm.group(0)), parse_time(t[dm.end():])
    found = parse_date(t)
    return found, parse_time(_DATE8.sub("", t, count=1) if found else t)


def parse_rate(value: object) -> Decimal | None:
    """A rate as a fraction: '0.6%', 0.6 (a bare number is percent), '千分之六'-style '千分之6', '6‰'."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)) / 100
    t = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    m = _CN_FRACTION.match(t)
    if m:
        return Decimal(m.group(2)) / {"百": 100, "千": 1000, "万": 10000}[m.group(1)]
    m = _RATE.match(t)
    if not m:
        return None
    num = Decimal(m.group(1))
    return num / {"%": 100, "‰": 1000, "‱": 10000, None: 100}[m.group(2)]


def money(value: Decimal) -> Decimal:
    """Round to the cent, half up, as fee calculations on statements do."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal) -> str:
    """3168 → '3,168.00'."""
    return f"{money(value):,.2f}"


def fmt_rate(value: Decimal, places: int = 2) -> str:
    """0.006 → '0.60%'."""
    q = Decimal(1).scaleb(-places)
    return f"{(value * 100).quantize(q, rounding=ROUND_HALF_UP)}%"


def fmt_rate_short(value: Decimal) -> str:
    """0.006 → '0.6%' (trailing zeros dropped), as agreements write rates."""
    pct = (value * 100).normalize()
    text = f"{pct:f}"
    return f"{text}%"
