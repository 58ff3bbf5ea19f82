"""The replay viewer: step through a saved or finished game, and ask "what if".

``ReplayPickScene`` lists the saves; ``ReplayScene`` draws the table as it was at each step
(the public view while the game was running, everything once it is over) and moves by action
(Left/Right), by round (Up/Down, PgUp/PgDn) or to either end (Home/End); Space plays it on by
itself. For a finished game, H shows what was hidden at the step (agendas, sealed ballots,
secret compliance, undetected defections: a facilitator's debrief can point at the moment a
defection went unseen), and W opens "what if": pick another decision at this step, the AIs
finish both games, and the two outcomes are shown side by side. The logic lives in ``game.persistence.replay``; this module
only draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core import Action, GameError, GameState, PlayerView, legal_actions
from game.persistence.facilitator import ballot_words, hidden_facts
from game.persistence.replay import Replay, WhatIf, public_view, what_if
from game.text import t
from game.ui import labels, render
from game.ui.render import ACTION_BOX
from game.ui.scene import Overlay, Scene
from game.ui.scenes.facilitator import draw_facts
from game.ui.scenes.load import LoadScene
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App


def replay_state(final: GameState, steps: int) -> GameState:
    """The state of ``final``'s game after its first ``steps`` log lines."""
    from game.core import replay

    return replay(final.scenario, final.seats, final.seed, final.actions[:steps])


def choice_label(view: PlayerView, a: Action) -> str:
    """Words for a decision in the what-if list: ballots and compliance spelled out, counters
    with their side payment; everything else as the table labels it."""
    if a.verb == "vote":
        return ballot_words(view.motions, a.args[0])
    if a.verb == "comply":
        return ", ".join(f"#{d} {t('ui.comply.comply') if c == 'C' else t('ui.comply.defect')}"
                         for d, c in zip(view.pending_compliance, a.args[0], strict=False))
    if a.verb == "counter" and view.bargain is not None:
        other = view.bargain.offer.by
        return f"{labels.action_label(view, a)}; {labels.pay_short(view, a.seat, other, a.pay)}"
    return labels.action_label(view, a)


class ReplayPickScene(LoadScene):
    """Choose a save to replay: the Load screen's rows (name, round or finished, time, the seats
    and who played them at the screen; a damaged file says why and cannot be opened), without
    Delete."""

    name = "replay_pick"
    title_key, none_key = "ui.replay.pick_title", "ui.replay.none"
    deletable = False
    tip_key = "ui.tip.replay_entry"

    def open(self, path: Path) -> None:
        try:
            replay = Replay.from_file(path)
        except GameError as e:
            self.error = str(e)
            return
        self.app.push(ReplayScene(self.app, replay))


