"""The es-ley-10-2025 profile (issue 16): opt-in codes for duties of Spain's Ley
10/2025 that show in what agents, bots and templates say. Off unless the
configuration's `profile:` or `check --profile` turns it on."""

from __future__ import annotations

import json
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
    assert f"{PROFILE:20} no  LEY001,LEY002,LEY003,LEY004,LEY005,LEY006\n" in off
    assert "\nLEY001 " not in off
    (tmp_path / "svclint.yaml").write_text(f"profile: [{PROFILE}]\n", encoding="utf-8")
    on = invoke("rules").output
    assert f"{PROFILE:20} yes LEY001,LEY002,LEY003,LEY004,LEY005,LEY006\n" in on
    assert "\nLEY001  ley-agent-not-identified     error    opening   es     call-script,chat" in on
    assert "\nLEY005  ley-reply-language           error    document  es     all" in on
    assert "\nLEY006  ley-suspension-threat        error    sentence  es     email,chat,call-script,sms,text,notice" in on


def test_explain_works_without_the_profile_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = invoke("explain", "LEY002").output
    assert page.startswith("LEY002 (ley-complaint-without-reference) — Respuesta a una reclamación sin su referencia")
    assert "Ley 10/2025" in page


def test_explain_the_language_and_suspension_duties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    language = invoke("explain", "LEY005").output
    assert language.startswith("LEY005 (ley-reply-language) — La respuesta no está en el idioma del cliente")
    assert "catalán, gallego o euskera" in language and "El inglés no es un deber de la ley" in language
    suspension = invoke("explain", "ley-suspension-threat").output
    assert suspension.startswith("LEY006 (ley-suspension-threat) — Amenaza de suspender el servicio")


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
    # LEY005: the agent's turn against the customer's last identified language, in each co-official language
    ("LEY005", "chat", ("Cliente: Bon dia, us escric perquè m'heu cobrat dues vegades la factura.\n"
                       "Agente: Buenos días, le atiende Marta. Hemos anulado el cobro duplicado."),
     [(2, 9, 2, 73, "Buenos días, le atiende Marta. Hemos anulado el cobro duplicado.")]),
    ("LEY005", "chat", ("Cliente: Bos días, non teño conexión dende onte e xa chamei dúas veces.\n"
                       "Agente: Buenos días, le atiende Iván. Mañana pasará un técnico por su domicilio."),
     [(2, 9, 2, 81, "Buenos días, le atiende Iván. Mañana pasará un técnico por su domicilio.")]),
    ("LEY005", "call-script", ("Cliente: Kaixo, faktura bikoiztuta jaso dut eta zuen laguntza behar dut.\n"
                              "Agente: Hola, le atiende Nerea. ¿Nos puede indicar el número de la factura?"),
     [(2, 9, 2, 76, "Hola, le atiende Nerea. ¿Nos puede indicar el número de la factura?")]),
    ("LEY005", "chat", ("Cliente: Hello, I was charged twice for my bill this month.\n"
                       "Agente: Buenos días, le atiende Marta. Hemos anulado el cobro duplicado."),
     [(2, 9, 2, 73, "Buenos días, le atiende Marta. Hemos anulado el cobro duplicado.")]),
    # the customer's language decides, turn by turn: a later Spanish turn makes a Spanish answer right
    ("LEY005", "chat", ("Cliente: Bon dia, us escric perquè m'heu cobrat dues vegades la factura.\n"
                       "Agente: Bon dia, l'atén la Marta. Ho revisem ara mateix.\n"
                       "Cliente: Perdone, mejor en castellano, que lo lee mi hija.\n"
                       "Agente: Por supuesto. Hemos anulado el cobro duplicado de su factura."), []),
    # a short or unsure customer turn decides nothing: the agent's greeting is not judged against «Hola»
    ("LEY005", "chat", "Cliente: Hola, bon dia.\nAgente: Hola, le atiende Marta. ¿En qué puedo ayudarle?", []),
    # the greeting before the customer's first turn is not judged either
    ("LEY005", "call-script", ("Agente: Buenos días, le atiende Marta, de {{ empresa }}.\n"
                              "Cliente: Bon dia, us truco perquè la factura d'aquest mes és molt alta."), []),
    # LEY006: a non-payment condition and a suspension, in a text about a complaint
    ("LEY006", "email", "Su reclamación sigue abierta. En caso de impago, daremos de baja la línea.",
     [(1, 31, 1, 65, "En caso de impago, daremos de baja")]),
    ("LEY006", "email", "Sobre su reclamación: si no paga, le cortaremos la luz.",
     [(1, 23, 1, 48, "si no paga, le cortaremos")]),
    ("LEY006", "call-script", ("Cliente: Puse una reclamación por la factura de marzo.\n"
                              "Agente: Entendido. Si no la paga, el sistema interrumpirá el servicio igualmente."),
     [(2, 20, 2, 58, "Si no la paga, el sistema interrumpirá")]),
    # the guarantee, a denied suspension, other debts named as such, other causes, no complaint at all
    ("LEY006", "email", "Durante la tramitación de su reclamación no suspenderemos el servicio.", []),
    ("LEY006", "email", ("Aunque no abone la factura reclamada, no cortaremos el suministro mientras tramitamos "
                        "su reclamación."), []),
    ("LEY006", "email", ("Su reclamación está abierta. Si no abona los recibos de otros meses, ajenos a la "
                        "reclamación, podremos suspender el servicio."), []),
    ("LEY006", "email", "Su reclamación está abierta. El corte del suministro del día 12 se debe a obras.", []),
    ("LEY006", "email", ("Nos comenta que le dijeron que si no pagaba le cortarían la luz. Hemos abierto una "
                        "reclamación."), []),
    ("LEY006", "notice", "Si no abona la factura, procederemos al corte del suministro.", []),
    ("LEY006", "notice", ("Si no está conforme, puede presentar una reclamación en la web. Si no abona la factura "
                          "antes del día 20, procederemos al corte del suministro."), []),
])
def test_duty_spans(code: str, kind: str, text: str, spans: list) -> None:
    assert _spans(code, text, kind) == spans


