"""Checks a pack's pattern must pass when the pack is loaded, beyond parsing:
patterns that would match anywhere, or cost too much time, are refused with the
pack's file and line."""

from __future__ import annotations

import itertools
from functools import lru_cache

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK
from svclint.rules.lexicon import TERM
from svclint.nlp import fold
from svclint.rules.patterns.syntax import MAX_GAP, Atom, PatternError, Slot, Word, is_gap, parse

# Words all the gaps of a pack's pattern may skip together: a match is followed over
# sets of the positions its gaps reach, so this bounds the work from each start.
MAX_PATTERN_GAP = 2 * MAX_GAP


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
    atoms = [set(itertools.chain.from_iterable(slot.options)) for slot in slots]  # see _requires_word
    if not any(_requires_word(slot, slot_atoms) for slot, slot_atoms in zip(slots, atoms)):
        return f"{pattern!r} requires no word (only gaps or optional parts), so it would match anywhere"
    if _gap_span(slots, atoms) > MAX_PATTERN_GAP:
        return f"the gaps of {pattern!r} together may skip over {MAX_PATTERN_GAP} words; split it into several patterns"
    return None


_CHECKED_LISTS: dict = {}  # word lists spelled out for the patterns packs validate (see parse)


@lru_cache(maxsize=None)  # the words of the packs, each folded once
def _as_written(word: str) -> tuple[str, ...]:
    """A splitter for checking a pattern's shape, where the tokenizer's exact NORMs do not matter."""
    return (fold(word),)


def _is_written(atom: Atom) -> bool:
    """A word spelled out in the pattern (not a wildcard, and not a masked placeholder or URL)."""
    return isinstance(atom, Word) and atom.norm not in (PLACEHOLDER_MARK, URL_MARK)


# A slot spelled out from word lists holds thousands of options made of a few distinct
# atoms (`atoms`, the set of a slot's): each atom is judged once, and each option only
# looked up against the verdicts.


def _requires_word(slot: Slot, atoms: set[Atom]) -> bool:
    """Whether every way through the slot takes a token of some definite shape."""
    if slot.optional:
        return False
    definite = {atom for atom in atoms if not is_gap(atom) and (isinstance(atom, Word) or atom.low >= 1)}
    return all(not definite.isdisjoint(option) for option in slot.options)


def _gap_span(slots: list[Slot], atoms: list[set[Atom]]) -> int:
    """The most words the pattern's gaps (`_`, `_{m,n}`, `...`) can skip together."""
    return sum(_slot_gap_span(slot, slot_atoms) for slot, slot_atoms in zip(slots, atoms))


def _slot_gap_span(slot: Slot, atoms: set[Atom]) -> int:
    """The most words one way through the slot skips (a list spelled out gives thousands of
    ways, most without a gap: only those with one are summed)."""
    gaps = {atom for atom in atoms if is_gap(atom)}
    if not gaps:
        return 0
    return max((sum(a.high for a in option if a in gaps) for option in slot.options if not gaps.isdisjoint(option)),
               default=0)
