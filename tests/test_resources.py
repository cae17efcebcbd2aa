"""The word lists of the rule layer kept as data (pipeline/resources/*.json): each one a non-empty list
of trimmed strings without duplicates, described in its file's note, and read by the code that uses it."""

from __future__ import annotations

import json

import pytest

from pipeline.resources import RESOURCE_DIR

# file -> word lists moved out of the code (pipeline/nlp.py, offices.py, quotes.py, places.py)
WORD_LISTS = {
    "names": ("particles", "lower_in_names", "arabic_articles", "stop_words", "rank_corps", "leading_names_dropped"),
    "words": ("sentence_abbreviations", "token_abbreviations", "adverbs", "company_before", "competition_after",
              "competition_before", "prepositions", "not_person_words"),
    "offices": ("office_qualifiers", "title_qualifiers", "venue_before", "minister_titles", "company_prefixes",
                "org_connectors", "coordinators", "clause_words", "principal_qualifiers", "not_org_acronyms",
                "generic_titles", "known_organisations"),
    "places": ("compass_words", "place_prepositions", "initials_cues"),
    "speech": ("speaker_break_words", "speaker_break_weekdays", "subject_lead_words", "not_subject_before",
               "generic_speaker_words", "source_nouns", "org_name_prefixes", "medium_before",
               "passive_speech_verbs"),
}

# a few entries each list must hold (what the rules were written for)
MUST_HOLD = {
    ("names", "particles"): ("bin", "binti", "van", "der", "von"),
    ("names", "lower_in_names"): ("bin", "da", "of", "the"),
    ("names", "arabic_articles"): ("al", "el", "asy"),
    ("names", "stop_words"): ("Menurut", "Dalam", "Presiden", "WIB", "Jakarta", "Melansir", "Yuk", "Nama", "Tampak"),
    ("names", "rank_corps"): ("inf", "czi", "(purn)"),
    ("names", "leading_names_dropped"): ("muhammad", "teuku", "ayatollah"),
    ("words", "sentence_abbreviations"): ("jl", "dr", "prof", "kec", "a", "z"),
    ("words", "token_abbreviations"): ("Ir.", "Jl.", "Kec.", "Prof."),
    ("words", "adverbs"): ("juga", "bahkan", "sudah"),
    ("words", "company_before"): ("PT", "CV", "Bank", "Klub"),
    ("words", "competition_after"): ("Open", "Cup"),
    ("words", "competition_before"): ("Liga", "Piala"),
    ("words", "prepositions"): ("di", "ke", "dari", "of", "with"),
    ("offices", "office_qualifiers"): ("sebelumnya", "yang", "baru"),
    ("offices", "title_qualifiers"): ("baru", "interim"),
    ("offices", "venue_before"): ("kantor", "gedung", "peraturan", "perpres"),
    ("offices", "minister_titles"): ("Menteri", "Wakil Menteri"),
    ("offices", "company_prefixes"): ("PT", "CV.", "Yayasan"),
    ("offices", "org_connectors"): ("dan", "&", "/", "of"),
    ("offices", "coordinators"): ("dan", "serta", "merangkap"),
    ("offices", "clause_words"): ("di", "yang", "bernama"),
    ("offices", "principal_qualifiers"): ("lainnya", "sendiri"),
    ("offices", "not_org_acronyms"): ("SH", "AKBP", "WIB"),
    ("offices", "generic_titles"): ("Ketua", "Kepala", "Direktur", "Juru Bicara"),
    ("offices", "known_organisations"): ("Apple", "Al Hilal", "Juventus", "Real Madrid", "OpenAI", "Reuters"),
    ("words", "not_person_words"): ("Truk", "Geopark", "SEVP"),
    ("places", "compass_words"): ("utara", "selatan", "timur", "barat"),
    ("places", "place_prepositions"): ("di", "ke", "dari"),
    ("places", "initials_cues"): ("inisial", "berinisial", "tersangka"),
    ("speech", "speaker_break_words"): ("di", "saat", "ketika", "menurut"),
    ("speech", "speaker_break_weekdays"): ("Senin", "Jumat", "Jum'at", "Ahad"),
    ("speech", "subject_lead_words"): ("sementara", "itu", "namun"),
    ("speech", "not_subject_before"): ("dengan", "kepada", "istri"),
    ("speech", "generic_speaker_words"): ("Pemerintah", "Beliau", "Kapolres", "Reporter"),
    ("speech", "source_nouns"): ("laman", "keterangan", "bunyi"),
    ("speech", "org_name_prefixes"): ("Kemen", "Pemprov", "Polres"),
    ("speech", "medium_before"): ("klaim", "video", "postingan"),
    ("speech", "passive_speech_verbs"): ("disampaikan", "ditekankan"),
}


