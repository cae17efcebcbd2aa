"""Who said what: direct and indirect quotes with their speakers.

Reads a Doc annotated by :mod:`pipeline.nlp` (PERSON spans with ``_.person_key``) and yields
:class:`Quote` rows. Quotation marks, speech verbs and pronouns come from
``resources/speech.json``.

Quotations are found per paragraph: curly and straight marks, mixed pairs (``"...”``), a closing
mark used as an opener (``”...”``), marks glued to words (``kata dia,"Saya``) and quotations nested
inside another (kept inside the outer one: the outer speaker said them). A quotation left open at
its paragraph's end continues in the next paragraph that opens with a mark.

Attribution, in order of trust:

1. a cue after the quote in the same paragraph: ``"...," kata Wakil Wali Kota X Iin Mutmainah``
   (the name that ends the noun phrase after the cue, before ``di``/``saat``/``kepada``/a date),
   ``"...," ujar Iin``, ``"...," ujarnya`` / ``tutur dia``, or subject + verb after it
   (``"...," Iin menambahkan``, ``"...," ia memposting``);
   a role noun after the cue (``kata Kapolres``, ``ujar politikus PDIP itu``, ``kata presiden``)
   names the one person of the article holding that office (an office alone, ``kata Mensos``, with
   no holder named: the office is the speaker, with no person key); a descriptive noun phrase ending in
   ``itu``/``tersebut`` is resolved like a pronoun;
2. a speaker before the quote in the same paragraph: ``Uus mengatakan, "..."``, ``Menurut
   Uus, "..."``, ``tulis X di akun Instagramnya: "..."``;
3. the second part of a quotation split around its cue (``"...," ujar Iin. "..."``) takes the
   speaker of the part before it in the same paragraph;
4. a quotation that fills its paragraph takes its speaker from the paragraph before it when that
   paragraph introduces speech (ends with ":" or has a speaker with a speech verb), continues the
   attributed quotation that ends the paragraph before, or takes it from the paragraph after it
   (``Demikian disampaikan X``); a quotation that continues over several paragraphs (each
   opening with a quote mark) keeps one speaker; with none of these, the last speaker when at most
   one paragraph of narration lies between that names no person, introduces no speech and holds
   no other quotation (the voice goes on after a line of narration).

A quotation followed by a document or agency as its source (``bunyi Pasal 5``, ``tulis laman
resmi X``, ``demikian dilaporkan kantor berita Y``) is not a person's speech and is skipped.

Names come from PERSON spans; where the entity layer missed a name standing in a speaker slot
(after a cue, before a speech verb), the capitalised words there are taken as the name and linked
to a person of the article sharing a word with it. Short forms, nicknames in brackets
(``Bambang Soesatyo (Bamsoet)``) and titled short forms (``Hakim Rudy``) resolve to the article's
full name.

Pronouns and clitics (``ujarnya``, ``kata dia``, ``ia``, ``beliau``, ``sang menteri itu``) resolve
by this rule: if a narrative sentence (outside quotation marks) between the previous quote and
this one has a subject person (the person right before a speech verb, appositions and "yang ..."
clauses allowed between them, also a relative clause leading into the verb, ``X, yang secara
khusus menyoroti``, but not a name inside a prepositional phrase or relative clause;
else a person opening the sentence), the speaker is the subject of the last such sentence;
otherwise it is the previous quote's speaker; with neither, the last person named before the
quote. A person who only opens a sentence (no speech verb) is taken for the topic, not a new voice,
when the sentence shows it: the subject of a passive verb (``Abral memang ditangkap``), a victim,
suspect or camp (``korban X``, ``pihak X``), a sentence the speaker reports (``X, kata dia, ...``),
a background sentence (``Sebagaimana diketahui, X ...``), or a person the previous speaker's own
quotations name while the new quote speaks of ``tersangka``/``korban`` in the third person; then
the last speech-verb subject between the quotes speaks, else the previous quote's speaker. The attribution after a quote's closing mark belongs to that quote, not to the narrative. A candidate named inside
the quotation itself (people rarely speak of themselves by name) gives way to the previous speaker.

A person named after a medium or a claim (``postingan video X menolak``, ``klaim X meminta``) is
what the medium shows, no speaker; a narrative question (``Benarkah X meminta ...?``) and the tail of
a quotation opened paragraphs before state nothing (no indirect row). The agent of a passive speech
verb (``hal itu ditekankan oleh X``) is the subject a later pronoun refers to; a person whose
relative clause holds the speech verb after someone named earlier in the sentence (``Illston
menegur pengacara X, yang menyebut ...``) speaks in the clause but is not the sentence's subject.
``Menurut`` takes a name behind a title (``Menurut dr. Zakia, ...``), a statement without a comma
after the name (``Menurut Direktur X Andita kehadiran expo ...``) and skips an apposition after it
(``Menurut dr. X, SpPD(K), Kepala Klinik Y, anemia ...``); with no name right after it (``Menurut
kreator konten ... dr. X, MKK menyebut ...``) the subject of the sentence's speech verb speaks.

After a cue, a lower-case description ("kata pria yang akrab disapa Ipunk", "ujar pelatih yang pernah
membawa X juara itu") is the person spoken of, resolved like a pronoun (a nickname linked to a full
name by prefix, or by its declaration "X, yang akrab disapa N" / "N – sapaan akrabnya"), and a name
inside it is no speaker; an unnamed source ("seorang juru bicara Ryanair", "... yang enggan disebutkan
namanya") and a body ("kata Kedutaan Besar India", speech.json ``organisation_heads``) are none, and
a clitic cue right after such a quotation ("tambahnya") is theirs while the narration between names
no one; an office written past a break word ends at its holder ("kata Kabid Humas pada Puspenkum X
Irwan"); a cue verb left out takes the name right after the quotation ('"...," Direktur Riset X,
dalam rilis ...'). A quotation introduced after a colon as a medium's text (a narrative, transcript,
caption or picture text, a hoax's included) is no one's statement.

Quoted words that are not speech are skipped: fewer than ``min_quote_words`` words without a
speech cue (scare quotes), a title-cased phrase (event titles, headlines, programme names), or a
quotation right after ``bertajuk``, ``bertema``, ``slogan``, ``program`` and the like.

Scores: 0.95 named after a cue, 0.9 named before the quote, 0.85 pronoun with a clear
antecedent, lower for names the entity layer did not find, role nouns and context-only
attribution; quotations with no reasonable speaker are dropped.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc, Span

from .nlp import doc_text
from .quotemarks import QSpan as _QSpan, find_quotes as _find_quotes, paragraphs as _paragraphs
from .resources import load_resource


@dataclass(frozen=True)
class Quote:
    quote_id: str
    article_id: str
    speaker: str
    speaker_actor_id: str | None
    speaker_office: str | None
    text: str
    kind: str
    cue: str | None
    start: int
    end: int
    score: float
    speaker_start: int | None
    speaker_end: int | None
    sentence_start: int
    sentence_end: int
    speaker_key: str | None = None  # the in-article person key (full name)


@dataclass(frozen=True)
class _Spk:
    """A speaker: a PERSON span, or a name read from a speaker slot."""

    name: str  # canonical full name (output ``speaker``)
    key: str | None  # in-article person key (for the actor id)
    start: int
    end: int
    office: str | None = None  # an office standing for a person the article does not name


_PRON_NP = re.compile(r"\s*(?:dia|ia|beliau)\b", re.IGNORECASE)
_PRONOUN_SUBJ = re.compile(r"^\s*(?:Ia|Dia|Beliau|ia|dia|beliau)\b")
_NAME_TOK = re.compile(r"[A-Z][a-zA-Z'’\-]*[a-z][a-zA-Z'’\-]*|[A-Z]\.|[A-Z][a-z]?\.")
_TOKEN = re.compile(r"[^\s,;:()\[\]/\"“”]+")
# what may stand between a subject and its speech verb: "(47)", degrees, "yang ..." / "dari ..."
# clauses between commas, adverbs
_GAP_SUBJ = re.compile(r"^\s*(?:\([^)]{0,40}\))?\s*(?:,\s*[A-Z][A-Za-z]{0,5}\.(?:\s?[A-Za-z]{1,5}\.)*|,\s*[A-Z]{2,6}(?:-[A-Z]{1,3})?)*\s*"
                       r"(?:,\s*(?:yang|selaku|sebagai)\b[^.;“”\"]{0,160}?,|\s+(?:dari|asal)\s+[A-Z][^.;,“”\"]{0,80},"
                       r"|,\s*yang\s+(?:[a-z]+\s+){0,3})?\s*,?\s*"
                       r"(?:(?:juga|pun|kembali|lalu|kemudian|sebelumnya|telah|sudah|turut|hanya|sempat|pernah|tak|tidak|lantas|bahkan|secara|terpisah|tegas|singkat|lagi|belum|dapat|bisa|"
                       r"masih|akan|mau|ingin|justru|langsung|sendiri|pula|kerap|sering|lantaran|pun|sangat|amat)\s+)*$")
_WORDS = re.compile(r"\w+")
_BRACKET = re.compile(r"\s*\(([A-Z][A-Za-z]{1,12}(?: [A-Z][a-z]+)?)\)")
_DOC_CUE = re.compile(r"[\s,.]*(?:(?:demikian|begitu)\s+)?(?:bunyi|isi|petikan|kutipan)\b", re.IGNORECASE)
_GLUED_WORD = re.compile(r"(?<=[a-z])(?:telah|sudah|dalam|bahwa|juga|kepada|sebagai|selaku|atau|yang|saat|ketika|menjadi"
                         r"|dikutip|mengatakan)$")
_CAMEL = re.compile(r"[A-Z][a-z]{3,}([A-Z][a-z]{2,})")
_GAP_APPOS = re.compile(r"^\s*,\s*[^.;“”\"]{2,140}?,\s*(?:(?:juga|pun|kembali|turut|sempat|telah|sudah)\s+)*$")
_YANG = re.compile(r"\byang\b")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)\b")
_NOT_CLAUSE = frozenset(("dan", "serta", "atau", "yang", "selaku", "sebagai", "bersama", "beserta"))
_TITLE_WORD = re.compile(r"([A-Za-z]{1,8})\.?\s+")
_REL_GAP = re.compile(r"\s*(?:\([^)]{0,40}\))?\s*,\s*yang\b")  # "X, yang menyebut": a relative clause
_GLUE_CAPS = re.compile(r"[A-Z]{2,}[a-z]")  # "DENNYLandzaat": words glued by the scraper
_ANAPHOR = re.compile(r"\b(?:itu|tersebut|ini)$")
_MENURUT = re.compile(r"\s*(?:Menurut|menurut)\s+(?:(?:penuturan|keterangan|pengakuan|penjelasan|catatan|data)\s+)?")
_LEAD_STOP = re.compile(r"[.;“”\"]")
_ITU_END = re.compile(r"\b(?:itu|tersebut)$")
_MENURUT_IN = re.compile(r"(?:^|\s)[Mm]enurut\s")
_MENURUT_START = re.compile(r"\s*(?:Menurut|menurut)\s+")
_PRON_BEFORE_VERB = re.compile(r"(?:^|\s)(?:ia|dia|beliau|Ia|Dia|Beliau)\s+(?:\w+\s+)?$")
_DEMIKIAN = re.compile(r"\s*Demikian\s+(?:(?:di)?(?:sampaikan|katakan|ungkapkan|jelaskan|tegaskan|kemukakan|paparkan|utarakan"
                       r"|tuturkan)|kata|ujar|disampaikan)\s+(?:oleh\s+)?")
_GAP_STOP = re.compile(r"[.;]")
_BAHWA = re.compile(r"\s*,?\s*(?:bahwa\s+)?")
# "Menurutnya, ..." / "Menurut dia, ...": the opinion of the person the pronoun refers to
_MENURUT_PRON = re.compile(r"\s*(?:Menurut|menurut)(?:nya|\s+(?:dia|ia|beliau))\s*,\s*")
_PRON_WORD = re.compile(r"(?:^|(?<=[\s,]))(?:ia|dia|beliau|Ia|Dia|Beliau)\s+")
# ", kata Arief di Jakarta." / "Dengan itu, kata Haji Uma, pemerintah ..." outside quotation marks
_MID_CUE = re.compile(r",\s*(?P<cue>kata|ujar|ucap|tutur|ungkap|imbuh|tambah|jelas|tegas|sebut|lanjut|papar|terang"
                      r"|pungkas|sambung|tandas|tukas|menurut)(?P<nya>nya)?(?![a-zA-Z])")
# "Pria yang pernah menjadi Staf Pribadi Presiden ini menjelaskan, ...", "Mensos yang karib disapa
# Gus Ipul itu mengungkapkan": a description standing for the person spoken of, resolved like a
# pronoun (a nickname there is often one the entity layer does not link to the full name)
_DESC_SUBJ = re.compile(r"^\s*(?:(?:Sementara|Selain|Lebih|Di|Pada)\s[^,]{0,25},\s*)?[A-Z][a-z]+(?:\s[A-Z][A-Za-z]+)?\s+yang\s+"
                        r"[^,.;“”\"]{3,140}?\s(?:itu|ini|tersebut)\s+(?:(?:juga|pun|kembali|lalu|kemudian|pun)\s+)*$")

# after a cue: a phrase that ends at a comma, a colon or a quotation mark, or a sentence's full stop
_CLAUSE_STOP = re.compile(r"[,;:“”\"()]|(?<=\w{2})[.!?](?:\s|$)")
_INDEF = re.compile(r"\s*(?:seorang|sesosok|salah\s+(?:satu|seorang)|sejumlah|beberapa|para|sebagian)\b", re.IGNORECASE)
_ANAPHOR_W = re.compile(r"(?<![\w-])(?:itu|ini|tersebut)(?![\w-])")
_ANAPHOR_YANG = re.compile(r"(?<![\w-])(itu|ini|tersebut)\s+yang\b")
# the words of an office between a cue and its holder's name: capitalised words, acronyms, numbers,
# bracketed short forms and the connectors of a body's name ("Kabid Hubungan Media dan Kehumasan pada
# Puspenkum Kejagung RI", "Duta Besar (Dubes) Iran untuk Indonesia")
_OFFICE_GAP = re.compile(r"(?:[a-z]+\s+){0,3}(?:\s*+(?>[A-Z0-9][\w&.'’/-]*+|\([^()]{1,40}\)|[,&/–-]|(?:dan|pada|untuk|dari|di|se|bidang|urusan"
                         r"|wilayah|bagian|of|and|the|for|serta|atau)(?![\w-])))*+\s*")  # atomic: no backtracking
# a profession in lower case joined to its body ("peneliti pada Organisasi HAM ...", "dosen di Universitas ...")
_LOWER_OFFICE_LINK = re.compile(r"(?:(?!yang\b)[a-z]+\s+){1,3}(?:pada|di|dari|untuk)\s+[A-Z]")
_GAP_DATE = re.compile(r",\s*(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Ahad)\b|\(\d")
_ADJUNCT = re.compile(r"\b(?:di|dalam|pada|saat|ketika|kepada|melalui|lewat|via|usai|seusai|selepas|kemarin|sambil|seraya"
                     r"|sembari|dikutip|dilansir|mengutip|menurut|seperti|sebagaimana)\b")
# one verb closing the sentence after a speaker's name: "... Rinaldi setuju.", "... Reza mempertegas."
_VERB_CLOSES = re.compile(r"\s+(?:(?:pun|juga|lalu|kemudian|lantas)\s+)?((?:me|ber|ter)[a-z]{3,}|setuju|sepakat)\s*(?:[.,;]|$)")
_CLOSE_MARK = re.compile(r"(?<=[,.!?…])[\"”](?=\s|$)")
# a cue inside a quotation left open at its paragraph's end: the closing mark was lost
# ('"Tidak akan ada lagi PMN, ujar COO Danantara X ...', '... hari-hari WFA,ungkap Nur.')
_INNER_CUE = re.compile(r",\s*(?=(?:kata|ujar|ucap|tutur|ungkap|imbuh|tandas|sambung|lanjut|papar|terang|pungkas|tambah|jelas"
                        r"|tegas|sebut|beber|tukas)(?:nya\b|\s+(?:dia|ia|beliau)\b|\s+[A-Z]))")
_PREV_WORD = re.compile(r"(?<![\w-])([A-Z][\w-]*) $")  # the capitalised word right before a run
_ANY_VERB = re.compile(r"(?<![\w-])(?:me|ber)[a-z]{3,}(?![\w-])")  # an active verb the lexicon may lack
# what may follow a speaker's name when a quotation's cue verb was left out
_NAME_TAIL = re.compile(r"\s*(?:,|\((?=\d)|\s(?:dalam|di|kepada|saat|ketika|usai|seusai|melalui|lewat)\b)")
_RELATION = re.compile(r"\b(?:suami|istri|anak|ayah|ibu|adik|kakak|putra|putri|cucu|menantu|mertua|pacar|kekasih|rekan|teman"
                       r"|sahabat|kuasa\s+hukum|pengacara|ajudan|manajer)\b")
_NICK_DECL = re.compile(r"(?<![\w-])(?P<a>[A-Z][\w'’-]+)\s*(?:[–—-]|,)\s*sapaan\s+(?:akrab|karib)(?:nya)?\b"
                        r"|,?\s*(?:yang\s+)?(?:akrab|karib|biasa)\s+disapa\s+(?P<b>[A-Z][\w'’-]+)")
_PLURAL_PRON = frozenset(("mereka", "kami", "kita", "keduanya", "ketiganya", "semuanya"))
_NICKNAME = re.compile(r"\b(?:akrab|karib|biasa|kerap|sering)?\s*(?:disapa|dipanggil|dijuluki)\s+(?:(?:Bu|Pak|Mas|Mbak|Bang|Kak|Ustaz|Gus|Ning|Cak)\s+)?"
                       r"([A-Z][\w'’-]+)")
_NAMED_AFTER = re.compile(r",\s*|\bbernama\s+")

@lru_cache(maxsize=1)
def _lex() -> dict:
    s = load_resource("speech")
    generic = frozenset(s["generic_speaker_words"])  # capitalised words that are no speaker's name
    cues = {c.lower() for c in s["cue_after"] + s["cue_after_quote_only"]}
    cues = sorted({c for c in cues if not (c.endswith("nya") and c[:-3] in cues)}, key=len, reverse=True)
    cue_re = re.compile(
        r"[\s,.!?…\-–—]*(?P<cue>(?i:" + "|".join(map(re.escape, cues)) + r"))(?P<nya>nya)?(?![a-z])"
        r"(?P<pron>\s+(?:dia|ia|beliau)\b)?",
    )
    verbs = sorted(set(v.lower() for v in s["verbs_before"]), key=len, reverse=True)
    long_verbs = [v for v in verbs if len(v) >= 9 and " " not in v]
    verb_re = re.compile(r"(?:(?<![A-Za-z])(?P<verb>" + "|".join(map(re.escape, verbs)) + r")|(?<=[a-z])(?P<gverb>"
                         + "|".join(map(re.escape, long_verbs)) + r"))(?![a-z])")
    post_verbs = sorted(set(v.lower() for v in s.get("post_verbs", [])), key=len, reverse=True)
    title_words: set[str] = set()
    jur_words: set[str] = set()
    try:
        off = load_resource("offices")
        # head words only: "Jaksa Agung" must not make "Agung" an office word, nor a multi-word
        # organisation "Pratama" ("Agung Wibowo", "Yoga Pratama" are names)
        for t in off.get("titles", []):
            title_words.add(t["title"].split()[0])
            if t.get("expand"):
                title_words.add(t["expand"].split()[0])
        for t in off.get("modifiers", []):
            title_words.update(t.rstrip(".").split())
        for t in off.get("organizations", []):
            if " " not in t:
                title_words.add(t)
        jur_words = set(off.get("jurisdiction_words", []))
    except Exception:  # offices resource absent: titles only from the generic speaker words
        jur_words = set()
    title_words |= generic
    aliases = {}
    try:
        aliases = dict(load_resource("names").get("aliases", {}))
    except Exception:
        pass
    try:
        from .nlp import _name_lex

        stop = set(_name_lex()["stop"])
    except Exception:
        stop = set()
    # "ujar Prof. Budi": the full stop of a title written before a name ends no sentence
    title_dots = "".join(rf"(?<!\b[{t[0].upper()}{t[0]}]{t[1:]})" for t in load_resource("names")["prefix_titles"]
                         if len(t) >= 3 and t.isalpha())
    break_re = re.compile(
        r"(?:,\s*|\s+)(?:" + "|".join(s["speaker_break_words"]) + r")(?![a-zA-Z])|,\s*(?:" + "|".join(s["speaker_break_weekdays"]) + r")\b"
        r"|(?<=[a-z]{3})" + title_dots + r"[.!?](?:\s|$)|(?<=[a-z])\.(?=[A-Z])|(?<=[a-z]{2}\))[.!?](?:\s|$)|[;:]|\s[-–—]\s|[“”\"]",
    )
    return {
        "cue_re": cue_re,
        "verb_re": verb_re,
        "post_re": re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, post_verbs + verbs)) + r")(?![a-z])") if post_verbs else verb_re,
        "not_before": frozenset(w.lower() for w in s["not_speech_before"]),
        "min_words": int(s["min_quote_words"]),
        "indirect": frozenset(s["indirect_markers"]),
        "titles": frozenset(title_words),
        "jurisdiction": frozenset(jur_words) | {"Barat", "Timur", "Utara", "Selatan", "Tengah", "Tenggara", "Raya"},
        "aliases": aliases,
        "stop": frozenset(stop) | generic,
        "break_re": break_re,
        "particles": frozenset(load_resource("names")["particles"]),  # "bin", "van": inside a name
        "prefix_titles": frozenset(load_resource("names")["prefix_titles"]),  # "dr.", "Prof.", "Pak" before a name
        "source_nouns": frozenset(s["source_nouns"]),  # "laman", "keterangan": a document or medium, not a person
        "prepositions": frozenset(load_resource("words")["prepositions"]),
        "not_subject_before": frozenset(s["not_subject_before"]),  # "bertemu X", "istri X": X is no subject
        "lead_words": frozenset(s["subject_lead_words"]),  # "Sementara itu, X ...": may come before the subject
        "org_prefixes": tuple(s["org_name_prefixes"]),  # for str.startswith
        "medium_before": frozenset(s["medium_before"]),  # "video X menolak": X is shown, not speaking
        # "ditekankan oleh X": X speaks
        "org_heads": frozenset(s["organisation_heads"]),  # "Angkatan", "Koalisi": a run they open is a body
        "desc_nouns": frozenset(s["description_nouns"]),  # "kata pria yang ...": the person spoken of
        "nick_verbs": frozenset(s["nickname_verbs"]),  # "yang akrab disapa Ipunk": a nickname, no new person
        "anon_re": re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in s["anonymity_phrases"])
                              + r")(?![a-z])"),
        "passive_by": re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, s["passive_speech_verbs"])) + r")\s+(?:pula\s+)?oleh\s+"),
    }


@lru_cache(maxsize=50_000)
def _is_place(name: str) -> bool:
    try:
        from .places import find_places

        ms = find_places(name)
    except Exception:
        return False
    return any(m.start == 0 and m.end == len(name) for m in ms)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "'‘"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:'’"):
        e -= 1
    return s, e


def _title_like(content: str) -> bool:
    words = [w for w in _WORDS.findall(content) if len(w) >= 2 or w.isdigit()]
    if len(words) < 2 or len(words) > 20:
        return False
    caps = sum(w[0].isupper() or w[0].isdigit() for w in words)
    return caps / len(words) >= 0.7


# the introduction of a medium's text: a narrative, a transcript, a caption, words written on a picture
_MEDIUM_INTRO = re.compile(r"\b(?:narasi|transkrip|takarir|caption|bertuliskan|bertulisan|tulisan|berbunyi)\b"
                           r"|\b(?:diberi|disertai|dengan|berisi)\s+keterangan\b", re.IGNORECASE)


def _medium_intro(text: str, paras: list[tuple[int, int]], q: _QSpan, at_para_start: bool) -> bool:
    """Whether the quotation ``q`` is introduced, after a colon, as a medium's text: the clause
    before it in its paragraph, or the paragraph before when it opens its own."""
    ps, _ = paras[q.para]
    if at_para_start:
        pi = q.para - 1
        while pi >= 0 and not text[paras[pi][0]:paras[pi][1]].strip():
            pi -= 1
        if pi < 0:
            return False
        intro = text[paras[pi][0]:paras[pi][1]].rstrip()
    else:
        intro = text[ps:q.open_].rstrip()
    if not intro.endswith(":"):
        return False
    tail = intro[-160:]
    cut = max(tail.rfind(". "), tail.rfind("\u201d"), tail.rfind('"'))
    return _MEDIUM_INTRO.search(tail, cut + 1) is not None


def _not_speech_before(text: str, q: _QSpan, ps: int, lex: dict) -> bool:
    before = text[max(ps, q.open_ - 40):q.open_]
    words = _WORDS.findall(before)
    if not words or before.rstrip()[-1:] in ".!?":
        return False  # "... target operasi.\"Kami ...": the word before ends the sentence before, it names nothing
    # "bertajuk 'X'", "program 'Y'", "dengan tema: 'Z'"
    return words[-1].lower() in lex["not_before"] or (before.rstrip().endswith(":") and len(words) >= 2
                                                     and words[-2].lower() in lex["not_before"] and words[-1].lower() in ("yaitu", "yakni"))


@lru_cache(maxsize=4096)
def _word_set(name: str) -> frozenset[str]:
    """The words of ``name`` (an alias target of the lexicon), split once per process."""
    return frozenset(name.split())


class _Persons:
    """PERSON spans of the Doc by char offset, for speaker look-ups, and names in speaker slots."""

    def __init__(self, doc: Doc, lex: dict) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        spans = []
        other = []
        # each span's person key ("or its text"), read once: every ``s._`` makes an accessor object
        # and the loops below and :meth:`spk` ask for the key of the same spans many times
        span_keys: list[str] = []
        self.key_at: dict[tuple[int, int], str] = {}
        ents = doc.ents  # a new tuple of new Spans on every access: read once
        for s in ents:
            if s.label_ == "PERSON":
                key = s._.person_key or s.text
                if _is_place(key) or all(w in lex["titles"] for w in key.split()):
                    other.append((s.start_char, s.end_char))
                    continue
                spans.append(s)
                span_keys.append(key)
                self.key_at[(s.start_char, s.end_char)] = key
            else:
                other.append((s.start_char, s.end_char))
        self.spans = spans
        self.offices = sorted(((o.end_char, o._.normalized or o.text) for o in ents if o.label_ == "OFFICE"))
        self.office_ends = [e for e, _ in self.offices]
        self.office_at: dict[int, tuple[int, str]] = {o.start_char: (o.end_char, o._.normalized or o.text)
                                                      for o in ents if o.label_ == "OFFICE"}
        self.starts = [s.start_char for s in spans]
        self.other = other
        self.other_starts = [a for a, _ in other]
        # canonical names: "Bambang Soesatyo (Bamsoet)", aliases, titled short forms
        keys = []
        for k in span_keys:
            if k not in keys:
                keys.append(k)
        self.keys = keys
        self.first_pos: dict[str, int] = {}
        for s, k in zip(spans, span_keys):
            self.first_pos.setdefault(k, s.start_char)
        self.keyset = set(keys)
        full = [k for k in keys if len(k.split()) >= 2]
        self.canon: dict[str, str] = {}
        text = self.text
        for a, b, ka, kb in zip(spans, spans[1:], span_keys, span_keys[1:]):
            if ka != kb and len(ka.split()) >= 2 and text[a.end_char:b.start_char].strip() == "(" and text[b.end_char:b.end_char + 1] == ")":
                self.canon.setdefault(kb, ka)
        for b, kb in zip(spans, span_keys):  # "Menteri Sosial Saifullah Yusuf (Gus Ipul)" with the full name missed
            if kb in self.canon or text[b.start_char - 1:b.start_char] != "(" or text[b.end_char:b.end_char + 1] != ")":
                continue
            if text[:b.start_char - 1].rstrip().endswith(kb):
                continue  # the entity layer already linked the nickname to the name before the bracket
            words = []
            for w in reversed(text[max(0, b.start_char - 80):b.start_char - 1].split()[-4:]):
                if _NAME_TOK.fullmatch(w) and "." not in w and w not in lex["stop"] and w not in lex["titles"]:
                    words.insert(0, w)
                else:
                    break
            if len(words) >= 2 and " ".join(words) != kb:
                self.canon[kb] = " ".join(words)
        for k in keys:
            if k in self.canon:
                continue
            tgt = lex["aliases"].get(k)
            if tgt:
                hit = [f for f in full if f == tgt or set(tgt.split()) <= set(f.split()) or set(f.split()) <= set(tgt.split())]
                if len(hit) == 1 and hit[0] != k:
                    self.canon[k] = hit[0]
                    continue
                if tgt in text:  # the article names the person the nickname stands for
                    self.canon[k] = tgt
                    continue
            toks = k.split()
            if len(toks) >= 2 and toks[0] in lex["titles"]:
                rest = set(toks[1:])
                hit = [f for f in full if f != k and rest <= set(f.split())]
                if len(hit) == 1:
                    self.canon[k] = hit[0]
        # a nickname declared after a full name: "Pung Nugroho Saksono, yang akrab disapa Ipunk", "...
        # Rachmat Irianto ... Rian – sapaan akrabnya – merintis": the full name named last before it
        for m in _NICK_DECL.finditer(text):
            nick = m.group("a") or m.group("b")
            at = m.start()
            # "X, yang akrab disapa N", "X ... pria yang akrab disapa N"; not across a relation ("X, suami
            # perempuan yang akrab disapa N" is not X's nickname)
            near = 400 if m.group("a") else 160
            prev = [(sp, k) for sp, k in zip(spans, span_keys) if sp.end_char <= at and at - sp.end_char <= near
                    and len(k.split()) >= 2 and nick not in k.split()]
            if prev and m.group("b") and _RELATION.search(text, prev[-1][0].end_char, at):
                continue
            if prev and nick in self.keyset and nick not in self.canon:
                self.canon[nick] = prev[-1][1]
        # "Agus Harimurti Yudhoyono (AHY)": the bracketed short form
        self.abbrev: dict[str, str] = {}
        for sp, k in zip(spans, span_keys):
            m = _BRACKET.match(text, sp.end_char)
            if m and len(k.split()) >= 2:
                self.abbrev.setdefault(m.group(1), k)
        # each full name's words, split once (not once per alias of the lexicon)
        full_words = [(f, set(f.split()), len(f.split()) >= 2) for f in full]
        for al, tgt in (lex["aliases"].items() if full else ()):  # no full name: no alias can hit one
            tgt_words = _word_set(tgt)
            hit = [f for f, f_words, several in full_words if f == tgt or f_words <= tgt_words and several]
            if len(hit) == 1:
                self.abbrev.setdefault(al, hit[0])
        # word -> full name, for names read from text
        tok: dict[str, str | None] = {}
        for f in full:
            for t in f.split():
                if len(t) >= 3 and t not in lex["stop"] and t not in lex["titles"]:
                    tok[t] = f if tok.get(t, f) == f else None
        self.tok_to_full = tok
        self.roles: dict[str, str] = {}
        for b, e, om in (doc._.roles or []):
            pk = next((s._.person_key for s in spans if s.start <= b < s.end), None)
            if pk and pk not in self.roles:
                self.roles[pk] = om.office

    def menurut_speaker(self, a: int, se: int) -> tuple[_Spk, bool] | None:
        """The person named right at ``a`` (after "Menurut"), also behind a title ("Menurut dr.
        Zakia") or an office written first ("Menurut Deputi Komunikasi BPJS Ketenagakerjaan, Oni
        Marbun, ..."): (speaker, linked)."""
        starts = [a]
        x = a
        while (m := _TITLE_WORD.match(self.text, x, se)) and m.group(1).lower() in self.lex["prefix_titles"]:
            x = m.end()  # "Menurut dr. Zakia, ...", "Menurut Prof. Dr. Budi ..."
        if x != a:
            starts.append(x)
        o = self.office_at.get(a)
        if o is not None:
            b = o[0]
            while b < se and self.text[b] in " ,":
                b += 1
            starts.append(b)
        for x in starts:
            sp = self.first_in(x, min(se, x + 60))
            if sp is not None and sp.start_char == x:
                return self.spk(sp), True
            runs = self.runs(x, min(se, x + 60))
            if runs and runs[0][0] == x:
                r = self.from_run(*runs[0])
                if r is not None:
                    return r
        return None

    def full_with_word(self, word: str, upto: int, at: int) -> _Spk | None:
        """The one full name introduced before ``upto`` that has ``word`` as one of its words."""
        hits: dict[str, str] = {}
        for k in self.keys:
            toks = k.split()
            if len(toks) >= 2 and word in toks and self.first_pos.get(k, upto) < upto:
                hits.setdefault(self.name_of(k), k)
        if len(hits) != 1:
            return None
        name, k = next(iter(hits.items()))
        return _Spk(name, self.key_of(k), at, at + len(word))

    def full_with_prefix(self, nick: str, upto: int, at: int) -> _Spk | None:
        """The one full name introduced before ``upto`` with a word that starts (or, four letters
        or more, ends) with the nickname ``nick`` ("Rendi": Elsafan Rendianto, "Wid": Widyawati,
        "Sani": Kurnia Lesani Adnan), not the nickname itself."""
        if len(nick) < 3:
            return None
        low = nick.lower()
        hits: dict[str, str] = {}
        for k in self.keys:
            toks = k.split()
            if len(toks) >= 2 and any(t.lower() != low and (t.lower().startswith(low) or len(low) >= 4 and t.lower().endswith(low))
                                      for t in toks) \
                    and self.first_pos.get(k, upto) < upto:
                hits.setdefault(self.name_of(k), k)
        if len(hits) != 1:
            return None
        name, k = next(iter(hits.items()))
        return _Spk(name, self.key_of(k), at, at + len(nick))

    def office_before(self, pos: int) -> str | None:
        """The office written right before a name the entity layer did not tie to it."""
        i = bisect.bisect_right(self.office_ends, pos) - 1
        if i >= 0 and pos - self.office_ends[i] <= 2 and not self.text[self.office_ends[i]:pos].strip(" ,"):
            return self.offices[i][1]
        return None

    # -- spans ----------------------------------------------------------------
    def in_range(self, a: int, b: int) -> list[Span]:
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.spans) and self.spans[i].start_char < b:
            if self.spans[i].end_char <= b:
                out.append(self.spans[i])
            i += 1
        return out

    def first_in(self, a: int, b: int) -> Span | None:
        r = self.in_range(a, b)
        return r[0] if r else None

    def last_in(self, a: int, b: int) -> Span | None:
        i = bisect.bisect_right(self.starts, b) - 1
        while i >= 0 and self.spans[i].start_char >= a:
            if self.spans[i].end_char <= b:
                return self.spans[i]
            i -= 1
        return None

    def _covered(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.other_starts, b) - 1
        while i >= 0:
            s, e = self.other[i]
            if e <= a:
                return False
            if s < b and a < e:
                return True
            i -= 1
        return False

    def spk(self, s: Span) -> _Spk:
        key = self.key_at.get((s.start_char, s.end_char)) or s._.person_key or s.text
        name = self.name_of(key)
        if " " not in name:  # "Lina" whose fuller form "Lina Marlina" the entity layer missed
            name = self.expand(name, s.start_char) or name
        return _Spk(name, self.key_of(key), s.start_char, s.end_char)

    def key_of(self, key: str) -> str:
        """The person key to report: the canonical one when the article has it as a person."""
        c = self.canon.get(key, key)
        return c if c in self.keyset else key

    def name_of(self, key: str) -> str:
        name = self._unglue(self.canon.get(key, key))
        toks = name.split()
        if len(toks) >= 3 and (_is_place(toks[0]) or toks[0] in self.lex["titles"] or toks[0] in self.lex["jurisdiction"]):
            name = " ".join(toks[1:])  # "Sleman Agung Wibowo", "Wamenkes Benjamin Paulus": not part of the name
        return name

    def _unglue(self, name: str) -> str:
        """Scraper glue: "Fauzanmengatakan", "Wibowoatau", "SemeruGhufron Alwi"."""
        toks = name.split()
        if toks:
            m = self.lex["verb_re"].search(toks[-1])
            if m and m.group("gverb") and m.end() == len(toks[-1]) and m.start() >= 3:
                toks[-1] = toks[-1][:m.start()]
            m = _GLUED_WORD.search(toks[-1])
            if m and m.start() >= 4 and len(toks) >= 2:
                toks[-1] = toks[-1][:m.start()]
            if len(toks) >= 2:
                m = _CAMEL.fullmatch(toks[0])
                if m:
                    toks[0] = m.group(1)
        return " ".join(toks)

    # -- names in speaker slots -----------------------------------------------
    def runs(self, a: int, b: int) -> list[tuple[int, int]]:
        """Runs of capitalised name words in [a, b) outside other entities and office words."""
        out: list[tuple[int, int]] = []
        cur: list[tuple[int, int]] = []
        stop, titles, particles = self.lex["stop"], self.lex["titles"], self.lex["particles"]
        for m in _TOKEN.finditer(self.text, a, b):
            t = m.group()
            s, e = m.start(), m.end()
            while e > s and self.text[e - 1] in ".,'’":
                if self.text[e - 1] == "." and _NAME_TOK.fullmatch(self.text[s:e]):
                    break
                e -= 1
            t = self.text[s:e]
            ok = (_NAME_TOK.fullmatch(t) and "." not in t and t not in stop and t not in titles
                  and not _GLUE_CAPS.search(t) and not self._covered(s, e)) or (cur and t in particles)
            gap_ok = not cur or not self.text[cur[-1][1]:s].strip()
            if ok and gap_ok:
                cur.append((s, e))
            else:
                if cur:
                    out.append((cur[0][0], cur[-1][1]))
                cur = [(s, e)] if ok else []
        if cur:
            out.append((cur[0][0], cur[-1][1]))
        return [(s, e) for s, e in out if any(len(w) >= 3 for w in self.text[s:e].split())]

    def alias(self, word: str) -> _Spk | None:
        k = self.abbrev.get(word)
        if k is None:
            return None
        sp = next((s for s in self.spans if s._.person_key == k), None)
        if sp is not None:
            return self.spk(sp)
        return _Spk(self.name_of(k), self.key_of(k), 0, 0)

    def expand(self, word: str, upto: int) -> str | None:
        """'Haris' -> 'Haris Munandar' when the article wrote the fuller name earlier."""
        text = self.text
        i = text.find(word, 0, upto)
        n = 0
        while i != -1 and n < 20:
            n += 1
            j = i + len(word)
            if (i == 0 or not text[i - 1].isalnum()) and j < upto and text[j] == " ":
                m = _TOKEN.match(text, j + 1)
                if m:
                    t = m.group().rstrip(".,'’")
                    if _NAME_TOK.fullmatch(t) and "." not in t and t not in self.lex["stop"] and t not in self.lex["titles"]:
                        return word + " " + t
            i = text.find(word, j, upto)
        return None

    def from_run(self, s: int, e: int) -> tuple[_Spk, bool] | None:
        """A speaker from a run of name words: (speaker, linked to a known person)."""
        words = self.text[s:e].split()
        if len(words) > 4:
            # "Kepala Pos Pengamatan Gunung Raung Burhan Althea": the name ends the run
            cut = len(words) - 3
            s = s + self.text[s:e].index(words[cut], sum(len(w) for w in words[:cut]))
            words = words[cut:]
        # a PERSON span overlapping the run's end is the name
        sp = self.last_in(s - 60, e + 1)
        if sp is not None and sp.end_char >= e - 1 and sp.start_char < e:
            return self.spk(sp), True
        for w in reversed(words):
            f = self.tok_to_full.get(w)
            if f:
                return _Spk(self.name_of(f), self.key_of(f), s, e), True
        while len(words) >= 3 and (words[0] in self.lex["jurisdiction"] or _is_place(words[0])):
            s = s + self.text[s:e].index(words[1], len(words[0]))  # "Camat Bogor Barat Hendra Gunawan"
            words = words[1:]
        name = " ".join(words)
        if len(words) == 1 and words[0] in self.lex["stop"] or _is_place(name):
            return None
        pm = _PREV_WORD.search(self.text, max(0, s - 40), s)
        if words[0] in self.lex["org_heads"] or pm is not None and pm.group(1) in self.lex["org_heads"]:
            return None  # "Angkatan Bersenjata Israel", "Koalisi Masyarakat | Sipil": a body, no person
        return _Spk(name, None, s, e), False


