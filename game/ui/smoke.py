"""``board-of-peace --smoke``: prove a build works without a screen, then exit.

Used by the packaging test on the PyInstaller build (and runnable from source). It starts SDL
offscreen, checks every bundled file the game reads is there, draws the title screen and a
mid-game table frame with the real scenes and renderers, saves and loads a game in a temporary
folder, checks the loaded game equals the saved one, and prints one line of JSON. Exit 0 on
success; on any failure one sentence on stderr and exit 1.

The JSON carries start-up timings (see docs/PACKAGING.md): ``first_frame_s`` is the time from
process start (the launcher's, for a onefile build) to the first drawn frame where the OS tells
us when the process started (Linux), and ``first_frame_at`` is the wall clock at that frame so an
outside harness can measure from the moment it launched the program.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from game.resources import FONT_FILES, font_path

# Files the packaged game must carry. Checked first so a bad spec fails with the file's name.
REQUIRED_FILES: tuple[tuple[str, ...], ...] = (
    *(("assets", "fonts", f) for f in FONT_FILES.values()),  # every face the game draws with
    ("assets", "fonts", "OFL.txt"),
    ("assets", "i18n", "en.json"),
    ("assets", "images", "icon.png"),
    ("assets", "scenarios", "frozen_reserve.json"),
    ("docs", "RULES.md"),
)
SIZE = (1280, 720)
MID_GAME_SEEDS = 20  # seeds tried for a game that reaches round 2 (most do; some end early)
MID_GAME_MAX_ACTIONS = 400
SEED = 20261125


class SmokeFailure(Exception):
    """One check failed; the message is the sentence the user sees."""


def _proc_start_age(pid: int | str) -> float | None:
    """Seconds since process ``pid`` started, from /proc (Linux); None elsewhere."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        # Field 22 (starttime, in clock ticks since boot) counted after the ")" that ends comm.
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        ticks = os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / ticks
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def process_age() -> float | None:
    """Seconds since this program started, counting a onefile launcher's unpacking too.

    A onefile build runs as two processes: the launcher unpacks into a temp folder, then starts
    a child (this interpreter) from the same executable. If our parent is that launcher, its start
    is the real start.
    """
    age = _proc_start_age("self")
    if age is None:
        return None
    if getattr(sys, "frozen", False):
        try:
            if os.path.realpath(f"/proc/{os.getppid()}/exe") == os.path.realpath("/proc/self/exe"):
                parent = _proc_start_age(os.getppid())
                if parent is not None:
                    age = max(age, parent)
        except OSError:
            pass
    return age


def _check(ok: bool, sentence: str) -> None:
    if not ok:
        raise SmokeFailure(sentence)


def _distinct_colours(surf: Any) -> int:
    """How many different colours a frame uses (sampled on a grid): a blank frame has one."""
    w, h = surf.get_size()
    seen = {tuple(surf.get_at((x, y)))[:3] for x in range(0, w, 16) for y in range(0, h, 16)}
    return len(seen)


def check_files() -> list[str]:
    from game.resources import resource_path

    missing = ["/".join(p) for p in REQUIRED_FILES if not resource_path(*p).is_file()]
    _check(not missing, f"Bundled files are missing: {', '.join(missing)}.")
    fonts = list(resource_path("assets", "fonts").glob("*.ttf"))
    _check(bool(fonts), "No font files are bundled in assets/fonts.")
    return sorted(f.name for f in fonts)


