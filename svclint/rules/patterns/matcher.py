"""MatcherSet: a language's compiled patterns matched over a document's tokens,
and the walk that follows them through one document."""

from __future__ import annotations

import _sre  # to rebuild the combined search from what `re` compiled it into (see _Combined)
import bisect
import copy
import re
import time
import unicodedata
from array import array
from collections.abc import Callable, Collection, Iterable
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import NamedTuple
# to read a pattern's structure, and compile the combined search (see _Combined)
from re import _compiler as sre_compiler, _constants as sre_constants, _parser as sre_parser

import regex
from spacy.attrs import IS_TITLE, IS_UPPER, LIKE_NUM
from spacy.language import Language

from svclint.nlp import Tokens
from svclint.rules.patterns.compile import (
    Chain,
    OptionTree,
    PatternIndex,
    Step,
    regex_piece,
)
from svclint.rules.patterns.snapshot import restore_into, snapshot_of
from svclint.rules.patterns.syntax import SENTENCE_START, Wild, is_gap

# The mark that opens a Spanish exclamation: the sentence's words start after it.
EXCLAMATION_OPENER = "¡"

FLAGS = {"IS_TITLE": IS_TITLE, "IS_UPPER": IS_UPPER, "LIKE_NUM": LIKE_NUM}
# Seconds, in multiples of regex-time-limit, one regular expression may take over a whole
# run: a sound one takes microseconds per word, so only one that is slow on every word
# (each try just under the limit) gets there, and it is switched off like one that timed out.
# The budget counts the CPU time of the searching thread: a busy machine does not spend it.
RUN_BUDGET = 40
# A word this short, searched with an expression without nested repetition, cannot make
# a search backtrack for long: such searches go to Python's `re`, with no time limit
# per call (asking `regex` for one costs five times the search itself), and one in
# TIMED_EVERY of them is timed for the run's budget, counted TIMED_EVERY times.
PLAIN_WORD_CHARS = 40
TIMED_EVERY = 16


