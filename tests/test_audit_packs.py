"""Hostile-input audit, rule packs and configuration: D7, H9-H13, C3, C11-C13, P6, U6-U8.

User packs and configuration are read bounded and only from regular files, their
values are refused with `file:line` (exit 2) rather than crashing, patterns that
would match anywhere or rewrite arbitrary words are refused when the pack is
loaded, and every regular expression a pack brings runs under a time limit per
text and a budget per run, reported once (E905) with the rule that owns it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from svclint.rules import packs
from svclint.cli import main
from svclint.config import Config, find_config, load_config
from svclint.engine import Linter
from svclint.errors import ConfigError, PackError
from svclint.nlp import analyse, pipeline

PACK = """\
ORG001:
  name: T
  slug: t
  severity: warning
  scope: sentence
  kinds: all
  es:
    check: pattern
    title: T
    flags: F
    message: "«{match}» x"
    why: W
    instead: I
    match:
      - la competencia
    examples: {flag: [la competencia], pass: [Hola.]}
"""
NAMED = PACK.replace("    match:\n      - la competencia\n", "").replace("check: pattern", "check: named")


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", "")


def _pack(tmp_path: Path, text: str, name: str = "house.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _pack_error(path: Path) -> PackError:
    with pytest.raises(PackError) as error:
        packs.rule_book((str(path),))
    assert str(path) in str(error.value)
    return error.value


def _linter(tmp_path: Path, pack: str, **options) -> Linter:
    config = Config(path=str(tmp_path / "svclint.yaml"), lang="es", rule_packs=[str(_pack(tmp_path, pack))],
                    options=options)
    return Linter(config, select=["ORG"])


def _check(tmp_path: Path, *args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


# ---- D7: a `replace` key whose fix is applied spells out every word ----------------------

@pytest.mark.parametrize("key", ["/.+/", "_", "hola _", "...", "hola _{0,2} adiós", "tranquili*", "<title>",
                                 "su <placeholder>", "(hola|/^a/)", "hola|_"])
def test_a_replace_key_with_a_fix_may_not_hold_wildcards(tmp_path, key) -> None:
    pack = PACK.replace("    match:\n      - la competencia\n", f"    replace:\n      la competencia: nosotros\n"
                                                                  f"      {json.dumps(key)}: X\n")
    error = _pack_error(_pack(tmp_path, pack))
    assert error.line == 16 and "must spell out the words its fix rewrites" in error.message


def test_literal_phrases_and_advice_stay_allowed_in_replace(tmp_path) -> None:
    """Alternatives, groups and lists spell out their words; advice is never applied."""
    pack = PACK.replace("    match:\n      - la competencia\n",
                        "    replace:\n      (en|con) relación a|con: sobre\n      $org_actions a la competencia: x\n"
                        "      /.+/: {advice: nada}\n")
    assert "ORG001" in packs.rule_book((str(_pack(tmp_path, pack)),)).catalogue


def test_fix_cannot_rewrite_arbitrary_words(tmp_path) -> None:
    """The audit's reproducer: the run stops with exit 2 and the file is untouched."""
    pack = PACK.replace("    match:\n      - la competencia\n", '    replace: {"/.+/": "X"}\n')
    _pack(tmp_path, pack, "pack.yaml")
    (tmp_path / "svclint.yaml").write_text("rule-packs: [pack.yaml]\n")
    text = "Hola, le escribimos para confirmar su pedido.\n"
    (tmp_path / "a.txt").write_text(text)
    result = _check(tmp_path, "--config", str(tmp_path / "svclint.yaml"), "--fix", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "pack.yaml:14:" in result.output
    assert (tmp_path / "a.txt").read_text() == text


# ---- H9 / H9b: configuration and packs come only from small regular files -------------------

def test_a_device_as_rule_pack_or_configuration_is_refused(tmp_path) -> None:
    assert "not a regular file" in _pack_error(Path("/dev/zero")).message
    with pytest.raises(ConfigError, match="/dev/zero: cannot read configuration: not a regular file"):
        load_config(Path("/dev/zero"))


def test_a_fifo_as_rule_pack_or_configuration_does_not_block(tmp_path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    outcomes: list[str] = []

    def load() -> None:
        for read in (lambda: packs.rule_book((str(fifo),)), lambda: load_config(fifo)):
            try:
                read()
            except (PackError, ConfigError) as error:
                outcomes.append(str(error))

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(10)
    try:
        assert not worker.is_alive() and len(outcomes) == 2
        assert all(o.startswith(f"{fifo}: cannot read") and o.endswith("not a regular file") for o in outcomes)
    finally:
        while worker.is_alive():  # the old code blocks in open(): a writer lets it return
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                time.sleep(0.05)
            worker.join(0.5)


def test_a_file_over_the_bound_is_refused_without_reading_it_whole(tmp_path) -> None:
    from svclint.yamlio import read_data_file

    path = _pack(tmp_path, "a: 1\n" * 10)
    with pytest.raises(PackError, match="larger than 20 bytes"):
        read_data_file(path, "rule pack", PackError, limit=20)
    assert read_data_file(path, "rule pack", PackError, limit=50) == "a: 1\n" * 10


# ---- H10: aliases are bounded by what they expand to ---------------------------------------

def _laughs(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\nexclude: *a{levels}\n"


def test_billion_laughs_in_configuration_or_pack_is_exit_2(tmp_path) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text(_laughs(8))
    with pytest.raises(ConfigError, match="aliases expand to over 1,000,000 values"):
        load_config(path)
    pack = _pack(tmp_path, PACK + _laughs(8).replace("exclude:", "ORG002:"))
    assert "aliases expand to over" in _pack_error(pack).message


def test_checking_aliases_costs_the_distinct_nodes_not_the_expansion(tmp_path) -> None:
    from svclint.yamlio import load_yaml

    def seconds(levels: int) -> float:
        text = _laughs(levels).replace("exclude: ", "z: ")
        began = time.perf_counter()
        load_yaml(text, "x.yaml", ConfigError)
        return time.perf_counter() - began

    seconds(1)
    small, large = min(seconds(2) for _ in range(3)), min(seconds(4) for _ in range(3))
    assert large / small < 5  # the expanded walk grows 100-fold from 2 to 4 levels


# ---- H11 / H12 / U8: every pack regex is time-limited per text and per run -------------------

def _personalization(tmp_path: Path, name_pattern: str) -> Linter:
    pack = NAMED.replace("    title:", "    function: personalization\n"
                         f"    options: {{name-pattern: '{name_pattern}', not-name-pattern: zz}}\n    title:", 1)
    return _linter(tmp_path, pack.replace("scope: sentence", "scope: document"), **{"regex-time-limit": 0.01})


def _template(letters: int) -> bytes:
    return f"Hola {{{{ {'a' * letters}! }}}}, gracias.\n".encode()


def test_named_check_regex_runs_like_pattern_regexes(tmp_path) -> None:
    """The audit's ^(a+)+$ backtracks exponentially with `re`; not with the time-limited path."""
    linter = _personalization(tmp_path, "^(a+)+$")

    def seconds(letters: int) -> float:
        began = time.perf_counter()
        linter.lint_bytes("a.txt", _template(letters))
        return time.perf_counter() - began

    seconds(10)
    assert min(seconds(21) for _ in range(3)) / min(seconds(17) for _ in range(3)) < 4  # with re: 16


def test_a_slow_named_check_regex_is_switched_off_and_reported(tmp_path) -> None:
    linter = _personalization(tmp_path, "^(a|aa)+$")
    diagnostics = linter.lint_bytes("a.txt", _template(30)).diagnostics
    assert [d.code for d in diagnostics] == ["E905"] and "/^(a|aa)+$/" in diagnostics[0].message
    slow = linter.rules_for("es").slow_regexes()
    assert f"/^(a|aa)+$/ of ORG001 (rule pack {tmp_path / 'house.yaml'}) took over 0.01 s" in slow["^(a|aa)+$"]


@cache
def _nlp():
    return pipeline("es")


def _slow_words(count: int) -> str:
    """`count` distinct words on which ^(a|aa)+$ backtracks for a while, each the same time."""
    suffixes = [x + y for x in "bcdefghijklmnopqrstuvwxyz" for y in "bcdefghijklmnopqrstuvwxyz"]
    return " ".join("a" * 22 + suffix for suffix in suffixes[:count])


def test_a_regex_slow_on_every_word_is_switched_off_by_its_run_budget(monkeypatch) -> None:
    from svclint.rules.patterns import matcher as patterns

    probe = patterns.MatcherSet(_nlp(), 5)
    began = time.perf_counter()
    probe.search("^(a|aa)+$", "a" * 22 + "b")
    each = time.perf_counter() - began
    monkeypatch.setattr(patterns, "RUN_BUDGET", 10)

    def seconds(words: int) -> tuple[float, patterns.MatcherSet]:
        matchers = patterns.MatcherSet(_nlp(), each * 4)  # every word stays under the per-word limit
        matchers.add("k", "/^(a|aa)+$/", {})
        table = analyse(_nlp(), _slow_words(words))
        began = time.perf_counter()
        matchers(table).spans("k")
        return time.perf_counter() - began, matchers

    short, _ = seconds(60)
    long, matchers = seconds(240)
    assert long / short < 2.5  # without a budget: 4
    assert matchers.over_budget == {"^(a|aa)+$"} and "^(a|aa)+$" in matchers.too_slow


def test_e905_names_the_rule_and_where_it_comes_from(tmp_path) -> None:
    pack = PACK.replace("      - la competencia\n", "      - /^(a|aa)+$/\n")
    linter = _linter(tmp_path, pack + PACK.replace("ORG001", "ORG002"), **{"regex-time-limit": 0.01})
    result = linter.lint_bytes("a.txt", ("Hola " + "a" * 40 + "b.\n").encode())
    assert [d.code for d in result.diagnostics] == ["E905"]
    assert "/^(a|aa)+$/ of ORG001 (rule pack" in result.diagnostics[0].message  # what the user sees
    rules = linter.rules_for("es")
    message = rules.slow_regexes()["^(a|aa)+$"]
    assert message.startswith(f"the regular expression /^(a|aa)+$/ of ORG001 (rule pack {tmp_path / 'house.yaml'}) "
                              "took over 0.01 s (regex-time-limit) on the word 'aaaaaaaaaa")
    assert "\n" not in message
    bundled = Linter(Config(lang="es")).rules_for("es")
    pattern = next(p for p, keys in bundled.matchers.owners.items() if keys[0].startswith("CLR003"))
    bundled.matchers.too_slow[pattern] = "palabra"
    assert f"/{pattern}/ of CLR003 (bundled rule) took over" in bundled.slow_regexes()[pattern]


# ---- H13: a pattern must require a word, and its gaps are bounded ----------------------------

@pytest.mark.parametrize(("pattern", "words"), [
    (" ".join(["_{0,50}"] * 10), "requires no word"),
    ("_ _ ...", "requires no word"),
    ("(hola)? _{0,3}", "requires no word"),
    ("hola? (adiós|_)", "requires no word"),
    ("hola _{0,50} _{0,50} _{0,50} adiós", "together may skip over 100 words"),
])
def test_a_pattern_that_could_match_anywhere_is_refused_at_load(tmp_path, pattern, words) -> None:
    error = _pack_error(_pack(tmp_path, PACK.replace("      - la competencia\n", f"      - {pattern}\n")))
    assert error.line == 14 and words in error.message


def test_the_widest_pattern_allowed_stays_linear(tmp_path) -> None:
    """Both anchors everywhere and no sentence end: each start reaches up to 100 words."""
    pack = PACK.replace("      - la competencia\n", "      - hola _{0,50} _{0,50} adiós\n")
    linter = _linter(tmp_path, pack)

    def seconds(repeats: int) -> float:
        """The best of three runs: a busy machine slows some runs, never speeds one up."""
        text = (("hola " + "x " * 40 + "adiós ") * repeats).encode()
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            assert linter.lint_bytes("a.txt", text).findings
            best = min(best, time.perf_counter() - began)
        return best

    seconds(5)
    assert seconds(80) / seconds(20) < 8  # linear would be 4; quadratic 16


# ---- C3: values YAML cannot build name their line -------------------------------------------

@pytest.mark.parametrize(("text", "line"), [
    ("lang: es\nexclude: [2001-13-45]\n", 2),
    ("exclude: !!float abc\n", 1),
    ("lang: es\nkinds: {a: " + "9" * 4301 + "}\n", 2),
    ("exclude: !!bool maybe\n", 1),
    ("? {a: [b]}\n: 1\n", 1),
])
def test_values_the_yaml_constructor_rejects_are_config_errors(tmp_path, text, line) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match="invalid YAML value") as error:
        load_config(path)
    assert error.value.line == line


def test_values_the_yaml_constructor_rejects_in_a_pack_are_pack_errors(tmp_path) -> None:
    error = _pack_error(_pack(tmp_path, PACK.replace("kinds: all", "kinds: !!float abc")))
    assert error.line == 6 and "invalid YAML value" in error.message


# ---- C11: a damaged compiled pack in the cache is rebuilt ------------------------------------

def test_a_damaged_pack_cache_entry_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    packs.load_language.cache_clear()
    try:
        expected = packs.load_language("es")["ANG001"].spec["match"]
        entry = next((tmp_path / "cache").glob("packs-es-*.json"))
        text = entry.read_text(encoding="utf-8")
        digest, _, body = text.partition("\n")  # a sealed entry: its digest, then its JSON
        damaged = json.loads(body)
        damaged["rules"]["ANG001"]["spec"]["match"] = 5  # well-formed, but not what was sealed
        entry.write_text(f"{digest}\n{json.dumps(damaged, ensure_ascii=False)}", encoding="utf-8")
        packs.load_language.cache_clear()
        assert packs.load_language("es")["ANG001"].spec["match"] == expected
        assert entry.read_text(encoding="utf-8") == text  # written afresh
    finally:
        packs.load_language.cache_clear()


# ---- C12: a named check's word lists are declared and validated -----------------------------

@pytest.mark.parametrize(("lists", "missing"), [
    ("", "fillers"),
    ("    lists: {fillers: [lorem ipsum]}\n", "blank_words"),
    ("    lists: {fillers: [], blank_words: [nombre]}\n", "fillers"),
])
def test_leftovers_without_its_lists_is_a_pack_error(tmp_path, lists, missing) -> None:
    pack = NAMED.replace("    title:", f"    function: leftovers\n{lists}    title:", 1)
    error = _pack_error(_pack(tmp_path, pack))
    assert error.line == 9 and f"needs the word list '{missing}'" in error.message


# ---- C13 / P6: option values and pyproject tables -------------------------------------------

@pytest.mark.parametrize(("value", "words"), [
    ("9" * 400, "between 0.001 and 60 seconds"),
    (".inf", "finite"),
    (".nan", "finite"),
    ("0.0001", "between 0.001 and 60 seconds"),
    ("61", "between 0.001 and 60 seconds"),
])
def test_regex_time_limit_must_be_a_sane_number_of_seconds(tmp_path, value, words) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text(f"options:\n  regex-time-limit: {value}\n")
    with pytest.raises(ConfigError, match=words) as error:
        load_config(path)
    assert error.value.line == 2


def test_counts_must_fit_what_they_count(tmp_path) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text("options:\n  max-file-bytes: " + "9" * 400 + "\n")
    with pytest.raises(ConfigError, match="must be at most 2,147,483,647"):
        load_config(path)


def test_the_bundled_regexes_do_not_time_out_at_the_highest_limit() -> None:
    result = Linter(Config(lang="es", options={"regex-time-limit": 60})).lint_bytes(
        "a.txt", "Procederemos a enviarlo. Cálmese, por favor.\n".encode())
    assert not result.diagnostics and {f.code for f in result.findings} >= {"ANG001", "CLR003"}


def test_pyproject_whose_tool_is_not_a_table_is_exit_2(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('name = "x"\ntool = 5\n')
    (tmp_path / "a.txt").write_text("Hola.\n")
    assert find_config(tmp_path / "a.txt") == tmp_path / "pyproject.toml"
    with pytest.raises(ConfigError, match="'tool' and 'tool.svclint' must be tables") as error:
        load_config(tmp_path / "pyproject.toml")
    assert error.value.line == 2
    result = _check(tmp_path, str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "pyproject.toml:2:" in result.output


# ---- U6 / U7: reserved codes, and files that are no pack are named, not quoted --------------

def test_a_user_pack_may_not_take_a_code_of_svclint_itself(tmp_path) -> None:
    error = _pack_error(_pack(tmp_path, PACK.replace("ORG001", "SVC100")))
    assert "SVC100: codes starting with SVC are svclint's own" in error.message


@pytest.mark.parametrize("text", ["root_password: hunter2\nbackup: s3cr3t\n", "[1, 2]\n", "just text\n", ""])
def test_a_file_that_is_no_pack_is_not_quoted(tmp_path, text) -> None:
    error = _pack_error(_pack(tmp_path, text, "shadow"))
    assert error.message == "not a svclint rule pack: it must be a mapping of rule codes (such as ORG001) to rules"


def test_a_pack_regex_written_with_a_separate_accent_matches(tmp_path) -> None:
    """A macOS editor may save a pack's /regex/ decomposed (n + U+0303); words are
    matched in composed form, so the regex is composed too."""
    pack = PACK.replace("      - la competencia\n", '      - "/^compan\u0303[ií]a$/"\n')
    result = _linter(tmp_path, pack).lint_bytes("a.txt", "Hable con otra compañía.\n".encode())
    assert [(f.code, f.matched) for f in result.findings] == [("ORG001", "compañía")]
