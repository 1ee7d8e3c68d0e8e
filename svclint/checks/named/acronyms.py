"""CLR004 — acronyms the customer may not know, used without being spelled out.

An acronym is a token of 2-6 capitals (digits allowed after the first letter)
that does not read as a word: not a common word of the language ("MUST",
"NO"), not a long word with vowels that Spanish or English knows (a long one neither
knows, «COBACH» or "PEBKAC", is an acronym or a name), not a word with vowels that labels its line
(«NOTA: …», "INFO: …"), not part of a shouted run nor a word of four letters beside other capitals
("NEED HELP?"), not inside a
bracketed blank ("[NOMBRE]", TPL003's). It is fine when it is in the pack's
common list or its `well_known` list (chat words, time zones, household brands),
the configured glossary or organisation name, or spelled out at its first use:
written in brackets after the words ("acuerdo de nivel de servicio (SLA)") or
followed by them in brackets ("SLA (acuerdo de nivel de servicio)"), or when the
text writes the same letters as a word elsewhere: a shop's logo "EVA" beside
"Deportes y Juguetes Eva" is its name in capitals.

Names are not acronyms to explain: a token with digits is a model or product
code ("PS4", "S10", "G6"); a token before a capitalised name is part of a brand
or product name ("HP ProBook", "GTA Online"); capitals joined by hyphens are a
code or licence name ("CC-BY-SA"); initials alone at the very end, after a
sign-off, sign the message ("Thanks! KM"); letters beside a noun the pack lists
for what has a name (`name_nouns`: "the BHIM app", «la app BHIM») name that app,
game or channel. Letters right after an amount are its currency or unit ("{{ $amount }} DH",
«0,5 UF»: a number, or a placeholder whose name the pack's `amount_words` say is an amount), and
capitals in a postal address are its parts ("8280 NW 66th St, Miami, FL 33166"). Each undefined acronym is reported
once, at its first use; the suggestion spells it out when the pack's
`expansions` list knows it ("SLA = service level agreement").
"""

from __future__ import annotations

import re
from functools import cached_property

from svclint.checks.context import FoundSpans, Hit, UnitContext
from svclint.checks.named.capitals import (VOWELS, ExemptingCheck, capital_runs, capitalised_in, is_common_word,
                                           looks_like_word, shouts)
from svclint.checks.schema import named_schema
from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK
from svclint.rules.words import is_known_word

ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}s?$")
SHORT_WORD = 4  # letters of a word that Spanish or English knows, read as shouted beside other capitals
ROMAN = re.compile(r"^[IVXLC]+$")
NAME_WORD = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-Za-záéíóúñü]*[a-záéíóúñü]")  # "ProBook", "Online", "Pavilion"
INITIALS_MAX = 4  # letters in an agent's initials ("KM", "MGR")
UNIT_MAX = 3  # letters in a currency or unit written after an amount ("DH", "UF", "MAD")
# an amount as prices are written (a reference number runs longer: "case 48213 RMA")
AMOUNT = re.compile(r"^\d{1,4}(?:[.,]\d{3})*(?:[.,]\d{1,2})?$")
# A postal address on one line: a building number, then within a few words a region and its
# postcode ("8280 NW 66th St, Miami, FL 33166", "360 Botany Road, Beaconsfield NSW 2015").
POSTAL_ADDRESS = re.compile(r"\b\d{1,6}\b[^\n]{0,60}?\b[A-Z]{2,3},? \d{4,5}(?:-\d{4})?\b")


