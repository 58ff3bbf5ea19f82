"""Facilitator tools without pygame: the PIN that guards the all-seeing view, and that view's text.

The PIN is stored as a salted PBKDF2 hash in ``facilitator.json`` in the data folder (never in
clear); deleting that file resets it. It is set, or changed with the old PIN, only outside a game
(Settings on the title screen: ``change_pin``); during a game F9 only checks it (``unlock``), so a
hot-seat player cannot make one up and read every secret. ``hidden_facts(state)`` lists everything the seats keep
from each other (agendas, hands, sealed ballots, pending compliance, undetected defections, the
next event cards), for the PIN-protected facilitator scene in game/ui/scenes/facilitator.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from pathlib import Path

from game import paths
from game.core import GameError, GameState
from game.persistence.store import atomic_write

PIN_RE = re.compile(r"^\d{4,8}$")
_ITER = 60_000
NO_PIN = ("No facilitator PIN is set: set one under Settings on the title screen "
          "(Facilitator PIN), before the game starts.")


class PinError(GameError):
    """A PIN that is malformed or wrong: one sentence."""


def pin_path(folder: Path | None = None) -> Path:
    return (folder or paths.data_dir()) / "facilitator.json"


def _hash(pin: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _ITER).hex()


def has_pin(folder: Path | None = None) -> bool:
    return _read(folder) is not None


def _read(folder: Path | None) -> dict[str, str] | None:
    p = pin_path(folder)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and isinstance(data.get("salt"), str) and isinstance(data.get("hash"), str):
        return data
    return None


def set_pin(pin: str, folder: Path | None = None) -> None:
    """Raises PinError for a PIN that is not 4 to 8 digits; SaveWriteError if it cannot be stored."""
    if not PIN_RE.match(pin):
        raise PinError("A facilitator PIN is 4 to 8 digits.")
    salt = os.urandom(16)
    data = {"salt": salt.hex(), "hash": _hash(pin, salt)}
    atomic_write(pin_path(folder), (json.dumps(data) + "\n").encode(), keep_backup=False)


def check_pin(pin: str, folder: Path | None = None) -> bool:
    data = _read(folder)
    if data is None or not PIN_RE.match(pin):
        return False
    try:
        salt = bytes.fromhex(data["salt"])
    except ValueError:
        return False
    return hmac.compare_digest(_hash(pin, salt), data["hash"])


def unlock(pin: str, folder: Path | None = None) -> None:
    """Check the facilitator PIN (F9 during a game). It never sets one.

    Raises PinError if no PIN is set (the sentence says where to set it), or if ``pin`` is
    malformed or wrong.
    """
    if not has_pin(folder):
        raise PinError(NO_PIN)
    if not PIN_RE.match(pin):
        raise PinError("A facilitator PIN is 4 to 8 digits.")
    if not check_pin(pin, folder):
        raise PinError("That is not the facilitator PIN.")


def change_pin(new: str, old: str = "", folder: Path | None = None) -> None:
    """Set the facilitator PIN, or change it: a PIN that is already set must be given as ``old``.

    Only the title screen's Settings call this, never a running game. Raises PinError if ``old``
    is not the current PIN or ``new`` is not 4 to 8 digits; SaveWriteError if it cannot be stored.
    """
    if has_pin(folder) and not check_pin(old, folder):
        raise PinError("That is not the current facilitator PIN; it is unchanged.")
    set_pin(new, folder)


def hidden_facts(state: GameState) -> list[tuple[str, list[str]]]:
    """Everything hidden from some seat, grouped under headings, with names."""
    sc = state.scenario
    out: list[tuple[str, list[str]]] = []
    agendas = []
    for r in state.roles:
        a = state.agenda_of(r)
        if a:
            spec = sc.agenda(a)
            agendas.append(f"{state.name_of(r)}: {spec.name} ({spec.text})" if spec.text else f"{state.name_of(r)}: {spec.name}")
    out.append(("Secret agendas", agendas or ["none"]))
    hands = []
    for r in state.roles:
        h = state.hand(r)
        if h:
            names = [sc.concession(c).name if any(x.id == c for x in sc.concessions) else c for c in h]
            hands.append(f"{state.name_of(r)}: {', '.join(names)}")
    out.append(("Hands", hands or ["empty"]))
    if state.ballots:
        out.append(("Sealed ballots cast", [f"{state.name_of(r)}: {b}" for r, b in state.ballots]))
    else:
        out.append(("Sealed ballots cast", ["none yet"]))
    if state.pending_compliance:
        out.append(("Awaiting compliance", [f"deal {d}" for d in state.pending_compliance]))
    defs = [f"round {rnd}, deal {d}" for rnd, d in state.secret_defections]
    out.append(("Undetected defections", defs or ["none"]))
    nxt = [sc.event(e).name for e in state.event_deck[:3]]
    out.append(("Next event cards", nxt or ["(deck empty: it will be reshuffled)"]))
    return out
