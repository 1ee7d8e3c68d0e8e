"""`svclint qa`: lint an archive of conversations, streamed. Findings and a scorecard
per conversation go out as JSON Lines as each conversation is linted; what is kept is
counts only (per code, per agent, queue, channel and week), so memory does not grow with the
number of conversations. Rate gates (`--fail-if "PRM001 > 2%"`) turn the counts into
an exit status for CI and dashboards."""

from __future__ import annotations

import heapq
import itertools
import multiprocessing
import operator
import os
import random
import re
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Protocol

from svclint.conversations.lint import ConversationResult, lint_conversation
from svclint.conversations.model import Conversation, Problem
from svclint.conversations.readers import META_KEYS, Item, ReadOptions, read_archive
from svclint.errors import SvclintError

if TYPE_CHECKING:
    from svclint.api import Session

Outcome = ConversationResult | Problem


# ---- gates ------------------------------------------------------------------------------------

_GATE = re.compile(r"^\s*(?P<code>[A-Za-z]+\d*)\s*(?P<op>>=|>|<=|<)\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<percent>%?)\s*$")
_OPERATORS: dict[str, Callable[[float, float], bool]] = {">": operator.gt, ">=": operator.ge,
                                                         "<": operator.lt, "<=": operator.le}


@dataclass(frozen=True)
class Gate:
    """`CODE > 2%`: the share of conversations with a finding of CODE (a code or a
    prefix); `CODE > 0`: their number. The gate is crossed when the comparison holds."""

    text: str
    code: str
    op: str
    value: float
    percent: bool

    @classmethod
    def parse(cls, text: str) -> Gate:
        match = _GATE.match(text)
        if not match:
            raise SvclintError(f"--fail-if {text!r}: expected CODE OP NUMBER[%], e.g. \"PRM001 > 2%\"")
        return cls(text.strip(), match["code"].upper(), match["op"], float(match["value"]), bool(match["percent"]))

    def measured(self, tally: Tally) -> float:
        count = tally.gated[self.code]
        return 100 * count / tally.conversations if self.percent and tally.conversations else count

    def crossed(self, tally: Tally) -> bool:
        return _OPERATORS[self.op](self.measured(tally), self.value)


# ---- counting -----------------------------------------------------------------------------------

@dataclass
class Tally:
    """What the run keeps: counts, never conversations or findings."""

    gate_codes: tuple[str, ...] = ()
    conversations: int = 0
    turns: int = 0
    findings: Counter[str] = field(default_factory=Counter)  # code -> findings
    with_code: Counter[str] = field(default_factory=Counter)  # code -> conversations with it
    by_group: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (dimension, value, code) -> conversations
    group_sizes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (dimension, value) -> conversations
    problems: Counter[str] = field(default_factory=Counter)  # kind -> count
    gated: Counter[str] = field(default_factory=Counter)  # gate code or prefix -> conversations
    families: tuple[str, ...] = ()  # the families of the rules run (ANG, PRM…)
    failed: Counter[str] = field(default_factory=Counter)  # family -> conversations failing it
    flagged: Counter[tuple[str, str]] = field(default_factory=Counter)  # (dimension, value) -> with any finding
    unwritten: int = 0  # conversations whose agents' turns read as speech recognition's text

    def add(self, result: ConversationResult) -> None:
        codes = {finding.code for finding in result.findings}
        self.conversations += 1
        self.turns += result.turns
        self.unwritten += result.unwritten
        self.findings.update(finding.code for finding in result.findings)
        self.with_code.update(codes)
        self.gated.update(_prefixes_found(self.gate_codes, codes))
        self.failed.update(_prefixes_found(self.families, codes))
        for dimension, value in _groups_of(result):
            self.group_sizes[dimension, value] += 1
            self.flagged[dimension, value] += bool(codes)
            self.by_group.update((dimension, value, code) for code in codes)

    def rate(self, count: int, total: int | None = None) -> float:
        """Per 100 conversations (of the whole run, or of a group)."""
        total = self.conversations if total is None else total
        return round(100 * count / total, 2) if total else 0.0

    def summary(self) -> dict[str, object]:
        return {"type": "summary", "conversations": self.conversations, "turns": self.turns,
                "problems": dict(sorted(self.problems.items())), "without_case_or_punctuation": self.unwritten,
                "codes": {code: {"conversations": count, "per_100": self.rate(count), "findings": self.findings[code]}
                          for code, count in sorted(self.with_code.items())},
                "groups": [{"dimension": d, "value": v, "code": c, "conversations": n,
                            "per_100": self.rate(n, self.group_sizes[d, v])}
                           for (d, v, c), n in sorted(self.by_group.items())],
                "families": {family: {"failed": self.failed[family],
                                      "pass_rate": self.rate(self.conversations - self.failed[family])}
                             for family in self.families},
                "dimensions": [{"dimension": d, "value": v, "conversations": size, "flagged": self.flagged[d, v],
                                "per_100": self.rate(self.flagged[d, v], size)}
                               for (d, v), size in sorted(self.group_sizes.items())]}

    def values(self, dimension: str) -> list[tuple[str, int]]:
        """(value, conversations) of a dimension, the largest first; weeks in time order."""
        found = [(value, size) for (d, value), size in self.group_sizes.items() if d == dimension]
        if dimension == "week":
            return sorted(found)  # `2026-W09` < `2026-W10` < `no time`: the bucket comes last
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))