def mid_game_state() -> Any:
    """A seeded game played by random legal moves into round 2's bargaining or vote.

    That is the middle of a game: motions on the table, tracks moved, a log to draw. Random play
    sometimes ends a game in round 1 (and scenario tuning changes which seeds do), so the next
    seed is tried until one gets there; the result is still the same on every run.
    """
    from game.ai.base import RandomAgent
    from game.core import Phase, apply, legal_actions, load_scenario, new_game, observe

    scenario = load_scenario()
    for k in range(MID_GAME_SEEDS):
        seed = SEED + k
        state = new_game(scenario, 5, seed)
        agents: dict[Any, RandomAgent] = {}
        for _ in range(MID_GAME_MAX_ACTIONS):
            if state.is_over:
                break
            if state.round >= 2 and state.phase in (Phase.BARGAIN, Phase.VOTE):
                return state
            seat = state.to_move
            _check(seat is not None, "The smoke game has no seat to move before it is over.")
            assert seat is not None  # for the type checker; _check above raised otherwise
            agent = agents.setdefault(seat, RandomAgent(seed + len(agents)))
            state = apply(state, agent.decide(observe(state, seat), legal_actions(state, seat)).action)
    raise SmokeFailure(f"No seeded game out of {MID_GAME_SEEDS} reached the middle of round 2.")


def _window(pygame: Any) -> Any:
    from game.resources import resource_path
    from game.text import t

    pygame.init()
    pygame.display.set_caption(t("ui.window_title"))
    pygame.display.set_icon(pygame.image.load(str(resource_path("assets", "images", "icon.png"))))
    return pygame.display.set_mode(SIZE)


def start_app(pygame: Any) -> tuple[str, Any, Any]:
    """The game's own start-up (``make_app``: settings, window title, icon, window, title scene)
    and its first frame, so the timing and the checks cover what a player's start runs."""
    from game.ui.app import make_app

    app = make_app(None, windowed=False)  # windowed=False: never fullscreen, even if the player chose it
    app.frame(1 / 60, events=[])
    pygame.display.flip()
    return type(app.top).__name__, app, app.screen


def draw_fallback_title(pygame: Any, screen: Any) -> str:
    """Used only while the title scene is not built: the window title and icon, in the game's font."""
    from game.resources import resource_path
    from game.text import t

    screen.fill((16, 22, 31))
    font = pygame.font.Font(str(font_path("bold")), 48)
    screen.blit(font.render(t("ui.window_title"), True, (236, 231, 216)), (80, 80))
    icon = pygame.image.load(str(resource_path("assets", "images", "icon.png")))
    screen.blit(icon, (80, 200))
    pygame.display.flip()
    return "fallback (game.ui.scenes.title missing)"


def draw_setup(pygame: Any, screen: Any, app: Any) -> str:
    """The new-game screen: its name and seed fields are pygame_gui text entries, so this frame
    proves pygame_gui, its data files and the UI's gui theme work in the build."""
    if app is None:
        return "skipped (no app)"
    try:
        from game.ui.scenes.setup import SetupScene
    except ModuleNotFoundError as e:
        if not (e.name or "").startswith("game.ui"):
            raise
        return "skipped (game.ui.scenes.setup missing)"
    app.replace(SetupScene(app))
    app.frame(1 / 60, events=[])
    pygame.display.flip()
    if hasattr(app, "_gui"):  # the App makes its UIManager when the first text field appears
        _check(app._gui is not None, "The new-game screen drew without pygame_gui's text fields.")
    return "SetupScene"


def draw_table(pygame: Any, screen: Any, app: Any, state: Any) -> str:
    """A mid-game table frame: the real table scene when the app exists, else the renderer.

    The scene is laid out and drawn without ``update``: drawing changes nothing, so the state
    on screen stays the one the save/load check uses (an update could let an AI seat move).
    """
    from game.ui.session import GameSession

    if app is not None:
        try:
            from game.ui.scenes.table import TableScene
        except ModuleNotFoundError as e:
            if not (e.name or "").startswith("game.ui"):
                raise
        else:
            scene = app.replace(TableScene(app, GameSession(state)))
            scene.ensure_layout()
            app.draw(screen)
            pygame.display.flip()
            return "TableScene"
    from game.ui import render
    from game.ui.session import public_view
    from game.ui.theme import Ctx

    ctx = Ctx()
    ctx.configure(SIZE[0], SIZE[1], False, 1.0)
    render.draw_table_view(screen, ctx, public_view(state), True, humans=(), ai_tags={}, reasons=[],
                           log_scroll=0, status="", prompt="", detail="")
    pygame.display.flip()
    return "render.draw_table_view (game.ui.scenes.table missing)"


