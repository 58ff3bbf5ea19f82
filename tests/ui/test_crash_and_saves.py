"""An unexpected error saves the game first and shows where the log is; saves open from the UI."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game import paths
from game.core import Role
from game.ui import saves, showcase
from game.ui.app import App, handle_crash
from game.ui.scenes.overlays import MenuScene, MessageScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene, open_save
from game.ui.session import GameSession

from .driver import key, post


def test_an_unexpected_error_saves_the_game_and_names_the_log(app: App, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "logs_dir", lambda: tmp_path / "logs")
    state = showcase.midgame((Role.H,))
    app.replace(TableScene(app, GameSession(state)))
    try:
        raise RuntimeError("a bug in a scene")
    except RuntimeError as e:
        handle_crash(app, e)
    assert isinstance(app.top, MessageScene)
    logs = list((tmp_path / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in app.top.body
    saved = list((tmp_path / "saves").rglob("*.json"))
    assert saved, "the game must be saved before anything else"
    back = saves.load(saved[0])
    assert back.actions == state.actions
    assert f"Your game was saved to {saved[0]}." in app.top.body
    app.frame(1 / 60, events=[])  # the message draws


def test_an_error_with_no_game_open_says_nothing_of_a_save(app: App, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # play-test: a crash on the title screen read "Your game was saved to (it could not be saved)"
    monkeypatch.setattr(paths, "logs_dir", lambda: tmp_path / "logs")
    app.replace(TitleScene(app))
    try:
        raise RuntimeError("a bug on the title screen")
    except RuntimeError as e:
        handle_crash(app, e)
    assert isinstance(app.top, MessageScene)
    assert "saved" not in app.top.body and "Details are in" in app.top.body, app.top.body


def test_save_from_the_menu_then_continue_from_the_title(app: App) -> None:
    state = showcase.midgame((Role.H,))
    table = TableScene(app, GameSession(state))
    app.replace(table)
    post(app, [key(pygame.K_ESCAPE)])
    assert isinstance(app.top, MenuScene)
    post(app, [key(pygame.K_2, "2")])  # Save game: a dialog with the automatic name
    post(app, [key(pygame.K_RETURN, "\r")])  # Enter saves under it
    assert isinstance(app.top, MessageScene)
    latest = saves.latest_save()
    assert latest is not None
    app.replace(TitleScene(app))
    post(app, [key(pygame.K_DOWN), key(pygame.K_RETURN, "\r")])  # Continue
    t2 = app.find(TableScene)
    assert isinstance(t2, TableScene)
    assert t2.session.state.actions == state.actions


def test_the_turn_timer_comes_back_with_continue(app: App) -> None:
    # play-test: a workshop table's 60-second limit was gone after Continue, and nothing could set
    # it again on the loaded game
    state = showcase.midgame((Role.H,))
    table = TableScene(app, GameSession(state, timer_limit=60.0))
    app.replace(table)
    post(app, [key(pygame.K_ESCAPE)])
    post(app, [key(pygame.K_2, "2"), key(pygame.K_RETURN, "\r")])  # Save game, under its automatic name
    app.replace(TitleScene(app))
    post(app, [key(pygame.K_DOWN), key(pygame.K_RETURN, "\r")])  # Continue
    t2 = app.find(TableScene)
    assert isinstance(t2, TableScene) and t2.session.state.actions == state.actions
    assert t2.session.timer_limit == 60.0
    # and the autosave the table writes as it plays keeps it too
    back = saves.load_session(saves.autosave(state, **t2.session.kept()))
    assert back.timer == 60


def test_a_damaged_save_is_one_sentence_on_screen(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "saves" / "broken.json"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("{ this is not a save", encoding="utf-8")
    app.replace(TitleScene(app))
    open_save(app, bad)
    assert isinstance(app.top, MessageScene)
    assert "\n" not in app.top.body and "Traceback" not in app.top.body
    assert isinstance(app.stack[0], TitleScene)


def _save_from_the_menu_and_load(app: App, session: GameSession) -> TableScene:
    """Sit at ``session``'s table, save from the menu under the automatic name, then open that
    save as the Load screen does: the table it opens."""
    app.replace(TableScene(app, session))
    post(app, [key(pygame.K_ESCAPE)])
    post(app, [key(pygame.K_2, "2")])  # Save game
    post(app, [key(pygame.K_RETURN, "\r")])
    latest = saves.latest_save()
    assert latest is not None
    open_save(app, latest)
    back = app.find(TableScene)
    assert isinstance(back, TableScene) and back.session is not session
    return back


def test_what_the_ai_delegations_said_is_kept_in_a_save_and_back_after_loading(app: App) -> None:
    # found in play: after Load the log had lost every AI reason and the negotiation panel
    # every AI's words on a motion
    from game.core import new_game
    from game.core.scenario import load_scenario

    session = GameSession(new_game(load_scenario(), showcase.seats_for((Role.A,)), 11))
    while session.ai_to_move() is not None and len(session.said_on) < 3:
        session.ai_act()
    assert session.reasons and session.said_on, "the AIs should have spoken about motions"
    back = _save_from_the_menu_and_load(app, session)
    assert [(r.seq, r.role, r.text) for r in back.session.reasons] == [
        (r.seq, r.role, r.text) for r in session.reasons]
    assert back.session.said_on == session.said_on
    app.frame(1 / 60, events=[])  # the table draws with them


def test_a_save_from_before_ai_reasons_were_kept_loads_with_none(app: App, tmp_path: Path) -> None:
    state = showcase.midgame((Role.H,))
    path = saves.save(state, "older")  # no reasons given: as a save made before they were kept
    open_save(app, path)
    back = app.find(TableScene)
    assert isinstance(back, TableScene) and back.session.reasons == [] and back.session.said_on == {}


def _play_on(session: GameSession, human_moves: int | None = None) -> None:
    """Play ``session`` to its end (or for ``human_moves`` human decisions): the AI seats as
    the table runs them, the human always taking its first legal move."""
    done = 0
    while not session.state.is_over:
        if session.ai_to_move() is not None:
            session.ai_act()
            continue
        human = session.state.to_move
        assert human is not None
        if human_moves is not None and done == human_moves:
            return
        session.viewer = human
        assert session.act(session.legal()[0]) is None
        done += 1


def test_a_game_saved_and_loaded_goes_on_exactly_as_it_would_have(app: App) -> None:
    # a facilitator who saves, quits and reloads must get the same game as one who plays
    # straight on: each AI seat's seeded stream is kept in the save and resumed on loading
    from game.core import new_game
    from game.core.scenario import load_scenario

    seats = showcase.seats_for((Role.A,), 5, personality=None)
    for seed in (4,):  # a game where the AIs' seeded noise decides something after the save
        session = GameSession(new_game(load_scenario(), seats, seed), autosaves=False)
        _play_on(session, human_moves=6)
        assert not session.state.is_over
        restarted = GameSession(session.state, autosaves=False)  # the AIs' streams started again
        back = _save_from_the_menu_and_load(app, session)
        assert back.session.streams() == session.streams() != {}
        _play_on(session)
        _play_on(back.session)
        _play_on(restarted)
        assert back.session.state.actions == session.state.actions, seed
        assert restarted.state.actions != session.state.actions, seed  # so the streams mattered here


def test_a_save_from_before_ai_streams_were_kept_loads_and_plays_on(app: App) -> None:
    from game.core import new_game
    from game.core.scenario import load_scenario

    session = GameSession(new_game(load_scenario(), showcase.seats_for((Role.A,)), 11), autosaves=False)
    _play_on(session, human_moves=4)
    path = saves.save(session.state, "older")  # no streams given: as a save made before they were kept
    open_save(app, path)
    back = app.find(TableScene)
    assert isinstance(back, TableScene)
    assert back.session.streams() == GameSession(session.state, autosaves=False).streams()  # as a new session
    _play_on(back.session)
    assert back.session.state.is_over
