"""Policy sweep: the lesson in numbers.

Plays seeded AI games under each value of a Custodian policy (``--policy``) or of a scenario
number (``--param tokens=18,24,30``) and reports, per value: settlement rate, mean rounds
to settlement and to peace, shared-loss rate, the games that reached the Epilogue and the share
of them that new aggression followed. A shared loss never reaches the Epilogue, so aggression is
compared over the Epilogues, not over all games: over all games, a value that loses more games
to escalation would look safer. (``epilogue_aggression_rate`` in the JSON is still the fraction
of all games, as it always was.)

Policies wrap the Custodian's (and the Custodian Partners') AI; every other seat plays
``game.ai.make_agent``. Wrappers see only the PlayerView and the legal actions, like any agent:

* ``release-first``: tables and accepts deals by Release whenever it can, votes for them,
  enforces nothing (looks away from breaches, lets leverage erode).
* ``conditional``: deals by Escrow with snapback; builds Ceasefire Monitors when it can; votes
  against Release; reimposes after a breach and pays to hold the Vault.
* ``hold``: tables no asset motion, walks away from and votes against every transfer, votes
  for snapbacks, reimposes and holds.

Used by ``python main.py sweep`` (game/persistence/commands.py) and its tests.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import ValidationError

from game.ai import make_agent
from game.ai.base import Agent, Decision
from game.core import (
    TRANCHE_MOTIONS,
    Action,
    Channel,
    GameError,
    MotionKind,
    OutcomeReason,
    Phase,
    PlayerView,
    Role,
    Scenario,
    Terms,
)
from game.core.scenario import InfraEffect, _describe_validation_error
from game.sim.simulate import game_seed, play_game
from game.text import and_list, counted

POLICIES = ("release-first", "conditional", "hold")
CUSTODIANS = (Role.H, Role.HP)


class SweepError(GameError):
    """A bad sweep request (unknown policy, parameter or value): one sentence."""


# ---------------------------------------------------------------------------
# policy wrappers
# ---------------------------------------------------------------------------


def _deal_args(a: Action) -> tuple[str, str, int] | None:
    """(concession, channel, tranches) of a propose/counter deal action, else None."""
    args = a.args[:-2] if a.verb == "counter" else a.args
    if a.verb in ("propose", "counter") and args and args[0] == "deal":
        return args[1], args[2], int(args[3])
    return None


class PolicyAgent:
    """A Custodian agent following a fixed asset policy; anything else is left to ``base``."""

    def __init__(self, base: Agent, policy: str) -> None:
        if policy not in POLICIES:
            raise SweepError(f"Unknown policy '{policy}'; choose from {', '.join(POLICIES)}.")
        self.base = base
        self.policy = policy
        self.name = f"{policy} ({getattr(base, 'name', 'agent')})"

    # the channel this policy wants for deals (None: no transfers at all)
    @property
    def channel(self) -> Channel | None:
        return {"release-first": Channel.RELEASE, "conditional": Channel.ESCROW}.get(self.policy)

    def ask_price(self, view: PlayerView, legal: list[Action]) -> Decision | None:
        return self.base.ask_price(view, legal)

    def decide(self, view: PlayerView, legal: list[Action]) -> Decision:
        ph = view.phase
        pick: Action | None = None
        if ph == Phase.PROPOSALS:
            pick = self._propose(view, legal)
        elif ph == Phase.BARGAIN:
            pick = self._bargain(view, legal)
        elif ph == Phase.VOTE:
            pick = self._vote(view, legal)
        elif ph == Phase.REIMPOSE:
            want = "lookaway" if self.policy == "release-first" else "reimpose"
            pick = next((a for a in legal if a.verb == want), None)
        elif ph == Phase.EROSION:
            want = "letgo" if self.policy == "release-first" else "hold"
            pick = next((a for a in legal if a.verb == want), None)
        if pick is not None and pick in legal:
            return Decision(pick, f"Policy {self.policy}.")
        d = self.base.decide(view, legal)
        if self.policy == "hold" and ph == Phase.PROPOSALS and d.action.verb == "propose":
            if d.action.terms.kind in TRANCHE_MOTIONS:
                return Decision(next(a for a in legal if a.verb == "pass"), "Policy hold: nothing leaves the Vault.")
        return d

    def _best_deal(self, view: PlayerView, options: Sequence[Action]) -> Action | None:
        """The deal by this policy's channel that buys the most Peace for the fewest tranches."""
        ch = self.channel
        monitors = any(view.scenario.infra(b).effect == InfraEffect.MONITORS for b in view.built)
        best: tuple[int, int, int, str] | None = None
        pick = None
        for a in options:
            d = _deal_args(a)
            if d is None or ch is None or d[1] != ch.value:
                continue
            if a.verb == "counter" and a.pay != 0:
                continue
            spec = view.scenario.concession(d[0])
            # conditional relief works only if compliance can be seen: get monitors admitted first
            first = 0 if (self.policy == "conditional" and spec.enables_monitors and not monitors) else 1
            key = (first, -spec.p_gain, d[2], d[0])
            if best is None or key < best:
                best, pick = key, a
        return pick

    def _propose(self, view: PlayerView, legal: list[Action]) -> Action | None:
        if self.policy == "hold":
            return None  # the base may table builds or a settlement; asset motions are filtered
        if self.policy == "conditional":
            for a in legal:
                if a.verb == "propose" and a.args[0] == "build":
                    spec = view.scenario.infra(a.args[1])
                    if spec.effect == InfraEffect.MONITORS:
                        return a
        return self._best_deal(view, [a for a in legal if a.verb == "propose"])

    def _wanted(self, t: Terms) -> bool | None:
        """True/False: the policy's view of these terms; None: no opinion (leave it to the base)."""
        if t.kind == MotionKind.DEAL:
            if self.policy == "hold":
                return False
            return t.channel == self.channel
        if t.kind == MotionKind.MOBILIZE:
            return False if self.policy == "hold" else None
        if t.kind == MotionKind.SNAPBACK:
            return self.policy != "release-first"
        if t.kind == MotionKind.BUILD and self.policy == "conditional" and t.target:
            return True if "monitor" in t.target else None
        return None

    def _bargain(self, view: PlayerView, legal: list[Action]) -> Action | None:
        b = view.bargain
        if b is None:
            return None
        want = self._wanted(b.offer.terms)
        accept = next((a for a in legal if a.verb == "accept"), None)
        if want is True and accept is not None and b.offer.pay >= 0:
            return accept
        if want is False:
            better = self._best_deal(view, [a for a in legal if a.verb == "counter"])
            if better is not None and self.policy != "hold":
                return better
            return next((a for a in legal if a.verb == "walk"), None)
        return None

    def _vote(self, view: PlayerView, legal: list[Action]) -> Action | None:
        base = self.base.decide(view, legal).action
        letters = list(base.args[0])
        for k, m in enumerate(view.motions):
            want = self._wanted(m.terms)
            if want is not None and k < len(letters):
                letters[k] = "Y" if want else "N"
        a = Action(base.seat, "vote", ("".join(letters),))
        return a if a in legal else base


