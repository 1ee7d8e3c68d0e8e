"""Lint one conversation as the call script it reads as. The turns are written one
per line behind a speaker label the plain-text reader knows ("Agent:", "Bot:",
"Customer:"), the script is linted as kind call-script, and every finding is placed
back in its turn with the offset table kept while writing. So the findings on a
conversation are, by construction, those `svclint check --kind call-script` gives
on the rendered script: only agent and bot turns are judged, and the customer's
turns are there as context (a complaint that asks for an apology later)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from svclint.conversations.model import JUDGED_ROLES, Conversation, Turn, pickled_as_fields
from svclint.conversations.weeks import NO_TIME, conversation_week
from svclint.documents.speakers import match_label
from svclint.speech import reads_as_speech

if TYPE_CHECKING:
    from svclint.api import Session
    from svclint.model import Finding, Scope

LABELS = {"agent": "Agent: ", "bot": "Bot: ", "customer": "Customer: "}  # system turns are not written
SCRIPT_NAME = "conversation.txt"  # the path the script is linted as: the plain-text reader, cwd's configuration


@dataclass(frozen=True)
class Rendered:
    """A conversation written as a call script, with where each turn's text starts."""

    text: str
    turn_indexes: tuple[int, ...]  # the conversation's index of each written turn
    turn_starts: tuple[int, ...]  # offset in `text` where each written turn's text starts
    line_starts: tuple[int, ...]  # offset in `text` of each line

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """(conversation turn index, offset in that turn's text) of a 1-based script position."""
        offset = self.line_starts[line - 1] + column - 1
        written = max(0, bisect.bisect_right(self.turn_starts, offset) - 1)
        return self.turn_indexes[written], offset - self.turn_starts[written]


def script_line(text: str) -> str:
    """A turn's text as script lines: a line break stays, except before a line the reader
    would take for a new speaker's label, which becomes a space; a carriage return is a
    space too. `svclint:` becomes `svclint;`: what an agent or a customer typed is never a
    directive to svclint (an agent could otherwise switch off the rules that judge them).
    Every change keeps the length, so offsets hold."""
    lines = text.replace("\r", " ").replace("svclint:", "svclint;").split("\n")
    kept = lines[:1]
    for line in lines[1:]:
        kept.append((" " if match_label(line) else "\n") + line)
    return "".join(kept)


def render(conversation: Conversation) -> Rendered:
    parts: list[str] = []
    indexes: list[int] = []
    starts: list[int] = []
    length = 0
    for index, turn in enumerate(conversation.turns):
        if turn.role not in LABELS:
            continue
        label = LABELS[turn.role]
        indexes.append(index)
        starts.append(length + len(label))
        parts.append(f"{label}{script_line(turn.text)}\n")
        length += len(parts[-1])
    text = "".join(parts)
    line_starts = (0, *(offset + 1 for offset, char in enumerate(text) if char == "\n"))
    return Rendered(text, tuple(indexes), tuple(starts), line_starts)


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class TurnFinding:
    """A finding placed in a conversation: which turn, and the span in that turn's text."""

    conversation: str
    turn: int
    role: str
    code: str
    severity: str
    message: str
    suggestion: str | None
    start: int  # offset in the turn's text (code points)
    end: int  # exclusive
    line: int | None  # the source file's line of the turn, where the format has lines
    where: str | None  # else its place in the document ("comments[2]")
    lang: str | None

    def to_dict(self) -> dict[str, object]:
        return {"type": "finding", "conversation": self.conversation, "turn": self.turn, "role": self.role,
                "code": self.code, "severity": self.severity, "message": self.message,
                "suggestion": self.suggestion, "span": [self.start, self.end], "line": self.line,
                "where": self.where, "lang": self.lang}


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class ConversationResult:
    conversation: str
    meta: dict[str, str]
    findings: tuple[TurnFinding, ...]
    turns: int
    scope: Scope | None = None  # which rules judged it, when the session records it
    week: str = NO_TIME  # ISO week of its first timed turn (svclint.conversations.weeks)
    unwritten: bool = False  # its agents' turns read as speech recognition's text (spoken_conversation)


def lint_conversation(session: Session, conversation: Conversation) -> ConversationResult:
    """The findings of one conversation (the session should say kind call-script)."""
    rendered = render(conversation)
    result = session.lint_text(rendered.text, SCRIPT_NAME) if rendered.text.strip() else None
    findings = tuple(_placed(conversation, rendered, finding) for finding in (result.findings if result else ()))
    return ConversationResult(conversation.id, conversation.meta, findings, len(conversation.turns),
                              result.scope if result else None, conversation_week(conversation.turns),
                              spoken_conversation(conversation))


def spoken_conversation(conversation: Conversation) -> bool:
    """Whether the agents' and bots' turns read as speech recognition's text."""
    return reads_as_speech(turn.text for turn in conversation.turns if turn.role in JUDGED_ROLES)


def _placed(conversation: Conversation, rendered: Rendered, finding: Finding) -> TurnFinding:
    index, start = rendered.locate(finding.start.line, finding.start.column)
    end_index, end = rendered.locate(finding.end.line, finding.end.column)
    turn: Turn = conversation.turns[index]
    end = end if end_index == index else len(turn.text)  # a span running past its turn ends with it
    return TurnFinding(conversation.id, index, turn.role, finding.code, finding.severity.label, finding.message,
                       finding.suggestion, start, min(end, len(turn.text)), turn.line, turn.where, finding.lang)
