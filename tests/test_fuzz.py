"""Hostile input never crashes a run: property tests of ingest and every extractor.

Invariants: no exception escapes; every offset satisfies ``text[start:end] == span``; the same
input gives the same rows. Each extractor gets FUZZ_EXAMPLES generated cases (2,000 in CI)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import dates, places
from pipeline.dedupe import display_name, normalize_name
from pipeline.events import extract_events
from pipeline.ingest import IngestConfig, RawArticle, Skipped, clean, read_articles
from pipeline.quotes import extract_quotes

N = int(os.environ.get("FUZZ_EXAMPLES", "2000" if os.environ.get("CI") else "300"))
FUZZ = settings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

WORDS = ["Wali", "Kota", "Jakarta", "Timur", "Iin", "Mutmainah", "kata", "ujarnya", "Selasa", "(9/1)", "Kamis",
         "(14/9/2023)", "sosialisasi", "di", "Aula", "PPKD", "Ketua", "KPU", "Bawaslu", "Baca", "juga:", "Pewarta:",
         "menurut", "dia,", "Rp", "1.500", "pukul", "08.00", "WIB", "Presiden", "Prabowo", "Camat", "Duren", "Sawit",
         "Jl.", "H.", "S.H.,", "mengatakan", "bahwa", "akan", "rapat", "koordinator", "2024", "Kodim", "0503"]
SPECIAL = ["\u200b", "\u200f", "\u202e", "\u0301", "\ufeff", "“", "”", '"', "'", "‘", "’", "«", "»", "\n", "\n\n",
           ".", ",", ":", "(", ")", "—", "\t", "\x00", "\u2028", "\U0001F600", "ب", "א"]

texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SPECIAL), st.text(max_size=6)), max_size=80)
    .map(lambda xs: " ".join(xs)),
    st.text(max_size=300),
)


@lru_cache(maxsize=1)
def _nlp():
    from pipeline import load_nlp

    return load_nlp()


def _doc(text: str):
    from pipeline.nlp import make_doc

    nlp = _nlp()
    doc = make_doc(nlp, text, dt.date(2024, 1, 9))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


@FUZZ
@given(texts)
def test_ingest_clean(text):
    a = clean(RawArticle(source="fuzz.txt", text=text))
    b = clean(RawArticle(source="fuzz.txt", text=text))
    assert type(a) is type(b)
    if isinstance(a, Skipped):
        assert a.code.startswith("E") and "\n" not in a.reason
    else:
        assert a.text == b.text and a.article_id == b.article_id and a.text.strip()


@FUZZ
@given(texts)
def test_nlp_entities(text):
    doc = _doc(text)
    for e in doc.ents:
        assert doc.text[e.start_char:e.end_char] == e.text
        assert e.label_ in ("PERSON", "OFFICE", "ORG", "PLACE", "DATE")
    assert [(e.start_char, e.label_) for e in _doc(text).ents] == [(e.start_char, e.label_) for e in doc.ents]


@FUZZ
@given(texts)
def test_quotes(text):
    doc = _doc(text)
    qs = list(extract_quotes(doc, "a"))
    for q in qs:
        assert text[q.start:q.end] == q.text and q.kind in ("direct", "indirect") and 0 <= q.score <= 1
    assert [(q.start, q.end, q.speaker) for q in extract_quotes(doc, "a")] == [(q.start, q.end, q.speaker) for q in qs]


@FUZZ
@given(texts)
def test_events(text):
    doc = _doc(text)
    evs = list(extract_events(doc, "a", dt.date(2024, 1, 9), []))
    for e in evs:
        assert 0 <= e.start < e.end <= len(text) and e.status in ("happened", "planned", "ongoing") and e.kind == e.kind.lower()


@FUZZ
@given(texts)
def test_dates(text):
    for m in dates.find_dates(text, dt.date(2024, 1, 9)):
        assert text[m.start:m.end] == m.text


@FUZZ
@given(texts)
def test_places(text):
    for m in places.find_places(text):
        assert text[m.start:m.end] == m.text


@FUZZ
@given(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(WORDS + SPECIAL), max_size=8).map(" ".join)))
def test_name_normalisation(name):
    assert normalize_name(name) == normalize_name(name)
    display_name(name)


@pytest.mark.parametrize(
    "text",
    [
        "“" * 10_000,
        '"' * 10_000 + " kata Budi.",
        "“Kami “siap” ‘sekali’ ,” ujar “Iin” “" * 500,
        ("Wali Kota Jakarta Timur Iin Mutmainah " * 2000),
        "\u202e\u200f" * 5000 + "Selasa (9/1) kata Iin.",
    ],
    ids=["10k-curly", "10k-straight", "nested", "repeated-office", "rtl-marks"],
)
def test_pathological_texts(text):
    doc = _doc(text)
    for q in extract_quotes(doc, "a"):
        assert text[q.start:q.end] == q.text
    list(extract_events(doc, "a", dt.date(2024, 1, 9), []))


def test_twenty_megabyte_article_is_refused_not_crashed(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text("Wali Kota Bogor meresmikan pasar. " * 600_000)
    out = list(read_articles([p]))
    assert len(out) == 1 and isinstance(out[0], Skipped) and out[0].code == "E006"


def test_gzip_bomb_is_stopped(tmp_path):
    p = tmp_path / "bomb.jsonl.gz"
    with gzip.open(p, "wb", compresslevel=9) as fh:
        fh.write((json.dumps({"text": "Rapat digelar di Bogor oleh Wali Kota Bogor pada Senin."}) + "\n").encode())
        chunk = b"\n" * (1 << 20)
        for _ in range(64):  # 64 MiB of blank lines, a few KB compressed
            fh.write(chunk)
    assert p.stat().st_size < 1_000_000
    out = list(read_articles([p], IngestConfig(max_decompressed_bytes=8 << 20)))
    assert sum(not isinstance(x, Skipped) for x in out) == 1
    assert isinstance(out[-1], Skipped) and out[-1].code == "E009"


def test_truncated_and_broken_html(tmp_path):
    p = tmp_path / "broken.html"
    p.write_text("<html><body><article><p>Wali Kota Bogor Dedi Rachim meresmikan pasar baru di Bogor pada Senin pagi "
                 "bersama warga dan pedagang setempat.<p>“Pasar ini untuk warga,” kata Dedi.<div><span")
    out = list(read_articles([p]))
    assert len(out) == 1
    if not isinstance(out[0], Skipped):
        assert "Dedi" in out[0].text
