"""Check an output folder of ``pipeline extract`` against its contract (``SCHEMA.md``).

:func:`validate_output` returns a list of :class:`Problem`; an empty list means the folder is a
complete, self-consistent run: the manifest is present and finished, every table is there (as
one parquet file or as a folder of part files) with the required columns and types, values are
within their vocabularies, keys are unique, every reference points to an existing row, every
character offset reproduces its span (``articles.text[start:end] == span``) and the manifest's
row counts match the tables.

The row-level checks run as DuckDB queries over the parquet files, so they stream: nothing is
loaded into Python except the few offending rows reported (at most :data:`EXAMPLES_PER_CHECK`
per check, plus one "and N more" line) and the offset check is a join that DuckDB spills to a
temporary folder when it does not fit in memory. Schemas and row counts come from the parquet
footers only.

``pipeline validate DIR`` delegates to :func:`main`.

Problem codes (``Problem.code``) and their message templates are in :data:`MESSAGES`:

====  ==========================================================================
V001  manifest.json missing
V002  manifest.json not parseable / not a JSON object
V003  schema_version differs from :data:`pipeline.dataset.SCHEMA_VERSION`
V004  manifest ``complete`` is not true
V005  manifest key missing or of the wrong type
V006  manifest row count differs from the table
V007  manifest ``published_from`` counts differ from ``articles.published_from``
V010  table missing (neither ``TABLE.parquet`` file nor folder)
V011  table unreadable (corrupt parquet, folder without part files)
V012  required column missing
V013  column of an incompatible type
V020  value outside its vocabulary (label, source, kind, status)
V021  score outside [0, 1]
V022  null in a column that must not be null
V023  PERSON mention without ``actor_id``
V024  ``events.kind`` not lower case
V025  negative count (``n_tokens``, ``sentence``, ``n_articles``, ``n_mentions``)
V030  duplicate primary key
V040  ``article_id`` not in articles
V041  actor reference (``actor_id``, ``speaker_actor_id``, ``act_*`` participant) not in actors
V042  ``duplicate_of`` not another article in articles
V050  offsets outside the article text (or start > end)
V051  ``text[start:end]`` differs from the span column
V090  a check could not run (internal error, reported rather than raised)
====  ==========================================================================
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only; keep import light
    import duckdb
    import pyarrow as pa

# --------------------------------------------------------------------------------------------
# Codes and messages
# --------------------------------------------------------------------------------------------

V001 = "V001"
V002 = "V002"
V003 = "V003"
V004 = "V004"
V005 = "V005"
V006 = "V006"
V007 = "V007"
V010 = "V010"
V011 = "V011"
V012 = "V012"
V013 = "V013"
V020 = "V020"
V021 = "V021"
V022 = "V022"
V023 = "V023"
V024 = "V024"
V025 = "V025"
V030 = "V030"
V040 = "V040"
V041 = "V041"
V042 = "V042"
V050 = "V050"
V051 = "V051"
V090 = "V090"

#: Message template of every code; ``{row}`` is e.g. ``mention_id='men_1' (article_id='art_1')``.
MESSAGES: dict[str, str] = {
    V001: "manifest.json missing in {path}: not a finished output of `pipeline extract`",
    V002: "manifest.json in {path} cannot be parsed ({reason})",
    V003: "manifest.json schema_version is {found!r}, this pipeline reads {expected!r}",
    V004: "manifest.json complete is {found!r}, not true: the run did not finish",
    V005: "manifest.json key {key!r} {reason}",
    V006: "manifest.json {key} says {expected} rows of {of}, the table has {actual}",
    V007: "manifest.json published_from[{key!r}] is {expected}, articles.published_from has {actual}",
    V010: "{table}: {path} missing (neither a parquet file nor a folder of part files)",
    V011: "{table}: {path} cannot be read ({reason})",
    V012: "{table}: required column {column!r} missing{where}",
    V013: "{table}: column {column!r} has type {found}, expected {expected}{where}",
    V020: "{table} row {row}: {column}={value!r} is not one of {allowed}",
    V021: "{table} row {row}: {column}={value!r} is outside [0, 1]",
    V022: "{table} row {row}: {column} is null",
    V023: "{table} row {row}: PERSON mention {text!r} has no actor_id",
    V024: "{table} row {row}: {column}={value!r} is not lower case",
    V025: "{table} row {row}: {column}={value!r} is negative",
    V030: "{table}: {column}={value!r} appears {count} times",
    V040: "{table} row {row}: article_id={value!r} is not in articles",
    V041: "{table} row {row}: {column}={value!r} is not in actors",
    V042: "{table} row {row}: duplicate_of={value!r} is not another article in articles",
    V050: "{table} row {row}: {columns}={start}:{end} outside the article text of length {length}",
    V051: "{table} row {row}: text[{start}:{end}]={actual!r} but {column}={expected!r}",
    V090: "{table}: check {check!r} could not run ({reason})",
}

#: Template of the extra line telling how many more rows a check found than it listed.
MORE_MESSAGE = "{table}: {count} more rows like this ({code}) not listed"

#: How many offending rows a row-level check lists before summarising the rest in one line.
EXAMPLES_PER_CHECK = 5

MANIFEST = "manifest"

#: Message fields holding data values, clipped to _CLIP characters so a problem stays one short line.
_CLIPPED_FIELDS = ("value", "actual", "expected", "text")
_CLIP = 80

# --------------------------------------------------------------------------------------------
# The contract (SCHEMA.md); types come from pipeline.dataset.SCHEMAS
# --------------------------------------------------------------------------------------------

#: Columns SCHEMA.md requires per table (a table may carry more).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "source", "outlet", "title", "published", "dateline", "text", "n_tokens", "duplicate_of"),
    "mentions": ("article_id", "mention_id", "label", "text", "start", "end", "sentence", "normalized", "actor_id", "source", "score"),
    "actors": ("actor_id", "name", "variants", "offices", "n_articles", "n_mentions"),
    "roles": ("actor_id", "article_id", "title", "organization", "jurisdiction", "office", "text", "start", "end"),
    "quotes": ("quote_id", "article_id", "speaker", "speaker_actor_id", "speaker_office", "text", "kind", "cue", "start", "end", "score"),
    "events": ("event_id", "article_id", "kind", "name", "date", "date_text", "place", "participants", "status", "event_cluster", "start", "end"),
}

#: Columns SCHEMA.md types as ``str`` / ``int`` / ``float`` / ``list`` without ``|null``.
NOT_NULL: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "source", "text", "n_tokens"),
    "mentions": ("article_id", "mention_id", "label", "text", "start", "end", "sentence", "source", "score"),
    "actors": ("actor_id", "name", "variants", "offices", "n_articles", "n_mentions"),
    "roles": ("actor_id", "article_id", "title", "office", "text", "start", "end"),
    "quotes": ("quote_id", "article_id", "speaker", "text", "kind", "start", "end", "score"),
    "events": ("event_id", "article_id", "kind", "participants", "status", "event_cluster", "start", "end"),
}

#: Primary key column per table (roles has none).
PRIMARY_KEYS: dict[str, str] = {
    "articles": "article_id",
    "mentions": "mention_id",
    "actors": "actor_id",
    "quotes": "quote_id",
    "events": "event_id",
}

#: Allowed values of vocabulary columns.
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("mentions", "label"): ("PERSON", "OFFICE", "ORG", "PLACE", "DATE"),
    ("mentions", "source"): ("rule", "model", "gazetteer"),
    ("quotes", "kind"): ("direct", "indirect"),
    ("events", "status"): ("happened", "planned", "ongoing"),
}

SCORE_COLUMNS: tuple[tuple[str, str], ...] = (("mentions", "score"), ("quotes", "score"))
COUNT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("articles", "n_tokens"),
    ("mentions", "sentence"),
    ("actors", "n_articles"),
    ("actors", "n_mentions"),
)

#: Actor references: (table, column); every non-null value must be an ``actors.actor_id``.
ACTOR_REFERENCES: tuple[tuple[str, str], ...] = (
    ("mentions", "actor_id"),
    ("roles", "actor_id"),
    ("quotes", "speaker_actor_id"),
)
#: ``events.participants`` entries with this prefix are actor ids.
ACTOR_ID_PREFIX = "act_"

#: Extra offset pairs checked for range only (nullable; present in dataset.SCHEMAS, not SCHEMA.md).
EXTRA_OFFSETS: dict[str, tuple[tuple[str, str], ...]] = {
    "quotes": (("speaker_start", "speaker_end"), ("sentence_start", "sentence_end")),
}

PUBLISHED_FROM_KEYS = ("metadata", "dateline", "first_date", "none")

#: Manifest keys and the JSON types they must have (``None`` allowed where listed).
MANIFEST_KEYS: dict[str, tuple[type, ...]] = {
    "schema_version": (str,),
    "pipeline_version": (str,),
    "model": (dict, type(None)),
    "created": (str,),
    "inputs": (int,),
    "articles": (int,),
    "skipped": (list,),
    "row_counts": (dict,),
    "timings": (dict,),
    "published_from": (dict,),
    "complete": (bool,),
}

#: Columns that identify a row in messages, per table.
ROW_ID: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "mentions": ("mention_id", "article_id"),
    "actors": ("actor_id",),
    "roles": ("actor_id", "article_id", "start"),
    "quotes": ("quote_id", "article_id"),
    "events": ("event_id", "article_id"),
}

# --------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an output folder.

    ``table`` is a table name or ``"manifest"``; ``code`` one of :data:`MESSAGES`' keys;
    ``message`` a single line naming the table, the row (its id and ``article_id``) and the fault.
    """

    table: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.table} {self.code}: {self.message}"


