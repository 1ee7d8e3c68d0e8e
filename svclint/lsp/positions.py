"""Positions between svclint and an LSP client.

svclint counts 1-based lines and 1-based columns in Unicode code points; LSP counts
0-based lines and columns in the code units of the negotiated `positionEncoding`
(UTF-16 unless the client offers another): "😀" is one code point, two UTF-16 units
and four UTF-8 bytes, and "á" one code point but two UTF-8 bytes. Lines are split at
\\r\\n, \\r and \\n, as svclint's SourceFile and the LSP specification both do.
"""

from __future__ import annotations

import re

from lsprotocol import types

from svclint.model import Position

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# How many bytes of each encoding make one code unit.
_UNIT_BYTES = {types.PositionEncodingKind.Utf8: 1, types.PositionEncodingKind.Utf16: 2,
               types.PositionEncodingKind.Utf32: 4}
_CODECS = {types.PositionEncodingKind.Utf8: "utf-8", types.PositionEncodingKind.Utf16: "utf-16-le",
           types.PositionEncodingKind.Utf32: "utf-32-le"}


def code_units(text: str, encoding: str) -> int:
    """The length of `text` in the encoding's code units (a lone surrogate counts as
    one unit of its own, as an editor holding it would count it)."""
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode(_CODECS[encoding], "surrogatepass")) // _UNIT_BYTES[encoding]


class LineIndex:
    """A document's lines, for converting positions both ways."""

    def __init__(self, text: str, encoding: str):
        self.text = text
        self.encoding = encoding
        # svclint reads a text without its leading byte-order mark, which an editor may keep
        # as the document's first character: svclint's columns of line 1 begin after it.
        self.mark = 1 if text.startswith("\ufeff") else 0
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    def line(self, number: int) -> str:
        """The text of a 0-based line, without its line break."""
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def to_client(self, position: Position) -> types.Position:
        """svclint's 1-based, code-point position as the client counts it."""
        line = min(max(position.line - 1, 0), len(self.starts) - 1)
        mark = self.mark if line == 0 else 0
        before = self.line(line)[:mark + max(position.column - 1, 0)]
        return types.Position(line=line, character=code_units(before, self.encoding))

    def range(self, start: Position, end: Position) -> types.Range:
        return types.Range(start=self.to_client(start), end=self.to_client(end))

    def to_svclint(self, position: types.Position) -> Position:
        """A client position (clamped to the document) as svclint's line and column."""
        line = min(max(position.line, 0), len(self.starts) - 1)
        text, counted, column = self.line(line), 0, 0
        while column < len(text) and counted < position.character:
            counted += code_units(text[column], self.encoding)
            column += 1
        mark = self.mark if line == 0 else 0
        return Position(line + 1, max(column - mark, 0) + 1)

    def offset(self, position: types.Position) -> int:
        """The code-point offset in the editor's text of a client position."""
        where = self.to_svclint(position)
        mark = self.mark if where.line == 1 else 0
        return self.starts[where.line - 1] + where.column - 1 + mark

    def line_end(self, line: int) -> types.Position:
        """The end of a 1-based line, in client units (where a trailing comment goes)."""
        number = min(max(line - 1, 0), len(self.starts) - 1)
        return types.Position(line=number, character=code_units(self.line(number), self.encoding))

    def document_end(self) -> types.Position:
        last = len(self.starts) - 1
        return types.Position(line=last, character=code_units(self.line(last), self.encoding))
