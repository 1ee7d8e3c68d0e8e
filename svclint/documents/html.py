"""HTML: the visible text. Tags, scripts, styles and attributes are skipped;
block elements end sentences; headings (h1–h6) are kept as the unit's headings, as
Markdown's are; entities map back to their source span."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.parser import HTMLParser

from svclint.documents.unit import Document, Unit, UnitBuilder
from svclint.sourcemap import SourceFile

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "option", "button", "center",
}
HIDDEN_TAGS = {"script", "style", "head", "template", "noscript", "svg", "code"}
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "col", "colgroup", "data", "del", "dfn", "em",
    "font", "i", "img", "input", "ins", "kbd", "label", "link", "map", "mark", "meta", "picture", "q",
    "s", "samp", "select", "small", "source", "span", "strike", "strong", "sub", "sup", "textarea", "time",
    "title", "tt", "u", "var", "wbr", "area", "base", "caption", "details", "summary", "dialog", "iframe",
    "object", "embed", "video", "audio", "canvas", "output", "progress", "meter", "nobr", "o:p",
}
KNOWN_TAGS = BLOCK_TAGS | HIDDEN_TAGS | INLINE_TAGS
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# Template comments, which the template engine drops before any HTML is read, so that they may
# hold markup: "{{-- <a href="{{ route('shop') }}">Shop</a> --}}", "{# <p>Old note</p> #}"; so are
# ASP.NET's comments and page directives ('<%@ Page Inherits="ViewPage<dynamic>" %>').
_TEMPLATE_COMMENTS = (("{{--", "--}}"), ("{{!--", "--}}"), ("{#", "#}"), ("<%@", "%>"), ("<%--", "--%>"))


def _hide_markup_in_template_comments(text: str) -> str:
    """`text` with the inside of each template comment that holds markup blanked (opener,
    closer, line breaks and length kept): the parser sees one comment in one piece of text,
    which the unit builder keeps as a statement, instead of its pieces between the tags."""
    spans = []
    for opener, closer in _TEMPLATE_COMMENTS:
        position = 0
        while (start := text.find(opener, position)) != -1:  # one find per comment: linear
            if text[start - 1:start] == "{":  # Handlebars' "{{#if": a block, not a comment
                position = start + len(opener)
                continue
            end = text.find(closer, start + len(opener))
            if end == -1:
                break
            position = end + len(closer)
            if "<" in text[start:position]:
                spans.append((start, position, len(opener), len(closer)))
    taken = 0
    pieces = []
    for start, end, open_length, close_length in sorted(spans):
        if start < taken:  # inside a comment already blanked
            continue
        inside = re.sub(r"[^\n]", " ", text[start + open_length:end - close_length])
        pieces += [text[taken:start + open_length], inside]
        taken = end - close_length
    return "".join(pieces) + text[taken:]


# Tags of code that writes into the page: PHP's, Blade's echoes and a JavaScript template literal's expressions, whose
# string literals may hold the markup they print (`{!! $x ? ' ext <b>' . $x . '</b>' : '' !!}`, `${text.replace(/\n/g,
# '<br>')}`).
# In a PHP tag both angles go (the parser ends the tag at the first ">"); in the others only a "<" that would open
# markup, so that "{{> header}}" stays a Handlebars partial and "{{ a > b }}" an expression.
_PHP_ANGLES = re.compile(r"[<>]")
_MARKUP_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
_CODE_TAGS = ((re.compile(r"<\?(?:php|=)"), "?>", _PHP_ANGLES), (re.compile(r"\{!!"), "!!}", _MARKUP_OPENER),
              (re.compile(r"\{\{"), "}}", _MARKUP_OPENER), (re.compile(r"\$\{"), "}", _MARKUP_OPENER))


def _hide_angles_in_code_tags(text: str) -> str:
    """`text` with the angles inside a PHP or Blade tag or a `${…}` blanked (length kept; see _CODE_TAGS): the parser
    ends a processing instruction at the first ">" and opens an element at "<b>", so "<?php echo
    $usuario->getNombre(); ?>", "array('title' => $title)" or "{!! '<b>' . $x . '</b>' !!}" would
    leave pieces of the tag in the prose. For each kind of tag, one find for each opener and
    closer, each search starting where the last tag ended: linear, and an unclosed tag is left
    as it is."""
    for opener_pattern, closer, angles in _CODE_TAGS:
        pieces, taken, position = [], 0, 0
        while opener := opener_pattern.search(text, position):
            start = opener.end()
            end = text.find(closer, start)
            if end == -1:
                break
            pieces += [text[taken:start], angles.sub(" ", text[start:end])]
            taken = position = end
        text = "".join(pieces) + text[taken:]
    return text


class _VisibleText(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.builder = UnitBuilder()
        self._newlines = [0] + [m.end() for m in re.finditer("\n", text)]
        self._hidden: list[str] = []
        self._heading_start: int | None = None  # where the open <h1>…<h6> began in the unit's text
        self._text = text
        # Visible text the parser has handed over in pieces that touch: it splits at a "<"
        # that opens no tag, so "<%= name %>" comes as "<" and "%= name %>", and a template
        # tag is only recognised in one piece.
        self._pending: list[str] = []
        self._pending_start = self._pending_end = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._newlines[line - 1] + column

    def _add_text(self, text: str, start: int) -> None:
        if self._pending and start != self._pending_end:
            self.flush()
        if not self._pending:
            self._pending_start = start
        self._pending.append(text)
        self._pending_end = start + len(text)

    def flush(self) -> None:
        """Hand the visible text gathered so far to the builder, in one piece."""
        if self._pending:
            self.builder.add("".join(self._pending), self._pending_start)
            self._pending = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.flush()
        if tag not in KNOWN_TAGS:  # "<nombre del cliente>": a drafting leftover, not markup
            self._add_literal_tag()
        elif tag in HIDDEN_TAGS:
            self._hidden.append(tag)
        elif tag == "br":
            self.builder.add_replaced("\n", self._offset(), self._offset())
        elif tag in BLOCK_TAGS:
            self.builder.add_break()
            if tag in HEADING_TAGS:
                self._heading_start = self.builder.text.length

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.flush()
        if tag not in KNOWN_TAGS:
            self._add_literal_tag()
        elif tag == "br":
            self.builder.add_replaced("\n", self._offset(), self._offset())
        elif tag in BLOCK_TAGS:
            self.builder.add_break()

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        if tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass
        elif tag in BLOCK_TAGS:
            if tag in HEADING_TAGS and self._heading_start is not None:
                # a heading is its own sentence, and its capitals are a title's, not a raised voice (CLR007)
                self.builder.headings.append((self._heading_start, self.builder.text.length))
                self._heading_start = None
            self.builder.add_break()

    def _add_literal_tag(self) -> None:
        if not self._hidden:
            self.builder.add(self.get_starttag_text() or "", self._offset())

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._add_text(data, self._offset())

    def handle_pi(self, data: str) -> None:
        """A PHP tag is template syntax, handed on whole for the unit builder to read (a value
        it writes, or a statement); any other processing instruction ("<?xml …?>") is dropped."""
        if not self._hidden and data.startswith(("php", "=")):
            self._add_text(f"<?{data}>", self._offset())

    def handle_entityref(self, name: str) -> None:
        self._add_reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._add_reference(f"&#{name};")

    def _add_reference(self, raw: str) -> None:
        if self._hidden:
            return
        self.flush()
        start = self._offset()
        if not self._text.startswith(raw, start):
            raw = raw[:-1]  # written without its closing semicolon
        self.builder.add_replaced(html.unescape(raw).replace("\xa0", " "), start, start + len(raw))


    def finish_unclosed_markup(self) -> tuple[int, str] | None:
        """After feed(): read what the parser left at markup that never closes, so
        that close() has nothing to retry; return a problem (offset, message) when
        the rest of the file is dropped.

        An unpatched html.parser (before the CVE-2025-6069 fix) looks for the end of
        such markup again from each later opener at close(): quadratic. Browsers,
        and patched parsers, read an unclosed comment, declaration or end tag to the
        end of the file, so the rest is dropped, whatever the interpreter. A start
        tag with no ">" after it stays text, as it always was here ("<nombre del
        cliente" is a drafting leftover), but it is read once."""
        rest = self.rawdata
        if self.cdata_elem or len(rest) < 2 or not rest.startswith("<"):
            return None  # nothing, a lone "<" (text), an entity, or an unclosed script's code
        what = next(name for opener, name in _UNCLOSED if rest.startswith(opener))
        start = len(self._text) - len(rest)
        if what == "tag":
            if ">" not in rest:
                self.rawdata = ""
                if not self._hidden:
                    self._add_text(rest, start)
            return None
        self.rawdata = ""
        return start, f"unclosed HTML {what} runs to the end of the file; the rest is not linted"


# What the parser can be left in at the end of the file, by how it opens.
_UNCLOSED = (("<!--", "comment"), ("<![CDATA[", "CDATA section"), ("</", "end tag"),
             ("<?", "processing instruction"), ("<!", "declaration"), ("<", "tag"))


def read_html(source: SourceFile) -> Document:
    text = _hide_angles_in_code_tags(_hide_markup_in_template_comments(source.text))
    parser = _VisibleText(text)
    try:
        parser.feed(text)
        unclosed = parser.finish_unclosed_markup()
        parser.close()
        parser.flush()
    except (AssertionError, ValueError) as error:  # very broken markup: keep what was read
        parser.flush()
        unit = _as_written(parser.builder.build(), source)
        return Document(source, [unit], problems=[(0, f"malformed HTML: {error}")])
    unit = _as_written(parser.builder.build(), source)
    return Document(source, [unit], unit.kind_hint, problems=[unclosed] if unclosed else [])


def _as_written(unit: Unit, source: SourceFile) -> Unit:
    """The unit with each template statement and placeholder as the source writes it (a comment
    that held markup, or a tag whose angles were blanked, was read blanked)."""
    unit.statements = [replace(statement, raw=source.text[statement.src_start:statement.src_end])
                       for statement in unit.statements]
    for offset, placeholder in unit.placeholders.items():
        start, end = unit.text.source_span(offset, offset + 1)
        unit.placeholders[offset] = replace(placeholder, raw=source.text[start:end])
    return unit
