"""Query the quotes of an output folder: ``pipeline quotes DIR [--speaker NAME] [--article ID]``.

Everything runs in DuckDB over the parquet files (one file ``TABLE.parquet`` or a folder of part
files ``TABLE.parquet/part-*.parquet``), so a million quotes are filtered and sorted without being
loaded into Python memory. Filters are pushed into SQL; rows are streamed in batches, and of each
article only the text around the quote (the source sentence or paragraph) leaves DuckDB.

Errors: a missing folder or quotes table raises :class:`FileNotFoundError`, a bad argument
:class:`ValueError`; the message is one of ``Errors.E6xx``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import textwrap
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO
from collections.abc import Iterable, Iterator

from .errors import Errors

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

Format = Literal["table", "csv", "json"]

#: Keys of each row yielded by :func:`iter_quotes`, in CSV column order.
FIELDS: tuple[str, ...] = (
    "quote_id",
    "speaker",
    "speaker_office",
    "quote",
    "kind",
    "cue",
    "article_id",
    "outlet",
    "published",
    "title",
    "sentence",
    "start",
    "end",
)

#: Characters of article text fetched on each side of a quote to find its paragraph.
CONTEXT_CHARS = 1500
_BATCH = 2048

_DUCK_TYPES = {
    "string": "VARCHAR",
    "large_string": "VARCHAR",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "date32[day]": "DATE",
    "list<item: string>": "VARCHAR[]",
}


def table_path(outdir: Path, name: str) -> Path:
    """``DIR/TABLE.parquet`` (a file or a folder of part files), as ``pipeline.dataset.table_path``."""
    return Path(outdir) / f"{name}.parquet"


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _source_expr(outdir: Path, name: str) -> str | None:
    """A DuckDB ``read_parquet(...)`` for table ``name`` in either layout, or None if absent."""
    path = table_path(outdir, name)
    if path.is_dir():
        if not any(path.rglob("*.parquet")):
            return None
        pattern = str(path / "**" / "*.parquet")
    elif path.is_file():
        pattern = str(path)
    else:
        return None
    return f"read_parquet({_sql_str(pattern)}, union_by_name=true, hive_partitioning=false)"


def _create_view(con: duckdb.DuckDBPyConnection, outdir: Path, name: str) -> bool:
    """Create view ``name`` with every column of the table's schema (missing ones as NULL)."""
    from .dataset import SCHEMAS  # pyarrow: imported only when a query runs

    schema = SCHEMAS[name]
    src = _source_expr(outdir, name)
    have: set[str] = set()
    if src is not None:
        try:
            have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()}
        except Exception as exc:  # duckdb.Error, kept lazy
            raise ValueError(Errors.E603.format(path=table_path(outdir, name), table=name, reason=exc)) from exc
    cols = []
    for field in schema:
        qname = '"' + field.name + '"'
        duck_type = _DUCK_TYPES.get(str(field.type), "VARCHAR")
        cols.append(qname if field.name in have else f"CAST(NULL AS {duck_type}) AS {qname}")
    body = f"SELECT {', '.join(cols)} FROM {src}" if src is not None else f"SELECT {', '.join(cols)} WHERE false"
    con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {body}")
    return src is not None


