"""Learned sentence scorers: the second way a pattern rule finds its sentences.

A pattern rule lists the constructions it knows, and wording nobody listed can say
the same thing ("you were simply rude to our staff", «ya se le había avisado y no
hizo caso»). A rule may therefore name a scorer (`scorer: {weights: scorers/SIN004.json,
threshold: 0.95}`): a weight for each run of one to three words, learned by
`tools/train_scorers.py` from the labelled cases under `tests/challenge`. A sentence
of the organisation's where the rule's patterns found nothing, whose score reaches the
threshold, is a finding at the words that weigh most in it; the rule's `also`,
`unless` and `outside` then judge those words as they judge a match.

Words are read in lower case with their accents folded (the scorer must not care
whether a chat wrote «tenia» or «tenía»), and the option `scorer-confidence` can only
raise a rule's threshold: 1 turns the scorers off.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

_WORD = re.compile(r"[\w'’]+")
MIN_WORDS = 3  # a shorter sentence gives the scorer too little to go by
MAX_WORDS = 80  # a longer one is a list or a page run together, not the sentences the weights were learned from
EVIDENCE_WORDS = 6  # the longest stretch a scored finding points at: the words that carry it, not the sentence
KEPT_RUNS = 50_000  # runs a unit keeps for its other scored rules; a long page's are made again, not held
FORMAT = 1  # the weights file's layout; tools/train_scorers.py writes it


@dataclass(frozen=True, slots=True)
class Run:
    """A run of words in a sentence: its folded text and its character span."""

    text: str
    start: int
    end: int
    first: int  # index of its first word
    last: int  # index of its last word


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """A word as the weights spell it: lower case, one apostrophe, no accents (ñ is n).

    Not svclint.nlp.fold, which keeps ñ and spells contraction pieces out (n't is not): the weights
    were learned with this folding, and this module must load without spaCy (a cached run reads
    a user pack's scorer through it)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_words(sentence: str) -> list[str]:
    return [fold(m.group()) for m in _WORD.finditer(sentence)]


def run_texts(words: list[str]) -> frozenset[str]:
    """The distinct runs of one to three words, as the weights spell them: word_runs without the
    places, made at the cost of a few joins for every sentence scored (word_runs only for a finding)."""
    pairs = zip(words, words[1:])
    triples = zip(words, words[1:], words[2:])
    return frozenset((*words, *(f"{a} {b}" for a, b in pairs), *(f"{a} {b} {c}" for a, b, c in triples)))


def sentence_runs(sentence: str) -> frozenset[str] | None:
    """The runs a scorer reads in a sentence, or None when it is too short or too long to score."""
    words = folded_words(sentence)
    return run_texts(words) if MIN_WORDS <= len(words) <= MAX_WORDS else None


def word_runs(sentence: str) -> list[Run]:
    """Every run of one to three words in the sentence with its place, in order of its first word."""
    words = [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(sentence)]
    runs = []
    for first in range(len(words)):
        for last in range(first, min(first + 3, len(words))):
            text = " ".join(word for word, _, _ in words[first:last + 1])
            runs.append(Run(text, words[first][1], words[last][2], first, last))
    return runs


class WeightsError(ValueError):
    """A weights file that cannot be read, with what is wrong with it."""


@dataclass(frozen=True)
class Scorer:
    bias: float
    weights: dict[str, float]

    def score(self, runs: frozenset[str]) -> float:
        """How sure the scorer is that a sentence with these runs (run_texts) belongs to its rule (0-1):
        each distinct run counts once, however often it is repeated."""
        logit = self.bias + sum(map(self.weights.get, runs, repeat(0.0)))
        return 1 / (1 + math.exp(-max(-60.0, min(60.0, logit))))

    def evidence(self, sentence: str) -> tuple[int, int] | None:
        """The character span of the words that weigh most for the rule: of the stretches of up to
        EVIDENCE_WORDS words, the one whose runs weigh most together, narrowed to the runs in it that
        weigh at least a quarter of its heaviest; None when that leaves a single word ("you", "why"
        and «usted» weigh for and against in any text)."""
        runs = [(self.weights.get(run.text, 0.0), run) for run in word_runs(sentence)]
        if not runs:
            return None
        words = max(run.last for _, run in runs) + 1
        best, window = max((sum(weight for weight, run in runs if run.first >= first and run.last < first + EVIDENCE_WORDS),
                            first) for first in range(words))
        candidates = [(weight, run) for weight, run in runs if run.first >= window and run.last < window + EVIDENCE_WORDS]
        heaviest = max(weight for weight, _ in candidates)
        inside = [run for weight, run in candidates if weight > 0 and weight >= heaviest / 4]
        if best <= 0 or heaviest <= 0:
            return None
        first, last = min(run.first for run in inside), max(run.last for run in inside)
        if first == last:
            return None
        return (next(run.start for run in inside if run.first == first), next(run.end for run in inside if run.last == last))


def weights_file(pack_path: str, weights: str) -> str:
    """Where a rule's weights are: beside its pack, as the pack names them."""
    return str(Path(pack_path).parent / weights)


def load(path: str) -> Scorer:
    """The scorer a weights file holds, read again only when the file changes: a language server
    or the studio keeps running while the weights beside a pack are retrained."""
    try:
        stat = os.stat(path)
    except OSError as error:
        raise WeightsError(f"cannot read the weights: {error}") from None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int, size: int) -> Scorer:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WeightsError(f"cannot read the weights: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WeightsError(f"not a scorer's weights file (format {FORMAT})")
    bias, weights = data.get("bias"), data.get("weights")
    if not _number(bias) or not isinstance(weights, dict) or not all(
            isinstance(text, str) and _number(weight) for text, weight in weights.items()):
        raise WeightsError("'bias' must be a number and 'weights' a mapping of word runs to numbers")
    return Scorer(float(bias), {text: float(weight) for text, weight in weights.items()})


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
