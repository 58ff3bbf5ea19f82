"""Space only skips the AI's pause; Enter confirms a dialog and never changes a selector."""

from __future__ import annotations

import pygame

from game.core import Controller, Phase, Role, SeatConfig, load_scenario, new_game, playing_roles
from game.ui import showcase
from game.ui.app import App
from game.ui.scenes.dialogs import (
    SEAL_GUARD_S,
    ComplyScene,
    MotionBuilderScene,
    NegotiationScene,
)
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession
from game.ui.widgets import Cycle

from .driver import (
    KeyboardPlayer,
    click,
    key,
    negotiation_going_on,
    open_negotiation,
    open_own_ballot,
    post,
)


def frames(app: App, seconds: float) -> None:
    for _ in range(round(seconds * 60)):
        app.frame(1 / 60, events=[])


def test_space_after_the_ai_counters_never_accepts_the_counter(app: App) -> None:
    # the QA repro: standard start, seed 4242, table a motion (1, Enter), wait 6 s, Space. The
    # AI's counter (costing the Custodian 2 IP) had come in and Space pressed Accept.
    app.settings.ai_delay = 0.8  # the normal pace: the wait is real
    app.replace(TitleScene(app))
    post(app, [key(pygame.K_RETURN, "\r")])
    seed = app.top.ui.widgets[3]
    post(app, click(seed.rect.center) + [key(pygame.K_BACKSPACE)] * 9
         + [key(pygame.K_0 + int(d), d) for d in "4242"] + [key(pygame.K_F5)])
    table = app.find(TableScene)
    assert isinstance(table, TableScene) and table.session.state.seed == 4242
    s = table.session
    frames(app, 2)  # the Chair (AI) sets the agenda
    assert s.state.phase == Phase.PROPOSALS and s.state.to_move == Role.H
    post(app, [key(pygame.K_1, "1")])
    assert isinstance(app.top, MotionBuilderScene)
    post(app, [key(pygame.K_RETURN, "\r")])
    assert s.state.actions[-1].startswith("H propose")
    frames(app, 6)
    neg = app.top
    assert isinstance(neg, NegotiationScene) and s.state.to_move == Role.H
    assert s.state.actions[-1].split()[1] == "counter"  # the AI's counter-offer is on the table
    # found in play: the focus started on Accept, so Enter bound a payment at once
    assert neg.ui.focused.label == "Counter..."  # type: ignore[union-attr]
    n = len(s.state.actions)
    post(app, [key(pygame.K_SPACE, " ")])
    assert len(s.state.actions) == n and app.top is neg  # nothing was accepted
    post(app, [key(pygame.K_RETURN, "\r")])
    assert len(s.state.actions) == n and isinstance(app.top, MotionBuilderScene)  # Enter opens the counter
    builder = app.top
    post(app, [key(pygame.K_RETURN, "\r")])  # the builder starts from their offer: sending it back is refused
    assert len(s.state.actions) == n and app.top is builder and "their own offer" in builder.error
    post(app, [key(pygame.K_ESCAPE)])
    assert app.top is neg
    post(app, [key(pygame.K_a, "a")])  # the dialog still works by its own keys
    assert s.state.actions[n] == "H accept"


def test_space_or_enter_in_the_moment_after_an_ai_move_is_taken_for_the_wait(app: App) -> None:
    # pressed while the AI still looked busy, arriving just after its move: never a press
    app.settings.ai_delay = 0.8
    sc = load_scenario()
    seats = showcase.seats_for((Role.H,), 5, personality="pragmatist")
    table = TableScene(app, GameSession(new_game(sc, seats, 4242), autosaves=False))
    app.replace(table)
    s = table.session
    assert s.ai_to_move() is not None
    frames(app, 0.5)
    post(app, [key(pygame.K_SPACE, " ")], frames=1)  # skips the Chair's pause
    assert s.state.phase == Phase.PROPOSALS and s.state.to_move == Role.H  # the human's buttons are up
    n = len(s.state.actions)
    post(app, [key(pygame.K_RETURN, "\r")], frames=1)  # a skip meant for the pause that just ended
    post(app, [key(pygame.K_SPACE, " ")], frames=1)
    assert len(s.state.actions) == n and app.top is table
    frames(app, 0.5)
    post(app, [key(pygame.K_SPACE, " ")])  # Space is never "press" at the table
    assert app.top is table and len(s.state.actions) == n
    post(app, [key(pygame.K_RETURN, "\r")])  # Enter, later, presses the focused button
    assert isinstance(app.top, MotionBuilderScene)


