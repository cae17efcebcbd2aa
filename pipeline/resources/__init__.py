"""Lexicons and patterns as data files (JSON), kept apart from code as dateparser keeps its
language data. ``load_resource(name)`` reads ``pipeline/resources/NAME.json`` once per process."""

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
