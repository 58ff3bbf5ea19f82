"""The rules of Board of Peace: the one door for UI, AI, tests and replays.

Public API (re-exported by ``game.core``)::

    new_game(scenario, seats, seed) -> GameState
    legal_actions(state, seat) -> list[Action]
    apply(state, action) -> GameState           raises IllegalActionError, state untouched
    observe(state, seat) -> PlayerView           only what that seat may see
    outcome(state) -> Outcome | None             reason, scores, per-seat breakdowns

Chance (dice, shuffles) draws from the splitmix64 state carried in ``GameState.rng``.
Automatic steps (income, vote resolution, detection, events, drift, the Epilogue) run inside
``apply`` until the next seat has a decision to make.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from game.core import rng as R
from game.core.actions import Action, terms_from_args, terms_to_args
from game.core.errors import ActionParseError, IllegalActionError
from game.core.scenario import (
    ASSET_MOTIONS,
    TRACKS,
    TRANCHE_MOTIONS,
    Channel,
    EffectSpec,
    EventKind,
    InfraEffect,
    MotionKind,
    Role,
    Scenario,
    Track,
)
from game.core.state import (
    SEAT_NAME_MAX,
    Bargain,
    Controller,
    Deal,
    DealStatus,
    Epilogue,
    GameState,
    LogEntry,
    Motion,
    MotionStatus,
    Offer,
    OutcomeReason,
    Phase,
    RoundRecord,
    SeatConfig,
    Terms,
    Tracks,
    fast_construct,
)
from game.core.view import PlayerView

# Bumped whenever a rules change makes an old action log replay differently (saves record it):
# 1 first rules; 2 Ceasefire Monitors set aside until Admit monitors is played; 3 the Humanitarian
# crisis and Court challenge events write what they did in the log (the same moves and dice, but
# an older log replays to more log lines than its snapshot holds); 4 a Settlement pays out the
# escrow still held, and a scenario may cap the tranches tabled in one round; 5 a Renewal vote
# with the Vault empty costs nothing, and an event effect blocked by infrastructure is logged;
# 6 a No on a motion whose channel the Chair switched breaks no promise; 7 a rules-run Chair
# rotates the first proposer over the seats that play (not the rules-run Watching Power);
# 8 the log says what a rules-run Chair's rotation names and how far defections moved Escalation
# at compliance (the same moves and dice, more log lines); 9 the log says the Sanctioned Power
# made its compliance choices before the detections they led to (the same lines in a new order).
# tests/persistence/fixtures/save_rules<N>.json keeps a recorded game of each version since 8.
RULES_VERSION = 11

ROLES_BY_COUNT: dict[int, tuple[tuple[Role, ...], tuple[Role, ...]]] = {
    # seat count: (roles in table order, roles run by the rules)
    3: ((Role.H, Role.S, Role.A, Role.M, Role.F), (Role.M, Role.F)),
    4: ((Role.H, Role.S, Role.A, Role.M, Role.F), (Role.F,)),
    5: ((Role.H, Role.S, Role.A, Role.M, Role.F), ()),
    6: ((Role.H, Role.HP, Role.S, Role.A, Role.M, Role.F), ()),
}


def playing_roles(count: int) -> tuple[Role, ...]:
    """The roles that real seats (human or AI) take at a table of ``count`` seats."""
    if count not in ROLES_BY_COUNT:
        raise IllegalActionError(f"A table seats 3 to 6 delegations, not {count}.")
    roles, auto = ROLES_BY_COUNT[count]
    return tuple(r for r in roles if r not in auto)


# ---------------------------------------------------------------------------
# the mutable working copy used inside apply()
# ---------------------------------------------------------------------------


_FIELDS = frozenset(GameState.model_fields)


class _W:
    """A scratch copy of a GameState's fields; ``freeze`` makes the next frozen state."""

    # the GameState fields, typed for the checker (values come from ``state.__dict__``)
    scenario: Scenario
    seats: tuple[SeatConfig, ...]
    roles: tuple[Role, ...]
    automated: tuple[Role, ...]
    seed: int
    rng: int
    round: int
    phase: Phase
    to_move: Role | None
    tracks: Tracks
    peaks: Tracks
    ip: tuple[int, ...]
    ip_spent: tuple[int, ...]
    vault: int
    released: int
    redirected: int
    returned: int
    fund: int
    fund_spent: int
    hands: tuple[tuple[str, ...], ...]
    played: tuple[str, ...]
    agendas: tuple[str, ...]
    infra_deck: tuple[str, ...]
    infra_row: tuple[str, ...]
    built: tuple[str, ...]
    event_deck: tuple[str, ...]
    events_drawn: tuple[str, ...]
    asset_ban_round: int
    order: tuple[Role, ...]
    order_index: int
    motions: tuple[Motion, ...]
    bargain: Bargain | None
    chair_switched: bool
    ballots: tuple[tuple[Role, str], ...]
    votes_revealed: tuple[tuple[Role, str], ...]
    last_motions: tuple[Motion, ...]
    probed: bool
    pending_compliance: tuple[int, ...]
    reimpose_queue: tuple[int, ...]
    deals: tuple[Deal, ...]
    concession_vp: int
    defections: int
    undetected_defections: int
    detected_defections: int
    secret_defections: tuple[tuple[int, int], ...]
    release_tranches: int
    redirected_tranches: int
    probe_vp: int
    settlement_round: int
    broken_promises: tuple[tuple[int, Role], ...]
    history: tuple[RoundRecord, ...]
    log: tuple[LogEntry, ...]
    private_log: tuple[LogEntry, ...]
    actions: tuple[str, ...]
    outcome_reason: OutcomeReason | None
    epilogue: Epilogue | None

    def __init__(self, state: GameState) -> None:
        self.__dict__.update(state.__dict__)
        self._base = state
        self.sc: Scenario = state.scenario
        self.ip_l = list(state.ip)
        self.spent_l = list(state.ip_spent)
        self.tr = {k: getattr(state.tracks, k) for k in TRACKS}
        self.pk = {k: getattr(state.peaks, k) for k in TRACKS}
        self.log_l: list[LogEntry] = []
        self.plog_l: list[LogEntry] = []

    def freeze(self, action_text: str | None) -> GameState:
        d = {k: v for k, v in self.__dict__.items() if k in _FIELDS}
        d["ip"] = tuple(self.ip_l)
        d["ip_spent"] = tuple(self.spent_l)
        d["tracks"] = Tracks(**self.tr)
        d["peaks"] = Tracks(**self.pk)
        if self.log_l:
            d["log"] = self._base.log + tuple(self.log_l)
        if self.plog_l:
            d["private_log"] = self._base.private_log + tuple(self.plog_l)
        if action_text is not None:
            d["actions"] = self._base.actions + (action_text,)
        return fast_construct(GameState, d)

    # --- small helpers ---
    def i(self, role: Role) -> int:
        return self.roles.index(role)

    def ipof(self, role: Role) -> int:
        return self.ip_l[self.i(role)]

    def add_ip(self, role: Role, delta: int, spent: bool = True) -> int:
        """Change a seat's IP; never below 0. Returns the change actually made."""
        k = self.i(role)
        new = max(0, self.ip_l[k] + delta)
        real = new - self.ip_l[k]
        self.ip_l[k] = new
        if spent and real < 0:
            self.spent_l[k] -= real
        return real

    def track(self, t: Track, delta: int) -> int:
        """Move track ``t`` by ``delta`` within 0..10; returns the change made (less at an end)."""
        was: int = self.tr[t]
        v = min(10, max(0, was + delta))
        self.tr[t] = v
        if v > self.pk[t]:
            self.pk[t] = v
        return v - was

    def note(self, key: str, *args: object, to: Sequence[Role] = ()) -> None:
        seq = len(self.log) + len(self.private_log) + len(self.log_l) + len(self.plog_l)
        e = LogEntry(seq=seq, round=self.round, key=key, args=tuple(str(a) for a in args), to=tuple(to))
        (self.plog_l if to else self.log_l).append(e)

    def rand(self, n: int) -> int:
        self.rng, v = R.randbelow(self.rng, n)
        return v

    def die(self, sides: int) -> int:
        self.rng, v = R.roll(self.rng, sides)
        return v

    def plays(self, role: Role) -> bool:
        return role in self.roles and role not in self.automated

    def set_motion(self, idx: int, **upd: Any) -> None:
        ms = list(self.motions)
        ms[idx] = ms[idx].model_copy(update=upd)
        self.motions = tuple(ms)

    def set_deal(self, deal_id: int, **upd: Any) -> None:
        self.deals = tuple(d.model_copy(update=upd) if d.id == deal_id else d for d in self.deals)

    def escrow_total(self) -> int:
        return sum(d.escrow_tokens for d in self.deals)

    def built_effect(self, eff: InfraEffect) -> int:
        return sum(1 for b in self.built if self.sc.infra(b).effect == eff)


# ---------------------------------------------------------------------------
# new game
# ---------------------------------------------------------------------------


def default_seats(scenario: Scenario, count: int) -> tuple[SeatConfig, ...]:
    return tuple(
        # a role's name may be longer than a seat's (review: a 50-character one crashed simulate)
        SeatConfig(role=r, name=scenario.roles[r].name[:SEAT_NAME_MAX], controller=Controller.AI)
        for r in playing_roles(count)
    )


