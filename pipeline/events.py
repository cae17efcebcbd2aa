"""Events: what happened, when, where, and who took part.

Kinds and their Indonesian triggers come from ``resources/events.json``; a kind is a lower-case
name as a reader names the event ("rapat kerja", "sidang kabinet paripurna", "penyitaan",
"banjir"). Only ``articles.text`` is read (a title line not in the text gives no event). For each
sentence the extractor finds:

- **candidates**: trigger words (the longest at a position), minus their non-event uses: inside a
  proper name ("Juru Sita Pajak", "Direktur Penyidikan"), after a word that marks a non-event sense
  ("biaya operasi", "rawan banjir", "alat peraga kampanye") or before one ("kunjungan wisatawan",
  "ditutup menguat"), inside an idiom of the lexicon ("tidak menutup kemungkinan", "laba ditahan"),
  in a hypothesis ("apabila banjir datang"), inside a direct quotation (speech,
  unless the quotation dates it or is the event's title). Weak triggers ("membuka", "diamankan",
  "forum") give way to a strong one in the sentence; a second event of the sentence is kept only
  when it is not a purpose or sequel ("kunjungan kerja ... untuk meninjau");
- **occasions**: the occasion a statement was made at or a host held, "kata X dalam <occasion> di
  <venue>, <date>", "saat menghadiri <occasion>", "menggelar <occasion>": an event even when its
  name holds no trigger ("dalam acara Berdikari Bersama ..." gives kind ``acara`` and the title as
  ``name``; "dalam pemaparannya" gives ``pemaparan``);
- ``place``: the venue and areas after "di"/"ke" (first where it was held, "digelar di ..."), as
  written ("Aula PPKD Jakarta Timur, Pondok Kelapa, Duren Sawit"), else the sentence's places; the
  dateline ("Jakarta (ANTARA) -") is never an event's place or date;
- ``date``: the resolved DATE nearest after the trigger in the sentence (else the last before it,
  unless that one dates a statement: "X, Senin, mengatakan tersangka ditangkap"); a trigger inside
  a quotation takes the quotation's date. Never an event's date: that of a cited report ("Mengutip
  dari Euronews, Jumat, 13 Juni 2025", "dilansir Reuters, Senin (16/6/2025)") or of a document more
  than a year before publication ("surat keterangan tgl 3 Februari 2013"), nor the day an article
  was compiled ("dirangkum dari berbagai sumber, Rabu (18/6/2025)"); but a date that a clause of its
  own governs after the cited source is the event's ("Dilansir detik Jatim, kecelakaan terjadi pada
  Sabtu (14/6/2025)": a verb of happening or a trigger past the comma). The main event without a date
  takes the day its occasion is named again as held in the next three sentences ("acara yang
  berlangsung Rabu, 2 Juli 2025", with that sentence's venue), else the statement date of the next
  two sentences ("kata X, Selasa (14/10/2025)"; not a cited source's, "kata X dikutip dari laman Y,
  Senin"), else the publication date when the lead reports it as the same day ("pukul 15.00 WIB",
  "siang ini"; ``date_text`` stays null). With no event in the lead, an occasion of the lead with
  neither venue nor date ("ikut serta dalam acara Sharia Investment Week 2025.") that a later
  sentence names as held with its day is the main event;
- ``status``: the cue nearest before the trigger in its own clause ("akan" planned, "sedang"
  ongoing, "telah" happened), a plan after it ("... akan digelar"), then the date against the
  publication date (later: planned; a range holding it, "mulai hari ini sampai 29 Februari 2024":
  ongoing);
- ``name``: a title in quotes or after "bertajuk"/"bertema", a capitalised occasion title, or the
  capitalised run a capitalised trigger begins ("Operasi Nila Jaya 2025");
- ``place`` is never an origin ("berasal dari Gorontalo", "pelatih asal Spanyol", "kelahiran Medan")
  nor where it is not ("di luar Provinsi Jabar"), an epithet ("dikenal sebagai Kampus Digital
  Bisnis") or an item of a list between semicolons ("...; Laboratorium Sederhana; ..."); a trial with no place takes its court ("digelar
  Pengadilan Negeri Jakarta Selatan"); a main event whose subject refers back ("Tebing tersebut
  longsor") takes the place of the sentence before;
- ``participants``: organisations of the sentence minus news outlets and web sites ("Liputan6.com",
  "KOMPAS.com", "detik News", "Reuters": the lexicon's ``outlets`` and any "X.com"/"X.co.id"); ``participant_keys``: its persons (the main
  event also takes the article's direct-quote speakers).

Not events: a sentence of a fact check ("Cek Fakta", "hoaks"); a trigger followed within three
words by a year two or more years before publication ("Kerusuhan Mei 1998"); a trigger in a
person's title won in a competition ("peraih medali perunggu Olimpiade Tokyo"); an occasion named
only by an action noun out of the lexicon ("dalam pemerataan pembangunan") unless its sentence
gives it a date and a venue. A status cue in a relative clause with its own verb ("truk yang tengah
mengangkut mobil terguling") is not the trigger's; a trigger after a temporal subordinator
("setelah terjadi longsor") does not take the main clause's date, nor a statement date; a planned
main event is not dated by the day it was announced, nor one the sentence says came earlier ("X
sebelumnya meninggalkan ruangan pelantikan") by a statement date. After merging, an event other
than the main one with neither date, place nor named object ("mencegah bencana banjir") is dropped
unless its sentence reports it: a di-/me- verb in its own clause ("6 ton limbah medis disita
polisi", "Bantuan itu disalurkan melalui ..."), a trigger with its object ("penandatanganan nota
kesepakatan"), a demonstrative with no earlier event of its kind ("kunjungan kenegaraan ini") or a
plan right after it ("sosialisasi akan terus ditingkatkan"); not after a word of circumstance,
purpose, ability or denial ("saat dikunjungi", "untuk menertibkan", "belum ditangkap"), nor in a
recollection ("Kala itu", a year two or more back). A trigger in what a regulation is about or
requires ("Keputusan Menteri ... mengenai ... pengoperasian") is no event; a place right after an
attacker's noun ("serangan Israel", "pasukan Rusia") is not the event's place; with no cue or date,
a later year in the trigger's clause ("terlaksana pada kuartal III 2026") makes it planned.

Repeated mentions of one occurrence merge: same kind (or one kind specialising the other, "apel" /
"apel gelar pasukan") with agreeing date and place, the later mention filling what the first
lacked; a mention with a demonstrative ("Pelantikan tersebut ...", "Kegiatan itu digelar di ...")
is the earlier event's, whatever other date its sentence holds, also when it names the occasion by a
kind of the same family and neither date nor place ("Pergelaran musik ... akan digelar ..." then "dalam
konser ini"). Different dates or places stay
apart. The main event is the best-supported event of the first three sentences (occasion or strong
trigger, with date and place). Patterns are compiled once; the trigger lexicon is one trie-shaped
regex, so the cost per article is a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from .nlp import DISPLACED_PLACES_KEY, doc_text
from .resources import load_resource


@dataclass
class Event:
    event_id: str
    article_id: str
    kind: str
    name: str | None
    date: dt.date | None
    date_text: str | None
    place: str | None
    participants: list[str]
    status: str
    event_cluster: str
    start: int
    end: int
    trigger: str
    main: bool = False
    participant_keys: list[str] = field(default_factory=list)  # in-article person keys


_WEEKDAY = r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)"
_MONTH = (r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|"
          r"desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|des)")
_WEEKDAY_RE = re.compile(rf"(?i)^{_WEEKDAY}\b")
_DATEWORD_RE = re.compile(rf"(?i)^(?:{_WEEKDAY}|{_MONTH}|\d{{1,2}}\s+{_MONTH}|\d{{1,4}}(?:[/.-]\d+)*$|pukul|jam|tanggal|hari)\b")
# dateline: "Jakarta (ANTARA) -", "JAKARTA, KOMPAS.com -", "Liputan6.com, Jakarta -", "Jakarta [x.id] –"
_DATELINE = re.compile(r"^\s*((?:[A-Z][\w.'’/-]*|[\w-]+\.(?:com|id|co\.id|net|org|tv)\b[\w.]*|\([^()\n]{1,30}\)|\[[^\[\]\n]{1,40}\])"
                       r"(?:[ ,]+(?:[A-Z][\w.'’/-]*|[\w-]+\.(?:com|id|co\.id|net|org|tv)\b[\w.]*|\([^()\n]{1,30}\)|\[[^\[\]\n]{1,40}\])){0,5})"
                       r"\s*[-–—]+\s*")
_QUOTE_SPAN = re.compile(r"[\"“”][^\"“”\n]*[\"”]")
_QUOTED_TITLE = re.compile(r"[\"“'‘]([A-Z0-9][^\"”'’\n]{2,100})[\"”'’]")
_CAP_RUN = re.compile(r"(?:\s+(?:[A-Z0-9][\w'’./&:-]*|ke-\d+|dan|&)(?=[\s,.;:)]|$))+")
_SEG = re.compile(r"(?:[A-Z0-9][\w'’./&-]*|\([^()\n]{1,40}\))(?:[ \t]+(?:[A-Z0-9][\w'’./&-]*|\([^()\n]{1,40}\)|"
                  r"(?:pada|di|dan|de|van|no\.?|nomor|ke-\d+|lantai|blok|dr\.?|drg\.?|ir\.?)(?=[ \t]+[A-Z0-9])))*")
_SAME_DAY = re.compile(r"(?i)(?<!\w)(?:(?:pagi|siang|sore|malam|petang) ini|hari ini|pukul \d{1,2}[.:]\d{2})(?!\w)")
_CLAUSE_HEAD = re.compile(r"[^.;\"“”]*")  # the clause a trigger opens, up to its end
_HELD = re.compile(r"(?i)(?<!\w)(?:digelar|diselenggarakan|dilaksanakan|dilangsungkan|berlangsung|dihelat|bertempat|berlokasi|terjadi)\s+(?=di\s)")
_VENUE_STOP = re.compile(rf"(?i)^(?:{_WEEKDAY}|{_MONTH}|pukul|tanggal|hari|sekitar)\b")
_TRAILING_LINK = re.compile(r"(?:\s+(?:pada|di|dan|de|van|no\.?|nomor|lantai|blok))+$")
_PURPOSE = re.compile(r"(?i)(?<!\w)(?:untuk|guna|agar|supaya|demi|sebelum|setelah|sesudah|usai|seusai|sambil|sembari|seraya|hingga|sampai)\s+(?:\w+\s+){0,1}$")
_HYPOTHETICAL = re.compile(r"(?i)(?<!\w)(?:apabila|jika|jikalau|kalau|bila|bilamana|seandainya|andaikan|andai|agar tidak|supaya tidak|jangan sampai|tidak ada|belum ada|belum pernah|tidak pernah|tak pernah)\s+(?:[\w-]+\s+){0,4}$")
_DEMONSTRATIVE = re.compile(r"(?i)^\s+(?:[a-z-]+\s+)?(?:tersebut|itu|ini)(?!\w)")
# "Pembatalan ini berlangsung hingga Rabu (18/6/2025)": the demonstrative's sentence dates the event itself
_TAKES_PLACE = re.compile(r"(?i)^\s+(?:[a-z-]+\s+)?(?:tersebut|itu|ini)\s+(?:\w+\s+)?(?:berlangsung|digelar|dilaksanakan|diadakan|"
                          r"diselenggarakan|terjadi|dimulai)(?!\w)")
# a clause that reports what came before or after the main one, running on to the trigger (a cause,
# "akibat erupsi", is dated with its effect: it stays out)
_ANTECEDENT = re.compile(r"(?i)(?<!\w)(?:setelah|sesudah|usai|seusai|selepas|pasca|sejak|menyusul|sebelum|jelang|menjelang)(?!\w)[^,;:.\"“”]*$")
# "pemerkosaan massal dalam Kerusuhan Mei 1998": a year this many years before publication after the
# trigger marks a past happening recalled, not one the article reports
_OLD_YEAR = re.compile(r"\s+(?:(?!tanggal|tgl)[^\s,.;:\"“”]+\s+){0,3}?((?:19|20)\d\d)(?![\d/.-])", re.IGNORECASE)
_PAST_YEARS = 2
# the trigger names what it is about: "peluncuran Buku Aman", "meluncurkan program She Ablepreneur"
_NAMED_OBJECT = re.compile(r"\s+(?:[a-z]+\s+){0,1}[A-Z][a-z]")
_SPEECH_VERB = re.compile(r"(?i)(?<!\w)(?:mengatakan|menyatakan|menjelaskan|menyebutkan|menyebut|mengungkapkan|menuturkan|menegaskan|menambahkan|menerangkan|memastikan|menyampaikan|mengakui|membenarkan|berkata|bilang)(?!\w)")
_CLAUSE_CUT = re.compile(r"(?s).*(?:[\"“”,;:]|(?<!\w)(?:kata|ujar|ucap|ungkap|jelas|tutur|tegas|sebut|imbuh|terang|papar)(?:nya)?(?!\w))")
_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_END = re.compile(r"[,;:]|\s(?:dan|serta|namun|tetapi|sedangkan|sementara)\s")


def _alt(words) -> str:
    """A regex alternation of the words (lower case; a space matches any whitespace), built as a trie
    so that matching costs one branch per character instead of one try per word; at a position the
    longest word wins."""
    trie: dict = {}
    for w in {w.lower() for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return emit(trie)


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = load_resource("events")
    kind_of: dict[str, str] = {}
    for kind, words in d["kinds"].items():
        for w in words:
            kind_of.setdefault(w.lower(), kind)
    fr = d["frame"]
    venue_words = sorted(d["venue_words"], key=len, reverse=True)
    return {
        "pattern": re.compile(r"(?<![\w-])(" + _alt(kind_of) + r")(?![\w-])", re.IGNORECASE),
        "kind_of": kind_of,
        "kinds": frozenset(kind_of.values()),
        "weak": frozenset(w.lower() for w in d["weak"]),
        "not_before": re.compile(r"(?<!\w)(?:" + _alt(d["not_before"]) + r")\s*$", re.IGNORECASE),
        "not_after": re.compile(r"^\s*(?:" + _alt(d["not_after"]) + r")(?!\w)", re.IGNORECASE),
        "status": {k: re.compile(r"(?<!\w)(?:" + _alt(v) + r")(?!\w)", re.IGNORECASE) for k, v in d["status"].items()},
        "planned_after": re.compile(r"^[^,.;:]{0,50}?(?<!\w)(?:akan|bakal|dijadwalkan|direncanakan|rencananya)(?!\w)", re.IGNORECASE),
        "names": re.compile(r"(?<!\w)(?:" + _alt(d["name_markers"]) + r")\s*[\"“'‘]([^\"”'’\n]{3,120})[\"”'’]", re.IGNORECASE),
        "names_bare": re.compile(r"(?<!\w)(?:" + _alt([m for m in d["name_markers"] if m not in ("yakni", "yaitu")])
                                 + r")\s+([A-Z0-9][\w'’./&-]*(?:\s+(?:[A-Z0-9][\w'’./&:-]*|ke-\d+|dan|di|&))*)"),
        "frame": re.compile(r"(?<![\w-])(?:" + _alt(fr["preps"]) + r")\s+(?:(?:" + _alt(fr["support"]) + r")\s+)*", re.IGNORECASE),
        "not_heads": frozenset(w.lower() for w in fr["not_heads"]),
        "hosts": frozenset(w.lower() for w in fr["hosts"]),
        "kind_of_head": {k.lower(): v for k, v in fr["kind_of_head"].items()},
        "venue_intro": re.compile(r"(?<![\w-])(?:di|ke)\s+((?:(?:" + _alt(d["venue_lower"]) + r")\s+)*)", re.IGNORECASE),
        "venue_intro_di": re.compile(r"(?<![\w-])di\s+((?:(?:" + _alt(d["venue_lower"]) + r")\s+)*)", re.IGNORECASE),
        "venue_intro_ke": re.compile(r"(?<![\w-])ke\s+((?:(?:" + _alt(d["venue_lower"]) + r")\s+)*)", re.IGNORECASE),
        "destination": frozenset(d["destination_kinds"]),
        "context": {k: (v["kind"], re.compile(r"(?<!\w)(?:" + _alt(v["words"]) + r")(?!\w)", re.IGNORECASE))
                    for k, v in d["kind_in_context"].items()},
        "venue_lower_only": re.compile(r"^(?:" + _alt(d["venue_lower"]) + r")(?:nya)?$", re.IGNORECASE),
        "cause": re.compile(r"(?<!\w)(?:" + _alt(d["cause_markers"]) + r")(?:\s+(?:\w+\s+){0,2})?$", re.IGNORECASE),
        "anaphora": re.compile(r"\s*(?:" + _alt(d["anaphora"]) + r")(?!\w)[^.;\"“”]{0,80}?(?<!\w)(?:itu|tersebut|ini)(?!\w)", re.IGNORECASE),
        "venue_word": re.compile(r"(?<!\w)(?:" + _alt(venue_words) + r")(?!\w)", re.IGNORECASE),
        "object_kinds": frozenset(d["object_kinds"]["kinds"]),
        "object": re.compile(r"\s+(?:(?:" + _alt(d["object_kinds"]["skip"]) + r")\s+)?([a-z]+(?:-[a-z]+)*(?:\s+[a-z]+(?:-[a-z]+)*){0,2})"),
        "object_stop": frozenset(d["object_kinds"]["stop"] + d["object_kinds"]["skip"]),  # a skip word not before a word
        "idioms": re.compile(r"(?<![\w-])(?:" + _alt(d["idioms"]) + r")(?![\w-])", re.IGNORECASE),
        "outlets": frozenset(_SPACES.sub(" ", w.lower()) for w in d["outlets"]),
        "outlet_glue": re.compile(r"^(?:" + _alt(d["outlet_glue"]) + r")\s*(?=\S)", re.IGNORECASE),
        # "Mengutip dari Euronews, Jumat, 13 Juni 2025": the date of the cited report, not of an event
        "citation": re.compile(r"(?<!\w)(?i:" + _alt(d["citation_markers"]) + r")(?i:nya)?(?:\s+(?i:dari|oleh))?\s*"
                               r"(?:(?i:laman|situs|resmi|media|kantor|berita|akun|harian|portal|majalah|koran|laporan|siaran|pers)\s+){0,3}"
                               r"(?:(?:[A-Z0-9][\w.&'’-]*|[\w-]+\.(?:com|id|co\.id|net)|detik\w*)\s*){1,6}[,(]?\s*(?i:pada\s+|edisi\s+)?$"),
        # "kata X, dikutip dari YouTube Y, Rabu (18/6/2025)", "dirangkum dari berbagai sumber, Rabu": the
        # day a source was quoted or the article compiled, not the statement's nor the event's
        "cited_clause": re.compile(r"(?<!\w)(?:" + _alt(d["citation_markers"] + d["compilation_markers"]) + r")(?:nya)?(?!\w)"
                                   r"(?:[^.;\n\"“”]|\.(?=\S)){0,80}$", re.IGNORECASE),  # "Liputan6.com" stays inside
        # "... dalam keterangan resmi di Jakarta, dikutip Kamis": the speaker's own statement, whose day it is
        "press_statement": re.compile(r"(?<!\w)(?:" + _alt(d["press_statement_markers"]) + r")(?!\w)", re.IGNORECASE),
        "court_kinds": frozenset(d["court"]["kinds"]),
        "court_name": re.compile(r"^(?:" + "|".join(re.escape(w) for w in d["court"]["names"]) + r")(?!\w)"),
        "compiled": re.compile(r"(?<!\w)(?:" + _alt(d["compilation_markers"]) + r")(?!\w)(?:[^.;\n\"“”]|\.(?=\S)){0,80}$",
                               re.IGNORECASE),
        # "Bertempat di ..., acara yang berlangsung Rabu, 2 Juli 2025": a later mention of the occasion
        # that dates it
        "occasion_held": re.compile(r"(?<![\w-])(" + _alt(d["anaphora"]) + r")(?:nya)?\s+(?:[\w-]+\s+){0,4}?(?:yang\s+)?"
                                    r"(?:(?:akan|bakal|rencananya|direncanakan|dijadwalkan|sudah|telah)\s+)?"
                                    r"(?:berlangsung|digelar|dilaksanakan|diselenggarakan|diadakan|dihelat)(?!\w)"
                                    r"(?:[^.;\n\"“”]|\.(?=\d)){0,100}?$", re.IGNORECASE),
        "generic_occasions": frozenset(w.lower() for w in d["frame"]["kind_of_head"]) | {"event"},
        # "surat keterangan tgl 3 Februari 2013": the date of a document, not of a happening
        "document_date": re.compile(r"(?i)(?:(?<!\w)(?:" + _alt(d["document_markers"]) + r")(?!\w)[^.;:,()\"“”\n]{0,40}?"
                                    r"(?<!\w)(?:tanggal|tgl\.?)|(?<!\w)(?:tgl\.?|tertanggal|bertanggal))\s*$"),
        # a trigger verb in a clause that reports no happening of its own ("saat dikunjungi", "untuk
        # menertibkan", "belum ditangkap", "mampu menangkap"): see _reported
        "unreported": re.compile(r"(?<!\w)(?:" + _alt(d["reported"]["not_before"]) + r")\s+$", re.IGNORECASE),
        "noun_shaped": frozenset(w.lower() for w in d["reported"]["nouns"]),
        "recall": re.compile(r"(?<!\w)(?:" + _alt(d["reported"]["recall"]) + r")(?!\w)", re.IGNORECASE),
        "refuted": re.compile(r"(?<!\w)(?:" + _alt(d["refuted_markers"]) + r")(?!\w)", re.IGNORECASE),
        "not_verbs": frozenset(w.lower() for w in d["status_scope"]["not_verbs"]),
        "carriers": frozenset(w.lower() for w in d["status_scope"]["carriers"]),
        "links": frozenset(w.lower() for w in d["status_scope"]["links"]),
        "origin": re.compile(r"(?<!\w)(?:" + _alt(d["origin_markers"]) + r")\s*$", re.IGNORECASE),
        # "serangan Israel", "pasukan Rusia", "raksasa Argentina": the place names who acts, not where
        "agent": re.compile(r"(?<!\w)(?:" + _alt(d["agent_markers"]) + r")\s+$", re.IGNORECASE),
        # "Keputusan Menteri ... mengenai penugasan ... dalam pembangunan dan pengoperasian": a trigger in
        # what a regulation is about or requires is no happening
        # (a dot not ending a sentence, "No. 2157", stays inside)
        "regulation": re.compile(r"(?<!\w)(?:" + _alt(d["regulation"]["markers"]) + r")(?!\w)(?:[^.;:\"“”]|\.(?!\s+[A-Z])){0,120}?(?<!\w)(?:"
                                 + _alt(d["regulation"]["about"]) + r")(?!\w)(?:[^.;:\"“”]|\.(?!\s+[A-Z])){0,160}$", re.IGNORECASE),
        # "X sebelumnya meninggalkan ruangan pelantikan": an earlier happening, not dated by the statement
        # "Pergelaran musik ..." then "dalam konser ini": kinds one occasion is named by in turn
        # "peraih medali perunggu Olimpiade Tokyo": a person's title, not an event
        "titleholder": re.compile(r"(?<!\w)(?:" + _alt(d["titleholder_markers"]) + r")(?:\s+(?-i:[a-z]+)){0,3}\s+$", re.IGNORECASE),
        "family": {k: frozenset(f) for f in d["kind_families"] for k in f},
        "earlier": re.compile(r"(?<!\w)(?:" + _alt(d["earlier_markers"]) + r")(?!\w)", re.IGNORECASE),
    }


# inline patterns, compiled once
_LAST_WORD_AND = re.compile(r"([\w'’.-]+)\s+(?:dan|&)\s*$")
_LAST_WORD = re.compile(r"([\w'’.-]+)\s*$")
_LOWER_VENUE_THEN_AREA = re.compile(r"([a-z]+)(?=\s*,\s*[A-Z])")
_COMMA = re.compile(r"\s*,\s*")
_NONSPACE = re.compile(r"\S+")
_COMMA_CAP = re.compile(r"\s*,\s*(?=[A-Z0-9])")
_PLACE_GAP = re.compile(r"[\s,]*(?:dan\s+)?")
_ONGOING_CUE = re.compile(r"(?i)(?<!\w)(?:mulai hari ini|masih berlangsung|sedang berlangsung|tengah berlangsung|hingga kini)(?!\w)")
_QUOTED_PHRASE = re.compile(r"[\"“'‘]([^\"”'’\n]{3,120})[\"”'’]")
_MULTIWORD = re.compile(r"\s\S")
_PHRASE_STOP = re.compile(r"\s+(?:di|ke|yang|pada|dengan|bersama|secara|untuk|sebagai|oleh|kepada|terhadap|bagi|tentang|mengenai|soal|terkait|antara|sejak|selama|sekitar|hingga|sampai|sambil|seraya|sembari|sekaligus|lalu|kemarin|tadi)\s+|[,;.!?()\"“”]|\s+[-–—]\s+|$")
_OCCASION_TAIL = re.compile(r"\s*(?:,\s*)?(?:[^,.;]{0,60}?\s)?(?:di|ke)\s+(?:[A-Z]|(?:kantor|gedung|rumah|kediaman|ruang|halaman|aula|markas|kompleks|kawasan|sela)\w*\s)|[^.;]{0,80}?(?<!\w)" + _WEEKDAY + r"\b|[^.;]{0,80}?\(\d{1,2}/\d{1,2}", re.IGNORECASE)
_NYA = re.compile(r"nya$")
_NOMINAL = re.compile(r"^(?:pe[mnr]?|peng|peny|per|ke)[a-z]{3,}an$")
_SPACES = re.compile(r"\s+")
_NONWORD = re.compile(r"\W+")
_RANGE_LINK = re.compile(r"\s*(?:-|–|hingga|sampai|s\.?d\.?|s/d)\s*", re.IGNORECASE)
_TRAILING_CONJ = re.compile(r"\s+(?:dan|di|&)$")
_OPEN_QUOTE = re.compile(r"[\"“'‘]")
# a verb, not an object ("Penandatanganan | berlangsung di ...", "Peluncuran | dihadiri ...")
_VERB_FORM = re.compile(r"^(?:(?:di|ter)[a-z]{3,}(?:kan|i)|me(?:m|n|ng|ny)?[a-z]{3,}kan)$")


# ----------------------------------------------------------------------------- helpers

def dateline_end(text: str) -> int:
    """End of the dateline ("Jakarta (ANTARA) - ") at the start of the text or of its second line
    (a text may repeat its title first), else 0."""
    starts = [0]
    nl = text.find("\n", 0, 300)
    if nl > 0:
        starts.append(nl + 1 + len(text[nl + 1:nl + 20]) - len(text[nl + 1:nl + 20].lstrip()))
    for st in starts:
        m = _DATELINE.match(text[st:st + 120])
        if m and 1 <= len(m.group(1).split()) <= 6:
            return st + m.end()
    return 0


def _title_like(s: str) -> bool:
    words = [w for w in _WORD.findall(s) if w.lower() not in ("dan", "di", "ke", "dari", "untuk", "yang", "&", "bagi", "pada", "dalam", "menuju", "of", "the", "and")]
    return bool(words) and sum(w[0].isupper() or w[0].isdigit() for w in words) / len(words) >= 0.6


def _in_name(text: str, a: int, trig: str, sent_start: int) -> bool:
    """A capitalised trigger inside a proper name: "Juru Sita", "Direktur Penyidikan", "Ruang Sidang"."""
    if not trig[:1].isupper() or trig.isupper() or a <= sent_start:
        return False
    before = text[max(sent_start, a - 40):a]
    if not before.strip() or before.rstrip().endswith((".", "\"", "“", "”", ":", "-", "–", ",", "(")):
        return False
    m = _LAST_WORD_AND.search(before)  # "Deputi Penindakan dan Eksekusi"
    if m:
        return m.group(1)[:1].isupper()
    m = _LAST_WORD.search(before)
    if not m:
        return False
    w = m.group(1)
    return w[:1].isupper() and not w.isupper() and not _WEEKDAY_RE.match(w)


def _full_dates(ents, lo: int, hi: int, skip_to: int = 0):
    out = []
    for e in ents:
        if e.label_ == "DATE" and lo <= e.start_char and e.end_char <= hi and e.start_char >= skip_to:
            n = e._.normalized
            if n and len(n) == 10:
                try:
                    out.append((e, dt.date.fromisoformat(n)))
                except ValueError:
                    pass
    return out


#: a document's date ("surat ... tanggal 3 Februari 2013") this long before publication dates no happening
_OLD_DOCUMENT_DAYS = 365
#: a cited report's date this close to publication is kept: "Melansir Coinmarketcap, Jumat (20/6/2025)"
#: in an article of that Friday is the day of the news itself (153 of the 175 real event dates the
#: citation rule removed were within a day of publication)
_CITED_SAME_DAYS = 1
#: a statement date further on than the next two sentences dates the main event only this close to
#: publication: "kata Sutiah di Madinah, Kamis (15/5)" in an article of 20 June recalls an earlier talk
_FAR_STATEMENT_DAYS = 7
_OUTLET_DOMAIN = re.compile(r"(?i)\w\.(?:com|co\.id|id|net|org|tv)(?![\w])")
# "Dilansir detik Jatim, kecelakaan terjadi pada Sabtu (14/6/2025)": after the cited source a clause of
# its own whose verb governs the date; it is the event's date, not the citation's
_GOVERNING = re.compile(r"(?i)(?<!\w)(?:terjadi|berlangsung|digelar|diselenggarakan|dilaksanakan|dilangsungkan|dihelat|"
                        r"diadakan|dimulai)(?!\w)")


def _governed(text: str, marker: int, pos: int) -> bool:
    """The date at ``pos`` is governed by a clause of its own after the source that the citation or
    compilation word at ``marker`` introduces: past the first comma after it, a verb of happening
    ("terjadi pada", "digelar") or an event trigger ("polisi menangkap pelaku pada Senin"). A bare
    day after the source ("dilansir Reuters, Jumat (13/6)", "kata X, dikutip dari laman Y, Senin") is
    the citation's own."""
    comma = text.find(",", marker, pos)
    if comma < 0:
        return False
    clause = text[comma + 1:pos]
    if _GOVERNING.search(clause):
        return True
    lex = _lex()
    # a trigger in its event sense ("harga saham ditutup melemah" is none)
    return any(not lex["not_after"].match(clause[m.end():m.end() + 40]) for m in lex["pattern"].finditer(clause))


