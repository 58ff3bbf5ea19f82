"""A complete game with two humans and three AIs, played to the end by posting real input events."""

from __future__ import annotations

import pygame

from game.core import Role, load_scenario, new_game
from game.ui import showcase
from game.ui.app import App
from game.ui.scenes.end import EndScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene

from .driver import KeyboardPlayer, click, key, post


def test_two_humans_and_three_ais_play_to_the_end_with_keys_and_clicks(app: App) -> None:
    # from the title screen, through setup, by keyboard: New game (Enter), then Start (F5)
    app.replace(TitleScene(app))
    post(app, [key(pygame.K_RETURN, "\r")])
    assert isinstance(app.top, SetupScene)
    setup = app.top
    # click the Frontline State's 'Played by' selector to make it human, then type a seed
    rows = list(setup.seats)
    who = setup.ui.widgets[4 + 4 * rows.index(Role.A) + 1]
    post(app, click(who.rect.center))
    seed_field = setup.ui.widgets[3]
    post(app, click(seed_field.rect.center) + [key(pygame.K_BACKSPACE)] * 9 + [key(pygame.K_7, "7")])
    assert setup.seed == "7"
    post(app, [key(pygame.K_F5)])
    table = app.find(TableScene)
    assert isinstance(table, TableScene)
    assert table.session.state.seed == 7
    assert set(table.session.humans) == {Role.H, Role.A}
    player = KeyboardPlayer(seed=5)
    for _ in range(6000):
        if isinstance(app.top, EndScene):
            break
        post(app, player.next_events(app))
    assert isinstance(app.top, EndScene)
    state = table.session.state
    assert state.is_over
    human_moves = [a for a in state.actions if a.split()[0] in ("H", "A")]
    assert len(human_moves) >= 8  # the humans really played, through the UI
    assert any(a.split()[1] == "vote" for a in human_moves)
    # the finished game is kept as a save of its own, apart from the rotating autosaves
    from game.persistence import list_saves, load_game

    kept = [i for i in list_saves() if i.kind == "manual" and i.over]
    assert len(kept) == 1 and load_game(kept[0].path) == state
    post(app, [key(pygame.K_TAB)])  # the debrief page draws too
    assert app.top.page == 1  # type: ignore[union-attr]


def test_a_single_human_sees_their_own_view_all_game_without_a_curtain(app: App) -> None:
    from game.ui.scenes.dialogs import CurtainScene
    from game.ui.session import GameSession

    sc = load_scenario()
    seats = showcase.seats_for((Role.S,), 3, personality="pragmatist")
    table = TableScene(app, GameSession(new_game(sc, seats, 21)))
    app.replace(table)
    player = KeyboardPlayer(seed=2, use_mouse=False)
    for _ in range(4000):
        if isinstance(app.top, EndScene):
            break
        assert not isinstance(app.top, CurtainScene)
        assert table.session.viewer == Role.S
        post(app, player.next_events(app))
    assert table.session.state.is_over
