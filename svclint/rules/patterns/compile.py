"""Patterns compiled for matching: the index of their literal pieces and their chains.

Each slot of a parsed pattern becomes a step. A step's literal alternatives go to
one index keyed by their first NORM, whatever their number, under a piece name
shared by every slot with the same words; alternatives with wildcards, gaps,
prefixes, regular expressions or word sets are kept to be checked token by
token, only where the rest of the pattern already matches. A pattern's steps
make a chain, which knows the pieces a document must hold for it to match and
where it can be anchored.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import itemgetter

from spacy.language import Language

from svclint.nlp import fold
from svclint.rules.patterns.syntax import Sequence, Slot, Wild, Word, parse


@dataclass(frozen=True)
class Step:
    """One slot of a compiled pattern: literal alternatives found through the NORM
    index (`phrases` names them), or alternatives with wildcards checked token by token."""

    phrases: str | None
    options: tuple[Sequence, ...]
    optional: bool
    widths: tuple[int, ...]  # how many tokens the step can take, 0 when it can be skipped
    # For a step with `options`: the indexed piece of every word it can begin with (its
    # phrases' first words, its word sets' words, the words its opening regular
    # expressions are found in), when each way through it begins with one; it anchors
    # the pattern as a literal slot would.
    first: str | None = None
    # For a step with `options`: the indexed piece of one word each way through the step
    # cannot match without, a content word where it has one (see _inner_words). The
    # pattern is tried only in documents holding one of them, not wherever a pronoun or
    # auxiliary it begins with stands.
    inner: str | None = None

    @cached_property
    def heads(self) -> OptionHeads:
        """What the first token of the step's options can be (see OptionHeads)."""
        words: set[str] = set()
        atoms: set[Wild] = set()
        for option in self.options:
            heads = _head_words(option)
            if heads is not None:
                words |= heads
            elif option and isinstance(option[0], Wild) and (option[0].low >= 1 or _place_test(option[0])):
                atoms.add(option[0])
            else:
                return OptionHeads(frozenset(), frozenset(), anywhere=True)
        return OptionHeads(frozenset(words), frozenset(atoms), anywhere=False)

    @cached_property
    def regexes(self) -> set[str]:
        """The regular expressions of the step's options, worked out once however many
        patterns the step stands in (each pattern is noted as their owner)."""
        return {a.regex for option in self.options for a in option if isinstance(a, Wild) and a.regex}

    @cached_property
    def tree(self) -> OptionTree:
        """The options merged on their shared beginnings (see OptionTree); built when the
        step is first followed, so a run never pays for steps it does not reach."""
        root = OptionTree()
        for option in self.options:
            root.add(option)
        return root


def _place_test(atom: Wild) -> bool:
    """Whether the atom takes no token but tests the place where it stands (`^`, a sentence's
    start): an option that opens with it begins only where the flag holds."""
    return atom.flag is not None and atom.high == 0


@dataclass(frozen=True)
class OptionHeads:
    """Where a step's token-by-token options can begin: the NORMs, or the regex, flag or
    word-set atoms, their first token (or place, for a test such as `^`) must match;
    `anywhere` when one can begin with any token or take none. It tells where a pattern
    that opens with such a step can start."""

    words: frozenset[str]
    atoms: frozenset[Wild]
    anywhere: bool


@dataclass(eq=False)
class OptionTree:
    """A step's token-by-token options merged on the atoms they share from the start.

    A class spelled out gives a step hundreds of options, many opening alike («the team
    (now)? are unable to», «the team (now)? will not be able to», …). Followed one by one,
    each walked its shared beginning again wherever its first word stood, and that was
    most of the matcher's time; here a shared beginning is followed once, and options
    part only at the atom where they differ. A literal next word is looked up by the
    token's NORM, so a node with hundreds of next words costs one lookup per position;
    so is a one-token word set (see next_nodes)."""

    ends: bool = False  # an option ends here
    words: dict[str, OptionTree] = field(default_factory=dict)  # next token's NORM -> the rest
    atoms: dict[Wild, OptionTree] = field(default_factory=dict)  # a gap, word set, regex or flag -> the rest

    def add(self, option: Sequence) -> None:
        node = self
        for atom in option:
            children, key = (node.words, atom.norm) if isinstance(atom, Word) else (node.atoms, atom)
            child = children.get(key)
            if child is None:  # not setdefault: a tree made for every atom, most thrown away, was half the build
                child = children[key] = OptionTree()
            node = child
        node.ends = True

    @cached_property
    def next_nodes(self) -> tuple[dict[str, tuple[OptionTree, ...]], tuple[tuple[Wild, OptionTree], ...]]:
        """Where the next token leads, worked out when the node is first followed (every
        option is in by then): by its NORM, to its literal word's node and to those of the
        one-token word sets that hold it (most atoms of a spelled-out class are such sets:
        one lookup per position instead of a membership test per set); and the other
        atoms, each with its node."""
        by_word = {norm: [child] for norm, child in self.words.items()}
        others = []
        for atom, child in self.atoms.items():
            if _one_word_of(atom):
                for norm in atom.words:
                    by_word.setdefault(norm, []).append(child)
            else:
                others.append((atom, child))
        return {norm: tuple(children) for norm, children in by_word.items()}, tuple(others)