class ReplayScene(Scene):
    """The table at one step of a replay, with step / round controls and "what if"."""

    name = "replay"
    STEP_SECONDS = 0.6

    def __init__(self, app: App, replay: Replay) -> None:
        super().__init__(app)
        self.replay = replay
        replay.start()
        self._layer: pygame.Surface | None = None
        self._key: tuple[int, int, tuple[int, int]] | tuple[()] = ()  # (step, ctx version, size)
        self.playing = False  # Space: step on by itself, like watching the game again
        self._clock = 0.0

    # ---- the view at the cursor ----
    def view(self) -> PlayerView:
        return public_view(self.replay.state)

    def can_what_if(self) -> bool:
        s = self.replay.state
        return (self.replay.final.is_over and not s.is_over and s.to_move is not None
                and len(legal_actions(s, s.to_move)) > 1)

    def can_show_hidden(self) -> bool:
        """Only a finished game's secrets may be shown: a running game's stay sealed."""
        return self.replay.final.is_over

    def layout(self) -> None:
        ctx = self.ctx
        x0, y0, w, _h = ACTION_BOX
        bw = (w - 28 - 5 * 8) / 6
        items = [
            (t("ui.replay.prev_round"), self.replay.prev_round, t("ui.replay.tip.prev_round"), "Up", True),
            (t("ui.replay.back"), self.replay.back, t("ui.replay.tip.back"), "Left", True),
            (t("ui.replay.forward"), self.replay.forward, t("ui.replay.tip.forward"), "Right", True),
            (t("ui.replay.next_round"), self.replay.next_round, t("ui.replay.tip.next_round"), "Down", True),
            (t("ui.replay.what_if"), self.open_what_if,
             t("ui.replay.tip.what_if") if self.replay.final.is_over else t("ui.replay.tip.what_if_off"), "W",
             self.can_what_if()),
            (t("ui.replay.hidden"), self.show_hidden,
             t("ui.replay.tip.hidden") if self.can_show_hidden() else t("ui.replay.tip.hidden_off"), "H",
             self.can_show_hidden()),
        ]
        for i, (label, cb, tip, _key, en) in enumerate(items):
            # above the key line at the box's foot
            self.ui.add(Button(ctx.r(x0 + 14 + i * (bw + 8), y0 + 86, bw, 38), label, partial(self.move, cb),
                               tip, enabled=en, size=14))
        self.ui.add(Button(ctx.r(1176, 9, 92, 32), t("ui.btn.back"), self.back, t("ui.tip.back"), size=14,
                           hotkey="Esc"))

    def move(self, fn: Callable[[], object]) -> None:
        fn()
        self.relayout()

    def open_what_if(self) -> None:
        if self.can_what_if():
            self.app.push(WhatIfPickScene(self.app, self.replay, self.replay.index))

    def show_hidden(self) -> None:
        if self.can_show_hidden():
            self.playing = False
            self.app.push(HiddenFactsScene(self.app, self))

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN:
            keys = self.step_keys()
            if ev.key in keys:
                self.move(keys[ev.key])
                return
            if ev.key == pygame.K_w:
                self.open_what_if()
                return
            if ev.key == pygame.K_h:
                self.show_hidden()
                return
            if ev.key == pygame.K_SPACE:
                self.playing = not self.playing and self.replay.index < len(self.replay)
                self._clock = 0.0
                return
        super().handle_event(ev)

    def step_keys(self) -> dict[int, Callable[[], object]]:
        """The keys that move the replay's cursor, and how."""
        r = self.replay
        return {pygame.K_RIGHT: r.forward, pygame.K_LEFT: r.back, pygame.K_DOWN: r.next_round,
                pygame.K_UP: r.prev_round, pygame.K_PAGEDOWN: r.next_round, pygame.K_PAGEUP: r.prev_round,
                pygame.K_HOME: r.start, pygame.K_END: r.end}

    def update(self, dt: float) -> None:
        if not self.playing:
            return
        self._clock += dt
        if self._clock >= self.STEP_SECONDS:
            self._clock = 0.0
            self.move(self.replay.forward)
            if self.replay.index >= len(self.replay):
                self.playing = False

    def prompt(self) -> tuple[str, str]:
        r = self.replay
        head = t("ui.replay.step", step=r.index, steps=len(r), round=r.state.round, phase=t(f"ui.phase.{r.state.phase.value}"))
        lines = r.describe()
        return head, (" ".join(lines) if lines else t("ui.replay.start"))

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        view = self.view()
        prompt, detail = self.prompt()
        key = (self.replay.index, ctx.version, surf.get_size())
        if self._layer is None or key != self._key:
            self._layer = pygame.Surface(surf.get_size())
            humans, ai_tags = labels.seat_tags(self.replay.state.seats)  # as each seat was played
            keys = t("ui.replay.keys_finished") if self.can_show_hidden() else t("ui.replay.keys")
            render.draw_table_view(self._layer, ctx, view, True, humans=humans, ai_tags=ai_tags, reasons=[],
                                   log_scroll=0, status=t("ui.replay.status"), prompt=prompt, detail=detail,
                                   keys=keys)
            zones = render.token_zones(view)
            render.draw_tokens(self._layer, ctx, render.token_targets(ctx, zones), zones)
            self._key = key
        surf.blit(self._layer, (0, 0))
        self.ui.draw(surf, ctx)


