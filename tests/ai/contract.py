"""The contract every AI personality must keep; each personality's test class inherits it.

Like Axelrod's strategy tests: determinism under a seed, only legal actions, no use of hidden
information, never accepting below reservation, and reasons that state only real numbers.
A subclass sets ``personality``; pytest collects the inherited tests once per subclass.
"""

from __future__ import annotations

import copy
import re
from collections import Counter

import numpy as np

from game.ai import make_agent
from game.ai.agent import DelegationAgent
from game.ai.explain import TEMPLATES, VOICES, pct
from game.core import (
    GameState,
    MotionKind,
    Role,
    apply,
    legal_actions,
    load_scenario,
    new_game,
    observe,
    would_need_yes,
)

NUM = re.compile(r"-?\d+")


def play(personality: str, seed: int, seats: int = 5, difficulty: str = "normal", hook=None) -> GameState:
    """One full game with this personality in every seat; ``hook(state, seat, agent, legal, decision)``."""
    sc = load_scenario()
    state = new_game(sc, seats, seed)
    agents = {r: make_agent(personality, difficulty, seed * 10 + k) for k, r in enumerate(state.roles)}
    for _ in range(3000):
        if state.is_over:
            break
        seat = state.to_move
        legal = legal_actions(state, seat)
        agent = agents[seat]
        before = copy.deepcopy(agent)
        d = agent.decide(observe(state, seat), legal)
        if hook is not None:
            hook(state, seat, before, legal, d)
        state = apply(state, d.action)
    assert state.is_over
    return state


def scramble(state: GameState, seat: Role) -> GameState:
    """The same game with everything ``seat`` may not see changed."""
    sc = state.scenario
    agendas = list(state.agendas)
    for i, r in enumerate(state.roles):
        if r != seat and agendas[i]:
            pool = [a.id for a in sc.agendas if a.role == r and a.id != agendas[i]]
            agendas[i] = pool[0] if pool else agendas[i]
    flip = str.maketrans("YN", "NY")
    upd: dict[str, object] = {
        "agendas": tuple(agendas),
        "ballots": tuple((r, b if r == seat else b.translate(flip)) for r, b in state.ballots),
        "rng": state.rng ^ 0x5DEECE66D,
        "seed": state.seed + 17,
        "event_deck": tuple(reversed(state.event_deck)),
        "infra_deck": tuple(reversed(state.infra_deck)),
        "private_log": tuple(e for e in state.private_log if seat in e.to),
    }
    if seat != Role.S:
        upd["undetected_defections"] = state.undetected_defections + 3
        upd["secret_defections"] = state.secret_defections + ((1, 99),)
    return state.model_copy(update=upd)


def check_bargaining_sentence(d, n) -> None:
    """The sentence of a bargaining decision ``d`` says what the AI's own numbers ``n`` (its
    ``negotiation()`` of the same position) say; each figure recomputed here from ``n``."""
    k = d.key
    has_gain = bool((n.mine > 1e-9).any())  # some counter of mine beats no deal
    if k in ("accept", "accept_match", "accept_last", "accept_only", "accept_any", "accept_even"):
        assert n.offer_raw >= n.rv_raw - 1e-9
        if k != "accept_even":
            assert d.fact("u") == pct(n.offer_u)
    if k in ("accept_any", "accept_even"):  # the bar it clears shows as 0%: said in words
        nxt_ok = n.next_index is not None and n.offer_u >= float(n.mine[n.next_index]) - 1e-9 and pct(float(n.mine[n.next_index])) == 0
        assert nxt_ok or (n.offer_u >= n.deadline - 1e-9 and pct(n.deadline) == 0)
        assert (pct(n.offer_u) == 0) == (k == "accept_even")
    if k == "accept":
        nxt = float(n.mine[n.next_index])
        assert n.offer_u >= nxt - 1e-9 and d.fact("nxt") == pct(nxt) < pct(n.offer_u)
    elif k == "accept_match":  # the offer is my next offer, as the shares show
        nxt = float(n.mine[n.next_index])
        assert n.offer_u >= nxt - 1e-9 and pct(nxt) == pct(n.offer_u) > 0
    elif k == "accept_last":
        assert n.offer_u >= n.deadline - 1e-9 and d.fact("tgt") == pct(n.deadline)
    elif k in ("accept_only", "walk_margin", "walk_margin_none", "walk_margin_close"):
        assert not has_gain, "says nothing I could offer would leave me better off, but a counter would"
    elif k in ("counter", "counter_none", "counter_close", "counter_worse"):
        assert (d.action.terms, d.action.pay) == n.bundles[n.next_index]
        asked = float(n.mine[n.next_index])
        assert n.offer_u < asked + 1e-9, "counters an offer at least as good as its own counter"
        # "leaves me worse off than no deal" exactly when it does (not "barely better off")
        assert (k == "counter_worse") == (n.offer_u < n.rv - 1e-9)
        check_gap_clause(d, n)
        if k != "counter_worse":
            check_shares(d, "counter", n.offer_u, asked, "ask")
    elif k == "walk_nozopa":
        assert not n.zopa, "says no deal can work where, by its own estimate, one can"
    elif k == "walk_worse":
        assert n.offer_u <= n.rv + 1e-9 or n.offer_raw < n.rv_raw
    if k.startswith(("walk_low", "walk_margin")):  # the offer gives part of what I need now
        need = n.deadline if k.startswith("walk_low") else n.floor
        assert n.rv + 1e-9 < n.offer_u < need - 1e-9
        check_shares(d, k.removesuffix("_none").removesuffix("_close"), n.offer_u, need, "need")


