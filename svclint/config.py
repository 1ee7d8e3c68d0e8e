"""Configuration: svclint.yaml, .svclint.yaml or [tool.svclint] in pyproject.toml,
found by walking up from the linted path, or named with --config."""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svclint.errors import ConfigError
from svclint.model import KINDS, LANGS, Severity
from svclint.yamlio import line_of, load_yaml, read_data_file

CONFIG_NAMES = ("svclint.yaml", ".svclint.yaml", "pyproject.toml")
CODE_OR_PREFIX = re.compile(r"^(ALL|[A-Z]{1,3}\d{0,3})$")
# Per-rule thresholds; values are checked for type here, used by the metric checks.
OPTION_TYPES: dict[str, type] = {
    "max-sentence-words": int,
    "min-words": int,
    "min-score": (int, float),  # type: ignore[dict-item]
    "index": str,
    "max-words-email": int,
    "max-words-chat": int,
    "max-words-faq": int,
    "max-words-call-script": int,
    "max-chars-sms": int,
    "max-file-bytes": int,
    "max-yaml-nodes": int,
    "regex-time-limit": (int, float),  # type: ignore[dict-item]
}
# Seconds a regular expression may take on one word: a limit below a millisecond stops
# sound expressions, and above a minute (or infinite, which the regex module treats as
# already expired) it no longer guards the run.
REGEX_TIME_LIMITS = (0.001, 60)
MAX_OPTION_NUMBER = 2**31 - 1  # thresholds are counts of words, bytes or nodes


