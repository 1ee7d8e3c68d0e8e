"""Rule packs: the catalogue (what every rule is) and per-language data (how it
is said in that language), read from YAML and validated with file:line errors."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from svclint import __version__
from svclint.cachedir import cache_dir, code_digest, read_own_bytes, unsealed, write_sealed
from svclint.checks.schema import RULE_CODE, Schema, fail, mapping, no_unknown, string, strings
from svclint.errors import PackError
from svclint.rules.lexicon import LexiconError, expand, lexicon_stamp, terms_in
from svclint.model import KINDS, LANGS, Severity
from svclint.yamlio import load_yaml, read_data_file

SCOPES = ("sentence", "document", "opening", "closing")
LIST_REFERENCE = re.compile(r"\$(\w+)")  # a word list named in a pattern or in another list's entry
# Codes svclint reports itself (SVC100, an unused directive); E9xx diagnostics never look like rule codes.
RESERVED_PREFIX = "SVC"
NOT_A_PACK = "not a svclint rule pack: it must be a mapping of rule codes (such as ORG001) to rules"
T = TypeVar("T")


def rules_dir() -> Path:
    """The bundled packs: inside the installed package, or `rules/` in a source checkout."""
    bundled = Path(str(resources.files("svclint"))) / "_rules"
    return bundled if bundled.is_dir() else Path(__file__).resolve().parents[2] / "rules"


WRITTEN_FORM = ("case", "punctuation")  # what a rule may read beyond the words (RuleMeta.reads)


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
    # For a profile's duties (the audit report): where in the law it comes from, and
    # when its rule applies at all beyond kind and language ("a reply deals with a complaint").
    article: str = ""
    applies_when: str = ""
    # What of the written form the rule reads ("case", "punctuation"). A speech-recognition
    # transcript has neither, so such a rule does not run on one (`transcript: asr`, or `auto`).
    reads: tuple[str, ...] = ()


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
                       "yields_to": tuple(data["yields_to"]), "langs": tuple(data["langs"]),
                       "reads": tuple(data["reads"])})


def _read_pack_file(path: Path, read: Callable[[Any], T]) -> T:
    """`read(data)` of a catalogue, shared lists or rule file. One svclint ships (the
    bundled packs and profiles) is first read as plain data, without positions, which is
    several times faster (see load_yaml; tests/test_catalogue.py checks that every such
    file reads the same both ways); when that data has an error, the file is read again
    with positions, so that the error names its line as always."""
    text = path.read_text(encoding="utf-8")
    if not _is_bundled(path):
        return read(load_yaml(text, str(path), PackError))
    try:
        return read(load_yaml(text, str(path), PackError, positions=False))
    except PackError:
        return read(load_yaml(text, str(path), PackError))


def _is_bundled(path: Path) -> bool:
    """Whether a pack file is one svclint ships (a rule, shared lists or a profile)."""
    return path.resolve().is_relative_to(rules_dir().resolve())


def _read_catalogue(directory: Path) -> dict[str, RuleMeta]:
    path = directory / "catalogue.yaml"
    return _read_pack_file(path, lambda data: _catalogue(data, path))


def _catalogue(data: Any, path: Path) -> dict[str, RuleMeta]:
    data = mapping(data, str(path), "the catalogue")
    catalogue = {}
    for code, entry in data.items():
        if not isinstance(code, str) or not RULE_CODE.match(code):
            raise fail(f"rule code {code!r} must look like ABC123", str(path), data, code)
        entry = mapping(entry, str(path), code)
        no_unknown(entry, ("slug", "severity", "scope", "kinds", "name", "yields-to", "langs", "article",
                           "applies-when", "reads"), str(path), code)
        catalogue[code] = _meta(code, entry, str(path))
    return catalogue


def _meta(code: str, entry: dict, path: str, langs: list[str] | None = None) -> RuleMeta:
    severity = string(entry, "severity", path)
    if severity not in ("error", "warning", "info"):
        raise fail(f"{code}: severity must be error, warning or info", path, entry, "severity")
    scope = string(entry, "scope", path)
    if scope not in SCOPES:
        raise fail(f"{code}: scope must be one of {', '.join(SCOPES)}", path, entry, "scope")
    kinds = entry.get("kinds", "all")
    if kinds == "all":
        kinds = list(KINDS)
    if not isinstance(kinds, list) or not set(kinds) <= set(KINDS):
        raise fail(f"{code}: kinds must be 'all' or a list of {', '.join(KINDS)}", path, entry, "kinds")
    yields_to = entry.get("yields-to", [])
    if not isinstance(yields_to, list) or not all(isinstance(c, str) and RULE_CODE.match(c) for c in yields_to):
        raise fail(f"{code}: yields-to must be a list of rule codes", path, entry, "yields-to")
    langs = langs or entry.get("langs", list(LANGS))
    if not isinstance(langs, list) or not langs or not set(langs) <= set(LANGS):
        raise fail(f"{code}: langs must be a list of {', '.join(LANGS)}", path, entry, "langs")
    reads = entry.get("reads", [])
    if not isinstance(reads, list) or not all(isinstance(r, str) and r in WRITTEN_FORM for r in reads):
        raise fail(f"{code}: reads must be a list of {', '.join(WRITTEN_FORM)}", path, entry, "reads")
    return RuleMeta(code, string(entry, "slug", path), code[:3], Severity.parse(severity), scope,
                    tuple(kinds), string(entry, "name", path), tuple(yields_to), tuple(langs),
                    string(entry, "article", path, required=False) or "",
                    string(entry, "applies-when", path, required=False) or "", tuple(reads))


# ---- language packs ---------------------------------------------------------------------

# Keys every rule has, whatever its check; the check's own keys are in its SCHEMA.
COMMON_KEYS = ("code", "check", "title", "flags", "message", "messages", "suggestion", "why", "instead", "lists", "examples")


@cache
def load_shared(lang: str, directory: Path | None = None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Word lists and named pattern sets every rule of a language may use."""
    path = (directory or rules_dir()) / lang / "_shared.yaml"
    if not path.exists():
        return {}, {}
    return _read_pack_file(path, lambda data: _shared(data, lang, path))