def _event_dates(text: str, ents, lo: int, hi: int, skip_to: int, published: dt.date | None):
    """``_full_dates`` minus the dates that cannot date an event: the date of a cited report
    ("Mengutip dari Euronews, Jumat, 13 Juni 2025") more than ``_CITED_SAME_DAYS`` from
    publication (or with no publication date), an old document's date ("surat
    keterangan tgl 3 Februari 2013", more than a year before publication) and the day the article
    was compiled or a source read ("dirangkum dari berbagai sumber, Rabu (18/6/2025)")."""
    lex = _lex()
    out = []
    for e, d in _full_dates(ents, lo, hi, skip_to):
        before = text[max(lo, e.start_char - 80):e.start_char]
        if (published is None or abs((published - d).days) > _CITED_SAME_DAYS) and lex["citation"].search(before):
            continue
        if (published is None or (published - d).days > _OLD_DOCUMENT_DAYS) and lex["document_date"].search(before[-60:]):
            continue
        cm = lex["compiled"].search(before)
        if cm and not _governed(before, cm.start(), len(before)):
            continue
        out.append((e, d))
    return out


@lru_cache(maxsize=4096)
def is_outlet(name: str) -> bool:
    """A news outlet or a web site ("Liputan6.com", "KOMPAS.com", "detik News", "DilansirAFP"):
    where the news comes from, never a participant of an event."""
    lex = _lex()
    n = _SPACES.sub(" ", name.strip(" .,")).lower()
    n = lex["outlet_glue"].sub("", n, count=1) if n not in lex["outlets"] else n
    return bool(n in lex["outlets"] or n.startswith("detik") or _OUTLET_DOMAIN.search(n))


