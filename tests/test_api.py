"""svclint.api: the library gives what the command line gives, typed, without printing."""

from __future__ import annotations

import dataclasses
import json
import pickle
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import svclint.api as api
from svclint.api import FileResult, Finding, Session, lint_paths, lint_text
from svclint.cli import main
from svclint.errors import SvclintError
from svclint.report.json_report import finding_dict
from test_user_packs import PACK

SPANISH = "Cálmese, por favor. Le garantizo que su pedido llega mañana.\n"
ENGLISH = "Calm down. I guarantee your refund arrives tomorrow.\n"


def _cli_json(path: Path, lang: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--lang", lang, str(path)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("text", "lang", "codes"), [
    (SPANISH, "es", ["ANG001", "PRM001", "PRM003"]),
    (ENGLISH, "en", ["ANG001", "PRM001", "PRM003"]),
])
def test_lint_text_equals_the_cli_json(tmp_path, monkeypatch, text, lang, codes) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.txt").write_text(text, encoding="utf-8")
    findings = lint_text(text, path="reply.txt", lang=lang)
    assert all(isinstance(finding, Finding) for finding in findings)
    assert [finding.code for finding in findings] == codes
    assert [finding.to_dict() for finding in findings] == _cli_json(Path("reply.txt"), lang)


def test_lint_text_reads_by_extension_and_auto_detects_language() -> None:
    html = "<p>Cálmese, por favor, y espere a que le respondamos.</p>\n"
    (finding,) = [f for f in lint_text(html, path="respuesta.html") if f.code == "ANG001"]
    assert (finding.lang, finding.start.line, finding.start.column, finding.matched) == ("es", 1, 4, "Cálmese")


def test_a_configuration_can_be_given_as_a_file(tmp_path) -> None:
    (tmp_path / "team.yaml").write_text("ignore: [ANG001]\n")
    codes = [f.code for f in lint_text(SPANISH, lang="es", config=tmp_path / "team.yaml")]
    assert "ANG001" not in codes and "PRM001" in codes


def test_a_bad_configuration_raises_instead_of_exiting(tmp_path) -> None:
    (tmp_path / "svclint.yaml").write_text("ignore: [ANG01]\n")
    with pytest.raises(SvclintError, match=r"unknown rule code .ANG01. in .*svclint.yaml, ignore; did you mean ANG001\?"):
        lint_text(SPANISH, config=tmp_path / "svclint.yaml")


