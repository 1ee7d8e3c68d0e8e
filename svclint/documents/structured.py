"""YAML and JSON files: call scripts (turns with speakers, nested branches),
FAQs (question/answer lists), macro exports, or else every prose string."""

from __future__ import annotations

import json
import json.scanner
import re
from collections.abc import Iterator
from typing import Any

from svclint.documents.speakers import speaker_role
from svclint.documents.unit import Document, Unit, UnitBuilder
from svclint.sourcemap import SourceFile

TURN_LISTS = ("turns", "turnos", "script", "guion", "guión", "dialogue", "dialogo", "diálogo", "conversation", "conversacion", "conversación")
SPEAKER_KEYS = ("speaker", "hablante", "role", "rol", "who", "quien", "quién", "from")
TEXT_KEYS = ("text", "texto", "say", "line", "linea", "línea", "message", "mensaje")
BRANCH_KEYS = ("branches", "ramas", "options", "opciones")
QUESTION_KEYS = ("q", "question", "pregunta", "title", "titulo", "título")
ANSWER_KEYS = ("a", "answer", "respuesta", "body", "content", "contenido", "text", "texto", "html_body", "value")
FAQ_LISTS = ("faq", "faqs", "preguntas", "questions", "items", "entries", "macros")
DEFAULT_MAX_NODES = 1_000_000  # option max-yaml-nodes


class Located(str):
    """A string value read from a file, with the source offset where its text
    starts (a reader sets `start`; quotes and escapes are found by `align`)."""

    start: int


def _located(value: str, start: int) -> Located:
    located = Located(value)
    located.start = start
    return located


def read_structured(source: SourceFile, data: Any) -> Document:
    if isinstance(data, str):  # the whole document is one string
        return Document(source, [_string_unit(source, data)])
    script = _find_turns(data)
    if script is not None:
        builder = UnitBuilder()
        _add_turns(builder, source, script)
        unit = builder.build(part="script", kind_hint="call-script")
        return Document(source, [unit], "call-script")
    faq = _find_faq(data)
    if faq is not None:
        units = [_faq_unit(source, item) for item in faq]
        return Document(source, [u for u in units if u], "faq")
    units = []
    linted: set[int] = set()  # an aliased or merged scalar is in the file once
    for value in _strings(data):
        start = getattr(value, "start", None)
        if len(value.split()) >= 3 and start not in linted:
            units.append(_string_unit(source, value))
            if start is not None:
                linted.add(start)
    return Document(source, units)


