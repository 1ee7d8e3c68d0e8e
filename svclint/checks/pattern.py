"""`pattern`: words that are wrong wherever they appear in a sentence.

A pack lists `match` patterns; optionally `also` (the sentence must contain one
of these too) and `unless` anti-patterns by where they veto the match:
`overlap` (the same words), `before` / `after` (earlier / later in the same
sentence), `sentence` (anywhere in it), `next` (later in it, or in the next
sentence) and `unit` (anywhere in the unit). `replace` maps patterns to the
literal text that replaces them (a safe fix, `{replacement}` in messages), or to
`{advice: …}` when no single replacement fits (shown, never applied).
"""

from __future__ import annotations

from svclint.checks.base import Check
from svclint.checks.context import Hit, Span, UnitContext, merge
from svclint.patterns import MatcherSet


def register_patterns(matchers: MatcherSet, prefix: str, patterns: list[str], lists: dict) -> None:
    for pattern in patterns:
        matchers.add(prefix, pattern, lists)


def register_unless(matchers: MatcherSet, prefix: str, unless: dict[str, list[str]], lists: dict) -> None:
    for scope, patterns in unless.items():
        register_patterns(matchers, f"{prefix}|unless|{scope}", patterns, lists)


def vetoed(ctx: UnitContext, prefix: str, span: Span, scopes) -> bool:
    """True when an anti-pattern of `prefix` stands where its scope says, relative to span."""
    start, end = span
    sentence = ctx.sentence_index(start)
    for scope in scopes:
        for lo, hi in ctx.spans(f"{prefix}|unless|{scope}"):
            other = ctx.sentence_index(lo)
            if scope == "overlap" and lo < end and start < hi:
                return True
            if scope == "unit":
                return True
            if scope == "sentence" and other == sentence:
                return True
            if scope == "before" and other == sentence and lo < start:
                return True
            if scope == "after" and other == sentence and hi > end:
                return True
            if scope == "next" and ((other == sentence and lo >= end) or other == sentence + 1):
                return True
    return False


class PatternCheck(Check):
    def register(self, matchers: MatcherSet) -> None:
        spec, lists = self.rule.spec, self.rule.lists
        self.finding_keys = frozenset([f"{self.key}|match", *(f"{self.key}|replace|{n}" for n in range(len(spec.get("replace", {}))))])
        register_patterns(matchers, f"{self.key}|match", spec.get("match", []), lists)
        for number, pattern in enumerate(spec.get("replace", {})):
            matchers.add(f"{self.key}|replace|{number}", pattern, lists)
        register_patterns(matchers, f"{self.key}|also", spec.get("also", []), lists)
        register_unless(matchers, self.key, spec.get("unless", {}), lists)

    def run(self, ctx: UnitContext) -> list[Hit]:
        hits = [hit for span in merge(ctx.spans(f"{self.key}|match")) if (hit := self._hit(ctx, span))]
        for number, replacement in enumerate(self.rule.spec.get("replace", {}).values()):
            # a literal replacement is a safe fix; advice ({advice: …}) is only shown
            values = {"replacement": replacement, "fix": replacement} if isinstance(replacement, str) else \
                {"replacement": replacement["advice"], "variant": "advice"}
            for span in merge(ctx.spans(f"{self.key}|replace|{number}")):
                hit = self._hit(ctx, span)
                if hit:
                    hits.append(Hit(hit.start, hit.end, {**hit.values, **values}))
        return _without_overlaps(hits)

    def _hit(self, ctx: UnitContext, span: Span) -> Hit | None:
        """The finding for one match, unless its sentence, scope or anti-patterns rule it out."""
        sentence = ctx.sentence_index(span[0])
        if sentence != ctx.sentence_index(span[1] - 1):
            return None  # a gap pattern must not reach across sentences
        start, end = ctx.char_span(span)
        if not ctx.is_judged(start):
            return None
        if "also" in self.rule.spec and not any(ctx.sentence_index(s) == sentence for s, _ in ctx.spans(f"{self.key}|also")):
            return None
        if vetoed(ctx, self.key, span, self.rule.spec.get("unless", {}).keys()):
            return None
        return Hit(start, end, {"match": ctx.unit.text.text[start:end]})


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of words: where patterns overlap, the longest match wins."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept
