"""Every personality (and difficulty) keeps the shared AI contract; see ``contract.py``."""

from __future__ import annotations

from tests.ai.contract import ContractSuite


class TestHawk(ContractSuite):
    personality = "hawk"


class TestDove(ContractSuite):
    personality = "dove"


class TestPragmatist(ContractSuite):
    personality = "pragmatist"


class TestOpportunist(ContractSuite):
    personality = "opportunist"


class TestPragmatistEasy(ContractSuite):
    personality = "pragmatist"
    difficulty = "easy"


class TestHawkHard(ContractSuite):
    personality = "hawk"
    difficulty = "hard"
