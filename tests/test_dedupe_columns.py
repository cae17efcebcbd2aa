"""Columnar actor resolution (issue 9) and whole-name blocking (issue 8)."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.dedupe import (
    ACTOR_COLUMNS,
    PersonColumns,
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


def _shared_blocks(a: str, b: str) -> set[str]:
    """Blocks two names meet in: keys both hold, not both only as part of a token."""
    from pipeline.dedupe import _shared_block_keys

    return _shared_block_keys(tuple(normalize_name(a).split()), tuple(normalize_name(b).split()))


@pytest.mark.parametrize(
    "a, b, meet",
    [
        ("Agus Dwi Salim", "Agus Salim", True),  # dropped middle name
        ("Agus Dwi Salim", "Salim Agus", True),  # surname first
        ("Agus Dwi Salim", "Agus Dwi Salmi", True),  # two letters swapped
        ("Agus Dwi Salim", "Agus Dwi Sulim", True),  # a typo in the first three letters
        ("Yusuf Hamdani", "Yusuf Hamdni", True),  # a dropped letter
        ("Yusuf Hamdani", "Yusup Hamdani", True),  # one letter replaced
        ("Kurniawan Hidayat", "Hidayat Kurniawan", True),  # reordered
        ("Muhammad Yusuf", "M. Yusuf", True),  # initial
        ("Eka Setiawan", "Eka Setiawati", True),  # a man's and a woman's form: two edits, one stem
        ("Prabowo Subianto", "Prabowo Subiantodan", True),  # a word glued on by a scraper
        ("Fadli Zon", "Fadli Zonyang", True),
        # names sharing two tokens but not the whole name share no block
        ("Agus Dwi Salim", "Agus Dwi Santoso", False),
        ("Budi Gunawan", "Budi Setiawan", False),
        # another first letter is another name, not a typo
        ("Andi Setiawan", "Fandi Setiawan", False),
        ("Dewi Sartika", "Dewi Kartika", False),
        # a shared first syllable is no block: both hold "budi|har" only as a prefix
        ("Budi Hartono", "Budi Harjanto", False),
        ("Joko Pramono", "Joko Prasetyo", False),
        # two glued copies meet only through the unglued name
        ("Donald Trumpdan", "Donald Trumpresmi", False),
        # a long token two letters short, but not two long tokens two letters apart each way
        ("Leo Puluhulawa", "Leo Puluhuwa", True),
        ("Budi Suparman", "Budi Supratman", False),
        # two consonants swapped across a vowel: one typo, in a token of six letters or more
        ("Hendro Sumanegara", "Hendro Sunamegara", True),
        ("Rudi Kartolo", "Rudi Karlota", False),  # a swap and another letter changed
        ("Yudi Samin", "Yudi Sanim", False),  # five letters: short names so alike are other names
    ],
)
def test_block_keys_whole_name(a: str, b: str, meet: bool) -> None:
    assert bool(_shared_blocks(a, b)) is meet, _shared_blocks(a, b)


@pytest.mark.parametrize(
    "token, has, lacks",
    [
        ("salim", ["dsalim", "dslim", "dsaim", "dsalm", "dsali", "psalim", "psal"], ["dalim", "psali", "psa"]),
        ("setiawati", ["dsetia/wan", "psetiawa"], ["dsetiawan"]),
        ("eko", ["deko", "dek", "deo", "peko"], ["dko", "pek"]),
        # ten letters or more: also two letters short (first letter kept)
        ("puluhulawa", ["ppuluhuwa", "ppuluhula"], ["puluhuwa", "dpuluhuwa", "puhulawa"]),
        ("sulistyo", ["dsulisto"], ["psulito"]),
        # six letters or more: the two consonants around a vowel in alphabetical order ("nam" -> "man")
        ("sunamegara", ["dsumanegara"], ["psumanegara"]),
        ("sanim", ["dsaim"], ["dsamin"]),
    ],
)
def test_token_variants(token: str, has: list[str], lacks: list[str]) -> None:
    """Deletion neighbourhood keeping the first letter; prefixes leaving at least two letters,
    flagged prefix-only; the gendered stem."""
    from pipeline.dedupe import PART_ONLY, _token_variants

    got = dict(_token_variants(token))
    assert set(has) <= set(got) and not set(lacks) & set(got)
    assert len(got) == len(_token_variants(token))  # distinct
    assert got["p" + token] == 0 and all(f & PART_ONLY for v, f in got.items() if v[0] == "p" and v != "p" + token)
    assert all(f == 0 for v, f in got.items() if v[0] == "d")


def test_candidate_pairs_survive_first_hash_collisions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks are grouped by a sort on the high bits of the first hash; when two keys share them
    (forced here by keeping 6 bits of it), the entries are sorted on the second hash too and the
    pairs are the same."""
    from pipeline import dedupe
    from pipeline.dedupe import DedupeConfig, _Resolver

    records, _ = generate_people(3000, seed=4)
    res = _Resolver(records, DedupeConfig.load())
    nodes, _ = res.build_nodes()
    res.nodes = nodes
    multi = [n.idx for n in nodes if len(n.tokens) >= 2]
    want = res.candidate_pairs(multi)
    real = dedupe._block_hashes

    def colliding(token_lists):  # type: ignore[no-untyped-def]
        a1, a2, flags, owner = real(token_lists)
        return a1 & 63, a2, flags, owner

    monkeypatch.setattr(dedupe, "_block_hashes", colliding)
    got = res.candidate_pairs(multi)
    assert len(want[0]) > 100
    assert sorted(zip(*(x.tolist() for x in got))) == sorted(zip(*(x.tolist() for x in want)))