GROUPS = (*META_KEYS, "week")  # the dimensions counted, as summary and table name them


def _groups_of(result: ConversationResult) -> Iterator[tuple[str, str]]:
    """The (dimension, value) pairs a conversation counts in: its agent, queue and
    channel when the export says, and always its week (or the no-time bucket)."""
    yield from ((key, result.meta[key]) for key in META_KEYS if result.meta.get(key) is not None)
    yield "week", result.week


def _prefixes_found(prefixes: Iterable[str], codes: set[str]) -> Iterator[str]:
    return (prefix for prefix in prefixes if any(code.startswith(prefix) for code in codes))


def scorecard(result: ConversationResult, families: list[str]) -> dict[str, object]:
    """Codes found, pass or fail for each family of rules run (ANG, PRM…), and the score:
    the share of families passed, out of 100."""
    codes = sorted({finding.code for finding in result.findings})
    failed = {family for family in families if any(code.startswith(family) for code in codes)}
    verdicts = {family: "fail" if family in failed else "pass" for family in families}
    score = round(100 * (len(families) - len(failed)) / len(families)) if families else 100
    return {"type": "scorecard", "conversation": result.conversation, "turns": result.turns, "codes": codes,
            "families": verdicts, "score": score, **result.meta, "week": result.week}


def families_of(codes: Iterable[str]) -> list[str]:
    return sorted({re.sub(r"\d+$", "", code) for code in codes})


# ---- the stream ------------------------------------------------------------------------------------

def read_all(paths: list[str], options: ReadOptions, fmt: str) -> Iterator[Item]:
    for path in paths:
        yield from read_archive(path, options, fmt)


def sampled(items: Iterable[Item], size: int, seed: int) -> Iterator[Item]:
    """Problems as they come, then a uniform sample of `size` conversations (reservoir
    sampling: one pass, `size` held) in their archive order; the same seed, the same sample."""
    chooser = random.Random(seed)
    reservoir: list[tuple[int, Conversation]] = []
    seen = 0
    for item in items:
        if isinstance(item, Problem):
            yield item
            continue
        if len(reservoir) < size:
            reservoir.append((seen, item))
        else:
            slot = chooser.randrange(seen + 1)
            if slot < size:
                reservoir[slot] = (seen, item)
        seen += 1
    yield from (conversation for _, conversation in heapq.nsmallest(len(reservoir), reservoir, key=lambda p: p[0]))


def linted(session: Session, items: Iterable[Item], jobs: int) -> Iterator[Outcome]:
    """Each conversation's result (problems passed through), in archive order."""
    if jobs <= 1:
        return (lint_item(session, item) for item in items)
    return _linted_in_workers(session, items, jobs)


def lint_item(session: Session, item: Item) -> Outcome:
    return item if isinstance(item, Problem) else lint_conversation(session, item)


CHUNK = 32  # conversations per task: few round trips, little held
_worker_session: Session | None = None


def _start_worker(session: Session, parent: int) -> None:
    from svclint.runner import _die_with_parent

    global _worker_session
    _worker_session = session
    _die_with_parent(parent)


def _lint_chunk(items: list[Item]) -> list[Outcome]:
    assert _worker_session is not None
    return [lint_item(_worker_session, item) for item in items]


def _linted_in_workers(session: Session, items: Iterable[Item], jobs: int) -> Iterator[Outcome]:
    """Chunks go to `jobs` worker processes; each worker compiles its rules once (the
    session travels as its settings)."""
    from svclint.runner import _stop

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(session, os.getpid()))
    try:
        yield from in_order(lambda chunk: pool.submit(_lint_chunk, chunk), items, jobs * 4)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


class _Pending(Protocol):
    def result(self) -> list[Outcome]: ...


