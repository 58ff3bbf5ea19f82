"""The rulebook screen: docs/RULES.md rendered as headings, paragraphs, lists and tables.

Scroll with the wheel, arrows, Page Up/Down, Home/End. Esc goes back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from game.core.rulebook import numbers_block, replace_block
from game.resources import resource_path
from game.text import t
from game.ui.scene import Scene
from game.ui.theme import Ctx
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.core.scenario import Scenario
    from game.ui.app import App

_EMPH = re.compile(r"(\*\*|__|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")


NOTE_BEGIN, NOTE_END = "<!-- design-note -->", "<!-- /design-note -->"


def read_rules() -> str | None:
    for parts in (("docs", "RULES.md"), ("RULES.md",)):
        p = resource_path(*parts)
        try:
            return p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return None


def blocks(md: str) -> list[tuple[str, str]]:
    """(kind, text) blocks: h1, h2, h3, p, li, row, gap (ends a table), rule."""
    out: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(("p", " ".join(para)))
            para.clear()

    in_comment = False
    in_note = False
    prev_blank = True
    for raw in md.splitlines():
        line = raw.rstrip()
        s = line.strip()
        # design notes (why a rule is as it is, with play-test and balance figures) are for the
        # designers reading docs/RULES.md, not for players (a facilitator's play-test: the Rules in
        # the game read like the developers' notebook)
        if s == NOTE_BEGIN or in_note:
            in_note = s != NOTE_END
            continue
        # HTML comments (the generated-numbers markers) are for editors, not players
        if in_comment or s.startswith("<!--"):
            in_comment = "-->" not in s
            continue
        if not s:
            flush()
            if out and out[-1][0] == "row":
                out.append(("gap", ""))  # two tables one blank line apart: each sizes its own columns
            prev_blank = True
            continue
        if not prev_blank and not para and out and out[-1][0] == "li" and not s.startswith(("#", "|", "- ", "* ", "+ ")) \
                and not re.match(r"^\d+\. ", s):
            # a list item's wrapped continuation line: same item (hanging indent when drawn)
            out[-1] = ("li", out[-1][1] + " " + _EMPH.sub("", s))
            continue
        prev_blank = False
        if s.startswith("#"):
            flush()
            level = len(s) - len(s.lstrip("#"))
            out.append((f"h{min(level, 3)}", _EMPH.sub("", s.lstrip("#").strip())))
        elif s.startswith(("- ", "* ", "+ ")) or re.match(r"^\d+\. ", s):
            flush()
            text = re.sub(r"^([-*+]|\d+\.)\s+", "", s)
            out.append(("li", _EMPH.sub("", text)))
        elif s.startswith("|"):
            flush()
            if re.fullmatch(r"\|[\s:|-]+\|?", s):
                continue
            cells = [c.strip() for c in s.strip("|").split("|")]
            out.append(("row", "\t".join(_EMPH.sub("", c) for c in cells)))
        elif s in ("---", "***"):
            flush()
            out.append(("rule", ""))
        else:
            para.append(_EMPH.sub("", s))
    flush()
    return out


class TocButton(Button):
    """A chapter in the rulebook's contents: left-aligned, quiet until hovered."""

    def __init__(self, rect: pygame.Rect, label: str, on_click: Callable[[], Any], tooltip: str) -> None:
        super().__init__(rect, label, on_click, tooltip, style="ghost", size=13)

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        if hovered or focused:
            pygame.draw.rect(surf, ctx.pal["panel_hi"], self.rect, border_radius=ctx.d(6))
        if focused:
            pygame.draw.rect(surf, ctx.pal["accent"], self.rect, ctx.d(2), border_radius=ctx.d(6))
        inner = self.rect.inflate(-ctx.d(12), -ctx.d(4))
        size, _ = ctx.fit(self.label, 13, inner.width, inner.height)  # big text sizes: smaller, not cut
        ctx.blit_wrapped(surf, self.label, size, inner, "text" if hovered or focused else "dim")


