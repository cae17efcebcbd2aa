"""Output tables of ``pipeline extract``: explicit pyarrow schemas, atomic writers, the manifest.

The contract is ``SCHEMA.md`` (kept in the repo as ``docs/SCHEMA.md``'s source of truth in
../shared). Every table has an explicit :data:`SCHEMAS` entry so column types never depend on
what pandas guesses from the first rows; an empty table still has all its columns.

Writes are atomic: each file is written to a temporary name in the same folder and renamed
over the target (``os.replace``), so a crash never leaves a half-written table and readers of
the previous run keep a complete output until the new file is in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA_VERSION = "1.0"

_str = pa.string()
_list_str = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", _str),
            ("source", _str),
            ("outlet", _str),
            ("title", _str),
            ("published", pa.date32()),
            ("published_from", _str),  # metadata | dateline | first_date | none
            ("dateline", _str),
            ("text", _str),
            ("n_tokens", pa.int64()),
            ("duplicate_of", _str),
            ("content_hash", _str),
        ]
    ),
    "mentions": pa.schema(
        [
            ("article_id", _str),
            ("mention_id", _str),
            ("label", _str),
            ("text", _str),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("sentence", pa.int64()),
            ("normalized", _str),
            ("actor_id", _str),
            ("source", _str),
            ("score", pa.float64()),
        ]
    ),
    "actors": pa.schema(
        [
            ("actor_id", _str),
            ("name", _str),
            ("variants", _list_str),
            ("offices", _list_str),
            ("n_articles", pa.int64()),
            ("n_mentions", pa.int64()),
        ]
    ),
    "roles": pa.schema(
        [
            ("actor_id", _str),
            ("article_id", _str),
            ("title", _str),
            ("organization", _str),
            ("jurisdiction", _str),
            ("office", _str),
            ("text", _str),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("quote_id", _str),
            ("article_id", _str),
            ("speaker", _str),
            ("speaker_actor_id", _str),
            ("speaker_office", _str),
            ("text", _str),
            ("kind", _str),
            ("cue", _str),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("score", pa.float64()),
            ("speaker_start", pa.int64()),  # offsets of the speaker's mention that names them (or of the cue)
            ("speaker_end", pa.int64()),
            ("sentence_start", pa.int64()),  # offsets of the sentence/paragraph the quote came from
            ("sentence_end", pa.int64()),
        ]
    ),
    "events": pa.schema(
        [
            ("event_id", _str),
            ("article_id", _str),
            ("kind", _str),
            ("name", _str),
            ("date", pa.date32()),
            ("date_text", _str),
            ("place", _str),
            ("participants", _list_str),
            ("status", _str),
            ("event_cluster", _str),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("trigger", _str),
        ]
    ),
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)

#: Tables whose rows carry ``start``/``end`` offsets into ``articles.text`` and the column whose
#: value must equal ``text[start:end]``.
OFFSET_COLUMNS: dict[str, str] = {"mentions": "text", "roles": "text", "quotes": "text"}


def _cell(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def rows_to_table(name: str, rows: Iterable[Mapping[str, Any] | Any]) -> pa.Table:
    """Build a table of ``name`` from dicts or dataclasses, with the table's explicit schema."""
    schema = SCHEMAS[name]
    cols: dict[str, list[Any]] = {f.name: [] for f in schema}
    for row in rows:
        if dataclasses.is_dataclass(row):
            row = dataclasses.asdict(row)
        for f in schema:
            cols[f.name].append(_cell(row.get(f.name)))
    return pa.table(cols, schema=schema)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(table: pa.Table, path: Path) -> None:
    """Write one parquet file atomically (temp file, fsync, rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(obj: Any, path: Path) -> None:
    atomic_write_bytes(Path(path), (json.dumps(obj, ensure_ascii=False, indent=2, default=_json_default) + "\n").encode())


def _json_default(o: Any) -> Any:
    if isinstance(o, (dt.date, dt.datetime)):
        return o.isoformat()
    if isinstance(o, Path):
        return str(o)
    if dataclasses.is_dataclass(o):
        return dataclasses.asdict(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def table_path(out: Path, name: str) -> Path:
    return Path(out) / f"{name}.parquet"


def read_table(out: Path, name: str, columns: Sequence[str] | None = None) -> pa.Table:
    """Read a table whether it was written as one file or as a folder of part files."""
    import pyarrow.dataset as ds

    path = table_path(out, name)
    if path.is_dir():
        dataset = ds.dataset(str(path), format="parquet", schema=SCHEMAS.get(name))
        return dataset.to_table(columns=list(columns) if columns else None)
    return pq.read_table(path, columns=list(columns) if columns else None, schema=SCHEMAS.get(name))
