"""Crawls provider sites with Scrapy in a child process and reads back what it saved.

Twisted's reactor cannot be restarted, so every crawl runs once per process: `crawl()` writes a
config file and runs ``python -m poscheck.crawl CONFIG`` (this module's `main`). The child builds
Scrapy `Settings` in code (`build_settings`), runs `spiders.provider.ProviderSpider` over all targets
at once, and writes each response body to ``out_dir/raw/<sha256>.<ext>`` plus one JSON line per
file, problem or off-site redirect to ``out_dir/manifest.jsonl``. The parent reads that manifest back
into `RawFile`s and `RunError`s. Importing this module does not import Scrapy.

Fetch problem codes (`RunError.code`):
  P201 host unreachable · P202 timed out · P203 HTTP error status · P204 robots.txt disallows ·
  P205 response too large · P206 not HTML/PDF/DOCX/image · P207 start URL redirects to another
  domain · P208 other download failure or invalid URL · P209 the crawler process itself failed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poscheck import __version__
from poscheck.errors import UsageProblem
from poscheck.models import RawFile, RunError

if TYPE_CHECKING:
    from scrapy.settings import Settings

USER_AGENT = f"poscheck/{__version__} (+https://github.com/poscheck/poscheck; merchant due-diligence crawler)"

FETCH_CODES: dict[str, str] = {
    "P201": "host unreachable",
    "P202": "timed out",
    "P203": "HTTP error status",
    "P204": "robots.txt disallows",
    "P205": "response too large",
    "P206": "not HTML/PDF/DOCX/image",
    "P207": "start URL redirects to another domain",
    "P208": "download failed or invalid URL",
    "P209": "crawler process failed",
}

MANIFEST = "manifest.jsonl"
CONFIG = "crawl-config.json"
LOG = "crawl.log"
TAIL_INTERVAL = 0.05  # seconds between looks at the manifest while the crawler runs


@dataclass(frozen=True)
class CrawlTarget:
    """One provider to crawl: a stable id (report name) and its start URL."""

    id: str
    url: str


@dataclass(frozen=True)
class CrawlOptions:
    """Limits and manners of a crawl. `polite=False` only for tests and benches on 127.0.0.1."""

    max_pages: int = 60  # per target, start page and files included
    depth: int = 3  # link hops from the start URL
    max_bytes: int = 10 * 2**20  # per response
    timeout: float = 20.0  # seconds per request
    polite: bool = True  # False: no delay, no AutoThrottle, per-domain concurrency = total concurrency
    user_agent: str = USER_AGENT


@dataclass
class CrawlResult:
    """Per target id: files saved (in fetch order, one per distinct content), problems, off-site redirects."""

    files: dict[str, list[RawFile]] = field(default_factory=dict)
    errors: dict[str, list[RunError]] = field(default_factory=dict)
    redirects: dict[str, list[str]] = field(default_factory=dict)


def settings_dict(options: CrawlOptions, out_dir: Path) -> dict[str, Any]:
    """Every Scrapy setting poscheck sets, as plain data (no Scrapy import)."""
    polite = options.polite
    total = 16 if polite else 32
    return {
        "BOT_NAME": "poscheck",
        "USER_AGENT": options.user_agent,
        "ROBOTSTXT_OBEY": True,
        # Manners: few parallel requests per site, a delay, and AutoThrottle backing off slow sites.
        "CONCURRENT_REQUESTS": total,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4 if polite else total,
        "DOWNLOAD_DELAY": 0.5 if polite else 0.0,
        "DOWNLOAD_DELAY_JITTER": 0.5,  # each delay is 0.5x..1.5x DOWNLOAD_DELAY
        "AUTOTHROTTLE_ENABLED": polite,
        "AUTOTHROTTLE_START_DELAY": 0.5,
        "AUTOTHROTTLE_MAX_DELAY": 10.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
        # Scrapy starts CONCURRENT_ITEMS tasks per callback output; 10 measured about 20 % faster than 100.
        "CONCURRENT_ITEMS": 10,
        # Bounds: hostile sites get no more than this.
        "DOWNLOAD_TIMEOUT": options.timeout,
        "DNS_TIMEOUT": min(options.timeout, 60.0),
        "DOWNLOAD_MAXSIZE": options.max_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DEPTH_LIMIT": options.depth,
        "REDIRECT_MAX_TIMES": 5,
        "RETRY_TIMES": 1,
        "RETRY_HTTP_CODES": [502, 503, 504, 522, 524, 408, 429],
        # Breadth first within equal priority; link priority decides the rest.
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "HTTPCACHE_ENABLED": False,
        # No listening sockets in a crawler that reads hostile pages.
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "ITEM_PIPELINES": {"spiders.pipelines.ManifestPipeline": 300},
        "DOWNLOADER_MIDDLEWARES": {"spiders.middlewares.OffScopeRedirectMiddleware": 650},
        "REQUEST_FINGERPRINTER_CLASS": "spiders.middlewares.TargetFingerprinter",
        "POSCHECK_OUT_DIR": str(out_dir),
    }


def build_settings(options: CrawlOptions, out_dir: Path) -> Settings:
    """Scrapy `Settings` for one crawl (imports Scrapy)."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setdict(settings_dict(options, out_dir), priority="project")
    return settings


