"""`svclint qa --parquet`: the findings as a Parquet file, for analysts' tools (DuckDB,
pandas, Spark). Rows are buffered and written a batch at a time against one fixed
schema, so memory holds one batch whatever the archive size. pyarrow is an optional
dependency (the `parquet` extra): `require_pyarrow` says so before any work starts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svclint.conversations.lint import ConversationResult
from svclint.errors import SvclintError

if TYPE_CHECKING:
    import pyarrow  # type: ignore[import-untyped]

BATCH_ROWS = 10_000
# The JSON Lines finding's fields (its `span` as two columns), then the conversation's
# agent, queue, channel and week, so a query can group findings without the scorecards.
_COLUMNS = (("conversation", "string"), ("turn", "int32"), ("role", "string"), ("code", "string"),
            ("severity", "string"), ("message", "string"), ("suggestion", "string"), ("span_start", "int32"),
            ("span_end", "int32"), ("line", "int64"), ("where", "string"), ("lang", "string"),
            ("agent", "string"), ("queue", "string"), ("channel", "string"), ("week", "string"))


def require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # type: ignore[import-untyped]  # noqa: F401
    except ImportError as error:
        raise SvclintError("--parquet needs pyarrow: pip install 'svclint[parquet]'") from error


def schema() -> pyarrow.Schema:
    import pyarrow

    return pyarrow.schema([(name, getattr(pyarrow, kind)()) for name, kind in _COLUMNS])


class FindingsParquet:
    """A sink of `run_qa`: each conversation's findings, rows buffered up to BATCH_ROWS."""

    def __init__(self, path: str) -> None:
        import pyarrow.parquet

        try:
            self.writer = pyarrow.parquet.ParquetWriter(path, schema())
        except OSError as error:
            raise SvclintError(f"cannot write {path}: {error}") from error
        self.rows: dict[str, list[Any]] = {name: [] for name, _ in _COLUMNS}
        self.buffered = 0

    def __call__(self, result: ConversationResult) -> None:
        for finding in result.findings:
            row = {**finding.to_dict(), "span_start": finding.start, "span_end": finding.end,
                   **{key: result.meta.get(key) for key in ("agent", "queue", "channel")}, "week": result.week}
            for name, column in self.rows.items():
                column.append(row[name])
            self.buffered += 1
        if self.buffered >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow

        if self.buffered:
            self.writer.write_batch(pyarrow.record_batch(self.rows, schema=self.writer.schema))
            self.rows = {name: [] for name in self.rows}
            self.buffered = 0

    def close(self) -> None:
        self.flush()
        self.writer.close()
