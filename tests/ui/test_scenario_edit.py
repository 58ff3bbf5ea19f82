"""New game's "Edit its numbers...": a few numbers kept as the facilitator's own scenario file
(workshop play-test: the only way to start at Escalation 6 was to write JSON by hand)."""

from __future__ import annotations

import json

import pygame

from game.core import load_scenario
from game.paths import data_dir
from game.text import t
from game.ui.app import App
from game.ui.scenes.overlays import ConfirmScene
from game.ui.scenes.scenario_edit import ScenarioEditScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.table import TableScene
from game.ui.widgets import Button, Cycle

from .driver import click, key, post


def _open_editor(app: App) -> tuple[SetupScene, ScenarioEditScene]:
    setup = SetupScene(app)
    app.replace(setup)
    app.frame(1 / 60, events=[])
    edit = next(w for w in setup.ui.widgets if isinstance(w, Button) and w.label == t("ui.setup.edit"))
    post(app, click(edit.rect.center))
    editor = app.top
    assert isinstance(editor, ScenarioEditScene)
    assert not setup.ui.text_fields()  # its fields are not drawn over the page
    return setup, editor


def _cycle(editor: ScenarioEditScene, label_key: str) -> Cycle:
    return next(w for w in editor.ui.widgets if isinstance(w, Cycle) and w.label == t(label_key))


def test_edited_numbers_are_kept_as_a_file_of_ones_own_and_chosen_for_the_game(app: App) -> None:
    setup, editor = _open_editor(app)
    base = setup.scenario
    for label in ("ui.edit.escalation", "ui.edit.min_p"):  # the forward chevron: one up
        r = _cycle(editor, label).rect
        post(app, click((r.right - 12, r.centery)))
    assert editor.numbers["E"] == base.tracks.E + 1
    post(app, [key(pygame.K_RETURN, "\r")])  # Save and use
    path = data_dir() / "scenarios" / f"{base.name} - workshop.json"
    assert path.is_file() and not list(path.parent.glob(".*"))  # no temporary file left behind
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["extends"] == "frozen_reserve" and data["tracks"]["E"] == base.tracks.E + 1
    sc = load_scenario(str(path))
    assert sc.tracks.E == base.tracks.E + 1 and sc.motions["settlement"].min_p == base.motions["settlement"].min_p + 1
    assert sc.rules.rounds == base.rules.rounds and sc.escrow == base.escrow  # the rest as it was
    assert sc.description == (f"{base.name}, edited: Escalation starts at {base.tracks.E + 1} and a Settlement "
                              f"needs Peace {base.motions['settlement'].min_p + 1}.")
    # back on New game, with the new scenario chosen and listed as one's own file
    assert app.top is setup and setup.scenario_name == str(path) and setup.scenario == sc
    assert setup.labels[str(path)] == t("ui.setup.scenario_yours", name=sc.name)
    app.frame(1 / 60, events=[])
    assert setup.ui.text_fields()  # laid out again, with its fields
    post(app, [key(pygame.K_F5)])  # Take your seats
    table = app.find(TableScene)
    assert isinstance(table, TableScene) and table.session.state.tracks.E == base.tracks.E + 1


def test_a_name_already_taken_asks_first_and_cancel_keeps_the_file(app: App) -> None:
    _, editor = _open_editor(app)
    path = data_dir() / "scenarios" / f"{editor.base.name} - workshop.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"extends": "frozen_reserve", "name": "Mine"}\n', encoding="utf-8")
    post(app, [key(pygame.K_RETURN, "\r")])
    assert isinstance(app.top, ConfirmScene)
    post(app, [key(pygame.K_ESCAPE)])
    assert app.top is editor and json.loads(path.read_text(encoding="utf-8"))["name"] == "Mine"


def test_a_folder_that_cannot_be_written_is_one_sentence_and_the_page_stays(app: App) -> None:
    folder = data_dir() / "scenarios"
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder", encoding="utf-8")  # the scenarios folder cannot be made
    try:
        _, editor = _open_editor(app)
        post(app, [key(pygame.K_RETURN, "\r")])
        assert app.top is editor and editor.error.startswith("The scenario could not be written in ")
        assert "\n" not in editor.error
    finally:
        folder.unlink()


def test_esc_leaves_new_game_as_it_was(app: App) -> None:
    setup, editor = _open_editor(app)
    before = setup.scenario_name
    post(app, [key(pygame.K_ESCAPE)])
    assert app.top is setup and setup.scenario_name == before
    assert not (data_dir() / "scenarios").exists() or not list((data_dir() / "scenarios").iterdir())
    app.frame(1 / 60, events=[])
    focused = setup.ui.focused
    assert isinstance(focused, Button) and focused.label == t("ui.setup.edit")  # back where it was


def test_a_file_of_ones_own_is_written_whole_with_the_new_numbers(app: App) -> None:
    folder = data_dir() / "scenarios"
    folder.mkdir(parents=True, exist_ok=True)
    mine = folder / "mine.json"
    mine.write_text('{"extends": "frozen_reserve", "name": "Mine", "rules": {"rounds": 6}}\n', encoding="utf-8")
    setup = SetupScene(app)
    app.replace(setup)
    setup.set_scenario(str(mine))
    app.frame(1 / 60, events=[])
    setup.edit_numbers()
    editor = app.top
    assert isinstance(editor, ScenarioEditScene) and editor.numbers["rounds"] == 6
    app.frame(1 / 60, events=[])
    r = _cycle(editor, "ui.edit.escalation").rect
    post(app, click((r.right - 12, r.centery)))
    post(app, [key(pygame.K_RETURN, "\r")])
    path = folder / "Mine - workshop.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"roles", "events", "concessions"} <= set(data)  # a file of one's own may move: the whole scenario
    sc = load_scenario(str(path))
    assert sc.rules.rounds == 6 and sc.tracks.E == load_scenario(str(mine)).tracks.E + 1 and sc.name == "Mine - workshop"
