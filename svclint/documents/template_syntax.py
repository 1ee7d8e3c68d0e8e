"""One left-to-right scanner of template syntax: what a `{` starts.

Template languages write their tags with braces: Jinja, Twig, Nunjucks, Liquid
and Django `{{ x }}`, `{% tag %}`, `{# comment #}`; Handlebars and Mustache
`{{ x }}`, `{{{ raw }}}`, `{{#if}}…{{/if}}`, `{{> partial}}`, `{{! note }}`;
Java MessageFormat, ICU and Python str.format `{0}`, `{0,number}`, `{name}`,
`{count, plural, one {# item} other {# items}}`; Smarty and Text::Template `{$x}`,
`{if $x}…{/if}`; Fluent `{ $x }` and `{ -term }`; Blade's `{{-- comment --}}` and
`{!! raw !!}`. `scan_brace` reads the tag that
starts at one `{` and says where it ends, or that it is broken (no tag ends
there: its braces stay in the text, where TPL001 finds them).

Every search is linear in the text: an expression `{{ … }}` is read up to its
end, a single `}`, a blank line or the next two-character opener, so no
character is read by two expressions; the closers of statements and comments
are found by `Closers`, which never searches the same stretch twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sigils that make a Handlebars/Mustache tag a statement, not output: blocks
# (#, /, ^ inverse, #> partial block, #* decorator), partials (>) and comments (!).
_HANDLEBARS_SIGILS = "#/^>!"
# Whitespace control: Jinja "{{- x -}}", Handlebars "{{~ x ~}}".
_TRIM = "-~ \t\n"
_TRIPLE = re.compile(r"\{\{\{~?([^{}]*+)~?\}\}\}")
# A single-brace argument: a name (with a helper's "@": "{@FIRST_NAME}") or an index, optionally a type and style after
# "," (MessageFormat, ICU, with ICU's nested {…} messages) or a format after ":"
# (str.format, .NET); or str.format's field numbered by its place, "{}" or "{:.2f}". Each repeat
# takes characters no other can take.
_SINGLE = re.compile(r"\{(?:\s*+(\d++|@?[A-Za-z_][\w.\-]*+)\s*+(?:[,:](?:[^{}\n]++|\{[^{}\n]*+\})*+)?|(?::[^{}\s]{1,20}+)?)\}(?!\})")
# A Python f-string's expression: a name with its calls, indexes and attributes, as a bot's prompt
# writes it ("{destination.split('(')[0].strip()}", "{reason.lower()}").
_CALL_ARGUMENTS = r"\((?:'[^'\n]{0,20}'|\"[^\"\n]{0,20}\"|[^()'\"{}\n]){0,40}\)"
_F_EXPRESSION = re.compile(rf"\{{([A-Za-z_][\w.]*+(?:{_CALL_ARGUMENTS}|\[[^\[\]{{}}\n]{{0,20}}\]|\.[A-Za-z_]\w*)+)\}}(?!\}})")
# A name of two to four words that a mail-merge tool or an application fills in ("{first name}",
# "{Crew Member Name}", «{nombre cliente}»): a placeholder, closed as it should be. A phrase of
# prose in braces is a blank left for the writer instead (see _PROSE_SLOT).
_SPACED_NAME = re.compile(r"\{([^\W\d_][^\W_]*+(?: [^\W_]++){1,3}+)\}(?!\})")
# Smarty (WHMCS, PrestaShop) and Perl's Text::Template (Request Tracker) write a variable as
# "{$client_name}", "{$Ticket->Subject()}", "{ $ticket.id|escape }", and Smarty steers with
# "{if $paid}", "{else}", "{/if}", "{foreach $items as $item}", and calls its plugins by name with
# named attributes; templates extend a layout and fill its blocks ("{extends file=…}", "{block name=…}…{/block}").
# Text::Template also runs a method ("{RT->Config->Get('WebURL')}") and reads a hash ("{$ENV{'REMOTE_ADDR'}}").
_SMARTY = re.compile(r"\{\s?(?:(?P<variable>(?:\$[A-Za-z_]|[A-Z]\w*->)(?:[^{}\n]|\{[^{}\n]{0,40}\}){0,100}+)|"
                     r"/?(?:if|elseif|else|foreach|foreachelse|section|sectionelse|capture|literal|assign|include|"
                     r"block|extends|strip|function|call|while|for|nocache|append|break|continue|ldelim|rdelim)\b"
                     r"[^{}\n]{0,100}+|"
                     # any block closed by its name: "{/block}", "{/strip}", a plugin's "{/form}"
                     r"/[a-z_]\w{0,40}+|"
                     # a plugin called with named attributes: "{formatdate date=$StartDate key=email}",
                     # "{link controller=user action=index}"
                     r"[a-z_]\w{0,40}+(?:\s++[a-z_]\w{0,40}+=(?:\"[^\"\n{}]{0,100}+\"|'[^'\n{}]{0,100}+'|[^\s{}]{1,100}+)){1,10}+\s?)\}")
# Fluent (Mozilla's localisation format) names a term: "{ -brand-name }"; its variables are "{ $url }".
_FLUENT_TERM = re.compile(r"\{ ?-[A-Za-z][\w-]{0,60}+(?:\.[\w-]{1,30}+)? ?\}")
# Blade's unescaped output: "{!! $user !!}".
_BLADE_RAW = re.compile(r"\{!!\s*+([^{}\n!]{1,200}+)\s*+!!\}")
_OPENERS = ("{{", "{%", "{#")
# What can end or nest an expression: braces, and a blank line.
_EXPRESSION_STOP = re.compile(r"[{}]|\n\n")
# Braces around a phrase of prose are a blank left for the writer ("{Short explanation of the
# policy, in plain English}", "{{the community forum and/or documentation}}"), not an expression:
# four words or more, one of them a small word of prose, and nothing that only code writes
# (sigils, quotes, calls, filters, attribute access, "x if y else z"); or the writer's "X" before
# what it stands for ("{X timeframe}", "{XX days}").
_PROSE_SLOT = re.compile(r"\{\{?(?P<inner>[^{}\n]{5,200}+)\}\}?")
_X_SLOT = re.compile(r"\s*X{1,3}(?: [a-z]+){1,3}\s*")
_CODE_MARKS = re.compile(r"[$|()\[\]=<>\"'_%@#*~+`\\^!&]|\w\.\w")
_PROSE_WORDS = frozenset({"the", "a", "an", "of", "or", "and", "in", "for", "to", "your", "our", "with", "on", "about",
                          "el", "la", "los", "las", "de", "del", "y", "o", "en", "para", "con", "su", "tu", "un",
                          "una", "sobre"})


def _is_prose_slot(inner: str) -> bool:
    """Whether the inside of a pair of braces is a phrase of prose (see _PROSE_SLOT)."""
    words = set(re.findall(r"[^\W\d_]+", inner.lower()))
    return bool(_X_SLOT.fullmatch(inner)) or (len(inner.split()) >= 4 and not _CODE_MARKS.search(inner)
                                              and bool(words & _PROSE_WORDS) and not {"if", "else"} <= words)


def prose_slots(text: str) -> list[tuple[int, int]]:
    """The spans of the phrases of prose left in braces in a unit's text (see _PROSE_SLOT): the
    scanner leaves them as text, TPL003 reports them, and neither TPL001 nor TPL004 reads them
    as tags."""
    if "{" not in text:
        return []
    return [match.span() for match in _PROSE_SLOT.finditer(text) if _is_prose_slot(match["inner"])]


def without_prose_slots(text: str) -> str:
    """`text` with its phrases of prose in braces left out."""
    kept, position = [], 0
    for start, end in prose_slots(text):
        kept.append(text[position:start])
        position = end
    return "".join(kept) + text[position:]


@dataclass(frozen=True)
class Tag:
    end: int  # offset just past the tag
    kind: str  # "placeholder" (output) or "statement" (control tag or comment)
    family: str  # the syntax that wrote it (see templates.DIALECTS)
    name: str = ""  # a placeholder's expression, e.g. "customer.first_name | upper"


class Closers:
    """Where the next occurrence of a closer is, for positions that only move forward."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, tuple[int, int]] = {}  # closer -> (searched from, found at or -1)

    def next(self, closer: str, start: int) -> int:
        searched_from, found = self._found.get(closer, (len(self._text) + 1, -1))
        if searched_from <= start and (found == -1 or found >= start):
            return found
        found = self._text.find(closer, start)
        self._found[closer] = (start, found)
        return found


