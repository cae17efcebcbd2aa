"""Quote extraction: who said what, on paragraphs written for these tests.

Each row: an article body and the quotes expected from it as (speaker, first words, kind).
Direct quotes must match exactly (no more, no fewer); indirect quotes listed must be present.
Every person is introduced with an office or a speech cue, so the rules alone find them.
"""

from __future__ import annotations

import pytest

from pipeline.quotes import Quote, extract_quotes, quote_id

D, I = "direct", "indirect"

CASES = [
    pytest.param(
        "Wakil Wali Kota Jakarta Timur Iin Mutmainah membuka sosialisasi itu di Cakung.\n"
        "\"Kami ingin warga datang ke TPS dengan gembira,\" kata Wakil Wali Kota Jakarta Timur Iin Mutmainah.",
        [("Iin Mutmainah", "Kami ingin warga datang", D)], id="straight-speaker-after-with-office"),
    pytest.param(
        "Kepala Dinas Sosial Kota Bekasi Budi Santoso meninjau dapur umum di Bekasi Timur.\n"
        "“Stok beras kami cukup sampai akhir bulan ini,” ujarnya.",
        [("Budi Santoso", "Stok beras kami cukup", D)], id="curly-clitic-ujarnya"),
    pytest.param(
        "Camat Cilandak Rina Marlina mendatangi lokasi longsor bersama petugas.\n"
        "\"Kami minta warga menjauh dari tebing sampai hujan reda,\" tutur dia.",
        [("Rina Marlina", "Kami minta warga menjauh", D)], id="tutur-dia"),
    pytest.param(
        "Ketua RW 05 Hasan Basri mengatakan, \"Kami sudah menyiapkan tenda untuk pengungsi malam ini.\"",
        [("Hasan Basri", "Kami sudah menyiapkan tenda", D)], id="speaker-before-mengatakan"),
    pytest.param(
        "Lurah Kebon Kosong Siti Aminah hadir dalam rapat itu. Menurut Siti, \"Pendataan warga harus selesai sebelum Jumat.\"",
        [("Siti Aminah", "Pendataan warga harus selesai", D)], id="menurut-before-quote"),
    pytest.param(
        "Camat Menteng Rudi Hartono memimpin apel pagi.\n"
        "“Perbaikan jalan dimulai pekan depan,” ujar Camat Menteng Rudi Hartono. “Warga kami minta bersabar karena ada pengalihan arus.”",
        [("Rudi Hartono", "Perbaikan jalan dimulai", D), ("Rudi Hartono", "Warga kami minta bersabar", D)],
        id="split-around-cue"),
    pytest.param(
        "Kepala BPBD Sleman Agung Wibowo menjelaskan kondisi terakhir di lapangan:\n"
        "“Air mulai surut sejak pagi. Kami masih menyiagakan perahu karet di tiga titik.\n"
        "“Posko pengungsian tetap dibuka sampai warga aman kembali ke rumah masing-masing,” katanya.",
        [("Agung Wibowo", "Air mulai surut sejak", D), ("Agung Wibowo", "Posko pengungsian tetap dibuka", D)],
        id="multi-paragraph-quotation"),
    pytest.param(
        "Sekretaris Daerah Kota Bogor Syarifah Sofiah menyampaikan pesan kepada para lurah:\n"
        "\"Jangan ada lurah yang menunda laporan banjir di wilayahnya, sekecil apa pun.\"",
        [("Syarifah Sofiah", "Jangan ada lurah yang", D)], id="whole-paragraph-speaker-before"),
    pytest.param(
        "Rapat evaluasi pasar digelar di balai kota pada Senin.\n"
        "\"Harga cabai mulai turun dan pasokan dari petani sudah normal kembali.\"\n"
        "Demikian disampaikan Kepala Dinas Perdagangan Kota Malang Wahyu Setianto usai rapat.",
        [("Wahyu Setianto", "Harga cabai mulai turun", D)], id="whole-paragraph-demikian-after"),
    pytest.param(
        "Ketua KPU Kota Bogor Dede Rahmat menyebut logistik pemilu sudah tiba di gudang.\n"
        "\"Semua kotak suara sudah kami periksa satu per satu,\" ujarnya.\n"
        "Sementara itu, Ketua Bawaslu Kota Bogor Sari Lestari menyoroti pengawasan di gudang logistik.\n"
        "\"Kami menempatkan pengawas di gudang selama dua puluh empat jam,\" katanya.\n"
        "\"Kalau ada segel yang rusak, kami langsung mencatatnya,\" imbuhnya.",
        [("Dede Rahmat", "Semua kotak suara sudah", D), ("Sari Lestari", "Kami menempatkan pengawas", D),
         ("Sari Lestari", "Kalau ada segel yang", D)], id="pronoun-two-speakers-alternating"),
    pytest.param(
        "Ketua Bawaslu Kota Bogor Sari Lestari meninjau gudang logistik.\n"
        "\"Kami menempatkan pengawas di gudang selama dua puluh empat jam,\" kata Sari.\n"
        "Pengawasan gudang itu juga melibatkan petugas keamanan yang dikoordinasikan oleh Camat Bogor Barat Hendra Gunawan.\n"
        "\"Kerja sama ini sudah berjalan sejak pemilu sebelumnya,\" tuturnya.",
        [("Sari Lestari", "Kami menempatkan pengawas", D), ("Sari Lestari", "Kerja sama ini sudah", D)],
        id="pronoun-new-person-as-object-keeps-speaker"),
    pytest.param(
        "Ketua Bawaslu Kota Bogor Sari Lestari meninjau gudang logistik.\n"
        "\"Kami menempatkan pengawas di gudang selama dua puluh empat jam,\" kata Sari.\n"
        "Camat Bogor Barat Hendra Gunawan menambahkan, petugas kecamatan ikut berjaga secara bergiliran.\n"
        "\"Ada enam petugas yang kami siagakan setiap malam,\" ujarnya.",
        [("Sari Lestari", "Kami menempatkan pengawas", D), ("Hendra Gunawan", "Ada enam petugas yang", D)],
        id="pronoun-new-subject-takes-over"),
    pytest.param(
        "Kepala Dinas Pendidikan Kota Padang Yosefriawan meninjau sekolah yang rusak.\n"
        "\"Perbaikan atap akan selesai sebelum tahun ajaran baru dimulai,\" kata Yosefriawan.\n"
        "Ia menambahkan, \"Murid sementara belajar di gedung serbaguna milik kelurahan.\"",
        [("Yosefriawan", "Perbaikan atap akan selesai", D), ("Yosefriawan", "Murid sementara belajar", D)],
        id="pronoun-ia-before-quote"),
    pytest.param(
        "Bupati Sleman Kustini Sri Purnomo mengunjungi warga terdampak banjir.\n"
        "\"Bantuan kami salurkan lewat posko di setiap kalurahan,\" kata Kustini.\n"
        "Beliau juga meminta warga melapor bila bantuan belum diterima.\n"
        "\"Jangan sungkan untuk datang ke posko terdekat,\" tandasnya.",
        [("Kustini Sri Purnomo", "Bantuan kami salurkan lewat", D), ("Kustini Sri Purnomo", "Jangan sungkan untuk datang", D)],
        id="pronoun-beliau-then-tandasnya"),
    pytest.param(
        "Ketua DPRD Kota Depok Ade Supriyatna hadir dalam rapat paripurna.\n"
        "\"Anggaran pendidikan naik tahun ini dan kami kawal penggunaannya,\" ungkapnya. "
        "\"Sekolah negeri baru akan dibangun di dua kecamatan,\" sambungnya.",
        [("Ade Supriyatna", "Anggaran pendidikan naik", D), ("Ade Supriyatna", "Sekolah negeri baru akan", D)],
        id="clitics-ungkapnya-sambungnya"),
    pytest.param(
        "Kepala Dinas Perhubungan Kota Depok Eko Prasetyo meninjau Terminal Jatijajar.\n"
        "Terminal itu melayani puluhan ribu penumpang setiap hari.\n"
        "\"Kami menambah armada bus pada jam sibuk mulai bulan depan,\" kata Kepala Dinas Perhubungan itu.",
        [("Eko Prasetyo", "Kami menambah armada bus", D)], id="role-noun-cue-with-itu"),
    pytest.param(
        "Ketua KPU Kota Bandung Suharti menerima kunjungan pelajar di kantornya.\n"
        "\"Pemilih pemula adalah kunci partisipasi,\" kata Suharti.\n"
        "\"Kami ingin mereka tidak ragu datang ke TPS,\" ujar ketua KPU itu kepada wartawan.",
        [("Suharti", "Pemilih pemula adalah kunci", D), ("Suharti", "Kami ingin mereka tidak", D)],
        id="role-noun-ketua-kpu-itu"),
    pytest.param(
        "Direktur Utama PT Air Bersih Jaya Rina Kusuma meminta maaf kepada pelanggan.\n"
        "\"Kami mohon maaf atas gangguan layanan air sejak kemarin,\" tulis Rina Kusuma dalam keterangan tertulis.",
        [("Rina Kusuma", "Kami mohon maaf atas", D)], id="written-statement"),
    pytest.param(
        "Penyanyi Raisa Andriana mengunggah foto bersama keluarganya.\n"
        "\"Terima kasih atas doa dan dukungan kalian semua,\" tulis Raisa di akun Instagramnya.",
        [("Raisa Andriana", "Terima kasih atas doa", D)], id="instagram-post"),
    pytest.param(
        "Lurah Cempaka Putih Dewi Anggraini menerima warga di kantornya.\n"
        "“Saya bilang kepada mereka, \"jangan takut melapor ke kelurahan,\" dan itu saya ulangi setiap rapat,” ujar Dewi.",
        [("Dewi Anggraini", "Saya bilang kepada mereka", D)], id="nested-quote-belongs-to-outer-speaker"),
    pytest.param(
        "Kepala Puskesmas Tebet Lina Marlina memantau layanan vaksinasi.\n"
        "\"Warga sempat bertanya, 'kapan vaksin tahap dua datang?', dan kami jawab secepatnya,\" kata Lina.",
        [("Lina Marlina", "Warga sempat bertanya", D)], id="nested-single-quotes"),
    pytest.param(
        "Ketua Karang Taruna Cipinang Yoga Pratama memimpin kerja bakti.\n"
        "\"Sampah di kali sudah kami angkat sejak subuh tadi,\" Yoga menambahkan.",
        [("Yoga Pratama", "Sampah di kali sudah", D)], id="name-then-verb-after-quote"),
    pytest.param(
        "Ketua Dewan Kesenian Jakarta Danton Sihombing membuka pameran itu.\n"
        "\"Pameran ini terbuka gratis untuk pelajar sampai akhir bulan,\"kataDanton.Selain itu, panitia menyiapkan pemandu.",
        [("Danton Sihombing", "Pameran ini terbuka gratis", D)], id="glued-scraper-text"),
    pytest.param(
        "Ketua KPU Jawa Barat Ahmad Fauzi mengatakan bahwa pendaftaran petugas dibuka hingga akhir bulan.",
        [("Ahmad Fauzi", "pendaftaran petugas dibuka", I)], id="indirect-mengatakan-bahwa"),
    pytest.param(
        "Ketua KPU Jawa Barat Ahmad Fauzi hadir di Bandung. Menurut Ahmad Fauzi, jumlah pemilih muda meningkat tajam tahun ini.",
        [("Ahmad Fauzi", "jumlah pemilih muda meningkat", I)], id="indirect-menurut"),
    pytest.param(
        "Ketua KPU Jawa Barat Ahmad Fauzi menegaskan seluruh petugas wajib bersikap netral selama tahapan pemilu.",
        [("Ahmad Fauzi", "seluruh petugas wajib bersikap", I)], id="indirect-menegaskan"),
    pytest.param(
        "Ketua Bawaslu Jawa Barat Zacky Muhammad Zam Zam menilai partisipasi warga dalam pengawasan sudah cukup baik.",
        [("Zacky Muhammad Zam Zam", "partisipasi warga dalam pengawasan", I)], id="indirect-menilai"),
    pytest.param(
        "Ketua RT 03 Joko Susilo mengingatkan, agar warga tidak membakar sampah di pekarangan.",
        [("Joko Susilo", "agar warga tidak membakar", I)], id="indirect-mengingatkan-agar"),
    pytest.param(
        "Presiden Joko Widodo meresmikan Bendungan Sadawarna di Subang pada Selasa.\n"
        "\"Bendungan ini akan mengairi ribuan hektare sawah milik petani,\" kata presiden kepada wartawan.",
        [("Joko Widodo", "Bendungan ini akan mengairi", D)], id="role-noun-presiden"),
    pytest.param(
        "Gubernur Jawa Tengah Ahmad Luthfi meninjau tanggul yang jebol.\n"
        "\"Kami kirim alat berat hari ini juga,\" kata Luthfi.\n"
        "Tanggul itu pernah diperbaiki oleh Bupati Demak sebelumnya, Eisti'anah, pada 2022.\n"
        "\"Perbaikan permanen akan kami anggarkan tahun depan,\" imbuhnya.",
        [("Ahmad Luthfi", "Kami kirim alat berat", D), ("Ahmad Luthfi", "Perbaikan permanen akan kami", D)],
        id="pronoun-person-named-mid-sentence-not-subject"),
    pytest.param(
        "Ketua DPRD Kota Solo Rahmat Hidayat mengunggah pernyataan di media sosial.\n"
        "\"Kami tidak akan menaikkan tunjangan anggota dewan tahun ini!\" ia menulis di akun X miliknya.",
        [("Rahmat Hidayat", "Kami tidak akan menaikkan", D)], id="pronoun-then-post-verb"),
    pytest.param(
        "Wali Kota Surabaya Eri Cahyadi menandatangani peraturan baru tentang parkir.\n"
        "\"Setiap pengelola parkir wajib memasang tarif di tempat yang mudah dilihat,\" bunyi Pasal 5 peraturan itu.",
        [], id="document-quoted-bunyi-pasal"),
    pytest.param(
        "Menteri Koordinator Bidang Pangan Zulkifli Hasan (Zulhas) meninjau Pasar Induk Cipinang.\n"
        "\"Harga beras medium sudah mulai turun di semua pasar induk,\" kata Zulhas.",
        [("Zulkifli Hasan", "Harga beras medium sudah", D)], id="nickname-in-brackets"),
    pytest.param(
        "Warga Kampung Melayu, Suparmi (52), berharap banjir tidak datang lagi.\n"
        "\"Kasur dan lemari kami sudah rusak semua terendam air,\" ujarnya.",
        [("Suparmi", "Kasur dan lemari kami", D)], id="resident-with-age-apposition"),
    pytest.param(
        "\"Tamu kami kebanyakan peselancar dari Australia,\" ujar Made Suarta, Manajer Penginapan Ombak Biru di Kuta.",
        [("Made Suarta", "Tamu kami kebanyakan peselancar", D)], id="cue-name-then-office-apposition"),
    pytest.param(
        "Rina Gunawan, analis yang pekan lalu menjual saham Garuda, mengatakan, \"Risiko sektor penerbangan masih sangat tinggi tahun ini.\"",
        [("Rina Gunawan", "Risiko sektor penerbangan masih", D)], id="subject-before-relative-clause"),
    pytest.param(
        "\"Eksekusi terhadap terpidana telah dilaksanakan pada Sabtu pagi,\" demikian dilaporkan kantor berita Antara.",
        [], id="news-agency-report-is-no-person"),
    pytest.param(
        "Ketua Majelis Hakim Rudy Ruswoyo menunda pembacaan putusan perkara itu.\n"
        "\"Putusan kami tunda karena majelis masih bermusyawarah,\" kata Hakim Rudy di ruang sidang.",
        [("Rudy Ruswoyo", "Putusan kami tunda karena", D)], id="titled-short-form-resolves-to-full-name"),
    pytest.param(
        "Kuasa hukum terdakwa Andi Wijaya, Budi Santoso, menegaskan kliennya hanya menjadi korban penipuan.",
        [("Budi Santoso", "kliennya hanya menjadi korban", I)], id="indirect-subject-is-apposition-not-first-name"),
    # speech verbs "cerita" and "teriak" after a quotation
    pytest.param(
        "Aktris Jessica Iskandar hadir dalam peluncuran film itu di Jakarta.\n"
        "“Saya sempat ragu menerima peran ini karena anak masih kecil,” cerita Jessica Iskandar.\n"
        "“Tapi suami terus mendukung saya sampai syuting selesai,” ceritanya.",
        [("Jessica Iskandar", "Saya sempat ragu menerima", D), ("Jessica Iskandar", "Tapi suami terus mendukung", D)],
        id="cue-cerita-and-ceritanya"),
    pytest.param(
        "Penonton memadati stadion sejak sore.\n"
        "“Ayo kita menangkan laga malam ini bersama,” teriak Rizky Ridho dari tengah lapangan.",
        [("Rizky Ridho", "Ayo kita menangkan laga", D)], id="cue-teriak"),
    # "Menurut <office> <name>, ...": the office written before the name
    pytest.param(
        "Pencairan dana JHT kini lebih cepat.\n"
        "Menurut Deputi Komunikasi BPJS Ketenagakerjaan, Oni Marbun, proses pencairan kini cukup lewat aplikasi di ponsel.",
        [("Oni Marbun", "proses pencairan kini cukup", I)], id="indirect-menurut-office-comma-name"),
    pytest.param(
        "Menurut Kepala Badan Pusat Statistik Amalia Adininggar Widyasanti, inflasi bulan ini terutama didorong harga beras.",
        [("Amalia Adininggar Widyasanti", "inflasi bulan ini terutama", I)], id="indirect-menurut-office-name"),
    # indirect speech with a pronoun subject: the person the pronoun refers to
    pytest.param(
        "Kepala Dinas Kesehatan Kota Bogor Sri Nowo Retno meninjau posyandu di Tanah Sareal.\n"
        "Ia menjelaskan, saat ini pihaknya masih fokus menurunkan angka stunting di tiga kelurahan.",
        [("Sri Nowo Retno", "saat ini pihaknya masih", I)], id="indirect-ia-menjelaskan"),
    pytest.param(
        "Ketua KPU Kota Depok Willi Sumarlin memantau gudang logistik.\n"
        "Dia menambahkan bahwa seluruh kotak suara sudah tiba sejak Senin pagi.",
        [("Willi Sumarlin", "seluruh kotak suara sudah", I)], id="indirect-dia-menambahkan-bahwa"),
    pytest.param(
        "Kepala Bapenda Kota Bekasi Hudaya meninjau loket pembayaran pajak.\n"
        "Menurutnya, jumlah wajib pajak yang membayar tepat waktu naik dibanding tahun lalu.",
        [("Hudaya", "jumlah wajib pajak yang", I)], id="indirect-menurutnya"),
    pytest.param(
        "Camat Tebet Dyan Airlangga hadir dalam rapat warga.\n"
        "Menurut dia, pengerukan saluran air harus selesai sebelum musim hujan tiba.",
        [("Dyan Airlangga", "pengerukan saluran air harus", I)], id="indirect-menurut-dia"),
    pytest.param(
        "Ketua Bawaslu Kota Bogor Sari Lestari meninjau gudang logistik.\n"
        "\"Kami menempatkan pengawas di gudang selama dua puluh empat jam,\" kata Sari.\n"
        "Namun, ia mengakui jumlah pengawas di tingkat kelurahan masih kurang.",
        [("Sari Lestari", "Kami menempatkan pengawas", D), ("Sari Lestari", "jumlah pengawas di tingkat", I)],
        id="indirect-namun-ia-after-direct-quote"),
    # a speech cue inside or after a sentence without quotation marks
    pytest.param(
        "Kepala Badan Pangan Nasional Arief Prasetyo Adi meninjau Pasar Induk Cipinang.\n"
        "Harga beras akan turun bulan depan, kata Arief di Jakarta.",
        [("Arief Prasetyo Adi", "Harga beras akan turun", I)], id="indirect-trailing-kata-name"),
    pytest.param(
        "Bupati Aceh Besar Muharram Idris menerima pengembalian dana itu.\n"
        "Dengan pengembalian ini, kata Muharram Idris, pemerintah daerah harus hadir mengawasi penyaluran bantuan.",
        [("Muharram Idris", "pemerintah daerah harus hadir", I)], id="indirect-mid-sentence-kata-name"),
    # a direct quotation whose speaker is named only by an office
    pytest.param(
        "Menteri Sosial Saifullah Yusuf meninjau penyaluran bansos di Surabaya.\n"
        "“Terus terang ada beberapa KPM yang batal salur karena datanya ganda,” kata Mensos.",
        [("Saifullah Yusuf", "Terus terang ada beberapa", D)], id="office-abbreviation-cue-holder-named"),
    pytest.param(
        "Penyaluran bansos di Surabaya ditinjau pemerintah pusat.\n"
        "“Terus terang ada beberapa KPM yang batal salur karena datanya ganda,” kata Mensos.",
        [("Menteri Sosial", "Terus terang ada beberapa", D)], id="office-only-cue-no-holder"),
    # no person to resolve the pronoun to: no row
    pytest.param(
        "Banjir kembali merendam permukiman di bantaran kali.\n"
        "Ia menjelaskan, air mulai naik sejak tengah malam dan terus bertambah.",
        [], id="indirect-pronoun-without-antecedent-dropped"),
    # quoted words that are not speech
    pytest.param(
        "Kelurahan Cakung Barat menggelar kegiatan bertajuk \"Sosialisasi Sukses Pemilu 2024\" di aula kelurahan.",
        [], id="event-title-bertajuk"),
    pytest.param(
        "Ratusan nelayan membawa spanduk bertuliskan \"Laut Kami Bukan Tempat Sampah\" saat berunjuk rasa.",
        [], id="slogan-on-banner"),
    pytest.param(
        "Camat Koja Andi Saputra mengingatkan bahaya \"serangan fajar\" menjelang hari pencoblosan.",
        [], id="scare-quotes"),
    pytest.param(
        "Pemerintah kota meluncurkan program \"Jaga Kampung Kita Bersama Warga\" untuk mengurangi kriminalitas.",
        [], id="programme-name"),
    pytest.param(
        "Perpustakaan daerah memamerkan buku berjudul \"Jalan Panjang Demokrasi di Kota Kami\" karya penulis lokal.",
        [], id="book-title"),
    pytest.param(
        "Baca juga: \"Harga Beras Naik Lagi, Pedagang Pasar Induk Mengeluh\"\n"
        "Pasokan beras dari Karawang berkurang sejak awal pekan.",
        [], id="headline-in-marks"),
    # "-nya" after a narrative sentence about the victim or suspect: the official goes on speaking
    pytest.param(
        "Kepala Penerangan Kodam XVII Letkol Candra Wijaya membantah tuduhan penyiksaan itu.\n"
        "\"Prajurit kami tidak pernah menyiksa warga,\" kata Letkol Candra Wijaya.\n"
        "Yohanes Tabuni memang ditangkap prajurit karena diduga membawa senjata api.\n"
        "\"Penangkapan dilakukan sesuai prosedur yang berlaku,\" ungkapnya.",
        [("Candra Wijaya", "Prajurit kami tidak pernah", D), ("Candra Wijaya", "Penangkapan dilakukan sesuai", D)],
        id="clitic-after-passive-subject"),
    pytest.param(
        "Kapolsek Tanjung Priok Kompol Hendra Gunawan mengatakan tersangka Rudi Hartawan ditangkap di Bekasi.\n"
        "\"Rudi Hartawan dan korban sempat bertengkar di rumah kontrakan,\" kata Hendra.\n"
        "Saat itulah, Rudi Hartawan mengambil pisau dari dapur dan menyerang korban.\n"
        "\"Pisau itu dibuang tersangka ke sungai setelah kejadian,\" ujarnya.",
        [("Hendra Gunawan", "Rudi Hartawan dan korban", D), ("Hendra Gunawan", "Pisau itu dibuang", D)],
        id="clitic-suspect-named-in-officials-quote"),
    pytest.param(
        "Kuasa hukum keluarga, Yosef Manurung, mendatangi Pengadilan Negeri Medan.\n"
        "\"Kami sudah mendaftarkan gugatan ke pengadilan,\" kata Yosef Manurung.\n"
        "Dewi Anggraini, kata dia, tidak pernah menerima surat pemberitahuan dari bank.\n"
        "\"Kami punya bukti surat itu tidak pernah dikirim,\" katanya.",
        [("Yosef Manurung", "Kami sudah mendaftarkan", D), ("Yosef Manurung", "Kami punya bukti", D)],
        id="clitic-after-sentence-reported-by-speaker"),
    pytest.param(
        "Kepala Kejaksaan Negeri Kuningan Agus Salim menjelaskan perkara korupsi Bupati Kuningan Hendrik Saputra.\n"
        "\"Berkas perkara sudah lengkap dan siap disidangkan,\" kata Agus Salim.\n"
        "Setelah Hendrik Saputra ditetapkan sebagai tersangka, jaksa langsung menahannya.\n"
        "\"Penahanan dilakukan selama dua puluh hari ke depan,\" ujarnya.",
        [("Agus Salim", "Berkas perkara sudah lengkap", D), ("Agus Salim", "Penahanan dilakukan selama", D)],
        id="clitic-after-subordinate-passive"),
    pytest.param(
        "Ketua KPU Kota Depok Arif Rahman menyebut logistik pemilu sudah siap.\n"
        "\"Semua kotak suara sudah tiba di gudang,\" kata Arif Rahman.\n"
        "Wali Kota Depok Supian Hadi hadir meninjau gudang logistik itu.\n"
        "\"Saya minta petugas menjaga gudang ini siang dan malam,\" ujarnya.",
        [("Arif Rahman", "Semua kotak suara", D), ("Supian Hadi", "Saya minta petugas", D)],
        id="clitic-new-official-without-speech-verb-kept"),
    # subjects introduced by a relative clause or a description, and "menurut X" mid-sentence
    pytest.param(
        "Anggota Komisi IV DPR Harris Siregar meminta anggaran pupuk ditambah.\n"
        "\"Petani kami masih kesulitan mendapat pupuk,\" terangnya.\n"
        "Lebih lanjut, ada juga Anggota Komisi IV DPR Fraksi Golkar, Galih Pranata, yang secara khusus menyoroti badan pangan yang baru dibentuk.\n"
        "Menurutnya, badan itu harus segera memperbaiki data stok beras di gudang daerah.",
        [("Harris Siregar", "Petani kami masih", D), ("Galih Pranata", "badan pangan yang baru", I),
         ("Galih Pranata", "badan itu harus segera", I)],
        id="relative-clause-subject-then-menurutnya"),
    pytest.param(
        "Menteri Sosial Saifullah Yusuf meninjau lumbung sosial di Garut.\n"
        "\"Stok beras di lumbung ini cukup sampai akhir tahun,\" kata Mensos di lokasi.\n"
        "Mensos yang karib disapa Gus Ipul itu mengungkapkan, terdapat beberapa faktor yang membuat penyaluran bantuan tertunda.",
        [("Saifullah Yusuf", "Stok beras di lumbung", D), ("Saifullah Yusuf", "terdapat beberapa faktor", I)],
        id="described-subject-with-nickname"),
    pytest.param(
        "Wakil Menteri ATR Ossy Pratama meninjau lokasi transmigrasi di Lampung.\n"
        "\"Banyak penerima tanah sudah tidak tinggal di lokasi,\" kata Wakil Menteri ATR Ossy Pratama.\n"
        "Pria yang pernah menjadi staf khusus presiden ini menjelaskan, rumah transmigran itu mungkin sudah dipindahtangankan.",
        [("Ossy Pratama", "Banyak penerima tanah", D), ("Ossy Pratama", "rumah transmigran itu mungkin", I)],
        id="described-subject-pria-yang-ini"),
    pytest.param(
        "Menko Infrastruktur Agus Harimurti Yudhoyono (AHY) meninjau jembatan timbang di Cikampek.\n"
        "\"Truk kelebihan muatan merusak jalan nasional,\" kata AHY.\n"
        "Tak hanya sopir jadi incaran, menurut AHY, penertiban truk akan dilakukan dari hulu ke hilir.",
        [("Agus Harimurti Yudhoyono", "Truk kelebihan muatan", D),
         ("Agus Harimurti Yudhoyono", "penertiban truk akan dilakukan", I)],
        id="menurut-name-mid-sentence"),
    pytest.param(
        "Dokter spesialis kandungan dr. Rina Hapsari mengisi seminar gizi di Depok.\n"
        "Menurut dr. Rina, pola makan yang buruk bisa menurunkan peluang kehamilan pada pasangan muda.",
        [("Rina Hapsari", "pola makan yang buruk", I)], id="menurut-title-abbreviation"),
    pytest.param(
        "Pameran wisata itu digelar di Jakarta pekan depan. Menurut Direktur Panorama Media Andika Pratama kehadiran "
        "pameran itu akan menarik ribuan pengunjung dari luar kota.",
        [("Andika Pratama", "kehadiran pameran itu", I)], id="menurut-office-name-without-comma"),
    pytest.param(
        "Ketua RT 03 Joko Susilo menghadiri rapat warga. Dia sangat menyayangkan sikap pengembang yang menutup saluran air warga.",
        [("Joko Susilo", "sikap pengembang", I)], id="pronoun-adverb-menyayangkan"),
    pytest.param(
        "Direktur Utama PT Maju Gas Gatot Santoso membuka forum energi di Jakarta. "
        "\"Distribusi gas harus merata ke seluruh kawasan industri,\" kata Gatot.\n"
        "Pentingnya jaringan pipa juga ditekankan oleh Wahyu Nugroho, Wakil Presiden Pemasaran PT Hulu Energi. "
        "Ia menyatakan bahwa tanpa pipa transmisi, produksi hulu akan mandek.\n"
        "\"Kami butuh kepastian pasokan dari hulu sampai ke hilir,\" tegasnya.",
        [("Gatot Santoso", "Distribusi gas harus", D), ("Wahyu Nugroho", "Kami butuh kepastian", D),
         ("Wahyu Nugroho", "tanpa pipa transmisi", I)], id="agent-of-passive-speech-verb-is-the-voice"),
    pytest.param(
        "Hakim Susan Miller memimpin sidang gugatan serikat pekerja. "
        "\"Anda tidak bisa memecat ribuan orang tanpa dasar hukum,\" kata Miller.\n"
        "Dalam persidangan, Miller juga sempat menegur pengacara pemerintah, Laura Hedges, yang menyebut serikat pekerja "
        "harus mengadu ke dewan buruh lebih dulu.\n"
        "Ia juga menyoroti Laura Hedges yang dianggap tidak peduli soal legalitas pemecatan itu. "
        "\"Anda bahkan tidak siap membahas apakah itu legal,\" tegasnya.",
        [("Susan Miller", "Anda tidak bisa", D), ("Susan Miller", "Anda bahkan tidak siap", D),
         ("Laura Hedges", "serikat pekerja harus", I)], id="relative-clause-of-an-object-is-no-sentence-subject"),
    pytest.param(
        "Anemia banyak dialami remaja putri. Menurut dr. Andi Santoso, SpPD(K), Kepala Klinik Sehat Bandung, anemia "
        "terjadi ketika jumlah sel darah merah sehat berkurang.",
        [("Andi Santoso", "anemia terjadi ketika", I)], id="menurut-statement-after-degree-and-office"),
    pytest.param(
        "Pelatih Persib Bojan Hodak memimpin latihan di Bandung.\n"
        "\"Kami bermain lebih rapi di babak kedua dan layak menang,\" ujar Hodak.\n"
        "Persib kini memimpin klasemen sementara dengan selisih tiga poin atas tim kedua.\n"
        "\"Laga berikutnya akan lebih berat karena lawan sedang dalam performa terbaik.\"",
        [("Bojan Hodak", "Kami bermain lebih rapi", D), ("Bojan Hodak", "Laga berikutnya akan", D)],
        id="unattributed-quotation-after-a-line-of-narration-keeps-the-voice"),
    pytest.param(
        "Penyanyi Rina Amelia mengunggah foto pernikahannya di Instagram.\n"
        "\"Terima kasih untuk semua doa yang kalian kirimkan,\" tulis Rina.\n"
        "Unggahan itu langsung dibanjiri ucapan selamat.\n"
        "\"Selamat ya Rina, semoga langgeng sampai tua,\" komentar Dewi Kartika.",
        [("Rina Amelia", "Terima kasih untuk semua", D), ("Dewi Kartika", "Selamat ya Rina", D)],
        id="komentar-cue-names-the-commenter"),
    pytest.param(
        "Menurut kreator konten kesehatan sekaligus dokter di Klinik Sehat Jaya dr. Hendra Wijaya, MKK, AIFO-K menyebut "
        "aktivitas fisik ringan secara rutin berdampak langsung pada pernapasan.",
        [("Hendra Wijaya", "aktivitas fisik ringan", I)], id="menurut-description-then-subject-and-verb"),
    pytest.param(
        "Dekan Fakultas Teknik, Prof. Dr. Budi Santosa, M.T., membuka peringatan hari jadi kampus.\n"
        "\"Momentum ini adalah panggilan untuk mempercepat aksi nyata bersama,\" ujar Prof. Budi.",
        [("Budi Santosa", "Momentum ini adalah", D)], id="title-abbreviation-after-cue-ends-no-sentence"),
    pytest.param(
        "Kasat Reskrim AKP Dimas Prasetyo memimpin penertiban tambang pasir yang menjadi target operasi.\"Kami tidak akan "
        "tinggal diam melihat kerusakan lingkungan di sini,\" tegas AKP Dimas.",
        [("Dimas Prasetyo", "Kami tidak akan tinggal", D)], id="quote-glued-after-sentence-end-is-no-title"),
    pytest.param(
        "Ketua Serikat Buruh Kota Sutarno Wibisono memimpin aksi di depan pabrik.\n"
        "\"Pengusaha menolak melaksanakan kesepakatan kerja bersama,\" kata Sutarno.\n"
        "\"Semua proyeksi sudah direvisi ke arah risiko yang lebih tinggi,\" kata Martin Hollander, salah satu penulis "
        "laporan tersebut, dikutip dari kantor berita, Jumat (20/6/2025).",
        [("Sutarno Wibisono", "Pengusaha menolak", D), ("Martin Hollander", "Semua proyeksi sudah", D)],
        id="name-first-before-description-with-tersebut"),
    pytest.param(
        "Pelatih klub itu, Tomas Kovac, memimpin latihan pagi di Bandung.\n"
        "\"Tidak ada pesan khusus, kami hanya diminta menguasai bola lebih lama,\" ujar pria yang pindah setelah sepuluh "
        "tahun membela Persija tersebut.",
        [("Tomas Kovac", "Tidak ada pesan khusus", D)], id="description-pria-yang-tersebut"),
    pytest.param(
        "Ketua Umum Asosiasi Sepeda Kota Iwan Setiadi menggelar jumpa pers di Bandung.\n"
        "\"Kami siap menggelar lomba akbar bulan depan,\" kata pria yang akrab disapa Ipul dalam konferensi pers itu.",
        [("Iwan Setiadi", "Kami siap menggelar", D)], id="description-with-nickname-is-the-person-spoken-of"),
    pytest.param(
        "Manajer tim balap Elsa Rendiyanto menjelaskan keunggulan ban baru.\n"
        "\"Sudut kemiringan ban ini lebih besar dari ban biasa,\" jelas perempuan yang akrab disapa Rendi.",
        [("Elsa Rendiyanto", "Sudut kemiringan ban", D)], id="nickname-linked-to-full-name-by-prefix"),
    pytest.param(
        "Menteri Agama Nasrul Umarsyah meninjau masjid raya.\n"
        "\"Anggaran bantuan operasional naik tahun ini,\" kata Nasrul.\n"
        "\"Rumah ibadah harus terbuka untuk semua,\" sebut pria yang juga menjabat sebagai Imam Besar Masjid Raya itu.",
        [("Nasrul Umarsyah", "Anggaran bantuan operasional", D), ("Nasrul Umarsyah", "Rumah ibadah harus", D)],
        id="name-inside-description-is-no-speaker"),
    pytest.param(
        "Banjir merendam jalan utama menuju bandara sejak pagi.\n"
        "\"Semua penerbangan sore ditunda sampai air surut,\" ujar seorang juru bicara Garuda Wisata.\n"
        "\"Situasinya belum aman untuk warga sipil,\" kata pejabat setempat yang enggan disebutkan namanya.",
        [], id="unnamed-spokesperson-is-no-speaker"),
    pytest.param(
        "Banjir merendam jalan utama menuju bandara sejak pagi.\n"
        "\"Kami sudah menunggu sejak pagi di gerbang,\" ujar seorang pengunjung, Rinaldi Saputra, kepada wartawan.",
        [("Rinaldi Saputra", "Kami sudah menunggu", D)], id="unnamed-phrase-then-name-after-comma"),
    pytest.param(
        "VP Marketing Sinar Motor Indonesia, Hari Kurniawan, hadir dalam peluncuran mobil baru itu.\n"
        "\"Kita manfaatkan insentif impor, kuotanya memang terbatas tahun ini,\" kata Hari.",
        [("Hari Kurniawan", "Kita manfaatkan insentif", D)], id="first-name-that-is-a-common-word"),
    pytest.param(
        "Kejaksaan menahan tersangka baru pada Jumat.\n"
        "\"Penahanan dilakukan untuk kepentingan penyidikan lebih lanjut,\" kata Kepala Bidang Hubungan Media pada Pusat "
        "Penerangan Hukum Kejagung RI Irwan Setiawan Hadi kepada wartawan.\n"
        "\"Kami menolak pendekatan sepihak dalam konflik ini,\" tegas Duta Besar Iran untuk Indonesia Mohammad Reza "
        "Tabari dalam konferensi pers.",
        [("Irwan Setiawan Hadi", "Penahanan dilakukan", D), ("Mohammad Reza Tabari", "Kami menolak pendekatan", D)],
        id="office-past-a-break-word-then-its-holder"),
    pytest.param(
        "Kuasa hukum yayasan, Mario Wicaksono, menjelaskan soal aset sekolah.\n"
        "\"Untuk kerugian para orang tua murid, yayasan akan menjual semua aset,\" kata\n"
        "Mario juga menyebut masalah keuangan sebagai penyebabnya.",
        [("Mario Wicaksono", "Untuk kerugian para", D)], id="cue-whose-name-was-cut-off-at-paragraph-end"),
    pytest.param(
        "Peneliti Kristina Petersen memimpin kajian tentang pola tidur.\n"
        "\"Kacang kaya akan serat dan lemak tak jenuh yang baik untuk tidur,\" tulis mereka dalam laporan tersebut.\n"
        "\"Terbaik pemadam kebakaran, uang jatuh pun diambilkan,\" tulis caption dalam video tersebut.",
        [], id="plural-pronoun-or-caption-after-cue-is-no-person"),
    pytest.param(
        "Beredar di media sosial postingan video Bupati Andi Saputra dengan narasi sebagai berikut:\n"
        "\"Kalau pemilu hanya satu putaran berarti itu curang dan rakyat tidak akan menerima hasilnya.\n"
        "\"Situasi ini tidak pernah terjadi di pemilu-pemilu sebelumnya,\" ungkap Andi.\n"
        "Lalu benarkah video itu asli?\n"
        "Dalam foto itu juga terdapat tulisan: \"Andi Saputra Tolak Hasil Pemilu Satu Putaran Demi Rakyat\"",
        [], id="hoax-narrative-and-picture-text-are-no-statements"),
    pytest.param(
        "Analis pasar modal Rully Wisnubroto memaparkan proyeksi pekan depan.\n"
        "\"Kami memperkirakan volatilitas jangka pendek masih tinggi hingga akhir bulan,\" ulas Rully.\n"
        "\"Investor asing masih menahan diri sambil menunggu data inflasi,\" Bayu Santika sepakat.\n"
        "\"Penghuni gedung itu jelas terpapar polusi setiap hari,\" catat studi tersebut.",
        [("Rully Wisnubroto", "Kami memperkirakan volatilitas", D), ("Bayu Santika", "Investor asing masih", D)],
        id="quote-only-cue-name-and-closing-verb-study-is-no-person"),
    pytest.param(
        "Pelatih Persija Gani Prasetyo memimpin latihan di Jakarta.\n"
        "\"Kami sudah siap menghadapi laga berat akhir pekan ini\n"
        "Persija akan menjamu Persib di Jakarta pada Sabtu malam.\n"
        "\"Tiket pertandingan sudah habis terjual sejak kemarin,\" kata Rudi Hartawan, ketua panitia pelaksana.",
        [("Rudi Hartawan", "Tiket pertandingan sudah", D)],
        id="open-quotation-runs-on-only-into-the-next-paragraph"),
    pytest.param(
        "Presiden Donald Trump memerintahkan pengerahan pasukan ke kota itu.\n"
        "\"Setelah ribuan orang berkumpul, sebagian mulai melempar batu ke arah petugas,\" ungkap Divisi Pusat LAPD di X.\n"
        "\"Perintah pembubaran dikeluarkan dan para demonstran dibubarkan dari area tersebut,\" tambahnya.\n"
        "Angkatan Bersenjata Israel menyatakan bahwa para ilmuwan itu \"merupakan tokoh kunci dalam program senjata\".",
        [], id="a-body-speaks-and-its-voice-goes-on"),
    pytest.param(
        "Pemerintah Arab Saudi mengeksekusi seorang demonstran pekan lalu.\n"
        "\"Keluarganya mengetahui eksekusi itu dari media sosial,\" kata peneliti pada Organisasi HAM Saudi Eropa (ESOHR), "
        "Duha Rahmani.",
        [("Duha Rahmani", "Keluarganya mengetahui eksekusi", D)], id="lower-case-profession-at-a-body-then-name"),
    pytest.param(
        "Pernikahan sesama jenis kini diakui di negara bagian itu.\n"
        "Pekan lalu, seseorang telah \"membocorkan\" kisah dua sejoli asal Queensland, Jill Kinsey dan Joanna Grant.",
        [], id="one-quoted-word-before-a-noun-that-is-also-a-cue"),
    pytest.param(
        "Aktris Denira Wulandari mengungkap cara mendalami perannya.\n"
        "Untuk menampilkan akting maksimal, ia membocorkan tips, \"Tinggal aku ingat saat aku mengambil adegan itu.\"\n"
        "Gubernur Mehmet Kaya menjelaskan kronologi kecelakaan balon udara itu.\n"
        "Kaya menyambung, \"Turis kami dalam kondisi baik dan sedang diperiksa di rumah sakit.\"",
        [("Denira Wulandari", "Tinggal aku ingat", D), ("Mehmet Kaya", "Turis kami dalam", D)],
        id="verb-missing-from-the-lexicon-before-comma-and-quote"),
    pytest.param(
        "Lembaga survei itu merilis peringkat kinerja kementerian pada Sabtu.\n"
        "\"Semua kementerian mendapatkan skor kinerja sedang, namun ada variasi skor,\" Direktur Riset Alif Nurjaman, "
        "dalam rilis hasil survei yang dilihat, Sabtu (18/10/2025).",
        [("Alif Nurjaman", "Semua kementerian mendapatkan", D)], id="cue-verb-left-out-office-and-name-after-quote"),
    pytest.param(
        "Gelandang Rahmat Irawan kembali ke klub lamanya setelah kontraknya habis.\n"
        "Rian – sapaan akrabnya – merintis karier di klub itu sejak 2017.\n"
        "\"Saya lebih memilih pulang karena alasan keluarga,\" kata Rian.\n"
        "Direktur Jenderal Pengawasan Laut Pung Nugroho, yang akrab disapa Ipunk, memimpin operasi itu.\n"
        "\"Kami menangkap dua kapal asing di perairan Natuna,\" kata Ipunk.",
        [("Rahmat Irawan", "Saya lebih memilih", D), ("Pung Nugroho", "Kami menangkap dua", D)],
        id="nickname-declared-after-full-name"),
    pytest.param(
        "Suami perempuan yang akrab disapa Jeje itu, Vincent Hartono, ikut hadir di studio.\n"
        "Jessica Iskandaria menjawab pertanyaan soal syarat pertemuan.\n"
        "\"Ini hal sensitif, jadi kita harus tahu dulu maksudnya,\" tegas Jeje.",
        [("Jeje", "Ini hal sensitif", D)], id="nickname-across-a-relation-is-not-linked"),
    pytest.param(
        "Pengacara David Tanoto menggugat maskapai itu ke pengadilan.\n"
        "Menurut Pasal 1 Peraturan Menteri Perhubungan tersebut, \"Cacat tetap adalah kehilangan fungsi salah satu "
        "anggota badan secara permanen.\"",
        [], id="menurut-a-regulation-is-no-speaker"),
]


