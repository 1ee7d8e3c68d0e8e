"""The selected rules of one language, compiled into one matcher pass and run
unit by unit. Imported only when a file has to be linted: a run whose files all
come from the result cache never loads spaCy."""

from __future__ import annotations

import hashlib
import re
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from spacy import __version__ as spacy_version

from svclint.cachedir import MARSHAL, cache_dir, code_digest, read_own_bytes, unsealed, write_bytes, write_sealed
from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.kinds import check_class
from svclint.config import Config
from svclint.documents.unit import Unit
from svclint.errors import PackError
from svclint.nlp import analyse, pipeline
from svclint.rules.packs import RuleBook, RuleData
from svclint.rules.patterns import RUN_BUDGET, MatcherSet, PatternError

if TYPE_CHECKING:
    from spacy.language import Language


def make_check(rule: RuleData, config: Config) -> Check:
    return check_class(rule.check, rule.spec.get("function", ""))(rule, config)


class LanguageRules:
    """The selected rules of one language, compiled into one matcher pass."""

    def __init__(self, lang: str, codes: list[str], config: Config, book: RuleBook):
        self.lang = lang
        self.nlp = pipeline(lang)
        self.catalogue = book.catalogue
        self._user_codes = book.extra.get(lang, {}).keys()
        data = book.language(lang)
        selected = [code for code in codes if code in data]
        # rules others refine run even when not selected (their own findings are not reported)
        self._hidden = frozenset(_refined_sources(data, selected)) - set(selected)
        self.checks = {code: make_check(data[code], config) for code in [*selected, *sorted(self._hidden)]}
        self.rules = {code: data[code] for code in self.checks}
        self._by_kind: dict[tuple[str, bool], list[tuple[str, Check]]] = {}
        snapshot = _snapshot_path(lang, codes, config, book)
        held = _held_matchers(snapshot, self.nlp, config.regex_time_limit()) if snapshot else None
        self.matchers = held or MatcherSet(self.nlp, config.regex_time_limit())
        text = read_own_bytes(snapshot) if snapshot and not held else None
        if text is not None:
            try:
                self.matchers.restore(unsealed(text, MARSHAL))
            except (KeyError, TypeError, ValueError, IndexError):  # damaged: compile afresh
                self.matchers, text = MatcherSet(self.nlp, config.regex_time_limit()), None
        for code, check in self.checks.items():
            try:
                check.register(self.matchers)
            except PatternError as error:  # only user packs can get here: the bundled ones are tested
                raise PackError(f"{code}: {error}", self.rules[code].path) from None
        if snapshot and not held:
            if text is None:
                text = write_sealed(snapshot, self.matchers.snapshot(), MARSHAL)
            _hold(snapshot.name, text, self.matchers)

    def slow_regexes(self) -> dict[str, str]:
        """For each regular expression switched off in this run, the one-line E905 message
        that names it, the rules that use it and where they come from."""
        matchers = self.matchers
        return {pattern: self._slow_message(pattern, word, pattern in matchers.over_budget)
                for pattern, word in matchers.too_slow.items()}

    def _slow_message(self, pattern: str, word: str, over_budget: bool) -> str:
        limit = self.matchers.regex_time_limit
        codes = list(dict.fromkeys(key.split("|")[0] for key in self.matchers.owners.get(pattern, ())))
        owners = ", ".join(f"{code} ({self._origin(code)})" for code in codes)
        cost = (f"took over {limit * RUN_BUDGET:g} s in this run ({RUN_BUDGET} times regex-time-limit)" if over_budget
                else f"took over {limit:g} s (regex-time-limit) on the word {word[:40]!r}")
        return (f"the regular expression /{pattern}/ of {owners} {cost} and is switched off for this run, "
                "so its rule may miss findings; rewrite it without nested repetition such as (a+)+ or (a|aa)*")

    def _origin(self, code: str) -> str:
        """Where a rule comes from, as a report names it: a user pack's file, or svclint itself."""
        return f"rule pack {self.rules[code].path}" if code in self._user_codes else "bundled rule"

    def run(self, units: list[Unit], kinds: list[str], options: dict,
            applied: set[str] | None = None, spoken: bool = False,
            channels: list[str] | None = None,
            only: dict[int, frozenset[str]] | None = None) -> list[tuple[int, str, Hit]]:
        """(unit index, code, hit) for every finding in the units; with `applied`, the codes
        whose rule judged some unit are added to it (Check.applies). `spoken` text (speech
        recognition's) has a sentence per line, names without capitals, and is not judged
        by the rules that read case or punctuation (RuleMeta.reads). `channels` are what the
        units were sent as, where purpose made them notices (default: their kinds). `only`
        limits the units at its indexes to those codes (legal terms: template hygiene)."""
        catalogue = self.catalogue
        results = []
        for index, (unit, kind, channel) in enumerate(zip(units, kinds, channels or kinds)):
            table = analyse(self.nlp, _for_tokenizer(unit.text.text), spoken)
            matches = self.matchers(table)
            ctx = UnitContext(unit, table, kind, matches, options, channel)
            checks = self._checks_for(kind, spoken)
            if only and index in only:
                checks = [(code, check) for code, check in checks if code in only[index]]
            if applied is not None:
                applied.update(code for code, check in checks if code not in self._hidden and check.applies(ctx))
            hits = {code: found for code, check in checks
                    if (check.finding_keys is None or matches.any(check.finding_keys)) and (found := check.run(ctx))}
            taken_over = self._refine(ctx, checks, hits)
            for code, found in hits.items():
                if code in self._hidden:
                    continue
                taken = {ctx.sentence_at(h.start) for other in catalogue[code].yields_to if other not in self._hidden
                         for h in hits.get(other, ())}
                results.extend((index, code, hit) for hit in found
                               if ctx.sentence_at(hit.start) not in taken and (code, hit.start) not in taken_over)
        return results

    def _refine(self, ctx: UnitContext, checks: list[tuple[str, Check]], hits: dict[str, list[Hit]]) -> set[tuple[str, int]]:
        """Let the checks that refine other rules take over their findings (`hits` is
        updated in place). Returns the findings taken over from a rule that gives way to
        its refiner, as (code, start): not reported, even when the refined finding stands
        in another sentence («…no podemos ampliarlo. Y punto.»)."""
        taken_over = set()
        for code, check in checks:
            if any(source in hits for source in check.refines):
                hits[code], sources = check.refine(ctx, hits)
                taken_over.update((source, start) for source, start in sources
                                  if code in self.catalogue[source].yields_to)
        return taken_over

    def _checks_for(self, kind: str, spoken: bool) -> list[tuple[str, Check]]:
        """The checks that apply to a kind of text, written or spoken."""
        if (kind, spoken) not in self._by_kind:
            self._by_kind[kind, spoken] = [(code, check) for code, check in self.checks.items()
                                           if kind in self.catalogue[code].kinds
                                           and not (spoken and self.catalogue[code].reads)]
        return self._by_kind[kind, spoken]


