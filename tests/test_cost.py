"""Real-cost estimate: hand calculations on hand-built fee lists (poscheck.cost)."""

from __future__ import annotations

import pytest

from poscheck.cost import Profile, estimate, pct, refund_target
from poscheck.models import Evidence, Fee

EV = Evidence(document="d1", source="http://127.0.0.1/fees.html", quote="q", start=0, end=1)
CREDIT_ONLY = Profile(monthly_volume=50_000, credit_share=1, debit_share=0, qr_share=0, average_ticket=500)


def fee(kind: str, amount: float | None, unit: str, **kw: object) -> Fee:
    return Fee(kind, kw.pop("label", kind), amount, unit, EV, **kw)  # type: ignore[arg-type]


def predatory() -> list[Fee]:
    """The predatory agent: deposit 299 back only after 10万 in 60 days, 99元/年 data fee,
    3元/笔 instant surcharge, credit 0.38% for 3 months then 0.68%; the deposit is seen twice."""
    return [
        fee("deposit", 299, "元", period="once", conditions="激活后60天内累计刷满10万元全额返还，未达标不予退还",
            refundable=True),
        fee("deposit", 299, "元", label="激活押金（协议）", period="once"),
        fee("data", 99, "元/年", period="year"),
        fee("instant", 3, "元/笔", period="per_transaction"),
        fee("rate", 0.38, "%", channel="credit", promo_months=3, later_amount=0.68),
    ]


def by_key(fees: list[Fee], profile: Profile) -> dict[str, tuple[float, float]]:
    return {line.key: (line.first_year, line.later_year) for line in estimate(fees, profile).lines}


def test_predatory_hand_calculation() -> None:
    # 50,000 CNY a month, all credit card, average ticket 500 → 100 transactions a month.
    # credit, year 1: 3 × 50,000 × 0.38% + 9 × 50,000 × 0.68% = 570 + 3,060 = 3,630; later 12 × 50,000 × 0.68% = 4,080
    # instant: 12 × 100 × 3 = 3,600 a year
    # data: 99 a year
    # deposit: 60 days at 50,000/month = 100,000, not 20% above the 100,000 target → 299 lost, first year only
    est = estimate(predatory(), CREDIT_ONLY)
    assert by_key(predatory(), CREDIT_ONLY) == {
        "rate:credit": (3630.0, 4080.0), "deposit": (299.0, 0.0), "instant": (3600.0, 3600.0), "data": (99.0, 99.0),
    }
    assert est.first_year == pytest.approx(3630 + 3600 + 99 + 299) == 7628
    assert est.later_year == pytest.approx(4080 + 3600 + 99) == 7779
    assert est.advertised_rate == 0.38
    assert est.advertised_cost == pytest.approx(12 * 50_000 * 0.0038) == 2280
    assert est.advertised_formula == "12 × 50,000 × 0.38% = 2,280.00"
    credit = est.lines[0]
    assert credit.formula_first == "3 × 50,000 × 0.38% + 9 × 50,000 × 0.68% = 3,630.00"
    assert credit.formula_later == "12 × 50,000 × 0.68% = 4,080.00"
    deposit = next(line for line in est.lines if line.key == "deposit")
    assert deposit.notes[0].key == "deposit_at_risk"
    assert deposit.notes[0].as_dict() == {"days": "60", "target": "100,000", "expected": "100,000"}
    assert est.missing == ()


def test_predatory_default_profile_assumes_the_highest_rate_for_unstated_cards() -> None:
    # Default: 50,000/month, credit 40% / debit 30% / QR 30%, ticket 200 → 250 transactions a month.
    # credit: 3 × 20,000 × 0.38% + 9 × 20,000 × 0.68% = 228 + 1,224 = 1,452; later 1,632
    # debit and QR not stated → the highest stated rate, 0.68%: 12 × 15,000 × 0.68% = 1,224 each
    # instant: 12 × 250 × 3 = 9,000
    est = estimate(predatory())
    keys = by_key(predatory(), Profile())
    assert keys["rate:credit"] == (1452.0, 1632.0)
    assert keys["rate:debit"] == keys["rate:qr"] == (1224.0, 1224.0)
    assert keys["instant"] == (9000.0, 9000.0)
    assert est.first_year == pytest.approx(1452 + 1224 + 1224 + 9000 + 99 + 299)
    assert est.later_year == pytest.approx(1632 + 1224 + 1224 + 9000 + 99)
    debit = next(line for line in est.lines if line.key == "rate:debit")
    assert [n.key for n in debit.notes] == ["assumed_rate"] and debit.evidence is None


