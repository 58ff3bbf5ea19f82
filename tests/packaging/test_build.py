"""The desktop build: PyInstaller builds the game from build.spec, and the built game works.

One onedir build per test session (about 10 s on 2 cores, into a pytest temp folder, never
./dist) is shared by the tests below. They run the built binary the way a player's machine
would: no repo on the path, a throwaway home folder, and check ``--smoke``, ``--version``, the
bundled files, the per-user data folder and one-sentence errors. ``--smoke`` from source and
the icon files are checked without a build.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import __version__
from tests.packaging.buildtools import ROOT, Build, build, clean_env, run, smoke_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def onedir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    pytest.importorskip("PyInstaller")
    out = tmp_path_factory.mktemp("pyinstaller")
    b = build(out, onefile=False)
    # Printed so `pytest -s` shows the build's cost; speed is not asserted (see docs/PACKAGING.md).
    print(f"\nPyInstaller onedir build: {b.seconds:.1f} s")
    yield b
    shutil.rmtree(out, ignore_errors=True)  # ~150 MB; pytest would keep three runs' worth


@pytest.fixture()
def player_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def _internal(b: Build) -> Path:
    return b.root / "_internal"


# ---------------------------------------------------------------------------
# the built game
# ---------------------------------------------------------------------------


def test_onedir_build_puts_the_program_in_its_own_folder(onedir: Build) -> None:
    assert onedir.binary.is_file()
    assert onedir.binary.parent.name == "board-of-peace"
    assert os.access(onedir.binary, os.X_OK)


def test_built_game_smoke_draws_title_and_table_and_round_trips_a_save(onedir: Build, player_home: Path,
                                                                      tmp_path: Path) -> None:
    # Run from an unrelated folder: the bundle must find its files through sys._MEIPASS.
    proc = run(onedir.binary, "--smoke", env=clean_env(player_home), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = smoke_report(proc)
    assert report["ok"] is True
    assert report["frozen"] is True
    assert report["version"] == __version__
    assert report["window_title"] == "Board of Peace"
    # Once the UI has its scenes the smoke must draw them, not the fallbacks.
    if (ROOT / "game" / "ui" / "scenes" / "title.py").exists():
        assert report["title"] == "TitleScene"
    if (ROOT / "game" / "ui" / "scenes" / "table.py").exists():
        assert report["table"] == "TableScene"
    if (ROOT / "game" / "ui" / "scenes" / "setup.py").exists():
        assert report["setup"] == "SetupScene"  # pygame_gui text fields drawn inside the bundle
    assert report["table_phase"] != "over"
    colours = report["colours"]
    assert isinstance(colours, list) and min(colours) > 8
    save_load = report["save_load"]
    assert isinstance(save_load, dict) and save_load["bytes"] > 0
    assert "OFL.txt" not in report["fonts"] and report["fonts"]


def test_built_game_keeps_user_data_in_the_per_user_folder(onedir: Build, player_home: Path,
                                                           tmp_path: Path) -> None:
    proc = run(onedir.binary, "--smoke", env=clean_env(player_home), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data_dir = Path(str(smoke_report(proc)["data_dir"]))
    if sys.platform.startswith("linux"):
        assert data_dir == player_home / ".local" / "share" / "BoardOfPeace"
    assert onedir.root not in data_dir.parents and ROOT not in data_dir.parents
    # The smoke saved into a temporary folder only: nothing appeared in the player's folders,
    # the working directory, or the bundle.
    assert not data_dir.exists() or not any(data_dir.rglob("*.json"))
    assert list(tmp_path.iterdir()) == [player_home]
    assert not (_internal(onedir) / "saves").exists()


def test_built_game_answers_version(onedir: Build, player_home: Path) -> None:
    proc = run(onedir.binary, "--version", env=clean_env(player_home))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"Board of Peace {__version__}"


def test_built_game_refuses_a_bad_argument_in_one_sentence(onedir: Build, player_home: Path) -> None:
    proc = run(onedir.binary, "--no-such-option", env=clean_env(player_home))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_built_game_runs_headless_tools(onedir: Build, player_home: Path) -> None:
    # The command-line tools ship in the same binary; a short simulation exercises the core and AI.
    proc = run(onedir.binary, "simulate", "--games", "2", "--seed", "3", "--json",
               env=clean_env(player_home))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["games"] == 2


def test_bundle_carries_every_asset_and_the_rules(onedir: Build) -> None:
    wanted = {p.relative_to(ROOT).as_posix() for p in (ROOT / "assets").rglob("*")
              if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts}
    inside = {p.relative_to(_internal(onedir)).as_posix() for p in (_internal(onedir) / "assets").rglob("*")
              if p.is_file()}
    assert wanted <= inside, f"not bundled: {sorted(wanted - inside)}"
    for must in ("assets/fonts/OFL.txt", "assets/images/icon.png", "assets/i18n/en.json",
                 "assets/scenarios/frozen_reserve.json"):
        assert must in inside
    rules = _internal(onedir) / "docs" / "RULES.md"
    assert rules.read_bytes() == (ROOT / "docs" / "RULES.md").read_bytes()


def test_bundle_leaves_out_dev_tools_and_unused_libraries(onedir: Build) -> None:
    names = {p.name for p in _internal(onedir).iterdir()}
    for unwanted in ("tkinter", "_tkinter", "pytest", "_pytest", "hypothesis", "PyInstaller", "mypy",
                     "tests", "setuptools"):
        assert unwanted not in names
    libs = " ".join(sorted(names))
    assert "libtk" not in libs and "libtcl" not in libs
    assert "libssl" not in libs  # no networking in the game
    if "pygame_gui" not in names:  # bundled only when the game imports it
        return
    # pygame_gui keeps its default theme, its Latin and symbol fonts, and loses 39 MB of others.
    data = _internal(onedir) / "pygame_gui" / "data"
    fonts = {p.name for p in data.glob("*.?tf")}
    assert {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "FiraCode-Regular.ttf"} <= fonts
    assert (data / "default_theme.json").is_file()
    assert (data / "licenses" / "NotoSans-LICENSE.txt").is_file()  # the fonts travel with their licence
    assert (data / "licenses" / "FiraCode-LICENSE.txt").is_file()
    assert not any(k in f for f in fonts for k in ("JP", "KR", "SC", "Arabic", "Hebrew", "Georgian"))


@pytest.mark.soak
def test_onefile_build_fits_in_60_mb_and_passes_smoke(tmp_path: Path, player_home: Path) -> None:
    # Behind --soak: a second build costs ~17 s more on 2 cores. The 60 MB budget is the issue's.
    pytest.importorskip("PyInstaller")
    b = build(tmp_path / "onefile", onefile=True)
    assert b.binary.is_file() and b.root == b.binary
    assert b.binary.stat().st_size <= 60 * 1024 * 1024
    proc = run(b.binary, "--smoke", env=clean_env(player_home), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert smoke_report(proc)["frozen"] is True
    version = run(b.binary, "--version", env=clean_env(player_home))
    assert version.stdout.strip() == f"Board of Peace {__version__}"


# ---------------------------------------------------------------------------
# without a build
# ---------------------------------------------------------------------------


def test_smoke_from_source_passes_and_says_it_is_not_frozen(player_home: Path, tmp_path: Path) -> None:
    env = clean_env(player_home)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    report = smoke_report(proc)
    assert report["ok"] is True and report["frozen"] is False
    assert Path(str(report["data_dir"])) == ROOT / "saves"
    # with --saves-dir, the folder it names (play-test: the report said the default folder)
    mine = tmp_path / "my saves"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--saves-dir", str(mine), "--smoke"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert Path(str(smoke_report(proc)["data_dir"])) == mine


def test_smoke_table_shows_a_game_in_the_middle_of_round_two() -> None:
    from game.core import Phase, check_invariants
    from game.ui.smoke import mid_game_state

    state = mid_game_state()
    assert not state.is_over
    assert state.round >= 2 and state.phase in (Phase.BARGAIN, Phase.VOTE)
    assert check_invariants(state) == []
    assert mid_game_state() == state  # the same frame on every run


def test_smoke_names_a_missing_bundled_file_in_one_sentence(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from game.ui import smoke

    monkeypatch.setattr(smoke, "REQUIRED_FILES", smoke.REQUIRED_FILES + (("assets", "nope.json"),))
    assert smoke.run_smoke(None) == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err]
    assert "assets/nope.json" in err


def test_smoke_fails_when_the_loaded_game_differs(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import game.persistence as persistence
    from game.ui import smoke

    real_load = persistence.load_game

    def tampered(path: object) -> object:
        st = real_load(path)  # type: ignore[arg-type]
        return st.model_copy(update={"round": st.round + 1})

    monkeypatch.setattr(persistence, "load_game", tampered)
    assert smoke.run_smoke(None) == 1
    assert "differs from the saved one" in capsys.readouterr().err


def test_bundled_files_are_found_only_through_resource_path() -> None:
    # Inside a bundle the repo layout is gone: a path built from __file__, the working folder or a
    # bare "assets/..." string works from source and breaks in the built game.
    import re

    bad = re.compile(r"__file__|Path\.cwd\(|os\.getcwd\(|(?:Path|open)\(\s*[\"'](?:assets|docs)[/\"']")
    offenders = []
    for f in sorted((ROOT / "game").rglob("*.py")):
        if f.name == "resources.py" and f.parent.name == "game":
            continue  # the one place allowed to know where the repo is
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if bad.search(line):
                offenders.append(f"{f.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_icon_files_hold_the_drawn_icon() -> None:
    import pygame

    img = pygame.image.load(str(ROOT / "assets" / "images" / "icon.png"))
    assert img.get_size() == (256, 256)
    assert img.get_at((0, 0)).a == 0  # rounded corners are transparent
    assert img.get_at((128, 128)).a == 255
    ico = (ROOT / "assets" / "images" / "icon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 4
    icns = (ROOT / "assets" / "images" / "icon.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_built_game_can_hash_a_facilitator_pin(onedir: Build) -> None:
    """The PIN uses hashlib.pbkdf2_hmac, which needs OpenSSL's _hashlib from Python 3.12 on."""
    internal = _internal(onedir)
    assert any(p.name.startswith("_hashlib") for p in internal.rglob("_hashlib*"))


