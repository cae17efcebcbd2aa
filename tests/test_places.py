"""Tests for the PLACE stage (pipeline.places). Sentences are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.places import (
    RESOURCE,
    PlaceMention,
    find_places,
    load_gazetteer,
    load_lexicon,
    region_in,
)


def _find(text: str, surface: str) -> PlaceMention | None:
    return next((m for m in find_places(text) if m.text == surface), None)


# (sentence, surface, level, a part of the normalized name)
POSITIVE = [
    # a locality too small for the gazetteer, after "di"/"ke"/"asal" (rare word, then punctuation or lower case)
    ("Posko kedua dibuka di Karangwulung, dekat balai warga.", "Karangwulung", "locality", "Karangwulung"),
    ("Rombongan berhenti di Sumberjambe lalu beristirahat.", "Sumberjambe", "locality", "Sumberjambe"),
    ("Seorang pedagang asal Tegalwangsit ikut antre.", "Tegalwangsit", "locality", "Tegalwangsit"),
    # provinces
    ("Curah hujan tinggi melanda Jawa Tengah sepanjang pekan ini.", "Jawa Tengah", "provinsi",
     "Provinsi Jawa Tengah"),
    ("Gempa kecil terasa hingga Sulawesi Selatan pada malam hari.", "Sulawesi Selatan", "provinsi",
     "Provinsi Sulawesi Selatan"),
    ("Rombongan itu tiba di Jakarta pada Rabu pagi.", "Jakarta", "provinsi", "Provinsi DKI Jakarta"),
    ("Pemerintah pusat menyalurkan bantuan ke Provinsi Jawa Timur.", "Provinsi Jawa Timur", "provinsi",
     "Provinsi Jawa Timur"),
    ("Harga cabai di Sumatera Utara mulai turun.", "Sumatera Utara", "provinsi", "Provinsi Sumatera Utara"),
    # kabupaten / kota, bare and prefixed
    ("Ia lahir di Klaten dan kini tinggal di luar negeri.", "Klaten", "kabupaten", "Kabupaten Klaten, Jawa Tengah"),
    ("Warga Depok antusias menyambut festival itu.", "Depok", "kota", "Kota Depok, Jawa Barat"),
    ("Tim itu bertanding di Malang akhir pekan lalu.", "Malang", "kota", "Kota Malang, Jawa Timur"),
    ("Pasar murah digelar di Kota Malang selama tiga hari.", "Kota Malang", "kota", "Kota Malang, Jawa Timur"),
    ("Petani di Kabupaten Bogor mulai menanam padi.", "Kabupaten Bogor", "kabupaten", "Kabupaten Bogor, Jawa Barat"),
    ("Banjir merendam ratusan rumah di Jakarta Timur.", "Jakarta Timur", "kota", "Kota Jakarta Timur, DKI Jakarta"),
    ("Kantor itu pindah ke Kota Administrasi Jakarta Selatan.", "Kota Administrasi Jakarta Selatan", "kota",
     "Kota Jakarta Selatan, DKI Jakarta"),
    ("Kapal itu berlabuh di Kab. Kepulauan Seribu kemarin.", "Kab. Kepulauan Seribu", "kabupaten",
     "Kabupaten Kepulauan Seribu"),
    ("Sebagian warga Solo memilih mudik lebih awal.", "Solo", "kota", "Kota Surakarta"),
    ("Rombongan tiba di Kota Padang menjelang magrib.", "Kota Padang", "kota", "Kota Padang, Sumatera Barat"),
    ("Jalan tol itu menghubungkan Toba Samosir dan Medan.", "Toba Samosir", "kabupaten", "Kabupaten Toba"),
    # abbreviations
    ("Macet panjang terjadi di Jaktim sejak pagi.", "Jaktim", "kota", "Kota Jakarta Timur"),
    ("Pemudik dari Jateng mulai berdatangan.", "Jateng", "provinsi", "Provinsi Jawa Tengah"),
    ("Kunjungan wisata ke NTT meningkat tahun ini.", "NTT", "provinsi", "Provinsi Nusa Tenggara Timur"),
    ("Lomba itu diikuti peserta dari Jakbar dan Jaksel.", "Jaksel", "kota", "Kota Jakarta Selatan"),
    ("Program itu dimulai di DIY bulan depan.", "DIY", "provinsi", "Provinsi DI Yogyakarta"),
    # kecamatan with prefix, kelurahan/desa with prefix
    ("Genangan air terlihat di Kecamatan Duren Sawit sejak subuh.", "Kecamatan Duren Sawit", "kecamatan",
     "Kecamatan Duren Sawit, Kota Jakarta Timur"),
    ("Warga Kec. Cilodong menggelar kerja bakti.", "Kec. Cilodong", "kecamatan", "Kecamatan Cilodong, Kota Depok"),
    ("Posko dibuka di Kelurahan Pondok Kelapa, Jakarta Timur.", "Kelurahan Pondok Kelapa", "kelurahan",
     "Kelurahan Pondok Kelapa, Kecamatan Duren Sawit"),
    ("Kepala Desa Sukamaju, Kecamatan Cibungbulang, Kabupaten Bogor, hadir dalam rapat.", "Desa Sukamaju",
     "desa", "Desa Sukamaju, Kecamatan Cibungbulang, Kabupaten Bogor"),
    # comma chains
    ("Rumah di Pondok Kelapa, Duren Sawit, Jakarta Timur itu terbakar.", "Pondok Kelapa", "kelurahan",
     "Kelurahan Pondok Kelapa, Kecamatan Duren Sawit, Kota Jakarta Timur"),
    ("Rumah di Pondok Kelapa, Duren Sawit, Jakarta Timur itu terbakar.", "Duren Sawit", "kecamatan",
     "Kecamatan Duren Sawit, Kota Jakarta Timur"),
    ("Sebuah truk terguling di Cilodong, Depok, Selasa malam.", "Cilodong", "kecamatan",
     "Kecamatan Cilodong, Kota Depok"),
    ("Acara itu berlangsung di Menteng, Jakarta Pusat.", "Menteng", "kecamatan",
     "Kecamatan Menteng, Kota Jakarta Pusat"),
    ("Mahasiswa itu indekos di Depok, Sleman, selama kuliah.", "Depok", "kecamatan",
     "Kecamatan Depok, Kabupaten Sleman"),
    ("Gudang baru dibangun di Cibitung, Bekasi, bulan lalu.", "Bekasi", "kabupaten",
     "Kabupaten Bekasi, Jawa Barat"),
    # venues
    ("Pelatihan digelar di Aula Pusat Pelatihan Kerja Daerah (PPKD) Jakarta Timur, Kamis.",
     "Aula Pusat Pelatihan Kerja Daerah (PPKD) Jakarta Timur", "venue",
     "Aula Pusat Pelatihan Kerja Daerah (PPKD) Jakarta Timur"),
    ("Rapat berlangsung di Aula PPKD Jakarta Timur.", "Aula PPKD Jakarta Timur", "venue", "Aula PPKD Jakarta Timur"),
    ("Warga berkumpul di Kantor Wali Kota Jakarta Barat sejak pagi.", "Kantor Wali Kota Jakarta Barat", "venue",
     "Kantor Wali Kota Jakarta Barat"),
    ("Mereka mendatangi kantor wali kota Jakbar untuk mengadu.", "kantor wali kota Jakbar", "venue",
     "kantor wali kota Jakbar"),
    ("Rancangan itu dibahas di Gedung DPR hingga larut malam.", "Gedung DPR", "venue", "Gedung DPR"),
    ("Tamu negara disambut di Istana Merdeka.", "Istana Merdeka", "venue", "Istana Merdeka"),
    ("Pelantikan digelar di Istana Negara, Jakarta.", "Istana Negara", "venue", "Istana Negara"),
    ("Massa bergerak menuju Balai Kota DKI siang itu.", "Balai Kota DKI", "venue", "Balai Kota DKI"),
    ("Tamu berdatangan ke rumah di Jalan Kertanegara sejak sore.", "Jalan Kertanegara", "venue",
     "Jalan Kertanegara"),
    ("Kecelakaan terjadi di Jl. Tole Iskandar, Depok.", "Jl. Tole Iskandar", "venue", "Jl. Tole Iskandar"),
    ("Tersangka dibawa ke Mako Polres Metro Depok untuk diperiksa.", "Mako Polres Metro Depok", "venue",
     "Mako Polres Metro Depok"),
    ("Salat Id dipusatkan di Masjid Istiqlal tahun ini.", "Masjid Istiqlal", "venue", "Masjid Istiqlal"),
    ("Final digelar di Stadion Gelora Bung Karno malam nanti.", "Stadion Gelora Bung Karno", "venue",
     "Stadion Gelora Bung Karno"),
    ("Pertemuan itu diadakan di Hotel Indonesia.", "Hotel Indonesia", "venue", "Hotel Indonesia"),
    ("Korban dirawat di Rumah Sakit Fatmawati sejak Senin.", "Rumah Sakit Fatmawati", "venue",
     "Rumah Sakit Fatmawati"),
    # foreign countries and cities
    ("Delegasi Amerika Serikat tiba lebih dulu.", "Amerika Serikat", "country", "Amerika Serikat"),
    ("Ekspor ke Tiongkok naik tajam bulan ini.", "Tiongkok", "country", "Tiongkok"),
    ("Jemaah umrah berangkat ke Arab Saudi pekan depan.", "Arab Saudi", "country", "Arab Saudi"),
    ("Timnya kalah dari Argentina dalam laga uji coba.", "Argentina", "country", "Argentina"),
    ("Bantuan kemanusiaan dikirim ke Gaza lewat jalur darat.", "Gaza", "city", "Gaza, Palestina"),
    ("Menlu bertolak ke Washington untuk berunding.", "Washington", "city", "Washington, Amerika Serikat"),
    ("Negosiasi dagang dengan AS berlanjut bulan depan.", "AS", "country", "Amerika Serikat"),
    # datelines
    ("JAKARTA, Redaksi - Harga beras naik.", "JAKARTA", "provinsi", "Provinsi DKI Jakarta"),
    # an upper-case dateline the gazetteer does not know is a city
    ("ZANDVOORT – Pembalap muda itu finis kedua.", "ZANDVOORT", "city", "Zandvoort"),
    ("MUGELLO, Redaksi - Balapan ditunda karena hujan.", "MUGELLO", "city", "Mugello"),
    # a region's acronym defined right after it
    ("Anggaran jalan di Kabupaten Ogan Komering Ulu (OKU) ditambah.", "OKU", "kabupaten", "Kabupaten Ogan Komering Ulu"),
    ("Sawah di Kabupaten Hulu Sungai Selatan (HSS) terendam.", "HSS", "kabupaten", "Kabupaten Hulu Sungai Selatan"),
    # special areas and more foreign cities
    ("Ribuan pegawai akan pindah ke Ibu Kota Nusantara tahun depan.", "Ibu Kota Nusantara", "city", "Kalimantan Timur"),
    ("Kantor otorita di IKN mulai beroperasi.", "IKN", "city", "Ibu Kota Nusantara"),
    ("Penerbangan ke Darwin dan Gold Coast ditunda.", "Gold Coast", "city", "Gold Coast, Australia"),
    ("Maskapai itu membuka rute baru ke Ho Chi Minh.", "Ho Chi Minh", "city", "Vietnam"),
    # a venue named after a person goes on past the first name
    ("Pesawat mendarat di Bandara I Gusti Ngurah Rai Bali pukul enam.", "Bandara I Gusti Ngurah Rai Bali", "venue",
     "Bandara I Gusti Ngurah Rai Bali"),
    ("Genangan muncul di depan RSI Sultan Agung Semarang.", "RSI Sultan Agung Semarang", "venue", "RSI Sultan Agung Semarang"),
    # a capitalised word that cannot go on a region's name ends it (money, RT/RW, Tahun, Tahap)
    ("Realisasi tertinggi: Provinsi Jawa Barat Rp 4 triliun, disusul daerah lain.", "Provinsi Jawa Barat", "provinsi",
     "Jawa Barat"),
    ("Anggaran Kabupaten Balangan Rp 1,8 triliun belum terserap.", "Kabupaten Balangan", "kabupaten", "Balangan"),
    ("Rumah korban di Desa Wonokarang RT 03 RW 02 terendam.", "Desa Wonokarang", "desa", "Desa Wonokarang"),
    ("Program pemutihan pajak Provinsi Jawa Timur Tahap II dimulai.", "Provinsi Jawa Timur", "provinsi", "Jawa Timur"),
    ("Warga Sidoarjo Rp 5 juta per bulan menerima bantuan.", "Sidoarjo", "kabupaten", "Sidoarjo"),
    # places joined by a hyphen in one token (routes, bilateral pairs) are each a place
    ("Pesawat rute Jeddah-Jakarta itu mendarat darurat di Medan.", "Jeddah", "city", "Arab Saudi"),
    ("Pesawat rute Jeddah-Jakarta itu mendarat darurat di Medan.", "Jakarta", "provinsi", "DKI Jakarta"),
    ("Kereta Bandung-Surabaya kembali beroperasi pekan ini.", "Surabaya", "kota", "Surabaya"),
    ("Ia bersepeda menempuh perjalanan Indonesia-Mekkah selama dua tahun.", "Mekkah", "city", "Arab Saudi"),
    # tourist areas and foreign sites in the news that are no kab/kota
    ("Wisatawan memadati Labuan Bajo saat libur panjang.", "Labuan Bajo", "city", "Nusa Tenggara Timur"),
    ("Tempat populer seperti Tanah Lot, Ubud, hingga Kintamani ramai.", "Ubud", "city", "Bali"),
    ("Serangan udara menghantam Fordow dan Natanz pada dini hari.", "Natanz", "city", "Iran"),
]


@pytest.mark.parametrize("text,surface,level,normalized", POSITIVE)
def test_positive(text: str, surface: str, level: str, normalized: str) -> None:
    mention = _find(text, surface)
    found = [(m.text, m.level, m.normalized) for m in find_places(text)]
    assert mention is not None, f"{surface!r} not found in {found}"
    assert mention.level == level
    assert normalized in mention.normalized
    assert text[mention.start:mention.end] == mention.text


# (sentence, a surface that must NOT be a place mention, nor lie inside one)
NEGATIVE = [
    # after "di"/"ke", but an institution's abbreviation, a known word, a name particle, or a longer name
    ("Laporan itu kini ditangani di Kemenpora, katanya.", "Kemenpora"),
    ("Berkas itu kini ada di Kejatisu, pekan depan disidangkan.", "Kejatisu"),
    ("Surat itu disampaikan ke Sjahrul lalu diteruskan.", "Sjahrul"),
    ("Videonya diunggah di Instagram, lalu ramai.", "Instagram"),
    ("Pembalap Marco Di Zanettino menyebut ban cepat aus.", "Zanettino"),
    ("Kami bertemu di Karangwulung Indah sore itu.", "Karangwulung"),
    ("Baru saja ia tiba di rumah.", "Baru"),
    ("Harapan warga adalah jalan yang lebih mulus.", "Harapan"),
    ("Sukamaju menjadi nama kelompok tani itu.", "Sukamaju"),
    ("Gambir dan kopi dijual di kios kecil itu.", "Gambir"),
    ("Pemilu 2024 berlangsung tertib dan damai.", "Pemilu"),
    ("Polres Metro Depok menangkap dua pelaku.", "Depok"),
    ("KPU Jakarta Timur menetapkan daftar pemilih tetap.", "Jakarta Timur"),
    ("Pemprov Jateng menyiapkan anggaran tambahan.", "Jateng"),
    ("Wali Kota Depok meresmikan taman baru.", "Depok"),
    ("Bima Arya menghadiri acara itu.", "Bima"),
    ("Ia fasih berbahasa Inggris dan bahasa Indonesia.", "Indonesia"),
    ("Nilai tukar dolar AS menguat terhadap rupiah.", "AS"),
    ("Polisi menangkap tersangka berinisial AS (35) di rumahnya.", "AS"),
    ("Bank DKI membuka kantor cabang baru.", "DKI"),
    ("Indeks Pasar Modal naik tipis.", "Pasar Modal"),
    ("Batu itu menghalangi jalan desa.", "Batu"),
    ("Dalam rapat itu, Wahyu Hidayat menyampaikan laporan.", "Dalam"),
    ("Kantor Berita Antara melaporkan kejadian itu.", "Kantor Berita Antara"),
    ("Persija Jakarta menang tipis atas lawannya.", "Jakarta"),
    ("Malang, rencananya gagal di menit terakhir.", "Malang"),
    ("Real Madrid menang di laga tandang.", "Madrid"),
    ("Warga Desa Sukamaju Zebra menggelar lomba.", "Desa Sukamaju"),
    ("Ditjen Cipta Karya menyelesaikan proyek itu.", "Cipta Karya"),
    # "dataran tinggi" (highland) is a landform, not the village of that name, without a level word
    ("Kabut tebal menyelimuti Dataran Tinggi Dieng sejak pagi.", "Dataran Tinggi"),
    # a foreign city as a club: after a verb of matches, or before a score
    ("Tim tamu akhirnya dikalahkan Liverpool di laga itu.", "Liverpool"),
    ("Pekan lalu mereka menang atas Liverpool 2-1 di kandang.", "Liverpool"),
    ("Juara bertahan itu bermain imbang kontra Milan akhir pekan lalu.", "Milan"),
    # no dateline city from an upper-case first word that is not followed by a dash
    ("PEMBALAP muda itu finis kedua.", "PEMBALAP"),
    ("Laga Persib-Persija kembali ditunda.", "Persib"),
    ("Menlu Abdullah Al-Nahyan tiba di bandara.", "Nahyan"),
    ("Kota-Kota besar di pulau itu macet.", "Kota"),
    ("Jemaah dari Embarkasi Jakarta-Bekasi (JKS) tiba di asrama.", "JKS"),
]


@pytest.mark.parametrize("text,surface", NEGATIVE)
def test_negative(text: str, surface: str) -> None:
    start = text.index(surface)
    end = start + len(surface)
    for m in find_places(text):
        assert not (m.start <= start and end <= m.end), f"{surface!r} tagged inside {m}"


def test_org_with_region_is_not_a_place_span() -> None:
    text = "KPU Jakarta Timur dan Polres Metro Depok menggelar rapat."
    assert find_places(text) == []


def test_venue_is_one_mention_with_region_inside() -> None:
    text = "Sosialisasi digelar di Aula PPKD Jakarta Timur, Senin."
    mentions = find_places(text)
    assert [m.text for m in mentions] == ["Aula PPKD Jakarta Timur"]
    venue = mentions[0]
    assert venue.source == "rule" and venue.code is None
    inner = region_in(venue)
    assert inner is not None and inner.text == "Jakarta Timur" and inner.level == "kota"
    assert text[inner.start:inner.end] == inner.text
    assert region_in(_find("Ia tinggal di Depok.", "Depok")) is None


def test_venue_stops_at_comma_and_lowercase() -> None:
    text = "Mereka bertemu di Gedung DPR, lalu makan di Hotel Indonesia bersama."
    assert [m.text for m in find_places(text)] == ["Gedung DPR", "Hotel Indonesia"]


def test_ambiguous_bare_name_resolved_by_other_places() -> None:
    text = "Bupati meninjau Kabupaten Bogor. Di Bogor, banjir merendam sawah."
    bare = [m for m in find_places(text) if m.text == "Bogor"]
    assert bare and bare[0].level == "kabupaten"
    assert _find("Banjir melanda Bogor kemarin.", "Bogor").level == "kota"  # default without evidence


def test_prefixed_ambiguous_desa_without_context_has_no_parent() -> None:
    m = _find("Warga Desa Sukamaju mengikuti lomba.", "Desa Sukamaju")
    assert m is not None and m.level == "desa" and m.normalized == "Desa Sukamaju" and m.code is None


def test_codes_when_kemendagri_dump_present() -> None:
    m = _find("Genangan di Kecamatan Duren Sawit surut.", "Kecamatan Duren Sawit")
    if load_gazetteer().code_stats:
        assert m.code == "31.75.07"
    prov = _find("Banjir di Jawa Tengah.", "Jawa Tengah")
    assert prov.code == "33"  # province codes come from places.json


LONG_TEXT = (
    "JAKARTA, Redaksi - Banjir merendam Pondok Kelapa, Duren Sawit, Jakarta Timur, sementara warga "
    "mengungsi ke Aula PPKD Jakarta Timur. Wali Kota Jakarta Timur meninjau lokasi bersama KPU Jakarta Timur. "
    "Di Jawa Tengah, hujan deras juga melanda Klaten dan Kabupaten Semarang. Delegasi dari Amerika Serikat, "
    "Tiongkok dan Arab Saudi tiba di Istana Negara. Jaktim dan Jabar menyiapkan posko di Jalan Raya Bogor.\n"
    "Sementara itu, di Kecamatan Cilodong, Depok, warga menggelar kerja bakti."
)


def test_offsets_sorted_non_overlapping() -> None:
    mentions = find_places(LONG_TEXT)
    assert len(mentions) >= 10
    last_end = -1
    for m in mentions:
        assert LONG_TEXT[m.start:m.end] == m.text
        assert m.start >= last_end and m.end > m.start
        assert m.level in {"provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa", "venue",
                           "country", "city"}
        assert m.source in {"gazetteer", "rule"} and 0.0 < m.score <= 1.0 and m.normalized
        last_end = m.end


def test_deterministic() -> None:
    assert find_places(LONG_TEXT) == find_places(LONG_TEXT)
    assert [m.region for m in find_places(LONG_TEXT)] == [m.region for m in find_places(LONG_TEXT)]


def test_empty_and_trivial_inputs() -> None:
    assert find_places("") == []
    assert find_places("   \n ") == []
    assert find_places("tidak ada tempat di sini") == []


def test_gazetteer_cached_and_complete() -> None:
    gaz = load_gazetteer()
    assert gaz is load_gazetteer()
    levels = {r.level for r in gaz.regions}
    assert {"provinsi", "kabupaten", "kota", "kecamatan", "country", "city"} <= levels
    assert sum(1 for r in gaz.regions if r.level in ("kabupaten", "kota")) == 514
    assert sum(1 for r in gaz.regions if r.level == "provinsi") == 38


@pytest.mark.parametrize("name,normalized", [
    ("Malang", "Kota Malang, Jawa Timur"), ("Jakarta Barat", "Kota Jakarta Barat, DKI Jakarta"),
    ("DKI Jakarta", "Provinsi DKI Jakarta"), ("Jabar", "Provinsi Jawa Barat"), ("Solo", "Kota Surakarta, Jawa Tengah"),
])
def test_isolated_name_lookup(name: str, normalized: str) -> None:
    """The OFFICE stage looks jurisdictions up one name at a time."""
    mentions = find_places(name)
    assert [(m.text, m.normalized) for m in mentions] == [(name, normalized)]


def test_every_region_name_with_level_word_resolves_to_itself() -> None:
    gaz = load_gazetteer()
    for region in gaz.regions:
        # names with a lower-case word ("Pangkajene dan Kepulauan") only match through their aliases
        if region.level in ("provinsi", "kabupaten", "kota") and region.name[0].isupper() \
                and all(t[0].isupper() for t in region.name.split()):
            name = region.canonical
            mentions = find_places(name)
            assert len(mentions) == 1 and mentions[0].text == name, name
            assert mentions[0].normalized == region.normalized, name


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_unicode_never_raises(text: str) -> None:
    last_end = -1
    for m in find_places(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end
        last_end = m.end


WORDS = st.sampled_from(["Jakarta", "Timur", "Depok", ",", "Kecamatan", "Kota", "Jalan", "Aula", "(PPKD)", "di",
                         "dan", "Duren", "Sawit", "AS", "Desa", ".", "\n", "Polres", "Metro", "kantor", "wali",
                         "kota", "Jakbar", "Senin", "Bogor", "Pondok", "Kelapa", "Gedung", "DPR", "JAKARTA"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_random_place_soup_offsets_valid(words: list[str]) -> None:
    text = " ".join(words)
    last_end = -1
    for m in find_places(text):
        assert text[m.start:m.end] == m.text and m.start >= last_end
        last_end = m.end


# --- the lexicon file ---------------------------------------------------------------------------

def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in [k, *_strings(v)]]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def test_places_json_valid() -> None:
    raw = json.loads(Path(RESOURCE).read_text(encoding="utf-8"))
    lex = load_lexicon()
    assert raw == lex
    for s in _strings({k: v for k, v in lex.items() if k != "_doc"}):
        assert s, "empty string in places.json"
        assert s == s.strip(), f"untrimmed string {s!r} in places.json"
    for key, value in lex.items():
        if isinstance(value, list) and value and isinstance(value[0], str):
            assert len(value) == len(set(value)), f"duplicates in places.json[{key!r}]"
    for key in ("level_prefixes",):
        flat = [w for ws in lex[key].values() for w in ws]
        assert len(flat) == len(set(flat))
    codes = [p["code"] for p in lex["provinces"]]
    assert len(codes) == len(set(codes)) == 38
    names = [p["name"] for p in lex["provinces"]]
    assert len(names) == len(set(names))
    for prov in lex["provinces"]:
        assert set(prov) == {"name", "code", "areaid", "aliases"}
        assert len(prov["aliases"]) == len(set(prov["aliases"]))
    # every foreign city points to a listed country; aliases do not collide across countries
    assert set(lex["foreign_cities"].values()) <= set(lex["countries"])
    aliases = [a for v in lex["countries"].values() for a in v] + list(lex["countries"])
    assert len(aliases) == len(set(aliases))
    # abbreviations point at existing regions (checked when the gazetteer is built)
    assert load_gazetteer() is not None
