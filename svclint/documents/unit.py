"""Units of text to lint, and the builder readers use to make them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svclint.documents.template_syntax import Closers, Tag, scan_brace
from svclint.sourcemap import Accepts, MappedText, SourceFile

# One private-use character stands for each masked placeholder, so that the
# tokenizer sees one word that no rule pattern can match.
PLACEHOLDER_MARK = "\ue000"
# Likewise for a URL: one word, never prose.
URL_MARK = "\ue001"

# No two neighbouring quantifiers can take the same characters (names are
# stripped after the match, not by blanks around them), and the repeats that
# need no backtracking are possessive: a long unclosed "<%" is read once, not
# once per way to split its blanks. What a "{" starts is read by the template
# scanner (template_syntax), not by this pattern.
# A URL stops at a brace: "https://{{ domain }}/about" is a URL, a placeholder and a path, and the
# template scanner reads the placeholder (and a broken tag stays prose for TPL001).
_URL = r"""\b(?:https?://(?:[^\s<>"')\]{}]*[^\s<>"')\]{}.,;:!?])?|www\.[^\s<>"')\]{}]*[^\s<>"')\]{}.,;:!?])"""
_MASK = re.compile(
    r"""
      (?P<brace>\{)                                        # {{ x }}, {% tag %}, {0}: see scan_brace
    # ${x}, and a JavaScript template literal's expression: ${user.name.split(" ")[0]}, also with a literal of its
    # own inside: ${userName ? `${userName}, ` : ''}
    | (?P<expr>\$\{(?P<n3>(?:\$\{[^{}\n]{0,200}+\}|[^{}\n]){1,200}+)\}
      | %\{\s*+(?P<n4>[\w.\-]++)\s*+\}                      # %{x}
      # Ruby's interpolation in HAML, Slim and Pug views: "#{@member.name}", "#{link_to "here", url}"; a plain
      # "#{id}" is "#" before a "{id}" field (str.format's "Order #{id}"), read by the brace scanner
      | \#\{(?P<n15>[@"'][^{}\n]{0,200}+|[a-z_]\w*+[ (][^{}\n]{0,200}+)\}
      | %\((?P<n5>\w++)\)[-+\#0]*+\d*+(?:\.\d++)?[sdifrxXeEgGc] # %(x)s, %(x).2f
      # <%= x %>, <% if x %>: at most 1,000 inside and no other "<%", so that a run of
      # unclosed openers is read once
      | <%(?P<erb_output>=?+)\s*+(?P<n6>(?:[^%<]|%(?!>)|<(?!%)){0,1000}+)\s*+%>
      | \*\|(?P<n7>[A-Z0-9_]++(?::[^|\n]*+)?)\|\*             # *|X|*, *|IF:X|*
      | %%?+(?P<n8>[A-Za-z_][\w.]*+)%%?                      # %x%, %%x%% (HESK)
      | <<(?P<n12>[A-Za-z_][\w.]{0,60}+)>>                    # <<Client.PreferredName>>
      # PHP: "<?= $name ?>", "<?php echo $usuario->getNombre(); ?>" write; "<?php if ($x): ?>" steers
      | <\?(?P<php_output>=|php\s++(?:echo|print)\b)?+(?:php\b)?+\s*+(?P<n14>(?:[^?<]|\?(?!>)|<(?!\?)){0,1000}+)\?>
      # double square brackets around an expression, the delimiters of Smarty set up as in LiveCart and of other
      # engines: "[[user.fullName]]", "[[ config('STORE_NAME') ]]", "[[ partial("email/signature.tpl") ]]",
      # "[[order_id]]"; a plain word is a blank for the writer ("[[nombre]]", TPL003's), words a wiki link ("[[Main Page]]")
      | \[\[\s*+(?P<n16>[A-Za-z_]\w*+(?:\.\w++)++|[A-Za-z]*+_\w++|[A-Za-z_][\w.]*+\([^()\n]{0,200}+\))\s*+\]\]
      # a merge tag named in lower-case snake case in single brackets, as WordPress plugins write them:
      # "[first_name]", "[booking_url_for_user]"; a word ("[nombre]") or capitals ("[NAME_CLIENTE]") stay blanks
      | \[(?P<n17>[a-z][a-z0-9]*+(?:_[a-z0-9]++)++)\]
      # Perl's Template Toolkit: "[% report.name %]", "[% IF x %]", "[% INCLUDE footer %]"
      | \[%[-+~]?+\s*+(?P<n13>(?:[^%\n]|%(?!\])){0,500}+)%\]
      # Laravel's ":customer_name" after a blank or an opening mark, three characters or more
      # in lower case: not a time ("10:30"), a scheme ("https:") or a smiley (":D", ":p")
      | (?<![^\s(\["'«“¿¡]):(?P<n11>[a-z_][a-z0-9_]{2,40}+)(?![\w:])
      # printf: %s %d %1$s %.2f; never inside a word or a number ("20%d", "100%s")
      | (?<![\w%])(?P<n10>%(?:\d++\$)?[-+\#0]*+\d*+(?:\.\d++)?[sdif])(?![A-Za-z_])
      )
    # Blade's directives ("@extends('emails.layout')", "@if($reason)", "@endif"): a known word
    # after "@" and, for most, its arguments, which may run over lines ("@include('heading', [\n
    # 'level' => 'h1',\n])"); never an @handle, which names no directive. A
    # "@php … @endphp" block is code to its end ("$datos['nombre'] ?? '¡Hola!'" is no prose).
    | (?P<blade>(?<![\w@.])@(?:php\b(?!\s?\()(?:(?!@endphp\b).){0,5000}+@endphp\b|extends|section|endsection|yield|show|stop|parent|if|elseif|else|endif|unless|
        endunless|isset|endisset|empty|endempty|auth|endauth|guest|endguest|foreach|endforeach|forelse|endforelse|
        for|endfor|while|endwhile|switch|case|break|default|endswitch|include|includeIf|includeWhen|each|component|
        endcomponent|slot|endslot|push|endpush|stack|php|endphp|csrf|method|lang|choice|verbatim|endverbatim)
        \b(?:\s?\((?:[^()]|\([^()]{0,200}+\)){0,300}+\))?)
    # FreeMarker's comments and directives: "<#-- note -->", "<#if x??>", "</#list>", "<@layout.page>"
    | (?P<freemarker><\#--(?:[^-\n]|-(?!->)){0,1000}+-->|</?[\#@][A-Za-z][\w.]{0,40}+(?:[^<>\n]{0,300}+)?>)
    # A Markdown link in a chat string or a plain text ("please use our [Discord channel](https://…)"): its
    # label is prose, its address a link, and the brackets around them are neither
    | (?<![!\w\]])\[(?P<link_label>[^\[\]\n]{1,200}+)\]\((?P<link_url>(?:https?://|www\.)[^()\s]{1,2000}+)\)
    | (?P<url>""" + _URL + r""")
    # An e-mail address starts at the first letter or digit of its run of
    # address characters (unless a URL starts there): the run is read once,
    # not again from each word in it.
    | (?<![\w.+-])[.+-]*+(?!""" + _URL + r""")(?P<email>\w[\w.+-]*+@[\w-]++\.[\w.-]*\w)
    """,
    re.VERBOSE | re.DOTALL,
)
# The syntax family of each placeholder form, to tell when a file mixes them
# (which families may share a file: templates.DIALECTS).
FAMILIES = {"n3": "dollar", "n4": "percent-brace", "n5": "printf", "n6": "erb", "n7": "merge-tag",
            "n8": "percent", "n10": "printf", "n11": "colon", "n12": "double-angle", "n13": "template-toolkit",
            "n14": "php", "n15": "ruby", "n16": "double-bracket", "n17": "shortcode"}
# Template Toolkit's directives steer the message; anything else in "[% … %]" writes a value.
_TT_DIRECTIVE = re.compile(r"(?:IF|ELSIF|ELSE|END|UNLESS|FOREACH|FOR|WHILE|INCLUDE|PROCESS|INSERT|WRAPPER|BLOCK|SET|"
                           r"DEFAULT|CALL|FILTER|USE|MACRO|TRY|CATCH|FINAL|THROW|NEXT|LAST|RETURN|STOP|SWITCH|CASE|"
                           r"PERL|RAWPERL|TAGS|CLEAR|META|GET)\b|#")
# A translation call whose argument is the sentence itself: «<%= _('Your account has been
# deactivated.') %>», "{{ _('Thanks for your order') }}", "{{ __('Hello :name') }}", "{% trans
# 'Thank you' %}". The sentence is what the reader gets, so it is prose; the call around it is
# not. A key ('mail.greeting', "shop::app.welcome") has no blank and stays a placeholder.
# Rails apps that give each key its wording in the call write the sentence after the key: «<%= t :body,
# "Your login has been suspended." %>», «t('subject', 'Group Membership Rejected: %{name}')», «t('.intro',
# default: 'Welcome!')».
# A long sentence is often written as string literals joined across lines (Ruby's "a " \ "b", Python's
# "a " "b"), with escaped quotes inside ('doesn\'t').
_LITERAL = r"""(?:'(?:[^'\\\n]|\\.)*+'|"(?:[^"\\\n]|\\.)*+")"""
_TRANSLATED = re.compile(r"""(?:(?<![\w.])(?:_|__|s_|n_|N_|gettext|ugettext|pgettext|trans|loc|@lang)\(\s*+"""
                         r"""|\{%-?\s*+trans\s++|<%t\s++[\w.\\]++\s++"""
                         r"""|(?<![\w.])(?:I18n\.)?t(?:\(\s*+|\s++)(?::[\w.]++|'[\w.]++'|"[\w.]++")\s*+,\s*+(?:default:\s*+)?)"""
                         rf"""(?P<literals>{_LITERAL}(?:\s*+\\?\s*+{_LITERAL})*+)""")
_ONE_LITERAL = re.compile(_LITERAL)
_ESCAPE = re.compile(r"\\(.)")
# The family of placeholders inside a translated sentence: the translation library fills them, not
# the template language around it, so they never make a file mix two syntaxes.
TRANSLATED = "translated"
# Merge tags that steer the message (*|IF:X|*, *|ELSE:|*, *|END:IF|*) say nothing themselves.
_MERGE_CONTROL = re.compile(r"(?:IF|IFNOT|ELSEIF|ELSE|END|INTERESTED):")
# What every alternative of _MASK needs: a line with none of these holds no mask.
_MASK_HINT = re.compile(r"[{$%<*@]|\[\[|\[[a-z][a-z0-9]*_|https?://|www\.|(?<![^\s(\[\"'«“¿¡]):[a-z_]")


@dataclass(frozen=True)
class Placeholder:
    start: int  # offset of the mark in the unit text
    name: str  # the variable, e.g. "nombre" or "customer.first_name"
    raw: str
    family: str = "curly"  # which template syntax wrote it (see FAMILIES)


@dataclass(frozen=True)
class Statement:
    """A template control tag ({% if %}, {{#each}}, {# … #}): not text, but kept for TPL checks."""

    start: int  # unit offset where it stood
    raw: str
    src_start: int
    src_end: int


@dataclass(frozen=True)
class Turn:
    start: int
    end: int
    role: str  # "agent", "customer", or "note" (titles and stage directions)


@dataclass
class Unit:
    """One thing a reader says: an e-mail, a FAQ answer, a whole call script."""

    text: MappedText
    part: str = "body"
    turns: list[Turn] = field(default_factory=list)
    placeholders: dict[int, Placeholder] = field(default_factory=dict)
    kind_hint: str | None = None
    statements: list[Statement] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    translated: int = 0  # sentences a template's translation call wrote (see _TRANSLATED)

    def question_headings(self) -> list[tuple[int, int]]:
        """The headings that ask a question ("## ¿Cómo cambio la contraseña?"): an FAQ's, in the reader's voice."""
        text = self.text.text
        return [(start, end) for start, end in self.headings if text[start:end].rstrip().endswith("?")]

    def judged_ranges(self) -> list[tuple[int, int]]:
        """Ranges written by the organisation: every agent turn, or the whole text."""
        if not self.turns:
            return [(0, self.text.length)]
        return [(t.start, t.end) for t in self.turns if t.role == "agent"]


@dataclass
class Document:
    source: SourceFile
    units: list[Unit]
    kind_hint: str | None = None  # from the file's structure
    problems: list[tuple[int, str]] = field(default_factory=list)  # (offset, message)


# Comments that often run over several lines, and so over several pieces a
# reader adds one by one: opener -> closer.
_LONG_COMMENTS = {"{#": "#}", "{{!--": "--}}", "{{--": "--}}"}
# Blade's block of PHP code, held the same way when its lines come one by one.
_PHP_BLOCK = ("@php", "@endphp")
# An ERB tag whose "%>" is not in the text read so far: held the same way.
_ERB_OPENER, _ERB_CLOSER = "<%", "%>"


def _unclosed_erb(text: str) -> int:
    """Where the first "<%" with no "%>" after it stands in `text`, or -1. Only "<%" from one
    before the last "%>" on can lack one (a "%>" starting inside the opener does not close it);
    two plain finds keep "<%<%<%…%>" linear."""
    last_closer = text.rfind(_ERB_CLOSER)
    return text.find(_ERB_OPENER, max(last_closer - 1, 0))


@dataclass
class _OpenComment:
    """A template comment opened in one piece of text, whose closer may come in a later one."""

    closer: str
    src_start: int
    parts: list[str]
    accepts: Accepts  # what the text accepted where the comment opened
    length: int = 0
    tail: str = ""  # its last characters, where the closer may have begun

    def extend(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
        self.tail = (self.tail + text)[-(len(self.closer) - 1):]


class UnitBuilder:
    """Builds a unit's text from source slices, masking placeholders and URLs."""

    def __init__(self) -> None:
        self._text = MappedText()
        self.placeholders: dict[int, Placeholder] = {}
        self.turns: list[Turn] = []
        self.statements: list[Statement] = []
        self.headings: list[tuple[int, int]] = []
        self._role: str | None = None
        self._turn_start = 0
        self._comment: _OpenComment | None = None
        self._in_translation = False
        self._translated = 0

    @property
    def text(self) -> MappedText:
        """The text so far: a comment still waiting for its closer is prose from here on."""
        self._release_comment()
        return self._text

    def start_turn(self, role: str) -> None:
        """Close the current turn (if any) and open one spoken by `role`."""
        self._close_turn()
        self.add_break()
        self._role, self._turn_start = role, self._text.length

    def _close_turn(self) -> None:
        self._release_comment()  # a comment never closed in this turn is its prose
        if self._role is not None and self._text.length > self._turn_start:
            self.turns.append(Turn(self._turn_start, self._text.length, self._role))

    def add(self, text: str, src_start: int) -> None:
        """Append prose copied from the source at `src_start`."""
        # A carriage return is a line break, never part of a word (one character for one).
        text = text.replace("\r\n", " \n").replace("\r", "\n")
        if self._comment is not None:
            taken = self._continue_comment(text, src_start)
            text, src_start = text[taken:], src_start + taken
        if not _MASK_HINT.search(text):  # most lines: the full pattern costs a scan per word
            self._text.add(text, src_start)
            return
        self._add_scanned(text, src_start, hold_comments=True)

    def _add_scanned(self, text: str, src_start: int, hold_comments: bool) -> None:
        """Add text with its template tags, URLs and addresses masked. With
        `hold_comments`, a comment that does not close in `text` is held back, to
        be closed by the text that follows it in the source (see add)."""
        pos = search_from = 0
        closers = Closers(text)
        # an ERB tag that goes on over the next lines ("<%= _('…' \" … "%>"): held until its "%>"
        unclosed = _unclosed_erb(text) if hold_comments else -1
        limit = len(text) if unclosed == -1 else unclosed
        while match := _MASK.search(text, search_from, limit):
            start, end = match.span(match.lastgroup)  # an e-mail's leading dots stay prose
            tag = scan_brace(text, start, closers) if match.lastgroup == "brace" else None
            if match.lastgroup == "brace" and tag is None:
                opener = next((o for o in _LONG_COMMENTS if text.startswith(o, start)), None)
                if hold_comments and opener:  # broken here: its closer was in no later part of text
                    self._hold(text, pos, start, src_start, _LONG_COMMENTS[opener])
                    return
                search_from = start + 1  # a broken tag: its braces stay prose, for TPL001
                continue
            if match.lastgroup == "link_url":
                self._add_link(text, pos, match, src_start)
                pos = search_from = match.end()
                continue
            if hold_comments and match.lastgroup == "blade" and match.group() == _PHP_BLOCK[0]:
                self._hold(text, pos, start, src_start, _PHP_BLOCK[1])  # code up to a later "@endphp"
                return
            self._text.add(text[pos:start], src_start + pos)
            if tag:
                end = tag.end
            if not self._add_translated(text[start:end], src_start + start):  # else its sentence is prose now
                if tag:
                    self._add_tag(tag, text[start:end], src_start + start, src_start + end)
                else:
                    self._add_mask(match, src_start + start, src_start + end)
            pos = search_from = end
        if unclosed != -1:
            self._hold(text, pos, limit, src_start, _ERB_CLOSER)
            return
        self._text.add(text[pos:], src_start + pos)

    def _add_link(self, text: str, pos: int, link: re.Match, src_start: int) -> None:
        """Add the prose before a Markdown link, its label as prose and its address as a link mark."""
        self._text.add(text[pos:link.start()], src_start + pos)
        label_start = link.start("link_label")
        self._add_scanned(link.group("link_label"), src_start + label_start, hold_comments=False)
        self._text.add_replaced(" " + URL_MARK, src_start + link.start("link_url"), src_start + link.end("link_url"))

    def _hold(self, text: str, pos: int, start: int, src_start: int, closer: str) -> None:
        """Add the prose before `start` and hold what opens there until `closer` comes."""
        self._text.add(text[pos:start], src_start + pos)
        self._comment = _OpenComment(closer, src_start + start, [], self._text._accepts)
        self._comment.extend(text[start:])

    def _continue_comment(self, text: str, src_start: int) -> int:
        """How much of `text` the held comment takes: up to its closer, or all of
        it. Text that does not go on where the comment stopped releases it."""
        comment = self._comment
        # _accepts: what a reader's decoding lets a fix write here (see MappedText.accepting).
        if src_start != comment.src_start + comment.length or self._text._accepts != comment.accepts:
            self._release_comment()
            return 0
        found = (comment.tail + text).find(comment.closer)
        if found == -1:
            comment.extend(text)
            return len(text)
        taken = found + len(comment.closer) - len(comment.tail)
        raw = "".join(comment.parts) + text[:taken]
        self._comment = None
        if comment.closer == _ERB_CLOSER:  # read whole, as any ERB tag: a sentence, a value or a statement
            self._add_scanned(raw, comment.src_start, hold_comments=False)
        else:
            self._add_statement(raw, comment.src_start, src_start + taken)
        return taken

    def _release_comment(self) -> None:
        """A held comment that never closed is prose (TPL001 reports its opener)."""
        comment, self._comment = self._comment, None
        if comment is not None:
            with self._text.accepting(comment.accepts):
                self._add_scanned("".join(comment.parts), comment.src_start, hold_comments=False)

    def add_replaced(self, text: str, src_start: int, src_end: int) -> None:
        self.text.add_replaced(text, src_start, src_end)

    def add_break(self, text: str = "\n\n") -> None:
        if self._text.length:
            self.text.add_break(text)

    def _add_translated(self, raw: str, start: int) -> bool:
        """Add the sentence a template tag has translated as prose (see _TRANSLATED); False
        when the tag translates no sentence."""
        found = None if self._in_translation or not raw.startswith(("<%", "{", "@", "[%")) else _TRANSLATED.search(raw)
        if not found:
            return False
        literals = list(_ONE_LITERAL.finditer(raw, found.start("literals"), found.end("literals")))
        if " " not in "".join(literal.group()[1:-1] for literal in literals).strip():
            return False  # a key ('mail.greeting'), not a sentence
        self._in_translation = True
        self._translated += 1
        try:
            for literal in literals:
                self._add_literal(literal.group()[1:-1], start + literal.start() + 1)
        finally:
            self._in_translation = False
        return True

    def _add_literal(self, content: str, start: int) -> None:
        """Add what a string literal says: an escape sequence stands for the character it escapes."""
        pos = 0
        for escape in _ESCAPE.finditer(content):
            self._add_scanned(content[pos:escape.start()], start + pos, hold_comments=False)
            said = "\n" if escape.group(1) == "n" else escape.group(1)
            self._text.add_replaced(said, start + escape.start(), start + escape.end())
            pos = escape.end()
        self._add_scanned(content[pos:], start + pos, hold_comments=False)

    def _add_mask(self, match: re.Match, start: int, end: int) -> None:
        """Mask one match, which covers source offsets [start, end)."""
        if match.lastgroup in ("url", "email"):
            self._text.add_replaced(URL_MARK, start, end)
            return
        if match.lastgroup in ("blade", "freemarker"):  # a directive steers the template; it writes nothing itself
            self._add_statement(match.group(0), start, end)
            return
        group = next(g for g in FAMILIES if match.group(g) is not None)
        name = match.group(group).strip()
        # tags that steer the message: "*|IF:VIP|*", "<% if @vip %>" ("<%= x %>" writes), "<?php if ($x): ?>"
        if ((group == "n7" and _MERGE_CONTROL.match(name)) or (group == "n6" and not match.group("erb_output"))
                or (group == "n14" and not match.group("php_output"))
                or (group == "n13" and _TT_DIRECTIVE.match(name))):
            self._add_statement(match.group(0), start, end)
            return
        if group == "n10":
            name = ""  # "%s" reads an argument by its place, not by a name
        if group == "n13":
            name = name.rstrip("-+~ ")  # Template Toolkit's whitespace control: "[% name -%]"
        self._add_placeholder(Placeholder(self._text.length, name, match.group(0), FAMILIES[group]), start, end)

    def _add_tag(self, tag: Tag, raw: str, start: int, end: int) -> None:
        """Keep a template tag that covers source offsets [start, end) out of the prose."""
        if tag.kind == "statement":  # control tags and comments say nothing to the customer
            self._add_statement(raw, start, end)
        else:
            self._add_placeholder(Placeholder(self._text.length, tag.name, raw, tag.family), start, end)

    def _add_statement(self, raw: str, start: int, end: int) -> None:
        """Keep a control tag or comment covering source offsets [start, end) for the TPL checks."""
        self.statements.append(Statement(self._text.length, raw, start, end))

    def _add_placeholder(self, placeholder: Placeholder, start: int, end: int) -> None:
        if self._in_translation:
            placeholder = Placeholder(placeholder.start, placeholder.name, placeholder.raw, TRANSLATED)
        self.placeholders[self._text.length] = placeholder
        self._text.add_replaced(PLACEHOLDER_MARK, start, end)

    def build(self, part: str = "body", kind_hint: str | None = None) -> Unit:
        self._close_turn()
        if any(t.role == "customer" for t in self.turns) or len(self.turns) > 1:
            kind_hint = kind_hint or "call-script"
        else:
            self.turns = []  # one labelled line is not a script
        return Unit(self.text, part, self.turns, self.placeholders, kind_hint, self.statements, self.headings,
                    self._translated)
