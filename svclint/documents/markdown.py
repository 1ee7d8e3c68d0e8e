"""Markdown: prose only. Front matter, code, URLs and markup are skipped;
headings, list items and table cells are sentences of their own. Template tags
(`{{ x|filter }}`, `{% if %}`) are kept whole: their pipes and underscores are
not Markdown's."""

from __future__ import annotations

import re

from svclint.documents.plain import iter_lines
from svclint.documents.speakers import match_label
from svclint.documents.unit import Document, UnitBuilder
from svclint.sourcemap import SourceFile

_NOT_NEWLINE = re.compile(r"[^\n]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_BLOCK_PREFIX = re.compile(
    r"[ \t]{0,3}(?:>[ \t]?)*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?"
)
# Possessive: each blank run is followed by a character it cannot take, so a
# long run is read once (backtracking through it made these quadratic).
_RULE_LINE = re.compile(r"[ \t]{0,3}(?:[-*_][ \t]*+){3,}+\s*+$|[ \t]*+(?:\|[ \t]*+)?:?-{2,}")
# Inline pieces that are not prose, or whose markers are not prose.
_INLINE = re.compile(
    r"""(?P<tag>\{\{[^\n]{0,500}?\}\}|\{%[^\n]{0,500}?%\})  # a template tag: kept whole ("{{ x|e }}" is no cell)
      | (?<!`)(?P<code>`++).{1,2000}?(?P=code)  # inline code (from the start of a run)
      | !\[[^\]]{0,300}\]\([^)]{0,2000}\)       # image
      | \[(?P<label>[^\]]{0,300})\]\([^)]{0,2000}\)  # link: keep the label
      | \[(?P<ref>[^\]]{0,300})\]\[[^\]]{0,300}\]  # reference link
      | <(?:https?:|mailto:)[^<>]*+>            # autolink
      | </?(?:a|abbr|b|br|code|del|div|em|i|img|ins|kbd|mark|p|s|small|span|strong|sub|sup|u)\b[^<>\n]*+>  # inline HTML
      | (?P<escape>\\)[\\`*_{}\[\]()#+\-.!|]     # escaped character: keep the character
      | (?<![\w*])(?:\*{1,3}|_{1,3})(?=\S)     # opening emphasis
      | (?<=\S)(?:\*{1,3}|_{1,3})(?![\w*])     # closing emphasis
      | (?<![ \t])(?P<cell>[ \t]*+\|[ \t]*+)     # table cell border (from the start of the blanks)
    """,
    re.VERBOSE,
)


def read_markdown(source: SourceFile) -> Document:
    text = _blank_comments(source.text)
    builder = UnitBuilder()
    front = _FRONT_MATTER.match(text)
    fence: str | None = None
    previous_blank = True
    for offset, line in iter_lines(text, front.end() if front else 0):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        indented_code = previous_blank and line.startswith(("    ", "\t")) and stripped
        previous_blank = not stripped
        if indented_code or _RULE_LINE.match(line):
            builder.add_break()
            continue
        prefix = _BLOCK_PREFIX.match(line).end()
        if prefix and line[prefix - 1] in " \t":
            builder.add_break()  # a heading, list item or quote starts a sentence
        heading_start = builder.text.length
        _add_inline(builder, line[prefix:], offset + prefix)
        if line.lstrip(" >").startswith("#"):
            builder.headings.append((heading_start, builder.text.length))
    unit = builder.build()
    return Document(source, [unit], unit.kind_hint)


def _blank_comments(text: str) -> str:
    """Replace HTML comments by spaces so offsets stay put.

    A comment ends at the first "-->" after its "<!--". Once one has no end,
    no later one has either: the scan stops there rather than looking for an
    end from each of them (quadratic on a run of unclosed openers)."""
    parts, pos = [], 0
    while (start := text.find("<!--", pos)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        end += 3
        parts += [text[pos:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        pos = end
    return "".join(parts) + text[pos:]


def _add_inline(builder: UnitBuilder, line: str, offset: int) -> None:
    pieces = _LineCollector(offset)
    pos = 0
    for match in _INLINE.finditer(line):
        pieces.keep(line[pos : match.start()], pos)
        if match.group("tag") is not None:
            pieces.keep(match.group("tag"), match.start())
        elif match.group("label") is not None:
            pieces.keep(match.group("label"), match.start("label"))
        elif match.group("ref") is not None:
            pieces.keep(match.group("ref"), match.start("ref"))
        elif match.group("escape"):
            pieces.keep(line[match.end() - 1], match.end() - 1)
        elif match.group("cell") is not None:
            pieces.flush(builder, label_allowed=not pieces.parts)
            builder.add_break("\n")
        pos = match.end()
    pieces.keep(line[pos:], pos)
    pieces.flush(builder, label_allowed=True)


class _LineCollector:
    """Collects the prose pieces of one line so a speaker label can be read across them."""

    def __init__(self, offset: int):
        self.offset = offset
        self.parts: list[tuple[str, int]] = []

    def keep(self, text: str, pos: int) -> None:
        if text:
            self.parts.append((text, self.offset + pos))

    def flush(self, builder: UnitBuilder, label_allowed: bool) -> None:
        skip = 0
        if label_allowed:
            label = match_label("".join(text for text, _ in self.parts))
            if label:
                builder.start_turn(label[0])
                skip = label[1]
        for text, src in self.parts:
            cut = min(skip, len(text))
            skip -= cut
            builder.add(text[cut:], src + cut)
        self.parts.clear()
