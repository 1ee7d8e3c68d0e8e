"""What a check sees of one unit: its tokens, sentences, matches and kind."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc

from svclint.documents.unit import Unit

Span = tuple[int, int]  # token offsets [start, end)


@dataclass(frozen=True)
class Hit:
    """A finding before it is placed in the file: character offsets in the unit text."""

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)  # fills the message template
    source: tuple[int, int] | None = None  # a source span, for text the unit does not hold


@dataclass
class Sentence:
    start: int  # first non-space token
    end: int
    char_start: int
    char_end: int


class UnitContext:
    def __init__(self, unit: Unit, doc: Doc, kind: str, matches: dict[str, list[Span]], options: dict[str, Any]):
        self.unit = unit
        self.doc = doc
        self.kind = kind
        self.matches = matches
        self.options = options
        self.sentences = _sentences(doc)
        self._sentence_starts = [s.start for s in self.sentences]
        self._sentence_chars = [s.char_start for s in self.sentences]
        self._judged = unit.judged_ranges()

    def spans(self, key: str) -> list[Span]:
        return self.matches.get(key, [])

    def sentence_index(self, token: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, token) - 1)

    def sentence_at(self, char: int) -> int:
        """Index of the sentence holding a character offset."""
        return max(0, bisect.bisect_right(self._sentence_chars, char) - 1)

    def char_span(self, span: Span) -> tuple[int, int]:
        start, end = span
        return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)

    def is_judged(self, char_start: int, ranges: list[tuple[int, int]] | None = None) -> bool:
        return any(lo <= char_start < hi for lo, hi in (self._judged if ranges is None else ranges))

    def judged_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if self.is_judged(s.char_start)]

    def turn_ranges(self, within: str) -> list[tuple[int, int]]:
        """Character ranges of the organisation's opening or closing turns (or all it wrote)."""
        turns = self.unit.turns
        agent = [t for t in turns if t.role == "agent"]
        if within == "unit" or not agent:
            return self._judged
        if within == "opening":
            first_customer = next((t.start for t in turns if t.role == "customer"), None)
            opening = [t for t in agent if first_customer is None or t.start < first_customer]
            return [(t.start, t.end) for t in (opening or agent[:1])]
        # The closing: the last agent turn, and the one before it when the call has a
        # middle (a satisfaction check is often followed by a last goodbye).
        closing = agent[-2:] if len(agent) > 2 else agent[-1:]
        return [(t.start, t.end) for t in closing]


def _sentences(doc: Doc) -> list[Sentence]:
    """The sentences without their leading and trailing space tokens (read from
    attribute arrays: building Token objects for every word costs more)."""
    found = []
    first = last = None
    for i, (starts, space, idx, length) in enumerate(doc.to_array([SENT_START, IS_SPACE, IDX, LENGTH]).tolist()):
        if starts == 1 and first is not None:
            found.append(Sentence(first[0], last[0] + 1, first[1], last[1] + last[2]))
            first = None
        if not space:
            last = (i, idx, length)
            first = first or last
    if first is not None:
        found.append(Sentence(first[0], last[0] + 1, first[1], last[1] + last[2]))
    return found


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping matches of one pattern list become one span."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
