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


@pytest.mark.parametrize("workers", [1, 2])
def test_resume_after_kill_gives_identical_output(tmp_path, workers):
    """SIGKILL the command mid-run; with 2 workers pass 1 runs in a child process with a helper:
    both die with the command (nothing writes into the folder afterwards), and --resume (with 1
    or 2 workers) gives the tables of an uninterrupted run."""
    try:
        import psutil  # not a dependency of the package: the process checks need it
    except ImportError:  # pragma: no cover
        psutil = None

    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):  # 39 articles: a few batches
        for f in RAW.iterdir():
            text = f.read_bytes()
            (src / f"{i}-{f.name}").write_bytes(text.replace(b"2024", str(2021 + i).encode()) if f.suffix == ".txt" else text)
    ref = tmp_path / "ref"
    run_extract([src], ref, ExtractConfig(progress=False, model=None, batch_size=4))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(src), "--out", str(out), "--no-model", "--workers", str(workers),
           "--batch-size", "4", "--quiet"]
    p = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "_work").glob("part-*.bin"))) < 3:
        time.sleep(0.05)
    family = psutil.Process(p.pid).children(recursive=True) if psutil else []
    assert not psutil or len(family) >= (2 if workers == 2 else 0)  # the pass-1 process and its helper
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    if psutil:
        gone, alive = psutil.wait_procs(family, timeout=10)
        assert not alive
    done = len(list((out / "_work").glob("part-*.bin")))
    assert 0 < done and not (out / "_SUCCESS").exists()
    time.sleep(0.3)
    assert len(list((out / "_work").glob("part-*.bin"))) == done  # nothing writes after the kill
    rc = subprocess.run(cmd[:-5] + ["--workers", str(3 - workers), "--batch-size", "4", "--quiet", "--resume"],
                        cwd=ROOT, stderr=subprocess.DEVNULL).returncode
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


# --------------------------------------------------------------------------- pass-1 part files and pass 2

def _copies(src: Path, n: int = 2) -> None:
    """data/raw ``n`` times with different years, plus an exact copy of one article under another name."""
    src.mkdir()
    for i in range(n):
        for f in RAW.iterdir():
            text = f.read_bytes()
            (src / f"{i}-{f.name}").write_bytes(text.replace(b"2024", str(2021 + i).encode()) if f.suffix == ".txt" else text)
    shutil.copy(RAW / "kompas-surabaya-banjir.txt", src / "zz-same-text-other-source.txt")


