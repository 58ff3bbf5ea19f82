"""Load a saved game: newest first, with round, scenario and seats; damaged files say why."""

from __future__ import annotations

import pygame

from game.text import t
from game.ui import saves
from game.ui.scene import Scene
from game.ui.widgets import Button


class SaveRow(Button):
    """One save: its name, then round, kind and time; the seats on the right."""

    detail = ""
    extra = ""

    def draw(self, surf: pygame.Surface, ctx, focused: bool, hovered: bool) -> None:  # noqa: ANN001
        label, self.label = self.label, ""
        super().draw(surf, ctx, focused, hovered)
        self.label = label
        x = self.rect.left + ctx.d(16)
        col = "text" if self.enabled else "faint"
        ctx.blit_text(surf, label, 15, (x, self.rect.top + ctx.d(5)), col, "bold", max_w=ctx.d(420))
        ctx.blit_text(surf, self.detail, 12.5, (x, self.rect.top + ctx.d(27)), "dim" if self.enabled else "bad",
                      max_w=ctx.d(440))
        if self.extra:
            ctx.blit_wrapped(surf, self.extra, 11.5, pygame.Rect(self.rect.left + ctx.d(470), self.rect.top + ctx.d(6),
                                                                  ctx.d(320), self.rect.height - ctx.d(8)), "dim")


class LoadScene(Scene):
    name = "load"

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.entries = saves.list_saves()
        self.offset = 0

    def layout(self) -> None:
        ctx = self.ctx
        for i, e in enumerate(self.entries[self.offset:self.offset + 9]):
            path, label = saves.describe(e)
            err = getattr(e, "error", None)
            rnd = getattr(e, "round", "?")
            kind = getattr(e, "kind", "")
            over = getattr(e, "over", False)
            when = getattr(e, "modified", None)
            when_s = when.strftime("%Y-%m-%d %H:%M") if when else ""
            detail = (t("ui.load.damaged", why=err) if err else
                      t("ui.load.detail", round=rnd, kind=t(f"ui.load.kind.{kind}") if kind else "", when=when_s,
                        over=t("ui.load.over") if over else ""))
            seats = getattr(e, "seats", ())
            row = SaveRow(ctx.r(240, 110 + i * 58, 800, 50), label, lambda p=path: self.open(p),
                          t("ui.tip.load_entry", path=str(path)), enabled=not err, size=15)
            row.detail = detail
            row.extra = ", ".join(seats) if seats else ""
            self.ui.add(row)
        self.ui.add(Button(ctx.r(540, 650, 200, 44), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        self.ui.focus = 0

    def open(self, path) -> None:  # noqa: ANN001
        from game.ui.scenes.title import open_save

        open_save(self.app, path)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            d = 9 if ev.key == pygame.K_PAGEDOWN else -9
            self.offset = max(0, min(self.offset + d, max(0, len(self.entries) - 9)))
            self.relayout()
            return
        super().handle_event(ev)

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        ctx.blit_text(surf, t("ui.load.title"), 28, ctx.p(640, 40), "accent", "bold", anchor="midtop")
        if not self.entries:
            ctx.blit_text(surf, t("ui.load.none"), 16, ctx.p(640, 300), "dim", anchor="center")
        elif len(self.entries) > 9:
            ctx.blit_text(surf, t("ui.load.more", n=len(self.entries)), 13, ctx.p(640, 84), "dim", anchor="midtop")
        self.ui.draw(surf, ctx)
