"""Offices: the lexicon as data, and title / organisation / jurisdiction parsing."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.offices import find_offices, lexicon
from pipeline.resources import RESOURCE_DIR, load_resource


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[-.]\w+)*\.?|[^\w\s]", text)


REGIONS = {"Jakarta Timur", "Jakarta Barat", "Bogor", "Bandung", "Semarang", "Jawa Tengah", "Duren Sawit"}


def place_of(name: str):
    return name if name in REGIONS else None


@pytest.mark.parametrize(
    "text,title,org,juris,office",
    [
        ("Wakil Wali Kota Jakarta Timur", "Wakil Wali Kota", None, "Jakarta Timur", "Wakil Wali Kota Jakarta Timur"),
        ("Walikota Jakbar", "Wali Kota", None, "Jakarta Barat", "Wali Kota Jakarta Barat"),
        ("Ketua Bawaslu Jakarta Timur", "Ketua", "Bawaslu", "Jakarta Timur", "Ketua Bawaslu Jakarta Timur"),
        ("Sekda DKI", "Sekda", None, "DKI Jakarta", "Sekretaris Daerah DKI Jakarta"),
        ("Kepala Suku Badan Kesbangpol Jaktim", "Kepala Suku Badan", "Kesbangpol", "Jakarta Timur",
         "Kepala Suku Badan Kesatuan Bangsa dan Politik Jakarta Timur"),
        ("Mendagri", "Mendagri", None, None, "Menteri Dalam Negeri"),
        ("Menteri Keuangan", "Menteri", "Keuangan", None, "Menteri Keuangan"),
        ("Anggota DPRD Jawa Tengah", "Anggota", "DPRD", "Jawa Tengah", "Anggota DPRD Jawa Tengah"),
        ("Kepala Dinas Perhubungan (Dishub) Kota Bogor", "Kepala Dinas", "Perhubungan (Dishub)", "Bogor", "Kepala Dinas Perhubungan Bogor"),
        # a qualifier before the title stays in the office: a former or acting holder is not the holder
        ("mantan Direktur PT Sinar Abadi;", "Direktur", "PT Sinar Abadi", None, "Mantan Direktur PT Sinar Abadi"),
        ("Plt Direktur PT Sinar Abadi;", "Direktur", "PT Sinar Abadi", None, "Plt Direktur PT Sinar Abadi"),
        # a rank after the office opens the holder's name: "Kapolsek Cibinong | AKP Rudi"
        ("Kasat Reskrim Polres PPU AKP Rudi Hartanto", "Kasat Reskrim", "Polres PPU", None, "Kasat Reskrim Polres PPU"),
        # police abbreviations
        ("Kapuspenkum Kejagung", "Kapuspenkum", "Kejagung", None, "Kepala Pusat Penerangan Hukum Kejaksaan Agung"),
        ("Kakorlantas Polri", "Kakorlantas", "Polri", None, "Kepala Korps Lalu Lintas Polri"),
        ("Kapolres Bogor", "Kapolres", None, "Bogor", "Kapolres Bogor"),
    ],
)
def test_office_parts(text, title, org, juris, office):
    ms = find_offices(_words(text), place_of=place_of)
    assert len(ms) == 1
    m = ms[0]
    assert (m.title, m.organization, m.jurisdiction, m.office) == (title, org, juris, office)


@pytest.mark.parametrize("text", ["Ketua", "Para anggota hadir", "kantor Wali Kota Jakarta Barat", "Peraturan Presiden Nomor 5",
                                  "di Jalan Jenderal Sudirman", "di Stadion Kapten I Wayan Dipta"])
def test_not_offices(text):
    ms = [m for m in find_offices(_words(text), place_of=place_of) if not m.lower]
    assert ms == []


def test_name_after_office_is_not_swallowed():
    words = _words("Wakil Wali Kota Jakarta Timur Rahmawati Saputri hadir")
    m = find_offices(words, place_of=place_of)[0]
    assert words[m.end] == "Rahmawati"


def test_office_runs_to_the_name_the_model_found():
    words = _words("Kepala Pos Pengamatan Gunung Merapi Hanik Humaida menjelaskan")
    m = find_offices(words, place_of=place_of, person_starts=frozenset({words.index("Hanik")}))[0]
    assert m.organization == "Pos Pengamatan Gunung Merapi" and words[m.end] == "Hanik"


def test_offices_lexicon_is_valid():
    d = load_resource("offices")
    titles = [e["title"] for e in d["titles"]]
    assert len(titles) == len(set(t.lower() for t in titles)), "duplicate titles"
    for e in d["titles"]:
        assert set(e) <= {"title", "expand", "standalone", "abbrev", "descriptor", "relational"}, e
        assert e["title"].strip() == e["title"] and e["title"]
        if e.get("abbrev"):
            assert e.get("expand"), e
    assert len(set(d["organizations"])) == len(d["organizations"])
    for k, v in {**d["jurisdiction_abbreviations"], **d["abbreviations"]}.items():
        assert k and v and k != v
    for t in ("Wali Kota", "Walikota", "Camat", "Lurah", "Sekretaris Daerah", "Kapolres", "Kapolda", "Dandim", "Ekonom",
              "Asisten Pemerintahan", "Kepala Suku Badan", "Kepala Suku Dinas", "Presiden", "Gubernur", "Bupati"):
        assert t.lower() in {x.lower() for x in titles}, t
    for a in ("Jaktim", "Jakbar", "Jakpus", "Jaksel", "Jakut", "DKI"):
        assert a in d["jurisdiction_abbreviations"]
    for a in ("Pemkot", "Pemprov", "Kemendagri", "Kesbangpol", "Forkopimko"):
        assert a in d["abbreviations"]
    assert lexicon().max_title >= 3


@pytest.mark.parametrize("name", ["speech", "events", "words", "outlets", "furniture", "offices", "places", "dates", "names", "dedupe"])
def test_every_resource_is_valid_json_with_a_description(name):
    path = RESOURCE_DIR / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and any(k.startswith("_") for k in data), f"{name}.json needs an _about/_doc note"


def test_speech_lexicon_is_valid():
    s = load_resource("speech")
    for key in ("cue_after", "verbs_before", "pronouns", "not_speech_before"):
        assert s[key] and all(isinstance(x, str) and x == x.strip() and x for x in s[key])
    for cue in ("kata", "ujar", "tutur", "imbuh", "tandas", "ungkap", "jelas", "sambung"):
        assert cue in s["cue_after"]


@pytest.mark.parametrize(
    "text,org",
    [("Pelatih Juventus", "Juventus"), ("Kiper Sparta Rotterdam", "Sparta Rotterdam"), ("CEO Microsoft", "Microsoft")],
)
def test_a_well_known_organisation_is_the_office_s_organisation(text, org):
    """known_organisations (clubs, companies, agencies) end an office as its organisation, so the word
    after them, not the organisation, is the holder ("Kiper Sparta Rotterdam | Nick Olij")."""
    ms = find_offices(_words(text), place_of=place_of)
    assert len(ms) == 1 and ms[0].organization == org, ms


def test_well_known_organisations_are_no_speaker_titles():
    lex = lexicon()
    assert ("Real", "Madrid") in lex.orgs and "Apple" in lex.org_tokens
    assert "Apple" not in load_resource("offices")["organizations"]  # quotes.py reads that list as title words
