"""Which file an editor's document stands for, and how svclint reads it.

A saved document is linted as the file it is (its extension chooses the reader, its
folder the configuration). An unsaved one, or one whose name says nothing
(`untitled:Untitled-1`, `notes.draft`), takes the reader of its `languageId`;
a document svclint has no reader for is not linted (the server says so once).
"""

from __future__ import annotations

import os

from svclint.documents.read import LINTABLE_SUFFIXES

# The editor's language identifiers (VS Code's and Neovim's filetypes) and the
# extension whose reader fits them.
LANGUAGE_SUFFIXES = {
    "plaintext": ".txt", "text": ".txt", "markdown": ".md", "html": ".html", "yaml": ".yaml",
    "json": ".json", "jinja": ".j2", "jinja-html": ".html.j2", "htmldjango": ".html.j2",
    "handlebars": ".hbs", "mustache": ".mustache", "liquid": ".liquid", "mail": ".eml", "eml": ".eml",
}


def lint_path(path: str, language_id: str | None, root: str | None) -> str | None:
    """The path svclint lints the document as, or None when it has no reader for it.
    A relative path (an unsaved document) is placed in the workspace's root, so that
    it takes the workspace's configuration."""
    if not os.path.isabs(path):
        path = os.path.join(root or os.getcwd(), os.path.basename(path) or "untitled")
    if path.lower().endswith(LINTABLE_SUFFIXES):
        return path
    suffix = LANGUAGE_SUFFIXES.get((language_id or "").lower())
    return path + suffix if suffix else None


def workspace_root(path: str, roots: list[str]) -> str | None:
    """The innermost workspace folder holding `path`."""
    holding = [root for root in roots if os.path.commonpath([root, os.path.abspath(path)]) == root]
    return max(holding, key=len, default=None)
