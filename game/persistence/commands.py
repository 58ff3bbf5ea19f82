"""Command-line tools for saves and workshops: ``validate-save``, ``debrief``, ``sweep``,
``bench persistence``, and the hook behind ``simulate --save-dir``.

``game.cli`` imports this module on start-up; each command registers itself with
``game.cli.command``. User errors raise ``GameError`` subclasses: one sentence, exit code 2.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli import (
    UsageError,
    add_scenario_arg,
    command,
    folder_arg,
    int_range,
    out_folder,
    print_json,
    writable_folder,
)
from game.core import GameState
from game.core.rng import SEED_MAX
from game.paths import why
from game.sim.bench import target

# ---------------------------------------------------------------------------
# simulate --save-dir
# ---------------------------------------------------------------------------


def game_saver(folder: str | Path, master_seed: int, replace: bool = False) -> Callable[[GameState], None]:
    """An ``on_game`` hook for ``simulate``: write every finished game to ``folder`` as a save,
    ``sim-SEED-00001`` and on. Saves of an earlier run there with the same seed are written over
    only with ``replace`` (review: a second run replaced the first's games without a word, even
    games of another scenario; ``debrief`` already refused to write over an earlier debrief).

    Raises:
        UsageError: ``folder`` is a file, or cannot be reached, made or written to, or (without
            ``replace``) holds saves this run would write over; told before any game is played.
    """
    from game.persistence import save_game
    from game.persistence.store import SUFFIX

    d = writable_folder("--save-dir", str(folder), "simulate")
    mine = re.compile(rf"sim-{master_seed}-\d{{5,}}{re.escape(SUFFIX)}")
    try:
        there = sorted(p.name for p in d.iterdir() if mine.fullmatch(p.name))
    except OSError as e:
        raise UsageError(f"--save-dir {folder} cannot be read ({why(e)}).") from None
    if there and not replace:
        raise UsageError(f"--save-dir {folder} already holds the saves of an earlier run with seed {master_seed} "
                         f"({there[0]}{' and more' if len(there) > 1 else ''}); give a new folder or another --seed, "
                         "or add --replace to write over them.")
    count = [0]

    def on_game(state: GameState) -> None:
        count[0] += 1
        name = f"sim-{master_seed}-{count[0]:05d}"
        save_game(state, name, folder=d, kind="simulated")

    return on_game


# ---------------------------------------------------------------------------
# validate-save
# ---------------------------------------------------------------------------


def _add_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the save file to check")


def _run_validate(a: argparse.Namespace) -> int:
    from game.core import RULES_VERSION
    from game.persistence import load_session

    loaded = load_session(a.file)  # SaveFormatError -> one sentence, exit 2
    state = loaded.state
    how = f"over ({state.outcome_reason.value})" if state.outcome_reason else f"{state.phase.value} step"
    if loaded.older_rules is not None:
        # it loads, but from its checked snapshot: say so, not that its log replays (play-test)
        replays = (f"{len(state.actions)} actions played under older rules (version {loaded.older_rules}, "
                   f"today's is {RULES_VERSION}): the game resumes from its checked snapshot, its log kept as history")
    else:
        replays = f"{len(state.actions)} actions that replay to the saved state"
    print(
        f"{Path(a.file).name}: a good save of '{state.scenario.name}', round {state.round}, {how}, "
        f"{replays}."
    )
    return 0


command("validate-save", "check a save file: exit 0 if good, 2 with the reason if not")(_add_validate)(_run_validate)


# ---------------------------------------------------------------------------
# bench persistence
# ---------------------------------------------------------------------------


def _long_finished_game() -> GameState:
    """A finished game with many actions (the longest of a few seeded random games)."""
    from game.core import load_scenario
    from game.sim.simulate import game_seed, play_game

    sc = load_scenario()
    games = [play_game(sc, 5, game_seed(7, i), check=False)[0] for i in range(12)]
    return max(games, key=lambda s: len(s.actions))


@target("persistence")
def bench_persistence(repeats: int) -> dict[str, Any]:
    """Save (atomic, fsynced) and load (decode, validate, replay, compare) a finished game."""
    from game.persistence import load_game, save_game

    state = _long_finished_game()
    saves: list[float] = []
    loads: list[float] = []
    inner = 10
    with tempfile.TemporaryDirectory() as d:
        for _ in range(repeats):
            for k in range(inner):
                t0 = time.perf_counter()
                path = save_game(state, f"bench {k}", folder=d)
                t1 = time.perf_counter()
                loaded = load_game(path)
                t2 = time.perf_counter()
                assert loaded == state
                saves.append((t1 - t0) * 1000)
                loads.append((t2 - t1) * 1000)
        size = path.stat().st_size
    return {
        "target": "persistence",
        "save_ms_median": round(statistics.median(saves), 2),
        "load_ms_median": round(statistics.median(loads), 2),
        "save_ms_max": round(max(saves), 2),
        "load_ms_max": round(max(loads), 2),
        "budget_ms": 20,
        "within_budget": statistics.median(saves) <= 20 and statistics.median(loads) <= 20,
        "actions_in_game": len(state.actions),
        "file_bytes": size,
        "runs": repeats * inner,
    }


__all__ = ["game_saver", "bench_persistence", "print_json", "int_range"]


# ---------------------------------------------------------------------------
# debrief
# ---------------------------------------------------------------------------


def _add_debrief(p: argparse.ArgumentParser) -> None:
    p.add_argument("save", help="a save file (finished games give the full debrief)")
    p.add_argument("--out", type=folder_arg, required=True, help="folder for the charts, summary, CSV and transcript")
    p.add_argument("--replace", action="store_true", help="write over a debrief already in --out")


def _debrief_files_in(out: Path) -> list[str]:
    """The names of debrief files already in ``out`` (a facilitator's play-test: a second export
    to the same folder wrote over the first without a word; the in-game export never does)."""
    if not out.is_dir():
        return []
    fixed = {"summary.png", "summary.html", "rounds.csv", "transcript.txt"}
    try:
        names = [p.name for p in out.iterdir()]
    except OSError as e:  # a folder that cannot be listed cannot be checked: it is not written either
        raise UsageError(f"--out {out} cannot be read ({why(e)}).") from None
    return sorted(n for n in names if n in fixed or (n.startswith("chart_") and n.endswith(".png")))


def _run_debrief(a: argparse.Namespace) -> int:
    from game.persistence import load_session
    from game.persistence.debrief import write_debrief

    loaded = load_session(a.save)
    state = loaded.state
    out = writable_folder("--out", a.out, "the debrief")
    there = _debrief_files_in(out)
    if there and not a.replace:
        raise UsageError(f"--out {a.out} already holds a debrief ({there[0]}{' and more' if len(there) > 1 else ''}); "
                         "give a new folder, or add --replace to write over it.")
    try:
        said = [(n.seq, n.role, n.text) for n in loaded.reasons if not n.sealed]  # a sealed ballot's stays sealed
        written = write_debrief(state, out, said)
    except OSError as e:
        raise UsageError(f"The debrief could not be written to {a.out} ({why(e)}).") from None
    print(f"Debrief of '{state.scenario.name}' written to {out}:")
    for p in written:
        print(f"  {p.name}")
    return 0


command("debrief", "write debrief charts, summary, CSV and transcript for a save")(_add_debrief)(_run_debrief)


# ---------------------------------------------------------------------------
# sweep
# ---------------------------------------------------------------------------


def _add_sweep(p: argparse.ArgumentParser) -> None:
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--policy", help="Custodian policies, comma-separated, e.g. release-first,conditional,hold "
                       "(each is explained below)")
    which.add_argument("--param", help="a scenario number and its values, e.g. tokens=18,24,30")
    p.add_argument("--games", type=int_range(1, 100_000), default=100, help="games per value")
    p.add_argument("--seed", type=int_range(0, SEED_MAX), default=1, help="master seed")
    p.add_argument("--seats", type=int_range(3, 6), default=5, help="seats at the table (3-6)")
    add_scenario_arg(p)
    p.add_argument("--personality", default="pragmatist",
                   help="personality of the AI seats: hawk, dove, pragmatist, opportunist or random (default pragmatist)")
    p.add_argument("--difficulty", default="normal", help="difficulty of the AI seats: easy, normal or hard (default normal)")
    p.add_argument("--json", action="store_true", help='print {"rows": [...]}')
    p.add_argument("--out", type=folder_arg, default=None, help="folder for sweep.png, sweep.json and sweep.csv")
    # a facilitator's play-test: --help named the policies but never said what each one does
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = SWEEP_POLICIES_HELP


SWEEP_POLICIES_HELP = """\
policies (the Custodian's, and the Partners' at 6 seats; every other seat is the AI):
  release-first  deals by Release only and votes for every Release deal; looks away
                 from a detected breach and lets leverage erode
  conditional    deals by Escrow + snapback only and votes against Release; builds
                 Ceasefire Monitors when it can, reimposes after a breach and pays to
                 hold the Vault
  hold           nothing leaves the Vault: walks away from and votes against every
                 transfer; votes for snapbacks, reimposes and holds

