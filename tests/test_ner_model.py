"""Tests for the trained NER pipeline in models/ner (PERSON / ORG / PLACE).

The sentences below were written for these tests (not taken from any corpus).
"""

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc  # noqa: E402

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"

# (sentence, [(entity text, label), ...]) - key entities the model must find.
CASES = [
    (
        "Gubernur Jawa Tengah Ahmad Luthfi meninjau Pasar Johar di Semarang bersama Bank Indonesia .",
        [("Ahmad Luthfi", "PERSON"), ("Semarang", "PLACE"), ("Bank Indonesia", "ORG")],
    ),
    (
        "Presiden Joko Widodo meresmikan jalan tol baru di Sumatera Utara pada Senin pagi .",
        [("Joko Widodo", "PERSON"), ("Sumatera Utara", "PLACE")],
    ),
    (
        "Komisi Pemberantasan Korupsi memeriksa Bupati Sidoarjo di Jakarta kemarin .",
        [("Komisi Pemberantasan Korupsi", "ORG"), ("Jakarta", "PLACE")],
    ),
    (
        "Menurut Sri Mulyani , Kementerian Keuangan akan menambah anggaran untuk Papua tahun depan .",
        [("Sri Mulyani", "PERSON"), ("Kementerian Keuangan", "ORG"), ("Papua", "PLACE")],
    ),
    (
        "Banjir melanda Kota Bandung sehingga Badan Nasional Penanggulangan Bencana mengirim bantuan .",
        [("Bandung", "PLACE"), ("Badan Nasional Penanggulangan Bencana", "ORG")],
    ),
    (
        "Ketua DPR Puan Maharani bertemu Perdana Menteri Jepang di Tokyo untuk membahas kerja sama .",
        [("Puan Maharani", "PERSON"), ("Tokyo", "PLACE")],
    ),
    (
        "Polda Metro Jaya menangkap dua tersangka penipuan di Bekasi , kata Kombes Budi Santoso .",
        [("Polda Metro Jaya", "ORG"), ("Bekasi", "PLACE"), ("Budi Santoso", "PERSON")],
    ),
]


@pytest.fixture(scope="session")
def nlp():
    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip("models/ner not trained (run `make models`)")
    return spacy.load(MODEL_DIR)


def _doc(nlp, sentence):
    words = sentence.split()
    return nlp(Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 1) + [False]))


def _found(doc, text, label):
    """True if an entity whose text contains `text` (or equals it) has `label`."""
    return any(e.label_ == label and (e.text == text or text in e.text) for e in doc.ents)


def test_labels(nlp):
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "PLACE"}


def test_ner_is_self_contained(nlp):
    """ner has its own tok2vec so it can be sourced into spacy.blank('id').  Its static
    vectors live in the vocab, not in the component, so they are copied along."""
    assert nlp.pipe_names == ["ner"]
    blank = spacy.blank("id")
    vectors = nlp.vocab.vectors.to_bytes(exclude=["strings"])
    blank.vocab.vectors.from_bytes(vectors, exclude=["strings"])  # a copy: keeps each vocab's strings
    blank.add_pipe("ner", source=nlp)
    doc = blank("Presiden Joko Widodo berkunjung ke Surabaya .")
    assert {e.label_ for e in doc.ents} <= {"PERSON", "ORG", "PLACE"}
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in nlp(doc.text).ents]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[f"s{i}" for i in range(len(CASES))])
def test_key_entities(nlp, sentence, expected):
    doc = _doc(nlp, sentence)
    got = [(e.text, e.label_) for e in doc.ents]
    for text, label in expected:
        assert _found(doc, text, label), f"{text!r}/{label} not in {got}"


def test_plain_text_input(nlp):
    doc = nlp("Wali Kota Surabaya Eri Cahyadi meninjau banjir di Surabaya, Jawa Timur.")
    assert _found(doc, "Eri Cahyadi", "PERSON")
    assert any(e.label_ == "PLACE" and "Surabaya" in e.text for e in doc.ents)


def test_round_trip(nlp, tmp_path):
    texts = [c[0] for c in CASES]
    before = [[(e.start, e.end, e.label_) for e in _doc(nlp, t).ents] for t in texts]
    nlp.to_disk(tmp_path / "ner")
    nlp2 = spacy.load(tmp_path / "ner")
    after = [[(e.start, e.end, e.label_) for e in _doc(nlp2, t).ents] for t in texts]
    assert before == after


def test_static_vectors(nlp):
    """The floret vectors (hashed subwords, keyed on LOWER) ship in the model's vocab and
    give every token a vector, whatever its case."""
    from spacy.vectors import Mode

    vectors = nlp.vocab.vectors
    assert vectors.mode == Mode.floret
    assert vectors.shape[0] <= 50_000 and vectors.shape[1] <= 200
    a, b, c = (t.vector for t in nlp.make_doc("Jakarta jakarta Xyzzyqwe"))
    assert (a == b).all() and abs(a).sum() > 0
    assert abs(c).sum() > 0  # an unseen word still gets a vector from its subwords


def test_model_size():
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file()) / 1e6
    assert size < 50, f"models/ner is {size:.1f} MB"


def test_cached_vectors_equal_spacy(nlp):
    """load_nlp's floret table caches each word's vector: every batch gets exactly the rows
    spaCy's own table computes, across batches and after the cache fills and starts afresh."""
    import numpy as np

    from pipeline.nlp import CachedFloretVectors

    cached = CachedFloretVectors(strings=nlp.vocab.strings, cache_size=8)
    cached.from_disk(MODEL_DIR / "vocab", exclude=["strings"])
    words = "warga desa kota jakarta bupati gubernur banjir polisi xyzzyqwe , .".split()
    keys = [nlp.vocab.strings.add(w) for w in words]
    batches = [keys[:5], keys[3:9] + keys[:2], keys[:5] + keys[5:10], keys[9:] + keys[9:], keys]
    for batch in batches:
        got = cached.get_batch(batch)
        assert np.array_equal(got, nlp.vocab.vectors.get_batch(batch))
    assert len(cached._row_of) <= 8


def test_load_nlp_uses_cached_vectors():
    from pipeline.nlp import CachedFloretVectors, load_nlp

    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip("models/ner not trained (run `make models`)")
    assert isinstance(load_nlp().vocab.vectors, CachedFloretVectors)
