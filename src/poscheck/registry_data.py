"""Read the shipped registry files and merge them into one list of institutions (snapshot first).

Snapshot rows come first; inferred cancellations and dated status updates add events (matched by
licence number, else by legal or former name) and current names; registry-aliases.csv adds confirmed
renames; official-domains.csv adds brands and domains. An import from the user's store overlays it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from poscheck.paths import data_dir
from poscheck.registry import (
    Institution,
    Registry,
    StatusEvent,
    classify_status,
    clean_name,
    date_key,
    name_key,
    split_list,
)


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


def institution_from_row(row: dict[str, str], origin: str) -> Institution:
    name = clean_name(row.get("name", "")) or row.get("name", "")
    no = row.get("licence_no", "").upper() or None
    return Institution(
        key=no or f"name:{name_key(name)}",
        name=name,
        licence_no=no,
        former_names=split_list(row.get("former_names", "")),
        business_types=split_list(row.get("business_types", "")),
        coverage=row.get("coverage", ""),
        first_issued=row.get("first_issued", "") or row.get("term_start", ""),
        valid_until=row.get("valid_until", "") or row.get("term_end", ""),
        sources=tuple(s.strip() for s in row.get("source_urls", "").split(" ; ") if s.strip()),
        origin=origin,
        status_text=row.get("status", ""),
    )


class _Builder:
    """Merges the data files into one list of institutions."""

    def __init__(self) -> None:
        self.items: list[Institution] = []

    def find(self, licence_no: str | None, names: Iterable[str]) -> int | None:
        if licence_no:
            for i, inst in enumerate(self.items):
                if inst.licence_no == licence_no:
                    return i
        keys = {name_key(n) for n in names if n}
        for i, inst in enumerate(self.items):
            if keys & {name_key(n) for n in inst.all_names}:
                return i
        return None

    def add_event(self, idx: int, ev: StatusEvent) -> None:
        self.items[idx] = replace(self.items[idx], events=(*self.items[idx].events, ev))

    def merge(self, new: Institution, ev: StatusEvent | None) -> int:
        idx = self.find(new.licence_no, (new.name, *new.former_names))
        if idx is None:
            self.items.append(new)
            idx = len(self.items) - 1
        else:
            old = self.items[idx]
            aliases = old.aliases
            if name_key(new.name) not in {name_key(n) for n in old.all_names}:
                aliases = (*aliases, new.name)
            extra = tuple(
                f for f in new.former_names if name_key(f) not in {name_key(n) for n in old.all_names}
            )
            self.items[idx] = replace(
                old,
                aliases=aliases,
                former_names=(*old.former_names, *extra),
                business_types=old.business_types or new.business_types,
                coverage=old.coverage or new.coverage,
                licence_no=old.licence_no or new.licence_no,
                sources=(*old.sources, *(s for s in new.sources if s not in old.sources)),
            )
        if ev is not None:
            self.add_event(idx, ev)
        return idx


def build_registry(
    folder: Path | None = None, imported: list[Institution] | None = None, meta: dict[str, str] | None = None
) -> Registry:
    """Registry from the shipped files in `folder` (package data by default), overlaid with an import."""
    folder = folder or data_dir()
    b = _Builder()
    snapshot = read_csv_rows(folder / "registry-snapshot.csv")
    for row in snapshot:
        b.items.append(institution_from_row(row, "snapshot"))
    for row in read_csv_rows(folder / "registry-cancelled-inferred.csv"):
        when = row.get("cancel_date") or row.get("term_end", "")
        text = f"{row.get('status', 'cancelled')}: {row.get('reason', '')}".strip()
        b.merge(
            institution_from_row(row, "cancelled"),
            StatusEvent("inactive", when, text, row.get("confidence", ""), "registry-cancelled-inferred.csv"),
        )
    updates = read_csv_rows(folder / "registry-status-updates.csv")
    for row in updates:
        when = row.get("status_as_of") or date_key(row.get("status", ""))[:10].replace("-00", "")
        state = classify_status(row.get("status", ""))
        ev = StatusEvent(
            state, when, row.get("status", ""), row.get("confidence", ""), "registry-status-updates.csv"
        )
        b.merge(institution_from_row(row, "news"), ev)
    for row in read_csv_rows(folder / "registry-aliases.csv"):
        idx = b.find(row["licence_no"].upper() or None, ())
        if idx is not None and name_key(row["name"]) not in {name_key(n) for n in b.items[idx].all_names}:
            b.items[idx] = replace(b.items[idx], aliases=(*b.items[idx].aliases, row["name"]))
    _attach_domains(b, read_csv_rows(folder / "official-domains.csv"))
    as_of = {
        "snapshot": "~2018",
        "status_updates": max((r.get("status_as_of", "") for r in updates), default=""),
        "official_domains": "2026-11",
    }
    if imported:
        from poscheck.registry_import import overlay

        overlay(b.items, imported, meta or {})
        as_of["imported"] = (meta or {}).get("imported_at", "")[:10]
    counts = {
        "institutions": sum(1 for i in b.items if not i.network),
        "with_licence_no": sum(1 for i in b.items if i.licence_no),
        "with_acquiring": sum(1 for i in b.items if i.acquiring),
        "snapshot_rows": len(snapshot),
        "status_events": sum(len(i.events) for i in b.items),
        "with_official_domain": sum(1 for i in b.items if i.domains),
    }
    sources = [
        "registry-snapshot.csv",
        "registry-cancelled-inferred.csv",
        "registry-status-updates.csv",
        "official-domains.csv",
        "registry-aliases.csv",
    ]
    return Registry(b.items, as_of, counts, sources, dict(meta or {}))


def _attach_domains(b: _Builder, rows: list[dict[str, str]]) -> None:
    for row in rows:
        network = row.get("licence_no") == "network"
        no = None if network else (row.get("licence_no", "").upper() or None)
        name = clean_name(row["institution"])
        brands = split_list(row.get("brands", ""))
        idx = None if network else b.find(no, (name,))
        if idx is None and not network:  # a snapshot row named only by its brand (富友, 易宝 …)
            idx = next(
                (i for i, inst in enumerate(b.items) if name_key(inst.name) in {name_key(x) for x in brands}),
                None,
            )
        if idx is None:
            b.items.append(
                Institution(
                    key=no or f"name:{name_key(name)}",
                    name=name,
                    licence_no=no,
                    origin="domains",
                    network=network,
                )
            )
            idx = len(b.items) - 1
        inst = b.items[idx]
        aliases = inst.aliases
        if name_key(name) not in {name_key(n) for n in inst.all_names}:
            if name_key(inst.name) in {name_key(x) for x in brands}:  # brand-only row gets the legal name
                inst = replace(inst, name=name, key=inst.licence_no or f"name:{name_key(name)}")
            else:
                aliases = (*aliases, name)
        b.items[idx] = replace(
            inst,
            aliases=aliases,
            brands=brands,
            domains=split_list(row.get("official_domains", "")),
            domain_confidence=row.get("confidence", ""),
        )
