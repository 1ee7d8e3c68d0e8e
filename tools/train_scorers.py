"""Learn the weights of the rules' sentence scorers (svclint/checks/scorer.py).

    pip install -e '.[train]'
    python tools/train_scorers.py            # every rule whose pack names a scorer
    python tools/train_scorers.py en SIN004  # one

Each scorer is a logistic regression over the runs of one to three words of a
sentence, learned from the labelled cases under tests/challenge. A case that
expects the rule gives one sentence as a positive: the one that holds what the
rule's patterns report there (a case where they report nothing is left out, since
which sentence carries the fault is not known, until a first model has been
learned: the sentence it rates highest is then taken as that case's positive and
the weights are learned again); every other sentence of the training cases is a
negative, and cases that allow the rule are left out. The
rule's own pack examples are added, weighing more: `flag` sentences as positives,
`pass` sentences (where the rule must stay silent) as negatives. The
held-out sets below are never trained on: the tool ends by scoring them with the
patterns alone and with the scorers added, which is the figure to read before
changing a threshold. Training is deterministic: the same cases give the same
file, so a change to the weights shows in review as a change to the cases.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from svclint.checks.scorer import FORMAT, folded_words, run_texts, weights_file
from svclint.config import Config
from svclint.engine import Linter
from svclint.rules.packs import RuleData, load_language

ROOT = Path(__file__).resolve().parents[1]
CHALLENGE = ROOT / "tests" / "challenge"
# Sets kept out of training, whole or their even-numbered cases, so that the scorers are measured on
# wording they never saw; blind56 and blind57 are held out in Spanish only.
HELD_OUT = {"blind3", "blind12", "blind13", "blind21", "blind22", "blind25", "blind29", "blind37", "blind39", "blind46",
            "blind50", "blind56-es", "blind57-es", "blind69", "blind73"}
HELD_OUT_EVEN = {"blind2", "blind4", "blind5", "blind6", "blind7", "blind9", "blind10", "blind11", "blind14", "blind15"}
EXAMPLE_WEIGHT = 5.0  # a pack's examples are few and chosen to mark the rule's edge
PRUNE = 0.05  # lighter weights change no score by more than noise and would only make the file longer
# Sentences as the training reads them: svclint's own split needs its pipeline, and a bag of word runs
# does not care where exactly a sentence ends.
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
QUIET = Config(options={"scorer-confidence": 1})  # the patterns alone


def held_out(path: Path, case: dict) -> bool:
    name, stem = path.stem, path.stem.rsplit("-", 1)[0]
    if name in HELD_OUT or stem in HELD_OUT:
        return True
    number = case["id"].rsplit("-", 1)[-1]
    return stem in HELD_OUT_EVEN and number.isdigit() and int(number) % 2 == 0


def cases(lang: str) -> tuple[list[dict], list[dict]]:
    """The language's labelled cases: (training, held out)."""
    train, held = [], []
    for path in sorted(CHALLENGE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (case := json.loads(line))["lang"] == lang:
                (held if held_out(path, case) else train).append(case)
    return train, held


def findings(case: dict, config: Config, linters: dict) -> list[tuple[str, str]]:
    key = (case.get("kind") or "email", id(config))
    if key not in linters:
        linters[key] = Linter(config, lang=case["lang"], kind=key[0])
    # Read as the challenge test reads it: a Markdown or HTML case is linted as markup, not as plain text.
    result = linters[key].lint_bytes("case." + case.get("format", "txt"), case["text"].encode())
    return [(finding.code, finding.matched) for finding in result.findings]


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text) if len(part.split()) >= 3]


