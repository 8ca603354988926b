"""Measures the bare crawl rate (pages/s) of poscheck's spider against a minimal link-following spider.

Generates N provider sites of 10 pages (SHAPES: fee-dense pages, typical agent sites, the corpus of
../shared/research/performance.md, or pages of the development corpus), serves them on 127.0.0.1 with
poscheck.demo.server, and runs paired crawls A B A B … in child processes with identical settings
(`polite=False`):

  A  poscheck.crawl.crawl(): ProviderSpider + manifest pipeline (what `check`/`audit` run)
  B  a minimal spider that only follows links and saves nothing (the floor for Scrapy on this host)

It prints pages/s, wall and CPU seconds of each run, the medians, and the CPU ratio A/B
(goal in ../shared/research/performance.md: A ≤ 1.1× B), then a full `poscheck audit` of the same
sites. Last, the analysis side: reading and checking every page of crawl A in a fresh process
(`pipeline.analyse_crawl_dir`), as CPU per page with start-up included, and per page beyond one-off
costs: the crawl's whole run less a one-page crawl; the analysis's run over all sites less its run over
the first half, divided by the pages between (its one-off costs depend on the pages: spaCy loads on the
first line that needs it). Goal: analysis costs less CPU per page than the crawl.

    .venv/bin/python bench/bench_crawl.py --sites 100 --pairs 3
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from poscheck.crawl import CrawlOptions, CrawlTarget, build_settings, crawl
from poscheck.demo.server import serve_sites

PAGES = ("index", "about", "products", "fees", "contract", "privacy", "news1", "news2", "faq", "contact")
TITLES = {
    "index": "首页", "about": "关于我们", "products": "产品中心", "fees": "资费标准", "contract": "商户协议",
    "privacy": "隐私政策", "news1": "行业资讯", "news2": "公司动态", "faq": "常见问题", "contact": "联系我们",
}
# Sentence templates: their amounts vary per use (fill()), so pages share wording, not whole sentences,
# the way real sites do; only nav and footer repeat verbatim across a site's pages.
SENTENCES = (
    "本公司为持牌收单机构授权的服务商，负责机具投放、商户入网资料收集和售后维护。",
    "商户的交易资金由收单机构于T+1结算至商户本人名下的结算账户，我司不经手任何资金。",
    "信用卡刷卡费率为{rate}%，储蓄卡费率为{debit}%且单笔封顶{cap}元，扫码交易费率为0.38%。",
    "如需开通D0快速结算，请在商户APP中自行申请，按结算金额的0.0{d0}%收取快速结算费。",
    "机具流量费为{data}元/年，首年免收，扣收前三日以短信方式提醒商户。",
    "部分代理商宣传免费领取POS机，却在首次刷卡时扣除押金{deposit}元，请商户务必警惕。",
    "收费调整将至少提前{days}日通知商户，商户不同意的可在生效前免费终止服务。",
    "请勿向任何人透露银行卡密码或短信验证码，我司工作人员不会索要上述信息。",
    "电签POS机支持刷卡、插卡、闪付和扫码，适用于零售、餐饮、便利店等多种场景。",
    "因本协议发生的争议，双方协商解决；协商不成的，可向被告住所地人民法院提起诉讼。",
    "商户应如实登记经营信息，不得从事信用卡套现、虚构交易等违法违规活动。",
    "我司客服热线为400-{tel}，工作时间为每日九点至二十一点，节假日照常服务。",
    "办理需要准备营业执照、法定代表人身份证件以及本人名下的银行结算账户信息。",
    "支付业务许可证可在中国人民银行网站政务公开栏目查询，请以官方公示信息为准。",
)


def fill(template: str, rng: random.Random) -> str:
    """A sentence from `template` with its own amounts, drawn from ranges wide enough that a page seldom
    repeats a fee sentence word for word (a per-sentence cache would otherwise look better here than on
    real pages)."""
    return template.format(
        rate=f"0.{rng.randint(520, 689)}", debit=f"0.{rng.randint(450, 559)}", cap=rng.randint(15, 30),
        d0=rng.randint(10, 99), data=rng.randint(24, 120), deposit=rng.randint(49, 499),
        days=rng.randint(7, 90), tel=f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
    )


GENERAL = (
    "公司成立于二〇一五年，总部位于深圳，在全国设有三十多个服务网点，服务商户超过十万家。",
    "我们的团队由支付、风控和技术方面的专业人员组成，始终坚持合规经营、客户至上的理念。",
    "近日，公司举办了年度服务商大会，来自各地的合作伙伴齐聚一堂，共同交流行业发展经验。",
    "随着移动支付的普及，越来越多的小微商户开始使用电签POS机和收款码，经营效率明显提升。",
    "我们非常重视您的个人信息安全，会按照法律法规的要求收集、使用和保护您提供的信息。",
    "如您对我们的产品或服务有任何疑问，欢迎通过页面底部的联系方式与我们取得联系。",
    "新机到手后请先完成实名认证和商户入网，审核通过后即可开始正常收款。",
    "机具出现故障时，可联系售后客服办理换机，换机期间不影响商户的正常经营。",
)
FEE_PAGES = {"index", "products", "fees", "contract"}
# The pages of ../shared/research/performance.md's corpus (the one its crawl figures and the goal were measured
# on) that carry fee figures: a fee table, and numbered clauses with figures; the others carry ordinary prose.
REFERENCE_FEE_PAGES = {"fees", "contract", "privacy"}
_CSS = "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i * 37 % 4096:03x}}}" for i in range(90))
_JS = ("(function(){var _hmt=_hmt||[];var hm=document.createElement('script');hm.src='/static/stat.js';"
       "var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(hm,s);})();") * 12


def _site_chrome(page: str, rng: random.Random) -> tuple[str, str, str]:
    """Head extras, header + nav + sidebar, footer links: the markup a real agent site wraps its text in."""
    def link(p: str, text: str, cls: str = "item") -> str:
        return f'<li class="{cls}"><a href="{p}.html" title="{text}"><i class="iconfont icon-{p}"></i>{text}</a></li>'
    nav = "".join(
        f'<li class="nav-item dropdown">{link(p, TITLES[p], "nav-link")}<ul class="dropdown-menu">'
        + "".join(link(f"{q}", f"{TITLES[q]}·{k}", "dropdown-item") for k, q in enumerate(rng.sample(PAGES, 3)))
        + "</ul></li>" for p in PAGES)
    side = "".join(link(rng.choice(PAGES), f"热门文章{k}：{rng.choice(GENERAL)[:14]}", "hot") for k in range(15))
    head = (f'<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="stylesheet" '
            f'href="/static/app.css"><style>{_CSS}</style><script>{_JS}</script>')
    header = (f'<div class="topbar"><div class="container"><a href="index.html">首页</a><a href="contact.html">联系我们'
              f'</a><span class="tel">服务热线</span></div></div><header class="header"><div class="container">'
              f'<ul class="navbar-nav">{nav}</ul></div></header><div class="breadcrumb"><a href="index.html">首页'
              f'</a> &gt; <span>{TITLES[page]}</span></div>')
    sidebar = f'<aside class="sidebar col-md-3"><div class="widget"><h3>热门文章</h3><ul>{side}</ul></div></aside>'
    friends = "".join(f'<a href="https://www.example{k}.com/" rel="nofollow">友情链接{k}</a>' for k in range(6))
    cols = "".join(f'<div class="col-md-3"><ul>{"".join(link(q, TITLES[q]) for q in rng.sample(PAGES, 5))}'
                   "</ul></div>" for _ in range(4))
    return head, header + sidebar, f'<div class="footer-links row">{cols}</div><div class="friends">{friends}</div>'


def make_page(site: int, page: str, rng: random.Random, chars: int = 5000, shape: str = "dense") -> str:
    """One page of a generated provider site (see SHAPES): nav, text, fee table, ICP footer."""
    nav = " ".join(f'<a href="{p}.html">{TITLES[p]}</a>' for p in PAGES)
    general = (shape == "site" and page not in FEE_PAGES) or (shape == "reference" and page not in REFERENCE_FEE_PAGES)
    if shape == "site":
        chars = rng.randint(3000, 5000) if page in FEE_PAGES else rng.randint(800, 2500)
    paras: list[str] = []
    size = 0
    while size < chars:
        pool = GENERAL if general and rng.random() < 0.85 else SENTENCES
        para = "".join(fill(rng.choice(pool), rng) for _ in range(rng.randint(3, 6)))
        wrapped = f'<div class="row"><div class="col-md-12"><div class="content-item"><p>{para}</p></div></div></div>'
        paras.append(wrapped if shape == "site" else f"<p>{para}</p>")
        size += len(para)
    if page == "fees":
        paras.insert(0, "<table><tr><th>项目</th><th>标准</th></tr><tr><td>信用卡</td><td>0.60%</td></tr>"
                        "<tr><td>储蓄卡</td><td>0.50%，20元封顶</td></tr><tr><td>流量费</td><td>48元/年</td></tr></table>")
    licence = f"Z20{site % 10000:04d}3100001{site % 10}"
    head_extra, chrome, footer_links = _site_chrome(page, rng) if shape == "site" else ("", f"<nav>{nav}</nav>", "")
    footer = (f"<footer>{footer_links}示例支付服务第{site}号有限公司 ｜ 支付业务许可证 {licence} ｜ "
              f"粤ICP备{10000000 + site}号-1 ｜ 客服 400-000-{site % 10000:04d}</footer>")
    head = f'<head><meta charset="utf-8"><title>{TITLES[page]} - 示例{site}</title>{head_extra}</head>'
    main = f"<main><h1>{TITLES[page]}</h1>{''.join(paras)}</main>"
    return f'<!DOCTYPE html><html lang="zh-CN">{head}<body>{chrome}{main}{footer}</body></html>'


#: Page shapes. dense: every page ~5,000 characters of fee-laden text in bare markup (14.8 KB HTML, 10
#: links) — the worst case for analysis and the cheapest for a crawler. site: a typical agent site —
#: fee text on 4 of 10 pages (3,000–5,000 characters), 800–2,500 characters of ordinary prose on the
#: rest, wrapped in the markup such sites carry (nav with drop-downs, sidebar, footer columns, inline
#: CSS/JS: about 85 links and 22–30 KB of HTML per page).
#: reference: the corpus of ../shared/research/performance.md, whose crawl figures the goal was set against —
#: dense's bare markup and 5,000 characters on every page, fee text on its fees, contract and privacy pages
#: (there: a fee table and numbered clauses with figures; here the denser fee sentences), prose on the rest.
#: corpus: real-looking pages — each site is 10 HTML pages of the development corpus
#: (../shared/corpus/docs, written by people: agent pages, acquirer pages, complaints, GBK ones as bytes),
#: linked by a nav line added after <body>; their own relative links point nowhere (href="#").
GENERATED = ("dense", "site")
SHAPES = (*GENERATED, "reference", "corpus")  # GENERATED: the shapes bench/same_output.py runs
CORPUS_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docs"
_RELATIVE_HREF = re.compile(rb'href="(?!https?://)[^"]*"')
_BODY = re.compile(rb"<body[^>]*>", re.I)


def generate(root: Path, n_sites: int, seed: int = 7, shape: str = "dense") -> list[str]:
    """Write n_sites × 10 pages under root/siteNNNN/; return the site names."""
    rng = random.Random(seed)
    corpus = sorted(CORPUS_DOCS.glob("*.html")) if shape == "corpus" else []
    if shape == "corpus" and len(corpus) < len(PAGES):
        raise SystemExit(f"shape corpus needs the development corpus's HTML pages in {CORPUS_DOCS}")
    names = []
    for i in range(n_sites):
        name = f"site{i:04d}"
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        if shape == "corpus":
            for page, src in zip(PAGES, rng.sample(corpus, len(PAGES)), strict=True):
                (folder / f"{page}.html").write_bytes(_corpus_page(src.read_bytes()))
        else:
            for page in PAGES:
                (folder / f"{page}.html").write_text(make_page(i, page, rng, shape=shape), encoding="utf-8")
        names.append(name)
    return names


def _corpus_page(data: bytes) -> bytes:
    """A corpus page as one page of a site: its relative links dead, a nav to the site's pages added (ASCII,
    so that GBK pages stay GBK)."""
    nav = b"<nav>" + b" ".join(f'<a href="{p}.html">{p}</a>'.encode() for p in PAGES) + b"</nav>"
    data = _RELATIVE_HREF.sub(b'href="#"', data)
    m = _BODY.search(data)
    return data[:m.end()] + nav + data[m.end():] if m else nav + data


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


ANALYSE = "import sys; from pathlib import Path; from poscheck.pipeline import analyse_crawl_dir; " \
          "print(analyse_crawl_dir(Path(sys.argv[1])))"


def run_analysis(out_dir: Path) -> tuple[int, float]:
    """Read and check every page a crawl saved in `out_dir`, in a fresh child process as `audit` would:
    (pages, CPU seconds, start-up included)."""
    cpu0 = _child_cpu()
    done = subprocess.run([sys.executable, "-c", ANALYSE, str(out_dir)], check=True, capture_output=True, text=True)
    return int(done.stdout.split()[-1]), _child_cpu() - cpu0


def write_single(root: Path) -> str:
    """A one-page site without links: crawling it costs the crawler's start-up and one page."""
    folder = root / "single"
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{fill(t, random.Random(1))}</p>" for t in SENTENCES)
    (folder / "index.html").write_text(f'<html><head><meta charset="utf-8"><title>单页</title></head><body>{body}'
                                       "</body></html>", encoding="utf-8")
    return "single"


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
    parser.add_argument("--shape", choices=SHAPES, default="dense", help="page shape (see SHAPES)")
    args = parser.parse_args(argv)
    if args.keep:
        return bench(args.keep, args.sites, args.pairs, args.shape)
    with tempfile.TemporaryDirectory(prefix="poscheck-bench-") as tmp:
        return bench(Path(tmp), args.sites, args.pairs, args.shape)


