"""svclint's results as LSP diagnostics, hover text and rule pages."""

from __future__ import annotations

import os
import shutil
import tempfile

from lsprotocol import types
from pygls.uris import from_fs_path

from svclint.cachedir import cache_dir, make_private_dir, write_atomically
from svclint.diagnostics import DIAGNOSTICS
from svclint.errors import SvclintError
from svclint.explain import explain_rule
from svclint.lsp.positions import LineIndex
from svclint.model import Diagnostic, Finding, Position, Severity
from svclint.rules.packs import RuleBook

SOURCE = "svclint"
SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.INFO: types.DiagnosticSeverity.Information}


class RulePages:
    """Each rule's `svclint explain` page as a Markdown file, the target of a diagnostic's
    link. svclint has no web site: the pages are written, when first linked by a server,
    to `rules/CODE.LANG.md` in svclint's private cache folder (a stable address that works
    offline and shows exactly what `svclint explain CODE --lang LANG` prints), or, when
    there is no usable cache folder, to a private temporary one removed at exit."""

    def __init__(self) -> None:
        cached = cache_dir()
        self.temporary = cached is None or not make_private_dir(cached / "rules")
        self.folder = tempfile.mkdtemp(prefix="svclint-rules-") if self.temporary else str(cached / "rules")
        self._written: dict[tuple[str, str], str | None] = {}

    def page(self, book: RuleBook, code: str, lang: str) -> str | None:
        """The page's Markdown, or None for a code the rules do not document in `lang`."""
        try:
            text = explain_rule(book, code, lang)
        except SvclintError:
            return None
        title, _, rest = text.partition("\n")
        return f"**{title}**\n\n{rest.lstrip()}"

    def href(self, book: RuleBook, code: str, lang: str) -> str | None:
        key = (code, lang)
        if key not in self._written:
            self._written[key] = self._write(book, code, lang)
        return self._written[key]

    def forget(self) -> None:
        """Rule packs may have changed: pages are written again when next linked."""
        self._written.clear()

    def remove(self) -> None:
        """Remove a temporary folder (the cache's pages stay for the next server)."""
        if self.temporary:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _write(self, book: RuleBook, code: str, lang: str) -> str | None:
        page = self.page(book, code, lang)
        if page is None:
            return None
        path = os.path.join(self.folder, f"{code}.{lang}.md")
        write_atomically(path, [(page + "\n").encode("utf-8", "surrogatepass")])
        return from_fs_path(path) if os.path.isfile(path) else None


def page_language(finding: Finding) -> str:
    return finding.lang if finding.lang in ("es", "en") else "en"


def finding_diagnostic(finding: Finding, index: LineIndex, href: str | None) -> types.Diagnostic:
    message = finding.message + (f"\n{finding.suggestion}" if finding.suggestion else "")
    return types.Diagnostic(
        range=index.range(finding.start, finding.end), message=message, severity=SEVERITIES[finding.severity],
        code=finding.code, source=SOURCE,
        code_description=types.CodeDescription(href=href) if href else None)


def file_diagnostic(problem: Diagnostic, index: LineIndex, href: str | None) -> types.Diagnostic:
    """A problem with the document itself (E9xx): from where the reader stopped to
    the end of that line, an error when it fails a run on the command line."""
    start = index.to_client(Position(problem.line, problem.column))
    end = index.line_end(problem.line)
    engine = DIAGNOSTICS.get(problem.code)
    severity = types.DiagnosticSeverity.Error if engine is None or engine.counted else types.DiagnosticSeverity.Warning
    return types.Diagnostic(
        range=types.Range(start=start, end=end), message=problem.message, severity=severity, code=problem.code,
        source=SOURCE, code_description=types.CodeDescription(href=href) if href else None)


def notice(message: str, severity: types.DiagnosticSeverity) -> types.Diagnostic:
    """A diagnostic about the whole document that no rule gave (a configuration that
    cannot be used, a format svclint does not read), on its first character."""
    place = types.Position(line=0, character=0)
    return types.Diagnostic(range=types.Range(start=place, end=place), message=message, severity=severity,
                            source=SOURCE)
