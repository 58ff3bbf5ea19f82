"""One plain sentence per AI decision, built only from the decision's real numbers.

Templates are looked up in the text catalogue as ``ai.<key>`` first (assets/i18n), with the
English below as the default. A personality may speak in its own voice: ``VOICES`` (and the
catalogue's ``ai.<personality>.<key>``) word the same sentence differently, with exactly the
same figures; a key without a voice of its own uses the plain template.

``say(key, **facts)`` fills a template and returns the sentence with the facts it shows, so
a test can check that every number in the sentence is one of the decision's numbers. Secret
choices (sealed ballots, compliance) are withheld, never misstated.
Used by ``game.ai.agent``.
"""

from __future__ import annotations

import re

from game.ai.base import BallotReason, Decision
from game.core import Action, Channel, MotionKind, Terms
from game.core.scenario import Scenario
from game.text import catalogue, t, tranche_word

TEMPLATES: dict[str, str] = {
    "accept": "I accept {terms}{pay_text}: it gives me {u}% of the most I could gain over no deal, at least the {nxt}% I would have come down to next.",
    "accept_match": "I accept {terms}{pay_text}: it gives me {u}% of the most I could gain over no deal, what I would have asked for next.",
    "accept_last": "I accept {terms}{pay_text}: it gives me {u}% of the most I could gain over no deal, at least the {tgt}% I now need.",
    "accept_only": "I accept {terms}{pay_text}: it leaves me better off than no deal ({u}% of the most I could gain), and nothing I could offer instead would.",
    "accept_any": "I accept {terms}{pay_text}: it gives me {u}% of the most I could gain over no deal, and at this point I ask only to be no worse off than with no deal.",
    "accept_even": "I accept {terms}{pay_text}: it leaves me as well off as no deal, and at this point I ask no more than that.",
    "price": "My price: {terms}{pay_text}; it would give me {u}% of the most I could gain over no deal, and I would accept it.",
    # the price is the offer I have on the table (play-test: "Offer it and I accept", of an offer
    # already there, while the header said "Accept takes it")
    "price_standing": "My price is the offer I have on the table, {terms}{pay_text}: it gives me {u}% of the most I could gain over no deal. Accept takes it.",
    "counter": "What would make this work: {terms}{pay_text}; your offer gives me {u}% of the most I could gain over no deal, and I ask {ask}%.",
    "counter_close": "What would make this work: {terms}{pay_text}; your offer falls just short of what I ask for.",
    "counter_none": "What would make this work: {terms}{pay_text}; your offer as it stands leaves me barely better off than no deal.",
    "counter_worse": "What would make this work: {terms}{pay_text}; your offer as it stands leaves me worse off than no deal.",
    "walk_nozopa": "No deal can work: by my reckoning, any terms on this motion that would leave me better off than no deal would leave you worse off.",
    "walk_low": "I walk away: your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and no exchanges are left.",
    "walk_low_close": "I walk away: your offer falls just short of what I need, and no exchanges are left.",
    "walk_low_none": "I walk away: your offer leaves me barely better off than no deal, far short of what I need, and no exchanges are left.",
    "walk_worse": "I walk away: your offer leaves me no better off than no deal, and no exchanges are left.",
    "walk_margin": "I walk away: your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and nothing I could offer instead would leave me better off than no deal.",
    "walk_margin_close": "I walk away: your offer falls just short of what I need, and nothing I could offer instead would leave me better off than no deal.",
    "walk_margin_none": "I walk away: your offer leaves me barely better off than no deal, short of what I need, and no offer I could make instead would leave me better off at all.",
    "propose": "I table {terms}: counting how it changes the odds of each ending, it adds about {gain} points to my expected final score, and once agreed in bargaining it passes with a {pp}% chance.",
    "pass": "I table nothing: no motion I can table is worth its {cost} IP to me now.",
    "pass_broke": "I table nothing: a motion costs {cost} IP and I have {have}.",
    "pass_allowance": "I table nothing: the motions on the table already take all {cap} tranches this round allows, and no other motion is open to me.",
    "pass_none": "I table nothing: no motion is open to me now.",
    "pass_resp": "I table nothing: every motion worth its {cost} IP to me would, by my reckoning, leave the other side worse off than no deal.",
    "pass_restraint": "I table nothing: every motion worth its {cost} IP to me would, by my reckoning, leave the other side worse off than no deal, and I do not press terms like that on them even where their yes is not needed.",
    "vote": "I have cast my sealed ballot on {n} {noun_text}.",
    # why a sealed ballot said Yes or No on one motion: said only once the ballots are opened
    "ballot_promised": "Yes on motion {mid}: I agreed its terms in bargaining, and I keep my word.",
    "ballot_held": "No on motion {mid}: we could not agree terms in bargaining, and I had said I would vote it down as tabled.",
    "ballot_spared": "Yes on motion {mid}, though we agreed no terms in bargaining and I had said I would vote it down as tabled.",
    "ballot_yes": "Yes on motion {mid}: passing it adds about {gain} points to my expected final score.",
    "ballot_yes_slight": "Yes on motion {mid}: passing it does my expected final score a little good.",
    "ballot_no": "No on motion {mid}: passing it would take about {loss} points off my expected final score.",
    "ballot_no_even": "No on motion {mid}: passing it would leave my expected final score where it is or a shade lower, and I back only what raises it.",
    # a Settlement: its points are few when the model expects a Settlement later anyway (a
    # play-tester read "about 0.1 points" for a Settlement that doubled a seat's score)
    "ballot_yes_settle": "Yes on motion {mid}: settling now adds about {gain} points to my expected final score, though I would expect a Settlement later without it ({ps}% likely).",
    "ballot_no_settle": "No on motion {mid}: I expect a Settlement even without this one ({ps}% likely), and settling now would take about {loss} points off my expected final score.",
    "ballot_switched_yes": "Yes on motion {mid}: its channel was switched after I agreed it, and as switched it adds about {gain} points to my expected final score.",
    "ballot_switched_no": "No on motion {mid}: its channel was switched after I agreed it, and as switched it would take about {loss} points off my expected final score.",
    # added to a counter or a walk by a seat whose yes the motion needs: what walking away
    # leads to (the motion goes to the vote as tabled, and the seat votes it down)
    "veto_counter": "if you walk away, I vote it down as tabled.",
    "veto_walk": "as tabled, it gets my no in the vote.",
    "walk_vote": "it goes to the vote as tabled.",
    # added to a counter when one term of it, put into the offer on its own, makes up most of
    # what the offer lacks (``DelegationAgent._gap``): which term the counter is about
    "gap_concession": "most of the gap is the concession: {want_text}, not {have_text}.",
    "gap_channel": "most of the gap is the channel: {want_text}, not {have_text}.",
    "gap_tranches": "most of the gap is the size: {want} {unit_text}, not {have}.",
    "gap_target": "most of the gap is the card: {want_text}, not {have_text}.",
    "gap_pay": "most of the gap is the side payment: {n} IP more to my side.",
    # ... and when it is the only term my counter changes
    "gap_concession_only": "the only gap is the concession: {want_text}, not {have_text}.",
    "gap_channel_only": "the only gap is the channel: {want_text}, not {have_text}.",
    "gap_tranches_only": "the only gap is the size: {want} {unit_text}, not {have}.",
    "gap_target_only": "the only gap is the card: {want_text}, not {have_text}.",
    "gap_pay_only": "the only gap is the side payment: {n} IP more to my side.",
    # added to a counter or a walk when the offer answered could not be carried out once the
    # motions ahead of it pass (``void_reason``): why it is worth so little
    "void_vault": "your terms could not be carried out: the motions ahead of them leave {left} {unit_text} in the Vault.",
    "void_fund": "your terms could not be carried out: the motions ahead of them leave {left} in the Fund, and the card costs {cost}.",
    "void_concession": "your terms could not be carried out: a motion ahead of them plays the same concession.",
    # added to a counter whose own terms could not be carried out either (``void_reason``):
    # what it is really about (play-test: an AI said the offer's terms were void, then countered
    # with other void terms and 1 IP to itself, and said nothing of it)
    "void_mine_too_pay": "nor could mine, so all I ask for is the side payment.",
    "void_mine_too": "nor could mine.",
    "void_mine_pay": "my own terms could not be carried out, so all I ask for is the side payment.",
    "void_mine": "my own terms could not be carried out.",
    # added to a bargaining move with a side whose word I discount (``DelegationAgent.trust``)
    "trust_broken": "you voted against motion {mid} after agreeing it, so I give your promise a {tr}% chance of holding.",
    # ... when that motion was of the kind in bargaining: its promise on that kind buys nothing
    "trust_broken_kind": "you voted against motion {mid}, a {kind_text}, after agreeing it, so your promise on a {kind_text} adds nothing: I give your yes a {yes}% chance whatever we agree.",
    "trust_defected": "your defection on a deal was detected, so I give your promise a {tr}% chance of holding.",
    # added to a move that keeps the drift at this round's end short of the shared loss, where
    # without it the drift would reach it (``model.brink``; play-test: every AI passed at Peace 1
    # and Escalation 7 in round 3, and the war widened)
    "brink": "without it, unless the round's event changes the tracks, the drift at the round's end takes Escalation to {e_lost}, and everyone loses; with it Peace is {peace} and the drift leaves Escalation at {e_kept}.",
    "brink_tabled": "without it, unless the round's event changes the tracks, the drift at the round's end takes Escalation to {e_lost}, and everyone loses, even if the motions on the table pass; with them and it, Peace is {peace} and the drift leaves Escalation at {e_kept}.",
    # added to a proposal of a kind I voted down last round after its bargaining with me broke down
    "vetoed_before": "last round I voted this kind of motion down because we could not agree terms, as I had said I would.",
    # added to a proposal whose chance of passing is lower for a No on its kind last round
    "refused": "{who} voted this kind of motion down last round, or I would give it {pp0}%.",
    "comply": "I have made my compliance choice on {n} {noun_text}.",
    "reimpose": "I reimpose: Credibility +{dc} for {ip} IP beats looking away at Credibility {lc}.",
    "lookaway": "I look away: Credibility {lc}, since reimposing would cost {ip} IP that I value more.",
    "lookaway_broke": "I look away: reimposing costs {ip} IP and I have {have}.",
    "hold": "I pay {ip} IP to hold the Vault: otherwise {n} tokens return to the Sanctioned Power.",
    "letgo": "I let {n} tokens return: holding the Vault would cost {ip} IP, more than they are worth to me now.",
    # why this seat first (play-test: "X proposes first, with N IP ..." every round, no reason given)
    "agenda": "{who} proposes first: of the seats that can table a Deal, it has the most IP ({ip}), and Deals are what raise Peace ({p} now; a Settlement needs {min_p}).",
    "agenda_settle": "I propose first myself: Peace is {p}, enough for a Settlement (it needs {min_p}), and tabling one would be worth its cost to me.",
    "agenda_settle_wait": "{who} proposes first: of the seats that can table a Deal, it has the most IP ({ip}); Peace is {p}, enough for a Settlement (it needs {min_p}), but tabling one now is not worth its cost to me.",
    "agenda_no_deal": "{who} proposes first: of the seats that table Deals it has the most IP ({ip}), though no Deal can be tabled now; Peace is {p}, and a Settlement needs {min_p}.",
    "agenda_any": "{who} proposes first, with {ip} IP to table motions: no seat that can table a Deal may go first; Peace is {p}.",
    "switch": "I switch motion {mid} to {channel} for {ip} IP: counting its chance of passing, {pp}% switched against {pp_old}% as tabled, it adds about {gain} points to my expected final score.",
    "no_switch": "I leave every channel as tabled: no switch is worth its {ip} IP to me.",
    "probe": "I probe: Credibility is {c}, at most {cmax}, so the probe scores {vp} VP.",
    "gift": "I give {who} {n} IP: it has {have} IP and cannot table a motion, and its deals raise Precedent.",
    "guarantee": "I play Security guarantee: Peace +{p} for {ip} of the Custodian's IP.",
    "phased": "I play Phased sequencing on deal {d}: its escrow pays after {n} {noun_text} of compliance.",
    "wait": "I pass: nothing I can do now is worth more to me than waiting.",
    "wait_probe": "I pass: a probe scores only while Credibility is {cmax} or less, and it stands at {c}.",
}

