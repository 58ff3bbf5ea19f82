"""Palette, fonts and cached text for every scene and renderer.

One palette (plus a colour-blind variant with shape markers) keeps the game consistent.
Layout is designed at 1280x720 and scaled: ``Ctx.r(x, y, w, h)`` maps design units to the
window, and fonts are sized the same way, so text stays crisp at 1920x1080.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import pygame

# The palette lives in game/palette.py (data in assets/theme/palette.json), shared with charts.
from game.palette import SHAPES, Color, palette
from game.resources import font_missing, font_path
from game.shapes import draw_shape
from game.text import wrap_words

__all__ = ["GLYPH_FALLBACK", "SHAPES", "Color", "Ctx", "DESIGN_H", "DESIGN_W", "displayable", "draw_arrow", "draw_shape",
           "palette"]


DESIGN_W, DESIGN_H = 1280, 720

# Characters the bundled Noto Sans subset has no glyph for (they would draw as empty boxes),
# with the nearest characters it does have. Applied to every text the UI renders or measures;
# tests/ui/test_layout_text.py checks every catalogue, scenario and rulebook character.
GLYPH_FALLBACK: dict[str, str] = {
    "\u2212": "-",  # minus sign
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2194": "<->",
    "\u2260": "!=",
    "\u2248": "~",
    "\u2713": "v",
    "\u2717": "x",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}
_FALLBACK_TABLE = str.maketrans(GLYPH_FALLBACK)


def displayable(s: str) -> str:
    """``s`` with characters the bundled font lacks replaced by ones it has."""
    return s.translate(_FALLBACK_TABLE)


def draw_arrow(surf: pygame.Surface, color: Color, a: tuple[int, int], b: tuple[int, int], w: int = 2) -> None:
    """A straight arrow from a to b (drawn; the font has no arrow glyph)."""
    import math

    pygame.draw.line(surf, color, a, b, w)
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    size = 4 + 2 * w
    p1 = (b[0] - size * math.cos(ang - 0.5), b[1] - size * math.sin(ang - 0.5))
    p2 = (b[0] - size * math.cos(ang + 0.5), b[1] - size * math.sin(ang + 0.5))
    pygame.draw.polygon(surf, color, [b, p1, p2])


def _head(word: str, f: pygame.font.Font, room: int, whole_line: bool) -> str:
    """The longest start of ``word`` that fits ``room`` and ends after a path separator, or (on a
    line of its own) the longest start that fits at all, at least one character; "" if none."""
    best = ""
    for k, ch in enumerate(word[:-1]):
        if ch in "/\\" and f.size(word[:k + 1])[0] <= room:
            best = word[:k + 1]
    if best or not whole_line:
        return best
    k = len(word)
    while k > 1 and f.size(word[:k])[0] > room:
        k -= 1
    return word[:k]


@dataclass
class Ctx:
    """Everything a scene needs to lay out and draw: size, scale, palette, fonts, text cache."""

    width: int = DESIGN_W
    height: int = DESIGN_H
    colour_blind: bool = False
    text_scale: float = 1.0
    pal: dict[str, Color] = field(default_factory=lambda: palette(False))
    _fonts: dict[tuple[int, str], pygame.font.Font] = field(default_factory=dict)
    _texts: OrderedDict[tuple[str, int, str, Color], pygame.Surface] = field(default_factory=OrderedDict)
    version: int = 0  # bumped on any change that invalidates cached layers

    # ---- geometry ----
    @property
    def s(self) -> float:
        return min(self.width / DESIGN_W, self.height / DESIGN_H)

    @property
    def ox(self) -> int:
        return int((self.width - DESIGN_W * self.s) / 2)

    @property
    def oy(self) -> int:
        return int((self.height - DESIGN_H * self.s) / 2)

    def r(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        s = self.s
        return pygame.Rect(self.ox + round(x * s), self.oy + round(y * s), round(w * s), round(h * s))

    def p(self, x: float, y: float) -> tuple[int, int]:
        return (self.ox + round(x * self.s), self.oy + round(y * self.s))

    def d(self, v: float) -> int:
        """A design length in pixels (at least 1)."""
        return max(1, round(v * self.s))

    def configure(self, width: int, height: int, colour_blind: bool, text_scale: float) -> None:
        changed = (width, height, colour_blind, text_scale) != (
            self.width, self.height, self.colour_blind, self.text_scale)
        self.width, self.height = width, height
        self.colour_blind, self.text_scale = colour_blind, text_scale
        self.pal = palette(colour_blind)
        if changed:
            self._fonts.clear()
            self._texts.clear()
            self.version += 1

    # ---- fonts and text ----
    def font(self, size: float, style: str = "regular") -> pygame.font.Font:
        px = max(8, round(size * self.s * self.text_scale))
        key = (px, style)
        f = self._fonts.get(key)
        if f is None:
            path = font_path(style)
            try:
                f = pygame.font.Font(str(path), px)
            except (OSError, FileNotFoundError):
                font_missing(path)
                f = pygame.font.Font(None, px)  # the bundled font is missing: still playable
            self._fonts[key] = f
        return f

    def text(self, s: str, size: float, color: Color | str = "text", style: str = "regular") -> pygame.Surface:
        """A rendered line, cached (rendering text is the costliest thing a frame does)."""
        col = self.pal[color] if isinstance(color, str) else color
        s = displayable(s)
        key = (s, round(size * 10), style, col)
        surf = self._texts.get(key)
        if surf is None:
            surf = self.font(size, style).render(s, True, col)
            self._texts[key] = surf
            if len(self._texts) > 3000:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(key)
        return surf

    def wrap(self, s: str, size: float, width: int, style: str = "regular", cut_long: bool = False) -> list[str]:
        """``s`` in lines no wider than ``width``, broken between words. A word wider than a line
        stays whole (it is a name: the caller shrinks the text), unless ``cut_long``: then it is
        cut, after a path separator where it can be (a file's path in a tooltip)."""
        f = self.font(size, style)
        out: list[str] = []
        for para in displayable(s).split("\n"):
            words = wrap_words(para)
            line = ""
            for w in words:
                cand = w if not line else line + " " + w
                if f.size(cand)[0] <= width or (not line and not (cut_long and f.size(w)[0] > width)):
                    line = cand
                elif not cut_long or f.size(w)[0] <= width:
                    out.append(line)
                    line = w
                else:
                    rest = w
                    while f.size((line + " " if line else "") + rest)[0] > width:
                        prefix = line + " " if line else ""
                        head = _head(rest, f, width - f.size(prefix)[0], whole_line=not line)
                        if not head:
                            out.append(line)
                            line = ""
                            continue
                        out.append(prefix + head)
                        line, rest = "", rest[len(head):]
                    line = (line + " " if line else "") + rest
            out.append(line)
        return out

    def _line_img(self, s: str, size: float, color: Color | str, style: str, max_w: int | None) -> pygame.Surface:
        s = displayable(s)
        img = self.text(s, size, color, style)
        if max_w is not None and img.get_width() > max_w:
            # shorten with an ellipsis rather than spill out of the box
            t = s
            while t and self.font(size, style).size(t + "…")[0] > max_w:
                t = t[:-1]
            img = self.text(t.rstrip() + "…", size, color, style)
        return img

    def blit_text(self, surf: pygame.Surface, s: str, size: float, pos: tuple[int, int],
                  color: Color | str = "text", style: str = "regular", anchor: str = "topleft",
                  max_w: int | None = None) -> pygame.Rect:
        img = self._line_img(s, size, color, style, max_w)
        rect = img.get_rect(**{anchor: pos})
        surf.blit(img, rect)
        return rect

    def text_rect(self, s: str, size: float, pos: tuple[int, int], style: str = "regular",
                  anchor: str = "topleft", max_w: int | None = None) -> pygame.Rect:
        """Where ``blit_text`` with these arguments would draw, without drawing."""
        return self._line_img(s, size, "text", style, max_w).get_rect(**{anchor: pos})

    def fit(self, s: str, size: float, width: int, height: int, style: str = "regular",
            min_scale: float = 0.72) -> tuple[float, list[str]]:
        """The largest size (down to ``min_scale`` of ``size``) at which ``s`` fits ``width``,
        on one line or else wrapped over as many lines as ``height`` holds; the end of a label
        (an amount, a direction) then shows instead of being cut by an ellipsis."""
        sz = size
        s = displayable(s)
        while True:
            f = self.font(sz, style)
            if f.size(s)[0] <= width:
                return sz, [s]
            lines = self.wrap(s, sz, width, style)
            if len(lines) * f.get_linesize() <= height and all(f.size(x)[0] <= width for x in lines):
                return sz, lines
            if sz <= size * min_scale:
                return sz, lines
            sz -= 0.5

    def blit_wrapped(self, surf: pygame.Surface, s: str, size: float, rect: pygame.Rect,
                     color: Color | str = "text", style: str = "regular", line_gap: float = 1.25,
                     center: bool = False, cut_long: bool = False) -> int:
        """Draw wrapped text inside ``rect``; returns the height used. ``cut_long``: a word wider
        than the rect (a file's path) is cut over lines (see ``wrap``)."""
        lh = round(self.font(size, style).get_linesize() * line_gap / 1.25)
        y = rect.top
        lines = self.wrap(s, size, rect.width, style, cut_long)
        for k, line in enumerate(lines):
            if y + lh > rect.bottom + 2:
                break
            if k + 1 < len(lines) and y + 2 * lh > rect.bottom + 2:
                line += " …"  # the last line that fits says the text goes on (never a silent cut)
            if center:
                self.blit_text(surf, line, size, (rect.centerx, y), color, style, anchor="midtop", max_w=rect.width)
            else:
                self.blit_text(surf, line, size, (rect.left, y), color, style, max_w=rect.width)
            y += lh
        return y - rect.top

    def blit_fit(self, surf: pygame.Surface, s: str, size: float, rect: pygame.Rect, color: Color | str = "text",
                 style: str = "regular", min_scale: float = 0.72, center: bool = False) -> int:
        """Draw ``s`` wrapped inside ``rect``, made smaller (down to ``min_scale``) if it must, so
        that it ends inside the box rather than with an ellipsis; returns the height used."""
        sz = self.fit(s, size, rect.width, rect.height, style, min_scale)[0]
        return self.blit_wrapped(surf, s, sz, rect, color, style, center=center)

    def figure(self, surf: pygame.Surface, s: str, size: float, left: int, top: int, bottom: int,
               color: Color | str = "text", style: str = "bold") -> pygame.Rect:
        """A big figure ("22%", "3") whose ink fills at most ``top``..``bottom``, centred there and
        made smaller if the text size would make it taller; returns the ink's rectangle."""
        s = displayable(s)
        sz = size
        while True:
            f = self.font(sz, style)
            mets = [m for m in f.metrics(s) if m]
            hi = max((m[3] for m in mets), default=f.get_ascent())
            lo = min((m[2] for m in mets), default=0)
            ink = hi - min(lo, 0)
            if ink <= bottom - top or sz <= size * 0.5:
                break
            sz -= 0.5
        ink_top = top + max(0, (bottom - top - ink) // 2)
        img = self.text(s, sz, color, style)
        surf.blit(img, (left, ink_top - (f.get_ascent() - hi)))
        return pygame.Rect(left, ink_top, img.get_width(), ink)

    def panel(self, surf: pygame.Surface, rect: pygame.Rect, color: str = "panel", border: str | None = "line",
              radius: float = 8, shadow: bool = True) -> None:
        rad = self.d(radius)
        if shadow:
            pygame.draw.rect(surf, self.pal["shadow"], rect.move(self.d(3), self.d(4)), border_radius=rad)
        pygame.draw.rect(surf, self.pal[color], rect, border_radius=rad)
        if border:
            pygame.draw.rect(surf, self.pal[border], rect, max(1, self.d(1)), border_radius=rad)
