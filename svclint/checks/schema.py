"""The keys a check reads from its rule packs, declared next to the check's code.

Every check class states a SCHEMA: the keys its rules may write, how each value
is validated and normalised (pattern lists with their @set references resolved,
anti-patterns by scope, replacements, contexts, choices, flags), the default
the check reads when a rule leaves a key out, and the constraints on the rule
as a whole ("a pattern rule needs 'match' or 'replace'"). packs.py reads every
rule through the schema of the check it names; the rule's `spec` is what the
schema returns.

Errors are PackErrors with the file and line of the offending key. This module
imports no check and nothing of spaCy: packs.py imports it on every run, and a
run served from the caches never validates a pack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Protocol

from svclint.config import option_problem
from svclint.errors import PackError
from svclint.yamlio import line_of

# A rule's code: three capitals and three digits (NEG001), in catalogues, packs and `refines`.
RULE_CODE = re.compile(r"^[A-Z]{3}\d{3}$")

# ---- reading YAML nodes: the primitives every pack key is validated with -----------------


def fail(message: str, path: str, node: Any = None, key: Any = None) -> PackError:
    """The error for `node` (or its `key`), naming the file and the line."""
    return PackError(message, path, line_of(node, key) if node is not None else None)


def mapping(node: Any, path: str, what: str) -> dict:
    if not isinstance(node, dict):
        raise PackError(f"{what} must be a mapping", path, line_of(node) if hasattr(node, "lc") else None)
    return node


def mapping_at(node: dict, key: str, path: str) -> dict:
    """`node[key]` (absent: empty) as a mapping; an error names the key's line, which a
    scalar value has none of its own to give."""
    value = node.get(key, {})
    if not isinstance(value, dict):
        raise fail(f"'{key}' must be a mapping", path, node, key)
    return value


def string(node: dict, key: str, path: str, required: bool = True) -> str | None:
    value = node.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise fail(f"'{key}' must be a non-empty string", path, node, key if key in node else None)
    return str(value)


def strings(node: dict, key: str, path: str) -> list[str]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"'{key}' must be a list of non-empty strings", path, node, key)
    return [str(v) for v in value]


def no_unknown(node: dict, allowed: tuple[str, ...], path: str, where: str) -> None:
    for key in node:
        if key not in allowed:
            raise fail(f"unknown key '{key}' in {where} (allowed: {', '.join(allowed)})", path, node, key)


def alternatives(values: tuple[str, ...]) -> str:
    """"a, b or c": the values a key may take, as an error message lists them."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


class PackReader(Protocol):
    """What fields need from the rule being read (packs.py provides it)."""

    @property
    def path(self) -> str: ...

    @property
    def lang(self) -> str: ...

    @property
    def check(self) -> str:
        """The rule's `check:` (pattern, require, metric or named)."""
        ...

    @property
    def lists(self) -> dict[str, list[str]]:
        """The rule's word lists, its own and the language's."""
        ...

    @property
    def sets(self) -> dict[str, list[str]]:
        """The language's named pattern sets (@name)."""
        ...

    @property
    def messages(self) -> dict[str, str]:
        """The rule's message variants (`messages:`), by name."""
        ...

    def patterns(self, patterns: list[str], node: Any, key: Any, literal: bool = False) -> list[str]:
        """`patterns` once each parses (and, when `literal`, spells out its words);
        a PackError at `node`'s `key` otherwise."""
        ...


# ---- fields -----------------------------------------------------------------------------


class Field:
    """One key of a check's rules: how its YAML value is validated and normalised."""

    default: Any = None  # what the check reads when a rule leaves the key out

    def read(self, node: dict, key: str, reader: PackReader) -> Any:
        """The normalised value of `node[key]`, or a PackError naming its line."""
        raise NotImplementedError

    def missing(self, node: dict, key: str, reader: PackReader) -> None:
        """Called when a rule leaves the key out: a field that cannot be left out raises."""


class Text(Field):
    """A non-empty string, kept as written."""

    def read(self, node: dict, key: str, reader: PackReader) -> str | None:
        return string(node, key, reader.path)


class Patterns(Field):
    """A list of patterns; `@name` stands for the language's pattern set of that name."""

    default = ()

    def read(self, node: dict, key: str, reader: PackReader) -> list[str]:
        resolved = []
        for pattern in strings(node, key, reader.path):
            if not pattern.startswith("@"):
                resolved.append(pattern)
            elif pattern[1:] in reader.sets:
                resolved.extend(reader.sets[pattern[1:]])
            else:
                raise fail(f"unknown pattern set {pattern}", reader.path, node, key)
        return reader.patterns(resolved, node, key)


