"""The codes svclint reports about files and directives rather than about their
text, declared once: `--select`/`--ignore` accept them, `svclint explain CODE`
prints their page, and the engine, runner and reporters take their codes from here.

E9xx are diagnostics about a file (printed on standard error, never a span);
SVC1xx are findings or notes about svclint's own directives and decisions. This
module imports nothing from svclint, so any module may import it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineCode:
    code: str
    slug: str
    title: str
    doc: str  # what it means and what to do, in a few lines
    counted: bool = False  # fails the run as a finding would, unless ignored

    def page(self) -> str:
        """The `svclint explain` page."""
        return f"{self.code} ({self.slug}) — {self.title}\n\n{self.doc}"


UNUSED_SUPPRESSION = "SVC100"
THIRD_LANGUAGE = "SVC101"  # a file in neither Spanish nor English: noted, not linted
NOTICE_READ = "SVC102"  # a message read as an automated notice: the rules about replying do not run
MALFORMED_DIRECTIVE = "SVC103"
LEGAL_READ = "SVC104"  # a unit read as contract terms: not judged as service writing

_TABLE = (
    EngineCode("E901", "unparsable-file", "A file that could not be parsed", (
        "Malformed YAML or JSON, or a YAML document over `max-yaml-nodes`: the file, or the part\n"
        "named, is not linted. The line says where the reader stopped. Fix the file, or add it to\n"
        "`exclude` if it is not customer text. It fails the run unless `--ignore E901`."), counted=True),
    EngineCode("E902", "unreadable-file", "A file that could not be read", (
        "A binary file, text that is not UTF-8, a file over `max-file-bytes`, a folder that cannot\n"
        "be read, a named pipe or device, or a broken or looping link named on the command line.\n"
        "Nothing in it is linted. Convert it to UTF-8, raise the limit, or exclude the path.\n"
        "It fails the run unless `--ignore E902`."), counted=True),
    EngineCode("E903", "unknown-file-setting", "An in-file setting with an unknown value", (
        "A `svclint: lang=…` or `svclint: kind=…` directive names a language or kind svclint does\n"
        "not know. The setting is dropped (the language is detected, the kind comes from the\n"
        "configuration or the file's structure). Write one of the values the message lists."
    )),
    EngineCode("E904", "changed-while-fixing", "A file that changed while svclint read it", (
        "`--fix` found the file different from what it had linted, so it wrote nothing there.\n"
        "Run `svclint check --fix` again once nothing else is writing the file."
    )),
    EngineCode("E905", "slow-pattern", "A regular expression switched off for being too slow", (
        "A `regex:` step of a rule pack ran over `regex-time-limit` and is off for the rest of the\n"
        "run; the message names it, its rules and their pack. Rewrite it without nested repeats\n"
        "(or as a word pattern), or raise the limit."
    )),
    EngineCode("E906", "linked-file-not-fixed", "A symbolic link that --fix did not write through", (
        "A fix is written only to a regular file, never through a link that could lead anywhere.\n"
        "Run `--fix` on the file the link points to."
    )),
    EngineCode("E907", "file-not-written", "A file that --fix could not write", (
        "The file is read-only, is not a regular file, or writing it failed (disk full, no\n"
        "permission). It was left as it was; the message says why. Make it writable and run again."
    )),
    EngineCode(UNUSED_SUPPRESSION, "unused-suppression", "A directive that suppresses nothing", (
        "A `svclint: disable…` directive names a code that does not exist, or no finding it could\n"
        "have suppressed was there. Stale suppressions hide future findings, so they are reported.\n"
        "Remove the directive or correct its codes; `--ignore SVC100` silences this."
    )),
    EngineCode(THIRD_LANGUAGE, "third-language", "A file in neither Spanish nor English", (
        "Catalan, Portuguese, French, Italian or German text, recognised from function words that\n"
        "Spanish and English never use, is not judged: Spanish or English rules would misread it.\n"
        "The file gets this one note and no findings; it never fails a run. A `svclint: lang=es`\n"
        "(or `lang=en`) directive in the file has it linted anyway."
    )),
    EngineCode(NOTICE_READ, "automated-notice", "A message read as an automated notice", (
        "An e-mail, chat message or SMS with the marks of a notice (a do-not-reply line, an\n"
        "if-this-wasn't-you line, a verification code, a bounce, an order-total table, a short\n"
        "interface error, a why-you-got-this footer, an invitation, a notification to staff, a bot's\n"
        "banner or status line, an opening that reports what happened to the reader's account or\n"
        "password, a subject or title that names a notice (\"Password reset\", «Contraseña cambiada»),\n"
        "a password reset link, a system's error report, a sign-in security alert, a satisfaction\n"
        "survey, a moderation decision,\n"
        "a welcome to someone who just signed up, or two weaker signs such as an order's\n"
        "state change and a pointer to the account page) is not a reply to someone who wrote: the\n"
        "rules about answering a customer (thanks, apology, acknowledgement, warm address,\n"
        "personalisation, brevity) do not run on it.\n"
        "The note names the signals and the rules. A kind stated in the file itself\n"
        "(`<!-- svclint: kind=email -->`) keeps it a reply; `--kind notice` or a `kinds` glob sets it."
    )),
    EngineCode(MALFORMED_DIRECTIVE, "malformed-directive", "A svclint directive that could not be read", (
        "A comment (or, in plain text, a line) starts with `svclint:` and a word close to a directive,\n"
        "but is not one svclint can apply: a misspelt keyword (`disabel`), codes without `=`\n"
        "(`disable-next-line ANG001`), an empty or broken code list. It is not applied, so nothing\n"
        "is suppressed; the suggestion gives the closest correct form. The forms are\n"
        "`disable[=CODES]`, `enable[=CODES]`, `disable-line[=CODES]`, `disable-next-line[=CODES]`,\n"
        "`disable-file[=CODES]`, `kind=KIND` and `lang=es|en`. `--ignore SVC103` silences this."
    )),
    EngineCode(LEGAL_READ, "legal-terms", "Text read as legal terms", (
        "A unit with three or more different marks of contract language (\"this Agreement\",\n"
        "\"hereby\", \"indemnify\", \"licensors\", \"in no event\", \"without limitation\"; «el presente\n"
        "contrato», «propiedad intelectual», «en ningún caso») is terms of service, a disclaimer or a\n"
        "licence, not something said to a customer: only its template leftovers and syntax are judged\n"
        "(TPL001-TPL003: a blank such as \"[Company Name]\" reaches the reader all the same). Privacy and cookie policies\n"
        "are read alike, from what only the policy says (\"we collect\", \"we use cookies\", \"on our\n"
        "behalf\", GDPR; «recopilamos», «cedemos», «derechos ARCO»); the policy, personal data and\n"
        "third parties, which replies mention too, count as one mark. The note quotes the marks\n"
        "found; it never fails a run. Marks that start only after a message has greeted its reader\n"
        "and said something are its footer, and the message is judged. A kind stated in the file\n"
        "itself (`svclint: kind=faq`) has it judged anyway."
    )),
)

DIAGNOSTICS: dict[str, EngineCode] = {entry.code: entry for entry in _TABLE}
# Codes a directive problem is reported under, as findings in the file.
DIRECTIVE_PROBLEMS = (UNUSED_SUPPRESSION, MALFORMED_DIRECTIVE)
# A file that could not be parsed or read fails the run as a finding would (unless ignored).
COUNTED_DIAGNOSTICS = frozenset(entry.code for entry in _TABLE if entry.counted)


def engine_code(name: str) -> EngineCode | None:
    """The entry for a code (any case) or a slug."""
    wanted = name.strip()
    return DIAGNOSTICS.get(wanted.upper()) or next((e for e in _TABLE if e.slug == wanted.lower()), None)
