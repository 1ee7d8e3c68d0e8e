"""The compact pattern language of rule packs, matched on spaCy's tokens.

A pattern is a line of words matched on NORM (lower case, accents folded):

    no se|te enoje|enojes|altere     alternatives for one token
    (de nuevo|otra vez)?             a group of alternatives; `?` makes it optional
    $calm_verbs                      a word list declared under `lists:`
    [calmar]                         every form of a word (svclint.lexicon): calma, cálmese, calmate…
    _  /  _{0,3}  /  ...             any one token / a gap of 0-3 (at most 50) / a gap of 0-4
    tranquili*                       a token that starts with "tranquili"
    /^calm(ed|ing)?$/                a token whose NORM matches a regular expression
    <placeholder> <url>              a masked template placeholder / URL
    <title> <upper> <number>         a capitalised / all-capitals / number-like token

Each slot's literal alternatives go to one index keyed by their first NORM,
whatever their number; wildcards, gaps, prefixes and regular expressions are checked token by
token, only where the rest of the pattern already matches.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import re
import time
import unicodedata
from array import array
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex
from spacy.language import Language
from spacy.attrs import IS_TITLE, IS_UPPER, LIKE_NUM

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK
from svclint.lexicon import TERM
from svclint.nlp import Tokens, fold

FLAGS = {"IS_TITLE": IS_TITLE, "IS_UPPER": IS_UPPER, "LIKE_NUM": LIKE_NUM}
TOKEN_CLASSES = {
    "<placeholder>": PLACEHOLDER_MARK,
    "<url>": URL_MARK,
    "<title>": "IS_TITLE",
    "<upper>": "IS_UPPER",
    "<number>": "LIKE_NUM",
}
_TOKEN = re.compile(r"\(|\)\??|\||/[^/\s]+/\??|_\{\d+,\d+\}|\.\.\.|<\w+>\??|[^\s()|]+")


MAX_GAP = 50  # words a gap may skip: longer ones cost time on long sentences and match nothing useful
# Words all the gaps of a pack's pattern may skip together: a match is followed over
# sets of the positions its gaps reach, so this bounds the work from each start.
MAX_PATTERN_GAP = 2 * MAX_GAP
# Seconds, in multiples of regex-time-limit, one regular expression may take over a whole
# run: a sound one takes microseconds per word, so only one that is slow on every word
# (each try just under the limit) gets there, and it is switched off like one that timed out.
# The budget counts the CPU time of the searching thread: a busy machine does not spend it.
RUN_BUDGET = 40


class PatternError(ValueError):
    """A pattern that cannot be parsed; the message says where."""


@dataclass(frozen=True)
class _Context:
    lists: dict[str, list[str]]  # word lists by name, and the forms of each term by "[lemma]"
    split: "Splitter"
    pattern: str
    within: tuple[str, ...] = ()  # the word lists being expanded, outermost first
    # Word lists already spelled out, by the id of their `lists` mapping and name: a class
    # is used by many patterns, and spelling out its terms and sub-lists costs time.
    memo: dict | None = None


@dataclass(frozen=True, order=True)
class Word:
    norm: str


@dataclass(frozen=True)
class Wild:
    """Any token, a prefix, a regular expression on NORM, a token flag, or one of a set of
    words; min/max repeat."""

    regex: str | None = None
    low: int = 1
    high: int = 1
    flag: str | None = None  # a spaCy boolean attribute such as IS_TITLE
    words: frozenset[str] | None = None  # NORMs the token may have: a term or word alternatives in a list entry


Atom = Word | Wild
Sequence = tuple[Atom, ...]


@dataclass(frozen=True)
class Slot:
    options: tuple[Sequence, ...]
    optional: bool = False


Splitter = Callable[[str], "tuple[str, ...]"]


def parse(pattern: str, lists: dict[str, list[str]], split: Splitter, memo: dict | None = None) -> list[Slot]:
    """Parse a pattern; `split` gives the NORMs the tokenizer makes of one written word;
    `memo` keeps the word lists spelled out, for the next patterns split the same way."""
    tokens = _TOKEN.findall(pattern)
    context = _Context(lists, split, pattern, memo=memo)
    try:
        slots, rest = _parse_sequence(tokens, 0, context)
    except RecursionError:
        raise PatternError(f"groups nested too deeply in pattern {pattern[:60]!r}…") from None
    if rest != len(tokens):
        raise PatternError(f"unbalanced ')' in pattern {pattern!r}")
    if not slots:
        raise PatternError(f"empty pattern {pattern!r}")
    return slots


def pattern_problem(pattern: str, lists: dict[str, list[str]], literal: bool = False) -> str | None:
    """What makes a pack's pattern unusable, found when the pack is loaded; None if nothing.

    A pattern must parse and must require a word: one made of gaps and optional parts
    could match anywhere (every position is a start, and stacked gaps multiply the
    places each start reaches), so it means nothing and costs time. For the same reason
    its gaps together may skip at most MAX_PATTERN_GAP words. With `literal` (a `replace` key
    whose fix is applied) it must spell out every word it rewrites."""
    try:
        slots = parse(pattern, lists, _as_written, _CHECKED_LISTS)
    except PatternError as error:
        return str(error)
    if literal and (TERM.search(pattern) or any(not _is_written(atom) for slot in slots
                                                for option in slot.options for atom in option)):
        return (f"{pattern!r} must spell out the words its fix rewrites (no /regex/, _, _{{m,n}}, ..., "
                "prefix*, <class> or [term]); give {advice: …} instead, or use 'match'")
    if not any(_requires_word(slot) for slot in slots):
        return f"{pattern!r} requires no word (only gaps or optional parts), so it would match anywhere"
    if _gap_span(slots) > MAX_PATTERN_GAP:
        return f"the gaps of {pattern!r} together may skip over {MAX_PATTERN_GAP} words; split it into several patterns"
    return None


_CHECKED_LISTS: dict = {}  # the memo of _Context for the patterns packs validate


def _as_written(word: str) -> tuple[str, ...]:
    """A splitter for checking a pattern's shape, where the tokenizer's exact NORMs do not matter."""
    return (fold(word),)


def _is_written(atom: Atom) -> bool:
    """A word spelled out in the pattern (not a wildcard, and not a masked placeholder or URL)."""
    return isinstance(atom, Word) and atom.norm not in (PLACEHOLDER_MARK, URL_MARK)


def _is_gap(atom: Atom) -> bool:
    return isinstance(atom, Wild) and atom.regex is None and atom.flag is None and atom.words is None


def _requires_word(slot: Slot) -> bool:
    """Whether every way through the slot takes a token of some definite shape."""
    return not slot.optional and all(any(not _is_gap(atom) and (isinstance(atom, Word) or atom.low >= 1)
                                         for atom in option) for option in slot.options)


def _gap_span(slots: list[Slot]) -> int:
    """The most words the pattern's gaps (`_`, `_{m,n}`, `...`) can skip together."""
    return sum(max((sum(a.high for a in option if _is_gap(a)) for option in slot.options), default=0)
               for slot in slots)


