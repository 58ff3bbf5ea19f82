"""The agent interface shared by every AI delegation and scripted opponent.

An agent gets the PlayerView of its own seat and the list of legal actions for that seat, and
returns one of them with a one-sentence reason. It never sees the GameState.
``Decision.facts`` carries the numbers the sentence was built from (name, shown value), so
tests and the UI can check that a reason states only the decision's real numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from game.core import Action, PlayerView
from game.core import rng as R


@dataclass(frozen=True)
class BallotReason:
    """Why a sealed ballot says Yes or No on one motion: said only once the ballots are opened
    (before that it would give the vote away)."""

    motion: int  # the motion's id
    vote: str  # "Y" or "N", as on the ballot
    reason: str  # one plain sentence built from the vote's real numbers
    facts: tuple[tuple[str, int | str], ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str = ""  # one plain sentence built from the decision's real numbers
    facts: tuple[tuple[str, int | str], ...] = ()  # the numbers (and names) the sentence shows
    key: str = ""  # which kind of sentence it is (the template's name), for tests and logs
    ballot: tuple[BallotReason, ...] = ()  # a vote: why, motion by motion (sealed until opened)

    def fact(self, name: str) -> int | str:
        for k, v in self.facts:
            if k == name:
                return v
        raise KeyError(name)


class Agent(Protocol):
    name: str

    def decide(self, view: PlayerView, legal: list[Action]) -> Decision:
        """Choose one of ``legal`` (never anything else)."""
        ...

    def ask_price(self, view: PlayerView, legal: list[Action]) -> Decision | None:
        """'Ask their price': the offer this seat would accept now, or None with no deal possible."""
        ...


class RandomAgent:
    """Picks uniformly among legal actions, from its own seeded stream."""

    name = "random"

    def __init__(self, seed: int) -> None:
        self._rng = R.seed_state(seed)

    def stream(self) -> int:
        """Where its seeded stream stands (kept in a save, so a loaded game goes on as it would have)."""
        return self._rng

    def resume(self, stream: int) -> None:
        self._rng = stream

    def decide(self, view: PlayerView, legal: list[Action]) -> Decision:
        self._rng, k = R.randbelow(self._rng, len(legal))
        return Decision(legal[k], "A random legal move.")

    def ask_price(self, view: PlayerView, legal: list[Action]) -> Decision | None:
        return None
