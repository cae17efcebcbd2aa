"""`python -m pipeline.bench` measures a small generated corpus end to end (no timing thresholds)."""

from __future__ import annotations

import gzip
import json

import pytest

from pipeline import bench


def test_bench_run_reports_positive_figures(tmp_path):
    r = bench.run(n=30, workers=1, no_model=True, bench_dir=tmp_path)
    assert r["pipeline"]["articles"] == 30
    assert r["articles_per_s"] > 0 and r["words_per_s"] > 0
    assert r["peak_mb"] > 0
    assert 0 < r["ratio"]
    assert r["tokenisation"]["words_per_s"] > 0
    stages = {x["stage"]: x["seconds"] for x in r["stages"]["rows"]}
    assert {"ingest + clean", "tokenizer", "sentencizer", "quotes", "events"} <= set(stages)
    assert all(v >= 0 for v in stages.values())
    from pipeline.validate import validate_output

    assert not validate_output(tmp_path / "out-n30")


def test_corpus_is_deterministic_and_varied(tmp_path):
    a = bench.make_corpus(20, seed=3, bench_dir=tmp_path / "a")
    b = bench.make_corpus(20, seed=3, bench_dir=tmp_path / "b")
    assert gzip.open(a).read() == gzip.open(b).read()
    recs = [json.loads(line) for line in gzip.open(a, "rt", encoding="utf-8")]
    assert len(recs) == 20 and len({r["id"] for r in recs}) == 20
    assert len({r["text"] for r in recs}) >= 18  # perturbed, not copies


def test_pass2_only_on_a_replicated_work_dir(tmp_path):
    """--pass2-only: pass 2 on N articles replicated from a real run is a valid output of N
    articles whose replicas are other persons (more actors than the source run)."""
    import pandas as pd

    from pipeline.validate import validate_output

    r = bench.pass2_only(50, source_n=20, workers=1, model=None, bench_dir=tmp_path)
    source = json.loads((tmp_path / "out-n20" / "manifest.json").read_text())
    assert r["mode"] == "pass2-only" and r["articles"] == 50 and r["peak_mb"] > 0 and r["cpu_s"] > 0
    assert r["row_counts"]["actors"] > source["row_counts"]["actors"]
    out = tmp_path / "pass2-n50"
    assert not validate_output(out)
    arts = pd.read_parquet(out / "articles.parquet")
    assert arts["article_id"].is_unique and len(set(arts["text"])) == 50
    assert not (out / "_work").exists()  # the replicated part files are removed after the run


def test_dedupe_bench_reference_pass_groups_the_same_records() -> None:
    """The reference pass the dedupe benchmark prints beside the resolution (the least work any
    resolver does: group the records by name) runs on the records and gives a CPU time."""
    from pipeline.dedupe_bench import generate_people, reference_group_by

    records, _ = generate_people(2000, seed=3)
    secs = reference_group_by(records, repeats=2)
    assert 0.0 < secs < 5.0


def test_scaled_surname_pool_grows_and_keeps_surnames_apart() -> None:
    """``--surnames scaled`` (pipeline/dedupe_bench.py): the fixed pool below the 100k density, ten
    times as many surnames for ten times the people above it, none of the added ones within two
    edits of another surname (a made-up near twin would test typo tolerance, not scale), and the
    default pool unchanged."""
    from rapidfuzz.distance import Levenshtein

    from pipeline.dedupe_bench import LAST, generate_people, surname_pool

    assert surname_pool(125_000, "fixed") == list(LAST)
    assert surname_pool(12_500, "scaled") == list(LAST)
    pool = surname_pool(125_000, "scaled")
    assert len(pool) == round(125_000 / (12_500 / len(LAST))) and pool[: len(LAST)] == list(LAST)
    added = [w.lower() for w in pool[len(LAST):]]
    everyone = [w.lower() for w in pool]
    for k, w in enumerate(added[:300]):
        others = everyone[: len(LAST) + k]
        assert min(Levenshtein.distance(w, o) for o in others) >= 3, w
    with pytest.raises(ValueError):
        surname_pool(10, "dense")
    # the default is the fixed pool: the same records as before the option existed
    a, _ = generate_people(3000, seed=4)
    b, _ = generate_people(3000, seed=4, surnames="fixed")
    assert a == b