def examples(code: str, train: list[dict], found: dict[str, list[tuple[str, str]]],
             rule: RuleData) -> tuple[list[str], list[int], list[float], list[list[str]]]:
    """Sentences, their labels and weights: the cases' and the pack's own examples, whose `pass`
    sentences mark where the rule stops (a sentence that must not be flagged) and weigh more; and,
    apart, the sentences of each case that expects the rule where its patterns found nothing."""
    texts, labels, weights, unplaced = [], [], [], []
    for example in rule.flag:
        texts.extend(sentence for sentence in sentences(example.text) if example.match and example.match in sentence)
    labels.extend([1] * len(texts))
    for example in rule.passes:
        texts.extend(sentences(example.text))
    labels.extend([0] * (len(texts) - len(labels)))
    weights.extend([EXAMPLE_WEIGHT] * len(texts))
    for case in train:
        if code in case.get("allow", []):
            continue
        matched = [words for other, words in found[case["id"]] if other == code]
        if code in case["expect"] and not matched:
            unplaced.append(sentences(case["text"]))
            continue
        for sentence in sentences(case["text"]):
            texts.append(sentence)
            labels.append(int(code in case["expect"] and any(words in sentence for words in matched)))
            weights.append(1.0)
    return texts, labels, weights, unplaced


def runs_of(sentence: str) -> list[str]:
    return sorted(run_texts(folded_words(sentence)))  # as svclint reads a sentence (sentence_runs)


def fit(texts: list[str], labels: list[int], weights: list[float]) -> tuple[CountVectorizer, LogisticRegression]:
    vectorizer = CountVectorizer(analyzer=runs_of, min_df=2, binary=True)
    matrix = vectorizer.fit_transform(texts)
    return vectorizer, LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(
        matrix, labels, sample_weight=weights)


def train_one(code: str, texts: list[str], labels: list[int], weights: list[float],
              unplaced: list[list[str]]) -> dict:
    """The weights, learned twice: the second time with, for each case whose fault the patterns
    did not find, the sentence the first model rates highest as its positive (the wording the
    patterns miss is what a scorer is for)."""
    vectorizer, model = fit(texts, labels, weights)
    placed = [max(options, key=lambda sentence: model.predict_proba(vectorizer.transform([sentence]))[0, 1])
              for options in unplaced if options]
    vectorizer, model = fit(texts + placed, labels + [1] * len(placed), weights + [1.0] * len(placed))
    kept = {run: round(float(weight), 3) for run, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0])
            if abs(weight) >= PRUNE}
    return {"format": FORMAT, "code": code, "bias": round(float(model.intercept_[0]), 3),
            "trained-on": {"sentences": len(labels) + len(placed), "positives": sum(labels) + len(placed)},
            "weights": dict(sorted(kept.items()))}


def held_out_figures(lang: str, codes: list[str], held: list[dict]) -> None:
    """tp/fp/fn of each code on the held-out cases, patterns alone and with the scorers."""
    for label, config in (("patterns", QUIET), ("with scorers", Config())):
        linters: dict = {}
        tp, fp, fn = Counter(), Counter(), Counter()
        for case in held:
            got = {found for found, _ in findings(case, config, linters)}
            for code in codes:
                if code in case["expect"]:
                    (tp if code in got else fn)[code] += 1
                elif code in got and code not in case.get("allow", []):
                    fp[code] += 1
        print(f"  held out, {label}: " + "  ".join(f"{c} tp {tp[c]} fp {fp[c]} fn {fn[c]}" for c in codes))


def main(argv: list[str]) -> None:
    langs = argv[:1] or ["en", "es"]
    for lang in langs:
        scored = {code: rule for code, rule in load_language(lang).items() if rule.spec.get("scorer")}
        codes = [code for code in scored if len(argv) < 2 or code in argv[1:]]
        train, held = cases(lang)
        linters: dict = {}
        found = {case["id"]: findings(case, QUIET, linters) for case in train}
        for code in codes:
            texts, labels, weights, unplaced = examples(code, train, found, scored[code])
            data = train_one(code, texts, labels, weights, unplaced)
            target = Path(weights_file(scored[code].path, scored[code].spec["scorer"]["weights"]))
            target.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
            trained = data["trained-on"]
            print(f"{lang} {code}: {trained['sentences']} sentences, {trained['positives']} positive ({len(unplaced)} placed "
                  f"by a first model), {len(data['weights'])} weights -> "
                  f"{target.relative_to(ROOT)}")
        held_out_figures(lang, codes, held)


if __name__ == "__main__":
    main(sys.argv[1:])
