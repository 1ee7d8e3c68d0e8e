"""`svclint qa --engine dask` (issue 15, item 4) on a real local Dask cluster of two
worker processes: the local run's output byte for byte, rules compiled once per
worker, configuration that travels with the run, a worker killed mid-chunk, and the
errors of a missing extra or an address nobody answers."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import invoke

distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install 'svclint[dask]')")
import dask  # noqa: E402
from distributed import Client, LocalCluster, WorkerPlugin  # noqa: E402

DATA = Path(__file__).parent / "data" / "conversations"
DOCUMENTS = [str(DATA / name) for name in ("chats.jsonl", "vcon-chat.json", "contact-lens.json",
                                           "zendesk-ticket.json", "intercom-conversation.json", "bad-rows.jsonl")]
CONVERSATIONS = 200  # seven chunks of 32 (small_chunks): several for each worker
KILLED_AT = "s-0045"  # the 14th conversation of the second chunk

OPENINGS = ("Buenos días, le atiende Laura.", "Hola, soy Pablo, del servicio de atención.", "Cálmese, por favor.")
ANSWERS = ("Le enviaremos el pedido a la mayor brevedad posible.", "He revisado su factura y el cargo es correcto.",
           "Su devolución ya está en camino y llegará el lunes.")
CLOSINGS = ("Gracias por escribirnos, que tenga un buen día.", "Un saludo.", "Quedo a su disposición.")
COMPLAINTS = ("El paquete llegó roto y nadie me contesta.", "Quiero saber cuándo llega mi pedido.")

PACK = """\
HSE001:
  name: Promising a date the warehouse cannot keep
  slug: weekday-promised
  severity: warning
  scope: sentence
  kinds: all
  es:
    check: pattern
    title: Prometer un día concreto
    flags: Un día de la semana prometido al cliente.
    message: "«{match}» promete un día que el almacén no garantiza."
    suggestion: Dé un plazo en días hábiles.
    why: El almacén no asegura días concretos.
    instead: Hable de días hábiles.
    match:
      - el lunes
    examples:
      flag:
        - text: Llegará el lunes sin falta.
          match: el lunes
      pass:
        - Llegará en dos días hábiles.
