"""The UI's door to saves: wraps ``game.persistence`` when it is there, degrades when not.

The persistence layer is built in parallel; until its functions exist the Continue / Load /
Save buttons stay disabled with a tooltip instead of failing.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from game.core import GameState, Role


def _api() -> ModuleType | None:
    try:
        mod = importlib.import_module("game.persistence")
    except ImportError:
        return None
    return mod if hasattr(mod, "save_game") and hasattr(mod, "load_game") else None


def available() -> bool:
    return _api() is not None


def list_saves() -> list[Any]:
    api = _api()
    if api is None or not hasattr(api, "list_saves"):
        return []
    try:
        return list(api.list_saves())
    except (OSError, ValueError):
        return []


def checked(entries: list[Any]) -> list[Any]:
    """The entries, a save whose game does not load after all (a copy edited by hand, say)
    marked damaged with the one sentence loading it would show (``load_error``), so it cannot
    stand for another save of the same moment (``unique``) nor look like a save that opens."""
    api = _api()
    if api is None or not hasattr(api, "load_error"):
        return entries
    out = []
    for e in entries:
        why = None if e.error else api.load_error(e)
        out.append(dataclasses.replace(e, error=why) if why else e)
    return out


def listed() -> list[Any]:
    """The saves a Load list shows: newest first, every one checked (``checked``), each saved
    moment once (``unique``); the ones that cannot be opened after all the others (packaged-build
    test: damaged copies, newer, pushed the player's own save to the second page)."""
    entries = unique(checked(list_saves()))
    return [e for e in entries if not e.error] + [e for e in entries if e.error]


def unique(entries: list[Any]) -> list[Any]:
    """Each saved moment once: an autosave that holds the same game at the same point as another
    listed save (the manual save it was written right after, or a newer autosave slot) is left
    out. Saves the player named are always listed. Order (newest first) is kept."""
    shown: list[Any] = []
    kept: set[Any] = set()
    named = {getattr(e, "moment", None) for e in entries if getattr(e, "kind", "") != "autosave"}
    for e in entries:
        m = getattr(e, "moment", None)
        if m is not None and getattr(e, "kind", "") == "autosave":
            if m in named or m in kept:
                continue
            kept.add(m)
        shown.append(e)
    return shown


def default_name(state: GameState) -> str:
    """The automatic name a save dialog starts with (scenario, round, date and time)."""
    api = _api()
    if api is not None and hasattr(api, "default_name"):
        return str(api.default_name(state))
    return f"{state.scenario.name} round {state.round}"


def file_for(name: str) -> Path | None:
    """The file a manual save called ``name`` goes to (the name cleaned), or None if not allowed."""
    api = _api()
    if api is None or not hasattr(api, "save_file_for"):
        return None
    try:
        return Path(api.save_file_for(name))
    except Exception:  # noqa: BLE001 - a refused name: the save itself will say why
        return None


def delete(path: Path) -> None:
    """Raises GameError (SaveWriteError) with one sentence if the save cannot be deleted."""
    api = _api()
    if api is None or not hasattr(api, "delete_save"):
        raise RuntimeError("Deleting saves is not available in this build.")
    api.delete_save(path)


def latest() -> Any | None:
    """The newest save that loads, as its list entry (``path``, ``over``: a finished game), or None."""
    api = _api()
    if api is None or not hasattr(api, "latest_info"):
        return None
    try:
        return api.latest_info()
    except (OSError, ValueError):
        return None


def latest_save() -> Path | None:
    """The path of the newest save that loads (``latest``), or None."""
    info = latest()
    return _path_of(info) if info is not None else None


def _path_of(entry: Any) -> Path:
    if isinstance(entry, (str, Path)):
        return Path(entry)
    return Path(entry.path)


def save(state: GameState, name: str | None = None, kind: str = "manual", seal: str | None = None,
         reasons: Sequence[Any] = (), streams: Mapping[Role, int] | None = None, timer: int = 0) -> Path:
    """Raises OSError / GameError with a sentence, or RuntimeError when saves are not built.
    ``seal``: the game's facilitator seal (``GameSession.seal``), kept in the save; ``reasons``:
    what its AI delegations said (``GameSession.notes()``), and ``streams``: where their seeded
    streams stand (``GameSession.streams()``), kept too, and ``timer``: the table's turn timer."""
    api = _api()
    if api is None:
        raise RuntimeError("Saving is not available in this build.")
    return Path(api.save_game(state, name, kind=kind, seal=seal, reasons=reasons, streams=streams, timer=timer))


def load(path: Path) -> GameState:
    api = _api()
    if api is None:
        raise RuntimeError("Loading is not available in this build.")
    state = api.load_game(path)
    assert isinstance(state, GameState)
    return state


def load_session(path: Path) -> Any:
    """Everything a save kept for the table (``game.persistence.Loaded``: state, seal, reasons,
    streams)."""
    api = _api()
    if api is None:
        raise RuntimeError("Loading is not available in this build.")
    loaded = api.load_session(path)
    assert isinstance(loaded.state, GameState)
    return loaded


def autosave(state: GameState, seal: str | None = None, reasons: Sequence[Any] = (),
             streams: Mapping[Role, int] | None = None, timer: int = 0) -> Path | None:
    """Best effort: an autosave that fails must never interrupt play."""
    api = _api()
    if api is None:
        return None
    try:
        if hasattr(api, "autosave"):
            return Path(api.autosave(state, seal=seal, reasons=reasons, streams=streams, timer=timer))
        return Path(api.save_game(state, None, kind="auto", seal=seal, reasons=reasons, streams=streams, timer=timer))
    except Exception:  # noqa: BLE001 - an autosave must never take the game down
        return None


def keep_finished(state: GameState, seal: str | None = None, reasons: Sequence[Any] = (),
                  streams: Mapping[Role, int] | None = None, timer: int = 0) -> Path | None:
    """Best effort, like ``autosave``: keep a finished game apart from the rotating autosaves."""
    api = _api()
    if api is None or not hasattr(api, "keep_finished"):
        return None
    try:
        return Path(api.keep_finished(state, seal=seal, reasons=reasons, streams=streams, timer=timer))
    except Exception:  # noqa: BLE001 - a save that fails must never take the game down
        return None


def emergency_save(state: GameState, seal: str | None = None, reasons: Sequence[Any] = (),
                   streams: Mapping[Role, int] | None = None, timer: int = 0) -> Path | None:
    api = _api()
    if api is None:
        return None
    kept = {"seal": seal, "reasons": reasons, "streams": streams, "timer": timer}
    for fn_name, kw in (("emergency_save", kept), ("save_game", {"kind": "crash", **kept}), ("autosave", kept)):
        fn = getattr(api, fn_name, None)
        if fn is None:
            continue
        try:
            return Path(fn(state, **kw))
        except Exception:  # noqa: BLE001 - try the next way of saving
            continue
    return None


def describe(entry: Any) -> tuple[Path, str]:
    """(path, one-line label) for an entry returned by ``list_saves``."""
    p = _path_of(entry)
    label = getattr(entry, "label", None) or getattr(entry, "name", None) or p.stem
    return p, str(label)
