"""Syllable counts for the readability formulas.

Spanish spelling is regular enough to count vowel nuclei exactly: a strong
vowel pair (a, e, o) or an accented weak vowel (í, ú) is a hiatus, any other
vowel pair a diphthong, and the u of "que/qui/gue/gui" is silent.
English is counted by vowel groups with corrections for silent final e,
-ed and -es endings and a few common prefixes/suffixes.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STRONG = set("aeoáéó")
_ACCENTED_WEAK = set("íú")
_VOWELS = set("aeiouáéíóúü")


@lru_cache(maxsize=100_000)  # words repeat: each is counted once per run
def spanish(word: str) -> int:
    word = word.lower()
    count, previous = 0, ""
    for i, char in enumerate(word):
        if char == "y" and previous in _VOWELS and (i + 1 == len(word) or word[i + 1] not in _VOWELS):
            previous = "y"  # "hoy", "muy": the y closes a diphthong
            continue
        if char not in _VOWELS:
            previous = char
            continue
        if char == "u" and previous in ("q", "g") and i + 1 < len(word) and word[i + 1] in "eéií":
            previous = "q"  # silent u
            continue
        if previous in _VOWELS:
            hiatus = (char in _STRONG and previous in _STRONG) or char in _ACCENTED_WEAK or previous in _ACCENTED_WEAK
            if hiatus:
                count += 1
        else:
            count += 1
        previous = char
    return max(1, count)


_EN_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_EN_SILENT_END = re.compile(r"(?:[^aeiouyl]e|[^aeiouydt]ed|[^aeiouyszxgch]es)$")
# Vowel pairs read as two syllables: "media", "ratio", "science", "being", "appreciate".
_EN_HIATUS = re.compile(r"(?<![ct])ia|(?<![tscg])io|ua|ier\b|iet|io$|ience|iate|[aeiou]ing$|eo(?![up])|ea(?=te$)")
_EN_SILENT_INNER = re.compile(r"[^aeiouy]ely$")  # "definitely", "likely"


@lru_cache(maxsize=100_000)
def english(word: str) -> int:
    word = word.lower().strip("'")
    if len(word) <= 3:
        return 1
    count = len(_EN_VOWEL_GROUPS.findall(word)) + len(_EN_HIATUS.findall(word))
    if _EN_SILENT_END.search(word) or _EN_SILENT_INNER.search(word):
        count -= 1
    return max(1, count)
