"""Speech-recognition transcripts (issue 15): `transcript: asr` and `--transcript asr`
judge text without case or punctuation by the words alone. The rules that read case
or punctuation (catalogue `reads`) are not run, each line or turn is one sentence,
and a name needs no capital letter. tests/data/conversations/voice-asr.jsonl holds a
Spanish and an English call written as speech recognition writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke

from svclint.api import Session
from svclint.config import config_from_mapping
from svclint.conversations.lint import render
from svclint.conversations.model import Conversation
from svclint.conversations.readers import ReadOptions, read_archive
from svclint.errors import ConfigError, PackError
from svclint.nlp import analyse, pipeline
from svclint.rules.packs import _meta, load_catalogue

VOICE = Path(__file__).parent / "data" / "conversations" / "voice-asr.jsonl"
LONG_TURN_ES = ("vale déjeme que revise su línea un momento por favor veo que hay una incidencia abierta en su "
                "zona desde el día cuatro y los técnicos están trabajando en ella pero todavía no tengo una fecha "
                "de cuándo quedará resuelta del todo")


Placed = tuple[str, int, str, tuple[int, int]]  # conversation, turn, code, span


def qa_findings(*args: str, archives: tuple[Path, ...] = (VOICE,)) -> tuple[list[Placed], str]:
    """The findings of `svclint qa ARCHIVES ARGS`, sorted, and its standard error."""
    result = invoke("qa", *map(str, archives), "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    found = [(f["conversation"], f["turn"], f["code"], tuple(f["span"])) for f in lines if f["type"] == "finding"]
    return sorted(found), result.stderr


def test_the_rules_that_read_case_or_punctuation_are_named_in_the_catalogue() -> None:
    reads = {code: meta.reads for code, meta in load_catalogue().items() if meta.reads}
    assert reads == {"CLR001": ("punctuation",), "CLR002": ("punctuation",), "CLR004": ("case",),
                     "CLR007": ("case", "punctuation")}


def test_a_catalogue_entry_may_only_read_case_or_punctuation() -> None:
    entry = {"slug": "x", "severity": "warning", "scope": "sentence", "name": "X", "reads": ["colour"]}
    with pytest.raises(PackError, match="reads must be a list of case, punctuation"):
        _meta("ABC001", entry, "pack.yaml")


def test_the_configuration_key_takes_written_asr_or_auto() -> None:
    assert config_from_mapping({"transcript": "asr"}, "svclint.yaml").transcript == "asr"
    assert config_from_mapping({"transcript": "auto"}, "svclint.yaml").transcript == "auto"
    assert config_from_mapping({}, "svclint.yaml").transcript == "written"
    with pytest.raises(ConfigError, match="'transcript': must be one of written, asr, auto"):
        config_from_mapping({"transcript": "voice"}, "svclint.yaml")


def test_spoken_text_has_a_sentence_per_line_whatever_marks_it_holds() -> None:
    text = "hola. buenos días le atiende marta\nsí dígame. qué necesita"
    table = analyse(pipeline("es"), text, spoken=True)
    assert [table.texts[i] for i in table.sentence_starts] == ["hola", "sí"]
    written = analyse(pipeline("es"), text)  # full stops end sentences; a lower-case line continues one
    assert [written.texts[i] for i in written.sentence_starts] == ["hola", "buenos", "qué"]


def test_a_long_unpunctuated_turn_is_not_one_overlong_sentence() -> None:
    text = f"Agente: {LONG_TURN_ES}\nCliente: vale\n"
    written = {f.code for f in Session(lang="es", kind="call-script").lint_text(text).findings}
    spoken = {f.code for f in Session(lang="es", kind="call-script", transcript="asr").lint_text(text).findings}
    assert "CLR001" in written
    assert not spoken & {"CLR001", "CLR002", "CLR004", "CLR007"}


def test_a_lower_case_name_counts_in_the_opening_of_a_transcript() -> None:
    text = ("Agente: buenos días gracias por llamar a telered le atiende lucía en qué puedo ayudarle\n"
            "Cliente: hola\n")
    written = {f.code for f in Session(lang="es", kind="call-script").lint_text(text).findings}
    spoken = {f.code for f in Session(lang="es", kind="call-script", transcript="asr").lint_text(text).findings}
    assert {"PRO002", "PRO003"} <= written  # "telered" and "lucía" without capitals are no names to read
    assert not spoken & {"PRO002", "PRO003"}


def test_a_function_word_is_still_no_name() -> None:
    text = "Agent: good morning you are through to the billing line how can i help\nCustomer: hi\n"
    spoken = {f.code for f in Session(lang="en", kind="call-script", transcript="asr").lint_text(text).findings}
    assert "PRO002" in spoken  # "the" after "through to" names no organisation


def test_qa_judges_a_transcript_by_its_words() -> None:
    found, _ = qa_findings("--transcript", "asr")
    assert ("v-201", 3, "PRM001", (0, 12)) in found  # "le garantizo"
    assert ("v-201", 5, "ANG001", (0, 7)) in found  # "cálmese"
    assert ("v-202", 3, "SIN006", (25, 46)) in found  # "that's company policy"
    assert not {code for _, _, code, _ in found} & {"CLR001", "CLR002", "CLR004", "CLR007", "PRO002", "PRO003"}


def test_without_the_option_the_run_says_the_archive_looks_like_speech() -> None:
    found, stderr = qa_findings()
    assert ("v-201", 2, "CLR001", (0, len(LONG_TURN_ES))) in found
    assert "in 2 of 2 conversations the agents' turns have no capital letter or punctuation mark" in stderr
    assert "--transcript asr" in stderr
    _, quiet = qa_findings("--transcript", "asr")
    assert "no capital letter" not in quiet


def test_the_summary_counts_conversations_without_case_or_punctuation() -> None:
    result = invoke("qa", str(VOICE), str(VOICE.parent / "chats.jsonl"), "--format", "jsonl")
    summary = json.loads(result.stdout.splitlines()[-1])
    assert (summary["conversations"], summary["without_case_or_punctuation"]) == (4, 2)


def test_the_configuration_key_applies_to_check(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text("transcript: asr\nlang: es\nkind: call-script\n", encoding="utf-8")
    script = tmp_path / "llamada.txt"
    script.write_text(f"Agente: {LONG_TURN_ES}\nCliente: vale\n", encoding="utf-8")
    result = invoke("check", str(script), "--format", "json", "--no-cache")
    assert "CLR001" not in {f["code"] for f in json.loads(result.stdout)}
    result = invoke("check", str(script), "--format", "json", "--no-cache", "--transcript", "written")
    assert "CLR001" in {f["code"] for f in json.loads(result.stdout)}


def test_the_result_cache_tells_a_transcript_run_from_a_written_one(tmp_path: Path) -> None:
    script = tmp_path / "llamada.txt"
    script.write_text(f"Agente: {LONG_TURN_ES}\nCliente: vale\n", encoding="utf-8")
    args = ("check", str(script), "--format", "json", "--lang", "es", "--kind", "call-script")
    first = {f["code"] for f in json.loads(invoke(*args).stdout)}
    second = {f["code"] for f in json.loads(invoke(*args, "--transcript", "asr").stdout)}
    assert "CLR001" in first and "CLR001" not in second


def test_auto_judges_each_conversation_as_it_was_made() -> None:
    """A mixed archive: the voice calls are judged as speech, the typed chats as text,
    exactly as a run with each mode gives them, and no note asks for the option."""
    chats = VOICE.parent / "chats.jsonl"
    mixed, stderr = qa_findings("--transcript", "auto", archives=(VOICE, chats))
    spoken, _ = qa_findings("--transcript", "asr")
    typed, _ = qa_findings(archives=(chats,))
    assert [f for f in mixed if f[0].startswith("v-")] == spoken
    assert [f for f in mixed if f[0].startswith("c-")] == typed
    assert "no capital letter" not in stderr


def test_auto_in_the_configuration_tells_a_transcript_from_a_written_script(tmp_path: Path) -> None:
    (tmp_path / "svclint.yaml").write_text("transcript: auto\nlang: es\nkind: call-script\n", encoding="utf-8")
    spoken, written = tmp_path / "llamada.txt", tmp_path / "guion.txt"
    spoken.write_text(f"Agente: {LONG_TURN_ES}\nCliente: vale\n", encoding="utf-8")
    written.write_text(f"Agente: {LONG_TURN_ES.capitalize()}.\nCliente: Vale.\n", encoding="utf-8")
    result = invoke("check", str(spoken), str(written), "--format", "json", "--no-cache")
    long_sentences = {Path(f["path"]).name for f in json.loads(result.stdout) if f["code"] == "CLR001"}
    assert long_sentences == {"guion.txt"}


@pytest.mark.parametrize("conversation", ["v-201", "v-202"])
def test_a_transcript_conversation_equals_its_script_checked_as_a_transcript(conversation: str,
                                                                            tmp_path: Path) -> None:
    [call] = [item for item in read_archive(str(VOICE), ReadOptions())
              if isinstance(item, Conversation) and item.id == conversation]
    script = tmp_path / "script.txt"
    script.write_text(render(call).text, encoding="utf-8")
    checked = json.loads(invoke("check", str(script), "--format", "json", "--no-cache", "--kind", "call-script",
                                "--transcript", "asr").stdout)
    found, _ = qa_findings("--transcript", "asr")
    assert sorted(f["code"] for f in checked) == sorted(code for conv, _, code, _ in found if conv == conversation)
