"""Measures the bare crawl rate (pages/s) of poscheck's spider against a minimal link-following spider.

Generates N provider sites (10 pages each, about 5,000 Chinese characters per page with fee tables,
licence numbers and an ICP footer), serves them on 127.0.0.1 with poscheck.demo.server, and runs
paired crawls A B A B … in child processes with identical settings (`polite=False`):

  A  poscheck.crawl.crawl(): ProviderSpider + manifest pipeline (what `check`/`audit` run)
  B  a minimal spider that only follows links and saves nothing (the floor for Scrapy on this host)

It prints pages/s, wall and CPU seconds of each run, the medians, and the CPU ratio A/B
(goal in ../shared/research/performance.md: A ≤ 1.1× B). If `poscheck.pipeline` provides the
analysis side (see `analyse_dir`), it also prints reading+checking pages/s on one core.

    .venv/bin/python bench/bench_crawl.py --sites 100 --pairs 3
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from poscheck.crawl import CrawlOptions, CrawlTarget, build_settings, crawl
from poscheck.demo.server import serve_sites

PAGES = ("index", "about", "products", "fees", "contract", "privacy", "news1", "news2", "faq", "contact")
TITLES = {
    "index": "首页", "about": "关于我们", "products": "产品中心", "fees": "资费标准", "contract": "商户协议",
    "privacy": "隐私政策", "news1": "行业资讯", "news2": "公司动态", "faq": "常见问题", "contact": "联系我们",
}
SENTENCES = (
    "本公司为持牌收单机构授权的服务商，负责机具投放、商户入网资料收集和售后维护。",
    "商户的交易资金由收单机构于T+1结算至商户本人名下的结算账户，我司不经手任何资金。",
    "信用卡刷卡费率为0.60%，储蓄卡费率为0.50%且单笔封顶20元，扫码交易费率为0.38%。",
    "如需开通D0快速结算，请在商户APP中自行申请，按结算金额的0.05%收取快速结算费。",
    "机具流量费为48元/年，首年免收，扣收前三日以短信方式提醒商户。",
    "部分代理商宣传免费领取POS机，却在首次刷卡时扣除押金299元，请商户务必警惕。",
    "收费调整将至少提前30日通知商户，商户不同意的可在生效前免费终止服务。",
    "请勿向任何人透露银行卡密码或短信验证码，我司工作人员不会索要上述信息。",
    "电签POS机支持刷卡、插卡、闪付和扫码，适用于零售、餐饮、便利店等多种场景。",
    "因本协议发生的争议，双方协商解决；协商不成的，可向被告住所地人民法院提起诉讼。",
    "商户应如实登记经营信息，不得从事信用卡套现、虚构交易等违法违规活动。",
    "我司客服热线为400-000-0000，工作时间为每日九点至二十一点，节假日照常服务。",
    "办理需要准备营业执照、法定代表人身份证件以及本人名下的银行结算账户信息。",
    "支付业务许可证可在中国人民银行网站政务公开栏目查询，请以官方公示信息为准。",
)


def make_page(site: int, page: str, rng: random.Random, chars: int = 5000) -> str:
    """One realistic page: nav to all 10 pages, ~`chars` Chinese characters, fee table, ICP footer."""
    nav = " ".join(f'<a href="{p}.html">{TITLES[p]}</a>' for p in PAGES)
    paras: list[str] = []
    size = 0
    while size < chars:
        para = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
        paras.append(f"<p>{para}</p>")
        size += len(para)
    if page == "fees":
        paras.insert(0, "<table><tr><th>项目</th><th>标准</th></tr><tr><td>信用卡</td><td>0.60%</td></tr>"
                        "<tr><td>储蓄卡</td><td>0.50%，20元封顶</td></tr><tr><td>流量费</td><td>48元/年</td></tr></table>")
    licence = f"Z20{site % 10000:04d}3100001{site % 10}"
    footer = (f"<footer>示例支付服务第{site}号有限公司 ｜ 支付业务许可证 {licence} ｜ "
              f"粤ICP备{10000000 + site}号-1 ｜ 客服 400-000-{site % 10000:04d}</footer>")
    head = f'<head><meta charset="utf-8"><title>{TITLES[page]} - 示例{site}</title></head>'
    main = f"<main><h1>{TITLES[page]}</h1>{''.join(paras)}</main>"
    return f'<!DOCTYPE html><html lang="zh-CN">{head}<body><nav>{nav}</nav>{main}{footer}</body></html>'


def generate(root: Path, n_sites: int, seed: int = 7) -> list[str]:
    """Write n_sites × 10 pages under root/siteNNNN/; return the site names."""
    rng = random.Random(seed)
    names = []
    for i in range(n_sites):
        name = f"site{i:04d}"
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for page in PAGES:
            (folder / f"{page}.html").write_text(make_page(i, page, rng), encoding="utf-8")
        names.append(name)
    return names


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_poscheck(starts: list[str], out: Path) -> tuple[int, float, float]:
    """Crawl A: pages fetched, wall seconds, child CPU seconds."""
    cpu0, t0 = _child_cpu(), time.perf_counter()
    result = crawl([CrawlTarget(f"s{i}", url) for i, url in enumerate(starts)], out,
                   CrawlOptions(polite=False, max_pages=60, depth=3))
    wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    return sum(len(files) for files in result.files.values()), wall, cpu


MINIMAL_SPIDER = '''
import json, sys
from pathlib import Path
import scrapy
from scrapy.crawler import AsyncCrawlerProcess
from poscheck.crawl import CrawlOptions, build_settings

class Minimal(scrapy.Spider):
    name = "minimal"
    allowed_domains = ["127.0.0.1"]
    async def start(self):
        for url in self.starts:
            yield scrapy.Request(url)
    def parse(self, response):
        prefix = response.url.rsplit("/", 1)[0] + "/"
        for href in response.xpath("//a/@href").getall():
            url = response.urljoin(href)
            if url.startswith(prefix):
                yield scrapy.Request(url)

conf = json.loads(Path(sys.argv[1]).read_text())
settings = build_settings(CrawlOptions(polite=False), Path(conf["out"]))
settings.set("ITEM_PIPELINES", {}, priority="cmdline")
settings.set("DOWNLOADER_MIDDLEWARES", {}, priority="cmdline")
settings.set("REQUEST_FINGERPRINTER_CLASS", "scrapy.utils.request.RequestFingerprinter", priority="cmdline")
process = AsyncCrawlerProcess(settings)
crawler = process.create_crawler(Minimal)
process.crawl(crawler, starts=conf["starts"])
process.start()
responses = crawler.stats.get_value("response_received_count", 0)
Path(conf["stats"]).write_text(json.dumps({"responses": responses}))
'''


def run_minimal(starts: list[str], out: Path) -> tuple[int, float, float]:
    """Crawl B: the same pages with a spider that only follows links."""
    out.mkdir(parents=True, exist_ok=True)
    conf = out / "minimal.json"
    stats = out / "stats.json"
    conf.write_text(json.dumps({"starts": starts, "out": str(out), "stats": str(stats)}))
    cpu0, t0 = _child_cpu(), time.perf_counter()
    with (out / "crawl.log").open("wb") as log:
        cmd = [sys.executable, "-P", "-c", MINIMAL_SPIDER, str(conf)]
        subprocess.run(cmd, stdout=log, stderr=log, check=True)
    wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    return int(json.loads(stats.read_text())["responses"]) - 1, wall, cpu  # minus robots.txt


# ---- HOOK for the analysis side (owned by the lead) ------------------------------------------------
def analyse_dir(out_dir: Path) -> tuple[int, float] | None:
    """Read and check every file a crawl saved in `out_dir`; return (pages, CPU seconds) or None.

    Imports poscheck.pipeline lazily. Expected there: `analyse_crawl_dir(out_dir: Path) -> int`
    that builds documents from out_dir/manifest.jsonl, runs all checks and returns the page count.
    Until it exists the bench prints the crawl figures only.
    """
    try:
        import poscheck.pipeline as pipeline
    except ImportError:
        return None
    run: Any = getattr(pipeline, "analyse_crawl_dir", None)
    if run is None:
        return None
    t0 = time.process_time()
    pages = int(run(out_dir))
    return pages, time.process_time() - t0
# ----------------------------------------------------------------------------------------------------


def run_audit(starts: list[str], out: Path) -> tuple[int, float, float]:
    """The full `poscheck audit` (crawl + read + check + reports) on the same sites, as a user runs it."""
    manifest = out.parent / f"{out.name}.csv"
    rows = "".join(f"s{i},site {i},{url},\n" for i, url in enumerate(starts))
    manifest.write_text("id,name,url,path\n" + rows, encoding="utf-8")
    cpu0, t0 = _child_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "poscheck", "audit", str(manifest), "-o", str(out), "--no-polite"],
                   check=False, capture_output=True)
    wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    pages = sum(1 for _ in (out / "_crawl" / "manifest.jsonl").open(encoding="utf-8")) if (
        out / "_crawl" / "manifest.jsonl").exists() else 0
    return pages, wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100, help="provider sites to generate (10 pages each)")
    parser.add_argument("--pairs", type=int, default=3, help="A/B pairs to run")
    parser.add_argument("--keep", type=Path, help="generate into and keep this folder")
    args = parser.parse_args(argv)
    if args.keep:
        return bench(args.keep, args.sites, args.pairs)
    with tempfile.TemporaryDirectory(prefix="poscheck-bench-") as tmp:
        return bench(Path(tmp), args.sites, args.pairs)


def bench(work: Path, n_sites: int, pairs: int) -> int:
    """Generate, serve, run `pairs` A/B pairs in `work`, print the figures."""
    root = work / "sites"
    names = generate(root, n_sites)
    text_kb = sum(p.stat().st_size for p in root.rglob("*.html")) / 1024 / (10 * len(names))
    print(f"{len(names)} sites × 10 pages, {text_kb:.1f} KB HTML per page, settings: "
          f"CONCURRENT_REQUESTS={build_settings(CrawlOptions(polite=False), work)['CONCURRENT_REQUESTS']}, "
          "polite=False, server: ThreadingHTTPServer (same machine)")
    rates: dict[str, list[float]] = {"A": [], "B": [], "audit": []}
    cpus: dict[str, list[float]] = {"A": [], "B": [], "audit": []}
    walls: dict[str, list[float]] = {"A": [], "B": [], "audit": []}
    with serve_sites(root) as served:
        starts = [served.url(name, "index.html") for name in names]
        for i in range(pairs):
            for label, runner in (("A", run_poscheck), ("B", run_minimal), ("audit", run_audit)):
                pages, wall, cpu = runner(starts, work / f"out-{label}{i}")
                walls[label].append(wall)
                rates[label].append(pages / wall)
                cpus[label].append(cpu / max(pages, 1) * 1000)
                print(f"  {label}{i}: {pages} pages in {wall:.2f} s wall, {cpu:.2f} s CPU "
                      f"-> {pages / wall:.0f} pages/s, {cpu / max(pages, 1) * 1000:.2f} ms CPU/page")
    a_rate, b_rate = statistics.median(rates["A"]), statistics.median(rates["B"])
    a_cpu, b_cpu = statistics.median(cpus["A"]), statistics.median(cpus["B"])
    print(f"bare crawl, poscheck spider (A): {a_rate:.0f} pages/s median, {a_cpu:.2f} ms CPU/page")
    print(f"minimal link-following spider (B): {b_rate:.0f} pages/s median, {b_cpu:.2f} ms CPU/page")
    print(f"ratio A/B: CPU per page {a_cpu / b_cpu:.2f}x (goal <= 1.10), rate {a_rate / b_rate:.2f}x")
    print(f"full audit (crawl + read + check + reports): {statistics.median(rates['audit']):.0f} pages/s median; "
          f"wall time audit / crawl-only = {statistics.median(walls['audit']) / statistics.median(walls['A']):.2f}x")
    analysed = analyse_dir(work / "out-A0")
    if analysed is None:
        print("analysis: poscheck.pipeline.analyse_crawl_dir not available yet; crawl figures only")
    else:
        pages, cpu = analysed
        print(f"analysis (one core): {pages} pages in {cpu:.2f} s CPU -> {pages / cpu:.0f} pages/s; "
              f"CPU per page analysis/crawl = {cpu / pages * 1000 / a_cpu:.2f}x (goal < 1)")
    print(f"(wall and CPU include each child's start-up, about 1 s; work folder {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
