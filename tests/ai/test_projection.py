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
