"""Text fields (pygame_gui's UITextEntryLine inside our widgets), driven by real events headless.

Typing posts TEXTINPUT (what SDL and IMEs send); editing keys are KEYDOWN, as from a keyboard.
"""

from __future__ import annotations

import json

import pygame

from game.core import Role
from game.palette import palette
from game.resources import resource_path
from game.ui.app import App
from game.ui.scenes.setup import SetupScene
from game.ui.widgets import TextField

from .driver import click, key, post, type_text


def _setup(app: App) -> SetupScene:
    scene = SetupScene(app)
    app.replace(scene)
    app.frame()
    return scene


def _name_field(scene: SetupScene, row: int = 0) -> TextField:
    f = scene.ui.widgets[4 + 4 * row]
    assert isinstance(f, TextField)
    return f


def _seed_field(scene: SetupScene) -> TextField:
    f = scene.ui.widgets[3]
    assert isinstance(f, TextField) and f.digits_only
    return f


def drawn_text(field: TextField) -> str:
    """The string the entry actually laid out for drawing (not the value it holds)."""
    layout = field.entry.drawable_shape.text_box_layout
    return "".join(getattr(item, "text", "") for row in layout.layout_rows for item in row.items)


def test_the_cursor_moves_and_typing_inserts_in_the_middle(app: App) -> None:
    scene = _setup(app)
    field = _name_field(scene)
    assert field.text == "Custodian Coalition"
    post(app, click(field.rect.center) + [key(pygame.K_HOME), key(pygame.K_RIGHT), key(pygame.K_RIGHT)]
         + type_text("Zz"))
    assert field.text == "CuZzstodian Coalition"
    assert scene.seats[Role.H]["name"] == "CuZzstodian Coalition"  # on_change reached the scene
    post(app, [key(pygame.K_BACKSPACE), key(pygame.K_LEFT), key(pygame.K_DELETE), key(pygame.K_END)]
         + type_text(" II"))
    assert scene.seats[Role.H]["name"] == "Custodian Coalition II"  # Backspace ate z, Delete the Z
    assert field.entry.is_focused and scene.ui.focused is field  # Left/Right stayed in the field
    assert drawn_text(field) == "Custodian Coalition II"


def test_tab_and_down_leave_the_field_and_its_typing_stops(app: App) -> None:
    scene = _setup(app)
    field = _name_field(scene)
    post(app, click(field.rect.center))
    assert field.entry.is_focused
    post(app, [key(pygame.K_TAB)])
    assert scene.ui.focused is not field and not field.entry.is_focused
    post(app, type_text("x"))
    assert field.text == "Custodian Coalition"
    post(app, [key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)])  # back again, by keyboard
    assert scene.ui.focused is field and field.entry.is_focused
    post(app, [key(pygame.K_DOWN)])
    assert scene.ui.focused is not field and not field.entry.is_focused


def test_a_letter_key_in_a_field_is_typed_not_a_hotkey(app: App) -> None:
    scene = _setup(app)
    field = _name_field(scene, 1)
    post(app, click(field.rect.center) + [key(pygame.K_END), key(pygame.K_SPACE, " "), key(pygame.K_p, "p")])
    assert field.text == "Sanctioned Power p"  # KEYDOWN + TEXTINPUT, as SDL sends them: typed once


def test_the_digits_only_seed_refuses_letters(app: App) -> None:
    scene = _setup(app)
    seed = _seed_field(scene)
    before = scene.seed
    post(app, click(seed.rect.center) + [key(pygame.K_END)] + type_text("a7b-8 "))
    assert scene.seed == before + "78"
    assert seed.text.isdigit()


def test_every_seed_the_command_line_takes_can_be_typed_and_no_larger(app: App) -> None:
    # play-test: the field stopped at 9 digits, while `simulate --seed` takes up to 2147483647
    from game.text import t
    from game.ui.scenes.setup import SEED_MAX
    from game.ui.scenes.table import TableScene

    scene = _setup(app)
    seed = _seed_field(scene)
    post(app, click(seed.rect.center) + [key(pygame.K_END)] + [key(pygame.K_BACKSPACE)] * 10 + type_text("2147483648"))
    scene.start()
    assert app.top is scene and scene.error == t("ui.setup.seed_too_big", max=SEED_MAX)
    post(app, click(seed.rect.center) + [key(pygame.K_END), key(pygame.K_BACKSPACE)] + type_text("7"))
    assert scene.seed == str(SEED_MAX)
    scene.start()
    table = app.find(TableScene)
    assert isinstance(table, TableScene) and table.session.state.seed == SEED_MAX


