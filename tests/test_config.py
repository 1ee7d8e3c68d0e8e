"""Configuration is found, validated with file:line errors, and used."""

from __future__ import annotations

import json

import pytest

from conftest import invoke
from svclint.config import find_config, load_config
from svclint.errors import ConfigError


def test_found_walking_up_and_pyproject(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.svclint]\nlang = \"en\"\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    found = find_config(deep)
    assert found == tmp_path / "pyproject.toml" and load_config(found).lang == "en"
    (deep / ".svclint.yaml").write_text("lang: es\n")
    assert find_config(deep) == deep / ".svclint.yaml"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("lang: es\nlanguage: en\n", 2, "unknown key"),
    ("lang: fr\n", 1, "must be one of"),
    ("select: [ANG001]\nignore: [nope]\n", 2, "not a rule code"),
    ("options:\n  max-sentence-words: many\n", 2, "must be a int"),
    ("options:\n  colour: red\n", 2, "unknown option"),
    ("options:\n  index: gunning\n", 2, "must be one of inflesz"),
    ("options:\n  max-sentence-words: 0\n", 2, "greater than 0"),
    ("options:\n  regex-time-limit: -1\n", 2, "greater than 0"),
    ("kinds:\n  'emails/*': letter\n", 2, "kind must be"),
    ("severity:\n  ANG001: fatal\n", 2, "severity"),
    ("lang: [es\n", 2, "invalid YAML"),
])
def test_bad_values_name_file_and_line(tmp_path, text, line, words) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert error.value.line == line and words in str(error.value) and str(path) in str(error.value)


def test_every_documented_key_is_accepted(tmp_path) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text(
        "lang: auto\nregister: usted\norganization: [Acme]\nvariables: [nombre]\nglossary: [SLA]\n"
        "select: [ALL]\nextend-select: [PRM]\nignore: [CLR002]\nseverity: {CLR001: info}\n"
        "kinds: {'emails/*': email}\nper-file-ignores: {'legacy/*': [THX001]}\n"
        "options: {max-sentence-words: 20, min-score: 50}\nrule-packs: []\nexclude: ['drafts/*']\nfail-on: error\n"
    )
    config = load_config(path)
    assert config.options["max-sentence-words"] == 20 and config.kinds == {"emails/*": "email"}


def test_config_drives_the_run(tmp_path, monkeypatch) -> None:
    (tmp_path / "svclint.yaml").write_text(
        "kinds: {'emails/*': email}\nper-file-ignores: {'emails/old.txt': [THX]}\n"
        "severity: {ANG001: warning}\nexclude: ['drafts/*']\noptions: {max-sentence-words: 3}\n")
    (tmp_path / "emails").mkdir()
    (tmp_path / "drafts").mkdir()
    reply = "Hola, Ana:\n\nSu pedido sale hoy.\n"  # a whole reply: a lone sentence reads as a piece of a mail
    (tmp_path / "emails" / "new.txt").write_text(reply)
    (tmp_path / "emails" / "old.txt").write_text(reply)
    (tmp_path / "drafts" / "x.txt").write_text("Cálmese.\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--format", "json", ".")
    found = sorted((f["path"], f["code"], f["kind"]) for f in json.loads(result.stdout))
    assert found == [("emails/new.txt", "CLR001", "email"), ("emails/new.txt", "THX001", "email"),
                     ("emails/old.txt", "CLR001", "email")]


def test_bad_config_exit_two(tmp_path, monkeypatch) -> None:
    (tmp_path / "svclint.yaml").write_text("lang: es\nbogus: 1\n")
    (tmp_path / "a.txt").write_text("Hola.\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", ".")
    assert result.exit_code == 2 and "svclint.yaml:2" in result.stderr and "Traceback" not in result.stderr


def test_bad_config_named_with_config_exits_two(tmp_path) -> None:
    """A configuration named on the command line is read before any file: its mistakes too
    are errors with file:line, not a traceback."""
    (tmp_path / "house.yaml").write_text("options:\n  max-sentence-words: -1\n")
    (tmp_path / "a.txt").write_text("Hola.\n")
    result = invoke("check", "--config", str(tmp_path / "house.yaml"), str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "house.yaml:2: 'max-sentence-words': must be greater than 0" in result.stderr
