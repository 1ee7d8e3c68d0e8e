"""How the matcher finds where a pattern can begin (issue 11): a list entry large
enough to become word sets is anchored on every word it can begin with, even when
its first word set may be skipped; a step's many options start only where their
first token fits, and are merged on their shared beginnings. These only narrow the
places tried: the findings stay those of trying every option at every token."""

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


def test_a_steps_options_share_their_beginnings() -> None:
    # entries in pattern syntax (with `|` or a group), each spelled out into options
    lists = {"ends": ["la (casa|mesa) _ roja", "/^\\d+$/ euros|dólares", "<title> llamó|habló", "... y|e fin"]}
    matchers = matcher({"k": "(hola|adiós) $ends"}, lists)
    (chain,) = [c for chains in matchers._by_required.values() for c in chains]
    step = chain.steps[1]
    assert len(step.options) == 8
    tree = step.tree
    assert set(tree.words) == {"la"}  # «la casa _ roja» and «la mesa _ roja» share their «la»
    assert set(tree.words["la"].words) == {"casa", "mesa"}
    assert {(atom.regex, atom.flag, atom.low, atom.high) for atom in tree.atoms} == \
        {("^\\d+$", None, 1, 1), (None, "IS_TITLE", 1, 1), (None, None, 0, 4)}
    number = next(child for atom, child in tree.atoms.items() if atom.regex)
    assert set(number.words) == {"euros", "dolares"} and not number.ends  # NORMs: accents folded
    assert all(end.ends for end in number.words.values())
    assert step.heads.anywhere  # "..." may take no token first
    text = "Hola la mesa muy roja. Adiós 20 dólares. Hola Ana llamó. Hola la casa. Hola a b e fin."
    assert spans(matchers, "k", text) == [(0, 5), (6, 9), (10, 13), (18, 23)]  # «la casa» lacks «_ roja»


def test_a_pattern_opening_with_options_starts_only_where_their_first_token_fits() -> None:
    # the literal entries go to the phrase index; the others begin with «ya», a number or a name
    lists = {"openers": ["(la|una) (casa|mesa)", "/^\\d+$/ euros|dólares", "<title> llamó|habló", "ya _ no|nunca"]}
    matchers = matcher({"k": "$openers funciona"}, lists)
    (chain,) = [c for chains in matchers._by_required.values() for c in chains]
    heads = chain.steps[0].heads
    assert not heads.anywhere
    assert heads.words == {"ya"}
    assert {(atom.regex, atom.flag) for atom in heads.atoms} == {("^\\d+$", None), (None, "IS_TITLE")}
    text = "La mesa funciona. 20 euros funciona. Ana llamó funciona. Ya casi no funciona. Eso funciona."
    assert spans(matchers, "k", text) == [(0, 3), (4, 7), (8, 11), (12, 16)]


def test_a_step_of_options_is_tried_only_where_a_word_each_option_needs_is_present() -> None:
    # each option opens with function words and has a gap (so it is followed token by
    # token); the longest word it needs, a content word where it has one, marks it
    lists = {"refusals": ["no podemos _ (ayudarle|atenderle)", "no (es|será) _ posible", "eso no ... (arreglamos|reparamos)"]}
    matchers = matcher({"k": "$refusals"}, lists)
    (chain,) = [c for chains in matchers._by_required.values() for c in chains]
    (step,) = chain.steps
    assert step.inner in chain.required
    words = {nlp().vocab.strings[norm] for norm in matchers._single_norms[step.inner]}
    assert words == {"ayudarle", "atenderle", "posible", "arreglamos", "reparamos"}  # «posible» is a stop word: the longest
    # «no», «es» and «eso» alone do not make the pattern a candidate
    assert "k" not in matchers(analyse(nlp(), "No, no es eso. Eso no.")).__dict__["_candidates"]
    assert spans(matchers, "k", "No podemos hoy ayudarle. Eso no lo arreglamos. No será tan posible.") == \
        [(0, 4), (5, 9), (10, 14)]


def test_a_step_of_words_and_an_opening_regex_is_anchored_on_either() -> None:
    # «tonto» or a diminutive the regular expression spells: the pattern used to be tried
    # in every document, as neither alone is required
    matchers = matcher({"k": "$insult de|del"}, {"insult": ["tonto", "/^idiot(a|ita|itas)$/"]})
    assert not matchers._unanchored
    (name,) = matchers._by_required
    assert name.startswith("first:") and matchers._either[name] == ("/^idiot(a|ita|itas)$/",)
    assert spans(matchers, "k", "El tonto del vecino y la idiotita de enfrente.") == [(1, 3), (6, 8)]
    assert spans(matchers, "k", "Un idiota sin más.") == []  # the regex found, the rest of the pattern not
    restored = MatcherSet(nlp())
    restored.restore(matchers.snapshot())
    assert restored._either == matchers._either
    assert spans(restored, "k", "La idiotita de enfrente.") == [(1, 3)]


def test_restoring_a_snapshot_leaves_the_cycle_collector_as_it_found_it() -> None:
    import gc

    data = matcher({"k": "hola $things"}, THINGS).snapshot()
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            restored = MatcherSet(nlp())
            restored.restore(data)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
    assert spans(restored, "k", "Hola el perro roto.") == [(0, 4)]


def test_a_list_entry_with_a_gap_or_a_regex_is_read_as_pattern_syntax() -> None:
    # "entre _{1,3} y" was read as the three words «entre», «_{1,3}» and «y», and matched nothing
    lists = {"window": ["entre _{1,3} y", "en /^\\d+$/ días", "sobre"]}
    matchers = matcher({"k": "llega $window"}, lists)
    assert spans(matchers, "k", "Llega entre las 10 y las 12.") == [(0, 5)]
    assert spans(matchers, "k", "Llega en 3 días.") == [(0, 4)]
    assert spans(matchers, "k", "Llega sobre las 10.") == [(0, 2)]


def test_a_written_form_tells_apart_words_that_fold_together() -> None:
    # folded, «pagó» is the noun «pago» and «sé» is «se»: `=word` asks for the word as written
    matchers = matcher({"k": "=pagó tarde", "s": "que =sé"}, {})
    assert spans(matchers, "k", "Usted pagó tarde.") == [(1, 3)]
    assert spans(matchers, "k", "PAGÓ TARDE") == [(0, 2)]
    assert spans(matchers, "k", "El pago tarde no cuenta.") == []
    assert spans(matchers, "s", "Le aseguro que sé cómo es.") == [(2, 4)]
    assert spans(matchers, "s", "Le garantizo que se lo devolvemos.") == []
    restored = MatcherSet(nlp())
    restored.restore(matchers.snapshot())
    assert spans(restored, "k", "Usted pagó tarde.") == [(1, 3)] and spans(restored, "k", "El pago tarde.") == []
    in_a_list = matcher({"k": "usted $paid"}, {"paid": ["=pagó tarde"]})  # a list entry reads it the same
    assert spans(in_a_list, "k", "Usted pagó tarde.") == [(0, 3)] and spans(in_a_list, "k", "Usted pago tarde.") == []
