"""`pattern`: words that are wrong wherever they appear in a sentence.

A pack lists `match` patterns; optionally `when` groups of patterns that count
only beside a companion of their own, by scope (`when: [{match: [this is an
automated message], next: [do not reply]}]`); `also` (the sentence must contain one
of these too) and `unless` anti-patterns by where they veto the match:
`overlap` (the same words), `before` / `after` (earlier / later in the same
sentence), `sentence` (anywhere in it), `next` (later in it, or in the next
sentence), `previous` (earlier in it, or in the sentence before), `near` (elsewhere in it,
in the sentence before or in the next), `unit` (anywhere in the unit), `notice` (the same
words, in a unit that reads as an automated notice on more than the match's sentence and the
next: there "this is an automated message, do not reply" is the truth; in a reply a person
wrote it is autopilot) and `published` (the same words, in a notice or an FAQ answer: text
the organisation writes for everyone, before anyone has a case, where "contact our support
team" is where a case starts), `unasked` (the same words, there or in a `text` unit such as a page
or an interface string: in no reply to someone who asked, where a rule's scope over a class of
orders refuses no one). `unless-all` lists groups of
anti-patterns by scope that veto only together (`- {after: [$reason], next: [$alternative]}`: a reason
after the match and an alternative in the next sentence). `also` may be written by scope too (`also: {previous:
[…], next: […]}`): then one of its patterns must stand where its scope says.
`outside` lists the contexts in which a match does not count, found once per
unit by the engine (svclint/checks/context.py): `negation` ("no hemos
encontrado ningún error"), `hypothetical` ("si tiene algún problema", "we can
make mistakes"), `question` ("¿No puede entrar?") and `quote` (quoted text, or
reported speech: "nos comenta que no puede entrar"). `replace` maps patterns to the
literal text that replaces them (a safe fix, `{replacement}` in messages), or to
`{advice: …}` when no single replacement fits (shown, never applied).
`scorer` names a learned scorer (svclint/checks/scorer.py) that finds the rule's sentences
in wording no pattern lists: a finding in a sentence where the patterns found nothing, at
the words that weigh most, judged by `also`, `unless` and `outside` as a match is, and
told with the rule's `scored` message.
`variants` name message variants of `messages:` and the patterns, by scope as
in `unless`, that choose one for a match (CLR005: a passive whose actor follows
«por» is told apart from one that hides it). `refines` takes over another rule's
findings: `refines: {NEG001: [(due to|per) our policy]}` makes a NEG001 refusal in
whose sentence the rules are named as its grounds a SIN006 finding, at those words,
when SIN006's own `also`, `unless` and `outside` let it count (patterns may be given
by scope as in `unless`: `{NEG001: {next: [end of story]}}`); the engine runs the
other rule even when it is not selected, and its `yields-to` then drops it there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from svclint.checks.base import Check
from svclint.checks.context import CONTEXT_MARKERS, Hit, Span, UnitContext, context_sets, merge, register_markers
from svclint.checks.schema import (CompanionedPatterns, Contexts, Needs, Patterns, PatternsOrScoped, Refinements,
                                   Replacements, Schema, ScopedGroups, ScopedPatterns, ScorerSpec, Variants)
from svclint.checks.scorer import Scorer, load, weights_file
from svclint.rules.patterns import MatcherSet

_WHOLE_LIST = re.compile(r"\$(\w+)")  # a pattern that is one word list: «$more_refusals»
# Where an anti-pattern (`unless`, `trigger-unless`) or a scoped `also` must stand: see stands().
UNLESS_SCOPES = ("overlap", "sentence", "before", "after", "next", "previous", "near", "unit", "notice", "published",
                 "unasked")
OUTSIDE = Contexts(CONTEXT_MARKERS, context_sets)
CLOSING_MARKS = frozenset(".,;:!?…")


def register_patterns(matchers: MatcherSet, prefix: str, patterns: Iterable[str], lists: dict) -> None:
    """Register a rule's patterns under `prefix`. A pattern that is one list of phrases and
    nothing else (`- $more_refusals`) is registered phrase by phrase: spelled out as one
    slot, its phrases share no first word, so the pattern is tried from every place where
    one of them may begin ("the", "is", "we"); each phrase alone is tried from its rarest
    word. A list of single words stays one slot, whose words are looked up at once."""
    for pattern in patterns:
        whole = _WHOLE_LIST.fullmatch(pattern.strip())
        entries = lists.get(whole.group(1)) if whole else None
        if entries and any(" " in entry.strip() for entry in entries):
            register_patterns(matchers, prefix, entries, lists)
        else:
            matchers.add(prefix, pattern, lists)


def register_unless(matchers: MatcherSet, prefix: str, unless: Mapping[str, list[str]], lists: dict) -> None:
    for scope, patterns in unless.items():
        register_patterns(matchers, f"{prefix}|unless|{scope}", patterns, lists)


def register_outside(matchers: MatcherSet, spec: dict, lists: dict) -> None:
    """The context markers a rule's `outside` reads (resolved from the shared pack when it was loaded)."""
    if "outside" in spec:
        register_markers(matchers, spec["outside"]["markers"], lists)


