"""Code actions on a finding: apply its fix, suppress it with the host format's own
comment directive (as svclint/suppress.py reads it), or record in the configuration
that a term or name is fine (`glossary`, `organization`) or that the rule does not
apply to this file (`per-file-ignores`).

Edits of the document are returned as workspace edits for the editor to apply;
edits of the configuration are commands the server carries out itself (the file
may not be open), after which every open document is linted again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from lsprotocol import types

from svclint.errors import SvclintError
from svclint.lsp.positions import LineIndex
from svclint.model import Finding
from svclint.yamlio import load_yaml

EDIT_CONFIG = "svclint.editConfig"  # arguments: document URI, configuration key, value
# Rules whose finding is about one term or name the organisation may declare known:
# the configuration keys their checks read (svclint/checks/named/acronyms.py, capitals.py).
TERM_KEYS = {"CLR004": ("glossary", "organization"), "CLR007": ("glossary",)}
_KEY_TITLES = {"glossary": "Add '{value}' to the glossary", "organization": "Accept '{value}' as the organisation name",
               "per-file-ignores": "Ignore {value} for this file (per-file-ignores)"}


@dataclass(frozen=True)
class Comment:
    """How the host format writes a comment that svclint's directives read."""

    opener: str
    closer: str = ""

    def directive(self, action: str, code: str) -> str:
        return f"{self.opener}svclint: {action}={code}{self.closer}"


_JINJA, _HANDLEBARS, _LIQUID = Comment("{# ", " #}"), Comment("{{! ", " }}"), Comment("{% # ", " %}")
_HTML, _HASH = Comment("<!-- ", " -->"), Comment("# ")
# JSON has no comments, and a comment in an e-mail's body would reach the customer:
# those files are silenced through per-file-ignores only.
COMMENTS = {".j2": _JINJA, ".jinja": _JINJA, ".jinja2": _JINJA, ".tpl": _JINJA, ".hbs": _HANDLEBARS,
            ".handlebars": _HANDLEBARS, ".mustache": _HANDLEBARS, ".liquid": _LIQUID, ".md": _HTML,
            ".markdown": _HTML, ".html": _HTML, ".htm": _HTML, ".txt": _HASH, ".text": _HASH,
            ".yaml": _HASH, ".yml": _HASH}


def comment_for(path: str) -> Comment | None:
    """A template's own comments (a Jinja comment never reaches the page it renders);
    otherwise the comments of the file's format."""
    return COMMENTS.get(os.path.splitext(path.lower())[1])


def term_of(finding: Finding) -> str | None:
    """The term a CLR004/CLR007 finding is about, as the configuration would list it:
    the acronym without a plural `s` ("ONGs" → "ONG"); a shouted run of several words
    is no term."""
    word = finding.matched.strip()
    if not word or any(blank in word for blank in " \t\n"):
        return None
    if finding.code == "CLR004" and word.endswith("s") and word[:-1].isupper():
        return word[:-1]
    return word


@dataclass
class ActionContext:
    """What the actions of one document need to know."""

    uri: str
    path: str  # the path the document is linted as
    index: LineIndex
    config_editable: bool  # False when the closest configuration is a pyproject.toml


def actions_for(finding: Finding, context: ActionContext, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    found = []
    if finding.fix is not None:
        found.append(_fix_action(finding, context, diagnostic))
    found += _directive_actions(finding, context, diagnostic)
    if context.config_editable:
        term = term_of(finding) if finding.code in TERM_KEYS else None
        keys = TERM_KEYS[finding.code] if term else ()
        found += [_config_action(context, key, term, diagnostic) for key in keys if term]
        found.append(_config_action(context, "per-file-ignores", finding.code, diagnostic))
    return found


def _edit(context: ActionContext, edit: types.TextEdit) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={context.uri: [edit]})


def _fix_action(finding: Finding, context: ActionContext, diagnostic: types.Diagnostic) -> types.CodeAction:
    fix = finding.fix
    assert fix is not None
    edit = types.TextEdit(range=context.index.range(fix.start, fix.end), new_text=fix.replacement)
    return types.CodeAction(title=f"Replace '{finding.matched}' with '{fix.replacement}' ({finding.code})",
                            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
                            edit=_edit(context, edit))


def _directive_actions(finding: Finding, context: ActionContext,
                       diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    comment = comment_for(context.path)
    if comment is None:
        return []
    index = context.index
    newline = "\r\n" if "\r\n" in index.text else "\n"
    line_end = types.Range(start=index.line_end(finding.start.line), end=index.line_end(finding.start.line))
    on_line = types.TextEdit(range=line_end, new_text=" " + comment.directive("disable-line", finding.code))
    end = types.Range(start=index.document_end(), end=index.document_end())
    last_line_empty = index.document_end().character == 0
    in_file = types.TextEdit(range=end, new_text=("" if last_line_empty else newline)
                             + comment.directive("disable-file", finding.code) + newline)
    titles = (f"Disable {finding.code} on this line", f"Disable {finding.code} in this file")
    return [types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                             edit=_edit(context, edit))
            for title, edit in zip(titles, (on_line, in_file)) if _keeps_data(context, edit)]


def _keeps_data(context: ActionContext, edit: types.TextEdit) -> bool:
    """Whether a comment added to a YAML file leaves its data as it was: `#` inside a
    quoted string or a block of text is text, which the customer would then read."""
    if not context.path.lower().endswith((".yaml", ".yml")):
        return True
    text = context.index.text
    offset = context.index.offset(edit.range.start)
    edited = text[:offset] + edit.new_text + text[offset:]
    try:  # svclint's bounded reader: aliases cannot make the comparison explode
        return bool(load_yaml(edited, context.path, SvclintError) == load_yaml(text, context.path, SvclintError))
    except SvclintError:
        return False


def _config_action(context: ActionContext, key: str, value: str, diagnostic: types.Diagnostic) -> types.CodeAction:
    title = _KEY_TITLES[key].format(value=value)
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                            command=types.Command(title=title, command=EDIT_CONFIG,
                                                  arguments=[context.uri, key, value]))
