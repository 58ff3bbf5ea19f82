"""At the brink: when the drift at this round's end would take Escalation to the shared loss, the
AI acts on the rule, not on its belief about drift (play-test, twenty-fifth stop: in round 3 at
Peace 1 and Escalation 7, with "+3 at round's end: all lose" on the track, the Custodian, the
Frontline State and the Chair all passed, and the war widened)."""

from __future__ import annotations

import pytest

from game.ai import PERSONALITIES, make_agent
from game.ai import model as Mo
from game.core import (
    Channel,
    MotionKind,
    Phase,
    Role,
    Terms,
    apply,
    legal_actions,
    new_game,
    observe,
    respondent_vetoes,
    round_end_drift,
)
from game.core.scenario import load_scenario
from game.core.state import Motion

SC = load_scenario("frozen_reserve")


def _round3(to_move: Role, P: int = 1, E: int = 7, tabled: tuple[Terms, ...] = (), seed: int = 3):
    """Round 3 of a five-seat game as motions are tabled, the Vault full and 3 in the Fund; ``tabled``
    are motions the Sanctioned Power has already tabled this round."""
    st = new_game(SC, 5, seed)
    motions = tuple(Motion(id=301 + k, round=3, proposer=Role.S, respondent=Role.H, terms=t)
                    for k, t in enumerate(tabled))
    return st.model_copy(update={"round": 3, "phase": Phase.PROPOSALS, "to_move": to_move, "motions": motions,
                                 "fund": 3, "tracks": st.tracks.model_copy(update={"P": P, "E": E})})


PULLBACK = Terms(kind=MotionKind.DEAL, concession="weapons_pullback", channel=Channel.ESCROW, tranches=4)
WITHDRAWAL = Terms(kind=MotionKind.DEAL, concession="zone_withdrawal", channel=Channel.ESCROW, tranches=4)


def test_the_brink_is_the_rules_drift_counting_the_motions_still_to_vote():
    assert SC.rules.drift_low_p == 3 and round_end_drift(SC, 3, 3) == 3 and round_end_drift(SC, 3, 4) == 0
    b = Mo.brink(observe(_round3(Role.H), Role.H))
    assert (b.at, b.e, b.e_after, b.counted) == (True, 7, 10, False)
    # a Weapons pullback on the table (Peace +2) leaves Peace at 3: still the brink, counted
    b = Mo.brink(observe(_round3(Role.A, tabled=(PULLBACK,)), Role.A))
    assert (b.at, b.pending_p, b.e_after, b.counted) == (True, 2.0, 10, True)
    # a Zone withdrawal on the table (Peace +3) would stop the drift if it passes
    assert not Mo.brink(observe(_round3(Role.A, tabled=(WITHDRAWAL,)), Role.A)).at
    # Escalation 6: the drift takes it to 9, not to the loss
    assert not Mo.brink(observe(_round3(Role.H, E=6), Role.H)).at
    # a Settlement still to vote would end the game before the drift
    settle = Terms(kind=MotionKind.SETTLEMENT)
    assert not Mo.brink(observe(_round3(Role.A, P=8, E=7, tabled=(settle,)), Role.A)).at
    # round 1 has no drift at all
    st = _round3(Role.H).model_copy(update={"round": 1})
    assert not Mo.brink(observe(st, Role.H)).at


def test_at_the_brink_the_projection_takes_the_first_step_by_the_rule():
    view = observe(_round3(Role.H), Role.H)
    ctx = Mo.context(view)
    assert ctx.brink
    X = Mo.base_row(view, Role.H)[None, :].repeat(2, axis=0)
    X[1, Mo.P] = 4  # Peace lifted out of drift this round
    E_max = Mo.project(X, ctx)["E_max"]
    later = Mo.project(X, Mo.Context(**{**ctx.__dict__, "brink": False}))["E_max"]
    # by the rule Peace 4 does not drift at all this round; the belief has it drift +2.25
    assert E_max[0] == pytest.approx(later[0])  # at Peace 1 belief and rule agree (+3)
    assert later[1] - E_max[1] == pytest.approx(2.25, abs=1e-6)


