"""The game's palette: one set of colours (and shape markers) for the UI, charts and exports.

The colours are data in ``assets/theme/palette.json``; the values below are the built-in
fallback used when that file is missing or broken. No pygame here, so the debrief and the
sweep can use it headless.
"""

from __future__ import annotations

import json

from game.resources import resource_path

Color = tuple[int, int, int]

# Base palette: deep navy table, parchment text, brass accents. Colour-blind palette swaps the
# track, zone and role colours for the Okabe-Ito set and adds shape markers to every legend.
_BASE: dict[str, Color] = {
    "bg": (16, 22, 31),
    "bg2": (22, 30, 42),
    "panel": (28, 37, 51),
    "panel_hi": (39, 51, 70),
    "line": (66, 82, 104),
    "text": (236, 231, 216),
    "dim": (152, 160, 172),
    "faint": (100, 110, 126),
    "accent": (216, 178, 96),
    "accent_dark": (140, 110, 52),
    "good": (104, 186, 128),
    "bad": (222, 98, 88),
    "warn": (232, 166, 72),
    "info": (110, 168, 226),
    "felt": (26, 66, 58),
    "felt_edge": (120, 92, 52),
    "shadow": (6, 8, 12),
}

_NORMAL: dict[str, Color] = {
    "P": (104, 190, 124),
    "C": (96, 154, 226),
    "L": (178, 128, 214),
    "G": (232, 152, 64),
    "E": (226, 84, 76),
    "vault": (214, 178, 92),
    "escrow": (120, 196, 226),
    "released": (226, 104, 84),
    "redirected": (104, 190, 124),
    "returned": (160, 120, 200),
    "H": (86, 140, 220),
    "HP": (130, 180, 236),
    "S": (206, 76, 70),
    "A": (228, 196, 76),
    "M": (236, 236, 228),
    "F": (150, 108, 196),
}

# Okabe-Ito: distinguishable under the common forms of colour blindness.
_CB: dict[str, Color] = {
    "P": (0, 158, 115),
    "C": (0, 114, 178),
    "L": (204, 121, 167),
    "G": (230, 159, 0),
    "E": (213, 94, 0),
    "vault": (240, 228, 66),
    "escrow": (86, 180, 233),
    "released": (213, 94, 0),
    "redirected": (0, 158, 115),
    "returned": (204, 121, 167),
    "H": (0, 114, 178),
    "HP": (86, 180, 233),
    "S": (213, 94, 0),
    "A": (240, 228, 66),
    "M": (235, 235, 235),
    "F": (204, 121, 167),
}

# Shape markers (drawn, not glyphs: Noto Sans lacks the geometric shapes block).
SHAPES: dict[str, str] = {
    "P": "circle", "C": "square", "L": "triangle", "G": "diamond", "E": "cross",
    "vault": "square", "escrow": "diamond", "released": "triangle", "redirected": "circle",
    "returned": "cross", "H": "square", "HP": "diamond", "S": "triangle", "A": "circle",
    "M": "diamond", "F": "cross",
}


def _load_palette_file() -> dict[str, dict[str, Color]]:
    """assets/theme/palette.json, so the look is data; any problem keeps the built-in colours."""
    out: dict[str, dict[str, Color]] = {"base": dict(_BASE), "normal": dict(_NORMAL), "colour_blind": dict(_CB)}
    try:
        data = json.loads(resource_path("assets", "theme", "palette.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return out
    if not isinstance(data, dict):
        return out
    for group, table in out.items():
        given = data.get(group)
        if not isinstance(given, dict):
            continue
        for k, v in given.items():
            if k in table and isinstance(v, list) and len(v) == 3 and all(isinstance(c, int) and 0 <= c <= 255 for c in v):
                table[k] = (v[0], v[1], v[2])
    return out


_PALETTES: dict[str, dict[str, Color]] | None = None


def palette(colour_blind: bool) -> dict[str, Color]:
    global _PALETTES
    if _PALETTES is None:
        _PALETTES = _load_palette_file()
    p = dict(_PALETTES["base"])
    p.update(_PALETTES["colour_blind" if colour_blind else "normal"])
    return p


