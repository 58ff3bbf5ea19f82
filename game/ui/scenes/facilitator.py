"""Facilitator tools at the table: a PIN-protected view of everything hidden, event injection,
phase-timer control, and a large-type projector layout of the shared tracks and the vault.

Keys anywhere during a game (``open_tool``, called from the App's global keys): F9 opens the
PIN prompt, then the facilitator view; F10 shows the projector layout (public information
only, so it can stay on the room's screen). The PIN is set or changed only outside a game
(Settings on the title screen: ``PinSetupScene``); with no PIN set, F9 says where to set one. The game is paused
while the facilitator view is open. Logic (PIN, hidden facts) lives in
``game.persistence.facilitator``; the event injection is the core's ``inject_event``, written
into the action log so saves and replays stay faithful.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.core import GameError, IllegalActionError
from game.core.engine import default_action, epilogue_odds, inject_event, note_skip
from game.persistence.facilitator import change_pin, closed_reason, has_pin, hidden_facts, unlock
from game.persistence.replay import public_view
from game.text import t
from game.ui.scene import Overlay, Scene
from game.ui.widgets import Button, TextField

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.table import TableScene
    from game.ui.session import GameSession
    from game.ui.theme import Ctx

EXTEND_SECONDS = 30
PIN_TRIES = 3  # wrong PINs in a row before the prompt waits
PIN_WAIT_SECONDS = 30.0  # how long it waits then (a 4-digit PIN cannot be tried through by hand)


def draw_facts(surf: pygame.Surface, ctx: Ctx, facts: list[tuple[str, list[str]]], area: pygame.Rect,
               head_size: float, line_size: float) -> None:
    """``hidden_facts`` in two columns inside ``area``: each heading, then its lines wrapped (the
    facilitator view, and a finished game's replay)."""
    half = (len(facts) + 1) // 2
    col_w = area.width // 2
    for c, group in enumerate((facts[:half], facts[half:])):
        x, y = area.left + c * col_w, area.top
        for head, lines in group:
            ctx.blit_text(surf, head, head_size, (x, y), "accent", "bold")
            y += ctx.d(head_size * 1.6)
            for line in lines:
                used = ctx.blit_wrapped(surf, line, line_size, pygame.Rect(x + ctx.d(12), y, col_w - ctx.d(30), ctx.d(60)))
                y += max(ctx.d(line_size * 1.55), used) + ctx.d(2)
            y += ctx.d(12)


def open_tool(app: App, tool: str) -> bool:
    """Open the facilitator PIN prompt or the projector over a running game; False if no game.

    A second press of the same key while the tool is on top closes it again.
    """
    from game.ui.scenes.table import TableScene

    table = app.find(TableScene)
    if not isinstance(table, TableScene):
        return False
    kinds = {"facilitator": (PinScene, FacilitatorScene, InjectScene), "projector": (ProjectorScene,)}[tool]
    if isinstance(app.top, kinds):
        app.pop(app.top)
        return True
    # the facilitator (or the room) takes the screen: no seat's private view stays under the
    # tool, and closing it leads to the curtain, never straight back to that seat's view
    table.leave_seat()
    app.push(PinScene(app, table) if tool == "facilitator" else ProjectorScene(app, table))
    return True


class PinField(TextField):
    """A digits-only field that shows bullets (pygame_gui's hidden text, never copied to the
    clipboard), so the room cannot read the PIN off the screen."""

    masked = True


class PinScene(Overlay):
    """Enter the facilitator PIN. It is never set here, during a game: with no PIN set, or for a
    game begun under no PIN or another one (``closed_reason``), one sentence says why the view
    stays closed and only Back is offered. After PIN_TRIES wrong PINs in a row the prompt waits
    PIN_WAIT_SECONDS (counted on the app, so closing and reopening it does not reset the wait)."""

    box = (390, 200, 500, 300)

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app)
        self.table = table
        self.pin = ""
        self.error = ""
        self.closed = closed_reason(table.session.seal)

    @property
    def no_pin(self) -> bool:
        return self.closed is not None

    def wait_left(self) -> float:
        """Seconds before another PIN may be tried (0: now)."""
        return max(0.0, self.app.pin_wait_until - self.app.elapsed)

    def layout(self) -> None:
        ctx = self.ctx
        if self.no_pin:
            self.ui.add(Button(ctx.r(540, 420, 200, 44), t("ui.btn.back"), self.back, t("ui.tip.back"),
                               style="primary", hotkey="Esc"))
            self.ui.focus = 0
            return
        self.ui.add(PinField(ctx.r(490, 310, 300, 46), self.pin, self.set_pin, t("ui.facil.tip.pin"), max_len=8,
                             digits_only=True, size=20))
        self.ui.add(Button(ctx.r(430, 420, 200, 44), t("ui.facil.unlock"), self.submit, t("ui.facil.tip.unlock"),
                           style="primary", hotkey="Enter"))
        self.ui.add(Button(ctx.r(650, 420, 200, 44), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        self.ui.focus = 0
        self.ui.keyboard_mode = True

    def set_pin(self, text: str) -> None:
        self.pin = text
        self.error = ""

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.no_pin:
                self.back()
            else:
                self.submit()
            return
        super().handle_event(ev)

    def submit(self) -> None:
        if self.wait_left() > 0:
            self.error = t("ui.facil.pin_wait", s=int(self.wait_left()) + 1)
            self.pin = ""
            self.relayout()
            return
        try:
            unlock(self.pin, game_seal=self.table.session.seal)
        except GameError as e:
            self.error = str(e)
            self.pin = ""
            self.closed = closed_reason(self.table.session.seal)
            if self.closed is None:  # a wrong PIN (not a closed view): count it
                self.app.pin_failures += 1
                if self.app.pin_failures >= PIN_TRIES:
                    self.app.pin_failures = 0
                    self.app.pin_wait_until = self.app.elapsed + PIN_WAIT_SECONDS
                    self.error = t("ui.facil.pin_wait", s=int(PIN_WAIT_SECONDS))
            self.relayout()
            return
        self.app.pin_failures = 0
        self.app.pop(self)
        self.app.push(FacilitatorScene(self.app, self.table))

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ctx.blit_text(surf, t("ui.facil.pin_title"), 22, (r.centerx, r.top + ctx.d(18)), "accent", "bold",
                      anchor="midtop")
        if self.closed:  # one sentence: why the view stays closed (never a PIN set here, during a game)
            ctx.blit_wrapped(surf, self.closed, 15, pygame.Rect(r.left + ctx.d(30), r.top + ctx.d(80),
                             r.width - ctx.d(60), ctx.d(120)), "text", center=True)
            return
        ctx.blit_wrapped(surf, t("ui.facil.pin_prompt"), 14, pygame.Rect(r.left + ctx.d(30), r.top + ctx.d(58),
                         r.width - ctx.d(60), ctx.d(48)), "dim", center=True)
        if self.error:
            ctx.blit_text(surf, self.error, 14, (r.centerx, r.top + ctx.d(170)), "bad", anchor="midtop",
                          max_w=r.width - ctx.d(40))


class PinSetupScene(Overlay):
    """Set the facilitator PIN, or change it with the current one (Settings, outside a game).

    Masked fields: the current PIN (only when one is set), the new PIN and the new PIN again.
    Enter moves to the next empty field, then saves; Esc cancels.
    """

    box = (340, 130, 600, 470)

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.changing = has_pin()
        self.values = {"old": "", "new": "", "again": ""}
        self.error = ""

    def rows(self) -> list[str]:
        return (["old"] if self.changing else []) + ["new", "again"]

    def layout(self) -> None:
        ctx = self.ctx
        for i, k in enumerate(self.rows()):
            self.ui.add(PinField(ctx.r(640, 246 + i * 62, 240, 44), self.values[k],
                                 partial(self.set_value, k), t(f"ui.facil.setup.tip.{k}"), max_len=8,
                                 digits_only=True, size=20))
        self.ui.add(Button(ctx.r(430, 530, 200, 44), t("ui.facil.setup.save"), self.submit,
                           t("ui.facil.setup.tip.save"), style="primary", hotkey="Enter"))
        self.ui.add(Button(ctx.r(650, 530, 200, 44), t("ui.btn.cancel"), self.back, t("ui.tip.cancel"), hotkey="Esc"))
        self.ui.focus = 0
        self.ui.keyboard_mode = True

    def set_value(self, k: str, v: str) -> None:
        self.values[k] = v
        self.error = ""

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            rows = self.rows()
            f = self.ui.focus
            empty = [i for i, k in enumerate(rows) if not self.values[k] and i > f]
            if 0 <= f < len(rows) and empty:
                self.ui.focus = empty[0]  # on to the next field before saving
                return
            self.submit()
            return
        super().handle_event(ev)

    def submit(self) -> None:
        v = self.values
        try:
            if v["new"] != v["again"]:
                raise GameError(t("ui.facil.setup.differ"))
            change_pin(v["new"], v["old"])
        except GameError as e:
            self.error = str(e)
            for k in self.rows():
                self.values[k] = ""
            self.ui.focus = 0  # start again at the first field
            self.relayout()
            return
        from game.ui.scenes.overlays import MessageScene

        self.app.pop(self)
        self.app.push(MessageScene(self.app, t("ui.facil.setup.title"),
                                   t("ui.facil.setup.changed" if self.changing else "ui.facil.setup.set")))

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ctx.blit_text(surf, t("ui.facil.setup.title"), 22, (r.centerx, r.top + ctx.d(18)), "accent", "bold",
                      anchor="midtop")
        # whole, smaller if it must be, above the first field (play-test: cut to "... before the ..."
        # at a large text size, with half the box empty)
        ctx.blit_fit(surf, t("ui.facil.setup.sub_change" if self.changing else "ui.facil.setup.sub_set"), 14,
                     pygame.Rect(r.left + ctx.d(30), r.top + ctx.d(56), r.width - ctx.d(60), ctx.p(0, 240)[1] - r.top - ctx.d(56)),
                     "dim", center=True)
        for i, k in enumerate(self.rows()):
            ctx.blit_text(surf, t(f"ui.facil.setup.{k}"), 15, ctx.p(620, 268 + i * 62), "text", anchor="midright",
                          max_w=ctx.d(250))
        if self.error:
            ctx.blit_wrapped(surf, self.error, 14, ctx.r(370, 440, 540, 76), "bad", center=True)


class FacilitatorScene(Scene):
    """Everything hidden, plus the facilitator's controls. Opaque: nothing else is drawn."""

    name = "facilitator"

    def __init__(self, app: App, table: TableScene, notice: str = "") -> None:
        super().__init__(app)
        self.table = table
        self.notice = notice

    @property
    def session(self) -> GameSession:
        return self.table.session

    def layout(self) -> None:
        ctx = self.ctx
        s = self.session
        timer = s.timer_limit > 0
        human = s.human_turn() is not None
        over = s.state.is_over
        items = [
            (t("ui.facil.inject"), self.open_inject, t("ui.facil.tip.inject"), not over),
            (t("ui.facil.extend", s=EXTEND_SECONDS), self.extend, t("ui.facil.tip.extend") if timer else
             t("ui.facil.no_timer"), timer and human and not over),
            (t("ui.facil.skip"), self.skip, t("ui.facil.tip.skip"), human and not over),
            (t("ui.facil.projector"), self.projector, t("ui.facil.tip.projector"), True),
            (t("ui.btn.back"), self.back, t("ui.tip.back"), True),
        ]
        for i, (label, cb, tip, en) in enumerate(items):
            self.ui.add(Button(ctx.r(40 + i * 244, 650, 230, 46), label, cb, tip, enabled=en,
                               style="primary" if i == len(items) - 1 else "normal", size=15, hotkey=str(i + 1)))
        self.ui.focus = len(items) - 1

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and pygame.K_1 <= ev.key <= pygame.K_5:
            w = self.ui.widgets[ev.key - pygame.K_1]
            if w.enabled:
                w.activate()
            return
        super().handle_event(ev)

    def on_top(self) -> None:
        self.relayout()

    # ---- controls ----
    def open_inject(self) -> None:
        self.app.push(InjectScene(self.app, self))

    def inject(self, event_id: str) -> None:
        try:
            self.session.state = inject_event(self.session.state, event_id)
        except IllegalActionError as e:
            self.notice = str(e)
            return
        self.notice = t("ui.facil.injected", event=self.session.state.scenario.event(event_id).name)
        self.relayout()

    def extend(self) -> None:
        """Give the seat deciding now EXTEND_SECONDS more, even past the timer's length (the
        clock may run below zero; play-test: +30 s turned 43 s left into 60)."""
        s = self.session
        s.turn_clock -= EXTEND_SECONDS
        self.notice = t("ui.facil.extended", s=max(0, int(s.timer_limit - s.turn_clock)))

    def skip(self) -> None:
        s = self.session
        seat = s.human_turn()
        if seat is None:
            return
        s.state = note_skip(s.state)  # the table's log says the facilitator did it
        err = s.act(default_action(s.state))
        self.notice = err or t("ui.facil.skipped", seat=s.state.name_of(seat))
        self.relayout()

    def projector(self) -> None:
        """The room's screen instead of this one: the facilitator view (and the PIN prompt under
        it) closes first, so leaving the projector leads back to the table, never to the secrets
        (play-test: Esc on the projector, as its footer said, showed every agenda to the room)."""
        while self.app.top is not self.table and self.table in self.app.stack:
            self.app.pop()
        self.table.leave_seat()
        self.app.push(ProjectorScene(self.app, self.table))

    # ---- drawing ----
    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        s = self.session
        st = s.state
        surf.fill(ctx.pal["bg"])
        ctx.blit_text(surf, t("ui.facil.title"), 26, ctx.p(40, 18), "warn", "bold")
        who = st.name_of(st.to_move) if st.to_move else "-"
        ctx.blit_text(surf, t("ui.facil.status", round=st.round, phase=st.phase.value, seat=who, seed=st.seed), 15,
                      ctx.p(40, 58), "dim")
        if s.timer_limit > 0:
            ctx.blit_text(surf, t("ui.facil.timer", left=max(0, int(s.timer_limit - s.turn_clock)),
                                  limit=int(s.timer_limit)), 15, ctx.p(1240, 58), "dim", anchor="topright")
        draw_facts(surf, ctx, hidden_facts(st), ctx.r(40, 100, 1200, 500), 17, 14)
        if self.notice:
            ctx.blit_text(surf, self.notice, 15, ctx.p(640, 622), "good", "bold", anchor="midbottom",
                          max_w=ctx.d(1200))
        self.ui.draw(surf, ctx)


class InjectScene(Overlay):
    """Pick the event card to put on top of the deck (it is drawn at the end of this round).

    Two columns of ROWS cards under the title and its one-line subtitle: the default deck
    (14 cards) shows whole at once. A larger deck (a scenario may hold up to 30) pages with
    Page Up/Down, and a line above Back says which cards are shown and that the keys show the
    rest. Keys 1-9 pick the first nine cards shown; arrows, Tab and Enter (or a click) reach all.
    """

    box = (240, 80, 800, 560)
    ROWS = 7
    per_page = 2 * ROWS
    top, row_step, row_h = 172, 50, 42  # design units: the first row starts below the subtitle

    def __init__(self, app: App, facil: FacilitatorScene) -> None:
        super().__init__(app)
        self.facil = facil
        self.events = list(facil.session.state.scenario.events)
        self.offset = 0

    def layout(self) -> None:
        ctx = self.ctx
        col_w = (self.box[2] - 60 - 20) / 2
        for i, ev in enumerate(self.events[self.offset:self.offset + self.per_page]):
            col, row = divmod(i, self.ROWS)
            self.ui.add(Button(ctx.r(self.box[0] + 30 + col * (col_w + 20), self.top + row * self.row_step, col_w,
                                     self.row_h),
                               ev.name, partial(self.choose, ev.id), ev.text or ev.name, size=14.5,
                               hotkey=str(i + 1) if i < 9 else ""))
        self.ui.add(Button(ctx.r(540, 584, 200, 42), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        self.ui.focus = 0

    def paged(self) -> bool:
        return len(self.events) > self.per_page

    def choose(self, event_id: str) -> None:
        self.app.pop(self)
        self.facil.inject(event_id)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN:
            if ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                d = self.per_page if ev.key == pygame.K_PAGEDOWN else -self.per_page
                last = (max(0, len(self.events) - 1) // self.per_page) * self.per_page  # whole pages
                self.offset = max(0, min(self.offset + d, last))
                self.relayout()
                return
            if pygame.K_1 <= ev.key <= pygame.K_9:
                k = self.offset + ev.key - pygame.K_1
                if k < min(len(self.events), self.offset + self.per_page):
                    self.choose(self.events[k].id)
                return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ctx.blit_text(surf, t("ui.facil.inject_title"), 22, (r.centerx, r.top + ctx.d(16)), "accent", "bold",
                      anchor="midtop")
        detail = t("ui.facil.inject_detail")
        # one line between the title and the first row, smaller at a large text size, never cut
        room = r.width - ctx.d(40)
        size = ctx.fit(detail, 13.5, room, ctx.font(13.5).get_linesize(), min_scale=0.6)[0]
        ctx.blit_text(surf, detail, size, (r.centerx, r.top + ctx.d(54)), "dim", anchor="midtop", max_w=room)
        if self.paged():
            shown = min(len(self.events), self.offset + self.per_page)
            hint = t("ui.facil.inject_page", a=self.offset + 1, b=shown, n=len(self.events))
            hsize = ctx.fit(hint, 13, room, ctx.font(13).get_linesize(), min_scale=0.6)[0]
            ctx.blit_text(surf, hint, hsize, (r.centerx, ctx.p(0, self.top + (self.ROWS - 1) * self.row_step
                                                               + self.row_h + 12)[1]),
                          "warn", "bold", anchor="midtop", max_w=room)


ZONES = (("vault", "ui.projector.vault"), ("escrow", "ui.projector.escrow"), ("released", "ui.projector.released"),
         ("redirected", "ui.projector.redirected"), ("returned", "ui.projector.returned"))
TRACKS = ("P", "C", "L", "G", "E")


class ProjectorScene(Scene):
    """Large type for the room's screen: the five tracks, the vault's zones and the Epilogue odds.

    Public information only, so it may stay up while seats decide; the game keeps running.
    """

    name = "projector"
    game_runs = True
    for_the_room = True

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app)
        self.table = table

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_ESCAPE, pygame.K_F10):
            self.back()
            return
        super().handle_event(ev)

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        view = public_view(self.table.session.state)
        pal = ctx.pal
        sc = view.scenario
        surf.fill(pal["bg"])
        ctx.blit_text(surf, t("ui.projector.title", round=view.round, rounds=sc.rules.rounds,
                              phase=t(f"ui.phase.{view.phase.value}")), 30, ctx.p(40, 18), "accent", "bold")
        # tracks: one thick bar each, 0..10, with the value in big digits
        for k, tr in enumerate(TRACKS):
            y = 90 + k * 84
            v = getattr(view.tracks, tr)
            ctx.blit_text(surf, t(f"ui.track.{tr}"), 24, ctx.p(40, y), "text", "bold")
            bar = ctx.r(300, y + 4, 480, 40)
            pygame.draw.rect(surf, pal["panel"], bar, border_radius=ctx.d(8))
            fill = bar.copy()
            fill.width = int(bar.width * v / 10)
            if fill.width:
                pygame.draw.rect(surf, pal[tr], fill, border_radius=ctx.d(8))
            for n in range(1, 10):
                x = bar.left + bar.width * n // 10
                pygame.draw.line(surf, pal["bg"], (x, bar.top), (x, bar.bottom), max(1, ctx.d(2)))
            ctx.blit_text(surf, str(v), 40, ctx.p(810, y - 6), pal[tr], "bold")

        def label(text: str, size: float, x: float, y: float, width: float, color: str, style: str = "regular") -> None:
            """One line, smaller if it must be, within ``width`` (play-test: at 130% text the
            vault's heading ran off the screen and a zone's name into its number)."""
            fitted = ctx.fit(text, size, ctx.d(width), ctx.font(size, style).get_linesize(), style, min_scale=0.6)[0]
            ctx.blit_text(surf, text, fitted, ctx.p(x, y), color, style, max_w=ctx.d(width))

        # the vault: where the tokens are
        label(t("ui.projector.tokens", bn=sc.token_value_bn), 24, 900, 90, 1240 - 900, "text", "bold")
        for k, (z, key) in enumerate(ZONES):
            y = 140 + k * 62
            n = getattr(view, z)
            number = ctx.blit_text(surf, str(n), 40, ctx.p(1240, y - 10), pal[z], "bold", anchor="topright")
            label(t(key), 22, 900, y, (number.left - ctx.d(12) - ctx.p(900, 0)[0]) / ctx.s, "dim")  # short of it
        odds = epilogue_odds(sc, view.tracks.G, view.tracks.C)
        label(t("ui.projector.odds"), 22, 900, 462, 1240 - 900, "dim")
        ctx.blit_text(surf, f"{odds}%", 56, ctx.p(1240, 490), "bad" if odds >= 40 else "warn", "bold",
                      anchor="topright")
        label(t("ui.projector.fund", fund=view.fund), 22, 900, 590, 1240 - 900, "dim")
        ctx.blit_text(surf, t("ui.projector.back"), 14, ctx.p(640, 700), "faint", anchor="midbottom")
        self.ui.draw(surf, ctx)
