"""The game state: frozen pydantic models, JSON round-trippable, carrying its own seeded RNG.

The engine (``game.core.engine``) builds new states with ``model_copy(update=...)``; nothing
mutates a state in place. Tuples, not lists, inside the models.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from game.core.scenario import Channel, MotionKind, Role, Scenario


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


M = TypeVar("M", bound=BaseModel)


def fast_construct(cls: type[M], values: dict[str, Any]) -> M:
    """Build a model from already-valid values without validation or default handling.

    The engine and ``observe`` make thousands of states a second from values that come from
    validated states; ``values`` must name every field.
    """
    m = cls.__new__(cls)
    object.__setattr__(m, "__dict__", values)
    object.__setattr__(m, "__pydantic_fields_set__", set(values))
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", None)
    return m


class Controller(StrEnum):
    HUMAN = "human"
    AI = "ai"


SEAT_NAME_MAX = 40  # a seat's name; a scenario's role name may be longer and is cut to this


class SeatConfig(_Frozen):
    """Who sits in a seat. The core ignores the controller; UI and saves use it."""

    role: Role
    name: str = Field(min_length=1, max_length=SEAT_NAME_MAX)
    controller: Controller = Controller.AI
    personality: str = "pragmatist"
    difficulty: str = "normal"


class Phase(StrEnum):
    AGENDA = "agenda"  # the Chair picks who proposes first
    PROPOSALS = "proposals"
    BARGAIN = "bargain"
    CHAIR = "chair"  # the Chair may switch one deal's channel
    VOTE = "vote"
    COMPLIANCE = "compliance"
    REIMPOSE = "reimpose"
    EROSION = "erosion"
    OVER = "over"


class Tracks(_Frozen):
    P: int
    C: int
    L: int
    G: int
    E: int


class Terms(_Frozen):
    """The negotiable content of a motion."""

    # its hash, worked out once (the AI looks terms up in its memos millions of times a
    # tournament): a slot, so not a field, not saved and not compared; a copy starts without
    __slots__ = ("_hash",)
    if TYPE_CHECKING:
        _hash: int

    kind: MotionKind
    concession: str | None = None
    channel: Channel | None = None
    tranches: int = 0
    target: str | None = None  # infrastructure id (build) or deal id (snapback)

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            h = hash((self.kind, self.concession, self.channel, self.tranches, self.target))
            object.__setattr__(self, "_hash", h)
            return h


class MotionStatus(StrEnum):
    TABLED = "tabled"
    AGREED = "agreed"
    WALKED = "walked"
    PASSED = "passed"
    FAILED = "failed"
    VOID = "void"  # could not be carried out when it passed (e.g. vault emptied)


class Motion(_Frozen):
    id: int
    round: int
    proposer: Role
    respondent: Role | None
    terms: Terms
    status: MotionStatus = MotionStatus.TABLED
    side_payment: int = 0  # IP paid by proposer to respondent on agreement (negative: the reverse)
    promised: tuple[Role, ...] = ()  # seats that agreed (a non-binding promise to vote yes)
    switched: bool = False

    def binds(self, role: Role) -> bool:
        """Whether ``role`` promised a yes on this motion that still holds: a promise holds the
        terms it was made on, so after the Chair's switch a No breaks nothing."""
        return role in self.promised and not self.switched


class Offer(_Frozen):
    """The offer currently on the table in bargaining: from ``by`` to the other party."""

    by: Role
    terms: Terms
    pay: int = 0  # IP that ``by`` pays the other party on acceptance (negative: asks for)


class Bargain(_Frozen):
    motion_index: int
    to_move: Role
    offer: Offer
    exchanges: int = 0


class DealStatus(StrEnum):
    ACTIVE = "active"
    PAID = "paid"
    COMPLETED = "completed"
    SNAPPED = "snapped"
    BROKEN = "broken"


class Deal(_Frozen):
    id: int
    round: int
    motion_id: int
    concession: str
    channel: Channel
    tranches: int
    escrow_tokens: int = 0
    streak: int = 0
    required: int = 2
    status: DealStatus = DealStatus.ACTIVE
    phased: bool = False
    # the Peace its concession added when it passed (less than the card's value at the top of
    # the track): what a Snapback takes back; None in games saved before it was kept
    peace: int | None = None


class LogEntry(_Frozen):
    """One line of the game log: a catalogue key with arguments.

    ``to`` empty means public; otherwise only the listed seats see the entry (until the
    game is over, when everything is revealed).
    """

    seq: int  # position in the whole log (public and private lines together)
    round: int
    key: str
    args: tuple[str, ...] = ()
    to: tuple[Role, ...] = ()


class RoundRecord(_Frozen):
    """Public figures at the end of a round, for charts and the debrief."""

    round: int
    tracks: Tracks
    vault: int
    escrow: int
    released: int
    redirected: int
    returned: int
    fund: int
    ip: tuple[int, ...]


class OutcomeReason(StrEnum):
    SETTLEMENT = "settlement"
    TIMEOUT = "timeout"
    SHARED_LOSS = "shared_loss"
    COURT_COLLAPSE = "court_collapse"