AgentFactory = Callable[[Role, int], Agent]


def agent_factory(policy: str | None, personality: str = "pragmatist", difficulty: str = "normal") -> AgentFactory:
    """Seats play ``make_agent``; the Custodians are wrapped in ``policy`` (None: no wrapper)."""

    def make(role: Role, seed: int) -> Agent:
        base = make_agent(personality, difficulty, seed * 11 + list(Role).index(role))
        if policy is not None and role in CUSTODIANS:
            return PolicyAgent(base, policy)
        return base

    return make


# ---------------------------------------------------------------------------
# scenario parameters by dotted path
# ---------------------------------------------------------------------------


def parse_param(spec: str) -> tuple[str, list[Any]]:
    """``NAME=V1,V2`` -> (NAME, [V1, V2]); values are JSON (3, true, "x") or plain words."""
    if "=" not in spec:
        raise SweepError(f"--param needs NAME=V1,V2,... (got '{spec}').")
    name, _, raw = spec.partition("=")
    name = name.strip()
    if not name or not raw.strip():
        raise SweepError(f"--param needs NAME=V1,V2,... (got '{spec}').")
    values: list[Any] = []
    for tok in raw.split(","):
        tok = tok.strip()
        if not tok:
            raise SweepError(f"--param {name} has an empty value.")
        try:
            values.append(json.loads(tok))
        except ValueError:
            values.append(tok)
    return name, values


