"""Helpers that drive the core through its public API to reach a situation under test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.core import Action, GameState, Phase, Role, apply, default_action, load_scenario, new_game
from game.core.state import Tracks

# The rule tests run on a fixed copy of the design's v0.1 numbers, so that balance tuning of the
# bundled scenarios never changes what a rule test means. (The sanity checks use the default.)
RULES_SCENARIO = load_scenario(str(Path(__file__).parent / "fixtures" / "design_v01.json"))


def game(seats: int = 5, seed: int = 1, scenario: Any = None) -> GameState:
    return new_game(scenario or RULES_SCENARIO, seats, seed)


def act(state: GameState, *texts: str) -> GameState:
    for t in texts:
        state = apply(state, Action.parse(t))
    return state


def with_tracks(state: GameState, **kw: int) -> GameState:
    t = state.tracks.model_dump()
    t.update(kw)
    pk = {k: max(v, getattr(state.peaks, k)) for k, v in t.items()}
    return state.model_copy(update={"tracks": Tracks(**t), "peaks": Tracks(**pk)})


def calm(state: GameState) -> GameState:
    """No drift (P = 5) and harmless events (donor conferences), so a test sees one rule only."""
    s = state.model_copy(update={"event_deck": ("donor_conference",) * 20})
    return with_tracks(s, P=5)


def with_ip(state: GameState, **kw: int) -> GameState:
    ip = list(state.ip)
    for role, v in kw.items():
        ip[state.idx(Role(role))] = v
    return state.model_copy(update={"ip": tuple(ip)})


def idle(state: GameState) -> Action:
    """A neutral choice for whoever is to move (the core's phase-timer default)."""
    return default_action(state)


def run_until(
    state: GameState,
    done: Callable[[GameState], bool],
    policy: Callable[[GameState], Action] = idle,
    limit: int = 2000,
) -> GameState:
    for _ in range(limit):
        if done(state) or state.is_over:
            return state
        state = apply(state, policy(state))
    raise AssertionError("situation not reached")


def finish_round(state: GameState, policy: Callable[[GameState], Action] = idle) -> GameState:
    r = state.round
    return run_until(state, lambda s: s.round != r, policy)


def to_phase(state: GameState, phase: Phase) -> GameState:
    return run_until(state, lambda s: s.phase == phase)


def pass_motion(
    state: GameState,
    proposer: str,
    terms: str,
    ballot: str = "Y",
    accept: bool = True,
) -> GameState:
    """From the start of a round: ``proposer`` tables ``terms``, everybody else passes, the
    respondent accepts (or walks), and every voter casts ``ballot``. Stops at compliance or
    whatever comes after the vote."""
    assert state.phase == Phase.AGENDA or state.phase == Phase.PROPOSALS
    if state.phase == Phase.AGENDA:
        state = act(state, f"M agenda {proposer}")
    assert state.to_move == Role(proposer), state.to_move
    state = act(state, f"{proposer} propose {terms}")
    state = run_until(state, lambda s: s.phase != Phase.PROPOSALS)
    if state.phase == Phase.BARGAIN:
        state = act(state, f"{state.to_move.value} {'accept' if accept else 'walk'}")
    if state.phase == Phase.CHAIR:
        state = act(state, "M pass")
    while state.phase == Phase.VOTE:
        state = act(state, f"{state.to_move.value} vote {ballot}")
    return state
