"""One game being played in the UI: the state, the AI seats, whose view is shown, and pacing.

No rules here. Humans' choices arrive as Actions (built by scenes from ``legal_actions``); AI seats
decide through ``game.ai.make_agent(...).decide(view, legal)`` on their own PlayerView. The
session decides which view the renderers may see: the seat at the screen after a curtain, or
a public view (every secret stripped) while an AI acts at a hot-seat table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from game.core import (
    Action,
    ActionParseError,
    Controller,
    GameState,
    IllegalActionError,
    Phase,
    PlayerView,
    Role,
    default_action,
    legal_actions,
    observe,
    observe_public,
)
from game.core.state import LogEntry
from game.ui import saves

if TYPE_CHECKING:
    from game.ai.base import BallotReason

# Verbs whose AI explanation may be shown to everyone: the action itself is public. Ballots and
# compliance are sealed, so their reasons would leak the choice.
PUBLIC_REASON_VERBS = frozenset(
    {"agenda", "propose", "pass", "play", "probe", "gift", "accept", "walk", "counter", "switch",
     "reimpose", "lookaway", "hold", "letgo"}
)
# Changes that the whole table looks at: after a hot-seat human's decision they are shown on
# the public view, never over that seat's private one.
SHARED_CHANGES = frozenset({"event", "votes", "round", "over"})


def public_view(state: GameState) -> PlayerView:
    """What anyone at the table may see (the core's ``observe_public``)."""
    return observe_public(state)


def is_public(view: PlayerView) -> bool:
    """True for a view that carries no seat's secrets (see ``public_view``)."""
    return view.phase == Phase.OVER or (
        not view.hand and not view.agenda and not view.private_log and not view.own_ballot
        and view.undetected_defections is None
    )


@dataclass
class Change:
    """Something the table should show or sound after an action."""

    kind: str  # event | votes | over | round | error | tokens | answer
    data: tuple[str, ...] = ()
    before: GameState | None = None  # a card (votes, event): the game just before it was drawn


class Said(NamedTuple):
    """An AI's last public sentence, and the motion it was about (None: no motion)."""

    action: Action
    reason: str
    motion: int | None = None


@dataclass
class Reason:
    seq: int  # shown after the log line with this sequence number
    role: Role
    text: str
    action: Action | None = None  # what it did, when the sentence is about a motion
    motion: int | None = None  # ... and that motion's id


@dataclass
class GameSession:
    state: GameState
    timer_limit: float = 0.0  # seconds per human decision; 0 = no timer
    viewer: Role | None = None
    # at a hot-seat table, the human who took the screen at the curtain and still has it: only
    # AI delegations have moved since, with nothing shown to the whole table, so when that seat
    # is to move again it goes on without another curtain (play-test: Space once more at every
    # exchange of a negotiation with an AI)
    holder: Role | None = None
    reasons: list[Reason] = field(default_factory=list)
    # each AI's latest sentence about each motion: its words on a motion it tabled stay with that
    # motion after it has spoken about another one (or passed, played a card ...) in between
    said_on: dict[tuple[Role, int], Said] = field(default_factory=dict)
    # AI answers to a human's offer already shown in a message (the AI, the motion id): the
    # negotiation dialog and the table may both see one; the first to show it tells it
    answers_told: set[tuple[str, str]] = field(default_factory=set)
    changes: list[Change] = field(default_factory=list)
    # why each AI's sealed ballot says what it says, motion by motion: kept here (and in the
    # hidden part of a save, beside the sealed ballot itself), never shown, until the ballots are
    # opened (then ``ballot_said`` and the log carry it)
    sealed_why: dict[Role, tuple[BallotReason, ...]] = field(default_factory=dict)
    # the opened ballots' reasons, (AI seat, motion id) -> why, for the reveal on screen
    ballot_said: dict[tuple[Role, int], BallotReason] = field(default_factory=dict)
    ai_timer: float = 0.0
    turn_clock: float = 0.0
    saved_round: int = 0
    version: int = 0  # bumped on every new state or viewer: scenes key their caches on it
    autosaves: bool = True  # off for showcase positions (screenshots, benchmarks)
    # which facilitator PIN was set when this game began ("" none; None: not known, a save from
    # before games recorded it): kept in every save, and F9 opens only games begun under the PIN
    # (game.persistence.facilitator.seal)
    seal: str | None = None

    def __setattr__(self, name: str, value: object) -> None:
        # any new state or viewer, from anywhere (the facilitator injects events), redraws the table
        if name in ("state", "viewer") and getattr(self, name, None) is not value:
            object.__setattr__(self, "version", getattr(self, "version", 0) + 1)
        object.__setattr__(self, name, value)

    def __post_init__(self) -> None:
        from game.ai import make_agent

        self.humans: tuple[Role, ...] = tuple(
            s.role for s in self.state.seats if s.controller == Controller.HUMAN)
        self.agents = {}
        for k, s in enumerate(self.state.seats):
            if s.controller != Controller.HUMAN:
                self.agents[s.role] = make_agent(s.personality, s.difficulty, self.state.seed * 31 + 7 * k + 1)
        if len(self.humans) == 1:
            self.viewer = self.humans[0]
        self.saved_round = self.state.round

    # ---- who sees what ----
    @property
    def multi_human(self) -> bool:
        return len(self.humans) >= 2

    def view(self, state: GameState | None = None) -> PlayerView:
        """What the viewer may see of the game (or of ``state``, an earlier moment of it)."""
        state = self.state if state is None else state
        if self.viewer is None:
            return public_view(state)
        return observe(state, self.viewer)

    def human_turn(self) -> Role | None:
        r = self.state.to_move
        return r if r is not None and r in self.humans else None

    def curtain_needed(self) -> Role | None:
        """The human seat that must take the screen before its view is shown, if any."""
        r = self.human_turn()
        if r is not None and self.multi_human and self.viewer != r:
            return r
        return None

    def take_screen(self, role: Role) -> None:
        """``role`` has taken the screen at the curtain: its view is shown."""
        self.viewer = role
        self.holder = role

    def hide(self) -> None:
        """Stop showing any seat's secrets, and the screen is anyone's (a pause, a tool, a
        curtain): the next human to move takes it at the curtain."""
        if self.multi_human:
            self.viewer = None
            self.holder = None

    def look_away(self) -> None:
        """Show only the public view while an AI delegation moves at a hot-seat table; the human
        who has the screen keeps it (``holder``)."""
        if self.multi_human:
            self.viewer = None

    def said_about(self, role: Role, motion_id: int) -> Said | None:
        """``role``'s latest public sentence about motion ``motion_id`` (never one about another
        motion), whatever it has said since about anything else."""
        return self.said_on.get((role, motion_id))

    # ---- what the AI delegations said, kept in saves ----
    def notes(self) -> tuple[Any, ...]:
        """What the AI delegations said so far, as kept in a save (``game.persistence``'s
        ``ReasonNote``; none when saves are not built)."""
        api = saves._api()
        if api is None:
            return ()
        said = tuple(api.ReasonNote(seq=r.seq, role=r.role, text=r.text, action=str(r.action) if r.action else None,
                                    motion=r.motion) for r in self.reasons)
        at = len(self.state.log) + len(self.state.private_log)
        ballots = dict(self.state.ballots)
        sealed = tuple(api.ReasonNote(seq=at, role=role, text=b.reason, action=str(Action(role, "vote", (ballots[role],))),
                                      motion=b.motion, sealed=True)
                       for role, why in self.sealed_why.items() if role in ballots for b in why)
        return said + sealed

    def kept(self) -> dict[str, Any]:
        """What a save keeps of this table beside the game itself (the keyword arguments of
        ``saves.save``, ``autosave`` and ``emergency_save``): the facilitator seal, what the AI
        delegations said, where their seeded streams stand, and the turn timer."""
        return {"seal": self.seal, "reasons": self.notes(), "streams": self.streams(), "timer": int(self.timer_limit)}

    def tell_answer(self, ai: Role | str, motion_id: int | str) -> bool:
        """True the first time an AI's answer on a motion is to be shown (and it is then told)."""
        key = (getattr(ai, "value", str(ai)), str(motion_id))
        if key in self.answers_told:
            return False
        self.answers_told.add(key)
        return True

    def streams(self) -> dict[Role, int]:
        """Where each AI seat's seeded stream stands, as kept in a save."""
        out: dict[Role, int] = {}
        for role, agent in self.agents.items():
            stream = getattr(agent, "stream", None)
            if stream is not None:
                out[role] = int(stream())
        return out

    def resume_streams(self, streams: Mapping[Role, int]) -> None:
        """Put each AI seat's seeded stream back where the save left it, so a loaded game goes
        on exactly as it would have without the save (a save from before streams were kept
        leaves them where a new session starts them)."""
        for role, value in streams.items():
            agent = self.agents.get(role)
            resume = getattr(agent, "resume", None)
            if resume is not None:
                resume(int(value))

    def restore_notes(self, notes: Sequence[Any]) -> None:
        """Take back what the AI delegations had said in a loaded game: its reasons in the log,
        and each one's latest sentence on each motion (a note that does not fit this game,
        a seat not at the table or an unreadable action, is left out)."""
        self.reasons, self.said_on, self.sealed_why = [], {}, {}
        seated = set(self.state.roles)
        sealed: dict[Role, list[BallotReason]] = {}
        for n in notes:
            if n.role not in seated or n.seq > len(self.state.log) + len(self.state.private_log):
                continue
            if getattr(n, "sealed", False):
                why = self._sealed_note(n)
                if why is not None:
                    sealed.setdefault(n.role, []).append(why)
                continue
            action: Action | None = None
            if n.action:
                try:
                    action = Action.parse(n.action)
                except ActionParseError:
                    action = None
            self.reasons.append(Reason(n.seq, n.role, n.text, action, n.motion if action else None))
            if action is not None and n.motion is not None:
                self.said_on[(n.role, n.motion)] = Said(action, n.text, n.motion)
        self.sealed_why = {role: tuple(why) for role, why in sealed.items()}

    def _sealed_note(self, n: Any) -> BallotReason | None:
        """A kept reason for a sealed AI ballot, if it belongs to a ballot cast in this vote (the
        ballot it names is the one the seat cast, and it names that ballot's letter for a motion
        now on the table); else None (a save from another moment, or one edited by hand)."""
        from game.ai.base import BallotReason

        ballot = dict(self.state.ballots).get(n.role)
        ids = [m.id for m in self.state.motions]
        if self.state.phase != Phase.VOTE or ballot is None or n.motion not in ids or n.role not in self.agents:
            return None
        if n.action != str(Action(n.role, "vote", (ballot,))) or len(ballot) != len(ids):
            return None
        return BallotReason(n.motion, ballot[ids.index(n.motion)], n.text)

    def legal(self) -> list[Action]:
        """The viewer's legal actions, only when it is the viewer's turn."""
        if self.viewer is None or self.state.to_move != self.viewer:
            return []
        return legal_actions(self.state, self.viewer)

    # ---- acting ----
    def act(self, action: Action) -> str | None:
        """Apply a human's action; returns the reason sentence if it is not legal."""
        try:
            new = apply_action(self.state, action)
        except IllegalActionError as e:
            return str(e)
        seen = len(self.changes)
        self._advance_to(new)
        self._after_human_decision(self.changes[seen:])
        return None

    def _after_human_decision(self, changes: list[Change]) -> None:
        """At a hot-seat table the decision is done: unless the same seat simply goes on with
        nothing shown to the whole table, the screen switches to the public view at once, before
        a reveal, an event card, the next round, the end, an AI's turn or the hand-over notice
        is drawn over this seat's hand, agenda and private log."""
        if self.viewer is not None:
            self._screen_after(changes)

    def _screen_after(self, changes: Sequence[Change]) -> None:
        """Who sees the screen after a move at a hot-seat table: nobody's secrets once the whole
        table has looked (the screen is anyone's); the public view while someone else is to move;
        the seat that has the screen (``holder``) again when it is to move after AI moves alone."""
        if not self.multi_human:
            return
        if any(c.kind in SHARED_CHANGES for c in changes):
            self.hide()
        elif self.viewer is not None and self.state.to_move != self.viewer:
            self.look_away()
        elif self.viewer is None and self.holder is not None and self.human_turn() == self.holder:
            self.viewer = self.holder
    def ai_to_move(self) -> Role | None:
        r = self.state.to_move
        return r if r is not None and r in self.agents else None

    def ai_act(self) -> None:
        seat = self.ai_to_move()
        if seat is None:
            return
        legal = legal_actions(self.state, seat)
        view = observe(self.state, seat)
        decision = self.agents[seat].decide(view, legal)
        action = decision.action if decision.action in legal else legal[0]
        new = apply_action(self.state, action)
        if action.verb == "vote" and action == decision.action and decision.ballot:
            self.sealed_why[seat] = decision.ballot  # said when the ballots are opened
        if action.verb in PUBLIC_REASON_VERBS and decision.reason:
            seq = len(self.state.log) + len(self.state.private_log)
            said = Said(action, decision.reason, _motion_of(self.state, new, action))
            self.reasons.append(Reason(seq, seat, decision.reason, action, said.motion))
            if said.motion is not None:
                self.said_on[(seat, said.motion)] = said
                b = self.state.bargain
                if action.verb in ("accept", "walk") and b is not None and b.offer.by in self.humans:
                    # its answer to a human's offer (a counter, or the motion the human tabled):
                    # which motion, whose offer, accepted or walked away from, and its (public)
                    # sentence
                    self.changes.append(Change("answer", (seat.value, str(said.motion), b.offer.by.value,
                                                          action.verb, decision.reason)))
        seen = len(self.changes)
        self._advance_to(new)
        self._screen_after(self.changes[seen:])

    def ask_price(self, ai_role: Role) -> tuple[Action | None, str]:
        """'Ask their price': the AI's suggested offer among the human's legal counters."""
        human = self.state.to_move
        agent = self.agents.get(ai_role)
        if agent is None or human is None:
            return None, ""
        legal = [a for a in legal_actions(self.state, human) if a.verb == "counter"]
        if not legal:
            return None, ""
        try:
            d = agent.ask_price(observe(self.state, ai_role), legal)
        except Exception:  # noqa: BLE001 - an AI that cannot answer must not end the game
            return None, ""
        if d is None:
            return None, ""
        a = d.action
        if a.verb == "counter" and a.seat != human:
            a = Action(human, "counter", a.args)
        return (a if a in legal else None), d.reason

    def tick_timer(self, dt: float) -> bool:
        """Run the phase timer; when it expires the cautious default is played. True if it fired."""
        if self.timer_limit <= 0 or self.human_turn() is None or self.viewer != self.state.to_move:
            self.turn_clock = 0.0
            return False
        self.turn_clock += dt
        if self.turn_clock < self.timer_limit:
            return False
        if self.legal():
            self.act(default_action(self.state))
        return True

    def _advance_to(self, new: GameState) -> None:
        old = self.state
        self.state = new
        self.turn_clock = 0.0
        # in the order they happen: the ballots open (mid-round), then the round's event is drawn.
        # Told by the log line the opening writes: a round whose ballots read exactly as the
        # last round's (all Yes again, say) opened them too
        # (each with the table as it stood before it: the table is drawn so behind the cards)
        if any(e.key == "log.votes_revealed" for e in new.log[len(old.log):]):
            self._open_reasons(new.log[len(old.log):])
            self.changes.append(Change("votes", before=old))
        for eid in new.events_drawn[len(old.events_drawn):]:
            self.changes.append(Change("event", (eid,), before=old))
        moved = (old.vault, old.escrow, old.released, old.redirected, old.returned) != (
            new.vault, new.escrow, new.released, new.redirected, new.returned)
        if moved:
            self.changes.append(Change("tokens"))
        if new.round != old.round and not new.is_over:
            self.changes.append(Change("round", (str(new.round),)))
            if self.autosaves:
                saves.autosave(new, **self.kept())
            self.saved_round = new.round
        if new.is_over and not old.is_over:
            self.changes.append(Change("over"))
            if self.autosaves:
                kept = self.kept()
                saves.autosave(new, **kept)
                saves.keep_finished(new, **kept)  # never rotated out with the autosaves

    def _open_reasons(self, lines: Sequence[LogEntry]) -> None:
        """The ballots are open: each AI's reasons for its votes may now be told. All of them go
        to the reveal on screen; in the log, after the line saying a motion failed, each AI
        that voted it down says why (play-test: "the results show who sank a motion, never
        why")."""
        self.ballot_said = {}
        failed = {e.args[0]: e.seq for e in lines if e.key.startswith("log.failed") and e.args}
        for role, why in self.sealed_why.items():
            for b in why:
                self.ballot_said[(role, b.motion)] = b
                seq = failed.get(str(b.motion))
                if b.vote == "N" and seq is not None:
                    self.reasons.append(Reason(seq, role, b.reason))
        self.sealed_why = {}

    def take_changes(self) -> list[Change]:
        out, self.changes = self.changes, []
        return out


def _motion_of(old: GameState, new: GameState, action: Action) -> int | None:
    """The motion an action was about: the one under negotiation, or the one it tabled."""
    if action.verb in ("accept", "walk", "counter") and old.bargain is not None:
        return old.motions[old.bargain.motion_index].id
    if action.verb == "propose" and len(new.motions) > len(old.motions):
        return new.motions[-1].id
    return None


def apply_action(state: GameState, action: Action) -> GameState:
    from game.core import apply

    return apply(state, action)
