"""The command line: headless simulation, schema, and one-sentence errors with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


SIM_KEYS = {
    "games", "seed", "settlements", "shared_losses", "court_collapses", "timeouts",
    "epilogue_aggressions", "wins_by_role", "mean_rounds", "invariant_violations", "errors",
    "games_per_second",
}


def test_simulate_json_has_every_figure_and_the_same_seed_gives_the_same_numbers():
    a = run("simulate", "--games", "12", "--seed", "5", "--seats", "4", "--agents", "random", "--json")
    b = run("simulate", "--games", "12", "--seed", "5", "--seats", "4", "--agents", "random", "--json")
    assert a.returncode == 0, a.stderr
    ja, jb = json.loads(a.stdout), json.loads(b.stdout)
    assert set(ja) == SIM_KEYS
    ja.pop("games_per_second"), jb.pop("games_per_second")
    assert ja == jb
    assert ja["games"] == 12 and ja["invariant_violations"] == 0 and ja["errors"] == 0
    ends = ja["settlements"] + ja["shared_losses"] + ja["court_collapses"] + ja["timeouts"]
    assert ends == 12


def test_simulate_prints_a_readable_summary():
    r = run("simulate", "--games", "5", "--seed", "1", "--agents", "random")
    assert r.returncode == 0 and "settlement" in r.stdout and "invariant violations 0" in r.stdout


def test_schema_scenario_prints_a_json_schema():
    r = run("schema", "scenario")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert schema["title"] == "Board of Peace scenario" and "tracks" in schema["properties"]


@pytest.mark.parametrize(
    "args, words",
    [
        (("simulate", "--games", "ten"), "not a whole number"),
        (("simulate", "--seats", "9"), "outside 3..6"),
        (("simulate", "--scenario", "atlantis"), "Unknown scenario 'atlantis'"),
        (("simulate", "--scenario", "/nope/x.json"), "does not exist"),
        (("frobnicate",), "invalid choice"),
        (("bench", "warp"), "Unknown benchmark 'warp'"),
    ],
)
def test_a_bad_argument_gets_one_sentence_and_exit_code_2(args, words):
    r = run(*args)
    assert r.returncode == 2
    assert words in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_scenario_in_the_data_folder_is_found_by_name(tmp_path):
    # play-test: New game offered the facilitator's saves/scenarios/workshop_full.json, while
    # `--scenario workshop_full` was an unknown scenario to the command line
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "workshop_full.json").write_text(json.dumps({"extends": "frozen_reserve", "name": "Workshop Vault",
                                                          "tokens": 30}), encoding="utf-8")
    r = run("--saves-dir", str(tmp_path), "rulebook", "--scenario", "workshop_full")
    assert r.returncode == 0, r.stderr
    assert "Numbers of the scenario **Workshop Vault**." in r.stdout and "The Vault holds 30 tokens" in r.stdout
    r = run("--saves-dir", str(tmp_path), "rulebook", "--scenario", "atlantis")
    assert r.returncode == 2 and f"or the name of a file in {folder}." in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_malformed_scenario_file_names_the_field(tmp_path):
    data = json.loads((ROOT / "assets" / "scenarios" / "frozen_reserve.json").read_text())
    data["tracks"]["E"] = 42
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(data))
    r = run("simulate", "--games", "1", "--scenario", str(p))
    assert r.returncode == 2 and "tracks.E" in r.stderr and "Traceback" not in r.stderr


def test_a_missing_package_is_named_in_one_sentence_not_a_traceback(tmp_path: Path):
    # a machine where the game was started without `make play`: a dependency cannot be imported
    fake = tmp_path / "platformdirs"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'platformdirs'\", name='platformdirs')\n")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "'platformdirs' is not installed" in proc.stderr and "make play" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def _into_a_closed_pipe(*args: str) -> tuple[int, str]:
    """Run a command whose reader has already gone (``... | head -c 10`` after head exits)."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the command has printed anything
    err = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=300), err


@pytest.mark.parametrize("args", [
    ("simulate", "--games", "3", "--json"),
    ("simulate", "--games", "3"),
    ("rulebook",),
])  # main() handles the closed pipe for every command; simulate --json stands for print_json's others
def test_output_into_a_closed_pipe_ends_quietly(args: tuple[str, ...]) -> None:
    # found in play: `simulate --games 3 --json | head -c 10` ended in a BrokenPipeError traceback
    code, err = _into_a_closed_pipe(*args)
    assert err == "" and code == 141  # 128 + SIGPIPE, as a shell reports a program stopped by it


def test_the_debrief_command_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    from game.persistence import save_game
    from tests.persistence.helpers import finished_game

    save = save_game(finished_game(), "game", folder=tmp_path)
    code, err = _into_a_closed_pipe("debrief", str(save), "--out", str(tmp_path / "d"))
    assert err == "" and code == 141
    assert (tmp_path / "d" / "transcript.txt").exists()  # the work was done; only the listing was cut


def test_rulebook_update_writes_only_the_default_scenario_and_never_inside_the_built_game(monkeypatch, capsys):
    # packaged-build test: `rulebook --update --scenario small_vault` rewrote the bundled rulebook
    # with another scenario's numbers, and the game's Rules screen then showed them
    from game import resources
    from game.cli import main

    rules = ROOT / "docs" / "RULES.md"
    before = rules.read_bytes()
    r = run("rulebook", "--update", "--scenario", "small_vault")
    assert r.returncode == 2 and "print Small Vault's numbers without --update" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and rules.read_bytes() == before
    monkeypatch.setattr(resources, "is_frozen", lambda: True)
    assert main(["rulebook", "--update"]) == 2
    assert "the installed game's rulebook is never changed" in capsys.readouterr().err
    assert rules.read_bytes() == before


def test_a_console_that_is_not_utf8_gets_escapes_not_a_traceback(tmp_path: Path):
    # review F8: with stdout in cp1252 (Windows, output redirected to a file) `rulebook` failed on
    # "≤" and `validate-save` on a save named in Chinese: UnicodeEncodeError, exit 1
    from game.persistence import save_game
    from tests.persistence.helpers import mid_bargain

    save = save_game(mid_bargain(), "会議", folder=tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for args, shown in ((("rulebook",), "\\u2264"), (("validate-save", str(save)), "\\u4f1a\\u8b70.save.json: a good save")):
        r = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, env=env, cwd=ROOT,
                           timeout=300)
        assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr
        assert shown.encode() in r.stdout
