"""Facilitator PIN (hashed, first PIN sets it) and the list of hidden facts it unlocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import Role
from game.persistence.facilitator import (
    PinError,
    check_pin,
    has_pin,
    hidden_facts,
    pin_path,
    unlock,
)
from tests.persistence.helpers import mid_vote


def test_the_first_pin_sets_it_and_later_ones_must_match(tmp_path: Path) -> None:
    assert not has_pin(tmp_path)
    assert unlock("2468", tmp_path) is True
    assert has_pin(tmp_path)
    assert unlock("2468", tmp_path) is False
    with pytest.raises(PinError, match="not the facilitator PIN"):
        unlock("1357", tmp_path)
    assert check_pin("2468", tmp_path) and not check_pin("0000", tmp_path)


def test_the_pin_is_not_stored_in_clear(tmp_path: Path) -> None:
    unlock("97531", tmp_path)
    assert "97531" not in pin_path(tmp_path).read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["", "12", "abcd", "123456789", "12 34"])
def test_malformed_pins_are_one_sentence(tmp_path: Path, bad: str) -> None:
    with pytest.raises(PinError, match="4 to 8 digits"):
        unlock(bad, tmp_path)
    assert not has_pin(tmp_path)


def test_a_damaged_pin_file_counts_as_no_pin(tmp_path: Path) -> None:
    pin_path(tmp_path).write_text("{oops", encoding="utf-8")
    assert not has_pin(tmp_path)
    assert unlock("1234", tmp_path) is True


def test_hidden_facts_show_agendas_hands_and_sealed_ballots() -> None:
    state = mid_vote()
    facts = dict(hidden_facts(state))
    agenda = state.scenario.agenda(state.agenda_of(Role.H)).name
    assert any(agenda in line for line in facts["Secret agendas"])
    ballot = dict(state.ballots)[Role.H]
    assert any(line.endswith(ballot) for line in facts["Sealed ballots cast"])
    assert facts["Next event cards"][0] == state.scenario.event(state.event_deck[0]).name
    assert any(state.name_of(Role.S) in line for line in facts["Hands"])
