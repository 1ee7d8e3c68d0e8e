"""Per-language spaCy tokenizers and sentence boundaries (spaCy's sentencizer
rule, opening ¿/¡ and line breaks). No statistical model is loaded.

Token NORM is the lower-case, accent-folded form ("Tranquilícese" and
"tranquilicese" share it), computed once per vocabulary entry.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterator
from functools import cache

import regex
import spacy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE, NORM, ORTH, SPACY
from spacy.language import Language
from spacy.lexeme import Lexeme
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
# An emoticon (":)", ";-)", ":D", ":(", "<3", "^^") or a run of emoji, as the tokenizer keeps them whole.
_FACE = re.compile(r"[:;=][-'^]?[()\[\]DPpO3/|]{1,3}|<3|\^_?\^|[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")


# English clitics written with a curly apostrophe get no NORM from the tokenizer.
_CLITICS = {"n't": "not", "'ve": "have", "'re": "are", "'m": "am", "'ll": "will", "'d": "would"}


def fold(text: str) -> str:
    """Lower case without acute, grave, circumflex or diaeresis accents (ñ stays),
    format characters or fullwidth forms, precomposed or not."""
    folded = text.lower()
    if not folded.isascii():
        folded = without_accents(_HIDDEN.sub("", folded)).translate(_FOLD)
    return _CLITICS.get(folded, folded)


def without_accents(text: str) -> str:
    """`text` in composed form without the accents fold drops, case kept: a pack's regular
    expression is matched on NORMs, so «\\w+ó$» is meant as «\\w+o$»."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_ACCENTS))


# spaCy's sentencizer marks: a sentence ends after a run of these.
SENTENCE_MARKS = frozenset(Sentencizer.default_punct_chars)


# The attributes read from each piece's spaCy Doc; SPACY: a single space follows the token.
_COLUMNS = [ORTH, NORM, IS_PUNCT, IS_SPACE, IS_ALPHA, SPACY, IDX]
# Characters tokenized at a time. A spaCy Doc costs about 160 bytes a token, so a
# whole large file at once took hundreds of megabytes (audit item H16); the table
# below keeps what the checks read in about 30 bytes a token. Small pieces also keep
# each Doc, freed before the next is made, under a megabyte: larger ones left that
# much freed memory behind the growing table (twice the table's size at 64K).
PIECE_CHARS = 1 << 13
# Where a piece may end: after whitespace, before a word. spaCy's tokenizer splits
# the text there whatever comes before or after, so the pieces' tokens, with their
# trailing spaces, are the whole text's tokens.
_PIECE_END = re.compile(r"\s(?=\S)")