def with_param(scenario: Scenario, name: str, value: Any) -> Scenario:
    """A copy of ``scenario`` with the number at dotted path ``name`` set to ``value``, validated.

    Raises:
        SweepError: no such parameter, or the value is not allowed there.
    """
    data = scenario.model_dump(mode="json")
    node: Any = data
    parts = name.split(".")
    for k, part in enumerate(parts):
        last = k == len(parts) - 1
        if isinstance(node, dict) and part in node:
            if last:
                if isinstance(node[part], (dict, list)):
                    raise SweepError(f"Scenario parameter '{name}' is a group, not a single value.")
                node[part] = value
            else:
                node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            if last:
                raise SweepError(f"Scenario parameter '{name}' is a group, not a single value.")
            node = node[int(part)]
        else:
            where = f" (no '{part}')" if part != name else ""
            raise SweepError(f"The scenario has no parameter '{name}'{where}.")
    try:
        return Scenario.model_validate(data)
    except ValidationError as e:
        raise SweepError(f"{name}={json.dumps(value)} is not allowed: {_describe_validation_error(e)}.") from None


# ---------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------


@dataclass
class Row:
    value: Any  # the policy name, or the parameter's value
    label: str
    games: int
    settlements: int
    settlement_rounds: int
    shared_losses: int
    aggressions: int
    # the round of peace of every game: its Settlement's round, or the round after the last for
    # a game without one (the mean over settled games alone favours a policy that settles only
    # its easy games)
    peace_rounds: int = 0
    peace_rounds_sq: int = 0  # their squares, for the spread of the mean (``_peace_se``)
    # the games that reached the Epilogue roll: every game but a shared loss
    epilogues: int = 0

    def as_json(self) -> dict[str, Any]:
        n = max(1, self.games)
        return {
            "value": self.value,
            "settlement_rate": round(self.settlements / n, 3),
            "mean_rounds_to_settlement": round(self.settlement_rounds / self.settlements, 2) if self.settlements else None,
            "mean_rounds_to_peace": round(self.peace_rounds / n, 2) if self.games else None,
            "shared_loss_rate": round(self.shared_losses / n, 3),
            # a fraction of ALL games (kept as it was); compare values by aggression_per_epilogue
            "epilogue_aggression_rate": round(self.aggressions / n, 3),
            "epilogues": self.epilogues,
            "aggression_per_epilogue": round(self.aggressions / self.epilogues, 3) if self.epilogues else None,
            # the counts behind the rates (the chart prints its percentages from these, as the
            # reading does: from a rate rounded to 3 places 101 of 121 showed as 84 beside "83%")
            "games": self.games,
            "settlements": self.settlements,
            "shared_losses": self.shared_losses,
            "aggressions": self.aggressions,
        }


def run_value(scenario: Scenario, value: Any, label: str, factory: AgentFactory, games: int, seed: int,
              seats: int) -> Row:
    row = Row(value=value, label=label, games=games, settlements=0, settlement_rounds=0, shared_losses=0, aggressions=0)
    for i in range(games):
        state, _ = play_game(scenario, seats, game_seed(seed, i), factory, check=False)
        settled = state.outcome_reason == OutcomeReason.SETTLEMENT
        peace = state.settlement_round if settled else scenario.rules.rounds + 1
        row.peace_rounds += peace
        row.peace_rounds_sq += peace * peace
        if settled:
            row.settlements += 1
            row.settlement_rounds += state.settlement_round
        elif state.outcome_reason == OutcomeReason.SHARED_LOSS:
            row.shared_losses += 1
        if state.epilogue is not None:
            row.epilogues += 1
            row.aggressions += state.epilogue.aggression
    return row


def sweep_policies(scenario: Scenario, policies: Sequence[str], games: int, seed: int, seats: int = 5,
                   personality: str = "pragmatist", difficulty: str = "normal",
                   before: Callable[[], None] | None = None) -> list[Row]:
    """One row per policy. ``before`` runs once the request is known to be good, before the first
    game (the command checks its ``--out`` folder there, so a bad one fails in a second, not after
    every game)."""
    for p in policies:
        if p not in POLICIES:
            raise SweepError(f"Unknown policy '{p}'; choose from {', '.join(POLICIES)}.")
    if before is not None:
        before()
    return [run_value(scenario, p, p, agent_factory(p, personality, difficulty), games, seed, seats) for p in policies]


def sweep_param(scenario: Scenario, name: str, values: Sequence[Any], games: int, seed: int, seats: int = 5,
                personality: str = "pragmatist", difficulty: str = "normal",
                before: Callable[[], None] | None = None) -> list[Row]:
    """One row per value of the scenario number ``name``; ``before`` as in ``sweep_policies``."""
    variants = [(v, with_param(scenario, name, v)) for v in values]
    if before is not None:
        before()
    factory = agent_factory(None, personality, difficulty)
    short = name.rsplit(".", 1)[-1]
    return [run_value(sc, v, f"{short}={json.dumps(v) if not isinstance(v, str) else v}", factory, games, seed, seats)
            for v, sc in variants]


