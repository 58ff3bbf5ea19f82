"""Bargaining behaviour: concrete counters, 'Ask their price', trust memory, scripted opponents."""

from __future__ import annotations

import copy
import itertools
from collections import Counter

import numpy as np
import pytest

from game.ai import make_agent
from game.ai import model as Mo
from game.ai.agent import DelegationAgent
from game.ai.base import Decision
from game.ai.explain import terms_words
from game.ai.personality import personality
from game.ai.scripted import SCRIPTED, make_scripted
from game.core import (
    Ahead,
    MotionKind,
    Phase,
    Role,
    ahead_takes,
    apply,
    legal_actions,
    load_scenario,
    observe,
    open_counters,
)
from game.sim import tournament as T
from tests.ai.contract import check_bargaining_sentence, play


@pytest.fixture(scope="module")
def bargain_states():
    """States where a seat must answer an offer, from three seeded AI games."""
    found = []

    def hook(state, seat, agent, legal, d):
        if state.phase == Phase.BARGAIN:
            found.append(state)

    play("pragmatist", 5, hook=hook)
    play("dove", 6, hook=hook)
    play("hawk", 7, hook=hook)
    assert len(found) >= 6
    return found


def _other(state):
    m = state.motions[state.bargain.motion_index]
    return m.respondent if state.to_move == m.proposer else m.proposer


def test_ask_their_price_names_an_offer_the_ai_then_accepts(bargain_states):
    answered = 0
    for state in bargain_states:
        asker = state.to_move
        ai_seat = _other(state)
        ai = make_agent("pragmatist", "normal", 3)
        price = ai.ask_price(observe(state, ai_seat), legal_actions(state, asker))
        if price is None:
            continue
        assert price.action in legal_actions(state, asker)
        # the offer the AI has on the table, if that is its price, is said to be so (play-test)
        o = state.bargain.offer
        standing = o.by == ai_seat and price.action.terms == o.terms and price.action.pay == -o.pay
        assert price.key == ("price_standing" if standing else "price")
        after = apply(state, price.action)
        answer = ai.decide(observe(after, ai_seat), legal_actions(after, ai_seat))
        assert answer.action.verb == "accept", f"asked {price.action}, then answered {answer.reason}"
        answered += 1
    assert answered >= 2


def test_counter_offers_say_what_would_make_it_work(bargain_states):
    counters = 0
    for state in bargain_states:
        seat = state.to_move
        d = make_agent("hawk", "hard", 1).decide(observe(state, seat), legal_actions(state, seat))
        if d.action.verb == "counter":
            assert d.key in ("counter", "counter_none", "counter_close", "counter_worse")
            terms, _ = terms_words(state.scenario, d.action.terms)
            assert terms in d.reason, f"the counter's terms ({terms}) are not in {d.reason!r}"
            counters += 1
        elif d.action.verb == "walk":
            assert d.key.startswith("walk_")
    assert counters >= 1


def test_broken_promises_lower_trust_and_forgiveness_restores_it(bargain_states):
    state = bargain_states[0]
    view = observe(state, state.to_move)
    other = _other(state)
    broken = view.model_copy(update={"broken_promises": ((view.round * 100 + 1, other),)})
    later = broken.model_copy(update={"round": view.round + 3})
    for name in ("hawk", "dove"):
        a = DelegationAgent(personality(name), make_agent(name, "normal", 0).d, 0)
        assert a.trust(view, other) == 1.0
        assert a.trust(broken, other) < 1.0
        assert a.trust(later, other) > a.trust(broken, other)
    dove = make_agent("dove", "normal", 0)
    hawk = make_agent("hawk", "normal", 0)
    assert dove.trust(later, other) > hawk.trust(later, other)  # Doves forgive faster


def test_scripted_opponents_play_only_legal_bargaining_moves(bargain_states):
    for rule in SCRIPTED:
        opp = make_scripted(rule, 4)
        for state in bargain_states[:4]:
            seat = state.to_move
            legal = legal_actions(state, seat)
            assert opp.decide(observe(state, seat), legal).action in legal


@pytest.fixture(scope="module")
def openings():
    """States right after a motion was tabled, from four seeded AI games."""
    found = []

    def hook(state, seat, agent, legal, d):
        if state.phase == Phase.BARGAIN and state.bargain.exchanges == 0:
            found.append(state)

    for name, seed in (("pragmatist", 5), ("dove", 6), ("hawk", 7), ("opportunist", 8)):
        play(name, seed, hook=hook)
    return found


@pytest.mark.parametrize("rule", [r for r in SCRIPTED if r != "random"])
def test_a_scripted_opponent_takes_its_own_motion_back(openings, rule):
    # a seat that tabled a motion has offered it: offered it back after a first counter that
    # asked more, every scripted rule accepts (they used to walk from their own motion, the
    # mirror because its demand started at its best; found in the traces of failed
    # negotiations). The random rule accepts at random, by design.
    checked = 0
    for i, state in enumerate(openings):
        m = state.motions[state.bargain.motion_index]
        resp = state.to_move
        opening = (m.terms, 0)
        counters = [a for a in legal_actions(state, resp) if a.verb == "counter" and (a.terms, a.pay) != opening]
        # its terms with 1 IP paid to me, then 2 ..., then any other counter
        asks = sorted(counters, key=lambda a: (a.terms != m.terms or a.pay >= 0, -a.pay))
        for first in asks:
            opp = make_scripted(rule, i)
            s1 = apply(state, first)
            reply = opp.decide(observe(s1, m.proposer), legal_actions(s1, m.proposer))
            if reply.action.verb == "counter":
                break
        else:
            continue  # it took every such counter at once
        s2 = apply(s1, reply.action)
        back = next((a for a in legal_actions(s2, resp) if a.verb == "counter" and (a.terms, a.pay) == opening), None)
        if back is None:
            continue
        s3 = apply(s2, back)
        d = opp.decide(observe(s3, m.proposer), legal_actions(s3, m.proposer))
        assert d.action.verb == "accept", d.reason
        checked += 1
    assert checked >= 2


def test_tournament_reports_every_personality_against_every_opponent(tournament):
    reps = tournament["personalities"]
    assert set(reps) == {"hawk", "dove", "pragmatist", "opportunist"}
    for rep in reps.values():
        assert set(rep) == {"agreement_rate", "mean_advantage", "accepts_below_reservation",
                            "latency_ms_p50", "latency_ms_p99", "exploitation"}
        assert set(rep["exploitation"]) == set(SCRIPTED) | set(reps)


def test_the_breakdown_agrees_with_the_issues_figures(tournament):
    # no deal counts as advantage 0, so mean advantage = agreement rate x advantage per deal;
    # the overall rate lies between the best and worst opponent's
    for name, rep in tournament["personalities"].items():
        b = tournament["breakdown"][name]
        assert rep["mean_advantage"] == pytest.approx(rep["agreement_rate"] * b["advantage_when_agreed"], abs=2e-3)
        rates = b["agreement_by_opponent"].values()
        assert set(b["agreement_by_opponent"]) == set(rep["exploitation"])
        assert min(rates) - 1e-9 <= rep["agreement_rate"] <= max(rates) + 1e-9
    text = T.format_report(tournament)
    assert "agreement rate by opponent" in text and "hardliner" in text


