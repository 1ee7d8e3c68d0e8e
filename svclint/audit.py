"""The audit report of a profile (issue 16): for each duty the profile checks (each of
its codes, read from its catalogue and packs), the files and conversations where the
duty applies and is met, those where it is not met (with every finding), and those
where it does not apply or was not judged, each with the reason.

"Met" is never assumed from silence: a unit counts as meeting a duty only when the
duty's rule judged it (its language and kind, and the rule's own condition, such as a
complaint being dealt with: `FileResult.scope`) and found nothing. Even then it is
evidence for an audit, not proof: the rule reads words."""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from svclint import __version__
from svclint.diagnostics import COUNTED_DIAGNOSTICS
from svclint.errors import SvclintError
from svclint.model import FileResult, Scope
from svclint.report.names import one_line
from svclint.rules.packs import load_profile, profiles_dir

if TYPE_CHECKING:
    from svclint.api import Session
    from svclint.conversations.lint import ConversationResult
    from svclint.conversations.readers import Item

MET, NOT_MET, NOT_APPLICABLE = "met", "not_met", "not_applicable"

# What each list means, said in every report.
MEANINGS = {
    MET: "the duty's rule judged the text (its language, its kind, and what makes the duty apply) "
         "and found nothing: evidence, not proof",
    NOT_MET: "the rule found what the duty forbids, or did not find what it requires",
    NOT_APPLICABLE: "the duty does not concern the text (another kind or language, nothing that makes it "
                    "apply), or the text was not judged (unreadable, ignored, suppressed); the reason is given",
}
# The reason given when a duty's kind and language fit but its own condition (a complaint,
# an automated flow) is not in the text; each duty's header says what that condition is.
NOT_CALLED_FOR = "nothing in it calls for the duty (see when it applies)"
GENERAL_LIMITS = ("svclint reads the words of texts. It does not see what happens outside them: whether a "
                  "template is used, whether replies are sent and in time, what callers hear beyond the script.")


@dataclass(frozen=True)
class Duty:
    """One code of a profile, as the report names it."""

    code: str
    name: str  # the catalogue's name (English)
    title: str  # the rule pack's title (the language of its first pack)
    article: str  # where in the law ("" when the catalogue does not say)
    applies_when: str  # when the rule judges a text at all, beyond kind and language
    severity: str
    kinds: tuple[str, ...]
    langs: tuple[str, ...]


@dataclass(frozen=True)
class Miss:
    """A finding that says a duty is not met: where it is, and what it says."""

    line: int | None
    column: int | None
    message: str
    turn: int | None = None  # a conversation's turn, counted from 1
    where: str | None = None  # a one-document export's place of the turn ("comments[2]")


@dataclass(frozen=True)
class Unit:
    """A file or a conversation, as the run judged it."""

    name: str  # a path, or archive#conversation
    scope: Scope | None  # None: not judged (see `problem`)
    misses: dict[str, list[Miss]]  # code -> its findings
    selected: frozenset[str]  # the codes its configuration runs
    problem: str | None = None  # why it was not judged
    conversation: bool = False  # read from an archive, not a file of its own