def connect(outdir: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with views ``quotes``, ``articles`` and ``actors``.

    Raises FileNotFoundError (E601, E602) when ``outdir`` is not an output folder or has no quotes.
    """
    import duckdb

    outdir = Path(outdir)
    if not outdir.is_dir() or not ((outdir / "manifest.json").is_file() or table_path(outdir, "quotes").exists()):
        raise FileNotFoundError(Errors.E601.format(path=outdir))
    if _source_expr(outdir, "quotes") is None:
        raise FileNotFoundError(Errors.E602.format(path=outdir))
    con = duckdb.connect(":memory:")
    try:
        for name in ("quotes", "articles", "actors"):
            _create_view(con, outdir, name)
    except BaseException:
        con.close()
        raise
    return con


def fold(text: str) -> str:
    """Lower case without accents, as DuckDB's ``strip_accents(lower(x))``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_sql(expr: str) -> str:
    return f"strip_accents(lower(coalesce({expr}, '')))"


def _filters(speaker: str | None, article: str | None) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if speaker is not None and speaker.strip():
        params["speaker"] = " ".join(fold(speaker).split())
        variants = _fold_sql("array_to_string(variants, chr(31))")
        where.append(
            f"(contains({_fold_sql('q.speaker')}, $speaker) OR q.speaker_actor_id IN ("
            f"SELECT actor_id FROM actors WHERE contains({_fold_sql('name')}, $speaker) "
            f"OR contains({variants}, $speaker)))"
        )
    if article is not None and article.strip():
        params["article"] = article.strip()
        base = r"regexp_extract(source, '[^/\\]*$')"
        where.append(
            "(q.article_id = $article"
            " OR (length($article) >= 6 AND starts_with(q.article_id, $article))"
            " OR q.article_id IN (SELECT article_id FROM articles WHERE source = $article"
            f" OR {base} = $article"
            f" OR regexp_replace({base}, '\\.[^.]*$', '') = $article"
            f" OR regexp_replace({base}, '\\..*$', '') = $article))"
        )
    return where, params


def paragraph_bounds(window: str, lo: int, hi: int, cap: int = CONTEXT_CHARS) -> tuple[int, int, bool, bool]:
    """Expand ``window[lo:hi]`` to its enclosing line(s) (split on "\\n"), at most ``cap`` chars each side.

    Returns (start, end, cut_left, cut_right); a side is cut when no newline was found within the
    cap and the window continues beyond it.
    """
    left_limit = max(0, lo - cap)
    nl = window.rfind("\n", left_limit, lo)
    if nl >= 0:
        start, cut_left = nl + 1, False
    else:
        start, cut_left = left_limit, left_limit > 0
    right_limit = min(len(window), hi + cap)
    nl = window.find("\n", hi, right_limit)
    if nl >= 0:
        end, cut_right = nl, False
    else:
        end, cut_right = right_limit, right_limit < len(window)
    return start, end, cut_left, cut_right


def _source_sentence(row: dict[str, Any]) -> str | None:
    """The sentence (sentence_start/end) or else the paragraph of the article holding the quote.

    ``_before``/``_after`` are the parts of the paragraph left and right of the quote, as cut by
    SQL (at most CONTEXT_CHARS each; ``_after`` is fetched one character longer to tell if cut).
    """
    sentence = row.pop("_sent", None)
    before, span, after = row.pop("_before", None), row.pop("_span", None), row.pop("_after", None)
    cut_l = bool(row.pop("_before_cut", False))
    if sentence is not None:
        return sentence
    if span is None or before is None or after is None:
        return None
    cut_r = len(after) > CONTEXT_CHARS
    if cut_r:
        after = after[:CONTEXT_CHARS]
    return ("…" if cut_l else "") + (before + span + after).strip("\r") + ("…" if cut_r else "")


def iter_quotes(
    outdir: str | Path,
    speaker: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield the quotes of an output folder, with speaker, article metadata and source sentence.

    ``speaker``: substring of the speaker's name or of one of the actor's variants, case- and
    accent-insensitive ("mutmainah" finds "Iin Mutmaïnah"). ``article``: an ``article_id`` (or a
    prefix of at least 6 characters), or the article's ``source``, its file name or file stem.
    Rows are ordered by publication date, article and position; keys are :data:`FIELDS`.
    """
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValueError(Errors.E605.format(limit=limit))
    where, params = _filters(speaker, article)
    w = CONTEXT_CHARS
    order = "published NULLS LAST, article_id, start NULLS LAST, quote_id"
    limit_sql = f"ORDER BY {order} LIMIT {int(limit)}" if limit is not None else ""
    ok_sent = (
        "s.sentence_start IS NOT NULL AND s.sentence_end IS NOT NULL AND s.sentence_start >= 0"
        ' AND s.sentence_start <= s.start AND s.sentence_end >= s."end" AND s.sentence_end <= length(a.text)'
    )
    ok_span = 's.start IS NOT NULL AND s."end" IS NOT NULL AND s.start >= 0 AND s.start <= s."end"'
    para = f"NOT ({ok_sent}) AND {ok_span}"
    # Stage 1 (sel) filters, orders and limits quotes with light article metadata only; stage 2
    # joins the texts of just those articles and cuts out the sentence, or the paragraph around
    # the quote (up to CONTEXT_CHARS each side), in SQL, so only that snippet leaves DuckDB.
    sql = f"""
        WITH q AS (SELECT q.* FROM quotes q {'WHERE ' + ' AND '.join(where) if where else ''}),
        meta AS (
            SELECT article_id, any_value(outlet) AS outlet, any_value(published) AS published,
                   any_value(title) AS title
            FROM articles WHERE article_id IN (SELECT article_id FROM q) GROUP BY article_id
        ),
        sel AS (
            SELECT q.quote_id, q.speaker, q.speaker_office, q.text, q.kind, q.cue, q.article_id, q.start,
                   q."end", q.sentence_start, q.sentence_end, m.outlet, m.published, m.title
            FROM q LEFT JOIN meta m ON m.article_id = q.article_id
            {limit_sql}
        ),
        texts AS (
            SELECT article_id, any_value(text) AS text
            FROM articles WHERE article_id IN (SELECT article_id FROM sel) GROUP BY article_id
        ),
        ctx AS (
            SELECT s.*,
                   CASE WHEN {ok_sent} THEN substr(a.text, s.sentence_start + 1, s.sentence_end - s.sentence_start)
                   END AS _sent,
                   CASE WHEN {para} THEN substr(a.text, greatest(s.start - {w}, 0) + 1,
                                                 s.start - greatest(s.start - {w}, 0)) END AS _left,
                   CASE WHEN {para} THEN substr(a.text, s.start + 1, s."end" - s.start) END AS _span,
                   CASE WHEN {para} THEN regexp_extract(substr(a.text, s."end" + 1, {w + 1}), '^[^\n]*') END AS _after
            FROM sel s LEFT JOIN texts a ON a.article_id = s.article_id
        )
        SELECT quote_id, speaker, speaker_office, text AS quote, kind, cue, article_id, outlet, published, title,
               start, "end", _sent, _span, _after,
               regexp_extract(_left, '[^\n]*$') AS _before,
               (_left IS NOT NULL AND start > {w} AND strpos(_left, chr(10)) = 0) AS _before_cut
        FROM ctx
        ORDER BY {order}
    """
    con = connect(outdir)
    try:
        cur = con.execute(sql, params)
        names = [d[0] for d in cur.description]
        while True:
            batch = cur.fetchmany(_BATCH)
            if not batch:
                break
            for values in batch:
                row = dict(zip(names, values, strict=False))
                row["sentence"] = _source_sentence(row)
                if isinstance(row.get("published"), dt.date):
                    row["published"] = row["published"].isoformat()
                yield {k: row.get(k) for k in FIELDS}
    finally:
        con.close()


# -- output formats -----------------------------------------------------------------------------

_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
_UNSAFE_TERM: dict[int, str | None] = {c: " " for c in _CONTROLS}
_UNSAFE_TERM.update({c: None for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)})


def terminal_safe(text: str | None) -> str:
    """One line of text safe to print on a terminal: control characters (ANSI escapes, newlines,
    U+2028) become spaces and bidi overrides are dropped."""
    if not text:
        return ""
    return " ".join(text.translate(_UNSAFE_TERM).split())


def shorten_around(text: str, needle: str, width: int) -> str:
    """``text`` cut to about ``width`` characters, keeping ``needle`` (the quote) in view."""
    if len(text) <= width:
        return text
    pos = text.find(needle[: min(len(needle), 40)]) if needle else -1
    if pos < 0:
        pos = 0
    start = max(0, min(pos - width // 4, len(text) - width))
    end = start + width
    if start > 0:
        sp = text.find(" ", start, start + 20)
        start = sp + 1 if sp >= 0 else start
    if end < len(text):
        sp = text.rfind(" ", end - 20, end)
        end = sp if sp > start else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _table_entry(row: dict[str, Any], width: int) -> str:
    head = terminal_safe(row.get("speaker")) or "?"
    if row.get("speaker_office"):
        head += " — " + terminal_safe(row["speaker_office"])
    meta = [terminal_safe(str(row[k])) for k in ("published", "outlet") if row.get(k)]
    if meta:
        head += " · " + " · ".join(meta)
    quote = terminal_safe(row.get("quote"))
    kind = terminal_safe(row.get("kind"))
    cue = terminal_safe(row.get("cue"))
    tag = ", ".join(x for x in (kind, cue) if x)
    body = ("“" + quote + "”" if kind == "direct" else quote) + (f"  ({tag})" if tag else "")
    lines = [head]
    lines += textwrap.wrap(body, width=width, initial_indent="  ", subsequent_indent="  ") or ["  "]
    sentence = terminal_safe(row.get("sentence"))
    if sentence and sentence != quote:
        short = shorten_around(sentence, quote, max(40, 2 * width - 12))
        lines += textwrap.wrap(short, width=width, initial_indent="  sumber: ", subsequent_indent="          ")
    art = terminal_safe(row.get("article_id"))
    if art:
        lines.append(f"  [{art}]")
    return "\n".join(lines)


def format_quotes(rows: Iterable[dict[str, Any]], fmt: Format, out: TextIO) -> int:
    """Write rows of :func:`iter_quotes` to ``out`` as ``table``, ``csv`` or ``json``; return the count.

    ``json`` is one JSON array (UTF-8, non-ASCII kept); ``csv`` has a header of :data:`FIELDS`;
    ``table`` is for reading in a terminal (control characters in the data are neutralised).
    """
    if fmt not in ("table", "csv", "json"):
        raise ValueError(Errors.E604.format(fmt=fmt))
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(FIELDS), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in FIELDS})
            n += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(",\n" if n else "\n")
            out.write(json.dumps({k: row.get(k) for k in FIELDS}, ensure_ascii=False, default=str))
            n += 1
        out.write("\n]\n" if n else "]\n")
    else:
        width = max(40, min(100, shutil.get_terminal_size((100, 24)).columns - 2))
        for row in rows:
            if n:
                out.write("\n")
            out.write(_table_entry(row, width) + "\n")
            n += 1
    return n
