"""The application: window, one loop, the scene stack, global keys, and the crash net.

``run_app(args)`` is what ``python main.py`` calls. ``App`` also runs headless (tests, the
screenshot command, the benchmark): give it a Surface and call ``frame(events)``.

Global keys: F11 fullscreen, F1 help. An unexpected exception saves the game first, writes the
traceback to a log file, and shows a message with that file's path.

Text entry is pygame_gui's: the App owns one ``UIManager`` (``app.gui``), made the first time a
scene lays out a text field, so the title screen, the table and the benchmark never pay for it.
While a field has focus, typing goes to the manager before the scene sees it; the manager is
updated and drawn only for scenes that hold fields, right after that scene (so overlays above
it, and tooltips, still cover the field).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any

import pygame

from game.paths import data_dir, logs_dir, set_saves_dir
from game.persistence.store import folder_problem
from game.text import t
from game.ui.scene import Scene
from game.ui.settings import (
    WINDOW_SIZES,
    Settings,
    fit_size,
    fitting_sizes,
    load_settings,
    save_settings,
)
from game.ui.sound import Sounds
from game.ui.theme import Ctx
from game.ui.widgets import TextField, gui_theme

FADE_S = 0.18
FPS, IDLE_FPS = 60, 20  # frames a second; the second once nothing moves and nobody has touched anything
IDLE_AFTER_S = 2.0  # seconds without input before the window counts as idle
_INPUT = frozenset((pygame.KEYDOWN, pygame.KEYUP, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                    pygame.MOUSEWHEEL, pygame.TEXTINPUT, pygame.WINDOWFOCUSGAINED, pygame.WINDOWENTER,
                    pygame.VIDEORESIZE, pygame.WINDOWEXPOSED))
MIN_SIZE = WINDOW_SIZES[0]  # a window resized smaller springs back to this
MAX_SIZE = (1920, 1080)
# keys that always reach the scene while a text field has focus: leave the field, confirm, go back
_FIELD_PASS_KEYS = frozenset((pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN, pygame.K_KP_ENTER,
                              pygame.K_ESCAPE, pygame.K_PAGEUP, pygame.K_PAGEDOWN))


class App:
    def __init__(self, screen: pygame.Surface, settings: Settings | None = None, notice: str | None = None,
                 windowed: bool = False, settings_file: Path | None = None) -> None:
        self.screen = screen
        self.settings = settings or Settings()
        self.settings_file = settings_file
        self.persist_settings = True  # off for headless tools (screenshots, benchmarks)
        self.windowed = windowed  # a real window (resizable, fullscreen toggles)
        self.desktop: tuple[int, int] | None = None  # the desktop's size when known better than SDL (tests)
        self.chosen_size: tuple[int, int] | None = None  # the saved window size, when this screen forced a smaller one
        self.ctx = Ctx()
        self.sounds = Sounds()
        self._gui: Any = None  # pygame_gui.UIManager, made on first use (see ``gui``); before apply_settings
        self.stack: list[Scene] = []
        self.apply_settings()
        self.running = True
        self.notice = t(notice) if notice else ""
        self._dim: pygame.Surface | None = None
        self.frames = 0
        self.fade = 0.0
        self.elapsed = 0.0  # seconds of play since the App started (sum of frame times)
        self.last_input = 0.0  # ``elapsed`` at the last key, click, pointer move or window change
        self.told_left_out: tuple[str, ...] = ()  # the faulty scenario files New game last listed
        self.pin_failures = 0  # wrong facilitator PINs in a row (scenes.facilitator.PinScene)
        self.pin_wait_until = 0.0  # ``elapsed`` before which no PIN may be tried
        # the character of a key press that opened or closed a scene: SDL sends it (TEXTINPUT)
        # right after the key, and it must not land in a text field of the new scene (menu "2",
        # Save game, typed a "2" onto the save's name)
        self._key_text: str | None = None

    # ---- pygame_gui (text fields) ----
    @property
    def gui(self) -> Any:
        """The App's one pygame_gui ``UIManager``, sized to the window and themed for ``ctx``."""
        if self._gui is None:
            import pygame_gui

            # no live theme reloads: they would stat the theme file every second for nothing
            self._gui = pygame_gui.UIManager(self.screen.get_size(), enable_live_theme_updates=False)
            self._gui.get_theme().load_theme(gui_theme(self.ctx))
        return self._gui

    def _resize_gui(self) -> None:
        """New window size or text size: resize the manager and rescale its theme. Scenes lay
        out again on the new ``ctx.version``, which replaces every field's element."""
        if self._gui is None:
            return
        self._gui.set_window_resolution(self.screen.get_size())
        # '@pxN' font classes are named by pixel size, so the ones a new scale needs are added anew
        self._gui.get_theme().update_theming(gui_theme(self.ctx))

    def _field_owner(self) -> TextField | None:
        top = self.top
        return top.ui.focused_field if top is not None else None

    def sync_text_focus(self) -> None:
        """pygame_gui's focus follows ours: the top scene's focused field, or nothing."""
        if self._gui is None:
            return
        field = self._field_owner()
        want = field.entry if field is not None else None
        current = self._gui.get_focus_set()
        newly = None
        if want is None:
            if current:
                self._gui.set_focus_set(None)
        elif not want.is_focused:
            self._gui.set_focus_set(want)
            newly = field
            try:  # an IME shows its candidates next to the field
                pygame.key.set_text_input_rect(field.rect)  # type: ignore[union-attr]
            except (pygame.error, AttributeError):
                pass
        top = self.top
        if top is not None:
            for f in top.ui.text_fields():
                f.show_focus(f is field)
        if newly is not None:
            newly.took_focus()  # after its focused look is built, which would drop a selection

    def _to_text_field(self, ev: pygame.event.Event) -> bool:
        """Give ``ev`` to the manager when a field has focus; True if the scene must not see it."""
        if self._gui is None:
            return False
        field = self._field_owner()
        if field is None:
            return False
        self.sync_text_focus()
        kind = ev.type
        if kind in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            before = field.text
            self._gui.process_events(ev)
            field.sync()
            if kind == pygame.TEXTINPUT:
                field.typed(ev.text, before, self.elapsed)
            return True
        if kind == pygame.KEYDOWN:
            if ev.key in _FIELD_PASS_KEYS:
                return False
            used = bool(self._gui.process_events(ev))
            field.sync()
            ch = getattr(ev, "unicode", "") or ""
            # a printable key's character arrives as TEXTINPUT; the key itself is not a hotkey here
            command = ev.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META)
            return used or (ch != "" and ch.isprintable() and not command)
        if kind in (pygame.KEYUP, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            # ends a drag selection / Enter release; the scene still sees it (hover, tooltips)
            self._gui.process_events(ev)
            field.sync()
        return False

    # ---- settings ----
    def apply_settings(self) -> None:
        w, h = self.screen.get_size()
        version = self.ctx.version
        self.ctx.configure(w, h, self.settings.colour_blind, self.settings.text_scale)
        self.sounds.set_volume(self.settings.master_volume, self.settings.sfx_volume)
        self._dim = None
        if self.ctx.version != version:
            self._resize_gui()

    def save_settings(self) -> None:
        if self.persist_settings:
            kept = self.settings
            if self.chosen_size is not None:  # the screen forced a smaller window this time: keep
                kept = replace(kept, width=self.chosen_size[0], height=self.chosen_size[1])  # the player's size
            save_settings(kept, self.settings_file)

    def desktop_size(self) -> tuple[int, int] | None:
        """The size of the desktop the window opens on (SDL's first display); None if unknown,
        or when there is no real window (headless: the dummy driver makes a desktop up)."""
        return self.desktop or (primary_desktop() if self.windowed else None)

    def window_sizes(self) -> tuple[tuple[int, int], ...]:
        """The window sizes Settings offers: those that fit the desktop (the smallest always)."""
        return fitting_sizes(WINDOW_SIZES, self.desktop_size())

    def set_window(self, size: tuple[int, int] | None = None, fullscreen: bool | None = None) -> None:
        if fullscreen is not None:
            self.settings.fullscreen = fullscreen
        if size is not None:
            self.settings.width, self.settings.height = size
            self.chosen_size = None  # the player chose this one: it is the one to keep
        if self.windowed:
            if self.settings.fullscreen:
                self.screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.screen = pygame.display.set_mode((self.settings.width, self.settings.height), pygame.RESIZABLE)
                if size is not None:
                    center_window()  # grown from its old corner it could run off the screen (play-test)
        self.apply_settings()

    def dim_surface(self) -> pygame.Surface:
        if self._dim is None or self._dim.get_size() != self.screen.get_size():
            self._dim = pygame.Surface(self.screen.get_size(), pygame.SRCALPHA)
            self._dim.fill((6, 9, 14, 178))
        return self._dim

    # ---- the stack ----
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> Scene:
        self.stack.append(scene)
        self.sync_text_focus()
        if scene.opaque and self.windowed:
            self.fade = FADE_S  # a short fade from black between full screens (real windows only)
        return scene

    def pop(self, scene: Scene | None = None) -> None:
        if not self.stack:
            return
        if scene is None:
            scene = self.stack.pop()
            scene.dispose()  # its pygame_gui elements go with it
        elif scene in self.stack:
            self.stack.remove(scene)
            scene.dispose()
        self.sync_text_focus()
        if self.top is not None:
            self.top.on_top()

    def replace(self, scene: Scene) -> Scene:
        for old in self.stack:
            old.dispose()
        self.stack.clear()
        return self.push(scene)

    def find(self, cls: type) -> Scene | None:
        for s in reversed(self.stack):
            if isinstance(s, cls):
                return s
        return None

    def quit(self) -> None:
        from game.ui.scenes.table import TableScene

        table = self.find(TableScene)
        if isinstance(table, TableScene):
            table.autosave_on_leave()
        self.save_settings()
        self.running = False

    # ---- one frame ----
    def handle(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.QUIT:
            self.quit()
            return
        if ev.type == pygame.TEXTINPUT:
            pending, self._key_text = self._key_text, None
            if pending is not None and ev.text == pending:
                return
        else:
            self._key_text = None
        if ev.type == pygame.VIDEORESIZE and self.windowed and not self.settings.fullscreen:
            w = min(MAX_SIZE[0], max(MIN_SIZE[0], ev.w))
            h = min(MAX_SIZE[1], max(MIN_SIZE[1], ev.h))
            self.screen = pygame.display.set_mode((w, h), pygame.RESIZABLE)
            self.apply_settings()
            return
        if ev.type == pygame.KEYDOWN:
            if ev.key == pygame.K_F11:
                self.set_window(fullscreen=not self.settings.fullscreen)
                self.save_settings()
                for s in self.stack:  # as the Settings row does: what shows a setting shows the new one
                    s.relayout()
                return
            if ev.key in (pygame.K_F9, pygame.K_F10):  # facilitator view (PIN) / projector layout
                from game.ui.scenes.facilitator import open_tool

                if open_tool(self, "facilitator" if ev.key == pygame.K_F9 else "projector"):
                    return
            if ev.key == pygame.K_F1:
                from game.ui.scenes.overlays import HelpScene

                if not isinstance(self.top, HelpScene):
                    self.push(HelpScene(self))
                return
        top = self.top
        if top is not None:
            top.ensure_layout()
            if self._to_text_field(ev):
                return
            top.handle_event(ev)
            typed = str(getattr(ev, "unicode", "")) if ev.type == pygame.KEYDOWN else ""
            if typed and self.top is not top:
                self._key_text = typed
            self.sync_text_focus()

    def update(self, dt: float) -> None:
        self.elapsed += dt
        self.fade = max(0.0, self.fade - dt)
        top = self.top
        if top is None:
            self.running = False
            return
        top.ensure_layout()
        top.update(dt)
        fields = [f for s in self.stack for f in s.ui.text_fields()] if self._gui is not None else []
        if fields:
            self.sync_text_focus()
            self._gui.update(dt)  # cursor blink, drag selection, double-click timing
            for f in fields:
                f.refresh_image()
        if top is self.top and top.game_runs:
            from game.ui.scenes.table import TableScene

            table = self.find(TableScene)
            if isinstance(table, TableScene) and table is not top:
                table.run_game(dt)

    def draw(self, surf: pygame.Surface | None = None) -> None:
        surf = surf or self.screen
        start = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                start = i
                break
        visible = self.stack[start:]
        for s in visible:
            s.ensure_layout()
            s.draw(surf)
            if self._gui is not None and s.ui.text_fields():
                # only this scene's fields exist among the visible ones (two field scenes are
                # never shown at once), so the whole manager is drawn here, under any overlay
                self._gui.draw_ui(surf)
                for f in s.ui.text_fields():
                    f.draw_refusal(surf, self.ctx, self.elapsed)
        if visible:
            visible[-1].draw_overlay(surf)
        if self.fade > 0:
            veil = pygame.Surface(surf.get_size())
            veil.set_alpha(int(255 * self.fade / FADE_S))
            surf.blit(veil, (0, 0))

    def idle(self) -> bool:
        """Nobody has touched the window for a while and nothing on it moves quickly: the loop
        can draw fewer frames (packaged-build test: 58% of a core on the title screen, idle)."""
        if self.elapsed - self.last_input < IDLE_AFTER_S or self.fade > 0:
            return False
        return not any(s.animating() for s in self.stack)

    def frame(self, dt: float = 1 / 60, events: list[pygame.event.Event] | None = None, flip: bool = False) -> None:
        if events is None:
            events = pygame.event.get()
        if any(ev.type in _INPUT for ev in events):
            self.last_input = self.elapsed
        for ev in events:
            self.handle(ev)
            if not self.running:
                return
        self.update(dt)
        if not self.running:
            return
        self.draw()
        self.frames += 1
        if flip:
            pygame.display.flip()


def write_crash_log(exc: BaseException) -> Path | None:
    try:
        d = logs_dir()
        d.mkdir(parents=True, exist_ok=True)
        p = d / f"crash-{_dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.log"
        p.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return p
    except OSError:
        return None


def handle_crash(app: App, exc: BaseException) -> None:
    """Save first, log second, then show one plain message with the log's path."""
    from game.ui.scenes.overlays import MessageScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.title import TitleScene

    saved = None
    state = None
    table = app.find(TableScene)
    if isinstance(table, TableScene):
        from game.ui import saves

        state = table.session.state
        saved = saves.emergency_save(state, **table.session.kept())
    log = None
    try:
        # persistence's crash log masks secrets (ballots, agendas) so a hot-seat group finds none
        from game.persistence import write_crash_log as scrubbed_log

        log = scrubbed_log(exc, state, saved)
    except (ImportError, OSError):
        log = write_crash_log(exc)
    # a save is spoken of only when a game was open (a crash on the title screen has none)
    save_text = "" if state is None else t("ui.crash.saved", save=str(saved)) if saved else t("ui.crash.nosave")
    msg = t("ui.crash.body", log=str(log) if log else t("ui.crash.nolog"), save_text=save_text)
    app.replace(TitleScene(app))
    app.push(MessageScene(app, t("ui.crash.title"), msg))


def center_window() -> None:
    """Put the game's window in the middle of its screen (pygame-ce's Window; quietly nothing
    where the platform will not move windows)."""
    try:
        pygame.Window.from_display_module().position = pygame.WINDOWPOS_CENTERED
    except (pygame.error, AttributeError):
        pass


def primary_desktop() -> tuple[int, int] | None:
    """The first display's desktop size (where SDL opens a new window), None if SDL cannot tell."""
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    return (int(sizes[0][0]), int(sizes[0][1])) if sizes else None


HEADLESS_DRIVERS = ("offscreen", "dummy", "evdev")  # SDL video drivers that show no window on a desktop


def make_app(args: argparse.Namespace | None = None, windowed: bool = True) -> App:
    """The game, on its title screen.

    Raises:
        pygame.error: no window can be opened, or (``windowed``) SDL found no display and fell
            back to a driver nobody can see, which it was not asked for.
    """
    pygame.init()
    driver = pygame.display.get_driver() if pygame.display.get_init() else ""
    if windowed and driver in HEADLESS_DRIVERS and os.environ.get("SDL_VIDEODRIVER", "").lower() != driver:
        # packaged-build test: with no display the game ran invisibly until killed
        raise pygame.error(f"no display was found, and SDL's {driver} driver would draw where nobody can see it")
    settings, notice = load_settings()
    chosen = (settings.width, settings.height)
    if windowed:  # a size saved on a bigger screen shrinks to the largest that fits this one
        settings.width, settings.height = fit_size((settings.width, settings.height), WINDOW_SIZES, primary_desktop())
    pygame.display.set_caption(t("ui.window_title"))
    try:  # the app icon (assets/images/icon.png, also the build's .ico/.icns); drawn emblem if absent
        from game.resources import resource_path

        pygame.display.set_icon(pygame.image.load(str(resource_path("assets", "images", "icon.png"))))
    except (pygame.error, OSError, FileNotFoundError):
        try:
            icon_mod = __import__("game.ui.render", fromlist=["make_icon"])
            pygame.display.set_icon(icon_mod.make_icon())
        except (pygame.error, AttributeError, ImportError):
            pass
    if settings.fullscreen and windowed:
        screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
    else:
        screen = pygame.display.set_mode((settings.width, settings.height), pygame.RESIZABLE if windowed else 0)
    app = App(screen, settings, notice, windowed=windowed)
    if (settings.width, settings.height) != chosen:  # saved on a bigger screen: saved again as it was
        app.chosen_size = chosen  # (play-test: one run on a small screen left a large one a small window)
    problem = folder_problem(data_dir())
    if problem is not None:  # said before a save fails (the settings' own notice after it)
        app.notice = " ".join(x for x in (t("ui.notice.saves_unusable", why=problem), app.notice) if x)
    from game.ui.scenes.title import TitleScene

    app.push(TitleScene(app))
    return app


def run_app(args: argparse.Namespace) -> int:
    """Open the game window and play until the player quits."""
    set_saves_dir(getattr(args, "saves_dir", None))
    try:
        app = make_app(args)
    except pygame.error as e:  # no display, no driver: one sentence, not a traceback
        sys.stderr.write(f"board-of-peace: cannot open the game window ({e}).\n")
        return 2
    clock = pygame.time.Clock()
    crashes = 0
    while app.running:
        dt = min(clock.tick(IDLE_FPS if app.idle() else FPS) / 1000.0, 0.1)
        try:
            app.frame(dt, flip=True)
        except Exception as exc:  # noqa: BLE001 - the crash net: save, log, tell the player
            crashes += 1
            if crashes > 3:
                sys.stderr.write(f"board-of-peace: the game stopped after repeated errors: {exc}\n")
                return 1
            handle_crash(app, exc)
    pygame.quit()
    return 0