def test_enter_confirms_the_sealed_ballot_with_the_choice_just_clicked(app: App) -> None:
    table, vote = open_own_ballot(app, autosaves=True, limit=400)
    seat = table.session.viewer
    cycle = vote.ui.widgets[0]
    assert isinstance(cycle, Cycle) and cycle.value == "Y"
    post(app, click((cycle.rect.right - 10, cycle.rect.centery)))  # Yes -> No
    assert cycle.value == "N" and vote.ui.focused is cycle
    # in its first moment the ballot takes no Enter: that press was meant for the screen before
    assert app.elapsed - vote.opened_at < SEAL_GUARD_S
    acted = len(table.session.state.actions)
    post(app, [key(pygame.K_RETURN, "\r")])
    assert app.top is vote and len(table.session.state.actions) == acted and cycle.value == "N"
    frames(app, SEAL_GUARD_S)
    post(app, [key(pygame.K_RETURN, "\r")])
    assert app.top is not vote
    mine = [a for a in table.session.state.actions if a.startswith(f"{seat.value} vote")]
    assert mine and mine[-1].split()[2][0] == "N"  # confirmed as clicked, not flipped back


def test_enter_on_a_compliance_selector_confirms_defect(app: App) -> None:
    sc = load_scenario()
    seats = showcase.seats_for((Role.S,), 3, personality="pragmatist")
    table = TableScene(app, GameSession(new_game(sc, seats, 21), autosaves=False))
    app.replace(table)
    player = KeyboardPlayer(seed=2, use_mouse=False)
    for _ in range(3000):
        if isinstance(app.top, ComplyScene) or table.session.state.is_over:
            break
        post(app, player.next_events(app))
    comply = app.top
    assert isinstance(comply, ComplyScene)
    cycle = comply.ui.widgets[0]
    post(app, click((cycle.rect.right - 10, cycle.rect.centery)))  # Comply -> Defect
    assert cycle.value == "D"
    confirm = comply.ui.widgets[-1]
    post(app, click(confirm.rect.center))  # a click in its first moment does not seal it either
    assert app.top is comply and cycle.value == "D"
    frames(app, SEAL_GUARD_S)
    post(app, [key(pygame.K_RETURN, "\r")])
    assert app.top is not comply
    last = [a for a in table.session.state.actions if a.startswith("S comply")][-1]
    assert last.split()[2][0] == "D"


def test_enter_on_a_builder_selector_tables_the_motion(app: App) -> None:
    state = showcase.advance(new_game(load_scenario(), showcase.seats_for((Role.H,)), showcase.SHOW_SEED),
                             lambda st: st.phase == Phase.PROPOSALS and st.to_move == Role.H, seed=showcase.SHOW_SEED)
    table = TableScene(app, GameSession(state, autosaves=False))
    app.replace(table)
    table.open_builder()
    app.frame(1 / 60, events=[])
    builder = app.top
    assert isinstance(builder, MotionBuilderScene)
    post(app, [key(pygame.K_TAB)] * 2)  # onto a selector
    focused = builder.ui.focused
    assert isinstance(focused, Cycle)
    before = focused.value
    n = len(table.session.state.actions)
    post(app, [key(pygame.K_RETURN, "\r")])
    assert app.top is not builder  # Enter pressed "Table it"
    assert focused.value == before
    assert table.session.state.actions[n].startswith("H propose")


def test_enter_never_changes_a_settings_selector_and_arrows_do(app: App) -> None:
    from game.ui.scenes.settings_scene import SettingsScene

    app.replace(SettingsScene(app))
    app.frame(1 / 60, events=[])
    scene = app.top
    tips = next(w for w in scene.ui.widgets if isinstance(w, Cycle) and w.label == "First-game tips")
    scene.ui.focus = scene.ui.widgets.index(tips)
    before = app.settings.tips_enabled
    post(app, [key(pygame.K_RETURN, "\r")])
    assert app.settings.tips_enabled == before
    post(app, [key(pygame.K_RIGHT)])
    assert app.settings.tips_enabled != before


