"""``opened_ballots`` reads back from the public log every motion put to the vote: its kind, who
tabled it, who bargained over it, whether the bargaining ended in a walk-away, and each ballot."""

from __future__ import annotations

from game.ai import make_agent
from game.core import (
    Phase,
    apply,
    legal_actions,
    load_scenario,
    motion_id,
    motion_place,
    new_game,
    observe,
    opened_ballots,
)
from game.core.state import MotionStatus
from game.sim.agents import mixed_personality


def test_the_opened_ballots_read_from_the_log_are_the_motions_and_ballots_of_each_vote() -> None:
    sc = load_scenario()
    checked = walked = 0
    for seed in (1, 3, 5, 8):
        state = new_game(sc, 5, seed)
        agents = {r: make_agent(mixed_personality(seed, r), "normal", seed * 31 + k) for k, r in enumerate(state.roles)}
        want, ids = [], []
        while not state.is_over:
            seat = state.to_move
            before = state
            state = apply(state, agents[seat].decide(observe(state, seat), legal_actions(state, seat)).action)
            if before.phase == Phase.VOTE and state.phase != Phase.VOTE:
                ballots = dict(state.votes_revealed)
                for k, m in enumerate(before.motions):
                    # a motion's id is its round and place, and the opened ballot carries it
                    assert m.id == motion_id(before.round, k) and motion_place(m.id) == (before.round, k)
                    ids.append(m.id)
                    want.append((before.round, k, m.terms.kind, m.proposer, m.respondent,
                                 m.status == MotionStatus.WALKED,
                                 tuple((r, b[k] == "Y") for r, b in ballots.items())))
        got = [(m.round, m.index, m.kind, m.proposer, m.respondent, m.walked, m.ballots) for m in opened_ballots(state)]
        assert got == want and [m.id for m in opened_ballots(state)] == ids
        # and from any seat's own view, which holds the same public lines
        assert [(m.round, m.index) for m in opened_ballots(observe(state, state.roles[0]))] == [w[:2] for w in want]
        checked += len(want)
        walked += sum(w[5] for w in want)
    assert checked >= 15 and walked >= 1
