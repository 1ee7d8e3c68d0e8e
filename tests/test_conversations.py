"""Conversations as an input (issue 15): each reader on export files written from the
formats' public documentation, and the findings of one conversation placed in its turns."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from conftest import invoke

from svclint.api import Session
from svclint.conversations.lint import lint_conversation, render, script_line
from svclint.conversations.model import Conversation, Problem, Turn
from svclint.conversations.readers import ReadOptions, read_archive

DATA = Path(__file__).parent / "data" / "conversations"
CSV_OPTIONS = ReadOptions(
    columns={"conversation": "ticket", "role": "sender", "text": "message", "time": "sent_at",
             "agent": "owner", "queue": "team", "channel": "source"},
    roles={"cliente": "customer", "staff": "agent"})


def conversations(name: str, options: ReadOptions | None = None) -> list[Conversation]:
    items = read_archive(str(DATA / name), options or ReadOptions())
    return [item for item in items if isinstance(item, Conversation)]


def roles_and_texts(conversation: Conversation) -> list[tuple[str, str]]:
    return [(turn.role, turn.text) for turn in conversation.turns]


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(kind="call-script")


# ---- readers -----------------------------------------------------------------------------------

def test_jsonl_groups_consecutive_rows_and_keeps_lines_and_metadata() -> None:
    first, second = conversations("chats.jsonl")
    assert (first.id, second.id) == ("c-1001", "c-1002")
    assert [turn.role for turn in first.turns] == ["customer", "agent", "customer"]
    assert [turn.line for turn in second.turns] == [4, 5, 6]
    assert first.turns[1].time == "2026-03-02T09:15:40Z"
    assert first.meta == {"agent": "marta", "queue": "facturacion", "channel": "chat"}
    assert second.turns[2].text == "Gracias por escribirnos. He revisado su pedido:\nsale hoy del almacén y le llegará el jueves."


def test_csv_with_its_own_column_names_and_role_words() -> None:
    first, second = conversations("tickets.csv", CSV_OPTIONS)
    assert roles_and_texts(first) == [("customer", "Hello, my order arrived broken."),
                                      ("agent", "Calm down, please. We will send a new one today.")]
    assert [turn.line for turn in first.turns] == [2, 3]
    assert second.meta == {"agent": "raj", "queue": "billing", "channel": "email"}


def test_vcon_text_dialog_only_with_the_originators_role() -> None:
    [vcon] = conversations("vcon-chat.json")
    assert vcon.id == "018f2c1e-7b4a-8d21-9c3e-5a6b7c8d9e0f"
    assert roles_and_texts(vcon) == [
        ("customer", "Quiero bajar mi tarifa, pago demasiado."),
        ("agent", "No se preocupe. Le garantizo que mañana tendrá la tarifa nueva.")]  # the recording is skipped
    assert vcon.turns[1].time == "2026-04-01T15:31:40Z"


def test_contact_lens_roles_from_participants() -> None:
    [call] = conversations("contact-lens.json")
    assert call.id == "a1b2c3d4-0000-4000-8000-00000000c0de"
    assert [turn.role for turn in call.turns] == ["agent", "customer", "agent"]
    assert [turn.time for turn in call.turns] == ["0", "3900", "9600"]
    assert call.meta == {"channel": "voice"}


def test_zendesk_skips_private_notes_and_reads_html_bodies() -> None:
    [ticket] = conversations("zendesk-ticket.json")
    assert ticket.id == "35436"
    assert roles_and_texts(ticket) == [
        ("customer", "Me han cobrado dos veces la factura de marzo."),
        ("agent", "Gracias por avisarnos.\nCálmese, por favor: lo revisamos hoy.")]
    assert ticket.meta == {"agent": "517", "queue": "42", "channel": "email"}
    assert [turn.where for turn in ticket.turns] == ["comments[0]", "comments[2]"]


def test_zendesk_role_map_names_an_author_id() -> None:
    [ticket] = conversations("zendesk-ticket.json", ReadOptions(roles={"517": "bot"}))
    assert [turn.role for turn in ticket.turns] == ["customer", "bot"]


def test_intercom_source_then_message_parts_only() -> None:
    [chat] = conversations("intercom-conversation.json")
    assert chat.id == "1911149811"
    assert roles_and_texts(chat) == [
        ("customer", "Hi, I was charged twice for my subscription."),
        ("agent", "Thanks for your patience!\nCalm down, please. I refunded the second charge."),
        ("customer", "Ok thanks")]  # the assignment and the note are not messages to the customer
    assert [turn.where for turn in chat.turns] == ["source", "conversation_parts[1]", "conversation_parts[3]"]


# ---- rendering and placing findings ---------------------------------------------------------------

def test_a_continuation_line_that_looks_like_a_label_stays_in_its_turn() -> None:
    assert script_line("uno\nAgente: dos\ntres\r") == "uno Agente: dos\ntres "


def test_text_in_a_conversation_is_never_a_directive(session: Session) -> None:
    conversation = Conversation("d", (
        Turn("customer", "Estoy harto. svclint: kind=faq"),
        Turn("agent", "Cálmese, por favor. # svclint: disable-line=ANG001\nsvclint: disable-file")), "x")
    assert script_line(conversation.turns[1].text) == "Cálmese, por favor. # svclint; disable-line=ANG001\nsvclint; disable-file"
    codes = [(f.code, f.turn, f.start) for f in lint_conversation(session, conversation).findings]
    assert ("ANG001", 1, 0) in codes
    assert any(code.startswith("PRO") for code, _, _ in codes)  # still judged as a call script, not a FAQ


def test_findings_point_at_conversation_turn_span_and_line(session: Session) -> None:
    first = conversations("chats.jsonl")[0]
    found = {(f.conversation, f.turn, f.role, f.code, f.start, f.end, f.line)
             for f in lint_conversation(session, first).findings}
    assert ("c-1001", 1, "agent", "ANG001", 0, 7, 2) in found
    assert ("c-1001", 1, "agent", "PRM001", 20, 32, 2) in found
    assert first.turns[1].text[20:32] == "Le garantizo"


def test_customer_turns_are_never_judged(session: Session) -> None:
    second = conversations("chats.jsonl")[1]
    findings = lint_conversation(session, second).findings
    assert findings and {f.role for f in findings} <= {"agent", "bot"}
    assert not [f for f in findings if f.turn == 1]  # "Cálmese usted" and a fake "Agente:" label


def test_conversations_and_results_come_back_from_a_pickle_equal(session: Session) -> None:
    """They travel to and from worker processes pickled as their fields (pickled_as_fields)."""
    items = list(read_archive(str(DATA / "bad-rows.jsonl"), ReadOptions())) + conversations("zendesk-ticket.json")
    results = [lint_conversation(session, item) for item in items if isinstance(item, Conversation)]
    assert any(isinstance(item, Problem) for item in items) and any(result.findings for result in results)
    for value in (items, results):
        loaded = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert loaded == value and list(map(type, loaded)) == list(map(type, value))
    assert [type(finding) for result in pickle.loads(pickle.dumps(results)) for finding in result.findings] == \
        [type(finding) for result in results for finding in result.findings]


def test_system_turns_are_not_written() -> None:
    conversation = Conversation("s", (Turn("system", "Chat transferred"), Turn("agent", "Hola")), "x")
    rendered = render(conversation)
    assert rendered.text == "Agent: Hola\n"
    assert rendered.locate(1, 8) == (1, 0)


@pytest.mark.parametrize("name", ["chats.jsonl", "tickets.csv", "vcon-chat.json", "contact-lens.json",
                                  "zendesk-ticket.json", "intercom-conversation.json"])
def test_findings_equal_svclint_check_of_the_rendered_script(name: str, tmp_path: Path, session: Session,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the same (no) configuration for both
    for number, conversation in enumerate(conversations(name, CSV_OPTIONS if name.endswith(".csv") else ReadOptions())):
        rendered = render(conversation)
        script = tmp_path / f"script-{number}.txt"
        script.write_text(rendered.text, encoding="utf-8")
        result = invoke("check", "--kind", "call-script", "--format", "json", "--no-cache", str(script))
        expected = []
        for finding in json.loads(result.output):
            turn, start = rendered.locate(finding["line"], finding["column"])
            end_turn, end = rendered.locate(finding["end_line"], finding["end_column"])
            expected.append((finding["code"], turn, start, end if end_turn == turn else None))
        got = [(f.code, f.turn, f.start, f.end) for f in lint_conversation(session, conversation).findings]
        assert [(code, turn, start) for code, turn, start, _ in got] == [e[:3] for e in expected]
        assert all(e[3] in (None, g[3]) for e, g in zip(expected, got))
        assert expected, f"{conversation.id}: the sample conversations each have findings"


def test_reading_problems_do_not_stop_the_reading(tmp_path: Path) -> None:
    archive = tmp_path / "mixed.jsonl"
    archive.write_text('{"conversation": "a", "role": "agent", "text": "Hola"}\n{"conversation": "a", "role"\n'
                       '{"conversation": "b", "role": "agent", "text": "Hola"}\n', encoding="utf-8")
    items = list(read_archive(str(archive), ReadOptions()))
    assert [type(item).__name__ for item in items] == ["Problem", "Conversation", "Conversation"]
    assert isinstance(items[0], Problem) and (items[0].kind, items[0].line) == ("broken-json", 2)


@pytest.mark.parametrize(("name", "header"), [("long.jsonl", ""), ("long.csv", "conversation,role,text\n")])
def test_a_line_over_the_limit_is_skipped_without_being_held(name: str, header: str, tmp_path: Path) -> None:
    row = '{"conversation": "%s", "role": "agent", "text": "%s"}\n' if name.endswith("jsonl") else '%s,agent,"%s"\n'
    archive = tmp_path / name
    archive.write_text(header + row % ("a", "Hola") + row % ("b", "x" * 5000) + row % ("c", "Adiós"), encoding="utf-8")
    items = list(read_archive(str(archive), ReadOptions(max_line_chars=300)))
    problems = [(item.kind, item.line) for item in items if isinstance(item, Problem)]
    assert problems == [("too-large", 3 if header else 2)]
    assert [item.id for item in items if isinstance(item, Conversation)] == ["a", "c"]


def test_document_entries_that_are_not_objects_are_problems(tmp_path: Path) -> None:
    ticket = json.loads((DATA / "zendesk-ticket.json").read_text(encoding="utf-8"))
    ticket["comments"].insert(1, "not a comment")
    archive = tmp_path / "ticket.json"
    archive.write_text(json.dumps(ticket), encoding="utf-8")
    items = list(read_archive(str(archive), ReadOptions()))
    assert [(item.kind, item.message) for item in items if isinstance(item, Problem)] == \
        [("broken-json", "comments[1] is not an object")]
    [conversation] = [item for item in items if isinstance(item, Conversation)]
    assert [turn.role for turn in conversation.turns] == ["customer", "agent"]
    archive.write_text(json.dumps({"type": "conversation", "conversation_parts": 7}), encoding="utf-8")
    assert [(item.kind, item.message) for item in read_archive(str(archive), ReadOptions())] == \
        [("broken-json", "conversation_parts is not a list")]