def _parse_sequence(tokens: list[str], i: int, context: _Context, in_group: bool = False) -> tuple[list[Slot], int]:
    """Slots up to `)` or `|`. Outside groups `a|b` joins single words; inside a
    group `|` separates whole alternatives, as in `(it is|it's)`."""
    slots: list[Slot] = []
    while i < len(tokens) and not tokens[i].startswith(")") and tokens[i] != "|":
        token = tokens[i]
        if token == "(":
            options, i = _parse_group(tokens, i + 1, context)
            optional = tokens[i] == ")?"
            slots.append(Slot(tuple(options), optional))
            i += 1
            continue
        optional = token.endswith("?") and len(token) > 1
        word = token[:-1] if optional else token
        words = [word]
        while not in_group and i + 2 < len(tokens) and tokens[i + 1] == "|" and tokens[i + 2] not in "()|":
            i += 2
            nxt = tokens[i]
            optional = optional or (nxt.endswith("?") and len(nxt) > 1)
            words.append(nxt.rstrip("?") if len(nxt) > 1 else nxt)
        slots.append(Slot(tuple(opt for w in words for opt in _atoms(w, context)), optional))
        i += 1
    return slots, i


def _parse_group(tokens: list[str], i: int, context: _Context) -> tuple[list[Sequence], int]:
    options: list[Sequence] = []
    while True:
        slots, i = _parse_sequence(tokens, i, context, in_group=True)
        options.extend(_expand_slots(slots, context))
        if i >= len(tokens):
            raise PatternError(f"missing ')' in pattern {context.pattern!r}")
        if tokens[i] == "|":
            i += 1
            continue
        return options, i


def _atoms(word: str, context: _Context) -> list[Sequence]:
    pattern = context.pattern
    if word.startswith("$"):
        return _list_entries(word[1:], context)
    if TERM.fullmatch(word):
        if word not in context.lists:
            raise PatternError(f"the term {word} in pattern {pattern!r} has no forms (terms are expanded when packs load)")
        return [(Word(norm),) for norm in context.lists[word]]
    if word in TOKEN_CLASSES:
        value = TOKEN_CLASSES[word]
        return [(Word(value),)] if value in (PLACEHOLDER_MARK, URL_MARK) else [(Wild(flag=value),)]
    if word == "_":
        return [(Wild(),)]
    if word == "...":
        return [(Wild(low=0, high=4),)]
    gap = re.fullmatch(r"_\{(\d+),(\d+)\}", word)
    if gap:
        low, high = int(gap.group(1)), int(gap.group(2))
        if not low <= high <= MAX_GAP:
            raise PatternError(f"gap {word} in pattern {pattern!r} must be _{{low,high}} with low <= high <= {MAX_GAP}")
        return [(Wild(low=low, high=high),)]
    if len(word) > 2 and word.startswith("/") and word.endswith("/"):
        # Words are matched in composed form (NFC): so is a regex pasted with a separate accent.
        source = unicodedata.normalize("NFC", word[1:-1])
        try:
            regex.compile(source)
        except (regex.error, RecursionError) as error:
            raise PatternError(f"bad regular expression {word} in pattern {pattern!r}: {error}") from None
        return [(Wild(regex=source),)]
    if word.endswith("*") and len(word) > 1:
        return [(Wild(regex="^" + re.escape(fold(word[:-1]))),)]
    return [_words(word, context)]


