"""Replays and "what if": step through a game rebuilt from its action log, fork it, compare.

``Replay`` holds every state of a game (one per line of the action log, plus the start) and
a cursor that moves by action or by round. ``what_if(replay, step, action)`` plays a different
decision at a past step, lets the AIs finish both the changed and (if needed) the original
game, and returns both outcomes side by side. No pygame here: the replay and facilitator
scenes in game/ui/scenes draw what this module computes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.ai import make_agent
from game.ai.base import Agent
from game.core import (
    Action,
    GameState,
    IllegalActionError,
    Outcome,
    PlayerView,
    Role,
    aggression_at,
    apply,
    legal_actions,
    new_game,
    observe,
    observe_public,
    outcome,
)
from game.core.engine import apply_logged
from game.core.state import LogEntry, SeatConfig
from game.text import format_entry

AgentFactory = Callable[[GameState, Role], Agent]


class Replay:
    """Every state of one game, rebuilt from its log, with a cursor (0 = the start)."""

    def __init__(self, states: Sequence[GameState]) -> None:
        if not states:
            raise ValueError("a replay needs at least the opening state")
        self.states: tuple[GameState, ...] = tuple(states)
        self.index = 0
        self.round_starts: tuple[int, ...] = tuple(
            i for i, s in enumerate(self.states) if i == 0 or s.round != self.states[i - 1].round
        )

    # ---- building ----
    @classmethod
    def from_log(cls, scenario: object, seats: Sequence[SeatConfig], seed: int, actions: Sequence[str]) -> Replay:
        """Raises ActionParseError / IllegalActionError if the log does not replay."""
        state = new_game(scenario, seats, seed)  # type: ignore[arg-type]
        states = [state]
        for text in actions:
            state = apply_logged(state, text)
            states.append(state)
        return cls(states)

    @classmethod
    def from_state(cls, state: GameState) -> Replay:
        r = cls.from_log(state.scenario, state.seats, state.seed, state.actions)
        r.index = len(r.states) - 1
        return r

    @classmethod
    def from_file(cls, path: str | Path) -> Replay:
        """Raises SaveFormatError (one sentence) for a bad save."""
        from game.persistence import load_game

        return cls.from_state(load_game(path))

    # ---- reading ----
    def __len__(self) -> int:
        """Number of steps (actions); the cursor runs from 0 to ``len(self)``."""
        return len(self.states) - 1

    @property
    def state(self) -> GameState:
        return self.states[self.index]

    @property
    def final(self) -> GameState:
        return self.states[-1]

    @property
    def action(self) -> str | None:
        """The action that led to the current state (None at the start)."""
        return self.final.actions[self.index - 1] if self.index > 0 else None

    def round_of(self, i: int | None = None) -> int:
        return self.states[self.index if i is None else i].round

    def new_lines(self, i: int | None = None, reveal: bool | None = None) -> list[LogEntry]:
        """The log lines step ``i`` produced; private lines only when ``reveal`` (default: game over)."""
        i = self.index if i is None else i
        if i == 0:
            return []
        prev, cur = self.states[i - 1], self.states[i]
        lines = list(cur.log[len(prev.log):])
        if self.final.is_over if reveal is None else reveal:
            lines += cur.private_log[len(prev.private_log):]
        return sorted(lines, key=lambda e: e.seq)

    def describe(self, i: int | None = None, reveal: bool | None = None) -> list[str]:
        """The new log lines of step ``i`` as sentences with the seats' names."""
        st = self.states[self.index if i is None else i]
        names = {r.value: st.name_of(r) for r in st.roles}
        # private lines are shown to everyone watching the replay: they name their seat
        return [format_entry(e.key, e.args, e.to, names, st.scenario) for e in self.new_lines(i, reveal)]

    # ---- moving ----
    def goto(self, i: int) -> GameState:
        self.index = max(0, min(len(self), i))
        return self.state

    def forward(self, n: int = 1) -> GameState:
        return self.goto(self.index + n)

    def back(self, n: int = 1) -> GameState:
        return self.goto(self.index - n)

    def start(self) -> GameState:
        return self.goto(0)

    def end(self) -> GameState:
        return self.goto(len(self))

    def next_round(self) -> GameState:
        """Jump to the first step of the next round (or the end)."""
        for i in self.round_starts:
            if i > self.index:
                return self.goto(i)
        return self.end()

    def prev_round(self) -> GameState:
        """Jump to the start of this round, or of the previous round if already there."""
        for i in reversed(self.round_starts):
            if i < self.index:
                return self.goto(i)
        return self.start()


def public_view(state: GameState) -> PlayerView:
    """What a spectator (or the projector) may see: the core's ``observe_public``."""
    return observe_public(state)


# ---------------------------------------------------------------------------
# what if
# ---------------------------------------------------------------------------


