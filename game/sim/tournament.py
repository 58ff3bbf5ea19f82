"""Bargaining tournament: every personality against every scripted opponent and each other.

Negotiation situations are harvested from seeded self-play games: a seat about to table a
motion that another playing seat bargains over; each is also replayed with the public tracks
and IP redrawn (seeded; up to ``REDRAWS`` contested redraws kept per situation), because
self-play mostly reaches positions where both sides want the same motion and there is little
to bargain over. Each situation is replayed as a one-motion
negotiation through the real core (``apply``/``legal_actions``), once with the AI as the
proposer and once as the respondent ("rotating who moves first"); the proposer chooses the
opening terms of that motion kind. Utilities are fixed at the start of the negotiation: the
AI's own (its personality's model, its own agenda) and the opponent's true one (neutral
model, its own agenda). Walking away leaves both at their reservation: what the motion as
tabled is worth going to the vote, where a respondent whose yes it needs votes it down
(``DelegationAgent.walk_value``; "no deal" below means this).

Figures per personality:
- agreement_rate: agreed / contested negotiations where some bundle is above both
  reservations (contested: each side's best bundle leaves the other under 60% of its best
  gain, see ``contested``; where one side's favourite suits the other too there is no
  bargaining to test);
- mean_advantage: mean of (u - reservation) / (best - reservation) over those negotiations
  (0 without agreement);
- accepts_below_reservation: agreements the AI accepted worth less to it than walking away;
- exploitation[opponent]: mean over agreed negotiations with that opponent of how far the
  AI's advantage fell below its advantage at the Nash-bargaining bundle (never negative);
- latency_ms_p50 / p99 of the AI's bargaining and proposal decisions.

Beside these (top level, ``breakdown``): per personality the advantage over the deals made
(no-deal zeros left out) and the agreement rate against each opponent.

With ``bound`` (``tournament --bound``): how much agreement any play could have had. Every
contested negotiation is searched, from the opening as made, over every line of sane AI
counters against the opponent's actual replies (``best_reachable``), and the figures say
where a deal was reachable at all and the most agreement possible while no opponent pushes
the AI more than the exploitation limit below its Nash share (``bound_figures``).

Used by ``python main.py tournament`` and the tests.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.ai import PERSONALITIES, make_agent
from game.ai import model as Mo
from game.ai.agent import DelegationAgent
from game.ai.base import Agent, Decision
from game.ai.personality import difficulty, personality
from game.ai.scripted import SCRIPTED, ScriptedOpponent, make_scripted
from game.core import (
    Action,
    GameState,
    MotionKind,
    Phase,
    PlayerView,
    Role,
    Terms,
    apply,
    legal_actions,
    load_scenario,
    motion_place,
    new_game,
    observe,
)
from game.core import rng as R
from game.core.state import MotionStatus, Tracks
from game.sim.agents import ai_agents
from game.sim.simulate import game_seed

CONTESTED = 0.6  # each side's best bundle gives the other under this share of its best gain
REDRAWS = 3  # contested redrawn positions kept per harvested situation
REDRAW_TRIES = 12  # redraws tried per harvested situation
EXPLOITATION_LIMIT = 0.15  # the target: no opponent pushes the AI further below its Nash share
AGREEMENT_TARGET = 0.90  # the target for the Dove and the Pragmatist


def contested(u_a: np.ndarray, r_a: float, u_b: np.ndarray, r_b: float) -> bool:
    """True when the two sides want different things: the bundle best for either side leaves
    the other under ``CONTESTED`` of the way from its reservation to its own best bundle.
    Where one side's favourite also suits the other, only small change is left to bargain
    over and every style gets nearly its best: such a negotiation tests nothing."""
    span_a = float(u_a.max()) - r_a
    span_b = float(u_b.max()) - r_b
    if span_a <= 1e-9 or span_b <= 1e-9:
        return False
    b_at_a = float(u_b[int(np.argmax(u_a))] - r_b) / span_b
    a_at_b = float(u_a[int(np.argmax(u_b))] - r_a) / span_a
    return b_at_a < CONTESTED and a_at_b < CONTESTED


@dataclass(frozen=True)
class Situation:
    state: GameState  # PROPOSALS phase, the proposer to move
    proposer: Role
    kind: MotionKind


def harvest(games: int, seed: int, per_game: int = 3, redraw: bool = True) -> list[Situation]:
    """Negotiation situations from seeded self-play games (mixed AI personalities).

    Each game gives up to ``per_game`` motions that a playing seat bargains over (spread over
    the game). With ``redraw`` (the default) each is also replayed with the public tracks and
    IP redrawn from the game's seed, up to ``REDRAWS`` times, keeping the redrawn positions
    where the two sides want different things (see ``contested``): self-play mostly reaches
    positions where both want the same motion, which leave nothing to bargain over.
    """
    sc = load_scenario()
    out: list[Situation] = []
    for i in range(games):
        gs = game_seed(seed, i)
        factory = ai_agents("mixed")
        state = new_game(sc, 5, gs)
        agents = {r: factory(r, gs) for r in state.roles}
        found: list[Situation] = []
        seen: set[tuple[int, MotionKind]] = set()
        while not state.is_over:
            seat = state.to_move
            assert seat is not None
            legal = legal_actions(state, seat)
            d = agents[seat].decide(observe(state, seat), legal)
            if d.action.verb == "propose":
                kind = d.action.terms.kind
                rule = sc.motions[kind]
                if (state.round, kind) not in seen and any(r != seat and state.plays(r) for r in rule.respondents):
                    seen.add((state.round, kind))
                    start = state.model_copy(update={"order": (seat,), "order_index": 0, "motions": ()})
                    found.append(Situation(start, seat, kind))
            state = apply(state, d.action)
        step = max(1, len(found) // per_game)
        for k, sit in enumerate(found[::step][:per_game]):
            out.append(sit)
            if redraw:
                kept = 0
                for j in range(REDRAW_TRIES):
                    alt = Situation(_redraw(sit.state, gs * 31 + k * 1009 + j), sit.proposer, sit.kind)
                    if _contested_situation(alt):
                        out.append(alt)
                        kept += 1
                        if kept == REDRAWS:
                            break
    return out


def _contested_situation(sit: Situation) -> bool:
    """Whether the situation is contested (with a deal that suits both) for a neutral
    proposer's opening and any personality's leverage weight, from either side."""
    legal = [a for a in legal_actions(sit.state, sit.proposer) if a.verb == "propose" and a.terms.kind == sit.kind]
    if not legal:
        return False
    state = apply(sit.state, legal[0])
    if state.phase != Phase.BARGAIN or state.bargain is None:
        return False
    resp = state.motions[state.bargain.motion_index].respondent
    assert resp is not None
    lams = sorted({personality(p).leverage_weight for p in PERSONALITIES})
    return any(_stakes(state, ai_seat, opp_seat, lam).zopa
               for ai_seat, opp_seat in ((sit.proposer, resp), (resp, sit.proposer)) for lam in lams)


def _redraw(state: GameState, seed: int) -> GameState:
    """The same position with the public tracks and every seat's IP redrawn (seeded)."""
    r = R.seed_state(seed)
    vals = {}
    for track, lo, hi in (("P", 2, 7), ("C", 3, 9), ("L", 0, 6), ("G", 0, 5), ("E", 3, 7)):
        r, v = R.randbelow(r, hi - lo + 1)
        vals[track] = lo + v
    ip = []
    for _ in state.ip:
        r, v = R.randbelow(r, 8)
        ip.append(2 + v)
    peaks = {k: max(v, getattr(state.peaks, k)) for k, v in vals.items()}
    return state.model_copy(update={"tracks": Tracks(**vals), "peaks": Tracks(**peaks), "ip": tuple(ip)})


