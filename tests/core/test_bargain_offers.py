"""``bargain_offers`` reads back from the public log every offer of the negotiation under way:
the motion as tabled, then each counter, with who made it and the IP its maker pays."""

from __future__ import annotations

from game.ai import make_agent
from game.core import Phase, apply, bargain_offers, legal_actions, load_scenario, new_game, observe
from game.core.actions import terms_from_args
from game.sim.agents import mixed_personality


def test_the_offers_read_from_the_log_are_the_tabled_motion_and_every_counter_since() -> None:
    sc = load_scenario()
    checked = longest = 0
    for seed in range(1, 9):
        state = new_game(sc, 5, seed)
        agents = {r: make_agent(mixed_personality(seed, r), "normal", seed * 17 + k) for k, r in enumerate(state.roles)}
        made: list = []  # the offers of the negotiation under way, as the moves made them
        while not state.is_over:
            if state.phase == Phase.BARGAIN and state.bargain is not None:
                if not made:
                    m = state.motions[state.bargain.motion_index]
                    made = [(m.proposer, m.terms, 0)]
                assert bargain_offers(state) == made
                # every seat reads the same from its own view: the offers are public
                for r in state.roles:
                    assert bargain_offers(observe(state, r)) == made
                checked += 1
                longest = max(longest, len(made))
            else:
                assert bargain_offers(state) == []
                made = []
            seat = state.to_move
            a = agents[seat].decide(observe(state, seat), legal_actions(state, seat)).action
            before = state
            state = apply(state, a)
            if a.verb == "counter":
                made.append((a.seat, terms_from_args(a.args[:-2]), a.pay))
            elif before.phase == Phase.BARGAIN and (state.phase != Phase.BARGAIN or state.bargain is None
                                                    or state.bargain.motion_index != before.bargain.motion_index):
                made = []
    assert checked >= 50 and longest >= 3

