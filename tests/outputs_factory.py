"""Small, valid synthetic output folders of ``pipeline extract``, written with the project's writers.

Tests build one with :func:`write_output` (optionally after corrupting :func:`sample_tables`)
and check what reads or validates it::

    tables = sample_tables()
    out = write_output(tmp_path / "out", tables, layout="parts")

Offsets are computed from the article texts (``text.index(span)``), so every span reproduces
exactly; the texts contain curly quotes and an em dash so that character offsets differ from
UTF-8 byte offsets.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

if importlib.util.find_spec("pipeline") is None:  # repo not installed and no pytest pythonpath set
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.dataset import SCHEMA_VERSION, TABLES, rows_to_table, table_path, write_json, write_table

ART_BOGOR = "art_bogor01"
ART_BEKASI = "art_bekasi02"
ART_BOGOR_DUP = "art_bogor03"

TEXT_BOGOR = (
    "Wali Kota Bogor Dedi Kurniawan meresmikan pasar baru, Senin. "
    "“Pasar ini untuk warga Bogor,” kata Dedi di Bogor."
)
TEXT_BEKASI = (
    "Ketua KPU Kota Bekasi Siti Rahayu menggelar sosialisasi pemilu di Bekasi, Selasa (12/9/2023). "
    "Menurut Siti, partisipasi pemilih harus naik — terutama pemilih muda. "
    "Rapat koordinasi dengan Bawaslu akan digelar pekan depan."
)
TEXT_BOGOR_DUP = TEXT_BOGOR + " Pasar itu buka setiap hari."

ACT_DEDI = "act_dedi_kurniawan"
ACT_SITI = "act_siti_rahayu"


def _span(text: str, span: str, occurrence: int = 0) -> tuple[int, int]:
    """Character offsets of the ``occurrence``-th ``span`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(span, start + 1)
    return start, start + len(span)


def _mention(mid: str, aid: str, text: str, span: str, label: str, sentence: int, normalized: str | None = None, actor_id: str | None = None, occurrence: int = 0) -> dict[str, Any]:
    start, end = _span(text, span, occurrence)
    return {
        "article_id": aid,
        "mention_id": mid,
        "label": label,
        "text": span,
        "start": start,
        "end": end,
        "sentence": sentence,
        "normalized": normalized if normalized is not None else span,
        "actor_id": actor_id,
        "source": "rule" if label != "PERSON" else "model",
        "score": 0.9,
    }


def sample_rows() -> dict[str, list[dict[str, Any]]]:
    """Rows of a valid three-article run (one article a near-duplicate of another)."""
    articles = [
        {
            "article_id": ART_BOGOR,
            "source": "data/raw/bogor.txt",
            "outlet": "Radar Bogor",
            "title": "Wali Kota Resmikan Pasar Baru",
            "published": dt.date(2023, 9, 11),
            "published_from": "metadata",
            "dateline": "Bogor",
            "text": TEXT_BOGOR,
            "n_tokens": 19,
            "duplicate_of": None,
            "content_hash": "h1",
        },
        {
            "article_id": ART_BEKASI,
            "source": "data/raw/bekasi.jsonl:1",
            "outlet": None,
            "title": None,
            "published": dt.date(2023, 9, 12),
            "published_from": "first_date",
            "dateline": None,
            "text": TEXT_BEKASI,
            "n_tokens": 33,
            "duplicate_of": None,
            "content_hash": "h2",
        },
        {
            "article_id": ART_BOGOR_DUP,
            "source": "data/raw/bogor-2.txt",
            "outlet": "Bogor Today",
            "title": None,
            "published": None,
            "published_from": "none",
            "dateline": None,
            "text": TEXT_BOGOR_DUP,
            "n_tokens": 24,
            "duplicate_of": ART_BOGOR,
            "content_hash": "h3",
        },
    ]
    mentions = [
        _mention("men_b1", ART_BOGOR, TEXT_BOGOR, "Wali Kota Bogor", "OFFICE", 0),
        _mention("men_b2", ART_BOGOR, TEXT_BOGOR, "Dedi Kurniawan", "PERSON", 0, actor_id=ACT_DEDI),
        _mention("men_b3", ART_BOGOR, TEXT_BOGOR, "Senin", "DATE", 0, normalized="2023-09-11"),
        _mention("men_b4", ART_BOGOR, TEXT_BOGOR, "Dedi", "PERSON", 1, normalized="Dedi Kurniawan", actor_id=ACT_DEDI, occurrence=1),
        _mention("men_b5", ART_BOGOR, TEXT_BOGOR, "Bogor", "PLACE", 1, occurrence=2),
        _mention("men_k1", ART_BEKASI, TEXT_BEKASI, "KPU", "ORG", 0),
        _mention("men_k2", ART_BEKASI, TEXT_BEKASI, "Siti Rahayu", "PERSON", 0, actor_id=ACT_SITI),
        _mention("men_k3", ART_BEKASI, TEXT_BEKASI, "Selasa (12/9/2023)", "DATE", 0, normalized="2023-09-12"),
        _mention("men_k4", ART_BEKASI, TEXT_BEKASI, "Siti", "PERSON", 1, normalized="Siti Rahayu", actor_id=ACT_SITI, occurrence=1),
        _mention("men_k5", ART_BEKASI, TEXT_BEKASI, "Bawaslu", "ORG", 2),
        _mention("men_d1", ART_BOGOR_DUP, TEXT_BOGOR_DUP, "Dedi Kurniawan", "PERSON", 0, actor_id=ACT_DEDI),
    ]
    actors = [
        {"actor_id": ACT_DEDI, "name": "Dedi Kurniawan", "variants": ["Dedi Kurniawan", "Dedi"], "offices": ["Wali Kota Bogor"], "n_articles": 2, "n_mentions": 3},
        {"actor_id": ACT_SITI, "name": "Siti Rahayu", "variants": ["Siti Rahayu", "Siti"], "offices": ["Ketua KPU Kota Bekasi"], "n_articles": 1, "n_mentions": 2},
    ]
    rb = _span(TEXT_BOGOR, "Wali Kota Bogor")
    rk = _span(TEXT_BEKASI, "Ketua KPU Kota Bekasi")
    roles = [
        {"actor_id": ACT_DEDI, "article_id": ART_BOGOR, "title": "Wali Kota", "organization": "Pemerintah Kota", "jurisdiction": "Bogor", "office": "Wali Kota Bogor", "text": "Wali Kota Bogor", "start": rb[0], "end": rb[1]},
        {"actor_id": ACT_SITI, "article_id": ART_BEKASI, "title": "Ketua", "organization": "KPU", "jurisdiction": "Kota Bekasi", "office": "Ketua KPU Kota Bekasi", "text": "Ketua KPU Kota Bekasi", "start": rk[0], "end": rk[1]},
    ]
    q1 = _span(TEXT_BOGOR, "Pasar ini untuk warga Bogor,")
    q1_speaker = _span(TEXT_BOGOR, "Dedi", 1)
    q1_sentence = _span(TEXT_BOGOR, "“Pasar ini untuk warga Bogor,” kata Dedi di Bogor.")
    q2 = _span(TEXT_BEKASI, "partisipasi pemilih harus naik — terutama pemilih muda")
    q2_speaker = _span(TEXT_BEKASI, "Siti", 1)
    q2_sentence = _span(TEXT_BEKASI, "Menurut Siti, partisipasi pemilih harus naik — terutama pemilih muda.")
    quotes = [
        {"quote_id": "quo_b1", "article_id": ART_BOGOR, "speaker": "Dedi Kurniawan", "speaker_actor_id": ACT_DEDI, "speaker_office": "Wali Kota Bogor", "text": "Pasar ini untuk warga Bogor,", "kind": "direct", "cue": "kata", "start": q1[0], "end": q1[1], "score": 0.95, "speaker_start": q1_speaker[0], "speaker_end": q1_speaker[1], "sentence_start": q1_sentence[0], "sentence_end": q1_sentence[1]},
        {"quote_id": "quo_k1", "article_id": ART_BEKASI, "speaker": "Siti Rahayu", "speaker_actor_id": ACT_SITI, "speaker_office": "Ketua KPU Kota Bekasi", "text": "partisipasi pemilih harus naik — terutama pemilih muda", "kind": "indirect", "cue": "menurut", "start": q2[0], "end": q2[1], "score": 0.7, "speaker_start": q2_speaker[0], "speaker_end": q2_speaker[1], "sentence_start": q2_sentence[0], "sentence_end": q2_sentence[1]},
    ]
    e1 = _span(TEXT_BOGOR, "Wali Kota Bogor Dedi Kurniawan meresmikan pasar baru, Senin.")
    e2 = _span(TEXT_BEKASI, "Ketua KPU Kota Bekasi Siti Rahayu menggelar sosialisasi pemilu di Bekasi, Selasa (12/9/2023).")
    e3 = _span(TEXT_BEKASI, "Rapat koordinasi dengan Bawaslu akan digelar pekan depan.")
    events = [
        {"event_id": "evt_b1", "article_id": ART_BOGOR, "kind": "peresmian", "name": None, "date": dt.date(2023, 9, 11), "date_text": "Senin", "place": "Bogor", "participants": [ACT_DEDI], "status": "happened", "event_cluster": "clu_1", "start": e1[0], "end": e1[1], "trigger": "meresmikan"},
        {"event_id": "evt_k1", "article_id": ART_BEKASI, "kind": "sosialisasi", "name": "sosialisasi pemilu", "date": dt.date(2023, 9, 12), "date_text": "Selasa (12/9/2023)", "place": "Bekasi", "participants": [ACT_SITI, "KPU"], "status": "happened", "event_cluster": "clu_2", "start": e2[0], "end": e2[1], "trigger": "menggelar"},
        {"event_id": "evt_k2", "article_id": ART_BEKASI, "kind": "rapat koordinasi", "name": None, "date": None, "date_text": "pekan depan", "place": None, "participants": ["KPU", "Bawaslu"], "status": "planned", "event_cluster": "clu_3", "start": e3[0], "end": e3[1], "trigger": "digelar"},
    ]
    return {"articles": articles, "mentions": mentions, "actors": actors, "roles": roles, "quotes": quotes, "events": events}


def sample_tables() -> dict[str, pa.Table]:
    """:func:`sample_rows` as pyarrow tables with the explicit ``dataset.SCHEMAS``."""
    return {name: rows_to_table(name, rows) for name, rows in sample_rows().items()}


def make_manifest(tables: Mapping[str, pa.Table], **overrides: Any) -> dict[str, Any]:
    """A manifest consistent with ``tables`` (as the extract command writes it), then ``overrides``."""
    articles = tables.get("articles")
    n_articles = articles.num_rows if articles is not None else 0
    published_from = {key: 0 for key in ("metadata", "dateline", "first_date", "none")}
    if articles is not None and "published_from" in articles.column_names:
        for value in articles.column("published_from").to_pylist():
            published_from[value or "none"] = published_from.get(value or "none", 0) + 1
    skipped = [{"source": "data/raw/rusak.pdf", "code": "E005", "reason": "unsupported extension '.pdf'"}]
    manifest: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": "0.1.0",
        "model": {"name": "id_pipeline_ner", "version": "0.1.0"},
        "created": "2026-11-23T05:30:00+00:00",
        "inputs": n_articles + len(skipped),
        "articles": n_articles,
        "skipped": skipped,
        "row_counts": {name: table.num_rows for name, table in tables.items()},
        "timings": {"ingest": 0.01, "nlp": 0.2, "write": 0.05},
        "published_from": published_from,
        "complete": True,
    }
    manifest.update(overrides)
    return manifest


def write_output(
    out: Path,
    tables: Mapping[str, pa.Table] | None = None,
    *,
    layout: str = "file",
    parts: int = 2,
    manifest: dict[str, Any] | None = None,
    write_manifest: bool = True,
    omit: tuple[str, ...] = (),
) -> Path:
    """Write ``tables`` (default :func:`sample_tables`) and a manifest under ``out``; return ``out``.

    ``layout="file"`` writes ``TABLE.parquet`` files; ``layout="parts"`` writes folders
    ``TABLE.parquet/part-00000.parquet`` ... of up to ``parts`` part files each (at least one,
    empty if the table is). The manifest is :func:`make_manifest` of the tables unless
    ``manifest`` is given; tables named in ``omit`` are not written (but are counted).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = dict(tables) if tables is not None else sample_tables()
    for name, table in tables.items():
        if name in omit:
            continue
        path = table_path(out, name)
        if layout == "file":
            write_table(table, path)
        elif layout == "parts":
            step = max(1, -(-table.num_rows // parts))
            offsets = range(0, max(table.num_rows, 1), step)
            for i, offset in enumerate(offsets):
                write_table(table.slice(offset, step), path / f"part-{i:05d}.parquet")
        else:
            raise ValueError(f"unknown layout {layout!r}")
    if write_manifest:
        write_json(manifest if manifest is not None else make_manifest(tables), out / "manifest.json")
    return out


__all__ = ["TABLES", "make_manifest", "sample_rows", "sample_tables", "write_output"]
