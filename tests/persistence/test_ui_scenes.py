"""The replay, what-if, facilitator and projector scenes, driven by real key events headless."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pygame
import pytest

from game import paths
from game.core import Role
from game.core.state import Controller
from game.persistence import save_game
from tests.persistence.helpers import finished_game, mid_vote


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from game.ui.app import App

    pygame.init()
    screen = pygame.display.set_mode((1280, 720))
    paths.set_saves_dir(tmp_path / "saves")
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    a = App(screen)
    yield a
    paths.set_saves_dir(None)


def _post(app, *events: pygame.event.Event, frames: int = 2) -> None:
    from tests.ui.driver import post

    post(app, list(events), frames)


def _key(k: int, u: str = "") -> pygame.event.Event:
    from tests.ui.driver import key

    return key(k, u)


def _table(app, state, humans=(Role.H,), timer: float = 0.0):
    from game.ui.scenes.table import TableScene
    from game.ui.session import GameSession

    seats = tuple(s.model_copy(update={"controller": Controller.HUMAN if s.role in humans else Controller.AI})
                  for s in state.seats)
    session = GameSession(state.model_copy(update={"seats": seats}), timer_limit=timer)
    table = TableScene(app, session)
    app.replace(table)
    return table


def test_title_replay_opens_a_save_and_steps_through_it(app, tmp_path: Path) -> None:
    from game.ui.scenes.load import DeleteButton, SaveRow
    from game.ui.scenes.replay import ReplayPickScene, ReplayScene
    from game.ui.scenes.title import TitleScene

    state = finished_game()
    folder = save_game(state, "done").parent  # the saves folder, where the list looks
    damaged = folder / "zz-damaged.save.json"
    damaged.write_text("{ not json")
    os.utime(damaged, (time.time() + 60, time.time() + 60))  # the newest, but it cannot be opened
    app.push(TitleScene(app))
    app.frame()
    replay_btn = next(w for w in app.top.ui.widgets if getattr(w, "label", "") == "Replay")
    assert replay_btn.enabled
    replay_btn.activate()
    assert isinstance(app.top, ReplayPickScene)
    app.frame()
    # the Load screen's rows (the seats, and the scenario), none of its Delete buttons
    rows = [w for w in app.top.ui.widgets if isinstance(w, SaveRow)]
    assert [r.enabled for r in rows] == [True, False]  # a damaged file after the saves that open
    assert "Frontline State" in rows[0].extra and state.scenario.name in rows[0].detail
    assert not any(isinstance(w, DeleteButton) for w in app.top.ui.widgets)
    assert app.top.ui.focused is rows[0]  # Enter opens the newest save that opens
    _post(app, _key(pygame.K_RETURN, "\r"))
    scene = app.top
    assert isinstance(scene, ReplayScene) and scene.replay.index == 0
    _post(app, _key(pygame.K_RIGHT), _key(pygame.K_RIGHT))
    assert scene.replay.index == 2
    _post(app, _key(pygame.K_DOWN))
    assert scene.replay.state.round == 2
    _post(app, _key(pygame.K_END))
    assert scene.replay.state == state
    _post(app, _key(pygame.K_ESCAPE))
    assert isinstance(app.top, ReplayPickScene)


def test_what_if_from_the_replay_shows_both_outcomes(app) -> None:
    from game.persistence.replay import Replay
    from game.ui.scenes.replay import ReplayScene, WhatIfPickScene, WhatIfResultScene

    r = Replay.from_state(finished_game())
    scene = ReplayScene(app, r)
    app.push(scene)
    app.frame()
    from game.core import legal_actions

    step = next(i for i, s in enumerate(r.states) if i >= 3 and s.to_move and len(legal_actions(s, s.to_move)) > 1)
    r.goto(step)
    _post(app, _key(pygame.K_w, "w"))
    assert isinstance(app.top, WhatIfPickScene) and app.top.options
    from game.text import t

    pick, drawn = app.top, []
    real = pick.ctx.blit_text
    pick.ctx.blit_text = lambda s_, text, *a_, **k_: (drawn.append(text), real(s_, text, *a_, **k_))[1]  # type: ignore[method-assign]
    app.frame()
    n = len(pick.options)  # "Page Up/Down to browse" only when they do not all fit on the page
    assert t("ui.whatif.count" if n > pick.per_page else "ui.whatif.count_all", n=n) in drawn
    assert (n > pick.per_page) == any("Page Up/Down" in x for x in drawn)
    del pick.ctx.blit_text
    _post(app, _key(pygame.K_1, "1"), frames=3)
    assert isinstance(app.top, WhatIfResultScene)
    res = app.top.result
    assert res.alternative.is_over and res.alternative.actions[step] != res.original.actions[step]
    # the step as the replay numbered it where W was pressed ("Step N of M")
    assert app.top.changed_text().startswith(f"At step {r.index},") and r.index == step
    _post(app, _key(pygame.K_TAB))
    assert app.top.page == 1 and len(app.top.charts()) == 2


def _running_replay(app):
    """The replay of a game still running (a vote under way), pushed and drawn."""
    from game.persistence.replay import Replay
    from game.ui.scenes.replay import ReplayScene

    scene = ReplayScene(app, Replay.from_state(mid_vote()))
    app.push(scene)
    app.frame()
    return scene


def test_what_if_is_not_offered_for_an_unfinished_game(app) -> None:
    scene = _running_replay(app)
    _post(app, _key(pygame.K_w, "w"))
    assert app.top is scene and not scene.can_what_if()


def _digits(pin: str) -> list[pygame.event.Event]:
    return [_key(pygame.K_0 + int(d), d) for d in pin]


def test_f9_with_no_pin_set_says_where_to_set_it_and_sets_nothing(app) -> None:
    from game.persistence.facilitator import has_pin
    from game.ui.scenes.facilitator import PinScene
    from game.ui.widgets import TextField

    _table(app, mid_vote(), humans=(Role.H, Role.S))
    app.frame()
    _post(app, _key(pygame.K_F9))
    scene = app.top
    assert isinstance(scene, PinScene) and scene.no_pin
    assert not any(isinstance(w, TextField) for w in scene.ui.widgets)  # nothing to type a new PIN into
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"))
    assert not has_pin()  # the first PIN entered mid-game no longer becomes the PIN
    assert app.top is not scene


def test_the_pin_is_set_in_settings_from_the_title_then_f9_asks_for_it(app) -> None:
    from game.persistence.facilitator import check_pin
    from game.ui.scenes.facilitator import FacilitatorScene, PinScene, PinSetupScene
    from game.ui.scenes.overlays import MessageScene
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.title import TitleScene

    app.replace(TitleScene(app))
    app.frame()
    next(w for w in app.top.ui.widgets if getattr(w, "label", "") == "Settings").activate()
    assert isinstance(app.top, SettingsScene)
    app.frame()
    pin_btn = next(w for w in app.top.ui.widgets if getattr(w, "label", "") == "Facilitator PIN...")
    assert pin_btn.enabled
    pin_btn.activate()
    setup = app.top
    assert isinstance(setup, PinSetupScene) and not setup.changing
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"), *_digits("4816"), _key(pygame.K_RETURN, "\r"))
    assert app.top is setup and "differ" in setup.error  # a slip of the finger is caught
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"), *_digits("4815"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, MessageScene) and check_pin("4815")
    # changing it needs the old PIN
    _post(app, _key(pygame.K_RETURN, "\r"))
    pin_btn = next(w for w in app.top.ui.widgets if getattr(w, "label", "") == "Facilitator PIN...")
    pin_btn.activate()
    change = app.top
    assert isinstance(change, PinSetupScene) and change.changing
    _post(app, *_digits("1111"), _key(pygame.K_RETURN, "\r"), *_digits("2222"), _key(pygame.K_RETURN, "\r"),
          *_digits("2222"), _key(pygame.K_RETURN, "\r"))
    assert app.top is change and "not the current" in change.error and check_pin("4815")
    _post(app, _key(pygame.K_ESCAPE))
    # during a game: Settings offers no PIN entry, F9 asks for the PIN
    table = _table(app, mid_vote(), humans=(Role.H,))
    app.frame()
    app.push(SettingsScene(app))
    app.frame()
    pin_btn = next(w for w in app.top.ui.widgets if getattr(w, "label", "") == "Facilitator PIN...")
    assert not pin_btn.enabled
    pin_btn.activate()
    assert isinstance(app.top, SettingsScene)
    app.pop(app.top)
    assert app.top is table
    _post(app, _key(pygame.K_F9))
    assert isinstance(app.top, PinScene) and not app.top.no_pin
    _post(app, *_digits("12"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, PinScene) and "4 to 8 digits" in app.top.error
    _post(app, *_digits("1111"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, PinScene) and "not the facilitator PIN" in app.top.error
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, FacilitatorScene)
    _post(app, _key(pygame.K_F9))
    assert app.top is table


def test_a_pin_set_in_the_middle_of_a_game_does_not_open_that_games_secrets(app) -> None:
    # found in play: Menu > Quit to title > Settings > set a first PIN > Continue > F9 showed
    # every agenda of a hot-seat game begun with no PIN
    from game.persistence.facilitator import change_pin
    from game.ui.scenes.facilitator import FacilitatorScene, PinScene
    from game.ui.scenes.overlays import MenuScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene
    from game.ui.widgets import TextField

    def begin() -> TableScene:
        setup = SetupScene(app)
        app.replace(setup)
        app.frame()
        setup.start()
        assert isinstance(app.top, TableScene)
        return app.top

    begin()
    app.push(MenuScene(app))
    app.top.to_title()  # autosaves on leaving, as the menu's Quit to title does
    assert isinstance(app.top, TitleScene)
    change_pin("4815")  # (Settings on the title screen)
    app.top.continue_game()
    assert isinstance(app.top, TableScene) and app.top.session.seal == ""
    _post(app, _key(pygame.K_F9))
    scene = app.top
    assert isinstance(scene, PinScene) and "began with no facilitator PIN" in scene.closed
    assert not any(isinstance(w, TextField) for w in scene.ui.widgets)  # nothing to type the PIN into
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"))
    assert not isinstance(app.top, FacilitatorScene)
    # a game begun once the PIN is set opens with it, also after quitting and continuing
    begin()
    app.push(MenuScene(app))
    app.top.to_title()
    app.top.continue_game()
    _post(app, _key(pygame.K_F9))
    assert isinstance(app.top, PinScene) and app.top.closed is None
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, FacilitatorScene)


def test_wrong_pins_make_the_prompt_wait_even_for_the_right_one(app) -> None:
    from game.persistence.facilitator import change_pin
    from game.ui.scenes.facilitator import PIN_TRIES, PIN_WAIT_SECONDS, FacilitatorScene, PinScene

    change_pin("4815")
    _table(app, mid_vote(), humans=(Role.H, Role.S))
    app.frame()
    _post(app, _key(pygame.K_F9))
    for _ in range(PIN_TRIES):
        _post(app, *_digits("1111"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, PinScene) and "wait" in app.top.error
    _post(app, _key(pygame.K_ESCAPE), _key(pygame.K_F9))  # closing and opening it again does not reset it
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, PinScene) and "wait" in app.top.error
    app.frame(PIN_WAIT_SECONDS)
    _post(app, *_digits("4815"), _key(pygame.K_RETURN, "\r"))
    assert isinstance(app.top, FacilitatorScene)


def test_the_facilitator_injects_an_event_into_the_log(app) -> None:
    from game.ui.scenes.facilitator import FacilitatorScene, InjectScene

    table = _table(app, mid_vote(), humans=())
    app.push(FacilitatorScene(app, table))
    app.frame()
    _post(app, _key(pygame.K_1, "1"))
    assert isinstance(app.top, InjectScene)
    first = table.session.state.scenario.events[0].id
    _post(app, _key(pygame.K_1, "1"))
    st = table.session.state
    assert st.actions[-1] == f"! inject {first}" and st.event_deck[0] == first


def test_the_facilitator_extends_and_skips_a_human_decision(app) -> None:
    from game.text import t
    from game.ui.scenes.facilitator import FacilitatorScene

    state = mid_vote()
    table = _table(app, state, humans=(state.to_move,), timer=60.0)
    table.session.turn_clock = 50.0
    facil = FacilitatorScene(app, table)
    app.push(facil)
    app.frame()
    facil.extend()
    assert table.session.turn_clock == 20.0
    facil.extend()  # 30 s more even past the timer's length (not topped up to it)
    assert table.session.turn_clock == -10.0 and t("ui.facil.extended", s=70) == facil.notice
    before = len(table.session.state.actions)
    seat = state.to_move
    facil.skip()
    after = table.session.state
    # the log says the facilitator ended the decision (play-test: it read as the seat's own move)
    assert after.actions[before] == f"! skip {seat.value}"
    assert after.actions[before + 1].endswith("vote " + "N" * len(state.motions))
    line = next(e for e in after.log if e.key == "log.skipped")
    assert line.args == (seat.value,) and not line.to
    from game.core import replay

    assert replay(after.scenario, after.seats, after.seed, after.actions) == after  # and it replays


def test_f10_toggles_the_projector_without_secrets(app) -> None:
    from game.ui.scenes.facilitator import ProjectorScene
    from game.ui.scenes.table import TableScene

    _table(app, mid_vote(), humans=())
    app.frame()
    _post(app, _key(pygame.K_F10))
    assert isinstance(app.top, ProjectorScene)
    _post(app, _key(pygame.K_F10))
    assert isinstance(app.top, TableScene) or not isinstance(app.top, ProjectorScene)


@pytest.mark.parametrize("how", [pygame.K_ESCAPE, pygame.K_F10])
def test_the_projector_opened_from_the_facilitator_view_goes_back_to_the_table(app, how: int) -> None:
    # play-test: Esc (or F10) on a projector opened from the facilitator view, as its footer
    # says ("back to the table"), brought back the facilitator view, every agenda on the room's screen
    from game.ui.scenes.facilitator import FacilitatorScene, PinScene, ProjectorScene
    from game.ui.scenes.table import TableScene

    table = _table(app, mid_vote(), humans=())
    app.push(PinScene(app, table))
    facil = FacilitatorScene(app, table)
    app.push(facil)
    app.frame()
    facil.projector()
    assert isinstance(app.top, ProjectorScene)
    assert not any(isinstance(x, (FacilitatorScene, PinScene)) for x in app.stack)
    _post(app, _key(how))
    assert isinstance(app.top, TableScene)


def test_f9_does_nothing_without_a_game(app) -> None:
    from game.ui.scenes.title import TitleScene

    app.push(TitleScene(app))
    app.frame()
    _post(app, _key(pygame.K_F9))
    assert isinstance(app.top, TitleScene)


def test_space_plays_the_replay_on_by_itself_and_stops_at_the_end(app) -> None:
    from game.persistence.replay import Replay
    from game.ui.scenes.replay import ReplayScene

    r = Replay.from_state(finished_game())
    scene = ReplayScene(app, r)
    app.push(scene)
    app.frame()
    _post(app, _key(pygame.K_SPACE, " "))
    assert scene.playing
    for _ in range(3):
        app.frame(ReplayScene.STEP_SECONDS)
    assert 2 <= r.index <= 4
    r.goto(len(r) - 1)
    for _ in range(3):
        app.frame(ReplayScene.STEP_SECONDS)
    assert r.index == len(r) and not scene.playing


def _drawn_rects(monkeypatch) -> list:
    from game.ui.theme import Ctx

    out: list = []
    real = Ctx.blit_text

    def blit_text(self, surf, s, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        r = real(self, surf, s, *a, **k)
        out.append((s, r))
        return r

    monkeypatch.setattr(Ctx, "blit_text", blit_text)
    return out


def _inject_buttons(scene) -> list:
    from game.ui.widgets import Button

    return [w for w in scene.ui.widgets if isinstance(w, Button) and w.label != "Back"]


def test_the_inject_dialog_shows_every_card_of_the_deck_clear_of_its_subtitle(app, monkeypatch) -> None:
    # found in play: the first row covered the subtitle, and only 9 of the 14 cards were shown,
    # with nothing saying Page Down showed the rest
    from game.text import t
    from game.ui.scenes.facilitator import FacilitatorScene, InjectScene

    table = _table(app, mid_vote(), humans=())
    facil = FacilitatorScene(app, table)
    app.push(facil)
    app.frame()
    _post(app, _key(pygame.K_1, "1"))
    scene = app.top
    assert isinstance(scene, InjectScene)
    drawn = _drawn_rects(monkeypatch)
    app.frame()
    events = table.session.state.scenario.events
    buttons = _inject_buttons(scene)
    assert [b.label for b in buttons] == [e.name for e in events]  # every card at once
    box = scene.box_rect()
    subtitle = next(r for s, r in drawn if s == t("ui.facil.inject_detail"))
    assert box.contains(subtitle)
    for i, b in enumerate(buttons):
        assert box.contains(b.rect) and not b.rect.colliderect(subtitle), b.label
        assert not any(b.rect.colliderect(o.rect) for o in buttons[i + 1:]), b.label
    assert not any(s.rstrip().endswith("…") for s, _ in drawn)


def test_a_deck_larger_than_the_dialog_says_page_down_shows_the_rest(app, monkeypatch) -> None:
    from game.ui.scenes.facilitator import FacilitatorScene, InjectScene

    state = mid_vote()
    sc = state.scenario
    more = tuple(e.model_copy(update={"id": f"{e.id[:20]}_b", "name": f"{e.name} (B)"}) for e in sc.events[:8])
    state = state.model_copy(update={"scenario": sc.model_copy(update={"events": sc.events + more})})
    table = _table(app, state, humans=())
    facil = FacilitatorScene(app, table)
    app.push(facil)
    scene = InjectScene(app, facil)
    app.push(scene)
    drawn = _drawn_rects(monkeypatch)
    app.frame()
    names = {e.name for e in table.session.state.scenario.events}
    assert len(names) == 22
    first = {b.label for b in _inject_buttons(scene)}
    assert len(first) < len(names)
    hint = [s for s, _ in drawn if "Page Down" in s]
    assert hint and f"of {len(names)}" in hint[0]
    _post(app, _key(pygame.K_PAGEDOWN))
    rest = {b.label for b in _inject_buttons(scene)}
    assert first | rest == names  # every card reachable


def test_the_facilitator_view_gives_the_games_seed(app, monkeypatch: pytest.MonkeyPatch) -> None:
    # the setup screen never shows the seed (it decides the secret agendas); the facilitator,
    # behind the PIN, reads it here to play the same game again
    from game.ui.scenes.facilitator import FacilitatorScene
    from game.ui.theme import Ctx

    drawn: list[str] = []
    real = Ctx.blit_text
    monkeypatch.setattr(Ctx, "blit_text", lambda self, surf, s, *a, **kw: drawn.append(s) or real(self, surf, s, *a, **kw))
    table = _table(app, mid_vote(), humans=())
    app.push(FacilitatorScene(app, table))
    app.frame()
    assert any(f"Seed {table.session.state.seed}." in x for x in drawn)


def test_h_in_a_finished_games_replay_shows_what_was_hidden_at_that_step(app, monkeypatch: pytest.MonkeyPatch) -> None:
    """A debrief can point at the sealed ballots (and agendas, secret compliance) of any step of
    a finished game; the panel follows the replay's cursor."""
    from game.persistence.replay import Replay
    from game.ui.scenes.replay import HiddenFactsScene, ReplayScene
    from game.ui.theme import Ctx

    drawn: list[str] = []
    real = Ctx.blit_wrapped

    def wrapped(self, surf, text, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        drawn.append(text)
        return real(self, surf, text, *a, **kw)

    monkeypatch.setattr(Ctx, "blit_wrapped", wrapped)
    r = Replay.from_state(finished_game())
    step = next(i for i, s in enumerate(r.states) if s.ballots)  # a ballot sealed, not yet opened
    state = r.states[step]
    seat, ballot = state.ballots[0]
    scene = ReplayScene(app, r)
    app.push(scene)
    r.goto(step)
    app.frame()
    assert scene.can_show_hidden()
    _post(app, _key(pygame.K_h, "h"))
    assert isinstance(app.top, HiddenFactsScene)
    words = ", ".join(f"#{m.id} {'Yes' if c == 'Y' else 'No'}" for m, c in zip(state.motions, ballot, strict=True))
    assert f"{state.name_of(seat)}: {words}" in drawn  # the sealed ballot, which the table's view hides
    agenda = state.scenario.agenda(state.agenda_of(seat)).name
    assert any(x.startswith(f"{state.name_of(seat)}: {agenda}") for x in drawn)
    _post(app, _key(pygame.K_RIGHT))  # the replay steps on under the panel
    assert r.index == step + 1 and isinstance(app.top, HiddenFactsScene)
    _post(app, _key(pygame.K_h, "h"))
    assert app.top is scene


def test_h_shows_nothing_hidden_in_the_replay_of_a_running_game(app) -> None:
    scene = _running_replay(app)
    _post(app, _key(pygame.K_h, "h"))
    assert app.top is scene and not scene.can_show_hidden()
    hidden = next(w for w in scene.ui.widgets if getattr(w, "label", "") == "Hidden")
    assert not hidden.enabled


def test_a_what_if_that_ends_the_same_says_it_was_another_game(app) -> None:
    # play-test: the what-if table was the same as played in every row, with no hint that
    # anything had been played (the what-if game had gone another way and ended alike)
    from dataclasses import replace

    from game.persistence.replay import Replay, what_if
    from game.ui.scenes.replay import WhatIfResultScene

    r = Replay.from_state(finished_game())
    from game.core import legal_actions

    step = next(i for i, s in enumerate(r.states) if i >= 3 and s.to_move and len(legal_actions(s, s.to_move)) > 1)
    other = next(a for a in legal_actions(r.states[step], r.states[step].to_move) if str(a) != r.final.actions[step])
    res = what_if(r, step, other)
    same = replace(res, alternative=res.original.model_copy(update={"actions": res.alternative.actions}))
    scene = WhatIfResultScene(app, same)
    assert all(a == b for _, a, b in scene.rows)
    a, b = same.original.actions[step:], same.alternative.actions[step:]
    n = sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))
    assert n > 0 and scene.same_end_text() == (
        f"Another game that ends the same: from there on {n} {'move differs' if n == 1 else 'moves differ'} "
        f"from the game as played ({len(b)} {'move' if len(b) == 1 else 'moves'} against {len(a)}).")
    drawn: list[str] = []
    real = scene.ctx.blit_text
    scene.ctx.blit_text = lambda s_, text, *a_, **k_: (drawn.append(text), real(s_, text, *a_, **k_))[1]  # type: ignore[method-assign]
    app.push(scene)
    app.frame()
    assert scene.same_end_text() in drawn
    differs = WhatIfResultScene(app, res)  # a what-if that ends otherwise has no such line
    if any(x != y for _, x, y in differs.rows):
        drawn.clear()
        app.replace(differs)
        app.frame()
        assert differs.same_end_text() not in drawn
    del scene.ctx.blit_text
