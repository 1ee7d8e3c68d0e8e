"""Each rule pack carries its own must-flag and must-pass examples; run them all."""

from __future__ import annotations

import pytest

from svclint.config import Config
from svclint.engine import Linter
from svclint.packs import load_language


def _examples():
    for lang in ("es", "en"):
        for code, rule in load_language(lang).items():
            for number, example in enumerate(rule.flag):
                yield pytest.param(lang, code, example, True, id=f"{lang}-{code}-flag-{number}")
            for number, example in enumerate(rule.passes):
                yield pytest.param(lang, code, example, False, id=f"{lang}-{code}-pass-{number}")


@pytest.mark.parametrize(("lang", "code", "example", "flagged"), list(_examples()))
def test_pack_example(lang, code, example, flagged) -> None:
    linter = Linter(Config(), lang=lang, kind=example.kind or "text", select=[code])
    findings = linter.lint_text("example.txt", example.text).findings
    if not flagged:
        assert findings == [], [f.matched for f in findings]
        return
    assert findings, f"{code} did not flag: {example.text!r}"
    if example.match:
        assert [f.matched for f in findings] == [example.match]
