"""E-mail messages (RFC 822/MIME): the subject and the text body, or the HTML
part when there is no text part.

Every character read maps back to the file: bodies sent as 7bit/8bit
character for character, quoted-printable ones through each =XX run, base64
ones to the 4-character group their bytes came from, encoded words of the
subject to the encoded word.

A fix is written into the file as UTF-8, so each piece says what the message
lets it hold (`_accepts`): nothing in a decoded body or encoded word, any text
where the message is (declared or already written) UTF-8 and may carry 8-bit
bytes, and ASCII alone elsewhere.
"""

from __future__ import annotations

import array
import binascii
import bisect
import codecs
import re
from collections.abc import Iterator
from functools import cache

from svclint.documents import mime
from svclint.documents.html import read_html
from svclint.documents.plain import add_line, iter_lines
from svclint.documents.unit import Document, Placeholder, Statement, Turn, Unit, UnitBuilder
from svclint.sourcemap import Accepts, MappedText, SourceFile

# A longer Subject is linted as written, without decoding its encoded words.
MAX_SUBJECT_CHARS = 16_384

_ENCODED_WORD = re.compile(r"=\?([^?\s]*)\?([QqBb])\?([^?\s]*)\?=")
_QP_ESCAPE = re.compile(r"=(?:([0-9A-Fa-f]{2})|[ \t]*(?:\r\n|\r|\n|$))")
_BASE64 = re.compile(r"[A-Za-z0-9+/=]+")
_AS_WRITTEN = ("", "7bit", "8bit", "binary")
_EIGHT_BIT = ("8bit", "binary")

# A decoded body comes in runs: text copied as written (str) at its offset, or
# bytes that stand for the encoded range [start, end).
Run = tuple[str | bytes, int, int]


def read_eml(source: SourceFile) -> Document:
    text = source.text
    message = mime.read_part(text, 0, len(text))
    builder = UnitBuilder()
    problems: list[tuple[int, str]] = []
    _add_subject(builder, text, message, problems)
    found = mime.find_body(text, message)
    problems += found.problems
    if found.part is not None:
        body = _decoded_body(text, found.part, problems)
        if body is not None:
            with builder.text.accepting(_body_accepts(text, found.part)):
                _append_body(builder, source.path, body, found.part.content_type(text)[1] == "html")
    return Document(source, [builder.build(kind_hint="email")], "email", problems)


# ---- subject -----------------------------------------------------------------------------

def _add_subject(builder: UnitBuilder, text: str, message: mime.Part, problems: list[tuple[int, str]]) -> None:
    """The Subject header's value: folds removed, encoded words decoded (each mapped
    to itself), the rest copied as written."""
    if "subject" not in message.headers:
        return
    start, end = _stripped(text, *message.headers["subject"])
    if start == end:
        return
    words = _ENCODED_WORD.finditer(text, start, end)
    if end - start > MAX_SUBJECT_CHARS:
        problems.append((start, f"Subject header is {end - start:,} characters, over {MAX_SUBJECT_CHARS:,}; "
                                "linted as written, encoded words not decoded"))
        words = iter(())
    with builder.text.accepting(_accepts(text[start:end], "", eight_bit=False)):  # a header has no charset
        _add_subject_words(builder, text, start, end, words)
    builder.add_break()


def _add_subject_words(builder: UnitBuilder, text: str, start: int, end: int, words: Iterator[re.Match]) -> None:
    """The subject's text as written, each decodable encoded word replaced by its text."""
    at, after_word = start, False
    for word in words:
        decoded = _decode_word(*word.groups())
        if decoded is None:  # not decodable: it stays text as written
            continue
        if not after_word or text[at : word.start()].strip():  # blanks between encoded words are dropped
            _add_unfolded(builder, text, at, word.start())
        with builder.text.accepting(Accepts.NOTHING):
            builder.add_replaced(decoded, word.start(), word.end())
        at, after_word = word.end(), True
    _add_unfolded(builder, text, at, end)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without the blanks and folds around it."""
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return start, end


def _add_unfolded(builder: UnitBuilder, text: str, start: int, end: int) -> None:
    """Header text as written, each folded line where it stands, the line breaks left out."""
    at = start
    for fold in mime.FOLD.finditer(text, start, end):
        builder.add(text[at : fold.start()], at)
        at = fold.end()
    builder.add(text[at:end], at)


def _decode_word(charset: str, encoding: str, data: str) -> str | None:
    """An RFC 2047 encoded word's text, or None when it cannot be decoded."""
    try:
        if encoding in "Qq":
            raw = binascii.a2b_qp(data.replace("_", " ").encode("ascii"))
        else:
            raw = binascii.a2b_base64(data.encode("ascii") + b"=" * (-len(data) % 4), strict_mode=True)
        return raw.decode(mime.text_codec(charset.partition("*")[0]) or "utf-8")
    except (ValueError, binascii.Error):
        return None


