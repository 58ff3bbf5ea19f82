"""Crash handling: the game is saved first, and the log holds the traceback and public facts only."""

from __future__ import annotations

from pathlib import Path

from game.core import Role
from game.persistence import emergency_save, load_game, write_crash_log
from tests.persistence.helpers import mid_vote


def _boom(state_text: str) -> None:
    raise RuntimeError(f"unexpected while handling {state_text}")


def test_crash_saves_the_game_then_logs_without_secrets(tmp_path: Path) -> None:
    state = mid_vote()
    ballot = dict(state.ballots)[Role.H]
    agenda = state.agenda_of(Role.H)
    agenda_name = state.scenario.agenda(agenda).name
    try:
        # an error message that quotes secrets, as a careless bug report might
        _boom(f"'H vote {ballot}' and 'S comply DC' for agenda {agenda} ({agenda_name})")
    except RuntimeError as exc:
        saved = emergency_save(state, folder=tmp_path / "saves")
        log = write_crash_log(exc, state, saved, folder=tmp_path / "logs")
    text = log.read_text(encoding="utf-8")
    assert load_game(saved) == state  # the player loses nothing
    assert str(saved) in text
    assert "Traceback" in text and "RuntimeError" in text and "_boom" in text
    assert f"round: {state.round}, phase: vote" in text
    for secret in (f"vote {ballot}", "comply DC", agenda, agenda_name):
        assert secret not in text, secret
    for a in state.scenario.agendas:
        assert a.id not in text
    assert "[hidden]" in text


def test_crash_log_without_a_game_still_has_the_traceback(tmp_path: Path) -> None:
    try:
        {}["missing"]  # noqa: B018
    except KeyError as exc:
        log = write_crash_log(exc, folder=tmp_path)
    text = log.read_text(encoding="utf-8")
    assert "KeyError" in text and "game: none in progress" in text


def test_crash_log_falls_back_to_the_temp_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    try:
        raise ValueError("x")
    except ValueError as exc:
        log = write_crash_log(exc, folder=blocker)
    assert log.exists() and blocker not in log.parents
    log.unlink()


def test_a_state_repr_in_an_error_message_is_hidden(tmp_path: Path) -> None:
    state = mid_vote()
    try:
        raise AssertionError(f"unexpected {state.model_copy(update={'log': ()})!r}"[:200])
    except AssertionError as exc:
        log = write_crash_log(exc, state, folder=tmp_path)
    text = log.read_text(encoding="utf-8")
    assert "GameState(" not in text and "line hidden" in text
    assert "AssertionError" in text
