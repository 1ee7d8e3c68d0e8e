"""The compiled patterns saved as plain JSON data, and read back.

Compiling a language's patterns costs more than reading them back, which a
one-file pre-commit run feels, so ruleset keeps a snapshot in the cache folder.
It writes the fields of a PatternIndex as they are: the snapshot is their saved
form, not an interface of its own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from spacy.strings import get_string_id

from svclint.rules.patterns.compile import PatternIndex, Step, build_chain
from svclint.rules.patterns.syntax import Atom, Wild, Word


def snapshot_of(index: PatternIndex) -> dict:
    """The compiled patterns as plain JSON data (compiling them costs more than
    reading them back, which matters to a one-file pre-commit run). Each NORM is
    written once, in `vocabulary`, and named elsewhere by its number there: the forms
    of terms recur in slots, phrases and word sets, and their ids are long hashes."""
    chains = [*index._unanchored, *(c for cs in index._by_required.values() for c in cs)]
    number = {id(chain): i for i, chain in enumerate(chains)}
    vocabulary: dict[str, int] = {}
    by_id: dict[int, int] = {}  # a StringStore id -> its NORM's number: the index holds ids
    strings = index.nlp.vocab.strings

    def numbered(norms: Iterable[str]) -> list[int]:
        return [vocabulary.setdefault(norm, len(vocabulary)) for norm in norms]

    def numbered_ids(ids: Iterable[int]) -> list[int]:
        """The numbers of the NORMs of StringStore ids (looked up once each: a word
        stands in many pieces)."""
        found = []
        for norm_id in ids:
            number = by_id.get(norm_id)
            if number is None:
                number = by_id[norm_id] = vocabulary.setdefault(strings[norm_id], len(vocabulary))
            found.append(number)
        return found

    # Each word set, atom and step written once: a class recurs in many patterns, and an
    # option spelled out repeats the atoms of its neighbours («uno … dos», «uno … tres»),
    # so options are lists of atom numbers, read back by index, not decoded atom by atom.
    word_sets: dict[frozenset[str], int] = {}
    atoms: dict[Atom, int] = {}
    steps: dict[Step, int] = {}
    keyed_steps = [[c.key, [steps.setdefault(s, len(steps)) for s in c.steps]] for c in chains]
    data = {
        "singles": {name: numbered_ids(norms) for name, norms in index._single_norms.items()},
        "longer": [[name, numbered_ids(phrase)]
                   for entries in index._longer.values() for name, phrase in entries],
        "steps": [[s.phrases, [[atoms.setdefault(a, len(atoms)) for a in seq] for seq in s.options], s.optional,
                   s.widths, s.first, s.inner] for s in steps],
        "atoms": [_atom_json(atom, word_sets) for atom in atoms],
        "chains": keyed_steps,
        "word_sets": [numbered(sorted(words)) for words in word_sets],
        "by_required": {name: [number[id(c)] for c in cs] for name, cs in index._by_required.items()},
        "unanchored": [number[id(c)] for c in index._unanchored],
        "whole": index._whole, "regexes": list(index._regexes), "owners": index.owners, "either": index._either,
    }
    return {"vocabulary": list(vocabulary), **data}


def restore_into(index: PatternIndex, data: dict) -> None:
    """Load a snapshot into an empty index; a damaged one raises KeyError, TypeError,
    ValueError or IndexError."""
    with _cycles_uncollected():
        _restore(index, data)


@contextmanager
def _cycles_uncollected() -> Iterator[None]:
    """Python's cycle collector paused: the hundreds of thousands of sets, lists and
    tuples a snapshot is rebuilt into set it off again and again (a third of the time a
    one-file run spends loading them), and none of them is garbage meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _restore(index: PatternIndex, data: dict) -> None:
    words = list(map(str, data["vocabulary"]))
    # The ids the StringStore gives the words, without adding them to it: matching reads
    # only the strings of a document's words (which the tokenizer adds), and adding some
    # 60,000 strings was a third of the time a snapshot took to load.
    ids = list(map(get_string_id, words))
    single_norms, id_of = index._single_norms, ids.__getitem__
    for name, members in data["singles"].items():  # some 170,000 (word, slot) pairs: the loop start-up waits on
        norms = single_norms[name] = set(map(id_of, members))
        index._list_under_words(name, norms)
    for name, members in data["longer"]:
        index._list_phrase(str(name), tuple(map(id_of, members)))
    word_sets = [frozenset(words[i] for i in members) for members in data["word_sets"]]
    atoms = [_atom_from_json(atom, word_sets) for atom in data["atoms"]]  # one object for each atom
    steps = [Step(phrases, tuple(tuple(atoms[i] for i in seq) for seq in options),
                  bool(optional), tuple(map(int, widths)), first, inner)
             for phrases, options, optional, widths, first, inner in data["steps"]]
    chains = [build_chain(str(key), tuple(steps[i] for i in numbers)) for key, numbers in data["chains"]]
    index._by_required = {str(name): [chains[i] for i in numbers] for name, numbers in data["by_required"].items()}
    index._unanchored = [chains[i] for i in data["unanchored"]]
    index._whole = {str(key): [str(name) for name in names] for key, names in data["whole"].items()}
    index._regexes = dict.fromkeys(str(r) for r in data["regexes"])
    index._either = {str(name): tuple(str(r) for r in regexes) for name, regexes in data["either"].items()}
    index.owners = {str(r): [str(key) for key in keys] for r, keys in data["owners"].items()}
    index.restored = True


def _atom_json(atom: Atom, word_sets: dict[frozenset[str], int]) -> list:
    """An atom as JSON; a word set is written as its number in `word_sets`, which it joins."""
    if isinstance(atom, Word):
        return ["w", atom.norm]
    words = None if atom.words is None else word_sets.setdefault(atom.words, len(word_sets))
    return ["*", atom.regex, atom.low, atom.high, atom.flag, words, atom.written]


def _atom_from_json(data: list, word_sets: list[frozenset[str]]) -> Atom:
    if data[0] == "w":
        return Word(str(data[1]))
    _, regex, low, high, flag, words, written = data
    return Wild(regex, int(low), int(high), flag, word_sets[int(words)] if words is not None else None,
                None if written is None else str(written))
