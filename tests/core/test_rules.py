"""One test per rule and card of docs/RULES.md, each named for the situation it checks."""

from __future__ import annotations

import pytest

from game.core import (
    Action,
    IllegalActionError,
    OutcomeReason,
    Phase,
    Role,
    apply,
    epilogue_odds,
    legal_actions,
    observe,
    outcome,
)
from game.core.scenario import Scenario
from game.core.state import DealStatus, MotionStatus
from game.text import format_entry
from tests.core.helpers import (
    RULES_SCENARIO,
    act,
    calm,
    finish_round,
    game,
    pass_motion,
    run_until,
    to_phase,
    with_ip,
    with_tracks,
)


@pytest.fixture
def scenario():
    """Rule tests read numbers from the fixed design fixture, not the tuned default."""
    return RULES_SCENARIO


# ---------------------------------------------------------------- setup and seats


@pytest.mark.parametrize(
    "seats, playing, automated",
    [
        (3, {"H", "S", "A"}, {"M", "F"}),
        (4, {"H", "S", "A", "M"}, {"F"}),
        (5, {"H", "S", "A", "M", "F"}, set()),
        (6, {"H", "HP", "S", "A", "M", "F"}, set()),
    ],
)
def test_seat_count_decides_which_roles_play_and_which_the_rules_run(seats, playing, automated):
    s = game(seats)
    assert {s.role.value for s in s.seats} == playing
    assert {r.value for r in s.automated} == automated


def test_every_playing_seat_gets_one_secret_agenda_of_its_role(scenario):
    s = game(6, seed=9)
    for r in s.roles:
        a = s.agenda_of(r)
        assert a and scenario.agenda(a).role == r


def test_the_vault_starts_with_all_tokens_and_s_holds_every_concession(scenario):
    s = game()
    assert s.vault == scenario.tokens == 30
    assert s.hand(Role.S) == tuple(c.id for c in scenario.concessions)
    assert s.hand(Role.A) == ("phased", "guarantee")


def test_income_is_paid_at_the_start_of_every_round(scenario):
    s = game()
    start = {r: scenario.roles[r].start_ip + scenario.roles[r].income for r in s.roles}
    assert {r: s.ip_of(r) for r in s.roles} == start
    s2 = finish_round(s)
    for r in s.roles:
        assert s2.ip_of(r) >= s.ip_of(r) - 0  # nobody spent anything in an idle round
    assert s2.ip_of(Role.H) == s.ip_of(Role.H) + scenario.roles[Role.H].income


def test_keeping_the_vault_frozen_earns_a_windfall_each_round():
    s = game()
    assert s.fund == 1
    assert finish_round(s).fund == 2


def test_no_windfall_once_the_vault_is_below_fifteen():
    s = game().model_copy(update={"vault": 12, "returned": 18})
    s = finish_round(s)
    assert s.fund == 1  # only round 1's windfall


def test_wrong_roles_for_the_seat_count_are_refused(scenario):
    from game.core import SeatConfig, new_game

    seats = [SeatConfig(role=Role(r), name=r) for r in ("H", "S", "M")]
    with pytest.raises(IllegalActionError, match="3-seat table"):
        new_game(scenario, seats, 1)


# ---------------------------------------------------------------- proposals


def test_the_chair_sets_who_proposes_first_and_order_goes_round_the_table():
    s = act(game(), "M agenda A")
    assert s.order == (Role.A, Role.M, Role.F, Role.H, Role.S)
    assert s.to_move == Role.A


def test_a_rules_run_chair_rotates_the_first_proposer_each_round():
    # over the seats that play: the rules-run Watching Power tables nothing, and counted it gave
    # the Custodian a second lead in round 4 (play-test); it keeps its place in the order
    s = with_tracks(game(3), P=5, E=0)  # no drift: six rounds without an end
    firsts = []
    for _ in range(6):
        assert s.phase == Phase.PROPOSALS
        firsts.append(s.order[0])
        assert Role.F in s.order and set(s.order) == {Role.H, Role.S, Role.A, Role.F}
        s = finish_round(s)
    assert firsts == [Role.H, Role.S, Role.A] * 2
    # and the log says so each round, as it does a Chair's choice (play-test: at 3 seats nothing did)
    said = [e.args[0] for e in s.log if e.key == "log.agenda_rules"]
    assert said == [r.value for r in firsts] + [s.order[0].value] and not any(e.to for e in s.log
                                                                              if e.key == "log.agenda_rules")


def test_tabling_a_motion_costs_one_influence():
    s = act(game(), "M agenda H")
    before = s.ip_of(Role.H)
    s = act(s, "H propose deal prisoner_exchange escrow 1")
    assert s.ip_of(Role.H) == before - 1
    assert s.ip_spent[s.idx(Role.H)] == 1


def test_the_frontline_state_cannot_table_a_deal():
    s = act(game(), "M agenda A")
    with pytest.raises(IllegalActionError, match="cannot table a deal"):
        apply(s, Action.parse("A propose deal prisoner_exchange release 1"))


def test_a_deal_needs_at_least_the_concessions_minimum_tranches():
    s = act(game(), "M agenda H")
    with pytest.raises(IllegalActionError):
        apply(s, Action.parse("H propose deal zone_withdrawal release 3"))
    act(s, "H propose deal zone_withdrawal release 4")


def test_settlement_can_only_be_tabled_at_peace_eight():
    s = act(game(), "M agenda H")
    with pytest.raises(IllegalActionError, match="Peace is 8"):
        apply(s, Action.parse("H propose settlement"))
    s8 = with_tracks(s, P=8)
    assert Action.parse("H propose settlement") in legal_actions(s8, Role.H)


def test_a_motion_on_the_table_can_not_be_tabled_twice_in_a_round():
    s = act(game(), "M agenda H", "H propose deal local_ceasefire escrow 1")
    assert not any("local_ceasefire" in str(a) for a in legal_actions(s, Role.S))


# ---------------------------------------------------------------- bargaining


def _to_bargain():
    s = act(game(), "M agenda H", "H propose deal local_ceasefire release 2")
    return run_until(s, lambda x: x.phase != Phase.PROPOSALS)


def test_the_respondent_to_a_custodian_deal_is_the_sanctioned_power():
    s = _to_bargain()
    assert s.phase == Phase.BARGAIN and s.to_move == Role.S


