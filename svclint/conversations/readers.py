"""Readers of conversation exports. Each streams: row formats (JSON Lines, CSV) are
read a line at a time and grouped into conversations as they go; one-document formats
(vCon, Contact Lens, Zendesk, Intercom) are read whole, but only under a size limit.
Input that cannot be used becomes a `Problem` and the reading goes on."""

from __future__ import annotations

import csv
import itertools
import json
import os
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, Any

from svclint.conversations.html_text import html_to_text
from svclint.conversations.model import ROLES, Conversation, Problem, Turn
from svclint.conversations.seen import SeenIds

Item = Conversation | Problem

# Role words exports use, beyond svclint's own four (an options role map adds to these).
DEFAULT_ROLES = {"admin": "agent", "teammate": "agent", "user": "customer", "end-user": "customer",
                 "lead": "customer", "contact": "customer", "visitor": "customer", "requester": "customer",
                 "operator": "bot", "chatbot": "bot", "virtual-agent": "bot"}
COLUMN_KEYS = ("conversation", "role", "text", "time", "agent", "queue", "channel")
META_KEYS = ("agent", "queue", "channel")


@dataclass(frozen=True)
class ReadOptions:
    """How to read an archive; plain data, so it travels to workers with the task."""

    columns: dict[str, str] = field(default_factory=dict)  # svclint's name -> the export's column
    roles: dict[str, str] = field(default_factory=dict)  # export's value (or author id) -> role
    max_document_bytes: int = 50_000_000
    max_turns: int = 5_000
    max_line_chars: int = 1_000_000  # a longer JSON Lines or CSV line is skipped, never held whole

    def column(self, key: str) -> str:
        return self.columns.get(key, key)

    def role(self, value: object) -> str | None:
        word = str(value).strip().lower()
        mapped = self.roles.get(str(value).strip()) or self.roles.get(word) or DEFAULT_ROLES.get(word, word)
        return mapped if mapped in ROLES else None


def read_archive(path: str, options: ReadOptions, fmt: str = "auto") -> Iterator[Item]:
    """The conversations and problems in one file, in the file's order."""
    fmt = fmt if fmt != "auto" else guess_format(path)
    try:
        if fmt in ROW_READERS:
            with open(path, encoding="utf-8", newline="") as stream:
                yield from group_rows(path, ROW_READERS[fmt](path, stream, options), options)
        else:
            document = _json_document(path, options)
            if isinstance(document, Problem):
                yield document
            else:
                yield from _capped(DOCUMENT_READERS[fmt](path, document, options), options)
    except (OSError, UnicodeDecodeError) as error:
        yield Problem(path, None, "unreadable", f"cannot read: {error}")


def guess_format(path: str) -> str:
    """jsonl or csv by extension; a .json file by the keys its format must have."""
    lowered = path.lower()
    if lowered.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lowered.endswith((".csv", ".tsv")):
        return "csv"
    return "json"


# ---- rows ------------------------------------------------------------------------------

Row = tuple[int, dict[str, Any]]