# The same sentences in a personality's own voice (the Pragmatist speaks the plain templates).
# Every placeholder of the plain template appears in its voiced form: the figures are the same.
VOICES: dict[str, dict[str, str]] = {
    "hawk": {
        "accept": "Agreed, {terms}{pay_text}: {u}% of the most I could gain over no deal, at least the {nxt}% I would have come down to next.",
        "accept_match": "Agreed, {terms}{pay_text}: {u}% of the most I could gain over no deal, what I would have asked for next.",
        "accept_last": "Agreed, {terms}{pay_text}: {u}% of the most I could gain over no deal meets the {tgt}% I hold out for now.",
        "accept_only": "Agreed, {terms}{pay_text}: it beats no deal for me ({u}% of the most I could gain), and nothing I could offer instead would.",
        "accept_any": "Agreed, {terms}{pay_text}: {u}% of the most I could gain over no deal. This late, beating no deal is enough.",
        "accept_even": "Agreed, {terms}{pay_text}: it is as good for me as no deal, and this late that is enough.",
        "price": "My price is {terms}{pay_text}: it gives me {u}% of the most I could gain over no deal. Offer it and I accept.",
        "counter": "My terms: {terms}{pay_text}. Your offer gives me {u}% of the most I could gain over no deal; I ask {ask}%.",
        "counter_close": "My terms: {terms}{pay_text}. Your offer falls just short of what I ask for.",
        "counter_none": "My terms: {terms}{pay_text}. Your offer leaves me barely better off than no deal.",
        "counter_worse": "My terms: {terms}{pay_text}. Your offer leaves me worse off than no deal.",
        "walk_nozopa": "No deal: by my reckoning, any terms on this motion that would leave me better off than no deal would leave you worse off.",
        "walk_low": "No. Your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and no exchanges are left.",
        "walk_low_close": "No. Your offer falls just short of what I need, and no exchanges are left.",
        "walk_worse": "No. Your offer leaves me no better off than no deal, and no exchanges are left.",
        "walk_margin": "No. Your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and nothing I could offer instead would leave me better off than no deal.",
        "walk_margin_close": "No. Your offer falls just short of what I need, and nothing I could offer instead would leave me better off than no deal.",
        "propose": "I table {terms}: about {gain} points on my expected final score, the odds of each ending counted, and a {pp}% chance it passes once agreed.",
        "ballot_promised": "Yes on motion {mid}: I gave my word in bargaining, and I keep it.",
        "ballot_held": "No on motion {mid}: no terms were agreed in bargaining, and I said I would sink it as tabled.",
        "ballot_yes": "Yes on motion {mid}: about {gain} points more on my expected final score.",
        "ballot_no": "No on motion {mid}: it would cost me about {loss} points on my expected final score.",
        "wait": "I hold back: nothing I can do now is worth more to me than waiting.",
    },
    "dove": {
        "accept": "Gladly: {terms}{pay_text}. It gives me {u}% of the most I could gain over no deal, at least the {nxt}% I would have come down to next.",
        "accept_match": "Gladly: {terms}{pay_text}. It gives me {u}% of the most I could gain over no deal, just what I would have asked for next.",
        "accept_last": "Let us settle it: {terms}{pay_text} gives me {u}% of the most I could gain over no deal, at least the {tgt}% I now need.",
        "accept_only": "Gladly: {terms}{pay_text} leaves me better off than no deal ({u}% of the most I could gain), and nothing I could offer instead would.",
        "accept_any": "Let us settle it: {terms}{pay_text} gives me {u}% of the most I could gain over no deal, and now I ask only not to be worse off than with no deal.",
        "accept_even": "Let us settle it: {terms}{pay_text} leaves me as well off as no deal, and now I ask no more than that.",
        "price": "I could live with {terms}{pay_text}: it would give me {u}% of the most I could gain over no deal, and I would accept it.",
        "counter": "I want this to work. Could we agree on {terms}{pay_text}? Your offer gives me {u}% of the most I could gain over no deal, and I ask {ask}%.",
        "counter_close": "I want this to work. Could we agree on {terms}{pay_text}? Your offer is only just short of what I ask for.",
        "counter_none": "I want this to work. Could we agree on {terms}{pay_text}? As it stands your offer leaves me barely better off than no deal.",
        "counter_worse": "I want this to work. Could we agree on {terms}{pay_text}? As it stands your offer leaves me worse off than no deal.",
        "walk_nozopa": "I am sorry: by my reckoning, any terms on this motion that would leave me better off than no deal would leave you worse off.",
        "walk_low": "I am sorry, I cannot: your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and no exchanges are left.",
        "walk_low_close": "I am sorry, I cannot: your offer is only just short of what I need, and no exchanges are left.",
        "walk_worse": "I am sorry, I cannot: your offer leaves me no better off than no deal, and no exchanges are left.",
        "walk_margin": "I am sorry, I cannot: your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and nothing I could offer instead would leave me better off than no deal.",
        "walk_margin_close": "I am sorry, I cannot: your offer is only just short of what I need, and nothing I could offer instead would leave me better off than no deal.",
        "propose": "I table {terms} in good faith: counting how it changes the odds of each ending, it adds about {gain} points to my expected final score, and once we agree I give it a {pp}% chance of passing.",
        "ballot_promised": "Yes on motion {mid}: we agreed its terms in bargaining, and I honour that.",
        "ballot_held": "No on motion {mid}, I am sorry: we found no terms in bargaining, and I had said I would vote it down as tabled.",
        "ballot_yes": "Yes on motion {mid}, gladly: passing it adds about {gain} points to my expected final score.",
        "ballot_no": "No on motion {mid}, with regret: passing it would take about {loss} points off my expected final score.",
        "wait": "I will wait: nothing I could do now would help more than patience.",
    },
    "opportunist": {
        "accept": "Done: {terms}{pay_text}. It gives me {u}% of the most I could gain over no deal; I would have come down to {nxt}% next.",
        "accept_match": "Done: {terms}{pay_text}. It gives me {u}% of the most I could gain over no deal, what I would have asked for next anyway.",
        "accept_last": "Done: {terms}{pay_text} gives me {u}% of the most I could gain over no deal, at least the {tgt}% I need now.",
        "accept_only": "Done: {terms}{pay_text} beats no deal for me ({u}% of the most I could gain), and nothing I could offer instead would.",
        "accept_any": "Done: {terms}{pay_text} gives me {u}% of the most I could gain over no deal, and at this point beating no deal is all I need.",
        "accept_even": "Done: {terms}{pay_text} leaves me where no deal would, and at this point that is all I need.",
        "price": "For {terms}{pay_text} you have my yes: it would give me {u}% of the most I could gain over no deal.",
        "counter": "Here is my deal: {terms}{pay_text}. Your offer gives me {u}% of the most I could gain over no deal; I ask {ask}%, and the rest is up to you.",
        "counter_close": "Here is my deal: {terms}{pay_text}. Your offer is a hair short of what I ask for; the rest is up to you.",
        "counter_none": "Here is my deal: {terms}{pay_text}. As it stands your offer leaves me barely better off than no deal.",
        "counter_worse": "Here is my deal: {terms}{pay_text}. As it stands your offer leaves me worse off than no deal.",
        "walk_nozopa": "There is nothing here for both of us: by my reckoning, any terms on this motion that would leave me better off than no deal would leave you worse off.",
        "walk_low": "Not at that price: your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and no exchanges are left.",
        "walk_low_close": "Not at that price: your offer is a hair short of what I need, and no exchanges are left.",
        "walk_worse": "Not at that price: your offer leaves me no better off than no deal, and no exchanges are left.",
        "walk_margin": "Not at that price: your offer gives me {u}% of the most I could gain over no deal, short of the {need}% I need, and nothing I could offer instead would leave me better off than no deal.",
        "walk_margin_close": "Not at that price: your offer is a hair short of what I need, and nothing I could offer instead would leave me better off than no deal.",
        "propose": "I table {terms}: about {gain} points on my expected final score, the odds of each ending counted, with a {pp}% chance it passes once agreed.",
        "ballot_promised": "Yes on motion {mid}: we made a deal in bargaining, and a deal is a deal.",
        "ballot_held": "No on motion {mid}: no deal in bargaining, so no yes, as I said.",
        "ballot_yes": "Yes on motion {mid}: it pays me about {gain} points on my expected final score.",
        "ballot_no": "No on motion {mid}: it would cost me about {loss} points on my expected final score.",
        "wait": "I pass for now: nothing on the table pays me better than waiting.",
    },
}