def test_no_personality_accepts_below_reservation_or_is_walked_far_below_nash(tournament):
    for name, rep in tournament["personalities"].items():
        assert rep["accepts_below_reservation"] == 0, name
        for opp in ("hardliner", "salami_slicer", "deadline_staller", "repeat_offer"):
            assert rep["exploitation"][opp] <= 0.15, (name, opp, rep["exploitation"][opp])


def test_the_tournament_measures_contested_negotiations(tournament):
    # self-play alone mostly gives positions where both sides want the same motion; the
    # redrawn positions must leave real bargaining to measure
    assert tournament["redrawn"] and tournament["situations"] >= 10
    assert all(n >= 20 for n in tournament["contested"].values()), tournament["contested"]


@pytest.mark.xfail(strict=True, reason="issue 3 is open: in contested negotiations Dove and Pragmatist "
                                       "agree 0.70-0.84 of the time; within the exploitation limit no play "
                                       "after the opening can exceed 0.89 (Pragmatist) against this field, "
                                       "and 0.93 (Dove) needs play that knows each opponent's rule "
                                       "(tournament --bound; docs/BALANCE.md)")
def test_dove_and_pragmatist_close_most_deals_that_suit_both(tournament):
    for name in ("dove", "pragmatist"):
        assert tournament["personalities"][name]["agreement_rate"] >= 0.9, name


def test_the_estimate_of_the_other_side_matches_its_own_valuation(bargain_states):
    # under its true agenda, my estimate of the other side's gains is what that side computes
    # itself: both count its own yes vote for a deal it agreed (H's view hides nothing that
    # its valuation uses)
    checked = 0
    for state in bargain_states:
        me = state.to_move
        other = _other(state)
        if other != Role.H:
            continue
        ai = make_agent("pragmatist", "hard", 0)
        legal = legal_actions(state, me)
        view = observe(state, me)
        allb = [(a.terms, a.pay) for a in legal if a.verb == "counter"]
        allb.append((state.bargain.offer.terms, state.bargain.offer.pay))
        est = ai._their_scales(view, other, me, allb, [])[state.agenda_of(other)][0]
        own_view = observe(state, other)
        persp = Mo.Perspective(other, state.agenda_of(other), 1.0)
        raw = ai.motion_values(own_view, persp, other, allb[:-1], +1, (me,))
        raw = np.append(raw, ai.motion_values(own_view, persp, other, allb[-1:], -1, (me,)))
        # its reservation is what walking away leaves it: the motion to the vote as tabled,
        # where my vote (the respondent's, when it tabled the motion) is what I would cast
        motion = state.motions[state.bargain.motion_index]
        mine = None
        if motion.respondent == me:
            mine = 1.0 if ai._motion_gain(view, [motion.terms], state.bargain.motion_index)[0] > 0 else 0.0
        rv = ai.walk_value(own_view, persp, other, mine)
        span = raw.max() - rv if raw.max() - rv > 1e-9 else 1.0
        assert np.allclose(est, (raw - rv) / span)
        checked += 1
    assert checked >= 1


def test_offers_that_only_one_agenda_explains_point_to_it():
    scale_a = np.array([1.0, 0.0, 0.5])
    scale_b = np.array([0.0, 1.0, 0.5])
    post = DelegationAgent.agenda_posterior({"a": (scale_a, np.array([1.0])), "b": (scale_b, np.array([0.0]))})
    assert post["a"] > 0.9 and abs(sum(post.values()) - 1) < 1e-9
    none_yet = DelegationAgent.agenda_posterior({"a": (scale_a, np.zeros(0)), "b": (scale_b, np.zeros(0))})
    assert none_yet == {"a": 0.5, "b": 0.5}


@pytest.fixture(scope="module")
def searched():
    """Contested negotiations played with the bound searched: the Dove against a hardliner (on
    every situation), the mirror (the last eight) and a Pragmatist (the last four), from both
    sides of the table; the search against the mirror and an AI opponent (copied at every
    branch) takes 5-15 s a situation on the first four, so they are left out."""
    sits = T.harvest(1, 5)
    out = []
    for oname in ("hardliner", "mirror", "pragmatist"):
        for si, sit in list(enumerate(sits))[{"hardliner": 0, "mirror": 4, "pragmatist": 8}[oname]:]:
            for ai_proposes in (True, False):
                s = 77 + si * 2 + ai_proposes
                opp = make_scripted(oname, s + 1) if oname in SCRIPTED else make_agent(oname, "normal", s + 1)
                r = T.negotiate(sit, make_agent("dove", "normal", s), personality("dove").leverage_weight, opp,
                                ai_proposes, [], bound=True)
                out.append((oname, r))
    assert sum(r.zopa for _, r in out) >= 12
    return out


def test_no_play_beats_the_bound_the_ai_played_one_line_of_it(searched):
    # the AI's own play is one of the lines the search covers: every deal it closed was
    # reachable, and never better than the best reachable one
    closed = 0
    for oname, r in searched:
        assert r.searched == r.zopa
        if r.agreed and r.zopa and r.advantage > 1e-9:
            assert r.best is not None and r.best >= r.advantage - 1e-9, (oname, r)
            closed += 1
    assert closed >= 6


def test_the_bound_is_at_least_the_agreement_the_ai_had_within_the_exploitation_limit(searched):
    t = T.Tally()
    for oname, r in searched:
        t.results.setdefault(oname, []).append(r)
    b = T.bound_figures(t)
    mine = T._summarise(t)
    for oname in t.results:
        if mine["exploitation"][oname] <= T.EXPLOITATION_LIMIT:
            assert b["bound_by_opponent"][oname] >= T._breakdown(t)["agreement_by_opponent"][oname] - 1e-9, oname
    assert b["reachable"] >= b["agreement_bound"]


def _brute_best(state, opponent, ai_seat, gain):
    """Every line of play, plainly: the AI accepts any offer above no deal or makes any counter
    above it; the opponent (copied at each branch) answers; the best gain of a deal closed
    above no deal (None if there is none)."""
    if state.phase != Phase.BARGAIN:
        return None
    b = state.bargain
    if state.to_move != ai_seat:
        a = opponent.decide(observe(state, state.to_move), legal_actions(state, state.to_move)).action
        if a.verb == "accept":
            g = gain(b.offer.terms, -b.offer.pay)
            return g if g > 1e-9 else None
        return None if a.verb == "walk" else _brute_best(apply(state, a), opponent, ai_seat, gain)
    found = [gain(b.offer.terms, b.offer.pay)] if b.offer.by != ai_seat else []
    for a in legal_actions(state, ai_seat):
        if a.verb == "counter" and gain(a.terms, -a.pay) > 1e-9:
            found.append(_brute_best(apply(state, a), copy.deepcopy(opponent), ai_seat, gain))
    found = [g for g in found if g is not None and g > 1e-9]
    return max(found) if found else None


