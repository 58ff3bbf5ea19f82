"""Renderers: pure drawing functions of a PlayerView (never of the GameState).

Every renderer that receives a view reports it to ``RENDER_LOG`` when a test switches the log
on; the privacy test uses this to prove that after a curtain only the seat at the screen (or a
public view) ever reaches a renderer. Drawing changes nothing in the game.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pygame

from game.core import MotionKind, Phase, PlayerView, Role, allowance_left, tabled_tranches
from game.core.scoring import agenda_decided, score_lines
from game.core.state import Deal, DealStatus, Motion, MotionStatus
from game.text import t
from game.ui import labels
from game.ui.theme import SHAPES, Color, Ctx, displayable, draw_arrow, draw_shape

RENDER_LOG: list[tuple[str, Role | None, bool]] | None = None  # (renderer, view.seat, public)

ZONES: tuple[str, ...] = ("vault", "escrow", "released", "redirected", "returned")
TRACKS: tuple[str, ...] = ("P", "C", "L", "G", "E")
CHANNEL_COLOUR = {"release": "released", "escrow": "escrow", "redirect": "redirected"}

# design-unit layout of the table screen (1280x720)
TOP = (0, 0, 1280, 50)
TRACKS_BOX = (12, 58, 280, 292)
ODDS_BOX = (12, 356, 280, 94)
INFRA_BOX = (12, 456, 280, 124)
BRIEF_BOX = (12, 586, 280, 122)
TABLE_BOX = (302, 58, 578, 330)
ZONES_BOX = (302, 394, 578, 152)
ACTION_BOX = (302, 552, 578, 156)
MOTIONS_BOX = (890, 58, 378, 232)
LOG_BOX = (890, 296, 378, 412)
TABLE_CENTER = (591, 222)
# a seat round the table: its emblem's radius, the gap from the emblem to its name card below, and
# to its cards-in-hand count on the left (``draw_round_table`` draws them, ``table_areas`` gives
# them their tooltips)
SEAT_R = 25
SEAT_NAME_GAP = 4
SEAT_HAND_GAP = 15
TIP_BOX = (310, 64, 190, 90)  # a first-game tip, in the round table's top-left corner (drawn by the table scene;
# ``tip_box`` fits it around the seats)


def note_view(renderer: str, view: PlayerView) -> None:
    if RENDER_LOG is not None:
        from game.ui.session import is_public

        RENDER_LOG.append((renderer, view.seat, is_public(view)))


# ---------------------------------------------------------------------------
# emblems and icon
# ---------------------------------------------------------------------------


def draw_emblem(surf: pygame.Surface, role: Role, center: tuple[int, int], r: int, color: Color,
                ink: Color = (18, 22, 30)) -> None:
    """Each delegation's drawn emblem inside a coloured disc."""
    x, y = center
    pygame.draw.circle(surf, (8, 10, 14), (x + max(1, r // 10), y + max(2, r // 8)), r)
    pygame.draw.circle(surf, color, center, r)
    pygame.draw.circle(surf, (250, 244, 226), center, r, max(1, r // 12))
    k = r * 0.55
    w = max(2, r // 9)
    if role in (Role.H, Role.HP):  # shield with a keyhole (custody of the vault)
        pts = [(x - k, y - k * 0.9), (x + k, y - k * 0.9), (x + k, y + k * 0.1), (x, y + k), (x - k, y + k * 0.1)]
        pygame.draw.polygon(surf, ink, pts, w)
        if role == Role.H:
            pygame.draw.circle(surf, ink, (x, int(y - k * 0.25)), max(2, int(k * 0.22)))
            pygame.draw.line(surf, ink, (x, y - k * 0.2), (x, y + k * 0.45), w)
        else:
            pygame.draw.line(surf, ink, (x - k * 0.5, y - k * 0.3), (x + k * 0.5, y - k * 0.3), w)
            pygame.draw.line(surf, ink, (x - k * 0.5, y + k * 0.1), (x + k * 0.5, y + k * 0.1), w)
    elif role == Role.S:  # a five-pointed star (state power)
        pts = []
        for i in range(10):
            ang = -math.pi / 2 + i * math.pi / 5
            rr = k if i % 2 == 0 else k * 0.42
            pts.append((x + rr * math.cos(ang), y + rr * math.sin(ang)))
        pygame.draw.polygon(surf, ink, pts)
    elif role == Role.A:  # a rising sun over the horizon (the frontline's dawn)
        pygame.draw.line(surf, ink, (x - k, y + k * 0.35), (x + k, y + k * 0.35), w)
        pygame.draw.arc(surf, ink, pygame.Rect(x - k * 0.5, y - k * 0.15, k, k), 0, math.pi, w)
        for i in range(5):
            ang = math.pi + (i + 1) * math.pi / 6
            pygame.draw.line(surf, ink, (x + k * 0.6 * math.cos(ang), y + k * 0.35 + k * 0.6 * math.sin(ang)),
                             (x + k * 0.95 * math.cos(ang), y + k * 0.35 + k * 0.95 * math.sin(ang)), max(1, w - 1))
    elif role == Role.M:  # scales (the chair's balance)
        pygame.draw.line(surf, ink, (x, y - k), (x, y + k * 0.8), w)
        pygame.draw.line(surf, ink, (x - k, y - k * 0.55), (x + k, y - k * 0.55), w)
        pygame.draw.line(surf, ink, (x - k * 0.45, y + k * 0.8), (x + k * 0.45, y + k * 0.8), w)
        for sx in (-1, 1):
            cx = x + sx * k * 0.8
            pygame.draw.arc(surf, ink, pygame.Rect(cx - k * 0.35, y - k * 0.4, k * 0.7, k * 0.6), math.pi, 2 * math.pi, w)
    else:  # an eye (the watching power)
        rect = pygame.Rect(x - k, y - k * 0.55, 2 * k, 1.1 * k)
        pygame.draw.ellipse(surf, ink, rect, w)
        pygame.draw.circle(surf, ink, center, max(2, int(k * 0.32)))


def make_icon() -> pygame.Surface:
    icon = pygame.Surface((64, 64), pygame.SRCALPHA)
    draw_emblem(icon, Role.M, (32, 32), 28, (216, 178, 96))
    return icon


# ---------------------------------------------------------------------------
# tokens
# ---------------------------------------------------------------------------


def zone_counts(view: PlayerView) -> tuple[int, ...]:
    return (view.vault, view.escrow, view.released, view.redirected, view.returned)


def token_zones(view: PlayerView) -> list[int]:
    """Zone index of each token, tokens numbered in zone order (so few move at a time)."""
    out: list[int] = []
    for z, n in enumerate(zone_counts(view)):
        out.extend([z] * n)
    return out


def zone_rect(ctx: Ctx, z: int) -> pygame.Rect:
    x, y, w, h = ZONES_BOX
    zw = (w - 16 - 4 * 8) / 5
    return ctx.r(x + 8 + z * (zw + 8), y + 30, zw, h - 38)


def token_grid(total: int) -> tuple[int, float]:
    """Columns and spacing (design units) so a zone can hold every token of the scenario."""
    cols = 6 if total <= 30 else (8 if total <= 56 else 10)
    rows = -(-total // cols)
    step = min(15.5, 96 / cols, 64 / max(1, rows - 1) / 0.9 if rows > 1 else 15.5)
    return cols, step


def token_slot(ctx: Ctx, z: int, k: int, total: int = 30) -> tuple[float, float]:
    r = zone_rect(ctx, z)
    cols, step_d = token_grid(total)
    step = ctx.s * step_d
    row, col = divmod(k, cols)
    x0 = r.centerx - (cols - 1) * step / 2
    return (x0 + col * step, r.top + ctx.s * 46 + row * step * 0.9)


def token_targets(ctx: Ctx, zones: list[int]) -> list[tuple[float, float]]:
    seen = [0] * len(ZONES)
    out = []
    for z in zones:
        out.append(token_slot(ctx, z, seen[z], len(zones)))
        seen[z] += 1
    return out


def draw_tokens(surf: pygame.Surface, ctx: Ctx, positions: list[tuple[float, float]], zones: list[int]) -> None:
    r = ctx.d(min(6.5, token_grid(len(zones))[1] * 0.42))
    pal = ctx.pal
    for (x, y), z in zip(positions, zones, strict=False):
        c = pal[ZONES[z]]
        p = (round(x), round(y))
        pygame.draw.circle(surf, pal["shadow"], (p[0] + 1, p[1] + 2), r)
        pygame.draw.circle(surf, c, p, r)
        pygame.draw.circle(surf, (250, 240, 210), p, r, 1)
        if ctx.colour_blind:
            draw_shape(surf, SHAPES[ZONES[z]], p, max(2, r // 2), (20, 20, 20))


# ---------------------------------------------------------------------------
# the table layer
# ---------------------------------------------------------------------------


def seat_points(roles: tuple[Role, ...]) -> dict[Role, tuple[float, float]]:
    """Each seat's centre around the round table, in design units; the first seat at the top."""
    n = len(roles)
    out = {}
    cx, cy = TABLE_CENTER
    for i, r in enumerate(roles):
        ang = -math.pi / 2 + 2 * math.pi * i / n
        # a little above the felt's centre and flatter: a seat at the bottom (even seat counts)
        # keeps its name and IP line inside the table panel
        out[r] = (cx + 232 * math.cos(ang), cy - 12 + 104 * math.sin(ang))
    return out


def seat_positions(ctx: Ctx, roles: tuple[Role, ...]) -> dict[Role, tuple[int, int]]:
    return {r: ctx.p(x, y) for r, (x, y) in seat_points(roles).items()}


# how far above a seat's centre its marks reach (design units): the emblem (25), the ring of the
# seat to move (31) and the tick of a cast ballot (a circle of 9 on the emblem's top-right corner)
SEAT_MARKS_UP = 34
SEAT_NAME_DOWN = 29  # where a seat's name starts below its centre


def tip_box(roles: tuple[Role, ...]) -> tuple[float, float, float, float]:
    """The first-game tip's box (design units) in the round table's top-left corner, clear of
    every seat's emblem, turn ring and ballot tick: TIP_BOX, made shorter over a seat in that
    corner (five or six places at the table, rules-run seats included) and then, if it stays above the top seat's name, as wide as the
    room left of the top seat allows, so the tip keeps its lines."""
    x, y, w, h = (float(v) for v in TIP_BOX)
    pts = seat_points(roles)
    if not roles:
        return x, y, w, h
    top = roles[0]
    for r, (px, py) in pts.items():
        if r != top and px - SEAT_MARKS_UP < x + w and py - SEAT_MARKS_UP < y + h:
            h = min(h, py - SEAT_MARKS_UP - 2 - y)
    tx, ty = pts[top]
    if h < TIP_BOX[3] and y + h + 2 <= ty + SEAT_NAME_DOWN:
        w = max(w, tx - SEAT_MARKS_UP - 4 - x)
    return x, y, w, h


def _header(surf: pygame.Surface, ctx: Ctx, box: tuple[float, float, float, float], title: str) -> pygame.Rect:
    r = ctx.r(*box)
    ctx.panel(surf, r)
    ctx.blit_text(surf, title.upper(), 12.5, (r.left + ctx.d(12), r.top + ctx.d(8)), "accent", "bold")
    return r


def draw_top_bar(surf: pygame.Surface, ctx: Ctx, view: PlayerView, public: bool, status: str) -> None:
    note_view("top_bar", view)
    r = ctx.r(*TOP)
    pygame.draw.rect(surf, ctx.pal["bg2"], r)
    pygame.draw.line(surf, ctx.pal["accent_dark"], r.bottomleft, r.bottomright, ctx.d(2))
    draw_emblem(surf, Role.M, ctx.p(30, 25), ctx.d(15), ctx.pal["accent"])
    ctx.blit_text(surf, t("ui.title.name"), 20, ctx.p(54, 25), "text", "bold", anchor="midleft")
    rounds = view.scenario.rules.rounds
    mid = t("ui.top.round", round=view.round, rounds=rounds) + "  ·  " + t(f"ui.phase.{view.phase.value}")
    ctx.blit_text(surf, mid, 17, ctx.p(560, 25), "text", "bold", anchor="center")
    # a view with no seat is always public (``is_public``): only a seat's view names its viewer
    who = t("ui.top.public") if public or view.seat is None else t("ui.top.viewing", name=view.name_of(view.seat))
    ctx.blit_text(surf, who, 14, ctx.p(1000, 25), "dim" if public else "accent", anchor="midright")
    if status:
        ctx.blit_text(surf, status, 14, ctx.p(756, 25), "warn", "bold", anchor="midleft", max_w=ctx.d(110))


def draw_tracks(surf: pygame.Surface, ctx: Ctx, view: PlayerView) -> None:
    note_view("tracks", view)
    r = _header(surf, ctx, TRACKS_BOX, t("ui.tracks.title"))
    pal = ctx.pal
    for k, tr in enumerate(TRACKS):
        y = TRACKS_BOX[1] + 36 + k * 51
        val = getattr(view.tracks, tr)
        col = pal[tr]
        x0 = TRACKS_BOX[0] + 14
        if ctx.colour_blind:
            draw_shape(surf, SHAPES[tr], ctx.p(x0 + 5, y + 9), ctx.d(5), col)
            x0 += 16
        ctx.blit_text(surf, t(f"ui.track.{tr}"), 15, ctx.p(x0, y), "text", "bold")
        ctx.blit_text(surf, str(val), 19, ctx.p(TRACKS_BOX[0] + 266, y - 2), col, "bold", anchor="topright")
        # eleven cells 0..10; danger cells outlined
        for c in range(11):
            cell = ctx.r(TRACKS_BOX[0] + 14 + c * 23.2, y + 25, 20, 12)
            filled = c <= val if tr != "E" else c <= val
            pygame.draw.rect(surf, col if filled and c > 0 else pal["bg"], cell, border_radius=ctx.d(3))
            if c == 0:
                pygame.draw.rect(surf, pal["line"], cell, 1, border_radius=ctx.d(3))
        peak = getattr(view.peaks, tr)
        if peak > val:
            pr = ctx.r(TRACKS_BOX[0] + 14 + peak * 23.2, TRACKS_BOX[1] + 36 + k * 51 + 25, 20, 12)
            pygame.draw.rect(surf, col, pr, 1, border_radius=ctx.d(3))
        drift = labels.drift_ahead(view) if tr == "E" else None
        if drift is not None:
            # what the end of the round adds if Peace stays low, in the cells it would fill, and
            # said beside the name (play-test: a table drifted from 7 to 10 and lost with no warning)
            n, lethal = drift
            warn = "bad" if lethal else "warn"
            for c in range(val + 1, min(10, val + n) + 1):
                pygame.draw.rect(surf, pal[warn], ctx.r(TRACKS_BOX[0] + 14 + c * 23.2, y + 25, 20, 12), ctx.d(2),
                                 border_radius=ctx.d(3))
            name_w = ctx.font(15, "bold").size(t(f"ui.track.{tr}"))[0]
            room = ctx.d(TRACKS_BOX[0] + 240) - (ctx.p(x0, y)[0] + name_w + ctx.d(8))
            key = "ui.track.E.drift_lethal" if lethal else "ui.track.E.drift"
            for words in (t(key, n=n), t(key + ".short", n=n)):  # the short words at a large text size
                if ctx.font(11.5 * 0.8, "bold").size(words)[0] <= room:
                    size = ctx.fit(words, 11.5, room, 0, "bold", min_scale=0.8)[0]
                    ctx.blit_text(surf, words, size, ctx.p(TRACKS_BOX[0] + 240, y + 3), warn, "bold",
                                  anchor="topright", max_w=room)
                    break
    _ = r


def draw_track_flash(surf: pygame.Surface, ctx: Ctx, flashes: dict[str, tuple[float, int]]) -> None:
    """A fading outline on each track that just changed (drawn every frame, over the cached table)."""
    for k, (left, sign) in flashes.items():
        i = TRACKS.index(k)
        r = ctx.r(TRACKS_BOX[0] + 6, TRACKS_BOX[1] + 32 + i * 51, TRACKS_BOX[2] - 12, 46)
        a = min(1.0, left / 1.0)
        col = ctx.pal["good" if (sign > 0) == (k in ("P", "C")) else "bad"]
        glow = pygame.Surface(r.size, pygame.SRCALPHA)
        pygame.draw.rect(glow, (*col, int(60 * a)), glow.get_rect(), border_radius=ctx.d(6))
        pygame.draw.rect(glow, (*col, int(220 * a)), glow.get_rect(), ctx.d(2), border_radius=ctx.d(6))
        surf.blit(glow, r)


def draw_turn_pulse(surf: pygame.Surface, ctx: Ctx, view: PlayerView, clock: float) -> None:
    """A slow breathing ring around the seat whose turn it is (public: everyone sees who acts)."""
    pos = seat_positions(ctx, view.roles)
    p = pos.get(view.to_move) if view.to_move else None
    if p is None:
        return
    phase = (math.sin(clock * 3.2) + 1) / 2
    r = ctx.d(31 + 5 * phase)
    # it passes behind the seat's name card (whose top is 2 above the name): at its widest it
    # would run along the name's letters, at a large text size through them
    clip = surf.get_clip()
    surf.set_clip(clip.clip(pygame.Rect(0, 0, surf.get_width(), p[1] + ctx.d(SEAT_NAME_DOWN) - ctx.d(2))))
    pygame.draw.circle(surf, ctx.pal["accent"], p, r, max(1, ctx.d(1 + phase)))
    surf.set_clip(clip)


def draw_odds(surf: pygame.Surface, ctx: Ctx, view: PlayerView) -> None:
    from game.core import epilogue_odds

    note_view("odds", view)
    r = _header(surf, ctx, ODDS_BOX, t("ui.odds.title"))
    odds = epilogue_odds(view.scenario, view.tracks.G, view.tracks.C)
    col = "good" if odds < 25 else ("warn" if odds < 50 else "bad")
    # three rows at any text size: the header (with the Peace Fund's label on its right), the big
    # figures, and the caption under them; the figures take the room between (smaller if the
    # text size would make them run into the caption)
    head_w = ctx.font(12.5, "bold").size(t("ui.odds.title").upper())[0]
    x = max(r.left + ctx.d(150), r.left + ctx.d(12) + head_w + ctx.d(14))
    ctx.blit_text(surf, t("ui.fund.title"), 12.5, (x, r.top + ctx.d(8)), "dim", "bold", max_w=r.right - ctx.d(6) - x)
    head = r.top + ctx.d(8) + ctx.font(12.5, "bold").get_linesize()
    sub = t("ui.odds.sub")
    ssize = ctx.fit(sub, 12.5, r.width - ctx.d(28), ctx.font(12.5).get_linesize())[0]
    sub_top = r.bottom - ctx.d(5) - ctx.font(ssize).get_linesize()
    ctx.blit_text(surf, sub, ssize, (r.left + ctx.d(14), sub_top), "dim", max_w=r.width - ctx.d(28))
    ctx.figure(surf, f"{odds}%", 34, r.left + ctx.d(14), head + ctx.d(2), sub_top - ctx.d(2), col)
    fig = ctx.figure(surf, str(view.fund), 34, x, head + ctx.d(2), sub_top - ctx.d(2), "redirected")
    spent = t("ui.fund.spent", n=view.fund_spent)
    room = r.right - ctx.d(6) - fig.right - ctx.d(10)
    size = ctx.fit(spent, 12.5, room, ctx.font(12.5).get_linesize(), min_scale=0.7)[0]
    ctx.blit_text(surf, spent, size, (fig.right + ctx.d(10), fig.bottom + ctx.d(2)), "dim", anchor="bottomleft",
                  max_w=room)


INFRA_CARD_W, INFRA_CARD_H = 82, 86  # a card of the row of three (design units)


def infra_name_size(ctx: Ctx, name: str, width: int) -> float | None:
    """The size a tall card's name is drawn at: 11.5, or smaller until its longest word
    (Reconstruction) fits ``width``, down to the size it has at the usual text size; None when
    even that is too wide (the cards are then laid out two by two, see ``infra_cards``)."""
    size = 11.5
    floor = 8 / max(1.0, ctx.text_scale)
    words = name.split() or [name]
    while True:
        if max(ctx.font(size, "bold").size(w)[0] for w in words) <= width:
            return size
        if size <= floor:
            return None
        size -= 0.5


def infra_cards(ctx: Ctx, view: PlayerView) -> list[tuple[str, pygame.Rect]]:
    """Each card for sale and where it lies: three across the panel, or two by two when
    Ceasefire Monitors have joined the row (pt2 play-test: only the first three were drawn, so
    the Monitors that Admit monitors put up never showed) or when a name's longest word would
    not fit a card of three across (play-test at 1024x576: "Demining & Reconstructi…"; the
    smallest font is 8 pixels, so a small window cannot shrink the word any further)."""
    n = len(view.infra_row)
    tall = ctx.r(0, 0, INFRA_CARD_W, INFRA_CARD_H).width - ctx.d(10)
    if n <= 3 and all(infra_name_size(ctx, view.scenario.infra(i).name, tall) is not None for i in view.infra_row):
        return [(iid, ctx.r(INFRA_BOX[0] + 10 + k * 88, INFRA_BOX[1] + 30, INFRA_CARD_W, INFRA_CARD_H))
                for k, iid in enumerate(view.infra_row)]
    # two columns of short cards (four across left "Reconstruction" no room to be read)
    rows = (n + 1) // 2
    h = (86 - 4 * (rows - 1)) / rows
    return [(iid, ctx.r(INFRA_BOX[0] + 10 + (k % 2) * 132, INFRA_BOX[1] + 30 + (k // 2) * (h + 4), 126, h))
            for k, iid in enumerate(view.infra_row)]


def draw_infra(surf: pygame.Surface, ctx: Ctx, view: PlayerView) -> None:
    note_view("infra", view)
    r = _header(surf, ctx, INFRA_BOX, t("ui.infra.title", built=len(view.built)))
    sc = view.scenario
    for iid, card in infra_cards(ctx, view):
        spec = sc.infra(iid)
        affordable = spec.cost <= view.fund
        ctx.panel(surf, card, "panel_hi", "redirected" if affordable else "line", radius=6, shadow=False)
        short = card.height < ctx.d(60)  # a short card: the cost at the right, the name beside it
        cost = ctx.blit_text(surf, str(spec.cost), 16 if short else 20,
                             (card.right - ctx.d(6), card.centery if short else card.top + ctx.d(2)), "redirected",
                             "bold", anchor="midright" if short else "topright")
        if short:
            box = pygame.Rect(card.left + ctx.d(6), card.top + ctx.d(2), cost.left - card.left - ctx.d(10),
                              card.height - ctx.d(4))
            size = ctx.fit(spec.name, 10.5, box.width, box.height, "bold", min_scale=0.75)[0]
            lines = ctx.wrap(spec.name, size, box.width, "bold")
            top = box.centery - len(lines) * ctx.font(size, "bold").get_linesize() // 2
            ctx.blit_wrapped(surf, spec.name, size, pygame.Rect(box.left, top, box.width, box.bottom - top), "text", "bold")
            continue
        # long words (Reconstruction) must fit the card: at a large text size down to the size
        # they have at the usual one, rather than cut (``infra_cards`` chose this layout so)
        size = infra_name_size(ctx, spec.name, card.width - ctx.d(10)) or 8 / max(1.0, ctx.text_scale)
        ctx.blit_wrapped(surf, spec.name, size, pygame.Rect(card.left + ctx.d(6), card.top + ctx.d(28), card.width - ctx.d(10),
                                                             card.height - ctx.d(30)), "text", "bold")
    _ = r


def draw_brief(surf: pygame.Surface, ctx: Ctx, view: PlayerView, public: bool) -> None:
    note_view("brief", view)
    r = _header(surf, ctx, BRIEF_BOX, t("ui.brief.title") if not public else t("ui.brief.public_title"))
    inner = pygame.Rect(r.left + ctx.d(12), r.top + ctx.d(28), r.width - ctx.d(24), r.height - ctx.d(34))
    if public:
        ctx.blit_wrapped(surf, t("ui.brief.public"), 13, inner, "dim")
        return
    sc = view.scenario
    parts: list[tuple[str, float, str, str]] = []  # (text, size, colour, style), top to bottom
    if view.agenda:
        ag = sc.agenda(view.agenda)
        parts += [(t("ui.brief.agenda", name=ag.name), 14, "accent", "bold"), (ag.text, 12.5, "dim", "regular")]
        decided = agenda_decided(view, view.agenda)  # settled before the end: say so
        if decided is not None:
            parts.append((t("ui.brief.agenda_met" if decided else "ui.brief.agenda_lost"), 12.5,
                          "good" if decided else "bad", "bold"))
    if view.seat is not None and view.plays(view.seat):
        # the points as things stand, right of the title (play-test: VP appeared only on the end
        # screen, while the AIs spoke of "points to my expected final score"); their lines in
        # the brief's tip
        vp = sum(x.points for x in score_lines(view, view.seat))
        title_w = ctx.font(12.5, "bold").size(t("ui.brief.title").upper())[0]
        ctx.blit_text(surf, t("ui.brief.points", vp=vp), 12, (r.right - ctx.d(12), r.top + ctx.d(8)), "text", "bold",
                      anchor="topright", max_w=r.width - title_w - ctx.d(36))
    if view.hand:
        names = []
        for c in view.hand:
            if view.seat == Role.S:
                names.append(sc.concession(c).name)
            else:
                names.append(t(f"ui.card.{c}"))
        parts.append((t("ui.brief.hand", cards=", ".join(names)), 12.5, "text", "regular"))
    # every word of the brief: made smaller as a whole when a large text size needs it
    gap = ctx.d(2)
    f = 1.0
    while f > 0.6:
        need = sum(len(ctx.wrap(x, sz * f, inner.width, st)) * ctx.font(sz * f, st).get_linesize() + gap
                   for x, sz, _, st in parts)
        if need <= inner.height + gap:
            break
        f -= 0.05
    y = inner.top
    for x, sz, col, st in parts:
        y += ctx.blit_wrapped(surf, x, sz * f, pygame.Rect(inner.left, y, inner.width, inner.bottom - y), col, st) + gap


def name_plate(surf: pygame.Surface, ctx: Ctx, words: pygame.Rect) -> None:
    """A name card behind a seat's words, in the panel's own colour: the rim and the felt never
    run through them."""
    card = words.inflate(ctx.d(10), ctx.d(4))
    pygame.draw.rect(surf, ctx.pal["bg2"], card, border_radius=ctx.d(5))
    pygame.draw.rect(surf, ctx.pal["line"], card, max(1, ctx.d(1)), border_radius=ctx.d(5))


def draw_round_table(surf: pygame.Surface, ctx: Ctx, view: PlayerView, humans: tuple[Role, ...],
                     ai_tags: dict[Role, str]) -> None:
    note_view("round_table", view)
    pal = ctx.pal
    box = ctx.r(*TABLE_BOX)
    ctx.panel(surf, box, "bg2")
    cx, cy = TABLE_CENTER
    outer = ctx.r(cx - 196, cy - 94, 392, 188)
    pygame.draw.ellipse(surf, pal["shadow"], outer.move(ctx.d(4), ctx.d(6)))
    pygame.draw.ellipse(surf, pal["felt_edge"], outer)
    felt = outer.inflate(-ctx.d(16), -ctx.d(16))
    pygame.draw.ellipse(surf, pal["felt"], felt)
    pygame.draw.ellipse(surf, (36, 84, 74), felt, ctx.d(2))
    pos = seat_positions(ctx, view.roles)
    tip = tip_box(view.roles)
    # the negotiation under way: a line from the one who offers to the one who answers
    if view.bargain is not None and view.phase == Phase.BARGAIN:
        by = view.bargain.offer.by
        other = view.bargain.to_move
        if by in pos and other in pos:
            draw_arrow(surf, pal["accent"], pos[by], pos[other], ctx.d(3))
    resolved = any(m.status in (MotionStatus.PASSED, MotionStatus.FAILED, MotionStatus.VOID) for m in view.motions)
    revealed = dict(view.votes_revealed) if resolved and view.phase != Phase.VOTE else {}
    taken: list[pygame.Rect] = []  # every seat's emblem and words: the felt's words keep clear of them
    hands: list[tuple[str, tuple[int, int], pygame.Rect]] = []
    grow = min(1.0, 1.15 / ctx.text_scale)
    for role, p in pos.items():
        automated = role in view.automated
        col = pal[role.value] if not automated else (90, 96, 108)
        rad = ctx.d(SEAT_R)
        draw_emblem(surf, role, p, rad, col)
        name = view.name_of(role)
        # the whole name, inside the table panel (a side seat has less room) and clear of the
        # tip box in the panel's top-left corner (tip_box)
        # (its name card, ``name_plate``, reaches 5 beyond the words and keeps 4 from the edge)
        room = min(ctx.d(170), 2 * (p[0] - box.left - ctx.d(9)), 2 * (box.right - ctx.d(9) - p[0]))
        tip_right, tip_bottom = ctx.p(tip[0] + tip[2], tip[1] + tip[3])
        if p[1] + rad + ctx.d(SEAT_NAME_GAP) < tip_bottom and p[0] > tip_right:
            room = min(room, 2 * (p[0] - tip_right - ctx.d(11)))
        ring = pygame.Rect(0, 0, 2 * (rad + ctx.d(6)), 2 * (rad + ctx.d(6)))
        ring.center = p
        taken.append(ring)
        # a seat's words grow at most 15% with the text size: the seats keep their places round
        # the table, so larger words would run into the next seat's and the felt's
        nsize = ctx.fit(name, 13.5 * grow, room, ctx.font(13.5 * grow, "bold").get_linesize(), "bold",
                        min_scale=0.6)[0]
        npos = (p[0], p[1] + rad + ctx.d(SEAT_NAME_GAP))
        nrect = ctx.text_rect(name, nsize, npos, "bold", anchor="midtop", max_w=room)
        if automated:
            tag = t("ui.seat.automated")
        else:
            tag = t("ui.seat.ip", n=view.ip_of(role)) + "  ·  " + (
                t("ui.seat.human") if role in humans else ai_tags.get(role, t("ui.seat.ai")))
        tsize = ctx.fit(tag, 12 * grow, room, ctx.font(12 * grow).get_linesize(), min_scale=0.6)[0]
        # below the name, however tall the name's line is at this text size
        tpos = (p[0], max(nrect.top + ctx.d(18), nrect.bottom))
        trect = ctx.text_rect(tag, tsize, tpos, anchor="midtop", max_w=room)
        # a name card behind the words, so the table's rim never runs through them
        name_plate(surf, ctx, nrect.union(trect))
        ctx.blit_text(surf, name, nsize, npos, "text", "bold", anchor="midtop", max_w=room)
        taken += [nrect, ctx.blit_text(surf, tag, tsize, tpos, "dim", anchor="midtop", max_w=room)]
        if view.to_move == role:  # the turn ring, over the top edge of the seat's name card
            pygame.draw.circle(surf, pal["accent"], p, rad + ctx.d(6), ctx.d(3))
        if view.phase == Phase.VOTE and role in view.voted:
            # a drawn tick: the ballot is in (its content stays sealed)
            bx, by_ = p[0] + rad, p[1] - rad
            pygame.draw.circle(surf, pal["good"], (bx, by_), ctx.d(9))
            pygame.draw.lines(surf, (10, 30, 16), False, [(bx - ctx.d(4), by_), (bx - ctx.d(1), by_ + ctx.d(4)),
                                                         (bx + ctx.d(5), by_ - ctx.d(4))], ctx.d(2))
        if revealed and role in revealed:
            # the revealed ballot, one chip per motion: green yes, red no
            ballot = revealed[role]
            cw = ctx.d(15)
            x0 = p[0] + rad + ctx.d(4)
            for j, ch in enumerate(ballot[:6]):
                chip = pygame.Rect(x0 + j * (cw + ctx.d(2)), p[1] - rad - ctx.d(2), cw, ctx.d(15))
                pygame.draw.rect(surf, pal["good"] if ch == "Y" else pal["bad"], chip, border_radius=ctx.d(3))
                ctx.blit_text(surf, ch, 10.5, chip.center, (16, 20, 26), "bold", anchor="center")
        hs = view.hand_sizes[view.idx(role)]
        if hs and role in (Role.S, Role.A):
            # left of the turn ring (rad + 6, 3 wide) with its name card's edge (5) clear of it
            hands.append((t("ui.seat.cards", n=hs), (p[0] - rad - ctx.d(SEAT_HAND_GAP), p[1]), ring))
    for words, at, own in hands:  # after every seat's name: a count left of its emblem never covers one
        hsize = 11.5 * grow
        img_w, img_h = ctx.font(hsize).size(words)
        spot = pygame.Rect(at[0] - img_w, at[1] - img_h // 2, img_w, img_h)
        while any(spot.colliderect(r) for r in taken if r is not own) and hsize > 11.5 * 0.7:
            hsize -= 0.5
            img_w, img_h = ctx.font(hsize).size(words)
            spot = pygame.Rect(at[0] - img_w, at[1] - img_h // 2, img_w, img_h)
        name_plate(surf, ctx, ctx.text_rect(words, hsize, at, anchor="midright"))
        taken.append(ctx.blit_text(surf, words, hsize, at, "dim", anchor="midright"))
    draw_felt_words(surf, ctx, view, felt, taken)


def _line_h(ctx: Ctx, size: float, style: str = "regular") -> int:
    """The height a drawn line of this font takes (its image can be taller than its line spacing)."""
    f = ctx.font(size, style)
    return max(f.get_linesize(), f.get_height())


def draw_felt_words(surf: pygame.Surface, ctx: Ctx, view: PlayerView, felt: pygame.Rect,
                    taken: list[pygame.Rect]) -> None:
    """The table's title, its motions and its deals on the felt, in the room the seats leave: as
    they stand at the usual text size, moved down below the top seat's words and made smaller
    (the title left out last) when a large text size needs it; never across a seat's words."""
    cx = felt.centerx
    lines = [(t("ui.table.board"), 13.0, (170, 200, 186), "bold"),
             (labels.tn("ui.table.motions", len(view.motions)), 15.0, ctx.pal["text"], "bold"),
             (labels.tn("ui.table.deals", sum(1 for d in view.deals if d.status == DealStatus.ACTIVE)), 13.0,
              (190, 214, 200), "regular")]
    mid = pygame.Rect(cx - ctx.d(40), felt.top, ctx.d(80), felt.height)  # the felt's middle column
    top = max([felt.top + ctx.d(12)] + [r.bottom + ctx.d(2) for r in taken
                                         if r.colliderect(mid) and r.centery < felt.centery])
    bottom = min([felt.bottom - ctx.d(8)] + [r.top - ctx.d(2) for r in taken
                                              if r.colliderect(mid) and r.centery > felt.centery])
    natural = [ctx.p(0, TABLE_CENTER[1] + dy)[1] for dy in (-40, -12, 12)]  # each line's centre, as designed
    for f in (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.0):
        show = lines if f else lines[1:]  # no room even small: the title goes, the motions and deals stay
        centres = natural if f else natural[1:]
        fs = f or 0.7
        lhs = [_line_h(ctx, sz * fs, st) for _, sz, _, st in show]
        # centres as designed, further apart if the lines are taller than that
        ys = [0.0]
        for k in range(1, len(show)):
            ys.append(ys[-1] + max(centres[k] - centres[k - 1], (lhs[k - 1] + lhs[k]) / 2))
        height = ys[-1] + (lhs[0] + lhs[-1]) / 2
        if height <= bottom - top or not f:
            break
    first = centres[0] - lhs[0] / 2  # where the block starts as designed (ys: centres from the first one)
    start = max(top, min(first, bottom - height))
    for (words, size, col, style), lh, y in zip(show, lhs, ys, strict=True):
        band = pygame.Rect(felt.left, round(start + lhs[0] / 2 + y - lh / 2), felt.width, lh)
        # the felt's width at this height, less any seat's words beside the line
        rel = (band.centery - felt.centery) / max(1, felt.height / 2)
        half = felt.width / 2 * math.sqrt(max(0.0, 1 - rel * rel)) - ctx.d(10)
        for r in taken:
            if r.colliderect(band):
                half = min(half, cx - r.right - ctx.d(6) if r.centerx < cx else r.left - cx - ctx.d(6))
        width = max(ctx.d(40), int(2 * half))
        sz = ctx.fit(words, size * fs, width, lh, style, min_scale=0.6)[0]
        ctx.blit_text(surf, words, sz, (cx, band.top + (lh - _line_h(ctx, sz, style)) // 2), col, style,
                      anchor="midtop", max_w=width)


def binding_allowance(view: PlayerView, skip_motion: int | None = None) -> int | None:
    """Tranches the round's allowance leaves for a Deal or Mobilize, while it (not the Vault) is
    what limits one; None otherwise."""
    left = allowance_left(view, skip_motion)
    return left if left is not None and not view.is_over and left < view.vault // view.scenario.tranche else None


def draw_zones(surf: pygame.Surface, ctx: Ctx, view: PlayerView) -> None:
    note_view("zones", view)
    total = sum(zone_counts(view))
    title = t("ui.vault.title", total=total, bn=total * view.scenario.token_value_bn)
    r = _header(surf, ctx, ZONES_BOX, title)
    pal = ctx.pal
    for z, name in enumerate(ZONES):
        zr = zone_rect(ctx, z)
        pygame.draw.rect(surf, pal["bg"], zr, border_radius=ctx.d(6))
        pygame.draw.rect(surf, pal[name], zr, 1, border_radius=ctx.d(6))
        x = zr.left + ctx.d(7)
        if ctx.colour_blind:
            draw_shape(surf, SHAPES[name], (x + ctx.d(4), zr.top + ctx.d(11)), ctx.d(4), pal[name])
            x += ctx.d(12)
        # a name too wide for its column (a large text size, the colour-blind shape before it)
        # is set a little smaller rather than cut ("Redirect...")
        label, room = t(f"ui.zone.{name}"), zr.right - x - ctx.d(4)
        ctx.blit_text(surf, label, ctx.fit(label, 12.5, room, 0, "bold", min_scale=0.72)[0], (x, zr.top + ctx.d(3)),
                      name, "bold", max_w=room)
        n = zone_counts(view)[z]
        ctx.blit_text(surf, t("ui.zone.count", n=n, bn=n * view.scenario.token_value_bn), 11.5,
                      (zr.left + ctx.d(7), zr.top + ctx.d(19)), "dim")
    left = binding_allowance(view)
    if left is not None:  # right of the title
        title_w = ctx.font(12.5, "bold").size(title.upper())[0]
        ctx.blit_text(surf, t("ui.vault.allowance", left=left, cap=view.scenario.rules.max_tranches_per_round), 12,
                      (r.right - ctx.d(12), r.top + ctx.d(8)), "text" if left else "warn", "bold", anchor="topright",
                      max_w=r.width - title_w - ctx.d(36))


STATUS_COLOUR = {"tabled": "info", "agreed": "good", "walked": "warn", "passed": "good", "failed": "bad",
                 "void": "faint"}


def motion_status(m: Motion) -> tuple[str, str]:
    """The status chip's word and colour: a motion the Chair switched before the vote reads
    SWITCHED, not AGREED (play-test: what was agreed in bargaining no longer binds)."""
    if m.switched and m.status in (MotionStatus.TABLED, MotionStatus.AGREED, MotionStatus.WALKED):
        return t("ui.motion.status.switched"), "warn"
    return t(f"ui.motion.status.{m.status.value}"), STATUS_COLOUR[m.status.value]


MOTION_SIZE, DEAL_SIZE = 13.0, 12.5


@dataclass(frozen=True)
class MotionsLayout:
    """How the Motions panel fits this round's motions and the deals: each motion on two lines
    while they all fit, else on one line each; then as many as fit, with a line saying how many
    more (play-test: a fourth motion at 130% text vanished without a word; the tooltip lists
    every one)."""

    lines: int  # lines per motion, 2 or 1
    motions: int  # motions shown
    deals: int  # deals shown

    def cut(self, view: PlayerView) -> bool:
        """Some motion or deal is not shown whole (one line each may end in an ellipsis)."""
        return self.lines == 1 or self.motions < len(view.motions) or self.deals < len(view.deals)


def _motion_rows(ctx: Ctx, view: PlayerView, inner: pygame.Rect) -> list[tuple[str, tuple[str, str], int]]:
    """(words, status chip's word and colour, width left for the words) of each motion."""
    out = []
    for m in view.motions:
        chip = motion_status(m)
        out.append((labels.motion_words(view, m), chip, inner.width - ctx.font(11.5, "bold").size(chip[0])[0] - ctx.d(8)))
    return out


def motion_size(ctx: Ctx, rows: list[tuple[str, tuple[str, str], int]], lines: int) -> float:
    """One size for every motion on the panel, the smallest any needs to fit its ``lines``
    (down to 72% on two lines, 80% on one), so that the list reads as a list."""
    one = ctx.font(MOTION_SIZE).get_linesize()
    return min((ctx.fit(w, MOTION_SIZE, mw, lines * one, min_scale=0.72 if lines == 2 else 0.8)[0] for w, _, mw in rows),
               default=MOTION_SIZE)


def _motion_heights(ctx: Ctx, rows: list[tuple[str, tuple[str, str], int]], lines: int) -> list[int]:
    """Each motion's height on the panel, on at most ``lines`` lines at ``motion_size``."""
    size = motion_size(ctx, rows, lines)
    lh = ctx.font(size).get_linesize()
    return [max(min(len(ctx.wrap(w, size, mw)), lines) * lh, ctx.d(18)) + ctx.d(5) for w, _, mw in rows]


def deals_in_order(view: PlayerView) -> list[Deal]:
    """The deals as the panel lists them: running deals first, then the most recent finished ones."""
    return sorted(view.deals, key=lambda d: (d.status != DealStatus.ACTIVE, -d.id))


# How far (design units) the Motions panel may reach down into the log's place; the log keeps
# the rest, and scrolls back over what it no longer shows
MOTIONS_GROW_MAX = 150
_grow_cache: dict[tuple[object, ...], int] = {}


def _inner(ctx: Ctx, box: tuple[float, float, float, float]) -> pygame.Rect:
    r = ctx.r(*box)
    return pygame.Rect(r.left + ctx.d(12), r.top + ctx.d(28), r.width - ctx.d(24), r.height - ctx.d(34))


def _deals_room(ctx: Ctx, view: PlayerView) -> tuple[int, int, int, int]:
    """(the Deals title and the gap above it, one deal's two lines, a "... and N more" line,
    what the motions leave the deals at the least: their title and one deal, or a line)."""
    deal_lh = 2 * ctx.font(DEAL_SIZE).get_linesize() + ctx.d(3)
    head = ctx.d(19) + ctx.d(8)
    more = ctx.d(18)
    return head, deal_lh, more, head + (deal_lh if view.deals else ctx.d(18))


def motions_grow(ctx: Ctx, view: PlayerView) -> int:
    """How far (design units) the Motions panel reaches into the log's place this round: as far
    as every motion needs to show whole on its own lines, with the Deals title and a deal (and
    the line saying how many more) under them; at most ``MOTIONS_GROW_MAX`` (play-test: at 100%
    text four motions went to one line each, cut: "...for 2 tranches ($7..."); 0 with room."""
    rows = _motion_rows(ctx, view, _inner(ctx, MOTIONS_BOX))
    key = (ctx.width, ctx.height, ctx.text_scale, tuple((w, c) for w, c, _ in rows), len(view.deals))
    got = _grow_cache.get(key)
    if got is None:
        _, _, more, below = _deals_room(ctx, view)
        need = sum(_motion_heights(ctx, rows, 2)) + below + (more if len(view.deals) > 1 else 0)
        over = need - _inner(ctx, MOTIONS_BOX).height
        got = min(MOTIONS_GROW_MAX, math.ceil(over / ctx.s) + 1) if rows and over > 0 else 0  # (+1: rounding)
        if len(_grow_cache) > 64:
            _grow_cache.clear()
        _grow_cache[key] = got
    return got


def motions_box(ctx: Ctx, view: PlayerView) -> tuple[float, float, float, float]:
    """The Motions panel this round (design units): ``MOTIONS_BOX``, grown by ``motions_grow``."""
    x, y, w, h = MOTIONS_BOX
    return x, y, w, h + motions_grow(ctx, view)


def log_box(ctx: Ctx, view: PlayerView) -> tuple[float, float, float, float]:
    """The log panel this round (design units): what the Motions panel above it leaves."""
    x, y, w, h = LOG_BOX
    g = motions_grow(ctx, view)
    return x, y + g, w, h - g


def motions_inner(ctx: Ctx, view: PlayerView) -> pygame.Rect:
    return _inner(ctx, motions_box(ctx, view))


def motions_layout(ctx: Ctx, view: PlayerView) -> MotionsLayout:
    inner = motions_inner(ctx, view)
    rows = _motion_rows(ctx, view, inner)
    head, deal_lh, more, below = _deals_room(ctx, view)
    # the motions first, leaving the deals their title and one deal (when there are any)
    room = inner.height - below
    lines, shown = 2, len(rows)
    heights = _motion_heights(ctx, rows, 2)
    if sum(heights) > room:
        lines = 1
        heights = _motion_heights(ctx, rows, 1)
        while shown and sum(heights[:shown]) + (more if shown < len(rows) else 0) > room:
            shown -= 1
    used = max(sum(heights[:shown]) + (more if shown < len(rows) else 0), ctx.d(22) if not rows else 0)
    left = inner.height - max(used, ctx.d(8)) - head
    deals = min(len(view.deals), max(0, left // deal_lh))
    if deals < len(view.deals) and deals and left - deals * deal_lh < more:
        deals -= 1  # room for the line that says how many more
    return MotionsLayout(lines, shown, deals)


def draw_motions(surf: pygame.Surface, ctx: Ctx, view: PlayerView) -> None:
    note_view("motions", view)
    _header(surf, ctx, motions_box(ctx, view), t("ui.motions.title", round=view.round))
    inner = motions_inner(ctx, view)
    lay = motions_layout(ctx, view)
    y = inner.top
    if not view.motions:
        ctx.blit_text(surf, t("ui.motions.none"), 13, (inner.left, y), "faint")
        y += ctx.d(22)
    every = _motion_rows(ctx, view, inner)
    rows = every[:lay.motions]
    # one size for them all (``motion_size``); on one line each, what still does not fit ends in
    # an ellipsis, and the tooltip has it whole
    size = motion_size(ctx, every, lay.lines)  # as ``motions_layout`` measured them
    lh = ctx.font(size).get_linesize()
    for words, (word, col), mw in rows:
        chip = ctx.text(word, 11.5, col, "bold")
        surf.blit(chip, chip.get_rect(topright=(inner.right, y + ctx.d(1))))
        if lay.lines == 1:
            ctx.blit_text(surf, words, size, (inner.left, y), max_w=mw)
            used = lh
        else:
            used = ctx.blit_wrapped(surf, words, size, pygame.Rect(inner.left, y, mw, 2 * lh))
        y += max(used, ctx.d(18)) + ctx.d(5)
    if lay.motions < len(view.motions):
        ctx.blit_text(surf, t("ui.motions.more", n=len(view.motions) - lay.motions), 12, (inner.left, y), "warn")
        y += ctx.d(18)
    deals = deals_in_order(view)
    y = max(y, inner.top + ctx.d(8))
    ctx.blit_text(surf, t("ui.deals.title"), 12.5, (inner.left, y), "accent", "bold")
    y += ctx.d(19)
    if not deals:
        ctx.blit_text(surf, t("ui.deals.none"), 13, (inner.left, y), "faint")
    for d in deals[:lay.deals]:
        words = labels.deal_words(view, d)
        dh = 2 * ctx.font(DEAL_SIZE).get_linesize()
        y += ctx.blit_wrapped(surf, words, ctx.fit(words, DEAL_SIZE, inner.width, dh)[0],
                              pygame.Rect(inner.left, y, inner.width, dh),
                              CHANNEL_COLOUR[d.channel.value] if d.status == DealStatus.ACTIVE else "faint") + ctx.d(3)
    if lay.deals < len(deals):
        ctx.blit_text(surf, t("ui.deals.more", n=len(deals) - lay.deals), 12, (inner.left, y), "dim")


def motions_tip(ctx: Ctx, view: PlayerView) -> str:
    """The panel's tip; where the panel could not show every motion and deal, all of them."""
    tip = t("ui.motions.tip")
    if not motions_layout(ctx, view).cut(view):
        return tip
    deals = deals_in_order(view)
    lines = [labels.motion_words(view, m) + " (" + motion_status(m)[0] + ")" for m in view.motions]
    lines += [labels.deal_words(view, d) for d in deals]
    return tip + "\n" + "\n".join(lines)


def log_lines(view: PlayerView, reasons: list[tuple[int, Role, str]]) -> list[tuple[str, str, str]]:
    """(text, colour, style) lines of the log as this view may see it, AI reasons interleaved."""
    nm = labels.names(view)
    out: list[tuple[str, str, str]] = []
    by_seq: dict[int, list[tuple[Role, str]]] = {}
    for seq, role, text in reasons:
        by_seq.setdefault(seq, []).append((role, text))
    for e in view.full_log():
        private = bool(e.to)
        if e.key == "log.round":
            out.append((labels.log_line(view, e, nm), "accent", "bold"))
        else:
            out.append((labels.log_line(view, e, nm), "info" if private else "text", "regular"))
        for role, text in by_seq.pop(e.seq, []):
            out.append((t("ui.log.reason", name=view.name_of(role), text=text), "dim", "italic"))
    return out


LOG_SIZE = 12.5


def _log_inner(ctx: Ctx, r: pygame.Rect) -> pygame.Rect:
    return pygame.Rect(r.left + ctx.d(12), r.top + ctx.d(28), r.width - ctx.d(24), r.height - ctx.d(36))


def _log_rows(ctx: Ctx, view: PlayerView, reasons: list[tuple[int, Role, str]],
              inner: pygame.Rect) -> tuple[list[tuple[str, str, str]], int]:
    """The log's wrapped lines (its last 120 entries) and how many rows its box shows."""
    wrapped: list[tuple[str, str, str]] = []
    for text, col, style in log_lines(view, reasons)[-120:]:
        for w in ctx.wrap(text, LOG_SIZE, inner.width, style):
            wrapped.append((w, col, style))
    return wrapped, max(1, inner.height // ctx.font(LOG_SIZE).get_linesize())


def log_max_scroll(ctx: Ctx, view: PlayerView, reasons: list[tuple[int, Role, str]]) -> int:
    """How far back the log can scroll: its first line at the top of the box (Home)."""
    wrapped, rows = _log_rows(ctx, view, reasons, _log_inner(ctx, ctx.r(*log_box(ctx, view))))
    return max(0, len(wrapped) - rows)


def draw_log(surf: pygame.Surface, ctx: Ctx, view: PlayerView, reasons: list[tuple[int, Role, str]],
             scroll: int) -> None:
    note_view("log", view)
    r = _header(surf, ctx, log_box(ctx, view), t("ui.log.title"))
    inner = _log_inner(ctx, r)
    size = LOG_SIZE
    lh = ctx.font(size).get_linesize()
    wrapped, rows = _log_rows(ctx, view, reasons, inner)
    end = max(0, len(wrapped) - scroll)
    show = wrapped[max(0, end - rows):end]
    y = inner.top
    for text, col, style in show:
        surf.blit(ctx.text(text, size, col, style), (inner.left, y))
        y += lh
    if scroll:
        ctx.blit_text(surf, t("ui.log.scrolled"), 11, (r.right - ctx.d(12), r.top + ctx.d(9)), "warn", anchor="topright")


# where draw_action_box puts its lines (design units from the box's top and bottom; text sizes)
ACTION_DETAIL_Y, ACTION_DETAIL_SIZE = 34, 12.5
ACTION_KEYS_BOTTOM, ACTION_KEYS_SIZE = 8, 11.5


def action_button_band(ctx: Ctx) -> tuple[float, float]:
    """The part of the action box left for the table's buttons, in design units: from under
    the prompt's detail line to above the key line, at the current text size."""
    x0, y0, w, h = ACTION_BOX
    top = y0 + ACTION_DETAIL_Y + ctx.font(ACTION_DETAIL_SIZE).get_linesize() / ctx.s
    bottom = y0 + h - ACTION_KEYS_BOTTOM - ctx.font(ACTION_KEYS_SIZE).get_linesize() / ctx.s
    return top, bottom


def detail_lines(ctx: Ctx, detail: str) -> tuple[float, list[str]]:
    """The prompt's detail at the size it is drawn: one line (made up to a fifth smaller), or,
    when even that is too long (why nothing can be tabled), two lines; the table then moves a
    single row of buttons down by a line (``TableScene.layout``)."""
    x0, y0, w, h = ACTION_BOX
    width = ctx.d(w - 28)
    size = ctx.fit(detail, ACTION_DETAIL_SIZE, width, ctx.font(ACTION_DETAIL_SIZE).get_linesize(), min_scale=0.8)[0]
    if ctx.font(size).size(displayable(detail))[0] <= width:
        return size, [detail]
    size = ACTION_DETAIL_SIZE * 0.9
    return size, ctx.wrap(detail, size, width)[:2]


def draw_action_box(surf: pygame.Surface, ctx: Ctx, view: PlayerView, prompt: str, detail: str,
                    keys: bool | str = True) -> pygame.Rect:
    """The prompt, and the table's keys (``keys``: not while a dialog over the table takes them;
    a text: the keys of the scene drawing the table, e.g. a replay's)."""
    note_view("action_box", view)
    r = ctx.r(*ACTION_BOX)
    ctx.panel(surf, r, "panel", "accent_dark")
    ctx.blit_text(surf, prompt, 16, (r.left + ctx.d(14), r.top + ctx.d(10)), "accent", "bold",
                  max_w=r.width - ctx.d(28))
    if detail:
        size, lines = detail_lines(ctx, detail)
        y = r.top + ctx.d(ACTION_DETAIL_Y)
        for line in lines:
            ctx.blit_text(surf, line, size, (r.left + ctx.d(14), y), "dim", max_w=r.width - ctx.d(28))
            y += ctx.font(size).get_linesize()
    if keys:
        line = keys if isinstance(keys, str) else t("ui.key_footer")
        # one line, smaller if the text size needs it: the last key (F1 help) must show whole
        size = ctx.fit(line, ACTION_KEYS_SIZE, r.width - ctx.d(20), ctx.font(ACTION_KEYS_SIZE).get_linesize(),
                       min_scale=0.7)[0]
        ctx.blit_text(surf, line, size, (r.centerx, r.bottom - ctx.d(ACTION_KEYS_BOTTOM)), "faint",
                      anchor="midbottom", max_w=r.width - ctx.d(20))
    return r


def draw_table_view(surf: pygame.Surface, ctx: Ctx, view: PlayerView, public: bool, *, humans: tuple[Role, ...],
                    ai_tags: dict[Role, str], reasons: list[tuple[int, Role, str]], log_scroll: int,
                    status: str, prompt: str, detail: str, keys: bool | str = True) -> None:
    """The whole table for one view, except the moving tokens and the buttons; ``keys`` False
    leaves out the table's key line (a dialog over the table has its own keys), and a text
    replaces it (a replay's keys)."""
    surf.fill(ctx.pal["bg"])
    draw_top_bar(surf, ctx, view, public, status)
    draw_tracks(surf, ctx, view)
    draw_odds(surf, ctx, view)
    draw_infra(surf, ctx, view)
    draw_brief(surf, ctx, view, public)
    draw_round_table(surf, ctx, view, humans, ai_tags)
    draw_zones(surf, ctx, view)
    draw_motions(surf, ctx, view)
    draw_log(surf, ctx, view, reasons, log_scroll)
    draw_action_box(surf, ctx, view, prompt, detail, keys)


def brief_tip(view: PlayerView) -> str:
    """The brief's tooltip; for a seat's own view, what its points so far are made of."""
    tip = t("ui.brief.tip")
    if view.seat is None or not view.plays(view.seat) or not view.agenda:
        return tip
    r = view.scenario.rules
    # what each Frontline card does and when it can be played (play-test: Phased sequencing sat
    # "in hand" with no button and nothing said why)
    for c in view.hand if view.seat == Role.A else ():
        if c == "phased":
            tip += " " + t("ui.card.phased.tip", n=r.phased_comply_rounds, m=view.scenario.escrow.comply_rounds)
        elif c == "guarantee":
            tip += " " + t("ui.card.guarantee.tip", p=r.guarantee_p, ip=r.guarantee_h_ip)
    nm = labels.names(view)
    lines = score_lines(view, view.seat)
    parts = [labels.score_words(x, nm, view.scenario) for x in lines]
    return tip + " " + t("ui.brief.points_tip", lines="; ".join(parts) or t("ui.brief.points_none"),
                         vp=sum(x.points for x in lines))


def table_areas(ctx: Ctx, view: PlayerView, personalities: Mapping[Role, str] | None = None) -> list[tuple[pygame.Rect, str]]:
    """Tooltip regions of the table: tracks, zones, seats, infrastructure, fund, odds, log.
    ``personalities``: the AI seats' personalities (public: their name cards show them), whose
    tips say how each bargains."""
    sc = view.scenario
    out: list[tuple[pygame.Rect, str]] = []
    # high Peace calms Escalation only where the scenario says so (the default does not)
    calm = (" " + t("ui.track.calm", highp=sc.rules.drift_high_p, high=sc.rules.drift_high_e)
            if sc.rules.drift_high_e < 0 else "")
    for k, tr in enumerate(TRACKS):
        out.append((ctx.r(TRACKS_BOX[0] + 6, TRACKS_BOX[1] + 32 + k * 51, TRACKS_BOX[2] - 12, 46),
                    t(f"ui.track.{tr}.tip", settle=sc.motions[MotionKind.SETTLEMENT].min_p,
                      lcourt=sc.rules.l_court, eloss=sc.rules.e_loss, lowp=sc.rules.drift_low_p,
                      drift=sc.rules.drift_low_e, from_round=sc.rules.drift_from_round, calm=calm)))
    for z, name in enumerate(ZONES):
        out.append((zone_rect(ctx, z), t(f"ui.zone.{name}.tip", n=sc.rules.windfall_min_vault)))
    if sc.rules.max_tranches_per_round:
        out.append((ctx.r(ZONES_BOX[0], ZONES_BOX[1], ZONES_BOX[2], 26),
                    t("ui.vault.allowance.tip", cap=sc.rules.max_tranches_per_round, used=tabled_tranches(view))))
    out.append((ctx.r(ODDS_BOX[0], ODDS_BOX[1], 140, ODDS_BOX[3]),
                t("ui.odds.tip", g=sc.epilogue.per_g, c=sc.epilogue.per_c_below, pivot=sc.epilogue.c_pivot,
                  max=sc.epilogue.max_odds)))
    out.append((ctx.r(ODDS_BOX[0] + 140, ODDS_BOX[1], 140, ODDS_BOX[3]), t("ui.fund.tip")))
    # the panel's own tip first: the last area that holds the pointer speaks, so each card's
    # own tip (its cost and effect) must come after the panel's that contains it
    out.append((ctx.r(*INFRA_BOX), t("ui.infra.box_tip")))
    for iid, card in infra_cards(ctx, view):
        spec = sc.infra(iid)
        out.append((card, t("ui.infra.tip", name=spec.name, cost=spec.cost, text=spec.text)))
    for role, p in seat_positions(ctx, view.roles).items():
        rect = pygame.Rect(0, 0, ctx.d(70), ctx.d(70))
        rect.center = p
        tip = t(f"ui.role.{role.value}.tip", name=view.name_of(role))
        if role not in view.automated:  # public facts only: influence held and spent, cards held
            k = view.idx(role)
            tip += " " + t("ui.seat.facts", ip=view.ip[k], spent=view.ip_spent[k], cards=view.hand_sizes[k])
            if personalities and role in personalities:
                tip += " " + t(f"ui.personality.{personalities[role]}.tip")
        out.append((rect, tip))
        # its name card (the name, IP and who plays it) and the cards-in-hand count beside it
        # say the same (play-test: "Dove" and "6 in hand" explained nowhere on hover)
        card = pygame.Rect(0, 0, ctx.d(120), ctx.d(38))
        card.midtop = (p[0], p[1] + ctx.d(SEAT_R + SEAT_NAME_GAP - 2))  # the card reaches 2 above the name
        out.append((card, tip))
        if view.hand_sizes[view.idx(role)] and role in (Role.S, Role.A):
            hand = pygame.Rect(0, 0, ctx.d(64), ctx.d(18))
            hand.midright = (p[0] - ctx.d(SEAT_R + SEAT_HAND_GAP), p[1])
            out.append((hand, tip))
    out.append((ctx.r(*motions_box(ctx, view)), motions_tip(ctx, view)))
    lx, ly, lw, _ = log_box(ctx, view)  # its title strip only: over the lines it hid what was being read (play-test)
    out.append((ctx.r(lx, ly, lw, 28), t("ui.log.tip")))
    out.append((ctx.r(*BRIEF_BOX), brief_tip(view)))
    out.append((ctx.r(*TOP), t("ui.top.tip")))
    return out
