"""The engine: read a file, decide its language and kind, run the selected
rules once per unit, and place every finding in the original file."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import astuple, replace
from typing import TYPE_CHECKING

from svclint import declared_language
from svclint.cache import ResultCache
from svclint.config import Config
from svclint.diagnostics import DIRECTIVE_PROBLEMS, LEGAL_READ, NOTICE_READ, THIRD_LANGUAGE
from svclint.directives import file_settings
from svclint.documents.read import UnreadableFile, decode, read_bytes, read_document
from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK, Document, Unit
from svclint.fix import offered_fix
from svclint.lang import detect
from svclint.model import KINDS, LANGS, Diagnostic, FileResult, Finding, Fix, Scope, Severity
from svclint.rules.packs import RuleBook, RuleMeta, rule_book
from svclint.purpose import DETECTED_FROM, NOTICE, is_faq, legal_terms, named_in, notice_reasons, third_language
from svclint.sourcemap import MappedText, SourceFile
from svclint.speech import reads_as_speech
from svclint.suppress import parse_directives

if TYPE_CHECKING:
    from svclint.checks.context import Hit
    from svclint.rules.ruleset import LanguageRules


# Notes about a file as a whole (SVC101, SVC102, SVC104), in the language they are read in.
# What still judges a unit read as legal terms: a blank or broken tag reaches any reader.
TEMPLATE_HYGIENE = frozenset({"TPL001", "TPL002", "TPL003"})
NOTES = {
    "en": {
        "third-language": "reads as {language} ({quoted}), not Spanish or English: not linted "
                          "(a `svclint: lang=es` or `lang=en` directive in the file has it linted)",
        "notice": "read as an automated notice ({signals}), not a reply to a customer: {codes} not run "
                  "(a `svclint: kind={kind}` directive in the file keeps it a reply)",
        "partial-reply": "read as {what}, not a whole reply to a customer: {codes} not run "
                         "(a `svclint: kind={kind}` directive in the file keeps it judged as a reply)",
        "legal": "read as legal terms ({quoted}), not something said to a customer: judged only for "
                 "template leftovers and syntax (a `svclint: kind=…` directive in the file has it judged)",
    },
    "es": {
        "third-language": "se lee como {language} ({quoted}), no como español ni inglés: no se revisa "
                          "(una directiva `svclint: lang=es` o `lang=en` en el archivo hace que se revise)",
        "notice": "se lee como un aviso automático ({signals}), no como una respuesta a un cliente: no se "
                  "aplican {codes} (una directiva `svclint: kind={kind}` en el archivo lo mantiene como respuesta)",
        "partial-reply": "se lee como {what}, no como una respuesta completa a un cliente: no se aplican {codes} "
                         "(una directiva `svclint: kind={kind}` en el archivo la mantiene como respuesta)",
        "legal": "se lee como texto legal ({quoted}), no como algo dicho a un cliente: solo se revisan los "
                 "restos de plantilla y su sintaxis (una directiva `svclint: kind=…` en el archivo hace que se "
                 "revise)",
    },
}


def chosen(code: str, prefixes: list[str]) -> bool:
    """Whether a code is named by one of the prefixes (a code, a prefix such as PRM, or ALL)."""
    return any(p == "ALL" or code.startswith(p) for p in prefixes)


def selected_codes(catalogue: dict[str, RuleMeta], select: list[str], extend: list[str], ignore: list[str]) -> list[str]:
    """Codes chosen by select/extend-select minus ignore; prefixes and ALL allowed."""
    return [c for c in catalogue if chosen(c, select + extend) and not chosen(c, ignore)]


_SPACE_RUN = re.compile(r"\s*\n\s*|\s{2,}")
_MASKS = re.compile(f"[{PLACEHOLDER_MARK}{URL_MARK}]")


def _as_written(text: MappedText, start: int, end: int, source: str) -> str:
    """The unit text [start, end) with each masked placeholder or URL put back as the
    file wrote it: a message quotes the writer's words, never the marks rules see."""
    def original(mark: re.Match) -> str:
        src_start, src_end = text.source_span(start + mark.start(), start + mark.end())
        return source[src_start:src_end]

    return _MASKS.sub(original, text.text[start:end])


