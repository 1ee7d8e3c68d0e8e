"""Reading YAML for configuration and rule packs: safe, with line numbers in errors."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from svclint.errors import SvclintError


def load_yaml(text: str, path: str, error: type[SvclintError]) -> Any:
    """Parse YAML keeping positions; any syntax problem or custom tag is an error."""
    yaml = YAML(typ="rt", pure=True)
    try:
        data = yaml.load(text)
    except RecursionError:
        raise error("YAML nested too deeply", path) from None
    except YAMLError as problem:
        mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
        reason = getattr(problem, "problem", None) or str(problem).splitlines()[0]
        raise error(f"invalid YAML: {reason}", path, mark.line + 1 if mark else None) from None
    _reject_tags(data, path, error)
    return data


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


def _reject_tags(node: Any, path: str, error: type[SvclintError], depth: int = 0) -> None:
    """Packs and configuration are plain data: tagged values (!!python/…, !custom) are refused."""
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", tag)
    if isinstance(value, str) and value and value not in _PLAIN_TAGS:
        raise error(f"tagged value {value!r} is not allowed (packs and configuration are plain data)", path)
    if depth > 50:
        raise error("nesting too deep", path)
    if isinstance(node, dict):
        for key, child in node.items():
            _reject_tags(child, path, error, depth + 1)
    elif isinstance(node, list):
        for child in node:
            _reject_tags(child, path, error, depth + 1)


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
