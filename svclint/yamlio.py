"""Reading YAML for configuration and rule packs: safe, bounded, with line numbers in errors."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver, VersionedResolver

from svclint.errors import SvclintError

# Configuration and packs are written by hand: far larger files are not what they claim to be
# (/dev/zero, a log) and reading them whole would exhaust memory.
MAX_DATA_FILE_BYTES = 32 * 1024 * 1024
# Values a document may hold once aliases are counted as copies (billion laughs stops here).
MAX_EXPANDED_VALUES = 1_000_000
MAX_DEPTH = 50


def read_data_file(path: Path, what: str, error: type[SvclintError], limit: int = MAX_DATA_FILE_BYTES) -> str:
    """The text of a small regular file (configuration, rule pack, baseline), or `error` naming it.

    The file is opened without blocking and checked to be a regular file before it is
    read, so a FIFO, a device or a socket is refused instead of hanging or filling memory."""
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as problem:
        raise error(f"cannot read {what}: {problem.strerror or problem}", where) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise error(f"cannot read {what}: not a regular file", where)
            data = handle.read(limit + 1)
        except OSError as problem:
            raise error(f"cannot read {what}: {problem.strerror or problem}", where) from None
    if len(data) > limit:
        raise error(f"cannot read {what}: larger than {limit:,} bytes", where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"cannot read {what}: not UTF-8 text", where) from None


class _ValueProblem(Exception):
    """A scalar or key the constructor cannot turn into a value, with its 1-based line."""

    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line


class _Constructor(RoundTripConstructor):
    """Builds values like ruamel's round-trip constructor, but a value it cannot build
    (`2001-13-45`, `!!float abc`, a 5,000-digit int, a mapping as a key) names its line."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        with _located(node):
            return super().construct_object(node, deep)

    def construct_mapping(self, node: Any, maptyp: Any, deep: bool = False) -> Any:
        with _located(node):
            return super().construct_mapping(node, maptyp, deep)


@contextmanager
def _located(node: Any) -> Iterator[None]:
    """Turns the constructor's plain Python errors into a _ValueProblem at `node`."""
    try:
        yield
    except (ValueError, TypeError, KeyError, OverflowError) as problem:
        reason = f"unknown value {problem}" if isinstance(problem, KeyError) else str(problem).splitlines()[0]
        raise _ValueProblem(node.start_mark.line + 1, reason[:80]) from None


def load_yaml(text: str, path: str, error: type[SvclintError], positions: bool = True) -> Any:
    """Parse YAML keeping positions; any syntax problem, unreadable value, custom tag or
    alias expansion past MAX_EXPANDED_VALUES is an error.

    Without `positions`, a file of plain data is read by libyaml (see _plain_data) and
    its values have no line (line_of gives None): for the bundled packs, read again with
    positions only to report an error."""
    if not positions:
        try:
            data = _plain_data(text)
        except _NotPlain:
            pass
        else:
            _Walk(path, error).size(data, 0)
            return data
    return _round_trip(text, path, error)


def _round_trip(text: str, path: str, error: type[SvclintError]) -> Any:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    try:
        data = yaml.load(text)
    except RecursionError:
        raise error("YAML nested too deeply", path) from None
    except _ValueProblem as problem:
        raise error(f"invalid YAML value: {problem}", path, problem.line) from None
    except YAMLError as problem:
        mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
        reason = getattr(problem, "problem", None) or str(problem).splitlines()[0]
        raise error(f"invalid YAML: {reason}", path, mark.line + 1 if mark else None) from None
    _Walk(path, error).size(data, 0)
    return data


class _NotPlain(Exception):
    """YAML that _plain_data leaves to the round-trip loader."""


try:  # ruamel.yaml.clib, ruamel's binding of libyaml: parsing and composing in C
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # the C extension missing (a platform without a wheel): every file takes the round trip
    _CParser = None

_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_UNRESOLVED = "?"  # the tag of a plain scalar before it is resolved as YAML 1.2, as ruamel resolves it
_RESOLVER = VersionedResolver(version=(1, 2))
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # the ints the round trip also builds as plain int
_DECIMAL_FRACTION = re.compile(r"[-+]?[0-9]+\.[0-9]+")  # a threshold: 0.95
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)  # %YAML 1.1 would resolve scalars otherwise