def test_the_bound_search_finds_what_trying_every_line_finds():
    # the search bisects the last word and skips repeated scripted replies; on negotiations
    # small enough to try every line of play it must find the same best deal
    checked = 0
    for si, sit in enumerate(T.harvest(2, 4)):  # a seed whose self-play tables small motions (Builds)
        for oname in ("mirror", "hardliner", "random", "salami_slicer", "pragmatist"):
            for ai_proposes in (True, False):
                s = 5 + si * 2 + ai_proposes
                ai = make_agent("dove", "normal", s)
                opp = make_scripted(oname, s + 1) if oname in SCRIPTED else make_agent(oname, "normal", s + 1)
                legal = [a for a in legal_actions(sit.state, sit.proposer) if a.verb == "propose" and a.terms.kind == sit.kind]
                state = apply(sit.state, (ai if ai_proposes else opp).decide(observe(sit.state, sit.proposer), legal).action)
                if state.phase != Phase.BARGAIN or len(open_counters(observe(state, state.to_move))) > 12:
                    continue
                m = state.motions[state.bargain.motion_index]
                me, them = (m.proposer, m.respondent) if ai_proposes else (m.respondent, m.proposer)
                lam = personality("dove").leverage_weight
                st = T._stakes(state, me, them, lam)

                def gain(terms, pay_to_me, state=state, me=me, them=them, st=st, lam=lam):
                    u, _ = T._bundle_utils(state, me, them, [(terms, pay_to_me)], lam, state.agenda_of(me))
                    return float((u[0] - st.r_ai) / st.span)

                want = _brute_best(state, copy.deepcopy(opp), me, gain)
                got = T.best_reachable(state, copy.deepcopy(opp), me, them, lam, st)
                assert (got is None) == (want is None), (oname, si, ai_proposes, got, want)
                if want is not None:
                    assert got == pytest.approx(want, abs=1e-9), (oname, si, ai_proposes)
                checked += 1
    assert checked >= 8


def test_the_bound_takes_the_least_exploited_deals_while_the_mean_stays_within_the_limit():
    def res(nash, best):
        return T.Result(False, True, 0.0, nash, False, best, True)

    t = T.Tally({"x": [res(0.5, 0.5), res(0.5, 0.4), res(0.5, 0.3), res(0.5, 0.0), res(0.5, None)],
                 "y": [res(0.2, 0.6), res(0.9, 0.1)]})
    b = T.bound_figures(t, limit=0.15)
    # x: shortfalls 0, 0.1, 0.2, 0.5 -> means 0, 0.05, 0.1, 0.2: three of five
    # y: shortfalls 0 (above Nash counts as 0), 0.8 -> means 0, 0.4: one of two
    assert b["bound_by_opponent"] == {"x": 0.6, "y": 0.5}
    assert b["agreement_bound"] == round(4 / 7, 3) and b["reachable"] == round(6 / 7, 3)


def test_same_seed_same_tournament_figures():
    a = T.run_tournament(1, 5, personalities=("hawk",))
    b = T.run_tournament(1, 5, personalities=("hawk",))
    strip = lambda r: {k: v for k, v in r["personalities"]["hawk"].items() if not k.startswith("latency")}  # noqa: E731
    assert strip(a) == strip(b)


def test_the_agent_copy_used_by_tests_decides_like_the_original(bargain_states):
    state = bargain_states[1]
    seat = state.to_move
    a = make_agent("opportunist", "normal", 9)
    b = copy.deepcopy(a)
    legal = legal_actions(state, seat)
    assert a.decide(observe(state, seat), legal) == b.decide(observe(state, seat), legal)


def test_the_frequency_model_learns_what_the_other_side_keeps_asking_for(bargain_states):
    from game.core.actions import terms_from_args
    from game.core.state import LogEntry

    state = bargain_states[0]
    view = observe(state, state.to_move)
    other = _other(state)
    asks = tuple(
        LogEntry(seq=10_000 + k, round=view.round, key="log.counter",
                 args=(other.value, "deal local_ceasefire escrow 3", "0"))
        for k in range(3)
    )
    seen = view.model_copy(update={"log": view.log + asks})
    agent = DelegationAgent(personality("pragmatist"), make_agent("pragmatist", "normal", 0).d, 0)
    agent._update_freq(seen)
    escrow = (terms_from_args(("deal", "local_ceasefire", "escrow", "3")), 0)
    redirect = (terms_from_args(("deal", "prisoner_exchange", "redirect", "1")), 0)
    score = agent._freq_score(other, [escrow, redirect], +1)
    assert score[0] > score[1]


def test_open_counters_are_the_counters_the_rules_allow(bargain_states):
    # the AI scales its last accept-or-walk by these; from the public view they must be
    # exactly the counters the core would allow the seat to move
    for state in bargain_states:
        seat = state.to_move
        legal = {a for a in legal_actions(state, seat) if a.verb == "counter"}
        if legal:
            assert set(open_counters(observe(state, seat))) == legal


def _to_last_word(state, ai_seat, opp):
    """Play counters until ``ai_seat`` may only accept or walk (the AI picks its first counter)."""
    while state.phase == Phase.BARGAIN:
        seat = state.to_move
        legal = legal_actions(state, seat)
        counters = [a for a in legal if a.verb == "counter"]
        if seat == ai_seat and not counters:
            return state
        if seat == ai_seat:
            state = apply(state, counters[0])
        else:
            d = opp.decide(observe(state, seat), legal)
            if d.action.verb != "counter":
                return None
            state = apply(state, d.action)
    return None


def test_the_last_accept_or_walk_weighs_the_offer_against_the_whole_negotiation(bargain_states):
    # with no counter left, the offer must still be measured against the best bundle the
    # negotiation was about; measured against itself alone every offer looked like "100% of
    # the most I could gain" and the AI took whatever beat no deal
    checked = 0
    for i, state in enumerate(bargain_states):
        me = state.to_move
        last = _to_last_word(state, me, make_scripted("hardliner", i))
        if last is None:
            continue
        ai = make_agent("pragmatist", "hard", 0)
        view = observe(last, me)
        n = ai.negotiation(view, legal_actions(last, me))
        persp = Mo.Perspective(me, view.agenda, ai.p.leverage_weight)
        scale = [(a.terms, a.pay) for a in open_counters(view)]
        best = ai.motion_values(view, persp, me, scale, -1, (_other(last),)).max()
        if best > n.offer_raw + 1e-6 and n.offer_raw > n.rv_raw + 1e-6:
            assert n.offer_u < 1 - 1e-6
            checked += 1
    assert checked >= 1


