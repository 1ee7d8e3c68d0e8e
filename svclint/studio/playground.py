"""The rule playground: a rule written in the pack syntax, validated by svclint's own
pack loader (errors with their line), its flag/pass examples run as the test suite
runs a pack's examples, and the rule run on the page's text.

The loader reads packs from files, so the rule is written to a file in a private
temporary folder for the length of one request; nothing is written where the user
works."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from svclint.api import Session
from svclint.config import Config, config_from_mapping
from svclint.errors import SvclintError
from svclint.rules.packs import Example, RuleBook, rule_book
from svclint.studio.checking import CheckRequest, check

PACK_NAME = "playground.yaml"


@dataclass(frozen=True)
class Trial:
    pack: str  # the YAML of a user pack
    page: CheckRequest  # the page's text, run with the pack's rules only
    lang: str | None
    kind: str | None


def try_rules(trial: Trial, config: Config) -> dict:
    """Errors (message and line), the examples' results and the findings of the pack's
    rules in the page's text, on top of `config` (the served folder's configuration)."""
    with tempfile.TemporaryDirectory(prefix="svclint-playground-") as folder:
        pack = Path(folder, PACK_NAME)
        # a lone surrogate (JSON can carry one) stays a byte the loader refuses as not UTF-8
        pack.write_bytes(trial.pack.encode("utf-8", "surrogatepass"))
        try:
            book = rule_book((str(pack),))
            codes = [code for rules in book.extra.values() for code in rules]
            examples = run_examples(book, pack)
            session = Session(config=replace(config, rule_packs=[*config.pack_paths(), str(pack)]),
                              lang=trial.lang, kind=trial.kind, select=codes or ["ALL"])
            findings = check(session, trial.page)["findings"] if codes else []
        except SvclintError as error:
            return {"errors": [_error(error)], "codes": [], "examples": [], "findings": []}
    return {"errors": [], "codes": list(dict.fromkeys(codes)), "examples": examples, "findings": findings}


def _error(error: SvclintError) -> dict:
    return {"line": error.line, "message": error.message}


def run_examples(book: RuleBook, pack: Path) -> list[dict]:
    """Each example of each rule in the pack: flagged or passed as it says it should be.
    Examples run alone, with only the configuration they carry, as in tests/test_rule_examples.py."""
    results = []
    for lang, rules in book.extra.items():
        for code, rule in rules.items():
            kinds = book.catalogue[code].kinds
            default_kind = "text" if "text" in kinds else kinds[0]
            for expected, examples in (("flag", rule.flag), ("pass", rule.passes)):
                results += [_example(example, code, lang, expected, default_kind, pack) for example in examples]
    return results


def _example(example: Example, code: str, lang: str, expected: str, default_kind: str, pack: Path) -> dict:
    config = config_from_mapping({**example.config, "rule-packs": [pack.name]}, str(pack.with_name("svclint.yaml")))
    session = Session(config=config, lang=lang, kind=example.kind or default_kind, select=[code])
    found = [finding.matched for finding in session.lint_text(example.text).findings]
    if expected == "pass":
        passed = not found
    else:
        passed = bool(found) and (example.match is None or found == [example.match])
    return {"code": code, "lang": lang, "expected": expected, "text": example.text, "match": example.match,
            "found": found, "ok": passed}