@dataclass
class Config:
    path: str | None = None
    lang: str = "auto"
    kind: str | None = None
    register: str | None = None  # LNG002 reports only mixing until a house register is set
    organization: list[str] = field(default_factory=list)
    variables: list[str] | None = None
    glossary: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    rule_packs: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "warning"

    @property
    def base(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()

    def pack_paths(self) -> tuple[str, ...]:
        """`rule-packs` entries, relative to the configuration file's folder."""
        return tuple(str(self.base / path) for path in self.rule_packs)

    def max_file_bytes(self) -> int:
        return int(self.options.get("max-file-bytes", 2_000_000))

    def max_yaml_nodes(self) -> int:
        return int(self.options.get("max-yaml-nodes", 1_000_000))

    def regex_time_limit(self) -> float:
        return float(self.options.get("regex-time-limit", 0.25))


def find_config(start: Path) -> Path | None:
    """The first configuration file found walking up from `start`. The path is made
    absolute without following links: a looping link or an over-long name given as
    the first path is reported by the run, not here."""
    folder = Path(os.path.abspath(start))
    try:
        if not folder.is_dir():
            folder = folder.parent
    except (OSError, ValueError):
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    """Whether a pyproject.toml configures svclint; a `tool` that is not a table is
    taken as one, so that loading it says what is wrong."""
    try:
        tool = tomllib.loads(read_data_file(path, "configuration", ConfigError)).get("tool", {})
    except (ConfigError, tomllib.TOMLDecodeError):
        return False
    return not isinstance(tool, dict) or "svclint" in tool


def load_config(path: Path) -> Config:
    where = str(path)
    text = read_data_file(path, "configuration", ConfigError)
    if path.name == "pyproject.toml":
        try:
            tool = tomllib.loads(text).get("tool", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"invalid TOML: {error}", where) from None
        locate = _toml_locator(text)
        if not isinstance(tool, dict) or not isinstance(tool.get("svclint", {}), dict):
            raise ConfigError("'tool' and 'tool.svclint' must be tables", where, locate(None, "tool"))
        data = tool.get("svclint", {})
    else:
        data = load_yaml(text, where, ConfigError) or {}
        locate = lambda node, key: line_of(node, key)  # noqa: E731
    if not isinstance(data, dict):
        raise ConfigError("configuration must be a mapping of keys to values", where)
    return config_from_mapping(data, where, locate)


def _toml_locator(text: str):
    def locate(node: Any, key: Any) -> int | None:
        match = re.search(rf"^\s*\"?{re.escape(str(key))}\"?\s*=", text, re.MULTILINE)
        return text.count("\n", 0, match.start()) + 1 if match else None

    return locate


def config_from_mapping(data: dict, where: str, locate=lambda node, key: None) -> Config:
    """Validate a configuration mapping (from a file, or a rule example) into a Config."""
    config = Config(path=where)

    def fail(key: str, message: str, node: Any = data) -> ConfigError:
        return ConfigError(f"'{key}': {message}", where, locate(node, key))

    def strings(key: str, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a string or a list of strings")
        return [str(v) for v in value]

    def codes(key: str, value: Any) -> list[str]:
        found = strings(key, value)
        for code in found:
            if not CODE_OR_PREFIX.match(code):
                raise fail(key, f"{code!r} is not a rule code or prefix (e.g. PRM001, PRM, ALL)")
        return found

    def choice(key: str, value: Any, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise fail(key, f"must be one of {', '.join(allowed)}")
        return str(value)

    def mapping(key: str, value: Any) -> dict:
        if not isinstance(value, dict):
            raise fail(key, "must be a mapping")
        return value

    for key, value in data.items():
        if key == "lang":
            config.lang = choice(key, value, ("auto", *LANGS))
        elif key == "kind":
            config.kind = choice(key, value, KINDS)
        elif key == "register":
            config.register = choice(key, value, ("usted", "tu"))
        elif key == "fail-on":
            config.fail_on = choice(key, value, ("error", "warning", "info"))
        elif key in ("organization", "glossary", "rule-packs", "exclude"):
            setattr(config, key.replace("-", "_"), strings(key, value))
        elif key == "variables":
            config.variables = strings(key, value)
        elif key in ("select", "extend-select", "ignore"):
            setattr(config, key.replace("-", "_"), codes(key, value))
        elif key == "severity":
            node = mapping(key, value)
            for code, level in node.items():
                if not CODE_OR_PREFIX.match(str(code)) or level not in ("error", "warning", "info"):
                    raise fail(code, "severity overrides map a rule code to error, warning or info", node)
                config.severity[str(code)] = Severity.parse(level)
        elif key == "kinds":
            node = mapping(key, value)
            for glob, kind in node.items():
                if kind not in KINDS:
                    raise fail(glob, f"kind must be one of {', '.join(KINDS)}", node)
                config.kinds[str(glob)] = kind
        elif key == "per-file-ignores":
            node = mapping(key, value)
            config.per_file_ignores = {str(glob): codes(glob, v) for glob, v in node.items()}
        elif key == "options":
            config.options = _options(mapping(key, value), fail)
        else:
            raise fail(key, "unknown key (see `svclint init` for every key)")
    return config


READABILITY_INDEXES = ("inflesz", "fernandez-huerta", "flesch")


def option_problem(name: str, value: Any) -> str | None:
    """What is wrong with one option value (in configuration or a rule pack), or None."""
    expected = OPTION_TYPES.get(name)
    if expected is None:
        return f"unknown option (known: {', '.join(OPTION_TYPES)})"
    if not isinstance(value, expected) or isinstance(value, bool):
        return f"must be a {getattr(expected, '__name__', 'number')}"
    if name == "index" and value not in READABILITY_INDEXES:
        return f"must be one of {', '.join(READABILITY_INDEXES)}"
    if isinstance(value, str):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if name != "min-score" and value <= 0:
        return "must be greater than 0"
    if name == "regex-time-limit" and not REGEX_TIME_LIMITS[0] <= value <= REGEX_TIME_LIMITS[1]:
        return f"must be between {REGEX_TIME_LIMITS[0]:g} and {REGEX_TIME_LIMITS[1]:g} seconds"
    if abs(value) > MAX_OPTION_NUMBER:
        return f"must be at most {MAX_OPTION_NUMBER:,}"
    return None


def _options(node: dict, fail) -> dict[str, Any]:
    for name, value in node.items():
        problem = option_problem(name, value)
        if problem:
            raise fail(name, problem, node)
    return dict(node)


STARTER = """\
# svclint configuration. Every key is optional; delete what you do not need.

# Language of the texts: es, en, or auto (detected per file).
lang: auto

# Formal or informal address for LNG002 (Spanish): usted or tu.
register: usted

# Names of your organisation, accepted by PRO002 as naming it in a call opening.
organization: []

# Declared template variables; when set, TPL002 reports any other placeholder.
# variables: [nombre, pedido, fecha]

# Terms and acronyms your customers know (CLR004, CLR007 leave them alone).
glossary: []

# Rules to run and to skip: codes or prefixes (ANG, PRM001, ALL).
select: [ALL]
extend-select: []
ignore: []

# Severity overrides per code or prefix: error, warning or info.
severity: {}

# Document kinds by path glob: email, chat, call-script, faq, sms, text, notice.
kinds: {}
#   "emails/*": email
#   "scripts/*.yaml": call-script

# Codes to skip in some files.
per-file-ignores: {}
#   "legacy/*": [THX001]

# Files and folders never linted.
exclude: []

# Thresholds.
# Leave a threshold out to keep each language's default (CLR001: 30 words in
# Spanish, 25 in English).
options:
  max-file-bytes: 2000000     # larger files are skipped with a note
  max-yaml-nodes: 1000000     # YAML/JSON files that expand (aliases as copies) to more are skipped
  regex-time-limit: 0.25      # seconds a /regex/ of a rule pack may take on one word
  # max-sentence-words: 25    # CLR001
  # min-score: 55             # CLR002 readability threshold
  # max-words-email: 200      # CLR006 budgets: email, chat, faq, call-script (per turn)
  # max-chars-sms: 160

# Lowest severity that makes `svclint check` exit 1.
fail-on: warning

# Your own rules: YAML files, relative to this file (see "Your own rules" in
# the README). Each new code maps to its catalogue entry and one section per
# language, written like a bundled rules/<lang>/<CODE>.yaml.
rule-packs: []
"""