# A word-list entry written in pattern syntax: a list, alternatives, or a group (a
# "(" that opens a word; "sir(s)" is a plain entry).
_PATTERN_ENTRY = re.compile(r"\$|\||(?:^|\s)\(")


def _list_entries(name: str, context: _Context) -> list[Sequence]:
    """The phrases of a word list. An entry may be written in pattern syntax and use
    other lists and terms ("tiene que $contact", "[llamar] a", "calm|settle down"), so
    classes build on classes; a list reached again through its own entries would
    never end, and is an error."""
    if name not in context.lists or name.startswith("["):
        raise PatternError(f"unknown word list ${name} in pattern {context.pattern!r}")
    if name in context.within:
        chain = " -> ".join(f"${n}" for n in (*context.within[context.within.index(name):], name))
        raise PatternError(f"word list ${name} refers to itself ({chain})")
    key = (id(context.lists), name)
    if context.memo is not None and key in context.memo and context.memo[key][0] is context.lists:
        return context.memo[key][1]
    inner = dataclasses.replace(context, within=(*context.within, name))
    phrases: list[Sequence] = []
    for entry in context.lists[name]:
        if _PATTERN_ENTRY.search(entry) or TERM.search(entry):
            slots, _ = _parse_sequence(_TOKEN.findall(entry), 0, inner)
            phrases.extend(_expand_slots(_compact(slots), inner, entry))
        else:
            phrases.append(_words(entry, context))
    if context.memo is not None:
        context.memo[key] = (context.lists, phrases)  # the mapping is kept, so its id stays its own
    return phrases


# Phrases a list entry may spell out before its one-word slots become word sets: spelled
# out, a phrase is found through the index by its first two words, which is quicker
# than following a word set from every place its first word stands.
SPELLED_OUT_PHRASES = 500


def _compact(slots: list[Slot]) -> list[Slot]:
    """An entry's slots, with its one-word slots as word sets when spelling it out would
    make more than SPELLED_OUT_PHRASES phrases."""
    count = math.prod(len(slot.options) + slot.optional for slot in slots)
    return slots if count <= SPELLED_OUT_PHRASES else [_as_word_set(slot) for slot in slots]


def _as_word_set(slot: Slot) -> Slot:
    """A slot of one-word alternatives (a term, «a|al|con») as one atom that accepts any of
    them: inside a list entry, spelling out every combination of its slots would multiply."""
    if len(slot.options) < 2 or not all(len(o) == 1 and isinstance(o[0], Word) for o in slot.options):
        return slot
    words = frozenset(o[0].norm for o in slot.options)
    return Slot(((Wild(low=0 if slot.optional else 1, words=words),),))


def _words(text: str, context: _Context) -> Sequence:
    return tuple(Word(norm) for part in text.split() for norm in context.split(part))


MAX_GROUP_ALTERNATIVES = 100_000
# Phrases one word-list entry may spell out: each is indexed when the matcher is built
# and kept in its cached snapshot, so a class made of products costs every start-up.
MAX_ENTRY_PHRASES = 20_000


def _expand_slots(slots: list[Slot], context: _Context, entry: str | None = None) -> list[Sequence]:
    """The whole alternatives a group's slots (or a word list's entry) spell out: a
    group is matched as a list of phrases."""
    choices = [list(s.options) + ([()] if s.optional else []) for s in slots]
    count = math.prod(len(c) for c in choices)
    if entry is not None and count > MAX_ENTRY_PHRASES:
        raise PatternError(f"the entry {entry!r} of word list ${context.within[-1]} spells out {count:,} phrases "
                           f"(the lists and terms inside one entry multiply); write the combination in the "
                           f"pattern itself, where slots are matched one after another")
    if count > MAX_GROUP_ALTERNATIVES:
        raise PatternError(f"a group in pattern {context.pattern[:60]!r} spells out over "
                           f"{MAX_GROUP_ALTERNATIVES:,} alternatives; split it into several patterns")
    return [tuple(a for seq in combo for a in seq) for combo in itertools.product(*choices)]


@dataclass(frozen=True)
class _Step:
    """One slot of a compiled pattern: literal alternatives found through the NORM
    index (`phrases` names them), or alternatives with wildcards checked token by token."""

    phrases: str | None
    options: tuple[Sequence, ...]
    optional: bool
    widths: tuple[int, ...]  # how many tokens the step can take, 0 when it can be skipped
    # For a step with `options`: the indexed piece of every word it can begin with (its
    # phrases' first words, its word sets' words), when each way through it begins with
    # one; it anchors the pattern as a literal slot would.
    first: str | None = None

    @cached_property
    def index(self) -> _OptionIndex:
        """The options by what their first token must be (see _OptionIndex); built when the
        step is first followed, so a run never pays for steps it does not reach."""
        by_word: dict[str, list[int]] = {}
        by_atom: dict[Wild, list[int]] = {}
        anywhere = []
        for number, option in enumerate(self.options):
            heads = _head_words(option)
            if heads is not None:
                for norm in heads:
                    by_word.setdefault(norm, []).append(number)
            elif option and isinstance(option[0], Wild) and option[0].low >= 1:
                by_atom.setdefault(option[0], []).append(number)
            else:
                anywhere.append(number)
        return _OptionIndex({norm: tuple(numbers) for norm, numbers in by_word.items()},
                            {atom: tuple(numbers) for atom, numbers in by_atom.items()}, tuple(anywhere))


