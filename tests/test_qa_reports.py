"""`svclint qa` reports (issue 15): aggregates per ISO week, the top-N table, the
self-contained HTML report and the findings as Parquet."""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import invoke
from test_qa import DATA, of_type, qa_lines

from svclint.conversations.model import Turn
from svclint.conversations.weeks import (
    NO_TIME,
    conversation_week,
    iso_week,
    weeks_between,
)

DOCUMENTS = [str(DATA / name) for name in ("chats.jsonl", "vcon-chat.json", "contact-lens.json",
                                           "zendesk-ticket.json", "intercom-conversation.json", "bad-rows.jsonl")]
NO_PYARROW = "pyarrow is not installed (pip install 'svclint[parquet]')"
HOSTILE_AGENT = "<script>alert('agent')</script>"
HOSTILE_QUEUE = '"><img src=x onerror=alert(1)>'


# ---- weeks ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("time", "week"), [
    ("2026-03-02T09:14:05Z", "2026-W10"),
    ("2026-03-29T23:30:00-05:00", "2026-W13"),  # the date as written: Sunday of W13 (Monday, W14, in UTC)
    ("2027-01-01", "2026-W53"),  # an ISO year is not the calendar year
    ("1717000060", "2024-W22"),  # Unix seconds (Intercom)
    ("1717000060000", "2024-W22"),  # Unix milliseconds
    ("65000", None),  # milliseconds into a call (Contact Lens): no date
    ("ayer por la tarde", None), ("", None), (None, None), ("nan", None)])
def test_iso_week_of_the_times_exports_write(time: str | None, week: str | None) -> None:
    assert iso_week(time) == week


def test_a_conversation_is_in_the_week_of_its_first_timed_turn() -> None:
    turns = [Turn("customer", "Hola"), Turn("agent", "Buenos días", "1200"), Turn("agent", "Adiós", "2026-04-01T10:00Z"),
             Turn("agent", "Otra", "2026-05-01T10:00Z")]
    assert conversation_week(turns) == "2026-W14"
    assert conversation_week(turns[:2]) == NO_TIME


def test_weeks_between_keeps_the_gaps_and_53_week_years() -> None:
    assert weeks_between("2026-W52", "2027-W02") == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]
    assert weeks_between("2025-W52", "2026-W01") == ["2025-W52", "2026-W01"]
    assert weeks_between("2026-W10", "2026-W10") == ["2026-W10"]


def test_summary_and_scorecards_count_conversations_per_week() -> None:
    lines = qa_lines(*DOCUMENTS)
    weeks = {row["value"]: row["conversations"] for row in lines[-1]["dimensions"] if row["dimension"] == "week"}
    assert weeks == {"2024-W22": 1, "2026-W10": 2, "2026-W12": 1, "2026-W14": 1, NO_TIME: 3}  # bad-rows has no times
    cards = {card["conversation"]: card["week"] for card in of_type(lines, "scorecard")}
    assert cards["c-1001"] == "2026-W10" and cards["1911149811"] == "2024-W22"
    week_codes = {(row["value"], row["code"]): (row["conversations"], row["per_100"])
                  for row in lines[-1]["groups"] if row["dimension"] == "week"}
    with_ang001 = sum(1 for card in of_type(lines, "scorecard") if card["week"] == "2026-W10" and "ANG001" in card["codes"])
    assert week_codes["2026-W10", "ANG001"] == (with_ang001, round(100 * with_ang001 / 2, 2))


def test_summary_family_pass_rates_agree_with_the_scorecards() -> None:
    lines = qa_lines(*DOCUMENTS)
    cards, families = of_type(lines, "scorecard"), lines[-1]["families"]
    assert set(families) == set(cards[0]["families"]) and len(cards) == 8
    for family, counts in families.items():
        failing = sum(1 for card in cards if card["families"][family] == "fail")
        assert counts == {"failed": failing, "pass_rate": round(100 * (8 - failing) / 8, 2)}