@dataclass
class Result:
    agreed: bool
    zopa: bool
    advantage: float
    nash_advantage: float
    below_reservation: bool
    best: float | None = None  # with ``bound``: the best advantage any sane play of the AI could reach
    searched: bool = False  # with ``bound``: whether ``best`` was searched for


@dataclass
class Tally:
    results: dict[str, list[Result]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)


class _Timed:
    """Wraps an agent to record how long each decision takes."""

    def __init__(self, agent: Agent, sink: list[float]) -> None:
        self.agent = agent
        self.name = agent.name
        self.sink = sink

    def decide(self, view: PlayerView, legal: list[Action]) -> Decision:
        t0 = time.perf_counter()
        d = self.agent.decide(view, legal)
        self.sink.append(time.perf_counter() - t0)
        return d

    def ask_price(self, view: PlayerView, legal: list[Action]) -> Decision | None:
        return self.agent.ask_price(view, legal)


def _bundle_utils(state: GameState, seat: Role, other: Role, bundles: list[tuple[Terms, int]], lam: float,
                  agenda: str) -> tuple[np.ndarray, float]:
    """Utility to ``seat`` of each (terms, IP paid to ``seat``) bundle, and its reservation:
    what walking away leaves it (the motion to the vote as tabled, ``walk_value``)."""
    view = observe(state, seat)
    val = DelegationAgent(personality("pragmatist"), difficulty("hard"), 0)
    persp = Mo.Perspective(seat, agenda, lam)
    u = val.motion_values(view, persp, seat, bundles, +1, (other,))
    return u, val.walk_value(view, persp, seat)


