"""Property tests over random legal action sequences (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import (
    Action,
    ActionParseError,
    IllegalActionError,
    apply,
    check_invariants,
    legal_actions,
    load_scenario,
    new_game,
)
from game.core.actions import terms_from_args
from game.core.state import Terms

SC = load_scenario()

# plausible actions, most of which are illegal at any given moment
PROBES = [
    "H pass", "S pass", "A propose settlement", "H propose deal zone_withdrawal release 2",
    "F probe", "M agenda F", "S accept", "H walk", "A vote YYYYYYYY", "S comply CD", "H reimpose",
    "H hold", "M switch 101 release", "A play phased 9", "F gift F 1", "HP pass", "S counter settlement pay 9",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1),
    seats=st.integers(3, 6),
    picks=st.lists(st.integers(0, 10_000), min_size=400, max_size=400),
    probes=st.lists(st.sampled_from(PROBES), min_size=400, max_size=400),
)
def test_random_legal_play_keeps_every_invariant_and_ends(seed, seats, picks, probes):
    s = new_game(SC, seats, seed)
    steps = 0
    k = 0
    while not s.is_over:
        assert not check_invariants(s)
        legal = legal_actions(s, s.to_move)
        assert legal, "a seat to move always has a legal action"
        # an illegal action raises and leaves the state as it was
        probe = Action.parse(probes[k % len(probes)])
        if probe not in legal:
            snapshot = s.model_dump_json()
            with pytest.raises(IllegalActionError):
                apply(s, probe)
            assert s.model_dump_json() == snapshot
        a = legal[picks[k % len(picks)] % len(legal)]
        assert Action.parse(str(a)) == a
        s = apply(s, a)
        for r in s.roles:
            assert s.ip_of(r) >= 0
        k += 1
        steps += 1
        assert steps < 3000, "a game must end"
    assert not check_invariants(s)
    assert s.token_total() == SC.tokens


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_either_parses_to_a_round_tripping_action_or_raises_a_parse_error(text):
    try:
        a = Action.parse(text)
    except ActionParseError:
        return
    assert Action.parse(str(a)) == a


@settings(max_examples=100, deadline=None)
@given(
    kind=st.sampled_from(["deal", "mobilize", "build", "snapback", "settlement"]),
    word=st.sampled_from(["zone_withdrawal", "pow_exchange", "grain_corridor"]),
    channel=st.sampled_from(["release", "escrow", "redirect"]),
    n=st.integers(0, 12),
    other=st.integers(0, 12),
)
def test_terms_keep_a_hash_that_follows_their_value(kind, word, channel, n, other):
    # terms hash once and share one value per text (the AI's memos look them up millions of
    # times); a copy with another value hashes as that value, and the hash is never saved
    args = {"deal": ("deal", word, channel, str(n)), "mobilize": ("mobilize", str(n)), "build": ("build", word),
            "snapback": ("snapback", word), "settlement": ("settlement",)}[kind]
    t = terms_from_args(args)
    assert terms_from_args(args) is t
    fresh = Terms.model_validate_json(t.model_dump_json())
    assert fresh == t and hash(fresh) == hash(t) and hash(t) == hash(t)
    assert "_hash" not in t.model_dump_json() and set(t.model_dump()) == set(Terms.model_fields)
    changed = t.model_copy(update={"tranches": other})
    assert hash(changed) == hash(Terms.model_validate(changed.model_dump()))
    assert (changed == t) == (other == t.tranches)
    assert len({t, fresh, changed}) == (1 if other == t.tranches else 2)
