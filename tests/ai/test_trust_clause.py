"""An AI that discounts the other side's word says so, with the figure it uses (play-test: a
player broke a promise, and the next round the AI bargained with no word of it)."""

from __future__ import annotations

import copy

from game.ai import make_agent
from game.ai.explain import pct
from game.core import Phase, apply, legal_actions, load_scenario, new_game, observe


def _ai_answering_an_offer(seed: int):
    """Seeded mixed-AI play until an AI answers an offer in bargaining: (agent, its view, legal)."""
    state = new_game(load_scenario(), 5, seed)
    agents = {r: make_agent("pragmatist", "normal", seed * 31 + k) for k, r in enumerate(state.roles)}
    while not state.is_over:
        seat = state.to_move
        assert seat is not None
        legal = legal_actions(state, seat)
        if state.phase == Phase.BARGAIN:
            return agents[seat], observe(state, seat), legal
        state = apply(state, agents[seat].decide(observe(state, seat), legal).action)
    raise AssertionError("no bargaining")


def test_a_broken_promise_is_said_with_the_trust_the_ai_gives_that_side() -> None:
    agent, view, legal = _ai_answering_an_offer(3)
    assert view.bargain is not None
    other = view.bargain.offer.by
    plain = copy.deepcopy(agent).decide(view, legal)
    assert "promised yes" not in plain.reason  # no broken word, nothing said
    mid = view.round * 100 - 99 if view.round > 1 else 101
    broke = view.model_copy(update={"broken_promises": ((mid, other),)})
    twin = copy.deepcopy(agent)
    d = twin.decide(broke, legal)
    tr = pct(twin.trust(broke, other))
    assert 0 < tr < 100
    assert f"you voted against motion {mid} after agreeing it, so I count your promised yes at {tr}%" in d.reason
    assert ("tr", tr) in d.facts and ("mid", mid) in d.facts
    # another seat's broken word is not this side's
    third = next(r for r in view.roles if r not in (other, view.me))
    d3 = copy.deepcopy(agent).decide(view.model_copy(update={"broken_promises": ((mid, third),)}), legal)
    assert "promised yes" not in d3.reason
