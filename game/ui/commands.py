"""UI subcommands: ``screenshots --out DIR`` and the ``bench ui`` target.

``python main.py screenshots --out DIR`` writes a PNG of every screen from seeded positions,
headless. ``python main.py bench ui --json`` measures one mid-game table frame at 1280x720
(median and p95) and the time from a cold start to the first drawn frame.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli import UsageError, command, folder_arg, writable_folder
from game.sim.bench import target

if TYPE_CHECKING:  # the game modules load lazily: ``bench`` and ``--help`` stay quick
    from game.core import GameState
    from game.ui.session import GameSession

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # JSON on stdout must not start with a greeting


def _headless() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def headless_app(size: tuple[int, int] = (1280, 720), settings: Any = None) -> Any:
    """An App on an offscreen display, with settings that never touch the player's file."""
    _headless()
    import pygame

    from game.ui.app import App
    from game.ui.settings import Settings

    pygame.init()
    screen = pygame.display.set_mode(size)
    st = settings or Settings(ai_delay=0.0)
    app = App(screen, st)
    app.persist_settings = False  # a tool run must never touch the player's settings file
    return app


def _add_screenshots(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=folder_arg, required=True, help="folder for the PNG files")
    p.add_argument("--size", default="1280x720", help="window size, e.g. 1920x1080")
    p.add_argument("--colour-blind", action="store_true", help="use the colour-blind palette")
    p.add_argument("--text-scale", type=float, default=1.0,
                   help="text size as in Settings (0.9, 1.0, 1.15 or 1.3)")


def _run_screenshots(a: argparse.Namespace) -> int:
    try:
        w, h = (int(x) for x in a.size.lower().split("x"))
    except ValueError:
        raise UsageError(f"'{a.size}' is not a size like 1280x720.") from None
    if not (640 <= w <= 3840 and 480 <= h <= 2160):
        raise UsageError(f"{a.size} is outside 640x480..3840x2160.")
    from game.ui.settings import TEXT_SCALES, Settings

    if a.text_scale not in TEXT_SCALES:
        raise UsageError(f"--text-scale {a.text_scale:g} is not one of {', '.join(f'{x:g}' for x in TEXT_SCALES)}.")
    out = writable_folder("--out", a.out, "screenshots")  # told before any screen is drawn
    app = headless_app((w, h), Settings(ai_delay=0.0, colour_blind=a.colour_blind, tips_enabled=True,
                                        text_scale=a.text_scale))
    import tempfile

    from game import paths

    old = paths._override
    with tempfile.TemporaryDirectory() as tmp:
        paths.set_saves_dir(tmp)  # showcase games must never write into the player's saves
        try:
            written = write_screenshots(app, out)
        except OSError as e:  # the folder was checked; the disk may still fill up
            raise UsageError(f"The screenshots could not be written to {out} ({paths.why(e)}).") from None
        finally:
            paths.set_saves_dir(old)
    for p in written:
        print(p)
    return 0


