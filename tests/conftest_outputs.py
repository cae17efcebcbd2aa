"""A small synthetic output folder of ``pipeline extract``, written with the project's writers.

Used by tests/test_query.py, tests/test_report.py and tests/test_report_browser.py (import it;
this is not a pytest conftest). :func:`build_output` writes all six tables and manifest.json,
either as one file per table (``layout="file"``) or as a folder of two part files per table
(``layout="parts"``). Offsets are computed from the texts, so ``text[start:end]`` always equals
the quote / mention text. Some strings are hostile on purpose (HTML, ``</script>``,
``javascript:`` and U+2028) to prove that the report shows them as text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pipeline.dataset import SCHEMA_VERSION, TABLES, rows_to_table, write_json, write_table

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


def _span(text: str, sub: str, after: int = 0) -> tuple[int, int]:
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
        s, e = _span(text, quote)
        ss, se = _span(text, spk, spk_after)
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
                s, e = _span(text, name)
                rows.append({
                    "article_id": art["article_id"], "mention_id": f"{art['article_id']}-m{i}", "label": "PERSON",
                    "text": name, "start": s, "end": e, "sentence": text.count("\n", 0, s), "normalized": name,
                    "actor_id": actor, "source": "rule", "score": 0.95,
                })
    return rows


def roles() -> list[dict[str, Any]]:
    art = articles()[0]
    s, e = _span(art["text"], "Ketua Bawaslu Jakarta Timur")
    return [{
        "actor_id": ACT_IIN, "article_id": art["article_id"], "title": "Ketua", "organization": "Bawaslu",
        "jurisdiction": "Jakarta Timur", "office": "Ketua Bawaslu Jakarta Timur", "text": art["text"][s:e],
        "start": s, "end": e,
    }]


def events() -> list[dict[str, Any]]:
    art = articles()[0]
    s, e = _span(art["text"], "menggelar sosialisasi")
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
    """Write a synthetic output folder at ``out``; ``layout`` is ``"file"`` or ``"parts"``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = rows if rows is not None else all_rows()
    for name in TABLES:
        if name in skip:
            continue
        table_rows = rows.get(name, [])
        if layout == "file":
            write_table(rows_to_table(name, table_rows), out / f"{name}.parquet")
        elif layout == "parts":
            half = (len(table_rows) + 1) // 2
            for i, part in enumerate((table_rows[:half], table_rows[half:])):
                write_table(rows_to_table(name, part), out / f"{name}.parquet" / f"part-{i:05d}.parquet")
        else:
            raise ValueError(f"unknown layout {layout!r}")
    write_json(
        {
            "schema_version": SCHEMA_VERSION,
            "pipeline_version": "0.1.0",
            "models": {},
            "n_inputs": 3,
            "skipped": [],
            "counts": {name: len(rows.get(name, [])) for name in TABLES},
            "timings": {},
        },
        out / "manifest.json",
    )
    return out
