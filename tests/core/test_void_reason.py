"""The core says when terms could not be carried out once the motions ahead of them pass."""

from __future__ import annotations

import random
from collections import Counter

from game.core import (
    MotionKind,
    Phase,
    Role,
    apply,
    legal_actions,
    load_scenario,
    new_game,
    observe,
    void_reason,
)
from game.core.state import Motion, MotionStatus, Terms

SC = load_scenario()
STILL = (MotionStatus.TABLED, MotionStatus.AGREED, MotionStatus.WALKED)


def _resolutions(seeds: range):
    """(state at the vote, the state after it) for every vote of seeded random play that
    starts with two tranches in the Vault and 5 in the Fund, so motions often outrun them
    (AI play counters such terms down before they reach the vote)."""
    for seed in seeds:
        pick = random.Random(seed)
        s = new_game(SC, 3 + seed % 4, seed).model_copy(update={"vault": 2 * SC.tranche, "fund": 5})
        for _ in range(3000):
            if s.is_over:
                break
            before = s
            s = apply(s, pick.choice(legal_actions(s, s.to_move)))
            if before.phase == Phase.VOTE and s.phase != Phase.VOTE:
                yield before, s


def test_terms_said_void_pass_void_and_terms_not_said_void_are_carried_out() -> None:
    seen: Counter[str] = Counter()
    for before, after in _resolutions(range(150)):
        done = after.last_motions
        for k, m in enumerate(before.motions):
            if m.status not in STILL:
                continue
            why = void_reason(before, m.terms, k)
            for r in before.roles:  # public facts only: every seat reads the same
                assert void_reason(observe(before, r), m.terms, k) == why
            ahead = [done[j] for j in range(k) if before.motions[j].status in STILL]
            if done[k].status not in (MotionStatus.PASSED, MotionStatus.VOID) or any(
                    x.terms.kind == MotionKind.SETTLEMENT for x in ahead):
                continue
            if why is None:  # fewer motions ahead passing only leaves more
                assert done[k].status == MotionStatus.PASSED, (m, before.vault)
                seen["carried"] += 1
            elif all(x.status == MotionStatus.PASSED for x in ahead):
                assert done[k].status == MotionStatus.VOID, (m, why)
                seen[why[0]] += 1
    assert seen["carried"] >= 50 and seen["vault"] >= 3 and seen["fund"] >= 2, seen


def _tabled(s, *terms: Terms):
    ms = tuple(Motion(id=101 + k, round=s.round, proposer=Role.H, respondent=None, terms=t, status=MotionStatus.AGREED)
               for k, t in enumerate(terms))
    return s.model_copy(update={"motions": ms})


def test_the_reason_names_what_the_motions_ahead_leave() -> None:
    s = new_game(SC, 5, 3).model_copy(update={"vault": 3 * SC.tranche})
    two = Terms(kind=MotionKind.MOBILIZE, tranches=2)
    s = _tabled(s, two)
    assert void_reason(s, Terms(kind=MotionKind.MOBILIZE, tranches=1)) is None
    assert void_reason(s, two) == ("vault", {"left": 1, "need": 2})  # not tabled yet: resolved last
    assert void_reason(s, two, 0) is None  # a motion is not ahead of itself
    gone = s.model_copy(update={"motions": (s.motions[0].model_copy(update={"status": MotionStatus.FAILED}),)})
    assert void_reason(gone, two) is None  # a motion already turned down takes nothing
    card = s.infra_row[0]
    cost = SC.infra(card).cost
    rich = _tabled(s.model_copy(update={"fund": cost + 1}), Terms(kind=MotionKind.BUILD, target=card))
    other = next(i for i in SC.infrastructure if i.id != card and i.cost > 1).id
    assert void_reason(rich, Terms(kind=MotionKind.BUILD, target=other)) == ("fund", {"left": 1, "cost": SC.infra(other).cost})