@dataclass(frozen=True)
class Stakes:
    """What a negotiation is worth to the AI, fixed when it starts (utilities by true agendas)."""

    zopa: bool  # contested, and some bundle is above both reservations
    nash_advantage: float  # the AI's advantage at the Nash-bargaining bundle (0 without a zopa)
    r_ai: float  # the AI's reservation (raw)
    span: float  # the AI's best bundle minus its reservation (raw)


def _stakes(state: GameState, ai_seat: Role, opp_seat: Role, ai_lam: float) -> Stakes:
    """The bundle set is every counter the respondent could make now, plus the tabled terms."""
    assert state.bargain is not None
    motion = state.motions[state.bargain.motion_index]
    resp = motion.respondent
    counters = [a for a in legal_actions(state, resp) if a.verb == "counter"] if resp is not None else []
    bundles_x = [(a.terms, -a.pay) for a in counters] + [(motion.terms, 0)]  # x: IP proposer -> respondent
    to_ai = [(t, x if ai_seat == resp else -x) for t, x in bundles_x]
    to_opp = [(t, -x) for t, x in to_ai]
    u_ai, r_ai = _bundle_utils(state, ai_seat, opp_seat, to_ai, ai_lam, state.agenda_of(ai_seat))
    u_op, r_op = _bundle_utils(state, opp_seat, ai_seat, to_opp, 1.0, state.agenda_of(opp_seat))
    best = float(u_ai.max())
    ok = (u_ai > r_ai + 1e-9) & (u_op > r_op + 1e-9)
    span = best - r_ai if best - r_ai > 1e-9 else 1.0
    zopa = bool(ok.any()) and contested(u_ai, r_ai, u_op, r_op)
    nash_adv = 0.0
    if zopa:
        k = int(np.argmax(np.where(ok, (u_ai - r_ai) * (u_op - r_op), -1.0)))
        nash_adv = float((u_ai[k] - r_ai) / span)
    return Stakes(zopa, nash_adv, r_ai, span)


