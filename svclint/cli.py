"""The `svclint` command."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from svclint import __version__
from svclint.config import TRANSCRIPT_HELP, TRANSCRIPTS, Config, find_config, load_config
from svclint.conversations.readers import FORMATS as CONVERSATION_FORMATS
from svclint.diagnostics import COUNTED_DIAGNOSTICS
from svclint.errors import SvclintError
from svclint.model import KINDS, Severity
from svclint.report import FORMATS
from svclint.report.names import one_line
from svclint.report.text import fixed_note



def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _paths(given: tuple[str, ...], stdin_filename: str | None = None) -> list[str]:
    """The PATHS argument. An empty name is a mistake (a variable that expanded to
    nothing), not a request to lint the current folder, and so is a path that does
    not exist: a CI gate must not pass because a folder was renamed. With
    --stdin-filename and no path, standard input is what is linted."""
    for path in given:
        if path == "":
            raise click.UsageError("an empty path was given (did a variable expand to nothing?)")
        if path != "-" and not os.path.lexists(path):
            raise click.UsageError(f"no such file or folder: {one_line(path)}")
    return list(given) or (["-"] if stdin_filename else ["."])


def _profiles(given: tuple[str, ...]) -> list[str]:
    """The --profile names, each one svclint ships."""
    from svclint.rules.packs import profile_names

    known = profile_names()
    for name in given:
        if name not in known:
            raise click.UsageError(f"unknown profile {one_line(name)!r} (known: {', '.join(known)})")
    return list(given)


def _fail(error: SvclintError) -> NoReturn:
    click.echo(f"svclint: error: {error}", err=True)
    sys.exit(2)


def _write(path: str, text: str) -> None:
    """Write a report, baseline or starter file; a failure is an error, not a traceback."""
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        _fail(SvclintError(f"cannot write: {error.strerror or error}", one_line(path)))


def _config(path: str | None) -> Config:
    """The named configuration, else the one of the current folder (for commands
    about rules rather than files)."""
    if path:
        return load_config(Path(path))
    found = find_config(Path.cwd())
    return load_config(found) if found else Config()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="svclint")
def main() -> None:
    """Lint what your organisation says to customers: scripts, reply templates, FAQs."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--lang", type=click.Choice(["es", "en", "auto"]), help="Language of the texts (default: auto).")
@click.option("--kind", type=click.Choice(KINDS), help="Treat every file as this kind of document.")
@click.option("--transcript", type=click.Choice(TRANSCRIPTS), help=TRANSCRIPT_HELP)
@click.option("--select", help="Rule codes or prefixes to run (default: ALL).")
@click.option("--extend-select", help="Codes or prefixes to add to the selection.")
@click.option("--ignore", help="Rule codes or prefixes to skip.")
@click.option("--profile", multiple=True, help="Turn on a profile shipped with svclint (repeatable; adds to the configuration's).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--output-file", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails the run (default: warning).")
@click.option("--statistics", is_flag=True, help="Print a count per rule.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; change nothing.")
@click.option("--stdin-filename", help="File name for text read from standard input (path '-', implied when no path is given).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes (0: automatic, one for a few files, all cores for many).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary (text format).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--force-exclude", is_flag=True,
              help="Apply exclusions (exclude globs, project files such as README.md) to files named explicitly too.")
def check(paths, lang, kind, transcript, select, extend_select, ignore, profile, config_path, output_format, output_file,
          exit_zero, fail_on, statistics, baseline_path, fix, diff, stdin_filename, no_cache, jobs, quiet,
          color, force_exclude) -> None:
    """Lint PATHS (files or folders; '-' reads standard input; default: the current folder)."""
    from svclint.api import Session
    from svclint.runner import run_check

    paths = _paths(paths, stdin_filename)
    fix = fix and not diff  # --diff shows the fixes and never writes them
    try:  # a configuration named with --config is read here: its mistakes are errors like any other
        session = Session(config=config_path, lang=lang, kind=kind, transcript=transcript,
                          select=_codes(select) or None, ignore=_codes(ignore), extend_select=_codes(extend_select),
                          profile=_profiles(profile), cache=not no_cache,
                          keep_source=fix or diff or output_format == "text")
        for path in paths:  # a mistake in the configuration of a named path stops the run before any file
            session.linter_for(stdin_filename or "." if path == "-" else path)
        outcome = run_check(session, paths, stdin_filename, baseline_path, fix=fix, diff=diff, jobs=jobs,
                            output_file=output_file, force_exclude=force_exclude)
    except SvclintError as error:
        _fail(error)
    if diff:
        click.echo(outcome.diff, nl=False)
        sys.exit(1 if outcome.changed else 0)
    # With --fix, standard input's fixed text is the output; the report goes to standard error.
    to_stderr = outcome.stdin_text is not None
    if to_stderr:
        click.echo(outcome.stdin_text, nl=False)
    use_colour = _colour(color, not output_file and not to_stderr and sys.stdout.isatty())
    rules = _rules_metadata(session) if output_format == "sarif" else None
    unreadable = outcome.unreadable + sum(d.code in COUNTED_DIAGNOSTICS for r in outcome.results for d in r.diagnostics)
    lang_of_report = _report_language(session)
    report = FORMATS[output_format](outcome.results, colour=use_colour, statistics=statistics, quiet=quiet, rules=rules,
                                    unreadable=unreadable, lang=lang_of_report)
    if output_file:
        _write(output_file, report)
    else:
        click.echo(report, nl=False, err=to_stderr, color=use_colour)
    if outcome.changed:
        click.echo(fixed_note(len(outcome.changed), lang_of_report), err=True)
    failed = any(f.severity >= Severity.parse(fail_on or session.config_for(r.path).fail_on)
                 for r in outcome.results for f in r.findings)
    sys.exit(1 if outcome.changed or ((failed or unreadable) and not exit_zero) else 0)


def _report_language(session) -> str:
    """The summary speaks the project's language: Spanish when every configuration
    the run used says `lang: es`, else English. (--lang says what the texts are
    written in for one run; it does not change what svclint's own lines say.)"""
    configured = {linter.config.lang for linter in session.linters()}
    return "es" if configured == {"es"} else "en"


def _colour(choice: str, terminal: bool) -> bool:
    """--color always forces colour even into a pipe; auto follows the terminal and
    the NO_COLOR convention (any non-empty value turns colour off)."""
    if choice != "auto":
        return choice == "always"
    return terminal and not os.environ.get("NO_COLOR")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--profile", multiple=True,
              help="Profile whose duties to report on (repeatable; default: the configuration's).")