@dataclass(frozen=True)
class _OptionIndex:
    """A step's token-by-token options (numbers into _Step.options) by what their first
    token must be. A class spelled out gives a step hundreds of options, and trying each
    at every position was most of the matcher's time: now each is tried only where its
    first token fits, and a regex or flag shared by many options is tested once."""

    by_word: dict[str, tuple[int, ...]]  # NORM -> options that can begin with it
    by_atom: dict[Wild, tuple[int, ...]]  # a regex, flag or gap taking the first token -> its options
    anywhere: tuple[int, ...]  # options whose first token can be anything, or that can take none


def _head_words(option: Sequence) -> set[str] | None:
    """The NORMs the first token a run of atoms takes can have, or None when that token
    can be anything (a gap, a regex, a flag) or the run can take none. Word sets that may
    be skipped («(a|al)?» inside a list entry) add their words and let the next atom's in."""
    words: set[str] = set()
    for atom in option:
        if isinstance(atom, Word):
            return words | {atom.norm}
        if atom.words is None:
            return None
        words |= atom.words
        if atom.low >= 1:
            return words
    return None


def _sequence_widths(options: Iterable[Sequence], optional: bool) -> tuple[int, ...]:
    widths = {0} if optional else set()
    for option in options:
        lengths = {0}
        for atom in option:
            span = range(atom.low, atom.high + 1) if isinstance(atom, Wild) else (1,)
            lengths = {total + n for total in lengths for n in span}
        widths |= lengths
    return tuple(sorted(widths))