def test_option_joins_the_configuration_once(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text(f"lang: es\nprofile: [{PROFILE}]\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(LATE_REPLY, encoding="utf-8")
    result = invoke("check", "--no-cache", "--profile", PROFILE, "--profile", PROFILE, "--format", "concise",
                    str(tmp_path / "r.txt"))
    assert [line.split(": ")[1].split()[0] for line in result.output.splitlines() if "LEY" in line] == ["LEY004"]


# ---- LEY005: template sets that declare their language -----------------------------

TEMPLATES = {
    "plantillas/ca/rebut.txt": "Hola {{ nom }},\nHem rebut la seva reclamació i l'estem revisant. Li respondrem aviat.\n",
    "plantillas/ca/error.txt": "Hola {{ nombre }},\nHemos recibido su reclamación y la estamos revisando. "
                               "Le responderemos pronto.\n",
    "plantillas/gl/recibida.txt": "Ola {{ nome }},\nRecibimos a súa reclamación e estamos a revisala. "
                                  "Responderémoslle pronto.\n",
    "plantillas/eu/jasota.txt": "Kaixo {{ izena }},\nZure erreklamazioa jaso dugu eta aztertzen ari gara. "
                                "Laster erantzungo dizugu.\n",
    "plantillas/es/catalan.txt": "Hola {{ nom }},\nHem rebut la seva reclamació i l'estem revisant. Li respondrem aviat.\n",
    "plantillas/es/corta.txt": "Bon dia.\n",
}
LANGUAGES_CONFIG = (f"lang: es\nprofile: {PROFILE}\nlanguages:\n  \"plantillas/ca/**\": ca\n"
                    "  \"plantillas/gl/**\": gl\n  \"plantillas/eu/**\": eu\n  \"plantillas/es/**\": es\n")


def test_declared_language_is_compared_with_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "svclint.yaml").write_text(LANGUAGES_CONFIG, encoding="utf-8")
    for name, text in TEMPLATES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke("check", "--no-cache", "--select", "LEY005", "--format", "concise", "plantillas")
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "plantillas/ca/error.txt:1:1: LEY005 [error] El archivo está declarado en catalán y su texto está en castellano.",
        "plantillas/es/catalan.txt:1:1: LEY005 [error] El archivo está declarado en castellano y su texto está en catalán.",
    ]  # the Catalan, Galician and Basque files that say what they declare pass, with no SVC101 note; «Bon dia» decides nothing