def extract_quotes(doc: Doc, article_id: str = "") -> Iterator[Quote]:
    """Direct and indirect quotes of one article, in text order."""
    lex = _lex()
    text = doc_text(doc)
    paras = _paragraphs(text)
    persons = _Persons(doc, lex)
    qspans = _find_quotes(text, paras)
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    sent_starts = [s for s, _ in sents]
    quoted = [(q.open_, (q.close + 1) if q.close is not None else q.end) for q in qspans]
    quoted_starts = [a for a, _ in quoted]
    verb_re, cue_re, break_re = lex["verb_re"], lex["cue_re"], lex["break_re"]
    prepositions, not_subject_before, lead_words = lex["prepositions"], lex["not_subject_before"], lex["lead_words"]
    source_nouns, org_prefixes = lex["source_nouns"], lex["org_prefixes"]
    medium_before = lex["medium_before"]

    def sent_of(off: int) -> tuple[int, int]:
        i = bisect.bisect_right(sent_starts, off) - 1
        return sents[max(0, i)] if sents else (0, len(text))

    def in_quote(off: int) -> bool:
        i = bisect.bisect_right(quoted_starts, off) - 1
        return i >= 0 and quoted[i][0] <= off < quoted[i][1]

    def subject_before(pos: int, lo: int, main_only: bool = False) -> tuple[_Spk, bool] | None:
        """The person right before a speech verb at ``pos`` (apposition and 'yang ...' allowed).

        A person named after a medium ("video X menolak", "klaim X meminta") is what the medium
        shows, not a speaker. ``main_only``: the subject of the sentence itself, so not a person
        whose relative clause holds the verb when someone is named before it ("Illston menegur
        pengacara X, yang menyebut ...": X speaks in the clause, Illston is the sentence's subject)."""
        cands: list[tuple[int, int, Span | None]] = [(s.start_char, s.end_char, s) for s in persons.in_range(lo, pos)]
        cands += [(a, b, None) for a, b in persons.runs(lo, pos)]
        cands.sort(key=lambda c: c[1], reverse=True)
        # the nearest plausible subject; a far one only across an apposition and only when it
        # is a known person ("Kelly Lai, VP di Economic Development Board, menilai")
        for strict in (True, False):
            for a, b, sp in cands:
                if in_quote(a):
                    continue
                gap = text[b:pos]
                pw = _WORDS.findall(text[max(lo, a - 20):a])
                if pw and pw[-1].lower() in prepositions:
                    continue  # "... di Economic Development Board, menilai": not the subject
                if pw and pw[-1].lower() in medium_before:
                    continue  # "postingan video SBY menolak hasil ...": a hoax described, no statement
                c0 = text.rfind(",", lo, a)
                if _YANG.search(text, max(lo, c0 + 1), a):
                    continue  # "X, pendiri Y yang menjual saham Tesla, mengatakan": Tesla is not it
                if main_only and _REL_GAP.match(gap) and persons.in_range(lo, a):
                    continue
                if not _GAP_SUBJ.match(gap):
                    if strict or not _GAP_APPOS.match(gap):
                        continue
                    if sp is None and text[lo:a].strip(" ,") and not (persons.from_run(a, b) or (None, False))[1]:
                        continue
                if sp is not None:
                    return persons.spk(sp), True
                r = persons.from_run(a, b)
                if r is None:
                    continue
                if not r[1] and len(r[0].name.split()) == 1:
                    # a lone capitalised word linked to nobody ("Erick mengatakan"): its fuller form
                    # earlier in the article, else the word itself when nothing marks it as a body
                    full = persons.expand(r[0].name, a)
                    if full:
                        return _Spk(full, None, a, b), False
                    if r[0].name.startswith(org_prefixes) or _is_place(r[0].name):
                        return None
                return r
        return None

    def sentence_subject(ss: int, se: int) -> tuple[_Spk, bool] | None:
        """Subject person of a narrative sentence: before its first speech verb, else opening it."""
        r = subject_kind(ss, se)
        return r[0] if r is not None else None

    def subject_kind(ss: int, se: int) -> tuple[tuple[_Spk, bool], bool, int] | None:
        """:func:`sentence_subject` with whether a speech verb marks it (else it only opens the
        sentence) and where its name ends."""
        for vm in verb_re.finditer(text, ss, se):
            if in_quote(vm.start()):
                continue
            r = subject_before(vm.start(), ss, main_only=True)
            if r is not None:
                return r, True, r[0].end
            break
        pm = lex["passive_by"].search(text, ss, se)
        if pm is not None and not in_quote(pm.start()):
            sp = persons.first_in(pm.end(), se)
            if sp is not None and (sp.start_char == pm.end() or persons.office_at.get(pm.end(), (-1,))[0] in
                                   (sp.start_char - 1, sp.start_char - 2)):
                return (persons.spk(sp), True), True, sp.end_char  # "Hal itu ditekankan oleh X"
        mn = _MENURUT.match(text, ss, se)
        if mn:
            # "Menurut data BPS, ...": the source is named and is no person
            r = persons.menurut_speaker(mn.end(), se)
            return (r, True, r[0].end) if r is not None else None
        for sp in persons.in_range(ss, se):
            if in_quote(sp.start_char):
                continue
            pre = text[ss:sp.start_char]
            wl = _WORDS.findall(pre)
            if len(wl) > 8:
                break
            if wl and wl[-1].lower() in not_subject_before:
                continue
            if any(w.islower() and w not in lead_words for w in wl) and not (len(wl) <= 5 and pre.rstrip().endswith(",")):
                break  # "Dalam pantauan detik, Rinov ...": named, but not the sentence's subject
            return (persons.spk(sp), True), False, sp.end_char
        return None

    state = {"last": None, "last_end": 0, "last_para": -1, "body": False}

    def quiet_since(a: int, b: int) -> bool:
        """Whether the narration between offsets ``a`` and ``b`` names no person, introduces no
        speech and holds no other quotation: the quotation at ``b`` then has no new voice."""
        if a >= b or persons.in_range(a, b) or bisect.bisect_left(quoted_starts, a) != bisect.bisect_left(quoted_starts, b):
            return False
        return not any(not in_quote(v.start()) for v in verb_re.finditer(text, a, b)) and not _MENURUT_IN.search(text, a, b)

    unnamed_ends: list[int] = []  # ends of quotations given to a body, a document or an unnamed source

    def resolve_pronoun(q: _QSpan) -> tuple[_Spk | None, float]:
        i = bisect.bisect_right(unnamed_ends, q.open_) - 1
        if i >= 0 and unnamed_ends[i] > state["last_end"] and not subject_between(unnamed_ends[i], q.open_):
            # '"...," kata Kedutaan Besar India. "...," tambahnya.': the voice goes on, and it is no person's
            return None, 0.0
        return resolve_between(state["last_end"], q.open_, text[q.start:q.end], state["last"], True)

    def subject_between(a: int, b: int) -> bool:
        """Whether the narration between offsets ``a`` and ``b`` names a person or has a pronoun
        subject ("Ia menyerukan ..."): a later "ujarnya" may then be that person's."""
        if any(not in_quote(sp.start_char) for sp in persons.in_range(a, b)):
            return True
        return any(not in_quote(m.start()) for m in _PRON_WORD.finditer(text, a, b))

    def resolve_between(a: int, b: int, content: str, last: _Spk | None, anyone: bool) -> tuple[_Spk | None, float]:
        """The person a pronoun at ``b`` refers to, the previous quote's attribution ending at ``a``
        (see the module docstring); ``anyone``: with no subject and no previous speaker, the last
        person named before (else only the one person the article has named so far)."""
        subj = strong = None
        i = max(0, bisect.bisect_right(sent_starts, a) - 1)
        while i < len(sents) and sents[i][0] < b:
            ss, se = sents[i]
            lo, hi = max(ss, a), min(se, b)
            if hi > lo and not all(in_quote(x) for x in (lo, max(lo, hi - 1))):
                r = subject_kind(lo, hi)
                if r is not None:
                    subj = (r[0], r[1], r[2], lo, hi)
                    if r[1]:
                        strong = r[0]
            i += 1
        if subj is not None:
            cand, linked = subj[0]
            if not subj[1] and last is not None and cand.name != last.name:
                # a person who only opens a narrative sentence (no speech verb) is what the speaker
                # talks about, not a new voice, when the sentence shows it: "Kamal dihadiahi timah
                # panas ...", "Setelah Lisa ditetapkan tersangka, ...", "Lisa, kata dia, melahirkan
                # ...", "Pihak Bambang menjadikan ...". The speaker is then the last subject of a
                # speech verb between the quotes, else the previous quote's
                last_words = [c for e, n, c in spoken if e <= b and n == last.name]
                if _topic(text, subj[3], subj[4], subj[2], cand, last_words, content):
                    if strong is not None and strong[0].name != cand.name and not _named_topic(strong[0], last_words, content):
                        cand, linked = strong
                    else:
                        return last, 0.7
            if last is not None and cand.name != last.name and _named_in(cand.name, content) and not _named_in(last.name, content):
                return last, 0.7
            return cand, 0.85 if linked else 0.75
        if last is not None:
            return last, 0.85
        sp = persons.last_in(0, b)
        if sp is not None and (anyone or len({persons.name_of(k) for s_, k in persons.key_at.items() if s_[1] <= b}) == 1):
            return persons.spk(sp), 0.6
        return None, 0.0

    attributions: list[tuple[int, _Spk]] = []  # (end of a direct quote's attribution, its speaker)
    spoken: list[tuple[int, str, str]] = []  # (end, speaker name, content) of the direct quotes so far

    def pronoun_at(pos: int, content: str) -> tuple[_Spk | None, float]:
        """The person a pronoun subject (or "-nya") outside quotation marks at ``pos`` refers to,
        only when that is also the last person named before it: with no quotation marks to anchor
        it, a pronoun whose reading skips the nearest person is too often that person's
        ("Harapan serupa datang dari Martin Manik, warga ... Dia meminta ...": not the previous
        speaker). No row is better than a statement put in the wrong mouth."""
        a, last = 0, None
        for end, spk in attributions:
            if end > pos:
                break
            a, last = end, spk
        spk, sc = resolve_between(a, pos, content, last, False)
        near = persons.last_in(0, pos)
        if spk is not None and near is not None:
            n = persons.spk(near)
            if not (n.key is not None and n.key == spk.key) and n.name != spk.name:
                return None, 0.0
        return spk, sc

    def role_lookup(np: str, before: int) -> _Spk | None:
        words = [w.lower() for w in _WORDS.findall(np) if w.lower() not in ("itu", "tersebut", "sang", "para", "si", "yang")]
        if not words:
            return None
        hits = []
        for key, office in persons.roles.items():
            if persons.first_pos.get(key, before) >= before:
                continue  # the office holder must have been introduced before the cue
            ow = office.lower().split()
            if ow and ow[0] in ("calon", "mantan", "eks", "bakal", "cawapres", "capres") and ow[0] not in words:
                continue  # "kata presiden" is not the former or would-be one
            if all(w in ow for w in words[:2]):
                hits.append(key)
        if len({persons.name_of(k) for k in hits}) == 1:
            sp = next((s for s in persons.spans if s._.person_key == hits[0]), None)
            if sp is not None:
                return persons.spk(sp)
            return _Spk(persons.name_of(hits[0]), persons.key_of(hits[0]), 0, 0)
        return None

    def after_cue(a0: int, pe: int, q: _QSpan) -> tuple[_Spk | None, float]:
        """Speaker named in the noun phrase after a cue at ``a0``."""
        ss, se = sent_of(a0)
        wend = min(max(se, a0 + 1), pe, a0 + 250)
        bm = break_re.search(text, a0, wend)
        np_end = bm.start() if bm else wend
        np = text[a0:np_end]
        if _PRON_NP.match(np):
            return resolve_pronoun(q)
        stripped = np.strip(" ,")
        if not stripped:
            if not text[a0:pe].strip(" .,"):
                # '"...," kata' closing its paragraph: the name was cut off, the voice of the text goes on
                spk, sc = resolve_pronoun(q)
                return spk, min(sc, 0.7)
            return None, 0.0
        if stripped.split()[0].lower() in source_nouns:
            state["body"] = True
            return None, 0.0  # "tulis laman resmi PSIM", "bunyi keterangan tertulis": no person
        runs = persons.runs(a0, np_end)
        spans = persons.in_range(a0, np_end)
        np_start = a0 + (len(np) - len(np.lstrip()))
        heads = [(sp.start_char, sp.end_char, sp) for sp in spans[:1]] + [(s_, e_, None) for s_, e_ in runs[:1]]
        for s_, e_, sp in heads:
            if s_ == np_start and text[e_:e_ + 2].lstrip()[:1] in (",", "("):
                # "ujar Ahmad Zainudin, Manajer Resort ...", "kata Martin, salah satu penulis laporan
                # tersebut": the name comes first, its office or a description after
                if sp is not None:
                    return persons.spk(sp), 0.95
                r = persons.from_run(s_, e_)
                if r is not None:
                    return r[0], 0.9 if r[1] else 0.8
        kind, lim = description(np_start, np_end, wend, se)
        if kind == "anon":
            # "ujar seorang pengunjung, Bila,", "kata seorang warga bernama Bila", "ujar salah satu
            # penumpang Moat Yevi": the name given after it; a body's name there is no person's
            for sp in reversed(spans):
                pw = _WORDS.findall(text[np_start:sp.start_char])
                if pw and pw[-1].lower() not in not_subject_before:
                    return persons.spk(sp), 0.85
            m = _NAMED_AFTER.search(text, np_start, np_end)
            if m is not None:
                sp = persons.first_in(m.end(), np_end)
                if sp is not None and sp.start_char == m.end():
                    return persons.spk(sp), 0.85
                rr = persons.runs(m.end(), np_end)
                if rr and rr[0][0] == m.end():
                    r = persons.from_run(*rr[0])
                    if r is not None:
                        return r[0], 0.8 if r[1] else 0.7
            state["body"] = True
            return None, 0.0  # "ujar seorang juru bicara Ryanair": someone the article does not name
        if kind == "desc":
            # "kata pria yang akrab disapa Ipunk", "ujar pelatih yang pernah membawa X juara itu": the
            # person spoken of, described; a name inside the description is no speaker
            for o_end, o_norm in persons.offices:
                if np_start < o_end <= lim:
                    r = role_lookup(o_norm, a0)
                    if r is not None:
                        return r, 0.8
            nick = _NICKNAME.search(text, np_start, wend)
            if nick is not None:
                r = persons.full_with_prefix(nick.group(1), a0, nick.start(1))
                if r is not None:
                    return r, 0.8  # "yang akrab disapa Rendi": Elsafan Rendianto
            spk, sc = resolve_pronoun(q)
            if spk is None and nick is not None:
                # the nickname is the only name the article gives
                sp = persons.first_in(nick.start(1), nick.end(1) + 1)
                if sp is not None:
                    return persons.spk(sp), 0.7
                rr = persons.runs(nick.start(1), nick.end(1))
                r = persons.from_run(*rr[0]) if rr else None
                if r is not None:
                    return r[0], 0.65
            return spk, min(sc, 0.75)
        w0 = stripped.split()[0].strip(".,")
        if not spans and w0[:1].isupper() and w0 in lex["stop"] and w0 not in lex["titles"]:
            # "kata Hari", "tegas Lalu": a first name that is also a common word, of a person named before
            r = persons.full_with_word(w0, a0, np_start)
            if r is not None:
                return r, 0.85
        am = _ANAPHOR_YANG.search(stripped)
        if am is not None:
            stripped = stripped[:am.end(1)]  # "ujar Ketua DPD Gerindra ini yang datang bersama ...": ends at "ini"
        if _ANAPHOR.search(stripped) and len(stripped.split()) <= 8:
            # "ujar politikus PDIP itu", "tambah juara MotoGP 2020 itu"
            r = role_lookup(stripped, a0)
            if r is not None:
                return r, 0.8
            spk, sc = resolve_pronoun(q)
            return spk, min(sc, 0.75)
        if not spans and (persons.office_at.get(np_start) is not None or w0 in lex["titles"]
                          or _LOWER_OFFICE_LINK.match(text, np_start, wend)):
            # "kata Kabid Humas pada Puspenkum Kejagung RI Irwan ...", "tegas Duta Besar Iran untuk
            # Indonesia Mohammad ...": the office runs past a word that ends a name slot; its holder follows
            for sp in persons.in_range(np_end, min(se, pe, a0 + 220)):
                gap = text[np_start:sp.start_char]
                if _OFFICE_GAP.fullmatch(gap) and not _GAP_DATE.search(gap) and not in_quote(sp.start_char):
                    return persons.spk(sp), 0.9
                break
        if runs:
            s, e = runs[-1]
            sp_after = [sp for sp in spans if sp.start_char >= e]
            if sp_after:
                return persons.spk(sp_after[-1]), 0.95
            r = persons.from_run(s, e)
            if r is not None:
                return r[0], 0.95 if r[1] and persons.last_in(s - 60, e + 1) is not None else (0.85 if r[1] else 0.75)
        if spans:
            return persons.spk(spans[-1]), 0.9
        first = stripped.split()[0].strip(".,")
        r = persons.alias(first)
        if r is not None:
            return r, 0.85
        r = role_lookup(stripped, a0)
        if r is not None:
            return r, 0.8
        o = persons.office_at.get(np_start)
        if o is not None and not text[o[0]:np_end].strip(" ,"):
            # "kata Mensos": the one person the article names with that office, else the office
            r = role_lookup(o[1], a0)
            if r is None:
                holders = {persons.name_of(persons.key_at.get((sp.start_char, sp.end_char), sp.text)): sp
                           for sp in persons.spans if sp.start_char < a0 and persons.office_before(sp.start_char) == o[1]}
                if len(holders) == 1:
                    r = persons.spk(next(iter(holders.values())))
            if r is not None:
                return r, 0.75
            return _Spk(o[1], None, np_start, o[0], office=o[1]), 0.6
        # "kata Kedutaan Besar India": a body speaks; a name the entity layer did not find ("ungkap
        # El", "kata STY") is no body
        state["body"] = w0 in lex["org_heads"]
        return None, 0.0

    def description(np_start: int, np_end: int, wend: int, se: int) -> tuple[str | None, int]:
        """What the lower-case phrase after a cue at ``np_start`` is when it names nobody first:
        ("anon", _) for someone the article leaves unnamed ("seorang juru bicara Ryanair", "pejabat
        yang enggan disebutkan namanya"), ("desc", end of its head) for a description of the person
        spoken of ("pria yang akrab disapa Ipunk", "pelatih yang pernah membawa X juara itu",
        "juara All England bersama Y ini"), else (None, 0)."""
        m = _CLAUSE_STOP.search(text, np_start, wend)
        ce = m.start() if m else wend
        clause = text[np_start:ce]
        words = clause.split()
        if not words or not words[0][:1].islower() or words[0].lower() in _PLURAL_PRON:
            return None, 0  # "tulis mereka dalam laporan itu": no one person
        if _INDEF.match(clause):
            return "anon", ce
        if lex["anon_re"].search(text, np_start, max(se, ce)):
            return "anon", ce
        low = [w.lower() for w in words]
        yi = low.index("yang") if "yang" in low else -1
        head_end = np_start + clause.index(" yang") if yi > 0 else ce
        if yi == 1 and (low[0] in lex["desc_nouns"] or any(w in lex["nick_verbs"] for w in low[2:])):
            return "desc", head_end
        am = None
        for am in _ANAPHOR_W.finditer(clause):
            pass
        if am is None or yi == 0:
            return None, 0
        if yi < 0 and _ADJUNCT.search(clause, max(0, np_end - np_start), am.start()):
            return None, 0  # "tulis X dalam video tersebut": the demonstrative ends a place or time, no description
        head_end = min(head_end, np_start + am.start())
        # a name heading the phrase ("juru bicara Kemlu Roy Soemirat di kantor itu") is the speaker;
        # one after a preposition ("juara bersama Bagas ini") or inside "yang ..." is not
        for sp in persons.in_range(np_start, head_end):
            pw = _WORDS.findall(text[np_start:sp.start_char])
            if not pw or pw[-1].lower() not in not_subject_before and pw[-1].lower() not in lex["nick_verbs"]:
                return None, 0
        for a, b in persons.runs(np_start, head_end):
            r = persons.from_run(a, b)
            pw = _WORDS.findall(text[np_start:a])
            if r is not None and r[1] and (not pw or pw[-1].lower() not in not_subject_before):
                return None, 0
        return "desc", head_end

    open_at = {q.open_: q for q in qspans}

    def closing_cue(q: _QSpan):
        """The cue after the mark that closes quotation ``q`` left open at its paragraph's end, in the
        paragraphs that continue it: (match, end of its paragraph), or (None, 0)."""
        pi = q.para + 1
        while pi < len(paras):
            a, b = paras[pi]
            seg = text[a:b]
            if not seg.strip():
                pi += 1
                continue
            lead = a + len(seg) - len(seg.lstrip())
            nq = open_at.get(lead)
            if nq is not None:
                if nq.close is not None:
                    return cue_re.match(text, nq.close + 1, b), b
                pi += 1
                continue
            if text[lead] in "\"“”":
                return None, 0
            # a paragraph going on without an opening mark: its closing mark ends the quotation
            cm = _CLOSE_MARK.search(text, a, b)
            return (cue_re.match(text, cm.end(), b), b) if cm else (None, 0)
        return None, 0

    results: list[tuple[_QSpan, _Spk, str | None, float]] = []
    medium = False  # the quotation (and its run over paragraphs) is a medium's text
    prev_para = -1
    chain: _Spk | None = None  # speaker of a quotation running into the next paragraph
    prev_unclosed = False
    para_speaker: dict[int, tuple[_Spk, float]] = {}  # last attributed quote of each paragraph
    para_last_closing: dict[int, int] = {}

    for qi, q in enumerate(qspans):
        ps, pe = paras[q.para]
        lead = ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip()))
        at_para_start = q.open_ == lead
        # a quotation left open runs on only into the very next paragraph (blank lines aside)
        continues = prev_unclosed and at_para_start and not any(text[paras[pi][0]:paras[pi][1]].strip()
                                                                 for pi in range(prev_para + 1, q.para))
        prev_unclosed, prev_para = q.close is None, q.para
        if not continues:
            chain = None
            medium = _medium_intro(text, paras, q, at_para_start)
        if medium:
            # '... video SBY dengan narasi sebagai berikut: "..."', 'dalam foto itu terdapat tulisan:
            # "..."': the text a medium shows, a hoax's included, is no one's statement (also where
            # it runs on over the next paragraphs)
            continue
        if q.close is None:
            im = _INNER_CUE.search(text, q.start, q.end)
            if im is not None and len(_WORDS.findall(text[q.start:im.start()])) >= 3:
                q = _QSpan(q.open_, im.start(), q.start, im.start(), q.para)
                prev_unclosed = False
        content = text[q.start:q.end]
        n_words = len(_WORDS.findall(content))
        if _not_speech_before(text, q, ps, lex) and not continues:
            continue
        speaker: _Spk | None = None
        cue: str | None = None
        score = 0.0
        has_cue = False
        if q.close is not None and _DOC_CUE.match(text, q.close + 1, pe):
            unnamed_ends.append(q.close + 1)
            continue  # '"...," bunyi Pasal 5': a document quoted, not a person
        # 1. cue after the quote
        state["body"] = False
        if q.close is not None:
            m = cue_re.match(text, q.close + 1, pe)
            if m:
                has_cue = True
                cue = m.group("cue").lower() + (m.group("nya") or "")
                a0 = m.end()
                if m.group("nya") or m.group("pron"):
                    speaker, score = resolve_pronoun(q)
                else:
                    speaker, score = after_cue(a0, pe, q)
            else:
                # '"...," Iin menambahkan.' / '"...," ia memposting' / '"...," bos X itu memposting'
                seg_end = min(pe, q.close + 160)
                vm = lex["post_re"].search(text, q.close + 1, seg_end)
                if vm is not None and text[q.close - 1] in ",!?":
                    lead_np = text[q.close + 1:vm.start()]
                    lead = lead_np.strip(" ,")
                    if len(lead_np) <= 80 and lead and not _LEAD_STOP.search(lead_np):
                        verb = vm.group().lower()
                        if lead.lower() in ("ia", "dia", "beliau"):
                            speaker, score = resolve_pronoun(q)
                            cue, has_cue = verb, True
                        else:
                            r = subject_before(vm.start(), q.close + 1)
                            if r is not None:
                                speaker, score, cue, has_cue = r[0], 0.9 if r[1] else 0.75, verb, True
                            elif _ITU_END.search(lead):
                                speaker, score = resolve_pronoun(q)
                                score = min(score, 0.75)
                                cue, has_cue = verb, True
                if speaker is None and not has_cue and text[q.close - 1] in ",!?":
                    # '"...," Rinaldi setuju.', '"...," Reza mempertegas.': a name right after the
                    # quotation and one verb closing the sentence
                    a = q.close + 1
                    while a < pe and text[a] == " ":
                        a += 1
                    sp = persons.first_in(a, min(pe, a + 160))
                    if sp is not None and sp.start_char == a:
                        vm2 = _VERB_CLOSES.match(text, sp.end_char, pe)
                        if vm2 is not None:
                            speaker, score, cue, has_cue = persons.spk(sp), 0.85, vm2.group(1).lower(), True
                    if speaker is None and sp is not None and _NAME_TAIL.match(text, sp.end_char, pe):
                        # '"...," Direktur Riset Ali Noer Zaman, dalam rilis ...': the verb left out
                        gap = text[a:sp.start_char]
                        w1 = gap.split()[0] if gap.split() else ""
                        if not gap or (_OFFICE_GAP.fullmatch(gap) and (persons.office_at.get(a) is not None or w1 in lex["titles"])
                                       and not _GAP_DATE.search(gap)):
                            speaker, score, has_cue = persons.spk(sp), 0.75, True
        # speech or not
        if not continues:
            if has_cue:
                # a quotation its speaker is named for is speech, however short; a short one
                # without the comma of speech before the cue is a word in quotation marks
                # ('seseorang telah "membocorkan" kisah dua sejoli')
                if n_words < lex["min_words"] and q.close is not None and text[q.close - 1] not in ",.!?…" \
                        and not text[q.close + 1:q.close + 3].strip().startswith(","):
                    continue
            elif n_words < lex["min_words"] or _title_like(content):
                continue
        if has_cue and speaker is None:
            if state["body"]:
                unnamed_ends.append(q.close + 1 if q.close is not None else q.end)
            continue  # a cue naming no one we can find: no reasonable speaker
        # 2. speaker before the quote in the same paragraph
        if speaker is None:
            before = text[ps:q.open_]
            stripped = before.rstrip()
            if stripped and (stripped.endswith((",", ":")) or verb_re.search(stripped[-40:])):
                cut = max(before.rfind(". "), before.rfind("” "), before.rfind('" '), before.rfind(".”"), -1)
                clause_start = ps + cut + 1
                vms = [v for v in verb_re.finditer(text, clause_start, q.open_) if not in_quote(v.start())]
                mn = _MENURUT_IN.search(text[clause_start:q.open_])
                if vms:
                    vm = vms[-1]
                    cue = (vm.group("verb") or vm.group("gverb")).lower()
                    if _PRONOUN_SUBJ.match(text[clause_start:vm.start()].lstrip(" ,")) or _PRON_BEFORE_VERB.search(
                            text[clause_start:vm.start()]):
                        speaker, score = resolve_pronoun(q)
                        score = min(score, 0.8)
                    else:
                        r = subject_before(vm.start(), clause_start)
                        if r is not None:
                            speaker, score = r[0], 0.9 if r[1] else 0.75
                elif mn:
                    a = clause_start + mn.end()
                    cue = "menurut"
                    fw = text[a:q.open_].split()[:1]
                    if fw and (fw[0] in lex["org_heads"] or fw[0].lower() in source_nouns):
                        unnamed_ends.append(q.close + 1 if q.close is not None else q.end)
                        continue  # 'Menurut Pasal 1 Peraturan Menteri itu, "..."': a document's words
                    if _PRON_NP.match(text[a:q.open_]):
                        speaker, score = resolve_pronoun(q)
                        score = min(score, 0.8)
                    else:
                        sp = persons.first_in(a, q.open_)
                        if sp is not None:
                            speaker, score = persons.spk(sp), 0.9
                        else:
                            runs = persons.runs(a, q.open_)
                            if runs:
                                r = persons.from_run(*runs[0])
                                if r is not None:
                                    speaker, score = r[0], 0.85 if r[1] else 0.7
                elif stripped.endswith((",", ":")):
                    # 'Untuk akting maksimal, ia membocorkan tips, "..."': a verb the lexicon lacks, whose
                    # subject introduces the quotation right after its comma or colon
                    for av in _ANY_VERB.finditer(text, clause_start, q.open_):
                        if in_quote(av.start()):
                            continue
                        if _PRON_BEFORE_VERB.search(text[clause_start:av.start()]):
                            speaker, score = resolve_pronoun(q)
                            score = min(score, 0.7)
                        else:
                            r = subject_before(av.start(), clause_start, main_only=True)
                            if r is not None and r[1]:
                                speaker, score = r[0], 0.75
                        if speaker is not None:
                            cue = av.group().lower()
                            break
        # 3. second part of a quotation split around its cue
        if speaker is None and q.para in para_speaker and not at_para_start:
            speaker, score = para_speaker[q.para]
            score = min(score, 0.9)
        # 4. multi-paragraph quotation keeps its speaker; whole-paragraph quotation looks around
        if speaker is None and continues and chain is not None:
            speaker, score = chain, 0.85
        if speaker is None and at_para_start:
            if q.para > 0:
                pi = q.para - 1
                while pi > 0 and not text[paras[pi][0]:paras[pi][1]].strip():
                    pi -= 1
                pps, ppe = paras[pi]
                prev = text[pps:ppe].rstrip()
                if prev and (prev.endswith(":") or (verb_re.search(prev) and not prev.endswith(("”", '"')))):
                    ls, le = sent_of(max(pps, len(prev) + pps - 1))
                    r = sentence_subject(max(ls, pps), le)
                    if r is None:
                        r = sentence_subject(pps, ppe)
                    if r is not None:
                        speaker, score = r[0], 0.75 if r[1] else 0.65
                    elif _PRONOUN_SUBJ.match(text[ls:le]) or _PRONOUN_SUBJ.match(prev):
                        speaker, score = resolve_pronoun(q)
                        score = min(score, 0.7)
                elif prev and pi in para_speaker and para_last_closing.get(pi, -1) >= 0 and not continues:
                    # the paragraph before ends with an attributed quotation: the same voice goes on
                    tail = text[para_last_closing[pi]:ppe]
                    if len(tail) < 200:
                        speaker, score = para_speaker[pi][0], 0.7
            if speaker is None and q.close is None and chain is None:
                # a quotation spanning paragraphs: take the cue of the paragraph that closes it (the run
                # ends at a paragraph that does not open with a quotation mark: its closing mark ends it)
                m, m_end = closing_cue(q)
                if m:
                    if m.group("nya") or m.group("pron"):
                        speaker, score = resolve_pronoun(q)
                    else:
                        speaker, score = after_cue(m.end(), m_end, q)
                    cue = m.group("cue").lower() + (m.group("nya") or "")
                    score = min(score, 0.8)
            if speaker is None and q.close is not None and q.para + 1 < len(paras):
                nps, npe = paras[q.para + 1]
                m = _DEMIKIAN.match(text[nps:npe])
                if m:
                    r = after_cue(nps + m.end(), npe, q)
                    if r[0] is not None:
                        speaker, score = r[0], min(r[1], 0.8)
                        cue = "demikian"
            if speaker is None and state["last"] is not None and q.para - state["last_para"] <= 2 \
                    and (q.close is None or not text[q.close + 1:pe].strip(" .,")) and quiet_since(state["last_end"], q.open_):
                speaker, score = state["last"], 0.6  # the last voice goes on after a line of narration
        if speaker is None:
            continue
        chain = speaker if q.close is None else None
        results.append((q, speaker, cue, score))
        para_speaker[q.para] = (speaker, score)
        para_last_closing[q.para] = (q.close + 1) if q.close is not None else -1
        if speaker.office is None:  # an office alone names nobody a later "ujarnya" could refer to
            state["last"] = speaker
            state["last_para"] = q.para
        if q.close is not None:
            # the attribution after the closing mark belongs to this quote, not to the narrative
            se_ = sent_of(q.close)[1]
            state["last_end"] = max(q.close + 1, min(se_, pe))
        else:
            state["last_end"] = q.end
        attributions.append((state["last_end"], speaker))
        spoken.append((q.end, speaker.name, text[q.start:q.end]))

    for q, speaker, cue, score in results:
        s, e = _trim(text, q.start, q.end)
        if e <= s:
            continue
        ps, pe = paras[q.para]
        yield _make_quote(article_id, persons, speaker, text, s, e, "direct", cue, round(score, 3), ps, pe)

    attributions.sort(key=lambda x: x[0])
    yield from _indirect(doc, article_id, persons, quoted, lex, subject_before, pronoun_at)


