"""A seeded monkey: random keys, clicks, wheel and motion across every scene, without an exception.

The suite runs a short version; ``--soak`` runs 20,000 events.
"""

from __future__ import annotations

import os
import random

import pygame
import pytest

from game.ui.app import App
from game.ui.scenes.title import TitleScene

KEYS = [pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5,
        pygame.K_a, pygame.K_c, pygame.K_w, pygame.K_u, pygame.K_p, pygame.K_t, pygame.K_n, pygame.K_SLASH,
        pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END, pygame.K_F1, pygame.K_F5,
        pygame.K_F11, pygame.K_BACKSPACE, pygame.K_x, pygame.K_7]


def monkey(app: App, events: int, seed: int) -> set[str]:
    rng = random.Random(seed)
    seen: set[str] = set()
    app.replace(TitleScene(app))
    for i in range(events):
        r = rng.random()
        if r < 0.55:
            k = rng.choice(KEYS)
            mod = pygame.KMOD_SHIFT if rng.random() < 0.1 else 0
            ch = pygame.key.name(k) if len(pygame.key.name(k)) == 1 else ""
            ev = pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=ch, scancode=0)
            if ch:  # a printable key also sends its character, as SDL does: text fields get typing
                pygame.event.post(ev)
                ev = pygame.event.Event(pygame.TEXTINPUT, text=ch.upper() if mod else ch)
        elif r < 0.85:
            pos = (rng.randrange(1280), rng.randrange(720))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
            ev = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 3)))
        elif r < 0.93:
            ev = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False)
        else:
            ev = pygame.event.Event(pygame.MOUSEMOTION, pos=(rng.randrange(1280), rng.randrange(720)), rel=(0, 0),
                                    buttons=(0, 0, 0))
        pygame.event.post(ev)
        app.frame(1 / 30)
        if not app.running or app.top is None:  # the monkey pressed Quit: start again at the title
            app.running = True
            app.replace(TitleScene(app))
        seen.add(type(app.top).__name__)
        if i % 500 == 499 and rng.random() < 0.3:
            app.replace(TitleScene(app))  # wander: do not get stuck deep in one game
    return seen


def test_a_short_monkey_visits_many_scenes_without_an_exception(app: App) -> None:
    seen = monkey(app, 2500, seed=1)
    assert {"TitleScene", "SetupScene", "TableScene"} <= seen
    assert len(seen) >= 6


@pytest.mark.soak
def test_a_long_monkey_of_twenty_thousand_events(app: App) -> None:
    n = int(os.environ.get("BOP_MONKEY_EVENTS", "20000"))
    seen = monkey(app, n, seed=2)
    assert len(seen) >= 8