def test_space_that_skips_the_ais_answer_still_shows_it_until_enter(app: App) -> None:
    # found in play (seed 7, a counter with a side payment): Space skipped "... is weighing the
    # offer", the AI accepted, and the next Space dismissed its answer before it could be read;
    # the dialog went on to the next motion and the answer was only in the log
    from game.ui.scenes.overlays import MessageScene

    # the normal pace: the wait is real; a motion of ours follows, so the dialog goes on to it
    s, _, neg = open_negotiation(app, negotiation_going_on(), hold=False, ai_delay=0.8)
    post(app, [key(pygame.K_SLASH, "/")])
    assert neg.price is not None and neg.price[0] is not None, "the showcase negotiation has a price"
    neg.use_price()  # a counter they accept
    frames(app, 0.1)
    assert s.ai_to_move() is not None and app.top is neg  # "... is weighing the offer"
    n = len(s.state.actions)
    post(app, [key(pygame.K_SPACE, " ")], frames=3)  # skip the wait
    assert len(s.state.actions) == n + 1 and s.state.actions[n].split()[1] == "accept"
    told = app.top
    assert isinstance(told, MessageScene) and "accepts" in told.title
    post(app, [key(pygame.K_SPACE, " ")], frames=1)  # pressed again, at once: still up
    frames(app, 1)
    post(app, [key(pygame.K_SPACE, " ")])  # and later: Space never dismisses it
    assert app.top is told
    post(app, [key(pygame.K_RETURN, "\r")])  # Enter (or OK, or Esc) does
    assert app.top is neg


def test_enter_in_the_moment_after_the_ais_answer_leaves_the_answer_up(app: App) -> None:
    # Enter is a skip key too: pressed for the wait, it arrives just after the AI's move
    from game.ui.scenes.overlays import MessageScene

    s, _, neg = open_negotiation(app, negotiation_going_on(), hold=False, ai_delay=0.8)  # the dialog goes on
    post(app, [key(pygame.K_SLASH, "/")])
    neg.use_price()
    for _ in range(120):
        app.frame(1 / 60, events=[])
        if isinstance(app.top, MessageScene):
            break
    told = app.top
    assert isinstance(told, MessageScene)
    post(app, [key(pygame.K_RETURN, "\r")], frames=1)  # within the guard: meant for the wait
    assert app.top is told
    frames(app, 0.5)
    post(app, [key(pygame.K_ESCAPE)])
    assert app.top is neg


def test_the_negotiation_draws_the_button_enter_presses_as_the_gold_focused_one(app: App) -> None:
    # found in play: Enter opened Counter (on purpose, so Enter never accepts by accident), but
    # Accept was drawn gold, as the Enter button is in every other dialog, and Counter showed no focus
    from game.ui.widgets import Button

    s, _, neg = open_negotiation(app)  # the game held: our move
    drawn: dict[str, bool] = {}
    real = Button.draw

    def draw(self, surf, ctx, focused, hovered):  # noqa: ANN001, ANN202
        drawn[self.label] = focused
        return real(self, surf, ctx, focused, hovered)

    Button.draw = draw  # type: ignore[method-assignment]
    try:
        post(app, click((640, 700))[:1])  # the pointer moves (no key pressed yet)
        buttons = {w.label: w for w in neg.ui.widgets if isinstance(w, Button)}
        gold = [label for label, w in buttons.items() if w.style == "primary"]
        assert gold == ["Counter..."] and neg.ui.focused is buttons["Counter..."]
        assert drawn["Counter..."] and not drawn["Accept"]  # its focus shows before any key
        post(app, [key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)])  # focus to Accept: the ring moves with it
        assert drawn["Accept"] and not drawn["Counter..."]
        post(app, [key(pygame.K_TAB)])
        n = len(s.state.actions)
        post(app, [key(pygame.K_RETURN, "\r")])  # and Enter presses the one drawn so
        assert isinstance(app.top, MotionBuilderScene) and len(s.state.actions) == n
    finally:
        Button.draw = real  # type: ignore[method-assignment]


