"""The AI remembers who voted which kind of motion down (play-test: a Deal re-tabled the round
after the Sanctioned Power's No sank it, and sunk again)."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from game.ai import agent as A
from game.ai import make_agent
from game.core import (
    MotionKind,
    Phase,
    Role,
    apply,
    legal_actions,
    load_scenario,
    new_game,
    observe,
)
from game.core.state import MotionStatus
from game.sim.agents import mixed_personality
from game.text import and_list


def _game(seed: int):
    """A seeded game of mixed AIs: every vote's motions and revealed ballots, the first state of
    each round's proposals, every motion an AI tabled, and every motion walked away from."""
    sc = load_scenario()
    state = new_game(sc, 5, seed)
    agents = {
        r: make_agent(mixed_personality(seed, r), "normal", seed * 31 + k)
        for k, r in enumerate(state.roles)
    }
    votes: list[tuple[int, list[MotionKind], dict[Role, str]]] = []
    proposing: dict[int, object] = {}
    # (round, index, motion, its respondent's ballot) for every motion walked away from
    walks: list[tuple] = []
    tabled: list[tuple] = []  # (state, decision, the agent before it) for every motion an AI tabled
    while not state.is_over:
        seat = state.to_move
        legal = legal_actions(state, seat)
        if state.phase == Phase.PROPOSALS:
            proposing.setdefault(state.round, state)
        before = state
        before_agent = copy.deepcopy(agents[seat])
        d = agents[seat].decide(observe(state, seat), legal)
        if d.action.verb == "propose":
            tabled.append((state, d, before_agent))
        state = apply(state, d.action)
        if before.phase == Phase.VOTE and state.phase != Phase.VOTE:
            votes.append(
                (before.round, [m.terms.kind for m in before.motions], dict(state.votes_revealed))
            )
            walks.extend(
                (
                    before.round,
                    k,
                    m,
                    dict(state.votes_revealed)[m.respondent][k]
                    if m.respondent in dict(state.votes_revealed)
                    else "",
                )
                for k, m in enumerate(before.motions)
                if m.status == MotionStatus.WALKED
            )
    return votes, proposing, tabled, walks


@pytest.fixture(scope="module")
def records():
    return [_game(seed) for seed in (1, 3, 5)]  # games with Noes in them


def _expected(votes, rnd):
    out: dict[tuple[Role, MotionKind], float] = {}
    for r, kinds, ballots in votes:
        if r >= rnd:
            continue
        for seat, ballot in ballots.items():
            for kind, yn in zip(kinds, ballot, strict=True):
                if yn == "N":
                    out[(seat, kind)] = out.get((seat, kind), 0.0) + A.REFUSAL_DECAY ** (
                        rnd - r - 1
                    )
    return out


def test_the_refusals_read_from_the_public_log_are_the_ballots_cast(records):
    assert (
        sum(
            yn == "N"
            for votes, _, _, _ in records
            for _, _, b in votes
            for s in b.values()
            for yn in s
        )
        >= 10
    )
    checked = 0
    for votes, proposing, _, _ in records:
        for rnd, state in proposing.items():
            for seat in state.roles:
                got = make_agent("dove", "normal", 1).refusals(observe(state, seat))
                want = _expected(votes, rnd)
                assert got.keys() == want.keys(), (rnd, seat)
                for k, v in want.items():
                    assert got[k] == pytest.approx(v)
                checked += bool(want)
    assert checked >= 5


def test_a_seat_that_voted_a_kind_down_is_expected_to_say_no_to_it_again(records, monkeypatch):
    lowered = 0
    for _, proposing, _, _ in records:
        for state in proposing.values():
            seat = state.to_move
            view = observe(state, seat)
            agent = make_agent("pragmatist", "normal", 5)
            refused = {k: w for k, w in agent.refusals(view).items() if k[0] != seat}
            terms = [a.terms for a in legal_actions(state, seat) if a.verb == "propose"]
            if not refused or not terms:
                continue
            _, pp, _, _ = copy.deepcopy(agent).tabling(view, terms)
            monkeypatch.setattr(A, "REFUSAL_WEIGHT", 0.0)
            _, pp_forgetful, _, _ = copy.deepcopy(agent).tabling(view, terms)
            monkeypatch.setattr(A, "REFUSAL_WEIGHT", 1.0)
            assert np.all(pp <= pp_forgetful + 1e-12)
            kinds = {k for (_, k) in refused}
            idx = [i for i, tm in enumerate(terms) if tm.kind in kinds]
            others = [i for i, tm in enumerate(terms) if tm.kind not in kinds]
            assert np.allclose(pp[others], pp_forgetful[others])  # other kinds: no change
            lowered += bool(idx) and bool(np.any(pp[idx] < pp_forgetful[idx] - 1e-6))
    assert lowered >= 2


def test_a_motion_tabled_after_a_no_on_its_kind_says_whose_no_lowered_its_chance(
    records, monkeypatch
):
    said = unsaid = 0
    for votes, _, tabled, _ in records:
        for state, d, agent in tabled:
            kind = d.action.terms.kind
            resp = next(
                (
                    r
                    for r in state.scenario.motions[kind].respondents
                    if r != d.action.seat and state.plays(r)
                ),
                None,
            )
            nos = [
                s
                for r, kinds, ballots in votes
                if r == state.round - 1
                for s, ballot in ballots.items()
                if s not in (d.action.seat, resp)
                and any(k == kind and yn == "N" for k, yn in zip(kinds, ballot, strict=True))
            ]
            # the same decision by an agent that forgets every No: its chance is the "or I would give it"
            monkeypatch.setattr(A, "REFUSAL_WEIGHT", 0.0)
            forgetful = copy.deepcopy(agent).decide(
                observe(state, d.action.seat), legal_actions(state, d.action.seat)
            )
            monkeypatch.setattr(A, "REFUSAL_WEIGHT", 1.0)
            if "or I would give it" in d.reason:
                said += 1
                who = and_list([state.name_of(s) for s in nos])
                assert nos and ("who", who) in d.facts, d.reason
                assert d.reason.endswith(
                    f"{who} voted this kind of motion down last round, or I would give it {d.fact('pp0')}%."
                ), d.reason
                assert d.fact("pp0") > d.fact("pp")
                if forgetful.action == d.action:
                    assert forgetful.fact("pp") == d.fact("pp0")
            elif nos and forgetful.action == d.action:
                unsaid += 1  # a No that did not lower the chance by a whole percent goes unsaid
                assert forgetful.fact("pp") == d.fact("pp"), d.reason
    assert said >= 3


def test_a_seat_that_sank_a_motion_after_a_walk_away_says_so_when_it_tables_that_kind(records):
    # play-test: the Frontline State sank a Build when a player walked away from its price, then
    # tabled the same Build itself the next round, and it read as a contradiction
    said = 0
    for _, _, tabled, walks in records:
        for state, d, _ in tabled:
            me, kind = d.action.seat, d.action.terms.kind
            kept_threat = any(
                r == state.round - 1
                and m.terms.kind == kind
                and m.respondent == me
                and ballot == "N"
                and me in state.scenario.motions[kind].required_yes
                for r, _, m, ballot in walks
            )
            clause = "last round I voted this kind of motion down because we could not agree terms, as I had said I would"
            assert (clause in d.reason) == kept_threat, d.reason
            said += kept_threat
    assert said >= 1
