"""An AI that discounts the other side's word says so, with the figure it uses (play-test: a
player broke a promise, and the next round the AI bargained with no word of it)."""

from __future__ import annotations

import copy

from game.ai import make_agent
from game.ai.agent import TRUST_SAID
from game.ai.explain import pct
from game.core import Phase, apply, legal_actions, load_scenario, new_game, observe


def _ais_answering_offers(seeds: range):
    """Every position of seeded Pragmatist play where an AI answers an offer in bargaining:
    (a copy of the agent, its view, legal)."""
    for seed in seeds:
        state = new_game(load_scenario(), 5, seed)
        agents = {r: make_agent("pragmatist", "normal", seed * 31 + k) for k, r in enumerate(state.roles)}
        while not state.is_over:
            seat = state.to_move
            assert seat is not None
            legal = legal_actions(state, seat)
            if state.phase == Phase.BARGAIN:
                yield copy.deepcopy(agents[seat]), observe(state, seat), legal
            state = apply(state, agents[seat].decide(observe(state, seat), legal).action)


def _ai_answering_an_offer(seed: int):
    """The first position of seeded Pragmatist play where an AI answers an offer."""
    return next(_ais_answering_offers(range(seed, seed + 1)))


def test_a_broken_promise_is_said_with_the_trust_the_ai_gives_that_side_where_it_matters() -> None:
    said = unsaid = 0
    for agent, view, legal in _ais_answering_offers(range(1, 13)):
        assert view.bargain is not None
        other = view.bargain.offer.by
        plain = copy.deepcopy(agent).decide(view, legal)
        assert "your promise" not in plain.reason  # no broken word, nothing said
        mid = view.round * 100 - 99 if view.round > 1 else 101
        broke = view.model_copy(update={"broken_promises": ((mid, other),)})
        twin = copy.deepcopy(agent)
        d = twin.decide(broke, legal)
        tr = pct(twin.trust(broke, other))
        assert 0 < tr < 100
        if twin.broke_on(broke, other, view.motions[view.bargain.motion_index].terms.kind):
            # the broken promise was on a motion of this kind: that clause instead (see below)
            assert f"you voted against motion {mid}, a " in d.reason and "adds nothing" in d.reason
            continue
        clause = f"you voted against motion {mid} after agreeing it, so I give your promise a {tr}% chance of holding"
        # said where the distrust lowers the chance of their yes on this offer by at least
        # TRUST_SAID: on my counter, or on their offer (play-test: said on every reply, even
        # where their yes was sure anyway)
        about = d.action.terms if d.action.verb == "counter" else None
        if twin.distrust_drop(broke, other, about) >= TRUST_SAID:
            assert clause in d.reason
            assert ("tr", tr) in d.facts and ("mid", mid) in d.facts
            said += 1
        else:
            assert "your promise" not in d.reason
            unsaid += 1
        # another seat's broken word is not this side's
        third = next(r for r in view.roles if r not in (other, view.me))
        d3 = copy.deepcopy(agent).decide(view.model_copy(update={"broken_promises": ((mid, third),)}), legal)
        assert "your promise" not in d3.reason
    assert said >= 1 and unsaid >= 1


def test_a_promise_never_makes_a_yes_less_likely_than_no_promise() -> None:
    # play-test: the Custodian had broken a promise once; its promised yes on its own snapback
    # was counted at its trust (76%), below the yes it would give anyway, so the Sanctioned
    # Power valued accepting the snapback of its own escrow above walking away, and accepted
    from game.ai.agent import DelegationAgent

    for seed in range(1, 5):
        agent, view, legal = _ai_answering_an_offer(seed)
        assert isinstance(agent, DelegationAgent) and view.bargain is not None
        other = view.bargain.offer.by
        mid = view.round * 100 - 99 if view.round > 1 else 101
        broke = view.model_copy(update={"broken_promises": ((mid, other),)})
        b = broke.bargain
        rows, ci = agent._terms_rows(broke, [b.offer.terms], b.motion_index)
        ctx = agent._ctx(broke)
        kind = b.offer.terms.kind
        promised = agent._pass_prob(broke, kind, rows, ci, ctx, (other,))[0]
        unpromised = agent._pass_prob(broke, kind, rows, ci, ctx, ())[0]
        kept = agent._pass_prob(view, kind, rows, ci, ctx, (other,))[0]  # trusted in full
        assert unpromised - 1e-12 <= promised <= kept + 1e-12


def test_a_seat_that_broke_its_word_on_a_kind_of_motion_is_not_paid_for_its_promise_on_that_kind_again() -> None:
    # play-test: a player asked the Chair 2 IP for its yes on the Settlement, took it and voted
    # No; the next round the Chair paid again for the same promise, and the round after, while
    # saying it gave that word a 10% chance. Here a scripted Sanctioned Power accepts any offer
    # what pays it 2 IP, asks 2 IP for its yes otherwise, then votes No on all it agreed.
    from game.core import Role
    from game.sim.agents import mixed_personality
    from game.text import t

    sc = load_scenario()
    checked = said = 0
    for seed in range(1, 10):  # (before the fix the AIs paid it again 4 times in these games)
        state = new_game(sc, 5, seed)
        agents = {r: make_agent(mixed_personality(seed, r), "hard", seed * 31 + k) for k, r in enumerate(state.roles)}
        while not state.is_over:
            seat = state.to_move
            legal = legal_actions(state, seat)
            if seat == Role.S and state.phase == Phase.BARGAIN:
                offer = state.bargain.offer
                ask = [a for a in legal if a.verb == "counter" and a.terms == offer.terms and a.pay == -2]
                paid = offer.by != Role.S and offer.pay >= 2  # the other side pays it 2 IP
                act = ask[0] if ask and not paid else next((a for a in legal if a.verb == "accept"), legal[0])
            elif seat == Role.S and state.phase == Phase.VOTE:
                act = next(a for a in legal if set(a.args[0]) == {"N"})
            elif seat == Role.S:
                act = agents[seat].decide(observe(state, seat), legal).action
            else:
                view = observe(state, seat)
                d = agents[seat].decide(view, legal)
                act = d.action
                if state.phase == Phase.BARGAIN and Role.S in (state.bargain.offer.by,
                                                              state.motions[state.bargain.motion_index].respondent):
                    kind = state.motions[state.bargain.motion_index].terms.kind
                    broke = agents[seat].broke_on(view, Role.S, kind)
                    if broke and broke[-1] // 100 == state.round - 1:  # broken last round
                        # the seat paying S: a counter paying it, or accepting S's offer that pays it
                        pays_s = ((act.verb == "counter" and act.pay > 0) or
                                  (act.verb == "accept" and state.bargain.offer.by == Role.S and state.bargain.offer.pay < 0))
                        assert not pays_s, (seed, state.round, str(act), d.reason)
                        assert f"you voted against motion {broke[-1]}, a {t(f'ui.kind.{kind.value}')}," in d.reason
                        assert "adds nothing: I give your yes a " in d.reason, d.reason
                        assert ("mid", broke[-1]) in d.facts and any(k == "yes" for k, _ in d.facts)
                        checked += 1
                    said += "adds nothing" in d.reason
            state = apply(state, act)
    assert checked >= 3 and said >= checked
