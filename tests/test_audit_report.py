"""`svclint audit` (issue 16): per duty of a profile, the files and conversations that
meet it, those that do not (with each finding) and those where it does not apply or
was not judged (with the reason), as text, self-contained HTML and JSON."""

from __future__ import annotations

import json
import pickle
from html.parser import HTMLParser
from pathlib import Path

import pytest

from svclint.api import Session
from svclint.rules.packs import profile_catalogue
from tests.conftest import invoke

PROFILE = "es-ley-10-2025"

# Small Spanish texts, each written to show one duty met or not met.
TEXTS = {
    "queja_sin_ref.txt": "Hemos recibido su reclamación por el cobro duplicado. La revisaremos pronto.\n",
    "queja_con_ref.txt": "Hemos recibido su reclamación. Su número de reclamación es {{ numero_reclamacion }}.\n",
    "ivr_sin_persona.txt": "Bienvenido a {{ empresa }}. Para facturación, pulse 1. Para averías, pulse 2.\n",
    "ivr_con_persona.txt": "Bienvenido a {{ empresa }}. Para facturación, pulse 1. Para hablar con un agente, "
                           "pulse 0.\n",
    "guion_presenta.txt": "Agente: Buenos días, le atiende Marta, de {{ empresa }}. ¿En qué puedo ayudarle?\n"
                          "Cliente: Hola, llamo por una factura.\n",
    "guion_no_presenta.txt": "Agente: Buenos días, gracias por llamar a {{ empresa }}. ¿En qué puedo ayudarle?\n"
                             "Cliente: Hola, llamo por una factura.\n",
    "english.txt": "Thank you for your message. We will answer your complaint soon.\n",
    "guion_catala.txt": "Cliente: Bon dia, us escric perquè la factura d'aquest mes és massa alta i no ho entenc.\n"
                        "Agente: Buenos días, le atiende Marta. Ahora mismo reviso su factura y le explico el importe.\n",
}
TEXT_KIND = "does not apply: read as text; the duty concerns call-script, chat"
NOT_CALLED_FOR = "does not apply: nothing in it calls for the duty (see when it applies)"
ENGLISH = "does not apply: read as en; the duty is checked in es"