@click.option("--conversations", "archives", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A conversation archive to audit too, read as `svclint qa` reads it (repeatable).")
@click.option("--input-format", type=click.Choice(CONVERSATION_FORMATS), default="auto", show_default=True,
              help="How to read the conversation archives.")
@click.option("--lang", type=click.Choice(["es", "en", "auto"]), help="Language of the texts (default: auto).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--format", "output_format", type=click.Choice(["text", "html", "json"]), default="text",
              show_default=True)
@click.option("--output", "--output-file", "output_file", type=click.Path(dir_okay=False, writable=True),
              help="Write the report here.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes for files (0: automatic).")
def audit(paths, profile, archives, input_format, lang, config_path, output_format, output_file, jobs) -> None:
    """Report each duty of a profile: the files and conversations that meet it, those
    that do not, and those it does not apply to (PATHS default to the current folder,
    unless only --conversations are given)."""
    from svclint.audit import run_audit
    from svclint.conversations.command import ConversationProgress
    from svclint.report.audit import AUDIT_FORMATS

    files = _paths(paths) if paths or not archives else []
    progress = ConversationProgress()
    try:
        profiles = _profiles(profile) or _config(config_path).profile
        if not profiles:
            raise click.UsageError("name a profile with --profile, or turn one on with `profile:` in the configuration")
        result = run_audit(profiles, files, list(archives), config=config_path, lang=lang, input_format=input_format,
                           jobs=jobs, output=output_file, tick=progress)
    except SvclintError as error:
        _fail(error)
    finally:
        progress.close()
    report = AUDIT_FORMATS[output_format](result)
    if output_file:
        _write(output_file, report)
    else:
        click.echo(report, nl=False)
    sys.exit(1 if result.failed else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help="Baseline file to write.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--lang", type=click.Choice(["es", "en", "auto"]))
@click.option("--kind", type=click.Choice(KINDS))
def baseline(paths, output, config_path, lang, kind) -> None:
    """Record the current findings of PATHS so that `check --baseline` reports only new ones."""
    from svclint.api import Session
    from svclint.baseline import baseline_text
    from svclint.runner import lint_all

    paths = _paths(paths)
    try:
        session = Session(config=config_path, lang=lang, kind=kind)
        results, _ = lint_all(session, paths, None, output_file=output)
    except SvclintError as error:
        _fail(error)
    text, count = baseline_text(results)
    _write(output, text)
    click.echo(f"Recorded {count} finding{'s' * (count != 1)} in {output}.")


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing svclint.yaml.")
@click.option("--lang", type=click.Choice(["es", "en"]),
              help="Language of the file's comments (default: the locale's, else English).")
def init(force: bool, lang: str | None) -> None:
    """Write a commented svclint.yaml in the current folder."""
    from svclint.config import STARTER, STARTER_ES

    target = Path("svclint.yaml")
    if target.is_dir() or target.is_symlink():
        _fail(SvclintError("is a folder or a symbolic link; not overwritten", str(target)))
    if target.exists() and not force:
        _fail(SvclintError("already exists (use --force to overwrite)", str(target)))
    spanish = (lang or _locale_language()) == "es"
    _write(str(target), STARTER_ES if spanish else STARTER)
    click.echo("Se escribió svclint.yaml." if spanish else "Wrote svclint.yaml.")


def _locale_language() -> str:
    """es when the user's locale is Spanish (LC_ALL, LC_MESSAGES or LANG such as es_ES.UTF-8)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def _rules_metadata(session) -> dict[str, dict]:
    """Slug, title, description and severity of each rule selected for any file
    (English text where it exists)."""
    info = {}
    for linter in session.linters():
        book = linter.book
        english, spanish = book.language("en"), book.language("es")
        for code in linter.codes:
            data = english.get(code) or spanish.get(code)
            meta = book.catalogue[code]
            info.setdefault(code, {"slug": meta.slug, "severity": meta.severity,
                                   "title": data.title if data else meta.name, "flags": data.flags if data else meta.name})
    return info


def _book(config_path: str | None, every_profile: bool = False):
    """The rules the configuration found from here (or named) makes available, user packs
    and its profiles included (or every profile, for pages about rules)."""
    from svclint.rules.packs import profile_names, rule_book

    config = _config(config_path)
    return rule_book(config.pack_paths(), tuple(profile_names()) if every_profile else tuple(config.profile))


@main.command("rules")
@click.option("--lang", type=click.Choice(["es", "en"]), help="Only rules available in this language.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (for its rule packs).")
def list_rules(lang: str | None, config_path: str | None) -> None:
    """List every rule: code, slug, severity, scope, kinds, languages."""
    try:
        book = _book(config_path)
        by_lang = {lg: book.language(lg) for lg in ("es", "en")}
        langs = {code: [lg for lg, rules in by_lang.items() if code in rules] for code in book.catalogue}
        profiles = _profile_rows(book)
    except SvclintError as error:
        _fail(error)
    click.echo(f"{'code':7} {'slug':28} {'severity':8} {'scope':9} {'langs':6} kinds")
    for code, meta in book.catalogue.items():
        if lang and lang not in langs[code]:
            continue
        kinds = "all" if len(meta.kinds) == len(KINDS) else ",".join(meta.kinds)
        click.echo(f"{code:7} {meta.slug:28} {meta.severity.label:8} {meta.scope:9} {','.join(langs[code]):6} {kinds}")
    click.echo("")
    click.echo(f"{'profile':20} {'on':3} codes (`profile:` in the configuration or `check --profile NAME`)")
    for row in profiles:
        click.echo(row)


def _profile_rows(book) -> list[str]:
    """A line for each profile svclint ships: its name, whether the configuration turns
    it on, and its codes (read from its catalogue: its packs are validated when it is on)."""
    from svclint.rules.packs import profile_catalogue, profile_names

    rows = []
    for name in profile_names():
        codes = list(profile_catalogue(name))
        on = "yes" if set(codes) <= set(book.profile_codes) else "no"
        rows.append(f"{name:20} {on:3} {','.join(codes)}")
    return rows


@main.command()
@click.argument("code")  # a code (ANG001) or a slug (anger-denial)
@click.option("--lang", type=click.Choice(["es", "en"]), default="es", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (for its rule packs).")
def explain(code: str, lang: str, config_path: str | None) -> None:
    """Explain a rule: what it flags, why it matters, examples and the fix."""
    from svclint.explain import explain_rule

    try:
        book = _book(config_path, every_profile=True)
        by_slug = {meta.slug: name for name, meta in book.catalogue.items()}
        click.echo(explain_rule(book, by_slug.get(code.lower(), code.upper()), lang))
    except SvclintError as error:
        _fail(error)


@main.command()
def lsp() -> None:
    """Run the language server on standard input and output (for editors)."""
    from svclint.lsp.server import serve

    serve()


@main.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep it loopback).")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
def serve_studio(port: int, host: str, open_page: bool) -> None:
    """Serve the studio page for the current folder: check, explain, fix, try rules."""
    from svclint.studio.server import run

    run(Path.cwd(), host, port, open_page)


from svclint.conversations.command import qa  # noqa: E402  (its options live beside the QA code)

main.add_command(qa)
