"""Inline SVG charts for the `svclint qa` HTML report: drawn in Python, no script, no
fonts or assets from anywhere, so the report is one file that opens offline. Every
chart is an image with a title and a description for screen readers, and each bar or
point carries its own <title> (shown on hover, read by assistive tools); the page puts
a table with the same numbers beside each chart."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 720
LABEL_WIDTH = 190  # room for a bar's label on its left
VALUE_WIDTH = 70  # room for a bar's value on its right
BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_CHARS = 26  # longer labels are cut (the whole label stays in the bar's title)
# Okabe and Ito's palette: told apart with the common forms of colour blindness; the
# lines differ in dash pattern as well, for print and for the rest.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per x label; None where there is nothing to draw


def _svg(chart_id: str, title: str, description: str, height: int, body: list[str]) -> str:
    return (f'<svg role="img" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
            + "".join(body) + "</svg>")


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def nice_ceiling(value: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten, at or above `value`."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[tuple[str, float]], unit: str) -> str:
    """Horizontal bars, one per (label, value), in the order given."""
    top = nice_ceiling(max((value for _, value in bars), default=0))
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    body = []
    for row, (label, value) in enumerate(bars):
        y = BAR_GAP + row * (BAR_HEIGHT + BAR_GAP)
        length = max(1.0, span * value / top) if value else 0.0
        middle = y + BAR_HEIGHT * 0.7
        body.append(f'<g class="bar"><title>{escape(label)}: {value:.2f} {escape(unit)}</title>'
                    f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end">{escape(_cut(label))}</text>'
                    f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{COLOURS[0]}"/>'
                    f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:.1f}">{value:.2f}</text></g>')
    height = BAR_GAP + len(bars) * (BAR_HEIGHT + BAR_GAP)
    return _svg(chart_id, title, description, max(height, BAR_HEIGHT + 2 * BAR_GAP), body)


PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT = 30, 264, 56, WIDTH - 150  # the legend goes right
MAX_X_LABELS = 12


def line_chart(chart_id: str, title: str, description: str, x_labels: Sequence[str],
               series: Sequence[Series], unit: str) -> str:
    """One line per series over the x labels (weeks), a point on each value."""
    top = nice_ceiling(max((v for s in series for v in s.values if v is not None), default=0))
    step = (PLOT_RIGHT - PLOT_LEFT) / max(1, len(x_labels) - 1)

    def x(index: int) -> float:
        return PLOT_LEFT + (index * step if len(x_labels) > 1 else (PLOT_RIGHT - PLOT_LEFT) / 2)

    def y(value: float) -> float:
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / top

    body = _axes(top, unit)
    every = math.ceil(len(x_labels) / MAX_X_LABELS)
    body += [f'<text class="tick" x="{x(i):.1f}" y="{PLOT_BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>'
             for i, label in enumerate(x_labels) if i % every == 0]
    for number, line in enumerate(series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        points = [(x(i), y(v), label, v) for i, (label, v) in enumerate(zip(x_labels, line.values)) if v is not None]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in points)
        body.append(f'<g class="series"><polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" '
                    f'stroke-dasharray="{dash}"/>')
        body += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"><title>{escape(line.name)}, '
                 f'{escape(label)}: {value:.2f} {escape(unit)}</title></circle>' for px, py, label, value in points]
        legend_y = PLOT_TOP + 8 + number * 20
        body.append(f'<line x1="{PLOT_RIGHT + 20}" y1="{legend_y}" x2="{PLOT_RIGHT + 50}" y2="{legend_y}" '
                    f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
                    f'<text x="{PLOT_RIGHT + 56}" y="{legend_y + 4}">{escape(_cut(line.name))}</text></g>')
    return _svg(chart_id, title, description, PLOT_BOTTOM + 28, body)


def _axes(top: float, unit: str) -> list[str]:
    """The value axis: grid lines at fifths of the top, labelled."""
    parts = [f'<text class="tick" x="4" y="12">{escape(unit)}</text>']
    for fifth in range(6):
        value = top * fifth / 5
        y = PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * fifth / 5
        parts.append(f'<line class="grid" x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{PLOT_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>')
    return parts
