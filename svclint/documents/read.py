"""Choose a reader by file name and turn raw bytes into a Document."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from itertools import islice

from svclint.documents.eml import read_eml
from svclint.documents.html import read_html
from svclint.documents.markdown import read_markdown
from svclint.documents.plain import read_plain
from svclint.documents.structured import DEFAULT_MAX_NODES, read_json, read_yaml
from svclint.documents.unit import Document
from svclint.sourcemap import SourceFile

Reader = Callable[[SourceFile], Document]

READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".eml": read_eml,
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".json": read_json,
}
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".hbs", ".handlebars", ".mustache", ".liquid", ".tpl")
LINTABLE_SUFFIXES = tuple(READERS) + TEMPLATE_SUFFIXES


class UnreadableFile(Exception):
    """The file cannot be linted; the message says why."""


# Markup that makes a template's text a web page or an HTML e-mail: two of these tags.
_HTML_TAGS = re.compile(r"<(?:!doctype html|html|body|p|div|br|table|td|span|a|style|ul|li|h[1-6])\b[^>]*>",
                        re.IGNORECASE)
_HTML_TAGS_NEEDED = 2
_SNIFFED = 8192


def read_template(source: SourceFile) -> Document:
    """A template whose name says no more ("welcome.hbs", "reply.j2"): HTML when its first
    lines are written in HTML tags (so that a <style> block's braces are not read as broken
    placeholders), else plain text."""
    found = sum(1 for _ in islice(_HTML_TAGS.finditer(source.text, 0, _SNIFFED), _HTML_TAGS_NEEDED))
    return read_html(source) if found == _HTML_TAGS_NEEDED else read_plain(source)


def reader_for(path: str) -> Reader:
    """The reader for a file name; templates use the reader of their inner extension."""
    name = os.path.basename(path).lower()
    stem, suffix = os.path.splitext(name)
    if suffix in TEMPLATE_SUFFIXES:
        suffix = os.path.splitext(stem)[1]
        if suffix not in READERS:
            return read_template
    return READERS.get(suffix, read_plain)


def is_lintable(path: str) -> bool:
    return path.lower().endswith(LINTABLE_SUFFIXES)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_bytes(path: str, limit: int) -> bytes:
    """At most `limit` bytes of a regular file, read with os-level calls sized from
    the file: a buffered read of `limit` bytes allocates that much for every file,
    however small, which cost more than reading it. A short read is the end of a
    regular file."""
    handle = os.open(path, _READ_FLAGS)
    try:
        return read_open(handle, limit)
    finally:
        os.close(handle)


def read_open(handle: int, limit: int) -> bytes:
    """At most `limit` bytes of an open regular file, from where its descriptor stands."""
    chunks: list[bytes] = []
    left, wanted = limit, os.fstat(handle).st_size + 1  # one byte more finds a file that grew
    while left > 0:
        size = min(left, max(wanted, 1 << 16))
        chunk = os.read(handle, size)
        chunks.append(chunk)
        left, wanted = left - len(chunk), 0
        if len(chunk) < size:
            break
    return b"".join(chunks)


def decode(data: bytes, max_bytes: int) -> str:
    """The file's text, or UnreadableFile saying why it cannot be linted. An empty or
    blank file is read (it has nothing to report, which is not a failure)."""
    if len(data) > max_bytes:
        # only limit + 1 bytes were read: the file's real size is not known here
        raise UnreadableFile(f"file is larger than the {max_bytes:,}-byte limit (option max-file-bytes); skipped")
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary file (contains NUL bytes); skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); skipped") from None
    return text


def read_document(path: str, text: str, max_yaml_nodes: int = DEFAULT_MAX_NODES) -> Document:
    reader = reader_for(path)
    if reader in (read_yaml, read_json):
        return reader(SourceFile(path, text), max_yaml_nodes)
    return reader(SourceFile(path, text))
