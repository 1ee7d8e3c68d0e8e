"""CLR007 — shouting: ordinary words in capitals and doubled !! or ??.

Tokens in capitals are grouped into runs ("NO LO HAGA", "DON'T WAIT"). A run
is shouting when it holds a common word of the language ("NO", "MUST") or a
long word that Spanish or English knows (5+ letters with a vowel, "URGENTE", "WORST";
see svclint.rules.words); a run of short unknown capitals ("RAM GPU") or a long
one neither language has («COBACH», "PEBKAC") reads as acronyms or a name and is
left to CLR004. Known acronyms,
glossary terms, drafting markers, bracketed blanks ("[NOMBRE]", TPL003's),
a word in brackets after its definition ("(COPPA)") or before it ("COPPA (the
Children's…)") and headings (Markdown's, HTML's h1–h6) are never shouting. Nor are names and
labels: a run of up to four words that fills a quotation (Pulse "ACEPTAR", the
"PAYMENT DECLINED" screen) quotes what a screen or a key shows, a run after a menu-path step
("Settings > PRIVACY") names an item of it, and a run right after an interface
word of the pack's `label_before` list ("Select CONTINUE", "la red EDUROAM",
"el botón ENVIAR") or right before one of its `label_after` list ("the SUBMIT
button", "the GUESTNET network") names a button, a tab or a network. A run that
opens its sentence, ends with a colon and is made of the pack's `notice_labels`
("WARNING: your session…", «AVISO: el pago…») is the conventional label of a
notice, not a raised voice; a stress word ("URGENT:", «ÚLTIMO AVISO:») still
shouts.

Capitals and repeated marks get their own message (the `marks` variant).
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from svclint.checks.base import Check
from svclint.checks.context import FoundSpans, Hit, Sentence, UnitContext
from svclint.checks.schema import named_schema
from svclint.rules.words import is_known_word

VOWELS = set("AEIOUÁÉÍÓÚÜ")
MARKS = ("!", "?", "¡", "¿")
OPENING_QUOTES = frozenset('"“«‘\'')
CLOSING_QUOTES = frozenset('"”»’\'')
MENU_STEP = (">", "&gt;", "→")
DOUBLED_MARK = re.compile(r"([!?¡¿])\1")
STRETCHED = re.compile(r"(\w)\1\1")  # a letter held for emphasis ("NOOO", "PLEASEEE")


def is_capitals(text: str) -> bool:
    """All letters upper case, at least one letter (apostrophes allowed: "DON'T" → "DO", "N'T")."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and all(c.isalpha() or c in "'’" for c in text)


def looks_like_word(text: str) -> bool:
    """A capitalised token of five letters or more, with a vowel, that Spanish or English knows as a
    word ("WORST", "URGENTE"; a final Y sounds as a vowel: "SHY") or that stretches one ("PLEASEEE")
    is a word, not an acronym. Letters that neither language has are a name in capitals: a school's
    initials («COBACH»), a product («FORELO»). Shorter ones ("PIN", "USB") are left to CLR004's lists."""
    vowels = sum(c in VOWELS for c in text) + text.endswith("Y")
    return len(text) >= 5 and vowels >= 1 and (STRETCHED.search(text) is not None or is_known_word(text))


def is_common_word(token) -> bool:
    """A word every reader knows (a stop word, a negation or a contraction), never an acronym."""
    return token.is_stop or "'" in token.text or "’" in token.text or token.lower_ in ("no", "not", "never", "nunca", "jamás")


class ExemptingCheck(Check):
    """A check that leaves known acronyms, drafting markers and glossary terms alone."""

    @cached_property
    def exempt(self) -> set[str]:
        lists = self.rule.lists
        return {w.upper() for w in lists.get("acronyms", []) + lists.get("draft_markers", []) + self.config.glossary}


def capitalised_in(ctx: UnitContext, sentence: Sentence) -> list:
    """The sentence's tokens that open with a capital letter."""
    found = ctx.capitalised
    lo, hi = bisect.bisect_left(found, sentence.start), bisect.bisect_left(found, sentence.end)
    return [ctx.doc[i] for i in found[lo:hi]]


def capital_runs(tokens, exempt: set[str], blanks: FoundSpans) -> list[list]:
    """Runs of neighbouring tokens in capitals that are not exempt or inside brackets (`blanks`)."""
    runs: list[list] = []
    for token in tokens:
        if is_capitals(token.text) and token.text not in exempt and token.idx not in blanks:
            if runs and runs[-1][-1].i == token.i - 1:
                runs[-1].append(token)
            else:
                runs.append([token])
    return runs


def defined_in_brackets(ctx: UnitContext, token) -> bool:
    doc = ctx.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"


def _defined_after(ctx: UnitContext, token) -> bool:
    """Spelled out in brackets right after: "COPPA (Children's Online Privacy Protection Act)"."""
    return token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].text == "("