class Tokens:
    """A document's tokens, column by column, and the tokens that open its sentences.

    The columns are read from spaCy one piece of text at a time (see PIECE_CHARS) and
    kept compact: a word's text and NORM id are one object however often it repeats
    (the vocabulary makes a new str each time it is asked), offsets are machine
    integers and flags bytes, so no Python object is made per token. Sentences are
    found here, not by a spaCy pipeline component: calling the pipeline costs more
    per document than the tokenizer itself. The table also reads like a spaCy Doc
    (`doc[i].text`, `doc[a:b]`) for the checks that walk a few tokens."""

    def __init__(self, nlp: Language, text: str, spoken: bool = False):
        self.text = text
        self.spoken = spoken
        self.vocab = nlp.vocab
        self.texts: list[str] = []
        self.norm: list[int] = []
        self.punct, self.space, self.alpha, self.trailing = bytearray(), bytearray(), bytearray(), bytearray()
        self.idx = array("q")  # where each token starts in the text
        texts: dict[int, str] = {}  # ORTH id -> its text, made once
        norms: dict[int, int] = {}  # a NORM id is a 64-bit hash: one int object per distinct word
        for offset, piece in _pieces(text):
            self._append(nlp.make_doc(piece), offset, texts, norms)
        starts = _line_starts(self) if spoken else _sentence_starts(self)
        starts = self._drop_inner_space(starts)
        self.sentence_starts = array("q", (i for i, start in enumerate(starts) if start))

    def _append(self, doc: Doc, offset: int, texts: dict[int, str], norms: dict[int, int]) -> None:
        """Add the tokens of a piece of the text that starts at `offset`."""
        if not len(doc):
            return
        orth, norm, punct, space, alpha, trailing, idx = doc.to_array(_COLUMNS).T.tolist()
        strings = self.vocab.strings
        self.texts.extend([texts[o] if o in texts else texts.setdefault(o, strings[o]) for o in orth])
        self.norm.extend([norms.setdefault(n, n) for n in norm])
        self.punct.extend(punct)
        self.space.extend(space)
        self.alpha.extend(alpha)
        self.trailing.extend(trailing)
        self.idx.extend([start + offset for start in idx] if offset else idx)

    def _drop_inner_space(self, starts: bytearray) -> bytearray:
        """Drop the space tokens inside a sentence: a line wrapped in the middle of a
        sentence, or a doubled space. spaCy keeps them as tokens, and between two words
        they hid every phrase that spans them from the patterns («we cannot\\nrefund»).
        The word before reads as followed by a space, which it is; blank lines and
        line breaks that end a sentence stay, for the checks that read them."""
        texts, space = self.texts, self.space
        inner = [i for i in range(1, len(texts) - 1)
                 if space[i] and not starts[i + 1] and not space[i - 1] and texts[i].count("\n") <= 1]
        if not inner:
            return starts
        for i in inner:
            self.trailing[i - 1] = True
        dropped = set(inner)
        kept = [i for i in range(len(texts)) if i not in dropped]
        self.texts = [texts[i] for i in kept]
        self.norm = [self.norm[i] for i in kept]
        for name in ("punct", "space", "alpha", "trailing"):
            column = getattr(self, name)
            setattr(self, name, bytearray(column[i] for i in kept))
        self.idx = array("q", (self.idx[i] for i in kept))
        return bytearray(starts[i] for i in kept)

    def __len__(self) -> int:
        return len(self.texts)

    def end(self, i: int) -> int:
        """Where token i ends in the text."""
        return self.idx[i] + len(self.texts[i])

    def covering(self, start: int, end: int) -> range:
        """The tokens that hold some of the characters start..end."""
        return range(max(0, bisect.bisect_right(self.idx, start) - 1), bisect.bisect_left(self.idx, end))

    @property
    def doc(self) -> Tokens:
        """The table itself, read as spaCy's Doc is (`doc[i]`, `doc[a:b]`, `doc.vocab`)."""
        return self

    def __getitem__(self, index: int | slice) -> TokenRef | TokenSpan:
        if isinstance(index, slice):
            return TokenSpan(self, *index.indices(len(self))[:2])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return TokenRef(self, index)

    def column(self, attribute: int) -> list[bool]:
        """A lexical flag (IS_TITLE, IS_UPPER, LIKE_NUM…) of every token, read only for the
        patterns that need it; looked up once per distinct word. A name (IS_TITLE) is a
        capitalised word, brands written in camel case included ("HomeFix"); spoken text
        has no capitals, so there it is any word that is not a function word."""
        vocab, known = self.vocab, {}
        flag = _flag_reader(attribute, self.spoken)
        return [known[t] if t in known else known.setdefault(t, flag(vocab[t])) for t in self.texts]


class TokenRef:
    """One token of a table, with the attributes of spaCy's Token the checks read."""

    __slots__ = ("table", "i")

    def __init__(self, table: Tokens, i: int):
        self.table, self.i = table, i

    @property
    def text(self) -> str:
        return self.table.texts[self.i]

    @property
    def idx(self) -> int:
        return self.table.idx[self.i]

    @property
    def whitespace_(self) -> str:
        return " " if self.table.trailing[self.i] else ""

    @property
    def is_space(self) -> bool:
        return bool(self.table.space[self.i])

    @property
    def is_punct(self) -> bool:
        return bool(self.table.punct[self.i])

    @property
    def lower_(self) -> str:
        return self._lexeme.lower_

    @property
    def is_stop(self) -> bool:
        return self._lexeme.is_stop

    @property
    def _lexeme(self) -> Lexeme:
        return self.table.vocab[self.text]


