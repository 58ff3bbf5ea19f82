"""New game: scenario, 3-6 seats, each human or AI (personality, difficulty), names, seed, timers."""

from __future__ import annotations

import random
from collections import Counter
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import paths
from game.ai import DIFFICULTIES, PERSONALITIES
from game.core import (
    Controller,
    GameError,
    Role,
    SeatConfig,
    load_scenario,
    new_game,
    playing_roles,
)
from game.core.rng import SEED_MAX
from game.core.scenario import list_scenarios
from game.persistence.facilitator import seal as facilitator_seal
from game.text import t
from game.ui import render
from game.ui.scene import Scene
from game.ui.widgets import Button, Cycle, TextField

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.session import GameSession

TIMERS = (0, 60, 120, 180)
PRESETS = ("solo", "pair", "class", "watch")
NAME_MAX = 28  # a delegation's name at the table (the seat plates and the log fit this many)


def user_scenarios(scene: SetupScene | None = None) -> dict[str, str]:
    """The scenario files in ``scenarios`` in the data folder (path: the label New game shows,
    the scenario's name and "(your file)"). A file that does not load is left out, and each
    such file's sentence goes to ``scene.left_out``."""
    folder = paths.data_dir() / "scenarios"
    out: dict[str, str] = {}
    try:
        files = sorted(f for f in folder.iterdir() if not f.name.startswith(".")) if folder.is_dir() else []
    except OSError:
        return out
    names: dict[str, str] = {}
    for f in files:
        if f.suffix.lower() != ".json":  # play-test: a .toml copy was left out without a word
            if scene is not None and f.is_file():
                scene.left_out.append(t("ui.setup.scenario_not_json", file=f.name))
            continue
        try:
            sc = load_scenario(str(f))
        except GameError as e:
            if scene is not None:
                scene.left_out.append(str(e))
            continue
        names[str(f)] = sc.name
    counts = Counter(names.values())
    for path, name in names.items():  # two files of one name (a copy, then edited) read apart
        key = "ui.setup.scenario_yours" if counts[name] == 1 else "ui.setup.scenario_yours_file"
        out[path] = t(key, name=name, file=Path(path).name)
    return out