def test_accepting_a_counter_changes_the_terms_and_pays_the_side_payment_at_once():
    s = _to_bargain()
    s = act(s, "S counter deal local_ceasefire escrow 3 pay -1")  # S asks H for 1 IP
    h_before, s_before = s.ip_of(Role.H), s.ip_of(Role.S)
    s = act(s, "H accept")
    m = s.motions[0]
    assert m.status == MotionStatus.AGREED
    assert (m.terms.channel.value, m.terms.tranches) == ("escrow", 3)
    assert s.ip_of(Role.H) == h_before - 1 and s.ip_of(Role.S) == s_before + 1
    assert set(m.promised) == {Role.H, Role.S}


def test_walking_away_sends_the_motion_to_the_vote_as_tabled():
    s = act(_to_bargain(), "S counter deal local_ceasefire escrow 3 pay 0", "H walk")
    m = s.motions[0]
    assert m.status == MotionStatus.WALKED
    assert (m.terms.channel.value, m.terms.tranches) == ("release", 2)


def test_after_three_exchanges_only_accept_or_walk_remain():
    s = act(
        _to_bargain(),
        "S counter deal local_ceasefire escrow 3 pay 0",
        "H counter deal local_ceasefire escrow 2 pay 0",
        "S counter deal local_ceasefire escrow 1 pay 0",
    )
    assert {a.verb for a in legal_actions(s, Role.H)} == {"accept", "walk"}


def test_an_offer_whose_payer_cannot_pay_cannot_be_accepted():
    s = _to_bargain()
    s = act(s, "S counter deal local_ceasefire escrow 3 pay -2")
    s = with_ip(s, H=1)
    assert Action.parse("H accept") not in legal_actions(s, Role.H)


def test_the_chair_may_switch_a_deals_channel_for_two_ip():
    s = act(_to_bargain(), "S accept")
    assert s.phase == Phase.CHAIR
    before = s.ip_of(Role.M)
    s = act(s, "M switch 101 escrow")
    assert s.motions[0].terms.channel.value == "escrow" and s.motions[0].switched
    assert s.ip_of(Role.M) == before - 2
    assert s.phase == Phase.VOTE  # once a round


# ---------------------------------------------------------------- votes


def test_ballots_stay_sealed_until_every_voter_has_cast():
    s = act(_to_bargain(), "S accept", "M pass", "H vote Y")
    v = observe(s, Role.A)
    assert v.voted == (Role.H,) and v.own_ballot == ""
    assert "vote Y" not in v.model_dump_json()
    assert observe(s, Role.H).own_ballot == "Y"
    s = act(s, "S vote Y", "A vote N", "M vote N")
    assert dict(s.votes_revealed) == {Role.H: "Y", Role.S: "Y", Role.A: "N", Role.M: "N"}


def test_a_tie_is_broken_by_the_chairs_vote():
    s = act(_to_bargain(), "S accept", "M pass", "H vote Y", "S vote N", "A vote N", "M vote Y")
    assert s.last_motions[0].status == MotionStatus.PASSED


def test_an_asset_motion_fails_without_the_custodians_yes_even_with_a_majority():
    s = act(_to_bargain(), "S accept", "M pass", "H vote N", "S vote Y", "A vote Y", "M vote Y")
    assert s.last_motions[0].status == MotionStatus.FAILED


def test_a_failed_deal_costs_the_proposer_and_the_sanctioned_power_one_ip_each():
    s = calm(act(_to_bargain(), "S walk", "M pass"))
    h, sp = s.ip_of(Role.H), s.ip_of(Role.S)
    s = act(s, "H vote N", "S vote N", "A vote N", "M vote N")
    assert s.round == 2  # the next round's income (3 each) has been paid too
    assert (s.ip_of(Role.H), s.ip_of(Role.S)) == (h - 1 + 3, sp - 1 + 3)


def test_voting_against_an_agreed_motion_is_recorded_as_a_broken_promise():
    s = act(_to_bargain(), "S accept", "M pass", "H vote Y", "S vote N", "A vote Y", "M vote Y")
    assert s.broken_promises == ((101, Role.S),)


def test_a_no_on_a_motion_the_chair_switched_breaks_no_promise():
    # play-test: the Sanctioned Power agreed to a deal by Escrow, the Chair switched it to
    # Redirect, and its No was logged as "agreed to motion 301 and then voted against it"
    s = act(_to_bargain(), "S accept", "M switch 101 escrow")
    s = act(s, "H vote Y", "S vote N", "A vote Y", "M vote Y")
    assert s.broken_promises == ()
    assert not any(e.key == "log.broken_promise" for e in s.log)


def _settlement_at_the_vote():
    """The Custodian's Settlement, agreed in bargaining, with the ballots about to be cast."""
    s = with_tracks(act(game(), "M agenda H"), P=8)
    s = act(s, "H propose settlement")
    s = run_until(s, lambda x: x.phase != Phase.PROPOSALS)
    s = act(s, "S accept")
    return run_until(s, lambda x: x.phase == Phase.VOTE)


def test_settlement_needs_the_yes_of_both_frontline_and_sanctioned():
    s = act(_settlement_at_the_vote(), "H vote Y", "S vote Y", "A vote N", "M vote Y")
    assert s.last_motions[0].status == MotionStatus.FAILED and not s.is_over
    # the log says whose yes it needed, not only the count (play-test)
    failed = [e for e in s.log if e.key.startswith("log.failed")]
    assert [(e.key, e.args) for e in failed] == [("log.failed_needed", (str(s.last_motions[0].id), "3", "1", "A"))]
    assert format_entry(failed[0].key, failed[0].args, (), {"A": "Frontline State"}, s.scenario).endswith(
        "fails (3 for, 1 against): it needed a Yes from Frontline State.")


def test_a_motion_voted_down_by_a_majority_is_logged_with_the_count_alone():
    # a tie the Chair broke, every needed yes given
    s = act(_settlement_at_the_vote(), "H vote N", "S vote Y", "A vote Y", "M vote N")
    failed = [e for e in s.log if e.key.startswith("log.failed")]
    assert [e.key for e in failed] == ["log.failed"]


# ---------------------------------------------------------------- channels


def test_release_moves_tokens_to_the_sanctioned_power_and_costs_credibility():
    s = pass_motion(game(), "H", "deal local_ceasefire release 2")
    assert (s.vault, s.released) == (24, 6)
    assert (s.tracks.C, s.tracks.G, s.tracks.P) == (5, 2, 3)
    assert s.concession_vp == 1 and "local_ceasefire" in s.played
    assert "local_ceasefire" not in s.hand(Role.S)


def test_redirect_fills_the_peace_fund_and_raises_legal_risk():
    s = pass_motion(game(), "H", "deal prisoner_exchange redirect 2")
    assert (s.vault, s.redirected) == (24, 6)
    assert s.fund == 1 + 6
    assert (s.tracks.C, s.tracks.L, s.tracks.G, s.tracks.E) == (9, 5, 0, 6)
    assert s.redirected_tranches == 2