class HiddenFactsScene(Overlay):
    """What was hidden at the replay's step, in a finished game: the facilitator view's facts
    (``hidden_facts``) for the state at the cursor. Left/Right (and Up/Down) move the replay on
    under it, so a debrief can walk through the rounds with the secrets in sight; H or Esc
    closes it."""

    box = (120, 70, 1040, 580)

    def __init__(self, app: App, replay_scene: ReplayScene) -> None:
        super().__init__(app)
        self.replay_scene = replay_scene
        self.replay = replay_scene.replay

    def layout(self) -> None:
        ctx = self.ctx
        self.ui.add(Button(ctx.r(540, 596, 200, 42), t("ui.btn.close"), self.back, t("ui.tip.back"), hotkey="Esc"))

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN:
            keys = self.replay_scene.step_keys()  # the replay steps on under the panel
            if ev.key in keys:
                self.replay_scene.move(keys[ev.key])
                return
            if ev.key == pygame.K_h:
                self.back()
                return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        head, _detail = self.replay_scene.prompt()
        ctx.blit_text(surf, t("ui.replay.hidden_title"), 22, (r.centerx, r.top + ctx.d(14)), "warn", "bold",
                      anchor="midtop")
        ctx.blit_text(surf, f"{head}  ·  {t('ui.replay.hidden_keys')}", 13, (r.centerx, r.top + ctx.d(46)), "dim",
                      anchor="midtop", max_w=r.width - ctx.d(40))
        area = pygame.Rect(r.left + ctx.d(24), r.top + ctx.d(78), r.width - ctx.d(48), r.height - ctx.d(140))
        draw_facts(surf, ctx, hidden_facts(self.replay.state), area, 15, 13)


class WhatIfPickScene(Overlay):
    """Pick another decision for the seat to move at this step (paged; PgUp/PgDn)."""

    box = (240, 90, 800, 540)
    per_page = 8

    def __init__(self, app: App, replay: Replay, step: int) -> None:
        super().__init__(app)
        self.replay = replay
        self.step = step
        state = replay.states[step]
        original = replay.final.actions[step] if step < len(replay.final.actions) else ""
        assert state.to_move is not None
        self.original = original
        self.options: list[Action] = [a for a in legal_actions(state, state.to_move) if str(a) != original]
        self.offset = 0
        self.error = ""
        self.view = public_view(state)

    def layout(self) -> None:
        ctx = self.ctx
        for i, a in enumerate(self.options[self.offset:self.offset + self.per_page]):
            words = choice_label(self.view, a)  # the tooltip repeats the words, never the raw action text
            self.ui.add(Button(ctx.r(280, 190 + i * 46, 720, 40), words,
                               partial(self.choose, a), words, size=14, hotkey=str(i + 1)))
        self.ui.add(Button(ctx.r(540, 568, 200, 42), t("ui.btn.back"), self.back, t("ui.tip.back"), hotkey="Esc"))
        self.ui.focus = 0

    def choose(self, a: Action) -> None:
        try:
            result = what_if(self.replay, self.step, a)
        except GameError as e:
            self.error = str(e)
            return
        self.app.pop(self)
        self.app.push(WhatIfResultScene(self.app, result))

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN:
            if ev.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                d = self.per_page if ev.key == pygame.K_PAGEDOWN else -self.per_page
                self.offset = max(0, min(self.offset + d, max(0, len(self.options) - self.per_page)))
                self.relayout()
                return
            if pygame.K_1 <= ev.key <= pygame.K_8:
                k = self.offset + ev.key - pygame.K_1
                if k < len(self.options):
                    self.choose(self.options[k])
                return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ctx.blit_text(surf, t("ui.whatif.title"), 22, (r.centerx, r.top + ctx.d(16)), "accent", "bold", anchor="midtop")
        orig = choice_label(self.view, Action.parse(self.original)) if self.original else "-"
        seat = self.replay.states[self.step].to_move
        if seat is not None:
            orig = f"{self.view.name_of(seat)} - {orig}"
        ctx.blit_text(surf, t("ui.whatif.original", action=orig), 14, (r.centerx, r.top + ctx.d(54)), "dim",
                      anchor="midtop", max_w=r.width - ctx.d(40))
        # "Page Up/Down to browse" only when they do not all fit (play-test: said of 4 choices, all shown)
        count = t("ui.whatif.count" if len(self.options) > self.per_page else "ui.whatif.count_all", n=len(self.options))
        ctx.blit_text(surf, count, 12.5, (r.centerx, r.top + ctx.d(78)),
                      "faint", anchor="midtop")
        if self.error:
            ctx.blit_text(surf, self.error, 13, (r.centerx, r.bottom - ctx.d(62)), "bad", anchor="midbottom",
                          max_w=r.width - ctx.d(40))