def _get(mapping: dict, names: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in mapping:
        if isinstance(key, str) and key.lower() in names:
            return key, mapping[key]
    return None, None


def _is_turn(item: Any) -> bool:
    return isinstance(item, dict) and _get(item, SPEAKER_KEYS)[0] is not None and _get(item, TEXT_KEYS)[0] is not None


def _find_turns(data: Any) -> list | None:
    if isinstance(data, list) and data and all(_is_turn(i) for i in data):
        return data
    if isinstance(data, dict):
        _, turns = _get(data, TURN_LISTS)
        if isinstance(turns, list) and any(_is_turn(i) for i in turns):
            return turns
    return None


def _add_turns(builder: UnitBuilder, source: SourceFile, turns: list, depth: int = 0,
               seen: set[int] | None = None) -> None:
    seen = set() if seen is None else seen
    for item in turns:
        if not isinstance(item, dict) or id(item) in seen:
            continue  # an aliased turn is in the file once
        seen.add(id(item))
        speaker_key, speaker = _get(item, SPEAKER_KEYS)
        text_key, text = _get(item, TEXT_KEYS)
        if text_key and isinstance(text, str):
            builder.start_turn(speaker_role(str(speaker)) or "agent")
            _add_value(builder, source, text)
        _, branches = _get(item, BRANCH_KEYS)
        if isinstance(branches, list) and depth < 20:
            for branch in branches:
                nested = _find_turns(branch) if not _is_turn(branch) else [branch]
                if nested:
                    _add_turns(builder, source, nested, depth + 1, seen)


def _find_faq(data: Any) -> list | None:
    if isinstance(data, dict):
        _, data = _get(data, FAQ_LISTS)
    if isinstance(data, list) and data and all(
        isinstance(i, dict) and _get(i, ANSWER_KEYS)[0] is not None for i in data
    ):
        if any(_get(i, QUESTION_KEYS)[0] is not None for i in data):
            return data
    return None


def _faq_unit(source: SourceFile, item: dict) -> Unit | None:
    _, answer = _get(item, ANSWER_KEYS)
    if not isinstance(answer, str):
        return None
    builder = UnitBuilder()
    _add_value(builder, source, answer)
    return builder.build(part="answer", kind_hint="faq")


def _string_unit(source: SourceFile, value: str) -> Unit:
    builder = UnitBuilder()
    _add_value(builder, source, value)
    return builder.build()


def _strings(data: Any) -> Iterator[str]:
    """Every string value, in document order.

    Iterative, so that deep nesting cannot exhaust the stack; a node shared
    through YAML aliases is visited once. A mapping that names the customer as
    its writer is left out: its words are the customer's, not the organisation's."""
    stack = [_children(data)]
    visited = {id(data)}  # a YAML alias repeats a node: its text is in the file once
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        _, value = item
        if isinstance(value, str):
            yield value
        elif isinstance(value, (dict, list)) and id(value) not in visited and not _customers_message(value):
            visited.add(id(value))
            stack.append(_children(value))


MESSAGE_KEYS_AT_MOST = 12  # a message record is small; a locale table with a "customer" entry is not one


def _customers_message(node: dict | list) -> bool:
    """Whether a mapping is a message the customer wrote, as exports of conversations
    mark one: a small mapping with a text key (`message`, `text`…) and either a speaker
    key naming the customer ("from": "customer") or a customer word keying the writer's
    handle or id ("client": "@ana_g", "user2": 5012). A locale table's entry such as
    "customer": "Cliente" is no handle (its value is a role word), and prose keyed by a
    customer word ("customer": "Thank you for your order…") is a template for customers."""
    if not isinstance(node, dict) or len(node) > MESSAGE_KEYS_AT_MOST or \
            not isinstance(_get(node, TEXT_KEYS)[1], str):
        return False
    for key, value in node.items():
        if not isinstance(key, str):
            continue
        if key.lower() in SPEAKER_KEYS and isinstance(value, str) and speaker_role(value) == "customer":
            return True
        if speaker_role(key.rstrip("0123456789")) == "customer" and _handle(value):  # "client", "client2"
            return True
    return False


def _handle(value: Any) -> bool:
    """A writer's id or one-word handle, not a role word."""
    if isinstance(value, int) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and 0 < len(value) <= 64 and len(value.split()) == 1 and not speaker_role(value)


def expanded_size(data: Any, limit: int) -> int:
    """How many values the document holds once every alias is copied out (a
    billion-laughs file is small on disk and huge expanded); counting stops past
    `limit`, and a node that contains itself counts as over it."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = [v for _, v in _children(node) if isinstance(v, (dict, list))]
        if not children_done:
            if id(node) in open_nodes:
                continue
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        total = 1 + len(node) - len(children) + sum(sizes.get(id(c), limit + 1) for c in children)
        sizes[id(node)] = min(total, limit + 1)
    return sizes.get(id(data), 1)


def _over_limit(source: SourceFile, data: Any, max_nodes: int, what: str) -> Document | None:
    if isinstance(data, (dict, list)) and expanded_size(data, max_nodes) > max_nodes:
        return Document(source, [], problems=[(0, f"{what} holds over {max_nodes:,} values once its aliases are "
                                                   "expanded (option max-yaml-nodes); not linted")])
    return None


def _children(node: Any) -> Iterator[tuple[Any, Any]]:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    return iter(items)


def _add_value(builder: UnitBuilder, source: SourceFile, value: str) -> None:
    start = getattr(value, "start", None)
    if start is None:
        builder.add_replaced(value, 0, 0)
        return
    for text, src_start, src_end, verbatim in align(value, source.text, start):
        if verbatim:
            builder.add(text, src_start)
        else:
            builder.add_replaced(text, src_start, src_end)


_WHITESPACE = " \t\r\n\x85\u2028\u2029"  # YAML also breaks lines at NEL, LS and PS
_SKIPPABLE = set(_WHITESPACE + "\"'\\|>-+")
# What one folded value character stands for: blanks, at most one line break
# (a further break is a value character of its own, or stepped over), blanks.
_FOLD = re.compile(r"[ \t]*(?:\r\n|[\r\n\x85\u2028\u2029])?[ \t]*")
_MAX_SKIPPED = 12  # quotes, indicators and backslashes stepped over in a row (whitespace is not counted)
# The one-character escapes of JSON and of YAML double-quoted scalars, and what each stands for.
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}
_HEX_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")

Run = tuple[str, int, int, bool]  # text, source start, source end, copied verbatim


def align(value: str, text: str, start: int) -> list[Run]:
    """Split a decoded scalar into runs located in `text`.

    Verbatim runs map character for character; escapes (\\n, \\u00e1, a
    surrogate pair) map to their source span; quotes, block indicators,
    indentation, escaped and folded line breaks are stepped over. If the value
    cannot be followed in the source, one run at the scalar's start is returned.
    """
    runs: list[Run] = []
    run_start = j = start
    i = first = 0
    while i < len(value):
        if j < len(text) and text[j] == value[i]:
            if i == first:
                run_start = j
            i, j = i + 1, j + 1
            continue
        if i > first:
            runs.append((value[first:i], run_start, j, True))
        escape = _escape_length(text, j, value[i])
        if escape:
            runs.append((value[i], j, j + escape, False))
            j += escape
        elif _folds(text, j, value[i]):
            # a folded or joined line: one value character stands for the break and indentation,
            # unless an escape of that character follows it (" \x85\\n": the blanks and break
            # folded into the space read before them, and the escape is the character) and the
            # escapes in a row are as many as the value has of it ("\u2028\x85\\n\\n" reads three
            # line breaks: the folded break is one of them)
            begin, end = j, _FOLD.match(text, j).end()
            if end > begin and _escapes_in_a_row(text, end, value[i]) >= _repeats(value, i):
                j, first = end, i
                continue
            j = end
            runs.append((value[i], begin, begin, False))
        else:
            j = _skip(text, j, value[i])
            if not _readable(text, j, value[i]):
                return [(value, start, start, False)]
            first = i
            continue
        i += 1
        first = i
    if i > first:
        runs.append((value[first:i], run_start, j, True))
    return runs


def _escapes_in_a_row(text: str, j: int, char: str) -> int:
    """How many escapes standing for `char` follow one another from j."""
    count = 0
    while length := _escape_length(text, j, char):
        count, j = count + 1, j + length
    return count


def _repeats(value: str, i: int) -> int:
    """How many times value[i] repeats from i."""
    end = i
    while end < len(value) and value[end] == value[i]:
        end += 1
    return end - i


def _skip(text: str, j: int, char: str) -> int:
    """Step from j over syntax that is not in the value (quotes, block
    indicators, indentation, a backslash before a line break) to where `char`
    can be read."""
    skipped = 0
    while j < len(text) and text[j] in _SKIPPABLE and skipped < _MAX_SKIPPED and not _readable(text, j, char):
        skipped += text[j] not in _WHITESPACE
        j += 1
    return j


def _readable(text: str, j: int, char: str) -> bool:
    """Whether the source at j stands for the value character `char`."""
    return text.startswith(char, j) or bool(_escape_length(text, j, char)) or _folds(text, j, char)


def _folds(text: str, j: int, char: str) -> bool:
    """Whether a value space or newline stands for the line break or blanks at j."""
    return char in " \n" and j < len(text) and text[j] in _WHITESPACE


def _escape_length(text: str, j: int, char: str) -> int:
    """Source length of the backslash escape at j if it stands for `char`, else 0."""
    if not text.startswith("\\", j):
        return 0
    if text[j + 1 : j + 2] in _ESCAPES:
        return 2 if _ESCAPES[text[j + 1]] == char else 0
    escape = _HEX_ESCAPE.match(text, j)
    if not escape:
        return 0
    code = int(escape.group(escape.lastindex or 0), 16)
    if code == ord(char):
        return escape.end() - j
    # JSON writes an astral character (an emoji) as a UTF-16 pair: \ud83d\ude00
    low = _HEX_ESCAPE.match(text, escape.end())
    if 0xD800 <= code < 0xDC00 and low and low.group(2) and 0xDC00 <= int(low.group(2), 16) < 0xE000:
        pair = 0x10000 + ((code - 0xD800) << 10) + int(low.group(2), 16) - 0xDC00
        return low.end() - j if pair == ord(char) else 0
    return 0


# Tags that say a scalar is a string (!!str, or PyYAML's for Python strings), however
# written (!!str, !<tag:yaml.org,2002:str>, a %TAG handle): ruamel's round-trip loader
# keeps such a scalar as a TaggedScalar, which is no str, so its string is taken out.
_STRING_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "python/str", "python/unicode"))

# What ruamel's constructors raise on a value they cannot build (int('abc'), a
# 30th of February, an unknown !!bool word, an unhashable key), beside YAMLError.
_CONSTRUCTION_ERRORS = (ValueError, TypeError, LookupError, ArithmeticError)


def _yaml_constructor(text: str) -> type:
    """A round-trip constructor whose string values are `Located` at their
    text in the file (an alias or merge key shares the anchor's value, so it
    points there), which reads a scalar explicitly tagged as a string as one,
    and which reads as plain text a scalar whose type it cannot build
    (2024-02-30, !!float abc, !!bool maybe): the linter only needs strings."""
    from ruamel.yaml.comments import TaggedScalar
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.nodes import ScalarNode

    class Constructor(RoundTripConstructor):
        def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
            try:
                value = super().construct_non_recursive_object(node, tag)
            except _CONSTRUCTION_ERRORS:
                if not isinstance(node, ScalarNode):
                    raise
                value = node.value  # the scalar's text, as written
            if isinstance(value, TaggedScalar) and str(tag or node.tag) in _STRING_TAGS:
                value = value.value  # the string, as ruamel built it (folds and all)
            if not isinstance(value, str):
                return value
            return _located(value, _YAML_VALUE_START.match(text, node.start_mark.index).end())

    return Constructor


# Where a YAML scalar's text begins after its start mark: past an anchor or a
# tag (a verbatim tag, !<...>, may hold commas and brackets), and past a block
# scalar's header (|2-, >+ and a comment on that line).
_YAML_VALUE_START = re.compile(r"(?:(?:!<[^>\s]*>|[&!][^\s,\[\]{}]*)\s+)*(?:[|>][0-9+-]*[ \t]*(?:#[^\r\n]*)?)?")


def read_yaml(source: SourceFile, max_nodes: int = DEFAULT_MAX_NODES) -> Document:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _yaml_constructor(source.text)
    try:
        data = yaml.load(source.text)
    except RecursionError:
        return Document(source, [], problems=[(0, "YAML nested too deeply to read")])
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        offset = source.offset(mark.line + 1, mark.column + 1) if mark else 0
        return Document(source, [], problems=[(offset, f"malformed YAML: {getattr(error, 'problem', None) or error}")])
    except _CONSTRUCTION_ERRORS as error:  # e.g. a mapping holding a list, as a key: ? {a: [b]}
        return Document(source, [], problems=[(0, f"YAML value svclint cannot read ({error}); not linted")])
    too_big = _over_limit(source, data, max_nodes, "this YAML file")
    return too_big or read_structured(source, data)


_JSON_BLANKS = re.compile(r"[ \t\n\r]*")
_JSON_CONSTANTS = (("null", None), ("true", True), ("false", False), ("NaN", float("nan")),
                   ("Infinity", float("inf")), ("-Infinity", float("-inf")))
_OPENED = object()  # what _json_value gives for a container it opened: its first value comes next


def _load_json(text: str) -> Any:
    """The document as json.loads reads it (duplicate keys keep the last value; NaN
    and Infinity allowed), with string values `Located` just after their opening
    quote. Containers being read are kept on a list, not on the interpreter's
    stack: any depth costs memory in proportion to the file, and never a
    RecursionError (the pure-Python json scanner gave up at about 450 levels)."""
    open_containers: list[dict | list] = []
    keys: list[str] = []  # for each open object, the key whose value is being read
    blanks = _JSON_BLANKS.match  # looked up once: this loop is hot
    pos = blanks(text).end()
    while True:
        value, pos = _json_value(text, pos, open_containers, keys)
        if value is _OPENED:
            continue
        while open_containers:  # a complete value: place it, then read a comma or its container's end
            container = open_containers[-1]
            is_object = type(container) is dict
            if is_object:
                container[keys[-1]] = value
            else:
                container.append(value)
            char = text[pos : pos + 1]
            if char in " \t\n\r":
                pos = blanks(text, pos).end()
                char = text[pos : pos + 1]
            if char == ",":
                pos = blanks(text, pos + 1).end()
                if is_object:
                    keys[-1], pos = _json_key(text, pos)
                break
            if char != ("}" if is_object else "]"):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            value, pos = open_containers.pop(), pos + 1
            if is_object:
                keys.pop()
        else:
            end = blanks(text, pos).end()
            if end != len(text):
                raise json.JSONDecodeError("Extra data", text, end)
            return value


def _json_value(text: str, pos: int, open_containers: list, keys: list[str]) -> tuple[Any, int]:
    """The scalar or empty container at `pos` and where it ends; or, for a container
    with members, _OPENED (the container pushed, `pos` at its first value)."""
    char = text[pos : pos + 1]
    if char in ("{", "["):
        container: dict | list = {} if char == "{" else []
        pos = _JSON_BLANKS.match(text, pos + 1).end()
        if text.startswith("}" if char == "{" else "]", pos):
            return container, pos + 1
        open_containers.append(container)
        if char == "{":
            key, pos = _json_key(text, pos)
            keys.append(key)
        return _OPENED, pos
    if char == '"':
        string, end = json.decoder.scanstring(text, pos + 1)
        return _located(string, pos + 1), end
    number = json.scanner.NUMBER_RE.match(text, pos)
    if number:
        integer, fraction, exponent = number.groups()
        return float(number.group()) if fraction or exponent else _json_int(integer), number.end()
    for word, constant in _JSON_CONSTANTS:
        if text.startswith(word, pos):
            return constant, pos + len(word)
    raise json.JSONDecodeError("Expecting value", text, pos)


def _json_key(text: str, pos: int) -> tuple[str, int]:
    """An object's key at `pos`, and where its value starts (past the colon)."""
    if not text.startswith('"', pos):
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
    key, pos = json.decoder.scanstring(text, pos + 1)
    pos = _JSON_BLANKS.match(text, pos).end()
    if not text.startswith(":", pos):
        raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
    return key, _JSON_BLANKS.match(text, pos + 1).end()


def _json_int(digits: str) -> int | float:
    """An integer, or a float (inf) past Python's 4,300-digit limit for int(),
    which json.loads does not apply: the linter only reads strings."""
    try:
        return int(digits)
    except ValueError:
        return float(digits)


def read_json(source: SourceFile, max_nodes: int = DEFAULT_MAX_NODES) -> Document:
    try:
        data = _load_json(source.text)
    except ValueError as error:
        offset = getattr(error, "pos", 0) or 0
        return Document(source, [], problems=[(offset, f"malformed JSON: {getattr(error, 'msg', error)}")])
    too_big = _over_limit(source, data, max_nodes, "this JSON file")
    return too_big or read_structured(source, data)