def test_mobilize_redirects_tranches_without_a_concession():
    s = pass_motion(calm(game()), "H", "mobilize 1")
    assert s.round == 2  # no deal to comply with: the round ran on
    assert (s.redirected, s.fund, s.tracks.L) == (3, 1 + 3 + 3 + 1, 3)
    assert s.deals == ()


def test_escrow_pays_out_after_two_straight_comply_rounds_with_precedent():
    s = pass_motion(calm(game()), "H", "deal prisoner_exchange escrow 2")
    assert s.escrow == 6 and s.tracks.G == 0
    s = act(s, "S comply C")
    assert s.deal(1).status == DealStatus.ACTIVE and s.released == 0
    s = to_phase(s, Phase.COMPLIANCE)
    assert s.round == 2
    s = act(s, "S comply C")
    assert s.deal(1).status == DealStatus.PAID
    assert (s.released, s.escrow, s.tracks.G) == (6, 0, 2)


def test_escrow_paid_under_monitors_sets_no_precedent():
    s = pass_motion(calm(game()), "H", "deal prisoner_exchange escrow 2")
    s = s.model_copy(update={"built": ("monitors",)})
    s = act(s, "S comply C")
    s = to_phase(s, Phase.COMPLIANCE)
    s = act(s, "S comply C")
    assert s.released == 6 and s.tracks.G == 0


def test_phased_sequencing_makes_escrow_pay_after_one_round():
    s = pass_motion(calm(game()), "H", "deal prisoner_exchange escrow 1")
    s = act(s, "S comply C")
    assert s.round == 2 and s.phase == Phase.AGENDA
    s = act(s, "M agenda A", "A play phased 1")
    assert s.deal(1).status == DealStatus.PAID and s.released == 3
    assert "phased" not in s.hand(Role.A)


def test_release_and_redirect_deals_complete_after_the_watch_rounds():
    s = pass_motion(calm(game()), "H", "deal prisoner_exchange release 1")
    s = act(s, "S comply C")
    s = to_phase(s, Phase.COMPLIANCE)
    s = act(s, "S comply C")
    assert s.deal(1).status == DealStatus.COMPLETED and s.pending_compliance == ()


def test_snapback_motion_returns_a_deals_escrow_to_the_vault_and_its_concession_is_withdrawn():
    s = pass_motion(calm(game()), "H", "deal weapons_pullback escrow 2")
    s = act(s, "S comply C")
    before = s.tracks.P
    s = pass_motion(s, "H", "snapback 1")
    assert s.deal(1).status == DealStatus.SNAPPED and s.vault == 30 and s.escrow == 0
    # the relief taken back, the Peace it bought goes too (play-test: a free line for the Custodian)
    assert s.tracks.P == before - s.scenario.concession("weapons_pullback").p_gain
    assert any(e.key == "log.snapback_withdrawn" and e.args[0] == "1" for e in s.log)
    # only what the concession added: at Peace 9 a Weapons pullback (2) added 1, and 1 goes back
    s = pass_motion(with_tracks(calm(game()), P=9), "H", "deal weapons_pullback escrow 2")
    assert s.tracks.P == 10 and s.deal(1).peace == 1
    s = act(s, "S comply C")
    s = pass_motion(with_tracks(s, P=10), "H", "snapback 1")
    assert s.tracks.P == 9


# ---------------------------------------------------------------- compliance


def _defect_before(seed: int, built: tuple[str, ...] = ()):
    s = pass_motion(game(seed=seed), "H", "deal prisoner_exchange escrow 2")
    return s.model_copy(update={"built": built})


def _defect(seed: int, built: tuple[str, ...] = ()):
    return act(_defect_before(seed, built), "S comply D")


def test_a_defection_raises_escalation():
    s0 = pass_motion(with_tracks(calm(game()), P=4), "H", "deal prisoner_exchange escrow 2")  # P 5 after
    s = act(s0, "S comply D")  # calm: no drift and a harmless event, whether or not detected
    assert s.tracks.E == s0.tracks.E + 1 and s.defections == 1


def test_with_monitors_every_defection_is_detected_and_escrow_snaps_back():
    for seed in range(6):
        s = _defect(seed, built=("monitors",))
        assert s.detected_defections == 1 and s.undetected_defections == 0
        assert s.deal(1).status == DealStatus.BROKEN and s.vault == 30
        assert s.phase == Phase.REIMPOSE and s.to_move == Role.H


def test_without_monitors_detection_depends_on_a_seeded_die():
    outcomes = {(_defect(seed).detected_defections) for seed in range(40)}
    assert outcomes == {0, 1}
    assert _defect(7).detected_defections == _defect(7).detected_defections


def test_a_detected_defection_says_the_roll_and_snaps_back_escrow_only_where_there_is_some():
    # play-test: "detected (roll); its escrow snaps back" with no number, said of a Release deal
    detect_on = game().scenario.rules.detect_on
    for channel, key in (("escrow", "log.defection_detected"), ("release", "log.defection_detected_open")):
        for seed in range(40):
            s = pass_motion(game(seed=seed), "H", f"deal prisoner_exchange {channel} 2")
            s = act(s, "S comply D")
            if s.detected_defections:
                break
        else:
            raise AssertionError(f"no seed detects a defection on a {channel} deal")
        line = next(e for e in s.log if e.key.startswith("log.defection_detected"))
        assert line.key == key and line.args[0] == "1"
        roll = int(line.args[1].removeprefix("a roll of "))
        assert detect_on <= roll <= 6
        s = pass_motion(game(seed=0), "H", f"deal prisoner_exchange {channel} 2")
        s = act(s.model_copy(update={"built": ("monitors",)}), "S comply D")
        line = next(e for e in s.log if e.key.startswith("log.defection_detected"))
        assert line.key == key and line.args[1] == "the monitors"


def test_the_log_says_the_compliance_choices_were_made_before_what_they_led_to():
    # facilitator play-test: the transcript read "A defection on deal 1 is detected" before "The
    # Sanctioned Power has made its compliance choices"
    s = _defect(0, built=("monitors",))
    keys = [e.key for e in sorted(s.log + s.private_log, key=lambda e: e.seq) if e.round == s.round]
    assert keys.index("log.compliance_done") < keys.index("log.defection_detected") < keys.index("log.compliance_escalation")