# ---- what a fix may write -------------------------------------------------------------------

def _body_accepts(text: str, part: mime.Part) -> Accepts:
    """What a fix may write into the part's body: nothing once the body is decoded
    (quoted-printable, base64), else what its charset and transfer encoding allow."""
    encoding = part.value(text, "content-transfer-encoding").lower()
    if encoding not in _AS_WRITTEN:
        return Accepts.NOTHING
    charset = part.content_type(text)[2].get("charset", "")
    return _accepts(text[part.body_start : part.end], charset, eight_bit=encoding in _EIGHT_BIT)


def _accepts(written: str, charset: str, eight_bit: bool) -> Accepts:
    """What UTF-8 text may go into `written`, sent as it is in the file: any text where
    the message is UTF-8 and may carry 8-bit bytes (declared so, or already written
    so with no other charset declared), ASCII where the charset agrees with ASCII
    (us-ascii, the default; iso-8859-1), else nothing."""
    codec = mime.text_codec(charset or "us-ascii")
    if codec is None or not _agrees_with_ascii(codec):
        return Accepts.NOTHING
    if codec == "utf-8" and eight_bit:
        return Accepts.ANY
    if not written.isascii() and (codec == "utf-8" or not charset):
        return Accepts.ANY  # more UTF-8 in text that already holds it changes nothing in kind
    return Accepts.ASCII


@cache
def _agrees_with_ascii(codec: str) -> bool:
    """Whether the codec reads every ASCII byte as that ASCII character wherever it
    stands (not UTF-16, UTF-7, EBCDIC; nor ISO-2022 or HZ, which read them otherwise
    after a shift sequence)."""
    if codec.startswith("iso2022") or codec == "hz":
        return False
    ascii_bytes = bytes(range(128))
    try:
        return ascii_bytes.decode(codec) == ascii_bytes.decode("ascii")
    except (UnicodeError, LookupError):
        return False


# ---- body --------------------------------------------------------------------------------

def _decoded_body(text: str, part: mime.Part, problems: list[tuple[int, str]]) -> MappedText | None:
    """The part's body as text mapped to the file, or None (with a problem) when it cannot be read."""
    start, end = part.body_start, part.end
    encoding = part.value(text, "content-transfer-encoding").lower()
    body = MappedText()
    if encoding in _AS_WRITTEN:  # the file was read as UTF-8: the body is its own characters
        body.add(text[start:end], start)
        return body
    if encoding not in _DECODERS:
        problems.append((start, f"unsupported Content-Transfer-Encoding {encoding!r}; body not linted"))
        return None
    runs = list(_DECODERS[encoding](text, start, end))
    charset = part.content_type(text)[2].get("charset", "")
    codec = _body_codec(charset, runs)
    if codec is None:
        problems.append((start, f"unknown charset {charset!r} and the body is not UTF-8; body not linted"))
        return None
    try:
        _decode_runs(body, runs, codec)
    except UnicodeError:  # a codec with no lenient mode, such as idna
        problems.append((start, f"body cannot be decoded as charset {charset!r}; body not linted"))
        return None
    return body


def _decode_runs(body: MappedText, runs: list[Run], codec: str) -> None:
    """Append the runs to `body`: text as written, bytes decoded with `codec`."""
    decoder = _RunDecoder(body, codec)
    for run, run_start, run_end in runs:
        if isinstance(run, str):
            decoder.finish()
            body.add(run, run_start)
        else:
            decoder.feed(run, run_start, run_end)
    decoder.finish()


def _quoted_printable(text: str, start: int, end: int) -> Iterator[Run]:
    """Literal text as written, one byte per =XX escape; soft line breaks vanish.
    A malformed escape ("=ZZ") stays as written."""
    at = start
    for escape in _QP_ESCAPE.finditer(text, start, end):
        if escape.start() > at:
            yield text[at : escape.start()], at, escape.start()
        if escape.group(1):
            yield bytes.fromhex(escape.group(1)), escape.start(), escape.end()
        at = escape.end()
    if at < end:
        yield text[at:end], at, end


