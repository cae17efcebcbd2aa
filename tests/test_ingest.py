"""Ingest: furniture removal, datelines, titles, publication dates, bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest

from pipeline.ingest import IngestConfig, RawArticle, Skipped, clean, read_articles, read_file
from pipeline.resources import load_resource

BODY = (
    "Wali Kota Depok Supian Suri meninjau lokasi banjir di Kecamatan Cilodong, Kamis (14/3/2024).\n"
    "\"Kami sudah siapkan pompa tambahan dan posko pengungsian,\" kata Supian.\n"
)


def _clean(text: str, **kw) -> object:
    return clean(RawArticle(source="x.txt", text=text, **kw))


@pytest.mark.parametrize(
    "furniture",
    [
        "Baca juga: Pemkot Depok siapkan 20 pompa air",
        "Baca Juga : Banjir rendam tiga kecamatan",
        "SCROLL TO CONTINUE WITH CONTENT",
        "ADVERTISEMENT",
        "Pewarta: Rina Apriyanti",
        "Editor: Agus Setiawan",
        "Laporan : Dodi Firmansyah / Editor : Lilis Suryani",
        "Copyright © ANTARA 2024",
        "Simak juga Video: Banjir di Depok",
        "Lihat juga Video 'Warga mengungsi'",
        "'Lihat juga Video: Pedagang pasar protes harga cabai'",  # a link line inside quote marks
        "“Baca juga: Depok siaga banjir”",
        "(Reporter: Nadia Putri Lestari | Editor: Bagus Santoso)",  # credits in parentheses
        "Suka 12 Lucu 0 Sedih 3 Marah 1",
        "0 Komentar",
        "Komentar",
        "[Gambas:Video 20detik]",
        "Tag: banjir, depok",
        "Baca berita selengkapnya di sini.",  # a detik footer
        "Baca berita selengkapnyadi sini.",
        "Artikel ini pertama kali terbit dalam bahasa InggrisDiadaptasi oleh Rina WulandariEditor: Dedi Kurnia",  # DW credits
        "Diadaptasi oleh Rina Wulandari",
        "Disclaimer: Keputusan membeli saham ada di tangan pembaca.",
        "Disclaimer:Artikel ini bukan ajakan membeli aset kripto.",
        "Redaktur & Reporter : Sinta Maharani",  # two roles, one name (JPNN)
        "Rep: Dodi Firmansyah/ Red: Lilis Suryani",  # Republika
        "Penulis Kontributor Garut, Dodi Firmansyah | Editor Lilis Suryani",  # a copy that lost the colons
        "Laporan Dodi Firmansyah | Banda Aceh",  # the Tribun network's byline
        "Oleh Dodi Firmansyah",  # a byline on its own line
        "Editor Lilis Suryani",  # a credit whose colon a copy lost
        'Baca artikel kabardepok, "Pemkot Depok Siapkan Pompa" selengkapnya https://www.kabardepok.example/d-123',
        "Download Apps Kabar Depok Sekarang https://apps.kabardepok.example/",
        "Petugas memasang pompa di Cilodong. (IDN Times/Rina Wulandari)",
        "Rina Wulandari dan Dedi Kurnia berkontribusi dalam penulisan artikel ini.",  # Tempo
        "Sumber: Merdeka.com",
        "Follow Berita Kabar Depok di Google News",
        "Cek Berita dan Artikel yang lain di Google News dan WA Channel",
        "* Follow Official WhatsApp Channel Kabar Depok untuk mendapatkan berita terkini.",
        "Simak breaking news dan berita pilihan kami langsung di ponselmu lewat WhatsApp Channel Kabar Depok.",
        "Baca berita dengan sedikit iklan, klik di sini",
        "Kabarcom+ baca berita tanpa iklan: https://kbr.example/plus",
        "Jangan Lewatkan Video Terbaru:",
        "Pilihan Editor: Wali Kota Depok Tinjau Pompa Banjir",
        "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis tanpa izin tertulis.",
        "Klik untuk baca: https://www.kabardepok.example/read/2024/03/14/banjir",
        "***",
        "#Depok #BanjirDepok",
        "Facebook Twitter WhatsApp Salin Link",
        "KabarDepok.id",
        "Halaman 1 2 Selanjutnya",
        "(Foto: Dok. Humas Pemkot Depok)",
        "POMPA BANJIR - Petugas memasang pompa di Cilodong, Kamis (14/3/2024). (KABARDEPOK.ID/RINA WULANDARI)",
        "Petugas memasang pompa di Cilodong, Kamis (14/3/2024). ANTARA/Rina Wulandari",
        "POMPA BANJIR: Petugas memasang pompa di Cilodong. (FOTO: RINA WULANDARI/KABAR DEPOK)",
        "Petugas memasang pompa di Cilodong. Foto: Rina Wulandari/kabardepok",
    ],
)
def test_furniture_lines_removed(furniture):
    art = _clean(BODY + furniture + "\nWarga diminta waspada hingga akhir pekan.\n")
    assert furniture.split()[0] not in art.text.split("\n")[-2:][0] or furniture not in art.text
    assert furniture not in art.text
    assert "Warga diminta waspada" in art.text


def test_a_link_glued_to_its_headline_is_removed():
    art = _clean(BODY + "Baca jugaPemkot Depok Siapkan 20 Pompa Air\nWarga diminta waspada hingga akhir pekan.\n")
    assert "Pompa Air" not in art.text and "Warga diminta waspada" in art.text


def test_a_quotation_that_begins_like_a_link_is_kept():
    art = _clean(BODY + "“Lihat juga ke sana, semua warga sudah mengungsi,” kata Supian.\n")
    assert "Lihat juga ke sana" in art.text


@pytest.mark.parametrize("header", ["Berita Terkait", "Terpopuler", "Pilihan", "Terkini", "Artikel Terkait", "Tags:", "Topik", "Baca berita terkait",
                                    "Simak berita lainnya seputar topik artikel ini, di sini:"])
def test_related_headline_blocks_removed(header):
    block = f"{header}\nGubernur Andi Saputra resmikan jembatan baru\nBudi Hartono ditunjuk jadi Sekda Bogor\n"
    art = _clean(BODY + block + "Hujan diperkirakan turun hingga Minggu malam.\n")
    assert "Andi Saputra" not in art.text and "Budi Hartono" not in art.text
    assert "Hujan diperkirakan turun" in art.text


def test_inline_baca_juga_and_wrapped_paragraph():
    text = ("Kepala BPBD Depok, Wahyu Pratama menambahkan, pompa\n"
            "dipasang di tiga titik rawan.\nBaca juga: Depok siaga banjir\nKegiatan berlanjut esok hari.")
    art = _clean(text)
    assert "pompa dipasang di tiga titik" in art.text  # a line broken mid-sentence is rejoined
    assert "Depok siaga banjir" not in art.text
    assert art.text.count("\n") == 1  # paragraph breaks are kept


@pytest.mark.parametrize(
    "body,dateline,outlet",
    [
        ("Jakarta (ANTARA) - Pemkot Jakarta Timur menggelar rapat.", "Jakarta", "ANTARA"),
        ("Bandung (ANTARA) - Pemkot Bandung menggelar rapat.", "Bandung", "ANTARA"),
        ("Suara.com - Pemkot Jakarta Barat menggelar rapat.", None, "Suara.com"),
        ("Jakarta [beritajakarta.id] – Pemkot Jakarta Timur menggelar rapat.", "Jakarta", "beritajakarta.id"),
        ("JAKARTA, KOMPAS.com - Pemprov DKI menggelar rapat.", "Jakarta", "Kompas.com"),
        ("SURABAYA, KOMPAS.com - Pemkot Surabaya menggelar rapat.", "Surabaya", "Kompas.com"),
        ("Liputan6.com, Jakarta - Pemprov DKI menggelar rapat.", "Jakarta", "Liputan6.com"),
        ("Jakarta - Pemprov DKI menggelar rapat pada Senin (8/1/2024).", "Jakarta", None),
        ("PDI-P menggelar rapat kerja di Jakarta.", None, None),
        ("BOGOR–Pemkot Bogor menggelar rapat.", "Bogor", None),  # an en dash with no spaces (Okezone)
        ("PDI–Perjuangan menggelar rapat kerja di Jakarta.", None, None),
        ("MEDAN (Waspada): Pemko Medan menggelar rapat.", "Medan", "Waspada"),  # an outlet in brackets, a colon
        ("KPK (Komisi) - Penyidik menggelar rapat.", None, None),  # no place the gazetteer knows
        ("KONTAN.CO.ID - JAKARTA. Rupiah menguat tipis.", "Jakarta", "Kontan"),
        ("Jakarta: Komisi IV menggelar rapat.", "Jakarta", None),  # Medcom
        ("Pendahuluan: Tulisan ini membahas kebijakan pangan.", None, None),  # a label, no place
        ("PIKIRAN RAKYAT - Pemkot Bandung menggelar rapat.", None, "Pikiran Rakyat"),  # the outlet, no place
        ("RADARBOGOR.ID - Pemkot Bogor menggelar rapat.", None, "Radar Bogor"),
        ("BANDAR LAMPUNG (Lampost.co) -- Pemkot menggelar rapat.", "Bandar Lampung", "Lampung Post"),
        ("Bandung, IDN Times - Pemkot Bandung menggelar rapat.", "Bandung", "IDN Times"),
        ("JAKARTA, KOMPAS — Buruh menggelar aksi di depan Istana.", "Jakarta", "Kompas"),
        ("PADANG, HARIANHALUAN.ID — Festival rendang digelar.", "Padang", "Haluan"),
        ("jpnn.com, SURABAYA - Ratusan honorer mendatangi DPRD.", "Surabaya", "JPNN"),
    ],
)
def test_dateline_and_outlet(body, dateline, outlet):
    art = _clean(body)
    assert art.dateline == dateline
    assert art.outlet == outlet
    assert art.text.startswith(body.split()[0])  # the dateline stays in the text; offsets refer to it


def test_title_line_and_header_date_are_metadata():
    art = _clean("Pemkot Depok siagakan pompa\n\nKamis, 14 Maret 2024 10:15 WIB\n\n" + BODY)
    assert art.title == "Pemkot Depok siagakan pompa"
    assert art.published == dt.date(2024, 3, 14) and art.published_from == "metadata"
    assert "10:15" not in art.text


@pytest.mark.parametrize(
    "text,published,source",
    [
        ("Jakarta (ANTARA) - Rapat digelar Senin (8/1/2024) di Balai Kota.", dt.date(2024, 1, 8), "first_date"),
        ("Rapat digelar Senin di Balai Kota. Hasilnya diumumkan kemudian.", None, "none"),
    ],
)
def test_published_fallbacks(text, published, source):
    art = _clean(text)
    assert art.published == published and art.published_from == source


@pytest.mark.parametrize(
    "published,expected",
    [
        ("Kompas.com- 05/07/2025, 20:00 WIB", dt.date(2025, 7, 5)),  # the outlet before the date; day first
        ("Kompas.com - 18/06/2025, 09:15 WIB", dt.date(2025, 6, 18)),
        ("Diperbarui 05 Jul 2025, 14:05 WIB", dt.date(2025, 7, 5)),
    ],
)
def test_outlet_style_published_strings(published, expected):
    art = _clean("Rapat digelar Senin (8/1/2024).", published=published)
    assert art.published == expected and art.published_from == "metadata"


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # a feed in the US order: the article's own "(11/9)" tells 11 September from 9 November
        ("Komisi XI DPR menggelar rapat anggaran, Kamis (11/9).", "9/11/2025 16:47", dt.date(2025, 9, 11)),
        ("Banjir merendam tiga desa, Rabu (10/9/2025), sejak pagi.", "9/11/2025 08:00", dt.date(2025, 9, 11)),
        # the same string beside a November date of the text: day first
        ("Rapat digelar Senin (10/11/2025) di gedung DPRD.", "9/11/2025 16:47", dt.date(2025, 11, 9)),
        # no date in the text, or a string that reads one way only: as parse_published reads it
        ("Rapat anggaran digelar di gedung DPR.", "9/11/2025 16:47", dt.date(2025, 11, 9)),
        ("Rapat digelar Kamis (11/9).", "10/20/2025 11:25", dt.date(2025, 10, 20)),
    ],
)
def test_ambiguous_numeric_published_takes_the_order_of_the_text(text, published, expected):
    art = _clean(text, published=published)
    assert art.published == expected and art.published_from == "metadata"


def test_metadata_published_wins():
    art = _clean("Rapat digelar Senin (8/1/2024).", published="2024-01-10T08:00:00+07:00")
    assert art.published == dt.date(2024, 1, 10) and art.published_from == "metadata"


def test_article_id_is_derived_from_clean_text():
    a = _clean(BODY + "Baca juga: Sesuatu yang lain\n")
    b = _clean(BODY)
    assert a.article_id == b.article_id and a.article_id.startswith("art_")


@pytest.mark.parametrize(
    "line,expected",
    [
        # the lower-case rest after an acronym is a word: the seam is after the whole acronym
        ("Ekspor CPOdan karet naik.", "Ekspor CPO dan karet naik."),
        ("Koalisi PSIdengan partai lain.", "Koalisi PSI dengan partai lain."),
        ("TIGApemain muda dipanggil.", "TIGA pemain muda dipanggil."),
        ("Penyanyi ARUNAterkenal sejak kecil.", "Penyanyi ARUNA terkenal sejak kecil."),
        ("Pelatih bawaPSGsapu bersih laga.", "Pelatih bawa PSG sapu bersih laga."),
        ("Penyidik KPKjuga hadir.", "Penyidik KPK juga hadir."),
        # a word glued before an acronym
        ("Mobil tertabrakKRL di perlintasan.", "Mobil tertabrak KRL di perlintasan."),
        ("Jadwal disetujuiBWF pekan lalu.", "Jadwal disetujui BWF pekan lalu."),
        ("Sejak awalPBSIyaitu tahun lalu.", "Sejak awal PBSI yaitu tahun lalu."),
        ("PengajuanPBSI ditolak.", "Pengajuan PBSI ditolak."),
        ("Kepala StafTNI hadir.", "Kepala Staf TNI hadir."),
        # a capitalised word after the acronym, as before
        ("Penyidik KPKMenurut sumber itu hadir.", "Penyidik KPK Menurut sumber itu hadir."),
        ("Ketua Umum PSSIErick Tohari hadir.", "Ketua Umum PSSI Erick Tohari hadir."),  # 'rick' is a word, 'Erick' too
        ("Kader PDIPerjuangan hadir.", "Kader PDI Perjuangan hadir."),
        # left alone
        ("Foto di iPhone, eKTP warga, vaksin mRNA dan macOS.", "Foto di iPhone, eKTP warga, vaksin mRNA dan macOS."),
        ("Kader PDIP dan BUMN hadir; KPKnya diam.", "Kader PDIP dan BUMN hadir; KPKnya diam."),
    ],
)
def test_an_acronym_glued_to_a_word_is_split_at_the_right_seam(line, expected):
    from pipeline.ingest import _deglue, patterns

    assert _deglue(line, patterns()) == expected


P1 = "Wali Kota Depok Supian Suri meninjau lokasi banjir di Kecamatan Cilodong, Kamis (14/3/2024)."
P2 = "Ia meminta warga di bantaran kali waspada karena hujan masih akan turun hingga akhir pekan."
P3 = "“Kami sudah siapkan pompa tambahan dan posko pengungsian,” kata Supian kepada wartawan."


@pytest.mark.parametrize(
    "lines,kept",
    [
        # the rest of the article run together after each paragraph (Republika's pages)
        ([P1 + P2 + P3 + "Baca JugaDepok siaga banjir", P1, P2 + P3, P2, P3], [P1, P2, P3]),
        ([P1 + P2 + P3, P1, P2 + P3, P2, P3], [P1, P2, P3]),
        # ... with related headlines glued in between two of the paragraphs
        ([P1, P2 + "Baca JugaDepok Siaga Banjir Pekan IniWarga Bantaran Kali Mengungsi" + P3, P2, P3], [P1, P2, P3]),
        ([P1, P2 + " Baca Juga Depok Siaga Banjir" + P3 + "Ikuti Whatsapp Channel Republika", P2, P3], [P1, P2, P3]),
        # ... but not body text between them: "Kami siapkan" is no related headline
        ([P1, P2 + " Kami siapkan perahu karet di tiga kelurahan. " + P3, P2, P3],
         [P1, P2 + " Kami siapkan perahu karet di tiga kelurahan. " + P3, P2, P3]),
        ([P1 + " " + P2, P3, P1 + " " + P2], [P1 + " " + P2, P3]),  # a whole paragraph given twice
        # ... once with page furniture glued on, which only the furniture patterns take off
        ([P1 + " " + P2, P3, P1 + " " + P2 + "Loading...Ikuti Whatsapp Channel Republika"], [P1 + " " + P2, P3]),
        # an article may repeat a short line or a sentence: kept
        ([P1, "Stadion Pakansari, pukul 15.30 WIB", P2, "Stadion Pakansari, pukul 15.30 WIB"],
         [P1, "Stadion Pakansari, pukul 15.30 WIB", P2, "Stadion Pakansari, pukul 15.30 WIB"]),
        ([P1 + " Warga diminta waspada.", P1, P3], [P1 + " Warga diminta waspada.", P1, P3]),
    ],
)
def test_a_copy_of_the_body_run_together_is_dropped(lines, kept):
    art = _clean("\n".join(lines))
    assert art.text.split("\n") == kept


@pytest.mark.parametrize(
    "body,dateline,outlet,start",
    [
        ("Liputan6.com, JakartaWarga Depok menggelar rapat.", "Jakarta", "Liputan6.com", "Liputan6.com, Jakarta - Warga Depok"),
        ("Liputan6.com, Bandar LampungPT Kereta Api menggelar rapat.", "Bandar Lampung", "Liputan6.com",
         "Liputan6.com, Bandar Lampung - PT Kereta"),
        ("TEMPO.CO,Jakarta-Ginjal adalah organ penting.", "Jakarta", "Tempo", "TEMPO.CO,Jakarta - Ginjal"),
        ("BOGOR-Pemkot Bogor menggelar rapat.", "Bogor", None, "BOGOR - Pemkot"),  # Okezone, a hyphen, no space
        ("JAKARTA-“Kami siap,” kata Andi.", "Jakarta", None, "JAKARTA - “Kami"),
        ("PDI-Perjuangan menggelar rapat.", None, None, "PDI-Perjuangan"),
        ("PDI-P menggelar rapat kerja di Jakarta.", None, None, "PDI-P"),
    ],
)
def test_a_dateline_glued_to_the_body_is_set_off(body, dateline, outlet, start):
    art = _clean(body)
    assert (art.dateline, art.outlet) == (dateline, outlet)
    assert art.text.startswith(start)


def test_deglue_scraper_artefacts():
    art = _clean("Ketua DPRDKota Bogor, Atang Trisnanto, meminta PenyanyiRaffa tampil di YouTube.")
    assert "DPRD Kota" in art.text and "Penyanyi Raffa" in art.text and "YouTube" in art.text


@pytest.mark.parametrize(
    "line,expected",
    [
        # a whole word holding a kept brand name is never split, whatever is glued to it
        ("Warga mengirim laporan lewat WhatsAppnya kepada PolsekCibinong.", "Warga mengirim laporan lewat WhatsAppnya kepada Polsek Cibinong."),
        ("Videonya viral diTikTok sejak KamisMalam.", "Videonya viral diTikTok sejak Kamis Malam."),
        ("Akun YouTubeKompas dan laman DinasKesehatan.go.id", "Akun YouTubeKompas dan laman DinasKesehatan.go.id"),
        ("TikTok, YouTube, dan WhatsApp dipakai PemkabBogor.", "TikTok, YouTube, dan WhatsApp dipakai Pemkab Bogor."),
    ],
)
def test_deglue_keeps_brand_words(line, expected):
    from pipeline.ingest import _deglue, patterns

    assert _deglue(line, patterns()) == expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Kepala dinas Ahmad Fauzanmengatakan banjir surut.", "Kepala dinas Ahmad Fauzan mengatakan banjir surut."),
        ("Warga memilih Budi Wibowoatau Andi Saputra.", "Warga memilih Budi Wibowo atau Andi Saputra."),
        # a known word that ends in one of those words stays whole
        ("Saham PT Krakatau Steel Tbk naik; Gunung Anak Krakatau erupsi.",
         "Saham PT Krakatau Steel Tbk naik; Gunung Anak Krakatau erupsi."),
    ],
)
def test_a_verb_glued_to_a_name_is_split_but_not_out_of_a_word(line, expected):
    from pipeline.ingest import _deglue, patterns

    assert _deglue(line, patterns()) == expected


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Bupati\x07 hadir\x85.", "Bupati hadir."),  # control characters (C0 and C1) removed
        ("kolom\tdua\nbaris", "kolom dua\nbaris"),  # a tab is a space; the newline stays
        ("nol\u200blebar\u00a0spasi", "nollebar spasi"),
        ("misi Eropa â\x80\x94 dan â\x80\x9cdia\u201d", "misi Eropa — dan “dia”"),  # UTF-8 read as cp1252, repaired
        ("Harga naik 5% â€“ kata “dia”", "Harga naik 5% – kata “dia”"),
    ],
)
def test_normalize_text(raw, expected):
    from pipeline.ingest import normalize_text

    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "word,expected",
    [
        ("Tangerangselama", "Tangerang selama"),  # a link's last word glued to the next word
        ("Bekasimasih", "Bekasi masih"),
        ("Polisimenangkap", "Polisi menangkap"),
        ("narkobadi", "narkoba di"),
        ("harimauyang", "harimau yang"),
        ("mengatasiserangan", "mengatasi serangan"),
        ("Sunardi", "Sunardi"),  # Javanese names end in words ("di", "ini", "sari") and are never cut
        ("Widyantini", "Widyantini"),
        ("Purnamasari", "Purnamasari"),
        ("Danantara", "Danantara"),
        ("mengintervensi", "mengintervensi"),  # prefixes of word formation are no seam
        ("pascabencana", "pascabencana"),
        ("menunggak", "menunggak"),  # listed in never_split
        ("pemerintah", "pemerintah"),  # a known word is never split
        ("akibatbanjir", "akibat banjir"),  # a function word glued to the next word
        ("Environmental", "Environmental"),  # listed in never_split ("men-tal" is no verb)
        ("Sugiartoyang", "Sugiarto yang"),  # a short clause word after a name of five letters or more
        ("Daguisepada", "Daguise pada"),
        ("Ramadan", "Ramadan"),  # "dan" is not in short_words_after_name: names end in it
        ("Keserentakan", "Keserentakan"),  # a derived noun (ke-...-an) is no name glued to "akan"
        ("industrifilm", "industri film"),  # a very frequent four-letter word after a longer known word
        ("bukuresep", "buku resep"),  # a rarer one ("resep") by the rule for two common words (pair)
        ("marinasi", "marinasi"),  # ... nor after a four-letter word ("mari|nasi")
        ("presidensial", "presidensial"),  # "sial" is not frequent enough
        ("diberitakandetik", "diberitakan detik"),  # a di-/me- verb rarer than min_zipf_left is a left part
        ("ditulisdaftar", "ditulis daftar"),
        ("kendaraandinasdi", "kendaraan dinas di"),  # two seams: the left part is glue itself
        ("hargatiketyang", "harga tiket yang"),
        ("lewatsuratkepada", "lewat surat kepada"),  # not "surat ke pada": "kepada" is one word
        ("Hendrabakal", "Hendra bakal"),  # modal words after a name
        ("Wulandarisempat", "Wulandari sempat"),
        ("detikjateng", "detikjateng"),  # an outlet's brand
        ("pemberdayaan", "pemberdayaan"),  # affixed words, compounds and names stay whole
        ("keberlanjutan", "keberlanjutan"),
        ("dipertanggungjawabkan", "dipertanggungjawabkan"),
        ("menyelenggarakan", "menyelenggarakan"),
        ("saputangan", "saputangan"),
        ("kacamata", "kacamata"),
        ("Kurniadi", "Kurniadi"),
        ("Hadiyanto", "Hadiyanto"),
        ("Mulyadi", "Mulyadi"),
        ("Ahmadi", "Ahmadi"),
        # two common words (deglue_words.pair), also as the left part of two seams
        ("penyandangdisabilitas", "penyandang disabilitas"),
        ("kasuspencurian", "kasus pencurian"),
        ("modelsepatu", "model sepatu"),
        ("ojekonlineyang", "ojek online yang"),
        # ... but no affixed form of a known word, no English word, no prefix of word formation
        ("teramati", "teramati"),  # ter-amati, not "tera mati"
        ("memesona", "memesona"),  # mem-pesona, not "meme sona"
        ("kenaikannya", "kenaikannya"),
        ("busananya", "busananya"),
        ("disalahpahami", "disalahpahami"),  # a rarer di- form is no left part
        ("overtourism", "overtourism"),
        ("speedboat", "speedboat"),
        ("retroaktif", "retroaktif"),
        ("perikemanusiaan", "perikemanusiaan"),
        ("kiloliter", "kiloliter"),
        ("senimultidisiplin", "senimultidisiplin"),  # not "seni multi disiplin"
        ("danground", "danground"),  # two seams between two words: "dan|ground", "dang|round"
    ],
)
def test_glued_words_are_split_only_at_safe_seams(word, expected):
    from pipeline.ingest import split_glued_word

    assert split_glued_word(word) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a clause word glued onto a name the article writes alone
        ("Presiden Prabowo Subianto tiba. Prabowo Subiantodan rombongan makan siang.",
         "Presiden Prabowo Subianto tiba. Prabowo Subianto dan rombongan makan siang."),
        ("Erling Haaland mencetak gol. Haalandpun berlari ke sudut.", "Erling Haaland mencetak gol. Haaland pun berlari ke sudut."),
        ("Fadli Zon hadir. Fadli Zonyang juga datang.", "Fadli Zon hadir. Fadli Zon yang juga datang."),
        # any known word, where the name before it is written with the name too
        ("Kimberly Ryder tampil. Kimberly Rydersambil tersenyum.", "Kimberly Ryder tampil. Kimberly Ryder sambil tersenyum."),
        ("POTRET Nagita Slavinapakai baju. Raffi Ahmad dan Nagita Slavina datang.",
         "POTRET Nagita Slavina pakai baju. Raffi Ahmad dan Nagita Slavina datang."),
        # ... but not without that: "Rydersambil" after a lower-case word
        ("Ryder tampil. Pemain itu, Rydersambil tersenyum.", "Ryder tampil. Pemain itu, Rydersambil tersenyum."),
        # names that end in a word stay whole: no shorter name in the article, a known word, a
        # name ending, or a name written more often whole than cut
        ("Warga Sunardi datang ke Balai Desa.", "Warga Sunardi datang ke Balai Desa."),
        ("Bulan Ramadan tiba. Rama datang.", "Bulan Ramadan tiba. Rama datang."),
        ("Presiden Jokowi bertemu Joko Widodo.", "Presiden Jokowi bertemu Joko Widodo."),
        ("Kota Batu dan Kabupaten Batubara.", "Kota Batu dan Kabupaten Batubara."),
        ("Alyssa Daguise menikah. Alyssa Daguise senang. Alyssa Dagui tersenyum.",
         "Alyssa Daguise menikah. Alyssa Daguise senang. Alyssa Dagui tersenyum."),
        ("Kurnia Sari hadir. Kurniadi mengatakan itu.", "Kurnia Sari hadir. Kurniadi mengatakan itu."),  # "di" + a verb
        ("Bapak Hadi Santoso dan Bapak Hadiyanto hadir.", "Bapak Hadi Santoso dan Bapak Hadiyanto hadir."),  # a name ending
        ("Donald Trump menelepon. Trumpdi Gedung Putih menunggu.", "Donald Trump menelepon. Trump di Gedung Putih menunggu."),
        ("Pasar Iran tutup. Warga Irandi sana menunggu.", "Pasar Iran tutup. Warga Iran di sana menunggu."),
        # a quotation stays as published
        ("“Prabowo Subiantodan kami bersatu,” kata Prabowo Subianto.", "“Prabowo Subiantodan kami bersatu,” kata Prabowo Subianto."),
    ],
)
def test_words_glued_onto_a_name_the_article_writes_alone_are_split(text, expected):
    from pipeline.ingest import deglue_attested

    assert deglue_attested([text]) == [expected]


@pytest.mark.parametrize(
    "title,text,expected",
    [
        # the title is evidence for a name the body writes only glued
        ("Menteri Wiratama Sulistyo Tinjau Pasar", "Kemarin Menteri Sulistyoyang baru dilantik hadir.",
         "Kemarin Menteri Sulistyo yang baru dilantik hadir."),
        ("Presiden Anwar Ibrahim Berkunjung", "Perdana Menteri Anwar Ibrahimdi kota Medan disambut.",
         "Perdana Menteri Anwar Ibrahim di kota Medan disambut."),
        # ... but a name the title writes whole stays whole
        ("Kurnia Raih Medali", "Pelatih Kurniadi mengatakan timnya siap.", "Pelatih Kurniadi mengatakan timnya siap."),
        ("Hadi Bertemu Warga", "Camat Hadiyanto hadir di sana.", "Camat Hadiyanto hadir di sana."),
        # ... and the title itself is not returned
        (None, "Kemarin Menteri Sulistyoyang baru dilantik hadir.", "Kemarin Menteri Sulistyoyang baru dilantik hadir."),
    ],
)
def test_deglue_attested_takes_names_from_the_title(title, text, expected):
    from pipeline.ingest import deglue_attested

    assert deglue_attested([text], title) == [expected]


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Warga berziarah diBlitar, Jawa Timur.", "Warga berziarah di Blitar, Jawa Timur."),
        ("Rombongan berangkat keSurabaya pagi ini.", "Rombongan berangkat ke Surabaya pagi ini."),
        ("Tim itu tampil diPiala Dunia.", "Tim itu tampil di Piala Dunia."),
        # a lower-case handle or path with a dot is never cut
        ("Daftar lewat ranselsehat.kotabogor, gratis.", "Daftar lewat ranselsehat.kotabogor, gratis."),
        # nor an @handle or #hashtag by word frequencies, while the text around it is split
        ("Video akun @pendakigunung viral, kata penyandangdisabilitas itu.",
         "Video akun @pendakigunung viral, kata penyandang disabilitas itu."),
        ("Tagar #wisatapantai ramai.", "Tagar #wisatapantai ramai."),
        # a recent year glued to the word before it, but not a brand's digits nor a path
        ("Peserta Bogor Marathon2025 dan Festival Kopi2024 hadir.", "Peserta Bogor Marathon 2025 dan Festival Kopi 2024 hadir."),
        ("Bengkel Servis2000 di Jalan Merdeka, perkara 12/Pdt.Sus-HK/merek2024 PN Bogor.",
         "Bengkel Servis2000 di Jalan Merdeka, perkara 12/Pdt.Sus-HK/merek2024 PN Bogor."),
        # "di"/"ke" inside a word is no preposition
        ("Kaderisasi di DiKlat berjalan.", "Kaderisasi di DiKlat berjalan."),
    ],
)
def test_deglue_prepositions_and_handles(line, expected):
    from pipeline.ingest import _deglue, patterns

    assert _deglue(line, patterns()) == expected


def test_deglue_attested_runs_in_clean():
    art = _clean("Menteri Budi Gunadi Sadikin hadir di Bogor. Budi Gunadi Sadikindi sana meresmikan klinik.\n")
    assert "Budi Gunadi Sadikin di sana" in art.text


def test_a_short_capitalised_word_glued_to_the_next_name_is_split():
    art = _clean("Penerbangan dari Bandara Ngurah RaiBali ke Lombok dibatalkan. Warga memakai TikTok dan PayPal.\n")
    assert "Ngurah Rai Bali" in art.text and "TikTok" in art.text and "PayPal" in art.text


def test_glued_words_inside_quotations_stay_as_published():
    art = _clean("Petugas di Kota Bekasimasih berjaga. “Kami akan menghadirkanbantuan untukwarga diBekasi,” kata Budi Santoso.\n")
    assert "Bekasi masih" in art.text
    assert "“Kami akan menghadirkanbantuan untukwarga diBekasi,”" in art.text


@pytest.mark.parametrize(
    "text,glued,kept",
    [
        ("Juara Putri Pariwisata 2023Sekar Ayu Lestari tampil di Bali.\n", "2023 Sekar Ayu Lestari", None),
        # a number that is no year, and a year before a lower-case word, stay as written
        ("Tim itu memakai seri 12Pro sejak 2024dan masih puas.\n", None, "12Pro"),
    ],
)
def test_a_year_glued_to_a_name_is_split(text, glued, kept):
    art = _clean(text)
    assert glued is None or glued in art.text
    assert kept is None or kept in art.text


def test_a_comma_without_a_space_is_kept():
    art = _clean("Pembalap tim itu,Joan Mir, tampil cepat di Sirkuit Mandalika.\n")
    assert "itu, Joan Mir" in art.text


def test_deglue_words_settings_are_valid():
    import re

    d = load_resource("furniture")["deglue_words"]
    re.compile(d["verb_pattern"])
    for key in ("clause_words", "prefixes", "name_endings", "never_split"):
        assert d[key] and all(w == w.strip().lower() and w.isalpha() for w in d[key]), key
        assert len(d[key]) == len(set(d[key])), key
    att = d["attested"]
    assert set(att["clause_words_names_end_in"]) <= set(d["clause_words"])
    never = att["never_right"]
    assert never and all(w == w.strip().lower() and w.isalpha() for w in never) and len(never) == len(set(never))
    assert not set(never) & set(d["clause_words"])  # a clause word is always split off an attested name
    assert att["min_left"] >= 3 and 0 < att["min_zipf_right"] < 8
    assert 0 < d["min_zipf_left"] <= d["min_zipf_both"] < 8 and d["min_len"] >= 4
    pair = d["pair"]
    for key in ("never_left", "prefixes", "suffixes"):
        assert all(w == w.strip().lower() and w.isalpha() for w in pair[key]) and len(pair[key]) == len(set(pair[key])), key
    assert set(pair["nasal"]) <= set(pair["prefixes"]) and 0 < pair["min_zipf"] <= pair["min_zipf_verb_left"] < 8


def test_furniture_resource_is_valid():
    import re

    f = load_resource("furniture")
    for group in ("drop_line", "block_start", "caption_start", "strip_inline", "strip_tail", "deglue"):
        ids = [x["id"] for x in f[group]]
        assert len(ids) == len(set(ids)), group
        for x in f[group]:
            re.compile(x["pattern"])
    re.compile(f["related_run_on"]["pattern"])
    o = load_resource("outlets")
    for x in o["datelines"]:
        assert "outlet" in re.compile(x["pattern"]).groupindex or "place" in re.compile(x["pattern"]).groupindex


# --------------------------------------------------------------------------- bad input

def _reasons(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return list(read_file(p))


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("bad.txt", b"Wali Kota \xff\xfe berkata \x81", "E001"),
        ("bin.txt", b"\x00\x01\x02\x03PNG\x00\x00" * 50, "E002"),
        ("empty.txt", b"", "E003"),
        ("blank.txt", b"   \n\n", "E003"),
        ("data.csv", b"a,b\n1,2\n", "E005"),
        ("noext", b"hello", "E005"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path, name, data, code):
    out = _reasons(tmp_path, name, data)
    assert len(out) == 1 and isinstance(out[0], Skipped)
    assert out[0].code == code and name in out[0].reason and "\n" not in out[0].reason


def test_broken_jsonl_line_costs_only_that_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    good = {"text": BODY, "url": "https://www.example.id/read/banjir-depok-1", "published": "2024-03-14"}
    p.write_text(json.dumps(good) + "\n{broken json\n" + json.dumps({"title": "no text"}) + "\n"
                 + json.dumps({**good, "url": "https://www.example.id/read/banjir-depok-2"}) + "\n")
    out = list(read_articles([p]))
    arts = [x for x in out if not isinstance(x, Skipped)]
    skips = [x for x in out if isinstance(x, Skipped)]
    assert len(arts) == 2 and {s.code for s in skips} == {"E004", "E008"}
    assert all("feed.jsonl" in s.reason for s in skips)


def test_jsonl_gz_and_decompression_bomb_guard(tmp_path):
    p = tmp_path / "feed.jsonl.gz"
    with gzip.open(p, "wb") as fh:
        fh.write((json.dumps({"text": BODY}) + "\n").encode())
        fh.write(b" " * 3_000_000 + b"\n")
        fh.write((json.dumps({"text": BODY + "Tambahan."}) + "\n").encode())
    out = list(read_file(p, IngestConfig(max_decompressed_bytes=1_000_000)))
    assert isinstance(out[0], RawArticle)
    assert isinstance(out[-1], Skipped) and out[-1].code in ("E009", "E006")


def test_five_megabyte_single_line_is_refused(tmp_path):
    p = tmp_path / "giant.txt"
    p.write_text("kata " * 1_100_000)
    out = list(read_articles([p]))
    assert len(out) == 1 and isinstance(out[0], Skipped) and out[0].code == "E006"
    assert "giant.txt" in out[0].reason


def test_truncate_instead_of_skip(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text((BODY * 2000))
    out = list(read_articles([p], IngestConfig(max_chars=10_000, on_too_long="truncate")))
    assert len(out) == 1 and not isinstance(out[0], Skipped)
    assert len(out[0].text) <= 10_000 and out[0].warnings


def test_html_main_text(tmp_path):
    html = """<html><head><title>Banjir Depok</title><meta property="og:site_name" content="Kabar Depok">
    <meta property="article:published_time" content="2024-03-14T10:00:00+07:00"></head><body>
    <nav><a href="/">Beranda</a><a href="/politik">Politik</a></nav>
    <article><h1>Banjir Depok</h1><p>Wali Kota Depok Supian Suri meninjau lokasi banjir di Kecamatan Cilodong bersama
    jajaran BPBD dan relawan setempat pada Kamis pagi.</p>
    <p>"Kami sudah siapkan pompa tambahan dan posko pengungsian untuk warga," kata Supian kepada wartawan.</p></article>
    <aside><h3>Terpopuler</h3><ul><li>Budi Hartono jadi Sekda</li></ul></aside>
    <footer>Copyright © Kabar Depok 2024</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html)
    out = list(read_articles([p]))
    assert len(out) == 1 and not isinstance(out[0], Skipped)
    a = out[0]
    assert "pompa tambahan" in a.text and "Budi Hartono" not in a.text and "Beranda" not in a.text
    assert a.published == dt.date(2024, 3, 14) and a.outlet == "Kabar Depok"


