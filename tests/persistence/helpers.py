"""Helpers for persistence tests: seeded games played by random legal agents up to a moment."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from game.ai.base import RandomAgent
from game.core import GameState, Phase, apply, legal_actions, load_scenario, new_game, observe


def play_until(seed: int, stop: Callable[[GameState], bool], seats: int = 5, limit: int = 5000) -> GameState:
    """Play a seeded game with random legal agents until ``stop(state)`` or the end."""
    state = new_game(load_scenario(), seats, seed)
    agents = {r: RandomAgent(seed * 7 + k) for k, r in enumerate(state.roles)}
    for _ in range(limit):
        if state.is_over or stop(state):
            return state
        seat = state.to_move
        assert seat is not None
        state = apply(state, agents[seat].decide(observe(state, seat), legal_actions(state, seat)).action)
    return state


@lru_cache(maxsize=8)
def finished_game(seed: int = 3, seats: int = 5) -> GameState:
    return play_until(seed, lambda s: False, seats)


@lru_cache(maxsize=2)
def long_game(min_rounds: int = 3) -> GameState:
    """The first seeded finished game that lasted at least ``min_rounds`` rounds."""
    for seed in range(1, 200):
        state = finished_game(seed)
        if state.round >= min_rounds:
            return state
    raise AssertionError("no seeded game lasted that long")


@lru_cache(maxsize=8)
def mid_bargain(seed: int = 3) -> GameState:
    """A game stopped in the middle of a negotiation, after at least one counter-offer if possible."""
    state = play_until(seed, lambda s: s.phase == Phase.BARGAIN and s.bargain is not None and s.bargain.exchanges > 0)
    if not state.is_over:
        return state
    return play_until(seed, lambda s: s.phase == Phase.BARGAIN)


@lru_cache(maxsize=8)
def mid_vote(seed: int = 3) -> GameState:
    """A game stopped during a vote after at least one sealed ballot is cast."""
    return play_until(seed, lambda s: s.phase == Phase.VOTE and len(s.ballots) >= 1)