class Acronyms(ExemptingCheck):
    SCHEMA = named_schema(lists=("well_known", "expansions", "name_nouns"))

    @cached_property
    def known(self) -> set[str]:
        """Acronyms never reported: the common and well-known lists, the glossary, and
        the capitalised words of the organisation's names ("Banco BXT" → "BXT")."""
        organisation = {word for name in self.config.organization for word in name.split()}
        return self.exempt | {w.upper() for w in self.rule.lists["well_known"]} | organisation

    @cached_property
    def expansions(self) -> dict[str, str]:
        """Acronym -> its spelled-out form, from the pack's "SLA = service level agreement" entries."""
        pairs = (entry.split("=", 1) for entry in self.rule.lists["expansions"])
        return {acronym.strip(): words.strip() for acronym, words in pairs}

    def run(self, ctx: UnitContext) -> list[Hit]:
        blanks = ctx.bracketed
        seen: set[str] = set()
        words: set[str] | None = None  # the unit's words not in capitals, read at the first candidate
        # the unit's postal addresses, found once at the first candidate: a region before its postcode and a
        # street's side or kind ("NW", "ST") between the building number and the postcode are no acronyms
        addresses = FoundSpans(POSTAL_ADDRESS, "")
        hits = []
        for sentence in ctx.judged_sentences():
            tokens = capitalised_in(ctx, sentence)
            shouted = {t.i for run in capital_runs(tokens, self.exempt, blanks) if shouts(ctx, run) for t in run}
            for token in tokens:
                text = token.text[:-1] if token.text.endswith("s") else token.text  # "ONGs"
                if not ACRONYM.match(token.text) or not text.isalpha() or text in seen:
                    continue  # not an acronym, or a model code with digits ("PS4", "S10")
                if (token.i in shouted or is_common_word(token) or token.idx in blanks or _signature(ctx, token)
                        or _word_among_capitals(ctx, token, text)):
                    continue  # shouting (CLR007) or a blank (TPL003), not an acronym
                seen.add(text)
                if words is None:
                    words = {word.lower() for word in ctx.tokens.texts if not word.isupper()}
                    addresses = FoundSpans(POSTAL_ADDRESS, ctx.unit.text.text)
                # the same letters written as a word elsewhere are a name in capitals ("Eva" beside "EVA")
                if not self._explained(ctx, token, text) and token.idx not in addresses and text.lower() not in words:
                    hits.append(self._hit(token, text))
        return hits

    def _explained(self, ctx: UnitContext, token, text: str) -> bool:
        """Known, a word, a numeral, a name, or spelled out where it is used."""
        return (text in self.known or ROMAN.match(text) is not None or looks_like_word(text)
                or _spelled_out(ctx, token) or _in_name(ctx, token) or self._names_a_product(ctx, token)
                or _labels_a_line(ctx, token, text) or self._counts_an_amount(ctx, token, text))

    @cached_property
    def amount_words(self) -> re.Pattern[str]:
        """Words in a placeholder's name that make it an amount ("{{ $amount }}", «{{ monto }}»).
        Optional, so that a user pack written for `acronyms` before it existed still loads."""
        words = self.rule.lists.get("amount_words", ())
        return re.compile("|".join(re.escape(word.lower()) for word in words) or r"(?!)")

    def _counts_an_amount(self, ctx: UnitContext, token, text: str) -> bool:
        """Two or three letters right after a number or an amount filled in are its currency or
        unit ("{{ $amount }} DH", «0,5 UF»), which the reader of that country knows."""
        if len(text) > UNIT_MAX or not token.i:
            return False
        before = ctx.doc[token.i - 1]
        if before.text == PLACEHOLDER_MARK:
            fill = ctx.unit.placeholders.get(before.idx)
            return fill is not None and self.amount_words.search(fill.name.lower()) is not None
        return AMOUNT.match(before.text) is not None

    @cached_property
    def name_nouns(self) -> frozenset[str]:
        return frozenset(noun.lower() for noun in self.rule.lists["name_nouns"])

    @cached_property
    def maker_verbs(self) -> frozenset[str]:
        """Optional, so that a user pack written for `acronyms` before it existed still loads."""
        return frozenset(verb.lower() for verb in self.rule.lists.get("maker_verbs", ()))

    def _names_a_product(self, ctx: UnitContext, token) -> bool:
        """Beside a noun for what has a name ("the BHIM app", «la app BHIM»), or said to be
        made by someone a few words on ("BHIM is not developed by Apple", «BHIM no está
        desarrollada por Apple»): the letters are that thing's name, which the customer
        knows it by."""
        doc = ctx.doc
        neighbours = (doc[i].text.lower() for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc))
        if any(word in self.name_nouns for word in neighbours):
            return True
        after = [t.text.lower() for t in doc[token.i + 1:token.i + 6]]
        return any(word in self.maker_verbs and following in ("by", "por")
                   for word, following in zip(after, after[1:]))

    def _hit(self, token, text: str) -> Hit:
        if text in self.expansions:  # the message can then give the term it stands for
            return Hit(token.idx, token.idx + len(token.text), {"match": token.text, "expansion": self.expansions[text]},
                       variant="known")
        return Hit(token.idx, token.idx + len(token.text), {"match": token.text})


