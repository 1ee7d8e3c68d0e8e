"""Rule packs: the catalogue (what every rule is) and per-language data (how it
is said in that language), read from YAML and validated with file:line errors."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from svclint import __version__
from svclint.cachedir import cache_dir, read_json, write_json
from svclint.config import option_problem
from svclint.errors import PackError
from svclint.lexicon import LexiconError, expand, lexicon_stamp, terms_in
from svclint.model import KINDS, LANGS, Severity
from svclint.yamlio import line_of, load_yaml, read_data_file

SCOPES = ("sentence", "document", "opening", "closing")
CHECKS = ("pattern", "require", "metric", "named")
# Options each metric reads, which its pack must give defaults for.
METRIC_OPTIONS = {
    "sentence-length": ("max-sentence-words",),
    "readability": ("min-words", "min-score", "index"),
    "brevity": ("max-chars-sms",),
}
UNLESS_SCOPES = ("overlap", "sentence", "before", "after", "next", "previous", "near", "unit")
CODE = re.compile(r"^[A-Z]{3}\d{3}$")
LIST_REFERENCE = re.compile(r"\$(\w+)")  # a word list named in a pattern or in another list's entry
# Codes svclint reports itself (SVC100, an unused directive); E9xx diagnostics never look like rule codes.
RESERVED_PREFIX = "SVC"
NOT_A_PACK = "not a svclint rule pack: it must be a mapping of rule codes (such as ORG001) to rules"
T = TypeVar("T")


def rules_dir() -> Path:
    """The bundled packs: inside the installed package, or `rules/` in a source checkout."""
    bundled = Path(str(resources.files("svclint"))) / "_rules"
    return bundled if bundled.is_dir() else Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class RuleMeta:
    """The language-independent contract of a rule (rules/catalogue.yaml)."""

    code: str
    slug: str
    family: str
    severity: Severity
    scope: str
    kinds: tuple[str, ...]
    name: str
    yields_to: tuple[str, ...] = ()  # not reported on a sentence one of these already flags
    langs: tuple[str, ...] = LANGS


@dataclass
class Example:
    text: str
    match: str | None = None  # for `flag` examples: the exact words reported
    kind: str | None = None
    config: dict = field(default_factory=dict)  # configuration the example needs (e.g. variables)


@dataclass
class RuleData:
    """One rule's data for one language (rules/<lang>/<CODE>.yaml)."""

    code: str
    lang: str
    path: str
    check: str
    title: str
    flags: str  # what the rule flags, in a sentence or two (for `explain`)
    message: str
    suggestion: str | None
    why: str
    instead: str
    lists: dict[str, list[str]]
    spec: dict[str, Any]  # the check's own keys (match, unless, require, trigger, metric, …)
    # variants a check picks by name: "<variant>" for the message, "<variant>-suggestion" for the suggestion
    messages: dict[str, str] = field(default_factory=dict)
    flag: list[Example] = field(default_factory=list)
    passes: list[Example] = field(default_factory=list)

    def render(self, variant: str | None, values: dict[str, Any]) -> tuple[str, str | None]:
        """The message and suggestion of one finding: the variant's wording where the
        rule has one (else the main one), filled with the values its check gave."""
        message = self.messages.get(variant, self.message) if variant else self.message
        suggestion = self.messages.get(f"{variant}-suggestion", self.suggestion) if variant else self.suggestion
        return fill(message, values), fill(suggestion, values) if suggestion else None


_FIELD = re.compile(r"\{(\w+)\}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def fill(template: str, values: dict[str, Any]) -> str:
    """Put a finding's values into a message; other braces ({{ nombre }}) stay as written.
    A lone surrogate (a YAML or JSON escape such as \\ud800 in a quoted phrase) cannot be
    written in any output encoding, so it is shown as U+FFFD."""
    filled = _FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)
    return _SURROGATE.sub("\ufffd", filled)


# ---- validation helpers -------------------------------------------------------------

def _fail(message: str, path: str, node: Any = None, key: Any = None) -> PackError:
    return PackError(message, path, line_of(node, key) if node is not None else None)


