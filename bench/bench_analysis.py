"""Where reading and checking spend their CPU, per page, on the same pages bench_crawl.py crawls.

Generates the bench sites (bench_crawl.generate), reads every page from disk as a crawl would have
saved it, and times each stage of `Engine.analyse` with time.process_time(): extraction,
normalisation, the text-rule engine, each fact extractor and each check. Every stage runs `--repeats`
times, each over freshly generated pages; the first round also pays for one-off set-up (imports, automata, registry),
so the table shows the median of the later rounds and the first round's total apart.

    .venv/bin/python bench/bench_analysis.py --sites 30 --repeats 3
    .venv/bin/python bench/bench_analysis.py --profile fees      # cProfile of one stage
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).parent))

from bench_crawl import SHAPES, generate
from poscheck.checks import CHECKS, Analysis, Target
from poscheck.models import Document, Facts, RawFile
from poscheck.normalize import Normalized, normalize_document
from poscheck.passages import own_page, views
from poscheck.pipeline import Engine, read_documents, settle_heap

T = TypeVar("T")


def run_round(engine: Engine, sites: list[list[RawFile]], timed: dict[str, float],
              profile: str | None = None, fees: list[int] | None = None, sort: str = "tottime") -> int:
    """One pass of the whole analysis over all sites; adds CPU seconds per stage to `timed` and, when given
    `fees`, the number of fee facts of each page."""
    prof = cProfile.Profile() if profile else None

    def tm(stage: str, fn: Callable[[], T]) -> T:
        profiled = prof is not None and (
            profile in ("all", stage) or (profile == "checks" and stage.startswith("check ")))
        if profiled:
            prof.enable()
        t0 = time.process_time()
        out = fn()
        timed[stage] += time.process_time() - t0
        if profiled:
            prof.disable()
        return out

    pages = 0
    for raws in sites:
        docs, _errors = tm("extract", lambda raws=raws: read_documents(raws))
        pages += len(docs)
        for d in docs:  # normalised first, so that "views" times only the cut (it reads the normalised text)
            page = tm("views", lambda d=d: own_page(d))  # the page without its lists of other pages' titles
            tm("normalize", lambda page=page: normalize_document(page.text, page.kind))
        docs = [v for d in docs for v in tm("views", lambda d=d: views(d))]  # as Engine.read and analyse do
        an = Analysis(target=Target("bench"), documents=docs, rules=engine.rules, facts=Facts())
        for doc in docs:
            norm = tm("normalize", lambda an=an, doc=doc: an.normalized(doc))
            an.findings.extend(tm("engine", lambda doc=doc, norm=norm: engine.matcher.match(doc, norm)))
            for fn, slot in engine._extractors:
                def extract(fn: Callable[[Document, Normalized], list[object]] = fn, doc: Document = doc,
                            norm: Normalized = norm) -> list[object]:
                    return fn(doc, norm)
                found = tm(slot, extract)
                getattr(an.facts, slot).extend(found)
                if slot == "fees" and fees is not None:
                    fees.append(len(found))
        kinds = {d.kind for d in docs}
        names = {r.spec.check for r in engine.rules.check_rules()
                 if r.spec.check and kinds & set(r.spec.applies_to)}
        for name in sorted(names):
            an.findings.extend(tm(f"check {name}", lambda an=an, name=name: list(CHECKS[name](an))))
    if prof is not None:
        pstats.Stats(prof).sort_stats(sort).print_stats(60)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=30, help="provider sites to generate (10 pages each)")
    parser.add_argument("--repeats", type=int, default=3, help="rounds over all pages (the first includes set-up)")
    parser.add_argument("--shape", choices=SHAPES, default="dense", help="page shape (bench_crawl.SHAPES)")
    parser.add_argument("--sort", default="tottime", help="order of the --profile table (tottime, cumulative)")
    parser.add_argument("--profile", help="print a cProfile of this stage (extract, normalize, engine, fees, "
                                          "entities, checks, or all) in the last round")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="poscheck-bench-") as tmp:
        t0 = time.process_time()
        engine = Engine.build()
        settle_heap()  # as `check` and `audit` do once their engine is built
        setup = time.process_time() - t0
        rounds: list[dict[str, float]] = []
        pages = 0
        chars = 0.0
        fees: list[int] = []
        for i in range(max(2, args.repeats)):
            # Fresh pages every round (another seed): per-text caches must not make later rounds look cheap.
            root = Path(tmp) / f"round{i}"
            names = generate(root, args.sites, seed=i, shape=args.shape)
            sites = [[RawFile(source=f"http://127.0.0.1/{n}/{p.name}", path=str(p),
                              url=f"http://127.0.0.1/{n}/{p.name}", content_type="text/html")
                      for p in sorted((root / n).glob("*.html"))] for n in names]
            timed: dict[str, float] = defaultdict(float)
            last = i == max(2, args.repeats) - 1
            fees.clear()
            pages = run_round(engine, sites, timed, args.profile if last else None, fees, args.sort)
            rounds.append(timed)
            chars = sum(len(d.text) for d in read_documents(sites[0])[0]) / len(sites[0])
    print(f"{pages} pages ({len(names)} sites, shape {args.shape}) per round, about {chars:.0f} characters of "
          f"text per page; Engine.build {setup * 1000:.0f} ms")
    for r in rounds:
        r["checks"] = sum(v for k, v in r.items() if k.startswith("check "))
    later = rounds[1:]

    def ms(stage: str) -> float:
        return statistics.median(r[stage] for r in later) / pages * 1000

    stages = sorted((k for k in rounds[0] if not k.startswith("check ")), key=lambda k: -ms(k))
    for stage in stages:
        print(f"  {stage:10s} {ms(stage):6.2f} ms/page")
        if stage == "checks":
            top = sorted((k for k in rounds[0] if k.startswith("check ")), key=lambda k: -ms(k))[:6]
            print("             " + ", ".join(f"{k[6:]} {ms(k):.2f}" for k in top))
    # How fee-dense the pages are: the fee stage's cost grows with it (compare the shapes).
    per_page = statistics.mean(fees)
    print(f"  fee facts per page: mean {per_page:.1f}, max {max(fees)}; fee stage "
          f"{ms('fees') / max(per_page, 0.1) * 1000:.0f} µs per fee found")
    total = sum(ms(s) for s in stages)
    first = sum(v for k, v in rounds[0].items() if k != "checks") / pages * 1000
    print(f"  {'total':10s} {total:6.2f} ms/page (first round, with one-off set-up: {first:.2f} ms/page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
