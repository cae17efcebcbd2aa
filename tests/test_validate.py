"""Tests of ``pipeline.validate``: a valid output passes, each injected corruption is caught."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

try:  # tests/ as a package (rootdir on sys.path) or as a plain folder (pytest's default)
    from tests import outputs_factory as factory
except ImportError:  # pragma: no cover - depends on how pytest was configured
    import outputs_factory as factory  # type: ignore[no-redef]

from pipeline import validate as v
from pipeline.dataset import SCHEMAS, rows_to_table
from pipeline.validate import Problem, main, validate_output


def codes(problems: list[Problem]) -> set[str]:
    return {p.code for p in problems}


def replace_column(table: pa.Table, name: str, values: list | pa.Array) -> pa.Table:
    i = table.schema.get_field_index(name)
    array = values if isinstance(values, pa.Array) else pa.array(values, type=table.schema.field(name).type)
    return table.set_column(i, table.schema.field(name).with_type(array.type), array)


def set_cell(table: pa.Table, name: str, row: int, value: object) -> pa.Table:
    values = table.column(name).to_pylist()
    values[row] = value
    return replace_column(table, name, values)


def write(tmp_path: Path, tables: dict[str, pa.Table] | None = None, layout: str = "file", **kwargs: object) -> Path:
    return factory.write_output(tmp_path / "out", tables, layout=layout, **kwargs)  # type: ignore[arg-type]


# --- valid outputs --------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["file", "parts"])
def test_valid_output_passes(tmp_path: Path, layout: str) -> None:
    out = write(tmp_path, layout=layout)
    assert validate_output(out) == []


def test_valid_output_with_empty_tables_passes(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    for name in ("roles", "quotes", "events"):
        tables[name] = tables[name].slice(0, 0)
    out = write(tmp_path, tables, layout="parts")
    assert validate_output(out) == []


def test_large_string_and_extra_columns_are_accepted(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    mentions = tables["mentions"]
    mentions = replace_column(mentions, "text", pc.cast(mentions.column("text"), pa.large_string()).combine_chunks())
    tables["mentions"] = mentions.append_column("extra", pa.array([1] * mentions.num_rows))
    out = write(tmp_path, tables)
    assert validate_output(out) == []


def test_main_ok_and_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write(tmp_path)
    assert main([str(out)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 3 articles, 11 mentions, 2 actors, 2 roles, 2 quotes, 3 events"

    (out / "manifest.json").unlink()
    assert main([str(out)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [str(p) for p in validate_output(out)]
    assert lines[0].startswith("manifest V001: ")


def test_main_not_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nirgendwo")]) == 2
    assert "[E701]" in capsys.readouterr().err
    file = tmp_path / "berkas.txt"
    file.write_text("bukan folder", encoding="utf-8")
    assert main([str(file)]) == 2
    assert "[E702]" in capsys.readouterr().err


# --- manifest -------------------------------------------------------------------------------


def test_missing_manifest(tmp_path: Path) -> None:
    out = write(tmp_path, write_manifest=False)
    assert codes(validate_output(out)) == {v.V001}


def test_unparseable_manifest(tmp_path: Path) -> None:
    out = write(tmp_path)
    (out / "manifest.json").write_text('{"schema_version": "1.0",', encoding="utf-8")
    assert codes(validate_output(out)) == {v.V002}


def test_schema_version_mismatch(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    out = write(tmp_path, tables, manifest=factory.make_manifest(tables, schema_version="0.9"))
    assert codes(validate_output(out)) == {v.V003}


def test_incomplete_run(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    out = write(tmp_path, tables, manifest=factory.make_manifest(tables, complete=False))
    assert codes(validate_output(out)) == {v.V004}


def test_manifest_key_missing_or_mistyped(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    manifest = factory.make_manifest(tables, inputs="tiga", skipped=[{"source": "x.pdf"}])
    del manifest["timings"]
    out = write(tmp_path, tables, manifest=manifest)
    problems = validate_output(out)
    assert codes(problems) == {v.V005}
    assert len(problems) == 3


def test_manifest_row_count_mismatch(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    manifest = factory.make_manifest(tables)
    manifest["row_counts"]["mentions"] = 12
    out = write(tmp_path, tables, manifest=manifest)
    problems = validate_output(out)
    assert codes(problems) == {v.V006}
    assert "12" in problems[0].message and "11" in problems[0].message


def test_manifest_published_from_mismatch(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    manifest = factory.make_manifest(tables)
    manifest["published_from"]["dateline"] = 1
    out = write(tmp_path, tables, manifest=manifest)
    assert codes(validate_output(out)) == {v.V007}


# --- tables and columns ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["file", "parts"])
def test_missing_table(tmp_path: Path, layout: str) -> None:
    out = write(tmp_path, layout=layout, omit=("roles",))
    problems = validate_output(out)
    assert codes(problems) == {v.V010}
    assert problems[0].table == "roles"


def test_empty_parts_folder(tmp_path: Path) -> None:
    out = write(tmp_path, omit=("events",))
    (out / "events.parquet").mkdir()
    assert codes(validate_output(out)) == {v.V011}


def test_corrupt_parquet(tmp_path: Path) -> None:
    out = write(tmp_path)
    (out / "actors.parquet").write_bytes(b"PAR1 bukan parquet")
    problems = validate_output(out)
    assert v.V011 in codes(problems)
    assert all(p.table in ("actors", "manifest") for p in problems)


@pytest.mark.parametrize("layout", ["file", "parts"])
def test_dropped_column(tmp_path: Path, layout: str) -> None:
    tables = factory.sample_tables()
    tables["quotes"] = tables["quotes"].drop_columns(["kind"])
    out = write(tmp_path, tables, layout=layout)
    problems = validate_output(out)
    assert v.V012 in codes(problems)
    assert all(p.table == "quotes" and "'kind'" in p.message for p in problems)


def test_dropped_column_in_one_part_only(tmp_path: Path) -> None:
    out = write(tmp_path, layout="parts")
    part = out / "mentions.parquet" / "part-00001.parquet"
    import pyarrow.parquet as pq

    pq.write_table(pq.read_table(part).drop_columns(["label"]), part)
    problems = validate_output(out)
    assert codes(problems) == {v.V012}
    assert "part-00001" in problems[0].message


@pytest.mark.parametrize(
    ("table", "column", "new_type"),
    [("mentions", "start", pa.string()), ("articles", "published", pa.timestamp("us")), ("actors", "variants", pa.string()), ("quotes", "score", pa.int64())],
)
def test_wrong_type(tmp_path: Path, table: str, column: str, new_type: pa.DataType) -> None:
    tables = factory.sample_tables()
    t = tables[table]
    if column == "variants":
        array = pa.array(["|".join(x) for x in t.column(column).to_pylist()])
    elif column == "score":
        array = pa.array([1] * t.num_rows, type=new_type)
    else:
        array = pc.cast(t.column(column), new_type).combine_chunks()
    tables[table] = replace_column(t, column, array)
    out = write(tmp_path, tables)
    problems = validate_output(out)
    assert codes(problems) == {v.V013}
    assert problems[0].table == table and repr(column) in problems[0].message


# --- values ---------------------------------------------------------------------------------


def test_bad_label(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["mentions"] = set_cell(tables["mentions"], "label", 0, "JABATAN")
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V020}
    assert "mention_id='men_b1'" in problems[0].message and "'JABATAN'" in problems[0].message


def test_bad_status(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["events"] = set_cell(tables["events"], "status", 2, "batal")
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V020}
    assert "event_id='evt_k2'" in problems[0].message


def test_bad_quote_kind_and_mention_source(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["quotes"] = set_cell(tables["quotes"], "kind", 0, "langsung")
    tables["mentions"] = set_cell(tables["mentions"], "source", 3, "manual")
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V020}
    assert {p.table for p in problems} == {"quotes", "mentions"}


def test_score_out_of_range(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["mentions"] = set_cell(tables["mentions"], "score", 1, 1.5)
    tables["quotes"] = set_cell(tables["quotes"], "score", 1, float("nan"))
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V021}
    assert len(problems) == 2


def test_null_in_required_column(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["articles"] = set_cell(tables["articles"], "source", 1, None)
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V022}
    assert "article_id='art_bekasi02'" in problems[0].message


def test_person_without_actor_id(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["mentions"] = set_cell(tables["mentions"], "actor_id", 1, None)
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V023}
    assert "Dedi Kurniawan" in problems[0].message


def test_event_kind_not_lower_case(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["events"] = set_cell(tables["events"], "kind", 1, "Sosialisasi")
    assert codes(validate_output(write(tmp_path, tables))) == {v.V024}


def test_negative_count(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["actors"] = set_cell(tables["actors"], "n_mentions", 0, -1)
    assert codes(validate_output(write(tmp_path, tables))) == {v.V025}


# --- keys and references --------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["file", "parts"])
def test_duplicate_mention_id(tmp_path: Path, layout: str) -> None:
    tables = factory.sample_tables()
    tables["mentions"] = set_cell(tables["mentions"], "mention_id", 10, "men_b1")
    problems = validate_output(write(tmp_path, tables, layout=layout))
    assert codes(problems) == {v.V030}
    assert "mention_id='men_b1' appears 2 times" in problems[0].message


def test_dangling_article_id(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["events"] = set_cell(tables["events"], "article_id", 0, "art_hilang")
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V040}
    assert problems[0].table == "events" and "'art_hilang'" in problems[0].message


def test_dangling_actor_id_in_mentions(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["mentions"] = set_cell(tables["mentions"], "actor_id", 6, "act_tidak_ada")
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V041}
    assert problems[0].table == "mentions" and "actor_id='act_tidak_ada'" in problems[0].message


def test_dangling_speaker_actor_id(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["quotes"] = set_cell(tables["quotes"], "speaker_actor_id", 0, "act_tidak_ada")
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V041}
    assert problems[0].table == "quotes" and "speaker_actor_id='act_tidak_ada'" in problems[0].message


def test_dangling_participant(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["events"] = set_cell(tables["events"], "participants", 2, ["KPU", "act_tidak_ada"])
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V041}
    assert "event_id='evt_k2'" in problems[0].message


def test_duplicate_of_pointing_nowhere(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["articles"] = set_cell(tables["articles"], "duplicate_of", 2, "art_hilang")
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V042}
    assert "article_id='art_bogor03'" in problems[0].message


# --- offsets --------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["file", "parts"])
def test_broken_offset(tmp_path: Path, layout: str) -> None:
    tables = factory.sample_tables()
    mentions = tables["mentions"]
    tables["mentions"] = set_cell(mentions, "start", 1, mentions.column("start")[1].as_py() + 1)
    problems = validate_output(write(tmp_path, tables, layout=layout))
    assert codes(problems) == {v.V051}
    assert "mention_id='men_b2'" in problems[0].message and "'edi Kurniawan'" in problems[0].message


def test_broken_quote_offset_after_non_ascii(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    quotes = tables["quotes"]
    tables["quotes"] = set_cell(quotes, "end", 1, quotes.column("end")[1].as_py() - 1)
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V051}


def test_offset_past_end(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["roles"] = set_cell(tables["roles"], "end", 0, len(factory.TEXT_BOGOR) + 5)
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V050}
    assert problems[0].table == "roles" and f"length {len(factory.TEXT_BOGOR)}" in problems[0].message


def test_start_after_end_and_negative(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["events"] = set_cell(tables["events"], "start", 0, 500)
    tables["quotes"] = set_cell(tables["quotes"], "speaker_start", 0, -3)
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V050}
    assert {p.table for p in problems} == {"events", "quotes"}


def test_check_offsets_off(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["roles"] = set_cell(tables["roles"], "end", 0, 10_000)
    out = write(tmp_path, tables)
    assert validate_output(out, check_offsets=False) == []
    assert codes(validate_output(out)) == {v.V050}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), text=st.text(min_size=1, max_size=40))
def test_offsets_are_python_character_offsets(data: st.DataObject, text: str) -> None:
    """DuckDB's substring agrees with Python slicing for any Unicode (emoji, combining marks)."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    rows = factory.sample_rows()
    rows["articles"][1]["text"] = text
    rows["mentions"] = [m for m in rows["mentions"] if m["article_id"] != factory.ART_BEKASI]
    rows["mentions"].append({**rows["mentions"][0], "mention_id": "men_x", "article_id": factory.ART_BEKASI, "text": text[start:end], "start": start, "end": end})
    for name in ("roles", "quotes", "events"):
        rows[name] = [r for r in rows[name] if r["article_id"] != factory.ART_BEKASI]
    tables = {name: rows_to_table(name, r) for name, r in rows.items()}
    with tempfile.TemporaryDirectory() as tmp:
        out = factory.write_output(Path(tmp) / "out", tables)
        assert validate_output(out) == []


