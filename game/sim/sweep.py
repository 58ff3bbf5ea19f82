"""Policy sweep: the lesson in numbers.

Plays seeded AI games under each value of a Custodian policy (``--policy``) or of a scenario
number (``--param tokens=18,24,30``) and reports, per value: settlement rate, mean rounds
to settlement, shared-loss rate and Epilogue aggression rate. Rates are fractions of all games
played (a shared loss has no Epilogue, so it counts as no aggression).

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
from game.text import counted

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

    def as_json(self) -> dict[str, Any]:
        n = max(1, self.games)
        return {
            "value": self.value,
            "settlement_rate": round(self.settlements / n, 3),
            "mean_rounds_to_settlement": round(self.settlement_rounds / self.settlements, 2) if self.settlements else None,
            "mean_rounds_to_peace": round(self.peace_rounds / n, 2) if self.games else None,
            "shared_loss_rate": round(self.shared_losses / n, 3),
            "epilogue_aggression_rate": round(self.aggressions / n, 3),
        }


def run_value(scenario: Scenario, value: Any, label: str, factory: AgentFactory, games: int, seed: int,
              seats: int) -> Row:
    row = Row(value=value, label=label, games=games, settlements=0, settlement_rounds=0, shared_losses=0, aggressions=0)
    for i in range(games):
        state, _ = play_game(scenario, seats, game_seed(seed, i), factory, check=False)
        settled = state.outcome_reason == OutcomeReason.SETTLEMENT
        row.peace_rounds += state.settlement_round if settled else scenario.rules.rounds + 1
        if settled:
            row.settlements += 1
            row.settlement_rounds += state.settlement_round
        elif state.outcome_reason == OutcomeReason.SHARED_LOSS:
            row.shared_losses += 1
        if state.epilogue is not None and state.epilogue.aggression:
            row.aggressions += 1
    return row


def sweep_policies(scenario: Scenario, policies: Sequence[str], games: int, seed: int, seats: int = 5,
                   personality: str = "pragmatist", difficulty: str = "normal") -> list[Row]:
    for p in policies:
        if p not in POLICIES:
            raise SweepError(f"Unknown policy '{p}'; choose from {', '.join(POLICIES)}.")
    return [run_value(scenario, p, p, agent_factory(p, personality, difficulty), games, seed, seats) for p in policies]


def sweep_param(scenario: Scenario, name: str, values: Sequence[Any], games: int, seed: int, seats: int = 5,
                personality: str = "pragmatist", difficulty: str = "normal") -> list[Row]:
    variants = [(v, with_param(scenario, name, v)) for v in values]
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


def format_table(rows: Sequence[Row], table: Table) -> str:
    head = (f"{'value':<24} {'settles':>8} {'mean rounds':>12} {'to peace':>9} {'shared loss':>12} "
            f"{'aggression':>11}")
    out = [table.describe(), head, "-" * len(head)]
    for r in rows:
        j = r.as_json()
        mr = "-" if j["mean_rounds_to_settlement"] is None else f"{j['mean_rounds_to_settlement']:.2f}"
        mp = "-" if j["mean_rounds_to_peace"] is None else f"{j['mean_rounds_to_peace']:.2f}"
        out.append(
            f"{r.label:<24} {100 * j['settlement_rate']:7.1f}% {mr:>12} {mp:>9} {100 * j['shared_loss_rate']:11.1f}% "
            f"{100 * j['epilogue_aggression_rate']:10.1f}%"
        )
    out.append("mean rounds: over the games that settled. to peace: over every game, one without a")
    out.append("Settlement counting as the round after the last.")
    said = reading(rows)
    if said:
        out.append("")
        out.append(said)
    return "\n".join(out)


def reading(rows: Sequence[Row]) -> str | None:
    """The sweep in one sentence for the room: the value that reaches peace soonest (mean
    rounds to peace over every game) against the one that new aggression follows least. None
    with fewer than two values."""
    if len(rows) < 2:
        return None
    js = {r.label: r.as_json() for r in rows}
    fast = min(rows, key=lambda r: (js[r.label]["mean_rounds_to_peace"], js[r.label]["epilogue_aggression_rate"]))
    safe = min(rows, key=lambda r: (js[r.label]["epilogue_aggression_rate"], js[r.label]["mean_rounds_to_peace"]))
    f, s = js[fast.label], js[safe.label]
    if fast is safe:
        return (f"{fast.label} is both the soonest to peace ({f['mean_rounds_to_peace']:.2f} rounds on average) "
                f"and the least followed by new aggression ({100 * f['epilogue_aggression_rate']:.0f}% of games).")
    sooner = s["mean_rounds_to_peace"] - f["mean_rounds_to_peace"]
    return (f"{fast.label} reaches peace {sooner:.2f} rounds sooner than {safe.label} on average "
            f"({f['mean_rounds_to_peace']:.2f} against {s['mean_rounds_to_peace']:.2f}), but new aggression "
            f"follows in {100 * f['epilogue_aggression_rate']:.0f}% of its games against "
            f"{100 * s['epilogue_aggression_rate']:.0f}%.")
