"""Map text extracted from a file back to lines and columns of the original.

Readers build a `MappedText` piece by piece: verbatim pieces keep a one-to-one
character mapping, replaced pieces (entities, masked placeholders, YAML escapes)
map as a whole to the source range they stand for.

The extracted text is what a reader sees, so that no rule can be evaded by
characters that show nothing: format characters (zero-width space and joiners,
soft hyphen, word joiner, bidi controls) are left out, and a letter written as
a base plus combining accents (NFD, as macOS writes) becomes the precomposed
letter. A finding over such a word still spans the original characters,
invisible ones inside it included.

Each piece also says what a fix may write over it (`Accepts`): a fix is written
as UTF-8 into the file, which is right for the file's own text but not for text
a reader decoded from another form (quoted-printable, base64, an encoded word)
or text in a container that declares another charset.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Position:
    """A place in the original file. Defined here, where positions are computed;
    svclint.model imports it for findings, so neither module imports the other back."""

    line: int  # 1-based
    column: int  # 1-based, in Unicode code points


class SourceFile:
    """The decoded original file, with a line index for offset → position."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        # An array, not a list: a list holds an int object per line (36 bytes, not 8).
        self._line_starts = array("q", [0])
        self._line_starts.extend(m.end() for m in _NEWLINE.finditer(text))

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def exact_offset(self, line: int, column: int) -> int | None:
        """Offset of a 1-based line and column that name a place in the text, else None
        (no clamping: what `position` gives back for the offset is this very pair)."""
        starts = self._line_starts
        if not 1 <= line <= len(starts) or column < 1:
            return None
        offset = starts[line - 1] + column - 1
        limit = starts[line] - 1 if line < len(starts) else len(self.text)
        return offset if offset <= limit else None

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and column (clamped to the file)."""
        line = max(1, min(line, len(self._line_starts)))
        return min(len(self.text), self._line_starts[line - 1] + column - 1)


class Accepts(IntEnum):
    """What a fix, written into the file as UTF-8, may put over a piece (ordered: less is stricter)."""

    NOTHING = 0  # decoded text, or a container whose charset disagrees with ASCII: any byte written would be wrong
    ASCII = 1  # a container declared in a charset that agrees with UTF-8 on ASCII only (us-ascii, iso-8859-1)
    ANY = 2  # the file's own UTF-8 text


@dataclass
class _Piece:
    start: int  # offset in the extracted text
    end: int
    src_start: int
    src_end: int
    verbatim: bool
    accepts: Accepts = Accepts.ANY


# Pieces of text kept apart before they are joined into one string: a file added line
# by line holds a few long strings, not a str object (about 60 bytes) per line (H16).
JOIN_EVERY = 4096


@dataclass
class MappedText:
    """Extracted text plus the source offsets of each of its pieces."""

    parts: list[str] = field(default_factory=list)  # the text: joined blocks, then the latest pieces
    pieces: list[_Piece] = field(default_factory=list)
    length: int = 0
    _starts: list[int] = field(default_factory=list)
    _accepts: Accepts = Accepts.ANY  # what the pieces appended now accept (see `accepting`)
    _blocks: int = 0  # how many of the parts are joined blocks

    @contextmanager
    def accepting(self, accepts: Accepts) -> Iterator[None]:
        """Pieces appended inside the block accept at most `accepts` (a reader's decoded text)."""
        outer, self._accepts = self._accepts, min(self._accepts, accepts)
        try:
            yield
        finally:
            self._accepts = outer

    def can_write(self, start: int, end: int, replacement: str) -> bool:
        """Whether every piece under the extracted range [start, end) accepts `replacement`."""
        if not self.pieces:
            return False
        first = bisect.bisect_right(self._starts, start) - 1
        last = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        least = min(piece.accepts for piece in self.pieces[max(0, first) : last + 1])
        return least == Accepts.ANY or (least == Accepts.ASCII and replacement.isascii())

    def add(self, text: str, src_start: int) -> None:
        """Append text copied from `src_start`: character for character, except that
        format characters are left out and accented letters composed (see above)."""
        pos = 0
        if not text.isascii():  # the fast path: ASCII has neither
            for match in _unseen().finditer(text):
                shown = _shown(match.group())
                if shown != match.group():  # a mark with no precomposed letter stays as written
                    self._append(text[pos : match.start()], src_start + pos, src_start + match.start(), True)
                    self._append(shown, src_start + match.start(), src_start + match.end(), False)
                    pos = match.end()
        self._append(text[pos:], src_start + pos, src_start + len(text), True)

    def add_replaced(self, text: str, src_start: int, src_end: int) -> None:
        """Append text that stands for the whole source range [src_start, src_end)."""
        self._append(text if text.isascii() else _shown(text), src_start, src_end, False)

    def add_break(self, text: str = "\n\n") -> None:
        """Append a separator that exists in no source position (block boundaries)."""
        src = self.pieces[-1].src_end if self.pieces else 0
        self._append(text, src, src, False)

    def _append(self, text: str, src_start: int, src_end: int, verbatim: bool) -> None:
        if not text:
            return
        self.parts.append(text)
        if len(self.parts) - self._blocks == JOIN_EVERY:
            self.parts[self._blocks:] = ["".join(self.parts[self._blocks:])]
            self._blocks += 1
        last = self.pieces[-1] if self.pieces else None
        if verbatim and last and last.verbatim and last.src_end == src_start and last.accepts == self._accepts:
            # Text that goes on where the last verbatim piece stopped extends it: a file
            # added line by line is one piece, not one object (and index entry) per line.
            last.end, last.src_end = last.end + len(text), src_end
        else:
            self.pieces.append(_Piece(self.length, self.length + len(text), src_start, src_end, verbatim, self._accepts))
            self._starts.append(self.length)
        self.length += len(text)

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
            self._blocks = 1
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


@cache
def _unseen() -> "regex.Pattern[str]":
    """A run of format characters (group 1), or a character followed by combining
    marks. Compiled on first use: the `regex` module knows the Unicode categories
    (a hand-kept list of code points would go stale) but costs start-up time, and
    a run whose files all come from the result cache never needs it."""
    import regex

    return regex.compile(r"(\p{Cf}+)|\P{M}\p{M}+")


def _shown(text: str) -> str:
    """Text as a reader sees it: without format characters, accents composed."""
    return unicodedata.normalize("NFC", _unseen().sub(_visible, text))


def _visible(match: "regex.Match[str]") -> str:
    return "" if match.group(1) else match.group()