def test_with_no_exchange_left_no_negotiation_button_is_drawn_as_enters(app: App) -> None:
    from game.ui.widgets import Button

    s, table, neg = open_negotiation(app)
    real = table.session.legal
    table.session.legal = lambda: [a for a in real() if a.verb != "counter"]  # type: ignore[method-assign]
    neg.ui.focus = -1
    neg.relayout()
    n = len(s.state.actions)
    post(app, [key(pygame.K_RETURN, "\r")])
    assert len(s.state.actions) == n and app.top is neg  # Enter does nothing here ...
    assert not [w for w in neg.ui.widgets if isinstance(w, Button) and w.style == "primary"]  # ... and none is gold


def test_the_first_esc_closes_the_negotiation_after_an_ai_counter_comes_in_while_it_is_open(app: App) -> None:
    # found in play: the dialog stays open while the AI answers; after its counter-offer the first
    # Esc closed the dialog and the table opened it again at once (a new decision), so only a
    # second Esc seemed to work
    from game.core import Action
    from game.ui.commands import negotiation_session

    s = negotiation_session(showcase.midgame((Role.H,)))
    table = TableScene(app, s)
    app.replace(table)
    frames(app, 0.1)
    neg = app.top
    assert isinstance(neg, NegotiationScene) and s.state.to_move == Role.H
    table.do(Action.parse("H counter deal prisoner_exchange release 1 pay -2"))  # as the builder would
    frames(app, 0.2)
    assert app.top is neg and s.state.phase == Phase.BARGAIN and s.state.to_move == Role.H
    assert s.state.actions[-1].startswith("S counter")  # the AI's counter-offer, in the open dialog
    post(app, [key(pygame.K_ESCAPE)])
    frames(app, 0.1)
    assert app.top is table  # closed at the first press, and not opened again
    post(app, [key(pygame.K_ESCAPE)])
    assert not isinstance(app.top, NegotiationScene)  # the next Esc is the table's own (the menu)


def test_the_scenario_selector_goes_back_with_its_back_chevron_or_a_right_click(app: App) -> None:
    # found in play: a click only ever went forward, so the scenario before took a whole lap
    from game.ui.scenes.setup import SetupScene

    app.replace(SetupScene(app))
    app.frame(1 / 60, events=[])

    def selector() -> Cycle:  # the form is laid out again when the scenario changes
        return next(w for w in app.top.ui.widgets if isinstance(w, Cycle) and w.label == "Scenario")

    n = len(selector().options)
    assert n >= 3
    start = selector().index
    post(app, click(selector().rect.center))  # the body: forward
    assert selector().index == (start + 1) % n
    lo, hi = selector().back_zone()
    post(app, click(((lo + hi) // 2, selector().rect.centery)))  # the backward chevron
    assert selector().index == start
    post(app, click(selector().rect.center, button=3))  # a right-click
    assert selector().index == (start - 1) % n
    post(app, click((selector().rect.right - 3, selector().rect.centery)))  # the forward chevron
    assert selector().index == start


def test_a_clicked_controls_tooltip_waits_until_the_mouse_moves_on(app: App, monkeypatch) -> None:  # noqa: ANN001
    # found in play: after a click the tooltip of the control under the pointer stayed up over the
    # prompt that the click had just changed
    from game.ui import widgets

    shown: list[str] = []
    monkeypatch.setattr(widgets, "draw_tooltip", lambda surf, ctx, text, *a, **k: shown.append(text))
    ui = widgets.WidgetGroup()
    pressed: list[int] = []
    b = ui.add(widgets.Button(pygame.Rect(100, 100, 200, 40), "Pass", lambda: pressed.append(1), "Pass this turn."))
    surf = pygame.Surface((640, 360))
    for ev in click(b.rect.center)[:1]:  # the pointer arrives: its tooltip shows
        ui.handle(ev)
    ui.draw_tooltip(surf, app.ctx)
    assert shown == ["Pass this turn."]
    for ev in click(b.rect.center):
        ui.handle(ev)
    assert pressed == [1]
    shown.clear()
    ui.draw_tooltip(surf, app.ctx)
    assert shown == []  # hidden after the click
    x, y = b.rect.center
    ui.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(x + 2, y), rel=(2, 0), buttons=(0, 0, 0)))
    ui.draw_tooltip(surf, app.ctx)
    assert shown == []  # a tremor is not moving on
    ui.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(x + 20, y), rel=(18, 0), buttons=(0, 0, 0)))
    ui.draw_tooltip(surf, app.ctx)
    assert shown == ["Pass this turn."]


