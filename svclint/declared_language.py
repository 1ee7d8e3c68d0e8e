"""LEY005 on template sets: a file whose text is in another language than the one
the configuration's `languages:` globs declare for it («plantillas/ca/**»: ca, and
the reply inside is Spanish). Decided per file, before any rule runs, because a
Catalan, Galician or Basque text is judged by no language's rules (see
Linter._findings); the conversation side is a check (svclint/checks/named/language.py)."""

from __future__ import annotations

from dataclasses import dataclass

from svclint.langid import NAMES, identify

CODE = "LEY005"
VARIANT = "declared"  # the pack's message for a file, beside the one for a conversation turn


@dataclass(frozen=True)
class Contradiction:
    start: int  # the text's first line, where the finding is placed
    end: int
    values: dict[str, str]  # the languages declared and found, named for the message


def contradiction(texts: list[str], declared: str) -> Contradiction | None:
    """The first line of the first text when the texts (a file's units) are, with
    confidence, in another language than `declared`; None when they agree or the
    detector abstains."""
    guess = identify("\n".join(texts))
    text = texts[0]
    if guess is None or guess.lang == declared:
        return None
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    end = len(text.rstrip()) if line_end < 0 else len(text[:line_end].rstrip())
    return Contradiction(start, end, {"declared": NAMES[declared], "found": NAMES[guess.lang]})
