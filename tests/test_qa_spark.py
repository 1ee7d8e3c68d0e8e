"""The Spark recipe (svclint/conversations/spark.py, issue 15, item 4): messages in a
Spark DataFrame linted with `mapInPandas` give the findings and problems `svclint qa`
gives on the same rows. Runs on a local Spark of two cores; skipped where pyspark
(with pandas and pyarrow) or Java is absent, as svclint does not depend on them."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import invoke

if not shutil.which("java"):
    pytest.skip("Spark needs Java, and there is no `java` on PATH", allow_module_level=True)
pytest.importorskip("pandas", reason="the Spark recipe needs pandas (pip install pandas)")
pytest.importorskip("pyarrow", reason="the Spark recipe needs pyarrow (pip install pyarrow)")
pyspark_sql = pytest.importorskip("pyspark.sql", reason="pyspark is not installed (pip install pyspark)")

from svclint.api import Session  # noqa: E402
from svclint.conversations.spark import FINDINGS_SCHEMA, lint_partitions  # noqa: E402

DATA = Path(__file__).parent / "data" / "conversations"
EXTRA_CONVERSATIONS = 12
pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")  # pyspark on pandas 3


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PYSPARK_PYTHON", sys.executable)  # the workers run this environment's Python
        session = (pyspark_sql.SparkSession.builder.master("local[2]").appName("svclint-recipe")
                   .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                   .config("spark.sql.execution.arrow.maxRecordsPerBatch", "3")  # conversations span batches
                   .getOrCreate())
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


def message_rows() -> list[dict]:
    """The readable rows of two test archives, and conversations written here."""
    rows = []
    for name in ("chats.jsonl", "bad-rows.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict):
                rows.append(row)
    for number in range(EXTRA_CONVERSATIONS):
        rows += [{"conversation": f"x-{number}", "role": "customer", "text": "Me han cobrado dos veces."},
                 {"conversation": f"x-{number}", "role": "agent",
                  "text": "Hola, soy Inés. Le garantizo que se lo devolvemos hoy." if number % 2 else
                          "Buenos días, gracias por avisarnos; reviso el cargo ahora mismo."}]
    return rows


def test_map_in_pandas_gives_the_findings_and_problems_of_svclint_qa(spark, tmp_path: Path) -> None:
    import pandas as pd

    rows = message_rows()
    archive = tmp_path / "messages.jsonl"
    archive.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    result = invoke("qa", "--format", "jsonl", "--lang", "es", str(archive))
    expected = [json.loads(line) for line in result.stdout.splitlines()]

    frame = pd.DataFrame(rows)
    frame["position"] = range(len(frame))
    messages = spark.createDataFrame(frame).repartition("conversation")
    ordered = messages.sortWithinPartitions("conversation", "position")
    found = ordered.mapInPandas(lint_partitions(Session(kind="call-script", lang="es")), FINDINGS_SCHEMA).collect()

    assert sorted((r.conversation, r.turn, r.role, r.code, r.span_start, r.span_end) for r in found
                  if r.type == "finding") == sorted(
        (f["conversation"], f["turn"], f["role"], f["code"], *f["span"]) for f in expected if f["type"] == "finding")
    assert sorted((r.code, r.conversation) for r in found if r.type == "problem") == \
        [("empty-text", "b-1"), ("missing-column", None), ("unknown-role", "b-1")]
    assert {r.conversation for r in found if r.code == "PRM001"} >= {"x-1", "x-3"}