# "Abral memang ditangkap", "Kamal akhirnya terciduk", "Kamal (33) dihadiahi": the named person
# undergoes the action
_PASSIVE_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:(?:memang|akhirnya|sudah|telah|pun|juga|kemudian|lalu|langsung"
                            r"|sempat|baru|hanya|masih|kini|sendiri|justru|lantas|segera|resmi|ternyata)\s+){0,3}"
                            r"(?:di(?!ri|a\b|ni\b|sini|sana)[a-z]{3,}|ter(?!sebut|masuk|akhir|us\b|utama|lebih|nyata)[a-z]{3,})\b")
_VICTIM_NOUN = re.compile(r"\b(?:[Kk]orban|[Tt]ersangka|[Pp]elaku|[Tt]erdakwa|[Tt]erlapor|[Tt]erpidana|[Tt]ahanan|[Bb]uronan"
                          r"|[Aa]lmarhum(?:ah)?|[Jj]enazah|[Mm]endiang|[Pp]ihak|[Kk]ubu)\s+$")


_MID_REPORT = re.compile(r",\s*(?:kata|ujar|lanjut|tambah|imbuh|tutur|menurut)(?:nya|\s+(?:dia|ia|beliau|[A-Z][\w']+(?:\s[A-Z][\w']+)?))\s*,")
_BACKGROUND = re.compile(r"\s*(?:Sebagaimana|Seperti|Sebagai mana)\s+(?:telah\s+)?(?:diketahui|diberitakan)|\s*Diketahui,")
_THIRD_ROLE = re.compile(r"\b(?:[Tt]ersangka|[Kk]orban|[Pp]elaku|[Tt]erdakwa|[Tt]erlapor|[Tt]eradu|[Kk]lien)\b")


