"""Whether a word written in capitals is a word of Spanish or English at all.

CLR007 and CLR004 need it for one question: is "COBACH" a word shouted or a name
in capitals? A long token with vowels used to be taken for a word by its shape,
so a school's initials («COBACH») or a product («FORELO») were read as a raised
voice, and never as the acronym they are.

A word is known when spaCy's tables (the `spacy-lookups-data` package, installed
with svclint) hold it for either language: a form in a lemma table, or a word
common enough in the frequency tables (interjections and invariable words the
lemma tables leave out: «gratis», "hola", "never"). Names of the rarest sort
(«cobach», «ampa») fall below that line. Letters are folded as token NORMs are
(lower case, no accents but the tilde of ñ).

The tables take about two seconds to read, so the list is built once, on the first
question, and kept in the user's cache folder as one sorted line a word: later
runs read that file (a few megabytes) and search it without loading it word by
word. Without a usable cache folder, each process reads the tables itself.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from svclint.cachedir import cache_dir, read_own_bytes, write_bytes
from svclint.nlp import fold, without_accents
from svclint.rules.lexicon import lemma_table_words, lexicon_file, table_chunks

LANGUAGES = ("es", "en")
# Natural log of a word's frequency above which it counts as a word of the language:
# "gratis" (es -7.7), "never" (en -7.1), "netflix" (en -12.1), not «cobach» (-17.1) or «ampa» (-16.4).
COMMON_LOGPROB = -15.0
_HEADER = b"svclint known words 2\n"  # its number changes with the way the list is made
# One or two pronouns at the end of a Spanish imperative, infinitive or gerund, after a host of three letters
_ENCLITICS = re.compile(r"(?:(?:me|te|se|nos|os)?(?:lo|la|los|las|le|les)|me|te|se|nos|os)$")
_MIN_HOST = 3
_BLOCK = 1 << 18  # bytes of a frequency table read at a time
# One `"word": logprob` pair of a frequency table (a flat JSON object, one pair a line).
# (its words are JSON strings: «mañana» is written "ma\\u00f1ana")
_FREQUENCY = re.compile(rb'"((?:[^"\\\n]|\\.)+)": ?(-?[0-9][0-9.eE+-]*)')


def is_known_word(word: str) -> bool:
    """Whether `word`, in any case, is a word of Spanish or English (see the module's docstring)."""
    folded = fold(word)
    words = _known_words()
    if _holds(words, folded.encode()):
        return True
    # a Spanish verb with its pronouns attached, which the tables list bare: «REINICIALO», «DÍGASELO»
    host = _ENCLITICS.sub("", folded)
    return len(host) >= _MIN_HOST and host != folded and _holds(words, host.encode())


def _holds(words: bytes, target: bytes) -> bool:
    """Binary search of the sorted list, one word a line after its header, for `target`."""
    lo, hi = len(_HEADER), len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        start = words.rfind(b"\n", lo - 1, mid) + 1
        end = words.find(b"\n", start)
        if end < 0:
            end = len(words)
        line = words[start:end]
        if line == target:
            return True
        if line < target:
            lo = end + 1
        else:
            hi = start
    return False


@cache
def _known_words() -> bytes:
    """The sorted list, from the cache folder when an intact copy is there, else built (and kept)."""
    files = [path for lang in LANGUAGES for name in ("lemma_lookup", "lexeme_prob")
             if (path := _table(lang, name)) is not None]
    stamp = hashlib.sha256(_HEADER + repr([(p.name, (info := p.stat()).st_size, info.st_mtime_ns) for p in files]).encode())
    folder = cache_dir()
    path = folder / f"words-{stamp.hexdigest()[:16]}.txt" if folder else None
    kept = read_own_bytes(path) if path else None
    if kept and kept.startswith(_HEADER) and kept.endswith(b"\n"):
        return kept
    built = _HEADER + b"".join(word + b"\n" for word in sorted(_words_of(files)))
    if path:
        write_bytes(path, built)
    return built


def _table(lang: str, name: str) -> Path | None:
    lemmas = lexicon_file(lang)
    if lemmas is None:
        return None
    path = lemmas.with_name(f"{lang}_{name}.json.gz")
    return path if path.exists() else None


def _common_words(path: Path) -> Iterator[bytes]:
    """The words of a frequency table above COMMON_LOGPROB. The table lists its words from the most
    frequent down, so it is read a block at a time and no further than the first rarer word."""
    for chunk in table_chunks(path, _BLOCK):
        for word, logprob in _FREQUENCY.findall(chunk):
            if float(logprob) <= COMMON_LOGPROB:
                return
            yield json.loads(b'"' + word + b'"').encode() if b"\\" in word else word


def _words_of(files: Iterable[Path]) -> set[bytes]:
    """Every form and lemma of the lemma tables, and the common words of the frequency tables, folded."""
    raw: set[bytes] = set()  # each spelling once: a lemma stands beside every one of its forms
    for path in files:
        if path.name.endswith("_lexeme_prob.json.gz"):
            raw.update(_common_words(path))
        else:
            raw.update(lemma_table_words(path))
    # folded all at once, one word a line (word by word took a second)
    folded = without_accents(b"\n".join(raw).decode("utf-8", "replace").lower()).split("\n")
    return {word.encode() for word in folded if word.isalpha()}
