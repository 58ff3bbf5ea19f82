"""The Chair's channel switch weighs each channel by its chance of passing (review, twenty-seventh
stop: a switched motion holds no promise, and the Chair paid 2 IP to switch a Deal agreed by the
Custodian and the Sanctioned Power to Redirect, saying it "adds about 1.6 points", where its own
model gave the switched Deal a 1% chance of passing; the Sanctioned Power voted No and it failed)."""

from __future__ import annotations

import copy

from game.ai import make_agent
from game.core import Channel, Phase, Role, apply, legal_actions, load_scenario, new_game, observe
from game.sim.agents import agent_seed, mixed_personality

SEED = 1788961723  # five mixed AI seats: the Chair switched motion 202, agreed, to Redirect


def _at_the_chair(gs: int, mid: int, seats: int = 5):
    """The Chair's turn in seeded mixed self-play where motion ``mid``, agreed in bargaining, may be
    switched to Redirect: (state, agents)."""
    state = new_game(load_scenario(), seats, gs)
    agents = {r: make_agent(mixed_personality(gs, r), "normal", agent_seed(gs, r))
              for r in state.roles if state.plays(r)}
    while not state.is_over:
        seat = state.to_move
        legal = legal_actions(state, seat)
        if state.phase == Phase.CHAIR and any(a.verb == "switch" and a.args == (str(mid), "redirect") for a in legal):
            assert next(m for m in state.motions if m.id == mid).promised
            return state, agents
        state = apply(state, agents[seat].decide(observe(state, seat), legal).action)
    raise AssertionError(f"no Chair's turn with motion {mid} open to a switch to Redirect")


def test_the_chair_does_not_pay_to_switch_an_agreed_deal_into_failing():
    state, agents = _at_the_chair(SEED, 202)
    chair = copy.deepcopy(agents[Role.M])
    view, legal = observe(state, Role.M), legal_actions(state, Role.M)
    sw = [a for a in legal if a.verb == "switch" and a.args == ("202", "redirect")]
    place = {m.id: i for i, m in enumerate(state.motions)}
    news = [state.motions[place[int(a.args[0])]].terms.model_copy(update={"channel": Channel(a.args[1])}) for a in sw]
    olds = [state.motions[place[int(a.args[0])]].terms for a in sw]
    at = [place[int(a.args[0])] for a in sw]
    p_new = chair._switch_pass(view, news, at, switched=True)
    p_old = chair._switch_pass(view, olds, at, switched=False)
    # as agreed the Deal is sure to pass; switched, the Sanctioned Power's yes is gone
    assert max(p_old) > 0.9 and min(p_new) < 0.1, (p_old, p_new)
    d = agents[Role.M].decide(view, legal)
    assert d.action.verb == "pass", d.reason