def test_an_undetected_defection_is_secret_scores_for_s_and_counts_as_compliance():
    seed = next(k for k in range(60) if _defect(k).undetected_defections == 1)
    s = _defect(seed)
    # its Escalation is public all the same, and the log says where it came from (hot-seat
    # play-test: an unseen defection's +1 and an event's +4 took Escalation from 5 to 10 unexplained)
    e0 = _defect_before(seed).tracks.E
    line = next(e for e in observe(s, Role.H).full_log() if e.key == "log.compliance_escalation")
    assert line.args == ("1", str(e0), str(e0 + 1)) and not line.to
    assert s.deal(1).streak == 1
    assert observe(s, Role.H).undetected_defections is None
    assert observe(s, Role.H).secret_defections == ()
    assert observe(s, Role.S).undetected_defections == 1
    assert not any(e.key == "log.defection_hidden" for e in observe(s, Role.H).full_log())


def test_reimposing_costs_the_custodian_one_ip_and_restores_credibility():
    s = calm(_defect(0, built=("monitors",)))
    c, ip = s.tracks.C, s.ip_of(Role.H)
    s = act(s, "H reimpose")
    assert (s.tracks.C, s.ip_of(Role.H)) == (c + 1, ip - 1 + 3)  # and the next round's income


def test_looking_away_costs_two_credibility():
    s = _defect(0, built=("monitors",))
    c = s.tracks.C
    assert act(s, "H lookaway").tracks.C == c - 2


def test_a_custodian_without_ip_can_only_look_away():
    s = with_ip(_defect(0, built=("monitors",)), H=0)
    assert [a.verb for a in legal_actions(s, Role.H)] == ["lookaway"]


# ---------------------------------------------------------------- drift, erosion


def test_low_peace_drifts_escalation_up():
    s = game()
    s = s.model_copy(update={"event_deck": ("donor_conference",) + s.event_deck})
    assert finish_round(s).tracks.E == s.tracks.E + 1


def test_high_peace_drifts_escalation_down():
    s = with_tracks(game(), P=6)
    s = s.model_copy(update={"event_deck": ("donor_conference",) + s.event_deck})
    assert finish_round(s).tracks.E == s.tracks.E - 1


def _round5(seed: int = 1):
    s = game(seed=seed)
    s = s.model_copy(update={"round": 5, "event_deck": ("donor_conference",) * 14})
    return with_tracks(s, P=5)  # no drift


def test_from_round_five_leverage_erodes_two_tokens_a_round():
    s = to_phase(_round5(), Phase.EROSION)
    s = act(s, "H letgo")
    assert (s.vault, s.returned, s.round) == (28, 2, 6)


def test_the_custodian_may_pay_two_ip_to_stop_erosion():
    s = to_phase(_round5(), Phase.EROSION)
    ip = s.ip_of(Role.H)
    s = act(s, "H hold")
    assert s.vault == 30 and s.ip_of(Role.H) == ip - 2 + 3  # new round's income


def test_no_erosion_before_round_five():
    s = game().model_copy(update={"round": 4})
    s = finish_round(s)
    assert s.returned == 0


# ---------------------------------------------------------------- cards


def test_security_guarantee_costs_the_custodian_two_ip_for_one_peace():
    s = act(game(), "M agenda A")
    ip, p = s.ip_of(Role.H), s.tracks.P
    s = act(s, "A play guarantee")
    assert (s.ip_of(Role.H), s.tracks.P) == (ip - 2, p + 1)
    assert s.to_move == Role.A  # playing a card does not end the turn


@pytest.mark.parametrize(
    "infra, track, delta",
    [("hotline", "E", -2), ("demining", "P", 2), ("claims", "L", -3), ("secretariat", "P", 1)],
)
def test_building_infrastructure_spends_the_fund_and_applies_its_effect(infra, track, delta, scenario):
    s = calm(game())
    s = with_tracks(s, L=5, E=5)
    s = s.model_copy(update={"fund": 10, "infra_row": (infra, "hotline", "demining")})
    before = getattr(s.tracks, track)
    s = pass_motion(s, "A", f"build {infra}")
    assert infra in s.built
    assert getattr(s.tracks, track) == before + delta
    # the round ran on: a donor conference (+3) and the next windfall (+1)
    assert s.fund == 10 - scenario.infra(infra).cost + 4 and s.fund_spent == scenario.infra(infra).cost


def test_a_secretariat_pays_the_chair_one_extra_ip_every_round():
    s = calm(game()).model_copy(update={"built": ("secretariat",)})
    m = s.ip_of(Role.M)
    assert finish_round(s).ip_of(Role.M) == m + 3 + 1


def test_monitors_can_only_be_built_after_admit_monitors_is_played():
    s = game().model_copy(update={"fund": 10, "infra_row": ("monitors", "hotline", "claims")})
    s = act(s, "M agenda A")
    assert Action.parse("A propose build monitors") not in legal_actions(s, Role.A)
    s2 = s.model_copy(update={"played": ("admit_monitors",)})
    assert Action.parse("A propose build monitors") in legal_actions(s2, Role.A)


# ---------------------------------------------------------------- the Watching Power


def test_a_probe_against_low_credibility_raises_escalation_and_scores():
    s = with_tracks(act(game(), "M agenda F"), C=4)
    s = act(s, "F probe")
    assert s.tracks.E == 5 and s.probe_vp == 2


def test_a_probe_against_high_credibility_costs_the_watcher_a_point():
    s = act(act(game(), "M agenda F"), "F probe")
    assert s.tracks.E == 4 and s.probe_vp == -1


def test_a_rules_run_watcher_probes_whenever_credibility_is_four_or_less():
    s = with_tracks(game(4), C=4)
    s = act(s, "M agenda S")  # F's turn comes after A and M... run the round's proposals
    s = run_until(s, lambda x: x.phase != Phase.PROPOSALS)
    assert s.probe_vp == 2


def test_the_watcher_may_give_influence_to_another_seat():
    s = act(game(), "M agenda F")
    f, a = s.ip_of(Role.F), s.ip_of(Role.A)
    s = act(s, "F gift A 2")
    assert (s.ip_of(Role.F), s.ip_of(Role.A)) == (f - 2, a + 2)


# ---------------------------------------------------------------- events


def _event(eid: str, **setup):
    s = game()
    upd = {"event_deck": (eid,) + tuple(e for e in s.event_deck if e != eid)}
    upd.update({k: v for k, v in setup.items() if k not in "PCLGE"})
    s = s.model_copy(update=upd)
    s = with_tracks(s, **{k: v for k, v in setup.items() if k in "PCLGE"})
    return s, finish_round(s)


def _delta(before, after, t):
    return getattr(after.tracks, t) - getattr(before.tracks, t)


def test_event_battlefield_shock_raises_escalation_by_two():
    b, a = _event("battlefield_shock", P=5)
    assert _delta(b, a, "E") == 2


