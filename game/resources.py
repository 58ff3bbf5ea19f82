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


FONT_FILES = {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf", "italic": "NotoSans-Italic.ttf"}
_missing_fonts: set[str] = set()


def font_path(style: str = "regular") -> Path:
    """The bundled font file of ``style`` (regular, bold or italic; anything else is regular)."""
    return resource_path("assets", "fonts", FONT_FILES.get(style, FONT_FILES["regular"]))


def font_missing(path: Path) -> None:
    """Say once on stderr that a bundled font could not be read (the game falls back to pygame's
    own font and stays playable, but it should not do so unnoticed: packaged-build test)."""
    if path.name not in _missing_fonts:
        _missing_fonts.add(path.name)
        sys.stderr.write(f"board-of-peace: the font {path} cannot be read; using pygame's default font.\n")
