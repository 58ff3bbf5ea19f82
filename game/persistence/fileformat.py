"""The save file format: versioned JSON with a readable public header and an encoded part.

A save is one JSON object::

    {
      "format": "board-of-peace-save",
      "schema_version": 2,
      "game_version": "0.1.0",
      "saved_at": "2026-11-25T08:00:00Z",
      "kind": "manual" | "autosave" | "crash" | "simulated",
      "name": "display name",
      "header": { public facts only: scenario name, seats, round, phase, tracks ... },
      "hidden": { "encoding": "zlib+base64", "data": "..." }
    }

``hidden.data`` is base64 of zlib-compressed JSON holding the scenario, the seats, the seed,
the action log (``GameState.actions``) and a snapshot of the rest of the state. It holds the
secrets (agendas, sealed ballots, undetected defections, the seed that decides every die), so
a hot-seat player glancing at the file in an editor learns nothing; it is not encryption.
Never pickle, never eval: everything is parsed as JSON and validated by pydantic.

Loading checks, in order: size, JSON, version (migrating older versions), shape, the numbers
(``check_invariants``), then replays the action log and requires it to give the snapshot.
Every refusal is a ``SaveFormatError`` with one sentence. Used by ``game.persistence.store``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import __version__
from game.core import (
    RULES_VERSION,
    GameError,
    GameState,
    Role,
    SaveFormatError,
    Scenario,
    ScenarioError,
    check_invariants,
    load_scenario,
    replay,
)
from game.core.scenario import bundled_path, json_error_words, list_scenarios
from game.core.state import SeatConfig, Tracks

FORMAT = "board-of-peace-save"
SCHEMA_VERSION = 2
ENCODING = "zlib+base64"
MAX_FILE_BYTES = 8 * 1024 * 1024  # a long finished game is ~10 KB; anything near this is hostile
MAX_PAYLOAD_BYTES = 32 * 1024 * 1024  # decompressed limit, so a zip bomb cannot fill memory
MAX_ACTIONS = 20_000
MAX_DEPTH = 40  # real saves nest about 10 deep

Kind = Literal["manual", "autosave", "crash", "simulated"]
KINDS: tuple[str, ...] = ("manual", "autosave", "crash", "simulated")

# The snapshot leaves out what the save holds on its own, so nothing is stored twice.
_SEPARATE = {"scenario", "seats", "seed", "actions"}


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PublicSeat(_Strict):
    role: str = Field(max_length=4)
    name: str = Field(max_length=40)
    controller: str = Field(max_length=10)


class Header(_Strict):
    """What anyone may read without opening the game: nothing a seat must keep secret."""

    game_id: str = Field(max_length=32)
    scenario: str = Field(max_length=80)
    seats: tuple[PublicSeat, ...] = Field(max_length=6)
    round: int = Field(ge=1, le=100)
    phase: str = Field(max_length=20)
    over: bool
    outcome: str | None = Field(default=None, max_length=30)
    tracks: Tracks
    actions: int = Field(ge=0, le=MAX_ACTIONS)


class Hidden(_Strict):
    encoding: Literal["zlib+base64"]
    note: str = Field(default="", max_length=200)
    data: str


class SaveDocument(_Strict):
    format: Literal["board-of-peace-save"]
    schema_version: int
    game_version: str = Field(max_length=40)
    saved_at: str = Field(max_length=40)
    kind: Kind
    name: str = Field(max_length=80)
    header: Header
    hidden: Hidden


class ReasonNote(BaseModel):
    """An AI delegation's public sentence, kept with the game so that its reasons are still
    there after a load: said after log line ``seq`` by ``role``; ``action`` and ``motion``
    when it was about a motion (the table shows it beside that motion). Sentences about public
    actions, and (``sealed``) why an AI's ballot, cast and not yet opened, says what it says on
    motion ``motion`` (``action`` is the ballot): kept with the sealed ballot itself, told only
    once the ballots are opened. Never a compliance choice's."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    seq: int = Field(ge=0)
    role: Role
    text: str = Field(max_length=1000)
    action: str | None = Field(default=None, max_length=200)
    motion: int | None = Field(default=None, ge=0)
    sealed: bool = False