Each policy plays --games seeded games; the report compares settlements, rounds to peace,
shared losses and new aggression after the Epilogue. With --param, the Custodian is the AI
too and one scenario number takes each value in turn (e.g. --param tokens=18,24,30)."""


def _run_sweep(a: argparse.Namespace) -> int:
    import json

    from game.ai import DIFFICULTIES, PERSONALITIES
    from game.cli import scenario_arg
    from game.sim import sweep as S

    if a.personality not in (*PERSONALITIES, "random"):
        raise UsageError(f"Unknown personality '{a.personality}'; choose from {', '.join(PERSONALITIES)}.")
    if a.difficulty not in DIFFICULTIES:
        raise UsageError(f"Unknown difficulty '{a.difficulty}'; choose from {', '.join(DIFFICULTIES)}.")
    out = out_folder("--out", a.out) if a.out else None

    def check_out() -> None:
        """Make the --out folder and write a scratch file there before the first game is played
        (a sweep can take minutes; a folder that cannot be written is told at once)."""
        if a.out:
            writable_folder("--out", a.out, "the sweep")

    sc = scenario_arg(a.scenario)  # a bundled name, a .json path or a file of the data folder's scenarios
    if a.policy is not None:
        policies = [p.strip() for p in a.policy.split(",") if p.strip()]
        if not policies:
            raise UsageError("--policy needs at least one policy.")
        rows = S.sweep_policies(sc, policies, a.games, a.seed, a.seats, a.personality, a.difficulty, before=check_out)
        title = "Custodian policy sweep"
        swept = "policy"
    else:
        name, values = S.parse_param(a.param)
        rows = S.sweep_param(sc, name, values, a.games, a.seed, a.seats, a.personality, a.difficulty, before=check_out)
        title = f"Sweep of {name}"
        swept = name
    table = S.Table(sc.name, a.seats, a.games, a.seed, a.personality, a.difficulty)
    data = {**table.as_json(), "swept": swept, "rows": [r.as_json() for r in rows], "reading": S.reading(rows)}
    if a.json:
        print_json(data)
    else:
        print(S.format_table(rows, table))
    if out is not None:
        from game.persistence.charts import render_sweep_chart, save_png

        try:
            out.mkdir(parents=True, exist_ok=True)
            labelled = [{**r.as_json(), "value": r.label} for r in rows]
            save_png(render_sweep_chart(labelled, title=title, subtitle=table.describe(), reading=S.reading(rows) or ""),
                     out / "sweep.png")
            (out / "sweep.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
            keys = list(data["rows"][0]) if data["rows"] else []  # the JSON row's fields, in order
            lines = [",".join(keys)]
            lines += [",".join("" if r[k] is None else str(r[k]) for k in keys) for r in data["rows"]]
            (out / "sweep.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        except OSError as e:
            raise UsageError(f"The sweep chart could not be written to {a.out} ({why(e)}).") from None
    return 0


command("sweep", "play AI games under each policy or parameter value and compare the outcomes")(_add_sweep)(_run_sweep)
