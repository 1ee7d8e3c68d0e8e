"""User rule packs (`rule-packs` in configuration): loaded through the same
schema as the bundled packs, never executing code, with time-limited regexes."""

from __future__ import annotations

import json
import time

import pytest

from conftest import invoke

PACK = """\
ORG001:
  name: Naming a competitor
  slug: competitor-named
  severity: warning
  scope: sentence
  kinds: all
  es:
    check: pattern
    title: Nombrar a la competencia
    flags: Menciones a la competencia en una respuesta al cliente.
    message: "«{match}» nombra a la competencia."
    suggestion: Hable de lo que ofrecemos nosotros.
    why: Una respuesta de servicio habla de lo que el cliente tiene con nosotros.
    instead: Describa nuestra oferta sin compararla.
    match:
      - la competencia
      - $org_actions a la competencia
    examples:
      flag:
        - text: Eso en la competencia es más caro.
          match: la competencia
      pass:
        - Eso se lo revisamos hoy mismo.
"""

BAD_TEXT = "Buenos días, Ana. Gracias por escribirnos.\n\nEso en la competencia le saldría más caro.\n"


def _project(tmp_path, pack: str, name: str = "house.yaml") -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / name).write_text(pack, encoding="utf-8")
    (tmp_path / "svclint.yaml").write_text(f"lang: es\nrule-packs: [packs/{name}]\n", encoding="utf-8")
    (tmp_path / "reply.txt").write_text(BAD_TEXT, encoding="utf-8")


