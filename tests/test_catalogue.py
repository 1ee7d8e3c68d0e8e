"""The catalogue and the language packs agree, and agree with RULES.md."""

from __future__ import annotations

import re

import pytest

from svclint.errors import PackError
from svclint.rules.packs import load_catalogue, load_language, load_rule, pack_files, rules_dir

from conftest import SHARED


def test_every_catalogue_rule_has_both_languages() -> None:
    catalogue = load_catalogue()
    for lang in ("es", "en"):
        assert set(load_language(lang)) == {c for c, meta in catalogue.items() if lang in meta.langs}, lang


def test_every_pack_file_is_in_the_catalogue() -> None:
    catalogue = load_catalogue()
    for lang in ("es", "en"):
        for path in pack_files(lang):
            assert path.stem in catalogue, path


def test_catalogue_matches_rules_md() -> None:
    rules_md = SHARED / "design" / "RULES.md"
    if not rules_md.exists():
        pytest.skip("../shared/design/RULES.md is not beside this checkout")
    rows = re.findall(r"^\| ([A-Z]{3}\d{3}) \| ([a-z-]+) \| (\w+)? ?\|? ?(\w+)? ?\|", rules_md.read_text(encoding="utf-8"), re.M)
    contract = {code: slug for code, slug, *_ in rows}
    for code, meta in load_catalogue().items():
        assert contract.get(code) == meta.slug, code


def test_a_broken_pack_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "ANG001.yaml"
    bad.write_text("code: ANG001\ncheck: pattern\ntitle: t\nflags: f\nmessage: m\nwhy: w\ninstead: i\n"
                   "match: [calm down]\nunless: {sideways: [x]}\nexamples: {flag: [a], pass: [b]}\n")
    with pytest.raises(PackError) as error:
        load_rule(bad, "en", load_catalogue())
    assert error.value.line == 9
    assert "sideways" in str(error.value)


def test_a_pack_with_a_python_tag_is_refused(tmp_path) -> None:
    bad = tmp_path / "ANG001.yaml"
    bad.write_text("code: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(PackError, match="not allowed"):
        load_rule(bad, "en", load_catalogue())


def test_bundled_rules_are_found() -> None:
    assert (rules_dir() / "catalogue.yaml").is_file()
