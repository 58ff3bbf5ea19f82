"""End of game: the Epilogue roll with its odds, scores with reasons, charts, and the debrief.

Shown only once the game is over, when ``observe`` reveals everything (agendas, defections),
so nothing is revealed early. Two pages: Results and Debrief (Tab switches).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

import pygame

from game.core import OutcomeReason, Phase, Role, outcome
from game.paths import safe_exists
from game.persistence import charts as pc
from game.persistence.debrief import paid_out
from game.text import t
from game.ui import labels, render
from game.ui.scene import Scene
from game.ui.session import GameSession, public_view
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.app import App


class EndScene(Scene):
    name = "end"

    def __init__(self, app: App, session: GameSession, page: int = 0) -> None:
        super().__init__(app)
        self.session = session
        self.page = page
        self.time = 0.0
        self.played_sound = False
        self.view = public_view(session.state)  # the game is over: everything is public
        assert self.view.phase == Phase.OVER
        self.outcome = outcome(session.state)

    def layout(self) -> None:
        ctx = self.ctx
        self.ui.add(Button(ctx.r(40, 660, 200, 44), t("ui.end.results") if self.page else t("ui.end.debrief"),
                           self.flip, t("ui.tip.end.flip"), style="primary", hotkey="Tab"))
        self.ui.add(Button(ctx.r(580, 660, 200, 44), t("ui.end.export"), self.export, t("ui.tip.end.export"),
                           enabled=_debrief_module() is not None))
        self.ui.add(Button(ctx.r(800, 660, 200, 44), t("ui.end.new"), self.new_game, t("ui.tip.new")))
        self.ui.add(Button(ctx.r(1020, 660, 220, 44), t("ui.end.title"), self.to_title, t("ui.tip.to_title"),
                           hotkey="Esc"))
        self.ui.focus = 0
        if self.page == 0:
            sc = self.view.scenario.epilogue
            plan = self.results_plan()
            self.ui.areas = [(plan.box, t("ui.tip.end.epilogue", g=sc.per_g, c=sc.per_c_below,
                                          pivot=sc.c_pivot, max=sc.max_odds)),
                             (plan.tracks, t("ui.tip.end.final")),
                             (plan.scores, t("ui.tip.end.scores"))]
        else:
            plan = self.results_plan()
            left, right = plan.charts(ctx)
            self.ui.areas = [(left, t("ui.tip.end.chart_tracks")),
                             (right, t("ui.tip.end.chart_tokens", n=self.view.scenario.tokens)),
                             (pygame.Rect(left.left, plan.answers_top, ctx.d(1200), plan.answers_bottom - plan.answers_top),
                              t("ui.tip.end.questions"))]

    def export(self) -> None:
        from game.paths import saves_dir
        from game.ui.scenes.overlays import MessageScene

        mod = _debrief_module()
        if mod is None:
            return
        st = self.session.state
        out = export_folder(saves_dir(), st.scenario.name, datetime.now())
        try:
            files = mod.write_debrief(st, out, [(r.seq, r.role, r.text) for r in self.session.reasons])
            self.app.push(MessageScene(self.app, t("ui.end.exported"), t("ui.end.exported.body", n=len(files), path=str(out))))
        except Exception as e:  # noqa: BLE001 - a failed export is one sentence, never a crash
            self.app.push(MessageScene(self.app, t("ui.end.export_failed"), str(e) or e.__class__.__name__))

    def flip(self) -> None:
        self.page = 1 - self.page
        self.relayout()

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene
        from game.ui.scenes.title import TitleScene

        self.app.replace(TitleScene(self.app))
        self.app.push(SetupScene(self.app, like=self.session))  # the same table, a new seed

    def to_title(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.replace(TitleScene(self.app))

    def back(self) -> None:
        self.to_title()

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_TAB:
            self.flip()
            return
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_SPACE,) and self.time < 2.5:
            self.time = 2.5  # skip the roll animation
            return
        super().handle_event(ev)

    def animating(self) -> bool:
        return self.time < 2.5  # the Epilogue's roll is being drawn

    def update(self, dt: float) -> None:
        self.time += dt
        if not self.played_sound and self.time > 0.2:
            self.played_sound = True
            self.app.sounds.play("epilogue")

    def results_plan(self) -> ResultsPlan:
        """Where the Results page's parts go, each below the one above it: at a large text size
        the Epilogue's question wraps over more lines and the rest moves down (the final tracks'
        panel gives up the room), and a tie's note wraps under the winner's name (the scores
        move down), so no sentence is cut. At 100% the design's places."""
        ctx = self.ctx
        cached = getattr(self, "_plan", None)
        if cached is not None and cached[0] == ctx.version:
            return cached[1]  # type: ignore[no-any-return]
        box = ctx.r(40, 76, 560, 300)
        bottom = ctx.p(0, 644)[1]  # the tracks' panel ends here, above the buttons
        ep = self.view.epilogue

        def lines_h(text: str, size: float, width: int, style: str = "regular") -> int:
            return len(ctx.wrap(text, size, width, style)) * ctx.font(size, style).get_linesize()

        question = ctx.r(60, 106, 520, 44)
        question.top = max(question.top, box.top + ctx.d(12) + ctx.font(12.5, "bold").get_linesize())
        question.height = lines_h(t("ui.end.epilogue_q"), 14, question.width)
        bar = ctx.r(60, 176, 520, 36)
        label_h = ctx.font(15, "bold").get_linesize()  # the roll above the bar, the odds below it
        bar.top = max(bar.top, question.bottom + label_h + ctx.d(8))
        verdict_top = max(ctx.p(0, 270)[1], bar.bottom + ctx.d(6) + label_h + ctx.d(4))
        detail = ctx.r(70, 306, 500, 60)
        detail.top = max(detail.top, verdict_top + ctx.font(24, "bold").get_linesize())
        if ep is not None:
            detail.height = max(detail.height, lines_h(epilogue_detail(self.view), 13.5, detail.width))
            box.height = max(box.height, detail.bottom + ctx.d(10) - box.top)
        tracks = ctx.r(40, 388, 560, 256)
        tracks.top = max(tracks.top, box.bottom + ctx.d(12))
        tracks.height = bottom - tracks.top
        # the tie's note: right-aligned under the winner, as wide as the headline leaves it
        o = self.outcome
        tied = winner_note(self.view, o) if o and o.winners else ""
        head = t(f"outcome.{o.reason.value}") if o else ""
        right = ctx.p(1240, 0)[0]
        tie_top = max(ctx.p(0, 42)[1], ctx.p(0, 16)[1] + ctx.font(17, "bold").get_linesize() + ctx.d(2))
        room = right - ctx.text_rect(head, 28, ctx.p(40, 18), "bold").right - ctx.d(24)
        tie_lines = tuple(ctx.wrap(tied, 12.5, max(room, ctx.d(400)))) if tied else ()
        tie_bottom = tie_top + len(tie_lines) * ctx.font(12.5).get_linesize()
        scores = ctx.r(620, 76, 620, 568)
        scores.top = max(scores.top, tie_bottom + ctx.d(6))
        scores.height = bottom - scores.top
        # the Debrief page: the answers' panels grow upwards into the charts when their text
        # needs it (the charts keep at least 240 of their 340), and the charts start below the note
        charts_top = max(ctx.p(0, 72)[1], tie_bottom + ctx.d(6))
        answers_bottom = ctx.p(0, 646)[1]
        need = max(ctx.d(56) + lines_h(a, 13.5, ctx.d(394) - ctx.d(32)) for _, a in self.debrief_answers())
        answers_top = max(min(ctx.p(0, 424)[1], answers_bottom - need), charts_top + ctx.d(252))
        plan = ResultsPlan(box, question, bar, verdict_top, detail, tracks, tie_top, tie_lines, scores,
                           charts_top, answers_top, answers_bottom)
        self._plan = (ctx.version, plan)
        return plan

    # ---- drawing ----
    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        render.note_view("end", self.view)
        surf.fill(ctx.pal["bg"])
        o = self.outcome
        head = t(f"outcome.{o.reason.value}") if o else ""
        ctx.blit_text(surf, head, 28, ctx.p(40, 18), "accent", "bold")
        if o and o.winners:
            w = ", ".join(self.view.name_of(r) for r in o.winners)
            ctx.blit_text(surf, t("ui.end.winner", names=w), 17, ctx.p(1240, 16), "text", "bold", anchor="topright")
            plan = self.results_plan()  # the scores, or the charts, below make room for every line
            for k, line in enumerate(plan.tie_lines):
                ctx.blit_text(surf, line, 12.5, (ctx.p(1240, 0)[0], plan.tie_top + k * ctx.font(12.5).get_linesize()),
                              "dim", anchor="topright")
        elif o:
            ctx.blit_text(surf, t("ui.end.nobody"), 17, ctx.p(1240, 26), "bad", "bold", anchor="topright")
        if self.page == 0:
            self.draw_epilogue(surf)
            self.draw_scores(surf)
        else:
            self.draw_debrief(surf)
        self.ui.draw(surf, ctx)

    def draw_epilogue(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        box = self.results_plan().box
        ctx.panel(surf, box)
        ctx.blit_text(surf, t("ui.end.epilogue").upper(), 12.5, (box.left + ctx.d(14), box.top + ctx.d(10)), "accent", "bold")
        ep = self.view.epilogue
        if ep is None:  # a shared loss: no Epilogue, but the final tracks below all the same
            inner = box.inflate(-ctx.d(40), -ctx.d(80))
            used = ctx.blit_wrapped(surf, t("ui.end.no_epilogue"), 16, inner, "bad")
            # play-test: the VP beside it were ranked like a leaderboard under "Nobody wins"
            ctx.blit_wrapped(surf, t("ui.end.scores_void"), 14,
                             pygame.Rect(inner.left, inner.top + used + ctx.d(14), inner.width,
                                         inner.height - used - ctx.d(14)), "dim")
        else:
            self.draw_roll(surf, ep)
        self.draw_final_tracks(surf)

    def draw_roll(self, surf: pygame.Surface, ep: Any) -> None:
        ctx = self.ctx
        plan = self.results_plan()
        ctx.blit_wrapped(surf, t("ui.end.epilogue_q"), 14, plan.question, "dim")
        bar = plan.bar
        pygame.draw.rect(surf, ctx.pal["bg"], bar, border_radius=ctx.d(6))
        odds_w = int(bar.width * ep.odds / 100)
        pygame.draw.rect(surf, ctx.pal["bad"], (bar.left, bar.top, odds_w, bar.height), border_radius=ctx.d(6))
        pygame.draw.rect(surf, ctx.pal["line"], bar, 1, border_radius=ctx.d(6))
        # in the bar's red, but no odds at all are good news (hot-seat play-test: "0% chance" in red)
        ctx.blit_text(surf, t("ui.end.odds", odds=ep.odds), 15, (bar.left, bar.bottom + ctx.d(6)),
                      "bad" if ep.odds else "good", "bold")
        # the roll counts up, then lands
        frac = min(1.0, self.time / 2.0)
        shown = max(1, round(ep.roll * (1 - (1 - frac) ** 3)))
        x = bar.left + int(bar.width * shown / 100)
        pygame.draw.line(surf, ctx.pal["text"], (x, bar.top - ctx.d(8)), (x, bar.bottom + ctx.d(2)), ctx.d(3))
        ctx.blit_text(surf, t("ui.end.roll", roll=shown), 15, (x, bar.top - ctx.d(10)), "text", "bold", anchor="midbottom")
        if frac >= 1.0:
            key = "ui.end.aggression" if ep.aggression else "ui.end.deterred"
            ctx.blit_text(surf, t(key), 24, (ctx.p(320, 0)[0], plan.verdict_top), "bad" if ep.aggression else "good",
                          "bold", anchor="midtop")
            ctx.blit_wrapped(surf, epilogue_detail(self.view), 13.5, plan.detail, "dim", center=True)

    def draw_final_tracks(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        tb = self.results_plan().tracks
        ctx.panel(surf, tb)
        # with the round the game ended in (play-test: the end screen never said it; the export did)
        final = t("ui.end.final", round=self.view.round, rounds=self.view.scenario.rules.rounds)
        ctx.blit_text(surf, final.upper(), 12.5, (tb.left + ctx.d(14), tb.top + ctx.d(10)), "accent", "bold")
        # five rows 38 apart, or closer when a taller Epilogue above left less room (never
        # closer than a line of their text)
        row_h = ctx.font(16, "bold").get_linesize()
        first = max(tb.top + ctx.d(32), tb.top + ctx.d(12) + ctx.font(12.5, "bold").get_linesize())
        pitch = max(row_h, min(ctx.d(38), (tb.bottom - ctx.d(8) - first) // len(render.TRACKS)))
        for k, tr in enumerate(render.TRACKS):
            y = first + k * pitch
            v = getattr(self.view.tracks, tr)
            ctx.blit_text(surf, t(f"ui.track.{tr}"), 15, (ctx.p(62, 0)[0], y), "text", "bold")
            cell_y = y + max(0, (ctx.font(15, "bold").get_linesize() - ctx.d(16)) // 2)
            for c in range(10):
                cell = pygame.Rect(ctx.p(240 + c * 32, 0)[0], cell_y, ctx.d(28), ctx.d(16))
                pygame.draw.rect(surf, ctx.pal[tr] if c < v else ctx.pal["bg"], cell, border_radius=ctx.d(3))
            ctx.blit_text(surf, str(v), 16, (ctx.p(586, 0)[0], y), tr, "bold", anchor="topright")

    def draw_scores(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        o = self.outcome
        if o is None:
            return
        nm = labels.names(self.view)
        sc = self.view.scenario
        n = len(o.scores)
        col = self.results_plan().scores  # in pixels; the cards are laid out in design units
        top, room = (col.top - ctx.oy) / ctx.s, col.height / ctx.s
        h = min(104, (room - 8 * (n - 1)) / max(1, n))
        void = o.reason == OutcomeReason.SHARED_LOSS  # the totals count for nothing: greyed
        for i, s in enumerate(o.standings()):  # equal totals by the least IP spent, the winner's tie-break
            card = ctx.r(620, top + i * (h + 8), 620, h)
            win = s.role in o.winners
            ctx.panel(surf, card, "panel", "accent" if win else "line")
            render.draw_emblem(surf, s.role, (card.left + ctx.d(34), card.top + ctx.d(34)), ctx.d(20), ctx.pal[s.role.value])
            ctx.blit_text(surf, s.name, 16, (card.left + ctx.d(66), card.top + ctx.d(10)), "text", "bold",
                          max_w=ctx.d(330))
            ctx.blit_text(surf, t("ui.end.vp", n=s.total), 24, (card.right - ctx.d(16), card.top + ctx.d(6)),
                          "accent" if win else "faint" if void else "text", "bold", anchor="topright")
            if s.agenda:
                ag = sc.agenda(s.agenda).name
                ctx.blit_text(surf, t("ui.end.agenda_met" if s.agenda_met else "ui.end.agenda_missed", name=ag), 12.5,
                              (card.left + ctx.d(66), card.top + ctx.d(32)), "good" if s.agenda_met else "dim")
            parts = [labels.score_words(line, nm, sc) for line in s.lines]
            ctx.blit_wrapped(surf, "  ·  ".join(parts), 12,
                             pygame.Rect(card.left + ctx.d(66), card.top + ctx.d(52), card.width - ctx.d(80),
                                         card.height - ctx.d(54)), "dim")

    def chart_pictures(self, size: tuple[int, int]) -> tuple[pygame.Surface, pygame.Surface]:
        """The debrief charts (the same pictures as the exported debrief), rendered once per
        size and palette."""
        key = (size, self.ctx.version)
        cached = getattr(self, "_charts", None)
        if cached is not None and cached[0] == key:
            return cached[1]  # type: ignore[no-any-return]
        v = self.view
        st = v.scenario.tracks
        from game.core.state import Tracks

        pics = (
            pc.render_tracks_chart(v.history, size, start=Tracks(P=st.P, C=st.C, L=st.L, G=st.G, E=st.E),
                                   limits={"E": v.scenario.rules.e_loss}, palette=self.ctx.pal,
                                   title=t("ui.chart.tracks")),
            pc.render_tokens_chart(v.history, size, total=v.scenario.tokens,
                                   token_value_bn=v.scenario.token_value_bn, palette=self.ctx.pal,
                                   title=t("ui.chart.tokens")),
        )
        self._charts = (key, pics)
        return pics

    def draw_debrief(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        plan = self.results_plan()
        left, right = plan.charts(ctx)
        for pic, rect in zip(self.chart_pictures(left.size), (left, right), strict=True):
            surf.blit(pic, rect)
            pygame.draw.rect(surf, ctx.pal["line"], rect, 1, border_radius=ctx.d(4))
        for i, (q, a) in enumerate(self.debrief_answers()):
            box = pygame.Rect(ctx.p(40 + i * 406, 0)[0], plan.answers_top, ctx.d(394),
                              plan.answers_bottom - plan.answers_top)
            ctx.panel(surf, box)
            ctx.blit_text(surf, t(q), 18, (box.left + ctx.d(16), box.top + ctx.d(14)), "accent", "bold")
            ctx.blit_wrapped(surf, a, 13.5, pygame.Rect(box.left + ctx.d(16), box.top + ctx.d(48), box.width - ctx.d(32),
                                                        box.height - ctx.d(56)), "text")

    def debrief_answers(self) -> list[tuple[str, str]]:
        """The Debrief's three questions (catalogue keys) and their answers for this game."""
        v = self.view
        bn = v.scenario.token_value_bn
        out = v.released + v.redirected + v.returned + v.escrow
        ep = v.epilogue
        # "The Watching Power watched ..." when the seat has the role's name; a player's name
        # ("Eve") is no "The Eve": that seat is named with its role
        watcher = v.name_of(Role.F)
        named = watcher != v.scenario.roles[Role.F].name
        if ep is None:  # a shared loss: no Epilogue, so no odds and no roll to tell
            watch_key = "ui.debrief.watch.none_named" if named else "ui.debrief.watch.none"
        else:
            watch_key = "ui.debrief.watch.a_named" if named else "ui.debrief.watch.a"
        # the peak can fall inside a round (a shock, then a Hotline): the chart shows each round's end
        ends = max([v.scenario.tracks.E, v.tracks.E, *(r.tracks.E for r in v.history)])
        within = t("ui.debrief.peak_within", e=ends) if v.peaks.E > ends else ""
        # "released" counted escrow payouts too, beside a game that never used Release
        # (facilitator play-test): split as the exported summary splits it
        outright, from_escrow = paid_out(v)
        answers = [
            ("ui.debrief.cost", t("ui.debrief.cost.a", out=out, bn=out * bn, released=v.released,
                                  outright=outright, escrow=from_escrow, redirected=v.redirected,
                                  returned=v.returned, p=v.tracks.P, peak_e=v.peaks.E, within=within, g=v.tracks.G,
                                  c=v.tracks.C)),
            ("ui.debrief.paid", t("ui.debrief.paid.a", vp=v.concession_vp, played=len(v.played), fund=v.fund_spent,
                                  spent=", ".join(f"{v.name_of(r)} {v.ip_spent[v.idx(r)]}" for r in v.roles
                                                  if r not in v.automated),
                                  defect=(v.undetected_defections or 0) + v.detected_defections)),
            ("ui.debrief.watch", t(watch_key, name=watcher, role=v.scenario.roles[Role.F].name,
                                   g=v.tracks.G, c=v.tracks.C, odds=ep.odds if ep else 0, roll=ep.roll if ep else 0,
                                   result=t("ui.end.aggression") if ep and ep.aggression else t("ui.end.deterred"))),
        ]
        return answers


class ResultsPlan(NamedTuple):
    """The end screen in pixels: on Results, the Epilogue panel and its parts, the final tracks'
    panel under it and the column of scores; a tie's note (its top and lines) on both pages; on
    Debrief, where the charts start and the answers' panels start and end."""

    box: pygame.Rect
    question: pygame.Rect
    bar: pygame.Rect
    verdict_top: int
    detail: pygame.Rect
    tracks: pygame.Rect
    tie_top: int
    tie_lines: tuple[str, ...]
    scores: pygame.Rect
    charts_top: int
    answers_top: int
    answers_bottom: int

    def charts(self, ctx: Any) -> tuple[pygame.Rect, pygame.Rect]:
        h = self.answers_top - ctx.d(12) - self.charts_top
        return (pygame.Rect(ctx.p(40, 0)[0], self.charts_top, ctx.d(590), h),
                pygame.Rect(ctx.p(650, 0)[0], self.charts_top, ctx.d(590), h))


def export_folder(parent: Path, scenario: str, when: datetime) -> Path:
    """A new folder for one export: scenario, date and time, never the seed (New game hides it),
    and never one an earlier export wrote (play-test: a second export, or another table on the
    same seed ending in the same round, rewrote the first without asking)."""
    slug = re.sub(r"[^a-z0-9]+", "-", scenario.lower()).strip("-") or "game"
    base = f"debrief-{slug}-{when:%Y-%m-%d-%H%M}"
    out, k = parent / base, 2
    while safe_exists(out):
        out, k = parent / f"{base}-{k}", k + 1
    return out


def epilogue_detail(view: Any) -> str:
    """What the Epilogue's result did, with the scenario's names for the roles (a facilitator's
    play-test: a scenario that renamed the Custodian still read "The Custodian gains, and so do its
    Partners"), naming only what happens at this table: the Partners only at 6 seats, and a Watching
    Power's gain only where it plays (run by the rules, it scores nothing)."""
    ep = view.epilogue
    name = {r: view.scenario.roles[r].name for r in Role}
    if ep is not None and ep.aggression:
        gains = t("ui.end.aggression.f_gains", f=name[Role.F]) if view.plays(Role.F) else ""
        return t("ui.end.aggression.detail", f=name[Role.F], s=name[Role.S], f_gains=gains)
    hp = t("ui.end.deterred.hp_gains", hp=name[Role.HP]) if view.plays(Role.HP) else ""
    return t("ui.end.deterred.detail", h=name[Role.H], hp_gains=hp)


def winner_note(view: Any, o: Any) -> str:
    """Under the winner's name: how a tie was broken, and why a winner's score was not halved
    when every other one was (play-test: the Watching Power won a game with no Settlement, and
    nothing on the screen said its score alone is never halved)."""
    halved = {s.role for s in o.scores if any(x.key == "score.no_settlement_half" for x in s.lines)}
    whole = [r for r in o.winners if r not in halved]
    notes = [tie_note(view, o)]
    if halved and whole:
        notes.append(t("ui.end.not_halved", names=", ".join(view.name_of(r) for r in whole)))
    return " ".join(x for x in notes if x)


def tie_note(view: Any, o: Any) -> str:
    """When the best total was shared, how the tie was broken ("" when it was not)."""
    if not o.tied:
        return ""
    top = [s for s in o.scores if s.role in o.tied]
    best = top[0].total
    others = [s for s in top if s.role not in o.winners]
    if not others:  # every tied seat spent as little: they share the win
        return t("ui.end.tie_shared", vp=best)
    return t("ui.end.tie_broken", vp=best, ip=min(s.ip_spent for s in top),
             others=", ".join(f"{view.name_of(s.role)} {s.ip_spent}" for s in others))


def _debrief_module() -> ModuleType | None:
    try:
        from game.persistence import debrief
    except ImportError:
        return None
    return debrief if hasattr(debrief, "write_debrief") else None

