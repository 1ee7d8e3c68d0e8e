"""Judgement on real templates: svclint's findings on texts of the reference corpus
(../shared/corpus) against a trainer's labels of the same texts.

    python bench/real_templates.py [--corpus ../shared/corpus] [--sentence-only] [--codes]

Two labellings per language (bench/real-templates/): <lang>.jsonl, 200 texts, and
<lang>-purpose.jsonl, 150 other texts whose labeller was also told which texts are
automated notices or fragments (document purpose, issue 11). Each line holds a corpus text's id, its kind, the codes a
trainer would certainly circle in it, `expect`, and those that could go either way,
`allow`) were made from RULES.md alone by readers who never ran svclint; they name
no text, which stays in the corpus. They are exhaustive: a reported code that is
neither expected nor allowed is a false positive. The metric codes CLR001, CLR002
and CLR006 were not labelled and are not scored. The labellers were not told that
automated notices and fragments of a message are not judged as replies (document
purpose, issue 11), so their document-rule labels on those texts disagree with the
product on purpose: `--sentence-only` scores the sentence rules alone (the second
labelling follows purpose, so its figure with every rule is the fair one). Figures
are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from svclint.api import Session  # noqa: E402  (the repository's svclint, not an installed one)

LABELS = ROOT / "bench" / "real-templates"
UNSCORED = {"CLR001", "CLR002", "CLR006"}
DOCUMENT_RULES = {"THX001", "APO001", "ANG003", "SIN003", "TPL004", "PRO001", "PRO002", "PRO003", "PRO004", "PRO005"}


def score(labels: Path, lang: str, corpus: Path, sentence_only: bool) -> tuple[Counter, Counter, Counter]:
    """True positives, false positives and false negatives per code for one file of labels."""
    texts = {item["id"]: item for item in map(json.loads, (corpus / f"{lang}.jsonl").open(encoding="utf-8"))}
    ignored = UNSCORED | (DOCUMENT_RULES if sentence_only else set())
    sessions: dict[str, Session] = {}
    tp, fp, fn = Counter(), Counter(), Counter()
    for label in map(json.loads, labels.open(encoding="utf-8")):
        kind = label["kind"]
        session = sessions.setdefault(kind, Session(lang=lang, kind=kind))
        reported = {f.code for f in session.lint_text(texts[label["id"]]["text"], path="template.txt").findings}
        expected = set(label["expect"]) - ignored
        skip = ignored | set(label["allow"])
        tp.update(expected & reported)
        fn.update(expected - reported)
        fp.update(reported - expected - skip)
    return tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--sentence-only", action="store_true", help="score the sentence rules alone")
    parser.add_argument("--codes", action="store_true", help="print the counts of every code")
    args = parser.parse_args()
    if not (args.corpus / "es.jsonl").exists():
        sys.exit(f"no corpus at {args.corpus} (give --corpus)")
    for lang in ("es", "en"):
        for labels in (LABELS / f"{lang}.jsonl", LABELS / f"{lang}-purpose.jsonl"):
            tp, fp, fn = score(labels, lang, args.corpus, args.sentence_only)
            found, wrong, missed = sum(tp.values()), sum(fp.values()), sum(fn.values())
            print(f"{labels.name}: {found + missed} labelled findings, precision {found / max(1, found + wrong):.3f}, "
                  f"recall {found / max(1, found + missed):.3f}")
            if args.codes:
                for code in sorted(set(tp) | set(fp) | set(fn)):
                    print(f"  {code}  tp {tp[code]:3}  fp {fp[code]:3}  fn {fn[code]:3}")


if __name__ == "__main__":
    main()