def _plain_data(text: str) -> Any:
    """The data of a YAML text of plain mappings, lists, strings, decimal ints and fractions, booleans
    and nulls, equal to what the round-trip loader builds (CommentedMap and CommentedSeq
    compare equal to dict and list), read several times faster by libyaml. Anything else
    (a tag, an anchor or alias, a duplicate key, another float (1e3, .inf) or a date, a directive, a syntax
    error) raises _NotPlain: the round trip reads it, and reports its errors."""
    if _CParser is None or _DIRECTIVE.search(text):
        raise _NotPlain
    loader = _LibyamlLoader(text)
    try:
        return _plain_value(loader.get_single_node(), set())
    except (YAMLError, ValueError, RecursionError):
        raise _NotPlain from None
    finally:
        loader.dispose()


if _CParser is not None:
    class _LibyamlLoader(_CParser, BaseResolver):
        """Composes nodes in C, leaving plain scalars unresolved (see _plain_scalar)."""

        def __init__(self, text: str):
            _CParser.__init__(self, text)
            BaseResolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode and implicit[0]:
                return _UNRESOLVED
            return super().resolve(kind, value, implicit)


def _plain_value(node: Any, seen: set[int]) -> Any:
    if node is None:  # an empty document
        return None
    if id(node) in seen:  # an alias: the round trip counts its expansion
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, ScalarNode) and node.tag in (_UNRESOLVED, _STR):
        return _plain_scalar(node.value) if node.tag == _UNRESOLVED else node.value
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        return [_plain_value(item, seen) for item in node.value]
    if isinstance(node, MappingNode) and node.tag == _MAP:
        data: dict = {}
        for key_node, value_node in node.value:
            key = _plain_value(key_node, seen)
            if isinstance(key, (dict, list)) or key in data:
                raise _NotPlain
            data[key] = _plain_value(value_node, seen)
        return data
    raise _NotPlain


def _plain_scalar(value: str) -> Any:
    """An unquoted scalar as YAML 1.2 reads it (ruamel's resolver decides)."""
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
    if tag == _STR:
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int" and _DECIMAL.fullmatch(value):
        return int(value)
    if tag == "tag:yaml.org,2002:float" and _DECIMAL_FRACTION.fullmatch(value):
        return float(value)
    raise _NotPlain


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


class _Walk:
    """Checks every node once: tags, depth and size as if aliases were copies.

    An alias is the same Python object as its anchor, so each distinct node's size and
    height are kept by id: eight levels of ten aliases cost eighty visits, not 10^8."""

    def __init__(self, path: str, error: type[SvclintError]):
        self.path = path
        self.error = error
        self.seen: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded values, height)

    def size(self, node: Any, depth: int) -> int:
        """Values under `node` (itself included) with aliases expanded; raises past the bounds."""
        known = self.seen.get(id(node))
        if known is None:
            known = self.seen[id(node)] = self._measure(node, depth)
        values, height = known
        if depth + height > MAX_DEPTH + 1:  # a leaf may stand at depth MAX_DEPTH
            raise self.error("nesting too deep", self.path)
        return values

    def _measure(self, node: Any, depth: int) -> tuple[int, int]:
        self._reject_tag(node)
        if depth > MAX_DEPTH:
            raise self.error("nesting too deep", self.path)
        children = list(node.values()) if isinstance(node, dict) else node if isinstance(node, list) else []
        values = 1 + sum(self.size(child, depth + 1) for child in children)
        if values > MAX_EXPANDED_VALUES:
            raise self.error(f"YAML aliases expand to over {MAX_EXPANDED_VALUES:,} values "
                             "(packs and configuration are plain data: write the values out)", self.path)
        height = 1 + max((self.seen[id(child)][1] for child in children), default=0)
        return values, height

    def _reject_tag(self, node: Any) -> None:
        """Packs and configuration are plain data: tagged values (!!python/…, !custom) are refused."""
        tag = getattr(node, "tag", None)
        value = getattr(tag, "value", tag)
        if isinstance(value, str) and value and value not in _PLAIN_TAGS:
            raise self.error(f"tagged value {value!r} is not allowed (packs and configuration are plain data)",
                             self.path)


def line_of(node: Any, key: Any = None) -> int | None:
    """1-based line of a mapping key (or of the node itself)."""
    try:
        if key is None:
            return node.lc.line + 1
        if isinstance(node, CommentedMap):
            return node.lc.key(key)[0] + 1
        if isinstance(node, CommentedSeq):
            return node.lc.item(key)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None
    return None
