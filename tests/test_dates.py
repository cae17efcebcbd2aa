"""Tests of the DATE stage (pipeline/dates.py) and its lexicon (pipeline/resources/dates.json).

All sentences are written for these tests. Publication date, unless a row says otherwise:
Wednesday 10 January 2024.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import dates
from pipeline.dates import (
    DateMention,
    find_dates,
    first_full_date,
    infer_year,
    parse_published,
    resolve_weekday,
)

WED = dt.date(2024, 1, 10)  # a Wednesday
TUE = dt.date(2024, 1, 9)  # a Tuesday


def pairs(text: str, published: dt.date | None = WED) -> list[tuple[str, str | None]]:
    return [(m.text, m.value.isoformat() if m.value else None) for m in find_dates(text, published)]


# ------------------------------------------------------------------------------------------
# lexicon
# ------------------------------------------------------------------------------------------


def test_lexicon_is_valid_json_without_duplicate_keys():
    def hook(items):
        keys = [k for k, _ in items]
        assert len(keys) == len(set(keys)), f"duplicate keys: {keys}"
        return dict(items)

    lex = json.loads(dates.LEXICON_PATH.read_text(encoding="utf-8"), object_pairs_hook=hook)
    assert sorted(set(lex["months"].values())) == list(range(1, 13))
    assert sorted(set(lex["weekdays"].values())) == list(range(7))
    for key, off in lex["relative_days"].items():
        assert off is None or type(off) is int, key
    for key, unit in lex["relative_units"].items():
        assert unit is None or type(unit) is int, key
    assert all(type(v) is int for v in lex["relative_directions"].values())
    assert all(type(v) is int for v in lex["number_words"].values())
    for key in ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                "september", "oktober", "november", "desember", "jan", "feb", "mar", "apr",
                "jun", "jul", "agu", "agt", "ags", "sep", "sept", "okt", "nov", "des"):
        assert key in lex["months"], key
    for key in ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"):
        assert key in lex["weekdays"], key
    for key, off in {"hari ini": 0, "kemarin": -1, "besok": 1, "lusa": 2, "pekan lalu": -7,
                     "minggu lalu": -7}.items():
        assert lex["relative_days"][key] == off


def test_load_lexicon_rejects_duplicate_keys(tmp_path):
    bad = tmp_path / "dates.json"
    bad.write_text('{"months": {"jan": 1, "jan": 1}}', encoding="utf-8")
    with pytest.raises(ValueError, match="E301"):
        dates.load_lexicon(bad)


def test_load_lexicon_rejects_missing_month(tmp_path):
    bad = tmp_path / "dates.json"
    bad.write_text('{"months": {"jan": 1}, "weekdays": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match="E302"):
        dates.load_lexicon(bad)


# ------------------------------------------------------------------------------------------
# find_dates: expected mentions per sentence
# ------------------------------------------------------------------------------------------

CASES: list[tuple[str, dt.date | None, list[tuple[str, str | None]]]] = [
    # numeric, day-first always
    ("Sidang digelar Kamis (14/9/2023) di pengadilan negeri.", WED,
     [("Kamis (14/9/2023)", "2023-09-14")]),
    ("Surat itu bertanggal 14/9/2023 dan ditandatangani bupati.", WED, [("14/9/2023", "2023-09-14")]),
    ("Jadwal ujian 03-02-2024 sudah diumumkan.", WED, [("03-02-2024", "2024-02-03")]),
    ("Laporan dirilis 2024-01-05 oleh lembaga itu.", WED, [("2024-01-05", "2024-01-05")]),
    ("Rapat digelar 5/1/2024 kemudian ditunda.", WED, [("5/1/2024", "2024-01-05")]),
    # (d/m): publication year, previous year when more than ~1 month ahead
    ("Polisi menangkap pelaku di Jakarta, Selasa (9/1).", WED, [("Selasa (9/1)", "2024-01-09")]),
    ("Warga mengungsi (9/1) karena banjir.", WED, [("(9/1)", "2024-01-09")]),
    ("Pesta kembang api digelar Sabtu (30/12) malam.", dt.date(2024, 1, 3),
     [("Sabtu (30/12)", "2023-12-30")]),
    ("Pendaftaran ditutup (5/2) mendatang.", WED, [("(5/2)", "2024-02-05")]),
    ("Ia tiba di Bandung, Senin (1/2).", WED, [("Senin (1/2)", "2024-02-01")]),
    ("Acara puncak jatuh pada 5 Januari.", dt.date(2024, 12, 20), [("5 Januari", "2025-01-05")]),
    ("Tersangka ditahan Jumat (15/9).", dt.date(2024, 1, 3), [("Jumat (15/9)", "2023-09-15")]),
    # the year nearest publication, ahead as well as behind
    ("Pameran otomotif itu berlangsung 24 Juli hingga 3 Agustus di Tangerang.", dt.date(2025, 6, 18),
     [("24 Juli", "2025-07-24"), ("3 Agustus", "2025-08-03")]),
    ("Ia genap berusia 23 tahun pada 31 Juli mendatang.", dt.date(2025, 6, 18), [("31 Juli", "2025-07-31")]),
    ("Karnaval digelar Sabtu (16/8) dan Minggu (17/8).", dt.date(2025, 6, 20),
     [("Sabtu (16/8)", "2025-08-16"), ("Minggu (17/8)", "2025-08-17")]),
    ("Konser akhir tahun digelar 28 Desember di stadion.", dt.date(2025, 1, 10), [("28 Desember", "2024-12-28")]),
    ("Gedung itu diresmikan 2 Maret lalu.", dt.date(2025, 6, 18), [("2 Maret", "2025-03-02")]),
    ("Banjir besar melanda kota itu 24 Juli 2024.", dt.date(2025, 6, 18), [("24 Juli 2024", "2024-07-24")]),
    # a weekday written with the date picks the year that has it
    ("Jubir KPK menyampaikan keterangan tertulis, Senin (2/12).", dt.date(2025, 10, 22),
     [("Senin (2/12)", "2024-12-02")]),
    ("Tuntutan diserahkan di depan gedung DPR, Kamis (4/9).", dt.date(2025, 5, 9), [("Kamis (4/9)", "2025-09-04")]),
    ("Presiden berbicara kepada wartawan pada Senin (17/6).", dt.date(2025, 6, 18), [("Senin (17/6)", "2025-06-17")]),
    # ... unless the text says which way: "lalu"/"sejak" the past one, "mendatang" the coming one
    ("Aktivis itu ditahan polisi pada 29 Agustus lalu.", dt.date(2025, 4, 9), [("29 Agustus", "2024-08-29")]),
    ("Sejak 7 Oktober, ribuan warga mengungsi ke selatan.", dt.date(2025, 6, 18), [("7 Oktober", "2024-10-07")]),
    ("Undang-undang itu berlaku 2 Januari mendatang.", dt.date(2025, 6, 18), [("2 Januari", "2026-01-02")]),
    ("Menurut jadwal, tanggal 5/1 adalah batas akhir.", WED, [("5/1", "2024-01-05")]),
    # invalid numeric dates: no mention, never a month/day swap
    ("Tanggal (31/2) tidak ada di kalender.", WED, []),
    ("Kode (9/13) bukan tanggal.", WED, []),
    ("Nilai 31/2/2024 itu salah ketik.", WED, []),
    ("Formulir 13/25/2024 ditolak.", WED, []),
    # weekday alone: latest on or before publication
    ('"Kami siap bekerja sama," kata Budi, Selasa.', WED, [("Selasa", "2024-01-09")]),
    ('"Kami siap," ujar Ani kepada wartawan, Rabu.', WED, [("Rabu", "2024-01-10")]),
    ('"Semua aman," kata Kapolsek, Kamis.', WED, [("Kamis", "2024-01-04")]),
    ("Menurut dia, Selasa pagi warga sudah berkumpul.", TUE, [("Selasa pagi", "2024-01-09")]),
    ("Pada Senin, ia melapor ke polisi.", WED, [("Senin", "2024-01-08")]),
    ("Rapat akan digelar Kamis di balai kota.", WED, [("Kamis", "2024-01-11")]),
    ("Rabu lalu dia datang ke kantor desa.", WED, [("Rabu lalu", "2024-01-03")]),
    ("Ia berangkat Jumat kemarin bersama keluarga.", WED, [("Jumat kemarin", "2024-01-05")]),
    ("Sidang berikutnya Senin depan di ruang utama.", WED, [("Senin depan", "2024-01-15")]),
    ("Tim akan kembali Senin mendatang.", WED, [("Senin mendatang", "2024-01-15")]),
    # a deadline or plan before a bare weekday: the coming one
    ("Laporan harus diserahkan paling lambat hari Jumat.", WED, [("Jumat", "2024-01-12")]),
    ("Berkas diterima selambat-lambatnya Senin pukul 16.00 WIB.", WED, [("Senin", "2024-01-15")]),
    ("Batas akhir pendaftaran calon peserta Selasa.", WED, [("Selasa", "2024-01-16")]),
    ("Pengurus berencana menggelar musyawarah Sabtu.", WED, [("Sabtu", "2024-01-13")]),
    ("Pertandingan final terjadwal Minggu malam.", WED, [("Minggu malam", "2024-01-14")]),
    ("Laga itu akan digelar pada Sabtu di Bandung.", WED, [("Sabtu", "2024-01-13")]),
    ("Rapat rencananya Senin di balai desa.", WED, [("Senin", "2024-01-15")]),
    ("Tim bertolak ke Makassar pada Jumat depan.", WED, [("Jumat depan", "2024-01-12")]),
    # without a cue: still the most recent one
    ("Laporan itu diserahkan hari Jumat.", WED, [("Jumat", "2024-01-05")]),
    ("Hasilnya diumumkan Selasa pekan lalu.", WED, [("Selasa pekan lalu", "2024-01-02")]),
    ("Pelantikan dijadwalkan Jumat pekan depan.", WED, [("Jumat pekan depan", "2024-01-19")]),
    ("Kebakaran terjadi pada Jum'at malam.", WED, [("Jum'at malam", "2024-01-05")]),
    ("Ia ditemukan tewas, Minggu (7/1).", WED, [("Minggu (7/1)", "2024-01-07")]),
    ("Kamis, 14 September 2023 pukul 10.00 WIB, gempa terjadi.", WED,
     [("Kamis, 14 September 2023", "2023-09-14")]),
    ('"Kami akan datang lagi," kata Budi, Selasa.', WED, [("Selasa", "2024-01-09")]),
    ("Polisi datang (Senin, 8/1) ke rumah korban.", WED, [("Senin, 8/1", "2024-01-08")]),
    ("Ia datang Senin 31/2 katanya.", WED, [("Senin", "2024-01-08")]),
    ("Pasar murah digelar Sabtu (6/1) hingga Minggu (7/1).", WED,
     [("Sabtu (6/1)", "2024-01-06"), ("Minggu (7/1)", "2024-01-07")]),
    # weekday names that are not dates
    ("Presiden meresmikan Bendungan Sabtu Raya kemarin.", WED, [("kemarin", "2024-01-09")]),
    ("Layanan darurat tersedia (24/7) bagi warga.", WED, []),
    ("Pengajian Jumat Berkah diikuti ratusan warga.", WED, []),
    ("Ia berbelanja di Pasar Minggu bersama ibunya.", WED, []),
    ("Posyandu buka setiap Selasa di balai warga.", WED, []),
    ("selasa ini bukan nama hari yang ditulis benar.", WED, []),
    # sentence-initial "Minggu lalu" = last week
    ("Minggu lalu harga cabai naik tajam.", WED, [("Minggu lalu", "2024-01-03")]),
    ("Ia pulang pada Minggu lalu.", WED, [("Minggu lalu", "2024-01-07")]),
    # month names
    ("Tahun kabisat membuat 29 Februari 2024 istimewa.", WED, [("29 Februari 2024", "2024-02-29")]),
    ("Proklamasi dibacakan 14 Agustus 1945 menurut naskah fiksi ini.", WED,
     [("14 Agustus 1945", "1945-08-14")]),
    ("Perayaan 1 Januari berlangsung meriah.", WED, [("1 Januari", "2024-01-01")]),
    ("Inflasi turun pada Januari 2024.", WED, [("Januari 2024", None)]),
    ("Laporan 3 Jan 2024 dan 7 Des lalu dibahas.", WED, [("3 Jan 2024", "2024-01-03"), ("7 Des", "2023-12-07")]),
    ("Panen raya 5 Agt 2023 serta 9 Sept 2023 tercatat.", WED,
     [("5 Agt 2023", "2023-08-05"), ("9 Sept 2023", "2023-09-09")]),
    ("Tanggal 31 Februari 2024 tidak pernah ada.", WED, [("31 Februari 2024", None)]),
    ("Peringatan 17 agustus digelar sederhana.", WED, [("17 agustus", "2023-08-17")]),
    # ranges
    ("Festival digelar 13-17 Oktober 2025 di alun-alun.", WED,
     [("13", "2025-10-13"), ("17 Oktober 2025", "2025-10-17")]),
    ("Pameran berlangsung 13 sampai 17 Oktober di gedung serbaguna.", WED,
     [("13", "2023-10-13"), ("17 Oktober", "2023-10-17")]),
    ("Libur sekolah 30 Januari - 2 Februari 2024 diumumkan.", WED,
     [("30 Januari", "2024-01-30"), ("2 Februari 2024", "2024-02-02")]),
    ("Liburan 28 Desember hingga 3 Januari 2024 padat.", WED,
     [("28 Desember", "2023-12-28"), ("3 Januari 2024", "2024-01-03")]),
    # relative expressions
    ("Kemarin, ratusan mahasiswa berunjuk rasa.", WED, [("Kemarin", "2024-01-09")]),
    ("Harga beras hari ini naik lagi.", WED, [("hari ini", "2024-01-10")]),
    ("Rapat dilanjutkan besok dan lusa.", WED, [("besok", "2024-01-11"), ("lusa", "2024-01-12")]),
    ("Kejadian itu terjadi pekan lalu.", WED, [("pekan lalu", "2024-01-03")]),
    ("Banjir melanda minggu lalu.", WED, [("minggu lalu", "2024-01-03")]),
    ("Korban ditemukan tiga hari lalu di sungai.", WED, [("tiga hari lalu", "2024-01-07")]),
    ("Pelaku ditangkap 2 hari lalu.", WED, [("2 hari lalu", "2024-01-08")]),
    ("Jembatan itu rusak sepekan lalu.", WED, [("sepekan lalu", "2024-01-03")]),
    ("Hasil lelang diumumkan dua hari lagi.", WED, [("dua hari lagi", "2024-01-12")]),
    ("Produksi padi naik tahun lalu.", WED, [("tahun lalu", None)]),
    ("Harga emas turun sejak bulan lalu.", WED, [("bulan lalu", None)]),
    ("Gedung itu dibangun lima tahun silam.", WED, [("lima tahun silam", None)]),
    ("Ia berjualan sejak kemarin sore.", WED, [("kemarin", "2024-01-09")]),
    ("Keesokannya mereka pulang, besoknya lagi berangkat.", WED, []),
    # negatives: times, bare years, codes, numbers, scores, fractions, money, percentages, phones
    ("Layanan buka pukul 08.00-16.00 WIB setiap hari kerja.", WED, []),
    ("Kereta berangkat 08.00 WIB dari stasiun.", WED, []),
    ("Pemilu 2024 diikuti 18 partai.", WED, []),
    ("Pada tahun 2024 jumlah penduduk bertambah.", WED, []),
    ("Anggota Kodim 0503 membantu warga.", WED, []),
    ("Pasal 1 ayat (1) mengatur hal itu.", WED, []),
    ("Hal itu diatur UU Nomor 12 Tahun 1951 tentang senjata api.", WED, []),
    ("Acara diikuti 100 peserta dari 12 kabupaten.", WED, []),
    ("Tuan rumah menang 2-1 atas tamunya.", WED, []),
    ("Skor babak pertama (2-1) untuk tim tamu.", WED, []),
    ("Ia meminum 1/2 gelas air putih.", WED, []),
    ("Harga tiket Rp 1.500 per orang, naik 12,5 persen atau 3/4 dari semula.", WED, []),
    ("Inflasi tercatat 2,61% secara tahunan.", WED, []),
    ("Hubungi 0812-3456-7890 atau (021) 555-1234 untuk informasi.", WED, []),
    ("Putusan Nomor 12/3/2024 dibacakan hakim.", WED, []),
    ("Harga naik 1.25.2024 kali lipat.", WED, []),
    # a mistyped three-digit year: the day and month stay, the year comes from the publication date
    ("Menurut laman kesehatan itu, Senin (8/1/204), tidur cukup penting.", WED, [("Senin (8/1/204)", "2024-01-08")]),
    ("Kepala desa ditemui di balai desa, Selasa (9/1/224).", WED, [("Selasa (9/1/224)", "2024-01-09")]),
    ("Kode barang (12/6/123) tertera di kemasan.", WED, []),
    # a range of days inside the parentheses: both ends are dates
    ("Festival digelar (5-7/1/2024) di alun-alun kota.", WED, [("(5", "2024-01-05"), ("7/1/2024)", "2024-01-07")]),
    ("Pelatihan berlangsung (2-4/1) di gedung serbaguna.", WED, [("(2", "2024-01-02"), ("4/1)", "2024-01-04")]),
    ("Skor akhir (3-2/1) tidak lazim ditulis begitu.", WED, []),
    # "24/7" is round the clock, but after a weekday it is a day of July
    ("Layanan pengaduan dibuka (24/7) bagi warga.", WED, []),
    ("Rapat koordinasi digelar Rabu (24/7) di aula kantor.", WED, [("Rabu (24/7)", "2024-07-24")]),
]


@pytest.mark.parametrize("text,published,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_find_dates_cases(text: str, published: dt.date | None, expected: list[tuple[str, str | None]]):
    assert pairs(text, published) == expected


@pytest.mark.parametrize("text,published,_", CASES, ids=[c[0][:40] for c in CASES])
def test_offsets_sorted_and_non_overlapping(text: str, published: dt.date | None, _):
    ms = find_dates(text, published)
    for m in ms:
        assert text[m.start:m.end] == m.text
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start


# ------------------------------------------------------------------------------------------
# kinds, explicit flag, time_text
# ------------------------------------------------------------------------------------------


def one(text: str, published: dt.date | None = WED) -> DateMention:
    ms = find_dates(text, published)
    assert len(ms) == 1, ms
    return ms[0]


@pytest.mark.parametrize(
    "text,kind,explicit",
    [
        ("di Jakarta, Kamis (14/9/2023).", "absolute", True),
        ("Acara 29 Februari 2024 selesai.", "absolute", True),
        ("di Jakarta, Selasa (9/1).", "partial", False),
        ("Acara 1 Januari selesai.", "partial", False),
        ("kata dia, Selasa.", "weekday", False),
        ("Ia datang kemarin.", "relative", False),
        ("Pada Januari 2024 harga naik.", "month", False),
    ],
)
def test_kind_and_explicit(text: str, kind: str, explicit: bool):
    m = one(text)
    assert (m.kind, m.explicit) == (kind, explicit)


def normalized(text: str, published: dt.date | None = WED) -> list[tuple[str, str | None]]:
    """Each mention's day, else the month or year it names (``period``)."""
    return [(m.text, m.normalized or m.period) for m in find_dates(text, published)]