def _origin_before(text: str, lo: int, pos: int) -> bool:
    """The place at ``pos`` is an origin ("berasal dari Gorontalo", "pelatih asal Spanyol")."""
    return bool(_lex()["origin"].search(text, max(lo, pos - 30), pos))


def _venue(text: str, lo: int, hi: int, ents, skip_to: int, destination: bool = False,
           at_only: bool = False) -> tuple[str, int] | None:
    """The venue after "di"/"ke" (only "ke" with ``destination``, only "di" with ``at_only``) in
    text[lo:hi], as written: (text, start) or None."""
    lex = _lex()
    date_ents = [(e.start_char, e.end_char) for e in ents if e.label_ == "DATE" and lo <= e.start_char < hi]
    # a person or office starting inside the venue ends it ("di Medan, Kapolres X mengatakan"); one
    # the venue starts in is a tagging slip ("Pendopo Bupati Bogor", "Eri Cahyadi di Balai")
    who_starts = {e.start_char for e in ents if e.label_ in ("PERSON", "OFFICE") and lo <= e.start_char < hi}
    place_ents = [(e.start_char, e.end_char) for e in ents if e.label_ in ("PLACE",) and lo <= e.start_char < hi]
    for m in lex["venue_intro_ke" if destination else "venue_intro_di" if at_only else "venue_intro"].finditer(text, lo, hi):
        if m.start() < skip_to:
            continue
        pos = m.end()
        lead = m.group(1) or ""
        segs: list[tuple[int, int]] = []
        # a lower-case venue on its own, then its area: "di kantornya, Jakarta Pusat"
        lw = _LOWER_VENUE_THEN_AREA.match(text[pos:hi])
        if lw and lex["venue_lower_only"].match(lw.group(1)):
            segs.append((pos, pos + lw.end()))
            pos = pos + lw.end()
            mm = _COMMA.match(text[pos:hi])
            pos += mm.end() if mm else 0
        while pos < hi:
            sm = _SEG.match(text, pos, hi)
            if not sm:
                break
            s, e = sm.start(), sm.end()
            # cut at a date word or a person inside the segment ("Istana Negara Senin")
            cut = None
            for wm in _NONSPACE.finditer(text[s:e]):
                ws = s + wm.start()
                if _VENUE_STOP.match(wm.group()) or any(a <= ws < b for a, b in date_ents) or (
                        ws in who_starts and segs):
                    cut = ws
                    break
            if cut is not None:
                e = s + len(_TRAILING_LINK.sub("", text[s:cut].rstrip()))
                if e > s:
                    segs.append((s, e))
                break
            segs.append((s, e))
            nm = _COMMA_CAP.match(text[e:hi])
            if not nm or len(segs) >= 6:
                break
            pos = e + nm.end()
        if not segs or _origin_before(text, lo, segs[0][0]):  # "lahir di Medan": where from, not where it happened
            continue
        vs, ve = (segs[0][0] - len(lead)) if lead.strip() else segs[0][0], segs[-1][1]
        vtext = text[vs:ve].strip(" ,").rstrip(".")
        if len(vtext) < 2 or len(vtext) > 160 or vtext.lower() in ("tanah air", "sini", "sana"):
            continue
        if any(vs <= a < ve or a <= vs < b for a, b in place_ents) or lex["venue_word"].search(vtext):
            return vtext, vs
    return None


