"""The catalogue and the language packs agree, and agree with RULES.md."""

from __future__ import annotations

import re
import shutil

import pytest

from svclint.errors import PackError
from svclint.rules.packs import (_load_language_files, load_catalogue, load_language, load_rule, pack_files,
                                 profile_catalogue, profile_names, profiles_dir, rules_dir)

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


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_bundled_pattern_passes_the_checks_user_packs_get(lang: str) -> None:
    """A run does not check the patterns of the packs svclint ships (load_rule): this does,
    as a user's pack is checked (parses, requires a word, bounded gaps, fixes spelled out)."""
    folders = [(None, load_catalogue())] + [(profiles_dir() / name, profile_catalogue(name)) for name in profile_names()]
    for folder, catalogue in folders:
        _load_language_files(lang, folder, catalogue, check_patterns=True)  # raises PackError with file and line


def test_a_bundled_pack_is_not_checked_at_run_time_but_a_users_is(tmp_path, monkeypatch) -> None:
    """The check that test_every_bundled_pattern… runs is skipped only for files svclint ships."""
    text = ("code: ANG001\ncheck: pattern\ntitle: t\nflags: f\nmessage: m\nwhy: w\ninstead: i\n"
            "match: [calm down, _ _ ...]\nexamples: {flag: [a], pass: [b]}\n")
    (tmp_path / "en").mkdir()
    pack = tmp_path / "en" / "ANG001.yaml"
    pack.write_text(text)
    with pytest.raises(PackError, match="requires no word"):
        load_rule(pack, "en", load_catalogue())
    monkeypatch.setattr("svclint.rules.packs.rules_dir", lambda: tmp_path)
    assert load_rule(pack, "en", load_catalogue()).spec["match"] == ["calm down", "_ _ ..."]


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


def test_bundled_yaml_reads_the_same_without_positions() -> None:
    """The packs svclint ships are read by libyaml as plain data (yamlio._plain_data):
    each must give what the round-trip loader gives, which reports errors."""
    from svclint.yamlio import _CParser, _plain_data, load_yaml

    for path in sorted(rules_dir().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if _CParser is not None:
            assert _plain_data(text) == load_yaml(text, str(path), PackError), path


def test_no_word_list_of_a_bundled_pack_holds_an_entry_twice() -> None:
    """A list is a set of words: an entry written twice adds nothing, and it tells of a list
    grown by appending without reading it first (a second copy may later be edited alone)."""
    from svclint.yamlio import load_yaml

    repeated = []
    for path in sorted(rules_dir().rglob("*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8"), str(path), PackError) or {}
        for section in ("lists", "sets"):
            for name, entries in (data.get(section) or {}).items():
                words = [entry for entry in entries if isinstance(entry, str)] if isinstance(entries, list) else []
                repeated += [f"{path.relative_to(rules_dir())} {section}/{name}: {word!r}"
                             for word in sorted(set(words)) if words.count(word) > 1]
    assert repeated == []


def test_a_broken_bundled_pack_names_file_and_line(tmp_path, monkeypatch) -> None:
    """A bundled pack read without positions is read again with them to report an error."""
    (tmp_path / "en").mkdir()
    bad = tmp_path / "en" / "ANG001.yaml"
    bad.write_text("code: ANG001\ncheck: pattern\ntitle: t\nflags: f\nmessage: m\nwhy: w\ninstead: i\n"
                   "match: [calm down]\nunless: {sideways: [x]}\nexamples: {flag: [a], pass: [b]}\n")
    monkeypatch.setattr("svclint.rules.packs.rules_dir", lambda: tmp_path)
    with pytest.raises(PackError) as error:
        load_rule(bad, "en", load_catalogue())
    assert error.value.line == 9
    assert "sideways" in str(error.value)


def test_a_long_process_compiles_the_packs_as_edited(tmp_path, monkeypatch) -> None:
    """A process that linted before a bundled pack was edited (a language server in a
    checkout) lints with the edited pack afterwards, and the compiled patterns it keeps in
    the cache folder under the edited packs' digest are the edited ones: a new process
    reading them finds what the edit added."""
    from svclint.api import Session
    from svclint.rules import packs

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    monkeypatch.setattr("svclint.rules.packs.rules_dir", lambda: rules)
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    text = "Please keep the zebra crossing clear.\n"

    def codes() -> set[str]:
        return {finding.code for finding in Session(lang="en", kind="email").lint_text(text, path="a.txt").findings}

    assert "ANG001" not in codes()
    pack = rules / "en" / "ANG001.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("\nmatch:\n", "\nmatch:\n  - zebra crossing\n", 1),
                    encoding="utf-8")
    assert "ANG001" in codes()
    monkeypatch.setattr(packs, "_packs_read_at", None)  # a new process: nothing read yet
    packs._forget_packs_read()
    assert "ANG001" in codes()
