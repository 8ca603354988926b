"""Command-line interface: thin Click commands that parse options, call one function, and print.

Heavy libraries (scrapy, spacy, jieba, pdf/docx parsers) are imported inside the commands, so
`poscheck --help` stays fast.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, 3 finished but some inputs failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from poscheck import __version__

F = TypeVar("F", bound=Callable[..., Any])
SEVERITY_CHOICES = click.Choice(["info", "low", "medium", "high", "critical"])


def rules_option(fn: F) -> F:
    return click.option("--rules-dir", "rules_dirs", multiple=True,
                        type=click.Path(exists=True, file_okay=False, path_type=Path),
                        help="A folder of your own rules, loaded on top of the bundled ones (repeatable).")(fn)


def report_options(fn: F) -> F:
    fn = click.option("--fail-on", type=SEVERITY_CHOICES, default=None,
                      help="Exit 1 when a finding is at or above this severity.")(fn)
    fn = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                      help="Language of the HTML report.")(fn)
    fn = click.option("--complaint", is_flag=True, help="Add a printable complaint page to the HTML report.")(fn)
    fn = click.option("--format", "formats", multiple=True, type=click.Choice(["html", "json", "pdf"]),
                      help="Report formats to write (default: html and json).")(fn)
    fn = click.option("--monthly-volume", type=float, default=50_000, show_default=True,
                      help="Your monthly card and QR takings in CNY, for the cost estimate.")(fn)
    fn = click.option("--average-ticket", type=float, default=200, show_default=True,
                      help="Average payment in CNY, for per-transaction fees and caps.")(fn)
    fn = click.option("--mix", default="40,30,30", show_default=True,
                      help="Shares of credit card, debit card and QR payments, in percent.")(fn)
    return fn


def crawl_options(fn: F) -> F:
    fn = click.option("--max-pages", type=click.IntRange(1, 5000), default=60, show_default=True,
                      help="Pages to fetch per site at most.")(fn)
    fn = click.option("--depth", type=click.IntRange(0, 20), default=3, show_default=True,
                      help="Link depth from the start page.")(fn)
    fn = click.option("--polite/--no-polite", default=True, show_default=True,
                      help="Delays and per-site limits; use --no-polite only against your own servers.")(fn)
    return fn


def _fail(exc: Exception) -> None:
    from poscheck.errors import UsageProblem

    click.echo(f"error: {exc}", err=True)
    sys.exit(2 if isinstance(exc, UsageProblem) else 3)


def _engine(rules_dirs: tuple[Path, ...]) -> Any:
    from poscheck.pipeline import Engine, settle_heap

    engine = Engine.build(list(rules_dirs))
    settle_heap()
    return engine


def _audit_engine(rules_dirs: tuple[Path, ...], formats: tuple[str, ...]) -> Any:
    """The engine, then the registry and (for HTML) the report templates. `audit` calls this once the
    crawler has started, so all of it loads beside the crawler's own start-up, not before or after the crawl."""
    engine = _engine(rules_dirs)
    import contextlib

    with contextlib.suppress(Exception):  # a broken registry fails later, where a check needs it, as before
        from poscheck.registry import load_registry

        load_registry()
    if not formats or {"html", "pdf"} & set(formats):
        from poscheck.render import prepare

        prepare()
    return engine


def _profile(monthly_volume: float, average_ticket: float, mix: str) -> Any:
    """The merchant profile for the cost estimate, from --monthly-volume, --average-ticket, --mix."""
    from poscheck.cost import Profile

    try:
        credit, debit, qr = (float(x) / 100 for x in mix.split(","))
        return Profile(monthly_volume=monthly_volume, average_ticket=average_ticket,
                       credit_share=credit, debit_share=debit, qr_share=qr)
    except ValueError as exc:
        raise click.UsageError(f"--mix {mix!r}: give three percentages credit,debit,QR adding up to 100 "
                               f"(e.g. 40,30,30); --monthly-volume and --average-ticket must be positive ({exc})"
                               ) from None