def test_the_side_payment_selector_stops_at_its_ends_instead_of_jumping_to_the_other_side(app: App) -> None:
    # found in play: one Left from "Chair pays you 2 IP" jumped to "You pay Chair 2 IP", and a
    # player sent an offer to pay without meaning to
    from .driver import open_counter_builder

    _, _, builder = open_counter_builder(app)
    pay = next(w for w in builder.ui.widgets if isinstance(w, Cycle) and w.label == "Side payment")
    values = [v for v, _ in pay.options]
    assert values == sorted(values) and values[0] < 0 < values[-1]  # one scale, from one side to the other
    def selector() -> Cycle:  # laid out again after every change
        return next(w for w in builder.ui.widgets if isinstance(w, Cycle) and w.label == "Side payment")

    builder.ui.focus = builder.ui.widgets.index(pay)
    for _ in range(len(values) + 2):
        post(app, [key(pygame.K_LEFT)])
        assert builder.ui.focused is selector()
    assert selector().value == values[0] and builder.sel["pay"] == values[0]  # stopped at the end
    assert not selector().can_step(-1) and selector().can_step(1)
    for _ in range(len(values) + 2):
        post(app, [key(pygame.K_RIGHT)])
    assert selector().value == values[-1] and builder.sel["pay"] == values[-1]
    assert not selector().can_step(1)


def test_enter_after_the_event_card_presses_the_first_move_not_the_menu(app: App) -> None:
    # play-test: after the round-1 event card was closed with Enter, the next Enter opened the
    # Menu instead of "Table a motion...". While the card was up the table had no moves, the
    # focus fell back to the Menu button and stayed there when the moves came back.
    from game.ui.scenes.dialogs import EventScene
    from game.ui.scenes.overlays import MenuScene
    from game.ui.widgets import Button

    app.settings.ai_delay = 0.0
    app.settings.tips_enabled = False
    sc = load_scenario()
    seats = [SeatConfig(role=r, name=sc.roles[r].name,
                        controller=Controller.HUMAN if r == Role.H else Controller.AI) for r in playing_roles(5)]
    table = TableScene(app, GameSession(new_game(sc, seats, 4242), autosaves=False))
    app.replace(table)
    s = table.session
    cards = 0
    for _ in range(3000):
        app.frame(1 / 60, events=[])
        top = app.top
        if isinstance(top, EventScene):
            cards += 1
            post(app, [key(pygame.K_RETURN, "\r")])
            frames(app, 0.5)
            if app.top is table and s.human_turn() == Role.H:
                break
            continue
        if top is table and s.human_turn() == Role.H:
            legal = s.legal()
            s.act(next((a for a in legal if a.verb == "pass"), legal[0]))
        elif top is not table and not isinstance(top, EventScene):
            app.pop(top)  # the reveal or a dialog: closed, the table goes on
    assert cards >= 1 and app.top is table and s.human_turn() == Role.H
    focused = table.ui.focused
    assert isinstance(focused, Button) and focused.hotkey == "1", focused
    post(app, [key(pygame.K_RETURN, "\r")])
    assert not isinstance(app.top, MenuScene)


def test_a_new_control_under_the_keyboard_focus_shows_no_tooltip_until_a_key_moves_it(app: App) -> None:
    # play-test: after one arrow key, every AI turn put "Skip the wait" under the focus and its
    # tooltip covered the key line, turn after turn
    from game.ui.scene import Scene
    from game.ui.widgets import Button

    class Two(Scene):
        tip = "first"

        def layout(self) -> None:
            for k in range(2):
                self.ui.add(Button(self.ctx.r(100, 100 + k * 60, 200, 40), f"b{k}", lambda: None, f"{self.tip} {k}"))

    scene = Two(app)
    app.replace(scene)
    app.frame(1 / 60, events=[])
    post(app, [key(pygame.K_DOWN)])
    assert scene.ui.keyboard_mode and scene.ui.moved
    scene.relayout()  # the same controls laid out again (a resize): the tooltip stays
    app.frame(1 / 60, events=[])
    assert scene.ui.moved
    scene.tip = "second"  # other controls in their place
    scene.relayout()
    app.frame(1 / 60, events=[])
    assert not scene.ui.moved
    post(app, [key(pygame.K_DOWN)])
    assert scene.ui.moved
