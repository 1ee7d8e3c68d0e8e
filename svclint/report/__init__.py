"""Reporters: how findings are printed for people and for tools."""

from __future__ import annotations

from collections.abc import Callable

from svclint.report.ci import render_github, render_gitlab, render_junit, render_sarif
from svclint.report.json_report import render_json
from svclint.report.text import render_concise, render_text

Renderer = Callable[..., str]
FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "concise": render_concise,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "gitlab": render_gitlab,
    "junit": render_junit,
}
