"""The window draws fewer frames while nothing moves and nobody touches it (packaged-build test:
58% of a core on the idle title screen, for a laptop through a two-hour workshop)."""

from __future__ import annotations

import pygame

from game.core import Role
from game.ui import showcase
from game.ui.app import IDLE_AFTER_S, App
from game.ui.scenes.end import EndScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession


def _run(app: App, seconds: float, events: list[pygame.event.Event] | None = None) -> None:
    app.frame(1 / 60, events=events or [])
    for _ in range(int(seconds * 20)):
        app.frame(1 / 20, events=[])


def test_the_title_goes_idle_after_a_while_without_input_and_wakes_on_a_key(app: App) -> None:
    app.push(TitleScene(app))
    _run(app, 0.5)
    assert not app.idle()  # the App's own start counts as input for the first seconds
    _run(app, IDLE_AFTER_S)
    assert app.idle()
    app.frame(1 / 60, events=[pygame.event.Event(pygame.MOUSEMOTION, pos=(10, 10), rel=(1, 0), buttons=(0, 0, 0))])
    assert not app.idle()


def test_moving_tokens_an_ai_about_to_move_and_the_epilogue_roll_keep_the_full_frame_rate(app: App) -> None:
    table = TableScene(app, GameSession(showcase.midgame((Role.H,)), autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]  # the AIs do not move by themselves here
    app.push(table)
    _run(app, IDLE_AFTER_S + 0.5)
    assert not table.ai_acting() and app.idle()
    table.tok_t = 0.0  # tokens start to slide (a deal passed)
    assert not app.idle()
    _run(app, 1.0)  # the slide takes 0.7 s
    assert app.idle()
    end = EndScene(app, GameSession(showcase.finished(), autosaves=False))
    app.push(end)
    _run(app, IDLE_AFTER_S + 0.1)
    assert end.time > IDLE_AFTER_S and not app.idle()  # the roll is drawn for 2.5 s
    _run(app, 0.5)
    assert app.idle()