MAX_REASONS = MAX_ACTIONS


class Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    scenario: Scenario
    seats: tuple[SeatConfig, ...] = Field(min_length=3, max_length=6)
    seed: int
    actions: tuple[str, ...] = Field(max_length=MAX_ACTIONS)
    snapshot: dict[str, Any]
    # the rules the game was played under; saves without it were made under rules version 1
    rules_version: int = Field(default=1, ge=1)
    # which facilitator PIN was set when the game began ("" none; absent in older saves):
    # game.persistence.facilitator.seal
    facilitator_seal: str | None = Field(default=None, max_length=64)
    # what the AI delegations said, in order (absent in older saves)
    ai_reasons: tuple[ReasonNote, ...] = Field(default=(), max_length=MAX_REASONS)
    # where each AI seat's seeded stream stood (absent in older saves: the AIs start theirs again)
    ai_streams: dict[Role, Annotated[int, Field(ge=0, lt=2**64)]] = Field(default_factory=dict, max_length=6)
    # the table's turn timer in seconds, 0 none (absent in older saves; play-test: a workshop's
    # time limit was gone after Continue)
    turn_timer: int = Field(default=0, ge=0, le=3600)


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def game_id(state: GameState) -> str:
    """A stable id for one game (same for every save of it), not revealing the seed at a glance."""
    key = f"{state.scenario.name}|{state.seed}|" + "|".join(f"{s.role.value}:{s.name}" for s in state.seats)
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def header_of(state: GameState) -> Header:
    return Header(
        game_id=game_id(state),
        scenario=state.scenario.name,
        seats=tuple(PublicSeat(role=s.role.value, name=s.name, controller=s.controller.value) for s in state.seats),
        round=state.round,
        phase=state.phase.value,
        over=state.is_over,
        outcome=state.outcome_reason.value if state.outcome_reason else None,
        tracks=state.tracks,
        actions=len(state.actions),
    )


def encode_hidden(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def decode_hidden(text: str) -> Any:
    """Inverse of ``encode_hidden``. Raises ``SaveFormatError`` (one sentence, no file name)."""
    try:
        packed = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise SaveFormatError("its encoded part is damaged (not base64)") from None
    d = zlib.decompressobj()
    try:
        raw = d.decompress(packed, MAX_PAYLOAD_BYTES)
    except zlib.error:
        raise SaveFormatError("its encoded part is damaged (it does not decompress)") from None
    if d.unconsumed_tail:
        raise SaveFormatError("its encoded part is absurdly large") from None
    if not d.eof:
        raise SaveFormatError("its encoded part is cut short") from None
    return _loads(raw, "its encoded part")


def state_payload(state: GameState, seal: str | None = None, reasons: Sequence[ReasonNote] = (),
                  streams: Mapping[Role, int] | None = None, timer: int = 0) -> dict[str, Any]:
    snap = state.model_dump(mode="json", exclude=_SEPARATE)
    out = {
        "scenario": state.scenario.model_dump(mode="json"),
        "seats": [s.model_dump(mode="json") for s in state.seats],
        "seed": state.seed,
        "actions": list(state.actions),
        "snapshot": snap,
        "rules_version": RULES_VERSION,
    }
    if seal is not None:
        out["facilitator_seal"] = seal
    if reasons:
        out["ai_reasons"] = [r.model_dump(mode="json") for r in reasons[-MAX_REASONS:]]
    if streams:
        out["ai_streams"] = {r.value: int(v) for r, v in streams.items()}
    if timer:
        out["turn_timer"] = int(timer)
    return out


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def document(state: GameState, name: str, kind: str, seal: str | None = None,
             reasons: Sequence[ReasonNote] = (), streams: Mapping[Role, int] | None = None,
             timer: int = 0) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "game_version": __version__,
        "saved_at": now_text(),
        "kind": kind,
        "name": name,
        "header": header_of(state).model_dump(mode="json"),
        "hidden": {
            "encoding": ENCODING,
            "note": "Scenario, seats, seed, action log and state: zlib-compressed JSON in base64.",
            "data": encode_hidden(state_payload(state, seal, reasons, streams, timer)),
        },
    }


