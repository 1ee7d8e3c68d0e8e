"""The pattern matcher against a plain reference: every pattern, tried from every
token by brute force over its parsed slots, must give the same (start, longest
end) pairs as MatcherSet, which indexes words, skips patterns whose required
words are absent, starts from the rarest anchor and follows a key only when
asked. Patterns and texts are generated from a small vocabulary so that matches,
near misses, optional slots, gaps, sentence starts (`^`) and ends all occur often."""

from __future__ import annotations

from functools import cache

import pytest
import regex

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from spacy.attrs import IS_TITLE  # noqa: E402

from svclint.nlp import Tokens, analyse, pipeline  # noqa: E402
from svclint.rules.patterns import MatcherSet, Slot, Wild, Word, parse  # noqa: E402
from svclint.rules.patterns.syntax import SENTENCE_START  # noqa: E402

WORDS = ["ana", "bebe", "casa", "dado", "ella", "foto"]
word = st.sampled_from(WORDS)
element = st.one_of(
    word,
    st.tuples(word, word).map("|".join),
    word.map(lambda w: w + "?"),
    st.tuples(word, word, word).map(lambda ws: f"({ws[0]} {ws[1]}|{ws[2]})"),
    st.tuples(word, word).map(lambda ws: f"({ws[0]}|{ws[1]})?"),
    st.sampled_from(["_", "_{0,2}", "_{1,3}", "...", "ca*", "/^[ab]/", "<title>", "^"]),
    # a word beside a wildcard in one slot: either way through it counts
    st.tuples(word, st.sampled_from(["/^[ab]/", "<title>", "ca*", "_"])).map(lambda pair: "({}|{})".format(*pair)),
)
pattern = st.lists(element, min_size=1, max_size=4).map(" ".join)
text_word = st.one_of(word, word.map(str.capitalize), st.sampled_from([".", ",", "\n\n"]))
text = st.lists(text_word, min_size=1, max_size=30).map(" ".join)


@cache
def nlp():
    return pipeline("es")


def reference(slots: list[Slot], table: Tokens) -> set[tuple[int, int]]:
    """(start, longest end) wherever the slots match, inside the start's sentence."""
    strings = table.doc.vocab.strings
    norms = [strings[n] for n in table.norm]
    titles = table.column(IS_TITLE)
    bounds = [*table.sentence_starts[1:], len(norms)]

    starts = set(table.sentence_starts)

    def fits(atom: Wild, at: int) -> bool:
        if atom.flag == SENTENCE_START:
            return at in starts
        if atom.flag:
            return bool(titles[at])
        return atom.regex is None or regex.search(atom.regex, norms[at]) is not None

    def atoms_end(atoms, j: int, at: int, limit: int) -> set[int]:
        if j == len(atoms):
            return {at}
        atom = atoms[j]
        if isinstance(atom, Word):
            return atoms_end(atoms, j + 1, at + 1, limit) if at < limit and norms[at] == atom.norm else set()
        if atom.flag == SENTENCE_START:  # `^` takes no token: a test of the place
            return atoms_end(atoms, j + 1, at, limit) if fits(atom, at) else set()
        ends: set[int] = set()
        for count in range(atom.low, atom.high + 1):
            if all(at + k < limit and fits(atom, at + k) for k in range(count)):
                ends |= atoms_end(atoms, j + 1, at + count, limit)
        return ends

    def slots_end(i: int, at: int, limit: int) -> set[int]:
        if i == len(slots):
            return {at}
        ends = slots_end(i + 1, at, limit) if slots[i].optional else set()
        for option in slots[i].options:
            for middle in atoms_end(option, 0, at, limit):
                ends |= slots_end(i + 1, middle, limit)
        return ends

    found = set()
    for start in range(len(norms)):
        limit = next(b for b in bounds if b > start)
        ends = {end for end in slots_end(0, start, limit) if end > start}
        if ends:
            found.add((start, max(ends)))
    return found


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(patterns=st.lists(pattern, min_size=1, max_size=6), sample=text)
def test_matcher_agrees_with_brute_force(patterns: list[str], sample: str) -> None:
    matchers = MatcherSet(nlp())
    for number, written in enumerate(patterns):
        matchers.add(f"k{number}", written, {})
    table = analyse(nlp(), sample)
    matches = matchers(table)
    for number, written in enumerate(patterns):
        expected = reference(parse(written, {}, matchers._split), table)
        assert set(matches.spans(f"k{number}")) == expected, (written, sample)
        assert matches.any(frozenset([f"k{number}"])) == bool(expected)


