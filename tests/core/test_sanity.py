"""The design's sanity checks, on the bundled default scenario as tuned: the two one-channel
roads to peace end where the lesson says."""

from __future__ import annotations

from game.core import Channel, OutcomeReason, Phase, epilogue_odds, load_scenario, new_game, outcome
from tests.core.helpers import act, pass_motion


def _neutral_start(seed: int = 3):
    sc = load_scenario()
    s = new_game(sc, 5, seed)
    # events that touch none of the tracks, so only the channel shows
    return s.model_copy(update={"event_deck": ("donor_conference",) * 14})


def _one_channel_peace(channel: Channel):
    """The Custodian buys peace through one channel only: the biggest concessions first, each at
    its minimum size, complied with; then a Settlement as soon as Peace allows it."""
    s = _neutral_start()
    sc = s.scenario
    min_p = sc.motions["settlement"].min_p
    for con in sorted(sc.concessions, key=lambda c: (-c.p_gain, c.min_tranches)):
        if s.is_over or s.tracks.P >= min_p:
            break
        if con.min_tranches * sc.tranche > s.vault:
            continue
        s = pass_motion(s, "H", f"deal {con.id} {channel.value} {con.min_tranches}")
        if s.phase == Phase.COMPLIANCE:
            s = act(s, "S comply " + "C" * len(s.pending_compliance))
    if not s.is_over:
        assert s.tracks.P >= min_p, "the concessions alone must be able to buy peace"
        s = pass_motion(s, "H", "settlement")
    return s


def test_peace_bought_through_release_alone_drives_credibility_to_zero_and_epilogue_odds_to_the_maximum():
    s = _one_channel_peace(Channel.RELEASE)
    assert s.outcome_reason == OutcomeReason.SETTLEMENT
    assert s.tracks.C == 0
    assert epilogue_odds(s.scenario, s.tracks.G, s.tracks.C) == s.scenario.epilogue.max_odds == 90
    assert outcome(s).epilogue.odds == 90


def test_peace_through_redirect_alone_trips_the_court():
    s = _one_channel_peace(Channel.REDIRECT)
    assert s.outcome_reason == OutcomeReason.COURT_COLLAPSE
    assert s.tracks.L == 10
    assert s.vault == 0 and s.escrow == 0
