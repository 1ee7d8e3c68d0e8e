"""The es-ley-10-2025 profile (issue 16): opt-in codes for duties of Spain's Ley
10/2025 that show in what agents, bots and templates say. Off unless the
configuration's `profile:` or `check --profile` turns it on."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from svclint.config import Config, load_config
from svclint.engine import Linter
from svclint.errors import ConfigError
from svclint.rules.packs import load_profile
from tests.conftest import invoke

PROFILE = "es-ley-10-2025"
LATE_REPLY = "Le responderemos en un plazo de 30 días.\n"


@cache
def _linter(code: str, kind: str, profile: bool = True) -> Linter:
    return Linter(Config(profile=[PROFILE] if profile else []), lang="es", kind=kind, select=[code])


def _spans(code: str, text: str, kind: str = "email") -> list[tuple[int, int, int, int, str]]:
    findings = _linter(code, kind).lint_text("reply.txt", text).findings
    assert all(f.code == code for f in findings)
    return [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched) for f in findings]


# ---- the mechanism ------------------------------------------------------------------

def test_off_by_default_no_ley_finding(tmp_path: Path) -> None:
    findings = Linter(Config(), lang="es").lint_text("reply.txt", LATE_REPLY).findings
    assert not [f for f in findings if f.code.startswith("LEY")]
    (tmp_path / "r.txt").write_text(LATE_REPLY, encoding="utf-8")
    result = invoke("check", "--no-cache", "--lang", "es", "--format", "concise", str(tmp_path / "r.txt"))
    assert "LEY" not in result.output


def test_select_all_does_not_turn_it_on() -> None:
    assert not [c for c in Linter(Config(), select=["ALL"]).codes if c.startswith("LEY")]
    assert "LEY004" in Linter(Config(profile=[PROFILE]), select=["ALL"]).codes


def test_on_by_configuration(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text(f"lang: es\nprofile: {PROFILE}\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(LATE_REPLY, encoding="utf-8")
    result = invoke("check", "--no-cache", "--format", "concise", str(tmp_path / "r.txt"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'r.txt'}:1:33: LEY004 [error]" in result.output


def test_on_by_option(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(LATE_REPLY, encoding="utf-8")
    result = invoke("check", "--no-cache", "--lang", "es", "--profile", PROFILE, "--select", "LEY",
                    "--format", "concise", str(tmp_path / "r.txt"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (f"{tmp_path / 'r.txt'}:1:33: LEY004 [error] «30 días» supera el "
                                             "plazo máximo de respuesta (15 días hábiles).")


def test_unknown_profile_in_configuration_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text("lang: es\nprofile:\n  - es-ley-10-2026\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == (f"{path}:2: 'profile': unknown profile 'es-ley-10-2026' (known: {PROFILE})")


def test_unknown_profile_option_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(LATE_REPLY, encoding="utf-8")
    result = invoke("check", "--profile", "ley-nope", str(tmp_path / "r.txt"))
    assert result.exit_code == 2
    assert f"unknown profile 'ley-nope' (known: {PROFILE})" in result.output


def test_rules_lists_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    off = invoke("rules").output
    assert f"{PROFILE:20} no  LEY001,LEY002,LEY003,LEY004" in off
    assert "\nLEY001 " not in off
    (tmp_path / "svclint.yaml").write_text(f"profile: [{PROFILE}]\n", encoding="utf-8")
    on = invoke("rules").output
    assert f"{PROFILE:20} yes LEY001,LEY002,LEY003,LEY004" in on
    assert "\nLEY001  ley-agent-not-identified     error    opening   es     call-script,chat" in on


def test_explain_works_without_the_profile_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = invoke("explain", "LEY002").output
    assert page.startswith("LEY002 (ley-complaint-without-reference) — Respuesta a una reclamación sin su referencia")
    assert "Ley 10/2025" in page


@pytest.mark.parametrize(("code", "flagged", "example"), [
    pytest.param(meta.code, flagged, example, id=f"{meta.code}-{'flag' if flagged else 'pass'}-{n}")
    for meta, rules in load_profile(PROFILE) for rule in rules
    for flagged, examples in ((True, rule.flag), (False, rule.passes)) for n, example in enumerate(examples)])
def test_pack_examples(code: str, flagged: bool, example) -> None:
    found = [f.matched for f in _linter(code, example.kind or "email").lint_text("x.txt", example.text).findings]
    assert found == ([example.match] if flagged else [])


@pytest.mark.parametrize(("code", "kind", "text", "spans"), [
    # LEY001: the first agent turn says who attends; a company or department alone is not a person
    ("LEY001", "call-script", "Agente: Buenas tardes, departamento de facturación, dígame.\nCliente: Hola.",
     [(1, 9, 1, 60, "Buenas tardes, departamento de facturación, dígame.")]),
    ("LEY001", "chat", "Agente: Hola, soy Lucía, de {{ empresa }}.\nCliente: Hola.", []),
    ("LEY001", "chat", "Cliente: Hola.\nAgente: Buenas, me llamo Iván. ¿En qué le ayudo?", []),
    # LEY002: a complaint dealt with needs its reference; another number is not one
    ("LEY002", "email", "Su incidencia ya está registrada. El número de pedido era el 458120.",
     [(1, 1, 1, 34, "Su incidencia ya está registrada.")]),
    ("LEY002", "email", "Sentimos lo ocurrido. Su queja queda registrada con el número {ticket_id}.", []),
    ("LEY002", "email", "No consta ninguna reclamación a su nombre.", []),
    # LEY003: a menu or a bot must offer a person; a person's reply needs no such offer
    ("LEY003", "call-script", "Para altas, marque 1. Para bajas, marque 2.",
     [(1, 1, 1, 22, "Para altas, marque 1.")]),
    ("LEY003", "chat", "Soy un asistente virtual. Escriba AGENTE para hablar con una persona.", []),
    ("LEY003", "email", "Hemos revisado su factura; el cargo de 12 euros es correcto.", []),
    # LEY004: only a term for answering a complaint, and only one over 15 working days
    ("LEY004", "email", "Tramitaremos su reclamación en un plazo de 45 días hábiles.",
     [(1, 44, 1, 59, "45 días hábiles")]),
    ("LEY004", "email", "Le contestaremos en dos meses.", [(1, 21, 1, 30, "dos meses")]),
    ("LEY004", "email", "Le responderemos en 10 días hábiles; el abono tarda 30 días.", []),
    ("LEY004", "email", "¿Le respondimos en más de 30 días?", []),
])
def test_duty_spans(code: str, kind: str, text: str, spans: list) -> None:
    assert _spans(code, text, kind) == spans


def test_option_joins_the_configuration_once(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text(f"lang: es\nprofile: [{PROFILE}]\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(LATE_REPLY, encoding="utf-8")
    result = invoke("check", "--no-cache", "--profile", PROFILE, "--profile", PROFILE, "--format", "concise",
                    str(tmp_path / "r.txt"))
    assert [line.split(": ")[1].split()[0] for line in result.output.splitlines() if "LEY" in line] == ["LEY004"]