def test_columnar_helpers() -> None:
    """Integer codes in first-seen order, and sort-based distinct values / counts."""
    from pipeline.dedupe import _factorize, _flat_codes, _unique, _unique_counts

    codes, distinct = _factorize(["b", "a", "b", "c", "a"])
    assert codes.tolist() == [0, 1, 0, 2, 1] and distinct == ["b", "a", "c"]
    assert _factorize([])[0].shape == (0,)
    # tuples of one length stay elements (no 2-D array), the empty tuple and None are values
    codes, distinct = _factorize([("a", "b"), ("c", "d"), (), ("a", "b"), None, ()])
    assert codes.tolist() == [0, 1, 2, 0, 3, 2] and distinct == [("a", "b"), ("c", "d"), (), None]
    assert codes.dtype == np.int64
    rows, codes, distinct = _flat_codes([("x", "y"), (), ("y",)])
    assert rows.tolist() == [0, 0, 2] and [distinct[c] for c in codes.tolist()] == ["x", "y", "y"]
    a = np.array([5, 3, 5, 5, 1], dtype=np.int64)
    assert _unique(a).tolist() == [1, 3, 5]
    u, c = _unique_counts(a)
    assert u.tolist() == [1, 3, 5] and c.tolist() == [1, 1, 3]


def test_shared_keys_groups_as_a_dict_does() -> None:
    """_shared_keys: the positions of the keys held twice or more, one key's together and in
    position order, also where keys share the high bits of the first hash (forced here)."""
    from pipeline.dedupe import _shared_keys

    rng = np.random.default_rng(1)
    for _ in range(50):
        k = int(rng.integers(1, 500))
        h1 = rng.integers(-(2**63), 2**63 - 1, k, dtype=np.int64)
        near = rng.random(k) < 0.3  # the same high bits, other low bits
        h1[near] = h1[rng.integers(0, k, int(near.sum()))] ^ rng.integers(0, 256, int(near.sum()))
        h1[rng.random(k) < 0.1] = h1[0]  # the same first hash, another second one
        h2 = rng.integers(-(2**63), 2**63 - 1, k, dtype=np.int64)
        pick = rng.integers(0, k, int(rng.integers(0, 1500)))
        a1, a2 = h1[pick], h2[pick]
        want: dict[tuple[int, int], list[int]] = {}
        for i, key in enumerate(zip(a1.tolist(), a2.tolist())):
            want.setdefault(key, []).append(i)
        order, high, s2 = _shared_keys(a1, a2)
        cut = np.flatnonzero(np.concatenate(([True], (high[1:] != high[:-1]) | (s2[1:] != s2[:-1]))))
        got = {}
        for lo, hi in zip(cut.tolist(), np.append(cut[1:], len(order)).tolist()):
            group = order[lo:hi].tolist()
            key = (int(a1[group[0]]), int(a2[group[0]]))
            assert key not in got and all((int(a1[i]), int(a2[i])) == key for i in group)
            got[key] = group
        assert {k: v for k, v in got.items() if len(v) > 1} == {k: v for k, v in want.items() if len(v) > 1}


