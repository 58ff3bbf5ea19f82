"""Which agent plays each seat in headless games (``--agents``)."""

from __future__ import annotations

import argparse

from game.ai.base import RandomAgent
from game.core import Role
from game.sim.simulate import AgentFactory, random_agents

KINDS = ("random",)


def agent_factory(kind: str | None, args: argparse.Namespace | None = None) -> AgentFactory:
    """Return a factory for ``kind`` (None: the default).

    Raises:
        UsageError: unknown kind.
    """
    from game.cli import UsageError

    kind = kind or "random"
    if kind == "random":
        return random_agents
    raise UsageError(f"Unknown agent kind '{kind}'; choose one of {', '.join(KINDS)}.")


__all__ = ["AgentFactory", "RandomAgent", "Role", "agent_factory"]