def _key(q: Quote) -> tuple[str, str, str]:
    return q.speaker, q.text, q.kind


@pytest.mark.parametrize("text,expected", CASES)
def test_quotes(analyse, text, expected):
    doc = analyse(text)
    quotes = list(extract_quotes(doc, "a1"))
    for q in quotes:  # offsets reproduce the text, scores are probabilities, ids are stable
        assert text[q.start:q.end] == q.text
        assert 0.0 < q.score <= 1.0
        assert q.quote_id == quote_id("a1", q.start, q.end, q.kind)
        assert q.kind in (D, I)
        assert q.text and q.text[0] not in "\"“”" and q.text[-1] not in "\"“”"
    direct = [q for q in quotes if q.kind == D]
    want_direct = [e for e in expected if e[2] == D]
    got = [(q.speaker, q.text) for q in direct]
    assert len(direct) == len(want_direct), got
    for (spk, first, _), q in zip(want_direct, direct):
        assert q.text.startswith(first), got
        assert q.speaker == spk, got
    for spk, first, kind in expected:
        if kind == I:
            assert any(q.kind == I and q.speaker == spk and q.text.startswith(first) for q in quotes), \
                [(q.speaker, q.text, q.kind) for q in quotes]


def test_speaker_office_and_cue(analyse):
    text = ("Wakil Wali Kota Jakarta Timur Iin Mutmainah meninjau gudang logistik KPU.\n"
            "\"Logistik harus sampai ke TPS paling lambat sehari sebelum pencoblosan,\" kata Wakil Wali Kota Jakarta Timur Iin Mutmainah.\n"
            "\"Kami akan cek lagi besok pagi,\" ujarnya.")
    quotes = [q for q in extract_quotes(analyse(text), "a1") if q.kind == D]
    assert [q.speaker for q in quotes] == ["Iin Mutmainah", "Iin Mutmainah"]
    assert all(q.speaker_office and "Wakil Wali Kota" in q.speaker_office for q in quotes)
    assert [q.cue for q in quotes] == ["kata", "ujarnya"]
    assert quotes[0].score >= quotes[1].score  # a name beats a clitic
    assert quotes[0].speaker_start is not None and text[quotes[0].speaker_start:quotes[0].speaker_end].endswith("Mutmainah")
    assert all(q.speaker_key == "Iin Mutmainah" for q in quotes)