@pytest.mark.parametrize("name", PERSONALITIES)
def test_at_the_brink_the_custodian_tables_what_lifts_peace_out_of_the_drift(name):
    for seed in (1, 2, 3):
        st = _round3(Role.H, seed=seed)
        d = make_agent(name, "normal", seed).decide(observe(st, Role.H), legal_actions(st, Role.H))
        assert d.action.verb == "propose", (seed, d.reason)
        t = d.action.terms
        gain = SC.concession(t.concession).p_gain if t.kind == MotionKind.DEAL and t.concession else 0
        assert 1 + gain >= 4, (seed, d.reason)  # out of the drift
        assert "without it, unless the round's event changes the tracks, the drift at the round's end takes Escalation to 10, and everyone loses" in d.reason
        assert (d.fact("e_lost"), d.fact("peace"), d.fact("e_kept")) == (10, 1 + gain, 7)


@pytest.mark.parametrize("name", PERSONALITIES)
def test_at_the_brink_the_frontline_state_plays_its_guarantee_with_a_pullback_on_the_table(name):
    # Peace 1 + 2 (the pullback, if it passes) + 1 (the guarantee) = 4: no drift this round
    st = _round3(Role.A, tabled=(PULLBACK,))
    assert "guarantee" in st.hands[st.roles.index(Role.A)]
    d = make_agent(name, "normal", 1).decide(observe(st, Role.A), legal_actions(st, Role.A))
    assert d.action.verb == "play" and d.action.args[0] == "guarantee", d.reason
    assert "even if the motions on the table pass; with them and it, Peace is 4" in d.reason
    # without the pullback the guarantee alone saves nothing, and it is not said to
    st = _round3(Role.A)
    d = make_agent(name, "normal", 1).decide(observe(st, Role.A), legal_actions(st, Role.A))
    assert "everyone loses" not in d.reason


def test_away_from_the_brink_nothing_changes():
    view = observe(_round3(Role.H, E=6), Role.H)
    ctx = Mo.context(view)
    assert (ctx.brink, ctx.pending_p, ctx.pending_e) == (False, 0.0, 0.0)


FREEZE = Terms(kind=MotionKind.DEAL, concession="frontline_freeze", channel=Channel.ESCROW, tranches=2)


def _ballot(P: int, tabled: tuple[Terms, ...], name: str = "pragmatist") -> dict[int, str]:
    """The Custodian's sealed ballot reasons, by motion id, in a round-3 vote on ``tabled``
    (each agreed in bargaining with the Custodian)."""
    st = _round3(Role.H, P=P, tabled=tabled)
    motions = tuple(m.model_copy(update={"status": "agreed", "promised": (Role.S, Role.H)}) for m in st.motions)
    st = st.model_copy(update={"phase": Phase.VOTE, "motions": motions})
    d = make_agent(name, "normal", 1).decide(observe(st, Role.H), legal_actions(st, Role.H))
    assert d.action.verb == "vote"
    return {b.motion: b.reason for b in d.ballot}


@pytest.mark.parametrize("name", PERSONALITIES)
def test_a_yes_that_keeps_the_war_from_widening_says_so_on_the_ballot(name):
    # Peace 2 (a guarantee played): the pullback alone lifts it to 4, out of the drift
    said = _ballot(2, (PULLBACK,), name)
    assert said[301].startswith("Yes on motion 301")
    assert ("without it, unless the round's event changes the tracks, the drift at the round's end takes Escalation to 10, and everyone loses; with it Peace is 4 "
            "and the drift leaves Escalation at 7") in said[301]
    # Peace 1: neither +2 saves alone, both together do: each says so, counting the other
    said = _ballot(1, (PULLBACK, FREEZE), name)
    for mid in (301, 302):
        assert "even if the motions on the table pass; with them and it, Peace is 5" in said[mid], said[mid]
    # Peace 2: either one alone is enough, so neither may claim that without it everyone loses
    said = _ballot(2, (PULLBACK, FREEZE), name)
    assert not any("everyone loses" in x for x in said.values()), said


