"""Small, valid synthetic output folders of ``pipeline extract``, written with the project's writers.

Two sets of rows, for the tests that read outputs without running the extraction:

* **the validation sample** (:func:`sample_rows`, :func:`sample_tables`, :func:`write_output`,
  :func:`make_manifest`; used by tests/test_validate.py): three articles from Bogor and Bekasi,
  one a near-duplicate of another. Tests corrupt the tables and check what ``pipeline validate``
  finds::

      tables = sample_tables()
      out = write_output(tmp_path / "out", tables, layout="parts")

  The texts contain curly quotes and an em dash, so character offsets differ from UTF-8 byte
  offsets.
* **the report sample** (:func:`all_rows` and the per-table functions :func:`articles`,
  :func:`quotes`..., written by :func:`build_output`; used by tests/test_query.py,
  tests/test_report.py and tests/test_report_browser.py): three articles about the election in
  Jakarta Timur whose strings are hostile on purpose (HTML, ``</script>``, ``javascript:`` and
  U+2028) to prove that the report shows them as text.

Offsets are always computed from the texts (``text.index(span)``), so ``text[start:end]`` equals
the mention / quote text. Both sets are written either as one file per table (``layout="file"``)
or as folders of part files (``layout="parts"``), with a manifest as the extract command writes it.
Import it (``from tests import outputs_factory`` or, with tests/ on ``sys.path``, ``import
outputs_factory``); it is not a pytest conftest.
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

# --------------------------------------------------------------------------- the validation sample

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


# --------------------------------------------------------------------------- the report sample

PWN_SCRIPT = "<script>window.__pwned=1</script>"
PWN_IMG = '<img src=x onerror="window.__pwned=1">'
PWN_JS = "javascript:window.__pwned=1"
PWN_CLOSE = "</script><script>window.__pwned=1</script>"
LS = "\u2028"

ART1 = (
    "Jakarta - Badan Pengawas Pemilu (Bawaslu) Jakarta Timur menggelar sosialisasi pengawasan "
    "partisipatif pada Kamis (14/9/2023).\n"
    '"Kami mengajak warga ikut mengawasi setiap tahapan pemilu," kata Ketua Bawaslu Jakarta Timur '
    "Iin Mutmainah. Sosialisasi diikuti ratusan warga.\n"
    "Menurut Iin Mutmaïnah, pengawasan partisipatif penting untuk mencegah politik uang.\n"
    "Wakil Wali Kota Jakarta Timur Kusmanto mengatakan pemerintah kota mendukung penuh kegiatan tersebut."
)
ART2 = (
    "Jakarta - Pemerintah Kota Jakarta Timur menggelar rapat koordinasi persiapan pemilu, "
    "Jumat (15/9/2023).\n"
    '"Kami siap mendukung penyelenggara pemilu," ujar Kus.\n'
    f"Ketua KPU Jakarta Timur Andi Wijaya menyebut warga bisa menulis {PWN_SCRIPT} di kolom komentar."
)
ART3 = (
    "Bandung - KPU menggelar diskusi publik tentang pemilu.\n"
    f'Andi Wijaya berkata, "Laporan seperti {PWN_IMG} akan kami periksa {PWN_CLOSE} segera,"{LS}lanjutnya. '
    f"Info: {PWN_JS}\n"
    "Diskusi ditutup pada sore hari."
)

TITLE3 = f"Klik {PWN_JS} untuk info {PWN_CLOSE}"

# quote texts (exact substrings of the article texts)
Q1 = "Kami mengajak warga ikut mengawasi setiap tahapan pemilu,"
Q2 = "pengawasan partisipatif penting untuk mencegah politik uang"
Q3 = "pemerintah kota mendukung penuh kegiatan tersebut"
Q4 = "Kami siap mendukung penyelenggara pemilu,"
Q5 = f"warga bisa menulis {PWN_SCRIPT} di kolom komentar"
Q6 = f"Laporan seperti {PWN_IMG} akan kami periksa {PWN_CLOSE} segera,"

ACT_IIN = "act_iin"
ACT_KUS = "act_kus"
ACT_ANDI = "act_andi"


def _span_after(text: str, sub: str, after: int = 0) -> tuple[int, int]:
    """Offsets of the first ``sub`` in ``text`` at or after ``after``."""
    i = text.index(sub, after)
    return i, i + len(sub)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The enclosing line (paragraph) of ``text[start:end]``."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    return s, (len(text) if e < 0 else e)


def articles() -> list[dict[str, Any]]:
    return [
        {
            "article_id": "a1b2c3d4e5f60001",
            "source": "data/raw/kompas-2023-09-14-bawaslu.txt",
            "outlet": "Kompas",
            "title": "Bawaslu Jakarta Timur gelar sosialisasi pengawasan partisipatif",
            "published": dt.date(2023, 9, 14),
            "published_from": "dateline",
            "dateline": "Jakarta",
            "text": ART1,
            "n_tokens": len(ART1.split()),
            "duplicate_of": None,
            "content_hash": "h1",
        },
        {
            "article_id": "a1b2c3d4e5f60002",
            "source": "https://example.com/detik/rapat-koordinasi",
            "outlet": "Detik",
            "title": f"Pemkot Jaktim siap dukung pemilu {PWN_SCRIPT}",
            "published": dt.date(2023, 9, 15),
            "published_from": "metadata",
            "dateline": "Jakarta",
            "text": ART2,
            "n_tokens": len(ART2.split()),
            "duplicate_of": None,
            "content_hash": "h2",
        },
        {
            "article_id": "a1b2c3d4e5f60003",
            "source": PWN_JS,
            "outlet": "Kompas",
            "title": TITLE3,
            "published": dt.date(2023, 9, 16),
            "published_from": "metadata",
            "dateline": "Bandung",
            "text": ART3,
            "n_tokens": len(ART3.split()),
            "duplicate_of": None,
            "content_hash": "h3",
        },
    ]


def actors() -> list[dict[str, Any]]:
    return [
        {
            "actor_id": ACT_IIN,
            "name": "Iin Mutmainah",
            "variants": ["Iin Mutmainah", "Iin Mutmaïnah", "Iin"],
            "offices": ["Ketua Bawaslu Jakarta Timur"],
            "n_articles": 1,
            "n_mentions": 2,
        },
        {
            "actor_id": ACT_KUS,
            "name": "Kusmanto",
            "variants": ["Kusmanto", "Kus", "Pak Kus"],
            "offices": ["Wakil Wali Kota Jakarta Timur"],
            "n_articles": 2,
            "n_mentions": 2,
        },
        {
            "actor_id": ACT_ANDI,
            "name": "Andi Wijaya",
            "variants": ["Andi Wijaya"],
            "offices": ["Ketua KPU Jakarta Timur", PWN_IMG],
            "n_articles": 2,
            "n_mentions": 2,
        },
    ]


def quotes() -> list[dict[str, Any]]:
    a1, a2, a3 = (a["article_id"] for a in articles())
    rows: list[dict[str, Any]] = []

    def add(qid: str, art: str, text: str, quote: str, speaker: str, actor: str | None, office: str | None,
            kind: str, cue: str | None, spk: str, spk_after: int = 0, with_sentence: bool = True) -> None:
        s, e = _span_after(text, quote)
        ss, se = _span_after(text, spk, spk_after)
        row: dict[str, Any] = {
            "quote_id": qid, "article_id": art, "speaker": speaker, "speaker_actor_id": actor,
            "speaker_office": office, "text": quote, "kind": kind, "cue": cue, "start": s, "end": e,
            "score": 0.9, "speaker_start": ss, "speaker_end": se,
        }
        if with_sentence:
            row["sentence_start"], row["sentence_end"] = _sentence(text, s, e)
        rows.append(row)

    add("q1", a1, ART1, Q1, "Iin Mutmainah", ACT_IIN, "Ketua Bawaslu Jakarta Timur", "direct", "kata", "Iin Mutmainah")
    # accented speaker spelling, no sentence offsets (exercise the paragraph fallback)
    add("q2", a1, ART1, Q2, "Iin Mutmaïnah", ACT_IIN, "Ketua Bawaslu Jakarta Timur", "indirect", "menurut",
        "Iin Mutmaïnah", with_sentence=False)
    add("q3", a1, ART1, Q3, "Kusmanto", ACT_KUS, "Wakil Wali Kota Jakarta Timur", "indirect", "mengatakan", "Kusmanto")
    add("q4", a2, ART2, Q4, "Kusmanto", ACT_KUS, None, "direct", "ujar", "Kus.")
    rows[-1]["speaker_end"] -= 1  # the mention is "Kus", without the full stop
    add("q5", a2, ART2, Q5, "Andi Wijaya", ACT_ANDI, "Ketua KPU Jakarta Timur", "indirect", "menyebut", "Andi Wijaya")
    add("q6", a3, ART3, Q6, "Andi Wijaya", ACT_ANDI, PWN_IMG, "direct", "lanjutnya", "lanjutnya")
    return rows


def mentions() -> list[dict[str, Any]]:
    rows = []
    for art in articles():
        text = art["text"]
        for i, (name, actor) in enumerate(
            [("Iin Mutmainah", ACT_IIN), ("Iin Mutmaïnah", ACT_IIN), ("Kusmanto", ACT_KUS), ("Andi Wijaya", ACT_ANDI)]
        ):
            if name in text:
                s, e = _span_after(text, name)
                rows.append({
                    "article_id": art["article_id"], "mention_id": f"{art['article_id']}-m{i}", "label": "PERSON",
                    "text": name, "start": s, "end": e, "sentence": text.count("\n", 0, s), "normalized": name,
                    "actor_id": actor, "source": "rule", "score": 0.95,
                })
    return rows


def roles() -> list[dict[str, Any]]:
    art = articles()[0]
    s, e = _span_after(art["text"], "Ketua Bawaslu Jakarta Timur")
    return [{
        "actor_id": ACT_IIN, "article_id": art["article_id"], "title": "Ketua", "organization": "Bawaslu",
        "jurisdiction": "Jakarta Timur", "office": "Ketua Bawaslu Jakarta Timur", "text": art["text"][s:e],
        "start": s, "end": e,
    }]


def events() -> list[dict[str, Any]]:
    art = articles()[0]
    s, e = _span_after(art["text"], "menggelar sosialisasi")
    return [{
        "event_id": "e1", "article_id": art["article_id"], "kind": "sosialisasi", "name": None,
        "date": dt.date(2023, 9, 14), "date_text": "Kamis (14/9/2023)", "place": "Jakarta Timur",
        "participants": [ACT_IIN], "status": "happened", "event_cluster": "c1", "start": s, "end": e,
        "trigger": "sosialisasi",
    }]


def all_rows() -> dict[str, list[dict[str, Any]]]:
    return {
        "articles": articles(), "mentions": mentions(), "actors": actors(),
        "roles": roles(), "quotes": quotes(), "events": events(),
    }


def build_output(out: Path, layout: str = "file", rows: dict[str, list[dict[str, Any]]] | None = None,
                 skip: tuple[str, ...] = ()) -> Path:
    """Write the report sample (or ``rows``, table name -> row dicts; a missing table is empty)
    at ``out`` with :func:`write_output`: ``layout`` ``"file"`` or ``"parts"`` (two part files
    per table); tables named in ``skip`` are not written."""
    rows = rows if rows is not None else all_rows()
    tables = {name: rows_to_table(name, rows.get(name, [])) for name in TABLES}
    return write_output(out, tables, layout=layout, parts=2, omit=skip)


__all__ = ["TABLES", "make_manifest", "sample_rows", "sample_tables", "write_output",
           "all_rows", "articles", "actors", "mentions", "roles", "quotes", "events", "build_output"]