class ScopedPatterns(Field):
    """Patterns by the scope they stand in (`unless: {after: […], near: […]}`)."""

    default = MappingProxyType({})

    def __init__(self, scopes: tuple[str, ...]):
        self.scopes = scopes

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, list[str]]:
        return self.read_scopes(mapping_at(node, key, reader.path), f"'{key}'", reader)

    def read_scopes(self, scoped: dict, where: str, reader: PackReader) -> dict[str, list[str]]:
        """The patterns of a mapping by scope; `where` names it in an error."""
        no_unknown(scoped, self.scopes, reader.path, where)
        return {scope: Patterns().read(scoped, scope, reader) for scope in scoped}


class ScopedGroups(Field):
    """Groups of patterns by scope that count only together (`unless-all: [{after: [$reason],
    next: [$alternative]}]`): a group holds when each of its scopes has a pattern standing
    where the scope says (a reason after the match and an alternative in the next sentence)."""

    default = ()

    def __init__(self, scopes: tuple[str, ...]):
        self.scoped = ScopedPatterns(scopes)

    def read(self, node: dict, key: str, reader: PackReader) -> list[dict[str, list[str]]]:
        groups = node[key]
        if not isinstance(groups, list) or not groups:
            raise fail(f"'{key}' must be a list of groups of patterns by scope", reader.path, node, key)
        return [self.scoped.read_scopes(mapping(group, reader.path, f"each group of '{key}'"), f"a group of '{key}'", reader)
                for group in groups]


class CompanionedPatterns(Field):
    """Patterns that are findings only beside a companion of their own (`when: [{match: [this is
    an automated message], next: [please do not reply]}]`): each group's `match` counts where one
    of its patterns by scope stands where the scope says, as a scoped `also` does for a whole
    rule. Read as [{"match": […], "with": {scope: […]}}]."""

    default = ()

    def __init__(self, scopes: tuple[str, ...]):
        self.scopes = scopes

    def read(self, node: dict, key: str, reader: PackReader) -> list[dict[str, Any]]:
        groups = node[key]
        if not isinstance(groups, list) or not groups:
            raise fail(f"'{key}' must be a list of groups, each with 'match' and its companion by scope",
                       reader.path, node, key)
        return [self._group(mapping(group, reader.path, f"each group of '{key}'"), key, reader) for group in groups]

    def _group(self, group: dict, key: str, reader: PackReader) -> dict[str, Any]:
        no_unknown(group, ("match", *self.scopes), reader.path, f"a group of '{key}'")
        scopes = [scope for scope in group if scope != "match"]
        if "match" not in group or not scopes:
            raise fail(f"a group of '{key}' needs 'match' and a companion in one of {alternatives(self.scopes)}",
                       reader.path, group)
        return {"match": Patterns().read(group, "match", reader),
                "with": {scope: Patterns().read(group, scope, reader) for scope in scopes}}


class Variants(Field):
    """Message variants chosen by what stands around a match: each names a variant of the
    rule's `messages:` and the patterns, by scope as `unless` has them, that choose it
    (`variants: {actor-named: {after: [por …]}}`)."""

    default = MappingProxyType({})

    def __init__(self, scopes: tuple[str, ...]):
        self.scoped = ScopedPatterns(scopes)

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, dict[str, list[str]]]:
        named = mapping_at(node, key, reader.path)
        for name in named:
            if name not in reader.messages:
                raise fail(f"variant '{name}' has no message: add it under 'messages:'", reader.path, named, name)
        return {str(name): self.scoped.read(named, name, reader) for name in named}


class PatternsOrScoped(Field):
    """Either a list of patterns (anywhere in the sentence) or patterns by scope (`also`)."""

    default = ()

    def __init__(self, scopes: tuple[str, ...]):
        self.scoped = ScopedPatterns(scopes)

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, list[str]] | list[str]:
        if isinstance(node[key], dict):
            return self.scoped.read(node, key, reader)
        return Patterns().read(node, key, reader)