@dataclass(frozen=True)
class Table:
    """Which table a sweep played: the scenario, the seats, the AI at the seats, the games and
    the seed. Every sweep output says it, so two runs can be told apart."""

    scenario: str  # the scenario's name
    seats: int
    games: int
    seed: int
    personality: str = "pragmatist"
    difficulty: str = "normal"

    def describe(self) -> str:
        return (f"'{self.scenario}' at {self.seats} seats, AI {self.personality} ({self.difficulty}): "
                f"{counted(self.games, 'game', 'games')} per value, seed {self.seed}")

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _cells(r: Row) -> tuple[str, ...]:
    """A row's figures as the table prints them (settles, mean rounds, to peace, shared loss,
    Epilogues, aggression): two values that print the same came out the same."""
    j = r.as_json()
    mr = "-" if j["mean_rounds_to_settlement"] is None else f"{j['mean_rounds_to_settlement']:.2f}"
    mp = "-" if j["mean_rounds_to_peace"] is None else f"{j['mean_rounds_to_peace']:.2f}"
    ag = "-" if j["aggression_per_epilogue"] is None else f"{100 * j['aggression_per_epilogue']:.1f}%"
    return (f"{100 * j['settlement_rate']:.1f}%", mr, mp, f"{100 * j['shared_loss_rate']:.1f}%", str(r.epilogues), ag)


def format_table(rows: Sequence[Row], table: Table) -> str:
    head = (f"{'value':<24} {'settles':>8} {'mean rounds':>12} {'to peace':>9} {'shared loss':>12} "
            f"{'Epilogues':>10} {'aggression':>11}")
    out = [table.describe(), head, "-" * len(head)]
    for r in rows:
        c = _cells(r)
        out.append(f"{r.label:<24} {c[0]:>8} {c[1]:>12} {c[2]:>9} {c[3]:>12} {c[4]:>10} {c[5]:>11}")
    out.append("mean rounds: over the games that settled. to peace: over every game, one without a")
    out.append("Settlement counting as the round after the last. Epilogues: the games that reached the")
    out.append("Epilogue (a shared loss never does). aggression: the share of those that new aggression followed.")
    said = reading(rows)
    if said:
        out.append("")
        out.append(said)
    return "\n".join(out)


# the figures the reading compares, as it prints them: rounds to peace to 2 decimals, aggression
# (over the Epilogues) and shared losses in whole percent; equal as printed is a tie, not a win


def _peace(r: Row) -> float:
    return round(r.peace_rounds / max(1, r.games), 2)


def _peace_se(r: Row) -> float:
    """The standard error of a value's mean rounds to peace (0 for fewer than two games)."""
    n = r.games
    if n < 2:
        return 0.0
    mean = r.peace_rounds / n
    var = max(0.0, (r.peace_rounds_sq - n * mean * mean) / (n - 1))
    return math.sqrt(var / n)


def _aggr(r: Row) -> int | None:
    """New aggression over the games that reached the Epilogue, in whole percent; None without one."""
    return int(f"{100 * r.aggressions / r.epilogues:.0f}") if r.epilogues else None


def _lost(r: Row) -> int:
    return int(f"{100 * r.shared_losses / max(1, r.games):.0f}")


def _names(rows: Sequence[Row]) -> str:
    return and_list([r.label for r in rows])


def _alike(rows: Sequence[Row]) -> list[list[Row]]:
    """The values grouped by their printed figures (a group of two or more came out the same), in
    the order they were swept."""
    groups: dict[tuple[str, ...], list[Row]] = {}
    for r in rows:
        groups.setdefault(_cells(r), []).append(r)
    return list(groups.values())


def _shared(groups: Sequence[Sequence[Row]]) -> str:
    """"; shared losses (no Epilogue): 60% of games under A, 17% under B", or "" with none."""
    if not any(g[0].shared_losses for g in groups):
        return ""
    parts = [f"{_lost(g[0])}%{' of games' if k == 0 else ''} under {_names(g)}" for k, g in enumerate(groups)]
    return "; shared losses (no Epilogue): " + ", ".join(parts)


def _count(g: Sequence[Row]) -> str:
    """ "19 of 24", or "23 of 87 each" for values that came out the same."""
    return f"{g[0].aggressions} of {g[0].epilogues}{' each' if len(g) > 1 else ''}"


