"""A conversation and its turns, as plain frozen data that pickles cheaply (it travels
to worker processes), and the problems a reader reports instead of stopping."""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass, field
from typing import TypeVar

ROLES = ("agent", "bot", "customer", "system")
JUDGED_ROLES = ("agent", "bot")  # the organisation's turns; the customer's are context only

T = TypeVar("T")


def pickled_as_fields(cls: type[T]) -> type[T]:
    """Pickle a frozen, slotted dataclass as its constructor's arguments, in one C call.
    What `dataclass(slots=True)` gives such a class walks `fields()` in Python for every
    object pickled and sets each slot one by one when loading: for a chunk of
    conversations or of results that took about twice as long as this (both engines
    pickle chunks to and from their workers)."""
    values = operator.attrgetter(*(item.name for item in dataclasses.fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: T) -> tuple[type[T], tuple[object, ...]]:
        return type(self), values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]
    return cls


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Turn:
    role: str  # one of ROLES
    text: str
    time: str | None = None  # as the export wrote it (ISO time, or milliseconds from the start)
    line: int | None = None  # the source file's line, for formats written a row per line
    where: str | None = None  # its place in a one-document format ("comments[2]")


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Conversation:
    id: str
    turns: tuple[Turn, ...]
    source: str  # the file it was read from
    meta: dict[str, str] = field(default_factory=dict)  # agent, queue, channel when the export says


@pickled_as_fields
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
