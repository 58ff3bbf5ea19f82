"""Invariants that hold after every action; the simulator and property tests check them."""

from __future__ import annotations

from game.core.scenario import TRACKS
from game.core.state import DealStatus, GameState, Phase


def _shape(state: GameState) -> list[str]:
    """What a state must be before its numbers can be read: one entry per seat where the game
    keeps one, seats that are at the table, and cards the scenario knows (a save made by hand
    or by an older build may break these; loading it must be refused in a sentence, not crash
    the table later)."""
    bad: list[str] = []
    n = len(state.roles)
    for field in ("ip", "ip_spent", "hands", "agendas"):
        if len(getattr(state, field)) != n:
            bad.append(f"{field} holds {len(getattr(state, field))} entries for {n} seats")
    seated = set(state.roles)
    stray = [r.value for r in (*state.automated, *state.order) if r not in seated]
    if state.to_move is not None and state.to_move not in seated:
        stray.append(state.to_move.value)
    if stray:
        bad.append(f"seat {stray[0]} is not at this table")
    if state.phase == Phase.BARGAIN and state.bargain is None:
        bad.append("it is bargaining over no motion")
    used = {
        "infrastructure": (*state.infra_deck, *state.infra_row, *state.built),
        "event": (*state.event_deck, *state.events_drawn),
        "agenda": tuple(a for a in state.agendas if a),  # "": a seat with no agenda
        "card": (*(c for h in state.hands for c in h), *state.played),
    }
    for what, ids in state.scenario.known_ids.items():
        unknown = next((x for x in used[what] if x not in ids), None)
        if unknown is not None:
            bad.append(f"{what} '{unknown[:40]}' is not in its scenario")
    return bad


def check_invariants(state: GameState) -> list[str]:
    """Return a list of broken invariants (empty when all hold)."""
    bad = _shape(state)
    if bad:
        return bad  # the checks below read the state by seat and by card
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