def new_game(scenario: Scenario, seats: int | Sequence[SeatConfig], seed: int) -> GameState:
    """Start a game: deal hands and agendas, shuffle decks, pay round-1 income.

    Raises:
        IllegalActionError: the seats do not make a 3-6 seat table.
    """
    if isinstance(seats, int):
        seat_t = default_seats(scenario, seats)
    else:
        seat_t = tuple(seats)
    count = len(seat_t)
    expected = playing_roles(count)
    got = sorted(s.role.value for s in seat_t)
    if got != sorted(r.value for r in expected):
        raise IllegalActionError(
            f"A {count}-seat table takes the roles {', '.join(r.value for r in expected)}, "
            f"not {', '.join(got)}."
        )
    order = {r: k for k, r in enumerate(expected)}
    seat_t = tuple(sorted(seat_t, key=lambda s: order[s.role]))
    roles, automated = ROLES_BY_COUNT[count]
    state = R.seed_state(seed)
    # agendas: one of the role's agendas, drawn secretly
    agendas: list[str] = []
    for r in roles:
        pool = [a.id for a in scenario.agendas if a.role == r]
        if r in automated or not pool:
            agendas.append("")
        else:
            state, k = R.randbelow(state, len(pool))
            agendas.append(pool[k])
    # Ceasefire Monitors are set aside: they come into play when Admit monitors is played
    deck = [
        i.id for i in scenario.infrastructure for _ in range(i.copies) if i.effect != InfraEffect.MONITORS
    ]
    state, deck_t = R.shuffled(state, deck)
    face = scenario.rules.infra_face_up
    state, events = R.shuffled(state, [e.id for e in scenario.events])
    hands = tuple(
        tuple(c.id for c in scenario.concessions)
        if r == Role.S
        else (tuple(scenario.frontline_cards) if r == Role.A else ())
        for r in roles
    )
    t = scenario.tracks
    tracks = Tracks(P=t.P, C=t.C, L=t.L, G=t.G, E=t.E)
    g = GameState(
        scenario=scenario,
        seats=seat_t,
        roles=roles,
        automated=automated,
        seed=seed,
        rng=state,
        tracks=tracks,
        peaks=tracks,
        ip=tuple(scenario.roles[r].start_ip for r in roles),
        ip_spent=tuple(0 for _ in roles),
        vault=scenario.tokens,
        hands=hands,
        agendas=tuple(agendas),
        infra_deck=deck_t[face:],
        infra_row=deck_t[:face],
        event_deck=events,
    )
    w = _W(g)
    for r in roles:
        if agendas[roles.index(r)]:
            w.note("log.agenda_dealt", agendas[roles.index(r)], to=(r,))
    _begin_round(w)
    _advance(w)
    return w.freeze(None)


# ---------------------------------------------------------------------------
# legal actions
# ---------------------------------------------------------------------------


def to_move(state: GameState) -> Role | None:
    return state.to_move


class _LegalCache:
    """The legal actions of the most recent state asked about.

    States are immutable, so the answer for one state never changes. A caller typically asks
    for the legal list and then applies one of its actions; ``apply`` checks legality against
    the same state, which then costs a set lookup instead of a second enumeration. Only a weak
    reference to the state is kept, so nothing is held alive.
    """

    ref: weakref.ref[GameState] | None = None
    seat: Role | None = None
    actions: tuple[Action, ...] = ()
    members: frozenset[Action] | None = None

    @classmethod
    def get(cls, state: GameState, seat: Role) -> tuple[Action, ...] | None:
        if cls.ref is not None and cls.seat == seat and cls.ref() is state:
            return cls.actions
        return None

    @classmethod
    def put(cls, state: GameState, seat: Role, actions: tuple[Action, ...]) -> None:
        cls.ref, cls.seat, cls.actions, cls.members = weakref.ref(state), seat, actions, None

    @classmethod
    def contains(cls, state: GameState, a: Action) -> bool:
        actions = cls.get(state, a.seat)
        if actions is None:
            actions = tuple(_legal_actions(state, a.seat))
            cls.put(state, a.seat, actions)
        if cls.members is None:
            cls.members = frozenset(actions)
        return a in cls.members


def legal_actions(state: GameState, seat: Role) -> list[Action]:
    """Every action ``seat`` may take now (empty when it is not that seat's turn)."""
    cached = _LegalCache.get(state, seat)
    if cached is None:
        cached = tuple(_legal_actions(state, seat))
        _LegalCache.put(state, seat, cached)
    return list(cached)


def _legal_actions(state: GameState, seat: Role) -> list[Action]:
    if state.phase == Phase.OVER or state.to_move != seat:
        return []
    ph = state.phase
    if ph == Phase.AGENDA:
        return [Action(seat, "agenda", (r.value,)) for r in _proposal_roles(state)]
    if ph == Phase.PROPOSALS:
        return _legal_proposals(state, seat)
    if ph == Phase.BARGAIN:
        return _legal_bargain(state, seat)
    if ph == Phase.CHAIR:
        out = [Action(seat, "pass")]
        for m in state.motions:
            if m.terms.kind == MotionKind.DEAL and m.terms.channel is not None:
                for ch in Channel:
                    if ch != m.terms.channel:
                        out.append(Action(seat, "switch", (str(m.id), ch.value)))
        return out
    if ph == Phase.VOTE:
        return [Action(seat, "vote", (b,)) for b in _ballots(len(state.motions))]
    if ph == Phase.COMPLIANCE:
        return [Action(seat, "comply", (b,)) for b in _compliance(len(state.pending_compliance))]
    if ph == Phase.REIMPOSE:
        out = [Action(seat, "lookaway")]
        if state.ip_of(seat) >= state.scenario.rules.reimpose_ip:
            out.insert(0, Action(seat, "reimpose"))
        return out
    if ph == Phase.EROSION:
        return [Action(seat, "hold"), Action(seat, "letgo")]
    return []  # pragma: no cover


@lru_cache(maxsize=64)
def _ballots(n: int) -> tuple[str, ...]:
    return tuple("".join(p) for p in product("YN", repeat=n))


@lru_cache(maxsize=64)
def _compliance(n: int) -> tuple[str, ...]:
    return tuple("".join(p) for p in product("CD", repeat=n))


def _proposal_roles(state: GameState) -> tuple[Role, ...]:
    """Roles that take a turn in the proposal step, in table order."""
    return tuple(r for r in state.roles if r not in state.automated or r == Role.F)


def _used_concessions(state: GameState | PlayerView, skip_motion: int | None = None) -> set[str]:
    return {
        m.terms.concession
        for k, m in enumerate(state.motions)
        if m.terms.concession and k != skip_motion
    }


def _used_targets(state: GameState | PlayerView, kind: MotionKind, skip_motion: int | None = None) -> set[str]:
    return {
        m.terms.target
        for k, m in enumerate(state.motions)
        if m.terms.kind == kind and m.terms.target and k != skip_motion
    }


def tabled_tranches(state: GameState | PlayerView, skip_motion: int | None = None) -> int:
    """Tranches in the Deals and Mobilizes on the table this round (the round's allowance
    counts them whether or not they pass)."""
    return sum(m.terms.tranches for k, m in enumerate(state.motions)
               if m.terms.kind in TRANCHE_MOTIONS and k != skip_motion)


def allowance_left(state: GameState | PlayerView, skip_motion: int | None = None) -> int | None:
    """Tranches the round's allowance still leaves for a Deal or Mobilize (None: no allowance)."""
    cap = state.scenario.rules.max_tranches_per_round
    return max(0, cap - tabled_tranches(state, skip_motion)) if cap else None


def terms_options(state: GameState, kind: MotionKind, skip_motion: int | None = None) -> list[Terms]:
    """Every legal set of terms of ``kind`` that could be tabled or countered now."""
    return [terms_from_args(a) for a in _terms_args(state, kind, skip_motion)]