def _organisation_words(document: Document) -> Iterator[str]:
    """The parts of a document the organisation wrote: every unit, less customers' turns."""
    return (unit.text.text[start:end] for unit in document.units for start, end in unit.judged_ranges())


class Linter:
    def __init__(self, config: Config, lang: str | None = None, kind: str | None = None,
                 select: list[str] | None = None, ignore: list[str] | None = None,
                 extend_select: list[str] | None = None, profile: list[str] | None = None,
                 book: RuleBook | None = None, transcript: str | None = None):
        self.config = config
        self.transcript = transcript or config.transcript
        self.lang = lang if lang not in (None, "auto") else (config.lang if config.lang != "auto" else None)
        self.kind = kind
        # `book`: the rules already read where the configuration was (a portable Session)
        self.book = book or rule_book(config.pack_paths(), (*config.profile, *(profile or [])))
        self.catalogue = self.book.catalogue
        ignore = (ignore or []) + config.ignore
        self.codes = selected_codes(self.catalogue, select or config.select,
                                    (extend_select or []) + config.extend_select, ignore)
        self.ignored = {code for code in DIRECTIVE_PROBLEMS if chosen(code, ignore)}
        self._languages: dict[str, LanguageRules] = {}
        self._reported_slow: set[str] = set()
        self._kind_globs = config.kind_globs()
        self._language_globs = config.language_globs()
        # each glob's codes and prefixes expanded once, not for every file
        self._ignore_globs = config.ignore_globs().mapped(
            lambda named: frozenset(code for code in (*self.catalogue, *DIRECTIVE_PROBLEMS) if chosen(code, named)))
        self.cache: ResultCache | None = None
        # Whether results keep their file's text: fixes and the text report's context
        # lines read it; other runs do not carry it (or send it back from workers).
        self.keep_source = True
        # Whether results say which rules judged each file (FileResult.scope), for the
        # audit report; such a run does not use the result cache, which does not keep it.
        self.record_scope = False
        for lang in self.book.extra:  # a broken user pattern stops the run before any file
            self.rules_for(lang)

    def use_cache(self) -> None:
        """Reuse results of unchanged files (same bytes, path, configuration, packs, version)."""
        settings = repr((self.config, self.lang, self.kind, self.transcript, self.codes, sorted(self.ignored)))
        self.cache = ResultCache.open(settings, self.book.digest)

    def rules_for(self, lang: str) -> LanguageRules:
        if lang not in self._languages:
            from svclint.rules.ruleset import LanguageRules  # spaCy and the checks: only when needed

            # Reading the rules back makes objects by the hundred thousand and frees almost
            # none: collections while they are made only rescan them (half the read-back
            # time of a one-file run). Paused, then the rules, which live as long as the
            # run, are kept out of later collections too (it cost ~3% of a run).
            collecting = gc.isenabled()
            gc.disable()
            try:
                self._languages[lang] = LanguageRules(lang, self.codes, self.config, self.book)
            finally:
                if collecting:
                    gc.enable()
            gc.freeze()
        return self._languages[lang]

    # ---- files -------------------------------------------------------------------------

    def lint_path(self, path: str) -> FileResult:
        try:
            data = read_bytes(path, self.config.max_file_bytes() + 1)
        except OSError as error:
            return FileResult(path, diagnostics=(Diagnostic(path, "E902", f"cannot read file: {error.strerror or error}"),))
        if self.cache is None or self.record_scope:
            return self.lint_bytes(path, data)
        key = self.cache.key(path, data)
        cached = self.cache.get(key, path)
        if cached is not None:
            if cached.findings and self.keep_source:
                return replace(cached, source=SourceFile(path, decode(data, self.config.max_file_bytes())))
            return cached
        result = self.lint_bytes(path, data)
        self.cache.put(key, result)
        return result

    def lint_bytes(self, path: str, data: bytes) -> FileResult:
        try:
            text = decode(data, self.config.max_file_bytes())
        except UnreadableFile as reason:
            return FileResult(path, diagnostics=(Diagnostic(path, "E902", str(reason)),))
        return self.lint_text(path, text)

    def lint_text(self, path: str, text: str) -> FileResult:
        if not text.strip():  # an empty template or placeholder file: nothing said, nothing to report
            return FileResult(path, source=SourceFile(path, text) if self.keep_source else None)
        document = read_document(path, text, self.config.max_yaml_nodes())
        notes = [Diagnostic(path, "E901", message, *astuple(document.source.position(offset)))
                 for offset, message in document.problems]  # the file's problems, then notes on how it was read
        findings, scope = self._findings(path, document, file_settings(text), notes)
        source = document.source if findings and self.keep_source else None
        return FileResult(path, tuple(sorted(findings, key=Finding.sort_key)), tuple(notes), source, scope)

    def _findings(self, path: str, document: Document, settings: dict,
                  notes: list[Diagnostic]) -> tuple[list[Finding], Scope | None]:
        """The findings of a read document, adding to `notes` what the reading decided,
        and (with `record_scope`) which rules judged it."""
        declared = next(self._language_globs.values(path), None) if self._language_globs else None
        if declared:  # the configuration says the language: no guessing, and no SVC101 note
            contradicted = self._declared_language_contradicted(path, document, declared)
            if contradicted or declared not in LANGS:  # Catalan, Galician, Basque: no rules to judge them
                return self._judged_on_declaration(path, document, declared, contradicted)
        elif self._in_third_language(document, settings, notes):
            return [], None
        lang = self._language(document, settings, notes, declared)
        channels, kinds = self._kinds(path, document, settings, notes, lang)
        ignored = self._ignored_here(path)
        applied: set[str] | None = set() if self.record_scope else None
        if not document.units:
            return [], self._scope(lang, kinds, applied, ignored, set())
        legal = self._legal_terms(path, document, settings, notes, lang)
        rules = self.rules_for(lang)
        units = document.units
        found = [self._finding(document, units[index], code, hit, lang, kinds[index])
                 for index, code, hit in rules.run(units, kinds, self.config.options, applied, self._spoken(document),
                                                   channels, dict.fromkeys(legal, TEMPLATE_HYGIENE))
                 if code not in ignored]
        self._report_slow_patterns(rules, path, notes)
        kept = self._suppress(document, found, lang, kinds[0], ignored)
        kept_ids = {id(finding) for finding in kept}
        suppressed = {finding.code for finding in found if id(finding) not in kept_ids}
        return kept, self._scope(lang, kinds, applied, ignored, suppressed)

    def _scope(self, lang: str, kinds: list[str], applied: set[str] | None, ignored: set[str],
               suppressed: set[str]) -> Scope | None:
        if applied is None:
            return None
        ignored_rules = frozenset(code for code in ignored if code in self.catalogue)
        return Scope(lang, tuple(dict.fromkeys(kinds)), frozenset(applied - ignored_rules), ignored_rules,
                     frozenset(suppressed))

    def _report_slow_patterns(self, rules: LanguageRules, path: str, notes: list[Diagnostic]) -> None:
        """Name, once, each regular expression switched off for running over its time
        limit, with the rules that use it and where they come from."""
        for pattern, message in rules.slow_regexes().items():
            if pattern not in self._reported_slow:
                self._reported_slow.add(pattern)
                notes.append(Diagnostic(path, "E905", message))

    def _suppress(self, document: Document, findings: list[Finding], lang: str, kind: str,
                  ignored: set[str]) -> list[Finding]:
        """Apply inline directives; report the ones that are malformed, name unknown codes or suppress nothing."""
        suppressions = parse_directives(document.source)
        if not suppressions:
            return findings
        kept = suppressions.apply(findings)
        selected = set(self.codes) - ignored
        return kept + suppressions.problems(document.source, set(self.catalogue), selected, lang, kind,
                                            self.ignored | ignored)

    # ---- decisions ---------------------------------------------------------------------

    def _spoken(self, document: Document) -> bool:
        """Whether the document is judged as speech-recognition text: `transcript: asr`, or
        `auto` and the organisation's words in it have no capital letter or punctuation mark."""
        if self.transcript != "auto":
            return self.transcript == "asr"
        return reads_as_speech(_organisation_words(document))

    def _language(self, document: Document, settings: dict, notes: list[Diagnostic], declared: str | None) -> str:
        if self.lang:
            return self.lang
        wanted = settings.get("lang")
        if wanted in LANGS:
            return wanted
        if declared:
            return declared
        if wanted:
            notes.append(Diagnostic(document.source.path, "E903", f"unknown language {wanted!r} in svclint directive; detecting instead"))
        return detect(" ".join(u.text.text for u in document.units))

    def _judged_on_declaration(self, path: str, document: Document, declared: str,
                               contradicted: list[Finding]) -> tuple[list[Finding], Scope | None]:
        """A file only its declared language is judged on: LEY005's finding (suppressible as
        any other), and the scope that says LEY005 was the one rule run."""
        lang = declared if declared in LANGS else "es"
        kind = self._structural_kind(document, document.units[0]) if document.units else "text"
        ignored = self._ignored_here(path)
        kept = self._suppress(document, contradicted, lang, kind, ignored)
        judged = {declared_language.CODE} & set(self.codes) if self.record_scope and document.units else set()
        suppressed = {finding.code for finding in contradicted} - {finding.code for finding in kept}
        return kept, self._scope(lang, [kind], judged if self.record_scope else None, ignored, suppressed)

    def _declared_language_contradicted(self, path: str, document: Document, declared: str) -> list[Finding]:
        """LEY005 on a file its configuration declares in one language and that is written in another."""
        if declared_language.CODE not in self.codes or not document.units or declared_language.CODE in self._ignored_here(path):
            return []
        unit = document.units[0]
        found = declared_language.contradiction([u.text.text for u in document.units], declared)
        if found is None:
            return []
        from svclint.checks.context import Hit  # the checks load only when a rule runs

        hit = Hit(found.start, found.end, found.values, variant=declared_language.VARIANT)
        return [self._finding(document, unit, declared_language.CODE, hit, "es", self._structural_kind(document, unit))]

    def _in_third_language(self, document: Document, settings: dict, notes: list[Diagnostic]) -> bool:
        """Text in neither Spanish nor English (Catalan, Portuguese…) gets one note and is not
        judged: Spanish rules would misread it. A `lang` directive in the file overrides this."""
        if settings.get("lang") in LANGS:
            return False
        # the organisation's words only: a customer writing Catalan to a Spanish-speaking agent
        # leaves the agent's turns to be judged (by LEY005 among others)
        found = third_language(" ".join(_organisation_words(document)))
        if found is None:
            return False
        language, words = found
        quoted = ", ".join(f"«{word}»" for word in words[:5])
        note = NOTES["es" if self.config.lang == "es" else "en"]["third-language"]  # the project's language
        notes.append(Diagnostic(document.source.path, THIRD_LANGUAGE, note.format(
            language=named_in(self.config.lang, language), quoted=quoted)))
        return True

    def _kinds(self, path: str, document: Document, settings: dict, notes: list[Diagnostic],
               lang: str) -> tuple[list[str], list[str]]:
        """Each unit's channel and kind. The channel: --kind, a directive, the configuration's
        globs, else what the structure tells; the kind is the same, except that a one-way
        message that reads as an automated notice becomes `notice`, unless the file itself
        states its kind (then it is taken as written)."""
        stated = settings.get("kind")
        wanted = self.kind or stated
        if wanted and wanted not in KINDS:
            notes.append(Diagnostic(path, "E903", f"unknown kind {wanted!r} in svclint directive (known: {', '.join(KINDS)})"))
            wanted = stated = None
        if not wanted and self._kind_globs:
            wanted = next(self._kind_globs.values(path), None)
        channels = [wanted or self._structural_kind(document, unit) for unit in document.units]
        if stated:
            return channels, channels
        return channels, [self._purpose(path, unit, kind, notes, lang) for unit, kind in zip(document.units, channels)]

    def _legal_terms(self, path: str, document: Document, settings: dict, notes: list[Diagnostic],
                     lang: str) -> set[int]:
        """The indexes of the units that read as legal terms (with one note quoting what
        marked the first), unless the file itself states its kind. Only template hygiene
        judges them: a lawyer's conventions are not a service trainer's, but a blank left
        in a consent text ("[Company Name]") reaches the reader all the same."""
        marked = {} if settings.get("kind") else {index: found for index, unit in enumerate(document.units)
                                                   if (found := legal_terms(unit.text.text))}
        if marked:
            quoted = ", ".join(f"«{words}»" for words in next(iter(marked.values())))
            notes.append(Diagnostic(path, LEGAL_READ, NOTES[lang]["legal"].format(quoted=quoted)))
        return set(marked)

    def _structural_kind(self, document: Document, unit: Unit) -> str:
        """What the reader saw (an e-mail, turns, Q&A pairs), a page of question headings, else the configuration's kind."""
        return unit.kind_hint or document.kind_hint or ("faq" if is_faq(unit) else None) or self.config.kind or "text"

    def _purpose(self, path: str, unit: Unit, kind: str, notes: list[Diagnostic], lang: str) -> str:
        """`notice` for an e-mail, chat message or SMS that reads as an automated notice, or that
        is not a whole reply (a fragment of a mail, a turn in the middle of a conversation), with
        a note (in the file's language) saying why and naming the rules that therefore do not
        run; else the kind as it was."""
        if kind not in DETECTED_FROM:
            return kind
        signals, partial = notice_reasons(unit, kind)
        if not signals and not partial:
            return kind
        skipped = [code for code in self.codes if kind in self.catalogue[code].kinds
                   and NOTICE not in self.catalogue[code].kinds]
        if skipped and not any(d.code == NOTICE_READ for d in notes):  # noted only when it changes what runs
            codes = ", ".join(skipped)
            note = (NOTES[lang]["notice"].format(signals="; ".join(named_in(lang, s) for s in signals),
                                                    codes=codes, kind=kind) if signals else
                    NOTES[lang]["partial-reply"].format(what=named_in(lang, partial), codes=codes, kind=kind))
            notes.append(Diagnostic(path, NOTICE_READ, note))
        return NOTICE

    def _ignored_here(self, path: str) -> set[str]:
        return set().union(*self._ignore_globs.values(path)) if self._ignore_globs else set()

    def _severity(self, code: str) -> Severity:
        overrides = self.config.severity
        for length in range(len(code), 0, -1):
            if code[:length] in overrides:
                return overrides[code[:length]]
        return self.catalogue[code].severity

    def _finding(self, document: Document, unit: Unit, code: str, hit: Hit, lang: str, kind: str) -> Finding:
        rule = self.rules_for(lang).rules[code]
        src_start, src_end = hit.source or unit.text.source_span(hit.start, hit.end)
        source = document.source
        values = dict(hit.values)
        quoted = unit.text.text[hit.start : hit.end]
        # values that quote the span quote what the file says, on one line: a span across a
        # wrapped line or a doubled space is quoted as one would say it
        shown = _as_written(unit.text, hit.start, hit.end, source.text) if _MASKS.search(quoted) else quoted
        shown = _SPACE_RUN.sub(" ", shown)
        values = {key: shown if value == quoted else value for key, value in values.items()}
        if hit.related:  # a second span the message points at (where the text started something)
            related = source.position(unit.text.source_span(*hit.related)[0])
            values.update(related_line=related.line, related_column=related.column)
        message, suggestion = rule.render(hit.variant, values)
        matched = source.text[src_start:src_end]
        replacement = offered_fix(unit.text, hit.start, hit.end, matched, hit.fix)
        start, end = source.position(src_start), source.position(src_end)
        return Finding(
            path=source.path,
            start=start,
            end=end,
            code=code,
            slug=self.catalogue[code].slug,
            severity=self._severity(code),
            message=message,
            suggestion=suggestion,
            lang=lang,
            kind=kind,
            matched=matched,
            fix=None if replacement is None else Fix(start, end, replacement),
        )