def test_a_line_wrapped_or_a_doubled_space_inside_a_sentence_hides_no_phrase() -> None:
    nlp = pipeline("en")
    table = analyse(nlp, "Sadly we must\nrefuse  your order.\n\nThanks")
    assert table.texts == ["Sadly", "we", "must", "refuse", "your", "order", ".", "\n\n", "Thanks"]
    assert [table.idx[i] for i in (3, 4)] == [14, 22]  # offsets in the text stay the original ones
    assert list(table.sentence_starts) == [0, 7, 8]  # the blank line stays, between two sentences
    assert table[2].whitespace_ == " "  # the wrap reads as the space it is


def test_pack_expressions_search_alike_on_either_path() -> None:
    """Short words go to `re` when the expression cannot backtrack catastrophically;
    they find what the time-limited `regex` search finds, and an expression with a
    repetition inside a repetition always keeps the time limit."""
    from svclint.rules.patterns.matcher import _plain

    expressions = [r"^(?!(no|ni)$)\w+mos$", r"^[a-z]{4,}ly$", r"^(\S*\W)?gracias\W\S*$", r"^ayud",
                   r"^\w+(ar|er|ir)(le|la|lo){0,2}$", r"^[i1!][d][i1!\*][o0\*]t(s|ic)?$"]
    words = ["hablamos", "no", "quickly", "ly", "¡gracias!", "muchas", "ayudarle", "llamarle", "id1ot", "idiotic"]
    for expression in expressions:
        plain = _plain(expression)
        assert plain is not None, expression
        for word in words:
            assert (plain.search(word) is None) == (regex.search(expression, word) is None), (expression, word)
    for nested in (r"^(a|aa)+$", r"(\w+\s?)*x", r"^[a-z]+(\*+[a-z]+)+$", r"^\p{L}+$", r"^((?>a+)b?)+$",
                   r"^(a)?((?(1)a+|b))+$"):
        assert _plain(nested) is None, nested


LENGTH_EXPRESSIONS = [r"^[.,;!]$", r"^\?$", r"^[2-9]$", r"^(?!bien$)", r"^\w+mos$", r"^(?!(no|ni)$)[a-zñ]+$",
                      r"^\d{1,2}([:.]\d\d)?h?$", r"^(\S*\W)?gracias\W\S*$", r"agradec", r"^a|^bc$", r"(?i)^OK$",
                      r"^(ab|c)$", r"^\p{L}{3}$", r"^(a|aa)+$", r"^x\b", r"^.{2,3}$"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcñ.,?!2 \n49gracimosOKxbienl", max_size=8))
def test_a_words_expressions_are_found_alike_when_tried_by_their_widths(word: str) -> None:
    """A word is tried only with the expressions whose fewest and most characters fit its
    length; what is found is what trying every expression finds, in the same order."""
    matchers = MatcherSet(nlp(), 1.0)
    matchers._regexes = dict.fromkeys(LENGTH_EXPRESSIONS)
    every = [expression for expression in LENGTH_EXPRESSIONS if regex.search(expression, word)]
    for _ in range(17):  # past TIMED_EVERY words: the timed loop too
        assert list(matchers._regexes_in(word)) == every, word


def test_a_pattern_that_is_one_list_of_phrases_is_tried_phrase_by_phrase() -> None:
    from svclint.checks.pattern import register_patterns

    lists = {"refusals": ["we cannot refund", "the request was declined", "not something we offer"],
             "words": ["refund", "exchange", "voucher"]}
    matchers = MatcherSet(nlp())
    register_patterns(matchers, "phrases", ["$refusals"], lists)
    register_patterns(matchers, "words", ["$words"], lists)
    chains = [chain for listed in matchers._by_required.values() for chain in listed] + matchers._unanchored
    # each phrase its own pattern, anchored on a word of its own; single words stay one slot
    assert sorted(len(chain.steps) for chain in chains if chain.key == "phrases") == [3, 4, 4]
    assert all(chain.anchors for chain in chains if chain.key == "phrases")
    assert [len(chain.steps) for chain in chains if chain.key == "words"] == [1]
    table = analyse(nlp(), "Sorry, we cannot refund it. It is not something we offer. The request was declined.")
    found = {}
    for start, end in matchers(table).spans("phrases"):
        found[start] = max(end, found.get(start, end))
    assert [table.text[table.idx[start]:table.end(end - 1)] for start, end in sorted(found.items())] == [
        "we cannot refund", "not something we offer", "The request was declined"]