"""


def synthetic_archive(path: Path) -> Path:
    """Spanish conversations made from the lines above, each combination in turn."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(CONVERSATIONS):
            turns = [("customer", COMPLAINTS[number % 2]), ("agent", OPENINGS[number % 3]),
                     ("agent", ANSWERS[number // 3 % 3]), ("customer", "Vale."), ("agent", CLOSINGS[number // 9 % 3])]
            for role, text in turns:
                out.write(json.dumps({"conversation": f"s-{number:04}", "role": role, "text": text,
                                      "agent": f"agente-{number % 4}"}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 32 conversations, not the run's 512, so that a small archive still gives
    each worker several (a worker killed mid-run, rules compiled once per worker)."""
    from svclint.conversations import dask_engine

    monkeypatch.setattr(dask_engine, "DASK_CHUNK", 32)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(synthetic_archive(tmp_path_factory.mktemp("archive") / "chats.jsonl"))


def qa_output(*args: str) -> str:
    result = invoke("qa", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def on_dask(client: Client, *args: str) -> str:
    return qa_output("--engine", "dask", "--scheduler", client.scheduler.address, *args)


@contextmanager
def plugged(client: Client, plugin: WorkerPlugin, name: str) -> Iterator[None]:
    """A test's own worker plugin, on every worker (and on one that restarts) while in use."""
    client.register_plugin(plugin, name=name)
    try:
        yield
    finally:
        client.unregister_worker_plugin(name)


# ---- plugins run on the workers -----------------------------------------------------------------

class CountRuleBuilds(WorkerPlugin):
    """Counts, on its worker, the language rule sets compiled and the chunks linted."""

    def setup(self, worker: object) -> None:
        from svclint.conversations.dask_engine import SessionPlugin
        from svclint.rules.ruleset import LanguageRules

        self.builds = self.chunks = 0
        self.patched = [(LanguageRules, "__init__", LanguageRules.__init__), (SessionPlugin, "lint", SessionPlugin.lint)]
        build, lint = LanguageRules.__init__, SessionPlugin.lint

        def counted_build(rules: object, *args: object, **kwargs: object) -> None:
            self.builds += 1
            build(rules, *args, **kwargs)

        def counted_lint(plugin: SessionPlugin, items: list) -> list:
            self.chunks += 1
            return lint(plugin, items)

        LanguageRules.__init__ = counted_build  # type: ignore[method-assign]
        SessionPlugin.lint = counted_lint  # type: ignore[method-assign]

    def teardown(self, worker: object) -> None:
        for owner, name, original in self.patched:
            setattr(owner, name, original)


def counts(dask_worker: distributed.Worker) -> tuple[int, int]:
    plugin = dask_worker.plugins["count-rule-builds"]
    return plugin.builds, plugin.chunks


class NoConfigurationFiles(WorkerPlugin):
    """A worker on which no configuration or rule pack file can be read."""

    def setup(self, worker: object) -> None:
        import svclint.config
        import svclint.rules.packs

        def refused(path: Path, *args: object, **kwargs: object) -> str:
            raise OSError(f"this worker may not read {path}")

        self.originals = {module: module.read_data_file for module in (svclint.config, svclint.rules.packs)}
        for module in self.originals:
            module.read_data_file = refused  # type: ignore[assignment]

    def teardown(self, worker: object) -> None:
        for module, original in self.originals.items():
            module.read_data_file = original  # type: ignore[assignment]


def load_on_worker(path: str) -> str:
    from svclint.config import load_config

    try:
        load_config(Path(path))
    except OSError as error:
        return str(error)
    return "read"


class KillOnce(WorkerPlugin):
    """Kills its worker process (SIGKILL, as the kernel's out-of-memory killer would) in
    the middle of a chunk, on reaching one conversation, the first time only: the marker
    file tells a restarted worker, and the other worker, that it was done."""

    def __init__(self, conversation: str, marker: str):
        self.conversation, self.marker = conversation, marker

    def setup(self, worker: object) -> None:
        import svclint.conversations.qa as qa

        self.original = lint = qa.lint_conversation

        def lint_or_die(session: object, conversation: object) -> object:
            if getattr(conversation, "id", None) == self.conversation and not os.path.exists(self.marker):
                Path(self.marker).touch()
                os.kill(os.getpid(), signal.SIGKILL)
            return lint(session, conversation)

        qa.lint_conversation = lint_or_die

    def teardown(self, worker: object) -> None:
        import svclint.conversations.qa as qa

        qa.lint_conversation = self.original


# ---- the tests ---------------------------------------------------------------------------------

def test_dask_gives_the_local_output_byte_for_byte_and_compiles_the_rules_once_per_worker(
        client: Client, archive: str) -> None:
    local = qa_output("--lang", "es", archive, *DOCUMENTS)
    with plugged(client, CountRuleBuilds(), "count-rule-builds"):
        assert on_dask(client, "--lang", "es", archive, *DOCUMENTS) == local
        per_worker = client.run(counts).values()
    lines = [json.loads(line) for line in local.splitlines()]
    assert lines[-1]["conversations"] == CONVERSATIONS + 8 and lines[-1]["problems"]["broken-json"] == 2
    assert sum(line["type"] == "finding" for line in lines) > CONVERSATIONS
    assert sum(chunks for _, chunks in per_worker) == -(-(CONVERSATIONS + 8 + 7) // 32)  # 7 problems travel too
    assert max(chunks for _, chunks in per_worker) >= 3
    assert all(builds == 1 for builds, chunks in per_worker if chunks)  # one language: one rule set per worker


def test_configuration_and_packs_travel_with_the_run(client: Client, archive: str, tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(PACK, encoding="utf-8")
    config = tmp_path / "svclint.yaml"
    config.write_text("lang: es\nrule-packs: [house.yaml]\nignore: [PRM]\n", encoding="utf-8")
    local = qa_output("--config", str(config), archive)
    with plugged(client, NoConfigurationFiles(), "no-configuration-files"):
        assert all("may not read" in said for said in client.run(load_on_worker, str(config)).values())
        travelled = on_dask(client, "--config", str(config), archive)
    assert travelled == local
    codes = {line.get("code") for line in map(json.loads, local.splitlines())}
    assert "HSE001" in codes and not any(code.startswith("PRM") for code in codes if code)


def test_a_worker_killed_mid_chunk_is_replaced_and_nothing_is_counted_twice(
        client: Client, archive: str, tmp_path: Path) -> None:
    local = qa_output(archive)
    marker = tmp_path / "killed"
    pids = set(client.run(os.getpid).values())
    with plugged(client, KillOnce(KILLED_AT, str(marker)), "kill-once"):
        output = on_dask(client, archive)
    assert marker.exists()
    client.wait_for_workers(2, timeout=30)
    assert len(pids & set(client.run(os.getpid).values())) == 1  # one of the two processes is new
    assert output == local
    summary = json.loads(output.splitlines()[-1])
    assert summary["conversations"] == CONVERSATIONS and summary["turns"] == 5 * CONVERSATIONS


def test_a_local_cluster_of_jobs_workers_without_a_scheduler(archive: str) -> None:
    assert qa_output("--engine", "dask", "--jobs", "2", *DOCUMENTS) == qa_output(*DOCUMENTS)


def quiet_timers(dask_worker: distributed.Worker) -> dict[str, float]:
    return {name: dask_worker.periodic_callbacks[name].callback_time for name in ("memory_monitor", "tick")} | {
        "profile": "profile" in dask_worker.periodic_callbacks}


def test_the_runs_own_local_cluster_leaves_the_workers_linting() -> None:
    """No stack sampling, memory read every second, loop checked every second, in the
    worker processes too (the nannies hand the configuration on)."""
    from svclint.conversations.dask_engine import dask_client

    with dask_client(None, 2, 10) as client:
        assert list(client.run(quiet_timers).values()) == [{"memory_monitor": 1000, "tick": 1000, "profile": False}] * 2
    assert dask.config.get("distributed.worker.profile.enabled")  # the run's setting ends with its cluster


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # importing it now fails, as when not installed
    monkeypatch.delitem(sys.modules, "svclint.conversations.dask_engine", raising=False)
    result = invoke("qa", "--engine", "dask", str(DATA / "chats.jsonl"))
    assert result.exit_code == 2
    assert result.stderr == ("svclint: error: --engine dask needs Dask, which is not installed: "
                             "pip install 'svclint[dask]'\n")


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "no-such-protocol://somewhere"])
def test_a_scheduler_nobody_answers_is_an_error_within_the_timeout(address: str) -> None:
    started = time.monotonic()
    result = invoke("qa", "--engine", "dask", "--scheduler", address, "--connect-timeout", "2",
                    str(DATA / "chats.jsonl"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"svclint: error: --scheduler {address!r}: cannot reach a Dask scheduler there "
                                    "within 2 s (")
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 10


def test_a_scheduler_without_the_dask_engine_is_a_usage_error() -> None:
    result = invoke("qa", "--scheduler", "tcp://127.0.0.1:8786", str(DATA / "chats.jsonl"))
    assert result.exit_code == 2 and "--scheduler is for --engine dask" in result.stderr
