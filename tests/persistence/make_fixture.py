"""Write ``fixtures/save_rules<RULES_VERSION>.json``: a recorded five-AI game, finished, with a
defection that was detected, saved under today's rules. Run it when RULES_VERSION is bumped (and
keep the older files: each is a save a player may still have)::

    python -m tests.persistence.make_fixture

The test ``test_recorded_games_of_every_rules_version_load`` loads every such file."""

from __future__ import annotations

from pathlib import Path

from game.ai.base import Decision
from game.core import RULES_VERSION, Phase, Role, load_scenario
from game.persistence import save_game
from game.sim.simulate import game_seed, play_game
from game.sim.sweep import agent_factory

HERE = Path(__file__).parent / "fixtures"


class _Defector:
    """The AI, but its Sanctioned Power defects on every deal the first time it chooses."""

    def __init__(self, base) -> None:  # noqa: ANN001
        self.base, self.done = base, False

    def decide(self, view, legal):  # noqa: ANN001, ANN201
        if not self.done and view.phase == Phase.COMPLIANCE:
            self.done = True
            return Decision(next(a for a in legal if set(a.args[0]) == {"D"}), "fixture")
        return self.base.decide(view, legal)


def recorded_game():  # noqa: ANN201
    """The first seeded five-AI game (master seed 1) that ends with a detected defection behind it."""
    sc = load_scenario()
    make = agent_factory(None)

    def factory(role: Role, seed: int):  # noqa: ANN202
        return _Defector(make(role, seed)) if role == Role.S else make(role, seed)

    for i in range(200):
        state, _ = play_game(sc, 5, game_seed(1, i), factory, check=False)
        if state.detected_defections and state.is_over:
            return state
    raise SystemExit("no recorded game with a detected defection")


def main() -> None:
    state = recorded_game()
    path = save_game(state, f"save_rules{RULES_VERSION}", folder=HERE, kind="simulated")
    final = path.with_name(f"save_rules{RULES_VERSION}.json")
    path.replace(final)
    print(f"wrote {final} (rules version {RULES_VERSION}, {len(state.actions)} actions)")


if __name__ == "__main__":
    main()
