"""The compact pattern language of rule packs, compiled to spaCy matchers.

A pattern is a line of words matched on NORM (lower case, accents folded):

    no se|te enoje|enojes|altere     alternatives for one token
    (de nuevo|otra vez)?             a group of alternatives; `?` makes it optional
    $calm_verbs                      a word list declared under `lists:`
    _  /  _{0,3}  /  ...             any one token / a gap of 0-3 / a gap of 0-4
    tranquili*                       a token that starts with "tranquili"
    /^calm(ed|ing)?$/                a token whose NORM matches a regular expression
    <placeholder> <url>              a masked template placeholder / URL
    <title> <upper> <number>         a capitalised / all-capitals / number-like token

Patterns whose words are all literal are expanded into phrases for the
PhraseMatcher (cheap whatever their number); the rest go to the token Matcher.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK
from svclint.nlp import fold

TOKEN_CLASSES = {
    "<placeholder>": PLACEHOLDER_MARK,
    "<url>": URL_MARK,
    "<title>": "IS_TITLE",
    "<upper>": "IS_UPPER",
    "<number>": "LIKE_NUM",
}
MAX_PHRASES = 4000  # beyond this, a pattern goes to the token Matcher instead
_TOKEN = re.compile(r"\(|\)\??|\||/[^/\s]+/\??|_\{\d+,\d+\}|\.\.\.|<\w+>\??|[^\s()|]+")


class PatternError(ValueError):
    """A pattern that cannot be parsed; the message says where."""


@dataclass(frozen=True)
class _Context:
    lists: dict[str, list[str]]
    split: "Splitter"
    pattern: str


@dataclass(frozen=True)
class Word:
    norm: str


@dataclass(frozen=True)
class Wild:
    """Any token, a prefix, a regular expression on NORM, or a token flag; min/max repeat."""

    regex: str | None = None
    low: int = 1
    high: int = 1
    flag: str | None = None  # a spaCy boolean attribute such as IS_TITLE


Atom = Word | Wild
Sequence = tuple[Atom, ...]


@dataclass(frozen=True)
class Slot:
    options: tuple[Sequence, ...]
    optional: bool = False


Splitter = Callable[[str], "tuple[str, ...]"]


def parse(pattern: str, lists: dict[str, list[str]], split: Splitter) -> list[Slot]:
    """Parse a pattern; `split` gives the NORMs the tokenizer makes of one written word."""
    tokens = _TOKEN.findall(pattern)
    context = _Context(lists, split, pattern)
    slots, rest = _parse_sequence(tokens, 0, context)
    if rest != len(tokens):
        raise PatternError(f"unbalanced ')' in pattern {pattern!r}")
    if not slots:
        raise PatternError(f"empty pattern {pattern!r}")
    return slots


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
        options.extend(_expand_slots(slots))
        if i >= len(tokens):
            raise PatternError(f"missing ')' in pattern {context.pattern!r}")
        if tokens[i] == "|":
            i += 1
            continue
        return options, i


def _atoms(word: str, context: _Context) -> list[Sequence]:
    pattern = context.pattern
    if word.startswith("$"):
        name = word[1:]
        if name not in context.lists:
            raise PatternError(f"unknown word list ${name} in pattern {pattern!r}")
        return [_words(entry, context) for entry in context.lists[name]]
    if word in TOKEN_CLASSES:
        value = TOKEN_CLASSES[word]
        return [(Word(value),)] if value in (PLACEHOLDER_MARK, URL_MARK) else [(Wild(flag=value),)]
    if word == "_":
        return [(Wild(),)]
    if word == "...":
        return [(Wild(low=0, high=4),)]
    gap = re.fullmatch(r"_\{(\d+),(\d+)\}", word)
    if gap:
        return [(Wild(low=int(gap.group(1)), high=int(gap.group(2))),)]
    if len(word) > 2 and word.startswith("/") and word.endswith("/"):
        try:
            re.compile(word[1:-1])
        except re.error as error:
            raise PatternError(f"bad regular expression {word} in pattern {pattern!r}: {error}") from None
        return [(Wild(regex=word[1:-1]),)]
    if word.endswith("*") and len(word) > 1:
        return [(Wild(regex="^" + re.escape(fold(word[:-1]))),)]
    return [_words(word, context)]


def _words(text: str, context: _Context) -> Sequence:
    return tuple(Word(norm) for part in text.split() for norm in context.split(part))


def _expand_slots(slots: list[Slot]) -> list[Sequence]:
    choices = [list(s.options) + ([()] if s.optional else []) for s in slots]
    return [tuple(a for seq in combo for a in seq) for combo in itertools.product(*choices)]


def is_literal(slots: list[Slot]) -> bool:
    return all(isinstance(a, Word) for s in slots for seq in s.options for a in seq)


def phrase_count(slots: list[Slot]) -> int:
    count = 1
    for slot in slots:
        count *= len(slot.options) + slot.optional
    return count


class MatcherSet:
    """All patterns of one language, matched in a single pass over a Doc."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.tokens = Matcher(nlp.vocab)

    def add(self, key: str, pattern: str, lists: dict[str, list[str]]) -> None:
        slots = parse(pattern, lists, self._split)
        if is_literal(slots) and phrase_count(slots) <= MAX_PHRASES:
            docs = [Doc(self.nlp.vocab, words=[a.norm for a in seq]) for seq in _expand_slots(slots) if seq]
            self.phrases.add(key, docs)
        else:
            self.tokens.add(key, _token_patterns(slots), greedy="LONGEST")

    def add_phrase(self, key: str, text: str) -> None:
        """Match a literal text (a configured name), tokenized like the documents."""
        doc = self.nlp.make_doc(text)
        if len(doc):
            self.phrases.add(key, [doc])

    @lru_cache(maxsize=None)
    def _split(self, word: str) -> tuple[str, ...]:
        return tuple(token.norm_ for token in self.nlp.tokenizer(word)) or (fold(word),)

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        found = list(self.phrases(doc))
        if len(self.tokens):
            found.extend(self.tokens(doc))
        return found


def _token_patterns(slots: list[Slot]) -> list[list[dict]]:
    """spaCy token patterns: one-token alternatives become IN sets; longer ones are expanded."""
    per_slot: list[list[list[dict]]] = []
    for slot in slots:
        singles = [seq[0] for seq in slot.options if len(seq) == 1 and isinstance(seq[0], Word)]
        variants: list[list[dict]] = []
        if singles:
            spec: dict = {"NORM": {"IN": sorted({w.norm for w in singles})}}
            if slot.optional:
                spec["OP"] = "?"
            variants.append([spec])
        for seq in slot.options:
            if len(seq) == 1 and isinstance(seq[0], Word):
                continue
            variants.append([_atom_spec(a, slot.optional and len(seq) == 1) for a in seq])
        if slot.optional and any(len(v) > 1 for v in variants):
            variants.append([])
        per_slot.append(variants)
    patterns = [[spec for part in combo for spec in part] for combo in itertools.product(*per_slot)]
    return [p for p in patterns if p]


def _atom_spec(atom: Atom, optional: bool) -> dict:
    if isinstance(atom, Word):
        spec: dict = {"NORM": atom.norm}
    elif atom.flag:
        spec = {atom.flag: True}
    elif atom.regex is None:
        spec = {}
    else:
        spec = {"NORM": {"REGEX": atom.regex}}
    if isinstance(atom, Wild) and (atom.low, atom.high) != (1, 1):
        spec["OP"] = f"{{{atom.low},{atom.high}}}"
    elif optional:
        spec["OP"] = "?"
    return spec