def test_a_field_stops_at_its_maximum_length(app: App) -> None:
    scene = _setup(app)
    seed = _seed_field(scene)
    post(app, click(seed.rect.center) + [key(pygame.K_END)] + [key(pygame.K_BACKSPACE)] * 10
         + type_text("1234567890123"))
    assert seed.max_len == 10 and scene.seed == "1234567890"
    name = _name_field(scene, 2)
    post(app, click(name.rect.center) + [key(pygame.K_END)] + type_text("x" * 40))
    assert len(name.text) == name.max_len == 28


def test_a_field_says_why_it_did_not_take_a_keystroke_for_a_moment(app: App) -> None:
    # play-test: a long name stopped growing at its limit and nothing said why
    from game.text import t
    from game.ui.widgets import REFUSAL_S

    scene = _setup(app)
    name = _name_field(scene, 1)
    warn = palette(False)["warn"]

    def border_warns(field: TextField) -> bool:
        app.draw()
        return tuple(app.screen.get_at((field.rect.centerx, field.rect.top)))[:3] == warn

    post(app, click(name.rect.center) + [key(pygame.K_END)] + type_text("x" * (name.max_len - len(name.text))))
    assert len(name.text) == name.max_len and name.refused_why == "" and not border_warns(name)  # it all fitted
    post(app, type_text("y"))
    assert name.refused_why == t("ui.field.full", n=name.max_len) == "28 characters at most"
    assert border_warns(name)
    for _ in range(int(REFUSAL_S * 60) + 2):
        app.frame(1 / 60)
    assert not border_warns(name)  # only for a moment
    seed = _seed_field(scene)
    post(app, click(seed.rect.center) + type_text("7"))
    assert seed.refused_why == "" and not border_warns(seed)
    post(app, type_text("q"))
    assert seed.refused_why == t("ui.field.digits_only") and border_warns(seed)


def test_the_facilitator_pin_is_never_drawn_in_clear(app: App) -> None:
    from game.persistence.facilitator import change_pin
    from game.ui import showcase
    from game.ui.scenes.facilitator import PinScene
    from game.ui.scenes.table import TableScene
    from game.ui.session import GameSession

    change_pin("2468")  # set outside the game (Settings on the title screen); F9 only asks for it
    table = TableScene(app, GameSession(showcase.midgame((Role.H,)), autosaves=False))
    app.replace(table)
    app.frame()
    post(app, [key(pygame.K_F9)])
    pin_scene = app.top
    assert isinstance(pin_scene, PinScene)
    field = pin_scene.ui.widgets[0]
    assert isinstance(field, TextField) and field.entry.is_focused
    post(app, type_text("48x15"))
    assert pin_scene.pin == "4815" and field.text == "4815"
    assert field.entry.is_text_hidden
    shown = drawn_text(field)
    assert shown == "\u2022" * 4 and not any(ch.isdigit() for ch in shown)


def test_the_field_still_works_after_a_window_resize_and_fullscreen(app: App) -> None:
    app.windowed = True  # a real window's path: VIDEORESIZE sets a new mode (the dummy driver allows it)
    scene = _setup(app)
    small = _name_field(scene)
    post(app, click(small.rect.center))
    small_px = small.entry.font.point_size
    old_entry = small.entry
    post(app, [pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900))])
    assert app.screen.get_size() == (1600, 900)
    assert app.gui.window_resolution == (1600, 900)
    big = _name_field(scene)
    assert big is not small and not old_entry.alive()  # the old element went with the old layout
    assert big.entry.rect == big.rect and big.rect.width > 250
    assert big.entry.font.point_size > small_px  # the font follows the window
    assert scene.ui.focused is big and big.entry.is_focused  # focus kept across the relayout
    post(app, [key(pygame.K_END)] + type_text("!"))
    assert scene.seats[Role.H]["name"] == "Custodian Coalition!"
    post(app, [key(pygame.K_F11)])
    assert app.gui.window_resolution == app.screen.get_size()
    field = _name_field(scene)
    post(app, click(field.rect.center) + [key(pygame.K_END)] + type_text("?"))
    assert scene.seats[Role.H]["name"] == "Custodian Coalition!?"


def test_the_font_follows_the_text_size_setting(app: App) -> None:
    scene = _setup(app)
    before = _name_field(scene).entry.font.point_size
    app.settings.text_scale = 1.25
    app.apply_settings()
    app.frame()
    assert _name_field(scene).entry.font.point_size == round(16 * 1.25) > before


