"""Game dialogs: curtain, event reveal, choices, the deal builder, negotiation, sealed vote and
secret compliance.

Every dialog builds Actions only from the viewer's ``legal_actions`` (through the session), so
nothing here knows a rule; the deal builder's preview comes from ``game.ui.preview``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

import pygame

from game.core import (
    TRANCHE_MOTIONS,
    Action,
    Channel,
    MotionKind,
    Phase,
    PlayerView,
    Role,
    Terms,
    ahead_takes,
    bargain_offers,
    epilogue_odds,
    respondent_vetoes,
    settlement_ahead,
    tabled_tranches,
    void_given,
    walked_by,
)
from game.core.actions import terms_to_args
from game.core.state import MotionStatus
from game.text import and_list, t, tranche_word
from game.ui import labels, render
from game.ui.preview import (
    TRACKS,
    breaks_agenda,
    change_words,
    combined,
    delta_words,
    drift_words,
    ending,
    ending_words,
    preview_terms,
)
from game.ui.scene import Overlay, Scene
from game.ui.scenes.overlays import MessageScene
from game.ui.session import public_view
from game.ui.theme import draw_arrow
from game.ui.widgets import Button, Cycle

if TYPE_CHECKING:
    from game.core.state import Motion
    from game.ui.app import App
    from game.ui.scenes.table import TableScene


class CurtainScene(Scene):
    """An opaque screen with a neutral label: nothing below it is drawn."""

    name = "curtain"

    def __init__(self, app: App, table: TableScene, role: Role) -> None:
        super().__init__(app)
        self.table = table
        self.role = role

    def layout(self) -> None:
        self.ui.add(Button(self.ctx.r(540, 470, 200, 48), t("ui.curtain.ready"), self.ready, t("ui.tip.curtain"),
                           style="primary", hotkey="Space"))
        self.ui.focus = 0

    def ready(self) -> None:
        self.table.session.take_screen(self.role)
        self.table._view_cache = ()
        self.app.pop(self)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            if not self.table.meant_for_wait(ev):  # a key meant for the AI's pause never lifts the curtain
                self.ready()
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            from game.ui.scenes.overlays import MenuScene

            self.app.push(MenuScene(self.app))
            return
        self.ui.handle(ev)

    def draw(self, surf: pygame.Surface) -> None:
        ctx = self.ctx
        surf.fill(ctx.pal["bg"])
        st = self.table.session.state
        name, role_name = st.name_of(self.role), st.scenario.roles[self.role].name
        label = (t("ui.curtain.pass", name=name) if name == role_name
                 else t("ui.curtain.pass_named", name=name, role=role_name))
        render.draw_emblem(surf, self.role, ctx.p(640, 250), ctx.d(64), ctx.pal[self.role.value])
        ctx.blit_text(surf, label, 30, ctx.p(640, 360), "text", "bold", anchor="center", max_w=ctx.d(1200))
        ctx.blit_text(surf, t("ui.curtain.hint"), 16, ctx.p(640, 410), "dim", anchor="center")
        self.ui.draw(surf, ctx)


class _TableShow(Overlay):
    """Something the whole table looks at (an event card, the opened ballots): Enter continues.
    With no human seat ("Watch the AIs") it also continues by itself after the AI pace."""

    space_skips = True

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app)
        self.table = table
        self.shown_for = 0.0

    def update(self, dt: float) -> None:
        self.shown_for += dt
        if not self.table.session.humans and self.shown_for >= self.app.settings.ai_delay:
            self.app.pop(self)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_SPACE and not self.table.session.humans:
            self.back()  # watching: Space skips the pause here too
            return
        if self.table.skip_key(ev, self.ui.focused):
            return
        super().handle_event(ev)


class EventScene(_TableShow):
    box = (340, 140, 600, 420)

    def __init__(self, app: App, table: TableScene, event_id: str) -> None:
        super().__init__(app, table)
        self.event_id = event_id

    def layout(self) -> None:
        self.ui.add(Button(self.ctx.r(540, 486, 200, 46), t("ui.btn.continue"), self.back, t("ui.tip.continue"),
                           style="primary", hotkey="Enter"))
        self.ui.focus = 0

    def drawn_in_round(self, view: PlayerView) -> int:
        """The round the card belongs to: its log line's round (drawn at the end of that round)."""
        for e in reversed(view.log):
            if e.key == "log.event" and e.args and e.args[0] == self.event_id:
                return e.round
        return view.round

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ev = self.table.session.state.scenario.event(self.event_id)
        view = self.table.current_view()
        render.note_view("EventScene", view)
        # the card's round and what it did are read from the game as it stands: the table behind
        # the card is held at the moment before the draw, so its log has no word of it yet
        # (play-test: a Humanitarian crisis card showed only its rule, "Peace -1" only in the
        # log once the card was closed)
        now = public_view(self.table.session.state)
        ctx.blit_text(surf, t("ui.event.header", round=self.drawn_in_round(now)), 14, (r.centerx, r.top + ctx.d(18)),
                      "accent", "bold", anchor="midtop")
        card = ctx.r(370, 180, 540, 288)
        ctx.panel(surf, card, "panel_hi", "warn", radius=10)
        ctx.blit_text(surf, ev.name, 28, (card.centerx, card.top + ctx.d(18)), "warn", "bold", anchor="midtop",
                      max_w=card.width - ctx.d(24))
        # the whole card text, wrapped (and a little smaller if it is long): never cut mid-sentence
        tw = card.width - ctx.d(40)
        size, lines = ctx.fit(ev.text or "", 17, tw, ctx.d(120), min_scale=0.75)
        lh = ctx.font(size).get_linesize()
        y = card.top + ctx.d(66)
        for line in lines:
            ctx.blit_text(surf, line, size, (card.centerx, y), "text", anchor="midtop", max_w=tw)
            y += lh
        # what it did at this table: the public log lines that followed the draw
        y += ctx.d(10)
        for line in self.consequences(now)[:3]:
            y += ctx.blit_wrapped(surf, line, 13.5, pygame.Rect(card.left + ctx.d(24), y, card.width - ctx.d(48),
                                                               card.bottom - ctx.d(8) - y), "dim", center=True)

    def consequences(self, view: PlayerView) -> list[str]:
        nm = labels.names(view)
        log = view.log  # public lines only: an event's effects are public
        for k in range(len(log) - 1, -1, -1):
            e = log[k]
            if e.key == "log.event" and e.args and e.args[0] == self.event_id:
                out = []
                for f in log[k + 1:]:
                    if f.key in ("log.round", "log.event", "log.epilogue"):
                        break
                    out.append(labels.log_line(view, f, nm))
                return out
        return []


class _VotesPlan(NamedTuple):
    """Where the opened ballots go (design units): each row as tall as its motion and its reason
    need, the box grown up and down to hold them."""

    lift: float  # how far the box's top, its title and the voters' emblems move up
    drop: float  # how far its bottom, the Continue button and the hint move down
    tops: list[float]  # each row's top
    sizes: list[tuple[float, float]]  # each row's motion size and reason size
    whys: list[str]  # each row's reason line (why it failed, or who broke their word), or ""


