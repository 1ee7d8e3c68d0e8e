"""`svclint serve`: the studio's JSON API, its local-only guard and its limits, driven
in-process with Starlette's TestClient (tests/test_studio_browser.py drives the page)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from svclint.studio import app as studio_app
from svclint.studio.app import create_app
from tests.conftest import invoke

PORT = 8765
HOST = f"127.0.0.1:{PORT}"
SPANISH = "😀 Cálmese, por favor. A efectos de su pedido, le escribo hoy."
SCRIPT = "Agente: Buenos días, gracias por llamar.\nCliente: Estoy harto de esperar.\nAgente: Cálmese, por favor.\n"
# The rule the page's playground starts from: its examples must pass as written.
PACK = re.search(r"const SAMPLE_PACK = `(.*?)`;", (studio_app.STATIC / "studio.js").read_text(encoding="utf-8"),
                 re.DOTALL).group(1)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder `serve` started in, with a configuration of its own and a file outside it."""
    base = tmp_path_factory.mktemp("studio")
    root = base / "served"
    (root / "sub").mkdir(parents=True)
    (root / "svclint.yaml").write_text("options: {max-file-bytes: 4000}\n", encoding="utf-8")
    (root / "sub" / "respuesta.txt").write_text("Cálmese, por favor.\n", encoding="utf-8")
    (root / "latin1.txt").write_bytes("Cálmese".encode("latin-1"))
    (root / "big.txt").write_text("Hola. " * 1000, encoding="utf-8")
    (base / "secret.txt").write_text("not for the page\n", encoding="utf-8")
    (root / "link-out.txt").symlink_to(base / "secret.txt")
    (root / "link-in.txt").symlink_to(root / "sub" / "respuesta.txt")
    os.mkfifo(root / "pipe.txt")
    return root


@pytest.fixture(scope="module")
def client(served: Path) -> TestClient:
    return TestClient(create_app(served, "127.0.0.1", PORT), base_url=f"http://{HOST}")


def check(client: TestClient, text: str, **settings: str) -> dict:
    response = client.post("/api/check", json={"text": text, **settings})
    assert response.status_code == 200, response.text
    return response.json()


# ---- /api/check ---------------------------------------------------------------------

def test_check_gives_the_findings_offsets_and_fix(client: TestClient) -> None:
    result = check(client, SPANISH, lang="es", path="respuesta.txt")
    spans = [(f["code"], f["matched"], f["column"], f["end_column"], f["offset"], f["end_offset"],
              f["utf16_offset"], f["utf16_end_offset"]) for f in result["findings"]]
    # the emoji is one code point and two UTF-16 units: the page's offsets are one further
    assert spans == [("ANG001", "Cálmese", 3, 10, 2, 9, 3, 10), ("CLR003", "A efectos de", 23, 35, 22, 34, 23, 35)]
    anger, bureaucratese = result["findings"]
    assert anger["fix"] is None and anger["family"] == "anger" and anger["severity"] == "error"
    assert bureaucratese["fix"] == {"replacement": "Para", "offset": 22, "end_offset": 34,
                                    "utf16_offset": 23, "utf16_end_offset": 35}
    assert result["fixed_text"] == "😀 Cálmese, por favor. Para su pedido, le escribo hoy."
    assert result["families"] == {"anger": 1, "promises": 0, "thanks-apology": 0, "clarity": 1, "sins": 0,
                                  "protocol": 0, "templates": 0, "other": 0}
    assert result["diagnostics"] == [] and result["turns"] == []