class MatcherSet:
    """All patterns of one language, matched over a document's tokens.

    Every literal slot of every pattern is indexed by its first NORM, so one
    pass over the tokens finds all the pieces (and each regular expression is
    tried once per distinct word of the run). A pattern is a candidate only when
    every piece it requires is present, and it is followed slot by slot, from
    the places of its least frequent piece, only when a check asks for its key.
    A slot whose alternatives hold wildcards or word sets counts as the piece of
    the words they can begin with, and its alternatives are tried only where
    their first token fits (_OptionIndex). Alternatives are never multiplied out,
    so large word lists cost little at start-up, and a pattern costs time only
    where its words occur.

    spaCy's Matcher is not used: it tries every pattern from every token, wants
    each phrase a group or class can be as a pattern of its own (a class of
    classes would make thousands), matches every key although most keys matter
    only where their rule already matched, and cannot be stored compiled for the
    next run (read back, it adds every pattern again); snapshot() can.
    """

    def __init__(self, nlp: Language, regex_time_limit: float = 0.25):
        self.nlp = nlp
        self.regex_time_limit = regex_time_limit
        # Regular expressions that ran over the time limit on one word, or over their
        # budget for the run (listed in over_budget too), with the last word they were
        # tried on; they are switched off for the rest of the run and reported once.
        self.too_slow: dict[str, str] = {}
        self.over_budget: set[str] = set()
        self._spent: dict[str, float] = {}  # seconds each regular expression has taken in this run
        self.owners: dict[str, list[str]] = {}  # regular expression -> the keys whose patterns hold it
        # Literal pieces by their first NORM id: one-token pieces give slot names at
        # once; longer ones are looked up by their first two ids, then checked.
        self._singles: dict[int, list[str]] = {}
        self._single_norms: dict[str, set[int]] = {}  # slot name -> ids of its one-token pieces
        self._longer: dict[tuple[int, int], list[tuple[str, tuple[int, ...]]]] = {}
        self._longer_firsts: set[int] = set()
        self._slot_keys: dict[tuple, str] = {}
        # A pattern is tried only in documents where every piece it requires (a literal
        # slot, or a regular expression standing alone in a slot) was found; it is
        # listed under one of them. Patterns that require nothing are tried everywhere.
        self._by_required: dict[str, list[_Chain]] = {}
        self._unanchored: list[_Chain] = []
        self._whole: dict[str, list[str]] = {}  # key -> piece names of literal texts (configured names)
        self._ids: dict[str, int] = {}  # NORM string -> id, for words inside wildcard slots
        self._regexes: dict[str, None] = {}  # every regular expression of the patterns, in order
        self._found_in: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # NORM id -> _found_in_word()
        self.restored = False  # loaded from a snapshot: add() and add_phrase() are already in it
        self._lists_memo: dict = {}  # see _Context.memo

    def add(self, key: str, pattern: str, lists: dict[str, list[str]]) -> None:
        if self.restored:
            return
        chain = _chain(key, tuple(self._step(slot) for slot in parse(pattern, lists, self._split, self._lists_memo)))
        for step in chain.steps:
            for regex_text in {a.regex for option in step.options for a in option if isinstance(a, Wild) and a.regex}:
                self.own(regex_text, key)
        if chain.required:
            self._by_required.setdefault(min(chain.required, key=self._commonness), []).append(chain)
        else:
            self._unanchored.append(chain)

    def _commonness(self, name: str) -> tuple[int, str]:
        """How often a piece is likely to be in a document, to list a pattern under its
        rarest required piece: a slot is as common as the function words (the language's
        stop words) among its one-word alternatives; a regular expression counts as one."""
        if name.startswith("/"):
            return 1, name
        stop_words = self._stop_norms
        strings = self.nlp.vocab.strings
        return sum(strings[norm] in stop_words for norm in self._single_norms.get(name, ())), name

    @cached_property
    def _stop_norms(self) -> frozenset[str]:
        return frozenset(fold(word) for word in self.nlp.Defaults.stop_words)

    def add_phrase(self, key: str, text: str) -> None:
        """Match a literal text (a configured name), tokenized like the documents."""
        if self.restored:
            return
        norms = tuple(token.norm_ for token in self.nlp.make_doc(text))
        if norms:
            self._index_phrase(f"text:{key}:{text}", norms)
            self._whole.setdefault(key, []).append(f"text:{key}:{text}")

    def _index_phrase(self, name: str, norms: tuple[str, ...]) -> None:
        # the StringStore's ids (a few common words are spaCy symbols, not hashes)
        hashes = tuple(self.nlp.vocab.strings.add(norm) for norm in norms)
        if len(hashes) == 1:
            self._singles.setdefault(hashes[0], []).append(name)
            self._single_norms.setdefault(name, set()).add(hashes[0])
        else:
            self._longer.setdefault(hashes[:2], []).append((name, hashes))
            self._longer_firsts.add(hashes[0])

    def _step(self, slot: Slot) -> _Step:
        """A slot's literal alternatives go to the index under one name; the others (with
        wildcards or word sets) are kept to be followed token by token."""
        literal = [seq for seq in slot.options if all(isinstance(a, Word) for a in seq)]
        others = tuple(seq for seq in slot.options if not all(isinstance(a, Word) for a in seq))
        for atom in (a for seq in others for a in seq):
            if isinstance(atom, Word):
                self._ids[atom.norm] = self.nlp.vocab.strings.add(atom.norm)
            elif atom.regex is not None:
                self._regexes[atom.regex] = None
        content = tuple(sorted({seq for seq in literal if seq}))
        first = self._first_piece(slot.options) if others else None
        if not content:
            return _Step(None, slot.options, slot.optional, _sequence_widths(slot.options, slot.optional), first)
        name = self._slot_keys.get(content)
        if name is None:
            name = self._slot_keys[content] = f"slot:{len(self._slot_keys)}"
            for seq in content:
                self._index_phrase(name, tuple(a.norm for a in seq))
        optional = slot.optional or any(not seq for seq in slot.options)
        return _Step(name, others, optional, _sequence_widths((*content, *others), optional), first)

    def _first_piece(self, options: tuple[Sequence, ...]) -> str | None:
        """The piece of the words a slot's alternatives can begin with (see _Step.first),
        or None when one can begin with anything else (a gap, a regex, nothing)."""
        words: set[str] = set()
        for option in options:
            heads = _head_words(option)
            if heads is None:
                return None
            words |= heads
        key = ("first", frozenset(words))
        name = self._slot_keys.get(key)
        if name is None:
            name = self._slot_keys[key] = f"first:{len(self._slot_keys)}"
            for norm in words:
                self._index_phrase(name, (norm,))
        return name

    def snapshot(self) -> dict:
        """The compiled patterns as plain JSON data (compiling them costs more than
        reading them back, which matters to a one-file pre-commit run). Each NORM is
        written once, in `vocabulary`, and named elsewhere by its number there: the forms
        of terms recur in slots, phrases and word sets, and their ids are long hashes."""
        chains = [*self._unanchored, *(c for cs in self._by_required.values() for c in cs)]
        number = {id(chain): i for i, chain in enumerate(chains)}
        vocabulary: dict[str, int] = {}
        strings = self.nlp.vocab.strings

        def numbered(norms: Iterable[str]) -> list[int]:
            return [vocabulary.setdefault(norm, len(vocabulary)) for norm in norms]

        # Each word set and each step written once: a class recurs in many patterns.
        word_sets: dict[frozenset[str], int] = {}
        steps: dict[_Step, int] = {}
        keyed_steps = [[c.key, [steps.setdefault(s, len(steps)) for s in c.steps]] for c in chains]
        data = {
            "singles": {name: numbered(strings[norm] for norm in norms) for name, norms in self._single_norms.items()},
            "longer": [[name, numbered(strings[norm] for norm in phrase)]
                       for entries in self._longer.values() for name, phrase in entries],
            "steps": [[s.phrases, [[_atom_json(a, word_sets) for a in seq] for seq in s.options], s.optional,
                       s.widths, s.first] for s in steps],
            "chains": keyed_steps,
            "word_sets": [numbered(sorted(words)) for words in word_sets],
            "by_required": {name: [number[id(c)] for c in cs] for name, cs in self._by_required.items()},
            "unanchored": [number[id(c)] for c in self._unanchored],
            "whole": self._whole, "ids": numbered(self._ids), "regexes": list(self._regexes), "owners": self.owners,
        }
        return {"vocabulary": list(vocabulary), **data}

    def restore(self, data: dict) -> None:
        """Load a snapshot; a damaged one raises KeyError, TypeError, ValueError or IndexError."""
        words = [str(word) for word in data["vocabulary"]]
        add = self.nlp.vocab.strings.add
        ids = [add(word) for word in words]
        for name, members in data["singles"].items():
            norms = self._single_norms[str(name)] = {ids[i] for i in members}
            for norm in norms:
                self._singles.setdefault(norm, []).append(str(name))
        for name, members in data["longer"]:
            phrase = tuple(ids[i] for i in members)
            self._longer.setdefault(phrase[:2], []).append((str(name), phrase))
            self._longer_firsts.add(phrase[0])
        word_sets = [frozenset(words[i] for i in members) for members in data["word_sets"]]
        atoms: dict[tuple, Atom] = {}  # one object for each atom, however many options hold it
        steps = [_Step(phrases, tuple(tuple(_atom_from_json(a, word_sets, atoms) for a in seq) for seq in options),
                       bool(optional), tuple(map(int, widths)), first)
                 for phrases, options, optional, widths, first in data["steps"]]
        chains = [_chain(str(key), tuple(steps[i] for i in numbers)) for key, numbers in data["chains"]]
        self._by_required = {str(name): [chains[i] for i in numbers] for name, numbers in data["by_required"].items()}
        self._unanchored = [chains[i] for i in data["unanchored"]]
        self._whole = {str(key): [str(name) for name in names] for key, names in data["whole"].items()}
        self._ids = {words[i]: ids[i] for i in data["ids"]}
        self._regexes = dict.fromkeys(str(r) for r in data["regexes"])
        self.owners = {str(r): [str(key) for key in keys] for r, keys in data["owners"].items()}
        self.restored = True

    def own(self, pattern: str, key: str) -> None:
        """Note that `key`'s patterns (or a check's options) hold a regular expression, for reports that name it."""
        keys = self.owners.setdefault(pattern, [])
        if key not in keys:
            keys.append(key)

    @lru_cache(maxsize=None)
    def _split(self, word: str) -> tuple[str, ...]:
        """The NORMs the tokenizer gives a written word; a clitic alone ("'ve", "n't")
        is read as the tail of a word, as it would appear in text."""
        rules = self.nlp.tokenizer.rules
        if word.isalpha() and not {word, word.lower(), word.capitalize()} & rules.keys():
            return (fold(word),)  # a plain word is one token: skip the tokenizer
        if word[:1] in ("'", "’") or word.lower().startswith(("n't", "n’t")):
            host = "do" if word[:1] in "nN" else "we"
            return tuple(token.norm_ for token in self.nlp.tokenizer(host + word))[1:] or (fold(word),)
        return tuple(token.norm_ for token in self.nlp.tokenizer(word)) or (fold(word),)

    def search(self, pattern: str, text: str, flags: int = 0) -> bool:
        """Whether a pack's regular expression is found in `text`, within the time limit
        for one text and the run's budget for the expression (RUN_BUDGET limits), so
        that one that backtracks catastrophically cannot stall the run. Past either, it
        is switched off for the rest of the run and finds nothing."""
        if pattern in self.too_slow:
            return False
        began = time.thread_time()
        try:
            found = _regex(pattern, flags).search(text, timeout=self.regex_time_limit) is not None
        except TimeoutError:
            self.too_slow[pattern] = text
            return False
        spent = self._spent[pattern] = self._spent.get(pattern, 0.0) + time.thread_time() - began
        if spent > self.regex_time_limit * RUN_BUDGET:
            self.too_slow[pattern] = text
            self.over_budget.add(pattern)
        return found

    def __call__(self, table: Tokens) -> Matches:
        """The document's matches, found key by key as checks ask for them."""
        ends = self._pieces(table.norm, table.doc.vocab.strings)  # NORM ids: no Token objects on the hot path
        present = ends.present
        by_required = self._by_required
        candidates: dict[str, list[_Chain]] = {}
        for name in present & by_required.keys():
            for chain in by_required[name]:
                if chain.required <= present:
                    candidates.setdefault(chain.key, []).append(chain)
        for chain in self._unanchored:
            candidates.setdefault(chain.key, []).append(chain)
        return Matches(_Walker(table, ends, self), candidates, self._whole)

    def _found_in_word(self, norm: int, strings) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The one-token literal pieces a word is, and the regular expressions found in it."""
        text = strings[norm]
        return tuple(self._singles.get(norm, ())), tuple(_regex_piece(r) for r in self._regexes if self.search(r, text))

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
        pieces = _Pieces(by_norm, self._single_norms, found_in)
        present = pieces.present
        for norm in by_norm:
            found = found_in.get(norm)
            if found is None:
                found = found_in[norm] = self._found_in_word(norm, strings)
            present.update(found[0])
            present.update(found[1])
        longer, last = self._longer, len(norms) - 1
        for norm in by_norm.keys() & self._longer_firsts:
            for start in by_norm[norm]:
                for name, phrase in longer.get((norm, norms[start + 1]) if start < last else (), ()):
                    end = start + len(phrase)
                    if end - start == 2 or tuple(norms[start:end]) == phrase:
                        pieces.add(name, start, end)
        return pieces


class Matches:
    """The matches of one document. A key's patterns are followed only when a check
    first asks for it: most anti-patterns and conditions matter only where their
    rule's own pattern matched, which is rare."""

    def __init__(self, walker: _Walker, candidates: dict[str, list[_Chain]], whole: dict[str, list[str]]):
        self._walker = walker
        self._candidates = candidates  # key -> its patterns whose required pieces are all present
        self._whole = whole
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._possible = candidates.keys() | whole.keys() if whole else candidates.keys()  # keys that may match

    def any(self, keys: frozenset[str]) -> bool:
        """Whether one of the keys matched (only keys with patterns that may match are followed)."""
        return not keys.isdisjoint(self._possible) and any(self.spans(key) for key in self._possible & keys)

    def spans(self, key: str) -> list[tuple[int, int]]:
        """(start, end) token offsets of the longest match of each of the key's patterns at each start."""
        if key not in self._found:
            walker = self._walker
            found = [(start, max(stops)) for name in self._whole.get(key, ())
                     for start, stops in walker.ends.get(name).items()]
            for chain in self._candidates.get(key, ()):
                for start in walker.starts(chain):
                    stops = walker.follow(chain.steps, start)
                    if stops:
                        found.append((start, max(stops)))
            self._found[key] = found
        return self._found[key]


