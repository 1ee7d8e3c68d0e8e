"""The `svclint qa` command's options; svclint/cli.py registers it. What it runs is in
svclint/conversations/qa.py (imported when the command runs, as spaCy is)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import click

from svclint.config import TRANSCRIPT_HELP, TRANSCRIPTS
from svclint.conversations.model import ROLES, Problem
from svclint.conversations.readers import COLUMN_KEYS, FORMATS, ReadOptions
from svclint.errors import SvclintError

if TYPE_CHECKING:
    from svclint.api import Session
    from svclint.conversations.parquet_out import FindingsParquet
    from svclint.conversations.qa import Gate, QaRun, Tally


def _pairs(given: tuple[str, ...], option: str, keys: tuple[str, ...] | None, values: tuple[str, ...] | None) -> dict[str, str]:
    """`KEY=VALUE` options as a mapping, each side checked where the set of names is known."""
    pairs = {}
    for text in given:
        key, equals, value = text.partition("=")
        if not equals or not key.strip() or not value.strip():
            raise click.UsageError(f"{option} {text!r}: expected KEY=VALUE")
        key, value = key.strip(), value.strip()
        if keys and key not in keys:
            raise click.UsageError(f"{option} {text!r}: {key!r} is not one of {', '.join(keys)}")
        if values and value not in values:
            raise click.UsageError(f"{option} {text!r}: {value!r} is not one of {', '.join(values)}")
        pairs[key] = value
    return pairs


class ConversationProgress:
    """Conversations per second on standard error, only when a person watches it (qa, audit)."""

    def __init__(self) -> None:
        watched = sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        self.bar = None
        if watched:
            from tqdm import tqdm  # type: ignore[import-untyped]

            self.bar = tqdm(unit="conv", delay=1.0, leave=False, file=sys.stderr, dynamic_ncols=True)

    def __call__(self) -> None:
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _ProblemLines:
    """Problems on standard error, the first few of each kind: an archive with a broken
    export can have millions (the JSON Lines and the summary count them all)."""

    SHOWN = 20

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, problem: Problem) -> None:
        from svclint.conversations.qa import say_problem

        count = self.seen[problem.kind] = self.seen.get(problem.kind, 0) + 1
        if count <= self.SHOWN:
            say_problem(problem)
        if count == self.SHOWN:
            click.echo(f"svclint: note: further {problem.kind} problems are only counted", err=True)


@click.command("qa")
@click.argument("archives", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--input-format", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="How to read the archives (auto: .jsonl/.csv by extension, a .json document by its keys).")
@click.option("--column", "columns", multiple=True, metavar="KEY=NAME",
              help=f"The export's column for one of {', '.join(COLUMN_KEYS)} (JSON Lines and CSV).")
@click.option("--role", "roles", multiple=True, metavar="VALUE=ROLE",
              help=f"Read this role value or author id as one of {', '.join(ROLES)}.")
@click.option("--max-turns", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Turns linted per conversation; the rest are counted as a problem.")
@click.option("--max-document-bytes", type=click.IntRange(min=1), default=50_000_000, show_default=True,
              help="Largest one-document JSON file read (JSON Lines and CSV are streamed whatever their size).")
@click.option("--max-line-chars", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Longest JSON Lines or CSV line read; a longer one is skipped as a problem.")
@click.option("--lang", type=click.Choice(["es", "en", "auto"]), help="Language of the conversations (default: auto).")
@click.option("--transcript", type=click.Choice(TRANSCRIPTS), help=TRANSCRIPT_HELP)
@click.option("--select", help="Rule codes or prefixes to run (default: ALL).")
@click.option("--ignore", help="Rule codes or prefixes to skip.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--format", "output_format", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: aggregates on standard output; jsonl: findings, scorecards and a summary as JSON Lines.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the JSON Lines here (with --format table, the table still goes to standard output).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write a self-contained HTML report (charts, tables, gates) to this file.")
@click.option("--parquet", "parquet_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write the findings as Parquet to this file (needs pyarrow: svclint[parquet]).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Rows per code, agent, queue, channel and week in the table; bars per chart in --html.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (with --engine dask and no --scheduler, the local cluster's workers).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: processes on this machine; dask: a Dask cluster (needs the dask extra).")
@click.option("--scheduler", metavar="ADDRESS",
              help="The Dask scheduler to run on (tcp://host:8786); default: a local cluster of --jobs workers.")
@click.option("--connect-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Seconds to wait for the Dask scheduler and a first worker.")
@click.option("--sample", type=click.IntRange(min=1), help="Lint a uniform sample of this many conversations.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --sample (same seed, same sample).")
@click.option("--fail-if", "fail_if", multiple=True, metavar='"CODE > 2%"',
              help="Exit 1 when the share (with %) or number of conversations with CODE crosses the limit.")
def qa(archives: tuple[str, ...], input_format: str, columns: tuple[str, ...], roles: tuple[str, ...],
       max_turns: int, max_document_bytes: int, max_line_chars: int, lang: str | None, transcript: str | None,
       select: str | None, ignore: str | None,
       config_path: str | None, output_format: str, output: str | None, html_path: str | None,
       parquet_path: str | None, top: int, jobs: int, engine: str, scheduler: str | None, connect_timeout: float,
       sample: int | None, seed: int, fail_if: tuple[str, ...]) -> None:
    """Lint the agents' and bots' turns of every conversation in ARCHIVES."""
    from svclint.api import Session
    from svclint.conversations.qa import Gate, QaRun

    def codes(value: str | None) -> list[str]:
        return [c.strip().upper() for c in (value or "").split(",") if c.strip()]

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")
    read_options = ReadOptions(columns=_pairs(columns, "--column", COLUMN_KEYS, None),
                               roles=_pairs(roles, "--role", None, ROLES),
                               max_document_bytes=max_document_bytes, max_turns=max_turns,
                               max_line_chars=max_line_chars)
    try:
        if parquet_path:
            from svclint.conversations.parquet_out import require_pyarrow

            require_pyarrow()  # before any work: a missing extra should not cost a long run
        gates = tuple(Gate.parse(text) for text in fail_if)
        session = Session(config=config_path, lang=lang, kind="call-script", transcript=transcript,
                          select=codes(select) or None,
                          ignore=codes(ignore), keep_source=False)
        run = QaRun(list(archives), read_options, input_format, jobs, sample, seed, gates, engine, scheduler,
                    connect_timeout)
        tally = _run(session, run, output_format, output, _Reports(parquet_path, top))
        if tally.unwritten and session.linter_for(".").transcript == "written":
            click.echo(f"svclint: note: in {tally.unwritten} of {tally.conversations} conversations the agents' turns "
                       "have no capital letter or punctuation mark, as speech recognition writes; "
                       "--transcript asr (or auto) judges them without the rules that read those", err=True)
        if html_path:
            from svclint.conversations.html_report import write_report

            write_report(html_path, tally, gates, _given_options(), top)
    except SvclintError as error:
        click.echo(f"svclint: error: {error}", err=True)
        sys.exit(2)
    sys.exit(_gates_verdict(gates, tally))


@dataclass(frozen=True)
class _Reports:
    """What else the run writes besides the JSON Lines and the table."""

    parquet: str | None
    top: int


def _given_options() -> dict[str, object]:
    """The running command's arguments by the name the user typed (`--format`), for the report."""
    context = click.get_current_context()
    return {(param.opts[0] if isinstance(param, click.Option) else param.name or ""): context.params[param.name or ""]
            for param in context.command.params}


