"""Baseline, fixes, standard input and init, through the command (in-process)."""

from __future__ import annotations

import json
import os
import stat
from html.parser import HTMLParser

from conftest import invoke


def test_baseline_survives_edits_and_forgets_fixed_findings(tmp_path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Cálmese, por favor.\nLe garantizo que llega mañana.\n", encoding="utf-8")
    baseline = tmp_path / "base.json"
    assert invoke("baseline", "--lang", "es", str(page), "-o", str(baseline)).exit_code == 0
    assert len(json.loads(baseline.read_text())["findings"]) == 3  # PRM001 and PRM003 both on line 2
    page.write_text("Hola.\n\nCálmese, por favor.\nLe garantizo que llega mañana.\nTranquilícese.\n", encoding="utf-8")
    result = invoke("check", "--lang", "es", "--format", "json", "--baseline", str(baseline), str(page))
    assert [(f["code"], f["line"]) for f in json.loads(result.stdout)] == [("ANG001", 5)]
    page.write_text("Le garantizo que llega mañana.\n", encoding="utf-8")
    result = invoke("check", "--lang", "es", "--baseline", str(baseline), str(page))
    assert result.exit_code == 0


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "meta"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag


def test_fix_html_keeps_markup_and_placeholders(tmp_path) -> None:
    page = tmp_path / "aviso.html"
    original = ("<html><body>\r\n<p>Hola, {{ nombre }}:</p>\r\n"
                "<p>A efectos de tramitar su baja, le responderemos <b>a la mayor brevedad posible</b>.</p>\r\n"
                "<p>Acusamos recibo de su <i>carta</i>.</p>\r\n</body></html>\r\n")
    page.write_bytes(original.encode("utf-8"))
    os.chmod(page, 0o640)
    diff = invoke("check", "--lang", "es", "--select", "CLR003", "--diff", str(page))
    assert diff.exit_code == 1 and "+<p>Para tramitar su baja" in diff.stdout
    assert page.read_bytes() == original.encode("utf-8")  # --diff writes nothing
    fixed = invoke("check", "--lang", "es", "--select", "CLR003", "--fix", str(page))
    assert fixed.exit_code == 1 and "Fixed 1 file" in fixed.stderr
    text = page.read_bytes().decode("utf-8")
    assert text == original.replace("A efectos de", "Para").replace(
        "a la mayor brevedad posible", "lo antes posible").replace("Acusamos recibo de", "Hemos recibido")
    assert stat.S_IMODE(os.stat(page).st_mode) == 0o640
    checker = _Checker()
    checker.feed(text)
    assert checker.stack == []
    assert invoke("check", "--lang", "es", "--select", "CLR003", str(page)).exit_code == 0


def test_stdin_uses_the_given_file_name() -> None:
    result = invoke("check", "-", "--stdin-filename", "reply.html", "--format", "json",
                 stdin="<p>Please <b>calm down</b>.</p>\n")
    findings = json.loads(result.stdout)
    assert [(f["path"], f["code"], f["column"]) for f in findings] == [("reply.html", "ANG001", 14)]


def test_init_writes_a_config_that_loads(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("init").exit_code == 0
    assert invoke("init").exit_code == 2  # never overwrites silently
    (tmp_path / "a.txt").write_text("Hola.\n", encoding="utf-8")
    assert invoke("check", "a.txt").exit_code == 0


def test_fix_yaml_script_stays_valid_yaml(tmp_path) -> None:
    from ruamel.yaml import YAML

    script = tmp_path / "guion.yaml"
    script.write_text(
        "turns:\n"
        "  - speaker: cliente\n"
        "    text: \"¿Cuándo me llaman?\"\n"
        "  - speaker: agente\n"
        "    text: \"Le llamaremos a la mayor brevedad posible, {{ nombre }}.\"\n"
        "  - speaker: agente\n"
        "    text: |\n"
        "      Acusamos recibo de su queja.\n", encoding="utf-8")
    result = invoke("check", "--lang", "es", "--select", "CLR003", "--fix", str(script))
    assert result.exit_code == 1 and "Fixed 1 file" in result.stderr
    data = YAML(typ="safe").load(script.read_text(encoding="utf-8"))
    assert data["turns"][1]["text"] == "Le llamaremos lo antes posible, {{ nombre }}."
    assert data["turns"][2]["text"] == "Hemos recibido su queja.\n"


def test_statistics_counts_per_rule(tmp_path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Cálmese. Tranquilícese. Le garantizo que llega.\n", encoding="utf-8")
    result = invoke("check", "--lang", "es", "--statistics", "--quiet", str(page))
    lines = result.stdout.splitlines()
    assert "    2  ANG001  anger-denial" in lines and "    1  PRM001  absolute-guarantee" in lines
