"""Shape markers drawn with pygame (Noto Sans lacks the geometric shapes block).

One drawing routine for the UI's legends and tokens and the debrief charts; it needs no
display, so headless exports use it too.
"""

from __future__ import annotations

import pygame

from game.palette import Color


def draw_shape(
    surf: pygame.Surface, shape: str, center: tuple[int, int], r: int, color: Color, diamond_pad: int = 0
) -> None:
    """Draw ``shape`` (circle, square, triangle, diamond, anything else: a cross) of radius ``r``.

    ``diamond_pad`` widens the diamond a little, which the charts use so it reads as large as a
    circle of the same radius.
    """
    x, y = center
    if shape == "circle":
        pygame.draw.circle(surf, color, center, r)
    elif shape == "square":
        pygame.draw.rect(surf, color, (x - r, y - r, 2 * r, 2 * r))
    elif shape == "triangle":
        pygame.draw.polygon(surf, color, [(x, y - r), (x + r, y + r), (x - r, y + r)])
    elif shape == "diamond":
        d = r + diamond_pad
        pygame.draw.polygon(surf, color, [(x, y - d), (x + d, y), (x, y + d), (x - d, y)])
    else:  # cross
        w = max(2, r // 2)
        pygame.draw.line(surf, color, (x - r, y - r), (x + r, y + r), w)
        pygame.draw.line(surf, color, (x - r, y + r), (x + r, y - r), w)
