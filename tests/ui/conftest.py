"""Fixtures for the UI tests: a headless App whose settings and saves live in a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.paths import set_saves_dir
from game.ui.app import App
from game.ui.settings import Settings
from game.ui.theme import Ctx


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


@pytest.fixture
def drawn_text(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string drawn through Ctx.blit_text / blit_wrapped."""
    out: list[str] = []
    real_text, real_wrapped = Ctx.blit_text, Ctx.blit_wrapped

    def blit_text(self, surf, text, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        out.append(text)
        return real_text(self, surf, text, *a, **kw)

    def blit_wrapped(self, surf, text, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        out.append(text)
        return real_wrapped(self, surf, text, *a, **kw)

    monkeypatch.setattr(Ctx, "blit_text", blit_text)
    monkeypatch.setattr(Ctx, "blit_wrapped", blit_wrapped)
    return out


class Drawn:
    """What a draw put on screen: each text (as rendered, an ellipsis included) and where."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.rects: list[tuple[str, pygame.Rect]] = []
        self.panels: list[tuple[str, pygame.Rect]] = []

    def cut(self) -> list[str]:
        return [x for x in self.texts if x.rstrip().endswith("…")]

    def rect(self, text: str) -> pygame.Rect:
        return next(r for x, r in self.rects if x == text)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Drawn:
    from game.ui.theme import Ctx

    out = Drawn()
    real_text, real_blit, real_figure, real_panel = Ctx.text, Ctx.blit_text, Ctx.figure, Ctx.panel

    def text(self, s, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        out.texts.append(s)
        return real_text(self, s, *a, **k)

    def blit_text(self, surf, s, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        r = real_blit(self, surf, s, *a, **k)
        out.rects.append((s, r))
        return r

    def figure(self, surf, s, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        r = real_figure(self, surf, s, *a, **k)
        out.rects.append((s, r))
        return r

    def panel(self, surf, rect, color="panel", *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        out.panels.append((color, rect.copy()))
        return real_panel(self, surf, rect, color, *a, **k)

    monkeypatch.setattr(Ctx, "text", text)
    monkeypatch.setattr(Ctx, "blit_text", blit_text)
    monkeypatch.setattr(Ctx, "figure", figure)
    monkeypatch.setattr(Ctx, "panel", panel)
    return out
