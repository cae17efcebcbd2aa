"""Offices: the lexicon as data, and title / organisation / jurisdiction parsing."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.offices import find_offices, lexicon
from pipeline.resources import RESOURCE_DIR, load_resource


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[-.]\w+)*\.?|[^\w\s]", text)


REGIONS = {"Jakarta Timur", "Jakarta Barat", "Bogor", "Bandung", "Semarang", "Jawa Tengah", "Duren Sawit", "Aceh",
           "Jerman", "Jepang", "Indonesia"}


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
        ("Kepala Dinas Perhubungan (Dishub) Kota Bogor", "Kepala Dinas", "Perhubungan (Dishub)", "Bogor", "Kepala Dinas Perhubungan Kota Bogor"),
        # a qualifier before the title stays in the office: a former or acting holder is not the holder
        ("mantan Direktur PT Sinar Abadi;", "Direktur", "PT Sinar Abadi", None, "Mantan Direktur PT Sinar Abadi"),
        ("Plt Direktur PT Sinar Abadi;", "Direktur", "PT Sinar Abadi", None, "Plt Direktur PT Sinar Abadi"),
        # a rank after the office opens the holder's name: "Kapolsek Cibinong | AKP Rudi"
        ("Kasat Reskrim Polres PPU AKP Rudi Hartanto", "Kasat Reskrim", "Polres PPU", None, "Kasat Reskrim Polres PPU"),
        # police abbreviations
        ("Kapuspenkum Kejagung", "Kapuspenkum", "Kejagung", None, "Kepala Pusat Penerangan Hukum Kejaksaan Agung"),
        ("Kakorlantas Polri", "Kakorlantas", "Polri", None, "Kepala Korps Lalu Lintas Polri"),
        ("Kapolres Bogor", "Kapolres", None, "Bogor", "Kapolres Bogor"),
        # "Kota"/"Kabupaten" as written stay in the office (a city's office is not the regency's), unless the title says it
        ("Kepala Dinas Pendidikan Kota Bandung", "Kepala Dinas", "Pendidikan", "Bandung", "Kepala Dinas Pendidikan Kota Bandung"),
        ("Sekda Kabupaten Bogor", "Sekda", None, "Bogor", "Sekretaris Daerah Kabupaten Bogor"),
        ("Bupati Kab. Bogor", "Bupati", None, "Bogor", "Bupati Bogor"),
        ("Kasi Humas Polresta Semarang Kota AKP Budi Raharjo", "Kasi Humas", "Polresta", "Semarang Kota", "Kasi Humas Polresta Semarang Kota"),
        # the region an office is held for after a link word; the title's own short form closes nothing
        ("Duta Besar (Dubes) Jerman untuk Indonesia", "Duta Besar (Dubes)", "Jerman", "Indonesia", "Duta Besar Jerman untuk Indonesia"),
        ("Dubes RI untuk Jepang", "Dubes", "RI", "Jepang", "Duta Besar RI untuk Jepang"),
        ("Anggota DPD asal Aceh", "Anggota", "DPD", "Aceh", "Anggota DPD asal Aceh"),
        # English titles: the areas after the head, and a list of areas closed by "&"
        ("Manager Public Relations KAI", "Manager Public Relations", "KAI", None, "Manager Public Relations KAI"),
        ("SEVP Corporate Relations Bank Sentosa;", "SEVP Corporate Relations", "Bank Sentosa", None,
         "SEVP Corporate Relations Bank Sentosa"),
        ("Head of Marketing, PR & Government Relations PT Cahaya Motor;", "Head of Marketing, PR & Government Relations",
         "PT Cahaya Motor", None, "Head of Marketing, PR & Government Relations PT Cahaya Motor"),
        ("VP HSSE & Partnership PT Cahaya Motor;", "VP HSSE & Partnership", "PT Cahaya Motor", None, "VP HSSE & Partnership PT Cahaya Motor"),
        # the title's short form in brackets is the title's, not the organisation's; a title of the lexicon begun among
        # the English areas runs to its end ("VP | Corporate Secretary")
        ("Chief Executive Officer (CEO) PT Cahaya Motor;", "Chief Executive Officer (CEO)", "PT Cahaya Motor", None,
         "Chief Executive Officer PT Cahaya Motor"),
        ("VP Corporate Secretary PT Cahaya Motor;", "VP Corporate Secretary", "PT Cahaya Motor", None, "VP Corporate Secretary PT Cahaya Motor"),
        # an English word after the acronym closes the organisation; capitalised words that spell out an acronym are one
        ("President of SAIC International;", "President of", "SAIC International", None, "President of SAIC International"),
        ("Ketua Umum Jaringan Relawan Nusantara (JRN) Budi", "Ketua Umum", "Jaringan Relawan Nusantara (JRN)", None,
         "Ketua Umum Jaringan Relawan Nusantara"),
    ],
)
def test_office_parts(text, title, org, juris, office):
    ms = find_offices(_words(text), place_of=place_of)
    assert len(ms) == 1
    m = ms[0]
    assert (m.title, m.organization, m.jurisdiction, m.office) == (title, org, juris, office)


@pytest.mark.parametrize("text", ["Ketua", "Para anggota hadir", "Manager itu datang", "kantor Wali Kota Jakarta Barat", "Peraturan Presiden Nomor 5",
                                  "di Jalan Jenderal Sudirman", "di Stadion Kapten I Wayan Dipta"])
def test_not_offices(text):
    ms = [m for m in find_offices(_words(text), place_of=place_of) if not m.lower]
    assert ms == []


def test_name_after_office_is_not_swallowed():
    words = _words("Wakil Wali Kota Jakarta Timur Rahmawati Saputri hadir")
    m = find_offices(words, place_of=place_of)[0]
    assert words[m.end] == "Rahmawati"


def test_a_numbered_unit_runs_over_its_place_to_the_name():
    words = _words("Kepala Sekolah SDN 3 Sukamaju Rina Wulandari membuka kelas")
    m = find_offices(words, place_of=place_of, person_starts=frozenset({words.index("Rina")}))[0]
    assert m.office == "Kepala Sekolah SDN 3 Sukamaju" and words[m.end] == "Rina"


def test_an_english_title_runs_over_a_company_the_model_read_as_a_person():
    words = _words("Menurut Senior Manager Public Relation Garuda Indonesia, Iksan Rosan, maskapai membayar")
    m = find_offices(words, place_of=place_of, person_starts=frozenset({words.index("Garuda"), words.index("Iksan")}),
                     name_at=lambda k: words[k] == "Iksan")[0]
    assert m.office == "Senior Manager Public Relation Garuda Indonesia"


def test_an_english_title_keeps_of_before_its_organisation():
    words = _words("VP of Operation Cahaya Motor Indonesia, Doni Saputra")
    m = find_offices(words, place_of=place_of, name_at=lambda k: words[k] == "Doni")[0]
    assert m.office == "VP of Operation Cahaya Motor Indonesia"


@pytest.mark.parametrize(
    "text,holder,office",
    [
        # degrees between the name and an office in apposition
        ('"Kami siap," kata Hendra Wijaya, SH, MH, Ketua DPRD Bogor, kepada wartawan.', "Hendra Wijaya", "Ketua DPRD Bogor"),
        ('"Gejalanya ringan," ujar dr. Nur Aisyah, Sp.A, dokter spesialis anak di Depok.', "Nur Aisyah", "Dokter Spesialis"),
        ('"Harga turun," kata Manager Public Relations PT Cahaya Motor, Rudi Hartono, kepada wartawan.', "Rudi Hartono",
         "Manager Public Relations PT Cahaya Motor"),
        ("Duta Besar (Dubes) Jerman untuk Indonesia Ina Lepel mengunjungi sekolah itu.", "Ina Lepel", "Duta Besar Jerman untuk Indonesia"),
        # a profession's workplace after "di"/"dari", up to its holder's name
        ('"Kami siap," kata dosen dari Universitas Andalas, Budi Santoso, kepada wartawan.', "Budi Santoso",
         "Dosen dari Universitas Andalas"),
        # one English word between the organisation's acronym and the name; a hyphenated first name before degrees
        ('"Premi naik," jelas Manager Public Relations BRI Life Rina Kartika kepada wartawan.', "Rina Kartika",
         "Manager Public Relations BRI Life"),
        ("Wakil Ketua DPRD RI Dr Rina Kartika membuka rapat.", "Rina Kartika", "Wakil Ketua DPRD RI"),
        ('"Hasilnya bagus," kata Ji-Hoon Lee, PhD, peneliti studi itu.', "Ji-Hoon Lee", "Peneliti"),
        # "of" that opens no organisation is not part of the title
        ("Steven Wirawan, VP Commercial of Cahaya Motor mengatakan mobil itu laris.", "Steven Wirawan", "VP Commercial"),
        # a company word is no holder: an acronym spelled out, an English word closing the company, a word before the verb
        # when the holder comes first; a first name the model left out after "Company Indonesia"
        ("Training Director Safety Driving Center Indonesia (SDCI) Budi Santoso mengatakan SIM harus aktif.", "Budi Santoso",
         "Director Safety Driving Center Indonesia"),
        ('"Mobil ini laris," ucap Li Wei, President of SAIC International.', "Li Wei", "President of SAIC International"),
        ("Andi Wijaya, Vice President Cahayamobil mengungkapkan harga baru itu.", "Andi Wijaya", "Vice President Cahayamobil"),
        ("Menanggapi hal itu, VP Marketing Cahayamobil Indonesia Hari Susanto menyampaikan harga naik.", "Hari Susanto",
         "VP Marketing Cahayamobil Indonesia"),
        ("Menurut VP Marketing Cahayamobil Indonesia, Hari Susanto, harga naik.", "Hari Susanto", "VP Marketing Cahayamobil Indonesia"),
        ('"Tempatnya unik," kata Head Sales Marketing Taman Satwa, Rina Lestari, kepada wartawan.', "Rina Lestari",
         "Head Sales Marketing Taman Satwa"),
        # a Sasak or Balinese first name that is also a word of organisations, after the acronym that closes the office
        ("Wakil Ketua Komisi IV DPR RI Lalu Hadi Wibowo menyayangkan keputusan itu.", "Lalu Hadi Wibowo", "Wakil Ketua Komisi IV DPR RI"),
        ("Kepala BPPSDM KP I Nyoman Sudarta mengatakan program itu berjalan.", "I Nyoman Sudarta", "Kepala BPPSDM KP"),
    ],
)
def test_offices_beside_their_holders(analyse, text, holder, office):
    doc = analyse(text)
    assert office in {om.office for b, e, om in doc._.roles if doc[b:e].text == holder}


def test_a_dateline_dash_is_no_hyphen_of_a_name(analyse):
    doc = analyse("Antara, Jakarta - Rina Kartika, aktris muda berbakat, kembali bermain film.")
    assert "Jakarta - Rina Kartika" not in {doc[b:e].text for b, e, _ in doc._.roles}


def test_a_workplace_in_running_text_holds_no_office(analyse):
    doc = analyse("Seorang ibu mengaku menjadi korban pelecehan oleh seorang oknum dokter di RSUD Cibinong, Kabupaten Bogor.")
    assert doc._.roles == []


def test_an_office_joins_its_body_after_pada():
    words = _words("Kepala Biro Umum pada Kementerian Dalam Negeri Rina Wati hadir")
    m = find_offices(words, place_of=place_of, person_starts=frozenset({words.index("Rina")}))[0]
    assert m.office == "Kepala Biro Umum pada Kementerian Dalam Negeri" and words[m.end] == "Rina"


def test_an_english_title_word_in_a_list_is_no_holder(analyse):
    doc = analyse('"Harga turun," terang Rudi Hartono, Sales, Marketing & Service Director PT Cahaya Motor, dalam keterangannya.')
    assert "Sales" not in {doc[b:e].text for b, e, _ in doc._.roles}


@pytest.mark.parametrize(
    "text,name,org",
    [
        # capitalised words that spell out the acronym after them are the organisation, with a seat before the name
        ("Kepala Kantor Unit Penyelenggara Bandar Udara (UPBU) Sumbawa Dedi Kurnia", "Dedi", "Unit Penyelenggara Bandar Udara (UPBU) Sumbawa"),
        ("Kepala Staf TNI Angkatan Laut (KSAL) Laksamana TNI Budi Santoso", "Budi", "TNI Angkatan Laut (KSAL)"),
        ("Ketua Satuan Pelayanan Gizi (SPG) Sukamaju Desa Cibeber, Rina Wati", "Rina", "Satuan Pelayanan Gizi (SPG) Sukamaju Desa Cibeber"),
        # ... but not a name the model found inside them, initials and all
        ("aktris Rina Citra Lestari (RCL) tampil", "Citra", None),
    ],
)
def test_a_spelled_out_acronym_is_an_organisation(text, name, org):
    words = _words(text)
    ps = frozenset({words.index(name)})
    m = find_offices(words, place_of=place_of, person_starts=ps, name_at=lambda k: k in ps)[0]
    assert m.organization == org


def test_initials_after_a_profession_are_its_holder_s():
    words = _words("Penyanyi Rina Citra Lestari (RCL) tampil memukau")
    assert all(m.organization is None for m in find_offices(words, place_of=place_of))
    # ... and a word of the name read as a common word leaves the rest no acronym to spell out
    words = _words("aktris Mawar Citra Dewi (MCD) tampil memukau")
    assert not any("MCD" in (m.organization or "") for m in find_offices(words, place_of=place_of))


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


@pytest.mark.parametrize(
    "text,holder,offices",
    [
        # two offices of one holder chained with "sekaligus"/"merangkap": both are the holder's, the first one whole
        ("Wakil Ketua DPRD Kota Bandung sekaligus Ketua DPC Partai Gerindra Kota Bandung, Budi Santoso, hadir.", "Budi Santoso",
         {"Wakil Ketua DPRD Kota Bandung", "Ketua DPC Partai Gerindra Kota Bandung"}),
        ("Pengamat Pasar Modal sekaligus Direktur PT Sinar Abadi Sekuritas, Rudi Hartono, mengatakan harga naik.", "Rudi Hartono",
         {"Pengamat Pasar Modal", "Direktur PT Sinar Abadi Sekuritas"}),
        ("Kepala Biro Hukum Sengketa Tanah merangkap Juru Bicara Bupati Garut, Asep Saepudin, menjelaskan hal itu.",
         "Asep Saepudin", {"Kepala Biro Hukum Sengketa Tanah", "Juru Bicara Bupati Garut"}),
    ],
)
def test_offices_chained_by_sekaligus_are_all_the_holder_s(analyse, text, holder, offices):
    doc = analyse(text)
    assert offices <= {om.office for b, e, om in doc._.roles if doc[b:e].text == holder}


@pytest.mark.parametrize(
    "text,holder,office",
    [
        # "Jenderal" after Sekretariat/Direktorat/Direktur names a body or a title, not a rank
        ("Kepala Biro Humas Sekretariat Jenderal Kementerian Keuangan, Dedi Kurnia, menjelaskan hal itu.", "Dedi Kurnia",
         "Kepala Biro Humas Sekretariat Jenderal Kementerian Keuangan"),
        ("Kepala Pusat Data Sekretariat Jenderal MPR RI, Rina Wati, menjelaskan hal itu.", "Rina Wati",
         "Kepala Pusat Data Sekretariat Jenderal MPR RI"),
        # ... and the words of a directorate the lexicon lacks run to the institution word after them
        ("Direktur Jenderal Migas ESDM saat itu, Rina Wati, menerbitkan surat.", "Rina Wati", "Direktur Jenderal Migas ESDM"),
        # a rank with its corps before the name is the holder's, no part of the office
        ("Kapolda Banten Irjen Pol. Budi Santoso meninjau lokasi.", "Budi Santoso", "Kapolda Banten"),
        ("Kapolri Jenderal Pol. Budi Santoso meninjau lokasi.", "Budi Santoso", "Kepala Kepolisian Negara Republik Indonesia"),
        ("Kabid Humas Polda Banten Kombes Pol Rudi Hartono membenarkan laporan itu.", "Rudi Hartono", "Kabid Humas Polda Banten"),
        # a rank written out is the holder's rank, not an office: the office before it is the holder's
        ('"Kami usut," kata Kapolda Banten Inspektur Jenderal Rudi Hartono kepada wartawan.', "Rudi Hartono", "Kapolda Banten"),
        # an ordinal after the title stays in the office
        ("Presiden ke-7 RI Joko Susilo meresmikan jembatan itu.", "Joko Susilo", "Presiden ke-7 RI"),
        ("Wakil Presiden ke-11 Budi Santoso hadir di acara itu.", "Budi Santoso", "Wakil Presiden ke-11"),
        # a school numbered with two digits, its place, then the holder
        ("Kepala SMPN 12 Cigugur Asep Sunandar membuka kelas baru.", "Asep Sunandar", "Kepala SMPN 12 Cigugur"),
        ("Kepala Sekolah SMP Negeri 1 Sukamaju, Rina Wati, membuka kelas baru.", "Rina Wati", "Kepala Sekolah SMP Negeri 1 Sukamaju"),
        # a region the gazetteer lacks ends the office: it is never the holder's first name
        ("Manajer Humas KAI Commuter Jabodebek Rina Kartika mengatakan kereta tepat waktu.", "Rina Kartika",
         "Manajer Humas KAI Commuter Jabodebek"),
        ("Kepala Kantor Wilayah Sumbagsel Budi Santoso mengatakan target tercapai.", "Budi Santoso",
         "Kepala Kantor Wilayah Sumbagsel"),
        # a professor in apposition, with the workplace after "di"
        ("Andi Wijaya, profesor sejarah di Universitas Sukamaju, menyebut hal itu.", "Andi Wijaya",
         "Profesor sejarah di Universitas Sukamaju"),
        ("Rina Kartika, guru besar hukum Universitas Sukamaju, menyebut hal itu.", "Rina Kartika",
         "Guru Besar hukum Universitas Sukamaju"),
        # a country that ends a body's name before its acronym is the organisation's
        ("Ketua Umum Gabungan Pengusaha Kopi Indonesia (GPKI), Budi Santoso, menyampaikan hal itu.", "Budi Santoso",
         "Ketua Umum Gabungan Pengusaha Kopi Indonesia"),
        # an apposition introduced by "dari"
        ("Rina Kartika, dari anggota Gerakan Petani Jawa Barat (GPJB) mengatakan harga pupuk naik.", "Rina Kartika",
         "Anggota Gerakan Petani Jawa Barat"),
    ],
)
def test_office_shapes_and_their_holders(analyse, text, holder, office):
    doc = analyse(text)
    assert office in {om.office for b, e, om in doc._.roles if doc[b:e].text == holder}


def test_a_list_of_offices_gives_each_holder_its_own(analyse):
    """In "Office A Name A, Office B ... Name B, Office C", the run of Office B stops before Name B."""
    doc = analyse("Hadir Kepala BPS Rina Widyasanti, Direktur Jenderal Perikanan Kementerian Kelautan Hendro Sasongko, "
                  "dan Dirjen Perumahan Kementerian PKP Rudi Hartono.")
    roles = {doc[b:e].text: om.office for b, e, om in doc._.roles}
    assert roles.get("Hendro Sasongko") == "Direktur Jenderal Perikanan Kementerian Kelautan"
    assert "Direktur Jenderal Perikanan Kementerian Kelautan" not in {o for n, o in roles.items() if n == "Rina Widyasanti"}


@pytest.mark.parametrize("text", ["Kepala Polda Banten Inspektur Jenderal Rudi Hartono tiba.", "Kapolri Jenderal Pol. Budi Santoso tiba."])
def test_a_rank_is_no_office(analyse, text):
    doc = analyse(text)
    assert not any("Jenderal" in om.office or "Inspektur" in om.office for _, _, om in doc._.roles)


def test_a_mixed_case_school_acronym_is_no_holder(analyse):
    doc = analyse("Kepala Sekolah MTsN 1 Sukamaju menyampaikan kebutuhan sekolah.")
    assert "MTsN" not in {doc[b:e].text for b, e, _ in doc._.roles}
    assert any(e.label_ == "OFFICE" and "MTsN 1" in e.text for e in doc.ents)
