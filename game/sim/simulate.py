"""Play many complete headless games and summarise them.

Used by ``python main.py simulate`` and ``bench core``; checks the invariants after every
action when asked to.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.ai.base import Agent, RandomAgent
from game.core import (
    GameError,
    GameState,
    OutcomeReason,
    Role,
    Scenario,
    apply,
    check_invariants,
    legal_actions,
    new_game,
    observe,
    outcome,
)
from game.core import rng as R

AgentFactory = Callable[[Role, int], Agent]


def game_seed(master: int, index: int) -> int:
    """The seed of game ``index`` in a run seeded ``master`` (stable across versions)."""
    s = R.seed_state(master)
    for _ in range(index + 1):
        s, v = R.next_u64(s)
    return v & 0x7FFFFFFF


def random_agents(role: Role, seed: int) -> Agent:
    return RandomAgent(seed * 7 + list(Role).index(role))


def play_game(
    scenario: Scenario,
    seats: int,
    seed: int,
    make_agent: AgentFactory = random_agents,
    check: bool = True,
    max_actions: int = 5000,
) -> tuple[GameState, list[str]]:
    """Play one game to the end. Returns the final state and any invariant violations."""
    state = new_game(scenario, seats, seed)
    agents = {r: make_agent(r, seed) for r in state.roles if state.plays(r)}
    violations: list[str] = []
    for _ in range(max_actions):
        if state.is_over:
            break
        seat = state.to_move
        assert seat is not None
        legal = legal_actions(state, seat)
        action = agents[seat].decide(observe(state, seat), legal).action
        state = apply(state, action)
        if check:
            violations.extend(check_invariants(state))
    return state, violations


@dataclass
class Summary:
    games: int = 0
    seed: int = 0
    settlements: int = 0
    shared_losses: int = 0
    court_collapses: int = 0
    timeouts: int = 0
    epilogue_aggressions: int = 0
    wins_by_role: dict[str, float] = field(default_factory=dict)
    mean_rounds: float = 0.0
    invariant_violations: int = 0
    errors: int = 0
    games_per_second: float = 0.0
    error_messages: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "games": self.games,
            "seed": self.seed,
            "settlements": self.settlements,
            "shared_losses": self.shared_losses,
            "court_collapses": self.court_collapses,
            "timeouts": self.timeouts,
            "epilogue_aggressions": self.epilogue_aggressions,
            "wins_by_role": self.wins_by_role,
            "mean_rounds": self.mean_rounds,
            "invariant_violations": self.invariant_violations,
            "errors": self.errors,
            "games_per_second": self.games_per_second,
        }


def simulate(
    scenario: Scenario,
    games: int,
    seed: int,
    seats: int = 5,
    make_agent: AgentFactory = random_agents,
    check: bool = True,
    on_game: Callable[[GameState], None] | None = None,
) -> Summary:
    """Play ``games`` seeded games; the same arguments give the same numbers (but the speed)."""
    out = Summary(games=games, seed=seed)
    wins: defaultdict[str, float] = defaultdict(float)  # a shared win counts 1/n to each winner
    rounds = 0
    t0 = time.perf_counter()
    for i in range(games):
        gs = game_seed(seed, i)
        try:
            state, bad = play_game(scenario, seats, gs, make_agent, check)
        except GameError as e:  # an agent chose an illegal action: a bug, count it
            out.errors += 1
            out.error_messages.append(f"game {i} (seed {gs}): {e}")
            continue
        out.invariant_violations += len(bad)
        if bad:
            out.error_messages.append(f"game {i} (seed {gs}): {bad[0]}")
        res = outcome(state)
        if res is None:
            out.errors += 1
            out.error_messages.append(f"game {i} (seed {gs}): did not finish")
            continue
        rounds += state.round
        reason = res.reason
        out.settlements += reason == OutcomeReason.SETTLEMENT
        out.shared_losses += reason == OutcomeReason.SHARED_LOSS
        out.court_collapses += reason == OutcomeReason.COURT_COLLAPSE
        out.timeouts += reason == OutcomeReason.TIMEOUT
        out.epilogue_aggressions += bool(res.epilogue and res.epilogue.aggression)
        for w in res.winners:
            wins[w.value] += 1 / len(res.winners)
        if on_game is not None:
            on_game(state)
    elapsed = time.perf_counter() - t0
    finished = max(1, games - out.errors)
    out.mean_rounds = round(rounds / finished, 3)
    out.wins_by_role = {r: round(wins[r], 3) for r in sorted(wins)}
    out.games_per_second = round(games / elapsed, 2) if elapsed > 0 else 0.0
    return out


def format_summary(s: Summary, scenario_name: str, seats: int, role_names: Mapping[str, str] | None = None) -> str:
    """The text report. As the policy sweep does (a facilitator's play-test found the two
    disagreeing): new aggression is given over all games, the design's balance target, and over the
    games that reached the Epilogue (every game but a shared loss); the rounds say what they count;
    the roles are named (``role_names``: code to name, e.g. the scenario's)."""
    n = max(1, s.games)
    names = role_names or {}

    def pct(x: float, of: int = n) -> str:
        return f"{100 * x / max(1, of):5.1f}%"

    epilogues = s.games - s.errors - s.shared_losses
    lines = [
        f"{s.games} games of {scenario_name!r} at {seats} seats, seed {s.seed}",
        f"  settlement        {s.settlements:6d}  {pct(s.settlements)}",
        f"  shared loss (E)   {s.shared_losses:6d}  {pct(s.shared_losses)}",
        f"  court collapse    {s.court_collapses:6d}  {pct(s.court_collapses)}",
        f"  no settlement     {s.timeouts:6d}  {pct(s.timeouts)}",
        f"  new aggression    {s.epilogue_aggressions:6d}  {pct(s.epilogue_aggressions)} of games, "
        f"{pct(s.epilogue_aggressions, epilogues).strip()} of the {epilogues} Epilogues",
        f"  mean rounds       {s.mean_rounds:8.2f}  (the round each game ended, over every game)",
        "  wins by role      " + ", ".join(f"{names[r] + ' (' + r + ')' if r in names else r} {pct(v).strip()}"
                                          for r, v in s.wins_by_role.items()),
        f"  invariant violations {s.invariant_violations}, errors {s.errors}",
        f"  speed             {s.games_per_second:.1f} games/s",
    ]
    lines.extend(f"  ! {m}" for m in s.error_messages[:5])
    return "\n".join(lines)
