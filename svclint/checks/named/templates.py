"""Template hygiene: TPL001 (placeholder syntax), TPL002 (unknown placeholder)
and TPL004 (no personalisation).

Readers mask well-formed placeholders and keep control tags aside, so whatever
braces remain in the text are malformed; block tags must open and close in
order; one file should use one placeholder syntax.
"""

from __future__ import annotations

import difflib
import re

import regex

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.named import named
from svclint.checks.require import anchor
from svclint.patterns import MatcherSet

LEFTOVER_BRACES = re.compile(r"\{+\s*[\w.\ue000]*(?:\s*\}+)?|\}+|%\}")
BLOCK_TAG = re.compile(r"^(?:\{%-?\s*(end)?(\w+)|\{\{\s*([#/])\s*(\w+))")
BLOCKS = {"if", "for", "unless", "with", "block", "macro", "call", "filter", "raw", "each", "case",
          "capture", "tablerow", "comment", "autoescape", "trans", "set"}
IDENTIFIER = re.compile(r"[A-Za-z_@][\w.\-]*|\.\./[\w.]*")
# Names template languages provide themselves: the current item, loop data, parents.
HELPER_NAMES = {"this", "@index", "@key", "@first", "@last", "@root", "loop", "else", "forloop", "self"}
BINDING = re.compile(r"\{%-?\s*(?:for\s+([\w, ]+?)\s+in|set\s+(\w+)|with\s+(\w+))")


@named("placeholder-syntax")
class PlaceholderSyntax(Check):
    def run(self, ctx: UnitContext) -> list[Hit]:
        text = ctx.unit.text.text
        hits = [Hit(m.start(), m.end(), {"match": m.group()}) for m in LEFTOVER_BRACES.finditer(text)
                if ctx.is_judged(m.start())]
        hits.extend(self._unbalanced_blocks(ctx))
        hits.extend(self._mixed_syntax(ctx))
        return sorted(hits, key=lambda h: h.start)

    @staticmethod
    def _unbalanced_blocks(ctx: UnitContext) -> list[Hit]:
        open_blocks: list[tuple[str, object]] = []
        hits = []
        for statement in ctx.unit.statements:
            match = BLOCK_TAG.match(statement.raw)
            if not match:
                continue
            closing = bool(match.group(1)) or match.group(3) == "/"
            name = match.group(2) or match.group(4)
            if name not in BLOCKS or (name == "set" and "=" in statement.raw):
                continue
            if not closing:
                open_blocks.append((name, statement))
            elif open_blocks and open_blocks[-1][0] == name:
                open_blocks.pop()
            else:
                hits.append(_statement_hit(statement))
        hits.extend(_statement_hit(statement) for _, statement in open_blocks)
        return hits

    @staticmethod
    def _mixed_syntax(ctx: UnitContext) -> list[Hit]:
        families: dict[str, int] = {}
        for offset, placeholder in sorted(ctx.unit.placeholders.items()):
            families.setdefault(placeholder.family, offset)
        if len(families) < 2:
            return []
        first = min(families.values())
        return [Hit(offset, offset + 1, {"match": ctx.unit.placeholders[offset].raw})
                for offset in sorted(families.values()) if offset != first][:1]


def _statement_hit(statement) -> Hit:
    return Hit(statement.start, statement.start, {"match": statement.raw}, (statement.src_start, statement.src_end))


def placeholder_root(name: str) -> str:
    """The variable a placeholder reads: "customer.first_name | upper" → "customer.first_name"."""
    match = IDENTIFIER.search(name.lstrip("#/>&^ "))
    return match.group() if match else ""


@named("unknown-placeholder")
class UnknownPlaceholder(Check):
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


@named("personalization")
class Personalization(Check):
    """TPL004: a template (it has placeholders) that never names the customer."""

    OPTIONS = {"name-pattern": "regex", "not-name-pattern": "regex"}

    def register(self, matchers: MatcherSet) -> None:
        """Its options are a pack's regular expressions: they run through the matchers'
        time-limited search, like those of patterns (E905 when one is too slow)."""
        self._matchers = matchers
        for name in self.OPTIONS:
            matchers.own(self.rule.spec["options"][name], self.key)

    def _names_customer(self, name: str) -> bool:
        options, search = self.rule.spec["options"], self._matchers.search
        return search(options["name-pattern"], name, regex.IGNORECASE) and \
            not search(options["not-name-pattern"], name, regex.IGNORECASE)

    def run(self, ctx: UnitContext) -> list[Hit]:
        placeholders = ctx.unit.placeholders.values()
        text = ctx.unit.text.text
        if not placeholders and "{{" not in text:
            return []
        candidates = [p.name for p in placeholders] + re.findall(r"\{+\s*([\w.]+)", text)
        if any(self._names_customer(n) for n in candidates):
            return []
        return [anchor(ctx)] if ctx.judged_sentences() else []
