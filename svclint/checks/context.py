"""What a check sees of one unit: its tokens, sentences, matches and kind, and the
context of a span (negated, hypothetical, asked, quoted or reported), found once
per unit and only when a rule asks.

Contexts are read from marker words each language lists in its shared pack
(rules/<lang>/_shared.yaml, the `context_*` sets), matched like any pattern:

- negation: a negator shortly before the span in its clause ("no hemos
  encontrado ningún error", "we found no errors");
- hypothetical: a conditional opener earlier in the span's clause ("si",
  "en caso de", "if", "should you"), or a marker of possibility anywhere in it
  ("pueden producirse", "podemos cometer", "delays may occur");
- conditional: the conditional opener alone, without the markers of possibility,
  and not before a counterfactual past ("if you had read the email", «si hubiera
  revisado»): that says what did not happen, and blames as it says it;
- question: the span lies inside ¿…?, or its sentence ends with "?";
- quote: the span lies inside quotation marks («», “”, "", ‘’ or '' around words), or after a
  reporting verb earlier in its clause ("nos comenta que", "you said that"), or in a heading that asks
  a question (an FAQ's "### Why aren't you looking into it quicker?" is the reader's voice); not the
  line a script gives the agent to say, quoted after a cue ('say: "Settle down and…"', «diga: "…"»).

A clause ends at a comma, semicolon, colon, bracket or dash, and at the
language's clause-break words ("pero", "but").
"""

from __future__ import annotations

import bisect
import re
import weakref
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate, chain, islice
from typing import Any, overload


from svclint.checks.scorer import KEPT_RUNS, MAX_WORDS, sentence_runs
from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK, Turn, Unit
from svclint.nlp import HTML_ENTITY, Tokens
from svclint.purpose import greets, notice_reasons, says_it_is_automatic
from svclint.rules.patterns import Matches, MatcherSet

Span = tuple[int, int]  # token offsets [start, end)

# The contexts a rule's `outside` may name, and the marker sets of the language's
# shared pack each one reads (every context but `question` also reads the clause breaks).
CONTEXT_MARKERS = {
    "negation": ("context_negators",),
    "hypothetical": ("context_conditionals", "context_possibility"),
    # a conditional opener alone, without the markers of possibility: for a rule whose own
    # patterns are suppositions ("it could be something on your end"), which "may"/"could"
    # must not undo, while "if you forgot your password, …" still must
    "conditional": ("context_conditionals", "context_counterfactual"),
    "consequence": ("context_condition_leads", "context_evidence"),
    "question": (),
    "quote": ("context_reporting", "context_scripted"),
}
CLAUSE_BREAKS = "context_clause_breaks"
NEGATION_REACH = 2  # words a negator may stand before what it negates ("no ha habido retrasos")
_CLAUSE_MARKS = frozenset(",;:()[]{}—–…")
_QUOTE_PAIRS = {"«": "»", "“": "”"}
# Words in brackets or angles ("[NOMBRE]", "<nombre del cliente>"): blanks that TPL003 reports, which the
# capitals checks leave alone.
_BRACKETED = re.compile(r"\[[^\]\[\n]*\]|<[^<>\n]*>")
# Words in square brackets for the writer to replace ("[brief description of the customer's issue]", «[explique
# aquí el motivo]»): a drafting blank (TPL003's), not a Markdown link's text nor a one-word tag ("[Agent]").
_WRITER_BLANK = re.compile(r"\[(?=[^\]\[\n]*\s)[^\]\[\n]{3,}\](?![(\[:])")
# Single quotes, straight or curly, double as apostrophes ("don't", "customers' orders"): a
# quote opens where one stands before a word and after a space, a bracket or a dash, and
# closes where one follows a word and comes before a space or punctuation.
_SINGLE_QUOTE = re.compile(r"(?P<opens>(?:^|(?<=[\s(\[—–-]))['‘](?=\S))|(?<=\S)['’](?=[\s.,;:!?)\]—–-]|$)")
_registered: "weakref.WeakKeyDictionary[MatcherSet, set[str]]" = weakref.WeakKeyDictionary()


def _open_single_quote(text: str, at: int) -> int:
    """Where a single quote opened in `text` before offset `at` and still open there stands, or -1."""
    opened = -1
    for mark in _SINGLE_QUOTE.finditer(text):
        if mark.start() >= at:
            break
        opened = mark.start() if mark.lastgroup == "opens" else -1
    return opened


