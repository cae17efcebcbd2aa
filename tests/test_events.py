"""Events extractor: kind, date, place, status and name of the events of short Indonesian texts.

Every text here is written for these tests. Expected values hold with or without the NER model
(`models/ner`): places and dates come from the rules and gazetteer either way.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.events import Event, cluster_key, dateline_end, event_id, extract_events

PUB = dt.date(2024, 1, 9)  # a Tuesday


def _events(analyse, text: str, published: dt.date = PUB) -> list[Event]:
    doc = analyse(text, published=published)
    return list(extract_events(doc, "a1", published, []))


def _main(events: list[Event]) -> Event:
    mains = [e for e in events if e.main]
    assert len(mains) == 1, events
    return mains[0]


# (text, published, kind, date ISO or None, place substring or None, status, name or None)
MAIN_CASES = [
    pytest.param(
        "Pelukis senior Darmono Adiwijoyo meninggal dunia pada Senin (8/1/2024). Menurut keluarganya, ia "
        "mengembuskan napas terakhir di Yogyakarta setelah dirawat sepekan.",
        PUB, "meninggal dunia", "2024-01-08", "Yogyakarta", "happened", None, id="death-place-in-later-sentence"),
    pytest.param(
        "Wali Kota Jakarta Timur membuka sosialisasi pemilu untuk pemilih pemula di Aula Kantor Wali Kota "
        "Jakarta Timur, Cakung, Senin.",
        PUB, "sosialisasi", "2024-01-08", "Cakung", "happened", None, id="weekday-only"),
    pytest.param(
        "Polres Metro Bekasi menggelar razia knalpot bising di Jalan Ahmad Yani, Bekasi, Kamis (14/9/2023) malam.",
        dt.date(2023, 9, 15), "razia", "2023-09-14", "Jalan Ahmad Yani", "happened", None, id="weekday-full-date"),
    pytest.param(
        "Ratusan buruh berunjuk rasa di depan Gedung DPRD Jawa Barat, Bandung, Selasa (9/1).",
        PUB, "unjuk rasa", "2024-01-09", "Gedung DPRD Jawa Barat", "happened", None, id="day-month-only"),
    pytest.param(
        "Pemerintah Kota Surabaya menggelar rapat koordinasi penanganan banjir bersama para camat.\n\n"
        "\"Semua pompa air harus siap sebelum puncak musim hujan,\" kata Wali Kota Surabaya Eri Cahyadi "
        "di Balai Kota Surabaya, Rabu (10/1/2024).",
        dt.date(2024, 1, 10), "rapat koordinasi", "2024-01-10", "Balai Kota Surabaya", "happened", None,
        id="statement-date-belongs-to-event"),
    pytest.param(
        "Kepolisian menangkap dua kurir sabu di Kecamatan Medan Tembung, Medan, Sabtu (6/1/2024). "
        "Penangkapan ini merupakan pengembangan kasus serupa yang diungkap pekan lalu.",
        PUB, "penangkapan", "2024-01-06", "Medan", "happened", None, id="not-the-earlier-event-date"),
    pytest.param(
        "KPU DKI Jakarta akan menggelar debat publik calon anggota DPD di Hotel Borobudur, Jakarta Pusat, "
        "Jumat (12/1/2024).",
        PUB, "debat", "2024-01-12", "Hotel Borobudur", "planned", None, id="planned-akan"),
    pytest.param(
        "Pelantikan anggota Badan Permusyawaratan Desa dijadwalkan pada 20 Januari 2024 di Pendopo Kabupaten Bogor.",
        PUB, "pelantikan", "2024-01-20", "Pendopo Kabupaten Bogor", "planned", None, id="planned-dijadwalkan"),
    pytest.param(
        "Operasi pasar beras digelar mulai hari ini sampai 29 Februari 2024 di Pasar Induk Cipinang, Jakarta Timur.",
        PUB, "operasi pasar", "2024-01-09", "Pasar Induk Cipinang", "ongoing", None, id="ongoing-until"),
    pytest.param(
        "Tim SAR gabungan sedang melakukan pencarian korban tenggelam di Pantai Parangtritis, Bantul.",
        PUB, "pencarian korban", None, "Pantai Parangtritis", "ongoing", None, id="ongoing-sedang"),
    pytest.param(
        "Dinas Pendidikan Kota Bandung menggelar seminar bertajuk \"Sekolah Aman dari Perundungan\" di Gedung "
        "Sate, Bandung, Senin (8/1/2024).",
        PUB, "seminar", "2024-01-08", "Gedung Sate", "happened", "Sekolah Aman dari Perundungan", id="name-bertajuk"),
    pytest.param(
        "Camat Duren Sawit membuka \"Festival Kampung Hijau\" di Taman Pondok Kelapa, Duren Sawit, Sabtu (6/1/2024).",
        PUB, "festival", "2024-01-06", "Taman Pondok Kelapa", "happened", "Festival Kampung Hijau",
        id="name-quoted-title"),
    pytest.param(
        "\"Pertumbuhan ekonomi kita tetap terjaga,\" kata Menteri Keuangan dalam acara Indonesia Economic Outlook "
        "2024 di Hotel Mulia, Jakarta, Selasa (9/1/2024).",
        PUB, "acara", "2024-01-09", "Hotel Mulia", "happened", "Indonesia Economic Outlook 2024",
        id="occasion-of-statement"),
    pytest.param(
        "\"Kami akan terus mengawal harga beras,\" ujar Menteri Perdagangan dalam rapat kerja dengan Komisi VI DPR "
        "di Gedung Nusantara I, Kompleks Parlemen, Senayan, Jakarta, Senin (8/1/2024).",
        PUB, "rapat kerja", "2024-01-08", "Gedung Nusantara I", "happened", None, id="rapat-kerja-in-frame"),
    pytest.param(
        "Pemerintah Provinsi DKI Jakarta menggelar Jakarta Fair Kemayoran 2024 di JIExpo Kemayoran, Jakarta Pusat, "
        "mulai hari ini sampai 14 Juli 2024.",
        PUB, "pameran", "2024-01-09", "JIExpo Kemayoran", "ongoing", "Jakarta Fair Kemayoran 2024",
        id="hosted-occasion-title"),
    pytest.param(
        "Presiden memimpin sidang kabinet paripurna di Istana Negara, Jakarta Pusat, Senin (8/1/2024).",
        PUB, "sidang kabinet paripurna", "2024-01-08", "Istana Negara, Jakarta Pusat", "happened", None,
        id="sidang-kabinet-paripurna"),
    pytest.param(
        "Jakarta (ANTARA) - Ribuan warga mengikuti jalan sehat di kawasan Monas, Jakarta Pusat, Minggu (7/1/2024).",
        PUB, "jalan sehat", "2024-01-07", "Monas", "happened", None, id="dateline-is-not-the-place"),
    pytest.param(
        "Penyidik KPK menggeledah rumah dinas Bupati di Jalan Diponegoro, Semarang, Senin (8/1/2024).",
        PUB, "penggeledahan", "2024-01-08", "Jalan Diponegoro", "happened", None, id="penggeledahan"),
    pytest.param(
        "Petugas Kanwil DJP menyita 12 mobil milik penunggak pajak di Kota Solo, Jumat (5/1/2024).",
        PUB, "penyitaan", "2024-01-05", "Solo", "happened", None, id="penyitaan"),
    pytest.param(
        "Kebakaran melanda sebuah gudang di Kelurahan Penjaringan, Jakarta Utara, Senin (8/1/2024) dini hari.",
        PUB, "kebakaran", "2024-01-08", "Penjaringan", "happened", None, id="kebakaran"),
    pytest.param(
        "Majelis hakim Pengadilan Negeri Bandung memvonis terdakwa korupsi dana desa lima tahun penjara, "
        "Senin (8/1/2024).",
        PUB, "sidang putusan", "2024-01-08", None, "happened", None, id="vonis"),
    pytest.param(
        "Tim jaksa telah melimpahkan berkas perkara dua terdakwa suap anggota DPRD di wilayah Kabupaten Lahat "
        "ke Pengadilan Tipikor Bengkulu, Senin (8/1/2024).",
        PUB, "pelimpahan berkas", "2024-01-08", "Pengadilan Tipikor", "happened", None, id="destination-after-ke"),
    pytest.param(
        "Sidang pembacaan vonis tiga terdakwa kasus pembakaran pos polisi ditunda. Penundaan itu diumumkan "
        "majelis di ruang sidang Pengadilan Negeri Cirebon yang penuh pengunjung.\n"
        "Keluarga terdakwa kecewa dengan penundaan itu.\n"
        "Jaksa juga sudah siap membacakan tanggapan atas pembelaan para terdakwa.\n"
        "\"Kami menghormati keputusan majelis,\" kata jaksa Dedi Kurniadi di Cirebon, Jumat (5/1/2024).",
        dt.date(2024, 1, 12), "sidang putusan", "2024-01-05", "Pengadilan Negeri Cirebon", "happened", None,
        id="statement-date-further-on-and-lower-venue"),
    pytest.param(
        "Sebuah bus yang tengah membawa rombongan pelajar terguling di Jalan Raya Puncak, Bogor, Minggu (7/1/2024).",
        PUB, "kecelakaan", "2024-01-07", "Jalan Raya Puncak", "happened", None, id="cue-of-a-relative-clause"),
    pytest.param(
        "Dua warga yang akan bergabung dalam aksi damai di depan Balai Kota Malang ditahan polisi.",
        PUB, "unjuk rasa", None, "Balai Kota Malang", "planned", None, id="cue-of-the-clause-holding-the-trigger"),
    pytest.param(
        "Pemerintah Kota Depok akan mengoperasikan insinerator sampah di TPA Cipayung.\n\n"
        "\"Alatnya sudah terpasang dan tinggal diuji,\" kata Wali Kota Depok di Balai Kota Depok, Senin (8/1/2024).",
        PUB, "pengoperasian", None, "TPA Cipayung", "planned", None, id="plan-not-dated-by-its-announcement"),
    pytest.param(
        "Polres Kediri menangkap seorang guru ngaji yang diduga mencabuli enam muridnya di Kecamatan Pare, "
        "Kabupaten Kediri, Sabtu (6/1/2024).",
        PUB, "penangkapan", "2024-01-06", "Kecamatan Pare", "happened", None, id="pencabulan-in-the-lexicon"),
]


@pytest.mark.parametrize("text,published,kind,date,place,status,name", MAIN_CASES)
def test_main_event(analyse, text, published, kind, date, place, status, name):
    events = _events(analyse, text, published)
    ev = _main(events)
    assert ev.kind == kind
    assert (ev.date.isoformat() if ev.date else None) == date
    if place is not None:
        assert ev.place and place in ev.place, ev.place
    assert ev.status == status
    if name is not None:
        assert ev.name == name
    assert ev.kind == ev.kind.lower() and ev.event_id.startswith("ev_")
    assert text[ev.start:ev.end].strip()


NO_EVENT_CASES = [
    pytest.param("Biaya operasi katarak kini ditanggung BPJS Kesehatan.", id="biaya-operasi"),
    pytest.param("Jumlah kunjungan wisatawan ke Bali naik 20 persen dibanding tahun lalu.", id="kunjungan-wisatawan"),
    pytest.param("Ia bekerja sebagai Juru Sita Pengadilan Negeri Bandung sejak 2010.", id="juru-sita-in-a-name"),
    pytest.param("Ia kini menjabat Direktur Penyidikan di lembaga itu.", id="penyidikan-in-a-title"),
    pytest.param("Warga yang tinggal di daerah rawan banjir diminta tetap waspada.", id="rawan-banjir"),
    pytest.param("Bawaslu menurunkan ratusan alat peraga kampanye yang melanggar aturan.", id="alat-peraga-kampanye"),
    pytest.param("\"Kami tidak mau banjir datang lagi tahun ini,\" kata seorang warga.", id="trigger-in-speech"),
    pytest.param("Apabila banjir datang, warga diminta segera mengungsi ke masjid terdekat.", id="hypothetical"),
    pytest.param("Harga saham emiten itu ditutup menguat 2 persen pada akhir pekan.", id="ditutup-menguat"),
    pytest.param("Penyanyi itu kembali mencuri perhatian warganet lewat video terbarunya.", id="mencuri-perhatian"),
    pytest.param("Cek Fakta: tidak benar ribuan buruh akan demo besar di Istana Merdeka, Jakarta, Senin (8/1/2024).",
                 id="refuted-claim"),
    pytest.param("Film dokumenter itu mengingatkan warga pada kerusuhan Mei 1998 di Jakarta.", id="a-past-year-recalled"),
    pytest.param("Program ini berperan dalam pemerataan pembangunan di kawasan perbatasan.", id="action-noun-frame"),
]


@pytest.mark.parametrize("text", NO_EVENT_CASES)
def test_no_event_from_non_event_sense(analyse, text):
    assert _events(analyse, text) == []


def test_repeated_mentions_merge(analyse):
    text = ("Bupati Bogor melantik 20 kepala desa di Pendopo Bupati Bogor, Cibinong, Senin (8/1/2024).\n\n"
            "Pelantikan tersebut dihadiri ratusan warga dari desa masing-masing.\n\n"
            "Usai pelantikan, para kepala desa langsung mengikuti pengarahan.")
    events = _events(analyse, text)
    lantik = [e for e in events if e.kind == "pelantikan"]
    assert len(lantik) == 1
    assert lantik[0].date == dt.date(2024, 1, 8) and "Cibinong" in lantik[0].place


def test_demonstrative_mention_keeps_the_first_date(analyse):
    text = ("Wali Kota Bandung melantik 12 camat di Balai Kota Bandung, Senin (8/1/2024).\n\n"
            "Pelantikan tersebut merupakan tindak lanjut surat Menteri Dalam Negeri yang terbit pada 2 Januari 2024.")
    lantik = [e for e in _events(analyse, text) if e.kind == "pelantikan"]
    assert len(lantik) == 1 and lantik[0].date == dt.date(2024, 1, 8)


def test_a_demonstrative_that_takes_place_dates_the_event(analyse):
    text = ("Bandara Sultan Hasanuddin membatalkan 40 penerbangan akibat cuaca buruk di Sulawesi Selatan.\n\n"
            "Pembatalan ini berlangsung hingga Senin (8/1/2024) pukul 16.00 WITA.")
    ev = [e for e in _events(analyse, text) if e.kind == "pembatalan"]
    assert len(ev) == 1 and ev[0].date == dt.date(2024, 1, 8)


def test_statement_date_of_indirect_speech_is_not_the_event_date(analyse):
    text = ("Polisi menangkap dua kurir sabu di Kecamatan Medan Tembung, Sabtu (6/1/2024) dini hari.\n\n"
            "Kapolrestabes Medan di Medan, Senin, mengatakan kedua kurir ditangkap setelah pengintaian dua pekan.")
    arrests = [e for e in _events(analyse, text) if e.kind == "penangkapan"]
    assert len(arrests) == 1 and arrests[0].date == dt.date(2024, 1, 6)


def test_purpose_clause_is_not_a_second_event(analyse):
    text = "Gubernur melakukan kunjungan kerja ke Kabupaten Garut untuk meninjau tanggul yang jebol, Senin (8/1/2024)."
    assert [e.kind for e in _events(analyse, text)] == ["kunjungan kerja"]


def test_merge_fills_in_the_venue(analyse):
    text = ("Kementerian Perdagangan dan Perum Bulog menandatangani nota kesepahaman penyaluran beras.\n\n"
            "Penandatanganan berlangsung di Kantor Kementerian Perdagangan, Gambir, Jakarta Pusat, Senin (8/1/2024).")
    events = [e for e in _events(analyse, text) if e.kind.startswith("penandatanganan")]
    assert len(events) == 1
    assert events[0].date == dt.date(2024, 1, 8) and "Gambir" in events[0].place


def test_distinct_events_stay_apart(analyse):
    text = ("Kebakaran melanda permukiman padat di Tambora, Jakarta Barat, Senin (8/1/2024).\n\n"
            "Keesokan harinya, banjir merendam puluhan rumah di Kampung Melayu, Jakarta Timur, Selasa (9/1/2024).")
    kinds = {e.kind: e for e in _events(analyse, text)}
    assert {"kebakaran", "banjir"} <= set(kinds)
    assert kinds["kebakaran"].date == dt.date(2024, 1, 8)
    assert kinds["banjir"].date == dt.date(2024, 1, 9)


def test_same_kind_other_date_stays_apart(analyse):
    text = ("Sidang perdana kasus korupsi dana hibah digelar di Pengadilan Negeri Jakarta Selatan, Senin (8/1/2024).\n\n"
            "Majelis hakim kemudian menunda sidang dan akan melanjutkannya pada Senin (15/1/2024).")
    sidang = [e for e in _events(analyse, text) if e.kind == "sidang"]
    assert len(sidang) == 2
    first, second = sorted(sidang, key=lambda e: e.start)
    assert first.date == dt.date(2024, 1, 8) and first.status == "happened" and first.main
    assert second.date == dt.date(2024, 1, 15) and second.status == "planned"


def test_anaphoric_mention_fills_the_date(analyse):
    text = ("Pameran otomotif terbesar di Tanah Air kembali hadir tahun ini.\n\n"
            "Ajang tersebut digelar di ICE BSD, Tangerang, pada 18 Juli 2024.")
    ev = _main(_events(analyse, text))
    assert ev.kind == "pameran" and ev.date == dt.date(2024, 7, 18) and ev.status == "planned"
    assert "Tangerang" in (ev.place or "")


def test_quote_speakers_join_the_main_event(analyse):
    class Q:
        speaker_key = "p:budi"

    doc = analyse("Warga menggelar kerja bakti di Kelurahan Cipinang, Jakarta Timur, Minggu (7/1/2024).")
    events = list(extract_events(doc, "a1", PUB, [Q()]))
    assert _main(events).participant_keys[-1] == "p:budi"


def test_dateline_end():
    assert dateline_end("Jakarta (ANTARA) - Pemerintah kota") == len("Jakarta (ANTARA) - ")
    assert dateline_end("JAKARTA, KOMPAS.com - Ribuan warga") == len("JAKARTA, KOMPAS.com - ")
    assert dateline_end("Liputan6.com, Jakarta - Sidang") == len("Liputan6.com, Jakarta - ")
    assert dateline_end("Pemerintah Kota Jakarta Timur menggelar rapat - kata dia.") == 0


def test_ids_are_stable():
    assert event_id("a1", 10, "rapat") == event_id("a1", 10, "rapat") != event_id("a1", 11, "rapat")
    assert cluster_key("banjir", dt.date(2024, 1, 9), "Kampung Melayu, Jakarta Timur") == \
        cluster_key("banjir", dt.date(2024, 1, 9), "kampung melayu jakarta timur")


def test_events_lexicon_is_valid():
    from pipeline.resources import load_resource

    d = load_resource("events")
    kinds = d["kinds"]
    assert len(kinds) >= 100
    for kind, triggers in kinds.items():
        assert kind == kind.lower().strip() and triggers, kind
        assert all(isinstance(t, str) and t == t.strip() and t for t in triggers), kind
    for kind in d["destination_kinds"]:
        assert kind in kinds, kind
    for kind, rule in d["kind_in_context"].items():
        assert kind in kinds and rule["kind"] in kinds and rule["words"], kind
    for t in d["weak"]:
        assert any(t.lower() in (x.lower() for x in v) for v in kinds.values()), t


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Persib bertemu Persija pada laga pekan ke-20 Liga 1 di Stadion Si Jalak Harupat, Sabtu (6/1/2024).", "pertandingan"),
        ("Bupati Garut bertemu para kepala desa di Pendopo Garut, Sabtu (6/1/2024).", "pertemuan"),
    ],
)
def test_kind_read_in_its_sentence(analyse, text, kind):
    assert _main(_events(analyse, text)).kind == kind


@pytest.mark.parametrize(
    "text,kind",
    [
        # the kinds named by what they launch, open, form or sign carry their object
        ("Ketua umum itu meluncurkan partai politik baru di Surabaya, Senin (8/1/2024).", "peluncuran partai politik baru"),
        ("Presiden meluncurkan program makan bergizi gratis di Istana Bogor, Senin (8/1/2024).", "peluncuran program makan bergizi"),
        ("Pemkot membentuk satuan tugas pangan untuk menekan harga cabai, Senin (8/1/2024).", "pembentukan satuan tugas pangan"),
        ("Gubernur meresmikan sebuah terowongan baru di Cikampek, Senin (8/1/2024).", "peresmian terowongan baru"),
        ("Polisi menutup jalan protokol selama dua jam pada Minggu (7/1/2024).", "penutupan jalan protokol"),
        # no object: a passive trigger, a stop word, a verb or a name after the trigger
        ("Aplikasi layanan itu diluncurkan di Jakarta, Senin (8/1/2024).", "peluncuran"),
        ("Wali Kota meresmikan kembali pasar itu di Depok, Senin (8/1/2024).", "peresmian"),
        ("Penandatanganan berlangsung di Kantor Gubernur Bali, Senin (8/1/2024).", "penandatanganan"),
        ("Menteri meluncurkan Gerakan Pangan Murah di Bekasi, Senin (8/1/2024).", "peluncuran"),
    ],
)
def test_kind_carries_its_object(analyse, text, kind):
    assert _main(_events(analyse, text)).kind == kind


def test_no_event_from_page_furniture(analyse):
    from pipeline.ingest import RawArticle, clean

    raw = ("BOGOR - Bupati Bogor meresmikan jembatan gantung di Desa Cibeber, Kecamatan Leuwiliang, Senin (8/1/2024).\n"
           "Baca juga: Pelantikan Kepala Desa Serentak Digelar di Cibinong\n"
           "Jembatan itu menghubungkan dua desa yang terpisah sungai.\n"
           "TERPOPULER\n"
           "Debat Calon Bupati Bogor Berlangsung Panas\n"
           "Unjuk Rasa Buruh di Depan Pendopo\n")
    art = clean(RawArticle(source="x.txt", text=raw))
    events = _events(analyse, art.text, PUB)
    kinds = {e.kind for e in events}
    assert "peresmian jembatan gantung" in kinds
    assert not kinds & {"pelantikan", "debat", "unjuk rasa"}, kinds


@pytest.mark.parametrize(
    "text,effect_kind,effect_date,effect_place,cause_kind",
    [
        # the clause reports the effect; its cause, after "akibat"/"karena", is an event too
        ("Bandara Juanda Surabaya mencatat 40 penerbangan terpaksa dibatalkan dalam sehari akibat erupsi "
         "Gunung Semeru di Lumajang, Jawa Timur. Pembatalan ini berlangsung hingga Kamis (19/6/2025) pukul 12.00 WIB.",
         "pembatalan", "2025-06-19", "Bandara Juanda", "erupsi"),
        ("Jalan Raya Puncak ditutup sementara akibat longsor di Desa Tugu Utara, Cisarua, Senin (16/6/2025).",
         "penutupan", None, "Jalan Raya Puncak", "tanah longsor"),
    ],
)
def test_effect_reported_beside_its_cause(analyse, text, effect_kind, effect_date, effect_place, cause_kind):
    evs = _events(analyse, text)
    effect = next((e for e in evs if e.kind == effect_kind), None)
    assert effect is not None, [(e.kind, e.place) for e in evs]
    assert effect_place in (effect.place or "")
    if effect_date:
        assert str(effect.date) == effect_date
    if cause_kind:
        cause = next(e for e in evs if e.kind == cause_kind)
        assert effect_place not in (cause.place or "")  # the cause keeps its own place


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Pemerintah tidak menutup kemungkinan tarif listrik naik tahun ini.", id="menutup-kemungkinan"),
        pytest.param("Perusahaan tak menutup kemungkikan untuk memperluas pasar ke luar negeri.", id="menutup-typo"),
        pytest.param("Sisa laba bersih sebesar Rp 1,2 triliun dibukukan sebagai laba ditahan.", id="laba-ditahan"),
        pytest.param("Saldo laba ditahan perseroan naik menjadi Rp 3 triliun pada akhir tahun.", id="saldo-laba-ditahan"),
        pytest.param("Ketua RT itu memilih menutup mata terhadap pungutan liar di kampungnya.", id="menutup-mata"),
        pytest.param("Indeks volatilitas naik dan ditutup di angka 21,6, level penutupan tertinggi sejak 23 Mei.",
                     id="level-penutupan"),
        pytest.param("Rupiah melemah 20 poin pada penutupan perdagangan sore ini.", id="penutupan-perdagangan"),
    ],
)
def test_no_event_from_an_idiom(analyse, text):
    assert _events(analyse, text) == []


@pytest.mark.parametrize(
    "text,outlet",
    [
        pytest.param("Liputan6.com, Jakarta - Polda Metro Jaya menangkap dua pengedar sabu di Jakarta Barat, "
                     "Senin (8/1/2024).", "Liputan6.com", id="dateline-outlet"),
        pytest.param("Persib bertanding melawan Persija di Stadion Si Jalak Harupat, Sabtu (6/1/2024), seperti "
                     "dilansir Kompas.com dan Antara.", "Kompas.com", id="cited-outlets"),
    ],
)
def test_an_outlet_is_never_a_participant(analyse, text, outlet):
    from pipeline.events import is_outlet

    ev = _main(_events(analyse, text))
    assert ev.participants and not any(is_outlet(p) for p in ev.participants), ev.participants
    assert outlet not in ev.participants


@pytest.mark.parametrize(
    "name,outlet",
    [("Liputan6.com", True), ("KOMPAS.com", True), ("detik News", True), ("DilansirAFP", True),
     ("Tim News Liputan6.com", True), ("Republika Online", True), ("Tempo", True), ("Okezone", True),
     ("Polda Metro Jaya", False), ("Persib", False), ("Antam", False), ("Bank Indonesia", False)],
)
def test_is_outlet(name, outlet):
    from pipeline.events import is_outlet

    assert is_outlet(name) is outlet


@pytest.mark.parametrize(
    "text,kind,bad_date",
    [
        # a cited report of days before publication: its date, not the event's
        pytest.param("Mengutip dari Euronews, Selasa (2/1/2024), kedua menteri luar negeri bertemu di Brussel "
                     "untuk membahas gencatan senjata.", "pertemuan", "2024-01-02", id="mengutip"),
        pytest.param("Seperti dilansir Reuters, Kamis (4/1/2024), banjir besar melanda ibu kota Kenya, Nairobi.",
                     "banjir", "2024-01-04", id="dilansir"),
        pytest.param("Polisi menangkap tersangka dan menyita sebuah mobil serta surat keterangan tgl 3 Februari 2013 "
                     "dari rumahnya.", "penangkapan", "2013-02-03", id="document-tgl"),
        pytest.param("Penyidik menyita akta jual beli tanggal 12 Maret 2015 dari kantor notaris itu.",
                     "penyitaan", "2015-03-12", id="document-tanggal"),
    ],
)
def test_a_citation_or_document_date_is_not_the_event_date(analyse, text, kind, bad_date):
    evs = [e for e in _events(analyse, text) if e.kind.startswith(kind)]
    assert evs and all(str(e.date) != bad_date for e in evs), evs


def test_a_report_cited_on_the_day_of_publication_dates_the_event(analyse):
    """"Melansir Reuters, <publication day>, ...": the news of the day (most real citation dates)."""
    day = PUB.strftime("%-d/%-m/%Y")
    ev = _main(_events(analyse, f"Seperti dilansir Reuters, Selasa ({day}), banjir besar melanda ibu kota Kenya, Nairobi."))
    assert ev.kind == "banjir" and ev.date == PUB


def test_an_old_date_without_a_document_still_dates_the_event(analyse):
    ev = _main(_events(analyse, "Rapat koordinasi digelar di Bandung pada 3 Februari 2013 bersama Bappeda."))
    assert ev.kind == "rapat koordinasi" and str(ev.date) == "2013-02-03"


@pytest.mark.parametrize(
    "text,kind,origin,place",
    [
        pytest.param("Seorang pria yang berasal dari Gorontalo ditangkap polisi karena membunuh tetangganya, "
                     "Senin (8/1/2024).", "penangkapan", "Gorontalo", None, id="berasal-dari"),
        pytest.param("Striker asal Brasil itu mencetak dua gol saat Persib mengalahkan Persija, Sabtu (6/1/2024).",
                     "pertandingan", "Brasil", None, id="asal"),
        pytest.param("Pengusaha kelahiran Medan itu ditangkap polisi di Surabaya, Senin (8/1/2024).",
                     "penangkapan", "Medan", "Surabaya", id="kelahiran-then-venue"),
    ],
)
def test_an_origin_is_not_the_event_place(analyse, text, kind, origin, place):
    ev = next(e for e in _events(analyse, text) if e.kind.startswith(kind))
    assert origin not in (ev.place or "")
    if place:
        assert place in (ev.place or "")


def test_a_background_mention_without_date_place_or_object_is_dropped(analyse):
    text = ("Tim SAR gabungan mengevakuasi 40 warga korban banjir di Desa Sukamaju, Kabupaten Garut, Senin (8/1/2024).\n\n"
            "Sungai di desa itu kerap meluap dan menjadi ancaman bagi warga.\n\n"
            "Menurut warga, luapan sungai itu kerap memicu longsor kecil.")
    events = _events(analyse, text)
    assert [e.kind for e in events if e.kind == "tanah longsor"] == []
    assert _main(events).date == dt.date(2024, 1, 8)


def test_a_background_mention_naming_its_object_stays(analyse):
    text = ("Dinas Perpustakaan Kota Solo menggelar pameran buku di Balai Kota Solo, Senin (8/1/2024).\n\n"
            "Dalam rangkaian itu, perpustakaan juga memperkenalkan layanan baru lewat peluncuran Pustaka Keliling.")
    kinds = [e.kind for e in _events(analyse, text)]
    assert any(k.startswith("peluncuran") for k in kinds), kinds


def test_an_antecedent_does_not_take_the_main_clause_date(analyse):
    text = "Jalur Cangkringan kembali dibuka Jumat (5/1/2024) setelah terjadi tanah longsor sepekan sebelumnya."
    slide = [e for e in _events(analyse, text) if e.kind == "tanah longsor"]
    assert slide and all(e.date != dt.date(2024, 1, 5) for e in slide), slide


_LEAD = "Polres Kota Madiun menggelar razia narkoba di Jalan Pahlawan, Madiun, Senin (8/1/2024).\n\n"


@pytest.mark.parametrize(
    "text,kind",
    [
        pytest.param(_LEAD + "Dalam razia itu, 3 kilogram ganja disita petugas dari sebuah mobil boks.",
                     "penyitaan", id="passive-verb-with-agent"),
        pytest.param(_LEAD + "Seorang pengedar diringkus saat mencoba kabur lewat gang sempit.",
                     "penangkapan", id="passive-verb"),
        pytest.param(_LEAD + "Barang bukti itu kemudian disalurkan melalui laboratorium forensik setempat.\n\n"
                     "Bantuan hukum bagi saksi juga akan disalurkan melalui lembaga bantuan hukum.",
                     "penyaluran bantuan", id="passive-verb-disalurkan"),
        pytest.param(_LEAD + "Kepala polres menambahkan bahwa sosialisasi akan terus digencarkan di sekolah-sekolah.",
                     "sosialisasi", id="plan-right-after-trigger"),
        pytest.param(_LEAD + "Razia itu diakhiri dengan penandatanganan nota kesepahaman antara polres dan pemkot.",
                     "penandatanganan nota kesepahaman", id="noun-with-its-object"),
    ],
)
def test_a_verb_reporting_a_happening_stays_without_date_or_place(analyse, text, kind):
    kinds = [e.kind for e in _events(analyse, text)]
    assert kind in kinds, kinds


@pytest.mark.parametrize(
    "text,kind",
    [
        pytest.param(_LEAD + "Saat dikunjungi wartawan, para petugas tampak sibuk mendata kendaraan.", "kunjungan",
                     id="circumstance-saat"),
        pytest.param(_LEAD + "Pelaku utama kasus itu hingga kini belum ditangkap.", "penangkapan", id="denied-belum"),
        pytest.param(_LEAD + "Kamera pengawas yang menangkap wajah pelaku dipasang di setiap sudut.", "penangkapan",
                     id="relative-clause"),
        pytest.param(_LEAD + "Kala itu, polisi juga menangkap seorang kurir sabu.", "penangkapan",
                     id="recalled-kala-itu"),
        pytest.param(_LEAD + "Kapolres juga membagikan tips aman berkendara kepada para pengemudi.", "penyaluran bantuan",
                     id="sharing-tips"),
        pytest.param("Seorang nenek membagikan tips panjang umur di Festival Jamu Nusantara yang digelar di Alun-alun Madiun.",
                     "penyaluran bantuan", id="sharing-tips-at-an-occasion"),
    ],
)
def test_a_verb_in_a_circumstance_or_denial_gives_no_background_event(analyse, text, kind):
    assert kind not in [e.kind for e in _events(analyse, text)]


def test_a_trigger_in_a_regulation_or_prevention_is_no_event(analyse):
    text = ("Pemkot Blitar meresmikan pasar rakyat di Kelurahan Kepanjen Kidul, Blitar, Senin (8/1/2024).\n\n"
            "Pasar itu dibangun berdasarkan Peraturan Daerah No. 5 Tahun 2020 tentang pembangunan dan pengoperasian "
            "pasar rakyat di Kota Blitar.\n\n"
            "Pengelola juga menyiapkan upaya pencegahan terjadinya pelecehan seksual di area pasar.")
    kinds = [e.kind for e in _events(analyse, text)]
    assert "pengoperasian" not in kinds and "kekerasan seksual" not in kinds, kinds


def test_a_weak_trigger_stands_in_for_a_dropped_action_noun(analyse):
    text = ("Tim bola voli putri Indonesia bakal bertanding melawan Jepang dalam perebutan tempat ketiga di Piala Asia 2024.\n\n"
            "Pelatih berdoa agar timnya menang laga itu di GOR Amongrogo, Yogyakarta, Selasa (9/1/2024) sore.")
    games = [e for e in _events(analyse, text) if e.kind == "pertandingan"]
    assert games and games[0].status == "planned", games


def test_an_attacker_named_after_the_noun_is_no_place(analyse):
    text = "Bandara internasional itu ditutup menyusul gelombang serangan Israel."
    ev = next(e for e in _events(analyse, text) if e.kind == "penutupan")
    assert "Israel" not in (ev.place or "")


def test_an_earlier_happening_is_not_dated_by_the_statement(analyse):
    text = ("Anggota dewan itu sebelumnya meninggalkan ruangan pelantikan sebagai bentuk protes.\n\n"
            "\"Kami menolak prosedur itu,\" kata dia di Bandung, Senin (8/1/2024).")
    ev = next(e for e in _events(analyse, text) if e.kind == "pelantikan")
    assert ev.date != dt.date(2024, 1, 8)


@pytest.mark.parametrize("text", [
    "Ia sudah berteman dengan sang vokalis sejak kuliah di Yogyakarta pada Senin (8/1/2024).",
    "Jaksa memeriksa teman kuliah terdakwa di Pengadilan Tipikor Jakarta, Senin (8/1/2024).",
])
def test_kuliah_alone_is_no_lecture(analyse, text):
    assert "kuliah umum" not in [e.kind for e in _events(analyse, text)]


def test_a_later_year_in_the_clause_makes_a_plan(analyse):
    text = ("Kementerian Perdagangan menggelar konferensi pers di Jakarta, Senin (8/1/2024).\n\n"
            "Penandatanganan perjanjian dagang itu baru bisa terlaksana pada kuartal ketiga 2025.")
    ev = next(e for e in _events(analyse, text) if e.kind.startswith("penandatanganan"))
    assert ev.status == "planned"


@pytest.mark.parametrize(
    "text,kind,bad_date",
    [
        # the day an article was compiled or a source quoted, not the day the event took place
        pytest.param("Penyanyi Rina Melati resmi menikah dengan pengusaha Bayu Santoso. Berikut potret pernikahan "
                     "mereka yang dirangkum dari berbagai sumber, Selasa (9/1/2024).",
                     "pernikahan", "2024-01-09", id="dirangkum"),
        pytest.param("Pelatih baru Persikota memimpin latihan perdana tim di Stadion Benteng.\n\n"
                     "\"Kami masih mencari dua pemain asing,\" kata sang pelatih dikutip dari laman resmi klub, "
                     "Selasa (9/1/2024).", "pelatihan", "2024-01-09", id="statement-cited-from-a-web-page"),
    ],
)
def test_a_compilation_or_citation_date_does_not_date_the_main_event(analyse, text, kind, bad_date):
    ev = _main(_events(analyse, text))
    assert ev.kind.startswith(kind) and str(ev.date) != bad_date, ev


def test_the_occasion_named_again_with_its_day_dates_the_main_event(analyse):
    text = ("Universitas Harapan Bangsa kembali menggelar Festival Sains Remaja 2024 untuk siswa SMA se-Jabodetabek.\n\n"
            "Bertempat di Aula Kampus Harapan, Depok, acara yang berlangsung Sabtu, 20 Januari 2024 mendatang ini "
            "mengangkat tema energi bersih.\n\n"
            "\"Kami ingin siswa mengenal riset sejak dini,\" kata rektor, Selasa (9/1/2024).")
    ev = _main(_events(analyse, text))
    assert ev.kind == "festival" and ev.date == dt.date(2024, 1, 20) and ev.status == "planned", ev
    assert "Aula Kampus Harapan" in (ev.place or "")


@pytest.mark.parametrize(
    "text,kind,place",
    [
        # a trial is held at its court, named without "di"
        pytest.param("Sidang lanjutan perkara korupsi dana hibah pramuka digelar Pengadilan Negeri Padang, "
                     "Senin (8/1/2024).", "sidang", "Pengadilan Negeri Padang", id="court-without-di"),
        # a lower-case honorific inside a venue's name
        pytest.param("Operasi katarak gratis untuk 200 warga lanjut usia digelar di RSUD dr. Soetomo, Surabaya, "
                     "Sabtu (6/1/2024).", "operasi", "RSUD dr. Soetomo", id="venue-with-dr"),
        # the subject refers back to the sentence that says where
        pytest.param("Warga melaporkan retakan panjang pada tebing di Desa Sukamaju, Kecamatan Cikalong, Kabupaten "
                     "Tasikmalaya.\n\nTebing tersebut akhirnya longsor dan menimbun dua rumah, Senin (8/1/2024).",
                     "tanah longsor", "Sukamaju", id="place-of-the-subject-named-before"),
    ],
)
def test_main_event_place_from_court_venue_name_or_antecedent(analyse, text, kind, place):
    ev = _main(_events(analyse, text))
    assert ev.kind == kind and place in (ev.place or ""), ev


def test_a_place_outside_which_it_happens_is_not_its_place(analyse):
    ev = _main(_events(analyse, "DPRD Kota Bogor menggelar studi banding ke sejumlah daerah di luar Provinsi Jawa Barat, "
                                "Senin (8/1/2024)."))
    assert ev.kind == "studi banding" and "Jawa Barat" not in (ev.place or ""), ev


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Gubernur Jawa Tengah menggelar open house di rumah dinasnya di Semarang, Rabu (10/1/2024).", "open house"),
        ("Para eksportir kopi berbicara dalam sesi roundtable di Hotel Santika, Medan, Senin (8/1/2024).", "diskusi"),
        ("Polres Garut menggelar khitanan massal untuk 150 anak di Alun-alun Garut, Minggu (7/1/2024).", "khitanan massal"),
        # a kind as a reader names it, not its neighbour's ("seminar", "diskusi", "lomba")
        ("Para menteri luar negeri bertemu dalam KTT ASEAN di Kuala Lumpur, Senin (8/1/2024).", "konferensi"),
        ("Pengusaha muda berkumpul dalam Forum Ekonomi Kreatif di Hotel Grand Tjokro, Klaten, Senin (8/1/2024).", "forum"),
        ("Dinas Kesehatan menggelar talkshow gizi anak di Aula Puskesmas Cibeber, Cianjur, Senin (8/1/2024).", "talkshow"),
        ("Ratusan atlet mengikuti turnamen bulu tangkis di GOR Sudirman, Cilacap, Minggu (7/1/2024).", "turnamen"),
    ],
)
def test_community_occasions_in_the_lexicon(analyse, text, kind):
    assert _main(_events(analyse, text)).kind == kind


def test_an_occasion_of_the_lead_dated_by_a_later_sentence_is_the_main_event(analyse):
    text = ("Bank Daerah Lampung kembali ikut serta dalam acara Lampung Investment Week 2024.\n\n"
            "Acara tahunan ini diselenggarakan oleh Otoritas Jasa Keuangan bersama pemerintah provinsi.\n\n"
            "Kegiatan akan dilaksanakan di Gedung Pusiban, Bandar Lampung, mulai Kamis (11/1/2024) hingga "
            "Sabtu (13/1/2024).")
    ev = _main(_events(analyse, text))
    assert ev.kind == "acara" and ev.name == "Lampung Investment Week 2024", ev
    assert ev.date == dt.date(2024, 1, 11) and ev.status == "planned" and "Gedung Pusiban" in (ev.place or ""), ev


def test_a_press_statement_quoted_on_its_day_still_dates_the_main_event(analyse):
    text = ("Perusahaan ponsel Nusaphone meluncurkan seri terbarunya untuk pasar Indonesia.\n\n"
            "\"Kami yakin produk ini diminati anak muda,\" ujar direktur pemasaran seperti dikutip dari keterangan "
            "resmi, Senin (8/1/2024).")
    ev = _main(_events(analyse, text))
    assert ev.kind.startswith("peluncuran") and ev.date == dt.date(2024, 1, 8), ev


def test_another_occasion_named_as_held_does_not_date_the_main_event(analyse):
    text = ("Penyanyi Rina Melati resmi menikah dengan pengusaha Bayu Santoso.\n\n"
            "Keluarga kini menyiapkan acara Ngunduh Mantu yang akan digelar di Gedung Sate, Bandung, pada "
            "Sabtu (13/1/2024).")
    ev = _main(_events(analyse, text))
    assert ev.kind == "pernikahan" and ev.date != dt.date(2024, 1, 13), ev


def test_a_statement_weeks_before_publication_does_not_date_the_main_event(analyse):
    text = ("Jemaah haji tertua asal Pringsewu telah menuntaskan rangkaian ibadah haji.\n\n"
            "Ia kini sudah kembali berkumpul dengan keluarganya.\n\n"
            "Cucunya menjemput di asrama haji.\n\n"
            "\"Saya senang sekali bisa berhaji,\" kata nenek itu di Madinah, Kamis (30/11/2023).")
    ev = _main(_events(analyse, text))
    assert ev.kind == "ibadah" and ev.date != dt.date(2023, 11, 30), ev


@pytest.mark.parametrize(
    "text,kind,date,date_text",
    [
        # after the cited outlet a clause of its own whose verb governs the date: the event's date
        pytest.param("Kebakaran hebat melanda gudang tekstil di Jalan Raya Cibinong, Kabupaten Bogor. Tiga unit "
                     "mobil pemadam dikerahkan ke lokasi. Dilansir Antara, kebakaran terjadi pada Senin (8/1/2024) "
                     "sekitar pukul 03.00 WIB.", "kebakaran", "2024-01-08", "Senin (8/1/2024)", id="dilansir-terjadi-pada"),
        pytest.param("Banjir merendam ratusan rumah warga di Desa Sukamaju, Kabupaten Bandung. Dihimpun dari keterangan "
                     "warga, banjir itu mulai datang pada Minggu (7/1/2024) malam. Air setinggi satu meter masih menggenang.",
                     "banjir", "2024-01-07", "Minggu (7/1/2024)", id="dihimpun-then-trigger"),
    ],
)
def test_a_date_the_event_governs_after_a_citation_dates_it(analyse, text, kind, date, date_text):
    ev = _main(_events(analyse, text))
    assert ev.kind == kind and str(ev.date) == date and ev.date_text == date_text, ev


def test_a_demonstrative_mention_by_a_kind_of_the_same_family_is_the_earlier_event(analyse):
    # "Turnamen ..." then "dalam kejuaraan ini": one occasion named by two kinds of one family
    text = ("Turnamen bulu tangkis antarklub tingkat provinsi akan digelar di GOR Sudirman, Surabaya, Sabtu (20/1/2024). "
            "Sebanyak 40 klub sudah mendaftar. Para pemain muda akan bersaing ketat dalam kejuaraan ini.")
    events = _events(analyse, text)
    ev = _main(events)
    assert ev.kind == "turnamen" and ev.date == dt.date(2024, 1, 20) and ev.status == "planned", ev
    assert [e.kind for e in events] == ["turnamen"], events


@pytest.mark.parametrize(
    "text,bad_place",
    [
        # an item of a list of services, between semicolons
        pytest.param("Yayasan Sehat Bersama menggelar bakti sosial di Desa Sukamaju, Kabupaten Garut, Sabtu (6/1/2024). "
                     "Layanan yang diberikan antara lain pemeriksaan gigi; Laboratorium Keliling; Kacamata Baca Gratis; "
                     "dan khitanan massal bagi anak-anak warga sekitar.", "Laboratorium Keliling", id="list-item"),
        # an epithet after "dikenal sebagai"
        pytest.param("Universitas Harapan Bangsa yang dikenal sebagai Kampus Hijau Nusantara menggelar open house bagi "
                     "calon mahasiswa baru. Acara itu dihadiri ratusan siswa SMA.", "Kampus Hijau Nusantara", id="epithet"),
    ],
)
def test_a_list_item_or_an_epithet_is_no_place(analyse, text, bad_place):
    assert all(bad_place not in (e.place or "") for e in _events(analyse, text))


def test_a_title_won_in_a_competition_is_no_event(analyse):
    text = ("Pelatih ganda campuran menyebut kondisi peraih medali perak Olimpiade Paris itu terus membaik. "
            "Ia dijadwalkan kembali berlatih pekan depan.")
    assert not [e for e in _events(analyse, text) if e.kind == "lomba"]