def _one_word_of(atom: Wild) -> bool:
    """Whether the atom takes exactly one token, known by its NORM alone (a word set without a written form)."""
    return atom.words is not None and atom.low == atom.high == 1 and atom.written is None \
        and atom.regex is None and atom.flag is None


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


def _inner_words(option: Sequence, stop_words: frozenset[str]) -> frozenset[str] | None:
    """The words one token of `option` must be for it to match: its longest literal word
    that is not a function word (longer words are rarer), else its smallest word set of
    such words that takes a token, else its longest literal word; None when it has no
    required word (only gaps, regular expressions or optional words)."""
    literal = [atom.norm for atom in option if isinstance(atom, Word)]
    content = [norm for norm in literal if norm not in stop_words]
    if content:
        return frozenset({max(content, key=len)})
    sets = [atom.words for atom in option if isinstance(atom, Wild) and atom.words is not None and atom.low >= 1
            and not atom.words & stop_words]
    if sets:
        return min(sets, key=len)
    return frozenset({max(literal, key=len)}) if literal else None


def _norms_of(sequence: Sequence) -> tuple[str, ...]:
    """A literal phrase's words, compared as plain strings (a Word is a tuple of its NORM alone)."""
    return tuple(map(_NORM, sequence))


_NORM = itemgetter(0)


def _sequence_widths(options: Iterable[Sequence], optional: bool, literal: Iterable[Sequence] = ()) -> tuple[int, ...]:
    """How many tokens a step can take: each literal phrase its length, each other option
    the sums of its atoms' ranges, which are every number from the sum of their lows to
    the sum of their highs (a word takes one token; an atom's range has no holes)."""
    widths = {0} if optional else set()
    widths.update(map(len, literal))
    for option in options:
        low = high = 0
        for atom in option:
            if isinstance(atom, Wild):
                low, high = low + atom.low, high + atom.high
            else:
                low, high = low + 1, high + 1
        widths.update(range(low, high + 1))
    return tuple(sorted(widths))


@dataclass(frozen=True)
class Chain:
    """A compiled pattern: its key, its steps, the pieces it cannot match without,
    and where it can be anchored: (required piece, tokens the pattern may take
    before it). A document is searched from whichever anchor is found least."""

    key: str
    steps: tuple[Step, ...]
    required: frozenset[str]
    anchors: tuple[tuple[str, tuple[int, ...]], ...]


MAX_ANCHOR_OFFSETS = 64  # beyond this many possible lengths before a piece, it is no anchor


def build_chain(key: str, steps: tuple[Step, ...]) -> Chain:
    """A pattern's chain: the pieces its steps require, and the anchors among them."""
    required, anchors = set(), []
    offsets: set[int] | None = {0}  # how many tokens the steps so far may take
    for step in steps:
        name = None if step.optional else _required_piece(step)
        if name:
            required.add(name)
            if offsets is not None:
                anchors.append((name, tuple(sorted(offsets))))
        if step.inner and not step.optional:
            required.add(step.inner)
        if offsets is not None:
            offsets = {total + width for total in offsets for width in step.widths}
            offsets = offsets if len(offsets) <= MAX_ANCHOR_OFFSETS else None
    return Chain(key, steps, frozenset(required), tuple(anchors))


def regex_piece(pattern: str) -> str:
    return f"/{pattern}/"  # piece names: slot:N, text:…, /regex/ never collide


