"""The one text catalogue for player-facing strings (``assets/i18n/<lang>.json``).

Another language is another data file. Core log lines and score lines carry catalogue keys
and arguments; this module turns them into sentences with the seats' real names.
Used by the UI, the debrief and transcripts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from game.resources import resource_path

_PLACE = re.compile(r"\{([stcieawhkvy]?)(\d+)\}('s\b)?")
_NAMED_POSSESSIVE = re.compile(r"\{(\w+)\}'s\b")
# "{rules.reimpose_c}", "{scoring.h_l_free}": a number of the scenario the line is read under
# (a hand-edited scenario may change it, so log and score lines must not fix it)
_SCENARIO_NUMBER = re.compile(r"\{(rules|scoring)\.(\w+)\}")
# "{played|concession|concessions}", "{0|time|times}": the word for a count, singular when the
# count (a keyword in ``t``, an argument in ``format_line``) is 1, else plural
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
# a word that must not start a line: a signed figure ("C -1", "Peace +2") or a unit after its
# number ("2 IP", "3 VP"); wrapping keeps it with the word before
_GLUED = re.compile(r"^(?:[+\-\u2212]\d|(?:IP|VP)\b)")


def wrap_words(para: str) -> list[str]:
    """The pieces a line of ``para`` may break between: its words, except that a signed figure
    or a unit stays with the word before it ("C -1", "2 IP"), so no line starts with "-1."."""
    out: list[str] = []
    for w in para.split(" "):
        if out and w and _GLUED.match(w):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


@lru_cache(maxsize=8)
def catalogue(lang: str = "en") -> dict[str, str]:
    path = resource_path("assets", "i18n", f"{lang}.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def t(key: str, lang: str = "en", **kw: object) -> str:
    """Look up ``key`` and fill keyword placeholders; an unknown key shows as itself."""
    text = catalogue(lang).get(key)
    if text is None and lang != "en":
        text = catalogue("en").get(key)
    if text is None:
        return key
    if kw:  # "{played|concession|concessions}": the word for the count
        text = _plurals(text, kw.get)
    if kw and "}'s" in text:  # "{to}'s offer": a name ending in s takes only "'" (see ``possessive``)
        text = _NAMED_POSSESSIVE.sub(
            lambda m: possessive(str(kw[m.group(1)])).replace("{", "{{").replace("}", "}}")
            if m.group(1) in kw else m.group(0), text)
    try:
        return text.format(**kw) if kw else text
    except (KeyError, IndexError, ValueError):
        return text


def plural(n: object, one: str, many: str) -> str:
    """``one`` for a count of 1, ``many`` for any other: plural(1, "deal", "deals") is "deal"."""
    return one if str(n) == "1" else many


def and_list(items: list[str], lang: str = "en") -> str:
    """``["A", "B", "C"]`` as "A, B and C" (the joining word from the catalogue)."""
    if len(items) <= 1:
        return "".join(items)
    return t("ui.votes.and", lang, first=", ".join(items[:-1]), last=items[-1])


def counted(n: int, one: str, many: str) -> str:
    """The count and its word: "1 deal", "3 deals", "0 deals"."""
    return f"{n} {plural(n, one, many)}"


def _plurals(text: str, value: Callable[[str], object | None]) -> str:
    """Fill every ``{x|one|many}`` in ``text`` whose count ``value(x)`` knows (None: left as is)."""
    if "|" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        n = value(m.group(1))
        return m.group(0) if n is None else plural(n, m.group(2), m.group(3))

    return _PLURAL.sub(sub, text)


def possessive(name: str) -> str:
    """``name``'s possessive: "Ana's", but "Custodian Partners'" for a name ending in s."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def tranche_word(n: object, lang: str = "en") -> str:
    """The catalogue's word for ``n`` tranches: "tranche" for 1, else "tranches"."""
    return t("word.tranche" if str(n) == "1" else "word.tranches", lang)


def terms_phrase(args: list[str] | tuple[str, ...], scenario: object, lang: str = "en") -> str:
    """Words for terms given as text arguments, e.g. ``deal local_ceasefire escrow 2``."""
    sc = scenario
    if not args:
        return ""
    kind = args[0]
    per = getattr(sc, "tranche", 3) * getattr(sc, "token_value_bn", 10)

    try:
        if kind == "deal":
            return t(
                "terms.deal", lang, concession=sc.concession(args[1]).name,  # type: ignore[attr-defined]
                tranches=args[3], bn=int(args[3]) * per, channel=t(f"channel.{args[2]}", lang), word=tranche_word(args[3], lang),
            )
        if kind == "mobilize":
            return t("terms.mobilize", lang, tranches=args[1], bn=int(args[1]) * per, word=tranche_word(args[1], lang))
        if kind == "build":
            return t("terms.build", lang, infra=sc.infra(args[1]).name)  # type: ignore[attr-defined]
        if kind == "snapback":
            return t("terms.snapback", lang, deal=args[1])
        return t("terms.settlement", lang)
    except (KeyError, IndexError, ValueError):
        return " ".join(args)


