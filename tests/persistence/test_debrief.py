"""The debrief files: charts, summary, CSV and transcript, with real numbers and no leaks mid-game."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.core import Phase
from game.persistence import charts as C
from game.persistence import save_game
from game.persistence.debrief import (
    GAUGE_HTML,
    QUESTIONS,
    SUMMARY_SIZE,
    build_debrief,
    gauge_size,
    rounds_csv,
    transcript,
    write_debrief,
)
from tests.persistence.helpers import finished_game, play_until

FILES = {"chart_tracks.png", "chart_tokens.png", "chart_influence.png", "summary.png", "summary.html",
         "rounds.csv", "transcript.txt"}


def _over_with_epilogue():
    for seed in range(1, 60):
        s = finished_game(seed)
        if s.epilogue is not None and s.round >= 3:
            return s
    raise AssertionError("no seeded game reached an Epilogue")


def test_debrief_writes_every_file_with_this_games_numbers(tmp_path: Path) -> None:
    state = _over_with_epilogue()
    written = write_debrief(state, tmp_path / "out")
    assert {p.name for p in written} == FILES
    summary = pygame.image.load(str(tmp_path / "out" / "summary.png"))
    assert summary.get_size() == (1240, 1754)
    for name in ("chart_tracks.png", "chart_tokens.png", "chart_influence.png"):
        assert pygame.image.load(str(tmp_path / "out" / name)).get_size() == (960, 540)
    page = (tmp_path / "out" / "summary.html").read_text(encoding="utf-8")
    for q in QUESTIONS:
        assert q in page
    assert f"{state.epilogue.odds}% chance" in page and f"roll was {state.epilogue.roll}" in page
    assert f"received {state.tokens_received} tokens" in page
    assert page.count("data:image/png;base64,") == 4  # the gauge and three charts, inlined


def test_scores_in_the_debrief_match_the_outcome() -> None:
    from game.core import outcome

    state = _over_with_epilogue()
    d = build_debrief(state)
    res = outcome(state)
    assert res is not None
    assert [total for _, total, _, _ in d.scores] == [s.total for s in res.scores]
    for (_, total, lines, _), s in zip(d.scores, res.scores, strict=True):
        assert sum(p for _, p in lines) == total
        assert len(lines) == len(s.lines)


def test_rounds_csv_has_a_start_row_and_one_row_per_finished_round() -> None:
    state = _over_with_epilogue()
    rows = list(csv.DictReader(io.StringIO(rounds_csv(state))))
    assert len(rows) == len(state.history) + 1
    start, sc = rows[0], state.scenario
    assert start["round"] == "0" and [int(start[k]) for k in "PCLGE"] == [getattr(sc.tracks, k) for k in "PCLGE"]
    assert int(start["vault"]) == sc.tokens and int(start["fund"]) == 0
    assert [int(start[f"ip_{r.value}"]) for r in state.roles] == [sc.roles[r].start_ip for r in state.roles]
    for row, h in zip(rows[1:], state.history, strict=True):
        assert int(row["round"]) == h.round and int(row["E"]) == h.tracks.E and int(row["vault"]) == h.vault
        assert int(row["ip_H"]) == h.ip[0]
        zones = sum(int(row[z]) for z in ("vault", "escrow", "released", "redirected", "returned"))
        assert zones == state.scenario.tokens


def test_transcript_names_the_seats_and_lists_every_motion() -> None:
    state = _over_with_epilogue()
    text = transcript(state)
    for s in state.seats:
        assert s.name in text
    proposals = sum(1 for a in state.actions if " propose " in a)
    assert text.count("tables a motion") == proposals
    assert "{s0}" not in text and "{t1}" not in text  # every placeholder was filled
    # each event with what its card says (facilitator play-test: "Event: Leak." and no more)
    for eid in state.events_drawn:
        ev = state.scenario.event(eid)
        assert f"Event: {ev.name}. {ev.text}" in text


def test_a_game_in_progress_is_debriefed_without_secrets(tmp_path: Path) -> None:
    state = play_until(3, lambda s: s.round >= 2 and s.phase == Phase.VOTE and len(s.ballots) >= 1)
    assert not state.is_over
    write_debrief(state, tmp_path)
    everything = "".join((tmp_path / f).read_text(encoding="utf-8") for f in ("summary.html", "transcript.txt", "rounds.csv"))
    assert "in progress" in everything
    assert f"Credibility stands at {state.tracks.C}" in everything and "ended at" not in everything
    for a in state.scenario.agendas:
        assert a.name not in everything
    assert "Your sealed ballot" not in everything and "Your secret agenda" not in everything
    assert "unseen" not in everything


def test_debrief_command_writes_files_and_refuses_bad_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save = save_game(_over_with_epilogue(), "game", folder=tmp_path)
    assert main(["debrief", str(save), "--out", str(tmp_path / "d")]) == 0
    assert {p.name for p in (tmp_path / "d").iterdir()} == FILES
    bad = tmp_path / "bad.save.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["debrief", str(bad), "--out", str(tmp_path / "e")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Cannot load bad.save.json" in err
    assert not (tmp_path / "e").exists()


def test_debrief_command_never_writes_over_an_earlier_debrief_unless_told(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # facilitator play-test: `debrief SAVE --out DIR` a second time silently wrote over the first
    save = save_game(_over_with_epilogue(), "game", folder=tmp_path)
    out = tmp_path / "d"
    assert main(["debrief", str(save), "--out", str(out)]) == 0
    (out / "summary.html").write_text("the facilitator's notes", encoding="utf-8")
    capsys.readouterr()
    assert main(["debrief", str(save), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already holds a debrief" in err and "--replace" in err
    assert (out / "summary.html").read_text(encoding="utf-8") == "the facilitator's notes"
    assert main(["debrief", str(save), "--out", str(out), "--replace"]) == 0
    assert (out / "summary.html").read_text(encoding="utf-8") != "the facilitator's notes"
    other = tmp_path / "notes"  # a folder holding other files only is fine
    other.mkdir()
    (other / "plan.txt").write_text("x", encoding="utf-8")
    assert main(["debrief", str(save), "--out", str(other)]) == 0
    assert {p.name for p in other.iterdir()} == FILES | {"plan.txt"}


def test_charts_draw_every_series_in_its_colour_and_survive_no_history() -> None:
    state = _over_with_epilogue()
    surf = C.render_tracks_chart(state.history, (800, 450))
    colours = {tuple(surf.get_at((x, y)))[:3] for x in range(0, 800, 2) for y in range(0, 450, 2)}
    for k in "PCLGE":
        assert C.PALETTE[k] in colours, k
    for fn in (lambda h: C.render_tracks_chart(h), lambda h: C.render_tokens_chart(h),
               lambda h: C.render_influence_chart(h, ["H", "S"], {})):
        assert fn(()).get_size() == (960, 540)


def test_sweep_chart_draws_one_group_per_value() -> None:
    rows = [{"value": v, "settlement_rate": 0.5, "mean_rounds_to_settlement": None, "shared_loss_rate": 0.2,
             "epilogue_aggression_rate": 0.3, "aggression_per_epilogue": 0.375} for v in ("a", "b")]
    surf = C.render_sweep_chart(rows, (640, 360))
    assert surf.get_size() == (640, 360)


def test_the_sweep_chart_shows_aggression_per_epilogue_not_per_game(monkeypatch: pytest.MonkeyPatch) -> None:
    # play-test: the bar gave aggression over every game, so a value losing most games to
    # escalation (no Epilogue) looked the safest; the sentence under it said otherwise
    said: list[str] = []
    real = C.text
    monkeypatch.setattr(C, "text", lambda surf, s, *a, **k: (said.append(s), real(surf, s, *a, **k))[1])
    rows = [{"value": "release-first", "settlement_rate": 0.4, "shared_loss_rate": 0.6, "epilogue_aggression_rate": 0.32,
             "aggression_per_epilogue": 0.8},
            {"value": "hold", "settlement_rate": 0.0, "shared_loss_rate": 1.0, "epilogue_aggression_rate": 0.0,
             "aggression_per_epilogue": None}]
    C.render_sweep_chart(rows, (960, 540))
    assert "80" in said and "32" not in said and "-" in said


@pytest.mark.parametrize("size", [GAUGE_HTML, gauge_size(SUMMARY_SIZE)], ids=["html", "summary"])
@pytest.mark.parametrize("odds,roll", [(38, 10), (38, 38), (5, 1), (60, 100), (95, 50), (1, 99)])
def test_the_roll_label_never_covers_the_odds_caption(size: tuple[int, int], odds: int, roll: int) -> None:
    # play-test: at odds 38 the "roll 10" label was drawn over "new aggression if the roll is 38 or less"
    pal = {**C.PALETTE, **C.PAPER}
    bare = C.render_odds_gauge(odds, None, size, palette=pal)
    rolled = C.render_odds_gauge(odds, roll, size, palette=pal)
    w, h = size
    bg = pal["bg"]
    border = [(x, y) for x in range(w) for y in range(h) if tuple(bare.get_at((x, y)))[:3] == pal["line"]]
    bar = pygame.Rect(min(x for x, _ in border), min(y for _, y in border), 0, 0)
    bar.width = max(x for x, _ in border) - bar.left + 1
    bar.height = max(y for _, y in border) - bar.top + 1
    marker = bar.inflate(0, 2 * 5)  # the roll's marker reaches 4 px past the bar (its ends included)
    caption = {(x, y) for x in range(w) for y in range(h)
               if tuple(bare.get_at((x, y)))[:3] != bg and not marker.collidepoint(x, y)}
    assert caption, "the odds caption is drawn"
    changed = {(x, y) for x in range(w) for y in range(h) if bare.get_at((x, y)) != rolled.get_at((x, y))}
    label = {p for p in changed if not marker.collidepoint(p)}
    assert label, "the roll's label is drawn"
    assert not (caption & changed), "the roll's marker or label covers the odds caption"
    # the label is whole: inside the picture, clear of the bar, with room around it
    assert min(x for x, _ in label) > 0 and max(x for x, _ in label) < w - 1
    assert min(y for _, y in label) > marker.bottom and max(y for _, y in label) < h - 1


def _ai_game_with_aggression(seats: int):
    from game.core import load_scenario
    from game.sim.simulate import game_seed, play_game
    from game.sim.sweep import agent_factory

    sc = load_scenario()
    for i in range(60):
        state, _ = play_game(sc, seats, game_seed(1, i), agent_factory(None), check=False)
        if state.epilogue is not None and state.epilogue.aggression:
            return state
    raise AssertionError(f"no {seats}-seat AI game ended in new aggression")


@pytest.mark.parametrize("seats", [5, 6])
def test_the_epilogue_text_uses_the_scenarios_role_names_and_names_the_partners_only_when_they_play(seats: int) -> None:
    # facilitator play-test: a scenario that renamed the Custodian to "Euro Custodians" still read
    # "The Custodian gains, and so do its Partners" on the end screen
    from game.core import Role, observe
    from game.core.state import Epilogue
    from game.ui.scenes.end import epilogue_detail

    state = _ai_game_with_aggression(seats)
    roles = {**state.scenario.roles}
    for r, name in ((Role.H, "Euro Custodians"), (Role.HP, "Allied Treasuries"), (Role.F, "Rival Power"),
                    (Role.S, "Eastern Bloc")):
        roles[r] = roles[r].model_copy(update={"name": name})
    renamed = state.model_copy(update={"scenario": state.scenario.model_copy(update={"roles": roles})})
    struck = epilogue_detail(observe(renamed, None))
    assert struck.startswith("The Rival Power drew its lesson") and "but the Eastern Bloc loses VP" in struck
    assert "Rival Power, at the table, gains instead" in struck and "Watching" not in struck
    stayed = renamed.model_copy(update={"epilogue": Epilogue(odds=40, roll=90, aggression=False)})
    said = epilogue_detail(observe(stayed, None))
    assert "goes to the Euro Custodians" in said and "Custodian Coalition" not in said
    assert ("Euro Custodians and the Allied Treasuries." in said) == (seats == 6) and "Partners" not in said


def _who_paid(state) -> list[str]:
    return dict(build_debrief(state).answers)[QUESTIONS[1]]


def test_who_paid_names_only_the_seats_that_play_and_score_at_three_seats() -> None:
    # play-test: a 3-seat debrief said the aggression "cost the Custodian, the Frontline State and
    # the Chair 4 VP each"; at 3 seats the Chair and the Watching Power are run by the rules
    from game.core import Role, outcome

    state = _ai_game_with_aggression(3)
    assert set(state.automated) == {Role.M, Role.F}
    res = outcome(state)
    lost = {s.role for s in res.scores for x in s.lines if x.key == "score.epilogue_aggression" and x.points < 0}
    assert lost == {Role.H, Role.A}
    line = next(a for a in _who_paid(state) if a.startswith("The new aggression"))
    sc = state.scenario
    loss = sc.scoring.epilogue_loss_vp
    assert sc.roles[Role.M].name not in line and sc.roles[Role.F].name not in line
    assert f"the {sc.roles[Role.H].name}" in line and f"the {sc.roles[Role.A].name}" in line
    assert f"{loss} VP each" in line
    half = [a for a in _who_paid(state) if a.startswith("Without a Settlement")]
    assert all(sc.roles[Role.F].name not in a for a in half)


def test_who_paid_names_the_chair_and_the_watching_power_when_they_play() -> None:
    from game.core import Role

    state = _ai_game_with_aggression(5)
    assert not state.automated
    sc = state.scenario
    line = next(a for a in _who_paid(state) if a.startswith("The new aggression"))
    for r in (Role.H, Role.A, Role.M):
        assert f"the {sc.roles[r].name}" in line
    assert f"the {sc.roles[Role.F].name} gained {sc.scoring.epilogue_f_gain_vp}" in line
    assert sc.roles[Role.S].name not in line


def test_the_transcript_ends_with_the_final_scores_and_the_winners() -> None:
    # play-test: transcript.txt ended with the Epilogue line, without scores or winner
    from game.core import outcome

    state = _over_with_epilogue()
    res = outcome(state)
    assert res is not None and res.winners
    lines = transcript(state).rstrip("\n").split("\n")
    at = lines.index("== Final scores ==")
    assert any(x.strip().startswith("Epilogue:") for x in lines[:at])
    tail = [x.strip() for x in lines[at + 1:]]
    assert len(tail) == 1 + len(res.scores)  # how it ended, then one line per seat: nothing after
    winners = ", ".join(state.name_of(w) for w in res.winners)
    assert tail[0].endswith(f"Winner: {winners}.")
    ranked = sorted(res.scores, key=lambda s: -s.total)
    for line, s in zip(tail[1:], ranked, strict=True):
        assert line.startswith(f"{s.name}: {s.total} VP" + (", winner" if s.role in res.winners else " ("))
        assert all(f"{x.points:+d}" in line for x in s.lines)


def test_a_shared_loss_transcript_says_nobody_wins_and_a_running_game_has_no_scores() -> None:
    for seed in range(1, 40):
        state = finished_game(seed)
        if state.outcome_reason is not None and state.outcome_reason.value == "shared_loss":
            break
    else:
        raise AssertionError("no seeded game ended in a shared loss")
    lines = transcript(state).rstrip("\n").split("\n")
    assert "Nobody wins." in lines[lines.index("== Final scores ==") + 1]
    running = play_until(3, lambda s: s.round >= 2)
    assert not running.is_over and "== Final scores ==" not in transcript(running)


def test_the_transcript_writes_the_possessive_of_a_name_ending_in_s_without_another_s() -> None:
    # play-test: "Custodian Partners's sealed ballot"
    from game.core import Role

    state = finished_game(3, 6)
    assert state.is_over and state.name_of(Role.HP) == "Custodian Partners"
    text = transcript(state)
    assert "Partners's" not in text
    assert "Custodian Partners' secret agenda" in text  # the private line, public once the game is over
    assert any(a.startswith("HP vote ") for a in state.actions)
    assert "Custodian Partners' sealed ballot" in text

    from game.text import possessive

    assert possessive("Ana") == "Ana's" and possessive("Custodian Partners") == "Custodian Partners'"
    from game.text import t

    # the same rule for the UI's named placeholders ("{seat}'s decision")
    assert t("ui.facil.skipped", seat="Custodian Partners").startswith("Custodian Partners' decision")
    assert t("ui.facil.skipped", seat="Ana").startswith("Ana's decision")


def _record(rnd: int, p: int, g: int, ip: tuple[int, ...]):
    from game.core.state import RoundRecord, Tracks

    return RoundRecord(round=rnd, tracks=Tracks(P=p, C=6, L=1, G=g, E=4), vault=24, escrow=0, released=0,
                       redirected=0, returned=0, fund=0, ip=ip)


def _colours_in_column(surf: pygame.Surface, x: int) -> set[tuple[int, int, int]]:
    return {tuple(surf.get_at((x, y)))[:3] for y in range(surf.get_height())}


def _mid_x(surf: pygame.Surface, first: tuple[int, int, int], a: int, b: int, n: int) -> int:
    """The x halfway between points a and b of an n-point line chart (found from the plot frame)."""
    w = surf.get_width()
    xs = [x for x in range(w) if tuple(surf.get_at((x, surf.get_height() // 2)))[:3] == first]
    left, right = min(xs), max(xs) + 1  # the plot panel's row at mid-height
    pad = (right - left) * 0.04
    step = (right - left - 2 * pad) / (n - 1)
    return int(left + pad + (a + b) / 2 * step)


def test_a_track_that_shares_another_tracks_value_stays_visible() -> None:
    # play-test: Peace 8 was hidden behind Precedent 8 from round 2 on
    hist = [_record(1, 4, 2, (6, 5)), *(_record(r, 8, 8, (6, 5)) for r in range(2, 7))]
    for size in ((960, 540), (535, 330)):
        surf = C.render_tracks_chart(hist, size)
        x = _mid_x(surf, C.PALETTE["panel"], 3, 4, len(hist))
        column = _colours_in_column(surf, x)
        assert C.PALETTE["P"] in column and C.PALETTE["G"] in column, size


def test_the_influence_chart_draws_only_the_seats_that_play_and_none_hides_another() -> None:
    # play-test: a 3-seat chart plotted the rules-run Chair and Watching Power, and Ben's line was
    # hidden under the Chair's identical one
    from game.core import Role
    from game.persistence.debrief import chart_surfaces

    state = finished_game(3, 3)
    assert set(state.automated) == {Role.M, Role.F} and state.history
    colours = {tuple(c)[:3] for c in pygame.surfarray.array3d(chart_surfaces(state)["influence"]).reshape(-1, 3)}
    for r in state.roles:
        assert (C.PALETTE[r.value] in colours) == state.plays(r), r
    roles = [r.value for r in state.roles]  # H, S, A, M, F: S and M with the same IP every round
    hist = [_record(k, 2, 2, (6 + k, 5 + 3 * k, 4 + k, 5 + 3 * k, 3 + k)) for k in range(1, 6)]
    surf = C.render_influence_chart(hist, roles, {}, show=["H", "S", "M"])
    x = _mid_x(surf, C.PALETTE["panel"], 2, 3, len(hist))
    assert C.PALETTE["S"] in _colours_in_column(surf, x) and C.PALETTE["M"] in _colours_in_column(surf, x)


def test_dodge_spreads_only_the_series_that_share_a_value() -> None:
    assert C.dodge([[8, 8, 1], [8, 7, 1], [2, 7, 1]], 6) == [[-3, 0, -6], [3, -3, 0], [0, 3, 6]]


def test_the_saves_doc_gives_the_default_scenarios_token_count() -> None:
    # play-test: docs/SAVES.md said the tokens chart shows "the 30 tokens"; the default scenario has 24
    import re

    from game.core import load_scenario

    sc = load_scenario()
    doc = (Path(__file__).resolve().parents[2] / "docs" / "SAVES.md").read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith("| `chart_tokens.png`"))
    counts = {int(n) for n in re.findall(r"(\d+) tokens", row)}
    assert counts == {sc.tokens}, row
    assert f"${sc.token_value_bn}bn" in row


def test_the_debrief_and_transcript_count_in_words_never_with_s_in_brackets() -> None:
    # play-test: "gave up 1 concession(s)", "It probed 1 time(s)", "1 deal(s) passed"
    from game.core import load_scenario
    from game.persistence.debrief import summary_html
    from game.text import catalogue, format_line, t

    assert [k for k, v in catalogue().items() if "(s)" in v] == []  # nowhere in the catalogue
    assert t("ui.seat.facts", ip=3, spent=0, cards=1).endswith("1 card in hand.")
    assert t("ui.seat.facts", ip=3, spent=0, cards=2).endswith("2 cards in hand.")
    facts = {"vp": 2, "fund": 0, "spent": "Ana 3"}
    one = t("ui.debrief.paid.a", played=1, defect=1, **facts)
    assert "gave up 1 concession worth 2 VP and defected 1 time." in one
    more = t("ui.debrief.paid.a", played=3, defect=0, **facts)
    assert "gave up 3 concessions worth 2 VP and defected 0 times." in more
    sc = load_scenario()
    assert format_line("score.undetected_defections", ("1",), {}, sc) == "1 undetected defection"
    assert format_line("score.undetected_defections", ("2",), {}, sc) == "2 undetected defections"
    assert format_line("log.erosion", ("1",), {}, sc) == "Leverage erodes: 1 token returns to the Sanctioned Power."
    assert format_line("log.erosion", ("2",), {}, sc) == "Leverage erodes: 2 tokens return to the Sanctioned Power."
    for seed, seats in ((3, 5), (4, 3), (5, 6), (6, 4)):
        state = finished_game(seed, seats)
        d = build_debrief(state)
        said = transcript(state) + "\n".join(a for _, answers in d.answers for a in answers) + summary_html(state, d)
        assert "(s)" not in said, (seed, seats)
        # one deal and one project read in the singular
        one = state.model_copy(update={"deals": state.deals[:1], "built": state.built[:1], "fund_spent": 3})
        answers = [a for _, ans in build_debrief(one).answers for a in ans]
        if state.deals:
            assert any(a.startswith("1 deal passed:") for a in answers)
        if state.built:
            assert any("; 1 infrastructure project was built." in a for a in answers)


@pytest.mark.parametrize("probes, hits, said", [
    (0, 0, "It never probed."),
    (1, 1, "It probed once, against a weak coalition."),
    (1, 0, "It probed once, but credibility held."),
    (3, 1, "It probed 3 times, 1 of them against a weak coalition."),
])
def test_who_was_watching_says_how_often_it_probed_in_words(probes: int, hits: int, said: str) -> None:
    from game.core import Role
    from game.core.state import LogEntry

    state = finished_game(3, 5)
    log = tuple(e for e in state.log if not e.key.startswith("log.probe"))
    n = max(e.seq for e in state.log + state.private_log) + 1
    extra = tuple(LogEntry(seq=n + k, round=1, key="log.probe_hit" if k < hits else "log.probe_miss",
                           args=(Role.F.value, "1", "2")) for k in range(probes))
    watching = dict(build_debrief(state.model_copy(update={"log": log + extra})).answers)[QUESTIONS[2]]
    assert said in watching


@pytest.mark.parametrize("seats", [3, 5])
def test_the_end_screens_aggression_text_names_no_seat_run_by_the_rules(seats: int) -> None:
    # play-test: at 3 seats the end screen said the Chair loses VP, but there the Chair is run by
    # the rules and scores nothing; the text must hold at every seat count
    from game.core import Role, observe, outcome
    from game.core.rulebook import numbers_block
    from game.ui.scenes.end import epilogue_detail

    state = _ai_game_with_aggression(seats)
    detail = epilogue_detail(observe(state, None))
    assert "Chair" not in detail
    assert "Every delegation at the table but the Sanctioned Power loses VP" in detail
    # the Watching Power's gain is told only where it plays (run by the rules at 3 seats)
    assert ("the Watching Power, at the table, gains instead" in detail) == state.plays(Role.F)
    res = outcome(state)
    moved = {s.role: x.points for s in res.scores for x in s.lines if x.key == "score.epilogue_aggression"}
    playing = {r for r in state.roles if state.plays(r)}
    assert {r for r, p in moved.items() if p < 0} == playing - {Role.S, Role.F}
    assert {r for r, p in moved.items() if p > 0} == playing & {Role.F}
    assert "(a seat run by the rules scores nothing)" in numbers_block(state.scenario)


def test_the_fund_score_line_shows_a_divisor_only_when_the_scenario_divides() -> None:
    from game.core import Role
    from game.core.scoring import score_lines
    from game.text import format_line

    state = finished_game(3, 5).model_copy(update={"fund_spent": 8})
    sc = state.scenario
    for divisor, said, points in ((1, "Fund spent 8", 8), (2, "Fund spent 8 ÷ 2", 4), (3, "Fund spent 8 ÷ 3", 2)):
        s = state.model_copy(update={"scenario": sc.model_copy(
            update={"scoring": sc.scoring.model_copy(update={"a_fund_divisor": divisor})})})
        line = next(x for x in score_lines(s, Role.A) if x.key.startswith("score.fund_spent"))
        assert format_line(line.key, line.format_args(), {}, sc) == said and line.points == points


def test_the_transcript_tells_what_the_ai_delegations_said_where_the_log_did(tmp_path: Path) -> None:
    # play-test: "the debrief transcript leaves out every AI quote"; the debrief of a save (the
    # CLI) and of the end screen both pass them in, after the log line each followed
    from game.core import load_scenario, new_game
    from game.ui import showcase
    from game.ui.session import GameSession

    s = GameSession(new_game(load_scenario(), showcase.seats_for(()), 4), autosaves=False)
    while not s.state.is_over:
        s.ai_act()
    assert len(s.reasons) > 20
    save = save_game(s.state, "talk", folder=tmp_path, **s.kept())
    assert main(["debrief", str(save), "--out", str(tmp_path / "d")]) == 0
    lines = (tmp_path / "d" / "transcript.txt").read_text(encoding="utf-8").split("\n")
    at = 0
    for r in s.reasons:  # each in the order said, after the line it followed in the log
        line = f"    {s.state.seats[s.state.roles.index(r.role)].name}: “{r.text}”"
        at = lines.index(line, at) + 1
        before = next(x for x in reversed(lines[:at - 1]) if not x.startswith("    "))
        follows = next(e for e in s.state.log if e.seq == r.seq)
        assert before.strip().startswith(transcript_line(s.state, follows)), (before, r.text)
    assert transcript(s.state).count("“") == 0  # without what was said, none of it


def transcript_line(state, e) -> str:
    from game.persistence.debrief import names_of
    from game.text import format_entry

    return format_entry(e.key, e.args, e.to, names_of(state), state.scenario)
