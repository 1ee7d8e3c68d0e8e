"""A Spanish project reads svclint's own words in Spanish: the summary, the
--fix note and the starter configuration (issue 13 item 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from svclint.cli import main
from svclint.config import STARTER, STARTER_ES, config_from_mapping
from svclint.errors import ConfigError
from svclint.yamlio import load_yaml


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def _last_line(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--no-cache", *args], catch_exceptions=False)
    return result.stdout.strip().splitlines()[-1]


def test_a_project_configured_for_spanish_gets_a_spanish_summary(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text("lang: es\n")
    (tmp_path / "a.txt").write_text("Cálmese. Le garantizo que llega mañana.\n")
    (tmp_path / "b.txt").write_text("Gracias por escribirnos.\n")
    assert _last_line("a.txt", "b.txt") == "Se encontraron 3 problemas (2 errores, 1 aviso) en 1 de 2 archivos."
    assert _last_line("b.txt") == "No se encontraron problemas en 1 archivo."
    assert _last_line("--format", "concise", "a.txt") == \
        "Se encontraron 3 problemas (2 errores, 1 aviso) en 1 de 1 archivo."


def test_unconfigured_runs_speak_english_whatever_the_texts(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Cálmese, por favor.\n")
    assert _last_line("a.txt") == "Found 1 problem (1 error) in 1 of 1 file."
    assert _last_line("--lang", "es", "a.txt") == "Found 1 problem (1 error) in 1 of 1 file."
    (tmp_path / "svclint.yaml").write_text("lang: es\n")
    # --lang says what one run's texts are; the project's language stays the configuration's
    assert _last_line("--lang", "en", "a.txt") == "No se encontraron problemas en 1 archivo."


def test_a_spanish_report_is_known_as_a_report_and_may_be_written_over(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text("lang: es\n")
    (tmp_path / "a.txt").write_text("Cálmese, por favor.\n")
    first = CliRunner().invoke(main, ["check", "--no-cache", "--output-file", "informe.txt", "."], catch_exceptions=False)
    assert first.exit_code == 1 and (tmp_path / "informe.txt").read_text().endswith("en 1 de 1 archivo.\n")
    again = CliRunner().invoke(main, ["check", "--no-cache", "--output-file", "informe.txt", "."], catch_exceptions=False)
    assert again.exit_code == 1, again.output  # the old report is neither linted nor refused


def test_the_fix_note_follows_the_language(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text("lang: es\nselect: [CLR003]\n")
    (tmp_path / "a.txt").write_text("Le responderemos a la mayor brevedad posible.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--fix", "a.txt"], catch_exceptions=False)
    assert "Se corrigió 1 archivo." in result.stderr
    assert (tmp_path / "a.txt").read_text() == "Le responderemos lo antes posible.\n"


def _settings(text: str):
    return config_from_mapping(load_yaml(text, "starter", ConfigError), "svclint.yaml")


def test_init_writes_spanish_comments_with_the_same_settings(tmp_path: Path, monkeypatch) -> None:
    result = CliRunner().invoke(main, ["init", "--lang", "es"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout == "Se escribió svclint.yaml.\n"
    assert (tmp_path / "svclint.yaml").read_text() == STARTER_ES
    assert _settings(STARTER_ES) == _settings(STARTER)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert CliRunner().invoke(main, ["init", "--force"], catch_exceptions=False).stdout == "Se escribió svclint.yaml.\n"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert CliRunner().invoke(main, ["init", "--force"], catch_exceptions=False).stdout == "Wrote svclint.yaml.\n"
    assert (tmp_path / "svclint.yaml").read_text() == STARTER


def test_file_notes_speak_the_files_or_the_projects_language(tmp_path: Path) -> None:
    """SVC102 names its signals in the language of the message it read; SVC101
    (a text in neither language) speaks the project's configured language."""
    (tmp_path / "aviso.txt").write_text(
        "Hola, Ana:\n\nSu código de verificación es 123456.\nPor favor, no responda a este correo.\n")
    (tmp_path / "carta.txt").write_text("Bon dia, us escrivim perquè la comanda ja és a la botiga i és més ràpid.\n")
    notice = CliRunner().invoke(main, ["check", "--no-cache", "--kind", "email", "aviso.txt"], catch_exceptions=False)
    assert "aviso.txt:1:1: SVC102 se lee como un aviso automático (una línea de no responder; " \
           "un código que introducir), no como una respuesta a un cliente" in notice.stderr
    english = CliRunner().invoke(main, ["check", "--no-cache", "carta.txt"], catch_exceptions=False)
    assert "carta.txt:1:1: SVC101 reads as Catalan («perquè», «és», «més»)" in english.stderr
    (tmp_path / "svclint.yaml").write_text("lang: es\n")
    spanish = CliRunner().invoke(main, ["check", "--no-cache", "carta.txt"], catch_exceptions=False)
    assert "carta.txt:1:1: SVC101 se lee como catalán («perquè», «és», «més»), no como español ni inglés" \
        in spanish.stderr