def in_order(submit: Callable[[list[Item]], _Pending], items: Iterable[Item], window: int,
             size: int = CHUNK) -> Iterator[Outcome]:
    """The outcomes of chunks of `size` items handed to `submit` (which returns a future),
    in archive order, with at most `window` chunks in flight: the archive is never held
    whole, whatever runs the chunks (a process pool, a Dask cluster)."""
    pending: deque[_Pending] = deque()
    for chunk in _chunks(items, size):
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# ---- the run ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QaRun:
    paths: list[str]
    read_options: ReadOptions = field(default_factory=ReadOptions)
    input_format: str = "auto"
    jobs: int = 1
    sample: int | None = None
    seed: int = 0
    gates: tuple[Gate, ...] = ()
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; None: a LocalCluster of `jobs` workers
    connect_timeout: float = 10.0  # seconds to reach the scheduler and see a worker


def run_qa(session: Session, run: QaRun, out: IO[str] | None,
           on_problem: Callable[[Problem], None], progress: Callable[[], None],
           sinks: Iterable[Callable[[ConversationResult], None]] = ()) -> Tally:
    """Lint every conversation, write JSON Lines to `out` (findings, scorecards and
    problems, in archive order), hand each result to the `sinks` (the Parquet
    writer), and return the counts."""
    import json

    families = families_of(session.linter_for(".").codes)
    tally = Tally(gate_codes=tuple(gate.code for gate in run.gates), families=tuple(families))
    sinks = list(sinks)
    items = read_all(run.paths, run.read_options, run.input_format)
    if run.sample is not None:
        items = sampled(items, run.sample, run.seed)
    for outcome in _engine(run)(session, items, run):
        if isinstance(outcome, Problem):
            tally.problems[outcome.kind] += 1
            on_problem(outcome)
            lines = [outcome.to_dict()]
        else:
            tally.add(outcome)
            for sink in sinks:
                sink(outcome)
            progress()
            lines = [*(finding.to_dict() for finding in outcome.findings), scorecard(outcome, families)]
        if out is not None:
            out.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return tally


def _engine(run: QaRun) -> Callable[[Session, Iterable[Item], QaRun], Iterator[Outcome]]:
    if run.engine == "dask":
        try:
            from svclint.conversations.dask_engine import linted_on_dask
        except ModuleNotFoundError as error:
            if error.name not in ("dask", "distributed"):
                raise
            raise SvclintError("--engine dask needs Dask, which is not installed: "
                               "pip install 'svclint[dask]'") from error
        return linted_on_dask
    return lambda session, items, run: linted(session, items, run.jobs)


def table(tally: Tally, top: int = 10) -> str:
    """The aggregates for a terminal: per code, then per agent, queue, channel and week,
    `top` rows each (the most frequent codes and values, the latest weeks) and a note
    of how many more the JSON Lines summary has."""
    rows = [f"{tally.conversations} conversations, {tally.turns} turns"]
    if tally.problems:
        rows.append("input problems: " + ", ".join(f"{count} {kind}" for kind, count in sorted(tally.problems.items())))
    rows.append(f"{'code':<8} {'conversations':>13} {'per 100':>8} {'findings':>8}")
    codes = sorted(tally.with_code.items(), key=lambda pair: (-pair[1], pair[0]))
    rows += [f"{code:<8} {count:>13} {tally.rate(count):>8.2f} {tally.findings[code]:>8}" for code, count in codes[:top]]
    rows += _more(len(codes) - top, "codes")
    for dimension in GROUPS:
        values = tally.values(dimension)
        shown = values[-top:] if dimension == "week" else values[:top]
        rows += [_group_row(tally, dimension, value, size) for value, size in shown]
        rows += _more(len(values) - len(shown), f"{dimension} values")
    return "\n".join(rows) + "\n"


CODES_PER_ROW = 5  # a row per agent, queue… stays one terminal line


def _group_row(tally: Tally, dimension: str, value: str, size: int) -> str:
    """`agent marta (12): ANG001 50.0, PRM001 25.0`: the value's most frequent codes."""
    counts = sorted(((n, code) for (d, v, code), n in tally.by_group.items() if (d, v) == (dimension, value)),
                    key=lambda pair: (-pair[0], pair[1]))
    codes = ", ".join(f"{code} {tally.rate(n, size):.1f}" for n, code in counts[:CODES_PER_ROW])
    extra = f", +{len(counts) - CODES_PER_ROW} more" if len(counts) > CODES_PER_ROW else ""
    return f"{dimension} {value} ({size}): {codes or 'clean'}{extra}"


def _more(hidden: int, what: str) -> list[str]:
    return [f"  … {hidden} more {what} (all in the JSON Lines summary)"] if hidden > 0 else []


def say_problem(problem: Problem, stream: IO[str] = sys.stderr) -> None:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    about = f" [{problem.conversation}]" if problem.conversation else ""
    stream.write(f"{where}: {problem.kind}{about}: {problem.message}\n")