def _shared(data: Any, lang: str, path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    data = mapping(data, str(path), "shared data")
    no_unknown(data, ("lists", "sets"), str(path), "shared data")
    lists = _lists(data, str(path), "lists")
    _check_word_lists(lists, lists, lang, str(path), data.get("lists", {}))
    return lists, _lists(data, str(path), "sets")


@cache
def load_shorthand(lang: str, directory: Path | None = None) -> dict[str, str]:
    """Chat shorthand of a language (rules/<lang>/_shorthand.yaml): each short spelling,
    folded, -> the folded word it stands for, which the tokenizer gives it as its NORM."""
    path = (directory or rules_dir()) / lang / "_shorthand.yaml"
    if not path.exists():
        return {}
    return _read_pack_file(path, lambda data: _shorthand(data, path))


def _shorthand(data: Any, path: Path) -> dict[str, str]:
    from svclint.nlp import fold  # spaCy: loaded by the tokenizer that asks for this table anyway
    data = mapping(data, str(path), "shorthand data")
    no_unknown(data, ("shorthand",), str(path), "shorthand data")
    words = _lists(data, str(path), "shorthand")
    spelled: dict[str, str] = {}
    for word, spellings in words.items():
        for spelling in spellings:
            short = fold(spelling)
            if short in spelled or short in words or not short.isalnum() or fold(word) != word:
                raise fail(f"shorthand {spelling!r} of {word!r}: a word must be written folded, and a spelling "
                           "must be one word of letters or digits, listed once and not itself a word of the table",
                           str(path), data["shorthand"], word)
            spelled[short] = word
    return spelled


def _lists(data: dict, path: str, key: str) -> dict[str, list[str]]:
    node = mapping(data.get(key, {}), path, f"'{key}'")
    return {str(name): strings(node, name, path) for name in node}


def load_rule(path: Path, lang: str, catalogue: dict[str, RuleMeta], shared_dir: Path | None = None,
              check_patterns: bool | None = None) -> RuleData:
    """One rule file; its language's shared lists come from `shared_dir` (default: the
    folder above the language folder). Its patterns are checked (see _patterns) unless
    it is a file svclint ships: the test suite checks those (tests/test_catalogue.py),
    and checking them again cost a third of the first run after an install."""
    check = not _is_bundled(path) if check_patterns is None else check_patterns
    return _read_pack_file(path, lambda data: _rule_file(data, str(path), lang, catalogue,
                                                         shared_dir or path.parent.parent, check))


def _rule_file(data: Any, where: str, lang: str, catalogue: dict[str, RuleMeta], shared_dir: Path,
               check_patterns: bool = True) -> RuleData:
    data = mapping(data, where, "a rule pack")
    code = string(data, "code", where)
    if code not in catalogue:
        raise fail(f"code {code} is not in the catalogue", where, data, "code")
    if lang not in catalogue[code].langs:
        raise fail(f"{code} has no {lang} version (catalogue langs: {', '.join(catalogue[code].langs)})", where, data, "code")
    return _rule(data, code, lang, where, load_shared(lang, shared_dir), check_patterns)


def _rule(data: dict, code: str, lang: str, where: str, shared: tuple[dict, dict],
          check_patterns: bool = True) -> RuleData:
    """One rule's language data, validated (its patterns too, with `check_patterns`);
    `shared` holds the language's lists and sets."""
    schema = _schema(data, where)
    shared_lists, shared_sets = shared
    own_lists = _lists(data, where, "lists")
    # only a rule's own lists: the shared ones were checked when loaded, and cannot
    # name a rule's own list, so any loop passes through one of these
    _check_word_lists({**shared_lists, **own_lists}, own_lists, lang, where, data.get("lists", {}))
    rule = RuleData(
        code=code, lang=lang, path=where, check=data["check"],
        title=string(data, "title", where), flags=string(data, "flags", where),
        message=string(data, "message", where),
        suggestion=string(data, "suggestion", where, required=False),
        why=string(data, "why", where), instead=string(data, "instead", where),
        lists={**shared_lists, **own_lists},
        spec={},
    )
    rule.messages = {str(k): str(v) for k, v in mapping(data.get("messages", {}), where, "'messages'").items()}
    rule.spec = schema.read(data, _RuleReader(rule, shared_sets, check_patterns))
    rule.flag, rule.passes = _examples(data, where)
    return rule


def _schema(data: dict, where: str) -> Schema:
    """The schema of the check a rule names (a named check by its `function`), once the
    rule's keys are all either common ones or that check's."""
    # The checks import spaCy: only when packs are validated, never in a run served from caches.
    from svclint.checks.kinds import KINDS, check_class
    from svclint.checks.named import NAMED

    check = string(data, "check", where)
    if check not in KINDS:
        raise fail(f"check must be one of {', '.join(KINDS)}", where, data, "check")
    function = ""
    if check == "named":
        function = string(data, "function", where) or ""
        if function not in NAMED:
            raise fail(f"function must be one of {', '.join(sorted(NAMED))}", where, data, "function")
    schema = check_class(check, function).SCHEMA
    no_unknown(data, COMMON_KEYS + schema.keys, where, f"a {check} rule")
    return schema


@dataclass
class _RuleReader:
    """What a check's schema needs to read one rule: where it is, its word lists, the
    language's pattern sets, and pattern validation (which adds the forms of the
    pattern's terms to the rule's lists)."""

    rule: RuleData
    sets: dict[str, list[str]]
    check_patterns: bool = True  # see load_rule

    @property
    def path(self) -> str:
        return self.rule.path

    @property
    def lang(self) -> str:
        return self.rule.lang

    @property
    def check(self) -> str:
        return self.rule.check

    @property
    def lists(self) -> dict[str, list[str]]:
        return self.rule.lists

    @property
    def messages(self) -> dict[str, str]:
        return self.rule.messages

    def patterns(self, patterns: list[str], node: Any, key: Any, literal: bool = False) -> list[str]:
        return _patterns(patterns, self.rule, node, key, literal, self.check_patterns)


def _patterns(patterns: list[str], rule: RuleData, node: dict, key: Any, literal: bool = False,
              check: bool = True) -> list[str]:
    """`patterns`, with the forms of their terms added to the rule's lists; with `check`,
    once each parses, requires a word and (when `literal`) spells out its words."""
    from svclint.rules.patterns import pattern_problem  # spaCy: only when packs are validated, not cached

    for pattern in patterns:
        _add_term_forms(pattern, rule, node, key)
        problem = pattern_problem(pattern, rule.lists, literal) if check else None
        if problem:
            raise fail(f"{rule.code}: {problem}", rule.path, node, key)
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
                raise fail(f"{rule.code}: {error}", rule.path, node, key) from None


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
                    raise fail(f"word list '{name}': {error}", where, node, name) from None
            for other in LIST_REFERENCE.findall(entry):
                if other not in lists:
                    raise fail(f"word list '{name}' uses ${other}, which this language does not define", where, node, name)
        if name in _lists_reached(lists[name], lists):
            raise fail(f"word list '{name}' refers to itself, through its own entries", where, node, name)


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


def _examples(data: dict, where: str) -> tuple[list[Example], list[Example]]:
    node = mapping(data.get("examples"), where, "'examples'")
    no_unknown(node, ("flag", "pass"), where, "'examples'")
    found = []
    for key in ("flag", "pass"):
        items = node.get(key)
        if not isinstance(items, list) or not items:
            raise fail(f"examples need at least one '{key}' case", where, node, key if key in node else None)
        found.append([_example(item, where, node, key) for item in items])
    return found[0], found[1]


def _example(item: Any, where: str, node: dict, key: str) -> Example:
    if isinstance(item, str):
        return Example(item)
    item = mapping(item, where, f"an example under '{key}'")
    no_unknown(item, ("text", "match", "kind", "config"), where, "an example")
    kind = string(item, "kind", where, required=False)
    if kind is not None and kind not in KINDS:
        raise fail(f"example kind must be one of {', '.join(KINDS)}", where, item, "kind")
    config = dict(mapping(item.get("config", {}), where, "an example's 'config'"))
    return Example(string(item, "text", where), string(item, "match", where, required=False), kind, config)


def pack_files(lang: str, directory: Path | None = None) -> list[Path]:
    folder = (directory or rules_dir()) / lang
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


@cache
def load_language(lang: str) -> dict[str, RuleData]:
    """Every bundled rule of a language, validated (through the JSON cache)."""
    if lang not in LANGS:
        raise PackError(f"unknown language {lang!r}")
    paths = [rules_dir() / "catalogue.yaml", rules_dir() / lang / "_shared.yaml", *pack_files(lang)]
    return _through_cache(f"packs-{lang}", paths, lambda: _load_language_files(lang), _rules_json,
                          lambda data: _rules_from_json(data, rules_dir() / lang))


def _rules_json(rules: dict[str, RuleData]) -> dict:
    """Rules as JSON, each word list written once: every rule holds the language's shared
    lists and the forms of its terms, which would otherwise be repeated rule after rule."""
    lists: dict[tuple[str, ...], int] = {}
    dumped = {}
    for code, rule in rules.items():
        # the fields as they are (dataclasses.asdict would copy every list and string
        # of the spec, only for them to be written), examples as mappings
        data = {**vars(rule), "flag": [vars(e) for e in rule.flag], "passes": [vars(e) for e in rule.passes]}
        data["lists"] = {name: lists.setdefault(tuple(words), len(lists)) for name, words in rule.lists.items()}
        dumped[code] = data
    return {"lists": [list(words) for words in lists], "rules": dumped}


def _rules_from_json(data: dict, folder: Path) -> dict[str, RuleData]:
    """Rules from their JSON copy, each at its file in `folder`: the copy may have been made by another
    installation of the same version (the cache folder is shared), whose packs and scorers' weights
    are not this one's."""
    lists = data["lists"]
    return {code: _rule_from_json({**rule, "path": str(folder / Path(rule["path"]).name),
                                   "lists": {name: lists[n] for name, n in rule["lists"].items()}})
            for code, rule in data["rules"].items()}


def _through_cache(name: str, sources: list[Path], build: Callable[[], T], dump: Callable[[T], Any],
                   load: Callable[[Any], T]) -> T:
    """`build()`, or the JSON copy of its result kept in the cache folder.

    Parsing and validating pack YAML costs more than the rest of start-up; the
    entry is keyed by the sources' bytes and svclint's version, so any change to a
    pack makes a new one, and a damaged entry is rebuilt."""
    folder = cache_dir()
    entry = folder / f"{name}-{_digest(sources)}.json" if folder else None
    cached = unsealed(read_own_bytes(entry)) if entry else None
    if isinstance(cached, dict):
        try:
            return load(cached)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    value = build()
    if entry:
        write_sealed(entry, dump(value))
    return value


def _load_language_files(lang: str, folder: Path | None = None, catalogue: dict[str, RuleMeta] | None = None,
                         check_patterns: bool | None = None) -> dict[str, RuleData]:
    """The rules of `lang` in `folder` (default: the bundled packs), each named in
    `catalogue`; every folder's rules use the bundled packs' shared lists."""
    catalogue = catalogue or load_catalogue()
    rules = {}
    for path in pack_files(lang, folder):
        rule = load_rule(path, lang, catalogue, rules_dir(), check_patterns)
        if path.stem != rule.code:
            raise PackError(f"file name must be {rule.code}.yaml", str(path))
        rules[rule.code] = rule
    return rules


def packs_digest() -> str:
    """A digest of every bundled pack file, for caches that depend on them. When it is not
    the one of the files this process read, the readers' caches are emptied: a process
    that lives on while the packs are edited (the language server or the studio in a
    checkout, a test session) would otherwise compile the rules it read before the edit
    and keep them in the cache folder under the digest of the edited files, where every
    later run would take them."""
    global _packs_read_at
    digest = _digest(sorted([*rules_dir().rglob("*.yaml"), *rules_dir().rglob("*.json")]))  # packs, scorers' weights
    if _packs_read_at is not None and digest != _packs_read_at:  # the first is the one read at start-up
        _forget_packs_read()
    _packs_read_at = digest
    return digest


def _forget_packs_read() -> None:
    """Empty the caches of every reader of bundled packs, so the next call reads the files."""
    for reader in (load_catalogue, load_shared, load_shorthand, load_language, profile_catalogue, load_profile):
        reader.cache_clear()


_packs_read_at: str | None = None  # the digest of the packs the cached readers hold (see packs_digest)


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256(f"{__version__} {code_digest()}".encode())  # a changed validator reads packs afresh
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
    extra: dict[str, dict[str, RuleData]]  # language -> code -> data, from user packs and profiles
    digest: str  # changes whenever any pack's bytes change
    profile_codes: tuple[str, ...] = ()  # the codes of the profiles turned on

    def language(self, lang: str) -> dict[str, RuleData]:
        return {**load_language(lang), **self.extra.get(lang, {})}


def rule_book(pack_paths: tuple[str, ...] = (), profiles: tuple[str, ...] = ()) -> RuleBook:
    """The bundled rules plus the profiles turned on and user packs; a user code may
    not redefine a bundled or profile one."""
    catalogue = dict(load_catalogue())
    extra: dict[str, dict[str, RuleData]] = {}
    profile_codes = []
    for name in dict.fromkeys(profiles):
        for meta, rules in load_profile(name):
            catalogue[meta.code] = meta
            profile_codes.append(meta.code)
            for rule in rules:
                extra.setdefault(rule.lang, {})[rule.code] = rule
    for pack in pack_paths:
        for meta, rules in _load_user_pack(Path(pack)):
            if meta.code in catalogue:
                raise PackError(f"{meta.code} is already defined (codes of user packs must be new)", pack)
            if meta.code.startswith(RESERVED_PREFIX):
                raise PackError(f"{meta.code}: codes starting with {RESERVED_PREFIX} are svclint's own", pack)
            catalogue[meta.code] = meta
            for rule in rules:
                extra.setdefault(rule.lang, {})[rule.code] = rule
    return RuleBook(catalogue, extra, packs_digest() + _digest([*(Path(p) for p in pack_paths), *_scorer_files(extra)]),
                    tuple(profile_codes))


def _scorer_files(extra: dict[str, dict[str, RuleData]]) -> list[Path]:
    """The weights files of user packs' scorers: part of what their findings depend on."""
    scored = [rule for rules in extra.values() for rule in rules.values() if rule.spec.get("scorer")]
    if not scored:  # a run without them imports no check module
        return []
    from svclint.checks.scorer import weights_file

    return [Path(weights_file(rule.path, rule.spec["scorer"]["weights"])) for rule in scored]


# ---- profiles ---------------------------------------------------------------------------

def profiles_dir() -> Path:
    """Profiles: opt-in rule sets shipped with svclint (rules/profiles/<name>/), each a
    catalogue of its own codes and rules/<lang>/<CODE>.yaml packs in the bundled syntax."""
    return rules_dir() / "profiles"


def profile_names() -> list[str]:
    folder = profiles_dir()
    return sorted(p.name for p in folder.iterdir() if (p / "catalogue.yaml").is_file()) if folder.is_dir() else []


@cache
def profile_catalogue(name: str) -> dict[str, RuleMeta]:
    """A profile's own codes; none may be a bundled one."""
    path = profiles_dir() / name / "catalogue.yaml"
    catalogue = _read_catalogue(path.parent)
    clash = sorted(set(catalogue) & set(load_catalogue()))
    if clash:
        raise PackError(f"profile {name} redefines bundled codes: {', '.join(clash)}", str(path))
    return catalogue


@cache
def load_profile(name: str) -> list[tuple[RuleMeta, list[RuleData]]]:
    """Each code of a profile with its rules, validated as the bundled packs are."""
    if name not in profile_names():
        raise PackError(f"unknown profile {name!r} (known: {', '.join(profile_names())})")
    folder = profiles_dir() / name
    catalogue = profile_catalogue(name)
    by_lang = {lang: _load_language_files(lang, folder, catalogue) for lang in LANGS}
    return [(meta, [rules[code] for rules in by_lang.values() if code in rules]) for code, meta in catalogue.items()]


def _load_user_pack(path: Path) -> list[tuple[RuleMeta, list[RuleData]]]:
    """A user pack: one YAML file mapping each new code to its catalogue entry
    (name, slug, severity, scope, kinds, yields-to, reads) and one section per language
    (es, en) written exactly like a bundled rules/<lang>/<CODE>.yaml, minus `code`."""
    where = str(path)
    data = load_yaml(read_data_file(path, "rule pack", PackError), where, PackError)
    # A file that is no pack at all (a path pointing anywhere) is named, never quoted: a
    # pack maps codes to rules, which are mappings.
    if not isinstance(data, dict) or (data and not any(isinstance(entry, dict) for entry in data.values())):
        raise PackError(NOT_A_PACK, where)
    found = []
    for code, entry in data.items():
        if not isinstance(code, str) or not RULE_CODE.match(code):
            raise fail(f"rule code {code!r} must look like ABC123", where, data, code)
        entry = mapping(entry, where, code)
        no_unknown(entry, ("slug", "severity", "scope", "kinds", "name", "yields-to", "reads", *LANGS), where, code)
        langs = [lang for lang in LANGS if lang in entry]
        if not langs:
            raise fail(f"{code} needs a section for at least one language ({', '.join(LANGS)})", where, data, code)
        meta = _meta(code, entry, where, langs)
        rules = []
        for lang in langs:
            section = mapping(entry[lang], where, f"{code}'s {lang} section")
            if section.get("code", code) != code:
                raise fail(f"the {lang} section of {code} names another code", where, section, "code")
            rules.append(_rule(section, code, lang, where, load_shared(lang)))
        found.append((meta, rules))
    return found