def bounded_lines(stream: IO[str], limit: int) -> Iterator[str | None]:
    """Each line of `stream`, or None for a line over `limit` characters, which is read
    past in pieces and never held whole (a file with no line breaks is one such line)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith("\n"):
            yield line
            continue
        while (rest := stream.readline(limit)) and not rest.endswith("\n"):
            pass
        yield None


def _too_long(path: str, line: int, options: ReadOptions) -> Problem:
    return Problem(path, line, "too-large", f"a line over {options.max_line_chars} characters")


def jsonl_rows(path: str, stream: IO[str], options: ReadOptions) -> Iterator[Row | Problem]:
    for number, line in enumerate(bounded_lines(stream, options.max_line_chars), 1):
        if line is None:
            yield _too_long(path, number, options)
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            yield Problem(path, number, "broken-json", f"not a JSON object: {error}")
            continue
        if isinstance(row, dict):
            yield number, row
        else:
            yield Problem(path, number, "broken-json", "a line holds JSON that is not an object")


def csv_rows(path: str, stream: IO[str], options: ReadOptions) -> Iterator[Row | Problem]:
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    too_long: list[int] = []  # lines given to csv as empty because they were too long
    reader = csv.DictReader(_blank_when_too_long(stream, options.max_line_chars, too_long), delimiter=delimiter)
    absent = [options.column(key) for key in ("conversation", "role", "text")
              if options.column(key) not in (reader.fieldnames or [])]
    if absent:  # said once for the file, not once for each of its rows
        yield Problem(path, 1, "missing-column", f"the header has no {', '.join(absent)} column")
        return
    while True:
        row: dict[str | Any, Any] | None = None
        try:
            row = next(reader, None)
        except csv.Error as error:  # a field over csv's size limit, a NUL byte: that row only
            # line_num has not counted the line it stopped in
            yield Problem(path, reader.line_num + 1, "broken-row", f"cannot read the row: {error}")
            continue
        finally:
            yield from (_too_long(path, number, options) for number in too_long)
            too_long.clear()
        if row is None:
            return
        yield reader.line_num, {key: value for key, value in row.items() if key is not None and value is not None}


def _blank_when_too_long(stream: IO[str], limit: int, too_long: list[int]) -> Iterator[str]:
    for number, line in enumerate(bounded_lines(stream, limit), 1):
        if line is None:
            too_long.append(number)
        yield "\n" if line is None else line


ROW_READERS = {"jsonl": jsonl_rows, "csv": csv_rows}


def group_rows(path: str, rows: Iterable[Row | Problem], options: ReadOptions) -> Iterator[Item]:
    """Consecutive rows with the same conversation id make one conversation (exports
    write a conversation's messages together; only the open one is held). Rows of a
    conversation that come back after others make a second one, with a problem saying so."""
    current: _Open | None = None
    seen = SeenIds()
    for row in rows:
        if isinstance(row, Problem):
            yield row
            continue
        turn = _row_turn(path, *row, options)
        if isinstance(turn, Problem):
            yield turn
            continue
        conversation_id, made, meta = turn
        if isinstance(made, Problem):
            yield made
            continue
        if current is None or current.id != conversation_id:
            if current is not None:
                yield from current.close()
            if seen.add(conversation_id):
                yield Problem(path, made.line, "split-conversation",
                              "rows of this conversation come again after other conversations; they are linted "
                              "as a separate conversation with the same id (sort the export by conversation)",
                              conversation_id)
            current = _Open(path, conversation_id, meta, options.max_turns)
        current.meta.update({key: value for key, value in meta.items() if key not in current.meta})
        current.add(made)
    if current is not None:
        yield from current.close()


def _row_turn(path: str, line: int, row: dict[str, Any],
              options: ReadOptions) -> tuple[str, Turn | Problem, dict[str, str]] | Problem:
    value = {key: row.get(options.column(key)) for key in COLUMN_KEYS}
    missing = [options.column(key) for key in ("conversation", "role", "text") if value[key] is None]
    if missing:
        return Problem(path, line, "missing-column", f"row without {', '.join(missing)}")
    conversation_id = str(value["conversation"])
    meta = {key: str(value[key]) for key in META_KEYS if value[key] not in (None, "")}
    return conversation_id, _turn(path, line, conversation_id, value["role"], str(value["text"]),
                                  _text(value["time"]), options), meta


def _turn(path: str, line: int | None, conversation_id: str, role_value: object, text: str,
          time: str | None, options: ReadOptions) -> Turn | Problem:
    role = options.role(role_value)
    if role is None:
        return Problem(path, line, "unknown-role", f"unknown role {str(role_value)!r} (add it to the role map)",
                       conversation_id)
    if not text.strip():
        return Problem(path, line, "empty-text", "a message with no text", conversation_id)
    return Turn(role, text, time, line)


class _Open:
    """The conversation being read: its turns up to the cap, then only a count."""

    def __init__(self, path: str, conversation_id: str, meta: dict[str, str], cap: int):
        self.path, self.id, self.meta, self.cap = path, conversation_id, meta, cap
        self.turns: list[Turn] = []
        self.dropped = 0
        self.first_line: int | None = None

    def add(self, turn: Turn) -> None:
        if len(self.turns) < self.cap:
            self.turns.append(turn)
            self.first_line = self.first_line or turn.line
        else:
            self.dropped += 1

    def close(self) -> Iterator[Item]:
        if self.dropped:
            yield Problem(self.path, self.first_line, "too-many-turns",
                          f"{len(self.turns) + self.dropped} turns: only the first {self.cap} are linted", self.id)
        if self.turns:
            yield Conversation(self.id, tuple(self.turns), self.path, self.meta)


def _capped(items: Iterable[Item], options: ReadOptions) -> Iterator[Item]:
    """A one-document conversation over the turn cap is linted on its first turns."""
    for item in items:
        if isinstance(item, Conversation) and len(item.turns) > options.max_turns:
            yield Problem(item.source, None, "too-many-turns",
                          f"{len(item.turns)} turns: only the first {options.max_turns} are linted", item.id)
            item = Conversation(item.id, item.turns[:options.max_turns], item.source, item.meta)
        yield item


# ---- one-document formats --------------------------------------------------------------------

def _json_document(path: str, options: ReadOptions) -> Any:
    size = os.path.getsize(path)
    if size > options.max_document_bytes:
        return Problem(path, None, "too-large", f"{size} bytes, over the {options.max_document_bytes}-byte limit "
                                                "for one JSON document (convert it to JSON Lines)")
    with open(path, encoding="utf-8") as stream:
        try:
            return json.load(stream)
        except ValueError as error:
            return Problem(path, getattr(error, "lineno", None), "broken-json", f"not JSON: {error}")


def read_json_document(path: str, document: Any, options: ReadOptions) -> Iterator[Item]:
    """Whichever one-document format `document` is, told by the keys it must have."""
    if not isinstance(document, dict):
        yield Problem(path, 1, "unknown-format", "not a JSON object")
        return
    for keys, reader in _BY_KEYS:
        if all(key in document for key in keys):
            yield from reader(path, document, options)
            return
    yield Problem(path, 1, "unknown-format", "not a vCon, Contact Lens, Zendesk or Intercom document")


def read_vcon(path: str, document: dict[str, Any], options: ReadOptions) -> Iterator[Item]:
    """IETF vCon: `parties` (each may carry a `role`), `dialog` of type text, the
    sender as `originator` or the first of the dialog's `parties`."""
    roles = [options.role(_object(party).get("role", "")) for party in _list(document.get("parties"))]
    conversation_id = str(document.get("uuid", os.path.basename(path)))
    turns: list[Turn] = []
    yield from _not_objects(path, document.get("dialog"), "dialog")
    for where, dialog in _entries(document.get("dialog"), "dialog"):
        if dialog.get("type") != "text":
            continue
        sender = dialog.get("originator", dialog.get("parties"))
        sender = sender[0] if isinstance(sender, list) and sender else sender
        role = roles[sender] if isinstance(sender, int) and 0 <= sender < len(roles) else None
        turn = _turn(path, None, conversation_id, role or f"party {sender}", str(dialog.get("body") or ""),
                     dialog.get("start"), options)
        yield from _kept(turn, turns, where)
    yield from _conversation(conversation_id, turns, path, {})


def read_contact_lens(path: str, document: dict[str, Any], options: ReadOptions) -> Iterator[Item]:
    """Amazon Connect Contact Lens output: roles from `Participants`, turns from `Transcript`."""
    roles = {p.get("ParticipantId"): p.get("ParticipantRole") for p in map(_object, _list(document.get("Participants")))}
    metadata = _object(document.get("CustomerMetadata"))
    conversation_id = str(metadata.get("ContactId", os.path.basename(path)))
    turns: list[Turn] = []
    yield from _not_objects(path, document.get("Transcript"), "Transcript")
    for where, item in _entries(document.get("Transcript"), "Transcript"):
        role = item.get("ParticipantRole") or roles.get(item.get("ParticipantId"), item.get("ParticipantId"))
        begin = item.get("BeginOffsetMillis")
        turn = _turn(path, None, conversation_id, role, str(item.get("Content") or ""),
                     None if begin is None else str(begin), options)
        yield from _kept(turn, turns, where)
    channel = document.get("Channel")
    yield from _conversation(conversation_id, turns, path, {"channel": str(channel).lower()} if channel else {})


def read_zendesk(path: str, document: dict[str, Any], options: ReadOptions) -> Iterator[Item]:
    """Zendesk ticket comments: public comments only (private notes are internal);
    the requester is the customer, other authors agents, unless the role map says."""
    ticket = _object(document.get("ticket"))
    conversation_id = str(ticket.get("id", os.path.basename(path)))
    requester = ticket.get("requester_id")
    turns: list[Turn] = []
    yield from _not_objects(path, document.get("comments"), "comments")
    for where, comment in _entries(document.get("comments"), "comments"):
        if not comment.get("public", True):
            continue
        author = comment.get("author_id")
        role = options.roles.get(str(author)) or ("customer" if author == requester else "agent")
        text = yield from _body(path, conversation_id, comment.get("body"), comment.get("html_body"), where)
        turn = _turn(path, None, conversation_id, role, text, comment.get("created_at"), options)
        yield from _kept(turn, turns, where)
    meta = {key: str(ticket[name]) for key, name in (("agent", "assignee_id"), ("queue", "group_id"))
            if ticket.get(name) is not None}
    channel = _object(ticket.get("via")).get("channel")
    yield from _conversation(conversation_id, turns, path, {**meta, **({"channel": channel} if channel else {})})


INTERCOM_MESSAGES = {"comment", "open", "close", "assignment", "snoozed", "quick_reply"}


def read_intercom(path: str, document: dict[str, Any], options: ReadOptions) -> Iterator[Item]:
    """Intercom: the conversation's `source` message, then its `conversation_parts`
    (author types user, lead, admin, bot); parts with no body (assignments, state
    changes, notes) are skipped."""
    conversation_id = str(document.get("id", os.path.basename(path)))
    parts = document.get("conversation_parts")
    parts = parts.get("conversation_parts") if isinstance(parts, dict) else parts
    source = document.get("source")
    turns: list[Turn] = []
    yield from _not_objects(path, parts, "conversation_parts")
    opening = [("source", source)] if isinstance(source, dict) else []
    for where, part in itertools.chain(opening, _entries(parts, "conversation_parts")):
        if part.get("part_type", "comment") not in INTERCOM_MESSAGES or not part.get("body"):
            continue
        author = _object(part.get("author"))
        role = options.roles.get(str(author.get("id"))) or author.get("type")
        text = yield from _body(path, conversation_id, None, part["body"], where)
        turn = _turn(path, None, conversation_id, role, text, _text(part.get("created_at")), options)
        yield from _kept(turn, turns, where)
    admin = (document.get("admin_assignee_id") or document.get("team_assignee_id"))
    yield from _conversation(conversation_id, turns, path, {"agent": str(admin)} if admin else {})


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _entries(value: object, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, object) for each object of a document's list (see _not_objects)."""
    for index, entry in enumerate(_list(value)):
        if isinstance(entry, dict):
            yield f"{where}[{index}]", entry


def _not_objects(path: str, value: object, where: str) -> Iterator[Problem]:
    """A problem for a list that is not one and for each of its entries that is not an
    object: _entries leaves them out."""
    if value is not None and not isinstance(value, list):
        yield Problem(path, None, "broken-json", f"{where} is not a list")
    for index, entry in enumerate(_list(value)):
        if not isinstance(entry, dict):
            yield Problem(path, None, "broken-json", f"{where}[{index}] is not an object")


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _body(path: str, conversation_id: str, plain: object, html: object,
          where: str) -> Generator[Problem, None, str]:
    """The text of a message (a generator returning it): plain text when given, else
    the HTML's visible text; scripts and styles in it are dropped and reported."""
    if plain or not html:
        return str(plain or "")
    text, hidden = html_to_text(str(html))
    if hidden:
        yield Problem(path, None, "html-script", f"{where}: {', '.join(sorted(hidden))} dropped from an HTML body",
                      conversation_id)
    return text


def _kept(turn: Turn | Problem, turns: list[Turn], where: str) -> Iterator[Problem]:
    """Keep a turn, or pass its problem on with where it was in the document."""
    if isinstance(turn, Problem):
        yield Problem(turn.path, turn.line, turn.kind, f"{where}: {turn.message}", turn.conversation)
    else:
        turns.append(replace(turn, where=where))


def _conversation(conversation_id: str, turns: list[Turn], path: str, meta: dict[str, str]) -> Iterator[Item]:
    if turns:
        yield Conversation(conversation_id, tuple(turns), path, meta)


_BY_KEYS = ((("Participants", "Transcript"), read_contact_lens), (("conversation_parts",), read_intercom),
            (("comments",), read_zendesk), (("dialog",), read_vcon), (("parties",), read_vcon))
DOCUMENT_READERS = {"json": read_json_document, "vcon": read_vcon, "contact-lens": read_contact_lens,
                    "zendesk": read_zendesk, "intercom": read_intercom}
FORMATS = ("auto", *ROW_READERS, *DOCUMENT_READERS)