def _mapping(node: Any, path: str, what: str) -> dict:
    if not isinstance(node, dict):
        raise PackError(f"{what} must be a mapping", path, line_of(node) if hasattr(node, "lc") else None)
    return node


def _string(node: dict, key: str, path: str, required: bool = True) -> str | None:
    value = node.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"'{key}' must be a non-empty string", path, node, key if key in node else None)
    return str(value)


def _strings(node: dict, key: str, path: str) -> list[str]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(f"'{key}' must be a list of non-empty strings", path, node, key)
    return [str(v) for v in value]


def _no_unknown(node: dict, allowed: tuple[str, ...], path: str, where: str) -> None:
    for key in node:
        if key not in allowed:
            raise _fail(f"unknown key '{key}' in {where} (allowed: {', '.join(allowed)})", path, node, key)


# ---- catalogue ------------------------------------------------------------------------

@cache
def load_catalogue(directory: Path | None = None) -> dict[str, RuleMeta]:
    if directory is None:  # the bundled catalogue, read on every run: through the JSON cache
        return _through_cache("catalogue", [rules_dir() / "catalogue.yaml"], lambda: _read_catalogue(rules_dir()),
                              lambda found: {code: {**dataclasses.asdict(meta), "severity": meta.severity.label}
                                             for code, meta in found.items()},
                              lambda data: {code: _meta_from_json(meta) for code, meta in data.items()})
    return _read_catalogue(directory)


def _meta_from_json(data: dict) -> RuleMeta:
    return RuleMeta(**{**data, "severity": Severity.parse(data["severity"]), "kinds": tuple(data["kinds"]),
                       "yields_to": tuple(data["yields_to"]), "langs": tuple(data["langs"])})


def _read_catalogue(directory: Path) -> dict[str, RuleMeta]:
    path = directory / "catalogue.yaml"
    data = _mapping(load_yaml(path.read_text(encoding="utf-8"), str(path), PackError), str(path), "the catalogue")
    catalogue = {}
    for code, entry in data.items():
        if not isinstance(code, str) or not CODE.match(code):
            raise _fail(f"rule code {code!r} must look like ABC123", str(path), data, code)
        entry = _mapping(entry, str(path), code)
        _no_unknown(entry, ("slug", "severity", "scope", "kinds", "name", "yields-to", "langs"), str(path), code)
        catalogue[code] = _meta(code, entry, str(path))
    return catalogue


def _meta(code: str, entry: dict, path: str, langs: list[str] | None = None) -> RuleMeta:
    severity = _string(entry, "severity", path)
    if severity not in ("error", "warning", "info"):
        raise _fail(f"{code}: severity must be error, warning or info", path, entry, "severity")
    scope = _string(entry, "scope", path)
    if scope not in SCOPES:
        raise _fail(f"{code}: scope must be one of {', '.join(SCOPES)}", path, entry, "scope")
    kinds = entry.get("kinds", "all")
    if kinds == "all":
        kinds = list(KINDS)
    if not isinstance(kinds, list) or not set(kinds) <= set(KINDS):
        raise _fail(f"{code}: kinds must be 'all' or a list of {', '.join(KINDS)}", path, entry, "kinds")
    yields_to = entry.get("yields-to", [])
    if not isinstance(yields_to, list) or not all(isinstance(c, str) and CODE.match(c) for c in yields_to):
        raise _fail(f"{code}: yields-to must be a list of rule codes", path, entry, "yields-to")
    langs = langs or entry.get("langs", list(LANGS))
    if not isinstance(langs, list) or not langs or not set(langs) <= set(LANGS):
        raise _fail(f"{code}: langs must be a list of {', '.join(LANGS)}", path, entry, "langs")
    return RuleMeta(code, _string(entry, "slug", path), code[:3], Severity.parse(severity), scope,
                    tuple(kinds), _string(entry, "name", path), tuple(yields_to), tuple(langs))


# ---- language packs ---------------------------------------------------------------------