class _Pieces:
    """Slot name -> start -> ends of the literal pieces found in one document, and
    the NORM ids each regular expression was found in."""

    def __init__(self, by_norm: dict[int, array[int]], single_norms: dict[str, set[int]],
                 found_in: dict[int, tuple[tuple[str, ...], tuple[str, ...]]]):
        self.by_norm = by_norm
        self.present: set[str] = set()
        self._found_in = found_in
        self._regex_norms: dict[str, set[int]] = {}
        self._single_norms = single_norms
        self._longer: dict[str, dict[int, list[int]]] = {}
        self._ends: dict[str, dict[int, list[int]]] = {}

    def add(self, name: str, start: int, end: int) -> None:
        self.present.add(name)
        self._longer.setdefault(name, {}).setdefault(start, []).append(end)

    def regex_norms(self, name: str) -> set[int]:
        """The NORM ids of the document a regular expression piece (`/…/`) was found in."""
        if name not in self._regex_norms:
            self._regex_norms[name] = {norm for norm in self.by_norm if name in self._found_in[norm][1]} \
                if name in self.present else set()
        return self._regex_norms[name]

    def get(self, name: str) -> dict[int, list[int]]:
        if name not in self._ends:
            ends = {}
            if name in self.present:
                words = self._single_norms.get(name, set())
                by_norm = self.by_norm
                norms = words & by_norm.keys() if len(words) < len(by_norm) else by_norm.keys() & words
                ends = {position: [position + 1] for norm in norms for position in by_norm[norm]}
                for start, stops in self._longer.get(name, {}).items():
                    ends.setdefault(start, []).extend(stops)
            self._ends[name] = ends
        return self._ends[name]


