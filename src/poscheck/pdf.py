"""Print a report's HTML file to PDF with headless Chromium from Debian (no network, throwaway profile)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from poscheck.errors import PoscheckError

#: Flags for a Chromium that makes no connection of its own; without the background-networking
#: ones it phones home at start-up, and those connections are refused on locked-down machines.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--no-default-browser-check",
    "--hide-scrollbars",
)
CANDIDATES: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 120


class PdfError(PoscheckError):
    """The PDF could not be made (no Chromium, or Chromium failed)."""

    code = "P700"


def find_chromium() -> str | None:
    """$POSCHECK_CHROMIUM, /usr/bin/chromium, or the first Chromium/Chrome on PATH."""
    env = os.environ.get("POSCHECK_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html_path: Path, pdf_path: Path) -> Path:
    """Render `html_path` (a self-contained report) to `pdf_path` and return `pdf_path`."""
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path).resolve()
    if not html_path.is_file():
        raise PdfError("no HTML report to print", source=str(html_path),
                       remedy="Write the HTML report first (--format html,pdf).")
    exe = find_chromium()
    if exe is None:
        raise PdfError("Chromium is not installed, so no PDF can be made", source=str(pdf_path),
                       remedy="Install it with `apt-get install chromium fonts-noto-cjk` (Debian/Ubuntu), "
                              "or set POSCHECK_CHROMIUM to a Chromium binary; the HTML report is complete "
                              "without it.")
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    if pdf_path.exists():
        pdf_path.unlink()
    with tempfile.TemporaryDirectory(prefix="poscheck-chromium-") as profile:
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf_path}", html_path.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium did not finish within {TIMEOUT_S}s", source=str(html_path),
                           remedy="Try again; if it keeps hanging, run the command with --debug.") from exc
        except OSError as exc:
            raise PdfError(f"Chromium could not be started ({exc})", source=exe,
                           remedy="Check the Chromium installation (`chromium --version`).") from exc
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        tail = " ".join(proc.stderr.strip().splitlines()[-3:])[:500]
        raise PdfError(f"Chromium exited with {proc.returncode} and wrote no PDF ({tail})",
                       source=str(html_path),
                       remedy="Run `chromium --headless --print-to-pdf=x.pdf <report.html>` by hand to see "
                              "why.")
    return pdf_path