def counts_here(ctx: UnitContext, spec: dict, span: Span) -> bool:
    """Whether a match stands outside every context its rule's `outside` names, and outside the
    drafting blanks, whose words are a note to the writer (see UnitContext.in_blank)."""
    return ("outside" not in spec or ctx.outside(span, spec["outside"]["contexts"])) and not ctx.in_blank(span)


# How many sentences on each side of a match a scope reaches (`unit`: all of them).
SCOPE_REACH = {"overlap": 0, "notice": 0, "published": 0, "unasked": 0, "sentence": 0, "before": 0, "after": 0,
               "next": 1, "previous": 1, "near": 1}


def vetoed(ctx: UnitContext, prefix: str, span: Span, scopes, same_voice: bool = False) -> bool:
    """True when an anti-pattern of `prefix` stands where its scope says, relative to span.
    Only the sentences a scope reaches are searched, not the whole unit. An exception asks for
    `same_voice`: in a call script the customer's "can you send me a paper bill?" is no
    alternative the agent offered; what a rule needs beside its match (`also`) may be the
    customer's ("I have filed a complaint")."""
    voice = _voice(ctx, span) if same_voice else None
    return any(stands(ctx, span, other, scope) and (voice is None or _voice(ctx, other) == voice)
               for scope in scopes for other in _near(ctx, f"{prefix}|unless|{scope}", span, scope))


def _voice(ctx: UnitContext, span: Span) -> bool:
    """Whether a span is in the organisation's words (an agent's turn, or a text with no turns)."""
    return ctx.is_judged(ctx.doc[span[0]].idx)


def _near(ctx: UnitContext, key: str, span: Span, scope: str) -> list[Span]:
    reach = SCOPE_REACH.get(scope)
    return ctx.spans(key) if reach is None else ctx.spans_near(key, span[0], reach)


# Scopes that ask for the words to overlap the match, and what else each asks of the unit: `notice`
# holds in an automated notice (read apart from the match's own words), `published` there or in a FAQ,
# `unasked` there or in a `text` unit too (a page or an interface string: no one asked the question it answers).
_OVERLAP_SCOPES: dict[str, Callable[[UnitContext, Span], bool]] = {
    "overlap": lambda ctx, span: True,
    "notice": lambda ctx, span: ctx.notice_apart_from(span),
    "published": lambda ctx, span: ctx.kind == "faq" or ctx.notice_apart_from(span),
    "unasked": lambda ctx, span: ctx.kind in ("faq", "text") or ctx.notice_apart_from(span),
}


def stands(ctx: UnitContext, span: Span, other: Span, scope: str) -> bool:
    """Whether `other` lies where `scope` says, relative to `span`."""
    (start, end), (lo, hi) = span, other
    if scope in _OVERLAP_SCOPES:
        return lo < end and start < hi and _OVERLAP_SCOPES[scope](ctx, span)
    if scope == "unit":
        return True
    sentence, its = ctx.sentence_index(start), ctx.sentence_index(lo)
    if scope == "sentence":
        return its == sentence
    if scope == "before":
        return its == sentence and lo < start
    if scope == "after":
        return its == sentence and hi > end
    if scope == "next":
        return (its == sentence and lo >= end) or its == sentence + 1
    if scope == "previous":
        return (its == sentence and hi <= start) or its == sentence - 1
    if scope == "near":  # words of the match itself are not near it
        return its in (sentence - 1, sentence + 1) or (its == sentence and (lo >= end or hi <= start))
    raise ValueError(f"unknown scope {scope!r}")


