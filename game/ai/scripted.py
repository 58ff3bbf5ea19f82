"""Scripted opponents that pin the AI's bargaining behaviour (tests and the tournament).

Each values bundles with the same utility model as the AI (its own role and agenda, neutral
leverage weight) and follows one fixed rule:

- hardliner: always offers its best bundle; accepts only offers worth 90% of its best.
- conceder: concedes fast (exponent 3) from its best down to its reservation.
- random: counters with a random bundle; accepts half the offers above its reservation.
- mirror: tit-for-tat: lowers its demand exactly as much as the other side's offers improved,
  starting from its own opening when it tabled the motion (it never asks more than it offered).
- deadline_staller: offers its best until its last move, then takes anything above reservation.
- salami_slicer: concedes a tiny 3% per exchange, hoping each slice is matched.
- repeat_offer: picks one bundle (75% of its best) and repeats it; accepts anything as good.

Every rule but random accepts its own motion offered back (or anything at least as good for
it): a seat that tabled a motion has already offered it. Outside bargaining they propose their
best motion of the kind they are given and pass otherwise. Randomness comes only from their
own seeded stream.
"""

from __future__ import annotations

import numpy as np

from game.ai import model as Mo
from game.ai.agent import DelegationAgent
from game.ai.base import Decision
from game.ai.personality import difficulty, personality
from game.core import Action, Phase, PlayerView, open_counters
from game.core import rng as R

SCRIPTED = ("hardliner", "conceder", "random", "mirror", "deadline_staller", "salami_slicer", "repeat_offer")


