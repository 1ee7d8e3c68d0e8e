"""The audit report (`svclint audit`) in three forms with one content: a JSON document
(the contract, keys documented in the README), plain text for a terminal, and one
self-contained HTML page to keep as evidence (inline CSS, no script, no network
asset, every text escaped, readable printed). Text and HTML are written from the
JSON document, so the three never say different things."""

from __future__ import annotations

import json
import textwrap
from html import escape
from typing import Any

from svclint.audit import MEANINGS, MET, NOT_APPLICABLE, NOT_MET, Audit, Duty, Miss, profile_limits

MARK = "svclint-audit"  # in every form: how a later run knows the file for a report (runner._REPORT_MARKS)
HEADINGS = {MET: "met", NOT_MET: "not met", NOT_APPLICABLE: "not applicable or not judged"}


def audit_document(audit: Audit) -> dict[str, Any]:
    """The report as data: what the JSON form writes and the others render."""
    duties = [_duty_entry(audit, duty) for duty in audit.duties]
    conversations = sum(unit.conversation for unit in audit.units)
    return {
        "report": MARK,
        "svclint_version": audit.version,
        "date": audit.date,
        "profiles": audit.profiles,
        "paths": audit.paths,
        "archives": audit.archives,
        "configuration": audit.configuration,
        "counts": {
            "files": len(audit.units) - conversations,
            "conversations": conversations,
            "not_judged": sum(unit.scope is None for unit in audit.units),
            "unreadable": audit.unreadable,
            "duties": len(duties),
            "duties_not_met": sum(bool(entry["not_met"]) for entry in duties),
        },
        "archive_problems": dict(sorted(audit.archive_problems.items())),
        "meanings": {HEADINGS[key]: text for key, text in MEANINGS.items()},
        "limits": profile_limits(audit.profiles),
        "duties": duties,
    }


def _duty_entry(audit: Audit, duty: Duty) -> dict[str, Any]:
    lists = audit.verdicts(duty)
    return {
        "code": duty.code, "name": duty.name, "title": duty.title, "article": duty.article,
        "severity": duty.severity, "applies_when": duty.applies_when,
        "kinds": list(duty.kinds), "langs": list(duty.langs),
        "counts": {verdict: len(units) for verdict, units in lists.items()},
        MET: [unit.name for unit, _ in lists[MET]],
        NOT_MET: [{"unit": unit.name, "findings": [_miss_entry(miss) for miss in unit.misses[duty.code]]}
                  for unit, _ in lists[NOT_MET]],
        NOT_APPLICABLE: [{"unit": unit.name, "reason": reason} for unit, reason in lists[NOT_APPLICABLE]],
    }


def _miss_entry(miss: Miss) -> dict[str, Any]:
    return {"line": miss.line, "column": miss.column, "turn": miss.turn, "where": miss.where, "message": miss.message}


def _position(finding: dict[str, Any]) -> str:
    """line:col in a file; the turn and column in a conversation, with the archive's line (or place)."""
    if finding["turn"] is None:
        return f"{finding['line']}:{finding['column']}"
    place = f"line {finding['line']}" if finding["line"] is not None else finding["where"]
    return f"turn {finding['turn']}, column {finding['column']}" + (f" ({place})" if place else "")


def _located(unit: str, finding: dict[str, Any]) -> str:
    """path:line:col: message, or archive#conversation turn N, column C: message."""
    joint = ":" if finding["turn"] is None else " "
    return f"{unit}{joint}{_position(finding)}: {finding['message']}"


def _applies(duty: dict[str, Any]) -> str:
    """When the duty applies: its kinds and languages, and its own condition."""
    when = f", when {duty['applies_when']}" if duty["applies_when"] else ""
    return f"applies to: {', '.join(duty['kinds'])} in {', '.join(duty['langs'])}{when}"


def _header_rows(document: dict[str, Any]) -> list[tuple[str, str]]:
    counts = document["counts"]
    problems = ", ".join(f"{kind}: {count}" for kind, count in document["archive_problems"].items())
    rows = [
        ("date", document["date"]),
        ("svclint", document["svclint_version"]),
        ("profile", ", ".join(document["profiles"])),
        ("paths", ", ".join(document["paths"]) or "none"),
        ("conversation archives", ", ".join(document["archives"]) or "none"),
        ("configuration", ", ".join(document["configuration"]) or "none found: svclint's defaults"),
        ("audited", f"{counts['files']} files, {counts['conversations']} conversations "
                   f"({counts['not_judged']} not judged, {counts['unreadable']} unreadable)"),
        ("duties", f"{counts['duties']}, {counts['duties_not_met']} not met somewhere"),
    ]
    return rows + ([("skipped in archives", problems)] if problems else [])


# ---- forms ---------------------------------------------------------------------------------

def render_audit_json(audit: Audit) -> str:
    return json.dumps(audit_document(audit), ensure_ascii=False, indent=2) + "\n"