class MatcherSet(PatternIndex):
    """All patterns of one language, matched over a document's tokens.

    One pass over the tokens finds every literal piece the index holds (and each
    regular expression is tried once per distinct word of the run). A pattern is
    a candidate only when every piece it requires is present, and it is followed
    slot by slot, from the places of its least frequent piece, only when a check
    asks for its key. A step's token-by-token alternatives are merged on their
    shared beginnings and followed only where their next token fits (OptionTree),
    so a pattern costs time only where its words occur. Why this is not spaCy's Matcher: see the package docstring.
    """

    def __init__(self, nlp: Language, regex_time_limit: float = 0.25):
        super().__init__(nlp)
        self._shapes: dict[str, _Shape] = {}  # see _shape; shared by the runs, as the patterns are
        self._saved_together: tuple | None = None  # the combined search as a snapshot saved it (see _Combined)
        self._start_run(regex_time_limit)

    def _start_run(self, regex_time_limit: float) -> None:
        self.regex_time_limit = regex_time_limit
        # Regular expressions that ran over the time limit on one word, or over their
        # budget for the run (listed in over_budget too), with the last word they were
        # tried on; they are switched off for the rest of the run and reported once.
        self.too_slow: dict[str, str] = {}
        self.over_budget: set[str] = set()
        self._spent: dict[str, float] = {}  # seconds each regular expression has taken in this run
        self._plain_searches = 0
        self._plain_words = 0
        self._by_length: dict[int | None, _Fitting] = {}
        self._found_in: dict[int, _Word] = {}  # NORM id -> _found_in_word()
        self._phrases: dict[tuple[int, int], _Phrases | None] = {}  # see _phrases_opening

    def for_new_run(self, regex_time_limit: float) -> MatcherSet:
        """These compiled patterns, shared (matching never changes them), with a run's
        state of its own: its regular expressions start within their time budget."""
        self._requirements, self._together  # worked out once, before the copy, so that every run shares them
        run = copy.copy(self)
        run._start_run(regex_time_limit)
        run.restored = True  # the patterns are in: registering the rules again adds none
        return run

    def snapshot(self) -> dict:
        """The compiled patterns as plain data, for the cache (see svclint.rules.patterns.snapshot),
        with the shapes of their regular expressions and their combined search."""
        return {**snapshot_of(self), "shapes": {r: tuple(self._shape(r)) for r in self._regexes},
                "together": self._together.saved}

    def restore(self, data: dict) -> None:
        """Load a snapshot; a damaged one raises KeyError, TypeError, ValueError or IndexError."""
        restore_into(self, data)
        self._shapes = {pattern: _Shape(*shape) for pattern, shape in data["shapes"].items()}
        self._saved_together = tuple(data["together"])

    def search(self, pattern: str, text: str, flags: int = 0) -> bool:
        """Whether a pack's regular expression is found in `text`, within the time limit
        for one text and the run's budget for the expression (RUN_BUDGET limits), so
        that one that backtracks catastrophically cannot stall the run. Past either, it
        is switched off for the rest of the run and finds nothing."""
        if pattern in self.too_slow:
            return False
        plain = _plain(pattern, flags) if len(text) <= PLAIN_WORD_CHARS else None
        if plain is not None:
            self._plain_searches += 1
            if self._plain_searches % TIMED_EVERY:
                return plain.search(text) is not None
            return self._timed(pattern, plain, text)
        began = time.thread_time()
        try:
            found = _regex(pattern, flags).search(text, timeout=self.regex_time_limit) is not None
        except TimeoutError:
            self.too_slow[pattern] = text
            return False
        self._count(pattern, text, time.thread_time() - began)
        return found

    def _count(self, pattern: str, text: str, seconds: float) -> None:
        """Add to a regular expression's time in this run; past its budget it is switched off."""
        spent = self._spent[pattern] = self._spent.get(pattern, 0.0) + seconds
        if spent > self.regex_time_limit * RUN_BUDGET:
            self.too_slow[pattern] = text
            self.over_budget.add(pattern)

    def __call__(self, table: Tokens) -> Matches:
        """The document's matches, found key by key as checks ask for them."""
        pieces = self._pieces(table.norm, table.doc.vocab.strings)  # NORM ids: no Token objects on the hot path
        requirements = self._requirements
        # The required pieces the document lacks: a pattern is a candidate when it needs
        # none of them. One AND that comes out zero costs a third of `needs & present ==
        # needs` on integers of thousands of bits, and a document checks a hundred or more.
        missing, listed = requirements.every ^ pieces.required, requirements.listed
        candidates: dict[str, list[Chain]] = {}
        for name in pieces.anchors:
            for chain, needs in listed[name]:
                if not needs & missing:
                    candidates.setdefault(chain.key, []).append(chain)
        for chain in self._unanchored:
            candidates.setdefault(chain.key, []).append(chain)
        return Matches(_Walker(table, pieces, self), candidates, self._whole)

    @cached_property
    def _together(self) -> _Combined:
        """Every expression that can join one combined search (compiled once per pack)."""
        return _Combined([(r, shape.at_start) for r in self._regexes if (shape := self._shape(r)).combinable],
                         self._saved_together)

    def _shape(self, pattern: str) -> _Shape:
        """What the search of words needs to know of one of the patterns' regular expressions
        (see _Shape): read back with them, or worked out the first time it is asked."""
        shape = self._shapes.get(pattern)
        if shape is None:
            shape = self._shapes[pattern] = _Shape.of(pattern)
        return shape

    @cached_property
    def _requirements(self) -> _Requirements:
        return _Requirements(self._by_required, self._commonness, self._either)

    def _found_in_word(self, norm: int, strings) -> _Word:
        """The regular expressions found in a word, and the required pieces it holds (its
        one-token literal pieces and those regular expressions) as bits and as anchors."""
        requirements = self._requirements
        regexes = requirements.of_regexes(self._regexes_in(strings[norm]))
        singles = self._singles.get(norm)
        if not singles:
            return regexes
        required, anchors = requirements.of(singles)
        return _Word(regexes.regexes, required | regexes.required, (*anchors, *regexes.anchors))

    def _regexes_in(self, text: str) -> tuple[str, ...]:
        """The regular expressions found in one word. A short word is tried only with the
        expressions whose widths fit its length (most are one punctuation mark, or need
        letters only; a line break with all of them, as "$" may stand before a final
        newline), in one combined search without the per-search bookkeeping of `search`;
        one word in TIMED_EVERY has each search timed for the run's budget instead."""
        if len(text) > PLAIN_WORD_CHARS or self.too_slow:
            return tuple(r for r in self._regexes if self.search(r, text))
        fitting = self._fitting_regexes(None if text.endswith("\n") else len(text))
        self._plain_words += 1
        if self._plain_words % TIMED_EVERY:  # what the combined search finds fits the length, as every match does
            return fitting.in_order(self._together.found_in(text), [r for r in fitting.apart if self.search(r, text)])
        return self._each_timed(fitting, text)

    def _each_timed(self, fitting: _Fitting, text: str) -> tuple[str, ...]:
        """The expressions found in a sampled word, each `re` search counted TIMED_EVERY
        times against its budget (the others are timed by `search`). Reading the thread's
        clock is a system call that costs more than a search in a short word: one reading
        ends a search's time and begins the next one's, not two per search."""
        found = []
        began = time.thread_time()
        for pattern in fitting.order:
            plain = _plain(pattern)
            if plain is None:
                hit = self.search(pattern, text)
                ended = time.thread_time()
            else:
                hit = plain.search(text) is not None
                ended = time.thread_time()
                self._count(pattern, text, (ended - began) * TIMED_EVERY)
            if hit:
                found.append(pattern)
            began = ended
        return tuple(found)

    def _timed(self, pattern: str, plain: re.Pattern, text: str) -> bool:
        """A sampled `re` search, counted TIMED_EVERY times against the expression's budget."""
        began = time.thread_time()
        found = plain.search(text) is not None
        self._count(pattern, text, (time.thread_time() - began) * TIMED_EVERY)
        return found

    def _fitting_regexes(self, length: int | None) -> _Fitting:
        """The expressions that can match within a word of this length (None: all of them),
        in the order of _regexes: worked out once per length."""
        fitting = self._by_length.get(length)
        if fitting is None:
            fitting = self._by_length[length] = _Fitting.of(
                [r for r in self._regexes if length is None or self._shape(r).fits(length)], self._shape)
        return fitting

    def _pieces(self, norms: list[int], strings) -> _Pieces:
        """The pieces of the document. One-token literal pieces are only noted as
        present (a common word opens many of them); their places are listed when a
        pattern asks. Longer pieces are found and checked here. Each regular
        expression is tried once per distinct word of the run, not once per document."""
        by_norm: dict[int, array[int]] = {}  # machine integers: a list held an int object per token (H16)
        for position, norm in enumerate(norms):
            places = by_norm.get(norm)
            if places is None:
                places = by_norm[norm] = array("q")
            places.append(position)
        found_in = self._found_in
        if len(found_in) > 500_000:  # a bound for very large runs
            found_in.clear()
        pieces = _Pieces(by_norm, self._single_norms, found_in, self._either)
        required, anchors = 0, pieces.anchors
        for norm in by_norm:
            word = found_in.get(norm)
            if word is None:
                word = found_in[norm] = self._found_in_word(norm, strings)
            required |= word.required
            if word.anchors:  # most words of a text are in no pattern
                anchors.update(word.anchors)
        self._find_longer(norms, pieces)
        if pieces.longer_names():
            longer_required, longer_anchors = self._requirements.of(pieces.longer_names())
            required |= longer_required
            anchors.update(longer_anchors)
        pieces.required = required
        return pieces

    def _find_longer(self, norms: list[int], pieces: _Pieces) -> None:
        """Add the pieces of several words found in the document: from each place of a word
        that opens one, the phrases that open with it and the next word are walked word by
        word together (see _Phrases), not compared one by one."""
        by_norm, last = pieces.by_norm, len(norms) - 1
        for norm in by_norm.keys() & self._longer_firsts:
            for start in by_norm[norm]:
                node = self._phrases_opening(norm, norms[start + 1]) if start < last else None
                end = start + 2
                while node is not None:
                    for name in node.names:
                        pieces.add(name, start, end)
                    node = node.following.get(norms[end]) if end <= last and node.following else None
                    end += 1

    def _phrases_opening(self, first: int, second: int) -> _Phrases | None:
        """The longer pieces that open with these two words, merged on their next words:
        built the first time a document holds the two."""
        pair = (first, second)
        phrases = self._phrases.get(pair, False)
        if phrases is False:
            listed = self._longer.get(pair)
            phrases = self._phrases[pair] = _Phrases.of(listed) if listed else None
        return phrases


