"""JSON: an array of findings, the contract tools rely on (see README)."""

from __future__ import annotations

import json

from svclint.model import FileResult, Finding
from svclint.report.names import printable


def finding_dict(finding: Finding) -> dict:
    return {
        "path": printable(finding.path),
        "line": finding.start.line,
        "column": finding.start.column,
        "end_line": finding.end.line,
        "end_column": finding.end.column,
        "code": finding.code,
        "slug": finding.slug,
        "severity": finding.severity.label,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "lang": finding.lang,
        "kind": finding.kind,
    }


def render_json(results: list[FileResult], **_: object) -> str:
    """One finding per line: encoded one at a time by the C encoder, so a run with a
    hundred thousand findings needs no more memory than the output itself."""
    lines = [json.dumps(finding_dict(f), ensure_ascii=False) for r in results for f in r.findings]
    return "[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n"
