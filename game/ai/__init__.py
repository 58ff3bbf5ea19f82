"""AI delegations: they see only a PlayerView and the seat's legal actions, decide, explain.

``make_agent(personality, difficulty, seed)`` is the one door the UI and the simulator use.
"""

from __future__ import annotations

from game.ai.base import Agent, Decision, RandomAgent

PERSONALITIES = ("hawk", "dove", "pragmatist", "opportunist")
DIFFICULTIES = ("easy", "normal", "hard")


def make_agent(personality: str, difficulty: str, seed: int) -> Agent:
    """An AI delegation. Until the personalities land, every seat plays random legal moves."""
    return RandomAgent(seed)


__all__ = ["DIFFICULTIES", "PERSONALITIES", "Agent", "Decision", "RandomAgent", "make_agent"]
