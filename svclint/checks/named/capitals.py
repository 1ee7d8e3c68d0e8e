"""CLR007 — shouting: ordinary words in capitals and doubled !! or ??.

A capitalised token counts as shouting when it is not a known acronym, a
glossary term or a drafting marker, and either stands next to another
capitalised word or is a long word (5+ letters with at least two vowels, so
"URGENTE" is shouting and "HTTPS" is an acronym). Markdown headings are exempt.
"""

from __future__ import annotations

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.named import named

VOWELS = set("AEIOUÁÉÍÓÚÜ")


def is_capitals(text: str) -> bool:
    return len(text) >= 2 and text.isalpha() and text.isupper()


def looks_like_word(text: str) -> bool:
    """A long capitalised token with vowels is a word, not an acronym."""
    return len(text) >= 5 and sum(c in VOWELS for c in text) >= 2


def exempt_words(check: Check) -> set[str]:
    lists = check.rule.lists
    return {w.upper() for w in lists.get("acronyms", []) + lists.get("draft_markers", []) + check.config.glossary}


@named("capitals")
class Capitals(Check):
    def run(self, ctx: UnitContext) -> list[Hit]:
        exempt = exempt_words(self)
        hits = []
        for sentence in ctx.judged_sentences():
            if any(lo <= sentence.char_start < hi for lo, hi in ctx.unit.headings):
                continue
            tokens = list(ctx.doc[sentence.start : sentence.end])
            shouted = [t for t in tokens if is_capitals(t.text) and t.text not in exempt]
            for token in shouted:
                neighbours = [n for n in (token.nbor(-1) if token.i else None,
                                          token.nbor(1) if token.i + 1 < len(ctx.doc) else None)
                              if n is not None and n in shouted]
                if looks_like_word(token.text) or neighbours:
                    hits.append(Hit(token.idx, token.idx + len(token.text), {"match": token.text, "word": True}))
            hits.extend(self._repeated_marks(tokens))
        return _join_adjacent(hits, ctx.unit.text.text)

    @staticmethod
    def _repeated_marks(tokens) -> list[Hit]:
        hits, run = [], []
        for token in tokens + [None]:
            if token is not None and token.text in ("!", "?", "¡", "¿") and (not run or (
                    run[-1].text == token.text and not run[-1].whitespace_)):
                run.append(token)
                continue
            if len(run) >= 2:
                start, end = run[0].idx, run[-1].idx + 1
                hits.append(Hit(start, end, {"match": "".join(t.text for t in run)}))
            run = [token] if token is not None and token.text in ("!", "?", "¡", "¿") else []
        return hits


def _join_adjacent(hits: list[Hit], text: str) -> list[Hit]:
    """Neighbouring shouted words become one finding ("NO LO HAGA")."""
    joined: list[Hit] = []
    for hit in sorted(hits, key=lambda h: h.start):
        previous = joined[-1] if joined else None
        if previous and previous.values.get("word") and hit.values.get("word") \
                and text[previous.end : hit.start].strip() == "":
            joined[-1] = Hit(previous.start, hit.end, {"match": text[previous.start : hit.end], "word": True})
        else:
            joined.append(hit)
    return joined