@pytest.mark.parametrize("tail", ["(rdn/Hilman Firdaus)", "(Aji)", "(ant/mhd)", "Copyright © ANTARA 2024", "(*)", "(mcr23/jpnn)", "[ded]",
                                  "(id23)", "(Kabardepok.com/Rin)", "(Rina Wulandari/kabardepok)", "(KABARDEPOK.COM/RINA WULANDARI)",
                                  "24 November 2025", "KabarDepok.id\n24 November 2025", "(ant/mhd)\nSenin, 24 November 2024 10:15 WIB"])
def test_credit_tails_removed_even_before_blank_lines(tail):
    art = _clean(BODY + tail + "\n\n")
    assert tail not in art.text and art.text.endswith("kata Supian.")


@pytest.mark.parametrize(
    "caption",
    [
        "KOMPAS.com/RINA WULANDARIMobil listrik baru dipamerkan di arena pameran",
        "Kompas.com/Dedi KurniawanSuasana antrean warga di depan kantor kelurahan",
        "Dok. Polres CianjurPetugas memeriksa lokasi kecelakaan di Jalan Raya Cipanas",
        "dok.SuzukiSuzuki Indonesia",
        "SHUTTERSTOCK/Budi SantosoIlustrasi pasar saham.",
        "PIXABAY/12345Ilustrasi rumah subsidi.",
        "freepikPerbedaan tidur siang dan tidur malam",
        "HONDAIlustrasi servis rutin sepeda motor",
        "Andi Pratama/Money.kompas.comIlustrasi cara mengurus paspor.",
    ],
)
def test_photo_captions_removed(caption):
    art = _clean(BODY + caption + "\nWarga diminta waspada hingga akhir pekan.\n")
    assert "Ilustrasi" not in art.text and "Money.kompas" not in art.text
    assert caption.split()[-1] not in art.text.split("\n")[-2]
    assert "Warga diminta waspada" in art.text


