"""Columnar actor resolution (issue 9) and whole-name blocking (issue 8)."""

from __future__ import annotations

import numpy as np

from pipeline.dedupe import (
    ACTOR_COLUMNS,
    PersonColumns,
    _block_keys,
    normalize_name,
    resolve_actor_index,
    resolve_actors,
)
from pipeline.dedupe_bench import generate_people


def test_resolve_actor_index_matches_resolve_actors() -> None:
    records, _ = generate_people(3000, seed=5)
    mapping, actors = resolve_actors(records)
    rec_actor, table = resolve_actor_index(records)
    assert set(table) == set(ACTOR_COLUMNS)
    assert isinstance(rec_actor, np.ndarray) and len(rec_actor) == len(records)
    assert [tuple(getattr(a, c) for c in ACTOR_COLUMNS) for a in actors] == list(zip(*(table[c] for c in ACTOR_COLUMNS)))
    ids = table["actor_id"]
    assert [ids[k] for k in rec_actor.tolist()] == [mapping[(r.article_id, r.entity_key)] for r in records]


def test_person_columns_round_trip_and_input() -> None:
    records, _ = generate_people(500, seed=6)
    cols = PersonColumns.from_records(records)
    assert len(cols) == len(records)
    assert list(cols) == records
    assert cols.key_of(3) == (records[3].article_id, records[3].entity_key)
    # columns in, same result as records in
    assert resolve_actors(cols) == resolve_actors(records)
    assert resolve_actor_index(PersonColumns.from_records([]))[0].shape == (0,)


def test_block_keys_whole_name() -> None:
    def shared(a: str, b: str) -> set[str]:
        return set(_block_keys(tuple(normalize_name(a).split()))) & set(_block_keys(tuple(normalize_name(b).split())))

    assert shared("Agus Dwi Salim", "Agus Salim")  # dropped middle name
    assert shared("Agus Dwi Salim", "Salim Agus")  # surname first
    assert shared("Agus Dwi Salim", "Agus Dwi Salmi")  # a typo in one token
    assert shared("Agus Dwi Salim", "Agus Dwi Sulim")  # a typo in the first three letters: first letter + suffix
    assert shared("Kurniawan Hidayat", "Hidayat Kurniawan")  # reordered
    assert shared("Muhammad Yusuf", "M. Yusuf")  # initial
    # names sharing two tokens but not the whole name share no block
    assert not shared("Agus Dwi Salim", "Agus Dwi Santoso")
    assert not shared("Budi Gunawan", "Budi Setiawan")
