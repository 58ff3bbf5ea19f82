"""Settings: window size, fullscreen, volumes, colour-blind palette, text size, AI speed, tips.

Saved to ``game.paths.settings_path()`` as soon as something changes.
"""

from __future__ import annotations

import pygame

from game.text import t
from game.ui.scene import Scene
from game.ui.settings import AI_SPEEDS, TEXT_SCALES, fit_size
from game.ui.widgets import Button, Cycle, Slider


class SettingsScene(Scene):
    name = "settings"

    def layout(self) -> None:
        ctx = self.ctx
        st = self.app.settings
        x, w = 340, 600
        # only the sizes that fit the desktop: a bigger window would put Done off the screen
        sizes = self.app.window_sizes()
        self.size_row = Cycle(ctx.r(x, 110, w, 44), t("ui.settings.window"), [(s, f"{s[0]} × {s[1]}") for s in sizes],
                              sizes.index(fit_size((st.width, st.height), sizes, None)), self.set_size,
                              t("ui.tip.settings.window"), wrap=False)
        self.fullscreen_row = Cycle(ctx.r(x, 164, w, 44), t("ui.settings.fullscreen"),
                                    [(False, t("ui.off")), (True, t("ui.on"))], int(st.fullscreen),
                                    self.set_fullscreen, t("ui.tip.settings.fullscreen"))
        rows = [
            self.size_row,
            self.fullscreen_row,
            Slider(ctx.r(x, 218, w, 44), t("ui.settings.master"), st.master_volume, self.set_master,
                   t("ui.tip.settings.master")),
            Slider(ctx.r(x, 272, w, 44), t("ui.settings.sfx"), st.sfx_volume, self.set_sfx, t("ui.tip.settings.sfx")),
            Cycle(ctx.r(x, 326, w, 44), t("ui.settings.colour_blind"), [(False, t("ui.off")), (True, t("ui.on"))],
                  int(st.colour_blind), self.set_cb, t("ui.tip.settings.colour_blind")),
            Cycle(ctx.r(x, 380, w, 44), t("ui.settings.text"), [(s, f"{round(s * 100)}%") for s in TEXT_SCALES],
                  TEXT_SCALES.index(st.text_scale) if st.text_scale in TEXT_SCALES else 1, self.set_text,
                  t("ui.tip.settings.text"), wrap=False),  # a scale: one click past 130% is not 90% (play-test)
            Cycle(ctx.r(x, 434, w, 44), t("ui.settings.ai_speed"),
                  [(s, t(f"ui.settings.ai_speed.{i}")) for i, s in enumerate(AI_SPEEDS)],
                  AI_SPEEDS.index(st.ai_delay) if st.ai_delay in AI_SPEEDS else 2, self.set_ai,
                  t("ui.tip.settings.ai_speed"), wrap=False),
            Cycle(ctx.r(x, 488, w, 44), t("ui.settings.tips"), [(False, t("ui.off")), (True, t("ui.on"))],
                  int(st.tips_enabled), self.set_tips, t("ui.tip.settings.tips")),
        ]
        for r in rows:
            if isinstance(r, Cycle):
                r.value_col = 0.42
            self.ui.add(r)
        self.ui.add(Button(ctx.r(x, 548, 290, 40), t("ui.settings.reset_tips"), self.reset_tips,
                           t("ui.tip.settings.reset_tips")))
        # the facilitator PIN is set outside a game only: a hot-seat player cannot make one up mid-game
        in_game = self.in_game()
        self.ui.add(Button(ctx.r(x + 310, 548, 290, 40), t("ui.settings.facil_pin"), self.facilitator_pin,
                           t("ui.tip.settings.facil_pin_game") if in_game else t("ui.tip.settings.facil_pin"),
                           enabled=not in_game))
        self.ui.add(Button(ctx.r(540, 640, 200, 46), t("ui.btn.done"), self.back, t("ui.tip.back"), style="primary",
                           hotkey="Esc"))
        if self.ui.focus < 0:
            self.ui.focus = 0
            self.ui.keyboard_mode = True

    def in_game(self) -> bool:
        from game.ui.scenes.table import TableScene

        return self.app.find(TableScene) is not None

    def facilitator_pin(self) -> None:
        from game.ui.scenes.facilitator import PinSetupScene

        if not self.in_game():
            self.app.push(PinSetupScene(self.app))

    def on_top(self) -> None:
        self.relayout()

    def changed(self, relayout_all: bool = False) -> None:
        self.app.apply_settings()
        self.app.save_settings()
        if relayout_all:
            for s in self.app.stack:
                s.relayout()

    def set_size(self, v: tuple[int, int]) -> None:
        self.app.set_window(size=v)
        self.changed(True)

    def set_fullscreen(self, v: bool) -> None:
        self.app.set_window(fullscreen=v)
        self.changed(True)

    def set_master(self, v: float) -> None:
        self.app.settings.master_volume = v
        self.changed()
        self.app.sounds.play("click")

    def set_sfx(self, v: float) -> None:
        self.app.settings.sfx_volume = v
        self.changed()
        self.app.sounds.play("token")

    def set_cb(self, v: bool) -> None:
        self.app.settings.colour_blind = v
        self.changed(True)

    def set_text(self, v: float) -> None:
        self.app.settings.text_scale = v
        self.changed(True)

    def set_ai(self, v: float) -> None:
        self.app.settings.ai_delay = v
        self.changed()

    def set_tips(self, v: bool) -> None:
        self.app.settings.tips_enabled = v
        self.changed()

    def reset_tips(self) -> None:
        self.app.settings.tips_seen = []
        self.app.settings.tips_enabled = True
        self.changed(True)

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        ctx.blit_text(surf, t("ui.settings.title"), 28, ctx.p(640, 40), "accent", "bold", anchor="midtop")
        ctx.blit_text(surf, t("ui.settings.saved_to"), 12.5, ctx.p(640, 600), "faint", anchor="midtop")
        self.ui.draw(surf, ctx)
