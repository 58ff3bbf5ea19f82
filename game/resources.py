"""One function to find bundled files, from source and inside a PyInstaller bundle.

Used by every layer that reads assets (scenarios, fonts, sounds, theme, text catalogue).
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def base_dir() -> Path:
    """The folder that holds ``assets/``: the bundle's temp dir when frozen, else the repo."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else _ROOT


def resource_path(*parts: str) -> Path:
    return base_dir().joinpath(*parts)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))