def terms_words(sc: Scenario, terms: Terms) -> tuple[str, dict[str, int | str]]:
    """Plain words for terms, and the numbers they show."""
    k = terms.kind
    if k == MotionKind.DEAL:
        assert terms.concession is not None and terms.channel is not None
        name = sc.concession(terms.concession).name
        ch = t(f"channel.{terms.channel.value}")
        return f"{name} for {tranches(terms.tranches)} by {ch}", {"tranches": terms.tranches}
    if k == MotionKind.MOBILIZE:
        return f"redirecting {tranches(terms.tranches)} to the Peace Fund", {"tranches": terms.tranches}
    if k == MotionKind.BUILD:
        return f"building {sc.infra(terms.target or '').name}", {}
    if k == MotionKind.SNAPBACK:
        return f"snapping back deal {terms.target}", {"deal": int(terms.target or 0)}
    return "a Settlement", {}


def tranches(n: int) -> str:
    """"1 tranche", "4 tranches" (the words are the catalogue's, as in every terms phrase)."""
    return f"{n} {tranche_word(n)}"


def pay_words(pay_to_me: int) -> tuple[str, dict[str, int | str]]:
    if pay_to_me > 0:
        return f" with {pay_to_me} IP paid to me", {"pay": pay_to_me}
    if pay_to_me < 0:
        return f" with {-pay_to_me} IP paid by me", {"pay": -pay_to_me}
    return "", {}