@pytest.fixture(autouse=True)
def in_project(tmp_path, monkeypatch) -> None:
    """Runs start in the project folder, with a result cache of its own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))


def test_user_rule_is_run_listed_and_explained(tmp_path) -> None:
    _project(tmp_path, PACK)
    run = invoke("check", "--format", "json", "--select", "ORG", "reply.txt")
    found = json.loads(run.stdout)
    assert run.exit_code == 1, run.stderr
    assert [(f["code"], f["line"], f["column"], f["end_column"], f["slug"]) for f in found] == [
        ("ORG001", 3, 8, 22, "competitor-named")]
    assert found[0]["message"] == "«la competencia» nombra a la competencia."
    assert "ORG001  competitor-named" in invoke("rules").stdout
    page = invoke("explain", "ORG001")
    assert page.exit_code == 0 and "Nombrar a la competencia" in page.stdout


def test_editing_a_user_pack_invalidates_the_cache(run_svclint, tmp_path) -> None:
    """Two processes: within one, svclint hashes a pack file once (packs._file_digest),
    so a second in-process run would not see the edit."""
    _project(tmp_path, PACK)
    assert run_svclint("check", "--select", "ORG", "reply.txt", cwd=tmp_path).returncode == 1
    (tmp_path / "packs" / "house.yaml").write_text(PACK.replace("- la competencia\n", "- la otra empresa\n", 1))
    assert run_svclint("check", "--select", "ORG", "reply.txt", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(("pack", "words"), [
    (PACK.replace("  es:\n", "  es: !!python/object/apply:os.system [echo pwned]\n  xx:\n"), "tagged value"),
    ("ORG001: !!python/object/apply:os.system ['touch pwned']\n", "tagged value"),
    (PACK.replace("ORG001", "PRM001"), "PRM001 is already defined"),
    (PACK.replace("    match:\n", "    matches:\n"), "unknown key 'matches'"),
    (PACK.replace("severity: warning", "severity: fatal"), "severity must be"),
    (PACK.replace("      - la competencia\n", "      - /(unclosed/\n", 1), "bad regular expression"),
    (PACK.replace("      - la competencia\n", "      - $no_such_list\n", 1), "unknown word list"),
    (PACK.replace("ORG001", "org-1"), "must look like ABC123"),
    (PACK.replace("      - la competencia\n", "      - " + "(" * 3000 + "x" + ")" * 3000 + "\n", 1), "nested too deeply"),
    (PACK.replace("      - la competencia\n", "      - (" + "(a|b) " * 40 + ")\n", 1), "over 100,000 alternatives"),
    (PACK.replace("      - la competencia\n", "      - la _{0,100000} competencia\n", 1), "high <= 50"),
    ("- not a mapping\n", "must be a mapping"),
    (PACK.replace("    check: pattern\n", "    check: metric\n    metric: sentence-length\n")
     .replace("    match:\n      - la competencia\n      - $org_actions a la competencia\n", ""),
     "needs the options max-sentence-words"),
    (PACK.replace("    check: pattern\n", "    check: metric\n    metric: sentence-length\n    options: {max-sentence-words: abc}\n")
     .replace("    match:\n      - la competencia\n      - $org_actions a la competencia\n", ""),
     "option 'max-sentence-words': must be a int"),
    (PACK.replace("    check: pattern\n", "    check: named\n    function: personalization\n"
                  "    options: {name-pattern: '(x', not-name-pattern: y}\n")
     .replace("    match:\n      - la competencia\n      - $org_actions a la competencia\n", ""),
     "option 'name-pattern' must be a valid regular expression"),
    (PACK.replace("    check: pattern\n", "    check: named\n    function: register\n")
     .replace("    match:\n      - la competencia\n      - $org_actions a la competencia\n", ""),
     "this function needs the option 'usted'"),
    (PACK.replace("    match:\n", "    variants:\n      rival-named: {after: [Rivalia]}\n    match:\n"),
     "variant 'rival-named' has no message: add it under 'messages:'"),
])
def test_bad_user_pack_is_exit_2_naming_the_file(tmp_path, pack, words) -> None:
    _project(tmp_path, pack)
    run = invoke("check", "reply.txt")
    assert run.exit_code == 2
    assert words in run.stderr and "house.yaml" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "pwned").exists()


def test_bad_pack_error_names_the_line(tmp_path) -> None:
    _project(tmp_path, PACK.replace("    match:\n", "    matches:\n"))
    line = PACK.splitlines().index("    match:") + 1
    assert f"house.yaml:{line}: unknown key 'matches'" in invoke("check", "reply.txt").stderr


def test_missing_pack_file_is_exit_2(tmp_path) -> None:
    (tmp_path / "svclint.yaml").write_text("rule-packs: [nowhere.yaml]\n")
    (tmp_path / "reply.txt").write_text(BAD_TEXT)
    run = invoke("check", "reply.txt")
    assert run.exit_code == 2 and "nowhere.yaml: cannot read rule pack" in run.stderr


def test_catastrophic_regex_is_cut_off_and_reported(tmp_path) -> None:
    """(a|aa)+ against a long run of a's that fails at the end takes exponential time."""
    _project(tmp_path, PACK.replace("      - la competencia\n", "      - /^(a|aa)+$/\n", 1))
    evil_word = "a" * 60 + "b"
    (tmp_path / "reply.txt").write_text(f"Gracias por escribirnos. {evil_word} y {evil_word}c otra vez.\n")
    started = time.monotonic()
    run = invoke("check", "--select", "ORG", "reply.txt")
    assert time.monotonic() - started < 30
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.stderr.count("E905") == 1 and "of ORG001 (rule pack" in run.stderr and "regex-time-limit" in run.stderr


def test_regex_time_limit_is_configurable(tmp_path) -> None:
    from svclint.config import load_config

    (tmp_path / "svclint.yaml").write_text("options:\n  regex-time-limit: 0.05\n  max-yaml-nodes: 10\n")
    config = load_config(tmp_path / "svclint.yaml")
    assert config.regex_time_limit() == 0.05 and config.max_yaml_nodes() == 10


def test_yaml_node_limit_skips_with_a_message(tmp_path) -> None:
    (tmp_path / "svclint.yaml").write_text("options:\n  max-yaml-nodes: 5\n")
    (tmp_path / "faq.yaml").write_text("faq:\n" + "".join(
        f"  - q: ¿Pregunta {i}?\n    a: Le respondemos en el día por correo.\n" for i in range(4)))
    run = invoke("check", "faq.yaml")
    assert run.exit_code == 1  # a file skipped unread fails the run (unless E901 is ignored)
    assert "faq.yaml:1:1: E901" in run.stderr and "over 5 values" in run.stderr and "max-yaml-nodes" in run.stderr


