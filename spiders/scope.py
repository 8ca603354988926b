"""Decides which URLs belong to a crawl target: its registrable domain, or host+port+path on loopback."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from posixpath import dirname
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urlsplit

if TYPE_CHECKING:
    import tldextract

#: Hosts that are "their own domain": several test sites may share them under path prefixes.
LOCAL_HOSTS = frozenset({"localhost"})


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # The bundled Public Suffix List snapshot only: never fetch, never write a cache at run time.
    # Imported here: loopback crawls (demo, tests) never need it, and it costs about 0.25 s.
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def registrable_domain(host: str) -> str:
    """eTLD+1 of `host` (``www.a.example.com.cn`` -> ``example.com.cn``); "" for IPs and bare names."""
    if not host or _is_ip(host):
        return ""
    return _extractor()(host).top_domain_under_public_suffix.lower()


@dataclass(frozen=True)
class Scope:
    """The part of the web one target may crawl.

    `domain` set: any http(s) URL on that registrable domain or a subdomain, any port.
    `domain` empty (IP literal, localhost, names without a public suffix): the exact host and port,
    and for IPs/localhost also the start URL's directory (`prefix`) when it has one, so several demo
    sites can share 127.0.0.1 under /honest/, /mediocre/, …
    """

    target: str
    start_url: str
    domain: str
    host: str
    port: int | None
    prefix: str

    @classmethod
    def for_start(cls, target: str, start_url: str) -> Scope:
        parts = urlsplit(start_url)
        host = (parts.hostname or "").lower()
        domain = registrable_domain(host)
        port = None if domain else _port(parts.scheme, parts.port)
        prefix = ""
        if not domain and (_is_ip(host) or host in LOCAL_HOSTS):
            prefix = _dir_prefix(parts.path)
        return cls(target=target, start_url=start_url, domain=domain, host=host, port=port, prefix=prefix)

    @property
    def allowed_domain(self) -> str:
        """The entry for Scrapy's `allowed_domains` (a second guard behind `contains`)."""
        return self.domain or self.host

    def contains(self, url: str) -> bool:
        """True if `url` is inside this target's scope."""
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. a malformed IPv6 literal in a hostile link
            return False
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        if self.domain:
            return host == self.domain or host.endswith("." + self.domain)
        if host != self.host or _port(parts.scheme, _safe_port(parts)) != self.port:
            return False
        if not self.prefix:
            return True
        path = parts.path or "/"
        return path.startswith(self.prefix) or path == self.prefix.rstrip("/")


def _safe_port(parts: SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:  # a port outside 0..65535 in a hostile link
        return -1


def _port(scheme: str, port: int | None) -> int | None:
    if port is not None:
        return port
    return {"http": 80, "https": 443}.get(scheme)


def _dir_prefix(path: str) -> str:
    """The directory part of a start path: /honest/ -> /honest/, /a/b.html -> /a/, /honest -> /honest/."""
    if not path or path == "/":
        return ""
    if path.endswith("/"):
        return path
    last = path.rsplit("/", 1)[-1]
    if "." in last:
        parent = dirname(path)
        return "" if parent in ("", "/") else parent.rstrip("/") + "/"
    return path + "/"
