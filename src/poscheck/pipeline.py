"""The stages in order — inputs → documents → facts → findings → grade → Report — for one target."""

from __future__ import annotations

import dataclasses
import gc
import importlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from poscheck import __version__
from poscheck.checks import CHECKS, Analysis, Target
from poscheck.errors import ExtractError, PoscheckError
from poscheck.extract import extract
from poscheck.models import SEVERITY_RANK, Document, Facts, Finding, RawFile, Report, RunError
from poscheck.normalize import Normalized, normalize_document
from poscheck.passages import views
from poscheck.rules.engine import Matcher
from poscheck.rules.model import RuleSet

#: Check modules, imported once so that their @check functions register themselves (a missing one fails).
CHECK_MODULES: tuple[str, ...] = (
    "poscheck.checks.licence",
    "poscheck.checks.site",
    "poscheck.checks.fees",
    "poscheck.checks.terms",
    "poscheck.checks.practices",
    "poscheck.checks.contradictions",
    "poscheck.statements.checks",
)
#: Fact extractors, per document: (module, function) → facts appended to Facts.
FACT_EXTRACTORS: tuple[tuple[str, str, str], ...] = (
    ("poscheck.identity", "extract_entities", "entities"),
    ("poscheck.facts", "extract_fees", "fees"),
)
READABLE_SUFFIXES = {".html", ".htm", ".shtml", ".pdf", ".docx", ".doc", ".txt", ".png", ".jpg", ".jpeg"}


#: The collector's first threshold for a run (CPython's default is 700 allocations).
GC_THRESHOLD = 10_000


def settle_heap() -> None:
    """Set the process's collector for a run of reading pages, once the engine is built: what is alive now (rules,
    automata, registry) lasts the whole run and is never scanned again (gc.freeze), and the young generation is
    collected every GC_THRESHOLD allocations. Reading a page makes tens of thousands of short-lived objects (matches,
    spans, tuples) that plain reference counting frees; collecting after every 700 of them cost 3% of the analysis
    (bench/bench_analysis.py --shape reference)."""
    gc.freeze()
    first, *older = gc.get_threshold()
    gc.set_threshold(max(first, GC_THRESHOLD), *older)


def now_iso() -> str:
    """The report clock; POSCHECK_NOW pins it for golden files and reproducible runs."""
    return os.environ.get("POSCHECK_NOW") or datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Reading:
    """What the per-document stage found in one document: text-rule findings and facts, and the views it judged
    with their normalised texts (so that the checks need not cut and normalise them again; `without_texts` drops
    them when a reading is kept long and its document is not)."""

    findings: tuple[Finding, ...]
    facts: Facts
    views: tuple[Document, ...] = ()
    norms: tuple[Normalized, ...] = ()

    def without_texts(self) -> Reading:
        return Reading(self.findings, self.facts)


