"""Save folders: clean names, atomic writes with a backup, listing, autosave rotation, crash saves.

Writes go to a temporary file in the same folder, are flushed and fsynced, and only then
replace the old file with ``os.replace`` (atomic on POSIX and Windows). The file being replaced
is first kept as ``NAME.save.json.bak`` (a hard link, or a copy written the same way), so a
crash at any moment leaves either the old save or the new one whole, never half of each. Used by the UI, the CLI and ``simulate``.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from game import paths
from game.core import GameError, GameState, Role, SaveFormatError
from game.paths import safe_exists, safe_is_dir, unreachable, why
from game.persistence import fileformat as ff

SUFFIX = ".save.json"
BACKUP_SUFFIX = ".bak"
AUTOSAVE_SLOTS = 3
MAX_NAME = 60
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class SaveWriteError(GameError):
    """A save could not be written (disk full, no permission ...); the previous save is intact."""


@dataclass(frozen=True)
class SaveInfo:
    """Public facts about one save file, for a load menu. ``error`` is set for a damaged file."""

    name: str
    path: Path
    kind: str
    round: int
    scenario: str
    seats: tuple[str, ...]
    modified: datetime
    over: bool = False
    phase: str = ""
    error: str | None = None
    game_id: str = ""  # the same for every save of one game (public header)
    actions: int = -1  # how far into that game: two saves with equal (game_id, actions) hold one moment
    humans: tuple[str, ...] = ()  # the seats played by people (public header), by name

    @property
    def moment(self) -> tuple[str, int, bool] | None:
        """(game, point in it, finished): equal for saves of the same game at the same moment."""
        return (self.game_id, self.actions, self.over) if self.error is None and self.game_id else None


# ---------------------------------------------------------------------------
# names and folders
# ---------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """A file name stem that cannot leave the save folder or upset any filesystem.

    Keeps letters, digits, spaces, '-', '_' and '.'; drops separators, NUL and control
    characters, leading dots; avoids Windows device names; at most 60 characters.
    """
    text = unicodedata.normalize("NFKC", str(name))
    text = "".join(ch if (ch.isalnum() or ch in " -_.") else "_" for ch in text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"_+", "_", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = text.strip(" ._")[:MAX_NAME].strip(" ._")
    if not text:
        text = "save"
    if text.split(".")[0].lower() in _RESERVED:
        text = "save_" + text
    return text


def display_name(name: str) -> str:
    """The name shown in menus: printable, one line, at most 80 characters."""
    return ff.display(name)


def folder_of(folder: str | Path | None) -> Path:
    return Path(folder) if folder is not None else paths.saves_dir()


def save_path(name: str, folder: str | Path | None = None) -> Path:
    d = folder_of(folder)
    p = d / (clean_name(name) + SUFFIX)
    # belt and braces: the cleaned name has no separators, but check the result anyway
    if p.resolve().parent != d.resolve():
        raise SaveWriteError(f"The save name '{display_name(name)}' is not allowed.")
    return p


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


# ---------------------------------------------------------------------------
# atomic writing
# ---------------------------------------------------------------------------


def _fsync_dir(d: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open folders, and does not need it."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # the file is already in place; this only adds durability
        fd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_backup(path: Path) -> None:
    """Make ``NAME.bak`` the current file's content before it is replaced.

    A hard link costs no copy and no fsync (the old content is already on disk, and files are
    only ever replaced, never rewritten in place); filesystems without links get a copy.
    """
    bak = backup_path(path)
    link = bak.with_name(f".{bak.name}.{os.getpid()}.lnk")
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link)
        os.link(path, link)
        os.replace(link, bak)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(link)
        atomic_write(bak, path.read_bytes(), keep_backup=False, about=path)


def _blocker(d: Path) -> Path | None:
    """A file where folder ``d`` or one of the folders above it must be (so it cannot be made)."""
    return next((p for p in (d, *d.parents) if safe_exists(p) and not safe_is_dir(p)), None)


def folder_problem(d: Path) -> str | None:
    """Why nothing could be written in folder ``d`` (made when first needed), in words; None if
    it looks usable. Asked when the game opens, so a player hears of it before a save fails."""
    blocked = unreachable(d)  # a folder on the way that cannot be entered, a name too long
    if blocked is not None:
        return f"{d} cannot be reached ({why(blocked)})"
    blocker = _blocker(d)
    if blocker is not None:
        return f"{blocker} is a file, not a folder"
    near = next((p for p in (d, *d.parents) if safe_exists(p)), None)
    if near is not None and not os.access(near, os.W_OK | os.X_OK):
        return f"{near} cannot be written to"
    return None


def atomic_write(path: Path, data: bytes, keep_backup: bool = True, about: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one, whole.
    ``about``: the save an error names (``path`` is its backup, written first).

    Raises:
        SaveWriteError: the folder or disk refused; the old file and its backup are untouched.
    """
    d = path.parent
    tmp_name: str | None = None
    shown = about or path
    existed = safe_exists(shown)
    try:
        blocker = _blocker(d)
        if blocker is not None:  # mkdir would say only "File exists" (packaged-build test)
            raise SaveWriteError(f"The game could not be saved to {shown}: {blocker} is a file, not a folder, "
                                 f"so the folder cannot be made there; nothing was written.")
        d.mkdir(parents=True, exist_ok=True)
        if keep_backup and path.exists():
            _keep_backup(path)
        fd, tmp_name = tempfile.mkstemp(prefix="." + path.name[:40] + ".", suffix=".tmp", dir=d)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(d)
    except SaveWriteError:
        raise
    except OSError as e:
        reason = why(e)
        kept = "the previous save is unchanged" if existed else "nothing was written"  # no previous save to speak of
        raise SaveWriteError(f"The game could not be saved to {shown} ({reason}); {kept}.") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


