"""Run many targets (a manifest CSV, or URLs and files from `check`) and write one report each."""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from poscheck.errors import InputTableError
from poscheck.models import Document, RawFile, Report, RunError

if TYPE_CHECKING:  # imported when needed, so that a crawl can start before rules and spaCy load
    from poscheck.pipeline import Engine, Reading

STATEMENT_MARKERS = ("merchant.yaml", "merchant.yml")


@dataclass(frozen=True)
class Row:
    """One manifest row: a site to crawl (url), or local files/folders (path) with an optional url."""

    id: str
    name: str
    url: str | None
    path: Path | None


def read_manifest(path: Path) -> list[Row]:
    """Rows of `id,name,url,path`; `path` is relative to the manifest. Bad rows raise with their line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputTableError(f"cannot read manifest ({exc})", source=str(path),
                              remedy="Save it as UTF-8 CSV with columns id,name,url,path.") from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"id"} - set(reader.fieldnames or [])
    if missing or not ({"url", "path"} & set(reader.fieldnames or [])):
        raise InputTableError(f"manifest needs columns id and url and/or path; found {reader.fieldnames}",
                              source=str(path), remedy="Use the header line: id,name,url,path")
    rows: list[Row] = []
    seen: set[str] = set()
    for n, rec in enumerate(reader, start=2):
        rid = (rec.get("id") or "").strip()
        url = (rec.get("url") or "").strip() or None
        rel = (rec.get("path") or "").strip()
        if not rid or (not url and not rel):
            raise InputTableError(f"line {n}: a row needs an id and a url or a path", source=str(path),
                                  remedy="Fill in the row or delete it.")
        if rid in seen or "/" in rid or rid.startswith("."):
            raise InputTableError(f"line {n}: id {rid!r} is repeated or not usable as a file name",
                                  source=str(path), remedy="Give each row a unique simple id.")
        seen.add(rid)
        rows.append(Row(rid, (rec.get("name") or "").strip(), url, (path.parent / rel) if rel else None))
    return rows


def is_statement_folder(p: Path) -> bool:
    return p.is_dir() and any((p / m).is_file() for m in STATEMENT_MARKERS)


def run_rows(engine: Engine | Callable[[], Engine], rows: list[Row], *, crawl_options: object | None = None,
             work_dir: Path | None = None, progress: bool = False) -> Iterator[Report]:
    """Yield one report per row, in manifest order; crawls all URL-only rows in one Scrapy run.

    `engine` may be a function that builds it: it is then called once the crawler has started, so that
    loading rules and spaCy here overlaps the crawler's own start-up on the other core.
    """
    to_crawl = [r for r in rows if r.path is None and r.url]
    crawled: dict[str, tuple[list[RawFile], list[RunError]]] = {}
    early = _ReadAhead(engine)
    if to_crawl:
        crawled = _crawl(to_crawl, crawl_options, work_dir, early)
    engine = early.ready()
    from poscheck.checks import Target
    from poscheck.pipeline import check_local, read_documents

    bar = _progress(len(rows), progress)
    for row in rows:
        if row.path is not None and is_statement_folder(row.path):
            from poscheck.statements import analyse_folder

            report = analyse_folder(row.path, engine.rules)
            report.target, report.name = row.id, row.name or report.name
        elif row.path is not None:
            report = check_local(engine, [row.path], url=row.url, target_id=row.id, name=row.name)
        else:
            raws, errors = crawled.get(row.id, ([], []))
            docs, more = read_documents(raws, early.documents)
            report = engine.analyse(Target(row.id, row.name, row.url), docs, [*errors, *more],
                                    readings=early.readings.pop(row.id, {}))
            for raw in raws:
                early.documents.pop(raw, None)
            if not docs and not report.errors:
                report.errors.append(RunError(row.url or row.id, "P204",
                                              f"{row.url}: the crawl found no page with text"))
        bar.update(1)
        yield report
    bar.close()


#: Characters of extracted text `_ReadAhead` keeps for the analysis after the crawl (about 100 MB of
#: documents and 200 MB of their normalised views: offsets take 8 bytes a character); beyond that a document is
#: extracted, cut and normalised again when its target is analysed.
READ_AHEAD_KEEP_CHARS = 20_000_000


class _ReadAhead:
    """Does the per-document stage (Engine.read) of each file as the crawler saves it, on this process's
    core while the crawler runs on another. Readings are small and always kept; documents are kept up to
    `READ_AHEAD_KEEP_CHARS`, with their readings' views and normalised texts (which the checks then reuse), so a
    crawl of hundreds of sites never holds all their text at once."""

    def __init__(self, engine: Engine | Callable[[], Engine]):
        self._engine = engine
        self.readings: dict[str, dict[str, Reading]] = defaultdict(dict)
        self.documents: dict[RawFile, Document] = {}
        self.kept_chars = 0

    def ready(self) -> Engine:
        """The engine, built now if it was given as a function (called by the crawl once its child runs)."""
        from poscheck.pipeline import Engine

        if not isinstance(self._engine, Engine):
            self._engine = self._engine()
        return self._engine

    def __call__(self, target_id: str, raw: RawFile) -> None:
        from poscheck.pipeline import read_documents

        engine = self.ready()
        docs, _errors = read_documents([raw])  # extraction errors are reported when the target is analysed
        for doc in docs:
            reading = engine.read(doc)
            if self.kept_chars + len(doc.text) <= READ_AHEAD_KEEP_CHARS:
                self.documents[raw] = doc  # kept with its views and their normalised texts
                self.kept_chars += len(doc.text)
            else:
                reading = reading.without_texts()
            self.readings[target_id][doc.id] = reading


def _crawl(rows: list[Row], options: object | None, work_dir: Path | None,
           early: _ReadAhead) -> dict[str, tuple[list[RawFile], list[RunError]]]:
    from poscheck.crawl import CrawlOptions, CrawlTarget, crawl

    out = work_dir or Path(tempfile.mkdtemp(prefix="poscheck-crawl-"))
    opts = options if isinstance(options, CrawlOptions) else CrawlOptions()
    result = crawl([CrawlTarget(r.id, r.url or "") for r in rows], out, opts, on_file=early,
                   on_start=early.ready)
    return {r.id: (list(result.files.get(r.id, [])), list(result.errors.get(r.id, []))) for r in rows}


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool) -> _NoBar:
    if not enabled or total < 2:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="target", desc="poscheck", leave=False)  # type: ignore[no-any-return]
