"""First-game tips: one at a time over the first rounds; seen or dismissed tips never return.

Which tips were seen lives in the settings file, so a second game starts without them.
"""

from __future__ import annotations

from collections.abc import Callable

from game.core import Phase, PlayerView

# (tip id, earliest round, phase it belongs to or None for any)
TIPS: tuple[tuple[str, int, Phase | None], ...] = (
    ("welcome", 1, None),
    ("tracks", 1, Phase.PROPOSALS),
    ("allowance", 1, Phase.PROPOSALS),
    ("channels", 1, Phase.BARGAIN),
    ("vote", 1, Phase.VOTE),
    ("compliance", 1, Phase.COMPLIANCE),
    ("epilogue", 2, None),
    ("fund", 2, Phase.PROPOSALS),
    ("erosion", 4, None),
)


# tips about a rule the scenario may leave out: shown only where it applies
APPLIES: dict[str, Callable[[PlayerView], bool]] = {
    "allowance": lambda view: view.scenario.rules.max_tranches_per_round > 0,
}


def current_tip(view: PlayerView, seen: list[str], enabled: bool) -> str | None:
    """The id of the tip to show now, or None."""
    if not enabled or view.is_over:
        return None
    for tid, rnd, phase in TIPS:
        if tid in seen:
            continue
        if tid in APPLIES and not APPLIES[tid](view):
            continue
        if view.round >= rnd and (phase is None or phase == view.phase):
            return tid
    return None


TIP_MIN_SECONDS = 8.0  # a tip for no one phase stays up at least this long (``TableScene.update_tip``)


def tip_any_phase(tid: str) -> bool:
    """Whether tip ``tid`` belongs to no one phase (it moves on by itself, see ``TIP_MIN_SECONDS``)."""
    return any(x == tid and phase is None for x, _, phase in TIPS)


def tip_applies_now(tid: str, view: PlayerView) -> bool:
    """Whether tip ``tid`` is about the phase ``view`` is in (a tip for no one phase always is):
    a dialog left open into the next phase must not show the last phase's tip beside it."""
    return any(x == tid and (phase is None or phase == view.phase) for x, _, phase in TIPS)