# ---------------------------------------------------------------------------
# the public operations
# ---------------------------------------------------------------------------


def default_name(state: GameState) -> str:
    stamp = datetime.now().strftime("%Y-%m-%d %H-%M-%S")
    return f"{state.scenario.name} round {state.round} {stamp}"


def save_game(state: GameState, name: str | None = None, *, folder: str | Path | None = None, kind: str = "manual",
              seal: str | None = None, reasons: Sequence[ff.ReasonNote] = (),
              streams: Mapping[Role, int] | None = None, timer: int = 0) -> Path:
    """Save ``state`` as ``NAME.save.json`` in ``folder`` (default: the saves folder), with the
    game's facilitator ``seal`` if it has one (``game.persistence.facilitator.seal``), what
    its AI delegations said (``reasons``), where their seeded streams stand (``streams``) and
    the table's turn timer in seconds (``timer``, 0 none).

    An existing save of that name is replaced, and kept as ``NAME.save.json.bak``.

    Raises:
        SaveWriteError: the file could not be written (the previous save is intact).
        ValueError: ``kind`` is not one of manual, autosave, crash, simulated.
    """
    if kind not in ff.KINDS:
        raise ValueError(f"unknown save kind {kind!r}")
    name = display_name(name if name else default_name(state))
    path = save_path(name, folder)
    atomic_write(path, ff.dumps(state, name, kind, seal, reasons, streams, timer))
    return path


