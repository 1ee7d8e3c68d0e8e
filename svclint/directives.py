"""In-file directives. Settings: `svclint: kind=email`, `svclint: lang=en`, in any
comment syntax, or `svclint: {kind: faq}` in Markdown front matter. Suppressions
(`disable`, `enable`, …) are applied in svclint/suppress.py; this module says which
text is meant as a directive at all, so that a misspelt one is reported, not ignored."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

# The words a suppression directive starts with (longest first: each is tried in turn).
ACTIONS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
SETTINGS = ("kind", "lang")
KEYWORDS = ACTIONS + SETTINGS

# Possessive blanks: each is followed by a character they cannot take, so a run
# of them is read once whatever follows.
SETTING = re.compile(r"svclint:\s*+(?:\{\s*+)?(kind|lang)\s*+[=:]\s*+([\w-]++)")

# `svclint:` where the text addresses svclint: right after a comment opener (HTML and
# Markdown, Jinja, Handlebars, `#`, `//`, `/*`) or at the start of a line. Customer
# text that merely mentions svclint does neither. Every run is possessive and stops at
# a character the next part needs, so the scan is linear.
_MARKER = re.compile(
    r"(?P<opener>^[ \t]*+|<!--|\{\{!|\{\#|\#|//|/\*)[ \t-]*+(?P<marker>svclint:)"
    r"[ \t]*+(?P<word>(?:\w++(?:-\w++)*+)?)(?P<equals>[ \t]*+=)?",
    re.MULTILINE,
)
# Openers of comments that run to the end of the line (and a bare line): in plain text
# what follows them is the directive, never the customer's words.
_LINE_COMMENTS = ("", "#", "//")
# Where the text of a directive ends: a comment closer or the end of its line, looked
# for within a bounded window, so a marker in a huge line costs the same as in a short one.
_CLOSERS = ("-->", "#}", "*/", "%}", "}}", "\r", "\n")
_LONGEST_DIRECTIVE = 300
_SIMILAR = 0.6  # difflib ratio from which a word reads as a misspelt keyword
# A longer word cannot reach that ratio with any keyword (2 × 17 / (17 + 40) < 0.6).
_LONGEST_SIMILAR = int(2 * max(map(len, KEYWORDS)) / _SIMILAR) - max(map(len, KEYWORDS))


@dataclass(frozen=True)
class Attempt:
    """Text meant as a directive: its span (from `svclint:`), its first word and what follows it."""

    start: int
    end: int
    word: str
    rest: str


def file_settings(text: str) -> dict[str, str]:
    """The first kind= and lang= settings found in the file's text."""
    settings: dict[str, str] = {}
    for match in SETTING.finditer(text, 0, 100_000):
        settings.setdefault(match.group(1), match.group(2).lower())
    return settings


@functools.lru_cache(maxsize=1024)  # a file repeats its directives; difflib is slow
def closest_keyword(word: str) -> str | None:
    """The directive keyword a (possibly misspelt) word stands for."""
    if len(word) > _LONGEST_SIMILAR:
        return None
    found = difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=_SIMILAR)
    return found[0] if found else None


def attempts(text: str) -> list[Attempt]:
    """Every place the text clearly tries to give svclint a directive: the marker in a
    comment or at a line start, then a word close to a keyword or followed by `=`."""
    if "svclint:" not in text:
        return []
    return [_attempt(text, match) for match in _MARKER.finditer(text) if _is_attempt(match)]


def without_directive(line: str) -> str:
    """A line of plain text without the directive it holds (a trailing `# svclint: …`
    comment, or the whole line), its line break kept: the directive is for svclint,
    not words to the customer."""
    if "svclint:" not in line:
        return line
    for match in _MARKER.finditer(line):
        if match.group("opener").strip() in _LINE_COMMENTS and _is_attempt(match):
            kept = line[:match.start("opener")]
            return kept + line[len(line.rstrip("\r\n")):]
    return line


def _is_attempt(match: re.Match) -> bool:
    word = match.group("word")
    return bool(word) and (match.group("equals") is not None or closest_keyword(word) is not None)


def _attempt(text: str, match: re.Match) -> Attempt:
    start, after_word = match.start("marker"), match.end("word")
    window = text[after_word:start + _LONGEST_DIRECTIVE]
    ends = [found for found in map(window.find, _CLOSERS) if found >= 0]
    # Blanks before the closer are not the directive's, nor the `-` or `~` that Jinja,
    # Liquid and Handlebars put before theirs to trim whitespace.
    rest = window[:min(ends, default=len(window))].rstrip(" \t-~")
    return Attempt(start, after_word + len(rest), match.group("word"), rest)
