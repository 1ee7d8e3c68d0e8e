"""A conversation and its turns, as plain frozen data that pickles cheaply (it travels
to worker processes), and the problems a reader reports instead of stopping."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("agent", "bot", "customer", "system")
JUDGED_ROLES = ("agent", "bot")  # the organisation's turns; the customer's are context only


@dataclass(frozen=True, slots=True)
class Turn:
    role: str  # one of ROLES
    text: str
    time: str | None = None  # as the export wrote it (ISO time, or milliseconds from the start)
    line: int | None = None  # the source file's line, for formats written a row per line
    where: str | None = None  # its place in a one-document format ("comments[2]")


@dataclass(frozen=True, slots=True)
class Conversation:
    id: str
    turns: tuple[Turn, ...]
    source: str  # the file it was read from
    meta: dict[str, str] = field(default_factory=dict)  # agent, queue, channel when the export says


@dataclass(frozen=True, slots=True)
class Problem:
    """Input that was skipped or read otherwise than written: `kind` names why (counted
    per kind in the summary)."""

    path: str
    line: int | None
    kind: str  # missing-column, unknown-role, empty-text, broken-json, broken-row, html-script,
    # too-many-turns, too-large, unknown-format, unreadable, split-conversation
    message: str
    conversation: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"type": "problem", "path": self.path, "line": self.line, "kind": self.kind,
                "message": self.message, "conversation": self.conversation}
