"""Per-language spaCy tokenizers and sentence boundaries (spaCy's sentencizer
rule, opening ¿/¡ and line breaks). No statistical model is loaded.

Token NORM is the lower-case, accent-folded form ("Tranquilícese" and
"tranquilicese" share it), computed once per vocabulary entry.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import regex
import spacy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LENGTH, NORM, ORTH
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
# Fold drops the grave, acute, circumflex and diaeresis accents (the tilde of ñ stays)
# from decomposed letters, so precomposed and NFD spellings fold alike.
_ACCENTS = dict.fromkeys(map(ord, "\u0300\u0301\u0302\u0308"))
# Then the curly apostrophe and fullwidth letters and signs become plain ASCII.
_FOLD = {ord("’"): "'", **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}}
_HIDDEN = regex.compile(r"\p{Cf}+")  # format characters: zero-width, soft hyphen, bidi controls
# An HTML entity left in plain text ("&mdash;", "&#8212;"): one character, not a word.
HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NEW_SENTENCE_AFTER = re.compile(r"[.!?:;…)\]]$")
_STARTS_NEW_LINE_SENTENCE = re.compile(rf"[A-ZÁÉÍÓÚÑÜ¿¡\d•\-*{PLACEHOLDER_MARK}{URL_MARK}]")
# A word that opens a sentence: a capital and then lower case (not an acronym such as "ET").
_OPENS_SENTENCE = re.compile(r"[¿¡]|[A-ZÁÉÍÓÚÑÜ](?:[a-záéíóúñü'’]|$)")


# English clitics written with a curly apostrophe get no NORM from the tokenizer.
_CLITICS = {"n't": "not", "'ve": "have", "'re": "are", "'m": "am", "'ll": "will", "'d": "would"}


def fold(text: str) -> str:
    """Lower case without acute, grave, circumflex or diaeresis accents (ñ stays),
    format characters or fullwidth forms, precomposed or not."""
    folded = text.lower()
    if not folded.isascii():
        bare = unicodedata.normalize("NFD", _HIDDEN.sub("", folded)).translate(_ACCENTS)
        folded = unicodedata.normalize("NFC", bare).translate(_FOLD)
    return _CLITICS.get(folded, folded)


# spaCy's sentencizer marks: a sentence ends after a run of these.
SENTENCE_MARKS = frozenset(Sentencizer.default_punct_chars)


_COLUMNS = [ORTH, NORM, IS_PUNCT, IS_SPACE, IS_ALPHA, IDX, LENGTH]


class Tokens:
    """A document's tokens as Python lists of attribute values, read from spaCy in
    one call (Token objects cost more on the hot path), and the tokens that open
    its sentences. Sentences are found here, not by a spaCy pipeline component:
    calling the pipeline costs more per document than the tokenizer itself."""

    def __init__(self, doc: Doc):
        self.doc = doc
        columns = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        orth, norm, self.punct, self.space, self.alpha, self.idx, self.length = columns
        strings = doc.vocab.strings
        self.texts = [strings[o] for o in orth]  # the store's own str objects, shared
        # A NORM id is a 64-bit hash: one int object per token unless repeats share one.
        shared: dict[int, int] = {}
        self.norm = [shared.setdefault(n, n) for n in norm]
        self.sentence_starts = [i for i, start in enumerate(_sentence_starts(self)) if start]

    def __len__(self) -> int:
        return len(self.texts)

    def column(self, attribute: int) -> list[int]:
        """Another attribute (IS_TITLE, LIKE_NUM…), read only for the patterns that need it."""
        return self.doc.to_array(attribute).tolist()


def analyse(nlp: Language, text: str) -> Tokens:
    return Tokens(nlp.make_doc(text))


def _sentence_starts(table: Tokens) -> list[bool]:
    """First spaCy's sentencizer rule: after a run of sentence-ending marks, the next
    token that is not punctuation opens a sentence. Then what that rule misses or
    misplaces: an opening ¿ or ¡ starts the sentence it opens (the rule leaves it
    at the end of the previous one); a blank line always ends a sentence; a single
    line break ends one when the line before ends in punctuation or the next line
    starts like a new sentence (headings, list items, salutations and signatures
    have no full stop)."""
    texts, punct, space = table.texts, table.punct, table.space
    if not texts:
        return []
    starts = [False] * len(texts)
    starts[0] = True
    seen_mark = False
    for i, text in enumerate(texts):
        if seen_mark and not punct[i] and text not in SENTENCE_MARKS:
            starts[i], seen_mark = True, False
        elif text in SENTENCE_MARKS:
            seen_mark = True
    last = len(texts) - 1
    for i, text in enumerate(texts):
        if text in OPENING_MARKS and i and not starts[i]:
            if punct[i - 1] and i < last and starts[i + 1]:
                starts[i], starts[i + 1] = True, False
            continue
        if not space[i] or "\n" not in text or i >= last:
            continue
        previous = texts[i - 1] if i else "."
        if text.count("\n") > 1 or _NEW_SENTENCE_AFTER.search(previous) or _STARTS_NEW_LINE_SENTENCE.match(texts[i + 1]):
            starts[i + 1] = True
    if URL_MARK in table.doc.text:
        _break_after_urls(texts, starts)
    return starts


def _break_after_urls(texts: list[str], starts: list[bool]) -> None:
    """A capitalised word right after a URL opens a sentence: chat replies end a sentence
    with a link and no full stop ("…here: https://… Let us know how it goes")."""
    for i in range(len(texts) - 1):
        if texts[i] == URL_MARK and _OPENS_SENTENCE.match(texts[i + 1]):
            starts[i + 1] = True


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
    return nlp