def test_a_hardliner_keeps_its_demand_at_the_last_word(bargain_states):
    # at its last accept-or-walk the hardliner still wants 90% of its best bundle, not merely
    # anything better than no deal (it used to scale the offer against itself alone)
    walked = 0
    for i, state in enumerate(bargain_states):
        hl = make_scripted("hardliner", i)
        me = state.to_move
        ai = make_agent("pragmatist", "normal", i)
        st = state
        while st.phase == Phase.BARGAIN:
            seat = st.to_move
            legal = legal_actions(st, seat)
            if seat == me:
                counters = [a for a in legal if a.verb == "counter"]
                if counters and st.bargain.exchanges + 1 == st.scenario.rules.max_exchanges:
                    # my last word: the offer the hardliner likes least among those it prefers to no deal
                    them = _other(st)
                    tv = observe(st, them)
                    tp = Mo.Perspective(them, st.agenda_of(them), 1.0)
                    vals = hl._val.motion_values(tv, tp, them, [(a.terms, a.pay) for a in counters], +1, (me,))
                    trv = Mo.value_of(tp, Mo.base_row(tv, them), Mo.context(tv))
                    if (vals > trv + 1e-6).any():
                        st = apply(st, counters[int(np.argmin(np.where(vals > trv + 1e-6, vals, np.inf)))])
                        continue
                st = apply(st, ai.decide(observe(st, seat), legal).action)
                continue
            v = observe(st, seat)
            d = hl.decide(v, legal)
            if not any(a.verb == "counter" for a in legal):
                persp = Mo.Perspective(seat, st.agenda_of(seat), 1.0)
                offer = hl._val.motion_values(v, persp, seat, [(st.bargain.offer.terms, st.bargain.offer.pay)], +1, (me,))[0]
                rv = Mo.value_of(persp, Mo.base_row(v, seat), Mo.context(v))
                scale = hl._val.motion_values(v, persp, seat, [(a.terms, a.pay) for a in open_counters(v)], -1, (me,))
                lo = min(rv, offer, scale.min())
                share = (offer - lo) / (scale.max() - lo)
                if offer > rv + 1e-6 and share < 0.85:
                    assert d.action.verb == "walk", share
                    walked += 1
                if share > 0.95:
                    assert d.action.verb == "accept", share
            st = apply(st, d.action)
    assert walked >= 1


def test_remembered_projection_is_the_computed_one_and_read_only(bargain_states):
    view = observe(bargain_states[0], bargain_states[0].to_move)
    X = np.stack([Mo.base_row(view, r) for r in view.roles])
    ctx = Mo.context(view)
    Mo._project_memo.clear()
    first = Mo.project(X, ctx)
    again = Mo.project(X.copy(), ctx)
    assert again is first  # the same rows at the same moment are projected once
    fresh = Mo._project(X, ctx)
    for k, v in fresh.items():
        np.testing.assert_array_equal(first[k], v)
        with pytest.raises(ValueError):
            first[k][0] = 0.0  # shared between callers, so nobody may change it
    later = Mo.Context(ctx.sc, ctx.round + 1, max(0, ctx.drift_steps - 1), max(0, ctx.rounds_left - 1), ctx.played,
                       ctx.horizon, ctx.first_step_round + 1)
    assert Mo.project(X, later) is not first  # another moment is another projection
    X2 = X.copy()
    X2[:, Mo.E] += 1.0
    assert not np.array_equal(Mo.project(X2, ctx)["E_max"], first["E_max"])
    for _ in range(Mo.PROJECT_MEMO_SIZE + 5):
        X2[:, Mo.P] += 0.001
        Mo.project(X2, ctx)
    assert len(Mo._project_memo) == Mo.PROJECT_MEMO_SIZE  # bounded


def test_a_rows_value_does_not_depend_on_the_rows_or_perspectives_valued_beside_it(bargain_states):
    # the AI values many bundles, and one seat under each agenda it may hold, in one call
    # (``values_by``); each figure must be exactly what valuing that row alone gives
    checked = 0
    for state in bargain_states[:6]:
        view = observe(state, state.to_move)
        ctx = Mo.context(view)
        for seat in view.roles:
            X = np.stack([Mo.base_row(view, r) for r in view.roles]) + np.arange(len(view.roles))[:, None] * 0.25
            ci = np.arange(len(view.roles)) - 1
            persps = [Mo.Perspective(seat, ag.id, lam) for ag in view.scenario.agendas if ag.role == seat
                      for lam in (0.5, 1.0)] + [Mo.Perspective(seat, "", 1.0)]
            together = Mo.values_by(persps, X, ci, ctx)
            for persp, got in zip(persps, together, strict=True):
                np.testing.assert_array_equal(got, Mo.values(persp, X, ci, ctx))
                for i in range(len(X)):
                    assert got[i] == Mo.values(persp, X[i:i + 1], ci[i:i + 1], ctx)[0]
                checked += 1
    assert checked >= 20


def test_valuing_bundles_together_gives_what_valuing_each_alone_gives(bargain_states):
    # one call values the counters (paid by me), the offer on the table (paid to me) and past
    # offers, under several perspectives; each must equal its own one-bundle valuation
    for state in bargain_states[:6]:
        me = state.to_move
        view = observe(state, me)
        other = _other(state)
        bundles = [(a.terms, a.pay) for a in legal_actions(state, me) if a.verb == "counter"][:12]
        bundles.append((state.bargain.offer.terms, state.bargain.offer.pay))
        signs = [(-1) ** k for k in range(len(bundles))]
        persps = [Mo.Perspective(other, ag.id, 1.0) for ag in view.scenario.agendas if ag.role == other]
        together = make_agent("pragmatist", "normal", 1).motion_values_by(view, persps, other, bundles, signs, (me,))
        for persp, got in zip(persps, together, strict=True):
            alone = [make_agent("pragmatist", "normal", 1).motion_values(view, persp, other, [b], sg, (me,))[0]
                     for b, sg in zip(bundles, signs, strict=True)]
            np.testing.assert_array_equal(got, alone)


def test_the_chance_a_motion_passes_counts_every_way_the_votes_can_fall(bargain_states, monkeypatch):
    # the AI adds up only the ways of voting that pass a motion (remembered per scenario): the
    # sum must be the chance over all 2**n ways, each weighed by every voter's chance of a yes,
    # and another scenario's rule (whose yes a motion needs) must not be read from the memo
    from game.core import motion_passes
    from game.core.scenario import Scenario

    state = bargain_states[0]
    view = observe(state, state.to_move)
    ai = make_agent("pragmatist", "hard", 3)
    voters = [r for r in view.roles if r != Role.F and r not in view.automated]
    rng = np.random.default_rng(5)
    chance = {v: rng.uniform(0.05, 0.95, 4) for v in voters}
    monkeypatch.setattr(ai, "_own_yes", lambda view, v, *a, **k: chance[v])
    rows, ci = np.zeros((4, Mo.NF)), np.full(4, -1)
    ctx = Mo.context(view)
    d = view.scenario.model_dump(mode="json")
    d["motions"]["settlement"]["required_yes"] = [r.value for r in voters if r != view.me][:2]
    other_rule = Scenario.model_validate(d)
    for v in (view, view.model_copy(update={"scenario": other_rule}), view):
        for kind in (MotionKind.DEAL, MotionKind.SETTLEMENT):
            yes = {r: (np.ones(4) if r == v.me else chance[r]) for r in voters}
            want = np.zeros(4)
            for combo in itertools.product((True, False), repeat=len(voters)):
                if motion_passes(v.scenario, kind, dict(zip(voters, combo, strict=True))):
                    want += np.prod([yes[r] if y else 1 - yes[r] for r, y in zip(voters, combo, strict=True)], axis=0)
            np.testing.assert_allclose(ai._pass_prob(v, kind, rows, ci, ctx, ()), want, rtol=1e-12)
    assert not np.allclose(*(ai._pass_prob(v, MotionKind.SETTLEMENT, rows, ci, ctx, ())
                             for v in (view, view.model_copy(update={"scenario": other_rule}))))