def test_debit_cap_applies_per_transaction() -> None:
    profile = Profile(monthly_volume=50_000, credit_share=0, debit_share=1, qr_share=0, average_ticket=5_000)
    # 10 transactions a month of 5,000: min(5,000 × 0.50%, 20) = 20 each → 12 × 10 × 20 = 2,400 (uncapped 3,000)
    capped = [fee("rate", 0.5, "%", channel="debit", cap=20.0)]
    assert by_key(capped, profile)["rate:debit"] == (2400.0, 2400.0)
    separate_cap = [fee("rate", 0.5, "%", channel="debit"), fee("cap", 20, "元", channel="debit")]
    line = estimate(separate_cap, profile).lines[0]
    assert (line.first_year, line.formula_first) == (2400.0, "12 × 10 × min(5,000 × 0.50%, 20) = 2,400.00")


def test_deposit_reachable_target_is_not_counted() -> None:
    busy = Profile(monthly_volume=100_000)
    line = next(line for line in estimate(predatory(), busy).lines if line.key == "deposit")
    assert (line.first_year, line.notes[0].key) == (0.0, "deposit_returned")


@pytest.mark.parametrize(("refundable", "conditions", "lost", "note"), [
    (False, "", 199.0, "deposit_not_refundable"),
    (True, "", 0.0, "deposit_refundable"),
    (None, "", 199.0, "deposit_refund_unknown"),
    (None, "刷满5000元返还", 0.0, "deposit_returned"),
])
def test_deposit_refund_terms(refundable: bool | None, conditions: str, lost: float, note: str) -> None:
    line = estimate([fee("deposit", 199, "元", refundable=refundable, conditions=conditions)]).lines[0]
    assert line.first_year == lost and line.later_year == 0
    assert note in [n.key for n in line.notes]


def test_refund_target_parsing() -> None:
    assert refund_target("激活后60天内累计刷满10万元全额返还") == (100_000, 60)
    assert refund_target("三个月内刷满十万元") == (100_000, 90)
    assert refund_target("刷满5000元返还") == (5_000, None)
    assert refund_target("无条件返还") is None
    assert refund_target("") is None


def test_periodic_fees_and_promotions() -> None:
    fees = [
        fee("recurring", 25, "元/季度", label="短信费"),
        fee("recurring", 10, "元/月", label="月租"),
        fee("data", 0, "元/年", promo_months=12, later_amount=48),
        fee("membership", 399, "元", label="VIP会员"),  # no period: assumed yearly
        fee("withdrawal", 2, "元/笔"),  # per withdrawal, 22 a month
    ]
    est = estimate(fees)
    got = {(line.key, line.label): (line.first_year, line.later_year) for line in est.lines}
    assert got == {
        ("recurring", "短信费"): (100.0, 100.0), ("recurring", "月租"): (120.0, 120.0),
        ("data", "data"): (0.0, 48.0), ("membership", "VIP会员"): (399.0, 399.0),
        ("withdrawal", "withdrawal"): (528.0, 528.0),
    }
    membership = next(line for line in est.lines if line.key == "membership")
    assert [n.key for n in membership.notes] == ["period_assumed"]


def test_percentage_surcharge_and_optional_fee() -> None:
    fees = [fee("rate", 0.6, "%", channel=None), fee("insurance", 0.05, "%"),
            fee("instant", 0.05, "%", optional=True, label="D0")]
    est = estimate(fees)
    # general rate 0.6% on all 600,000 a year = 3,600; insurance 0.05% = 300; optional D0 not counted
    assert est.first_year == pytest.approx(3600 + 300)
    assert [line.label for line in est.optional] == ["D0"]
    assert est.optional[0].first_year == pytest.approx(300)
    assert any(n.key == "generic_rate" for n in est.lines[0].notes)