def _places(text: str, lo: int, hi: int, ents, skip_to: int, after: int) -> str | None:
    """The sentence's places (from the first after ``after``, else the first) and the adjacent ones."""
    agent = _lex()["agent"]
    places = [e for e in ents if e.label_ == "PLACE" and lo <= e.start_char and e.end_char <= hi and e.start_char >= skip_to
              and not agent.search(text, max(lo, e.start_char - 30), e.start_char)
              and not _OUTSIDE.search(text, max(lo, e.start_char - 10), e.start_char)
              and not _EPITHET.search(text, max(lo, e.start_char - 12), e.start_char)
              and not _LIST_ITEM.search(text, max(lo, e.start_char - 3), e.start_char)]
    # an origin ("berasal dari Gorontalo, Sulawesi", "pelatih asal Spanyol") and the places it runs on
    # into are where someone comes from, not where it happened
    kept, prev_origin = [], None
    for p in places:
        if _origin_before(text, lo, p.start_char) or (
                prev_origin is not None and (_PLACE_GAP.fullmatch(text[prev_origin.end_char:p.start_char])
                                             or len(text[prev_origin.end_char:p.start_char]) <= 3)):
            prev_origin = p
            continue
        prev_origin = None
        kept.append(p)
    places = kept
    if not places:
        return None
    later = [p for p in places if p.start_char >= after]
    first = later[0] if later else places[0]
    last = first
    for p in places[places.index(first) + 1:]:
        gap = text[last.end_char:p.start_char]
        if _PLACE_GAP.fullmatch(gap) or len(gap) <= 3:
            last = p
        else:
            break
    return text[first.start_char:last.end_char]


