"""Which agent plays each seat in headless games (``--agents`` and ``--ai``).

``--agents ai`` (the default) seats AI delegations; ``--ai`` names their personalities: one
name for every seat (``hawk``), a comma list in table order (``hawk,dove,pragmatist,dove,
opportunist``), or ``mixed`` (the default: each seat's personality drawn from the game seed).
``--agents random`` seats random legal agents. Used by ``simulate`` and the balance runs.
"""

from __future__ import annotations

import argparse

from game.ai import PERSONALITIES, make_agent
from game.ai.base import Agent, RandomAgent
from game.core import Role
from game.core import rng as R
from game.sim.simulate import AgentFactory, random_agents

KINDS = ("ai", "random")
ROLE_ORDER = tuple(Role)


def agent_seed(game_seed: int, role: Role) -> int:
    """The seed of one seat's agent in one game (stable: replays of a run agree)."""
    return (game_seed * 7919 + 31 * ROLE_ORDER.index(role) + 1) & 0x7FFFFFFF


def mixed_personality(game_seed: int, role: Role) -> str:
    s = R.seed_state(game_seed * 13 + ROLE_ORDER.index(role))
    _, k = R.randbelow(s, len(PERSONALITIES))
    return PERSONALITIES[k]


def ai_agents(spec: str = "mixed", seats: int = 5, difficulty: str = "normal") -> AgentFactory:
    """A factory seating AI delegations as ``spec`` says.

    Raises:
        UsageError: an unknown personality, or a comma list of the wrong length.
    """
    from game.cli import UsageError
    from game.core.engine import playing_roles

    spec = (spec or "mixed").strip().lower()
    names = [n.strip() for n in spec.split(",")]
    for n in names:
        if n not in PERSONALITIES and n != "mixed":
            raise UsageError(f"Unknown AI personality '{n}'; choose {', '.join(PERSONALITIES)} or mixed.")
    per_seat: dict[Role, str] = {}
    if len(names) > 1:
        roles = playing_roles(seats)
        if len(names) != len(roles):
            raise UsageError(
                f"--ai lists {len(names)} personalities but the table has {len(roles)} seats "
                f"({', '.join(r.value for r in roles)})."
            )
        per_seat = dict(zip(roles, names, strict=True))

    def factory(role: Role, game_seed: int) -> Agent:
        name = per_seat.get(role) or names[0]
        if name == "mixed":
            name = mixed_personality(game_seed, role)
        return make_agent(name, difficulty, agent_seed(game_seed, role))

    return factory


def agent_factory(kind: str | None, args: argparse.Namespace | None = None) -> AgentFactory:
    """Return a factory for ``kind`` (None: the AI).

    Raises:
        UsageError: unknown kind or personality.
    """
    from game.cli import UsageError

    kind = (kind or "ai").strip().lower()
    if kind == "random":
        return random_agents
    if kind == "ai":
        spec = getattr(args, "ai", None) or "mixed"
        seats = getattr(args, "seats", 5) or 5
        return ai_agents(spec, seats)
    raise UsageError(f"Unknown agent kind '{kind}'; choose one of {', '.join(KINDS)}.")


__all__ = ["AgentFactory", "RandomAgent", "Role", "agent_factory", "ai_agents", "agent_seed"]
