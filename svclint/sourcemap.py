"""Map text extracted from a file back to lines and columns of the original.

Readers build a `MappedText` piece by piece: verbatim pieces keep a one-to-one
character mapping, replaced pieces (entities, masked placeholders, YAML escapes)
map as a whole to the source range they stand for.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from svclint.model import Position

_NEWLINE = re.compile(r"\r\n|\r|\n")


class SourceFile:
    """The decoded original file, with a line index for offset → position."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and column (clamped to the file)."""
        line = max(1, min(line, len(self._line_starts)))
        return min(len(self.text), self._line_starts[line - 1] + column - 1)


@dataclass
class _Piece:
    start: int  # offset in the extracted text
    end: int
    src_start: int
    src_end: int
    verbatim: bool


@dataclass
class MappedText:
    """Extracted text plus the source offsets of each of its pieces."""

    parts: list[str] = field(default_factory=list)
    pieces: list[_Piece] = field(default_factory=list)
    length: int = 0
    _starts: list[int] = field(default_factory=list)

    def add(self, text: str, src_start: int) -> None:
        """Append text copied character for character from `src_start`."""
        self._append(text, src_start, src_start + len(text), True)

    def add_replaced(self, text: str, src_start: int, src_end: int) -> None:
        """Append text that stands for the whole source range [src_start, src_end)."""
        self._append(text, src_start, src_end, False)

    def add_break(self, text: str = "\n\n") -> None:
        """Append a separator that exists in no source position (block boundaries)."""
        src = self.pieces[-1].src_end if self.pieces else 0
        self._append(text, src, src, False)

    def _append(self, text: str, src_start: int, src_end: int, verbatim: bool) -> None:
        if not text:
            return
        self.parts.append(text)
        self.pieces.append(_Piece(self.length, self.length + len(text), src_start, src_end, verbatim))
        self._starts.append(self.length)
        self.length += len(text)

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [start, end) for the extracted range [start, end)."""
        if not self.pieces:
            return 0, 0
        first = self._piece_at(start)
        last = self._piece_at(max(start, end - 1))
        src_start = first.src_start + (start - first.start if first.verbatim else 0)
        src_end = last.src_start + (end - last.start) if last.verbatim else last.src_end
        return src_start, max(src_start, src_end)

    def _piece_at(self, offset: int) -> _Piece:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.pieces[max(0, index)]

