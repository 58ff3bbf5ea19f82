"""Hot-seat privacy: after a curtain only that seat's view (or a public one) reaches a renderer."""

from __future__ import annotations

import pytest

from game.core import Controller, Phase, Role, SeatConfig, load_scenario, new_game, observe
from game.ui import render
from game.ui.app import App
from game.ui.scenes.dialogs import CurtainScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.table import TableScene
from game.ui.session import GameSession, is_public, public_view

from .driver import KeyboardPlayer, post


@pytest.fixture
def render_log(monkeypatch: pytest.MonkeyPatch) -> list:
    log: list = []
    monkeypatch.setattr(render, "RENDER_LOG", log)
    real_ready = CurtainScene.ready

    def ready(self: CurtainScene) -> None:
        log.append(("curtain", self.role, False))
        real_ready(self)

    monkeypatch.setattr(CurtainScene, "ready", ready)
    return log


def test_after_a_curtain_renderers_get_only_that_seats_view_or_a_public_one(app: App, render_log: list) -> None:
    sc = load_scenario()
    humans = {Role.H, Role.S}
    seats = [SeatConfig(role=r, name=sc.roles[r].name,
                        controller=Controller.HUMAN if r in humans else Controller.AI) for r in
             (Role.H, Role.S, Role.A, Role.M, Role.F)]
    table = TableScene(app, GameSession(new_game(sc, seats, 4)))
    app.replace(table)
    player = KeyboardPlayer(seed=9)
    curtains = 0
    for _ in range(6000):
        if isinstance(app.top, EndScene):
            break
        post(app, player.next_events(app))
    assert isinstance(app.top, EndScene)
    holder: Role | None = None
    private_views = 0
    for name, seat, public in render_log:
        if name == "curtain":
            holder = seat
            curtains += 1
            continue
        if name == "end":
            assert public  # the end screen draws the fully revealed, public view
            continue
        if not public:
            private_views += 1
            assert seat == holder, f"{name} got {seat}'s private view while {holder} had the screen"
    assert curtains >= 4  # the two humans passed the screen back and forth
    assert private_views > 0


def test_no_renderer_runs_while_the_curtain_is_up(app: App, render_log: list) -> None:
    sc = load_scenario()
    seats = [SeatConfig(role=r, name=sc.roles[r].name, controller=Controller.HUMAN) for r in (Role.H, Role.S, Role.A)]
    table = TableScene(app, GameSession(new_game(sc, seats, 3)))
    app.replace(table)
    app.frame(1 / 60, events=[])
    assert isinstance(app.top, CurtainScene)
    render_log.clear()
    for _ in range(5):
        app.frame(1 / 60, events=[])
    assert render_log == []
    assert table.session.viewer is None


def test_public_view_strips_every_secret_until_the_game_is_over(scenario) -> None:  # noqa: ANN001
    state = new_game(scenario, 5, 12)
    pv = public_view(state)
    assert pv.hand == () and pv.agenda == "" and pv.private_log == () and pv.own_ballot == ""
    assert pv.undetected_defections is None and pv.secret_defections == () and pv.all_agendas == ()
    assert is_public(pv)
    assert not is_public(observe(state, Role.S))  # the Sanctioned Power holds cards and an agenda
    # everything else matches what any seat sees
    full = observe(state, Role.H)
    for field in ("tracks", "vault", "motions", "log", "ip", "infra_row", "round", "phase"):
        assert getattr(pv, field) == getattr(full, field)


def test_sealed_choices_never_show_an_ai_reason(scenario) -> None:  # noqa: ANN001
    sc = load_scenario()
    seats = [SeatConfig(role=r, name=sc.roles[r].name, controller=Controller.AI) for r in (Role.H, Role.S, Role.A)]
    s = GameSession(new_game(sc, seats, 5), autosaves=False)
    votes = 0
    for _ in range(600):
        if s.state.is_over:
            break
        before = s.state.phase
        n = len(s.reasons)
        s.ai_act()
        if before in (Phase.VOTE, Phase.COMPLIANCE):
            votes += 1
            assert len(s.reasons) == n
    assert votes > 0


def test_a_new_state_or_viewer_always_changes_the_session_version(scenario) -> None:  # noqa: ANN001
    s = GameSession(new_game(scenario, 5, 1))
    v0 = s.version
    s.viewer = Role.A
    assert s.version > v0
    v1 = s.version
    s.state = s.state.model_copy()  # e.g. the facilitator replacing the state directly
    assert s.version > v1