class _Phrases:
    """Longer pieces that open with the same two words, merged on the words after them: a
    common pair («de la», "in the") opens dozens, and a document's place of the pair is
    then walked once, word by word, instead of compared with each of them."""

    __slots__ = ("names", "following")

    def __init__(self) -> None:
        self.names: list[str] = []  # the pieces that end here
        self.following: dict[int, _Phrases] = {}  # the next word's NORM id -> the rest

    @classmethod
    def of(cls, phrases: list[tuple[str, tuple[int, ...]]]) -> _Phrases:
        root = cls()
        for name, words in phrases:
            node = root
            for norm in words[2:]:
                following = node.following.get(norm)
                if following is None:  # not setdefault, which made a node for every word of every phrase
                    following = node.following[norm] = cls()
                node = following
            node.names.append(name)
        return root


class _Fitting(NamedTuple):
    """The regular expressions that can match within words of one length."""

    apart: list[str]  # those the combined search (MatcherSet._together) leaves out, searched one by one
    order: dict[str, int]  # every one, and its place in _regexes

    @classmethod
    def of(cls, patterns: list[str], shape: Callable[[str], _Shape]) -> _Fitting:
        return cls([r for r in patterns if not shape(r).combinable], {r: place for place, r in enumerate(patterns)})

    def in_order(self, together: tuple[str, ...], apart: list[str]) -> tuple[str, ...]:
        """The expressions found by the combined search and one by one, in the order of _regexes."""
        return tuple(sorted((*together, *apart), key=self.order.__getitem__)) if apart else together


