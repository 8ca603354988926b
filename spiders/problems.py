"""Turns a failed or unusable fetch into a stable P2xx code and a message that says what to do."""

from __future__ import annotations

from http import HTTPStatus

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    StopDownload,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

# The codes are documented in poscheck.crawl (FETCH_CODES); keep the two in step.
UNREACHABLE = "P201"
TIMEOUT = "P202"
HTTP_STATUS = "P203"
ROBOTS = "P204"
TOO_LARGE = "P205"
UNSUPPORTED = "P206"
OFFSITE_START = "P207"
FAILED = "P208"


def _mib(n: int) -> str:
    return f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n / 1024:g} KiB"


def http_status(url: str, status: int) -> tuple[str, str]:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    if status in (401, 403):
        todo = "the site refused poscheck; save the page in a browser and check the saved file"
    elif status == 404 or status == 410:
        todo = "the page does not exist; check the link or the address"
    elif status == 429:
        todo = "the site asks us to slow down; try later"
    elif 300 <= status < 400:
        todo = "a redirect without a usable Location; open it in a browser"
    elif status >= 500:
        todo = "the server failed; try later"
    else:
        todo = "open it in a browser to see what the site returns"
    return HTTP_STATUS, f"HTTP {status} {phrase} for {url}: {todo}"


def unsupported(url: str, content_type: str) -> tuple[str, str]:
    shown = content_type or "none"
    return UNSUPPORTED, (
        f"not HTML/PDF/DOCX/image (content-type {shown}) at {url}: skipped; "
        "download it yourself and check the file if it matters"
    )


def offsite_start(url: str, location: str) -> tuple[str, str]:
    return OFFSITE_START, (
        f"{url} redirects to another domain ({location}): not followed; "
        "check that address itself if it belongs to the provider"
    )


def describe_failure(failure: Failure, url: str, *, timeout: float, max_bytes: int) -> tuple[str, str]:
    """(code, message) for a request errback's failure."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return http_status(url, exc.response.status)
    if isinstance(exc, StopDownload) and exc.response is not None:
        ctype = (exc.response.headers.get(b"Content-Type") or b"").decode("latin-1")
        return unsupported(url, ctype)
    if isinstance(exc, IgnoreRequest) and "robots.txt" in str(exc):
        return ROBOTS, (
            f"robots.txt disallows {url} for poscheck: not fetched; if you need it, "
            "save it in a browser and check the saved file"
        )
    if isinstance(exc, (DownloadTimeoutError, TimeoutError, TCPTimedOutError)):
        return TIMEOUT, (
            f"timed out after {timeout:g} s fetching {url}: the server is slow or down; "
            "try later or raise --timeout"
        )
    if isinstance(exc, DownloadCancelledError):
        return TOO_LARGE, (
            f"response larger than {_mib(max_bytes)} was skipped at {url}: "
            "download it yourself and check the file"
        )
    if isinstance(exc, (CannotResolveHostError, DNSLookupError)):
        return UNREACHABLE, f"host unreachable (name not found) for {url}: check the address or try later"
    if isinstance(exc, (DownloadConnectionRefusedError, ConnectError)):
        return UNREACHABLE, f"host unreachable (connection failed) for {url}: check the address or try later"
    if isinstance(exc, IgnoreRequest):
        return FAILED, f"not fetched {url}: {exc or 'request dropped'}"
    detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return FAILED, f"download failed for {url} ({detail[:200]}): try later"