@pytest.mark.parametrize(
    "line",
    [
        "Dokter Rina mengatakan pasien sudah membaik.",  # a body sentence that opens with 'Dok'
        "“Dok. saya sudah minum obat,” kata Budi kepada dokter.",  # quoted
        "Freepik merupakan situs penyedia gambar yang populer di kalangan desainer.",
        "Sebagai ilustrasi, harga cabai naik dua kali lipat dalam sepekan.",
        "Harga beras Rp 12.000/kg di Pasar Kosambi, Bandung, pada Kamis (14/3/2024).",
        # body lines like furniture
        "Cek pajak kendaraan bisa dilakukan lewat aplikasi WhatsApp. Berikut ini caranya.",
        "Yuk, intip potret terbaru penyanyi itu yang diunggah di akun Instagramnya, Kamis (14/3/2024).",
        "Cek Fakta Kabar Depok mendapati klaim itu diunggah salah satu akun Instagram.",
        "Sumber daya air di Depok dinilai cukup untuk musim kemarau.",
        "Halaman sekolah itu tergenang air setinggi 30 sentimeter.",
        "Oleh karena itu, warga diminta waspada.",
        "Oleh Polisi Sektor Cilodong, pelaku langsung dibawa ke rumah sakit.",
        "Ia menyebut tiga relawan berkontribusi dalam penyusunan laporan itu sejak awal.",
        "Editor senior majalah itu, Rina Wulandari, hadir dalam acara peluncuran.",
        "Petugas memasang pompa di Cilodong (Kamis) dan warga membantu (PMI/Relawan).",
    ],
)
def test_body_lines_like_captions_kept(line):
    art = _clean(BODY + line + "\n")
    assert line in art.text


@pytest.mark.parametrize(
    "raw, gone",
    [
        ("Ikuti Whatsapp Channel Republika", "Whatsapp"),
        ("Loading...", "Loading"),
        ("Pemerintah akan menambah kuota pupuk, kata dia.Loading...Ikuti Whatsapp Channel Republika", "Whatsapp"),
        ("Pemerintah akan menambah kuota pupuk, kata dia.Ikuti Whatsapp Channel Republikasumber : Antara", "sumber"),
        ("Warga panik.\"Petugas memeriksa rumah yang rusak di Gaza, Senin (16/6/2025). - (AP Photo/Ali Hassan)Serangan itu berlangsung semalam.", "AP Photo"),
    ],
)
def test_republika_leftovers_removed(raw, gone):
    art = _clean(BODY + raw + "\nWarga diminta waspada hingga akhir pekan.\n")
    assert gone not in art.text
    assert "Warga diminta waspada" in art.text


@pytest.mark.parametrize(
    "raw, want",
    [
        ("Stok pupuk sudah aman, kata dia.Pemerintah akan menambah kuota.", "kata dia. Pemerintah akan"),
        ("Rapat digelar pada Kamis (19/6/2025).Rudal itu ditembakkan malam hari.", "(19/6/2025). Rudal itu"),
        ("“Kami siap bekerja keras.Semua sudah siap,” ujarnya.", "keras. Semua sudah"),
        ("Menteri Sosial (Mensos)Saifullah Yusuf meninjau dapur umum.", "(Mensos) Saifullah Yusuf"),
        ("Kepala sekolah Nuryanta(MAN) hadir dalam acara itu.", "Nuryanta (MAN)"),
        ("Kurator PT Sri Rejeki Isman (Sritex)Iwan Kartiko hadir.", "(Sritex) Iwan Kartiko"),
    ],
)
def test_lost_sentence_and_bracket_spaces(raw, want):
    art = _clean(BODY + raw + "\n")
    assert want in art.text


@pytest.mark.parametrize(
    "line",
    [
        "Kantor itu berada di Jl.Sudirman, Jakarta Pusat.",
        "Ia diperiksa dr. Rina Sari, Sp.P.D., Subsp.G.E.H.(K), di rumah sakit.",
        "Informasi lengkap ada di laman s.id/daftar.Pendaftar diminta bergegas.",
        "Laporan dikirim ke humas@pemkot.Depok.go.id pada pagi hari.",
        "Peserta memilih satu jawaban(s) dari daftar yang tersedia.",
        "Rumus air adalah H2O dan karat adalah Fe(OH)3 menurut guru kimia.",
        "“Saya bilang ke dia(Budi) jangan pulang dulu,” ujar Rina.",  # a quotation stays as published
    ],
)
def test_dots_and_brackets_that_stay(line):
    art = _clean(BODY + line + "\n")
    assert line in art.text


@pytest.mark.parametrize(
    "head",
    [
        "Dimas Prayoga\nSenin, 17 November 2025 - 10:45 WIB",  # a byline over the date line
        "Rina Wulandari - detikJabar\nSenin, 17 Nov 2025 10:45 WIB",
        "Oleh Rina Wulandari\n17 November 2025, 10.45",
        "Kabardepok.id - 17/11/2025, 10:45 WIB\nRina Wulandari",  # an outlet before the date, a byline under it
        "Rabu, 17 November 2025 – 10:45 WIB",  # an en dash before the time
    ],
)
def test_a_byline_by_the_header_date_is_furniture(head):
    art = _clean("Pemkot Depok siagakan pompa\n\n" + head + "\n\nDEPOK - Wali Kota Depok meninjau pompa banjir.\nWarga diminta waspada.")
    assert art.published == dt.date(2025, 11, 17) and art.published_from == "metadata"
    assert art.text.startswith("DEPOK - ") and art.dateline == "Depok"