def test_no_speaker_no_quote(analyse):
    """A quotation nobody can be given is dropped, not attributed at random."""
    text = "\"Harga kebutuhan pokok terus naik menjelang lebaran tahun ini,\" katanya."
    assert [q for q in extract_quotes(analyse(text), "a1") if q.kind == D] == []


def test_unclosed_and_stray_marks_do_not_crash(analyse):
    text = ("Ketua RT 01 Bambang Sutrisno berbicara di depan warga.\n"
            "\"Rapat dimulai pukul delapan malam dan semua warga diharapkan hadir\n"
            "Pengumuman itu ditempel di pos ronda.\" Warga pun berdatangan.\n"
            "\"\" \"")
    quotes = list(extract_quotes(analyse(text), "a1"))
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_long_article_is_fast(analyse):
    """No per-quote regex compilation or quadratic scans: a long article stays quick."""
    import time

    para = ("Ketua RW 07 Hendra Kurniawan memimpin rapat warga di balai RW.\n"
            "\"Kerja bakti kita lakukan setiap Minggu pagi mulai pekan ini,\" ujar Hendra. \"Semua warga diharapkan ikut.\"\n"
            "Warga menyambut ajakan itu dengan antusias dan membawa peralatan sendiri.\n")
    doc = analyse(para * 120)
    t0 = time.perf_counter()
    quotes = [q for q in extract_quotes(doc, "a1") if q.kind == D]
    assert len(quotes) == 240
    assert all(q.speaker == "Hendra Kurniawan" for q in quotes)
    assert time.perf_counter() - t0 < 5.0


