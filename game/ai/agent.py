"""The AI delegation: one class, every role, every decision; a personality is parameters.

``DelegationAgent.decide(view, legal)`` reads only its own PlayerView and the legal list.
Bargaining follows the design: utility from role and secret agenda, normalised so that 0 is
the reservation (the value of no deal, recomputed every decision) and 1 the best bundle on
offer. "No deal" is what walking away leads to: the motion goes to the vote as tabled, where
a respondent whose yes it needs votes it down (the AI keeps that threat in its vote, and says
it when it counters), so for that respondent and its proposer walking away is worth the
motion failing, and otherwise the motion as tabled at its chance of passing (``walk_value``); a time-based concession target shaped by the concession exponent; reciprocity to the
other side's concessions; AC_next acceptance that never goes below reservation, and at the
deadline a take-it-or-leave-it target; a concrete counter-offer nearest the target that is
best for the other side by a frequency model of what it has offered. The other side is
valued under each secret agenda it may hold (counting its own yes vote for a deal it
agreed), weighted by how well each agenda explains the offers it has made. The last counter
is an ultimatum, chosen by expected gain: the chance they accept (their acceptance level is
taken to lie below what their own last offer gives them: anywhere down to no deal if their
offers have moved, close to it if they have not) times my gain raised
to 1/e, so a Boulware agent gambles on more and a Conceder on being accepted. A floor near
the estimated Nash-bargaining deal keeps hardliners and salami-slicers from walking the AI
down; at the last accept-or-walk the offer is still measured against every bundle of the
negotiation (``open_counters``), and the floor there is looser (LAST_WORD_TOLERANCE).
The AI never takes back what it has offered: no counter asks more than its own last offer,
and an offer at least as good as that one is accepted.
Whether a motion passes is estimated voter by voter: a promise holds with the trust the seat
has earned (broken, the seat votes as the motion suits it), the others by what the motion is
worth to them, less for a seat that has voted that
kind of motion down (``refusals``, from the revealed ballots in the public log).
Randomness (noise, ties) comes only from the agent's own splitmix64 state.
Used through ``game.ai.make_agent``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product
from typing import cast

import numpy as np

from game.ai import model as Mo
from game.ai.base import BallotReason, Decision
from game.ai.explain import (
    ballot_reason,
    ballot_with_clause,
    channel_name,
    pay_words,
    pct,
    say,
    terms_words,
    with_clause,
)
from game.ai.personality import Difficulty, Personality
from game.core import (
    STILL_TO_VOTE,
    Action,
    Ahead,
    Channel,
    MotionKind,
    OpenedMotion,
    Phase,
    PlayerView,
    Role,
    Terms,
    ahead_takes,
    allowance_left,
    bargain_offers,
    closed_reason,
    motion_passes,
    motion_place,
    open_counters,
    opened_ballots,
    respondent,
    respondent_vetoes,
    void_reason,
    would_need_yes,
)
from game.core import rng as R
from game.core.actions import terms_to_args
from game.core.scenario import Scenario
from game.core.state import Motion, MotionStatus
from game.text import and_list, plural, t, tranche_word

GAP_SHARE = 0.5  # a counter names the one term that makes up at least this share of what the offer lacks
NASH_TOLERANCE = 0.10  # how far below its estimated Nash share a Pragmatist (e = 1) will concede;
# scaled by sqrt(e): a Conceder gives a little more ground, a Boulware agent less
LAST_WORD_TOLERANCE = 0.25  # at the last accept-or-walk, how far below its estimated Nash share a
# Pragmatist still takes a deal (scaled by sqrt(e) like NASH_TOLERANCE): walking away then ends
# the negotiation for good, so the guard is looser than for counters, but a hardliner's
# take-it-or-leave-it far below a fair split is still refused (tournament: exploitation)
TABLE_WORTH = 0.05  # a motion is tabled only if it adds more than this to my expected score (VP)
COUNTER_BAND = 0.08  # counters are chosen among bundles within this band above the target
FREQ_WEIGHT = 0.25  # weight of the frequency model in the estimate of the other side
BREAK_HIT = 0.5  # trust lost per broken promise or detected defection (before forgiveness)
OFFER_BETA = 5.0  # how closely an offer is taken to follow its maker's interests (agenda inference)
PLAUSIBLE = 0.15  # agendas at least this likely are kept in the last counter's worst case
# the last counter's model of the other side (accept_chance); tournament, seeds 1 and 2, against
# the old uniform band: Hawk agreement +0.07, Opportunist +0.05, Pragmatist +0.02-0.03, no
# exploitation above 0.14
STAND_BAND = 0.3  # a side whose offers have not moved accepts down to this share below its ask
STAND_BAND_PER_MOVE = 3.0  # how much wider the band gets per unit the side has conceded
TRUST_SAID = 0.05  # the trust clause is said when distrust lowers the other side's yes by this much
SETTLE_LATER_SAID = 0.5  # a Settlement's ballot reason names the chance of a later one from this much
REFUSAL_WEIGHT = 1.0  # a seat's No on a kind of motion lowers the log-odds of its yes on that kind by this
REFUSAL_DECAY = 0.5  # ... times this for each round since (play-test: a Deal re-tabled the round
# after the Sanctioned Power's No sank it, and sunk again: 38% of identical re-tablings failed again)


@dataclass
class Negotiation:
    """Everything the AI computed about the offer in front of it (also used by the tournament)."""

    bundles: list[tuple[Terms, int]]  # (terms, IP the mover pays the other side)
    actions: list[Action]
    mine: np.ndarray  # utility of each bundle to me: 0 = no deal, 1 = the best on offer
    theirs: np.ndarray  # my estimate of the same for the other side
    offer_u: float  # the offer on the table, on my scale
    offer_raw: float
    rv: float  # the reservation on my scale (0): what walking away leaves me (walk_value)
    rv_raw: float
    rv_theirs: float
    target: float
    floor: float
    next_index: int | None
    zopa: bool
    next_bound: float = 1.0  # the most my next offer could give me (the top of its band)
    deadline: float = 1.0  # what I accept when no counter is left
    span: float = 1.0  # raw utility per unit of my scale (best bundle minus reservation)
    offer: tuple[Terms, int] | None = None  # the offer as a bundle of mine: (terms, IP I would pay)


class DelegationAgent:
    """An AI delegation with a personality and a difficulty; see the module docstring."""

    def __init__(self, persona: Personality, level: Difficulty, seed: int) -> None:
        self.p = persona
        self.d = level
        self.name = persona.name
        self._rng = R.seed_state(seed)
        self._freq: dict[Role, Counter[str]] = {}
        self._seen = 0  # public log lines folded into the frequency model
        # the opened ballots of the public log, and what ``refusals`` makes of them, read again
        # only when the log has grown (``_ballots``)
        self._opened: list[OpenedMotion] = []
        self._refused: dict[tuple[Role, MotionKind], float] = {}
        self._refused_when: dict[tuple[Role, MotionKind], int] = {}  # the last round of each
        self._ballots_seen = -1  # the public log length they were read from
        # the ways the seats' votes pass each kind of motion (``_passing_votes``), per scenario
        self._votes_sc: Scenario | None = None
        self._votes_memo: dict[tuple[MotionKind, tuple[Role, ...]], tuple[tuple[bool, ...], ...]] = {}
        self.nash_tolerance = NASH_TOLERANCE * persona.concession_exponent ** 0.5
        self.last_word_tolerance = LAST_WORD_TOLERANCE * persona.concession_exponent ** 0.5
        # what is remembered for the view in hand (``_memos``): pass chances and delta rows
        self._memo_view: PlayerView | None = None
        self._pp_memo: dict[tuple[tuple[str, ...], Terms], float] = {}
        self._rows_memo: dict[tuple[Terms, int | None], tuple[np.ndarray, int]] = {}

    # ------------------------------------------------------------------ plumbing
    def stream(self) -> int:
        """Where its seeded stream stands. A save keeps it and a load resumes it (``resume``),
        so a loaded game goes on exactly as it would have; everything else the agent remembers
        (trust, the frequency model) it reads again from its view."""
        return self._rng

    def resume(self, stream: int) -> None:
        self._rng = stream

    def _draw(self) -> int:
        self._rng, v = R.next_u64(self._rng)
        return v

    def _noise(self, n: int) -> np.ndarray:
        if self.d.noise <= 0 or n == 0:
            return np.zeros(n)
        g = np.random.Generator(np.random.PCG64(self._draw()))
        return g.normal(0.0, self.d.noise, n)

    def _pick(self, scores: np.ndarray) -> int:
        """Index of the best score; ties broken by the agent's own seeded stream."""
        best = float(scores.max())
        ties = np.flatnonzero(scores >= best - 1e-9)
        if len(ties) == 1:
            return int(ties[0])
        self._rng, k = R.randbelow(self._rng, len(ties))
        return int(ties[k])

    def _memos(self, view: PlayerView) -> None:
        """Forget what was remembered for another view (a pass chance or a delta row depends
        only on the view, the terms and the votes or place)."""
        if self._memo_view is not view:
            self._memo_view, self._pp_memo, self._rows_memo = view, {}, {}

    def _me(self, view: PlayerView) -> Mo.Perspective:
        return Mo.Perspective(view.me, view.agenda, self.p.leverage_weight)

    def _ctx(self, view: PlayerView, settlement: bool | None = None) -> Mo.Context:
        return Mo.context(view, self.d.horizon_rounds, settlement)

    # ------------------------------------------------------------------ trust and memory
    def trust(self, view: PlayerView, seat: Role) -> float:
        """Trust toward ``seat`` from public broken promises and detected defections."""
        f = self.p.forgiveness
        loss = 0.0
        for mid, r in view.broken_promises:
            if r == seat:
                loss += BREAK_HIT * (1 - f) ** max(0, view.round - motion_place(mid)[0])
        if seat == Role.S:
            for e in view.log:
                if e.key in ("log.defection_detected", "log.defection_detected_open"):
                    loss += BREAK_HIT * (1 - f) ** max(0, view.round - e.round)
        return max(0.1, 1.0 - loss)

    def _update_freq(self, view: PlayerView) -> None:
        log = view.log
        if len(log) < self._seen:
            self._freq, self._seen = {}, 0
        for e in log[self._seen:]:
            if e.key in ("log.counter", "log.propose"):
                seat = Role(e.args[0])
                toks = e.args[1].split()
                c = self._freq.setdefault(seat, Counter())
                for tok in _features(toks, int(e.args[2]) if len(e.args) > 2 else 0):
                    c[tok] += 1
        self._seen = len(log)

    def _ballots(self, view: PlayerView) -> list[OpenedMotion]:
        """The opened ballots of ``view``'s public log (``opened_ballots``), and from them how
        firmly each seat has voted down each kind of motion: every No counts 1, times
        REFUSAL_DECAY per round since (``refusals``)."""
        if self._ballots_seen != len(view.log):
            self._opened = opened_ballots(view)
            out: dict[tuple[Role, MotionKind], float] = {}
            when: dict[tuple[Role, MotionKind], int] = {}
            for m in self._opened:
                w = REFUSAL_DECAY ** max(0, view.round - m.round - 1)
                for seat, yes in m.ballots:
                    if not yes:
                        out[(seat, m.kind)] = out.get((seat, m.kind), 0.0) + w
                        when[(seat, m.kind)] = m.round
            self._refused, self._refused_when, self._ballots_seen = out, when, len(view.log)
        return self._opened

    def refusals(self, view: PlayerView) -> dict[tuple[Role, MotionKind], float]:
        """How firmly each seat has voted down each kind of motion (see ``_ballots``)."""
        self._ballots(view)
        return self._refused

    def broke_on(self, view: PlayerView, seat: Role, kind: MotionKind) -> list[int]:
        """The motions of ``kind`` on which ``seat`` broke a promise (agreed it in bargaining, then
        voted it down), oldest first: the public record, with the kinds of the opened ballots."""
        if not any(r == seat for _, r in view.broken_promises):
            return []
        self._ballots(view)
        kinds = {m.id: m.kind for m in self._opened}
        return [mid for mid, r in view.broken_promises if r == seat and kinds.get(mid) == kind]

    def word_kept(self, view: PlayerView, seat: Role, kind: MotionKind) -> float:
        """How far I count on ``seat`` voting a motion of ``kind`` as it suits it, having seen it
        vote one down after agreeing it: 0 the round after the break, then 1 - (1 - forgiveness)
        ** rounds since; 1 if it never broke a promise on this kind."""
        broke = self.broke_on(view, seat, kind)
        if not broke:
            return 1.0
        return 1.0 - (1.0 - self.p.forgiveness) ** max(0, view.round - motion_place(broke[-1])[0] - 1)

    def refused_in(self, view: PlayerView, seat: Role, kind: MotionKind) -> int | None:
        """The last round in which ``seat`` voted a motion of ``kind`` down (None: never)."""
        self._ballots(view)
        return self._refused_when.get((seat, kind))

    def _freq_score(self, seat: Role, bundles: list[tuple[Terms, int]], sign: int) -> np.ndarray:
        c = self._freq.get(seat)
        if not c:
            return np.zeros(len(bundles))
        top = max(c.values())
        out = np.empty(len(bundles))
        sums: dict[Terms, tuple[int, int]] = {}  # per distinct terms: (count of its features, how many)
        paid = {k: c[_pay_feature(k)] for k in (-1, 0, 1)}  # the side payment's feature, by its sign
        for i, (tm, pay) in enumerate(bundles):
            got_n = sums.get(tm)
            if got_n is None:
                feats = _terms_features(tm)
                got_n = sums[tm] = (sum(c[f] for f in feats), len(feats) + 1)
            p = sign * pay
            out[i] = (got_n[0] + paid[(p > 0) - (p < 0)]) / (top * got_n[1])
        return out

    # ------------------------------------------------------------------ motion valuation
    def _pass_prob(self, view: PlayerView, kind: MotionKind, rows: np.ndarray, ci: np.ndarray,
                   ctx: Mo.Context, promised: tuple[Role, ...],
                   fixed: dict[Role, float] | None = None, forget: bool = False) -> np.ndarray:
        """Chance each row's motion passes the vote, given who has promised a yes (``fixed``:
        seats whose chance of a yes is known, overriding the rest); ``forget``: as if no seat
        had voted a motion of this kind down (``refusals``)."""
        voters = [r for r in view.roles if r != Role.F and r not in view.automated]
        n = len(rows)
        yes_p: dict[Role, np.ndarray] = {}
        for v in voters:
            if v == view.me:
                yes_p[v] = np.ones(n)
                continue
            tr = self.trust(view, v) if v in promised else 0.0
            if tr >= 1.0:  # a promise I trust in full: its yes is sure
                yes_p[v] = np.ones(n)
            elif (kept := self.word_kept(view, v, kind)) < 1.0:
                # it agreed a motion of this kind before and voted it down: whatever it agrees,
                # it is expected to vote No again, less so as the break is forgiven, and its
                # promise adds nothing (play-test: a player took 2 IP for its yes on the
                # Settlement, voted No, and was paid again each round while the AI gave its
                # word 10%); the same with or without a promise, so a promise never lowers a yes
                yes_p[v] = kept * self._own_yes(view, v, kind, rows, ci, ctx, forget)
            else:
                # a promise holds with the chance I trust it; broken (or never made), the seat
                # votes as the motion suits it (play-test: a Custodian that had broken a promise
                # once made its own snapback look less likely to pass with its promised yes than
                # without it, so the Sanctioned Power accepted having its escrow taken back)
                yes_p[v] = tr + (1 - tr) * self._own_yes(view, v, kind, rows, ci, ctx, forget)
        for seat, y in (fixed or {}).items():
            if seat in yes_p:
                yes_p[seat] = np.full(n, y)
        out = np.zeros(n)
        no_p = {v: 1 - y for v, y in yes_p.items()}
        for combo in self._passing_votes(view, kind, tuple(voters)):
            w = np.ones(n)
            for v, y in zip(voters, combo, strict=True):
                w = w * (yes_p[v] if y else no_p[v])
            out += w
        return out

    def _passing_votes(self, view: PlayerView, kind: MotionKind,
                       voters: tuple[Role, ...]) -> tuple[tuple[bool, ...], ...]:
        """Every way ``voters`` may vote (yes first, as ``product`` lists them) that passes a
        motion of ``kind``, remembered for the scenario in hand."""
        if self._votes_sc is not view.scenario:
            self._votes_sc, self._votes_memo = view.scenario, {}
        key = (kind, voters)
        hit = self._votes_memo.get(key)
        if hit is None:
            hit = self._votes_memo[key] = tuple(
                combo for combo in product((True, False), repeat=len(voters))
                if motion_passes(view.scenario, kind, dict(zip(voters, combo, strict=True))))
        return hit

    def _own_yes(self, view: PlayerView, v: Role, kind: MotionKind, rows: np.ndarray, ci: np.ndarray,
                 ctx: Mo.Context, forget: bool = False) -> np.ndarray:
        """Chance seat ``v`` votes yes on each row's motion as it suits that seat, promise aside
        (an even chance without the vote lookahead)."""
        if not self.d.vote_lookahead:
            return np.full(len(rows), 0.5)
        persp = Mo.Perspective(v, "", 1.0)
        b = Mo.base_row(view, v)
        val = Mo.values(persp, np.vstack((b[None, :] + rows, b[None, :])), np.append(ci, -1), ctx)
        dv = val[:-1] - val[-1]  # each row as it passes, less the motion failing (the last row)
        no_before = 0.0 if forget else self.refusals(view).get((v, kind), 0.0)
        return Mo.sigmoid(dv / 0.4 - REFUSAL_WEIGHT * no_before)

    def _terms_rows(self, view: PlayerView, terms_list: list[Terms],
                    at: int | None | list[int | None] = None) -> tuple[np.ndarray, np.ndarray]:
        """Each terms' delta row, carried out after the motions ahead of it on the table (``at``:
        its place on the table, one for all or one per terms; None: after every motion there,
        where a motion not yet tabled would go)."""
        rows = np.zeros((len(terms_list), Mo.NF))
        ci = np.full(len(terms_list), -1)
        places = at if isinstance(at, list) else [at] * len(terms_list)
        self._memos(view)
        memo = self._rows_memo
        aheads: dict[int | None, Ahead] = {}
        for i, key in enumerate(zip(terms_list, places, strict=True)):
            hit = memo.get(key)
            if hit is None:
                p = key[1]
                if p not in aheads:
                    aheads[p] = ahead_takes(view, p)
                hit = memo[key] = Mo.terms_delta(view, key[0], aheads[p])
            rows[i], ci[i] = hit
        return rows, ci

    def motion_values(self, view: PlayerView, persp: Mo.Perspective, seat: Role, bundles: list[tuple[Terms, int]],
                      pay_sign: int, promised: tuple[Role, ...]) -> np.ndarray:
        """Expected value to ``persp`` of agreeing to each bundle: the side payment is binding,
        the terms are only a promise and pass with the estimated vote chance.

        Each distinct set of terms is valued once; a side payment only changes the IP term."""
        return self.motion_values_by(view, (persp,), seat, bundles, [pay_sign] * len(bundles), promised)[0]

    def motion_values_by(self, view: PlayerView, persps: Sequence[Mo.Perspective], seat: Role,
                         bundles: list[tuple[Terms, int]], signs: Sequence[int],
                         promised: tuple[Role, ...]) -> list[np.ndarray]:
        """``motion_values`` for each of ``seat``'s perspectives (e.g. under each agenda it may
        hold), each bundle's side payment with its own sign (+1: it comes to ``seat``): the
        terms' rows, pass chances and projections are worked out once for them all."""
        if not bundles:
            return [np.zeros(0) for _ in persps]
        ctx = self._ctx(view)
        index: dict[Terms, int] = {}
        uniq: list[Terms] = []
        which = np.empty(len(bundles), dtype=int)
        for i, (tm, _) in enumerate(bundles):
            j = index.get(tm)
            if j is None:
                j = index[tm] = len(uniq)
                uniq.append(tm)
            which[i] = j
        # the motion in bargaining keeps its place on the table (the motions before it are
        # resolved first); outside bargaining a bundle is a motion still to be tabled, last
        place = view.bargain.motion_index if view.bargain is not None else None
        rows, ci = self._terms_rows(view, uniq, place)
        base = Mo.base_row(view, seat)
        X_pass = base[None, :] + rows
        pp = self._pass_prob_cached(view, uniq, rows, ci, ctx, promised)
        # the rows if each motion passes, and last the row if it fails (valued row by row)
        X = np.vstack((X_pass, base[None, :]))
        pays = np.array([sg * b[1] for sg, b in zip(signs, bundles, strict=True)], dtype=float)
        p = pp[which]
        out = []
        for persp, v in zip(persps, Mo.values_by(persps, X, np.append(ci, -1), ctx), strict=True):
            ip = Mo.ip_effective(persp, X, ctx)
            v_pass, v_fail = v[:-1], v[-1]
            ip_pass, ip_fail = ip[:-1][which], ip[-1]
            out.append(cast(np.ndarray, p * (v_pass[which] + Mo.ip_change_value(ip_pass, pays))
                            + (1 - p) * (v_fail + Mo.ip_change_value(np.full(len(bundles), ip_fail), pays))))
        return out

    def walk_value(self, view: PlayerView, persp: Mo.Perspective, seat: Role,
                   resp_yes: float | None = None) -> float:
        """What walking away from this negotiation is worth to ``seat`` (valued as ``persp``):
        the motion goes to the vote exactly as tabled, with nothing promised. A respondent whose
        yes the motion needs votes it down (an AI keeps that threat: see ``_vote``), so walking
        is worth no deal. Otherwise the motion passes with the chance the vote gives it: its
        proposer votes yes, a respondent as the motion suits it, the others as the model expects
        (``resp_yes``: the respondent's chance of a yes, when it is known). This is the reservation of the bargaining (play-test: walking from an AI's counter got
        the tabled motion through with the AI's own yes, so its demands were empty)."""
        b = view.bargain
        assert b is not None
        motion = view.motions[b.motion_index]
        ctx = self._ctx(view)
        base = Mo.base_row(view, seat)
        v_fail = Mo.value_of(persp, base, ctx)
        resp = motion.respondent
        if resp is None or self._holds_veto(view, motion, b.motion_index):
            return v_fail
        rows, ci = self._terms_rows(view, [motion.terms], b.motion_index)
        v_pass = float(Mo.values(persp, base[None, :] + rows, ci, ctx)[0])
        fixed = {motion.proposer: 1.0}
        if resp_yes is not None:
            fixed[resp] = resp_yes
        elif resp == seat:
            fixed[resp] = 1.0 if v_pass > v_fail else 0.0
        elif resp == view.me:  # my own vote, as the motion suits me
            fixed[resp] = 1.0 if float(self._motion_gain(view, [motion.terms], b.motion_index)[0]) > 0 else 0.0
        # the chance depends on the votes fixed, not on whose value it is: remembered for the
        # view in hand (the other side is valued under each of its possible agendas)
        self._memos(view)
        key = (("walk", *sorted(f"{r.value}:{y}" for r, y in fixed.items())), motion.terms)
        if key not in self._pp_memo:
            self._pp_memo[key] = float(self._pass_prob(view, motion.terms.kind, rows, ci, ctx, (), fixed)[0])
        p = self._pp_memo[key]
        return p * v_pass + (1 - p) * v_fail

    def _holds_veto(self, view: PlayerView, motion: Motion, index: int) -> bool:
        """Whether walking away from the bargaining on ``motion`` leaves it to a respondent who
        votes it down: its yes is needed, and the motion as tabled does not keep the drift at
        this round's end short of the shared loss (counting the other motions still to vote as
        passed, ``Mo.brink``), where sinking it everyone loses and an AI votes it through
        (``_vote``; a threat not carried out at that price is not made either)."""
        if not respondent_vetoes(view.scenario, motion):
            return False
        b = Mo.brink(view)
        if not b.at:
            return True
        rows, _ = self._terms_rows(view, [motion.terms], index)
        kept = Mo.round_end(view, b.pending_p + float(rows[0, Mo.P]), b.pending_e + float(rows[0, Mo.E]))[2]
        return kept >= view.scenario.rules.e_loss

    def _pass_prob_cached(self, view: PlayerView, uniq: list[Terms], rows: np.ndarray, ci: np.ndarray,
                          ctx: Mo.Context, promised: tuple[Role, ...]) -> np.ndarray:
        """Pass chances per terms, remembered for the view in hand (both parties promise)."""
        self._memos(view)
        key_p = tuple(sorted(r.value for r in (*promised, view.me)))
        memo = self._pp_memo
        out = np.array([memo.get((key_p, tm), np.nan) for tm in uniq])
        missing = np.flatnonzero(np.isnan(out))
        for kind in dict.fromkeys(uniq[i].kind for i in missing):
            idx = np.array([i for i in missing if uniq[i].kind == kind])
            vals = self._pass_prob(view, kind, rows[idx], ci[idx], ctx, promised)
            for i, v in zip(idx, vals, strict=True):
                out[i] = memo[(key_p, uniq[i])] = float(v)
        return out

    # ------------------------------------------------------------------ bargaining
    def negotiation(self, view: PlayerView, legal: list[Action]) -> Negotiation:
        """Score the offer on the table and every counter in ``legal`` (the mover's view)."""
        b = view.bargain
        assert b is not None
        self._update_freq(view)
        me = view.me
        other = b.offer.by
        counters = [a for a in legal if a.verb == "counter"]
        # at the last accept-or-walk no counter is legal, but the offer is still judged on the
        # scale of every bundle this negotiation is about (else any offer would look like my best)
        scale = counters or open_counters(view)
        bundles = [(a.terms, a.pay) for a in scale]
        offer = (b.offer.terms, b.offer.pay)
        allb = bundles + [offer]
        promised = (other,)
        persp = self._me(view)
        # my side: I pay the counters' side payments; the offer's payment comes to me
        both = self.motion_values_by(view, (persp,), me, allb, [-1] * len(bundles) + [+1], promised)[0]
        mine_raw, offer_raw = both[:-1], float(both[-1])
        rv_raw = self.walk_value(view, persp, me)
        their_offers = self._offers_by(view, other)
        my_offers = self._offers_by(view, me)
        by_agenda = self._their_scales(view, other, me, allb, their_offers)
        post = self.agenda_posterior(by_agenda)
        # the working scale: 0 = my reservation (no deal), 1 = the best bundle on offer; the
        # design's target RV + (max - RV)(1 - t^(1/e)), the margin and the Nash tolerance are
        # all read in these units (the tournament's "advantage" is the same scale)
        all_mine = np.append(mine_raw, offer_raw)
        hi = float(all_mine.max())
        span = hi - rv_raw if hi - rv_raw > 1e-9 else 1.0
        mine = (all_mine - rv_raw) / span
        rv = 0.0
        # my estimate of their scale (0 = their no deal, 1 = their best) under each secret
        # agenda they may hold, weighted by how well it explains the offers they have made
        theirs = sum(w * by_agenda[a][0] for a, w in post.items())
        rv_th = 0.0
        # the frequency model nudges the estimate toward what the other side keeps asking for
        # their past payments were theirs to make: my counter paying +n is their paying -n
        freq = np.append(self._freq_score(other, bundles, -1), self._freq_score(other, [offer], +1))
        theirs_est = theirs + FREQ_WEIGHT * freq
        max_ex_rule = view.scenario.rules.max_exchanges
        if counters and b.exchanges + 1 >= max_ex_rule:
            # my counter is the last word: after it they can only accept or walk, so prefer
            # what suits them whichever of their possible secret agendas they hold
            # (agendas their offers have all but ruled out are left aside)
            plausible = [by_agenda[a][0] for a, w in post.items() if w >= PLAUSIBLE]
            theirs_est = np.minimum(theirs_est, np.min(plausible, axis=0))
        # concession target
        floor = min(1.0, rv + self.p.margin)
        max_ex = max(1, view.scenario.rules.max_exchanges)
        t_now = min(1.0, (b.exchanges + 1) / (max_ex + 1))
        game_t = (view.round - 1) / max(1, view.scenario.rules.rounds - 1)
        t = min(1.0, 0.85 * t_now + 0.15 * game_t)
        e = self.p.concession_exponent
        c_time = (1 - floor) * t ** (1 / e)
        concession_seen = 0.0
        if len(their_offers) >= 2:
            us = self.motion_values(view, persp, me, their_offers, +1, promised)
            concession_seen = max(0.0, float((us[-1] - us[0]) / span))
        r = self.p.reciprocity
        target = 1 - min(1 - floor, c_time + r * concession_seen)
        # the Nash guard: never concede more than NASH_TOLERANCE below my share of the
        # bundle that maximises the product of both sides' gains (by my estimate of theirs)
        # (found under each agenda they may still plausibly hold; I guard the least of those
        # shares, so a wrong guess about their agenda does not make me ask for a deal they
        # cannot take)
        ok = (mine > rv + 1e-9) & (theirs > rv_th + 1e-9)
        zopa = bool(ok.any())
        nash_u = 1.0
        if zopa:
            shares = []
            for a in (a for a, w in post.items() if w >= PLAUSIBLE):
                th_a = by_agenda[a][0]
                ok_a = (mine > rv + 1e-9) & (th_a > 1e-9)
                prod = np.where(ok_a, (mine - rv) * th_a, -1.0)
                shares.append(float(mine[int(prod.argmax())]) if ok_a.any() else 0.0)
            nash_u = min(shares)
            target = max(target, nash_u - self.nash_tolerance)
        # at the deadline (no counter left) it is take it or leave it: the time curve has run
        # to its end (reservation + margin), but never below the last-word Nash guard
        deadline = max(floor, nash_u - self.last_word_tolerance) if zopa else floor
        cap = np.inf  # the most a counter of mine may ask
        if my_offers:
            # I never take back what I have offered: my demands only come down, and an offer at
            # least as good as my own last one is always good enough (else a tit-for-tat side
            # sees me retract, and I would walk from a deal I proposed myself); only an opening
            # below my floor (a motion tabled for its own sake) is not held against me
            mine_last = float((self.motion_values(view, persp, me, my_offers[-1:], -1, promised)[0] - rv_raw) / span)
            cap = max(mine_last, floor)
            target = min(target, cap)
            deadline = min(deadline, cap)
        target = float(min(1.0, max(floor, target)))
        next_index: int | None = None
        next_bound = 1.0
        if counters:
            m = mine[:-1]
            # if I can see no deal that suits us both, my counters search for one instead:
            # the most generous offer I can make (at my floor) that seems best for them
            aim = target if zopa else floor
            held = m <= cap + 1e-9  # what I may still ask, having offered what I did
            if not held.any():
                held = m <= float(m.min()) + 1e-9
            above = m > rv + 1e-9
            if above.any() and not (held & above).any():
                # nothing I may still ask beats no deal (my last offer was at or below it):
                # the least retraction that does, rather than walking from a deal that suits me
                held = m <= float(m[above].min()) + 1e-9
            cand = held & (m >= aim - 1e-9)
            if not cand.any():  # nothing reaches it: my best, if it beats no deal
                mh = float(m[held].max())
                cand = held & (m >= mh - 1e-9) & (m >= rv)
            last_word = b.exchanges + 1 >= max_ex_rule
            ult = held & (m >= deadline - 1e-9)
            if last_word and zopa and ult.any():
                # my counter is an ultimatum: they take it or walk. Their acceptance level is
                # taken to lie below what their own last offer gives them (how far below depends
                # on how far their offers have moved: see accept_chance), and I weigh my gain by
                # my concession exponent (a Boulware agent gambles on more, a Conceder on being
                # accepted); never below my deadline level
                p_acc = np.zeros(len(m))
                for a, w in post.items():
                    th_a, made = by_agenda[a]
                    p_acc += w * self.accept_chance(th_a[:-1], float(th_a[-1]), made)
                eu = p_acc * np.maximum(m, 0.0) ** (1 / e)
                score = np.where(ult, eu + 1e-6 * theirs_est[:-1], -np.inf)
                next_index = self._pick(score)
                next_bound = float(m[next_index])
            elif cand.any():
                band = cand & (m <= max(aim, float(m[cand].min())) + COUNTER_BAND)
                score = np.where(band, theirs_est[:-1] + self._noise(len(m)), -np.inf)
                next_index = self._pick(score)
                next_bound = float(m[band].max())
        k = len(counters)
        return Negotiation(bundles[:k], counters, mine[:k], theirs_est[:k], float(mine[-1]), offer_raw, rv, rv_raw,
                           rv_th, target, floor, next_index, zopa, next_bound, float(min(1.0, deadline)), span,
                           offer=(b.offer.terms, -b.offer.pay))

    def _their_scales(self, view: PlayerView, other: Role, me: Role, allb: list[tuple[Terms, int]],
                      their_offers: list[tuple[Terms, int]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """For each secret agenda the other side may hold: its normalised gain per bundle of
        ``allb`` (the last is the offer on the table, which it pays), and per offer it made."""
        out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        agendas = [a.id for a in view.scenario.agendas if a.role == other] or [""]
        persps = [Mo.Perspective(other, ag, 1.0) for ag in agendas]
        # they are paid my counters' side payments, and pay their own offers' (the last of
        # ``allb`` is the offer on the table)
        n = len(allb)
        signs = [+1] * (n - 1) + [-1] * (1 + len(their_offers))
        valued = self.motion_values_by(view, persps, other, allb + their_offers, signs, (me, other))
        for ag, persp, v in zip(agendas, persps, valued, strict=True):
            raw, made = v[:n], v[n:]
            rv = self.walk_value(view, persp, other)
            top = float(raw.max())
            span = top - rv if top - rv > 1e-9 else 1.0
            out[ag] = ((raw - rv) / span, (made - rv) / span)
        return out

    @staticmethod
    def accept_chance(theirs: np.ndarray, their_offer: float, made: np.ndarray) -> np.ndarray:
        """The chance they take each bundle as a last word (their gains on their own scale):
        their acceptance level is taken to be uniform in a band below what their own last
        offer gives them. A side that has conceded since its first offer may go down to no
        deal; one whose offers have not moved, only STAND_BAND of the way (a hardliner will
        not take much less than it keeps asking for)."""
        top = float(np.clip(their_offer, 0.05, 1.0))
        moved = max(0.0, float(made[0] - made[-1])) if len(made) >= 2 else 1.0
        width = top * min(1.0, STAND_BAND + STAND_BAND_PER_MOVE * moved)
        return np.clip((theirs - (top - width)) / width, 0.0, 1.0)

    @staticmethod
    def agenda_posterior(by_agenda: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, float]:
        """How likely each of the other side's possible agendas is, given the offers it made:
        an offer is taken to be chosen with weight exp(OFFER_BETA * its gain) among all the
        bundles it could have offered (a uniform prior; no offers, no update)."""
        logp = {}
        for ag, (scale, made) in by_agenda.items():
            log_norm = float(np.logaddexp.reduce(OFFER_BETA * scale))
            logp[ag] = float((OFFER_BETA * made).sum()) - len(made) * log_norm
        top = max(logp.values())
        w = {ag: float(np.exp(v - top)) for ag, v in logp.items()}
        tot = sum(w.values())
        return {ag: v / tot for ag, v in w.items()}

    def _offers_by(self, view: PlayerView, seat: Role) -> list[tuple[Terms, int]]:
        """The offers ``seat`` made in this negotiation, oldest first (from the public log):
        (terms, IP it pays the other side); the tabled motion is the proposer's first."""
        return [(tm, pay) for by, tm, pay in bargain_offers(view) if by == seat]

    def _bargain(self, view: PlayerView, legal: list[Action]) -> Decision:
        d = self._bargain_move(view, legal)
        b = view.bargain
        assert b is not None
        m = view.motions[b.motion_index]
        d = self._trust_clause(view, d, b.offer.by)
        void = void_reason(view, b.offer.terms, b.motion_index) if d.action.verb in ("counter", "walk") else None
        if void is not None:  # why the offer is worth so little to me (play-test: haggling
            # over a motion the Vault could no longer pay for, and no word of it)
            code, nums = void
            extra: dict[str, int | str] = {"unit_text": tranche_word(nums["left"])} if code == "vault" else {}
            d = with_clause(d, "void_" + code, self.p.name, **{k: v for k, v in nums.items() if k != "need"}, **extra)
        if d.action.verb == "counter" and void_reason(view, d.action.terms, b.motion_index) is not None:
            # my own terms would pass void too: say so, and that the side payment is the deal
            paid_to_me = d.action.pay < 0
            d = with_clause(d, "void_mine" + ("_too" if void is not None else "") + ("_pay" if paid_to_me else ""),
                            self.p.name)
        if d.action.verb in ("counter", "walk") and m.respondent == view.me and self._holds_veto(view, m, b.motion_index):
            # my threat, said: walking away sends the motion to the vote, where I vote it
            # down (``_vote`` keeps it; it is why walking counts as no deal for me)
            return with_clause(d, "veto_" + d.action.verb, self.p.name)
        if d.action.verb == "walk":  # what walking leads to (play-test: "no deal can work",
            # and then the motion passed)
            return with_clause(d, "walk_vote", self.p.name)
        return d

    def _trust_clause(self, view: PlayerView, d: Decision, other: Role) -> Decision:
        """``d`` with why I discount the other side's promised yes, when I do (play-test: a
        player broke a promise, and the next round the AI bargained with no word of it)."""
        b = view.bargain
        assert b is not None
        kind = view.motions[b.motion_index].terms.kind
        broke = self.broke_on(view, other, kind)
        if broke:  # its promise on this kind buys no yes (``_pass_prob``): say the chance I give it
            tm = d.action.terms if d.action.verb == "counter" else b.offer.terms
            rows, ci = self._terms_rows(view, [tm], b.motion_index)
            own = float(self._own_yes(view, other, kind, rows, ci, self._ctx(view))[0])
            return with_clause(d, "trust_broken_kind", self.p.name, mid=broke[-1], kind_text=t(f"ui.kind.{kind.value}"),
                               yes=pct(self.word_kept(view, other, kind) * own))
        tr = pct(self.trust(view, other))
        about = d.action.terms if d.action.verb == "counter" else None
        if tr >= 100 or self.distrust_drop(view, other, about) < TRUST_SAID:
            return d
        broken = [mid for mid, r in view.broken_promises if r == other]
        if broken:
            return with_clause(d, "trust_broken", self.p.name, mid=broken[-1], tr=tr)
        return with_clause(d, "trust_defected", self.p.name, tr=tr)

    def distrust_drop(self, view: PlayerView, other: Role, terms: Terms | None = None) -> float:
        """How much my distrust lowers the chance of ``other``'s promised yes on ``terms`` (my
        counter; None: the offer on the table): its promise fails with 1 - trust, and then it
        votes as the terms suit it (a seat that would vote yes anyway loses little by a broken
        word)."""
        b = view.bargain
        assert b is not None
        tm = terms if terms is not None else b.offer.terms
        rows, ci = self._terms_rows(view, [tm], b.motion_index)
        own = float(self._own_yes(view, other, tm.kind, rows, ci, self._ctx(view))[0])
        return (1 - self.trust(view, other)) * (1 - own)

    def _bargain_move(self, view: PlayerView, legal: list[Action]) -> Decision:
        n = self.negotiation(view, legal)
        b = view.bargain
        assert b is not None
        sc = view.scenario
        accept = next((a for a in legal if a.verb == "accept"), None)
        walk = next(a for a in legal if a.verb == "walk")
        terms_txt, tf = terms_words(sc, b.offer.terms)
        ptxt, pf = pay_words(b.offer.pay)
        beats_rv = n.offer_raw >= n.rv_raw - 1e-12  # the offer is no worse than no deal
        above_rv = beats_rv and n.offer_u >= n.floor - 1e-9  # ... and meets my margin over it
        if n.bundles and n.next_index is None:  # no counter of mine beats no deal
            if accept is not None and above_rv:
                return self._say(accept, "accept_only", terms=terms_txt, pay_text=ptxt, u=pct(n.offer_u),
                           **tf, **pf)
            if accept is not None and beats_rv and n.offer_u > n.rv + 1e-9:
                return self._walk_said(walk, "walk_margin", n, n.floor)
            return self._say(walk, "walk_nozopa")
        if n.next_index is not None:
            nxt = float(n.mine[n.next_index])
            if accept is not None and beats_rv and n.offer_u >= nxt - 1e-9:
                # AC_next: at least as good as my own next offer (which never asks for less than
                # no deal); the margin is already in what that offer asks
                return self._accept_said(accept, "accept", terms_txt, ptxt, n.offer_u, "nxt", nxt, tf, pf)
            last_counter = b.exchanges + 1 >= sc.rules.max_exchanges
            if last_counter and accept is not None and above_rv and n.offer_u >= n.deadline - 1e-9:
                # my counter would be the last word and could be refused: the offer in hand
                # already meets what I would take at the deadline
                return self._accept_said(accept, "accept_last", terms_txt, ptxt, n.offer_u, "tgt", n.deadline, tf, pf)
            return self._counter_said(n, sc)
        # no exchanges left: take it or leave it
        if accept is not None and above_rv and n.offer_u >= n.deadline - 1e-9:
            return self._accept_said(accept, "accept_last", terms_txt, ptxt, n.offer_u, "tgt", n.deadline, tf, pf)
        if not beats_rv or n.offer_u <= n.rv + 1e-9:
            return self._say(walk, "walk_nozopa" if not n.zopa else "walk_worse")
        return self._walk_said(walk, "walk_low", n, n.deadline)

    def _walk_said(self, walk: Action, key: str, n: Negotiation, need: float) -> Decision:
        """Walking away from an offer short of what I ``need`` now: what the offer gives me and
        what I need, both as shares of the most I could gain over no deal, the measure every
        acceptance, counter and price says (play-tests: "covers 39% of what I need", then, for
        more, "gives me 30%, below the 51%"; a counter's "covers 94% of what I ask for", then
        "gives me 95% ..., at least the 62% I now need" on the next exchange). An offer that
        shows as much as the need is "just short" of it (never "95%, short of the 95%")."""
        u, shown_need = pct(n.offer_u), pct(need)
        if u == 0:
            return self._say(walk, key + "_none")
        if u >= shown_need:
            return self._say(walk, key + "_close")
        return self._say(walk, key, u=u, need=shown_need)

    def _accept_said(self, accept: Action, key: str, terms_txt: str, ptxt: str, u: float, bar_name: str,
                     bar: float, tf: dict[str, int | str], pf: dict[str, int | str]) -> Decision:
        """An acceptance, with the share it gives me and the bar it clears (my next offer's
        share, or what I still need). A bar that shows as 0% is said in words: I ask only not
        to be worse off than with no deal (never "at least the 0% I need")."""
        if key == "accept" and 0 < pct(bar) >= pct(u):
            # the offer is my next offer, as shown: not "98%, at least the 98% I would have come
            # down to next" (play-test: read as nonsense on almost every acceptance)
            return self._say(accept, "accept_match", terms=terms_txt, pay_text=ptxt, u=pct(u), **tf, **pf)
        if pct(bar) > 0:
            return self._say(accept, key, terms=terms_txt, pay_text=ptxt, u=pct(u), **{bar_name: pct(bar)}, **tf, **pf)
        if pct(u) > 0:
            return self._say(accept, "accept_any", terms=terms_txt, pay_text=ptxt, u=pct(u), **tf, **pf)
        return self._say(accept, "accept_even", terms=terms_txt, pay_text=ptxt, **tf, **pf)

    def _say(self, action: Action, key: str, **facts: int | str) -> Decision:
        """``explain.say`` in my personality's voice (same figures, its own words)."""
        return say(action, key, voice=self.p.name, **facts)

    def _counter_said(self, n: Negotiation, sc: Scenario) -> Decision:
        """My next counter, with what the offer on the table gives me and what the counter asks,
        as shares of the most I could gain over no deal (as ``_walk_said``)."""
        assert n.next_index is not None
        tm, pay = n.bundles[n.next_index]
        c_txt, cf = terms_words(sc, tm)
        p2, pf2 = pay_words(-pay)
        act = n.actions[n.next_index]
        u, ask = pct(n.offer_u), pct(float(n.mine[n.next_index]))
        if n.offer_u < n.rv - 1e-9:  # worse than walking away: not "barely better off"
            d = self._say(act, "counter_worse", terms=c_txt, pay_text=p2, **cf, **pf2)
        elif u == 0:  # "gives me 0%" reads as nothing at all: "barely better off than no deal"
            d = self._say(act, "counter_none", terms=c_txt, pay_text=p2, **cf, **pf2)
        elif u >= ask:  # never "gives me 95%, and I ask 95%"
            d = self._say(act, "counter_close", terms=c_txt, pay_text=p2, **cf, **pf2)
        else:
            d = self._say(act, "counter", terms=c_txt, pay_text=p2, u=u, ask=ask, **cf, **pf2)
        gap = self._gap(n, sc)
        return with_clause(d, gap[0], self.p.name, **gap[1]) if gap is not None else d

    def _gap(self, n: Negotiation, sc: Scenario) -> tuple[str, dict[str, int | str]] | None:
        """Which one term of my counter, put into the offer on the table alone, makes up at least
        half of what the offer lacks on my scale (play-test: "your offer gives me next to
        nothing" for an offer a player thought as good, with no word of what was wrong). The
        clause's key and figures; None when no single term does."""
        assert n.next_index is not None and n.offer is not None
        want_t, want_pay = n.bundles[n.next_index]
        have_t, have_pay = n.offer  # (terms, IP I would pay: minus what they pay me)
        gap = float(n.mine[n.next_index]) - n.offer_u
        if gap <= 1e-9:
            return None
        where = {b: i for i, b in enumerate(n.bundles)}
        best: tuple[float, str, tuple[Terms, int]] | None = None
        for field in ("concession", "channel", "tranches", "target", "pay"):
            if field == "pay":
                if want_pay == have_pay:
                    continue
                hybrid = (have_t, want_pay)
            else:  # (a Snapback's target is the deal itself: not a term to name)
                if (getattr(want_t, field) == getattr(have_t, field) or want_t.kind != have_t.kind
                        or (field == "target" and want_t.kind != MotionKind.BUILD)):
                    continue
                hybrid = (have_t.model_copy(update={field: getattr(want_t, field)}), have_pay)
            i = where.get(hybrid)
            if i is None:
                continue
            share = (float(n.mine[i]) - n.offer_u) / gap
            if share >= GAP_SHARE and (best is None or share > best[0]):
                best = (share, field, hybrid)
        if best is None:
            return None
        _, field, hybrid = best
        # the one term my counter changes: the whole gap, not most of it (play-test: "covers
        # 99% ... most of the gap is the side payment", when the payment was all of it)
        only = "_only" if hybrid == (want_t, want_pay) else ""
        if field == "pay":
            return "gap_pay" + only, {"n": have_pay - want_pay}
        if field == "tranches":
            return "gap_tranches" + only, {"want": want_t.tranches, "have": have_t.tranches,
                                           "unit_text": tranche_word(want_t.tranches)}
        if field == "concession":
            assert want_t.concession is not None and have_t.concession is not None
            return "gap_concession" + only, {"want_text": sc.concession(want_t.concession).name,
                                             "have_text": sc.concession(have_t.concession).name}
        if field == "channel":
            assert want_t.channel is not None and have_t.channel is not None
            return "gap_channel" + only, {"want_text": channel_name(want_t.channel),
                                          "have_text": channel_name(have_t.channel)}
        assert want_t.target is not None and have_t.target is not None
        return "gap_target" + only, {"want_text": sc.infra(want_t.target).name, "have_text": sc.infra(have_t.target).name}

    def ask_price(self, view: PlayerView, legal: list[Action]) -> Decision | None:
        """The offer I would accept now, as one of ``legal``; None when no deal can suit both.

        Asking is free: my seeded stream is put back afterwards, so whether (and how often) a
        player asks my price never changes what I decide later."""
        saved = self._rng
        try:
            return self._price(view, legal)
        finally:
            self._rng = saved

    def _price(self, view: PlayerView, legal: list[Action]) -> Decision | None:
        b = view.bargain
        if view.phase != Phase.BARGAIN or b is None:
            return None
        counters = [a for a in legal if a.verb == "counter"]
        if not counters:
            return None
        if counters[0].seat == view.me:  # my own turn: my price is my next counter
            n = self.negotiation(view, legal)
            if n.next_index is None or not n.zopa:
                return None
            return self._counter_said(n, view.scenario)
        # the asker's counters: which would I accept once it is on the table? Value the
        # position one exchange later (my own counters mirror the asker's), then keep the
        # counters at least as good as any next offer of mine and above my reservation.
        asker = counters[0].seat
        max_ex = view.scenario.rules.max_exchanges
        hyp_b = b.model_copy(update={"to_move": view.me, "exchanges": b.exchanges + 1,
                                     "offer": b.offer.model_copy(update={"by": asker})})
        hyp = view.model_copy(update={"bargain": hyp_b, "to_move": view.me})
        mirror = [Action(view.me, "counter", (*a.args[:-2], "pay", str(-a.pay))) for a in counters]
        n = self.negotiation(hyp, mirror if hyp_b.exchanges < max_ex else [])
        persp = self._me(view)
        if n.bundles:
            mine = n.mine
            raw_ok = self.motion_values(view, persp, view.me,
                                        [(a.terms, a.pay) for a in counters], +1, (asker,)) >= n.rv_raw - 1e-12
            bound = n.next_bound if n.next_index is not None else n.target
            theirs = n.theirs
        else:
            raw = self.motion_values(view, persp, view.me, [(a.terms, a.pay) for a in counters], +1, (asker,))
            mine = (raw - n.rv_raw) / n.span  # the scale the deadline and the floor are read in
            raw_ok = raw >= n.rv_raw - 1e-12
            bound = n.deadline
            theirs = self.motion_values(view, Mo.Perspective(asker, "", 1.0), asker,
                                        [(a.terms, a.pay) for a in counters], -1, (view.me,))
        # before the last word my price is what I would accept after their counter: no better
        # for them than my own next counter, which they would see anyway by countering. At the
        # last word it is never less than my own standing offer: the least I would still accept
        # then is mine to keep (asking is free, so it must not be a way to learn how far I go)
        me = view.me
        my_offers = self._offers_by(view, me)
        if my_offers and hyp_b.exchanges >= max_ex:
            standing = self.motion_values(view, persp, me, my_offers[-1:], -1, (asker,))[0]
            bound = max(bound, float((standing - n.rv_raw) / n.span))
        ok = (mine >= bound - 1e-9) & (mine >= n.floor - 1e-9) & raw_ok
        if not ok.any():
            return None
        k = self._pick(np.where(ok, theirs, -np.inf))
        tm, pay = counters[k].terms, counters[k].pay
        txt, tf = terms_words(view.scenario, tm)
        ptxt, pf = pay_words(pay)
        standing = b.offer.by == me and tm == b.offer.terms and pay == -b.offer.pay
        return self._say(counters[k], "price_standing" if standing else "price", terms=txt, pay_text=ptxt,
                         u=pct(mine[k]), **tf, **pf)

    # ------------------------------------------------------------------ the other decisions
    def decide(self, view: PlayerView, legal: list[Action]) -> Decision:
        if len(legal) == 1:
            if view.phase == Phase.PROPOSALS and legal[0].verb == "pass":
                # say why (play-test: "I take the only move open to me", every round, said nothing)
                cost, have = view.scenario.rules.motion_cost_ip, view.ip_of(view.me)
                if have < cost:
                    return self._say(legal[0], "pass_broke", cost=cost, have=have)
                if allowance_left(view) == 0:
                    return self._say(legal[0], "pass_allowance", cap=view.scenario.rules.max_tranches_per_round)
                return self._say(legal[0], "pass_none")
            return Decision(legal[0], "I take the only move open to me.")
        ph = view.phase
        if ph == Phase.BARGAIN:
            return self._bargain(view, legal)
        if ph == Phase.PROPOSALS:
            return self._propose(view, legal)
        if ph == Phase.VOTE:
            return self._vote(view, legal)
        if ph == Phase.COMPLIANCE:
            return self._comply(view, legal)
        if ph == Phase.REIMPOSE:
            return self._reimpose(view, legal)
        if ph == Phase.EROSION:
            return self._erosion(view, legal)
        if ph == Phase.CHAIR:
            return self._chair(view, legal)
        if ph == Phase.AGENDA:
            return self._agenda(view, legal)
        return Decision(legal[0], "I pass.")  # pragma: no cover

    def _standing(self, view: PlayerView) -> tuple[Mo.Perspective, Mo.Context, np.ndarray, float]:
        """My perspective, the moment, my row as things stand, and its value."""
        persp = self._me(view)
        ctx = self._ctx(view)
        base = Mo.base_row(view, view.me)
        return persp, ctx, base, Mo.value_of(persp, base, ctx)

    def _propose(self, view: PlayerView, legal: list[Action]) -> Decision:
        self._update_freq(view)
        sc = view.scenario
        persp, ctx, base, v0 = self._standing(view)
        pass_a = next((a for a in legal if a.verb == "pass"), None)
        # cards and the Watching Power's moves first: each is a sure, immediate effect
        best_extra: tuple[float, Decision] | None = None
        for a in legal:
            d = self._extra(view, a, base, persp, ctx, v0)
            if d is not None and (best_extra is None or d[0] > best_extra[0]):
                best_extra = d
        if best_extra is not None and best_extra[0] > 0.05:
            return self._brink_clause(view, best_extra[1], self._extra_delta(view, best_extra[1].action))
        props = [a for a in legal if a.verb == "propose"]
        if not props:
            r = sc.rules
            if any(a.verb == "probe" for a in legal) and view.tracks.C > r.probe_c_max:
                # the Watching Power's one move that scores: say when it would (play-test: the same
                # sentence every round)
                return self._say(pass_a or legal[0], "wait_probe", cmax=r.probe_c_max, c=view.tracks.C)
            return self._say(pass_a or legal[0], "wait")
        cost = sc.rules.motion_cost_ip
        terms = [a.terms for a in props]
        gain, pp, rv_ok, resp_u = self.tabling(view, terms)
        good = rv_ok & (gain > TABLE_WORTH)
        if not good.any():
            if pass_a is not None:
                # say why: nothing is worth its cost to me, or what is would be refused, or would
                # be forced on a side that cannot block it (play-test: "would leave the other side
                # worse off" said of a Snapback, which needs no yes but its proposer's)
                worth = [terms[i].kind for i in np.flatnonzero(gain > 0.05)]
                blocks = any(would_need_yes(view, k, view.me) for k in worth)
                key = "pass" if not worth else "pass_resp" if blocks else "pass_restraint"
                return self._say(pass_a, key, cost=cost)
            good = gain >= gain.max() - 1e-12
        # the opening offer: the clock starts when a motion is tabled, so the opening sits at
        # the concession target of the first exchange (a Dove opens generously, a Hawk at its
        # best); among the options near that target, the one that seems best for the respondent
        top = float(gain[good].max())
        u = gain / top if top > 1e-9 else np.ones(len(gain))
        max_ex = max(1, sc.rules.max_exchanges)
        game_t = (view.round - 1) / max(1, sc.rules.rounds - 1)
        t0 = min(1.0, 0.85 / (max_ex + 1) + 0.15 * game_t)
        floor = min(1.0, self.p.margin)
        target = 1 - (1 - self.p.reciprocity) * (1 - floor) * t0 ** (1 / self.p.concession_exponent)
        cand = good & (u >= target - 1e-9)
        if not cand.any():
            cand = good & (u >= float(u[good].max()) - 1e-9)
        band = cand & (u <= float(u[cand].min()) + COUNTER_BAND)
        score = np.where(band, resp_u + self._noise(len(u)), -np.inf)
        k = self._pick(score)
        txt, tf = terms_words(sc, terms[k])
        said = self._say(props[k], "propose", terms=txt, gain=f"{gain[k]:.1f}", pp=pct(pp[k]), **tf)
        said = self._brink_clause(view, said, self._terms_rows(view, [terms[k]])[0][0])
        return self._refused_clause(view, self._vetoed_clause(view, said, terms[k]), terms[k], float(pp[k]))

    def _brink_clause(self, view: PlayerView, d: Decision, delta: np.ndarray | None) -> Decision:
        """``d`` with what it saves, where the drift at this round's end would reach the shared
        loss (``Mo.brink``) and the move (``delta``: what it changes, carried out) keeps Escalation
        short of it, by the rule and counting the motions on the table as passed."""
        b = Mo.brink(view)
        if not b.at or delta is None:
            return d
        peace, _, kept = Mo.round_end(view, b.pending_p + delta[Mo.P], b.pending_e + delta[Mo.E])
        if kept >= view.scenario.rules.e_loss:
            return d
        return with_clause(d, "brink_tabled" if b.counted else "brink", self.p.name,
                           e_lost=min(10, b.e_after), peace=peace, e_kept=kept)

    def _extra_delta(self, view: PlayerView, a: Action) -> np.ndarray | None:
        """What a card play changes on the tracks (None for the moves that do not move them)."""
        if a.verb == "play" and a.args[0] == "guarantee":
            d = np.zeros(Mo.NF)
            d[Mo.P] = view.scenario.rules.guarantee_p
            return d
        return None

    def _vetoed_clause(self, view: PlayerView, d: Decision, tm: Terms) -> Decision:
        """``d`` (tabling ``tm``) with why I voted a motion of its kind down last round, where I
        answered it in bargaining, the bargaining ended in a walk-away and I voted it down as
        I had said I would (play-test: the Frontline State sank a Build when a player walked
        away from its price, then tabled the same Build itself, and it read as a contradiction)."""
        for m in self._ballots(view):
            if (m.round == view.round - 1 and m.kind == tm.kind and m.walked and m.respondent == view.me
                    and view.me in view.scenario.motions[m.kind].required_yes and (view.me, False) in m.ballots):
                return with_clause(d, "vetoed_before", self.p.name)
        return d

    def _refused_clause(self, view: PlayerView, d: Decision, tm: Terms, pp: float) -> Decision:
        """``d`` (tabling ``tm``, which passes at ``pp``) with whose No on its kind last round
        lowered that chance, and what it would be without (play-test: a Deal tabled again,
        unchanged, the round after it was sunk, as if nothing had happened). Only where the
        No lowered the chance by a whole percent; a respondent's yes is promised in bargaining."""
        resp = respondent(view, tm.kind, view.me)
        who = [r for r in view.roles if r not in (view.me, resp)
               and self.refused_in(view, r, tm.kind) == view.round - 1]
        if not who:
            return d
        rows, ci = self._terms_rows(view, [tm])
        before = float(self._pass_prob(view, tm.kind, rows, ci, self._ctx(view), (resp,) if resp else (),
                                       forget=True)[0])
        if pct(before) <= pct(pp):
            return d
        return with_clause(d, "refused", self.p.name, who=and_list([view.name_of(r) for r in who]), pp0=pct(before))

    def tabling(self, view: PlayerView, terms: list[Terms]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """What tabling each of ``terms`` is worth to me: (my expected gain after the motion's
        IP cost, the chance it passes, whether its respondent is better off than with no deal by
        my estimate, the respondent's estimated gain normalised per motion kind)."""
        sc = view.scenario
        persp, ctx, base, v0 = self._standing(view)
        cost = sc.rules.motion_cost_ip
        rows, ci = self._terms_rows(view, terms)
        X = np.tile(base, (len(terms), 1))
        X[:, Mo.IP] -= cost
        v_fail = Mo.values(persp, X, np.full(len(terms), -1), ctx)
        resp_of = {k: respondent(view, k, view.me) for k in sc.motions}
        pp = np.zeros(len(terms))
        rv_ok = np.ones(len(terms), dtype=bool)
        resp_u = np.zeros(len(terms))  # the respondent's estimated gain, normalised per kind
        for kind in {tm.kind for tm in terms}:
            idx = np.array([i for i, tm in enumerate(terms) if tm.kind == kind])
            resp = resp_of[kind]
            pp[idx] = self._pass_prob(view, kind, rows[idx], ci[idx], ctx, (resp,) if resp else ())
            if resp is not None:
                # the respondent must be better off than with no deal, by my estimate
                rp = Mo.Perspective(resp, "", 1.0)
                rb = Mo.base_row(view, resp)
                rg = Mo.values(rp, rb[None, :] + rows[idx], ci[idx], ctx) - Mo.value_of(rp, rb, ctx)
                rv_ok[idx] = rg >= 0
                resp_u[idx] = rg / max(1e-9, float(np.abs(rg).max()))
        v_pass = Mo.values(persp, X + rows, ci, ctx)
        gain = pp * v_pass + (1 - pp) * v_fail - v0
        return gain, pp, rv_ok, resp_u

    def _extra(self, view: PlayerView, a: Action, base: np.ndarray, persp: Mo.Perspective, ctx: Mo.Context,
               v0: float) -> tuple[float, Decision] | None:
        """Value and decision of a card play, a probe or a gift (None for other actions)."""
        sc = view.scenario
        r = sc.rules
        if a.verb == "play" and a.args[0] == "guarantee":
            x = base + cast(np.ndarray, self._extra_delta(view, a))
            x[Mo.P] = min(10, x[Mo.P])
            g = Mo.value_of(persp, x, ctx) - v0
            return g, self._say(a, "guarantee", p=r.guarantee_p, ip=r.guarantee_h_ip)
        if a.verb == "play" and a.args[0] == "phased":
            d = view.deal(int(a.args[1]))
            # it speeds the escrow's payout; the model already counts pending escrow as paid
            # unless the game ends first, so the card's effect is the payout's Precedent coming
            # about a third more surely (a belief): worth playing only where that costs nothing
            x = base.copy()
            g_pay = sc.escrow.g_at_payout_with_monitors if x[Mo.MON] else sc.escrow.g_at_payout
            x[Mo.G] = min(10, x[Mo.G] + 0.3 * g_pay * d.tranches)
            g = Mo.value_of(persp, x, ctx) - v0
            return g, self._say(a, "phased", d=d.id, n=r.phased_comply_rounds,
                                 noun_text=plural(r.phased_comply_rounds, "round", "rounds"))
        if a.verb == "probe":
            x = base.copy()
            x[Mo.IP] -= r.probe_ip
            hit = view.tracks.C <= r.probe_c_max
            if hit:
                x[Mo.E] = min(10, x[Mo.E] + r.probe_e)
                x[Mo.PROBE] += r.probe_vp_hit
            else:
                x[Mo.PROBE] += r.probe_vp_miss
            g = Mo.value_of(persp, x, ctx) - v0
            if not hit:
                return None
            return g, self._say(a, "probe", c=view.tracks.C, cmax=r.probe_c_max, vp=r.probe_vp_hit)
        if a.verb == "gift":
            who = Role(a.args[0])
            n = int(a.args[1])
            if who != Role.S or n != 1 or view.ip_of(who) >= r.motion_cost_ip or view.ip_of(view.me) < 3:
                return None
            if sc.channels[Channel.RELEASE].G <= 0:
                return None
            return 0.1, self._say(a, "gift", who=view.name_of(who), n=n, have=view.ip_of(who))
        return None

    def _motion_gain(self, view: PlayerView, terms_list: list[Terms],
                     at: int | None | list[int | None] = None, settlement: bool | None = None) -> np.ndarray:
        """What each of ``terms_list`` gains me if it passes, in its place on the table (``at``,
        see ``_terms_rows``); ``settlement`` as in ``model.context``."""
        persp = self._me(view)
        ctx = self._ctx(view, settlement)
        base = Mo.base_row(view, view.me)
        rows, ci = self._terms_rows(view, terms_list, at)
        return Mo.values(persp, base[None, :] + rows, ci, ctx) - Mo.value_of(persp, base, ctx)

    def _vote(self, view: PlayerView, legal: list[Action]) -> Decision:
        ms = view.motions
        gains = self._motion_gain(view, [m.terms for m in ms], list(range(len(ms))), settlement=False)
        settling = [k for k, m in enumerate(ms) if m.terms.kind == MotionKind.SETTLEMENT]
        if settling:  # a Settlement is weighed against the Peace that can still be bought
            at: list[int | None] = list(settling)
            gains[settling] = self._motion_gain(view, [ms[k].terms for k in settling], at, settlement=True)
        # a motion whose bargaining I walked away from, or was walked away from, while its
        # passing needs my yes: I vote it down, as my bargaining said (its reservation,
        # walk_value, counts on it; else my demands would be empty and walking would beat
        # bargaining with me)
        later = self.settle_later(view) if settling else 0.0
        saves = self._brink_ballot(view)
        letters = []
        why: list[BallotReason] = []
        for k, (m, g) in enumerate(zip(ms, gains, strict=True)):
            promised = m.binds(view.me)
            held = m.status == MotionStatus.WALKED and m.respondent == view.me and respondent_vetoes(view.scenario, m)
            # ... but not a motion that keeps the war from widening: sinking it, everyone loses
            # (the threat is not carried out at that price; its Yes says why)
            spared = held and k in saves and g > 0
            held = held and not spared
            letters.append("Y" if promised or (g > 0 and not held) else "N")
            br = self._ballot_reason(m.id, letters[-1], float(g), promised, held, view.me in m.promised and m.switched,
                                     later if m.terms.kind == MotionKind.SETTLEMENT else 0.0)
            if spared and not promised:
                br = ballot_reason(m.id, "Y", "ballot_spared", self.p.name)
            if letters[-1] == "Y" and k in saves:
                br = ballot_with_clause(br, saves[k][0], self.p.name, **saves[k][1])
            why.append(br)
        ballot = "".join(letters)
        act = next((a for a in legal if a.args and a.args[0] == ballot), legal[0])
        d = self._say(act, "vote", n=len(ms), noun_text=plural(len(ms), "motion", "motions"))
        return replace(d, ballot=tuple(why)) if act.args and act.args[0] == ballot else d

    def _brink_ballot(self, view: PlayerView) -> dict[int, tuple[str, dict[str, int | str]]]:
        """At the brink (``Mo.brink``), each motion on the ballot that keeps the drift at this
        round's end short of the shared loss where, with every other motion passed but not it,
        the drift would reach it: the brink clause's key and figures, by table position
        (play-test: a Yes that saved the game read "adds about 0.3 points")."""
        if not Mo.brink(view).at:
            return {}
        ms = view.motions
        live = [k for k, m in enumerate(ms) if m.status in STILL_TO_VOTE]
        if any(ms[k].terms.kind == MotionKind.SETTLEMENT for k in live):
            return {}  # it would end the game before the drift

        def passed(yes: list[int]) -> tuple[float, float]:
            """Peace and Escalation the motions at ``yes`` add, passed and the rest not: each
            carried out after those of them ahead of it (a Deal void because another took the
            Vault is carried out when that other fails; review: "without it everyone loses" was
            said of a motion whose failing let the next one save the game)."""
            among = frozenset(yes)
            d = [Mo.terms_delta(view, ms[k].terms, ahead_takes(view, k, among))[0] for k in yes]
            return float(sum(x[Mo.P] for x in d)), float(sum(x[Mo.E] for x in d))

        e_loss = view.scenario.rules.e_loss
        out: dict[int, tuple[str, dict[str, int | str]]] = {}
        all_p, all_e = passed(live)
        peace, _, kept = Mo.round_end(view, all_p, all_e)
        for k in live:
            op, oe = passed([j for j in live if j != k])
            _, _, lost = Mo.round_end(view, op, oe)
            if lost >= e_loss > kept:
                out[k] = ("brink_tabled" if op or oe else "brink",
                          {"e_lost": min(10, lost), "peace": peace, "e_kept": kept})
        return out

    def settle_later(self, view: PlayerView) -> float:
        """The chance my model gives a Settlement at a later point, with no Settlement passed now
        (the Peace still to be bought counted, as when I weigh a Settlement on the ballot)."""
        base = Mo.base_row(view, view.me)
        return float(Mo.project(base[None, :], self._ctx(view, True))["p_settle"][0])

    def _ballot_reason(self, mid: int, vote: str, gain: float, promised: bool, held: bool,
                       switched: bool, later: float = 0.0) -> BallotReason:
        """Why my ballot says ``vote`` on motion ``mid`` (kept sealed with the ballot: the table
        hears it once the ballots are opened; play-test: "the results show who sank a motion,
        never why"). ``gain`` is what passing it adds to my expected final score; ``later``, on a
        Settlement, the chance of a Settlement later without it (said from one in two: it is why
        ending the game now can be worth only a few points)."""
        shown = f"{abs(gain):.1f}"
        facts: dict[str, int | str] = {}
        if promised:
            key = "ballot_promised"
        elif held:
            key = "ballot_held"
        elif shown == "0.0":
            key = "ballot_yes_slight" if vote == "Y" else "ballot_no_even"
        elif later >= SETTLE_LATER_SAID:
            key = "ballot_yes_settle" if vote == "Y" else "ballot_no_settle"
            facts = {"ps": round(100 * later), ("gain" if vote == "Y" else "loss"): shown}
        elif vote == "Y":
            key, facts = ("ballot_switched_yes" if switched else "ballot_yes"), {"gain": shown}
        else:
            key, facts = ("ballot_switched_no" if switched else "ballot_no"), {"loss": shown}
        return ballot_reason(mid, vote, key, self.p.name, **facts)

    def _comply(self, view: PlayerView, legal: list[Action]) -> Decision:
        sc = view.scenario
        r = sc.rules
        persp = self._me(view)
        ctx = self._ctx(view)
        base = Mo.base_row(view, view.me)
        v0 = Mo.value_of(persp, base, ctx)
        monitors = base[Mo.MON] > 0
        p_det = 1.0 if monitors else (7 - r.detect_on) / 6
        rep_cost = 0.5 + 2.0 * self.p.reciprocity
        letters = []
        for did in view.pending_compliance:
            d = view.deal(did)
            x = base.copy()
            x[Mo.E] = min(10, x[Mo.E] + r.defect_e)
            caught = x.copy()
            caught[Mo.PEND] -= d.escrow_tokens
            caught[Mo.PENDTR] -= d.tranches if d.escrow_tokens else 0
            free = x.copy()
            free[Mo.UNDET] += 1
            ev = p_det * Mo.value_of(persp, caught, ctx) + (1 - p_det) * Mo.value_of(persp, free, ctx) - rep_cost
            letters.append("D" if ev > v0 else "C")
        s = "".join(letters)
        act = next((a for a in legal if a.args and a.args[0] == s), legal[0])
        return self._say(act, "comply", n=len(letters), noun_text=plural(len(letters), "deal", "deals"))

    def _reimpose(self, view: PlayerView, legal: list[Action]) -> Decision:
        r = view.scenario.rules
        look = next(a for a in legal if a.verb == "lookaway")
        lc = max(0, view.tracks.C + r.look_away_c)
        re = next((a for a in legal if a.verb == "reimpose"), None)
        if re is None:
            return self._say(look, "lookaway_broke", ip=r.reimpose_ip, have=view.ip_of(view.me))
        persp = self._me(view)
        ctx = self._ctx(view)
        base = Mo.base_row(view, view.me)
        xr = base.copy()
        xr[Mo.C] = min(10, xr[Mo.C] + r.reimpose_c)
        xr[Mo.IP] -= r.reimpose_ip
        xl = base.copy()
        xl[Mo.C] = lc
        if Mo.value_of(persp, xr, ctx) >= Mo.value_of(persp, xl, ctx):
            return self._say(re, "reimpose", dc=r.reimpose_c, ip=r.reimpose_ip, lc=lc)
        return self._say(look, "lookaway", lc=lc, ip=r.reimpose_ip)

    def _erosion(self, view: PlayerView, legal: list[Action]) -> Decision:
        r = view.scenario.rules
        hold = next(a for a in legal if a.verb == "hold")
        letgo = next(a for a in legal if a.verb == "letgo")
        n = min(view.vault, r.erosion_tokens)
        persp = self._me(view)
        ctx = self._ctx(view)
        base = Mo.base_row(view, view.me)
        xh = base.copy()
        xh[Mo.IP] -= r.erosion_hold_ip
        xl = base.copy()
        xl[Mo.VAULT] -= n
        xl[Mo.RECV] += n
        # tokens in the Vault are the Custodian's leverage for the rounds still to come
        lever = self.p.leverage_weight * 0.25 * n * ctx.rounds_left / max(1, view.scenario.rules.rounds)
        if Mo.value_of(persp, xh, ctx) + lever > Mo.value_of(persp, xl, ctx):
            return self._say(hold, "hold", ip=r.erosion_hold_ip, n=n)
        return self._say(letgo, "letgo", n=n, ip=r.erosion_hold_ip)

    def _chair(self, view: PlayerView, legal: list[Action]) -> Decision:
        r = view.scenario.rules
        pass_a = next(a for a in legal if a.verb == "pass")
        sw = [a for a in legal if a.verb == "switch"]
        if not sw:
            return self._say(pass_a, "no_switch", ip=r.chair_switch_ip)
        place = {m.id: i for i, m in enumerate(view.motions)}
        olds = [view.motions[place[int(a.args[0])]].terms for a in sw]
        news = [o.model_copy(update={"channel": Channel(a.args[1])}) for o, a in zip(olds, sw, strict=True)]
        at: list[int | None] = [place[int(a.args[0])] for a in sw]
        # each weighed by its chance of passing: a switched motion holds no promise, so a Deal
        # agreed in bargaining may well fail once switched (review: the Chair paid 2 IP to switch
        # an agreed Deal to Redirect, "adds about 1.6 points", where its own model gave the
        # switched Deal a 1% chance, and it failed)
        p_new = self._switch_pass(view, news, at, switched=True)
        p_old = self._switch_pass(view, olds, at, switched=False)
        g_new = p_new * self._motion_gain(view, news, at)
        g_old = p_old * self._motion_gain(view, olds, at)
        ip_cost = Mo.IP_VP * r.chair_switch_ip * 0.8
        gain = g_new - g_old - ip_cost
        k = self._pick(gain)
        if gain[k] <= 0.2:
            return self._say(pass_a, "no_switch", ip=r.chair_switch_ip)
        ch = Channel(sw[k].args[1])
        return self._say(sw[k], "switch", mid=int(sw[k].args[0]), channel=channel_name(ch), ip=r.chair_switch_ip,
                         gain=f"{g_new[k] - g_old[k]:.1f}", pp=pct(float(p_new[k])), pp_old=pct(float(p_old[k])))

    def _switch_pass(self, view: PlayerView, terms_list: list[Terms], at: list[int | None],
                     switched: bool) -> np.ndarray:
        """Each motion's chance of passing on ``terms_list`` at its place: with the promises made
        on it, or (``switched``) with none, as after the Chair's switch."""
        ctx = self._ctx(view)
        rows, ci = self._terms_rows(view, terms_list, at)
        out = np.empty(len(terms_list))
        for i, (tm, place) in enumerate(zip(terms_list, at, strict=True)):
            assert place is not None
            m = view.motions[place]
            promised = () if switched else tuple(r for r in m.promised if m.binds(r))
            out[i] = self._pass_prob(view, tm.kind, rows[i:i + 1], ci[i:i + 1], ctx, promised)[0]
        return out

    def _agenda(self, view: PlayerView, legal: list[Action]) -> Decision:
        # the Sanctioned Power's deals are the main road to Peace; once Peace allows a
        # Settlement, the Chair opens so it can table it, if tabling one is worth it to the Chair
        # as its turn would weigh it (play-test: "I mean to table one", then a pass, four rounds
        # running; review: it may then table a Build worth more, so the sentence promises nothing);
        # otherwise the richest deal-maker
        sc = view.scenario
        min_p = sc.motions[MotionKind.SETTLEMENT].min_p
        options = {Role(a.args[0]): a for a in legal}
        weighed = False  # whether I weighed tabling a Settlement myself and found it not worth it
        if view.tracks.P >= min_p and view.me in options and view.me in sc.motions[MotionKind.SETTLEMENT].proposers:
            gain, _pp, rv_ok, _u = self.tabling(view, [Terms(kind=MotionKind.SETTLEMENT)])
            if rv_ok[0] and gain[0] > TABLE_WORTH:
                return self._say(options[view.me], "agenda_settle", p=view.tracks.P, min_p=min_p)
            weighed = True
        makers = [r for r in sc.motions[MotionKind.DEAL].proposers if r in options]
        if not makers:
            who = next(iter(options))
            return self._say(options[who], "agenda_any", who=view.name_of(who), p=view.tracks.P, ip=view.ip_of(who))
        who = max(makers, key=lambda r: (view.ip_of(r), r == Role.S))
        # with no Deal open (the Vault empty, say), not "Deals are what raise Peace" (review)
        key = "agenda" if closed_reason(view, MotionKind.DEAL) is None else "agenda_no_deal"
        if key == "agenda" and weighed:  # not "Deals are what raise Peace (9 now; ...)" (play-test)
            key = "agenda_settle_wait"
        return self._say(options[who], key, who=view.name_of(who), p=view.tracks.P, ip=view.ip_of(who),
                         min_p=min_p)


def _args(tm: Terms) -> list[str]:
    return list(terms_to_args(tm))


@lru_cache(maxsize=8192)
def _terms_features(tm: Terms) -> tuple[str, ...]:
    """The features of a bundle's terms (``_features`` without the side payment's)."""
    f = _features(_args(tm), 0)
    return (f[0], *f[2:])


def _pay_feature(pay: int) -> str:
    return f"p:{max(-1, min(1, pay))}"


def _features(toks: list[str] | tuple[str, ...], pay: int) -> list[str]:
    out = [f"k:{toks[0]}", _pay_feature(pay)]
    if toks[0] == "deal" and len(toks) == 4:
        out += [f"c:{toks[1]}", f"h:{toks[2]}", f"n:{toks[3]}"]
    elif toks[0] == "mobilize" and len(toks) == 2:
        out.append(f"n:{toks[1]}")
    elif len(toks) == 2:
        out.append(f"t:{toks[1]}")
    return out


__all__ = ["DelegationAgent", "Negotiation"]
