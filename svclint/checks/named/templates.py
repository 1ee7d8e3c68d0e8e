"""Template hygiene: TPL001 (placeholder syntax), TPL002 (unknown placeholder)
and TPL004 (no personalisation).

Readers mask well-formed placeholders and keep control tags aside (see
documents.template_syntax), so whatever braces remain in the text are
malformed; block tags must open and close in order; one file should be written
in one template language: "mixing" means syntaxes no one language reads
together (see DIALECTS), not one language's several forms.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import ClassVar

import regex

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.require import anchor
from svclint.checks.schema import Field, Regex, named_schema
from svclint.documents.template_syntax import prose_slots, without_prose_slots
from svclint.documents.unit import TRANSLATED, Placeholder, Statement
from svclint.rules.patterns import MatcherSet

# What stays in the text of a tag that never closed: braces ("{{ nombre", "{# nota",
# "}}}"), a Jinja closer with no opener ("%}"), an ERB or merge-tag opener ("<%= x", "*|FNAME|").
LEFTOVER_BRACES = re.compile(r"\{+[#%]?\s*[\w.\ue000]*(?:\s*\}+)?|\}+|%\}|<%=?\s*[\w@.]*|\*\|[A-Z0-9_:]+\|?")
# Block tags: Jinja/Liquid "{% if %}" … "{% endif %}", Handlebars "{{#if}}" … "{{/if}}"
# (and Mustache's inverted "{{^x}}"), merge tags "*|IF:X|*" … "*|END:IF|*".
JINJA_BLOCK = re.compile(r"\{%-?\s*(end)?(\w+)\s*(.?)")
# (a "{{/* … */}}" is a Go template's comment, which closes nothing)
HANDLEBARS_BLOCK = re.compile(r"\{\{~?\s*([#^]|/(?!\*))[>*]?\s*([\w.-]+)")
MERGE_BLOCK = re.compile(r"\*\|(END:)?(IF|IFNOT|INTERESTED)\b")
# Jinja, Twig, Nunjucks, Liquid and Django tags that take an end tag. Handlebars
# needs no list: every "#" opens a block that "/" must close.
JINJA_BLOCKS = {"if", "for", "unless", "with", "block", "macro", "call", "filter", "raw", "case", "capture",
                "tablerow", "comment", "autoescape", "trans", "set", "embed", "apply", "spaceless", "sandbox",
                "verbatim", "paginate", "form", "ifchanged", "blocktrans", "blocktranslate"}
# Which template languages can write each syntax family: a file whose families
# share no language mixes syntaxes (one of them reaches the customer as written).
# "{{ x }}" is both Jinja's and Handlebars'; "{% if %}" only Jinja's (a Jinja
# file cannot hold "{{#if}}": its lexer reads "{{" and then fails on "#").
# Printf "%s" and gettext "%(name)s" are one family; so are "{0}" and "{name}"
# (Python's str.format takes both, MessageFormat and ICU read "{0}" and "{name}").
# A comment holding an svclint directive is written for svclint, in whichever comment
# syntax the file allows: it says nothing of the template language that reaches customers.
# "{$x}" (and "{ $x }") is Smarty's and Fluent's; "{ -term }" Fluent's; "{if}", "{/if}" Smarty's;
# "@if(…)" and "{{-- … --}}" Blade's, which writes "{{ $x }}" too, and Laravel's ":name".
# "${amount}" beside "{name}" is a dollar sign before a str.format field ("Transfer of ${amount} to {recipient}").
# A sender's own merge fields "<<Client.PreferredName>>" are filled after Rails' "%{x}" and share its strings.
# FreeMarker writes "${x}" with "<#if>"; SilverStripe "<% if %>", "<%t Key 'Text' %>" with "{$Title}".
# A Blade view may drop into "<?php … ?>", PHP's own tags.
# Ruby's "#{@member.name}" (HAML, Slim) sits beside a plain "#{id}", which reads as a single-brace field.
# Smarty set up with "[[ … ]]" for values keeps "{link …}" for its functions (LiveCart); a function called
# without attributes is a bare "{notification_logo}" beside "{$subject}".
DIRECTIVE_COMMENT = re.compile(r"\{(?:#|\{!(?:--)?)\s*svclint\s*:")
DIALECTS = {"curly": {"jinja", "handlebars", "blade"}, "jinja": {"jinja"}, "handlebars": {"handlebars"},
            "dollar-brace": {"smarty", "fluent", "silverstripe"}, "fluent-term": {"fluent"}, "colon": {"blade"},
            "dollar": {"dollar", "single-brace", "freemarker"}, "double-angle": {"double-angle", "percent-brace"},
            "erb": {"erb", "silverstripe"}, "php": {"php", "blade"}, "ruby": {"ruby", "single-brace"},
            "double-bracket": {"smarty"}, "single-brace": {"single-brace", "smarty"}}


IDENTIFIER = re.compile(r"[A-Za-z_@][\w.\-]*|\.\./[\w.]*")
# Names template languages provide themselves: the current item, loop data, parents.
HELPER_NAMES = {"this", "@index", "@key", "@first", "@last", "@root", "loop", "else", "forloop", "self"}
# an embed given by a named attribute ("{% embed url="https://…" %}"), as GitBook writes it
EMBED_BY_ATTRIBUTE = re.compile(r"\{%-?\s*embed\s+\w+\s*=")
BINDING = re.compile(r"\{%-?\s*(?:for\s+([\w, ]+?)\s+in|set\s+(\w+)|with\s+(\w+))")


class PlaceholderSyntax(Check):
    SCHEMA = named_schema()

    def run(self, ctx: UnitContext) -> list[Hit]:
        text = ctx.unit.text.text
        slots = prose_slots(text)  # blanks for the writer: TPL003's
        hits = [Hit(m.start(), m.end(), {"match": m.group()}) for m in LEFTOVER_BRACES.finditer(text)
                if ctx.is_judged(m.start()) and not any(start <= m.start() < end for start, end in slots)]
        hits.extend(self._unbalanced_blocks(ctx))
        hits.extend(self._mixed_syntax(ctx))
        return sorted(hits, key=lambda h: h.start)

    @staticmethod
    def _unbalanced_blocks(ctx: UnitContext) -> list[Hit]:
        """Block tags that close what is not open, or open what never closes.

        A closer that matches a block further down closes it and reports the
        blocks left open above it: "{% if %}{% for %}{% endif %}" is one missing
        "{% endfor %}", not three findings; any other closer is the wrong end of
        the innermost block ("{% for %}…{% endif %}"), reported once."""
        open_blocks: list[tuple[str, Statement]] = []
        hits = []
        for statement in ctx.unit.statements:
            block = block_tag(statement.raw)
            if block is None:
                continue
            closing, name = block
            if not closing:
                open_blocks.append((name, statement))
            elif any(opened == name for opened, _ in open_blocks):
                while (unclosed := open_blocks.pop())[0] != name:
                    hits.append(_statement_hit(unclosed[1], "block"))
            else:  # the wrong end for the innermost block: one mistake, reported once
                hits.append(_statement_hit(statement, "block"))
                if open_blocks:
                    open_blocks.pop()
        hits.extend(_statement_hit(statement, "block") for _, statement in open_blocks)
        return hits

    @staticmethod
    def _mixed_syntax(ctx: UnitContext) -> list[Hit]:
        """The first tag whose syntax no language shares with the tags before it."""
        # In source order: a control tag takes no room in the unit text, so several
        # tags can share one unit offset.
        tags = [(ctx.unit.text.source_span(offset, offset + 1)[0], placeholder.family,
                 Hit(offset, offset + 1, {"match": placeholder.raw}))
                for offset, placeholder in ctx.unit.placeholders.items() if placeholder.family != TRANSLATED]
        tags += [(statement.src_start, statement_family(statement.raw), _statement_hit(statement))
                 for statement in ctx.unit.statements if not DIRECTIVE_COMMENT.match(statement.raw)]
        tags.sort(key=lambda tag: tag[0])
        languages: set[str] = set()
        for _, family, hit in tags:
            written_by = DIALECTS.get(family, {family})
            if languages and not languages & written_by:
                return [replace(hit, variant="mixed", values={**hit.values, "first": tags[0][2].values["match"]})]
            languages = (languages & written_by) or written_by
        return []


def block_tag(raw: str) -> tuple[bool, str] | None:
    """(closing, block name) for a tag that opens or closes a block, else None."""
    if match := HANDLEBARS_BLOCK.match(raw):
        return match.group(1) == "/", match.group(2)
    if match := MERGE_BLOCK.match(raw):
        return bool(match.group(1)), "IF" if match.group(2) == "IFNOT" else match.group(2)
    match = JINJA_BLOCK.match(raw)
    if not match or match.group(2) not in JINJA_BLOCKS:
        return None
    closing, name, argument = bool(match.group(1)), match.group(2), match.group(3)
    if not closing and name == "set" and "=" in raw:
        return None  # "{% set x = 1 %}" assigns; "{% set x %}…{% endset %}" is a block
    if not closing and name in ("trans", "blocktrans") and argument in ("'", '"'):
        return None  # Django's "{% trans 'Hola' %}" stands alone
    if not closing and name == "embed" and EMBED_BY_ATTRIBUTE.match(raw):
        return None  # GitBook's "{% embed url="…" %}" stands alone; Twig's "{% embed 'x.twig' %}" takes an end
    return closing, name


def statement_family(raw: str) -> str:
    """The syntax family of a control tag (see DIALECTS)."""
    if raw.startswith(("{{--", "@")):
        return "blade"
    if raw.startswith("{{"):
        return "handlebars"
    if raw.startswith("<%"):
        return "erb"
    if raw.startswith("<?"):
        return "php"
    if raw.startswith("[%"):
        return "template-toolkit"
    if raw.startswith(("<#", "</#", "<@", "</@")):
        return "freemarker"
    if raw.startswith("{") and not raw.startswith(("{%", "{#")):
        return "smarty"
    return "merge-tag" if raw.startswith("*|") else "jinja"


def _statement_hit(statement: Statement, variant: str | None = None) -> Hit:
    return Hit(statement.start, statement.start, {"match": statement.raw}, (statement.src_start, statement.src_end),
               variant=variant)


# A placeholder that renders the greeting itself: a translation key or a helper named for it.
_RENDERS_GREETING = re.compile(r"greeting|salutation|saludo", re.IGNORECASE)


def placeholder_root(name: str) -> str:
    """The variable a placeholder reads: "customer.first_name | upper" → "customer.first_name"."""
    match = IDENTIFIER.search(name.lstrip("#/>&^ "))
    return match.group() if match else ""


class UnknownPlaceholder(Check):
    SCHEMA = named_schema()

    def run(self, ctx: UnitContext) -> list[Hit]:
        declared = self.config.variables
        if declared is None:
            return []
        known = set(declared) | _bound_names(ctx)
        hits = []
        for offset, placeholder in sorted(ctx.unit.placeholders.items()):
            name = placeholder_root(placeholder.name)
            if not name or name in known or name.split(".")[0] in known or name.split(".")[0] in HELPER_NAMES:
                continue
            close = difflib.get_close_matches(name, declared, n=1, cutoff=0.6)
            values = {"match": placeholder.raw, "name": name, "closest": close[0] if close else ", ".join(declared[:6])}
            hits.append(Hit(offset, offset + 1, values))
        return hits


def _bound_names(ctx: UnitContext) -> set[str]:
    """Names a template binds itself (loop variables, set, with)."""
    names: set[str] = set()
    for statement in ctx.unit.statements:
        for match in BINDING.finditer(statement.raw):
            for group in match.groups():
                if group:
                    names.update(n.strip() for n in group.split(","))
    return names


# The greeting closed right after the placeholder ("Hello {{ tenant.name_of_owner }},"): the reader is
# addressed by it, whatever its variable is called; a word after it ("Dear {{ shop_name }} customer")
# makes it the name of someone else.
_ENDS_ADDRESS = re.compile(r"[ \t]*(?:[,!.:;]|\n|\Z)")
_SALUTATION_END = re.compile(r"[ \t]*,[ \t]*(?:\n|\Z)")


class Personalization(Check):
    """TPL004: a template (it has placeholders) that never names the customer."""

    OPTIONS: ClassVar[dict[str, Field]] = {"name-pattern": Regex(), "not-name-pattern": Regex(),
                                           "greeting-pattern": Regex(), "greeted-name-pattern": Regex()}
    # packs written before these keep loading
    SCHEMA = named_schema(OPTIONS, optional=("greeting-pattern", "greeted-name-pattern"))

    def register(self, matchers: MatcherSet) -> None:
        """Its options are a pack's regular expressions: they run through the matchers'
        time-limited search, like those of patterns (E905 when one is too slow)."""
        self._matchers = matchers
        for pattern in self.rule.spec["options"].values():
            matchers.own(pattern, self.key)

    def _names_customer(self, name: str) -> bool:
        return bool(self._matchers.search(self.rule.spec["options"]["name-pattern"], name, regex.IGNORECASE)) and \
            not self._names_someone_else(name)

    def _names_someone_else(self, name: str) -> bool:
        """Whether a placeholder names the company, the agent or a record (`not-name-pattern`)."""
        return bool(self._matchers.search(self.rule.spec["options"]["not-name-pattern"], name, regex.IGNORECASE))

    def run(self, ctx: UnitContext) -> list[Hit]:
        placeholders = ctx.unit.placeholders.values()
        text = without_prose_slots(ctx.unit.text.text)
        if not placeholders and "{{" not in text:  # a broken "{{ nombre" makes a template too, a blank left in prose not
            return []
        # a placeholder's whole expression and the variable it reads: "user.first_name || 'candidate'" names the
        # reader by its variable, «t('hola', nombre: @cliente.nombre)» by an argument
        candidates = [name for p in placeholders for name in (p.name, placeholder_root(p.name))] + \
            re.findall(r"\{+\s*([\w.]+)", text)
        if any(self._names_customer(n) for n in candidates) or \
                any(self._greeted(ctx.unit.text.text, p) or self._mentioned(ctx.unit.text.text, p) for p in placeholders):
            return []
        return [anchor(ctx)] if ctx.judged_sentences() else []

    def _mentioned(self, text: str, placeholder: Placeholder) -> bool:
        """Whether the placeholder follows an "@" ("@{{ submitter }} Thanks for the report"): a mention
        addresses the reader by their handle, unless it names a company or an agent."""
        return placeholder.start > 0 and text[placeholder.start - 1] == "@" and not self._names_someone_else(placeholder.name)

    def _greeted(self, text: str, placeholder: Placeholder) -> bool:
        """Whether the placeholder stands right after a greeting that opens its line ("Hi {{ asker }},"):
        whatever its variable is called, it is the reader's name: when the greeting ends right after it, or
        when it names no company or agent.
        So is a placeholder that makes the salutation line by itself, with its comma ("%{ticket.name},").
        A login name greeted ("Dear $username,", `greeted-name-pattern`) is the reader's too, though
        elsewhere ("Your username is …") it names nobody. So is one passed to a greeting the application
        renders («<%= t("mailer.greeting.addressed", name: @username) %>»)."""
        options, search = self.rule.spec["options"], self._matchers.search
        if "greeting-pattern" not in options:
            return False
        greeted = options.get("greeted-name-pattern")
        login_name = bool(greeted and search(greeted, placeholder.name, regex.IGNORECASE))
        if login_name and _RENDERS_GREETING.search(placeholder.name):
            return True
        line = text[text.rfind("\n", 0, placeholder.start) + 1:placeholder.start]
        if not line.strip() and _SALUTATION_END.match(text, placeholder.start + 1):
            return True  # the salutation line is the placeholder alone with its comma ("%{ticket.name},")
        return bool(search(options["greeting-pattern"], line, regex.IGNORECASE)) and (
            login_name or _ENDS_ADDRESS.match(text, placeholder.start + 1) is not None
            or not self._names_someone_else(placeholder.name))
