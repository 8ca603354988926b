"""Serves folders of static provider sites on 127.0.0.1 for the demo, the tests and the bench.

Each sub-folder of the root that holds an ``index.html`` is one site, mounted at ``/<name>/``; a root
that itself holds ``index.html`` is one site mounted at ``/``. The server speaks HTTP/1.1 with
keep-alive and TCP_NODELAY (without it Nagle's algorithm adds about 40 ms per response), sends a
Content-Type per file (HTML announces the charset of its ``<meta charset>``, so a GBK page is served as
``text/html; charset=gbk``), and answers ``/robots.txt`` with every site's robots.txt, its paths
rewritten under the site's prefix. An optional ``_server.json`` in a site folder adds test behaviour:
``{"status": {"broken.html": 500}, "redirects": {"old.html": "http://elsewhere/"}, "delay": {"slow.html": 3},
"types": {"app": "application/zip"}}`` (paths relative to the site folder).
Files whose name starts with ``_`` are never served.
"""

from __future__ import annotations

import json
import mimetypes
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from poscheck.demo import SITES_DIR

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".txt": "text/plain", ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".css": "text/css", ".js": "text/javascript",
    ".zip": "application/zip", ".json": "application/json",
}


@dataclass
class Site:
    """One mounted site folder and its optional test behaviour."""

    name: str
    prefix: str  # "/honest/" or "/"
    folder: Path
    status: dict[str, int] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    delay: dict[str, float] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, name: str, prefix: str, folder: Path) -> Site:
        extra: dict[str, Any] = {}
        conf = folder / "_server.json"
        if conf.is_file():
            extra = json.loads(conf.read_text(encoding="utf-8"))
        return cls(name, prefix, folder, {k: int(v) for k, v in extra.get("status", {}).items()},
                   dict(extra.get("redirects", {})), {k: float(v) for k, v in extra.get("delay", {}).items()},
                   dict(extra.get("types", {})))


@dataclass
class ServedSites:
    """A running server: its base URL, each site's start URL, and the paths requested so far."""

    base_url: str
    sites: dict[str, str]
    root: Path
    requests: list[str] = field(default_factory=list)

    def url(self, site: str, path: str = "") -> str:
        """Absolute URL of `path` inside `site`."""
        return self.sites[site] + path.lstrip("/")


def find_sites(root: Path) -> list[Site]:
    """The sites under `root` (see the module docstring)."""
    root = root.resolve()
    if (root / "index.html").is_file():
        return [Site.load(root.name, "/", root)]
    return [Site.load(d.name, f"/{d.name}/", d) for d in sorted(root.iterdir())
            if d.is_dir() and not d.name.startswith(("_", ".")) and (d / "index.html").is_file()]


def content_type(path: Path, head: bytes) -> str:
    """Content-Type for a file; HTML and text carry a charset (the page's meta charset, else utf-8)."""
    suffix = path.suffix.lower()
    ctype = _TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype == "text/html":
        m = _META_CHARSET.search(head[:2048])
        return f"text/html; charset={m.group(1).decode('ascii').lower() if m else 'utf-8'}"
    if ctype.startswith("text/"):
        return f"{ctype}; charset=utf-8"
    return ctype


def combined_robots(sites: list[Site]) -> bytes:
    """One robots.txt for the host: each site's rules with paths moved under its prefix."""
    out: list[str] = []
    for site in sites:
        robots = site.folder / "robots.txt"
        if not robots.is_file():
            continue
        out.append(f"# {site.name}")
        for line in robots.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in ("allow", "disallow") and value.strip():
                out.append(f"{key.strip()}: {site.prefix.rstrip('/')}/{value.strip().lstrip('/')}")
            elif not (sep and key.strip().lower() == "sitemap"):
                out.append(line)
        out.append("")
    return ("\n".join(out) or "User-agent: *\nDisallow:\n").encode("utf-8")


def _make_handler(sites: list[Site], log: list[str]) -> type[BaseHTTPRequestHandler]:
    robots = combined_robots(sites)
    by_prefix = sorted(sites, key=lambda s: -len(s.prefix))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True
        server_version = "poscheck-demo/1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read `requests`
            return

        def do_HEAD(self) -> None:
            self.respond(head_only=True)

        def do_GET(self) -> None:
            self.respond(head_only=False)

        def send(self, status: int, body: bytes, ctype: str, head_only: bool, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not head_only:
                self.wfile.write(body)

        def not_found(self, head_only: bool) -> None:
            body = "<!doctype html><meta charset=utf-8><title>404</title><h1>404 页面不存在</h1>".encode()
            self.send(404, body, "text/html; charset=utf-8", head_only)

        def respond(self, head_only: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            log.append(path)
            if path == "/robots.txt":
                return self.send(200, robots, "text/plain; charset=utf-8", head_only)
            site = next((s for s in by_prefix if path.startswith(s.prefix)), None)
            if site is None:
                if any(path == s.prefix.rstrip("/") for s in sites):
                    return self.send(301, b"", "text/plain", head_only, Location=path + "/")
                return self.not_found(head_only)
            rel = path[len(site.prefix):]
            if rel in site.delay:
                time.sleep(site.delay[rel])
            if rel in site.redirects:
                return self.send(302, b"", "text/plain", head_only, Location=site.redirects[rel])
            if rel in site.status:
                code = site.status[rel]
                body = f"<!doctype html><meta charset=utf-8><h1>{code}</h1>".encode()
                return self.send(code, body, "text/html; charset=utf-8", head_only)
            file = (site.folder / rel).resolve()
            if file.is_dir():
                file = file / "index.html"
            if (not file.is_relative_to(site.folder.resolve()) or not file.is_file()
                    or any(part.startswith("_") for part in file.relative_to(site.folder.resolve()).parts)):
                return self.not_found(head_only)
            body = file.read_bytes()
            self.send(200, body, site.types.get(rel) or content_type(file, body), head_only)
            return None

    return Handler


@contextmanager
def serve_sites(root: Path = SITES_DIR) -> Iterator[ServedSites]:
    """Serve the sites under `root` on 127.0.0.1 at a free port until the block ends."""
    sites = find_sites(root)
    if not sites:
        raise FileNotFoundError(f"{root}: no site folders with an index.html; put one folder per site there")
    log: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(sites, log))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="poscheck-demo-server", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield ServedSites(base, {s.name: base + s.prefix for s in sites}, root, log)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    """`python -m poscheck.demo.server [ROOT]`: serve sites and print their URLs until Ctrl-C."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else SITES_DIR
    with serve_sites(root) as served:
        for name, url in served.sites.items():
            print(f"{name}\t{url}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