def _signature(ctx: UnitContext, token) -> bool:
    """An agent's initials signing a message: after a mark ("^CM", "*MS", "/MQ", "-AK"), or
    as the last word of the text after a sign-off or a link ("Thanks! KM", "Un saludo, JM",
    "Cheers,\\nDJ", "… here: https://… HRB")."""
    text = ctx.unit.text.text
    if token.idx > 0 and text[token.idx - 1] in "^*/~-" and (token.idx < 2 or text[token.idx - 2].isspace()):
        return True
    doc = ctx.doc
    rest = doc[token.i + 1:]
    previous = doc[token.i - 1] if token.i else None
    return (len(token.text) <= INITIALS_MAX and all(t.is_space for t in rest) and previous is not None
            and (previous.is_punct or previous.is_space or "\n" in previous.whitespace_
                 or previous.text in (URL_MARK, PLACEHOLDER_MARK)))


def _labels_a_line(ctx: UnitContext, token, text: str) -> bool:
    """A word in capitals that labels what follows, opening its line or sentence with a colon
    («NOTA: …», "INFO: …"): a word with two vowels or more, read as a word, not spelled out."""
    doc = ctx.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    previous = doc[token.i - 1] if token.i else None
    opens = previous is None or "\n" in previous.text + previous.whitespace_ or previous.text in (".", "!", "?")
    return (len(text) >= 4 and sum(c in VOWELS for c in text) >= 2 and opens and after is not None
            and after.text == ":" and not token.whitespace_)


def _spelled_out(ctx: UnitContext, token) -> bool:
    doc = ctx.doc
    before = doc[token.i - 1].text if token.i else ""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    return before == "(" or after == "("


def _in_name(ctx: UnitContext, token) -> bool:
    """Part of a brand or product name ("HP ProBook", "GTA Online", "Naseem-SA"), or of a code
    joined by hyphens to other capitals ("CC-BY-SA")."""
    doc = ctx.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and token.whitespace_ == " " and NAME_WORD.match(after.text):
        return True
    return _hyphen_neighbour(doc, token.i, -1) or _hyphen_neighbour(doc, token.i, 1)


def _hyphen_neighbour(doc, i: int, step: int) -> bool:
    """Whether the token `step` away across a hyphen (written with no spaces) is in capitals or
    capitalised: a name ("Naseem-SA"), where a common word before the hyphen ("pre-KYC") is not."""
    hyphen, other = i + step, i + 2 * step
    if not 0 <= other < len(doc) or doc[hyphen].text != "-":
        return False
    first, second = sorted((i, hyphen, other))[:2]  # no space between the three tokens
    return (not doc[first].whitespace_ and not doc[second].whitespace_
            and (doc[other].text.isupper() or bool(NAME_WORD.match(doc[other].text))))


def _word_among_capitals(ctx: UnitContext, token, text: str) -> bool:
    """A word of four letters that Spanish or English knows, with a vowel, beside another word in capitals:
    a line in capitals ("NEED HELP?", "CALL NOW"), not an acronym. Alone, "NEED" or "CARE" may be one."""
    if len(text) != SHORT_WORD or not any(c in VOWELS for c in text) or not is_known_word(text):
        return False
    doc = ctx.doc
    return any(0 <= i < len(doc) and doc[i].text.isupper() and sum(c.isalpha() for c in doc[i].text) >= 2
               for i in (token.i - 1, token.i + 1))