def test_the_table_shows_the_top_rows_and_says_how_many_more() -> None:
    result = invoke("qa", "--top", "2", *DOCUMENTS)
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    header = rows.index("code     conversations  per 100 findings")
    assert [row.split()[0] for row in rows[header + 1:header + 3]] == ["PRO005", "PRO002"]
    assert rows[header + 3] == "  … 10 more codes (all in the JSON Lines summary)"
    weeks = [row for row in rows if row.startswith("week ")]
    assert [row.split(":")[0] for row in weeks] == ["week 2026-W14 (1)", "week no time (3)"]  # the latest, then no time
    assert "  … 3 more week values (all in the JSON Lines summary)" in rows
    agents = [row for row in rows if row.startswith("agent ")]  # four agents of one conversation each: by name
    assert agents == ["agent 517 (1): ANG001 100.0, ANG003 100.0, APO001 100.0, PRO001 100.0, PRO002 100.0, +2 more",
                      "agent 814860 (1): ANG001 100.0, ANG003 100.0, APO001 100.0, PRO001 100.0, PRO002 100.0, +2 more"]
    assert "  … 2 more agent values (all in the JSON Lines summary)" in rows


# ---- the HTML report ----------------------------------------------------------------------------------

class Page(HTMLParser):
    """What a test reads back: the tables by id (cell texts), the headline figures, every
    tag and attribute seen, and the text inside each SVG title."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.figures: dict[str, str] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.titles: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._figure: str | None = None
        self._title: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "table":
            self._table = attributes["id"]
            self.tables[self._table or ""] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "dd":
            self._figure = attributes["data-figure"]
        elif tag == "title":
            self._title = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag == "title" and self._title is not None:
            self.titles.append("".join(self._title))
            self._title = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._figure is not None:
            self.figures[self._figure] = data
            self._figure = None
        if self._title is not None:
            self._title.append(data)

    def rows(self, table: str) -> list[list[str]]:
        return self.tables[table][1:]  # without the header row


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    """One run with a hostile agent and queue name among the archives: the HTML and the summary."""
    folder = tmp_path_factory.mktemp("report")
    hostile = folder / "hostile.jsonl"
    with hostile.open("w", encoding="utf-8") as out:
        for number, role in enumerate(("customer", "agent")):
            out.write(json.dumps({"conversation": "h-1", "role": role, "text": "Cálmese, por favor." if number else "Hola",
                                  "time": "2026-03-04T12:00:00Z", "agent": HOSTILE_AGENT, "queue": HOSTILE_QUEUE}) + "\n")
    page, jsonl = folder / "qa.html", folder / "qa.jsonl"
    result = invoke("qa", "--html", str(page), "--output", str(jsonl), "--fail-if", "ANG001 > 40%",
                    "--fail-if", "SIN007 > 0", *DOCUMENTS, str(hostile))
    assert result.exit_code == 1, result.output
    summary = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[-1])
    return page.read_text(encoding="utf-8"), summary


def test_report_headline_equals_the_summary(report: tuple[str, dict]) -> None:
    text, summary = report
    page = Page(text)
    assert page.figures == {"conversations": str(summary["conversations"]), "turns": str(summary["turns"]),
                            "findings": str(sum(code["findings"] for code in summary["codes"].values())),
                            "input problems": str(sum(summary["problems"].values())),
                            "without case or punctuation": str(summary["without_case_or_punctuation"])}
    assert {kind: int(count) for kind, count in page.rows("problems")} == summary["problems"]
    assert {family: (int(failed), float(rate)) for family, failed, rate in page.rows("families")} == \
        {family: (counts["failed"], counts["pass_rate"]) for family, counts in summary["families"].items()}


def test_report_rates_by_code_agent_and_week_equal_the_summary(report: tuple[str, dict]) -> None:
    text, summary = report
    page = Page(text)
    assert {code: (int(n), float(rate), int(findings)) for code, n, rate, findings in page.rows("codes")} == \
        {code: (c["conversations"], c["per_100"], c["findings"]) for code, c in summary["codes"].items()}
    dimensions = {(d["dimension"], d["value"]): d for d in summary["dimensions"]}
    agents = page.rows("by-agent")
    assert {agent for agent, *_ in agents} == {value for dimension, value in dimensions if dimension == "agent"}
    for agent, size, flagged, rate in agents:
        expected = dimensions["agent", agent]
        assert (int(size), int(flagged), float(rate)) == (expected["conversations"], expected["flagged"],
                                                          expected["per_100"])
    header, *weeks = page.tables["weeks"]
    groups = {(g["value"], g["code"]): g["per_100"] for g in summary["groups"] if g["dimension"] == "week"}
    assert header[:2] == ["week", "conversations"] and len(header) == 7  # the five most frequent codes
    for week, size, *rates in weeks:
        assert int(size) == dimensions["week", week]["conversations"]
        assert [float(rate) for rate in rates] == [groups.get((week, code), 0.0) for code in header[2:]]
    assert [week for week, *_ in weeks][-1] == NO_TIME
    # the charts: a bar per code (the ten most frequent), and a point per timed week for each trend code
    code_bars = [title for title in page.titles if title.endswith("per 100 conversations") and ", " not in title]
    assert f"PRO005: {summary['codes']['PRO005']['per_100']:.2f} per 100 conversations" in code_bars
    points = [title for title in page.titles if title.startswith(f"{header[2]}, ")]
    assert len(points) == len(weeks) - 1  # a point per week with a time; the axis runs 2024-W22 to 2026-W14
    ticks = [attributes for tag, attributes in page.tags if tag == "text" and attributes.get("class") == "tick"]
    assert len(ticks) == 1 + 6 + 11  # the unit, six values, every ninth of the 97 weeks


def test_report_gates_say_which_were_crossed(report: tuple[str, dict]) -> None:
    rows = Page(report[0]).rows("gates")
    assert rows == [["ANG001 > 40%", "55.56%", "crossed"], ["SIN007 > 0", "0.00", "not crossed"]]


def test_report_options_are_those_given(report: tuple[str, dict]) -> None:
    options = dict(Page(report[0]).rows("options"))
    assert options["--fail-if"] == "ANG001 > 40%, SIN007 > 0" and options["--top"] == "10"
    assert options["archives"].count(".json") == len(DOCUMENTS) + 1


def test_report_archive_names_come_out_inert(report: tuple[str, dict]) -> None:
    text, _ = report
    page = Page(text)
    assert [tag for tag, _ in page.tags if tag in ("script", "img", "iframe", "object")] == []
    assert all(not name.startswith("on") for _, attributes in page.tags for name in attributes)
    assert [HOSTILE_AGENT, "1", "1", "100.00"] in page.rows("by-agent")
    assert HOSTILE_QUEUE in [queue for queue, *_ in page.rows("by-queue")]
    assert "&lt;script&gt;alert(&#x27;agent&#x27;)&lt;/script&gt;" in text


def test_report_loads_nothing_from_anywhere(report: tuple[str, dict]) -> None:
    text, _ = report
    page = Page(text)
    assert [(tag, attributes) for tag, attributes in page.tags if {"src", "href", "srcset", "xlink:href"} & set(attributes)] == []
    assert "http://" not in text and "https://" not in text and "@import" not in text and "url(" not in text
    charts = [attributes for tag, attributes in page.tags if tag == "svg"]
    assert len(charts) == 5 and all(chart["role"] == "img" and chart["aria-labelledby"] for chart in charts)


def test_report_of_an_archive_with_no_times_and_no_agents(tmp_path: Path) -> None:
    page = tmp_path / "qa.html"
    result = invoke("qa", "--html", str(page), str(DATA / "contact-lens.json"))
    assert result.exit_code == 0, result.output
    parsed = Page(page.read_text(encoding="utf-8"))
    assert "No conversation has a time that says its week." in page.read_text(encoding="utf-8")
    assert parsed.rows("weeks")[0][:2] == [NO_TIME, "1"]
    assert "by-agent" not in parsed.tables


def test_report_of_a_run_with_no_conversation_draws_no_chart(tmp_path: Path) -> None:
    archive, page = tmp_path / "broken.jsonl", tmp_path / "qa.html"
    archive.write_text('{"conversation": "x", "role": "agent"}\n', encoding="utf-8")
    assert invoke("qa", "--html", str(page), str(archive)).exit_code == 0
    parsed = Page(page.read_text(encoding="utf-8"))
    assert parsed.figures["conversations"] == "0" and parsed.rows("problems") == [["missing-column", "1"]]
    assert [tag for tag, _ in parsed.tags if tag == "svg"] == []


@pytest.mark.parametrize("option", ["--html", "--parquet"])
def test_a_report_that_cannot_be_written_is_a_clear_error(tmp_path: Path, option: str) -> None:
    if option == "--parquet":
        pytest.importorskip("pyarrow.parquet", reason=NO_PYARROW)
    result = invoke("qa", option, str(tmp_path / "missing" / "qa.out"), str(DATA / "chats.jsonl"))
    assert result.exit_code == 2 and result.stderr.startswith(f"svclint: error: cannot write {tmp_path}")


# ---- Parquet ------------------------------------------------------------------------------------------

def test_parquet_findings_equal_the_json_lines_row_for_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parquet = pytest.importorskip("pyarrow.parquet", reason=NO_PYARROW)
    from svclint.conversations import parquet_out

    monkeypatch.setattr(parquet_out, "BATCH_ROWS", 7)  # several batches from a small archive
    path = tmp_path / "findings.parquet"
    lines = qa_lines("--parquet", str(path), *DOCUMENTS)
    findings = of_type(lines, "finding")
    cards = {card["conversation"]: card for card in of_type(lines, "scorecard")}
    stored = parquet.ParquetFile(path)
    assert stored.metadata.num_row_groups > 1
    rows = stored.read().to_pylist()
    assert len(rows) == len(findings) > 20
    for row, finding in zip(rows, findings):
        card = cards[finding["conversation"]]
        expected = {**finding, "span_start": finding["span"][0], "span_end": finding["span"][1],
                    **{key: card.get(key) for key in ("agent", "queue", "channel", "week")}}
        del expected["type"], expected["span"]
        assert row == expected


def test_parquet_without_pyarrow_names_the_extra_before_any_work(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # an import of it fails, as when it is not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    output = tmp_path / "qa.jsonl"
    result = invoke("qa", "--parquet", str(tmp_path / "f.parquet"), "--output", str(output), str(DATA / "chats.jsonl"))
    assert result.exit_code == 2
    assert result.stderr == "svclint: error: --parquet needs pyarrow: pip install 'svclint[parquet]'\n"
    assert result.stdout == "" and not output.exists()


def test_the_counts_grow_with_distinct_values_not_with_conversations() -> None:
    """Ten times the conversations over the same agents, weeks and codes: the tally holds
    about the same memory."""
    import tracemalloc

    from svclint.conversations.lint import ConversationResult, TurnFinding
    from svclint.conversations.qa import Tally

    def result(number: int) -> ConversationResult:
        finding = TurnFinding(f"c{number}", 1, "agent", ("ANG001", "PRM001")[number % 2], "warning", "m", None, 0, 3,
                              None, None, "es")
        return ConversationResult(f"c{number}", {"agent": f"agent-{number % 7}"}, (finding,), 2,
                                  week=f"2026-W{1 + number % 9:02d}")

    def held(count: int) -> tuple[int, dict]:
        tracemalloc.start()
        tally = Tally(gate_codes=("ANG",), families=("ANG", "PRM"))
        for number in range(count):
            tally.add(result(number))
        size, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return size, tally.summary()

    (small, few), (large, many) = held(1_000), held(10_000)
    assert many["conversations"] == 10_000 and len(many["dimensions"]) == len(few["dimensions"]) == 7 + 9
    assert large < small * 1.2 + 16_000
