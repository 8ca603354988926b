"""三单合一: check a merchant's sales slip, cardholder statement and settlement record against each other.

`analyse_folder(path, rules)` reads a statement folder (slip.*, card_statement.*, settlement.*,
merchant.yaml); `analyse_inputs(...)` takes the files one by one. Both return a `Report` of kind
"statements" whose `facts.extra["reconciliation"]` is the per-transaction table. A file that cannot be
read (or lacks a needed column) becomes a `RunError` in the report; the rest is still checked.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from poscheck import __version__
from poscheck.checks import CHECKS, Target
from poscheck.errors import ExtractError, PoscheckError
from poscheck.models import Document, Facts, Finding, Grade, Report, RunError
from poscheck.rules.model import RuleSet
from poscheck.statements import checks as _checks  # registers the statement checks
from poscheck.statements.inputs import (
    CardRow,
    SettlementRow,
    find_inputs,
    load_card_statement,
    load_settlement,
)
from poscheck.statements.merchant import MerchantProfile, load_profile, parse_merchant_number
from poscheck.statements.reconcile import reconcile
from poscheck.statements.slip import SlipTxn, parse_slips, slip_document
from poscheck.statements.summary import table_rows, totals

__all__ = ["STATEMENT_CHECKS", "analyse_folder", "analyse_inputs", "load_profile", "statement_rules"]

#: Names of the checks this package registers (rules refer to them with `check:`).
STATEMENT_CHECKS: tuple[str, ...] = (
    "statements_mcc", "statements_merchant_identity", "statements_names", "statements_payer",
    "statements_second_clearing", "statements_fee", "statements_settlement_missing",
    "statements_fixed_fee", "statements_profile_notes",
)


def statement_rules(folder: Path | None = None) -> RuleSet:
    """Only the statement rules (`rules/statements/` that apply to statement sets), validated by the rule
    loader. The folder also holds the text rule of the same category (statements.mismatch-text: what a
    merchant writes about the three statements), which reads documents, not statement sets."""
    from poscheck.paths import rules_dir
    from poscheck.rules.loader import load_rule
    from poscheck.rules.model import hash_files

    base = folder or rules_dir() / "statements"
    loaded = [(p, load_rule(p, base)) for p in sorted(base.glob("*.yaml"))]
    kept = [(p, r) for p, r in loaded if "statement" in r.spec.applies_to]
    return RuleSet([r for _, r in kept], hash_files([p for p, _ in kept]))


def _error(exc: PoscheckError, source: str) -> RunError:
    return RunError(source=exc.source or source, code=exc.code, message=str(exc))


def _read_slips(paths: Sequence[Path], documents: list[Document], errors: list[RunError]) -> list[SlipTxn]:
    slips: list[SlipTxn] = []
    for path in paths:
        try:
            doc = slip_document(path)
        except PoscheckError as exc:
            errors.append(_error(exc, str(path)))
            continue
        documents.append(doc)
        parsed = parse_slips(doc)
        if not parsed:
            code = ExtractError.code
            errors.append(RunError(str(path), code, f"[{code}] {path}: no slip fields (商户编号, 金额, 日期) "
                                   "could be read. Check the photo or type the slip into a .txt file."))
        slips.extend(parsed)
    unique: dict[object, SlipTxn] = {}
    for s in slips:  # the merchant's and the cardholder's copy of one slip are one transaction
        unique.setdefault(_slip_key(s) or id(s), s)
    return [dataclasses.replace(s, index=k) for k, s in enumerate(unique.values(), start=1)]


def _slip_key(s: SlipTxn) -> tuple[object, ...] | None:
    ref = s.get("ref_no") or s.get("voucher_no")
    if s.amount is None or (ref is None and s.at is None):
        return None
    return (s.merchant_no, ref.value if ref else None, s.amount, s.day, s.at)


def analyse_inputs(
    slip: Path | Sequence[Path] | None,
    card_statement: Path | None,
    settlement: Path | None,
    merchant_profile: MerchantProfile | Path | Mapping[str, object] | None,
    rules: RuleSet,
    *,
    profile_overrides: Mapping[str, object] | None = None,
    target: str | None = None,
    name: str = "",
    generated_at: str | None = None,
) -> Report:
    """Check one statement set given file by file; the profile may be loaded, a path, or option values.

    `profile_overrides` (name, business_type, mcc, rate, debit, debit_cap_yuan, acquirer …) win over a
    profile file.
    """
    documents: list[Document] = []
    errors: list[RunError] = []
    unchecked: list[str] = []
    slip_paths = [slip] if isinstance(slip, Path) else list(slip or [])
    if not slip_paths:
        unchecked.append("no sales slip (签购单): merchant name, MCC and acquirer on the slip not checked")
    if card_statement is None:
        unchecked.append("no cardholder statement: the merchant name the card network received not checked")
    if settlement is None:
        unchecked.append("no settlement record: payer and net amounts (fees) not checked")
    slips = _read_slips(slip_paths, documents, errors)
    card_rows: list[CardRow] = []
    if card_statement is not None:
        try:
            doc, card_rows = load_card_statement(card_statement)
            documents.append(doc)
        except PoscheckError as exc:
            errors.append(_error(exc, str(card_statement)))
    settlements: list[SettlementRow] = []
    if settlement is not None:
        try:
            doc, settlements = load_settlement(settlement)
            documents.append(doc)
        except PoscheckError as exc:
            errors.append(_error(exc, str(settlement)))
    profile = _profile(merchant_profile, profile_overrides or {}, errors)
    if not profile.fields:
        unchecked.append("no merchant profile (merchant.yaml or --merchant-name/--business/--rate): "
                         "name, MCC and rates not compared with the merchant's own")
    if profile.doc.text:
        documents.append(profile.doc)
    rec = reconcile(profile, slips, card_rows, settlements)
    tgt = Target(id=target or "statements", name=name or profile.value("name"))
    analysis = _checks.StatementAnalysis(target=tgt, documents=documents, rules=rules, recon=rec)
    findings = _run_checks(analysis)
    facts = Facts()
    facts.extra["reconciliation"] = table_rows(rec)
    facts.extra["reconciliation_totals"] = totals(rec)
    numbers = {s.merchant_no: parse_merchant_number(s.merchant_no) for s in slips if s.merchant_no}
    facts.extra["merchant_numbers"] = [n.as_dict() for n in numbers.values() if n is not None]
    facts.extra["merchant_profile"] = {k: v.value for k, v in profile.fields.items()}
    facts.extra["unchecked"] = unchecked
    findings.sort(key=Finding.sort_key)
    return Report(
        target=tgt.id, generated_at=generated_at or _now(), tool_version=__version__,
        rules_version=rules.version, documents=documents, findings=findings, errors=errors, facts=facts,
        name=tgt.name, kind="statements", registry_as_of=_registry_date(),
        grade=_grade(findings, len(documents), tuple(unchecked)),
    )


def _now() -> str:
    """The report clock; POSCHECK_NOW pins it (as for `check`) for golden files."""
    return os.environ.get("POSCHECK_NOW") or datetime.now(UTC).replace(microsecond=0).isoformat()


def _grade(findings: list[Finding], documents_read: int, unchecked: tuple[str, ...]) -> Grade | None:
    try:
        from poscheck.scoring import grade
    except ImportError:
        return None
    return grade(findings, documents_read=documents_read, unchecked=unchecked)


def _profile(given: MerchantProfile | Path | Mapping[str, object] | None, overrides: Mapping[str, object],
             errors: list[RunError]) -> MerchantProfile:
    if isinstance(given, MerchantProfile):
        return given
    try:
        if isinstance(given, Path):
            return load_profile(given, overrides)
        return load_profile(None, {**(given or {}), **overrides})
    except (PoscheckError, OSError) as exc:
        if isinstance(exc, PoscheckError):
            errors.append(_error(exc, str(given)))
        else:
            errors.append(RunError(str(given), "P300",
                                   f"[P300] {given}: cannot read the merchant profile ({exc})."))
        return load_profile(None, overrides) if overrides else load_profile(None, {})


def _run_checks(analysis: _checks.StatementAnalysis) -> list[Finding]:
    findings: list[Finding] = []
    done: set[str] = set()
    for rule in analysis.rules.check_rules():
        name = rule.spec.check
        if name is None or name in done or name not in STATEMENT_CHECKS:
            continue
        if "statement" not in rule.spec.applies_to:
            continue
        done.add(name)
        findings.extend(CHECKS[name](analysis))
    return findings


def _registry_date() -> str:
    try:
        from poscheck.registry import load_registry

        return str(load_registry().date)
    except Exception:  # the registry module is optional here; a missing date is not an error
        return ""


def analyse_folder(
    path: Path | str,
    rules: RuleSet,
    *,
    target: str | None = None,
    generated_at: str | None = None,
    profile_overrides: Mapping[str, object] | None = None,
    **overrides: object,
) -> Report:
    """Check a statement folder; overrides (name, business_type, mcc, rate, …) win over merchant.yaml."""
    folder = Path(path)
    found = find_inputs(folder)
    merged = {**(profile_overrides or {}), **overrides}
    return analyse_inputs(found.slips, found.card_statement, found.settlement, found.merchant, rules,
                          profile_overrides={k: v for k, v in merged.items() if v is not None},
                          target=target or folder.name, generated_at=generated_at)
