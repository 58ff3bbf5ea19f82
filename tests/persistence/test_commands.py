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


def test_saves_dir_option_sets_the_default_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game import paths

    try:
        assert main(["--saves-dir", str(tmp_path / "x"), "validate-save", str(tmp_path / "missing.save.json")]) == 2
        assert paths.saves_dir() == tmp_path / "x"
    finally:
        paths.set_saves_dir(None)