def _walked_ballot(P: int, name: str) -> tuple[str, str, str]:
    """The Custodian's ballot letter and reason on a pullback the Sanctioned Power tabled to it and
    nobody agreed terms on (walked away from: the Custodian's yes is needed)."""
    st = _round3(Role.H, P=P, tabled=(PULLBACK,))
    st = st.model_copy(update={"phase": Phase.VOTE,
                               "motions": tuple(m.model_copy(update={"status": "walked"}) for m in st.motions)})
    assert respondent_vetoes(SC, st.motions[0])
    d = make_agent(name, "normal", 1).decide(observe(st, Role.H), legal_actions(st, Role.H))
    return d.action.args[0], d.ballot[0].reason, d.ballot[0].key


@pytest.mark.parametrize("name", PERSONALITIES)
def test_a_walked_away_motion_that_keeps_the_war_from_widening_is_not_sunk(name):
    # Peace 2: the pullback alone lifts Peace to 4; sinking it as threatened, everyone loses
    vote, why, key = _walked_ballot(2, name)
    assert (vote, key) == ("Y", "ballot_spared"), why
    assert why.startswith("Yes on motion 301, though we agreed no terms in bargaining and I had said I would vote it "
                          "down as tabled; without it, unless the round's event changes the tracks, the drift at the round's end takes Escalation to 10"), why
    # Peace 1: with it Peace is only 3 and the loss comes anyway: the threat is kept
    vote, why, key = _walked_ballot(1, name)
    assert (vote, key) == ("N", "ballot_held"), why


@pytest.mark.parametrize("name", PERSONALITIES)
def test_at_the_brink_no_veto_is_threatened_on_a_motion_that_keeps_the_war_from_widening(name):
    said = {}
    for P in (2, 1):
        st = _round3(Role.S, P=P)
        st = apply(st, next(a for a in legal_actions(st, Role.S) if a.verb == "propose" and a.terms == PULLBACK))
        assert (st.phase, st.to_move) == (Phase.BARGAIN, Role.H)
        d = make_agent(name, "normal", 1).decide(observe(st, Role.H), legal_actions(st, Role.H))
        said[P] = d.reason
    assert "vote it down" not in said[2], said[2]  # walking away gets it through: no threat
    assert "if you walk away, I vote it down as tabled" in said[1], said[1]


@pytest.mark.parametrize("name", PERSONALITIES)
def test_a_motion_whose_failing_lets_the_next_one_save_the_game_does_not_claim_it(name):
    # review (twenty-seventh stop): Peace 3, the Vault holds 2 tranches and two 2-tranche Deals are
    # on the table; either lifts Peace to 4, and the second is void only if the first passes, so
    # voting the first down lets the second be carried out (the engine agrees)
    exchange = Terms(kind=MotionKind.DEAL, concession="prisoner_exchange", channel=Channel.ESCROW, tranches=2)
    ceasefire = Terms(kind=MotionKind.DEAL, concession="local_ceasefire", channel=Channel.ESCROW, tranches=2)
    st = _round3(Role.H, P=3, tabled=(exchange, ceasefire))
    motions = tuple(m.model_copy(update={"status": "agreed", "promised": (Role.S, Role.H)}) for m in st.motions)
    st = st.model_copy(update={"phase": Phase.VOTE, "motions": motions, "vault": 6, "released": st.released + st.vault - 6})
    assert st.token_total() == SC.tokens
    d = make_agent(name, "normal", 1).decide(observe(st, Role.H), legal_actions(st, Role.H))
    assert d.action.args[0] == "YY"
    assert not any("everyone loses" in b.reason for b in d.ballot), [b.reason for b in d.ballot]
    after = st
    while after.phase == Phase.VOTE:
        after = apply(after, next(a for a in legal_actions(after, after.to_move) if a.args == ("NY",)))
    assert [m.status.value for m in after.last_motions] == ["failed", "passed"] and after.tracks.P == 4
