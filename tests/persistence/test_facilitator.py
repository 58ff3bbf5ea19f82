"""Facilitator PIN (hashed; set or changed only with ``change_pin``, outside a game; F9's
``unlock`` only checks it) and the list of hidden facts it unlocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import Role
from game.persistence.facilitator import (
    PinError,
    change_pin,
    check_pin,
    has_pin,
    hidden_facts,
    pin_path,
    unlock,
)
from tests.persistence.helpers import mid_vote


def test_unlocking_never_sets_a_pin_it_says_where_to_set_one(tmp_path: Path) -> None:
    # a hot-seat player pressing F9 first must not be able to make up the PIN
    with pytest.raises(PinError, match="Settings on the title screen") as e:
        unlock("2468", tmp_path)
    assert str(e.value).count(". ") == 0  # one sentence
    assert not has_pin(tmp_path)


def test_a_pin_set_outside_the_game_must_match(tmp_path: Path) -> None:
    change_pin("2468", folder=tmp_path)
    assert has_pin(tmp_path)
    unlock("2468", tmp_path)
    with pytest.raises(PinError, match="not the facilitator PIN"):
        unlock("1357", tmp_path)
    assert check_pin("2468", tmp_path) and not check_pin("0000", tmp_path)


def test_changing_the_pin_needs_the_old_one(tmp_path: Path) -> None:
    change_pin("2468", folder=tmp_path)
    with pytest.raises(PinError, match="not the current facilitator PIN"):
        change_pin("1111", "9999", tmp_path)
    with pytest.raises(PinError, match="not the current facilitator PIN"):
        change_pin("1111", folder=tmp_path)
    assert check_pin("2468", tmp_path)
    change_pin("13579", "2468", tmp_path)
    assert check_pin("13579", tmp_path) and not check_pin("2468", tmp_path)


def test_the_pin_is_not_stored_in_clear(tmp_path: Path) -> None:
    change_pin("97531", folder=tmp_path)
    assert "97531" not in pin_path(tmp_path).read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["", "12", "abcd", "123456789", "12 34"])
def test_malformed_pins_are_one_sentence(tmp_path: Path, bad: str) -> None:
    with pytest.raises(PinError, match="4 to 8 digits"):
        change_pin(bad, folder=tmp_path)
    assert not has_pin(tmp_path)
    change_pin("1234", folder=tmp_path)
    with pytest.raises(PinError, match="4 to 8 digits"):
        unlock(bad, tmp_path)
    with pytest.raises(PinError, match="4 to 8 digits"):
        change_pin(bad, "1234", tmp_path)
    assert check_pin("1234", tmp_path)


def test_a_damaged_pin_file_counts_as_no_pin(tmp_path: Path) -> None:
    pin_path(tmp_path).write_text("{oops", encoding="utf-8")
    assert not has_pin(tmp_path)
    with pytest.raises(PinError, match="No facilitator PIN"):
        unlock("1234", tmp_path)
    change_pin("1234", folder=tmp_path)  # set again from Settings
    unlock("1234", tmp_path)


def test_hidden_facts_show_agendas_hands_and_sealed_ballots() -> None:
    state = mid_vote()
    facts = dict(hidden_facts(state))
    agenda = state.scenario.agenda(state.agenda_of(Role.H)).name
    assert any(agenda in line for line in facts["Secret agendas"])
    ballot = dict(state.ballots)[Role.H]
    assert any(line.endswith(ballot) for line in facts["Sealed ballots cast"])
    assert facts["Next event cards"][0] == state.scenario.event(state.event_deck[0]).name
    assert any(state.name_of(Role.S) in line for line in facts["Hands"])
