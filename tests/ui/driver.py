"""A player made of input events: posts real KEYDOWN / TEXTINPUT / MOUSEBUTTONDOWN events and steps frames.

Like SDL, a printable key press comes as two events: KEYDOWN (for hotkeys) and TEXTINPUT (the
character, which text fields read). ``post`` adds that TEXTINPUT after a printable KEYDOWN;
``type_text`` posts characters alone, as an IME or xdotool would.

Used by the UI tests to play whole games through the scenes exactly as a person would with a
keyboard (and sometimes the mouse). It reads which scene is on top only to decide which key a
sensible player would press next.
"""

from __future__ import annotations

import random

import pygame

from game.ui.app import App


def key(k: int, unicode: str = "", mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def text_input(s: str) -> pygame.event.Event:
    """What SDL sends for typed (or IME-composed) characters."""
    return pygame.event.Event(pygame.TEXTINPUT, text=s)


def type_text(s: str) -> list[pygame.event.Event]:
    """Each character as its own TEXTINPUT, as a keyboard produces them."""
    return [text_input(ch) for ch in s]


def with_text(events: list[pygame.event.Event]) -> list[pygame.event.Event]:
    """Add the TEXTINPUT that SDL sends after a printable key press without Ctrl/Alt."""
    out: list[pygame.event.Event] = []
    for ev in events:
        out.append(ev)
        ch = getattr(ev, "unicode", "") if ev.type == pygame.KEYDOWN else ""
        if ch and ch.isprintable() and not ev.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            out.append(text_input(ch))
    return out


def click(pos: tuple[int, int], button: int = 1) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]


def wait(app: App, seconds: float) -> None:
    """Let ``seconds`` pass in one frame, reading no input: a player looking at the screen."""
    app.frame(seconds, events=[])


def post(app: App, events: list[pygame.event.Event], frames: int = 2) -> None:
    """Post events to the real queue (printable keys with their TEXTINPUT), then run frames that
    read them (pygame.event.get)."""
    for ev in with_text(events):
        pygame.event.post(ev)
    for _ in range(frames):
        app.frame(1 / 60)


class KeyboardPlayer:
    """Chooses keys for whatever screen is up; seeded, so a run is reproducible."""

    def __init__(self, seed: int = 0, use_mouse: bool = True) -> None:
        self.rng = random.Random(seed)
        self.use_mouse = use_mouse

    def next_events(self, app: App) -> list[pygame.event.Event]:
        from game.ui.scenes.dialogs import (
            SEAL_GUARD_S,
            ChoiceScene,
            ComplyScene,
            CurtainScene,
            DecisionScene,
            EventScene,
            MotionBuilderScene,
            NegotiationScene,
            VoteScene,
            VotesScene,
        )
        from game.ui.scenes.overlays import HelpScene, MenuScene, MessageScene
        from game.ui.scenes.table import TableScene

        top = app.top
        rng = self.rng
        if isinstance(top, CurtainScene):
            return [key(pygame.K_SPACE, " ")]
        if isinstance(top, (EventScene, MessageScene, VotesScene)):
            return [key(pygame.K_RETURN, "\r")]
        if isinstance(top, (MenuScene, HelpScene)):
            return [key(pygame.K_ESCAPE)]
        if isinstance(top, (VoteScene, ComplyScene)):
            if top.settling():  # a sealed choice takes no confirm in its first moment: read it first
                wait(app, SEAL_GUARD_S)
            evs = []
            if rng.random() < 0.5 and len(top.ui.widgets) > 1:
                # flip the first choice with the keyboard, then go back to the confirm button
                evs += [key(pygame.K_TAB), key(pygame.K_RIGHT), key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)]
            if self.use_mouse and rng.random() < 0.5:
                btn = top.ui.widgets[-1]
                return evs + click(btn.rect.center)
            return evs + [key(pygame.K_RETURN, "\r")]
        if isinstance(top, MotionBuilderScene):
            if top.error:  # its terms were refused (say, the other side's own offer): go back
                return [key(pygame.K_ESCAPE)]
            evs = []
            if rng.random() < 0.5 and len(top.ui.widgets) > 2:
                evs += [key(pygame.K_TAB)] * rng.randint(1, 3) + [key(pygame.K_RIGHT)]
            confirm = [w for w in top.ui.widgets if getattr(w, "hotkey", "") == "Enter"][0]
            return evs + click(confirm.rect.center)
        if isinstance(top, ChoiceScene):
            return [key(pygame.K_1, "1")]
        if isinstance(top, DecisionScene):
            n = rng.choice((1, 2))
            return [key(pygame.K_0 + n, str(n))]
        if isinstance(top, NegotiationScene):
            s = top.table.session
            if s.ai_to_move() is not None:
                return [key(pygame.K_SPACE, " ")]
            verbs = {a.verb for a in s.legal()}
            r = rng.random()
            if "counter" in verbs and r < 0.25:
                return [key(pygame.K_c, "c")]
            if "counter" in verbs and r < 0.35:
                return [key(pygame.K_SLASH, "?")]
            if "accept" in verbs and r < 0.75:
                return [key(pygame.K_a, "a")]
            return [key(pygame.K_w, "w")]
        if isinstance(top, TableScene):
            s = top.session
            if s.ai_to_move() is not None:
                return [key(pygame.K_SPACE, " ")]
            buttons = [w for w in top.ui.widgets if getattr(w, "hotkey", "").isdigit()]
            if buttons:
                b = rng.choice(buttons)
                if self.use_mouse and rng.random() < 0.3:
                    return click(b.rect.center)
                return [key(pygame.K_1 + int(b.hotkey) - 1, b.hotkey)]
            return []
        return [key(pygame.K_ESCAPE)]


