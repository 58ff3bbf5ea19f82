"""The pure rules core of Board of Peace: no pygame, no clock, no global random.

UI, AI, tests and replays all go through this API.
"""

from game.core.actions import Action, terms_text
from game.core.engine import (
    RULES_VERSION,
    STILL_TO_VOTE,
    Ahead,
    OpenedMotion,
    aggression_at,
    ahead_takes,
    allowance_left,
    apply,
    apply_logged,
    bargain_offers,
    closed_reason,
    default_action,
    default_seats,
    epilogue_odds,
    inject_event,
    is_legal,
    legal_actions,
    motion_id,
    motion_passes,
    motion_place,
    new_game,
    note_skip,
    open_counters,
    opened_ballots,
    phased_required,
    playing_roles,
    replay,
    respondent,
    respondent_vetoes,
    round_end_drift,
    settlement_ahead,
    snapback_peace,
    tabled_tranches,
    terms_options,
    to_move,
    void_given,
    void_reason,
    walked_by,
    why_failed,
    would_need_yes,
)
from game.core.errors import (
    ActionParseError,
    GameError,
    IllegalActionError,
    SaveFormatError,
    ScenarioError,
)
from game.core.invariants import check_invariants
from game.core.scenario import TRANCHE_MOTIONS, Channel, MotionKind, Role, Scenario, load_scenario
from game.core.scoring import Outcome, outcome
from game.core.state import Controller, GameState, OutcomeReason, Phase, SeatConfig, Terms
from game.core.view import PlayerView, observe, observe_public

__all__ = [
    "RULES_VERSION", "STILL_TO_VOTE", "TRANCHE_MOTIONS", "Ahead", "ahead_takes", "allowance_left",
    "Action", "ActionParseError", "bargain_offers", "walked_by", "Channel", "Controller", "GameError", "GameState",
    "IllegalActionError", "MotionKind", "Outcome", "OutcomeReason", "Phase", "PlayerView",
    "Role", "SaveFormatError", "apply_logged", "default_action", "inject_event", "note_skip", "Scenario", "ScenarioError", "SeatConfig", "Terms", "apply",
    "aggression_at", "check_invariants", "closed_reason", "default_seats", "epilogue_odds", "is_legal", "legal_actions",
    "load_scenario", "motion_id", "motion_passes", "motion_place", "new_game", "observe", "observe_public", "open_counters", "opened_ballots", "phased_required", "OpenedMotion", "outcome", "playing_roles", "replay", "respondent", "respondent_vetoes", "would_need_yes", "round_end_drift", "settlement_ahead", "snapback_peace",
    "tabled_tranches", "terms_options", "terms_text", "to_move", "void_given", "void_reason", "why_failed",
]
