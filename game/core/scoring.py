"""Scoring at the end of a game: ``outcome(state)`` with a reason, scores and the reasons why.

Used by the UI's end screen, the debrief, the simulator and the tests.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from game.core.scenario import AgendaCond, Role
from game.core.state import Epilogue, GameState, OutcomeReason
from game.core.view import PlayerView


class ScoreLine(BaseModel):
    model_config = ConfigDict(frozen=True)
    key: str  # catalogue key, e.g. "score.credibility"
    points: int
    detail: str = ""  # the first number or name the key formats in
    args: tuple[str, ...] = ()  # every argument the key formats in (detail first)

    def format_args(self) -> tuple[str, ...]:
        return self.args or (self.detail,)


class SeatScore(BaseModel):
    model_config = ConfigDict(frozen=True)
    role: Role
    name: str
    total: int
    lines: tuple[ScoreLine, ...]
    agenda: str
    agenda_met: bool
    ip_spent: int


class Outcome(BaseModel):
    """How a finished game ended. ``winners`` is empty on a shared loss. ``tied`` holds the
    seats that shared the best total when more than one did (the tie goes to the least IP
    spent, so ``winners`` is the part of ``tied`` that spent least); empty otherwise."""

    model_config = ConfigDict(frozen=True)
    reason: OutcomeReason
    round: int
    epilogue: Epilogue | None
    scores: tuple[SeatScore, ...]
    winners: tuple[Role, ...]
    tied: tuple[Role, ...] = ()

    def standings(self) -> tuple[SeatScore, ...]:
        """The seats from first to last: by total, equal totals by the least IP spent (the
        tie-break that decides the winner; play-test: a tie below the winner was listed the other
        way round), then in table order."""
        return tuple(sorted(self.scores, key=lambda x: (-x.total, x.ip_spent)))

    def score(self, role: Role) -> int:
        for s in self.scores:
            if s.role == role:
                return s.total
        raise KeyError(role)


def agenda_decided(table: GameState | PlayerView, agenda_id: str) -> bool | None:
    """Whether an agenda is settled before the end, from public facts only (so a seat's own
    view will do): True when it is met whatever happens (a count that never falls has reached
    its mark), False when it can no longer be met (the card was played, the track was reached),
    None while it is open (an end-of-game track, a Settlement, the Epilogue)."""
    if not agenda_id:
        return None
    a = table.scenario.agenda(agenda_id)
    if a.cond == AgendaCond.NEVER_PLAYED:
        return False if a.card in table.played else None
    if a.cond == AgendaCond.TRACK_NEVER_REACHED:
        return False if getattr(table.peaks, a.track or "E") >= a.value else None
    counts = {
        AgendaCond.TOKENS_RECEIVED: table.tokens_received,
        AgendaCond.FUND_SPENT: table.fund_spent,
        AgendaCond.REDIRECTED_TRANCHES: table.redirected_tranches,
        AgendaCond.INFRA_BUILT: len(table.built),
    }
    if a.cond in counts:
        return True if counts[a.cond] >= a.value else None
    return None


def agenda_met(state: GameState, agenda_id: str) -> bool:
    if not agenda_id:
        return False
    a = state.scenario.agenda(agenda_id)
    t = state.tracks
    if a.cond == AgendaCond.TRACK_AT_LEAST:
        return bool(getattr(t, a.track or "P") >= a.value)
    if a.cond == AgendaCond.TRACK_AT_MOST:
        return bool(getattr(t, a.track or "P") <= a.value)
    if a.cond == AgendaCond.TRACK_NEVER_REACHED:
        return bool(getattr(state.peaks, a.track or "E") < a.value)
    if a.cond == AgendaCond.SETTLEMENT:
        return state.outcome_reason == OutcomeReason.SETTLEMENT
    if a.cond == AgendaCond.TOKENS_RECEIVED:
        return state.tokens_received >= a.value
    if a.cond == AgendaCond.NEVER_PLAYED:
        return a.card not in state.played
    if a.cond == AgendaCond.FUND_SPENT:
        return state.fund_spent >= a.value
    if a.cond == AgendaCond.REDIRECTED_TRANCHES:
        return state.redirected_tranches >= a.value
    if a.cond == AgendaCond.INFRA_BUILT:
        return len(state.built) >= a.value
    if a.cond == AgendaCond.EPILOGUE_AGGRESSION:
        return bool(state.epilogue and state.epilogue.aggression)
    return False  # pragma: no cover


def _half(x: int, divisor: int) -> int:
    """Divide toward zero, so a negative score is not made worse by halving."""
    q = abs(x) // divisor
    return q if x >= 0 else -q


def score_lines(state: GameState | PlayerView, role: Role) -> list[ScoreLine]:
    """The running score of a role as it stands (before the Epilogue and halving); from a seat's
    own view for that seat (the Sanctioned Power's undetected defections are in its view only)."""
    sc = state.scenario
    s = sc.scoring
    t = state.tracks
    lines: list[ScoreLine] = []
    if role in (Role.H, Role.HP):
        lines.append(ScoreLine(key="score.credibility", points=t.C, detail=str(t.C)))
        lines.append(ScoreLine(key="score.peace", points=t.P, detail=str(t.P)))
        over = max(0, t.L - s.h_l_free)
        if over:
            lines.append(ScoreLine(key="score.legal_risk", points=-over, detail=str(t.L)))
    elif role == Role.S:
        got = state.tokens_received
        lines.append(ScoreLine(key="score.tokens_received", points=got * s.s_vp_per_token, detail=str(got)))
        if state.concession_vp:
            lines.append(ScoreLine(key="score.concession_costs", points=-state.concession_vp))
        if state.undetected_defections:
            lines.append(
                ScoreLine(
                    key="score.undetected_defections",
                    points=state.undetected_defections * s.s_vp_per_undetected_defection,
                    detail=str(state.undetected_defections),
                )
            )
    elif role == Role.A:
        lines.append(ScoreLine(key="score.peace_x2", points=s.a_p_mult * t.P, detail=str(t.P), args=(str(t.P), str(s.a_p_mult))))
        if state.fund_spent:
            lines.append(
                ScoreLine(  # "Fund spent 8", or "Fund spent 8 ÷ 2" when a scenario divides it
                    key="score.fund_spent" if s.a_fund_divisor == 1 else "score.fund_spent_div",
                    points=state.fund_spent // s.a_fund_divisor,
                    detail=str(state.fund_spent),
                    args=(str(state.fund_spent), str(s.a_fund_divisor)),
                )
            )
        if state.release_tranches:
            lines.append(
                ScoreLine(
                    key="score.release_tranches",
                    points=-state.release_tranches * s.a_release_tranche_penalty,
                    detail=str(state.release_tranches),
                )
            )
    elif role == Role.M:
        lines.append(ScoreLine(key="score.peace_x2", points=s.m_p_mult * t.P, detail=str(t.P), args=(str(t.P), str(s.m_p_mult))))
        if state.built:
            lines.append(
                ScoreLine(
                    key="score.infra_built",
                    points=s.m_vp_per_infra * len(state.built),
                    detail=str(len(state.built)),
                    args=(str(len(state.built)), str(s.m_vp_per_infra)),
                )
            )
        if state.outcome_reason == OutcomeReason.SETTLEMENT and state.settlement_round <= s.m_early_settlement_round:
            lines.append(ScoreLine(key="score.early_settlement", points=s.m_early_settlement_vp, detail=str(state.settlement_round)))
    elif role == Role.F:
        lines.append(ScoreLine(key="score.precedent_x2", points=s.f_g_mult * t.G, detail=str(t.G), args=(str(t.G), str(s.f_g_mult))))
        weak = max(0, s.f_c_pivot - t.C)
        if weak:
            lines.append(ScoreLine(key="score.weak_credibility", points=weak, detail=str(t.C)))
        if state.probe_vp:
            lines.append(ScoreLine(key="score.probes", points=state.probe_vp))
    return lines


def outcome(state: GameState) -> Outcome | None:
    """The result of a finished game, or None while it is still being played."""
    if state.outcome_reason is None:
        return None
    sc = state.scenario
    s = sc.scoring
    reason = state.outcome_reason
    ep = state.epilogue
    seats: list[SeatScore] = []
    for role in state.roles:
        if role in state.automated:
            continue
        lines = score_lines(state, role)
        agenda = state.agenda_of(role)
        met = agenda_met(state, agenda)
        if met:
            lines.append(ScoreLine(key="score.agenda", points=s.agenda_bonus, detail=agenda))
        if ep is not None:
            if ep.aggression:
                if role in (Role.H, Role.HP, Role.A, Role.M):
                    lines.append(ScoreLine(key="score.epilogue_aggression", points=-s.epilogue_loss_vp))
                elif role == Role.F:
                    lines.append(ScoreLine(key="score.epilogue_aggression", points=s.epilogue_f_gain_vp))
            elif role in (Role.H, Role.HP):
                lines.append(ScoreLine(key="score.epilogue_peace", points=s.epilogue_h_peace_vp))
        total = sum(x.points for x in lines)
        if reason in (OutcomeReason.TIMEOUT, OutcomeReason.COURT_COLLAPSE) and role != Role.F:
            halved = _half(total, s.timeout_divisor)
            lines.append(ScoreLine(key="score.no_settlement_half", points=halved - total))
            total = halved
        seats.append(
            SeatScore(
                role=role,
                name=state.name_of(role),
                total=total,
                lines=tuple(lines),
                agenda=agenda,
                agenda_met=met,
                ip_spent=state.ip_spent[state.idx(role)],
            )
        )
    winners: tuple[Role, ...] = ()
    tied: tuple[Role, ...] = ()
    if reason != OutcomeReason.SHARED_LOSS and seats:
        best = max(x.total for x in seats)
        top = [x for x in seats if x.total == best]
        least = min(x.ip_spent for x in top)
        winners = tuple(x.role for x in top if x.ip_spent == least)
        tied = tuple(x.role for x in top) if len(top) > 1 else ()
    return Outcome(reason=reason, round=state.round, epilogue=ep, scores=tuple(seats), winners=winners, tied=tied)
