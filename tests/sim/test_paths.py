"""Where the game writes: ./saves from source, and --saves-dir moves everything it writes."""

from __future__ import annotations

from pathlib import Path

from game import paths


def test_saves_dir_moves_saves_settings_logs_and_the_pin_together(tmp_path: Path) -> None:
    from game.persistence.facilitator import pin_path

    paths.set_saves_dir(tmp_path)
    try:
        assert paths.saves_dir() == tmp_path
        assert paths.settings_path().parent == tmp_path
        assert paths.logs_dir().parent == tmp_path
        assert pin_path().parent == tmp_path
    finally:
        paths.set_saves_dir(None)
    root = Path(__file__).resolve().parents[2]
    assert paths.saves_dir() == root / "saves" == paths.settings_path().parent
