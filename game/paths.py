"""Where saves, settings and logs live.

From source: ``./saves`` (and ``./saves/settings.json``, ``./saves/logs``). In the packaged
game: the per-user data folder from platformdirs. ``--saves-dir DIR`` moves everything the game
writes (saves, settings, logs, the facilitator PIN) into DIR, so a workshop laptop or a test run
can keep a whole session apart.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from game.resources import _ROOT, is_frozen

APP = "BoardOfPeace"
_override: Path | None = None


def set_saves_dir(path: str | Path | None) -> None:
    global _override
    _override = Path(path).expanduser() if path else None


def saves_dir_override() -> Path | None:
    """The folder ``--saves-dir`` set (None: the default), to put back after borrowing another."""
    return _override


def default_data_dir() -> Path:
    """Where the game writes without ``--saves-dir``: the per-user data folder when installed
    (packaged), ``./saves`` beside the code from source."""
    if is_frozen():
        return Path(user_data_dir(APP, appauthor=False))
    return _ROOT / "saves"


def data_dir() -> Path:
    return _override if _override is not None else default_data_dir()


def saves_dir() -> Path:
    return data_dir()


def settings_path() -> Path:
    return data_dir() / "settings.json"


def logs_dir() -> Path:
    return data_dir() / "logs"
