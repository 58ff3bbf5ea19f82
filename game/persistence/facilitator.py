"""Facilitator tools without pygame: the PIN that guards the all-seeing view, and that view's text.

The PIN is stored as a salted PBKDF2 hash in ``facilitator.json`` in the data folder (never in
clear); deleting that file resets it. It is set, or changed with the old PIN, only outside a game
(Settings on the title screen: ``change_pin``); during a game F9 only checks it (``unlock``).
Each game records, as it begins, which PIN was set then (``seal``, kept in its saves), and F9
opens only games begun under the PIN now set (or one it replaced): a hot-seat player who quits
to the title and sets a first PIN cannot read the secrets of the game under way. ``hidden_facts(state)`` lists everything the seats keep
from each other (agendas, hands, sealed ballots, pending compliance, undetected defections, the
next event cards), for the PIN-protected facilitator scene in game/ui/scenes/facilitator.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game import paths
from game.core import GameError, GameState
from game.core.state import Motion
from game.persistence.store import atomic_write
from game.text import t

PIN_RE = re.compile(r"^\d{4,8}$")
_ITER = 60_000
NO_PIN = ("No facilitator PIN is set: set one under Settings on the title screen "
          "(Facilitator PIN), before the game starts.")
BEGUN_WITHOUT = ("This game began with no facilitator PIN set, so its facilitator view stays closed: "
                 "set the PIN before the next game starts.")
BEGUN_UNDER_OTHER = ("This game began under a facilitator PIN that is no longer set, so its facilitator "
                     "view stays closed.")
EARLIER_KEPT = 20  # seals of earlier PINs kept after a change, so running games stay open to their facilitator


class PinError(GameError):
    """A PIN that is malformed or wrong: one sentence."""


def pin_path(folder: Path | None = None) -> Path:
    return (folder or paths.data_dir()) / "facilitator.json"


def _hash(pin: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _ITER).hex()


def has_pin(folder: Path | None = None) -> bool:
    return _read(folder) is not None


def _read(folder: Path | None) -> dict[str, Any] | None:
    p = pin_path(folder)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # a damaged file (nested absurdly deep, too) is no PIN
        return None
    if isinstance(data, dict) and isinstance(data.get("salt"), str) and isinstance(data.get("hash"), str):
        return data
    return None


def set_pin(pin: str, folder: Path | None = None, earlier: tuple[str, ...] = ()) -> None:
    """Raises PinError for a PIN that is not 4 to 8 digits; SaveWriteError if it cannot be stored.
    ``earlier``: the seals of the PINs this one replaces (see ``seal``)."""
    if not PIN_RE.match(pin):
        raise PinError("A facilitator PIN is 4 to 8 digits.")
    salt = os.urandom(16)
    data: dict[str, object] = {"salt": salt.hex(), "hash": _hash(pin, salt)}
    if earlier:
        data["earlier"] = list(earlier[-EARLIER_KEPT:])
    atomic_write(pin_path(folder), (json.dumps(data) + "\n").encode(), keep_backup=False)


def seal(folder: Path | None = None) -> str:
    """What a game records as it begins: which facilitator PIN was set then ("" for none).

    It is the PIN's random salt (not the PIN, nor anything that helps guess it). F9 opens the
    facilitator view of a game only under the PIN it began with, or one that replaced that PIN
    with its owner's consent (``change_pin``): a player who sets a first PIN in the middle of a
    hot-seat game, or deletes the PIN file and sets another, cannot read that game's secrets."""
    data = _read(folder)
    return data["salt"] if data is not None else ""


def _earlier(data: dict[str, Any]) -> tuple[str, ...]:
    """The seals of the PINs the stored one replaced (a damaged list counts as none)."""
    earlier = data.get("earlier")
    return tuple(x for x in earlier if isinstance(x, str)) if isinstance(earlier, list) else ()


def _seals(folder: Path | None) -> set[str]:
    data = _read(folder)
    return set() if data is None else {data["salt"], *_earlier(data)}


def closed_reason(game_seal: str | None, folder: Path | None = None) -> str | None:
    """Why F9 cannot open the facilitator view of a game begun with ``game_seal``, or None if
    it can (with the PIN). ``None`` as the seal: a game saved before games recorded one."""
    if not has_pin(folder):
        return NO_PIN
    if game_seal is None or game_seal in _seals(folder):
        return None
    return BEGUN_UNDER_OTHER if game_seal else BEGUN_WITHOUT


def check_pin(pin: str, folder: Path | None = None) -> bool:
    data = _read(folder)
    if data is None or not PIN_RE.match(pin):
        return False
    try:
        salt = bytes.fromhex(data["salt"])
    except ValueError:
        return False
    return hmac.compare_digest(_hash(pin, salt), data["hash"])


def unlock(pin: str, folder: Path | None = None, game_seal: str | None = None) -> None:
    """Check the facilitator PIN (F9 during a game). It never sets one.

    Raises PinError if no PIN is set (the sentence says where to set it), if the game began
    under no PIN or another one (``closed_reason``), or if ``pin`` is malformed or wrong.
    """
    closed = closed_reason(game_seal, folder)
    if closed:
        raise PinError(closed)
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
    data = _read(folder)
    # games begun under the old PIN stay open to its owner under the new one
    set_pin(new, folder, () if data is None else (*_earlier(data), data["salt"]))


def ballot_words(motions: Sequence[Motion], ballot: str) -> str:
    """A ballot on ``motions`` motion by motion ("#101 No, #102 Yes"), not its letters ("NY")."""
    return ", ".join(f"#{m.id} {t('ui.vote.yes') if c == 'Y' else t('ui.vote.no')}"
                     for m, c in zip(motions, ballot, strict=False))


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
    out.append((t("ui.hidden.agendas"), agendas or [t("ui.hidden.none")]))
    hands = []
    for r in state.roles:
        h = state.hand(r)
        if h:
            # concessions by their names, the Frontline State's cards as the table's brief names them
            names = [sc.concession(c).name if any(x.id == c for x in sc.concessions) else t(f"ui.card.{c}") for c in h]
            hands.append(f"{state.name_of(r)}: {', '.join(names)}")
    out.append((t("ui.hidden.hands"), hands or [t("ui.hidden.empty")]))
    if state.ballots:
        out.append((t("ui.hidden.ballots"), [f"{state.name_of(r)}: {ballot_words(state.motions, b)}" for r, b in state.ballots]))
    else:
        out.append((t("ui.hidden.ballots"), [t("ui.hidden.none_yet")]))
    if state.pending_compliance:
        out.append((t("ui.hidden.compliance"), [t("ui.hidden.deal", d=d) for d in state.pending_compliance]))
    defs = [t("ui.hidden.defection", rnd=rnd, d=d) for rnd, d in state.secret_defections]
    out.append((t("ui.hidden.defections"), defs or [t("ui.hidden.none")]))
    nxt = [sc.event(e).name for e in state.event_deck[:3]]
    out.append((t("ui.hidden.events"), nxt or [t("ui.hidden.deck_empty")]))
    return out
