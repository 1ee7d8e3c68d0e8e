"""Where the parts of a MIME message lie in the file.

The headers of each part are read with their offsets, and a multipart body is
cut into its parts at its own boundary lines, so the part chosen for linting is
known by its exact range in the file (never found again by searching for its
text). The walk is iterative and bounded in depth, and no header is handed to
the standard library's header parser (deep comments and long encoded headers
made that recurse or take memory quadratic in the header's length). Parameters
written the RFC 2231 way (`charset*=utf-8''...`, `boundary*0=`, `name*1*=`) are
decoded and joined, and win over a plain parameter of the same name.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import decode_rfc2231
from urllib.parse import unquote_to_bytes

# Deeper multiparts are not walked: real mail nests a handful of levels.
MAX_DEPTH = 50

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BREAK = re.compile(r"\r\n|\r|\n")
# A field name is printable ASCII but the colon, written right before it (as the stdlib reads it).
_FIELD = re.compile(r"([!-9;-~]+):")
FOLD = re.compile(r"(?:\r\n|\r|\n)(?=[ \t])")  # a line break that folds a header
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9a-z]+")
# Quoted strings are kept whole, so a ";" or "(" inside them is text.
_PARAMETER_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[^;"]+|;', re.DOTALL)
_COMMENT_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|\\.|[()]|[^()"\\]+|\\', re.DOTALL)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
# An RFC 2231 parameter name: name* (encoded), name*N (a section), name*N* (an encoded section).
_EXTENDED_NAME = re.compile(r"([^*]+)\*(?:(0|[1-9][0-9]{0,3})(\*)?)?")
Sections = dict[int, tuple[str, bool]]  # an RFC 2231 parameter's sections by number: (text, %XX-encoded)


@dataclass
class Part:
    """One part (or the whole message): its header values' ranges and its body's range."""

    start: int
    body_start: int
    end: int
    headers: dict[str, tuple[int, int]] = field(default_factory=dict)  # first of each name → value range
    default_type: str = "text/plain"

    def raw(self, text: str, name: str) -> str:
        """A header's value as written (folds included), or ""."""
        start, end = self.headers.get(name, (0, 0))
        return text[start:end]

    def value(self, text: str, name: str) -> str:
        """A header's value unfolded and stripped, or ""."""
        return FOLD.sub("", self.raw(text, name)).strip()

    def content_type(self, text: str) -> tuple[str, str, dict[str, str]]:
        """(maintype, subtype, parameters); an invalid or missing type is the default one."""
        value, params = split_parameters(self.value(text, "content-type"))
        main, _, sub = value.lower().partition("/")
        if not (_TOKEN.fullmatch(main) and _TOKEN.fullmatch(sub)):
            main, _, sub = self.default_type.partition("/")
        return main, sub, params

    def is_attachment(self, text: str) -> bool:
        return split_parameters(self.value(text, "content-disposition"))[0].lower() == "attachment"


def read_part(text: str, start: int, end: int, default_type: str = "text/plain") -> Part:
    """The part in text[start:end]: headers up to the first blank line (or the first
    line that is not a header), then the body."""
    part = Part(start, end, end, default_type=default_type)
    last: str | None = None  # the header that a folded line continues
    for match in _LINE.finditer(text, start, end):
        line = match.group()
        if not line.strip("\r\n"):  # the blank line (or the end of the part)
            part.body_start = match.end()
            break
        if line[0] in " \t" or (match.start() == 0 and line.startswith("From ")):  # a fold; an mbox "From " line
            if last is not None:
                part.headers[last] = (part.headers[last][0], _line_end(match))
            continue
        field_name = _FIELD.match(line)
        if field_name is None:  # not a header: the body starts here, with no blank line
            part.body_start = match.start()
            break
        last = field_name.group(1).lower()
        if last in part.headers:
            last = None  # only the first of a repeated header is read
        else:
            part.headers[last] = (match.start() + field_name.end(), _line_end(match))
    return part


def _line_end(match: re.Match) -> int:
    """End of a line without its line break."""
    return match.start() + len(match.group().rstrip("\r\n"))


def split_parameters(value: str) -> tuple[str, dict[str, str]]:
    """A structured header value's first item and its name=value parameters
    (comments removed, quotes and backslash escapes undone, names lower-cased).
    Split by one left-to-right scan: a pattern retried at each position of a long
    unquoted run would cost the square of its length."""
    items: list[list[str]] = [[]]
    for token in _PARAMETER_TOKEN.findall(_without_comments(value)):
        if token == ";":
            items.append([])
        else:
            items[-1].append(token)
    params: dict[str, str] = {}
    extended: dict[str, Sections] = {}
    for item in items[1:]:
        name, equals, raw = "".join(item).partition("=")
        name, raw = name.strip().lower(), raw.strip()
        if not (equals and name):
            continue
        raw = _unquoted(raw) if raw.startswith('"') else raw
        section = _EXTENDED_NAME.fullmatch(name)
        if section is None:
            params.setdefault(name, raw)
        else:
            base, number, star = section.groups()
            extended.setdefault(base, {}).setdefault(int(number or 0), (raw, number is None or star is not None))
    # The extended form is the exact one; a plain value beside it is for older readers (RFC 6266, 4.3).
    params.update((name, _joined(sections)) for name, sections in extended.items())
    return "".join(items[0]).strip(), params