def validate_output(outdir: str | Path, max_problems: int = 50, check_offsets: bool = True) -> list[Problem]:
    """Check the output folder ``outdir`` of ``pipeline extract``; return the problems found.

    Stops collecting after ``max_problems`` (a value below 1 means no limit). With
    ``check_offsets=False`` the offset/span checks (the join of every span table with
    ``articles.text``, the most expensive part) are skipped. A folder that does not exist
    yields V001 and one V010 per table; :func:`main` reports it as E701 instead.
    """
    return _Validator(Path(outdir), max_problems, check_offsets).run()


def main(argv: Sequence[str] | None = None) -> int:
    """``pipeline validate DIR``: print one line per problem and return 1, or ``ok: ...`` and 0.

    Returns 2, with a message on stderr, when ``DIR`` is not a folder at all.
    """
    from pipeline.errors import Errors

    parser = argparse.ArgumentParser(prog="pipeline validate", description="Check an output folder of `pipeline extract` against SCHEMA.md.")
    parser.add_argument("dir", help="output folder (the --out of pipeline extract)")
    parser.add_argument("--max-problems", type=int, default=50, help="stop after this many problems (default 50; 0 = no limit)")
    parser.add_argument("--no-offsets", action="store_true", help="skip the text[start:end] == span checks (faster)")
    args = parser.parse_args(list(argv) if argv is not None else None)

    outdir = Path(args.dir)
    if not outdir.exists():
        print(Errors.E701.format(path=outdir), file=sys.stderr)
        return 2
    if not outdir.is_dir():
        print(Errors.E702.format(path=outdir), file=sys.stderr)
        return 2

    validator = _Validator(outdir, args.max_problems, not args.no_offsets)
    problems = validator.run()
    if problems:
        for problem in problems:
            print(problem)
        if validator.full:
            print(Errors.E703.format(path=outdir, n=len(problems)), file=sys.stderr)
        return 1
    counts = validator.row_counts
    print("ok: " + ", ".join(f"{counts.get(t, 0)} {t}" for t in REQUIRED_COLUMNS))
    return 0