def _run(session: Session, run: QaRun, output_format: str, output: str | None, reports: _Reports) -> Tally:
    """The run, its JSON Lines written to `output` (or to standard output with --format
    jsonl), then the table (with --format table)."""
    if not output:
        return _streamed(session, run, sys.stdout if output_format == "jsonl" else None, output_format, reports)
    try:
        with open(output, "w", encoding="utf-8") as out:
            return _streamed(session, run, out, output_format, reports)
    except OSError as error:
        raise SvclintError(f"cannot write {output}: {error.strerror or error}") from error


def _streamed(session: Session, run: QaRun, out: IO[str] | None, output_format: str, reports: _Reports) -> Tally:
    from svclint.conversations.qa import run_qa, table

    progress = ConversationProgress()
    parquet = _parquet_sink(reports.parquet)
    try:
        tally = run_qa(session, run, out, _ProblemLines(), progress, [parquet] if parquet else [])
    finally:
        progress.close()
        if parquet:
            parquet.close()
    if out is not None:
        out.write(json.dumps(tally.summary(), ensure_ascii=False) + "\n")
    if output_format == "table":
        click.echo(table(tally, reports.top), nl=False)
    return tally


def _parquet_sink(path: str | None) -> FindingsParquet | None:
    if not path:
        return None
    from svclint.conversations.parquet_out import FindingsParquet

    return FindingsParquet(path)


def _gates_verdict(gates: tuple[Gate, ...], tally: Tally) -> int:
    """1 when any gate is crossed (each crossed gate named on standard error), else 0."""
    crossed = [gate for gate in gates if gate.crossed(tally)]
    for gate in crossed:
        unit = "%" if gate.percent else ""
        click.echo(f"svclint: gate crossed: {gate.text} (measured {gate.measured(tally):.2f}{unit})", err=True)
    return 1 if crossed else 0
