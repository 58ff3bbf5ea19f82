"""Table controls: the phase timer plays the cautious choice, P pauses everything, tips retire."""

from __future__ import annotations

import pygame

from game.core import Controller, Phase, Role, default_action, load_scenario, new_game
from game.text import t
from game.ui import showcase
from game.ui.app import App
from game.ui.scenes.table import TableScene
from game.ui.session import GameSession

from .driver import key, post


def one_human_game(timer: float = 0.0) -> GameSession:
    sc = load_scenario()
    seats = showcase.seats_for((Role.M,), 5, personality="pragmatist")
    return GameSession(new_game(sc, seats, 8), timer_limit=timer, autosaves=False)


def test_a_phase_timer_plays_the_cautious_choice_when_it_runs_out(app: App) -> None:
    s = one_human_game(timer=2.0)
    table = TableScene(app, s)
    app.replace(table)
    assert s.state.to_move == Role.M  # the human Chair sets the agenda first
    expected = default_action(s.state)
    assert expected in s.legal()
    for _ in range(3):
        app.frame(1.0, events=[])
    assert s.state.actions and s.state.actions[0] == str(expected)
    # the notice names whose time ran out (at a hot-seat table the next player may be looking)
    assert table.error == t("ui.timer.expired", name=s.state.name_of(Role.M))


def test_p_pauses_the_ai_and_resumes(app: App) -> None:
    s = one_human_game()
    table = TableScene(app, s)
    app.replace(table)
    post(app, [key(pygame.K_1, "1")])  # the human Chair picks who proposes first
    assert s.ai_to_move() is not None
    post(app, [key(pygame.K_p, "p")])
    n = len(s.state.actions)
    for _ in range(30):
        app.frame(0.5, events=[])
    assert len(s.state.actions) == n  # nothing moves while paused
    post(app, [key(pygame.K_p, "p")])
    for _ in range(5):
        app.frame(1.0, events=[])
    assert len(s.state.actions) > n


def test_a_dismissed_tip_never_comes_back(app: App) -> None:
    app.settings.tips_seen = []
    table = TableScene(app, one_human_game())
    app.replace(table)
    app.frame(1 / 60, events=[])
    first = table.tip_id
    assert first is not None
    post(app, [key(pygame.K_t, "t")])
    assert first in app.settings.tips_seen and table.tip_id != first
    # a new game, a new table: the dismissed tip stays away (it is in the saved settings)
    table2 = TableScene(app, one_human_game())
    app.replace(table2)
    app.frame(1 / 60, events=[])
    assert table2.tip_id != first


def test_the_welcome_tip_moves_on_by_itself_once_the_game_moves_on(app: App) -> None:
    # play-test: the first tip stayed up all of round 1 and into round 2; the next came only after T
    from game.ui.tips import TIP_MIN_SECONDS

    app.settings.tips_seen = []
    s = one_human_game()
    table = TableScene(app, s)
    app.replace(table)
    app.frame(1 / 60, events=[])
    assert table.tip_id == "welcome" and s.human_turn() == Role.M  # the human Chair sets the agenda
    for _ in range(int(TIP_MIN_SECONDS / 0.25) + 8):  # long enough, but the game has not moved on
        app.frame(0.25, events=[])
    assert table.tip_id == "welcome"
    post(app, [key(pygame.K_1, "1")])  # the agenda set: the game moves on to the proposals
    for _ in range(8):
        app.frame(0.25, events=[])
    assert table.current_view().phase != Phase.AGENDA
    assert table.tip_id != "welcome" and "welcome" in app.settings.tips_seen
    # and a tip shown a moment ago stays up while the game moves on (at least TIP_MIN_SECONDS)
    app.settings.tips_seen = []
    table2 = TableScene(app, one_human_game())
    app.replace(table2)
    app.frame(1 / 60, events=[])
    post(app, [key(pygame.K_1, "1")])
    for _ in range(4):
        app.frame(0.25, events=[])
    assert table2.current_view().phase != Phase.AGENDA and table2.tip_id == "welcome"