def _required_piece(step: Step) -> str | None:
    """The piece a document must hold for this step to match: its literal slot, the
    words it can begin with, or the regular expression that is the step's only alternative."""
    if step.phrases is not None and not step.options:
        return step.phrases
    if step.first is not None:
        return step.first
    # a regular expression beside literal alternatives is one way through the step, not a must
    if step.phrases is None and len(step.options) == 1 and len(step.options[0]) == 1:
        atom = step.options[0][0]
        if isinstance(atom, Wild) and atom.regex is not None and atom.low >= 1:
            return regex_piece(atom.regex)
    return None


class PatternIndex:
    """The compiled patterns of one language (what a snapshot saves): every literal
    slot indexed by its first NORM, and each pattern's chain listed under its rarest
    required piece. A slot whose alternatives hold wildcards or word sets counts as
    the piece of the words they can begin with. Alternatives are never multiplied
    out, so large word lists cost little at start-up."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.owners: dict[str, list[str]] = {}  # regular expression -> the keys whose patterns hold it
        # Literal pieces by their first NORM id: one-token pieces give slot names at
        # once; longer ones are looked up by their first two ids, then checked. (Read back
        # from a snapshot, a word's names are a tuple, shared by the words with the same.)
        self._singles: dict[int, list[str]] = {}
        self._single_norms: dict[str, set[int]] = {}  # slot name -> ids of its one-token pieces
        self._longer: dict[tuple[int, int], list[tuple[str, tuple[int, ...]]]] = {}
        self._longer_firsts: set[int] = set()
        self._slot_keys: dict[tuple, str] = {}
        # A pattern is tried only in documents where every piece it requires (a literal
        # slot, or a regular expression standing alone in a slot) was found; it is
        # listed under one of them. Patterns that require nothing are tried everywhere.
        self._by_required: dict[str, list[Chain]] = {}
        self._unanchored: list[Chain] = []
        self._whole: dict[str, list[str]] = {}  # key -> piece names of literal texts (configured names)
        self._regexes: dict[str, None] = {}  # every regular expression of the patterns, in order
        # Pieces that a word also holds when one of their regular expressions is found in it
        # (a step whose ways through begin with a word or a regex: «tonto|/^idiot(a|ita)$/»).
        self._either: dict[str, tuple[str, ...]] = {}
        self.restored = False  # loaded from a snapshot: add() and add_phrase() are already in it
        self._lists_memo: dict = {}  # word lists spelled out, for the next patterns (see parse)
        # Each slot compiled once: a shared list ($aux, a verb's forms) stands in many patterns,
        # and the same slot always makes the same step (its pieces are indexed the first time).
        self._steps: dict[Slot, Step] = {}

    def add(self, key: str, pattern: str, lists: dict[str, list[str]]) -> None:
        if self.restored:
            return
        slots = parse(pattern, lists, self._split, self._lists_memo)
        chain = build_chain(key, tuple(self._compiled(slot) for slot in slots))
        for step in chain.steps:
            for regex_text in step.regexes:
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
        stops = len(self._single_norms.get(name, set()) & self._stop_ids)
        return stops + len(self._either.get(name, ())), name

    @cached_property
    def _stop_norms(self) -> frozenset[str]:
        return frozenset(fold(word) for word in self.nlp.Defaults.stop_words)

    @cached_property
    def _stop_ids(self) -> frozenset[int]:
        """The StringStore ids of the stop words' NORMs, as the index holds words."""
        strings = self.nlp.vocab.strings
        return frozenset(strings[norm] for norm in self._stop_norms)

    def add_phrase(self, key: str, text: str) -> None:
        """Match a literal text (a configured name), tokenized like the documents."""
        if self.restored:
            return
        norms = tuple(token.norm_ for token in self.nlp.make_doc(text))
        if norms:
            self._index_phrases(f"text:{key}:{text}", [norms])
            self._whole.setdefault(key, []).append(f"text:{key}:{text}")

    def _index_phrases(self, name: str, phrases: Iterable[tuple[str, ...]]) -> None:
        """Index phrases (their NORMs) under a piece name, by the StringStore's ids (a few
        common words are spaCy symbols, not hashes)."""
        add, words = self.nlp.vocab.strings.add, []
        for norms in phrases:
            if len(norms) == 1:
                words.append(norms[0])
            else:
                self._list_phrase(name, tuple(map(add, norms)))
        if words:
            self._index_words(name, words)

    def _list_phrase(self, name: str, phrase: tuple[int, ...]) -> None:
        """List a piece of several words (StringStore ids) under its first two, where a
        document's pair of words finds it."""
        self._longer.setdefault(phrase[:2], []).append((name, phrase))
        self._longer_firsts.add(phrase[0])

    def _index_words(self, name: str, words: Iterable[str]) -> None:
        """Index one-word phrases under a piece name: a piece may have thousands of words,
        which are added to the StringStore and to the piece's set in one call."""
        norms = list(map(self.nlp.vocab.strings.add, words))
        self._single_norms.setdefault(name, set()).update(norms)
        self._list_under_words(name, norms)

    def _list_under_words(self, name: str, norms: Iterable[int]) -> None:
        """List a one-word piece under each of its words (StringStore ids), where a
        document's word finds it."""
        singles = self._singles
        for norm in norms:
            names = singles.get(norm)
            if names is None:
                singles[norm] = [name]
            else:
                names.append(name)

    def _compiled(self, slot: Slot) -> Step:
        step = self._steps.get(slot)
        if step is None:
            step = self._steps[slot] = self._step(slot)
        return step

    def _step(self, slot: Slot) -> Step:
        """A slot's literal alternatives go to the index under one name; the others (with
        wildcards or word sets) are kept to be followed token by token."""
        # A slot spelled out from word lists has thousands of options but few wildcards:
        # the options are parted by whether they hold one of them (in order of appearance).
        wilds = dict.fromkeys(atom for atom in itertools.chain.from_iterable(slot.options) if isinstance(atom, Wild))
        without_wilds = wilds.keys().isdisjoint  # filtered in C: thousands of options
        others = tuple(itertools.filterfalse(without_wilds, slot.options)) if wilds else ()
        literal = list(filter(without_wilds, slot.options)) if wilds else slot.options
        for atom in wilds:
            if atom.regex is not None:
                self._regexes[atom.regex] = None
        # one key for the same phrases; a phrase of Words sorts as the tuple of its NORMs
        content = tuple(sorted({seq for seq in literal if seq}))
        first = self._first_piece(slot.options) if others else None
        inner = self._inner_piece(slot.options) if others else None
        if not content:
            return Step(None, slot.options, slot.optional, _sequence_widths(slot.options, slot.optional), first,
                        inner)
        name = self._slot_keys.get(content)
        if name is None:
            name = self._slot_keys[content] = f"slot:{len(self._slot_keys)}"
            self._index_phrases(name, map(_norms_of, content))
        optional = slot.optional or any(not seq for seq in slot.options)
        return Step(name, others, optional, _sequence_widths(others, optional, content), first, inner)

    def _first_piece(self, options: tuple[Sequence, ...]) -> str | None:
        """The piece of the words a slot's alternatives can begin with (see Step.first):
        their first words, and the regular expressions that open the others; None when
        one can begin with anything else (a gap, a flag, nothing)."""
        words: set[str] = set()
        regexes: set[str] = set()
        for option in options:
            heads = _head_words(option)
            if heads is not None:
                words |= heads
            elif option and isinstance(option[0], Wild) and option[0].regex is not None and option[0].low >= 1:
                regexes.add(regex_piece(option[0].regex))
            else:
                return None
        return self._word_piece("first", frozenset(words), frozenset(regexes))

    def _inner_piece(self, options: tuple[Sequence, ...]) -> str | None:
        """The piece of one word from each option that the option cannot match without
        (see Step.inner), or None when an option has no such word."""
        words: set[str] = set()
        for option in options:
            needed = _inner_words(option, self._stop_norms)
            if needed is None:
                return None
            words |= needed
        return self._word_piece("inner", frozenset(words))

    def _word_piece(self, kind: str, words: frozenset[str], regexes: frozenset[str] = frozenset()) -> str:
        """The piece of any one of `words` or of a word a regular expression of `regexes`
        is found in, indexed once however many steps share it."""
        key = (kind, words, regexes)
        name = self._slot_keys.get(key)
        if name is None:
            name = self._slot_keys[key] = f"{kind}:{len(self._slot_keys)}"
            if words:
                self._index_words(name, words)
            if regexes:
                self._either[name] = tuple(sorted(regexes))
        return name

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
            return (self.nlp.vocab[word].norm_,)  # a plain word is one token: skip the tokenizer
        if word[:1] in ("'", "’") or word.lower().startswith(("n't", "n’t")):
            host = "do" if word[:1] in "nN" else "we"
            return tuple(token.norm_ for token in self.nlp.tokenizer(host + word))[1:] or (fold(word),)
        return tuple(token.norm_ for token in self.nlp.tokenizer(word)) or (fold(word),)
