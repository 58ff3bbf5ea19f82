"""The debrief: what a facilitator prints after a game.

``write_debrief(state, out_dir)`` writes charts (PNG), a one-page summary (PNG and printable
HTML) with the Epilogue odds and roll, scores with reasons and the three debrief questions
answered with this game's numbers, a CSV of per-round figures and a plain-text transcript of
every deal with the seats' names. Used by ``python main.py debrief`` and the UI's end screen.

A game still in progress is debriefed from public facts only: no agendas, no sealed ballots,
no private log lines.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.core import GameState, Outcome, PlayerView, Role, outcome
from game.core.scenario import Channel
from game.core.state import DealStatus, LogEntry, Tracks
from game.persistence import charts as C
from game.text import and_list, counted, format_entry, format_line, plural, t

QUESTIONS = ("What did peace cost?", "Who paid?", "Who was watching?")
SUMMARY_SIZE = (1240, 1754)  # the summary page: A4 at 150 dpi
GAUGE_HTML = (900, 108)  # the Epilogue gauge on the HTML page


def gauge_size(page: tuple[int, int] = SUMMARY_SIZE) -> tuple[int, int]:
    """The Epilogue gauge's size on a summary page of ``page`` pixels (its margins, its text size)."""
    w = page[0]
    return w - 2 * int(w * 0.05), max(12, w // 70) * 6


@dataclass
class Debrief:
    """Everything the summary shows, as plain text, computed from one game's state."""

    title: str
    subtitle: str
    result: str
    epilogue: str
    odds: int | None
    roll: int | None
    scores: list[tuple[str, int, list[tuple[str, int]], bool]] = field(default_factory=list)  # name, total, lines, winner
    answers: list[tuple[str, list[str]]] = field(default_factory=list)
    in_progress: bool = False


def paid_out(game: GameState | PlayerView) -> tuple[int, int]:
    """The tokens paid out to the Sanctioned Power, split: (released outright, from escrow once it
    had complied). The export's summary and the in-game debrief both say it this way."""
    outright = min(game.released, game.release_tranches * game.scenario.tranche)
    return outright, game.released - outright


def seat_label(state: GameState, role: Role) -> str:
    """The seat's name, with its role's short name when the two differ."""
    name = state.name_of(role)
    short = state.scenario.roles[role].short
    return name if short.lower() in name.lower() else f"{name} ({short})"


def names_of(state: GameState) -> dict[str, str]:
    return {r.value: state.name_of(r) for r in state.roles}


def _bn(state: GameState, tokens: int) -> str:
    return f"${tokens * state.scenario.token_value_bn}bn"


def _start_tracks(state: GameState) -> Tracks:
    return Tracks(**state.scenario.tracks.model_dump())


def _count(state: GameState, *keys: str) -> int:
    return sum(1 for e in state.log if e.key in keys)


def build_debrief(state: GameState) -> Debrief:
    sc = state.scenario
    names = names_of(state)
    res: Outcome | None = outcome(state)
    start = _start_tracks(state)
    end = state.tracks
    in_progress = res is None
    seats = ", ".join(seat_label(state, s.role) for s in state.seats)
    title = f"Board of Peace: debrief of '{sc.name}'"
    subtitle = f"{len(state.seats)} seats: {seats}."
    if res is None:
        result = f"Game in progress: round {state.round}, {state.phase.value} step. Hidden information is withheld."
    else:
        result = _ending(state, res)
        if res.winners:
            result += ". Winner: " + " and ".join(state.name_of(w) for w in res.winners) + "."
        else:
            result += ". Nobody wins."
    ep = state.epilogue
    if ep is not None:
        epilogue = (
            f"Epilogue: Precedent {end.G} and Credibility {end.C} gave the Watching Power a {ep.odds}% chance of new "
            f"aggression; the roll was {ep.roll}, so {'aggression happened' if ep.aggression else 'deterrence held'}."
        )
    elif res is not None:
        epilogue = "No Epilogue: the war widened before the future aggressor's test."
    else:
        from game.core import epilogue_odds

        epilogue = f"If the game ended now, the odds of new aggression would be {epilogue_odds(sc, end.G, end.C)}%."
    d = Debrief(
        title=title, subtitle=subtitle, result=result, epilogue=epilogue,
        odds=ep.odds if ep else None, roll=ep.roll if ep else None, in_progress=in_progress,
    )
    if res is not None:
        for s in res.scores:
            lines = [(format_line(x.key, x.format_args(), names, sc), x.points) for x in s.lines]
            d.scores.append((seat_label(state, s.role), s.total, lines, s.role in res.winners))
    # --- the three questions, with this game's numbers ---
    release_tokens, escrow_paid = paid_out(state)
    deals = [x for x in state.deals]
    by_channel = {ch: sum(1 for x in deals if x.channel == ch) for ch in Channel}
    cost = [
        f"{counted(len(deals), 'deal', 'deals')} passed: {by_channel[Channel.RELEASE]} by Release, {by_channel[Channel.ESCROW]} by "
        f"Escrow, {by_channel[Channel.REDIRECT]} by Redirect; Peace went from {start.P} to {end.P}.",
        f"The Sanctioned Power received {counted(state.tokens_received, 'token', 'tokens')} ({_bn(state, state.tokens_received)}): "
        f"{release_tokens} released outright, {escrow_paid} paid out of escrow, {state.returned} returned by "
        f"erosion, lapses or the court.",
        f"{counted(state.redirected, 'token', 'tokens')} ({_bn(state, state.redirected)}) "
        f"{plural(state.redirected, 'was', 'were')} redirected to the Peace Fund; "
        f"{state.vault} stayed frozen in the Vault and {state.escrow} in escrow.",
        # a game still in progress "stands at" (play-test: "ended at 9" of a game at round 4)
        f"Deterrence: Credibility {'ended' if state.is_over else 'stands'} at {end.C} (it started at {start.C}) "
        f"and Precedent at {end.G} "
        f"(it started at {start.G})" + (f"; Legal risk reached {state.peaks.L}." if state.peaks.L > start.L else "."),
    ]
    spent = ", ".join(f"{state.name_of(r)} {state.ip_spent[state.idx(r)]}" for r in state.roles if state.plays(r))
    played = [sc.concession(c).name for c in state.played]
    paid = [
        "The Sanctioned Power gave up " + (", ".join(played) if played else "no concessions")
        + (f", worth {state.concession_vp} VP." if state.concession_vp else "."),
        f"Influence spent by choice (not counting what events, fines or the Security guarantee took): {spent}.",
    ]
    if state.fund_spent:
        built = len(state.built)
        paid.append(f"The Peace Fund spent {state.fund_spent}; {counted(built, 'infrastructure project', 'infrastructure projects')} "
                    f"{plural(built, 'was', 'were')} built.")
    if state.detected_defections or (not in_progress and state.undetected_defections):
        hidden = "" if in_progress else f", {state.undetected_defections} unseen"
        paid.append(f"Defections: {state.detected_defections} caught{hidden}.")
    if ep is not None and ep.aggression and res is not None:
        paid.append(_aggression_cost(state, res))
    if res is not None and res.reason.value in ("timeout", "court_collapse"):
        but = " but the Watching Power" if state.plays(Role.F) else ""  # run by the rules, it scores nothing
        paid.append(f"Without a Settlement every seat{but} scored half.")
    if res is not None and res.reason.value == "shared_loss":
        paid.append("Escalation reached 10: every delegation lost together.")
    probes = _count(state, "log.probe_hit", "log.probe_miss")
    hits = _count(state, "log.probe_hit")
    f_name = state.name_of(Role.F)
    who = "The Watching Power" + (f" ({f_name})" if f_name != sc.roles[Role.F].name else "")
    watching = [
        f"{who} saw Precedent end at {end.G} and Credibility at {end.C}.",
        _probed(probes, hits),
    ]
    if ep is not None:
        watching.append(
            f"Precedent {end.G} and Credibility {end.C} set its odds at {ep.odds}%; the roll was {ep.roll}: "
            + ("it struck." if ep.aggression else "it held back.")
        )
    else:
        watching.append(epilogue)
    if res is not None:
        f_score = next((s.total for s in res.scores if s.role == Role.F), None)
        if f_score is not None:
            watching.append(f"The Watching Power scored {f_score} VP.")
    d.answers = [(QUESTIONS[0], cost), (QUESTIONS[1], paid), (QUESTIONS[2], watching)]
    return d


def _probed(probes: int, hits: int) -> str:
    """How often the Watching Power probed, in words: "It never probed.", "It probed once, against
    a weak coalition.", "It probed 3 times, 1 of them against a weak coalition."."""
    if probes == 0:
        return "It never probed."
    if probes == 1:
        return "It probed once, " + ("against a weak coalition." if hits else "but credibility held.")
    return f"It probed {probes} times, {hits} of them against a weak coalition."



def _aggression_cost(state: GameState, res: Outcome) -> str:
    """Who the new aggression cost and who gained, from the score lines themselves: only seats
    that play and score are named (at 3 seats the Chair, at 3-4 the Watching Power are run by
    the rules and score nothing)."""
    sc = state.scenario
    losers: list[tuple[str, int]] = []
    gainers: list[tuple[str, int]] = []
    for s in res.scores:
        for x in s.lines:
            if x.key == "score.epilogue_aggression" and x.points:
                role_name = sc.roles[s.role].name
                who = f"the {role_name}" + (f" ({s.name})" if s.name != role_name else "")
                (losers if x.points < 0 else gainers).append((who, x.points))
    gained = "; " + and_list([f"{n} gained {p}" for n, p in gainers]) if gainers else ""
    if not losers:
        return f"The new aggression cost no seat at the table any VP{gained}."
    lost = {-p for _, p in losers}
    if len(lost) == 1:
        cost = f"{and_list([n for n, _ in losers])} {lost.pop()} VP" + (" each" if len(losers) > 1 else "")
    else:
        cost = and_list([f"{n} {-p} VP" for n, p in losers])
    return f"The new aggression cost {cost}{gained}."


# ---------------------------------------------------------------------------
# files
# ---------------------------------------------------------------------------


def visible_log(state: GameState) -> tuple[LogEntry, ...]:
    """Every line once the game is over; only public lines while it is in progress."""
    lines = state.log + state.private_log if state.is_over else state.log
    return tuple(sorted(lines, key=lambda e: e.seq))


def _ending(state: GameState, res: Outcome) -> str:
    """How the game ended, and when: "Settlement in round 5", "Shared loss (round 3)"."""
    head = t(f"outcome.{res.reason.value}")
    return head + (f" in round {state.settlement_round}" if res.reason.value == "settlement" else f" (round {res.round})")


def final_scores(state: GameState) -> list[str]:
    """The end screen's result as plain lines: how the game ended with the winner(s) (or "Nobody
    wins"), then each seat's score, highest first as the end screen's cards, with its reasons."""
    res = outcome(state)
    if res is None:
        return []
    names = names_of(state)
    sc = state.scenario
    head = _ending(state, res)
    if res.winners:
        who = t("ui.end.winner", names=", ".join(state.name_of(w) for w in res.winners)) + "."
    else:
        who = t("ui.end.nobody") + "."
    out = [f"{head}. {who}"]
    for s in res.standings():
        win = ", winner" if s.role in res.winners else ""
        reasons = [f"{format_line(x.key, x.format_args(), names, sc)} {x.points:+d}" for x in s.lines]
        if s.agenda and not s.agenda_met:  # a met agenda is one of the reasons already
            reasons.append(t("ui.end.agenda_missed", name=sc.agenda(s.agenda).name))
        out.append(f"{s.name}: {t('ui.end.vp', n=s.total)}{win}" + (f" ({'; '.join(reasons)})" if reasons else ""))
    return out


def transcript(state: GameState, said: Sequence[tuple[int, Role, str]] = ()) -> str:
    """The whole public log, round by round, with what the AI delegations said (``said``:
    (log sequence number it follows, seat, sentence), as the table's log showed it), then the
    final scores."""
    names = names_of(state)
    after: dict[int, list[tuple[Role, str]]] = {}
    for seq, role, text in said:
        after.setdefault(seq, []).append((role, text))
    sc = state.scenario
    out = [f"Board of Peace: transcript of '{sc.name}'", ""]
    for s in state.seats:
        agenda = ""
        if state.is_over and state.agenda_of(s.role):
            agenda = f"; secret agenda: {sc.agenda(state.agenda_of(s.role)).name}"
        out.append(f"  {s.name}: {sc.roles[s.role].name} ({s.controller.value}{agenda})")
    for e in visible_log(state):
        if e.key == "log.round":
            out.append("")
            out.append(f"== Round {e.args[0]} ==")
        line = format_entry(e.key, e.args, e.to, names, sc)  # a private line names its seat
        if e.key == "log.event" and e.args and sc.event(e.args[0]).text:
            # the card's text, which the table saw on the card (facilitator play-test: the
            # transcript read "Event: Leak." and no more)
            line += " " + sc.event(e.args[0]).text
        if e.to:
            line = "[to " + ", ".join(names.get(r.value, r.value) for r in e.to) + ", in private] " + line
        out.append(f"  {line}")
        for role, text in after.get(e.seq, []):
            out.append(f"    {names.get(role.value, role.value)}: “{text}”")
    for d in state.deals:
        if d.status == DealStatus.ACTIVE:
            out.append(f"  (deal {d.id} still active: {d.escrow_tokens} tokens in escrow)")
    scores = final_scores(state)
    if scores:
        out += ["", "== Final scores ==", *(f"  {x}" for x in scores)]
    return "\n".join(out) + "\n"


def rounds_csv(state: GameState) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    roles = [r.value for r in state.roles]
    w.writerow(["round", "P", "C", "L", "G", "E", "vault", "escrow", "released", "redirected", "returned", "fund",
                *[f"ip_{r}" for r in roles]])
    # the table as it started, round 0, as the tracks chart's "start" (facilitator play-test: the
    # charts began at the start and the CSV at the end of round 1); IP before round 1's income
    t0, sc = _start_tracks(state), state.scenario
    w.writerow([0, t0.P, t0.C, t0.L, t0.G, t0.E, sc.tokens, 0, 0, 0, 0, 0, *[sc.roles[r].start_ip for r in state.roles]])
    for h in state.history:
        t_ = h.tracks
        w.writerow([h.round, t_.P, t_.C, t_.L, t_.G, t_.E, h.vault, h.escrow, h.released, h.redirected, h.returned,
                    h.fund, *h.ip])
    return buf.getvalue()


def chart_surfaces(state: GameState, size: tuple[int, int] = (960, 540),
                   palette: dict[str, C.Color] | None = None) -> dict[str, pygame.Surface]:
    sc = state.scenario
    limits = {"E": sc.rules.e_loss, "P": sc.motions[next(iter(k for k in sc.motions if k.value == "settlement"))].min_p}
    return {
        "tracks": C.render_tracks_chart(state.history, size, start=_start_tracks(state), limits=limits, palette=palette),
        "tokens": C.render_tokens_chart(state.history, size, total=sc.tokens, token_value_bn=sc.token_value_bn,
                                        palette=palette),
        "influence": C.render_influence_chart(state.history, [r.value for r in state.roles], names_of(state), size,
                                              palette=palette,  # not the seats run by the rules
                                              show=[r.value for r in state.roles if state.plays(r)]),
    }


def render_summary(state: GameState, d: Debrief | None = None, size: tuple[int, int] = SUMMARY_SIZE) -> pygame.Surface:
    """The one-page summary on paper colours (A4 at 150 dpi by default)."""
    d = d or build_debrief(state)
    pal = {**C.PALETTE, **C.PAPER}
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(pal["bg"])
    m = int(w * 0.05)
    fs = max(12, w // 70)
    y = m
    C.text(surf, d.title, (m, y), int(fs * 1.8), pal["text"], bold=True)
    y += int(fs * 2.8)
    for line in C.wrap(d.subtitle, fs, w - 2 * m):
        C.text(surf, line, (m, y), fs, pal["dim"])
        y += int(fs * 1.4)
    y += fs // 2
    for line in C.wrap(d.result, int(fs * 1.3), w - 2 * m, bold=True):
        C.text(surf, line, (m, y), int(fs * 1.3), pal["accent"], bold=True)
        y += int(fs * 1.8)
    if d.odds is not None:
        g = C.render_odds_gauge(d.odds, d.roll, gauge_size(size), palette=pal)
        surf.blit(g, (m, y))
        y += g.get_height() + fs // 2
    for line in C.wrap(d.epilogue, fs, w - 2 * m):
        C.text(surf, line, (m, y), fs, pal["text"])
        y += int(fs * 1.4)
    y += fs
    # scores in columns
    if d.scores:
        C.text(surf, "Scores and why", (m, y), int(fs * 1.3), pal["text"], bold=True)
        y += int(fs * 2)
        cols = min(len(d.scores), 3)
        cw = (w - 2 * m) // cols
        row_y = y
        bottom = y
        for k, (name, total, lines, winner) in enumerate(d.scores):
            cx = m + (k % cols) * cw
            if k % cols == 0 and k:
                row_y = bottom + fs
            yy = row_y
            head = f"{name}: {total} VP" + ("  (winner)" if winner else "")
            C.text(surf, head, (cx, yy), fs, pal["good"] if winner else pal["text"], bold=True)
            yy += int(fs * 1.5)
            for label, pts in lines:
                C.text(surf, f"{pts:+d}", (cx + int(fs * 2.4), yy), int(fs * 0.9), pal["dim"], anchor="topright")
                for part in C.wrap(label, int(fs * 0.9), cw - int(fs * 3.4)):
                    C.text(surf, part, (cx + int(fs * 2.8), yy), int(fs * 0.9), pal["text"])
                    yy += int(fs * 1.2)
            bottom = max(bottom, yy)
        y = bottom + fs
    # the three questions
    for q, answers in d.answers:
        C.text(surf, q, (m, y), int(fs * 1.3), pal["text"], bold=True)
        y += int(fs * 1.9)
        for a in answers:
            for n, line in enumerate(C.wrap(a, fs, w - 2 * m - fs * 2)):
                if n == 0:
                    pygame.draw.circle(surf, pal["accent"], (m + fs // 2, y + int(fs * 0.7)), max(3, fs // 4))
                C.text(surf, line, (m + int(fs * 1.5), y), fs, pal["text"])
                y += int(fs * 1.4)
        y += fs // 2
    # the charts fill what is left of the page: two side by side, the third below if it fits
    room = h - y - m
    if room > h * 0.12 and state.history:
        cw = (w - 2 * m - fs) // 2
        two_rows = room >= 2 * int(cw * 0.5) + fs
        ch = min((room - fs) // 2 if two_rows else room, int(cw * 0.62))
        charts = chart_surfaces(state, (cw, ch), palette=pal)
        surf.blit(charts["tracks"], (m, y))
        surf.blit(charts["tokens"], (m + cw + fs, y))
        if two_rows:
            surf.blit(charts["influence"], (m, y + ch + fs))
            _glance(surf, state, pygame.Rect(m + cw + fs, y + ch + fs, cw, ch), fs, pal)
    return surf


def _glance(surf: pygame.Surface, state: GameState, r: pygame.Rect, fs: int, pal: dict[str, C.Color]) -> None:
    """A box of key figures beside the last chart."""
    pygame.draw.rect(surf, pal["panel"], r)
    ep = state.epilogue
    per = state.scenario.token_value_bn
    rows = [
        ("Rounds played", str(state.round)),
        ("Deals passed", str(len(state.deals))),
        ("To the Sanctioned Power", f"{state.tokens_received} tokens (${state.tokens_received * per}bn)"),
        ("Redirected to the Fund", f"{state.redirected} tokens (${state.redirected * per}bn)"),
        ("Still frozen", f"{state.vault} tokens"),
        ("Infrastructure built", str(len(state.built))),
        ("Peak Escalation", str(state.peaks.E)),
        ("Epilogue odds / roll", f"{ep.odds}% / {ep.roll}" if ep else "none"),
    ]
    C.text(surf, "At a glance", (r.left + fs, r.top + fs // 2), int(fs * 1.1), pal["text"], bold=True)
    y = r.top + int(fs * 2.4)
    step = max(int(fs * 1.5), (r.height - int(fs * 3)) // len(rows))
    for label, value in rows:
        C.text(surf, label, (r.left + fs, y), fs, pal["dim"])
        C.text(surf, value, (r.right - fs, y), fs, pal["text"], bold=True, anchor="topright")
        y += step


def _png_data(surf: pygame.Surface) -> str:
    buf = io.BytesIO()
    pygame.image.save(surf, buf, "summary.png")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def summary_html(state: GameState, d: Debrief | None = None) -> str:
    """A printable, self-contained HTML page (charts inlined as PNG data)."""
    d = d or build_debrief(state)
    e = html.escape
    pal = {**C.PALETTE, **C.PAPER}
    charts = chart_surfaces(state, (900, 500), palette=pal) if state.history else {}
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(d.title)}</title>",
        "<style>body{font-family:'Noto Sans',Arial,sans-serif;max-width:52em;margin:2em auto;color:#181c24}"
        "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin:1.2em 0 .4em}.dim{color:#5a606a}"
        ".result{color:#966e1e;font-weight:bold;font-size:1.15em}table{border-collapse:collapse;margin:.3em 0 1em}"
        "td{padding:.1em .6em;vertical-align:top}td.pts{text-align:right;color:#5a606a}.seat{display:inline-block;"
        "vertical-align:top;width:31%;margin-right:2%}.win{color:#3a8a50}img{width:100%;page-break-inside:avoid}"
        "@media print{body{margin:0;max-width:none;font-size:10pt}}</style></head><body>",
        f"<h1>{e(d.title)}</h1><p class='dim'>{e(d.subtitle)}</p>",
        f"<p class='result'>{e(d.result)}</p><p>{e(d.epilogue)}</p>",
    ]
    if d.odds is not None:
        gauge = C.render_odds_gauge(d.odds, d.roll, GAUGE_HTML, palette=pal)
        parts.append(f"<img alt='Epilogue odds {d.odds}% and roll {d.roll}' src='data:image/png;base64,{_png_data(gauge)}'>")
    if d.scores:
        parts.append("<h2>Scores and why</h2><div>")
        for name, total, lines, winner in d.scores:
            cls = " class='win'" if winner else ""
            rows = "".join(f"<tr><td class='pts'>{p:+d}</td><td>{e(lab)}</td></tr>" for lab, p in lines)
            parts.append(f"<div class='seat'><b{cls}>{e(name)}: {total} VP{' (winner)' if winner else ''}</b>"
                         f"<table>{rows}</table></div>")
        parts.append("</div>")
    for q, answers in d.answers:
        parts.append(f"<h2>{e(q)}</h2><ul>" + "".join(f"<li>{e(a)}</li>" for a in answers) + "</ul>")
    for key, surf in charts.items():
        parts.append(f"<img alt='{e(key)} chart' src='data:image/png;base64,{_png_data(surf)}'>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_debrief(state: GameState, out_dir: str | Path, said: Sequence[tuple[int, Role, str]] = ()) -> list[Path]:
    """Write every debrief file into ``out_dir`` (created if needed); returns the paths written.
    ``said``: what the AI delegations said, for the transcript (see ``transcript``).

    Raises:
        OSError: the folder cannot be written (the CLI turns this into one sentence).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    d = build_debrief(state)
    written: list[Path] = []
    for key, surf in chart_surfaces(state).items():
        p = out / f"chart_{key}.png"
        C.save_png(surf, p)
        written.append(p)
    p = out / "summary.png"
    C.save_png(render_summary(state, d), p)
    written.append(p)
    for name, content in (("summary.html", summary_html(state, d)), ("rounds.csv", rounds_csv(state)),
                          ("transcript.txt", transcript(state, said))):
        p = out / name
        p.write_text(content, encoding="utf-8")
        written.append(p)
    return written