_ANYWHERE = r"[\s\S]*?"  # what may stand before an expression's match in a word


class _Combined:
    r"""Several `re` expressions searched in a word with one C-level match: each sits in a
    lookahead that may fail, «(?:(?=[\s\S]*?(?:r)())|)», so the match tries them all at the
    start of the word, each as a search would, and the empty group after an expression
    is set when it was found (one held at the start by "^" is tried there only). A new
    word then costs one call instead of one per expression; and as most words are found
    by the same few sets of expressions, each set is named once.

    Compiling it costs more than the rest of reading a snapshot back (`re` parses and
    compiles in Python), so the snapshot keeps what `re` compiles it into, its `saved`
    form, and a run that reads it back hands that to `_sre`, as `re` itself does last."""

    def __init__(self, patterns: list[tuple[str, bool]], saved: tuple | None = None):
        """`patterns`: each expression, and whether it is held at the start by "^"; `saved`:
        the search's saved form, when the snapshot held one."""
        marked = "".join(f"(?:(?={'' if at_start else _ANYWHERE}(?:{r})(?P<m{number}>))|)"
                         for number, (r, at_start) in enumerate(patterns))
        self.saved = saved or _compiled_form(marked)
        compiled = _from_saved(marked, self.saved)
        self._match = compiled.match
        self._patterns = [r for r, _ in patterns]
        marks = [compiled.groupindex[f"m{number}"] - 1 for number in range(len(patterns))]
        self._marked: Callable[[tuple], tuple] = itemgetter(*marks) if len(marks) > 1 else \
            lambda groups: tuple(groups[mark] for mark in marks)
        self._sets: dict[tuple, tuple[str, ...]] = {}  # the marks of a match -> the expressions found

    def found_in(self, text: str) -> tuple[str, ...]:
        """The expressions found in `text`, in their order."""
        marked = self._marked(self._match(text).groups())
        found = self._sets.get(marked)
        if found is None:
            found = self._sets[marked] = tuple(r for r, mark in zip(self._patterns, marked) if mark is not None)
        return found


class _Shape(NamedTuple):
    """What searching words needs to know of a regular expression, read from its parsed
    structure: parsing the patterns' hundreds of them cost more than a one-file run's
    searches, so the shapes are saved with the compiled patterns (for the Python that
    parsed them), and an expression is compiled alone only when a word is searched with it
    alone."""

    low: int  # the fewest and most characters a match takes ((0, unbounded) when `re` cannot read it)
    high: int
    held: bool  # held at both ends of the text: its first item is "^" and its last "$"
    combinable: bool  # it can join the combined search (see _combinable)
    at_start: bool  # (one that can) begins with "^": it can be found at the start only

    @classmethod
    def of(cls, pattern: str) -> _Shape:
        combinable = _combinable(pattern)
        return cls(*_widths(pattern), combinable, combinable and _held_at_start(pattern))

    def fits(self, length: int) -> bool:
        """Whether the pattern can be found in some text of `length` characters without a newline."""
        return self.low <= length and (not self.held or length <= self.high)


def _compiled_form(expression: str) -> tuple:
    """What `re` compiles an expression into, as plain data: its code, flags and groups, the
    arguments re._compiler.compile hands to `_sre.compile`."""
    parsed = sre_parser.parse(expression)
    groups = parsed.state.groupdict
    names = [None] * parsed.state.groups
    for name, number in groups.items():
        names[number] = name
    code = list(map(int, sre_compiler._code(parsed, 0)))  # its opcodes are int subclasses, which marshal refuses
    return code, parsed.state.flags, parsed.state.groups - 1, dict(groups), tuple(names)


def _from_saved(expression: str, saved: tuple) -> re.Pattern:
    """The pattern `re.compile(expression)` makes, from its compiled form, made by this
    Python (a snapshot's name holds its version); compiled afresh when `_sre` refuses it."""
    code, flags, groups, group_numbers, group_names = saved
    try:
        return _sre.compile(expression, flags, code, groups, group_numbers, group_names)
    except (TypeError, ValueError, RuntimeError):
        return re.compile(expression)