def _base64(text: str, start: int, end: int) -> Iterator[Run]:
    """Each 4-character group's bytes with the group's range (line breaks and other
    characters outside the alphabet skipped; "=" ends a group, as padding does)."""
    where = array.array("q")  # file offset of each letter
    letters: list[str] = []
    for match in _BASE64.finditer(text, start, end):
        where.extend(range(match.start(), match.end()))
        letters.append(match.group())
    for chunk in re.finditer(r"[^=]+", "".join(letters)):
        size = len(chunk.group()) - (len(chunk.group()) % 4 == 1)  # a lone last letter holds no byte
        data = binascii.a2b_base64(chunk.group()[:size] + "=" * (-size % 4))
        for group in range(0, size, 4):
            first, last = chunk.start() + group, chunk.start() + min(group + 4, size) - 1
            yield data[group // 4 * 3 : group // 4 * 3 + 3], where[first], where[last] + 1


_DECODERS = {"quoted-printable": _quoted_printable, "base64": _base64}


def _body_codec(charset: str, runs: list[Run]) -> str | None:
    """The codec for the decoded bytes: the declared charset when Python knows it and
    it is not plain ASCII; else UTF-8 when the bytes are valid UTF-8 (templates often
    leave the charset out, or make it a placeholder); else ASCII when the body
    declares (or defaults to) it; else None."""
    codec = mime.text_codec(charset or "us-ascii")
    if codec not in (None, "ascii"):
        return codec
    try:
        b"".join(run for run, _, _ in runs if isinstance(run, bytes)).decode("utf-8")
    except UnicodeDecodeError:
        return codec
    return "utf-8"


class _RunDecoder:
    """Decodes bytes fed run by run into `out`; each character maps to the runs its bytes came from."""

    def __init__(self, out: MappedText, codec: str):
        self._out = out
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        self._pending: tuple[int, int] | None = None  # source range of bytes fed but not yet decoded

    def feed(self, data: bytes, start: int, end: int, final: bool = False) -> None:
        chars = self._decoder.decode(data, final)
        begun = self._pending[0] if self._pending else start
        if chars:  # the first character may have begun in earlier runs; the others lie in this one
            self._out.add_replaced(chars[:1] if begun != start else chars, begun, end)
            if begun != start:
                self._out.add_replaced(chars[1:], start, end)
        buffered = self._decoder.getstate()[0]
        self._pending = ((start if chars else begun), end) if buffered else None

    def finish(self) -> None:
        """Decode what is left (a truncated sequence becomes U+FFFD) before text as written."""
        if self._pending:
            self.feed(b"", *self._pending, final=True)
        self._decoder.reset()


def _append_body(builder: UnitBuilder, path: str, body: MappedText, html: bool) -> None:
    """Read the decoded body as HTML or as plain lines, then append it to the
    builder with every offset carried through the body's map to the file."""
    if html:
        unit = read_html(SourceFile(path, body.text)).units[0]
    else:
        inner = UnitBuilder()
        for offset, line in iter_lines(body.text):
            add_line(inner, line, offset)
        unit = inner.build()
    _append_mapped(builder, unit, body)


def _append_mapped(builder: UnitBuilder, unit: Unit, body: MappedText) -> None:
    """Append a unit read from the decoded body, moving its placeholders, statements,
    turns and headings along and mapping its pieces through `body`."""
    base = builder.text.length
    for key, placeholder in unit.placeholders.items():
        builder.placeholders[base + key] = Placeholder(base + key, placeholder.name, placeholder.raw, placeholder.family)
    builder.statements += [Statement(base + s.start, s.raw, *_through(body, s.src_start, s.src_end))
                           for s in unit.statements]
    builder.turns += [Turn(base + t.start, base + t.end, t.role) for t in unit.turns]
    builder.headings += [(base + start, base + end) for start, end in unit.headings]
    starts = [piece.start for piece in body.pieces]
    text = unit.text.text
    for piece in unit.text.pieces:
        chunk = text[piece.start : piece.end]
        if piece.verbatim:
            _add_verbatim(builder.text, chunk, piece.src_start, body, starts)
        else:
            builder.text.add_replaced(chunk, *_through(body, piece.src_start, piece.src_end))


def _through(body: MappedText, start: int, end: int) -> tuple[int, int]:
    """The file range of the decoded range [start, end); an empty one stays empty."""
    if end > start:
        return body.source_span(start, end)
    at = body.source_span(start, start)[0]
    return at, at


def _add_verbatim(out: MappedText, chunk: str, at: int, body: MappedText, starts: list[int]) -> None:
    """Append decoded characters copied from body offset `at`: verbatim where the body
    holds them as written, else standing for the encoded runs they came from."""
    index = bisect.bisect_right(starts, at) - 1
    done = 0
    while done < len(chunk):
        piece = body.pieces[index]
        size = min(len(chunk) - done, piece.end - (at + done))
        if piece.verbatim:
            out.add(chunk[done : done + size], piece.src_start + at + done - piece.start)
        else:
            out.add_replaced(chunk[done : done + size], piece.src_start, piece.src_end)
        done, index = done + size, index + 1
