"""Load a saved game: newest first, with round, kind (autosave / manual) and time; damaged files
say why. Each saved moment is listed once (see ``saves.unique``); a save can be deleted (its
Delete button, or Del on the focused row), after a question."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.text import t
from game.ui import saves
from game.ui.scene import Scene
from game.ui.theme import Ctx
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App

PER_PAGE = 9


class SaveRow(Button):
    """One save: its name, then round, kind and time; the seats on the right."""

    detail = ""
    extra = ""

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        label, self.label = self.label, ""
        super().draw(surf, ctx, focused, hovered)
        self.label = label
        x = self.rect.left + ctx.d(16)
        col = "text" if self.enabled else "faint"
        ctx.blit_text(surf, label, 15, (x, self.rect.top + ctx.d(5)), col, "bold", max_w=ctx.d(420))
        ctx.blit_text(surf, self.detail, 12.5, (x, self.rect.top + ctx.d(27)), "dim" if self.enabled else "bad",
                      max_w=ctx.d(440))
        if self.extra:
            left = self.rect.left + ctx.d(470)
            ctx.blit_wrapped(surf, self.extra, 11.5, pygame.Rect(left, self.rect.top + ctx.d(6),
                                                                  self.rect.right - ctx.d(8) - left,
                                                                  self.rect.height - ctx.d(8)), "dim")


class DeleteButton(Button):
    """A row's Delete: reached by the mouse; from the keyboard, Del deletes the focused row."""

    focusable = False


def detail_of(e: object) -> str:
    """A save entry's second line (a SaveInfo, or a damaged file's entry: read by attribute)."""
    err = getattr(e, "error", None)
    if err:
        return t("ui.load.damaged", why=err)
    kind = getattr(e, "kind", "")
    when = getattr(e, "modified", None)
    return t("ui.load.detail", round=getattr(e, "round", "?"), kind=t(f"ui.load.kind.{kind}") if kind else "",
             when=when.strftime("%Y-%m-%d %H:%M:%S") if when else "",
             over=t("ui.load.over") if getattr(e, "over", False) else "").strip()


class LoadScene(Scene):
    name = "load"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.entries = saves.unique(saves.list_saves())
        self.offset = 0
        self.error = ""

    def refresh(self) -> None:
        self.entries = saves.unique(saves.list_saves())
        self.offset = max(0, min(self.offset, len(self.entries) - PER_PAGE))
        self.relayout()

    def page(self) -> list[Any]:  # saves' entries (SaveInfo from the optional persistence module)
        return self.entries[self.offset:self.offset + PER_PAGE]

    def layout(self) -> None:
        ctx = self.ctx
        page = self.page()
        for i, e in enumerate(page):
            path, label = saves.describe(e)
            err = getattr(e, "error", None)
            seats = getattr(e, "seats", ())
            row = SaveRow(ctx.r(240, 110 + i * 58, 714, 50), label, partial(self.open, path),
                          t("ui.tip.load_entry", path=str(path)), enabled=not err, size=15)
            row.detail = detail_of(e)
            row.extra = ", ".join(seats) if seats else ""
            self.ui.add(row)
        for i, e in enumerate(page):
            self.ui.add(DeleteButton(ctx.r(962, 110 + i * 58, 78, 50), t("ui.load.delete"),
                                     partial(self.ask_delete, e), t("ui.load.tip.delete"), style="danger", size=13))
        self.ui.add(Button(ctx.r(540, 650, 200, 44), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        self.ui.focus = 0 if page else len(self.ui.widgets) - 1

    def ensure_layout(self) -> None:
        super().ensure_layout()
        f = self.ui.focused
        if f is not None and not f.focusable:  # after a delete on the last row: the row above it
            self.ui.focus = max(0, len(self.page()) - 1)

    def open(self, path: Path) -> None:
        from game.ui.scenes.title import open_save

        open_save(self.app, path)

    def ask_delete(self, e: object) -> None:  # a SaveInfo
        from game.ui.scenes.overlays import ConfirmScene

        path, label = saves.describe(e)
        self.app.push(ConfirmScene(self.app, t("ui.load.delete_title"), t("ui.load.delete_body", name=label,
                                   file=path.name), t("ui.load.delete"), lambda: self.delete(path), danger=True))

    def delete(self, path: Path) -> None:
        try:
            saves.delete(path)
            self.error = ""
        except Exception as e:  # noqa: BLE001 - one sentence on screen
            self.error = str(e) or e.__class__.__name__
        self.refresh()

    def on_top(self) -> None:
        self.relayout()

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            d = PER_PAGE if ev.key == pygame.K_PAGEDOWN else -PER_PAGE
            self.offset = max(0, min(self.offset + d, max(0, len(self.entries) - PER_PAGE)))
            self.relayout()
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_DELETE:
            page = self.page()
            if 0 <= self.ui.focus < len(page):
                self.ask_delete(page[self.ui.focus])
            return
        super().handle_event(ev)

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        ctx.blit_text(surf, t("ui.load.title"), 28, ctx.p(640, 40), "accent", "bold", anchor="midtop")
        if not self.entries:
            ctx.blit_text(surf, t("ui.load.none"), 16, ctx.p(640, 300), "dim", anchor="center")
        elif len(self.entries) > PER_PAGE:
            ctx.blit_text(surf, t("ui.load.more", n=len(self.entries)), 13, ctx.p(640, 84), "dim", anchor="midtop")
        if self.error:
            ctx.blit_text(surf, self.error, 14, ctx.p(640, 630), "bad", anchor="midbottom", max_w=ctx.d(1200))
        self.ui.draw(surf, ctx)