def test_many_gaps_in_a_group_stay_fast(tmp_path) -> None:
    """Fourteen `...` gaps inside a group: every way of placing them is one of 5**14
    paths, so they must be followed as sets of positions, not path by path."""
    _project(tmp_path, PACK.replace("      - la competencia\n", "      - hola (" + "... " * 14 + "adiós|zzz)\n", 1))
    (tmp_path / "reply.txt").write_text("hola " + "palabra " * 60 + "adiós.\n", encoding="utf-8")
    started = time.monotonic()
    run = invoke("check", "--select", "ORG", "reply.txt")
    assert time.monotonic() - started < 30
    assert run.exit_code == 0 and "No se encontraron problemas" in run.stdout  # the project says lang: es
    (tmp_path / "reply.txt").write_text("hola " + "palabra " * 10 + "adiós.\n", encoding="utf-8")
    assert "ORG001" in invoke("check", "--select", "ORG", "reply.txt").stdout


def test_a_message_variant_is_chosen_by_what_stands_after_the_match(tmp_path) -> None:
    """`variants` picks a `messages:` wording for a match when its patterns stand where
    their scope says; other matches keep the rule's main message."""
    _project(tmp_path, PACK.replace("    match:\n", "    messages:\n      rival-named: «{match}» nombra a un rival por su nombre.\n"
                                                 "    variants:\n      rival-named: {after: [como Rivalia]}\n    match:\n"))
    (tmp_path / "reply.txt").write_text("Eso en la competencia, como Rivalia, es más caro.\n\n"
                                        "Eso en la competencia es más caro.\n", encoding="utf-8")
    found = json.loads(invoke("check", "--format", "json", "reply.txt").stdout)
    assert [(f["line"], f["message"]) for f in found if f["code"] == "ORG001"] == [
        (1, "«la competencia» nombra a un rival por su nombre."), (3, "«la competencia» nombra a la competencia.")]


def test_a_match_that_needs_the_closing_mark_points_at_its_words(tmp_path) -> None:
    """A pattern may require the mark that ends a sentence after its words
    (`la competencia /^[.!]$/`); the finding points at the words, not at the mark."""
    _project(tmp_path, PACK.replace("      - la competencia\n", "      - la competencia /^[.!]$/\n"))
    (tmp_path / "reply.txt").write_text("Eso pregúnteselo a la competencia.\n\nEso en la competencia es más caro.\n",
                                        encoding="utf-8")
    found = json.loads(invoke("check", "--format", "json", "--select", "ORG", "reply.txt").stdout)
    assert [(f["line"], f["column"], f["end_column"], f["message"]) for f in found] == [
        (1, 20, 34, "«la competencia» nombra a la competencia.")]


def test_a_regular_expression_is_read_without_accents_as_norms_are(tmp_path) -> None:
    """Patterns match NORMs, which have no accents: `/…ó$/` written by a pack means `/…o$/`,
    else it could never match (it matches «pidió» and «pidio» alike)."""
    _project(tmp_path, PACK.replace("      - la competencia\n", "      - la competencia /^\\w+ió$/\n"))
    (tmp_path / "reply.txt").write_text("Eso lo ofreció la competencia pidió.\n\nLo de la competencia pidio.\n",
                                        encoding="utf-8")
    found = json.loads(invoke("check", "--format", "json", "--select", "ORG", "reply.txt").stdout)
    assert [(f["line"], f["message"]) for f in found] == [
        (1, "«la competencia pidió» nombra a la competencia."), (3, "«la competencia pidio» nombra a la competencia.")]


REFINING = PACK.replace("    match:\n", "    refines:\n      NEG001: [por culpa del proveedor]\n    match:\n")