# "ke sejumlah daerah di luar Provinsi Jabar": where it is not
_OUTSIDE = re.compile(r"(?i)(?<!\w)luar\s+$")
# "UNM yang dikenal sebagai Kampus Digital Bisnis": an epithet, not where it happened
_EPITHET = re.compile(r"(?i)(?<!\w)(?:sebagai|dijuluki|berjuluk|julukan)\s+$")
# "...; Laboratorium Sederhana; Kacamata Baca Gratis; ...": an item of a list of services or goods
_LIST_ITEM = re.compile(r";\s*$")
# a sentence opening with a noun phrase that refers back ("Tebing galian tersebut", "Lokasi itu")
_BACK_SUBJECT = re.compile(r"\s*[A-Z][\w-]*(?:\s+[\w-]+){0,3}?\s+(?:tersebut|itu)(?!\w)")
_REL_YANG = re.compile(r"(?i)(?<!\w)yang\s+$")
_VERB_SHAPE = re.compile(r"^(?:me|ber|di|ter)[a-z]{3,}$")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")
_PLAN_NEXT = re.compile(r"\s+(?:(?:ini|itu|tersebut|juga|pun)\s+)?(?:akan|bakal|dijadwalkan|direncanakan)(?!\w)", re.IGNORECASE)


def _own_verb(s: str) -> bool:
    """``s`` (between a status cue and the trigger) holds a verb of its own, not one that carries the
    trigger ("akan menggelar rapat"), and no word that links the trigger into the cue's clause
    ("yang akan mendampingi X saat menikah")."""
    lex = _lex()
    words = [x.lower() for x in _WORD.findall(s)]
    if any(w in lex["links"] for w in words):
        return False  # the trigger is inside the relative clause ("yang akan bergabung dalam aksi damai")
    return any(_VERB_SHAPE.match(w) and w not in lex["not_verbs"] and w not in lex["carriers"] for w in words)


def _status(text: str, ss: int, a: int, b: int, date: dt.date | None, date_end: dt.date | None,
            published: dt.date | None) -> str:
    lex = _lex()
    window = text[max(ss, a - 60):a]
    # the cue must be in the trigger's own clause: not in a quotation or clause before it
    # ("kami akan turunkan lagi," kata Perry dalam rapat kerja)
    cut = _CLAUSE_CUT.search(window)
    if cut:
        window = window[cut.end():]
    best, where, wend = None, -1, -1
    for k in ("planned", "ongoing", "happened"):
        for m in lex["status"][k].finditer(window):
            if m.start() >= where:
                best, where, wend = k, m.start(), m.end()
    if best is not None and _REL_YANG.search(window[:where]) and _own_verb(window[wend:]):
        best = None  # "truk yang tengah mengangkut mobil terguling": the cue is the relative clause's
    if best is None and lex["planned_after"].match(text[b:b + 80]):
        best = "planned"
    after = text[b:b + 120]
    if best != "planned" and _ONGOING_CUE.search(after + window):
        best = "ongoing"
    if published and date:
        if date > published:
            return "ongoing" if best == "ongoing" else "planned"
        if date_end and date <= published <= date_end:
            return "ongoing"
    if best == "ongoing" and published and date_end and date_end < published:
        return "happened"
    if best is None and date is None and published is not None:
        # "Penandatanganan ... baru bisa terlaksana pada kuartal II atau III 2026": a later year in its clause
        clause = _CLAUSE_HEAD.match(text, b, b + 100).group(0)
        if any(int(y) > published.year for y in _YEAR.findall(clause)):
            return "planned"
    return best or "happened"


# ----------------------------------------------------------------------------- extraction

def _past(text: str, b: int, se: int, published: dt.date | None) -> bool:
    """A year ``_PAST_YEARS`` or more before publication follows ``b`` within three words ("Kerusuhan Mei
    1998", "wafat pada 2018"), not as the date of a document ("akta tanggal 12 Maret 2015")."""
    oy = _OLD_YEAR.match(text, b, min(se, b + 50))
    return bool(oy and published is not None and int(oy.group(1)) <= published.year - _PAST_YEARS)


def _frame(text: str, ss: int, se: int, quoted, s_ents, published: dt.date | None = None,
           untailed: bool = False) -> tuple[int, int, str, bool] | None:
    """The occasion of a statement in the sentence: (start, end, phrase, with a support word). With
    ``untailed``, also one with neither venue nor date after it ("ikut serta dalam acara Sharia
    Investment Week 2025."), which a later sentence may date."""
    lex = _lex()
    for m in lex["frame"].finditer(text, ss, se):
        p = m.end()
        # "dalam acara", "saat menghadiri", "menggelar": the phrase is named as an occasion
        supported = bool(_MULTIWORD.search(m.group().strip())) or m.group().strip().lower() in lex["hosts"]
        if any(e.start_char <= p < e.end_char and (e.label_ == "DATE" or not supported) for e in s_ents):
            continue
        if any(a < m.start() < b for a, b in quoted):
            continue
        rest = text[p:se]
        qm = _QUOTED_PHRASE.match(rest)
        if qm:
            phrase, end = qm.group(1), p + qm.end()
            start = p + 1
        else:
            stop = _PHRASE_STOP.search(rest)
            phrase = rest[:stop.start()] if stop else rest
            start, end = p, p + len(phrase)
        phrase = phrase.strip()
        words = phrase.split()
        if not words or len(words) > 14:
            continue
        head = words[0].lower().strip("'’\"“")
        head2 = " ".join(words[:2]).lower()
        if head in lex["not_heads"] or head2 in lex["not_heads"] or _DATEWORD_RE.match(head) or head in ("ini", "itu", "tersebut", "sini", "sana"):
            continue
        # the occasion must come with a venue or a date after it, and not be a past one recalled
        # ("dalam konferensi Tencent WE Summit 2017")
        tail = text[end:se]
        if not (untailed or _OCCASION_TAIL.match(tail)) or _past(text, start + len(words[0]), se, published):
            continue
        return start, end, phrase, supported
    return None


