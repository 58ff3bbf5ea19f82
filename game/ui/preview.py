"""Deal-builder preview: what a motion would change if it passed, from the scenario's numbers.

A pure helper over a PlayerView and Terms (no pygame). It applies the scenario's per-tranche
channel numbers, the concession's Peace gain, and infrastructure effects in the same order the
rules do, clamping each track to 0..10; the Epilogue odds come from the core's own
``epilogue_odds``. tests/ui/test_preview.py checks it against the real core by passing motions
in cloned games.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core import (
    TRANCHE_MOTIONS,
    Channel,
    MotionKind,
    Phase,
    PlayerView,
    Terms,
    epilogue_odds,
    snapback_peace,
)
from game.core.engine import round_end_drift
from game.core.scenario import AgendaCond, InfraEffect
from game.core.scoring import agenda_decided
from game.core.state import DealStatus
from game.text import t

TRACKS = ("P", "C", "L", "G", "E")


@dataclass
class Preview:
    before: dict[str, int]
    after: dict[str, int]
    fund: int = 0  # change to the Peace Fund now
    tokens_out: int = 0  # tokens leaving the Vault
    to_sanctioned_now: int = 0  # tokens the Sanctioned Power receives at once
    later_g: int = 0  # Precedent added later (escrow payout)
    escrow_paid: int = 0  # escrow tokens paid out to the Sanctioned Power now (a Settlement)
    escrow_back: int = 0  # escrow tokens returned to the Vault (a Snapback), never paid out
    g_avoided: int = 0  # Precedent the returned escrow would have added when paid out
    odds_before: int = 0
    odds_after: int = 0
    notes: list[str] = field(default_factory=list)  # catalogue keys

    def delta(self, track: str) -> int:
        return self.after[track] - self.before[track]


def _add(tr: dict[str, int], k: str, d: int) -> None:
    tr[k] = min(10, max(0, tr[k] + d))


def payout_g(view: PlayerView) -> int:
    """Precedent an escrow payout adds per tranche (another figure once Ceasefire Monitors
    are built)."""
    esc = view.scenario.escrow
    monitors = any(view.scenario.infra(b).effect == InfraEffect.MONITORS for b in view.built)
    return esc.g_at_payout_with_monitors if monitors else esc.g_at_payout


def preview_terms(view: PlayerView, terms: Terms) -> Preview:
    sc = view.scenario
    before = {k: getattr(view.tracks, k) for k in TRACKS}
    tr = dict(before)
    pv = Preview(before=before, after=tr)
    if terms.kind in TRANCHE_MOTIONS:
        ch = terms.channel if terms.kind == MotionKind.DEAL and terms.channel else Channel.REDIRECT
        n = terms.tranches
        if terms.kind == MotionKind.DEAL and terms.concession:
            _add(tr, "P", sc.concession(terms.concession).p_gain)
        spec = sc.channels[ch]
        for k in TRACKS:
            d = getattr(spec, k)
            if d:
                _add(tr, k, d * n)
        pv.fund = spec.fund * n
        pv.tokens_out = n * sc.tranche
        if ch == Channel.RELEASE:
            pv.to_sanctioned_now = pv.tokens_out
            pv.notes.append("ui.preview.note.release")
        elif ch == Channel.ESCROW:
            g = payout_g(view)
            pv.later_g = g * n
            pv.notes.append("ui.preview.note.escrow")
        else:
            pv.notes.append("ui.preview.note.redirect")
    elif terms.kind == MotionKind.BUILD and terms.target:
        spec_i = sc.infra(terms.target)
        for k in ("P", "L", "E"):
            d = getattr(spec_i, k)
            if d:
                _add(tr, k, d)
        pv.fund = -spec_i.cost
        pv.notes.append("ui.preview.note.build")
    elif terms.kind == MotionKind.SETTLEMENT:
        # as the core ends the game: the Settlement honours the deals it ends, paying out their
        # escrow with its Precedent, then adds Precedent if the Sanctioned Power received anything
        # (play-test: the ballot said Precedent 4 to 5, and the Settlement left it at 9)
        if sc.escrow.pays_at_settlement:
            g = payout_g(view)
            for d in view.deals:
                if d.status == DealStatus.ACTIVE and d.escrow_tokens:
                    if g:
                        _add(tr, "G", g * d.tranches)
                    pv.escrow_paid += d.escrow_tokens
        if view.tokens_received + pv.escrow_paid > 0 and sc.rules.settlement_g_if_received:
            _add(tr, "G", sc.rules.settlement_g_if_received)
        pv.notes.append("ui.preview.note.settlement")
    elif terms.kind == MotionKind.SNAPBACK:
        # what is at stake (play-test: "no track changes", with 12 tokens and the Precedent
        # their payout would add never mentioned)
        d = next((x for x in view.deals if str(x.id) == terms.target), None)
        if d is not None and d.status == DealStatus.ACTIVE and d.escrow_tokens:
            pv.escrow_back = d.escrow_tokens
            g = payout_g(view)
            pv.g_avoided = g * d.tranches
            _add(tr, "P", -snapback_peace(sc, d))  # its concession is withdrawn
        else:
            pv.notes.append("ui.preview.note.snapback")
    pv.odds_before = epilogue_odds(sc, before["G"], before["C"])
    pv.odds_after = epilogue_odds(sc, tr["G"], tr["C"])
    return pv


def ending(view: PlayerView, after: dict[str, int], settlement: bool = False) -> str | None:
    """The catalogue key of the warning when tracks at ``after`` (or a Settlement) would end the
    game at once: a player must never end it by a Yes they did not see coming."""
    r = view.scenario.rules
    if after["L"] >= r.l_court:
        return "ui.preview.ends.court"
    if after["E"] >= r.e_loss:
        return "ui.preview.ends.escalation"
    if settlement:
        return "ui.preview.ends.settlement"
    return None


def drift_words(view: PlayerView, before: dict[str, int], after: dict[str, int]) -> tuple[str, bool] | None:
    """A warning when a motion raises Peace but leaves it where it still drifts at this round's
    end, and whether that drift alone would end the game in a shared loss (play-test: the
    builder showed Peace 1 to 3 and Escalation 7 to 7, the Deal passed, and Peace 3 still drifted
    Escalation to 10). None when Peace does not rise, or no longer drifts."""
    if view.is_over or view.phase == Phase.EROSION or after["P"] <= before["P"]:
        return None
    sc = view.scenario
    drift = round_end_drift(sc, view.round, after["P"])
    if drift <= 0:
        return None
    e_to = min(10, after["E"] + drift)
    lethal = e_to >= sc.rules.e_loss
    key = "ui.preview.drift_lethal" if lethal else "ui.preview.drift"
    return t(key, p=after["P"], n=drift, a=after["E"], b=e_to, limit=sc.rules.e_loss), lethal


def ending_words(view: PlayerView, key: str) -> str:
    """The words of an ``ending`` warning, with this scenario's limits."""
    r = view.scenario.rules
    return t(key, limit=r.l_court if key.endswith("court") else r.e_loss)


