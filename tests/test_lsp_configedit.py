"""The configuration edits of the language server's code actions (svclint/lsp/configedit.py),
on files written by hand: only the value asked for is added, comments and layout kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from svclint.config import load_config
from svclint.errors import ConfigError
from svclint.lsp.configedit import add_to_list, file_glob, ignore_in_file


def test_a_missing_configuration_is_created_with_the_entry(tmp_path: Path) -> None:
    config = tmp_path / "svclint.yaml"
    assert add_to_list(str(config), "organization", "Banco BXT")
    assert config.read_text(encoding="utf-8") == "organization: [Banco BXT]\n"
    assert load_config(config).organization == ["Banco BXT"]


def test_a_file_of_comments_keeps_them_before_the_new_key(tmp_path: Path) -> None:
    config = tmp_path / "svclint.yaml"
    config.write_text("# Nothing set yet.", encoding="utf-8")
    assert add_to_list(str(config), "glossary", "SLA")
    assert config.read_text(encoding="utf-8") == "# Nothing set yet.\nglossary: [SLA]\n"


def test_block_lists_and_four_space_mappings_keep_their_layout(tmp_path: Path) -> None:
    config = tmp_path / "svclint.yaml"
    config.write_text("glossary:\n    - API   # our own\nper-file-ignores:\n    '*.eml': [THX001]\n", encoding="utf-8")
    assert add_to_list(str(config), "glossary", "SLA")
    assert ignore_in_file(str(config), "/legal/terms.md", "CLR001")
    assert not ignore_in_file(str(config), "/legal/terms.md", "CLR001")  # already there: nothing written
    assert config.read_text(encoding="utf-8") == (
        "glossary:\n    - API   # our own\n    - SLA\nper-file-ignores:\n    '*.eml': [THX001]\n"
        "    /legal/terms.md: [CLR001]\n")


def test_the_glob_matches_that_file_only(tmp_path: Path) -> None:
    document = tmp_path / "emails" / "promo [v2].md"
    glob = file_glob(str(document), str(tmp_path))
    assert glob == "/emails/promo \\[v2].md"
    config = tmp_path / "svclint.yaml"
    ignore_in_file(str(config), glob, "PRM001")
    globs = load_config(config).ignore_globs()
    assert list(globs.values(str(document))) == [["PRM001"]]
    assert list(globs.values(str(tmp_path / "old" / "emails" / "promo [v2].md"))) == []
    assert list(globs.values(str(tmp_path / "emails" / "promo v.md"))) == []


@pytest.mark.parametrize("text", ["glossary: {SLA: yes}\n", "[1, 2]\n", "glossary: [SLA\n"])
def test_a_configuration_it_cannot_extend_is_left_as_it_is(tmp_path: Path, text: str) -> None:
    config = tmp_path / "svclint.yaml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        add_to_list(str(config), "glossary", "KPI")
    assert config.read_text(encoding="utf-8") == text