def test_number_keys_press_the_action_buttons(app: App) -> None:
    s = one_human_game()
    table = TableScene(app, s)
    app.replace(table)
    app.frame(1 / 60, events=[])
    labels = [w.label for w in table.ui.widgets if getattr(w, "hotkey", "") == "2"]  # type: ignore[attr-defined]
    post(app, [key(pygame.K_2, "2")])
    assert s.state.actions[0].startswith("M agenda")
    chosen = Role(s.state.actions[0].split()[-1])
    assert labels and labels[0].startswith(s.state.name_of(chosen))  # the button said what it did


def test_the_rulebook_scrolls_and_jumps_to_a_chapter(app: App) -> None:
    from game.ui.scenes.rules import RulesScene, TocButton

    from .driver import click

    rules = RulesScene(app)
    app.replace(rules)
    app.frame(1 / 60, events=[])
    post(app, [key(pygame.K_PAGEDOWN)])
    assert rules.scroll > 0
    post(app, [key(pygame.K_HOME)])
    assert rules.scroll == 0
    toc = [w for w in rules.ui.widgets if isinstance(w, TocButton)]
    assert len(toc) >= 5  # the chapters of docs/RULES.md
    post(app, click(toc[3].rect.center))
    assert rules.scroll > 0


def test_the_rulebook_opened_from_a_game_gives_that_games_scenario_numbers(app: App) -> None:
    # play-test: at a table playing an edited scenario (30 tokens, Credibility 9), Esc > Rules
    # gave the default scenario's numbers
    from game.ui.scenes.overlays import MenuScene
    from game.ui.scenes.rules import RulesScene

    sc = load_scenario()
    edited = sc.model_copy(update={"name": "Workshop Vault", "tokens": 30,
                                   "tracks": sc.tracks.model_copy(update={"C": 9})})
    s = GameSession(new_game(edited, showcase.seats_for((Role.H,), 5), 8), autosaves=False)
    app.replace(TableScene(app, s))
    menu = MenuScene(app)
    app.push(menu)
    app.frame(1 / 60, events=[])
    menu.rules()
    rules = app.top
    assert isinstance(rules, RulesScene)
    text = " ".join(b for _, b in rules.blocks)
    assert "Numbers of the scenario Workshop Vault." in text and "The Vault holds 30 tokens" in text
    assert "Credibility 9" in text and f"Numbers of the scenario {sc.name}." not in text
    plain = " ".join(b for _, b in RulesScene(app).blocks)  # from the title screen: the default's
    assert f"Numbers of the scenario {sc.name}." in plain and "Workshop Vault" not in plain


def test_setup_presets_seat_humans_and_ais(app: App) -> None:
    from game.ui.scenes.setup import PRESETS, SetupScene

    from .driver import click

    setup = SetupScene(app)
    app.replace(setup)
    app.frame(1 / 60, events=[])
    buttons = {w.label: w for w in setup.ui.widgets if getattr(w, "label", "") and w.rect.top > setup.ctx.d(640)}
    want = {"solo": 1, "pair": 2, "class": len(setup.seats), "watch": 0}
    for preset in PRESETS:
        from game.text import t

        post(app, click(buttons[t(f"ui.setup.preset.{preset}")].rect.center))
        humans = [c for c in setup.seat_configs() if c.controller == Controller.HUMAN]
        assert len(humans) == want[preset], preset