@pytest.mark.parametrize(
    "text,kept",
    [
        ("Dimas Prayoga\nDEPOK - Wali Kota Depok meninjau pompa banjir.", "DEPOK - Wali Kota"),  # a byline over the dateline
        ("Oleh\nRINA WULANDARI\n\nDEPOK, KOMPAS — Wali Kota Depok meninjau pompa banjir.", "DEPOK, KOMPAS — Wali Kota"),
        ("Wali Kota Depok meninjau pompa banjir.\nDepok - Warga diminta waspada.", "Wali Kota Depok meninjau"),  # a body line stays
        ("Banjir Depok\nRina Wulandari\nDEPOK - Wali Kota Depok meninjau pompa banjir.", "Banjir Depok\nRina Wulandari"),  # two lines: not sure
    ],
)
def test_a_byline_over_the_dateline_is_furniture(text, kept):
    art = clean(RawArticle(source="x.jsonl", text=text, title="Pemkot Depok siagakan pompa", fmt="jsonl"))
    assert art.text.startswith(kept)


def test_a_photo_button_takes_its_credit_and_caption():
    art = _clean(BODY + "Lihat Foto\nKABARDEPOK.ID/RINA WULANDARI\nPetugas memasang pompa di Cilodong, Kamis (14/3/2024).\n"
                 "Warga diminta waspada hingga akhir pekan.\n")
    assert "Lihat Foto" not in art.text and "RINA" not in art.text and "memasang pompa" not in art.text
    assert art.text.endswith("Warga diminta waspada hingga akhir pekan.")