@dataclass(frozen=True)
class _Chain:
    """A compiled pattern: its key, its steps, the pieces it cannot match without,
    and where it can be anchored: (required piece, tokens the pattern may take
    before it). A document is searched from whichever anchor is found least."""

    key: str
    steps: tuple[_Step, ...]
    required: frozenset[str]
    anchors: tuple[tuple[str, tuple[int, ...]], ...]


MAX_ANCHOR_OFFSETS = 64  # beyond this many possible lengths before a piece, it is no anchor


def _chain(key: str, steps: tuple[_Step, ...]) -> _Chain:
    required, anchors = set(), []
    offsets: set[int] | None = {0}  # how many tokens the steps so far may take
    for step in steps:
        name = None if step.optional else _required_piece(step)
        if name:
            required.add(name)
            if offsets is not None:
                anchors.append((name, tuple(sorted(offsets))))
        if offsets is not None:
            offsets = {total + width for total in offsets for width in step.widths}
            offsets = offsets if len(offsets) <= MAX_ANCHOR_OFFSETS else None
    return _Chain(key, steps, frozenset(required), tuple(anchors))


def _atom_json(atom: Atom, word_sets: dict[frozenset[str], int]) -> list:
    """An atom as JSON; a word set is written as its number in `word_sets`, which it joins."""
    if isinstance(atom, Word):
        return ["w", atom.norm]
    words = None if atom.words is None else word_sets.setdefault(atom.words, len(word_sets))
    return ["*", atom.regex, atom.low, atom.high, atom.flag, words]


def _atom_from_json(data: list, word_sets: list[frozenset[str]], made: dict[tuple, Atom]) -> Atom:
    """The atom `data` writes, taken from `made` when an equal one was already made."""
    key = tuple(data)
    atom = made.get(key)
    if atom is None:
        if data[0] == "w":
            atom = Word(str(data[1]))
        else:
            _, regex, low, high, flag, words = data
            atom = Wild(regex, int(low), int(high), flag, word_sets[int(words)] if words is not None else None)
        made[key] = atom
    return atom


def _regex_piece(pattern: str) -> str:
    return f"/{pattern}/"  # piece names: slot:N, text:…, /regex/ never collide


