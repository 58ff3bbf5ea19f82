"""An AI's reasons for its sealed ballot: kept sealed until the ballots are opened, then told
on the reveal (under the pointer) and, for a No that sank a motion, in the log.

Play-test: "the results show who sank a motion, never why".
"""

from __future__ import annotations

from game.core import Phase, load_scenario, new_game
from game.text import t
from game.ui import showcase
from game.ui.app import App
from game.ui.scenes.dialogs import VotesScene
from game.ui.scenes.table import TableScene
from game.ui.session import GameSession


def _ai_session(seed: int) -> GameSession:
    return GameSession(new_game(load_scenario(), showcase.seats_for(()), seed), autosaves=False)


def test_ballot_reasons_stay_sealed_until_the_reveal_then_match_the_opened_ballots() -> None:
    sank = checked = 0
    for seed in range(1, 7):
        s = _ai_session(seed)
        while not s.state.is_over:
            old_log = len(s.state.log)
            s.ai_act()
            new = s.state.log[old_log:]
            if s.state.phase == Phase.VOTE and s.sealed_why:
                # sealed: never in the log, the public reasons a save keeps, or the reveal's
                # reasons; a save keeps them marked sealed, beside the sealed ballot itself
                sealed = {b.reason for why in s.sealed_why.values() for b in why}
                checked += 1
                told = {r.text for r in s.reasons} | {n.text for n in s.notes() if not n.sealed} | {
                    b.reason for b in s.ballot_said.values()}
                assert not sealed & told, seed
                assert {n.text for n in s.notes() if n.sealed} == sealed, seed
            if not any(e.key == "log.votes_revealed" for e in new):
                continue
            assert not s.sealed_why
            ballots = dict(s.state.votes_revealed)
            motions = s.state.last_motions
            failed = {e.args[0]: e.seq for e in new if e.key.startswith("log.failed")}
            for role, ballot in ballots.items():
                for k, m in enumerate(motions):
                    why = s.ballot_said[(role, m.id)]  # every AI ballot on every motion says why
                    assert why.vote == ballot[k] and why.motion == m.id
                    assert why.reason.startswith("Yes" if ballot[k] == "Y" else "No"), why.reason
                    in_log = [r for r in s.reasons if r.seq == failed.get(str(m.id)) and r.role == role]
                    if str(m.id) in failed and ballot[k] == "N":
                        assert [r.text for r in in_log] == [why.reason]
                        sank += 1
                    else:
                        assert not in_log
    assert sank and checked, "some seeded game has an AI voting a motion down"


def test_the_reveal_tells_each_ai_ballots_reason_under_the_pointer(app: App, drawn_text: list[str]) -> None:
    def ballots_with_a_no() -> GameSession:
        for seed in range(1, 20):
            s = _ai_session(seed)
            while not s.state.is_over:
                s.take_changes()
                s.ai_act()
                if any(c.kind == "votes" for c in s.changes) and any(b.vote == "N" for b in s.ballot_said.values()):
                    return s
        raise AssertionError("no seeded game has an AI No")

    s = ballots_with_a_no()
    app.settings.ai_delay = 5.0
    table = TableScene(app, s)
    app.replace(table)
    s.changes = [c for c in s.changes if c.kind == "votes"]
    table.run_game(0.0)
    votes = app.top
    assert isinstance(votes, VotesScene)
    app.frame(1 / 60, events=[])
    assert app.top is votes
    tips = {(r.x, r.y): tip for r, tip in votes.ui.areas}
    chips = votes.chips()
    assert len(tips) == len(chips) == len(s.ballot_said)
    for role, m, ch, rect in chips:
        why = s.ballot_said[(role, m.id)]
        r = votes.ctx.r(*rect)  # over that seat's chip on that motion's row: its name and reason
        assert tips[(r.x, r.y)] == f"{votes.view.name_of(role)}: “{why.reason}”", tips
        assert ch == why.vote
    drawn_text.clear()
    votes.draw_box(app.screen, votes.box_rect())
    assert any(t("ui.votes.why_hint") in x for x in drawn_text)
    assert not any(t("ui.votes.broke_hint") in x for x in drawn_text)  # an AI keeps its word


def _agreed_then_at_the_ballot():
    """A player (the Custodian) who agreed the Sanctioned Power's Deal in bargaining, at its ballot."""
    from game.core import Role, legal_actions

    from .test_table_flow import _bargaining_on

    s = _bargaining_on(Role.H, 5, "deal", Role.S)
    assert s is not None
    s.act(next(a for a in legal_actions(s.state, Role.H) if a.verb == "accept"))
    while not (s.state.phase == Phase.VOTE and s.state.to_move == Role.H):
        if s.ai_to_move() is not None:
            s.ai_act()
            continue
        legal = legal_actions(s.state, Role.H)
        s.act(next((a for a in legal if a.verb in ("pass", "accept")), legal[0]))
    return s