class Refinements(Field):
    """Another rule's code -> patterns (`refines: {NEG001: [(due to|per) our policy]}`), or
    patterns by the scope they stand in around that rule's finding, as `unless` has them
    (`refines: {NEG001: {sentence: […], next: […]}}`; a list is `sentence`): where one
    stands, the finding is this rule's, at the pattern's words. The code is checked
    against the language's rules when they are compiled (svclint/rules/ruleset.py), so
    the line of each is kept for the error: {code: {"scopes": {…}, "line": n}}."""

    default = MappingProxyType({})

    def __init__(self, scopes: tuple[str, ...]):
        self.scoped = ScopedPatterns(scopes)

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, dict[str, Any]]:
        named = mapping_at(node, key, reader.path)
        for code in named:
            if not (isinstance(code, str) and RULE_CODE.match(code)):
                raise fail(f"'{key}' names rules by their codes (NEG001), not {code!r}", reader.path, named, code)
        return {code: {"scopes": self.scoped.read(named, code, reader) if isinstance(named[code], dict)
                       else {"sentence": Patterns().read(named, code, reader)},
                       "line": line_of(named, code)}
                for code in named}


class Replacements(Field):
    """Pattern -> the literal text that replaces its words (a safe fix), or -> {advice: …}
    when no single replacement fits (shown, never applied)."""

    default = MappingProxyType({})

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, str | dict[str, str]]:
        entries = mapping_at(node, key, reader.path)
        return {str(pattern): self._replacement(entries, pattern, key, reader) for pattern in entries}

    @staticmethod
    def _replacement(entries: dict, pattern: Any, key: str, reader: PackReader) -> str | dict[str, str]:
        if not isinstance(pattern, str):
            # YAML reads an unquoted `[lemma]: …` key as a list, which would never match anything
            raise fail(f"each '{key}' pattern must be text; quote one that starts with '[' or '{{' "
                       "(\"[facilitate]\": …)", reader.path, entries, pattern)
        replacement = entries[pattern]
        advice = replacement.get("advice") if isinstance(replacement, dict) and len(replacement) == 1 else None
        if not isinstance(replacement, str) and not isinstance(advice, str):
            raise fail(f"each '{key}' entry maps a pattern to the literal text that replaces it, "
                       "or to {advice: …} when no single replacement fits", reader.path, entries, pattern)
        # a fix rewrites whatever the pattern matched: only words the pack spells out
        reader.patterns([str(pattern)], entries, pattern, literal=advice is None)
        return str(replacement) if advice is None else {"advice": str(advice)}


class Contexts(Field):
    """Contexts in which a match does not count (`outside: [negation, question]`), kept
    with the marker patterns that find them: sets of the language's shared pack."""

    def __init__(self, known: Collection[str], sets_for: Callable[[list[str]], Iterable[str]]):
        self.known = known
        self.sets_for = sets_for  # the shared sets some contexts read

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, Any]:
        contexts = strings(node, key, reader.path)
        for context in contexts:
            if context not in self.known:
                raise fail(f"'{key}' names an unknown context '{context}' (known: {', '.join(self.known)})",
                           reader.path, node, key)
        markers = {name: self._markers(name, node, key, reader) for name in self.sets_for(contexts)}
        return {"contexts": contexts, "markers": markers}

    @staticmethod
    def _markers(name: str, node: dict, key: str, reader: PackReader) -> list[str]:
        if name not in reader.sets:
            raise fail(f"'{key}' needs the set '{name}' in the {reader.lang} _shared.yaml", reader.path, node, key)
        return reader.patterns(reader.sets[name], node, key)


class ScorerSpec(Field):
    """A learned scorer (`scorer: {weights: scorers/SIN004.json, threshold: 0.95}`): a weights
    file beside the pack, read now so that a missing or broken one is an error at load time,
    and the score from which a sentence is a finding (svclint/checks/scorer.py)."""

    default = MappingProxyType({})

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, Any]:
        from svclint.checks.scorer import WeightsError, load, weights_file  # only when packs are validated

        spec = mapping_at(node, key, reader.path)
        no_unknown(spec, ("weights", "threshold"), reader.path, f"'{key}'")
        weights = string(spec, "weights", reader.path)
        threshold = spec.get("threshold")
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0.5 <= threshold < 1:
            raise fail(f"'{key}' needs a threshold from 0.5 up to (not including) 1", reader.path, spec,
                       "threshold" if "threshold" in spec else None)
        try:
            load(weights_file(reader.path, str(weights)))
        except WeightsError as error:
            raise fail(f"'{key}': {weights}: {error}", reader.path, spec, "weights") from None
        return {"weights": weights, "threshold": float(threshold)}


class Words(Field):
    """Words compared without regard to case (`placeholders`): kept in lower case."""

    default = ()

    def read(self, node: dict, key: str, reader: PackReader) -> list[str]:
        return [word.lower() for word in strings(node, key, reader.path)]


