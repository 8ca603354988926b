"""The `poscheck statements` command: parse options, run the 三单合一 check, write or print the report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from poscheck.models import Report
    from poscheck.rules.model import RuleSet

EXIT_OK, EXIT_USAGE, EXIT_INPUT_FAILED = 0, 2, 3

_file = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("statements")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--slip", "slips", multiple=True, type=_file,
              help="Sales slip (签购单): a .txt, or a PNG/JPG photo read by local OCR. Repeatable.")
@click.option("--card-statement", type=_file, help="Cardholder statement export (CSV or XLSX, UTF-8 or GBK).")
@click.option("--settlement", type=_file, help="The merchant's bank account flow (CSV or XLSX).")
@click.option("--merchant", "merchant_file", type=_file, help="merchant.yaml with name, business, rates.")
@click.option("--merchant-name", help="Your registered merchant name (商户名称).")
@click.option("--business", help="Your business type, e.g. restaurant, supermarket, hair_salon (or 超市).")
@click.option("--mcc", help="The 4-digit MCC your business should have, if you know it.")
@click.option("--rate", type=float,
              help="Agreed card rate in percent, e.g. 0.6 (also used for debit unless --debit-rate).")
@click.option("--debit-rate", type=float, help="Agreed debit-card rate in percent, e.g. 0.5.")
@click.option("--debit-cap", type=float, help="Debit-card fee cap in yuan per transaction, e.g. 20.")
@click.option("--acquirer", help="The acquirer you signed with (收单机构).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report: .html or .pdf for people, .json for programs. Prints a summary otherwise.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the HTML/PDF report.")
@click.option("--complaint", is_flag=True, help="Add a printable complaint page to the HTML/PDF report.")
def statements(folder: Path | None, slips: tuple[Path, ...], card_statement: Path | None,
               settlement: Path | None, merchant_file: Path | None, merchant_name: str | None,
               business: str | None, mcc: str | None, rate: float | None, debit_rate: float | None,
               debit_cap: float | None, acquirer: str | None, output: Path | None, lang: str,
               complaint: bool) -> None:
    """Check a sales slip, cardholder statement and settlement record against each other (三单合一).

    Give a FOLDER holding slip.*, card_statement.*, settlement.* and merchant.yaml, or the files one
    by one. Finds MCC/name jumping (跳码), payers that are not the acquirer (二清), fees above the
    agreed rate and fixed per-transaction deductions. Exit codes: 0 done, 2 usage, 3 an input could not
    be read (the report still covers the rest).
    """
    from poscheck.errors import PoscheckError, UsageProblem

    overrides: dict[str, object] = {
        "name": merchant_name, "business_type": business, "mcc": mcc, "acquirer": acquirer,
        "credit": f"{rate}%" if rate is not None else None,
        "debit": f"{debit_rate}%" if debit_rate is not None else (f"{rate}%" if rate is not None else None),
        "debit_cap_yuan": debit_cap,
    }
    overrides = {k: v for k, v in overrides.items() if v is not None}
    try:
        _check_usage(folder, slips, card_statement, settlement, business, mcc)
        report = _run(folder, slips, card_statement, settlement, merchant_file, overrides)
    except UsageProblem as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(EXIT_USAGE) from None
    except PoscheckError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(EXIT_INPUT_FAILED) from None
    if output is not None:
        _write(report, output, lang, complaint)
        click.echo(f"wrote {output}")
    else:
        click.echo(summary(report))
    for err in report.errors:
        click.echo(err.message, err=True)
    if report.errors:
        raise SystemExit(EXIT_INPUT_FAILED)


def _check_usage(folder: Path | None, slips: tuple[Path, ...], card: Path | None, settlement: Path | None,
                 business: str | None, mcc: str | None) -> None:
    from poscheck.errors import UsageProblem
    from poscheck.statements.merchant import find_business, suggest_business

    if folder is None and not (slips or card or settlement):
        raise UsageProblem("nothing to check",
                           remedy="Give a statement FOLDER, or --slip, --card-statement and --settlement "
                                  "(see `poscheck statements --help`).")
    if folder is not None and (slips or card or settlement):
        raise UsageProblem("give either a FOLDER or the files one by one, not both",
                           remedy="Drop the FOLDER argument, or the --slip/--card-statement/--settlement "
                                  "options.")
    if business and find_business(business) is None and not mcc:
        close = suggest_business(business)
        raise UsageProblem(
            f"unknown business type {business!r}",
            remedy=(f"Close matches: {close}. " if close else "")
            + "Use one of the types in `poscheck/data/business-mcc.csv`, or give the MCC with --mcc.",
        )


def _rules() -> RuleSet:
    """The full rule set from the lead's loader when present, else the statement rules on their own."""
    try:
        from poscheck.rules.loader import load_rules
    except ImportError:
        from poscheck.statements import statement_rules

        return statement_rules()
    rules: RuleSet = load_rules()
    return rules


