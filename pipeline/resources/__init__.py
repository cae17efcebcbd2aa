"""Lexicons and patterns as data files (JSON), kept apart from code as dateparser keeps its
language data. ``load_resource(name)`` reads ``pipeline/resources/NAME.json`` once per process;
``word_zipf(word, lang)`` gives a word's frequency in the ``wordfreq`` lists the rules lean on
("is this an ordinary word or a name?"), cached."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

RESOURCE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load_resource(name: str) -> Any:
    path = RESOURCE_DIR / f"{name}.json"
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def resource_names() -> list[str]:
    return sorted(p.stem for p in RESOURCE_DIR.glob("*.json"))


@lru_cache(maxsize=65536)
def word_zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of the lower-cased word (0.0: a word the lists do not know)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), lang)
