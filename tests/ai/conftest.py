"""Fixtures shared by the AI tests."""

from __future__ import annotations

from typing import Any

import pytest

from game.sim import tournament as T

TOURNAMENT_ARGS = (2, 2)  # games, seed


@pytest.fixture(scope="session")
def tournament() -> dict[str, Any]:
    """One real tournament (about 25 s), read by the bargaining tests and by the CLI's JSON test."""
    return T.run_tournament(*TOURNAMENT_ARGS)