class Capitals(ExemptingCheck):
    SCHEMA = named_schema()  # its lists (acronyms, label_before, …) are optional

    def run(self, ctx: UnitContext) -> list[Hit]:
        text = ctx.unit.text.text
        texts = ctx.tokens.texts
        if not DOUBLED_MARK.search(text) and not any(is_capitals(texts[i]) for i in ctx.capitalised):
            return []  # most texts: nothing in capitals, no !! or ??
        exempt = self.exempt
        blanks = ctx.bracketed
        hits = []
        for sentence in ctx.judged_sentences():
            if any(lo <= sentence.char_start < hi for lo, hi in ctx.unit.headings):
                continue
            for run in capital_runs(capitalised_in(ctx, sentence), exempt, blanks):
                if shouts(ctx, run) and not self._label(ctx, run) and not self._notice_label(ctx.doc, sentence, run):
                    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
                    hits.append(Hit(start, end, {"match": text[start:end]}))
            if any(mark + mark in text[sentence.char_start : sentence.char_end] for mark in MARKS):
                hits.extend(_repeated_marks(ctx.doc[sentence.start : sentence.end]))
        return sorted(hits, key=lambda h: h.start)

    @cached_property
    def label_words(self) -> dict[str, frozenset[str]]:
        """The interface words a label follows, the ones it precedes, the little words
        that may stand between ("Tap on CONTINUE", "la red EDUROAM", "the SUBMIT button"),
        and the words that name a notice ("WARNING:")."""
        lists = self.rule.lists
        names = ("label_before", "label_after", "label_skip", "notice_labels")
        return {name: frozenset(w.lower() for w in lists.get(name, [])) for name in names}

    def _notice_label(self, doc, sentence: Sentence, run: list) -> bool:
        """The run opens its sentence after nothing but marks ("**", "-"), a colon follows it,
        and it only names the kind of notice ("WARNING", «AVISO»; not «ÚLTIMO AVISO»)."""
        first, last = run[0].i, run[-1].i
        opens = not any(c.isalnum() for i in range(sentence.start, first) for c in doc[i].text)
        named = all(token.lower_ in self.label_words["notice_labels"] for token in run)
        return opens and named and last + 1 < len(doc) and doc[last + 1].text.startswith(":")

    def _label(self, ctx: UnitContext, run: list) -> bool:
        """A name or label in capitals: quoted whole, a menu step, or next to an interface word."""
        doc = ctx.doc
        first, last = _whole_label(doc, run)
        if _quoted(doc, first, last):
            return True
        start = doc[first].idx
        if ctx.unit.text.text[max(0, start - 8):start].rstrip().endswith(MENU_STEP):
            return True  # a step of a menu path: "Settings > PRIVACY", "Ayuda &gt; NECESITO AYUDA"
        words = self.label_words
        i = first - 1
        while i >= 0 and doc[i].lower_ in words["label_skip"] and first - i <= 2:  # at most two
            i -= 1
        after = doc[last + 1].lower_ if last + 1 < len(doc) else ""
        return (i >= 0 and doc[i].lower_ in words["label_before"]) or after in words["label_after"]


def _whole_label(doc, run: list) -> tuple[int, int]:
    """The run widened to the capitals around it: known words stay in a label ("YES PLEASE")."""
    first, last = run[0].i, run[-1].i
    while first and is_capitals(doc[first - 1].text):
        first -= 1
    while last + 1 < len(doc) and is_capitals(doc[last + 1].text):
        last += 1
    return first, last


# A label is a few words; a quotation longer than this in capitals is a sentence said loud
# ("GRACIAS POR PREFERIR KOKORO SUSHI DELIVERY").
LABEL_WORDS = 4


def _quoted(doc, first: int, last: int) -> bool:
    """Tokens first..last fill a quotation of a label's length: "ACEPTAR", «PAGO COMPLETADO»."""
    return 0 < first and last + 1 < len(doc) and last - first < LABEL_WORDS and \
        doc[first - 1].text in OPENING_QUOTES and doc[last + 1].text in CLOSING_QUOTES


def shouts(ctx: UnitContext, run: list) -> bool:
    """A run shouts when it holds a common word or a long word, not only short unknown capitals."""
    if len(run) == 1 and (defined_in_brackets(ctx, run[0]) or _defined_after(ctx, run[0])):
        return False
    words = [t for t in run if sum(c.isalpha() for c in t.text) >= 2]
    if len(run) == 1:
        return looks_like_word(run[0].text)
    return any(looks_like_word(t.text) or is_common_word(t) for t in words)


def _repeated_marks(tokens) -> list[Hit]:
    hits, run = [], []
    for token in [*tokens, None]:
        if token is not None and token.text in MARKS and (
                not run or (run[-1].text == token.text and not run[-1].whitespace_)):
            run.append(token)
            continue
        if len(run) >= 2:
            hits.append(Hit(run[0].idx, run[-1].idx + 1, {"match": "".join(t.text for t in run)}, variant="marks"))
        run = [token] if token is not None and token.text in MARKS else []
    return hits
