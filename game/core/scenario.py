"""Scenario data: every number of the rules, validated by pydantic.

Scenarios live as JSON in ``assets/scenarios/``. Facilitators edit them; the simulator sweeps
them. The core reads every rule number from a :class:`Scenario`, never from constants.
Used by the core (rules), the CLI (``schema scenario``), the UI (setup screen) and the sweep.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from game.core.errors import ScenarioError

Track = Literal["P", "C", "L", "G", "E"]
TRACKS: tuple[Track, ...] = ("P", "C", "L", "G", "E")

Small = Annotated[int, Field(ge=0, le=100)]
Delta = Annotated[int, Field(ge=-20, le=20)]


class Role(StrEnum):
    """Seat codes. A seat is identified by its role; each role appears at most once."""

    H = "H"  # Custodian Coalition (holds the vault)
    HP = "HP"  # Custodian Partners (6 seats only)
    S = "S"  # Sanctioned Power
    A = "A"  # Frontline State
    M = "M"  # Chair (mediator)
    F = "F"  # Watching Power (future aggressor)


class Channel(StrEnum):
    RELEASE = "release"
    ESCROW = "escrow"
    REDIRECT = "redirect"


class MotionKind(StrEnum):
    DEAL = "deal"
    MOBILIZE = "mobilize"
    BUILD = "build"
    SNAPBACK = "snapback"
    SETTLEMENT = "settlement"


ASSET_MOTIONS = frozenset({MotionKind.DEAL, MotionKind.MOBILIZE, MotionKind.SNAPBACK})
# the motions that move tranches out of the Vault (and count against the round's allowance)
TRANCHE_MOTIONS = frozenset({MotionKind.DEAL, MotionKind.MOBILIZE})


def _words(options: tuple[str, ...]) -> str:
    """``'P', 'C', 'L', 'G' or 'E'``, as pydantic lists the choices of a field."""
    quoted = [f"'{o}'" for o in options]
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RoleSpec(_Frozen):
    # longer than a seat's name (SeatConfig.name): a seat takes the first SEAT_NAME_MAX
    # characters (``default_seats``); kept at 60 so saves of such scenarios still load
    name: str = Field(min_length=1, max_length=60)
    short: str = Field(min_length=1, max_length=24)
    start_ip: Small
    income: Small


class TrackStart(_Frozen):
    P: Annotated[int, Field(ge=0, le=10)] = 2
    C: Annotated[int, Field(ge=0, le=10)] = 7
    L: Annotated[int, Field(ge=0, le=10)] = 1
    G: Annotated[int, Field(ge=0, le=10)] = 0
    E: Annotated[int, Field(ge=0, le=10)] = 4


class ChannelSpec(_Frozen):
    """Effects of moving one tranche through a channel."""

    fund: Delta = 0
    P: Delta = 0
    C: Delta = 0
    L: Delta = 0
    G: Delta = 0
    E: Delta = 0


class EscrowSpec(_Frozen):
    comply_rounds: Annotated[int, Field(ge=1, le=8)] = 2
    g_at_payout: Delta = 1
    g_at_payout_with_monitors: Delta = 0
    # a Settlement honours the deals it ends: escrow still held is paid out, with its Precedent
    pays_at_settlement: bool = True


class ConcessionSpec(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    name: str
    p_gain: Annotated[int, Field(ge=0, le=10)]
    min_tranches: Annotated[int, Field(ge=1, le=10)]
    cost_vp: Annotated[int, Field(ge=0, le=20)]
    enables_monitors: bool = False
    text: str = ""


class InfraEffect(StrEnum):
    MONITORS = "monitors"
    SECRETARIAT = "secretariat"
    HOTLINE = "hotline"
    CLAIMS = "claims"
    DEMINING = "demining"


class InfraSpec(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    name: str
    cost: Annotated[int, Field(ge=0, le=30)]
    copies: Annotated[int, Field(ge=1, le=6)] = 1
    effect: InfraEffect
    P: Delta = 0
    L: Delta = 0
    E: Delta = 0
    chair_ip_per_round: Delta = 0
    text: str = ""


class EffectSpec(_Frozen):
    """One simple effect of an event: a change to a track, a seat's IP, the Fund or the vault."""

    target: Literal["track", "ip", "fund", "return_tokens"]
    key: str = ""  # track letter or seat role
    delta: Delta = 0
    # optional condition: the effect applies only if the track named is within [at_least, at_most]
    if_track: Track | None = None
    at_least: int = 0
    at_most: int = 10
    unless_built: InfraEffect | None = None  # skipped if infrastructure with this effect is built

    @field_validator("key")
    @classmethod
    def _key_fits_target(cls, key: str, info: ValidationInfo) -> str:
        """A track effect names a track and an IP effect a role: anything else was accepted once
        and crashed the game when the event was drawn (review: ``"key": "Z"``)."""
        target = info.data.get("target")
        if target == "track" and key not in TRACKS:
            raise ValueError(f"should be one of {_words(TRACKS)} when target is \"track\"")
        if target == "ip" and key not in {r.value for r in Role}:
            raise ValueError(f"should be one of {_words(tuple(r.value for r in Role))} when target is \"ip\"")
        return key