def seat_agents(state: GameState, salt: int = 0) -> dict[Role, Agent]:
    """An AI for every playing seat, with the seat's personality and difficulty, seeded from the game."""
    out: dict[Role, Agent] = {}
    for k, r in enumerate(state.roles):
        if not state.plays(r):
            continue
        seat = state.seat(r)
        pers = seat.personality if seat else "pragmatist"
        diff = seat.difficulty if seat else "normal"
        seed = (state.seed * 1_000_003 + len(state.actions) * 101 + k * 7 + salt) & 0x7FFFFFFF
        try:
            out[r] = make_agent(pers, diff, seed)
        except ValueError:  # a save from a build with other personalities
            out[r] = make_agent("pragmatist", "normal", seed)
    return out


def finish(state: GameState, agents: dict[Role, Agent] | None = None, max_actions: int = 5000) -> GameState:
    """Let AIs play ``state`` to its end (human seats included)."""
    agents = agents if agents is not None else seat_agents(state)
    for _ in range(max_actions):
        if state.is_over:
            return state
        seat = state.to_move
        assert seat is not None
        legal = legal_actions(state, seat)
        state = apply(state, agents[seat].decide(observe(state, seat), legal).action)
    raise RuntimeError("the game did not finish")  # pragma: no cover - the core ends every game


def fork(state: GameState, changed: Action | str, agents: dict[Role, Agent] | None = None) -> GameState:
    """Play ``changed`` instead of what happened at ``state``, then let the AIs finish.

    Raises:
        IllegalActionError, ActionParseError: ``changed`` is not legal at ``state`` (one sentence).
    """
    a = changed if isinstance(changed, Action) else Action.parse(changed)
    if state.is_over:
        raise IllegalActionError("The game is already over at that point; pick an earlier step.")
    nxt = apply(state, a)
    return finish(nxt, agents if agents is not None else seat_agents(nxt, salt=1))


@dataclass(frozen=True)
class WhatIf:
    step: int
    original_action: str | None
    changed_action: str
    original: GameState
    alternative: GameState
    original_finished_by_ai: bool

    @property
    def original_outcome(self) -> Outcome:
        o = outcome(self.original)
        assert o is not None
        return o

    @property
    def alternative_outcome(self) -> Outcome:
        o = outcome(self.alternative)
        assert o is not None
        return o

    def comparison(self) -> list[tuple[str, str, str]]:
        """Rows (label, as played, what if) for a side-by-side table."""
        a, b = self.original, self.alternative
        oa, ob = self.original_outcome, self.alternative_outcome

        def ep(s: GameState) -> str:
            return f"{s.epilogue.odds}% / roll {s.epilogue.roll}" if s.epilogue else "none"

        def aggression(s: GameState) -> str:  # a shared loss has no Epilogue: nothing to say yes or no to
            return ("yes" if s.epilogue.aggression else "no") if s.epilogue else "none"

        rows = [
            ("Outcome", oa.reason.value.replace("_", " "), ob.reason.value.replace("_", " ")),
            ("Last round", str(a.round), str(b.round)),
            ("Epilogue odds / roll", ep(a), ep(b)),
            ("Aggression", aggression(a), aggression(b)),
        ]
        if a.epilogue and b.epilogue and a.epilogue.roll != b.epilogue.roll:
            # the other decision moved the seeded dice too, so the Epilogue rolled another number:
            # the played roll against the what-if's odds separates the choice from the dice
            roll = a.epilogue.roll
            rows.append((f"Aggression at roll {roll}", aggression(a),
                         "yes" if aggression_at(b.epilogue.odds, roll) else "no"))
        for t, name in (("P", "Peace"), ("C", "Credibility"), ("L", "Legal risk"), ("G", "Precedent"),
                        ("E", "Escalation")):
            rows.append((name, str(getattr(a.tracks, t)), str(getattr(b.tracks, t))))
        rows.append(("Tokens to S", str(a.tokens_received), str(b.tokens_received)))
        rows.append(("Winners", ", ".join(a.name_of(w) for w in oa.winners) or "nobody",
                     ", ".join(b.name_of(w) for w in ob.winners) or "nobody"))
        for sa, sb in zip(oa.scores, ob.scores, strict=True):
            rows.append((f"{sa.name} VP", str(sa.total), str(sb.total)))
        return rows


def what_if(replay: Replay, step: int, changed: Action | str) -> WhatIf:
    """Change the decision taken at state ``step`` (0 = the first action) and compare outcomes.

    Raises:
        IllegalActionError, ActionParseError: ``changed`` is not legal there (one sentence).
    """
    if not 0 <= step < len(replay.states):
        raise IllegalActionError(f"There is no step {step} in this game.")
    at = replay.states[step]
    alt = fork(at, changed)
    final = replay.final
    by_ai = not final.is_over
    original = finish(final) if by_ai else final
    original_action = final.actions[step] if step < len(final.actions) else None
    return WhatIf(step=step, original_action=original_action, changed_action=str(changed),
                  original=original, alternative=alt, original_finished_by_ai=by_ai)
