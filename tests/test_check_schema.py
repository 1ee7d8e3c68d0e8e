"""The schema each check declares (svclint/checks/schema.py): what a bad pack is told,
at which line; the defaults a check reads for keys a rule leaves out; every check
a pack can name declares one; and packs and the checks do not import each other
in a cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from svclint.checks.kinds import KINDS, PRIMITIVES, check_class
from svclint.checks.metric import MetricCheck
from svclint.checks.named import NAMED
from svclint.checks.pattern import PatternCheck
from svclint.checks.require import RequireCheck
from svclint.checks.schema import Field, Schema
from svclint.config import Config
from svclint.errors import PackError
from svclint.rules.packs import RuleData, load_shared, rule_book

ROOT = Path(__file__).resolve().parent.parent

# A user pack's rule, its check's own keys left out: they follow from line 15 on.
RULE_HEAD = """\
HSE001:
  name: Talking about the weather
  slug: weather-talk
  severity: info
  scope: sentence
  es:
    title: Hablar del tiempo
    flags: Comentarios sobre el tiempo en una respuesta.
    message: "«{match}» habla del tiempo."
    why: La respuesta trata del pedido del cliente.
    instead: Vaya al asunto del cliente.
    examples:
      flag: [{text: Hoy hace un tiempo horrible., match: tiempo horrible}]
      pass: [Su pedido sale hoy.]
