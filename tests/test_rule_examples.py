"""Each rule pack carries its own must-flag and must-pass examples; run them all."""

from __future__ import annotations

import json
from functools import cache

import pytest

from svclint.config import config_from_mapping
from svclint.engine import Linter
from svclint.rules.packs import load_catalogue, load_language


def _examples():
    for lang in ("es", "en"):
        for code, rule in load_language(lang).items():
            for number, example in enumerate(rule.flag):
                yield pytest.param(lang, code, example, True, id=f"{lang}-{code}-flag-{number}")
            for number, example in enumerate(rule.passes):
                yield pytest.param(lang, code, example, False, id=f"{lang}-{code}-pass-{number}")


@cache
def _linter(lang: str, code: str, kind: str, config: str) -> Linter:
    return Linter(config_from_mapping(json.loads(config), "example"), lang=lang, kind=kind, select=[code])


@pytest.mark.parametrize(("lang", "code", "example", "flagged"), list(_examples()))
def test_pack_example(lang, code, example, flagged) -> None:
    kinds = load_catalogue()[code].kinds
    kind = example.kind or ("text" if "text" in kinds else kinds[0])
    linter = _linter(lang, code, kind, json.dumps(example.config, sort_keys=True))
    findings = linter.lint_text("example.txt", example.text).findings
    if not flagged:
        assert findings == (), [f.matched for f in findings]
        return
    assert findings, f"{code} did not flag: {example.text!r}"
    if example.match:
        assert [f.matched for f in findings] == [example.match]
