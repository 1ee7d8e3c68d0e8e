"""Every fixture under fixtures/<lang>/<CODE>/ is linted with only that rule
selected; the findings must be exactly those in the folder's expected.yaml
(code, line, column, end line, end column), and good files must have none (a good
file may be read as an automated notice, and then carries the SVC102 note saying so).
A folder may hold a svclint.yaml with the configuration its rule needs
(declared variables, organisation names)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from svclint.config import Config, load_config
from svclint.engine import Linter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _cases():
    for expected in sorted(FIXTURES.glob("*/*/expected.yaml")):
        folder = expected.parent
        lang, code = folder.parent.name, folder.name
        table = YAML(typ="safe").load(expected.read_text(encoding="utf-8"))
        for name, spans in table.items():
            yield pytest.param(lang, code, folder / name, spans or [], id=f"{lang}/{code}/{name}")


@cache
def _linter(lang: str, code: str) -> Linter:
    folder_config = FIXTURES / lang / code / "svclint.yaml"
    config = load_config(folder_config) if folder_config.exists() else Config()
    return Linter(config, lang=lang, select=[code])


@pytest.mark.parametrize(("lang", "code", "path", "spans"), list(_cases()))
def test_fixture_findings(lang: str, code: str, path: Path, spans: list) -> None:
    result = _linter(lang, code).lint_path(str(path))
    # a good file may be an automated notice: the note that says so (SVC102) is what it should get
    assert all(d.code == "SVC102" for d in result.diagnostics) if not spans else not result.diagnostics
    found = [[f.start.line, f.start.column, f.end.line, f.end.column] for f in result.findings]
    assert found == spans
    assert all(f.code == code for f in result.findings)


def test_every_fixture_file_is_listed() -> None:
    for expected in FIXTURES.glob("*/*/expected.yaml"):
        listed = set(YAML(typ="safe").load(expected.read_text(encoding="utf-8")))
        present = {p.name for p in expected.parent.iterdir() if p.name not in ("expected.yaml", "svclint.yaml")}
        assert present == listed, expected.parent


@pytest.mark.parametrize("lang", ["es", "en"])
def test_each_rule_has_enough_fixtures(lang: str) -> None:
    from svclint.rules.packs import load_language

    for code in load_language(lang):
        expected = FIXTURES / lang / code / "expected.yaml"
        assert expected.exists(), f"{lang}/{code} has no fixtures"
        table = YAML(typ="safe").load(expected.read_text(encoding="utf-8"))
        bad = [n for n, spans in table.items() if spans]
        good = [n for n, spans in table.items() if not spans]
        assert len(bad) >= 8 and len(good) >= 8, f"{lang}/{code}: {len(bad)} bad, {len(good)} good"