class WhatIfResultScene(Scene):
    """Both outcomes side by side: as played, and with the one decision changed.

    Two pages (Tab): the numbers, and the two games' tracks charts next to each other.
    """

    name = "whatif_result"

    def __init__(self, app: App, result: WhatIf) -> None:
        super().__init__(app)
        self.result = result
        self.rows = result.comparison()
        self.page = 0
        self._charts: tuple[int, list[pygame.Surface]] | None = None
        self._view = public_view(replay_state(result.original, result.step))

    def layout(self) -> None:
        ctx = self.ctx
        self.ui.add(Button(ctx.r(430, 656, 200, 44), t("ui.whatif.numbers") if self.page else t("ui.whatif.charts"),
                           self.flip, t("ui.whatif.tip.flip"), hotkey="Tab"))
        self.ui.add(Button(ctx.r(650, 656, 200, 44), t("ui.btn.back"), self.back, t("ui.tip.back"),
                           style="primary", hotkey="Esc"))
        self.ui.focus = 1

    def flip(self) -> None:
        self.page = 1 - self.page
        self.relayout()

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_TAB:
            self.flip()
            return
        super().handle_event(ev)

    def charts(self) -> list[pygame.Surface]:
        from game.core.state import Tracks
        from game.persistence.charts import render_tracks_chart

        ctx = self.ctx
        if self._charts is None or self._charts[0] != ctx.version:
            size = (ctx.d(600), ctx.d(480))
            out = []
            for st, title in ((self.result.original, t("ui.whatif.as_played")),
                              (self.result.alternative, t("ui.whatif.what_if"))):
                sc = st.scenario
                limits = {"E": sc.rules.e_loss, "P": sc.motions[next(k for k in sc.motions if k.value == "settlement")].min_p}
                out.append(render_tracks_chart(st.history, size, start=Tracks(**sc.tracks.model_dump()), limits=limits,
                                               palette=ctx.pal, title=title))
            self._charts = (ctx.version, out)
        return self._charts[1]

    def changed_text(self) -> str:
        """What was played instead, and where: the step as the replay's own line numbered it
        (play-test: the replay said "Step 27 of 34" and this "At step 28")."""
        w = self.result
        changed = choice_label(self._view, Action.parse(w.changed_action))
        if self._view.to_move is not None:
            changed = f"{self._view.name_of(self._view.to_move)} - {changed}"
        return t("ui.whatif.changed", step=w.step, action=changed)

    def same_end_text(self) -> str:
        """Where the two games end alike: that the what-if game still went its own way (play-test:
        a table identical in every row read as if nothing had been played)."""
        w = self.result
        a, b = w.original.actions[w.step:], w.alternative.actions[w.step:]
        differ = sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))
        return t("ui.whatif.same_end", n=differ, played=len(a), whatif=len(b))

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        w = self.result
        ctx.blit_text(surf, t("ui.whatif.result_title"), 26, ctx.p(640, 20), "accent", "bold", anchor="midtop")
        ctx.blit_text(surf, self.changed_text(), 14, ctx.p(640, 62), "dim", anchor="midtop", max_w=ctx.d(1180))
        notes = [t("ui.whatif.ai_finished")] if w.original_finished_by_ai else []
        if not self.page and all(a_ == b_ for _, a_, b_ in self.rows):
            notes.append(self.same_end_text())
        for k, note in enumerate(notes):
            ctx.blit_text(surf, note, 12.5, ctx.p(640, 84 + 16 * k), "faint", anchor="midtop", max_w=ctx.d(1180))
        if self.page:
            a, b = self.charts()
            surf.blit(a, ctx.p(30, 130))
            surf.blit(b, ctx.p(650, 130))
            self.ui.draw(surf, ctx)
            return
        x_label, x_a, x_b = 250, 640, 930
        y: float = 116 + 16 * max(0, len(notes) - 1)  # rows step by a fraction of a pixel when there are many
        ctx.blit_text(surf, t("ui.whatif.as_played"), 16, ctx.p(x_a, y), "text", "bold", anchor="midtop")
        ctx.blit_text(surf, t("ui.whatif.what_if"), 16, ctx.p(x_b, y), "accent", "bold", anchor="midtop")
        y += 32
        step = min(26, 500 / max(1, len(self.rows)))
        for label, a_, b_ in self.rows:
            differs = a_ != b_
            pygame.draw.line(surf, ctx.pal["bg2"], ctx.p(230, y - 3), ctx.p(1050, y - 3), 1)
            ctx.blit_text(surf, label, 14, ctx.p(x_label, y), "dim")
            ctx.blit_text(surf, a_, 14, ctx.p(x_a, y), "text", anchor="midtop")
            ctx.blit_text(surf, b_, 14, ctx.p(x_b, y), "warn" if differs else "text", "bold" if differs else "regular",
                          anchor="midtop")
            y += step
        self.ui.draw(surf, ctx)
