"""The checks' shared keyword pass (textctx._shared_pass) finds what the searches it replaced found.

The registry's names and brands (`identity_facts.brand_hits`) and the anchors of the GatedAnchored patterns are
found by the pass that finds the keyword gates' words; each is held here to the search of its own it replaced,
on the demo sites, the corpus and the seeds (the anchored patterns are also held to their plain regexes by
tests/test_anchored.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, SEEDS
from poscheck.checks import identity_facts
from poscheck.demo import SITES_DIR
from poscheck.identity import normalized
from poscheck.models import RawFile
from poscheck.pipeline import read_documents
from poscheck.registry import load_registry


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Normalised texts of the demo sites, the corpus documents and the seeds, and a few odd strings."""
    paths: list[Path] = sorted(SITES_DIR.rglob("*.html"))
    paths += sorted(p for p in (CORPUS / "docs").glob("*") if p.suffix in {".html", ".txt", ".docx"})
    paths += sorted(SEEDS.glob("*.txt"))
    docs, _ = read_documents(RawFile(source=str(p), path=str(p)) for p in paths)
    odd = ["", "拉卡拉", "\ud800拉卡拉支付股份有限公司\ud800", "通联通联支付网络服务股份有限公司"]
    return [normalized(d.text).text for d in docs] + odd


def test_brand_hits_are_what_the_registry_scan_finds(texts: list[str]) -> None:
    reg = load_registry()
    assert len(texts) > 20
    for text in texts:
        assert identity_facts.brand_hits(text, reg) == tuple(sorted(reg.scan(text))), text[:40]
