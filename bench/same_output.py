"""Guard for speed work: the JSON reports of a fixed set of inputs, saved once and compared after a change.

Inputs: every corpus document, every seed page, each demo site (one target per folder) and bench
sites of both shapes (bench_crawl.generate, fixed seeds). A change that only makes poscheck faster
must leave every report byte-identical.

    .venv/bin/python bench/same_output.py --save /tmp/before.json
    ...change...
    .venv/bin/python bench/same_output.py --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_crawl import GENERATED, generate
from poscheck.checks import Target
from poscheck.models import RawFile
from poscheck.pipeline import Engine, check_local, read_documents
from poscheck.report import to_dict

ROOT = Path(__file__).parents[1]
SHARED = ROOT.parent / "shared"
DEMO_SITES = ROOT / "src" / "poscheck" / "demo" / "sites"


def reports(engine: Engine, work: Path) -> dict[str, object]:
    """Target name → report as JSON data, for every input of the guard set."""
    out: dict[str, object] = {}
    shared = SHARED
    with (shared / "corpus" / "manifest.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            path = shared / "corpus" / row["path"]
            out[f"corpus/{row['id']}"] = to_dict(check_local(engine, [path], url=row["url"] or None,
                                                             target_id=row["id"]))
    for seed in sorted((shared / "seeds").glob("*.txt")):
        out[f"seed/{seed.stem}"] = to_dict(check_local(engine, [seed], target_id=seed.stem))
    for site in sorted(p for p in DEMO_SITES.iterdir() if p.is_dir()):
        out[f"demo/{site.name}"] = to_dict(check_local(engine, [site], url="https://demo.example/",
                                                       target_id=site.name))
    for shape in GENERATED:
        root = work / shape
        for name in generate(root, 6, seed=11, shape=shape):
            raws = [RawFile(source=f"http://127.0.0.1/{name}/{p.name}", path=str(p),
                            url=f"http://127.0.0.1/{name}/{p.name}", content_type="text/html; charset=utf-8")
                    for p in sorted((root / name).glob("*.html"))]
            docs, errors = read_documents(raws)
            out[f"bench/{shape}/{name}"] = to_dict(engine.analyse(Target(name), docs, errors))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the reports here")
    group.add_argument("--compare", type=Path, help="compare with reports saved earlier")
    args = parser.parse_args(argv)
    os.environ["POSCHECK_NOW"] = "2026-01-01T00:00:00+00:00"
    with tempfile.TemporaryDirectory(prefix="poscheck-same-") as tmp:
        got = json.loads(json.dumps(reports(Engine.build(), Path(tmp)), ensure_ascii=False, default=str))
    if args.save:
        args.save.write_text(json.dumps(got, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"saved {len(got)} reports to {args.save}")
        return 0
    want = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    for k in differ[:20]:
        print(f"DIFFERS: {k}")
    total = len(want.keys() | got.keys())
    print(f"{len(differ)} of {total} reports differ" if differ else f"all {total} reports identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
