"""The `poscheck registry` command group: info, lookup and import (thin wrappers, lazy imports)."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.group("registry")
def registry() -> None:
    """Licensed payment institutions: what the data says, look-ups, and importing a newer list."""


@registry.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def info(as_json: bool) -> None:
    """Show the registry's as-of dates, counts and sources (and the user's import, if any)."""
    from poscheck.registry import default_store_path, load_registry

    data = load_registry().info()
    data["store"] = str(default_store_path())
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for k, v in value.items():
                click.echo(f"  {k}: {v}")
        elif isinstance(value, list):
            click.echo(f"{key}: {', '.join(map(str, value))}")
        else:
            click.echo(f"{key}: {value}")


@registry.command("lookup")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def lookup(query: str, as_json: bool) -> None:
    """Resolve QUERY (licence number, name, former name, brand or domain) to an institution."""
    from poscheck.registry import PBOC_LIST_PATH, load_registry

    reg = load_registry()
    match = reg.lookup(query)
    if match is None:
        verdict = (
            "not on the official list you imported"
            if reg.official
            else "not found: unverified (the shipped registry is incomplete)"
        )
        if as_json:
            click.echo(
                json.dumps(
                    {"query": query, "found": False, "verdict": verdict, "verify_at": PBOC_LIST_PATH},
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(f"{query}: {verdict}. Check {PBOC_LIST_PATH}.")
        raise SystemExit(1)
    inst = match.institution
    st = reg.status(inst)
    out = {
        "query": query,
        "found": True,
        "matched_by": match.how,
        "score": match.score,
        "institution": inst.name,
        "licence_no": inst.licence_no,
        "former_names": list(inst.former_names),
        "aliases": list(inst.aliases),
        "business_types": list(inst.business_types) or "unknown",
        "acquiring": inst.acquiring,
        "coverage": inst.coverage or "unknown",
        "status": st.state,
        "status_as_of": st.as_of,
        "status_note": st.note,
        "brands": list(inst.brands),
        "official_domains": list(inst.domains),
        "network_not_licence_holder": inst.network,
    }
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for key, value in out.items():
        click.echo(f"{key}: {value}")


@registry.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--official/--partial",
    default=None,
    help="Treat the list as the complete official list (default: yes for a PBOC HTML page, no for CSV).",
)
def import_(file: Path, official: bool | None) -> None:
    """Import FILE: a CSV in the snapshot's columns or a saved PBOC 已获许可机构 page (HTML)."""
    from poscheck.errors import PoscheckError
    from poscheck.registry_import import import_file

    try:
        result = import_file(file, official=official)
    except PoscheckError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"imported {result.rows} institutions from {file} ({result.kind}, "
        f"{'official complete list' if result.official else 'partial list'}) into {result.store}"
    )
    click.echo(
        f"added {len(result.added)}, changed {len(result.changed)}, removed {len(result.removed)}, "
        f"unchanged {result.unchanged}"
    )
    for label, items in (("+", result.added), ("~", result.changed), ("-", result.removed)):
        for item in items:
            click.echo(f"  {label} {item}")
