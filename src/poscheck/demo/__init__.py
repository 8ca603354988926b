"""Bundled demo: three fictional provider sites (honest, mediocre, predatory) and a server for them."""

from __future__ import annotations

from pathlib import Path

#: The bundled site folders: honest/, mediocre/, predatory/ (see README.md beside this file).
SITES_DIR = Path(__file__).resolve().parent / "sites"
DEMO_SITES = ("honest", "mediocre", "predatory")
