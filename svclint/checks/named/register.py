"""LNG002 — Spanish register: the customer addressed as usted and as tú/vos in one
unit, or (when `register: usted|tu` is configured) in the register opposite to it.

Markers come from two places. The pack lists the words no suffix can classify
(pronouns, possessives that can only mean the customer, irregular verbs, imperatives
whose ending depends on the verb's conjugation: «escríbanos» / «escríbenos»). This
module reads the rest from the written word itself: enclitic imperatives stressed
three syllables from the end («cálmese», «tómese» are usted; «cálmate» is tú), voseo
stressed endings («tenés», «necesitás», «revisá»), vosotros endings («podéis») and
the tú future («tendrás»). Ambiguous third-person forms («puede») are no marker.

Tú and vos are one register for mixing (informal); the message names which of them
the text used. Without a configured register only real mixing is reported, on the
first word of the register fewer markers use (see _prevailing); with one, on the first
word of the other register.
"""

from __future__ import annotations

import re

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext, merge
from svclint.checks.pattern import register_patterns
from svclint.checks.schema import Patterns, named_schema
from svclint.rules.patterns import MatcherSet

# Pack option keys: what each marks. `informal` holds forms tú and vos share («te», «tu pedido»).
# `usted_imperative`: bare or enclitic usted imperatives where a step opens; one written with a
# final accent is the agent's preterite folded to it («revisé» / «revise») and does not count.
# `tu_step`: a bare tú imperative opening a step, matched with the one token after it that
# shows it is an order; the marker is the verb alone, the match's last token but one.
REGISTER_OF = {"usted": "usted", "usted_imperative": "usted", "tu": "tu", "tu_step": "tu", "vos": "tu",
               "informal": "tu"}
LABELS = {"usted": "usted", "usted_imperative": "usted", "tu": "tú", "tu_step": "tú", "vos": "vos"}
# Pack option key of look-alikes («té verde», «el programa Tu Casa»): a marker they overlap does not count.
NOT_MARKERS = "none"

_ACCENTED = "áéíóú"
# An accent on a syllable before the last two: only an enclitic imperative ends so in -ese/-ate.
_USTED_ENCLITIC = re.compile(rf"^\w*[{_ACCENTED}]\w*[ae]se$")
_TU_ENCLITIC = re.compile(rf"^\w*[{_ACCENTED}]\w*[ae]te(lo|la|los|las)?$")
_TU_FUTURE = re.compile(r"^\w{2,}rás$")
_VOSOTROS = re.compile(r"^\w+[áé]is$")
_VOSEO_PRESENT = re.compile(r"^\w{2,}[áéí]s$")
_VOSEO_IMPERATIVE = re.compile(r"^\w{2,}[^r]á$")
# Words with the same stressed endings that are not second-person verbs.
_NOT_VERBS = frozenset("""
    más además atrás detrás jamás quizás demás compás satanás ananás
    después través revés envés interés estrés exprés cortés ciprés ciempiés
    país anís mamá papá sofá acá allá quizá ojalá maná está
    inglés francés japonés holandés portugués escocés irlandés danés finlandés
    tailandés islandés neerlandés libanés marqués burgués feligrés
""".split())


def morphological_register(word: str) -> str | None:
    """The register a word's ending marks ("usted", "tu", "vos", or "informal" when tú
    and vos share the form), or None."""
    word = word.lower()
    if word in _NOT_VERBS:
        return None
    if word == "estás":  # tú and vos say it alike
        return "informal"
    if _USTED_ENCLITIC.match(word):
        return "usted"
    if _TU_ENCLITIC.match(word) or _TU_FUTURE.match(word) or _VOSOTROS.match(word):
        return "tu"
    if _VOSEO_PRESENT.match(word) or _VOSEO_IMPERATIVE.match(word):
        return "vos"
    return None


_ACCENTED_WORD = re.compile(rf"\w*[{_ACCENTED}]\w*")
_SENTENCE_OPENERS = frozenset("\n.!?…:;¿¡«\"“(")
Marker = tuple[tuple[int, int], str]  # character span, pack key or morphological register