class _Word(NamedTuple):
    """What one word of the run holds, worked out the first time it is seen."""

    regexes: frozenset[str]  # the regular expression pieces found in it (asked of each word of a document)
    required: int  # the bits of the required pieces it holds (see _Requirements)
    anchors: tuple[str, ...]  # the pieces it holds that patterns are listed under


class _Requirements:
    """Every piece some pattern requires, as one bit of an integer, and under each anchor
    piece its patterns with the bits they require: the pieces of a document are then an
    integer, and a pattern is a candidate when all its bits are set in it. The pieces most
    words hold (regular expressions, then slots of function words) get the low bits, so
    the integers of most words stay small."""

    def __init__(self, by_required: dict[str, list[Chain]], commonness: Callable[[str], tuple[int, str]],
                 either: dict[str, tuple[str, ...]]):
        self.either: dict[str, list[str]] = {}  # regular expression piece -> the pieces a word holding it also holds
        for name, regexes in either.items():
            for piece in regexes:
                self.either.setdefault(piece, []).append(name)
        names = {name for chains in by_required.values() for chain in chains for name in chain.required}
        ordered = sorted(names, key=lambda name: (not name.startswith("/"), -commonness(name)[0], name))
        self.bits = {name: 1 << number for number, name in enumerate(ordered)}
        self.every = (1 << len(ordered)) - 1  # the bits of all of them
        self.listed = {name: tuple((chain, sum(self.bits[n] for n in chain.required)) for chain in chains)
                       for name, chains in by_required.items()}
        self._by_regexes: dict[tuple[str, ...], _Word] = {}  # see of_regexes

    def of_regexes(self, found: tuple[str, ...]) -> _Word:
        """The pieces, bits and anchors a word holds by the regular expressions found in it:
        worked out once per set of expressions (most words share a few sets)."""
        word = self._by_regexes.get(found)
        if word is None:
            pieces = tuple(regex_piece(r) for r in found)
            either = (name for piece in pieces for name in self.either.get(piece, ()))
            word = self._by_regexes[found] = _Word(frozenset(pieces), *self.of((*pieces, *either)))
        return word

    def of(self, names: Collection[str]) -> tuple[int, tuple[str, ...]]:
        """The bits of the required pieces among `names`, and those patterns are listed under."""
        bits, listed = self.bits, self.listed
        required = 0
        for name in names:
            required |= bits.get(name, 0)
        return required, tuple(name for name in names if name in listed)


class Matches:
    """The matches of one document. A key's patterns are followed only when a check
    first asks for it: most anti-patterns and conditions matter only where their
    rule's own pattern matched, which is rare."""

    def __init__(self, walker: _Walker, candidates: dict[str, list[Chain]], whole: dict[str, list[str]]):
        self._walker = walker
        self._candidates = candidates  # key -> its patterns whose required pieces are all present
        self._whole = whole
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._near: dict[tuple[str, int, int], list[tuple[int, int]]] = {}  # (key, first token, end) -> spans
        self._possible = candidates.keys() | whole.keys() if whole else candidates.keys()  # keys that may match

    def any(self, keys: frozenset[str]) -> bool:
        """Whether one of the keys matched (only keys with patterns that may match are followed)."""
        return not keys.isdisjoint(self._possible) and any(self.spans(key) for key in self._possible & keys)

    def spans(self, key: str) -> list[tuple[int, int]]:
        """(start, end) token offsets of the longest match of each of the key's patterns at each start."""
        if key not in self._found:
            self._found[key] = self._follow(key, 0, len(self._walker.norms))
        return self._found[key]

    def spans_within(self, key: str, low: int, high: int) -> list[tuple[int, int]]:
        """The key's spans that start at tokens [low, high). A check that reads only a
        match's neighbourhood asks this instead of `spans`: a pattern that begins with a
        common word ("in", "by") could otherwise be followed from thousands of places
        on a long page."""
        if key in self._found:
            return [span for span in self._found[key] if low <= span[0] < high]
        if (key, low, high) not in self._near:
            self._near[(key, low, high)] = self._follow(key, low, high)
        return self._near[(key, low, high)]

    def _follow(self, key: str, low: int, high: int) -> list[tuple[int, int]]:
        """The key's longest match at each start in [low, high)."""
        walker = self._walker
        found = [(start, max(stops)) for name in self._whole.get(key, ())
                 for start, stops in walker.ends.get(name).items() if low <= start < high]
        for chain in self._candidates.get(key, ()):
            for start in walker.starts(chain):
                stops = walker.follow(chain.steps, start) \
                    if low <= start < high and walker.all_within(chain.required, start) else None
                if stops:
                    found.append((start, max(stops)))
        return found