class Epilogue(_Frozen):
    odds: int
    roll: int
    aggression: bool


class TableReads:
    """Read helpers shared by GameState and PlayerView, so renderers and AIs can use either."""

    if TYPE_CHECKING:  # the fields both models declare
        roles: tuple[Role, ...]
        automated: tuple[Role, ...]
        seats: tuple[SeatConfig, ...]
        scenario: Scenario
        ip: tuple[int, ...]
        phase: Phase
        released: int
        returned: int
        deals: tuple[Deal, ...]

    def idx(self, role: Role) -> int:
        return self.roles.index(role)

    def has(self, role: Role) -> bool:
        return role in self.roles

    def plays(self, role: Role) -> bool:
        """True for a role that is a real seat (human or AI), not run by the rules."""
        return role in self.roles and role not in self.automated

    def ip_of(self, role: Role) -> int:
        return self.ip[self.roles.index(role)]

    def seat_config(self, role: Role) -> SeatConfig | None:
        for s in self.seats:
            if s.role == role:
                return s
        return None

    def name_of(self, role: Role) -> str:
        s = self.seat_config(role)
        return s.name if s else self.scenario.roles[role].name

    @property
    def is_over(self) -> bool:
        return self.phase == Phase.OVER

    @property
    def tokens_received(self) -> int:
        return self.released + self.returned

    def deal(self, deal_id: int) -> Deal:
        for d in self.deals:
            if d.id == deal_id:
                return d
        raise KeyError(deal_id)

    def voters(self) -> tuple[Role, ...]:
        """Roles that cast votes: every playing seat except the Watching Power."""
        return tuple(r for r in self.roles if r != Role.F and r not in self.automated)


class GameState(_Frozen, TableReads):
    """Everything about one game. Hidden parts are stripped by ``observe``."""

    scenario: Scenario
    seats: tuple[SeatConfig, ...]
    roles: tuple[Role, ...]  # every role in play, in table order, including automated ones
    automated: tuple[Role, ...]  # roles run by the rules (M at 3 seats, F at 3-4 seats)
    seed: int
    rng: int  # splitmix64 state
    round: int = 1
    phase: Phase = Phase.AGENDA
    to_move: Role | None = None
    tracks: Tracks
    peaks: Tracks  # the highest value each track has reached
    ip: tuple[int, ...]  # per role, in ``roles`` order
    ip_spent: tuple[int, ...]
    vault: int
    released: int = 0
    redirected: int = 0
    returned: int = 0
    fund: int = 0
    fund_spent: int = 0
    hands: tuple[tuple[str, ...], ...]  # per role: concession ids (S), frontline cards (A)
    played: tuple[str, ...] = ()  # concession ids played, in order
    agendas: tuple[str, ...]  # per role: agenda id ("" if none)
    infra_deck: tuple[str, ...]
    infra_row: tuple[str, ...]
    built: tuple[str, ...] = ()
    event_deck: tuple[str, ...]
    events_drawn: tuple[str, ...] = ()
    asset_ban_round: int = 0
    # proposals
    order: tuple[Role, ...] = ()
    order_index: int = 0
    motions: tuple[Motion, ...] = ()
    bargain: Bargain | None = None
    chair_switched: bool = False
    # votes (hidden until all are in)
    ballots: tuple[tuple[Role, str], ...] = ()
    votes_revealed: tuple[tuple[Role, str], ...] = ()  # the last resolved ballots, public
    last_motions: tuple[Motion, ...] = ()  # the motions of the last vote, as resolved
    probed: bool = False  # the Watching Power probed this round
    # compliance
    pending_compliance: tuple[int, ...] = ()  # deal ids awaiting S's choice this round
    reimpose_queue: tuple[int, ...] = ()
    deals: tuple[Deal, ...] = ()
    # scoring ledger
    concession_vp: int = 0
    defections: int = 0
    undetected_defections: int = 0
    detected_defections: int = 0
    secret_defections: tuple[tuple[int, int], ...] = ()  # (round, deal id), hidden from others
    release_tranches: int = 0
    redirected_tranches: int = 0
    probe_vp: int = 0
    settlement_round: int = 0
    broken_promises: tuple[tuple[int, Role], ...] = ()  # (motion id, seat)
    history: tuple[RoundRecord, ...] = ()
    log: tuple[LogEntry, ...] = ()  # public lines
    private_log: tuple[LogEntry, ...] = ()  # lines only some seats see until the game is over
    actions: tuple[str, ...] = ()  # the action log, as text
    outcome_reason: OutcomeReason | None = None
    epilogue: Epilogue | None = None

    # ---- helpers (pure reads; the shared ones come from TableReads) ----
    def hand(self, role: Role) -> tuple[str, ...]:
        return self.hands[self.roles.index(role)]

    def seat(self, role: Role) -> SeatConfig | None:
        return self.seat_config(role)

    def agenda_of(self, role: Role) -> str:
        return self.agendas[self.roles.index(role)]

    @property
    def escrow(self) -> int:
        return sum(d.escrow_tokens for d in self.deals)

    def token_total(self) -> int:
        return self.vault + self.escrow + self.released + self.redirected + self.returned
