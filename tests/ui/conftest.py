"""Fixtures for the UI tests: a headless App whose settings and saves live in a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.paths import set_saves_dir
from game.ui.app import App
from game.ui.settings import Settings


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    set_saves_dir(tmp_path / "saves")
    pygame.init()
    screen = pygame.display.set_mode((1280, 720))
    a = App(screen, Settings(ai_delay=0.0, tips_enabled=True), settings_file=tmp_path / "settings.json")
    pygame.event.clear()
    yield a
    pygame.event.clear()
    set_saves_dir(None)