def check_shares(d, key: str, u: float, bar: float, bar_name: str) -> None:
    """A counter or walk-away says what the offer gives (``u``) and the ``bar`` it falls short
    of, as the same shares of the most the AI could gain over no deal that every acceptance
    says: in words where the offer shows as 0% ("barely better off than no deal") or as much
    as the bar ("just short")."""
    assert u < bar + 1e-9
    shown_u, shown_bar = pct(u), pct(bar)
    if shown_u == 0:
        assert d.key == key + "_none", (d.key, shown_u)
    elif shown_u >= shown_bar:
        assert d.key == key + "_close", (d.key, shown_u, shown_bar)
    else:
        assert d.key == key and d.fact("u") == shown_u and d.fact(bar_name) == shown_bar, d.reason


GAP_WORDS = {"concession": "the concession", "channel": "the channel", "tranches": "the size",
             "target": "the card", "pay": "the side payment"}


def check_gap_clause(d, n) -> None:
    """A counter's "most of the gap is the X" names the one term that, put alone into the offer
    on the table, makes up the largest share of what the offer lacks, and that share is at
    least half; "the only gap is the X" when that term is the only one the counter changes;
    with no such term the clause is absent."""
    want_t, want_pay = n.bundles[n.next_index]
    have_t, have_pay = n.offer
    gap = float(n.mine[n.next_index]) - n.offer_u
    where = {b: i for i, b in enumerate(n.bundles)}
    shares = {}
    whole = {}  # the term is the only one the counter changes
    for field in GAP_WORDS:
        if field == "pay":
            hybrid = (have_t, want_pay) if want_pay != have_pay else None
        elif (getattr(want_t, field) != getattr(have_t, field) and want_t.kind == have_t.kind
              and (field != "target" or want_t.kind == MotionKind.BUILD)):  # a Snapback's deal is no term
            hybrid = (have_t.model_copy(update={field: getattr(want_t, field)}), have_pay)
        else:
            hybrid = None
        if hybrid in where and gap > 1e-9:
            shares[field] = (float(n.mine[where[hybrid]]) - n.offer_u) / gap
            whole[field] = hybrid == (want_t, want_pay)
    named = [f for f, w in GAP_WORDS.items() if f"most of the gap is {w}" in d.reason]
    only = [f for f, w in GAP_WORDS.items() if f"the only gap is {w}" in d.reason]
    assert len(named) + len(only) <= 1, d.reason
    if named or only:
        f = (named or only)[0]
        assert shares[f] >= 0.5 - 1e-9 and shares[f] >= max(shares.values()) - 1e-9, (d.reason, shares)
        assert whole[f] == bool(only), (d.reason, whole)
    else:
        assert all(v < 0.5 for v in shares.values()), (d.reason, shares)


def numbers_in_facts(facts) -> set[str]:
    out: set[str] = set()
    for _, v in facts:
        out.update(NUM.findall(str(v)))
    return out


