"""A seat with nothing it may table says why (play-test: "I take the only move open to me",
every round, said nothing)."""

from __future__ import annotations

from collections import Counter

from game.ai import make_agent
from game.core import Phase, allowance_left, apply, legal_actions, load_scenario, new_game, observe


def _decisions(personality: str, seeds: range):
    """Every decision of seeded games with ``personality`` at every seat: (state, seat, legal,
    decision), before the decision is applied."""
    for seed in seeds:
        state = new_game(load_scenario(), 5, seed)
        agents = {r: make_agent(personality, "normal", k) for k, r in enumerate(state.roles)}
        while not state.is_over:
            seat = state.to_move
            assert seat is not None
            legal = legal_actions(state, seat)
            d = agents[seat].decide(observe(state, seat), legal)
            yield state, seat, legal, d
            state = apply(state, d.action)


def test_a_seat_that_can_only_pass_says_what_stops_it() -> None:
    keys: Counter[str] = Counter()
    for state, seat, legal, d in _decisions("pragmatist", range(1, 8)):
        if state.phase == Phase.PROPOSALS and len(legal) == 1:
            rules = state.scenario.rules
            if state.ip_of(seat) < rules.motion_cost_ip:
                assert d.key == "pass_broke" and d.fact("have") == state.ip_of(seat), d.reason
            elif allowance_left(state) == 0:
                assert d.key == "pass_allowance" and d.fact("cap") == rules.max_tranches_per_round, d.reason
            else:
                assert d.key == "pass_none", d.reason
            keys[d.key] += 1
    assert keys["pass_allowance"] and keys["pass_none"]


def test_the_watching_power_waiting_says_when_a_probe_would_score() -> None:
    # play-test: "I will wait: nothing I could do now would help more than patience", every round
    said: Counter[str] = Counter()
    for state, _seat, legal, d in _decisions("dove", range(1, 6)):
        if d.key in ("wait", "wait_probe"):
            rules = state.scenario.rules
            can_probe = any(a.verb == "probe" for a in legal)
            scores = state.tracks.C <= rules.probe_c_max
            assert (d.key == "wait_probe") == (can_probe and not scores), d.reason
            if d.key == "wait_probe":
                assert (d.fact("c"), d.fact("cmax")) == (state.tracks.C, rules.probe_c_max), d.reason
            said[d.key] += 1
    assert said["wait_probe"], said


def test_the_chair_says_why_it_sets_the_agenda_as_it_does() -> None:
    # play-test: "Sanctioned Power proposes first, with 17 IP to table motions; Peace is 7." every
    # round, with no reason why that seat
    from game.core import MotionKind, Role, closed_reason

    sc = load_scenario()
    min_p = sc.motions[MotionKind.SETTLEMENT].min_p
    makers = sc.motions[MotionKind.DEAL].proposers
    keys: Counter[str] = Counter()
    for state, seat, legal, d in _decisions("pragmatist", range(1, 13)):
        if state.phase != Phase.AGENDA:
            continue
        keys[d.key] += 1
        who = Role(d.action.args[0])
        if d.key == "agenda_settle":  # Peace allows a Settlement: the Chair opens, to table it
            assert who == seat == Role.M and state.tracks.P >= min_p
            assert f"Peace is {state.tracks.P}, enough for a Settlement (it needs {min_p})" in d.reason
            continue
        # "Deals are what raise Peace" only while a Deal can be tabled (review: said with the Vault empty)
        if closed_reason(state, MotionKind.DEAL) is not None:
            assert d.key == "agenda_no_deal"
        else:  # with Peace enough for a Settlement the Chair weighed tabling one and says so
            assert d.key == ("agenda_settle_wait" if state.tracks.P >= min_p else "agenda")
        # (with Peace enough for a Settlement too, where tabling one is not worth it to the Chair:
        # it then tables none, so it does not say it will; tests/ai/test_agenda_reason.py)
        # the seat with the most IP of those that may table a Deal, as the sentence says
        most = max(state.ip_of(r) for r in makers if any(a.args[0] == r.value for a in legal))
        assert who in makers and state.ip_of(who) == most
        assert d.fact("ip") == most and d.fact("p") == state.tracks.P and d.fact("min_p") == min_p
        if d.key == "agenda":
            assert f"it has the most IP ({most})" in d.reason and f"({state.tracks.P} now; a Settlement needs {min_p})" in d.reason
        elif d.key == "agenda_settle_wait":
            assert f"it has the most IP ({most}); Peace is {state.tracks.P}, enough for a Settlement" in d.reason
        else:
            assert f"it has the most IP ({most}), though no Deal can be tabled now" in d.reason
    assert keys["agenda"] > 10 and keys["agenda_settle"] > 0 and keys["agenda_no_deal"] > 0 and keys["agenda_settle_wait"] > 0, keys