def test_leaving_a_screen_kills_its_fields_and_the_table_never_makes_the_manager(app: App) -> None:
    from game.ui.scenes.title import TitleScene

    app.replace(TitleScene(app))
    app.frame()
    assert app._gui is None  # the title screen costs nothing of pygame_gui
    post(app, [key(pygame.K_RETURN, "\r")])
    scene = app.top
    assert isinstance(scene, SetupScene)
    entries = [f.entry for f in scene.ui.text_fields()]
    assert len(entries) == 1 + len(scene.seats) and all(e.alive() for e in entries)
    post(app, click(_name_field(scene).rect.center))
    assert pygame.key.get_repeat() != (0, 0)  # held keys repeat while typing
    post(app, [key(pygame.K_ESCAPE)])
    assert isinstance(app.top, TitleScene)
    assert not any(e.alive() for e in entries)
    assert not app.gui.get_focus_set()
    assert pygame.key.get_repeat() == (0, 0)  # a focused field's key repeat ends with it
    assert not [s for s in app.gui.get_sprite_group().sprites() if type(s).__name__ == "UITextEntryLine"]


def test_the_theme_uses_the_palette_and_the_bundled_font() -> None:
    theme = json.loads(resource_path("assets", "theme", "theme.json").read_text(encoding="utf-8"))
    pal = palette(False)
    hexes = {f"#{r:02X}{g:02X}{b:02X}" for r, g, b in pal.values()}
    for block in ("text_entry_line", "#focused"):
        for name, colour in theme[block]["colours"].items():
            assert colour.upper() in hexes, f"{block}.{name} {colour} is not a palette colour"
    font = theme["text_entry_line"]["font"]
    for k in ("regular_path", "bold_path", "italic_path"):
        assert resource_path(*font[k].split("/")).is_file()


def test_a_typed_character_is_drawn_in_the_frame_that_reads_it(app: App) -> None:
    scene = _setup(app)
    field = _name_field(scene)
    post(app, click(field.rect.center), frames=5)

    def pixels() -> bytes:
        return pygame.image.tobytes(app.screen.subsurface(field.rect), "RGB")

    before = pixels()
    app.frame(1 / 60, events=type_text("W"))
    typed = pixels()
    app.frame(1 / 60, events=[])
    assert typed != before and typed == pixels()  # not one frame late


def test_a_selection_is_replaced_by_what_is_typed(app: App) -> None:
    scene = _setup(app)
    field = _name_field(scene, 3)
    assert field.text == "Chair"
    post(app, click(field.rect.center) + [key(pygame.K_a, "a", mod=pygame.KMOD_CTRL)] + type_text("Ana"))
    assert scene.seats[Role.M]["name"] == "Ana"  # Ctrl+A selected all; typing replaced it
    post(app, [key(pygame.K_END), key(pygame.K_LEFT, mod=pygame.KMOD_SHIFT),
               key(pygame.K_LEFT, mod=pygame.KMOD_SHIFT)] + type_text("lice"))
    assert scene.seats[Role.M]["name"] == "Alice"


def test_a_non_json_scenario_is_named_and_two_files_of_one_name_read_apart(app: App) -> None:
    # play-test: workshop.toml was left out without a word, and a copy edited from another file
    # showed as a second, identical "Workshop Vault (your file)"
    from game import paths
    from game.ui.scenes.overlays import MessageScene

    folder = paths.data_dir() / "scenarios"
    folder.mkdir(parents=True)
    for f in ("full.json", "lite.json"):
        (folder / f).write_text(json.dumps({"extends": "frozen_reserve", "name": "Workshop Vault"}), encoding="utf-8")
    (folder / "solo.json").write_text(json.dumps({"extends": "frozen_reserve", "name": "Solo"}), encoding="utf-8")
    (folder / "workshop.toml").write_text('name = "Workshop"\n', encoding="utf-8")
    scene = _setup(app)
    labels = [scene.labels[str(folder / f)] for f in ("full.json", "lite.json", "solo.json")]
    assert labels == ["Workshop Vault (your file full.json)", "Workshop Vault (your file lite.json)",
                      "Solo (your file)"]
    told = app.top
    assert isinstance(told, MessageScene) and told.title == "1 scenario file left out"
    assert told.body.startswith("workshop.toml is not a scenario file")
    # facilitator play-test: the same message at every visit to New game; once is enough, and
    # the count under the seats stays; another faulty file is told again
    again = _setup(app)
    assert app.top is again and again.error.startswith("1 scenario file")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    _setup(app)
    told = app.top
    assert isinstance(told, MessageScene) and told.title == "2 scenario files left out"


