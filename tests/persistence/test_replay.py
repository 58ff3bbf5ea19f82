"""Replays step through states rebuilt from the log; "what if" forks and compares outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core import IllegalActionError, Phase, apply, legal_actions, replay
from game.core.engine import inject_event
from game.persistence import save_game
from game.persistence.replay import Replay, fork, public_view, what_if
from tests.persistence.helpers import finished_game, long_game, mid_vote


def test_replay_holds_every_state_of_the_game_in_order() -> None:
    state = finished_game()
    r = Replay.from_state(state)
    assert len(r) == len(state.actions)
    assert r.index == len(r) and r.state == state
    for i in (0, 1, len(r) // 2, len(r)):
        assert r.states[i] == replay(state.scenario, state.seats, state.seed, state.actions[:i])


def test_stepping_forward_and_back_by_action() -> None:
    r = Replay.from_state(finished_game())
    r.start()
    assert r.index == 0 and r.action is None and r.describe() == []
    r.forward()
    assert r.index == 1 and r.action == r.final.actions[0]
    assert r.describe(), "the first action wrote at least one log line"
    r.forward(3)
    r.back()
    assert r.index == 3
    r.back(100)
    assert r.index == 0
    r.forward(10_000)
    assert r.index == len(r)


def test_stepping_by_round_lands_on_round_starts() -> None:
    state = long_game(3)
    assert state.round >= 3
    r = Replay.from_state(state)
    r.start()
    r.next_round()
    assert r.state.round == 2 and r.states[r.index - 1].round == 1
    r.next_round()
    assert r.state.round == 3
    r.forward(2)
    r.prev_round()
    assert r.state.round == 3 and r.states[r.index - 1].round == 2  # back to the start of this round
    r.prev_round()
    assert r.state.round == 2


def test_private_lines_are_shown_only_for_finished_games() -> None:
    live = Replay.from_state(mid_vote())
    done = Replay.from_state(finished_game())
    assert any(e.to for e in live.final.private_log), "the live game has private lines to hide"
    assert all(not e.to for i in range(1, len(live) + 1) for e in live.new_lines(i))
    assert any(e.to for i in range(1, len(done) + 1) for e in done.new_lines(i))


def test_public_view_hides_hands_agendas_and_ballots_mid_game() -> None:
    state = mid_vote()
    v = public_view(state)
    assert v.agenda == "" and v.hand == () and v.own_ballot == "" and v.private_log == ()
    assert v.tracks == state.tracks and v.vault == state.vault


def test_replay_from_a_save_file(tmp_path: Path) -> None:
    state = finished_game()
    r = Replay.from_file(save_game(state, "x", folder=tmp_path))
    assert r.final == state


def test_replay_includes_facilitator_interventions() -> None:
    state = mid_vote()
    ev = state.scenario.events[0].id
    injected = inject_event(state, ev)
    r = Replay.from_state(injected)
    assert r.final == injected and r.action == f"! inject {ev}"
    # the table is told a card was put on top, not which: it is a surprise until drawn
    line = next(e for e in injected.log if e.key == "log.injected")
    from game.text import format_line

    assert state.scenario.event(ev).name not in format_line(line.key, line.args, {}, state.scenario)


def test_what_if_changes_one_decision_and_finishes_both_games() -> None:
    state = finished_game()
    r = Replay.from_state(state)
    step = next(i for i, s in enumerate(r.states) if s.phase == Phase.VOTE)
    at = r.states[step]
    original = state.actions[step]
    other = next(str(a) for a in legal_actions(at, at.to_move) if str(a) != original)
    w = what_if(r, step, other)
    assert w.original == state and not w.original_finished_by_ai
    assert w.alternative.is_over and w.alternative.actions[: step + 1] == (*state.actions[:step], other)
    assert w.original_outcome.reason == state.outcome_reason
    rows = w.comparison()
    assert rows[0][0] == "Outcome" and len({len(x) for x in rows}) == 1
    # deterministic: the same question gives the same answer
    assert what_if(r, step, other).alternative == w.alternative


def test_what_if_sets_the_played_epilogue_roll_against_the_other_games_odds() -> None:
    # another decision moves the seeded dice too, so the what-if's Epilogue rolls another number;
    # the played roll against its odds tells the choice from the luck (play-test, facilitator)
    from game.core.state import Epilogue
    from game.persistence.replay import WhatIf

    played = next(g for g in map(finished_game, range(1, 40)) if g.epilogue is not None)
    assert played.epilogue is not None
    roll = played.epilogue.roll

    def rows(alt_epilogue: Epilogue | None) -> dict[str, tuple[str, str]]:
        alt = played.model_copy(update={"epilogue": alt_epilogue})
        w = WhatIf(step=0, original_action=None, changed_action="-", original=played, alternative=alt,
                   original_finished_by_ai=False)
        return {label: (a, b) for label, a, b in w.comparison()}

    other = 1 + roll % 100  # another roll
    low = rows(Epilogue(odds=max(0, roll - 1), roll=other, aggression=False))  # the played roll beats these odds
    assert low[f"Aggression at roll {roll}"][1] == "no"
    high = rows(Epilogue(odds=roll, roll=other, aggression=other <= roll))  # a roll at the odds is aggression
    assert high[f"Aggression at roll {roll}"] == (low["Aggression"][0], "yes")
    same = rows(Epilogue(odds=roll, roll=roll, aggression=True))  # one roll in both games: nothing to add
    assert not any(k.startswith("Aggression at roll") for k in same)
    none = rows(None)  # the what-if ended in a shared loss: no Epilogue, no aggression to speak of
    assert none["Aggression"][1] == "none" and not any(k.startswith("Aggression at roll") for k in none)


def test_what_if_on_an_unfinished_game_lets_the_ais_finish_the_original_too() -> None:
    r = Replay.from_state(mid_vote())
    at = r.states[0]
    w = what_if(r, 0, legal_actions(at, at.to_move)[-1])
    assert w.original_finished_by_ai and w.original.is_over and w.alternative.is_over
    assert w.original.actions[: len(r)] == r.final.actions


def test_an_illegal_what_if_is_one_sentence() -> None:
    r = Replay.from_state(finished_game())
    with pytest.raises(IllegalActionError, match=r"^It is not"):
        what_if(r, 0, "F probe")
    with pytest.raises(IllegalActionError, match="no step"):
        what_if(r, 10_000, "H pass")
    with pytest.raises(IllegalActionError, match="already over"):
        fork(r.final, "H pass")


def test_fork_keeps_the_original_untouched() -> None:
    state = mid_vote()
    before = state.model_copy()
    alt = fork(state, legal_actions(state, state.to_move)[0])
    assert alt.is_over and state == before
    assert apply(state, legal_actions(state, state.to_move)[0]).actions == alt.actions[: len(state.actions) + 1]