def render_audit_text(audit: Audit) -> str:
    document = audit_document(audit)
    out = [f"Audit report ({MARK}) of the duties of {', '.join(document['profiles'])}", ""]
    out += [f"{label + ':':23}{value}" for label, value in _header_rows(document)]
    out += ["", "What the lists mean:"]
    out += [line for heading, text in document["meanings"].items() for line in _wrapped(f"{heading}: {text}")]
    out += ["", "Limits:"] + [line for text in document["limits"] for line in _wrapped(text)]
    for duty in document["duties"]:
        out += ["", f"{duty['code']} {duty['name']}" + (f" ({duty['article']})" if duty["article"] else ""),
                f"  {duty['title']}", *_wrapped(_applies(duty))]
        out += _text_list(MET, duty[MET])
        out += _text_list(NOT_MET, duty[NOT_MET], [_located(entry["unit"], finding)
                                                   for entry in duty[NOT_MET] for finding in entry["findings"]])
        out += _text_list(NOT_APPLICABLE, duty[NOT_APPLICABLE],
                          [f"{entry['unit']}: {entry['reason']}" for entry in duty[NOT_APPLICABLE]])
    return "\n".join(out) + "\n"


def _text_list(verdict: str, units: list[Any], lines: list[str] | None = None) -> list[str]:
    """A verdict's heading with its number of units, then one line per unit (or finding)."""
    shown = units if lines is None else lines
    return [f"  {HEADINGS[verdict]} ({len(units)})" + (":" if shown else "")] + [f"    {line}" for line in shown]


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, width=88, initial_indent="  ", subsequent_indent="    ")


_STYLE = """
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #eee; } td { overflow-wrap: anywhere; }
.met { color: #155724; } .not_met { color: #9b1c1c; font-weight: bold; } .not_applicable { color: #555; }
.summary th { width: 14em; }
@media print { body { margin: 0; } h2 { break-after: avoid-page; } tr { break-inside: avoid-page; }
               th { background: none; } }
"""


def render_audit_html(audit: Audit) -> str:
    document = audit_document(audit)
    profiles = escape(", ".join(document["profiles"]))
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f'<meta name="generator" content="{MARK} {escape(document["svclint_version"])}">',
           f"<title>Audit report: {profiles}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
           f"<h1>Audit report of the duties of {profiles}</h1>", '<table class="summary">']
    out += [f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in _header_rows(document)]
    out += ["</table>", "<h2>What the lists mean</h2>", "<dl>"]
    out += [f"<dt>{escape(heading)}</dt><dd>{escape(text)}</dd>" for heading, text in document["meanings"].items()]
    out += ["</dl>", "<h2>Limits</h2>"] + [f"<p>{escape(text)}</p>" for text in document["limits"]]
    out += _overview_html(document["duties"])
    for duty in document["duties"]:
        out += _duty_html(duty)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _overview_html(duties: list[dict[str, Any]]) -> list[str]:
    """One row per duty with its counts, each linking to the duty's table below."""
    out = ["<h2>Duties</h2>", '<table class="overview">',
           "<tr><th>duty</th><th>met</th><th>not met</th><th>not applicable or not judged</th></tr>"]
    for duty in duties:
        counts = duty["counts"]
        out.append(f'<tr><td><a href="#{escape(duty["code"])}">{escape(duty["code"])}</a> {escape(duty["name"])}</td>'
                   f'<td>{counts[MET]}</td><td class="{NOT_MET if counts[NOT_MET] else ""}">{counts[NOT_MET]}</td>'
                   f"<td>{counts[NOT_APPLICABLE]}</td></tr>")
    return out + ["</table>"]


def _duty_html(duty: dict[str, Any]) -> list[str]:
    article = f" ({escape(duty['article'])})" if duty["article"] else ""
    out = [f'<section id="{escape(duty["code"])}">', f"<h2>{escape(duty['code'])} {escape(duty['name'])}{article}</h2>",
           f"<p>{escape(duty['title'])}</p>", f"<p>{escape(_applies(duty))}</p>",
           # a header row in <thead>: a printed table repeats it on every page
           "<table>", "<thead><tr><th>verdict</th><th>file or conversation</th><th>finding or reason</th></tr></thead>",
           "<tbody>"]
    rows = [(MET, name, "") for name in duty[MET]]
    rows += [(NOT_MET, entry["unit"], f"{_position(finding)}: {finding['message']}")
             for entry in duty[NOT_MET] for finding in entry["findings"]]
    rows += [(NOT_APPLICABLE, entry["unit"], entry["reason"]) for entry in duty[NOT_APPLICABLE]]
    out += [f'<tr class="{verdict}"><td>{escape(HEADINGS[verdict])}</td><td>{escape(unit)}</td>'
            f"<td>{escape(detail)}</td></tr>" for verdict, unit, detail in rows]
    if not rows:
        out.append('<tr><td colspan="3">no file or conversation</td></tr>')
    return out + ["</tbody>", "</table>", "</section>"]


AUDIT_FORMATS = {"text": render_audit_text, "html": render_audit_html, "json": render_audit_json}
