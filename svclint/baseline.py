"""Baselines: record today's findings so that CI fails only on new ones.

Findings are keyed by path, code, the matched words and their occurrence (see
report/fingerprint.py), never by line, so edits elsewhere keep the baseline
valid; a fixed finding simply stops matching.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from svclint.errors import ConfigError
from svclint.model import FileResult
from svclint.report.fingerprint import fingerprints
from svclint.report.names import printable
from svclint.yamlio import read_data_file

VERSION = 1
MAX_BASELINE_BYTES = 256 * 1024 * 1024  # far beyond any real baseline; /dev/zero is refused, not read to the end


def baseline_text(results: list[FileResult]) -> tuple[str, int]:
    """The baseline file's text for these results, and how many findings it records."""
    findings = [f for r in results for f in r.findings]
    entries = [{"path": printable(f.path), "code": f.code, "fingerprint": key, "line": f.start.line,
                "text": f.matched} for f, key in zip(findings, fingerprints(findings))]
    text = json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    # Words quoted from a file may hold a lone surrogate (a JSON "\\ud800" escape): keep them escaped.
    return text.encode("utf-8", "backslashreplace").decode("utf-8"), len(entries)


def load_baseline(path: str) -> set[str]:
    text = read_data_file(Path(path), "baseline", ConfigError, MAX_BASELINE_BYTES)
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ConfigError(f"cannot read baseline: {error}", path) from None
    try:
        return {entry["fingerprint"] for entry in data["findings"]}
    except (KeyError, TypeError):
        raise ConfigError("not a svclint baseline (expected an object whose \"findings\" list has a "
                          "\"fingerprint\" per finding; `svclint baseline` writes one)", path) from None


def without_baseline(results: list[FileResult], known: set[str]) -> int:
    """Drop findings recorded in the baseline from `results` (in place); return how many were dropped."""
    dropped = 0
    for index, result in enumerate(results):
        keys = fingerprints(result.findings)
        kept = tuple(f for f, key in zip(result.findings, keys) if key not in known)
        dropped += len(result.findings) - len(kept)
        results[index] = replace(result, findings=kept)
    return dropped
