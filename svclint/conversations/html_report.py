"""`svclint qa --html`: the run's aggregates as one self-contained HTML page: inline
CSS, inline SVG charts (svclint.conversations.svg_charts), no script and nothing
loaded from anywhere, so it can be mailed or archived as it is. Every text from the
archive (agent, queue and channel names, which are user data) is escaped; each chart
has a table with the same numbers beside it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from html import escape

from svclint import __version__
from svclint.conversations.qa import Gate, Tally
from svclint.conversations.readers import META_KEYS
from svclint.conversations.svg_charts import Series, bar_chart, line_chart
from svclint.conversations.weeks import NO_TIME, weeks_between
from svclint.errors import SvclintError

TREND_CODES = 5  # lines in the weekly trend: more cannot be told apart
PER_100 = "per 100 conversations"

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
dl.figures { display: flex; flex-wrap: wrap; gap: 1rem; }
dl.figures div { border: 1px solid #ccc; border-radius: 6px; padding: .5rem 1rem; min-width: 8rem; }
dl.figures dt { font-size: .85rem; color: #555; } dl.figures dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
table { border-collapse: collapse; margin: .8rem 0; } caption { text-align: left; font-weight: 600; }
th, td { border: 1px solid #ccc; padding: .2rem .6rem; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; max-width: 100%; height: auto; font-size: 12px; }
svg text { fill: #1b1b1b; } svg .tick { fill: #555; } svg .grid { stroke: #e3e3e3; }
.crossed { color: #b00020; font-weight: 600; } .note { color: #555; } #options td:first-child { white-space: nowrap; }
"""

Cell = str | int | float


def write_report(path: str, tally: Tally, gates: Sequence[Gate], options: Mapping[str, object], top: int) -> None:
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write(render_report(tally, gates, options, top))
    except OSError as error:
        raise SvclintError(f"cannot write {path}: {error.strerror or error}") from error


def render_report(tally: Tally, gates: Sequence[Gate], options: Mapping[str, object], top: int = 10) -> str:
    """The page: headline figures, rates by code and by agent, queue and channel, the
    weekly trend, the gates and the options of the run. Charts show the `top` largest;
    the tables have every row."""
    sections = [_headline(tally), _codes(tally, top), *(_dimension(tally, key, top) for key in META_KEYS),
                _trend(tally), _gates(tally, gates), _options(options)]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>svclint QA report</title><style>{_STYLE}</style></head><body>"
            f"<h1>svclint QA report</h1><p class=\"note\">svclint {escape(__version__)}, {generated}</p>"
            + "".join(sections) + "</body></html>\n")


def _table(table_id: str, caption: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    def cell(value: Cell) -> str:
        if isinstance(value, float):
            return f'<td class="number">{value:.2f}</td>'
        if isinstance(value, int):
            return f'<td class="number">{value}</td>'
        return f"<td>{escape(value)}</td>"

    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in header)
    body = "".join("<tr>" + "".join(map(cell, row)) + "</tr>" for row in rows)
    return f'<table id="{table_id}"><caption>{escape(caption)}</caption><tr>{head}</tr>{body}</table>'


