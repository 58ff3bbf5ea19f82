"""Small, fast widgets drawn with the game's palette: buttons, selectors, text fields, sliders.

Buttons, selectors and sliders are our own: the table redraws at 60 FPS within a ~2 ms budget,
every control must be reachable from the keyboard, and tests drive the game by posting raw
KEYDOWN/MOUSEBUTTON events. Own widgets read events only (never ``mouse.get_pos``), so posted
events behave like real input. ``WidgetGroup`` gives Tab/arrow focus, Enter/Space activation and
a tooltip on every control.

Text entry is where pygame_gui is clearly better (cursor movement, selection, clipboard, IME
input through TEXTINPUT), so ``TextField`` wraps its ``UITextEntryLine`` and keeps our focus,
tooltips and interface. Its look comes from assets/theme/theme.json (our palette, Noto Sans),
scaled here like everything else (``gui_theme``). pygame_gui is imported only when a field is
made, so screens without fields never load it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from typing import Any

import pygame

from game.resources import resource_path
from game.text import t
from game.ui.theme import Ctx


class Widget:
    focusable = True

    def __init__(self, rect: pygame.Rect, tooltip: str = "", enabled: bool = True) -> None:
        self.rect = rect
        self.tooltip = tooltip
        self.enabled = enabled
        self.visible = True

    def activate(self) -> None:  # Enter/Space or click
        pass

    def key(self, ev: pygame.event.Event) -> bool:  # a key while focused; True if used
        return False

    def click(self, pos: tuple[int, int], button: int) -> None:
        self.activate()

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        raise NotImplementedError


class Button(Widget):
    def __init__(self, rect: pygame.Rect, label: str, on_click: Callable[[], Any], tooltip: str = "",
                 style: str = "normal", enabled: bool = True, size: float = 17, hotkey: str = "") -> None:
        super().__init__(rect, tooltip, enabled)
        self.label = label
        self.on_click = on_click
        self.style = style  # normal | primary | danger | ghost
        self.size = size
        self.hotkey = hotkey  # shown as a small badge, handled by the scene

    def activate(self) -> None:
        if self.enabled:
            self.on_click()

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        p = ctx.pal
        base = {"primary": "accent_dark", "danger": "panel_hi", "ghost": "bg2"}.get(self.style, "panel_hi")
        col = p[base]
        if not self.enabled:
            col = p["bg2"]
        elif hovered or focused:
            r, g, b = col
            col = (min(255, r + 22), min(255, g + 22), min(255, b + 22))
        rad = ctx.d(7)
        if focused:  # a ring around the button, clear of its own colour (a gold button shows it too)
            pygame.draw.rect(surf, p["accent"], self.rect.inflate(ctx.d(8), ctx.d(8)), ctx.d(2),
                             border_radius=rad + ctx.d(4))
        pygame.draw.rect(surf, p["shadow"], self.rect.move(0, ctx.d(3)), border_radius=rad)
        pygame.draw.rect(surf, col, self.rect, border_radius=rad)
        edge = p["accent"] if focused else (p["bad"] if self.style == "danger" else p["line"])
        pygame.draw.rect(surf, edge, self.rect, ctx.d(2) if focused else ctx.d(1), border_radius=rad)
        tcol = p["text"] if self.enabled else p["faint"]
        x_pad = ctx.d(10)
        if self.hotkey:
            badge = ctx.text(self.hotkey, self.size * 0.72, "dim" if self.enabled else "faint", "bold")
            br = badge.get_rect(midleft=(self.rect.left + x_pad, self.rect.centery))
            pygame.draw.rect(surf, p["bg"], br.inflate(ctx.d(8), ctx.d(2)), border_radius=ctx.d(4))
            surf.blit(badge, br)
            avail = self.rect.width - (br.right - self.rect.left) - 2 * x_pad
            cx = br.right + x_pad + avail // 2
        else:
            avail = self.rect.width - 2 * x_pad
            cx = self.rect.centerx
        style = "bold" if self.style == "primary" else "regular"
        # a long label shrinks a little, then takes two lines: its end must stay readable
        size, lines = ctx.fit(self.label, self.size, avail, self.rect.height - ctx.d(4), style)
        lh = ctx.font(size, style).get_linesize()
        y = self.rect.centery - lh * (len(lines) - 1) // 2
        for line in lines:
            ctx.blit_text(surf, line, size, (cx, y), tcol, style, anchor="center", max_w=avail)
            y += lh


class Cycle(Widget):
    """A labelled selector: click (the backward chevron or a right-click goes back) or Left/Right.
    ``wrap=False`` stops at both ends (a scale, such as who pays whom, where one step past the
    end would jump to its opposite); a chevron that would do nothing is drawn faint."""

    def __init__(self, rect: pygame.Rect, label: str, options: Sequence[tuple[Any, str]], index: int,
                 on_change: Callable[[Any], Any], tooltip: str = "", size: float = 16, enabled: bool = True,
                 wrap: bool = True) -> None:
        super().__init__(rect, tooltip, enabled)
        self.label = label
        self.wrap = wrap
        self.options = list(options)
        self.index = max(0, min(index, len(self.options) - 1))
        self.on_change = on_change
        self.size = size
        self.colours: dict[Any, str] = {}  # value -> palette key for the shown value
        self.value_col = 0.0  # where values start, as a share of the width (0: after the label)

    @property
    def value(self) -> Any:
        return self.options[self.index][0]

    def step(self, d: int) -> None:
        if not self.enabled or not self.options or not (self.wrap or self.can_step(d)):
            return
        self.index = (self.index + d) % len(self.options)
        self.on_change(self.value)

    def can_step(self, d: int) -> bool:
        """Whether a step that way changes the value (not with one option, nor past a stopping end)."""
        if not self.enabled or len(self.options) < 2:
            return False
        return self.wrap or 0 <= self.index + d < len(self.options)

    def activate(self) -> None:
        self.step(1)

    def back_zone(self) -> tuple[int, int]:
        """The x-range of the backward chevron (it sits left of the forward one)."""
        h = self.rect.height
        return self.rect.right - int(h * 1.05), self.rect.right - int(h * 0.55)

    def click(self, pos: tuple[int, int], button: int) -> None:
        lo, hi = self.back_zone()
        back = button == 3 or lo <= pos[0] < hi or (pos[0] < self.rect.left + self.rect.width * 0.3 and self.label == "")
        self.step(-1 if back else 1)  # right-click, or the backward chevron, goes back

    def key(self, ev: pygame.event.Event) -> bool:
        if ev.key == pygame.K_LEFT:
            self.step(-1)
            return True
        if ev.key == pygame.K_RIGHT:
            self.step(1)
            return True
        return False

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        p = ctx.pal
        col = p["panel_hi"] if (focused or hovered) and self.enabled else p["panel"]
        rad = ctx.d(6)
        pygame.draw.rect(surf, col, self.rect, border_radius=rad)
        pygame.draw.rect(surf, p["accent"] if focused else p["line"], self.rect,
                         ctx.d(2) if focused else 1, border_radius=rad)
        tcol = "text" if self.enabled else "faint"
        x = self.rect.left + ctx.d(10)
        if self.label:
            lsize = self.size * 0.85
            lmax = None
            if self.value_col:  # a long label shrinks to stay clear of the values' column
                lmax = int(self.rect.width * self.value_col) - ctx.d(20)
                lsize = ctx.fit(self.label, lsize, lmax, ctx.font(lsize).get_linesize())[0]
            lab = ctx.blit_text(surf, self.label, lsize, (x, self.rect.centery), "dim", anchor="midleft", max_w=lmax)
            x = lab.right + ctx.d(10)
            if self.value_col:  # a form of selectors lines its values up in one column
                x = max(x, self.rect.left + int(self.rect.width * self.value_col))
        text = self.options[self.index][1] if self.options else "-"
        lo, hi = self.back_zone()
        right = lo - ctx.d(2)
        if self.enabled and self.options and self.value in self.colours:
            tcol = self.colours[self.value]
        size, lines = ctx.fit(text, self.size, max(10, right - x), self.rect.height - ctx.d(4), "bold")
        lh = ctx.font(size, "bold").get_linesize()
        y = self.rect.centery - lh * (len(lines) - 1) // 2
        for line in lines:  # shrunk or on two lines rather than cut: every option must read apart
            ctx.blit_text(surf, line, size, (x, y), tcol, "bold", anchor="midleft", max_w=max(10, right - x))
            y += lh
        # drawn chevrons, back and forward: the font has no arrow glyphs
        cy = self.rect.centery
        a = ctx.d(5)
        lx = (lo + hi) // 2
        pygame.draw.polygon(surf, p["accent"] if self.can_step(-1) else p["faint"],
                            [(lx + a // 2, cy - a), (lx - a, cy), (lx + a // 2, cy + a)])
        rx = (hi + self.rect.right) // 2
        pygame.draw.polygon(surf, p["accent"] if self.can_step(1) else p["faint"],
                            [(rx - a // 2, cy - a), (rx + a, cy), (rx - a // 2, cy + a)])


# ---- text entry: pygame_gui's UITextEntryLine inside our focus model ------------------------

_THEME_FILE: dict[str, Any] | None = None
REFUSAL_S = 2.0  # how long a text field says why it did not take a keystroke
_SCALED_MISC = ("shape_corner_radius", "border_width", "padding")  # design units in theme.json


def _theme_file() -> dict[str, Any]:
    """assets/theme/theme.json, read once; a missing or broken file leaves pygame_gui's defaults."""
    global _THEME_FILE
    if _THEME_FILE is None:
        try:
            data = json.loads(resource_path("assets", "theme", "theme.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        _THEME_FILE = data if isinstance(data, dict) else {}
    return _THEME_FILE


def font_px(ctx: Ctx, size: float) -> int:
    """The pixel size ``Ctx.font`` uses for ``size``: fields follow the window and text-size setting."""
    return max(8, round(size * ctx.s * ctx.text_scale))


def gui_theme(ctx: Ctx) -> dict[str, Any]:
    """theme.json for this window: font files resolved to real paths, lengths scaled like ``Ctx.d``."""
    out: dict[str, Any] = {}
    for block, body in copy.deepcopy(_theme_file()).items():
        if block.startswith("_") or not isinstance(body, dict):
            continue
        font = body.get("font")
        if isinstance(font, dict):
            for k in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
                if isinstance(font.get(k), str):  # by path from the game folder: works in the bundle too
                    font[k] = str(resource_path(*font[k].split("/")))
            if "size" in font:
                font["size"] = str(font_px(ctx, float(font["size"])))
        misc = body.get("misc")
        if isinstance(misc, dict):
            for k in _SCALED_MISC:
                if isinstance(misc.get(k), str):
                    misc[k] = ",".join(str(ctx.d(float(v))) if float(v) > 0 else "0" for v in misc[k].split(","))
        out[block] = body
    return out


def size_class(manager: Any, ctx: Ctx, size: float) -> str:
    """The theme class (``@pxN``) for a field's font size, added to the manager's theme on first use."""
    px = font_px(ctx, size)
    name = f"@px{px}"
    theme = manager.get_theme()
    if name not in theme.ui_element_fonts_info:
        base = _theme_file().get("text_entry_line", {}).get("font", {})
        font = {k: (str(resource_path(*v.split("/"))) if k.endswith("_path") else v)
                for k, v in base.items() if isinstance(v, str)}
        font["size"] = str(px)
        theme.update_single_element_theming(name, {"font": font})
    return name


class TextField(Widget):
    """One line of text: cursor keys, Home/End, selection, clipboard and IME (TEXTINPUT) come from
    pygame_gui's ``UITextEntryLine``; focus, Tab/Up/Down, tooltips and layout stay ours.

    The entry is created when the field joins a ``WidgetGroup`` that has the App's manager, and
    killed when the group is cleared (relayout) or its scene leaves the stack. The App routes
    typing to the manager while a field has focus and calls ``sync`` so ``on_change`` fires.
    Left/Right move the text cursor (as they change a selector's value); Up/Down and Tab leave.
    """

    masked = False  # a subclass that hides its text (the facilitator PIN)

    def __init__(self, rect: pygame.Rect, text: str, on_change: Callable[[str], Any], tooltip: str = "",
                 max_len: int = 24, digits_only: bool = False, size: float = 16, *, placeholder: str = "",
                 masked: bool | None = None, select_on_focus: bool = False) -> None:
        super().__init__(rect, tooltip)
        # a suggested text, selected whenever the field takes the typing, so typing replaces it
        # (play-test: a name typed into the save dialog went after the automatic one, then was cut)
        self.select_on_focus = select_on_focus
        self.max_len = max_len
        self.digits_only = digits_only
        self.placeholder = placeholder  # shown, dim, while the field is empty
        if masked is not None:
            self.masked = masked
        self._text = self._clean(text)
        self.on_change = on_change
        self.size = size
        self.entry: Any = None  # pygame_gui.elements.UITextEntryLine once attached
        self.manager: Any = None
        self._focused_look = False
        # a keystroke the field did not take (full, or not a digit): when, and why, to say so
        self.refused_at = -REFUSAL_S
        self.refused_why = ""

    def _clean(self, text: str) -> str:
        if self.digits_only:
            text = "".join(ch for ch in text if ch in "0123456789")
        return text[: self.max_len]

    @property
    def text(self) -> str:
        return self.entry.get_text() if self.entry is not None else self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = self._clean(value)
        if self.entry is not None and self.entry.get_text() != self._text:
            self.entry.set_text(self._text)

    # ---- the pygame_gui element ----
    def attach(self, manager: Any, ctx: Ctx) -> None:
        """Create the UITextEntryLine on ``manager`` (sized for ``ctx``)."""
        from pygame_gui.core import ObjectID
        from pygame_gui.elements import UITextEntryLine

        self.dispose()
        self.manager = manager
        self._size_class = size_class(manager, ctx, self.size)
        self.entry = UITextEntryLine(self.rect, manager, object_id=ObjectID("#idle", self._size_class),
                                     placeholder_text=self.placeholder or None)
        self.entry.set_text_length_limit(self.max_len)
        if self.digits_only:
            self.entry.set_allowed_characters(list("0123456789"))
        self.entry.set_text(self._text)
        self._focused_look = False
        if self.masked:
            self._mask()

    def _mask(self) -> None:
        # our font's bullet, at the field's size (pygame_gui's default '●' comes from its own,
        # smaller symbol font); hidden text is also never copied to the clipboard
        self.entry.hidden_text_char = "\u2022"
        self.entry.hidden_font = self.entry.font
        self.entry.set_text_hidden(True)

    def took_focus(self) -> None:
        """The field has just been given the typing: select its text if it offers a suggestion."""
        if self.entry is None or not self.select_on_focus:
            return
        n = len(self.entry.get_text())
        self.entry.select_range = [0, n]
        self.entry.edit_position = n
        self.entry.cursor_has_moved_recently = True  # as its own Ctrl+A does: drawn at the next update

    def dispose(self) -> None:
        if self.entry is not None:
            self._text = self.entry.get_text()
            if self.entry.is_focused:
                # kill() alone leaves the key repeat that focus() turned on for the whole game
                self.entry.unfocus()
            self.entry.kill()
        self.entry = None

    def show_focus(self, focused: bool) -> None:
        """The accent border of the field that takes the typing (a theme object id, rebuilt once)."""
        if self.entry is None or focused == self._focused_look:
            return
        from pygame_gui.core import ObjectID

        self._focused_look = focused
        text, pos = self.entry.get_text(), self.entry.edit_position
        self.entry.change_object_id(ObjectID("#focused" if focused else "#idle", self._size_class))
        if self.masked:
            self._mask()
        if self.entry.get_text() != text:
            self.entry.set_text(text)
        if focused and not text and self.entry.is_focused:
            # the rebuilt look draws the placeholder again, which focus() had taken away: typing
            # then went in front of it ("••••random" in the seed field, play-test)
            self.entry.focus()
        self.entry.edit_position = pos

    def sync(self) -> None:
        """Tell the scene about a change the entry made (typing, paste, cut)."""
        if self.entry is None:
            return
        shape = self.entry.drawable_shape
        if shape is not None and shape.text_box_layout is not None:
            # pygame_gui moves its drawn cursor only in update(); with several keys in one frame
            # (fast typing, a slow frame) Backspace/Delete would edit the drawn text at a stale
            # cursor, so the picture no longer matched the value. Keep them in step per event.
            shape.text_box_layout.set_cursor_position(self.entry.edit_position)
        now = self.entry.get_text()
        if now != self._text:
            self._text = now
            self.on_change(now)

    def typed(self, text: str, before: str, now: float) -> None:
        """Typing ``text`` left the field as ``before``: note why, to show it for a moment
        (play-test: a name stopped growing at its limit, and nothing said why)."""
        if self.text != before or not text.isprintable():
            return
        if self.digits_only and any(ch not in "0123456789" for ch in text):
            self.refused_why = t("ui.field.digits_only")
        elif len(before) >= self.max_len:
            self.refused_why = t("ui.field.full", n=self.max_len)
        else:
            return
        self.refused_at = now

    def draw_refusal(self, surf: pygame.Surface, ctx: Ctx, now: float) -> None:
        """For REFUSAL_S after a refused keystroke: the border in the warning colour and why,
        small, under the field's right end."""
        if now - self.refused_at >= REFUSAL_S or self.entry is None:
            return
        pygame.draw.rect(surf, ctx.pal["warn"], self.rect, max(1, ctx.d(2)), border_radius=ctx.d(5))
        ctx.blit_text(surf, self.refused_why, 11.5, (self.rect.right - ctx.d(4), self.rect.bottom + ctx.d(2)),
                      "warn", anchor="topright")

    def refresh_image(self) -> None:
        """After the manager's update: take a surface the entry finished during it. The entry
        redraws its cursor after picking up new surfaces, so without this every keystroke showed
        one frame late."""
        shape = self.entry.drawable_shape if self.entry is not None else None
        if shape is not None and shape.has_fresh_surface():
            self.entry.on_fresh_drawable_shape_ready()

    def click(self, pos: tuple[int, int], button: int) -> None:
        if self.entry is not None and button == 1:
            # focus first, then let the entry place its cursor (or start a selection) at the click
            self.manager.set_focus_set(self.entry)
            self.entry.process_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        if self.entry is not None:
            return  # the App's manager draws the entry right after this scene (draw_ui)
        # no manager (a group outside the App): a plain box with the text, never an error
        p = ctx.pal
        pygame.draw.rect(surf, p["bg"], self.rect, border_radius=ctx.d(5))
        pygame.draw.rect(surf, p["line"], self.rect, 1, border_radius=ctx.d(5))
        shown = "\u2022" * len(self._text) if self.masked else self._text
        ctx.blit_text(surf, shown or self.placeholder, self.size, (self.rect.left + ctx.d(8), self.rect.centery),
                      "text" if shown else "dim", anchor="midleft", max_w=self.rect.width - ctx.d(20))


class Slider(Widget):
    def __init__(self, rect: pygame.Rect, label: str, value: float, on_change: Callable[[float], Any],
                 tooltip: str = "", size: float = 16) -> None:
        super().__init__(rect, tooltip)
        self.label = label
        self.value = value
        self.on_change = on_change
        self.size = size

    def _bar(self, ctx: Ctx) -> pygame.Rect:
        return pygame.Rect(self.rect.left + self.rect.width * 0.45, self.rect.centery - ctx.d(3),
                           self.rect.width * 0.42, ctx.d(6))

    def set(self, v: float) -> None:
        self.value = round(min(1.0, max(0.0, v)) * 10) / 10
        self.on_change(self.value)

    def key(self, ev: pygame.event.Event) -> bool:
        if ev.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.set(self.value + (0.1 if ev.key == pygame.K_RIGHT else -0.1))
            return True
        return False

    def activate(self) -> None:
        self.set(0.0 if self.value >= 1.0 else self.value + 0.1)

    def click(self, pos: tuple[int, int], button: int) -> None:
        left = self.rect.left + self.rect.width * 0.45
        w = self.rect.width * 0.42
        if pos[0] >= left - 10:
            self.set((pos[0] - left) / w)
        else:
            self.activate()

    def draw(self, surf: pygame.Surface, ctx: Ctx, focused: bool, hovered: bool) -> None:
        p = ctx.pal
        pygame.draw.rect(surf, p["panel_hi"] if focused or hovered else p["panel"], self.rect, border_radius=ctx.d(6))
        pygame.draw.rect(surf, p["accent"] if focused else p["line"], self.rect, ctx.d(2) if focused else 1,
                         border_radius=ctx.d(6))
        bar = self._bar(ctx)
        lmax = bar.left - self.rect.left - ctx.d(24)  # the label never runs into the bar
        lsize = ctx.fit(self.label, self.size * 0.85, lmax, ctx.font(self.size * 0.85).get_linesize())[0]
        ctx.blit_text(surf, self.label, lsize, (self.rect.left + ctx.d(10), self.rect.centery), "dim",
                      anchor="midleft", max_w=lmax)
        pygame.draw.rect(surf, p["bg"], bar, border_radius=ctx.d(3))
        fill = bar.copy()
        fill.width = round(bar.width * self.value)
        pygame.draw.rect(surf, p["accent"], fill, border_radius=ctx.d(3))
        pygame.draw.circle(surf, p["text"], (fill.right, bar.centery), ctx.d(8))
        ctx.blit_text(surf, f"{round(self.value * 100)}%", self.size * 0.85,
                      (self.rect.right - ctx.d(8), self.rect.centery), "text", anchor="midright")


def _tip_lines(ctx: Ctx, text: str, width: int) -> tuple[list[str], tuple[int, int]]:
    lines = ctx.wrap(text, 14, width - ctx.d(16), cut_long=True)  # a long path is cut, never spills out
    w = min(width, max(ctx.font(14).size(line)[0] for line in lines) + ctx.d(18))
    return lines, (w, ctx.font(14).get_linesize() * len(lines) + ctx.d(12))


def tooltip_box(ctx: Ctx, text: str, beside: pygame.Rect,
                avoid: Sequence[pygame.Rect] = ()) -> tuple[pygame.Rect, list[str]]:
    """Where a tooltip goes next to the control ``beside``: below, above, right or left of it
    (narrower there if the side is tight), inside the window, wherever it covers least of the
    control itself and of ``avoid`` (the other controls and the content the player reads)."""
    gap = ctx.d(6)
    widths = [ctx.d(320)]
    for side in (beside.left - gap - 4, ctx.width - beside.right - gap - 4):
        if ctx.d(150) <= side < ctx.d(320):
            widths.append(side)
    best: tuple[int, int, pygame.Rect, list[str]] | None = None
    k = 0
    for width in widths:
        lines, (w, h) = _tip_lines(ctx, text, width)
        cands = [
            (beside.left, beside.bottom + gap), (beside.left, beside.top - h - gap),
            (beside.right + gap, beside.top), (beside.left - w - gap, beside.top),
            (beside.right - w, beside.bottom + gap), (beside.right - w, beside.top - h - gap),
        ]
        for x, y in cands:
            box = pygame.Rect(min(max(4, x), ctx.width - w - 4), min(max(4, y), ctx.height - h - 4), w, h)
            cover = box.clip(beside)
            cost = 50 * cover.width * cover.height
            for r in avoid:
                c = box.clip(r)
                cost += c.width * c.height
            if best is None or cost < best[0]:
                best = (cost, k, box, lines)
            k += 1
    assert best is not None
    return best[2], best[3]


def draw_tooltip(surf: pygame.Surface, ctx: Ctx, text: str, anchor: tuple[int, int],
                 beside: pygame.Rect | None = None, avoid: Sequence[pygame.Rect] = ()) -> None:
    """A wrapped tooltip box beside the control ``beside`` (see ``tooltip_box``), or near the
    pointer ``anchor`` for a hover-only area, kept inside the window."""
    if not text:
        return
    lh = ctx.font(14).get_linesize()
    if beside is not None:
        box, lines = tooltip_box(ctx, text, beside, avoid)
    else:
        lines, (w, h) = _tip_lines(ctx, text, ctx.d(320))
        x, y = anchor[0] + ctx.d(16), anchor[1] + ctx.d(18)
        if x + w > ctx.width - 4:
            x = max(4, anchor[0] - w - ctx.d(8))
        if y + h > ctx.height - 4:
            y = max(4, anchor[1] - h - ctx.d(8))
        box = pygame.Rect(x, y, w, h)
    pygame.draw.rect(surf, ctx.pal["shadow"], box.move(2, 3), border_radius=ctx.d(6))
    pygame.draw.rect(surf, (44, 52, 66), box, border_radius=ctx.d(6))
    pygame.draw.rect(surf, ctx.pal["accent"], box, 1, border_radius=ctx.d(6))
    yy = box.top + ctx.d(6)
    for line in lines:
        surf.blit(ctx.text(line, 14, "text"), (box.left + ctx.d(9), yy))
        yy += lh


QUIET_MOVE = 6  # pixels the mouse moves after a click before tooltips show again


class WidgetGroup:
    """Focus, hover, clicks and keys for a list of widgets; also extra hover-only tooltip areas."""

    def __init__(self, gui: Callable[[], tuple[Any, Ctx]] | None = None) -> None:
        self.gui = gui  # the App's pygame_gui manager (made on first use) and Ctx, for text fields
        self.widgets: list[Widget] = []
        self.focus = -1
        self.hover: tuple[int, int] | None = None
        self.keyboard_mode = False
        self.moved = False  # focus moved by a key: only then does the focused control's tooltip show
        self.areas: list[tuple[pygame.Rect, str]] = []  # tooltip-only regions (tracks, zones...)
        # off where Space is the "skip the AI's pause" key: a Space meant for the wait must
        # never press a button that appeared during it (the table and its dialogs)
        self.space_presses_buttons = True
        self.avoid: list[pygame.Rect] = []  # content a tooltip should not cover (a scene's preview...)
        # the focused control is drawn as focused even before a key moved it (or after the mouse
        # did): where Enter presses a button that is not the dialog's usual one (negotiation)
        self.show_focus = False
        # where a control was just clicked: its tooltip (or that of whatever the click laid out
        # under the pointer) stays hidden until the mouse moves on, so it never covers the result
        self.quiet_at: tuple[int, int] | None = None

    def add(self, w: Widget) -> Widget:
        if isinstance(w, TextField) and self.gui is not None:
            manager, ctx = self.gui()
            w.attach(manager, ctx)
        self.widgets.append(w)
        return w

    def clear(self) -> None:
        for w in self.widgets:
            if isinstance(w, TextField):
                w.dispose()  # kill the pygame_gui element with the widget
        self.widgets.clear()
        self.areas.clear()
        self.avoid.clear()
        self.focus = -1

    def text_fields(self) -> list[TextField]:
        return [w for w in self.widgets if isinstance(w, TextField) and w.entry is not None]

    @property
    def focused_field(self) -> TextField | None:
        """The text field that takes typing: the focused widget, if it is a live field."""
        f = self.focused
        if isinstance(f, TextField) and f.entry is not None and f.visible and f.enabled:
            return f
        return None

    def _focusable(self) -> list[int]:
        return [i for i, w in enumerate(self.widgets) if w.visible and w.enabled and w.focusable]

    def move_focus(self, d: int) -> None:
        self.moved = True
        idx = self._focusable()
        if not idx:
            self.focus = -1
            return
        if self.focus not in idx:
            self.focus = idx[0] if d > 0 else idx[-1]
        else:
            self.focus = idx[(idx.index(self.focus) + d) % len(idx)]

    @property
    def focused(self) -> Widget | None:
        if 0 <= self.focus < len(self.widgets):
            return self.widgets[self.focus]
        return None

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        for w in reversed(self.widgets):
            if w.visible and w.rect.collidepoint(pos):
                return w
        return None

    def handle(self, ev: pygame.event.Event) -> bool:
        """Route one event; True when a widget used it."""
        if ev.type == pygame.MOUSEMOTION:
            self.hover = ev.pos
            self.keyboard_mode = False
            if self.quiet_at is not None and max(abs(ev.pos[0] - self.quiet_at[0]), abs(ev.pos[1] - self.quiet_at[1])) > QUIET_MOVE:
                self.quiet_at = None
            return False
        if ev.type == pygame.MOUSEBUTTONDOWN and ev.button in (1, 3):
            self.hover = ev.pos
            w = self.widget_at(ev.pos)
            if w is not None and w.enabled:
                self.focus = self.widgets.index(w)
                self.keyboard_mode = False
                self.quiet_at = ev.pos
                w.click(ev.pos, ev.button)
                return True
            return False
        if ev.type == pygame.KEYDOWN:
            f = self.focused
            if f is not None and f.visible and f.enabled and f.key(ev):
                return True
            if ev.key == pygame.K_TAB:
                self.keyboard_mode = True
                self.move_focus(-1 if ev.mod & pygame.KMOD_SHIFT else 1)
                return True
            if ev.key in (pygame.K_DOWN, pygame.K_UP, pygame.K_LEFT, pygame.K_RIGHT):
                self.keyboard_mode = True
                self.move_focus(1 if ev.key in (pygame.K_DOWN, pygame.K_RIGHT) else -1)
                return True
            if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                # Enter presses the focused button; anywhere else (a selector, a slider, a text
                # field, nothing) it confirms: the button with the Enter badge. It never changes
                # a selector's value.
                if isinstance(f, Button) and f.visible and f.enabled:
                    f.activate()
                    return True
                d = self.enter_button()
                if d is not None:
                    d.activate()
                    return True
                return False
            if ev.key == pygame.K_SPACE and f is not None and f.visible and f.enabled:
                if isinstance(f, TextField) or (isinstance(f, Button) and not self.space_presses_buttons):
                    return False
                f.activate()  # a button, or the next value of a selector
                return True
        return False

    def enter_button(self) -> Button | None:
        """The button Enter confirms when focus is not on a button: the one with the Enter badge."""
        for w in self.widgets:
            if isinstance(w, Button) and w.hotkey == "Enter" and w.visible and w.enabled:
                return w
        return None

    def draw(self, surf: pygame.Surface, ctx: Ctx) -> None:
        hw = self.widget_at(self.hover) if self.hover else None
        for i, w in enumerate(self.widgets):
            if w.visible:
                w.draw(surf, ctx, i == self.focus and w.enabled and (self.keyboard_mode or self.show_focus), w is hw)

    def _avoid(self, target: pygame.Rect) -> list[pygame.Rect]:
        return [w.rect for w in self.widgets if w.visible and w.rect != target] + self.avoid

    def draw_tooltip(self, surf: pygame.Surface, ctx: Ctx) -> None:
        # beside the control, where it covers least of the other controls and the scene's content
        if self.keyboard_mode:
            f = self.focused
            if f is not None and f.tooltip and self.moved:
                draw_tooltip(surf, ctx, f.tooltip, f.rect.topleft, beside=f.rect, avoid=self._avoid(f.rect))
            return
        if self.hover is None or self.quiet_at is not None:
            return
        w = self.widget_at(self.hover)
        if w is not None and w.tooltip:
            draw_tooltip(surf, ctx, w.tooltip, self.hover, beside=w.rect, avoid=self._avoid(w.rect))
            return
        for rect, tip in reversed(self.areas):
            if rect.collidepoint(self.hover):
                draw_tooltip(surf, ctx, tip, self.hover)
                return
