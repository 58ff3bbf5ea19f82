"""The core says why a kind of motion cannot be tabled, from the facts its terms depend on."""

from __future__ import annotations

import random
from collections import Counter

from game.core import (
    GameState,
    MotionKind,
    Phase,
    Role,
    apply,
    closed_reason,
    legal_actions,
    load_scenario,
    new_game,
    observe,
    terms_options,
)
from game.core.state import DealStatus
from tests.core.helpers import act, game, with_tracks

SC = load_scenario()


def _holds(state: GameState, kind: MotionKind, code: str, numbers: dict[str, int]) -> bool:
    """The fact the reason states is true of the state."""
    sc = state.scenario
    if code == "vault":
        return numbers["tokens"] == state.vault < numbers["tranche"] == sc.tranche
    if code == "fund":
        return numbers["fund"] == state.fund < numbers["cost"] == min(
            sc.infra(i).cost for i in state.infra_row if not any(
                m.terms.kind == MotionKind.BUILD and m.terms.target == i for m in state.motions))
    if code == "peace":
        return numbers["p"] == state.tracks.P < numbers["need"]
    if code == "tabled":
        return any(m.terms.kind == MotionKind.SETTLEMENT for m in state.motions)
    if code == "escrow":
        return not any(d.status == DealStatus.ACTIVE and d.escrow_tokens > 0 for d in state.deals)
    if code == "allowance":
        return sum(m.terms.tranches for m in state.motions
                   if m.terms.kind in (MotionKind.DEAL, MotionKind.MOBILIZE)) >= numbers["cap"]
    if code == "concessions":
        return all(any(m.terms.concession == c for m in state.motions) for c in state.hand(Role.S))
    if code == "deal_tranches":
        return numbers["need"] > numbers["can"]
    return code in {"court", "no_cards", "build_tabled", "monitors", "snapback_tabled"}


def test_every_closed_kind_has_a_named_reason_that_holds_and_each_seat_reads_the_same() -> None:
    seen: Counter[str] = Counter()
    for seed in range(12):
        pick = random.Random(seed)
        s = new_game(SC, 3 + seed % 4, seed)
        for _ in range(3000):
            if s.is_over:
                break
            if s.phase == Phase.PROPOSALS:
                for kind in SC.motions:
                    why = closed_reason(s, kind)
                    assert (why is None) == bool(terms_options(s, kind))
                    if why is None:
                        continue
                    code, numbers = why
                    assert code != "other", (seed, kind)
                    assert _holds(s, kind, code, numbers), (seed, kind, why)
                    seen[code] += 1
                    for seat in s.roles:
                        assert closed_reason(observe(s, seat), kind) == why
            s = apply(s, pick.choice(legal_actions(s, s.to_move)))
    # the run reaches the common reasons, so the checks above ran on them
    assert {"fund", "peace", "escrow", "allowance"} <= set(seen), seen


def test_the_rarer_reasons_each_name_what_closes_the_kind() -> None:
    s = act(game(), "M agenda A")
    D, M, B, N, T = MotionKind.DEAL, MotionKind.MOBILIZE, MotionKind.BUILD, MotionKind.SNAPBACK, MotionKind.SETTLEMENT
    assert closed_reason(s, T) == ("peace", {"p": s.tracks.P, "need": 8})
    assert closed_reason(act(with_tracks(s, P=8), "A propose settlement"), T) == ("tabled", {})
    assert closed_reason(s, D) is None and closed_reason(s, M) is None
    empty = s.model_copy(update={"vault": 0})
    assert closed_reason(empty, D) == closed_reason(empty, M) == ("vault", {"tokens": 0, "tranche": 3})
    short_vault = s.model_copy(update={"vault": 1})
    assert closed_reason(short_vault, D) == ("vault", {"tokens": 1, "tranche": 3})
    barred = s.model_copy(update={"asset_ban_round": s.round})
    assert closed_reason(barred, D) == closed_reason(barred, M) == closed_reason(barred, N) == ("court", {})
    # a hand whose every concession needs more tranches than may move
    one = s.model_copy(update={"vault": s.scenario.tranche})
    short = one.model_copy(update={"hands": tuple(("zone_withdrawal",) if r == Role.S else h
                                                  for r, h in zip(s.roles, s.hands, strict=True))})
    assert closed_reason(short, D) == ("deal_tranches", {"need": 4, "can": 1})
    assert closed_reason(short.model_copy(update={"hands": tuple(() for _ in s.roles)}), D) == ("concessions", {})
    rich = s.model_copy(update={"fund": 10})
    assert closed_reason(rich.model_copy(update={"infra_row": ()}), B) == ("no_cards", {})
    assert closed_reason(rich.model_copy(update={"infra_row": ("monitors",)}), B) == ("monitors", {})
    one_card = act(rich.model_copy(update={"infra_row": ("hotline",)}), "A propose build hotline")
    assert closed_reason(one_card, B) == ("build_tabled", {})
    poor = s.model_copy(update={"fund": 0, "infra_row": ("hotline",)})
    assert closed_reason(poor, B) == ("fund", {"fund": 0, "cost": s.scenario.infra("hotline").cost})
