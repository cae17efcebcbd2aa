"""Tests for pipeline.dedupe: name normalisation, actor clustering, explain, near-duplicate articles."""

from __future__ import annotations

import datetime
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.dedupe import (
    Actor,
    DedupeConfig,
    PersonRecord,
    display_name,
    explain,
    find_duplicate_articles,
    normalize_name,
    resolve_actors,
)

D = datetime.date


def rec(
    article: str,
    name: str,
    offices: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
    published: datetime.date | None = D(2024, 3, 1),
    cooccurring: tuple[str, ...] = (),
    variants: tuple[str, ...] | None = None,
    key: str = "e0",
    n: int = 1,
) -> PersonRecord:
    return PersonRecord(
        article_id=article,
        entity_key=key,
        name=name,
        variants=variants if variants is not None else (name,),
        offices=offices,
        orgs=orgs,
        n_mentions=n,
        published=published,
        cooccurring=cooccurring,
    )


def actor_of(records: list[PersonRecord]) -> list[str]:
    mapping, _ = resolve_actors(records)
    return [mapping[(r.article_id, r.entity_key)] for r in records]


# ------------------------------------------------------------------------------ normalisation


@pytest.mark.parametrize(
    "raw, key",
    [
        ("Iin Mutmainnah", "iin mutmainah"),  # doubled consonant
        ("  iin   MUTMAINAH ", "iin mutmainah"),  # case and spacing
        ("H. Ahmad Riza Patria", "ahmad riza patria"),  # honorific
        ("Hj. Siti Aminah", "siti aminah"),
        ("Dr. Ir. H. Iin Mutmainnah, S.H., M.Si.", "iin mutmainah"),  # titles and degrees
        ("Iin Mutmainah SH MSi", "iin mutmainah"),  # degrees without comma
        ("Prof. Drs. Bambang Wibowo, M.M.", "bambang wibowo"),
        ("AKBP Dedy Kurniawan", "dedi kurniawan"),  # rank, final y
        ("Irjen Pol. Drs. Fadil Imran, M.Si.", "fadil imran"),
        ("Jenderal TNI (Purn.) Luhut Binsar Pandjaitan", "luhut binsar panjaitan"),  # brackets, dj
        ("Kompol Budi Santoso", "budi santoso"),
        ("Letkol Inf. Rahmat Hidayat", "inf rahmat hidayat"),  # unknown token kept
        ("Pak Uus Kuswanto", "uus kuswanto"),
        ("Bu Siti Aisyah", "siti aisyah"),
        ("Moh. Hasan", "muhamad hasan"),  # Muhammad variants
        ("Mochammad Hasan", "muhamad hasan"),
        ("Muhammad Hasan", "muhamad hasan"),
        ("Muh. Hasan", "muhamad hasan"),
        ("Achmad Yani", "ahmad yani"),
        ("Soekarno", "sukarno"),  # oe -> u
        ("Djoko Santoso", "joko santoso"),  # dj -> j
        ("Basuki Tjahaja Purnama", "basuki cahaya purnama"),  # tj -> c, old j -> y
        ("Sjafrie Sjamsoeddin", "syafrie syamsudin"),  # sj -> sy, oe, doubled
        ("Chairul Tanjung", "khairul tanjung"),  # ch -> kh
        ("Jusuf Kalla", "yusuf kala"),  # old-spelling word
        ("Ma'ruf Amin", "maruf amin"),  # apostrophe
        ("M. Yusuf", "m yusuf"),  # initial kept as a one-letter token
        ("Jokowi", "joko widodo"),  # alias
        ("Pak Jokowi", "joko widodo"),
    ],
)
def test_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


@pytest.mark.parametrize(
    "alias, full",
    [
        ("Jokowi", "Joko Widodo"),
        ("Bamsoet", "Bambang Soesatyo"),
        ("AHY", "Agus Harimurti Yudhoyono"),
        ("Gus Ipul", "Saifullah Yusuf"),
        ("SBY", "Susilo Bambang Yudhoyono"),
        ("Zulhas", "Zulkifli Hasan"),
        ("Cak Imin", "Muhaimin Iskandar"),
        ("Ahok", "Basuki Tjahaja Purnama"),
    ],
)
def test_aliases(alias: str, full: str) -> None:
    assert normalize_name(alias) == normalize_name(full)


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("H. Moch. Iin Mutmainnah, S.H., M.Si.", "Moch. Iin Mutmainnah"),
        ("IIN MUTMAINAH", "Iin Mutmainah"),
        ("Kompol  Budi   Santoso", "Budi Santoso"),
        ("Jenderal TNI (Purn.) Luhut Binsar Pandjaitan", "Luhut Binsar Pandjaitan"),
        ("Ma'ruf Amin", "Ma'ruf Amin"),
        ("dr. Siti Nadia Tarmizi, M.Epid", "Siti Nadia Tarmizi, M.Epid".split(",")[0]),
        ("AHY", "AHY"),
        ("Ibu", "Ibu"),  # a bare title is kept rather than emptied
    ],
)
def test_display_name(raw: str, shown: str) -> None:
    assert display_name(raw) == shown


# ------------------------------------------------------------------------------ same / different


@pytest.mark.parametrize(
    "a, b",
    [
        ("Iin Mutmainah", "Iin Mutmainnah"),
        ("H. Ahmad Riza Patria", "Ahmad Riza Patria"),
        ("Moh. Hasan", "Muhammad Hasan"),
        ("Soekarno", "Sukarno"),
        ("Jokowi", "Joko Widodo"),
        ("Uus Kuswanto", "Uus Kuswamto"),  # typo
        ("Ahmad Riza Patria", "Ahmad Patria"),  # dropped middle name
        ("Hasibuan Ahmad", "Ahmad Hasibuan"),  # reordered
        ("M. Yusuf Kalla", "Muhammad Yusuf Kalla"),  # initial
        ("Basuki Tjahaja Purnama", "Basuki Cahaya Purnama"),
        ("Agus Wirantoko", "Agus Wiratnoko"),  # two neighbouring letters swapped: one edit
        ("Hendro Sumanegara", "Hendro Sunamegara"),  # two consonants swapped across a vowel: one typo
    ],
)
def test_same_person(a: str, b: str) -> None:
    ids = actor_of([rec("a1", a), rec("a2", b, published=D(2024, 3, 2))])
    assert ids[0] == ids[1]


