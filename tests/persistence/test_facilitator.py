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
    closed_reason,
    has_pin,
    hidden_facts,
    pin_path,
    seal,
    set_pin,
    unlock,
)
from game.text import t
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


def test_a_pin_file_nested_absurdly_deep_counts_as_no_pin(tmp_path: Path) -> None:
    # review F3: json.loads raised RecursionError, which escaped seal() at Take your seats
    pin_path(tmp_path).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert not has_pin(tmp_path) and seal(tmp_path) == ""
    with pytest.raises(PinError, match="No facilitator PIN"):
        unlock("1234", tmp_path)
    change_pin("1234", folder=tmp_path)  # set again from Settings
    unlock("1234", tmp_path)


def test_a_game_opens_only_under_the_pin_it_began_with_or_one_its_owner_changed_it_to(tmp_path: Path) -> None:
    # found in play: a hot-seat player quit to the title, set a first PIN in Settings, continued
    # the game and read every agenda with F9
    begun_without = seal(tmp_path)
    assert begun_without == ""
    change_pin("2468", folder=tmp_path)
    with pytest.raises(PinError, match="began with no facilitator PIN") as e:
        unlock("2468", tmp_path, game_seal=begun_without)
    assert str(e.value).count(". ") == 0  # one sentence
    assert closed_reason(begun_without, tmp_path) == str(e.value)
    begun_under = seal(tmp_path)
    assert begun_under and "2468" not in begun_under
    unlock("2468", tmp_path, game_seal=begun_under)
    # the facilitator changes the PIN (with the old one): games begun under the old one stay open
    change_pin("1357", "2468", tmp_path)
    unlock("1357", tmp_path, game_seal=begun_under)
    with pytest.raises(PinError, match="not the facilitator PIN"):
        unlock("2468", tmp_path, game_seal=begun_under)
    # someone deletes the PIN file and sets a PIN of their own: the game stays closed
    pin_path(tmp_path).unlink()
    set_pin("9999", tmp_path)
    with pytest.raises(PinError, match="no longer set"):
        unlock("9999", tmp_path, game_seal=begun_under)
    assert closed_reason(None, tmp_path) is None  # a save from before games recorded a seal
    unlock("9999", tmp_path, game_seal=None)


def test_the_seal_goes_into_every_kind_of_save_and_comes_back(tmp_path: Path) -> None:
    from game.core import GameError
    from game.persistence import autosave, emergency_save, load_game, load_session, save_game

    def seal_of(path: Path) -> str | None:
        return load_session(path).seal

    state = mid_vote()
    change_pin("2468", folder=tmp_path)
    s = seal(tmp_path)
    for path in (save_game(state, "manual", folder=tmp_path, seal=s), autosave(state, tmp_path, seal=s),
                 emergency_save(state, tmp_path, seal=s)):
        assert seal_of(path) == s
        assert load_game(path) == state == load_session(path).state
        assert s not in path.read_text(encoding="utf-8")  # inside the encoded part, with the secrets
    assert seal_of(save_game(state, "none", folder=tmp_path, seal="")) == ""
    assert seal_of(save_game(state, "older", folder=tmp_path)) is None
    with pytest.raises(GameError, match="no such file"):
        load_session(tmp_path / "missing.save.json")


def test_hidden_facts_name_the_frontline_states_cards_as_the_table_does() -> None:
    # found in play: the facilitator view listed "phased, guarantee" (internal ids)
    state = mid_vote()
    hands = dict(hidden_facts(state))[t("ui.hidden.hands")]
    line = next(x for x in hands if x.startswith(state.name_of(Role.A)))
    cards = state.hand(Role.A)
    assert cards and all(c not in line.split(": ", 1)[1].split(", ") for c in cards)
    assert "Phased sequencing" in line or "Security guarantee" in line


def test_hidden_facts_show_agendas_hands_and_sealed_ballots() -> None:
    state = mid_vote()
    facts = dict(hidden_facts(state))
    agenda = state.scenario.agenda(state.agenda_of(Role.H)).name
    assert any(agenda in line for line in facts[t("ui.hidden.agendas")])
    ballot = dict(state.ballots)[Role.H]
    # motion by motion, in words (it read "NY")
    words = ", ".join(f"#{m.id} {'Yes' if c == 'Y' else 'No'}" for m, c in zip(state.motions, ballot, strict=True))
    assert f"{state.name_of(Role.H)}: {words}" in facts[t("ui.hidden.ballots")]
    assert facts[t("ui.hidden.events")][0] == state.scenario.event(state.event_deck[0]).name
    assert any(state.name_of(Role.S) in line for line in facts[t("ui.hidden.hands")])