def _required_piece(step: _Step) -> str | None:
    """The piece a document must hold for this step to match: its literal slot, the
    words it can begin with, or the regular expression that is the step's only option."""
    if step.phrases is not None and not step.options:
        return step.phrases
    if step.first is not None:
        return step.first
    if len(step.options) == 1 and len(step.options[0]) == 1:
        atom = step.options[0][0]
        if isinstance(atom, Wild) and atom.regex is not None and atom.low >= 1:
            return _regex_piece(atom.regex)
    return None


class _Walker:
    """Follows compiled patterns through one document, inside sentences."""

    def __init__(self, table: Tokens, ends: _Pieces, matchers: MatcherSet):
        self.table = table
        self.ids = matchers._ids
        self.strings = matchers.nlp.vocab.strings
        self.ends = ends
        self.norms = table.norm  # NORM ids
        self.flagged: dict[str, set[int]] = {}
        self._starts: dict[str, Collection[int]] = {}  # piece name -> where it begins
        self.by_norm = ends.by_norm
        self.sentence_starts = array("q", (i for i in table.sentence_starts if i))
        self.sentence_starts.append(len(self.norms))

    def limit(self, position: int) -> int:
        """The end of the sentence holding `position`: matches never cross it."""
        return self.sentence_starts[bisect.bisect_right(self.sentence_starts, position)] \
            if position < self.sentence_starts[-1] else len(self.norms)

    def starts(self, chain: _Chain) -> Iterable[int]:
        """Positions where the pattern may begin (follow() decides): counted back from
        the places of its least frequent anchor, else where its first piece can stand."""
        if not chain.anchors:
            return self._first_starts(chain.steps)
        name, offsets = min(chain.anchors, key=lambda anchor: len(self._piece_starts(anchor[0])) * len(anchor[1]))
        places = self._piece_starts(name)
        if offsets == (0,):
            return places
        return {place - offset for place in places for offset in offsets if place >= offset}

    def _piece_starts(self, name: str) -> Collection[int]:
        if name not in self._starts:
            self._starts[name] = self.ends.get(name).keys() if not name.startswith("/") else \
                [i for norm in self.ends.regex_norms(name) for i in self.by_norm[norm]]
        return self._starts[name]

    def _first_starts(self, steps: tuple[_Step, ...]) -> set[int]:
        """Where the first required step can stand, after any optional ones."""
        found: set[int] = set()
        for step in steps:
            if step.phrases is not None:
                found.update(self.ends.get(step.phrases))
            if step.options:
                index = step.index
                if index.anywhere:
                    return set(range(len(self.norms)))  # may begin with anything or nothing: anywhere
                strings = self.strings
                found.update(i for norm, places in self.by_norm.items() if strings[norm] in index.by_word
                             for i in places)
                for atom in index.by_atom:
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
        return self._piece_starts(_regex_piece(atom.regex))

    def _flagged(self, flag: str) -> set[int]:
        if flag not in self.flagged:
            self.flagged[flag] = {i for i, value in enumerate(self.table.column(FLAGS[flag])) if value}
        return self.flagged[flag]

    def _regex_hits(self, pattern: str) -> set[int]:
        return self.ends.regex_norms(_regex_piece(pattern))

    def follow(self, steps: tuple[_Step, ...], start: int) -> set[int]:
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

    def _options_ends(self, step: _Step, frontier: set[int], limit: int) -> set[int]:
        """Where the step's token-by-token options end from `frontier`; each is tried only
        from the positions where its first token fits (see _OptionIndex)."""
        index = step.index
        inside = [position for position in frontier if position < limit]
        starts: dict[int, set[int]] = {number: frontier for number in index.anywhere}
        strings, norms = self.strings, self.norms
        for position in inside:
            for number in index.by_word.get(strings[norms[position]], ()):
                starts.setdefault(number, set()).add(position)
        for atom, numbers in index.by_atom.items():
            fitting = {position for position in inside if self._fits(atom, position)}
            for number in numbers if fitting else ():
                starts.setdefault(number, set()).update(fitting)
        reached: set[int] = set()
        for number, positions in starts.items():
            reached |= self._sequence(step.options[number], positions, limit)
        return reached

    def _sequence(self, atoms: Sequence, starts: set[int], limit: int) -> set[int]:
        """Where a run of atoms can end, starting at any of `starts`. Followed atom by atom
        over sets of positions, so consecutive gaps cost polynomial, not exponential, time."""
        frontier = starts
        for atom in atoms:
            if _is_gap(atom):
                frontier = _gap_ends(frontier, atom.low, atom.high, limit)
                if not frontier:
                    break
                continue
            reached: set[int] = set()
            for start in frontier:
                if isinstance(atom, Word):
                    if start < limit and self.norms[start] == self.ids[atom.norm]:
                        reached.add(start + 1)
                    continue
                for count in range(atom.high + 1):
                    if count >= atom.low:
                        reached.add(start + count)
                    if start + count >= limit or not self._fits(atom, start + count):
                        break
            frontier = reached
            if not frontier:
                break
        return frontier

    def _fits(self, atom: Wild, position: int) -> bool:
        if atom.flag:
            return position in self._flagged(atom.flag)
        if atom.words is not None:
            return self.strings[self.norms[position]] in atom.words
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


@lru_cache(maxsize=None)
def _regex(pattern: str, flags: int = 0) -> regex.Pattern:
    return regex.compile(pattern, flags)
