"""Configuration: svclint.yaml, .svclint.yaml or [tool.svclint] in pyproject.toml.

Each linted file takes the closest configuration above it (or the one named
with --config, for every file). A configuration may `extend:` another: it
starts from that one's settings; its own `ignore` and `extend-select` add to
the inherited ones, its mappings (`severity`, `options`) add to or override
theirs, and any other key replaces the inherited value. Path globs (`exclude`, `kinds`, `per-file-ignores`) have
.gitignore meaning and are relative to the folder of the file that wrote them,
inherited ones included."""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from svclint.errors import ConfigError
from svclint.langid import LANGUAGES as DECLARABLE_LANGUAGES
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
    # the least score a learned scorer's finding needs (svclint/checks/scorer.py): it only raises a
    # rule's own threshold, and 1 turns the scorers off
    "scorer-confidence": (int, float),  # type: ignore[dict-item]
}
# Seconds a regular expression may take on one word: a limit below a millisecond stops
# sound expressions, and above a minute (or infinite, which the regex module treats as
# already expired) it no longer guards the run.
REGEX_TIME_LIMITS = (0.001, 60)
MAX_OPTION_NUMBER = 2**31 - 1  # thresholds are counts of words, bytes or nodes
# How the texts were made: written by a person, or by speech recognition (ASR), whose
# text has no case or punctuation to go by (svclint/nlp.py, RuleMeta.reads).
TRANSCRIPTS = ("written", "asr", "auto")
TRANSCRIPT_HELP = ("asr: the texts are speech-recognition transcripts without case or punctuation; rules that read "
                   "those are not run and each line or turn is one sentence. auto: so for each file or conversation "
                   "whose organisation's words have no capital letter or mark (default: the configuration's, written).")