class TokenSpan:
    """Tokens [start, stop) of a table, as spaCy's Span reads them: made one by one as
    they are walked, so a slice to the end of a large document costs nothing."""

    def __init__(self, table: Tokens, start: int, stop: int):
        self.table, self.start, self.stop = table, start, max(start, stop)

    def __len__(self) -> int:
        return self.stop - self.start

    def __iter__(self) -> Iterator[TokenRef]:
        return (TokenRef(self.table, i) for i in range(self.start, self.stop))

    @property
    def text(self) -> str:
        """The text from the first token to the end of the last, without its trailing space."""
        if not len(self):
            return ""
        table = self.table
        return table.text[table.idx[self.start] : table.end(self.stop - 1)]


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of the text, cut where whitespace meets a word (see _PIECE_END)."""
    start = 0
    while len(text) - start > PIECE_CHARS and (cut := _PIECE_END.search(text, start + PIECE_CHARS)):
        yield start, text[start : cut.end()]
        start = cut.end()
    yield start, text[start:]


def analyse(nlp: Language, text: str, spoken: bool = False) -> Tokens:
    return Tokens(nlp, text, spoken)


def _sentence_starts(table: Tokens) -> bytearray:
    """First spaCy's sentencizer rule: after a run of sentence-ending marks, the next
    token that is not punctuation opens a sentence. Then what that rule misses or
    misplaces: an opening ¿ or ¡ starts the sentence it opens (the rule leaves it
    at the end of the previous one); a blank line always ends a sentence; a single
    line break ends one when the line before ends in punctuation or the next line
    starts like a new sentence (headings, list items, salutations and signatures
    have no full stop)."""
    texts, punct, space = table.texts, table.punct, table.space
    if not texts:
        return bytearray()
    starts = bytearray(len(texts))  # a byte a token: a list of flags costs eight
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
    if URL_MARK in table.text or _FACE.search(table.text):
        _break_after_links_and_faces(texts, starts)
    if _COMMA_BEFORE_CAPITAL.search(table.text):
        _break_comma_splices(table, starts)
    if "#" in table.text:
        _break_run_on_headings(table, starts)
    return starts


def _line_starts(table: Tokens) -> bytearray:
    """Sentences of spoken text: it has no marks to end them, so each line (a speaker's
    turn in a transcript) is one sentence, whatever stray marks it holds."""
    texts, space = table.texts, table.space
    starts = bytearray(len(texts))
    if texts:
        starts[0] = True
    for i in range(len(texts) - 1):
        if space[i] and "\n" in texts[i]:
            starts[i + 1] = True
    return starts


def _flag_reader(attribute: int, spoken: bool) -> Callable[[Lexeme], bool]:
    if attribute == IS_TITLE:
        return _could_be_name if spoken else _capitalised
    return lambda lexeme: lexeme.check_flag(attribute)


def _capitalised(lexeme: Lexeme) -> bool:
    """A word written as a name: title case ("Marta", "A"), or a capital first and lower-case
    letters after it whatever else they hold, as brands are written ("HomeFix", "PayPal")."""
    text = lexeme.orth_
    return text.istitle() or (text[:1].isupper() and any(char.islower() for char in text))


def _could_be_name(lexeme: Lexeme) -> bool:
    """In text without capitals, a word that could be a name: letters, not a function word."""
    return lexeme.is_alpha and not lexeme.is_stop and len(lexeme.orth_) > 1


def _break_after_links_and_faces(texts: list[str], starts: bytearray) -> None:
    """A capitalised word right after a URL, an emoticon or an emoji opens a sentence: chat
    replies end a sentence with a link or a smile and no full stop ("…here: https://… Let us
    know how it goes", "I'd love to help :) To fix it…", «Gracias 🙂 Te lo enviamos hoy»).
    A URL glued to a mark before it ("-https://…") is still a URL."""
    for i in range(len(texts) - 1):
        text = texts[i]
        if (text.endswith(URL_MARK) or _FACE.fullmatch(text)) and _OPENS_SENTENCE.match(texts[i + 1]):
            starts[i + 1] = True


_COMMA_BEFORE_CAPITAL = re.compile(r", [A-ZÁÉÍÓÚÑ][a-záéíóúñü]")


def _capitalised_function_word(table: Tokens, i: int) -> bool:
    """A function word written with a capital ("Para", "After", "If"), as a sentence
    opens; never "I", which English always writes so."""
    text = table.texts[i]
    return len(text) > 1 and text.istitle() and text.isalpha() and table.vocab[text.lower()].is_stop


def _break_comma_splices(table: Tokens, starts: bytearray) -> None:
    """A comma typed for a full stop: after a comma, a capitalised function word opens a
    sentence ("…las leyes, Para usar…", "…username changes, After 30 days…"). A name
    after a comma ("tu tarjeta, Visa acabada en…") is not a function word."""
    texts = table.texts
    for i in range(1, len(texts) - 1):
        if texts[i] == "," and table.alpha[i - 1] and _capitalised_function_word(table, i + 1):
            starts[i + 1] = True


def _break_run_on_headings(table: Tokens, starts: bytearray) -> None:
    """A Markdown heading whose first sentence runs on in the same line ("### Consider
    replying at once Rather than…"): in a heading line, a capitalised word after a lower-case
    one opens a sentence when it is a function word or a lower-case word follows it, as
    sentences start ("…a la vez En vez de…"); title-case headings ("How to Reset Your
    Password") have no lower-case word before their capitals' runs to break."""
    texts, alpha = table.texts, table.alpha
    heading = False
    for i, text in enumerate(texts):
        if "\n" in text:
            heading = False
        elif text == "#" and (i == 0 or "\n" in texts[i - 1]):
            heading = True
        elif (heading and 0 < i < len(texts) - 1 and alpha[i - 1] and texts[i - 1].islower()
              and text.istitle() and alpha[i]
              and (_capitalised_function_word(table, i) or (alpha[i + 1] and texts[i + 1].islower()))):
            starts[i] = True
            heading = False


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
# A mark glued to the next sentence's first word, the space left out (" .Thanks!", « ,Gracias»):
# the mark is its own token, so the word is read (a capital and then lower case: ".NET" stays whole).
_GLUED_MARK = re.compile(r"[.,;:!?](?=[A-ZÁÉÍÓÚÑ][a-záéíóúñ])")
# A gender ending in brackets glued to its word («Estimado(a) usuario(a)», «Sr(a).»): the ending and the
# bracket are split off, so the word is read as itself (spaCy keeps «Estimado(a» whole otherwise).
_BRACKETED_ENDING = re.compile(r"(?<=[a-záéíóúñ]\()(?:a|as|o|os|es)$|(?<=[a-záéíóúñ]{2})\($")


@cache
def pipeline(lang: str) -> Language:
    """The pipeline for a language, built once per process."""
    nlp = spacy.blank(lang)
    nlp.max_length = 100_000_000  # file size is limited by max-file-bytes, not by spaCy
    # A full stop right after a masked placeholder or URL ends the word, as after any
    # word (checked before the language's suffixes; recompiling those costs start-up).
    language_suffix = nlp.tokenizer.suffix_search
    nlp.tokenizer.suffix_search = (
        lambda text: _AFTER_MASK.search(text) or _BRACKETED_ENDING.search(text) or language_suffix(text))
    language_prefix = nlp.tokenizer.prefix_search
    nlp.tokenizer.prefix_search = lambda text: _GLUED_MARK.match(text) or language_prefix(text)
    _keep_written_auxiliaries(nlp)
    for abbreviation in ABBREVIATIONS[lang]:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    # Imported here, not with this module: every check imports the tokenizer, and the
    # checks stay free of the packs, which are validated against them.
    from svclint.rules.packs import load_shorthand

    norm = _norm_with(load_shorthand(lang))
    nlp.vocab.lex_attr_getters[NORM] = norm
    for lexeme in nlp.vocab:
        lexeme.norm_ = norm(lexeme.orth_)
    return nlp


def _norm_with(shorthand: dict[str, str]) -> Callable[[str], str]:
    """A word's NORM: folded, and a chat shorthand read as the word it stands for («q» is
    «que», "u" is "you"), so that every pattern naming the word matches it."""
    if not shorthand:
        return fold

    def norm(text: str) -> str:
        folded = fold(text)
        return shorthand.get(folded, folded)
    return norm
