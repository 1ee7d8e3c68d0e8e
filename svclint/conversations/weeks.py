"""The ISO week a conversation took place in, for the weekly trend of `svclint qa`.
Exports write times in their own ways: ISO 8601 text (JSON Lines, CSV, vCon,
Zendesk), Unix seconds (Intercom), milliseconds from the start of the call
(Contact Lens). Only the first two say when; a conversation whose turns say
nothing readable goes to the NO_TIME bucket, counted like any week."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from svclint.conversations.model import Turn

NO_TIME = "no time"
# A bare number this large is a Unix time (2001 onwards), in seconds, or in milliseconds
# past the second bound; a smaller one is an offset into the call, which says no date.
_EPOCH_SECONDS_FROM = 1_000_000_000
_EPOCH_MILLIS_FROM = 100_000_000_000


def iso_week(time: str | None) -> str | None:
    """`2026-W14` for a readable time, else None. An ISO time's week is that of the
    date as written (the export's own clock, not converted to UTC); a Unix time's, of
    its UTC date."""
    if not time or not time.strip():
        return None
    text = time.strip()
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = _unix_time(text)
    if moment is None:
        return None
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def _unix_time(text: str) -> datetime | None:
    try:
        number = float(text)
    except ValueError:
        return None
    if number >= _EPOCH_MILLIS_FROM:
        number /= 1000
    if not _EPOCH_SECONDS_FROM <= number < 2**33:  # 2**33 s is beyond the year 2200: not a time
        return None
    return datetime.fromtimestamp(number, UTC)


def weeks_between(first: str, last: str) -> list[str]:
    """Every ISO week from `first` to `last` (`2026-W52`, `2026-W53`, `2027-W01`), so a
    chart's time axis keeps the gaps where no conversation took place."""
    monday, end = (date.fromisocalendar(int(week[:4]), int(week[6:]), 1) for week in (first, last))
    weeks = []
    while monday <= end:
        year, number, _ = monday.isocalendar()
        weeks.append(f"{year}-W{number:02d}")
        monday += timedelta(weeks=1)
    return weeks


def conversation_week(turns: Iterable[Turn]) -> str:
    """The week of the first turn whose time can be read, or NO_TIME."""
    return next((week for week in (iso_week(turn.time) for turn in turns) if week), NO_TIME)