@dataclass
class Config:
    path: str | None = None
    lang: str = "auto"
    kind: str | None = None
    register: str | None = None  # LNG002 reports only mixing until a house register is set
    # "asr": the texts are speech-recognition transcripts, without case or punctuation to go by;
    # "auto": each text that reads so (svclint/speech.py)
    transcript: str = "written"
    organization: list[str] = field(default_factory=list)
    variables: list[str] | None = None
    glossary: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    # The language each set of files is written in, by path glob: es and en files are linted in it,
    # ca/gl/eu files by no language's rules; LEY005 (es-ley-10-2025) checks the text says the same.
    languages: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    rule_packs: list[str] = field(default_factory=list)
    profile: list[str] = field(default_factory=list)  # opt-in rule sets shipped with svclint (rules/profiles/)
    exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)  # when set, a folder walk lints only these
    fail_on: str = "warning"
    extends: "Config | None" = None  # the configuration named by `extend:`

    @property
    def base(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()

    def layers(self) -> Iterator["Config"]:
        """This configuration, then the ones it extends: whose globs apply, nearest first."""
        layer: Config | None = self
        while layer is not None:
            yield layer
            layer = layer.extends

    def kind_globs(self) -> "PathGlobs[str]":
        return PathGlobs((layer.base, glob, kind) for layer in self.layers() for glob, kind in layer.kinds.items())

    def language_globs(self) -> "PathGlobs[str]":
        return PathGlobs((layer.base, glob, lang) for layer in self.layers() for glob, lang in layer.languages.items())

    def ignore_globs(self) -> "PathGlobs[list[str]]":
        return PathGlobs((layer.base, glob, codes) for layer in self.layers()
                         for glob, codes in layer.per_file_ignores.items())

    def exclude_globs(self) -> "PathGlobs[bool]":
        return PathGlobs((layer.base, glob, True) for layer in self.layers() for glob in layer.exclude)

    def include_globs(self) -> "PathGlobs[bool]":
        return PathGlobs((layer.base, glob, True) for layer in self.layers() for glob in layer.include)

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
        found = _config_file_in(directory)
        if found is not None:
            return found
    return None


def _config_file_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
            return candidate
    return None


class ConfigFinder:
    """The configuration of each linted file: the one named with --config for every
    file, else the closest one above the file. Each folder is looked up once and each
    configuration loaded once, so a folder walk costs no more than one lookup per folder."""

    def __init__(self, named: "str | Config | None" = None):
        self._named = named if isinstance(named, Config) or named is None else load_config(Path(named))
        self._default = Config()
        self._by_folder: dict[str, Config] = {}
        self._loaded: dict[Path, Config] = {}

    def for_path(self, path: str) -> Config:
        if self._named is not None:
            return self._named
        absolute = os.path.abspath(path)
        try:
            folder = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
        except ValueError:  # a NUL byte in the name: reported by the run
            folder = os.path.dirname(absolute)
        return self._for_folder(folder)

    def loaded(self) -> list[Config]:
        """Every configuration read so far (the named one, or those files took)."""
        return [self._named] if self._named is not None else list(self._loaded.values())

    def _for_folder(self, folder: str) -> Config:
        """Walk up until a folder already looked up or one with a configuration file;
        every folder passed on the way takes the same answer (no recursion: trees may be deep)."""
        passed = []
        current = folder
        while current not in self._by_folder:
            passed.append(current)
            found = _config_file_in(Path(current))
            parent = os.path.dirname(current)
            if found is not None or parent == current:
                self._by_folder[current] = self._load(found) if found is not None else self._default
                break
            current = parent
        answer = self._by_folder[current]
        for visited in passed:
            self._by_folder[visited] = answer
        return answer

    def _load(self, path: Path) -> Config:
        if path not in self._loaded:
            self._loaded[path] = load_config(path)
        return self._loaded[path]


def _has_tool_section(path: Path) -> bool:
    """Whether a pyproject.toml configures svclint; a `tool` that is not a table is
    taken as one, so that loading it says what is wrong."""
    try:
        tool = tomllib.loads(read_data_file(path, "configuration", ConfigError)).get("tool", {})
    except (ConfigError, tomllib.TOMLDecodeError):
        return False
    return not isinstance(tool, dict) or "svclint" in tool


def load_config(path: Path, _extended_by: tuple[str, ...] = ()) -> Config:
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
    parent = _extended(path, data, locate, _extended_by) if "extend" in data else None
    return config_from_mapping(data, where, locate, parent, from_file=True)


def _extended(path: Path, data: dict, locate, extended_by: tuple[str, ...]) -> Config:
    """The configuration named by `extend:` (relative to this file's folder)."""
    where, value = str(path), data["extend"]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError("'extend': must be the path of another configuration file", where, locate(data, "extend"))
    target = path.parent / value
    chain = (*extended_by, os.path.abspath(where))
    if os.path.abspath(target) in chain:
        raise ConfigError(f"'extend': {value!r} extends this file again (a loop)", where, locate(data, "extend"))
    if not target.is_file():
        raise ConfigError(f"'extend': no configuration file at {value!r}", where, locate(data, "extend"))
    return load_config(target, chain)


def _toml_locator(text: str):
    def locate(node: Any, key: Any) -> int | None:
        match = re.search(rf"^\s*\"?{re.escape(str(key))}\"?\s*=", text, re.MULTILINE)
        return text.count("\n", 0, match.start()) + 1 if match else None

    return locate


def _inheriting(parent: Config, where: str) -> Config:
    """A configuration that starts from `parent`: the same settings, rule packs as the
    parent's paths, and mappings copied so that the child's keys add to them. Globs
    stay with the parent (its folder is their base; see Config.layers)."""
    return replace(parent, path=where, extends=parent, rule_packs=list(parent.pack_paths()),
                   ignore=list(parent.ignore), extend_select=list(parent.extend_select),
                   severity=dict(parent.severity), options=dict(parent.options),
                   kinds={}, languages={}, per_file_ignores={}, exclude=[], include=[])


def config_from_mapping(data: dict, where: str, locate=lambda node, key: None, parent: Config | None = None,
                        from_file: bool = False) -> Config:
    """Validate a configuration mapping (from a file, or a rule example) into a Config,
    starting from the configuration it extends, if any (`extend` is read by load_config)."""
    config = Config(path=where) if parent is None else _inheriting(parent, where)

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

    def globs_to(key: str, value: Any, allowed: tuple[str, ...], what: str) -> dict[str, str]:
        """Path globs, each mapped to one of `allowed` (a kind, a language)."""
        node = mapping(key, value)
        for glob, chosen in node.items():
            if chosen not in allowed:
                raise fail(glob, f"{what} must be one of {', '.join(allowed)}", node)
        return {str(glob): str(chosen) for glob, chosen in node.items()}

    for key, value in data.items():
        if key == "extend" and from_file:
            continue
        if key == "lang":
            config.lang = choice(key, value, ("auto", *LANGS))
        elif key == "kind":
            config.kind = choice(key, value, KINDS)
        elif key == "register":
            config.register = choice(key, value, ("usted", "tu"))
        elif key == "transcript":
            config.transcript = choice(key, value, TRANSCRIPTS)
        elif key == "fail-on":
            config.fail_on = choice(key, value, ("error", "warning", "info"))
        elif key in ("organization", "glossary", "rule-packs", "exclude", "include"):
            setattr(config, key.replace("-", "_"), strings(key, value))
        elif key == "variables":
            config.variables = strings(key, value)
        elif key == "profile":
            config.profile = _profiles(strings(key, value), lambda message: fail(key, message))
        elif key == "select":
            config.select = codes(key, value)
        elif key in ("extend-select", "ignore"):  # add to what an extended configuration chose
            attribute = key.replace("-", "_")
            setattr(config, attribute, [*getattr(config, attribute), *codes(key, value)])
        elif key == "severity":
            node = mapping(key, value)
            for code, level in node.items():
                if not CODE_OR_PREFIX.match(str(code)) or level not in ("error", "warning", "info"):
                    raise fail(code, "severity overrides map a rule code to error, warning or info", node)
                config.severity[str(code)] = Severity.parse(level)
        elif key == "kinds":
            config.kinds.update(globs_to(key, value, KINDS, "kind"))
        elif key == "languages":
            config.languages.update(globs_to(key, value, DECLARABLE_LANGUAGES, "language"))
        elif key == "per-file-ignores":
            node = mapping(key, value)
            config.per_file_ignores = {str(glob): codes(glob, v) for glob, v in node.items()}
        elif key == "options":
            config.options.update(_options(mapping(key, value), fail))
        else:
            raise fail(key, "unknown key (see `svclint init` for every key)")
    return config


V = TypeVar("V")
W = TypeVar("W")


class PathGlobs(Generic[V]):
    """Path globs with .gitignore meaning (`*` stays within a folder, `**` crosses
    folders, a glob without `/` matches a name at any depth, a folder's glob covers
    what is inside it), each relative to the folder of the configuration that wrote
    it. A path outside that folder is matched by its name alone."""

    def __init__(self, entries: Iterator[tuple[Path, str, V]]):
        listed = list(entries)
        if listed:  # only a configuration with globs needs pathspec: a one-file run skips its import
            from pathspec import GitIgnoreSpec
        self._entries = [(str(base), GitIgnoreSpec.from_lines([glob]), value) for base, glob, value in listed]
        self._roots: dict[str, tuple[str, str]] = {}

    def __bool__(self) -> bool:
        return bool(self._entries)

    def mapped(self, function: "Callable[[V], W]") -> "PathGlobs[W]":
        """The same globs (compiled once) with each value passed through `function`."""
        copy: PathGlobs[W] = PathGlobs(iter(()))
        copy._entries = [(base, spec, function(value)) for base, spec, value in self._entries]  # type: ignore[misc]
        return copy

    def values(self, path: str, folder: bool = False) -> Iterator[V]:
        """The values of the globs that match `path`, in the order they were written
        (nearest configuration first); `folder` lets globs ending in `/` match it."""
        relative: dict[str, str] = {}
        for base, spec, value in self._entries:
            if base not in relative:
                relative[base] = self._relative(path, base) + ("/" if folder else "")
            if spec.match_file(relative[base]):
                yield value

    def _relative(self, path: str, base: str) -> str:
        """`path` relative to `base`, "/"-separated, or its name when outside. Links are
        resolved only when the plain absolute path is not inside (a stat per part)."""
        if base not in self._roots:
            self._roots[base] = tuple(resolve(base).rstrip(os.sep) + os.sep for resolve in _RESOLVERS)
        for resolve, root in zip(_RESOLVERS, self._roots[base]):
            found = resolve(path)
            if found.startswith(root):
                return found[len(root):].replace(os.sep, "/")
        return os.path.basename(path)


_RESOLVERS = (os.path.abspath, os.path.realpath)


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
    if name == "scorer-confidence" and not 0.5 <= value <= 1:
        return "must be between 0.5 and 1 (1 turns the learned scorers off)"
    if name == "regex-time-limit" and not REGEX_TIME_LIMITS[0] <= value <= REGEX_TIME_LIMITS[1]:
        return f"must be between {REGEX_TIME_LIMITS[0]:g} and {REGEX_TIME_LIMITS[1]:g} seconds"
    if abs(value) > MAX_OPTION_NUMBER:
        return f"must be at most {MAX_OPTION_NUMBER:,}"
    return None


def _profiles(names: list[str], fail: Callable[[str], ConfigError]) -> list[str]:
    """`profile` names, each one shipped with svclint."""
    from svclint.rules.packs import profile_names  # packs imports this module (through the checks' schema)

    known = profile_names()
    for name in names:
        if name not in known:
            raise fail(f"unknown profile {name!r} (known: {', '.join(known) or 'none'})")
    return names


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

# How the texts were made: written, or asr for speech-recognition transcripts
# without case or punctuation (the rules that read those are not run, and each
# line or speaker turn is one sentence), or auto to tell them apart file by file.
transcript: written

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

# The language of each template set, by path glob: es, en, ca, gl or eu. Catalan,
# Galician and Basque files are not linted; profile es-ley-10-2025 (LEY005)
# reports a file whose text is in another language than the one declared.
languages: {}
#   "plantillas/ca/**": ca

# Codes to skip in some files.
per-file-ignores: {}
#   "legacy/*": [THX001]

# Files and folders never linted (globs as in .gitignore).
exclude: []

# When set, a folder walk lints only the files these globs match.
include: []
#   - "templates/**"
#   - "*.eml"

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

# Opt-in rule sets shipped with svclint (`svclint rules` lists them), e.g.
# es-ley-10-2025 for Spain's customer-service law.
profile: []

# Your own rules: YAML files, relative to this file (see "Your own rules" in
# the README). Each new code maps to its catalogue entry and one section per
# language, written like a bundled rules/<lang>/<CODE>.yaml.
rule-packs: []
"""

# The same starter commented in Spanish (`svclint init --lang es`, or a Spanish
# locale): each English line that differs, and its Spanish form.
_SPANISH_LINES = {
    '# svclint configuration. Every key is optional; delete what you do not need.':
        '# Configuración de svclint. Todas las claves son opcionales; borre las que no necesite.',
    '# Language of the texts: es, en, or auto (detected per file).':
        '# Idioma de los textos: es, en, o auto (se detecta en cada archivo).',
    '# Formal or informal address for LNG002 (Spanish): usted or tu.':
        '# Trato formal o informal para LNG002 (español): usted o tu.',
    '# How the texts were made: written, or asr for speech-recognition transcripts':
        '# Cómo se hicieron los textos: written (escritos) o asr (transcripciones automáticas',
    '# without case or punctuation (the rules that read those are not run, and each':
        '# de voz, sin mayúsculas ni puntuación: no se aplican las reglas que las leen y',
    '# line or speaker turn is one sentence), or auto to tell them apart file by file.':
        '# cada línea o turno de palabra es una oración), o auto para distinguirlas archivo a archivo.',
    '# Names of your organisation, accepted by PRO002 as naming it in a call opening.':
        '# Nombres de su organización, que PRO002 acepta como presentación en una llamada.',
    '# Declared template variables; when set, TPL002 reports any other placeholder.':
        '# Variables de plantilla declaradas; si se indican, TPL002 señala cualquier otra.',
    '# Terms and acronyms your customers know (CLR004, CLR007 leave them alone).':
        '# Términos y siglas que sus clientes conocen (CLR004 y CLR007 no los señalan).',
    '# Rules to run and to skip: codes or prefixes (ANG, PRM001, ALL).':
        '# Reglas que se aplican y que se omiten: códigos o prefijos (ANG, PRM001, ALL).',
    '# Severity overrides per code or prefix: error, warning or info.':
        '# Gravedad por código o prefijo: error, warning o info.',
    '# Document kinds by path glob: email, chat, call-script, faq, sms, text, notice.':
        '# Tipo de documento según la ruta: email, chat, call-script, faq, sms, text, notice.',
    '#   "emails/*": email':
        '#   "correos/*": email',
    "# The language of each template set, by path glob: es, en, ca, gl or eu. Catalan,":
        "# Idioma de cada conjunto de plantillas, según la ruta: es, en, ca, gl o eu. Los",
    "# Galician and Basque files are not linted; profile es-ley-10-2025 (LEY005)":
        "# archivos en catalán, gallego o euskera no se revisan; el perfil es-ley-10-2025",
    "# reports a file whose text is in another language than the one declared.":
        "# (LEY005) señala un archivo cuyo texto está en otro idioma que el declarado.",
    '#   "scripts/*.yaml": call-script':
        '#   "guiones/*.yaml": call-script',
    '# Codes to skip in some files.':
        '# Códigos que se omiten en algunos archivos.',
    '#   "legacy/*": [THX001]':
        '#   "antiguos/*": [THX001]',
    '# Files and folders never linted (globs as in .gitignore).':
        '# Archivos y carpetas que nunca se revisan (patrones como en .gitignore).',
    '# When set, a folder walk lints only the files these globs match.':
        '# Si se indica, al recorrer carpetas solo se revisan los archivos que cumplan estos patrones.',
    '#   - "templates/**"':
        '#   - "plantillas/**"',
    '# Thresholds.':
        '# Umbrales.',
    "# Leave a threshold out to keep each language's default (CLR001: 30 words in":
        '# Si omite un umbral, se usa el valor de cada idioma (CLR001: 30 palabras en',
    '# Spanish, 25 in English).':
        '# español, 25 en inglés).',
    '  max-file-bytes: 2000000     # larger files are skipped with a note':
        '  max-file-bytes: 2000000     # los archivos mayores se omiten con una nota',
    '  max-yaml-nodes: 1000000     # YAML/JSON files that expand (aliases as copies) to more are skipped':
        '  max-yaml-nodes: 1000000     # se omiten los YAML/JSON que se expanden (alias copiados) a más valores',
    '  regex-time-limit: 0.25      # seconds a /regex/ of a rule pack may take on one word':
        '  regex-time-limit: 0.25      # segundos que una /expresión/ de un paquete de reglas '
        'puede tardar en una palabra',
    '  # max-sentence-words: 25    # CLR001':
        '  # max-sentence-words: 30    # CLR001',
    '  # min-score: 55             # CLR002 readability threshold':
        '  # min-score: 55             # umbral de legibilidad de CLR002',
    '  # max-words-email: 200      # CLR006 budgets: email, chat, faq, call-script (per turn)':
        '  # max-words-email: 200      # presupuestos de CLR006: email, chat, faq, call-script (por turno)',
    '# Lowest severity that makes `svclint check` exit 1.':
        '# Gravedad mínima por la que `svclint check` termina con código 1.',
    '# Opt-in rule sets shipped with svclint (`svclint rules` lists them), e.g.':
        '# Conjuntos de reglas opcionales incluidos en svclint (`svclint rules` los lista), p. ej.',
    "# es-ley-10-2025 for Spain's customer-service law.":
        '# es-ley-10-2025 para la ley española de atención a la clientela.',
    '# Your own rules: YAML files, relative to this file (see "Your own rules" in':
        '# Sus propias reglas: archivos YAML, relativos a este archivo (véase "Your own',
    '# the README). Each new code maps to its catalogue entry and one section per':
        '# rules" en el README). Cada código nuevo lleva su entrada de catálogo y una',
    '# language, written like a bundled rules/<lang>/<CODE>.yaml.':
        '# sección por idioma, escrita como un rules/<lang>/<CODE>.yaml de svclint.',
}
STARTER_ES = "\n".join(_SPANISH_LINES.get(line, line) for line in STARTER.split("\n"))


