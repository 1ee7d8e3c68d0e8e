"""`metric`: numbers measured on the text, compared with thresholds in `options`.

- `sentence-length`: words per sentence (`max-sentence-words`). A placeholder
  or URL is one word; punctuation is none; each list item is its own sentence.
- `readability`: Spanish INFLESZ (Szigriszt-Pazos) or Fernández-Huerta,
  English Flesch Reading Ease, on units of at least `min-words` words.
- `brevity`: words in the unit against the budget of its kind.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from svclint import syllables
from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.require import anchor
from svclint.checks.schema import Choice, ConfigOptions, Needs, PackReader, Schema, fail
from svclint.config import Config

if TYPE_CHECKING:  # packs validates rules against SCHEMA: no import back at run time
    from svclint.rules.packs import RuleData

# The options each metric reads, which its pack must give defaults for.
METRIC_OPTIONS = {
    "sentence-length": ("max-sentence-words",),
    "readability": ("min-words", "min-score", "index"),
    "brevity": ("max-chars-sms",),
}

# (lowest score of the band, band name) from easiest down, per index.
BANDS = {
    "inflesz": [(80, "muy fácil"), (65, "bastante fácil"), (55, "normal"), (40, "algo difícil"), (-999, "muy difícil")],
    "fernandez-huerta": [(90, "muy fácil"), (80, "fácil"), (70, "algo fácil"), (60, "normal"),
                         (50, "algo difícil"), (30, "difícil"), (-999, "muy difícil")],
    "flesch": [(90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
               (50, "fairly difficult"), (30, "difficult"), (-999, "very difficult")],
}


def score(index: str, words: int, sentences: int, syllable_count: int) -> float:
    if index == "inflesz":
        return 206.835 - 62.3 * syllable_count / words - words / sentences
    if index == "fernandez-huerta":
        return 206.84 - 0.60 * (100 * syllable_count / words) - 1.02 * (100 * sentences / words)
    return 206.835 - 1.015 * words / sentences - 84.6 * syllable_count / words


def band(index: str, value: float) -> str:
    return next(name for low, name in BANDS[index] if value >= low)


def _gives_its_options(spec: dict[str, Any], node: dict, reader: PackReader) -> None:
    """A metric rule holds the defaults of every option its metric reads."""
    missing = [name for name in METRIC_OPTIONS[spec["metric"]] if name not in spec.get("options", {})]
    if missing:
        raise fail(f"a {spec['metric']} metric needs the options {', '.join(missing)}", reader.path, node, "metric")


class MetricCheck(Check):
    SCHEMA = Schema({"metric": Choice(METRIC_OPTIONS), "options": ConfigOptions()},
                    (Needs("metric"), _gives_its_options))

    def __init__(self, rule: RuleData, config: Config):
        super().__init__(rule, config)
        self.metric = rule.spec["metric"]
        self.defaults: dict[str, Any] = dict(self.setting("options"))

    def option(self, ctx: UnitContext, name: str) -> Any:
        return ctx.options.get(name, self.defaults.get(name))

    def run(self, ctx: UnitContext) -> list[Hit]:
        return getattr(self, "_" + self.metric.replace("-", "_"))(ctx)

    def _sentence_length(self, ctx: UnitContext) -> list[Hit]:
        limit = int(self.option(ctx, "max-sentence-words"))
        # a sentence holds no more words than tokens: most units are shorter than the limit,
        # and they are not counted word by word (see UnitContext.word_counts)
        if len(ctx.tokens) <= limit:
            return []
        hits = []
        for sentence in ctx.judged_sentences():
            if sentence.end - sentence.start > limit and (count := ctx.words_between(sentence.start, sentence.end)) > limit:
                hits.append(Hit(sentence.char_start, sentence.char_end, {"words": count, "max": limit}))
        return hits

    def _readability(self, ctx: UnitContext) -> list[Hit]:
        sentences = ctx.judged_sentences()
        alphabetic = ctx.alphabetic
        texts = ctx.tokens.texts
        words = [texts[i] for s in sentences for i in range(s.start, s.end) if alphabetic[i]]
        if len(words) < int(self.option(ctx, "min-words")) or not sentences:
            return []
        index = self.option(ctx, "index")
        counter = syllables.english if index == "flesch" else syllables.spanish
        counted = sum(1 for s in sentences if any(alphabetic[s.start : s.end]))
        value = score(index, len(words), counted, sum(counter(w) for w in words))
        minimum = float(self.option(ctx, "min-score"))
        if value >= minimum:
            return []
        hit = anchor(ctx)
        # Rounded down: 54.6 shown as "55" would read "55, below 55".
        return [Hit(hit.start, hit.end, {"score": str(math.floor(value)), "band": band(index, value), "min": f"{minimum:g}"})]

    def _brevity(self, ctx: UnitContext) -> list[Hit]:
        if ctx.channel == "sms":  # a notice too: every 160 characters cost another message
            return self._sms_length(ctx)
        if ctx.kind == "notice":  # the reading budgets are for replies
            return []
        budget = self.option(ctx, f"max-words-{ctx.kind}")
        if budget is None:
            return []
        if ctx.kind == "call-script":  # the budget is per agent turn
            turns = [(t.start, t.end) for t in ctx.unit.turns if t.role == "agent"] or ctx.turn_ranges("unit")
            return [hit for turn in turns if (hit := self._over_budget(ctx, [turn], int(budget)))]
        hit = self._over_budget(ctx, None, int(budget))
        return [hit] if hit else []

    def _over_budget(self, ctx: UnitContext, ranges, budget: int) -> Hit | None:
        sentences = ctx.sentences_in(ranges)
        count = sum(ctx.words_between(s.start, s.end) for s in sentences)
        if count <= budget:
            return None
        hit = anchor(ctx, ranges)
        return Hit(hit.start, hit.end, {"words": count, "max": budget, "unit": "words"})

    def _sms_length(self, ctx: UnitContext) -> list[Hit]:
        budget = int(self.option(ctx, "max-chars-sms"))
        sentences = ctx.judged_sentences()
        if not sentences:
            return []
        visible = ctx.unit.text.text[sentences[0].char_start : sentences[-1].char_end]
        if len(visible) <= budget:
            return []
        hit = anchor(ctx)
        return [Hit(hit.start, hit.end, {"words": len(visible), "max": budget, "unit": "chars"}, variant="sms")]