def test_quote_ids_stable():
    assert quote_id("a1", 3, 10, D) == quote_id("a1", 3, 10, D)
    assert quote_id("a1", 3, 10, D) != quote_id("a1", 3, 10, I)


def test_indirect_pronoun_without_person_gives_no_row(analyse):
    text = "Banjir kembali merendam permukiman di bantaran kali.\nIa menjelaskan, air mulai naik sejak tengah malam dan terus bertambah."
    assert list(extract_quotes(analyse(text), "a1")) == []


@pytest.mark.parametrize(
    "text,nearest",
    [
        # a pronoun after a newly named person: never the previous speaker's statement
        ("Anggota DPRD Kota Bogor Rudi Hartono meninjau saluran air di Kelurahan Tegallega.\n"
         "\"Kami akan memperbaiki drainase tahun ini,\" kata Rudi.\n"
         "Keluhan serupa datang dari Siti Aminah, warga Kelurahan Tegallega. "
         "Dia meminta agar lampu jalan di gangnya segera diperbaiki.", "Siti Aminah"),
        ("Kepala Dinas Pendidikan Kota Depok Agus Salim membuka lomba sains.\n"
         "\"Anak-anak Depok harus berani bersaing,\" ujar Agus.\n"
         "Hadir pula guru pembimbing, Dewi Lestari. Ia menjelaskan bahwa persiapan lomba berlangsung sebulan.",
         "Dewi Lestari"),
    ],
)
def test_indirect_pronoun_never_skips_the_nearest_person(analyse, text, nearest):
    quotes = list(extract_quotes(analyse(text), "a1"))
    assert [q.kind for q in quotes if q.kind == D] == [D]
    assert all(q.speaker == nearest for q in quotes if q.kind == I), [(q.speaker, q.text, q.kind) for q in quotes]


def test_office_only_speaker_has_no_actor_key(analyse):
    text = ("Penyaluran bansos di Surabaya ditinjau pemerintah pusat.\n"
            "“Terus terang ada beberapa KPM yang batal salur karena datanya ganda,” kata Mensos.")
    (q,) = [q for q in extract_quotes(analyse(text), "a1") if q.kind == D]
    assert q.speaker_key is None and q.speaker_office == "Menteri Sosial"


@pytest.mark.parametrize("text", [
    "Beredar di media sosial postingan video Joko Widodo menolak hasil pemilihan kepala desa di Sleman.",
    "Lalu benarkah kepala desa Joko Widodo meminta semua perangkat desa mundur dari jabatannya?",
    "Cek fakta mendapati klaim Joko Widodo meminta semua perangkat desa mundur, unggahan itu dibagikan sebuah akun.",
])
def test_no_indirect_from_hoax_claims_and_questions(analyse, text):
    assert [(q.speaker, q.text) for q in extract_quotes(analyse(text), "a1")] == []

