"""Every statement set of the development corpus gets exactly its labelled categories."""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from poscheck.models import Finding
from poscheck.statements import analyse_folder
from statements_support import CORPUS, assert_quotes_exact, categories, rules

_ENGLISH_WORD = re.compile(r"(?<![a-z])(?:the|is|of|and|not|as|on|by|for|from|row|rows|yuan|fee|agreed)(?![a-z])", re.I)


def assert_bilingual(f: Finding) -> None:
    """Chinese message without English prose, English message without Chinese prose, every field filled."""
    for text in (f.message, f.message_en):
        assert not re.search(r"\{[a-z_]+\}", text), text
    assert f.message_en and f.title_en and f.advice_en
    assert not _ENGLISH_WORD.search(f.message), f.message
    assert not re.search("[，。；]", f.message_en), f.message_en


def _sets() -> list[tuple[str, str]]:
    manifest = CORPUS / "manifest.csv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8", newline="") as fh:
        return [(r["id"], r["path"]) for r in csv.DictReader(fh) if r["id"].startswith("stmt-")]


SETS = _sets()


@pytest.mark.skipif(not SETS, reason="../shared/corpus is not beside the checkout")
@pytest.mark.parametrize(("set_id", "rel"), SETS, ids=[s[0] for s in SETS])
def test_statement_set_gets_exactly_its_labels(set_id: str, rel: str) -> None:
    labels = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
    report = analyse_folder(CORPUS / rel, rules(), target=set_id, generated_at="2026-01-01T00:00:00+00:00")
    assert report.errors == []
    assert report.kind == "statements"
    assert categories(report) == set(labels[set_id]["flag"])
    assert_quotes_exact(report)


@pytest.mark.skipif(not SETS, reason="../shared/corpus is not beside the checkout")
def test_reconciliation_table_shows_the_fee_arithmetic() -> None:
    report = analyse_folder(CORPUS / "docs/statements/set06_wuhan_store_fee_higher", rules())
    (row,) = report.facts.extra["reconciliation"]  # type: ignore[misc]
    assert row["slip_amount"] == "3,200.00" and row["settlement_net"] == "3,168.00"
    assert row["fee_taken"] == "32.00" and row["implied_rate"] == "1.00%"
    assert row["agreed_fee"] == "19.20" and row["excess"] == "12.80"
    assert row["matched_card"] and row["matched_settlement"] and row["status"] == "fee_above_agreed"
    fee = next(f for f in report.findings if f.rule == "statements.fee-above-agreed")
    assert "3,200.00 − 3,168.00 = 32.00" in fee.message and "19.20" in fee.message


@pytest.mark.skipif(not SETS, reason="../shared/corpus is not beside the checkout")
def test_consistent_sets_reconcile_to_the_cent() -> None:
    r1 = analyse_folder(CORPUS / "docs/statements/set01_chengdu_restaurant_ok", rules())
    r2 = analyse_folder(CORPUS / "docs/statements/set02_shanghai_supermarket_ok", rules())
    (a,) = r1.facts.extra["reconciliation"]  # type: ignore[misc]
    (b,) = r2.facts.extra["reconciliation"]  # type: ignore[misc]
    assert (a["fee_taken"], a["implied_rate"], a["status"]) == ("2.92", "0.60%", "ok")  # 486 × 0.6% = 2.916
    assert (b["fee_taken"], b["implied_rate"], b["status"]) == ("1.34", "0.50%", "ok")  # GBK card statement
    assert b["card_row"] == 3 and b["settlement_payer_kind"] == "licensed"
    totals = r1.facts.extra["reconciliation_totals"]
    assert isinstance(totals, dict) and totals["fee_taken"] == "2.92"


def test_statement_rule_examples_fire_as_documented(tmp_path: object) -> None:
    """Each statement rule's examples, written as folders, fire (match) or not (no_match)."""
    from pathlib import Path

    base = Path(str(tmp_path))
    failures = []
    for rule in rules():
        for kind in ("match", "no_match"):
            for i, ex in enumerate(getattr(rule.spec.examples, kind)):
                folder = base / f"{rule.id}-{kind}-{i}"
                folder.mkdir()
                for name, content in ex.files.items():
                    (folder / name).write_text(content, encoding="utf-8")
                report = analyse_folder(folder, rules())
                fired = rule.id in {f.rule for f in report.findings}
                if fired != (kind == "match"):
                    failures.append(f"{rule.id} {kind}[{i}] {ex.note}")
                assert_quotes_exact(report)
                for f in report.findings:
                    assert_bilingual(f)
    assert failures == []


@pytest.mark.skipif(not SETS, reason="../shared/corpus is not beside the checkout")
def test_facts_are_plain_json_with_row_flags() -> None:
    import json

    report = analyse_folder(CORPUS / "docs/statements/set05_guangzhou_salon_private_payer", rules())
    extra = json.loads(json.dumps(report.facts.extra, ensure_ascii=False))
    (row,) = extra["reconciliation"]
    assert row["settlement_payer"] == "陈志明" and row["settlement_payer_kind"] == "person"
    assert "paid from a private person's account" in row["flags"]
    assert "payer is not the acquirer on the slip" in row["flags"]
    assert extra["merchant_numbers"][0]["mcc"] == "7230"