def negotiate(sit: Situation, ai: Agent, ai_lam: float, opponent: Agent, ai_proposes: bool,
              latencies: list[float], bound: bool = False) -> Result:
    """Play one negotiation; measure it from the AI's side. With ``bound``, a contested
    negotiation is also searched for the best deal any sane play of the AI could have reached
    after the opening (see ``best_reachable``)."""
    state = sit.state
    prop_agent = ai if ai_proposes else opponent
    timed_ai = _Timed(ai, latencies)
    legal = [a for a in legal_actions(state, sit.proposer) if a.verb == "propose" and a.terms.kind == sit.kind]
    if not legal:
        return Result(False, False, 0.0, 0.0, False)
    opener = timed_ai if ai_proposes else prop_agent
    state = apply(state, opener.decide(observe(state, sit.proposer), legal).action)
    if state.phase != Phase.BARGAIN or state.bargain is None:
        return Result(False, False, 0.0, 0.0, False)
    s0 = state  # the negotiation's start: utilities are fixed here
    motion = state.motions[state.bargain.motion_index]
    resp = motion.respondent
    assert resp is not None
    ai_seat = sit.proposer if ai_proposes else resp
    opp_seat = resp if ai_proposes else sit.proposer
    st = _stakes(state, ai_seat, opp_seat, ai_lam)
    zopa, nash_adv, r_ai, span = st.zopa, st.nash_advantage, st.r_ai, st.span
    best: float | None = None
    if bound and zopa:
        best = best_reachable(s0, copy.deepcopy(opponent), ai_seat, opp_seat, ai_lam, st)
    seats: dict[Role, Agent] = {ai_seat: timed_ai, opp_seat: opponent}
    accepted_by_ai = False
    for _ in range(20):
        if state.phase != Phase.BARGAIN:
            break
        seat = state.to_move
        assert seat is not None
        d = seats[seat].decide(observe(state, seat), legal_actions(state, seat))
        accepted_by_ai = d.action.verb == "accept" and seat == ai_seat
        state = apply(state, d.action)
        if state.motions[motion_place(motion.id)[1]].status != MotionStatus.TABLED:
            break
    m = state.motions[motion_place(motion.id)[1]]
    if m.status != MotionStatus.AGREED:
        return Result(False, zopa, 0.0, nash_adv, False, best, bound and zopa)
    x = m.side_payment  # IP from proposer to respondent
    got = (m.terms, x if ai_seat == resp else -x)
    u, _ = _bundle_utils(s0, ai_seat, opp_seat, [got], ai_lam, s0.agenda_of(ai_seat))
    adv = float((u[0] - r_ai) / span)
    return Result(True, zopa, adv, nash_adv, accepted_by_ai and u[0] < r_ai - 1e-9, best, bound and zopa)


def best_reachable(s0: GameState, opponent: Agent, ai_seat: Role, opp_seat: Role, ai_lam: float,
                   st: Stakes) -> float | None:
    """An upper bound for any bargaining strategy: from the negotiation's start (the opening
    as made), the best advantage the AI could reach against this opponent's actual replies,
    over every sequence of counters that a deal on would leave above its reservation (a sane
    AI offers nothing worse than no deal) and taking any offer above it; None if no such deal
    can be reached. The opponent is copied at each branch, so its memory and its seeded
    stream follow each line of play. At the last word its acceptance is taken to rise with
    what the offer gives it (true of every scripted rule and of the AI's deadline test), so
    the lowest accepted offer is found by bisection. The lines multiply with the exchanges a
    scenario allows: fine for the default three, slow beyond."""
    # the opponent's own leverage weight orders what it would accept (1.0 for the scripted rules)
    opp_lam = opponent.p.leverage_weight if isinstance(opponent, DelegationAgent) else 1.0
    # a scripted rule reads only its own memory and the offer, not the log: after the same reply
    # from the same memory, what follows is the same whichever counter of mine led there
    followed: set[tuple[str, str]] = set()

    def valuer(seat: Role, other: Role, lam: float) -> Callable[[list[tuple[Terms, int]]], np.ndarray]:
        """``seat``'s raw utility of (terms, IP paid to ``seat``) bundles, each valued once."""
        memo: dict[tuple[Terms, int], float] = {}

        def values(bundles: list[tuple[Terms, int]]) -> np.ndarray:
            new = list(dict.fromkeys(b for b in bundles if b not in memo))
            if new:
                u, _ = _bundle_utils(s0, seat, other, new, lam, s0.agenda_of(seat))
                memo.update(zip(new, u.tolist(), strict=True))
            return np.array([memo[b] for b in bundles])

        return values

    mine_raw = valuer(ai_seat, opp_seat, ai_lam)
    theirs = valuer(opp_seat, ai_seat, opp_lam)  # (terms, IP paid to the opponent)

    def gains(bundles: list[tuple[Terms, int]]) -> np.ndarray:  # (terms, IP paid to the AI) -> advantage
        return (mine_raw(bundles) - st.r_ai) / st.span

    def reply(agent: Agent, state: GameState) -> Action:
        return agent.decide(observe(state, opp_seat), legal_actions(state, opp_seat)).action

    def sane(state: GameState) -> list[tuple[Action, float]]:
        cs = [a for a in legal_actions(state, ai_seat) if a.verb == "counter"]
        g = gains([(a.terms, -a.pay) for a in cs]) if cs else np.zeros(0)
        return [(a, float(x)) for a, x in zip(cs, g, strict=True) if x > 1e-9]

    best = -np.inf

    def reach(terms: Terms, pay_to_me: int) -> None:  # a deal, counted if above no deal
        nonlocal best
        g = float(gains([(terms, pay_to_me)])[0])
        if g > 1e-9:
            best = max(best, g)

    def after_my_counter(state: GameState, agent: Agent) -> None:
        """Their reply to my offer on the table in ``state`` (my opening or a counter), and what follows."""
        nonlocal best
        r = reply(agent, state)
        if r.verb == "accept":  # my offer: a counter is above no deal, my opening may not be
            b = state.bargain
            assert b is not None
            reach(b.offer.terms, -b.offer.pay)
        elif r.verb == "counter":
            reach(r.terms, r.pay)
            if isinstance(agent, ScriptedOpponent):
                key = (str(r), repr(sorted((k, v) for k, v in vars(agent).items() if k != "_val")))
                if key in followed:
                    return
                followed.add(key)
            nxt = apply(state, r)
            if nxt.phase == Phase.BARGAIN and nxt.to_move == ai_seat:
                mine = sane(nxt)
                if mine and nxt.bargain is not None and nxt.bargain.exchanges + 1 >= nxt.scenario.rules.max_exchanges:
                    best = max(best, last_word(nxt, agent, mine))
                else:
                    for a, _ in mine:
                        after_my_counter(apply(nxt, a), copy.deepcopy(agent))

    def last_word(state: GameState, agent: Agent, mine: list[tuple[Action, float]]) -> float:
        """My last counter: they take it or walk. The best gain among those they accept."""
        order = np.argsort(theirs([(a.terms, a.pay) for a, _ in mine]), kind="stable")
        said: dict[int, bool] = {}

        def accepts(j: int) -> bool:
            if j not in said:
                said[j] = reply(copy.deepcopy(agent), apply(state, mine[int(order[j])][0])).verb == "accept"
            return said[j]

        if not accepts(len(order) - 1):
            return -np.inf
        lo, hi = 0, len(order) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if accepts(mid):
                hi = mid
            else:
                lo = mid + 1
        return max(mine[int(j)][1] for j in order[lo:])

    if s0.to_move == ai_seat:  # I respond to their opening
        b0 = s0.bargain
        assert b0 is not None
        reach(b0.offer.terms, b0.offer.pay)
        for a, _ in sane(s0):
            after_my_counter(apply(s0, a), copy.deepcopy(opponent))
    else:  # my opening is on the table: their reply, and what follows
        after_my_counter(s0, opponent)
    return None if best == -np.inf else best