def test_a_quotation_after_a_photo_button_is_kept():
    art = _clean(BODY + "Lihat Foto\n\"Pompa kami siagakan sampai akhir bulan,\" kata Supian.\n")
    assert "Pompa kami siagakan" in art.text


# --------------------------------------------------------------------------- outlets we have no real data from

OUTLET_PAGES = Path(__file__).resolve().parent / "outlet_pages"  # our own invented articles in outlets' page layouts
OUTLET_EXPECT = {k: v for k, v in json.loads((OUTLET_PAGES.parent / "outlet_pages.json").read_text()).items()
                 if not k.startswith("_")}


def _outlet_pages() -> dict:
    pages = {}
    for f in sorted(OUTLET_PAGES.iterdir()):
        for raw in read_file(f):
            pages[raw.id or f.stem] = raw
    return pages


@pytest.mark.parametrize("key", sorted(OUTLET_EXPECT))
def test_outlet_page_is_cleaned(key):
    """Page furniture of many outlets' layouts (raw scraper copies and clean copies) leaves the text,
    the body stays whole, and the dateline and publication date are read."""
    want = OUTLET_EXPECT[key]
    art = clean(_outlet_pages()[key])
    assert not isinstance(art, Skipped)
    assert [g for g in want["gone"] if g in art.text] == []
    assert [k for k in want["kept"] if k not in art.text] == []
    assert art.text.endswith(want["kept"][-1]), art.text[-200:]  # nothing after the last body sentence
    assert art.dateline == want["dateline"]
    assert str(art.published) == want["published"]