@pytest.mark.parametrize(
    "a, b, office_a, office_b",
    [
        ("Uus Kuswanto", "Hendra Hidayat", "Wali Kota Jakarta Barat", "Wakil Wali Kota Jakarta Barat"),
        ("Agus Salim", "Agus Susanto", "", ""),
        ("Siti Aminah", "Siti Aisyah", "", ""),
        ("Dedi Cokro", "Dodi Cokro", "", ""),  # short tokens must match closely
        ("Indah Sukarno", "Indra Sukarno", "", ""),
        # similar names, different roles in the same jurisdiction: the office conflict keeps them apart
        ("Uus Kuswanto", "Uus Kuswantoro", "Wali Kota Jakarta Barat", "Wakil Wali Kota Jakarta Barat"),
        # a man's and a woman's form of one name are two names, not a typo
        ("Budi Susanto", "Budi Susanti", "", ""),
        ("Dian Kurniawan", "Dian Kurniawati", "", ""),
        ("Rina Yulianto", "Rina Yulianti", "Camat Cibiru", "Kapolsek Depok"),
        ("Agus Putra Wijaya", "Agus Putri Wijaya", "", ""),
        # real names a typo apart (names.json lookalike_names)
        ("Budi Hartanto", "Budi Harjanto", "", ""),
        ("Eko Suharto", "Eko Suhartono", "Camat Cibiru", "Kapolsek Depok"),
        # a short name and one letter more: another name
        ("Muhammad Ali", "Muhammad Alif", "", ""),
        # a man's and a woman's ending stays two names ("Hendra" / "Hendri"), and in a short token a swap
        # across a vowel is another name, not a typo
        ("Hendra Saputra", "Hendri Saputra", "", ""),
        ("Yudi Samin", "Yudi Sanim", "", ""),
    ],
)
def test_different_people(a: str, b: str, office_a: str, office_b: str) -> None:
    ra = rec("a1", a, offices=(office_a,) if office_a else ())
    rb = rec("a2", b, offices=(office_b,) if office_b else ())
    ids = actor_of([ra, rb])
    assert ids[0] != ids[1]


def test_same_name_incompatible_context_stays_apart() -> None:
    recs = []
    for k in range(3):
        recs.append(rec(f"b{k}", "Agus Salim", offices=("Kapolres Bogor",), published=D(2023, 1 + k, 5)))
        recs.append(rec(f"m{k}", "AKBP Agus Salim", offices=("Kepala Dinas Kesehatan Makassar",),
                        published=D(2023, 1 + k, 9)))
    recs.append(rec("x", "Agus Salim"))  # no context: joins the biggest group
    mapping, actors = resolve_actors(recs)
    bogor = {mapping[(r.article_id, "e0")] for r in recs if r.article_id.startswith("b")}
    makassar = {mapping[(r.article_id, "e0")] for r in recs if r.article_id.startswith("m")}
    assert len(bogor) == 1 and len(makassar) == 1 and bogor != makassar
    assert sum(a.name == "Agus Salim" for a in actors) == 2
    # same input again, other order: same ids
    assert resolve_actors(list(reversed(recs)))[0] == mapping


@pytest.mark.parametrize(
    "a, b, office_a, office_b, same",
    [
        # a name without its first or last token is the same person when the context agrees ...
        ("Mohamad Tonny Harjono", "Tonny Harjono", "Kepala Dinas Kesehatan Bogor", "Kepala Dinas Kesehatan Bogor", True),
        ("Sri Mulyani Indrawati", "Sri Mulyani", "Menteri Keuangan", "Menteri Keuangan", True),
        # a former office is the same office as evidence of who a person is (offices.json modifiers)
        ("Bima Arya Sugiarto", "Bima Arya", "Mantan Wali Kota Bogor", "Wali Kota Bogor", True),
        ("Bima Arya Sugiarto", "Bima Arya", "Plt Wali Kota Bogor", "Wali Kota Bogor", True),
        # ... and another one without it: "Budi Santoso" is a name of its own
        ("Agus Budi Santoso", "Budi Santoso", "", "", False),
        ("Sri Mulyani Indrawati", "Sri Mulyani", "Menteri Keuangan", "", False),
        ("Agus Budi Santoso", "Budi Santoso", "Camat Cibiru", "Kapolsek Depok", False),
        # a generation suffix tells a father from his son
        ("Donald Trump Jr", "Donald Trump", "Presiden Amerika Serikat", "Presiden Amerika Serikat", False),
        # two tokens short: never paired
        ("Raden Mas Tonny Harjono", "Tonny Harjono", "Camat Cibiru", "Camat Cibiru", False),
    ],
)
def test_name_without_first_or_last_token(a: str, b: str, office_a: str, office_b: str, same: bool) -> None:
    ra = rec("a1", a, offices=(office_a,) if office_a else ())
    rb = rec("a2", b, offices=(office_b,) if office_b else ())
    ids = actor_of([ra, rb])
    assert (ids[0] == ids[1]) is same


@pytest.mark.parametrize(
    "full, n_full, short, n_short, canonical",
    [
        # the fullest form names the actor when it is written often enough ...
        ("Sri Mulyani Indrawati", 3, "Sri Mulyani", 8, "Sri Mulyani Indrawati"),
        # ... not a scraper's word in front of a name written forty times as often
        ("Pernikahan Al Ghazali", 1, "Al Ghazali", 40, "Al Ghazali"),
    ],
)
def test_canonical_name_is_the_fullest_well_attested_form(full: str, n_full: int, short: str, n_short: int,
                                                            canonical: str) -> None:
    shared = ("Ahmad Dhani",)
    recs = [rec(f"f{k}", full, cooccurring=shared) for k in range(n_full)]
    recs += [rec(f"s{k}", short, cooccurring=shared) for k in range(n_short)]
    mapping, actors = resolve_actors(recs)
    assert len({mapping[(r.article_id, "e0")] for r in recs}) == 1
    assert [a.name for a in actors if a.actor_id == mapping[("s0", "e0")]] == [canonical]


def test_same_name_career_move_stays_together() -> None:
    recs = [rec(f"s{k}", "Joko Widodo", offices=("Wali Kota Surakarta",), published=D(2010, 1 + k, 1)) for k in range(3)]
    recs += [rec(f"j{k}", "Joko Widodo", offices=("Gubernur DKI Jakarta",), published=D(2013, 1 + k, 1)) for k in range(3)]
    assert len(set(actor_of(recs))) == 1


def test_context_raises_borderline_pair() -> None:
    # reordered + typo: name score alone is borderline; a shared office carries it
    a = rec("a1", "Hendra Gunawan", offices=("Bupati Garut",))
    b = rec("a2", "Gunawan Hendar", offices=("Bupati Garut",))
    ids = actor_of([a, b])
    assert ids[0] == ids[1]


# ------------------------------------------------------------------------------ in-article links