def scan_brace(text: str, start: int, closers: Closers) -> Tag | None:
    """The template tag that starts at the "{" at `start`, or None when none does."""
    two = text[start : start + 2]
    if two == "{%":
        return _statement(text, start, "%}", "{%", closers, "jinja")
    if two == "{#":
        return _statement(text, start, "#}", None, closers, "jinja")
    if two == "{{":
        return _double(text, start, closers)
    if start and text[start - 1] == "{":  # the second brace of "{{" that did not make a tag
        return None
    if raw := _BLADE_RAW.match(text, start):
        return Tag(raw.end(), "placeholder", "curly", raw.group(1).strip())
    if term := _FLUENT_TERM.match(text, start):
        return Tag(term.end(), "placeholder", "fluent-term", term.group()[1:-1].strip())
    smarty = _SMARTY.match(text, start)  # before "{name}": Smarty's "{else}" steers, it names nothing
    if smarty:
        variable = smarty.group("variable")
        return Tag(smarty.end(), "placeholder", "dollar-brace", variable.strip()) if variable else \
            Tag(smarty.end(), "statement", "smarty")
    match = _SINGLE.match(text, start) or _F_EXPRESSION.match(text, start)
    if match:
        return Tag(match.end(), "placeholder", "single-brace", match.group(1) or "")
    spaced = _SPACED_NAME.match(text, start)
    if spaced and not _is_prose_slot(spaced.group(1)):
        return Tag(spaced.end(), "placeholder", "single-brace", spaced.group(1))
    return None