def _write(report: Any, out: Path, stem: str, opts: dict[str, Any]) -> list[Path]:
    from poscheck.report import write_outputs

    return write_outputs(report, out, stem, opts["formats"] or ("html", "json"), lang=opts["lang"],
                         complaint=opts["complaint"], profile=opts["profile"])


def _summary(report: Any) -> str:
    g = report.grade
    real = [f for f in report.findings if f.severity != "info"]
    return (f"{report.name or report.target}: grade {g.letter if g else '?'} — {len(real)} finding(s), "
            f"{len(report.documents)} document(s) read, {len(report.errors)} failed")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="poscheck")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check a POS-terminal (POS机/收单) provider before you sign.

    \b
    Exit codes: 0 clean · 1 findings at or above --fail-on · 2 usage · 3 some inputs failed
    """
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--url", help="Where local files came from (decides site checks such as impersonation).")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder for report.html and report.json.")
@crawl_options
@report_options
@rules_option
def check(targets: tuple[str, ...], url: str | None, out: Path, max_pages: int, depth: int, polite: bool,
          fail_on: str | None, lang: str, complaint: bool, formats: tuple[str, ...], monthly_volume: float,
          average_ticket: float, mix: str, rules_dirs: tuple[Path, ...]) -> None:
    """Crawl a site, or read saved pages and contracts, and write report.html + report.json.

    \b
    Examples:
      poscheck check https://some-agent.example/
      poscheck check contract.pdf page.html --url https://where-it-came-from.example/x.html
      poscheck check ./saved-site/
    """
    from poscheck.pipeline import check_local, exit_code

    opts = {"formats": formats, "lang": lang, "complaint": complaint,
            "profile": _profile(monthly_volume, average_ticket, mix)}
    urls = [t for t in targets if t.startswith(("http://", "https://"))]
    paths = [Path(t) for t in targets if t not in urls]
    if urls and paths:
        raise click.UsageError("Give either one URL to crawl or local files, not both (use --url for files).")
    if len(urls) > 1:
        raise click.UsageError("`check` takes one site; use `poscheck audit` for several.")
    try:
        engine = _engine(rules_dirs)
        if urls:
            from poscheck.audit import Row, run_rows
            from poscheck.crawl import CrawlOptions

            report = next(run_rows(engine, [Row("report", "", urls[0], None)],
                                   crawl_options=CrawlOptions(max_pages=max_pages, depth=depth, polite=polite)))
            report.target = urls[0]
        else:
            report = check_local(engine, paths, url=url, target_id=paths[0].name)
    except Exception as exc:
        if click.get_current_context().obj.get("debug"):
            raise
        _fail(exc)
        return
    for p in _write(report, out, "report", opts):
        click.echo(str(p))
    for err in report.errors:
        click.echo(f"warning: {err.message}", err=True)
    if not report.documents:
        click.echo("error: no text could be read from the target; nothing was checked.", err=True)
    click.echo(_summary(report), err=True)
    sys.exit(exit_code([report], fail_on))


@cli.command()
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for <id>.json and <id>.html, one pair per row.")
@crawl_options
@report_options
@rules_option
def audit(manifest: Path, out: Path, max_pages: int, depth: int, polite: bool, fail_on: str | None, lang: str,
          complaint: bool, formats: tuple[str, ...], monthly_volume: float, average_ticket: float, mix: str,
          rules_dirs: tuple[Path, ...]) -> None:
    """Check many providers from a CSV (columns id,name,url,path), one report each.

    \b
    Example:
      poscheck audit providers.csv -o out/
    """
    from poscheck.audit import read_manifest, run_rows

    opts = {"formats": formats, "lang": lang, "complaint": complaint,
            "profile": _profile(monthly_volume, average_ticket, mix)}
    try:
        rows = read_manifest(manifest)
        from poscheck.crawl import CrawlOptions

        crawl = CrawlOptions(max_pages=max_pages, depth=depth, polite=polite)
        reports = []
        dashboard: list[dict[str, Any]] = []
        from poscheck.viewparts import dashboard_row

        for report in run_rows(lambda: _audit_engine(rules_dirs, formats), rows, crawl_options=crawl,
                               work_dir=out / "_crawl", progress=sys.stderr.isatty()):
            _write(report, out, report.target, opts)
            dashboard.append(dashboard_row(report, f"{report.target}.html", lang))
            for err in report.errors:
                click.echo(f"warning: [{report.target}] {err.message}", err=True)
            report.documents = []  # keep memory flat over hundreds of targets; the files are written
            reports.append(report)
        from poscheck.pipeline import now_iso
        from poscheck.render import write_index

        write_index(dashboard, out / "index.html", lang=lang, generated_at=now_iso())
    except Exception as exc:
        if click.get_current_context().obj.get("debug"):
            raise
        _fail(exc)
        return
    failed = sum(1 for r in reports if r.errors)
    ok = len(reports) - failed
    click.echo(f"{len(reports)} report(s) and index.html in {out} — {ok} ok, {failed} with errors", err=True)
    from poscheck.pipeline import exit_code

    sys.exit(exit_code(reports, fail_on))


@cli.command()
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("poscheck-demo"),
              show_default=True, help="Folder for the demo reports.")
def demo(out: Path) -> None:
    """Serve three bundled fictional provider sites on 127.0.0.1, crawl them, and write their reports."""
    from poscheck.demo.run import run_demo

    for p in run_demo(out):
        click.echo(str(p))


@cli.group()
def rules() -> None:
    """List, test and explain the rules."""


@rules.command("list")
@rules_option
def rules_list(rules_dirs: tuple[Path, ...]) -> None:
    """One line per rule: id, category, severity, title."""
    from poscheck.rules.loader import load_rules

    for r in load_rules(list(rules_dirs)):
        click.echo(f"{r.id:<42} {r.spec.category:<26} {r.spec.severity:<8} {r.spec.title}")


@rules.command("test")
@rules_option
def rules_test(rules_dirs: tuple[Path, ...]) -> None:
    """Run every rule's examples through the whole pipeline; exit 1 if any fails."""
    from poscheck.rules.selftest import run_examples

    failures = 0
    total = 0
    for result in run_examples(list(rules_dirs)):
        total += 1
        if not result.ok:
            failures += 1
            click.echo(f"FAIL {result.label}: {result.problem}")
    click.echo(f"{total - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


@rules.command("explain")
@click.argument("rule_id")
@rules_option
def rules_explain(rule_id: str, rules_dirs: tuple[Path, ...]) -> None:
    """What a rule does, why it matters, an example, and what to do instead."""
    from poscheck.rules.loader import load_rules

    try:
        r = load_rules(list(rules_dirs)).get(rule_id)
    except Exception as exc:
        raise click.UsageError(str(exc)) from exc
    s = r.spec
    click.echo(f"{s.id} — {s.title}\ncategory: {s.category}   severity: {s.severity}\n")
    click.echo(f"Why it matters:\n  {s.rationale.strip()}\n")
    if s.examples.match:
        click.echo(f"Example:\n  {s.examples.match[0].text.strip()}\n")
    if s.examples.no_match:
        click.echo(f"Not flagged:\n  {s.examples.no_match[0].text.strip()}\n")
    click.echo(f"What to do:\n  {s.advice.strip()}\n")
    click.echo("References:\n" + "\n".join(f"  - {ref}" for ref in s.references))


def _attach_subcommands() -> None:
    """Sub-commands that live in their own modules (each imports its heavy parts lazily)."""
    from poscheck.registry_cli import registry
    from poscheck.statements_cli import statements

    cli.add_command(registry)
    cli.add_command(statements)


_attach_subcommands()


def main() -> None:
    cli(prog_name="poscheck")
