"""Player settings kept between runs, as JSON at ``game.paths.settings_path()``.

A missing file gives the defaults; a corrupt or odd file gives the defaults and a one-line
notice for the title screen, never a crash. Unknown keys are ignored, bad values replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from game.paths import settings_path

# 16:9 sizes the layout scales to (designed at 1280 x 720); the two smaller ones for small screens
# (packaged-build test: on a 1024 x 600 screen the window overhung it, Quit below the edge)
WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1024, 576), (1152, 648), (1280, 720), (1366, 768), (1600, 900),
                                             (1920, 1080))
DEFAULT_SIZE = (1280, 720)
TEXT_SCALES: tuple[float, ...] = (0.9, 1.0, 1.15, 1.3)
AI_SPEEDS: tuple[float, ...] = (0.0, 0.4, 0.8, 1.4)  # seconds between AI moves


def fitting_sizes(sizes: tuple[tuple[int, int], ...], desktop: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
    """The window sizes no wider and no taller than ``desktop`` (all of them when the desktop
    is unknown); the smallest size always, even when nothing fits, so there is one to offer."""
    if desktop is None or desktop[0] <= 0 or desktop[1] <= 0:
        return sizes
    fit = tuple(s for s in sizes if s[0] <= desktop[0] and s[1] <= desktop[1])
    return fit or sizes[:1]


def fit_size(size: tuple[int, int], sizes: tuple[tuple[int, int], ...],
             desktop: tuple[int, int] | None) -> tuple[int, int]:
    """``size`` when it is one of ``fitting_sizes``; else the largest of those no bigger than
    ``size`` (a saved 1920 x 1080 on a 1366 x 768 desktop becomes 1366 x 768), else the smallest."""
    fit = fitting_sizes(sizes, desktop)
    if size in fit:
        return size
    smaller = [s for s in fit if s[0] <= size[0] and s[1] <= size[1]]
    return max(smaller, key=lambda s: s[0] * s[1]) if smaller else fit[0]


@dataclass
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    master_volume: float = 0.8
    sfx_volume: float = 0.8
    colour_blind: bool = False
    text_scale: float = 1.0
    ai_delay: float = 0.8
    tips_enabled: bool = True
    tips_seen: list[str] = field(default_factory=list)
    # how the last new game's table was made up (scenario, seats, each seat's controller,
    # personality and difficulty, timer; never names or seed), for New game to start from
    # (play-test: a player who chose Hard AIs had to choose it again for every game)
    last_table: dict[str, Any] = field(default_factory=dict)

    def clean(self) -> Settings:
        """Clamp every value to what the game supports."""
        if (self.width, self.height) not in WINDOW_SIZES:
            self.width, self.height = DEFAULT_SIZE
        self.master_volume = min(1.0, max(0.0, float(self.master_volume)))
        self.sfx_volume = min(1.0, max(0.0, float(self.sfx_volume)))
        if self.text_scale not in TEXT_SCALES:
            self.text_scale = 1.0
        if self.ai_delay not in AI_SPEEDS:
            self.ai_delay = 0.8
        self.tips_seen = [str(x) for x in self.tips_seen][:200]
        return self


BAD_SETTINGS = "settings.bad.json"  # the last settings file that could not be read


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Return the settings and a notice (None when all was well)."""
    path = path or settings_path()
    try:
        if not path.exists():  # raises when the folder cannot be entered or its name is too long
            return Settings(), None
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # a byte-order mark, if edited in Notepad
        if not isinstance(data, dict):
            raise ValueError("not an object")
        s = Settings()
        types = {f.name: type(getattr(s, f.name)) for f in fields(Settings)}
        for k, v in data.items():
            if k not in types:
                continue
            want = types[k]
            if want is float and isinstance(v, (int, float)) and not isinstance(v, bool):
                setattr(s, k, float(v))
            elif want is int and isinstance(v, int) and not isinstance(v, bool):
                setattr(s, k, v)
            elif want is bool and isinstance(v, bool):
                setattr(s, k, v)
            elif want is list and isinstance(v, list):
                setattr(s, k, v)
            elif want is dict and isinstance(v, dict):
                setattr(s, k, v)
        return s.clean(), None
    except (OSError, ValueError, UnicodeDecodeError, TypeError, RecursionError):  # RecursionError: nested absurdly deep
        # the defaults are written over it at the next change: the unreadable file is kept beside
        # it first (packaged-build test: it was replaced with no copy), an older such copy replaced
        try:
            shutil.copyfile(path, path.with_name(BAD_SETTINGS))
            return Settings(), "ui.notice.settings_reset_kept"
        except OSError:
            return Settings(), "ui.notice.settings_reset"


def save_settings(s: Settings, path: Path | None = None) -> bool:
    """Write atomically; returns False (and keeps playing) if the folder is not writable."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(s), f, indent=2)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