@pytest.mark.parametrize("text,period", [("Pabrik itu mulai beroperasi pada Maret 2023.", "2023-03"),
                                         ("Produksi padi naik tahun lalu.", "2023")])
def test_a_month_or_year_alone_is_no_normalized_date(text: str, period: str):
    # the mentions table's normalized holds ISO days (analysts cast it to a date); the period stays on the mention
    (m,) = find_dates(text, WED)
    assert (m.normalized, m.period) == (None, period)


@pytest.mark.parametrize(
    "text,expected",
    [
        # a month and year, or a month or year counted from publication: a reduced ISO date (period)
        ("Pabrik itu mulai beroperasi pada Maret 2023.", [("Maret 2023", "2023-03")]),
        ("Produksi padi naik tahun lalu.", [("tahun lalu", "2023")]),
        ("Harga emas turun sejak bulan lalu.", [("bulan lalu", "2023-12")]),
        ("Tol itu rampung tahun depan.", [("tahun depan", "2025")]),
        ("Gedung itu dibangun lima tahun silam.", [("lima tahun silam", "2019")]),
        ("Kontrak diteken tiga bulan lalu.", [("tiga bulan lalu", "2023-10")]),
        ("Kemarin, ratusan mahasiswa berunjuk rasa.", [("Kemarin", "2024-01-09")]),
        # "kemarin" after a period or an occasion: the recent one, not yesterday
        ("Suara partai itu naik pada pemilu kemarin.", [("kemarin", None)]),
        ("Panen tahun kemarin gagal total.", [("kemarin", None)]),
        ("Hujan deras turun sejak Desember 2023 kemarin.", [("Desember 2023", "2023-12"), ("kemarin", None)]),
        # "hari ini" named by the full date written right after it
        ("Pada hari ini, 2 Januari 2024, kami menyerahkan berkas itu.",
         [("hari ini", "2024-01-02"), ("2 Januari 2024", "2024-01-02")]),
        # inside quotation marks: counted from the day the words were said
        ("\"Mulai hari ini gerbang tol kami tutup,\" kata Kepala Dinas Rudi, Jumat (5/1/2024).",
         [("hari ini", "2024-01-05"), ("Jumat (5/1/2024)", "2024-01-05")]),
        ("Dalam rapat Senin (8/1/2024), Rudi berkata: \"Kemarin kami sudah meninjau pintu air.\" Kemarin hujan.",
         [("Senin (8/1/2024)", "2024-01-08"), ("Kemarin", "2024-01-07"), ("Kemarin", "2024-01-09")]),
        ("\"Besok kami mulai bekerja,\" kata Rudi. Besok hujan.", [("Besok", "2024-01-11"), ("Besok", "2024-01-11")]),
        # an attribution date that cannot date the statement: a birth date, a weekday that does not match
        ("\"Pekan depan saya tampil di Bandung,\" kata penyanyi kelahiran 3 Mei 1990 itu, kemarin.",
         [("Pekan depan", "2024-01-16"), ("3 Mei 1990", "1990-05-03"), ("kemarin", "2024-01-09")]),
        ("\"Hari ini kami mulai membagikan beras,\" ujar Rudi, Senin (2/1/2024).",
         [("Hari ini", "2024-01-10"), ("Senin (2/1/2024)", "2024-01-02")]),
        ("Rapat itu digelar 15 Desember kemarin di balai desa.", [("15 Desember", "2023-12-15"), ("kemarin", None)]),
        # the writer's gloss in brackets counts from publication
        ("\"Besok (hari ini) saksi dipanggil penyidik,\" ujar Rudi, Senin (8/1/2024).",
         [("Besok", "2024-01-09"), ("hari ini", "2024-01-10"), ("Senin (8/1/2024)", "2024-01-08")]),
        # a post or transcript quoted after a paragraph introducing it: posted on a day not given
        ("Video itu diberi keterangan sebagai berikut:\n\"Kemarin bapak sudah bicara, Rabu malam beliau pulang.\"\nKemarin hujan.",
         [("Kemarin", None), ("Rabu malam", None), ("Kemarin", "2024-01-09")]),
        ("Rudi menjelaskan sebagai berikut:\n\"Kemarin kami sudah rapat dengan warga.\"", [("Kemarin", "2024-01-09")]),
        # a quotation within the quotation (a chat read out): its moment is unknown
        ("\"Lalu ia membalas, 'hari ini uangnya saya kirim', begitu isinya,\" kata saksi, Selasa (9/1/2024).",
         [("hari ini", None), ("Selasa (9/1/2024)", "2024-01-09")]),
    ],
)
def test_normalized_periods_and_statement_dates(text: str, expected):
    assert normalized(text) == expected


