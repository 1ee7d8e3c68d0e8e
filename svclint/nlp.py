"""Per-language spaCy pipelines: the blank tokenizer, the sentencizer, and
line-break sentence boundaries. No statistical model is loaded.

Token NORM is the lower-case, accent-folded form ("Tranquilícese" and
"tranquilicese" share it), computed once per vocabulary entry.
"""

from __future__ import annotations

import re
from functools import cache

import numpy
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK

# Abbreviations the blank tokenizers split, which would end a sentence on their full stop.
ABBREVIATIONS = {
    "es": ["Sres.", "Sras.", "Srs.", "Dña.", "Dñas.", "Atte.", "Tel.", "Tfno.", "Telf.", "Núm.", "Nº.",
           "admón.", "Admón.", "Dpto.", "Depto.", "depto.", "Ref.", "ref.", "Art.", "art.", "Ctra.", "Pza.",
           "Excmo.", "Excma.", "Ilmo.", "Ilma.", "Prof.", "Profa."],
    "en": ["Ref.", "ref.", "Dept.", "dept.", "Tel.", "Approx.", "approx.", "No.", "Nos.", "Attn."],
}
OPENING_MARKS = {"¿", "¡"}
_FOLD = str.maketrans("áéíóúàèìòùâêîôûäëïöüý’", "aeiouaeiouaeiouaeiouy'")
_NEW_SENTENCE_AFTER = re.compile(r"[.!?:;…)\]]$")
_STARTS_NEW_LINE_SENTENCE = re.compile(rf"[A-ZÁÉÍÓÚÑÜ¿¡\d•\-*{PLACEHOLDER_MARK}{URL_MARK}]")


# English clitics written with a curly apostrophe get no NORM from the tokenizer.
_CLITICS = {"n't": "not", "'ve": "have", "'re": "are", "'m": "am", "'ll": "will", "'d": "would"}


def fold(text: str) -> str:
    """Lower case without acute, grave, circumflex or diaeresis accents (ñ stays)."""
    folded = text.lower().translate(_FOLD)
    return _CLITICS.get(folded, folded)


# spaCy's sentencizer marks: a sentence ends after a run of these.
SENTENCE_MARKS = frozenset(Sentencizer.default_punct_chars)


@Language.component("svclint_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts, computed on attribute arrays (no Token objects).

    First spaCy's sentencizer rule: after a run of sentence-ending marks, the next
    token that is not punctuation opens a sentence. Then what that rule misses or
    misplaces: an opening ¿ or ¡ starts the sentence it opens (the rule leaves it
    at the end of the previous one); a blank line always ends a sentence; a single
    line break ends one when the line before ends in punctuation or the next line
    starts like a new sentence (headings, list items, salutations and signatures
    have no full stop)."""
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).tolist()
    texts = [strings[orth] for orth, _, _ in columns]
    starts = [False] * len(texts)
    starts[0] = True
    seen_mark = False
    for i, (text, (_, punct, _)) in enumerate(zip(texts, columns)):
        if seen_mark and not punct and text not in SENTENCE_MARKS:
            starts[i], seen_mark = True, False
        elif text in SENTENCE_MARKS:
            seen_mark = True
    last = len(texts) - 1
    for i, (text, (_, punct, space)) in enumerate(zip(texts, columns)):
        if text in OPENING_MARKS and i and not starts[i]:
            if columns[i - 1][1] and i < last and starts[i + 1]:
                starts[i], starts[i + 1] = True, False
            continue
        if not space or "\n" not in text or i >= last:
            continue
        previous = texts[i - 1] if i else "."
        if text.count("\n") > 1 or _NEW_SENTENCE_AFTER.search(previous) or _STARTS_NEW_LINE_SENTENCE.match(texts[i + 1]):
            starts[i + 1] = True
    doc.from_array([SENT_START], numpy.array([1 if start else -1 for start in starts], dtype="int64")
                   .astype("uint64").reshape(-1, 1))
    return doc


# Tokenizer exceptions give "did" in "didn't" the NORM "do"; these auxiliaries keep
# their own form, so "didn't" and "don't" (blame vs suggestion) stay different.
AS_WRITTEN = {"did", "does", "had", "has", "was", "were"}


def _keep_written_auxiliaries(nlp: Language) -> None:
    """Drop the NORM of AS_WRITTEN auxiliaries from the tokenizer exceptions that set one
    (only those few are re-added: replacing every exception costs start-up time)."""
    for text, pieces in list(nlp.tokenizer.rules.items()):
        if any(NORM in piece and piece.get(ORTH, "").lower() in AS_WRITTEN for piece in pieces):
            nlp.tokenizer.add_special_case(text, [
                {k: v for k, v in piece.items() if not (k == NORM and piece.get(ORTH, "").lower() in AS_WRITTEN)}
                for piece in pieces])


_AFTER_MASK = re.compile(rf"(?<=[{PLACEHOLDER_MARK}{URL_MARK}])[.,;:]$")


@cache
def pipeline(lang: str) -> Language:
    """The pipeline for a language, built once per process."""
    nlp = spacy.blank(lang)
    nlp.max_length = 100_000_000  # file size is limited by max-file-bytes, not by spaCy
    # A full stop right after a masked placeholder or URL ends the word, as after any
    # word (checked before the language's suffixes; recompiling those costs start-up).
    language_suffix = nlp.tokenizer.suffix_search
    nlp.tokenizer.suffix_search = lambda text: _AFTER_MASK.search(text) or language_suffix(text)
    _keep_written_auxiliaries(nlp)
    for abbreviation in ABBREVIATIONS[lang]:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.vocab.lex_attr_getters[NORM] = fold
    for lexeme in nlp.vocab:
        lexeme.norm_ = fold(lexeme.orth_)
    nlp.add_pipe("svclint_sentences")
    return nlp