def test_event_court_challenge_bars_asset_motions_next_round_when_the_die_allows():
    banned = 0
    for seed in range(30):
        s = game(seed=seed)
        s = with_tracks(s.model_copy(update={"event_deck": ("court_challenge",)}), L=9, P=5)
        s = finish_round(s)
        if s.asset_ban_round == 2:
            banned += 1
            s = act(s, "M agenda H")
            assert not any(a.args[:1] == ("deal",) for a in legal_actions(s, Role.H))
    assert 0 < banned < 30


def test_event_court_challenge_does_nothing_below_legal_risk_five():
    b, a = _event("court_challenge", L=4, P=5)
    assert a.asset_ban_round == 0


def _said_after(after, eid: str) -> list[str]:
    """The public log lines that followed the event's draw in its round, as the table reads them."""
    from game.text import format_line

    names = {r.value: after.name_of(r) for r in after.roles}
    log = sorted(after.log, key=lambda e: e.seq)
    k = next(i for i, e in enumerate(log) if e.key == "log.event" and e.args == (eid,))
    return [format_line(e.key, e.args, names, after.scenario) for e in log[k + 1:] if e.round == log[k].round]


def test_the_court_challenge_log_says_the_roll_against_legal_risk_and_what_it_bars():
    # found in play: the log said nothing of whether the challenge took effect or why
    from game.core.scenario import ASSET_MOTIONS
    from game.text import t

    seen = set()
    for seed in range(30):
        s = game(seed=seed)
        s = with_tracks(s.model_copy(update={"event_deck": ("court_challenge",)}), L=9, P=5)
        a = finish_round(s)
        said = [x for x in _said_after(a, "court_challenge") if "court challenge" in x]
        assert len(said) == 1, said
        roll = int(said[0].split("the d6 rolled ")[1].split(",")[0])
        if a.asset_ban_round == 2:
            assert roll <= 5
            assert said[0] == (f"The court challenge succeeds: the d6 rolled {roll}, at most 5 (Legal risk 9 minus 4). "
                               "No Deal, Mobilize or Snapback may be tabled next round.")
            assert all(t(f"ui.kind.{k.value}") in said[0] for k in ASSET_MOTIONS)  # every barred motion named
        else:
            assert roll == 6
            assert said[0] == ("The court challenge fails: the d6 rolled 6, more than 5 (Legal risk 9 minus 4). "
                               "Asset motions may be tabled next round as usual.")
        seen.add(a.asset_ban_round)
    assert seen == {0, 2}


def test_a_court_challenge_below_its_legal_risk_says_it_went_nowhere():
    b, a = _event("court_challenge", L=4, P=5)
    assert ("The court challenge goes nowhere: Legal risk is 4, below the 5 a challenge needs. "
            "Asset motions may be tabled next round as usual.") in _said_after(a, "court_challenge")


def test_the_humanitarian_crisis_log_says_whether_the_fund_paid():
    # found in play: no log line said what the crisis did
    b, a = _event("humanitarian_crisis", fund=3, P=5)
    assert "The Peace Fund pays 3 for relief: Peace +1." in _said_after(a, "humanitarian_crisis")
    b, a = _event("humanitarian_crisis", fund=2, P=5)
    assert ("The Peace Fund holds 2, less than the 3 relief needs: nothing is paid, Peace -1."
            in _said_after(a, "humanitarian_crisis"))
    # the change said is the change made (play-test: "Peace +1" at Peace 10)
    b, a = _event("humanitarian_crisis", fund=3, P=10)
    assert ("The Peace Fund pays 3 for relief; Peace stays at 10, as high as it goes."
            in _said_after(a, "humanitarian_crisis"))


def test_event_competing_creditors_raises_legal_risk_per_six_tokens_outside_the_vault():
    b, a = _event("competing_creditors", vault=18, returned=12, P=5)
    assert _delta(b, a, "L") == 2
    assert "12 tokens are outside the Vault: Legal risk +2." in _said_after(a, "competing_creditors")


def test_event_renewal_vote_is_paid_by_the_custodian_and_its_richest_ally():
    b, a = _event("renewal_vote", P=5)
    assert a.vault == 30
    assert a.ip_of(Role.H) == b.ip_of(Role.H) - 1 + 3
    assert a.ip_of(Role.M) == b.ip_of(Role.M) - 1 + 3  # the Chair is richer than A


def test_event_renewal_vote_without_the_money_returns_tokens_and_costs_credibility():
    s = with_ip(game(), H=0)
    s = with_tracks(s.model_copy(update={"event_deck": ("renewal_vote",)}), P=5)
    a = finish_round(s)
    assert (a.vault, a.returned, a.tracks.C) == (27, 3, 6)


@pytest.mark.parametrize("h_ip", [6, 0])
def test_event_renewal_vote_with_an_empty_vault_costs_nobody_anything(h_ip):
    # found in play: with nothing left frozen, the Custodian still paid to "renew" the freeze
    s = with_ip(game(), H=h_ip)
    s = with_tracks(s.model_copy(update={"event_deck": ("renewal_vote",), "vault": 0, "released": 30}), P=5)
    a = finish_round(s)
    assert a.ip_of(Role.H) == h_ip + 3 and a.ip_of(Role.M) == s.ip_of(Role.M) + 3  # income only
    assert (a.vault, a.returned, a.tracks.C) == (0, 0, s.tracks.C)
    assert "The Vault is empty, so there is no freeze left to renew: nobody pays." in _said_after(a, "renewal_vote")


def test_a_hotline_blocking_the_cyber_attack_is_said_in_the_log():
    # found in play: the card said "E +2 unless a Hotline is built" and nothing said what happened
    b = with_tracks(game().model_copy(update={"built": ("hotline",), "event_deck": ("cyber_attack",)}), P=5)
    a = finish_round(b)
    assert a.tracks.E == b.tracks.E
    rise = next(e.delta for e in a.scenario.event("cyber_attack").effects if e.key == "E")
    assert f"Hotline is built: Escalation +{rise} does not happen." in _said_after(a, "cyber_attack")
    _, a = _event("cyber_attack", P=5)
    assert not any("does not happen" in line for line in _said_after(a, "cyber_attack"))


def test_event_market_shock_drains_the_fund_and_pays_the_sanctioned_power():
    b, a = _event("market_shock", fund=5, P=5)
    assert a.fund == 5 - 2 + 1  # next round's windfall
    assert a.ip_of(Role.S) == b.ip_of(Role.S) + 1 + 3


