"""How the matcher finds where a pattern can begin (issue 11): a list entry large
enough to become word sets is anchored on every word it can begin with, even when
its first word set may be skipped, and a step's many options are indexed by what
their first token must be. Both only narrow the places tried: the findings stay
those of trying every option at every token."""

from __future__ import annotations

from functools import cache

from svclint.nlp import analyse, pipeline
from svclint.rules.patterns import MatcherSet, Wild

NOUNS = "casa|perro|gato|mesa|silla|libro|coche|puerta|taza|vaso|plato|caja|bolsa|carta|llave|mano|pie|ojo|boca|nariz"
ADJECTIVES = ("roto|rota|nuevo|nueva|viejo|vieja|limpio|limpia|sucio|sucia|"
              "grande|alto|bajo|largo|corto|duro|blando|bonito|bonita|feo")
# (3 articles + none) x 20 x 20 = 1,600 phrases: more than an entry spells out, so word sets
THINGS = {"things": [f"el|la|lo? {NOUNS} {ADJECTIVES}"]}


@cache
def nlp():
    return pipeline("es")


def matcher(patterns: dict[str, str], lists: dict[str, list[str]]) -> MatcherSet:
    matchers = MatcherSet(nlp())
    for key, pattern in patterns.items():
        matchers.add(key, pattern, lists)
    return matchers


def spans(matchers: MatcherSet, key: str, text: str) -> list[tuple[int, int]]:
    return sorted(matchers(analyse(nlp(), text)).spans(key))


def test_an_entry_whose_first_word_set_may_be_skipped_is_anchored_on_the_words_it_can_begin_with() -> None:
    matchers = matcher({"k": "$things"}, THINGS)
    (step,) = next(iter(matchers._by_required.values()))[0].steps
    assert step.options[0][0] == Wild(low=0, words=frozenset({"el", "la", "lo"}))
    assert not matchers._unanchored  # it used to be tried from every token
    assert spans(matchers, "k", "Tengo el perro roto y una mesa nueva en casa.") == [(1, 4), (2, 4), (6, 8)]


def test_a_steps_options_are_indexed_by_their_first_token() -> None:
    # entries in pattern syntax (with `|` or a group), each spelled out into options
    lists = {"ends": ["la (casa|mesa) _ roja", "/^\\d+$/ euros|dólares", "<title> llamó|habló", "... y|e fin"]}
    matchers = matcher({"k": "(hola|adiós) $ends"}, lists)
    (chain,) = [c for chains in matchers._by_required.values() for c in chains]
    index = chain.steps[1].index
    options = chain.steps[1].options
    assert {options[n][0].norm for n in index.by_word["la"]} == {"la"}
    assert {(atom.regex, atom.flag): len(numbers) for atom, numbers in index.by_atom.items()} == \
        {("^\\d+$", None): 2, (None, "IS_TITLE"): 2}
    assert [options[n][0] for n in index.anywhere] == [Wild(low=0, high=4)] * 2  # "..." may take no token first
    text = "Hola la mesa muy roja. Adiós 20 dólares. Hola Ana llamó. Hola la casa. Hola a b e fin."
    assert spans(matchers, "k", text) == [(0, 5), (6, 9), (10, 13), (18, 23)]  # «la casa» lacks «_ roja»