@dataclass
class Engine:
    """Everything built once per process: rules, the compiled matcher, the check functions."""

    rules: RuleSet
    matcher: Matcher = field(init=False)
    _extractors: list[tuple[Callable[..., list[object]], str]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.matcher = Matcher(self.rules.text_rules())
        for mod in CHECK_MODULES:
            importlib.import_module(mod)  # registers the module's @check functions
        for mod, fn, slot in FACT_EXTRACTORS:
            self._extractors.append((getattr(importlib.import_module(mod), fn), slot))
        missing = [r.id for r in self.rules.check_rules() if r.spec.check not in CHECKS]
        if missing:
            raise PoscheckError(f"rules name checks that do not exist: {', '.join(missing)}",
                                remedy="Fix `check:` in those rule files or install the plugin that provides them.")

    @classmethod
    def build(cls, rules_dirs: list[Path] | None = None) -> Engine:
        from poscheck.rules.loader import load_rules

        return cls(load_rules(rules_dirs))

    def read(self, doc: Document) -> Reading:
        """The per-document stage: text rules and fact extraction. It needs no other document, so a
        crawl can have it done while it fetches the rest (see audit.run_rows)."""
        facts = Facts()
        findings: list[Finding] = []
        parts = views(doc)  # a page that is no offer but holds one: each part judged on its own
        norms = tuple(normalize_document(view.text, view.kind) for view in parts)
        for view, norm in zip(parts, norms, strict=True):
            for fn, slot in self._extractors:
                getattr(facts, slot).extend(fn(view, norm))
            findings.extend(self.matcher.match(view, norm))
        return Reading(tuple(findings), facts, parts, norms)

    def analyse(self, target: Target, documents: list[Document], errors: list[RunError],
                readings: Mapping[str, Reading] | None = None) -> Report:
        """Run text rules, fact extraction and checks over one target's documents.

        `readings` (by document id) are per-document stages already done; the rest are done here.
        """
        read = [(readings or {}).get(doc.id) or self.read(doc) for doc in documents]
        analysis = Analysis(target=target, documents=[v for d, r in zip(documents, read, strict=True)
                                                      for v in (r.views or views(d))], rules=self.rules, facts=Facts())
        for reading in read:
            analysis.known(reading.views, reading.norms)
            analysis.findings.extend(reading.findings)
            for _fn, slot in self._extractors:
                getattr(analysis.facts, slot).extend(getattr(reading.facts, slot))
        kinds = {d.kind for d in documents}
        names = {r.spec.check for r in self.rules.check_rules() if r.spec.check and kinds & set(r.spec.applies_to)}
        for name in sorted(names):
            analysis.findings.extend(CHECKS[name](analysis))
        findings = _dedupe(analysis.findings)
        from poscheck.scoring import grade

        unchecked = () if documents else ("nothing could be read",)
        report = Report(
            target=target.id, name=target.name, generated_at=now_iso(), tool_version=__version__,
            rules_version=self.rules.version, documents=documents, findings=findings, errors=errors,
            facts=analysis.facts, identity=analysis.identity,
            registry_as_of=str(analysis.identity.get("registry_as_of", "")),
        )
        report.grade = grade(findings, documents_read=len(documents), unchecked=unchecked)
        return report


MAX_MERGED_EVIDENCE = 5


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (rule, severity, message): the same claim on five pages is one finding with
    five quotes. Info notes are dropped where their category is also a real finding."""
    out: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        key = (f.rule, f.severity, f.message.replace(f.quote, "") if f.quote else f.message)
        have = out.get(key)
        if have is None:
            out[key] = f
            continue
        seen = {(e.document, e.start) for e in have.evidence}
        extra = tuple(e for e in f.evidence if (e.document, e.start) not in seen)
        merged = (have.evidence + extra)[:MAX_MERGED_EVIDENCE]
        out[key] = dataclasses.replace(have, evidence=merged)
    real = {f.category for f in out.values() if f.severity != "info"}
    kept = [f for f in out.values() if f.severity != "info" or f.category not in real]
    return sorted(kept, key=lambda f: (-SEVERITY_RANK[f.severity], *f.sort_key()[1:]))


def local_files(paths: Iterable[Path]) -> tuple[list[Path], list[RunError]]:
    """Expand folders into the readable files inside them (sorted); missing paths become errors."""
    files: list[Path] = []
    errors: list[RunError] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READABLE_SUFFIXES)
            if not found:
                errors.append(RunError(str(p), "P302", f"{p}: folder has no HTML, PDF, DOCX, TXT or image "
                                                        "files. Point poscheck at the saved pages."))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(RunError(str(p), "P303", f"{p}: no such file or folder. Check the path."))
    return files, errors


def read_documents(raws: Iterable[RawFile],
                   extracted: Mapping[RawFile, Document] | None = None) -> tuple[list[Document], list[RunError]]:
    """Extract every raw file (or take it from `extracted`); a file that fails becomes a RunError and the
    rest go on."""
    docs: list[Document] = []
    errors: list[RunError] = []
    seen: set[str] = set()
    for raw in raws:
        try:
            doc = (extracted or {}).get(raw) or extract(raw)
        except ExtractError as exc:
            errors.append(RunError(raw.source, exc.code, str(exc)))
            continue
        if doc.sha256 in seen:  # the same bytes under two URLs: read once
            continue
        seen.add(doc.sha256)
        docs.append(doc)
    return docs, errors


def check_local(engine: Engine, paths: list[Path], *, url: str | None = None, target_id: str = "",
                name: str = "") -> Report:
    """`poscheck check FILE… [--url U]`: read local files (and folders) as one target."""
    files, errors = local_files(paths)
    raws = [RawFile(source=str(f), path=str(f), url=url) for f in files]
    docs, more = read_documents(raws)
    target = Target(id=target_id or (paths[0].stem if paths else "target"), name=name, url=url)
    return engine.analyse(target, docs, errors + more)


def check_text(engine: Engine, text: str, *, url: str | None = None, kind: str = "txt") -> Report:
    """Analyse a text as a one-document target (rule examples, quick checks)."""
    import hashlib

    from poscheck.extract.text import line_blocks
    from poscheck.rules.context import title_line

    sha = hashlib.sha256(text.encode()).hexdigest()
    doc = Document(id=sha[:12], source=url or "<text>", kind=kind,  # type: ignore[arg-type]
                   text=text, sha256=sha, url=url, title=title_line(text)[:120],  # as a .txt file's (extract.text)
                   blocks=line_blocks(text))
    return engine.analyse(Target(id="text", url=url), [doc], [])


def exit_code(reports: list[Report], fail_on: str | None) -> int:
    """0 clean, 1 findings at or above `fail_on`, 3 some inputs failed (documented in the README)."""
    if any(r.errors for r in reports):
        return 3
    if fail_on:
        floor = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK[f.severity] >= floor for r in reports for f in r.findings):
            return 1
    return 0


def analyse_crawl_dir(out_dir: Path, engine: Engine | None = None) -> int:
    """Read and check every file a crawl saved in `out_dir` (its manifest.jsonl); return pages read.

    Used by `bench/` to time reading + checking alone, on the same pages as a crawl.
    """
    import json

    from poscheck.crawl import CrawlResult, read_manifest

    engine = engine or Engine.build()
    settle_heap()  # as `check` and `audit` do
    manifest = out_dir / "manifest.jsonl"
    ids = {json.loads(line).get("target") for line in manifest.read_text(encoding="utf-8").splitlines() if line}
    result = CrawlResult({i: [] for i in ids}, {i: [] for i in ids}, {i: [] for i in ids})
    result = read_manifest(manifest, out_dir, result)
    pages = 0
    for target_id, raws in sorted(result.files.items()):
        docs, errors = read_documents(raws)
        engine.analyse(Target(target_id), docs, errors)
        pages += len(docs)
    return pages