def test_smoke_needs_every_font_face_and_a_missing_one_is_said_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # packaged-build test: with NotoSans-Italic.ttf deleted the smoke check passed, and the game drew
    # its italic lines in pygame's default font without a word
    import pygame

    from game import resources
    from game.ui import smoke, theme

    real = resources.resource_path
    gone = tmp_path / "NotoSans-Italic.ttf"  # never created
    monkeypatch.setattr(resources, "resource_path",
                        lambda *p: gone if p[-1:] == ("NotoSans-Italic.ttf",) else real(*p))
    assert smoke.run_smoke(None) == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err] and "assets/fonts/NotoSans-Italic.ttf" in err
    pygame.font.init()
    ctx = theme.Ctx(1280, 720)
    ctx.font(14, "italic")
    ctx.font(20, "italic")  # another size of the same face: not said again
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err] and "NotoSans-Italic.ttf cannot be read; using pygame's default font" in err
    assert ctx.font(14, "italic").get_height() > 0  # still drawn, in pygame's own font


def test_bench_ui_measures_the_start_of_a_built_game_through_its_smoke_check() -> None:
    # packaged-build test: `bench ui` gave startup -1 in the built game, whose executable runs no
    # `-c` code; there it reads its own smoke check's first frame (from source: main.py --smoke)
    from game.ui.commands import _startup_ms

    ms = _startup_ms(frozen=True)
    assert 0 < ms < 120_000