@pytest.mark.parametrize("c, change", [(5, -2), (6, 1)])
def test_event_election_cycle_punishes_a_custodian_with_low_credibility(c, change):
    b, a = _event("election_cycle", C=c, P=5)
    assert a.ip_of(Role.H) == b.ip_of(Role.H) + change + 3


def test_event_humanitarian_crisis_is_met_from_the_fund_when_it_can():
    b, a = _event("humanitarian_crisis", fund=3, P=5)
    assert _delta(b, a, "P") == 1 and a.fund_spent == 3


def test_event_humanitarian_crisis_costs_peace_when_the_fund_is_short():
    b, a = _event("humanitarian_crisis", fund=2, P=5)
    assert _delta(b, a, "P") == -1


def test_event_leak_costs_credibility_and_adds_legal_risk():
    b, a = _event("leak", P=5)
    assert (_delta(b, a, "C"), _delta(b, a, "L")) == (-1, 1)


def test_event_mediation_offer_adds_peace_and_pays_the_chair():
    b, a = _event("mediation_offer", P=5)
    assert _delta(b, a, "P") == 1 and a.ip_of(Role.M) == b.ip_of(Role.M) + 1 + 3


def test_event_sanctions_evasion_pays_the_sanctioned_power_and_costs_credibility():
    b, a = _event("sanctions_evasion", P=5)
    assert _delta(b, a, "C") == -1 and a.ip_of(Role.S) == b.ip_of(Role.S) + 2 + 3


def test_event_donor_conference_fills_the_fund():
    b, a = _event("donor_conference", P=5)
    assert a.fund == b.fund + 3 + 1


def test_event_diplomatic_thaw_cools_escalation_and_adds_peace():
    b, a = _event("diplomatic_thaw", P=4)
    # P 4 -> 5 by the event, so no drift follows
    assert (_delta(b, a, "E"), _delta(b, a, "P")) == (-1, 1)


def test_event_cyber_attack_escalates_unless_a_hotline_is_built():
    b, a = _event("cyber_attack", P=5)
    assert _delta(b, a, "E") == 1 and a.ip_of(Role.H) == b.ip_of(Role.H) - 1 + 3
    b, a = _event("cyber_attack", P=5, built=("hotline",))
    assert _delta(b, a, "E") == 0


def test_event_favourable_ruling_lowers_legal_risk():
    b, a = _event("favourable_ruling", L=5, P=5)
    assert _delta(b, a, "L") == -2


def test_the_scenario_has_fourteen_distinct_events(scenario):
    assert len({e.id for e in scenario.events}) == 14


# ---------------------------------------------------------------- end of game


def test_a_passed_settlement_ends_the_game_with_precedent_if_s_received_tokens():
    s = pass_motion(calm(game()), "H", "deal prisoner_exchange release 1")
    s = act(s, "S comply C")
    g = s.tracks.G
    s = with_tracks(s, P=8)
    s = pass_motion(s, "H", "settlement")
    assert s.is_over and s.outcome_reason == OutcomeReason.SETTLEMENT
    assert s.tracks.G == g + 1 and s.settlement_round == 2
    assert outcome(s).reason == OutcomeReason.SETTLEMENT


def _escrow_then_settle(sc=None):
    """A 2-tranche escrow deal passes and is complied with once (still held), then a Settlement."""
    s = pass_motion(calm(game(scenario=sc)), "H", "deal frontline_freeze escrow 2")
    s = act(s, "S comply C")
    assert s.escrow == 6 and s.released == 0
    g = s.tracks.G
    s = pass_motion(with_tracks(s, P=8), "H", "settlement")
    assert s.is_over and s.outcome_reason == OutcomeReason.SETTLEMENT
    return s, g


def test_a_settlement_pays_out_the_escrow_still_held_with_its_precedent():
    s, g = _escrow_then_settle()
    assert s.escrow == 0 and s.released == 6 and s.vault == RULES_SCENARIO.tokens - 6
    # +1 per escrow tranche paid, then +1 because the Sanctioned Power has now received tokens
    assert s.tracks.G == g + 2 + 1
    deal = s.deals[0]
    assert deal.status == DealStatus.PAID and deal.escrow_tokens == 0
    assert outcome(s).score(Role.S) >= 6 - RULES_SCENARIO.concession("frontline_freeze").cost_vp


def test_a_scenario_may_leave_escrow_unpaid_at_a_settlement():
    d = RULES_SCENARIO.model_dump(mode="json")
    d["escrow"]["pays_at_settlement"] = False
    s, g = _escrow_then_settle(Scenario.model_validate(d))
    assert s.escrow == 6 and s.released == 0 and s.tracks.G == g


def test_escalation_reaching_ten_is_a_shared_loss_with_no_winner_and_no_epilogue():
    s = with_tracks(game(), E=9)
    s = s.model_copy(update={"event_deck": ("battlefield_shock",)})
    s = finish_round(s)
    assert s.is_over and s.outcome_reason == OutcomeReason.SHARED_LOSS
    res = outcome(s)
    assert res.winners == () and res.epilogue is None


def test_legal_risk_reaching_ten_makes_a_court_return_the_vault():
    s = with_tracks(game(), L=8)
    s = pass_motion(s, "H", "mobilize 1")
    assert s.is_over and s.outcome_reason == OutcomeReason.COURT_COLLAPSE
    assert s.vault == 0 and s.returned == 27 and s.redirected == 3
    assert s.tracks.C == 8 - 3  # redirect +1, court -3


def test_tranches_after_the_one_that_ends_the_game_stay_in_the_vault():
    """RULES 3: the game ends before the next tranche moves. At Legal risk 7 a 4-tranche
    Mobilize's second tranche takes it to 10: 2 tranches reach the Fund, and the court returns
    the other 2 to the Sanctioned Power with the rest of the Vault."""
    s = with_tracks(game(), L=7, P=5)
    vault = s.vault
    s = pass_motion(s, "H", "mobilize 4")
    assert s.is_over and s.outcome_reason == OutcomeReason.COURT_COLLAPSE
    assert s.redirected == 6 and s.redirected_tranches == 2
    assert s.returned == vault - 6 and s.vault == 0
    said = [e.key for e in s.log]
    assert said.index("log.mobilized") < said.index("log.tranches_stopped")
    stopped = next(e for e in s.log if e.key == "log.tranches_stopped")
    assert stopped.args == ("2", "4")


def test_no_settlement_after_the_last_round_halves_every_score_but_the_watchers():
    s = run_until(game(seed=4), lambda x: False, limit=5000)
    assert s.outcome_reason in (OutcomeReason.TIMEOUT, OutcomeReason.SHARED_LOSS)
    if s.outcome_reason == OutcomeReason.TIMEOUT:
        res = outcome(s)
        for sc in res.scores:
            halved = [x for x in sc.lines if x.key == "score.no_settlement_half"]
            assert bool(halved) == (sc.role != Role.F)


