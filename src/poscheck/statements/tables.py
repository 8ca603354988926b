"""Read a CSV or XLSX statement into rows of cells whose offsets point into the document text.

A CSV is decoded (UTF-8, else GB18030, a superset of GBK) and split by a small tokenizer that keeps
each cell's span, so evidence quotes the file exactly. An XLSX sheet is rendered as tab-separated
text, which becomes the document text. The header row is found among the first rows by header
synonyms (bank exports often start with a few title lines), and `resolve_columns` maps roles
(date, amount, payer …) to columns, raising `InputTableError` naming the file, the missing column
and the headers it saw.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from poscheck.errors import ExtractError, InputTableError, UnsupportedFile
from poscheck.extract import read_input
from poscheck.models import Block, Document

MAX_ROWS = 100_000
_HEADER_SCAN = 30


@dataclass(frozen=True)
class Cell:
    """One cell's value (stripped) and its span in the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    """One record: its 1-based line (CSV) or row (XLSX) number, cells and span."""

    number: int
    cells: tuple[Cell, ...]
    start: int
    end: int

    def get(self, index: int | None) -> Cell | None:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def value(self, index: int | None) -> str:
        cell = self.get(index)
        return cell.text if cell else ""


@dataclass(frozen=True)
class Table:
    """A decoded statement file: its document, header row and data rows."""

    doc: Document
    header: Row
    rows: tuple[Row, ...]

    @property
    def headers(self) -> list[str]:
        return [c.text for c in self.header.cells]


@dataclass(frozen=True)
class Role:
    """A column the reader looks for: synonyms in order of preference, and whether it is needed."""

    name: str
    label: str  # how the error message names it
    synonyms: tuple[str, ...]
    required: bool = True
    exclude: tuple[str, ...] = ()  # header words that rule a column out for loose matching
    accept: Callable[[Table, int], bool] | None = None  # e.g. "values parse as dates"


def doc_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:12]


