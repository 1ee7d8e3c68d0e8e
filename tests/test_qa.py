"""`svclint qa` (issue 15): conversations streamed from archives, findings and
scorecards as JSON Lines, aggregates, rate gates, workers and samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke

from svclint.conversations.qa import Gate, Tally
from svclint.errors import SvclintError

DATA = Path(__file__).parent / "data" / "conversations"
DOCUMENTS = [str(DATA / name) for name in ("chats.jsonl", "vcon-chat.json", "contact-lens.json",
                                           "zendesk-ticket.json", "intercom-conversation.json")]


def qa_lines(*args: str, code: int = 0) -> list[dict]:
    result = invoke("qa", "--format", "jsonl", *args)
    assert result.exit_code == code, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def of_type(lines: list[dict], kind: str) -> list[dict]:
    return [line for line in lines if line["type"] == kind]


def test_findings_name_conversation_turn_span_and_file_line() -> None:
    lines = qa_lines(str(DATA / "chats.jsonl"))
    found = {(f["conversation"], f["turn"], f["role"], f["code"], tuple(f["span"]), f["line"])
             for f in of_type(lines, "finding")}
    assert ("c-1001", 1, "agent", "ANG001", (0, 7), 2) in found
    assert ("c-1001", 1, "agent", "PRM001", (20, 32), 2) in found
    assert ("c-1002", 2, "agent", "PRM003", (71, 91), 6) in found
    assert all(f["role"] in ("agent", "bot") for f in of_type(lines, "finding"))


def test_a_scorecard_per_conversation_and_a_summary_last() -> None:
    lines = qa_lines(str(DATA / "chats.jsonl"))
    cards = of_type(lines, "scorecard")
    assert [card["conversation"] for card in cards] == ["c-1001", "c-1002"]
    first = cards[0]
    # the customer has waited three weeks for a refund: no apology, no acknowledgement
    assert first["codes"] == ["ANG001", "ANG003", "APO001", "PRM001", "PRM003", "PRO001", "PRO002", "PRO003", "PRO005",
                              "THX001"]
    failed = {"ANG", "APO", "PRM", "PRO", "THX"}
    assert {family for family, verdict in first["families"].items() if verdict == "fail"} == failed
    assert first["score"] == round(100 * (len(first["families"]) - len(failed)) / len(first["families"]))
    assert first["agent"] == "marta" and first["queue"] == "facturacion"
    summary = lines[-1]
    assert summary["type"] == "summary" and summary["conversations"] == 2 and summary["turns"] == 6
    assert summary["codes"]["ANG001"] == {"conversations": 1, "per_100": 50.0, "findings": 1}


def test_table_prints_rates_per_100_and_per_agent() -> None:
    result = invoke("qa", *DOCUMENTS)
    assert result.exit_code == 0
    assert "6 conversations, 16 turns" in result.stdout
    assert [line.split() for line in result.stdout.splitlines() if line.startswith("ANG001")] == \
        [["ANG001", "4", "66.67", "4"]]
    assert "agent marta (1): ANG001 100.0," in result.stdout


@pytest.mark.parametrize(("gate", "code"), [("ANG001 > 60%", 1), ("ANG001 > 70%", 0), ("ANG001 >= 4", 1),
                                            ("ANG > 4", 0), ("prm001 > 0", 1), ("SIN007 > 0", 0)])
def test_fail_if_gates_set_the_exit_code(gate: str, code: int) -> None:
    result = invoke("qa", "--fail-if", gate, *DOCUMENTS)
    assert result.exit_code == code
    assert ("gate crossed" in result.stderr) == bool(code)


def test_a_gate_that_cannot_be_read_is_a_usage_error() -> None:
    result = invoke("qa", "--fail-if", "ANG001 above 2", *DOCUMENTS)
    assert result.exit_code == 2 and "--fail-if 'ANG001 above 2'" in result.stderr
    with pytest.raises(SvclintError):
        Gate.parse("> 2%")


def test_a_percent_gate_on_an_empty_run_measures_zero() -> None:
    assert Gate.parse("ANG001 > 0%").measured(Tally(gate_codes=("ANG001",))) == 0


def test_bad_rows_are_counted_with_their_lines_and_the_run_goes_on() -> None:
    lines = qa_lines(str(DATA / "bad-rows.jsonl"), str(DATA / "bad-rows.csv"), str(DATA / "zendesk-script.json"))
    problems = {(Path(p["path"]).name, p["line"], p["kind"]) for p in of_type(lines, "problem")}
    assert problems == {
        ("bad-rows.jsonl", 2, "missing-column"), ("bad-rows.jsonl", 3, "unknown-role"),
        ("bad-rows.jsonl", 4, "empty-text"), ("bad-rows.jsonl", 5, "broken-json"), ("bad-rows.jsonl", 6, "broken-json"),
        ("bad-rows.csv", 3, "missing-column"), ("bad-rows.csv", 4, "unknown-role"), ("bad-rows.csv", 5, "empty-text"),
        ("zendesk-script.json", None, "html-script")}
    assert lines[-1]["problems"] == {"broken-json": 2, "empty-text": 2, "html-script": 1, "missing-column": 2,
                                     "unknown-role": 2}
    assert [card["conversation"] for card in of_type(lines, "scorecard")] == ["b-1", "b-2", "k-1", "60001"]
    script_turn = [f for f in of_type(lines, "finding") if f["conversation"] == "60001" and f["code"] == "PRM001"]
    assert [(tuple(f["span"]), f["line"], f["where"]) for f in script_turn] == [((13, 25), None, "comments[1]")]


def test_rows_of_a_conversation_that_come_back_later_are_reported(tmp_path: Path) -> None:
    archive = tmp_path / "unsorted.jsonl"
    rows = [("a", "customer", "Hola"), ("b", "agent", "Buenas tardes"), ("a", "agent", "Buenas tardes"),
            ("c", "agent", "Hola"), ("b", "agent", "Adiós")]
    archive.write_text("".join(json.dumps({"conversation": c, "role": r, "text": t}) + "\n" for c, r, t in rows),
                       encoding="utf-8")
    lines = qa_lines(str(archive))
    assert [(p["line"], p["kind"], p["conversation"]) for p in of_type(lines, "problem")] == [
        (3, "split-conversation", "a"), (5, "split-conversation", "b")]
    assert [card["conversation"] for card in of_type(lines, "scorecard")] == ["a", "b", "a", "c", "b"]
    assert lines[-1]["problems"] == {"split-conversation": 2}


def test_the_seen_ids_filter_never_forgets_and_seldom_imagines() -> None:
    from svclint.conversations.seen import SeenIds

    seen = SeenIds()
    assert not any(seen.add(f"conv-{n}") for n in range(50_000))  # no false "seen" among 50,000 new ids
    assert all(seen.add(f"conv-{n}") for n in range(0, 50_000, 7))


def test_a_csv_without_a_needed_column_is_one_problem(tmp_path: Path) -> None:
    archive = tmp_path / "export.csv"
    archive.write_text("id,who,body\n1,agent,Hola\n2,agent,Hola\n", encoding="utf-8")
    lines = qa_lines(str(archive))
    assert [(p["line"], p["kind"], p["message"]) for p in of_type(lines, "problem")] == \
        [(1, "missing-column", "the header has no conversation, role, text column")]
    lines = qa_lines("--column", "conversation=id", "--column", "role=who", "--column", "text=body", str(archive))
    assert lines[-1]["conversations"] == 2 and not of_type(lines, "problem")


def test_a_conversation_of_100000_turns_is_capped_with_a_problem(tmp_path: Path) -> None:
    archive = tmp_path / "long.jsonl"
    with archive.open("w", encoding="utf-8") as out:
        for number in range(100_000):
            role = "customer" if number % 2 else "agent"
            out.write(json.dumps({"conversation": "long", "role": role, "text": f"Mensaje {number}."}) + "\n")
    lines = qa_lines("--max-turns", "40", str(archive))
    [problem] = of_type(lines, "problem")
    assert (problem["line"], problem["kind"], problem["conversation"]) == (1, "too-many-turns", "long")
    assert problem["message"] == "100000 turns: only the first 40 are linted"
    assert [card["turns"] for card in of_type(lines, "scorecard")] == [40]


def test_a_json_document_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    lines = qa_lines("--max-document-bytes", "100", str(DATA / "vcon-chat.json"), str(DATA / "chats.jsonl"))
    assert [(p["kind"], Path(p["path"]).name) for p in of_type(lines, "problem")] == [("too-large", "vcon-chat.json")]
    assert lines[-1]["conversations"] == 2  # the JSON Lines file is streamed, whatever its size


def test_two_jobs_give_the_one_job_output() -> None:
    archives = DOCUMENTS + [str(DATA / "bad-rows.jsonl")]
    assert qa_lines("--jobs", "2", *archives) == qa_lines("--jobs", "1", *archives)


def test_a_sample_is_reproducible_and_in_archive_order() -> None:
    first = qa_lines("--sample", "3", "--seed", "7", *DOCUMENTS)
    again = qa_lines("--sample", "3", "--seed", "7", *DOCUMENTS)
    assert first == again
    everything = [card["conversation"] for card in of_type(qa_lines(*DOCUMENTS), "scorecard")]
    chosen = [card["conversation"] for card in of_type(first, "scorecard")]
    assert len(chosen) == 3 and chosen == [name for name in everything if name in chosen]
    seeds = {tuple(card["conversation"] for card in of_type(qa_lines("--sample", "3", "--seed", str(seed), *DOCUMENTS),
                                                            "scorecard")) for seed in range(6)}
    assert len(seeds) > 1  # the seed chooses


def test_output_file_gets_the_json_lines_and_the_table_still_prints(tmp_path: Path) -> None:
    report = tmp_path / "qa.jsonl"
    result = invoke("qa", "--output", str(report), str(DATA / "chats.jsonl"))
    assert result.exit_code == 0 and "2 conversations, 6 turns" in result.stdout
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert lines == qa_lines(str(DATA / "chats.jsonl"))


def test_a_csv_row_the_reader_cannot_take_is_skipped(tmp_path: Path) -> None:
    archive = tmp_path / "huge-field.csv"
    archive.write_text("conversation,role,text\n1,agent,Hola\n2,agent," + "x" * 200_000 + "\n3,agent,Adiós\n",
                       encoding="utf-8")
    lines = qa_lines("--select", "ANG", str(archive))
    assert [(p["line"], p["kind"]) for p in of_type(lines, "problem")] == [(3, "broken-row")]
    assert [card["conversation"] for card in of_type(lines, "scorecard")] == ["1", "3"]


def test_reading_holds_one_conversation_whatever_the_archive_size(tmp_path: Path) -> None:
    """Peak memory of reading 2,000 and 20,000 conversations is about the same."""
    import tracemalloc

    from svclint.conversations.readers import ReadOptions, read_archive

    def peak(count: int) -> int:
        archive = tmp_path / f"many-{count}.jsonl"
        with archive.open("w", encoding="utf-8") as out:
            for number in range(count):
                for role in ("customer", "agent"):
                    out.write(json.dumps({"conversation": f"c{number}", "role": role, "text": "Hola, buenas."}) + "\n")
        tracemalloc.start()
        read = sum(1 for _ in read_archive(str(archive), ReadOptions()))
        _, highest = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert read == count
        return highest

    small, large = peak(2_000), peak(20_000)
    assert large < small * 1.5 + 64_000
