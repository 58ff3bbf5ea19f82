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