def read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > ff.MAX_FILE_BYTES:
            raise SaveFormatError(f"Cannot load {p.name}: it is absurdly large for a save.")
        with open(p, "rb") as f:
            return f.read(ff.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SaveFormatError(f"Cannot load {p.name}: there is no such file.") from None
    except IsADirectoryError:
        raise SaveFormatError(f"Cannot load {p.name}: it is a folder, not a save.") from None
    except OSError as e:
        raise SaveFormatError(f"Cannot load {p.name}: it cannot be read ({why(e)}).") from None


def _refuse(path: Path, problem: str) -> SaveFormatError:
    msg = f"Cannot load {path.name}: {problem.rstrip('.')}"
    bak = backup_path(path)
    if not path.name.endswith(BACKUP_SUFFIX) and bak.exists():
        msg += f"; the previous version is kept in {bak.name}"
    return SaveFormatError(msg + ".")


def read_document(path: str | Path) -> ff.SaveDocument:
    """The checked document of a save (header trusted; secrets still encoded)."""
    p = Path(path)
    raw = read_bytes(p)
    try:
        return ff.parse_document(raw)
    except SaveFormatError as e:
        raise _refuse(p, str(e)) from None


def load_game(path: str | Path) -> GameState:
    """Load a save and return its game, rebuilt from the action log and checked.

    Raises:
        SaveFormatError: one sentence naming the file and what is wrong with it.
    """
    return load_session(path).state


class Loaded(NamedTuple):
    """A save as a table resumes it: the game, the facilitator seal it began under (None: not
    recorded), what its AI delegations said, and where their seeded streams stood (empty in
    saves from before they were kept)."""

    state: GameState
    seal: str | None
    reasons: tuple[ff.ReasonNote, ...]
    streams: dict[Role, int]
    older_rules: int | None = None  # the rules version of a save that resumed from its snapshot
    timer: int = 0  # the table's turn timer in seconds (0: none, or a save from before it was kept)


def load_session(path: str | Path) -> Loaded:
    """Everything ``save_game`` kept, from one reading of the file.

    Raises:
        SaveFormatError: one sentence naming the file and what is wrong with it.
    """
    p = Path(path)
    doc = read_document(p)
    try:
        state, payload, resumed = ff.game_from_document(doc)
        return Loaded(state, payload.facilitator_seal, payload.ai_reasons, dict(payload.ai_streams),
                      payload.rules_version if resumed else None, payload.turn_timer)
    except SaveFormatError as e:
        raise _refuse(p, str(e)) from None
    except RecursionError:
        raise _refuse(p, "it is nested absurdly deep") from None


def load_bytes(raw: bytes, label: str = "the save") -> GameState:
    """Like ``load_game`` for bytes already in memory (tests, benchmarks)."""
    try:
        return ff.state_from_document(ff.parse_document(raw))
    except SaveFormatError as e:
        raise SaveFormatError(f"Cannot load {label}: {str(e).rstrip('.')}.") from None


def _info(p: Path) -> SaveInfo:
    try:
        modified = datetime.fromtimestamp(p.stat().st_mtime)
    except OSError:
        modified = datetime.fromtimestamp(0)
    try:
        doc = read_document(p)
    except SaveFormatError as e:
        stem = p.name[: -len(SUFFIX)] if p.name.endswith(SUFFIX) else p.name
        return SaveInfo(name=stem, path=p, kind="damaged", round=0, scenario="", seats=(), modified=modified, error=str(e))
    h = doc.header
    return SaveInfo(
        name=doc.name,
        path=p,
        kind=doc.kind,
        round=h.round,
        scenario=h.scenario,
        seats=tuple(s.name for s in h.seats),
        humans=tuple(s.name for s in h.seats if s.controller == "human"),
        modified=modified,
        over=h.over,
        phase=h.phase,
        game_id=h.game_id,
        actions=h.actions,
    )


def list_saves(folder: str | Path | None = None) -> list[SaveInfo]:
    """Every save in ``folder``, newest first, from the public headers only (secrets stay encoded).

    Damaged files are listed too, with ``error`` set to the sentence ``load_game`` would raise.
    """
    d = folder_of(folder)
    if not safe_is_dir(d):
        return []
    files = [p for p in d.glob("*" + SUFFIX) if p.is_file() and not p.name.startswith(".")]
    infos = [_info(p) for p in files]
    infos.sort(key=lambda i: (i.modified, i.name), reverse=True)
    return infos


def save_file_for(name: str, folder: str | Path | None = None) -> Path:
    """The file ``save_game(state, name)`` would write (the name cleaned as it will be), so a
    save dialog can ask before replacing one.

    Raises:
        SaveWriteError: the name is not allowed.
    """
    return save_path(display_name(name), folder)


def delete_save(path: str | Path, folder: str | Path | None = None) -> None:
    """Delete one save file of the saves folder, and the backup of its previous version.

    Raises:
        SaveWriteError: ``path`` is not a save in ``folder``, or it could not be deleted.
    """
    p = Path(path)
    d = folder_of(folder)
    try:
        inside = p.resolve().parent == d.resolve()
    except OSError:
        inside = False
    if not inside or not p.name.endswith(SUFFIX):
        raise SaveWriteError(f"{p.name} is not a save in {d}; nothing was deleted.")
    try:
        p.unlink()
    except FileNotFoundError:
        pass
    except OSError as e:
        raise SaveWriteError(f"{p.name} could not be deleted ({why(e)}).") from None
    with contextlib.suppress(OSError):
        backup_path(p).unlink()


_opened: dict[tuple[str, int, int], str | None] = {}  # (file, mtime, size) -> why it does not load


def load_error(info: SaveInfo) -> str | None:
    """The sentence ``load_game`` raises for a listed save, None if it loads. The header is
    checked when listed; beyond that the whole game is opened once and the answer remembered
    by file, time and size, so a save whose game does not load after all (a copy edited by
    hand, say) is known as damaged without reading it again."""
    if info.error is not None:
        return info.error
    try:
        st = info.path.stat()
    except OSError:
        return None  # gone since it was listed: loading it will say so
    key = (str(info.path), st.st_mtime_ns, st.st_size)
    if key not in _opened:
        if len(_opened) > 500:
            _opened.clear()
        try:
            load_game(info.path)
            _opened[key] = None
        except Exception as x:  # noqa: BLE001 - whatever stops it loading, it cannot be opened
            _opened[key] = str(x) or x.__class__.__name__
    return _opened[key]


def latest_info(folder: str | Path | None = None) -> SaveInfo | None:
    """The newest save that loads ("Continue"), as its list entry, or None."""
    return next((info for info in list_saves(folder) if load_error(info) is None), None)


def latest_save(folder: str | Path | None = None) -> Path | None:
    """The newest save that loads ("Continue"), or None."""
    info = latest_info(folder)
    return info.path if info is not None else None


def autosave(state: GameState, folder: str | Path | None = None, seal: str | None = None,
             reasons: Sequence[ff.ReasonNote] = (), streams: Mapping[Role, int] | None = None,
             timer: int = 0) -> Path:
    """Autosave (every round and on quit): ``autosave-1`` is the newest of a few rotating slots.

    Saving the same moment of the same game twice (say, a round autosave and then quit)
    overwrites slot 1 instead of pushing an older autosave out. When the slots are full, the
    one pushed out is the oldest that another slot (or this save) follows up, or that holds a
    finished game (kept apart, ``keep_finished``); only when every slot is the last of an
    unfinished game does the oldest go. So up to ``AUTOSAVE_SLOTS`` unfinished games each keep
    their newest autosave (hot-seat play-test: a quick demo between sessions pushed out every
    autosave of the table's unfinished game, and Continue opened the demo).

    Raises:
        SaveWriteError: the autosave could not be written; the older autosaves are intact.
    """
    d = folder_of(folder)
    first = d / f"autosave-1{SUFFIX}"
    same = False
    if first.exists():
        try:
            h = read_document(first).header
            same = h.game_id == ff.game_id(state) and h.actions == len(state.actions) and _holds(first, state)
        except SaveFormatError:
            same = False
    if not same and first.exists():
        slots = [d / f"autosave-{k}{SUFFIX}" for k in range(1, AUTOSAVE_SLOTS + 1)]
        held = [p for p in slots if p.exists()]  # newest first
        if len(held) == AUTOSAVE_SLOTS:
            games: list[str | None] = []
            for p in held:
                try:
                    h = read_document(p).header
                    games.append(None if h.over else h.game_id)  # a finished game is kept apart
                except SaveFormatError:
                    games.append(None)  # a damaged slot opens nothing
            # the games of this save and of each slot, newest first: slot k is followed up when
            # its game is among the k + 1 before it
            newer = [ff.game_id(state), *(g or "" for g in games)]
            drop = held[-1]
            for k in range(len(held) - 1, -1, -1):
                if games[k] is None or games[k] in newer[:k + 1]:
                    drop = held[k]
                    break
            held.remove(drop)
        try:
            # each kept slot moves one down, the oldest first, into the slot freed below it
            for i in range(len(held) - 1, -1, -1):
                if held[i] != slots[i + 1]:
                    os.replace(held[i], slots[i + 1])
        except OSError as e:
            raise SaveWriteError(f"The game could not be autosaved in {d} ({e.strerror}).") from None
    path = d / f"autosave-1{SUFFIX}"
    name = f"Autosave: {state.scenario.name}, round {state.round}"
    atomic_write(path, ff.dumps(state, name, "autosave", seal, reasons, streams, timer), keep_backup=False)
    return path


def _holds(path: Path, state: GameState) -> bool:
    """Whether the save at ``path`` holds exactly ``state``'s moves. Two games with one seed and
    the same names share a game id, and may end after as many moves with other choices
    (facilitator play-test: a second class's finished game would not have been kept); the moves
    are in the save's hidden part, so they are compared here, never shown in a header."""
    try:
        return load_game(path).actions == state.actions
    except (SaveFormatError, GameError, OSError):
        return False


def keep_finished(state: GameState, folder: str | Path | None = None, seal: str | None = None,
                  reasons: Sequence[ff.ReasonNote] = (), streams: Mapping[Role, int] | None = None,
                  timer: int = 0) -> Path:
    """Keep a finished game as a save of its own ("Finished SCENARIO DATE TIME"), which the
    rotating autosaves never push out: its debrief, replay and What-if stay at hand
    (play-test: a facilitator's finished game was gone after a few rounds of the next table).
    Once per game: a save that already holds this finished moment is left as it is.

    Raises:
        SaveWriteError: the save could not be written.
    """
    moment = (ff.game_id(state), len(state.actions), True)
    for info in list_saves(folder):
        if info.kind == "manual" and info.moment == moment and _holds(info.path, state):
            return info.path
    stamp = datetime.now().strftime("%Y-%m-%d %H-%M")
    name = base = f"Finished {state.scenario.name} {stamp}"
    n = 1
    while save_file_for(name, folder).exists():  # another game finished that minute: never over it
        n += 1
        name = f"{base} ({n})"
    return save_game(state, name, folder=folder, seal=seal, reasons=reasons, streams=streams, timer=timer)


def emergency_save(state: GameState, folder: str | Path | None = None, seal: str | None = None,
                   reasons: Sequence[ff.ReasonNote] = (), streams: Mapping[Role, int] | None = None,
                   timer: int = 0) -> Path:
    """Save the game after an unexpected error, falling back to the temp folder if need be.

    Raises:
        SaveWriteError: only if neither the saves folder nor the temp folder can be written.
    """
    name = f"crash {datetime.now().strftime('%Y-%m-%d %H-%M-%S')}"
    try:
        return save_game(state, name, folder=folder, kind="crash", seal=seal, reasons=reasons, streams=streams,
                         timer=timer)
    except SaveWriteError:
        return save_game(state, name, folder=Path(tempfile.gettempdir()) / "BoardOfPeace", kind="crash", seal=seal,
                         reasons=reasons, streams=streams, timer=timer)