def test_a_rule_takes_over_the_findings_of_the_rule_it_refines(tmp_path) -> None:
    """`refines: {NEG001: […]}`: a NEG001 refusal in whose sentence one of the patterns
    stands is the rule's finding too, at the pattern's words; NEG001 runs even when only
    the refining rule is selected, and is then not reported."""
    _project(tmp_path, REFINING)
    (tmp_path / "reply.txt").write_text("Por culpa del proveedor no podemos enviarle el pedido.\n\n"
                                        "Por culpa del proveedor el pedido sale el lunes.\n", encoding="utf-8")
    found = json.loads(invoke("check", "--format", "json", "--select", "ORG001,NEG001", "reply.txt").stdout)
    assert [(f["code"], f["line"], f["column"], f["end_column"]) for f in found] == [
        ("ORG001", 1, 1, 24), ("NEG001", 1, 25, 35)]
    alone = json.loads(invoke("check", "--format", "json", "--select", "ORG001", "reply.txt").stdout)
    assert [(f["code"], f["line"], f["message"]) for f in alone] == [("ORG001", 1, "«Por culpa del proveedor» nombra a la competencia.")]


@pytest.mark.parametrize(("refines", "words"), [
    ("XYZ001: [por culpa del proveedor]", "ORG001: 'refines' names XYZ001, which is not a rule of this language"),
    ("SIN006: [por culpa del proveedor]", "ORG001: 'refines' names SIN006, which refines another rule itself"),
    ("negativas: [por culpa del proveedor]", "'refines' names rules by their codes (NEG001), not 'negativas'"),
])
def test_a_bad_refines_is_exit_2_naming_the_file(tmp_path, refines, words) -> None:
    _project(tmp_path, REFINING.replace("NEG001: [por culpa del proveedor]", refines))
    run = invoke("check", "reply.txt")
    line = REFINING.splitlines().index("      NEG001: [por culpa del proveedor]") + 1
    assert run.exit_code == 2, run.stdout
    assert words in run.stderr and f"house.yaml:{line}:" in run.stderr and "Traceback" not in run.stderr


def test_unless_all_vetoes_only_when_every_scope_of_a_group_stands(tmp_path) -> None:
    """`unless-all: [{after: […], next: […]}]`: a reason after the match and an
    alternative in the next sentence veto it together, neither alone."""
    _project(tmp_path, PACK.replace("    match:\n", "    unless-all:\n      - {after: [porque], next: [le ofrecemos]}\n"
                                                 "    match:\n"))
    (tmp_path / "reply.txt").write_text("Eso en la competencia es más caro porque importan. Le ofrecemos el nuestro.\n\n"
                                        "Eso en la competencia es más caro porque importan.\n\n"
                                        "Eso en la competencia es más caro. Le ofrecemos el nuestro.\n", encoding="utf-8")
    found = json.loads(invoke("check", "--format", "json", "--select", "ORG", "reply.txt").stdout)
    assert [(f["code"], f["line"], f["column"]) for f in found] == [("ORG001", 3, 8), ("ORG001", 5, 8)]


COMPANIONED = PACK.replace("    match:\n      - la competencia\n",
                          "    when:\n      - match: [más barato]\n        next: [en la competencia]\n"
                          "    match:\n      - la competencia\n")


def test_a_when_group_counts_only_beside_its_own_companion(tmp_path) -> None:
    """`when: [{match: […], next: […]}]`: «más barato» is a finding only where «en la
    competencia» follows it, in its sentence or the next; the rule's own `match` still
    counts alone."""
    _project(tmp_path, COMPANIONED)
    (tmp_path / "reply.txt").write_text("Sale más barato. Lo tiene en la competencia.\n\n"
                                        "Sale más barato con el plan anual.\n", encoding="utf-8")
    found = json.loads(invoke("check", "--format", "json", "--select", "ORG001", "reply.txt").stdout)
    assert [(f["line"], f["column"], f["end_column"], f["message"]) for f in found] == [
        (1, 6, 16, "«más barato» nombra a la competencia."),
        (1, 30, 44, "«la competencia» nombra a la competencia.")]


