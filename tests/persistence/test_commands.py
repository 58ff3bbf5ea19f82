"""The command-line tools: validate-save exit codes and sentences, simulate --save-dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.persistence import list_saves, load_game, save_game
from tests.persistence.helpers import mid_bargain


def test_validate_save_accepts_a_good_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = save_game(mid_bargain(), "good", folder=tmp_path)
    assert main(["validate-save", str(p)]) == 0
    out = capsys.readouterr()
    assert "a good save" in out.out and out.err == ""


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"schema_version": 99}'])
def test_validate_save_refuses_a_bad_file_with_exit_2_and_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    p = tmp_path / "bad.save.json"
    p.write_bytes(content)
    assert main(["validate-save", str(p)]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("board-of-peace: Cannot load bad.save.json: ")
    assert "Traceback" not in out.err


def test_simulate_with_save_dir_writes_every_finished_game(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "sims"
    assert main(["simulate", "--games", "3", "--seed", "5", "--save-dir", str(d), "--json"]) == 0
    infos = list_saves(d)
    assert len(infos) == 3
    assert all(i.kind == "simulated" and i.over and i.error is None for i in infos)
    assert all(load_game(i.path).is_over for i in infos)


def test_simulate_save_dir_that_is_a_file_is_a_one_sentence_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    assert main(["simulate", "--games", "1", "--save-dir", str(f)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_a_second_simulate_into_the_same_folder_never_writes_over_the_first_runs_saves(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # review F9: a second run with the same seed replaced sim-1-00001... of the first without a
    # word, even games of another scenario; it is refused as a second debrief is
    d = tmp_path / "runs"
    assert main(["simulate", "--games", "2", "--seed", "1", "--save-dir", str(d), "--json"]) == 0
    first = {p.name: p.read_bytes() for p in d.iterdir()}
    assert sorted(first) == ["sim-1-00001.save.json", "sim-1-00002.save.json"]
    capsys.readouterr()
    assert main(["simulate", "--games", "2", "--seed", "1", "--scenario", "small_vault", "--save-dir", str(d)]) == 2
    err = capsys.readouterr().err
    assert err == (f"board-of-peace: --save-dir {d} already holds the saves of an earlier run with seed 1 "
                   "(sim-1-00001.save.json and more); give a new folder or another --seed, or add --replace to write "
                   "over them.\n")
    assert {p.name: p.read_bytes() for p in d.iterdir()} == first  # nothing lost, nothing added
    # another seed keeps both runs; --replace writes over the earlier one (kept as .bak)
    assert main(["simulate", "--games", "1", "--seed", "2", "--save-dir", str(d), "--json"]) == 0
    assert main(["simulate", "--games", "1", "--seed", "1", "--scenario", "small_vault", "--save-dir", str(d),
                 "--replace", "--json"]) == 0
    infos = {i.path.name: i for i in list_saves(d)}
    assert sorted(infos) == ["sim-1-00001.save.json", "sim-1-00002.save.json", "sim-2-00001.save.json"]
    assert load_game(d / "sim-1-00001.save.json").scenario.name == "Small Vault"
    assert (d / "sim-1-00001.save.json.bak").read_bytes() == first["sim-1-00001.save.json"]
    capsys.readouterr()
    assert main(["simulate", "--games", "1", "--replace"]) == 2
    assert "give --save-dir too" in capsys.readouterr().err


def test_saves_dir_option_sets_the_default_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game import paths

    try:
        assert main(["--saves-dir", str(tmp_path / "x"), "validate-save", str(tmp_path / "missing.save.json")]) == 2
        assert paths.saves_dir() == tmp_path / "x"
    finally:
        paths.set_saves_dir(None)


LONG = "a" * 300  # a name longer than any file system allows (ENAMETOOLONG)


def _one_sentence(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("board-of-peace: ") and "Traceback" not in err
    return err.strip()


def _run(args: list[str], tmp_path: Path, folder: Path) -> int:
    """``main(args)`` with SAVE a good save's path and DIR ``folder``'s (the data folder put back)."""
    from game import paths

    save = save_game(mid_bargain(), "good", folder=tmp_path)
    try:
        return main([str(save) if x == "SAVE" else x.replace("DIR", str(folder)) for x in args])
    finally:
        paths.set_saves_dir(None)


PATH_CASES = [
    (["simulate", "--games", "1", "--scenario", "DIR/x.json"], "Scenario file x.json cannot be read ({why})."),
    (["simulate", "--games", "1", "--save-dir", "DIR/sub"], "--save-dir DIR/sub cannot be reached ({why})."),
    (["debrief", "SAVE", "--out", "DIR/sub"], "--out DIR/sub cannot be reached ({why})."),
    (["sweep", "--policy", "hold", "--games", "1", "--out", "DIR/sub"], "--out DIR/sub cannot be reached ({why})."),
    (["screenshots", "--out", "DIR/sub"], "--out DIR/sub cannot be reached ({why})."),
    (["--saves-dir", "DIR/sub", "simulate", "--games", "1", "--scenario", "workshop"],
     "or the name of a file in DIR/sub/scenarios."),
]


@pytest.mark.parametrize("args, said", PATH_CASES)
def test_paths_in_a_folder_that_cannot_be_entered_are_one_sentence_and_exit_2(
        args: list[str], said: str, tmp_path: Path, closed_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # review F4: Path.exists()/is_dir()/is_file() raise PermissionError for a path in a folder
    # of another user; each of these printed a traceback (exit 1)
    assert _run(args, tmp_path, closed_folder) == 2
    assert _one_sentence(capsys).endswith(said.replace("DIR", str(closed_folder)).format(why="Permission denied"))


@pytest.mark.parametrize("args, said", PATH_CASES)
def test_paths_with_a_name_too_long_are_one_sentence_and_exit_2(
        args: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = tmp_path / LONG
    args = [x.replace("DIR/sub", "DIR").replace("DIR/x.json", "DIR.json") for x in args]
    said = said.replace("DIR/sub", "DIR").replace("file x.json", f"file {LONG}.json")
    assert _run(args, tmp_path, long) == 2
    assert _one_sentence(capsys).endswith(said.replace("DIR", str(long)).format(why="File name too long"))


@pytest.mark.parametrize("args, who", [
    (["debrief", "SAVE", "--out", "DIR"], "the debrief"),
    (["simulate", "--games", "1", "--save-dir", "DIR"], "simulate"),
    (["sweep", "--policy", "hold", "--games", "1", "--out", "DIR"], "the sweep"),
    (["screenshots", "--out", "DIR"], "screenshots"),
])
def test_a_folder_that_cannot_be_written_is_told_before_any_work(
        args: list[str], who: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # review F4: an existing folder that could not be written (chattr +i) stopped `debrief` and
    # `screenshots` with pygame's own error ("Couldn't open .../chart_tracks.png"), which is not
    # an OSError: a traceback
    import errno
    import tempfile

    locked = tmp_path / "locked"
    locked.mkdir()
    real = tempfile.TemporaryFile

    def temporary_file(*a: object, dir: object = None, **kw: object) -> object:  # noqa: A002 - as chattr +i does
        if dir is not None and Path(str(dir)) == locked:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real(*a, dir=dir, **kw)  # type: ignore[call-overload]

    def image_save(*a: object, **kw: object) -> None:  # what pygame says for such a folder
        raise pygame.error(f"Couldn't open {locked}/x.png: Operation not permitted")

    import pygame

    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)
    monkeypatch.setattr(pygame.image, "save", image_save)
    assert _run(args, tmp_path, locked) == 2
    opt = "--save-dir" if "--save-dir" in args else "--out"
    assert _one_sentence(capsys).endswith(f"{opt} {locked} is not a folder {who} can write to (Operation not permitted).")
    assert list(locked.iterdir()) == []


def test_a_chart_that_cannot_be_written_is_an_os_error_not_pygames_own(tmp_path: Path) -> None:
    # review F4: pygame.error is not an OSError, so the commands' `except OSError` missed it
    import pygame

    from game.persistence.charts import save_png

    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        save_png(pygame.Surface((4, 4)), tmp_path / "a-file" / "chart.png")
    save_png(pygame.Surface((4, 4)), tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args", [
    ["debrief", "SAVE", "--out", ""],
    ["simulate", "--games", "1", "--save-dir", ""],
    ["sweep", "--policy", "hold", "--games", "1", "--out", ""],
    ["screenshots", "--out", " "],
    ["--saves-dir", "", "simulate", "--games", "1"],
])
def test_an_empty_folder_name_is_refused_never_taken_as_the_current_or_default_folder(
        args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # review F10: `debrief --out ""` wrote its 7 files into the current folder (the checkout),
    # `--saves-dir ""` meant the default folder, and `simulate --save-dir ""` / `sweep --out ""`
    # were ignored without a word
    save = save_game(mid_bargain(), "good", folder=tmp_path / "saves")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    with pytest.raises(SystemExit) as e:
        main([str(save) if x == "SAVE" else x for x in args])
    assert e.value.code == 2
    said = _one_sentence(capsys)
    assert "give a folder's path, not an empty name" in said and said.count(". ") == 1  # and "Try ... --help."
    assert list(here.iterdir()) == []
