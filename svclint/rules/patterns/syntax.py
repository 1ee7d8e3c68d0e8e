"""The syntax of a pack's pattern, parsed into slots of word sequences.

A pattern is a line of words matched on NORM (lower case, accents folded):

    no se|te enoje|enojes|altere     alternatives for one token
    (de nuevo|otra vez)?             a group of alternatives; `?` makes it optional
    $calm_verbs                      a word list declared under `lists:`
    [calmar]                         every form of a word (svclint.rules.lexicon): calma, cálmese, calmate…
    _  /  _{0,3}  /  ...             any one token / a gap of 0-3 (at most 50) / a gap of 0-4
    tranquili*                       a token that starts with "tranquili"
    =pagó                            a token written so (any case), where folding would also
                                     take another word: «pagó», not the noun «pago»
    /^calm(ed|ing)?$/                a token whose NORM matches a regular expression (read
                                     without accents, as NORMs are: /ó$/ is /o$/)
    <placeholder> <url>              a masked template placeholder / URL
    <title> <upper> <number>         a capitalised / all-capitals / number-like token
    ^                                where a sentence starts (takes no token): «^ $org , le atiende»

A slot is one position of the pattern: its options are the word sequences that
may stand there. Groups are spelled out into their phrases; word lists too, but
a list entry that would spell out too many keeps its one-word slots as word sets.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import regex

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK
from svclint.rules.lexicon import TERM
from svclint.nlp import fold, without_accents

TOKEN_CLASSES = {
    "<placeholder>": PLACEHOLDER_MARK,
    "<url>": URL_MARK,
    "<title>": "IS_TITLE",
    "<upper>": "IS_UPPER",
    "<number>": "LIKE_NUM",
}
_TOKEN = re.compile(r"\(|\)\??|\||/[^/\s]+/\??|_\{\d+,\d+\}|\.\.\.|<\w+>\??|[^\s()|]+")

SENTENCE_START = "SENT_START"  # the flag of `^`: a test of a place, not of a token
MAX_GAP = 50  # words a gap may skip: longer ones cost time on long sentences and match nothing useful


class PatternError(ValueError):
    """A pattern that cannot be parsed; the message says where."""


@dataclass(frozen=True)
class _Context:
    lists: dict[str, list[str]]  # word lists by name, and the forms of each term by "[lemma]"
    split: Splitter
    pattern: str
    within: tuple[str, ...] = ()  # the word lists being expanded, outermost first
    # Word lists and terms already spelled out, by the id of their `lists` mapping and name
    # (see _remembered): a class is used by many patterns, and spelling out its terms and
    # sub-lists costs time.
    memo: dict | None = None


# Atoms are named tuples, not frozen dataclasses: slots, steps and the snapshot's tables
# are keyed by sequences of them, and a tuple is hashed and compared in C, where a
# dataclass calls its Python __hash__ and __eq__ for every atom (millions of calls while
# the packs compile).
class Word(NamedTuple):
    norm: str


class Wild(NamedTuple):
    """Any token, a prefix, a regular expression on NORM, a token flag, or one of a set of
    words; min/max repeat."""

    regex: str | None = None
    low: int = 1
    high: int = 1
    flag: str | None = None  # a spaCy boolean attribute such as IS_TITLE
    words: frozenset[str] | None = None  # NORMs the token may have: a term or word alternatives in a list entry
    written: str | None = None  # with `words`: the token's own text, lower-cased and composed, must be this


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


def is_gap(atom: Atom) -> bool:
    """Whether the atom takes tokens whatever they are (`_`, `_{m,n}`, `...`)."""
    return isinstance(atom, Wild) and atom.regex is None and atom.flag is None and atom.words is None


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
        slots.append(Slot(tuple(itertools.chain.from_iterable(_atoms(w, context) for w in words)), optional))
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


# What the words of the syntax's own begin with; a word with none of these (nor a final
# `*`) is a plain word, the most common by far.
_SYNTAX_FIRST = frozenset("$[<_^./=")


def _atoms(word: str, context: _Context) -> list[Sequence]:
    if word[:1] not in _SYNTAX_FIRST and word[-1:] != "*":
        return [_words(word, context)]
    pattern = context.pattern
    if word.startswith("$"):
        return _list_entries(word[1:], context)
    if TERM.fullmatch(word):
        if word not in context.lists:
            raise PatternError(f"the term {word} in pattern {pattern!r} has no forms "
                               "(terms are expanded when packs load)")
        return _remembered(context, word, lambda: [(Word(norm),) for norm in context.lists[word]])
    if word in TOKEN_CLASSES:
        value = TOKEN_CLASSES[word]
        return [(Word(value),)] if value in (PLACEHOLDER_MARK, URL_MARK) else [(Wild(flag=value),)]
    if word == "_":
        return [(Wild(),)]
    if word == "^":
        return [(Wild(flag=SENTENCE_START, low=0, high=0),)]
    if word == "...":
        return [(Wild(low=0, high=4),)]
    gap = re.fullmatch(r"_\{(\d+),(\d+)\}", word)
    if gap:
        low, high = int(gap.group(1)), int(gap.group(2))
        if not low <= high <= MAX_GAP:
            raise PatternError(f"gap {word} in pattern {pattern!r} must be _{{low,high}} with low <= high <= {MAX_GAP}")
        return [(Wild(low=low, high=high),)]
    if len(word) > 2 and word.startswith("/") and word.endswith("/"):
        # Matched on NORMs, which have no accents: «/\w+ó$/» is read as «/\w+o$/», in composed
        # form (NFC) however the accent was typed.
        source = without_accents(word[1:-1])
        try:
            regex.compile(source)
        except (regex.error, RecursionError) as error:
            raise PatternError(f"bad regular expression {word} in pattern {pattern!r}: {error}") from None
        return [(Wild(regex=source),)]
    if word.endswith("*") and len(word) > 1:
        return [(Wild(regex="^" + re.escape(fold(word[:-1]))),)]
    if word.startswith("=") and len(word) > 1:
        written = unicodedata.normalize("NFC", word[1:].lower())
        return [(Wild(words=frozenset(context.split(written)[:1]), written=written),)]
    return [_words(word, context)]


# A word-list entry written in pattern syntax: a list, alternatives, a group (a "("
# that opens a word; "sir(s)" is a plain entry), or a word of the syntax's own: a gap
# ("between _{1,3} and"), a regex, a token class, an optional, a prefix or a written-form word.
_PATTERN_ENTRY = re.compile(r"\$|\||(?:^|\s)\(|(?:^|\s)(?:_|\.\.\.|_\{\d+,\d+\}|/\S+/|<\w+>|\S+[?*]|=\S+)(?=\s|$)")


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
    return _remembered(context, name, lambda: _spelled_out(name, context))


def _spelled_out(name: str, context: _Context) -> list[Sequence]:
    inner = dataclasses.replace(context, within=(*context.within, name))
    phrases: list[Sequence] = []
    for entry in context.lists[name]:
        if _PATTERN_ENTRY.search(entry) or TERM.search(entry):
            slots, _ = _parse_sequence(_TOKEN.findall(entry), 0, inner)
            phrases.extend(_expand_slots(_compact(slots), inner, entry))
        else:
            phrases.append(_words(entry, context))
    return phrases


def _remembered(context: _Context, name: str, spell_out: Callable[[], list[Sequence]]) -> list[Sequence]:
    """The phrases of a word list or term (`name`), spelled out once per `lists` mapping
    when the context has a memo: a class or a verb's forms stand in many patterns."""
    if context.memo is None:
        return spell_out()
    key = (id(context.lists), name)
    if key in context.memo and context.memo[key][0] is context.lists:
        return context.memo[key][1]
    phrases = spell_out()
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
    """A slot's one-word alternatives (a term, «a|al|con») as one atom that accepts any of
    them: inside a list entry, spelling out every combination of its slots would multiply.
    Its longer alternatives («va a estar» beside «estará») stay alternatives of their own."""
    single = [o for o in slot.options if len(o) == 1 and isinstance(o[0], Word)]
    if len(single) < 2:
        return slot
    words = frozenset(o[0].norm for o in single)
    longer = tuple(o for o in slot.options if not (len(o) == 1 and isinstance(o[0], Word)))
    if not longer:
        return Slot(((Wild(low=0 if slot.optional else 1, words=words),),))
    return Slot(((Wild(words=words),), *longer), slot.optional)


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
    if len(choices) == 1:  # most groups and entries: their phrases as they are
        return choices[0]
    return [tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*choices)]