def test_in_article_short_form_links_the_longer_name_and_splits_another_holder() -> None:
    """"Rizal Hakim" beside "Rizal Hakim Tanjung" in one article is his short form there; a "Rizal
    Hakim" elsewhere who heads a Garut office and shares nothing with him is another person, even
    though the short name borrowed the co-occurring people of Tanjung's article."""
    crew = ("Sinta Marpaung", "Dodi Hutapea")
    recs = [
        rec("t1", "Rizal Hakim Tanjung", offices=("Direktur Utama PT Sinar Tekstil",), cooccurring=crew + ("Rizal Hakim",)),
        rec("t1", "Rizal Hakim", key="e1", cooccurring=crew + ("Rizal Hakim Tanjung",)),
        rec("t2", "Rizal Hakim Tanjung", offices=("Direktur Utama PT Sinar Tekstil",), cooccurring=crew),
        rec("g1", "Rizal Hakim", offices=("Kepala Dinas Pertanian Garut",), cooccurring=("Wawan Ridwan",)),
    ]
    mapping, _ = resolve_actors(recs)
    tanjung, short, garut = mapping[("t1", "e0")], mapping[("t1", "e1")], mapping[("g1", "e0")]
    assert short == tanjung == mapping[("t2", "e0")]
    assert garut != tanjung
    rows = explain(recs, "Rizal Hakim")
    assert any(r["decision"] == "in-article link" for r in rows)
    assert any("another person" in r["reason"] for r in rows if r["decision"] == "kept apart")
    # a record of the short name with no context at all still goes with the linked person
    more = recs + [rec("x1", "Rizal Hakim")]
    m2, _ = resolve_actors(more)
    assert m2[("x1", "e0")] == m2[("t1", "e0")] and m2[("g1", "e0")] != m2[("t1", "e0")]


def test_in_article_short_form_of_two_tokens_less_joins() -> None:
    """No blocking key pairs a name with the same less its two last tokens; the article does."""
    crew = ("Bayu Pranata",)
    recs = [rec(f"a{k}", "Yogi Ardi Syahputra Lubis", offices=("Kabid Humas Polda Sumut",), cooccurring=crew + ("Yogi Ardi",))
            for k in range(2)]
    recs += [rec(f"a{k}", "Yogi Ardi", key="e1", cooccurring=crew + ("Yogi Ardi Syahputra Lubis",)) for k in range(2)]
    recs += [rec("b1", "Yogi Ardi", cooccurring=crew)]
    assert len(set(actor_of(recs))) == 1


@pytest.mark.parametrize(
    "long_names, short, linked",
    [
        # the longer name is the only one the short form could stand for ...
        (("Wawan Suryadi Kusuma",), "Wawan Suryadi", True),
        # ... not when two longer names of the article start with it ("Tan Boon Hock", "Tan Boon Keat")
        (("Tan Boon Hock", "Tan Boon Keat"), "Tan Boon", False),
        # ... and never the father without "Jr"
        (("Donald Trump Jr",), "Donald Trump", False),
        # a name without its leading token is no short form of the article: "Rahmat Sinaga" beside
        # "Nadia Rahmat Sinaga" is her father as often as her
        (("Nadia Rahmat Sinaga",), "Rahmat Sinaga", False),
    ],
)
def test_in_article_links(long_names: tuple[str, ...], short: str, linked: bool) -> None:
    from pipeline.dedupe import _Resolver, _default_config

    names = (*long_names, short)
    recs = [rec("a1", n, key=f"e{k}", cooccurring=tuple(m for m in names if m != n)) for k, n in enumerate(names)]
    res = _Resolver(recs, _default_config())
    res.run()
    assert bool(res.anchored) is linked, res.anchored


def test_party_post_is_no_contrary_evidence() -> None:
    """A party post is held beside a seat: the short name's records stating it stay with the man
    its article links it to."""
    recs = [
        rec("k1", "Wawan Suryadi Kusuma", offices=("Wakil Ketua Komisi II DPR",), cooccurring=("Wawan Suryadi", "Rini Astuti")),
        rec("k1", "Wawan Suryadi", key="e1", cooccurring=("Wawan Suryadi Kusuma", "Rini Astuti")),
        rec("p1", "Wawan Suryadi", offices=("Wakil Ketua Umum Partai Demokrat",), orgs=("Partai Demokrat",),
            cooccurring=("Eko Prasetyo",)),
    ]
    mapping, _ = resolve_actors(recs)
    assert mapping[("p1", "e0")] == mapping[("k1", "e1")] == mapping[("k1", "e0")]


# ------------------------------------------------------------------------------ a given name in front


@pytest.mark.parametrize(
    "longer, shorter, office, n_long, same_article, same",
    [
        # two names each written in several articles, one with a given name in front: a family
        ("Nadia Rahmat Sinaga", "Rahmat Sinaga", "", 3, False, False),
        # ... the same person when they share an office
        ("Yusuf Tito Harjono", "Tito Harjono", "Menteri Dalam Negeri", 3, False, True),
        # a dropped "Muhammad" (names.json leading_names_dropped) is the same person on shared people
        ("Muhammad Rizal Tanjung", "Rizal Tanjung", "", 3, False, True),
        # an article's own short form ("Van Boven" after "Lukas van Boven")
        ("Lukas van Boven", "van Boven", "", 3, True, True),
        # a longer form written once or twice is read as a word in front (a scraper's "Brentford
        # Thomas Frank"), as before: the same person on shared people
        ("Nadia Rahmat Sinaga", "Rahmat Sinaga", "", 1, False, True),
    ],
)
def test_given_name_in_front(longer: str, shorter: str, office: str, n_long: int, same_article: bool, same: bool) -> None:
    offs = (office,) if office else ()
    crew = ("Dedi Lubis", "Maria Simatupang")
    recs = [rec(f"s{k}", shorter, offices=offs, cooccurring=crew, published=D(2024, 3, 1 + k)) for k in range(3)]
    arts = [f"s{k}" for k in range(n_long)] if same_article else [f"l{k}" for k in range(n_long)]
    recs += [rec(a, longer, key="e1", offices=offs, cooccurring=crew, published=D(2024, 4, 1 + k)) for k, a in enumerate(arts)]
    mapping, _ = resolve_actors(recs)
    assert (mapping[(recs[0].article_id, "e0")] == mapping[(recs[-1].article_id, "e1")]) is same
    if not same:
        rows = explain(recs, shorter)
        assert any("a family" in r["reason"] for r in rows if r["decision"] == "kept apart"), rows


# ------------------------------------------------------------------------------ chaining guard


def test_chaining_guard() -> None:
    recs = [
        rec("a1", "Siti Nur Rahayu", offices=("Camat Cibinong",)),
        rec("a2", "Siti Rahayu"),
        rec("a3", "Siti Dewi Rahayu", offices=("Camat Cibinong",)),
        rec("a4", "Siti Nur Rahayu", offices=("Camat Cibinong",)),
        rec("a5", "Siti Dewi Rahayu", offices=("Camat Cibinong",)),
    ]
    ids = actor_of(recs)
    assert ids[0] == ids[3] and ids[2] == ids[4]
    assert ids[0] != ids[2]  # Nur and Dewi never merge through "Siti Rahayu"
    rows = explain(recs, "Siti Rahayu")
    assert any(r["decision"] == "ambiguous" for r in rows)


