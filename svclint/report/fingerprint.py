"""Stable keys for findings: path, code, the matched words and which occurrence
of them this is — never the line number, so edits elsewhere keep them."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Sequence

from svclint.model import Finding


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One key per finding, in order; the same words twice get different keys."""
    seen: Counter = Counter()
    keys = []
    for finding in findings:
        text = " ".join(finding.matched.split()).lower()
        path = os.path.relpath(finding.path).replace(os.sep, "/") if finding.path != "-" else "-"
        identity = (path, finding.code, text)
        seen[identity] += 1
        raw = "\x1f".join([*identity, str(seen[identity])])
        keys.append(hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32])  # odd names, lone escapes
    return keys
