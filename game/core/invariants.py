"""Invariants that hold after every action; the simulator and property tests check them."""

from __future__ import annotations

from game.core.scenario import TRACKS
from game.core.state import DealStatus, GameState, Phase


def check_invariants(state: GameState) -> list[str]:
    """Return a list of broken invariants (empty when all hold)."""
    bad: list[str] = []
    total = state.token_total()
    if total != state.scenario.tokens:
        bad.append(f"tokens: {total} accounted for, expected {state.scenario.tokens}")
    for z in ("vault", "released", "redirected", "returned"):
        if getattr(state, z) < 0:
            bad.append(f"tokens: zone {z} is negative")
    for d in state.deals:
        if d.escrow_tokens < 0:
            bad.append(f"deal {d.id}: negative escrow")
        if d.escrow_tokens and d.status != DealStatus.ACTIVE:
            bad.append(f"deal {d.id}: escrow held by a {d.status.value} deal")
    for t in TRACKS:
        v = getattr(state.tracks, t)
        if not 0 <= v <= 10:
            bad.append(f"track {t} = {v} outside 0-10")
        if getattr(state.peaks, t) < v:
            bad.append(f"peak of {t} below its value")
    for r, v in zip(state.roles, state.ip, strict=True):
        if v < 0:
            bad.append(f"influence of {r.value} is negative ({v})")
    if state.fund < 0:
        bad.append("the Peace Fund is negative")
    if state.phase == Phase.OVER:
        if state.to_move is not None:
            bad.append("a seat is to move after the game ended")
        if state.outcome_reason is None:
            bad.append("the game is over without a reason")
    elif state.to_move is None:
        bad.append("nobody is to move in a running game")
    if state.round > state.scenario.rules.rounds:
        bad.append("round past the last round")
    return bad