def _tree(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.md").write_text("Thanks for writing. " + ENGLISH, encoding="utf-8")
    (tmp_path / "b" / "svclint.yaml").write_text("select: [PRM]\n")
    return [str(tmp_path / "a.txt"), str(tmp_path / "b")]


def test_lint_paths_streams_typed_results_per_file_configuration(tmp_path, capsys) -> None:
    results = lint_paths(_tree(tmp_path))
    assert capsys.readouterr() == ("", "")
    first = next(results)
    assert isinstance(first, FileResult) and first.path.endswith("a.txt")
    rest = list(results)
    assert [r.path for r in rest] == [str(tmp_path / "b" / "c.md")]
    assert {f.code for f in rest[0].findings} == {"PRM001", "PRM003"}  # b/svclint.yaml selects PRM only
    assert capsys.readouterr() == ("", "")  # a library never prints


def test_lint_paths_in_worker_processes_gives_the_same_results(tmp_path) -> None:
    paths = _tree(tmp_path)
    serial = [[finding_dict(f) for f in r.findings] for r in lint_paths(paths)]
    assert [[finding_dict(f) for f in r.findings] for r in lint_paths(paths, jobs=2)] == serial


def test_a_missing_path_is_a_result_with_a_diagnostic(tmp_path) -> None:
    (result,) = lint_paths([str(tmp_path / "nowhere.txt")])
    assert [d.code for d in result.diagnostics] == ["E902"] and not result.findings


def test_a_session_reused_gives_the_same_results_and_does_not_grow() -> None:
    session = Session(lang="es")
    fresh = [finding_dict(f) for f in Session(lang="es").lint_text(SPANISH).findings]
    for _ in range(50):  # warm up: compiled rules and caches are made once
        session.lint_text(SPANISH)
    # 256 bytes a call at most: a leak of a finding's objects a call is caught, and what
    # warming up left behind (about 6 kB) is not. Calls are slow while traced, so 300.
    calls = 300
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for _ in range(calls):
        assert [finding_dict(f) for f in session.lint_text(SPANISH).findings] == fresh
    grown = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename"))
    tracemalloc.stop()
    assert grown < 256 * calls, f"a reused session grew by {grown:,} bytes over {calls} calls"


def test_a_session_travels_by_pickle_as_its_settings(tmp_path) -> None:
    (tmp_path / "team.yaml").write_text("select: [PRM001]\n")
    session = Session(config=tmp_path / "team.yaml", lang="es")
    session.lint_text(SPANISH)  # compiled rules are not what travels
    copy = pickle.loads(pickle.dumps(session))
    assert [f.code for f in copy.lint_text(SPANISH).findings] == ["PRM001"]


def test_a_portable_session_carries_its_configuration_and_packs(tmp_path, monkeypatch) -> None:
    """What a Dask or Spark worker gets: the configuration and the user packs as read
    where the session was made, so the copy lints the same with both files gone."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "svclint.yaml").write_text("lang: es\nrule-packs: [house.yaml]\nselect: [ORG, PRM001]\n")
    shipped = pickle.dumps(Session().portable("reply.txt"))
    (tmp_path / "house.yaml").unlink()
    (tmp_path / "svclint.yaml").unlink()
    text = "Eso en la competencia es más caro. Le garantizo que llega mañana.\n"
    assert [f.code for f in pickle.loads(shipped).lint_text(text, "reply.txt").findings] == ["ORG001", "PRM001"]
    assert "ORG001" not in {f.code for f in Session().lint_text(text, "reply.txt").findings}  # files gone here


def test_the_public_names_are_the_documented_ones() -> None:
    assert sorted(api.__all__) == ["Diagnostic", "FileResult", "Finding", "Fix", "Position", "Scope", "Session", "Severity",
                                   "lint_paths", "lint_text"]


def test_an_edited_user_pack_is_seen_by_the_same_process(tmp_path, monkeypatch) -> None:
    """Results are cached by the packs' digest: a pack edited between two runs in one
    process (a reused session, an editor's server) must not be served the old results."""
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    (tmp_path / "svclint.yaml").write_text("lang: es\nrule-packs: [house.yaml]\nselect: [ORG]\n")
    (tmp_path / "a.txt").write_text("Eso en la competencia es más caro.\n", encoding="utf-8")
    assert [f.code for f in Session(cache=True).lint_path(str(tmp_path / "a.txt")).findings] == ["ORG001"]
    pack.write_text(PACK.replace("la competencia", "la rivalidad"), encoding="utf-8")
    assert Session(cache=True).lint_path(str(tmp_path / "a.txt")).findings == ()



def test_results_are_frozen_and_a_fix_is_the_edit_of_its_finding() -> None:
    result = Session(lang="es", select=["CLR003"]).lint_text("Le responderemos a la mayor brevedad posible.\n")
    [finding] = result.findings
    assert finding.fix == api.Fix(finding.start, finding.end, "lo antes posible")
    assert (finding.start.line, finding.start.column, finding.end.column) == (1, 18, 45)
    for thing, name in ((result, "findings"), (finding, "message"), (finding.fix, "replacement")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(thing, name, None)


def test_diagnostics_the_configuration_ignores_are_not_returned(tmp_path) -> None:
    (tmp_path / "svclint.yaml").write_text("lang: es\nignore: [E901]\n")
    broken = '{"a": "Cálmese, por favor."} x'
    assert [d.code for d in Session().lint_text(broken, "a.json").diagnostics] == ["E901"]
    assert Session(config=tmp_path / "svclint.yaml").lint_text(broken, "a.json").diagnostics == ()