class SetupScene(Scene):
    name = "setup"

    def __init__(self, app: App, like: GameSession | None = None) -> None:
        super().__init__(app)
        self.error = ""
        # the bundled scenarios, then the facilitator's own files (``scenarios`` in the data
        # folder, beside the saves); a file that does not load is left out, with one sentence
        # each: all of them in a message when the screen opens, how many under the seats
        self.left_out: list[str] = []
        self.labels: dict[str, str] = {}
        self.scenarios: list[str] = []
        self._list_scenarios()
        self.told_left_out = False
        self._refocus: int | None = None
        if self.left_out:
            self.error = t("ui.setup.scenarios_left_out", n=len(self.left_out), folder=paths.data_dir() / "scenarios")
        self.scenario_name = "frozen_reserve" if "frozen_reserve" in self.scenarios else self.scenarios[0]
        self.scenario = load_scenario(self.scenario_name)
        self.count = 5
        # empty: a random game. The seed decides the shuffles, the dice and the secret agendas, so
        # the table must not see it (a player who knows it can start the same game elsewhere and
        # read every agenda): a seed typed here shows as bullets, a random one is never shown;
        # the facilitator view (F9, behind the PIN) gives it, to play the game again
        self.seed = ""
        self.timer = 0
        self.seats: dict[Role, dict[str, str]] = {}
        if like is not None:
            self._reset_seats()
            self._like(like)
        else:
            self._remembered(app.settings.last_table)

    def _remembered(self, last: dict[str, Any]) -> None:
        """Start from how the last new game's table was made up (``Settings.last_table``): its
        scenario while it is still offered, its number of seats, its timer and each seat's
        controller, personality and difficulty; anything odd in the settings file is left at
        the default."""
        key = last.get("scenario")
        if isinstance(key, str) and key in self.scenarios and key != self.scenario_name:
            try:
                self.scenario_name, self.scenario = key, load_scenario(key)
            except GameError:
                pass
        # whole numbers only: 6.0 or false equal one of these, and a float count crashed New game
        # at every visit (review: ``"count": 6.0`` indexed a list)
        count, timer = last.get("count"), last.get("timer")
        if type(count) is int and count in (3, 4, 5, 6):
            self.count = count
        if type(timer) is int and timer in TIMERS:
            self.timer = timer
        self._reset_seats()
        seats = last.get("seats")
        for r, cfg in self.seats.items():
            kept = seats.get(r.value) if isinstance(seats, dict) else None
            for k, allowed in (("controller", ("human", "ai")), ("personality", PERSONALITIES),
                               ("difficulty", DIFFICULTIES)):
                if isinstance(kept, dict) and kept.get(k) in allowed:
                    cfg[k] = kept[k]

    def _remember(self) -> None:
        """Keep how this table is made up for the next New game (never the names or the seed)."""
        self.app.settings.last_table = {
            "scenario": self.scenario_name, "count": self.count, "timer": self.timer,
            "seats": {r.value: {k: cfg[k] for k in ("controller", "personality", "difficulty")}
                      for r, cfg in self.seats.items()}}
        self.app.save_settings()

    def _like(self, session: GameSession) -> None:
        """Start from the table that just played (play-test: New game after a workshop round
        began from the defaults, every name and seat to enter again): its scenario, seats, names,
        personalities and timer; never its seed (a new game gets a new one)."""
        st = session.state
        def same(k: str) -> bool:
            try:
                return load_scenario(k) == st.scenario
            except GameError:  # a file changed since the list was made
                return False

        key = self.scenario_name if self.scenario == st.scenario else next(filter(same, self.scenarios), None)
        if key is None:
            return  # the scenario is no longer offered (a file removed): the defaults
        self.scenario_name, self.scenario = key, st.scenario
        self.count = len(st.seats)
        self.seats = {s.role: {"name": s.name, "controller": s.controller.value, "personality": s.personality,
                               "difficulty": s.difficulty} for s in st.seats}
        self.timer = int(session.timer_limit) if int(session.timer_limit) in TIMERS else 0

    def _reset_seats(self) -> None:
        old = self.seats
        self.seats = {}
        for i, r in enumerate(playing_roles(self.count)):
            prev = old.get(r)
            self.seats[r] = prev or {
                "name": self.scenario.roles[r].name,
                "controller": "human" if i == 0 else "ai",
                "personality": PERSONALITIES[(i + 1) % len(PERSONALITIES)],
                "difficulty": "normal",
            }

    def layout(self) -> None:
        ctx = self.ctx
        sc_opts = [(n, self.labels[n]) for n in self.scenarios]
        self.ui.add(Cycle(ctx.r(110, 92, 500, 42), t("ui.setup.scenario"), sc_opts,
                          self.scenarios.index(self.scenario_name), self.set_scenario, t("ui.tip.setup.scenario")))
        self.ui.add(Cycle(ctx.r(630, 92, 250, 42), t("ui.setup.seats"), [(n, str(n)) for n in range(3, 7)],
                          self.count - 3, self.set_count, t("ui.tip.setup.seats")))
        self.ui.add(Cycle(ctx.r(900, 92, 270, 42), t("ui.setup.timer"),
                          [(s, t("ui.setup.timer_off") if s == 0 else t("ui.setup.timer_s", s=s)) for s in TIMERS],
                          TIMERS.index(self.timer), self.set_timer, t("ui.tip.setup.timer")))
        self.ui.add(TextField(ctx.r(1000, 146, 170, 38), self.seed, self.set_seed, t("ui.tip.setup.seed"),
                              max_len=len(str(SEED_MAX)), digits_only=True, placeholder=t("ui.setup.seed_random"), masked=True))
        for i, (r, cfg) in enumerate(self.seats.items()):
            y = 236 + i * 60
            self.ui.add(TextField(ctx.r(380, y, 250, 40), cfg["name"], partial(self.set_seat, r, "name"),
                                  t("ui.tip.setup.name", n=NAME_MAX), max_len=NAME_MAX))
            self.ui.add(Cycle(ctx.r(640, y, 150, 40), "", [("human", t("ui.seat.human")), ("ai", t("ui.seat.ai"))],
                              0 if cfg["controller"] == "human" else 1, partial(self.set_seat, r, "controller"),
                              t("ui.tip.setup.controller")))
            ai = cfg["controller"] == "ai"
            self.ui.add(Cycle(ctx.r(800, y, 200, 40), "", [(p, t(f"ui.personality.{p}")) for p in PERSONALITIES],
                              PERSONALITIES.index(cfg["personality"]) if cfg["personality"] in PERSONALITIES else 0,
                              partial(self.set_seat, r, "personality"), t("ui.tip.setup.personality"),
                              enabled=ai))
            self.ui.add(Cycle(ctx.r(1010, y, 160, 40), "", [(d, t(f"ui.difficulty.{d}")) for d in DIFFICULTIES],
                              DIFFICULTIES.index(cfg["difficulty"]) if cfg["difficulty"] in DIFFICULTIES else 1,
                              partial(self.set_seat, r, "difficulty"), t("ui.tip.setup.difficulty"),
                              enabled=ai))
        # on the right, above Take your seats: the left of this row holds the note on the seats the
        # rules run and any error (play-test: "Run by the rules ..." was drawn under this button)
        self.ui.add(Button(ctx.r(930, 596, 240, 40), t("ui.setup.edit"), self.edit_numbers, t("ui.tip.setup.edit"),
                           size=14.5))
        self.ui.add(Button(ctx.r(110, 650, 180, 46), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        for i, preset in enumerate(PRESETS):
            self.ui.add(Button(ctx.r(312 + i * 152, 654, 144, 38), t(f"ui.setup.preset.{preset}"),
                               partial(self.preset, preset), t(f"ui.tip.setup.preset.{preset}"), size=13.5))
        self.ui.add(Button(ctx.r(930, 650, 240, 46), t("ui.setup.start"), self.start, t("ui.tip.setup.start"),
                           style="primary", hotkey="F5"))
        # every delegation's emblem and name explains the role
        self.ui.areas = [(ctx.r(106, 236 + i * 60, 270, 44), t(f"ui.role.{r.value}.tip", name=self.scenario.roles[r].name))
                         for i, r in enumerate(self.seats)]
        self.ui.areas.append((ctx.r(110, 140, 760, 60), t("ui.tip.setup.scenario")))
        self.ui.avoid.append(ctx.r(110, 140, 760, 60))  # a control's tooltip keeps off the description
        if self._refocus is not None:
            self.ui.focus, self._refocus = self._refocus, None
        if self.ui.focus < 0:
            self.ui.focus = len(self.ui.widgets) - 1
            self.ui.keyboard_mode = True

    # --- changes ---
    def edit_numbers(self) -> None:
        """A few of this scenario's numbers, kept as the facilitator's own file (scenario_edit)."""
        from game.ui.scenes.scenario_edit import ScenarioEditScene

        self._refocus = self.ui.focus  # back on this button when the page closes
        self.dispose()  # the page's name field and these fields are never drawn at once
        self.app.push(ScenarioEditScene(self.app, self))

    def _list_scenarios(self) -> None:
        """The bundled scenarios, then the facilitator's own files (``user_scenarios``)."""
        self.left_out = []
        self.labels = {n: load_scenario(n).name for n in list_scenarios()}
        for key, label in user_scenarios(self).items():
            self.labels[key] = label
        self.scenarios = list(self.labels)

    def use_scenario_file(self, path: Path) -> None:
        """A scenario file just written: list it with the others and choose it."""
        self._list_scenarios()
        key = str(path)
        if key in self.labels:
            self.set_scenario(key)  # lays the screen out again too
        else:
            self.relayout()

    def preset(self, name: str) -> None:
        """Common tables in one click: who plays which seat."""
        roles = list(self.seats)
        humans = {"solo": roles[:1], "pair": roles[:1] + [r for r in roles if r == Role.S],
                  "class": roles, "watch": []}[name]
        for r, cfg in self.seats.items():
            cfg["controller"] = "human" if r in humans else "ai"
        self.relayout()

    def set_scenario(self, name: str) -> None:
        self.scenario_name = name
        try:
            self.scenario = load_scenario(name)
        except GameError as e:
            self.error = str(e)
        for r, cfg in self.seats.items():
            cfg["name"] = self.scenario.roles[r].name
        self.relayout()

    def set_count(self, n: int) -> None:
        self.count = n
        self._reset_seats()
        self.relayout()

    def set_timer(self, s: int) -> None:
        self.timer = s

    def set_seed(self, v: str) -> None:
        self.seed = v

    def set_seat(self, r: Role, key: str, v: str) -> None:
        self.seats[r][key] = v
        if key == "controller":
            self.relayout()

    def seat_configs(self) -> list[SeatConfig]:
        out = []
        for r, cfg in self.seats.items():
            name = cfg["name"].strip() or self.scenario.roles[r].name
            out.append(SeatConfig(role=r, name=name[:40], controller=Controller(cfg["controller"]),
                                  personality=cfg["personality"], difficulty=cfg["difficulty"]))
        return out

    def start(self) -> None:
        from game.ui.scenes.table import TableScene
        from game.ui.session import GameSession

        if self.seed.isdigit() and int(self.seed) > SEED_MAX:  # the command line's seeds, no more
            self.error = t("ui.setup.seed_too_big", max=SEED_MAX)
            return
        seed = int(self.seed) if self.seed.isdigit() else random.SystemRandom().randrange(1, 10**9)
        try:
            state = new_game(self.scenario, self.seat_configs(), seed)
        except (GameError, ValueError) as e:
            self.error = str(e)
            return
        self._remember()
        self.app.replace(TableScene(self.app, GameSession(state, timer_limit=float(self.timer), seal=facilitator_seal())))

    def update(self, dt: float) -> None:
        super().update(dt)
        told = tuple(self.left_out)
        if self.left_out and not self.told_left_out and self.app.top is self and self.app.told_left_out != told:
            # once per set of faulty files while the game runs (facilitator play-test: the same
            # message at every visit to New game); the count under the seats stays
            from game.ui.scenes.overlays import MessageScene

            self.told_left_out = True
            self.app.told_left_out = told
            self.app.push(MessageScene(self.app, t("ui.setup.left_out_title", n=len(self.left_out)),
                                       "\n".join(self.left_out), box=(190, 120, 900, 480)))

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_F5:
            self.start()
            return
        super().handle_event(ev)

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        ctx.blit_text(surf, t("ui.setup.title"), 28, ctx.p(110, 30), "accent", "bold")
        # the whole description, down to the column headings (smaller at a large text size)
        ctx.blit_fit(surf, self.scenario.description, 13, ctx.r(114, 140, 760, 60), "dim")
        ctx.blit_text(surf, t("ui.setup.seed"), 14, ctx.p(990, 165), "dim", anchor="midright")
        hy = 206
        for label, x in ((t("ui.setup.col.role"), 150), (t("ui.setup.col.name"), 380), (t("ui.setup.col.who"), 640),
                         (t("ui.setup.col.personality"), 800), (t("ui.setup.col.difficulty"), 1010)):
            ctx.blit_text(surf, label.upper(), 12, ctx.p(x, hy), "accent", "bold")
        pygame.draw.line(surf, ctx.pal["line"], ctx.p(110, hy + 22), ctx.p(1170, hy + 22), 1)
        for i, r in enumerate(self.seats):
            y = 236 + i * 60
            render.draw_emblem(surf, r, ctx.p(128, y + 20), ctx.d(17), ctx.pal[r.value])
            ctx.blit_text(surf, self.scenario.roles[r].name, 15, ctx.p(154, y + 8), "text", "bold", max_w=ctx.d(220))
            ctx.blit_text(surf, t(f"ui.role.{r.value}.short"), 11.5, ctx.p(154, y + 28), "dim", max_w=ctx.d(220))
        auto = [r for r in (Role.M, Role.F) if r not in self.seats]
        if auto:
            names = ", ".join(self.scenario.roles[r].name for r in auto)
            ctx.blit_text(surf, t("ui.setup.automated", names=names), 13, ctx.p(110, 612), "dim", max_w=ctx.d(800))
        if self.error:
            # above the bottom row of buttons (it was drawn under them), clear of six seat rows
            # and of the Edit button on the right
            ctx.blit_fit(surf, self.error, 14, ctx.r(110, 596, 800, 44), "bad", "bold")
        self.ui.draw(surf, ctx)