class ContractSuite:
    personality = "pragmatist"
    difficulty = "normal"

    def test_same_seed_gives_the_same_decisions(self):
        logs = []
        for _ in range(2):
            seen: list[tuple[str, str]] = []
            play(self.personality, 11, difficulty=self.difficulty,
                 hook=lambda s, seat, a, legal, d, seen=seen: seen.append((str(d.action), d.reason)))
            logs.append(seen)
        assert logs[0] == logs[1]
        assert len(logs[0]) > 20

    def test_only_legal_actions_in_every_role_and_phase(self):
        phases: set[str] = set()
        roles: set[Role] = set()

        def hook(state, seat, agent, legal, d):
            assert d.action in legal, f"{d.action} is not legal in {state.phase.value}"
            phases.add(state.phase.value)
            roles.add(seat)

        for seed in (1, 2, 3):
            play(self.personality, seed, difficulty=self.difficulty, hook=hook)
        play(self.personality, 4, seats=3, difficulty=self.difficulty, hook=hook)
        play(self.personality, 5, seats=6, difficulty=self.difficulty, hook=hook)
        assert {"agenda", "proposals", "bargain", "vote"} <= phases
        assert {Role.H, Role.HP, Role.S, Role.A, Role.M, Role.F} <= roles

    def test_decisions_ignore_what_the_seat_cannot_see(self):
        checked = 0

        def hook(state, seat, agent, legal, d):
            nonlocal checked
            twin = copy.deepcopy(agent)
            hidden = scramble(state, seat)
            d2 = twin.decide(observe(hidden, seat), legal_actions(hidden, seat))
            assert (d2.action, d2.reason) == (d.action, d.reason), f"{state.phase.value}: {d.action} vs {d2.action}"
            checked += 1

        play(self.personality, 21, difficulty=self.difficulty, hook=hook)
        assert checked > 20

    def test_never_accepts_below_reservation(self):
        accepts = 0

        def hook(state, seat, agent, legal, d):
            nonlocal accepts
            if d.action.verb != "accept" or not isinstance(agent, DelegationAgent):
                return
            n = copy.deepcopy(agent).negotiation(observe(state, seat), legal)
            assert n.offer_raw >= n.rv_raw - 1e-9, f"accepted {n.offer_raw:.3f} below reservation {n.rv_raw:.3f}"
            accepts += 1

        for seed in (31, 32, 33):
            play(self.personality, seed, difficulty=self.difficulty, hook=hook)
        assert accepts > 0

    def test_reasons_state_only_the_decisions_numbers(self):
        checked = ballots = 0
        bargains: Counter[str] = Counter()

        def hook(state, seat, agent, legal, d):
            nonlocal checked, ballots
            assert d.reason and d.reason.count(".") >= 1
            assert "(s)" not in d.reason, d.reason
            assert "the 0%" not in d.reason, d.reason
            if d.key:  # in my personality's own voice where it has one, else the plain words
                words = VOICES.get(self.personality, {}).get(d.key) or TEMPLATES[d.key]
                # (a clause may follow the template's sentence: "...; it goes to the vote as tabled.")
                assert d.reason.startswith(words.split("{")[0].rstrip(".")), f"{self.personality}: {d.reason!r}"
            shown = NUM.findall(d.reason)
            allowed = numbers_in_facts(d.facts)
            assert set(shown) <= allowed, f"{d.reason!r} shows numbers outside {d.facts}"
            for k, v in d.facts:
                if isinstance(v, int):
                    assert str(v) in shown, f"fact {k}={v} missing from {d.reason!r}"
            if isinstance(agent, DelegationAgent) and d.action.verb in ("accept", "counter", "walk"):
                check_bargaining_sentence(d, copy.deepcopy(agent).negotiation(observe(state, seat), legal))
                bargains[d.key] += 1
            if isinstance(agent, DelegationAgent) and d.action.verb == "walk":
                # every walk says where the motion goes (the answer dialog no longer adds it)
                ends = [VOICES.get(self.personality, {}).get(k) or TEMPLATES[k] for k in ("walk_vote", "veto_walk")]
                assert d.reason.endswith(tuple(ends)), d.reason
            if isinstance(agent, DelegationAgent) and d.action.verb == "vote":
                # why, motion by motion (told once the ballots are opened): the ballot's own
                # letters, and only the vote's own numbers
                assert [b.motion for b in d.ballot] == [m.id for m in state.motions]
                for m, b, letter in zip(state.motions, d.ballot, d.action.args[0], strict=True):
                    assert b.vote == letter, b
                    yes_keys = ("ballot_yes", "ballot_promised", "ballot_switched_yes")
                    assert b.key.startswith(yes_keys) == (letter == "Y"), b
                    said = NUM.findall(b.reason)
                    assert set(said) <= numbers_in_facts(b.facts) and str(b.motion) in said, b
                    assert (b.key == "ballot_promised") == (seat in m.promised and not m.switched), b
                    ballots += 1
            if isinstance(agent, DelegationAgent) and d.key in ("pass", "pass_resp", "pass_restraint"):
                props = [a for a in legal if a.verb == "propose"]
                gain, _, rv_ok, _ = copy.deepcopy(agent).tabling(observe(state, seat), [a.terms for a in props])
                worth = gain > 0.05
                assert not (worth & rv_ok).any(), f"{d.reason!r} passes on a motion it would table"
                assert worth.any() == (d.key != "pass"), f"{d.reason!r}: gains {gain.max():.3f}"
                if worth.any():  # "refused" only where a respondent's No could sink what it would table
                    blocks = any(would_need_yes(state, props[i].terms.kind, seat) for i in np.flatnonzero(worth))
                    assert blocks == (d.key == "pass_resp"), d.reason
            checked += 1

        play(self.personality, 41, difficulty=self.difficulty, hook=hook)
        assert checked > 20 and ballots > 0
        assert sum(bargains.values()) > 0  # contested bargaining: test_bargaining_sentences_say_the_numbers