def crawl(targets: list[CrawlTarget], out_dir: Path, options: CrawlOptions | None = None,
          on_file: Callable[[str, RawFile], None] | None = None,
          on_start: Callable[[], object] | None = None) -> CrawlResult:
    """Crawl all targets in one child process; files land in `out_dir/raw/`, the log in `out_dir/crawl.log`.

    `on_start()` is called once the child has started, so the caller can get ready (load rules, spaCy)
    while the child imports Scrapy. While the child crawls, this process tails its manifest and calls
    `on_file(target id, file)` for each new file, so reading can run on another core during the crawl.
    If either raises, the child is stopped and the error propagates. A target whose start URL
    fails gets its error and no files; the other targets go on. Raises UsageProblem for duplicate
    target ids.
    """
    options = options or CrawlOptions()
    ids = [t.id for t in targets]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise UsageProblem(f"duplicate target ids {', '.join(dupes)}", remedy="Give every target its own id.")
    result = CrawlResult({t.id: [] for t in targets}, {t.id: [] for t in targets},
                         {t.id: [] for t in targets})
    if not targets:
        return result
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = out_dir / MANIFEST
    manifest.unlink(missing_ok=True)
    config = out_dir / CONFIG
    config.write_text(json.dumps({
        "targets": [[t.id, t.url] for t in targets], "out_dir": str(out_dir), "options": asdict(options),
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    log = out_dir / LOG
    reader = _ManifestReader(out_dir, result)
    hand_over = on_file or (lambda tid, raw: None)
    with log.open("wb") as log_fh:
        proc = subprocess.Popen(  # -P: never import from the caller's working directory
            [sys.executable, "-P", "-m", "poscheck.crawl", str(config)],
            stdin=subprocess.DEVNULL, stdout=log_fh, stderr=subprocess.STDOUT,
        )
        try:
            if on_start is not None:
                on_start()
            while proc.poll() is None:
                fresh = reader.tail(manifest)
                for tid, raw in fresh:
                    hand_over(tid, raw)
                if not fresh:
                    time.sleep(TAIL_INTERVAL)
        finally:
            if proc.poll() is None:  # the caller failed (or was interrupted): do not leave a crawler behind
                proc.kill()
            proc.wait()
    for tid, raw in reader.tail(manifest):
        hand_over(tid, raw)
    for t in targets:
        if proc.returncode != 0:
            result.errors[t.id].append(RunError(t.url, "P209", (
                f"the crawler process stopped with exit code {proc.returncode} while crawling {t.url}; "
                f"results may be incomplete: see {log} and report it if it repeats")))
        elif not result.files[t.id] and not result.errors[t.id]:
            result.errors[t.id].append(RunError(t.url, "P209", (
                f"the crawl recorded nothing for {t.url}: see {log} and report it if it repeats")))
    return result


class _ManifestReader:
    """Reads manifest lines into a CrawlResult (files deduplicated by content per target), from where
    it stopped last time: only whole lines, so a line the crawler is still writing waits for the next call."""

    def __init__(self, out_dir: Path, result: CrawlResult):
        self.out_dir = out_dir
        self.result = result
        self.offset = 0
        self.seen: set[tuple[str, str]] = set()

    def tail(self, manifest: Path) -> list[tuple[str, RawFile]]:
        """Add the lines written since the last call; return the new files as (target id, file)."""
        if not manifest.exists():
            return []
        with manifest.open("rb") as fh:
            fh.seek(self.offset)
            chunk = fh.read()
        end = chunk.rfind(b"\n") + 1
        self.offset += end
        fresh: list[tuple[str, RawFile]] = []
        for line in chunk[:end].decode("utf-8", "replace").splitlines():
            got = self._add(line)
            if got is not None:
                fresh.append(got)
        return fresh

    def _add(self, line: str) -> tuple[str, RawFile] | None:
        result = self.result
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:  # a line cut short by a crash
            return None
        tid = rec.get("target")
        if tid not in result.files:
            return None
        kind = rec.get("kind")
        if kind == "file":
            key = (tid, rec["sha256"])
            if key in self.seen:
                return None
            self.seen.add(key)
            raw = RawFile(
                source=rec["final_url"], path=str(self.out_dir / rec["path"]), url=rec["final_url"],
                content_type=rec["mime"], encoding_hint=rec.get("charset"), status=rec.get("status"),
                referer=rec.get("referer"), link_text=rec.get("link_text") or "",
            )
            result.files[tid].append(raw)
            return tid, raw
        if kind == "error":
            result.errors[tid].append(RunError(rec["url"], rec["code"], rec["message"]))
        elif kind == "redirect" and rec["location"] not in result.redirects[tid]:
            result.redirects[tid].append(rec["location"])
        return None


def read_manifest(manifest: Path, out_dir: Path, result: CrawlResult) -> CrawlResult:
    """Add the manifest's lines to `result` (files deduplicated by content per target)."""
    _ManifestReader(out_dir, result).tail(manifest)
    return result


def _spiders_on_path() -> None:
    """Make the `spiders` package importable: beside `poscheck` in a wheel, at the checkout root otherwise."""
    pkg = Path(__file__).resolve().parent
    for root in (pkg.parent, pkg.parent.parent):
        if (root / "spiders" / "provider.py").is_file():
            if str(root) not in sys.path:
                sys.path.insert(0, str(root))
            return


def spider_class() -> type[Any]:
    """The ProviderSpider class (imports Scrapy)."""
    _spiders_on_path()
    from spiders.provider import ProviderSpider

    return ProviderSpider


def main(argv: list[str] | None = None) -> int:
    """Child process entry: run one crawl described by a config file written by `crawl()`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m poscheck.crawl CONFIG.json (written by poscheck.crawl.crawl)",
              file=sys.stderr)
        return 2
    config = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    options = CrawlOptions(**config["options"])
    spider = spider_class()
    from scrapy.crawler import AsyncCrawlerProcess

    process = AsyncCrawlerProcess(build_settings(options, Path(config["out_dir"])))
    crawler = process.create_crawler(spider)
    process.crawl(crawler, targets=config["targets"], max_pages=options.max_pages, depth=options.depth)
    process.start()
    # A spider that failed to start, or a crawl cut short (signal), must not look like "nothing found".
    return 0 if crawler.stats and crawler.stats.get_value("finish_reason") == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
