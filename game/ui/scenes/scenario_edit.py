"""Edit a few numbers of a scenario from New game and keep them as the facilitator's own file.

A workshop facilitator's play-test: the only way to start a table at Escalation 6, or with a
Settlement at Peace 7, was to write JSON by hand in the data folder's ``scenarios``. This box
changes the numbers a workshop most often moves (rounds, the starting Peace and Escalation,
the Peace a Settlement needs, the Vault's tokens and the drift at low Peace) and writes
``scenarios/NAME.json`` beside the saves. From a bundled scenario the file ``extends`` it and
holds only these numbers, so it stays short enough to read and to edit by hand for the rest;
from a file of one's own, the whole scenario. The file is checked by loading it, as New game
will, before it replaces anything; a name already taken asks first.
"""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import paths
from game.core import GameError, MotionKind, load_scenario
from game.core.scenario import Scenario, deep_merge, list_scenarios
from game.paths import safe_exists
from game.text import and_list, t
from game.ui.scene import Overlay
from game.ui.widgets import Button, Cycle, TextField

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.setup import SetupScene

NAME_MAX = 60
# (key, label key): the numbers the box changes
FIELDS = (("rounds", "ui.edit.rounds"), ("P", "ui.edit.peace"), ("E", "ui.edit.escalation"),
          ("min_p", "ui.edit.min_p"), ("tokens", "ui.edit.tokens"), ("drift", "ui.edit.drift"))


def numbers_of(sc: Scenario) -> dict[str, int]:
    """The numbers the box edits, as ``sc`` has them."""
    return {"rounds": sc.rules.rounds, "P": sc.tracks.P, "E": sc.tracks.E,
            "min_p": sc.motions[MotionKind.SETTLEMENT].min_p, "tokens": sc.tokens, "drift": sc.rules.drift_low_e}


def choices(sc: Scenario, key: str) -> list[int]:
    """The values offered for ``key``: a workshop's range, and the scenario's own value."""
    r = sc.rules
    span = {"rounds": range(4, 13), "P": range(0, 6), "E": range(0, r.e_loss),
            "min_p": range(4, 11), "tokens": range(4 * sc.tranche, 13 * sc.tranche, sc.tranche),
            "drift": range(0, 6)}[key]
    return sorted(set(span) | {numbers_of(sc)[key]})


def changes(numbers: dict[str, int]) -> dict[str, Any]:
    """The scenario fields that hold ``numbers`` (nested as a scenario file has them)."""
    return {"rules": {"rounds": numbers["rounds"], "drift_low_e": numbers["drift"]},
            "tracks": {"P": numbers["P"], "E": numbers["E"]},
            "motions": {"settlement": {"min_p": numbers["min_p"]}}, "tokens": numbers["tokens"]}


def description(base: Scenario, numbers: dict[str, int]) -> str:
    """What New game says of the file: its base, and each number that differs from it."""
    was = numbers_of(base)
    changed = [t(f"ui.edit.change.{k}", n=numbers[k]) for k, _ in FIELDS if numbers[k] != was[k]]
    if not changed:
        return t("ui.edit.description_same", base=base.name)
    return t("ui.edit.description", base=base.name, changes=and_list(changed))


def scenario_file(base_key: str, base: Scenario, name: str, numbers: dict[str, int]) -> dict[str, Any]:
    """The file's content: ``extends`` a bundled scenario with only these numbers, or the whole of
    a scenario from a file of one's own, with them."""
    head = {"name": name, "description": description(base, numbers)}
    if base_key in list_scenarios():
        return {"extends": base_key, **head, **changes(numbers)}
    return deep_merge(base.model_dump(mode="json"), {**head, **changes(numbers)})


def file_for(name: str) -> Path:
    """Where a scenario called ``name`` is written (the name cleaned as a save's is)."""
    from game.persistence.store import clean_name

    return paths.data_dir() / "scenarios" / f"{clean_name(name)}.json"


