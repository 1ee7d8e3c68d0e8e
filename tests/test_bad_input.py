"""Unreadable or broken files give one clear diagnostic and the run goes on."""

from __future__ import annotations

import json

from click.testing import Result

from conftest import invoke


def check(*paths) -> Result:
    """`svclint check --format json PATHS` in-process; a traceback fails the test (see conftest.invoke)."""
    return invoke("check", "--format", "json", *map(str, paths))


def test_bad_files_do_not_stop_the_run(tmp_path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Cálmese".encode("latin-1"))
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "huge.txt").write_text("Hola. " * 900_000)
    (tmp_path / "broken.yaml").write_text("turns:\n  - speaker: agent\n    text: [unclosed\n")
    (tmp_path / "broken.html").write_text("<p>Cálmese <b>ya<p><div></span>&bogus; <!-- never closed")
    (tmp_path / "bad.json").write_text("{\"a\": ")
    (tmp_path / "good.txt").write_text("Cálmese, por favor.\n", encoding="utf-8")
    result = check(tmp_path)
    assert "Traceback" not in result.stderr
    assert result.exit_code == 1  # the good file's finding counts, and so do the unreadable files
    codes = {(json.loads(json.dumps(f))["path"].rsplit("/", 1)[-1], f["code"]) for f in json.loads(result.stdout)}
    assert ("good.txt", "ANG001") in codes and ("broken.html", "ANG001") in codes
    assert "empty.md" not in result.stderr  # an empty file is clean
    for name, words in [("binary.txt", "binary"), ("latin1.txt", "UTF-8"),
                        ("huge.txt", "limit"), ("broken.yaml", "malformed YAML"), ("bad.json", "malformed JSON")]:
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert len(lines) == 1 and words in lines[0], (name, result.stderr)


def test_folder_without_lintable_files(tmp_path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    result = check(tmp_path)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no lintable files" in result.stderr
