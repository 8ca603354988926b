"""Turn a RawFile into a Document: pick the extractor by content type or suffix, bound the size."""

from __future__ import annotations

import hashlib
from pathlib import Path

from poscheck.errors import ExtractError, UnsupportedFile
from poscheck.models import Document, RawFile

MAX_BYTES = 20 * 2**20  # larger inputs are refused: a page or contract is never this big
MAX_CHARS = 2_000_000  # extracted text beyond this is cut (hostile or broken input)

_SUFFIX_KIND = {
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".webp": "image", ".bmp": "image",
}


def kind_of(raw: RawFile, data: bytes) -> str:
    """Decide how to read a file: magic bytes first, then content type, then suffix."""
    ct = raw.content_type.split(";")[0].strip().lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (ct.endswith("wordprocessingml.document") or
                                           Path(raw.path).suffix.lower() == ".docx" or
                                           raw.source.lower().split("?")[0].endswith(".docx")):
        return "docx"
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff":
        return "image"
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct == "text/plain":
        return "txt"
    suffix = Path(raw.path).suffix.lower() or Path(raw.source.split("?")[0]).suffix.lower()
    if suffix in _SUFFIX_KIND:
        return _SUFFIX_KIND[suffix]
    if suffix == ".doc":
        raise UnsupportedFile(
            "old binary Word (.doc) files are not supported", source=raw.source,
            remedy="Save it as .docx or PDF and run poscheck on that.",
        )
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if not ct or ct.startswith("text/"):
        return "txt"
    raise UnsupportedFile(
        f"cannot read content of type {ct or suffix or 'unknown'}", source=raw.source,
        remedy="poscheck reads HTML, PDF, DOCX, TXT and PNG/JPG images.",
    )


def read_input(path: Path, source: str, *, too_big_remedy: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an input file, refused (ExtractError) before reading when it is larger than `limit`."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ExtractError(f"file is {size // 2**20} MiB, larger than the {limit // 2**20} MiB limit",
                               source=source, remedy=too_big_remedy)
        return path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"cannot read file ({exc.strerror})", source=source,
                           remedy="Check the path and permissions.") from exc


def extract(raw: RawFile) -> Document:
    """Read `raw.path` and return its Document; raises ExtractError with a remedy on failure."""
    data = read_input(Path(raw.path), raw.source, too_big_remedy="Split it or extract the relevant pages.")
    if not data.strip():
        raise ExtractError("file is empty", source=raw.source, remedy="Check that it was saved completely.")
    kind = kind_of(raw, data)
    sha = hashlib.sha256(data).hexdigest()
    try:
        if kind == "html":
            from poscheck.extract.html import extract_html as fn
        elif kind == "pdf":
            from poscheck.extract.pdf import extract_pdf as fn
        elif kind == "docx":
            from poscheck.extract.docx import extract_docx as fn
        elif kind == "image":
            from poscheck.extract.image import extract_image as fn
        else:
            from poscheck.extract.text import extract_txt as fn
        doc = fn(raw, data, sha)
    except ExtractError:
        raise
    except Exception as exc:  # a parser's own error on a corrupt file: report it, keep the run going
        raise ExtractError(
            f"cannot read this {kind.upper()} file ({type(exc).__name__}: {str(exc)[:200]})",
            source=raw.source, remedy="The file may be corrupt or truncated; open it to check, or save it again.",
        ) from exc
    if len(doc.text) > MAX_CHARS:
        raise ExtractError(f"text is {len(doc.text)} characters, over the {MAX_CHARS} limit",
                           source=raw.source, remedy="Split the document.")
    return doc