def test_factorize_by_address_then_value() -> None:
    """A list's values are told apart by address first: equal values held by two objects still
    get one code (unless by_value is off), and a sequence that is no list goes by value."""
    from pipeline.dedupe import _codes_of_objects, _factorize

    a, b = "".join(["Budi", " Santoso"]), "".join(["Budi", " Santoso"])  # equal, two objects
    assert a is not b
    codes, distinct = _factorize([a, "x", b, a])
    assert codes.tolist() == [0, 1, 0, 0] and distinct[0] is a
    assert _factorize([a, "x", b, a], by_value=False)[0].tolist() == [0, 1, 2, 0]

    class View:  # builds a new object per item, as a column view may
        def __len__(self) -> int:
            return 4

        def __getitem__(self, i: int) -> str:
            return "".join(["k", str(i % 2)])

    assert _factorize(View())[0].tolist() == [0, 1, 0, 1]
    ref = ["Budi Santoso", "Agus"]
    got = _codes_of_objects([ref[1], a, "Siti", ref[0], "Siti"], ref, np.array([7, 9]), lambda s: len(s))
    assert got.tolist() == [9, 7, 4, 7, 4]


def test_node_context_columns() -> None:
    """fill_columns gives every node the union of its records' context, less its own key and the
    co-occurring persons seen next to many names, as the per-node definition does."""
    from pipeline.dedupe import DedupeConfig, _Resolver, normalize_name

    records, _ = generate_people(4000, seed=9)
    cfg = DedupeConfig.load()
    res = _Resolver(records, cfg)
    nodes, _ = res.build_nodes()
    df: dict[str, int] = {}
    want: dict[int, set[str]] = {}
    for n in nodes:
        keys = {normalize_name(c) for r in n.recs for c in records[r].cooccurring} - {n.key}
        want[n.idx] = keys
        for k in keys:
            df[k] = df.get(k, 0) + 1
    for n in nodes:
        assert set(n.cooc) == {k for k in want[n.idx] if df[k] <= cfg.cooccurring_max_names}
        assert n.orgs == {g.lower() for r in n.recs for g in records[r].orgs}
        assert n.n_records == len(n.recs)


def test_block_shorter_form_pairs_off() -> None:
    """With ``block_shorter_form_pairs`` off, two long names sharing only a dropped-middle-name key
    are no candidate pair; the short name still pairs with both. Default: on (every block pair)."""
    import dataclasses

    from pipeline.dedupe import SHORT_FORM, DedupeConfig, PersonRecord, _block_entries, _Resolver

    entries = _block_entries(tuple(normalize_name("Agus Dwi Salim").split()))
    assert any(f & SHORT_FORM for _, f in entries) and any(f == 0 for _, f in entries)
    names = ["Agus Dwi Salim", "Agus Tri Salim", "Agus Salim"]
    recs = [PersonRecord(f"a{i}", "e0", n, (n,), (), (), 1, None) for i, n in enumerate(names)]
    pairs = {}
    for flag in (True, False):
        res = _Resolver(recs, dataclasses.replace(DedupeConfig.load(), block_shorter_form_pairs=flag))
        nodes, _ = res.build_nodes()
        res.nodes = nodes
        ca, cb = res.candidate_pairs([n.idx for n in nodes])
        pairs[flag] = {frozenset((nodes[a].key, nodes[b].key)) for a, b in zip(ca.tolist(), cb.tolist())}
    k = [normalize_name(n) for n in names]
    assert frozenset((k[0], k[1])) in pairs[True] and frozenset((k[0], k[1])) not in pairs[False]
    assert {frozenset((k[0], k[2])), frozenset((k[1], k[2]))} <= pairs[False] <= pairs[True]


def test_block_hashes_group_entries_as_block_entries_do() -> None:
    """The hashed entries form exactly the blocks of the string definition, flags included, on
    names the generator never makes: no tokens, initials only, a token twice, six or seven tokens,
    long tokens, glued and gendered forms."""
    import random
    from collections import defaultdict

    from pipeline.dedupe import _block_entries, _block_hashes

    rng = random.Random(3)
    pool = ["agus", "agung", "salim", "salmi", "m", "a", "puluhulawa", "puluhuwa", "setiawan", "setiawati",
            "subianto", "subiantodan", "dwi", "abdul", "rahman", "kusumawardhani", "wardhani"]
    names = [tuple(rng.choice(pool) for _ in range(rng.randint(0, 7))) for _ in range(800)]
    names += [(), ("m",), ("a", "b"), ("abdul", "abdul"), ("agus",)]
    by_key: dict = defaultdict(list)
    for owner, name in enumerate(names):
        for key, flag in _block_entries(name):
            by_key[key].append((owner, flag))
    h1, h2, flags, owners = _block_hashes(names)
    by_hash: dict = defaultdict(list)
    for a, b, f, o in zip(h1.tolist(), h2.tolist(), flags.tolist(), owners.tolist()):
        by_hash[(a, b)].append((o, f))
    assert sorted(sorted(v) for v in by_key.values()) == sorted(sorted(v) for v in by_hash.values())
