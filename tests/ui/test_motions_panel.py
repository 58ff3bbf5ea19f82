"""The Motions panel lists every motion of the round, or says how many it could not show
(play-test: at 130% text the fourth motion of a six-seat round vanished without a word)."""

from __future__ import annotations

import pytest

from game.core import Channel, MotionKind, Role, Terms, observe
from game.core.state import Motion
from game.ui import labels, render, showcase
from game.ui.app import App


def _round_with(n: int):  # noqa: ANN202
    state = showcase.midgame((Role.H,))
    kinds = [Terms(kind=MotionKind.DEAL, concession="frontline_freeze", channel=Channel.ESCROW, tranches=2),
             Terms(kind=MotionKind.BUILD, target="hotline"),
             Terms(kind=MotionKind.DEAL, concession="local_ceasefire", channel=Channel.ESCROW, tranches=1)]
    motions = tuple(Motion(id=state.round * 100 + i + 1, round=state.round, proposer=(Role.H, Role.S, Role.A)[i % 3],
                           respondent=Role.S, terms=kinds[i % 3]) for i in range(n))
    return observe(state.model_copy(update={"motions": motions}), Role.H)


@pytest.mark.parametrize("scale", [1.0, 1.3])
@pytest.mark.parametrize("n", [1, 3, 4, 5, 7])
def test_every_motion_is_listed_or_counted(app: App, drawn_text: list[str], scale: float, n: int) -> None:
    app.settings.text_scale = scale
    app.apply_settings()
    view = _round_with(n)
    import pygame

    render.draw_motions(pygame.Surface(app.screen.get_size()), app.ctx, view)
    shown = [m for m in view.motions if labels.motion_words(view, m) in drawn_text]
    assert shown == list(view.motions[:len(shown)])  # in table order, from the first
    more = [x for x in drawn_text if x.startswith("...and ") and "motion" in x]
    if len(shown) < n:
        assert more == [f"...and {n - len(shown)} more {'motion' if n - len(shown) == 1 else 'motions'}: "
                        "point here for every one"]
    else:
        assert not more
    if n <= 4:  # a round's usual motions are all on the panel, at every text size
        assert len(shown) == n
    tip = render.motions_tip(app.ctx, view)
    if render.motions_layout(app.ctx, view).cut(view):  # whatever the panel cut, the tooltip has whole
        assert all(labels.motion_words(view, m) in tip for m in view.motions)
