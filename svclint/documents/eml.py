"""E-mail messages (RFC 822/MIME): the subject and the text body, or the HTML
part when there is no text part. Bodies sent as 7bit/8bit map back exactly."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from svclint.documents.html import read_html
from svclint.documents.plain import add_line, iter_lines
from svclint.documents.unit import Document, Placeholder, UnitBuilder
from svclint.sourcemap import SourceFile


def read_eml(source: SourceFile) -> Document:
    text = source.text
    # Parsed from bytes so that 8-bit bodies decode with their declared charset.
    message = email.message_from_bytes(text.encode("utf-8", "surrogatepass"), policy=email.policy.default)
    builder = UnitBuilder()
    _add_subject(builder, text, message)
    part = message.get_body(preferencelist=("plain", "html")) if isinstance(message, EmailMessage) else None
    if part is None:
        return Document(source, [builder.build(kind_hint="email")], "email")
    body = part.get_content() if part.get_content_maintype() == "text" else ""
    start = _locate(text, body, part)
    if part.get_content_subtype() == "html":
        inner = read_html(SourceFile(source.path, body)).units[0]
        _append_shifted(builder, inner, start)
    elif start is not None:
        for offset, line in iter_lines(body):
            add_line(builder, line, start + offset)
    else:
        builder.add_replaced(body, _body_start(text), len(text))
    return Document(source, [builder.build(kind_hint="email")], "email")


def _add_subject(builder: UnitBuilder, text: str, message) -> None:
    subject = str(message.get("Subject", "") or "").strip()
    if not subject:
        return
    for offset, line in iter_lines(text, 0, _body_start(text)):
        if line.lower().startswith("subject:"):
            value_at = offset + len("subject:")
            raw = line[len("subject:"):]
            lead = len(raw) - len(raw.lstrip())
            if raw.strip() == subject:
                builder.add(subject, value_at + lead)
            else:  # encoded words or folded lines: the whole header value stands for it
                builder.add_replaced(subject, value_at, offset + len(line.rstrip()))
            builder.add_break()
            return


def _body_start(text: str) -> int:
    for separator in ("\r\n\r\n", "\n\n"):
        index = text.find(separator)
        if index >= 0:
            return index + len(separator)
    return len(text)


def _locate(text: str, body: str, part) -> int | None:
    """Offset of the decoded body in the raw file, when it was sent verbatim."""
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).lower()
    if encoding not in ("7bit", "8bit", "binary") or not body.strip():
        return None
    lead = len(body) - len(body.lstrip("\n"))
    index = text.find(body.strip("\n"), _body_start(text))
    return index - lead if index >= 0 else None


def _append_shifted(builder: UnitBuilder, unit, start: int | None) -> None:
    """Append an HTML body read on its own, moving its mapping to where it sits in the file."""
    text = unit.text.text
    base = builder.text.length
    for key, placeholder in unit.placeholders.items():
        builder.placeholders[base + key] = Placeholder(base + key, placeholder.name, placeholder.raw)
    for piece in unit.text.pieces:
        chunk = text[piece.start : piece.end]
        if start is None:
            builder.add_replaced(chunk, 0, 0)
        elif piece.verbatim:
            builder.add(chunk, start + piece.src_start)
        else:
            builder.add_replaced(chunk, start + piece.src_start, start + piece.src_end)