def _tranche_room(state: GameState | PlayerView, kind: MotionKind, skip_motion: int | None = None) -> int:
    """The most tranches a motion of ``kind`` may move now: the per-motion cap, what the Vault
    holds and (for a Deal or Mobilize) what the round's allowance leaves."""
    room = min(state.scenario.rules.max_tranches_per_motion, state.vault // state.scenario.tranche)
    left = allowance_left(state, skip_motion) if kind in TRANCHE_MOTIONS else None
    return room if left is None else min(room, left)


def _terms_args(state: GameState | PlayerView, kind: MotionKind, skip_motion: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Like ``terms_options`` but as text arguments (cheap to compare and cache)."""
    sc = state.scenario
    if kind in ASSET_MOTIONS and state.asset_ban_round == state.round:
        return ()
    max_tr = _tranche_room(state, kind, skip_motion)
    if kind == MotionKind.DEAL:
        used = _used_concessions(state, skip_motion)
        # the Sanctioned Power's hand is public: every concession it has not yet played
        hand = state.hand(Role.S) if isinstance(state, GameState) else state.concessions_left()
        avail = tuple((c, sc.concession(c).min_tranches) for c in hand if c not in used)
        return _deal_terms(avail, max_tr)
    if kind == MotionKind.MOBILIZE:
        return _mobilize_terms(max_tr)
    out: list[tuple[str, ...]] = []
    if kind == MotionKind.BUILD:
        used_t = _used_targets(state, MotionKind.BUILD, skip_motion)
        seen: set[str] = set()
        for iid in state.infra_row:
            if iid in seen or iid in used_t:
                continue
            seen.add(iid)
            spec = sc.infra(iid)
            if spec.cost > state.fund:
                continue
            if spec.effect == InfraEffect.MONITORS and not _monitors_allowed(state):
                continue
            out.append(("build", iid))
        return tuple(out)
    if kind == MotionKind.SNAPBACK:
        used_t = _used_targets(state, MotionKind.SNAPBACK, skip_motion)
        for d in state.deals:
            if d.status == DealStatus.ACTIVE and d.escrow_tokens > 0 and str(d.id) not in used_t:
                out.append(("snapback", str(d.id)))
        return tuple(out)
    # settlement
    if state.tracks.P >= sc.motions[MotionKind.SETTLEMENT].min_p and not any(
        m.terms.kind == MotionKind.SETTLEMENT for k, m in enumerate(state.motions) if k != skip_motion
    ):
        out.append(("settlement",))
    return tuple(out)


def closed_reason(state: GameState | PlayerView, kind: MotionKind,
                  skip_motion: int | None = None) -> tuple[str, dict[str, int]] | None:
    """Why no terms of ``kind`` can be tabled now (None: some can), as a reason's code and its
    numbers, from the same public facts ``terms_options`` reads: ``court`` (the court blocks
    asset motions this round), ``vault`` (``tokens`` left, less than a ``tranche``), ``allowance`` (``cap``:
    the round's tranches are all tabled), ``concessions`` (none left that is not played or
    tabled), ``deal_tranches`` (each concession left needs ``need`` tranches, ``can`` may
    move), ``no_cards`` (the infrastructure row is empty), ``build_tabled`` (every card in it
    is tabled), ``fund`` (``fund`` below the ``cost`` of the cheapest card not tabled),
    ``monitors`` (what the Fund can pay for needs a concession that allows monitors),
    ``escrow`` (no active deal holds escrow), ``snapback_tabled`` (each one faces a Snapback),
    ``peace`` (Peace ``p`` below the ``need`` for a Settlement), ``tabled`` (a Settlement is
    on the table)."""
    if _terms_args(state, kind, skip_motion):
        return None
    sc = state.scenario
    if kind in ASSET_MOTIONS and state.asset_ban_round == state.round:
        return "court", {}
    if kind in TRANCHE_MOTIONS:
        if state.vault < sc.tranche:
            return "vault", {"tokens": state.vault, "tranche": sc.tranche}
        if allowance_left(state, skip_motion) == 0:
            return "allowance", {"cap": sc.rules.max_tranches_per_round}
    if kind == MotionKind.DEAL:
        used = _used_concessions(state, skip_motion)
        hand = state.hand(Role.S) if isinstance(state, GameState) else state.concessions_left()
        need = [sc.concession(c).min_tranches for c in hand if c not in used]
        if not need:
            return "concessions", {}
        return "deal_tranches", {"need": min(need), "can": _tranche_room(state, kind, skip_motion)}
    if kind == MotionKind.BUILD:
        used_t = _used_targets(state, MotionKind.BUILD, skip_motion)
        free = [i for i in state.infra_row if i not in used_t]
        if not state.infra_row:
            return "no_cards", {}
        if not free:
            return "build_tabled", {}
        cheapest = min(sc.infra(i).cost for i in free)
        if cheapest > state.fund:
            return "fund", {"fund": state.fund, "cost": cheapest}
        return "monitors", {}
    if kind == MotionKind.SNAPBACK:
        if not any(d.status == DealStatus.ACTIVE and d.escrow_tokens > 0 for d in state.deals):
            return "escrow", {}
        return "snapback_tabled", {}
    if kind == MotionKind.SETTLEMENT:
        need_p = sc.motions[MotionKind.SETTLEMENT].min_p
        if state.tracks.P < need_p:
            return "peace", {"p": state.tracks.P, "need": need_p}
        return "tabled", {}
    return "other", {}  # a Mobilize with a tranche left always has terms


STILL_TO_VOTE = frozenset({MotionStatus.TABLED, MotionStatus.AGREED, MotionStatus.WALKED})


@dataclass(frozen=True)
class Ahead:
    """What the motions ahead of one on the table (resolved first, in table order) take if they
    all pass: Vault tokens (net of the escrow a Snapback ahead returns), Fund, and the
    concessions they play. A motion is carried out with what they leave."""

    tokens: int = 0
    fund: int = 0
    concessions: frozenset[str] = frozenset()


def ahead_takes(state: GameState | PlayerView, index: int | None,
                among: Collection[int] | None = None) -> Ahead:
    """What the motions before table position ``index`` that still go to the vote take (None:
    every one, for terms not tabled yet, which would be resolved last); with ``among``, only
    those of them at these table positions (the motions a ballot votes Yes on)."""
    sc = state.scenario
    tokens = fund = 0
    used: set[str] = set()
    for k, m in enumerate(state.motions[:index]):
        if m.status not in STILL_TO_VOTE or (among is not None and k not in among):
            continue
        t = m.terms
        if t.kind in TRANCHE_MOTIONS:
            tokens += t.tranches * sc.tranche
            if t.concession:
                used.add(t.concession)
        elif t.kind == MotionKind.BUILD and t.target:
            fund += sc.infra(t.target).cost
        elif t.kind == MotionKind.SNAPBACK and t.target:
            d = next((x for x in state.deals if str(x.id) == t.target), None)
            if d is not None and d.status == DealStatus.ACTIVE:
                tokens -= d.escrow_tokens
    return Ahead(tokens, fund, frozenset(used))


def void_given(state: GameState | PlayerView, terms: Terms, ahead: Ahead) -> tuple[str, dict[str, int]] | None:
    """``void_reason`` with what the motions ahead take already known (the AI's valuation
    reads it once per place on the table)."""
    sc = state.scenario
    if terms.kind in TRANCHE_MOTIONS:
        left = max(0, state.vault - ahead.tokens) // sc.tranche
        if terms.tranches > left:
            return "vault", {"left": left, "need": terms.tranches}
        if terms.kind == MotionKind.DEAL and terms.concession in ahead.concessions:
            return "concession", {}
        return None
    if terms.kind == MotionKind.BUILD and terms.target is not None:
        cost = sc.infra(terms.target).cost
        if cost > state.fund - ahead.fund:
            return "fund", {"left": max(0, state.fund - ahead.fund), "cost": cost}
    return None


def settlement_ahead(state: GameState | PlayerView, index: int | None,
                     among: Collection[int] | None = None) -> int | None:
    """The id of a Settlement before table position ``index`` (None: every motion) that still
    goes to the vote, if any (with ``among``, only at these positions): if it passes the game
    ends there and every later motion is void (RULES 4.4)."""
    for k, m in enumerate(state.motions[:index]):
        if (m.terms.kind == MotionKind.SETTLEMENT and m.status in STILL_TO_VOTE
                and (among is None or k in among)):
            return m.id
    return None


def void_reason(state: GameState | PlayerView, terms: Terms,
                index: int | None = None) -> tuple[str, dict[str, int]] | None:
    """Why ``terms`` at table position ``index`` could not be carried out if every motion
    ahead of it passes (it would pass void, RULES 4.4), as a code and its numbers; None if it
    could. ``vault``: the motions ahead leave ``left`` tranches in the Vault and it needs
    ``need``; ``concession``: a motion ahead plays the same concession; ``fund``: they leave
    ``left`` in the Fund and the card costs ``cost``. The AI values terms by the same test
    (``void_given``) and says this when it answers such an offer."""
    return void_given(state, terms, ahead_takes(state, index))


@lru_cache(maxsize=512)
def _deal_terms(avail: tuple[tuple[str, int], ...], max_tr: int) -> tuple[tuple[str, ...], ...]:
    out: list[tuple[str, ...]] = []
    for cid, min_tr in avail:
        for ch in Channel:
            for n in range(min_tr, max_tr + 1):
                out.append(("deal", cid, ch.value, str(n)))
    return tuple(out)


@lru_cache(maxsize=32)
def _mobilize_terms(max_tr: int) -> tuple[tuple[str, ...], ...]:
    return tuple(("mobilize", str(n)) for n in range(1, max_tr + 1))


@lru_cache(maxsize=4096)
def _counter_actions(seat: Role, options: tuple[tuple[str, ...], ...], pays: tuple[int, ...]) -> tuple[Action, ...]:
    return tuple(Action(seat, "counter", (*ta, "pay", str(p))) for ta in options for p in pays)


def _monitors_allowed(state: GameState | PlayerView) -> bool:
    return any(state.scenario.concession(c).enables_monitors for c in state.played)


def _legal_proposals(state: GameState, seat: Role) -> list[Action]:
    sc = state.scenario
    out = [Action(seat, "pass")]
    if seat == Role.F:
        if state.ip_of(seat) >= sc.rules.probe_ip and not state.probed:
            out.append(Action(seat, "probe"))
        for r in state.roles:
            if r != Role.F and r not in state.automated:
                for n in range(1, min(state.ip_of(seat), 3) + 1):
                    out.append(Action(seat, "gift", (r.value, str(n))))
        return out
    if seat == Role.A:
        hand = state.hand(Role.A)
        if "phased" in hand:
            for d in state.deals:
                if d.status == DealStatus.ACTIVE and d.escrow_tokens > 0 and not d.phased:
                    out.append(Action(seat, "play", ("phased", str(d.id))))
        if "guarantee" in hand and state.ip_of(Role.H) >= sc.rules.guarantee_h_ip:
            out.append(Action(seat, "play", ("guarantee",)))
    if state.ip_of(seat) >= sc.rules.motion_cost_ip:
        for kind, rule in sc.motions.items():
            if seat in rule.proposers and _respondent(state, kind, seat, check=True):
                for ta in _terms_args(state, kind):
                    out.append(Action(seat, "propose", ta))
    return out


def _respondent(state: GameState | PlayerView, kind: MotionKind, proposer: Role,
                check: bool = False) -> Role | None | bool:
    """Who bargains with the proposer over a motion (None: nobody; the motion goes to the vote)."""
    for r in state.scenario.motions[kind].respondents:
        if r != proposer and r in state.roles and r not in state.automated:
            return r
    return True if check else None


def respondent(state: GameState | PlayerView, kind: MotionKind, proposer: Role) -> Role | None:
    """Who would bargain with ``proposer`` over a motion of ``kind`` (None: nobody, it goes
    straight to the vote)."""
    r = _respondent(state, kind, proposer)
    return r if isinstance(r, Role) else None


def round_end_drift(sc: Scenario, rnd: int, p: int) -> int:
    """What Escalation drifts by at the end of round ``rnd`` with Peace at ``p`` (read after the
    round's event, which is drawn first)."""
    r = sc.rules
    if rnd < r.drift_from_round:
        return 0  # the table gets a first round before stalling starts to cost
    if p <= r.drift_low_p:
        return r.drift_low_e
    if p >= r.drift_high_p:
        return r.drift_high_e
    return 0


def _payment_ok(state: GameState | PlayerView, mover: Role, other: Role, pay: int) -> bool:
    if pay > 0:
        return state.ip_of(mover) >= pay
    if pay < 0:
        return state.ip_of(other) >= -pay
    return True


def _legal_bargain(state: GameState, seat: Role) -> list[Action]:
    b = state.bargain
    assert b is not None
    offer_by = b.offer.by
    out: list[Action] = []
    if _payment_ok(state, offer_by, seat, b.offer.pay):
        out.append(Action(seat, "accept"))
    out.append(Action(seat, "walk"))
    if b.exchanges < state.scenario.rules.max_exchanges:
        out.extend(_bargain_counters(state, seat))
    return out


def _bargain_counters(state: GameState | PlayerView, seat: Role) -> tuple[Action, ...]:
    """Every counter-offer ``seat`` could make to the offer on the table (exchanges left or not)."""
    b = state.bargain
    assert b is not None
    mp = state.scenario.rules.max_side_payment
    pays = tuple(p for p in range(-mp, mp + 1) if _payment_ok(state, seat, b.offer.by, p))
    kind = state.motions[b.motion_index].terms.kind
    return _counter_actions(seat, _terms_args(state, kind, skip_motion=b.motion_index), pays)


def open_counters(view: PlayerView) -> list[Action]:
    """Every counter-offer the seat to move in a bargain could make if an exchange were left.

    Public information only. At the last accept-or-walk no counter is legal, but what the
    offer is worth still depends on the bundles the negotiation was about (these)."""
    if view.bargain is None or view.to_move is None:
        return []
    return list(_bargain_counters(view, view.to_move))


# ---------------------------------------------------------------------------
# apply
# ---------------------------------------------------------------------------


def apply(state: GameState, action: Action) -> GameState:
    """Return the state after ``action``.

    Raises:
        IllegalActionError: with the reason; ``state`` is unchanged (states are immutable).
    """
    _check_legal(state, action)
    w = _W(state)
    _do(w, action)
    _advance(w)
    return w.freeze(str(action))


def is_legal(state: GameState, action: Action) -> bool:
    try:
        _check_legal(state, action)
    except IllegalActionError:
        return False
    return True


def _check_legal(state: GameState, a: Action) -> None:
    if state.phase == Phase.OVER:
        raise IllegalActionError("The game is over; no more actions can be taken.")
    if a.seat not in state.roles:
        raise IllegalActionError(f"There is no seat {a.seat.value} at this table.")
    if state.to_move != a.seat:
        who = state.to_move.value if state.to_move else "nobody"
        raise IllegalActionError(f"It is not {a.seat.value}'s turn; {who} is to act ({state.phase.value}).")
    if _LegalCache.contains(state, a):
        return
    raise IllegalActionError(_why_illegal(state, a))


def _why_illegal(state: GameState, a: Action) -> str:
    sc = state.scenario
    ph = state.phase
    verb_phase = {
        "agenda": {Phase.AGENDA}, "propose": {Phase.PROPOSALS}, "play": {Phase.PROPOSALS},
        "probe": {Phase.PROPOSALS}, "gift": {Phase.PROPOSALS},
        "pass": {Phase.PROPOSALS, Phase.CHAIR}, "accept": {Phase.BARGAIN}, "walk": {Phase.BARGAIN},
        "counter": {Phase.BARGAIN}, "switch": {Phase.CHAIR}, "vote": {Phase.VOTE},
        "comply": {Phase.COMPLIANCE}, "reimpose": {Phase.REIMPOSE}, "lookaway": {Phase.REIMPOSE},
        "hold": {Phase.EROSION}, "letgo": {Phase.EROSION},
    }
    if ph not in verb_phase.get(a.verb, set()):
        return f"'{a.verb}' cannot be used in the {ph.value} step."
    if a.verb == "propose":
        kind = a.terms.kind
        rule = sc.motions[kind]
        if a.seat not in rule.proposers:
            return f"{sc.roles[a.seat].name} cannot table a {kind.value} motion."
        if state.ip_of(a.seat) < sc.rules.motion_cost_ip:
            return f"Tabling a motion costs {sc.rules.motion_cost_ip} IP and {a.seat.value} has too little."
        if kind in ASSET_MOTIONS and state.asset_ban_round == state.round:
            return "A court challenge bars asset motions this round."
        if kind == MotionKind.SETTLEMENT:
            return f"A Settlement can only be tabled when Peace is {rule.min_p} or more, once a round."
        return f"Those {kind.value} terms are not available now ({' '.join(a.args)})."
    if a.verb == "vote":
        return f"A ballot needs exactly one Y or N for each of the {len(state.motions)} motions."
    if a.verb == "comply":
        return f"The compliance choice needs one C or D for each of the {len(state.pending_compliance)} active deals."
    if a.verb == "counter":
        b = state.bargain
        if b is not None and b.exchanges >= sc.rules.max_exchanges:
            return "No exchanges are left on this motion: accept or walk away."
        return "That counter-offer is not possible (terms unavailable, or someone cannot pay)."
    if a.verb == "accept":
        return "The offer cannot be accepted: its payer does not have the IP."
    if a.verb == "reimpose":
        return f"Reimposing costs {sc.rules.reimpose_ip} IP."
    if a.verb == "probe":
        return f"A probe costs {sc.rules.probe_ip} IP, once a round."
    return f"'{a}' is not a legal action now."


def _do(w: _W, a: Action) -> None:
    sc = w.sc
    v = a.verb
    if v == "agenda":
        roles = _proposal_roles(w._base)
        k = roles.index(Role(a.args[0]))
        w.order = roles[k:] + roles[:k]
        w.order_index = 0
        w.phase = Phase.PROPOSALS
        w.note("log.agenda", a.seat.value, a.args[0])
    elif v == "propose":
        kind = a.terms.kind
        w.add_ip(a.seat, -sc.rules.motion_cost_ip)
        resp = _respondent(w._base, kind, a.seat)
        mid = motion_id(w.round, len(w.motions))
        w.motions = w.motions + (
            Motion(id=mid, round=w.round, proposer=a.seat, respondent=resp if isinstance(resp, Role) else None, terms=a.terms),
        )
        w.note("log.propose", a.seat.value, " ".join(a.args))
        w.order_index += 1
    elif v == "pass":
        if w.phase == Phase.PROPOSALS:
            w.order_index += 1
            w.note("log.pass", a.seat.value)
        else:  # chair passes on switching
            w.chair_switched = True
    elif v == "play":
        _play_card(w, a)
    elif v == "probe":
        _probe(w, a.seat)
        w.order_index += 1
    elif v == "gift":
        n = int(a.args[1])
        w.add_ip(a.seat, -n)
        w.add_ip(Role(a.args[0]), n, spent=False)
        w.note("log.gift", a.seat.value, a.args[0], n)
        w.order_index += 1
    elif v in ("accept", "walk", "counter"):
        _bargain_step(w, a)
    elif v == "switch":
        mid = int(a.args[0])
        k = next(i for i, m in enumerate(w.motions) if m.id == mid)
        m = w.motions[k]
        w.add_ip(a.seat, -sc.rules.chair_switch_ip)
        w.set_motion(k, terms=m.terms.model_copy(update={"channel": Channel(a.args[1])}), switched=True)
        w.chair_switched = True
        w.note("log.switch", a.seat.value, mid, a.args[1])
    elif v == "vote":
        w.ballots = w.ballots + ((a.seat, a.args[0]),)
        w.note("log.voted", a.seat.value)
        w.note("log.own_ballot", a.args[0], to=(a.seat,))
    elif v == "comply":
        _resolve_compliance(w, a.args[0])
    elif v in ("reimpose", "lookaway"):
        did = w.reimpose_queue[0]
        w.reimpose_queue = w.reimpose_queue[1:]
        if v == "reimpose":
            w.add_ip(a.seat, -sc.rules.reimpose_ip)
            w.track("C", sc.rules.reimpose_c)
            w.note("log.reimpose", a.seat.value, did)
        else:
            w.track("C", sc.rules.look_away_c)
            w.note("log.lookaway", a.seat.value, did)
        _check_end(w)
    elif v in ("hold", "letgo"):
        if v == "hold" and w.ipof(a.seat) >= sc.rules.erosion_hold_ip:
            w.add_ip(a.seat, -sc.rules.erosion_hold_ip)
            w.note("log.erosion_hold", a.seat.value, sc.rules.erosion_hold_ip)
        else:
            _erode(w)
        _end_round(w)
    w.to_move = None


def _play_card(w: _W, a: Action) -> None:
    sc = w.sc
    card = a.args[0]
    k = w.i(Role.A)
    hands = list(w.hands)
    hands[k] = tuple(c for c in hands[k] if c != card)
    w.hands = tuple(hands)
    if card == "phased":
        did = int(a.args[1])
        w.set_deal(did, phased=True, required=phased_required(sc, w._base.deal(did)))
        w.note("log.play_phased", a.seat.value, did)
        _payouts(w)
    else:
        # the Custodian's price for the Watching Power's card: taken, not spent by the Custodian's
        # choice (play-test: it lost the tie-break on least influence spent by these 2 IP)
        w.add_ip(Role.H, -sc.rules.guarantee_h_ip, spent=False)
        w.track("P", sc.rules.guarantee_p)
        w.note("log.play_guarantee", a.seat.value, sc.rules.guarantee_h_ip, sc.rules.guarantee_p)


def phased_required(sc: Scenario, d: Deal) -> int:
    """The quiet rounds escrow deal ``d`` needs before it pays out once Phased sequencing is
    played on it (it pays out at once if it already has them)."""
    return min(d.required, sc.rules.phased_comply_rounds)


def _probe(w: _W, seat: Role) -> None:
    r = w.sc.rules
    w.add_ip(seat, -r.probe_ip)
    w.probed = True
    if w.tr["C"] <= r.probe_c_max:
        w.track("E", r.probe_e)
        w.probe_vp += r.probe_vp_hit
        w.note("log.probe_hit", seat.value, r.probe_e, r.probe_vp_hit)
    else:
        w.probe_vp += r.probe_vp_miss
        w.note("log.probe_miss", seat.value, r.probe_vp_miss)
    _check_end(w)


def _bargain_step(w: _W, a: Action) -> None:
    b = w.bargain
    assert b is not None
    k = b.motion_index
    m = w.motions[k]
    if a.verb == "accept":
        off = b.offer
        pay = off.pay
        if pay > 0:
            w.add_ip(off.by, -pay)
            w.add_ip(a.seat, pay, spent=False)
        elif pay < 0:
            w.add_ip(a.seat, pay)
            w.add_ip(off.by, -pay, spent=False)
        side = pay if off.by == m.proposer else -pay
        w.set_motion(k, terms=off.terms, status=MotionStatus.AGREED, side_payment=side, promised=(m.proposer, m.respondent))
        w.note("log.accept", a.seat.value, off.by.value, " ".join(terms_to_args(off.terms)), pay)
        _next_bargain(w, k + 1)
    elif a.verb == "walk":
        w.set_motion(k, status=MotionStatus.WALKED)
        w.note("log.walk", a.seat.value, m.id)
        _next_bargain(w, k + 1)
    else:
        other = b.offer.by
        w.bargain = Bargain(
            motion_index=k, to_move=other, offer=Offer(by=a.seat, terms=a.terms, pay=a.pay), exchanges=b.exchanges + 1
        )
        w.note("log.counter", a.seat.value, " ".join(a.args[:-2]), a.pay)


def _next_bargain(w: _W, start: int) -> None:
    for k in range(start, len(w.motions)):
        m = w.motions[k]
        if m.respondent is not None and m.status == MotionStatus.TABLED:
            w.bargain = Bargain(motion_index=k, to_move=m.respondent, offer=Offer(by=m.proposer, terms=m.terms))
            w.phase = Phase.BARGAIN
            return
    w.bargain = None
    w.phase = Phase.CHAIR


# ---------------------------------------------------------------------------
# the automatic flow: who acts next, and the steps nobody decides
# ---------------------------------------------------------------------------


def _advance(w: _W) -> None:
    """Run automatic steps until a seat must decide or the game is over."""
    sc = w.sc
    for _ in range(10_000):
        if w.phase == Phase.OVER:
            w.to_move = None
            return
        if w.phase == Phase.AGENDA:
            if w.plays(Role.M):
                w.to_move = Role.M
                return
            # the first proposer rotates over the seats that play (a rules-run Watching Power
            # tables nothing: counted, it gave the Custodian a second lead in round 4 at 3
            # seats); the rules-run Watching Power keeps its place in the order, to probe
            roles = tuple(r for r in w.roles if r not in w.automated or r == Role.F)
            playing = [r for r in roles if r not in w.automated]
            k = roles.index(playing[(w.round - 1) % len(playing)])
            w.order = roles[k:] + roles[:k]
            w.order_index = 0
            w.phase = Phase.PROPOSALS
            # said as an AI or human Chair's choice is (play-test: at 3 seats nothing said who led)
            w.note("log.agenda_rules", roles[k].value)
            continue
        if w.phase == Phase.PROPOSALS:
            if w.order_index >= len(w.order):
                _next_bargain(w, 0)
                continue
            r = w.order[w.order_index]
            if r in w.automated:  # the rules run the Watching Power: probe whenever C is low
                if r == Role.F and w.tr["C"] <= sc.rules.probe_c_max and w.ipof(r) >= sc.rules.probe_ip and not w.probed:
                    _probe(w, r)
                w.order_index += 1
                continue
            w.to_move = r
            return
        if w.phase == Phase.BARGAIN:
            assert w.bargain is not None
            w.to_move = w.bargain.to_move
            return
        if w.phase == Phase.CHAIR:
            has_deal = any(m.terms.kind == MotionKind.DEAL for m in w.motions)
            if w.plays(Role.M) and not w.chair_switched and has_deal and w.ipof(Role.M) >= sc.rules.chair_switch_ip:
                w.to_move = Role.M
                return
            w.phase = Phase.VOTE
            w.ballots = ()
            continue
        if w.phase == Phase.VOTE:
            if not w.motions:  # said, so a stalled round is seen as one (play-test: every seat passed
                # and the next thing shown was the compliance and an event)
                w.note("log.no_motions")
                _start_compliance(w)
                continue
            cast = {r for r, _ in w.ballots}
            for r in w.roles:
                if r != Role.F and r not in w.automated and r not in cast:
                    w.to_move = r
                    return
            _resolve_votes(w)
            if w.outcome_reason is not None:
                continue
            _start_compliance(w)
            continue
        if w.phase == Phase.COMPLIANCE:
            if w.pending_compliance:
                w.to_move = Role.S
                return
            w.phase = Phase.REIMPOSE
            continue
        if w.phase == Phase.REIMPOSE:
            if w.reimpose_queue:
                w.to_move = Role.H
                return
            _event_and_drift(w)
            if w.outcome_reason is not None:
                continue
            w.phase = Phase.EROSION
            continue
        if w.phase == Phase.EROSION:
            rules = sc.rules
            if w.round >= rules.erosion_from_round and w.vault > 0 and rules.erosion_tokens > 0:
                if w.ipof(Role.H) >= rules.erosion_hold_ip:
                    w.to_move = Role.H
                    return
                _erode(w)
            _end_round(w)
            continue
    raise RuntimeError("the automatic flow did not settle")  # pragma: no cover


def _begin_round(w: _W) -> None:
    sc = w.sc
    w.note("log.round", w.round)
    w.motions = ()
    w.ballots = ()
    w.bargain = None
    w.chair_switched = False
    w.probed = False
    w.order = ()
    w.order_index = 0
    for r in w.roles:
        w.add_ip(r, sc.roles[r].income, spent=False)
    if Role.M in w.roles:
        extra = sum(sc.infra(b).chair_ip_per_round for b in w.built)
        if extra:
            w.add_ip(Role.M, extra, spent=False)
    if w.vault >= sc.rules.windfall_min_vault and sc.rules.windfall_fund:
        w.fund += sc.rules.windfall_fund
        w.note("log.windfall", sc.rules.windfall_fund)
    w.phase = Phase.AGENDA


def _start_compliance(w: _W) -> None:
    w.pending_compliance = tuple(d.id for d in w.deals if d.status == DealStatus.ACTIVE)
    w.phase = Phase.COMPLIANCE


def _resolve_votes(w: _W) -> None:
    sc = w.sc
    ballots = dict(w.ballots)
    w.votes_revealed = tuple((r, ballots[r]) for r in w.roles if r in ballots)
    w.ballots = ()
    w.note("log.votes_revealed", " ".join(f"{r.value}:{b}" for r, b in w.votes_revealed))
    for k in range(len(w.motions)):
        m = w.motions[k]
        said_yes = {r: b[k] == "Y" for r, b in ballots.items()}
        yes = sum(said_yes.values())
        no = len(said_yes) - yes
        passed = motion_passes(sc, m.terms.kind, said_yes)
        # a promise holds the terms it was made on: after the Chair's switch a No breaks nothing
        broken = tuple(r for r in m.promised if m.binds(r) and r in ballots and ballots[r][k] == "N")
        if broken:
            w.broken_promises = w.broken_promises + tuple((m.id, r) for r in broken)
            for r in broken:
                w.note("log.broken_promise", r.value, m.id)
        if passed:
            ok = _carry_out(w, m)
            w.set_motion(k, status=MotionStatus.PASSED if ok else MotionStatus.VOID)
            if not ok:
                w.note("log.void", m.id)
        else:
            w.set_motion(k, status=MotionStatus.FAILED)
            # the log, which stays on screen, names the seats whose yes it needed, as the opened
            # ballots do (play-test: "Motion 101 fails (3 for, 1 against)" read as a mistake)
            why, who = why_failed(sc, m.terms.kind, said_yes)
            if why == "required" and len(who) <= 2:
                w.note("log.failed_needed" + ("2" if len(who) == 2 else ""), m.id, yes, no, *(r.value for r in who))
            else:
                w.note("log.failed", m.id, yes, no)
            if m.terms.kind == MotionKind.DEAL:  # a fine, not influence spent (the tie-break)
                w.add_ip(m.proposer, -sc.rules.failed_deal_ip, spent=False)
                if m.proposer != Role.S:
                    w.add_ip(Role.S, -sc.rules.failed_deal_ip, spent=False)
        if m.terms.kind == MotionKind.SETTLEMENT and passed:
            for j in range(k + 1, len(w.motions)):
                w.set_motion(j, status=MotionStatus.VOID)
            w.last_motions = w.motions
            _finish(w, OutcomeReason.SETTLEMENT)
            return
        if _check_end(w):
            break
    w.last_motions = w.motions


def motion_passes(sc: Scenario, kind: MotionKind, yes: Mapping[Role, bool]) -> bool:
    """The Board's decision on one motion from the cast ballots (True = yes).

    More yes than no passes; a tie goes the way the Chair voted (the Frontline State's way if
    the Chair has no vote); and every seat whose yes the motion needs, if it voted, said yes.
    The AI uses the same function to estimate its chances.
    """
    return _count_carries(yes) and not _missing_yes(sc, kind, yes)


def why_failed(sc: Scenario, kind: MotionKind, yes: Mapping[Role, bool]) -> tuple[str, tuple[Role, ...]]:
    """Why the Board turned a motion down, from the cast ballots (as ``motion_passes`` reads them):
    ("required", the seats whose yes it needed and who said no), ("tie", (the seat that broke
    the tie,)), ("majority", ()); ("", ()) if it passed. A missing required yes is named first:
    it sinks the motion whatever the count (play-test: "A tie, and Chair voted No." hid that the
    Frontline State's No had sunk the Settlement too)."""
    missing = _missing_yes(sc, kind, yes)
    if missing:
        return ("required", missing)
    if _count_carries(yes):
        return ("", ())
    ys = sum(yes.values())
    return ("tie", (_tie_breaker(yes),)) if ys * 2 == len(yes) else ("majority", ())


def motion_id(round_: int, index: int) -> int:
    """A motion's id: its round and its place on that round's table (0 first), as 301 for the
    first motion of round 3; the log, the broken promises and the player see it."""
    return round_ * 100 + index + 1


def motion_place(mid: int) -> tuple[int, int]:
    """The round and the place on that round's table of motion ``mid`` (``motion_id`` undone)."""
    return mid // 100, mid % 100 - 1


@dataclass(frozen=True)
class OpenedMotion:
    """A motion whose ballots were opened, as the public log tells it (``opened_ballots``)."""

    round: int
    index: int  # its place on that round's table
    kind: MotionKind
    proposer: Role
    respondent: Role | None  # who bargained over it with its proposer
    walked: bool  # its bargaining ended in a walk-away
    ballots: tuple[tuple[Role, bool], ...]  # each voter's yes (True) or no on it

    @property
    def id(self) -> int:
        return motion_id(self.round, self.index)


def opened_ballots(game: GameState | PlayerView) -> list[OpenedMotion]:
    """Every motion of ``game`` whose ballots have been opened, oldest first, from the log
    lines anyone may read: a round's motions are its tablings in order, and its opened ballots
    give one letter per motion in that order."""
    log = game.log
    out: list[OpenedMotion] = []
    tabled: list[tuple[MotionKind, Role]] = []
    walked: set[int] = set()
    rnd = 0
    for e in log:
        if e.round != rnd:
            rnd, tabled, walked = e.round, [], set()
        if e.key == "log.propose":
            tabled.append((MotionKind(e.args[1].split()[0]), Role(e.args[0])))
        elif e.key == "log.walk":
            walked.add(motion_place(int(e.args[1]))[1])
        elif e.key == "log.votes_revealed":
            cast = [part.split(":") for part in e.args[0].split()]
            for k, (kind, proposer) in enumerate(tabled):
                ballots = tuple((Role(seat), b[k] == "Y") for seat, b in cast if k < len(b))
                out.append(OpenedMotion(e.round, k, kind, proposer, respondent(game, kind, proposer),
                                        k in walked, ballots))
    return out


def bargain_offers(game: GameState | PlayerView) -> list[tuple[Role, Terms, int]]:
    """The offers of the negotiation under way, oldest first, from the log lines anyone may
    read: (who made it, its terms, the IP its maker pays the other side). The tabled motion is
    the proposer's first offer (no side payment); the counters follow it at the end of the log.
    Empty outside bargaining."""
    b = game.bargain
    if game.phase != Phase.BARGAIN or b is None:
        return []
    counters: list[tuple[Role, Terms, int]] = []
    for e in reversed(game.log):
        if e.round != game.round or e.key != "log.counter":
            break
        counters.append((Role(e.args[0]), terms_from_args(tuple(e.args[1].split())), int(e.args[2])))
    counters.reverse()
    m = game.motions[b.motion_index]
    return [(m.proposer, m.terms, 0), *counters]


def walked_by(game: GameState | PlayerView, motion_id: int) -> Role | None:
    """Who walked away from the bargaining over motion ``motion_id`` this round (the log line
    anyone may read), or None."""
    for e in reversed(game.log):
        if e.round != game.round:
            break
        if e.key == "log.walk" and e.args[1:2] == (str(motion_id),):
            return Role(e.args[0])
    return None


def _tie_breaker(yes: Mapping[Role, bool]) -> Role:
    return Role.M if Role.M in yes else Role.A


def _count_carries(yes: Mapping[Role, bool]) -> bool:
    """More yes than no, or a tie the breaker voted yes on."""
    ys = sum(yes.values())
    no = len(yes) - ys
    return ys > no if ys != no else yes.get(_tie_breaker(yes), False)


def snapback_peace(sc: Scenario, deal: Deal) -> int:
    """The Peace a Snapback of ``deal`` takes back: its concession is withdrawn, so what it added
    when the deal passed (play-test: a Weapons pullback passed at Peace 10 added nothing, and its
    Snapback would have taken 2)."""
    if deal.peace is not None:
        return max(0, deal.peace)
    try:  # a deal from a game saved before the Peace added was kept
        return max(0, sc.concession(deal.concession).p_gain)
    except (KeyError, ValueError):
        return 0


def respondent_vetoes(sc: Scenario, m: Motion) -> bool:
    """Whether the motion needs its respondent's yes: its No alone sinks it in the vote, so
    walking away from the bargaining leaves the motion to that respondent (the AI's threat,
    and what the negotiation dialog tells a player)."""
    return _vetoes(sc, m.terms.kind, m.respondent)


def would_need_yes(state: GameState | PlayerView, kind: MotionKind, proposer: Role) -> bool:
    """``respondent_vetoes`` for a motion not tabled yet: whether one of ``kind`` tabled by
    ``proposer`` would need its respondent's yes."""
    return _vetoes(state.scenario, kind, respondent(state, kind, proposer))


def _vetoes(sc: Scenario, kind: MotionKind, resp: Role | None) -> bool:
    return resp is not None and resp in sc.motions[kind].required_yes


def _missing_yes(sc: Scenario, kind: MotionKind, yes: Mapping[Role, bool]) -> tuple[Role, ...]:
    """The seats whose yes the motion needs that voted and said no."""
    return tuple(r for r in sc.motions[kind].required_yes if r in yes and not yes[r])


def _channel_effects(w: _W, ch: Channel, tranches: int) -> int:
    """Apply a channel's per-tranche effects one tranche at a time, stopping at a limit; return
    how many tranches landed.

    Tranches move one after another, so when one tranche takes Legal risk or Escalation to its
    limit, that ends the game before the next tranche moves: its tokens stay in the Vault.
    """
    spec = w.sc.channels[ch]
    r = w.sc.rules
    deltas = [(t, getattr(spec, t)) for t in TRACKS if getattr(spec, t)]
    for k in range(tranches):
        for t, d in deltas:
            w.track(t, d)
        if spec.fund:
            w.fund = max(0, w.fund + spec.fund)
        if w.tr["L"] >= r.l_court or w.tr["E"] >= r.e_loss:
            return k + 1
    return tranches


def _carry_out(w: _W, m: Motion) -> bool:
    sc = w.sc
    t = m.terms
    if t.kind in TRANCHE_MOTIONS:
        n = t.tranches * sc.tranche
        if n > w.vault:
            return False
        added = 0  # the Peace a Deal's concession adds (kept with the deal)
        if t.kind == MotionKind.DEAL:
            assert t.concession is not None and t.channel is not None
            if t.concession not in w.hands[w.i(Role.S)]:
                return False
            spec = sc.concession(t.concession)
            hands = list(w.hands)
            hands[w.i(Role.S)] = tuple(c for c in hands[w.i(Role.S)] if c != t.concession)
            w.hands = tuple(hands)
            w.played = w.played + (t.concession,)
            if spec.enables_monitors:
                _unlock_monitors(w)
            added = w.track("P", spec.p_gain)
            w.concession_vp += spec.cost_vp
            ch = t.channel
        else:
            ch = Channel.REDIRECT
        landed = _channel_effects(w, ch, t.tranches)  # the tranches after a game-ending one stay put
        n = landed * sc.tranche
        w.vault -= n
        escrow = 0
        if ch == Channel.RELEASE:
            w.released += n
            w.release_tranches += landed
        elif ch == Channel.REDIRECT:
            w.redirected += n
            w.redirected_tranches += landed
        else:
            escrow = n
        if t.kind == MotionKind.DEAL:
            assert t.concession is not None
            required = sc.escrow.comply_rounds if ch == Channel.ESCROW else sc.rules.watch_rounds
            did = len(w.deals) + 1
            w.deals = w.deals + (
                Deal(id=did, round=w.round, motion_id=m.id, concession=t.concession, channel=ch,
                     tranches=landed, escrow_tokens=escrow, required=required, peace=added),
            )
            w.note("log.deal_passed", did, t.concession, ch.value, t.tranches)
        else:
            w.note("log.mobilized", landed)
        if landed < t.tranches:
            w.note("log.tranches_stopped", landed, t.tranches)
        return True
    if t.kind == MotionKind.BUILD:
        assert t.target is not None
        spec_i = sc.infra(t.target)
        if t.target not in w.infra_row or w.fund < spec_i.cost:
            return False
        w.fund -= spec_i.cost
        w.fund_spent += spec_i.cost
        row = list(w.infra_row)
        row.remove(t.target)
        if w.infra_deck and spec_i.effect != InfraEffect.MONITORS:
            row.append(w.infra_deck[0])
            w.infra_deck = w.infra_deck[1:]
        w.infra_row = tuple(row)
        w.built = w.built + (t.target,)
        for tr in ("P", "L", "E"):
            d = getattr(spec_i, tr)
            if d:
                w.track(tr, d)
        w.note("log.built", t.target)
        return True
    if t.kind == MotionKind.SNAPBACK:
        assert t.target is not None
        did = int(t.target)
        d = next((x for x in w.deals if x.id == did), None)
        if d is None or d.status != DealStatus.ACTIVE or d.escrow_tokens == 0:
            return False
        w.vault += d.escrow_tokens
        w.set_deal(did, escrow_tokens=0, status=DealStatus.SNAPPED)
        # the relief is taken back, so the concession it bought is withdrawn: Peace falls by what
        # the concession added (play-test: a Custodian snapped back a deal the Sanctioned Power had
        # complied with, kept the Peace and avoided the Precedent, at no cost but 1 IP)
        back = w.track("P", -snapback_peace(w.sc, d))
        if back:
            w.note("log.snapback_withdrawn", did, d.concession, f"{back:+d}")
        else:  # (Peace already at 0: nothing left to take back)
            w.note("log.snapback", did)
        return True
    # settlement is finished by the caller
    w.note("log.settlement")
    return True


def _unlock_monitors(w: _W) -> None:
    """Admit monitors puts the set-aside Ceasefire Monitors face up beside the row."""
    for spec in w.sc.infrastructure:
        if spec.effect != InfraEffect.MONITORS:
            continue
        waiting = spec.copies - w.built.count(spec.id) - w.infra_row.count(spec.id)
        if waiting > 0:
            w.infra_row = w.infra_row + (spec.id,) * waiting
            w.note("log.monitors_available", spec.id)


def _resolve_compliance(w: _W, choices: str) -> None:
    sc = w.sc
    r = sc.rules
    monitors = w.built_effect(InfraEffect.MONITORS) > 0
    e0 = w.tr["E"]
    # said first, then what the choices led to (facilitator play-test: the transcript read "A
    # defection on deal 1 is detected" before "The Sanctioned Power has made its compliance choices")
    w.note("log.compliance_done")
    for did, ch in zip(w.pending_compliance, choices, strict=True):
        d = next(x for x in w.deals if x.id == did)
        if ch == "D":
            w.defections += 1
            w.track("E", r.defect_e)
            roll = 0 if monitors else w.die(6)
            if monitors or roll >= r.detect_on:
                w.detected_defections += 1
                w.vault += d.escrow_tokens
                w.set_deal(did, escrow_tokens=0, status=DealStatus.BROKEN)
                w.reimpose_queue = w.reimpose_queue + (did,)
                # how it was caught, with the die (play-test: "detected (roll)", no number), and
                # an escrow snapping back only where there is one (not on a Release deal)
                how = "the monitors" if monitors else f"a roll of {roll}"
                w.note("log.defection_detected" if d.escrow_tokens else "log.defection_detected_open", did, how)
                continue
            w.undetected_defections += 1
            w.secret_defections = w.secret_defections + ((w.round, did),)
            w.note("log.defection_hidden", did, to=(Role.S,))
        w.set_deal(did, streak=d.streak + 1)
    w.pending_compliance = ()
    if w.tr["E"] != e0:  # every defection moves Escalation where all see it, caught or not: said
        # (play-test: an unseen defection's +1 and an event's +4 took the track from 5 to 10 unexplained)
        w.note("log.compliance_escalation", w.tr["E"] - e0, e0, w.tr["E"])
    _payouts(w)
    _check_end(w)


def _payouts(w: _W) -> None:
    """Pay or complete every active deal whose watch is over."""
    for d in w.deals:
        if d.status != DealStatus.ACTIVE or d.streak < d.required:
            continue
        if d.channel == Channel.ESCROW:
            _pay_escrow(w, d)
        else:
            w.set_deal(d.id, status=DealStatus.COMPLETED)


def _pay_escrow(w: _W, d: Deal) -> None:
    """An escrow deal's tokens go to the Sanctioned Power, with their Precedent."""
    sc = w.sc
    monitors = w.built_effect(InfraEffect.MONITORS) > 0
    w.released += d.escrow_tokens
    g = sc.escrow.g_at_payout_with_monitors if monitors else sc.escrow.g_at_payout
    if g:
        w.track("G", g * d.tranches)
    w.set_deal(d.id, escrow_tokens=0, status=DealStatus.PAID)
    w.note("log.escrow_paid", d.id, d.tranches)


def _event_and_drift(w: _W) -> None:
    sc = w.sc
    if not w.event_deck:  # a long custom scenario: reshuffle the discards
        w.rng, deck = R.shuffled(w.rng, [e.id for e in sc.events])
        w.event_deck = deck
    eid = w.event_deck[0]
    w.event_deck = w.event_deck[1:]
    w.events_drawn = w.events_drawn + (eid,)
    w.note("log.event", eid)
    _apply_event(w, eid)
    if _check_end(w):
        return
    drift = round_end_drift(sc, w.round, w.tr["P"])
    if drift:
        w.track("E", drift)
        w.note("log.drift", drift)
    _check_end(w)


def _condition_holds(w: _W, e: EffectSpec) -> bool:
    """The effect's track condition, if it has one, is met."""
    return e.if_track is None or e.at_least <= w.tr[e.if_track] <= e.at_most


def _blocked_by(w: _W, e: EffectSpec) -> str | None:
    """The built infrastructure that cancels the effect (its ``unless_built``), if any."""
    if e.unless_built is None:
        return None
    return next((b for b in w.built if w.sc.infra(b).effect == e.unless_built), None)


def _apply_event(w: _W, eid: str) -> None:
    sc = w.sc
    ev = sc.event(eid)
    if ev.kind == EventKind.SIMPLE:
        for e in ev.effects:
            if not _condition_holds(w, e):
                continue
            blocker = _blocked_by(w, e)
            if blocker is not None:
                if e.target == "track":  # the card said it would move a track: say why it did not
                    w.note("log.event_blocked", blocker, e.key, f"{e.delta:+d}")
                continue
            if e.target == "track":
                w.track(e.key, e.delta)  # type: ignore[arg-type]
            elif e.target == "ip":
                role = Role(e.key)
                if role in w.roles:
                    w.add_ip(role, e.delta, spent=False)
            elif e.target == "fund":
                w.fund = max(0, w.fund + e.delta)
            elif e.target == "return_tokens":
                n = min(w.vault, e.delta)
                w.vault -= n
                w.returned += n
    elif ev.kind == EventKind.COURT_CHALLENGE:
        # the log says why it did or did not take effect: L against l_min, then the d6 against L - offset
        L = w.tr["L"]
        if L >= ev.l_min:
            roll = w.die(6)
            needed = L - ev.roll_offset
            if roll <= needed:
                w.asset_ban_round = w.round + 1
                w.note("log.court_upheld", roll, needed, L, ev.roll_offset)
            else:
                w.note("log.court_dismissed", roll, needed, L, ev.roll_offset)
        else:
            w.note("log.court_too_low", L, ev.l_min)
    elif ev.kind == EventKind.COMPETING_CREDITORS:
        outside = sc.tokens - w.vault
        d = outside // ev.tokens_per_step
        if d:
            w.track("L", d)
        w.note("log.creditors", outside, d)
    elif ev.kind == EventKind.RENEWAL_VOTE:
        if w.vault == 0:  # nothing is left frozen in the Vault: nothing to renew, nobody pays
            w.note("log.renewal_nothing")
            return
        # the ally with the most IP pays with the Custodian (the first in table order on a tie)
        ally: Role | None = None
        for x in w.roles:
            if x in (Role.H, Role.S, Role.F) or x in w.automated:
                continue
            if ally is None or w.ipof(x) > w.ipof(ally):
                ally = x
        can = w.ipof(Role.H) >= ev.ip_cost and (ally is None or w.ipof(ally) >= ev.ip_cost)
        if can:  # taken by the event, not spent by choice (the tie-break)
            w.add_ip(Role.H, -ev.ip_cost, spent=False)
            if ally is not None:
                w.add_ip(ally, -ev.ip_cost, spent=False)
            w.note("log.renewed", ally.value if ally else "-")
        else:
            n = min(w.vault, ev.tokens)
            w.vault -= n
            w.returned += n
            w.track("C", ev.c_penalty)
            w.note("log.renewal_failed", n)
    elif ev.kind == EventKind.HUMANITARIAN:
        # the change said is the change made (play-test: "Peace +1" at Peace 10)
        if w.fund >= ev.fund_cost:
            w.fund -= ev.fund_cost
            w.fund_spent += ev.fund_cost
            moved = w.track("P", ev.p_gain)
            if moved:
                w.note("log.relief_paid", ev.fund_cost, f"{moved:+d}")
            else:
                w.note("log.relief_paid_still", ev.fund_cost, w.tr["P"])
        else:
            moved = w.track("P", ev.p_loss)
            if moved:
                w.note("log.relief_unpaid", w.fund, ev.fund_cost, f"{moved:+d}")
            else:
                w.note("log.relief_unpaid_still", w.fund, ev.fund_cost, w.tr["P"])


def _erode(w: _W) -> None:
    n = min(w.vault, w.sc.rules.erosion_tokens)
    if n:
        w.vault -= n
        w.returned += n
        w.note("log.erosion", n)


def _record(w: _W) -> None:
    rec = RoundRecord(
        round=w.round,
        tracks=Tracks(**w.tr),
        vault=w.vault,
        escrow=w.escrow_total(),
        released=w.released,
        redirected=w.redirected,
        returned=w.returned,
        fund=w.fund,
        ip=tuple(w.ip_l),
    )
    w.history = tuple(h for h in w.history if h.round != w.round) + (rec,)


def _end_round(w: _W) -> None:
    if w.phase == Phase.OVER:
        return
    _record(w)
    if w.round >= w.sc.rules.rounds:
        _finish(w, OutcomeReason.TIMEOUT)
        return
    w.round += 1
    _begin_round(w)


def _check_end(w: _W) -> bool:
    """End the game if Escalation or Legal risk hit their limits. Returns True if over."""
    if w.phase == Phase.OVER:
        return True
    r = w.sc.rules
    if w.tr["E"] >= r.e_loss:
        _finish(w, OutcomeReason.SHARED_LOSS)
        return True
    if w.tr["L"] >= r.l_court:
        _finish(w, OutcomeReason.COURT_COLLAPSE)
        return True
    return False


def _finish(w: _W, reason: OutcomeReason) -> None:
    sc = w.sc
    if reason == OutcomeReason.SETTLEMENT:
        w.settlement_round = w.round
        if sc.escrow.pays_at_settlement:  # the Settlement honours the deals it ends
            for d in w.deals:
                if d.status == DealStatus.ACTIVE and d.escrow_tokens:
                    _pay_escrow(w, d)
        if w.released + w.returned > 0 and sc.rules.settlement_g_if_received:
            w.track("G", sc.rules.settlement_g_if_received)
    elif reason == OutcomeReason.COURT_COLLAPSE:
        moved = w.vault + w.escrow_total()
        w.returned += moved
        w.vault = 0
        w.deals = tuple(
            d.model_copy(update={"escrow_tokens": 0, "status": DealStatus.BROKEN}) if d.escrow_tokens else d
            for d in w.deals
        )
        w.track("C", sc.rules.court_c)
        w.note("log.court_collapse", moved)
    elif reason == OutcomeReason.SHARED_LOSS:
        w.note("log.shared_loss")
    w.outcome_reason = reason
    if reason != OutcomeReason.SHARED_LOSS:
        odds = epilogue_odds(sc, w.tr["G"], w.tr["C"])
        roll = w.die(100)
        w.epilogue = Epilogue(odds=odds, roll=roll, aggression=aggression_at(odds, roll))
        w.note("log.epilogue", odds, roll, "yes" if w.epilogue.aggression else "no")
    _record(w)
    w.phase = Phase.OVER
    w.to_move = None
    w.bargain = None
    w.pending_compliance = ()
    w.reimpose_queue = ()


def epilogue_odds(sc: Scenario, g: int, c: int) -> int:
    """Chance (%) of new aggression in the Epilogue: per_g*G + per_c_below*(pivot-C), clamped."""
    e = sc.epilogue
    return max(0, min(e.max_odds, e.per_g * g + e.per_c_below * (e.c_pivot - c)))


def aggression_at(odds: int, roll: int) -> bool:
    """The Epilogue's roll of 1-100 means new aggression when it is at or under the odds (%)."""
    return roll <= odds


def default_action(state: GameState) -> Action:
    """The neutral choice for the seat to move, used when a phase timer runs out.

    Pass, walk away, vote no on everything, comply with every deal, look away, let go;
    in the agenda step, the first delegation in table order.

    Raises:
        IllegalActionError: the game is over.
    """
    seat = state.to_move
    if seat is None:
        raise IllegalActionError("The game is over; no more actions can be taken.")
    ph = state.phase
    if ph == Phase.AGENDA:
        return legal_actions(state, seat)[0]
    if ph in (Phase.PROPOSALS, Phase.CHAIR):
        return Action(seat, "pass")
    if ph == Phase.BARGAIN:
        return Action(seat, "walk")
    if ph == Phase.VOTE:
        return Action(seat, "vote", ("N" * len(state.motions),))
    if ph == Phase.COMPLIANCE:
        return Action(seat, "comply", ("C" * len(state.pending_compliance),))
    if ph == Phase.REIMPOSE:
        return Action(seat, "lookaway")
    return Action(seat, "letgo")


FACILITATOR_PREFIX = "! "


def inject_event(state: GameState, event_id: str) -> GameState:
    """A facilitator puts an event card on top of the deck: it is the next one drawn.

    The intervention is written into the action log (``! inject EVENT``) so that replays and
    saves rebuild the same game.

    Raises:
        IllegalActionError: unknown event, or the game is over.
    """
    if state.phase == Phase.OVER:
        raise IllegalActionError("The game is over; no event can be injected.")
    try:
        state.scenario.event(event_id)
    except KeyError:
        raise IllegalActionError(f"There is no event '{event_id}' in this scenario.") from None
    deck = list(state.event_deck)
    if event_id in deck:
        deck.remove(event_id)
    w = _W(state)
    w.event_deck = (event_id, *deck)
    w.note("log.injected", event_id)
    return w.freeze(f"{FACILITATOR_PREFIX}inject {event_id}")


def note_skip(state: GameState) -> GameState:
    """The facilitator ends the decision of the seat to move: a public line says so (play-test:
    the forced default read as that seat's own pass) and ``! skip SEAT`` goes into the action log;
    the caller then plays the seat's ``default_action`` as the next action.

    Raises:
        IllegalActionError: nobody is to move (the game is over).
    """
    seat = state.to_move
    if seat is None or state.phase == Phase.OVER:
        raise IllegalActionError("Nobody is to move; there is no decision to end.")
    w = _W(state)
    w.note("log.skipped", seat.value)
    return w.freeze(f"{FACILITATOR_PREFIX}skip {seat.value}")


def replay(scenario: Scenario, seats: int | Sequence[SeatConfig], seed: int, actions: Iterable[str]) -> GameState:
    """Rebuild a game from its action log (seat actions and facilitator interventions).

    Raises:
        ActionParseError, IllegalActionError: the log does not replay.
    """
    state = new_game(scenario, seats, seed)
    for text in actions:
        state = apply_logged(state, text)
    return state


def apply_logged(state: GameState, text: str) -> GameState:
    """Apply one line of an action log: a seat action or a facilitator intervention.

    Raises:
        ActionParseError, IllegalActionError: the line is malformed or not legal here.
    """
    if text.startswith(FACILITATOR_PREFIX):
        parts = text[len(FACILITATOR_PREFIX) :].split()
        if len(parts) == 2 and parts[0] == "inject":
            return inject_event(state, parts[1])
        if len(parts) == 2 and parts[0] == "skip" and state.to_move is not None and parts[1] == state.to_move.value:
            return note_skip(state)
        raise ActionParseError(f"'{text}' is not a known facilitator intervention.")
    return apply(state, Action.parse(text))
