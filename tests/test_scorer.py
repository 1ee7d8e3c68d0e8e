"""Learned sentence scorers (svclint/checks/scorer.py): the runs of words they read,
their evidence span, a rule that names one (bundled and in a user pack), the
option that raises or switches them off, and the load-time errors of a bad one."""

from __future__ import annotations

import json
import math
import shutil

import pytest

from svclint.checks.scorer import Scorer, fold, folded_words, run_texts, weights_file, word_runs
from svclint.config import Config
from svclint.engine import Linter
from svclint.errors import PackError
from svclint.rules import packs
from svclint.rules.packs import rule_book

from conftest import invoke


def test_runs_fold_case_accents_and_apostrophes() -> None:
    runs = word_runs("Usted NO leyó’s nada")
    assert fold("Leyó") == "leyo" and fold("Niño") == "nino"
    assert [(run.text, run.start, run.end) for run in runs if run.first == 1] == [
        ("no", 6, 8), ("no leyo's", 6, 15), ("no leyo's nada", 6, 20)]
    assert len(runs) == 4 + 3 + 2  # one, two and three words
    assert run_texts(folded_words("Usted NO leyó’s nada")) == {run.text for run in runs}


def test_score_counts_each_run_once_and_evidence_is_the_heavy_words() -> None:
    scorer = Scorer(-1.0, {"simply rude": 3.0, "you were": 2.0, "were simply": 1.5, "you": 0.1, "honestly": -0.5})
    sentence = "Honestly you were simply rude, you know."
    logit = -1.0 + 3.0 + 2.0 + 1.5 + 0.1 - 0.5
    assert scorer.score(run_texts(folded_words(sentence))) == pytest.approx(1 / (1 + math.exp(-logit)))
    start, end = scorer.evidence(sentence)
    assert "Honestly you were simply rude, you know."[start:end] == "you were simply rude"


def test_one_word_is_no_evidence() -> None:
    scorer = Scorer(5.0, {"you": 2.0, "why": 0.4})  # "why" weighs under a quarter as much: it does not widen "you"
    assert scorer.evidence("Why did you call?") is None


REPLY_EN = "Hi Sam,\n\nThanks for your message. Honestly, the mix-up happened because you were simply careless with " \
           "the form. I have fixed the address now.\n\nRegards,\nAnn\n"
REPLY_ES = "Hola, Sam:\n\nGracias por escribirnos. Ponerse así por dos días de retraso es pasarse un poco. El paquete " \
           "ya va en camino.\n\nUn saludo,\nAna\n"


@pytest.mark.parametrize(("lang", "text", "code", "line", "column", "words"), [
    ("en", REPLY_EN, "SIN004", 3, 36, "the mix-up happened because you"),
    ("es", REPLY_ES, "ANG001", 3, 51, "de retraso es pasarse un poco"),
])
def test_bundled_scorer_finds_wording_no_pattern_lists(lang, text, code, line, column, words) -> None:
    found = [f for f in Linter(Config(), lang=lang, kind="email").lint_bytes("reply.txt", text.encode()).findings
             if f.code == code]
    assert [(f.start.line, f.start.column, f.matched) for f in found] == [(line, column, words)]
    assert ("learned scorer" in found[0].message) if lang == "en" else ("evaluador aprendido" in found[0].message)
    quiet = Linter(Config(options={"scorer-confidence": 1}), lang=lang, kind="email")
    assert code not in {f.code for f in quiet.lint_bytes("reply.txt", text.encode()).findings}


PACK = """\
ORG002:
  name: Calling the customer rude
  slug: rude-customer
  severity: warning
  scope: sentence
  kinds: all
  en:
    check: pattern
    title: Calling the customer rude
    flags: Telling the customer they were rude.
    message: "\\"{match}\\" calls the customer rude."
    suggestion: Leave their manners out of it.
    why: It turns the reply into a reproach.
    instead: Answer the request.
    match: [you were being rude]
    outside: [quote]
    scorer:
      weights: rude.json
      threshold: 0.9
    messages:
      scored: "\\"{match}\\" reads as calling the customer rude ({score})."
    examples:
      flag:
        - text: Sadly you were being rude to the driver.
          match: you were being rude
      pass:
        - Thank you for your patience with the driver.
"""
WEIGHTS = {"format": 1, "code": "ORG002", "bias": -4.0, "weights": {"simply rude": 4.0, "were simply": 3.0}}


