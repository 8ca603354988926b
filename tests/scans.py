"""Test helpers that draw text as a phone photo or a scanner would: PNG images and PDFs without a text layer."""

from __future__ import annotations

from pathlib import Path

import pytest

FONT_GLOBS = ("NotoSansCJK*.ttc", "NotoSerifCJK*.ttc", "NotoSansCJK*.otf", "NotoSansSC*.otf", "wqy-*.tt[cf]",
              "DroidSansFallback*.ttf", "SourceHanSans*.ot[cf]")


def _cjk_font() -> Path | None:
    roots = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    for root in roots:
        if not root.is_dir():
            continue
        for pattern in FONT_GLOBS:
            for path in sorted(root.rglob(pattern)):
                return path
    return None


FONT = _cjk_font()
needs_font = pytest.mark.skipif(
    FONT is None, reason="no CJK font file found (Debian: apt-get install fonts-noto-cjk)")


def draw_lines(lines: list[str], *, size: int = 24, width: int = 820, tilt: float = 0.0):  # type: ignore[no-untyped-def]
    """An RGB image of `lines`, dark on off-white, optionally turned by `tilt` degrees like a skewed scan."""
    from PIL import Image, ImageDraw, ImageFont

    assert FONT is not None
    font = ImageFont.truetype(str(FONT), size)
    step = int(size * 1.6)
    image = Image.new("RGB", (width, 50 + step * len(lines)), (250, 250, 246))
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(lines):
        draw.text((24, 24 + step * k), line, font=font, fill=(20, 20, 20))
    if tilt:
        image = image.rotate(tilt, expand=True, fillcolor=(250, 250, 246))
    return image


def scanned_pdf(path: Path, pages: list[list[str]], **kw: float) -> Path:
    """A PDF whose pages are only images of `pages` (no text layer), as a scanner saves an agreement."""
    images = [draw_lines(lines, **kw) for lines in pages]  # type: ignore[arg-type]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return path


def cjk_canvas(path: Path):  # type: ignore[no-untyped-def]
    """A reportlab canvas on A4 that writes Chinese (the STSong-Light CID font), for PDFs with a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    return pdf