class _Pieces:
    """Slot name -> start -> ends of the literal pieces found in one document, and
    the NORM ids each regular expression was found in."""

    def __init__(self, by_norm: dict[int, array[int]], single_norms: dict[str, set[int]],
                 found_in: dict[int, _Word], either: dict[str, tuple[str, ...]]):
        self.by_norm = by_norm
        self.required = 0  # the bits of the required pieces found (see _Requirements)
        self.anchors: set[str] = set()  # the pieces found that patterns are listed under
        self._found_in = found_in
        self._regex_norms: dict[str, set[int]] = {}
        self._single_norms = single_norms
        self._either = either
        self._longer: dict[str, dict[int, list[int]]] = {}
        self._ends: dict[str, dict[int, list[int]]] = {}
        self._places: dict[str, list[int]] = {}

    def add(self, name: str, start: int, end: int) -> None:
        self._longer.setdefault(name, {}).setdefault(start, []).append(end)

    def longer_names(self) -> Collection[str]:
        """The pieces of several words found in the document."""
        return self._longer.keys()

    def regex_norms(self, name: str) -> set[int]:
        """The NORM ids of the document a regular expression piece (`/…/`) was found in."""
        if name not in self._regex_norms:
            self._regex_norms[name] = {norm for norm in self.by_norm if name in self._found_in[norm].regexes}
        return self._regex_norms[name]

    def get(self, name: str) -> dict[int, list[int]]:
        if name not in self._ends:
            by_norm = self.by_norm
            ends = {position: [position + 1] for norm in self._one_word_norms(name) for position in by_norm[norm]}
            for start, stops in self._longer.get(name, {}).items():
                ends.setdefault(start, []).extend(stops)
            self._ends[name] = ends
        return self._ends[name]

    def places(self, name: str) -> list[int]:
        """Where the piece begins, in order: the keys of `get`, without making its lists of
        ends (most pieces asked so are only required, never followed)."""
        found = self._places.get(name)
        if found is None:
            norms, longer, by_norm = self._one_word_norms(name), self._longer.get(name), self.by_norm
            if len(norms) == 1 and not longer:
                found = list(by_norm[next(iter(norms))])  # a word's places are listed in order
            else:
                starts = {position for norm in norms for position in by_norm[norm]}
                starts.update(longer or ())
                found = sorted(starts)
            self._places[name] = found
        return found

    def _one_word_norms(self, name: str) -> Collection[int]:
        """The NORM ids of the document that are the piece as one word: its one-word
        phrases, and the words its regular expressions (see PatternIndex._either) are found in."""
        words, by_norm = self._single_norms.get(name), self.by_norm
        norms = (words & by_norm.keys() if len(words) < len(by_norm) else by_norm.keys() & words) if words else set()
        for expression in self._either.get(name, ()):
            norms |= self.regex_norms(expression)
        return norms