def _joined(sections: Sections) -> str:
    """An RFC 2231 parameter's value: its sections in order, the %XX escapes of the
    encoded ones read in the charset the first section names (UTF-8 when it names
    none that Python can read leniently)."""
    ordered = [sections[number] for number in sorted(sections)]
    first, first_encoded = ordered[0]
    charset = None
    if first_encoded:
        charset, _language, first = decode_rfc2231(first)
    data = b"".join(unquote_to_bytes(text) if encoded else text.encode("utf-8")
                    for text, encoded in [(first, first_encoded), *ordered[1:]])
    try:
        return data.decode(text_codec(charset or "utf-8") or "utf-8", "replace")
    except UnicodeError:  # a codec with no lenient mode, such as idna
        return data.decode("utf-8", "replace")


def text_codec(charset: str) -> str | None:
    """The codec's name for a charset, or None when Python knows no text codec by that name."""
    try:
        info = codecs.lookup(charset.strip())
    except (LookupError, ValueError):
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _unquoted(raw: str) -> str:
    return _ESCAPED.sub(r"\1", raw[1:-1] if len(raw) > 1 and raw.endswith('"') else raw[1:])


def _without_comments(value: str) -> str:
    """The value with (comments) removed, counting nesting instead of recursing; an
    unclosed comment runs to the end."""
    if "(" not in value:
        return value
    kept: list[str] = []
    depth = 0
    for token in _COMMENT_TOKEN.findall(value):
        if token == "(":
            depth += 1
        elif token == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(token)
    return "".join(kept)


def children(text: str, part: Part, boundary: str, default_type: str) -> Iterator[Part]:
    """The parts of a multipart body, cut at its own boundary lines. The line break
    before a boundary line belongs to the boundary; a missing closing line lets the
    last part run to the end of its parent."""
    delimiter = re.compile(r"(?:^|(?<=\r))--" + re.escape(boundary) + r"(--)?[ \t]*(?=[\r\n]|\Z)", re.MULTILINE)
    opened: int | None = None
    for match in delimiter.finditer(text, part.body_start, part.end):
        if opened is not None:
            yield read_part(text, opened, _before_line_break(text, match.start(), opened), default_type)
        if match.group(1):
            return
        line_break = _BREAK.match(text, match.end(), part.end)
        opened = line_break.end() if line_break else match.end()
    if opened is not None:
        yield read_part(text, opened, part.end, default_type)


def _before_line_break(text: str, at: int, floor: int) -> int:
    """`at` moved before the line break (CRLF, LF or CR) that ends the previous line."""
    if text.endswith("\r\n", floor, at):
        return at - 2
    return at - 1 if text.endswith(("\n", "\r"), floor, at) else at


@dataclass
class Found:
    """The part chosen for linting (if any), and what kept parts from being walked."""

    part: Part | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)


def find_body(text: str, message: Part) -> Found:
    """The first text/plain part that is not an attachment, else the first text/html
    one, walking multiparts depth first (as `EmailMessage.get_body` chooses, but
    keeping each part's range). message/rfc822 parts are not entered."""
    found, html = Found(), None
    stack: list[Iterator[Part]] = [iter([message])]
    while stack:
        part = next(stack[-1], None)
        if part is None:
            stack.pop()
            continue
        if part.is_attachment(text):
            continue
        main, sub, params = part.content_type(text)
        if main == "text" and sub == "plain":
            found.part = part
            return found
        if main == "text" and sub == "html":
            html = html or part
        elif main == "multipart" and params.get("boundary"):
            if len(stack) > MAX_DEPTH:
                found.problems.append((part.start, f"MIME parts nested over {MAX_DEPTH} deep; the deeper parts are not linted"))
                continue
            stack.append(_parts_to_walk(text, part, sub, params))
    found.part = html
    return found


def _parts_to_walk(text: str, part: Part, subtype: str, params: dict[str, str]) -> Iterator[Part]:
    """A multipart's parts in order; of multipart/related only its start part."""
    parts = children(text, part, params["boundary"], "message/rfc822" if subtype == "digest" else "text/plain")
    if subtype != "related":
        return parts
    listed = list(parts)
    start = params.get("start")
    chosen = next((p for p in listed if start and p.value(text, "content-id") == start), listed[0] if listed else None)
    return iter([chosen] if chosen else [])
