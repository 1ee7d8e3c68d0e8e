"""In-file settings: `svclint: kind=email`, `svclint: lang=en`, in any comment
syntax, or `svclint: {kind: faq}` in Markdown front matter."""

from __future__ import annotations

import re

# Possessive blanks: each is followed by a character they cannot take, so a run
# of them is read once whatever follows.
_SETTING = re.compile(r"svclint:\s*+(?:\{\s*+)?(kind|lang)\s*+[=:]\s*+([\w-]++)")


def file_settings(text: str) -> dict[str, str]:
    """The first kind= and lang= settings found in the file's text."""
    settings: dict[str, str] = {}
    for match in _SETTING.finditer(text, 0, 100_000):
        settings.setdefault(match.group(1), match.group(2).lower())
    return settings
