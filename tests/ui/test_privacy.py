"""Hot-seat privacy: after a curtain only that seat's view (or a public one) reaches a renderer."""

from __future__ import annotations

from collections import Counter

import pygame
import pytest

from game.core import (
    Controller,
    Phase,
    Role,
    SeatConfig,
    load_scenario,
    new_game,
    observe,
    playing_roles,
)
from game.ui import render, showcase
from game.ui.app import App
from game.ui.scenes.dialogs import CurtainScene, VotesScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.table import TableScene
from game.ui.session import GameSession, is_public, public_view

from .driver import KeyboardPlayer, post, wait

# the renderers that paint the table under any overlay, and what the whole table looks at
TABLE_RENDERERS = frozenset({"top_bar", "tracks", "odds", "infra", "brief", "round_table", "zones", "motions",
                             "log", "action_box"})
SHARED = frozenset({"VotesScene", "EventScene", "handover"})


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
        if name in SHARED:  # the whole table looked: the next private view needs a curtain first
            holder = None
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


def check_shared_shows(render_log: list) -> Counter:
    """Every reveal, event card and hand-over notice is drawn with the public view, over a table
    last painted with the public view. Returns how often each was drawn."""
    shown: Counter = Counter()
    table: tuple = (None, True)  # (seat, public) of the view the table's layer was painted with
    for name, seat, public in render_log:
        if name in TABLE_RENDERERS:
            table = (seat, public)
        if name in SHARED:
            shown[name] += 1
            assert public, f"{name} was drawn with {seat}'s private view"
            assert table[1], f"{name} was drawn over {table[0]}'s private table (hand, agenda, private log)"
    return shown


@pytest.mark.parametrize("seed", [777, 778])
def test_reveals_events_and_hand_overs_at_an_all_human_table_are_drawn_on_the_public_view(
        app: App, render_log: list, seed: int) -> None:
    # the QA repro: three seats, all human; the ballots were opened (and event cards and the
    # "X is next - pass the screen" notice shown) over the last voter's brief and private log
    sc = load_scenario()
    seats = [SeatConfig(role=r, name=sc.roles[r].name, controller=Controller.HUMAN) for r in playing_roles(3)]
    table = TableScene(app, GameSession(new_game(sc, seats, seed)))
    app.replace(table)
    player = KeyboardPlayer(seed=seed)
    for _ in range(4000):
        if isinstance(app.top, EndScene) or table.session.state.round >= 3:
            break
        post(app, player.next_events(app))
    assert table.session.state.round >= 3 or table.session.state.is_over
    shown = check_shared_shows(render_log)
    assert shown["VotesScene"] > 0 and shown["EventScene"] > 0 and shown["handover"] > 0


def test_the_last_ballot_switches_to_the_public_view_before_the_reveal(app: App, render_log: list) -> None:
    sc = load_scenario()
    seats = [SeatConfig(role=r, name=sc.roles[r].name, controller=Controller.HUMAN) for r in playing_roles(3)]
    table = TableScene(app, GameSession(new_game(sc, seats, 777)))
    app.replace(table)
    s = table.session
    player = KeyboardPlayer(seed=1)
    for _ in range(2000):  # up to the last ballot, seated at the screen
        st = s.state
        voted = {r for r, _ in st.ballots}
        if st.phase == Phase.VOTE and s.viewer == st.to_move and voted | {st.to_move} == set(s.humans):
            break
        post(app, player.next_events(app))
    voter = s.state.to_move
    assert voter is not None and s.viewer == voter and not is_public(table.current_view())
    from game.ui.scenes.dialogs import SEAL_GUARD_S, VoteScene

    post(app, [], frames=1)
    assert isinstance(app.top, VoteScene)
    wait(app, SEAL_GUARD_S)
    app.top.confirm()  # the last sealed ballot
    assert s.viewer is None and is_public(table.current_view())  # before anything is drawn
    render_log.clear()
    app.frame(1 / 60, events=[])
    assert isinstance(app.top, VotesScene) and is_public(app.top.view)
    shown = check_shared_shows(render_log)
    assert shown["VotesScene"] == 1