def test_chaining_guard_keeps_a_name_split_off_by_its_article_links() -> None:
    """The Garut "Rizal Hakim", split off the short name linked to "Rizal Hakim Tanjung", never joins
    him through a third name close to both (a typo sharing the Garut office and Tanjung's people)."""
    crew = ("Sinta Marpaung", "Dodi Hutapea")
    recs = [
        rec("t1", "Rizal Hakim Tanjung", offices=("Direktur Utama PT Sinar Tekstil",), cooccurring=crew + ("Rizal Hakim",)),
        rec("t1", "Rizal Hakim", key="e1", cooccurring=crew + ("Rizal Hakim Tanjung",)),
        rec("g1", "Rizal Hakim", offices=("Kepala Dinas Pertanian Garut",), cooccurring=("Wawan Ridwan",)),
        rec("b1", "Rizal Hakin", offices=("Kepala Dinas Pertanian Garut",), cooccurring=crew),
    ]
    mapping, _ = resolve_actors(recs)
    assert mapping[("g1", "e0")] != mapping[("t1", "e0")]


def test_ambiguous_short_name_records_follow_context() -> None:
    recs = [
        rec("a1", "Siti Nur Rahayu", offices=("Camat Cibinong",)),
        rec("a2", "Siti Dewi Rahayu", offices=("Lurah Menteng",)),
        rec("a3", "Siti Rahayu", offices=("Lurah Menteng",)),
        rec("a4", "Siti Rahayu", offices=("Camat Cibinong",)),
    ]
    ids = actor_of(recs)
    assert ids[0] != ids[1]
    assert ids[2] == ids[1] and ids[3] == ids[0]


def test_chaining_guard_typo_bridge() -> None:
    # "Rudi Hartono" ~ "Rudi Hartonu" ~ ... ~ "Rudi Harsono": each step looks like a typo,
    # but the ends are different frequent names with unrelated offices
    recs = [rec(f"h{k}", "Rudi Hartono", offices=("Kapolres Kediri",), published=D(2022, 1 + k, 1)) for k in range(4)]
    recs += [rec(f"s{k}", "Rudi Harsono", offices=("Bupati Gianyar",), published=D(2022, 1 + k, 2)) for k in range(4)]
    recs += [rec("t1", "Rudi Hartsono")]
    mapping, _ = resolve_actors(recs)
    assert mapping[("h0", "e0")] != mapping[("s0", "e0")]


# ------------------------------------------------------------------------------ single tokens


def test_single_token_joins_distinctive_actor() -> None:
    recs = [rec("a1", "Prabowo Subianto"), rec("a2", "Prabowo"), rec("a3", "Jokowi"), rec("a4", "Joko Widodo")]
    ids = actor_of(recs)
    assert ids[0] == ids[1]
    assert ids[2] == ids[3]


@pytest.mark.parametrize(
    "full, single",
    [("Agus Salim", "Agus"), ("Budi Santoso", "Budi"), ("Siti Aminah", "Siti"), ("Muhammad Hasan", "Muhammad")],
)
def test_single_common_token_stays_alone(full: str, single: str) -> None:
    ids = actor_of([rec("a1", full), rec("a2", single)])
    assert ids[0] != ids[1]


def test_single_token_shared_by_two_actors_stays_alone() -> None:
    recs = [rec("a1", "Hendra Hidayat"), rec("a2", "Rahmat Hidayat"), rec("a3", "Hidayat")]
    ids = actor_of(recs)
    assert len(set(ids)) == 3


def test_in_article_short_form_is_a_variant() -> None:
    recs = [rec("a1", "Iin Mutmainah", variants=("Iin Mutmainah", "Iin")), rec("a2", "Iin Mutmainnah")]
    mapping, actors = resolve_actors(recs)
    assert len(actors) == 1
    a = actors[0]
    assert isinstance(a, Actor)
    assert "Iin" in a.variants and a.n_articles == 2
    assert a.actor_id.startswith("act_")


# ------------------------------------------------------------------------------ ids and names


def _corpus() -> list[PersonRecord]:
    recs = [
        rec("a1", "H. Ahmad Riza Patria", offices=("Wakil Gubernur DKI Jakarta",), key="p1", n=3,
            cooccurring=("Anies Baswedan",)),
        rec("a1", "Anies Baswedan", offices=("Gubernur DKI Jakarta",), key="p2", cooccurring=("Ahmad Riza Patria",)),
        rec("a2", "Ahmad Riza Patria", key="p1"),
        rec("a2", "Uus Kuswanto", offices=("Wali Kota Jakarta Barat",), key="p2"),
        rec("a3", "Hendra Hidayat", offices=("Wakil Wali Kota Jakarta Barat",), key="x"),
        rec("a3", "Uus Kuswamto", offices=("Wali Kota Jakarta Barat",), key="y"),
        rec("a4", "Siti Aisyah", key="p"),
        rec("a5", "Siti Aminah", key="p"),
        rec("a6", "Jokowi", key="p", offices=("Presiden",)),
        rec("a7", "Ir. H. Joko Widodo", key="p", offices=("Presiden",)),
    ]
    return recs


def test_ids_stable_across_reruns_and_order() -> None:
    recs = _corpus()
    m1, a1 = resolve_actors(recs)
    m2, a2 = resolve_actors(recs)
    assert m1 == m2 and a1 == a2
    shuffled = list(recs)
    random.Random(3).shuffle(shuffled)
    m3, a3 = resolve_actors(shuffled)
    assert m3 == m1
    assert sorted(a.actor_id for a in a3) == sorted(a.actor_id for a in a1)


def test_ids_stable_after_adding_unrelated_records() -> None:
    recs = _corpus()
    m1, _ = resolve_actors(recs)
    extra = [rec("z1", "Tri Rismaharini", offices=("Menteri Sosial",)), rec("z2", "Khofifah Indar Parawansa")]
    m2, _ = resolve_actors(recs + extra)
    for k, v in m1.items():
        assert m2[k] == v


def test_canonical_name_is_fullest_most_frequent() -> None:
    recs = [rec("a1", "Pak Riza Patria"), rec("a2", "Ahmad Riza Patria"), rec("a3", "H. Ahmad Riza Patria, S.H."),
            rec("a4", "Ahmad Patria")]
    mapping, actors = resolve_actors(recs)
    names = {a.name for a in actors if a.actor_id == mapping[("a2", "e0")]}
    assert names == {"Ahmad Riza Patria"}


def test_actor_table_fields() -> None:
    mapping, actors = resolve_actors(_corpus())
    assert len(mapping) == len(_corpus())
    ahmad = next(a for a in actors if a.name == "Ahmad Riza Patria")
    assert ahmad.n_articles == 2 and ahmad.n_mentions == 4
    assert ahmad.offices == ["Wakil Gubernur DKI Jakarta"]
    jokowi = next(a for a in actors if a.name == "Joko Widodo")
    assert "Jokowi" in jokowi.variants and jokowi.n_articles == 2
    assert resolve_actors([]) == ({}, [])


