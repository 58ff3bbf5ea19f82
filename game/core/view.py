"""What one seat may see: ``observe(state, seat) -> PlayerView``.

Hidden from a seat until the game is over: other seats' agendas and hands (their sizes are
public), sealed ballots not yet revealed, the Sanctioned Power's undetected defections, the
random state and seed, the order of the event and infrastructure decks, private log lines and
the raw action log. The UI draws a PlayerView; AIs decide from one.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from game.core.scenario import Role, Scenario
from game.core.state import (
    Bargain,
    Deal,
    Epilogue,
    GameState,
    LogEntry,
    Motion,
    OutcomeReason,
    Phase,
    RoundRecord,
    SeatConfig,
    TableReads,
    Tracks,
    fast_construct,
)


class PlayerView(BaseModel, TableReads):
    model_config = ConfigDict(frozen=True, extra="forbid")

    seat: Role | None  # None: the public (spectator / projector) view
    scenario: Scenario
    seats: tuple[SeatConfig, ...]
    roles: tuple[Role, ...]
    automated: tuple[Role, ...]
    round: int
    phase: Phase
    to_move: Role | None
    tracks: Tracks
    peaks: Tracks
    ip: tuple[int, ...]
    ip_spent: tuple[int, ...]
    vault: int
    escrow: int
    released: int
    redirected: int
    returned: int
    fund: int
    fund_spent: int
    hand: tuple[str, ...]
    hand_sizes: tuple[int, ...]
    played: tuple[str, ...]
    agenda: str
    all_agendas: tuple[str, ...]  # empty until the game is over
    infra_row: tuple[str, ...]
    infra_deck_size: int
    built: tuple[str, ...]
    events_drawn: tuple[str, ...]
    event_deck_size: int
    asset_ban_round: int
    order: tuple[Role, ...]
    order_index: int
    motions: tuple[Motion, ...]
    bargain: Bargain | None
    chair_switched: bool
    probed: bool
    voted: tuple[Role, ...]
    own_ballot: str
    votes_revealed: tuple[tuple[Role, str], ...]
    last_motions: tuple[Motion, ...]
    pending_compliance: tuple[int, ...]
    reimpose_queue: tuple[int, ...]
    deals: tuple[Deal, ...]
    concession_vp: int
    detected_defections: int
    undetected_defections: int | None  # None: hidden from this seat
    secret_defections: tuple[tuple[int, int], ...]
    release_tranches: int
    redirected_tranches: int
    probe_vp: int
    settlement_round: int
    broken_promises: tuple[tuple[int, Role], ...]
    history: tuple[RoundRecord, ...]
    log: tuple[LogEntry, ...]  # public lines
    private_log: tuple[LogEntry, ...]  # this seat's own private lines (all, once the game is over)
    outcome_reason: OutcomeReason | None
    epilogue: Epilogue | None

    # idx, ip_of, plays, name_of, deal, is_over, tokens_received ... come from TableReads
    @property
    def me(self) -> Role:
        """The seat whose view this is (a seat's view, as every agent gets; not the public one)."""
        if self.seat is None:
            raise ValueError("the public view belongs to no seat")
        return self.seat

    def concessions_left(self) -> tuple[str, ...]:
        """The Sanctioned Power's unplayed concessions: public, since every play is shown."""
        return tuple(c.id for c in self.scenario.concessions if c.id not in self.played)

    def full_log(self) -> tuple[LogEntry, ...]:
        """Public and own private lines, in the order they happened."""
        return tuple(sorted(self.log + self.private_log, key=lambda e: e.seq))


def observe(state: GameState, seat: Role) -> PlayerView:
    """The state as ``seat`` may see it (everything, once the game is over)."""
    return _view(state, seat)


def observe_public(state: GameState) -> PlayerView:
    """What anyone at the table may see: no seat's hand, agenda, ballot or private line.

    Used for spectators, the projector, replays and the table while no human seat is to act.
    Once the game is over everything is public.
    """
    return _view(state, None)


def _view(state: GameState, seat: Role | None) -> PlayerView:
    over = state.phase == Phase.OVER
    sees_s_secrets = over or seat == Role.S
    own_ballot = next((b for r, b in state.ballots if r == seat), "")
    if over:
        private = state.private_log
    elif seat is None:
        private = ()
    else:
        private = tuple(e for e in state.private_log if seat in e.to)
    hand = state.hands[state.roles.index(seat)] if seat is not None else ()
    agenda = state.agendas[state.roles.index(seat)] if seat is not None else ""
    # model_construct: every value comes from a validated state, so skip re-validation
    return fast_construct(PlayerView, dict(
        seat=seat,
        scenario=state.scenario,
        seats=state.seats,
        roles=state.roles,
        automated=state.automated,
        round=state.round,
        phase=state.phase,
        to_move=state.to_move,
        tracks=state.tracks,
        peaks=state.peaks,
        ip=state.ip,
        ip_spent=state.ip_spent,
        vault=state.vault,
        escrow=state.escrow,
        released=state.released,
        redirected=state.redirected,
        returned=state.returned,
        fund=state.fund,
        fund_spent=state.fund_spent,
        hand=hand,
        hand_sizes=tuple(len(h) for h in state.hands),
        played=state.played,
        agenda=agenda,
        all_agendas=state.agendas if over else (),
        infra_row=state.infra_row,
        infra_deck_size=len(state.infra_deck),
        built=state.built,
        events_drawn=state.events_drawn,
        event_deck_size=len(state.event_deck),
        asset_ban_round=state.asset_ban_round,
        order=state.order,
        order_index=state.order_index,
        motions=state.motions,
        bargain=state.bargain,
        chair_switched=state.chair_switched,
        probed=state.probed,
        voted=tuple(r for r, _ in state.ballots),
        own_ballot=own_ballot,
        votes_revealed=state.votes_revealed,
        last_motions=state.last_motions,
        pending_compliance=state.pending_compliance,
        reimpose_queue=state.reimpose_queue,
        deals=state.deals,
        concession_vp=state.concession_vp,
        detected_defections=state.detected_defections,
        undetected_defections=state.undetected_defections if sees_s_secrets else None,
        secret_defections=state.secret_defections if sees_s_secrets else (),
        release_tranches=state.release_tranches,
        redirected_tranches=state.redirected_tranches,
        probe_vp=state.probe_vp,
        settlement_round=state.settlement_round,
        broken_promises=state.broken_promises,
        history=state.history,
        log=state.log,
        private_log=private,
        outcome_reason=state.outcome_reason,
        epilogue=state.epilogue,
    ))