class EventKind(StrEnum):
    SIMPLE = "simple"
    COURT_CHALLENGE = "court_challenge"
    COMPETING_CREDITORS = "competing_creditors"
    RENEWAL_VOTE = "renewal_vote"
    HUMANITARIAN = "humanitarian"


class EventSpec(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    name: str
    kind: EventKind = EventKind.SIMPLE
    effects: tuple[EffectSpec, ...] = ()
    # parameters of the special kinds
    l_min: int = 5
    roll_offset: int = 4
    tokens_per_step: Annotated[int, Field(ge=1, le=30)] = 6
    ip_cost: Annotated[int, Field(ge=0, le=10)] = 1
    tokens: Annotated[int, Field(ge=0, le=30)] = 3
    c_penalty: Delta = -1
    fund_cost: Annotated[int, Field(ge=0, le=30)] = 3
    p_gain: Delta = 1
    p_loss: Delta = -1
    text: str = ""


class AgendaCond(StrEnum):
    TRACK_AT_LEAST = "track_at_least"
    TRACK_AT_MOST = "track_at_most"
    TRACK_NEVER_REACHED = "track_never_reached"
    SETTLEMENT = "settlement"
    TOKENS_RECEIVED = "tokens_received_at_least"
    NEVER_PLAYED = "never_played"
    FUND_SPENT = "fund_spent_at_least"
    REDIRECTED_TRANCHES = "redirected_tranches_at_least"
    INFRA_BUILT = "infra_built_at_least"
    EPILOGUE_AGGRESSION = "epilogue_aggression"


class AgendaSpec(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,30}$")
    role: Role
    name: str
    cond: AgendaCond
    track: Track | None = None
    value: int = 0
    card: str | None = None
    text: str = ""


class MotionRule(_Frozen):
    proposers: tuple[Role, ...]
    required_yes: tuple[Role, ...]
    respondents: tuple[Role, ...]
    min_p: Annotated[int, Field(ge=0, le=10)] = 0


class Scoring(_Frozen):
    agenda_bonus: int = 4
    s_vp_per_token: int = 1
    s_vp_per_undetected_defection: int = 2
    h_l_free: int = 4
    a_p_mult: int = 2
    a_fund_divisor: Annotated[int, Field(ge=1, le=10)] = 2
    a_release_tranche_penalty: int = 1
    m_p_mult: int = 2
    m_vp_per_infra: int = 2
    m_early_settlement_vp: int = 4
    m_early_settlement_round: int = 6
    f_g_mult: int = 2
    f_c_pivot: int = 5
    timeout_divisor: Annotated[int, Field(ge=1, le=10)] = 2
    epilogue_loss_vp: int = 5
    epilogue_f_gain_vp: int = 8
    epilogue_h_peace_vp: int = 3


class Epilogue(_Frozen):
    per_g: int = 10
    per_c_below: int = 10
    c_pivot: int = 5
    max_odds: Annotated[int, Field(ge=0, le=100)] = 90


class Rules(_Frozen):
    rounds: Annotated[int, Field(ge=1, le=20)] = 8
    motion_cost_ip: Small = 1
    failed_deal_ip: Small = 1
    max_exchanges: Annotated[int, Field(ge=0, le=6)] = 3
    max_side_payment: Annotated[int, Field(ge=0, le=10)] = 2
    max_tranches_per_motion: Annotated[int, Field(ge=1, le=10)] = 4
    # the round's allowance: at most this many tranches in all the Deals and Mobilizes on the
    # table in one round (0: no limit)
    max_tranches_per_round: Annotated[int, Field(ge=0, le=30)] = 0
    chair_switch_ip: Small = 2
    defect_e: Delta = 1
    detect_on: Annotated[int, Field(ge=1, le=7)] = 4
    watch_rounds: Annotated[int, Field(ge=1, le=8)] = 2
    reimpose_ip: Small = 1
    reimpose_c: Delta = 1
    look_away_c: Delta = -2
    drift_from_round: Annotated[int, Field(ge=1, le=20)] = 1
    drift_low_p: int = 4
    drift_low_e: Delta = 1
    drift_high_p: int = 6
    drift_high_e: Delta = -1
    erosion_from_round: Annotated[int, Field(ge=1, le=20)] = 5
    erosion_tokens: Annotated[int, Field(ge=0, le=30)] = 2
    erosion_hold_ip: Small = 2
    windfall_fund: Small = 1
    windfall_min_vault: Small = 15
    probe_ip: Small = 2
    probe_c_max: int = 4
    probe_e: Delta = 1
    probe_vp_hit: int = 2
    probe_vp_miss: int = -1
    guarantee_h_ip: Small = 2
    guarantee_p: Delta = 1
    phased_comply_rounds: Annotated[int, Field(ge=1, le=8)] = 1
    settlement_g_if_received: Delta = 1
    e_loss: Annotated[int, Field(ge=1, le=10)] = 10
    l_court: Annotated[int, Field(ge=1, le=10)] = 10
    court_c: Delta = -3
    infra_face_up: Annotated[int, Field(ge=1, le=9)] = 3


class Scenario(_Frozen):
    """A complete, validated scenario: roles, components, cards, events and every rule number."""

    schema_version: Literal[1] = 1
    extends: str | None = Field(
        default=None,
        description="Name of a bundled scenario this file starts from; only the fields given here change.",
    )
    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    roles: dict[Role, RoleSpec]
    tracks: TrackStart = TrackStart()
    tokens: Annotated[int, Field(ge=3, le=90)] = 30
    tranche: Annotated[int, Field(ge=1, le=10)] = 3
    token_value_bn: Annotated[int, Field(ge=1, le=1000)] = 10
    channels: dict[Channel, ChannelSpec]
    escrow: EscrowSpec = EscrowSpec()
    concessions: tuple[ConcessionSpec, ...] = Field(min_length=1, max_length=12)
    frontline_cards: tuple[Literal["phased", "guarantee"], ...] = ("phased", "guarantee")
    infrastructure: tuple[InfraSpec, ...] = Field(min_length=1, max_length=12)
    events: tuple[EventSpec, ...] = Field(min_length=1, max_length=30)
    agendas: tuple[AgendaSpec, ...]
    motions: dict[MotionKind, MotionRule]
    rules: Rules = Rules()
    scoring: Scoring = Scoring()
    epilogue: Epilogue = Epilogue()

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        missing = [r.value for r in Role if r not in self.roles]
        if missing:
            raise ValueError(f"roles is missing {', '.join(missing)}")
        missing_ch = [c.value for c in Channel if c not in self.channels]
        if missing_ch:
            raise ValueError(f"channels is missing {', '.join(missing_ch)}")
        missing_m = [m.value for m in MotionKind if m not in self.motions]
        if missing_m:
            raise ValueError(f"motions is missing {', '.join(missing_m)}")
        if self.tokens % self.tranche:
            raise ValueError("tokens must be a whole number of tranches")
        for group, items in (
            ("concessions", self.concessions),
            ("infrastructure", self.infrastructure),
            ("events", self.events),
            ("agendas", self.agendas),
        ):
            ids = [i.id for i in items]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{group} has duplicate ids: {', '.join(dupes)}")
        for role in Role:
            if sum(1 for a in self.agendas if a.role == role) < 1:
                raise ValueError(f"agendas needs at least one agenda for role {role.value}")
        # a game that would be over before its first move
        if self.tracks.E >= self.rules.e_loss:
            raise ValueError(f"tracks.E starts at {self.tracks.E}, where Escalation already ends the game in a "
                             f"shared loss (rules.e_loss {self.rules.e_loss}); start it lower")
        if self.tracks.L >= self.rules.l_court:
            raise ValueError(f"tracks.L starts at {self.tracks.L}, where Legal risk already ends the game "
                             f"(rules.l_court {self.rules.l_court}); start it lower")
        conc_ids = {c.id for c in self.concessions}
        for a in self.agendas:
            if a.cond == AgendaCond.NEVER_PLAYED and a.card not in conc_ids:
                raise ValueError(f"agenda {a.id} names unknown card {a.card!r}")
            if a.cond in (
                AgendaCond.TRACK_AT_LEAST,
                AgendaCond.TRACK_AT_MOST,
                AgendaCond.TRACK_NEVER_REACHED,
            ) and a.track is None:
                raise ValueError(f"agenda {a.id} needs a track")
        for c in self.concessions:
            if c.min_tranches > self.rules.max_tranches_per_motion:
                raise ValueError(
                    f"concession {c.id} needs {c.min_tranches} tranches, more than "
                    f"rules.max_tranches_per_motion ({self.rules.max_tranches_per_motion})"
                )
            if 0 < self.rules.max_tranches_per_round < c.min_tranches:
                raise ValueError(
                    f"concession {c.id} needs {c.min_tranches} tranches, more than "
                    f"rules.max_tranches_per_round ({self.rules.max_tranches_per_round})"
                )
        return self

    # --- convenience lookups (cached per instance; the model is frozen) ---
    @cached_property
    def known_ids(self) -> dict[str, frozenset[str]]:
        """Every id this scenario knows, by kind ("infrastructure", "event", "agenda", "card":
        concessions and Frontline cards), for checking a state against it; made once (a cached
        property is neither a field nor compared)."""
        return {
            "infrastructure": frozenset(i.id for i in self.infrastructure),
            "event": frozenset(e.id for e in self.events),
            "agenda": frozenset(a.id for a in self.agendas),
            "card": frozenset(c.id for c in self.concessions) | frozenset(self.frontline_cards),
        }

    def concession(self, cid: str) -> ConcessionSpec:
        for c in self.concessions:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def infra(self, iid: str) -> InfraSpec:
        for i in self.infrastructure:
            if i.id == iid:
                return i
        raise KeyError(iid)

    def event(self, eid: str) -> EventSpec:
        for e in self.events:
            if e.id == eid:
                return e
        raise KeyError(eid)

    def agenda(self, aid: str) -> AgendaSpec:
        for a in self.agendas:
            if a.id == aid:
                return a
        raise KeyError(aid)


def scenario_dir() -> Path:
    from game.resources import resource_path

    return resource_path("assets", "scenarios")


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")


def bundled_path(name: str) -> Path | None:
    """The bundled scenario a name means (its file stem, any case or spacing: "Frozen Reserve"),
    None for anything else, a path included."""
    if name.endswith(".json"):
        return None
    return {_slug(k): v for k, v in list_scenarios().items()}.get(_slug(name))


def list_scenarios() -> dict[str, Path]:
    """Bundled scenarios by slug (file stem), e.g. ``frozen_reserve``."""
    d = scenario_dir()
    return {p.stem: p for p in sorted(d.glob("*.json"))}


_ID_PATTERN_WORDS = "lowercase letters, digits and _, starting with a letter"


def _plain(error: Mapping[str, Any]) -> str:
    """pydantic's message for one error, in the words a scenario's author would use."""
    kind, ctx, msg = error["type"], error.get("ctx") or {}, error["msg"]
    if msg.startswith("Value error, "):  # our own checks already speak in sentences
        return str(msg[len("Value error, "):])
    n = ctx.get("min_length", ctx.get("max_length"))
    plain = {
        "missing": "is missing",
        "extra_forbidden": "is not a field here (a misspelling?)",
        "string_type": "should be text",
        "int_type": "should be a whole number", "int_parsing": "should be a whole number",
        "int_from_float": "should be a whole number",
        "float_type": "should be a number", "float_parsing": "should be a number",
        "bool_type": "should be true or false", "bool_parsing": "should be true or false",
        "greater_than_equal": f"should be at least {ctx.get('ge')}",
        "less_than_equal": f"should be at most {ctx.get('le')}",
        "greater_than": f"should be more than {ctx.get('gt')}",
        "less_than": f"should be less than {ctx.get('lt')}",
        "too_short": f"needs at least {n} {'entry' if n == 1 else 'entries'}",
        "too_long": f"may have at most {n} {'entry' if n == 1 else 'entries'}",
        "string_too_short": f"should be at least {n} {'character' if n == 1 else 'characters'} long",
        "string_too_long": f"should be at most {n} {'character' if n == 1 else 'characters'} long",
        "string_pattern_mismatch": f"should be {_ID_PATTERN_WORDS}"
        if str(ctx.get("pattern", "")).startswith("^[a-z][a-z0-9_]") else "is not in the expected form",
        "enum": f"should be one of {ctx.get('expected')}",
        "literal_error": f"should be one of {ctx.get('expected')}",
        "dict_type": "should be an object ({...})", "model_type": "should be an object ({...})",
        "model_attributes_type": "should be an object ({...})",
        "list_type": "should be a list ([...])", "tuple_type": "should be a list ([...])",
    }
    return plain.get(kind, str(msg))


def _describe_validation_error(err: ValidationError) -> str:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    msg = _plain(first)
    if loc and msg.split(" ", 1)[0] in ("is", "should", "needs", "may"):
        loc_said = f"field '{loc}' {msg}"  # "field 'name' should be text"
        inp = first.get("input")
        shown = json.dumps(inp) if isinstance(inp, (int, float, str, bool)) else None
        return f"{loc_said} (got {shown})" if shown is not None and len(shown) < 40 and first["type"] != "missing" \
            else loc_said
    if not loc:
        return msg
    if "input" in first and first["type"] not in ("missing",):
        inp = first["input"]
        shown = json.dumps(inp) if isinstance(inp, (int, float, str, bool)) else None
        if shown is not None and len(shown) < 40:
            return f"field '{loc}': {msg} (got {shown})"
    return f"field '{loc}': {msg}"


def deep_merge(base: dict[str, object], over: dict[str, object]) -> dict[str, object]:
    """Objects merge key by key; anything else (lists included) replaces the base value."""
    out = dict(base)
    for k, v in over.items():
        b = out.get(k)
        if isinstance(b, dict) and isinstance(v, dict):
            out[k] = deep_merge(b, v)
        else:
            out[k] = v
    return out


def json_error_words(e: json.JSONDecodeError) -> str:
    """What is wrong and where, as words: "unterminated string starting at line 2, column 14",
    "expecting value at line 1, column 1" (Python's own "... starting at: line 2 column 14 (char
    40)" read, cut after its message, as if the sentence had been cut off)."""
    msg = e.msg[:1].lower() + e.msg[1:]
    where = f"line {e.lineno}, column {e.colno}"
    return f"{msg} {where}" if msg.endswith(" at") else f"{msg} at {where}"


def _read_json(text: str, source: str) -> dict[str, object]:
    if len(text) > 1_000_000:
        raise ScenarioError(f"Scenario {source} is too large (over 1 MB).")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScenarioError(f"Scenario {source} is not valid JSON: {json_error_words(e)}.") from None
    except RecursionError:
        raise ScenarioError(f"Scenario {source} is nested too deeply.") from None
    except ValueError:  # an integer of thousands of digits (Python reads at most 4300)
        raise ScenarioError(f"Scenario {source} holds an absurd number.") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"Scenario {source} must be a JSON object.")
    data.pop("$schema", None)
    return data


