"""Vetoes and companions are searched only in the sentences their scope reaches
(svclint/checks/pattern.py, Matches.spans_within): the same findings as a search
of the whole unit, counted in sentences of words, so a blank line between two
sentences does not put them further apart."""

from __future__ import annotations

from conftest import found_spans

REFUSAL = "Your order will not be shipped until we have resolved this problem."
OFFER = "Please contact us at your earliest convenience."
FILLER = "Thank you for your order. It was placed on Monday. The invoice is in order."


def test_a_near_veto_one_sentence_away_counts_across_a_blank_line() -> None:
    assert found_spans("en", f"{OFFER}\n\n{REFUSAL}\n", ["NEG001"]) == []
    assert found_spans("en", f"{REFUSAL}\n\n\n{OFFER}\n", ["NEG001"]) == []


def test_a_near_veto_further_away_does_not() -> None:
    assert found_spans("en", f"{OFFER} {FILLER}\n\n{REFUSAL}\n", ["NEG001"]) == [("NEG001", 12, 23, "will not be")]


def test_a_companion_counts_only_in_the_sentence_of_the_match() -> None:
    """PRM003 (en) needs an exact time (`also`) in the sentence of the outcome."""
    promise = "Your refund will arrive tomorrow."
    assert found_spans("en", f"{FILLER} {promise}", ["PRM003"]) == [("PRM003", 89, 100, "will arrive")]
    assert found_spans("en", f"Your refund will arrive. {FILLER} We ship tomorrow.", ["PRM003"]) == []