@pytest.fixture(scope="module")
def outlet_pages_output(tmp_path_factory):
    import pandas as pd

    from pipeline.extract import ExtractConfig, run_extract

    out = tmp_path_factory.mktemp("outlet_pages_out")
    run_extract([OUTLET_PAGES], out, ExtractConfig(workers=1, progress=False))
    key_of = {raw.source: key for key, raw in _outlet_pages().items()}
    arts = pd.read_parquet(out / "articles.parquet")
    return ({key_of[s]: a for s, a in zip(arts.source, arts.article_id)}, pd.read_parquet(out / "mentions.parquet"),
            pd.read_parquet(out / "quotes.parquet"))


def _same_name(a: str, b: str) -> bool:
    """The scorer's test: one name is the other or whole words of it, case aside ("Budi" in "Budi Santoso")."""
    a, b = a.casefold(), b.casefold()
    return any(re.search(rf"(?<!\w){re.escape(x)}(?!\w)", y) for x, y in ((a, b), (b, a)))


ALL_NOISE = sorted({n for want in OUTLET_EXPECT.values() for n in want["noise"]})


@pytest.mark.parametrize("key", sorted(OUTLET_EXPECT))
def test_no_furniture_name_is_a_person_or_speaker(outlet_pages_output, key):
    """A reporter, editor or photographer, or a person of a related headline, is never a PERSON or a
    quote's speaker (the names of every page are checked, as the scorer does)."""
    article_of, mentions, quotes = outlet_pages_output
    aid = article_of[key]
    persons = mentions[(mentions.article_id == aid) & (mentions.label == "PERSON")]
    names = {*persons.text, *(x for x in persons.normalized if x)}
    names |= {x for x in quotes[quotes.article_id == aid].speaker if x}
    assert [(n, x) for n in ALL_NOISE for x in names if _same_name(n, x)] == []
    said = [q for q in quotes[quotes.article_id == aid].text for nq in OUTLET_EXPECT[key].get("not_quotes", []) if q.startswith(nq)]
    assert said == []  # a quoted headline of the furniture is no quotation
    assert not persons.empty or key in ("antara-padang-gempa", "medcom-jakarta")  # the body's people are found