@pytest.mark.parametrize(
    "text,mention,time_text",
    [
        ("Bazar digelar Kamis (14/9/2023) pukul 08.00-16.00 WIB di lapangan.", "Kamis (14/9/2023)",
         "pukul 08.00-16.00 WIB"),
        ("Ledakan terdengar Selasa (9/1) malam di gudang.", "Selasa (9/1)", "malam"),
        ("Ledakan terdengar Selasa malam (9/1) di gudang.", "Selasa malam (9/1)", "malam"),
        ("Rapat digelar 5 Januari 2024, pukul 10.00 WIB.", "5 Januari 2024", "pukul 10.00 WIB"),
        ("Gempa terjadi kemarin sore di Lombok.", "kemarin", "sore"),
        ("Ia tiba Rabu dini hari di bandara.", "Rabu dini hari", "dini hari"),
        ("Kereta tiba (9/1) 14.30 WIB di stasiun.", "(9/1)", "14.30 WIB"),
        ("Rabu, 10 Jan 2024 10:15 WIB", "Rabu, 10 Jan 2024", "10:15 WIB"),
        ("Konser Sabtu (9/1/2024) pukul 19.00 hingga 21.00 WIB.", "Sabtu (9/1/2024)",
         "pukul 19.00 hingga 21.00 WIB"),
        ("Bazar digelar Kamis (14/9/2023) di lapangan.", "Kamis (14/9/2023)", None),
    ],
)
def test_time_text(text: str, mention: str, time_text: str | None):
    m = one(text)
    assert m.text == mention
    assert m.time_text == time_text
    assert time_text is None or time_text in text