def _open_quote(text: str, at: int) -> int:
    """Where the quotation mark open at offset `at` of `text` opened, or -1 when none is open there
    (a mark that nothing closes later in the text quotes nothing: a stray «"» before a word)."""
    before, after = text[:at], text[at:]
    if before.count('"') % 2 == 1 and '"' in after:
        return before.rindex('"')
    for opening, closing in _QUOTE_PAIRS.items():
        if before.count(opening) > before.count(closing) and closing in after:
            return before.rindex(opening)
    opened = _open_single_quote(text, at)
    return opened if opened >= 0 and any(m.lastgroup != "opens" for m in _SINGLE_QUOTE.finditer(text, at)) else -1


def context_sets(contexts: list[str]) -> list[str]:
    """The shared marker sets the contexts read."""
    needed = [name for context in contexts for name in CONTEXT_MARKERS[context]]
    return needed + [CLAUSE_BREAKS] if needed else []


def register_markers(matchers: MatcherSet, markers: dict[str, list[str]], lists: dict) -> None:
    """Add the context markers to the language's matchers, each set once however many rules read it."""
    done = _registered.setdefault(matchers, set())
    for name, patterns in markers.items():
        if name not in done:
            done.add(name)
            for pattern in patterns:
                matchers.add(f"context|{name}", pattern, lists)


@dataclass(frozen=True)
class Hit:
    """What a check hands the engine: a span in the unit text, the values its rule's
    message and suggestion are filled with, and what the engine acts on itself."""

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)  # fills the message template
    source: tuple[int, int] | None = None  # a source span, for text the unit does not hold
    variant: str | None = None  # which of the rule's messages fits ("advice", "marks"…); None: the main one
    fix: str | None = None  # literal text to put in place of the span: a safe fix
    related: tuple[int, int] | None = None  # a second span (unit offsets) the message names by line and column


@dataclass(frozen=True)
class Sentence:
    start: int  # first non-space token
    end: int
    char_start: int
    char_end: int


class Sentences(Sequence[Sentence]):
    """A unit's sentences, kept as four columns of machine integers: a Sentence object
    is made when one is read, so a text of a million short lines does not hold a
    million of them (audit item H16)."""

    def __init__(self) -> None:
        self.starts, self.ends, self.char_starts, self.char_ends = (array("q") for _ in range(4))

    def append(self, start: int, end: int, char_start: int, char_end: int) -> None:
        for column, value in zip((self.starts, self.ends, self.char_starts, self.char_ends),
                                 (start, end, char_start, char_end)):
            column.append(value)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...

    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return Sentence(self.starts[index], self.ends[index], self.char_starts[index], self.char_ends[index])

    def __iter__(self) -> Iterator[Sentence]:
        return map(Sentence, self.starts, self.ends, self.char_starts, self.char_ends)