def _named_topic(cand: _Spk, last_words: list[str], content: str) -> bool:
    """``cand`` is named in the previous speaker's quotations and the quote speaks of the
    suspect, victim or client in the third person ("Permintaan korban dimanfaatkan oleh
    tersangka"): the suspect or victim is not the one speaking."""
    return bool(_THIRD_ROLE.search(content)) and any(_named_in(cand.name, c) for c in last_words)


def _topic(text: str, ss: int, se: int, name_end: int, cand: _Spk, last_words: list[str], content: str) -> bool:
    """Whether ``cand``, a person opening the narrative sentence ``ss:se``, is what the previous
    speaker talks about rather than a new voice: the subject of a passive verb, a victim, suspect or
    camp ("korban X", "pihak X"), the sentence reported by someone ("X, kata dia, ..."), a
    background sentence ("Sebagaimana diketahui, X ..."), or :func:`_named_topic`."""
    if _PASSIVE_AFTER.match(text, name_end):
        return True
    if cand.start > ss and _VICTIM_NOUN.search(text, max(ss, cand.start - 20), cand.start):
        return True
    if _MID_REPORT.search(text, ss, se) or _BACKGROUND.match(text, ss, se):
        return True
    return _named_topic(cand, last_words, content)


def _named_in(name: str, content: str) -> bool:
    """Whether a word of ``name`` stands as a whole word in ``content``."""
    for t in [t for t in name.split() if len(t) >= 3][:3]:
        i = content.find(t)
        while i != -1:
            j = i + len(t)
            if (i == 0 or not content[i - 1].isalnum()) and (j >= len(content) or not content[j].isalnum()):
                return True
            i = content.find(t, j)
    return False


