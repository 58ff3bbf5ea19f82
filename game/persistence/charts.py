"""Debrief charts drawn with pygame on offscreen Surfaces: pure functions of data -> Surface.

Used by ``debrief`` (PNG files and the summary page), the policy sweep and the UI's end
screen. No display is needed (the SDL dummy driver will do); nothing here opens a window or
calls ``pygame.init()`` at import. Colours default to the game's palette (the same values as
``game.ui.theme``); pass ``palette=`` to use the colour-blind variant. Every series also has a
shape marker, so the charts read in grey print too.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # a CLI tool should not greet on stdout

import pygame  # noqa: E402

from game.core.state import RoundRecord, Tracks  # noqa: E402
from game.palette import SHAPES, palette  # noqa: E402
from game.resources import font_missing, font_path  # noqa: E402
from game.shapes import draw_shape  # noqa: E402
from game.text import plural, wrap_words  # noqa: E402

Color = tuple[int, int, int]
Size = tuple[int, int]

# The game's palette (game/palette.py, data in assets/theme/palette.json) plus the chart grid.
PALETTE: dict[str, Color] = {**palette(False), "grid": (40, 52, 70)}

# A light variant for paper: the printable summary and its HTML page.
PAPER: dict[str, Color] = {
    "bg": (255, 255, 255),
    "panel": (248, 246, 240),
    "line": (120, 120, 120),
    "grid": (222, 220, 214),
    "text": (24, 28, 36),
    "dim": (90, 96, 106),
    "accent": (150, 110, 30),
    "M": (110, 110, 110),
    "vault": (200, 160, 60),
}


TRACK_NAMES = {"P": "Peace", "C": "Credibility", "L": "Legal risk", "G": "Precedent", "E": "Escalation"}
ZONES = ("vault", "escrow", "released", "redirected", "returned")
ZONE_NAMES = {
    "vault": "Vault", "escrow": "Escrow", "released": "Paid out to S",
    "redirected": "Redirected (Fund)", "returned": "Returned (eroded)",
}


# ---------------------------------------------------------------------------
# fonts and small drawing helpers
# ---------------------------------------------------------------------------


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """Noto Sans from assets/fonts (pygame's default font if it is missing)."""
    if not pygame.font.get_init():
        pygame.font.init()
    path = font_path("bold" if bold else "regular")
    try:
        return pygame.font.Font(str(path), size)
    except (OSError, FileNotFoundError):
        font_missing(path)
        return pygame.font.Font(None, int(size * 1.3))


def text(surf: pygame.Surface, s: str, pos: tuple[int, int], size: int, color: Color,
         bold: bool = False, anchor: str = "topleft") -> pygame.Rect:
    img = font(size, bold).render(s, True, color)
    r = img.get_rect(**{anchor: pos})
    surf.blit(img, r)
    return r


def wrap(s: str, size: int, width: int, bold: bool = False) -> list[str]:
    """Split ``s`` into lines that fit ``width`` pixels."""
    f = font(size, bold)
    out: list[str] = []
    for para in s.split("\n"):
        line = ""
        for word in wrap_words(para):
            cand = f"{line} {word}".strip()
            if f.size(cand)[0] <= width or not line:
                line = cand
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def _dashed(surf: pygame.Surface, color: Color, a: tuple[int, int], b: tuple[int, int], dash: int = 6) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    n = int(length // dash)
    for k in range(0, n, 2):
        t0, t1 = k / n, min(1.0, (k + 1) / n)
        pygame.draw.line(surf, color, (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                         (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1), 1)


class _Axes:
    """A plot area with y ticks, x labels, titles; maps data to pixels."""

    def __init__(self, surf: pygame.Surface, pal: Mapping[str, Color], title: str, x_labels: Sequence[str],
                 y_max: float, y_ticks: Sequence[float], x_title: str, y_title: str,
                 legend_w: int, bars: bool = False, subtitle: str = "") -> None:
        w, h = surf.get_size()
        self.s = surf
        self.pal = pal
        fs = max(11, h // 36)
        self.fs = fs
        surf.fill(pal["bg"])
        text(surf, title, (int(fs * 1.2), int(fs * 0.7)), int(fs * 1.35), pal["text"], bold=True)
        left = int(fs * 4.2)
        top = int(fs * 3.4)
        if subtitle:  # a line under the title; the plot moves down to make room
            text(surf, subtitle, (int(fs * 1.2), int(fs * 2.7)), fs, pal["dim"])
            top += int(fs * 1.4)
        right = w - legend_w - int(fs * 1.5)
        bottom = h - int(fs * 3.6)
        self.rect = pygame.Rect(left, top, max(10, right - left), max(10, bottom - top))
        self.y_max = y_max
        self.n = max(1, len(x_labels))
        self.bars = bars
        pygame.draw.rect(surf, pal["panel"], self.rect)
        for v in y_ticks:
            y = self.y(v)
            pygame.draw.line(surf, pal["grid"], (self.rect.left, y), (self.rect.right, y), 1)
            label = f"{v:g}" if not isinstance(v, float) or v != int(v) else str(int(v))
            text(surf, label, (self.rect.left - fs // 2, y), fs, pal["dim"], anchor="midright")
        pygame.draw.line(surf, pal["line"], self.rect.bottomleft, self.rect.bottomright, 2)
        pygame.draw.line(surf, pal["line"], self.rect.bottomleft, self.rect.topleft, 2)
        step = max(1, math.ceil(self.n / 16))
        for i, lab in enumerate(x_labels):
            if i % step == 0 or i == self.n - 1:
                text(surf, lab, (self.x(i), self.rect.bottom + fs // 2), fs, pal["dim"], anchor="midtop")
        text(surf, x_title, (self.rect.centerx, h - int(fs * 0.5)), fs, pal["dim"], anchor="midbottom")
        yt = font(fs).render(y_title, True, pal["dim"])
        yt = pygame.transform.rotate(yt, 90)
        surf.blit(yt, yt.get_rect(midleft=(int(fs * 0.4), self.rect.centery)))
        self.legend_x = self.rect.right + int(fs * 1.2)
        self.legend_y = self.rect.top

    def x(self, i: float) -> int:
        if self.bars:
            return int(self.rect.left + (i + 0.5) * self.rect.width / self.n)
        if self.n == 1:
            return self.rect.centerx
        pad = self.rect.width * 0.04
        return int(self.rect.left + pad + i * (self.rect.width - 2 * pad) / (self.n - 1))

    def y(self, v: float) -> int:
        return int(self.rect.bottom - (v / self.y_max) * self.rect.height) if self.y_max else self.rect.bottom

    def legend(self, key: str, label: str, color: Color, shape: str) -> None:
        fs = self.fs
        cy = self.legend_y + fs // 2 + 2
        draw_shape(self.s, shape, (self.legend_x + fs // 2, cy), max(4, fs // 3), color, diamond_pad=1)
        text(self.s, label, (self.legend_x + int(fs * 1.4), cy), fs, self.pal["text"], anchor="midleft")
        self.legend_y += int(fs * 1.7)

    def marker_radius(self) -> int:
        return max(4, self.fs // 3)

    def series(self, values: Sequence[float], color: Color, shape: str, width: int = 3,
               offsets: Sequence[float] | None = None) -> None:
        """A line with a marker at each point; ``offsets`` moves each point that many pixels
        down (negative: up), to set apart series that share a value there (see ``dodge``)."""
        offs = offsets or [0.0] * len(values)
        pts = [(self.x(i), self.y(v) + round(o)) for i, (v, o) in enumerate(zip(values, offs, strict=True))]
        if len(pts) >= 2:
            pygame.draw.lines(self.s, color, False, pts, width)
        for p in pts:
            draw_shape(self.s, shape, p, self.marker_radius(), color, diamond_pad=1)

    def lines(self, series: Sequence[tuple[Sequence[float], Color, str]], width: int = 3) -> bool:
        """Draw every (values, colour, shape) series, setting apart the ones that share a value at
        a point so none hides another. Returns True if any were set apart."""
        step = max(width + 3, self.marker_radius() + 2)  # lines apart, markers mostly clear of each other
        offsets = dodge([v for v, _, _ in series], step)
        for (values, color, shape), offs in zip(series, offsets, strict=True):
            self.series(values, color, shape, width, offs)
        return any(o for offs in offsets for o in offs)

    def legend_note(self, note: str, width: int) -> None:
        """A small line of text under the legend's entries, wrapped to ``width`` pixels."""
        size = max(10, int(self.fs * 0.8))
        self.legend_y += self.fs // 2
        for line in wrap(note, size, width):
            text(self.s, line, (self.legend_x, self.legend_y), size, self.pal["dim"])
            self.legend_y += int(size * 1.3)


DODGE_NOTE = "Equal values are drawn side by side."


def dodge(series: Sequence[Sequence[float]], step: float) -> list[list[float]]:
    """Pixel offsets, per series and point, that spread the series sharing a value at a point
    ``step`` pixels apart around it (in series order, first on top); 0 where a value is alone.

    Two lines that share both ends of a segment would be drawn one over the other, and the
    one drawn first would vanish (play-test: Peace 8 hidden under Precedent 8)."""
    out = [[0.0] * len(v) for v in series]
    for i in range(max((len(v) for v in series), default=0)):
        groups: dict[float, list[int]] = {}
        for k, v in enumerate(series):
            if i < len(v):
                groups.setdefault(v[i], []).append(k)
        for ks in groups.values():
            for j, k in enumerate(ks):
                out[k][i] = (j - (len(ks) - 1) / 2) * step
    return out


def _legend_width(labels: Sequence[str], fs: int) -> int:
    return max(font(fs).size(s)[0] for s in labels) + int(fs * 2.2) if labels else 0


def _fs(size: Size) -> int:
    return max(11, size[1] // 36)


def _round_labels(history: Sequence[RoundRecord], start: bool) -> list[str]:
    return (["start"] if start else []) + [str(r.round) for r in history]


# ---------------------------------------------------------------------------
# the charts
# ---------------------------------------------------------------------------


def render_tracks_chart(history: Sequence[RoundRecord], size: Size = (960, 540), *,
                        start: Tracks | None = None, limits: Mapping[str, int] | None = None,
                        palette: Mapping[str, Color] | None = None,
                        title: str = "The five tracks, round by round") -> pygame.Surface:
    """Lines of P, C, L, G, E at the end of each round (0-10), from ``state.history``.

    ``start`` adds the opening values as a first point; ``limits`` draws dashed lines, e.g.
    ``{"E": 10, "P": 8}`` for the shared-loss and Settlement thresholds.
    """
    pal = {**PALETTE, **(palette or {})}
    surf = pygame.Surface(size)
    rows: list[Tracks] = ([start] if start is not None else []) + [r.tracks for r in history]
    labels = [f"{TRACK_NAMES[k]} ({k})" for k in TRACK_NAMES]
    ax = _Axes(surf, pal, title, _round_labels(history, start is not None), 10, range(0, 11, 2),
               "Round (end of)", "Track value", _legend_width(labels, _fs(size)))
    for k, v in (limits or {}).items():
        y = ax.y(v)
        _dashed(surf, pal[k], (ax.rect.left, y), (ax.rect.right, y))
    spread = ax.lines([([getattr(t, k) for t in rows], pal[k], SHAPES[k]) for k in TRACK_NAMES])
    for k, lab in zip(TRACK_NAMES, labels, strict=True):
        ax.legend(k, lab, pal[k], SHAPES[k])
    if spread:
        ax.legend_note(DODGE_NOTE, size[0] - ax.legend_x - ax.fs // 2)
    if not rows:
        text(surf, "No round finished yet", ax.rect.center, ax.fs * 2, pal["dim"], anchor="center")
    return surf


def render_tokens_chart(history: Sequence[RoundRecord], size: Size = (960, 540), *, total: int = 30,
                        token_value_bn: int = 10, palette: Mapping[str, Color] | None = None,
                        title: str = "Where the frozen assets went") -> pygame.Surface:
    """Stacked bars of the token zones (Vault, Escrow, Released, Redirected, Returned) per round."""
    pal = {**PALETTE, **(palette or {})}
    surf = pygame.Surface(size)
    labels = [ZONE_NAMES[z] for z in ZONES]
    step = 5 if total <= 40 else 10
    ax = _Axes(surf, pal, title, [str(r.round) for r in history], total, range(0, total + 1, step),
               "Round (end of)", f"Tokens (${token_value_bn}bn each)", _legend_width(labels, _fs(size)), bars=True)
    bw = max(4, int(ax.rect.width / ax.n * 0.62))
    for i, r in enumerate(history):
        acc = 0
        x = ax.x(i)
        for z in ZONES:
            v = getattr(r, z)
            if v <= 0:
                continue
            y0, y1 = ax.y(acc), ax.y(acc + v)
            pygame.draw.rect(surf, pal[z], (x - bw // 2, y1, bw, max(1, y0 - y1)))
            pygame.draw.rect(surf, pal["bg"], (x - bw // 2, y1, bw, max(1, y0 - y1)), 1)
            if y0 - y1 >= ax.fs + 2 and bw >= ax.fs * 2:
                text(surf, str(v), (x, (y0 + y1) // 2), ax.fs, pal["bg"], bold=True, anchor="center")
            acc += v
    for z, lab in zip(ZONES, labels, strict=True):
        ax.legend(z, lab, pal[z], SHAPES[z])
    if not history:
        text(surf, "No round finished yet", ax.rect.center, ax.fs * 2, pal["dim"], anchor="center")
    return surf


def render_influence_chart(history: Sequence[RoundRecord], roles: Sequence[str], names: Mapping[str, str],
                           size: Size = (960, 540), *, palette: Mapping[str, Color] | None = None,
                           title: str = "Influence (IP) of each delegation",
                           show: Collection[str] | None = None) -> pygame.Surface:
    """Lines of each seat's IP at the end of each round. ``roles`` in ``RoundRecord.ip`` order;
    ``show``: the roles to draw (default all), e.g. only the seats that play, not the ones run
    by the rules."""
    pal = {**PALETTE, **(palette or {})}
    surf = pygame.Surface(size)
    drawn = [(k, role) for k, role in enumerate(roles) if show is None or role in show]
    top = max([r.ip[k] for r in history for k, _ in drawn if k < len(r.ip)] + [10])
    y_max = int(math.ceil(top / 5.0) * 5)
    step = max(1, y_max // 5)
    labels = [names.get(role, role) for _, role in drawn]
    ax = _Axes(surf, pal, title, [str(r.round) for r in history], y_max, range(0, y_max + 1, step),
               "Round (end of)", "Influence points", _legend_width(labels, _fs(size)))
    spread = ax.lines([([r.ip[k] for r in history], pal.get(role, pal["text"]), SHAPES.get(role, "circle"))
                       for k, role in drawn])
    for (_, role), lab in zip(drawn, labels, strict=True):
        ax.legend(role, lab, pal.get(role, pal["text"]), SHAPES.get(role, "circle"))
    if spread:
        ax.legend_note(DODGE_NOTE, size[0] - ax.legend_x - ax.fs // 2)
    if not history:
        text(surf, "No round finished yet", ax.rect.center, ax.fs * 2, pal["dim"], anchor="center")
    return surf


SWEEP_METRICS = (
    ("settlement_rate", "Settlement (of all games)", "good"),
    ("shared_loss_rate", "Shared loss (of all games)", "bad"),
    # of the games that reached the Epilogue: a shared loss never does, so over every game a
    # value that loses more games to escalation looked safer (facilitator play-test)
    ("aggression_per_epilogue", "New aggression (of the games that reached the Epilogue)", "F"),
)
# each rate's count and what it is out of, when the row carries them (``sweep.Row.as_json``)
_SWEEP_COUNTS = {"settlement_rate": ("settlements", "games"), "shared_loss_rate": ("shared_losses", "games"),
                 "aggression_per_epilogue": ("aggressions", "epilogues")}
FEW_EPILOGUES = 10  # below this many, the aggression bar says how many games it is of


def _sweep_percent(r: Mapping[str, object], key: str) -> float | None:
    """A row's rate in percent: from its counts when it has them (so the bar prints the whole
    percent the reading prints), else from the rate; None where there is none."""
    num, den = _SWEEP_COUNTS[key]
    n, d = r.get(num), r.get(den)
    if isinstance(n, int) and isinstance(d, int):
        return 100 * n / d if d else None
    got = r.get(key)
    return None if got is None else 100 * float(got)  # type: ignore[arg-type]


SWEEP_PEACE_NOTE = ("Under each value: mean rounds to peace over every game, a game without a Settlement "
                    "counting as the round after the last.")


def render_sweep_chart(rows: Sequence[Mapping[str, object]], size: Size = (960, 540), *,
                       palette: Mapping[str, Color] | None = None,
                       title: str = "Policy sweep", subtitle: str = "", reading: str = "") -> pygame.Surface:
    """Grouped bars of the sweep's rates per value, with the mean rounds to peace over every game
    under each value (not the mean over the games that settled: that favours a value that
    settles only its easy games). ``subtitle``: a line under the title, e.g. which table was
    played (scenario, seats, games, seed); ``reading``: the sweep in a sentence, under the legend."""
    pal = {**PALETTE, **(palette or {})}
    surf = pygame.Surface(size)
    labels = [m[1] for m in SWEEP_METRICS]
    ax = _Axes(surf, pal, title, [str(r["value"]) for r in rows], 100, range(0, 101, 20),
               "", "Percent", _legend_width(labels, _fs(size)), bars=True, subtitle=subtitle)
    group = ax.rect.width / max(1, len(rows))
    bw = max(3, int(group * 0.7 / len(SWEEP_METRICS)))
    for i, r in enumerate(rows):
        cx = ax.x(i)
        x0 = cx - bw * len(SWEEP_METRICS) // 2
        for j, (key, _lab, col) in enumerate(SWEEP_METRICS):
            got = _sweep_percent(r, key)
            v = got or 0.0
            y = ax.y(v)
            pygame.draw.rect(surf, pal[col], (x0 + j * bw, y, bw - 2, max(1, ax.rect.bottom - y)))
            label = "-" if got is None else f"{v:.0f}"  # no game reached the Epilogue: no rate
            few = r.get("epilogues")
            if key == "aggression_per_epilogue" and isinstance(few, int) and 0 < few < FEW_EPILOGUES:
                # play-test: "0" from a single Epilogue made holding everything look safest
                label += f" ({few} {plural(few, 'game', 'games')})"
            text(surf, label, (x0 + j * bw + (bw - 2) // 2, y - 2), max(10, ax.fs - 2), pal["text"], anchor="midbottom")
        mp = r.get("mean_rounds_to_peace")
        note = f"peace in {float(mp):.2f} rounds" if isinstance(mp, (int, float)) else ""
        if r.get("settlements") == 0:  # not "peace in 9.00 rounds" for a value that never settled
            note = "no Settlement"
        text(surf, note, (cx, ax.rect.bottom + int(ax.fs * 1.6)), max(10, ax.fs - 2), pal["accent"], anchor="midtop")
    for key, lab, col in SWEEP_METRICS:
        ax.legend(key, lab, pal[col], "square")
    ax.legend_note(SWEEP_PEACE_NOTE, size[0] - ax.legend_x - ax.fs // 2)
    if reading:
        ax.legend_note(reading, size[0] - ax.legend_x - ax.fs // 2)
    return surf


def render_odds_gauge(odds: int, roll: int | None, size: Size = (900, 108), *,
                      palette: Mapping[str, Color] | None = None) -> pygame.Surface:
    """The Epilogue as a bar from 1 to 100: the aggression zone (1..odds) and where the roll fell.

    Three rows, so no text covers another: the odds caption above the bar, the bar with the
    roll's marker, and the "roll N" label below the bar under its marker (kept within the
    bar's ends). ``size[1]`` sets the text size (a sixth of the height).
    """
    pal = {**PALETTE, **(palette or {})}
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(pal["bg"])
    fs = max(11, h // 6)
    line_h = font(fs, True).get_height()
    pad = max(2, fs // 6)
    tick = 4  # how far the roll's marker reaches past the bar
    top = pad + line_h + pad + tick
    bottom = max(top + 6, h - pad - line_h - pad - tick)
    bar = pygame.Rect(fs, top, w - 2 * fs, bottom - top)
    pygame.draw.rect(surf, pal["panel"], bar)
    cut = bar.left + int(bar.width * odds / 100)
    pygame.draw.rect(surf, pal["bad"], (bar.left, bar.top, cut - bar.left, bar.height))
    pygame.draw.rect(surf, pal["line"], bar, 2)
    text(surf, f"new aggression if the roll is {odds} or less", (bar.left, pad), fs, pal["text"])
    if roll is not None:
        rx = bar.left + int(bar.width * (roll - 0.5) / 100)
        pygame.draw.line(surf, pal["accent"], (rx, bar.top - tick), (rx, bar.bottom + tick), 4)
        label = f"roll {roll}"
        half = font(fs, True).size(label)[0] // 2 + 1
        cx = min(max(rx, bar.left + half), bar.right - half)  # under its marker, within the bar's ends
        text(surf, label, (cx, bar.bottom + tick + pad), fs, pal["accent"], bold=True, anchor="midtop")
    return surf


def save_png(surf: pygame.Surface, path: str | Path) -> None:
    """Write ``surf`` as a PNG file.

    Raises:
        OSError: the file cannot be written (pygame's own error for that is not an OSError, and
            escaped as a traceback for a folder that could not be written; review F4).
    """
    buf = io.BytesIO()
    pygame.image.save(surf, buf, "chart.png")  # the name only says which format
    Path(path).write_bytes(buf.getvalue())
