"""Board of Peace: a turn-based diplomacy board game about frozen assets, peace and deterrence."""

__version__ = "0.1.0"