def test_after_the_game_every_sealed_ballot_line_names_its_seat() -> None:
    from game.ui import labels
    from tests.persistence.helpers import finished_game

    state = finished_game()
    assert state.is_over
    for seat in (None, *state.roles):
        view = public_view(state) if seat is None else observe(state, seat)
        nm = labels.names(view)
        lines = [labels.log_line(view, e, nm) for e in view.full_log()]
        assert not [x for x in lines if x.startswith("Your ")]
        def said(ballot: str) -> str:  # "NY" reads "No, Yes"
            return ", ".join("Yes" if c == "Y" else "No" for c in ballot)

        for r, ballot in state.ballots or ():
            assert f"{state.name_of(r)}'s sealed ballot, on each motion in table order: {said(ballot)}." in lines
        ballots = [e for e in view.full_log() if e.key == "log.own_ballot"]
        assert ballots and all(f"{state.name_of(e.to[0])}'s sealed ballot, on each motion in table order: "
                               f"{said(e.args[0])}." in lines for e in ballots)


def test_during_the_game_a_seat_reads_its_own_private_lines_as_its_own() -> None:
    from game.core.state import LogEntry
    from game.ui import labels

    sc = load_scenario()
    state = new_game(sc, 3, 5)
    view = observe(state, Role.S)
    e = LogEntry(seq=1, round=1, key="log.own_ballot", args=("NY",), to=(Role.S,))
    # play-test: "Your sealed ballot: NY." left the reader to decode it
    assert labels.log_line(view, e, labels.names(view)) == "Your sealed ballot, on each motion in table order: No, Yes."


def test_at_a_hot_seat_table_the_ais_answer_to_a_counter_is_shown_before_any_curtain(app: App, render_log: list) -> None:
    # found in play: with two humans the AI's accept (or walk-away) after a human's counter was
    # never shown: the negotiation closed as the screen went public for the AI's move. It is
    # shown now, at once, on the public view (its sentence is in everyone's log too), to the
    # human who countered a moment ago, before the screen is passed on
    from game.ui import showcase
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import NegotiationScene
    from game.ui.scenes.overlays import MessageScene

    from .driver import key

    one = negotiation_session(showcase.midgame((Role.H,))).state
    b = one.bargain
    assert b is not None and one.to_move == Role.H
    ai = b.offer.by
    mid = one.motions[b.motion_index].id
    # the same position with a second human seat, not in this negotiation: a hot-seat table
    second = next(x.role for x in one.seats if x.role not in (Role.H, ai) and x.controller != Controller.HUMAN)
    seats = tuple(x.model_copy(update={"controller": Controller.HUMAN}) if x.role == second else x for x in one.seats)
    s = GameSession(one.model_copy(update={"seats": seats}), autosaves=False)
    assert s.multi_human and s.viewer is None
    table = TableScene(app, s)
    app.replace(table)
    post(app, [], frames=1)
    assert isinstance(app.top, CurtainScene) and app.top.role == Role.H
    post(app, [key(pygame.K_SPACE, " ")], frames=2)  # the Custodian takes the screen; the dialog opens
    neg = app.top
    assert isinstance(neg, NegotiationScene) and s.viewer == Role.H
    price, _ = s.ask_price(ai)
    assert price is not None, "the showcase negotiation has a price"
    render_log.clear()
    table.do(price)  # counter with their price: they take it (or walk away)
    assert s.viewer is None  # the screen went public for the AI's move
    for _ in range(10):
        app.frame(1 / 60, events=[])
        if isinstance(app.top, (MessageScene, CurtainScene)):
            break
    said = s.said_about(ai, mid)
    assert said is not None and said.action.verb in ("accept", "walk")
    msg = app.top
    assert isinstance(msg, MessageScene), "the AI's answer was not shown"
    assert not any(isinstance(x, CurtainScene) for x in app.stack)  # before any curtain
    name, us = s.state.name_of(ai), s.state.name_of(Role.H)
    verb = "accepts" if said.action.verb == "accept" else "walks away from"
    assert msg.title == f"{name} {verb} {us}'s offer on motion #{mid}"
    assert said.reason in msg.body
    n = len(s.state.actions)
    for _ in range(5):
        app.frame(1 / 60, events=[])
    assert app.top is msg and len(s.state.actions) == n  # the game waits while it is read
    assert s.viewer is None and is_public(table.current_view())
    assert render_log and all(public for _, _, public in render_log)  # nobody's hand, agenda or log
    post(app, [key(pygame.K_RETURN, "\r")], frames=1)
    assert app.top is not msg and not any(isinstance(x, MessageScene) for x in app.stack)


