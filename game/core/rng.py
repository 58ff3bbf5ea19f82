"""A tiny seeded random source whose whole state is one integer (splitmix64).

The state lives in the game state, so saves, replays and forks carry it; the core never
touches the global ``random`` module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
_MASK = (1 << 64) - 1
SEED_MAX = 2**31 - 1  # the largest seed a player gives: a command's --seed, a seed typed in New game


def seed_state(seed: int) -> int:
    """Spread a user seed (any int) into a 64-bit starting state."""
    s = (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _MASK
    _, s2 = next_u64(s)
    return s2


def next_u64(state: int) -> tuple[int, int]:
    """Return ``(new_state, random 64-bit value)``."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, z ^ (z >> 31)


def randbelow(state: int, n: int) -> tuple[int, int]:
    """Return ``(new_state, value in [0, n))``."""
    state, z = next_u64(state)
    return state, z % n


def roll(state: int, sides: int) -> tuple[int, int]:
    """A die roll in ``[1, sides]``."""
    state, v = randbelow(state, sides)
    return state, v + 1


def shuffled(state: int, items: Sequence[T]) -> tuple[int, tuple[T, ...]]:
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        state, j = randbelow(state, i + 1)
        out[i], out[j] = out[j], out[i]
    return state, tuple(out)
