"""The compiled patterns saved as plain data, and read back.

Compiling a language's patterns costs more than reading them back, which a
one-file pre-commit run feels, so ruleset keeps a snapshot in the cache folder.
It writes the fields of a PatternIndex as they are: the snapshot is their saved
form, not an interface of its own. The data is plain (dicts, lists, tuples and
sets of str, int, bool and None) for marshal (svclint.cachedir.MARSHAL), which
reads the word index's dicts, sets and tuples back as they are used, with each
object that stands in many places (a word's id, a name, a list of names) made
once: reading them back is most of a one-file run's start-up.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from svclint.rules.patterns.compile import Chain, PatternIndex, Step
from svclint.rules.patterns.syntax import Atom, Wild, Word


def snapshot_of(index: PatternIndex) -> dict:
    """The compiled patterns as plain data. The StringStore ids of the words are written
    as they are (the snapshot's name holds spaCy's version, which makes them), each one
    object however many pieces it stands in, so marshal writes it once."""
    one_id: dict[int, int] = {}
    one_tuple: dict[tuple, tuple] = {}

    def same(norms: Collection[int]) -> Iterator[int]:
        """The one object of each word id (a collection is iterated in the same order twice)."""
        return map(one_id.setdefault, norms, norms)

    def one(values: tuple) -> tuple:
        return one_tuple.setdefault(values, values)

    chains = [*index._unanchored, *(c for cs in index._by_required.values() for c in cs)]
    number = {id(chain): i for i, chain in enumerate(chains)}
    # Each word set, atom, option and step written once: a class recurs in many patterns,
    # and an option spelled out repeats the atoms of its neighbours («uno … dos», «uno …
    # tres»), so options are tuples of atom numbers, read back by index, not decoded atom by atom.
    word_sets: dict[frozenset[str], int] = {}
    options: dict[tuple[Atom, ...], int] = {}
    steps: dict[Step, int] = {}
    keyed_steps = [(c.key, tuple(steps.setdefault(s, len(steps)) for s in c.steps), tuple(sorted(c.required)),
                    c.anchors) for c in chains]
    step_options = [tuple(options.setdefault(option, len(options)) for option in s.options) for s in steps]
    atoms = {atom: number for number, atom in enumerate(dict.fromkeys(itertools.chain.from_iterable(options)))}
    return {
        "singles": dict(zip(same(index._singles.keys()), map(one, map(tuple, index._singles.values())))),
        "single_norms": {name: set(same(norms)) for name, norms in index._single_norms.items()},
        "longer": {one(tuple(same(pair))): [(name, one(tuple(same(phrase)))) for name, phrase in entries]
                   for pair, entries in index._longer.items()},
        "longer_firsts": set(same(index._longer_firsts)),
        "steps": [(s.phrases, numbers, s.optional, s.widths, s.first, s.inner) for s, numbers in zip(steps, step_options)],
        "options": [tuple(map(atoms.__getitem__, option)) for option in options],
        "atoms": [_atom_data(atom, word_sets) for atom in atoms],
        "word_sets": [tuple(sorted(words)) for words in word_sets],
        "chains": keyed_steps,
        "by_required": {name: [number[id(c)] for c in cs] for name, cs in index._by_required.items()},
        "unanchored": [number[id(c)] for c in index._unanchored],
        "whole": index._whole, "regexes": list(index._regexes), "owners": index.owners, "either": index._either,
    }


def restore_into(index: PatternIndex, data: dict) -> None:
    """Load a snapshot into an empty index; a damaged one raises KeyError, TypeError,
    ValueError or IndexError."""
    with _cycles_uncollected():
        _restore(index, data)


@contextmanager
def _cycles_uncollected() -> Iterator[None]:
    """Python's cycle collector paused: the thousands of tuples and lists a snapshot is
    rebuilt into set it off again and again, and none of them is garbage meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _restore(index: PatternIndex, data: dict) -> None:
    # The word index as marshal made it: its dicts, sets and tuples are those matching reads.
    index._singles = data["singles"]
    index._single_norms = data["single_norms"]
    index._longer = data["longer"]
    index._longer_firsts = data["longer_firsts"]
    word_sets = [frozenset(words) for words in data["word_sets"]]
    atoms = [_atom_from_data(atom, word_sets) for atom in data["atoms"]]  # one object for each atom
    options = [tuple(map(atoms.__getitem__, option)) for option in data["options"]]
    steps = [Step(phrases, tuple(map(options.__getitem__, numbers)), optional, widths, first, inner)
             for phrases, numbers, optional, widths, first, inner in data["steps"]]
    chains = [Chain(key, tuple(map(steps.__getitem__, numbers)), frozenset(required), anchors)
              for key, numbers, required, anchors in data["chains"]]
    index._by_required = {str(name): [chains[i] for i in numbers] for name, numbers in data["by_required"].items()}
    index._unanchored = [chains[i] for i in data["unanchored"]]
    index._whole = {str(key): [str(name) for name in names] for key, names in data["whole"].items()}
    index._regexes = dict.fromkeys(str(r) for r in data["regexes"])
    index._either = {str(name): tuple(str(r) for r in regexes) for name, regexes in data["either"].items()}
    index.owners = {str(r): [str(key) for key in keys] for r, keys in data["owners"].items()}
    index.restored = True


def _atom_data(atom: Atom, word_sets: dict[frozenset[str], int]) -> tuple:
    """An atom as plain data; a word set is written as its number in `word_sets`, which it joins."""
    if isinstance(atom, Word):
        return "w", atom.norm
    words = None if atom.words is None else word_sets.setdefault(atom.words, len(word_sets))
    return "*", atom.regex, atom.low, atom.high, atom.flag, words, atom.written


def _atom_from_data(data: tuple, word_sets: list[frozenset[str]]) -> Atom:
    if data[0] == "w":
        return Word(str(data[1]))
    _, regex, low, high, flag, words, written = data
    return Wild(regex, int(low), int(high), flag, word_sets[int(words)] if words is not None else None,
                None if written is None else str(written))
