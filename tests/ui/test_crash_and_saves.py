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
    app.frame(1 / 60, events=[])  # the message draws


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


def test_a_damaged_save_is_one_sentence_on_screen(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "saves" / "broken.json"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("{ this is not a save", encoding="utf-8")
    app.replace(TitleScene(app))
    open_save(app, bad)
    assert isinstance(app.top, MessageScene)
    assert "\n" not in app.top.body and "Traceback" not in app.top.body
    assert isinstance(app.stack[0], TitleScene)