def test_declared_language_without_the_profile_only_says_how_to_lint(tmp_path: Path) -> None:
    config = tmp_path / "svclint.yaml"
    config.write_text("lang: es\nlanguages:\n  \"*.txt\": ca\n", encoding="utf-8")
    text = TEMPLATES["plantillas/ca/error.txt"]
    result = Linter(load_config(config)).lint_text(str(tmp_path / "r.txt"), text)
    assert (result.findings, result.diagnostics) == ((), ())  # a Catalan set is linted by no language's rules


def test_a_directive_silences_the_declared_language_finding(tmp_path: Path) -> None:
    config = tmp_path / "svclint.yaml"
    config.write_text(f"profile: {PROFILE}\nlanguages:\n  \"*.txt\": ca\n", encoding="utf-8")
    linter = Linter(load_config(config), select=["LEY005"])
    text = TEMPLATES["plantillas/ca/error.txt"]
    assert [f.code for f in linter.lint_text(str(tmp_path / "r.txt"), text).findings] == ["LEY005"]
    silenced = linter.lint_text(str(tmp_path / "r.txt"), "# svclint: disable-file=LEY005\n" + text)
    assert (silenced.findings, silenced.diagnostics) == ((), ())


def test_unknown_declared_language_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "svclint.yaml"
    path.write_text("languages:\n  \"plantillas/pt/**\": pt\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == f"{path}:2: 'plantillas/pt/**': language must be one of es, ca, gl, eu, en"


def test_qa_places_the_language_finding_in_its_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "svclint.yaml").write_text(f"profile: {PROFILE}\n", encoding="utf-8")
    archive = tmp_path / "chats.jsonl"
    archive.write_text(
        '{"conversation": "c1", "role": "customer", "text": "Bon dia, us escric perquè m\'heu cobrat dues vegades."}\n'
        '{"conversation": "c1", "role": "agent", "text": "Buenos días, le atiende Marta. Hemos anulado el cobro."}\n',
        encoding="utf-8")
    result = invoke("qa", "--select", "LEY005", "--format", "jsonl", str(archive))
    finding = json.loads(result.output.splitlines()[0])
    assert (finding["code"], finding["turn"], finding["role"], finding["span"]) == ("LEY005", 1, "agent", [0, 54])
    assert finding["message"] == "La respuesta está en castellano y el cliente escribió en catalán."


def test_a_catalan_answer_to_a_catalan_customer_passes_the_check_itself() -> None:
    # the directive keeps the all-Catalan script from being set aside (SVC101), so the check does judge it
    text = ("# svclint: lang=es\nCliente: Bon dia, us escric perquè m'heu cobrat dues vegades la factura.\n"
            "Agente: Bon dia, l'atén la Marta. Hem anul·lat el cobrament duplicat.\n")
    result = _linter("LEY005", "chat").lint_text("chat.txt", text)
    assert (result.findings, [d.code for d in result.diagnostics]) == ((), [])


def test_a_long_catalan_turn_does_not_hide_a_short_spanish_reply() -> None:
    # whether a script is set aside as a third language (SVC101) is read from the organisation's turns
    text = ("Cliente: Bon dia. Us escric perquè aquest mes m'heu cobrat dues vegades la quota i encara no m'heu "
            "retornat els diners. També vull saber per què la factura és tan alta, si no hem canviat res.\n"
            "Agente: Vale, ya hemos anulado el cobro doble de la cuota.\n")
    result = _linter("LEY005", "chat").lint_text("chat.txt", text)
    assert [(f.start.line, f.start.column, f.end.column, f.matched) for f in result.findings] == [
        (2, 9, 59, "Vale, ya hemos anulado el cobro doble de la cuota.")]
    assert result.diagnostics == ()