def test_the_tables_key_line_is_hidden_while_a_dialog_is_over_the_table(app: App, drawn_text: list[str]) -> None:
    # found in play: under the negotiation, the counter builder or a message the dimmed table
    # still said "1-9 choose", keys that do nothing while the dialog is up
    from game.text import t
    from game.ui import showcase
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import MotionBuilderScene, NegotiationScene
    from game.ui.scenes.overlays import MessageScene

    footer = t("ui.key_footer")
    s = negotiation_session(showcase.midgame((Role.H,)))
    table = TableScene(app, s)
    table.run_game = lambda dt: None  # type: ignore[method-assign]  # the position stays put
    app.replace(table)
    app.frame(1 / 60, events=[])
    assert footer in drawn_text  # the table alone: its keys work, the line is there
    for dialog in (NegotiationScene(app, table), MotionBuilderScene(app, table, "counter"),
                   MessageScene(app, "A message", "Its body.")):
        app.push(dialog)
        table.layer = None  # painted afresh under the dialog, not the picture cached before it
        drawn_text.clear()
        app.frame(1 / 60, events=[])
        assert drawn_text and footer not in drawn_text, type(dialog).__name__
        app.pop(dialog)
    drawn_text.clear()
    app.frame(1 / 60, events=[])
    assert footer in drawn_text  # back at the table, the line returns


