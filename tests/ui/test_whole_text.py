"""Whole sentences at the larger text sizes: what an AI delegation says, the popups, the ballot's
rows, the Motions panel and the infrastructure cards read in full and never run into each other.

Play-test at 130% text at 1280x720: the negotiation cut the AI's sentence at its end ("...if you
walk away, I vote it down ..."), and its walk-away message ended "...it goes to th..."; the
ballot cut "If it passes: ... · Peac..." and "It needed a Yes from ..." ran into the next opened
ballot; at 100% four motions were cut on the Motions panel ("...for 2 tranches ($7..."); at
1024x576 the infrastructure card read "Demining & Reconstructi...".
"""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.core import Channel, GameState, MotionKind, Phase, Role, Terms, observe
from game.core.state import Motion, MotionStatus
from game.ui import labels, render, showcase
from game.ui.app import App
from game.ui.scenes.table import TableScene
from game.ui.session import GameSession, Said
from tests.ui.conftest import Drawn

# an AI's counter as the agent words it: the counter, a broken promise remembered, the gap and
# what walking away leads to (game.ai.explain's templates, joined as the agent joins them)
LONG_COUNTER = ("I want this to work. Could we agree on Admit monitors for 1 tranche by Release with 2 IP paid by "
                "me? You voted against motion 201, a Deal, after agreeing it, so your promise on a Deal adds "
                "nothing: I give your yes a 40% chance whatever we agree; as it stands your offer leaves me worse "
                "off than no deal; most of the gap is the channel: Release, not Redirect; if you walk away, I vote "
                "it down as tabled.")
LONG_WALK = ("I walk away: your offer gives me 38% of the most I could gain over no deal, short of the 55% I need, "
             "and nothing I could offer instead would leave me better off than no deal; you voted against motion "
             "201 after agreeing it, so I give your promise a 40% chance of holding; your terms could not be "
             "carried out: the motions ahead of them leave 1 tranche in the Vault; it goes to the vote as tabled.")

SIZES = [(1280, 720, 1.0), (1280, 720, 1.3), (1024, 576, 1.0), (1024, 576, 1.3)]


def _window(app: App, w: int, h: int, scale: float) -> None:
    app.settings.text_scale = scale
    app.apply_settings()
    app.ctx.configure(w, h, False, scale)