class RulesScene(Scene):
    name = "rules"

    def __init__(self, app: App, scenario: Scenario | None = None) -> None:
        """The rulebook; opened from a game, its numbers are that game's ``scenario``'s (play-test:
        an edited scenario played at the table while the rules gave the default's numbers)."""
        super().__init__(app)
        text = read_rules()
        if text and scenario is not None:
            text = replace_block(text, numbers_block(scenario))
        self.blocks = blocks(text) if text else [("p", t("ui.rules.missing"))]
        self.scroll = 0
        self._page: tuple[list[tuple[int, str, float, str, str, int]], int] | None = None
        self._page_key: tuple[int, ...] = ()

    def layout(self) -> None:
        self.ui.add(Button(self.ctx.r(1100, 16, 160, 40), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        self._page = None
        # contents: one button per chapter, jumping the page there
        chapters = [(y, text) for y, text, size, _c, _s, _x in self.page()[0] if size == 21]
        for i, (y, text) in enumerate(chapters[:14]):
            self.ui.add(TocButton(self.ctx.r(14, 70 + i * 44, 156, 38), text, partial(self.jump, y),
                                  t("ui.rules.jump", chapter=text)))
        self.ui.focus = 0

    def jump(self, y: int) -> None:
        self.scroll = y - self.ctx.d(8)
        self.clamp()

    def page(self) -> tuple[list[tuple[int, str, float, str, str, int]], int]:
        """The laid-out lines (y, text, size, colour, style, x) and the page height."""
        ctx = self.ctx
        key = (ctx.version,)
        if self._page is not None and self._page_key == key:
            return self._page
        width = ctx.d(880)
        items: list[tuple[int, str, float, str, str, int]] = []  # y, text, size, color, style, x
        y = 0
        xs: list[int] = [0, width]
        for i, (kind, text) in enumerate(self.blocks):
            if kind in ("h1", "h2", "h3"):
                size = {"h1": 28, "h2": 21, "h3": 17}[kind]
                y += ctx.d(14 if kind != "h1" else 4)
                for line in ctx.wrap(text, size, width, "bold"):
                    items.append((y, line, size, "accent" if kind != "h3" else "text", "bold", 0))
                    y += ctx.font(size, "bold").get_linesize()
                y += ctx.d(4)
            elif kind == "li":
                for i, line in enumerate(ctx.wrap(text, 15, width - ctx.d(24))):
                    if i == 0:
                        items.append((y, "•", 15, "accent", "bold", ctx.d(6)))
                    items.append((y, line, 15, "text", "regular", ctx.d(24)))
                    y += ctx.font(15).get_linesize()
            elif kind == "row":
                cells = text.split("\t")
                if i == 0 or self.blocks[i - 1][0] != "row":
                    table = []  # this row starts a table: size its columns by their longest cell
                    for k2, t2 in self.blocks[i:]:
                        if k2 != "row":
                            break
                        table.append(t2.split("\t"))
                    ncol = max(len(r) for r in table)
                    need = [max((min(36, len(r[c])) if c < len(r) else 0) for r in table) + 3 for c in range(ncol)]
                    xs = [0]
                    for n_ in need[:-1]:
                        xs.append(xs[-1] + width * n_ // sum(need))
                    xs.append(width)
                    header = True
                else:
                    header = False
                lh = ctx.font(13.5).get_linesize()
                h = 0
                for c, cell in enumerate(cells[:len(xs) - 1]):
                    lines = ctx.wrap(cell, 13.5, xs[c + 1] - xs[c] - ctx.d(12), "bold" if header else "regular")
                    for k, line in enumerate(lines):
                        items.append((y + k * lh, line, 13.5, "accent" if header else "text",
                                      "bold" if header else "regular", xs[c]))
                    h = max(h, len(lines))
                y += h * lh + ctx.d(5)
            elif kind == "gap":
                y += ctx.d(8)
            elif kind == "rule":
                y += ctx.d(12)
            else:
                if i and self.blocks[i - 1][0] == "li":
                    y += ctx.d(8)  # a paragraph after a list stands apart from its last item
                for line in ctx.wrap(text, 15, width):
                    items.append((y, line, 15, "text", "regular", 0))
                    y += ctx.font(15).get_linesize()
                y += ctx.d(8)
        # only lines in view are drawn each frame (a whole-page surface would be tens of MB at 1080p)
        self._page, self._page_key = (items, y + ctx.d(40)), key
        return self._page

    def handle_event(self, ev: pygame.event.Event) -> None:
        step = self.ctx.d(40)
        if ev.type == pygame.MOUSEWHEEL:
            self.scroll -= ev.y * step
        elif ev.type == pygame.KEYDOWN and ev.key in (pygame.K_DOWN, pygame.K_UP, pygame.K_PAGEDOWN, pygame.K_PAGEUP,
                                                      pygame.K_HOME, pygame.K_END):
            view_h = self.ctx.d(620)
            self.scroll += {pygame.K_DOWN: step, pygame.K_UP: -step, pygame.K_PAGEDOWN: view_h,
                            pygame.K_PAGEUP: -view_h, pygame.K_HOME: -10**9, pygame.K_END: 10**9}[ev.key]
        else:
            super().handle_event(ev)
        self.clamp()

    def clamp(self) -> None:
        max_scroll = max(0, self.page()[1] - self.ctx.d(620))
        self.scroll = max(0, min(self.scroll, max_scroll))

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        ctx.blit_text(surf, t("ui.rules.title"), 26, ctx.p(40, 18), "accent", "bold")
        ctx.blit_text(surf, t("ui.rules.hint"), 13, ctx.p(330, 28), "dim")
        area = ctx.r(180, 70, 920, 630)
        ctx.panel(surf, area, "panel")
        items, total = self.page()
        inner = area.inflate(-ctx.d(40), -ctx.d(20))
        old_clip = surf.get_clip()
        surf.set_clip(inner)
        for yy, text, size, col, style, x in items:
            if self.scroll - ctx.d(60) <= yy <= self.scroll + inner.height:
                surf.blit(ctx.text(text, size, col, style), (inner.left + x, inner.top + yy - self.scroll))
        surf.set_clip(old_clip)
        if total > inner.height:
            bar_h = max(ctx.d(30), inner.height * inner.height // total)
            y = inner.top + (inner.height - bar_h) * self.scroll // max(1, total - inner.height)
            pygame.draw.rect(surf, ctx.pal["accent_dark"], (area.right - ctx.d(12), y, ctx.d(6), bar_h),
                             border_radius=ctx.d(3))
        self.ui.draw(surf, ctx)