def _pack(tmp_path, pack: str = PACK, weights: object = WEIGHTS) -> str:
    (tmp_path / "house.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "rude.json").write_text(weights if isinstance(weights, str) else json.dumps(weights), encoding="utf-8")
    return str(tmp_path / "house.yaml")


def _codes(pack: str, text: str, **options) -> list[tuple[str, str, str]]:
    config = Config(rule_packs=[pack], select=["ORG002"], options=options)
    result = Linter(config, lang="en", kind="email").lint_bytes("reply.txt", text.encode())
    return [(f.code, f.matched, f.message) for f in result.findings]


def test_user_pack_scorer_reports_at_its_evidence(tmp_path) -> None:
    pack = _pack(tmp_path)
    assert _codes(pack, "Hello Jo. Frankly you were simply rude to our driver. Thanks, Al") == [
        ("ORG002", "were simply rude", '"were simply rude" reads as calling the customer rude (0.95).')]
    # a pattern's own finding in the sentence leaves nothing for the scorer
    assert [code[1] for code in _codes(pack, "Hello Jo. You were being rude and simply rude. Thanks, Al")] == [
        "You were being rude"]


def test_a_finding_taken_over_from_another_rule_leaves_its_sentence_to_the_patterns(tmp_path) -> None:
    # the scorer rates the refusal's sentence too; the refined finding is the pattern's, at its own words
    pack = _pack(tmp_path, PACK.replace("    outside: [quote]\n", "    outside: [quote]\n    refines: {NEG001: [house rules]}\n"),
                 {**WEIGHTS, "weights": {"house rules mean": 6.0, "rules mean we": 3.0}})
    text = "Hello Jo. House rules mean we can't refund the ticket. Thanks, Al"
    assert [code[:2] for code in _codes(pack, text)] == [("ORG002", "House rules")]
    # with no refusal to take over, the scorer speaks there, at the words that weigh most
    assert [code[:2] for code in _codes(pack, "Hello Jo. House rules mean we keep the ticket. Thanks, Al")] == [
        ("ORG002", "House rules mean we")]


def test_retrained_weights_are_read_again_by_a_running_process(tmp_path) -> None:
    pack = _pack(tmp_path)
    text = "Hello Jo. Frankly you were simply rude to our driver. Thanks, Al"
    assert [code[0] for code in _codes(pack, text)] == ["ORG002"]
    # retrained in place, as tools/train_scorers.py writes them: a longer file, a later time
    retrained = {**WEIGHTS, "bias": -40.0, "trained-on": {"sentences": 2, "positives": 1}}
    (tmp_path / "rude.json").write_text(json.dumps(retrained), encoding="utf-8")
    assert _codes(pack, text) == []


def test_scorer_findings_respect_outside_and_the_confidence_option(tmp_path) -> None:
    pack = _pack(tmp_path)
    assert _codes(pack, 'Hello Jo. You wrote that "the driver was simply rude" and we are sorry. Thanks, Al') == []
    assert _codes(pack, "Hello Jo. Frankly you were simply rude to our driver. Thanks, Al", **{"scorer-confidence": 1}) == []


@pytest.mark.parametrize(("pack", "weights", "problem"), [
    (PACK, "{not json", "cannot read the weights"),
    (PACK, {"format": 2, "bias": 0, "weights": {}}, "not a scorer's weights file"),
    (PACK, {"format": 1, "bias": "high", "weights": {}}, "'bias' must be a number"),
    (PACK.replace("rude.json", "missing.json"), WEIGHTS, "missing.json: cannot read the weights"),
    (PACK.replace("threshold: 0.9", "threshold: 1.5"), WEIGHTS, "threshold from 0.5 up to (not including) 1"),
    (PACK.replace("      threshold: 0.9\n", "      limit: 0.9\n"), WEIGHTS, "unknown key 'limit'"),
])
def test_a_bad_scorer_is_an_error_at_load_time(tmp_path, pack, weights, problem) -> None:
    with pytest.raises(PackError) as error:
        rule_book((_pack(tmp_path, pack, weights),))
    assert problem in str(error.value) and "house.yaml" in str(error.value)


def test_confidence_option_is_validated(tmp_path) -> None:
    (tmp_path / "svclint.yaml").write_text("options:\n  scorer-confidence: 0.2\n", encoding="utf-8")
    (tmp_path / "reply.txt").write_text("Hello Jo.\n", encoding="utf-8")
    run = invoke("check", "--config", str(tmp_path / "svclint.yaml"), str(tmp_path / "reply.txt"))
    assert run.exit_code == 2 and "'scorer-confidence': must be between 0.5 and 1" in run.stderr


def test_rule_page_names_the_scorer_and_its_threshold() -> None:
    page = invoke("explain", "SIN004", "--lang", "en").stdout
    assert "learned scorer rates it 0.98 or more" in page
    assert "learned scorer" not in invoke("explain", "NEG001", "--lang", "en").stdout


def test_packs_compiled_by_another_installation_read_this_ones_weights(tmp_path, monkeypatch) -> None:
    # The compiled-pack cache is shared by the installations of one version; a source checkout
    # whose weights were retrained must not read another checkout's through an entry made there.
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    own = packs.rules_dir()
    other = tmp_path / "other" / "rules"
    shutil.copytree(own, other)
    monkeypatch.setattr(packs, "rules_dir", lambda: other)
    packs.load_language.cache_clear()
    assert packs.load_language("en")["SIN004"].path == str(other / "en" / "SIN004.yaml")
    monkeypatch.setattr(packs, "rules_dir", lambda: own)
    packs.load_language.cache_clear()
    try:
        rule = packs.load_language("en")["SIN004"]  # the entry the other installation wrote
    finally:
        packs.load_language.cache_clear()
    assert rule.path == str(own / "en" / "SIN004.yaml")
    assert weights_file(rule.path, rule.spec["scorer"]["weights"]) == str(own / "en" / "scorers" / "SIN004.json")
