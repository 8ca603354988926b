"""Writes what the provider spider yields to disk: raw/<sha256>.<ext> files and manifest.jsonl lines."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from spiders.items import FetchedFile, FetchProblem, OffsiteRedirect

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: Setting that names the output folder (set by poscheck.crawl.build_settings).
OUT_DIR_SETTING = "POSCHECK_OUT_DIR"
MANIFEST = "manifest.jsonl"
RAW = "raw"


class ManifestPipeline:
    """One JSON line per item, flushed at once, so a crashed crawl still leaves a readable manifest."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.raw = out_dir / RAW
        self._fh: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ManifestPipeline:
        out = crawler.settings.get(OUT_DIR_SETTING)
        if not out:
            raise ValueError(f"setting {OUT_DIR_SETTING} is missing: poscheck.crawl.build_settings sets it")
        return cls(Path(out))

    def open_spider(self) -> None:
        self.raw.mkdir(parents=True, exist_ok=True)
        self._fh = (self.out_dir / MANIFEST).open("a", encoding="utf-8", buffering=1)

    def close_spider(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedFile):
            record = self.save(item)
        elif isinstance(item, FetchProblem):
            record = {"kind": "error", "target": item.target, "url": item.url, "code": item.code,
                      "message": item.message, "referer": item.referer}
        elif isinstance(item, OffsiteRedirect):
            record = {"kind": "redirect", "target": item.target, "url": item.url, "location": item.location}
        else:
            return item
        assert self._fh is not None, "open_spider() was not called"
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return item

    def save(self, item: FetchedFile) -> dict[str, Any]:
        """Write the body once per content (name = sha256) and describe it for the manifest."""
        digest = hashlib.sha256(item.body).hexdigest()
        rel = f"{RAW}/{digest}.{item.ext}"
        path = self.out_dir / rel
        if not path.exists():
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(item.body)
            os.replace(tmp, path)
        size = len(item.body)
        item.body = b""  # the bytes are on disk now; do not keep them in memory or logs
        return {
            "kind": "file", "target": item.target, "url": item.url, "final_url": item.final_url,
            "status": item.status, "content_type": item.content_type, "mime": item.mime,
            "charset": item.charset, "referer": item.referer, "link_text": item.link_text,
            "depth": item.depth, "path": rel, "sha256": digest, "size": size,
        }