"""
FIRST_KEY_LINE = 15
SECTION_LINE = 7  # where the `es` mapping starts: the line of errors about the rule as a whole


def _pack(tmp_path: Path, check_keys: str) -> str:
    path = tmp_path / "house.yaml"
    indented = "".join(f"    {line}\n" for line in check_keys.strip("\n").split("\n"))
    path.write_text(RULE_HEAD + indented, encoding="utf-8")
    return str(path)


def _error(tmp_path: Path, check_keys: str) -> tuple[int | None, str]:
    with pytest.raises(PackError) as raised:
        rule_book((_pack(tmp_path, check_keys),))
    assert raised.value.path == str(tmp_path / "house.yaml")
    return raised.value.line, raised.value.message


def _rule(tmp_path: Path, check_keys: str) -> RuleData:
    return rule_book((_pack(tmp_path, check_keys),)).extra["es"]["HSE001"]


SCOPE_NAMES = "overlap, sentence, before, after, next, previous, near, unit, notice, published, unasked"


@pytest.mark.parametrize(("check_keys", "line", "message"), [
    # Patterns
    ("check: pattern\nmatch: tiempo horrible", 16, "'match' must be a list of non-empty strings"),
    ("check: pattern\nmatch: ['@no_such_set']", 16, "unknown pattern set @no_such_set"),
    ("check: pattern\nmatch: ['[zzqqx]']", 16,
     "HSE001: [zzqqx] is not a word the es lexicon knows; write its forms out"),
    # ScopedPatterns and PatternsOrScoped
    ("check: pattern\nmatch: [tiempo horrible]\nunless:\n  after: [ayer]\n  around: [hoy]", 19,
     f"unknown key 'around' in 'unless' (allowed: {SCOPE_NAMES})"),
    ("check: pattern\nmatch: [tiempo horrible]\nunless: 5", 17, "'unless' must be a mapping"),
    ("check: pattern\nmatch: [tiempo horrible]\nunless:\n  after: hoy", 18,
     "'after' must be a list of non-empty strings"),
    ("check: pattern\nmatch: [tiempo horrible]\nalso: {later: [hoy]}", 17,
     f"unknown key 'later' in 'also' (allowed: {SCOPE_NAMES})"),
    ("check: pattern\nmatch: [tiempo horrible]\nalso: 5", 17, "'also' must be a list of non-empty strings"),
    # Replacements
    ("check: pattern\nreplace:\n  [tardar]: {advice: lo que tarda}", 17,
     "each 'replace' pattern must be text; quote one that starts with '[' or '{' (\"[facilitate]\": …)"),
    ("check: pattern\nreplace:\n  tiempo horrible: 5", 17,
     "each 'replace' entry maps a pattern to the literal text that replaces it, "
     "or to {advice: …} when no single replacement fits"),
    ("check: pattern\nreplace: [tiempo horrible]", 16, "'replace' must be a mapping"),
    # Contexts
    ("check: pattern\nmatch: [tiempo horrible]\noutside: [question, irony]", 17,
     "'outside' names an unknown context 'irony' (known: negation, hypothetical, conditional, consequence, question, quote)"),
    ("check: pattern\nmatch: [tiempo horrible]\noutside: question", 17,
     "'outside' must be a list of non-empty strings"),
    # Words, Choice, Flag
    ("check: require\nrequire: [gracias]\nplaceholders: nombre", 17,
     "'placeholders' must be a list of non-empty strings"),
    ("check: require\nrequire: [gracias]\nwithin: middle", 17, "'within' must be unit, opening or closing"),
    ("check: require\nrequire: [gracias]\nconfig-phrases: products", 17, "'config-phrases' must be organization"),
    ("check: require\nrequire: [gracias]\nwaive-if-customer-first: sometimes", 17,
     "'waive-if-customer-first' must be true or false"),
    ("check: metric\nmetric: wordiness", 16, "'metric' must be sentence-length, readability or brevity"),
    # ConfigOptions
    ("check: metric\nmetric: sentence-length\noptions:\n  max-sentence-words: many", 18,
     "option 'max-sentence-words': must be a int"),
    ("check: metric\nmetric: sentence-length\noptions: 20", 17, "'options' must be a mapping"),
    # a named check's Options and Regex
    ("check: named\nfunction: register", 16, "this function needs the option 'usted'"),
    ("check: named\nfunction: personalization\noptions: [nombre]", 17, "'options' must be a mapping"),
    ("check: named\nfunction: personalization\noptions:\n  name-pattern: nombre\n  not-name-pattern: agente\n"
     "  surname-pattern: apellido", 20,
     "unknown key 'surname-pattern' in 'options' (allowed: name-pattern, not-name-pattern, greeting-pattern, greeted-name-pattern)"),
    ("check: named\nfunction: personalization\noptions:\n  name-pattern: '(nombre'\n  not-name-pattern: agente", 18,
     "option 'name-pattern' must be a valid regular expression"),
    ("check: named\nfunction: personalization\noptions:\n  name-pattern: nombre\n  not-name-pattern: 7", 19,
     "option 'not-name-pattern' must be a valid regular expression"),
    # constraints on the rule as a whole
    ("check: pattern\nmatch: []", SECTION_LINE, "a pattern rule needs 'match' or 'when' or 'replace'"),
    ("check: require\ntrigger: [problema]", SECTION_LINE, "a require rule needs 'require'"),
    ("check: metric\noptions: {max-sentence-words: 20}", SECTION_LINE, "a metric rule needs 'metric'"),
    ("check: metric\nmetric: readability\noptions: {min-words: 40}", 16,
     "a readability metric needs the options min-score, index"),
    ("check: named\nfunction: leftovers\nlists: {fillers: [lorem ipsum]}", 16,
     "this function needs the word list 'blank_words' under 'lists'"),
    # the keys a check accepts are its schema's
    ("check: require\nrequire: [gracias]\nmatch: [hola]", 17,
     "unknown key 'match' in a require rule (allowed: code, check, title, flags, message, messages, suggestion, "
     "why, instead, lists, examples, require, require-unless, trigger, trigger-unless, trigger-asked, within, opening-asks, opening-replies, placeholders, "
     "config-phrases, waive, waive-if-customer-first, outside)"),
    ("check: named\nfunction: weather", 16,
     "function must be one of acronyms, capitals, language-match, leftovers, personalization, placeholder-syntax, "
     "register, unknown-placeholder"),
])
def test_a_bad_key_is_named_with_its_line(tmp_path: Path, check_keys: str, line: int, message: str) -> None:
    assert _error(tmp_path, check_keys) == (line, message)


def test_fields_normalise_what_they_read(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "check: pattern\nmatch: ['@apology', tiempo horrible]\n"
                           "also: {previous: [hoy]}\nreplace:\n  hace tiempo: hace un rato\n"
                           "  tiempo de perros: {advice: un mal día}\noutside: [negation]")
    _, sets = load_shared("es")
    assert rule.spec["match"] == [*sets["apology"], "tiempo horrible"]
    assert rule.spec["also"] == {"previous": ["hoy"]}
    assert rule.spec["replace"] == {"hace tiempo": "hace un rato", "tiempo de perros": {"advice": "un mal día"}}
    assert rule.spec["outside"]["contexts"] == ["negation"]
    assert set(rule.spec["outside"]["markers"]) == {"context_negators", "context_clause_breaks"}
    words = _rule(tmp_path, "check: require\nrequire: [gracias]\nplaceholders: [NomBre, CLIENTE]")
    assert words.spec == {"require": ["gracias"], "placeholders": ["nombre", "cliente"]}


def test_a_check_reads_its_schemas_defaults_for_keys_left_out(tmp_path: Path) -> None:
    bare = RequireCheck(_rule(tmp_path, "check: require\nrequire: [gracias]"), Config())
    assert bare.rule.spec == {"require": ["gracias"]}  # defaults are read, never written into the spec
    assert bare.within == "unit"
    assert bare.setting("waive-if-customer-first") is False
    assert list(bare.setting("placeholders")) == [] and list(bare.setting("waive")) == []
    assert dict(bare.setting("trigger-unless")) == {}
    given = RequireCheck(_rule(tmp_path, "check: require\nrequire: [gracias]\nwithin: closing\n"
                                         "waive-if-customer-first: true"), Config())
    assert given.within == "closing" and given.setting("waive-if-customer-first") is True
    pattern = PatternCheck(_rule(tmp_path, "check: pattern\nmatch: [tiempo horrible]"), Config())
    assert dict(pattern.setting("unless")) == {} and dict(pattern.setting("replace")) == {}
    assert list(pattern.setting("also")) == []


def test_every_check_a_pack_can_name_declares_its_schema() -> None:
    classes = [*PRIMITIVES.values(), *NAMED.values()]
    assert set(KINDS) == {"pattern", "require", "metric", "named"}
    assert {PatternCheck, RequireCheck, MetricCheck} <= set(classes)
    for cls in classes:
        schema = cls.__dict__.get("SCHEMA")  # its own, not one inherited
        assert isinstance(schema, Schema), f"{cls.__name__} declares no SCHEMA"
        assert schema.keys and all(isinstance(field, Field) for field in schema.fields.values()), cls.__name__
    assert all(check_class("named", name) is cls for name, cls in NAMED.items())
    assert check_class("metric") is MetricCheck


def _fresh_modules(statement: str) -> set[str]:
    """The svclint and spaCy modules a fresh interpreter has loaded after `statement`."""
    probe = f"{statement}; import sys; print(' '.join(m for m in sys.modules if m.startswith(('svclint', 'spacy'))))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_packs_imports_alone_without_spacy_or_the_checks() -> None:
    """A run served from the caches imports packs but never validates a pack: the
    schema vocabulary is all it loads of the checks, and spaCy stays unloaded."""
    loaded = _fresh_modules("import svclint.rules.packs")
    assert {m for m in loaded if m.startswith("svclint.checks")} == {"svclint.checks", "svclint.checks.schema"}
    assert not any(m.startswith("spacy") for m in loaded)


def test_no_check_imports_packs_at_run_time() -> None:
    assert "svclint.rules.packs" not in _fresh_modules("import svclint.checks.kinds")
    for module in sorted((ROOT / "svclint" / "checks").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
        imported |= {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
        assert "svclint.rules.packs" not in imported, f"{module.name} imports packs at run time"