def _section(title: str, *parts: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{''.join(parts)}</section>"


def _headline(tally: Tally) -> str:
    figures = [("conversations", tally.conversations), ("turns", tally.turns),
               ("findings", sum(tally.findings.values())), ("input problems", sum(tally.problems.values())),
               ("without case or punctuation", tally.unwritten)]  # speech-recognition text: --transcript asr
    listed = "".join(f'<div><dt>{name}</dt><dd data-figure="{name}">{value}</dd></div>' for name, value in figures)
    problems = (_table("problems", "Input skipped or read otherwise, by reason", ["reason", "count"],
                       sorted(tally.problems.items()))
                if tally.problems else '<p class="note">No input was skipped.</p>')
    families = _table("families", "Pass rate per family of rules", ["family", "conversations failing", "pass rate %"],
                      [(family, tally.failed[family], tally.rate(tally.conversations - tally.failed[family]))
                       for family in tally.families])
    return _section("Headline", f'<dl class="figures">{listed}</dl>', problems, families)


def _codes(tally: Tally, top: int) -> str:
    ranked = sorted(tally.with_code.items(), key=lambda pair: (-pair[1], pair[0]))
    if not ranked:
        return _section("Rate by code", '<p class="note">No finding.</p>')
    chart = bar_chart("chart-codes", "Rate by code", f"Conversations with each code, {PER_100}; the {top} most "
                      "frequent codes.", [(code, tally.rate(count)) for code, count in ranked[:top]], PER_100)
    rows = [(code, count, tally.rate(count), tally.findings[code]) for code, count in ranked]
    return _section("Rate by code", chart, _table("codes", "Every code found",
                                                  ["code", "conversations", "per 100", "findings"], rows))


def _dimension(tally: Tally, dimension: str, top: int) -> str:
    """Per agent (queue, channel): the share of its conversations with any finding."""
    values = tally.values(dimension)
    if not values:
        return _section(f"Rate by {dimension}", f'<p class="note">The archive names no {dimension}.</p>')
    flagged = [(value, size, tally.flagged[dimension, value]) for value, size in values]
    chart = bar_chart(f"chart-{dimension}", f"Rate by {dimension}",
                      f"Conversations with at least one finding, {PER_100} of each {dimension}; "
                      f"the {top} {dimension} values with the most conversations.",
                      [(value, tally.rate(count, size)) for value, size, count in flagged[:top]], PER_100)
    rows = [(value, size, count, tally.rate(count, size)) for value, size, count in flagged]
    return _section(f"Rate by {dimension}", chart, _table(
        f"by-{dimension}", f"Every {dimension}", [dimension, "conversations", "with a finding", "per 100"], rows))


def _trend(tally: Tally) -> str:
    """The most frequent codes' rates week by week; conversations with no readable time
    have their own row in the table (they cannot be placed on the line)."""
    weeks = tally.values("week")
    codes = [code for code, _ in sorted(tally.with_code.items(), key=lambda pair: (-pair[1], pair[0]))[:TREND_CODES]]

    def rate(week: str, size: int, code: str) -> float:
        return tally.rate(tally.by_group["week", week, code], size)

    timed = {week: size for week, size in weeks if week != NO_TIME}
    parts = []
    if timed and codes:
        axis = weeks_between(min(timed), max(timed))  # a week with no conversation has no point
        series = [Series(code, [rate(week, timed[week], code) if week in timed else None for week in axis])
                  for code in codes]
        parts.append(line_chart("chart-weeks", "Trend by week", f"Rate of the {len(codes)} most frequent codes "
                                f"in each ISO week, {PER_100} of that week.", axis, series, PER_100))
    else:
        parts.append('<p class="note">No conversation has a time that says its week.</p>')
    rows: list[Sequence[Cell]] = [[week, size, *(rate(week, size, code) for code in codes)] for week, size in weeks]
    parts.append(_table("weeks", "Rates per week (per 100 conversations of the week)",
                        ["week", "conversations", *codes], rows))
    return _section("Trend by week", *parts)


def _gates(tally: Tally, gates: Sequence[Gate]) -> str:
    if not gates:
        return _section("Gates", '<p class="note">No gate was set (--fail-if).</p>')
    rows = "".join(f"<tr><td>{escape(gate.text)}</td><td class=\"number\">{gate.measured(tally):.2f}"
                   f"{'%' if gate.percent else ''}</td>"
                   + ('<td class="crossed">crossed</td>' if gate.crossed(tally) else "<td>not crossed</td>") + "</tr>"
                   for gate in gates)
    return _section("Gates", f'<table id="gates"><caption>Gates (--fail-if): a crossed gate fails the run</caption>'
                             f'<tr><th scope="col">gate</th><th scope="col">measured</th>'
                             f'<th scope="col">verdict</th></tr>{rows}</table>')


def _options(options: Mapping[str, object]) -> str:
    """The options the run was given (left out: those not set)."""
    def shown(value: object) -> str:
        return ", ".join(map(str, value)) if isinstance(value, tuple | list) else str(value)

    rows = [(name, shown(value)) for name, value in options.items() if value not in (None, (), [])]
    return _section("Options of the run", _table("options", "Options", ["option", "value"], rows))