def _folder(tmp_path: Path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "textos"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _audit_json(*args: str) -> tuple[int, dict]:
    result = invoke("audit", "--profile", PROFILE, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)  # diagnostics go to standard error


def _short(document: dict, prefix: str) -> dict[str, dict]:
    """Each duty's lists with unit names relative to `prefix`, for exact comparison."""
    def name(unit: str) -> str:
        return unit.removeprefix(prefix)

    return {duty["code"]: {
        "met": [name(unit) for unit in duty["met"]],
        "not_met": [(name(entry["unit"]), [(f["line"], f["column"]) for f in entry["findings"]])
                    for entry in duty["not_met"]],
        "not_applicable": [(name(entry["unit"]), entry["reason"]) for entry in duty["not_applicable"]],
    } for duty in document["duties"]}


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    folder = _folder(tmp_path_factory.mktemp("audit"), TEXTS)
    code, document = _audit_json(str(folder))
    return code, document, f"{folder}/"


def test_each_duty_lists_met_not_met_and_not_applicable_exactly(audited) -> None:
    code, document, prefix = audited
    assert code == 1
    texts = ["queja_sin_ref.txt", "queja_con_ref.txt", "ivr_sin_persona.txt", "ivr_con_persona.txt",
             "guion_presenta.txt", "guion_no_presenta.txt", "guion_catala.txt"]

    def elsewhere(*units: str) -> list[tuple[str, str]]:
        """Every Spanish text but `units`, as ones nothing in calls for the duty."""
        return [("english.txt", ENGLISH), *((name, NOT_CALLED_FOR) for name in sorted(set(texts) - set(units)))]

    assert _short(document, prefix) == {
        "LEY001": {
            "met": ["guion_catala.txt", "guion_presenta.txt"],
            "not_met": [("guion_no_presenta.txt", [(1, 9)])],
            "not_applicable": [("english.txt", ENGLISH), ("ivr_con_persona.txt", TEXT_KIND),
                               ("ivr_sin_persona.txt", TEXT_KIND), ("queja_con_ref.txt", TEXT_KIND),
                               ("queja_sin_ref.txt", TEXT_KIND)],
        },
        "LEY002": {"met": ["queja_con_ref.txt"], "not_met": [("queja_sin_ref.txt", [(1, 1)])],
                   "not_applicable": elsewhere("queja_con_ref.txt", "queja_sin_ref.txt")},
        "LEY003": {"met": ["ivr_con_persona.txt"], "not_met": [("ivr_sin_persona.txt", [(1, 1)])],
                   "not_applicable": elsewhere("ivr_con_persona.txt", "ivr_sin_persona.txt")},
        "LEY004": {"met": sorted(texts), "not_met": [], "not_applicable": [("english.txt", ENGLISH)]},
        # only the script whose customer writes in a language the detector tells is judged
        "LEY005": {"met": [], "not_met": [("guion_catala.txt", [(2, 9)])],
                   "not_applicable": elsewhere("guion_catala.txt")},
        "LEY006": {"met": sorted(texts), "not_met": [], "not_applicable": [("english.txt", ENGLISH)]},
    }


def test_findings_carry_their_messages_and_the_header_says_what_was_run(audited) -> None:
    _, document, prefix = audited
    ley002 = next(duty for duty in document["duties"] if duty["code"] == "LEY002")
    assert ley002["counts"] == {"met": 1, "not_met": 1, "not_applicable": 6}
    assert ley002["not_met"][0]["findings"] == [{
        "line": 1, "column": 1, "turn": None, "where": None,
        "message": "La respuesta trata de una reclamación y no da su código de seguimiento."}]
    assert (ley002["name"], ley002["article"], ley002["severity"]) == (
        "Complaint reply without a tracking reference", "chapter on consultations, complaints and claims", "error")
    assert document["report"] == "svclint-audit"
    assert document["profiles"] == [PROFILE]
    assert document["paths"] == [prefix.rstrip("/")]
    assert document["configuration"] == []
    assert document["counts"] == {"files": 8, "conversations": 0, "not_judged": 0, "unreadable": 0,
                                  "duties": 6, "duties_not_met": 4}
    assert "waiting times" in document["limits"][1]
    assert set(document["meanings"]) == {"met", "not met", "not applicable or not judged"}


def test_the_duties_are_the_profiles_codes_read_from_its_catalogue(audited) -> None:
    _, document, _ = audited
    assert [duty["code"] for duty in document["duties"]] == list(profile_catalogue(PROFILE))


def test_exit_zero_when_every_duty_is_met_or_does_not_apply(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {name: TEXTS[name] for name in ("queja_con_ref.txt", "guion_presenta.txt")})
    result = invoke("audit", "--profile", PROFILE, str(folder))
    assert result.exit_code == 0
    assert "  not met (0)\n" in result.output


def test_text_output_lists_each_duty_with_its_findings(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {name: TEXTS[name] for name in ("queja_con_ref.txt", "queja_sin_ref.txt")})
    result = invoke("audit", "--profile", PROFILE, str(folder))
    assert result.exit_code == 1
    block = result.output.split("\nLEY002 ")[1].split("\n\n")[0]
    assert block.splitlines() == [
        "Complaint reply without a tracking reference (chapter on consultations, complaints and claims)",
        "  Respuesta a una reclamación sin su referencia",
        "  applies to: email, chat, call-script, sms, text, notice in es, when the text deals",
        "    with a complaint, claim or incident (not a possible or denied one)",
        "  met (1):",
        f"    {folder}/queja_con_ref.txt",
        "  not met (1):",
        f"    {folder}/queja_sin_ref.txt:1:1: "
        "La respuesta trata de una reclamación y no da su código de seguimiento.",
        "  not applicable or not judged (0)",
    ]
    assert result.output.startswith(f"Audit report (svclint-audit) of the duties of {PROFILE}\n")


def test_units_not_judged_say_why(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {
        "catalan.txt": "Bon dia, gràcies per contactar amb nosaltres. "
                       "Us respondrem aviat sobre la vostra reclamació.\n",
        "suprimida.txt": "# svclint: disable-file=LEY002\n" + TEXTS["queja_sin_ref.txt"],
        "vacia.txt": "",
    })
    (folder / "binario.txt").write_bytes(b"\xff\xfe\x00\x00binario\x00")
    code, document = _audit_json(str(folder))
    reasons = dict(_short(document, f"{folder}/")["LEY002"]["not_applicable"])
    assert reasons["suprimida.txt"] == "not judged: an inline directive suppresses its finding"
    assert reasons["vacia.txt"] == "not judged: the file is empty"
    assert reasons["catalan.txt"].startswith("not judged: SVC101 reads as Catalan")
    assert reasons["binario.txt"].startswith("not judged: E902 ")
    assert code == 1  # an unreadable file: the audit cannot vouch for it
    assert document["counts"]["unreadable"] == 1


def test_what_the_configuration_leaves_out_is_not_judged(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {name: TEXTS[name] for name in ("queja_sin_ref.txt", "ivr_sin_persona.txt")})
    (folder / "svclint.yaml").write_text("ignore: [LEY003]\nper-file-ignores:\n  'queja_*': [LEY002]\n",
                                         encoding="utf-8")
    code, document = _audit_json(str(folder))
    lists = _short(document, f"{folder}/")
    assert lists["LEY002"]["not_applicable"] == [
        ("ivr_sin_persona.txt", NOT_CALLED_FOR),
        ("queja_sin_ref.txt", "not judged: per-file-ignores leaves this code out for this path")]
    assert lists["LEY003"]["not_applicable"] == [
        (name, "not judged: the configuration does not run this code")
        for name in ("ivr_sin_persona.txt", "queja_sin_ref.txt")]
    assert document["configuration"] == [f"{folder}/svclint.yaml"]
    assert code == 0


def test_conversations_are_units_with_turns(tmp_path: Path) -> None:
    rows = [("c1", "agent", "Buenos días, le atiende Marta, de Acme. ¿En qué puedo ayudarle?"),
            ("c1", "customer", "Quiero poner una reclamación por un cobro."),
            ("c1", "agent", "Hemos registrado su reclamación con la referencia REC-2026-00123."),
            ("c2", "agent", "Buenos días, gracias por contactar con Acme."),
            ("c2", "customer", "Tengo una queja."),
            ("c2", "agent", "Hemos recibido su queja. La revisaremos.")]
    archive = tmp_path / "chats.jsonl"
    archive.write_text("".join(json.dumps({"conversation": c, "role": r, "text": t}, ensure_ascii=False) + "\n"
                               for c, r, t in rows), encoding="utf-8")
    code, document = _audit_json("--conversations", str(archive))
    assert code == 1
    assert document["paths"] == [] and document["archives"] == [str(archive)]
    assert document["counts"]["conversations"] == 2 and document["counts"]["files"] == 0
    ley = {duty["code"]: duty for duty in document["duties"]}
    assert ley["LEY001"]["met"] == [f"{archive}#c1"]
    assert ley["LEY001"]["not_met"] == [{"unit": f"{archive}#c2", "findings": [{
        "line": 4, "column": 1, "turn": 1, "where": None,
        "message": "Quien atiende no se identifica al inicio de la conversación."}]}]
    assert ley["LEY002"]["met"] == [f"{archive}#c1"]
    assert [(e["unit"], [(f["turn"], f["line"]) for f in e["findings"]]) for e in ley["LEY002"]["not_met"]] == [
        (f"{archive}#c2", [(1, 4)])]
    text = invoke("audit", "--profile", PROFILE, "--conversations", str(archive)).output
    assert (f"    {archive}#c2 turn 1, column 1 (line 4): Quien atiende no se identifica al inicio de la "
            "conversación.\n") in text


def test_the_report_is_never_written_over_an_archive(tmp_path: Path) -> None:
    archive = tmp_path / "chats.jsonl"
    line = json.dumps({"conversation": "c1", "role": "agent", "text": "Le atiende Marta."}, ensure_ascii=False) + "\n"
    archive.write_text(line, encoding="utf-8")
    result = invoke("audit", "--profile", PROFILE, "--conversations", str(archive), "--output", str(archive))
    assert result.exit_code == 2
    assert f"svclint: error: --output {archive} is one of the conversation archives" in result.output
    assert archive.read_text(encoding="utf-8") == line


class _Page(HTMLParser):
    """What a browser would make of the page: its tags, attributes, text and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.rows: list[list[str]] = []
        self.tables = 0
        self.in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [value or "" for _, value in attrs]
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.rows.append([])
        self.in_cell = self.in_cell or tag == "td"

    def handle_endtag(self, tag: str) -> None:
        self.in_cell = self.in_cell and tag != "td"

    def handle_data(self, data: str) -> None:
        if self.in_cell:
            self.rows[-1].append(data)


def test_html_is_self_contained_escaped_and_has_a_table_per_duty(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {name: TEXTS[name] for name in ("queja_sin_ref.txt", "guion_presenta.txt")})
    hostile = folder / "<script>alert(1)<"
    hostile.mkdir()
    (hostile / 'a&"b.txt').write_text(TEXTS["queja_sin_ref.txt"], encoding="utf-8")
    report = tmp_path / "auditoria.html"
    result = invoke("audit", "--profile", PROFILE, "--format", "html", "--output", str(report), str(folder))
    assert result.exit_code == 1 and result.output == ""
    html = report.read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.tables == 1 + 1 + len(profile_catalogue(PROFILE))  # the summary, the duties' counts, then one per duty
    assert ["LEY002", " Complaint reply without a tracking reference", "0", "2", "1"] in page.rows
    assert ["LEY001", " Attending person not identified at the start", "1", "0", "2"] in page.rows
    assert not [value for value in page.attributes if "http" in value or "//" in value]
    assert "http://" not in html and "https://" not in html
    hostile_name = f'{hostile}/a&"b.txt'
    assert ["not met", hostile_name, "1:1: La respuesta trata de una reclamación y no da su código de seguimiento."] \
        in page.rows
    assert "&lt;script&gt;alert(1)&lt;/a&amp;&quot;b.txt" in html
    assert any("style" == tag for tag in page.tags) and "@media print" in html


def test_a_report_written_into_the_audited_folder_is_not_audited_next_time(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"queja_con_ref.txt": TEXTS["queja_con_ref.txt"]})
    for output_format in ("text", "html", "json"):
        report = folder / f"auditoria.{output_format}"
        invoke("audit", "--profile", PROFILE, "--format", output_format, "--output", str(report), str(folder))
        invoke("audit", "--profile", PROFILE, "--format", output_format, "--output", str(report), str(folder))
        assert "queja_con_ref.txt" in report.read_text(encoding="utf-8")
    _, document = _audit_json(str(folder / "queja_con_ref.txt"))
    assert document["counts"]["files"] == 1


def test_a_profile_must_be_named_or_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(TEXTS["queja_con_ref.txt"], encoding="utf-8")
    result = invoke("audit", "r.txt")
    assert result.exit_code == 2 and "name a profile with --profile" in result.output
    result = invoke("audit", "--profile", "es-nada", "r.txt")
    assert result.exit_code == 2 and "unknown profile 'es-nada'" in result.output
    (tmp_path / "svclint.yaml").write_text(f"profile: {PROFILE}\n", encoding="utf-8")
    result = invoke("audit", "--format", "json", "r.txt")
    assert result.exit_code == 0
    assert json.loads(result.output)["profiles"] == [PROFILE]


def test_scope_says_which_rules_judged_a_text() -> None:
    session = Session(lang="es", select=["LEY"], profile=[PROFILE], record_scope=True)
    scope = session.lint_text(TEXTS["queja_sin_ref.txt"], "r.txt").scope
    assert scope is not None
    assert (scope.lang, scope.kinds, scope.applied) == ("es", ("text",), frozenset({"LEY002", "LEY004", "LEY006"}))
    assert Session(lang="es", select=["LEY"], profile=[PROFILE]).lint_text("Hola.", "r.txt").scope is None


def test_scope_survives_workers_and_the_result_cache(tmp_path: Path) -> None:
    """Worker processes get the session as its settings; the result cache keeps no scope,
    so a run that records it lints the file afresh even when the cache has it."""
    path = tmp_path / "r.txt"
    path.write_text(TEXTS["ivr_con_persona.txt"], encoding="utf-8")
    session = Session(lang="es", select=["LEY"], profile=[PROFILE], cache=True, record_scope=True)
    copy = pickle.loads(pickle.dumps(session))
    Session(lang="es", select=["LEY"], profile=[PROFILE], cache=True).lint_path(str(path))  # now in the cache
    for lint in (session, copy):
        scope = lint.lint_path(str(path)).scope
        assert scope is not None and scope.applied == frozenset({"LEY003", "LEY004", "LEY006"})
