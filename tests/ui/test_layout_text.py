"""Layout and text: values read in full in their controls, at every text size."""

from __future__ import annotations

import pygame
import pytest

from game.core import Phase, Role
from game.ui import showcase
from game.ui.app import App
from game.ui.scenes.dialogs import MotionBuilderScene
from game.ui.scenes.table import TableScene
from game.ui.widgets import Cycle


@pytest.mark.parametrize("scale", [0.9, 1.0, 1.15])
def test_side_payment_options_read_apart_and_fit_their_selector(app: App, scale: float) -> None:
    from game.ui.commands import negotiation_session

    s = negotiation_session(showcase.midgame((Role.H,)))
    assert s.state.phase == Phase.BARGAIN
    table = TableScene(app, s)
    app.replace(table)
    app.ctx.configure(1280, 720, False, scale)
    builder = MotionBuilderScene(app, table, "counter", start=s.state.bargain.offer.terms)  # type: ignore[union-attr]
    app.push(builder)
    app.frame(1 / 60, events=[])
    pays = [w for w in builder.ui.widgets if isinstance(w, Cycle) and w.label == "Side payment"]
    assert pays
    cyc = pays[0]
    texts = [label for _, label in cyc.options]
    assert len(set(texts)) == len(texts) > 2  # every option reads differently
    ctx = app.ctx
    lab_w = ctx.font(cyc.size * 0.85).size(cyc.label)[0]
    avail = cyc.rect.width - ctx.d(10) - lab_w - ctx.d(10) - ctx.d(22)
    for v, label in cyc.options:
        assert (str(abs(v)) in label) or v == 0  # the amount shows
        size, lines = ctx.fit(label, cyc.size, avail, cyc.rect.height - ctx.d(4), "bold")
        font = ctx.font(size, "bold")
        assert all(font.size(x)[0] <= avail for x in lines), label
        assert len(lines) * font.get_linesize() <= cyc.rect.height, label
        assert ctx.font(cyc.size, "bold").size(label)[0] <= avail, label  # short wording: one full-size line


def test_a_long_button_label_keeps_its_end(app: App) -> None:
    from game.ui.widgets import Button

    ctx = app.ctx
    label = "Prisoner exchange for 1 tranche(s) ($36bn) by Release; Sanctioned pays Custodian 2 IP"
    b = Button(ctx.r(0, 0, 560, 40), label, lambda: None, size=14)
    size, lines = ctx.fit(label, b.size, b.rect.width - 2 * ctx.d(10), b.rect.height - ctx.d(4))
    assert "".join(lines).replace(" ", "") == label.replace(" ", "")
    assert all(ctx.font(size).size(x)[0] <= b.rect.width - 2 * ctx.d(10) for x in lines)
    surf = pygame.Surface((ctx.width, ctx.height))
    b.draw(surf, ctx, False, False)
