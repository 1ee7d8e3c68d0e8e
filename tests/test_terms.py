"""Terms (`[lemma]`) and word classes built on classes: a pack names a word once
and matches its forms; bad terms and classes are load-time errors with file:line."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

import pytest

from svclint.config import load_config
from svclint.engine import Linter
from svclint.errors import PackError
from svclint.rules.lexicon import expand

pytest.importorskip("spacy_lookups_data", reason="terms need the spacy-lookups-data lemma tables")

PACK = """\
ORG001:
  name: Telling the customer to calm down
  slug: calm-down
  severity: warning
  scope: sentence
  kinds: all
  es:
    check: pattern
    title: Pedir calma
    flags: Pedir al cliente que se calme.
    message: "«{match}» pide calma."
    suggestion: Reconozca el enfado.
    why: Pedir calma niega el enfado.
    instead: Diga qué va a hacer.
    lists:
      other_party: [el fabricante, la tienda, su banco]
      contact: ["[llamar] a", "[escribir] a", ponerse en contacto con]
      send_elsewhere: ["$contact $other_party"]
    match:
      - "[calmar]"
      - "[tranquilizar]"
      - "[tener] que $send_elsewhere"
    examples:
      flag:
        - text: Cálmese, por favor.
          match: Cálmese
      pass:
        - Lo revisamos hoy mismo.
  en:
    check: pattern
    title: Telling the customer to calm down
    flags: Asking the customer to calm down.
    message: "“{match}” asks for calm."
    suggestion: Acknowledge the anger.
    why: It denies the anger.
    instead: Say what you will do.
    match:
      - "[will] not [arrive] _{0,2} today"
      - "[contact] the manufacturer"
    examples:
      flag:
        - text: Please contact the manufacturer.
          match: contact the manufacturer
      pass:
        - We will look into it today.
