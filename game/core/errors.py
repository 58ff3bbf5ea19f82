"""The small exception tree used everywhere a user or caller can get something wrong.

Every message is one plain sentence meant to be shown as is (on screen or on the CLI).
"""


class GameError(ValueError):
    """Base of every error the game reports to a person."""


class IllegalActionError(GameError):
    """An action that is not legal in the current state; the state is left untouched."""


class ActionParseError(GameError):
    """Text that is not a well-formed action."""


class ScenarioError(GameError):
    """A scenario name, file or value that cannot be used."""


class SaveFormatError(GameError):
    """A save file that is damaged, hostile or from an unknown version."""
