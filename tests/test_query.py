"""pipeline.query: filters pushed into DuckDB, source sentences, output formats, both table layouts."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE), str(_HERE.parent)):  # outputs_factory, and the package without installing it
    if _p not in sys.path:
        sys.path.insert(0, _p)

import outputs_factory as co  # noqa: E402

from pipeline.query import FIELDS, format_quotes, iter_quotes, paragraph_bounds, shorten_around, terminal_safe  # noqa: E402


@pytest.fixture(scope="module", params=["file", "parts"])
def outdir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return co.build_output(tmp_path_factory.mktemp(request.param) / "out", layout=request.param)


def ids(rows) -> list[str]:
    return [r["quote_id"] for r in rows]


def test_layouts_written_as_requested(tmp_path: Path) -> None:
    single = co.build_output(tmp_path / "a", "file")
    parts = co.build_output(tmp_path / "b", "parts")
    assert (single / "quotes.parquet").is_file()
    assert sorted(p.name for p in (parts / "quotes.parquet").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]


def test_all_quotes_ordered_with_fields(outdir: Path) -> None:
    rows = list(iter_quotes(outdir))
    assert ids(rows) == ["q1", "q2", "q3", "q4", "q5", "q6"]  # by date, article, position
    assert all(tuple(r) == FIELDS for r in rows)
    by_id = {r["quote_id"]: r for r in rows}
    q1 = by_id["q1"]
    assert q1["speaker"] == "Iin Mutmainah"
    assert q1["speaker_office"] == "Ketua Bawaslu Jakarta Timur"
    assert q1["quote"] == co.Q1
    assert (q1["kind"], q1["cue"]) == ("direct", "kata")
    assert (q1["outlet"], q1["published"]) == ("Kompas", "2023-09-14")
    assert by_id["q4"]["outlet"] == "Detik"
    texts = {a["article_id"]: a["text"] for a in co.articles()}
    for r in rows:
        assert texts[r["article_id"]][r["start"]:r["end"]] == r["quote"]
        assert r["quote"] in r["sentence"]


def test_source_sentence_from_offsets_and_paragraph_fallback(outdir: Path) -> None:
    by_id = {r["quote_id"]: r for r in iter_quotes(outdir)}
    # q1 has sentence_start/end: exactly that line
    assert by_id["q1"]["sentence"] == (
        f'"{co.Q1}" kata Ketua Bawaslu Jakarta Timur Iin Mutmainah. Sosialisasi diikuti ratusan warga.'
    )
    # q2 has none: expanded to the enclosing paragraph (split on "\n")
    assert by_id["q2"]["sentence"] == f"Menurut Iin Mutmaïnah, {co.Q2}."
    assert "\n" not in by_id["q2"]["sentence"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Iin Mutmainah", ["q1", "q2"]),
        ("mutmainah", ["q1", "q2"]),  # substring, case-insensitive
        ("MUTMAÏNAH", ["q1", "q2"]),  # accent-insensitive both ways
        ("mutmaïnah", ["q1", "q2"]),
        ("pak kus", ["q3", "q4"]),  # only an actor variant matches
        ("kusmanto", ["q3", "q4"]),
        ("andi", ["q5", "q6"]),
        ("nobody", []),
        ("  ", ["q1", "q2", "q3", "q4", "q5", "q6"]),  # blank = no filter
    ],
)
def test_speaker_filter(outdir: Path, query: str, expected: list[str]) -> None:
    assert ids(iter_quotes(outdir, speaker=query)) == expected


def test_speaker_filter_is_not_sql(outdir: Path) -> None:
    assert ids(iter_quotes(outdir, speaker="' OR 1=1 --")) == []
    assert ids(iter_quotes(outdir, speaker="%")) == []


@pytest.mark.parametrize(
    "article, expected",
    [
        ("a1b2c3d4e5f60002", ["q4", "q5"]),  # article_id
        ("a1b2c3d4e5f6000", ["q1", "q2", "q3", "q4", "q5", "q6"]),  # id prefix (>= 6 chars): all three
        ("kompas-2023-09-14-bawaslu", ["q1", "q2", "q3"]),  # source stem
        ("kompas-2023-09-14-bawaslu.txt", ["q1", "q2", "q3"]),  # source file name
        ("data/raw/kompas-2023-09-14-bawaslu.txt", ["q1", "q2", "q3"]),  # source
        ("rapat-koordinasi", ["q4", "q5"]),  # last path segment of a URL source
        ("nope", []),
    ],
)
def test_article_filter(outdir: Path, article: str, expected: list[str]) -> None:
    assert ids(iter_quotes(outdir, article=article)) == expected


def test_filters_combine_and_limit(outdir: Path) -> None:
    assert ids(iter_quotes(outdir, speaker="kus", article="a1b2c3d4e5f60002")) == ["q4"]
    assert ids(iter_quotes(outdir, limit=2)) == ["q1", "q2"]
    assert ids(iter_quotes(outdir, speaker="andi", limit=1)) == ["q5"]
    with pytest.raises(ValueError, match="E605"):
        list(iter_quotes(outdir, limit=0))


def test_format_json_parses(outdir: Path) -> None:
    buf = io.StringIO()
    n = format_quotes(iter_quotes(outdir), "json", buf)
    data = json.loads(buf.getvalue())
    assert n == len(data) == 6
    assert data[0]["quote"] == co.Q1 and data[0]["published"] == "2023-09-14"
    assert data[5]["quote"] == co.Q6  # hostile text kept verbatim
    buf = io.StringIO()
    assert format_quotes(iter_quotes(outdir, speaker="nobody"), "json", buf) == 0
    assert json.loads(buf.getvalue()) == []


def test_format_csv_parses(outdir: Path) -> None:
    buf = io.StringIO()
    n = format_quotes(iter_quotes(outdir), "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == 6
    assert tuple(rows[0]) == FIELDS
    assert rows[0]["quote"] == co.Q1
    assert rows[0]["sentence"].startswith('"Kami mengajak')  # embedded quote marks survive
    assert rows[3]["speaker_office"] == ""  # NULL -> empty
    assert rows[5]["sentence"].count(co.LS) == 1


def test_format_table_readable(outdir: Path) -> None:
    buf = io.StringIO()
    n = format_quotes(iter_quotes(outdir), "table", buf)
    text = buf.getvalue()
    assert n == 6
    assert "Iin Mutmainah — Ketua Bawaslu Jakarta Timur · 2023-09-14 · Kompas" in text
    assert "  sumber: " in text
    assert "“Kami mengajak warga" in text
    assert co.LS not in text and "\x1b" not in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_format_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="E604"):
        format_quotes([], "xml", io.StringIO())  # type: ignore[arg-type]


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="E601"):
        list(iter_quotes(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match="E601"):
        list(iter_quotes(tmp_path))  # empty folder
    out = co.build_output(tmp_path / "noquotes", skip=("quotes",))
    with pytest.raises(FileNotFoundError, match="E602"):
        list(iter_quotes(out))


def test_missing_optional_columns_and_tables(tmp_path: Path) -> None:
    """An older output without sentence/speaker offsets and without actors still works."""
    import pyarrow.parquet as pq

    out = co.build_output(tmp_path / "old", skip=("actors",))
    table = pq.read_table(out / "quotes.parquet")
    table = table.drop_columns(["sentence_start", "sentence_end", "speaker_start", "speaker_end"])
    pq.write_table(table, out / "quotes.parquet")
    rows = list(iter_quotes(out, speaker="mutmainah"))
    assert ids(rows) == ["q1", "q2"]
    assert rows[0]["sentence"].startswith('"Kami mengajak')
    assert ids(iter_quotes(out, speaker="pak kus")) == []  # no actors table: name only


def test_bad_offsets_do_not_break(tmp_path: Path) -> None:
    rows = co.all_rows()
    rows["quotes"][0]["start"] = None
    rows["quotes"][1]["sentence_start"], rows["quotes"][1]["sentence_end"] = 10**6, 10**6 + 5
    out = co.build_output(tmp_path / "bad", rows=rows)
    got = {r["quote_id"]: r for r in iter_quotes(out)}
    assert got["q1"]["sentence"] is None
    assert co.Q2 in got["q2"]["sentence"]


def test_terminal_safe_and_shorten() -> None:
    assert terminal_safe("a\x1b[31mred\nb\u2028c\u202ed") == "a [31mred b cd"
    long = "kata " * 100 + "KUTIPAN INI" + " kata" * 100
    short = shorten_around(long, "KUTIPAN INI", 80)
    assert "KUTIPAN INI" in short and short.startswith("…") and short.endswith("…") and len(short) <= 82
    assert paragraph_bounds("ab\ncd ef\ngh", 4, 5) == (3, 8, False, False)


def test_long_paragraph_is_cut_around_quote(tmp_path: Path) -> None:
    rows = co.all_rows()
    art = rows["articles"][0]
    quote = "kutipan di tengah paragraf panjang"
    art["text"] = "awal\n" + "kata " * 1000 + quote + " kata" * 1000 + "\nakhir"
    s = art["text"].index(quote)
    rows["quotes"] = [dict(rows["quotes"][1], start=s, end=s + len(quote), text=quote)]
    out = co.build_output(tmp_path / "long", rows=rows)
    (row,) = iter_quotes(out)
    assert row["sentence"].startswith("…") and row["sentence"].endswith("…")
    assert quote in row["sentence"] and len(row["sentence"]) <= 2 * 1500 + len(quote) + 2
    art["text"] = "kata " * 10 + quote + " kata" * 10
    s = art["text"].index(quote)
    rows["quotes"] = [dict(rows["quotes"][0], start=s, end=s + len(quote))]
    out = co.build_output(tmp_path / "short", rows=rows)
    assert next(iter_quotes(out))["sentence"] == art["text"]  # whole one-paragraph article, no "…"