def run_tournament(games: int, seed: int, difficulty_name: str = "normal",
                   personalities: tuple[str, ...] = PERSONALITIES, redraw: bool = True,
                   on_progress: Callable[[str], None] | None = None,
                   bound: bool | tuple[str, ...] = False) -> dict[str, Any]:
    """The whole tournament; the same arguments give the same figures (except latency).

    With ``bound`` (True for every personality, or a tuple of names) it also searches every
    contested negotiation of those personalities for the best deal any sane play could have
    reached (``best_reachable``) and reports ``bound_figures`` (slow: about 20 minutes per
    personality for ``--games 10``)."""
    bound_for = set(personalities if bound is True else bound or ())
    situations = harvest(games, seed, redraw=redraw)
    opponents: list[str] = [*SCRIPTED, *personalities]
    report: dict[str, Any] = {}
    breakdown: dict[str, Any] = {}
    contested_n: dict[str, int] = {}
    reachable: dict[str, dict[str, Any]] = {}
    for pi, pname in enumerate(personalities):
        lam = personality(pname).leverage_weight
        tally = Tally()
        for oi, oname in enumerate(opponents):
            rs = tally.results.setdefault(oname, [])
            for si, sit in enumerate(situations):
                for ai_proposes in (True, False):
                    s = seed * 1_000_003 + pi * 7919 + oi * 131 + si * 2 + ai_proposes
                    ai = make_agent(pname, difficulty_name, s)
                    opp: Agent = make_scripted(oname, s + 1) if oname in SCRIPTED else make_agent(oname, difficulty_name, s + 1)
                    rs.append(negotiate(sit, ai, lam, opp, ai_proposes, tally.latencies, pname in bound_for))
        if on_progress:
            on_progress(pname)
        report[pname] = _summarise(tally)
        breakdown[pname] = _breakdown(tally)
        z = [r for rs in tally.results.values() for r in rs if r.zopa]
        contested_n[pname] = len(z)
        if pname in bound_for:
            reachable[pname] = bound_figures(tally)
    return {"personalities": report, "games": games, "seed": seed, "situations": len(situations), "redrawn": redraw,
            "contested": contested_n, "breakdown": breakdown, "bound": reachable if bound_for else None}


