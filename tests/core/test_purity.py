"""The core stays pure: no pygame, no clock, no global random, no I/O beyond reading scenarios."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "game" / "core"
FORBIDDEN = {"pygame", "pygame_gui", "random", "time", "datetime", "game.ui", "game.ai", "game.sim", "game.persistence"}


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_the_core_imports_no_pygame_clock_global_random_or_outer_layer():
    for path in CORE.glob("*.py"):
        for name in _imports(path):
            for bad in FORBIDDEN:
                assert not (name == bad or name.startswith(bad + ".")), f"{path.name} imports {name}"


def test_the_sanctioned_powers_remaining_concessions_are_public_and_correct(scenario):
    from game.core import Role, observe
    from tests.core.helpers import game, pass_motion

    s = pass_motion(game(), "H", "deal local_ceasefire escrow 1")
    v = observe(s, Role.H)
    assert v.hand == () and v.hand_sizes[s.idx(Role.S)] == len(scenario.concessions) - 1
    assert v.concessions_left() == s.hand(Role.S)
