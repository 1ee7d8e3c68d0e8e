"""TPL003 — drafting leftovers: filler text, to-do markers, bracketed blanks and notes.

Case matters here, so this is a regular-expression check over the unit's text:
"TODO" in capitals is a marker while "todo" is a Spanish word. The pack gives
the filler phrases, the markers, the words that mark a bracketed blank, and those
of a note to the writer's colleagues left in brackets: words that name one
anywhere inside ("Internal note:", «Nota interna:») or that end it ("… before
sending)", «… antes de enviar)»; "(before sending it back, tape the box)" is
said to the customer).
"""

from __future__ import annotations

import re

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.schema import named_schema


class Leftovers(Check):
    SCHEMA = named_schema(lists=("fillers", "draft_markers", "blank_words", "note_words", "note_ends"))

    def __init__(self, rule, config):
        super().__init__(rule, config)
        lists = rule.lists
        fillers = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in lists["fillers"])
        markers = "|".join(re.escape(m) for m in lists["draft_markers"])
        blanks = "|".join(re.escape(w) for w in lists["blank_words"])
        notes = "|".join(re.escape(w) for w in lists["note_words"])
        ends = "|".join(re.escape(w) for w in lists["note_ends"])
        self.pattern = re.compile(
            rf"(?i:\b(?:{fillers})\b)[^.!?\n]*"                         # lorem ipsum, to the sentence end
            rf"|\b(?:{markers})\b"                                        # TODO, FIXME (capitals only)
            rf"|\[(?i:[^\]\[\n]*?\b(?:{blanks})\b)[^\]\[\n]*\]"           # [NOMBRE], [Inserte fecha]
            rf"|<(?i:[^<>\n]*?\b(?:{blanks})\b)[^<>\n]*>"                # <nombre del cliente>
            rf"|[(\[](?i:[^()\[\]\n]*?\b(?:{notes})\b)[^()\[\]\n]*[)\]]"    # (Internal note: …)
            rf"|[(\[](?i:[^()\[\]\n]*?\b(?:{ends}))[.\s]*[)\]]"              # (… before sending)
        )

    def run(self, ctx: UnitContext) -> list[Hit]:
        text = ctx.unit.text.text
        return [Hit(m.start(), m.end(), {"match": m.group()}) for m in self.pattern.finditer(text)
                if ctx.is_judged(m.start())]
