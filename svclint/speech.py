"""Whether text reads as speech recognition writes it: words with no capital letter
and no punctuation mark. `transcript: auto` judges such a document as `asr` does
(svclint/nlp.py: a sentence per line, names without capitals; rules that read case
or punctuation not run), and `svclint qa` counts such conversations."""

from __future__ import annotations

from collections.abc import Iterable

SPEECH_MIN_WORDS = 20  # fewer words can lack capitals and marks in any quick chat reply
_WRITTEN_MARKS = frozenset(".,;:?!¿¡")


def reads_as_speech(texts: Iterable[str]) -> bool:
    """Whether the texts hold some words and not one capital letter or punctuation mark."""
    said = " ".join(texts)
    return len(said.split()) >= SPEECH_MIN_WORDS and not any(c.isupper() or c in _WRITTEN_MARKS for c in said)