class FoundSpans:
    """The spans a pattern finds in a text (in order, never overlapping), asked by character offset."""

    def __init__(self, pattern: re.Pattern[str], text: str):
        found = [m.span() for m in pattern.finditer(text)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def _last_opened(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def __contains__(self, offset: int) -> bool:
        index = self._last_opened(offset)
        return index >= 0 and offset < self.ends[index]

    def holds(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside one span."""
        index = self._last_opened(start)
        return index >= 0 and end <= self.ends[index]


class UnitContext:
    def __init__(self, unit: Unit, table: Tokens, kind: str, matches: Matches, options: dict[str, Any],
                 channel: str | None = None):
        self.unit = unit
        self.tokens = table
        self.doc = table.doc
        self.kind = kind
        # what the unit was sent as before its purpose was read: a notice sent as an SMS keeps `sms` here
        self.channel = channel or kind
        self.matches = matches
        self.options = options
        self.sentences = _sentences(self.tokens)
        self._sentence_starts = self.sentences.starts
        self._sentence_chars = self.sentences.char_starts
        self._judged = unit.judged_ranges()
        self._notice_apart: dict[int, bool] = {}  # see notice_apart_from
        self._runs: dict[int, frozenset[str] | None] = {}  # see scored_runs
        self._runs_kept = 0

    @cached_property
    def capitalised(self) -> array[int]:
        """Tokens that open with a capital letter, after any apostrophe ("'S" in "THERE'S"
        belongs to the run): the only ones the capitals and acronym checks look at."""
        return array("q", (i for i, text in enumerate(self.tokens.texts) if text.lstrip("'’")[:1].isupper()))

    @cached_property
    def word_counts(self) -> array[int]:
        """word_counts[i]: words among the first i tokens (see `counts_as_word`); the
        pieces of an HTML entity left in the text ("&mdash;") are no word, and the parts
        of a hyphenated compound ("on-the-go", «franco-español») are one."""
        table = self.tokens
        skipped = _entity_tokens(self.unit.text.text, table) | _compound_tails(self.unit.text.text, table)
        words = (not punct and not space and i not in skipped and _counts_as_word(text)
                 for i, (text, punct, space) in enumerate(zip(table.texts, table.punct, table.space)))
        return array("q", accumulate(words, initial=0))

    def words_between(self, start: int, end: int) -> int:
        return self.word_counts[end] - self.word_counts[start]

    @property
    def alphabetic(self) -> list[int]:
        return self.tokens.alpha

    def spans(self, key: str) -> list[Span]:
        return self.matches.spans(key)

    def spans_near(self, key: str, token: int, reach: int) -> list[Span]:
        """The key's spans in the sentence holding `token` and `reach` sentences each side."""
        if not self.sentences:
            return []
        index = self.sentence_index(token)
        first, last = max(0, index - reach), min(len(self.sentences) - 1, index + reach)
        return self.matches.spans_within(key, self.sentences[first].start, self.sentences[last].end)

    def sentence_index(self, token: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, token) - 1)

    def notice_apart_from(self, span: Span) -> bool:
        """Whether the unit reads as an automated notice, by its signals, even with the sentence of
        `span` and the next one left out: on more than those words. A person's reply that calls itself automatic
        ("This is an automated message. Please do not reply.") reads as a notice on that line alone,
        and a rule judging the line must not be silenced by it; a notice that greets nobody ("Your
        application has been accepted. … This is a system generated email, do not reply.") is one
        with that line left out too."""
        if self.kind != "notice":
            return False
        index = self.sentence_index(span[0])
        if index not in self._notice_apart:  # the purpose is read again once per sentence, however many words veto
            start = self.sentences[index].char_start
            end = self.sentences[min(index + 1, len(self.sentences) - 1)].char_end
            text = self.unit.text.text
            # signals only: a piece of a reply (one line, a turn in a thread) is read as a notice too, but nothing
            # automated speaks there
            signals, _ = notice_reasons(self.unit, self.channel, text[:start] + " " * (end - start) + text[end:])
            # a notice that greets nobody is no person's reply, even when its do-not-reply line is its only signal
            self._notice_apart[index] = bool(signals) or (not greets(text) and says_it_is_automatic(text[start:end]))
        return self._notice_apart[index]

    def scored_runs(self, sentence: Sentence) -> frozenset[str] | None:
        """The runs of words a learned scorer reads in a sentence (svclint/checks/scorer.py), or
        None when it is too short or too long to score; made once for all the rules that score it,
        up to KEPT_RUNS runs a unit (memory stays bounded on a long page)."""
        if sentence.char_start in self._runs:
            return self._runs[sentence.char_start]
        runs = None
        if sentence.end - sentence.start <= 2 * MAX_WORDS:  # a sentence of a thousand tokens is not read at all
            runs = sentence_runs(self.unit.text.text[sentence.char_start:sentence.char_end])
        if self._runs_kept < KEPT_RUNS:
            self._runs[sentence.char_start] = runs
            self._runs_kept += len(runs or ()) + 1
        return runs

    def sentence_at(self, char: int) -> int:
        """Index of the sentence holding a character offset."""
        return max(0, bisect.bisect_right(self._sentence_chars, char) - 1)

    def token_span(self, start: int, end: int) -> Span:
        """The tokens that hold the characters start..end (a hit's span back in tokens)."""
        tokens = self.tokens.covering(start, end)
        return tokens.start, max(tokens.start + 1, tokens.stop)

    def char_span(self, span: Span) -> tuple[int, int]:
        start, end = span
        return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)

    def is_judged(self, char_start: int, ranges: list[tuple[int, int]] | None = None) -> bool:
        """Whether an offset lies in one of `ranges` (by default the judged ones).

        Ranges are turns, or runs of them: sorted and disjoint, so a binary search
        finds the one that could hold the offset (a scan of every turn for every
        sentence was quadratic on long call scripts)."""
        ranges = self._judged if ranges is None else ranges
        index = bisect.bisect_right(ranges, char_start, key=_range_start) - 1
        return index >= 0 and char_start < ranges[index][1]

    def sentences_in(self, ranges: list[tuple[int, int]] | None) -> Sequence[Sentence]:
        """The sentences that start inside `ranges` (by default the judged ones), found
        by binary search on the sentence starts: asking once per turn of a long call
        script must not scan every sentence each time."""
        if ranges is None:
            return self._judged_sentences
        found = []
        for start, end in ranges:
            first = bisect.bisect_left(self._sentence_chars, start)
            found.extend(self.sentences[first:bisect.bisect_left(self._sentence_chars, end)])
        return found

    def judged_sentences(self) -> Sequence[Sentence]:
        return self._judged_sentences

    @cached_property
    def _judged_sentences(self) -> Sequence[Sentence]:
        if not self.unit.turns:  # the organisation wrote it all: every sentence, with no copy
            return self.sentences
        return [s for s in self.sentences if self.is_judged(s.char_start)]

    def turn_ranges(self, within: str, asks: str | None = None,
                    replies: str | None = None) -> list[tuple[int, int]]:
        """Character ranges of the organisation's opening or closing turns (or all it wrote).
        The opening goes on into the agent's next turn when its last turn put one of the
        questions of key `asks` (the caller's name, an account number) and the customer
        answered it («¿Con quién tengo el gusto?» «Con Rosa.» «Gracias, ¿en qué puedo
        servirle?»); a question back is the customer's request, and ends it. It also goes
        on when the customer's reply is nothing but words of key `replies` (a greeting or an
        acknowledgement: «Hola, buenos días.», «Vale.»): the customer has stated no need yet."""
        turns = self.unit.turns
        agent = [t for t in turns if t.role == "agent"]
        if within == "unit" or not agent:
            return self._judged
        if within == "opening":
            return [(t.start, t.end) for t in self._opening(turns, agent, asks, replies)]
        # The closing: the last agent turn, and the one before it when the call has a
        # middle (a satisfaction check is often followed by a last goodbye).
        closing = agent[-2:] if len(agent) > 2 else agent[-1:]
        return [(t.start, t.end) for t in closing]

    def _opening(self, turns: list[Turn], agent: list[Turn], asks: str | None,
                 replies: str | None = None) -> list[Turn]:
        customer = next((t for t in turns if t.role == "customer"), None)
        opening = [t for t in agent if customer is None or t.start < customer.start] or agent[:1]
        # The answer to the opening's question is the customer's next turn after it: on a call the
        # customer answers first («¿Diga?» «Buenas tardes, ¿hablo con Pedro García?» «Sí, soy yo.»
        # «Le llamo de Telered…»), that is not the customer's first turn, which came before it.
        reply, following = _next_exchange(turns, agent, opening[-1])
        if asks and following and self._asked_and_answered(opening[-1], reply, asks):
            opening.append(following)
        # A customer reply of courtesy alone states no need («Buenos días.» «Hola.»), so the
        # opening runs on into the agent's next turn (RULES.md: the organisation's turns before
        # the customer first states a need); twice at most, as a call rarely trades more.
        for _ in range(2):
            reply, following = _next_exchange(turns, agent, opening[-1])
            if not (replies and following and self._courtesy_only(reply, replies)):
                break
            opening.append(following)
        return opening

    def _courtesy_only(self, reply: Turn, key: str) -> bool:
        """Whether every word of a turn lies inside spans of key `key`."""
        text = list(self.unit.text.text[reply.start:reply.end])
        for span in self.spans(key):
            lo, hi = self.char_span(span)
            for at in range(max(lo, reply.start), min(hi, reply.end)):
                text[at - reply.start] = " "
        return not re.search(r"\w", "".join(text))

    def _asked_and_answered(self, asked: Turn, reply: Turn, key: str) -> bool:
        idx = self.tokens.idx
        if not any(asked.start <= idx[start] < asked.end for start, _ in self.spans(key)):
            return False
        return not self.unit.text.text[reply.start:reply.end].rstrip().endswith("?")

    # ---- context of a span ----------------------------------------------------------

    @cached_property
    def bracketed(self) -> FoundSpans:
        """The unit's words in brackets or angles, read once for the checks that skip them."""
        return FoundSpans(_BRACKETED, self.unit.text.text)

    @cached_property
    def _writer_blanks(self) -> FoundSpans:
        return FoundSpans(_WRITER_BLANK, self.unit.text.text)

    def in_blank(self, span: Span) -> bool:
        """Whether a span lies inside a drafting blank: the writer's note of what to write, which the
        reader never gets as such (TPL003 reports the blank itself)."""
        blanks = self._writer_blanks
        if not blanks.starts:
            return False
        idx = self.tokens.idx
        return blanks.holds(idx[span[0]], idx[span[1] - 1] + len(self.tokens.texts[span[1] - 1]))

    def outside(self, span: Span, contexts: list[str]) -> bool:
        """Whether a span stands in none of the contexts (a rule's `outside`)."""
        return not any(_CONTEXT_TESTS[context](self, span) for context in contexts)

    def negated(self, span: Span) -> bool:
        """A negator shortly before the span; a span that is itself negative ("no podemos
        devolver", "hasn't arrived") is not undone by an earlier one (Spanish piles them up)."""
        start = span[0]
        negators = self._markers_in_clause("context_negators", start)
        return not any(lo == start for lo, _ in negators) and \
            any(hi <= start and self.words_between(hi, start) <= NEGATION_REACH for _, hi in negators)

    def conditional(self, span: Span) -> bool:
        """A conditional opener earlier in the span's clause ("if you forgot your password, …"),
        unless a counterfactual past follows it ("if the form had been signed, you would have…"):
        that is no supposition. An opener in a clause of its own before a comma does not reach the
        span ("when you booked, you …")."""
        openers = self._openers_before(span)
        return bool(openers) and not any(lo > max(openers)
                                         for lo, _ in self._markers_in_clause("context_counterfactual", span[0]))

    def _openers_before(self, span: Span) -> list[int]:
        start = span[0]
        # an opener may reach into the span ("si no podemos"), but must open before it
        return [lo for lo, _ in self._markers_in_clause("context_conditionals", start) if lo < start]

    def hypothetical(self, span: Span) -> bool:
        return bool(self._openers_before(span)) or bool(self._markers_in_clause("context_possibility", span[0]))

    def consequence(self, span: Span) -> bool:
        """In the clause right after a condition that opens the sentence ("If your order is outside
        the window, we can't refund it"): a problem that holds only if the condition does has not
        happened to this reader. Not what the reader is told they will see ("if you check your
        statement, you'll see we charged you twice"), which is a fact. Rules that judge the words
        themselves leave it out: a consequence still refuses, hides an actor or blames."""
        sentence, clause = self._clause_of(span[0])
        if clause != 1:
            return False
        first = self.sentences[sentence].start
        return (any(lo == first for lo, _ in self.spans_near("context|context_condition_leads", first, 0))
                and not self._markers_in_clause("context_evidence", span[0]))

    def asked(self, span: Span) -> bool:
        """Inside ¿…?, or in a sentence that ends with "?" and opens no "¿" after the span."""
        sentence = self.sentences[self.sentence_index(span[0])]
        text = self.unit.text.text
        start = self.char_span(span)[0]
        opened = text.rfind("¿", sentence.char_start, start)
        if opened >= 0:
            closed = text.find("?", start, sentence.char_end)
            return closed >= 0
        return text[sentence.char_start:sentence.char_end].rstrip().endswith("?") \
            and "¿" not in text[start:sentence.char_end]

    def quoted(self, span: Span) -> bool:
        """Inside quotation marks of its sentence, or reported after a reporting verb in its clause;
        not a line the text gives the agent to say, quoted right after a cue ('say: "…"')."""
        start = span[0]
        if any(hi <= start for _, hi in self._markers_in_clause("context_reporting", start)):
            return True
        sentence = self.sentences[self.sentence_index(start)]
        if any(lo <= sentence.char_start < hi for lo, hi in self.unit.question_headings()):
            return True  # an FAQ's question, in the reader's voice
        text, at = self.unit.text.text[sentence.char_start:sentence.char_end], self.char_span(span)[0] - sentence.char_start
        opened = _open_quote(text, at)
        return opened >= 0 and not self._scripted_at(sentence.char_start + opened)

    def _scripted_at(self, mark: int) -> bool:
        """Whether a cue to the agent ends right before the quotation mark at char offset `mark`
        (a colon or a comma may stand between)."""
        token = self.token_span(mark, mark + 1)[0]
        if token > 0 and self.doc[token - 1].text in (":", ","):
            token -= 1
        return any(hi == token for _, hi in self.spans_near("context|context_scripted", token, 0))

    def _markers_in_clause(self, key: str, token: int) -> list[Span]:
        """The markers of a set that lie in the clause holding a token."""
        clause = self._clause_of(token)
        return [(lo, hi) for lo, hi in self.spans_near(f"context|{key}", token, 0) if self._clause_of(lo) == clause]

    def _clause_of(self, token: int) -> tuple[int, int]:
        """(sentence, number of clause breaks before the token in it): equal for tokens of one clause."""
        sentence = self.sentence_index(token)
        breaks = self._clause_breaks
        first = self.sentences[sentence].start if self.sentences else 0
        return sentence, bisect.bisect_right(breaks, token) - bisect.bisect_right(breaks, first)

    @cached_property
    def _clause_breaks(self) -> list[int]:
        """Token offsets where a clause ends: clause punctuation and the language's break words."""
        table = self.tokens
        marks = [i for i, (text, punct) in enumerate(zip(table.texts, table.punct)) if punct and text in _CLAUSE_MARKS]
        return sorted(set(marks) | {lo for lo, _ in self.spans(f"context|{CLAUSE_BREAKS}")})


_CONTEXT_TESTS = {
    "negation": UnitContext.negated,
    "hypothetical": UnitContext.hypothetical,
    "consequence": UnitContext.consequence,
    "conditional": UnitContext.conditional,
    "question": UnitContext.asked,
    "quote": UnitContext.quoted,
}


def _sentences(table: Tokens) -> Sentences:
    """The sentences without their leading and trailing space tokens (a stretch of
    space tokens alone is none)."""
    found = Sentences()
    starts = table.sentence_starts
    for start, end in zip(starts, chain(islice(starts, 1, None), (len(table),))):
        first = table.space.find(0, start, end)  # the first token that is not space
        if first >= 0:
            last = table.space.rfind(0, start, end)
            found.append(first, last + 1, table.idx[first], table.end(last))
    return found


def _range_start(char_range: tuple[int, int]) -> int:
    return char_range[0]


_CLITICS = ("'", "’", "n't", "n’t")


@lru_cache(maxsize=100_000)
def _counts_as_word(text: str) -> bool:
    """A word: holds a letter, digit, placeholder or URL, and is neither an English clitic
    ("'s", "n't") nor a chat @handle (addressing someone is not part of the sentence)."""
    return (not text.lower().startswith(_CLITICS) and not (text.startswith("@") and len(text) > 1)
            and any(c.isalnum() or c in (PLACEHOLDER_MARK, URL_MARK) for c in text))


_HYPHENS = frozenset("-‐‑")


def _compound_tails(text: str, table: Tokens) -> set[int]:
    """Tokens that continue a hyphenated compound: a word right after a hyphen that is glued
    to the word before it (the tokenizer splits "on-the-go" into five tokens)."""
    if not any(hyphen in text for hyphen in _HYPHENS):
        return set()
    texts, trailing = table.texts, table.trailing
    return {i + 1 for i in range(1, len(texts) - 1)
            if texts[i] in _HYPHENS and not trailing[i - 1] and not trailing[i] and _counts_as_word(texts[i - 1])}


def _next_exchange(turns: list[Turn], agent: list[Turn], last: Turn) -> tuple[Turn | None, Turn | None]:
    """The customer's first turn after the agent's turn `last`, and the agent's first turn after
    that reply (None when the conversation ends before either)."""
    reply = next((t for t in turns if t.role == "customer" and t.start > last.start), None)
    following = None if reply is None else next((t for t in agent if t.start > reply.start), None)
    return reply, following


def _entity_tokens(text: str, table: Tokens) -> set[int]:
    """Tokens whose letters and digits all belong to HTML entities ("&mdash;" is split into
    "&", "mdash", ";"): the entity stands for one character, a dash or a space, not a word."""
    if "&" not in text:
        return set()
    found = set()
    for entity in HTML_ENTITY.finditer(text):
        for i in table.covering(entity.start(), entity.end()):
            start = table.idx[i]
            outside = text[start:max(start, entity.start())] + text[entity.end():table.end(i)]
            if not any(c.isalnum() for c in outside):
                found.add(i)
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