class ScriptedOpponent:
    """One scripted bargaining rule over the AI's utility model (see the module docstring)."""

    def __init__(self, rule: str, seed: int) -> None:
        if rule not in SCRIPTED:
            raise ValueError(f"unknown scripted opponent {rule!r}")
        self.name = rule
        self._rng = R.seed_state(seed)
        self._val = DelegationAgent(personality("pragmatist"), difficulty("hard"), seed)
        self._repeat: tuple[str, ...] | None = None

    def _rand(self, n: int) -> int:
        self._rng, k = R.randbelow(self._rng, n)
        return k

    def _other_side(self, view: PlayerView, counters: list[Action]) -> np.ndarray:
        """A plain estimate of the other side's utility (its role, agendas averaged)."""
        b = view.bargain
        assert b is not None
        other = b.offer.by
        persp = Mo.Perspective(other, "", 1.0)
        return self._val.motion_values(view, persp, other, [(a.terms, a.pay) for a in counters], +1, (view.me, other))

    def _utilities(self, view: PlayerView,
                   legal: list[Action]) -> tuple[list[Action], np.ndarray, float, float, float]:
        """(counters, their normalised utilities, the offer's, the reservation's, my first
        demand's: my own opening if I tabled the motion, else my best, 1.0)."""
        b = view.bargain
        assert b is not None
        persp = Mo.Perspective(view.me, view.agenda, 1.0)
        counters = [a for a in legal if a.verb == "counter"]
        bundles = [(a.terms, a.pay) for a in counters]
        mine = self._val.motion_values(view, persp, view.me, bundles, -1, (b.offer.by,)) if bundles else np.zeros(0)
        offer = float(self._val.motion_values(view, persp, view.me, [(b.offer.terms, b.offer.pay)], +1, (b.offer.by,))[0])
        rv = self._val.walk_value(view, persp, view.me)  # what walking away leaves me
        lo = min([rv, offer, *mine.tolist()])
        hi = max([rv, offer, *mine.tolist()])
        if not counters:
            # the last word, with no counter left: "my best" is still the best bundle this
            # negotiation is about (else any offer above no deal would look like my best)
            scale = [(a.terms, a.pay) for a in open_counters(view)]
            if scale:
                alls = self._val.motion_values(view, persp, view.me, scale, -1, (b.offer.by,))
                lo, hi = min(lo, float(alls.min())), max(hi, float(alls.max()))
        span = hi - lo if hi - lo > 1e-9 else 1.0
        own = 1.0
        motion = view.motions[b.motion_index]
        if motion.proposer == view.me:
            opening = float(self._val.motion_values(view, persp, view.me, [(motion.terms, 0)], -1, (b.offer.by,))[0])
            own = min(1.0, (opening - lo) / span)
        return counters, (mine - lo) / span, (offer - lo) / span, (rv - lo) / span, own

    def decide(self, view: PlayerView, legal: list[Action]) -> Decision:
        if view.phase == Phase.PROPOSALS:
            props = [a for a in legal if a.verb == "propose"]
            if not props:
                return Decision(legal[0], "Scripted: pass.")
            if self.name == "random":
                return Decision(props[self._rand(len(props))], "Scripted: a random motion.")
            gains = self._val._motion_gain(view, [a.terms for a in props])
            return Decision(props[int(np.argmax(gains))], "Scripted: my best motion.")
        if view.phase != Phase.BARGAIN:
            return Decision(legal[0], "Scripted: the first legal move.")
        b = view.bargain
        assert b is not None
        counters, u, offer_u, rv, own = self._utilities(view, legal)
        accept = next((a for a in legal if a.verb == "accept"), None)
        walk = next(a for a in legal if a.verb == "walk")
        max_ex = max(1, view.scenario.rules.max_exchanges)
        k = b.exchanges
        last = not counters
        best = int(np.argmax(u)) if counters else -1
        rule = self.name

        def take(ok: bool) -> Decision | None:
            # never refuse an offer at least as good as my own opening: I have offered it myself
            if (ok or offer_u >= own - 1e-9) and accept is not None and offer_u >= rv:
                return Decision(accept, f"Scripted {rule}: accept.")
            return None

        if rule == "hardliner":
            d = take(offer_u >= 0.9)
            return d or Decision(walk if last else counters[best], f"Scripted {rule}: my best or nothing.")
        if rule == "deadline_staller":
            d = take(offer_u >= (rv if last else 0.9))
            return d or Decision(walk if last else counters[best], f"Scripted {rule}: waiting for the deadline.")
        if rule == "random":
            if accept is not None and offer_u >= rv and self._rand(2) == 0:
                return Decision(accept, "Scripted random: accept.")
            if last or self._rand(20) == 0:
                return Decision(walk, "Scripted random: walk.")
            return Decision(counters[self._rand(len(counters))], "Scripted random: a random counter.")
        if rule == "repeat_offer":
            if self._repeat is None and counters:
                idx = int(np.argmin(np.abs(u - 0.75)))
                self._repeat = tuple(str(counters[idx]).split()[2:])
            fixed = next((a for a in counters if tuple(str(a).split()[2:]) == self._repeat), None)
            ref = float(u[counters.index(fixed)]) if fixed is not None else 0.75
            d = take(offer_u >= ref)
            if d:
                return d
            return Decision(fixed or (walk if last else counters[best]), f"Scripted {rule}: the same offer again.")
        if rule == "conceder":
            target = rv + (1 - rv) * (1 - (min(1.0, (k + 1) / max_ex)) ** (1 / 3))
        elif rule == "salami_slicer":
            target = max(rv, 1.0 - 0.03 * (k + 1))
        else:  # mirror: concede exactly as much as the other side's offers improved for me,
            # from the demand I started with (my opening, when I tabled the motion: tit-for-tat
            # never asks more than it has already offered)
            target = max(rv, own - self._improvement(view, offer_u, u))
        d = take(offer_u >= target)
        if d:
            return d
        if last:
            return Decision(walk, f"Scripted {rule}: walk.")
        # among the bundles at or above my target, the one nearest it that seems best for them
        ok = np.flatnonzero(u >= target - 1e-9)
        if len(ok):
            near = ok[u[ok] <= float(u[ok].min()) + 0.08]
            idx = int(near[np.argmax(self._other_side(view, [counters[i] for i in near]))])
        else:
            idx = best
        return Decision(counters[idx], f"Scripted {rule}: a counter at {target:.2f}.")

    def _improvement(self, view: PlayerView, offer_u: float, u: np.ndarray) -> float:
        first = getattr(self, "_first_offer", None)
        if first is None or view.bargain is None or view.bargain.exchanges <= 1:
            self._first_offer = offer_u
            return 0.0
        return max(0.0, offer_u - float(first))

    def ask_price(self, view: PlayerView, legal: list[Action]) -> Decision | None:
        return None


def make_scripted(rule: str, seed: int) -> ScriptedOpponent:
    return ScriptedOpponent(rule, seed)