def test_epilogue_odds_follow_precedent_and_credibility_and_are_clamped(scenario):
    assert epilogue_odds(scenario, 0, 7) == 0
    assert epilogue_odds(scenario, 2, 3) == 40
    assert epilogue_odds(scenario, 9, 0) == 90
    assert epilogue_odds(scenario, 0, 10) == 0


def test_epilogue_aggression_costs_custodian_frontline_chair_and_pays_the_watcher():
    s = with_tracks(game(), P=8, G=9, C=0)
    s = pass_motion(s, "H", "settlement")
    res = outcome(s)
    assert res.epilogue is not None and res.epilogue.odds == 90
    lines = {x.role: {line.key: line.points for line in x.lines} for x in res.scores}
    if res.epilogue.aggression:
        for r in (Role.H, Role.A, Role.M):
            assert lines[r]["score.epilogue_aggression"] == -5
        assert lines[Role.F]["score.epilogue_aggression"] == 8
    else:
        assert lines[Role.H]["score.epilogue_peace"] == 3


def test_every_score_is_the_sum_of_its_reasons():
    for seed in range(5):
        s = run_until(game(seed=seed), lambda x: False, limit=5000)
        for sc in outcome(s).scores:
            assert sc.total == sum(line.points for line in sc.lines)


def test_ties_are_broken_by_fewest_ip_spent():
    s = with_tracks(game(), P=8, G=0, C=10, L=0)
    s = pass_motion(s, "H", "settlement")
    res = outcome(s)
    best = max(x.total for x in res.scores)
    top = [x for x in res.scores if x.total == best]
    assert set(res.winners) == {x.role for x in top if x.ip_spent == min(t.ip_spent for t in top)}
    # the outcome names the seats that shared the best total, and only when several did
    assert set(res.tied) == ({x.role for x in top} if len(top) > 1 else set())
    assert set(res.winners) <= set(res.tied) or not res.tied


def test_standings_order_equal_totals_by_the_least_ip_spent_winners_first():
    # play-test: two seats on 17 VP, below the winner, listed against the tie-break
    s = with_tracks(game(), P=8, G=0, C=10, L=0)
    res = outcome(pass_motion(s, "H", "settlement"))
    spent = [3, 1, 2, 1, 0]  # the last two seats' totals are made equal below, as are the first two
    totals = [9, 9, 5, 4, 4]
    scores = tuple(x.model_copy(update={"total": tot, "ip_spent": ip})
                   for x, tot, ip in zip(res.scores, totals, spent, strict=False))
    ranked = res.model_copy(update={"scores": scores}).standings()
    roles = [x.role for x in scores]
    assert [x.role for x in ranked] == [roles[1], roles[0], roles[2], roles[4], roles[3]]
    # and in a played game the winners come first
    real = res.standings()
    assert {x.role for x in real[:len(res.winners)]} == set(res.winners)
    assert all((a.total, -a.ip_spent) >= (b.total, -b.ip_spent) for a, b in zip(real, real[1:], strict=False))


def test_no_action_is_legal_after_the_game_ends():
    s = with_tracks(game(), E=9)
    s = finish_round(s.model_copy(update={"event_deck": ("battlefield_shock",)}))
    for r in s.roles:
        assert legal_actions(s, r) == []
    with pytest.raises(IllegalActionError, match="over"):
        apply(s, Action.parse("H pass"))


# ---------------------------------------------------------------- facilitator and timers


def test_an_injected_event_is_drawn_next_and_the_game_replays_with_it():
    from game.core import inject_event, replay

    s = act(game(seed=5), "M agenda H")
    s = inject_event(s, "battlefield_shock")
    assert s.event_deck[0] == "battlefield_shock" and s.actions[-1] == "! inject battlefield_shock"
    s = finish_round(s)
    assert s.events_drawn[-1] == "battlefield_shock"
    assert replay(s.scenario, s.seats, s.seed, s.actions) == s


def test_injecting_an_unknown_event_is_refused():
    from game.core import inject_event

    with pytest.raises(IllegalActionError, match="no event 'meteor'"):
        inject_event(game(), "meteor")


def test_the_default_action_is_always_legal_and_plays_a_game_to_the_end():
    from game.core import default_action

    s = game(seed=12)
    while not s.is_over:
        a = default_action(s)
        assert a in legal_actions(s, s.to_move)
        s = apply(s, a)
    assert s.outcome_reason is not None


def test_ceasefire_monitors_are_set_aside_until_admit_monitors_is_played():
    for seed in range(20):
        s = game(seed=seed)
        assert "monitors" not in s.infra_row + s.infra_deck
    s = pass_motion(calm(game()), "H", "deal admit_monitors escrow 1")
    assert s.infra_row.count("monitors") == 1 and len(s.infra_row) == 4
    s = act(s, "S comply C")
    s = s.model_copy(update={"fund": 5})
    deck = s.infra_deck
    s = pass_motion(s, "A", "build monitors")
    assert "monitors" in s.built and "monitors" not in s.infra_row
    assert s.infra_deck == deck and len(s.infra_row) == 3  # no replacement for the set-aside card


def test_drift_can_start_only_from_a_later_round():
    sc = RULES_SCENARIO.model_copy(update={"rules": RULES_SCENARIO.rules.model_copy(update={"drift_from_round": 2})})
    s = game(scenario=sc)
    s = s.model_copy(update={"event_deck": ("donor_conference",) * 14})
    r1 = finish_round(s)
    assert r1.tracks.E == s.tracks.E  # Peace 2, but no drift in round 1
    assert finish_round(r1).tracks.E == s.tracks.E + 1  # it starts in round 2


# ---------------------------------------------------------------- the round's allowance


def _capped(cap: int = 4) -> Scenario:
    d = RULES_SCENARIO.model_dump(mode="json")
    d["rules"]["max_tranches_per_round"] = cap
    return Scenario.model_validate(d)


def _sizes(actions: list[Action], verb: str = "propose") -> set[int]:
    """Tranches of every Deal and Mobilize among ``actions``."""
    out = set()
    for a in actions:
        if a.verb == verb and a.args[0] in ("deal", "mobilize"):
            out.add(int(a.args[3] if a.args[0] == "deal" else a.args[1]))
    return out


