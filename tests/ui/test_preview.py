"""The deal builder's preview agrees with the real core: motions are passed in cloned games and
the tracks, Fund, Vault and Epilogue odds compared with what the preview said."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from game.core import (
    Action,
    MotionKind,
    Phase,
    Role,
    apply,
    epilogue_odds,
    legal_actions,
    new_game,
    observe,
)
from game.core.state import GameState, MotionStatus
from game.ui import showcase
from game.ui.preview import TRACKS, preview_terms


def positions(seat: Role, turn: Callable[[GameState], bool], seeds: range = range(1, 40)) -> Iterator[GameState]:
    """The seeded games (``showcase.midgame`` with ``seat`` human) that reach a moment where
    ``turn`` holds, at that moment."""
    for seed in seeds:
        st = showcase.midgame((seat,), seed=seed, until=turn)
        if turn(st):
            yield st


def turn_with(seat: Role, ok: Callable[[Action], bool], phase: Phase = Phase.PROPOSALS) -> Callable[[GameState], bool]:
    """A moment (for ``positions``): ``seat`` to move in ``phase`` with some legal action ``ok``."""
    return lambda st: st.phase == phase and st.to_move == seat and any(ok(a) for a in legal_actions(st, seat))


def pass_motion(state: GameState, args: tuple[str, ...]) -> GameState:
    """The Custodian tables ``args``; the respondent accepts; everyone votes for it (and against
    any other motion); returns the state right after the vote."""
    mine: int | None = None
    for _ in range(400):
        seat = state.to_move
        assert seat is not None
        ph = state.phase
        if ph == Phase.AGENDA:
            a = Action(seat, "agenda", (Role.H.value,))
        elif ph == Phase.PROPOSALS:
            a = Action(seat, "propose", args) if seat == Role.H and mine is None else Action(seat, "pass")
            if a.verb == "propose":
                mine = len(state.motions)
        elif ph == Phase.BARGAIN:
            b = state.bargain
            assert b is not None
            a = Action(seat, "accept") if b.motion_index == mine else Action(seat, "walk")
        elif ph == Phase.CHAIR:
            a = Action(seat, "pass")
        elif ph == Phase.VOTE:
            a = Action(seat, "vote", ("".join("Y" if k == mine else "N" for k in range(len(state.motions))),))
        else:
            return state
        assert a in legal_actions(state, seat), a
        before_vote = ph == Phase.VOTE
        state = apply(state, a)
        if before_vote and state.phase != Phase.VOTE:
            return state
    raise AssertionError("the motion never came to a vote")


def check(start: GameState, args: tuple[str, ...]) -> int:
    """Table ``args`` from ``start`` (the Custodian's proposal turn) and compare; returns 1 if checked."""
    view = observe(start, Role.H)
    a = Action(Role.H, "propose", args)
    if a not in legal_actions(start, Role.H):
        return 0
    pv = preview_terms(view, a.terms)
    after = pass_motion(start, args)
    if after.phase != Phase.COMPLIANCE or after.round != start.round:
        return 0  # the round ran on into events and drift: nothing clean to compare
    m = next(x for x in after.motions if x.proposer == Role.H and x.round == start.round)
    assert m.status == MotionStatus.PASSED, args
    for k in TRACKS:
        assert getattr(after.tracks, k) == pv.after[k], (args, k)
    assert after.fund - start.fund == pv.fund, args
    assert start.vault - after.vault == pv.tokens_out, args
    assert pv.odds_after == epilogue_odds(after.scenario, after.tracks.G, after.tracks.C)
    return 1


def test_preview_matches_the_core_for_every_channel_in_round_one(scenario) -> None:  # noqa: ANN001
    start = new_game(scenario, 5, 3)
    # the Chair sets the agenda, then the Custodian is first to propose
    start = apply(start, Action(Role.M, "agenda", (Role.H.value,)))
    assert start.to_move == Role.H
    checked = 0
    for a in legal_actions(start, Role.H):
        if a.verb == "propose" and a.args[0] in ("deal", "mobilize"):
            checked += check(start, a.args)
    assert checked >= 30


def test_preview_matches_the_core_mid_game_where_tracks_clamp(scenario) -> None:  # noqa: ANN001
    def quiet(st: GameState, legal: list[Action]) -> Action | None:
        # nobody tables anything, so the vault stays full while events and drift move the tracks
        if st.phase == Phase.PROPOSALS:
            return next(a for a in legal if a.verb == "pass")
        return None

    def later_turn(st: GameState) -> bool:
        return st.round >= 4 and st.phase == Phase.PROPOSALS and st.to_move == Role.H

    checked = 0
    for seed in (11, 12):
        mid = showcase.midgame((Role.H,), seed=seed, until=later_turn, override=quiet)
        for a in legal_actions(mid, Role.H):
            if a.verb == "propose" and a.args[0] in ("deal", "mobilize", "build"):
                checked += check(mid, a.args)
    assert checked >= 20


def test_a_settlement_preview_counts_the_escrow_it_pays_out(scenario) -> None:  # noqa: ANN001
    # play-test: the ballot said "Precedent 4 to 5, odds 4% to 10%"; the Settlement paid out 12
    # escrow tokens and left Precedent at 9 and the odds at 34%
    def settlement_turn(st: GameState) -> bool:
        return (st.phase == Phase.PROPOSALS and st.to_move == Role.H
                and any(d.escrow_tokens for d in st.deals)
                and Action(Role.H, "propose", ("settlement",)) in legal_actions(st, Role.H))

    checked = 0
    for start in positions(Role.H, settlement_turn):
        pv = preview_terms(observe(start, Role.H), Action(Role.H, "propose", ("settlement",)).terms)
        after = pass_motion(start, ("settlement",))
        assert after.is_over and after.settlement_round == start.round
        for k in TRACKS:
            assert getattr(after.tracks, k) == pv.after[k], (start.seed, k)
        assert pv.escrow_paid == sum(d.escrow_tokens for d in start.deals if d.status == "active") > 0
        assert after.released - start.released == pv.escrow_paid
        assert pv.odds_after == after.epilogue.odds
        assert pv.delta("G") > 1  # more than the Settlement's own Precedent
        checked += 1
        if checked >= 3:
            break
    assert checked >= 3


def test_a_snapback_preview_says_what_returns_to_the_vault_and_the_precedent_avoided(scenario) -> None:  # noqa: ANN001
    # play-test: a snapback of the Sanctioned Power's 12-token escrow read "no track changes"
    snapback_turn = turn_with(Role.H, lambda a: a.verb == "propose" and a.args[0] == "snapback")
    checked = 0
    for start in positions(Role.H, snapback_turn):
        a = next(a for a in legal_actions(start, Role.H) if a.verb == "propose" and a.args[0] == "snapback")
        deal = next(d for d in start.deals if str(d.id) == a.args[1])
        pv = preview_terms(observe(start, Role.H), a.terms)
        after = pass_motion(start, a.args)
        # with no escrow left to comply for, the round runs on (events, drift, erosion): the
        # Vault is compared where nothing but the snapback moved it
        m = next(x for x in (after.motions or after.last_motions) if x.proposer == Role.H)
        assert m.status == MotionStatus.PASSED
        assert pv.escrow_back == deal.escrow_tokens > 0
        said = [e for e in after.log if e.round == start.round and e.key.startswith("log.snapback")
                and str(e.args[0]) == str(deal.id)]
        assert said and said[0].key == "log.snapback_withdrawn"
        if not any(e.key == "log.erosion" for e in after.log if e.round == start.round):
            assert after.vault - start.vault == pv.escrow_back  # the core returns exactly that
        # a snapback takes back the Peace the deal's concession bought (rules version 10), no more
        withdrawn = deal.peace if deal.peace is not None else start.scenario.concession(deal.concession).p_gain
        assert pv.delta("P") == -min(withdrawn, start.tracks.P) == int(said[0].args[2]) < 0
        assert all(pv.delta(k) == 0 for k in TRACKS if k != "P")
        # the Precedent its payout would have added: the same as the deal's own preview said
        dealt = preview_terms(observe(start, Role.H), deal_terms(deal))
        assert pv.g_avoided == dealt.later_g > 0
        checked += 1
        if checked >= 2:
            break
    assert checked >= 2


def deal_terms(deal):  # noqa: ANN001, ANN201
    from game.core import MotionKind, Terms

    return Terms(kind=MotionKind.DEAL, concession=deal.concession, channel=deal.channel, tranches=deal.tranches)


def test_the_counter_builder_says_in_red_when_passing_its_terms_ends_the_game(app, drawn_text) -> None:  # noqa: ANN001
    # play-test: a counter took Legal risk from 3 to 10 (the courts collapse) with no word of it
    from game.text import t
    from tests.ui.driver import open_counter_builder

    s, table, builder = open_counter_builder(app)
    rules = s.state.scenario.rules
    s.state = s.state.model_copy(update={"tracks": s.state.tracks.model_copy(update={"L": rules.l_court - 1})})
    view = table.current_view()
    court = t("ui.preview.ends.court", limit=rules.l_court)
    seen = set()
    for tm, pay in builder.options:
        if tm.kind != builder.sel["kind"]:
            continue
        builder.sel.update({f: builder._get(tm, pay, f) for f in builder._fields()})
        lethal = preview_terms(view, tm).after["L"] >= rules.l_court
        drawn_text.clear()
        builder.draw_box(app.screen, builder.box_rect())
        assert (court in drawn_text) is lethal, tm
        seen.add(lethal)
    assert seen == {True, False}


def test_a_ballot_line_says_what_the_motion_does_to_the_peace_fund(app, scenario) -> None:  # noqa: ANN001
    # play-test: "Ballot lines leave out the Peace Fund", what a Mobilize or a Redirect is for
    from game.text import t
    from game.ui.scenes.dialogs import VoteScene
    from game.ui.scenes.table import TableScene
    from game.ui.session import GameSession

    st = apply(new_game(scenario, showcase.seats_for((Role.H,)), 3), Action(Role.M, "agenda", (Role.H.value,)))
    mob = next(a for a in legal_actions(st, Role.H) if a.verb == "propose" and a.args[0] == "mobilize")
    while not (st.phase == Phase.VOTE and st.to_move == Role.H):
        seat = st.to_move
        legal = legal_actions(st, seat)
        if st.phase == Phase.PROPOSALS:
            a = mob if seat == Role.H and not st.motions else Action(seat, "pass")
        else:
            a = next((x for x in legal if x.verb in ("accept", "pass")), legal[0])
        st = apply(st, a)
    s = GameSession(st, autosaves=False)
    table = TableScene(app, s)
    app.replace(table)
    view = table.current_view()
    pv = preview_terms(view, st.motions[0].terms)
    line, _, _ = VoteScene(app, table).preview_line(view, st.motions[0])
    assert pv.fund > 0 and t("ui.vote.fund", a=st.fund, b=st.fund + pv.fund) in line, line


def test_the_chairs_switch_says_what_the_deal_would_do_as_switched(scenario) -> None:  # noqa: ANN001
    # play-test: the switch read "Motion 101 to Redirect (2 IP)"; redirecting all 4 tranches would
    # have taken Legal risk 1 to 9 and Escalation 4 to 8, and nothing said so
    from game.core import Channel
    from game.text import t
    from game.ui import labels

    chair_turn = turn_with(Role.M, lambda a: a.verb == "switch" and a.args[1] == Channel.REDIRECT.value, Phase.CHAIR)
    checked = 0
    for st in positions(Role.M, chair_turn, range(1, 30)):
        view = observe(st, Role.M)
        red = scenario.channels[Channel.REDIRECT]
        for a in legal_actions(st, Role.M):
            if a.verb != "switch" or a.args[1] != Channel.REDIRECT.value:
                continue
            n = next(m for m in st.motions if str(m.id) == a.args[0]).terms.tranches
            tip = labels.action_tip(view, a)
            legal_after = min(10, st.tracks.L + red.L * n)
            assert t("ui.vote.track_change", track=t("ui.track.L"), a=st.tracks.L, b=legal_after) in tip, tip
            assert t("ui.vote.fund", a=st.fund, b=st.fund + red.fund * n) in tip, tip
            checked += 1
        if checked >= 2:
            break
    assert checked >= 2


def test_phased_sequencing_says_when_the_escrow_pays_out_and_what_it_adds(scenario) -> None:  # noqa: ANN001
    # play-test: played on a deal that had complied once, it paid 12 tokens out at once
    # (Precedent 0 to 4), and its tooltip said only "Play this card from your hand"
    from game.ui import labels

    phased_turn = turn_with(Role.A, lambda a: a.verb == "play" and a.args[0] == "phased")
    said = set()
    for st in positions(Role.A, phased_turn):
        for a in legal_actions(st, Role.A):
            if a.verb != "play" or a.args[0] != "phased":
                continue
            fresh = tuple(x.model_copy(update={"streak": 0}) if str(x.id) == a.args[1] else x for x in st.deals)
            for start in (st, st.model_copy(update={"deals": fresh})):  # as played, and not yet quiet
                d = start.deal(int(a.args[1]))
                tip = labels.action_tip(observe(start, Role.A), a)
                after = apply(start, a)
                paid = after.deal(d.id).status.value == "paid"
                assert (f"{d.escrow_tokens} tokens) is paid out" in tip) is paid, tip
                assert ("a round sooner" in tip) is not paid, tip
                if paid:  # the tooltip's Precedent is the core's
                    assert f"Precedent {start.tracks.G} to {after.tracks.G}" in tip, tip
                said.add(paid)
        if len(said) == 2:
            break
    assert said == {True, False}, said  # both: paid out at once, and a round sooner


def test_the_builder_warns_when_peace_rises_but_still_drifts_escalation(app, drawn_text) -> None:  # noqa: ANN001
    # play-test: the builder showed Peace 1 to 3 and Escalation 7 to 7; the Deal passed and Peace
    # 3 still drifted Escalation to 10 at the round's end: everyone lost, with no word of it
    from game.core.engine import round_end_drift
    from game.text import t
    from tests.ui.driver import open_counter_builder

    s, table, builder = open_counter_builder(app)
    sc = s.state.scenario
    rnd = max(s.state.round, sc.rules.drift_from_round)
    seen = set()
    for p, e in ((1, 7), (1, 2), (sc.rules.drift_low_p, 7)):
        s.state = s.state.model_copy(update={"round": rnd, "tracks": s.state.tracks.model_copy(update={"P": p, "E": e})})
        view = table.current_view()
        for tm, pay in builder.options:
            if tm.kind != MotionKind.DEAL:
                continue
            builder.sel.update({"kind": tm.kind} | {f: builder._get(tm, pay, f) for f in builder._fields()})
            after = preview_terms(view, tm).after
            drift = round_end_drift(sc, rnd, after["P"])
            lethal = False
            if after["P"] <= p or drift <= 0:
                said = None  # Peace does not rise, or rises out of drift: nothing to warn of
            else:
                lethal = after["E"] + drift >= sc.rules.e_loss
                said = t("ui.preview.drift_lethal" if lethal else "ui.preview.drift", p=after["P"], n=drift,
                         a=after["E"], b=min(10, after["E"] + drift), limit=sc.rules.e_loss)
            drawn_text.clear()
            builder.draw_box(app.screen, builder.box_rect())
            if said is None:
                assert not any("still drifts" in x for x in drawn_text), (p, e, tm)
            else:
                assert any(said in x for x in drawn_text), (p, e, tm, said)
            seen.add("none" if said is None else "lethal" if lethal else "drift")
    assert len(seen) >= 3, seen  # a lethal warning, a plain one, and none


def test_the_all_yes_line_counts_the_escrow_a_settlement_pays_out_for_a_deal_on_the_same_ballot() -> None:
    # play-test (twenty-seventh stop): a Deal by Escrow and a Settlement on one ballot; "If every
    # motion you vote Yes on passes" left out the Precedent the Settlement adds paying that escrow out
    from game.core import Channel, Terms, load_scenario
    from game.core.state import Motion
    from game.ui.preview import combined

    sc = load_scenario("frozen_reserve")
    deal = Terms(kind=MotionKind.DEAL, concession="prisoner_exchange", channel=Channel.ESCROW, tranches=2)
    settle = Terms(kind=MotionKind.SETTLEMENT)
    for first in (deal, deal.model_copy(update={"channel": Channel.RELEASE}),
                  deal.model_copy(update={"channel": Channel.REDIRECT})):
        st = new_game(sc, 5, 3)
        assert st.tokens_received == 0 and not st.deals
        motions = tuple(Motion(id=301 + k, round=3, proposer=Role.H, respondent=Role.S, terms=tm,
                               status=MotionStatus.AGREED, promised=(Role.H, Role.S))
                        for k, tm in enumerate((first, settle)))
        st = st.model_copy(update={"round": 3, "phase": Phase.VOTE, "to_move": st.roles[0], "motions": motions,
                                   "tracks": st.tracks.model_copy(update={"P": 8, "G": 3})})
        view = observe(st, Role.H)
        after, _ = combined(view, [first, settle])
        end = st
        while end.phase == Phase.VOTE:
            end = apply(end, Action(end.to_move, "vote", ("YY",)))
        assert end.is_over and end.settlement_round == 3, first
        assert {k: getattr(end.tracks, k) for k in TRACKS} == after, first
        if first.channel != Channel.REDIRECT:  # the Settlement adds Precedent for what was handed over
            assert after["G"] > combined(view, [first])[0]["G"] + preview_terms(view, settle).delta("G"), first