def test_check_report_is_the_command_lines_json(client: TestClient, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's report is what `svclint check --format json` prints for the same file."""
    result = check(client, SPANISH, lang="es", path="respuesta.txt")
    (tmp_path / "respuesta.txt").write_text(SPANISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    printed = invoke("check", "--lang", "es", "--no-cache", "--format", "json", "respuesta.txt").output
    assert json.loads(result["report"]) == json.loads(printed)
    assert [{key: f[key] for key in json.loads(printed)[0]} for f in result["findings"]] == json.loads(printed)


def test_check_english_text(client: TestClient) -> None:
    result = check(client, "Calm down, please. In order to fix it, we will call you.", lang="en", kind="email")
    assert [(f["code"], f["matched"], f["kind"]) for f in result["findings"]] == [
        ("ANG001", "Calm down", "email"), ("THX001", "Calm down, please.", "email"),
        ("CLR003", "In order to", "email")]
    assert result["families"]["thanks-apology"] == 1
    assert result["fixed_text"] == "Calm down, please. To fix it, we will call you."


def test_check_script_turns(client: TestClient) -> None:
    result = check(client, SCRIPT, lang="es", path="guion.txt")
    turns = [(turn["role"], SCRIPT[turn["offset"]:turn["end_offset"]].strip()) for turn in result["turns"]]
    assert turns == [("agent", "Buenos días, gracias por llamar."), ("customer", "Estoy harto de esperar."),
                     ("agent", "Cálmese, por favor.")]
    assert ("ANG001", 3, 9) in [(f["code"], f["line"], f["column"]) for f in result["findings"]]


@pytest.mark.parametrize(("body", "message"), [
    ({}, "'text' must be a string"),
    ({"text": "Hola", "lang": "fr"}, "'lang' must be auto, es or en"),
    ({"text": "Hola", "kind": "letter"}, "'kind' must be auto or one of"),
    ({"text": "Hola", "path": "../fuera.txt"}, "without '..'"),
    ({"text": "Hola", "path": "/etc/x.txt"}, "relative to the served folder"),
])
def test_check_refuses_bad_fields(client: TestClient, body: dict, message: str) -> None:
    response = client.post("/api/check", json=body)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_non_utf8_and_non_json_bodies_answer_400(client: TestClient) -> None:
    response = client.post("/api/check", content='{"text": "Cálmese"}'.encode("latin-1"))
    assert (response.status_code, response.json()) == (400, {"error": "the request is not UTF-8 text"})
    response = client.post("/api/check", content=b"text=hola")
    assert response.status_code == 400 and response.json()["error"].startswith("the request is not JSON")
    response = client.post("/api/check", json=["text"])
    assert (response.status_code, response.json()) == (400, {"error": "the request must be a JSON object"})


def test_a_body_over_5_mb_answers_413(client: TestClient) -> None:
    big = json.dumps({"text": "Hola. " * 900_000}).encode()
    assert len(big) > studio_app.MAX_BODY_BYTES
    response = client.post("/api/check", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "larger than 5,242,880 bytes" in response.json()["error"]
    # sent in chunks with no declared length, the body is counted as it arrives
    chunks = (big[start:start + 65536] for start in range(0, len(big), 65536))
    response = client.post("/api/check", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "larger than" in response.json()["error"]


def test_text_over_the_folders_max_file_bytes_answers_413(client: TestClient) -> None:
    response = client.post("/api/check", json={"text": "Hola. " * 700})
    assert response.status_code == 413
    assert response.json() == {"error": "the text is larger than the 4,000-byte limit (option max-file-bytes)"}


def test_an_unusable_configuration_answers_422_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text("lang: es\ncolour: red\n", encoding="utf-8")
    broken = TestClient(create_app(tmp_path, "127.0.0.1", PORT), base_url=f"http://{HOST}")
    expected = f"{tmp_path / 'svclint.yaml'}:2: 'colour': unknown key"
    for response in (broken.post("/api/check", json={"text": "Hola"}), broken.get("/api/rule/ANG001"),
                     broken.post("/api/playground", json={"text": "Hola", "pack": PACK})):
        assert response.status_code == 422 and response.json()["error"].startswith(expected)


def test_the_page_follows_edits_to_the_configuration(tmp_path: Path) -> None:
    """A configuration edited, or created closer to the file, while the server runs
    applies to the next check, as it would to the next `svclint check`."""
    studio = TestClient(create_app(tmp_path, "127.0.0.1", PORT), base_url=f"http://{HOST}")
    settings = tmp_path / "svclint.yaml"
    settings.write_text("ignore: [ANG]\n", encoding="utf-8")

    def codes(path: str) -> list[str]:
        return [f["code"] for f in check(studio, "Cálmese, por favor.", lang="es", path=path)["findings"]]

    assert codes("respuesta.txt") == []
    settings.write_text("ignore: [PRM]\n", encoding="utf-8")
    os.utime(settings, ns=(1, 1))  # a new time even where the clock's step is coarse
    assert codes("respuesta.txt") == ["ANG001"]
    (tmp_path / "sub").mkdir()
    assert codes("sub/respuesta.txt") == ["ANG001"]
    (tmp_path / "sub" / "svclint.yaml").write_text("ignore: [ANG]\n", encoding="utf-8")
    assert codes("sub/respuesta.txt") == []


# ---- the local-only guard -----------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example:8765", "evil.example", "127.0.0.1", "127.0.0.1:9999",
                                  "localhost", "127.0.0.1.evil.example:8765"])
def test_other_host_headers_are_refused(client: TestClient, host: str) -> None:
    response = client.get("/", headers={"host": host})
    assert response.status_code == 403
    assert "local address" in response.json()["error"]
    assert client.post("/api/check", json={"text": "Cálmese."}, headers={"host": host}).status_code == 403


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_loopback_names_with_the_port_are_served(client: TestClient, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


def test_requests_from_other_pages_are_refused(client: TestClient) -> None:
    other = client.post("/api/check", json={"text": "Hola"}, headers={"origin": "http://evil.example"})
    assert (other.status_code, other.json()) == (403, {"error": "requests from other pages are refused"})
    own = client.post("/api/check", json={"text": "Hola"}, headers={"origin": f"http://{HOST}"})
    assert own.status_code == 200


def test_the_page_loads_only_its_own_files(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert 'src="/static/studio.js"' in page.text and 'href="/static/studio.css"' in page.text
    assert "http" not in page.text
    for name in ("studio.js", "studio.css"):
        static = client.get(f"/static/{name}")
        assert static.status_code == 200 and "https://" not in static.text and "http://" not in static.text


# ---- /api/rule ----------------------------------------------------------------------

def test_rule_page_by_code_and_slug(client: TestClient) -> None:
    page = client.get("/api/rule/ANG001", params={"lang": "en"}).json()
    assert page["code"] == "ANG001" and page["slug"] == "anger-denial"
    assert page["page"].startswith("ANG001 (anger-denial) — ")
    assert "## What it flags" in page["page"]
    spanish = client.get("/api/rule/anger-denial", params={"lang": "es"}).json()
    assert spanish["code"] == "ANG001" and "## Qué señala" in spanish["page"]
    assert client.get("/api/rule/SVC103").json()["page"]  # svclint's own codes have pages too


def test_unknown_rule_and_language(client: TestClient) -> None:
    response = client.get("/api/rule/XYZ999")
    assert response.status_code == 404 and "unknown rule XYZ999" in response.json()["error"]
    assert client.get("/api/rule/ANG001", params={"lang": "fr"}).status_code == 400


# ---- /api/file ----------------------------------------------------------------------

def test_file_inside_the_folder_is_read(client: TestClient, served: Path) -> None:
    expected = {"path": "sub/respuesta.txt", "text": "Cálmese, por favor.\n"}
    assert client.get("/api/file", params={"path": "sub/respuesta.txt"}).json() == expected
    absolute = str(served / "sub" / "respuesta.txt")
    assert client.get("/api/file", params={"path": absolute}).json()["text"] == expected["text"]
    assert client.get("/api/file", params={"path": "link-in.txt"}).json()["text"] == expected["text"]


@pytest.mark.parametrize(("path", "status", "message"), [
    ("../secret.txt", 403, "'..' is not allowed"),
    ("sub/../../secret.txt", 403, "'..' is not allowed"),
    ("/etc/hostname", 403, "leads out of the served folder"),
    ("link-out.txt", 403, "leads out of the served folder"),
    ("missing.txt", 404, "no such file"),
    ("", 400, "no file named"),
    ("sub", 400, "not a regular file"),
    ("pipe.txt", 400, "not a regular file"),
    ("latin1.txt", 400, "not valid UTF-8"),
    ("big.txt", 413, "larger than the 4,000-byte limit"),
])
def test_file_refusals(client: TestClient, path: str, status: int, message: str) -> None:
    response = client.get("/api/file", params={"path": path})
    assert response.status_code == status
    assert message in response.json()["error"]


# ---- /api/playground ----------------------------------------------------------------

def test_playground_runs_the_examples_and_the_text(client: TestClient) -> None:
    response = client.post("/api/playground", json={"pack": PACK, "text": "Le abrimos un ticket.", "lang": "es"})
    result = response.json()
    assert result["errors"] == [] and result["codes"] == ["HSE001"]
    assert [(e["expected"], e["found"], e["ok"]) for e in result["examples"]] == [
        ("flag", ["ticket"], True), ("pass", [], True)]
    assert [(f["code"], f["matched"], f["column"]) for f in result["findings"]] == [("HSE001", "ticket", 15)]


def test_playground_reports_an_example_that_fails(client: TestClient) -> None:
    pack = PACK.replace("pass: [Hemos registrado su consulta.]", "pass: [Su ticket está cerrado.]")
    result = client.post("/api/playground", json={"pack": pack, "text": ""}).json()
    assert [(e["expected"], e["text"], e["found"], e["ok"]) for e in result["examples"]] == [
        ("flag", "Hemos abierto un ticket con su caso.", ["ticket"], True),
        ("pass", "Su ticket está cerrado.", ["ticket"], False)]


@pytest.mark.parametrize(("pack", "line", "message"), [
    (PACK.replace("severity: warning", "severity: loud"), 4, "HSE001: severity must be error, warning or info"),
    (PACK.replace("    match: [/^tickets?$/]", "    match: [/^tickets?$/]\n    colour: red"), 16,
     "unknown key 'colour' in a pattern rule"),
    # an unclosed list: YAML finds out on the next line
    (PACK.replace("  slug: ticket-jargon", "  slug: [ticket"), 4, "invalid YAML: expected ',' or ']'"),
    ("", None, "not a svclint rule pack"),
    (PACK.replace("HSE001:", "ANG001:"), None, "ANG001 is already defined"),
])
def test_playground_errors_carry_their_line(client: TestClient, pack: str, line: int | None, message: str) -> None:
    result = client.post("/api/playground", json={"pack": pack, "text": "Hola"}).json()
    [error] = result["errors"]
    assert error["line"] == line and message in error["message"]
    assert result["examples"] == [] and result["findings"] == []


def test_playground_refuses_a_lone_surrogate_as_not_utf8(client: TestClient) -> None:
    body = b'{"pack": "HSE001:\\n  name: \\ud800\\n", "text": "Hola"}'  # JSON escapes reach the server as such
    result = client.post("/api/playground", content=body).json()
    assert [error["message"] for error in result["errors"]] == ["cannot read rule pack: not UTF-8 text"]


def test_no_endpoint_writes_in_the_served_folder(client: TestClient, served: Path) -> None:
    before = sorted(os.listdir(served)) + sorted(os.listdir(served / "sub"))
    check(client, SPANISH)
    client.post("/api/playground", json={"pack": PACK, "text": SPANISH})
    client.get("/api/file", params={"path": "sub/respuesta.txt"})
    assert sorted(os.listdir(served)) + sorted(os.listdir(served / "sub")) == before


# ---- the command --------------------------------------------------------------------

def test_serve_prints_the_url_and_binds_loopback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started: dict = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: started.update(options, app=app))
    monkeypatch.setattr("webbrowser.open", lambda url: pytest.fail("opened a browser without --open"))
    monkeypatch.chdir(tmp_path)
    result = invoke("serve", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert f"svclint studio: http://127.0.0.1:8123/ (folder {tmp_path})" in result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    guarded = TestClient(started["app"], base_url="http://127.0.0.1:8123")
    assert guarded.get("/").status_code == 200
    assert guarded.get("/", headers={"host": "127.0.0.1:8765"}).status_code == 403


def test_serve_open_opens_the_page_once_it_listens(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[str] = []

    class ImmediateTimer:  # the real one waits a second for the server to listen
        def __init__(self, delay: float, action, args: tuple) -> None:
            self.run = lambda: action(*args)

        def start(self) -> None:
            self.run()

    monkeypatch.setattr("uvicorn.run", lambda app, **options: None)
    monkeypatch.setattr("svclint.studio.server.threading.Timer", ImmediateTimer)
    monkeypatch.setattr("webbrowser.open", opened.append)
    monkeypatch.chdir(tmp_path)
    result = invoke("serve", "--open", "--host", "::1", "--port", "8124")
    assert result.exit_code == 0, result.output
    assert opened == ["http://[::1]:8124/"]
    assert "warning" not in result.output  # ::1 is loopback


def test_serve_warns_when_not_on_loopback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **options: None)
    monkeypatch.chdir(tmp_path)
    result = invoke("serve", "--host", "192.0.2.7")
    assert result.exit_code == 0
    assert "svclint: warning: 192.0.2.7 is not a loopback address; the page has no login" in result.output
