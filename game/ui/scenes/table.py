"""The Board of Peace table: the game screen, and the director that runs a game.

It draws the session's current view (the seat at the screen, or a public view), offers the
viewer's legal actions as buttons (keys 1-9), opens the dialog a phase needs (negotiation,
sealed vote, secret compliance), puts up the curtain before a hot-seat human's private view,
paces AI moves (Space skips the wait), shows events as they are drawn, animates tokens between
zones, and autosaves each round and on leaving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.core import TRANCHE_MOTIONS, Action, GameState, Phase, PlayerView, Role, allowance_left
from game.text import t
from game.ui import labels, render, saves
from game.ui.render import ACTION_BOX
from game.ui.scene import Scene
from game.ui.session import GameSession, is_public
from game.ui.theme import Ctx
from game.ui.tips import TIP_MIN_SECONDS, current_tip, tip_any_phase, tip_applies_now
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App


class CloseButton(Button):
    """A small drawn cross (the font has no multiplication-x glyph at every size we need)."""

    def __init__(self, rect: pygame.Rect, on_click: Callable[[], None], tooltip: str) -> None:
        super().__init__(rect, "", on_click, tooltip, style="ghost")

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        col = ctx.pal["text"] if hovered or focused else ctx.pal["dim"]
        c = self.rect.center
        a = ctx.d(5)
        pygame.draw.line(surf, col, (c[0] - a, c[1] - a), (c[0] + a, c[1] + a), ctx.d(2))
        pygame.draw.line(surf, col, (c[0] - a, c[1] + a), (c[0] + a, c[1] - a), ctx.d(2))


Entry = tuple[str, str, Callable[[], None], str]  # label, tooltip, callback, style
# what the drawn table layer depends on: session and ctx versions, log scroll, prompt, detail,
# status, reasons shown, key line, the game held behind the cards (its id)
LayerKey = tuple[int, int, int, str, str, str, int, bool, int]

# After an AI moves, a Space or Enter that arrives within this moment was meant to skip its pause
# (the player pressed it while the AI still looked busy): it must not press what just appeared.
# Never longer than the AI pace itself, so "Instant" play (and the tests) keep every key.
KEY_GUARD_S = 0.35
SKIP_KEYS = (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)


class TableScene(Scene):
    game_runs = True
    space_skips = True
    name = "table"

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.log_scroll = 0
        self._log_round = session.state.round
        self._beside: tuple[object, pygame.Rect | None] = (None, None)  # tip_beside's last answer
        self.paused = False
        self.error = ""
        self.error_time = 0.0
        self.ai_wait = 0.0
        self.skip = False
        self.ai_acted_at = -1e9  # app.elapsed at the last AI move
        self.end_timer = -1.0
        self.layer: pygame.Surface | None = None
        self.layer_key: LayerKey | tuple[()] = ()
        self.built_for: tuple[int, bool] | tuple[()] = ()  # (session version, paused)
        self.held: GameState | None = None  # the game as drawn behind the cards now shown (``hold``)
        self.tip_id: str | None = None
        self._tip_since: tuple[tuple[int, Phase], float] = ((0, Phase.AGENDA), 0.0)  # where and when it came up
        self.tip_shown_at: tuple[object, ...] = ()
        view = self.session.view()
        self.tok_zones = render.token_zones(view)
        self.tok_pos: list[tuple[float, float]] = []
        self.tok_from: list[tuple[float, float]] = []
        self.tok_to: list[tuple[float, float]] = []
        self.tok_t = 1.0
        self._tok_version = -1
        self._view_cache: tuple[int, PlayerView] | tuple[()] = ()  # (session version, view)
        self.clock = 0.0
        self._auto_opened: tuple[int, Phase] | tuple[()] = ()
        self._last_tracks: dict[str, int] | None = None
        self.track_flash: dict[str, tuple[float, int]] = {}

    # ---- view ----
    def personalities(self) -> dict[Role, str]:
        """Each AI seat's personality (public: its name card shows it)."""
        return {r: str(self.session.state.seat(r).personality) for r in self.session.agents}  # type: ignore[union-attr]

    def current_view(self) -> PlayerView:
        key = self.session.version
        if self._view_cache and self._view_cache[0] == key:
            return self._view_cache[1]
        v = self.session.view(self.held)
        self._view_cache = (key, v)
        return v

    # ---- layout: buttons for the viewer's legal actions ----
    def layout(self) -> None:
        ctx = self.ctx
        s = self.session
        self.built_for = (s.version, self.paused)
        view = self.current_view()
        self.ui.add(Button(ctx.r(1176, 9, 92, 32), t("ui.btn.menu"), self.open_menu, t("ui.tip.menu"),
                           size=14, hotkey="Esc"))
        self.ui.add(Button(ctx.r(1074, 9, 96, 32), t("ui.btn.help"), self.open_help, t("ui.tip.help"),
                           size=14, hotkey="F1"))
        entries = self.entries(view)
        x0, y0, w, h = ACTION_BOX
        cols = 3 if len(entries) >= 3 else 2  # two choices get wide buttons: their labels carry numbers
        bw, bh, top, step = (w - 28 - (cols - 1) * 10) / cols, 38.0, y0 + 58.0, 48.0
        detail = self.prompt(view)[1]
        if detail and len(entries[:6]) <= cols and len(render.detail_lines(ctx, detail)[1]) > 1:
            top += ctx.font(render.ACTION_DETAIL_SIZE * 0.9).get_linesize() / ctx.s  # under a two-line detail
        if len(entries[:6]) > cols:
            # a second row (six seats set the agenda, a crowded proposals step): both rows fit
            # between the prompt's detail line and the key line, at every text size
            first, last = render.action_button_band(ctx)
            top, gap = first + 3, 6.0
            bh = min(bh, (last - 3 - top - gap) / 2)
            step = bh + gap
        for i, (label, tip, cb, style) in enumerate(entries[:6]):
            row, col = divmod(i, cols)
            rect = ctx.r(x0 + 14 + col * (bw + 10), top + row * step, bw, bh)
            off = style == "disabled"
            self.ui.add(Button(rect, label, cb, tip, style="normal" if off else style, enabled=not off, size=14.5,
                               hotkey=str(i + 1)))
        if self.tip_id:
            tx, ty, tw, _ = render.tip_box(view.roles)
            self.ui.add(CloseButton(ctx.r(tx + tw - 28, ty + 3, 24, 22), self.dismiss_tip, t("ui.tip.dismiss_tip")))
        self.ui.areas = render.table_areas(ctx, view, self.personalities())
        if self.ui.focus < 0 or self.ui.focus >= len(self.ui.widgets):
            # the first move; with none (an event card or the reveal is up) nothing, not the
            # Menu: a focus left on the Menu would keep it when the moves come back, and the
            # next Enter would open the Menu instead of the first move (play-test)
            self.ui.focus = next((i for i, w in enumerate(self.ui.widgets) if i >= 2 and w.enabled), -1)

    def entries(self, view: PlayerView) -> list[Entry]:
        s = self.session
        if self.paused:
            return [(t("ui.btn.resume"), t("ui.tip.resume"), self.toggle_pause, "primary")]
        if self.held is not None:  # the table before the cards: its moves are no longer anyone's
            return []
        legal = s.legal()
        if not legal:
            if s.ai_to_move() is not None:
                return [(t("ui.btn.skip"), t("ui.tip.skip"), self.skip_wait, "normal")]
            if s.curtain_needed() is not None:
                return [(t("ui.btn.take_seat"), t("ui.tip.take_seat"), self.show_curtain, "primary")]
            return []
        ph = view.phase
        out: list[Entry] = []

        def act(a: Action) -> Callable[[], None]:
            return lambda: self.do(a)

        if ph in (Phase.AGENDA, Phase.REIMPOSE, Phase.EROSION):
            for a in legal:
                out.append((labels.action_label(view, a), labels.action_tip(view, a), act(a),
                            "primary" if a is legal[0] else "normal"))
            return out
        if ph == Phase.PROPOSALS:
            if any(a.verb == "propose" for a in legal):
                out.append((t("ui.act.propose_menu"), t("ui.tip.act.propose", ip=view.scenario.rules.motion_cost_ip),
                            self.open_builder, "primary"))
            elif any(view.me in spec.proposers for spec in view.scenario.motions.values()):
                # kept, greyed, where no motion can be tabled now: the buttons keep their numbers
                # (play-test: 1 had been "Table a motion...", then played a card at once)
                out.append((t("ui.act.propose_menu"), t("ui.tip.act.propose_closed"), lambda: None, "disabled"))
            phased = [a for a in legal if a.verb == "play" and a.args[0] == "phased"]
            if len(phased) > 1:  # one button per deal would crowd out the rest: choose in a list
                out.append((t("ui.act.phased_menu"), t("ui.tip.act.play"),
                            lambda: self.open_choice(t("ui.act.phased_menu"), phased), "normal"))
            for a in legal:
                if a.verb == "probe" or (a.verb == "play" and (len(phased) <= 1 or a.args[0] != "phased")):
                    out.append((labels.action_label(view, a), labels.action_tip(view, a), act(a), "normal"))
            gifts = [a for a in legal if a.verb == "gift"]
            if gifts:
                out.append((t("ui.act.gift_menu"), t("ui.tip.act.gift"),
                            lambda: self.open_choice(t("ui.act.gift_menu"), gifts), "normal"))
            out = out[:5]
            out.append((t("ui.act.pass"), t("ui.tip.act.pass"), act(Action(view.me, "pass")), "normal"))
            return out
        if ph == Phase.CHAIR:
            out.append((t("ui.act.pass_chair"), t("ui.tip.act.pass_chair"), act(Action(view.me, "pass")), "primary"))
            sw = [a for a in legal if a.verb == "switch"]
            if sw:
                out.append((t("ui.act.switch_menu"), t("ui.tip.act.switch", switch=view.scenario.rules.chair_switch_ip),
                            lambda: self.open_choice(t("ui.act.switch_menu"), sw), "normal"))
            return out
        if ph == Phase.BARGAIN:
            return [(t("ui.act.negotiate"), t("ui.tip.act.negotiate"), self.open_phase_dialog, "primary")]
        if ph == Phase.VOTE:
            return [(t("ui.act.vote_open"), t("ui.tip.act.vote"), self.open_phase_dialog, "primary")]
        if ph == Phase.COMPLIANCE:
            return [(t("ui.act.comply_open"), t("ui.tip.act.comply"), self.open_phase_dialog, "primary")]
        return out

    def prompt(self, view: PlayerView) -> tuple[str, str]:
        s = self.session
        if self.paused:
            return t("ui.prompt.paused"), t("ui.prompt.paused_detail")
        if view.is_over:
            return t("ui.prompt.over"), ""
        if self.held is not None:
            return "", ""
        mover = view.to_move
        if mover is None:
            return "", ""
        legal = s.legal()
        if legal:
            detail = t(f"ui.prompt.{view.phase.value}.detail")
            if view.phase == Phase.REIMPOSE and view.reimpose_queue:
                detail = t("ui.prompt.reimpose.deal", deal=view.reimpose_queue[0])
            if view.phase == Phase.PROPOSALS:
                sc = view.scenario
                verbs = {a.verb for a in legal}
                if allowance_left(view) == 0 and any(view.me in sc.motions[k].proposers for k in TRANCHE_MOTIONS):
                    detail = t("ui.prompt.proposals.allowance_used", cap=sc.rules.max_tranches_per_round)
                elif "propose" not in verbs:
                    closed = labels.closed_kinds(view, ())
                    detail = (t("ui.prompt.proposals.closed", items="; ".join(closed)) if closed
                              else t("ui.prompt.proposals.detail.no_motion"))
                return proposals_headline(verbs), detail
            return t(f"ui.prompt.{view.phase.value}"), detail
        if mover in s.agents:
            return t("ui.prompt.waiting_ai", name=view.name_of(mover)), t("ui.prompt.waiting_ai.detail")
        return t("ui.prompt.waiting_human", name=view.name_of(mover)), t("ui.prompt.waiting_human.detail")

    # ---- actions ----
    def do(self, a: Action) -> None:
        err = self.session.act(a)
        if err:
            self.flash(err)
        else:
            self.app.sounds.play("click")
        self.relayout()

    def flash(self, msg: str) -> None:
        self.error = msg
        self.error_time = 4.0
        self.app.sounds.play("alarm")

    def skip_wait(self) -> None:
        self.skip = True

    def ai_acting(self) -> bool:
        """An AI is taking its turn now: it is to move and the game runs under the top scene
        (not under an event card, the curtain or a menu, where everything waits)."""
        top = self.app.top
        return (self.session.ai_to_move() is not None and not self.session.state.is_over and not self.paused
                and (top is self or bool(getattr(top, "game_runs", False))))

    def meant_for_wait(self, ev: pygame.event.Event) -> bool:
        """Space or Enter while an AI is acting (it skips the pause), or in the moment after an
        AI's move (it was pressed for the pause): True when the key is used up by the wait."""
        if ev.type != pygame.KEYDOWN or ev.key not in SKIP_KEYS:
            return False
        if self.ai_acting():
            self.skip = True
            return True
        return self.app.elapsed - self.ai_acted_at < min(KEY_GUARD_S, self.app.settings.ai_delay)

    def skip_key(self, ev: pygame.event.Event, focused: object = None) -> bool:
        """Space and Enter while an AI is acting skip its pause, and nothing else. True when the
        key is used up here, so the scene (the table or a dialog of this game) must not pass it
        on: during the wait, in the moment after an AI's move (the key was meant for the wait),
        and Space on a button at any time (Space is the skip key, never "press")."""
        if self.meant_for_wait(ev):
            return True
        return (ev.type == pygame.KEYDOWN and ev.key == pygame.K_SPACE
                and (focused is None or isinstance(focused, Button)))

    def toggle_pause(self) -> None:
        """P: pause or carry on. A paused hot-seat table may be left for anyone to see, so it
        shows the public view; on carrying on the curtain comes up (``run_game``) before the
        seat to move sees its own view again."""
        self.paused = not self.paused
        if self.paused:
            self.session.hide()
        self.relayout()

    def open_menu(self) -> None:
        from game.ui.scenes.overlays import MenuScene

        self.app.push(MenuScene(self.app))

    def open_help(self) -> None:
        from game.ui.scenes.overlays import HelpScene

        self.app.push(HelpScene(self.app))

    def open_builder(self) -> None:
        from game.ui.scenes.dialogs import MotionBuilderScene

        self.app.push(MotionBuilderScene(self.app, self, "propose"))

    def open_choice(self, title: str, actions: list[Action]) -> None:
        from game.ui.scenes.dialogs import ChoiceScene

        self.app.push(ChoiceScene(self.app, self, title, actions))

    def leave_seat(self) -> None:
        """Someone else takes the screen (F9 facilitator, F10 projector): at a hot-seat table the
        seat's view goes, with the dialogs open over it (its ballot, its negotiation ...), so
        nothing private is left under or behind the tool; when the tool closes the curtain comes
        up before that seat sees its view again (``run_game``). A one-human table keeps its view."""
        s = self.session
        if not s.multi_human or s.viewer is None or self not in self.app.stack:
            return
        while self.app.top is not self:
            self.app.pop()
        s.hide()

    def show_curtain(self) -> None:
        from game.ui.scenes.dialogs import CurtainScene

        r = self.session.curtain_needed()
        if r is not None and not isinstance(self.app.top, CurtainScene):
            self.session.hide()
            self.app.push(CurtainScene(self.app, self, r))

    def open_phase_dialog(self) -> None:
        from game.ui.scenes.dialogs import ComplyScene, DecisionScene, NegotiationScene, VoteScene

        view = self.current_view()
        if not self.session.legal():
            return
        if view.phase == Phase.VOTE:
            self.app.push(VoteScene(self.app, self))
        elif view.phase == Phase.COMPLIANCE:
            self.app.push(ComplyScene(self.app, self))
        elif view.phase == Phase.BARGAIN:
            self.app.push(NegotiationScene(self.app, self))
        elif view.phase in (Phase.REIMPOSE, Phase.EROSION):
            self.app.push(DecisionScene(self.app, self))

    def dismiss_tip(self) -> None:
        if self.tip_id and self.tip_id not in self.app.settings.tips_seen:
            self.app.settings.tips_seen.append(self.tip_id)
            self.app.save_settings()
        self.tip_id = None
        self.relayout()

    def autosave_on_leave(self) -> None:
        if not self.session.state.is_over:
            saves.autosave(self.session.state, **self.session.kept())

    # ---- events ----
    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN:
            k = ev.key
            if k == pygame.K_ESCAPE:
                self.open_menu()
                return
            if k == pygame.K_p:
                self.toggle_pause()
                return
            if k == pygame.K_t:
                if ev.mod & pygame.KMOD_SHIFT:
                    self.app.settings.tips_enabled = False
                    self.app.save_settings()
                self.dismiss_tip()
                return
            if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.scroll_log(6 if k == pygame.K_PAGEUP else -6)
                return
            if k in (pygame.K_HOME, pygame.K_END):  # the log's first line / back to the newest
                self.scroll_log(10**6 if k == pygame.K_HOME else -10**6)
                return
            if pygame.K_1 <= k <= pygame.K_9:
                idx = k - pygame.K_1
                buttons = [w for w in self.ui.widgets if isinstance(w, Button) and w.hotkey == str(idx + 1)]
                if buttons:
                    buttons[0].activate()
                return
            if self.skip_key(ev, self.ui.focused):
                return
        if ev.type == pygame.MOUSEWHEEL:
            if self.ui.hover and self.ctx.r(*render.log_box(self.ctx, self.current_view())).collidepoint(self.ui.hover):
                self.scroll_log(ev.y * 2)
            return
        self.ui.handle(ev)

    def scroll_log(self, lines: int) -> None:
        """Scroll the log back (``lines`` > 0) or forward, no further than its first line (play-
        test: Page Up ran on past the top, and coming back took as many Page Downs again)."""
        view = self.current_view()
        top = render.log_max_scroll(self.ctx, view, [(x.seq, x.role, x.text) for x in self.session.reasons])
        self.log_scroll = min(top, max(0, self.log_scroll + lines))

    # ---- the director ----
    def update(self, dt: float) -> None:
        self.run_game(dt)
        self.update_tip()
        rnd = self.current_view().round
        if rnd != self._log_round:  # a new round: the log shows its newest lines again (play-test:
            self._log_round, self.log_scroll = rnd, 0  # scrolled back, it kept showing round 2 in round 5)
        self.animate(dt)
        if self.error_time > 0:
            self.error_time -= dt
            if self.error_time <= 0:
                self.error = ""

    def hold(self, before: GameState | None) -> None:
        """Draw the table as it stood ``before`` the card now shown (the first card's moment,
        when several come at once) until every card is closed: behind the ballots the next
        round, the event's effect on the tracks and its line in the log would give them away."""
        if self.held is None and before is not None:
            self._draw_from(before)

    def _draw_from(self, held: GameState | None) -> None:
        """Draw the table from ``held`` (None: the game as it stands), its buttons with it."""
        self.held = held
        self._view_cache = ()
        self.relayout()

    def hold_pending(self) -> None:
        """A move just made opened the ballots or drew an event: hold the table at once, so the
        frame drawn before the card comes up does not show what it is about to tell."""
        card = next((c for c in self.session.changes if c.kind in ("votes", "event")), None)
        if card is not None:
            self.hold(card.before)

    def run_game(self, dt: float) -> None:
        from game.ui.scenes.dialogs import EventScene
        from game.ui.scenes.end import EndScene

        s = self.session
        if (s.version, self.paused) != self.built_for:
            self._view_cache = ()
            self.relayout()
        if self.paused:
            return
        from game.ui.scenes.dialogs import NegotiationScene, VotesScene, _TableShow, answer_message

        shows: list[Scene] = []  # in the order things happened; the first must end up on top
        for ch in s.take_changes():
            if ch.kind == "answer" and len(ch.data) == 5:
                # an AI accepted or walked away from a human's offer: at a hot-seat table at once,
                # before any curtain, to that human who offered a moment ago and still has the
                # screen (on the public view: the sentence is in everyone's log too). At a
                # one-human table the negotiation dialog tells it when it is open (the human
                # countered); when it is not (the AI answered the motion the human tabled), this
                # does, or the news would sit in the log behind the ballot
                ai, mid, human, verb, reason = ch.data
                if s.multi_human:
                    if (s.viewer is None or s.viewer.value == human) and s.tell_answer(ai, mid):
                        shows.append(answer_message(self.app, s.state.name_of(Role(ai)), verb, mid, reason,
                                                    to=s.state.name_of(Role(human))))
                elif not any(isinstance(x, NegotiationScene) and x.watching == (Role(ai), int(mid))
                             for x in self.app.stack) and s.tell_answer(ai, mid):
                    shows.append(answer_message(self.app, s.state.name_of(Role(ai)), verb, mid, reason))
            elif ch.kind == "event":
                self.hold(ch.before)
                self.app.sounds.play("event")
                shows.append(EventScene(self.app, self, ch.data[0]))
            elif ch.kind == "votes":
                self.hold(ch.before)
                self.app.sounds.play("vote")
                # the moment the ballots open, for the people at the table (watching AIs only: it
                # moves on by itself); also when that vote ended the game: the end screen waits
                # until it (and the event card after it) is closed
                shows.append(VotesScene(self.app, self))
            elif ch.kind == "over":
                self.end_timer = 1.2
        for scene in reversed(shows):
            self.app.push(scene)
        if self.held is not None and not any(isinstance(x, _TableShow) for x in self.app.stack):
            self._draw_from(None)  # the ballots and the event card are closed: now the table moves on
        if s.state.is_over:
            if self.end_timer > 0:
                self.end_timer -= dt
            if self.end_timer <= 0 and self.app.top is self:
                self.end_timer = 1e9
                self.app.push(EndScene(self.app, s))
            return
        top = self.app.top
        if top is not self and not top.game_runs:  # type: ignore[union-attr]
            return
        if s.curtain_needed() is not None:
            if not top.for_the_room:  # type: ignore[union-attr]  # (the projector: the curtain waits until it closes)
                self.show_curtain()
            return
        if s.ai_to_move() is not None:
            s.look_away()
            self.ai_wait += dt
            if self.skip or self.ai_wait >= self.app.settings.ai_delay:
                self.ai_wait = 0.0
                self.skip = False
                s.ai_act()
                self.ai_acted_at = self.app.elapsed
                self.hold_pending()
            return
        self.ai_wait = 0.0
        self.skip = False
        seat = s.human_turn()
        if s.tick_timer(dt) and seat is not None:
            # named: at a hot-seat table the next player may have the screen while it shows
            # (play-test: "the cautious choice was made for you" on the screen of one who had
            # done nothing)
            self.flash(t("ui.timer.expired", name=s.state.name_of(seat)))
            self.hold_pending()
            return
        # the viewer's turn: open the dialog its phase needs
        from game.ui.scenes.dialogs import NegotiationScene

        ph = s.state.phase
        if isinstance(top, NegotiationScene) and top.table is self and ph == Phase.BARGAIN and s.legal():
            # the negotiation stays open while the AI answers: its counter-offer is a new decision
            # already in its dialog, so Esc closes that dialog at the first press (it was opened
            # again at once, and only a second Esc stuck)
            self._auto_opened = (s.version, ph)
        elif top is self and s.legal():
            if ph in (Phase.VOTE, Phase.COMPLIANCE, Phase.BARGAIN, Phase.REIMPOSE, Phase.EROSION):
                if self._auto_opened != (s.version, ph):
                    self._auto_opened = (s.version, ph)  # once per decision: Esc leaves the table usable
                    self.open_phase_dialog()

    def update_tip(self) -> None:
        st = self.app.settings
        view = self.current_view()
        tip = current_tip(view, st.tips_seen, st.tips_enabled)
        if tip is not None and tip == self.tip_id and tip_any_phase(tip):
            # a tip for no one phase moves on by itself once it has been up a while and the game
            # has moved to another phase (play-test: the welcome tip stayed up all of round 1
            # and into round 2; the next came only after T)
            shown_at, since = self._tip_since
            if (view.round, view.phase) != shown_at and self.clock - since >= TIP_MIN_SECONDS:
                st.tips_seen.append(tip)
                self.app.save_settings()
                tip = current_tip(view, st.tips_seen, st.tips_enabled)
        if tip != self.tip_id:
            self._tip_since = ((view.round, view.phase), self.clock)
            if self.tip_id and self.tip_id not in st.tips_seen:
                st.tips_seen.append(self.tip_id)  # shown once, then retired: tips never nag
                self.app.save_settings()
                tip = current_tip(self.current_view(), st.tips_seen, st.tips_enabled)
            self.tip_id = tip
            self.relayout()

    def animating(self) -> bool:
        """Tokens sliding, a track glowing after a move, or an AI about to move (its move is
        drawn at once): full frame rate."""
        return self.tok_t < 1.0 or bool(self.track_flash) or self.ai_acting()

    # ---- tokens ----
    def animate(self, dt: float) -> None:
        view = self.current_view()
        self.clock += dt
        # a track that just moved glows for a moment, so a change is seen as it happens
        tracks = {k: getattr(view.tracks, k) for k in render.TRACKS}
        if self._last_tracks is not None:
            for k, v in tracks.items():
                if v != self._last_tracks[k]:
                    self.track_flash[k] = (1.6, 1 if v > self._last_tracks[k] else -1)
        self._last_tracks = tracks
        for k in list(self.track_flash):
            left, sign = self.track_flash[k]
            if left - dt <= 0:
                del self.track_flash[k]
            else:
                self.track_flash[k] = (left - dt, sign)
        zones = render.token_zones(view)
        ctx = self.ctx
        if self._tok_version != ctx.version or len(self.tok_pos) != len(zones):
            self.tok_zones = zones
            self.tok_pos = render.token_targets(ctx, zones)
            self.tok_to = list(self.tok_pos)
            self.tok_from = list(self.tok_pos)
            self.tok_t = 1.0
            self._tok_version = ctx.version
        elif zones != self.tok_zones:
            self.tok_from = list(self.tok_pos)
            self.tok_to = render.token_targets(ctx, zones)
            self.tok_zones = zones
            self.tok_t = 0.0
            self.app.sounds.play("token")
        if self.tok_t < 1.0:
            self.tok_t = min(1.0, self.tok_t + dt / 0.7)
            e = 1 - (1 - self.tok_t) ** 3  # ease-out
            # each token travels on a small arc so moves read as "lifted and placed"
            self.tok_pos = []
            for (x0, y0), (x1, y1) in zip(self.tok_from, self.tok_to, strict=False):
                lift = -abs(x1 - x0) * 0.12 * (1 - (2 * e - 1) ** 2)
                self.tok_pos.append((x0 + (x1 - x0) * e, y0 + (y1 - y0) * e + lift))

    # ---- drawing ----
    def status_text(self) -> str:
        s = self.session
        if s.timer_limit > 0 and s.human_turn() is not None and s.viewer == s.state.to_move:
            left = max(0, int(s.timer_limit - s.turn_clock))
            return t("ui.timer.left", s=left)
        return ""

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        view = self.current_view()
        public = is_public(view)
        prompt, detail = self.prompt(view)
        status = self.status_text()
        # "1-9 choose ..." only while the table itself takes the keys: under a dialog (negotiation,
        # the builder, a message, the menu) those keys are the dialog's or do nothing
        keys = self.app.top is self
        key = (self.session.version, ctx.version, self.log_scroll, prompt, detail, status, len(self.session.reasons),
               keys, id(self.held))
        if self.layer is None or self.layer.get_size() != surf.get_size() or key != self.layer_key:
            if self.layer is None or self.layer.get_size() != surf.get_size():
                self.layer = pygame.Surface(surf.get_size()).convert() if pygame.display.get_surface() else \
                    pygame.Surface(surf.get_size())
            ai_tags = {r: t(f"ui.personality.{p}") for r, p in self.personalities().items()}
            render.draw_table_view(
                self.layer, ctx, view, public, humans=self.session.humans, ai_tags=ai_tags,
                reasons=[(x.seq, x.role, x.text) for x in self.session.reasons], log_scroll=self.log_scroll,
                status=status, prompt=prompt, detail=detail, keys=keys)
            self.layer_key = key
        surf.blit(self.layer, (0, 0))
        if self.session.curtain_needed() is not None:
            render.note_view("handover", view)  # "X is next - pass the screen" is on screen now
        if self._tok_version != ctx.version:
            # resized (perhaps under an overlay, before any update): tokens snap to the new vault
            self.tok_zones = render.token_zones(view)
            self.tok_pos = render.token_targets(ctx, self.tok_zones)
            self.tok_from, self.tok_to, self.tok_t = list(self.tok_pos), list(self.tok_pos), 1.0
            self._tok_version = ctx.version
        render.draw_tokens(surf, ctx, self.tok_pos, self.tok_zones)
        render.draw_track_flash(surf, ctx, self.track_flash)
        if view.to_move is not None and not view.is_over:
            render.draw_turn_pulse(surf, ctx, view, self.clock)
        if self.tip_id:
            self.draw_tip(surf, self.tip_id)
        self.ui.draw(surf, ctx)
        if self.error:
            r = ctx.r(ACTION_BOX[0] + 10, ACTION_BOX[1] - 40, ACTION_BOX[2] - 20, 34)
            ctx.panel(surf, r, "panel_hi", "bad", radius=6)
            ctx.blit_text(surf, self.error, 13.5, r.center, "bad", "bold", anchor="center", max_w=r.width - 16)
        if self.paused:
            self.draw_paused(surf)

    def draw_paused(self, surf: pygame.Surface) -> None:
        """A clean overlay: the round table dimmed under a framed PAUSED banner (no text on text)."""
        ctx = self.ctx
        area = ctx.r(*render.TABLE_BOX)
        shade = pygame.Surface(area.size, pygame.SRCALPHA)
        shade.fill((8, 10, 14, 170))
        surf.blit(shade, area)
        banner = pygame.Rect(0, 0, ctx.d(300), ctx.d(86))
        banner.center = area.center
        ctx.panel(surf, banner, "panel", "warn", radius=10)
        ctx.blit_text(surf, t("ui.paused"), 30, (banner.centerx, banner.top + ctx.d(8)), "warn", "bold",
                      anchor="midtop", max_w=banner.width - ctx.d(16))
        ctx.blit_text(surf, t("ui.prompt.paused_detail"), 13.5, (banner.centerx, banner.bottom - ctx.d(10)), "dim",
                      anchor="midbottom", max_w=banner.width - ctx.d(16))

    def tip_text(self, tip_id: str) -> str:
        rules = self.session.state.scenario.rules
        return t(f"ui.tips.{tip_id}", eloss=rules.e_loss, round=rules.erosion_from_round,
                 cap=rules.max_tranches_per_round)

    def draw_tip(self, surf: pygame.Surface, tip_id: str, where: pygame.Rect | None = None,
                 header_key: str = "ui.tips.header") -> None:
        """The tip in its box: the round table's corner, or ``where`` (beside a dialog)."""
        ctx = self.ctx
        r = where or ctx.r(*render.tip_box(self.session.state.roles))
        ctx.panel(surf, r, "panel_hi", "info", radius=8)
        header, room = t(header_key), r.width - ctx.d(40 if where is None else 14)  # clear of the close button
        hsize = ctx.fit(header, 11.5, room, ctx.font(11.5, "bold").get_linesize(), "bold", min_scale=0.7)[0]
        head = ctx.blit_text(surf, header, hsize, (r.left + ctx.d(8), r.top + ctx.d(5)), "info", "bold", max_w=room)
        body = pygame.Rect(r.left + ctx.d(8), head.bottom + ctx.d(1), r.width - ctx.d(14),
                           r.bottom - ctx.d(4) - head.bottom - ctx.d(1))
        # the whole tip, smaller at a large text size: the box stays clear of the seats around it
        ctx.blit_fit(surf, self.tip_text(tip_id), 12, body, min_scale=0.6)

    def tip_beside(self, box: tuple[float, float, float, float]) -> pygame.Rect | None:
        """Where this round's tip goes while a dialog (``box``, design units) covers the table:
        the first free strip below, above, left or right of it that holds the whole tip; None
        when there is no tip, or no room (play-test: the bargaining and vote tips sat under the
        very dialog they explain, unreadable until the phase was over)."""
        if not self.tip_id or self.paused or not tip_applies_now(self.tip_id, self.current_view()):
            return None
        key = (self.tip_id, box, self.ctx.version)
        if self._beside[0] != key:  # worked out once per tip, dialog and window, not every frame
            self._beside = (key, self._place_tip(self.tip_id, box))
        return self._beside[1]

    def _place_tip(self, tip_id: str, box: tuple[float, float, float, float]) -> pygame.Rect | None:
        ctx = self.ctx
        bx, by, bw, bh = box
        gap, top = 8.0, float(render.TOP[3])
        text, head = self.tip_text(tip_id), ctx.font(11.5, "bold").get_linesize() / ctx.s
        strips = ((bx, by + bh + gap, bw, 720 - gap - (by + bh + gap)),  # below, above, left, right
                  (bx, top + gap, bw, by - gap - (top + gap)),
                  (gap, max(by, top + gap), bx - 2 * gap, 720 - gap - max(by, top + gap)),
                  (bx + bw + gap, max(by, top + gap), 1280 - gap - (bx + bw + gap), 720 - gap - max(by, top + gap)))
        for x, y, w, h in strips:
            w = min(w, 460.0)
            if w < 90 or h < 36:
                continue
            lines = ctx.wrap(text, 12, ctx.d(w - 14))
            need = 5 + head + 1 + len(lines) * ctx.font(12).get_linesize() / ctx.s + 6
            if need <= h:
                return ctx.r(x, y, w, need)
        return None


PROPOSAL_OPTIONS = ("propose", "play", "probe", "gift", "pass")  # the order the headline names them


def proposals_headline(verbs: set[str]) -> str:
    """"Your move: ..." naming only what this seat may do now (a Custodian has no cards)."""
    parts = [t(f"ui.prompt.proposals.option.{v}") for v in PROPOSAL_OPTIONS if v in verbs]
    if not parts:
        return t("ui.prompt.proposals")
    if len(parts) == 1:
        text = parts[0]
    else:
        key = "ui.prompt.proposals.or" if len(parts) == 2 else "ui.prompt.proposals.or_list"
        text = t(key, first=", ".join(parts[:-1]), last=parts[-1])
    return t("ui.prompt.proposals.options", options=text)