def delta_words(view: PlayerView, after: dict[str, int], fund: int) -> list[str]:
    """Each track that would move from where it stands to ``after``, and the Peace Fund by
    ``fund`` (what a Mobilize or a Redirect is for, what a Build spends; play-test), in the
    ballot's short words; "no track changes" when nothing moves."""
    parts = [t("ui.vote.track_change", track=t(f"ui.track.{k}"), a=getattr(view.tracks, k), b=after[k])
             for k in TRACKS if after[k] != getattr(view.tracks, k)]
    if fund:
        parts.append(t("ui.vote.fund", a=view.fund, b=max(0, view.fund + fund)))
    return parts or [t("ui.vote.no_change")]


def change_words(view: PlayerView, pv: Preview) -> list[str]:
    """What ``pv`` changes, in the ballot's short words: ``delta_words``, escrow paid out or
    returned, and the Epilogue odds."""
    parts = delta_words(view, pv.after, pv.fund)
    if pv.escrow_paid:
        parts.append(t("ui.vote.escrow_paid", n=pv.escrow_paid))
    if pv.escrow_back:
        parts.append(t("ui.vote.escrow_back", n=pv.escrow_back))
    parts.append(t("ui.neg.odds", a=pv.odds_before, b=pv.odds_after))
    return parts


def breaks_agenda(view: PlayerView, terms: Terms, after: dict[str, int]) -> bool:
    """True when passing ``terms`` (tracks at ``after``) would lose the viewer's secret agenda for
    good, while it is still open now: it plays the card the agenda forbids, or takes a track to
    the mark it must never reach."""
    if not view.agenda or agenda_decided(view, view.agenda) is not None:
        return False
    a = view.scenario.agenda(view.agenda)
    if a.cond == AgendaCond.NEVER_PLAYED:
        return terms.kind == MotionKind.DEAL and terms.concession == a.card
    if a.cond == AgendaCond.TRACK_NEVER_REACHED:
        return after[a.track or "E"] >= a.value
    return False


def combined(view: PlayerView, terms: list[Terms]) -> tuple[dict[str, int], int]:
    """Tracks if every motion in ``terms`` passed, carried out in that order (table order), each
    change clamped to 0..10, and what they do to the Peace Fund between them. A Settlement
    among them also pays out the escrow the Deals ahead of it create, and counts the tokens they
    hand over as received (play-test: a Deal by Escrow and a Settlement on one ballot; the line
    left out the Precedent the Settlement would add for that escrow)."""
    sc = view.scenario
    tr = {k: getattr(view.tracks, k) for k in TRACKS}
    fund = 0
    escrow_tranches = handed = 0  # created by the motions ahead: escrow tranches, tokens handed over
    for tm in terms:
        pv = preview_terms(view, tm)
        if tm.kind == MotionKind.SETTLEMENT:
            paid_ahead = 0
            if sc.escrow.pays_at_settlement and escrow_tranches:
                _add(tr, "G", payout_g(view) * escrow_tranches)
                paid_ahead = escrow_tranches * sc.tranche
            got_before = view.tokens_received + pv.escrow_paid > 0  # ``preview_terms`` counted it
            if not got_before and handed + paid_ahead > 0 and sc.rules.settlement_g_if_received:
                _add(tr, "G", sc.rules.settlement_g_if_received)
        for k in TRACKS:
            _add(tr, k, pv.delta(k))
        fund += pv.fund
        if tm.kind == MotionKind.DEAL and tm.channel == Channel.ESCROW:
            escrow_tranches += tm.tranches
        elif tm.kind == MotionKind.DEAL and tm.channel == Channel.RELEASE:
            handed += pv.to_sanctioned_now
    return tr, fund


def combined_after(view: PlayerView, terms: list[Terms]) -> dict[str, int]:
    """Tracks if every motion in ``terms`` passed (``combined``)."""
    return combined(view, terms)[0]