def test_times_are_never_mentions():
    text = "Pukul 08.00 WIB hingga 16.00 WIB pelayanan dibuka, jam 9 pagi ramai."
    assert find_dates(text, WED) == []


# ------------------------------------------------------------------------------------------
# publication date handling
# ------------------------------------------------------------------------------------------


def test_without_publication_date_values_need_writing():
    text = "Pada Selasa (9/1) dan kemarin, juga Kamis (14/9/2023) serta Rabu."
    got = pairs(text, None)
    assert got == [("Selasa (9/1)", None), ("kemarin", None), ("Kamis (14/9/2023)", "2023-09-14"),
                   ("Rabu", None)]


@pytest.mark.parametrize(
    "text,mention,expected",
    [
        # no publication date: the latest full date of the text gives the year, if the weekday agrees
        ("Rapat digelar Senin (15/9/2025). Pada Selasa (16/9), wartawan bertanya. Kemarin hujan.", "Selasa (16/9)", "2025-09-16"),
        ("Rapat digelar Senin (15/9/2025). Pada Rabu (16/9), wartawan bertanya.", "Rabu (16/9)", None),
        ("Rapat digelar Senin (15/9/2025). Kemarin hujan.", "Kemarin", None),
    ],
)
def test_without_publication_date_the_texts_own_full_date_gives_the_year(text, mention, expected):
    got = dict(pairs(text, None))
    assert got[mention] == expected