def save_and_load(state: Any) -> dict[str, Any]:
    """Save, list and load in a temporary folder; the loaded game must equal the saved one."""
    from game.paths import saves_dir_override, set_saves_dir
    from game.persistence import list_saves, load_game, save_game

    before = saves_dir_override()  # --saves-dir, reported afterwards as the data folder
    with tempfile.TemporaryDirectory(prefix="bop-smoke-") as tmp:
        set_saves_dir(tmp)  # anything the UI autosaves during the smoke lands here too
        try:
            path = save_game(state, "smoke", folder=tmp)
            _check(path.is_file() and Path(tmp) in path.parents, "The save was not written to the temporary folder.")
            listed = list_saves(tmp)
            _check(len(listed) == 1, f"Listing the temporary folder found {len(listed)} saves, not 1.")
            loaded = load_game(path)
            _check(loaded == state, "The loaded game differs from the saved one.")
            size = path.stat().st_size
        finally:
            set_saves_dir(before)
    return {"bytes": size, "round": getattr(state, "round", None)}


def _smoke(t_enter: float) -> dict[str, Any]:
    # Offscreen and silent, whatever the machine has: this is a check, not a game session.
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game import __version__
    from game.paths import data_dir
    from game.resources import is_frozen

    fonts = check_files()
    try:
        try:
            title, app, screen = start_app(pygame)
        except ModuleNotFoundError as e:
            # Only a UI module that does not exist yet is tolerated (reported in the JSON as a
            # fallback, which the packaging test refuses once game/ui/scenes/title.py exists).
            if not (e.name or "").startswith("game.ui"):
                raise
            screen = _window(pygame)
            title, app = draw_fallback_title(pygame, screen), None
        first_frame_at = time.time()
        age = process_age()
        window_title = pygame.display.get_caption()[0]
        # A raw catalogue key as the title means the i18n catalogue was not found in the bundle.
        _check(bool(window_title) and not window_title.startswith("ui."),
               f"The window title is '{window_title}', not a sentence from the text catalogue.")
        first_colours = _distinct_colours(screen)
        _check(first_colours > 8, f"The title frame is nearly blank ({first_colours} colours).")
        setup = draw_setup(pygame, screen, app)
        setup_colours = _distinct_colours(screen)
        _check(setup_colours > 8, f"The new-game frame is nearly blank ({setup_colours} colours).")
        state = mid_game_state()
        table = draw_table(pygame, screen, app, state)
        table_colours = _distinct_colours(screen)
        _check(table_colours > 8, f"The table frame is nearly blank ({table_colours} colours).")
        saved = save_and_load(state)
    finally:
        pygame.quit()  # also when a check fails: a test process goes on using pygame afterwards
    return {
        "ok": True,
        "version": __version__,
        "frozen": is_frozen(),
        "first_frame_s": round(age, 3) if age is not None else None,
        "first_frame_at": round(first_frame_at, 3),
        "smoke_to_first_frame_s": round(first_frame_at - t_enter, 3),
        "total_s": round(time.time() - t_enter, 3),
        "window_title": window_title,
        "title": title,
        "setup": setup,
        "table": table,
        "table_phase": str(getattr(state.phase, "value", state.phase)),
        "colours": [first_colours, setup_colours, table_colours],
        "save_load": saved,
        "fonts": fonts,
        "data_dir": str(data_dir()),
    }


def run_smoke(args: argparse.Namespace | None = None) -> int:
    """Run every check; print one JSON line and return 0, or one sentence and return 1."""
    t_enter = time.time()
    try:
        report = _smoke(t_enter)
    except SmokeFailure as e:
        sys.stderr.write(f"board-of-peace: smoke check failed: {e}\n")
        return 1
    except Exception as e:  # noqa: BLE001 - any crash is a failed check, told in one sentence
        # Some errors (numpy's ImportError) span a page; their last line names the cause.
        lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()] or [""]
        sys.stderr.write(f"board-of-peace: smoke check failed: {type(e).__name__}: {lines[-1]}\n")
        return 1
    print(json.dumps(report, sort_keys=False))
    return 0
