"""Every quote is the original text at its offsets (corpus, demo contracts), and the seeds get what a
careful reader would flag: the pages that present a third-party domain as 拉卡拉's 官网, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from poscheck.checks import Target
from poscheck.demo import SITES_DIR
from poscheck.models import RawFile
from poscheck.pipeline import Engine, check_local, read_documents

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS_DOCS = SHARED / "corpus" / "docs"
SEEDS = SHARED / "seeds"

# What a careful reader flags on each seed (real SEO pages). Their fee sentences only explain the market
# ("一般在36-99元之间", "几百元不等的押金"), so no fee category; three name a third-party domain as the
# official 拉卡拉 application site.
SEED_EXPECTED = {
    "000_917b20c3b32bbd93.txt": set(),
    "001_8d7160932db56f48.txt": {"site.impersonation"},
    "002_80ab5d7cbd320fc1.txt": set(),
    "003_9db6afdbd48b1d6f.txt": {"site.impersonation"},
    "004_3aeb33dc8ab3b3ff.txt": {"site.impersonation"},
}


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not found")


def _all_docs() -> list[Path]:
    _need(CORPUS_DOCS)
    return sorted(p for p in CORPUS_DOCS.glob("*.*")) + sorted(SITES_DIR.rglob("*.pdf")) + sorted(
        SITES_DIR.rglob("*.html"))


@pytest.mark.parametrize("path", _all_docs(), ids=lambda p: p.name)
def test_evidence_quotes_are_original_text(engine: Engine, path: Path) -> None:
    docs, errors = read_documents([RawFile(source=str(path), path=str(path), url="https://agent.example/")])
    assert not errors
    report = engine.analyse(Target(path.stem, url="https://agent.example/"), docs, [])
    by_id = {d.id: d for d in docs}
    for finding in report.findings:
        for ev in finding.evidence:
            assert by_id[ev.document].text[ev.start:ev.end] == ev.quote, finding.rule
    for fee in report.facts.fees:
        ev = fee.evidence
        assert by_id[ev.document].text[ev.start:ev.end] == ev.quote


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_pages_flag_what_a_careful_reader_would(engine: Engine, name: str) -> None:
    _need(SEEDS / name)
    report = check_local(engine, [SEEDS / name])
    got = {f.category for f in report.findings if f.severity != "info"}
    assert got == SEED_EXPECTED[name]
