"""The AI's utility model: what a motion moves, and what that is worth to a role.

Everything here is a pure function of a PlayerView (never a GameState) and the scenario's
numbers. A state is summarised as a row of features (tracks, token zones, the Fund, IP ...);
a motion's effect is a row of deltas; many candidate bundles are scored at once with numpy.

The value of a row to a role is that role's projected final score (the scenario's scoring
rules applied to a simple projection of the rest of the game: Peace drift, Escalation
risk, the chance of a Settlement, the Epilogue odds and the role's secret agenda). The
personality's leverage weight lambda scales the deterrence terms (the Epilogue for the
Custodian, Frontline and Chair, the aggressor's gain for the Watching Power) and, for the
Sanctioned Power, the value it puts on its concession cards. Reservation = the value of
the row with no deal; negotiations normalise values to [0, 1] over their bundles.

Used by ``game.ai.agent`` (decisions) and ``game.sim.tournament`` (the same utilities
measure advantage and reservation).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from game.core import (
    STILL_TO_VOTE,
    TRANCHE_MOTIONS,
    Ahead,
    Channel,
    MotionKind,
    Phase,
    PlayerView,
    Role,
    Terms,
    ahead_takes,
    round_end_drift,
    snapback_peace,
    void_given,
)
from game.core.scenario import AgendaCond, EventKind, EventSpec, InfraEffect, Scenario
from game.core.state import DealStatus

# feature columns
(P, C, L, G, E, RECV, PEND, PENDTR, CONC, FUND, SPENT, REL, RED, BUILT, VAULT, IP, SETTLE, MON,
 UNDET, PROBE, EPEAK, CHAIRIP, NF) = range(23)

LOSS_VP = -3.0  # what a shared loss is worth to anyone: everyone loses
KAPPA = 0.7  # Peace the table is expected to add per remaining round (a belief, not a rule)
KAPPA_END = 0.45  # the same, for the final score (diminishing returns late in the game)
SETTLE_PER_ROUND = 0.5  # weighing a Settlement: the chance each round still to come brings one (``_project``)
EVENT_E = 0.15  # mean Escalation per round from events (battlefield shock, cyber attack, thaw)
IP_VP = 0.6  # what the first IP is worth in VP; later IP is worth less (concave)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return cast(np.ndarray, 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30))))


@dataclass(frozen=True)
class Perspective:
    """Who is valuing: a role, its agenda ('' = averaged over the role's possible agendas)."""

    role: Role
    agenda: str
    lam: float = 1.0


def base_row(view: PlayerView, seat: Role) -> np.ndarray:
    """The feature row of the current state, with ``seat``'s IP in the IP column."""
    sc = view.scenario
    t = view.tracks
    x = np.zeros(NF)
    x[P], x[C], x[L], x[G], x[E] = t.P, t.C, t.L, t.G, t.E
    x[RECV] = view.released + view.returned
    pend_tr = sum(d.tranches for d in view.deals if d.status == DealStatus.ACTIVE and d.escrow_tokens > 0)
    x[PEND] = view.escrow
    x[PENDTR] = pend_tr
    x[CONC] = view.concession_vp
    x[FUND] = view.fund
    x[SPENT] = view.fund_spent
    x[REL] = view.release_tranches
    x[RED] = view.redirected_tranches
    x[BUILT] = len(view.built)
    x[VAULT] = view.vault
    x[IP] = view.ip_of(seat) if seat in view.roles else 0
    x[MON] = float(any(sc.infra(b).effect == InfraEffect.MONITORS for b in view.built))
    x[UNDET] = (view.undetected_defections or 0) if seat == Role.S else 0
    x[PROBE] = view.probe_vp
    x[EPEAK] = view.peaks.E
    x[CHAIRIP] = sum(sc.infra(b).chair_ip_per_round for b in view.built)
    return x


_CONC_INDEX: dict[int, tuple[Scenario, dict[str, int]]] = {}


def _conc_index(sc: Scenario) -> dict[str, int]:
    """Concession id -> position, cached per scenario object (scenarios are frozen)."""
    hit = _CONC_INDEX.get(id(sc))
    if hit is None or hit[0] is not sc:
        if len(_CONC_INDEX) > 64:
            _CONC_INDEX.clear()
        hit = (sc, {c.id: k for k, c in enumerate(sc.concessions)})
        _CONC_INDEX[id(sc)] = hit
    return hit[1]


NOTHING_AHEAD = Ahead()  # a motion with nothing on the table before it


def terms_delta(view: PlayerView, terms: Terms, ahead: Ahead = NOTHING_AHEAD) -> tuple[np.ndarray, int]:
    """What ``terms`` move if the motion passes: (delta row, index of the concession played or -1).
    Nothing (void) if the Vault, the Fund or the concession would not be there for it once the
    motions ``ahead`` of it have passed."""
    sc = view.scenario
    d = np.zeros(NF)
    k = terms.kind
    if k in TRANCHE_MOTIONS:
        if void_given(view, terms, ahead) is not None:
            return d, -1  # the Vault or the concession would not be there for it
        n = terms.tranches
        tok = n * sc.tranche
        ci = -1
        ch = Channel.REDIRECT
        if k == MotionKind.DEAL:
            assert terms.concession is not None and terms.channel is not None
            spec = sc.concession(terms.concession)
            d[P] += spec.p_gain
            d[CONC] += spec.cost_vp
            ci = _conc_index(sc)[terms.concession]
            ch = terms.channel
        cs = sc.channels[ch]
        d[P] += cs.P * n
        d[C] += cs.C * n
        d[L] += cs.L * n
        d[G] += cs.G * n
        d[E] += cs.E * n
        d[FUND] += cs.fund * n
        d[VAULT] -= tok
        if ch == Channel.RELEASE:
            d[RECV] += tok
            d[REL] += n
        elif ch == Channel.ESCROW:
            d[PEND] += tok
            d[PENDTR] += n
        else:
            d[RED] += n
        return d, ci
    if k == MotionKind.BUILD:
        assert terms.target is not None
        if void_given(view, terms, ahead) is not None:
            return d, -1  # the Fund would not be there for it
        spec_i = sc.infra(terms.target)
        d[FUND] -= spec_i.cost
        d[SPENT] += spec_i.cost
        d[BUILT] += 1
        d[P] += spec_i.P
        d[L] += spec_i.L
        d[E] += spec_i.E
        d[CHAIRIP] += spec_i.chair_ip_per_round
        if spec_i.effect == InfraEffect.MONITORS:
            d[MON] = 1
        return d, -1
    if k == MotionKind.SNAPBACK:
        assert terms.target is not None
        try:
            deal = view.deal(int(terms.target))
        except (KeyError, ValueError):
            return d, -1
        d[PEND] -= deal.escrow_tokens
        d[PENDTR] -= deal.tranches if deal.escrow_tokens else 0
        d[VAULT] += deal.escrow_tokens
        if deal.escrow_tokens and deal.status == DealStatus.ACTIVE:  # its concession is withdrawn
            d[P] -= snapback_peace(view.scenario, deal)
        return d, -1
    d[SETTLE] = 1
    return d, -1


@dataclass(frozen=True)
class Context:
    """The numbers of the moment that every valuation needs."""

    sc: Scenario
    round: int
    drift_steps: int  # drift steps still to come (this round's included before the event)
    rounds_left: int
    played: frozenset[int]  # concession indices already played
    horizon: int
    first_step_round: int  # the round of the first drift step still to come
    # Whether the Peace still to come is capped by what can still buy it (``peace_budget``).
    # Only a decision about a Settlement uses the cap (see ``context``); with it come what can
    # still buy Peace (public): the unplayed concessions as (tranches, Peace), best Peace per
    # tranche first; the unbuilt infrastructure that adds Peace as (cost, Peace), best first;
    # and the Peace the events and cards still to come are expected to add
    peace_cap: bool = False
    peace_conc: tuple[tuple[int, float], ...] = ()
    peace_infra: tuple[tuple[int, float], ...] = ()
    peace_other: float = 0.0
    # At the brink (``brink``): the rule's drift at this round's end would reach the shared loss.
    # The projection then takes that first step by the rule, not by its belief, with the Peace and
    # Escalation the motions still to vote would add (while motions are tabled) counted as passed
    brink: bool = False
    pending_p: float = 0.0
    pending_e: float = 0.0


@dataclass(frozen=True)
class Brink:
    """The round's end as the rule has it, from the public table (see ``brink``)."""

    at: bool  # the drift at this round's end reaches the shared loss
    pending_p: float  # the Peace the motions still to vote add if they pass (while tabling)
    pending_e: float  # ... and their Escalation
    e: int  # Escalation before the drift, with theirs
    e_after: int  # ... and after it
    counted: bool  # whether any motion on the table was counted


def brink(view: PlayerView) -> Brink:
    """Whether the drift at this round's end takes Escalation to the shared loss, by the rule.

    Play-test (twenty-fifth stop): at Peace 1 and Escalation 7 in round 3 every AI passed and
    the war widened. The projection's drift is a belief, +2.25 a round at Peace 4 where the rule
    stops drift, so a motion that lifted Peace to 4 seemed only to delay a loss it saw as
    certain; and it valued a move against the table as it stood, not counting a Weapons pullback
    already tabled. At the brink its first step follows the rule. While motions are being tabled
    (or bargained), the ones still to vote count as passed, except the one in bargaining, whose
    terms are what is weighed; a ballot weighs each motion itself. A Settlement still to vote
    would end the game before the drift. Self-play never reaches the brink from drift alone
    (its shared losses come from events), so the balance does not move (docs/BALANCE.md)."""
    sc = view.scenario
    r = sc.rules
    none = Brink(False, 0.0, 0.0, view.tracks.E, view.tracks.E, False)
    if view.phase in (Phase.EROSION, Phase.OVER) or view.round < r.drift_from_round:
        return none
    pp = pe = 0.0
    counted = False
    if view.phase in (Phase.PROPOSALS, Phase.BARGAIN):
        skip = view.bargain.motion_index if view.phase == Phase.BARGAIN and view.bargain is not None else -1
        for i, m in enumerate(view.motions):
            if m.status not in STILL_TO_VOTE or i == skip:
                continue
            if m.terms.kind == MotionKind.SETTLEMENT:
                return none
            d, _ = terms_delta(view, m.terms, ahead_takes(view, i))
            pp += float(d[P])
            pe += float(d[E])
            counted = counted or bool(d[P] or d[E])
    _, e, after = round_end(view, pp, pe)
    if after < r.e_loss:
        return none
    return Brink(True, pp, pe, e, after, counted)


def round_end(view: PlayerView, dp: float, de: float) -> tuple[int, int, int]:
    """The table as it stands with Peace ``dp`` and Escalation ``de`` added: (Peace, Escalation
    before this round's drift, and after it), by the rule (the round's event left out)."""
    p = int(min(10, view.tracks.P + dp))
    e = int(min(10, max(0, view.tracks.E + de)))
    return p, e, e + round_end_drift(view.scenario, view.round, p)


def context(view: PlayerView, horizon: int = 8, settlement: bool | None = None) -> Context:
    """The moment of ``view``. ``settlement`` says whether the decision is about a Settlement
    (None: whether ``view`` is bargaining over one).

    A decision about a Settlement, whether to agree to one or to wait, caps the Peace the
    rest of the game may still bring by what can still buy it (``peace_budget``): with the
    Vault and the Fund empty, Peace 8 is not going to become 10 by itself. Every other
    decision keeps the projection's steady expectation of Peace (``KAPPA`` a round); the
    balance rests on it (docs/BALANCE.md, twelfth and thirteenth stops)."""
    sc = view.scenario
    left = max(0, sc.rules.rounds - view.round)
    this_round = view.phase != Phase.EROSION  # this round's event and drift are still to come
    steps = left + (1 if this_round else 0)
    idx = _conc_index(sc)
    if settlement is None:
        b = view.bargain
        settlement = (view.phase == Phase.BARGAIN and b is not None
                      and view.motions[b.motion_index].terms.kind == MotionKind.SETTLEMENT)
    conc, infra, other = _peace_sources(view, min(steps, horizon)) if settlement else ((), (), 0.0)
    edge = brink(view)
    return Context(sc, view.round, min(steps, horizon), left, frozenset(idx[c] for c in view.played if c in idx), horizon,
                   view.round + (0 if this_round else 1), settlement, conc, infra, other,
                   edge.at, edge.pending_p, edge.pending_e)


def _event_p(ev: EventSpec) -> float:
    """The Peace an event adds when drawn (a humanitarian crisis counts as even odds)."""
    if ev.kind == EventKind.HUMANITARIAN:
        return (ev.p_gain + ev.p_loss) / 2
    return float(sum(f.delta for f in ev.effects if f.target == "track" and f.key == "P"))


def _peace_sources(view: PlayerView, draws: int) -> tuple[tuple[tuple[int, float], ...], tuple[tuple[int, float], ...], float]:
    """What can still buy Peace, from public information only (see Context)."""
    sc = view.scenario
    conc = sorted(((c.min_tranches, float(c.p_gain)) for c in sc.concessions if c.id not in view.played and c.p_gain > 0),
                  key=lambda t: -t[1] / max(1, t[0]))
    infra = sorted(((i.cost, float(i.P)) for i in sc.infrastructure if i.P > 0
                    for _ in range(max(0, i.copies - view.built.count(i.id)))), key=lambda t: -t[1] / max(1, t[0]))
    drawn = list(view.events_drawn)
    undrawn = []
    for e in sc.events:  # the deck holds each event once; what is drawn is public
        if e.id in drawn:
            drawn.remove(e.id)
        else:
            undrawn.append(_event_p(e))
    if not undrawn:  # a long scenario reshuffles the whole deck
        undrawn = [_event_p(e) for e in sc.events]
    other = 0.0
    if undrawn:
        other += max(0.0, sum(undrawn) / len(undrawn)) * min(draws, len(undrawn))
    if "guarantee" in sc.frontline_cards and Role.A in view.roles:
        holds = ("guarantee" in view.hand) if view.seat == Role.A else (
            view.hand_sizes[view.roles.index(Role.A)] / max(1, len(sc.frontline_cards)))
        other += sc.rules.guarantee_p * float(holds)
    return tuple(conc), tuple(infra), other


def peace_budget(X: np.ndarray, ctx: Context) -> np.ndarray:
    """The most Peace each row can still gain: its Vault's tranches spent on the best
    concessions left (plus any Peace the channels give), its Fund on the infrastructure left
    that adds Peace, and what the events and cards still to come are expected to add."""
    sc = ctx.sc
    n = len(X)
    out = np.full(n, ctx.peace_other)
    tr = np.floor(X[:, VAULT] / max(1, sc.tranche))
    chan_p = max(0, max((c.P for c in sc.channels.values()), default=0))
    out += chan_p * tr
    left = tr.copy()
    for need, gain in ctx.peace_conc:
        take = left >= need
        out += np.where(take, gain, 0.0)
        left = np.where(take, left - need, left)
    fund = X[:, FUND].copy()
    for cost, gain in ctx.peace_infra:
        take = fund >= cost
        out += np.where(take, gain, 0.0)
        fund = np.where(take, fund - cost, fund)
    return out


def _agenda_prob(sc: Scenario, agenda: str, X: np.ndarray, ci: np.ndarray, ctx: Context,
                 proj: dict[str, np.ndarray]) -> np.ndarray:
    a = sc.agenda(agenda)
    ends = {"P": proj["P_end"], "C": X[:, C], "L": X[:, L], "G": proj["G_end"], "E": X[:, E]}
    if a.cond == AgendaCond.TRACK_AT_LEAST:
        return sigmoid((ends[a.track or "P"] - (a.value - 0.5)) / 0.4)
    if a.cond == AgendaCond.TRACK_AT_MOST:
        return sigmoid(((a.value + 0.5) - ends[a.track or "L"]) / 0.4)
    if a.cond == AgendaCond.TRACK_NEVER_REACHED:
        peak = np.maximum(X[:, EPEAK], X[:, E]) if (a.track or "E") == "E" else X[:, E]
        emax = proj["E_max"] if (a.track or "E") == "E" else ends[a.track or "E"]
        return np.where(peak >= a.value, 0.0, sigmoid(((a.value - 0.5) - emax) / 0.6))
    if a.cond == AgendaCond.SETTLEMENT:
        return proj["p_settle"]
    if a.cond == AgendaCond.TOKENS_RECEIVED:
        return sigmoid((X[:, RECV] + proj["pend"] - (a.value - 0.5)) / 1.5)
    if a.cond == AgendaCond.NEVER_PLAYED:
        k = _conc_index(sc).get(a.card or "", -2)
        if k in ctx.played:
            return np.zeros(len(X))
        return np.where(ci == k, 0.0, 1.0)
    if a.cond == AgendaCond.FUND_SPENT:
        return sigmoid((X[:, SPENT] + 0.6 * X[:, FUND] - (a.value - 0.5)) / 2.0)
    if a.cond == AgendaCond.REDIRECTED_TRANCHES:
        return sigmoid((X[:, RED] - (a.value - 0.5)) / 0.5)
    if a.cond == AgendaCond.INFRA_BUILT:
        return sigmoid((X[:, BUILT] + 0.1 * X[:, FUND] - (a.value - 0.5)) / 0.7)
    if a.cond == AgendaCond.EPILOGUE_AGGRESSION:
        return proj["q"]
    return np.zeros(len(X))  # pragma: no cover


PROJECT_MEMO_SIZE = 1024  # projections remembered (one decision values the same rows for
# several perspectives and agendas: in a tournament 19,518 projections were of 659 distinct rows)
_project_memo: OrderedDict[tuple[object, ...], tuple[Scenario, dict[str, np.ndarray]]] = OrderedDict()


def project(X: np.ndarray, ctx: Context) -> dict[str, np.ndarray]:
    """Project the rest of the game for every row: Escalation path, Settlement and loss odds.

    A pure function of the rows and the moment, so it is remembered (least recently used
    first out); the arrays returned are read-only and shared between callers."""
    key = (id(ctx.sc), ctx.round, ctx.drift_steps, ctx.rounds_left, ctx.first_step_round, ctx.peace_cap,
           ctx.brink, ctx.pending_p, ctx.pending_e, ctx.peace_conc, ctx.peace_infra, ctx.peace_other, X.dtype.str, X.shape, X.tobytes())
    hit = _project_memo.get(key)
    if hit is not None and hit[0] is ctx.sc:
        _project_memo.move_to_end(key)
        return hit[1]
    out = _project(X, ctx)
    for arr in out.values():
        arr.flags.writeable = False
    _project_memo[key] = (ctx.sc, out)
    if len(_project_memo) > PROJECT_MEMO_SIZE:
        _project_memo.popitem(last=False)
    return out


def _project(X: np.ndarray, ctx: Context) -> dict[str, np.ndarray]:
    sc = ctx.sc
    r = sc.rules
    min_p = sc.motions[MotionKind.SETTLEMENT].min_p
    settled = X[:, SETTLE] > 0.5
    Pk = X[:, P].copy()
    # the most Peace still buyable (only for a decision about a Settlement, see Context)
    p_top = np.minimum(10.0, X[:, P] + peace_budget(X, ctx)) if ctx.peace_cap else np.full(len(X), 10.0)
    Ek = X[:, E].copy()
    Emax = Ek.copy()
    alive = np.where(settled, 0.0, 1.0)
    lo, hi = r.drift_low_p, r.drift_high_p
    span = max(1, hi - lo)
    for k in range(ctx.drift_steps):
        # drift: +low_e at or below low_p, high_e at or above high_p, linear between (a belief);
        # none before the scenario's drift_from_round, as in the rule. At the brink the first
        # step is the rule's, and the motions still to vote add their Peace and Escalation
        on = float(ctx.first_step_round + k >= r.drift_from_round)
        frac = np.clip((Pk + ctx.pending_p - lo) / span, 0.0, 1.0)
        drift = r.drift_low_e * (1 - frac) + r.drift_high_e * frac
        if k == 0 and ctx.brink:
            by_p = np.array([round_end_drift(sc, ctx.round, p) for p in range(11)], dtype=float)
            drift = by_p[np.clip(np.floor(Pk + ctx.pending_p + 1e-9), 0, 10).astype(int)] + ctx.pending_e
        Ek = Ek + (on * drift + EVENT_E) * alive
        Emax = np.maximum(Emax, Ek)
        Pk = np.minimum(p_top, Pk + KAPPA * alive)
        alive = alive * np.where(Pk >= min_p, 0.35, 1.0)
    now_lost = X[:, E] >= r.e_loss
    p_loss = np.where(now_lost, 1.0, np.where(settled, 0.0, sigmoid((Emax - (r.e_loss - 0.6)) / 0.6)))
    now_court = X[:, L] >= r.l_court
    p_court = np.where(now_court, 1.0, np.where(settled, 0.0, sigmoid((X[:, L] + 0.25 * ctx.rounds_left - (r.l_court - 0.5)) / 0.7)))
    steps = max(0, ctx.drift_steps - 1)
    p_reach = np.minimum(p_top, X[:, P] + KAPPA * steps)
    # weighing a Settlement, one later needs a round to come in which one is tabled and passes:
    # even odds each round (play-test: a Frontline State voted three Settlements down, each
    # time "I expect a Settlement even without this one (86% likely)", as the rounds ran out)
    chances = (1 - (1 - SETTLE_PER_ROUND) ** steps) if ctx.peace_cap else 1.0
    p_settle = np.where(settled, 1.0, 0.9 * chances * sigmoid((p_reach - (min_p - 0.5)) / 0.8))
    p_end = np.where(settled, X[:, P], np.minimum(p_top, X[:, P] + KAPPA_END * ctx.rounds_left))
    g_pay = sc.escrow.g_at_payout * (1 - X[:, MON]) + sc.escrow.g_at_payout_with_monitors * X[:, MON]
    # escrow still pending at a Settlement is paid out with its Precedent (unless the scenario
    # says a Settlement leaves it unpaid); at any other end it never pays out
    pend_paid = np.ones(len(X)) if sc.escrow.pays_at_settlement else np.where(settled, 0.0, 1.0)
    got_any = (X[:, RECV] + X[:, PEND] * pend_paid) > 0
    g_end = X[:, G] + X[:, PENDTR] * g_pay * pend_paid + np.where(got_any, sc.rules.settlement_g_if_received, 0) * p_settle
    g_end = np.clip(g_end, 0, 10)
    ep = sc.epilogue
    q = np.clip(ep.per_g * g_end + ep.per_c_below * (ep.c_pivot - X[:, C]), 0, ep.max_odds) / 100.0
    # expected settlement round for the Chair's early-settlement bonus
    need = np.maximum(0.0, min_p - X[:, P])
    est_round = ctx.round + np.ceil(need / KAPPA)
    early = np.where(settled, float(ctx.round <= sc.scoring.m_early_settlement_round),
                     p_settle * (est_round <= sc.scoring.m_early_settlement_round))
    return {"p_loss": p_loss, "p_court": p_court * (1 - p_loss), "p_settle": p_settle, "P_end": p_end,
            "pend": X[:, PEND] * pend_paid,
            "G_end": g_end, "q": q, "E_max": Emax, "early": early}


def _ip_value(ip: np.ndarray) -> np.ndarray:
    return cast(np.ndarray, IP_VP * 4.0 * (1.0 - np.exp(-np.maximum(ip, 0) / 4.0)))


def role_scores(persp: Perspective, X: np.ndarray, ci: np.ndarray, ctx: Context,
                proj: dict[str, np.ndarray]) -> np.ndarray:
    """The role's final score (without agenda) if the game ended in a Settlement."""
    sc = ctx.sc
    s = sc.scoring
    lam = persp.lam
    role = persp.role
    q = proj["q"]
    p_end = np.maximum(proj["P_end"], np.where(X[:, SETTLE] > 0.5, X[:, P], 0))
    if role in (Role.H, Role.HP):
        return cast(np.ndarray, X[:, C] + p_end - np.maximum(0, X[:, L] - s.h_l_free) + lam * ((1 - q) * s.epilogue_h_peace_vp - q * s.epilogue_loss_vp))
    if role == Role.S:
        return cast(np.ndarray, (X[:, RECV] + proj["pend"]) * s.s_vp_per_token + X[:, UNDET] * s.s_vp_per_undetected_defection - lam * X[:, CONC])
    if role == Role.A:
        spent = X[:, SPENT] + 0.7 * X[:, FUND] * (1 - X[:, SETTLE])
        return cast(np.ndarray, s.a_p_mult * p_end + spent / s.a_fund_divisor - s.a_release_tranche_penalty * X[:, REL] - lam * q * s.epilogue_loss_vp)
    if role == Role.M:
        return cast(np.ndarray, s.m_p_mult * p_end + s.m_vp_per_infra * X[:, BUILT] + s.m_early_settlement_vp * proj["early"] - lam * q * s.epilogue_loss_vp)
    # the Watching Power
    return cast(np.ndarray, s.f_g_mult * proj["G_end"] + np.maximum(0, s.f_c_pivot - X[:, C]) + X[:, PROBE] + lam * q * s.epilogue_f_gain_vp)


def values(persp: Perspective, X: np.ndarray, ci: np.ndarray, ctx: Context) -> np.ndarray:
    """Expected final VP of every row for ``persp`` (IP included at its marginal worth)."""
    return values_by((persp,), X, ci, ctx)[0]


def values_by(persps: Sequence[Perspective], X: np.ndarray, ci: np.ndarray, ctx: Context) -> list[np.ndarray]:
    """``values`` of the same rows for each perspective (e.g. one seat under each agenda it
    may hold): the projection, and the role's score and IP worth per role, worked out once.
    Every figure is worked out row by row, so a row's value does not depend on the rows
    valued beside it."""
    sc = ctx.sc
    proj = project(X, ctx)
    scores: dict[tuple[Role, float], np.ndarray] = {}
    ip_worth: dict[Role, np.ndarray] = {}
    out = []
    for persp in persps:
        key = (persp.role, persp.lam)
        if key not in scores:
            scores[key] = role_scores(persp, X, ci, ctx, proj)
        base = scores[key]
        agendas = [persp.agenda] if persp.agenda else [a.id for a in sc.agendas if a.role == persp.role]
        if agendas:
            bonus = sum(_agenda_prob(sc, a, X, ci, ctx, proj) for a in agendas) / len(agendas)
            base = base + sc.scoring.agenda_bonus * bonus
        f_full = persp.role == Role.F
        half = base if f_full else base / sc.scoring.timeout_divisor
        ps = proj["p_settle"]
        normal = ps * base + (1 - ps) * half
        court = half
        if persp.role == Role.S:
            court = (base + (X[:, VAULT]) * sc.scoring.s_vp_per_token) / (1 if f_full else sc.scoring.timeout_divisor)
        elif persp.role in (Role.H, Role.HP):
            court = half + sc.rules.court_c / sc.scoring.timeout_divisor
        pl, pc = proj["p_loss"], proj["p_court"]
        v = pl * LOSS_VP + pc * court + (1 - pl - pc) * normal
        if persp.role not in ip_worth:
            ip_worth[persp.role] = _ip_value(ip_effective(persp, X, ctx))
        out.append(cast(np.ndarray, v + ip_worth[persp.role]))
    return out


def ip_effective(persp: Perspective, X: np.ndarray, ctx: Context) -> np.ndarray:
    """The IP a row leaves the role (the Chair counts its Secretariat income to come)."""
    return X[:, IP] + (X[:, CHAIRIP] * ctx.rounds_left if persp.role == Role.M else 0)


def ip_change_value(ip: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """What gaining ``delta`` IP on top of ``ip`` is worth (values() is additive in IP)."""
    return cast(np.ndarray, _ip_value(ip + delta) - _ip_value(ip))


def value_of(persp: Perspective, x: np.ndarray, ctx: Context, ci: int = -1) -> float:
    return float(values(persp, x[None, :], np.array([ci]), ctx)[0])