def parse_scenario(text: str, source: str = "scenario", _depth: int = 0) -> Scenario:
    """Validate scenario JSON text.

    Raises:
        ScenarioError: with one sentence naming the problem (and the field, if one is at fault).
    """
    data = _read_json(text, source)
    base_name = data.get("extends")
    if base_name is not None:
        bundled = list_scenarios()
        if not isinstance(base_name, str) or base_name not in bundled:
            raise ScenarioError(
                f"Scenario {source} is invalid: field 'extends' must name a bundled scenario "
                f"({', '.join(sorted(bundled))})."
            )
        if _depth > 4:
            raise ScenarioError(f"Scenario {source} extends other scenarios too deeply.")
        base_text = bundled[base_name].read_text(encoding="utf-8")
        base = _read_json(base_text, bundled[base_name].name)
        if base.get("extends"):
            base = parse_scenario(base_text, bundled[base_name].name, _depth + 1).model_dump(mode="json")
        data = deep_merge(base, data)
        data["extends"] = base_name
    try:
        return Scenario.model_validate(data)
    except ValidationError as e:
        raise ScenarioError(
            f"Scenario {source} is invalid: {_describe_validation_error(e)}."
        ) from None


def load_scenario(name_or_path: str | Path = "frozen_reserve") -> Scenario:
    """Load a bundled scenario by name (``frozen_reserve``, ``small_vault`` ...) or a JSON path.

    Raises:
        ScenarioError: unknown name, unreadable file, or invalid content.
    """
    key = str(name_or_path)
    path = bundled_path(key) or Path(key)
    if not path.suffix == ".json":
        raise ScenarioError(
            f"Unknown scenario '{key}'; choose one of {', '.join(sorted(list_scenarios()))} "
            "or give the path of a .json file."
        )
    # read at once, not looked at first: Path.exists() raises for a file in a folder the user
    # cannot enter, or a name too long (review: tracebacks from --scenario)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad's byte-order mark is welcome
    except UnicodeDecodeError:
        raise ScenarioError(f"Scenario file {path.name} is not a text file (a scenario is JSON text in UTF-8).") from None
    except (FileNotFoundError, NotADirectoryError):
        raise ScenarioError(f"Scenario file {key} does not exist.") from None
    except OSError as e:
        raise ScenarioError(f"Scenario file {path.name} cannot be read ({e.strerror or e.__class__.__name__}).") from None
    except ValueError:  # a NUL in the name: no file has one
        raise ScenarioError(f"Scenario file {key!r} does not exist.") from None
    return parse_scenario(text, source=path.name)


def scenario_json_schema() -> dict[str, object]:
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Board of Peace scenario"
    props = schema.get("properties")
    if isinstance(props, dict):
        props["$schema"] = {"type": "string", "description": "Editor hint; ignored."}
    return schema
