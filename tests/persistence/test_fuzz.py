"""Fuzzing: any damage to a save gives either the same game or one SaveFormatError, never a crash.

A short run is always in the suite; ``--soak`` runs many more examples and round-trips many
simulated games.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import SaveFormatError
from game.persistence import load_game, save_game
from game.persistence.store import load_bytes
from tests.persistence.helpers import mid_bargain

SOAK = bool(os.environ.get("BOP_SOAK"))
_GOOD: list[bytes] = []


def _good() -> bytes:
    if not _GOOD:
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            _GOOD.append(save_game(mid_bargain(), "fuzz", folder=d).read_bytes())
    return _GOOD[0]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    raw = bytearray(_good())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = draw(st.integers(0, max(0, len(raw) - 1)))
        if kind == "flip" and raw:
            raw[pos] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del raw[pos:]
        elif kind == "insert":
            raw[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif raw:
            del raw[pos : pos + draw(st.integers(1, 64))]
    return bytes(raw)


@settings(max_examples=600 if SOAK else 60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_saves_load_identically_or_fail_with_one_sentence(raw: bytes) -> None:
    try:
        state = load_bytes(raw, "fuzz.save.json")
    except SaveFormatError as e:
        msg = str(e)
        assert msg.startswith("Cannot load fuzz.save.json: ") and msg.endswith(".") and "\n" not in msg
        return
    assert state == mid_bargain()  # a harmless change (e.g. whitespace in the header) loads the same game


@pytest.mark.soak
def test_many_simulated_games_round_trip(tmp_path: Path) -> None:
    from game.core import load_scenario
    from game.sim.simulate import game_seed, play_game

    sc = load_scenario()
    for i in range(300):
        state, _ = play_game(sc, 3 + i % 4, game_seed(42, i), check=False)
        assert load_game(save_game(state, f"g{i}", folder=tmp_path)) == state


def test_a_few_games_at_every_table_size_round_trip(tmp_path: Path) -> None:
    from tests.persistence.helpers import play_until

    for seats in (3, 4, 5, 6):
        state = play_until(seats * 13, lambda s: len(s.actions) >= 30, seats=seats)
        assert load_game(save_game(state, f"t{seats}", folder=tmp_path)) == state