def test_at_a_hot_seat_table_the_human_bargaining_with_an_ai_keeps_the_screen_between_exchanges(
        app: App, render_log: list) -> None:
    # play-test: a curtain came up between a human's counter and the AI's reply, so every
    # exchange took one more key press, though nobody else had moved or looked
    from game.core import legal_actions
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import NegotiationScene

    one = negotiation_session(showcase.midgame((Role.H,))).state
    ai = one.bargain.offer.by if one.bargain else None
    second = next(x.role for x in one.seats if x.role not in (Role.H, ai) and x.controller != Controller.HUMAN)
    seats = tuple(x.model_copy(update={"controller": Controller.HUMAN}) if x.role == second else x for x in one.seats)
    hot = one.model_copy(update={"seats": seats})
    for a in (a for a in legal_actions(hot, Role.H) if a.verb == "counter"):
        s = GameSession(hot, autosaves=False)
        table = TableScene(app, s)
        app.replace(table)
        post(app, [], frames=1)
        assert isinstance(app.top, CurtainScene) and app.top.role == Role.H
        app.top.ready()
        post(app, [], frames=2)
        render_log.clear()
        table.do(a)
        assert s.viewer is None  # the screen is public while the AI moves
        post(app, [], frames=6)
        if s.state.to_move == Role.H and s.state.bargain is not None:
            break  # the AI countered: the Custodian is to answer
    else:
        raise AssertionError("no counter of the Custodian's draws the AI's counter")
    assert s.holder == Role.H and s.viewer == Role.H
    assert not any(isinstance(x, CurtainScene) for x in app.stack)
    assert isinstance(app.top, NegotiationScene) and not is_public(table.current_view())
    assert [name for name, _, _ in render_log if name == "curtain"] == []
    # a pause leaves the screen to anyone: carrying on needs the curtain again
    table.toggle_pause()
    assert s.viewer is None and s.holder is None
    table.toggle_pause()
    post(app, [], frames=2)
    assert any(isinstance(x, CurtainScene) for x in app.stack)


def _seated_at_a_hot_seat_table(app: App, seed: int = 4242) -> TableScene:
    """A 3-seat table with two human seats (the Custodian and the Sanctioned Power), played by
    keys up to the moment a human has passed the curtain and sees its own view at the table."""
    sc = load_scenario()
    humans = {Role.H, Role.S}
    seats = [SeatConfig(role=r, name=sc.roles[r].name,
                        controller=Controller.HUMAN if r in humans else Controller.AI) for r in playing_roles(3)]
    table = TableScene(app, GameSession(new_game(sc, seats, seed), autosaves=False))
    app.replace(table)
    s = table.session
    player = KeyboardPlayer(seed=seed)
    for _ in range(2000):
        if app.top is table and s.viewer is not None and s.viewer == s.state.to_move:
            break
        post(app, player.next_events(app))
    assert app.top is table and s.viewer in humans and s.viewer == s.state.to_move
    assert not is_public(table.current_view())
    return table


def test_pause_at_a_hot_seat_table_hides_the_seat_and_the_curtain_comes_back_first(app: App,
                                                                                    render_log: list) -> None:
    # found in play: P left "Secret agenda: Hawk" and "Your sealed ballot: Y" on the paused screen
    from .driver import key

    table = _seated_at_a_hot_seat_table(app)
    s = table.session
    seat = s.viewer
    render_log.clear()
    post(app, [key(pygame.K_p, "p")], frames=3)
    assert table.paused and app.top is table
    assert s.viewer is None and is_public(table.current_view())
    assert render_log and all(public for _, _, public in render_log), "a private view was drawn while paused"
    render_log.clear()
    post(app, [key(pygame.K_p, "p")], frames=1)  # carry on: the curtain first, nothing private before it
    assert not table.paused
    assert isinstance(app.top, CurtainScene) and app.top.role == seat
    assert all(public for _, _, public in render_log)
    post(app, [key(pygame.K_SPACE, " ")], frames=1)
    assert s.viewer == seat and app.top is table and not is_public(table.current_view())


def test_pause_at_a_one_human_table_keeps_that_seats_view(app: App) -> None:
    from .driver import key

    sc = load_scenario()
    seats = showcase.seats_for((Role.H,), 3, personality="pragmatist")
    table = TableScene(app, GameSession(new_game(sc, seats, 4242), autosaves=False))
    app.replace(table)
    post(app, [key(pygame.K_p, "p")], frames=2)
    assert table.paused and table.session.viewer == Role.H  # nobody else is at the table
    post(app, [key(pygame.K_p, "p")], frames=2)
    assert not table.paused and not isinstance(app.top, CurtainScene)