def dumps(state: GameState, name: str, kind: str, seal: str | None = None, reasons: Sequence[ReasonNote] = (),
          streams: Mapping[Role, int] | None = None, timer: int = 0) -> bytes:
    return (json.dumps(document(state, name, kind, seal, reasons, streams, timer), indent=1, ensure_ascii=False)
            + "\n").encode("utf-8")


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------


def _depth_ok(obj: Any, limit: int) -> bool:
    """True if ``obj`` nests no deeper than ``limit`` (iterative, so hostile input cannot recurse)."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        o, d = stack.pop()
        if isinstance(o, dict):
            if d > limit:
                return False
            stack.extend((v, d + 1) for v in o.values())
        elif isinstance(o, list):
            if d > limit:
                return False
            stack.extend((v, d + 1) for v in o)
    return True


def _loads(raw: bytes, what: str) -> Any:
    if not raw.strip():
        raise SaveFormatError(f"{what} is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveFormatError(f"{what} is not text (not UTF-8)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        body = text.strip()
        if e.pos >= len(body) - 1 or (body[:1] in "{[" and body[-1:] not in "}]"):
            raise SaveFormatError(f"{what} is cut short (truncated JSON)") from None
        raise SaveFormatError(f"{what} is not valid JSON: {json_error_words(e)}") from None
    except RecursionError:
        raise SaveFormatError(f"{what} is nested absurdly deep") from None
    except ValueError:  # e.g. an integer with thousands of digits
        raise SaveFormatError(f"{what} holds an absurd number") from None
    if not _depth_ok(data, MAX_DEPTH):
        raise SaveFormatError(f"{what} is nested absurdly deep")
    return data


def _describe(err: ValidationError, where: str) -> str:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    if first["type"] == "missing":
        return f"its {where} is missing '{loc}'"
    return f"its {where} has a bad value at '{loc}' ({first['msg'].lower()})"


# Older formats are upgraded step by step to the current one: version -> function.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


def migration(from_version: int) -> Callable[[Migration], Migration]:
    def deco(fn: Migration) -> Migration:
        MIGRATIONS[from_version] = fn
        return fn

    return deco


@migration(1)
def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (the first prototype) kept everything in the clear, named a bundled scenario
    instead of embedding it, and had no snapshot.

    v1: ``{"schema_version": 1, "saved": ISO time, "name", "scenario": "frozen_reserve",
    "seats", "seed", "actions"}``. The scenario is loaded by name, the snapshot is rebuilt by
    replaying the log, and the secrets are encoded.
    """
    missing = [k for k in ("scenario", "seats", "seed", "actions") if k not in doc]
    if missing:
        raise SaveFormatError(f"its version-1 data is missing '{missing[0]}'")
    if not isinstance(doc["scenario"], str) or len(doc["scenario"]) > 80:
        raise SaveFormatError("its version-1 data does not name a scenario")
    # only a bundled scenario, by its name: a save that names a path would make the game open
    # any file on the machine, and one in a folder nobody may enter hid every save (review)
    if bundled_path(doc["scenario"]) is None:
        raise SaveFormatError(f"its version-1 data names a scenario the game does not have "
                              f"('{display(doc['scenario'][:40])}'; it knows {', '.join(sorted(list_scenarios()))})")
    try:
        scenario = load_scenario(doc["scenario"])
    except ScenarioError as e:
        raise SaveFormatError(f"its scenario cannot be found ({str(e).rstrip('.')})") from None
    try:
        p = Payload.model_validate(
            {"scenario": scenario, "seats": doc["seats"], "seed": doc["seed"], "actions": doc["actions"], "snapshot": {}}
        )
    except ValidationError as e:
        raise SaveFormatError(_describe(e, "version-1 data")) from None
    state = _replay(p)
    name = doc.get("name") if isinstance(doc.get("name"), str) else "Older save"
    new = document(state, display(str(name)), "manual")
    if isinstance(doc.get("saved"), str):
        new["saved_at"] = doc["saved"][:40]
    return new