@dataclass
class Audit:
    profiles: list[str]
    duties: list[Duty]
    paths: list[str]
    archives: list[str]
    configuration: list[str]  # the configuration files used (none: svclint's defaults)
    units: list[Unit] = field(default_factory=list)
    archive_problems: Counter[str] = field(default_factory=Counter)  # kind -> rows or files skipped
    unreadable: int = 0  # inputs that could not be read (as `check` counts them)
    version: str = __version__
    date: str = field(default_factory=lambda: datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"))

    def verdicts(self, duty: Duty) -> dict[str, list[tuple[Unit, str | None]]]:
        """Each unit under met, not met or not applicable, with the reason for the last."""
        lists: dict[str, list[tuple[Unit, str | None]]] = {MET: [], NOT_MET: [], NOT_APPLICABLE: []}
        for unit in self.units:
            reason = None if unit.misses.get(duty.code) else not_applicable(duty, unit)
            verdict = NOT_APPLICABLE if reason else NOT_MET if unit.misses.get(duty.code) else MET
            lists[verdict].append((unit, reason))
        return lists

    @property
    def failed(self) -> bool:
        """A duty not met anywhere, or an input that could not be read."""
        return self.unreadable > 0 or any(unit.misses.get(duty.code) for unit in self.units for duty in self.duties)


def not_applicable(duty: Duty, unit: Unit) -> str | None:
    """Why a duty does not apply to a unit, or was not judged there; None when it was judged."""
    if unit.scope is None:
        return f"not judged: {unit.problem or 'nothing to judge'}"
    scope = unit.scope
    if duty.code not in unit.selected:
        return "not judged: the configuration does not run this code"
    if duty.code in scope.ignored:
        return "not judged: per-file-ignores leaves this code out for this path"
    if duty.code in scope.suppressed:
        return "not judged: an inline directive suppresses its finding"
    if not scope.kinds:
        return "not judged: no text in it to judge"
    if scope.lang not in duty.langs:
        return f"does not apply: read as {scope.lang}; the duty is checked in {', '.join(duty.langs)}"
    if not set(scope.kinds) & set(duty.kinds):
        return f"does not apply: read as {', '.join(scope.kinds)}; the duty concerns {', '.join(duty.kinds)}"
    if duty.code not in scope.applied:
        return f"does not apply: {NOT_CALLED_FOR}"
    return None


# ---- reading the profile ----------------------------------------------------------------

def profile_duties(profiles: Iterable[str]) -> list[Duty]:
    """The duties of the profiles, in their catalogues' order, each once."""
    duties: dict[str, Duty] = {}
    for name in profiles:
        for meta, rules in load_profile(name):
            title = rules[0].title if rules else meta.name
            duties.setdefault(meta.code, Duty(meta.code, meta.name, title, meta.article, meta.applies_when,
                                              meta.severity.label, meta.kinds, meta.langs))
    return list(duties.values())


def profile_limits(profiles: Iterable[str]) -> list[str]:
    """What svclint cannot see, in general and as each profile states it (its limits.txt)."""
    stated = []
    for name in profiles:
        path = profiles_dir() / name / "limits.txt"
        if path.is_file():
            stated.append(" ".join(path.read_text(encoding="utf-8").split()))
    return [GENERAL_LIMITS, *stated]


# ---- judging files and conversations -------------------------------------------------------

def file_unit(result: FileResult, selected: frozenset[str]) -> Unit:
    misses: dict[str, list[Miss]] = {}
    for finding in result.findings:
        misses.setdefault(finding.code, []).append(Miss(finding.start.line, finding.start.column, finding.message))
    problem = None if result.scope is not None else _problem(result)
    return Unit(one_line(result.path), result.scope, misses, selected, problem)


def _problem(result: FileResult) -> str:
    """Why a file without a scope was not judged: its diagnostic, else it says nothing."""
    first = next(iter(result.diagnostics), None)
    return f"{first.code} {' '.join(first.message.split())}" if first else "the file is empty"


def conversation_unit(archive: str, result: ConversationResult, selected: frozenset[str]) -> Unit:
    misses: dict[str, list[Miss]] = {}
    for finding in result.findings:
        misses.setdefault(finding.code, []).append(
            Miss(finding.line, finding.start + 1, finding.message, finding.turn + 1, finding.where))
    problem = None if result.scope is not None else "no turn of the organisation's to judge"
    return Unit(f"{one_line(archive)}#{one_line(result.conversation)}", result.scope, misses, selected, problem,
                conversation=True)


def judge_files(audit: Audit, session: Session, results: list[FileResult]) -> None:
    for result in results:
        selected = frozenset(session.linter_for(result.path).codes)
        audit.units.append(file_unit(result, selected))
        audit.unreadable += sum(d.code in COUNTED_DIAGNOSTICS for d in result.diagnostics)


def judge_conversations(audit: Audit, session: Session, items: Iterator[Item],
                        tick: Callable[[], None] = lambda: None) -> None:
    """Each conversation read from the archives, linted as `svclint qa` lints it; what the
    readers skip is counted by kind."""
    from svclint.conversations.lint import SCRIPT_NAME, lint_conversation
    from svclint.conversations.model import Problem

    selected = frozenset(session.linter_for(SCRIPT_NAME).codes)
    for item in items:
        if isinstance(item, Problem):
            audit.archive_problems[item.kind] += 1
            continue
        audit.units.append(conversation_unit(item.source, lint_conversation(session, item), selected))
        tick()


# ---- the run -------------------------------------------------------------------------------

def run_audit(profiles: list[str], paths: list[str], archives: list[str], *, config: str | None = None,
              lang: str | None = None, input_format: str = "auto", jobs: int = 0, output: str | None = None,
              tick: Callable[[], None] = lambda: None) -> Audit:
    """Lint `paths` (as `check` does) and the conversations of `archives` (as `qa` does)
    with the profiles' codes only, recording which rules judged each."""
    from svclint.api import Session
    from svclint.conversations.lint import SCRIPT_NAME
    from svclint.conversations.qa import read_all
    from svclint.conversations.readers import ReadOptions
    from svclint.runner import lint_all

    if output and os.path.exists(output) and any(os.path.samefile(output, archive) for archive in archives):
        raise SvclintError(f"--output {one_line(output)} is one of the conversation archives; "
                           "the report would overwrite it")
    duties = profile_duties(profiles)
    settings = dict(config=config, lang=lang, select=[duty.code for duty in duties], profile=profiles,
                    keep_source=False, record_scope=True)
    audit = Audit(profiles, duties, [one_line(p) for p in paths], [one_line(a) for a in archives], [])
    used: list[str] = []
    if paths:
        session = Session(**settings)
        for path in paths:  # a mistake in a configuration stops the run before any file
            session.linter_for(path)
        results, audit.unreadable = lint_all(session, paths, None, jobs, output_file=output)
        judge_files(audit, session, results)
        used += session.config_files(paths)
    if archives:
        session = Session(**settings, kind="call-script")
        judge_conversations(audit, session, read_all(archives, ReadOptions(), input_format), tick)
        used += session.config_files([SCRIPT_NAME])
    audit.configuration = [one_line(path) for path in dict.fromkeys(used)]
    return audit
