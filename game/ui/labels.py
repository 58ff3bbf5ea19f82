"""Words for actions, motions, deals, phases and tracks, all from the text catalogue.

Used by the table, the dialogs and the log. Numbers shown come from the scenario data, never
from constants here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.core import (
    Action,
    Channel,
    Controller,
    MotionKind,
    PlayerView,
    Role,
    SeatConfig,
    closed_reason,
    epilogue_odds,
    phased_required,
    round_end_drift,
    settlement_ahead,
    void_reason,
    why_failed,
)
from game.core.actions import terms_to_args
from game.core.scenario import Scenario
from game.core.scoring import ScoreLine
from game.core.state import Deal, LogEntry, Motion, Terms
from game.text import and_list, format_entry, format_line, t, terms_phrase, tranche_word
from game.ui.preview import change_words, ending, ending_words, payout_g, preview_terms


def tn(key: str, n: int, lang: str = "en", **kw: object) -> str:
    """A counted phrase: ``key.zero`` / ``key.one`` when the catalogue has them, else ``key``."""
    from game.text import catalogue

    for suffix, hit in ((".zero", n == 0), (".one", n == 1)):
        if hit and key + suffix in catalogue():
            return t(key + suffix, lang, n=n, **kw)
    return t(key, lang, n=n, **kw)


def names(view: PlayerView) -> dict[str, str]:
    return {r.value: view.name_of(r) for r in view.roles}


def seat_tags(seats: Sequence[SeatConfig]) -> tuple[tuple[Role, ...], dict[Role, str]]:
    """Who plays each seat, from its SeatConfig: the human seats, and each AI seat's personality
    (the round table's "Human" / "Hawk" tags)."""
    humans = tuple(s.role for s in seats if s.controller == Controller.HUMAN)
    ai = {s.role: t(f"ui.personality.{s.personality}") for s in seats if s.controller != Controller.HUMAN}
    return humans, ai


def short(view: PlayerView, role: Role) -> str:
    return view.scenario.roles[role].short


def cap(s: str) -> str:
    """``s`` with its first letter upper-case: terms words ("redirect 1 tranche ...", "build
    Hotline") are written for the middle of a log sentence, and start titles and lines here."""
    return s[:1].upper() + s[1:]


def terms_words(view: PlayerView, terms: Terms) -> str:
    """A motion's terms as its title (capitalised: it starts a title, a line or a label)."""
    return cap(terms_phrase(terms_to_args(terms), view.scenario))


def motion_words(view: PlayerView, m: Motion) -> str:
    return t("ui.motion.line", id=m.id, who=view.name_of(m.proposer), terms=terms_words(view, m.terms))


def drift_ahead(view: PlayerView) -> tuple[int, bool] | None:
    """What Escalation drifts by at the end of this round if Peace stays where it is, and whether
    that ends the game in a shared loss; None when it does not drift (see RULES, the round's end)."""
    drift = 0 if view.is_over else round_end_drift(view.scenario, view.round, view.tracks.P)
    if drift <= 0:
        return None
    return drift, view.tracks.E + drift >= view.scenario.rules.e_loss


def failure_reason(view: PlayerView, kind: MotionKind, yes: Mapping[Role, bool]) -> str:
    """Why the Board turned a motion down ("It needed a Yes from the Frontline State."), from
    the opened ballots: public, like the ballots themselves."""
    why, who = why_failed(view.scenario, kind, yes)
    if not why:
        return ""
    names = [view.name_of(r) for r in who]
    if why == "required":
        return t("ui.votes.why.required", who=and_list(names))
    if why == "tie":
        return t("ui.votes.why.tie", who=names[0])
    return t("ui.votes.why.majority")


def deal_words(view: PlayerView, d: Deal) -> str:
    c = view.scenario.concession(d.concession).name
    if d.status.value != "active":
        return t("ui.deal.line_done", id=d.id, concession=c, tranches=d.tranches, word=tranche_word(d.tranches),
                 channel=t(f"channel.{d.channel.value}"), status=t(f"ui.deal.status.{d.status.value}"))
    return t("ui.deal.line", id=d.id, concession=c, tranches=d.tranches, word=tranche_word(d.tranches),
             channel=t(f"channel.{d.channel.value}"), status=t(f"ui.deal.status.{d.status.value}"),
             streak=d.streak, required=d.required, escrow=d.escrow_tokens)


def score_words(line: ScoreLine, nm: Mapping[str, str], scenario: Scenario) -> str:
    """One line of a score as the end screen and the brief's tip say it ("Credibility 7 +7")."""
    return f"{format_line(line.key, line.format_args(), nm, scenario)} {'+' if line.points >= 0 else ''}{line.points}"


def log_line(view: PlayerView, e: LogEntry, nm: Mapping[str, str]) -> str:
    """One log line as this view reads it: a private line says "Your ..." to its own seat while
    the game runs; once it is over every private line is public and names its seat."""
    return format_entry(e.key, e.args, e.to, nm, view.scenario, reader=None if view.is_over else view.seat)


def pay_words(view: PlayerView, by: Role, other: Role, pay: int) -> str:
    if pay > 0:
        return t("ui.pay.gives", who=view.name_of(by), n=pay, other=view.name_of(other))
    if pay < 0:
        return t("ui.pay.asks", who=view.name_of(by), n=-pay, other=view.name_of(other))
    return t("ui.pay.none")


def pay_short(view: PlayerView, by: Role, other: Role, pay: int, you: Role | None = None, full: bool = False) -> str:
    """Compact side-payment words ("you" for the seat at the screen; short seat names, or the
    delegations' whole names with ``full``) so a narrow selector or list row always shows who
    pays whom and how much."""
    if pay == 0:
        return t("ui.pay.none")
    payer, payee = (by, other) if pay > 0 else (other, by)
    n = abs(pay)

    def name(r: Role) -> str:
        return view.name_of(r) if full else short(view, r)

    if you is not None and payer == you:
        return t("ui.pay.short.you_give", other=name(payee), n=n)
    if you is not None and payee == you:
        return t("ui.pay.short.you_get", other=name(payer), n=n)
    return t("ui.pay.short.gives", who=name(payer), other=name(payee), n=n)


def pay_between_us(view: PlayerView, you: Role, pay: int) -> str:
    """A side payment between the seat at the screen and the one other delegation it bargains
    with, named by neither: "You pay them 2 IP", "They pay you 1 IP"."""
    if pay == 0:
        return t("ui.pay.none")
    return t("ui.pay.short.you_give_them" if pay > 0 else "ui.pay.short.they_give_you", n=abs(pay))


def action_label(view: PlayerView, a: Action) -> str:
    """A button label for one legal action."""
    v = a.verb
    sc = view.scenario
    if v == "agenda":
        return t("ui.act.agenda", name=view.name_of(Role(a.args[0])))
    if v == "pass":
        return t("ui.act.pass_chair") if view.phase.value == "chair" else t("ui.act.pass")
    if v == "play":
        if a.args[0] == "phased":
            return t("ui.act.play_phased", deal=a.args[1])
        return t("ui.act.play_guarantee", ip=sc.rules.guarantee_h_ip, p=sc.rules.guarantee_p)
    if v == "probe":
        return t("ui.act.probe", ip=sc.rules.probe_ip)
    if v == "gift":
        return t("ui.act.gift", name=view.name_of(Role(a.args[0])), n=a.args[1])
    if v == "switch":
        return t("ui.act.switch", id=a.args[0], channel=t(f"channel.{a.args[1]}"), ip=sc.rules.chair_switch_ip)
    if v == "reimpose":
        return t("ui.act.reimpose", ip=sc.rules.reimpose_ip, c=sc.rules.reimpose_c)
    if v == "lookaway":
        return t("ui.act.lookaway", c=sc.rules.look_away_c)
    if v == "hold":
        return t("ui.act.hold", ip=sc.rules.erosion_hold_ip)
    if v == "letgo":
        return t("ui.act.letgo", n=sc.rules.erosion_tokens)
    if v == "accept":
        return t("ui.neg.accept")
    if v == "walk":
        return t("ui.neg.walk")
    if v == "propose":
        return cap(terms_phrase(a.args, sc))
    if v == "counter":
        return cap(terms_phrase(a.args[:-2], sc))
    return str(a)


def action_tip(view: PlayerView, a: Action) -> str:
    key = f"ui.tip.act.{a.verb}"
    sc = view.scenario
    r = sc.rules
    if a.verb == "play" and a.args[0] == "phased":  # when the escrow pays out (play-test: paid at once, unsaid)
        d = view.deal(int(a.args[1]))
        need = phased_required(sc, d)
        g = payout_g(view) * d.tranches
        s_name = view.name_of(Role.S)
        if d.streak >= need:
            gb, ga = view.tracks.G, min(10, view.tracks.G + g)
            return t("ui.tip.act.play_phased_now", deal=d.id, k=d.streak, n=d.escrow_tokens, s=s_name, a=gb, b=ga,
                     oa=epilogue_odds(sc, gb, view.tracks.C), ob=epilogue_odds(sc, ga, view.tracks.C))
        return t("ui.tip.act.play_phased_later", deal=d.id, need=need, req=d.required, n=d.escrow_tokens, s=s_name, g=g)
    if a.verb == "play" and a.args[0] == "guarantee":  # its cost in the tip: the button names the effect only
        return t("ui.tip.act.play_guarantee", h=view.name_of(Role.H), ip=r.guarantee_h_ip, p=r.guarantee_p,
                 a=view.tracks.P, b=min(10, view.tracks.P + r.guarantee_p))
    if a.verb == "switch":  # what the deal would do as switched (play-test: the switch had no preview)
        m = next(x for x in view.motions if str(x.id) == a.args[0])
        pv = preview_terms(view, m.terms.model_copy(update={"channel": Channel(a.args[1])}))
        tip = t("ui.tip.act.switch_preview", switch=r.chair_switch_ip, id=m.id,
                changes="  ·  ".join(change_words(view, pv)))
        end = ending(view, pv.after)
        return tip + " " + ending_words(view, end) if end else tip
    return t(key, ip=r.motion_cost_ip, probe=r.probe_ip, cmax=r.probe_c_max, switch=r.chair_switch_ip,
             c=r.reimpose_c, look=r.look_away_c, hold=r.erosion_hold_ip, n=r.erosion_tokens)


def closed_kinds(view: PlayerView, offered: Sequence[MotionKind]) -> list[str]:
    """Why each kind of motion this seat may table (by the scenario) is not among ``offered``
    now, one short phrase each ("Build (Fund 1, cheapest card 2)"), from the reason the core
    gives (``closed_reason``); kinds closed for one reason are named together."""
    sc = view.scenario
    cost = sc.rules.motion_cost_ip
    if view.ip_of(view.me) < cost and any(view.me in r.proposers for r in sc.motions.values()):
        return [t("ui.closed.ip", have=view.ip_of(view.me), cost=cost)]
    grouped: dict[str, list[str]] = {}  # one reason, the kinds it closes (in the scenario's order)
    for kind, rule in sc.motions.items():
        if view.me not in rule.proposers or kind in offered:
            continue
        code, numbers = closed_reason(view, kind) or ("other", {})
        if code == "vault" and numbers.get("tokens"):
            code = "vault_short"  # play-test: "Vault empty" beside a Vault that showed 1 token
        grouped.setdefault(t(f"ui.closed.{code}", "en", **numbers), []).append(t(f"ui.kind.{kind.value}"))
    out: list[str] = []
    for why, kinds in grouped.items():
        names = kinds[0] if len(kinds) == 1 else t("ui.closed.and", first=", ".join(kinds[:-1]), last=kinds[-1])
        out.append(t("ui.closed.item", kind=names, why=why))
    return out


def void_words(view: PlayerView, terms: Terms, index: int | None) -> str | None:
    """Why ``terms`` at table position ``index`` (None: tabled now, so resolved last) could not
    be carried out if the motions tabled before it pass (the core's ``void_reason``); None if
    they could. The preview of what terms do leaves the motions ahead out, so this says when
    it would not happen at all."""
    settlement = settlement_ahead(view, index)
    if settlement is not None:
        return t("ui.void.settlement", id=settlement)
    why = void_reason(view, terms, index)
    if why is None:
        return None
    code, nums = why
    if code == "vault":
        return t("ui.void.vault", left=nums["left"], unit=tranche_word(nums["left"]), need=nums["need"])
    return t(f"ui.void.{code}", "en", **nums)