class _Walker:
    """Follows compiled patterns through one document, inside sentences."""

    def __init__(self, table: Tokens, ends: _Pieces, matchers: MatcherSet):
        self.table = table
        self.strings = matchers.nlp.vocab.strings
        self.ends = ends
        self.norms = table.norm  # NORM ids
        self.flagged: dict[str, set[int]] = {}
        self._starts: dict[str, list[int]] = {}  # piece name -> where it begins, in order
        self.by_norm = ends.by_norm
        self.sentence_starts = array("q", (i for i in table.sentence_starts if i))
        self.sentence_starts.append(len(self.norms))

    def limit(self, position: int) -> int:
        """The end of the sentence holding `position`: matches never cross it."""
        return self.sentence_starts[bisect.bisect_right(self.sentence_starts, position)] \
            if position < self.sentence_starts[-1] else len(self.norms)

    def starts(self, chain: Chain) -> Iterable[int]:
        """Positions where the pattern may begin (follow() decides): counted back from
        the places of its least frequent anchor, else where its first piece can stand."""
        if not chain.anchors:
            return self._first_starts(chain.steps)
        name, offsets = min(chain.anchors, key=lambda anchor: len(self._piece_starts(anchor[0])) * len(anchor[1]))
        places = self._piece_starts(name)
        if offsets == (0,):
            return places
        return {place - offset for place in places for offset in offsets if place >= offset}

    def all_within(self, names: Collection[str], start: int) -> bool:
        """Whether each of the pieces stands between `start` and the end of its sentence. A
        match takes every piece its pattern requires there, so a pattern is not followed
        from a place without one: most tries from a common word lack a rarer word in the
        same sentence."""
        if start >= len(self.norms):
            return False
        limit = self.limit(start)
        for name in names:
            places = self._piece_starts(name)
            at = bisect.bisect_left(places, start)
            if at == len(places) or places[at] >= limit:
                return False
        return True

    def _piece_starts(self, name: str) -> list[int]:
        """Where the piece begins, in order."""
        if name not in self._starts:
            self._starts[name] = self.ends.places(name) if not name.startswith("/") else \
                sorted(i for norm in self.ends.regex_norms(name) for i in self.by_norm[norm])
        return self._starts[name]

    def _first_starts(self, steps: tuple[Step, ...]) -> set[int]:
        """Where the first required step can stand, after any optional ones."""
        found: set[int] = set()
        for step in steps:
            if step.phrases is not None:
                found.update(self.ends.get(step.phrases))
            if step.options:
                heads = step.heads
                if heads.anywhere:
                    return set(range(len(self.norms)))  # may begin with anything or nothing: anywhere
                strings = self.strings
                found.update(i for norm, places in self.by_norm.items() if strings[norm] in heads.words
                             for i in places)
                for atom in heads.atoms:
                    found.update(self._positions(atom))
            if not step.optional:
                return found
        return found

    def _positions(self, atom: Wild) -> Iterable[int]:
        """Where one token matching a regex, flag or gap stands."""
        if atom.flag:
            return self._flagged(atom.flag)
        if atom.regex is None:
            return range(len(self.norms))
        return self._piece_starts(regex_piece(atom.regex))

    def _flagged(self, flag: str) -> set[int]:
        if flag not in self.flagged:
            self.flagged[flag] = self._sentence_words() if flag == SENTENCE_START else \
                {i for i, value in enumerate(self.table.column(FLAGS[flag])) if value}
        return self.flagged[flag]

    def _sentence_words(self) -> set[int]:
        """Where "^" holds: a sentence's start, and its first word after an opening «¡» («¡Lo arruinaste!»
        opens with «Lo» as «Lo arruinaste.» does). Not after «¿»: a question is not the statement a
        pattern held at the start describes («¿Puede enviarnos el recibo?» offers nothing)."""
        starts, texts = set(self.table.sentence_starts), self.table.texts
        return starts | {i + 1 for i in starts if i + 1 < len(texts) and texts[i] == EXCLAMATION_OPENER}

    def _regex_hits(self, pattern: str) -> set[int]:
        return self.ends.regex_norms(regex_piece(pattern))

    def follow(self, steps: tuple[Step, ...], start: int) -> set[int]:
        if start >= len(self.norms):
            return set()
        limit = self.limit(start)
        frontier = {start}
        for step in steps:
            reached = set(frontier) if step.optional else set()
            if step.phrases is not None:
                pieces = self.ends.get(step.phrases)
                for position in frontier:
                    reached.update(e for e in pieces.get(position, ()) if e <= limit)
            if step.options:
                reached |= self._options_ends(step, frontier, limit)
            frontier = reached
            if not frontier:
                break
        return {end for end in frontier if end > start}

    def _options_ends(self, step: Step, frontier: set[int], limit: int) -> set[int]:
        """Where the step's token-by-token options end from `frontier`."""
        return self._tree_ends(step.tree, frontier, limit)

    def _tree_ends(self, node: OptionTree, frontier: set[int], limit: int) -> set[int]:
        """Where the options below `node` end, from positions reached by their shared
        beginning. Followed over sets of positions, atom by atom, so consecutive gaps
        cost polynomial, not exponential, time."""
        reached = set(frontier) if node.ends else set()
        by_word, other_atoms = node.next_nodes
        if by_word:
            after: dict[OptionTree, set[int]] = {}
            strings, norms = self.strings, self.norms
            for position in frontier:
                if position < limit:
                    for child in by_word.get(strings[norms[position]], ()):
                        after.setdefault(child, set()).add(position + 1)
            for child, positions in after.items():
                reached |= self._tree_ends(child, positions, limit)
        for atom, child in other_atoms:
            if positions := self._atom_ends(atom, frontier, limit):
                reached |= self._tree_ends(child, positions, limit)
        return reached

    def _atom_ends(self, atom: Wild, frontier: set[int], limit: int) -> set[int]:
        """Where one wildcard, word set, regex or flag atom (taking low..high tokens) ends."""
        if is_gap(atom):
            return _gap_ends(frontier, atom.low, atom.high, limit)
        if atom.high == 0:  # `^`: a test of the place itself
            return {start for start in frontier if self._fits(atom, start)}
        reached: set[int] = set()
        high = atom.high
        for start in frontier:
            for count in range(high + 1):
                if count >= atom.low:
                    reached.add(start + count)
                if count == high or start + count >= limit or not self._fits(atom, start + count):
                    break  # the token after the last one the atom may take is not tested
        return reached

    def _fits(self, atom: Wild, position: int) -> bool:
        if atom.flag:
            return position in self._flagged(atom.flag)
        if atom.words is not None:
            return self.strings[self.norms[position]] in atom.words and (
                atom.written is None or _composed(self.table.texts[position].lower()) == atom.written)
        return atom.regex is None or self.norms[position] in self._regex_hits(atom.regex)


