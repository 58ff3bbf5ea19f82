"""Personalities and difficulty levels: plain parameters, never special-case code.

The table is the design's ("AI delegations"); ``DelegationAgent`` reads these numbers and
nothing else distinguishes how a Hawk and a Dove decide (each words its sentences in its own
voice, ``game.ai.explain.VOICES``, with the same figures). Difficulty changes noise and lookahead only:
every level keeps its promises, never accepts below reservation and explains truthfully.
Used by ``game.ai.agent`` and the tournament.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Personality:
    name: str
    concession_exponent: float  # e in target = RV + (max - RV) * (1 - t ** (1 / e))
    margin: float  # extra normalised utility demanded above reservation
    leverage_weight: float  # lambda: weight on deterrence / leverage terms of the utility
    reciprocity: float  # r: share of the other side's concessions mirrored on top of the time-based one
    forgiveness: float  # how fast trust recovers after a defection or broken promise


PERSONALITY_TABLE: dict[str, Personality] = {
    "hawk": Personality("hawk", 0.2, 0.10, 1.5, 0.2, 0.1),
    "dove": Personality("dove", 2.0, 0.00, 0.5, 0.5, 0.5),
    "pragmatist": Personality("pragmatist", 1.0, 0.05, 1.0, 0.8, 0.3),
    "opportunist": Personality("opportunist", 0.5, 0.05, 1.0, 0.0, 0.0),
}


@dataclass(frozen=True)
class Difficulty:
    name: str
    noise: float  # std-dev of seeded noise added to normalised scores when choosing
    vote_lookahead: bool  # model the other voters when estimating whether a motion passes
    horizon_rounds: int  # how many future rounds the value model projects


DIFFICULTY_TABLE: dict[str, Difficulty] = {
    "easy": Difficulty("easy", 0.08, False, 3),
    "normal": Difficulty("normal", 0.02, True, 8),
    "hard": Difficulty("hard", 0.0, True, 8),
}


def personality(name: str) -> Personality:
    key = name.strip().lower()
    if key not in PERSONALITY_TABLE:
        raise ValueError(f"unknown personality {name!r}; choose one of {', '.join(PERSONALITY_TABLE)}")
    return PERSONALITY_TABLE[key]


def difficulty(name: str) -> Difficulty:
    key = name.strip().lower()
    if key not in DIFFICULTY_TABLE:
        raise ValueError(f"unknown difficulty {name!r}; choose one of {', '.join(DIFFICULTY_TABLE)}")
    return DIFFICULTY_TABLE[key]
