"""Golden files pin the report view model: everything a merchant reads, as plain JSON.

One file per case in tests/golden/viewmodel/. After an intended change, regenerate them with
`POSCHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_viewmodel_golden.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import report_fixtures as rf
from poscheck.cost import Profile
from poscheck.render import dashboard
from poscheck.viewmodel import build
from poscheck.viewparts import dashboard_row

GOLDEN = Path(__file__).parent / "golden" / "viewmodel"
UPDATE = os.environ.get("POSCHECK_UPDATE_GOLDEN") == "1"

CASES: dict[str, Callable[[], dict[str, Any]]] = {
    "predatory-zh": lambda: build(rf.predatory_report()),
    "predatory-en-complaint": lambda: build(rf.predatory_report(), lang="en", complaint=True),
    "predatory-zh-busy-shop": lambda: build(rf.predatory_report(), profile=Profile(monthly_volume=200_000)),
    "honest-en": lambda: build(rf.honest_report(), lang="en"),
    "statements-zh-complaint": lambda: build(rf.statements_report(), complaint=True),
    "empty-zh": lambda: build(rf.empty_report()),
    "hostile-zh-complaint": lambda: build(rf.hostile_report(), complaint=True),
    "dashboard-zh": lambda: dashboard([dashboard_row(r, f"{r.target}.html") for r in
                                       (rf.honest_report(), rf.predatory_report(), rf.empty_report())],
                                      generated_at="2025-06-01 08:00 UTC"),
}


def dump(vm: dict[str, Any]) -> str:
    return json.dumps(vm, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_view_model_matches_golden(case: str) -> None:
    got = dump(CASES[case]())
    path = GOLDEN / f"{case}.json"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}; create it with POSCHECK_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), (
        f"view model of {case} changed; if intended, run POSCHECK_UPDATE_GOLDEN=1 pytest {__file__} and review")


def test_no_stray_golden_files() -> None:
    assert {p.stem for p in GOLDEN.glob("*.json")} <= set(CASES)


def test_view_model_is_deterministic_and_order_independent() -> None:
    a = rf.predatory_report()
    b = rf.predatory_report()
    b.documents.reverse()
    b.errors.reverse()
    assert dump(build(a, complaint=True)) == dump(build(b, complaint=True))
    json.dumps(build(a))  # plain JSON, nothing else


def test_every_value_is_a_ready_string() -> None:
    """Templates print; they do not format: every leaf is a str, bool or None."""

    def leaves(x: object) -> list[object]:
        if isinstance(x, dict):
            return [v for value in x.values() for v in leaves(value)]
        if isinstance(x, list):
            return [v for value in x for v in leaves(value)]
        return [x]

    for case, make in CASES.items():
        bad = [v for v in leaves(make()) if not isinstance(v, str | bool | type(None))]
        assert bad == [], f"{case}: unformatted values {bad[:5]}"
