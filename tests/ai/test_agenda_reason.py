"""The Chair's agenda sentence is what it then does (play-test: "I propose first myself: Peace is
9, enough for a Settlement, and I mean to table one", then "I table nothing", four rounds
running)."""

from __future__ import annotations

from game.core import MotionKind, Phase, Role

from .contract import play


def test_a_chair_that_names_itself_to_table_a_settlement_then_tables_one() -> None:
    said: list[str] = []  # each agenda sentence "I mean to table one", with the Chair's next move
    kept: list[str] = []
    pending = False

    def hook(state, seat, agent, legal, d):
        nonlocal pending
        if seat != Role.M:
            return
        if pending:  # the Chair's next move: the first proposal of that round
            pending = False
            assert state.phase == Phase.PROPOSALS
            if d.action.verb == "propose" and d.action.terms.kind == MotionKind.SETTLEMENT:
                kept.append(d.reason)
        if state.phase == Phase.AGENDA and d.key == "agenda_settle":
            said.append(d.reason)
            pending = True

    for personality in ("hawk", "dove", "pragmatist", "opportunist"):
        for seed in range(1, 7):
            play(personality, seed, hook=hook)
    assert said, "the seeded games reach a Chair that opens to table a Settlement"
    assert len(kept) == len(said), (said, kept)