def _kind_of_phrase(phrase: str, supported: bool) -> tuple[str, str] | None:
    """(kind, trigger) of an occasion phrase: a trigger inside it, a nominalised head, or a title.
    A lower-case head out of the lexicon is a pe-...-an action noun ("perkenalan"); a ke-...-an
    noun names a state, not an occasion ("kejadian", "keputusan", "kehadirannya")."""
    lex = _lex()
    trig = None
    for m in lex["pattern"].finditer(phrase):
        t = m.group(1).lower()
        if _VERB_SHAPE.match(t.split()[0]) and lex["not_after"].match(phrase[m.end():m.end() + 40]):
            continue  # "membagikan tips panjang umur di Festival ...": a verb's object says it is no handout
        if trig is None or (trig in lex["weak"] and t not in lex["weak"]):
            trig = t
    if trig:
        return lex["kind_of"][trig], trig
    head = phrase.split()[0]
    hl = head.lower()
    if hl in lex["kind_of_head"]:
        return lex["kind_of_head"][hl], head
    base = _NYA.sub("", hl)
    if head[:1].islower() and _NOMINAL.match(base) and not base.startswith("ke"):
        return base, head
    if head[:1].isupper() and _title_like(phrase) and lex["venue_word"].match(phrase) is None and (
            supported or _NOMINAL.match(hl) or (len(phrase.split()) >= 3 and all(w[:1].isupper() or w[:1].isdigit() or w in ("dan", "&", "ke", "di", "untuk", "bagi", "menuju")
                                                          for w in phrase.split()))):
        return "acara", head
    return None


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence, as ``doc.sents`` gives them, read from arrays."""
    n = len(doc)
    if n == 0:
        return []
    arr = doc.to_array([SENT_START, IDX, LENGTH])
    first = (arr[:, 0] == 1).nonzero()[0].tolist()
    if not first or first[0] != 0:
        first = [0] + first
    idx, length = arr[:, 1].tolist(), arr[:, 2].tolist()
    ends = first[1:] + [n]
    return [(idx[b], idx[e - 1] + length[e - 1]) for b, e in zip(first, ends)]


def extract_events(doc: Doc, article_id: str = "", published: dt.date | None = None,
                   quotes: list | None = None) -> Iterator[Event]:
    """Events of one article. ``quotes`` (from :mod:`pipeline.quotes`) add speakers to the main event."""
    lex = _lex()
    text = doc_text(doc)
    if published is None:
        published = getattr(doc._, "published", None) if Doc.has_extension("published") else None
    dl_end = dateline_end(text)
    sents = _sentences(doc)
    ents = list(doc.ents)
    # the region of a government body the rules read around a place ("Satreskrim Polresta | Pekanbaru") is nested
    # in its ORG mention: still a place of the sentence, as before the body was read
    inner = list(doc.spans[DISPLACED_PLACES_KEY]) if DISPLACED_PLACES_KEY in doc.spans else []
    if inner:
        ents = sorted(ents + inner, key=lambda e: (e.start_char, e.end_char))
    ent_starts = [e.start_char for e in ents]
    quoted = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]
    events: list[Event] = []
    pending = None  # an occasion of the lead with neither venue nor date in its sentence
    for si, (ss, se) in enumerate(sents):
        s_ents = [e for e in ents[bisect_left(ent_starts, ss):bisect_left(ent_starts, se)] if e.end_char <= se]
        if lex["refuted"].search(text, ss, se):
            continue  # "Cek Fakta: ... akan demo besar", "hoaks terkait erupsi": a refuted claim, not a happening
        frame = _frame(text, ss, se, quoted, s_ents, published)
        if frame is None and si < 3 and pending is None:
            pf = _frame(text, ss, se, quoted, s_ents, published, untailed=True)
            kp = _kind_of_phrase(pf[2], pf[3]) if pf else None
            if kp and (kp[0] in lex["kinds"] or kp[0] in lex["kind_of_head"].values()):
                pending = (si, ss, se, s_ents, pf, kp)
        # idioms holding a trigger ("tidak menutup kemungkinan", "laba ditahan"): no event
        idioms = [(m.start(), m.end()) for m in lex["idioms"].finditer(text, ss, se)]
        cands = []  # (pos, end, trigger, kind, weak, name)
        for m in lex["pattern"].finditer(text, ss, se):
            a, b = m.start(), m.end()
            trig = m.group(1)
            tl = _SPACES.sub(" ", trig.lower())
            kind = lex["kind_of"].get(tl)
            if kind is None:
                continue
            ctx = lex["context"].get(kind)
            if ctx is not None and ctx[1].search(text, ss, se):
                kind = ctx[0]  # "bertemu Botafogo di matchday kedua": a match
            in_frame = frame is not None and frame[0] <= a < frame[1]
            name = None
            inside = next((r for r in quoted if r[0] < a < r[1]), None)
            if inside and not in_frame:
                qt = text[inside[0] + 1:inside[1] - 1]
                if _title_like(qt) and len(qt) <= 120:
                    name = qt
                elif not _full_dates(ents, inside[0], inside[1]) or tl in lex["weak"]:
                    continue
            if not in_frame and _in_name(text, a, trig, ss) and not (frame and frame[0] <= a < frame[1]):
                continue
            if _past(text, b, se, published):
                continue
            if lex["regulation"].search(text, ss, a):
                continue
            if lex["titleholder"].search(text, max(ss, a - 50), a):
                continue
            if lex["not_before"].search(text[max(ss, a - 40):a]) or lex["not_after"].match(text[b:b + 40]) \
                    or _HYPOTHETICAL.search(text[max(ss, a - 40):a]) or any(i <= a and b <= j for i, j in idioms):
                continue
            cands.append((a, b, trig, kind, tl in lex["weak"] and not in_frame, name, in_frame))
        chosen = []
        nominal_at = -1  # an occasion named only by an action noun out of the lexicon ("dalam pemerataan ...")
        if frame is not None:
            fa, fb, phrase, supported = frame
            inner = [c for c in cands if c[6]]
            if inner:
                c = min(inner, key=lambda c: (c[4] and any(not d[4] for d in inner), c[0]))
                kind, trig, a, b = c[3], c[2], c[0], c[1]
            else:
                kp = _kind_of_phrase(phrase, supported)
                kind, trig, a, b = (kp[0], kp[1], fa, fa + len(kp[1])) if kp else (None, None, fa, fb)
                if kp and kp[1][:1].islower() and kp[1].lower() not in lex["kind_of_head"] and kp[0] not in lex["kinds"]:
                    nominal_at = a
            if kind:
                name = phrase if _title_like(phrase) and phrase.lower() != trig.lower() else None
                chosen.append((a, b, trig, kind, False, name, True))
        strong = [c for c in cands if not c[4] and not c[6]]
        for c in strong:
            if len(chosen) >= 2:
                break
            # a second event of the sentence only when reported in its own right, not as a purpose
            # or a sequel ("kunjungan kerja ke Benowo untuk meninjau tanggul")
            if chosen and _PURPOSE.search(text[max(ss, c[0] - 30):c[0]]):
                continue
            if all(c[3] != d[3] and not related_kinds(c[3], d[3]) for d in chosen):
                chosen.append(c)
        # "87 penerbangan dibatalkan akibat erupsi ...": the weak trigger is what the clause reports,
        # the strong one after a cause marker its cause; both are events
        caused = [(c, m.start()) for c in chosen if not c[4]
                  for m in [lex["cause"].search(text, max(ss, c[0] - 40), c[0])] if m]
        effect = None
        if caused and len(chosen) < 3:
            effect = next((c for c in cands if c[4] and not c[6] and c[0] < caused[0][1]
                           and all(c[3] != d[3] and not related_kinds(c[3], d[3]) for d in chosen)), None)
            if effect is not None:
                chosen.append(effect)
        if not strong:
            weak = [c for c in cands if c[4] and all(c[3] != d[3] for d in chosen)]
            if weak and all(d[3] == "acara" for d in chosen):
                chosen.append(weak[0])
        if not chosen and events and lex["anaphora"].match(text, ss, se):
            # "Kegiatan itu digelar di ..., Selasa": a later mention of the last event
            prev = events[-1]
            ev = _build(text, ss, se, s_ents, ss, ss, prev.trigger, prev.kind, None, dl_end, published, article_id)
            if prev.date is None and ev.date is not None:
                prev.date, prev.date_text = ev.date, ev.date_text
                if prev.status == "happened":
                    prev.status = ev.status
            if ev.place and ev._venue and not prev._venue:  # type: ignore[attr-defined]
                prev.place, prev._venue = ev.place, True  # type: ignore[attr-defined]
            continue
        for c in chosen:
            a, b, trig, kind, weak_only, name, in_frame = c
            qr = next((r for r in quoted if r[0] < a < r[1]), None)
            # the effect's own clause ends where its cause begins: the cause's place and date are not its own
            c_end, c_ents = se, s_ents
            if c is effect:
                c_end = caused[0][1]
                c_ents = [e for e in s_ents if e.end_char <= c_end]
            ev = _build(text, ss, c_end, c_ents, a, b, trig, kind, name, dl_end, published, article_id, qr, in_frame)
            if c is effect and ev.place is None:
                # where it was reported: the place the clause opens with ("Bandara Juanda mencatat ...")
                subj = next((e for e in s_ents if e.label_ == "PLACE" and e.start_char >= max(ss, dl_end)
                             and e.end_char <= a), None)
                if subj is not None:
                    ev.place = subj.text
            if _DEMONSTRATIVE.match(text[b:b + 30]):
                # "Pelantikan tersebut ...": a later mention of an earlier event, whose dates are not its own
                # a kind of the same family only for a bare mention ("dalam konser ini"): one with its own date
                # or place may be another occasion of the family ("Kejuaraan Asia ini ... pada 18 Juli")
                prev = next((p for p in reversed(events) if p.kind == kind or related_kinds(p.kind, kind)
                             or (ev.date is None and ev.place is None and _kin(p.kind, kind))), None)
                if prev is not None:
                    if prev.place is None and ev.place:
                        prev.place = ev.place
                    if prev.date is None and ev.date is not None and _TAKES_PLACE.match(text[b:b + 60]):
                        prev.date, prev.date_text, prev.status = ev.date, ev.date_text, ev.status
                    prev.participants = list(dict.fromkeys(prev.participants + ev.participants))
                    prev.participant_keys = list(dict.fromkeys(prev.participant_keys + ev.participant_keys))
                    continue
                # "kunjungan kenegaraan ini" with no earlier one: the article's own occasion
                ev._reported = not weak_only and qr is None and not ev._antecedent and _reported(  # type: ignore[attr-defined]
                    text, ss, a, b, trig, published, True)
            if weak_only and si > 1 and ev.date is None and ev.place is None:
                continue
            if a == nominal_at and in_frame and not (ev.date is not None and ev._venue):  # type: ignore[attr-defined]
                # "dalam pemerataan pembangunan": an action noun, not an occasion, without its venue and date;
                # a weak trigger it stood in for reports the sentence ("bakal bertanding ... dalam perebutan ...")
                chosen.extend([w for w in cands if w[4] and not w[6] and w not in chosen and not strong][:1])
                continue
            ev._si = si  # type: ignore[attr-defined]
            ev._score = ((2 if in_frame else 0) + (0 if weak_only or ev._antecedent else 2)  # type: ignore[attr-defined]
                         + (ev.date is not None) + (ev.place is not None) - si)
            events.append(ev)
    lead = [e for e in events if e._si < 3]  # type: ignore[attr-defined]
    if not lead and pending is not None:
        # "MNC Sekuritas ikut serta dalam acara Sharia Investment Week 2025. ... Kegiatan akan
        # dilaksanakan di Main Hall BEI, Jakarta, mulai Kamis (19/6/2025)": the lead's occasion,
        # dated by a later sentence, is the main event
        psi, pss, pse, p_ents, (fa, fb, phrase, _), (kind, trig) = pending
        held = _held_date(text, ents, sents, pse, psi, kind, dl_end, published)
        if held is not None:
            a = fa if trig == phrase.split()[0] else text.find(trig, fa, fb)
            name = phrase if _title_like(phrase) and phrase.lower() != trig.lower() else None
            ev = _build(text, pss, pse, p_ents, a, a + len(trig), trig, kind, name, dl_end, published, article_id,
                        None, True)
            ev._si, ev._score = psi, 0  # type: ignore[attr-defined]
            events.insert(next((i for i, e in enumerate(events) if e.start > pss), len(events)), ev)
            lead = [ev]
    if not events:
        return
    # main event: the best supported of the first three sentences
    main = max(lead, key=lambda e: (e._score, -e.start)) if lead else None  # type: ignore[attr-defined]
    if main is not None:
        main.main = True
        if main.date is None and not main._antecedent:  # type: ignore[attr-defined]
            # "Festival ... . Bertempat di ..., acara yang berlangsung Rabu, 2 Juli 2025": the occasion
            # named again in the next three sentences with the day it is held, and where
            held = _held_date(text, ents, sents, main.end, main._si, main.kind, dl_end, published)  # type: ignore[attr-defined]
            if held is not None:
                (e, d), (hs, he) = held
                main.date, main.date_text = d, e.text
                if not main._venue:  # type: ignore[attr-defined]
                    v = _venue(text, hs, he, ents, dl_end)
                    if v:
                        main.place, main._venue = v[0], True  # type: ignore[attr-defined]
        if main.date is None and main.status != "planned" and not main._antecedent and not main._earlier:  # type: ignore[attr-defined]
            # (a plan is not dated by the day it was announced; what went before the main clause
            # is not dated by it)
            # the statement date of the next two sentences belongs to the event ("kata X, Selasa")
            # and failing that, the first statement date further on ("kata Hakim Rudy di PN Semarang,
            # Selasa (21/10/2025)"): a date the text states beats a publication date that may be late
            si = main._si  # type: ignore[attr-defined]
            for far, hi in ((False, sents[min(len(sents) - 1, si + 2)][1]), (True, len(text))):
                for e, d in _event_dates(text, ents, main.end, hi, dl_end, published):
                    before = text[max(0, e.start_char - 3):e.start_char]
                    stated = (_WEEKDAY_RE.match(e.text) and before.endswith(", ")) if far else (_WEEKDAY_RE.match(e.text) or before.endswith(", "))
                    if stated and (published is None or d <= published) and not _cited(text, main.end, e.start_char) and not (
                            far and published is not None and (published - d).days > _FAR_STATEMENT_DAYS):
                        main.date, main.date_text = d, e.text
                        break
                if main.date is not None:
                    break
        if main.date is None and published is not None:
            # reported the same day: "pukul 15.00 WIB", "siang ini", "hari ini" in the lead
            lead_text = text[sents[0][0]:sents[min(len(sents) - 1, 2)][1]]
            if _SAME_DAY.search(lead_text):
                main.date = published
        if not main._venue:  # type: ignore[attr-defined]
            # the venue of the statement in the next two sentences ("kata X di kantornya, Jalan ...")
            hi = sents[min(len(sents) - 1, main._si + 2)][1]  # type: ignore[attr-defined]
            v = _venue(text, main.end, hi, ents, dl_end, at_only=True)
            if v:
                main.place = v[0]
        back = _BACK_SUBJECT.match(text, main.start, main._at) if main._si > 0 and not main._venue else None  # type: ignore[attr-defined]
        if back and (main.place is None or main.place in back.group()):
            # "Tebing galian tersebut mengalami longsor": the subject refers back to the sentence before,
            # which says where it is (the subject itself, "Tebing", is no place)
            ps, pe = sents[main._si - 1]  # type: ignore[attr-defined]
            v = _venue(text, ps, pe, ents, dl_end)
            main.place = v[0] if v else _places(text, ps, pe, [e for e in ents if ps <= e.start_char < pe], dl_end, ps)
        if quotes:
            main.participant_keys = list(dict.fromkeys(main.participant_keys + [q.speaker_key for q in quotes if getattr(q, "speaker_key", None)]))
        if main.date and published and main.status == "happened" and main.date > published:
            main.status = "planned"
    # merge repeated mentions of one occurrence
    merged: list[Event] = []
    for e in events:
        same = next((m for m in merged if (m.kind == e.kind or related_kinds(m.kind, e.kind)) and _same_date(m, e)
                     and _same_place(m.place, e.place)), None)
        if same is not None:
            if len(e.kind) > len(same.kind):  # "apel" + "apel gelar pasukan": the specific kind
                same.kind, same.trigger = e.kind, e.trigger
            if same.date is None and e.date is not None:
                same.date, same.date_text = e.date, e.date_text
            if e.place and (not same.place or (_fold(same.place) in _fold(e.place) and len(e.place) > len(same.place))):
                same.place = e.place  # the more specific venue: "Jakarta" -> "Kantor ..., Gambir, Jakarta Pusat"
            same.name = same.name or e.name
            same.main = same.main or e.main
            same.participants = list(dict.fromkeys(same.participants + e.participants))
            same.participant_keys = list(dict.fromkeys(same.participant_keys + e.participant_keys))
            continue
        merged.append(e)
    seen: set[str] = set()
    for e in merged:
        if not e.main and e.date is None and not e.place and not e._named and not e._reported:  # type: ignore[attr-defined]
            # neither when nor where nor what: a background mention ("mencegah bencana banjir", "kategori
            # lomba utama"), not a happening the article reports ("peluncuran Buku Aman" names one)
            continue
        e.event_id = event_id(article_id, e.start, e.kind)
        if e.event_id in seen:
            continue
        seen.add(e.event_id)
        yield e


_TITLE_NEXT = re.compile(r"\s+[A-Z0-9\"“]")


def _cited(text: str, lo: int, pos: int) -> bool:
    """The date at ``pos`` is the day a source was quoted or read ("kata X dikutip dari laman Y,
    Senin", "dirangkum dari berbagai sumber, Rabu"), not a statement's: a citation or compilation
    word in its clause, unless the source is the speaker's own statement ("seperti dikutip dari
    keterangan resmi, Selasa")."""
    lex = _lex()
    lo = max(lo, pos - 90)
    m = lex["cited_clause"].search(text, lo, pos)
    if m is None or lex["press_statement"].search(text, lo, pos):
        return False
    # the last citation word before the date: "kata X, dikutip dari YouTube Y, Rabu"
    last = m
    while (n := lex["cited_clause"].search(text, last.start() + 1, pos)) is not None:
        last = n
    return not _governed(text, last.start(), pos)


def _held_date(text: str, ents, sents, lo: int, si: int, kind: str, dl_end: int, published: dt.date | None):
    """((date entity, date), sentence bounds) of the first date of the next three sentences after ``lo``
    that follows the occasion named again as held ("acara yang berlangsung Rabu, 2 Juli 2025",
    "Kegiatan ini rencananya dilaksanakan ... Sabtu, 28 Juni 2025"): a generic occasion noun or one of
    ``kind``; None when the first such date is another's."""
    lex = _lex()
    hi = sents[min(len(sents) - 1, si + 3)][1]
    for e, d in _event_dates(text, ents, lo, hi, dl_end, published):
        om = lex["occasion_held"].search(text, max(lo, e.start_char - 160), e.start_char)
        if om is None:
            continue
        noun = _SPACES.sub(" ", om.group(1).lower())
        nk = lex["kind_of"].get(noun)
        # "acara Ngunduh Mantu yang akan digelar ...": a generic noun with a title of its own names another occasion
        titled = _TITLE_NEXT.match(text, om.end(1))
        if (noun in lex["generic_occasions"] and not titled) or nk == kind or (nk is not None and related_kinds(nk, kind)):
            return (e, d), next(((a, b) for a, b in sents if a <= e.start_char < b), (lo, hi))
        return None
    return None


def _kin(a: str, b: str) -> bool:
    """Kinds of one family ("pertunjukan" / "konser", "lomba" / "turnamen"): one occasion named by
    either in turn, for a later mention with a demonstrative and neither date nor place of its own
    ("dalam konser ini")."""
    fam = _lex()["family"]
    return a.split(" ")[0] in fam.get(b.split(" ")[0], ())


def related_kinds(a: str, b: str) -> bool:
    """One kind specialises the other: "sidang" / "sidang putusan", "apel" / "apel gelar pasukan"."""
    return a != b and (a.startswith(b + " ") or b.startswith(a + " "))


def _same_date(a: Event, b: Event) -> bool:
    return a.date is None or b.date is None or a.date == b.date


def _fold(s: str | None) -> str:
    return _NONWORD.sub(" ", (s or "").lower()).strip()


def _same_place(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    fa, fb = _fold(a), _fold(b)
    return fa in fb or fb in fa or bool(set(fa.split()) & set(fb.split()) - {"kota", "kabupaten", "kecamatan", "jalan", "di"})


def _with_object(text: str, b: int, se: int, trig: str, kind: str) -> str:
    """``kind`` and its object, for the kinds named by what they launch, open, form or sign
    ("meluncurkan partai politik baru" -> "peluncuran partai politik baru"): up to three
    lower-case words right after an active or nominal trigger, ending before a stop word or a
    preposition. A passive trigger ("partai itu diluncurkan") has its object before it: the kind
    stays as it is."""
    lex = _lex()
    if kind not in lex["object_kinds"] or trig.lower().startswith("di") or " " in trig.strip():
        return kind
    m = lex["object"].match(text, b, se)
    if not m:
        return kind
    words: list[str] = []
    for w in m.group(1).split():
        if w in lex["object_stop"] or _PHRASE_STOP.fullmatch(f" {w} ") or _WEEKDAY_RE.match(w) or _VERB_FORM.match(w):
            break
        words.append(w)
    return f"{kind} {' '.join(words)}" if words else kind


def _build(text: str, ss: int, se: int, s_ents, a: int, b: int, trig: str, kind: str, name: str | None,
           dl_end: int, published: dt.date | None, article_id: str, quote: tuple[int, int] | None = None,
           in_frame: bool = False) -> Event:
    lex = _lex()
    # name: a title after bertajuk/bertema, a quoted title near the trigger, or a capitalised run
    if name is None:
        nm = lex["names"].search(text, ss, se)
        if nm and nm.start() <= b + 120 and nm.end() >= a - 120:
            name = nm.group(1).strip()
        else:
            nb = lex["names_bare"].search(text, ss, se)
            if nb and nb.start() <= b + 120:
                name = nb.group(1).strip(" ,.")
            else:
                qt = _QUOTED_TITLE.search(text, b, min(se, b + 60))
                if qt and _title_like(qt.group(1)) and not _OPEN_QUOTE.search(text[b:qt.start()]):
                    gap = text[b:qt.start()]
                    if len(gap.split()) <= 4:
                        name = qt.group(1)
        if name is None and trig[:1].isupper() and not trig.isupper():
            run = _CAP_RUN.match(text, b, se)
            if run and run.group().strip():
                cand = (trig + run.group()).strip(" ,.")
                cand = _TRAILING_CONJ.sub("", cand)
                words = cand.split()
                if len(words) >= 2 and cand.lower() != trig.lower() and not any(_DATEWORD_RE.match(w) for w in words[1:2]):
                    name = cand
    # a trigger inside a quotation takes the quotation's date ("Kemarin (26/5), telah melimpahkan ...")
    dates = _event_dates(text, s_ents, quote[0], quote[1], dl_end, published) if quote else []
    dates = dates or _event_dates(text, s_ents, ss, se, dl_end, published)
    after = [x for x in dates if x[0].start_char >= a]
    before = [x for x in dates if x[0].end_char <= a]
    pick = after[0] if after else (before[-1] if before else None)
    # "jalur dibuka kembali Jumat (12/6) setelah terjadi longsor": the trigger reports what went before
    # the main clause; the main clause's date is not its own
    antecedent = not in_frame and bool(_ANTECEDENT.search(text, max(ss, a - 80), a))
    if pick is not None and not after and antecedent and _ANTECEDENT.search(text, pick[0].end_char, a):
        pick = None
    if pick is not None and not after and _SPEECH_VERB.search(text[pick[0].end_char:a]):
        # "X di Medan, Senin, mengatakan tersangka ditangkap ...": the date of the statement,
        # not of the event it reports
        pick = None
    date = pick[1] if pick else None
    date_text = pick[0].text if pick else None
    date_end = None
    if pick is not None:
        nxt = [x for x in dates if x[0].start_char > pick[0].end_char]
        if nxt and _RANGE_LINK.fullmatch(text[pick[0].end_char:nxt[0][0].start_char]):
            date_end = nxt[0][1]
    # the venue where it was held ("digelar di ...") before any other "di" of the sentence
    held = _HELD.search(text, a, se)
    v = (held and _venue(text, held.start(), se, s_ents, dl_end)) \
        or (kind in lex["destination"] and _venue(text, a, se, s_ents, dl_end, destination=True)) \
        or _venue(text, a, se, s_ents, dl_end) \
        or _venue(text, ss, se, s_ents, dl_end)
    place = v[0] if v else _places(text, ss, se, s_ents, dl_end, a)
    if place is None and kind in lex["court_kinds"]:
        # "persidangan ... yang digelar Pengadilan Negeri Jakarta Selatan": the court is where a trial is held
        court = next((e for e in s_ents if e.label_ in ("ORG", "PLACE") and e.start_char >= dl_end
                      and lex["court_name"].match(e.text)), None)
        if court is not None:
            v = (court.text, court.start_char)
            place = court.text
    venue_found = v is not None
    pkeys = [e._.person_key for e in s_ents if e.label_ == "PERSON" and e._.person_key]
    orgs = [e.text for e in s_ents if e.label_ == "ORG" and e.start_char >= dl_end and not is_outlet(e.text)]
    status = _status(text, ss, a, b, date, date_end, published)
    bare = kind
    kind = _with_object(text, b, se, trig, kind) if b > a else kind  # a == b: a later mention of an event
    ev = Event(event_id="", article_id=article_id, kind=kind, name=name, date=date, date_text=date_text,
               place=place, participants=list(dict.fromkeys(orgs)), status=status, event_cluster="",
               start=ss, end=se, trigger=trig, main=False, participant_keys=list(dict.fromkeys(pkeys)))
    ev._venue = venue_found  # type: ignore[attr-defined]
    ev._at = a  # type: ignore[attr-defined]
    ev._antecedent = antecedent  # type: ignore[attr-defined]
    ev._earlier = bool(lex["earlier"].search(text, max(ss, dl_end), a))  # type: ignore[attr-defined]
    ev._named = bool(name) or bool(_NAMED_OBJECT.match(text, b, se))  # type: ignore[attr-defined]
    ev._reported = quote is None and not antecedent and _reported(text, ss, a, b, trig, published, kind != bare)  # type: ignore[attr-defined]
    return ev


def _reported(text: str, ss: int, a: int, b: int, trig: str, published: dt.date | None, named: bool = False) -> bool:
    """The trigger reports a happening in its own clause ("6 ton limbah disita polisi", "Bantuan itu
    disalurkan melalui ...", "Abral diringkus saat operasi"): a di-/me- verb, or with ``named`` a
    trigger naming its occasion (with its object, "penandatanganan nota kesepakatan", or a
    demonstrative, "kunjungan kenegaraan ini"), or one with a plan right after it ("sosialisasi akan
    terus ditingkatkan"). Not after a word that makes it a circumstance, purpose, ability or denial
    ("saat dikunjungi", "untuk menertibkan", "mampu menangkap", "belum ditangkap"), nor in a clause
    recalling the past ("pada 2016, ... meluncurkan", "Kala itu"); an active verb not in a relative
    clause ("kamera yang menangkap")."""
    lex = _lex()
    if lex["unreported"].search(text, max(ss, a - 40), a) or lex["recall"].search(text, ss, a):
        return False
    old = _YEAR.findall(text, ss, a)
    if published is not None and any(int(y) <= published.year - _PAST_YEARS for y in old):
        return False
    if named or _PLAN_NEXT.match(text, b):
        return True
    first = trig.split()[0].lower()
    if not _VERB_SHAPE.match(first) or first in lex["noun_shaped"] or first.startswith(("ber", "ter")):
        return False
    return not (first.startswith("me") and _REL_YANG.search(text, max(ss, a - 10), a))


def event_id(article_id: str, start: int, kind: str) -> str:
    """Stable id of an event: its article, sentence and kind."""
    return "ev_" + hashlib.sha1(f"{article_id}:{start}:{kind}".encode()).hexdigest()[:16]


def cluster_key(kind: str, date: dt.date | None, place: str | None) -> str:
    """Events of several articles with the same kind, date and place share a cluster."""
    place_key = _NONWORD.sub(" ", (place or "").lower()).strip()
    return "evc_" + hashlib.sha1(f"{kind}|{date}|{place_key}".encode()).hexdigest()[:16]
