"""TPL003 — drafting leftovers: filler text, to-do markers, blanks and notes.

Case matters here, so this is a regular-expression check over the unit's text:
"TODO" in capitals is a marker while "todo" is a Spanish word. The pack gives
the filler phrases, the markers, the words that mark a bracketed blank, and those
of a note to the writer's colleagues: words that name one, in brackets or as a
label with a colon ("Internal note: …", «Nota interna: …»), words that end one
in brackets ("… before sending)", «… antes de enviar)»; "(before sending it
back, tape the box)" is said to the customer), and words that open one in
brackets («(Completar con …)»: an instruction in the infinitive, where the
customer is addressed in the imperative). A mask of X's standing for digits
("XX/XX", "XX:XX", "XXXX") is a blank in any language; "XX" alone is a Roman
numeral («siglo XX»); a word wrapped in x's («xxxtelefonoxxx») is a blank a macro
editor marks. A bracketed blank followed by "(" is the text of a
Markdown link, which a finished message has too. A variable's name in capitals left in
brackets ("<ISSUE_NUMBER>", «[NAME_CLIENTE]») is a blank too (RULES.md: bracketed capitals
are leftovers, not placeholders). A bracket that holds a placeholder ("[Order ID: :order]") is
filled in when the message is sent, and a BBCode tag ("[br]", "[b]…[/b]") is markup: neither is a blank.
"""

from __future__ import annotations

import re

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.schema import named_schema
from svclint.documents.template_syntax import prose_slots
from svclint.documents.unit import PLACEHOLDER_MARK

# X's standing for digits: two or more groups joined by / : . - ("XX/XX", "XX:XX"), or four or more
# capitals in a row ("XXXX"). Not "XX" or "XXX" alone: Roman numerals («siglo XX»); XXX is a marker.
# Not X's that hide the digits of a number whose last ones are shown: a card "ending XXXX-XXXX-XXXX-4421"
# is masked on purpose.
_DIGIT_MASK = r"(?<![\dXx\-])\b(?:(?:[Xx]{2,4}[/:.\-]){1,2}[Xx]{2,4}|X{4,})\b(?![\-\s]?[\dXx])"
# A word to fill in wrapped in runs of x's, a macro editor's way of marking its blanks («xxxtelefonoxxx», "XXXdateXXX").
_WRAPPED_BLANK = r"(?<!\w)(?:xxx+|XXX+)[^\W\d_]{2,30}?(?:xxx+|XXX+)(?!\w)"
# "XX" standing for a day before its month («el día XX de marzo», "on XX March"): the month makes it a blank.
_MONTHS = ("enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
           "|january|february|march|april|may|june|july|august|september|october|november|december")
_DAY_MASK = rf"\bXX(?=[ \t]+(?:de[ \t]+)?(?i:{_MONTHS})\b)"
# "XX" or "[x]" standing for a number before its unit («un plazo de XX días hábiles», "in [x] days"): the unit makes
# it a blank, as the month does; "[x]" alone is a ticked checkbox.
_UNITS = ("días|dias|horas|semanas|meses|minutos|años|euros|pesos|dólares|"
          "days|hours|weeks|months|minutes|years|business|working|dollars")
_COUNT_MASK = rf"(?:\bXX|\[[xX]\])(?=[ \t]+(?i:{_UNITS})\b)"
# A line of underscores left in the middle of a sentence for something to write in («Tu número de caso es ______ y
# te contactaremos»); not one ending a line, where a printed form leaves room to sign ("Signature: ______").
_UNDERLINE_BLANK = r"(?<=[^\s_][ \t])_{4,}(?=[ \t]+\w)"
# What to write, described in lower case in brackets: «[transportista]», «[nueva fecha]», "[wrong item]",
# "[timeframe if known / soon]". A label or a button shown in brackets is capitalised ("[Ver pedido]"); not a
# Markdown link or reference ("[text](…)", "[text]: …", "[text][ref]"), a checkbox ("[x]"), "[sic]", or a tag
# opening a line, as a subject's ("[undeliverable] Message too large"), unless the line before runs on into it ("te sugiero
# consultar\n[sistema/área]"), nor a wiki link to an address ("[mailto:donate@example.org our help team]").
_LOWERCASE_BLANK = rf"(?:(?<=[^\]\w\n])|(?<=[a-záéíóúñü,]\n))\[(?!sic\]|(?:mailto|tel):)[a-záéíóúñü][^\]\[\n<>{{}}{PLACEHOLDER_MARK}]{{1,40}}\](?![(:\[])"
# A BBCode tag, which chat widgets and forums render: "[br]", "[b]…[/b]", "[url=…]", "[send=0]…[/send]". A tag
# with its closing one in the text, or a line break or rule, is markup and no blank.
_BBCODE_TAG = re.compile(r"\[/?([a-z]+)(?:=[^\]\n]*)?\]")
_BBCODE_CLOSER = re.compile(r"\[/([a-z]+)\]")
_BBCODE_VOID = frozenset({"br", "hr"})
# A variable's name in capitals left in brackets or angles ("<ISSUE_NUMBER>", «[NAME_CLIENTE]»): the joined
# words of an identifier, which no sentence writes; a capital word alone is a tag or a label ("[CANCELED]").
_IDENTIFIER_BLANK = (r"(?<![\w\]])(?:\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\](?![(\[]|:[ \t]*(?:https?:|/))"
                     r"|<[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+>)")
