"""Each personality words its sentences in its own voice, with exactly the same figures."""

from __future__ import annotations

import string

import pytest

from game.ai import explain
from game.ai.explain import TEMPLATES, VOICES, say
from game.ai.personality import PERSONALITY_TABLE
from game.core import Action, Role


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("voice", sorted(VOICES))
def test_a_voice_shows_the_same_figures_as_the_plain_sentence(voice):
    assert voice in PERSONALITY_TABLE
    for key, words in VOICES[voice].items():
        assert key in TEMPLATES, f"{voice}: no plain template for {key}"
        assert _fields(words) == _fields(TEMPLATES[key]), f"{voice}.{key}"
        assert words != TEMPLATES[key]


def test_the_voices_differ_from_each_other_on_the_bargaining_sentences():
    for key in ("counter", "accept", "walk_low", "price"):
        said = {VOICES.get(v, {}).get(key, TEMPLATES[key]) for v in PERSONALITY_TABLE}
        assert len(said) == len(PERSONALITY_TABLE), key


def test_say_uses_the_voice_then_the_plain_words():
    a = Action(Role.S, "walk", ())
    assert say(a, "walk_worse", voice="hawk").reason.startswith("No. ")
    assert say(a, "walk_worse").reason.startswith("I walk away")
    assert say(a, "walk_worse", voice="pragmatist").reason.startswith("I walk away")
    assert say(a, "pass_none", voice="hawk").reason == TEMPLATES["pass_none"]  # no voiced form: plain
    assert say(a, "walk_worse", voice="hawk").key == "walk_worse"


def test_the_catalogue_can_reword_a_voice_and_a_bad_entry_falls_back(monkeypatch):
    a = Action(Role.S, "walk", ())
    monkeypatch.setattr(explain, "catalogue", lambda: {"ai.hawk.walk_low": "Never: only {u}%."})
    assert say(a, "walk_low", voice="hawk", u=4, need=9).reason == "Never: only 4%."
    monkeypatch.setattr(explain, "catalogue", lambda: {"ai.hawk.walk_low": "Never: {missing}."})
    d = say(a, "walk_low", voice="hawk", u=4, need=9)
    assert d.reason == VOICES["hawk"]["walk_low"].format(u=4, need=9)


@pytest.mark.parametrize("voice", ["", *sorted(VOICES)])
@pytest.mark.parametrize(("pp", "article"), [(85, "an"), (8, "an"), (11, "an"), (18, "an"), (58, "a"), (1, "a"),
                                             (100, "a"), (180, "a")])
def test_a_figure_that_begins_with_a_vowel_sound_takes_an(voice, pp, article):
    # play-test: "a 85% chance"
    a = Action.make(Role.H, "propose", "settlement")
    text = say(a, "propose", voice, terms="a Settlement", gain=2.4, pp=pp).reason
    assert f" {article} {pp}%" in text and f" {'a' if article == 'an' else 'an'} {pp}%" not in text
    assert "a Settlement" in text  # the article of a word is left alone
