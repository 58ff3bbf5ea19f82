"""The Chair's agenda sentence is what it then does (play-test: "I propose first myself: Peace is
9, enough for a Settlement, and I mean to table one", then "I table nothing", four rounds
running)."""

from __future__ import annotations

from game.core import MotionKind, Phase, Role

from .contract import play


def test_a_chair_that_names_itself_to_table_a_settlement_then_tables_one() -> None:
    said: list[str] = []  # each agenda sentence "I mean to table one", with the Chair's next move
    kept: list[str] = []
    pending = False

    def hook(state, seat, agent, legal, d):
        nonlocal pending
        if seat != Role.M:
            return
        if pending:  # the Chair's next move: the first proposal of that round
            pending = False
            assert state.phase == Phase.PROPOSALS
            if d.action.verb == "propose" and d.action.terms.kind == MotionKind.SETTLEMENT:
                kept.append(d.reason)
        if state.phase == Phase.AGENDA and d.key == "agenda_settle":
            said.append(d.reason)
            pending = True

    for personality in ("hawk", "dove", "pragmatist", "opportunist"):
        for seed in range(1, 7):
            play(personality, seed, hook=hook)
    assert said, "the seeded games reach a Chair that opens to table a Settlement"
    assert len(kept) == len(said), (said, kept)


def test_with_no_deal_open_the_chair_does_not_say_deals_raise_peace() -> None:
    # review (twenty-seventh stop): with the Vault empty the Chair still said "of the seats that
    # can table a Deal, it has the most IP, and Deals are what raise Peace"
    from game.ai import make_agent
    from game.core import legal_actions, load_scenario, new_game, observe

    sc = load_scenario("frozen_reserve")
    st = new_game(sc, 5, 4)
    st = st.model_copy(update={"round": 3, "phase": Phase.AGENDA, "to_move": Role.M,
                               "tracks": st.tracks.model_copy(update={"P": 5})})
    full = make_agent("pragmatist", "normal", 1).decide(observe(st, Role.M), legal_actions(st, Role.M))
    assert full.key == "agenda" and "Deals are what raise Peace" in full.reason
    empty = st.model_copy(update={"vault": 0, "released": st.released + st.vault})
    assert empty.token_total() == sc.tokens
    d = make_agent("pragmatist", "normal", 1).decide(observe(empty, Role.M), legal_actions(empty, Role.M))
    assert d.action == full.action  # the same seat goes first
    assert d.key == "agenda_no_deal" and "no Deal can be tabled now" in d.reason, d.reason
    assert "Deals are what raise Peace" not in d.reason
