"""Headless subcommands of the simulation layer: ``tournament`` and the ``bench ai`` target.

Registered with the CLI's command registry on import (``game.cli`` imports this module).
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from game.cli import UsageError, command, int_range, print_json
from game.core.rng import SEED_MAX
from game.sim import bench


def _add_tournament(p: argparse.ArgumentParser) -> None:
    p.add_argument("--games", type=int_range(1, 10_000), default=10,
                   help="self-play games to harvest negotiation situations from (3 each)")
    p.add_argument("--seed", type=int_range(0, SEED_MAX), default=1, help="master seed")
    p.add_argument("--difficulty", choices=["easy", "normal", "hard"], default="normal")
    p.add_argument("--self-play-only", action="store_true",
                   help="leave out the situations replayed with the tracks and IP redrawn")
    p.add_argument("--bound", nargs="?", const="all", default=None, metavar="NAMES",
                   help="also search every contested negotiation for the best deal any play could have "
                        "reached: an upper bound on agreement (for every personality, or for the comma-separated "
                        "NAMES; about 20 minutes per personality at --games 10)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _bound_names(arg: str | None) -> bool | tuple[str, ...]:
    """``--bound`` alone: every personality; ``--bound dove,pragmatist``: those."""
    if arg is None:
        return False
    if arg == "all":
        return True
    from game.ai import PERSONALITIES

    names = tuple(n.strip().lower() for n in arg.split(",") if n.strip())
    unknown = [n for n in names if n not in PERSONALITIES]
    if unknown or not names:
        raise UsageError(f"--bound takes personality names separated by commas ({', '.join(PERSONALITIES)}), "
                         f"not '{arg}'.")
    return names


def _run_tournament(a: argparse.Namespace) -> int:
    from game.sim.tournament import format_report, run_tournament

    bound = _bound_names(a.bound)
    rep = run_tournament(a.games, a.seed, a.difficulty, redraw=not a.self_play_only, bound=bound)
    if a.json:
        extra = {"upper_bound": rep["bound"]} if bound else {}
        print_json({"personalities": rep["personalities"], **extra})
    else:
        print(format_report(rep))
    return 0


command("tournament", "every AI personality against scripted opponents and each other")(_add_tournament)(
    _run_tournament
)


@bench.target("ai")
def bench_ai(repeats: int) -> dict[str, Any]:
    """Decision latency of AI delegations in complete 5-seat self-play games (mixed personalities)."""
    from game.core import apply, legal_actions, load_scenario, new_game, observe
    from game.sim.agents import ai_agents
    from game.sim.simulate import game_seed

    sc = load_scenario()
    per_run = 4
    lat: list[float] = []
    rates: list[float] = []
    for rep in range(repeats):
        t0 = time.perf_counter()
        for i in range(per_run):
            gs = game_seed(rep + 100, i)
            factory = ai_agents("mixed")
            state = new_game(sc, 5, gs)
            agents = {r: factory(r, gs) for r in state.roles}
            while not state.is_over:
                seat = state.to_move
                assert seat is not None
                legal = legal_actions(state, seat)
                view = observe(state, seat)
                t1 = time.perf_counter()
                d = agents[seat].decide(view, legal)
                lat.append(time.perf_counter() - t1)
                state = apply(state, d.action)
        rates.append(per_run / (time.perf_counter() - t0))
    ms = sorted(x * 1000 for x in lat)

    def q(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p * len(ms)))], 3)

    return {
        "target": "ai",
        "decisions": len(ms),
        "latency_ms_p50": q(0.50),
        "latency_ms_p99": q(0.99),
        "latency_ms_max": round(ms[-1], 3),
        "latency_ms_mean": round(statistics.fmean(ms), 3),
        "games_per_second": round(statistics.median(rates), 2),
        "games_per_run": per_run,
        "repeats": repeats,
    }
