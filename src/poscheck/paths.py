"""Where bundled resources live: inside the wheel, or in the checkout when run from source."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent
_CHECKOUT = _PKG.parent.parent  # src/poscheck -> repository root


def _bundled(name: str, checkout_rel: str) -> Path:
    inside = _PKG / "_bundled" / name
    if inside.is_dir():
        return inside
    return _CHECKOUT / checkout_rel


def rules_dir() -> Path:
    """The bundled rule folder (`rules/` in the checkout)."""
    return _bundled("rules", "rules")


def templates_dir() -> Path:
    """The bundled report templates (`reports/templates/` in the checkout)."""
    return _bundled("templates", "reports/templates")


def data_dir() -> Path:
    """Package data shipped with poscheck (registry, domains, MCC tables)."""
    return _PKG / "data"