def test_a_facilitators_own_scenario_file_can_be_chosen_for_a_new_game(app: App) -> None:
    # found in play: New game listed only the bundled scenarios; an edited copy could only be
    # simulated. Files in "scenarios" in the data folder (beside the saves) are listed too, and
    # one that does not load is left out with one sentence, never a traceback.
    from game import paths
    from game.ui.scenes.table import TableScene

    folder = paths.data_dir() / "scenarios"
    folder.mkdir(parents=True)
    (folder / "workshop.json").write_text(json.dumps({"extends": "frozen_reserve", "name": "Tuesday workshop",
                                                      "tokens": 36}), encoding="utf-8")
    (folder / "broken.json").write_text('{"extends": "frozen_reserve", "tokens": "many"}', encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00PNG")
    (folder / "lost.json").write_text('{"extends": "frozen_reserve", "tracks": {"E": 10}}', encoding="utf-8")
    from game.ui.scenes.overlays import MessageScene

    scene = _setup(app)
    mine = str(folder / "workshop.json")
    assert scene.scenarios[-1] == mine and scene.labels[mine] == "Tuesday workshop (your file)"
    assert not any(b in k for k in scene.scenarios for b in ("broken", "binary", "lost"))
    # found in play: only the first bad file was named; now a message names each, one sentence
    # a file, when the screen opens, and the line under the seats says how many
    told = app.top
    assert isinstance(told, MessageScene) and told.title == "3 scenario files left out"
    lines = told.body.split("\n")
    assert [x.split()[2] if x.startswith("Scenario file") else x.split()[1] for x in lines] == [
        "binary.json", "broken.json", "lost.json"]
    assert all(x.endswith(".") and x.count(". ") == 0 and "Error" not in x for x in lines)
    assert "field 'tokens' should be a whole number" in lines[1] and "tracks.E starts at 10" in lines[2]
    assert scene.error.startswith("3 scenario files in ") and "left out" in scene.error
    post(app, [key(pygame.K_RETURN, "\r")])
    assert app.top is scene  # told once
    app.frame()
    assert app.top is scene
    scene.set_scenario(mine)
    scene.start()
    table = app.top
    assert isinstance(table, TableScene)
    assert table.session.state.scenario.name == "Tuesday workshop" and table.session.state.scenario.tokens == 36


def test_a_scenario_file_with_a_number_too_long_to_read_is_left_out_not_a_crash(app: App) -> None:
    # review F5: an integer of over 4300 digits made json.loads raise ValueError, and New game
    # itself crashed at every visit (the bundled scenarios too) until the file was removed
    from game import paths
    from game.ui.scenes.overlays import MessageScene

    folder = paths.data_dir() / "scenarios"
    folder.mkdir(parents=True)
    (folder / "huge.json").write_text('{"extends": "frozen_reserve", "name": "Huge", "tokens": ' + "9" * 5000 + "}",
                                      encoding="utf-8")
    scene = _setup(app)
    assert "frozen_reserve" in scene.scenarios and not any("huge" in k for k in scene.scenarios)
    told = app.top
    assert isinstance(told, MessageScene) and told.title == "1 scenario file left out"
    assert told.body == "Scenario huge.json holds an absurd number."


def test_the_seed_is_never_shown_to_the_table_and_an_empty_one_is_random(app: App) -> None:
    # found in play: the setup screen everyone sees showed "Seed 58841" (time % 100000), and the
    # seed decides every secret agenda: a player could start the same game elsewhere and read them
    from game.ui.scenes.table import TableScene

    starts = []
    for _ in range(3):  # left empty: a random seed each time, not one read off the clock
        scene = _setup(app)
        field = _seed_field(scene)
        assert scene.seed == "" and field.text == "" and field.entry.is_text_hidden
        post(app, [key(pygame.K_F5)])
        table = app.find(TableScene)
        assert isinstance(table, TableScene)
        starts.append(table.session.state.seed)
    assert len(set(starts)) == 3
    scene = _setup(app)
    field = _seed_field(scene)
    post(app, click(field.rect.center) + type_text("4242"))
    assert scene.seed == "4242" and field.text == "4242"
    shown = drawn_text(field)
    assert shown == "\u2022" * 4 and not any(ch.isdigit() for ch in shown)  # typed: bullets only
    post(app, [key(pygame.K_F5)])
    table = app.find(TableScene)
    assert isinstance(table, TableScene) and table.session.state.seed == 4242


def test_an_empty_field_reached_by_keyboard_drops_its_placeholder_before_typing(app: App) -> None:
    # play-test: the seed field, reached with Tab, read "••••random" after typing a seed (the
    # focused look redrew the placeholder, and the typing went in front of it)
    scene = _setup(app)
    field = _seed_field(scene)
    assert field.text == "" and drawn_text(field) == field.placeholder  # unfocused: the placeholder
    scene.ui.focus = scene.ui.widgets.index(field)
    post(app, [])
    assert field.entry.is_focused and drawn_text(field) == ""
    post(app, type_text("2611"))
    assert field.text == "2611" and drawn_text(field) == "\u2022" * 4