"""


def _linter(tmp_path, lang: str, pack: str = PACK) -> Linter:
    (tmp_path / "house.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "svclint.yaml").write_text("rule-packs: [house.yaml]\n", encoding="utf-8")
    return Linter(load_config(tmp_path / "svclint.yaml"), lang=lang, kind="email")


@pytest.fixture(scope="module")
def house_linter(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Linter]:
    """The house pack's Linter of a language, built once for the tests that only lint
    texts with it: a pack in a new folder would compile every bundled rule again."""
    return cache(partial(_linter, tmp_path_factory.mktemp("house")))


@pytest.mark.parametrize("text, matched", [
    ("Por favor, cálmese y lo vemos.", "cálmese"),  # usted imperative with enclitic
    ("Cálmate un poco, ¿vale?", "Cálmate"),  # tú
    ("Calmate, que ya lo miro.", "Calmate"),  # voseo, written without the accent
    ("Tranquilícense, por favor.", "Tranquilícense"),  # ustedes
    ("Le pido que se calme.", "calme"),  # subjunctive
    ("Tranquilizaos, chicos.", "Tranquilizaos"),  # vosotros
    ("Tendrá que escribir a su banco.", "Tendrá que escribir a su banco"),  # classes inside classes
    ("Tienes que llamar a la tienda.", "Tienes que llamar a la tienda"),
    ("Tenés que llamar al fabricante.", None),  # "al" is not "el": the class says "el fabricante"
])
def test_spanish_terms_match_every_form(house_linter, text, matched) -> None:
    found = [f.matched for f in house_linter("es").lint_text("reply.txt", text).findings if f.code == "ORG001"]
    assert found == ([matched] if matched else [])


@pytest.mark.parametrize("text, matched", [
    ("Your parcel won't arrive today.", "won't arrive today"),  # the tokenizer's NORM of "wo" is "will"
    ("It will not be arriving today.", None),  # "be" is not a form of arrive, and the gap is 0-2 words
    ("Please contact the manufacturer.", "contact the manufacturer"),
    ("You contacted the manufacturer already.", "contacted the manufacturer"),
])
def test_english_terms_match_inflections_and_contractions(house_linter, text, matched) -> None:
    found = [f.matched for f in house_linter("en").lint_text("reply.txt", text).findings if f.code == "ORG001"]
    assert found == ([matched] if matched else [])


def test_forms_are_folded_and_include_voseo() -> None:
    forms = set(expand("es", "tener"))
    assert {"tenes", "tene", "tenelo", "tengase", "tengamoslo", "tendra", "tuvieramos", "teniendolo", "tenerlo"} <= forms
    assert "tenés" not in forms  # folded, as token NORMs are
    assert {"contacts", "contacting", "contacted"} <= set(expand("en", "contact"))


def test_person_selectors_split_enclitic_imperatives_by_conjugation() -> None:
    # the vowel before the pronoun names the person only with the verb's conjugation
    assert {"escribenos", "escribinos", "escribeme"} <= set(expand("es", "escribir:tu"))
    assert {"escribanos", "escribame", "escriba"} <= set(expand("es", "escribir:usted"))
    assert "escribe" not in expand("es", "escribir:tu")  # a bare tú imperative is also a third person
    assert {"avisame", "avisanos"} <= set(expand("es", "avisar:tu"))
    assert {"aviseme", "avisenos"} <= set(expand("es", "avisar:usted"))
    assert {"dime", "decime"} <= set(expand("es", "decir:tu")) and "digame" in expand("es", "decir:usted")
    # a short usted form is usted's («úsela»), an infinitive with a pronoun is no imperative («darle»)
    assert "usela" in expand("es", "usar:usted") and "usela" not in expand("es", "usar:tu")
    assert "darle" not in expand("es", "dar:tu")
    assert not set(expand("es", "escribir:tu")) & set(expand("es", "escribir:usted"))


def _pack_with(match_line: str, lists: str = "") -> str:
    return PACK.replace('      - "[calmar]"\n', f"      - {match_line}\n").replace(
        "    lists:\n", "    lists:\n" + lists)


@pytest.mark.parametrize("pack, message", [
    (_pack_with('"[llamo] ya"'), "[llamo] names a form of 'llamar': write [llamar]"),
    (_pack_with('"[blorpar]"'), "[blorpar] is not a word the es lexicon knows"),
    (_pack_with('"$loop"', '      loop: ["otra vez $loop"]\n'), "word list 'loop' refers to itself"),
    (_pack_with('"$a"', '      a: ["$b"]\n      b: ["y $a"]\n'), "refers to itself"),
    (_pack_with('"$a"', '      a: ["$nowhere"]\n'), "uses $nowhere, which this language does not define"),
    (_pack_with('"$a"', '      a: ["[flurbear] ya"]\n'), "word list 'a': [flurbear] is not a word"),
    (_pack_with('"$a"', '      a: ["' + " ".join(["(de veras|de verdad|sin duda|por cierto|en serio)"] * 7) + '"]\n'),
     "write the combination in the pattern itself"),  # 5 ** 7 phrases of several words from one entry
    (_pack_with('"[llamar:imp] ya"').replace("  en:\n", "  en:\n").replace('"[contact] the', '"[contact:imp] the'),
     "only follows a Spanish verb"),
])
def test_bad_terms_and_classes_are_load_errors_with_line(tmp_path, pack, message) -> None:
    with pytest.raises(PackError) as error:
        _linter(tmp_path, "es", pack).lint_text("reply.txt", "Hola.")
    text = str(error.value)
    assert message in text
    assert "house.yaml:" in text  # file:line


def test_terms_inside_list_entries_are_word_sets_not_products(tmp_path) -> None:
    """«[tener] que $contact $other_party» inside a list would spell out hundreds of
    thousands of phrases; each one-word slot becomes one atom instead, so the compiled
    matcher stays small and still matches every form."""
    linter = _linter(tmp_path, "es")
    matched = [f.matched for f in linter.lint_text("reply.txt", "Tendrían que escribir a su banco.").findings
               if f.code == "ORG001"]
    assert matched == ["Tendrían que escribir a su banco"]
    snapshot = linter.rules_for("es").matchers.snapshot()
    # phrases of several words indexed, for all the bundled rules too (about 30,000 early in December
    # 2026, about 40,000 once SIN002/SIN004/SIN007 covered their construction grids, 50,000 after the
    # second grids of 5 December, 71,000 after the fourth; spelled out as products, the entries above
    # alone would make hundreds of thousands, which this bound still tells apart)
    assert sum(map(len, snapshot["longer"].values())) < 90_000  # listed by their first two words


def test_a_fix_cannot_rewrite_a_term(tmp_path) -> None:
    pack = PACK.replace("    examples:\n", '    replace:\n      "[enfadar]": "molestar"\n    examples:\n', 1)
    with pytest.raises(PackError, match=r"must spell out the words its fix rewrites"):
        _linter(tmp_path, "es", pack).lint_text("reply.txt", "Hola.")


def test_a_class_entry_keeps_its_longer_alternatives_beside_one_word_set() -> None:
    """«$soon (ya)? $state» with «estará» beside «va a estar» and «resuelto» beside «en su
    cuenta»: the one-word alternatives of each slot become one word set and the longer
    ones stay phrases, so the entry spells out tens of phrases, not every product."""
    from svclint.rules.patterns.syntax import Wild, Word, parse

    states = [f"estado{n}" for n in range(150)]
    lists = {"soon": ["estará", "quedará", "va a estar", "va a quedar"],
             "state": [*states, "en su cuenta"], "done": ["$soon (ya)? $state"]}
    (slot,) = parse("$done", lists, lambda word: (word,))
    spelled = {tuple(a.norm if isinstance(a, Word) else tuple(sorted(a.words)) for a in option)
               for option in slot.options}
    assert len(slot.options) == 3 * 2 * 2  # (word set | va a estar | va a quedar) (ya)? (word set | en su cuenta)
    assert (("estará", "quedará"), "ya", "en", "su", "cuenta") in spelled
    assert ("va", "a", "quedar", tuple(sorted(states))) in spelled
    assert all(a.low == a.high == 1 for option in slot.options for a in option if isinstance(a, Wild))