def decode_bytes(raw: bytes, source: str) -> tuple[str, str]:
    """Decode a text file as UTF-8 (with or without BOM) or, failing that, GB18030 (covers GBK)."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc), ("utf-8" if enc == "utf-8-sig" else "gbk")
        except UnicodeDecodeError:
            continue
    raise ExtractError(
        "the file is neither UTF-8 nor GBK text", source=source,
        remedy="Export the statement again as CSV (UTF-8 or GBK) or XLSX.",
    )


def norm_header(text: str) -> str:
    """Header text without spaces, units in brackets and full-width forms: 交易金额(元) → 交易金额."""
    t = unicodedata.normalize("NFKC", text).strip().lower()
    t = re.sub(r"[\(\[（【][^\)\]）】]*[\)\]）】]", "", t)
    return re.sub(r"\s+", "", t)


def _header_parts(text: str) -> list[str]:
    t = norm_header(text)
    return [p for p in re.split(r"[/／|、]", t) if p]


def _tokenize(text: str, delim: str) -> list[Row]:
    """Split CSV text into rows of cells with spans (quotes, doubled quotes, CRLF handled)."""
    rows: list[Row] = []
    i, n, line = 0, len(text), 1
    while i < n and len(rows) < MAX_ROWS:
        rec_start, rec_line = i, line
        cells: list[Cell] = []
        while True:
            if i < n and text[i] == '"':
                j, buf = i + 1, []
                while j < n:
                    if text[j] == '"':
                        if j + 1 < n and text[j + 1] == '"':
                            buf.append('"')
                            j += 2
                            continue
                        break
                    if text[j] == "\n":
                        line += 1
                    buf.append(text[j])
                    j += 1
                value, vstart, vend = "".join(buf), i + 1, j
                j += 1
                while j < n and text[j] not in (delim, "\r", "\n"):
                    j += 1
            else:
                j = i
                while j < n and text[j] not in (delim, "\r", "\n"):
                    j += 1
                value, vstart, vend = text[i:j], i, j
            stripped = value.strip()
            if stripped and stripped == text[vstart:vend].strip():
                lead = len(text[vstart:vend]) - len(text[vstart:vend].lstrip())
                vstart += lead
                vend = vstart + len(stripped)
            cells.append(Cell(stripped, vstart, vend))
            if j < n and text[j] == delim:
                i = j + 1
                continue
            rec_end = j
            if j < n and text[j] == "\r":
                j += 1
            if j < n and text[j] == "\n":
                j += 1
            line += 1
            i = j
            break
        if any(c.text for c in cells):
            rows.append(Row(rec_line, tuple(cells), rec_start, rec_end))
    return rows


def _sniff_delimiter(text: str) -> str:
    head = text[:4000]
    counts = {d: head.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _xlsx_text(path: Path, source: str) -> list[list[str]]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise UnsupportedFile("openpyxl is not installed", source=source,
                              remedy="pip install openpyxl") from exc
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise ExtractError(f"cannot open the workbook ({exc})", source=source,
                           remedy="Open it in a spreadsheet program and save it as .xlsx or .csv.") from exc
    sheets: list[list[list[str]]] = []
    try:
        for ws in wb.worksheets:
            grid: list[list[str]] = []
            for values in ws.iter_rows(values_only=True):
                grid.append([_render_cell(v) for v in values])
                if len(grid) >= MAX_ROWS:
                    break
            sheets.append(grid)
    finally:
        wb.close()
    for grid in sheets:  # the first sheet that has a recognisable header row
        if _find_header([Row(i + 1, tuple(Cell(t, 0, 0) for t in r), 0, 0) for i, r in
                         enumerate(grid[:_HEADER_SCAN])]) is not None:
            return grid
    return sheets[0] if sheets else []


def _render_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else \
            value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        cents = value * 100
        return f"{value:.2f}" if abs(cents - round(cents)) < 1e-6 else repr(value)
    return re.sub(r"[\t\r\n]+", " ", str(value)).strip()


def _grid_to_text(grid: Sequence[Sequence[str]]) -> tuple[str, list[Row]]:
    parts: list[str] = []
    rows: list[Row] = []
    pos = 0
    for number, values in enumerate(grid, start=1):
        while values and not values[-1]:
            values = values[:-1]
        cells: list[Cell] = []
        start = pos
        for k, v in enumerate(values):
            if k:
                parts.append("\t")
                pos += 1
            cells.append(Cell(v, pos, pos + len(v)))
            parts.append(v)
            pos += len(v)
        if any(c.text for c in cells):
            rows.append(Row(number, tuple(cells), start, pos))
        parts.append("\n")
        pos += 1
    return "".join(parts), rows


#: Every header word any role knows; used to spot the header row.
KNOWN_HEADERS: set[str] = set()


def _find_header(rows: Sequence[Row]) -> int | None:
    best: tuple[int, int] | None = None
    for k, row in enumerate(rows[:_HEADER_SCAN]):
        hits = sum(1 for c in row.cells if any(p in KNOWN_HEADERS for p in _header_parts(c.text)))
        if hits >= 2 and (best is None or hits > best[1]):
            best = (k, hits)
            if hits >= 3:
                break
    return best[0] if best else None


def read_table(path: Path, source: str | None = None) -> Table:
    """Read a CSV/TSV/XLSX statement file into a `Table` (document text + rows with spans)."""
    src = source or str(path)
    raw = read_input(path, src, too_big_remedy="Split the statement into smaller periods.")
    suffix = path.suffix.lower()
    encoding: str | None
    if suffix in (".xlsx", ".xlsm"):
        text, rows = _grid_to_text(_xlsx_text(path, src))
        encoding = None
    elif suffix == ".xls":
        raise UnsupportedFile("old Excel .xls files are not supported", source=src,
                              remedy="Save the sheet as .xlsx or .csv and run again.")
    else:
        text, encoding = decode_bytes(raw, src)
        rows = _tokenize(text, _sniff_delimiter(text))
    if not rows:
        raise InputTableError("the table is empty", source=src,
                              remedy="Export the statement again with its header row and transactions.")
    k = _find_header(rows) or 0
    doc = Document(
        id=doc_id(raw), source=src, kind="statement", text=text, sha256=hashlib.sha256(raw).hexdigest(),
        title=path.name, encoding=encoding,
        blocks=tuple(Block("row", r.start, r.end) for r in rows),
    )
    return Table(doc=doc, header=rows[k], rows=tuple(rows[k + 1:]))


def resolve_columns(table: Table, roles: Sequence[Role], what: str) -> dict[str, int | None]:
    """Map each role to a column index by header synonyms; a missing required role is an error."""
    parts = [_header_parts(h) for h in table.headers]
    used: set[int] = set()
    found: dict[str, int | None] = {}
    for role in roles:
        index = _pick(role, parts, used, table)
        if index is None and role.required:
            raise InputTableError(
                f"the {what} has no column for {role.label} (looked for {', '.join(role.synonyms)}); "
                f"headers found: {', '.join(h for h in table.headers if h) or '(none)'}",
                source=table.doc.source,
                remedy="Rename that column's header to one of the names looked for, or export the "
                       "statement again with it",
            )
        if index is not None:
            used.add(index)
        found[role.name] = index
    return found


def _pick(role: Role, parts: list[list[str]], used: set[int], table: Table) -> int | None:
    syns = [norm_header(s) for s in role.synonyms]
    for syn in syns:  # exact header (or one part of a compound header like 对方户名/商户名称)
        for k, ps in enumerate(parts):
            if k not in used and syn in ps and (role.accept is None or role.accept(table, k)):
                return k
    for syn in syns:  # loose: the header contains a synonym and none of the excluded words
        for k, ps in enumerate(parts):
            joined = "".join(ps)
            if (k not in used and syn in joined and not any(x in joined for x in role.exclude)
                    and (role.accept is None or role.accept(table, k))):
                return k
    return None


def register_headers(roles: Sequence[Role]) -> None:
    """Make the roles' synonyms known to header-row detection."""
    for role in roles:
        KNOWN_HEADERS.update(norm_header(s) for s in role.synonyms)
