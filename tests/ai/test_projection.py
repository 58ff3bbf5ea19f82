"""The AI's projection of the rest of the game follows the scenario's drift rule."""

from __future__ import annotations

import pytest

from game.ai import PERSONALITIES, make_agent
from game.ai import model as Mo
from game.core import Phase, Role, apply, legal_actions, new_game, observe
from game.core.scenario import Scenario, load_scenario


def _variant(**tracks_and_rules: int) -> Scenario:
    d = load_scenario("frozen_reserve").model_dump(mode="json")
    for k, v in tracks_and_rules.items():
        (d["tracks"] if k in d["tracks"] else d["rules"])[k] = v
    return Scenario.model_validate(d)


def _custodian_tables(sc: Scenario, seed: int):
    """The state at the Custodian's first proposal turn (the Chair lets it open)."""
    st = new_game(sc, 5, seed)
    while not (st.phase == Phase.PROPOSALS and st.to_move == Role.H):
        legal = legal_actions(st, st.to_move)
        if st.phase == Phase.AGENDA:
            st = apply(st, next(a for a in legal if a.args[0] == Role.H.value))
        else:
            st = apply(st, legal[0])
    assert st.round == 1
    return st


def test_the_projection_expects_no_drift_before_the_scenarios_first_drift_round():
    sc = _variant(drift_from_round=2)
    view = observe(_custodian_tables(sc, 1), Role.H)
    X = Mo.base_row(view, Role.H)[None, :]
    later = Mo.project(X, Mo.context(view))["E_max"][0]
    d1 = sc.model_dump(mode="json")
    d1["rules"]["drift_from_round"] = 1
    sc1 = Scenario.model_validate(d1)
    view1 = observe(_custodian_tables(sc1, 1), Role.H)
    at_once = Mo.project(X, Mo.context(view1))["E_max"][0]
    # at Peace 1 the rule drifts +drift_low_e a round; starting a round later saves one step
    assert view.tracks.P <= sc.rules.drift_low_p
    assert at_once - later == pytest.approx(sc.rules.drift_low_e, abs=0.05)


@pytest.mark.parametrize("name", PERSONALITIES)
def test_under_heavy_early_pressure_the_custodian_still_tables_a_deal(name):
    # Escalation 6 at Peace 1: two rounds of drift from round 2 lose the game unless Peace
    # reaches 4 first. Round 1 has no drift, so a deal now is worth its IP; a projection that
    # drifted in round 1 as well saw the game lost whatever was tabled, and passed.
    sc = _variant(E=6)
    for seed in (1, 2, 3):
        st = _custodian_tables(sc, seed)
        d = make_agent(name, "normal", seed).decide(observe(st, Role.H), legal_actions(st, Role.H))
        assert d.action.verb == "propose" and d.action.args[0] == "deal", (seed, d.reason)
        assert float(d.fact("gain")) > 0.05, d.reason


def _settlement_on_the_table(phase: Phase, P: int = 8, E: int = 4, vault: int = 0, fund: int = 0):
    """Round 3 of a five-seat game with a Settlement on the table, the Vault and the Fund empty
    and the Frontline State's cards played (as traced in self-play at the eleventh stop)."""
    from game.core import MotionKind, Terms
    from game.core.state import Bargain, Motion, Offer

    st = new_game(load_scenario("frozen_reserve"), 5, 12)
    terms = Terms(kind=MotionKind.SETTLEMENT)
    motion = Motion(id=101, round=3, proposer=Role.S, respondent=Role.A, terms=terms,
                    status="agreed" if phase == Phase.VOTE else "tabled",
                    promised=(Role.S, Role.A) if phase == Phase.VOTE else ())
    hands = tuple(() if r == Role.A else h for r, h in zip(st.roles, st.hands, strict=True))  # cards played
    update = {"round": 3, "phase": phase, "to_move": Role.A, "motions": (motion,), "fund": fund, "hands": hands,
              "vault": vault, "released": st.vault - vault,
              "tracks": st.tracks.model_copy(update={"P": P, "E": E})}
    if phase == Phase.BARGAIN:
        update["bargain"] = Bargain(motion_index=0, to_move=Role.A, offer=Offer(by=Role.S, terms=terms, pay=0),
                                    exchanges=1)
    return st.model_copy(update=update)


def test_a_settlement_is_weighed_against_the_peace_that_can_still_be_bought():
    st = _settlement_on_the_table(Phase.VOTE)
    view = observe(st, Role.A)
    X = Mo.base_row(view, Role.A)[None, :]
    steady = Mo.project(X, Mo.context(view, settlement=False))["P_end"][0]
    ctx = Mo.context(view, settlement=True)
    capped = Mo.project(X, ctx)["P_end"][0]
    # nothing is left to buy Peace with: only the events and cards still to come may add some
    assert float(Mo.peace_budget(X, ctx)[0]) == pytest.approx(ctx.peace_other)
    assert 0 < ctx.peace_other < 2
    assert capped <= 8 + ctx.peace_other + 1e-9 < steady
    # a full Vault buys the cheapest concessions not yet played, best Peace a tranche first
    full = X.copy()
    full[0, Mo.VAULT] = 24
    assert float(Mo.peace_budget(full, ctx)[0]) == pytest.approx(ctx.peace_other + 7)


def test_the_frontline_state_no_longer_holds_out_for_peace_nothing_can_buy():
    # found in self-play (eleventh stop): at Peace 8 with the Vault and the Fund empty the
    # Frontline State voted No on every Settlement, expecting Peace to climb to 10 by itself
    from game.ai.agent import DelegationAgent

    vote = _settlement_on_the_table(Phase.VOTE)
    bargain = _settlement_on_the_table(Phase.BARGAIN)
    held_out = 0
    for name in PERSONALITIES:
        agent = make_agent(name, "normal", 1)
        assert isinstance(agent, DelegationAgent)
        view = observe(vote, Role.A)
        steady = float(agent._motion_gain(view, [vote.motions[0].terms], [0], settlement=False)[0])
        held_out += steady < 0
        d = agent.decide(view, legal_actions(vote, Role.A))
        assert d.action.args == ("Y",), (name, d.reason)
        d = make_agent(name, "normal", 1).decide(observe(bargain, Role.A), legal_actions(bargain, Role.A))
        assert d.action.verb in ("accept", "counter"), (name, d.reason)  # a Hawk may ask a price; none walks
    assert held_out  # the steady projection alone would still say No


def test_only_a_decision_about_a_settlement_caps_the_peace_still_to_come():
    vote = _settlement_on_the_table(Phase.VOTE)
    assert not Mo.context(observe(vote, Role.A)).peace_cap  # a vote weighs each motion itself
    assert Mo.context(observe(_settlement_on_the_table(Phase.BARGAIN), Role.A)).peace_cap
    st = _custodian_tables(load_scenario("frozen_reserve"), 1)
    assert not Mo.context(observe(st, Role.H)).peace_cap
    # with a full Vault the cap leaves the projection as it was
    view = observe(st, Role.H)
    X = Mo.base_row(view, Role.H)[None, :]
    assert Mo.project(X, Mo.context(view, settlement=True))["P_end"][0] == pytest.approx(
        Mo.project(X, Mo.context(view, settlement=False))["P_end"][0])
