"""Import a newer institution list (CSV in the snapshot's columns, or a saved PBOC page) into SQLite.

`import_file(path)` parses, compares with what later runs would use now (the previous import, else the
shipped snapshot), stores the rows in the user's data directory and returns what was added, changed
and removed. A saved PBOC 已获许可机构 page counts as an official, complete list: later runs may then
say "not on the official list" instead of "unverified". Only the first detail block of an entry is
read; a "变更前机构详细信息" block describes the institution before a change and is skipped.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from poscheck.errors import RegistryError
from poscheck.registry import (
    Institution,
    StatusEvent,
    classify_status,
    default_store_path,
    name_key,
    split_list,
)
from poscheck.registry_data import institution_from_row

COLUMNS = (
    "licence_no",
    "name",
    "former_names",
    "business_types",
    "coverage",
    "first_issued",
    "valid_until",
    "status",
    "source_urls",
)
MAX_BYTES = 20_000_000
_LABELS = {
    "许可证编号": "licence_no",
    "许可证号": "licence_no",
    "公司名称": "name",
    "机构名称": "name",
    "法定代表人": "legal_rep",
    "住所": "address",
    "业务类型": "business_types",
    "业务覆盖范围": "coverage",
    "首次许可日期": "first_issued",
    "发证日期": "first_issued",
    "有效期至": "valid_until",
}
_BEFORE_CHANGE = "变更前机构详细信息"


@dataclass
class ImportResult:
    kind: str  # csv | pboc_html
    official: bool
    store: Path
    rows: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # "NAME: field old → new"
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def parse_csv(text: str, source: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"licence_no", "name"} - set(reader.fieldnames or ())
    if missing:
        raise RegistryError(
            f"CSV lacks column(s) {', '.join(sorted(missing))}",
            source=source,
            remedy=f"Use the snapshot's header: {','.join(COLUMNS)}.",
        )
    rows = []
    for n, row in enumerate(reader, start=2):
        clean = {k: (row.get(k) or "").strip() for k in COLUMNS}
        if not clean["name"]:
            raise RegistryError(
                f"row {n} has no name", source=source, remedy="Fill in `name` or delete the row."
            )
        rows.append(clean)
    return rows


def _cell_texts(html: str) -> list[str]:
    """Text of every table cell / paragraph / heading in document order, whitespace collapsed."""
    from parsel import Selector

    sel = Selector(text=html)
    out = []
    for node in sel.xpath(
        "//body//*[self::td or self::th or self::p or self::h1 or self::h2 or self::h3 "
        "or self::h4 or self::dt or self::dd or self::li or self::span or self::div]"
        "[not(descendant::td or descendant::p or descendant::div or descendant::span "
        "or descendant::li or descendant::dd)]"
    ):
        text = re.sub(r"\s+", " ", " ".join(node.xpath(".//text()").getall())).strip()
        if text:
            out.append(text)
    return out


def _label(text: str) -> tuple[str, str] | None:
    """("licence_no", value-or-"") when `text` is a label cell such as "许可证编号：" or "许可证编号：Z2…"."""
    for label, key in _LABELS.items():
        m = re.match(rf"^{label}(?:（[^）]*）|\([^)]*\))?\s*[:：]?\s*(.*)$", text)
        if m:
            return key, m.group(1).strip()
    return None


def parse_pboc_html(html: str, source: str) -> list[dict[str, str]]:
    """Entries of a saved PBOC 已获许可机构 page; each entry's 变更前 block is ignored."""
    records: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    skipping = False
    cells = _cell_texts(html)
    i = 0
    while i < len(cells):
        text = cells[i]
        if _BEFORE_CHANGE in text:
            skipping = True
            i += 1
            continue
        lab = _label(text)
        if lab is None:
            i += 1
            continue
        key, value = lab
        if (
            not value
            and i + 1 < len(cells)
            and _label(cells[i + 1]) is None
            and _BEFORE_CHANGE not in cells[i + 1]
        ):
            value = cells[i + 1]
            i += 1
        i += 1
        if key == "licence_no":
            value = value.replace(" ", "").upper()
            if skipping and current is not None and value == current.get("licence_no"):
                continue  # the old block of the same entry
            skipping = False
            current = {"licence_no": value}
            records.append(current)
            continue
        if current is not None and skipping and key == "name" and value and value != current.get("name"):
            former = split_list(current.get("former_names", ""))
            current["former_names"] = ";".join((*former, value))  # the old block only tells a former name
            continue
        if current is None or skipping:
            continue
        if key == "business_types":
            types, cov = _types_and_coverage(value)
            current["business_types"] = ";".join(types)
            if cov:
                current["coverage"] = ";".join(cov)
        elif key == "coverage" and current.get("business_types") and not current.get("coverage"):
            current["coverage"] = ";".join(f"{t}:{value}" for t in split_list(current["business_types"]))
        else:
            current.setdefault(key, value)
    out = []
    for rec in records:
        if not rec.get("name"):
            continue
        rec.setdefault("status", "listed in the PBOC list")
        rec["source_urls"] = source
        out.append({k: rec.get(k, "") for k in COLUMNS})
    if not out:
        raise RegistryError(
            "no institution found in the page (looked for 许可证编号 / 公司名称 cells)",
            source=source,
            remedy="Save the PBOC 已获许可机构 page as HTML (or a CSV in the snapshot's columns) and retry.",
        )
    return out