def _frozen(app: App, state: GameState) -> TableScene:
    table = TableScene(app, GameSession(state, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]  # the position stays put
    app.replace(table)
    return table


def _lines_of(drawn: Drawn, text: str) -> list[tuple[str, pygame.Rect]]:
    """The lines ``text`` was drawn on (each as drawn, with its place), from its first line on."""
    rects = drawn.rects
    words = text.split()
    for k, (line, _) in enumerate(rects):
        if line.split() and line.split() == words[:len(line.split())]:
            got, n = [], 0
            for x, r in rects[k:]:
                if x.split() != words[n:n + len(x.split())]:
                    break
                got.append((x, r))
                n += len(x.split())
                if n == len(words):
                    return got
    raise AssertionError(f"not drawn whole: {text!r}\ndrawn: {[x for x, _ in rects]}")


def _drawn_box(app: App, drawn: Drawn, scene: Any) -> pygame.Rect:
    """Push the overlay ``scene``, then draw its box alone with ``drawn`` recording; its rect."""
    app.push(scene)
    app.frame(1 / 60, events=[])
    drawn.rects.clear()
    drawn.texts.clear()
    box = scene.box_rect()
    scene.draw_box(app.screen, box)
    assert not drawn.cut(), drawn.cut()
    return box  # type: ignore[no-any-return]


def _apart(rects: list[tuple[str, pygame.Rect]]) -> None:
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            assert not ra.colliderect(rb), (a, ra, b, rb)


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
def test_the_negotiation_shows_the_ais_whole_sentence_above_the_rules_and_buttons(
        app: App, drawn: Drawn, w: int, h: int, scale: float) -> None:
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import NegotiationScene

    _window(app, w, h, scale)
    s = negotiation_session(showcase.midgame((Role.H,)))
    assert s.state.bargain is not None
    table = TableScene(app, s)
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    other = s.state.bargain.offer.by
    mid = s.state.motions[s.state.bargain.motion_index].id
    said = s.said_about(other, mid)
    assert said is not None
    s.said_on[(other, mid)] = Said(said.action, LONG_COUNTER, said.motion)
    neg = NegotiationScene(app, table)
    box = _drawn_box(app, drawn, neg)
    quote = _lines_of(drawn, "\u201c" + LONG_COUNTER + "\u201d")
    move = drawn.rect("Your move")
    rules = _lines_of(drawn, neg.rules_text(neg.table.current_view(), s.state.motions[s.state.bargain.motion_index]))
    buttons = [wd.rect for wd in neg.ui.widgets]
    assert all(r.bottom <= move.top for _, r in quote), (quote, move)  # the sentence, then "Your move", then the rules
    assert all(move.bottom <= r.top for _, r in rules)
    for _, r in quote + rules:
        assert box.contains(r) and not any(r.colliderect(b) for b in buttons), r
    assert app.screen.get_rect().contains(box) and all(box.contains(b) for b in buttons)


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
def test_an_ais_walk_away_message_shows_its_whole_sentence_above_the_ok_button(
        app: App, drawn: Drawn, w: int, h: int, scale: float) -> None:
    from game.ui.scenes.dialogs import answer_message

    _window(app, w, h, scale)
    _frozen(app, showcase.midgame((Role.H,)))
    msg = answer_message(app, "Sanctioned Power", "walk", 301, LONG_WALK)
    box = _drawn_box(app, drawn, msg)
    ok = msg.ui.widgets[0].rect
    for _, r in _lines_of(drawn, "\u201c" + LONG_WALK + "\u201d"):
        assert box.contains(r) and r.bottom <= ok.top, (r, ok)
    assert pygame.Rect(0, 0, w, h).contains(box) and box.contains(ok)


KINDS = [Terms(kind=MotionKind.DEAL, concession="frontline_freeze", channel=Channel.ESCROW, tranches=2),
         Terms(kind=MotionKind.BUILD, target="hotline"),
         Terms(kind=MotionKind.DEAL, concession="local_ceasefire", channel=Channel.ESCROW, tranches=1),
         Terms(kind=MotionKind.DEAL, concession="weapons_pullback", channel=Channel.REDIRECT, tranches=2)]


def _motions(state: GameState, n: int, status: MotionStatus = MotionStatus.TABLED) -> tuple[Motion, ...]:
    return tuple(Motion(id=state.round * 100 + i + 1, round=state.round, proposer=(Role.H, Role.S, Role.A)[i % 3],
                        respondent=Role.S, terms=KINDS[i % 4], status=status) for i in range(n))


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
@pytest.mark.parametrize("n", [2, 4, 6])
def test_every_ballot_row_shows_all_its_lines_whole_and_apart(app: App, drawn: Drawn, w: int, h: int, scale: float,
                                                              n: int) -> None:
    from game.ui.scenes.dialogs import VoteScene

    _window(app, w, h, scale)
    st = showcase.midgame((Role.H,), until=lambda x: x.round >= 2 and x.phase == Phase.VOTE and x.to_move == Role.H)
    table = _frozen(app, st.model_copy(update={"motions": _motions(st, n)}))
    vote = VoteScene(app, table)
    _drawn_box(app, drawn, vote)
    view = table.current_view()
    for i, m in enumerate(view.motions):
        rows = [vote.ctx.r(vote.cycle_x - 840, vote.row_y(i), 840, 1)]
        _lines_of(drawn, vote.rows[i])
        _lines_of(drawn, vote.preview_line(view, m)[0])  # "If it passes: ..." to its last change
        assert rows[0].top <= _lines_of(drawn, vote.rows[i])[0][1].top
    rows = [(x, r) for x, r in drawn.rects if r.top >= vote.ctx.p(0, vote.rows_top)[1]]  # (under the title)
    assert len(rows) >= 3 * n
    _apart(rows)  # no line runs into another, nor into the next row's
    # and each row ends above the next one's Yes/No selector
    cycles = [wd.rect for wd in vote.ui.widgets[:-1]]
    for x, r in drawn.rects:
        assert not any(r.colliderect(c) for c in cycles), x


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
@pytest.mark.parametrize("n", [2, 6])
def test_the_opened_ballots_say_why_a_motion_failed_clear_of_the_next_row(app: App, drawn: Drawn, w: int, h: int,
                                                                         scale: float, n: int) -> None:
    from game.ui.scenes.dialogs import VotesScene

    _window(app, w, h, scale)
    st = showcase.midgame((Role.H,))
    motions = _motions(st, n, MotionStatus.FAILED)
    ballots = tuple((r, "N" * n) for r in st.roles)  # every required Yes missing: each says why
    table = _frozen(app, st.model_copy(update={"motions": (), "last_motions": motions, "votes_revealed": ballots}))
    votes = VotesScene(app, table)
    box = _drawn_box(app, drawn, votes)
    view = votes.view
    for m in motions:
        _lines_of(drawn, labels.motion_words(view, m))
        why = labels.failure_reason(view, m.terms.kind, dict.fromkeys(view.roles, False))
        assert why.startswith("It needed a Yes from")
        _lines_of(drawn, why)
    _apart([(x, r) for x, r in drawn.rects if x not in ("Yes", "No")])  # (a chip's word sits on its chip)
    chips = [votes.ctx.r(*rect) for _, _, _, rect in votes.chips()]
    for x, r in drawn.rects:
        if x not in ("Yes", "No"):
            assert box.contains(r) and not any(r.colliderect(c) for c in chips), x
    button = votes.ui.widgets[0].rect
    assert all(r.bottom <= button.top for x, r in drawn.rects if x not in ("Yes", "No") and r.top < button.top)
    assert pygame.Rect(0, 0, w, h).contains(box) and box.contains(button)


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
@pytest.mark.parametrize("n", [3, 4])
def test_the_motions_panel_shows_a_rounds_motions_whole(app: App, drawn: Drawn, w: int, h: int, scale: float,
                                                        n: int) -> None:
    _window(app, w, h, scale)
    st = showcase.midgame((Role.H,))
    view = observe(st.model_copy(update={"motions": _motions(st, n)}), Role.H)
    render.draw_motions(pygame.Surface((w, h)), app.ctx, view)
    assert not drawn.cut(), drawn.cut()
    panel = app.ctx.r(*render.motions_box(app.ctx, view))
    for m in view.motions:
        for _, r in _lines_of(drawn, labels.motion_words(view, m)):
            assert panel.contains(r)
    log = app.ctx.r(*render.log_box(app.ctx, view))
    assert panel.bottom < log.top and abs(log.bottom - app.ctx.r(*render.LOG_BOX).bottom) <= 1  # the log keeps the rest


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
def test_every_infrastructure_card_shows_its_whole_name(app: App, drawn: Drawn, w: int, h: int, scale: float) -> None:
    _window(app, w, h, scale)
    view = observe(showcase.midgame((Role.H,)), Role.H)
    render.draw_infra(pygame.Surface((w, h)), app.ctx, view)
    assert not drawn.cut(), drawn.cut()
    for iid, card in render.infra_cards(app.ctx, view):
        spec = view.scenario.infra(iid)
        inside = [x for x, r in drawn.rects if card.contains(r) and x != str(spec.cost)]
        assert " ".join(inside).split() == spec.name.split(), (iid, inside)


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
def test_at_six_seats_the_watching_power_can_give_to_every_other_delegation(app: App, drawn: Drawn, w: int, h: int,
                                                                         scale: float) -> None:
    # hot-seat play-test: the choice dialog drew only its first 12 of the Watching Power's 15 gifts,
    # so the Chair, last in table order, could never be given anything
    from game.core import SeatConfig, apply, legal_actions, load_scenario, new_game
    from game.ui.scenes.dialogs import ChoiceScene

    _window(app, w, h, scale)
    st = new_game(load_scenario(), [SeatConfig(role=r, name=r.value) for r in
                                             (Role.H, Role.HP, Role.S, Role.A, Role.M, Role.F)], 5)
    while not (st.phase == Phase.PROPOSALS and st.to_move == Role.F):
        st = apply(st, legal_actions(st, st.to_move)[0])
    st = st.model_copy(update={"ip": tuple(9 for _ in st.ip)})
    gifts = [a for a in legal_actions(st, Role.F) if a.verb == "gift"]
    assert len(gifts) == 15 and {a.args[0] for a in gifts} == {"H", "HP", "S", "A", "M"}
    table = _frozen(app, st)
    box = _drawn_box(app, drawn, ChoiceScene(app, table, "Give influence", gifts))
    buttons = [b for b in app.top.ui.widgets]
    assert len(buttons) == 16  # every gift, and Cancel
    rects = [b.rect for b in buttons]
    assert all(box.contains(r) for r in rects)
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
def test_the_builders_preview_lines_are_whole(app: App, drawn: Drawn, w: int, h: int, scale: float) -> None:
    # play-test at 130%: "The escrow pays out: 6 tokens to the Sanction..." under a Settlement
    from game.core import load_scenario, new_game
    from game.core.state import DealStatus
    from game.ui.scenes.dialogs import MotionBuilderScene

    _window(app, w, h, scale)
    sc = load_scenario()
    st = showcase.advance(new_game(sc, showcase.seats_for((Role.S,)), 3),
                          lambda x: x.phase == Phase.PROPOSALS and x.to_move == Role.S
                          and any(d.status == DealStatus.ACTIVE and d.escrow_tokens for d in x.deals), seed=3)
    assert not st.is_over, "the seeded game reaches an escrow deal with the Sanctioned Power to table"
    # Peace enough for a Settlement, which would pay the escrow out: the longest preview line
    st = st.model_copy(update={"tracks": st.tracks.model_copy(update={"P": sc.motions[MotionKind.SETTLEMENT].min_p})})
    table = _frozen(app, st)
    table.session.viewer = Role.S
    builder = MotionBuilderScene(app, table, "propose")
    assert any(tm.kind == MotionKind.SETTLEMENT for tm, _ in builder.options)
    for tm, pay in builder.options:
        builder.sel.update({"kind": tm.kind} | {f: builder._get(tm, pay, f) for f in builder._fields()})
        drawn.texts.clear()
        drawn.rects.clear()
        builder.draw_box(app.screen, builder.box_rect())
        assert drawn.texts and not drawn.cut(), (tm, drawn.cut())


@pytest.mark.parametrize(("w", "h", "scale"), [*SIZES, (1280, 720, 1.15)])
def test_the_facilitator_pin_dialog_says_its_whole_explanation_above_the_fields(app: App, drawn: Drawn, w: int,
                                                                               h: int, scale: float) -> None:
    # play-test: at 115% text it read "... During a game, F9 asks for it before the ..."
    from game.text import t
    from game.ui.scenes.facilitator import PinSetupScene

    _window(app, w, h, scale)
    box = _drawn_box(app, drawn, PinSetupScene(app))
    lines = _lines_of(drawn, t("ui.facil.setup.sub_set"))
    first_field = app.ctx.p(0, 248)[1]
    assert all(box.left <= r.left and r.right <= box.right and r.bottom <= first_field for _, r in lines), lines


@pytest.mark.parametrize(("w", "h", "scale"), SIZES)
def test_new_games_note_on_the_seats_the_rules_run_is_clear_of_the_buttons(app: App, drawn: Drawn, w: int, h: int,
                                                                       scale: float) -> None:
    # play-test: at 3 or 4 seats "Run by the rules at this table size: ..." was drawn under the
    # "Edit scenario numbers..." button
    from game.text import t
    from game.ui.scenes.setup import SetupScene
    from game.ui.widgets import Button

    _window(app, w, h, scale)
    setup = SetupScene(app)
    app.replace(setup)
    setup.set_count(3)
    app.frame(1 / 60, events=[])
    drawn.rects.clear()
    setup.draw(app.screen)
    note = t("ui.setup.automated", names=", ".join(setup.scenario.roles[r].name for r in (Role.M, Role.F)))
    lines = _lines_of(drawn, note)
    buttons = [b.rect for b in setup.ui.widgets if isinstance(b, Button)]
    assert not any(r.colliderect(b) for _, r in lines for b in buttons), lines
