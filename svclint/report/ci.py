"""Reports for CI systems: SARIF 2.1.0, GitHub workflow commands, GitLab Code
Quality and JUnit XML."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from svclint import __version__
from svclint.model import FileResult, Finding, Severity
from svclint.report.fingerprint import fingerprints
from svclint.report.names import printable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
GITLAB_LEVEL = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _findings(results: list[FileResult]) -> list[Finding]:
    return [f for r in results for f in r.findings]


def render_sarif(results: list[FileResult], rules: dict | None = None, **_: object) -> str:
    findings = _findings(results)
    rules = rules or {}
    codes = sorted({f.code for f in findings} | set(rules))
    index = {code: i for i, code in enumerate(codes)}
    driver = {
        "name": "svclint",
        "version": __version__,
        "rules": [_sarif_rule(code, rules.get(code, {})) for code in codes],
    }
    sarif_results = []
    for finding, key in zip(findings, fingerprints(findings)):
        result = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message + (f" {finding.suggestion}" if finding.suggestion else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(finding.path)},
                "region": {"startLine": finding.start.line, "startColumn": finding.start.column,
                           "endLine": finding.end.line, "endColumn": finding.end.column},
            }}],
            "partialFingerprints": {"svclint/v1": key},
        }
        sarif_results.append(result)
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": sarif_results}
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"


def _sarif_rule(code: str, info: dict) -> dict:
    rule = {
        "id": code,
        "name": info.get("slug", code),
        "shortDescription": {"text": info.get("title", code)},
        "fullDescription": {"text": info.get("flags", info.get("title", code))},
        "help": {"text": f"Run `svclint explain {code}` for the rule's page."},
    }
    if "severity" in info:
        rule["defaultConfiguration"] = {"level": SARIF_LEVEL[info["severity"]]}
    return rule


def _uri(path: str) -> str:
    return printable(path).replace("\\", "/").removeprefix("./")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult], **_: object) -> str:
    lines = []
    for f in _findings(results):
        props = (f"file={_escape_property(printable(f.path))},line={f.start.line},col={f.start.column},"
                 f"endLine={f.end.line},endColumn={f.end.column},title={_escape_property(f'{f.code} {f.slug}')}")
        message = f.message + (f" {f.suggestion}" if f.suggestion else "")
        lines.append(f"::{GITHUB_LEVEL[f.severity]} {props}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_gitlab(results: list[FileResult], **_: object) -> str:
    findings = _findings(results)
    issues = [{
        "type": "issue",
        "check_name": f.code,
        "description": f"{f.code} {f.message}",
        "categories": ["Style"],
        "severity": GITLAB_LEVEL[f.severity],
        "fingerprint": key,
        "location": {"path": _uri(f.path), "lines": {"begin": f.start.line, "end": f.end.line}},
    } for f, key in zip(findings, fingerprints(findings))]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def render_junit(results: list[FileResult], **_: object) -> str:
    failing = sum(1 for r in results if r.findings)
    suites = ElementTree.Element("testsuites", name="svclint", tests=str(len(results)), failures=str(failing))
    suite = ElementTree.SubElement(suites, "testsuite", name="svclint", tests=str(len(results)),
                                   failures=str(failing), errors="0", skipped="0")
    for result in results:
        case = ElementTree.SubElement(suite, "testcase", classname="svclint", name=printable(result.path))
        if result.findings:
            failure = ElementTree.SubElement(case, "failure", type="svclint",
                                             message=f"{len(result.findings)} problem(s)")
            failure.text = "\n".join(
                f"{printable(f.path)}:{f.start.line}:{f.start.column}: {f.code} [{f.severity.label}] {f.message}"
                for f in result.findings)
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
