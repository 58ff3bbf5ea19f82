"""Debrief charts drawn with pygame from a view's per-round history (public figures only).

The tracks chart draws one line per track (with shape markers in the colour-blind palette);
the tokens chart stacks where the 30 tokens were at the end of each round.
"""

from __future__ import annotations

import pygame

from game.core.state import RoundRecord
from game.text import t
from game.ui.theme import SHAPES, Ctx, draw_shape

TRACKS = ("P", "C", "L", "G", "E")
ZONES = ("vault", "escrow", "released", "redirected", "returned")


def _frame(surf: pygame.Surface, ctx: Ctx, rect: pygame.Rect, title: str, ymax: int, rounds: int) -> pygame.Rect:
    ctx.panel(surf, rect, "panel")
    ctx.blit_text(surf, title.upper(), 12.5, (rect.left + ctx.d(12), rect.top + ctx.d(8)), "accent", "bold")
    plot = pygame.Rect(rect.left + ctx.d(40), rect.top + ctx.d(34), rect.width - ctx.d(150), rect.height - ctx.d(64))
    for k in range(0, ymax + 1, max(1, ymax // 5)):
        y = plot.bottom - plot.height * k / ymax
        pygame.draw.line(surf, ctx.pal["bg2"], (plot.left, y), (plot.right, y), 1)
        ctx.blit_text(surf, str(k), 11, (plot.left - ctx.d(6), int(y)), "faint", anchor="midright")
    for r in range(1, rounds + 1):
        x = plot.left + plot.width * (r - 0.5) / rounds
        ctx.blit_text(surf, str(r), 11, (int(x), plot.bottom + ctx.d(4)), "faint", anchor="midtop")
    ctx.blit_text(surf, t("ui.chart.round"), 11, (plot.centerx, plot.bottom + ctx.d(16)), "dim", anchor="midtop")
    return plot


def draw_track_chart(surf: pygame.Surface, ctx: Ctx, rect: pygame.Rect, history: tuple[RoundRecord, ...]) -> None:
    rounds = max(1, len(history))
    plot = _frame(surf, ctx, rect, t("ui.chart.tracks"), 10, rounds)
    for k, tr in enumerate(TRACKS):
        col = ctx.pal[tr]
        pts = []
        for i, h in enumerate(history):
            x = plot.left + plot.width * (i + 0.5) / rounds
            y = plot.bottom - plot.height * getattr(h.tracks, tr) / 10 + (k - 2) * ctx.d(1.5)  # tiny offset: overlaps stay visible
            pts.append((int(x), int(y)))
        if len(pts) > 1:
            pygame.draw.lines(surf, col, False, pts, ctx.d(3))
        for p in pts:
            draw_shape(surf, SHAPES[tr] if ctx.colour_blind else "circle", p, ctx.d(4), col)
        ly = rect.top + ctx.d(40) + k * ctx.d(24)
        draw_shape(surf, SHAPES[tr] if ctx.colour_blind else "circle", (plot.right + ctx.d(24), ly + ctx.d(8)), ctx.d(5), col)
        ctx.blit_text(surf, t(f"ui.track.{tr}"), 12.5, (plot.right + ctx.d(34), ly), "text")


def draw_token_chart(surf: pygame.Surface, ctx: Ctx, rect: pygame.Rect, history: tuple[RoundRecord, ...],
                     total: int) -> None:
    rounds = max(1, len(history))
    plot = _frame(surf, ctx, rect, t("ui.chart.tokens"), total, rounds)
    bw = plot.width / rounds * 0.7
    for i, h in enumerate(history):
        x = plot.left + plot.width * (i + 0.5) / rounds - bw / 2
        y = plot.bottom
        for z in ZONES:
            n = getattr(h, z)
            if not n:
                continue
            hh = plot.height * n / total
            r = pygame.Rect(int(x), int(y - hh), int(bw), max(1, int(hh)))
            pygame.draw.rect(surf, ctx.pal[z], r)
            if ctx.colour_blind and r.height >= ctx.d(10):
                draw_shape(surf, SHAPES[z], r.center, ctx.d(3), (20, 20, 20))
            y -= hh
    for k, z in enumerate(ZONES):
        ly = rect.top + ctx.d(40) + k * ctx.d(24)
        lr = pygame.Rect(plot.right + ctx.d(18), ly + ctx.d(2), ctx.d(12), ctx.d(12))
        pygame.draw.rect(surf, ctx.pal[z], lr)
        if ctx.colour_blind:
            draw_shape(surf, SHAPES[z], lr.center, ctx.d(3), (20, 20, 20))
        ctx.blit_text(surf, t(f"ui.zone.{z}"), 12.5, (plot.right + ctx.d(34), ly), "text")