# --------------------------------------------------------------------------------------------
# Implementation
# --------------------------------------------------------------------------------------------


class _Full(Exception):
    """Raised internally once ``max_problems`` have been collected."""


def _q(name: str) -> str:
    """Quote an SQL identifier (``end`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    """Quote an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _reason(exc: BaseException) -> str:
    """First line of an exception's message (or its type name), for one-line problems."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _family(t: pa.DataType) -> str:
    """Coarse type family used for compatibility: string, int, float, date32, list<string>, ..."""
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        return _family(t.value_type)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or (hasattr(pa.types, "is_string_view") and pa.types.is_string_view(t)):
        return "string"
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t):
        return "float"
    if pa.types.is_date32(t):
        return "date32"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return f"list<{_family(t.value_type)}>"
    return str(t)


@dataclass
class _TableInfo:
    name: str
    path: Path
    files: list[Path]
    rows: int = 0
    #: columns present in every part with a compatible type: row checks may use them
    good: set[str] = field(default_factory=set)


class _Validator:
    def __init__(self, outdir: Path, max_problems: int, check_offsets: bool) -> None:
        self.outdir = outdir
        self.max_problems = max_problems if max_problems >= 1 else 0
        self.check_offsets = check_offsets
        self.problems: list[Problem] = []
        self.tables: dict[str, _TableInfo] = {}
        self.manifest: dict[str, Any] | None = None
        self.row_counts: dict[str, int] = {}
        self.full = False
        self._con: duckdb.DuckDBPyConnection | None = None

    # -- collecting ----------------------------------------------------------------------

    def add(self, table: str, code: str, **fields: Any) -> None:
        """Record a problem of ``code`` with its template filled from ``fields``."""
        for key in _CLIPPED_FIELDS:
            value = fields.get(key)
            if isinstance(value, str) and len(value) > _CLIP:
                fields[key] = value[: _CLIP - 1] + "…"
        self._append(Problem(table, code, MESSAGES[code].format(table=table, **fields)))

    def _append(self, problem: Problem) -> None:
        self.problems.append(problem)
        if self.max_problems and len(self.problems) >= self.max_problems:
            self.full = True
            raise _Full

    def run(self) -> list[Problem]:
        tmp = tempfile.TemporaryDirectory(prefix="pipeline-validate-")
        try:
            self._check_manifest()
            self._check_tables()
            self._check_row_counts()
            if any(info.good for info in self.tables.values()):
                self._connect(Path(tmp.name))
                self._row_checks()
        except _Full:
            pass
        finally:
            if self._con is not None:
                self._con.close()
            tmp.cleanup()
        return self.problems

    # -- manifest ------------------------------------------------------------------------

    def _check_manifest(self) -> None:
        from pipeline.dataset import SCHEMA_VERSION

        path = self.outdir / "manifest.json"
        if not path.is_file():
            self.add(MANIFEST, V001, path=self.outdir)
            return
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.add(MANIFEST, V002, path=self.outdir, reason=_reason(exc))
            return
        if not isinstance(manifest, dict):
            self.add(MANIFEST, V002, path=self.outdir, reason=f"top level is a JSON {type(manifest).__name__}, not an object")
            return
        self.manifest = manifest
        for key, types in MANIFEST_KEYS.items():
            if key not in manifest:
                self.add(MANIFEST, V005, key=key, reason="is missing")
            elif not isinstance(manifest[key], types) or (isinstance(manifest[key], bool) and bool not in types):
                names = " or ".join("null" if t is type(None) else {dict: "object", list: "array", str: "string"}.get(t, t.__name__) for t in types)
                self.add(MANIFEST, V005, key=key, reason=f"is {json.dumps(manifest[key], ensure_ascii=False)[:60]}, not {names}")
        version = manifest.get("schema_version")
        if "schema_version" in manifest and version != SCHEMA_VERSION:
            self.add(MANIFEST, V003, found=version, expected=SCHEMA_VERSION)
        if "complete" in manifest and manifest["complete"] is not True:
            self.add(MANIFEST, V004, found=manifest["complete"])
        created = manifest.get("created")
        if isinstance(created, str):
            try:
                dt.datetime.fromisoformat(created)
            except ValueError:
                self.add(MANIFEST, V005, key="created", reason=f"is {created!r}, not an ISO date-time")
        model = manifest.get("model")
        if isinstance(model, dict):
            for key in ("name", "version"):
                if not isinstance(model.get(key), str):
                    self.add(MANIFEST, V005, key=f"model.{key}", reason="is missing or not a string")
        skipped = manifest.get("skipped")
        if isinstance(skipped, list):
            for i, entry in enumerate(skipped):
                if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("source", "code", "reason"))):
                    self.add(MANIFEST, V005, key=f"skipped[{i}]", reason="is not an object with string source, code and reason")
                    break
        for key in ("row_counts", "published_from", "timings"):
            value = manifest.get(key)
            if isinstance(value, dict):
                for sub, n in value.items():
                    ok = isinstance(n, (int, float)) if key == "timings" else isinstance(n, int)
                    if not ok or isinstance(n, bool):
                        self.add(MANIFEST, V005, key=f"{key}.{sub}", reason=f"is {n!r}, not a number")
        counts = manifest.get("row_counts")
        if isinstance(counts, dict):
            for table in REQUIRED_COLUMNS:
                if table not in counts:
                    self.add(MANIFEST, V005, key=f"row_counts.{table}", reason="is missing")

    # -- tables and schemas --------------------------------------------------------------

    def _check_tables(self) -> None:
        import pyarrow.parquet as pq

        from pipeline.dataset import SCHEMAS, table_path

        for name, required in REQUIRED_COLUMNS.items():
            path = table_path(self.outdir, name)
            if path.is_dir():
                files = sorted(
                    p
                    for p in path.rglob("*.parquet")
                    if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
                )
                if not files:
                    self.add(name, V011, path=path, reason="folder holds no .parquet part files")
                    continue
            elif path.is_file():
                files = [path]
            else:
                self.add(name, V010, path=path)
                continue
            info = _TableInfo(name, path, files)
            expected = {f.name: f.type for f in SCHEMAS[name]}
            good = set(expected) | set(required)
            readable = True
            for file in files:
                where = f" in {file.relative_to(self.outdir)}" if len(files) > 1 else ""
                try:
                    meta = pq.ParquetFile(file)
                    schema = meta.schema_arrow
                    info.rows += meta.metadata.num_rows
                except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ...
                    self.add(name, V011, path=file, reason=_reason(exc))
                    readable = False
                    continue
                present = set(schema.names)
                for column in required:
                    if column not in present:
                        self.add(name, V012, column=column, where=where)
                good &= present
                for column in sorted(good & set(expected)):
                    found = schema.field(column).type
                    want = expected[column]
                    if _family(found) != _family(want):
                        self.add(name, V013, column=column, found=found, expected=_family(want), where=where)
                        good.discard(column)
            if readable:
                info.good = good
                self.row_counts[name] = info.rows
            self.tables[name] = info

    def _check_row_counts(self) -> None:
        if self.manifest is None:
            return
        counts = self.manifest.get("row_counts")
        if isinstance(counts, dict):
            for table, n in counts.items():
                if table in self.row_counts and isinstance(n, int) and n != self.row_counts[table]:
                    self.add(MANIFEST, V006, key=f"row_counts.{table}", expected=n, of=table, actual=self.row_counts[table])
        articles = self.manifest.get("articles")
        if "articles" in self.row_counts and isinstance(articles, int) and not isinstance(articles, bool):
            if articles != self.row_counts["articles"]:
                self.add(MANIFEST, V006, key="articles", expected=articles, of="articles", actual=self.row_counts["articles"])
            inputs = self.manifest.get("inputs")
            if isinstance(inputs, int) and inputs < articles:
                self.add(MANIFEST, V005, key="inputs", reason=f"is {inputs}, fewer than the {articles} articles written")

    # -- row-level checks (DuckDB) -------------------------------------------------------

    def _connect(self, tmpdir: Path) -> None:
        """Open ``self._con`` (closed by :meth:`run`) with one view per readable table.

        Large joins spill to ``tmpdir`` instead of failing when they exceed DuckDB's memory limit.
        """
        import duckdb

        con = self._con = duckdb.connect(config={"temp_directory": str(tmpdir), "preserve_insertion_order": False})
        for name, info in self.tables.items():
            if not info.good:
                continue
            files = "[" + ", ".join(_lit(str(f)) for f in info.files) + "]"
            cols = ", ".join(_q(c) for c in sorted(info.good))
            try:
                con.execute(f"CREATE VIEW {_q(name)} AS SELECT {cols} FROM read_parquet({files}, union_by_name = true)")
            except Exception as exc:  # duckdb.Error: leave the table out of the row checks
                info.good = set()
                self.add(name, V090, check="open with DuckDB", reason=_reason(exc))

    def _has(self, table: str, *columns: str) -> bool:
        info = self.tables.get(table)
        return info is not None and all(c in info.good for c in columns)

    def _rows(self, sql: str, limit: int) -> list[dict[str, Any]]:
        assert self._con is not None
        cur = self._con.execute(f"{sql} LIMIT {int(limit)}")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def _row_label(self, table: str, row: dict[str, Any]) -> str:
        return ", ".join(f"{c}={row.get('_' + c)!r}" for c in ROW_ID[table] if "_" + c in row) or "?"

    def _id_select(self, table: str, alias: str = "t") -> str:
        return ", ".join(f"{alias}.{_q(c)} AS {_q('_' + c)}" for c in ROW_ID[table] if self._has(table, c))

    def _check(self, table: str, check: str, code: str, select: str, where: str, fmt: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Run ``SELECT {row ids}, {select} FROM {table} t {where}``; report each row via ``fmt``."""
        ids = self._id_select(table)
        sql = f"SELECT {', '.join(x for x in (ids, select) if x)} FROM {_q(table)} t {where}"
        self._report(table, check, code, sql, fmt)

    def _report(self, table: str, check: str, code: str, sql: str, fmt: Callable[[dict[str, Any]], dict[str, Any]], by_id: bool = True) -> None:
        """List up to :data:`EXAMPLES_PER_CHECK` rows of ``sql`` as problems, then count the rest.

        ``fmt(row)`` gives the message fields of one result row; ``row`` (the row's ids, from
        the ``_<id>`` columns) is added when ``by_id``. A query that fails is reported as V090.
        """
        order_by = ", ".join(_q("_" + c) for c in ROW_ID[table] if self._has(table, c)) if by_id else ""
        try:
            rows = self._rows(f"{sql} ORDER BY {order_by or 1}", EXAMPLES_PER_CHECK + 1)
            for row in rows[:EXAMPLES_PER_CHECK]:
                fields = fmt(row)
                if by_id:
                    fields.setdefault("row", self._row_label(table, row))
                self.add(table, code, **fields)
            if len(rows) > EXAMPLES_PER_CHECK:
                assert self._con is not None
                total = self._con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
                more = (total[0] if total else 0) - EXAMPLES_PER_CHECK
                self._append(Problem(table, code, MORE_MESSAGE.format(table=table, count=more, code=code)))
        except _Full:
            raise
        except Exception as exc:  # duckdb.Error and friends: report it, keep checking the rest
            self.add(table, V090, check=check, reason=_reason(exc))

    def _row_checks(self) -> None:
        for check in (
            self._check_published_from,
            self._check_nulls,
            self._check_vocabularies,
            self._check_values,
            self._check_primary_keys,
            self._check_references,
            self._check_offsets,
        ):
            check()

    def _check_published_from(self) -> None:
        """Manifest ``published_from`` counts equal the values of ``articles.published_from``."""
        counts = self.manifest.get("published_from") if self.manifest else None
        if not isinstance(counts, dict) or not self._has("articles", "published_from"):
            return
        assert self._con is not None
        try:
            rows = self._con.execute("SELECT coalesce(published_from, 'none'), count(*) FROM articles GROUP BY 1").fetchall()
        except Exception as exc:
            self.add("articles", V090, check="published_from counts", reason=_reason(exc))
            return
        actual = {str(k): int(n) for k, n in rows}
        for key in sorted(set(PUBLISHED_FROM_KEYS) | set(counts) | set(actual)):
            expected = counts.get(key, 0)
            if isinstance(expected, int) and expected != actual.get(key, 0):
                self.add(MANIFEST, V007, key=key, expected=expected, actual=actual.get(key, 0))

    def _check_nulls(self) -> None:
        for table, columns in NOT_NULL.items():
            for column in columns:
                if self._has(table, column):
                    self._check(table, f"not null {column}", V022, "", f"WHERE t.{_q(column)} IS NULL", lambda r, c=column: {"column": c})
        if self._has("mentions", "label", "actor_id"):
            self._check(
                "mentions",
                "PERSON actor_id",
                V023,
                "t.text AS text" if self._has("mentions", "text") else "NULL AS text",
                "WHERE t.label = 'PERSON' AND t.actor_id IS NULL",
                lambda r: {"text": r["text"]},
            )

    def _check_vocabularies(self) -> None:
        for (table, column), allowed in VOCABULARIES.items():
            if self._has(table, column):
                values = ", ".join(_lit(v) for v in allowed)
                self._check(
                    table,
                    f"vocabulary {column}",
                    V020,
                    f"t.{_q(column)} AS value",
                    f"WHERE t.{_q(column)} IS NOT NULL AND t.{_q(column)} NOT IN ({values})",
                    lambda r, c=column, a=allowed: {"column": c, "value": r["value"], "allowed": ", ".join(a)},
                )
        if self._has("events", "kind"):
            self._check(
                "events",
                "lower-case kind",
                V024,
                "t.kind AS value",
                "WHERE t.kind IS NOT NULL AND t.kind <> lower(t.kind)",
                lambda r: {"column": "kind", "value": r["value"]},
            )

    def _check_values(self) -> None:
        assert self._con is not None
        # Parquet min/max statistics leave NaN out, and DuckDB prunes row groups with them, so
        # ``isnan(score)`` pushed into the scan would skip the very rows it looks for.
        self._con.execute("SET disabled_optimizers = 'filter_pushdown'")
        try:
            for table, column in SCORE_COLUMNS:
                if self._has(table, column):
                    c = _q(column)
                    self._check(
                        table,
                        f"range {column}",
                        V021,
                        f"t.{c} AS value",
                        f"WHERE t.{c} IS NOT NULL AND (isnan(t.{c}) OR t.{c} < 0 OR t.{c} > 1)",
                        lambda r, col=column: {"column": col, "value": r["value"]},
                    )
        finally:
            self._con.execute("RESET disabled_optimizers")
        for table, column in COUNT_COLUMNS:
            if self._has(table, column):
                c = _q(column)
                self._check(
                    table,
                    f"non-negative {column}",
                    V025,
                    f"t.{c} AS value",
                    f"WHERE t.{c} < 0",
                    lambda r, col=column: {"column": col, "value": r["value"]},
                )

    def _check_primary_keys(self) -> None:
        for table, key in PRIMARY_KEYS.items():
            if not self._has(table, key):
                continue
            k = _q(key)
            sql = f"SELECT {k} AS value, count(*) AS n FROM {_q(table)} WHERE {k} IS NOT NULL GROUP BY {k} HAVING count(*) > 1"
            self._report(table, f"unique {key}", V030, sql, lambda r, col=key: {"column": col, "value": r["value"], "count": r["n"]}, by_id=False)

    def _check_references(self) -> None:
        if self._has("articles", "article_id"):
            for table in ("mentions", "roles", "quotes", "events"):
                if self._has(table, "article_id"):
                    self._check(
                        table,
                        "article_id in articles",
                        V040,
                        "t.article_id AS value",
                        "WHERE t.article_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = t.article_id)",
                        lambda r: {"value": r["value"]},
                    )
            if self._has("articles", "duplicate_of"):
                self._check(
                    "articles",
                    "duplicate_of in articles",
                    V042,
                    "t.duplicate_of AS value",
                    "WHERE t.duplicate_of IS NOT NULL AND (t.duplicate_of = t.article_id OR NOT EXISTS "
                    "(SELECT 1 FROM articles a WHERE a.article_id = t.duplicate_of))",
                    lambda r: {"value": r["value"]},
                )
        if not self._has("actors", "actor_id"):
            return
        for table, column in ACTOR_REFERENCES:
            if self._has(table, column):
                c = _q(column)
                self._check(
                    table,
                    f"{column} in actors",
                    V041,
                    f"t.{c} AS value",
                    f"WHERE t.{c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM actors a WHERE a.actor_id = t.{c})",
                    lambda r, col=column: {"column": col, "value": r["value"]},
                )
        if self._has("events", "participants"):
            ids = self._id_select("events", "e")
            inner = f"SELECT {ids + ', ' if ids else ''}unnest(e.participants) AS value FROM events e"
            prefix = _lit(ACTOR_ID_PREFIX)
            sql = (
                f"SELECT * FROM ({inner}) t WHERE starts_with(t.value, {prefix}) "
                "AND NOT EXISTS (SELECT 1 FROM actors a WHERE a.actor_id = t.value)"
            )
            self._report(
                "events",
                "participants in actors",
                V041,
                sql,
                lambda r: {"column": "participants", "value": r["value"]},
            )

    def _check_offsets(self) -> None:
        """V050 for offsets outside the text, then V051 for in-range spans that differ."""
        if not self.check_offsets or not self._has("articles", "article_id", "text"):
            return
        from pipeline.dataset import OFFSET_COLUMNS

        for table, start, end, span in self._offset_pairs(OFFSET_COLUMNS):
            if not self._has(table, "article_id", start, end):
                continue
            s, e = f"t.{_q(start)}", f"t.{_q(end)}"
            join = f"JOIN articles a ON a.article_id = t.article_id WHERE {s} IS NOT NULL AND {e} IS NOT NULL AND a.text IS NOT NULL"
            in_range = f"({s} >= 0 AND {s} <= {e} AND {e} <= length(a.text))"
            self._check(
                table,
                f"offsets {start}:{end} in text",
                V050,
                f"{s} AS start, {e} AS end, length(a.text) AS length",
                f"{join} AND NOT {in_range}",
                lambda r, cols=f"{start}:{end}": {"columns": cols, "start": r["start"], "end": r["end"], "length": r["length"]},
            )
            if span is None or not self._has(table, span):
                continue
            sp = f"t.{_q(span)}"
            actual = f"substring(a.text, {s} + 1, {e} - {s})"
            self._check(
                table,
                f"text[{start}:{end}] == {span}",
                V051,
                f"{s} AS start, {e} AS end, {actual} AS actual, {sp} AS expected",
                f"{join} AND {in_range} AND {actual} IS DISTINCT FROM {sp}",
                lambda r, col=span: {"start": r["start"], "end": r["end"], "actual": r["actual"], "column": col, "expected": r["expected"]},
            )

    @staticmethod
    def _offset_pairs(offset_columns: dict[str, str]) -> Iterator[tuple[str, str, str, str | None]]:
        for table, span in offset_columns.items():
            yield table, "start", "end", span
        yield "events", "start", "end", None
        for table, pairs in EXTRA_OFFSETS.items():
            for start, end in pairs:
                yield table, start, end, None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