def _statement(text: str, start: int, closer: str, opener: str | None, closers: Closers, family: str) -> Tag | None:
    """A tag read up to `closer`; broken when it never comes, or when `opener` comes first."""
    end = closers.next(closer, start + 2)
    if end == -1:
        return None
    if opener is not None:
        again = closers.next(opener, start + 2)
        if again != -1 and again < end:
            return None
    return Tag(end + len(closer), "statement", family)


def _double(text: str, start: int, closers: Closers) -> Tag | None:
    triple = _TRIPLE.match(text, start)
    if triple:
        return Tag(triple.end(), "placeholder", "curly", triple.group(1).strip())
    if text.startswith(("{{!--", "{{--"), start):  # a Handlebars or Blade comment may hold "}}"
        end = closers.next("--}}", start + 4)
        return Tag(end + 4, "statement", "handlebars") if end != -1 else None
    end = _expression_end(text, start + 2)
    if end is None:
        return None
    inner = text[start + 2 : end - 2].strip(_TRIM)
    if _is_prose_slot(inner):  # a blank for the writer, which TPL003 reports
        return None
    if inner[:1] and inner[0] in _HANDLEBARS_SIGILS:
        return Tag(end, "statement", "handlebars")
    return Tag(end, "placeholder", "curly", inner)


def _expression_end(text: str, pos: int) -> int | None:
    """Just past the "}}" that ends the expression starting at `pos`: braces inside
    it nest ("default({})"); a lone "}" outside them, a blank line or another
    two-character opener means the expression was never closed."""
    depth = 0
    while stop := _EXPRESSION_STOP.search(text, pos):
        pos = stop.start()
        if stop.group() == "\n\n":
            return None
        if stop.group() == "{":
            if text.startswith(_OPENERS, pos):
                return None
            depth += 1
        elif depth:
            depth -= 1
        elif text.startswith("}}", pos):
            return pos + 2
        else:
            return None
        pos += 1
    return None
