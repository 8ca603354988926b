"""Shared fixtures: the engine (built once per session), paths to the shared material, and the real texts that fast
paths are held to their plain ones on."""

from __future__ import annotations

from pathlib import Path

import pytest

from poscheck.models import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def engine():  # type: ignore[no-untyped-def]
    from flags import shared_engine

    return shared_engine()


def need_shared() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")


def real_texts(engine, folder: Path) -> tuple[list[Document], list[str]]:  # type: ignore[no-untyped-def]
    """Texts to hold a fast path to its plain one with: the extracted texts of the demo sites, of bench pages of
    every generated shape (written into `folder`), of the corpus and of the seeds, and the rules' example texts
    (each list as it comes, not normalised)."""
    import random
    import sys

    from poscheck.demo import SITES_DIR
    from poscheck.models import RawFile
    from poscheck.pipeline import read_documents

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_crawl import make_page

    rng = random.Random(5)
    for i, shape in enumerate(("dense", "site", "reference")):
        for page in ("index", "fees", "about", "contract"):
            (folder / f"{shape}-{page}.html").write_text(make_page(i, page, rng, shape=shape), encoding="utf-8")
    paths = sorted(SITES_DIR.rglob("*.html")) + sorted(folder.glob("*.html"))
    paths += sorted(p for p in (CORPUS / "docs").glob("*") if p.suffix in {".html", ".txt", ".docx"})
    paths += sorted(SEEDS.glob("*.txt"))
    docs, _ = read_documents(RawFile(source=str(p), path=str(p)) for p in paths)
    examples = [e.text for rule in engine.rules for e in (*rule.spec.examples.match, *rule.spec.examples.no_match)]
    return docs, examples
