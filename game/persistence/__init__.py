"""Saves, replays and exports: versioned JSON saves written atomically, with a backup.

The UI, the CLI and the simulator use only this API::

    save_game(state, name=None, *, folder=None, kind="manual", seal=None, reasons=(), streams=None, timer=0) -> Path
    save_file_for(name, folder=None) -> Path  the file that name saves to (ask before replacing)
    delete_save(path, folder=None)           one save and its .bak, only inside the folder
    load_game(path) -> GameState              raises SaveFormatError (one sentence)
    load_session(path) -> Loaded(state, seal, reasons, streams, older_rules, timer)  and which facilitator PIN
        it began under, what its AI delegations said, where their seeded streams stood and its turn timer
    list_saves(folder=None) -> list[SaveInfo]  public facts only, newest first
    load_error(info) -> str | None             why a listed save does not load (its game opened once)
    latest_save(folder=None) -> Path | None    the newest save that loads
    autosave(state, folder=None, seal=None, reasons=(), streams=None, timer=0) -> Path  every round and on quit; rotating slots
    keep_finished(state, folder=None, seal=None, reasons=(), streams=None, timer=0) -> Path  a finished game, kept apart
    emergency_save(state, folder=None, seal=None, reasons=(), streams=None, timer=0) -> Path  after an unexpected error
    write_crash_log(exc, state=None, save_path=None) -> Path   traceback + public facts only

The default folder is ``game.paths.saves_dir()`` (``--saves-dir`` sets it).
"""

from game.persistence.crash import write_crash_log
from game.persistence.fileformat import ReasonNote
from game.persistence.store import (
    Loaded,
    SaveInfo,
    SaveWriteError,
    autosave,
    clean_name,
    default_name,
    delete_save,
    emergency_save,
    keep_finished,
    latest_info,
    latest_save,
    list_saves,
    load_error,
    load_game,
    load_session,
    save_file_for,
    save_game,
)

__all__ = [
    "Loaded", "ReasonNote", "SaveInfo", "SaveWriteError", "autosave", "clean_name", "default_name", "delete_save", "emergency_save",
    "keep_finished", "latest_save", "list_saves", "load_error", "load_game", "load_session", "latest_info",
    "save_file_for", "save_game", "write_crash_log",
]