def display(name: str) -> str:
    """A name fit for menus: printable, one line, at most 80 characters."""
    text = "".join(ch for ch in str(name) if ch.isprintable())
    return " ".join(text.split())[:80] or "save"


def _replay(p: Payload) -> GameState:
    try:
        return replay(p.scenario, p.seats, p.seed, p.actions)
    except GameError as e:
        raise SaveFormatError(f"its action log does not replay ({str(e).rstrip('.')})") from None
    except Exception as e:  # noqa: BLE001 - a hostile scenario can push the rules where no game goes
        raise SaveFormatError(f"its game cannot be rebuilt ({e.__class__.__name__})") from None


def parse_document(raw: bytes) -> SaveDocument:
    """Check size, JSON and version of a save, migrating older versions; the header is trusted after this."""
    if len(raw) > MAX_FILE_BYTES:
        raise SaveFormatError("it is absurdly large for a save")
    if not raw.strip():
        raise SaveFormatError("the file is empty")
    data = _loads(raw, "the file")
    if not isinstance(data, dict):
        raise SaveFormatError("it is not a Board of Peace save (not a JSON object)")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveFormatError("it is not a Board of Peace save (no schema_version)")
    if version > SCHEMA_VERSION:
        raise SaveFormatError(
            f"it was made by a newer version of the game (save format {version}; this one reads up to {SCHEMA_VERSION})"
        )
    if version < 1:
        raise SaveFormatError(f"its save format {version} is unknown")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    if data.get("format") != FORMAT:
        raise SaveFormatError("it is not a Board of Peace save (wrong 'format')")
    try:
        return SaveDocument.model_validate(data)
    except ValidationError as e:
        raise SaveFormatError(_describe(e, "save data")) from None


def state_from_document(doc: SaveDocument) -> GameState:
    """Decode the hidden part, check the numbers, replay the log and compare it with the snapshot."""
    return game_from_document(doc)[0]


def game_from_document(doc: SaveDocument) -> tuple[GameState, Payload, bool]:
    """``state_from_document``, the checked hidden part it came from (which also holds the
    game's facilitator seal and what its AI delegations said), decoded once, and whether the game
    resumed from its snapshot (a save made under older rules whose log replays differently)."""
    data = decode_hidden(doc.hidden.data)
    if not isinstance(data, dict):
        raise SaveFormatError("its encoded part is not a JSON object")
    try:
        p = Payload.model_validate(data)
    except ValidationError as e:
        raise SaveFormatError(_describe(e, "encoded part")) from None
    clash = _SEPARATE & set(p.snapshot)
    if clash:
        raise SaveFormatError(f"its snapshot repeats '{sorted(clash)[0]}'")
    try:
        snap = GameState.model_validate(
            {**p.snapshot, "scenario": p.scenario, "seats": p.seats, "seed": p.seed, "actions": p.actions}
        )
    except ValidationError as e:
        raise SaveFormatError(_describe(e, "snapshot")) from None
    bad = check_invariants(snap)
    if bad:
        raise SaveFormatError(f"its numbers are impossible ({bad[0]})")
    if p.rules_version > RULES_VERSION:
        raise SaveFormatError(
            f"it was played under newer rules (version {p.rules_version}; this game knows up to {RULES_VERSION})"
        )
    try:
        state: GameState | None = _replay(p)
        failure: SaveFormatError | None = None
    except SaveFormatError as e:
        state, failure = None, e
    resumed = False
    if state != snap:
        if p.rules_version < RULES_VERSION:
            # An earlier build's rules: its log cannot replay the same way under today's rules,
            # so the game resumes from its checked snapshot and the log stays as its history.
            state, resumed = snap, True
        elif failure is not None:
            raise failure
        else:
            assert state is not None
            diff = next((k for k in GameState.model_fields if getattr(state, k) != getattr(snap, k)), "state")
            raise SaveFormatError(f"its action log does not lead to the saved state (they differ in '{diff}')")
    if header_of(state) != doc.header:
        raise SaveFormatError("its public header does not match the game inside")
    return state, p, resumed
