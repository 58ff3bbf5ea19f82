"""`simulate` seats the AI by default; `--ai` names personalities; errors are one sentence."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.core import Role
from game.sim.agents import ai_agents, mixed_personality


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_simulate_plays_ai_delegations_by_default_and_they_make_peace(capsys):
    code, out, _ = run(capsys, "simulate", "--games", "6", "--seed", "4", "--json")
    s = json.loads(out)
    assert code == 0 and s["errors"] == 0 and s["invariant_violations"] == 0
    assert s["settlements"] >= 3  # random agents settle about 1 game in 20


def test_the_text_report_agrees_with_the_json_and_says_what_each_figure_counts(capsys):
    # facilitator play-test: "Epilogue attack 22.0%" was over all games where the sweep gives it
    # over the Epilogues, "wins by role" gave only codes and "mean rounds" did not say over what
    code, out, _ = run(capsys, "simulate", "--games", "12", "--seed", "4", "--json")
    s = json.loads(out)
    code, text, _ = run(capsys, "simulate", "--games", "12", "--seed", "4")
    assert code == 0
    epilogues = s["games"] - s["shared_losses"]
    agg = s["epilogue_aggressions"]
    assert (f"new aggression    {agg:6d}  {100 * agg / 12:5.1f}% of games, "
            f"{100 * agg / epilogues:.1f}% of the {epilogues} Epilogues") in text
    assert f"mean rounds       {s['mean_rounds']:8.2f}  (the round each game ended, over every game)" in text
    wins = text.split("wins by role", 1)[1].split("\n", 1)[0]
    for code_, share in s["wins_by_role"].items():
        name = {"H": "Custodian Coalition", "S": "Sanctioned Power", "A": "Frontline State", "M": "Chair",
                "F": "Watching Power"}[code_]
        assert f"{name} ({code_}) {100 * share / 12:.1f}%" in wins


def test_ai_option_takes_one_name_or_a_list_in_table_order(capsys):
    code, out, _ = run(capsys, "simulate", "--games", "2", "--seed", "4", "--ai", "hawk,dove,pragmatist,opportunist,hawk", "--json")
    assert code == 0 and json.loads(out)["games"] == 2
    factory = ai_agents("hawk,dove,pragmatist,opportunist,hawk")
    assert [factory(r, 1).name for r in (Role.H, Role.S, Role.A, Role.M, Role.F)] == [
        "hawk", "dove", "pragmatist", "opportunist", "hawk"]
    assert {factory(r, 1).name for r in Role if r != Role.HP} <= {"hawk", "dove", "pragmatist", "opportunist"}


def test_mixed_tables_draw_every_personality_from_the_game_seed():
    drawn = {mixed_personality(seed, role) for seed in range(40) for role in Role}
    assert drawn == {"hawk", "dove", "pragmatist", "opportunist"}
    assert mixed_personality(7, Role.S) == mixed_personality(7, Role.S)


@pytest.mark.parametrize("spec, words", [
    ("bogus", "Unknown AI personality 'bogus'"),
    ("hawk,dove", "lists 2 personalities but the table has 5 seats"),
])
def test_a_bad_ai_option_ends_in_one_sentence_and_exit_code_2(capsys, spec, words):
    code, _, err = run(capsys, "simulate", "--games", "1", "--ai", spec)
    assert code == 2
    assert words in err and "Traceback" not in err and err.count("\n") == 1


def test_tournament_json_has_exactly_the_issues_shape(capsys, monkeypatch, tournament):
    # the command prints the report that run_tournament makes; the shared fixture is that
    # report for these arguments, so the run (about 25 s) is not made twice
    from game.sim import tournament as T
    from tests.ai.conftest import TOURNAMENT_ARGS

    calls = []

    def recorded(*args, **kwargs):
        calls.append((args, kwargs))
        return tournament

    monkeypatch.setattr(T, "run_tournament", recorded)
    games, seed = TOURNAMENT_ARGS
    code, out, _ = run(capsys, "tournament", "--games", str(games), "--seed", str(seed), "--json")
    assert calls == [((games, seed, "normal"), {"redraw": True, "bound": False})]
    rep = json.loads(out)
    assert code == 0 and list(rep) == ["personalities"]
    assert rep["personalities"] == json.loads(json.dumps(tournament["personalities"]))
    for fig in rep["personalities"].values():
        assert list(fig) == ["agreement_rate", "mean_advantage", "accepts_below_reservation",
                             "latency_ms_p50", "latency_ms_p99", "exploitation"]
        assert fig["accepts_below_reservation"] == 0


def test_a_bad_bound_option_ends_in_one_sentence_and_exit_code_2(capsys):
    code, _, err = run(capsys, "tournament", "--games", "1", "--bound", "hawk,nobody")
    assert code == 2
    assert "--bound takes personality names" in err and "Traceback" not in err and err.count("\n") == 1


def test_bench_ai_reports_decision_latency(capsys):
    code, out, _ = run(capsys, "bench", "ai", "--repeats", "1", "--json")
    rep = json.loads(out)
    assert code == 0 and rep["target"] == "ai" and rep["decisions"] > 50
    assert 0 < rep["latency_ms_p50"] <= rep["latency_ms_p99"] <= rep["latency_ms_max"]


@pytest.mark.soak
def test_balance_targets_hold_over_2000_seeded_ai_games(capsys):
    code, out, _ = run(capsys, "simulate", "--games", "2000", "--seed", "1", "--no-check", "--json")
    s = json.loads(out)
    n = s["games"]
    assert 0.55 <= s["settlements"] / n <= 0.70
    assert 0.10 <= s["shared_losses"] / n <= 0.20
    assert 0.25 <= s["epilogue_aggressions"] / n <= 0.40
    for role in "HSAMF":
        assert 0.12 <= s["wins_by_role"][role] / n <= 0.28, role


@pytest.mark.soak
@pytest.mark.parametrize("preset", ["small_vault", "fragile_front", "concentrated_custodian"])
def test_each_presets_balance_targets_hold_over_2000_seeded_ai_games(capsys, preset):
    code, out, _ = run(capsys, "simulate", "--scenario", preset, "--games", "2000", "--seed", "1", "--no-check", "--json")
    s = json.loads(out)
    n = s["games"]
    assert code == 0 and s["errors"] == 0
    assert 0.50 <= s["settlements"] / n <= 0.72
    assert 0.08 <= s["shared_losses"] / n <= 0.25
    assert 0.20 <= s["epilogue_aggressions"] / n <= 0.45
    for role in "HSAMF":
        assert 0.12 <= s["wins_by_role"][role] / n <= 0.28, role
