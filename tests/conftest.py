"""Shared fixtures: the pipeline is loaded once per session, and the example articles of
data/raw are extracted once per session (every output the suite creates is validated)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def nlp():
    from pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """Run the whole pipeline over one text: returns the Doc."""
    from pipeline.nlp import make_doc

    def run(text: str, published: dt.date | None = dt.date(2024, 1, 9)):
        doc = make_doc(nlp, text, published)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return doc

    return run


@pytest.fixture(scope="session")
def raw_output(tmp_path_factory):
    """data/raw extracted with the shipped pipeline (2 workers), validated."""
    from pipeline.extract import ExtractConfig, run_extract
    from pipeline.validate import validate_output

    out = tmp_path_factory.mktemp("raw_out")
    manifest = run_extract([RAW], out, ExtractConfig(workers=2, progress=False))
    problems = validate_output(out)
    assert not problems, [str(p) for p in problems]
    return out, manifest