def _builder_at_the_first_proposal(app: App):  # noqa: ANN202
    """The Custodian's motion builder at its first proposal turn of a seeded game (the table
    does not run on under it)."""
    from game.core import Phase
    from game.ui.scenes.dialogs import MotionBuilderScene

    st = showcase.advance(new_game(load_scenario(), showcase.seats_for((Role.H,)), 21),
                          lambda x: x.phase == Phase.PROPOSALS and x.to_move == Role.H, seed=21)
    table = TableScene(app, GameSession(st, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    builder = MotionBuilderScene(app, table, "propose")
    app.push(builder)
    return st, builder


def test_the_builders_number_selectors_stop_at_their_ends_and_a_new_kind_starts_from_its_fewest_tranches(
        app: App) -> None:
    # play-test: Tranches went 1, 4, 3, 2 on the left arrow (it wrapped round), and a Deal's 4
    # tranches carried over to a Mobilize: Legal risk 1 to 9 and Escalation 4 to 8 in one click
    from game.core import MotionKind
    from game.ui.widgets import Cycle

    st, builder = _builder_at_the_first_proposal(app)
    assert {MotionKind.DEAL, MotionKind.MOBILIZE} <= set(builder.kinds)
    builder.set("kind", MotionKind.DEAL)
    builder.set("tranches", max(builder.values("tranches")))
    builder.set("kind", MotionKind.MOBILIZE)
    assert builder.sel["tranches"] == min(builder.values("tranches")) == 1
    builder.ensure_layout()
    tranches = next(w for w in builder.ui.widgets if isinstance(w, Cycle) and w.value == builder.sel["tranches"]
                    and w.label == t("ui.builder.tranches"))
    tranches.step(-1)  # at the fewest: the left arrow does nothing
    assert builder.sel["tranches"] == 1


def test_a_new_deal_starts_on_escrow_and_a_kind_chosen_again_keeps_its_choices(app: App) -> None:
    # play-test: a new Deal started on Release, the channel the game warns against, for whoever
    # pressed Enter; and Deal, Mobilize, Deal lost the concession, channel and tranches chosen
    from game.core import Channel, MotionKind

    st, builder = _builder_at_the_first_proposal(app)
    builder.set("kind", MotionKind.DEAL)
    assert Channel.RELEASE in builder.values("channel") and builder.sel["channel"] == Channel.ESCROW
    picked = {"concession": builder.values("concession")[-1], "channel": Channel.REDIRECT}
    for f, v in picked.items():
        builder.set(f, v)
    builder.set("tranches", max(builder.values("tranches")))
    chosen = dict(builder.sel)
    builder.set("kind", MotionKind.MOBILIZE)
    assert builder.sel["tranches"] == 1  # a new kind still starts from its fewest tranches
    builder.set("kind", MotionKind.DEAL)
    assert builder.sel == chosen and builder.terms() is not None


def test_the_escalation_track_warns_of_the_drift_the_round_will_end_with(app: App, drawn_text: list[str]) -> None:
    # play-test: round 3 opened at Escalation 7 and Peace 2; the round's end drifted it to 10 and
    # everyone lost, and nothing on the board had said so
    from game.core import Phase
    from game.ui import labels
    from tests.core.helpers import run_until, with_tracks

    sc = load_scenario()
    r = sc.rules
    s0 = new_game(sc, showcase.seats_for((Role.H,)), 5)
    round_two = run_until(s0, lambda x: x.round == r.drift_from_round and x.phase == Phase.PROPOSALS)
    cases = [(with_tracks(s0, P=r.drift_low_p, E=2), None),  # round 1: no drift yet
             (with_tracks(round_two, P=r.drift_low_p + 1, E=2), None),
             (with_tracks(round_two, P=r.drift_low_p, E=2), (r.drift_low_e, False)),
             (with_tracks(round_two, P=0, E=r.e_loss - r.drift_low_e), (r.drift_low_e, True))]
    for state, want in cases:
        view = GameSession(state, autosaves=False).view()
        assert labels.drift_ahead(view) == want
        table = TableScene(app, GameSession(state, autosaves=False))
        table.run_game = lambda dt: None  # type: ignore[method-assign]
        app.replace(table)
        drawn_text.clear()
        app.draw()
        said = [x for x in drawn_text if "at round's end" in x]
        if want is None:
            assert not said
        else:
            key = "ui.track.E.drift_lethal" if want[1] else "ui.track.E.drift"
            assert said == [t(key, n=want[0])]


def test_the_builder_says_what_the_vault_keeps_for_the_rounds_after(app: App, drawn_text: list[str]) -> None:
    # play-test: four tranches in each of the first rounds emptied the Vault, and nothing had
    # said so; the second half had nothing left to table
    from game.core import MotionKind

    st, builder = _builder_at_the_first_proposal(app)
    builder.set("kind", MotionKind.DEAL)
    builder.set("tranches", max(builder.values("tranches")))
    tm = builder.terms()
    assert tm is not None and not st.motions
    drawn_text.clear()
    app.frame(1 / 60, events=[])
    sc = st.scenario
    keeps = (st.vault - tm.tranches * sc.tranche) // sc.tranche
    want = t("ui.preview.vault_left", n=keeps, left=sc.rules.rounds - st.round)
    assert want in drawn_text, [x for x in drawn_text if "Vault" in x]


def test_table_a_motion_keeps_its_number_when_no_motion_can_be_tabled(app: App) -> None:
    # play-test: button 1 had been "Table a motion...", then (no motion open) it was the Frontline
    # State's one-use card, played at once by the same key
    from game.core import legal_actions

    def card_turn(st) -> bool:  # noqa: ANN001
        return (st.phase == Phase.PROPOSALS and st.to_move == Role.A
                and any(a.verb == "play" for a in legal_actions(st, Role.A)))

    st = showcase.midgame((Role.A,), until=card_turn)
    assert card_turn(st)
    broke = st.model_copy(update={"ip": tuple(0 if r == Role.A else v for r, v in zip(st.roles, st.ip, strict=True))})
    legal = legal_actions(broke, Role.A)
    assert not any(a.verb == "propose" for a in legal) and any(a.verb == "play" for a in legal)
    s = GameSession(broke, autosaves=False)
    table = TableScene(app, s)
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    app.frame(1 / 60, events=[])
    buttons = {w.hotkey: w for w in table.ui.widgets if getattr(w, "hotkey", "").isdigit()}
    assert buttons["1"].label == t("ui.act.propose_menu") and not buttons["1"].enabled
    n = len(s.state.actions)
    post(app, [key(pygame.K_1, "1")])
    assert len(s.state.actions) == n  # nothing played
    assert table.ui.focused is not None and table.ui.focused.enabled  # Enter does the first thing it can
