"""Benchmarks: commands that print JSON (``python main.py bench TARGET --json``).

Speed is measured here, never asserted in tests. Each target returns a dict of figures;
medians over repeats. Other layers register their targets in ``TARGETS``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

BenchFn = Callable[[int], dict[str, Any]]
TARGETS: dict[str, BenchFn] = {}


def target(name: str) -> Callable[[BenchFn], BenchFn]:
    def deco(fn: BenchFn) -> BenchFn:
        TARGETS[name] = fn
        return fn

    return deco


@target("core")
def bench_core(repeats: int) -> dict[str, Any]:
    """Complete 5-seat games between random legal agents, one core, no invariant checks."""
    from game.core import load_scenario
    from game.sim.simulate import game_seed, play_game

    sc = load_scenario()
    per_run = 40
    rates: list[float] = []
    actions = 0
    for rep in range(repeats):
        t0 = time.perf_counter()
        for i in range(per_run):
            state, _ = play_game(sc, 5, game_seed(rep, i), check=False)
            actions += len(state.actions)
        rates.append(per_run / (time.perf_counter() - t0))
    return {
        "target": "core",
        "games_per_second": round(statistics.median(rates), 1),
        "games_per_second_runs": [round(r, 1) for r in rates],
        "actions_per_game": round(actions / (per_run * repeats), 1),
        "games_per_run": per_run,
        "repeats": repeats,
    }
