"""Crash logs: the traceback and public facts only, so a hot-seat group finds no secrets in them.

The UI's error handler calls ``emergency_save(state)`` first, then ``write_crash_log(exc,
state, save_path)`` and shows the log's path. The log never holds agendas, sealed ballots,
compliance choices, hands, the seed or the action log; secret-looking text inside exception
messages is masked as well, because a message can quote an action such as ``S comply DC``.
"""

from __future__ import annotations

import platform
import re
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from game import __version__, paths
from game.core import GameState

HIDDEN = "[hidden]"
_SECRET_ACTION = re.compile(r"\b(vote|comply)(\s+)[YNCD]+\b")
_MAX_LINE = 240
_STATE_MARKERS = ("GameState(", "PlayerView(", "ballots", "agendas", "secret_defections", "hands=", "private_log",
                  "own_ballot", "agenda=")


def _scrub(text: str, secrets: list[str]) -> str:
    text = _SECRET_ACTION.sub(lambda m: f"{m.group(1)}{m.group(2)}{HIDDEN}", text)
    for s in secrets:
        text = text.replace(s, HIDDEN)
    out = []
    for line in text.splitlines():
        if any(m in line for m in _STATE_MARKERS) and not line.lstrip().startswith("File "):
            # a repr of the state (in a message or an assertion) would carry hands and ballots
            out.append(line[: len(line) - len(line.lstrip())] + "[line hidden: it showed game state]")
            continue
        # long lines are where pydantic and reprs dump whole states: cut them
        out.append(line if len(line) <= _MAX_LINE else line[:_MAX_LINE] + " ...[cut]")
    return "\n".join(out)


def _secret_words(state: GameState | None) -> list[str]:
    if state is None:
        return []
    sc = state.scenario
    words = {a.id for a in sc.agendas} | {a.name for a in sc.agendas if len(a.name) >= 4}
    return sorted(words, key=len, reverse=True)


def public_facts(state: GameState | None) -> list[str]:
    """What anyone at the table can see: never the hidden parts of the state."""
    if state is None:
        return ["game: none in progress"]
    t = state.tracks
    seats = ", ".join(f"{s.role.value}={s.name} ({s.controller.value})" for s in state.seats)
    return [
        f"scenario: {state.scenario.name}",
        f"seats: {seats}",
        f"round: {state.round}, phase: {state.phase.value}, to move: {state.to_move.value if state.to_move else '-'}",
        f"tracks: P={t.P} C={t.C} L={t.L} G={t.G} E={t.E}",
        f"tokens: vault={state.vault} escrow={state.escrow} released={state.released} "
        f"redirected={state.redirected} returned={state.returned}",
        f"actions so far: {len(state.actions)}",
    ]


def crash_report(exc: BaseException, state: GameState | None = None, save_path: Path | None = None) -> str:
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    lines = [
        "Board of Peace crash report",
        f"time: {datetime.now().isoformat(timespec='seconds')}",
        f"version: {__version__}; python {sys.version.split()[0]}; {platform.platform()}",
        f"game saved to: {save_path if save_path else '(not saved)'}",
        *public_facts(state),
        "",
        _scrub(tb, _secret_words(state)),
    ]
    return "\n".join(lines) + "\n"


def write_crash_log(
    exc: BaseException, state: GameState | None = None, save_path: Path | None = None, folder: Path | None = None
) -> Path:
    """Write a crash log to the logs folder and return its path (the temp folder if that fails)."""
    text = crash_report(exc, state, save_path)
    name = f"crash-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.log"
    for d in (folder or paths.logs_dir(), Path(tempfile.gettempdir()) / "BoardOfPeace"):
        try:
            d.mkdir(parents=True, exist_ok=True)
            p = d / name
            p.write_text(text, encoding="utf-8")
            return p
        except OSError:
            continue
    raise OSError("no folder accepts the crash log")