def test_weekday_on_publication_weekday_is_same_day():
    assert pairs("kata dia, Selasa.", TUE) == [("Selasa", "2024-01-09")]
    assert resolve_weekday("Selasa", TUE) == TUE
    assert resolve_weekday("Selasa", TUE, lalu=True) == dt.date(2024, 1, 2)
    assert resolve_weekday("selasa", TUE, mode="after") == dt.date(2024, 1, 16)
    assert resolve_weekday("Selasa", TUE, mode="on_or_after") == TUE


def test_resolve_weekday_all_days():
    for wd, name in enumerate(["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]):
        d = resolve_weekday(name, WED)
        assert d.weekday() == wd and dt.timedelta(0) <= WED - d < dt.timedelta(7)
        d = resolve_weekday(name, WED, lalu=True)
        assert d.weekday() == wd and dt.timedelta(0) < WED - d <= dt.timedelta(7)
    with pytest.raises(ValueError, match="E303"):
        resolve_weekday("Senin", WED, mode="kapan-kapan")


@pytest.mark.parametrize(
    "day,month,published,expected",
    [
        (30, 12, dt.date(2024, 1, 3), dt.date(2023, 12, 30)),
        (9, 1, WED, dt.date(2024, 1, 9)),
        (9, 2, WED, dt.date(2024, 2, 9)),  # within a month ahead: same year
        (15, 2, WED, dt.date(2024, 2, 15)),  # 36 days ahead is nearer than 330 days back
        (15, 9, WED, dt.date(2023, 9, 15)),  # 117 days back is nearer than 249 days ahead
        (24, 7, dt.date(2025, 6, 18), dt.date(2025, 7, 24)),
        (28, 12, dt.date(2025, 1, 10), dt.date(2024, 12, 28)),
        (11, 7, dt.date(2025, 1, 9), dt.date(2024, 7, 11)),  # 182 days back against 183 ahead: the past one
        (5, 1, dt.date(2024, 12, 20), dt.date(2025, 1, 5)),
        (29, 2, dt.date(2024, 3, 1), dt.date(2024, 2, 29)),
        (29, 2, dt.date(2023, 3, 1), None),  # no 29 February in 2023/2022 (2024 is too far ahead)
        (1, 1, None, None),
    ],
)
def test_infer_year(day, month, published, expected):
    assert infer_year(day, month, published) == expected


def test_year_rollover_in_text():
    assert pairs("Pesta digelar (30/12) di alun-alun.", dt.date(2024, 1, 3)) == [("(30/12)", "2023-12-30")]


# ------------------------------------------------------------------------------------------
# first_full_date
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("JAKARTA - Polisi menangkap pelaku, Kamis (14/9/2023), di rumahnya.", ("2023-09-14", "Kamis (14/9/2023)")),
        ("Jakarta, 14/9/2023 - Harga beras naik.", ("2023-09-14", "14/9/2023")),
        ("BANDUNG, 5 Januari 2024 - Hujan deras. Pada 1 Februari 2024 reda.", ("2024-01-05", "5 Januari 2024")),
        ("Selasa (9/1) polisi datang; keputusan 3 Maret 2023 berlaku.", ("2023-03-03", "3 Maret 2023")),
        ("Tanpa tanggal sama sekali, kemarin saja.", None),
    ],
)
def test_first_full_date(text: str, expected):
    got = first_full_date(text)
    if expected is None:
        assert got is None
    else:
        value, start, end = got
        assert (value.isoformat(), text[start:end]) == expected


