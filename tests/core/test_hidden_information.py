"""observe(state, seat) hides what the seat may not see, and nothing hidden leaks into it."""

from __future__ import annotations

import random

from game.core import Phase, Role, apply, legal_actions, new_game, observe
from game.core.scenario import Role as R


def _states(scenario, seats=5, seed=2, n=400):
    rnd = random.Random(seed)
    s = new_game(scenario, seats, seed)
    out = [s]
    while not s.is_over and len(out) < n:
        s = apply(s, rnd.choice(legal_actions(s, s.to_move)))
        out.append(s)
    return out


def _scramble(state, seat):
    """Change everything ``seat`` may not see; keep everything it may."""
    sc = state.scenario
    agendas = list(state.agendas)
    for k, r in enumerate(state.roles):
        if r != seat and agendas[k]:
            pool = [a.id for a in sc.agendas if a.role == r]
            agendas[k] = pool[(pool.index(agendas[k]) + 1) % len(pool)]
    ballots = tuple((r, b if r == seat else "".join("N" if c == "Y" else "Y" for c in b)) for r, b in state.ballots)
    upd = {
        "agendas": tuple(agendas),
        "ballots": ballots,
        "rng": state.rng ^ 0x5DEECE66D,
        "seed": state.seed + 1,
        "event_deck": tuple(reversed(state.event_deck)),
        "infra_deck": tuple(reversed(state.infra_deck)),
        "actions": (),
        "private_log": tuple(e for e in state.private_log if seat in e.to),
    }
    if seat != R.S:
        upd["undetected_defections"] = state.undetected_defections + 3
        upd["defections"] = state.defections + 3
        upd["secret_defections"] = state.secret_defections + ((1, 99),)
    return state.model_copy(update=upd)


def test_scrambling_hidden_information_does_not_change_any_seats_view_or_legal_actions(scenario):
    for seats in (3, 5, 6):
        for s in _states(scenario, seats, seed=seats)[::7]:
            if s.is_over:
                continue
            for seat in s.roles:
                if not s.plays(seat):
                    continue
                t = _scramble(s, seat)
                assert observe(t, seat) == observe(s, seat)
                assert legal_actions(t, seat) == legal_actions(s, seat)


def test_a_view_never_names_another_seats_agenda_or_a_sealed_ballot(scenario):
    for s in _states(scenario, 5, seed=4):
        if s.is_over:
            break
        for seat in s.roles:
            v = observe(s, seat)
            assert v.all_agendas == ()
            assert v.agenda == s.agenda_of(seat)
            for e in v.full_log():
                assert not e.to or seat in e.to
            if s.phase == Phase.VOTE:
                assert v.own_ballot == dict(s.ballots).get(seat, "")
            dumped = v.model_dump()
            assert "rng" not in dumped and "seed" not in dumped and "actions" not in dumped
            assert "event_deck" not in dumped and "infra_deck" not in dumped


def test_everything_is_revealed_once_the_game_is_over(scenario):
    s = _states(scenario, 5, seed=6, n=10_000)[-1]
    assert s.is_over
    v = observe(s, Role.H)
    assert v.all_agendas == s.agendas
    assert v.undetected_defections == s.undetected_defections


def test_the_public_view_carries_no_seats_secrets(scenario):
    from game.core import observe_public

    for s in _states(scenario, 5, seed=8):
        v = observe_public(s)
        if s.is_over:
            assert v.all_agendas == s.agendas
            break
        assert v.seat is None and v.hand == () and v.agenda == "" and v.own_ballot == ""
        assert v.private_log == () and v.undetected_defections is None and v.secret_defections == ()
        # and it is what every seat sees, less each seat's own secrets
        for seat in s.roles:
            mine = observe(s, seat)
            assert mine.model_copy(update={
                "seat": None, "hand": (), "agenda": "", "own_ballot": "", "private_log": (),
                "undetected_defections": None, "secret_defections": (),
            }) == v


def test_a_seats_view_names_its_seat_and_the_public_view_belongs_to_none(scenario):
    import pytest

    from game.core import observe_public
    s = new_game(scenario, 5, 3)
    assert observe(s, Role.S).me == Role.S
    with pytest.raises(ValueError, match="no seat"):
        _ = observe_public(s).me