def write_screenshots(app: Any, out: Path) -> list[Path]:
    from game.core import Phase, Role
    from game.persistence.charts import save_png
    from game.ui import showcase
    from game.ui.scenes.dialogs import (
        ComplyScene,
        CurtainScene,
        EventScene,
        MotionBuilderScene,
        NegotiationScene,
        VoteScene,
    )
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.overlays import HelpScene, MenuScene
    from game.ui.scenes.rules import RulesScene
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene
    from game.ui.session import GameSession

    written: list[Path] = []

    def shot(name: str, frames: int = 3, dt: float = 1 / 60) -> None:
        for _ in range(frames):
            app.update(dt)
            app.draw()
        p = out / f"{name}.png"
        save_png(app.screen, p)  # an OSError (pygame's own error is not one) when it cannot be written
        written.append(p)

    def table_for(state: Any, tips: bool = False) -> TableScene:
        app.settings.tips_enabled = tips
        table = TableScene(app, GameSession(state, autosaves=False))
        table.paused = False
        app.replace(table)
        return table

    app.replace(TitleScene(app))
    shot("01_title")
    app.push(SetupScene(app))
    shot("02_setup")
    # the table, mid-game, the human Custodian to propose
    mid = showcase.midgame((Role.H,))
    table = table_for(mid, tips=True)
    app.settings.tips_seen = []
    table.run_game = lambda dt: None  # type: ignore[method-assign]  # freeze the game for the picture
    shot("03_table")
    app.push(MotionBuilderScene(app, table, "propose"))
    b = app.top
    # show an escrow deal if one is possible: the most instructive preview
    if isinstance(b, MotionBuilderScene) and "channel" in b._fields():
        from game.core import Channel

        if Channel.ESCROW in b.values("channel"):
            b.set("channel", Channel.ESCROW)
    shot("04_deal_builder")
    # negotiation: the Custodian tables a deal and the AI answers
    s = negotiation_session(mid)
    table = TableScene(app, s)
    app.replace(table)
    if s.state.phase == Phase.BARGAIN and s.state.to_move == Role.H:
        table.run_game = lambda dt: None  # type: ignore[method-assign]
        app.push(NegotiationScene(app, table))
        shot("05_negotiation")
    # hot-seat curtain
    two = showcase.midgame((Role.H, Role.A))
    table = table_for(two)
    table.session.viewer = Role.H
    app.push(CurtainScene(app, table, Role.A))
    shot("06_curtain")
    # sealed vote
    vote_state = showcase.midgame((Role.H,), until=lambda st: st.round >= 2 and st.phase == Phase.VOTE
                                  and st.to_move == Role.H and len(st.motions) >= 2)
    table = table_for(vote_state)
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.push(VoteScene(app, table))
    shot("07_vote")
    # secret compliance (the Sanctioned Power is the human)
    comply_state = showcase.midgame((Role.S,), until=lambda st: st.phase == Phase.COMPLIANCE and st.to_move == Role.S)
    table = table_for(comply_state)
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.push(ComplyScene(app, table))
    shot("08_compliance")
    # the Custodian's hard choices: a caught breach, or the eroding vault
    from game.ui.scenes.dialogs import DecisionScene

    for name, phase in (("17_reimpose", Phase.REIMPOSE), ("18_erosion", Phase.EROSION)):
        def reached(x: GameState, ph: Phase = phase) -> bool:
            return x.phase == ph and x.to_move == Role.H

        try:
            st = showcase.midgame((Role.H,), until=reached,
                                  override=showcase.defect_always if phase == Phase.REIMPOSE else showcase.quiet)
        except RuntimeError:
            continue  # no seeded game reached it: nothing to show
        table = table_for(st)
        table.run_game = lambda dt: None  # type: ignore[method-assign]
        app.push(DecisionScene(app, table))
        shot(name)
    # the ballots opened
    from game.ui.scenes.dialogs import VotesScene

    def opened(x: Any, failed: bool = True) -> bool:  # a failed motion shows why it failed
        return (x.phase not in (Phase.VOTE, Phase.OVER) and len(x.motions) >= 2 and bool(x.votes_revealed)
                and all(m.status.value in ("passed", "failed", "void") for m in x.motions)
                and (not failed or any(m.status.value == "failed" for m in x.motions)))

    for until in (opened, partial(opened, failed=False)):
        try:
            table = table_for(showcase.midgame((Role.H,), until=until))
        except RuntimeError:
            continue
        table.run_game = lambda dt: None  # type: ignore[method-assign]
        app.push(VotesScene(app, table))
        shot("19_votes")
        break
    # event reveal
    table = table_for(mid)
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.push(EventScene(app, table, mid.events_drawn[-1]))
    shot("09_event")
    # end and debrief
    done = showcase.finished()
    table = table_for(done)
    app.push(EndScene(app, table.session))
    shot("10_end", frames=150, dt=1 / 30)
    app.push(EndScene(app, table.session, page=1))
    shot("11_debrief")
    app.replace(TitleScene(app))
    app.push(RulesScene(app))
    shot("12_rules")
    app.replace(TitleScene(app))
    app.push(SettingsScene(app))
    shot("13_settings")
    table = table_for(mid)
    table.run_game = lambda dt: None  # type: ignore[method-assign]
    app.push(MenuScene(app))
    shot("14_menu")
    app.pop()
    app.push(HelpScene(app))
    shot("15_help")
    # a replay of the finished game, half way through
    from game.persistence.replay import Replay
    from game.ui.scenes.replay import ReplayScene

    replay = Replay.from_state(done)
    app.replace(ReplayScene(app, replay))
    replay.forward(len(replay) // 2)
    shot("20_replay")
    # the load screen, with a few saves in a scratch folder (never the player's own saves)
    import tempfile

    from game import paths
    from game.ui import saves

    old = paths._override
    with tempfile.TemporaryDirectory() as tmp:
        paths.set_saves_dir(tmp)
        try:
            if saves.available():
                saves.save(mid, "Evening game")
                saves.save(vote_state, "Club night")
                saves.autosave(done)
            app.replace(TitleScene(app))
            app.push(LoadScene(app))
            shot("16_load")
        finally:
            paths.set_saves_dir(old)
    return written


def negotiation_session(mid: GameState) -> GameSession:
    """A session where the human Custodian must answer an AI delegation's counter-offer.

    The Custodian tables each legal deal in turn from ``mid`` (and, if no AI counters there, from
    the first proposal turn of a fresh seeded game) and the AIs play until one counters. Used by
    the screenshots and the tests.
    """
    from game.core import Phase, Role, legal_actions, load_scenario, new_game
    from game.core.state import MotionStatus
    from game.ui import showcase
    from game.ui.session import GameSession

    def waiting(s: GameSession) -> bool:
        st = s.state
        return (st.phase == Phase.BARGAIN and st.to_move == Role.H and st.bargain is not None
                and st.bargain.offer.by != Role.H
                and s.said_about(st.bargain.offer.by, st.motions[st.bargain.motion_index].id) is not None)

    def h_turn(st: GameState) -> bool:
        return st.phase == Phase.PROPOSALS and st.to_move == Role.H

    def more_after(s: GameSession) -> bool:
        """Another motion the Custodian bargains over comes after this one (the dialog goes on)."""
        st = s.state
        assert st.bargain is not None
        return any(m.status == MotionStatus.TABLED and m.respondent is not None and Role.H in (m.proposer, m.respondent)
                   for m in st.motions[st.bargain.motion_index + 1:])

    starts = [mid]
    fresh = new_game(load_scenario(), showcase.seats_for((Role.H,)), showcase.SHOW_SEED)
    starts.append(showcase.advance(fresh, h_turn, seed=showcase.SHOW_SEED))
    s = GameSession(mid, autosaves=False)
    best: tuple[tuple[bool, bool], GameSession] | None = None
    for start in starts:
        if not h_turn(start):
            continue
        deals = [a for a in legal_actions(start, Role.H) if a.verb == "propose" and a.args[0] == "deal"]
        for deal in deals[::-1]:
            s = GameSession(start, autosaves=False)
            s.act(deal)
            for _ in range(200):
                if waiting(s) or s.ai_to_move() is None:
                    break
                s.ai_act()
            if waiting(s):
                # preferred: a counter with a side payment, and another motion to bargain over
                # after it (the tests follow the dialog on to the next motion)
                assert s.state.bargain is not None
                rank = (more_after(s), s.state.bargain.offer.pay != 0)
                if all(rank):
                    return s
                if best is None or rank > best[0]:
                    best = (rank, s)
    return best[1] if best is not None else s


@target("ui")
def bench_ui(repeats: int) -> dict[str, Any]:
    """One mid-game table frame at 1280x720 (headless), and cold start to the first frame."""
    import pygame

    from game.core import Role
    from game.ui import showcase
    from game.ui.scenes.table import TableScene
    from game.ui.session import GameSession

    app = headless_app()
    table = TableScene(app, GameSession(showcase.midgame((Role.H,)), autosaves=False))
    table.run_game = lambda dt: None  # type: ignore[method-assign]  # measure drawing, not AI moves
    app.replace(table)
    app.settings.tips_enabled = False
    frames: list[float] = []
    redraws: list[float] = []
    motion = [pygame.event.Event(pygame.MOUSEMOTION, pos=(100 + i % 400, 120), rel=(1, 0), buttons=(0, 0, 0))
              for i in range(4)]
    app.frame(1 / 60, events=[])
    for _ in range(repeats):
        for i in range(120):
            t0 = time.perf_counter()
            app.frame(1 / 60, events=[motion[i % 4]])  # hover moves: tooltips are drawn too
            frames.append((time.perf_counter() - t0) * 1000)
        for _ in range(20):
            table.layer_key = ()  # force the full table redraw (what a state change costs)
            t0 = time.perf_counter()
            app.frame(1 / 60, events=[])
            redraws.append((time.perf_counter() - t0) * 1000)
    starts = [_startup_ms() for _ in range(min(3, repeats))]
    frames.sort()
    return {
        "target": "ui",
        "frame_ms_median": round(statistics.median(frames), 3),
        "frame_ms_p95": round(frames[int(len(frames) * 0.95) - 1], 3),
        "table_redraw_ms_median": round(statistics.median(redraws), 3),
        "startup_to_first_frame_ms": round(statistics.median(starts), 1),
        "startup_runs_ms": [round(x, 1) for x in starts],
        "frames": len(frames),
        "size": "1280x720",
    }


def _startup_ms(frozen: bool | None = None) -> float:
    """A fresh process: imports, pygame.init, the window, the first title frame (ms; -1 when the
    process could not tell). The built game runs no Python code handed to it, so there
    (``frozen``) its own smoke check says when it drew its first frame."""
    from game.resources import _ROOT, is_frozen

    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    if frozen if frozen is not None else is_frozen():
        game = [sys.executable] if is_frozen() else [sys.executable, str(_ROOT / "main.py")]
        t0 = time.time()
        out = subprocess.run([*game, "--smoke"], capture_output=True, text=True, env=env, timeout=120)
        try:
            return (float(json.loads(out.stdout.strip().splitlines()[-1])["first_frame_at"]) - t0) * 1000
        except (ValueError, IndexError, KeyError, TypeError):
            return -1.0
    code = ("import time,sys; t0=float(sys.argv[1]); from game.ui.app import make_app; "
            "app=make_app(None, windowed=False); app.frame(); print(time.time()-t0)")
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code, repr(t0)], capture_output=True, text=True, env=env, timeout=60)
    try:
        return float(out.stdout.strip().splitlines()[-1]) * 1000
    except (ValueError, IndexError):
        return -1.0


command("screenshots", "write a PNG of every screen (headless)")(_add_screenshots)(_run_screenshots)