def open_own_ballot(app: App, seed: int = 777, autosaves: bool = False, limit: int = 2000):  # noqa: ANN201
    """A 3-seat all-human game (seed ``seed``) played with the keyboard until a sealed ballot is
    open for the seat at the screen: ``(table, ballot)``."""
    from game.core import Controller, SeatConfig, load_scenario, new_game, playing_roles
    from game.ui.scenes.dialogs import VoteScene
    from game.ui.scenes.table import TableScene
    from game.ui.session import GameSession

    sc = load_scenario()
    seats = [SeatConfig(role=r, name=sc.roles[r].name, controller=Controller.HUMAN) for r in playing_roles(3)]
    table = TableScene(app, GameSession(new_game(sc, seats, seed), autosaves=autosaves))
    app.replace(table)
    player = KeyboardPlayer(seed=1)
    for _ in range(limit):
        if isinstance(app.top, VoteScene):
            break
        post(app, player.next_events(app))
    assert isinstance(app.top, VoteScene)
    return table, app.top


def open_negotiation(app: App, session=None, *, hold: bool = True, ai_delay: float | None = None):  # noqa: ANN001, ANN201
    """``session``'s negotiation (default: the showcase's, where the human Custodian answers an
    AI's counter) open in its dialog on top of its table: ``(session, table, dialog)``. ``hold``
    stops the game, so the AI never answers; ``ai_delay`` sets the AI's pace first."""
    from game.core import Role
    from game.ui import showcase
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import NegotiationScene
    from game.ui.scenes.table import TableScene

    if ai_delay is not None:
        app.settings.ai_delay = ai_delay
    s = session if session is not None else negotiation_session(showcase.midgame((Role.H,)))
    table = TableScene(app, s)
    if hold:
        table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.replace(table)
    neg = NegotiationScene(app, table)
    app.push(neg)
    app.frame(1 / 60, events=[])
    return s, table, neg


def open_counter_builder(app: App):  # noqa: ANN201
    """The showcase negotiation's table, with the counter-offer builder open on it, starting
    from the offer on the table: ``(session, table, builder)``."""
    from game.core import Role
    from game.ui import showcase
    from game.ui.commands import negotiation_session
    from game.ui.scenes.dialogs import MotionBuilderScene
    from game.ui.scenes.table import TableScene

    s = negotiation_session(showcase.midgame((Role.H,)))
    table = TableScene(app, s)
    app.replace(table)
    builder = MotionBuilderScene(app, table, "counter", start=s.state.bargain.offer.terms)
    app.push(builder)
    app.frame(1 / 60, events=[])
    return s, table, builder


def negotiation_going_on():  # noqa: ANN201
    """A showcase negotiation (``negotiation_session``) that the dialog follows on from: the
    AI's counter carries a side payment, and another motion the human Custodian bargains over
    comes after it this round. From the first ``showcase.midgame`` seed (the showcase's own,
    then 1, 2, ...) that has one: the showcase's own midgame may leave too little in the Vault,
    or in the round's allowance of tranches, for a second motion."""
    from game.core import Role
    from game.core.state import MotionStatus
    from game.ui import showcase
    from game.ui.commands import negotiation_session

    for seed in (showcase.SHOW_SEED, *range(1, 40)):
        s = negotiation_session(showcase.midgame((Role.H,), seed=seed))
        st = s.state
        b = st.bargain
        if b is None or b.offer.by == Role.H or b.offer.pay == 0:
            continue
        if any(m.status == MotionStatus.TABLED and m.respondent is not None and Role.H in (m.proposer, m.respondent)
               for m in st.motions[b.motion_index + 1:]):
            return s
    raise AssertionError("no seeded showcase negotiation has another motion of ours after it")
