"""Decides what a fetched file is (HTML, PDF, DOCX/DOC, image, text) from header, suffix and magic bytes."""

from __future__ import annotations

from posixpath import splitext
from urllib.parse import urlsplit

HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: Content-Type -> (mime, suffix of the saved copy)
KNOWN: dict[str, tuple[str, str]] = {
    "text/html": (HTML, "html"),
    "application/xhtml+xml": (HTML, "html"),
    "application/pdf": ("application/pdf", "pdf"),
    "application/x-pdf": ("application/pdf", "pdf"),
    DOCX: (DOCX, "docx"),
    "application/msword": ("application/msword", "doc"),
    "image/png": ("image/png", "png"),
    "image/jpeg": ("image/jpeg", "jpg"),
    "image/pjpeg": ("image/jpeg", "jpg"),
    "image/gif": ("image/gif", "gif"),
    "image/webp": ("image/webp", "webp"),
    "image/bmp": ("image/bmp", "bmp"),
    "image/x-ms-bmp": ("image/bmp", "bmp"),
    "image/tiff": ("image/tiff", "tif"),
    "text/plain": ("text/plain", "txt"),
}

#: Types servers send when they do not know; then suffix and magic bytes decide.
GENERIC = frozenset({
    "", "application/octet-stream", "binary/octet-stream", "application/x-download",
    "application/force-download", "application/download", "application/unknown",
})

#: URL suffix -> (mime, suffix)
BY_SUFFIX: dict[str, tuple[str, str]] = {
    "pdf": KNOWN["application/pdf"],
    "docx": KNOWN[DOCX],
    "doc": KNOWN["application/msword"],
    "png": KNOWN["image/png"],
    "jpg": KNOWN["image/jpeg"],
    "jpeg": KNOWN["image/jpeg"],
    "gif": KNOWN["image/gif"],
    "webp": KNOWN["image/webp"],
    "bmp": KNOWN["image/bmp"],
    "tif": KNOWN["image/tiff"],
    "tiff": KNOWN["image/tiff"],
    "txt": KNOWN["text/plain"],
    "htm": KNOWN["text/html"],
    "html": KNOWN["text/html"],
}

DOCUMENT_SUFFIXES = frozenset({"pdf", "docx", "doc"})
IMAGE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff"})

#: Link suffixes never worth a request (archives, media, code, styles, fonts, other office formats).
_SKIP = """
    7z 7zip bz2 rar tar gz tgz xz zip apk ipa exe msi dmg bin iso jar
    mp3 wma ogg wav ra aac mid au aiff m4a flac
    mp4 3gp asf asx avi mov m4v mpg mpeg wmv webm flv rm rmvb swf
    css js mjs json xml rss atom map woff woff2 ttf otf eot ico svg psd ai eps ps
    xls xlsx ppt pptx pps odt ods odp rtf csv
"""
SKIP_SUFFIXES = frozenset(_SKIP.split())

_MAGIC: tuple[tuple[bytes, tuple[str, str]], ...] = (
    (b"%PDF-", KNOWN["application/pdf"]),
    (b"\x89PNG", KNOWN["image/png"]),
    (b"\xff\xd8\xff", KNOWN["image/jpeg"]),
    (b"GIF8", KNOWN["image/gif"]),
    (b"\xd0\xcf\x11\xe0", KNOWN["application/msword"]),
)


def mime_of(content_type: str) -> str:
    """The bare, lower-case media type of a Content-Type header value."""
    return content_type.split(";", 1)[0].strip().lower()


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value, lower-cased, or None."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'").lower()
    return None


def url_suffix(url: str) -> str:
    """Lower-case suffix of the URL path without the dot ("" if none)."""
    return splitext(urlsplit(url).path)[1][1:].lower()


def clearly_unsupported(content_type: str) -> bool:
    """True when the header alone shows the body is nothing poscheck reads (checked before download)."""
    mime = mime_of(content_type)
    return mime not in KNOWN and mime not in GENERIC


def file_kind(content_type: str, url: str, head: bytes) -> tuple[str, str] | None:
    """(mime, suffix) of a response, or None when poscheck cannot read it."""
    mime = mime_of(content_type)
    if mime in KNOWN:
        return KNOWN[mime]
    if mime not in GENERIC:
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    suffix = url_suffix(url)
    if head.startswith(b"PK\x03\x04") and (suffix == "docx" or b"word/" in head):
        return KNOWN[DOCX]
    if suffix in BY_SUFFIX:
        return BY_SUFFIX[suffix]
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return KNOWN["text/html"]
    return None
