"""The `svclint` command as a user runs it: in-process through Click, and the
installed entry point once."""

from __future__ import annotations

import json

import pytest

from conftest import invoke


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "bad.txt").write_text("Cálmese, por favor, y dígame su número.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("# Horario\n\nAbrimos de 9 a 18 h.\n", encoding="utf-8")
    return tmp_path


def test_version(run_svclint) -> None:
    result = run_svclint("--version")
    assert result.returncode == 0 and "svclint" in result.stdout


def test_text_output_exit_one(folder) -> None:
    result = invoke("check", "--no-cache", str(folder))
    assert result.exit_code == 1
    assert f"{folder / 'bad.txt'}:1:1: ANG001 [error]" in result.stdout
    assert "^^^^^^^" in result.stdout
    assert "Found 1 problem" in result.stdout


def test_json_contract(folder) -> None:
    result = invoke("check", "--format", "json", str(folder))
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings] == [
        ("ANG001", 1, 1, 1, 8)
    ]
    keys = {"path", "line", "column", "end_line", "end_column", "code", "slug", "severity",
            "message", "suggestion", "lang", "kind"}
    assert keys <= set(findings[0])
    assert findings[0]["lang"] == "es" and findings[0]["kind"] == "text" and findings[0]["severity"] == "error"


def test_empty_run_prints_empty_array(folder) -> None:
    result = invoke("check", "--format", "json", str(folder / "good.md"))
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_exit_zero_and_fail_on(folder) -> None:
    assert invoke("check", "--exit-zero", str(folder)).exit_code == 0
    email = folder / "mail.txt"
    email.write_text("Asunto: Pedido\n\nSu pedido ha salido hoy.\n", encoding="utf-8")
    assert invoke("check", "--select", "THX", str(email)).exit_code == 1  # warning fails by default
    assert invoke("check", "--select", "THX", "--fail-on", "error", str(email)).exit_code == 0


def test_select_and_ignore_prefixes(folder) -> None:
    assert invoke("check", "--ignore", "ANG", str(folder)).exit_code == 0
    assert invoke("check", "--select", "PRM", str(folder)).exit_code == 0
    assert invoke("check", "--select", "ANG001", str(folder)).exit_code == 1


def test_output_file(folder, tmp_path) -> None:
    out = tmp_path / "report.json"
    result = invoke("check", "--format", "json", "--output-file", str(out), str(folder))
    assert result.stdout == "" and json.loads(out.read_text())[0]["code"] == "ANG001"


def test_quiet_prints_only_summary(folder) -> None:
    result = invoke("check", "--quiet", str(folder))
    assert result.stdout.strip().startswith("Found 1 problem")


def test_rules_table() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    assert "ANG001  anger-denial" in result.stdout and "es,en" in result.stdout


def test_explain_in_both_languages() -> None:
    spanish = invoke("explain", "PRM001")
    english = invoke("explain", "prm001", "--lang", "en")
    assert spanish.exit_code == 0 and "Por qué importa" in spanish.stdout
    assert english.exit_code == 0 and "Why it matters" in english.stdout and "absolute-guarantee" in english.stdout


def test_explain_unknown_code_is_usage_error() -> None:
    result = invoke("explain", "XYZ999")
    assert result.exit_code == 2 and "unknown rule" in result.stderr and "Traceback" not in result.stderr


def test_bad_option_value_exit_two(folder) -> None:
    assert invoke("check", "--format", "xml", str(folder)).exit_code == 2


def test_language_and_kind_overrides(folder) -> None:
    english = folder / "en.txt"
    english.write_text("Please calm down, sir.\n", encoding="utf-8")
    result = invoke("check", "--format", "json", "--kind", "chat", str(english))
    findings = json.loads(result.stdout)
    assert {f["code"] for f in findings} == {"ANG001", "THX001"}
    assert {f["lang"] for f in findings} == {"en"} and {f["kind"] for f in findings} == {"chat"}


def test_directive_kind_and_language(tmp_path) -> None:
    """A file's own `svclint: kind=…` and `svclint: lang=…` comments decide; unknown values are
    reported (both of them) and the file is still linted as detected."""
    chat = tmp_path / "reply.md"
    chat.write_text("<!-- svclint: kind=chat -->\n<!-- svclint: lang=en -->\nCalm down, sir.\n", encoding="utf-8")
    findings = json.loads(invoke("check", "--format", "json", str(chat)).stdout)
    assert {(f["code"], f["kind"], f["lang"]) for f in findings} == {("ANG001", "chat", "en"), ("THX001", "chat", "en")}
    chat.write_text("<!-- svclint: kind=letter -->\n<!-- svclint: lang=xx -->\nPlease calm down, sir, we are looking into your order now.\n", encoding="utf-8")
    result = invoke("check", "--format", "json", str(chat))
    assert [line.split(": ", 1)[1].split(" ")[0] for line in result.stderr.splitlines()] == ["E903", "E903"]
    assert "unknown kind 'letter'" in result.stderr and "unknown language 'xx'" in result.stderr
    assert {(f["code"], f["kind"]) for f in json.loads(result.stdout)} == {("ANG001", "text")}
