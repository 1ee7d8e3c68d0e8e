"""What a check sees of one unit: its tokens, sentences, matches and kind."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LENGTH, ORTH, SENT_START, SHAPE
from spacy.tokens import Doc

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK, Unit

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

    @cached_property
    def capitalised(self) -> list[int]:
        """Tokens whose first letter opens them and is a capital (their shape starts with X):
        the only ones the capitals and acronym checks need to look at."""
        strings = self.doc.vocab.strings
        shapes = self.doc.to_array(SHAPE).tolist()
        return [i for i, shape in enumerate(shapes) if _opens_with_capital(shape, strings)]

    @cached_property
    def word_counts(self) -> list[int]:
        """word_counts[i]: words among the first i tokens (see `counts_as_word`)."""
        strings = self.doc.vocab.strings
        counts = [0]
        for orth, punct, space in self.doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).tolist():
            counts.append(counts[-1] + (not punct and not space and _counts_as_word(orth, strings)))
        return counts

    def words_between(self, start: int, end: int) -> int:
        return self.word_counts[end] - self.word_counts[start]

    @cached_property
    def alphabetic(self) -> list[bool]:
        return [bool(flag) for flag in self.doc.to_array(IS_ALPHA).tolist()]

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
        return self._judged_sentences

    @cached_property
    def _judged_sentences(self) -> list[Sentence]:
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


_CLITICS = ("'", "’", "n't", "n’t")


@lru_cache(maxsize=100_000)
def _opens_with_capital(shape: int, strings) -> bool:
    return strings[shape].lstrip("'’")[:1] == "X"  # "'S" in "THERE'S" belongs to the run


@lru_cache(maxsize=100_000)
def _counts_as_word(orth: int, strings) -> bool:
    """A word: holds a letter, digit, placeholder or URL, and is not an English clitic ("'s", "n't")."""
    text = strings[orth]
    return not text.lower().startswith(_CLITICS) and any(c.isalnum() or c in (PLACEHOLDER_MARK, URL_MARK) for c in text)


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping matches of one pattern list become one span."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
