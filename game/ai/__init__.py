"""AI delegations: they see only a PlayerView and the seat's legal actions, decide, explain.

``make_agent(personality, difficulty, seed)`` is the one door the UI and the simulator use.
"""

from __future__ import annotations

from game.ai.agent import DelegationAgent
from game.ai.base import Agent, Decision, RandomAgent
from game.ai.personality import DIFFICULTY_TABLE, PERSONALITY_TABLE, difficulty, personality

PERSONALITIES = tuple(PERSONALITY_TABLE)
DIFFICULTIES = tuple(DIFFICULTY_TABLE)


def make_agent(personality_name: str, difficulty_name: str, seed: int) -> Agent:
    """An AI delegation: ``personality_name`` in PERSONALITIES ('random' gives random legal moves),
    ``difficulty_name`` in DIFFICULTIES; its only randomness is its own stream seeded by ``seed``.

    Raises:
        ValueError: unknown personality or difficulty.
    """
    if personality_name.strip().lower() == "random":
        return RandomAgent(seed)
    return DelegationAgent(personality(personality_name), difficulty(difficulty_name), seed)


__all__ = ["DIFFICULTIES", "PERSONALITIES", "Agent", "Decision", "DelegationAgent", "RandomAgent", "make_agent"]