def channel_name(ch: Channel) -> str:
    return t(f"channel.{ch.value}")


def say(action: Action, key: str, voice: str = "", **facts: int | str) -> Decision:
    """A decision whose reason is the template ``key`` filled with ``facts``, in ``voice``
    (a personality's name) where that voice words the sentence its own way (``sentence``)."""
    text, shown = sentence(key, voice, **facts)
    return Decision(action, text, shown, key)


def ballot_reason(mid: int, vote: str, key: str, voice: str = "", **facts: int | str) -> BallotReason:
    """Why a ballot says ``vote`` on motion ``mid``: the template ``key`` with ``facts``."""
    text, shown = sentence(key, voice, mid=mid, **facts)
    return BallotReason(mid, vote, text, shown, key)


def ballot_with_clause(br: BallotReason, key: str, voice: str = "", **facts: int | str) -> BallotReason:
    """``br`` with the clause ``key`` added after a semicolon, as ``with_clause`` does for a decision."""
    text, shown = sentence(key, voice, **facts)
    return BallotReason(br.motion, br.vote, f"{br.reason.rstrip('.')}; {text}", br.facts + shown, br.key)


def sentence(key: str, voice: str = "", **facts: int | str) -> tuple[str, tuple[tuple[str, int | str], ...]]:
    """The template ``key`` filled with ``facts``, and the facts it shows.

    The text catalogue's entries win when present (so another language is a data file):
    ``ai.<voice>.<key>``, then the voice's English here, then ``ai.<key>``, then the plain
    English template."""
    cat = catalogue()
    template = ((voice and (cat.get(f"ai.{voice}.{key}") or VOICES.get(voice, {}).get(key)))
                or cat.get(f"ai.{key}") or TEMPLATES[key])
    try:
        text = template.format(**facts)
    except (KeyError, IndexError, ValueError):  # a bad catalogue entry: fall back, never crash
        text = (VOICES.get(voice, {}).get(key) or TEMPLATES[key]).format(**facts)
    return _AN.sub(r"\1n ", text), tuple((k, v) for k, v in facts.items() if not k.endswith("_text"))


# "a 85% chance" reads "an 85% chance" (eight, eighty, eleven and eighteen begin with a vowel sound)
_AN = re.compile(r"\b([Aa]) (?=(?:8[\d.,]*|11|18)(?![\d.,]*\d))")


def with_clause(d: Decision, key: str, voice: str = "", **facts: int | str) -> Decision:
    """``d`` with the clause ``key`` added to its sentence after a semicolon, looked up like a
    template; the clause's own figures join the decision's."""
    c = say(d.action, key, voice, **facts)
    return Decision(d.action, f"{d.reason.rstrip('.')}; {c.reason}", d.facts + c.facts, d.key)


def pct(x: float) -> int:
    return int(round(100 * x))