class ScenarioEditScene(Overlay):
    """The numbers, a name, then Save and use (Enter) or Cancel (Esc). A page of its own (opaque):
    its name field and New game's fields are never shown at once (``App.draw`` draws one
    scene's fields), so New game lays its own out again when this page closes."""

    box = (190, 60, 900, 600)
    opaque = True

    def __init__(self, app: App, setup: SetupScene) -> None:
        super().__init__(app)
        self.setup = setup
        self.base_key = setup.scenario_name
        self.base = setup.scenario
        self.numbers = numbers_of(self.base)
        self.name = t("ui.edit.default_name", name=self.base.name)[:NAME_MAX]
        self.error = ""

    def layout(self) -> None:
        ctx = self.ctx
        for i, (key, label) in enumerate(FIELDS):
            col, row = divmod(i, 3)
            opts = choices(self.base, key)
            self.ui.add(Cycle(ctx.r(230 + col * 420, 180 + row * 60, 400, 44), t(label), [(v, str(v)) for v in opts],
                              opts.index(self.numbers[key]), partial(self.set_number, key),
                              t(f"{label}.tip"), wrap=False))
        self.ui.add(TextField(ctx.r(230, 400, 820, 44), self.name, self.set_name, t("ui.edit.tip.name"),
                              max_len=NAME_MAX, size=17, select_on_focus=True))
        self.ui.add(Button(ctx.r(430, 590, 220, 46), t("ui.edit.save"), self.save, t("ui.edit.tip.save"),
                           style="primary", hotkey="Enter"))
        self.ui.add(Button(ctx.r(670, 590, 200, 46), t("ui.btn.cancel"), self.back, t("ui.tip.cancel"), hotkey="Esc"))
        if self.ui.focus < 0:
            self.ui.focus = 0
            self.ui.keyboard_mode = True

    def set_number(self, key: str, v: int) -> None:
        self.numbers[key] = int(v)
        self.error = ""

    def set_name(self, text: str) -> None:
        self.name = text
        self.error = ""

    def save(self) -> None:
        from game.ui.scenes.overlays import ConfirmScene

        name = " ".join(self.name.split())
        if not name:
            self.error = t("ui.edit.empty")
            return
        path = file_for(name)
        if safe_exists(path):
            self.app.push(ConfirmScene(self.app, t("ui.edit.replace_title"), t("ui.edit.replace_body", file=path.name),
                                       t("ui.save.replace"), lambda: self.write(name, path)))
            return
        self.write(name, path)

    def write(self, name: str, path: Path) -> None:
        """Write the file through a temporary one that must load first; then New game uses it."""
        data = scenario_file(self.base_key, self.base, name, self.numbers)
        tmp = path.with_name(f".{path.stem}.editing.json")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            load_scenario(str(tmp))  # as New game will: an invalid mix is one sentence, and nothing replaced
            os.replace(tmp, path)
        except (GameError, OSError) as e:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass  # the folder itself is what failed
            self.error = str(e) if isinstance(e, GameError) else t("ui.edit.write_failed", folder=path.parent,
                                                                    why=paths.why(e))
            return
        self.app.pop(self)
        self.setup.use_scenario_file(path)

    def draw(self, surf: pygame.Surface) -> None:
        surf.fill(self.ctx.pal["bg"])
        super().draw(surf)

    def draw_box(self, surf: pygame.Surface, r: pygame.Rect) -> None:
        ctx = self.ctx
        ctx.blit_text(surf, t("ui.edit.title", name=self.base.name), 22, (r.centerx, r.top + ctx.d(14)), "accent",
                      "bold", anchor="midtop", max_w=r.width - ctx.d(40))
        ctx.blit_wrapped(surf, t("ui.edit.intro"), 13.5, ctx.r(230, 112, 820, 60), "dim")
        ctx.blit_text(surf, t("ui.edit.name"), 14, ctx.p(230, 374), "dim")
        path = file_for(self.name) if self.name.strip() else None
        if self.error:
            ctx.blit_wrapped(surf, self.error, 13.5, ctx.r(230, 456, 820, 120), "bad")
        elif path is not None:
            taken = safe_exists(path)
            key = "ui.edit.exists" if taken else "ui.edit.file"
            ctx.blit_wrapped(surf, t(key, file=path.name, folder=path.parent), 13, ctx.r(230, 456, 820, 120),
                             "warn" if taken else "faint")
