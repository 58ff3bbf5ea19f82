"""The design's sanity checks: the two one-channel roads to peace end where the lesson says."""

from __future__ import annotations

from game.core import OutcomeReason, epilogue_odds, outcome
from tests.core.helpers import act, game, pass_motion


def _neutral_events(state):
    # events that touch none of C, G, L, P, E, so only the channel shows
    return state.model_copy(update={"event_deck": ("donor_conference",) * 14})


def test_peace_bought_through_release_alone_drives_credibility_to_zero_and_epilogue_odds_to_90():
    s = _neutral_events(game(seed=3))
    for terms in ("deal zone_withdrawal release 4", "deal weapons_pullback release 2", "deal frontline_freeze release 2"):
        s = pass_motion(s, "H", terms)
        s = act(s, "S comply " + "C" * len(s.pending_compliance))
    assert s.tracks.P >= 8
    s = pass_motion(s, "H", "settlement")
    assert s.outcome_reason == OutcomeReason.SETTLEMENT
    assert s.tracks.C == 0
    assert epilogue_odds(s.scenario, s.tracks.G, s.tracks.C) == 90
    assert outcome(s).epilogue.odds == 90


def test_peace_through_redirect_alone_trips_the_court():
    s = _neutral_events(game(seed=3))
    for terms in ("deal zone_withdrawal redirect 4", "deal weapons_pullback redirect 2"):
        s = pass_motion(s, "H", terms)
        if s.is_over:
            break
        s = act(s, "S comply " + "C" * len(s.pending_compliance))
    assert s.outcome_reason == OutcomeReason.COURT_COLLAPSE
    assert s.tracks.L == 10
    assert s.vault == 0 and s.escrow == 0