class VotesScene(_TableShow):
    """The sealed ballots, opened together: each motion, who voted how, and whether it passed."""

    box: tuple[float, float, float, float] = (240, 110, 800, 500)
    LIFT_MAX, DROP_MAX = 80, 90  # the box grows to 30..700 at most (design units)

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app, table)
        # the moment of the reveal, as the whole table may see it: never a seat's private view
        self.view = public_view(table.session.state)
        self._plan: tuple[int, _VotesPlan] | None = None

    X0 = 650  # the first voter's column (design units); one column of ballots per voter
    CHIP_W, CHIP_H = 32, 24
    ROWS_TOP, ROWS_BOTTOM, ROW_MIN = 222, 542, 55  # (the Continue button and the hint start below)
    WHY_W = 800 - 26 - (338 - 240)  # a row's reason: under the motion and the ballots, to the box's edge

    def layout(self) -> None:
        lift, drop = self.plan().lift, self.plan().drop
        self.box = (VotesScene.box[0], VotesScene.box[1] - lift, VotesScene.box[2], VotesScene.box[3] + lift + drop)
        self.ui.add(Button(self.ctx.r(540, 548 + drop, 200, 46), t("ui.btn.continue"), self.back, t("ui.tip.continue"),
                           style="primary", hotkey="Enter"))
        self.ui.focus = 0
        # an AI's ballot tells, under the pointer, why it voted so (its reason was sealed with it)
        said = self.table.session.ballot_said
        self.ui.areas = [(self.ctx.r(*rect), t("ui.votes.why", name=self.view.name_of(role), text=said[(role, m.id)].reason))
                         for role, m, _, rect in self.chips() if (role, m.id) in said]

    def rows(self) -> list[Motion]:
        """The motions as the vote resolved them: the round may have ended since (its table is
        cleared then), in the same move as the last ballot."""
        return list((self.view.last_motions or self.view.motions)[:6])

    def voters(self) -> list[Role]:
        """The seats whose ballots were opened, in table order: a column each."""
        ballots = dict(self.view.votes_revealed)
        return [x for x in self.view.roles if x in ballots]

    def why(self, i: int, m: Motion) -> str:
        """The line under row ``i``: why the motion failed, from the opened ballots, or else who
        broke their word on it (agreed it in bargaining, then voted No), for all to see."""
        view = self.view
        ballots = dict(view.votes_revealed)
        if m.status == MotionStatus.FAILED:
            why = labels.failure_reason(view, m.terms.kind, {r: len(b) > i and b[i] == "Y" for r, b in ballots.items()})
            if why:
                return why
        broke = [r for r in view.roles if (m.id, r) in view.broken_promises]
        if broke:  # (beside a failure's reason, the outlined ballot says it)
            return t("ui.votes.broke", names=and_list([view.name_of(r) for r in broke]))
        return ""

    def plan(self) -> _VotesPlan:
        """Each row as tall as what it holds: the whole motion (on up to three lines, smaller if it
        must be), then its reason under the motion and the row's ballots (play-test at 130%: "It
        needed a Yes from ..." ran into the next row, the rows being a fixed 55 apart). When the
        rows need more than the box holds, the box grows up, then down; when even that is not
        enough, every row's text is made smaller, down to 70%."""
        ctx = self.ctx
        if self._plan is not None and self._plan[0] == ctx.version:
            return self._plan[1]
        rows = self.rows()
        whys = [self.why(i, m) for i, m in enumerate(rows)]
        words = [labels.motion_words(self.view, m) for m in rows]
        ww = ctx.d(self.WHY_W)
        room = self.ROWS_BOTTOM - self.ROWS_TOP
        for f in (1.0, 0.9, 0.8, 0.7):
            sizes, heights = [], []
            for text, why in zip(words, whys, strict=True):
                msize, lines = ctx.fit(text, 13 * f, ctx.d(276), 3 * ctx.font(13 * f).get_linesize())
                high = max(len(lines) * ctx.font(msize).get_linesize() / ctx.s, self.CHIP_H + 2)
                wsize = 12.5 * f
                if why:
                    wsize, wl = ctx.fit(why, wsize, ww, 2 * ctx.font(wsize).get_linesize())
                    high += 2 + len(wl) * ctx.font(wsize).get_linesize() / ctx.s
                sizes.append((msize, wsize))
                heights.append(max(float(self.ROW_MIN), high + 9))
            if sum(heights) <= room + self.LIFT_MAX + self.DROP_MAX:
                break
        over = max(0.0, sum(heights) - room)
        lift = min(float(self.LIFT_MAX), over)
        drop = min(float(self.DROP_MAX), over - lift)
        tops = [self.ROWS_TOP - lift + sum(heights[:i]) for i in range(len(rows))]
        plan = _VotesPlan(lift, drop, tops, sizes, whys)
        self._plan = (ctx.version, plan)
        return plan

    def chips(self) -> list[tuple[Role, Motion, str, tuple[int, int, int, int]]]:
        """Each opened ballot on each motion: (voter, motion, "Y"/"N"/"-", its chip in design units)."""
        ballots = dict(self.view.votes_revealed)
        tops = self.plan().tops
        out = []
        for i, m in enumerate(self.rows()):
            for j, role in enumerate(self.voters()):
                b = ballots[role]
                out.append((role, m, b[i] if i < len(b) else "-",
                            (self.X0 + j * 64 - self.CHIP_W // 2, round(tops[i]), self.CHIP_W, self.CHIP_H)))
        return out

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        view = self.view
        render.note_view("VotesScene", view)
        plan = self.plan()
        ctx.blit_text(surf, t("ui.votes.title"), 22, (r.left + ctx.d(26), r.top + ctx.d(18)), "accent", "bold")
        # one column per voter, with its emblem
        x0 = self.X0
        for j, role in enumerate(self.voters()):
            render.draw_emblem(surf, role, ctx.p(x0 + j * 64, 176 - plan.lift), ctx.d(16), ctx.pal[role.value])
            short = view.scenario.roles[role].short
            ssize = ctx.fit(short, 11, ctx.d(62), ctx.font(11).get_linesize())[0]  # smaller, not cut
            ctx.blit_text(surf, short, ssize, ctx.p(x0 + j * 64, 196 - plan.lift), "dim", anchor="midtop", max_w=ctx.d(62))
        ww = ctx.d(self.WHY_W)
        for i, m in enumerate(self.rows()):
            y = plan.tops[i]
            msize, wsize = plan.sizes[i]
            word, col = render.motion_status(m)
            ctx.blit_text(surf, word, 12, ctx.p(266, y + 4), col, "bold")
            words = labels.motion_words(view, m)  # the whole motion, smaller if it must be (``plan``)
            used = ctx.blit_wrapped(surf, words, msize, pygame.Rect(ctx.p(338, y), (ctx.d(276), ctx.d(120))), "text")
            why = plan.whys[i]
            if why:
                # under the motion and under the row's ballots too, to the box's edge (play-test:
                # squeezed under the motion alone, a broken promise was tiny)
                top = ctx.p(338, y)[1] + max(used, ctx.d(self.CHIP_H + 2)) + ctx.d(2)
                ctx.blit_wrapped(surf, why, wsize, pygame.Rect(ctx.p(338, 0)[0], top, ww, ctx.d(120)), "warn")
        broken = False
        for role, m, ch, rect in self.chips():
            chip = ctx.r(*rect)
            pygame.draw.rect(surf, ctx.pal["good"] if ch == "Y" else ctx.pal["bad"], chip, border_radius=ctx.d(5))
            ctx.blit_text(surf, t("ui.vote.yes") if ch == "Y" else t("ui.vote.no"), 11.5, chip.center, (16, 20, 26),
                          "bold", anchor="center")
            if (m.id, role) in self.view.broken_promises:  # a broken promise, outlined
                pygame.draw.rect(surf, ctx.pal["warn"], chip.inflate(ctx.d(6), ctx.d(6)), ctx.d(2), border_radius=ctx.d(7))
                broken = True
        hints = ([t("ui.votes.why_hint")] if self.ui.areas else []) + ([t("ui.votes.broke_hint")] if broken else [])
        if hints:  # some ballot says why, under the pointer; an outlined No broke a promise
            hint = " ".join(hints)
            hsize = ctx.fit(hint, 11.5, ctx.d(262), ctx.d(40))[0]
            ctx.blit_wrapped(surf, hint, hsize, ctx.r(266, 552 + plan.drop, 262, 40), "dim")


class ChoiceScene(Overlay):
    box = (340, 130, 600, 460)
    space_skips = True

    def __init__(self, app: App, table: TableScene, title: str, actions: list[Action]) -> None:
        super().__init__(app)
        self.table = table
        self.title = title
        self.actions = actions

    def layout(self) -> None:
        """Every choice, in two columns, or three when there are more than twelve, the box grown
        down for more rows (hot-seat play-test: at 6 seats the Watching Power's 15 gifts showed
        only the first 12, so it could not give to the Chair)."""
        ctx = self.ctx
        view = self.table.current_view()
        n = len(self.actions)
        cols = 2 if n <= 12 else 3
        rows = -(-n // cols)
        w = (552 - 12 * (cols - 1)) / cols
        x, y, bw, bh = ChoiceScene.box
        self.box = (x, y, bw, max(bh, 60 + rows * 52 + 80))
        for i, a in enumerate(self.actions):
            col, row = i % cols, i // cols
            self.ui.add(Button(ctx.r(364 + col * (w + 12), 190 + row * 52, w, 42), labels.action_label(view, a),
                               partial(self.choose, a), labels.action_tip(view, a), size=14.5,
                               hotkey=str(i + 1) if i < 9 else ""))
        cancel_y = self.box[1] + self.box[3] - 60
        self.ui.add(Button(ctx.r(540, cancel_y, 200, 42), t("ui.btn.cancel"), self.back, t("ui.tip.cancel"),
                           hotkey="Esc"))
        self.ui.focus = 0

    def choose(self, a: Action) -> None:
        self.app.pop(self)
        self.table.do(a)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and pygame.K_1 <= ev.key <= pygame.K_9:
            i = ev.key - pygame.K_1
            if i < len(self.actions):
                self.choose(self.actions[i])
            return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        self.ctx.blit_text(surf, self.title, 20, (r.centerx, r.top + self.ctx.d(16)), "accent", "bold", anchor="midtop")


class DecisionScene(Overlay):
    """The Custodian's hard choices: reimpose after a caught breach, or hold the eroding vault."""

    box = (290, 180, 700, 350)
    space_skips = True

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app)
        self.table = table
        self.phase = table.session.state.phase

    def layout(self) -> None:
        ctx = self.ctx
        view = self.table.current_view()
        legal = self.table.session.legal()
        for i, a in enumerate(legal[:3]):
            self.ui.add(Button(ctx.r(330 + i * 316, 450, 300, 50), labels.action_label(view, a),
                               partial(self.choose, a), labels.action_tip(view, a),
                               style="primary" if i == 0 else "normal", hotkey=str(i + 1), size=15))
        self.ui.focus = 0

    def choose(self, a: Action) -> None:
        self.app.pop(self)
        self.table.do(a)

    def update(self, dt: float) -> None:
        s = self.table.session
        if not s.legal() or s.state.phase != self.phase:
            self.app.pop(self)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if self.table.skip_key(ev, self.ui.focused):
            return
        if ev.type == pygame.KEYDOWN and pygame.K_1 <= ev.key <= pygame.K_3:
            i = ev.key - pygame.K_1
            if i < len(self.ui.widgets):
                self.ui.widgets[i].activate()
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            self.app.pop(self)  # decide later from the table's buttons
            return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        view = self.table.current_view()
        render.note_view("DecisionScene", view)
        rules = view.scenario.rules
        if self.phase == Phase.REIMPOSE and view.reimpose_queue:
            d = view.deal(view.reimpose_queue[0])
            title = t("ui.decide.breach.title")
            lc = rules.look_away_c  # in words (play-test: "Credibility changes by -2")
            look = t("ui.decide.breach.look_fall" if lc < 0 else "ui.decide.breach.look_rise" if lc > 0
                     else "ui.decide.breach.look_none", n=abs(lc))
            body = t("ui.decide.breach.body", deal=d.id, concession=view.scenario.concession(d.concession).name,
                     ip=rules.reimpose_ip, c=rules.reimpose_c, look_text=look)
        else:
            title = t("ui.decide.erosion.title")
            # and what the tokens returned do (play-test: "leverage is eroding", and nothing said what of it)
            body = t("ui.decide.erosion.body", n=rules.erosion_tokens, ip=rules.erosion_hold_ip, vault=view.vault,
                     vp=view.scenario.scoring.s_vp_per_token)
        me = view.me  # the Custodian's own decision: always a seat's view
        render.draw_emblem(surf, me, (r.left + ctx.d(60), r.top + ctx.d(70)), ctx.d(30), ctx.pal[me.value])
        ctx.blit_text(surf, title, 24, (r.left + ctx.d(110), r.top + ctx.d(40)), "warn", "bold")
        ctx.blit_fit(surf, body, 15, pygame.Rect(r.left + ctx.d(40), r.top + ctx.d(120), r.width - ctx.d(80), ctx.d(140)),
                     "text")


# ---------------------------------------------------------------------------
# the deal builder (table a motion, or counter-offer)
# ---------------------------------------------------------------------------

FIELDS: dict[MotionKind, tuple[str, ...]] = {
    MotionKind.DEAL: ("concession", "channel", "tranches"),
    MotionKind.MOBILIZE: ("tranches",),
    MotionKind.BUILD: ("target",),
    MotionKind.SNAPBACK: ("target",),
    MotionKind.SETTLEMENT: (),
}


def their_offer_back(view: Any, a: Action | None) -> bool:
    """Whether counter ``a`` is the offer on the table sent back (the same terms, the payment
    the other way): it would only spend an exchange to be accepted."""
    b = view.bargain
    return a is not None and b is not None and (a.terms, a.pay) == (b.offer.terms, -b.offer.pay)


def offered_before(view: Any, a: Action | None) -> bool:
    """Whether counter ``a`` is an offer its maker already made in this negotiation (the terms
    and the payment): allowed, as holding firm, but it spends an exchange on what was answered."""
    if a is None or view.bargain is None:
        return False
    return any(by == a.seat and (tm, pay) == (a.terms, a.pay) for by, tm, pay in bargain_offers(view))


SELECTOR_W = 420  # the builder's selectors (design units)
# selectors over a scale stop at its ends, not wrap round (play-test: Tranches 1, then 4 on the
# next press of the left arrow; who pays whom: no jump from one end to the other)
SCALES = ("tranches", "pay")


class MotionBuilderScene(Overlay):
    """Pick the kind and terms of a motion among the legal ones; see what it would change."""

    box = (170, 64, 940, 600)
    space_skips = True

    def __init__(self, app: App, table: TableScene, mode: str, start: Terms | None = None, start_pay: int = 0) -> None:
        super().__init__(app)
        self.table = table
        self.mode = mode  # "propose" | "counter"
        legal = table.session.legal()
        self.options: list[tuple[Terms, int]] = [(a.terms, a.pay) for a in legal if a.verb == mode]
        kinds: list[MotionKind] = []
        for tm, _ in self.options:
            if tm.kind not in kinds:
                kinds.append(tm.kind)
        self.kinds = kinds
        self.sel: dict[str, Any] = {"kind": kinds[0] if kinds else None}
        self.kept: dict[MotionKind, dict[str, Any]] = {}  # each kind's choices, back when it is chosen again
        if start is not None and start.kind in kinds:
            self.sel.update(kind=start.kind, concession=start.concession, channel=start.channel,
                            tranches=start.tranches, target=start.target, pay=start_pay)
        self.error = ""
        self._settle()

    # --- options derived from the legal actions only ---
    def _fields(self) -> tuple[str, ...]:
        k = self.sel.get("kind")
        if k is None:
            return ()
        return FIELDS[k] + (("pay",) if self.mode == "counter" else ())

    def _matching(self, upto: str) -> list[tuple[Terms, int]]:
        out = []
        for tm, pay in self.options:
            if tm.kind != self.sel["kind"]:
                continue
            ok = True
            for f in self._fields():
                if f == upto:
                    break
                if self._get(tm, pay, f) != self.sel.get(f):
                    ok = False
                    break
            if ok:
                out.append((tm, pay))
        return out

    @staticmethod
    def _get(tm: Terms, pay: int, f: str) -> Any:
        return pay if f == "pay" else getattr(tm, f)

    def values(self, f: str) -> list[Any]:
        vals: list[Any] = []
        for tm, pay in self._matching(f):
            v = self._get(tm, pay, f)
            if v not in vals:
                vals.append(v)
        if f == "pay":  # a scale, in order: one side pays most ... nothing ... the other pays most
            vals.sort()
        return vals

    def _settle(self) -> None:
        for f in self._fields():
            vals = self.values(f)
            if self.sel.get(f) not in vals:
                if f == "pay" and 0 in vals:
                    self.sel[f] = 0
                elif f == "channel" and Channel.ESCROW in vals:
                    # a new Deal starts conditional (play-test: it started on Release, the channel
                    # the game warns against, for whoever pressed Enter)
                    self.sel[f] = Channel.ESCROW
                else:
                    self.sel[f] = vals[0] if vals else None

    def terms(self) -> Terms | None:
        k = self.sel.get("kind")
        for tm, pay in self.options:
            if tm.kind == k and all(self._get(tm, pay, f) == self.sel.get(f) for f in self._fields()):
                return tm
        return None

    def action(self) -> Action | None:
        tm = self.terms()
        seat = self.table.session.viewer
        if tm is None or seat is None:
            return None
        if self.mode == "counter":
            return Action(seat, "counter", (*terms_to_args(tm), "pay", str(self.sel.get("pay", 0))))
        return Action(seat, "propose", terms_to_args(tm))

    def set(self, f: str, v: Any) -> None:
        if f == "kind" and v != self.sel.get("kind"):
            # another kind of motion starts from its own first options (the fewest tranches):
            # play-test: a Deal's 4 tranches carried over to a Mobilize, Legal risk 1 to 9 in a
            # click; or from what was chosen for it before (play-test: Deal, Mobilize, Deal lost
            # the concession, channel and tranches picked)
            if self.sel.get("kind") is not None:
                self.kept[self.sel["kind"]] = dict(self.sel)
            pay = {"pay": self.sel["pay"]} if "pay" in self.sel else {}
            self.sel = {**self.kept.get(v, {}), **pay}
        self.sel[f] = v
        self._settle()
        self.error = ""
        self.relayout()

    def label(self, f: str, v: Any) -> str:
        view = self.table.current_view()
        sc = view.scenario
        if f == "kind":
            return t(f"ui.kind.{v.value}")
        if f == "concession":
            c = sc.concession(v)
            return t("ui.builder.concession_opt", name=c.name, p=c.p_gain, cost=c.cost_vp)
        if f == "channel":
            return t(f"channel.{v.value}")
        if f == "tranches":
            return t("ui.builder.tranches_opt", n=v, bn=v * sc.tranche * sc.token_value_bn)
        if f == "target":
            if self.sel["kind"] == MotionKind.BUILD:
                spec = sc.infra(v)
                return t("ui.builder.build_opt", name=spec.name, cost=spec.cost)
            d = view.deal(int(v))  # which deal, by its concession (verify play-test)
            return t("ui.builder.snapback_opt", deal=v, name=sc.concession(d.concession).name, n=d.tranches)
        if f == "pay":
            # the other delegation's whole name where every option fits the selector with it,
            # else "them" in every option (one way of naming it in one selector)
            me = view.me  # the builder is open only on the viewer's own turn
            other = view.bargain.offer.by if view.bargain else me

            def whole(p: int) -> str:
                return labels.pay_short(view, me, other, p, you=me, full=True)

            if all(self.fits_selector(t("ui.builder.pay"), whole(int(p))) for p in self.values("pay")):
                return whole(int(v))
            return labels.pay_between_us(view, me, int(v))
        return str(v)

    def fits_selector(self, label: str, value: str) -> bool:
        """Whether ``value`` shows whole, on one full-size line, in a selector labelled ``label``
        (``SELECTOR_W`` wide, laid out as ``Cycle`` draws it)."""
        ctx = self.ctx
        room = ctx.d(SELECTOR_W) - ctx.d(42) - ctx.font(16 * 0.85).size(label)[0]
        return ctx.font(16, "bold").size(value)[0] <= room

    def layout(self) -> None:
        ctx = self.ctx
        y = 150
        if self.kinds:
            self.ui.add(Cycle(ctx.r(196, y, SELECTOR_W, 40), t("ui.builder.kind"),
                              [(k, self.label("kind", k)) for k in self.kinds],
                              self.kinds.index(self.sel["kind"]), lambda v: self.set("kind", v),
                              t("ui.tip.builder.kind")))
            y += 50
        for f in self._fields():
            vals = self.values(f)
            cur = self.sel.get(f)
            self.ui.add(Cycle(ctx.r(196, y, SELECTOR_W, 40), t(f"ui.builder.{f}"), [(v, self.label(f, v)) for v in vals],
                              vals.index(cur) if cur in vals else 0, partial(self.set, f),
                              t(f"ui.tip.builder.{f}"), wrap=f not in SCALES))
            y += 50
        self.ui.add(Button(ctx.r(196, 592, 200, 46), t("ui.builder.confirm" if self.mode == "propose"
                                                         else "ui.builder.confirm_counter"),
                           self.confirm, t("ui.tip.builder.confirm"), style="primary", hotkey="Enter"))
        self.ui.add(Button(ctx.r(408, 592, 160, 46), t("ui.btn.cancel"), self.back, t("ui.tip.cancel"), hotkey="Esc"))
        if self.ui.focus < 0:
            self.ui.focus = len(self.ui.widgets) - 2
        # tooltips keep off the preview and the motion's explanation the player is reading
        self.ui.avoid += [ctx.r(640, 150, 444, 490), ctx.r(196, y + 10, 420, 576 - y)]

    def confirm(self) -> None:
        a = self.action()
        if a is None:
            self.error = t("ui.builder.none")
            return
        if self.mode == "counter" and their_offer_back(self.table.current_view(), a):
            # their own offer sent back would spend an exchange only to be accepted, its side
            # payment binding at once: Enter, Enter must not be an accept in two steps
            self.error = t("ui.builder.same_as_offer")
            self.app.sounds.play("alarm")
            return
        err = self.table.session.act(a)
        if err:
            self.error = err
            self.app.sounds.play("alarm")
            return
        self.app.sounds.play("click")
        self.table.relayout()
        self.app.pop(self)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            f = self.ui.focused
            if f is None or isinstance(f, Button):
                if f is not None:
                    f.activate()
                else:
                    self.confirm()
                return
        super().handle_event(ev)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        view = self.table.current_view()
        render.note_view("MotionBuilderScene", view)
        title = t("ui.builder.title" if self.mode == "propose" else "ui.builder.title_counter")
        ctx.blit_text(surf, title, 22, (r.left + ctx.d(26), r.top + ctx.d(18)), "accent", "bold")
        ctx.blit_text(surf, t("ui.builder.cost", ip=view.scenario.rules.motion_cost_ip, have=view.ip_of(view.me))
                      if self.mode == "propose" else t("ui.builder.counter_sub"), 13.5,
                      (r.left + ctx.d(26), r.top + ctx.d(48)), "dim")
        tm = self.terms()
        k = self.sel.get("kind")
        # what the kind of motion does and, for a deal, the concession: both whole, between the
        # selectors and the buttons (or the error line), one size smaller together if they must be
        texts: list[tuple[str, str, str]] = []
        if k is not None:
            texts.append((t(f"ui.kind.{k.value}.help"), "dim", "regular"))
        skip = view.bargain.motion_index if self.mode != "propose" and view.bargain is not None else None
        left = render.binding_allowance(view, skip)
        if left is not None and k in TRANCHE_MOTIONS:
            used = tabled_tranches(view, skip)
            none = "ui.builder.allowance_none" if self.mode == "propose" else "ui.builder.allowance_none_counter"
            # "a concession that needs more must wait" is a Deal's (play-test: said on a Mobilize)
            some = "ui.builder.allowance" if k == MotionKind.DEAL else "ui.builder.allowance_mobilize"
            texts.append((t(some if used else none, left=left,
                            cap=view.scenario.rules.max_tranches_per_round, used=used), "text", "regular"))
        if tm is not None and k == MotionKind.DEAL and tm.concession:
            c = view.scenario.concession(tm.concession)
            texts.append((t("ui.builder.concession_text", name=c.name, text=c.text, cost=c.cost_vp,
                            min=c.min_tranches, word=tranche_word(c.min_tranches)), "text", "italic"))
        closed = labels.closed_kinds(view, self.kinds) if self.mode == "propose" else []
        if closed:  # the kinds the selector does not offer now, and why
            texts.append((t("ui.closed.head", items="; ".join(closed)), "dim", "regular"))
        area = ctx.r(200, 160 + 50 * (1 + len(self._fields())), 410, 0)
        area.height = ctx.p(0, 540 if self.error else 586)[1] - area.top
        gap = ctx.d(8)
        size = 13.0

        def height(sz: float) -> int:
            return sum(len(ctx.wrap(x, sz, area.width, st)) * ctx.font(sz, st).get_linesize() for x, _, st in texts) \
                + gap * (len(texts) - 1)

        while size > 13 * 0.7 and height(size) > area.height:
            size -= 0.5
        y = area.top
        for text, col, st in texts:
            y += ctx.blit_wrapped(surf, text, size, pygame.Rect(area.left, y, area.width, area.bottom - y), col, st) + gap
        if self.error:
            ctx.blit_wrapped(surf, self.error, 13.5, ctx.r(196, 544, 420, 44), "bad", "bold")
        # the preview
        pr = ctx.r(640, 150, 444, 490)
        ctx.panel(surf, pr, "bg2", "line", radius=10, shadow=False)
        ctx.blit_text(surf, t("ui.preview.title"), 15, (pr.left + ctx.d(16), pr.top + ctx.d(12)), "accent", "bold")
        if tm is None:
            ctx.blit_text(surf, t("ui.builder.none"), 14, (pr.left + ctx.d(16), pr.top + ctx.d(46)), "dim")
            return
        # the motion's whole title (its channel at the end too), on up to two lines above the tracks
        ctx.blit_fit(surf, labels.terms_words(view, tm), 14, pygame.Rect(pr.left + ctx.d(16), pr.top + ctx.d(36),
                                                                         pr.width - ctx.d(32), ctx.d(54)),
                     "text", "bold")
        pv = preview_terms(view, tm)
        y = pr.top + ctx.d(92)
        for tr in TRACKS:
            b, a = pv.before[tr], pv.after[tr]
            d = a - b
            ctx.blit_text(surf, t(f"ui.track.{tr}"), 15, (pr.left + ctx.d(16), y), tr, "bold")
            ctx.blit_text(surf, str(b), 17, (pr.left + ctx.d(190), y - ctx.d(1)), "text", "bold", anchor="topright")
            draw_arrow(surf, ctx.pal["dim"], (pr.left + ctx.d(202), y + ctx.d(11)), (pr.left + ctx.d(238), y + ctx.d(11)), 2)
            ctx.blit_text(surf, str(a), 17, (pr.left + ctx.d(250), y - ctx.d(1)), "text", "bold")
            if d:
                good = (d > 0) == (tr in ("P", "C"))
                ctx.blit_text(surf, f"{'+' if d > 0 else ''}{d}", 15, (pr.left + ctx.d(300), y), "good" if good else "bad",
                              "bold")
            y += ctx.d(30)
        y += ctx.d(6)
        extra: list[tuple[str, str]] = []
        if pv.fund:
            extra.append((t("ui.preview.fund", d=f"{'+' if pv.fund > 0 else ''}{pv.fund}"), "text"))
        if pv.tokens_out:
            extra.append((t("ui.preview.tokens", n=pv.tokens_out, bn=pv.tokens_out * view.scenario.token_value_bn), "text"))
            # what the Vault keeps for the rounds to come (play-test: four tranches in each of the
            # first rounds emptied it, and the second half had nothing left to table)
            sc = view.scenario
            kept = view.vault - ahead_takes(view, skip).tokens - pv.tokens_out
            if kept >= 0 and view.round < sc.rules.rounds:
                still = kept // sc.tranche
                extra.append((t("ui.preview.vault_left", n=still, left=sc.rules.rounds - view.round),
                              "warn" if still <= sc.rules.max_tranches_per_round else "dim"))
        if tm.kind == MotionKind.BUILD and tm.target:
            # who scores a build, and a card whose effect would do nothing now (play-test: the
            # preview never said the Frontline State scores the Fund spent; Claims Commission at
            # Legal risk 0 read "Legal risk 0 to 0" with no word)
            sc = view.scenario
            spec_i = sc.infra(tm.target)
            if any(getattr(spec_i, k) for k in ("P", "L", "E")) and not any(pv.delta(k) for k in TRACKS):
                extra.append((t("ui.preview.build_idle"), "warn"))
            chair = Role.M in view.roles and Role.M not in view.automated  # (a rules-run Chair scores nothing)
            extra.append((t("ui.preview.build_vp" if chair else "ui.preview.build_vp_a",
                            a=spec_i.cost // sc.scoring.a_fund_divisor, m=sc.scoring.m_vp_per_infra), "dim"))
        if pv.later_g:
            extra.append((t("ui.preview.later_g", g=pv.later_g), "text"))
        if pv.escrow_paid:
            extra.append((t("ui.preview.escrow_paid", n=pv.escrow_paid), "text"))
        if pv.escrow_back:
            extra.append((t("ui.preview.escrow_back", n=pv.escrow_back, bn=pv.escrow_back * view.scenario.token_value_bn),
                          "text"))
        if pv.g_avoided:
            extra.append((t("ui.preview.g_avoided", g=pv.g_avoided), "text"))
        ob = pygame.Rect(pr.left + ctx.d(16), pr.bottom - ctx.d(92), pr.width - ctx.d(32), ctx.d(78))
        for line, col in extra:  # wrapped, whole (play-test at 130% text: "6 tokens to the Sanction...")
            used = ctx.blit_wrapped(surf, line, 13.5, pygame.Rect(pr.left + ctx.d(16), y, pr.width - ctx.d(32),
                                                                   max(ctx.d(21), ob.top - y)), col)
            y += max(ctx.d(21), used)
        notes = [(t(n), "dim") for n in pv.notes]
        if self.mode == "counter" and offered_before(view, self.action()):
            # play-test: the same offer sent again used an exchange, with no word of it
            notes.insert(0, (t("ui.builder.offered_before", n=view.scenario.rules.max_exchanges), "warn"))
        void = labels.void_words(view, tm, skip)
        if void:  # the tracks above leave the motions tabled before it out: it may come to nothing
            notes.insert(0, (void, "warn"))
        drifts = drift_words(view, pv.before, pv.after)
        if drifts:
            notes.insert(0, (drifts[0], "bad" if drifts[1] else "warn"))
        end = ending(view, pv.after)
        if end:  # play-test: a counter took Legal risk from 3 to 10 with no word that the game ends
            notes.insert(0, (ending_words(view, end), "bad"))
        if notes:  # every note whole, in the room left above the odds box
            room = pygame.Rect(pr.left + ctx.d(16), y, pr.width - ctx.d(32), ob.top - ctx.d(6) - y)
            size = ctx.fit("\n".join(n for n, _ in notes), 12.5, room.width, room.height, min_scale=0.7)[0]
            for n, col in notes:
                y += ctx.blit_wrapped(surf, n, size, pygame.Rect(room.left, y, room.width, room.bottom - y), col)
        ctx.panel(surf, ob, "panel", "line", radius=8, shadow=False)
        ctx.blit_text(surf, t("ui.preview.odds"), 13, (ob.left + ctx.d(12), ob.top + ctx.d(8)), "dim", "bold")
        col_a = "good" if pv.odds_after < pv.odds_before else ("bad" if pv.odds_after > pv.odds_before else "text")
        ctx.blit_text(surf, f"{pv.odds_before}%", 30, (ob.left + ctx.d(12), ob.top + ctx.d(28)), "text", "bold")
        draw_arrow(surf, ctx.pal["dim"], (ob.left + ctx.d(110), ob.top + ctx.d(50)), (ob.left + ctx.d(160), ob.top + ctx.d(50)), 3)
        ctx.blit_text(surf, f"{pv.odds_after}%", 30, (ob.left + ctx.d(176), ob.top + ctx.d(28)), col_a, "bold")


# ---------------------------------------------------------------------------
# negotiation
# ---------------------------------------------------------------------------


class AnswerScene(MessageScene):
    """The AI's accept or walk-away after a human's counter. It stays up until OK, Enter or Esc:
    Space is the table's "skip the AI's pause" key (a player who skipped the wait often presses
    it again), so, as on the event card and the opened ballots, it never dismisses this."""

    space_skips = True

    def handle_event(self, ev: pygame.event.Event) -> None:
        from game.ui.scenes.table import TableScene

        table = self.app.find(TableScene)
        if isinstance(table, TableScene) and table.skip_key(ev, self.ui.focused):
            return  # Space, or a key that was meant for the wait that just ended
        super().handle_event(ev)


def answer_message(app: App, name: str, verb: str, motion_id: int | str, reason: str,
                   to: str | None = None) -> MessageScene:
    """The AI ``name`` accepted ("accept") or walked away from ("walk") a human's offer on a
    motion: a message with its sentence. ``to`` names that human at a table of several, where
    "your offer" would not say whose. Everything in it is public (the log shows it too)."""
    key = f"ui.neg.outcome.{verb}" + (".named" if to else "")
    title = t(key, name=name, id=motion_id, to=to or "")
    # (an AI's walk already says where the motion goes: "it goes to the vote as tabled", or
    # "as tabled, it gets my no in the vote"; play-test: the dialog said it a second time)
    body = "\u201c" + reason + "\u201d"
    return AnswerScene(app, title, body)


class _NegHeader(NamedTuple):
    title: str
    title_at: tuple[int, int]
    tabled: str
    tabled_size: float
    tabled_at: tuple[int, int]
    dy: float  # design units the rest of the negotiation dialog moves down


class _NegFlow(NamedTuple):
    """Where the lower half of the negotiation dialog goes, in design units: the other side's
    sentence, then "Your move" and the rules (or the price they named), then the buttons."""

    f: float  # the sentence's and the rules' size, as a share of their usual size
    quote_h: float  # the sentence's height
    move_y: float  # "Your move"
    body_top: float  # the rules, or the price they named
    bottom: float  # the body ends here; the buttons' row starts 8 below
    grow: float  # how far the dialog's bottom (and the buttons) moved down


class NegotiationScene(Overlay):
    """The pressure chamber for one motion: the offer, the other side's answer, and your move."""

    box: tuple[float, float, float, float] = (200, 80, 880, 560)
    GROW_MAX = 64  # how far (design units) the dialog may grow down: to 704, the window's bottom
    game_runs = True  # the AI answers while the dialog stays open
    space_skips = True

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app)
        self.table = table
        self.price: tuple[Action | None, str] | None = None
        self.price_for: tuple[int] | tuple[()] = ()  # (the session version the price was asked at)
        self.watching: tuple[Role, int] | None = None  # (the other side, the motion) under way
        self.built_for: int | None = None  # the session version laid out for (None: lay out again)

    def parties(self) -> tuple[Role, Role] | None:
        view = self.table.current_view()
        b = view.bargain
        if view.phase != Phase.BARGAIN or b is None:
            return None
        m = view.motions[b.motion_index]
        if m.respondent is None:
            return None
        return m.proposer, m.respondent

    def me_other(self) -> tuple[Role, Role] | None:
        p = self.parties()
        me = self.table.session.viewer
        if p is None or me not in p:
            return None
        return me, (p[1] if p[0] == me else p[0])

    def layout(self) -> None:
        ctx = self.ctx
        s = self.table.session
        legal = s.legal()
        verbs = {a.verb for a in legal}
        mo = self.me_other()
        view = self.table.current_view()
        flow = self.flow(view)
        self.box = (NegotiationScene.box[0], NegotiationScene.box[1], NegotiationScene.box[2],
                    NegotiationScene.box[3] + flow.grow)
        y = 574 + flow.grow
        # Enter is never a binding accept by default (it may pay IP at once): the focus starts on
        # Counter, so Counter is the gold button with the focus ring and Accept a plain one (A, or
        # Tab then Enter, accepts). With no exchange left no button is Enter's: none is gold.
        can_counter = "counter" in verbs
        self.ui.show_focus = True
        self.ui.add(Button(ctx.r(228, y, 190, 44), t("ui.neg.accept"), lambda: self.play("accept"),
                           t("ui.tip.neg.accept"), enabled="accept" in verbs, hotkey="A"))
        self.ui.add(Button(ctx.r(430, y, 190, 44), t("ui.neg.counter"), self.counter, t("ui.tip.neg.counter"),
                           style="primary" if can_counter else "normal", enabled=can_counter, hotkey="C"))
        self.ui.add(Button(ctx.r(632, y, 190, 44), t("ui.neg.walk"), lambda: self.play("walk"), t("ui.tip.neg.walk"),
                           style="danger", enabled="walk" in verbs, hotkey="W"))
        ai_other = mo is not None and mo[1] in s.agents
        self.ui.add(Button(ctx.r(834, y, 220, 44), t("ui.neg.ask"), self.ask, t("ui.tip.neg.ask"),
                           enabled=ai_other and "counter" in verbs, hotkey="?"))
        if self.price and self.price[0] is not None and "counter" in verbs and not self.price_is_offer():
            self.ui.add(Button(ctx.r(834, min(flow.body_top + 26, flow.bottom - 40), 220, 40), t("ui.neg.use_price"),
                               self.use_price, t("ui.tip.neg.use_price"), hotkey="U"))
        self.built_for = s.version
        tip = self.history_tip(view) if mo is not None else ""
        if tip and view.bargain is not None:
            m = view.motions[view.bargain.motion_index]
            self.ui.areas = [(self.offer_box(self.header(view, m, self.box_rect()).dy), tip)]
        if self.ui.focus < 0 and can_counter:
            self.ui.focus = 1  # Enter counters (see above)

    @staticmethod
    def failed_deal_words(view: Any, m: Any) -> str:
        """The IP a failed vote costs, for the motions that carry that cost (a Deal: its proposer
        and the Sanctioned Power, once if they are the same; the engine's rule), else nothing."""
        if m.terms.kind != MotionKind.DEAL:
            return ""
        ip = view.scenario.rules.failed_deal_ip
        if m.proposer == Role.S:
            return " " + t("ui.neg.rules.failed_deal.s", s=view.name_of(Role.S), ip=ip)
        return " " + t("ui.neg.rules.failed_deal", proposer=view.name_of(m.proposer), s=view.name_of(Role.S), ip=ip)

    @staticmethod
    def veto_words(view: Any, m: Any) -> str:
        """Whether the respondent's No alone sinks the motion in the vote (its yes is needed),
        which is what walking away from the bargaining leads to (play-test: a player paid for a
        yes that was never needed, and nothing on screen said whose yes was)."""
        resp = m.respondent
        if resp is None:
            return ""
        who = "you" if resp == view.me else "them"
        return t(f"ui.neg.{'veto' if respondent_vetoes(view.scenario, m) else 'noveto'}.{who}", name=view.name_of(resp))

    def price_is_offer(self) -> bool:
        """Whether the price they named is the offer already on the table (then Accept takes it;
        offering it back would only spend an exchange)."""
        return their_offer_back(self.table.current_view(), self.price[0] if self.price else None)

    def play(self, verb: str) -> None:
        for a in self.table.session.legal():
            if a.verb == verb:
                self.table.do(a)
                self.price = None
                self.relayout()
                return

    def counter(self) -> None:
        view = self.table.current_view()
        b = view.bargain
        # the builder starts from the offer on the table, its side payment included (what they
        # pay is what I would not pay, and the other way round)
        start, pay = (b.offer.terms, -b.offer.pay) if b is not None else (None, 0)
        self.app.push(MotionBuilderScene(self.app, self.table, "counter", start=start, start_pay=pay))

    def ask(self) -> None:
        mo = self.me_other()
        if mo is None:
            return
        self.price = self.table.session.ask_price(mo[1])
        self.price_for = (self.table.session.version,)
        self.relayout()

    def use_price(self) -> None:
        if self.price and self.price[0] is not None:
            self.table.do(self.price[0])
            self.price = None
            self.relayout()

    def outcome(self) -> MessageScene | None:
        """When the AI across the table has just accepted or walked away from the motion under
        way, a message with its sentence (the dialog moves on at once, so it would be missed)."""
        s = self.table.session
        view = self.table.current_view()
        mo = self.me_other()
        b = view.bargain
        now = (mo[1], view.motions[b.motion_index].id) if mo is not None and b is not None else None
        was, self.watching = self.watching, now
        if was is not None and was != now:
            self.ui.focus = -1  # the next negotiation starts on Counter, whatever was pressed before
            self.built_for = None  # (laid out again)
        if was is None or was == now:
            return None
        other, mid = was
        said = s.said_about(other, mid)
        if said is None or said.action.seat != other or said.action.verb not in ("accept", "walk"):
            return None
        if not s.tell_answer(other, mid):  # the table told it already
            return None
        return answer_message(self.app, view.name_of(other), said.action.verb, mid, said.reason)

    def update(self, dt: float) -> None:
        s = self.table.session
        told = self.outcome()
        if self.me_other() is None and s.curtain_needed() is None:
            self.app.pop(self)
            if told is not None:
                self.app.push(told)
            return
        if told is not None:
            self.app.push(told)
        if s.version != self.built_for:
            if self.price_for and self.price_for[0] != s.version:
                self.price = None
            self.relayout()

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN:
            keymap = {pygame.K_a: 0, pygame.K_c: 1, pygame.K_w: 2, pygame.K_SLASH: 3, pygame.K_QUESTION: 3, pygame.K_u: 4}
            if ev.key in keymap:
                i = keymap[ev.key]
                if i < len(self.ui.widgets) and self.ui.widgets[i].enabled:
                    self.ui.widgets[i].activate()
                return
            if ev.key == pygame.K_ESCAPE:
                self.app.pop(self)  # the motion stays under negotiation; reopen from the table
                return
            if self.table.skip_key(ev, self.ui.focused):
                return  # Space skips the AI's pause and never presses Accept (or anything else)
        self.ui.handle(ev)

    def header(self, view: Any, m: Any, r: pygame.Rect) -> _NegHeader:
        """Where the title and the "Tabled by" line go, and how far (in design units) the rest
        of the dialog moves down to keep clear of them at a large text size."""
        ctx = self.ctx
        title = t("ui.neg.title", id=m.id)
        title_at = (r.left + ctx.d(26), r.top + ctx.d(18))
        bottom = ctx.text_rect(title, 22, title_at, "bold").bottom
        tabled = t("ui.neg.tabled", name=view.name_of(m.proposer), terms=labels.terms_words(view, m.terms))
        tsz = 13.5 * min(1.0, 1.1 / ctx.text_scale)  # grows only 10%: a subtitle
        tsz = ctx.fit(tabled, tsz, r.width - ctx.d(52), ctx.font(tsz).get_linesize(), min_scale=0.8)[0]
        ty = max(r.top + ctx.d(50), bottom - ctx.d(6))
        dy = max(0, ty + ctx.font(tsz).get_linesize() + ctx.d(4) - ctx.r(0, 150, 0, 0).top) / ctx.s
        return _NegHeader(title, title_at, tabled, tsz, (r.left + ctx.d(26), ty), dy)

    def quote(self, view: Any, m: Any) -> str:
        """The other side's sentence about this motion, as the dialog shows it ("" if none)."""
        mo = self.me_other()
        s = self.table.session
        if mo is None or mo[1] not in s.agents or view.to_move == mo[1]:
            return ""
        said = s.said_about(mo[1], m.id)  # only what it said about this motion, never an older one
        if said and said.action.verb in ("accept", "walk", "counter", "propose"):
            return "\u201c" + said.reason + "\u201d"
        return ""

    def rules_text(self, view: Any, m: Any) -> str:
        """What Accept and Walk away lead to on this motion, under "Your move"."""
        rules = t("ui.neg.rules") + " " + self.veto_words(view, m) + self.failed_deal_words(view, m)
        if not any(a.verb == "counter" for a in self.table.session.legal()):  # why Counter and Ask are greyed
            rules = t("ui.neg.no_exchanges") + " " + rules
        return rules

    def price_texts(self, view: Any) -> tuple[str, str]:
        """The price they named, in full (the terms and who pays what), and their own words."""
        assert self.price is not None
        mo = self.me_other()
        a, reason = self.price
        if self.price_is_offer():
            return t("ui.neg.price_is_offer"), reason
        if a is None or mo is None:
            return t("ui.neg.no_price"), reason
        return t("ui.neg.price", terms=labels.action_label(view, a), pay=labels.pay_words(view, mo[0], mo[1], a.pay)), reason

    def flow(self, view: Any) -> _NegFlow:
        """The other side's sentence whole, wrapped over as many lines as it takes (play-test at
        130% text: its end was cut, "...if you walk away, I vote it down ..."), then "Your move"
        and the rules, or the price they named, whole too: the dialog grows down first, then the
        sentence and the rules are made smaller together, down to 80%; past that the rules end
        with a line that says they go on (they are in the buttons' tooltips and F1 too)."""
        ctx = self.ctx
        b = view.bargain
        m = view.motions[b.motion_index] if b is not None else None
        dy = self.header(view, m, self.ctx.r(*NegotiationScene.box)).dy if m is not None else 0.0
        quote = self.quote(view, m) if m is not None else ""
        mo = self.me_other()
        mine = mo is not None and view.to_move == mo[0]
        body: list[tuple[str, float, str]] = []  # (text, size, style) under "Your move"
        if self.price is not None:
            text, reason = self.price_texts(view)
            body = [(text, 13.5, "bold")] + ([("\u201c" + reason + "\u201d", 12.5, "italic")] if reason else [])
        elif mine and m is not None:
            body = [(self.rules_text(view, m), 12.5, "regular")]
        top = 350 + dy  # under the "... counters:" line
        least = 566.0  # the bottom as laid out before the dialog grows
        flow = None
        for f in (1.0, 0.92, 0.85, 0.8):
            qh = len(ctx.wrap(quote, 16 * f, ctx.d(800), "italic")) * ctx.font(16 * f, "italic").get_linesize() / ctx.s if quote else 0
            move_y = max(420 + dy, top + qh + 6)  # where it always stood when the sentence is short
            body_top = move_y + max(24.0, ctx.font(15, "bold").get_linesize() / ctx.s)  # under "Your move"
            need = sum(len(ctx.wrap(x, sz * f, ctx.d(570), st)) * ctx.font(sz * f, st).get_linesize() / ctx.s
                       for x, sz, st in body) + 6 * max(0, len(body) - 1)
            flow = _NegFlow(f, qh, move_y, body_top, max(least, body_top + need + 2), 0.0)
            if flow.bottom <= least + self.GROW_MAX:
                break
        assert flow is not None
        bottom = min(flow.bottom, least + self.GROW_MAX)
        return flow._replace(bottom=bottom, grow=bottom - least)

    def offer_box(self, dy: float) -> pygame.Rect:
        """The offer on the table, ``dy`` design units below its place (``header``)."""
        return self.ctx.r(390, 150 + dy, 500, 140)

    @staticmethod
    def history_tip(view: Any) -> str:
        """Every offer of the negotiation under way, oldest first, with who made it and who
        pays whom (play-test: the log behind the dialog, where they are, cannot be read)."""
        offers = bargain_offers(view)
        if len(offers) < 2:
            return ""
        b = view.bargain
        m = view.motions[b.motion_index]
        lines = [t("ui.neg.history")]
        for i, (by, terms, pay) in enumerate(offers, 1):
            other = m.respondent if by == m.proposer else m.proposer
            key = "ui.neg.history.tabled" if i == 1 else "ui.neg.history.offer"
            lines.append(t(key, i=i, name=view.name_of(by), terms=labels.terms_words(view, terms),
                           pay=labels.pay_words(view, by, other, pay)))
        return "\n".join(lines)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        view = self.table.current_view()
        render.note_view("NegotiationScene", view)
        s = self.table.session
        b = view.bargain
        mo = self.me_other()
        if b is None or mo is None:
            return
        me, other = mo
        m = view.motions[b.motion_index]
        h = self.header(view, m, r)
        ctx.blit_text(surf, h.title, 22, h.title_at, "accent", "bold")
        left = view.scenario.rules.max_exchanges - b.exchanges
        chip = labels.tn("ui.neg.left", left)
        ctx.blit_text(surf, chip, 15, (r.right - ctx.d(26), r.top + ctx.d(22)), "warn" if left <= 1 else "text", "bold",
                      anchor="topright")
        ctx.blit_text(surf, h.tabled, h.tabled_size, h.tabled_at, "dim", max_w=r.width - ctx.d(52))
        dy = h.dy

        def at(x: float, y: float) -> tuple[int, int]:
            return ctx.p(x, y + dy)

        # two delegations facing each other
        for role, x in ((me, 300), (other, 980)):
            render.draw_emblem(surf, role, at(x, 190), ctx.d(34), ctx.pal[role.value])
            name = view.name_of(role)  # whole, inside the dialog, at any text size
            nsize = ctx.fit(name, 15, ctx.d(176), ctx.font(15, "bold").get_linesize(), "bold", min_scale=0.7)[0]
            ctx.blit_text(surf, name, nsize, at(x, 232), "text", "bold", anchor="midtop", max_w=ctx.d(176))
            tag = t("ui.neg.you") if role == me else (t("ui.seat.ai") if role in s.agents else t("ui.seat.human"))
            ctx.blit_text(surf, tag + "  ·  " + t("ui.seat.ip", n=view.ip_of(role)), 12.5, at(x, 254), "dim",
                          anchor="midtop")
        # the offer on the table
        off = b.offer
        box = self.offer_box(dy)
        ctx.panel(surf, box, "panel_hi", "accent", radius=10, shadow=False)
        head = t("ui.neg.offer_by", name=view.name_of(off.by))
        n_offers = len(bargain_offers(view))
        mark = t("ui.neg.offer_n", n=n_offers) if n_offers > 1 else ""
        room = box.width - ctx.d(28) - ctx.text_rect(head, 13, (0, 0), "bold").width
        if mark and ctx.text_rect(mark, 12, (0, 0)).width + ctx.d(12) <= room:
            # the earlier offers are under the pointer (``history_tip``); the name comes first
            ctx.blit_text(surf, mark, 12, (box.right - ctx.d(12), box.top + ctx.d(11)), "dim", anchor="topright")
        ctx.blit_text(surf, head, 13, (box.left + ctx.d(14), box.top + ctx.d(10)), "accent", "bold",
                      max_w=box.width - ctx.d(28))
        words = labels.terms_words(view, off.terms)
        tsize = ctx.fit(words, 17, box.width - ctx.d(28), ctx.d(54), "bold")[0]  # whole terms at any text size
        ctx.blit_wrapped(surf, words, tsize,
                         pygame.Rect(box.left + ctx.d(14), box.top + ctx.d(32), box.width - ctx.d(28), ctx.d(54)),
                         "text", "bold")
        receiver = other if off.by == me else me
        pay = labels.pay_words(view, off.by, receiver, off.pay)  # the amount at its end always shows
        psize = ctx.fit(pay, 13.5, box.width - ctx.d(28), ctx.font(13.5).get_linesize(), min_scale=0.7)[0]
        ctx.blit_text(surf, pay, psize, (box.left + ctx.d(14), box.bottom - ctx.d(28)), "dim", max_w=box.width - ctx.d(28))
        # what the offer would do if it passed, in one line
        pv = preview_terms(view, off.terms)
        parts = [f"{t(f'ui.track.{k}')} {'+' if pv.delta(k) > 0 else ''}{pv.delta(k)}" for k in TRACKS if pv.delta(k)]
        parts.append(t("ui.neg.odds", a=pv.odds_before, b=pv.odds_after))
        end = ending(view, pv.after)
        if end:  # passing it would end the game at once: said, in red
            parts.append(ending_words(view, end))
        passes = t("ui.neg.if_passes") + "  " + "  ·  ".join(parts)
        # ... unless the motions tabled before it leave it nothing to carry out
        void = labels.void_words(view, off.terms, b.motion_index)
        # the whole line, to its odds, on the dialog's width: smaller when a large text needs it
        pw = r.width - ctx.d(52)
        line = void or passes
        psize = ctx.fit(line, 12.5, pw, ctx.font(12.5).get_linesize(), min_scale=0.6)[0]
        ctx.blit_text(surf, line, psize, (r.centerx, box.bottom + ctx.d(6)), "warn" if void else ("bad" if end else "dim"),
                      anchor="midtop", max_w=pw)
        if off.by == me:
            draw_arrow(surf, ctx.pal["accent"], at(350, 190), at(384, 190), 3)
        else:
            draw_arrow(surf, ctx.pal["accent"], at(930, 190), at(896, 190), 3)
        # what the other side said: the whole sentence (``flow``)
        flow = self.flow(view)
        bottom = min(flow.bottom, (r.bottom - ctx.d(74) - ctx.oy) / ctx.s)  # the buttons' row starts below
        y = 326 + dy
        quote = self.quote(view, m)
        if other in s.agents:
            said = s.said_about(other, m.id)
            if view.to_move == other:
                ctx.blit_text(surf, t("ui.neg.thinking", name=view.name_of(other)), 16, ctx.p(640, y), "dim", "italic",
                              anchor="midtop")
            elif quote and said is not None:
                ctx.blit_text(surf, t(f"ui.neg.said.{said.action.verb}", name=view.name_of(other)), 14, ctx.p(240, y),
                              "accent", "bold")
                ctx.blit_wrapped(surf, quote, 16 * flow.f, ctx.r(240, y + 24, 800, flow.quote_h + 2), "text", "italic")
        else:
            ctx.blit_text(surf, t("ui.neg.human_other", name=view.name_of(other)), 14, ctx.p(240, y), "dim")
        if view.to_move == me:
            ctx.blit_text(surf, t("ui.neg.your_move"), 15, ctx.p(240, flow.move_y), "accent", "bold")
            if self.price is None:
                ctx.blit_fit(surf, self.rules_text(view, m), 12.5 * flow.f,
                             ctx.r(240, flow.body_top, 570, bottom - flow.body_top), "dim")
        if self.price is not None:
            # the price in full where the rules stood (they are in the tooltips and F1 too): the
            # terms and who pays what, then the other side's own words
            text, reason = self.price_texts(view)
            area = ctx.r(240, flow.body_top, 570, bottom - flow.body_top)
            size = ctx.fit(text, 13.5 * flow.f, area.width, area.height, "bold")[0]
            used = ctx.blit_wrapped(surf, text, size, area, "info", "bold")
            if reason:
                rest = pygame.Rect(area.left, area.top + used + ctx.d(6), area.width, area.height - used - ctx.d(6))
                size = ctx.fit(reason, 12.5 * flow.f, rest.width, rest.height, "italic")[0]
                ctx.blit_wrapped(surf, "\u201c" + reason + "\u201d", size, rest, "info", "italic")


# ---------------------------------------------------------------------------
# sealed vote and secret compliance
# ---------------------------------------------------------------------------


class _BallotPlan(NamedTuple):
    """Where the sealed ballot's rows go (design units), and at what share of their sizes."""

    f: float  # every row's text, as a share of its usual size
    heights: list[float]  # each row's height (from its top to the next row's)
    whole: bool  # every row shows all of its lines (else each row's tooltip has them)

    @property
    def tops(self) -> list[float]:
        return [VoteScene.rows_top + sum(self.heights[:i]) for i in range(len(self.heights))]


ROW_Y, ROW_H = 190, 60


# A sealed ballot or compliance choice ignores its confirm button (Enter or a click) for this
# long after it opens: a double press meant for the screen before it must not seal a vote
# nobody read. Unlike the table's guard after an AI's move, it holds at every AI pace.
SEAL_GUARD_S = 0.35


class _SealedChoice(Overlay):
    """One choice per row (motion or deal), then a single sealed submission."""

    box = (240, 90, 800, 540)
    verb = "vote"
    letters = ("Y", "N")
    space_skips = True

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app)
        self.table = table
        self.rows = self.row_texts()
        self.choice = [self.letters[0]] * len(self.rows)
        self.opened_at = app.elapsed

    def on_top(self) -> None:
        """Back from the menu (or a save over it): the same first moment again before sealing,
        as the Enter that named the save was not meant for the ballot."""
        self.opened_at = self.app.elapsed

    def settling(self) -> bool:
        """True in the first moment after the choice opened (``SEAL_GUARD_S``): an Enter or a
        click then was meant for what was on screen before (the curtain, the event card, the
        last dialog), and a sealed choice cannot be taken back, so it does not seal yet."""
        return self.app.elapsed - self.opened_at < SEAL_GUARD_S

    cycle_x = 830

    def row_y(self, i: int) -> float:
        return ROW_Y + i * ROW_H

    def row_texts(self) -> list[str]:
        return []

    def option_labels(self) -> list[tuple[str, str]]:
        return []

    def layout(self) -> None:
        ctx = self.ctx
        for i in range(len(self.rows[:7])):
            opts = self.option_labels()
            c = Cycle(ctx.r(self.cycle_x, self.row_y(i), 180, 40), "", opts, [o[0] for o in opts].index(self.choice[i]),
                      partial(self.set, i), t(f"ui.tip.{self.verb}.row"))
            c.colours = {self.letters[0]: "good", self.letters[1]: "bad"}
            self.ui.add(c)
        self.ui.add(Button(ctx.r(self.box[0] + self.box[2] / 2 - 130, self.box[1] + self.box[3] - 70, 260, 48),
                           t(f"ui.{self.verb}.confirm"), self.confirm,
                           t(f"ui.tip.{self.verb}.confirm"), style="primary", hotkey="Enter"))
        self.ui.focus = len(self.ui.widgets) - 1

    def set(self, i: int, v: str) -> None:
        self.choice[i] = v

    def confirm(self) -> None:
        seat = self.table.session.viewer
        if seat is None or self.settling():
            return
        a = Action(seat, self.verb, ("".join(self.choice),))
        self.app.pop(self)
        self.table.do(a)

    def update(self, dt: float) -> None:
        s = self.table.session
        if not s.legal() or s.state.phase.value != ("vote" if self.verb == "vote" else "compliance"):
            self.app.pop(self)

    def handle_event(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_ESCAPE:
            # the menu, over the choice (Resume comes back to it), as Esc does at the table: closing
            # the choice left the table's hotkeys under the player's hands, and a save name typed
            # after one Esc reopened the choice and sealed it with Enter (hot-seat play-test: a
            # compliance choice was confirmed that nobody made)
            from game.ui.scenes.overlays import MenuScene

            self.app.push(MenuScene(self.app))
            return
        if self.table.skip_key(ev, self.ui.focused):
            return
        super().handle_event(ev)


class VoteScene(_SealedChoice):
    """The sealed ballot: every motion's full terms, a flag when the Chair switched its channel,
    and what it would change if it passed, with a warning when a Yes could end the game."""

    verb = "vote"
    letters = ("Y", "N")
    box = (110, 28, 1060, 664)
    cycle_x = 970
    rows_top, rows_bottom = 126, 590
    TITLE, SMALL = 14.5, 12  # a row's motion, and its other lines (sizes at 100%)

    def __init__(self, app: App, table: TableScene) -> None:
        super().__init__(app, table)
        self.choice = self.default_choices()
        self._plan: tuple[int, _BallotPlan] | None = None

    def default_choices(self) -> list[str]:
        """What each ballot starts at (Enter seals it): Yes, but No on another seat's motion this
        seat walked away from in bargaining (not one the other side walked away from: play-test, an
        AI walked away from the player's counter of its own terms, and Enter would have sunk a
        Build the player wanted), and on one whose Yes would end the game in a loss
        or lose this seat's secret agenda for good, unless it promised a Yes that still holds
        (play-test: a player walked away from a Deal, pressed Enter and sealed a Yes that passed
        it). After the Chair's switch the promise no longer binds, and the motion is judged on
        its new terms like any other."""
        view = self.table.current_view()
        out = []
        for m in view.motions:
            if m.binds(view.me):
                out.append("Y")
                continue
            _, end, breaks = self.preview_line(view, m)
            # not the other side's walk, nor its proposer's: walking away from a counter to one's
            # own motion sends it to the vote as tabled, which its proposer wants passed
            # (play-test: Enter after walking away from the AI's counter to one's own Build sank it)
            walked = (m.status == MotionStatus.WALKED and walked_by(view, m.id) == view.me
                      and m.proposer != view.me)
            out.append("N" if walked or breaks or end in ("ui.preview.ends.court", "ui.preview.ends.escalation") else "Y")
        return out

    def row_y(self, i: int) -> float:
        return self.plan().tops[i]

    def row_parts(self, view: PlayerView, i: int, m: Motion) -> tuple[str, str, str, list[tuple[str, str]]]:
        """Row ``i``'s lines: the motion, its status, what it changes if it passes, and each
        warning the row may show under them with its colour (which one shows depends on the
        choice: ``warning``)."""
        rule = view.scenario.motions[m.terms.kind]
        need = ", ".join(view.scenario.roles[x].short for x in rule.required_yes if x in view.roles)
        status = t(f"ui.motion.status.{m.status.value}") + ("  ·  " + t("ui.vote.needs", who=need) if need else "")
        words, end, breaks = self.preview_line(view, m)
        if end:
            return self.rows[i], status, words, [(ending_words(view, end), "bad")]
        warns = [(t("ui.vote.breaks_promise"), "warn")] if m.binds(view.me) else []
        if void := labels.void_words(view, m.terms, i):
            warns.append((void, "warn"))
        elif breaks:  # for this seat's eyes only
            warns.append((t("ui.vote.breaks_agenda", name=view.scenario.agenda(view.agenda).name), "warn"))
        return self.rows[i], status, words, warns

    def warning(self, view: PlayerView, i: int, m: Motion, warns: list[tuple[str, str]]) -> tuple[str, str] | None:
        """The warning row ``i`` shows now: a Yes that ends the game; else a No on a motion this
        seat agreed in bargaining (play-test: a player switched an agreed motion to No and
        nothing said what it meant); else a motion the ones tabled before it would leave void
        (play-test: a deal tabled after a Settlement said "Peace 9 to 10" and came out void);
        else a Yes that misses this seat's agenda for good."""
        if not warns:
            return None
        promise = t("ui.vote.breaks_promise")
        no = i < len(self.choice) and self.choice[i] == "N"
        if warns[0][0] == promise:
            return warns[0] if no else (warns[1] if len(warns) > 1 else None)
        return warns[0]

    def plan(self) -> _BallotPlan:
        """Each row as tall as all of its lines need, wrapped, never cut (play-test at 130%: "If
        it passes: ... · Peac..." was cut, each row having a fixed share of the box): rows share
        out the room left over, up to 118 each; when they need more than the box holds, every
        text is made smaller together, down to 72%; past that each row gets an equal share, its
        last line that fits says it goes on, and its tooltip has all of it."""
        ctx = self.ctx
        if self._plan is not None and self._plan[0] == ctx.version:
            return self._plan[1]
        view = self.table.current_view()
        parts = [self.row_parts(view, i, m) for i, m in enumerate(view.motions[:len(self.rows[:7])])]
        width = ctx.d(self.cycle_x - self.box[0] - 40)
        room = self.rows_bottom - self.rows_top
        n = max(1, len(parts))
        plan = None
        for f in (1.0, 0.92, 0.85, 0.78, 0.72):
            sz = self.SMALL * f
            lh, blh = ctx.font(sz).get_linesize(), ctx.font(sz, "bold").get_linesize()
            need = []
            for title, _, words, warns in parts:
                tsize, tl = ctx.fit(title, self.TITLE * f, width, 2 * ctx.font(self.TITLE * f, "bold").get_linesize(),
                                    "bold")
                px = len(tl) * ctx.font(tsize, "bold").get_linesize() + lh + len(ctx.wrap(words, sz, width)) * lh
                px += max((len(ctx.wrap(w, sz, width, "bold")) * blh for w, _ in warns), default=0)
                need.append(max(52.0, px / ctx.s + 12))  # (the Yes/No selector is 40 tall)
            if sum(need) <= room:
                heights = [max(h, min(118.0, room / n)) for h in need]
                if sum(heights) > room:  # the rows that need less share out what is left
                    heights = [h + (room - sum(need)) / n for h in need]
                plan = _BallotPlan(f, heights, True)
                break
        if plan is None:
            plan = _BallotPlan(0.72, [room / n] * len(parts), False)
        self._plan = (ctx.version, plan)
        return plan

    def row_texts(self) -> list[str]:
        view = self.table.current_view()
        return [labels.motion_words(view, m) for m in view.motions]

    def preview_line(self, view: PlayerView, m: Motion) -> tuple[str, str | None, bool]:
        """The "if it passes" words for one motion, the warning key if passing ends the game, and
        whether passing it makes this seat miss its secret agenda for good."""
        pv = preview_terms(view, m.terms)
        end = ending(view, pv.after, settlement=m.terms.kind == MotionKind.SETTLEMENT)
        return t("ui.neg.if_passes") + "  " + "  ·  ".join(change_words(view, pv)), end, breaks_agenda(view, m.terms, pv.after)

    def carried_out(self, view: PlayerView) -> list[Terms]:
        """The terms of the motions this ballot votes Yes on that would be carried out if every
        one of them passed: in table order, each with what the Yes motions ahead of it leave
        (the core's ``ahead_takes`` and ``void_given``); none after a Yes on a Settlement."""
        yes = {i for i, c in enumerate(self.choice[:len(view.motions)]) if c == "Y"}
        out: list[Terms] = []
        for i in sorted(yes):
            if settlement_ahead(view, i, yes) is not None:
                break
            tm = view.motions[i].terms
            if void_given(view, tm, ahead_takes(view, i, yes)) is None:
                out.append(tm)
        return out

    def option_labels(self) -> list[tuple[str, str]]:
        return [("Y", t("ui.vote.yes")), ("N", t("ui.vote.no"))]

    def layout(self) -> None:
        super().layout()
        plan = self.plan()
        if not plan.whole:  # a row that could not show all of its lines has them under the pointer
            view = self.table.current_view()
            x0, wide = self.box[0] + 26, self.cycle_x - self.box[0] - 40
            for i, m in enumerate(view.motions[:len(plan.tops)]):
                title, status, words, warns = self.row_parts(view, i, m)
                tip = "\n".join([title, status, words, *(w for w, _ in warns)])
                self.ui.areas.append((self.ctx.r(x0, plan.tops[i], wide, plan.heights[i] - 6), tip))

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        view = self.table.current_view()
        render.note_view("VoteScene", view)
        ctx.blit_text(surf, t("ui.vote.title", name=view.name_of(view.me)), 22, (r.left + ctx.d(26), r.top + ctx.d(18)),
                      "accent", "bold")
        ctx.blit_text(surf, t("ui.vote.sub"), 13.5, (r.left + ctx.d(26), r.top + ctx.d(50)), "dim")
        x0, wide = self.box[0] + 26, self.cycle_x - self.box[0] - 40
        plan = self.plan()
        width, left = ctx.d(wide), ctx.p(x0, 0)[0]
        sz = self.SMALL * plan.f

        def room(top: int, bottom: int) -> pygame.Rect:
            return pygame.Rect(left, top, width, max(0, bottom - top))

        for i, m in enumerate(view.motions[:len(plan.tops)]):
            y = plan.tops[i]
            if i:
                pygame.draw.line(surf, ctx.pal["line"], ctx.p(x0, y - 5), ctx.p(self.cycle_x + 180, y - 5), 1)
            title, status, words, warns = self.row_parts(view, i, m)
            # every line wrapped, none cut (``plan``); each after the one above it, to the row's end
            yy, bottom = ctx.p(x0, y)[1], ctx.p(0, y + plan.heights[i] - 7)[1]
            tsize = ctx.fit(title, self.TITLE * plan.f, width, 2 * ctx.font(self.TITLE * plan.f, "bold").get_linesize(),
                            "bold")[0]
            yy += ctx.blit_wrapped(surf, title, tsize, room(yy, bottom), "text", "bold")
            if yy + ctx.font(sz).get_linesize() <= bottom + 2:
                sr = ctx.blit_text(surf, status, sz, (left, yy), "dim", max_w=width)
                if m.switched:
                    ctx.blit_text(surf, t("ui.vote.switched"), sz, (sr.right + ctx.d(14), yy), "warn", "bold")
                yy += ctx.font(sz).get_linesize()
            yy += ctx.blit_wrapped(surf, words, sz, room(yy, bottom), "info")
            warn = self.warning(view, i, m, warns)
            if warn is not None:  # line by line (each one whole: a single line is drawn as it is)
                blh = ctx.font(sz, "bold").get_linesize()
                for line in ctx.wrap(warn[0], sz, width, "bold"):
                    if yy + blh > bottom + 2:
                        break  # (only when even the smallest text cannot hold the rows: ``plan``)
                    ctx.blit_text(surf, line, sz, (left, yy), warn[1], "bold", max_w=width)
                    yy += blh
        # several Yes votes together: what they do to the tracks between them (play-test: two
        # motions each read "Peace 5 to 7" and together took it to 9), and any limit they cross
        # together that none crosses alone; a motion the Yes motions ahead of it would leave
        # void (a Settlement ends the game first) adds nothing
        if self.choice[:len(view.motions)].count("Y") > 1:
            after, fund = combined(view, self.carried_out(view))
            parts = delta_words(view, after, fund)
            sc = view.scenario  # and the odds they leave (play-test: never shown on the deciding vote)
            parts.append(t("ui.neg.odds", a=epilogue_odds(sc, view.tracks.G, view.tracks.C),
                           b=epilogue_odds(sc, after["G"], after["C"])))
            end = ending(view, after)
            lethal = ending_words(view, end) if end and end != "ui.preview.ends.settlement" else ""
            words = " ".join([t("ui.vote.all_yes"), "  ·  ".join(parts), *([lethal] if lethal else [])])
            area = ctx.r(x0, self.rows_bottom, self.box[2] - 52, 34)
            size = ctx.fit(words, 12.5, area.width, area.height, "bold", min_scale=0.75)[0]
            ctx.blit_wrapped(surf, words, size, area, "bad" if lethal else "info", "bold")


class ComplyScene(_SealedChoice):
    verb = "comply"
    letters = ("C", "D")

    def row_y(self, i: int) -> float:
        return ROW_Y + 24 + i * ROW_H  # under the three lines the rules of defecting take at a large text size

    def row_texts(self) -> list[str]:
        view = self.table.current_view()
        return [labels.deal_words(view, view.deal(d)) for d in view.pending_compliance]

    def option_labels(self) -> list[tuple[str, str]]:
        return [("C", t("ui.comply.comply")), ("D", t("ui.comply.defect"))]

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        view = self.table.current_view()
        render.note_view("ComplyScene", view)
        rules = view.scenario.rules
        head = ctx.blit_text(surf, t("ui.comply.title"), 22, (r.left + ctx.d(26), r.top + ctx.d(18)), "accent", "bold")
        monitors = any(view.scenario.infra(b).effect.value == "monitors" for b in view.built)
        sub = t("ui.comply.sub_monitors" if monitors else "ui.comply.sub", vp=view.scenario.scoring.s_vp_per_undetected_defection, e=rules.defect_e,
                roll=rules.detect_on)
        # between the title and the first row: smaller, never cut, at a large text size
        top = max(ctx.p(0, 136)[1], head.bottom + ctx.d(2))
        ctx.blit_fit(surf, sub, 13.5, pygame.Rect(ctx.p(266, 0)[0], top, ctx.d(750), ctx.p(0, self.row_y(0) - 6)[1] - top),
                     "dim")
        for i, text in enumerate(self.rows[:7]):
            ctx.blit_wrapped(surf, text, 13.5, ctx.r(264, self.row_y(i), 556, 48), "text")
        warning = self.escalation_warning()
        if warning:  # right under the last row (above Confirm)
            wtop = self.row_y(len(self.rows[:7])) + 8
            ctx.blit_fit(surf, warning[0], 14, ctx.r(266, wtop, 750, max(20.0, 556 - wtop)), warning[1], "bold")

    def escalation_warning(self) -> tuple[str, str] | None:
        """What the defections chosen so far would do to Escalation (every defection raises it,
        caught or not), in red when they would end the game in a shared loss; None with none."""
        view = self.table.current_view()
        rules = view.scenario.rules
        n = self.choice.count("D")
        if n == 0:
            return None
        now = view.tracks.E
        after = min(10, now + n * rules.defect_e)
        if after >= rules.e_loss:
            return t("ui.comply.warn_loss", e=now, after=after, n=n), "bad"
        return t("ui.comply.warn", e=now, after=after, limit=rules.e_loss, n=n), "warn"
