"""Known words: whether letters in capitals are a word of Spanish or English (svclint.rules.words).

CLR007 reads a known word in capitals as a raised voice and CLR004 reads letters no
dictionary holds as an acronym or a name. The list comes from the installed tables and
is kept in the cache folder; a damaged copy there is rebuilt, never trusted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from svclint.config import Config
from svclint.engine import Linter
from svclint.rules import words


@pytest.mark.parametrize("word, known", [
    ("URGENTE", True), ("MAÑANA", True), ("ESTÁ", True), ("GRATIS", True), ("NEVER", True), ("STRONGLY", True),
    ("REINICIALO", True), ("DÍGASELO", True),  # a verb with its pronouns attached
    ("COBACH", False), ("SNIES", False), ("PEBKAC", False), ("DUHEM", False),
])
def test_known_words(word: str, known: bool) -> None:
    assert words.is_known_word(word) is known


def _codes(lang: str, text: str) -> list[tuple[str, str]]:
    result = Linter(Config(), lang=lang, kind="email", select=["CLR004", "CLR007"]).lint_bytes("t.txt", text.encode())
    return [(f.code, f.matched) for f in result.findings]


def test_a_name_in_capitals_is_an_acronym_and_a_word_in_capitals_shouts() -> None:
    assert _codes("es", "Bienvenido al COBACH.\n") == [("CLR004", "COBACH")]
    assert _codes("es", "Es URGENTE que responda.\n") == [("CLR007", "URGENTE")]
    assert _codes("en", "PLEASEEE reply today.\n") == [("CLR007", "PLEASEEE")]  # a word held, not an acronym
    assert _codes("en", "Missing the reward is the WORST.\n") == [("CLR007", "WORST")]  # one vowel, still a word


def test_the_list_is_kept_and_a_damaged_copy_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path))
    words._known_words.cache_clear()
    try:
        assert words.is_known_word("URGENTE")
        [kept] = tmp_path.glob("words-*.txt")
        assert kept.read_bytes().startswith(words._HEADER)
        kept.write_bytes(b"garbage")  # a cut-off or foreign file under the same name
        words._known_words.cache_clear()
        assert words.is_known_word("URGENTE") and not words.is_known_word("COBACH")
        assert kept.read_bytes().startswith(words._HEADER)
    finally:
        words._known_words.cache_clear()


def test_without_a_cache_folder_the_tables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", "")
    words._known_words.cache_clear()
    try:
        assert words.is_known_word("gracias") and not words.is_known_word("cobach")
    finally:
        words._known_words.cache_clear()


def test_search_finds_every_line_and_nothing_else() -> None:
    listed = words._HEADER + b"a\nabc\nb\nzz\n"
    assert all(words._holds(listed, word) for word in (b"a", b"abc", b"b", b"zz"))
    assert not any(words._holds(listed, word) for word in (b"", b"ab", b"c", b"zzz", b"0"))