@pytest.mark.parametrize(("group", "words"), [
    ("    unless-all: {after: [porque]}\n", "'unless-all' must be a list of groups of patterns by scope"),
    ("    unless-all:\n      - {sideways: [porque]}\n", "unknown key 'sideways' in a group of 'unless-all'"),
    ("    when: {match: [más barato], next: [hoy]}\n",
     "'when' must be a list of groups, each with 'match' and its companion by scope"),
    ("    when:\n      - {match: [más barato]}\n", "a group of 'when' needs 'match' and a companion in one of overlap"),
    ("    when:\n      - {next: [hoy]}\n", "a group of 'when' needs 'match'"),
    ("    when:\n      - {match: [más barato], later: [hoy]}\n", "unknown key 'later' in a group of 'when'"),
])
def test_a_bad_group_of_patterns_is_exit_2_naming_the_file(tmp_path, group, words) -> None:
    """`unless-all` and `when` groups are checked when the pack loads."""
    _project(tmp_path, PACK.replace("    match:\n", group + "    match:\n"))
    run = invoke("check", "reply.txt")
    assert run.exit_code == 2 and words in run.stderr and "house.yaml" in run.stderr and "Traceback" not in run.stderr


def test_a_finding_points_at_the_words_not_the_mark_its_pattern_needed_before_them(tmp_path) -> None:
    """A pattern that asks for a token before its words that is not a negator
    (`/^(?!no$).+$/ la competencia`) matches a colon there too; the finding starts at the words."""
    _project(tmp_path, PACK.replace("      - la competencia\n", "      - /^(?!no$).+$/ la competencia\n", 1)
             .replace("Eso en la competencia es más caro.", "'Eso: la competencia es más cara.'"))
    (tmp_path / "reply.txt").write_text("Buenos días, Ana. Gracias por escribirnos.\n\nLo dije: la competencia cobra más. "
                                        "Eso no la competencia.\n", encoding="utf-8")
    run = invoke("check", "--format", "json", "--select", "ORG", "reply.txt")
    assert run.exit_code == 1, run.stderr
    assert [(f["line"], f["column"], f["end_column"]) for f in json.loads(run.stdout)] == [(3, 10, 24)]


def test_an_exception_counts_only_in_the_voice_of_the_match(tmp_path) -> None:
    """An `unless` pattern excuses a match only in the same speaker's words: in a call script
    the customer's «se lo agradezco» is no excuse the agent gave, while the agent's own is."""
    _project(tmp_path, PACK.replace("    match:\n", "    unless:\n      near: [se lo agradezco]\n    match:\n", 1))
    (tmp_path / "guion.txt").write_text(
        "Agente: Buenos días, le atiende Ana.\n"
        "Cliente: Se lo agradezco.\n"
        "Agente: Eso en la competencia le saldría más caro.\n"
        "Cliente: Vale.\n"
        "Agente: Se lo agradezco. Eso en la competencia le saldría más caro.\n", encoding="utf-8")
    run = invoke("check", "--format", "json", "--select", "ORG001", "--kind", "call-script", "guion.txt")
    assert run.exit_code == 1, run.stderr
    assert [(f["line"], f["column"]) for f in json.loads(run.stdout)] == [(3, 16)]


def test_an_unasked_exception_holds_on_pages_and_faqs_but_not_in_replies(tmp_path) -> None:
    """`unless: {unasked: […]}` excuses the same words in a `text` unit or an FAQ answer (written
    for everyone, no one asked), never in a reply to someone who wrote."""
    _project(tmp_path, PACK.replace("    match:\n", "    unless:\n      unasked: [la competencia es]\n    match:\n", 1))
    (tmp_path / "reply.txt").write_text("Eso en la competencia es más caro.\n", encoding="utf-8")
    found = {kind: json.loads(invoke("check", "--format", "json", "--select", "ORG001", "--kind", kind,
                                     "reply.txt").stdout) for kind in ("text", "faq", "email", "chat")}
    assert {kind: [(f["line"], f["column"]) for f in findings] for kind, findings in found.items()} == \
        {"text": [], "faq": [], "email": [(1, 8)], "chat": [(1, 8)]}