class Choice(Field):
    """One of a few values."""

    def __init__(self, values: Iterable[str], default: str | None = None):
        self.values = tuple(values)
        self.default = default

    def read(self, node: dict, key: str, reader: PackReader) -> str:
        if node[key] not in self.values:
            raise fail(f"'{key}' must be {alternatives(self.values)}", reader.path, node, key)
        return node[key]


class Flag(Field):
    """true or false."""

    def __init__(self, default: bool = False):
        self.default = default

    def read(self, node: dict, key: str, reader: PackReader) -> bool:
        if not isinstance(node[key], bool):
            raise fail(f"'{key}' must be true or false", reader.path, node, key)
        return node[key]


class Regex(Field):
    """An option holding one regular expression, which must compile with `regex`, the
    module that runs it."""

    def read(self, node: dict, key: str, reader: PackReader) -> str:
        import regex  # only when packs are validated: a run served from the caches never needs it

        value = node[key]
        if isinstance(value, str):
            try:
                regex.compile(value)
                return value
            except (regex.error, RecursionError, OverflowError):
                pass
        raise fail(f"option '{key}' must be a valid regular expression", reader.path, node, key)


class ConfigOptions(Field):
    """Defaults for configuration options (`options: {max-sentence-words: 30}`), each
    valid as it would be in svclint.yaml; the configuration overrides them."""

    default = MappingProxyType({})

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, Any]:
        options = mapping_at(node, key, reader.path)
        for name, value in options.items():
            problem = option_problem(name, value)
            if problem:
                raise fail(f"option '{name}': {problem}", reader.path, options, name)
        return dict(options)


class Options(Field):
    """A named check's own options: every one it declares but the optional ones, and no other."""

    def __init__(self, fields: dict[str, Field], optional: tuple[str, ...] = ()):
        self.fields, self.optional = fields, optional

    def read(self, node: dict, key: str, reader: PackReader) -> dict[str, Any]:
        options = mapping_at(node, key, reader.path)
        no_unknown(options, tuple(self.fields), reader.path, f"'{key}'")
        for name in self.fields:
            if name not in options and name not in self.optional:  # the line of `function`: the check that needs it
                raise fail(f"this function needs the option '{name}'", reader.path, node, "function")
        return {name: self.fields[name].read(options, name, reader) for name in options}

    def missing(self, node: dict, key: str, reader: PackReader) -> None:
        self.read(node, key, reader)


# ---- whole rules ------------------------------------------------------------------------

# A check on the rule as a whole, once its keys are read: (spec, the rule's node, reader).
Constraint = Callable[[dict[str, Any], dict, PackReader], None]


class Needs:
    """The rule must give at least one of `keys`, not empty."""

    def __init__(self, *keys: str):
        self.keys = keys

    def __call__(self, spec: dict[str, Any], node: dict, reader: PackReader) -> None:
        if not any(spec.get(key) for key in self.keys):
            needed = " or ".join(f"'{key}'" for key in self.keys)
            raise fail(f"a {reader.check} rule needs {needed}", reader.path, node)


class NeedsLists:
    """A named check that reads word lists: each must be in the rule's `lists` (its own
    or the language's shared ones), not empty."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names

    def __call__(self, spec: dict[str, Any], node: dict, reader: PackReader) -> None:
        for name in self.names:
            if not reader.lists.get(name):
                raise fail(f"this function needs the word list '{name}' under 'lists'", reader.path, node, "function")


@dataclass(frozen=True)
class Schema:
    """The keys a check's rules may write, and the constraints on the rule as a whole."""

    fields: dict[str, Field]
    constraints: tuple[Constraint, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def read(self, node: dict, reader: PackReader) -> dict[str, Any]:
        """The rule's spec: each key it gives, normalised, in the order of the fields."""
        spec = {}
        for key, field in self.fields.items():
            if key in node:
                spec[key] = field.read(node, key, reader)
            else:
                field.missing(node, key, reader)
        for constraint in self.constraints:
            constraint(spec, node, reader)
        return spec

    def default(self, key: str) -> Any:
        return self.fields[key].default


def named_schema(options: dict[str, Field] | None = None, lists: tuple[str, ...] = (),
                 optional: tuple[str, ...] = ()) -> Schema:
    """The schema of a named check: `function` (its name, already looked up), the
    options it reads (all required but `optional`) and the word lists it needs."""
    return Schema({"function": Text(), "options": Options(options or {}, optional)}, (NeedsLists(lists),))