# Log lines whose argument at this index is a side payment signed from the offerer's side
# (positive: the offerer pays). A raw "-2 IP" does not say who pays whom, so the catalogue's
# KEY.pos / KEY.neg / KEY.zero forms say it in words, with the amount made positive.
SIGNED_PAY: dict[str, int] = {"log.accept": 3, "log.counter": 2}


def _signed_pay(key: str, args: tuple[str, ...], lang: str) -> tuple[str, tuple[str, ...]]:
    i = SIGNED_PAY.get(key)
    if i is None or i >= len(args):
        return key, args
    try:
        n = int(args[i])
    except ValueError:
        return key, args
    variant = key + (".pos" if n > 0 else ".neg" if n < 0 else ".zero")
    if variant not in catalogue(lang) and variant not in catalogue("en"):
        return key, args
    return variant, (*args[:i], str(abs(n)), *args[i + 1:])


def format_line(
    key: str, args: tuple[str, ...], names: Mapping[str, str], scenario: object, lang: str = "en"
) -> str:
    """Format a log or score line: ``{sN}`` seat names, ``{tN}`` terms, ``{cN}`` cards, etc.;
    ``{wN}`` is the word for argument N counted in tranches ("1 tranche", "3 tranches");
    ``{hN}`` names the channel whose id is argument N ("release" reads "Release"); ``{kN}`` the
    track whose letter it is ("E" reads "Escalation"); ``{vN}`` opened ballots ("H:YN S:YY" reads
    "Custodian Coalition YN, Sanctioned Power YY"); ``{yN}`` one sealed ballot ("NY" reads "No, Yes")."""
    key, args = _signed_pay(key, tuple(args), lang)
    text = catalogue(lang).get(key) or catalogue("en").get(key) or key
    text = _plurals(text, lambda x: args[int(x)] if x.isdigit() and int(x) < len(args) else None)

    def value(kind: str, a: str) -> str:
        try:
            if kind == "s":
                return names.get(a, a)
            if kind == "t":
                return terms_phrase(a.split(), scenario, lang)
            if kind == "c":
                return str(scenario.concession(a).name)  # type: ignore[attr-defined]
            if kind == "i":
                return str(scenario.infra(a).name)  # type: ignore[attr-defined]
            if kind == "e":
                return str(scenario.event(a).name)  # type: ignore[attr-defined]
            if kind == "a":
                return str(scenario.agenda(a).name)  # type: ignore[attr-defined]
            if kind == "w":
                return tranche_word(a, lang)
            if kind == "h":
                return t(f"channel.{a}", lang)
            if kind == "k":
                return t(f"ui.track.{a}", lang)
            if kind == "y":  # a sealed ballot: "NY" reads "No, Yes"
                return ", ".join(t("ui.vote.yes" if ch == "Y" else "ui.vote.no", lang) for ch in a)
            if kind == "v":  # "H:YN S:YY" reads "Custodian Coalition YN, Sanctioned Power YY"
                seats = (p.partition(":") for p in a.split())
                return ", ".join(f"{names.get(r, r)} {b}" for r, _, b in seats)
        except KeyError:
            return a
        return a

    def sub(m: re.Match[str]) -> str:
        kind, n = m.group(1), int(m.group(2))
        if n >= len(args):
            return m.group(0)
        out = value(kind, args[n])
        if m.group(3):  # "{s0}'s": a seat's possessive, "Custodian Partners'" for a name ending in s
            return possessive(out) if kind == "s" else out + "'s"
        return out

    def number(m: re.Match[str]) -> str:
        v = getattr(getattr(scenario, m.group(1), None), m.group(2), None)
        return m.group(0) if v is None else str(v)

    return _SCENARIO_NUMBER.sub(number, _PLACE.sub(sub, text))


def format_entry(
    key: str, args: tuple[str, ...], to: tuple[object, ...], names: Mapping[str, str], scenario: object,
    reader: object | None = None, lang: str = "en",
) -> str:
    """One log line for ``reader`` (a role; None: anyone, e.g. the whole table after the game).

    A private line is written to its seat ("Your sealed ballot, on each motion in table order: No,
    Yes."); read by anyone else (all private lines are public once the game is over) it names that
    seat instead ("Chair's sealed ballot, ...") from the catalogue's ``KEY.named`` form, whose
    argument 0 is the seat.
    """
    if to and (reader is None or reader not in to):
        named = key + ".named"
        if named in catalogue(lang) or named in catalogue("en"):
            seat = getattr(to[0], "value", to[0])
            return format_line(named, (str(seat), *args), names, scenario, lang)
    return format_line(key, args, names, scenario, lang)
