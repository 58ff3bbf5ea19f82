"""Scene base class: ``handle_event -> update(dt) -> draw(surface)``; draw changes nothing.

Scenes live on the App's stack. An opaque scene hides everything below it (the curtain relies on
this: nothing under it is drawn, so no seat's view reaches a renderer). Overlays set
``opaque = False`` and dim what is below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui.widgets import WidgetGroup

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.theme import Ctx


class Scene:
    opaque = True
    game_runs = False  # the game (AI moves, timers) keeps running while this scene is on top
    space_skips = False  # Space is the table's "skip the AI's pause" key here: it presses no button
    # public information meant for the room's screen (the projector): a hot-seat curtain is not
    # put up over it while the game runs under it, but when it closes
    for_the_room = False
    name = "scene"

    def animating(self) -> bool:
        """Something on this scene moves quickly now (tokens sliding, a roll being drawn): the
        window keeps its full frame rate, though nobody touches a key (see ``App.idle``)."""
        return False

    def __init__(self, app: App) -> None:
        self.app = app
        self.ui = WidgetGroup(gui=lambda: (app.gui, app.ctx))
        self.ui.space_presses_buttons = not self.space_skips
        self.laid_out_for = -1

    @property
    def ctx(self) -> Ctx:  # Ctx is imported for type checking only, to keep import order simple
        return self.app.ctx

    def ensure_layout(self) -> None:
        if self.laid_out_for != self.ctx.version:
            self.laid_out_for = self.ctx.version
            focus, was = self.ui.focus, self._focused_tip()
            self.ui.clear()
            self.layout()
            if 0 <= focus < len(self.ui.widgets):
                self.ui.focus = focus
            if self._focused_tip() != was:  # a new control in the old one's place: its tooltip waits
                self.ui.moved = False  # for a key (play-test: "Skip the wait" covered the key line each AI turn)

    def _focused_tip(self) -> str | None:
        f = self.ui.focused
        return None if f is None else f.tooltip

    def relayout(self) -> None:
        self.laid_out_for = -1

    def dispose(self) -> None:
        """The scene left the stack: kill its pygame_gui elements (laid out again if it returns)."""
        self.ui.clear()
        self.laid_out_for = -1

    def layout(self) -> None:
        """Build widgets for the current window size (``self.ctx``)."""

    def on_top(self) -> None:
        """Called when the scene becomes the top of the stack again."""

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.back()
            return
        self.ui.handle(ev)

    def back(self) -> None:
        self.app.pop(self)

    def update(self, dt: float) -> None:
        pass

    def draw(self, surf: pygame.Surface) -> None:
        self.ui.draw(surf, self.ctx)

    def draw_overlay(self, surf: pygame.Surface) -> None:
        """Tooltips, drawn last."""
        self.ui.draw_tooltip(surf, self.ctx)


class Overlay(Scene):
    """A modal box over a dimmed scene."""

    opaque = False
    box: tuple[float, float, float, float] = (340, 150, 600, 420)  # design units

    def box_rect(self) -> pygame.Rect:
        return self.ctx.r(*self.box)

    def draw(self, surf: pygame.Surface) -> None:
        dim = self.app.dim_surface()
        surf.blit(dim, (0, 0))
        r = self.box_rect()
        self.ctx.panel(surf, r, "panel", "accent", radius=12)
        self.draw_box(surf, r)
        self.ui.draw(surf, self.ctx)
        # a dialog over the game table leaves room for the table's first-game tip, which
        # explains what the dialog asks
        table: Any = getattr(self, "table", None)
        if hasattr(table, "tip_beside"):
            where = table.tip_beside(self.box)
            if where is not None:
                table.draw_tip(surf, table.tip_id, where, "ui.tips.header_beside")

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        pass
