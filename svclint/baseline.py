"""Baselines: record today's findings so that CI fails only on new ones.

Findings are keyed by path, code, the matched words and their occurrence (see
report/fingerprint.py), never by line, so edits elsewhere keep the baseline
valid; a fixed finding simply stops matching.
"""

from __future__ import annotations

import json
from pathlib import Path

from svclint.errors import ConfigError
from svclint.model import FileResult
from svclint.report.fingerprint import fingerprints

VERSION = 1


def write_baseline(path: str, results: list[FileResult]) -> int:
    findings = [f for r in results for f in r.findings]
    entries = [{"path": f.path, "code": f.code, "fingerprint": key, "line": f.start.line, "text": f.matched}
               for f, key in zip(findings, fingerprints(findings))]
    Path(path).write_text(json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    return len(entries)


def load_baseline(path: str) -> set[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {entry["fingerprint"] for entry in data["findings"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"cannot read baseline: {error}", path) from None


def without_baseline(results: list[FileResult], known: set[str]) -> int:
    """Drop findings recorded in the baseline; return how many were dropped."""
    dropped = 0
    for result in results:
        keys = fingerprints(result.findings)
        kept = [f for f, key in zip(result.findings, keys) if key not in known]
        dropped += len(result.findings) - len(kept)
        result.findings = kept
    return dropped
