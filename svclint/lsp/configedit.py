"""Edits the code actions make to a configuration file: a word added to `glossary` or
`organization`, a code added to a file's `per-file-ignores`. The file is edited with
ruamel.yaml's round trip, so its comments, order, quoting and indentation stay as the
user wrote them; only the value asked for is added. A collection written inline
(`glossary: []`) stays inline."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from svclint.errors import ConfigError
from svclint.yamlio import load_yaml, read_data_file

# The name a configuration file gets when there is none to edit.
NEW_CONFIG = "svclint.yaml"
_GLOB_SPECIALS = "\\*?[!#"
_NESTED_KEY = re.compile(r"^( +)[^\s#-][^:#]*:(?:\s|$)", re.MULTILINE)


def file_glob(path: str, config_folder: str) -> str:
    """A `per-file-ignores` glob that matches `path` and nothing else: relative to the
    configuration's folder and anchored there with a leading `/` (a glob without `/`
    would match that name at any depth), with glob characters escaped."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(config_folder)).replace(os.sep, "/")
    return "/" + "".join("\\" + c if c in _GLOB_SPECIALS else c for c in relative)


def add_to_list(config_path: str, key: str, value: str) -> bool:
    """Add `value` to the list under `key` (glossary, organization); False when it was there."""
    def add(data: CommentedMap) -> bool:
        return _append(data, key, value)

    return _edit(config_path, add)


def ignore_in_file(config_path: str, glob: str, code: str) -> bool:
    """Add `code` to the codes `per-file-ignores` gives `glob`; False when it was there."""
    def add(data: CommentedMap) -> bool:
        globs = data.get("per-file-ignores")
        if globs is None:
            globs = data["per-file-ignores"] = CommentedMap()
        elif not isinstance(globs, CommentedMap):
            raise ConfigError("'per-file-ignores' is not a mapping; not edited", config_path)
        elif not globs:
            globs.fa.set_flow_style()  # written `{}`: it stays inline
        return _append(globs, glob, code)

    return _edit(config_path, add)


def _append(mapping: CommentedMap, key: str, value: str) -> bool:
    """Append to the list at `key` (made inline when new; a single string becomes a list)."""
    current = mapping.get(key)
    if isinstance(current, str):
        current = [current]
    if current is None:
        current = []
    if not isinstance(current, list):
        raise ConfigError(f"'{key}' is not a list; not edited")
    if value in current:
        return False
    listed = current if isinstance(current, CommentedSeq) else CommentedSeq(current)
    if not listed:
        listed.fa.set_flow_style()
    listed.append(value)
    mapping[key] = listed
    return True


def _edit(config_path: str, change: Any) -> bool:
    """Apply `change` to the mapping in `config_path` (created when missing) and write
    the file back; nothing is written when `change` reports no change."""
    path = Path(config_path)
    text = read_data_file(path, "configuration", ConfigError) if path.exists() else ""
    load_yaml(text, config_path, ConfigError)  # a file svclint cannot read is not rewritten
    data, sequence_indent, sequence_offset = load_yaml_guess_indent(text) if text.strip() else (None, 2, 0)
    if data is not None and not isinstance(data, CommentedMap):
        raise ConfigError("the configuration is not a mapping; not edited", config_path)
    written = data if data is not None else CommentedMap()
    if not change(written):
        return False
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote on one
    yaml.indent(mapping=_mapping_indent(text), sequence=sequence_indent, offset=sequence_offset or 0)
    out = io.StringIO()
    yaml.dump(written, out)
    # A file holding only comments has no mapping to carry them: the new keys follow them.
    prefix = "" if data is not None else text + ("\n" if text and not text.endswith("\n") else "")
    path.write_text(prefix + out.getvalue(), encoding="utf-8")
    return True


def _mapping_indent(text: str) -> int:
    """The indentation of the file's nested mappings (ruamel guesses only its lists'):
    the smallest indentation of a key, 2 when no key is nested."""
    return min((len(match.group(1)) for match in _NESTED_KEY.finditer(text)), default=2)
