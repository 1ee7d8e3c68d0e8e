"""The compiled patterns are cached under a key made of the packs, the selection and
only the configuration keys that compiling reads (ruleset.COMPILED_FROM_CONFIG): an
editor that adds a glossary word must not wait for every pattern to compile again,
and a key that compiling does read must never be left out."""

from __future__ import annotations

import pytest

from svclint.config import Config
from svclint.model import Severity
from svclint.rules.packs import rule_book
from svclint.rules.ruleset import COMPILED_FROM_CONFIG, LanguageRules, _snapshot_path

# Every other configuration key, set to something a project might write.
EVERYTHING_ELSE = dict(
    lang="es", kind="email", register="usted", variables=["nombre"], glossary=["DTIC", "SEPA"],
    select=["ALL"], extend_select=["CLR"], ignore=["SIN001"], severity={"CLR": Severity.INFO},
    kinds={"chats/**": "chat"}, languages={"plantillas/ca/**": "ca"}, per_file_ignores={"legal/*": ["CLR001"]},
    options={"CLR001": {"max-words": 40}}, exclude=["borradores/"], include=["**/*.txt"], fail_on="error",
    profile=["es-ley-10-2025"],  # a profile's rules reach the key through the rule book and the codes
    transcript="asr",  # read per document when the rules run, never when they compile
)


def _compiled(monkeypatch: pytest.MonkeyPatch, config: Config, prefix: str = "") -> dict:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", "")  # no cache: compile from the packs
    book = rule_book(config.pack_paths())
    rules = LanguageRules("es", [code for code in book.catalogue if code.startswith(prefix)], config, book)
    return rules.matchers.snapshot()


def test_only_the_listed_configuration_keys_change_what_is_compiled(monkeypatch) -> None:
    assert COMPILED_FROM_CONFIG == ("organization",)
    assert set(EVERYTHING_ELSE) | set(COMPILED_FROM_CONFIG) | {"path", "rule_packs", "extends"} == \
        set(Config.__dataclass_fields__)  # a new key joins this test (or the list) when it is added
    assert _compiled(monkeypatch, Config(**EVERYTHING_ELSE)) == _compiled(monkeypatch, Config())
    assert _compiled(monkeypatch, Config(organization=["Mueblería Ruiz"]), "PRO") != _compiled(monkeypatch, Config(), "PRO")


def test_the_key_follows_the_listed_keys_only(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path))
    book = rule_book(())
    key = lambda config: _snapshot_path("es", ["PRO001"], config, book)  # noqa: E731
    assert key(Config(**EVERYTHING_ELSE)) == key(Config()) != key(Config(organization=["Mueblería Ruiz"]))