def _compare(ga: Sequence[Row], gb: Sequence[Row]) -> str:
    """Values ``ga`` against values ``gb`` (each a group that came out the same, usually of one)
    in one sentence: rounds to peace, then new aggression over the games that reached the
    Epilogue (with the counts), then the shared losses that never did."""
    a, b = ga[0], gb[0]
    na, nb = _names(ga), _names(gb)
    pa, pb = _peace(a), _peace(b)
    verb = "reaches" if len(ga) == 1 else "reach"
    if pa != pb:
        how = "sooner" if pa < pb else "later"
        head = f"{na} {verb} peace {abs(pb - pa):.2f} rounds {how} than {nb} on average ({pa:.2f} against {pb:.2f})"
        # two standard errors of the gap: a gap inside it could be chance (facilitator play-test:
        # "0.15 rounds sooner" read as a finding, at 150 games a game's luck)
        noise = 2 * math.hypot(_peace_se(a), _peace_se(b))
        if abs(pb - pa) < noise:
            head += f", a gap chance alone could make at this many games (±{noise:.2f})"
        sa = 1 if pa < pb else -1
    else:
        head, sa = f"{na} and {nb} reach peace equally soon ({pa:.2f} rounds on average)", 0
    xa, xb = _aggr(a), _aggr(b)
    if xa is None or xb is None:
        if xa is None and xb is None:
            tail = "and no game under either reached the Epilogue"
        else:
            none, some = (ga, gb) if xa is None else (gb, ga)
            tail = (f"but no game under {_names(none)} reached the Epilogue, while new aggression followed "
                    f"{_aggr(some[0])}% of the Epilogues under {_names(some)} ({_count(some)})")
    elif xa == xb:
        tail = f"and new aggression follows equally often ({xa}% of the Epilogues: {_count(ga)} under {na}, {_count(gb)} under {nb})"
    else:
        joiner = "but" if sa * (1 if xa < xb else -1) < 0 else "and"
        tail = (f"{joiner} new aggression follows {xa}% of the Epilogues under {na} ({_count(ga)}) against {xb}% under "
                f"{nb} ({_count(gb)})")
    return f"{head}, {tail}{_shared([ga, gb])}."


def reading(rows: Sequence[Row]) -> str | None:
    """The sweep in one sentence for the room. None with fewer than two values.

    With release-first and conditional both swept, it compares those two (the game's claim).
    Otherwise values whose printed figures are all equal count as one (they "came out the
    same"); if they all did, it says so; two (groups of) values are set against each other;
    among more, a single value (or such a group) both soonest to peace and least followed by new
    aggression is named as such; else the soonest to peace is set against the one new
    aggression follows least (a value with no Epilogue at all is never the least followed by
    aggression). Aggression is always the share of the games that reached the
    Epilogue: a shared loss never does, and counting it as no aggression would make a value that
    loses more games to escalation look safer. A tie as printed is no win."""
    if len(rows) < 2:
        return None
    by = {r.label: r for r in rows}
    if "release-first" in by and "conditional" in by:
        return _compare([by["release-first"]], [by["conditional"]])
    groups = _alike(rows)
    if len(groups) == 1:
        r = rows[0]
        x = _aggr(r)
        aggr = ("no game reached the Epilogue" if x is None
                else f"new aggression after {x}% of the games that reached the Epilogue")
        shared = f"; shared losses (no Epilogue): {_lost(r)}% of games each" if r.shared_losses else ""
        return (f"{_names(rows)} came out the same: {_cells(r)[0]} settled, peace in {_peace(r):.2f} rounds on "
                f"average, {aggr}{shared}.")
    soonest = min(_peace(g[0]) for g in groups)
    fast = [g for g in groups if _peace(g[0]) == soonest]
    measured = [g for g in groups if g[0].epilogues]
    least = min((x for g in measured if (x := _aggr(g[0])) is not None), default=None)
    safe = [g for g in measured if _aggr(g[0]) == least]
    if len(groups) > 2 and len(fast) == 1 and safe == fast and len(measured) == len(groups):
        g = fast[0]
        who = f"{g[0].label} is both" if len(g) == 1 else f"{_names(g)} came out the same and are"
        return (f"{who} the soonest to peace ({soonest:.2f} rounds on average) and the least followed by new "
                f"aggression ({least}% of the Epilogues, {_count(g)}){_shared([g])}.")
    a = min(fast, key=lambda g: 101 if (x := _aggr(g[0])) is None else x)
    others = [g for g in groups if g is not a]
    b = min([g for g in others if g[0].epilogues] or others,
            key=lambda g: (101 if (x := _aggr(g[0])) is None else x, _peace(g[0])))
    return _compare(a, b)