class PatternCheck(Check):
    SCHEMA = Schema({
        "match": Patterns(),
        "when": CompanionedPatterns(UNLESS_SCOPES),
        "also": PatternsOrScoped(UNLESS_SCOPES),
        "unless": ScopedPatterns(UNLESS_SCOPES),
        "unless-all": ScopedGroups(UNLESS_SCOPES),
        "variants": Variants(UNLESS_SCOPES),
        "replace": Replacements(),
        "outside": OUTSIDE,
        "refines": Refinements(UNLESS_SCOPES),
        "scorer": ScorerSpec(),
    }, (Needs("match", "when", "replace"),))
    scorer: Scorer | None = None

    def register(self, matchers: MatcherSet) -> None:
        spec, lists = self.rule.spec, self.rule.lists
        replace = self.setting("replace")
        companioned = self.setting("when")
        self.finding_keys = frozenset([f"{self.key}|match", *(f"{self.key}|replace|{n}" for n in range(len(replace))),
                                       *(f"{self.key}|when|{n}" for n in range(len(companioned)))])
        register_patterns(matchers, f"{self.key}|match", self.setting("match"), lists)
        for number, group in enumerate(companioned):
            register_patterns(matchers, f"{self.key}|when|{number}", group["match"], lists)
            register_unless(matchers, f"{self.key}|when|{number}|with", group["with"], lists)
        for number, pattern in enumerate(replace):
            matchers.add(f"{self.key}|replace|{number}", pattern, lists)
        also = self.setting("also")
        if isinstance(also, dict):
            register_unless(matchers, f"{self.key}|also", also, lists)
        else:
            register_patterns(matchers, f"{self.key}|also", also, lists)
        register_unless(matchers, self.key, self.setting("unless"), lists)
        for number, group in enumerate(self.setting("unless-all")):
            register_unless(matchers, f"{self.key}|all|{number}", group, lists)
        for name, scoped in self.setting("variants").items():
            register_unless(matchers, f"{self.key}|variant|{name}", scoped, lists)
        register_outside(matchers, spec, lists)
        self.refines = tuple(self.setting("refines"))
        if scorer := self.setting("scorer"):
            self.scorer = load(weights_file(self.rule.path, scorer["weights"]))
            self.finding_keys = None  # a sentence no pattern matched may still be scored
        for source, refined in self.setting("refines").items():
            for scope, patterns in refined["scopes"].items():
                register_patterns(matchers, f"{self.key}|refines|{source}|{scope}", patterns, lists)

    def refine(self, ctx: UnitContext, found: Mapping[str, list[Hit]]) -> tuple[list[Hit], set[tuple[str, int]]]:
        """This rule's hits in the unit with those it takes over from the rules it refines:
        where one of its `refines` patterns stands where its scope says around such a
        rule's finding, at the pattern's words; and the findings taken over, as (code, start)."""
        hits, taken = list(found.get(self.key, ())), set()
        for source, refined in self.setting("refines").items():
            for hit in found.get(source, ()):
                anchor = ctx.token_span(hit.start, hit.end)
                new = [mine for scope in refined["scopes"]
                       for span in merge(_near(ctx, f"{self.key}|refines|{source}|{scope}", anchor, scope))
                       if stands(ctx, anchor, span, scope) and (mine := self._hit(ctx, span, words_only=True))]
                if new:
                    hits = _without_scored_in(ctx, hits, new)
                    hits.extend(new)
                    taken.add((source, hit.start))
        return _without_overlaps(hits), taken

    def run(self, ctx: UnitContext) -> list[Hit]:
        hits = [hit for span in merge(ctx.spans(f"{self.key}|match")) if (hit := self._hit(ctx, span, words_only=True))]
        for number, group in enumerate(self.setting("when")):
            companion = f"{self.key}|when|{number}|with"
            hits.extend(hit for span in merge(ctx.spans(f"{self.key}|when|{number}"))
                        if vetoed(ctx, companion, span, group["with"]) and (hit := self._hit(ctx, span, words_only=True)))
        for number, replacement in enumerate(self.setting("replace").values()):
            # a literal replacement is a safe fix; advice ({advice: …}) is only shown
            literal = isinstance(replacement, str)
            shown = replacement if literal else replacement["advice"]
            for span in merge(ctx.spans(f"{self.key}|replace|{number}")):
                hit = self._hit(ctx, span)
                if hit:
                    hits.append(Hit(hit.start, hit.end, {**hit.values, "replacement": shown},
                                    variant=None if literal else "advice", fix=replacement if literal else None))
        if self.scorer:
            hits.extend(self._scored(ctx, self.scorer, hits))
        return _without_overlaps(hits)

    def _scored(self, ctx: UnitContext, scorer: Scorer, hits: list[Hit]) -> list[Hit]:
        """The scorer's findings: one in each judged sentence where no pattern of the rule found
        anything and whose score reaches the threshold (the rule's, or `scorer-confidence` when
        higher), at the words that weigh most in it."""
        spec = self.setting("scorer")
        threshold = max(spec["threshold"], ctx.options.get("scorer-confidence", 0))
        if threshold >= 1:
            return []
        found = {ctx.sentence_at(hit.start) for hit in hits}
        scored = []
        for sentence in ctx.judged_sentences():
            if ctx.sentence_at(sentence.char_start) in found:
                continue
            runs = ctx.scored_runs(sentence)
            if runs is None or (score := scorer.score(runs)) < threshold:
                continue
            text = ctx.unit.text.text[sentence.char_start:sentence.char_end]
            if where := scorer.evidence(text):
                span = ctx.token_span(sentence.char_start + where[0], sentence.char_start + where[1])
                if hit := self._hit(ctx, span, words_only=True):
                    scored.append(Hit(hit.start, hit.end, {**hit.values, "score": f"{score:.2f}"}, variant="scored"))
        return scored

    def _hit(self, ctx: UnitContext, span: Span, words_only: bool = False) -> Hit | None:
        """The finding for one match, unless its sentence, scope or anti-patterns rule it out.
        `words_only` reports it without the marks that close it (not for a replacement,
        whose span is the text it replaces)."""
        sentence = ctx.sentence_index(span[0])
        if sentence != ctx.sentence_index(span[1] - 1):
            return None  # a gap pattern must not reach across sentences
        start, end = ctx.char_span(_words_of(ctx, span) if words_only else span)
        if not ctx.is_judged(start):
            return None
        spec = self.rule.spec
        if "also" in spec and not self._accompanied(ctx, span, sentence):
            return None
        if vetoed(ctx, self.key, span, self.setting("unless").keys(), same_voice=True) \
                or self._vetoed_together(ctx, span) \
                or not counts_here(ctx, spec, span):
            return None
        return Hit(start, end, {"match": ctx.unit.text.text[start:end]}, variant=self._variant(ctx, span))

    def _vetoed_together(self, ctx: UnitContext, span: Span) -> bool:
        """Whether some `unless-all` group has a pattern standing in each of its scopes."""
        return any(all(vetoed(ctx, f"{self.key}|all|{number}", span, (scope,), same_voice=True) for scope in group)
                   for number, group in enumerate(self.setting("unless-all")))

    def _variant(self, ctx: UnitContext, span: Span) -> str | None:
        """The first message variant whose patterns stand where their scope says, if any."""
        return next((name for name, scoped in self.setting("variants").items()
                     if vetoed(ctx, f"{self.key}|variant|{name}", span, scoped.keys())), None)

    def _accompanied(self, ctx: UnitContext, span: Span, sentence: int) -> bool:
        """Whether an `also` pattern stands in the sentence, or where its scope says."""
        also = self.rule.spec["also"]
        if isinstance(also, dict):
            return vetoed(ctx, f"{self.key}|also", span, also.keys())
        return any(ctx.sentence_index(s) == sentence for s, _ in ctx.spans_near(f"{self.key}|also", span[0], 0))


def _words_of(ctx: UnitContext, span: Span) -> Span:
    """The match without the marks or line break around it: a pattern may need the end of a
    sentence after its words («allá usted.») or a token before them that is not a negator
    (`/^(?!no$).+$/ deberías…`, which a colon can be), but the finding points at the words."""
    start, end = span
    while end - 1 > start and _closing(ctx.doc[end - 1].text):
        end -= 1
    while start < end - 1 and _closing(ctx.doc[start].text):
        start += 1
    return start, end


def _closing(text: str) -> bool:
    return text.isspace() or all(mark in CLOSING_MARKS for mark in text)


def _without_scored_in(ctx: UnitContext, hits: list[Hit], found: list[Hit]) -> list[Hit]:
    """The hits without the scorer's in the sentences of `found`: a scorer speaks only where the
    rule's patterns found nothing, and a finding taken over from another rule is a pattern's."""
    sentences = {ctx.sentence_at(hit.start) for hit in found}
    return [hit for hit in hits if hit.variant != "scored" or ctx.sentence_at(hit.start) not in sentences]


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of words: where patterns overlap, the longest match wins."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept
