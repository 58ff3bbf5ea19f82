"""Layout and text: values read in full in their controls, at every text size."""

from __future__ import annotations

import pygame
import pytest

from game.core import Phase, Role
from game.ui import showcase
from game.ui.app import App
from game.ui.scenes.dialogs import MotionBuilderScene
from game.ui.scenes.table import TableScene
from game.ui.widgets import Cycle
from tests.ui.conftest import Drawn


@pytest.mark.parametrize("scale", [0.9, 1.0, 1.15])
def test_side_payment_options_read_apart_and_fit_their_selector(app: App, scale: float) -> None:
    from game.ui.commands import negotiation_session

    s = negotiation_session(showcase.midgame((Role.H,)))
    assert s.state.phase == Phase.BARGAIN
    table = TableScene(app, s)
    app.replace(table)
    app.ctx.configure(1280, 720, False, scale)
    builder = MotionBuilderScene(app, table, "counter", start=s.state.bargain.offer.terms)  # type: ignore[union-attr]
    app.push(builder)
    app.frame(1 / 60, events=[])
    pays = [w for w in builder.ui.widgets if isinstance(w, Cycle) and w.label == "Side payment"]
    assert pays
    cyc = pays[0]
    texts = [label for _, label in cyc.options]
    assert len(set(texts)) == len(texts) > 2  # every option reads differently
    ctx = app.ctx
    lab_w = ctx.font(cyc.size * 0.85).size(cyc.label)[0]
    avail = cyc.rect.width - ctx.d(10) - lab_w - ctx.d(10) - ctx.d(22)
    for v, label in cyc.options:
        assert (str(abs(v)) in label) or v == 0  # the amount shows
        size, lines = ctx.fit(label, cyc.size, avail, cyc.rect.height - ctx.d(4), "bold")
        font = ctx.font(size, "bold")
        assert all(font.size(x)[0] <= avail for x in lines), label
        assert len(lines) * font.get_linesize() <= cyc.rect.height, label
        assert ctx.font(cyc.size, "bold").size(label)[0] <= avail, label  # short wording: one full-size line


def test_a_long_button_label_keeps_its_end(app: App) -> None:
    from game.ui.widgets import Button

    ctx = app.ctx
    label = "Prisoner exchange for 1 tranche(s) ($36bn) by Release; Sanctioned pays Custodian 2 IP"
    b = Button(ctx.r(0, 0, 560, 40), label, lambda: None, size=14)
    size, lines = ctx.fit(label, b.size, b.rect.width - 2 * ctx.d(10), b.rect.height - ctx.d(4))
    assert "".join(lines).replace(" ", "") == label.replace(" ", "")
    assert all(ctx.font(size).size(x)[0] <= b.rect.width - 2 * ctx.d(10) for x in lines)
    surf = pygame.Surface((ctx.width, ctx.height))
    b.draw(surf, ctx, False, False)


def _vote_table(app: App, l_track: int, switched: bool, **motion: object):  # noqa: ANN202
    """A sealed-vote table whose motions are all redirects (one switched by the Chair); ``motion``
    sets other fields of every motion."""
    from game.core import Channel, MotionKind
    from game.core.state import Terms
    from game.ui.session import GameSession

    st = showcase.midgame((Role.H,), until=lambda x: x.round >= 2 and x.phase == Phase.VOTE and x.to_move == Role.H
                          and len(x.motions) >= 2)
    redirect = Terms(kind=MotionKind.MOBILIZE, tranches=1)
    motions = tuple(m.model_copy(update={"terms": redirect if m.terms.kind != MotionKind.DEAL
                                         else m.terms.model_copy(update={"channel": Channel.REDIRECT}),
                                         "switched": switched and i == 0, **motion})
                    for i, m in enumerate(st.motions))
    st = st.model_copy(update={"motions": motions, "tracks": st.tracks.model_copy(update={"L": l_track})})
    table = TableScene(app, GameSession(st, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    return table


def _drawn_texts(app: App, scene) -> list[str]:  # noqa: ANN001
    seen: list[str] = []
    real = app.ctx.text

    def spy(s: str, *a, **k):  # noqa: ANN002, ANN003, ANN202
        seen.append(s)
        return real(s, *a, **k)

    app.ctx.text = spy  # type: ignore[method-assign]
    try:
        scene.draw(app.screen)
    finally:
        del app.ctx.text
    return seen


def test_the_motions_panel_says_switched_not_agreed_after_the_chairs_switch(app: App) -> None:
    # play-test: after the Chair's switch the motions panel still read AGREED on the deal
    from game.core.state import MotionStatus
    from game.text import t

    for switched in (False, True):
        table = _vote_table(app, l_track=0, switched=switched, status=MotionStatus.AGREED)
        texts = _drawn_texts(app, table)  # the first frame: the panels are drawn, not cached
        n = len(table.session.state.motions)
        assert texts.count(t("ui.motion.status.switched")) == int(switched), switched
        assert texts.count(t("ui.motion.status.agreed")) == n - int(switched), switched


def test_the_ballot_shows_full_terms_the_chairs_switch_and_a_game_ending_warning(app: App) -> None:
    from game.text import t
    from game.ui.scenes.dialogs import VoteScene

    table = _vote_table(app, l_track=9, switched=True)
    vote = VoteScene(app, table)
    app.push(vote)
    app.frame(1 / 60, events=[])
    texts = " ".join(_drawn_texts(app, vote))
    assert t("ui.vote.switched") in texts
    assert t("ui.neg.if_passes") in texts
    limit = table.session.state.scenario.rules.l_court
    assert t("ui.preview.ends.court", limit=limit) in texts  # a Yes here ends the game: said in red
    for row in vote.rows:  # every motion's full words are drawn (wrapped, never cut with an ellipsis)
        assert all(w in texts for w in row.split())
    assert "…" not in texts


def test_two_yes_votes_that_end_the_game_together_are_flagged(app: App) -> None:
    from game.text import t
    from game.ui.preview import combined_after, ending, preview_terms
    from game.ui.scenes.dialogs import VoteScene

    view0 = _vote_table(app, l_track=0, switched=False).current_view()
    steps = [preview_terms(view0, m.terms).delta("L") for m in view0.motions[:2]]  # not always the same
    assert min(steps) > 0
    limit = view0.scenario.rules.l_court
    start = limit - sum(steps)  # both Yes votes reach the limit; either alone stops short of it
    table = _vote_table(app, l_track=max(0, start), switched=False)
    view = table.current_view()
    alone = [ending(view, preview_terms(view, m.terms).after) for m in view.motions[:2]]
    together = ending(view, combined_after(view, [m.terms for m in view.motions[:2]]))
    assert together == "ui.preview.ends.court"
    vote = VoteScene(app, table)
    app.push(vote)
    app.frame(1 / 60, events=[])
    texts = " ".join(_drawn_texts(app, vote))
    if None in alone:
        assert t("ui.vote.all_yes") in texts
        assert t("ui.preview.ends.court", limit=limit) in texts.split(t("ui.vote.all_yes"))[-1]
    # and what the two do to the tracks between them (play-test: two motions each read "Peace 5
    # to 7" and together took it to 9)
    after = combined_after(view, [m.terms for m in view.motions[:2]])
    assert t("ui.vote.track_change", track=t("ui.track.L"), a=view.tracks.L, b=after["L"]) in texts.split(
        t("ui.vote.all_yes"))[-1]


@pytest.mark.parametrize("scale", [0.9, 1.0, 1.15])
def test_every_event_card_text_is_drawn_whole(app: App, scale: float) -> None:
    from game.ui.scenes.dialogs import EventScene

    mid = showcase.midgame((Role.H,))
    table = TableScene(app, __import__("game.ui.session", fromlist=["GameSession"]).GameSession(mid, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    app.ctx.configure(1280, 720, False, scale)
    for ev in mid.scenario.events:
        scene = EventScene(app, table, ev.id)
        app.push(scene)
        app.frame(1 / 60, events=[])
        texts = _drawn_texts(app, scene)
        drawn = " ".join(texts)
        assert all(w in drawn for w in (ev.text or "").split()), ev.id
        assert not any(x.endswith("…") for x in texts), ev.id
        app.pop(scene)


def test_no_wrapped_line_starts_with_a_signed_figure_or_a_unit(app: App) -> None:
    # found in play: an event card wrapped "C -1." as "C" / "-1."
    import re

    from game.core import load_scenario
    from game.persistence import charts

    texts = [ev.text or "" for ev in load_scenario().events]
    texts.append("Escalation +1 and Peace -2 for 2 IP each, 3 VP to the Chair.")
    starts = re.compile(r"^(?:[+\-\u2212]\d|IP\b|VP\b)")
    broke = 0
    for text in texts:
        for width in range(60, 420, 7):
            for lines in (app.ctx.wrap(text, 14, width), charts.wrap(text, 14, width)):
                assert " ".join(lines).split() == text.split()  # nothing lost or added
                bad = [x for x in lines[1:] if starts.match(x)]
                assert not bad, (text, width, lines)
                broke += len(lines) > 1
    assert broke  # the widths are narrow enough to wrap


def test_every_character_the_ui_shows_has_a_glyph_in_the_bundled_font(app: App) -> None:
    import glob

    from game.resources import resource_path
    from game.text import catalogue
    from game.ui.scenes.rules import read_rules
    from game.ui.theme import displayable

    texts = list(catalogue().values()) + [read_rules() or ""]
    for p in glob.glob(str(resource_path("assets", "scenarios")) + "/*.json"):
        with open(p, encoding="utf-8") as f:
            texts.append(f.read())
    chars = sorted({c for s in texts for c in displayable(s) if ord(c) > 126})
    assert chars
    for style in ("regular", "bold", "italic"):
        font = app.ctx.font(16, style)
        notdef = pygame.image.tobytes(font.render("\u4e00", True, (255, 255, 255)), "RGB")  # no CJK in the font
        missing = [c for c in chars if pygame.image.tobytes(font.render(c, True, (255, 255, 255)), "RGB") == notdef]
        assert not missing, (style, missing)
    # the rulebook's minus and comparison signs are among them, and map to what the font has
    assert displayable("\u2212 3 \u2264 4 \u2265 2") == "- 3 <= 4 >= 2"


def test_the_rulebook_skips_html_comments_and_joins_wrapped_list_items() -> None:
    from game.ui.scenes.rules import blocks

    md = "Intro.\n\n<!-- numbers:begin (x) -->\n- first line\n  goes on here\n- second\n<!-- numbers:end -->\n"
    out = blocks(md)
    assert out == [("p", "Intro."), ("li", "first line goes on here"), ("li", "second")]


def test_the_rulebook_in_the_game_leaves_out_the_design_notes() -> None:
    # facilitator play-test: the Rules in the game gave balance figures ("in 2,000 five-AI games the
    # Frontline State won 33%"), play-test anecdotes and tuning history; docs/RULES.md keeps them,
    # set apart between markers, for the designers
    from game.ui.scenes.rules import NOTE_BEGIN, NOTE_END, blocks, read_rules

    md = f"Rule one.\n\n{NOTE_BEGIN}\n> *Design note.* Why: figures.\n>\n> More why.\n{NOTE_END}\n\nRule two.\n"
    assert blocks(md) == [("p", "Rule one."), ("p", "Rule two.")]
    rules = read_rules() or ""
    assert rules.count(NOTE_BEGIN) == rules.count(NOTE_END) >= 5
    shown = " ".join(text for _, text in blocks(rules))
    for said in ("five-AI games", "play-test", "Play-test", "Design note", "Why:", "Balance changes", "stop"):
        assert said not in shown, said
    # and every rule is still there
    for rule in ("The round's allowance.", "Walking away is not", "no drift in round 1", "escrow still held is paid out",
                 "The Chair's switch.", "Seats run by the rules do not score"):
        assert rule in shown, rule


@pytest.mark.parametrize("scale", [0.9, 1.0, 1.15])
def test_six_seats_keep_their_names_and_ip_lines_inside_the_table_panel(app: App, scale: float) -> None:
    from game.core import Role as R
    from game.ui import render

    ctx = app.ctx
    ctx.configure(1280, 720, False, scale)
    roles = (R.H, R.HP, R.S, R.A, R.M, R.F)
    box = ctx.r(*render.TABLE_BOX)
    for p in render.seat_positions(ctx, roles).values():
        bottom = p[1] + ctx.d(25) + ctx.d(22) + ctx.font(12).get_linesize()
        assert bottom <= box.bottom, (scale, p)


def test_a_form_label_never_runs_into_its_value(app: App) -> None:
    ctx = app.ctx
    ctx.configure(1280, 720, False, 1.15)
    surf = pygame.Surface((1280, 720))
    cyc = Cycle(ctx.r(330, 100, 620, 44), "Colour-blind palette and shapes", [(False, "Off")], 0, lambda v: None)
    cyc.value_col = 0.42
    seen: list[pygame.Rect] = []
    real = ctx.blit_text

    def spy(*a, **k):  # noqa: ANN002, ANN003, ANN202
        r = real(*a, **k)
        seen.append(r)
        return r

    ctx.blit_text = spy  # type: ignore[method-assign]
    try:
        cyc.draw(surf, ctx, False, False)
    finally:
        del ctx.blit_text
    label, value = seen[0], seen[1]
    assert label.right + ctx.d(8) <= value.left


def test_wrapped_text_that_does_not_fit_says_so(app: App) -> None:
    ctx = app.ctx
    surf = pygame.Surface((400, 200))
    drawn = []
    real = ctx.text

    def spy(s: str, *a, **k):  # noqa: ANN002, ANN003, ANN202
        drawn.append(s)
        return real(s, *a, **k)

    ctx.text = spy  # type: ignore[method-assign]
    try:
        ctx.blit_wrapped(surf, "word " * 60, 14, pygame.Rect(0, 0, 200, 40))
    finally:
        del ctx.text
    assert drawn and drawn[-1].endswith("…")


def _tip_rect(app: App, scene, w) -> pygame.Rect:  # noqa: ANN001
    from game.ui.widgets import tooltip_box

    return tooltip_box(app.ctx, w.tooltip, w.rect, scene.ui._avoid(w.rect))[0]


def test_focus_tooltips_cover_no_other_control_on_the_title_screen(app: App) -> None:
    from game.ui.scenes.title import TitleScene

    title = TitleScene(app)
    app.replace(title)
    app.frame(1 / 60, events=[])
    for w in title.ui.widgets:
        if w.tooltip:
            box = _tip_rect(app, title, w)
            assert not any(box.colliderect(o.rect) for o in title.ui.widgets if o is not w), w.tooltip


def test_builder_tooltips_keep_off_the_preview(app: App) -> None:
    from .driver import open_counter_builder

    _, _, builder = open_counter_builder(app)
    preview = app.ctx.r(640, 150, 444, 490)
    for w in builder.ui.widgets:
        if isinstance(w, Cycle):
            box = _tip_rect(app, builder, w)
            assert not box.colliderect(preview), w.tooltip
            assert not any(box.colliderect(o.rect) for o in builder.ui.widgets if o is not w), w.tooltip


def test_tokens_snap_into_the_vault_when_the_window_is_resized_under_an_overlay(app: App) -> None:
    from game.ui import render
    from game.ui.scenes.overlays import MenuScene
    from game.ui.session import GameSession

    table = TableScene(app, GameSession(showcase.midgame((Role.H,)), autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    app.frame(1 / 60, events=[])
    app.push(MenuScene(app))
    app.ctx.configure(1920, 1080, False, 1.0)  # resized while the menu is open: only drawing happens
    surf = pygame.Surface((1920, 1080))
    table.draw(surf)
    box = app.ctx.r(*render.ZONES_BOX)
    assert all(box.collidepoint(x, y) for x, y in table.tok_pos)


def test_pause_draws_a_banner_over_a_dimmed_table(app: App) -> None:
    from game.ui import render
    from game.ui.session import GameSession

    table = TableScene(app, GameSession(showcase.midgame((Role.H,)), autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    app.frame(1 / 60, events=[])
    surf = pygame.Surface((1280, 720))
    table.draw(surf)
    corner = app.ctx.r(*render.TABLE_BOX).move(40, 40).topleft
    before = surf.get_at(corner)
    table.paused = True
    table.draw(surf)
    after = surf.get_at(corner)
    assert sum(after[:3]) < sum(before[:3])  # the table under the banner is dimmed, not written over


def test_log_lines_say_who_pays_a_side_payment() -> None:
    from game.core import load_scenario
    from game.text import format_line

    sc = load_scenario()
    names = {"H": "Custodian Coalition", "S": "Sanctioned Power"}
    deal = f"deal {sc.concessions[0].id} escrow 2"
    got = format_line("log.accept", ("H", "S", deal, "-2"), names, sc)
    assert "Custodian Coalition pays Sanctioned Power 2 IP" in got and "-2" not in got
    got = format_line("log.accept", ("H", "S", deal, "1"), names, sc)
    assert "Sanctioned Power pays Custodian Coalition 1 IP" in got
    assert "no side payment" in format_line("log.accept", ("H", "S", deal, "0"), names, sc)
    got = format_line("log.counter", ("H", deal, "-2"), names, sc)
    assert "asks to be paid 2 IP" in got and "-2" not in got
    assert "offers to pay 1 IP" in format_line("log.counter", ("H", deal, "1"), names, sc)


def test_opened_ballots_show_whole_motions_and_names_at_the_largest_text(app: App) -> None:
    from game.ui.scenes.dialogs import VotesScene
    from game.ui.session import GameSession

    def opened(x) -> bool:  # noqa: ANN001  (a failed motion among them: it says why it failed)
        return (x.phase not in (Phase.VOTE, Phase.OVER) and len(x.motions) >= 2 and bool(x.votes_revealed)
                and all(m.status.value in ("passed", "failed", "void") for m in x.motions)
                and any(m.status.value == "failed" for m in x.motions))

    app.ctx.configure(1280, 720, False, 1.15)
    table = TableScene(app, GameSession(showcase.midgame((Role.H,), until=opened), autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    scene = VotesScene(app, table)
    app.push(scene)
    app.frame(1 / 60, events=[])
    texts = []
    real = app.ctx.text

    def spy(s: str, *a, **k):  # noqa: ANN002, ANN003, ANN202
        texts.append(s)
        return real(s, *a, **k)

    app.ctx.text = spy  # type: ignore[method-assign]
    try:
        scene.draw_box(app.screen, scene.box_rect())
    finally:
        del app.ctx.text
    assert texts and not any(x.endswith("…") for x in texts), texts
    # each failed motion says why, from the opened ballots
    view = scene.view
    ballots = dict(view.votes_revealed)
    for i, m in enumerate(view.last_motions or view.motions):
        if m.status.value != "failed":
            continue
        no = [r for r in view.scenario.motions[m.terms.kind].required_yes if r in ballots and ballots[r][i] == "N"]
        yes = sum(b[i] == "Y" for b in ballots.values())
        if no and yes * 2 > len(ballots):
            assert any(x.startswith("It needed a Yes from") and all(view.name_of(r) in x for r in no) for x in texts), texts
        else:
            assert any(x in ("More voted No than Yes.",) or x.startswith("A tie, and") for x in texts), texts


@pytest.mark.parametrize("scale", [0.9, 1.0, 1.15])
def test_the_keys_help_shows_every_line_whole(app: App, scale: float) -> None:
    from game.ui.scenes.overlays import HelpScene

    app.ctx.configure(1280, 720, False, scale)
    scene = HelpScene(app)
    app.push(scene)
    app.frame(1 / 60, events=[])
    texts = []
    real = app.ctx.text

    def spy(s: str, *a, **k):  # noqa: ANN002, ANN003, ANN202
        texts.append(s)
        return real(s, *a, **k)

    app.ctx.text = spy  # type: ignore[method-assign]
    try:
        scene.draw_box(app.screen, scene.box_rect())
    finally:
        del app.ctx.text
    assert len(texts) > 10 and not any(x.endswith("…") for x in texts), texts


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_a_message_title_naming_two_delegations_stays_inside_its_box(app: App, scale: float, drawn: Drawn) -> None:
    # found in play: "Sanctioned Power accepts Custodian Coalition's offer on motion #301" ran
    # out of both sides of the message box at a hot-seat table
    from game.ui.scenes.dialogs import answer_message
    app.ctx.configure(1280, 720, False, scale)
    msg = answer_message(app, "Sanctioned Power", "accept", 301, "Gladly: " + "terms and more terms " * 6,
                         to="Custodian Coalition")
    app.replace(msg)
    app.frame(1 / 60, events=[])
    box = msg.box_rect()
    titles = [(x, r) for x, r in drawn.rects if x and x in msg.title]
    assert titles and "".join(x for x, _ in titles).replace(" ", "") == msg.title.replace(" ", "")  # all of it
    assert all(box.contains(r) for _, r in titles)


def test_log_lines_name_channels_as_the_rest_of_the_game_does() -> None:
    # found in review: "by release" (the raw channel id) where the game says "Release"
    from game.core import load_scenario
    from game.text import format_line, t

    sc = load_scenario()
    names = {"M": "Chair"}
    con = sc.concessions[0]
    got = format_line("log.deal_passed", ("1", con.id, "escrow", "2"), names, sc)
    assert got.endswith(f"by {t('channel.escrow')}.") and " escrow." not in got
    got = format_line("log.switch", ("M", "301", "release"), names, sc)
    assert f"to the {t('channel.release')} channel" in got


def test_player_facing_text_names_tracks_and_seats_in_full() -> None:
    # play-test: event cards read "C -1, L +1" and the log "Ballots revealed: H:YY S:YY", letters
    # explained only in the rulebook while the table says Credibility, Legal risk ...
    import re

    from game.core import load_scenario
    from game.core.scenario import list_scenarios
    from game.text import format_line

    letters = re.compile(r"(?<![A-Za-z])[PCLGE] [+-]\d")
    for name in list_scenarios():
        sc = load_scenario(name)
        texts = [e.text for e in sc.events] + [i.text for i in sc.infrastructure] + [c.text for c in sc.concessions]
        assert not [x for x in texts if letters.search(x)], name
    sc = load_scenario()
    names = {"H": "Custodian Coalition", "S": "Sanctioned Power"}
    got = format_line("log.votes_revealed", ("H:YN S:YY",), names, sc)
    assert got.endswith(": Custodian Coalition YN, Sanctioned Power YY.") and "H:" not in got


def _mobilize_negotiation(app: App):  # noqa: ANN202
    """The Frontline State (human) answering the Custodian's counter on its own Mobilize motion."""
    from .driver import open_negotiation
    from .test_table_flow import _bargaining_on

    s = _bargaining_on(Role.A, 5, "mobilize", Role.A)
    assert s is not None, "the seeded game has that negotiation"
    _, _, neg = open_negotiation(app, s)
    return s, neg


def test_mobilize_terms_start_their_titles_and_lines_with_a_capital(app: App, drawn_text: list[str]) -> None:
    # found in play (seed 5): "redirect 1 tranche ($36bn) to the Peace Fund" as a motion's title
    from game.ui import labels

    s, neg = _mobilize_negotiation(app)
    words = "Redirect 1 tranche ($36bn) to the Peace Fund"
    assert words in drawn_text  # the offer's title
    assert any(x.startswith("Tabled by Frontline State: " + words) for x in drawn_text)
    assert not [x for x in drawn_text if x.startswith("redirect")]
    view = neg.table.current_view()
    m = view.motions[view.bargain.motion_index]  # type: ignore[union-attr]
    assert labels.motion_words(view, m).endswith(": " + words)  # the motions list, the ballot
    drawn_text.clear()
    neg.counter()
    app.frame(1 / 60, events=[])
    assert words in drawn_text  # the counter-offer's "If it passes" title
    assert not [x for x in drawn_text if x.startswith("redirect")]
    counter = next(a for a in s.legal() if a.verb == "counter")
    assert labels.action_label(view, counter).startswith("Redirect")  # "Their price: Redirect ..."


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_the_side_payment_selector_names_the_other_delegation_whole_or_says_them(app: App, scale: float) -> None:
    # found in play: "You pay Sanctioned 1 IP" (the scenario's short name reads as an adjective)
    s, neg = _mobilize_negotiation(app)
    app.settings.text_scale = scale
    app.apply_settings()
    neg.counter()
    app.frame(1 / 60, events=[])
    builder = app.top
    assert isinstance(builder, MotionBuilderScene)
    cyc = next(w for w in builder.ui.widgets if isinstance(w, Cycle) and w.label == "Side payment")
    paid = [label for v, label in cyc.options if v]
    assert paid
    whole = "Custodian Coalition"
    if scale == 1.0:
        assert all(whole in x for x in paid), paid  # "You pay Custodian Coalition 1 IP"
    # whole names in every option, or "them" in every one: never the short name alone
    assert all(whole in x for x in paid) or all(("them" in x or "They" in x) for x in paid), paid
    assert not [x for x in paid if "Custodian " in x and whole not in x]
    ctx = app.ctx
    avail = cyc.rect.width - ctx.d(42) - ctx.font(cyc.size * 0.85).size(cyc.label)[0]
    assert all(ctx.font(cyc.size, "bold").size(x)[0] <= avail for x in paid)  # one full-size line


# ---- the largest text size (Settings: 130%) -------------------------------------------------
# found in play at 130%: the preview titles ended "... by …", the builder's texts "the …", the
# odds caption ran over the figures, the tip box covered a seat's name, the table's keys ended
# "F1 h…", the new-game description "to buy …", and "Tabled by ..." touched the offer box

def _large_text(app: App, scale: float = 1.3) -> None:
    app.settings.text_scale = scale
    app.apply_settings()


def _sit_at(app: App, session, tip: str | None) -> TableScene:  # noqa: ANN001
    """``session``'s table on screen, held still (the game does not run), showing tip ``tip``."""
    table = TableScene(app, session)
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    if tip:
        table.update_tip = lambda: None  # type: ignore[method-assign]
        table.tip_id = tip
    app.replace(table)
    app.frame(1 / 60, events=[])
    return table


def _proposal_table(app: App, tip: str | None = None) -> TableScene:
    from game.core import load_scenario, new_game
    from game.ui.session import GameSession

    st = showcase.advance(new_game(load_scenario(), showcase.seats_for((Role.H,)), 21),
                          lambda x: x.phase == Phase.PROPOSALS and x.to_move == Role.H, seed=21)
    return _sit_at(app, GameSession(st, autosaves=False), tip)


@pytest.mark.parametrize("scale", [1.0, 1.3])
@pytest.mark.parametrize("mode", ["propose", "counter"])
def test_the_builder_shows_the_whole_motion_and_its_texts_at_every_text_size(app: App, drawn: Drawn, scale: float,
                                                                             mode: str) -> None:
    from game.core import Channel, MotionKind
    from game.ui import labels
    from game.ui.commands import negotiation_session

    _large_text(app, scale)
    if mode == "propose":
        table = _proposal_table(app)
        builder = MotionBuilderScene(app, table, "propose")
    else:
        table = TableScene(app, negotiation_session(showcase.midgame((Role.H,))))
        table.run_game = lambda dt: None  # type: ignore[method-assign]
        app.replace(table)
        builder = MotionBuilderScene(app, table, "counter", start=table.session.state.bargain.offer.terms)  # type: ignore[union-attr]
    app.push(builder)
    # a deal by Escrow + snapback (the longest channel, and the preview's longest note)
    builder.set("kind", MotionKind.DEAL)
    deals = [c for c in builder.values("concession")]
    builder.set("concession", max(deals, key=lambda c: len(table.session.state.scenario.concession(c).text)))
    builder.set("channel", Channel.ESCROW)
    app.frame(1 / 60, events=[])
    drawn.texts.clear()
    builder.draw_box(app.screen, builder.box_rect())
    assert not drawn.cut(), drawn.cut()
    words = labels.terms_words(table.current_view(), builder.terms())  # type: ignore[arg-type]
    assert words.endswith("Escrow + snapback") and all(w in " ".join(drawn.texts) for w in words.split())


@pytest.mark.parametrize("mode", ["propose", "counter"])
def test_the_builders_allowance_line_speaks_to_a_proposal_or_a_counter(app: App, drawn: Drawn, mode: str) -> None:
    # play-test: the counter-offer dialog said the allowance was unused and "whoever tables first
    # may take it all", with the motion being countered on the table (a counter replaces it)
    from game.core import Action, MotionKind, apply, load_scenario, new_game
    from game.ui.session import GameSession

    sc = load_scenario()
    st = apply(new_game(sc, showcase.seats_for((Role.H,), 5, personality="pragmatist"), 11), Action.parse("M agenda H"))
    if mode == "counter":
        st = apply(st, Action.parse("H propose deal frontline_freeze escrow 2"))
        while st.phase == Phase.PROPOSALS:
            st = apply(st, Action(st.to_move, "pass", ()))
        st = apply(st, Action.parse("S counter deal zone_withdrawal escrow 4 pay 0"))
        assert st.to_move == Role.H and st.bargain is not None
    table = TableScene(app, GameSession(st, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    start = st.bargain.offer.terms if st.bargain is not None else None
    builder = MotionBuilderScene(app, table, mode, start=start)
    app.push(builder)
    builder.set("kind", MotionKind.DEAL)
    app.frame(1 / 60, events=[])
    drawn.texts.clear()
    builder.draw_box(app.screen, builder.box_rect())
    shown = " ".join(drawn.texts)
    assert ("Whoever tables first" in shown) == (mode == "propose"), shown
    assert ("this counter may ask for all" in shown) == (mode == "counter"), shown


def test_the_odds_panel_keeps_its_figures_and_caption_apart_at_every_text_size(app: App, drawn: Drawn) -> None:
    from game.text import t
    from game.ui import render

    for scale in (0.9, 1.0, 1.15, 1.3):
        _large_text(app, scale)
        table = _proposal_table(app)
        drawn.rects.clear()
        drawn.texts.clear()
        render.draw_odds(app.screen, app.ctx, table.current_view())
        box = app.ctx.r(*render.ODDS_BOX)
        parts = [r for _, r in drawn.rects]
        assert len(parts) == 6 and all(box.contains(r) for r in parts), scale
        caption, odds, fund = drawn.rect(t("ui.odds.sub")), drawn.rects[3][1], drawn.rects[4][1]
        for a, b in ((caption, odds), (caption, fund), (drawn.rect(t("ui.fund.title")), fund), (odds, fund)):
            assert not a.colliderect(b), (scale, a, b)
        assert not drawn.cut(), (scale, drawn.cut())


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_the_tip_box_covers_no_seat_and_the_keys_line_shows_whole(app: App, drawn: Drawn, scale: float) -> None:
    from game.text import t
    from game.ui import render

    _large_text(app, scale)
    for tip in ("welcome", "tracks", "channels", "erosion"):
        table = _proposal_table(app, tip)
        drawn.rects.clear()
        drawn.texts.clear()
        table.layer = None
        table.draw(app.screen)
        tip_box = app.ctx.r(*render.TIP_BOX)
        view = table.current_view()
        for role in view.roles:
            name = drawn.rect(view.name_of(role))
            assert not name.colliderect(tip_box), (tip, role)
            assert app.ctx.r(*render.TABLE_BOX).contains(name), (tip, role)  # inside the round table's panel
        assert not drawn.cut(), (tip, drawn.cut())  # the tip whole, and "... F1 help" too
        assert any(x.startswith(t("ui.key_footer")[:10]) for x in drawn.texts)


def test_the_new_game_screen_shows_the_whole_scenario_description(app: App, drawn: Drawn) -> None:
    from game.ui.scenes.setup import SetupScene

    for scale in (1.0, 1.3):
        _large_text(app, scale)
        setup = SetupScene(app)
        app.replace(setup)
        app.frame(1 / 60, events=[])
        drawn.texts.clear()
        setup.draw(app.screen)
        assert not drawn.cut(), (scale, drawn.cut())
        desc = setup.scenario.description.split()
        assert all(w in " ".join(drawn.texts) for w in desc)


@pytest.mark.parametrize("scale", [1.0, 1.15, 1.3])
def test_the_tabled_line_stays_clear_of_the_offer_box(app: App, drawn: Drawn, scale: float) -> None:
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import NegotiationScene

    _large_text(app, scale)
    table = TableScene(app, negotiation_session(showcase.midgame((Role.H,))))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    neg = NegotiationScene(app, table)
    app.push(neg)
    app.frame(1 / 60, events=[])
    drawn.rects.clear()
    drawn.panels.clear()
    drawn.texts.clear()
    neg.draw_box(app.screen, neg.box_rect())
    tabled = next(r for x, r in drawn.rects if x.startswith("Tabled by"))
    offer = next(r for c, r in drawn.panels if c == "panel_hi")
    assert tabled.bottom + 2 <= offer.top, (tabled, offer)
    assert not drawn.cut(), drawn.cut()
    inner = [r for x, r in drawn.rects if r.colliderect(offer)]
    assert all(offer.contains(r) for r in inner)  # the offer's lines stay inside its box


def _seated_table(app: App, seats: int, tip: str | None = None) -> TableScene:
    """A new all-human table of ``seats`` with long player names, the seat to move at the screen."""
    from game.core import Controller, SeatConfig, load_scenario, new_game, playing_roles
    from game.ui.session import GameSession

    sc = load_scenario()
    names = {Role.H: "Wolfeschlegelsteinhausenber", Role.S: "Maria-Magdalena Vasconcelos", Role.F: "Eve"}
    st = new_game(sc, [SeatConfig(role=r, name=names.get(r, sc.roles[r].name), controller=Controller.HUMAN)
                       for r in playing_roles(seats)], 31)
    s = GameSession(st, autosaves=False)
    s.viewer = st.to_move
    return _sit_at(app, s, tip)


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_two_rows_of_action_buttons_keep_clear_of_the_detail_and_key_lines(app: App, drawn: Drawn,
                                                                           scale: float) -> None:
    # found in play: at six seats the agenda's second row of buttons covered the key-help line
    from game.text import t
    from game.ui import render
    from game.ui.widgets import Button

    _large_text(app, scale)
    table = _seated_table(app, 6)
    view = table.current_view()
    assert view.phase == Phase.AGENDA and table.session.legal()
    drawn.rects.clear()
    table.layer = None
    table.draw(app.screen)
    buttons = [w for w in table.ui.widgets if isinstance(w, Button) and w.hotkey.isdigit()]
    assert len(buttons) == 6 and len({b.rect.top for b in buttons}) == 2  # two rows of three
    box = app.ctx.r(*render.ACTION_BOX)
    detail = drawn.rect(t("ui.prompt.agenda.detail"))
    keys = next(r for x, r in drawn.rects if x.startswith(t("ui.key_footer")[:10]))
    for b in buttons:
        assert box.contains(b.rect), b.label
        assert not b.rect.colliderect(detail) and not b.rect.colliderect(keys), (b.label, b.rect, detail, keys)


@pytest.mark.parametrize("seats", [3, 4, 5, 6])
def test_the_tip_box_covers_no_seats_emblem_ring_or_ballot_tick(app: App, drawn: Drawn, seats: int) -> None:
    # found in play: at six seats the first-game tip covered the Watching Power's emblem
    from game.text import t
    from game.ui import render

    for tip in ("welcome", "erosion"):
        table = _seated_table(app, seats, tip)
        drawn.panels.clear()
        drawn.texts.clear()
        drawn.rects.clear()
        table.layer = None
        table.draw(app.screen)
        tip_box = [r for c, r in drawn.panels if c == "panel_hi"][-1]  # the tip's panel, drawn over the table
        assert app.ctx.r(*render.TABLE_BOX).contains(tip_box)
        view = table.current_view()
        ctx = app.ctx
        for role, p in render.seat_positions(ctx, view.roles).items():
            ring = pygame.Rect(0, 0, ctx.d(62), ctx.d(62))  # the emblem with the ring of the seat to move
            ring.center = p
            tick = pygame.Rect(p[0] + ctx.d(16), p[1] - ctx.d(34), ctx.d(18), ctx.d(18))  # a cast ballot's tick
            assert not tip_box.colliderect(ring) and not tip_box.colliderect(tick), (seats, tip, role)
            name = drawn.rect(view.name_of(role))
            assert not name.colliderect(tip_box), (seats, tip, role)
        words = t(f"ui.tips.{tip}", eloss=view.scenario.rules.e_loss, round=view.scenario.rules.erosion_from_round)
        cut = [x for x in drawn.cut() if x.rstrip(" …") in words]
        assert not cut, (seats, tip, cut)  # the whole tip


def _ai_table(app: App, seats: int, human: Role) -> TableScene:
    """A mid-game table of ``seats`` (round 2, proposals) with ``human`` at the screen and AIs
    round it, the Sanctioned Power and the Frontline State holding cards."""
    from game.core import load_scenario, new_game
    from game.ui.session import GameSession

    st = new_game(load_scenario(), showcase.seats_for((human,), seats), 7)
    st = showcase.advance(st, lambda x: x.round >= 2 and x.phase == Phase.PROPOSALS, seed=7)
    s = GameSession(st, autosaves=False)
    s.viewer = human
    return _sit_at(app, s, None)


@pytest.mark.parametrize("scale", [1.0, 1.3])
@pytest.mark.parametrize("seats", [3, 4, 5, 6])
def test_the_round_table_and_the_brief_keep_every_word_whole_and_apart(app: App, drawn: Drawn, seats: int,
                                                                      scale: float) -> None:
    # found in play at 130%: "4 in hand" and the seats' words ran into each other, the
    # Custodian's IP line into "BOARD OF PEACE", and the brief ended "... Admit monitors, …"
    from itertools import combinations

    from game.ui import render

    _large_text(app, scale)
    for human in (Role.S, Role.H):
        table = _ai_table(app, seats, human)
        view = table.current_view()
        assert all(view.hand_sizes[view.idx(r)] for r in (Role.S, Role.A)) and (view.hand or human == Role.H)
        drawn.rects.clear()
        drawn.texts.clear()
        longest = {r: "Opportunist" for r in view.roles}  # the longest personality, at every AI seat
        render.draw_round_table(app.screen, app.ctx, view, (human,), longest)
        words = list(drawn.rects)
        assert len(words) == 2 * len(view.roles) + 2 + 3  # names, tags, two hands, the felt's three lines
        box = app.ctx.r(*render.TABLE_BOX)
        for (a, ra), (b, rb) in combinations(words, 2):
            assert not ra.colliderect(rb), (seats, human, scale, a, b)
        assert all(box.contains(r) for _, r in words), (seats, human, scale)
        # every seat's name card (its name and tag) and card count's card: inside, apart
        n = len(view.roles)
        pad = (app.ctx.d(10), app.ctx.d(4))
        cards = [words[2 * k][1].union(words[2 * k + 1][1]).inflate(pad) for k in range(n)]
        cards += [r.inflate(pad) for _, r in words[2 * n:2 * n + 2]]
        assert all(box.contains(c) for c in cards), (seats, human, scale)
        for ca, cb in combinations(cards, 2):
            assert not ca.colliderect(cb), (seats, human, scale, ca, cb)
        assert not drawn.cut(), (seats, human, scale, drawn.cut())
        drawn.texts.clear()
        drawn.rects.clear()
        render.draw_brief(app.screen, app.ctx, view, False)
        assert not drawn.cut(), (seats, human, scale, drawn.cut())
        brief = app.ctx.r(*render.BRIEF_BOX)
        assert all(brief.contains(r) for _, r in drawn.rects)
        shown = " ".join(drawn.texts)
        assert all(view.scenario.concession(c).name.split()[-1] in shown for c in view.hand) or human != Role.S


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_the_negotiations_if_it_passes_line_shows_whole_to_its_odds(app: App, drawn: Drawn, scale: float,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # found in play at 130%: "... Epilogue odds 22% to …"
    from game.ui.preview import Preview
    from game.ui.scenes import dialogs

    from .driver import open_negotiation

    def every_track(view, terms):  # noqa: ANN001, ANN202 - the longest line: all five tracks move
        before = {"P": 4, "C": 7, "L": 3, "G": 5, "E": 6}
        return Preview(before=before, after={"P": 6, "C": 3, "L": 5, "G": 9, "E": 4}, odds_before=22, odds_after=58)

    monkeypatch.setattr(dialogs, "preview_terms", every_track)
    _large_text(app, scale)
    _s, _table, neg = open_negotiation(app)
    drawn.texts.clear()
    drawn.rects.clear()
    neg.draw_box(app.screen, neg.box_rect())
    line = next((x, r) for x, r in drawn.rects if x.startswith("If it passes"))
    assert "Escalation -2" in line[0] and neg.box_rect().contains(line[1])
    assert not drawn.cut(), drawn.cut()  # as drawn: "... Epilogue odds 22% to 58%", not "... to…"


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_the_proposals_prompt_names_only_what_the_seat_may_do(app: App, drawn: Drawn, scale: float) -> None:
    # found in play: the Custodian was told to "play a card", and it has none; the Watching
    # Power, which tables no motions, was told what a motion costs; at 130% text the line
    # saying the round's allowance is used up was cut short
    from game.core import allowance_left, apply, legal_actions
    from game.text import t

    _large_text(app, scale)
    table = _seated_table(app, 5)
    s = table.session
    seen: dict[Role, str] = {}
    details: dict[Role, str] = {}
    st = s.state
    while st.round == 1 and len(seen) < 5:
        legal = legal_actions(st, st.to_move)
        if st.phase == Phase.PROPOSALS and st.to_move not in seen:
            s.state, s.viewer = st, st.to_move
            view = table.current_view()
            head, detail = table.prompt(view)
            seen[st.to_move], details[st.to_move] = head, detail
            verbs = {a.verb for a in legal}
            assert (t("ui.prompt.proposals.option.play") in head) == ("play" in verbs), head
            assert (t("ui.prompt.proposals.option.propose") in head) == ("propose" in verbs), head
            assert (t("ui.prompt.proposals.option.probe") in head) == ("probe" in verbs), head
            assert head.endswith(t("ui.prompt.proposals.option.pass")), head
            drawn.texts.clear()
            table.layer = None
            table.draw(app.screen)
            # drawn whole: a line too long for its box is drawn shortened, ending in an ellipsis
            shortened = [x for x in drawn.cut() if head.startswith(x[:-1].rstrip()) or detail.startswith(x[:-1].rstrip())]
            assert head in drawn.texts and detail in drawn.texts and not shortened, (scale, shortened)
        # the Custodian takes the whole allowance (as the AI does); the others pass
        whole = [a for a in legal if a.verb == "propose" and a.terms.tranches == allowance_left(st)]
        st = apply(st, whole[0] if st.to_move == Role.H and whole else
                   next((a for a in legal if a.verb == "pass"), legal[0]))
    assert "play a card" not in seen[Role.H] and "table a motion" in seen[Role.H]
    assert seen[Role.F] == "Your move: probe, give influence, or pass"
    assert details[Role.F] == t("ui.prompt.proposals.detail.no_motion")
    cap = st.scenario.rules.max_tranches_per_round
    assert details[Role.S] == t("ui.prompt.proposals.allowance_used", cap=cap)


@pytest.mark.parametrize("seats", [3, 5, 6])
def test_every_tooltip_area_of_the_table_can_be_reached(app: App, seats: int) -> None:
    # found in play: hovering an infrastructure card showed the panel's general tip, never the
    # card's cost and effect: the panel's area came after the cards', and the last area that
    # holds the pointer speaks
    from game.core import load_scenario, new_game
    from game.ui import render
    from game.ui.session import GameSession

    st = showcase.advance(new_game(load_scenario(), showcase.seats_for((Role.H,), seats), 7),
                          lambda x: x.round >= 2 and x.phase == Phase.PROPOSALS, seed=7)
    table = TableScene(app, GameSession(st, autosaves=False))
    app.replace(table)
    app.frame(1 / 60, events=[])
    areas = table.ui.areas
    assert areas == render.table_areas(app.ctx, table.current_view(), table.personalities())
    for i, (inner, tip) in enumerate(areas):
        later = [r for r, _ in areas[i + 1:] if r.contains(inner)]
        assert not later, f"the tip {tip!r} is hidden under a later area"
    card = next(r for r, tip in areas if st.scenario.infra(st.infra_row[0]).name in tip and r.width < 100)
    shown = next(tip for r, tip in reversed(areas) if r.collidepoint(card.center))
    assert st.scenario.infra(st.infra_row[0]).name in shown
    # each seat's name card speaks too, and an AI seat's says how its personality bargains
    # (play-test: "Dove" and "6 in hand" were explained nowhere on hover)
    from game.text import t

    pos = render.seat_positions(app.ctx, st.roles)
    for r in st.roles:
        under_name = (pos[r][0], pos[r][1] + app.ctx.d(25 + 4 + 20))  # the IP and personality line
        said = next(tip for rect, tip in reversed(areas) if rect.collidepoint(under_name))
        assert t(f"ui.role.{r.value}.tip", name=st.scenario.roles[r].name) in said
        seat = st.seat(r)
        if r in table.session.agents:
            assert seat is not None and t(f"ui.personality.{seat.personality}.tip") in said
        else:
            assert "An AI" not in said
    view = table.current_view()
    for r in (Role.S, Role.A):
        if view.hand_sizes[view.idx(r)]:
            left = (pos[r][0] - app.ctx.d(25 + 15 + 20), pos[r][1])  # "6 in hand", left of the emblem
            said = next(tip for rect, tip in reversed(areas) if rect.collidepoint(left))
            assert "in hand" in said, said


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_ceasefire_monitors_show_in_the_infrastructure_panel_once_admitted(app: App, drawn: Drawn, scale: float) -> None:
    # pt2 play-test: Admit monitors passed, the log said "Ceasefire Monitors can now be built",
    # and the panel still drew only the first three cards of the row (Monitors are the fourth)
    from game.ui import render
    from game.ui.session import GameSession

    app.settings.text_scale = scale
    app.apply_settings()
    st = showcase.midgame((Role.H,))
    row = (*st.infra_row[:3], "monitors")
    st = st.model_copy(update={"infra_row": row})
    table = TableScene(app, GameSession(st, autosaves=False))
    app.replace(table)
    app.frame(1 / 60, events=[])
    cards = render.infra_cards(app.ctx, table.current_view())
    box = app.ctx.r(*render.INFRA_BOX)
    assert [iid for iid, _ in cards] == list(row)
    for i, (_, r) in enumerate(cards):
        assert box.contains(r) and not any(r.colliderect(o) for _, o in cards[i + 1:])
    for iid, r in cards:
        name = st.scenario.infra(iid).name
        tip = next(tip for a, tip in reversed(table.ui.areas) if a.collidepoint(r.center))
        assert name in tip  # each card's own tip, the Monitors' too
        words = [x for x, where in drawn.rects if r.contains(where) and x.strip()]
        assert name.split()[-1] in " ".join(words)  # its name drawn on it
        assert not any(x.rstrip().endswith("…") for x in words), words  # whole, not cut


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_when_nothing_can_be_tabled_the_table_says_why_whole_and_clear_of_the_buttons(app: App, drawn: Drawn,
                                                                                       scale: float) -> None:
    # found in play: with the Vault empty the Custodian's only button was Pass, and nothing said
    # why Build or a Settlement were not offered either
    from game.core import legal_actions, load_scenario, new_game
    from game.ui.session import GameSession

    _large_text(app, scale)
    st = None
    for seed in range(1, 60):
        st = showcase.advance(new_game(load_scenario(), showcase.seats_for((Role.H,)), seed),
                              lambda s: s.phase == Phase.PROPOSALS and s.to_move == Role.H
                              and not any(a.verb == "propose" for a in legal_actions(s, Role.H)), seed=seed)
        if not st.is_over:
            break
    assert st is not None and not st.is_over and st.vault == 0
    table = TableScene(app, GameSession(st, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    drawn.texts.clear()
    drawn.rects.clear()
    app.frame(1 / 60, events=[])
    first = next(r for x, r in drawn.rects if x.startswith("Nothing to table now"))
    # the detail's lines: from its first, at its left edge, above the key line
    lines = [(x, r) for x, r in drawn.rects if r.left == first.left and first.top <= r.top <= first.top + 40]
    text = " ".join(x for x, _ in lines)
    assert "Deal and Mobilize (Vault empty)" in text and not drawn.cut()
    if st.fund < min(st.scenario.infra(i).cost for i in st.infra_row):
        assert f"Build (Fund {st.fund}, cheapest card" in text
    buttons = [w.rect for w in table.ui.widgets if getattr(w, "hotkey", "") == "1"]
    assert buttons and all(not b.colliderect(r) for _, r in lines for b in buttons)


@pytest.mark.parametrize("scale", [1.0, 1.15, 1.3])
def test_every_infrastructure_cards_name_shows_whole_at_every_text_size(app: App, drawn: Drawn, scale: float) -> None:
    # found in play at 130%: "Demining & Reconstruct..."
    from game.core import load_scenario, new_game
    from game.ui import render
    from game.ui.session import public_view

    _large_text(app, scale)
    st = new_game(load_scenario(), showcase.seats_for((Role.H,)), 7)
    ids = [i.id for i in st.scenario.infrastructure]
    for k in range(0, len(ids), 3):
        view = public_view(st.model_copy(update={"infra_row": tuple(ids[k:k + 3])}))
        drawn.texts.clear()
        render.draw_infra(app.screen, app.ctx, view)
        assert not drawn.cut(), (scale, drawn.cut())
        assert all(st.scenario.infra(i).name.split()[-1] in " ".join(drawn.texts) for i in ids[k:k + 3])


def test_a_motion_after_a_settlement_is_flagged_void_and_left_out_of_the_yes_votes_together(app: App) -> None:
    # play-test: a deal tabled after the Chair's Settlement read "Peace 9 to 10" on the ballot
    # (and in the line for every Yes together), and came out VOID at the reveal
    from game.core import MotionKind
    from game.core.state import Terms
    from game.text import t
    from game.ui.preview import combined_after
    from game.ui.scenes.dialogs import VoteScene

    table = _vote_table(app, l_track=0, switched=False)
    s = table.session
    st = s.state
    first = st.motions[0].model_copy(update={"terms": Terms(kind=MotionKind.SETTLEMENT)})
    s.state = st.model_copy(update={"motions": (first, *st.motions[1:])})
    view = table.current_view()
    later = view.motions[1]
    vote = VoteScene(app, table)
    app.push(vote)
    vote.choice = ["Y"] * len(view.motions)
    app.frame(1 / 60, events=[])
    texts = " ".join(_drawn_texts(app, vote))
    assert t("ui.void.settlement", id=first.id) in texts  # said on the later motion's row
    assert texts.count(t("ui.void.settlement", id=first.id)) == len(view.motions) - 1  # on every later row
    assert vote.carried_out(view) == [first.terms]  # the later motions add nothing
    together = texts.split(t("ui.vote.all_yes"))[-1]
    after = combined_after(view, [first.terms])
    moved = [k for k in ("P", "C", "L", "G", "E") if after[k] != getattr(view.tracks, k)]
    assert all(t("ui.vote.track_change", track=t(f"ui.track.{k}"), a=getattr(view.tracks, k), b=after[k]) in together
               for k in moved)
    assert combined_after(view, [first.terms, later.terms]) != after  # the later motion alone would move a track
    if not moved:
        assert t("ui.vote.no_change") in together
    # with the Settlement voted No the later motions count again
    vote.choice = ["N"] + ["Y"] * (len(view.motions) - 1)
    assert vote.carried_out(view)[0] == later.terms


@pytest.mark.parametrize("kind", ["deal", "mobilize"])
def test_only_a_deals_allowance_line_says_a_concession_must_wait(app: App, drawn: Drawn, kind: str) -> None:
    # play-test: the Mobilize builder said "A concession that needs more must wait for a later
    # round"; a Mobilize plays no concession
    from game.core import Action, MotionKind, apply, load_scenario, new_game
    from game.ui.session import GameSession

    sc = load_scenario()
    st = apply(new_game(sc, showcase.seats_for((Role.H,), 5, personality="pragmatist"), 11), Action.parse("M agenda S"))
    st = apply(st, Action.parse("S propose deal frontline_freeze escrow 2"))
    while st.to_move != Role.H:
        st = apply(st, Action(st.to_move, "pass", ()))
    assert st.phase == Phase.PROPOSALS
    table = TableScene(app, GameSession(st, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    builder = MotionBuilderScene(app, table, "propose")
    app.push(builder)
    builder.set("kind", MotionKind(kind))
    app.frame(1 / 60, events=[])
    drawn.texts.clear()
    builder.draw_box(app.screen, builder.box_rect())
    shown = " ".join(drawn.texts)
    assert "2 on the table in other motions" in shown, shown
    assert ("must wait for a later round" in shown) == (kind == "deal"), shown


@pytest.mark.parametrize("scale", [0.9, 1.0, 1.15, 1.3])
@pytest.mark.parametrize("aggression", [False, True])
def test_the_end_screen_reads_the_whole_epilogue_at_every_text_size(app: App, drawn: Drawn, scale: float,
                                                                    aggression: bool) -> None:
    # found in play at 130%: "Did this peace teach the next aggressor that sanctions are …", cut
    # mid-sentence with room below; the verdict's detail, a tie's note and a debrief answer were
    # cut too
    from game.text import t
    from game.ui.scenes.end import EndScene, epilogue_detail
    from game.ui.session import GameSession

    done = showcase.finished()
    assert done.epilogue is not None
    done = done.model_copy(update={"epilogue": done.epilogue.model_copy(update={"aggression": aggression})})
    _large_text(app, scale)
    scene = EndScene(app, GameSession(done, autosaves=False))
    app.push(scene)
    app.frame(3.0, events=[])  # the roll has landed: the verdict and its detail show
    drawn.texts.clear()
    drawn.rects.clear()
    app.frame(1 / 60, events=[])
    assert not drawn.cut(), drawn.cut()
    shown = " ".join(drawn.texts)
    key = "ui.end.aggression" if aggression else "ui.end.deterred"
    for sentence in (t("ui.end.epilogue_q"), t(key), epilogue_detail(scene.view)):
        assert sentence in shown
    # and the round it ended in (play-test: the end screen never said it)
    assert f"FINAL TRACKS, ROUND {done.round} OF {done.scenario.rules.rounds}" in drawn.texts
    plan = scene.results_plan()
    # each part below the one above it, inside its panel, and the tracks' rows inside theirs
    assert plan.box.top < plan.question.top and plan.question.bottom < plan.bar.top
    assert plan.bar.bottom < plan.verdict_top < plan.detail.top and plan.detail.bottom <= plan.box.bottom
    assert plan.box.bottom < plan.tracks.top and plan.tracks.bottom < scene.ui.widgets[0].rect.top
    last = drawn.rect(t("ui.track.E"))
    assert plan.tracks.top < last.top and last.bottom <= plan.tracks.bottom
    if aggression:  # this game's totals then tie: the note under the winner reads whole, above the scores
        assert plan.tie_lines and plan.tie_top + len(plan.tie_lines) * app.ctx.font(12.5).get_linesize() <= plan.scores.top
    # the Debrief page: every answer whole (the charts give up room), the note above the charts
    scene.flip()
    drawn.texts.clear()
    app.frame(1 / 60, events=[])
    assert not drawn.cut(), drawn.cut()
    plan = scene.results_plan()
    left, _ = plan.charts(app.ctx)
    assert left.bottom < plan.answers_top and left.height >= app.ctx.d(240)


@pytest.mark.parametrize("scale", [0.9, 1.0, 1.15, 1.3])
def test_the_title_clears_the_emblems_and_the_tagline_stays_inside_the_ellipse(app: App, drawn: Drawn,
                                                                               scale: float) -> None:
    # found in play at 130%: the tagline ran across the gold ellipse and the name's "B" touched
    # the Sanctioned Power's emblem
    import math

    from game.text import t
    from game.ui.scenes.title import TitleScene

    _large_text(app, scale)
    app.replace(TitleScene(app))
    app.frame(1 / 60, events=[])
    ctx = app.ctx
    name, tagline = drawn.rect(t("ui.title.name")), drawn.rect(t("ui.title.tagline"))
    cx, cy = ctx.p(640, 250)
    for i in range(6):  # the emblems, where TitleScene.background puts them
        ang = math.pi + i * math.pi / 5
        ex, ey = cx + int(ctx.d(400) * math.cos(ang)), cy + int(ctx.d(140) * math.sin(ang)) - ctx.d(30)
        nearest = (min(max(ex, name.left), name.right), min(max(ey, name.top), name.bottom))
        assert math.dist(nearest, (ex, ey)) > ctx.d(26) + ctx.d(6), i
    a, b = ctx.d(320) - ctx.d(3), ctx.d(100) - ctx.d(3)  # inside the ellipse's outline
    for x, y in (tagline.topleft, tagline.topright, tagline.bottomleft, tagline.bottomright):
        assert ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 < 1, (x, y)


def test_the_vault_names_its_columns_whole_at_130_percent_with_the_colour_blind_shapes(app: App, drawn: Drawn) -> None:
    # found in play: "Redirect…" over the Vault's fourth column at 130% (the shape before it)
    from game.text import t
    from game.ui import render
    from game.ui.session import public_view

    app.settings.colour_blind = True
    _large_text(app, 1.3)
    render.draw_zones(app.screen, app.ctx, public_view(showcase.midgame((Role.H,))))
    assert not drawn.cut(), drawn.cut()
    for name in render.ZONES:
        assert drawn.rect(t(f"ui.zone.{name}")).right <= render.zone_rect(app.ctx, render.ZONES.index(name)).right


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_the_breathing_turn_ring_passes_behind_the_seats_name(app: App, scale: float) -> None:
    # found in play at 130%: at its widest the ring of the seat to move ran through the top of
    # the seat's name
    import math

    from game.ui import render
    from game.ui.session import public_view

    _large_text(app, scale)
    ctx = app.ctx
    view = public_view(showcase.midgame((Role.H,)))
    assert view.to_move is not None
    surf = pygame.Surface((ctx.width, ctx.height))
    surf.fill((0, 0, 0))
    render.draw_turn_pulse(surf, ctx, view, (math.pi / 2) / 3.2)  # the ring at its widest
    p = render.seat_positions(ctx, view.roles)[view.to_move]
    card_top = p[1] + ctx.d(25) + ctx.d(4) - ctx.d(2)  # draw_round_table: the name, its card 2 above it
    lit = [y for y in range(p[1] - ctx.d(40), p[1] + ctx.d(40)) if surf.get_at((p[0], y))[:3] != (0, 0, 0)]
    assert lit and min(lit) < p[1] - ctx.d(30)  # the ring is drawn above the emblem
    assert max(lit) < card_top  # and not on the name card


def test_a_vault_left_with_less_than_a_tranche_is_not_called_empty() -> None:
    # play-test: "Nothing to table now: Deal (Vault empty)" beside a Vault that showed 1 token
    from game.core import load_scenario, new_game, observe
    from game.ui import labels

    st = new_game(load_scenario(), 5, 3)
    while st.phase != Phase.PROPOSALS:
        from game.core import apply, legal_actions

        st = apply(st, legal_actions(st, st.to_move)[0])
    for tokens, words in ((1, "Deal and Mobilize (the Vault holds 1 of the 3 tokens a tranche needs)"),
                          (0, "Deal and Mobilize (Vault empty)")):
        view = observe(st.model_copy(update={"vault": tokens}), Role.H)
        assert words in labels.closed_kinds(view, [])


def test_the_logs_tooltip_sits_on_its_title_not_over_the_lines_being_read(app: App) -> None:
    # play-test: scrolling the log, its tooltip covered the lines the whole time
    from game.core import observe
    from game.text import t
    from game.ui import render

    view = observe(showcase.midgame((Role.H,)), Role.H)
    areas = render.table_areas(app.ctx, view)
    x, y, w, h = render.log_box(app.ctx, view)
    tips = [tip for rect, tip in areas if rect.collidepoint(app.ctx.p(x + w / 2, y + 12))]
    assert t("ui.log.tip") in tips
    for frac in (0.3, 0.6, 0.9):  # among the lines
        pt = app.ctx.p(x + w / 2, y + h * frac)
        assert not any(rect.collidepoint(pt) and tip == t("ui.log.tip") for rect, tip in areas), frac


def test_the_track_tips_say_high_peace_calms_escalation_only_where_the_scenario_does(app: App) -> None:
    # rules audit: "high Peace calms it" was said in the default scenario, where it does not
    from game.core import load_scenario, observe
    from game.ui import render

    view = observe(showcase.midgame((Role.H,)), Role.H)
    for key, calms in (("frozen_reserve", False), ("small_vault", True), ("fragile_front", True)):
        sc = load_scenario(key)
        v = view.model_copy(update={"scenario": sc})
        tips = [tip for _, tip in render.table_areas(app.ctx, v) if tip.startswith(("Peace (", "Escalation ("))]
        assert len(tips) == 2
        said = f"While Peace is {sc.rules.drift_high_p} or more, each round ends with Escalation {sc.rules.drift_high_e}."
        assert all((said in tip) == calms for tip in tips), key
        assert all("calms" not in tip and "{" not in tip for tip in tips)


def test_the_build_preview_says_who_scores_it_and_when_its_effect_would_do_nothing(app: App, drawn_text) -> None:  # noqa: ANN001
    # play-test: the Frontline State's own points for a build were said nowhere, and Claims
    # Commission at Legal risk 0 read "Legal risk 0 to 0" with no word
    from game.core import MotionKind, legal_actions
    from game.text import t
    from game.ui.session import GameSession

    def turn(st) -> bool:  # noqa: ANN001
        return st.phase == Phase.PROPOSALS and st.to_move == Role.A and any(
            a.verb == "propose" and a.args[:2] == ("build", "claims") for a in legal_actions(st, Role.A))

    st = showcase.midgame((Role.A,), until=turn)
    sc = st.scenario
    for legal_risk, idle in ((0, True), (3, False)):
        s = st.model_copy(update={"tracks": st.tracks.model_copy(update={"L": legal_risk})})
        table = TableScene(app, GameSession(s, autosaves=False))
        table.run_game = lambda dt: None  # type: ignore[method-assign]
        app.replace(table)
        b = MotionBuilderScene(app, table, "propose")
        app.push(b)
        b.set("kind", MotionKind.BUILD)
        b.set("target", "claims")
        drawn_text.clear()
        app.frame(1 / 60, events=[])
        said = " ".join(drawn_text)
        cost = sc.infra("claims").cost
        assert t("ui.preview.build_vp", a=cost // sc.scoring.a_fund_divisor, m=sc.scoring.m_vp_per_infra) in said
        assert (t("ui.preview.build_idle") in said) is idle, legal_risk


def test_the_counter_builder_says_when_the_counter_is_an_offer_already_made(app: App, drawn_text) -> None:  # noqa: ANN001
    # play-test: the player's own first offer, sent again, used an exchange with no word of it
    from game.core import bargain_offers
    from game.text import t

    from .driver import open_negotiation

    s, table, _neg = open_negotiation(app)
    view = s.view()
    me = view.me
    mine = [(tm, pay) for by, tm, pay in bargain_offers(view) if by == me]
    assert mine, "the human made an offer in this bargaining"
    tm, pay = mine[0]
    b = MotionBuilderScene(app, table, "counter")
    app.push(b)
    note = t("ui.builder.offered_before", n=view.scenario.rules.max_exchanges)
    for f in b._fields():
        b.set(f, getattr(tm, f) if f != "pay" else pay)
    drawn_text.clear()
    app.frame(1 / 60, events=[])
    assert note in " ".join(drawn_text)
    # another payment: not an offer made before
    other = next(v for v in b.values("pay") if v != pay)
    b.set("pay", other)
    drawn_text.clear()
    app.frame(1 / 60, events=[])
    assert note not in " ".join(drawn_text)


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_the_phase_tip_shows_beside_the_dialog_it_explains(app: App, scale: float,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # play-test (tutorial): the bargaining and vote tips sat in the table's corner under the
    # very dialog they explain, unreadable until the phase was over
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import NegotiationScene, VoteScene
    from game.ui.session import GameSession
    from game.ui.theme import Ctx

    wrapped: list[tuple[str, pygame.Rect]] = []
    real = Ctx.blit_wrapped

    def spy(self, surf, text, size, rect, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        wrapped.append((text, pygame.Rect(rect)))
        return real(self, surf, text, size, rect, *a, **kw)

    monkeypatch.setattr(Ctx, "blit_wrapped", spy)

    app.settings.text_scale = scale
    app.apply_settings()
    s = negotiation_session(showcase.midgame((Role.H,)))
    vote = showcase.midgame((Role.H,), until=lambda x: x.round >= 2 and x.phase == Phase.VOTE
                            and x.to_move == Role.H and len(x.motions) >= 2)
    for session, tip, dialog in ((s, "channels", NegotiationScene), (GameSession(vote, autosaves=False), "vote", VoteScene)):
        table = TableScene(app, session)
        table.run_game = lambda dt: None  # type: ignore[method-assign]
        app.replace(table)
        table.tip_id = tip
        scene = dialog(app, table)
        app.push(scene)
        wrapped.clear()
        app.frame(1 / 60, events=[])
        # the tip's words are drawn somewhere the dialog does not cover, and on screen
        shown = [r for text, r in wrapped if text == table.tip_text(tip)
                 and not r.colliderect(scene.box_rect()) and app.screen.get_rect().contains(r)]
        assert shown, tip
        # a tip about another phase is not shown beside this dialog
        table.tip_id = "compliance"
        assert table.tip_beside(scene.box) is None
        app.pop(scene)


def test_the_log_scrolls_no_further_than_its_first_line_and_home_end_and_a_new_round_bring_it_back(app: App) -> None:
    # play-test: Page Up ran on past the log's first line, End and Home did nothing, and a log
    # scrolled back kept showing round 2 in round 5
    from game.core import observe
    from game.ui import render
    from game.ui.session import GameSession
    from tests.ui.driver import key, post

    st = showcase.midgame((Role.H,), until=lambda x: x.round >= 3 and x.phase == Phase.PROPOSALS and x.to_move == Role.H)
    table = TableScene(app, GameSession(st, autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    top = render.log_max_scroll(app.ctx, table.current_view(), [])
    assert top > 6  # a game in round 3 has more log than its box shows
    post(app, [key(pygame.K_HOME)])
    assert table.log_scroll == top
    post(app, [key(pygame.K_PAGEUP)])
    assert table.log_scroll == top  # no further than the first line
    post(app, [key(pygame.K_PAGEDOWN)])
    assert table.log_scroll == top - 6
    post(app, [key(pygame.K_END)])
    assert table.log_scroll == 0
    post(app, [key(pygame.K_PAGEUP)])
    assert table.log_scroll == 6
    # the next round: the newest lines again
    later = showcase.midgame((Role.H,), until=lambda x: x.round >= 4 and x.phase == Phase.PROPOSALS)
    table.session = GameSession(later, autosaves=False)
    table._view_cache = ()
    app.frame(1 / 60, events=[])
    assert observe(later, Role.H).round == 4 and table.log_scroll == 0


@pytest.mark.parametrize("size", [(1280, 720), (1024, 576)])
def test_the_projector_view_fits_at_the_largest_text(app: App, drawn: Drawn, size: tuple[int, int]) -> None:
    # play-test: at 130% the vault's heading ran off the screen and "Redirected to the Fund"
    # into its number
    from game.ui.scenes.facilitator import ProjectorScene
    from game.ui.session import GameSession
    from game.ui.settings import TEXT_SCALES

    app.screen = pygame.display.set_mode(size)
    app.settings.text_scale = TEXT_SCALES[-1]
    app.apply_settings()
    table = TableScene(app, GameSession(showcase.midgame((Role.H,)), autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    app.push(ProjectorScene(app, table))
    drawn.rects.clear()
    drawn.texts.clear()
    app.frame(1 / 60, events=[])
    screen = app.screen.get_rect()
    assert not drawn.cut()
    assert all(screen.contains(r) for _, r in drawn.rects)
    view = table.current_view()
    from game.text import t
    from game.ui.scenes.facilitator import ZONES as PZ

    for z, key in PZ:
        name, number = drawn.rect(t(key)), drawn.rect(str(getattr(view, z)))
        assert not name.colliderect(number), key
