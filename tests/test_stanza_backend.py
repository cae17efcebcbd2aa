"""The stanza backend's adapter: stanza Documents built here from plain dicts (no stanza models
needed) become spaCy Docs over the same text, and the project's components run on them."""

from __future__ import annotations

import os
import re

import pytest

if os.environ.get("CI"):
    import stanza  # noqa: F401  (.ci/run installs the stanza extra; its absence must fail CI)
stanza = pytest.importorskip("stanza", reason="pip install torch==2.13.0 '.[stanza]' to test the stanza backend")
from stanza.models.common.doc import Document  # noqa: E402

from pipeline.stanza_backend import doc_from_stanza, load_stanza  # noqa: E402

TEXT = ("Wali Kota Bogor Dedi Rachim meresmikan Pasar Bogor, Selasa (9/1/2024).\n"
        "\"Pasar ini untuk warga,\"  kata Dedi.")


def _stanza_doc(text: str) -> Document:
    """A stanza Document as stanza's tokenizer would give it: sentences of word dicts."""
    sents, cur = [], []
    for m in re.finditer(r"\w+|[^\w\s]", text):
        t = m.group(0)
        cur.append({"id": len(cur) + 1, "text": t, "lemma": t.lower(), "start_char": m.start(), "end_char": m.end(),
                    "upos": "PROPN" if t[0].isupper() else ("PUNCT" if not t[0].isalnum() else "NOUN")})
        if t == "." and cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return Document(sents, text=text)


def test_conversion_is_char_exact_with_tags_and_lemmas(nlp):
    doc = doc_from_stanza(_stanza_doc(TEXT), nlp.vocab)
    assert doc.text == TEXT
    toks = [t for t in doc if not t.is_space]
    assert [t.text for t in toks][:5] == ["Wali", "Kota", "Bogor", "Dedi", "Rachim"]
    assert toks[0].pos_ == "PROPN" and toks[5].lemma_ == "meresmikan"
    assert "\n" in [t.text for t in doc]  # whitespace stanza drops between tokens is kept
    assert sum(1 for t in doc if t.is_sent_start) >= 2


def test_project_components_run_on_a_stanza_doc(nlp):
    doc = doc_from_stanza(_stanza_doc(TEXT), nlp.vocab)
    doc._.published = None
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    labels = {(e.label_, e.text) for e in doc.ents}
    assert ("PERSON", "Dedi Rachim") in labels and ("OFFICE", "Wali Kota Bogor") in labels
    for e in doc.ents:
        assert TEXT[e.start_char:e.end_char] == e.text


def test_missing_models_fail_in_one_clear_line(tmp_path):
    with pytest.raises(RuntimeError) as exc:
        load_stanza(str(tmp_path))
    msg = str(exc.value)
    assert msg.startswith("[E102]") and "stanza.download('id')" in msg and "\n" not in msg


def test_cli_refuses_stanza_backend_without_models(tmp_path, capsys, monkeypatch):
    from pipeline.cli import main

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "none"))
    monkeypatch.delenv("PIPELINE_BACKEND", raising=False)
    rc = main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--backend", "stanza", "--quiet"])
    assert rc == 2 and "[E102]" in capsys.readouterr().err
    os.environ.pop("PIPELINE_BACKEND", None)