class Register(Check):
    SCHEMA = named_schema({key: Patterns() for key in (*REGISTER_OF, NOT_MARKERS)})

    def register(self, matchers: MatcherSet) -> None:
        # finding_keys stays None: a unit whose only markers are word endings runs the check too.
        for key in (*REGISTER_OF, NOT_MARKERS):
            register_patterns(matchers, f"{self.key}|{key}", self.rule.spec["options"][key], self.rule.lists)

    def run(self, ctx: UnitContext) -> list[Hit]:
        # A word's ending names its register more exactly than a pack word it folds to
        # («cálmate» is tú, the pack's voseo «calmate» is spelled without the accent); a
        # marker inside a longer one is the word that the longer one read with its context
        # («si tenés», «si tienes»: the marker is «tenés», «tienes»).
        by_span = dict(self._pack_markers(ctx)) | dict(self._word_markers(ctx))
        by_span = {span: key for span, key in by_span.items()
                   if not any(span[0] <= start and end <= span[1] and (start, end) != span for start, end in by_span)}
        text = ctx.unit.text.text
        look_alikes = [ctx.char_span(span) for span in merge(ctx.spans(f"{self.key}|{NOT_MARKERS}"))]
        history = _history_start(text)
        markers = [m for m in sorted(by_span.items())
                   if m[0][0] < history and ctx.is_judged(m[0][0]) and not _quoted(text, m[0][0])
                   and not _in_title(text, m[0][0])
                   and not any(start < m[0][1] and m[0][0] < end for start, end in look_alikes)]
        if not markers:
            return []
        configured = self.config.register
        house = configured or _prevailing(markers)
        kept = [m for m in markers if REGISTER_OF[m[1]] == house]
        strays = [m for m in markers if REGISTER_OF[m[1]] != house]
        if not strays:
            return []
        (start, end), key = strays[0]
        if kept:
            variant, example = ("mixed" if configured else "unset"), kept[0]
        else:
            variant, example = "opposite", strays[0]
        return [Hit(start, end, {"match": text[start:end], "register": label(key, markers),
                                 "earlier": text[example[0][0]:example[0][1]],
                                 "opened": label(example[1], markers),
                                 "configured": LABELS[configured or "usted"]}, variant=variant, related=example[0])]

    def _pack_markers(self, ctx: UnitContext) -> list[Marker]:
        """Markers of the pack's patterns; a pattern that opens with the punctuation before an
        imperative («, seleccione») marks the word, not the comma."""
        text = ctx.unit.text.text
        markers = []
        for key in REGISTER_OF:
            spans = ctx.spans(f"{self.key}|{key}")
            # a step marks its verb alone, the match's last token but one (not merged: two steps
            # of one sentence would leave one verb)
            for span in ([(end - 2, end - 1) for _, end in spans] if key == "tu_step" else merge(spans)):
                start, end = ctx.char_span(span)
                while start < end and not text[start].isalnum():
                    start += 1
                if key == "usted_imperative" and text[end - 1] in "éÉ":
                    continue
                markers.append(((start, end), key))
        return markers

    def _word_markers(self, ctx: UnitContext) -> list[Marker]:
        """Markers read from the endings of accented words (every ending the module reads
        carries an accent); a capitalised word inside a sentence is a name («Hola, Andrés»)."""
        text = ctx.unit.text.text
        markers = []
        for word in _ACCENTED_WORD.finditer(text):
            if word.group()[0].isupper() and not _opens_sentence(text, word.start()):
                continue
            register = morphological_register(word.group())
            if register:
                markers.append((word.span(), register))
        return markers


def _prevailing(markers: list[Marker]) -> str:
    """The register most of a unit's markers use, or the first one's on a tie: a trainer
    marks the odd words out, even when one of them comes first (a stray «tu equipo» in
    the signature of a reply written to usted)."""
    counts = {register: sum(REGISTER_OF[key] == register for _, key in markers) for register in ("usted", "tu")}
    if counts["usted"] == counts["tu"]:
        return REGISTER_OF[markers[0][1]]
    return max(counts, key=counts.__getitem__)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a word starts a text, a line, a sentence or a question, where verbs are capitalised too."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_OPENERS


# A title written in capitalised words («**Cierre Automático - PR Duplicado**», «Confirme Su Cita»): its verbs
# name the subject, they address nobody. Short linking words stay in lower case («Aviso de Corte»).
_TITLE_LINE = re.compile(r"[\W_]*(?:(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñü]*|de|del|la|el|los|las|y|e|o|a|en|por|para|con|al|su|tu|[-–—:#|]|\d+)"
                         r"[\W_]*?\s+){1,8}[A-ZÁÉÍÓÚÑ][\wáéíóúñü]*[\W_]*")
_MIN_TITLE_CAPITALS = 2


# What follows a verb and not a noun in a title: «Confirme Su Cita» still asks the reader.
_WORD = re.compile(r"\w*")
_OBJECT_WORD = re.compile(r"\s+(?i:su|sus|tu|tus|le|les|lo|la|los|las|nos|me|te|el|un|una|este|esta|estos|estas)\b")


def _in_title(text: str, start: int) -> bool:
    """Whether the word at `start` is a noun in a line of up to nine words written as a title, every
    word but the short linking ones capitalised and no sentence mark at its end; a word with its
    object after it is a verb even there."""
    if _OBJECT_WORD.match(text, _WORD.match(text, start).end()):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    capitals = sum(1 for word in line.split() if word.lstrip("*_#¡¿\"«(")[:1].isupper())
    return (capitals >= _MIN_TITLE_CAPITALS and not line.rstrip("*_ ").endswith((".", "?", "!", ","))
            and _TITLE_LINE.fullmatch(line) is not None)


def _quoted(text: str, start: int) -> bool:
    """Inside quotation marks or square brackets on its line, or on a line quoted from an
    earlier e-mail (>): a button label, someone else's words («Regístrate»), a note to the
    agent that is not sent ([Nota: pídele el pedido]), the customer's own message."""
    before = text[text.rfind("\n", 0, start) + 1:start]
    return (before.count("«") > before.count("»") or before.count("“") > before.count("”")
            or before.count('"') % 2 == 1 or before.count("[") > before.count("]")
            or before.lstrip().startswith(">"))


# Where a reply's quoted history starts: «-----Mensaje original-----», «El 3 de mayo, Juan escribió:».
_HISTORY = re.compile(r"^[ \t]*(-{3,}[ \t]*(mensaje original|original message)[ \t]*-{3,}"
                      r"|(el|on)\b[^\n]{0,150}\b(escribió|wrote)[ \t]*:)[ \t]*$", re.IGNORECASE | re.MULTILINE)


def _history_start(text: str) -> int:
    """The offset of an e-mail's quoted history (the customer's earlier message), or the text's end."""
    found = _HISTORY.search(text)
    return found.start() if found else len(text)


def label(key: str, markers: list[Marker]) -> str:
    """How a marker's register is named: forms tú and vos share take the name of the
    first form in the text that tells them apart (tú when none does)."""
    if key == "informal":
        key = next((k for _, k in markers if k in ("tu", "vos")), "tu")
    return LABELS[key]