def _value(ai, view, persp, bundle, sign, them):
    return float(ai.motion_values(view, persp, view.seat, [bundle], sign, (them,))[0])


@pytest.mark.parametrize("name", ["hawk", "pragmatist"])
def test_the_ai_never_takes_back_what_it_has_offered(bargain_states, name):
    # its counters never ask more than its own previous offer, and an offer at least as good
    # as that one is always taken (a tit-for-tat side would see a retraction; walking from a
    # deal it proposed itself makes no sense)
    countered = accepted = 0
    for i, state in enumerate(bargain_states):
        me = state.to_move
        for opp in (make_scripted("mirror", i), make_scripted("hardliner", i), make_agent("hawk", "normal", i), None):
            # None: a side that offers the AI its own last offer back (the rule's plainest case)
            ai = make_agent(name, "normal", i)
            st = state
            while st.phase == Phase.BARGAIN:
                seat = st.to_move
                legal = legal_actions(st, seat)
                if seat != me:
                    if opp is None:
                        mine = ai._offers_by(observe(st, me), me)
                        back = [a for a in legal if a.verb == "counter" and mine and (a.terms, -a.pay) == mine[-1]]
                        st = apply(st, back[0] if back else next(a for a in legal if a.verb != "counter"))
                    else:
                        st = apply(st, opp.decide(observe(st, seat), legal).action)
                    continue
                view = observe(st, me)
                them = _other(st)
                mine = ai._offers_by(view, me)
                persp = Mo.Perspective(me, view.agenda, ai.p.leverage_weight)
                n = copy.deepcopy(ai).negotiation(view, legal)
                d = ai.decide(view, legal)
                if mine:
                    prev = _value(ai, view, persp, mine[-1], -1, them)
                    offer = _value(ai, view, persp, (st.bargain.offer.terms, st.bargain.offer.pay), +1, them)
                    # an opening below my floor (a motion tabled for its own sake) does not bind
                    held = max(prev, n.rv_raw + n.floor * n.span)
                    # ... and when nothing it may still ask beats no deal, the least retraction
                    # that does is allowed (rather than walking from a deal that suits it)
                    m = n.mine[:-1]
                    cap = (held - n.rv_raw) / n.span
                    if (m > 1e-9).any() and not ((m <= cap + 1e-9) & (m > 1e-9)).any():
                        held = max(held, n.rv_raw + n.span * float(m[m > 1e-9].min()))
                    if d.action.verb == "counter":
                        assert _value(ai, view, persp, (d.action.terms, d.action.pay), -1, them) <= held + 1e-9, d.reason
                        countered += 1
                    if offer >= held - 1e-12 and any(a.verb == "accept" for a in legal):
                        assert d.action.verb == "accept", d.reason
                        accepted += 1
                st = apply(st, d.action)
    assert countered >= 10 and accepted >= 1


def test_a_side_that_has_not_moved_is_expected_to_take_little_less_than_it_asks():
    theirs = np.linspace(0.0, 1.0, 11)
    stood = DelegationAgent.accept_chance(theirs, 0.8, np.array([0.8, 0.8]))
    moved = DelegationAgent.accept_chance(theirs, 0.8, np.array([1.0, 0.8]))
    unknown = DelegationAgent.accept_chance(theirs, 0.8, np.array([0.8]))
    # at or above what they asked, they take it; far below it, a side that stood firm will not
    for p in (stood, moved, unknown):
        assert p[theirs >= 0.8].min() == 1.0 and ((np.diff(p) >= 0).all())
    assert stood[theirs <= 0.5].max() == 0.0
    assert moved[5] > stood[5] and unknown[4] > 0.0  # conceding (or no history) widens the band
    np.testing.assert_allclose(unknown, np.clip(theirs / 0.8, 0, 1))  # one offer: down to no deal


class _Checked:
    """Wraps an AI in tournament negotiations: every bargaining sentence is checked against the
    AI's own numbers for that position (``check_bargaining_sentence``)."""

    def __init__(self, agent, seen):
        self.agent, self.name, self.seen = agent, agent.name, seen

    def ask_price(self, view, legal):
        return self.agent.ask_price(view, legal)

    def decide(self, view, legal):
        before = copy.deepcopy(self.agent)
        d = self.agent.decide(view, legal)
        if view.phase == Phase.BARGAIN and len(legal) > 1:
            check_bargaining_sentence(d, before.negotiation(view, legal))
            self.seen[d.key] += 1
        return d


def test_bargaining_sentences_say_the_numbers_in_contested_negotiations():
    # found by review: "no deal can work" and "nothing I could offer instead would" said while a
    # counter of its own beat no deal (its "never take back" cap blocked them all), "covers 100%
    # of what I need" before countering, and "gives me 5%, below the 5% I need"
    seen: Counter[str] = Counter()
    sits = T.harvest(2, 7)
    for name, level in (("dove", "hard"), ("hawk", "normal"), ("pragmatist", "easy")):
        for oname in (*SCRIPTED, "hawk", "dove"):
            for si, sit in enumerate(sits):
                for ai_proposes in (True, False):
                    s = 1000 + si * 2 + ai_proposes
                    opp = make_scripted(oname, s + 1) if oname in SCRIPTED else make_agent(oname, "normal", s + 1)
                    ai = _Checked(make_agent(name, level, s), seen)
                    T.negotiate(sit, ai, personality(name).leverage_weight, opp, ai_proposes, [])
    assert {"counter", "accept", "accept_match", "accept_last", "walk_low"} <= set(seen), seen
    assert seen["counter"] > 100


def _opened(sit, opener):
    """The negotiation of ``sit`` once ``opener`` has tabled its motion (None if none starts)."""
    legal = [a for a in legal_actions(sit.state, sit.proposer) if a.verb == "propose" and a.terms.kind == sit.kind]
    if not legal:
        return None
    st = apply(sit.state, opener.decide(observe(sit.state, sit.proposer), legal).action)
    return st if st.phase == Phase.BARGAIN else None


def _under_way(st, m) -> bool:
    return st.phase == Phase.BARGAIN and st.motions[m.id % 100 - 1].status.value == "tabled"