COMMON_KEYS = ("code", "check", "title", "flags", "message", "messages", "suggestion", "why", "instead", "lists", "examples")
CHECK_KEYS = {
    "pattern": ("match", "also", "unless", "replace", "outside"),
    "require": ("require", "trigger", "trigger-unless", "within", "placeholders", "config-phrases", "waive",
                "waive-if-customer-first", "outside"),
    "metric": ("metric", "options"),
    "named": ("function", "options"),
}


@cache
def load_shared(lang: str, directory: Path | None = None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Word lists and named pattern sets every rule of a language may use."""
    path = (directory or rules_dir()) / lang / "_shared.yaml"
    if not path.exists():
        return {}, {}
    data = _mapping(load_yaml(path.read_text(encoding="utf-8"), str(path), PackError), str(path), "shared data")
    _no_unknown(data, ("lists", "sets"), str(path), "shared data")
    lists = _lists(data, str(path), "lists")
    _check_word_lists(lists, lists, lang, str(path), data.get("lists", {}))
    return lists, _lists(data, str(path), "sets")


def _lists(data: dict, path: str, key: str) -> dict[str, list[str]]:
    node = _mapping(data.get(key, {}), path, f"'{key}'")
    return {str(name): _strings(node, name, path) for name in node}


def load_rule(path: Path, lang: str, catalogue: dict[str, RuleMeta]) -> RuleData:
    where = str(path)
    data = _mapping(load_yaml(path.read_text(encoding="utf-8"), where, PackError), where, "a rule pack")
    code = _string(data, "code", where)
    if code not in catalogue:
        raise _fail(f"code {code} is not in the catalogue", where, data, "code")
    if lang not in catalogue[code].langs:
        raise _fail(f"{code} has no {lang} version (catalogue langs: {', '.join(catalogue[code].langs)})", where, data, "code")
    return _rule(data, code, lang, where, load_shared(lang, path.parent.parent))


def _rule(data: dict, code: str, lang: str, where: str, shared: tuple[dict, dict]) -> RuleData:
    """One rule's language data, validated; `shared` holds the language's lists and sets."""
    check = _string(data, "check", where)
    if check not in CHECKS:
        raise _fail(f"check must be one of {', '.join(CHECKS)}", where, data, "check")
    _no_unknown(data, COMMON_KEYS + CHECK_KEYS[check], where, f"a {check} rule")
    shared_lists, shared_sets = shared
    own_lists = _lists(data, where, "lists")
    # only a rule's own lists: the shared ones were checked when loaded, and cannot
    # name a rule's own list, so any loop passes through one of these
    _check_word_lists({**shared_lists, **own_lists}, own_lists, lang, where, data.get("lists", {}))
    rule = RuleData(
        code=code, lang=lang, path=where, check=check,
        title=_string(data, "title", where), flags=_string(data, "flags", where),
        message=_string(data, "message", where),
        suggestion=_string(data, "suggestion", where, required=False),
        why=_string(data, "why", where), instead=_string(data, "instead", where),
        lists={**shared_lists, **own_lists},
        spec={key: data[key] for key in CHECK_KEYS[check] if key in data},
    )
    rule.messages = {str(k): str(v) for k, v in _mapping(data.get("messages", {}), where, "'messages'").items()}
    _check_spec(rule, data, shared_sets)
    rule.flag, rule.passes = _examples(data, where)
    return rule


def _check_spec(rule: RuleData, data: dict, sets: dict[str, list[str]]) -> None:
    """Validate the check's keys and resolve @set references into plain pattern lists."""
    where = rule.path
    scoped = ("unless", "trigger-unless", *(("also",) if isinstance(data.get("also"), dict) else ()))
    for key in ("match", "also", "require", "trigger", "waive"):
        if key in data and key not in scoped:
            rule.spec[key] = _patterns(_resolve(_strings(data, key, where), sets, where, data, key), rule, data, key)
    for key in scoped:
        if key in data:
            node = _mapping(data[key], where, f"'{key}'")
            _no_unknown(node, UNLESS_SCOPES, where, f"'{key}'")
            rule.spec[key] = {scope: _patterns(_resolve(_strings(node, scope, where), sets, where, node, scope),
                                               rule, node, scope) for scope in node}
    if "replace" in data:
        node = _mapping(data["replace"], where, "'replace'")
        replacements = {}
        for pattern, replacement in node.items():
            advice = replacement.get("advice") if isinstance(replacement, dict) and len(replacement) == 1 else None
            if not isinstance(replacement, str) and not isinstance(advice, str):
                raise _fail("each 'replace' entry maps a pattern to the literal text that replaces it, "
                            "or to {advice: …} when no single replacement fits", where, node, pattern)
            # a fix rewrites whatever the key matched: only words the pack spells out
            _patterns([str(pattern)], rule, node, pattern, literal=advice is None)
            replacements[str(pattern)] = str(replacement) if advice is None else {"advice": str(advice)}
        rule.spec["replace"] = replacements
    if rule.check == "pattern" and not (rule.spec.get("match") or rule.spec.get("replace")):
        raise _fail("a pattern rule needs 'match' or 'replace'", where, data)
    if "outside" in data:
        _outside(rule, data, sets)
    if "placeholders" in data:
        rule.spec["placeholders"] = [p.lower() for p in _strings(data, "placeholders", where)]
    if not isinstance(data.get("waive-if-customer-first", False), bool):
        raise _fail("'waive-if-customer-first' must be true or false", where, data, "waive-if-customer-first")
    if "config-phrases" in data and data["config-phrases"] not in ("organization",):
        raise _fail("'config-phrases' can only be organization", where, data, "config-phrases")
    if rule.check == "named":
        from svclint.checks.named import NAMED

        function = _string(data, "function", where)
        if function not in NAMED:
            raise _fail(f"function must be one of {', '.join(sorted(NAMED))}", where, data, "function")
        _named_options(NAMED[function].OPTIONS, _mapping(data.get("options", {}), where, "'options'"), rule, data)
        for name in NAMED[function].LISTS:
            if not rule.lists.get(name):
                raise _fail(f"this function needs the word list '{name}' under 'lists'", where, data, "function")
    if rule.check == "require" and not rule.spec.get("require"):
        raise _fail("a require rule needs 'require'", where, data)
    if rule.check == "require" and data.get("within", "unit") not in ("unit", "opening", "closing"):
        raise _fail("'within' must be unit, opening or closing", where, data, "within")
    if rule.check == "metric":
        metric = _string(data, "metric", where)
        if metric not in METRIC_OPTIONS:
            raise _fail(f"metric must be one of {', '.join(METRIC_OPTIONS)}", where, data, "metric")
        options = _mapping(data.get("options", {}), where, "'options'")
        for name, value in options.items():
            problem = option_problem(name, value)
            if problem:
                raise _fail(f"option '{name}': {problem}", where, options, name)
        missing = [name for name in METRIC_OPTIONS[metric] if name not in options]
        if missing:
            raise _fail(f"a {metric} metric needs the options {', '.join(missing)}", where, data, "metric")


def _outside(rule: RuleData, data: dict, sets: dict[str, list[str]]) -> None:
    """`outside`: the contexts in which a match does not count, kept with the marker
    patterns of the language's shared pack that find them."""
    from svclint.checks.context import CONTEXT_MARKERS, context_sets

    contexts = _strings(data, "outside", rule.path)
    for context in contexts:
        if context not in CONTEXT_MARKERS:
            raise _fail(f"'outside' names an unknown context '{context}' (known: {', '.join(CONTEXT_MARKERS)})",
                        rule.path, data, "outside")
    markers = {}
    for name in context_sets(contexts):
        if name not in sets:
            raise _fail(f"'outside' needs the set '{name}' in the {rule.lang} _shared.yaml", rule.path, data, "outside")
        markers[name] = _patterns(sets[name], rule, data, "outside")
    rule.spec["outside"] = {"contexts": contexts, "markers": markers}


def _named_options(wanted: dict[str, str], options: dict, rule: RuleData, data: dict) -> None:
    """A named check's options: each it reads present, as a pattern list or a valid regex."""
    where = rule.path
    for name, kind in wanted.items():
        if name not in options:
            raise _fail(f"this function needs the option '{name}'", where, data, "function")
        if kind == "patterns":
            _patterns(_strings(options, name, where), rule, options, name)
        elif not _is_regex(options[name]):
            raise _fail(f"option '{name}' must be a valid regular expression", where, options, name)


def _is_regex(value: Any) -> bool:
    """Whether a named check's option compiles with `regex`, the module that runs it."""
    import regex  # only when packs are validated: a run served from the caches never needs it

    if not isinstance(value, str):
        return False
    try:
        regex.compile(value)
    except (regex.error, RecursionError, OverflowError):
        return False
    return True


def _patterns(patterns: list[str], rule: RuleData, node: dict, key: Any, literal: bool = False) -> list[str]:
    """`patterns`, once each parses, requires a word and (when `literal`) spells out its words."""
    from svclint.patterns import pattern_problem  # spaCy: only when packs are validated, not cached

    for pattern in patterns:
        _add_term_forms(pattern, rule, node, key)
        problem = pattern_problem(pattern, rule.lists, literal)
        if problem:
            raise _fail(f"{rule.code}: {problem}", rule.path, node, key)
    return patterns


def _add_term_forms(pattern: str, rule: RuleData, node: dict, key: Any) -> None:
    """Put in rule.lists the forms of each term the pattern uses, itself or through its
    word lists: they are looked up once, here, and kept in the compiled pack."""
    for lemma in _terms_reached(pattern, rule.lists):
        name = f"[{lemma}]"
        if name not in rule.lists:
            try:
                rule.lists[name] = list(expand(rule.lang, lemma))
            except LexiconError as error:
                raise _fail(f"{rule.code}: {error}", rule.path, node, key) from None


def _terms_reached(text: str, lists: dict[str, list[str]]) -> list[str]:
    """The lemmas of the terms in `text` and in the word lists it reaches."""
    return [lemma for entry in (text, *(e for name in _lists_reached([text], lists) for e in lists[name]))
            for lemma in terms_in(entry)]


def _check_word_lists(lists: dict[str, list[str]], names: Iterable[str], lang: str, where: str, node: dict) -> None:
    """In the lists `names` (all defined in `lists`): every list an entry names exists,
    no list reaches itself, and every term is known."""
    for name in names:
        for entry in lists[name]:
            for lemma in terms_in(entry):
                try:
                    expand(lang, lemma)
                except LexiconError as error:
                    raise _fail(f"word list '{name}': {error}", where, node, name) from None
            for other in LIST_REFERENCE.findall(entry):
                if other not in lists:
                    raise _fail(f"word list '{name}' uses ${other}, which this language does not define", where, node, name)
        if name in _lists_reached(lists[name], lists):
            raise _fail(f"word list '{name}' refers to itself, through its own entries", where, node, name)


def _lists_reached(texts: Iterable[str], lists: dict[str, list[str]]) -> set[str]:
    """The defined word lists `texts` use, directly or through other lists."""
    reached: set[str] = set()
    waiting = list(texts)
    while waiting:
        for other in LIST_REFERENCE.findall(waiting.pop()):
            if other in lists and other not in reached:
                reached.add(other)
                waiting.extend(lists[other])
    return reached


def _resolve(patterns: list[str], sets: dict[str, list[str]], where: str, node: dict, key: str) -> list[str]:
    resolved = []
    for pattern in patterns:
        if pattern.startswith("@"):
            if pattern[1:] not in sets:
                raise _fail(f"unknown pattern set {pattern}", where, node, key)
            resolved.extend(sets[pattern[1:]])
        else:
            resolved.append(pattern)
    return resolved


def _examples(data: dict, where: str) -> tuple[list[Example], list[Example]]:
    node = _mapping(data.get("examples"), where, "'examples'")
    _no_unknown(node, ("flag", "pass"), where, "'examples'")
    found = []
    for key in ("flag", "pass"):
        items = node.get(key)
        if not isinstance(items, list) or not items:
            raise _fail(f"examples need at least one '{key}' case", where, node, key if key in node else None)
        found.append([_example(item, where, node, key) for item in items])
    return found[0], found[1]


def _example(item: Any, where: str, node: dict, key: str) -> Example:
    if isinstance(item, str):
        return Example(item)
    item = _mapping(item, where, f"an example under '{key}'")
    _no_unknown(item, ("text", "match", "kind", "config"), where, "an example")
    kind = _string(item, "kind", where, required=False)
    if kind is not None and kind not in KINDS:
        raise _fail(f"example kind must be one of {', '.join(KINDS)}", where, item, "kind")
    config = dict(_mapping(item.get("config", {}), where, "an example's 'config'"))
    return Example(_string(item, "text", where), _string(item, "match", where, required=False), kind, config)


def pack_files(lang: str, directory: Path | None = None) -> list[Path]:
    folder = (directory or rules_dir()) / lang
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


@cache
def load_language(lang: str) -> dict[str, RuleData]:
    """Every bundled rule of a language, validated (through the JSON cache)."""
    if lang not in LANGS:
        raise PackError(f"unknown language {lang!r}")
    paths = [rules_dir() / "catalogue.yaml", rules_dir() / lang / "_shared.yaml", *pack_files(lang)]
    return _through_cache(f"packs-{lang}", paths, lambda: _load_language_files(lang), _rules_json, _rules_from_json)


def _rules_json(rules: dict[str, RuleData]) -> dict:
    """Rules as JSON, each word list written once: every rule holds the language's shared
    lists and the forms of its terms, which would otherwise be repeated rule after rule."""
    lists: dict[tuple[str, ...], int] = {}
    dumped = {}
    for code, rule in rules.items():
        data = dataclasses.asdict(rule)
        data["lists"] = {name: lists.setdefault(tuple(words), len(lists)) for name, words in rule.lists.items()}
        dumped[code] = data
    return {"lists": [list(words) for words in lists], "rules": dumped}


def _rules_from_json(data: dict) -> dict[str, RuleData]:
    lists = data["lists"]
    return {code: _rule_from_json({**rule, "lists": {name: lists[n] for name, n in rule["lists"].items()}})
            for code, rule in data["rules"].items()}


def _through_cache(name: str, sources: list[Path], build: Callable[[], T], dump: Callable[[T], Any],
                   load: Callable[[Any], T]) -> T:
    """`build()`, or the JSON copy of its result kept in the cache folder.

    Parsing and validating pack YAML costs more than the rest of start-up; the
    entry is keyed by the sources' bytes and svclint's version, so any change to a
    pack makes a new one, and a damaged entry is rebuilt."""
    folder = cache_dir()
    entry = folder / f"{name}-{_digest(sources)}.json" if folder else None
    cached = unseal(read_json(entry)) if entry else None
    if isinstance(cached, dict):
        try:
            return load(cached)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    value = build()
    if entry:
        write_json(entry, seal(dump(value)))
    return value


def seal(data: Any) -> dict:
    """A cache entry holding `data` and the digest of its JSON text: a damaged entry
    (a changed value, not only a broken shape) no longer matches, and is rebuilt."""
    return {"sha256": _json_digest(data), "data": data}


def unseal(entry: Any) -> Any:
    """The data of a sealed cache entry, or None when it is damaged or not one."""
    if not isinstance(entry, dict) or entry.keys() != {"sha256", "data"}:
        return None
    try:
        intact = entry["sha256"] == _json_digest(entry["data"])
    except (TypeError, ValueError):
        return None
    return entry["data"] if intact else None


def _json_digest(data: Any) -> str:
    # JSON keeps the order of keys, so the data read back dumps to the same text it was sealed from
    return hashlib.sha256(json.dumps(data, separators=(",", ":")).encode()).hexdigest()


def _load_language_files(lang: str) -> dict[str, RuleData]:
    catalogue = load_catalogue()
    rules = {}
    for path in pack_files(lang):
        rule = load_rule(path, lang, catalogue)
        if path.stem != rule.code:
            raise PackError(f"file name must be {rule.code}.yaml", str(path))
        rules[rule.code] = rule
    return rules


def packs_digest() -> str:
    """A digest of every bundled pack file, for caches that depend on them."""
    return _digest(sorted(rules_dir().rglob("*.yaml")))


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    digest.update(_lexicon_stamps())  # compiled packs hold the forms of their terms
    for path in paths:
        digest.update(_file_digest(path))
    return digest.hexdigest()[:24]


@cache
def _lexicon_stamps() -> bytes:
    return b"\0".join(lexicon_stamp(lang) for lang in LANGS)


def _file_digest(path: Path) -> bytes:
    """One pack file's name and content, hashed once per version of the file (several
    digests include it): a process that lints again after a user pack was edited (a
    reused Session, a language server) must not take the old digest for the new text."""
    try:
        info = path.stat()
    except OSError:
        return b""
    return _hashed_file(path, info.st_mtime_ns, info.st_size)


@cache
def _hashed_file(path: Path, mtime_ns: int, size: int) -> bytes:
    return hashlib.sha256(path.name.encode() + b"\0" + path.read_bytes()).digest()


def _rule_from_json(data: dict) -> RuleData:
    examples = {key: [Example(**item) for item in data[key]] for key in ("flag", "passes")}
    return RuleData(**{**data, **examples})


# ---- user packs -------------------------------------------------------------------------

@dataclass(frozen=True)
class RuleBook:
    """Every rule a run can use: the bundled packs and the packs named in `rule-packs`."""

    catalogue: dict[str, RuleMeta]
    extra: dict[str, dict[str, RuleData]]  # language -> code -> data, from user packs
    digest: str  # changes whenever any pack's bytes change

    def language(self, lang: str) -> dict[str, RuleData]:
        return {**load_language(lang), **self.extra.get(lang, {})}


def rule_book(pack_paths: tuple[str, ...] = ()) -> RuleBook:
    """The bundled rules plus user packs; a user code may not redefine a bundled one."""
    catalogue = dict(load_catalogue())
    extra: dict[str, dict[str, RuleData]] = {}
    for pack in pack_paths:
        for meta, rules in _load_user_pack(Path(pack)):
            if meta.code in catalogue:
                raise PackError(f"{meta.code} is already defined (codes of user packs must be new)", pack)
            if meta.code.startswith(RESERVED_PREFIX):
                raise PackError(f"{meta.code}: codes starting with {RESERVED_PREFIX} are svclint's own", pack)
            catalogue[meta.code] = meta
            for rule in rules:
                extra.setdefault(rule.lang, {})[rule.code] = rule
    return RuleBook(catalogue, extra, packs_digest() + _digest([Path(p) for p in pack_paths]))


def _load_user_pack(path: Path) -> list[tuple[RuleMeta, list[RuleData]]]:
    """A user pack: one YAML file mapping each new code to its catalogue entry
    (name, slug, severity, scope, kinds, yields-to) and one section per language
    (es, en) written exactly like a bundled rules/<lang>/<CODE>.yaml, minus `code`."""
    where = str(path)
    data = load_yaml(read_data_file(path, "rule pack", PackError), where, PackError)
    # A file that is no pack at all (a path pointing anywhere) is named, never quoted: a
    # pack maps codes to rules, which are mappings.
    if not isinstance(data, dict) or (data and not any(isinstance(entry, dict) for entry in data.values())):
        raise PackError(NOT_A_PACK, where)
    found = []
    for code, entry in data.items():
        if not isinstance(code, str) or not CODE.match(code):
            raise _fail(f"rule code {code!r} must look like ABC123", where, data, code)
        entry = _mapping(entry, where, code)
        _no_unknown(entry, ("slug", "severity", "scope", "kinds", "name", "yields-to", *LANGS), where, code)
        langs = [lang for lang in LANGS if lang in entry]
        if not langs:
            raise _fail(f"{code} needs a section for at least one language ({', '.join(LANGS)})", where, data, code)
        meta = _meta(code, entry, where, langs)
        rules = []
        for lang in langs:
            section = _mapping(entry[lang], where, f"{code}'s {lang} section")
            if section.get("code", code) != code:
                raise _fail(f"the {lang} section of {code} names another code", where, section, "code")
            rules.append(_rule(section, code, lang, where, load_shared(lang)))
        found.append((meta, rules))
    return found