def test_part_files_hold_every_analysed_article_and_a_damaged_one_is_redone(tmp_path):
    from pipeline.extract import PART_MAGIC, WORK_FORMAT, WorkDir

    src = tmp_path / "in"
    _copies(src)
    cfg = dict(progress=False, model=None, batch_size=4, chunk_size=3)
    ref = run_extract([src], tmp_path / "ref", ExtractConfig(**cfg))
    out = tmp_path / "out"
    m = run_extract([src], out, ExtractConfig(**cfg))
    work = out / "_work"
    assert json.loads((work / "fingerprint.json").read_text())["work_format"] == WORK_FORMAT
    parts = sorted(work.glob("part-*.bin"))
    assert len(parts) == -(-m["articles"] // 4) and not list(work.glob("batch-*"))
    keys = []
    for p in parts:
        assert p.read_bytes().startswith(PART_MAGIC)
        k1, metas = WorkDir.read(p, "meta")
        k2, rows = WorkDir.read(p, "rows")
        assert k1 == k2 and len(metas) == len(rows) == len(k1) <= 4
        for meta, row in zip(metas, rows):
            assert meta[0] == row[0][0]  # article id first in both
            text = row[0][7]
            for mention in row[1]:  # offsets hold in the saved rows
                assert text[mention[4]:mention[5]] == mention[3]
        keys += k1
    assert len(keys) == len(set(keys)) == m["articles"]
    # a truncated part is discarded on resume and its articles analysed again
    damaged = parts[1]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    m2 = run_extract([src], out, ExtractConfig(resume=True, **cfg))
    assert not damaged.exists()  # removed; its articles are in a new part file
    assert len(list(work.glob("part-*.bin"))) == len(parts) and m2["row_counts"] == ref["row_counts"]
    a, b = _rows(tmp_path / "ref"), _rows(out)
    for t in dataset.TABLES:
        pd.testing.assert_frame_equal(a[t], b[t])


def test_pass2_equals_the_in_memory_computation(tmp_path):
    """Actors, actor ids of mentions and duplicate_of as the whole-corpus functions of dedupe give
    them on the analysed articles, whatever the batch and chunk sizes of the run."""
    import pipeline.extract as ex
    from pipeline.dedupe import find_duplicate_articles, resolve_actors
    from pipeline.ingest import read_articles

    src = tmp_path / "in"
    _copies(src, 3)
    nlp = ex._get_nlp(None)
    records, texts, seen, inputs = [], [], set(), set()
    key_of = {}
    for art in read_articles([src]):
        if (art.source, art.content_hash) in inputs:  # the same input twice (the jsonl records give a url)
            continue
        inputs.add((art.source, art.content_hash))
        res = ex.analyse_article(art, nlp)
        aid = art.article_id
        if aid in seen:
            aid = "art_" + __import__("hashlib").sha1(f"{art.content_hash}\x00{art.source}".encode()).hexdigest()[:16]
        seen.add(aid)
        records += ex.as_person_records({**p, "article_id": aid} for p in res["persons"])
        texts.append((aid, art.text, art.published))
        for m in res["mentions"]:
            key_of[f"{aid}:{m['mention_id'].split(':')[-1]}"] = (aid, m["person_key"])
    mapping, actors = resolve_actors(records)
    dup = find_duplicate_articles(texts)
    assert any(dup.values())  # the syndicated copies of data/raw
    for i, (batch, chunk) in enumerate([(4, 1), (5, 3), (256, 8)]):
        out = tmp_path / f"out{i}"
        run_extract([src], out, ExtractConfig(progress=False, model=None, batch_size=batch, chunk_size=chunk))
        assert dataset.read_table(out, "actors").to_pylist() == [a.__dict__ for a in actors]
        men = pd.read_parquet(out / "mentions.parquet")
        assert [mapping.get(key_of[x]) if key_of[x][1] else None for x in men["mention_id"]] == \
            [None if pd.isna(x) else x for x in men["actor_id"]]
        arts = pd.read_parquet(out / "articles.parquet")
        assert arts["article_id"].tolist() == [t[0] for t in texts]
        assert [None if pd.isna(x) else x for x in arts["duplicate_of"]] == [dup[t[0]] for t in texts]
        assert not validate_output(out)


@pytest.mark.parametrize("syndicated", [0, 150])
def test_duplicate_roots_equal_find_duplicate_articles(tmp_path, syndicated):
    """The banded search of pass 2 finds exactly the duplicates datasketch's LSH finds, also with
    one story syndicated 150 times (a group larger than the first round of tests)."""
    import datetime as dt
    import random

    import numpy as np

    from pipeline import bench
    from pipeline.dedupe import find_duplicate_articles
    from pipeline.extract import _sketch, duplicate_roots
    from pipeline.ingest import read_articles

    corpus = bench.make_corpus(400, seed=5, bench_dir=tmp_path)
    arts = [(a.article_id, a.text, a.published) for a in read_articles([corpus, RAW]) if hasattr(a, "text")]
    rng = random.Random(3)
    extra = []
    for k in range(40):  # exact copies, short texts, undated articles, copies with a paragraph less
        aid, text, pub = arts[rng.randrange(len(arts))]
        kind = k % 4
        if kind == 0:
            extra.append((f"x{k}", text, pub))
        elif kind == 1:
            extra.append((f"x{k}", " ".join(text.split()[:12]), pub))
        elif kind == 2:
            extra.append((f"x{k}", text, None))
        else:
            paras = text.split("\n")
            extra.append((f"x{k}", "\n".join(paras[:-1] or paras), pub + dt.timedelta(days=1) if pub else None))
    arts += extra
    if syndicated:
        # one story copied by many outlets, each copy with a word or two changed and its own date:
        # a group far larger than the first round of member tests
        aid, text, pub = arts[0]
        words = text.split(" ")
        for k in range(syndicated):
            w = list(words)
            for _ in range(1 + k % 2):
                w[rng.randrange(len(w))] = rng.choice(["kemarin", "pekan", "lalu", "warga", "kota"])
            extra_day = dt.timedelta(days=rng.randrange(-3, 4))
            arts.append((f"s{k}", " ".join(w), (pub + extra_day) if pub else None))
    rng.shuffle(arts)
    arts = [(f"a{i}", t, p) for i, (_, t, p) in enumerate(arts)]  # unique ids, as pass 2 makes them
    want = find_duplicate_articles(arts)
    sk = [_sketch(t) for _, t, _ in arts]
    num_perm = 128
    sketches = np.zeros((len(arts), num_perm), dtype=np.uint32)
    for i, (_, n, hv) in enumerate(sk):
        if hv is not None:
            sketches[i] = np.frombuffer(hv, dtype=np.uint32)
    roots = duplicate_roots([p for _, _, p in arts], [d for d, _, _ in sk], [n for _, n, _ in sk], sketches)
    got = {aid: (arts[r][0] if r >= 0 else None) for (aid, _, _), r in zip(arts, roots)}
    assert sum(v is not None for v in want.values()) >= 40 + syndicated
    assert got == want


def test_organisations_inside_offices_are_nested_mentions(raw_output):
    out, _ = raw_output
    m = pd.read_parquet(out / "mentions.parquet")
    offices = m[m["label"] == "OFFICE"]
    orgs = m[m["label"] == "ORG"]
    nested = [
        o for o in orgs.itertuples()
        if any(f.article_id == o.article_id and f.start <= o.start and o.end <= f.end for f in offices.itertuples())
    ]
    assert nested, "no ORG mention nested in an OFFICE mention"
    texts = dict(zip(pd.read_parquet(out / "articles.parquet")["article_id"], pd.read_parquet(out / "articles.parquet")["text"]))
    assert all(texts[o.article_id][o.start:o.end] == o.text for o in nested)


BATCH_TEXTS = [
    "JAKARTA - Wali Kota Jakarta Barat Uus Kuswanto meninjau banjir di Kembangan, Selasa (14/1/2025). "
    "\"Pompa air sudah kami tambah,\" kata Uus kepada wartawan.",
    "Kepala Dinas Kesehatan Kota Bandung Anhar Hadian mengatakan vaksinasi dimulai pekan depan.",
    "Polres Bogor menangkap dua pelaku pencurian sepeda motor di Cibinong, Senin (3/2/2025).",
]


def test_batched_ner_gives_the_rows_of_one_article_at_a_time(nlp):
    """The worker runs the statistical NER over its chunk at once; every row equals the row of
    the article analysed alone."""
    import datetime as dt

    from pipeline.extract import analyse_article, batched_docs
    from pipeline.ingest import Article

    arts = [Article(article_id=f"art_{i}", source=f"b{i}.txt", outlet=None, title=None, text=t,
                    published=dt.date(2025, 1, 15), published_from="metadata", dateline=None,
                    content_hash=f"h{i}") for i, t in enumerate(BATCH_TEXTS)]
    docs = batched_docs(arts, nlp)
    assert ("ner" not in nlp.pipe_names) or all(d is not None for d in docs)
    for art, doc in zip(arts, docs):
        assert analyse_article(art, nlp, doc) == analyse_article(art, nlp)


def test_a_failing_batch_falls_back_to_one_article_at_a_time(nlp, monkeypatch):
    """An article that breaks the batch (here: its Doc cannot be made) costs only itself: the
    chunk is analysed one article at a time and only that one is skipped."""
    import datetime as dt

    from pipeline import extract as ex
    from pipeline import nlp as nlp_mod
    from pipeline.ingest import Article

    if "ner" not in nlp.pipe_names:
        pytest.skip("no trained NER in this checkout")
    arts = [Article(article_id=f"art_{i}", source=f"b{i}.txt", outlet=None, title=None, text=t,
                    published=dt.date(2025, 1, 15), published_from="metadata", dateline=None,
                    content_hash=f"h{i}") for i, t in enumerate(BATCH_TEXTS)]
    real = nlp_mod.make_doc

    def broken(nlp_, text, published=None):
        if "Polres" in text:
            raise ValueError("rusak")
        return real(nlp_, text, published)

    monkeypatch.setattr(nlp_mod, "make_doc", broken)
    assert ex.batched_docs(arts, nlp) == [None, None, None]
    monkeypatch.setattr(ex, "_get_nlp", lambda model: nlp)
    n, skipped, _, _ = ex._work_chunk(arts, "default", 0)
    assert n == 3 and [(i, s.code) for i, s in skipped] == [(2, "E012")]


def test_event_clusters_join_related_kinds_of_one_date():
    """Reports of one event in two articles share a cluster when the kinds are equal or one
    specialises the other ("peluncuran" / "peluncuran aplikasi"), the date agrees and one place
    holds the other's words; other kinds of the same date stay apart."""
    import datetime as dt

    from pipeline.events import event_id
    from pipeline.extract import _event_clusters

    d = dt.date(2025, 3, 4)
    aids = ["art_a", "art_b", "art_c", "art_d"]
    events = [
        ((10, "peluncuran aplikasi", d, "Balai Kota Bandung", (), ()),),
        ((20, "peluncuran", d, "Bandung", (), ()), (90, "rapat", d, "Bandung", (), ())),
        ((30, "pelantikan", d, "Bandung", (), ()),),
        ((40, "peluncuran aplikasi", dt.date(2025, 3, 5), "Bandung", (), ()),),
    ]
    c = _event_clusters(aids, events, [-1, -1, -1, -1], lambda i, k: None)
    assert c[event_id("art_a", 10, "peluncuran aplikasi")] == c[event_id("art_b", 20, "peluncuran")]
    others = {c[event_id("art_b", 90, "rapat")], c[event_id("art_c", 30, "pelantikan")],
              c[event_id("art_d", 40, "peluncuran aplikasi")], c[event_id("art_a", 10, "peluncuran aplikasi")]}
    assert len(others) == 4