# ------------------------------------------------------------------------------ explain


def test_explain_contains_scores() -> None:
    rows = explain(_corpus(), "Uus Kuswanto")
    merged = [r for r in rows if r["decision"] == "merged"]
    assert merged, rows
    r = merged[0]
    assert {"token_sort_ratio", "token_jaro_winkler"} <= set(r["scores"])
    assert 0.0 <= r["name_score"] <= 1.0 and r["combined"] >= DedupeConfig.load().merge_threshold
    assert "wali kota jakarta barat" in r["evidence"]["shared_offices"]
    assert explain(_corpus(), "Nobody Here") == []


def test_explain_lists_near_candidates_kept_apart() -> None:
    rows = explain(_corpus(), "Siti Aisyah")
    apart = [r for r in rows if r["decision"] == "kept apart"]
    assert any({r["a"], r["b"]} == {"siti aisyah", "siti aminah"} for r in apart)
    assert all("combined" in r and "reason" in r for r in apart)


@pytest.mark.parametrize(
    "a, b, why",
    [
        ("Budi Suparman", "Budi Supratman", "'suparman' and 'supratman' are 2 edits apart"),
        ("Andi Setiawan", "Fandi Setiawan", "'andi' and 'fandi' start with other letters"),
        ("Raden Agus Dwi Salim", "Dwi Salim", "lacks 2 tokens of the longer"),
        # a shared key (the name without its first token), but no context that agrees
        ("Agus Dwi Salim", "Dwi Salim", "a name without its first or last token"),
        # a shared key (Tri + "ari" as a prefix), but far apart by name: the prefilter, not blocking
        ("Tri Ari", "Tri Arimurtianto", "share a blocking key but were not scored"),
    ],
)
def test_explain_says_why_blocking_never_paired_two_names(a: str, b: str, why: str) -> None:
    rows = explain([rec("a1", a), rec("a2", b)], a)
    apart = [r for r in rows if {r["a"], r["b"]} == {normalize_name(a), normalize_name(b)}]
    assert apart and apart[0]["decision"] == "kept apart" and why in apart[0]["reason"], rows


# ------------------------------------------------------------------------------ config


def test_config_load(tmp_path) -> None:
    cfg = DedupeConfig.load()
    assert 0 < cfg.never_merge_floor < cfg.merge_threshold <= 1
    p = tmp_path / "d.json"
    p.write_text(json.dumps({"merge_threshold": 0.9, "nonsense": 1}))
    with pytest.raises(ValueError, match="E502"):
        DedupeConfig.load(p)
    p.write_text(json.dumps({"merge_threshold": 0.99, "_doc": "x"}))
    assert DedupeConfig.load(p).merge_threshold == 0.99


# ------------------------------------------------------------------------------ articles

BODY = (
    "Pemerintah Kota Bogor menyiapkan anggaran Rp 12 miliar untuk memperbaiki saluran air di 14 kelurahan "
    "yang kerap terendam banjir setiap musim hujan. Wali Kota Bogor mengatakan pekerjaan dimulai bulan depan "
    "dan ditargetkan selesai sebelum akhir tahun. Menurut dia, warga diminta tidak membuang sampah ke sungai "
    "karena sumbatan menjadi penyebab utama genangan. Dinas Pekerjaan Umum akan menambah pompa di tiga titik "
    "rawan, antara lain di Jalan Pajajaran dan sekitar Terminal Baranangsiang. Anggota DPRD meminta proyek "
    "diawasi ketat agar tidak molor seperti tahun lalu, ketika dua paket pekerjaan terlambat hingga enam bulan."
)
OTHER = (
    "Pemerintah Kabupaten Bogor menyalurkan bantuan beras kepada warga terdampak banjir di lima kecamatan. "
    "Bupati mengatakan bantuan dibagikan melalui posko di kantor desa dan relawan mendata keluarga yang belum "
    "menerima. Banjir merendam ratusan rumah setelah hujan deras sejak Minggu malam, dan sebagian warga masih "
    "mengungsi di sekolah dan masjid. Dinas Sosial menyiapkan dapur umum serta layanan kesehatan bagi lansia "
    "dan anak-anak, sementara sungai di sekitar permukiman terus dipantau petugas."
)


def test_find_duplicate_articles() -> None:
    syndicated = "BOGOR, KOMPAS.com - " + BODY + "\nBaca juga: Harga beras naik. Editor: Redaksi"
    sentences = BODY.split(". ")
    rewrite = ". ".join(sentences[:2] + sentences[3:]).replace("mengatakan", "menyebutkan").replace("warga", "masyarakat", 1)
    arts = [
        ("copy", BODY, D(2024, 1, 3)),
        ("orig", BODY, D(2024, 1, 2)),
        ("synd", syndicated, D(2024, 1, 2)),
        ("rew", rewrite, D(2024, 1, 4)),
        ("other", OTHER, D(2024, 1, 2)),
        ("short", "Banjir di Bogor.", None),
        ("short2", "Banjir di Bogor.", D(2024, 1, 1)),
    ]
    out = find_duplicate_articles(arts)
    assert list(out) == [a[0] for a in arts]  # input order
    assert out["orig"] is None
    assert out["copy"] == "orig"
    assert out["synd"] == "orig"  # same day: ties by input order ("orig" comes first)
    assert out["rew"] == "orig"
    assert out["other"] is None
    assert out["short2"] is None and out["short"] == "short2"  # undated sorts last


def test_find_duplicate_articles_empty() -> None:
    assert find_duplicate_articles([]) == {}


# ------------------------------------------------------------------------------ properties

