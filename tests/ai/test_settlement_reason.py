"""A Settlement's ballot reason says why it is worth few points when it is (play-test: an AI
said a Settlement that doubled its score added "about 0.1 points"; its model expected a
Settlement later anyway, and the sentence did not say so)."""

from __future__ import annotations

from game.ai.agent import SETTLE_LATER_SAID, DelegationAgent
from game.core import MotionKind, Phase, observe

from .contract import play


def test_a_settlement_ballot_names_the_chance_of_a_later_one_exactly_where_the_model_expects_it() -> None:
    said = plain = 0

    def hook(state, seat, agent, legal, d):
        nonlocal said, plain
        if state.phase != Phase.VOTE or not isinstance(agent, DelegationAgent):
            return
        later = agent.settle_later(observe(state, seat))
        for m, b in zip(state.motions, d.ballot, strict=True):
            if m.terms.kind != MotionKind.SETTLEMENT or b.key in ("ballot_promised", "ballot_held"):
                continue
            if b.key.endswith("_settle"):
                assert later >= SETTLE_LATER_SAID and dict(b.facts)["ps"] == round(100 * later), b
                assert f"({round(100 * later)}% likely)" in b.reason, b
                said += 1
            else:  # a Settlement is tabled at Peace 8 or more: the model nearly always expects one
                assert later < SETTLE_LATER_SAID or b.key in ("ballot_yes_slight", "ballot_no_even"), b
                plain += 1
            for m2, b2 in zip(state.motions, d.ballot, strict=True):  # only a Settlement says it
                assert m2.terms.kind == MotionKind.SETTLEMENT or not b2.key.endswith("_settle"), b2

    for seed in range(1, 9):
        play("pragmatist", seed, hook=hook)
    assert said > plain, (said, plain)


def test_the_chance_of_a_later_settlement_falls_as_the_rounds_run_out() -> None:
    # play-test (twenty-seventh stop): a Frontline State voted Settlements down in rounds 4, 5 and
    # 6, each time "I expect a Settlement even without this one (86% likely)"
    from game.ai import make_agent
    from game.core import Role, load_scenario, new_game

    sc = load_scenario("frozen_reserve")
    st = new_game(sc, 5, 2)
    agent = make_agent("hawk", "normal", 1)
    later = []
    for rnd in range(3, sc.rules.rounds + 1):
        at = st.model_copy(update={"round": rnd, "phase": Phase.VOTE, "to_move": Role.A,
                                   "tracks": st.tracks.model_copy(update={"P": 9, "E": 4})})
        later.append(agent.settle_later(observe(at, Role.A)))
    assert all(a > b for a, b in zip(later, later[1:], strict=False)), later
    assert later[-1] == 0.0  # the last round: no round is left for one
