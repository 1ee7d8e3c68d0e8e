"""Terms: a pack names a word once, `[lemma]`, and matches every form of it.

The forms come from spaCy's lemma lookup tables (the `spacy-lookups-data`
package, installed with svclint): every inflected form the table maps to the
lemma, plus the lemma itself. Spanish verbs also get what the tables leave out:
the imperatives with enclitic pronouns (cálmese, cálmate, tranquilícense,
dígaselo, llamémonos, calmaos), the infinitive and gerund with enclitics
(llamarle, explicándoselo) and voseo (calmá, calmate, tenés, fijate); selectors
name the imperatives (`[llamar:imp]`), those with an enclitic pronoun
(`[calmar:enclitic]`), the present subjunctive
(`[enfadar:subj]`, for «no se enfade») or the enclitic imperatives of one person
(`[avisar:tu]`: avísame, avisame; `[avisar:usted]`: avise, avíseme), which the verb's
conjugation tells apart (escríbenos is tú, escríbanos usted). Forms are
folded as token NORMs are (lower case, no accents), so accentless spellings
match too.

The tables are read only when packs are compiled: the expansions are kept in the
compiled pack cache, so a run served from the caches never opens them.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

# `[lemma]`, a whole word of a pattern or word-list entry (not a class inside a /regex/)
TERM = re.compile(r"(?<![^\s(|])\[([^\W\d_]+(?::[a-z]+)?)\](?=[\s)|?]|$)")
LEXICON_PACKAGE = "spacy_lookups_data"

# Pronouns attached after an imperative, infinitive or gerund: one, or the pairs
# service language uses (dígaselo, explíquemelo, envíenoslo). Every form is indexed
# when the matcher is built, so rarer pairs (explicádnoslas) are left to be written out.
_SINGLE_CLITICS = ("me", "te", "se", "le", "lo", "la", "nos", "os", "les", "los", "las")
_CLITICS = _SINGLE_CLITICS + ("selo", "sela", "selos", "selas", "melo", "mela", "noslo", "telo")
_VERB_ENDINGS = ("ar", "er", "ir", "ír")
_VOS_PRESENT = {"ar": "ás", "er": "és", "ir": "ís", "ír": "ís"}
# Subjunctive-looking forms that are not present subjunctives or imperatives:
# imperfect indicative (llamaba, tenía) and the past subjunctives (llamara, llamase),
# recognised because the preterite plural (llamaron) is their stem plus -ron.
_NOT_IMPERATIVE_ENDINGS = ("aba", "ía")


class LexiconError(ValueError):
    """A term the lexicon cannot expand; the message says why and what to write."""


def lexicon_file(lang: str) -> Path | None:
    """Where the language's lemma table is installed, found without importing it."""
    spec = importlib.util.find_spec(LEXICON_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"{lang}_lemma_lookup.json.gz"
    return path if path.exists() else None


def lexicon_stamp(lang: str) -> bytes:
    """What identifies the installed table, for the digests of caches built from it."""
    path = lexicon_file(lang)
    if path is None:
        return b"no lexicon"
    stat = path.stat()
    return f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode()


# One `"form": "lemma"` pair of a table (a flat JSON object, one pair a line). A pair
# written with an escape would be skipped: none is, as no word form holds a quote or backslash.
_PAIR = re.compile(rb'"([^"\\\n]*)": ?"([^"\\\n]*)"')
_CHUNK = 1 << 20  # bytes of the table read at a time


@cache
def _forms_by_lemma(lang: str) -> dict[bytes, bytes]:
    """The table inverted: lemma -> its forms, one UTF-8 line each. It is read a
    megabyte at a time and each lemma's forms kept as one string: loaded as one JSON
    object, the Spanish table and its inverse took over 120 MB, which made compiling
    the packs the peak of a whole run's memory (now about 15 MB)."""
    path = lexicon_file(lang)
    if path is None:
        raise LexiconError(f"terms like [word] need the {lang} lemma table of the "
                           f"spacy-lookups-data package, which is not installed")
    forms: dict[bytes, bytes] = {}
    for pairs in _pairs_by_chunk(path):
        # the table is sorted by form, so a lemma's forms mostly fall in one chunk
        chunk: defaultdict[bytes, list[bytes]] = defaultdict(list)
        for form, lemma in pairs:
            chunk[lemma].append(form)
        for lemma, found in chunk.items():
            forms[lemma] = b"\n".join([forms[lemma], *found]) if lemma in forms else b"\n".join(found)
    return forms


def table_chunks(path: Path, size: int = _CHUNK) -> Iterator[bytes]:
    """A gzipped table of spacy-lookups-data, `size` bytes of whole lines at a time (read in
    blocks, not line by line: half a million lines cost more than what they hold)."""
    with gzip.open(path, "rb") as handle:
        rest = b""
        for block in iter(lambda: handle.read(size), b""):
            lines, _, rest = (rest + block).rpartition(b"\n")
            yield lines
        yield rest


def _pairs_by_chunk(path: Path) -> Iterator[list[tuple[bytes, bytes]]]:
    """The (form, lemma) pairs of a table, a chunk of whole lines at a time."""
    for chunk in table_chunks(path):
        yield _PAIR.findall(chunk)


def lemma_table_words(path: Path) -> Iterator[bytes]:
    """Every form and every lemma of a lemma table, as written there (with repeats)."""
    for pairs in _pairs_by_chunk(path):
        for form, lemma in pairs:
            yield form
            yield lemma


def _lemma_of(lang: str, form: bytes) -> bytes | None:
    """The lemma the table gives a form (a slow search: only for error messages)."""
    return next((lemma for lemma, forms in _forms_by_lemma(lang).items() if form in forms.split(b"\n")), None)


@cache
def expand(lang: str, term: str) -> tuple[str, ...]:
    """Every NORM a term matches, sorted; LexiconError when it cannot be expanded.

    `term` is a lemma (`llamar`: every form) or, for a Spanish verb, a lemma and a
    selector: `llamar:imp` (the imperatives, bare or with enclitics: llame, llámenos,
    llamá, llamad), `calmar:enclitic` (only those with an enclitic: cálmese, calmate,
    calmaos: a pronominal verb's order), `llamar:subj` (the present subjunctive:
    llame, llames, llamemos), `llamar:tu` (the tú and vos imperatives with an enclitic:
    llámame, llamame, llámalo) or `llamar:usted` (the usted ones, bare and with an
    enclitic: llame, llámeme, llámelo). A bare tú imperative is left out, as «llama» is
    also a third person; a bare usted one is also a subjunctive («que el técnico
    llame»), so a pack reads `:usted` where a request or step opens."""
    lemma, _, selector = term.partition(":")
    word = lemma.lower()
    forms = _forms_by_lemma(lang).get(word.encode())
    if forms is None:
        other = _lemma_of(lang, word.encode())
        if other is not None:
            raise LexiconError(f"[{term}] names a form of {other.decode()!r}: write [{other.decode()}]")
        raise LexiconError(f"[{term}] is not a word the {lang} lexicon knows; write its forms out")
    found = {word, *forms.decode().split("\n")}
    is_verb = lang == "es" and word.endswith(_VERB_ENDINGS)
    if selector and (not is_verb or selector not in SELECTORS):
        raise LexiconError(f"[{term}]: a selector ({', '.join(':' + s for s in SELECTORS)}) "
                           f"only follows a Spanish verb")
    if is_verb:
        paradigm = _spanish_verb(word, found)
        found = paradigm[selector] if selector else found | paradigm["imp"] | paradigm["extra"]
    from svclint.nlp import fold  # spaCy: only when terms are expanded, never in a run served from the caches

    return tuple(sorted({fold(form) for form in found}))


SELECTORS = ("imp", "enclitic", "subj", "tu", "usted")


def _spanish_verb(infinitive: str, forms: set[str]) -> dict[str, set[str]]:
    """What the table leaves out of a verb, and the subsets selectors name:
    `imp`, the imperatives of usted, tú, vos, ustedes, nosotros and vosotros, bare and
    with enclitics; `enclitic`, those with an enclitic; `tu`, the enclitic ones of tú
    and vos, `usted`, those of usted bare and with an enclitic; `subj`, the present subjunctive; `extra`, voseo and the
    infinitive and gerund with enclitics."""
    ending = infinitive[-2:]
    vos = infinitive[:-1]  # calmá, tené, viví: written with or without the accent
    candidates = _imperatives(forms)
    usted_vowel = "e" if ending == "ar" else "a"  # the person of a form is its last vowel: avisa / avise
    usted = {f for f in candidates if len(f) > 3 and f.endswith(usted_vowel)}
    tu = candidates - usted
    ustedes = {f + "n" for f in usted if f + "n" in forms}
    nosotros = _first_plural_imperatives(forms, ending)
    second_plural = "éis" if ending == "ar" else "áis"
    subj = usted | ustedes | nosotros | {f + "s" for f in usted} | {f[:-1] + second_plural for f in usted}
    # By person, the last vowel tells short forms too (use is usted's); the infinitive of a
    # short verb (dar, ver) and a form in -o («uso») are no imperative.
    hosts = {h for h in tu | usted if h != infinitive and not h.endswith("o")}
    usted_hosts = {h for h in hosts if h.endswith(usted_vowel)}
    tu_enclitic = _with_clitics((hosts - usted_hosts) | {vos}, _NOT_AFTER_TU)
    usted_enclitic = _with_clitics(usted_hosts, _NOT_AFTER_USTED)
    enclitic = _with_clitics(tu | {vos}, _NOT_AFTER_TU) | _with_clitics(usted | ustedes, _NOT_AFTER_USTED)
    for host in nosotros:  # llamémonos, llamémoslo: the s falls before nos and se
        enclitic.update(host[:-1] + c if c.startswith(("nos", "se")) else host + c for c in _CLITICS)
    # vosotros: calmadlo, but the d falls before os (calmaos)
    enclitic.update(vos + (clitic if clitic.startswith("os") else "d" + clitic) for clitic in _CLITICS)
    imp = tu | usted | ustedes | nosotros | {vos, vos + "d"} | enclitic
    extra = {infinitive[:-2] + _VOS_PRESENT[ending]}
    for host in {infinitive, *(f for f in forms if f.endswith("ndo"))}:
        extra.update(host + clitic for clitic in _CLITICS)
    return {"imp": imp, "enclitic": enclitic, "subj": subj & forms, "extra": extra,
            # a form both persons spell alike (none in the common verbs) marks neither
            "tu": tu_enclitic - usted_enclitic, "usted": (usted_hosts | usted_enclitic) - tu_enclitic}


# Clitics a tú or vos imperative does not take (cálmate, not «cálmase», an imperfect
# subjunctive), and those an usted or ustedes one does not (cálmese, not «cálmete»).
_NOT_AFTER_TU = ("se", "os")
_NOT_AFTER_USTED = ("te", "os")


def _with_clitics(hosts: set[str], left_out: tuple[str, ...]) -> set[str]:
    """Each host with each enclitic pronoun but those `left_out`."""
    return {host + clitic for host in hosts for clitic in _CLITICS if clitic not in left_out}


def _imperatives(forms: set[str]) -> set[str]:
    """Forms that can be a tú or usted imperative: ending in an unstressed a or e, with
    an -s or -n form beside them (llama, llame, vuelve, vuelva, cierre; either is enough,
    as the table has «dejen» but not «dejes»), not an imperfect or a past subjunctive;
    and the short irregular ones (pon, ten, ven, sal, haz, di)."""
    found = set()
    for form in forms:
        if len(form) <= 3 and form[-1:] not in "áéíóú":
            found.add(form)
        elif (form.endswith(("a", "e")) and (form + "s" in forms or form + "n" in forms)
              and not form.endswith(_NOT_IMPERATIVE_ENDINGS) and form[:-2] + "ron" not in forms):
            found.add(form)
    return found


def _first_plural_imperatives(forms: set[str], ending: str) -> set[str]:
    """Present subjunctives of nosotros (llamemos, tengamos, vamos), the hosts of
    llamémonos: -emos for -ar verbs, -amos for the others, but no future, imperfect
    or past subjunctive (llamaremos, teníamos, tuviéramos, tuviésemos)."""
    wanted = "emos" if ending == "ar" else "amos"
    return {form for form in forms
            if form.endswith(wanted) and not form.endswith(("remos", "bamos", "íamos", "ramos", "semos"))}


def terms_in(text: str) -> list[str]:
    """The lemmas of the terms written in a pattern or word-list entry."""
    return TERM.findall(text)