def test_first_full_date_respects_max_chars():
    text = "x" * 2000 + " Kamis (14/9/2023)"
    assert first_full_date(text) is None
    assert first_full_date(text, max_chars=3000)[0] == dt.date(2023, 9, 14)


# ------------------------------------------------------------------------------------------
# parse_published
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-06-20", "2025-06-20"),
        ("2025-06-20T10:00:00+07:00", "2025-06-20"),
        ("2025-06-20T23:30:00Z", "2025-06-20"),
        ("2025-06-20 10:00:00", "2025-06-20"),
        ("20/06/2025 10:00", "2025-06-20"),
        ("20-06-2025", "2025-06-20"),
        ("05/06/2025", "2025-06-05"),  # ambiguous: day-first
        ("6/20/2025 14:03", "2025-06-20"),  # unambiguous US month-first
        ("Jumat, 20 Jun 2025 10:15 WIB", "2025-06-20"),
        ("20 Juni 2025", "2025-06-20"),
        ("Fri, 20 Jun 2025 10:15:00 +0700", "2025-06-20"),
        ("June 20, 2025", "2025-06-20"),
        ("20250620", "2025-06-20"),
        ("  2025-06-20  ", "2025-06-20"),
        ("31/02/2025", None),
        ("13/13/2025", None),
        ("kemarin", None),
        ("", None),
        ("bukan tanggal", None),
    ],
)
def test_parse_published(value: str, expected: str | None):
    got = parse_published(value)
    assert (got.isoformat() if got else None) == expected


