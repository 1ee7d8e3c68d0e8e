"""Per-language spaCy pipelines: the blank tokenizer, the sentencizer, and
line-break sentence boundaries. No statistical model is loaded.

Token NORM is the lower-case, accent-folded form ("Tranquilícese" and
"tranquilicese" share it), computed once per vocabulary entry.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
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


@Language.component("svclint_boundaries")
def boundaries(doc: Doc) -> Doc:
    """Sentence boundaries the punctuation-only sentencizer misses or misplaces.

    An opening ¿ or ¡ starts the sentence it opens (the sentencizer leaves it at
    the end of the previous one). A blank line always ends a sentence; a single
    line break ends one when the line before ends in punctuation or the next line
    starts like a new sentence (headings, list items, salutations and signatures
    have no full stop)."""
    for token in doc:
        if token.text in OPENING_MARKS and token.i and not token.is_sent_start:
            if doc[token.i - 1].is_punct and token.i + 1 < len(doc) and doc[token.i + 1].is_sent_start:
                token.is_sent_start = True
                doc[token.i + 1].is_sent_start = False
            continue
        if not token.is_space or "\n" not in token.text or token.i + 1 >= len(doc):
            continue
        following = doc[token.i + 1]
        previous = doc[token.i - 1].text if token.i else "."
        if (
            token.text.count("\n") > 1
            or _NEW_SENTENCE_AFTER.search(previous)
            or _STARTS_NEW_LINE_SENTENCE.match(following.text)
        ):
            following.is_sent_start = True
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
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("svclint_boundaries")
    return nlp