# An assistant's lead-in left above the text it drafted: a line that hands over a version or options and ends with a
# colon, the draft quoted or labelled on the next line («Claro, aquí tienes una versión más cercana:\n«¿Ya tenés…»»,
# "Here are two versions you can use:\nOption 1 (short): …"). Options offered to the customer are listed, not quoted
# or numbered as drafts. A line of at most 200 characters, so that the search stays linear.
_PREFACE = (r"(?im:^(?=[^\n]{{0,200}}$)[^\n]*?\b(?:{leads})\b[^\n:]*?\b(?:{nouns})\b[^\n:]*:[ \t*_]*"
            r"(?=\n[ \t*_]*(?:[«\"“]|(?:{nouns})[ \t]+\d)))")
# A marker naming a kind of list or note ("a TODO list", "the FIXME comments") talks about one; it is none.
_MARKER_AS_NOUN = r"(?![ \t]+(?i:lists?|items?|comments?|notes?|apps?|markers?)\b)"


class Leftovers(Check):
    SCHEMA = named_schema(lists=("fillers", "draft_markers", "blank_words", "note_words", "note_ends", "note_starts"))

    def __init__(self, rule, config):
        super().__init__(rule, config)
        lists = rule.lists
        fillers = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in lists["fillers"])
        markers = "|".join(re.escape(m) for m in lists["draft_markers"])
        blanks = "|".join(re.escape(w) for w in lists["blank_words"])
        # a blank word in capitals after "#" stands for a number to fill in ("issue #NUMBER"); "#number" is a tag
        upper_blanks = "|".join(re.escape(w.upper()) for w in lists["blank_words"] if w.isalpha())
        notes = "|".join(re.escape(w) for w in lists["note_words"])
        ends = "|".join(re.escape(w) for w in lists["note_ends"])
        starts = "|".join(re.escape(w) for w in lists["note_starts"])
        # optional, so that packs written before them keep loading
        leads = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lists.get("assistant_leads", ()))
        nouns = "|".join(re.escape(w) for w in lists.get("draft_nouns", ()))
        preface = f"|{_PREFACE.format(leads=leads, nouns=nouns)}" if leads and nouns else ""
        self.pattern = re.compile(
            rf"(?i:\b(?:{fillers})\b)[^.!?\n]*"                         # lorem ipsum, to the sentence end
            rf"|\b(?:{markers})(?!\w){_MARKER_AS_NOUN}"                   # TODO, FIXME (capitals only), todo:
            rf"|{_DIGIT_MASK}"                                            # XX/XX, XX:XX, XXXX
            rf"|{_WRAPPED_BLANK}"                                         # xxxtelefonoxxx
            rf"|{_DAY_MASK}|{_COUNT_MASK}|{_UNDERLINE_BLANK}"             # el día XX de marzo, XX días, es ______ y
            rf"|\[(?i:[^\]\[\n{PLACEHOLDER_MARK}]*?\b(?:{blanks})\b)[^\]\[\n{PLACEHOLDER_MARK}]*\](?!\()"  # [NOMBRE], not [Order ID: :order]
            rf"|{_LOWERCASE_BLANK}"                                         # [transportista], [wrong item]
            rf"|{_IDENTIFIER_BLANK}"                                        # <ISSUE_NUMBER>, [NAME_CLIENTE]
            rf"|<(?![/!?])(?i:[^<>\n=-]*?\b(?:{blanks})\b)[^<>\n=-]*>"    # <nombre del cliente>, not <mj-button>
            rf"|(?<![\w&#])#(?:{upper_blanks})\b"                           # issue #NUMBER
            rf"|(?<![\w@#])[@#]<[A-Za-z][\w .-]{{0,30}}>"                   # @<reporter>, #<issue>: a mention or a number to fill
            rf"|<(?![/!?])[^\W\d_]+(?:[ \t]+[^\W\d_]+){{1,8}}>"                # <ETA según severidad>: words in angles, no tag
            rf"|[(\[](?i:[^()\[\]\n]*?\b(?:{notes})\b)[^()\[\]\n]*[)\]]"    # (Internal note: …)
            rf"|(?:(?<![^\n])|(?<=[.!?] ))[ \t]*(?i:(?:{notes})[ \t]*:)[^\n]*[^\s]"  # Internal note: … opening a line or sentence
            rf"|[(\[](?i:[^()\[\]\n]*?\b(?:{ends}))[.\s]*[)\]]"              # (… before sending)
            rf"|[(\[][ \t]*(?i:(?:{starts})\b)[ \t]+[^()\[\]\n]+[)\]]"        # (Completar con …), not «(añadir)»
            + preface                                                       # Claro, aquí tienes una versión…:
        )

    def run(self, ctx: UnitContext) -> list[Hit]:
        text = ctx.unit.text.text
        markup = _BBCODE_VOID | {tag.group(1) for tag in _BBCODE_CLOSER.finditer(text)}  # one pass over the text
        hits = [Hit(m.start(), m.end(), {"match": m.group()}) for m in self.pattern.finditer(text)
                if ctx.is_judged(m.start()) and not self._quoted_blank(ctx, m) and not _is_bbcode(m.group(), markup)]
        hits += [Hit(start, end, {"match": text[start:end]}) for start, end in prose_slots(text)
                 if ctx.is_judged(start) and not any(hit.start <= start < hit.end for hit in hits)]
        return sorted(hits, key=lambda hit: hit.start)

    @staticmethod
    def _quoted_blank(ctx: UnitContext, match: re.Match) -> bool:
        """A line of underscores inside quotation marks is a fill-in example the text shows
        ('an open-ended question: "What if ______ happened?"'), not a blank left in it."""
        return match.group().startswith("_") and ctx.quoted(ctx.token_span(match.start(), match.end()))


def _is_bbcode(found: str, markup: set[str]) -> bool:
    """Whether a bracketed match is a BBCode tag of `markup`: a line break or rule, or a tag closed in the text."""
    tag = _BBCODE_TAG.fullmatch(found)
    return bool(tag) and tag.group(1) in markup