def test_asking_the_price_changes_nothing_the_ai_decides_later():
    # "Ask their price" is free: it used to draw from the agent's seeded stream, so asking (or
    # not) changed the AI's later counters and accepts
    sits = T.harvest(3, 3)
    compared = 0
    for si, sit in enumerate(sits):
        for ai_proposes in (True, False):
            quiet = make_agent("pragmatist", "normal", 42 + si)
            opp = make_scripted("mirror", 7)
            st = _opened(sit, quiet if ai_proposes else opp)
            asked = copy.deepcopy(quiet)
            if st is None:
                continue
            m = st.motions[st.bargain.motion_index]
            ai_seat = m.proposer if ai_proposes else m.respondent
            while _under_way(st, m):
                seat = st.to_move
                lg = legal_actions(st, seat)
                if seat == ai_seat:
                    d1 = quiet.decide(observe(st, seat), lg)
                    d2 = asked.decide(observe(st, seat), lg)
                    assert (d1.action, d1.reason) == (d2.action, d2.reason)
                    compared += 1
                    st = apply(st, d1.action)
                else:
                    for _ in range(3):
                        asked.ask_price(observe(st, ai_seat), lg)
                    assert asked._rng == quiet._rng
                    st = apply(st, opp.decide(observe(st, seat), lg).action)
    assert compared > 20


def test_the_price_at_the_last_word_is_never_cheaper_than_the_ais_standing_offer_and_before_it_tells_more():
    # found in play: at the last exchange "Ask their price" named the least the AI would still
    # accept (every personality then paid the player 2 IP): asking is free, so at the last word
    # the price is never a better deal for the asker than the offer the AI has on the table.
    # Before it, the price is what the AI would accept after the asker's counter (found in play:
    # "Their price is the offer on the table" every time made the button tell nothing).
    sits = T.harvest(3, 3)
    last, earlier, better = 0, 0, 0
    for si, sit in enumerate(sits):
        for name in ("hawk", "dove"):
            for ai_proposes in (True, False):
                ai = make_agent(name, "normal", 50 + si)
                opp = make_scripted("hardliner", 9)
                st = _opened(sit, ai if ai_proposes else opp)
                if st is None:
                    continue
                m = st.motions[st.bargain.motion_index]
                ai_seat, opp_seat = (m.proposer, m.respondent) if ai_proposes else (m.respondent, m.proposer)
                max_ex = st.scenario.rules.max_exchanges
                while _under_way(st, m):
                    seat = st.to_move
                    lg = legal_actions(st, seat)
                    if seat == opp_seat and any(a.verb == "counter" for a in lg):
                        view = observe(st, ai_seat)
                        price = ai.ask_price(view, lg)
                        mine = ai._offers_by(view, ai_seat)
                        if price is not None and mine:
                            persp = ai._me(view)
                            got = ai.motion_values(view, persp, ai_seat, [(price.action.terms, price.action.pay)], +1,
                                                   (opp_seat,))[0]
                            standing = ai.motion_values(view, persp, ai_seat, mine[-1:], -1, (opp_seat,))[0]
                            if st.bargain.exchanges + 1 >= max_ex:  # their counter would be the last
                                assert got >= standing - 1e-9, f"{name}: price {price.reason} is below its own offer"
                                last += 1
                            else:
                                after = apply(st, price.action)  # and the AI takes it
                                answer = copy.deepcopy(ai).decide(observe(after, ai_seat), legal_actions(after, ai_seat))
                                assert answer.action.verb == "accept", answer.reason
                                earlier += 1
                                better += got < standing - 1e-9
                    st = apply(st, (ai if seat == ai_seat else opp).decide(observe(st, seat), lg).action)
    assert last > 10 and earlier > 10
    assert better > 0  # before the last word the price can be better for the asker than the standing offer


def _as_if_my_last_offer_was_my_worst(agent, view, legal):
    """The agent, made to remember its worst bundle (worth less to it than no deal) as its own
    last offer in this negotiation: an opening tabled below its floor."""
    n = copy.deepcopy(agent).negotiation(view, legal)
    worst = n.bundles[int(np.argmin(n.mine))]
    real = agent._offers_by

    def offers_by(v, seat):
        return [worst] if seat == v.seat else real(v, seat)

    agent._offers_by = offers_by
    return agent


def _counter_positions(states):
    """(index, state, seat to move, its view, its legal moves) where it may still counter."""
    for i, state in enumerate(states):
        me = state.to_move
        view, legal = observe(state, me), legal_actions(state, me)
        if any(a.verb == "counter" for a in legal):
            yield i, state, me, view, legal


def test_an_ai_whose_last_offer_was_below_no_deal_still_counters_with_a_deal_that_suits_it(bargain_states):
    # found in review: "never take back" capped every counter at its own last offer, so after an
    # opening below no deal nothing was left to ask and the AI said "no deal can work" (or took a
    # poor offer as the only thing that beats no deal) while counters of its own beat no deal
    countered = 0
    for i, _, _, view, legal in _counter_positions(bargain_states):
        ai = _as_if_my_last_offer_was_my_worst(make_agent("dove", "hard", i), view, legal)
        n = copy.deepcopy(ai).negotiation(view, legal)
        d = ai.decide(view, legal)
        check_bargaining_sentence(d, n)
        if (n.mine > 1e-9).any() and n.offer_u < float(n.mine.max()) - 1e-9:
            assert not d.key.startswith(("walk_nozopa", "accept_only", "walk_margin")), d.reason
            countered += d.key in ("counter", "counter_none", "counter_close", "counter_worse")
    assert countered >= 2


def test_an_offer_at_least_as_good_as_the_ais_own_next_counter_is_accepted(bargain_states):
    # AC_next: with its next counter below its margin (all it may still ask, having opened low),
    # an offer worth at least that counter used to be refused for missing the margin, and the AI
    # countered with less than the offer gave it
    checked = 0
    for i, state, me, view, legal in _counter_positions(bargain_states):
        ai = _as_if_my_last_offer_was_my_worst(make_agent("hawk", "hard", i), view, legal)
        n = copy.deepcopy(ai).negotiation(view, legal)
        if n.next_index is None:
            continue
        nxt = float(n.mine[n.next_index])
        better = [j for j in np.flatnonzero((n.mine >= nxt) & (n.mine < n.floor) & (n.mine > 1e-9))
                  if j != n.next_index]
        if not better:
            continue
        tm, pay = n.bundles[better[0]]  # that bundle, offered by them: they pay what I would not
        b = state.bargain
        offered = state.model_copy(update={"bargain": b.model_copy(
            update={"offer": b.offer.model_copy(update={"terms": tm, "pay": -pay})})})
        v2, l2 = observe(offered, me), legal_actions(offered, me)
        ai2 = _as_if_my_last_offer_was_my_worst(make_agent("hawk", "hard", i), v2, l2)
        n2 = copy.deepcopy(ai2).negotiation(v2, l2)
        d = ai2.decide(v2, l2)
        check_bargaining_sentence(d, n2)
        if n2.next_index is not None and n2.offer_u >= float(n2.mine[n2.next_index]) - 1e-9:
            assert d.action.verb == "accept", d.reason
            checked += 1
    assert checked >= 1


