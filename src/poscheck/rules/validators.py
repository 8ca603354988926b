"""Named validators that a rule's regex may call (`validator: name`): checks code cannot express as data."""

from __future__ import annotations

import re
from collections.abc import Callable

from poscheck.facts.patterns import announced_under_terms
from poscheck.facts.rates import ADVERTISED_FLOOR

Validator = Callable[["re.Match[str]"], bool]
VALIDATORS: dict[str, Validator] = {}


def validator(name: str) -> Callable[[Validator], Validator]:
    def deco(fn: Validator) -> Validator:
        VALIDATORS[name] = fn
        return fn

    return deco


def _num(m: re.Match[str], group: str) -> float | None:
    try:
        return float(m.group(group))
    except (IndexError, TypeError, ValueError):
        return None


@validator("rate_below_credit_floor")
def rate_below_credit_floor(m: re.Match[str]) -> bool:
    """The `rate` group (percent) is below the issuer + network floor for credit cards."""
    rate = _num(m, "rate")
    return rate is not None and 0 < rate < ADVERTISED_FLOOR


@validator("rate_rises")
def rate_rises(m: re.Match[str]) -> bool:
    """The `later` rate group is higher than the `first` rate group (and the rise is not told announced under the
    document's own compliant change terms)."""
    first, later = _num(m, "first"), _num(m, "later")
    if first is None or later is None or later <= first:
        return False
    end = m.string.find("。", m.end())
    return announced_under_terms(m.string, m.start(), len(m.string) if end < 0 else end) is None


@validator("data_fee_high")
def data_fee_high(m: re.Match[str]) -> bool:
    """A data/SIM fee above the ordinary disclosed level (DOMAIN.md: 36–99 元 a year)."""
    amount = _num(m, "amount")
    return amount is not None and amount > 0
