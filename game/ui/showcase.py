"""Seeded game positions for screenshots, the UI benchmark and the scene tests.

``advance(state, until)`` plays every seat with the game's own AI (``game.ai.make_agent``) until
a condition holds, so the positions are real mid-game states reached by legal play.
"""

from __future__ import annotations

from collections.abc import Callable

from game.core import (
    Action,
    Controller,
    GameState,
    Phase,
    Role,
    SeatConfig,
    legal_actions,
    load_scenario,
    new_game,
    observe,
)

SHOW_SEED = 11


def seats_for(humans: tuple[Role, ...], count: int = 5, personality: str | None = None) -> list[SeatConfig]:
    """The seats of a ``count``-seat table, ``humans`` played by people; the AI seats take the
    four personalities in turn, or all ``personality``."""
    from game.core import playing_roles

    sc = load_scenario()
    pers = ("hawk", "dove", "pragmatist", "opportunist")
    return [SeatConfig(role=r, name=sc.roles[r].name,
                       controller=Controller.HUMAN if r in humans else Controller.AI,
                       personality=personality or pers[i % 4], difficulty="normal")
            for i, r in enumerate(playing_roles(count))]


Override = Callable[[GameState, list[Action]], Action | None]


def defect_always(state: GameState, legal: list[Action]) -> Action | None:
    """The Sanctioned Power defects on every deal (to reach a caught breach for the pictures)."""
    for a in legal:
        if a.verb == "comply" and set(a.args[0]) == {"D"}:
            return a
    return None


def quiet(state: GameState, legal: list[Action]) -> Action | None:
    """Nobody tables anything: the vault stays full while events and drift move the tracks."""
    if state.phase == Phase.PROPOSALS:
        # calming moves only (guarantees, hotlines, demining), never assets: the vault stays full
        for want in ("play guarantee", "propose build hotline", "propose build demining", "propose build secretariat"):
            for a in legal:
                if str(a).split(" ", 1)[1] == want:
                    return a
        return next((a for a in legal if a.verb == "pass"), None)
    return None


def advance(state: GameState, until: Callable[[GameState], bool], seed: int = 1, limit: int = 4000,
            override: Override | None = None) -> GameState:
    """Play all seats with the AI until ``until(state)``; returns the last state reached."""
    from game.ai import make_agent

    agents = {}
    for k, s in enumerate(state.seats):
        agents[s.role] = make_agent(s.personality, s.difficulty, seed * 101 + k)
    for _ in range(limit):
        if until(state) or state.is_over:
            return state
        seat = state.to_move
        assert seat is not None
        legal = legal_actions(state, seat)
        from game.core import apply

        forced = override(state, legal) if override else None
        if forced is not None:
            state = apply(state, forced)
            continue
        d = agents[seat].decide(observe(state, seat), legal)
        state = apply(state, d.action if d.action in legal else legal[0])
    return state


def fallback_seed(seed: int, attempt: int) -> int:
    """The game tried next when ``seed``'s game does not reach the position. Seeds under
    10,000 and attempts under 100 never share one (seeds 5 and 11 both used to fall back to
    game 1014, so a test's "other game" was the same game); SHOW_SEED keeps its old games,
    which the screenshots show."""
    if seed == SHOW_SEED:
        return 1000 + seed + attempt
    return 1_000_000 + 100 * seed + attempt


def midgame(humans: tuple[Role, ...] = (Role.H,), seed: int = SHOW_SEED,
            until: Callable[[GameState], bool] | None = None, override: Override | None = None) -> GameState:
    """A game in round 3 or later, at the first human's proposal turn (or ``until``)."""
    state = new_game(load_scenario(), seats_for(humans), seed)
    first = humans[0] if humans else Role.H
    def turn(s: GameState) -> bool:
        return s.phase == Phase.PROPOSALS and s.to_move == first

    def deal_open(s: GameState) -> bool:
        return any(a.verb == "propose" and a.args[0] == "deal" for a in legal_actions(s, first))

    # the AI keeps improving, so ask for the richest position first and settle for less
    conds = [until] if until else [
        lambda s: s.round >= 3 and turn(s) and len(s.deals) >= 1 and deal_open(s),
        lambda s: s.round >= 2 and turn(s) and deal_open(s),
        lambda s: s.round >= 2 and turn(s),
        turn,
    ]
    start = state
    for cond in conds:
        state = start
        for attempt in range(30):
            got = advance(state, cond, seed=seed + attempt, override=override)
            if cond(got):
                return got
            state = new_game(load_scenario(), seats_for(humans), fallback_seed(seed, attempt))
    raise RuntimeError("no seeded position matched")  # pragma: no cover


def finished(seed: int = SHOW_SEED) -> GameState:
    state = new_game(load_scenario(), seats_for((Role.H,)), seed)
    return advance(state, lambda s: s.is_over, seed=seed)
