"""CLR004 — acronyms the customer may not know, used without being spelled out.

An acronym is a token of 2-6 capitals (digits allowed after the first letter)
that does not read as a word: not a common word of the language ("MUST",
"NO"), not a long word with vowels, not part of a shouted run, not inside a
bracketed blank ("[NOMBRE]", TPL003's). It is fine when it is in the pack's
common list, the configured glossary, or spelled out at its first use: written
in brackets after the words ("acuerdo de nivel de servicio (SLA)") or followed
by them in brackets ("SLA (acuerdo de nivel de servicio)"). Each undefined
acronym is reported once, at its first use.
"""

from __future__ import annotations

import re

from svclint.checks.context import Hit, UnitContext
from svclint.checks.named import named
from svclint.checks.named.capitals import Bracketed, capital_runs, capitalised_in, ExemptingCheck, is_common_word, looks_like_word, shouts

ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}s?$")
ROMAN = re.compile(r"^[IVXLC]+$")


@named("acronyms")
class Acronyms(ExemptingCheck):
    def run(self, ctx: UnitContext) -> list[Hit]:
        exempt = self.exempt
        blanks = Bracketed(ctx.unit.text.text)
        seen: set[str] = set()
        hits = []
        for sentence in ctx.judged_sentences():
            tokens = capitalised_in(ctx, sentence)
            shouted = {t.i for run in capital_runs(tokens, exempt, blanks) if shouts(ctx, run) for t in run}
            for token in tokens:
                text = token.text[:-1] if token.text.endswith("s") else token.text  # "ONGs"
                if not ACRONYM.match(token.text) or not any(c.isalpha() for c in text) or text in seen:
                    continue
                if token.i in shouted or is_common_word(token) or _signature(ctx, token) or token.idx in blanks:
                    continue  # shouting (CLR007) or a blank (TPL003), not an acronym
                seen.add(text)
                if text in exempt or ROMAN.match(text) or looks_like_word(text) or _spelled_out(ctx, token):
                    continue
                hits.append(Hit(token.idx, token.idx + len(token.text), {"match": token.text}))
        return hits


def _signature(ctx: UnitContext, token) -> bool:
    """An agent's initials signing a message: "^CM", "*MS", "/MQ", "-AK"."""
    text = ctx.unit.text.text
    return token.idx > 0 and text[token.idx - 1] in "^*/~-" and (token.idx < 2 or text[token.idx - 2].isspace())


def _spelled_out(ctx: UnitContext, token) -> bool:
    doc = ctx.doc
    before = doc[token.i - 1].text if token.i else ""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    return before == "(" or after == "("