NAME_TEXT = st.lists(
    st.sampled_from(list("abcdeghijkmnoprstuwyABDHMS .,'-()éü") + ["Pak ", "H. ", ", S.H.", "Moh. ", "oe", "dj", "Jokowi"]),
    max_size=25,
).map("".join) | st.text(max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NAME_TEXT, min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_random_names_never_raise_and_ids_stable(names: list[str], rnd: random.Random) -> None:
    recs = [rec(f"a{i % 4}", n, key=f"e{i}", offices=("Bupati Garut",) if i % 3 == 0 else ()) for i, n in enumerate(names)]
    for n in names:
        normalize_name(n)
        display_name(n)
    m1, actors = resolve_actors(recs)
    assert set(m1) == {(r.article_id, r.entity_key) for r in recs}
    shuffled = list(recs)
    rnd.shuffle(shuffled)
    m2, _ = resolve_actors(shuffled)
    assert m1 == m2
    assert len({a.actor_id for a in actors}) == len(actors)


# ------------------------------------------------------------------------------ benchmark


def test_small_synthetic_bench_quality() -> None:
    from pipeline.dedupe_bench import bench_articles, cluster_scores, generate_people

    records, truth = generate_people(2000, seed=5)
    mapping, _ = resolve_actors(records)
    scores = cluster_scores([mapping[(r.article_id, r.entity_key)] for r in records], truth)
    assert scores["f1"] >= 0.95, scores
    art = bench_articles(120, seed=3)
    assert art["recall"] >= 0.95 and art["precision"] >= 0.99, art


# ------------------------------------------------------------------------------ issue 8: names that look alike


def _many(prefix: str, name: str, office: str, n: int = 3, year: int = 2022, **kw) -> list[PersonRecord]:
    return [rec(f"{prefix}{k}", name, offices=(office,) if office else (), published=D(year, 1 + k, 10), **kw)
            for k in range(n)]


@pytest.mark.parametrize(
    "a, office_a, b, office_b, same",
    [
        # near-twin given names are different names, whatever one shared co-occurring person says
        ("Budi Dwi Sinaga", "Kapolsek Jember", "Budi Dewi Sinaga", "Camat Garut", False),
        ("Abdul Hadi Pratama", "Kajari Badung", "Abdul Adi Pratama", "Kapolres Gianyar", False),
        ("Rina Ayu Maharani", "Wali Kota Surabaya", "Rina Bayu Maharani", "Ketua DPRD Malang", False),
        # reordered three-token names are different people when their offices disagree
        ("Galih Dimas Utomo", "Kapolres Serang", "Dimas Galih Utomo", "Dandim Banyuwangi", False),
        # distinct short token + different roles in the same jurisdiction: office conflict
        ("Okta Bayu Mansur", "Ketua KPU Bogor", "Okta Ayu Mansur", "Wakil Wali Kota Bogor", False),
        # a department is not a jurisdiction: Kepala Dinas Kesehatan of two cities
        ("Hary Dewi Nurdin", "Kepala Dinas Kesehatan Samarinda", "Hary Dwi Nurdin", "Kepala Dinas Kesehatan Palu", False),
        # the same office: the spelling varies, the person does not
        ("Budi Dwi Sinaga", "Kapolsek Jember", "Budi Dewi Sinaga", "Kapolsek Jember", True),
        ("Iin Mutmainah", "Camat Cibinong", "Iin Mutmainnah", "Camat Cibinong", True),  # normalised away
        ("Uus Kuswanto", "Wali Kota Bogor", "Uus Kuswamto", "Wali Kota Bogor", True),  # typo
        # a man's and a woman's form of one name: two people unless the context agrees
        ("Eka Setiawan", "Kapolres Serang", "Eka Setiawati", "Camat Garut", False),
        ("Eka Setiawan", "Camat Garut", "Eka Setiawati", "Camat Garut", True),  # one office: a slip of the pen
    ],
)
def test_frequent_lookalike_names(a: str, office_a: str, b: str, office_b: str, same: bool) -> None:
    shared = ("Syamsul Candra Baskoro",)  # one co-occurring person both were seen with
    recs = _many("a", a, office_a, cooccurring=shared) + _many("b", b, office_b, cooccurring=shared)
    recs += [rec(f"x{k}", "Syamsul Candra Baskoro", key="e1", published=D(2022, 1 + k, 11)) for k in range(2)]
    ids = actor_of(recs)
    assert (ids[0] == ids[3]) is same, (a, b)
    assert len(set(ids[:3])) == 1 and len(set(ids[3:6])) == 1


def test_concurrent_offices_cannot_link_but_career_move_can() -> None:
    shared = ("Syamsul Candra Baskoro",)
    # same years, unrelated jurisdictions: two people
    recs = _many("a", "Budi Dwi Sinaga", "Kapolsek Jember", cooccurring=shared)
    recs += _many("b", "Budi Dewi Sinaga", "Camat Garut", cooccurring=shared)
    ids = actor_of(recs)
    assert ids[0] != ids[3]
    rows = explain(recs, "Budi Dwi Sinaga")
    assert any(r["decision"] == "kept apart" and r["evidence"].get("concurrent_offices") for r in rows), rows
    # five years apart (a career move), the shared co-occurring person links the spellings
    recs = _many("a", "Budi Dwi Sinaga", "Kapolsek Jember", year=2016, cooccurring=shared)
    recs += _many("b", "Budi Dewi Sinaga", "Camat Garut", year=2021, cooccurring=shared)
    ids = actor_of(recs)
    assert ids[0] == ids[3]


def test_ambiguous_dropped_middle_name_records() -> None:
    recs = _many("a", "Arief Ayu Zulfikar", "Kepala Dinas Kesehatan Jambi", n=12)  # well known
    recs += _many("w", "Arief Wahyu Zulfikar", "Kepala Dinas Kesehatan Jambi", n=1)  # same office, once
    recs += _many("f", "Arief Fajar Zulfikar", "Sekretaris Daerah Tegal", n=4, year=2018)
    short = [
        rec("s1", "Arief Zulfikar", offices=("Kepala Dinas Kesehatan Jambi",), published=D(2022, 3, 1)),  # tie -> dominance
        rec("s2", "Arief Zulfikar", offices=("Sekretaris Daerah Tegal",), published=D(2018, 2, 1)),  # office
        rec("s3", "Arief Zulfikar", offices=("Wali Kota Tegal",), published=D(2018, 2, 1)),  # nobody's office
        rec("s4", "Arief Zulfikar", published=D(2018, 3, 1)),  # no office: the date says 2018
    ]
    mapping, _ = resolve_actors(recs + short)
    ayu, fajar = mapping[("a0", "e0")], mapping[("f0", "e0")]
    assert ayu != fajar != mapping[("w0", "e0")] != ayu
    assert mapping[("s1", "e0")] == ayu
    assert mapping[("s2", "e0")] == fajar
    assert mapping[("s3", "e0")] not in (ayu, fajar)
    assert mapping[("s4", "e0")] == fajar
    rows = explain(recs + short, "Arief Zulfikar")
    assert any(r["decision"] == "ambiguous" for r in rows)


def test_surname_first_dropped_middle_name() -> None:
    ids = actor_of([rec("a1", "Ahmad Riza Hasibuan"), rec("a2", "Hasibuan Ahmad", published=D(2024, 3, 2))])
    assert ids[0] == ids[1]
    ids = actor_of([rec("a1", "Ahmad Riza Hasibuan"), rec("a2", "Riza Ahmad", published=D(2024, 3, 2))])
    assert ids[0] != ids[1]


def test_surname_alone_goes_to_the_office_holder() -> None:
    recs = _many("f", "Fajar Wira Harahap", "Kapolsek Binjai", n=5)
    recs += _many("s", "Sinta Putri Harahap", "Ketua KPU Makassar", n=5)
    recs += [
        rec("h1", "Harahap", offices=("Kapolsek Binjai",), published=D(2022, 2, 1)),
        rec("h2", "AKBP Harahap", offices=("Ketua KPU Makassar",), published=D(2022, 2, 2)),
        rec("h3", "Harahap", published=D(2022, 2, 3)),  # no office: which Harahap is unknowable
        rec("h4", "Harahap", offices=("Camat Depok",), published=D(2022, 2, 4)),  # nobody's office
    ]
    mapping, _ = resolve_actors(recs)
    assert mapping[("h1", "e0")] == mapping[("f0", "e0")]
    assert mapping[("h2", "e0")] == mapping[("s0", "e0")]
    assert mapping[("h3", "e0")] == mapping[("h4", "e0")]
    assert mapping[("h3", "e0")] not in (mapping[("f0", "e0")], mapping[("s0", "e0")])
    assert any(r["decision"] == "single token by office" for r in explain(recs, "Harahap"))


INDONESIAN_NAMES = [
    "muhamad yusuf", "m yusuf", "muhamad yusuf kala", "m yusuf kala", "yusuf kala", "agus salim", "salim agus",
    "agus susanto", "agus dwi susanto", "agus dewi susanto", "siti aminah", "siti aisyah", "siti nur aminah",
    "dedi cokro", "dodi cokro", "indah sukarno", "indra sukarno", "budi dwi sinaga", "budi dewi sinaga",
    "dewi budi sinaga", "budi sinaga", "sinaga budi", "abdul hadi pratama", "abdul adi pratama", "abdul pratama",
    "rina ayu maharani", "rina bayu maharani", "uus kuswanto", "uus kuswamto", "uus kuswantoro", "h m yusuf",
    "a b c d e", "iin mutmainah", "iin mutmaina", "juwita bayu sutanto", "sutanto juwita", "juwita sutanto",
    "galih dimas utomo", "dimas galih utomo", "galih utomo", "hary fajar zainudin", "fajar hari zainudin",
    "okta bayu mansur", "okta ayu mansur", "ahmad riza patria", "ahmad patria", "riza patria", "patria ahmad",
    "budi susanto", "budi susanti", "dian kurniawan", "dian kurniawati", "agus putra wijaya", "agus putri wijaya",
    "putri wijaya", "susanti budi", "budi hartanto", "budi harjanto", "eko suharto", "eko suhartono",
    "muhamad toni harjono", "toni harjono", "sri mulyani indrawati", "sri mulyani", "agus budi santoso",
    "budi santoso", "agus budi", "donald trump jr", "donald trump",
]


def test_bulk_name_scores_match_pairwise_scores() -> None:
    """The numpy scorer that skips hopeless pairs must agree with _name_scores exactly."""
    import numpy as np
    from rapidfuzz import fuzz

    from pipeline.dedupe import _name_scores, _token_table, _vector_name_scores
    from pipeline.dedupe_bench import generate_people

    cfg = DedupeConfig.load()
    records, _ = generate_people(8000, seed=11)
    names = sorted({normalize_name(r.name) for r in records} | set(INDONESIAN_NAMES))
    toks = [tuple(n.split()) for n in names if n]
    rnd = random.Random(4)
    by_tok: dict[str, list[int]] = {}
    for i, t in enumerate(toks):
        for x in t:
            by_tok.setdefault(x, []).append(i)
    pairs = set()
    for _ in range(20000):
        i = rnd.randrange(len(toks))
        j = rnd.choice(by_tok[rnd.choice(toks[i])])
        if i != j:
            pairs.add((min(i, j), max(i, j)))
    fixed = [names.index(n) for n in INDONESIAN_NAMES]
    pairs |= {(min(i, j), max(i, j)) for i in fixed for j in fixed if i != j}
    pl = sorted(pairs)
    a = np.array([p[0] for p in pl])
    b = np.array([p[1] for p in pl])
    ids, ntok, vocab = _token_table(toks)
    sr = np.array([fuzz.token_sort_ratio(" ".join(toks[i]), " ".join(toks[j])) / 100.0 for i, j in pl])
    v = _vector_name_scores(ids, ntok, vocab, a, b, sr, cfg)
    kinds = {"equal": 0, "initial": 1, "subset": 2}
    checked = two_names_seen = edge_seen = 0
    for k, (i, j) in enumerate(pl):
        if np.isinf(v["name_score"][k]):
            assert max(len(toks[i]), len(toks[j])) > 4
            continue
        ns = _name_scores(toks[i], toks[j], cfg)
        assert v["name_score"][k] == pytest.approx(ns["name_score"], abs=1e-9), (toks[i], toks[j])
        assert (int(v["kind"][k]), bool(v["mergeable"][k]), bool(v["distinct_token"][k]), bool(v["two_names"][k]),
                bool(v["reordered"][k]), bool(v["dropped_edge"][k])) == (
            kinds[ns["kind"]], ns["mergeable"], ns["distinct_token"], ns["two_names"], ns["reordered"],
            ns["dropped_edge"]), (toks[i], toks[j])
        two_names_seen += ns["two_names"]
        edge_seen += ns["dropped_edge"]
        checked += 1
    assert checked > 10000 and two_names_seen >= 6 and edge_seen >= 6


def test_synthetic_truth_is_knowable() -> None:
    """Generator rules (pipeline/dedupe_bench.py docstring): one holder per office at a time, and
    an ambiguous shortened name comes with the office."""
    from collections import defaultdict

    from pipeline.dedupe_bench import HOLDERS_PER_OFFICE, generate_people

    people: list = []
    records, truth = generate_people(40000, seed=2, people_out=people)
    terms = defaultdict(list)
    for toks, office, org, start, days in people:
        terms[office].append((start.toordinal(), start.toordinal() + days))
    for office, ts in terms.items():
        assert len(ts) <= HOLDERS_PER_OFFICE
        ts.sort()
        assert all(ts[k][1] <= ts[k + 1][0] for k in range(len(ts) - 1)), office
    short_forms = defaultdict(list)
    for p, (toks, office, org, start, days) in enumerate(people):
        if len(toks) == 3:
            short_forms[normalize_name(toks[0] + " " + toks[2])].append(p)
    n_short = 0
    for r, t in zip(records, truth):
        toks, office, _, start, days = people[t]
        assert start.toordinal() <= r.published.toordinal() < start.toordinal() + days
        key = normalize_name(r.name)
        if len(toks) == 3 and key == normalize_name(toks[0] + " " + toks[2]):
            d = r.published.toordinal()
            others = [q for q in short_forms[key] if q != t
                      and people[q][3].toordinal() <= d < people[q][3].toordinal() + people[q][4]]
            if others:
                n_short += 1
                assert r.offices == (office,)
    assert n_short > 0


@pytest.mark.parametrize("size, seed", [(20000, 1), (40000, 9)])
def test_synthetic_bench_quality_at_scale(size: int, seed: int) -> None:
    from pipeline.dedupe_bench import cluster_scores, generate_people

    records, truth = generate_people(size, seed=seed)
    mapping, _ = resolve_actors(records)
    scores = cluster_scores([mapping[(r.article_id, r.entity_key)] for r in records], truth)
    assert scores["f1"] >= 0.98 and scores["bcubed_f1"] >= 0.98, scores


def test_scoring_workers_give_the_same_actors() -> None:
    import dataclasses

    from pipeline.dedupe_bench import generate_people

    records, _ = generate_people(6000, seed=4)
    one = dataclasses.replace(DedupeConfig.load(), workers=1)
    two = dataclasses.replace(DedupeConfig.load(), workers=2, parallel_min_items=10, parallel_min_pairs=10)
    assert resolve_actors(records, one) == resolve_actors(records, two)


def test_failed_worker_slice_is_redone_in_process() -> None:
    import os

    from pipeline.dedupe import _run_split

    parent = os.getpid()

    def work(lo: int, hi: int) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("worker fails")
        return list(range(lo, hi))

    parts = _run_split(work, 10, 2, 1)
    assert [x for p in parts for x in p] == list(range(10))


def test_candidate_pairs_match_plain_blocking() -> None:
    """Bulk (numpy) blocking = every pair of a block up to max_block_size, and overlapping windows
    of the key-sorted members of a bigger block; no pair of two entries that hold the key only as
    a prefix of a token, and a block of such entries only is dropped before it is windowed."""
    import dataclasses
    from collections import defaultdict

    from pipeline.dedupe import PART_ONLY, _block_entries, _Resolver
    from pipeline.dedupe_bench import generate_people

    records, _ = generate_people(30000, seed=8)
    # a name with two scraper-glued copies ("...di", "...yang"): one block, three entries, two of
    # them prefix-only
    glued = ["Budi Marlintono", "Budi Marlintonodi", "Budi Marlintonoyang", "Budi Marlintonopun", "Budi Marlintonoini",
             "Budi Marlintonojuga"]
    records += [PersonRecord(f"g{i}", "e0", n, (n,), (), (), 1, None) for i, n in enumerate(glued)]
    cfg = dataclasses.replace(DedupeConfig.load(), max_block_size=4)
    res = _Resolver(records, cfg)
    nodes, _ = res.build_nodes()
    res.nodes = nodes
    multi = [n.idx for n in nodes if len(n.tokens) >= 2]
    blocks = defaultdict(list)
    for n in multi:
        for k, flag in _block_entries(nodes[n].tokens):
            blocks[k].append((n, flag & PART_ONLY))
    want = set()
    for members in blocks.values():
        if all(f for _, f in members):
            continue
        srt = sorted(members, key=lambda x: (nodes[x[0]].key, x[0]))
        m, cap = len(srt), cfg.max_block_size
        if m > cap and sum(1 for _, f in srt if not f) <= cap:  # few whole holders: each with all
            want |= {(min(x, y), max(x, y)) for x, fx in srt if not fx for y, _ in srt if x != y}
            continue
        windows = [srt] if m <= cap else [srt[s : s + cap] for s in range(0, m - cap // 2, cap // 2)]
        for w in windows:
            want |= {(min(x, y), max(x, y)) for p, (x, fx) in enumerate(w) for y, fy in w[p + 1 :]
                     if x != y and not (fx and fy)}
    ca, cb = res.candidate_pairs(multi)
    assert set(zip(ca.tolist(), cb.tolist())) == want
    assert any(len(v) > cfg.max_block_size for v in blocks.values())
    assert any(sum(1 for _, f in v if f) >= 2 and not all(f for _, f in v) for v in blocks.values())
    # a block over the cap with one whole holder: the whole holder meets every glued copy
    glued_nodes = {n.idx for n in nodes if n.key.startswith("budi marlintono")}
    whole = next(n.idx for n in nodes if n.key == "budi marlintono")
    got = set(zip(ca.tolist(), cb.tolist()))
    assert all((min(whole, g), max(whole, g)) in got for g in glued_nodes - {whole})


def test_ambiguous_records_pick_the_same_cluster_through_the_office_index() -> None:
    """resolve_ambiguous looks, for a record stating an office, only at the candidates holding it or
    holding none (_office_index); the pick must be the one a look at every candidate gives."""
    from pipeline.dedupe import _office_index, _Resolver
    from pipeline.dedupe_bench import generate_people

    records, _ = generate_people(30000, seed=9)
    res = _Resolver(records, DedupeConfig.load())
    roots = res.run().root_of
    checked = with_office = 0
    for s, targets in res.ambiguous.items():
        cands = res._candidates(roots, targets)
        index = _office_index(cands)
        for i in res.nodes[s].recs:
            assert res._pick(i, cands, True, index=index) == res._pick(i, cands, True), (s, i)
            checked += 1
            with_office += bool(res.records.offices[i])
    assert checked > 50 and with_office > 20


@pytest.mark.parametrize(
    "a, b, two",
    [
        ("susanto", "susanti", True),
        ("kurniawan", "kurniawati", True),
        ("putra", "putri", True),
        ("yulianti", "yulianto", True),
        ("wahyudi", "wahyuni", True),
        ("hidayat", "hidayah", True),
        ("rahmat", "rahmad", False),  # one name, two spellings
        ("susanto", "susanta", False),  # both masculine endings: a spelling, not another person
        ("ani", "ana", False),  # stem too short (left to the short-token rule)
        ("kurnia", "kurniawati", False),  # another stem, and not in a lookalike group
        ("hartanto", "harjanto", True),  # lookalike_names
        ("suharto", "suhartono", True),
        ("kurnia", "kurniawan", True),
        ("prasetyo", "prasetya", False),  # one name, two spellings
        ("nugroho", "nugraha", False),
        ("susanto", "susanto", False),
        ("ali", "alif", True),  # a short name and one letter more
        ("ari", "arif", True),
        ("adi", "adit", True),
        ("iin", "iing", True),
        ("arif", "arifin", False),  # two letters more: left to the name scores
        ("hasan", "hasani", False),  # five letters: a dropped letter is a typo
        ("dwi", "dewi", False),  # a letter inside, not at the end (the short-token rule)
    ],
)
def test_two_names_that_look_like_one(a: str, b: str, two: bool) -> None:
    """Gendered pairs (names.json gendered_endings) and lookalike groups (lookalike_names)."""
    from pipeline.dedupe import _two_names

    assert _two_names(a, b) is two
    assert _two_names(b, a) is two


def test_explain_says_when_two_names_only_look_like_one() -> None:
    """--explain names the rule that kept a gendered or lookalike pair apart."""
    recs = [rec("a1", "Budi Susanto"), rec("a2", "Budi Susanti", published=D(2024, 3, 2))]
    rows = [r for r in explain(recs, "Budi Susanto") if r["decision"] == "kept apart"]
    assert rows and rows[0]["two_names"] and "look like one" in rows[0]["reason"]
