"""The extraction job end to end: every table of SCHEMA.md, offsets, loading with pandas and
DuckDB, bad input in a run, the lock, resume after a kill, crash safety."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import dataset
from pipeline.cli import main as cli_main
from pipeline.extract import ExtractConfig, OutputLock, run_extract
from pipeline.validate import validate_output

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

REQUIRED = {
    "articles": ["article_id", "source", "outlet", "title", "published", "dateline", "text", "n_tokens", "duplicate_of"],
    "mentions": ["article_id", "mention_id", "label", "text", "start", "end", "sentence", "normalized", "actor_id", "source", "score"],
    "actors": ["actor_id", "name", "variants", "offices", "n_articles", "n_mentions"],
    "roles": ["actor_id", "article_id", "title", "organization", "jurisdiction", "office", "text", "start", "end"],
    "quotes": ["quote_id", "article_id", "speaker", "speaker_actor_id", "speaker_office", "text", "kind", "cue", "start", "end", "score"],
    "events": ["event_id", "article_id", "kind", "name", "date", "date_text", "place", "participants", "status", "event_cluster", "start", "end"],
}


@pytest.mark.parametrize("table", sorted(REQUIRED))
def test_every_table_has_its_columns_and_real_rows(raw_output, table):
    out, _ = raw_output
    df = pd.read_parquet(out / f"{table}.parquet")
    assert set(REQUIRED[table]) <= set(df.columns)
    assert len(df) > 0


def test_manifest(raw_output):
    out, manifest = raw_output
    m = json.loads((out / "manifest.json").read_text())
    assert m["schema_version"] == dataset.SCHEMA_VERSION and m["complete"]
    assert m["inputs"] == 13 and m["articles"] == 13 and m["skipped"] == []
    for t in dataset.TABLES:
        assert m["row_counts"][t] == len(pd.read_parquet(out / f"{t}.parquet"))
    assert (out / "_SUCCESS").exists()
    assert sum(m["published_from"].values()) == 13


@pytest.mark.parametrize("table,col", [("mentions", "text"), ("roles", "text"), ("quotes", "text")])
def test_offsets_reproduce_spans(raw_output, table, col):
    out, _ = raw_output
    texts = dict(pd.read_parquet(out / "articles.parquet", columns=["article_id", "text"]).values)
    df = pd.read_parquet(out / f"{table}.parquet")
    for r in df.itertuples():
        assert texts[r.article_id][r.start:r.end] == getattr(r, col)


def test_events_offsets_inside_text(raw_output):
    out, _ = raw_output
    texts = dict(pd.read_parquet(out / "articles.parquet", columns=["article_id", "text"]).values)
    ev = pd.read_parquet(out / "events.parquet")
    assert all(0 <= r.start < r.end <= len(texts[r.article_id]) for r in ev.itertuples())


def test_duckdb_reads_the_output(raw_output):
    import duckdb

    out, _ = raw_output
    con = duckdb.connect()
    n = con.execute(f"select count(*) from read_parquet('{out}/mentions.parquet/**/*.parquet')").fetchone()[0]
    assert n == len(pd.read_parquet(out / "mentions.parquet"))
    top = con.execute(f"""select a.name, count(*) n from read_parquet('{out}/quotes.parquet/**/*.parquet') q
                         join read_parquet('{out}/actors.parquet') a on a.actor_id = q.speaker_actor_id
                         group by 1 order by 2 desc limit 3""").fetchall()
    assert top and top[0][1] >= 2


def test_furniture_names_never_become_persons(raw_output):
    out, _ = raw_output
    gold = json.loads((ROOT / "tests" / "gold" / "raw_gold.json").read_text())
    persons = pd.read_parquet(out / "mentions.parquet").query("label == 'PERSON'")
    names = set(persons["text"]) | set(persons["normalized"].dropna())
    for noise in gold["noise_persons"]:
        assert not any(noise in n or n in noise.split() and len(n) > 3 for n in names), noise


def test_person_spelled_two_ways_is_one_actor_and_same_office_holders_are_two(raw_output):
    out, _ = raw_output
    m = pd.read_parquet(out / "mentions.parquet").query("label == 'PERSON'")
    act = lambda name: set(m[m["normalized"].fillna("").str.contains(name)]["actor_id"])  # noqa: E731
    assert act("Rahmat Hidayatullah") and act("Rahmad Hidayatullah")
    assert len(act("Rahmat Hidayatullah") | act("Rahmad Hidayatullah")) == 1
    assert act("Dwi Haryanto") and not (act("Dwi Haryanto") & act("Hidayatullah"))


def test_syndicated_copy_points_to_the_original(raw_output):
    out, _ = raw_output
    a = pd.read_parquet(out / "articles.parquet")
    dup = a[a["duplicate_of"].notna()]
    assert len(dup) >= 1
    assert set(dup["duplicate_of"]) <= set(a["article_id"])


# --------------------------------------------------------------------------- bad input in a run

def _bad_inputs(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(RAW / "antara-jaktim-sosialisasi-pemilu.txt", folder / "good.txt")
    (folder / "undecodable.txt").write_bytes(b"Wali Kota \xff\xfe berkata")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.jsonl").write_text('{"text": "Rapat digelar di Balai Kota Bogor pada Senin pagi oleh Wali Kota."}\n{oops\n')
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "giant.txt").write_text("a" * 5_000_000)


def test_bad_inputs_cost_only_themselves(tmp_path, capsys):
    _bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    rc = cli_main(["extract", str(tmp_path / "in"), "--out", str(out), "--workers", "1", "--quiet", "--no-model"])
    err = capsys.readouterr().err
    assert rc == 0
    m = json.loads((out / "manifest.json").read_text())
    assert m["articles"] == 2
    skipped = {Path(s["source"].split(":")[0]).name: s["code"] for s in m["skipped"]}
    assert skipped == {"undecodable.txt": "E001", "binary.txt": "E002", "empty.txt": "E003",
                       "broken.jsonl": "E004", "notes.docx": "E005", "giant.txt": "E006"}
    for name in skipped:
        lines = [ln for ln in err.splitlines() if name in ln]
        assert len(lines) == 1, (name, lines)
    assert not validate_output(out)
    rc = cli_main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out2"), "--workers", "1", "--quiet", "--no-model", "--strict"])
    assert rc == 1


def test_nothing_usable_exits_non_zero(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    rc = cli_main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet", "--no-model"])
    assert rc == 1


def test_second_run_on_a_locked_folder_refuses(tmp_path):
    out = tmp_path / "out"
    with OutputLock(out):
        with pytest.raises(RuntimeError, match="E201"):
            run_extract([RAW], out, ExtractConfig(progress=False, model=None))


# --------------------------------------------------------------------------- resume and crash safety

def _rows(out: Path) -> dict[str, pd.DataFrame]:
    res = {}
    for t in dataset.TABLES:
        df = pd.read_parquet(out / f"{t}.parquet")
        key = df.columns[0] if t != "mentions" else "mention_id"
        key = {"roles": ["article_id", "start"], "events": ["event_id"], "quotes": ["quote_id"]}.get(t, [key])
        res[t] = df.sort_values(key).reset_index(drop=True).astype(str)
    return res


def test_resume_after_kill_gives_identical_output(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):  # 39 articles: a few batches
        for f in RAW.iterdir():
            text = f.read_bytes()
            (src / f"{i}-{f.name}").write_bytes(text.replace(b"2024", str(2021 + i).encode()) if f.suffix == ".txt" else text)
    ref = tmp_path / "ref"
    run_extract([src], ref, ExtractConfig(progress=False, model=None, batch_size=4))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(src), "--out", str(out), "--no-model", "--workers", "1",
           "--batch-size", "4", "--quiet"]
    p = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "_work").glob("batch-*.pkl"))) < 3:
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    done = len(list((out / "_work").glob("batch-*.pkl")))
    assert 0 < done and not (out / "_SUCCESS").exists()
    rc = subprocess.run(cmd + ["--resume"], cwd=ROOT, stderr=subprocess.DEVNULL).returncode
    assert rc == 0
    a, b = _rows(ref), _rows(out)
    for t in dataset.TABLES:
        pd.testing.assert_frame_equal(a[t].drop(columns=[], errors="ignore"), b[t])
    assert not validate_output(out)


def test_crash_before_swap_keeps_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_extract([RAW / "kompas-surabaya-banjir.txt"], out, ExtractConfig(progress=False, model=None))
    before = _rows(out)
    import pipeline.extract as ex

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(ex, "_swap_into_place", boom)
    with pytest.raises(KeyboardInterrupt):
        run_extract([RAW], out, ExtractConfig(progress=False, model=None))
    after = _rows(out)
    for t in dataset.TABLES:
        pd.testing.assert_frame_equal(before[t], after[t])
    assert not validate_output(out)


def test_parts_layout(raw_output):
    out, _ = raw_output
    for t in dataset.TABLES:
        p = out / f"{t}.parquet"
        assert p.exists()
        if p.is_dir():
            assert sorted(x.name for x in p.iterdir())[0] == "part-00000.parquet"


def test_one_and_two_workers_give_the_same_rows(raw_output, tmp_path):
    out1 = tmp_path / "w1"
    run_extract([RAW], out1, ExtractConfig(workers=1, progress=False))
    a, b = _rows(raw_output[0]), _rows(out1)
    for t in dataset.TABLES:
        pd.testing.assert_frame_equal(a[t], b[t])
    assert not validate_output(out1)


def test_actors_explain_shows_why_spellings_merged(raw_output, capsys):
    out, _ = raw_output
    assert cli_main(["actors", str(out), "--explain", "Rahmat Hidayatullah"]) == 0
    text = capsys.readouterr().out
    assert "rahmad" in text and "rahmat" in text and ("merged" in text or "same key" in text)
    assert cli_main(["actors", str(out), "--explain", "Nama Tidak Ada"]) == 1