def bench(work: Path, n_sites: int, pairs: int, shape: str = "dense") -> int:
    """Generate, serve, run `pairs` A/B pairs in `work`, print the figures."""
    root = work / "sites"
    names = generate(root, n_sites, shape=shape)
    text_kb = sum(p.stat().st_size for n in names for p in (root / n).glob("*.html")) / 1024 / (10 * len(names))
    print(f"{len(names)} sites × 10 pages, shape {shape}, {text_kb:.1f} KB HTML per page, settings: "
          f"CONCURRENT_REQUESTS={build_settings(CrawlOptions(polite=False), work)['CONCURRENT_REQUESTS']}, "
          "polite=False, server: ThreadingHTTPServer (same machine)")
    rates: dict[str, list[float]] = {"A": [], "B": [], "audit": []}
    cpus: dict[str, list[float]] = {"A": [], "B": [], "audit": []}
    walls: dict[str, list[float]] = {"A": [], "B": [], "audit": []}
    single = write_single(root)
    one_crawl: list[float] = []  # CPU s of crawls of a one-page site: the crawler's start-up
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
            one_crawl.append(run_poscheck([served.url(single, "index.html")], work / f"out-one{i}")[2])
        run_poscheck(starts[: len(starts) // 2], work / "out-half0")  # the analysis side reads it
    a_rate, b_rate = statistics.median(rates["A"]), statistics.median(rates["B"])
    a_cpu, b_cpu = statistics.median(cpus["A"]), statistics.median(cpus["B"])
    print(f"bare crawl, poscheck spider (A): {a_rate:.0f} pages/s median, {a_cpu:.2f} ms CPU/page")
    print(f"minimal link-following spider (B): {b_rate:.0f} pages/s median, {b_cpu:.2f} ms CPU/page")
    print(f"ratio A/B: CPU per page {a_cpu / b_cpu:.2f}x (goal <= 1.10), rate {a_rate / b_rate:.2f}x")
    print(f"full audit (crawl + read + check + reports): {statistics.median(rates['audit']):.0f} pages/s median; "
          f"wall time audit / crawl-only = {statistics.median(walls['audit']) / statistics.median(walls['A']):.2f}x")
    runs = [run_analysis(work / "out-A0") for _ in range(2)]
    pages, cpu = runs[0][0], statistics.median(c for _, c in runs)
    a_pages = sum(1 for _ in (work / "out-A0" / "manifest.jsonl").open(encoding="utf-8"))
    print(f"analysis (fresh process, one core): {pages} pages in {cpu:.2f} s CPU -> {pages / cpu:.0f} pages/s; "
          f"CPU per page analysis/crawl = {cpu / pages * 1000 / a_cpu:.2f}x (goal < 1)")
    # The cost of one more page on each side. The crawler's one-off cost (imports, reactor, settings) does not
    # depend on the pages: a one-page crawl measures it. The analysis's does (spaCy loads on the first line
    # that needs it): its per-page cost is a run over all sites minus a run over the first half, divided by
    # the pages between. (A difference of two crawls is too noisy here: crawl CPU varies by a third.)
    crawl_start = statistics.median(one_crawl)
    crawl_page = (a_cpu * a_pages / 1000 - crawl_start) / max(a_pages - 1, 1) * 1000
    half_runs = [run_analysis(work / "out-half0") for _ in range(2)]
    h_pages, h_cpu = half_runs[0][0], statistics.median(c for _, c in half_runs)
    analysis_page = (cpu - h_cpu) / max(pages - h_pages, 1) * 1000
    print(f"one-off CPU: crawl {crawl_start:.2f} s (median of one-page crawls), analysis "
          f"{cpu - pages * analysis_page / 1000:.2f} s (implied by {h_pages} pages in {h_cpu:.2f} s)")
    print(f"per page beyond one-off costs: crawl {crawl_page:.2f} ms CPU, analysis {analysis_page:.2f} ms CPU -> "
          f"analysis/crawl = {analysis_page / crawl_page:.2f}x (goal < 1)")
    print(f"(wall and CPU above include each child's start-up; work folder {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