def _breakdown(t: Tally) -> dict[str, Any]:
    """Beside the issue's figures: the advantage of the deals made (no-deal zeros left out)
    and the agreement rate against each opponent, over contested negotiations."""
    z = [r for rs in t.results.values() for r in rs if r.zopa]
    agreed = [r.advantage for r in z if r.agreed]
    by_opp = {}
    for name, rs in t.results.items():
        zo = [r for r in rs if r.zopa]
        by_opp[name] = round(sum(r.agreed for r in zo) / len(zo), 3) if zo else 0.0
    return {"advantage_when_agreed": round(float(np.mean(agreed)), 3) if agreed else 0.0,
            "agreement_by_opponent": by_opp,
            "least_advantage_at_target": least_advantage_at_target(t)}


def least_advantage_at_target(t: Tally, target: float = AGREEMENT_TARGET,
                              limit: float = EXPLOITATION_LIMIT) -> float:
    """A floor under the mean advantage (no deal as 0) of any play that agrees in at least
    ``target`` of the contested negotiations while no opponent pushes it more than ``limit``
    below its Nash share on average: where the issue's agreement and exploitation targets
    put a personality at the least.

    With opponent o's agreed set A, each deal's advantage is at least its Nash share less its
    shortfall, and the shortfalls average at most ``limit``: the least total advantage is
    max(0, sum of A's Nash shares - limit x |A|). That is convex in how many of o's
    negotiations are agreed (taking the smallest Nash shares first), so adding one agreement
    at a time where it costs least is optimal. Whether a deal could be reached at all is not
    asked, so the floor is if anything low."""
    shares = {name: sorted(r.nash_advantage for r in rs if r.zopa) for name, rs in t.results.items()}
    n = sum(len(v) for v in shares.values())
    need = int(np.ceil(target * n - 1e-9))
    taken = dict.fromkeys(shares, 0)
    sums = dict.fromkeys(shares, 0.0)

    def cost(k: int, s: float) -> float:
        return max(0.0, s - limit * k)

    total = 0.0
    for _ in range(need):
        best_name, best_step = "", np.inf
        for name, v in shares.items():
            k = taken[name]
            if k < len(v):
                step = cost(k + 1, sums[name] + v[k]) - cost(k, sums[name])
                if step < best_step - 1e-15:
                    best_name, best_step = name, step
        k = taken[best_name]
        sums[best_name] += shares[best_name][k]
        taken[best_name] = k + 1
        total += best_step
    return round(total / n, 3) if n else 0.0


def bound_figures(t: Tally, limit: float = EXPLOITATION_LIMIT) -> dict[str, Any]:
    """What ``best_reachable`` says over the contested negotiations: the share where any sane
    play could reach a deal; the most agreement any play could have while no opponent pushes
    the AI more than ``limit`` below its Nash share on average (per opponent: take the
    negotiations in order of the least shortfall each allows, while the mean stays within
    the limit); and the AI's own agreement over the reachable ones."""
    searched = [r for rs in t.results.values() for r in rs if r.zopa and r.searched]
    reach = [r for r in searched if r.best is not None]
    by_opp: dict[str, float] = {}
    kept = 0
    for name, rs in t.results.items():
        z = [r for r in rs if r.zopa and r.searched]
        falls = sorted(max(0.0, r.nash_advantage - r.best) for r in z if r.best is not None)
        k, total = 0, 0.0
        for f in falls:
            if (total + f) / (k + 1) > limit + 1e-12:
                break
            k, total = k + 1, total + f
        kept += k
        by_opp[name] = round(k / len(z), 3) if z else 0.0
    n = len(searched)
    return {
        # each negotiation's best deal taken on its own: no strategy's mean advantage is higher
        "advantage_bound": round(sum(max(0.0, r.best or 0.0) for r in reach) / n, 3) if n else 0.0,
        "reachable": round(len(reach) / n, 3) if n else 0.0,
        "agreement_bound": round(kept / n, 3) if n else 0.0,
        "agreement_when_reachable": round(sum(r.agreed for r in reach) / len(reach), 3) if reach else 0.0,
        "bound_by_opponent": by_opp,
    }