def test_a_motion_is_valued_with_what_the_motions_ahead_of_it_on_the_table_leave():
    # found in play: the Chair paid 2 IP in bargaining for a Hotline that then "passed but could
    # not be carried out": the Claims Commission ahead of it (resolved first) took the whole Fund
    from game.core import MotionKind, Terms, load_scenario, new_game
    from game.core.state import Bargain, Motion, Offer

    start = new_game(load_scenario(), 5, 3)
    claims = Motion(id=101, round=1, proposer=Role.A, respondent=Role.H, terms=Terms(kind=MotionKind.BUILD, target="claims"),
                    status="agreed", promised=(Role.A, Role.H))
    hotline = Motion(id=102, round=1, proposer=Role.A, respondent=Role.M, terms=Terms(kind=MotionKind.BUILD, target="hotline"))

    def asked_to_pay(motions, k):  # the Frontline State asks the Chair 1 IP for the motion at k
        return start.model_copy(update={
            "fund": 4, "motions": motions, "phase": Phase.BARGAIN, "to_move": Role.M,
            "bargain": Bargain(motion_index=k, to_move=Role.M, offer=Offer(by=Role.A, terms=motions[k].terms, pay=-1),
                               exchanges=1)})

    behind = asked_to_pay((claims, hotline), 1)
    view = observe(behind, Role.M)
    row, _ = Mo.terms_delta(view, hotline.terms, ahead_takes(view, 1))
    assert not row.any()  # the Fund (4) goes to the Claims Commission first: nothing is built
    assert Mo.terms_delta(view, hotline.terms, ahead_takes(view, 0))[0].any()
    assert ahead_takes(view, None).fund == 6 and ahead_takes(view, 0) == Ahead()  # a new motion goes last
    paid = 0
    for name in ("hawk", "dove", "pragmatist", "opportunist"):
        legal = legal_actions(behind, Role.M)
        d = make_agent(name, "normal", 1).decide(observe(behind, Role.M), legal)
        assert d.action.verb != "accept" and not (d.action.verb == "counter" and d.action.pay > 0), (name, d.reason)
        # first on the table, the motions are worth paying for to some personality
        first = asked_to_pay((hotline.model_copy(update={"id": 101}), claims.model_copy(update={"id": 102})), 0)
        d = make_agent(name, "normal", 1).decide(observe(first, Role.M), legal_actions(first, Role.M))
        paid += d.action.verb == "accept" or (d.action.verb == "counter" and d.action.pay > 0)
    assert paid


def test_an_acceptance_whose_bar_shows_as_0_percent_says_so_in_words():
    # found in play: a Dove Chair said "it gives me 0% ..., at least the 0% I would have come
    # down to next", and "at least the 0% I now need"; a bar that rounds to 0% is said in words
    from game.core import load_scenario, new_game
    from game.sim.agents import ai_agents
    from game.sim.simulate import game_seed

    # 3-seat seeded games (the first found in play was game_seed(3, 18) under the rules before
    # the round's allowance), played until one such acceptance has been said and checked
    factory = ai_agents("mixed", 3)
    worded = 0
    for i in range(60):
        gs = game_seed(3, i)
        state = new_game(load_scenario(), 3, gs)
        agents = {r: factory(r, gs) for r in state.roles if state.plays(r)}
        while not state.is_over:
            seat = state.to_move
            legal = legal_actions(state, seat)
            view = observe(state, seat)
            n = copy.deepcopy(agents[seat]).negotiation(view, legal) if state.phase == Phase.BARGAIN else None
            d = agents[seat].decide(view, legal)
            assert "the 0%" not in d.reason, d.reason
            if d.key in ("accept_any", "accept_even"):
                check_bargaining_sentence(d, n)
                worded += 1
            state = apply(state, d.action)
        if worded:
            break
    assert worded >= 1


def _walker_games(walker: Role, seeds: range, seats: int = 5):
    """AI games where ``walker`` walks away from its own motions at its first turn in
    bargaining (a player who never bargains): yields, per such motion, (the motion as tabled,
    the respondent's last sentence before the walk, its ballot letter, what the motion would
    gain it by its own count, whether the motion passed)."""
    from game.core import motion_passes, new_game
    from game.core.engine import playing_roles
    from game.core.state import MotionStatus, SeatConfig
    from game.sim.agents import mixed_personality

    sc = load_scenario()
    for seed in seeds:
        st = new_game(sc, [SeatConfig(role=r, name=sc.roles[r].name, personality=mixed_personality(seed, r))
                           for r in playing_roles(seats)], seed)
        agents = {s.role: make_agent(s.personality, s.difficulty, seed * 31 + k) for k, s in enumerate(st.seats)}
        said: dict[int, str] = {}
        while not st.is_over:
            seat = st.to_move
            legal = legal_actions(st, seat)
            act = agents[seat].decide(observe(st, seat), legal)
            if st.phase == Phase.BARGAIN:
                m = st.motions[st.bargain.motion_index]
                if seat == walker and m.proposer == walker and any(a.verb == "walk" for a in legal):
                    act = Decision(next(a for a in legal if a.verb == "walk"))
                elif seat != walker:
                    said[m.id] = act.reason
            before = st
            st = apply(st, act.action)
            if before.phase == Phase.VOTE and st.phase != Phase.VOTE:
                ballots = dict(st.votes_revealed)
                for k, m in enumerate(before.motions):
                    if m.status == MotionStatus.WALKED and m.proposer == walker and m.respondent in ballots:
                        resp = m.respondent
                        gain = float(agents[resp]._motion_gain(observe(before, resp), [m.terms], k)[0])
                        passed = motion_passes(sc, m.terms.kind, {r: b[k] == "Y" for r, b in ballots.items()})
                        yield m, said.get(m.id, ""), ballots[resp][k], gain, passed
                said = {}


def test_walking_away_from_a_counter_gets_the_motion_voted_down_by_the_seat_whose_yes_it_needs():
    # play-test: walking from an AI Custodian's counter got the Sanctioned Power's deal through
    # with the Custodian's own yes (31 of 38 times), so its demands were empty and a player
    # learned never to bargain. The Custodian's yes is needed for a Deal: it now votes it down,
    # and says so when it counters
    seen = worth_it = 0
    for m, sentence, ballot, gain, passed in _walker_games(Role.S, range(1, 13)):
        assert m.respondent == Role.H
        assert ballot == "N" and not passed, (m, sentence)
        assert sentence.endswith("if you walk away, I vote it down as tabled."), sentence
        seen += 1
        worth_it += gain > 0
    assert seen >= 10
    # in some of them the motion as tabled would have gained the Custodian something: the no is
    # the threat kept, not a sincere vote
    assert worth_it >= 1