# --- limits ---------------------------------------------------------------------------------


def test_max_problems_and_summary_line(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    tables["mentions"] = replace_column(tables["mentions"], "label", ["JABATAN"] * tables["mentions"].num_rows)
    out = write(tmp_path, tables)
    problems = validate_output(out)
    assert len(problems) == v.EXAMPLES_PER_CHECK + 1
    assert "6 more rows" in problems[-1].message
    assert len(validate_output(out, max_problems=2)) == 2


def test_problem_messages_are_one_line(tmp_path: Path) -> None:
    tables = factory.sample_tables()
    rows = factory.sample_rows()
    rows["mentions"][0]["text"] = "Wali\nKota"
    tables["mentions"] = rows_to_table("mentions", rows["mentions"])
    problems = validate_output(write(tmp_path, tables))
    assert codes(problems) == {v.V051}
    assert all("\n" not in str(p) for p in problems)


def test_every_code_has_a_message() -> None:
    defined = {value for name, value in vars(v).items() if name[:1] == "V" and name[1:].isdigit()}
    assert defined == set(v.MESSAGES)
    assert set(v.REQUIRED_COLUMNS) == set(SCHEMAS)
    for table, columns in v.REQUIRED_COLUMNS.items():
        assert set(columns) <= set(SCHEMAS[table].names)


def test_manifest_written_by_factory_is_json(tmp_path: Path) -> None:
    out = write(tmp_path)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["row_counts"]["mentions"] == 11
