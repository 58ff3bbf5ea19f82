"""Load a saved game: newest first, with scenario, round, kind (autosave / manual) and time;
damaged files (and saves that do not load in full: ``saves.checked``) say why. Each saved moment is listed once
(see ``saves.unique``); a save can be deleted (its Delete button, or Del on the focused row),
after a question."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.text import t
from game.ui import saves
from game.ui.scene import Scene
from game.ui.scenes.title import tutorial_game_id
from game.ui.theme import Ctx
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App

TOP, BOTTOM = 104, 636  # design units: where the rows go (the page count above, Back below)
ROW_X, ROW_W, DEL_W, GAP = 240, 714, 78, 8
SEATS_X = 470  # the seats' column, from the row's left edge (a damaged save has none: its reason takes the row)


class SaveRow(Button):
    """One save: its name (and its file's own name when that is another), then scenario, round, kind and
    time, or why it cannot be opened; the seats on the right. Every text whole: the row is as
    tall as its texts need at the current text size (``plan``)."""

    file = ""  # the file's name, shown when it is not the save's name (renamed or copied by hand)
    detail = ""
    bad = False  # the detail says why the save cannot be opened
    extra = ""
    items: list[tuple[str, float, str, str, int, int, int]] = []  # (text, size, colour, style, dx, dy, width)

    def plan(self, ctx: Ctx, width: int) -> int:
        """Lay the texts out for a row ``width`` pixels wide; returns the height they need."""
        pad, x = ctx.d(6), ctx.d(16)
        left_w = (ctx.d(SEATS_X) if self.extra else width) - x - ctx.d(12)
        col = "text" if self.enabled else "faint"
        items: list[tuple[str, float, str, str, int, int, int]] = []
        y = pad
        name_size, lines = ctx.fit(self.label, 15, left_w, 2 * ctx.font(15, "bold").get_linesize(), "bold",
                                   min_scale=0.8)
        name_lh = ctx.font(name_size, "bold").get_linesize()
        for line in lines[:2]:
            items.append((line, name_size, col, "bold", x, y, left_w))
            y += name_lh
        if self.file:
            file = t("ui.load.file", file=self.file)
            f_size = ctx.fit(file, 12.5, left_w, ctx.font(12.5).get_linesize(), min_scale=0.75)[0]
            f_w = ctx.font(f_size).size(file)[0]
            last_w = ctx.font(name_size, "bold").size(lines[min(len(lines), 2) - 1])[0]
            if x + last_w + ctx.d(12) + f_w <= x + left_w:  # beside the name, on its last line
                items.append((file, f_size, "dim", "regular", x + last_w + ctx.d(12),
                              y - name_lh + (name_lh - ctx.font(f_size).get_linesize()) * 3 // 4, f_w))
            else:
                items.append((file, f_size, "dim", "regular", x, y, left_w))
                y += ctx.font(f_size).get_linesize()
        d_lh = ctx.font(12.5).get_linesize()
        for line in ctx.wrap(self.detail, 12.5, left_w):
            items.append((line, 12.5, "bad" if self.bad else "dim", "regular", x, y, left_w))
            y += d_lh
        right = y + pad
        if self.extra:
            sx = ctx.d(SEATS_X)
            sw = width - sx - ctx.d(10)
            sy = pad
            s_lh = ctx.font(11.5).get_linesize()
            for line in ctx.wrap(self.extra, 11.5, sw):
                items.append((line, 11.5, "dim", "regular", sx, sy, sw))
                sy += s_lh
            right = max(right, sy + pad)
        self.items = items
        return max(ctx.d(50), right)

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        label, self.label = self.label, ""
        super().draw(surf, ctx, focused, hovered)
        self.label = label
        for text, size, col, style, dx, dy, w in self.items:
            ctx.blit_text(surf, text, size, (self.rect.left + dx, self.rect.top + dy), col, style, max_w=w)


class DeleteButton(Button):
    """A row's Delete: reached by the mouse; from the keyboard, Del deletes the focused row."""

    focusable = False


def detail_of(e: object) -> str:
    """A save entry's second line (a SaveInfo, or a damaged file's entry: read by attribute):
    scenario, round, kind and time, or the one sentence that says why it cannot be opened."""
    err = getattr(e, "error", None)
    if err:
        return str(err)
    kind = getattr(e, "kind", "")
    when = getattr(e, "modified", None)
    over = getattr(e, "over", False)
    if over and kind == "manual":  # the game kept when it ended (play-test: "manual save" of a game nobody saved)
        kind, over = "finished", False
    return t("ui.load.detail", scenario=getattr(e, "scenario", "") or "?", round=getattr(e, "round", "?"), kind=t(f"ui.load.kind.{kind}") if kind else "",
             when=when.strftime("%Y-%m-%d %H:%M:%S") if when else "",
             over=t("ui.load.over") if over else "").strip()


def file_shown(e: object) -> str:
    """The save's file name when the player would not find it from the save's name (the file was
    renamed or copied by hand, or it is an autosave slot); else ""."""
    path, name = saves.describe(e)
    own = saves.file_for(name)
    return "" if own is not None and own.name == path.name else path.name


def make_row(ctx: Ctx, e: object, on_click: Callable[[], Any], x: int = ROW_X, tip_key: str = "ui.tip.load_entry") -> SaveRow:
    path, label = saves.describe(e)
    err = getattr(e, "error", None)
    if getattr(e, "game_id", "") and e.game_id == tutorial_game_id():  # type: ignore[attr-defined]
        label = t("ui.load.tutorial", name=label)  # play-test: it looked like a real game's autosave
    seats = getattr(e, "seats", ())
    tip = t("ui.tip.load_damaged", path=str(path)) if err else t(tip_key, path=str(path))
    row = SaveRow(ctx.r(x, TOP, ROW_W, 50), label, on_click, tip, enabled=not err, size=15)
    row.file = file_shown(e)
    row.detail = detail_of(e)
    row.bad = bool(err)
    humans = set(getattr(e, "humans", ()))  # who plays at the screen, so a group finds its own game
    row.extra = ", ".join(t("ui.load.human_seat", name=s) if s in humans else s for s in seats) if seats and not err else ""
    row.rect.height = row.plan(ctx, row.rect.width)
    return row


class LoadScene(Scene):
    """The saves, newest first, a page at a time (PgUp/PgDn); Enter opens the focused one."""

    name = "load"
    title_key, none_key = "ui.load.title", "ui.load.none"
    deletable = True  # each row has its Delete (the replay's list, a subclass, has none)
    tip_key = "ui.tip.load_entry"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.entries = saves.listed()
        self.offset = 0
        self.starts = [0]  # the first entry of each page, as laid out (rows are as tall as their texts)
        self.error = ""

    def refresh(self) -> None:
        self.entries = saves.listed()
        self.offset = min(self.offset, max(0, len(self.entries) - 1))
        self.relayout()

    def pages(self, heights: list[int]) -> list[int]:
        """The first entry of every page: as many rows (of these heights) as fit between TOP and
        BOTTOM."""
        ctx = self.ctx
        starts, y = [0], ctx.p(0, TOP)[1]
        for i, h in enumerate(heights):
            if y + h > ctx.p(0, BOTTOM)[1] and i > starts[-1]:
                starts.append(i)
                y = ctx.p(0, TOP)[1]
            y += h + ctx.d(GAP)
        return starts

    def _page_index(self) -> int:
        """Which page the first listed entry (``offset``) is on."""
        return max(j for j, s in enumerate(self.starts) if s <= self.offset)

    def _page_span(self) -> tuple[int, int]:
        k = self._page_index()
        return self.starts[k], self.starts[k + 1] if k + 1 < len(self.starts) else len(self.entries)

    def page(self) -> list[Any]:  # saves' entries (SaveInfo from the optional persistence module)
        a, b = self._page_span()
        return self.entries[a:b]

    def turn(self, pages: int) -> None:
        k = self._page_index()
        self.offset = self.starts[max(0, min(len(self.starts) - 1, k + pages))]
        self.relayout()

    def layout(self) -> None:
        ctx = self.ctx
        # every row laid out once: their heights make the pages, the current page's rows are shown
        x = ROW_X if self.deletable else ROW_X + (DEL_W + GAP) // 2  # centred without the Delete column
        rows_all = [make_row(ctx, e, partial(self.open, saves.describe(e)[0]), x, self.tip_key) for e in self.entries]
        self.starts = self.pages([r.rect.height for r in rows_all])
        self.offset = self.starts[self._page_index()]  # the start of its page
        a, b = self._page_span()
        page, rows = self.entries[a:b], rows_all[a:b]
        y = ctx.p(0, TOP)[1]
        for row in rows:
            row.rect.top = y
            y = row.rect.bottom + ctx.d(GAP)
            self.ui.add(row)
        for e, row in zip(page, rows, strict=True):
            if self.deletable:
                self.ui.add(DeleteButton(pygame.Rect(ctx.p(ROW_X + ROW_W + GAP, 0)[0], row.rect.top, ctx.d(DEL_W),
                                                     row.rect.height), t("ui.load.delete"), partial(self.ask_delete, e),
                                         t("ui.load.tip.delete"), style="danger", size=13))
        self.ui.add(Button(ctx.r(540, 650, 200, 44), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        # the first save that opens (a damaged one above it cannot be chosen), else Back
        self.ui.focus = next((i for i, r in enumerate(rows) if r.enabled), len(self.ui.widgets) - 1)

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
            self.turn(1 if ev.key == pygame.K_PAGEDOWN else -1)
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_DELETE and self.deletable:
            page = self.page()
            if 0 <= self.ui.focus < len(page):
                self.ask_delete(page[self.ui.focus])
            return
        super().handle_event(ev)

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        ctx.blit_text(surf, t(self.title_key), 28, ctx.p(640, 40), "accent", "bold", anchor="midtop")
        if not self.entries:
            ctx.blit_text(surf, t(self.none_key), 16, ctx.p(640, 300), "dim", anchor="center")
        elif len(self.starts) > 1:
            # beside Back, clear of the rows: which page, of how many, and the keys that turn them
            ctx.blit_text(surf, t("ui.load.more", page=self._page_index() + 1, pages=len(self.starts),
                                  n=len(self.entries)), 13, ctx.p(756, 672), "dim", anchor="midleft", max_w=ctx.d(500))
        if self.error:
            ctx.blit_text(surf, self.error, 14, ctx.p(640, 630), "bad", anchor="midbottom", max_w=ctx.d(1200))
        self.ui.draw(surf, ctx)
