"""Command line: ``python main.py`` opens the game; subcommands do headless work.

Every error a user can cause ends in one sentence on stderr and exit code 2, never a traceback.
Subcommands live in ``COMMANDS``: each is (name, help, add_arguments, run).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from game import __version__
from game.core.errors import GameError
from game.core.rng import SEED_MAX

if TYPE_CHECKING:
    from game.core.scenario import Scenario

EXIT_USAGE = 2


class UsageError(GameError):
    """A bad command-line argument."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one sentence, no usage dump
        msg = message[0].upper() + message[1:] if message else "Bad arguments"
        sys.stderr.write(f"board-of-peace: {msg.rstrip('.')}. Try '{self.prog} --help'.\n")
        raise SystemExit(EXIT_USAGE)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: list[Command] = []


def command(name: str, help: str) -> Callable[[Callable[[argparse.ArgumentParser], None]], Callable[..., Any]]:
    """Register a subcommand: decorate its argument builder, then set ``.runner``."""

    def deco(add: Callable[[argparse.ArgumentParser], None]) -> Callable[..., Any]:
        def bind(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
            COMMANDS.append(Command(name, help, add, run))
            return run

        return bind

    return deco


def int_range(lo: int, hi: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError(f"{v} is outside {lo}..{hi}")
        return v

    return parse


def folder_arg(text: str) -> str:
    """An option that names a folder (``--saves-dir``, ``--save-dir``, ``--out``): an empty name
    is refused, never taken as the current folder or the default one (review: ``debrief --out ""``
    wrote its files into the current folder, ``--saves-dir ""`` meant the default folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a folder's path, not an empty name")
    return text


def out_folder(option: str, arg: str) -> Path:
    """The folder an option such as ``--out`` names, looked at without making it.

    Raises:
        UsageError: it cannot be looked at (a folder on the way the user cannot enter, a name
            too long), or it is a file.
    """
    from game.paths import safe_is_dir, unreachable, why

    path = Path(arg)
    blocked = unreachable(path)
    if blocked is not None:
        raise UsageError(f"{option} {arg} cannot be reached ({why(blocked)}).")
    if path.exists() and not safe_is_dir(path):
        raise UsageError(f"{option} {arg} is a file, not a folder.")
    return path


def writable_folder(option: str, arg: str, who: str) -> Path:
    """``out_folder``, made if need be, with a scratch file written there and removed: a folder
    that cannot be written to is told before any work, not after it (``who``: "the sweep").

    Raises:
        UsageError: as ``out_folder``, or the folder cannot be made or written to.
    """
    from game.paths import why

    path = out_folder(option, arg)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as e:
        raise UsageError(f"{option} {arg} is not a folder {who} can write to ({why(e)}).") from None
    return path


def print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, sort_keys=False))


# ---------------------------------------------------------------------------
# built-in subcommands
# ---------------------------------------------------------------------------


def _add_simulate(p: argparse.ArgumentParser) -> None:
    p.add_argument("--games", type=int_range(1, 1_000_000), default=100, help="number of games")
    p.add_argument("--seed", type=int_range(0, SEED_MAX), default=1, help="master seed")
    p.add_argument("--seats", type=int_range(3, 6), default=5, help="seats at the table (3-6)")
    add_scenario_arg(p)
    p.add_argument("--agents", default=None, help="agent kind for every seat: ai (default) or random")
    p.add_argument("--ai", default=None, help="AI personality for every seat, a comma list per seat, or 'mixed' (default)")
    p.add_argument("--no-check", action="store_true", help="skip invariant checks (faster)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--save-dir", type=folder_arg, default=None,
                   help="write every finished game there as a save (sim-SEED-00001 and on); a folder that holds "
                        "an earlier run's saves of the same seed is refused, never written over")
    p.add_argument("--replace", action="store_true", help="with --save-dir: write over an earlier run's saves")


def add_scenario_arg(p: argparse.ArgumentParser,
                     help: str = "scenario: a bundled name, a .json path, or a file's name in the data folder's "
                                 "scenarios") -> None:
    """``--scenario``, read by ``scenario_arg``."""
    p.add_argument("--scenario", default="frozen_reserve", help=help)


def scenario_arg(arg: str) -> Scenario:
    """``--scenario``: a bundled scenario's name, the path of a .json file, or the name of a file
    in the data folder's ``scenarios`` (the facilitator's own files New game lists; play-test:
    ``--scenario workshop_full`` was unknown to the command line though the game offered it).

    Raises:
        ScenarioError: none of these, in one sentence that names the folder too.
    """
    from game import paths
    from game.core import load_scenario
    from game.core.errors import ScenarioError

    try:
        return load_scenario(arg)
    except ScenarioError as e:
        folder = paths.data_dir() / "scenarios"
        own = folder / (arg if arg.endswith(".json") else arg + ".json")
        if os.sep in arg or "/" in arg or not paths.safe_is_file(own):  # a data folder it cannot enter: none there
            if str(e).startswith("Unknown scenario"):
                raise ScenarioError(f"{str(e).rstrip('.')}, or the name of a file in {folder}.") from None
            raise
        return load_scenario(str(own))


def _run_simulate(a: argparse.Namespace) -> int:
    from game.sim.agents import agent_factory
    from game.sim.simulate import format_summary, simulate

    sc = scenario_arg(a.scenario)
    factory = agent_factory(a.agents, a)
    on_game = None
    if a.replace and not a.save_dir:
        raise UsageError("--replace writes over the saves of an earlier run in --save-dir; give --save-dir too.")
    if a.save_dir:
        from game.persistence.commands import game_saver

        on_game = game_saver(a.save_dir, a.seed, replace=a.replace)
    s = simulate(sc, a.games, a.seed, a.seats, factory, check=not a.no_check, on_game=on_game)
    if a.json:
        print_json(s.as_json())
    else:
        print(format_summary(s, sc.name, a.seats, {r.value: spec.name for r, spec in sc.roles.items()}))
    return 1 if (s.invariant_violations or s.errors) else 0


def _add_bench(p: argparse.ArgumentParser) -> None:
    from game.sim import bench

    p.add_argument("target", help="what to measure: " + ", ".join(sorted(bench.TARGETS) or ["core"]))
    p.add_argument("--repeats", type=int_range(1, 50), default=5)
    p.add_argument("--json", action="store_true", help="print JSON (the default output is JSON too)")


def _run_bench(a: argparse.Namespace) -> int:
    from game.sim import bench

    fn = bench.TARGETS.get(a.target)
    if fn is None:
        raise UsageError(f"Unknown benchmark '{a.target}'; choose one of {', '.join(sorted(bench.TARGETS))}.")
    print_json(fn(a.repeats))
    return 0


def _add_schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=["scenario"], help="which schema to print")


def _run_schema(a: argparse.Namespace) -> int:
    from game.core.scenario import scenario_json_schema

    print_json(scenario_json_schema())
    return 0


def _add_rulebook(p: argparse.ArgumentParser) -> None:
    p.add_argument("--update", action="store_true", help="rewrite the numbers section of docs/RULES.md")
    add_scenario_arg(p, "scenario whose numbers to print (as for simulate)")


def _run_rulebook(a: argparse.Namespace) -> int:
    from game.core.rulebook import numbers_block, replace_block
    from game.resources import resource_path

    sc = scenario_arg(a.scenario)
    block = numbers_block(sc)
    if not a.update:
        print(block)
        return 0
    from game.core import load_scenario
    from game.resources import is_frozen

    if is_frozen():  # the bundle is read-only by design (docs/PACKAGING.md); its Rules screen reads this file
        raise UsageError("--update rewrites docs/RULES.md in a source checkout; the installed game's rulebook "
                         "is never changed (print the numbers without --update).")
    if sc != load_scenario():  # the book's text and its numbers are the default scenario's
        raise UsageError(f"--update writes the default scenario's numbers into docs/RULES.md, whose text is "
                         f"about that scenario; print {sc.name}'s numbers without --update instead.")
    path = resource_path("docs", "RULES.md")
    try:
        text = path.read_text(encoding="utf-8")
        path.write_text(replace_block(text, block), encoding="utf-8")
    except OSError as e:
        raise UsageError(f"Cannot update {path} ({e.strerror}).") from None
    print(f"Updated the numbers in {path}.")
    return 0


command("rulebook", "print (or --update) the numbers section of docs/RULES.md")(_add_rulebook)(_run_rulebook)
command("simulate", "play headless games and summarise them")(_add_simulate)(_run_simulate)
command("bench", "measure speed; prints JSON")(_add_bench)(_run_bench)
command("schema", "print a JSON Schema (scenario)")(_add_schema)(_run_schema)


def _load_plugins() -> None:
    """Subcommands that live with their layer register themselves on import."""
    import importlib

    for mod in ("game.sim.commands", "game.persistence.commands", "game.ui.commands"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            # a layer that is not there (yet) is fine; a broken import inside one is not
            if not e.name or not mod.startswith(e.name):
                raise


def build_parser() -> argparse.ArgumentParser:
    _load_plugins()
    p = _Parser(prog="board-of-peace", description="Board of Peace: a diplomacy board game.")
    p.add_argument("--version", action="version", version=f"Board of Peace {__version__}")
    from game.paths import default_data_dir

    p.add_argument("--saves-dir", type=folder_arg, default=None, help="folder for everything the game writes: saves, settings, "
                   f"crash logs, your scenarios (default: {default_data_dir()})")
    p.add_argument("--smoke", action="store_true", help="start offscreen, draw, save and load, exit")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    seen: set[str] = set()
    for c in COMMANDS:
        if c.name in seen:
            continue
        seen.add(c.name)
        sp = sub.add_parser(c.name, help=c.help, description=c.help)
        c.add_arguments(sp)
        sp.set_defaults(_run=c.run)
    return p


def _open_game(a: argparse.Namespace) -> int:
    try:
        from game.ui.app import run_app
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith("game.ui"):
            sys.stderr.write("board-of-peace: the table is not built yet; try 'simulate'.\n")
            return EXIT_USAGE
        raise
    return int(run_app(a) or 0)


EXIT_BROKEN_PIPE = 141  # what a shell reports for a program stopped by SIGPIPE (128 + 13)


def _tolerant_stdout() -> None:
    """Text stdout cannot encode (a console or a redirect in cp1252 on Windows: the rulebook's
    "≤", a save named in Chinese) comes out as ``\\u2264`` escapes, as on stderr, instead of a
    UnicodeEncodeError traceback (review F8)."""
    try:
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # not a text stream of its own (a test's capture, a closed one)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; output cut short by a closed pipe (``... | head``) ends quietly."""
    _tolerant_stdout()
    try:
        try:
            return _main(argv)
        finally:  # also after --help's SystemExit: a closed pipe may show only at this flush
            sys.stdout.flush()
    except BrokenPipeError:
        # the reader has gone: nothing more can be said, and Python's own flush at exit must
        # not complain either, so stdout now points at devnull (the recipe in the signal docs)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # no real file behind stdout (a test's capture)
            pass
        return EXIT_BROKEN_PIPE


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from game.paths import set_saves_dir

    set_saves_dir(args.saves_dir)  # --saves-dir; None keeps the default folder
    try:
        run = getattr(args, "_run", None)
        if run is None:
            if args.smoke:
                from game.ui.smoke import run_smoke

                return int(run_smoke(args))
            return _open_game(args)
        return int(run(args))
    except GameError as e:
        sys.stderr.write(f"board-of-peace: {e}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