@pytest.mark.parametrize("tool", ["projector", "facilitator"])
def test_closing_the_projector_or_facilitator_view_at_a_hot_seat_table_leads_to_the_curtain(
        app: App, render_log: list, tool: str) -> None:
    # found in play: F10 (the room's screen), then F10 again, went straight back to Ana's brief
    from game.ui.scenes.facilitator import PinScene, ProjectorScene

    from .driver import key

    table = _seated_at_a_hot_seat_table(app)
    s = table.session
    seat = s.viewer
    k = pygame.K_F10 if tool == "projector" else pygame.K_F9
    render_log.clear()
    post(app, [key(k)], frames=3)
    assert isinstance(app.top, ProjectorScene if tool == "projector" else PinScene)
    assert s.viewer is None and is_public(table.current_view())  # nothing of the seat's under or behind it
    post(app, [], frames=3)
    assert isinstance(app.top, ProjectorScene if tool == "projector" else PinScene)  # no curtain over the tool
    post(app, [key(k)], frames=1)  # closed again
    assert isinstance(app.top, CurtainScene) and app.top.role == seat
    assert all(public for _, _, public in render_log), "a seat's view was drawn under or after the tool"
    post(app, [key(pygame.K_SPACE, " ")], frames=1)
    assert s.viewer == seat and not is_public(table.current_view())


def test_a_seats_open_ballot_closes_when_the_projector_takes_the_screen(app: App, render_log: list) -> None:
    from game.ui.scenes.dialogs import VoteScene
    from game.ui.scenes.facilitator import ProjectorScene

    from .driver import key, open_own_ballot

    table, _ = open_own_ballot(app)  # a sealed ballot open for the seat at the screen
    s = table.session
    voter = s.viewer
    assert voter is not None and voter == s.state.to_move
    render_log.clear()
    post(app, [key(pygame.K_F10)], frames=2)
    assert isinstance(app.top, ProjectorScene) and not any(isinstance(x, VoteScene) for x in app.stack)
    post(app, [key(pygame.K_ESCAPE)], frames=1)
    assert isinstance(app.top, CurtainScene) and app.top.role == voter
    assert all(public for _, _, public in render_log)
    post(app, [key(pygame.K_SPACE, " ")], frames=2)
    assert isinstance(app.top, VoteScene) and s.viewer == voter  # the ballot opens again for that seat


def test_no_ai_personality_shares_its_name_with_a_secret_agenda() -> None:
    # hot-seat play-test: the table labelled the AI Chair "Hawk" while the Custodian's brief read
    # "Secret agenda: Hawk" ("wait, is that your agenda?"); the Custodian's and the Watching Power's
    # agendas were called Hawk and Opportunist, as two personalities are
    from game.ai import PERSONALITIES
    from game.core import load_scenario
    from game.core.scenario import list_scenarios
    from game.text import t

    shown = {t(f"ui.personality.{p}").casefold() for p in PERSONALITIES}
    assert len(list_scenarios()) >= 4
    for name in list_scenarios():
        for a in load_scenario(name).agendas:
            assert a.name.casefold() not in shown, (name, a.name)


def test_esc_over_a_sealed_choice_opens_the_menu_and_a_save_typed_there_seals_nothing(app: App,
                                                                                    tmp_path) -> None:  # noqa: ANN001
    # hot-seat play-test: Esc closed the compliance choice, the table's hotkeys stayed live, and a save
    # name typed after it reopened the choice and sealed it with Enter: a choice nobody made
    from game.paths import set_saves_dir
    from game.ui.scenes.dialogs import SEAL_GUARD_S
    from game.ui.scenes.overlays import MenuScene, MessageScene, SaveScene

    from .driver import key, open_own_ballot, type_text

    set_saves_dir(tmp_path / "saves")
    table, ballot = open_own_ballot(app)
    s = table.session
    cast = s.state.ballots
    wait(app, SEAL_GUARD_S)
    post(app, [key(pygame.K_ESCAPE)])
    assert isinstance(app.top, MenuScene) and ballot in app.stack  # the menu over the ballot
    post(app, [key(pygame.K_2, "2")])  # Save game
    assert isinstance(app.top, SaveScene)
    post(app, [*type_text("vote"), key(pygame.K_RETURN, "\r")])
    assert isinstance(app.top, MessageScene)  # "Saved as ..."
    post(app, [key(pygame.K_RETURN, "\r")])
    assert app.top is ballot and s.state.ballots == cast  # back at the ballot, nothing sealed
    assert any(p.name.endswith("vote.save.json") for p in (tmp_path / "saves").iterdir())  # the name typed
    post(app, [key(pygame.K_RETURN, "\r")], frames=1)  # an Enter at once is the save's, not the ballot's
    assert app.top is ballot and s.state.ballots == cast
    wait(app, SEAL_GUARD_S)
    post(app, [key(pygame.K_RETURN, "\r")])
    assert len(s.state.ballots) == len(cast) + 1  # now it seals, as the seat chose
