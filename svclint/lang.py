"""Spanish or English? Decided per file from very common words.

Function words separate the two languages reliably on a few dozen words, which
is all a template has; a statistical detector would add start-up time and
memory for no gain on a two-way choice.
"""

from __future__ import annotations

import re

_SPANISH = frozenset(
    "el la los las de del que y en un una por para con no su sus le les se es está están "
    "usted ustedes lo al como más pero sí muy gracias hola nuestro nuestra este esta "
    "puede favor hemos ha han será estimado cliente pedido".split()
)
_ENGLISH = frozenset(
    "the an of and to in is are you your we our for with on this that it be will have "
    "has can not please thank thanks hello dear order if at as from by us".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def detect(text: str, default: str = "es") -> str:
    words = _WORD.findall(text[:20_000].lower())
    spanish, english = sum(map(_SPANISH.__contains__, words)), sum(map(_ENGLISH.__contains__, words))
    if spanish == english:
        return default
    return "es" if spanish > english else "en"