def _gap_ends(frontier: set[int], low: int, high: int, limit: int) -> set[int]:
    """Where a gap of low..high words can end from any of `frontier`, not past `limit`.

    Each start reaches one run of positions; swept in order, every position is added
    once, so stacked gaps cost the positions they reach, not starts times widths."""
    reached: set[int] = set()
    covered = -1  # the last position added
    for start in sorted(frontier):
        first, last = max(start + low, covered + 1), min(start + high, limit)
        if first <= last:
            reached.update(range(first, last + 1))
            covered = last
    return reached


@lru_cache(maxsize=4096)
def _composed(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=None)
def _regex(pattern: str, flags: int = 0) -> regex.Pattern:
    return regex.compile(pattern, flags)


@lru_cache(maxsize=None)
def _plain(pattern: str, flags: int = 0) -> re.Pattern | None:
    """The expression compiled by `re` when it has no repetition inside a repetition (the
    shape of catastrophic backtracking: «(a|aa)+», «(\\w+\\s?)*»); None when it has, or
    uses syntax only `regex` reads (such as \\p{L})."""
    if int(flags) & ~re.IGNORECASE:  # other flags mean different things to the two modules
        return None
    try:
        parsed = _parsed(pattern, int(flags))
        return None if _nested_repetition(parsed, inside=False) else re.compile(pattern, int(flags))
    except (re.error, ValueError, OverflowError, RecursionError):
        return None


@lru_cache(maxsize=None)
def _parsed(pattern: str, flags: int = 0) -> sre_parser.SubPattern:
    """A pattern's structure as `re` reads it, parsed once for the several questions asked
    of it when a pack's expressions are combined (read only: callers never change it)."""
    return sre_parser.parse(pattern, flags)


@lru_cache(maxsize=None)
def _widths(pattern: str) -> tuple[int, int, bool]:
    """The fewest and most characters a match takes, and whether the pattern is held at both
    ends of the text (its first item is "^" and its last "$"); (0, unbounded, False) when
    `re` cannot read it."""
    try:
        parsed = _parsed(pattern)
    except (re.error, ValueError, OverflowError, RecursionError):
        return 0, sre_constants.MAXREPEAT, False
    low, high = parsed.getwidth()
    items = list(parsed)
    held = (len(items) >= 2 and items[0] == (sre_constants.AT, sre_constants.AT_BEGINNING)
            and items[-1] == (sre_constants.AT, sre_constants.AT_END))
    return low, high, held


@lru_cache(maxsize=None)
def _combinable(pattern: str) -> bool:
    """Whether an expression can join a _Combined search: `re` reads it, without nested
    repetition (see _plain), and it has no group names, back references or global
    flags (which mean something else, or nothing, in a larger expression)."""
    plain = _plain(pattern)
    if plain is None or plain.groupindex or plain.flags & ~re.UNICODE:
        return False
    return not _refers_back(_parsed(pattern))


def _held_at_start(pattern: str) -> bool:
    """Whether a pattern (without flags) begins with "^": it can be found at the start only."""
    items = list(_parsed(pattern))
    return bool(items) and items[0] == (sre_constants.AT, sre_constants.AT_BEGINNING)


def _refers_back(parsed) -> bool:
    """Whether a parsed expression (or any part of it) refers to one of its groups by number."""
    if isinstance(parsed, tuple) and parsed and any(parsed[0] is op for op in _GROUP_REFERENCES):
        return True
    return isinstance(parsed, (list, tuple, sre_parser.SubPattern)) and any(_refers_back(part) for part in parsed)


_GROUP_REFERENCES = (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS)

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _nested_repetition(items, inside: bool) -> bool:
    """Whether a parsed expression repeats something that itself repeats or branches
    (a conditional's two ways count as branches)."""
    for op, value in items:
        if op in _REPEATS:
            _, high, body = value
            if inside or _nested_repetition(body, inside=high > 1):
                return True
        elif op in (sre_constants.BRANCH, sre_constants.GROUPREF_EXISTS):
            ways = value[1] if op is sre_constants.BRANCH else [way for way in value[1:] if way]
            if inside or any(_nested_repetition(way, inside) for way in ways):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _nested_repetition(value[-1], inside):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _nested_repetition(value[1], inside):
                return True
        elif op is sre_constants.ATOMIC_GROUP:
            if _nested_repetition(value, inside):
                return True
    return False