def _load(name: str) -> dict:
    return json.loads((RESOURCE_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _note(data: dict) -> str:
    return " ".join(v for k, v in data.items() if k.startswith("_") and isinstance(v, str))


@pytest.mark.parametrize("name,key", [(n, k) for n, keys in WORD_LISTS.items() for k in keys])
def test_word_list_is_clean_and_documented(name, key):
    data = _load(name)
    words = data[key]
    assert isinstance(words, list) and words, f"{name}.json[{key!r}] must be a non-empty list"
    assert all(isinstance(w, str) and w and w == w.strip() for w in words), f"untrimmed or empty entry in {name}.json[{key!r}]"
    dups = sorted({w for w in words if words.count(w) > 1})
    assert not dups, f"duplicates in {name}.json[{key!r}]: {dups}"
    assert key in _note(data), f"{name}.json's note does not describe {key!r}"
    missing = [w for w in MUST_HOLD[(name, key)] if w not in words]
    assert not missing, f"{name}.json[{key!r}] lacks {missing}"


def test_title_levels_map_titles_to_levels():
    data = _load("offices")
    levels = data["title_levels"]
    assert isinstance(levels, dict) and levels and "title_levels" in _note(data)
    assert all(isinstance(k, str) and k == k.strip() and k and isinstance(v, str) for k, v in levels.items())
    assert set(levels.values()) <= {"Kecamatan", "Kelurahan", "Desa", "Kota", "Kabupaten"}
    assert levels["Camat"] == "Kecamatan" and levels["Lurah"] == "Kelurahan" and levels["Kepala Desa"] == "Desa"


def test_word_lists_have_their_expected_form():
    names, words = _load("names"), _load("words")
    assert all(w[:1].isupper() for w in names["stop_words"])  # compared with capitalised tokens
    assert all(w == w.lower() for key in ("particles", "lower_in_names", "arabic_articles", "rank_corps") for w in names[key])
    assert all(w == w.lower() for w in words["sentence_abbreviations"])  # compared lower-cased, without the period
    assert all(w.endswith(".") for w in words["token_abbreviations"])
    # the weekdays that end a speaker's phrase are weekdays of the date lexicon (dates.json also has "jum’at")
    weekdays = set(_load("dates")["weekdays"])
    assert {w.lower() for w in _load("speech")["speaker_break_weekdays"]} <= weekdays


def test_one_list_of_name_particles_for_rules_and_quotes():
    from pipeline.nlp import _name_lex
    from pipeline.quotes import _lex

    particles = set(_load("names")["particles"])
    assert set(_name_lex()["particles"]) == particles == set(_lex()["particles"])


def test_code_reads_the_lists():
    from pipeline.nlp import _word_lex
    from pipeline.offices import lexicon
    from pipeline.places import load_gazetteer

    wl = _word_lex()
    assert wl is _word_lex()  # read once
    assert "jl" in wl["abbrev"] and "tenggara" in wl["compass"]
    assert wl["arabic_article"].match("al-Assad") and not wl["arabic_article"].match("alAssad")
    lex = lexicon()
    assert lex.title_levels["Camat"] == "Kecamatan" and "Direktur" in lex.generic_titles and "/" in lex.connectors
    assert "berinisial" in load_gazetteer().initials_cues


def test_name_pairs_that_are_two_names():
    """names.json gendered_endings (masculine, feminine ending) and lookalike_names (groups of real
    names a typo apart): documented, lower-case, and no group holds two spellings of one key."""
    from pipeline.dedupe import _key_token

    data = _load("names")
    note = _note(data)
    assert "gendered_endings" in note and "lookalike_names" in note
    endings = data["gendered_endings"]
    assert all(len(p) == 2 and all(e and e == e.lower().strip() for e in p) and p[0] != p[1] for p in endings)
    groups = data["lookalike_names"]
    assert groups and all(isinstance(g, list) and len(g) >= 2 for g in groups)
    for g in groups:
        assert all(w == w.strip().lower() and w.isalpha() for w in g), g
        keys = [_key_token(w) for w in g]
        assert len(set(keys)) == len(keys), f"two spellings of one name in a lookalike group: {g}"


def test_dedupe_name_elements_and_party_words():
    """names.json leading_names_dropped (name elements in front of a name that writers leave out)
    and dedupe.json party_words (a party post is no contrary evidence): lower-case single words,
    documented, read by the code; a leading name element is not a given name a parent passes on
    (no common first name but the religious ones) and no generation suffix."""
    from pipeline.dedupe import _default_config, _rules

    names, dedupe = _load("names"), _load("dedupe")
    lead = names["leading_names_dropped"]
    assert all(w == w.lower() and w.isalpha() for w in lead)
    assert not set(lead) & set(names["generation_suffixes"])
    assert set(lead) & set(names["common_first_names"]) <= {"muhammad", "ahmad", "siti", "nur", "ni", "andi", "cut", "teuku", "daeng", "raden"}
    words = dedupe["party_words"]
    assert words and all(w == w.lower() and w.isalpha() for w in words) and "partai" in words
    assert isinstance(dedupe["_party_words"], str)  # its note
    assert "muhamad" in _rules().leading and _default_config().party_words == tuple(words)


def test_known_organisations_are_no_persons_and_apart_from_speaker_titles():
    """Well-known organisations are kept apart from "organizations" (quotes.py reads those as speaker
    titles), never repeat one, and hold no word that is a person's name in the name lists."""
    off, names = _load("offices"), _load("names")
    known = off["known_organisations"]
    assert not set(known) & set(off["organizations"])
    assert all(w[:1].isupper() or w[:1].isdigit() for w in known)
    firsts = {w for w in names["common_first_names"]}
    assert not [o for o in known if o in firsts], "a first name in known_organisations"
    assert "Al Ghazali" not in known  # a person's name
