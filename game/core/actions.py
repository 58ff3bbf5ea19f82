"""Actions: small immutable values with a short text form that round-trips.

``str(a)`` is the form used in logs, saves, replays and tests; ``Action.parse(str(a)) == a``.

Grammar (``SEAT`` is a role code: H, HP, S, A, M, F)::

    SEAT agenda SEAT                      the Chair picks who proposes first
    SEAT propose TERMS                    table a motion (costs IP)
    SEAT pass                             no (more) motion / no switch
    SEAT play phased DEAL | play guarantee  the Frontline State's cards
    SEAT probe | SEAT gift SEAT N         the Watching Power
    SEAT accept | SEAT walk | SEAT counter TERMS pay N    bargaining
    SEAT switch MOTION CHANNEL            the Chair switches a deal's channel
    SEAT vote YN..                        one letter per motion, in tabled order
    SEAT comply CD..                      one letter per active deal, in deal order
    SEAT reimpose | SEAT lookaway         after a detected defection
    SEAT hold | SEAT letgo                erosion: pay to stop tokens returning, or not

    TERMS: deal CONCESSION CHANNEL N | mobilize N | build INFRA | snapback DEAL | settlement
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from game.core.errors import ActionParseError
from game.core.scenario import Channel, MotionKind, Role
from game.core.state import Terms

_ID = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
_INT = re.compile(r"^-?\d{1,3}$")
_ROLES = {r.value for r in Role}
_CHANNELS = {c.value for c in Channel}

VERBS = (
    "agenda", "propose", "pass", "play", "probe", "gift", "accept", "walk", "counter",
    "switch", "vote", "comply", "reimpose", "lookaway", "hold", "letgo",
)


@dataclass(frozen=True, slots=True)
class Action:
    seat: Role
    verb: str
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        return " ".join((self.seat.value, self.verb, *self.args))

    def __repr__(self) -> str:
        return f"Action({str(self)!r})"

    @staticmethod
    def parse(text: str) -> Action:
        """Parse the text form.

        Raises:
            ActionParseError: the text is not a well-formed action.
        """
        if not isinstance(text, str) or len(text) > 200:
            raise ActionParseError("An action must be a short line of text.")
        parts = text.split()
        if len(parts) < 2:
            raise ActionParseError(f"'{text}' is not an action: expected 'SEAT VERB ...'.")
        seat, verb, args = parts[0], parts[1], tuple(parts[2:])
        if seat not in _ROLES:
            raise ActionParseError(f"'{seat}' is not a seat; seats are {', '.join(sorted(_ROLES))}.")
        if verb not in VERBS:
            raise ActionParseError(f"'{verb}' is not a known action verb.")
        _check_args(verb, args, text)
        return Action(Role(seat), verb, args)

    # ---- constructors ----
    @staticmethod
    def make(seat: Role, verb: str, *args: object) -> Action:
        return Action(seat, verb, tuple(str(a) for a in args))

    @property
    def terms(self) -> Terms:
        """The terms named by a ``propose`` or ``counter`` action."""
        if self.verb == "propose":
            return terms_from_args(self.args)
        if self.verb == "counter":
            return terms_from_args(self.args[:-2])
        raise ValueError(f"{self} carries no terms")

    @property
    def pay(self) -> int:
        return int(self.args[-1]) if self.verb == "counter" else 0


def terms_to_args(t: Terms) -> tuple[str, ...]:
    if t.kind == MotionKind.DEAL:
        assert t.concession is not None and t.channel is not None
        return ("deal", t.concession, t.channel.value, str(t.tranches))
    if t.kind == MotionKind.MOBILIZE:
        return ("mobilize", str(t.tranches))
    if t.kind == MotionKind.BUILD:
        assert t.target is not None
        return ("build", t.target)
    if t.kind == MotionKind.SNAPBACK:
        assert t.target is not None
        return ("snapback", t.target)
    return ("settlement",)


def terms_text(t: Terms) -> str:
    return " ".join(terms_to_args(t))


@lru_cache(maxsize=8192)
def terms_from_args(args: tuple[str, ...]) -> Terms:
    """The terms the argument words name, one shared (immutable) value per distinct words:
    the AI reads an action's terms hundreds of thousands of times a tournament."""
    kind = args[0]
    if kind == "deal":
        return Terms(
            kind=MotionKind.DEAL, concession=args[1], channel=Channel(args[2]), tranches=int(args[3])
        )
    if kind == "mobilize":
        return Terms(kind=MotionKind.MOBILIZE, channel=Channel.REDIRECT, tranches=int(args[1]))
    if kind == "build":
        return Terms(kind=MotionKind.BUILD, target=args[1])
    if kind == "snapback":
        return Terms(kind=MotionKind.SNAPBACK, target=args[1])
    return Terms(kind=MotionKind.SETTLEMENT)


def _terms_ok(args: tuple[str, ...]) -> bool:
    if not args:
        return False
    k = args[0]
    if k == "deal":
        return (
            len(args) == 4
            and bool(_ID.match(args[1]))
            and args[2] in _CHANNELS
            and args[3].isdigit()
            and len(args[3]) <= 2
        )
    if k == "mobilize":
        return len(args) == 2 and args[1].isdigit() and len(args[1]) <= 2
    if k == "build":
        return len(args) == 2 and bool(_ID.match(args[1]))
    if k == "snapback":
        return len(args) == 2 and args[1].isdigit() and len(args[1]) <= 3
    if k == "settlement":
        return len(args) == 1
    return False


def _check_args(verb: str, args: tuple[str, ...], text: str) -> None:
    ok: bool
    if verb in ("pass", "probe", "accept", "walk", "reimpose", "lookaway", "hold", "letgo"):
        ok = not args
    elif verb == "agenda":
        ok = len(args) == 1 and args[0] in _ROLES
    elif verb == "propose":
        ok = _terms_ok(args)
    elif verb == "counter":
        ok = len(args) >= 3 and args[-2] == "pay" and bool(_INT.match(args[-1])) and _terms_ok(args[:-2])
    elif verb == "play":
        ok = (len(args) == 2 and args[0] == "phased" and args[1].isdigit() and len(args[1]) <= 3) or (
            args == ("guarantee",)
        )
    elif verb == "gift":
        ok = len(args) == 2 and args[0] in _ROLES and args[1].isdigit() and len(args[1]) <= 2
    elif verb == "switch":
        ok = len(args) == 2 and args[0].isdigit() and len(args[0]) <= 3 and args[1] in _CHANNELS
    elif verb == "vote":
        ok = len(args) == 1 and bool(re.fullmatch(r"[YN]{1,12}", args[0]))
    elif verb == "comply":
        ok = len(args) == 1 and bool(re.fullmatch(r"[CD]{1,30}", args[0]))
    else:  # pragma: no cover - VERBS is checked first
        ok = False
    if not ok:
        raise ActionParseError(f"'{text}' is not a well-formed '{verb}' action.")