def test_walking_away_where_the_respondents_yes_is_not_needed_leaves_its_vote_sincere():
    # the Chair bargains over a Build the Frontline State tabled, but its yes is not needed:
    # walking away from its counter sends the Build to the vote, which the Chair knows (its
    # reservation is the Build going to the vote, not "no deal") and where it votes as the
    # Build suits it
    from tests.core.helpers import act, game, run_until

    s = act(game(scenario=load_scenario()), "M agenda A")
    s = s.model_copy(update={"fund": 10, "infra_row": ("secretariat", "hotline", "claims")})
    s = run_until(act(s, "A propose build secretariat"), lambda x: x.phase == Phase.BARGAIN)
    chair = make_agent("hawk", "normal", 1)
    view, legal = observe(s, Role.M), legal_actions(s, Role.M)
    n = copy.deepcopy(chair).negotiation(view, legal)
    persp = Mo.Perspective(Role.M, s.agenda_of(Role.M), personality("hawk").leverage_weight)
    no_deal = Mo.value_of(persp, Mo.base_row(view, Role.M), Mo.context(view))
    assert n.rv_raw > no_deal + 1e-6  # the Build would pass without its yes, and it gains from it
    d = chair.decide(view, legal)
    assert d.action.verb == "counter" and "vote it down" not in d.reason
    s = run_until(act(apply(s, d.action), "A walk"), lambda x: x.phase == Phase.VOTE and x.to_move == Role.M)
    v = observe(s, Role.M)
    gain = float(chair._motion_gain(v, [s.motions[0].terms], 0)[0])
    assert gain > 0 and chair.decide(v, legal_actions(s, Role.M)).action.args[0][0] == "Y"


def test_the_reservation_is_what_walking_away_leads_to(bargain_states):
    checked = {True: 0, False: 0}
    for state in bargain_states:
        me = state.to_move
        view = observe(state, me)
        ai = make_agent("pragmatist", "normal", 3)
        n = ai.negotiation(view, legal_actions(state, me))
        m = state.motions[state.bargain.motion_index]
        persp = Mo.Perspective(me, state.agenda_of(me), personality("pragmatist").leverage_weight)
        no_deal = Mo.value_of(persp, Mo.base_row(view, me), Mo.context(view))
        needed = m.respondent in state.scenario.motions[m.terms.kind].required_yes
        assert n.rv_raw == pytest.approx(ai.walk_value(view, persp, me))
        if needed:  # the respondent votes it down: walking away is no deal
            assert n.rv_raw == pytest.approx(no_deal)
        checked[needed] += 1
    assert checked[True] >= 1


def test_the_least_advantage_at_the_agreement_target_is_the_least_over_every_choice_of_deals():
    # brute force over every set of agreed negotiations: with opponent o's agreed set A, the
    # least total advantage within the exploitation limit is max(0, sum of Nash shares - limit |A|)
    rng = np.random.default_rng(3)

    def res(nash, zopa=True):
        return T.Result(False, zopa, 0.0, nash, False)

    for trial in range(40):
        names = ["a", "b", "c"][: 1 + trial % 3]
        t = T.Tally({nm: [res(float(x)) for x in rng.uniform(0.0, 0.9, size=int(rng.integers(1, 4)))] for nm in names})
        t.results[names[0]].append(res(0.99, zopa=False))  # not contested: never counted
        items = [(nm, r.nash_advantage) for nm, rs in t.results.items() for r in rs if r.zopa]
        n = len(items)
        target = float(rng.choice([0.5, 0.75, 0.9]))
        need = int(np.ceil(target * n - 1e-9))
        want = np.inf
        for k in range(need, n + 1):
            for chosen in itertools.combinations(range(n), k):
                by = {}
                for i in chosen:
                    by.setdefault(items[i][0], []).append(items[i][1])
                want = min(want, sum(max(0.0, sum(v) - 0.15 * len(v)) for v in by.values()))
        assert T.least_advantage_at_target(t, target, 0.15) == pytest.approx(round(want / n, 3), abs=1e-9), trial


def test_the_advantage_bound_takes_each_negotiations_best_deal_and_no_deal_as_zero():
    def res(best, searched=True):
        return T.Result(False, True, 0.0, 0.5, False, best, searched)

    t = T.Tally({"x": [res(0.8), res(None), res(0.2)], "y": [res(0.5), res(0.9, searched=False)]})
    # searched: 0.8, none (0), 0.2, 0.5 -> 1.5 / 4
    assert T.bound_figures(t)["advantage_bound"] == round(1.5 / 4, 3)


def test_an_offer_that_could_not_be_carried_out_is_said_to_be_void_with_what_the_motions_ahead_leave():
    # play-test: AIs haggled over a Deal the motions ahead of it had left no Vault for, and
    # nothing said why the offer was worth nothing to them
    from game.core import new_game, void_reason
    from game.sim.agents import ai_agents

    factory = ai_agents("mixed")
    sc = load_scenario()
    said = 0
    for seed in range(1, 26):
        s = new_game(sc, 5, seed)
        agents = {r: factory(r, seed) for r in s.roles}
        while not s.is_over:
            seat = s.to_move
            view = observe(s, seat)
            d = agents[seat].decide(view, legal_actions(s, seat))
            if s.phase == Phase.BARGAIN and d.action.verb in ("counter", "walk"):
                why = void_reason(view, s.bargain.offer.terms, s.bargain.motion_index)
                if why is None:
                    assert "could not be carried out" not in d.reason, d.reason
                else:
                    code, nums = why
                    assert "could not be carried out" in d.reason, d.reason
                    if code == "vault":
                        assert f"leave {nums['left']} tranche" in d.reason and ("left", nums["left"]) in d.facts, d.reason
                    if code == "fund":
                        assert f"leave {nums['left']} in the Fund, and the card costs {nums['cost']}" in d.reason, d.reason
                    said += 1
            s = apply(s, d.action)
    assert said >= 1  # rare in self-play: seed 1 (seed 16 had one until the Chair stopped switching agreed Deals)


@pytest.mark.parametrize(("seats", "seed"), [(3, 218), (6, 58)])
def test_a_counter_on_terms_that_could_not_be_carried_out_says_all_it_asks_for_is_the_side_payment(seats, seed):
    # play-test: an AI said the offer's terms were void, then countered with other void terms
    # and 1 IP to itself, and said nothing of it (two AI games where that happens)
    from game.core import new_game, void_reason
    from game.sim.agents import ai_agents

    factory = ai_agents("mixed", seats)
    s = new_game(load_scenario(), seats, seed)
    agents = {r: factory(r, seed) for r in s.roles}
    void_counters = 0
    while not s.is_over:
        seat = s.to_move
        view = observe(s, seat)
        d = agents[seat].decide(view, legal_actions(s, seat))
        if s.phase == Phase.BARGAIN and d.action.verb == "counter":
            mine = void_reason(view, d.action.terms, s.bargain.motion_index)
            theirs = void_reason(view, s.bargain.offer.terms, s.bargain.motion_index)
            assert ("nor could mine" in d.reason) == (mine is not None and theirs is not None), d.reason
            assert ("my own terms could not" in d.reason) == (mine is not None and theirs is None), d.reason
            assert ("all I ask for is the side payment" in d.reason) == (mine is not None and d.action.pay < 0)
            void_counters += mine is not None
        s = apply(s, d.action)
    assert void_counters >= 1