def quote_id(article_id: str, start: int, end: int, kind: str) -> str:
    """Stable id of a quote: its article and offsets."""
    return "q_" + hashlib.sha1(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def _make_quote(article_id, persons: _Persons, speaker: _Spk, text: str, s: int, e: int, kind: str,
                cue: str | None, score: float, ss: int, se: int) -> Quote:
    qid = quote_id(article_id, s, e, kind)
    office = speaker.office
    if office is None and speaker.key:
        office = persons.roles.get(speaker.key)
    if office is None and speaker.key:
        office = next((o for k, o in persons.roles.items() if persons.canon.get(k, k) == speaker.key), None)
    if office is None and speaker.end > speaker.start:
        office = persons.office_before(speaker.start)
    return Quote(quote_id=qid, article_id=article_id, speaker=speaker.name, speaker_actor_id=None,
                 speaker_office=office, text=text[s:e], kind=kind, cue=cue, start=s, end=e,
                 score=score, speaker_start=speaker.start if speaker.end > speaker.start else None,
                 speaker_end=speaker.end if speaker.end > speaker.start else None,
                 sentence_start=ss, sentence_end=se, speaker_key=speaker.key)


def _statement(text: str, s: int, e: int, lex: dict) -> tuple[int, int] | None:
    s, e = _trim(text, s, e)
    e = e - 1 if e > s and text[e - 1] in ".!" else e
    return (s, e) if len(text[s:e].split()) >= lex["min_words"] else None


def _indirect(doc: Doc, article_id: str, persons: _Persons, direct: list[tuple[int, int]], lex: dict,
              subject_before, pronoun_at) -> Iterator[Quote]:
    """'X mengatakan bahwa ...', 'Menurut X, ...', 'X menegaskan ...' outside quotation marks.

    The speaker is the subject of the speech verb, found as for direct quotes (the person right
    before it; appositions allowed). A pronoun subject ('Ia menjelaskan, ...', 'Menurutnya, ...',
    'Menurut dia, ...'), a description ('Pria yang pernah menjadi staf presiden ini menjelaskan,
    ...') and a clitic cue ('..., ujarnya.') name the person they refer to, resolved as for direct
    quotes (``pronoun_at``); a cue inside or after the sentence ('..., kata Arief di Jakarta.',
    'Dengan itu, kata Haji Uma, pemerintah ...', '..., menurut AHY, penertiban ...') names the
    person after it ('menurut' only a person named twice or holding an office). Sentences with no
    person found are left out.
    """
    text = doc_text(doc)
    starts = [a for a, _ in direct]
    break_re = lex["break_re"]
    lead_words = lex["lead_words"]
    for sent in doc.sents:
        ss, se = sent.start_char, sent.end_char
        i = bisect.bisect_left(starts, se) - 1
        if i >= 0 and direct[i][1] > ss:
            continue
        body = text[ss:se]
        tail = body.rstrip()[-1:]
        if tail in "\"”" or (tail == "?" and "tanya" not in body):
            continue  # the end of a quotation opened paragraphs before; a question ("Benarkah X ...?") states nothing
        q = _mid_cue(text, ss, se, persons, lex, break_re, pronoun_at)
        if q is not None:
            spk, cue, score, s, e = q
            yield _make_quote(article_id, persons, spk, text, s, e, "indirect", cue, score, ss, se)
            continue
        m = _MENURUT_PRON.match(body)
        if m:
            st = _statement(text, ss + m.end(), se, lex)
            if st is not None:
                spk, sc = pronoun_at(ss, text[st[0]:st[1]])
                if spk is not None:
                    cue = "menurutnya" if body[m.start():m.end()].strip(" ,").lower().endswith("nya") else "menurut"
                    yield _make_quote(article_id, persons, spk, text, st[0], st[1], "indirect", cue, round(min(sc, 0.65), 3), ss, se)
            continue
        m = _MENURUT_START.match(body)
        if m:
            a = ss + m.end()
            r = persons.menurut_speaker(a, se)
            spk = r[0] if r is not None and r[1] else None
            if spk is not None:
                comma = text.find(",", spk.end, se)
                nw = _NEXT_WORD.match(text, spk.end, se)
                if (comma == -1 or comma - spk.end > 40) and nw and nw.group(1).islower() and nw.group(1) not in _NOT_CLAUSE \
                        and nw.group(1) not in lex["prepositions"]:
                    comma = spk.end - 1  # "Menurut Direktur X Andita Tirtawisata kehadiran expo ...": no comma
                if comma != -1 and comma - spk.end <= 40:
                    comma = _past_apposition(text, comma, se)
                    s, e = _trim(text, comma + 1, se)
                    e = e - 1 if e > s and text[e - 1] in ".!" else e
                    if len(text[s:e].split()) >= lex["min_words"]:
                        yield _make_quote(article_id, persons, spk, text, s, e, "indirect", "menurut", 0.8, ss, se)
                continue
            # no name right after "Menurut": "Menurut kreator konten ... dr. X, MKK menyebut ...": the verb's subject
        vm = lex["verb_re"].search(text, ss, se)
        if vm is None or vm.start() - ss > 220:
            continue
        r = subject_before(vm.start(), ss)
        if r is None:
            # "Ia menjelaskan, ...", "Namun, dia menegaskan ...": the pronoun opens the sentence
            pre = text[ss:vm.start()]
            pm = _PRON_WORD.search(pre)
            if not _DESC_SUBJ.match(pre) and (pm is None or not _GAP_SUBJ.match(pre[pm.end():]) or not all(
                    w.lower() in lead_words for w in _WORDS.findall(pre[:pm.start()]))):
                continue
            st = _statement(text, (_BAHWA.match(text, vm.end(), se) or vm).end(), se, lex)
            if st is None:
                continue
            spk, sc = pronoun_at(ss, text[st[0]:st[1]])
            if spk is not None:
                yield _make_quote(article_id, persons, spk, text, st[0], st[1], "indirect",
                                  (vm.group("verb") or vm.group("gverb")).lower(), round(min(sc, 0.65), 3), ss, se)
            continue
        spk, linked = r
        if not linked and (" " not in spk.name or m):
            # "Chelsea menyatakan ...": a lone word nobody in the article bears; after "Menurut ..."
            # only a known person ("Menurut dokter dr. X, SpB Finacs mengatakan": the degree is no name)
            continue
        s = vm.end()
        bm = _BAHWA.match(text, s, se)
        s = bm.end() if bm else s
        s, e = _trim(text, s, se)
        e = e - 1 if e > s and text[e - 1] in ".!" else e
        if len(text[s:e].split()) < lex["min_words"]:
            continue
        yield _make_quote(article_id, persons, spk, text, s, e, "indirect",
                          (vm.group("verb") or vm.group("gverb")).lower(), 0.7 if linked else 0.6, ss, se)


_APPOS_WORDS = frozenset(("dari", "di", "pada", "dalam", "selaku", "sebagai", "dan", "yang", "untuk", "bidang", "sekaligus",
                         "serta"))
_APPOS_OPEN = frozenset(("dari", "selaku", "sebagai"))


def _past_apposition(text: str, comma: int, se: int) -> int:
    """The comma that ends the apposition after a name ("Menurut dr. X, SpPD(K), anemia ...",
    "Menurut dr. Y, Kepala Dinas Kesehatan Jawa Barat, stunting ..."): segments between commas of
    capitalised words (degrees, offices, places) or "dari ..."/"selaku ..." phrases are skipped
    when a lower-case statement follows the last of them."""
    cur = comma
    while True:
        nxt = text.find(",", cur + 1, se)
        if nxt == -1:
            return comma
        seg = text[cur + 1:nxt].split()
        if not (seg and len(seg) <= 12 and (seg[0][0].isupper() or seg[0] in _APPOS_OPEN)
                and all(w[0].isupper() or w[0].isdigit() or w in _APPOS_WORDS for w in seg)):
            return comma
        after = _NEXT_WORD.match(text, nxt + 1, se)
        if after is not None and after.group(1).islower():
            return nxt
        cur = nxt


def _mid_cue(text: str, ss: int, se: int, persons: _Persons, lex: dict, break_re, pronoun_at):
    """'Harga beras akan turun, kata Arief di Jakarta.' / 'Dengan itu, kata Haji Uma, pemerintah
    harus hadir.': (speaker, cue, score, start, end) of the statement around a cue, or None."""
    for m in _MID_CUE.finditer(text, ss, se):
        a0 = m.end()
        cue = m.group("cue").lower() + (m.group("nya") or "")
        if m.group("nya"):
            if m.group("cue") == "kata":
                continue  # ", katanya, ...": hearsay ("so it is said"), not one person's statement
            after = a0
            spk = None
        else:
            bm = break_re.search(text, a0, se)
            np_end = bm.start() if bm else se
            c = text.find(",", a0, np_end)
            np_end = c if c != -1 else np_end
            np_start = a0 + len(text[a0:np_end]) - len(text[a0:np_end].lstrip())
            spans = persons.in_range(np_start, np_end)
            if not spans or spans[-1].end_char < a0 + len(text[a0:np_end].rstrip(" ,")) - 1:
                continue  # no name, or the name does not end the noun phrase
            lead = text[np_start:spans[-1].start_char]
            if any(not (w[0].isupper() or w in lex["particles"]) for w in lead.split()):
                continue  # "kata kunci ...", "ujar warga yang ...": no speaker slot
            if cue == "menurut" and spans[-1]._.person_key not in persons.roles and sum(
                    1 for x in persons.spans if x._.person_key == spans[-1]._.person_key) < 2:
                continue  # ", menurut Bloomberg Billionaires Index,": a name met once, with no office
            spk = persons.spk(spans[-1])
            after = np_end
        # what the cue attributes: the clause before it, or the rest of the sentence after it
        before = _statement(text, ss, m.start(), lex)
        c = text.find(",", after, se)
        rest = _statement(text, c + 1, se, lex) if c != -1 and (m.group("nya") or c - after <= 60) else None
        if rest is not None and (before is None or len(text[rest[0]:rest[1]].split()) > len(text[before[0]:before[1]].split())):
            st = rest
        else:
            st = before
        if st is None:
            continue
        if spk is None:
            spk, sc = pronoun_at(ss, text[st[0]:st[1]])
            if spk is None:
                return None
            return spk, cue, round(min(sc, 0.65), 3), st[0], st[1]
        return spk, cue, 0.75, st[0], st[1]
    return None