def _summarise(t: Tally) -> dict[str, Any]:
    allr = [r for rs in t.results.values() for r in rs]
    z = [r for r in allr if r.zopa]
    lat = np.array(t.latencies) * 1000 if t.latencies else np.zeros(1)
    expl = {}
    for name, rs in t.results.items():
        agreed = [r for r in rs if r.agreed and r.zopa]
        expl[name] = round(float(np.mean([max(0.0, r.nash_advantage - r.advantage) for r in agreed])) if agreed else 0.0, 3)
    return {
        "agreement_rate": round(float(sum(r.agreed for r in z)) / len(z), 3) if z else 0.0,
        "mean_advantage": round(float(np.mean([r.advantage for r in z])), 3) if z else 0.0,
        "accepts_below_reservation": int(sum(bool(r.below_reservation) for r in allr)),
        "latency_ms_p50": round(float(np.percentile(lat, 50)), 3),
        "latency_ms_p99": round(float(np.percentile(lat, 99)), 3),
        "exploitation": expl,
    }


def format_report(rep: dict[str, Any]) -> str:
    kind = "self-play and redrawn" if rep.get("redrawn") else "self-play"
    lines = [f"tournament: {rep['situations']} {kind} situations from {rep['games']} games, seed {rep['seed']}"]
    lines.append(f"  {'personality':12s} n     agree  adv    deal   below  p50ms  p99ms  worst exploitation")
    for name, r in rep["personalities"].items():
        worst = max(r["exploitation"].items(), key=lambda kv: kv[1]) if r["exploitation"] else ("-", 0)
        deal = rep.get("breakdown", {}).get(name, {}).get("advantage_when_agreed", 0.0)
        lines.append(
            f"  {name:12s} {rep['contested'].get(name, 0):<5d} {r['agreement_rate']:.2f}   {r['mean_advantage']:.2f}   {deal:.2f}"
            f"   {r['accepts_below_reservation']:4d}   {r['latency_ms_p50']:5.2f}  {r['latency_ms_p99']:5.2f}  {worst[0]} {worst[1]:.2f}"
        )
    if rep.get("breakdown"):
        names = list(next(iter(rep["breakdown"].values()))["agreement_by_opponent"])
        lines.append("  (adv: mean advantage, no deal counted as 0; deal: mean advantage over the deals made)")
        lines.append("  agreement rate by opponent:")
        lines.append("  " + " " * 12 + "".join(f" {n[:9]:>9s}" for n in names))
        for name, b in rep["breakdown"].items():
            lines.append(f"  {name:12s}" + "".join(f" {b['agreement_by_opponent'][n]:9.2f}" for n in names))
        lines.append(f"  least mean advantage of any play agreeing in {AGREEMENT_TARGET:.2f} of contested negotiations"
                     f" with no exploitation above {EXPLOITATION_LIMIT:.2f}: "
                     + ", ".join(f"{name} {b['least_advantage_at_target']:.2f}" for name, b in rep["breakdown"].items()))
    if rep.get("bound"):
        lines.append("  upper bound (any sane play after the opening, against each opponent's actual replies):")
        for name, b in rep["bound"].items():
            lines.append(f"  {name:12s} a deal above reservation was reachable in {b['reachable']:.2f} of contested"
                         f" negotiations (agreement there {b['agreement_when_reachable']:.2f}); with no"
                         f" exploitation above {EXPLOITATION_LIMIT:.2f}, at most {b['agreement_bound']:.2f};"
                         f" mean advantage at most {b['advantage_bound']:.2f}")
        names = list(next(iter(rep["bound"].values()))["bound_by_opponent"])
        lines.append("  most agreement possible by opponent, within that exploitation limit:")
        lines.append("  " + " " * 12 + "".join(f" {n[:9]:>9s}" for n in names))
        for name, b in rep["bound"].items():
            lines.append(f"  {name:12s}" + "".join(f" {b['bound_by_opponent'][n]:9.2f}" for n in names))
    return "\n".join(lines)
