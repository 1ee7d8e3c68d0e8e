"""A process keeps the patterns it compiled or read (ruleset._HELD): the next Linter of
the same language, selection and configuration shares them, without reading the
snapshot again or compiling, as long as the snapshot file holds the same bytes.
A file changed since is read as any other; a cache folder without it gets it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from svclint.config import Config
from svclint.engine import Linter
from svclint.rules.patterns import MatcherSet
from svclint.rules.patterns.compile import PatternIndex

TEXT = "Cálmese, por favor. Le responderemos a la mayor brevedad posible.\n"
CODES = ["ANG001", "CLR003"]


def _linted(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Linter, list[tuple]]:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(folder))
    linter = Linter(Config(), lang="es", kind="text", select=CODES)
    found = [(f.code, f.start, f.end, f.fix) for f in linter.lint_text("a.txt", TEXT).findings]
    return linter, found


def _snapshot(folder: Path) -> Path:
    (path,) = folder.glob("matcher-*.marshal")
    return path


def _neither_read_nor_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> None:
        raise AssertionError("the held patterns should have been used")

    monkeypatch.setattr(MatcherSet, "restore", refused)
    monkeypatch.setattr(PatternIndex, "_step", refused)  # every compiled slot goes through it


def test_a_new_linter_shares_the_held_patterns_and_a_new_folder_gets_the_snapshot(tmp_path, monkeypatch) -> None:
    first, expected = _linted(tmp_path / "one", monkeypatch)
    assert [code for code, *_ in expected] == CODES
    with monkeypatch.context() as patched:
        _neither_read_nor_compiled(patched)
        second, found = _linted(tmp_path / "two", monkeypatch)
    assert found == expected
    assert _snapshot(tmp_path / "two").read_bytes() == _snapshot(tmp_path / "one").read_bytes()
    mine, theirs = first.rules_for("es").matchers, second.rules_for("es").matchers
    assert mine is not theirs and mine._by_required is theirs._by_required


def test_each_run_has_its_own_switched_off_regexes(tmp_path, monkeypatch) -> None:
    """What one run switched off for being slow (MatcherSet.too_slow) is not off in the next."""
    first, _ = _linted(tmp_path, monkeypatch)
    first.rules_for("es").matchers.too_slow["[a-z]+"] = "palabra"
    second, _ = _linted(tmp_path, monkeypatch)
    assert second.rules_for("es").matchers.too_slow == {}


@pytest.mark.parametrize("damage", ["{}", "0" * 64 + "\n{}", "not JSON"])
def test_a_snapshot_changed_since_is_read_again_and_rebuilt(tmp_path, monkeypatch, damage) -> None:
    _, expected = _linted(tmp_path, monkeypatch)
    snapshot = _snapshot(tmp_path)
    good = snapshot.read_bytes()
    snapshot.write_text(damage, encoding="utf-8")
    compiled = []
    original = PatternIndex._step
    monkeypatch.setattr(PatternIndex, "_step", lambda index, slot: compiled.append(slot) or original(index, slot))
    _, found = _linted(tmp_path, monkeypatch)
    assert found == expected and compiled  # compiled afresh, not taken from what was held
    assert snapshot.read_bytes() == good