def test_parse_published_forced_order():
    assert parse_published("05/06/2025", month_first=True) == dt.date(2025, 5, 6)
    assert parse_published("05/06/2025", month_first=False) == dt.date(2025, 6, 5)
    assert parse_published(None) is None  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# determinism and robustness
# ------------------------------------------------------------------------------------------


def test_deterministic():
    text = " ".join(c[0] for c in CASES)
    assert find_dates(text, WED) == find_dates(text, WED)
    assert all(isinstance(m, DateMention) for m in find_dates(text, WED))


def test_mentions_are_frozen():
    m = one("kata dia, Selasa.")
    with pytest.raises(Exception):
        m.start = 3  # type: ignore[misc]


_ALPHABET = st.sampled_from(
    list("0123456789/-.,()  \n:") + ["Selasa", "Minggu", "lalu", "depan", "Januari", "Jan", "Mei",
                                    "kemarin", "hari ini", "pukul", "WIB", "pagi", "2024", "tiga",
                                    "hari", "sampai", "se", "pekan", "tanggal", "Jum'at", "é", "ß",
                                    "İ", "٣", "\u200b", "\U0001f600"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_ALPHABET, max_size=40).map("".join)),
       st.one_of(st.none(), st.dates()))
def test_random_text_never_raises_and_offsets_valid(text: str, published: dt.date | None):
    ms = find_dates(text, published)
    prev_end = 0
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end
        assert m.kind in {"absolute", "partial", "weekday", "relative", "month"}
        assert m.value is None or isinstance(m.value, dt.date)
    first_full_date(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_published_never_raises(value: str):
    got = parse_published(value)
    assert got is None or isinstance(got, dt.date)