def _run(folder: Path | None, slips: tuple[Path, ...], card: Path | None, settlement: Path | None,
         merchant_file: Path | None, overrides: dict[str, object]) -> Report:
    from poscheck.statements import analyse_folder, analyse_inputs

    rules = _rules()
    if folder is not None and merchant_file is None:
        return analyse_folder(folder, rules, profile_overrides=overrides)
    if folder is not None:  # a folder, but the profile from --merchant
        from poscheck.statements.inputs import find_inputs

        found = find_inputs(folder)
        return analyse_inputs(found.slips, found.card_statement, found.settlement, merchant_file, rules,
                              profile_overrides=overrides, target=folder.name)
    return analyse_inputs(list(slips), card, settlement, merchant_file, rules, profile_overrides=overrides,
                          target=(slips[0].parent.name if slips else "statements"))


def _write(report: Report, output: Path, lang: str, complaint: bool) -> None:
    """The output's suffix picks the format: .html/.htm, .pdf (printed from the HTML), else JSON."""
    from poscheck.report import write_html, write_json

    suffix = output.suffix.lower()
    if suffix in (".html", ".htm"):
        write_html(report, output, lang=lang, complaint=complaint)
    elif suffix == ".pdf":
        from poscheck.pdf import html_to_pdf

        html = write_html(report, output.with_suffix(".html"), lang=lang, complaint=complaint)
        html_to_pdf(html, output)
    else:
        write_json(report, output)


def summary(report: Report) -> str:
    """A plain-text summary: findings, then one line per transaction of the reconciliation."""
    lines = [f"三单合一 check: {report.name or report.target}"]
    shown = [f for f in report.findings if f.severity != "info"]
    notes = [f for f in report.findings if f.severity == "info"]
    lines.append(f"{len(shown)} finding(s)" + (f", {len(notes)} note(s)" if notes else ""))
    for f in shown + notes:
        lines.append(f"  [{f.severity}] {f.category} ({f.rule}): {f.message}")
    rows = report.facts.extra.get("reconciliation")
    if isinstance(rows, list) and rows:
        lines.append("reconciliation:")
        for r in rows:
            if not isinstance(r, dict):
                continue
            card = f"row {r.get('card_row')}" if r.get("matched_card") else "not found"
            settled = f"row {r.get('settlement_row')}" if r.get("matched_settlement") else "not found"
            fee = f"{r.get('fee_taken') or '-'} ({r.get('implied_rate') or '-'})"
            head = f"#{r.get('transaction')} {r.get('slip_date') or '?'} {r.get('slip_amount') or '?'}"
            status = r.get("status_text")
            lines.append(f"  {head} | card: {card} | settlement: {settled} | fee {fee} | {status}")
    unchecked = report.facts.extra.get("unchecked")
    if isinstance(unchecked, list):
        lines.extend(f"  not checked: {u}" for u in unchecked)
    return "\n".join(lines)