def test_the_rounds_allowance_limits_what_later_asset_motions_may_ask():
    s = act(calm(game(scenario=_capped(4))), "M agenda H")
    assert _sizes(legal_actions(s, Role.H)) == {1, 2, 3, 4}
    s = act(s, "H propose deal frontline_freeze escrow 3")
    assert s.to_move == Role.S
    assert _sizes(legal_actions(s, Role.S)) == {1}  # 4 - 3 on the table
    with pytest.raises(IllegalActionError):
        apply(s, Action.parse("S propose deal prisoner_exchange release 2"))
    s = act(s, "S propose deal prisoner_exchange release 1")
    assert s.to_move == Role.A
    # the allowance is used up: the Frontline State may not table a Mobilize, only other motions
    assert _sizes(legal_actions(s, Role.A)) == set()
    assert all(a.verb != "propose" or a.args[0] not in ("deal", "mobilize") for a in legal_actions(s, Role.A))


def test_a_counter_offer_may_use_its_own_motions_share_of_the_allowance_but_no_more():
    s = act(calm(game(scenario=_capped(4))), "M agenda H", "H propose deal frontline_freeze escrow 3",
            "S propose deal prisoner_exchange release 1")
    s = run_until(s, lambda x: x.phase == Phase.BARGAIN)
    assert s.bargain.motion_index == 0 and s.to_move == Role.S
    # the freeze may be countered at up to 3 tranches (4 less the 1 of the other deal)
    assert max(_sizes(legal_actions(s, Role.S), "counter")) == 3


def test_a_round_allowance_below_a_concessions_minimum_is_a_scenario_error():
    d = RULES_SCENARIO.model_dump(mode="json")
    d["rules"]["max_tranches_per_round"] = 3
    with pytest.raises(ValueError, match="zone_withdrawal needs 4 tranches, more than rules.max_tranches_per_round"):
        Scenario.model_validate(d)


def test_a_new_round_gives_a_fresh_allowance():
    s = pass_motion(calm(game(scenario=_capped(4))), "H", "deal zone_withdrawal escrow 4")
    s = act(s, "S comply C")
    s = run_until(s, lambda x: x.phase == Phase.PROPOSALS)
    assert s.round == 2 and s.vault == RULES_SCENARIO.tokens - 12
    assert max(_sizes(legal_actions(s, s.to_move))) == 4


@pytest.mark.parametrize("ballots, why", [
    ({"H": 1, "S": 1, "A": 0, "M": 1, "F": 0}, ("required", ("A",))),
    ({"H": 1, "S": 0, "A": 0, "M": 1, "F": 1}, ("required", ("S", "A"))),
    ({"H": 1, "HP": 0, "S": 1, "A": 1, "M": 0, "F": 0}, ("tie", ("M",))),
    ({"H": 0, "HP": 1, "S": 1, "A": 0, "M": 1, "F": 0}, ("required", ("A",))),  # the Chair's tie-break carried the count
    ({"H": 1, "S": 0, "A": 0, "M": 0, "F": 1}, ("required", ("S", "A"))),  # also a majority No: the needed yes first
    ({"H": 1, "S": 1, "A": 0, "M": 0, "F": 0}, ("required", ("A",))),  # also a tie the Chair broke (play-test)
    ({"H": 0, "HP": 0, "S": 1, "A": 1, "M": 0, "F": 0}, ("majority", ())),
    ({"H": 1, "S": 1, "A": 1, "M": 0, "F": 0}, ("", ())),
])
def test_why_a_settlement_failed_is_read_from_the_ballots_as_the_vote_counts_them(ballots, why):
    from game.core import MotionKind, motion_passes, why_failed

    sc = game().scenario
    yes = {Role(r): bool(v) for r, v in ballots.items()}
    got = why_failed(sc, MotionKind.SETTLEMENT, yes)
    assert (got[0], tuple(sorted(r.value for r in got[1]))) == (why[0], tuple(sorted(why[1])))
    assert (got[0] == "") == motion_passes(sc, MotionKind.SETTLEMENT, yes)


def test_an_agenda_decided_before_the_end_ends_as_decided_and_each_seat_sees_it_so() -> None:
    # the brief says "Already missed" / "Already met" from this: it must never be wrong
    from game.core import legal_actions, observe
    from game.core.rng import randbelow, seed_state
    from game.core.scoring import agenda_decided, agenda_met

    seen = {True: 0, False: 0}
    for seed in range(1, 41):
        s = game(5, seed)
        rng = seed_state(seed)
        decided: dict[str, bool] = {}
        while not s.is_over:
            for ag in s.agendas:
                d = agenda_decided(s, ag)
                if d is not None:
                    assert decided.setdefault(ag, d) == d  # once decided, never undecided or reversed
            who = s.to_move
            assert who is not None
            legal = legal_actions(s, who)
            rng, k = randbelow(rng, len(legal))
            s = apply(s, legal[k])
        for role, ag in zip(s.roles, s.agendas, strict=True):
            if ag in decided:
                assert agenda_met(s, ag) == decided[ag], (seed, ag)
                seen[decided[ag]] += 1
            if ag and s.plays(role):
                assert agenda_decided(observe(s, role), ag) == agenda_decided(s, ag)
    assert seen[True] and seen[False]  # both kinds happened in the sample


def test_a_shared_best_total_is_reported_as_a_tie_and_goes_to_the_least_ip_spent():
    from game.core import load_scenario
    from game.sim.simulate import play_game  # seeded random play reaches real ties

    found = 0
    for seed in range(400):
        res = outcome(play_game(load_scenario(), 5, seed, check=False)[0])
        best = max(x.total for x in res.scores)
        top = [x for x in res.scores if x.total == best]
        if not res.winners or len(top) < 2:
            assert res.tied == ()
            continue
        found += 1
        least = min(x.ip_spent for x in top)
        assert set(res.tied) == {x.role for x in top}
        assert set(res.winners) == {x.role for x in top if x.ip_spent == least}
        if found == 3:
            break
    assert found == 3


def test_a_round_in_which_nobody_tables_a_motion_says_so():
    # play-test: every seat passed, and the next thing shown was the compliance and an event
    s = game()
    while s.round == 1 and s.phase in (Phase.AGENDA, Phase.PROPOSALS):
        legal = legal_actions(s, s.to_move)
        s = apply(s, next((a for a in legal if a.verb == "pass"), legal[0]))
    said = [e for e in s.log if e.key == "log.no_motions"]
    assert len(said) == 1 and said[0].round == 1
    assert format_entry(said[0].key, said[0].args, said[0].to, {}, s.scenario) == (
        "No motion was tabled this round: there is nothing to vote on.")
    # a round with a motion says nothing of the kind
    s2 = pass_motion(calm(game()), "H", "deal prisoner_exchange escrow 1")
    assert not any(e.key == "log.no_motions" for e in s2.log)
