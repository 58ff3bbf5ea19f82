"""Where saves, settings and logs live.

From source: ``./saves`` (and ``./saves/settings.json``, ``./saves/logs``). In the packaged
game: the per-user data folder from platformdirs. ``--saves-dir DIR`` moves everything the game
writes (saves, settings, logs, the facilitator PIN) into DIR, so a workshop laptop or a test run
can keep a whole session apart.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
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


# ---------------------------------------------------------------------------
# looking at a path the user gave
# ---------------------------------------------------------------------------
# Path.exists(), is_dir() and is_file() say False only for "no such file" and its kin (Python
# 3.11); for a path inside a folder the user cannot enter, or a name too long for the file
# system, they raise (review: tracebacks from --saves-dir, --out, --save-dir and --scenario).

_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def unreachable(path: Path) -> OSError | None:
    """The error that keeps ``path`` from being looked at at all (a folder on the way the user
    cannot enter, a name too long), None if it can be, whether something is there or not."""
    try:
        path.stat()
    except OSError as e:
        return None if e.errno in _ABSENT else e
    except ValueError:  # a NUL in the name: nothing can be there
        return None
    return None


def why(e: OSError) -> str:
    """An OSError's reason in the system's words ("Permission denied", "File name too long")."""
    return e.strerror or e.__class__.__name__


def _quietly(test: Callable[[], bool]) -> bool:
    """``test()``, False (not an error) when the path it looks at cannot be looked at."""
    try:
        return test()
    except OSError:
        return False


def safe_exists(path: Path) -> bool:
    return _quietly(path.exists)


def safe_is_dir(path: Path) -> bool:
    return _quietly(path.is_dir)


def safe_is_file(path: Path) -> bool:
    return _quietly(path.is_file)
