"""Each file takes the configuration closest above it; `extend:` inherits; globs
have .gitignore meaning relative to the configuration that wrote them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from svclint.cli import main
from svclint.config import load_config
from svclint.errors import ConfigError

TEXT = "Cálmese. Le garantizo que llega mañana.\n"  # ANG001, PRM001, PRM003


def _check(*args: str) -> list[tuple[str, str]]:
    """(path, code) of each finding of an in-process run from the current folder."""
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--lang", "es", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return [(f["path"], f["code"]) for f in json.loads(result.stdout)]


def _exit(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], catch_exceptions=False)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """root/svclint.yaml ignores ANG001; root/sub/svclint.yaml ignores PRM001."""
    (tmp_path / "svclint.yaml").write_text("ignore: [ANG001]\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "svclint.yaml").write_text("ignore: [PRM001]\n")
    (tmp_path / "top.txt").write_text(TEXT)
    (tmp_path / "sub" / "low.txt").write_text(TEXT)
    return tmp_path


def test_each_file_takes_its_closest_configuration_in_any_order(tree: Path) -> None:
    one_way = _check("top.txt", "sub/low.txt")
    other_way = _check("sub/low.txt", "top.txt")
    assert sorted(one_way) == sorted(other_way) == [
        ("sub/low.txt", "ANG001"), ("sub/low.txt", "PRM003"), ("top.txt", "PRM001"), ("top.txt", "PRM003")]


def test_a_folder_walk_applies_nested_configurations(tree: Path) -> None:
    found = _check(".")
    assert sorted(found) == [("sub/low.txt", "ANG001"), ("sub/low.txt", "PRM003"),
                             ("top.txt", "PRM001"), ("top.txt", "PRM003")]


def test_extend_inherits_and_adds_to_ignore(tree: Path) -> None:
    (tree / "sub" / "svclint.yaml").write_text("extend: ../svclint.yaml\nignore: [PRM001]\n")
    found = _check("sub/low.txt")
    assert found == [("sub/low.txt", "PRM003")]


def test_named_configuration_applies_to_every_file(tree: Path) -> None:
    (tree / "only-prm3.yaml").write_text("select: [PRM003]\n")
    found = _check("--config", "only-prm3.yaml", "top.txt", "sub/low.txt")
    assert found == [("top.txt", "PRM003"), ("sub/low.txt", "PRM003")]


def test_inherited_globs_stay_relative_to_the_file_that_wrote_them(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text("per-file-ignores: {'team/legacy/*.txt': [ANG001]}\n")
    legacy = tmp_path / "team" / "legacy"
    legacy.mkdir(parents=True)
    (tmp_path / "team" / "svclint.yaml").write_text("extend: ../svclint.yaml\nselect: [ANG001, PRM001]\n")
    (legacy / "old.txt").write_text(TEXT)
    (tmp_path / "team" / "new.txt").write_text(TEXT)
    found = _check(".")
    assert sorted(found) == [("team/legacy/old.txt", "PRM001"), ("team/new.txt", "ANG001"), ("team/new.txt", "PRM001")]


def test_globs_have_gitignore_meaning(tmp_path: Path) -> None:
    """`*` stays inside one folder, a glob without `/` matches a name at any depth,
    `**` crosses folders, a folder's glob covers what is inside it."""
    (tmp_path / "svclint.yaml").write_text(
        "select: [ANG001]\nexclude: ['legacy/*.txt', 'borrador.txt', 'old/']\n")
    for name in ("legacy/a.txt", "legacy/deep/b.txt", "x/borrador.txt", "old/c.txt", "keep.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Cálmese.\n")
    found = _check(".")
    assert sorted(path for path, _ in found) == ["keep.txt", "legacy/deep/b.txt"]


@pytest.mark.parametrize(("text", "words"), [
    ("extend: 3\n", "must be the path of another configuration file"),
    ("extend: missing.yaml\n", "no configuration file at 'missing.yaml'"),
    ("extend: svclint.yaml\n", "extends this file again"),
])
def test_bad_extend_names_the_file_and_line(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text("lang: es\n" + text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.line == 2 and words in str(error.value) and str(path) in str(error.value)


def test_a_loop_through_two_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extend: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extend: a.yaml\n")
    with pytest.raises(ConfigError, match="extends this file again"):
        load_config(tmp_path / "a.yaml")


def test_a_broken_nested_configuration_stops_the_run_naming_it(tree: Path) -> None:
    (tree / "sub" / "svclint.yaml").write_text("lang: es\nbogus: 1\n")
    result = _exit(".")
    assert result.exit_code == 2 and "sub/svclint.yaml:2" in result.output and "unknown key" in result.output


def test_unknown_code_in_a_nested_configuration_is_a_usage_error(tree: Path) -> None:
    (tree / "sub" / "svclint.yaml").write_text("ignore: [ANG01]\n")
    result = _exit(".")
    assert result.exit_code == 2 and "unknown rule code 'ANG01'" in result.output and "did you mean" in result.output


def test_include_limits_a_folder_walk_and_the_hook(tmp_path: Path) -> None:
    """`include` set: a walk lints only what it matches; a file named on the command
    line is linted as asked, unless --force-exclude (what the pre-commit hook passes)."""
    (tmp_path / "svclint.yaml").write_text("select: [ANG001]\ninclude: ['plantillas/**', '*.eml']\n")
    for name in ("plantillas/a.txt", "plantillas/sub/b.md", "notas/c.txt", "d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Cálmese.\n")
    assert sorted(path for path, _ in _check(".")) == ["plantillas/a.txt", "plantillas/sub/b.md"]
    assert _check("d.txt") == [("d.txt", "ANG001")]
    assert _check("--force-exclude", "d.txt", "plantillas/a.txt") == [("plantillas/a.txt", "ANG001")]
