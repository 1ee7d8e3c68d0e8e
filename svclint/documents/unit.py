"""Units of text to lint, and the builder readers use to make them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svclint.sourcemap import MappedText, SourceFile

# One private-use character stands for each masked placeholder, so that the
# tokenizer sees one word that no rule pattern can match.
PLACEHOLDER_MARK = "\ue000"
# Likewise for a URL: one word, never prose.
URL_MARK = "\ue001"

# No two neighbouring quantifiers can take the same characters (names are
# stripped after the match, not by blanks around them), and the repeats that
# need no backtracking are possessive: a long unclosed "{{" or "<%" is read
# once, not once per way to split its blanks.
_URL = r"""\b(?:https?://|www\.)[^\s<>"')\]]*[^\s<>"')\].,;:!?]"""
_MASK = re.compile(
    r"""
      (?P<expr>\{\{\{(?P<n1>[^{}]*+)\}\}\}                  # {{{ x }}}
      | \{\{(?![#/>!^])(?P<n2>[^{}]*+)\}\}                  # {{ x }}
      | \$\{\s*+(?P<n3>[\w.\-]++)\s*+\}                     # ${x}
      | %\{\s*+(?P<n4>[\w.\-]++)\s*+\}                      # %{x}
      | %\((?P<n5>\w++)\)[sdfr]                             # %(x)s
      | <%=?+\s*+(?P<n6>[^%]{0,200}+)\s*+%>                 # <%= x %>: at most 200 after the blanks
      | \*\|(?P<n7>[A-Z0-9_:]++)\|\*                        # *|X|*
      | %(?P<n8>[A-Za-z_][\w.]*+)%                          # %x%
      | (?<!\{)\{(?P<n9>[A-Za-z_][\w.\-]*+)\}(?!\})         # {x}
      )
    | (?P<stmt>\{%-?.{0,500}?-?%\}                      # {% tag %} (bounded: an unclosed
      | \{\#.{0,2000}?\#\}                              #   opener must not cost the rest
      | \{\{[#/>!^].{0,500}?\}\})                       #   of the file at each position)
    | (?P<url>""" + _URL + r""")
    # An e-mail address starts at the first letter or digit of its run of
    # address characters (unless a URL starts there): the run is read once,
    # not again from each word in it.
    | (?<![\w.+-])[.+-]*+(?!""" + _URL + r""")(?P<email>\w[\w.+-]*+@[\w-]++\.[\w.-]*\w)
    """,
    re.VERBOSE | re.DOTALL,
)
_NAME_GROUPS = tuple(f"n{i}" for i in range(1, 10))
# What every alternative of _MASK needs: a line with none of these holds no mask.
_MASK_HINT = re.compile(r"[{$%<*@]|https?://|www\.")


@dataclass(frozen=True)
class Placeholder:
    start: int  # offset of the mark in the unit text
    name: str  # the variable, e.g. "nombre" or "customer.first_name"
    raw: str
    family: str = "braces"  # which template syntax wrote it (see FAMILIES)


@dataclass(frozen=True)
class Statement:
    """A template control tag ({% if %}, {{#each}}, {# … #}): not text, but kept for TPL checks."""

    start: int  # unit offset where it stood
    raw: str
    src_start: int
    src_end: int


# The syntax family of each placeholder form, to tell when a file mixes them.
FAMILIES = {"n1": "braces", "n2": "braces", "n3": "dollar", "n4": "percent-brace", "n5": "printf",
            "n6": "erb", "n7": "merge-tag", "n8": "percent", "n9": "single-brace"}


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


class UnitBuilder:
    """Builds a unit's text from source slices, masking placeholders and URLs."""

    def __init__(self) -> None:
        self.text = MappedText()
        self.placeholders: dict[int, Placeholder] = {}
        self.turns: list[Turn] = []
        self.statements: list[Statement] = []
        self.headings: list[tuple[int, int]] = []
        self._role: str | None = None
        self._turn_start = 0

    def start_turn(self, role: str) -> None:
        """Close the current turn (if any) and open one spoken by `role`."""
        self._close_turn()
        self.add_break()
        self._role, self._turn_start = role, self.text.length

    def _close_turn(self) -> None:
        if self._role is not None and self.text.length > self._turn_start:
            self.turns.append(Turn(self._turn_start, self.text.length, self._role))

    def add(self, text: str, src_start: int) -> None:
        """Append prose copied from the source at `src_start`."""
        # A carriage return is a line break, never part of a word (one character for one).
        text = text.replace("\r\n", " \n").replace("\r", "\n")
        if not _MASK_HINT.search(text):  # most lines: the full pattern costs a scan per word
            self.text.add(text, src_start)
            return
        pos = 0
        for match in _MASK.finditer(text):
            start, end = match.span(match.lastgroup)  # an e-mail's leading dots stay prose
            self.text.add(text[pos:start], src_start + pos)
            self._add_mask(match, src_start + start, src_start + end)
            pos = end
        self.text.add(text[pos:], src_start + pos)

    def add_replaced(self, text: str, src_start: int, src_end: int) -> None:
        self.text.add_replaced(text, src_start, src_end)

    def add_break(self, text: str = "\n\n") -> None:
        if self.text.length:
            self.text.add_break(text)

    def _add_mask(self, match: re.Match, start: int, end: int) -> None:
        """Mask one match, which covers source offsets [start, end)."""
        if match.lastgroup == "stmt":  # control tags say nothing to the customer
            self.statements.append(Statement(self.text.length, match.group(0), start, end))
            return
        if match.lastgroup in ("url", "email"):
            self.text.add_replaced(URL_MARK, start, end)
            return
        group = next(g for g in _NAME_GROUPS if match.group(g) is not None)
        name = match.group(group).strip()
        self.placeholders[self.text.length] = Placeholder(self.text.length, name, match.group(0), FAMILIES[group])
        self.text.add_replaced(PLACEHOLDER_MARK, start, end)

    def build(self, part: str = "body", kind_hint: str | None = None) -> Unit:
        self._close_turn()
        if any(t.role == "customer" for t in self.turns) or len(self.turns) > 1:
            kind_hint = kind_hint or "call-script"
        else:
            self.turns = []  # one labelled line is not a script
        return Unit(self.text, part, self.turns, self.placeholders, kind_hint, self.statements, self.headings)