def _types_and_coverage(value: str) -> tuple[list[str], list[str]]:
    """ "银行卡收单（全国）；互联网支付（全国）" → types and "type:coverage" items."""
    types, cov = [], []
    for part in re.split(r"[;；\n]|、(?=[^（(]*(?:[（(]|$))", value):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(.+?)\s*[（(](.+)[)）]$", part) or re.match(r"^(.+?)\s*[:：]\s*(.+)$", part)
        if m:
            types.append(m.group(1).strip())
            cov.append(f"{m.group(1).strip()}:{m.group(2).strip()}")
        else:
            types.append(part)
    return types, cov


def _row_id(row: dict[str, str]) -> str:
    return row.get("licence_no", "").upper() or f"name:{name_key(row.get('name', ''))}"


def _connect(store: Path) -> sqlite3.Connection:
    store.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(store)
    con.execute(f"CREATE TABLE IF NOT EXISTS institutions (row_id TEXT PRIMARY KEY, {', '.join(COLUMNS)})")
    con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    return con


def read_rows(store: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    if not store.is_file():
        return [], {}
    con = _connect(store)
    try:
        con.row_factory = sqlite3.Row
        rows = [
            {k: r[k] or "" for k in COLUMNS}
            for r in con.execute("SELECT * FROM institutions ORDER BY row_id")
        ]
        meta = {r["key"]: r["value"] for r in con.execute("SELECT key, value FROM meta")}
    finally:
        con.close()
    return rows, meta


def read_store(store: Path) -> tuple[list[Institution], dict[str, str]]:
    """Institutions and metadata of the user's import (empty when nothing was imported)."""
    rows, meta = read_rows(store)
    return [institution_from_row(r, "imported") for r in rows], meta


def _diff(old: list[dict[str, str]], new: list[dict[str, str]], result: ImportResult) -> None:
    before = {_row_id(r): r for r in old}
    after = {_row_id(r): r for r in new}
    for rid, row in after.items():
        prev = before.get(rid)
        if prev is None:
            result.added.append(f"{row['name']} ({row['licence_no'] or 'no licence number'})")
            continue
        diffs = [
            f"{k}: {prev.get(k, '')!r} → {row[k]!r}"
            for k in ("name", "business_types", "coverage", "valid_until")
            if prev.get(k, "") != row[k]
        ]
        if diffs:
            result.changed.append(f"{row['name']} ({rid}): " + "; ".join(diffs))
        else:
            result.unchanged += 1
    result.removed = [f"{r['name']} ({rid})" for rid, r in before.items() if rid not in after]


def import_file(
    path: Path, *, store: Path | None = None, official: bool | None = None, now: datetime | None = None
) -> ImportResult:
    """Parse `path`, store it, and report the difference from what runs used before."""
    store = store or default_store_path()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RegistryError(
                "file is larger than 20 MB", source=str(path), remedy="Import the list page only."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise RegistryError(
            f"cannot read the file ({exc.strerror})",
            source=str(path),
            remedy="Check the path and permissions.",
        ) from exc
    text = _decode(raw)
    is_html = path.suffix.lower() in {".html", ".htm"} or text.lstrip()[:200].lower().startswith(
        ("<!doctype", "<html")
    )
    rows = parse_pboc_html(text, str(path)) if is_html else parse_csv(text, str(path))
    kind = "pboc_html" if is_html else "csv"
    is_official = is_html if official is None else official
    previous, meta = read_rows(store)
    if not meta:
        from poscheck.paths import data_dir
        from poscheck.registry_data import read_csv_rows

        shipped = read_csv_rows(data_dir() / "registry-snapshot.csv")
        previous = [{k: r.get(k, "") for k in COLUMNS} for r in shipped]
    result = ImportResult(kind, is_official, store, len(rows))
    _diff(previous, rows, result)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    con = _connect(store)
    try:
        with con:
            con.execute("DELETE FROM institutions")
            seen: set[str] = set()
            for row in rows:
                rid = _row_id(row)
                if rid in seen:
                    continue
                seen.add(rid)
                con.execute(
                    f"INSERT INTO institutions VALUES (?, {', '.join('?' * len(COLUMNS))})",
                    (rid, *(row[k] for k in COLUMNS)),
                )
            con.execute("DELETE FROM meta")
            con.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("imported_at", stamp),
                    ("source_file", str(path)),
                    ("kind", kind),
                    ("official", "1" if is_official else "0"),
                    ("rows", str(len(seen))),
                ],
            )
    finally:
        con.close()
    return result


