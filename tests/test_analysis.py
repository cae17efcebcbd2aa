"""Cross-article events and the README's example analysis (docs/analysis.md) on real output.

The syndicated copy in data/raw reports the same occurrence as its original: their events share
an ``event_cluster``, so counts of occurrences are not inflated. Every SQL block of
docs/analysis.md runs on the extraction of data/raw and returns rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SQL = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8"), re.S)


def test_a_syndicated_copy_shares_the_event_cluster_of_its_original(raw_output):
    out, _ = raw_output
    a = pd.read_parquet(out / "articles.parquet")
    e = pd.read_parquet(out / "events.parquet")
    pairs = a[a["duplicate_of"].notna()][["article_id", "duplicate_of"]].itertuples(index=False)
    checked = 0
    for copy, original in pairs:
        clusters = lambda aid: set(e[e["article_id"] == aid]["event_cluster"])  # noqa: E731
        assert clusters(copy) & clusters(original), (copy, original)
        checked += 1
    assert checked >= 1
    # distinct occurrences are fewer than event rows
    assert e["event_cluster"].nunique() < len(e)


def test_the_analysis_document_has_its_queries():
    assert len(SQL) >= 4


@pytest.mark.parametrize("i", range(len(SQL)))
def test_every_query_of_the_analysis_document_runs_on_real_output(raw_output, i):
    import duckdb

    out, _ = raw_output
    query = SQL[i].replace("data/processed", str(out))
    rows = duckdb.sql(query).fetchall()
    assert rows, SQL[i]
