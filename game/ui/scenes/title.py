"""The title screen: new game, continue (latest save), load, rules, settings, quit."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core import GameState, Role
from game.persistence.facilitator import seal as facilitator_seal
from game.text import t
from game.ui import render, saves
from game.ui.scene import Scene
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App


TUTORIAL_SEED = 11  # the showcase's game: deals to make in round 1, a Settlement within reach


class TitleScene(Scene):
    name = "title"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.time = 0.0
        self._bg: pygame.Surface | None = None
        self._bg_key: tuple[int, ...] = ()

    def layout(self) -> None:
        ctx = self.ctx
        has_saves = saves.available()
        latest = saves.latest() if has_saves else None
        items = [
            (t("ui.title.new"), self.new_game, t("ui.tip.new"), True),
            # the last game's end screen, when the newest save is a finished game (play-test:
            # "Continue" opened a game that was over)
            (t("ui.title.last_results" if latest is not None and latest.over else "ui.title.continue"),
             self.continue_game,
             t("ui.tip.continue_game") if latest else (t("ui.tip.no_saves") if has_saves else t("ui.tip.saves_missing")),
             latest is not None),
            (t("ui.title.load"), self.load, t("ui.tip.load") if has_saves else t("ui.tip.saves_missing"), has_saves),
            (t("ui.title.replay"), self.replay, t("ui.tip.replay") if has_saves else t("ui.tip.saves_missing"), has_saves),
            (t("ui.title.tutorial"), self.tutorial, t("ui.tip.tutorial"), True),
            (t("ui.title.rules"), self.rules, t("ui.tip.rules"), True),
            (t("ui.title.settings"), self.settings, t("ui.tip.settings"), True),
            (t("ui.title.quit"), self.app.quit, t("ui.tip.quit"), True),
        ]
        for i, (label, cb, tip, en) in enumerate(items):
            self.ui.add(Button(ctx.r(500, 318 + i * 47, 280, 41), label, cb, tip, enabled=en,
                               style="primary" if i == 0 else "normal", size=17))
        if self.ui.focus < 0:
            self.ui.focus = 0
        self.ui.keyboard_mode = True

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene

        self.app.push(SetupScene(self.app))

    def continue_game(self) -> None:
        p = saves.latest_save()
        if p is not None:
            open_save(self.app, p)

    def load(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.push(LoadScene(self.app))

    def replay(self) -> None:
        from game.ui.scenes.replay import ReplayPickScene

        self.app.push(ReplayPickScene(self.app))

    def tutorial(self) -> None:
        """How to play: a first game as the Custodian against gentle AIs (easy; a Dove and
        Pragmatists), the first-game tips shown again from the start, after a page that says
        what the game is about and how a round goes."""
        from game.core import MotionKind
        from game.ui.scenes.overlays import MessageScene
        from game.ui.scenes.table import TableScene
        from game.ui.session import GameSession

        st = self.app.settings
        st.tips_enabled, st.tips_seen = True, []
        self.app.save_settings()
        game = tutorial_game()
        sc = game.scenario
        self.app.replace(TableScene(self.app, GameSession(game, seal=facilitator_seal())))
        settle = sc.motions[MotionKind.SETTLEMENT].min_p
        self.app.push(MessageScene(self.app, t("ui.tutorial.title"),
                                   t("ui.tutorial.body", tokens=sc.tokens, bn=sc.tokens * sc.token_value_bn,
                                     rounds=sc.rules.rounds, p=settle, eloss=sc.rules.e_loss),
                                   box=(190, 90, 900, 540)))

    def rules(self) -> None:
        from game.ui.scenes.rules import RulesScene

        self.app.push(RulesScene(self.app))

    def settings(self) -> None:
        from game.ui.scenes.settings_scene import SettingsScene

        self.app.push(SettingsScene(self.app))

    def on_top(self) -> None:
        self.relayout()

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            return  # Esc on the title does nothing; Quit is a button
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_n:
            self.new_game()
            return
        self.ui.handle(ev)

    def update(self, dt: float) -> None:
        self.time += dt

    def background(self) -> pygame.Surface:
        ctx = self.ctx
        key = (ctx.version, ctx.width, ctx.height)
        if self._bg is not None and self._bg_key == key:
            return self._bg
        bg = pygame.Surface((ctx.width, ctx.height))
        bg.fill(ctx.pal["bg"])
        # a soft pool of light on the table, darker towards the edges
        glow = pygame.Surface((ctx.width, ctx.height), pygame.SRCALPHA)
        for k in range(12, 0, -1):
            rect = pygame.Rect(0, 0, ctx.d(80 + 90 * k), ctx.d(40 + 34 * k))
            rect.center = ctx.p(640, 250)
            pygame.draw.ellipse(glow, (40, 56, 76, 10), rect)
        bg.blit(glow, (0, 0))
        # a faint great table and the six emblems around it
        cx, cy = ctx.p(640, 250)
        pygame.draw.ellipse(bg, ctx.pal["bg2"], pygame.Rect(0, 0, ctx.d(900), ctx.d(330)).move(cx - ctx.d(450), cy - ctx.d(165)))
        pygame.draw.ellipse(bg, ctx.pal["felt_edge"], pygame.Rect(0, 0, ctx.d(640), ctx.d(200)).move(cx - ctx.d(320), cy - ctx.d(100)), ctx.d(3))
        # the frozen reserve: a row of gold tokens under the title
        for i in range(10):
            p = ctx.p(640 - 9 * 11 + i * 22, 272)
            pygame.draw.circle(bg, ctx.pal["shadow"], (p[0] + 1, p[1] + 2), ctx.d(7))
            pygame.draw.circle(bg, ctx.pal["vault"], p, ctx.d(7))
            pygame.draw.circle(bg, (250, 240, 210), p, ctx.d(7), 1)
        for i, role in enumerate((Role.H, Role.S, Role.A, Role.M, Role.F, Role.HP)):
            ang = math.pi + i * math.pi / 5
            p = (cx + int(ctx.d(400) * math.cos(ang)), cy + int(ctx.d(140) * math.sin(ang)) - ctx.d(30))
            render.draw_emblem(bg, role, p, ctx.d(26), ctx.pal[role.value])
        # the name stays between the Sanctioned Power's and the Watching Power's emblems and the
        # tagline inside the gold ellipse: at a large text size they grow only as far as that
        name, tagline = t("ui.title.name"), t("ui.title.tagline")
        ctx.blit_text(bg, name, ctx.fit(name, 64, ctx.d(560), 0, "bold", min_scale=0.6)[0], ctx.p(640, 176),
                      "text", "bold", anchor="center")
        ctx.blit_text(bg, tagline, ctx.fit(tagline, 19, ctx.d(570), 0, "italic", min_scale=0.6)[0], ctx.p(640, 236),
                      "accent", "italic", anchor="center")
        ctx.blit_text(bg, t("ui.title.footer"), 12.5, ctx.p(640, 700), "faint", anchor="center")
        self._bg, self._bg_key = bg, key
        return bg

    def draw(self, surf: pygame.Surface) -> None:
        surf.blit(self.background(), (0, 0))
        if self.app.notice:  # one line between the tagline's dots and the first button
            ctx = self.ctx
            size = ctx.fit(self.app.notice, 14, ctx.d(1180), 0, min_scale=0.75)[0]
            w = min(ctx.d(1180), ctx.font(size).size(self.app.notice)[0])
            plate = pygame.Rect(0, 0, w + ctx.d(20), ctx.font(size).get_linesize() + ctx.d(6))
            plate.center = ctx.p(640, 296)
            pygame.draw.rect(surf, ctx.pal["bg"], plate, border_radius=ctx.d(6))  # over the ellipse's line
            ctx.blit_text(surf, self.app.notice, size, plate.center, "warn", anchor="center", max_w=ctx.d(1180))
        self.ui.draw(surf, self.ctx)


def open_save(app: App, path: Path) -> None:
    """Load a save and sit down at the table; a bad file becomes one sentence on screen."""
    from game.ui.scenes.overlays import MessageScene
    from game.ui.scenes.table import TableScene
    from game.ui.session import GameSession

    try:
        loaded = saves.load_session(path)
    except Exception as e:  # noqa: BLE001 - SaveFormatError carries one sentence; anything else too
        app.push(MessageScene(app, t("ui.load.fail_title"), str(e) or e.__class__.__name__))
        return
    state = loaded.state
    session = GameSession(state, seal=loaded.seal, timer_limit=float(loaded.timer))  # the table's time limit too
    session.restore_notes(loaded.reasons)  # the AI delegations' reasons, as the log showed them
    session.resume_streams(loaded.streams)  # and their seeded streams, where the save left them
    if state.is_over:
        from game.ui.scenes.end import EndScene

        table = TableScene(app, session)
        app.replace(table)
        app.push(EndScene(app, session))
        return
    app.replace(TableScene(app, session))


def tutorial_game() -> GameState:
    """The tutorial's game: the human Custodian against gentle AIs, on the showcase's seed."""
    from game.core import Controller, SeatConfig, load_scenario, new_game, playing_roles

    sc = load_scenario()
    gentle = ("pragmatist", "dove", "pragmatist", "dove", "pragmatist")
    seats = [SeatConfig(role=r, name=sc.roles[r].name, controller=Controller.HUMAN if i == 0 else Controller.AI,
                        personality=gentle[(i - 1) % len(gentle)], difficulty="easy")
             for i, r in enumerate(playing_roles(5))]
    return new_game(sc, seats, TUTORIAL_SEED)


@lru_cache(maxsize=1)
def tutorial_game_id() -> str:
    """The id every save of the tutorial's game carries (so the Load list can say which it is)."""
    from game.persistence.fileformat import game_id

    return game_id(tutorial_game())

