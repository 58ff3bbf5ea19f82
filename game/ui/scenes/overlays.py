"""Modal overlays: the in-game menu (Esc), the save dialog, help with every key (F1), plain
messages and yes/no questions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import pygame

from game.paths import safe_exists
from game.text import t
from game.ui import saves
from game.ui.scene import Overlay
from game.ui.widgets import Button, TextField

if TYPE_CHECKING:
    from game.core import GameState
    from game.ui.app import App
    from game.ui.theme import Ctx


class PopupPlan(NamedTuple):
    """Where a message or a question puts its title and its body (see ``popup_plan``)."""

    box: tuple[float, float, float, float]  # design units
    title_size: float
    title_lines: list[str]  # one or two
    body_top: float  # design units below the box's top
    body_size: float


POPUP_TOP, POPUP_BOTTOM = 8, 712  # how far (design units) a message may grow up and down
POPUP_BUTTONS = 78  # the body ends this far above the box's bottom: its buttons start 70 above it


def popup_plan(ctx: Ctx, box: tuple[float, float, float, float], title: str, body: str,
               cut_long: bool = False) -> PopupPlan:
    """The title (smaller, or over two lines, to stay in the box) and the whole body under it,
    wrapped: the box grows taller about its middle as far as the body needs, and only a body
    longer than the window is made smaller (play-test at 130% text: an AI's walk-away message
    ended "...it goes to th...", the box keeping its height whatever it held)."""
    x, y, w, h = box
    size, lines = ctx.fit(title, 22, ctx.d(w - 40), ctx.font(22, "bold").get_linesize(), "bold", min_scale=0.7)
    lines = lines[:2]
    below_title = 20 + len(lines) * ctx.font(size, "bold").get_linesize() / ctx.s + 14
    body_top = max(74.0, below_title)
    width = ctx.d(w - 60)
    most = POPUP_BOTTOM - POPUP_TOP
    bsize = 15.0
    while True:
        need = body_top + len(ctx.wrap(body, bsize, width, cut_long=cut_long)) * ctx.font(bsize).get_linesize() / ctx.s
        need += POPUP_BUTTONS + 2  # (and a pixel or two of rounding)
        if need <= most or bsize <= 10.5:
            break
        bsize -= 0.5
    if need > h:
        h = min(float(most), need)
        y = min(max(float(POPUP_TOP), y - (h - box[3]) / 2), POPUP_BOTTOM - h)
    return PopupPlan((x, y, w, h), size, lines, body_top, bsize)


class MessageScene(Overlay):
    box: tuple[float, float, float, float] = (340, 200, 600, 320)

    def __init__(self, app: App, title: str, body: str, box: tuple[int, int, int, int] | None = None) -> None:
        super().__init__(app)
        self.title = title
        self.body = body
        self.listing = box is not None  # a longer message (one line per file, say): larger, aligned left
        self.asked_box: tuple[float, float, float, float] = box or self.box

    def plan(self) -> PopupPlan:
        # a path (a save, an export folder) is cut over lines, never cut off: its end is the new name
        return popup_plan(self.ctx, self.asked_box, self.title, self.body, cut_long=True)

    def layout(self) -> None:
        x, y, w, h = self.box = self.plan().box
        self.ui.add(Button(self.ctx.r(x + w / 2 - 100, y + h - 70, 200, 46), t("ui.btn.ok"), self.back, t("ui.tip.ok"),
                           style="primary", hotkey="Enter"))
        self.ui.focus = 0

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        plan = self.plan()
        # a long title (two delegations' names) is made smaller to stay in the box, or else goes
        # over two lines, the body below it
        w = r.width - ctx.d(40)
        y = r.top + ctx.d(20)
        for line in plan.title_lines:
            ctx.blit_text(surf, line, plan.title_size, (r.centerx, y), "accent", "bold", anchor="midtop", max_w=w)
            y += ctx.font(plan.title_size, "bold").get_linesize()
        top = r.top + ctx.d(plan.body_top)
        area = pygame.Rect(r.left + ctx.d(30), top, r.width - ctx.d(60), r.bottom - ctx.d(POPUP_BUTTONS) - top)
        ctx.blit_wrapped(surf, self.body, plan.body_size, area, "text", center=not self.listing, cut_long=True)


class ConfirmScene(Overlay):
    """A question before something that cannot be taken back: Enter does it, Esc does not."""

    box: tuple[float, float, float, float] = (340, 200, 600, 320)

    def __init__(self, app: App, title: str, body: str, yes: str, on_yes: Callable[[], None],
                 danger: bool = False) -> None:
        super().__init__(app)
        self.title = title
        self.body = body
        self.yes = yes
        self.on_yes = on_yes
        self.danger = danger

    def plan(self) -> PopupPlan:
        return popup_plan(self.ctx, ConfirmScene.box, self.title, self.body)

    def layout(self) -> None:
        ctx = self.ctx
        x, y, w, h = self.box = self.plan().box
        self.ui.add(Button(ctx.r(x + 80, y + h - 70, 210, 46), self.yes, self.confirm, self.body,
                           style="danger" if self.danger else "primary", hotkey="Enter"))
        self.ui.add(Button(ctx.r(x + 310, y + h - 70, 210, 46), t("ui.btn.cancel"), self.back, t("ui.tip.cancel"),
                           hotkey="Esc"))
        self.ui.focus = 0

    def confirm(self) -> None:
        self.app.pop(self)
        self.on_yes()

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        plan = self.plan()
        y = r.top + ctx.d(20)
        for line in plan.title_lines:
            ctx.blit_text(surf, line, plan.title_size, (r.centerx, y), "accent", "bold", anchor="midtop",
                          max_w=r.width - ctx.d(40))
            y += ctx.font(plan.title_size, "bold").get_linesize()
        top = r.top + ctx.d(plan.body_top)
        area = pygame.Rect(r.left + ctx.d(30), top, r.width - ctx.d(60), r.bottom - ctx.d(POPUP_BUTTONS) - top)
        ctx.blit_wrapped(surf, self.body, plan.body_size, area, "text", center=True)


class SaveScene(Overlay):
    """Name a manual save: the field starts with the automatic name; Enter saves, Esc cancels.
    A name that is already taken asks before replacing that save (its previous version is kept
    as a .bak file); the file name is the name as the saves folder will write it."""

    box = (290, 180, 700, 360)

    def __init__(self, app: App, state: GameState, kept: Mapping[str, Any] | None = None) -> None:
        super().__init__(app)
        self.state = state
        self.kept = dict(kept or {})  # what the save keeps beside the game (GameSession.kept)
        self.name = saves.default_name(state)
        self.error = ""

    def layout(self) -> None:
        ctx = self.ctx
        self.ui.add(TextField(ctx.r(330, 292, 620, 44), self.name, self.set_name, t("ui.save.tip.name"),
                              max_len=60, size=17, select_on_focus=True))
        self.ui.add(Button(ctx.r(430, 462, 200, 46), t("ui.save.save"), self.save, t("ui.save.tip.save"),
                           style="primary", hotkey="Enter"))
        self.ui.add(Button(ctx.r(650, 462, 200, 46), t("ui.btn.cancel"), self.back, t("ui.tip.cancel"), hotkey="Esc"))
        self.ui.focus = 0
        self.ui.keyboard_mode = True

    def set_name(self, text: str) -> None:
        self.name = text
        self.error = ""

    def save(self) -> None:
        name = self.name.strip()
        if not name:
            self.error = t("ui.save.empty")
            return
        path = saves.file_for(name)
        if path is not None and safe_exists(path):
            self.app.push(ConfirmScene(self.app, t("ui.save.replace_title"),
                                       t("ui.save.replace_body", file=path.name), t("ui.save.replace"),
                                       lambda: self.write(name)))
            return
        self.write(name)

    def write(self, name: str) -> None:
        self.app.pop(self)
        try:
            p = saves.save(self.state, name, **self.kept)
            self.app.push(MessageScene(self.app, t("ui.saved.title"), t("ui.saved.body", path=str(p))))
        except Exception as e:  # noqa: BLE001 - any failure becomes one sentence on screen
            self.app.push(MessageScene(self.app, t("ui.saved.fail_title"), str(e) or e.__class__.__name__))

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ctx.blit_text(surf, t("ui.save.title"), 22, (r.centerx, r.top + ctx.d(20)), "accent", "bold", anchor="midtop")
        ctx.blit_text(surf, t("ui.save.prompt"), 14, ctx.p(330, 264), "dim")
        path = saves.file_for(self.name.strip()) if self.name.strip() else None
        if self.error:
            ctx.blit_text(surf, self.error, 13.5, ctx.p(330, 346), "bad", "bold", max_w=ctx.d(620))
        elif path is not None:
            taken = safe_exists(path)
            ctx.blit_text(surf, t("ui.save.exists" if taken else "ui.save.file", file=path.name), 13, ctx.p(330, 346),
                          "warn" if taken else "faint", max_w=ctx.d(620))


class MenuScene(Overlay):
    box = (440, 110, 400, 500)

    def layout(self) -> None:
        from game.ui.scenes.table import TableScene

        ctx = self.ctx
        table = self.app.find(TableScene)
        in_game = isinstance(table, TableScene)
        can_save = in_game and saves.available() and not table.session.state.is_over  # type: ignore[union-attr]
        items = [
            (t("ui.menu.resume"), self.back, t("ui.tip.resume"), True),
            (t("ui.menu.save"), self.save, t("ui.tip.save") if saves.available() else t("ui.tip.saves_missing"),
             can_save),
            (t("ui.menu.rules"), self.rules, t("ui.tip.rules"), True),
            (t("ui.menu.settings"), self.settings, t("ui.tip.settings"), True),
            (t("ui.menu.help"), self.help, t("ui.tip.help"), True),
            (t("ui.menu.title"), self.to_title, t("ui.tip.to_title"), True),
            (t("ui.menu.quit"), self.app.quit, t("ui.tip.quit"), True),
        ]
        for i, (label, cb, tip, en) in enumerate(items):
            self.ui.add(Button(ctx.r(480, 170 + i * 60, 320, 46), label, cb, tip, enabled=en,
                               style="primary" if i == 0 else "normal", hotkey=str(i + 1)))
        self.ui.focus = 0

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and pygame.K_1 <= ev.key <= pygame.K_7:
            w = self.ui.widgets[ev.key - pygame.K_1]
            w.activate()
            return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        self.ctx.blit_text(surf, t("ui.menu.title_text"), 22, (r.centerx, r.top + self.ctx.d(18)), "accent", "bold",
                           anchor="midtop")

    def save(self) -> None:
        from game.ui.scenes.table import TableScene

        table = self.app.find(TableScene)
        if not isinstance(table, TableScene):
            return
        self.app.pop(self)
        self.app.push(SaveScene(self.app, table.session.state, table.session.kept()))  # name it, then save

    def rules(self) -> None:
        from game.ui.scenes.rules import RulesScene
        from game.ui.scenes.table import TableScene

        table = self.app.find(TableScene)
        self.app.pop(self)
        # the numbers of the game being played
        self.app.push(RulesScene(self.app, table.session.state.scenario if isinstance(table, TableScene) else None))

    def settings(self) -> None:
        from game.ui.scenes.settings_scene import SettingsScene

        self.app.pop(self)
        self.app.push(SettingsScene(self.app))

    def help(self) -> None:
        self.app.pop(self)
        self.app.push(HelpScene(self.app))

    def to_title(self) -> None:
        from game.ui.scenes.table import TableScene
        from game.ui.scenes.title import TitleScene

        table = self.app.find(TableScene)
        if isinstance(table, TableScene):
            table.autosave_on_leave()
        self.app.replace(TitleScene(self.app))


HELP_KEYS = ("tab", "arrows", "enter", "digits", "esc", "space", "p", "t", "page", "f1", "f11", "f9", "f10", "neg",
             "curtain")


class HelpScene(Overlay):
    box = (190, 60, 900, 600)

    def layout(self) -> None:
        self.ui.add(Button(self.ctx.r(540, 584, 200, 44), t("ui.btn.close"), self.back, t("ui.tip.close"),
                           style="primary", hotkey="Esc"))
        self.ui.focus = 0

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_F1, pygame.K_RETURN, pygame.K_ESCAPE):
            self.back()
            return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ctx.blit_text(surf, t("ui.help.title"), 22, (r.centerx, r.top + ctx.d(16)), "accent", "bold", anchor="midtop")
        y = 116
        # one size for every line, the largest at which the longest description fits whole
        size = min(ctx.fit(t(f"ui.help.{k}"), 14, ctx.d(690), ctx.font(14).get_linesize())[0] for k in HELP_KEYS)
        for k in HELP_KEYS:
            ctx.blit_text(surf, t(f"ui.help.{k}.key"), 14, ctx.p(220, y), "accent", "bold", max_w=ctx.d(170))
            ctx.blit_text(surf, t(f"ui.help.{k}"), size, ctx.p(390, y), "text", max_w=ctx.d(690))
            y += 30