def _refined_sources(data: dict[str, RuleData], selected: list[str]) -> set[str]:
    """The rules the selected ones refine (`refines`), each a rule of the language that
    refines no other: a chain would depend on the order the rules run in."""
    sources = set()
    for code in selected:
        for source, refined in data[code].spec.get("refines", {}).items():
            if source not in data or data[source].spec.get("refines"):
                problem = "is not a rule of this language" if source not in data else "refines another rule itself"
                raise PackError(f"{code}: 'refines' names {source}, which {problem}", data[code].path, refined["line"])
            sources.add(source)
    return sources


# The configuration keys that registering patterns reads (the organisation's name is a
# phrase of PRO rules). Only they key the compiled snapshot, so adding a glossary word
# in an editor does not recompile every pattern (tests/test_snapshot_key.py checks
# that no other key changes what is compiled).
COMPILED_FROM_CONFIG = ("organization",)


def _snapshot_path(lang: str, codes: list[str], config: Config, book: RuleBook) -> Path | None:
    """Where the compiled patterns of this language, selection and configuration are kept
    (for this Python, which writes them, and this spaCy, whose StringStore ids they hold)."""
    folder = cache_dir()
    if folder is None:
        return None
    read = tuple(getattr(config, name) for name in COMPILED_FROM_CONFIG)
    made_by = (sys.version, spacy_version)
    key = hashlib.sha256(repr((code_digest(), book.digest, lang, codes, read, made_by)).encode()).hexdigest()[:32]
    return folder / f"matcher-{key}{MARSHAL.suffix}"


# The compiled patterns this process holds, by snapshot name (which keys what is compiled,
# as it does in the cache folder), with the bytes of the snapshot file they were read
# from or written to. A process that makes many Linters (the language server and the
# studio as the configuration changes, a library user's sessions, the test suite's
# in-process runs) builds each language's index once: the file is still read, so it is
# marked as used and a file changed since (damaged, or another writer's) is read as any
# other, and a cache folder without it is given it.
_HELD: OrderedDict[str, tuple[bytes, MatcherSet]] = OrderedDict()
_HELD_LOCK = threading.Lock()  # the studio lints in a pool of threads
HELD_SNAPSHOTS = 4  # configurations of one process; each holds a language's whole index


def _held_matchers(snapshot: Path, nlp: Language, regex_time_limit: float) -> MatcherSet | None:
    """The held patterns of `snapshot` for a new run, when its file holds what they were
    read from (or is missing, and is written again); otherwise None."""
    with _HELD_LOCK:
        text, matchers = _HELD.get(snapshot.name, (b"", None))
        if matchers is not None:
            _HELD.move_to_end(snapshot.name)
    if matchers is None or matchers.nlp is not nlp:
        return None
    on_disk = read_own_bytes(snapshot)
    if on_disk is None:
        write_bytes(snapshot, text)
    elif on_disk != text:
        return None
    return matchers.for_new_run(regex_time_limit)


def _hold(name: str, text: bytes | None, matchers: MatcherSet) -> None:
    if text is None:  # patterns that cannot be written cannot be compared with the file either
        return
    with _HELD_LOCK:
        _HELD[name] = (text, matchers.for_new_run(matchers.regex_time_limit))
        while len(_HELD) > HELD_SNAPSHOTS:
            _HELD.popitem(last=False)


# Lone surrogates (from undecodable file names or escapes) cannot reach spaCy, and
# long runs of punctuation (underscores included) are never prose but cost the tokenizer quadratic time
# (it strips affixes one at a time); both are replaced character for character,
# so every offset stays where it was.
_SURROGATE = re.compile("[\ud800-\udfff]")
_PUNCTUATION_RUN = re.compile(r"(?:[^\w\s]|_){100,}")  # "_" is a word character to \w, not to a reader


def _for_tokenizer(text: str) -> str:
    text = _SURROGATE.sub("\ufffd", text)
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), text)
