"""`poscheck demo`: serve the bundled sites on 127.0.0.1, crawl them for real, write their reports."""

from __future__ import annotations

from pathlib import Path

from poscheck.demo import DEMO_SITES, SITES_DIR

NAMES = {"honest": "通联支付（持牌收单机构官网，示例）", "mediocre": "苏州禾信商务（服务商，示例）",
         "predatory": "“拉卡拉POS机办理官网”（代理商，示例）"}


def run_demo(out: Path) -> list[Path]:
    """Crawl the three demo sites in one Scrapy run and write <site>.html/.json under `out`."""
    from poscheck.audit import Row, run_rows
    from poscheck.crawl import CrawlOptions
    from poscheck.demo.server import serve_sites
    from poscheck.pipeline import Engine
    from poscheck.report import write_html, write_json

    engine = Engine.build()
    written: list[Path] = []
    with serve_sites(SITES_DIR) as served:
        rows = [Row(name, NAMES[name], served.sites[name], None) for name in DEMO_SITES]
        # Only 127.0.0.1 is touched, so the polite delays for real sites are not needed here.
        reports = list(run_rows(engine, rows, crawl_options=CrawlOptions(polite=False), work_dir=out / "_crawl"))
    for report in reports:
        written.append(write_html(report, out / f"{report.target}.html"))
        written.append(write_json(report, out / f"{report.target}.json"))
    return written
