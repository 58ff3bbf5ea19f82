"""Draws the app icon with pygame and writes it as PNG, Windows .ico and macOS .icns.

Run ``python -m tests.packaging.make_icon`` to regenerate ``assets/images/icon.{png,ico,icns}``.
The art is drawn, not downloaded, so there is nothing to license: a round felt table with a brass
rim, five coloured seats around it and an olive branch across the middle, on the game's navy.
The .ico and .icns files embed PNG images directly (both formats allow it), so no Pillow needed.
"""

from __future__ import annotations

import io
import math
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "images"

NAVY = (16, 22, 31)
PANEL = (28, 37, 51)
FELT = (26, 66, 58)
FELT_HI = (34, 84, 72)
BRASS = (216, 178, 96)
BRASS_DARK = (140, 110, 52)
OLIVE = (150, 180, 90)
OLIVE_DARK = (92, 120, 56)
PARCHMENT = (236, 231, 216)
SEATS = ((104, 190, 124), (96, 154, 226), (178, 128, 214), (232, 152, 64), (226, 84, 76))

MASTER = 1024  # drawn large, then smooth-scaled down: pygame's shapes are not antialiased


def draw(size: int = MASTER) -> pygame.Surface:
    """The icon at ``size`` x ``size`` with a transparent background."""
    s = pygame.Surface((MASTER, MASTER), pygame.SRCALPHA)
    m = MASTER
    c = (m // 2, m // 2)
    pygame.draw.rect(s, NAVY, (0, 0, m, m), border_radius=m // 5)
    pygame.draw.rect(s, PANEL, (m // 32, m // 32, m - m // 16, m - m // 16), width=m // 64,
                     border_radius=m // 6)
    # The table: brass rim, felt top with a lighter centre.
    pygame.draw.circle(s, BRASS_DARK, c, int(m * 0.36))
    pygame.draw.circle(s, BRASS, c, int(m * 0.345))
    pygame.draw.circle(s, FELT, c, int(m * 0.31))
    pygame.draw.circle(s, FELT_HI, c, int(m * 0.22))
    # Five seats, evenly round the table, first at the top.
    for i, col in enumerate(SEATS):
        a = -math.pi / 2 + i * 2 * math.pi / len(SEATS)
        p = (c[0] + int(math.cos(a) * m * 0.405), c[1] + int(math.sin(a) * m * 0.405))
        pygame.draw.circle(s, NAVY, p, int(m * 0.075))
        pygame.draw.circle(s, col, p, int(m * 0.06))
    # Olive branch: a curved stem with leaves alternating on both sides.
    stem = [(c[0] - m * 0.2 + t * m * 0.4 / 20, c[1] + m * 0.08 - math.sin(t / 20 * math.pi) * m * 0.12)
            for t in range(21)]
    pygame.draw.lines(s, OLIVE_DARK, False, stem, m // 60)
    for k in range(2, 20, 3):
        x, y = stem[k]
        nx, ny = stem[k + 1]
        ang = math.atan2(ny - y, nx - x)
        for side in (-1, 1):
            leaf = pygame.Surface((m // 7, m // 18), pygame.SRCALPHA)
            pygame.draw.ellipse(leaf, OLIVE if side > 0 else OLIVE_DARK, leaf.get_rect())
            rot = pygame.transform.rotate(leaf, -math.degrees(ang) + side * 50)
            off = (math.cos(ang + side * math.radians(-50)) * m * 0.05,
                   math.sin(ang + side * math.radians(-50)) * m * 0.05)
            s.blit(rot, rot.get_rect(center=(int(x + off[0]), int(y + off[1]))))
    # Three olives under the branch.
    for dx in (-0.05, 0.0, 0.05):
        pygame.draw.circle(s, PARCHMENT, (int(c[0] + dx * m), int(c[1] + m * 0.14)), m // 40)
    return pygame.transform.smoothscale(s, (size, size)) if size != MASTER else s


def png_bytes(surf: pygame.Surface) -> bytes:
    buf = io.BytesIO()
    pygame.image.save(surf, buf, "icon.png")
    return buf.getvalue()


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (supported since Windows Vista)."""
    sizes = sorted(pngs)
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    body = b""
    for n in sizes:
        data = pngs[n]
        dim = 0 if n >= 256 else n  # 0 means 256 in the directory entry
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        body += data
    return out + body


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns with PNG payloads (types ic07..ic10 = 128, 256, 512, 1024 px)."""
    kinds = {128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}
    chunks = b"".join(kinds[n] + struct.pack(">I", 8 + len(pngs[n])) + pngs[n]
                      for n in sorted(pngs) if n in kinds)
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    pygame.display.init()  # smoothscale/convert need the video subsystem on some builds
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(MASTER)
    pngs = {n: png_bytes(pygame.transform.smoothscale(big, (n, n)) if n != MASTER else big)
            for n in (16, 32, 48, 64, 128, 256, 512, 1024)}
    (OUT / "icon.png").write_bytes(pngs[256])
    (OUT / "icon.ico").write_bytes(ico_bytes({n: pngs[n] for n in (16, 32, 48, 64, 128, 256)}))
    (OUT / "icon.icns").write_bytes(icns_bytes({n: pngs[n] for n in (128, 256, 512, 1024)}))
    pygame.quit()
    print(f"Wrote icon.png, icon.ico and icon.icns to {OUT}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