def test_duplicates_conflicts_ranges_and_unpriced() -> None:
    fees = [fee("rate", 0.6, "%", channel="credit"), fee("rate", 0.63, "%", channel="credit"),
            fee("rate", 0.6, "%", channel="credit"),
            fee("data", 60, "元/年", max_amount=99), fee("recurring", None, "元", label="其他费用另行收取")]
    est = estimate(fees, CREDIT_ONLY)
    credit = est.lines[0]
    assert credit.first_year == pytest.approx(12 * 50_000 * 0.0063)
    assert credit.notes[-1].key == "conflicting" and credit.notes[-1].as_dict() == {"values": "0.60%, 0.63%"}
    data = next(line for line in est.lines if line.key == "data")
    assert data.first_year == 99 and data.notes[0].key == "upper_bound"
    assert [u.label for u in est.unpriced] == ["其他费用另行收取"]


def test_no_fees() -> None:
    est = estimate([])
    assert not est.has_fees and est.first_year == 0 and est.missing == ("credit", "debit", "qr")
    assert est.advertised_cost is None and est.advertised_formula == ""


def test_profile_validation() -> None:
    with pytest.raises(ValueError, match="add up to 1"):
        Profile(credit_share=0.5, debit_share=0.5, qr_share=0.5)
    with pytest.raises(ValueError, match="positive"):
        Profile(monthly_volume=0)


def test_pct_format() -> None:
    assert [pct(0.6), pct(0.38), pct(0.0325), pct(1)] == ["0.60%", "0.38%", "0.0325%", "1.00%"]


def test_predatory_demo_site_against_hand_calculation(engine) -> None:  # type: ignore[no-untyped-def]
    """The fee facts read from the bundled predatory demo site, priced for the default shop.

    Default profile: 50,000 a month (credit 40% = 20,000, debit 30% = 15,000, QR 30% = 15,000), ticket 200
    → 250 transactions a month. The site states: credit 0.38% for 3 months then 0.68%, debit 0.55%, QR 0.38%,
    秒到 3元/笔 on by default, 流量费 99元/年, deposit 299 back only after 10万 within 60 days.
      credit  3 × 20,000 × 0.38% + 9 × 20,000 × 0.68% = 228 + 1,224 = 1,452   later 12 × 20,000 × 0.68% = 1,632
      debit   12 × 15,000 × 0.55% = 990          QR  12 × 15,000 × 0.38% = 684
      秒到     12 × 250 × 3 = 9,000               流量费 99
      deposit 60 days ≈ 100,000 < 1.2 × 100,000 → 299 lost in year 1
      year 1: 1,452 + 990 + 684 + 9,000 + 99 + 299 = 12,524     later: 1,632 + 990 + 684 + 9,000 + 99 = 12,405
    """
    from poscheck.demo import SITES_DIR
    from poscheck.pipeline import check_local

    report = check_local(engine, [SITES_DIR / "predatory"], url="http://127.0.0.1:8000/predatory/")
    est = estimate(report.facts.fees)
    got = {line.key: (line.first_year, line.later_year) for line in est.lines}
    assert got == {"rate:credit": (1452.0, 1632.0), "rate:debit": (990.0, 990.0), "rate:qr": (684.0, 684.0),
                   "deposit": (299.0, 0.0), "instant": (9000.0, 9000.0), "data": (99.0, 99.0)}
    assert (est.first_year, est.later_year) == (12524.0, 12405.0)
    assert est.advertised_cost == 2280.0  # 12 × 50,000 × 0.38%
    assert not any(n.key == "conflicting" for line in est.lines for n in line.notes)


def test_fees_every_four_months_or_half_year_are_annualised() -> None:
    """A data fee taken every four months costs three times its amount a year; one every half year twice."""
    lines = {line.key: line for line in estimate([fee("data", 59, "元/4个月", period="four_months"),
                                                  fee("recurring", 30, "元/半年", period="half_year")],
                                                 CREDIT_ONLY).lines}
    assert [(line.first_year, line.formula_first) for line in lines.values()] == [
        (177.0, "3 × 59 = 177.00"), (60.0, "2 × 30 = 60.00")]