def _decode(raw: bytes) -> str:
    head = raw[:2048].lower()
    m = re.search(rb"charset=[\"']?([a-z0-9_-]+)", head)
    for enc in ([m.group(1).decode()] if m else []) + ["utf-8-sig", "gb18030"]:
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("utf-8", errors="replace")


def overlay(items: list[Institution], imported: list[Institution], meta: dict[str, str]) -> None:
    """Apply an import to the shipped institutions in place (names, scope, dates; status as of import)."""
    date = meta.get("imported_at", "")[:10]
    official = meta.get("official") == "1"
    label = "official list" if official else "imported list"
    seen: set[int] = set()
    for new in imported:
        idx = next(
            (i for i, x in enumerate(items) if new.licence_no and x.licence_no == new.licence_no), None
        )
        if idx is None:
            keys = {name_key(n) for n in new.all_names}
            idx = next((i for i, x in enumerate(items) if keys & {name_key(n) for n in x.all_names}), None)
        ev: StatusEvent | None = None
        if official:
            ev = StatusEvent(
                "active",
                date,
                f"listed in the {label} imported {date}",
                "official",
                meta.get("source_file", ""),
            )
        elif classify_status(new.status_text) in ("inactive", "under_review"):
            ev = StatusEvent(
                classify_status(new.status_text),
                _date_in(new.status_text) or date,
                new.status_text,
                "",
                meta.get("source_file", ""),
            )
        events = (ev,) if ev else ()
        if idx is None:
            items.append(replace(new, events=events))
            seen.add(len(items) - 1)
            continue
        old = items[idx]
        former = old.former_names
        if name_key(new.name) != name_key(old.name):
            former = (*former, old.name)
        items[idx] = replace(
            old,
            name=new.name,
            licence_no=new.licence_no or old.licence_no,
            former_names=former,
            business_types=new.business_types or old.business_types,
            coverage=new.coverage or old.coverage,
            first_issued=new.first_issued or old.first_issued,
            valid_until=new.valid_until or old.valid_until,
            origin="imported",
            events=(*old.events, *events),
        )
        seen.add(idx)
    if official:
        for i, inst in enumerate(items):
            if i not in seen and inst.licence_no and not inst.network:
                ev = StatusEvent(
                    "inactive",
                    date,
                    f"not on the official list imported {date}",
                    "official",
                    meta.get("source_file", ""),
                )
                items[i] = replace(inst, events=(*inst.events, ev))


def _date_in(text: str) -> str:
    m = re.search(r"\d{4}-\d{2}(?:-\d{2})?", text)
    return m.group(0) if m else ""