def test_a_no_on_a_motion_the_player_agreed_warns_and_the_reveal_outlines_it(app: App, drawn_text: list[str]) -> None:
    # play-test: "I switched an agreed motion to No on the ballot and got no warning", and the
    # reveal did not flag the broken promise (only the log did)
    from game.core import Role, legal_actions
    from game.ui.scenes.dialogs import VoteScene

    s = _agreed_then_at_the_ballot()
    k = next(i for i, m in enumerate(s.state.motions) if Role.H in m.promised)
    table = TableScene(app, s)
    app.replace(table)
    ballot = VoteScene(app, table)
    app.push(ballot)
    for choice, warned in (("Y", False), ("N", True)):
        ballot.choice[k] = choice
        drawn_text.clear()
        ballot.draw_box(app.screen, ballot.box_rect())
        assert (t("ui.vote.breaks_promise") in drawn_text) is warned, choice
    app.pop(ballot)
    s.act(next(a for a in legal_actions(s.state, Role.H) if a.verb == "vote" and a.args[0][k] == "N"))
    app.settings.ai_delay = 5.0
    while not isinstance(app.top, VotesScene):
        if s.ai_to_move() is None and not s.changes:
            break
        table.run_game(0.0)
        app.frame(1 / 60, events=[])
    votes = app.top
    assert isinstance(votes, VotesScene)
    drawn_text.clear()
    votes.draw_box(app.screen, votes.box_rect())
    assert any(t("ui.votes.broke_hint") in x for x in drawn_text)


def test_a_promise_the_chair_switched_does_not_start_the_ballot_at_yes(app: App) -> None:
    # play-test leftover: the ballot started at Yes on a motion the player had agreed even
    # after the Chair switched its channel, when the promise no longer binds and the new terms
    # (here Redirect, Legal risk +2 a tranche) would have the court end the game
    from game.core import Channel, Role
    from game.ui.scenes.dialogs import VoteScene

    s = _agreed_then_at_the_ballot()
    k = next(i for i, m in enumerate(s.state.motions) if Role.H in m.promised)
    m = s.state.motions[k]
    redirect = m.terms.model_copy(update={"channel": Channel.REDIRECT})
    near_court = s.state.tracks.model_copy(update={"L": s.state.scenario.rules.l_court - 1})
    table = TableScene(app, s)
    app.replace(table)
    for switched, start in ((False, "Y"), (True, "N")):
        moved = m.model_copy(update={"terms": redirect, "switched": switched})
        s.state = s.state.model_copy(update={"motions": (*s.state.motions[:k], moved, *s.state.motions[k + 1:]),
                                             "tracks": near_court})
        assert VoteScene(app, table).choice[k] == start, switched


def test_a_game_saved_mid_vote_keeps_the_sealed_ballots_reasons_for_the_reveal(tmp_path) -> None:
    # leftover of a play-test: a game saved after some AI ballots were sealed, and loaded, told
    # no reason for those ballots when they were opened (the reasons lived only in the session)
    from game.core import Role
    from game.persistence import ReasonNote, load_session, save_game

    for seed in range(1, 12):
        s = GameSession(new_game(load_scenario(), showcase.seats_for((Role.M,)), seed), autosaves=False)
        while not s.state.is_over and not (s.state.phase == Phase.VOTE and s.state.to_move == Role.M and s.sealed_why):
            if s.ai_to_move() is not None:
                s.ai_act()
                continue
            legal = s.legal()
            s.act(next((a for a in legal if a.verb in ("pass", "accept")), legal[0]))
        if not s.state.is_over:
            break
    assert s.state.phase == Phase.VOTE and s.sealed_why, "a seeded game reaches a vote with AI ballots cast before the Chair's"
    path = save_game(s.state, "mid vote", folder=tmp_path, **s.kept())
    loaded = load_session(path)
    back = GameSession(loaded.state, seal=loaded.seal, autosaves=False)
    back.restore_notes(loaded.reasons)
    back.resume_streams(loaded.streams)
    def told(why):
        return {r: [(b.motion, b.vote, b.reason) for b in bs] for r, bs in why.items()}

    assert told(back.sealed_why) == told(s.sealed_why)
    assert not {b.reason for why in back.sealed_why.values() for b in why} & {r.text for r in back.reasons}
    # the debrief of the game in progress tells none of them
    from game.cli import main

    assert main(["debrief", str(path), "--out", str(tmp_path / "d")]) == 0
    words = (tmp_path / "d" / "transcript.txt").read_text(encoding="utf-8")
    assert any(r.text in words for r in back.reasons)
    assert not any(b.reason in words for why in s.sealed_why.values() for b in why)
    # a kept reason that names another ballot than the one cast is dropped, not told
    wrong = [n.model_copy(update={"action": n.action[:-1] + ("N" if n.action[-1] == "Y" else "Y")})
             if n.sealed else n for n in loaded.reasons]
    assert all(isinstance(n, ReasonNote) for n in wrong)
    other = GameSession(loaded.state, seal=loaded.seal, autosaves=False)
    other.restore_notes(wrong)
    assert not other.sealed_why
    # the reveal tells every kept reason, as it would have without the save
    ballot = next(a for a in back.legal() if a.verb == "vote")
    back.act(ballot)
    while back.state.phase == Phase.VOTE:
        back.ai_act()
    for role, why in s.sealed_why.items():
        for b in why:
            assert back.ballot_said[(role, b.motion)].reason == b.reason
