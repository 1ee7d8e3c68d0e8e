"""A recipe for Spark: lint a DataFrame of messages with `mapInPandas`, through the
same code `svclint qa` runs on each conversation.

    from pyspark.sql import functions as F

    from svclint.api import Session
    from svclint.conversations.spark import FINDINGS_SCHEMA, lint_partitions

    messages = spark.read.json("chats/*.jsonl").withColumn("position", F.monotonically_increasing_id())
    ordered = messages.repartition("conversation").sortWithinPartitions("conversation", "position")
    findings = ordered.mapInPandas(lint_partitions(Session(kind="call-script", lang="es")), FINDINGS_SCHEMA)

A conversation's messages must come one after another, in their order, within one
partition (the repartition and sort above); batches may split a conversation, since
the rows of a whole partition are read as one stream. pyspark, pandas and pyarrow
are the cluster's to provide: svclint does not depend on them.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from svclint.conversations.lint import SCRIPT_NAME, lint_conversation
from svclint.conversations.model import Problem
from svclint.conversations.readers import ReadOptions, group_rows

if TYPE_CHECKING:
    import pandas as pd

    from svclint.api import Session

COLUMNS = ("type", "conversation", "turn", "role", "code", "severity", "message", "span_start", "span_end", "lang")
FINDINGS_SCHEMA = ("type string, conversation string, turn int, role string, code string, severity string, "
                   "message string, span_start int, span_end int, lang string")
ROWS_PER_FRAME = 5_000  # findings handed back to Spark at a time: a partition is never held whole
SOURCE = "spark"  # what problems name as their file

# Sessions of this Python worker by their digest: Spark sends the function with every
# task, but the rules are compiled once per worker process (Spark reuses its workers).
_sessions: dict[str, Session] = {}


def lint_partitions(session: Session, options: ReadOptions | None = None
                    ) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """The function to give `mapInPandas`: message rows in (columns as `svclint qa`
    reads JSON Lines, renamed with `options`), rows of FINDINGS_SCHEMA out, one per
    finding (`type` "finding") and per row skipped (`type` "problem", its kind as
    `code`). The session's configuration and packs are read here and travel with it."""
    shipped = session.portable(SCRIPT_NAME)
    key = hashlib.sha256(pickle.dumps(shipped)).hexdigest()
    read_options = options or ReadOptions()

    def lint(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import pandas as pd

        worker_session = _sessions.setdefault(key, shipped)
        rows = enumerate((record for frame in frames for record in _records(frame)), 1)
        kept: list[tuple[Any, ...]] = []
        for item in group_rows(SOURCE, rows, read_options):
            kept.extend(_output_rows(worker_session, item))
            if len(kept) >= ROWS_PER_FRAME:
                yield pd.DataFrame(kept, columns=list(COLUMNS))
                kept = []
        if kept:
            yield pd.DataFrame(kept, columns=list(COLUMNS))

    return lint


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows without their missing values (NaN, NA, None), as a JSON line
    without those keys: a row missing its text is then reported as one."""
    import pandas as pd

    def missing(value: Any) -> bool:
        return bool(pd.api.types.is_scalar(value) and pd.isna(value))

    return [{key: value for key, value in record.items() if not missing(value)} for record in frame.to_dict("records")]


def _output_rows(session: Session, item: Any) -> list[tuple[Any, ...]]:
    if isinstance(item, Problem):
        return [("problem", item.conversation, None, None, item.kind, None, item.message, None, None, None)]
    result = lint_conversation(session, item)
    return [("finding", f.conversation, f.turn, f.role, f.code, f.severity, f.message, f.start, f.end, f.lang)
            for f in result.findings]
