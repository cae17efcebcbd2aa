"""The project's spaCy ``Language`` for Indonesian news.

``load_nlp()`` = ``spacy.blank("id")`` + three components:

1. ``indo_sentencizer``: sentence boundaries that follow paragraphs and never split inside a
   quotation ("…2024.” sambungnya." stays one sentence).
2. ``ner`` (optional): the project's trained statistical NER from ``models/ner`` (PERSON, ORG,
   PLACE), sourced into this pipeline when the model is present.
3. ``indo_entities``: the rules. Offices from the office lexicon, persons from titles,
   appositions and speech cues, places from the gazetteer, dates from the date patterns; they
   correct and re-type the model's spans and set ``doc.ents`` with PERSON, ORG, PLACE, DATE and
   OFFICE. Which wins where: an OFFICE span always wins (a model PERSON that starts with a
   title is split into OFFICE + PERSON); a rule PERSON (title, apposition, speech cue) wins over
   a model span it overlaps, except that one word the model reads as an organisation is not taken
   for a person after an office or a speech cue ("Menurut Unilever"); a gazetteer place wins over a
   model ORG or PLACE of the same words, but a model ORG that strictly contains a place ("Pemkot
   Jakarta Barat") stays an ORG, and a model PLACE that names the place more fully ("Gunung X",
   "kota Semarang", "Inggris utara") stays that PLACE; DATE spans come only from the date patterns.
   In a text of one or two sentences a model PERSON that opens a sentence is kept without the
   article-level evidence (a repetition, a verb of persons) asked for in longer texts.

Each entity carries ``span._.normalized``, ``span._.source`` (rule/model/gazetteer) and
``span._.score``; PERSON spans carry ``span._.person_key`` (the full name they refer to in this
article, so "Iin" links to "Iin Mutmainah"). ``doc._.roles`` lists (person key, OfficeMatch)
pairs; ``doc._.published`` is the publication date used to resolve relative dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vectors import Mode as VectorsMode
from spacy.vectors import Vectors

from . import dates as dates_mod
from . import offices as offices_mod
from .errors import Errors
from .resources import load_resource, word_zipf

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"
LABELS = ("PERSON", "OFFICE", "ORG", "PLACE", "DATE")
DISPLACED_PLACES_KEY = "places_in_bodies"  # doc.spans key: nested regions that stood as places before a rule read the body around them
NESTED_KEY = "orgs_in_offices"  # doc.spans key of mentions nested inside OFFICE mentions: ORGs, and the PLACE of a jurisdiction (the name predates the places)


def _ensure_extensions() -> None:
    for name, default in (("normalized", None), ("source", None), ("score", None), ("person_key", None), ("office", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name in ("published", "roles", "persons", "dateline_span"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


# --------------------------------------------------------------------------- sentences

_OPEN = "“\"«‘"  # straight quotes toggle
_SENT_END = re.compile(r"[.!?…]+")
_SENT_CHARS = re.compile(r'[“”".!?…]')  # the characters split_sentences acts on


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``: paragraphs first, then sentence-final punctuation
    followed by an upper-case letter, a digit or an opening quote, never inside a quotation."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        if not para.strip():
            continue
        lead = len(para) - len(para.lstrip())
        start = p_start + lead
        in_curly = 0
        in_straight = False
        i = lead
        n = len(para)
        while i < n:
            # only quote marks and sentence-final punctuation change anything: jump to the next one
            # (the loop used to step through every character)
            m_next = _SENT_CHARS.search(para, i)
            if m_next is None:
                break
            i = m_next.start()
            c = para[i]
            if c == "“":
                in_curly += 1
            elif c == "”":
                in_curly = max(0, in_curly - 1)
            elif c == '"':
                in_straight = not in_straight
            elif c in ".!?…" and not in_curly and not in_straight:
                j = i
                while j + 1 < n and para[j + 1] in ".!?…":
                    j += 1
                k = j + 1
                while k < n and para[k] in "”\"’)":
                    if para[k] == '"':
                        break
                    k += 1
                if k < n and para[k] == " ":
                    m = k
                    while m < n and para[m] == " ":
                        m += 1
                    if m < n and (para[m].isupper() or para[m].isdigit() or para[m] in _OPEN) and not _is_abbrev(para, i):
                        spans.append((start, p_start + k))
                        start = p_start + m
                        i = m
                        continue
                i = k
                continue
            i += 1
        end = p_start + len(para.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def _is_abbrev(para: str, dot: int) -> bool:
    if para[dot] != ".":
        return False
    k = dot
    while k > 0 and (para[k - 1].isalnum() or para[k - 1] == "."):
        k -= 1
    word = para[k:dot]
    if not word:
        return False
    if "." in word:  # S.H. / M.Si. / a.n., but not a time or a number ("09.00.", "1.500.")
        return any(c.isalpha() for c in word)
    if word.isdigit():
        return len(word) <= 2 and k == 0  # "1. " list numbering at paragraph start
    return word.lower() in _word_lex()["abbrev"]


@Language.factory("indo_sentencizer", assigns=["token.is_sent_start"], default_config={})
def make_sentencizer(nlp: Language, name: str) -> "IndoSentencizer":
    return IndoSentencizer(name)


class IndoSentencizer:
    """Quote- and paragraph-aware sentence boundaries (see :func:`split_sentences`)."""

    def __init__(self, name: str = "indo_sentencizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = np.fromiter((s for s, _ in split_sentences(doc_text(doc))), dtype=np.uint64)
        arr = doc.to_array([IDX, IS_SPACE])
        flags = np.where(np.isin(arr[:, 0], starts) & (arr[:, 1] == 0), 1, -1).astype(np.int64)
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype(np.uint64).reshape(-1, 1))
        return doc

    def to_disk(self, path, *, exclude=()):  # stateless: nothing to save
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=()):
        return self


# --------------------------------------------------------------------------- entity rules

@dataclass(frozen=True)
class _Cand:
    start: int  # token indices
    end: int
    label: str
    source: str
    score: float
    priority: int
    normalized: str | None = None
    office: object | None = None


@lru_cache(maxsize=1)
def _name_lex() -> dict:
    names = load_resource("names")
    speech = load_resource("speech")
    prefix = {t.lower().rstrip(".") for t in names["prefix_titles"]}
    prefix |= set(names["rank_corps"])
    degrees = {t.lower().replace(".", "") for t in names["degrees"]}
    cues = set(speech["cue_after"])
    dl = load_resource("dates")
    weekdays = {k.lower() for k in dl.get("weekdays", {})}
    months = {k.lower() for k in dl.get("months", {})}
    stop = set(names["stop_words"])
    stop |= {w.title() for w in weekdays | months}
    offices = load_resource("offices")
    title_words = {e["title"].lower() for e in offices["titles"] if " " not in e["title"]}
    places = load_resource("places")
    return {"prefix": prefix | title_words, "honorifics": prefix, "degrees": degrees, "cues": cues, "stop": stop,
            "institutions": {tuple(h.split()) for h in places["institution_heads"]},
            "locatives": set(places["locatives"]),

            # not "di": "Kariyanto Hardjosoemarto di Epiwalk" is a name and a place, and "di Tiro" is rare
            "particles": set(names["particles"]),
            "person_before": {w.lower() for w in names["person_cues"]["before"]},
            "office_links": set(offices["office_links"]), "holding_verbs": set(offices["holding_verbs"]),
            "person_after": {w.lower() for w in names["person_cues"]["after"]} | set(speech["verbs_before"])
            | set(speech["cue_after"]) | set(speech["post_verbs"])}


_ACTIVE_VERB = re.compile(r"^(?:me[mnr]?|meng|meny)[a-z]{3,}(?:kan|i)?$")
_INFLECTED = re.compile(r"^(?:di|ter|me|ber)[a-z]+(?:kan|i|an)$")


_DEGREE_PART = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}|[A-Z](?:\.[A-Z])+\.?)$")  # "Sp", "OG", "Subsp", "F.E.R", "MKK"


def _before_degrees(words: Sequence[str], e: int, degrees: set[str]) -> int:
    """The comma after a holder's name when degrees stand between it and an office in apposition
    ("dr. Zakia, Sp.OG, Subsp. F.E.R, | dokter ..."): the run back from ``e`` must open with a known degree."""
    k, found = e, e
    while k > 0 and (words[k - 1] in (",", ".") or _DEGREE_PART.match(words[k - 1])):
        k -= 1
        if words[k] == "," and k + 1 < e and words[k + 1].lower().replace(".", "") in degrees:
            found = k  # the run opens with a degree: "Jack Ma, | pendiri ..." keeps "Ma" in the name
    return found


def _is_inflected_word(word: str) -> bool:
    """A capitalised verb or noun with Indonesian affixes that the word list knows ("Diketahui",
    "Ditambahkan", "Berdasarkan"): a clause opener, not a name."""
    low = word.lower()
    return bool(_INFLECTED.match(low)) and _zipf(low, "id") >= 3.5


_zipf = word_zipf  # word frequency (wordfreq), shared with pipeline.places


def _superlative(word: str) -> bool:
    """A capitalised superlative, "ter-" + a frequent adjective ("Terbaik", "Terbesar", "Terfavorit"):
    a word of an award's or a ranking's name, not a person's ("Terry" is no "ter-" + "ry")."""
    low = word.lower()
    return (low.startswith("ter") and len(low) >= 6 and _zipf(low, "id") >= 3.5
            and _zipf(low[3:], "id") >= 4.5)


def _spelled_out_acronym(words: list[str]) -> bool:
    """Words before "(XYZ)" that spell out an acronym rather than a person's initials: every word a
    frequent Indonesian or English word ("Ruang Terbuka Hijau (RTH)", "Saudi Press Agency (SPA)"),
    or every word a frequent English word ("Mixed Martial Arts (MMA)"). Names keep a rarer word
    ("Budi Gunawan (BG)", "Ferlan Juliansyah (FJ)")."""
    return (min(max(_zipf(w, "id"), _zipf(w, "en")) for w in words) >= 4.3
            or min(_zipf(w, "en") for w in words) >= 4.0)


@lru_cache(maxsize=1)
def _word_lex() -> dict:
    """Word lists of the rule layer (resources/words.json, names.json, places.json, offices.json), as
    frozensets for membership tests, read once."""
    words, names = load_resource("words"), load_resource("names")
    places, offices = load_resource("places"), load_resource("offices")
    arabic = names["arabic_articles"]
    return {
        "abbrev": frozenset(words["sentence_abbreviations"]),  # a period after these ends no sentence
        "adverbs": frozenset(words["adverbs"]),
        "company_before": frozenset(words["company_before"]),  # a name right after these is a company's or club's
        "event_after": frozenset(words["competition_after"]),  # "Indonesia Open"
        "event_before": frozenset(words["competition_before"]),  # "Liga Inggris"
        "lower_in_names": frozenset(names["lower_in_names"]),
        "arabic_articles": frozenset(arabic),
        # the Arabic article joined to a name: "al-Assad", "el-Sisi", "ad-Dawla", "asy-Syafi'i"
        "arabic_article": re.compile(r"^(?:" + "|".join(map(re.escape, arabic)) + r")-[A-Z][\w'’]+$"),
        "compass": frozenset(places["compass_words"]),
        "place_prepositions": frozenset(places["place_prepositions"]),
        "office_qualifiers": frozenset(offices["office_qualifiers"]),
    }


@lru_cache(maxsize=1)
def _doc_person_lex() -> dict:
    """Cues of the document-level retyping of model organisations as persons (``IndoEntities._document_persons``):
    words before a person's name (speech cues, naming words) and after it (speech verbs, verbs of persons),
    less those that stand beside organisations as often (names.json person_cues org_shared); the words
    that put an organisation's name after them (words.json org_context_before, company_before); the words
    of well-known organisations (offices.json known_organisations)."""
    names, speech, words = load_resource("names"), load_resource("speech"), load_resource("words")
    cues = names["person_cues"]
    shared = set(cues["org_shared"])
    before = (set(speech["cue_after"]) | {"menurut"} | set(cues["before"])) - shared
    after = ({v for v in speech["verbs_before"] if " " not in v} | set(speech["post_verbs"]) | set(cues["after"])) - shared
    offices = load_resource("offices")
    known = offices.get("known_organisations", [])
    titles = {t.lower().rstrip(".") for t in names["prefix_titles"]}
    return {"titles": frozenset(titles),  # honorifics and ranks, not the corps written after a rank ("Laut")
            "office_titles": frozenset(titles | {e["title"].lower() for e in offices["titles"] if " " not in e["title"]}),
            "coordinators": frozenset(offices["coordinators"]), "shared": frozenset(shared),"before": frozenset(before), "after": frozenset(after), "adverbs": frozenset(words["adverbs"]),
            "org_before": frozenset(words["org_context_before"]), "org_before_cased": frozenset(words["company_before"]),
            "org_words": frozenset(w for o in known for w in o.split() if w not in names["particles"] and len(w) > 2)}


def _not_a_name_by_form(doc: Doc, a: int, b: int, label: str = "") -> bool:
    """A span that ends in a lower-case word or holds two lower-case words ("pandangan mata Al kian").
    A place may end in a lower-case point of the compass: "Inggris timur", "Afrika barat" (a part of
    the region, as Indonesian writes it)."""
    words, lowers = doc_words(doc), doc_lowers(doc)
    wl = _word_lex()
    if label == "PLACE" and b - a >= 2 and lowers[b - 1] in wl["compass"] and words[b - 2][:1].isupper():
        b -= 1
    lower_in_names = wl["lower_in_names"]
    low = [k for k in range(a, b) if words[k][:1].islower() and lowers[k] not in lower_in_names]
    return bool(low) and (low[-1] == b - 1 or len(low) >= 2)


def _in_event_name(doc: Doc, a: int, b: int) -> bool:
    """A country or city inside a competition's name: "Indonesia Open", "Liga Inggris", "Kejuaraan Asia"."""
    words, wl = doc_words(doc), _word_lex()
    return (b < len(words) and words[b] in wl["event_after"]) or (a > 0 and words[a - 1] in wl["event_before"])


def _acting_institution(doc: Doc, start: int, lex: dict) -> bool:
    """A venue or place that opens with the head of an institution ("Kantor Pelayanan Pajak",
    "Dinas Kesehatan", "Universitas Diponegoro") and is not after a locative word ("di", "ke",
    "menuju", "halaman"): the institution acting, an organisation, not a place."""
    if start > 0 and doc_lowers(doc)[start - 1] in lex["locatives"]:
        return False
    # one set look-up per length of head, not a comparison per head (there are hundreds)
    words = doc_words(doc)
    return any(tuple(words[start:start + k]) in lex["institutions"] for k in _institution_lengths())


@lru_cache(maxsize=1)
def _institution_lengths() -> tuple[int, ...]:
    """The numbers of words of the institution heads (``_name_lex()["institutions"]``)."""
    return tuple(sorted({len(h) for h in _name_lex()["institutions"]}))


@lru_cache(maxsize=1)
def _place_lex() -> dict:
    places = load_resource("places")
    return {"preceders": frozenset(places["model_nonplace_preceders"]),
            "names": frozenset(places["nonplace_names"]),
            "name_heads": frozenset(places["name_heads_not_place"]),
            "levels": frozenset(w for k in ("kecamatan", "kelurahan", "desa") for w in places["level_prefixes"][k]),
            "levels_any_case": frozenset(w.lower() for ws in places["level_prefixes"].values() for w in ws if not w.endswith(".")),
            "list_words": frozenset({",", "dan", "atau", "serta", "/", "-", "("}) | frozenset(places["locatives"]),
            "body_heads": frozenset(tuple(h.split()) for h in places["jurisdiction_org_heads"]),
            "unit_heads": frozenset(places["unit_heads"]), "unit_prefixes": frozenset(places["unit_region_prefixes"]),
            "body_locatives": frozenset(places["locatives"]) - frozenset(places["body_locatives_not"])}


_AGE_AFTER = re.compile(r"\s*\(\s*\d{1,3}\s*(?:tahun|th)?\s*\)")
_WEB_ADDRESS = re.compile(r"\w\.(?:com|co|id|net|org|tv|news)\b", re.I)


_AGE_ANYWHERE = re.compile(r"(?<=\S)" + _AGE_AFTER.pattern)


def _token_cache(doc: Doc) -> dict:
    """Fill ``doc.user_data`` with the doc's text, its tokens' texts, lower forms and trailing-space
    flags, from one ``to_array`` and string-store look-ups: iterating the Doc makes a Token object per
    token (and ``doc.text`` iterates it again), about twice the cost. ``doc.text`` is by definition the
    tokens' texts each followed by its space, so the joined text is the same string."""
    ud = doc.user_data
    if len(doc) == 0:
        ud.setdefault("_text", doc.text)
        ud["_words"], ud["_lowers"], ud["_spaces"] = [], [], []
        return ud
    strings = doc.vocab.strings
    orth, lower, space = doc.to_array([ORTH, LOWER, SPACY]).T.tolist()
    words = [strings[k] for k in orth]
    ud["_words"] = words
    ud["_lowers"] = [strings[k] for k in lower]
    ud["_spaces"] = space
    if "_text" not in ud:  # the tokenizer keeps the text it was given (GuardedTokenizer)
        ud["_text"] = "".join([w + " " if f else w for w, f in zip(words, space)])
    return ud


def _cached(doc: Doc, key: str):  # noqa: ANN202 (str or list, by key)
    """``doc.user_data[key]``, filled with the other token caches by :func:`_token_cache` when absent."""
    value = doc.user_data.get(key)
    return value if value is not None else _token_cache(doc)[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc and kept in ``doc.user_data``: spaCy rebuilds it from every
    token on each access (0.2 ms for a news article, and the rules, quotes and events read it several
    times). A Doc's text never changes after tokenisation; call this only on Docs made from the text
    they keep (not while a Doc is being assembled from other texts)."""
    return _cached(doc, "_text")


def doc_words(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, kept per doc: every ``doc[k].text`` and every ``for t in doc`` makes
    a new Token object, and the rules look at each token's text many times over."""
    return _cached(doc, "_words")


def doc_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, kept per doc (see :func:`doc_words`)."""
    return _cached(doc, "_lowers")


def doc_spaces(doc: Doc) -> list[int]:
    """``[1 if t.whitespace_ else 0 for t in doc]``: whether a space follows each token, kept per doc."""
    return _cached(doc, "_spaces")


def doc_starts(doc: Doc) -> list[int]:
    """``[t.idx for t in doc]``: each token's char offset into :func:`doc_text`, kept per doc."""
    starts = doc.user_data.get("_starts")
    if starts is None:
        starts = doc.user_data["_starts"] = doc.to_array(IDX).tolist() if len(doc) else []
    return starts


def span_text(doc: Doc, a: int, b: int) -> str:
    """``doc[a:b].text`` for token indices ``0 <= a``, ``b <= len(doc)``, cut from the cached text:
    spaCy joins a Span's text from its tokens, which costs as much as the span is long."""
    if a >= b:
        return ""
    words, starts = doc_words(doc), doc_starts(doc)
    return doc_text(doc)[starts[a]:starts[b - 1] + len(words[b - 1])]


def doc_sent_starts(doc: Doc) -> list[bool | None]:
    """``[t.is_sent_start for t in doc]`` (True, False, or None where unknown), kept per doc. Only for
    the components after the sentencizer: the flags are read once, when first asked for."""
    flags = doc.user_data.get("_sent_starts")
    if flags is None:
        # to_array gives spaCy's 1 / 0 (unknown) / -1, the last as an unsigned 2**64 - 1
        flags = doc.user_data["_sent_starts"] = [
            True if v == 1 else None if v == 0 else False for v in doc.to_array(SENT_START).tolist()] if len(doc) else []
    return flags


def _short_text(doc: Doc) -> bool:
    """A text of one or two sentences (a caption, a headline, a single sentence): too short for the
    article-level evidence some rules look for (a name introduced in full, or repeated)."""
    short = doc.user_data.get("_short_text")
    if short is None:
        n = int((doc.to_array([SENT_START]) == 1).sum()) if doc.has_annotation("SENT_START") else 1
        short = doc.user_data["_short_text"] = n < 3
    return short


def _named_with_age(doc: Doc, text: str) -> bool:
    """``text`` stands somewhere in the doc right before an age "(54)". The ages' positions are
    found once per doc (not one regex over the whole text per candidate)."""
    full = doc_text(doc)
    ends = doc.user_data.get("_age_name_ends")
    if ends is None:
        ends = doc.user_data["_age_name_ends"] = [m.start() for m in _AGE_ANYWHERE.finditer(full)]
    for e in ends:
        s0 = e - len(text)
        if s0 >= 0 and full.startswith(text, s0) and (s0 == 0 or not full[s0 - 1].isalnum()):
            return True
    return False


def _model_place_rejected(doc: Doc, a: int, b: int, is_place) -> bool:
    """A span the statistical NER calls a place that is something else by its context or form:
    a title, brand or cited source after "berjudul", "single", "platform", "melansir" ("film horor
    berjudul Kampung Hantu"); a name followed by an age ("Sumirah (54)"); a web address
    ("KOMPAS.com"); a numbered designation ("Stage-1"); a place inside the name of a party, award or
    programme ("Partai Buruh Jerman", "Anugerah Humas Indonesia", "Golden Visa Indonesia"); a holiday or a generic facility ("Lebaran", "SPBU"); an acronym the gazetteer
    does not know, not after a locative, a comma or a conjunction ("karena GERD"); a "Desa"/
    "Kelurahan"/"Kecamatan" name the gazetteer does not know made only of ordinary words
    ("Koperasi Desa/Kelurahan Merah Putih": a programme)."""
    lex = _place_lex()
    text = span_text(doc, a, b)  # doc[a:b].text, without making the Span
    if text in lex["names"] or _WEB_ADDRESS.search(text):
        return True
    words, lowers, sstart = doc_words(doc), doc_lowers(doc), doc_sent_starts(doc)
    if a > 0 and lowers[a - 1] in lex["preceders"]:
        return True
    full = doc_text(doc)
    end_char = doc_starts(doc)[b - 1] + len(words[b - 1])
    if _AGE_AFTER.match(full, end_char) or _named_with_age(doc, text):
        return True  # "Sumirah (54)", also where the name comes again without its age
    if re.match(r"-\d", full[end_char:end_char + 2]):
        return True  # "Stage-1", "Blok-3": a numbered designation, not a place
    k = a - 1
    while k >= 0 and a - k <= 3 and words[k][:1].isupper() and not sstart[k]:
        if words[k] in lex["name_heads"]:
            return True  # "Partai Buruh Jerman", "Anugerah Humas Indonesia": part of a name
        k -= 1
    known = is_place is not None and is_place(text)
    if (b - a == 1 and _ACRONYM_TOKEN.match(text) and len(text) <= 5 and is_place is not None and not known
            and not (a > 0 and lowers[a - 1] in lex["list_words"])):
        return True
    if (b - a >= 2 and words[a] in lex["levels"] and is_place is not None and not known
            and all(_zipf(w, "id") >= 4.0 for w in words[a + 1:b])):
        return True
    return False


_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_UNIT_NUMBER = re.compile(r"[IVX]{1,4}|\d{2,5}")  # "Kodam IV/Diponegoro", "Kodim 0505/Jakarta Timur"
_HYPHENS = frozenset({"-", "‐", "–"})
# a brand's shape: a capital inside the word after lower-case letters ("OpenAI", "WhatsApp", "YouTube"),
# not a name's prefix ("McDonald", "MacArthur", "DeGea", "LeBron", "DiCaprio", "VanDijk")
_BRAND = re.compile(r"^(?!(?:Mc|Mac|De|Di|Du|Da|La|Le|Van|Von|Fitz|O)[A-Z])[A-Z][a-z]+[A-Z][A-Za-z]*$")
_NAME_TOKEN = re.compile(r"^[A-Z][a-zA-Z'’\-]*[a-z][a-zA-Z'’\-]*$|^[A-Z]\.$|^[A-Z][a-z]?\.$")


def _name_token_flags(doc: Doc) -> list[bool]:
    """Whether each token has the form of a word of a name (:data:`_NAME_TOKEN`), kept per doc."""
    flags = doc.user_data.get("_name_tokens")
    if flags is None:
        flags = doc.user_data["_name_tokens"] = [bool(_NAME_TOKEN.match(w)) for w in doc_words(doc)]
    return flags


def _name_at(doc: Doc, i: int, lex: dict, limit: int = 5, allow_stop_first: bool = False) -> tuple[int, int] | None:
    """A person's name starting at token ``i`` (honorifics before it skipped): token span."""
    words = doc_words(doc)
    n = len(words)
    while i < n and (words[i].lower().rstrip(".") in lex["prefix"]) and words[i][:1].isupper():
        i += 1
    i += offices_mod.spelled_rank_len(words, i)  # "Inspektur Jenderal | Daniel": a rank written out
    while i < n and (words[i].lower().rstrip(".") in lex["prefix"]) and words[i][:1].isupper():
        i += 1  # ... and its corps ("Komisaris Besar Polisi | Ade")
    start = i
    j = i
    while j < n and j - start < limit:
        t = words[j]
        if _NAME_TOKEN.match(t) and (t not in lex["stop"] or (j == start and allow_stop_first and False)):
            j += 1
            continue
        if j > start and (t in lex["particles"] or re.fullmatch(r"[A-Z]{1,3}", t)) and j + 1 < n and _NAME_TOKEN.match(words[j + 1]):
            j += 1
            continue
        break
    # a trailing initial or particle is not the end of a name
    while j > start and (words[j - 1] in lex["particles"]):
        j -= 1
    if j == start:
        return None
    company = _company_words()
    if any(_common_word(words[k]) or words[k] in company for k in range(start, j)):
        return None  # "Pendayagunaan Aparatur Negara", "Kanwil", "Eka Hospital": an institution
    if j < n and words[j][:1].isupper() and words[j] not in lex["stop"]:
        return None  # the capitalised run goes on: not a name that ends here
    if j < n and words[j].lower().rstrip(".") in lex["prefix"] and words[j] not in lex["stop"]:
        return None  # "... Hepatologi dr. Imelda": the name starts after the honorific
    if all(len(words[k]) <= 2 for k in range(start, j)):
        return None
    return start, j


@lru_cache(maxsize=1)
def _aliases() -> dict[tuple[str, ...], str]:
    """Well-known nicknames of public figures (names.json): ("AHY",) -> "Agus Harimurti Yudhoyono"."""
    return {tuple(k.split()): v for k, v in load_resource("names")["aliases"].items()}


@lru_cache(maxsize=1)
def _alias_heads() -> frozenset[str]:
    """The first word of each nickname of :func:`_aliases`."""
    return frozenset(k[0] for k in _aliases() if k)


@lru_cache(maxsize=1)
def _well_known_orgs() -> frozenset[tuple[str, ...]]:
    """Well-known companies, clubs and agencies (offices.json known_organisations) as word tuples."""
    return frozenset(tuple(o.split()) for o in load_resource("offices").get("known_organisations", []))


@lru_cache(maxsize=1)
def _company_words() -> frozenset[str]:
    """Words that make a span no person's: a company's, club's or medium's words and words of no name
    at all ("Truk", "Geopark", "SEVP")."""
    w = load_resource("words")
    return frozenset(w["company_words"]) | frozenset(w["not_person_words"])


@lru_cache(maxsize=65536)
def _common_word(word: str) -> bool:
    """A capitalised common noun ("Badan", "Penerimaan") or a known organisation, not a name. Cached:
    a pure function of the word (the lexicons load once), asked for the same words many times per
    article, and the noun-form regex is the costly part."""
    return offices_mod.is_common_word(word) or offices_mod.is_org_token(word)


def _noun_not_name(word: str) -> bool:
    """:func:`_common_word` for a word the model calls (part of) a person's name: a word that only
    looks like a nominalisation ("Per-...-an", "Ke-...-an") but is no Indonesian word at all
    ("Perlman") may be a name."""
    if offices_mod.is_org_token(word):
        return True
    lex = offices_mod.lexicon()
    if word in lex.common:
        return True
    return bool(lex.noun.match(word)) and _zipf(word.lower(), "id") >= 1.0


def _skip_titles(doc: Doc, b: int, e: int, lex: dict) -> int:
    """First token of the name inside a span that may start with honorifics or ranks."""
    words = doc_words(doc)
    while b < e - 1 and words[b].lower().rstrip(".") in lex["prefix"]:
        b += 1
    return b


_ALIAS_BETWEEN = re.compile(r",?\s*(?:alias|a\.k\.a\.?|atau\s+(?:yang\s+)?(?:lebih\s+)?(?:akrab|biasa|populer)?\s*"
                            r"(?:disapa|dipanggil|dikenal(?:\s+dengan\s+nama)?|disebut))\s*")
_INITIAL_DOT = re.compile(r"\b([A-Z])\.(?=\s|$)")
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


class _PlaceLookup:
    """Region lookup for office jurisdictions, backed by the places gazetteer."""

    ADMIN = frozenset({"provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa", "country", "city"})

    def __init__(self) -> None:
        from . import places

        self._find = places.find_places

    @lru_cache(maxsize=100_000)
    def __call__(self, name: str) -> str | None:
        ms = self._find(name)
        if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(name) and ms[0].level in self.ADMIN:
            return ms[0].normalized
        return None


@Language.factory(
    "indo_entities",
    assigns=["doc.ents", "span._.normalized", "span._.source", "span._.score", "span._.person_key", "doc._.roles"],
    default_config={"use_gazetteer": True, "use_dates": True},
)
def make_entities(nlp: Language, name: str, use_gazetteer: bool, use_dates: bool) -> "IndoEntities":
    return IndoEntities(nlp, name, use_gazetteer=use_gazetteer, use_dates=use_dates)


class IndoEntities:
    """Rule layer: offices, persons, places, dates; merges with the statistical NER's spans."""

    def __init__(self, nlp: Language, name: str = "indo_entities", use_gazetteer: bool = True, use_dates: bool = True) -> None:
        _ensure_extensions()
        self.name = name
        self.use_gazetteer = use_gazetteer
        self.use_dates = use_dates
        self._place_of = None

    @property
    def place_of(self):
        if self._place_of is None and self.use_gazetteer:
            self._place_of = _PlaceLookup()
        return self._place_of

    # -- match ---------------------------------------------------------------
    def _candidates(self, doc: Doc) -> list[_Cand]:
        lex = _name_lex()
        wl = _word_lex()
        company_before, office_qualifiers, event_before = wl["company_before"], wl["office_qualifiers"], wl["event_before"]
        # the tokens' texts, lower forms and sentence starts, read once per doc (a Token object per
        # look-up otherwise); words[k] is doc[k].text, lowers[k] doc[k].lower_, sstart[k] doc[k].is_sent_start
        words, lowers, sstart = doc_words(doc), doc_lowers(doc), doc_sent_starts(doc)
        cands: list[_Cand] = []
        roles: list[tuple[int, int, object]] = []  # (person start tok, end tok, office)
        # model spans first (lowest priority)
        model_person_starts = set()
        model_person_end: dict[int, int] = {}  # token -> end of the model PERSON covering it
        ents = list(doc.ents)
        for ent in ents:
            if ent.label_ in ("PERSON", "ORG", "PLACE"):
                cands.append(_Cand(ent.start, ent.end, ent.label_, "model", 0.8, 1))
                if (ent.label_ == "PERSON" and not any(w in _company_words() for w in words[ent.start:ent.end])  # "Eka Hospital"
                        and not (ent.start > 0 and words[ent.start - 1] in company_before)  # "Bank | Mega Syariah"
                        and not (len(ent) >= 2 and words[ent.end - 1].isupper()  # "Kampar AKBP": a rank in capitals ends no name
                                 and lowers[ent.end - 1].rstrip(".") in lex["prefix"])):
                    model_person_starts.add(_skip_titles(doc, ent.start, ent.end, lex))
                    for k in range(ent.start, ent.end):
                        model_person_end[k] = ent.end
        n = len(doc)
        # the model's organisations: one word in a person's slot (after an office, a speech cue, in a
        # nickname's parentheses) that the model reads as an organisation is the organisation ("kepala
        # distribusi Disney", "Menurut Samsung") unless the text also uses it inside a longer name. The
        # model does call some full names ORG ("Purbaya Yudhi Sadewa"): longer spans stay with the rules.
        model_org_at = {ent.start: ent.end for ent in ents if ent.label_ == "ORG"}
        is_name_word = [f and w not in lex["stop"] for f, w in zip(_name_token_flags(doc), words)]

        def name_word(k: int) -> bool:
            return 0 <= k < n and is_name_word[k]

        prefix = lex["prefix"]

        def run_word(k: int) -> bool:  # a name word beside another; a title ("Kapten City") is no part of a name
            return name_word(k) and lowers[k].rstrip(".") not in prefix

        in_runs = {words[i] for i in range(n) if is_name_word[i] and (
            (run_word(i - 1) and not sstart[i]) or (run_word(i + 1) and not sstart[i + 1]))}

        def model_org(a: int, z: int) -> bool:
            return z == a + 1 and model_org_at.get(a) == z and words[a] not in in_runs

        # what the model reads as an organisation anywhere in the article, and as a person
        other_count: dict[str, int] = {}
        person_words: set[str] = set()
        for ent in ents:
            if ent.label_ == "ORG":  # not PLACE: the model takes some persons for places throughout ("Sutarjo")
                t = span_text(doc, ent.start, ent.end)
                other_count[t] = other_count.get(t, 0) + 1
            elif ent.label_ == "PERSON":
                person_words.update(words[ent.start:ent.end])
        known_orgs = offices_mod.lexicon().orgs
        well_known = _well_known_orgs()
        # the last word of a well-known organisation the article writes in full ("Manchester City" ->
        # "City", "Real Madrid" -> "Madrid"): that organisation, unless a person's name holds the word
        word_set = set(words)
        short_orgs = {o[-1] for o in well_known if len(o) >= 2 and o[-1] in word_set and o[-1] not in person_words
                      and any(words[k:k + len(o)] == list(o) for k in range(n) if words[k] == o[0])}

        def org_reading(a: int, z: int) -> bool:
            """Evidence that words a..z, in a person's slot, name an organisation or a place: a well-known
            organisation ("Apple", "Al Hilal"); a model ORG that goes on past them ("Apple Tim Cook"); one
            word the model reads as an organisation here, or twice in the article and never inside a person's
            name ("City"); a brand's shape ("OpenAI", "WhatsApp"); a last word that is a
            gazetteer place ("Sparta Rotterdam", "Garda Revolusi Iran")."""
            if z <= a:
                return False
            if tuple(words[a:z]) in known_orgs:
                return True
            oe = model_org_at.get(a)
            if oe is not None and oe > z:
                return True
            if z - a == 1:
                w = words[a]
                if (model_org(a, z) or w in short_orgs
                        or (w not in person_words and w not in in_runs and other_count.get(w, 0) >= 2)):
                    return True
                return bool(_BRAND.match(w))
            return self.place_of is not None and bool(self.place_of(words[z - 1]))
        model_person_starts |= self._names_used_alone(doc, lex)
        # a first name already met in a full name, alone before a comma: "manajer Gusti, Pinkan"
        firsts: dict[str, int] = {}
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                firsts.setdefault(words[ent.start], ent.start)
        for i, w in enumerate(words):
            if (w in firsts and firsts[w] < i and i + 1 < n and words[i + 1] == ","
                    and i > 0 and not words[i - 1][:1].isupper()):
                model_person_starts.add(i)

        def holder_after(z: int) -> tuple[int, int] | None:
            """The name after an office's organisation: "kepala operasi OpenAI, | Brad Lightcap"."""
            if z < n and words[z] == ",":
                z += 1
            while z < n - 1 and words[z][:1].isupper() and lowers[z].rstrip(".") in prefix:
                z += 1  # "Kapolres Kampar AKBP | Mihardi Mirwan"
            h = (z, model_person_end[z]) if z in model_person_starts and z in model_person_end else _name_at(doc, z, lex)
            if h is None or org_reading(h[0], h[1]) or (self.place_of is not None and self.place_of(span_text(doc, h[0], h[1]))):
                return None  # "direktur travel haji Polresta | Yogyakarta": a place, no holder
            if any(a < h[0] and h[1] <= e for a, e in model_org_at.items()):
                return None  # "komisaris Indofood Sukses Makmur": the model reads one organisation
            return h

        def name_after(k: int) -> tuple[int, int] | None:
            nm = reading_after(k)
            if nm is None:
                if k < n and words[k][:1].isupper():
                    for m in (3, 2, 1):  # "kepala operasi OpenAI, | Brad Lightcap": a known organisation, then the name
                        if tuple(words[k:k + m]) in well_known:
                            return holder_after(k + m)
                return None
            if org_reading(nm[0], nm[1]) and not (nm[0] == k and cued_holder(k, nm[1])):
                # "CEO Apple Tim Cook", "Kapten City musim lalu": the office's organisation, not its holder;
                # the holder, if any, follows it
                h = holder_after(nm[1])
                if (h is None and nm[1] - nm[0] >= 3 and nm[0] in model_person_starts and model_person_end.get(nm[0]) == nm[1]
                        and tuple(words[nm[0]:nm[1]]) not in known_orgs and model_org_at.get(nm[0]) is None
                        and not any(_common_word(words[x]) for x in range(nm[0], nm[1]))
                        and (nm[1] >= n or words[nm[1]] == "," or words[nm[1]][:1].islower())):
                    return nm  # "Doni Ismanto Darwin menegaskan": a three-word name the model found whose last word is also a place
                return h
            for m in range(nm[0] + 1, nm[1]):
                if m in model_person_starts and org_reading(nm[0], m):
                    return m, nm[1]  # "Kiper Sparta Rotterdam | Joel Drommel": a club, then the name
            return nm

        person_cl = _doc_person_lex()

        def cued_holder(k: int, z: int) -> bool:
            """A name in apposition to the office before it and the subject of a speech verb after it is the
            holder even where the model reads it as an organisation: "Kepala Sekolah SDN 3, | Masfupah, |
            menyebutkan" (an acronym, a brand's shape or a known organisation excepted)."""
            if k == 0 or words[k - 1] != "," or z != k + 1 or z >= n:
                return False
            v = z + 1 if words[z] == "," else z
            w = words[k]
            return (v < n and lowers[v] in person_cl["after"] and not _ACRONYM_TOKEN.match(w) and not _BRAND.match(w)
                    and w not in person_cl["org_words"] and (w,) not in known_orgs)

        def reading_after(k: int) -> tuple[int, int] | None:
            nm = _name_at(doc, k, lex)
            k += offices_mod.spelled_rank_len(words, k)  # "Inspektur Jenderal | Daniel": a rank written out
            while k < n - 1 and (words[k][:1].isupper() and words[k].lower().rstrip(".") in lex["prefix"]
                                 or words[k].rstrip(".") in lex["honorifics"]):
                k += 1  # "Dr. Ir. | Agung Prasetyo", "dr. | Imelda": honorifics before the model's name
            if k in model_person_starts and k in model_person_end:
                # the model may cut a name short ("Rahmat | Hidayatullah"): the longer reading wins
                return (k, model_person_end[k]) if nm is None or model_person_end[k] >= nm[1] else nm
            b = k - 2 if k >= 2 and words[k - 1] == "," else k - 1  # the office's last word, before a comma or not
            if (nm is None and k + 1 in model_person_starts and k + 1 in model_person_end and words[k].isalpha()
                    and words[k][:1].isupper() and not offices_mod.is_org_token(words[k]) and self.place_of is not None
                    and b >= 0 and words[b][:1].isupper() and words[b].isalnum()
                    and not any(self.place_of(" ".join(words[k:k + m])) for m in (1, 2, 3))  # "Energi | Uni Emirat Arab"
                    and (self.place_of(words[b]) or _ACRONYM_TOKEN.match(words[b]) or (b == k - 1 and not _common_word(words[k])))):
                # "VP Marketing Xpeng Indonesia(,) | Hari | Arifianto", "Kasat Lantas Polrestabes Medan | I | Made ...":
                # right after the office, a first name the model left out (a common word only after a region or an acronym)
                return k, model_person_end[k + 1]
            
            if nm and model_org(nm[0], nm[1]) and not cued_holder(k, nm[1]):
                return None  # "kepala distribusi Disney": the office's organisation, not its holder
            if nm and nm[1] - nm[0] == 1 and _superlative(words[nm[0]]):
                return None  # "Pemain Terbaik", "Aktris Terfavorit": an award's name, not a holder
            oe = model_org_at.get(nm[0]) if nm else None
            if oe is not None and oe < nm[1] and oe in model_person_starts and oe in model_person_end:
                return oe, model_person_end[oe]  # "Dirut Indofood | Eva Rianti Hutapea": the organisation, then the name
            if nm and self.place_of is not None and self.place_of(doc[nm[0]:nm[1]].text):
                return None  # "Menteri Perhubungan, Amerika Serikat": a place, not a name
            if (nm and nm[1] + 2 < n and words[nm[1]] == "(" and words[nm[1] + 2] == ")"
                    and _spelled_out_acronym(words[nm[0]:nm[1]])):
                return None  # "Direktur Indonesia | Political Review (IPR)": an institution's name
            if nm and nm[1] - nm[0] == 1 and (words[nm[0]] in offices_mod.lexicon().en_words or (
                    nm[1] < n and (lowers[nm[1]] == "dan" or (words[nm[1]] == "," and nm[1] + 1 < n and lowers[nm[1] + 1] == "dan")))):
                # "Wakil Presiden Regional untuk ...": an English word of titles; "Kepala Dinas Pendidikan,
                # Pemuda, dan Olahraga", "Energi Baru, Terbarukan, dan Konservasi": a list of the office's words
                return None
            return nm

        # offices and the persons they introduce
        en_title_words = offices_mod.lexicon().en_words | offices_mod.lexicon().en_heads
        all_offices = []
        in_office: set[int] = set()  # tokens of the offices before the current one
        for om in offices_mod.office_spans(doc, self.place_of, frozenset(model_person_starts),
                                           lambda k: name_after(k) is not None):
            if all_offices:
                in_office.update(range(all_offices[-1].start, all_offices[-1].end))
            all_offices.append(om)
            k = om.end
            while k < n and k - om.end < 3 and lowers[k] in office_qualifiers:
                k += 1  # "Camat Cibiru sebelumnya, Dadan Hermawan" / "Lurah Cipadung yang baru, Neneng"
            if k > om.end and (k >= n or words[k] != ","):
                k = om.end
            if k == om.end and k < n and lowers[k] == "yang":
                # a relative clause between office and name: "Lurah Cipadung yang baru dilantik, Hj. Neneng"
                j = k + 1
                while j < n and j - k <= 5 and words[j].isalpha() and words[j].islower():
                    j += 1
                if j < n and j > k + 1 and words[j] == ",":
                    k = j
            if k < n and words[k] == "," and k + 1 < n:
                k += 1
            elif k == om.end and k + 1 < n and lowers[k] in ("bernama", "berinisial"):
                k += 1  # "investor bernama Sergey Solonin"
            nm = name_after(k)
            if nm:
                after = words[nm[1]] if nm[1] < n else ""
                if after[:1].isupper() and after not in (",", ".") and nm[1] - nm[0] >= 5:
                    nm = None
            if nm:
                cands.append(_Cand(om.start, om.mention_end, "OFFICE", "rule", 0.95, 10, om.office, om))
                cands.append(_Cand(nm[0], nm[1], "PERSON", "rule", 0.95, 8))
                roles.append((nm[0], nm[1], om))
                continue
            # apposition: "Willem Johanes Wetik, Ketua Bawaslu Jakarta Timur" / "X (XX) selaku Ketua ..." /
            # "Nita Vior, seorang content creator" / "X sebagai pelatih baru"
            s = om.start
            while s >= 2 and lowers[s - 1] in ("seorang", "sang", "salah", "dari"):
                s -= 1  # "Nita, seorang content creator", "Farid, dari anggota Gerakan Sopir ..."
            appos = s >= 2 and (words[s - 1] == "," or lowers[s - 1] in ("selaku", "sebagai"))
            # "Alex Sinaga, yang juga Sekretaris Komisi III ...": a relative clause of the holder
            rel = (not appos and not om.lower and s >= 4 and lowers[s - 2] == "yang" and lowers[s - 1] in ("juga", "merupakan")
                   and words[s - 3] == ",")
            if om.lower and not appos:
                continue  # "ketua" in running text: an office only beside a name
            cands.append(_Cand(om.start, om.mention_end, "OFFICE", "rule", 0.95, 10, om.office, om))
            if appos or rel:
                e = s - 3 if rel else s - 1
                if e >= 3 and words[e - 1] == ")" and words[e - 3] == "(":
                    e -= 3  # "Chrisna Damayanto (CD) selaku ..."
                e = _before_degrees(words, e, lex["degrees"])  # "dr. Zakia, Sp.OG, Subsp. F.E.R, dokter ..."
                b = e
                # stop at an earlier office: "Gubernur Bali | Wayan Koster, Direktur ..."
                while b > 0 and e - b < 5 and (_NAME_TOKEN.match(words[b - 1]) or words[b - 1] in lex["particles"]
                                               or (b >= 2 and b < e and re.fullmatch(r"[A-Z]\.?", words[b - 1])
                                                   and _NAME_TOKEN.match(words[b - 2]))) \
                        and words[b - 1] not in lex["stop"] and b - 1 not in in_office \
                        and not (words[b - 1][:1].isupper() and lowers[b - 1].rstrip(".") in prefix and b < e) \
                        and not _is_inflected_word(words[b - 1]):  # "Dijelaskan | Yohannes Nangoi, Ketua ...", "Dr. | Gail Saltz, ..."
                    b -= 1
                    if (b >= 2 and b < e and words[b - 1] == "-" and _NAME_TOKEN.match(words[b - 2])
                            and not doc[b - 2].whitespace_ and not doc[b - 1].whitespace_):
                        b -= 2  # "Song-Yi Park, PhD, penulis ...": a hyphenated first name (not "Jakarta - Aqeela ...")
                if (b < e and not (e - b == 1 and len(words[b]) <= 2) and not any(_common_word(words[k]) for k in range(b, e))
                        and not (e - b == 1 and _is_inflected_word(words[b]))  # "Diketahui, aktivis ..."
                        and not all(words[k] in en_title_words for k in range(b, e))):  # "X, Sales, Marketing Director"
                    cands.append(_Cand(b, e, "PERSON", "rule", 0.9, 8))
                    roles.append((b, e, om))
        # speech cues: "kata Uus", "ujar Hendra Hidayat", "menurut Iin"
        for i, low in enumerate(lowers):
            if low in lex["cues"] or low == "menurut":
                nm = _name_at(doc, i + 1, lex, limit=4)
                if (nm and not (nm[1] < n and _NAME_TOKEN.match(words[nm[1]]))
                        and not org_reading(nm[0], nm[1])):  # "sebut Garda Revolusi Iran", "Menurut Google" (and model_org)
                    cands.append(_Cand(nm[0], nm[1], "PERSON", "rule", 0.9, 7))
        # a nickname and the full name in parentheses: "saya taruh Ubed (Moh. Zaki Ubaidillah) di ...",
        # "Jojo (Jonatan Christie)"; both are the person, and _link_persons joins them
        titles = offices_mod.lexicon().titles
        for i, w in enumerate(words):
            if w != "(" or i < 1 or i + 3 >= n:
                continue
            nick = words[i - 1]
            lead = i + 2 if re.fullmatch(r"[A-Z][a-z]{1,3}\.", words[i + 1]) else i + 1  # "(Moh. Zaki ...)"
            nm = _name_at(doc, lead, lex)
            nm = (i + 1, nm[1]) if nm is not None else None
            if (nm is None or nm[1] >= n or words[nm[1]] != ")" or nm[1] - nm[0] < 2
                    or not _NAME_TOKEN.match(nick) or len(nick) < 3 or nick in lex["stop"] or _common_word(nick)
                    or (nick.lower(),) in titles or nick in _company_words() or offices_mod.is_org_token(nick)
                    or (i >= 2 and _NAME_TOKEN.match(words[i - 2])) or model_org(i - 1, i) or model_org(nm[0], nm[1])
                    or (self.place_of is not None and (self.place_of(nick) or self.place_of(doc[nm[0]:nm[1]].text)))):
                continue
            cands.append(_Cand(i - 1, i, "PERSON", "rule", 0.85, 6))
            cands.append(_Cand(nm[0], nm[1], "PERSON", "rule", 0.85, 6))
        # a name in a list between two persons: "terdakwa yakni Akmal Sajid, Afta Dhiaulhaq, Kemal Maulana, dan ..."
        person_ends = {e.end for e in ents if e.label_ == "PERSON"}
        person_begins = {e.start for e in ents if e.label_ == "PERSON"}
        for i, w in enumerate(words):
            if w != "," or i not in person_ends:
                continue
            nm = _name_at(doc, i + 1, lex, limit=4)
            if nm is None or nm[0] in person_begins or nm[1] + 1 >= n or words[nm[1]] != ",":
                continue
            nxt = nm[1] + 1 + (lowers[nm[1] + 1] in ("dan", "serta"))
            if nxt in person_begins and not (self.place_of is not None and self.place_of(doc[nm[0]:nm[1]].text)):
                cands.append(_Cand(nm[0], nm[1], "PERSON", "rule", 0.8, 3))
        # a name followed by its initials: "Ferlan Juliansyah (FJ)", "M. Fauzi alias Pablo (MFZ)"
        for p, w in enumerate(words):
            if w == "(" and p + 2 < n and words[p + 2] == ")" and re.fullmatch(r"[A-Z]{2,5}", words[p + 1]):
                ini = words[p + 1]
                b = p
                while (b > 0 and p - b < 5 and _NAME_TOKEN.match(words[b - 1]) and words[b - 1] not in lex["stop"]
                       and not _is_inflected_word(words[b - 1])):
                    b -= 1
                # the initials must spell (a prefix of) the name's words
                if (b < p and "".join(words[k][0] for k in range(b, p)).upper().startswith(ini[:2])
                        and len(ini) <= p - b + 1
                        and not any(_common_word(words[k]) or words[k] in _company_words() for k in range(b, p))
                        and not (b > 0 and words[b - 1] in ("PT", "PT.", "CV", "Bank"))
                        and model_org_at.get(b) not in (p, p + 3)  # the model's "Paguyuban Pengemudi Angkutan Darat (PPAD)"
                        and not _spelled_out_acronym(words[b:p])):
                    cands.append(_Cand(b, p, "PERSON", "rule", 0.85, 4))
        # well-known nicknames: "Jokowi", "AHY", "Gus Ipul"
        aliases = _aliases()
        heads = _alias_heads()
        for i in range(n):
            if words[i] not in heads:
                continue  # no nickname begins with this word (most words): no tuple per length
            for k in (3, 2, 1):
                key = tuple(words[i:i + k])
                if len(key) == k and key in aliases and not (i > 0 and words[i - 1] in event_before):  # "Piala Bang Yos": a trophy
                    cands.append(_Cand(i, i + k, "PERSON", "rule", 0.9, 6, aliases[key]))
                    break
        # "Salah satu perwakilan ormas di Jakarta Timur, Musa Marsabesy"
        for i, low in enumerate(lowers):
            if low == "salah" and i + 2 < n and lowers[i + 1] == "satu":
                for k in range(i + 2, min(n, i + 15)):
                    if words[k] == ",":
                        nm = _name_at(doc, k + 1, lex)
                        if nm:
                            cands.append(_Cand(nm[0], nm[1], "PERSON", "rule", 0.85, 7))
                        break
                    if sstart[k]:
                        break
        # places
        if self.use_gazetteer:
            from . import places

            for pm in places.find_places(doc_text(doc)):
                sp = doc.char_span(pm.start, pm.end, alignment_mode="contract")
                if sp is not None and len(sp):
                    if pm.level == "venue" and _acting_institution(doc, sp.start, lex):
                        cands.append(_Cand(sp.start, sp.end, "ORG", pm.source, pm.score, 5))
                        continue
                    cands.append(_Cand(sp.start, sp.end, "PLACE", pm.source, pm.score, 5, pm.normalized))
        # a government body of one region the model missed: "Pemprov Jawa Barat", "Polda Metro Jaya"
        if self.place_of is not None:
            model_org_spans = [(e.start, e.end) for e in ents if e.label_ == "ORG"]
            model_place_spans = [(e.start, e.end) for e in ents if e.label_ == "PLACE"]
            for a, z, _ in self._region_bodies(doc, model_person_starts):
                # the model's organisation, even a shorter one, stands, and so does a wider place ("tiba di Base Ops
                # Lanud Halim Perdanakusuma")
                if (not any(b < z and a < e for b, e in model_org_spans)
                        and not any(b <= a and z <= e and e - b > z - a for b, e in model_place_spans)):
                    cands.append(_Cand(a, z, "ORG", "rule", 0.85, 5))
        # dates
        if self.use_dates:
            for dm in dates_mod.find_dates(doc_text(doc), doc._.published):
                sp = doc.char_span(dm.start, dm.end, alignment_mode="expand")
                if sp is not None and len(sp):
                    cands.append(_Cand(sp.start, sp.end, "DATE", "rule", 0.95 if dm.value else 0.6, 9,
                                       dm.normalized))
        # a well-known organisation is never a person, whoever proposes it ("Al Hilal", "Juventus"), nor
        # its last word where the article writes it in full ("kapten City" beside "Manchester City")
        cands = [_Cand(c.start, c.end, "ORG", c.source, c.score, c.priority) if c.label == "PERSON"
                 and (tuple(words[c.start:c.end]) in known_orgs
                      or (c.end - c.start == 1 and words[c.start] in short_orgs)) else c for c in cands]
        self._linked_offices(doc, cands, roles, all_offices)
        # a title word inside a holder's name is part of the name: "Perbekel Cemagi Putu Hendra Sastrawan"
        holders = [(b, e) for b, e, _ in roles]
        def in_name(a: int, z: int) -> bool:
            return any(b <= a and z <= e and (b, e) != (a, z) for b, e in holders)

        cands = [c for c in cands if not (c.label == "OFFICE" and in_name(c.start, c.end))]
        roles = [r for r in roles if not in_name(r[2].start, r[2].end)]
        doc._.roles = roles
        return cands

    def _region_bodies(self, doc: Doc, person_starts: set[int]) -> list[tuple[int, int, int]]:
        """(start, end, start of the region) of each police, military or prosecution unit named with its region
        (places.json unit_heads): the head and a gazetteer region after it ("Polres | Tasikmalaya Kota", "Polres |
        Metro | Depok", "Kejari | OKI", "Kodim 0505/ | Jakarta Timur"), or the unit's own name, one or two
        capitalised words before a lower-case word or punctuation ("Polda Metro Jaya bersama ...", "Polsek
        Sukapura telah ...", "Kodam IV/Diponegoro"), never a rank or a name's first word ("Polres Nisel |
        Aipda ..."). Not after a locative: "dibawa ke Polsek Cengkareng" names a place. (A regional government,
        "Pemprov Jawa Barat", is left to the model: the NER corpora mark only its region.)"""
        pl = _place_lex()
        heads = pl["unit_heads"]
        words, lowers = doc_words(doc), doc_lowers(doc)
        n = len(words)
        is_name = _name_token_flags(doc)
        out = []
        i = 0
        while i < n:
            if words[i] not in heads or (i > 0 and lowers[i - 1] in pl["body_locatives"]):
                i += 1
                continue
            r = self._unit_region(doc, i + 1, person_starts, is_name)
            if r is None:
                i += 1
                continue
            out.append((i, r[1], r[0]))
            i = r[1]
        return out

    def _unit_region(self, doc: Doc, j: int, person_starts: set[int] | frozenset[int],
                     is_name: list[bool]) -> tuple[int, int] | None:
        """(start, end) of the region (or the unit's own name) after a unit's head that ends at token ``j``, or
        None; the start is past the unit's number ("Kodim 0505/ | Jakarta Timur") and "Metro"."""
        pl, lex = _place_lex(), _name_lex()
        words = doc_words(doc)
        n = len(words)
        k = j
        if k + 2 < n and _UNIT_NUMBER.fullmatch(words[k]) and words[k + 1] == "/":
            k += 2  # "Kodam IV/Diponegoro", "Kodim 0505/Jakarta Timur"
        if k < n and words[k] in pl["unit_prefixes"]:
            k += 1  # "Polres Metro | Depok"
        if k >= n or not words[k][:1].isupper():
            return None
        for m in range(min(4, n - k), 0, -1):
            seg = words[k:k + m]
            if not all(w[:1].isupper() or w[:1].isdigit() for w in seg):
                continue
            if self.place_of(" ".join(seg)):
                e = k + m
                if e < n and words[e] in ("Kota", "Kabupaten") and (
                        e + 1 >= n or not words[e + 1][:1].isupper() or words[e + 1].lower().rstrip(".") in lex["honorifics"]):
                    e += 1  # "Polres Tasikmalaya Kota", "Polresta Malang Kota Ipda ..."
                return k, e
        e = k
        while (e < n and e - k < 3 and (is_name[e] or _ACRONYM_TOKEN.match(words[e])) and e not in person_starts
               and words[e] not in lex["stop"] and words[e].lower().rstrip(".") not in lex["honorifics"] and not _common_word(words[e])):
            e += 1
        if e == k or e - k > 2 or (e < n and words[e][:1].isupper()):
            return None  # "Polsek Sukapura Budi Santoso mengatakan": no end to the unit's name before the person's
        return k, e

    @staticmethod
    def _linked_offices(doc: Doc, cands: list[_Cand], roles: list, all_offices: list) -> None:
        """Offices a person holds beyond the one right before the name: a coordinated office
        ("ekonom dan pengamat kebijakan publik Universitas Trisakti, Dr. Hendri ...", "Wakil Menteri
        ATR/Wakil Kepala BPN Ossy") and an office after a verb of holding ("Cecep Saefulloh, kini
        menjabat Camat Cibiru", "X dilantik sebagai Kepala Dinas")."""
        lex = _name_lex()
        n = len(doc)
        words, lowers = doc_words(doc), doc_lowers(doc)
        held = {id(om) for _, _, om in roles}
        by_end = {om.end: om for om in all_offices}
        office_cands = {(c.start, c.end) for c in cands if c.label == "OFFICE"}

        def add(b: int, e: int, om) -> None:
            if id(om) in held:
                return
            held.add(id(om))
            roles.append((b, e, om))
            if (om.start, om.mention_end) not in office_cands:
                cands.append(_Cand(om.start, om.mention_end, "OFFICE", "rule", 0.9, 10, om.office, om))
                office_cands.add((om.start, om.mention_end))

        by_start = {om.start: om for om in all_offices}
        for b, e, om in list(roles):
            k = om.start - 1
            while k >= 0 and lowers[k] in lex["office_links"]:
                prev = by_end.get(k)
                if prev is None:
                    break
                add(b, e, prev)
                k = prev.start - 1
            if om.start >= e:  # an apposition after its holder may go on: "X, pakar tidur dan psikolog klinis"
                k = om.end
                while k < n and k - om.end < 2 and words[k].isalpha() and words[k].islower() and lowers[k] not in lex["office_links"]:
                    k += 1  # "pakar | tidur | dan ..."
                while k < n and lowers[k] in lex["office_links"]:
                    nxt = by_start.get(k + 1)
                    if nxt is None:
                        break
                    add(b, e, nxt)
                    k = nxt.end
        persons = sorted((c for c in cands if c.label == "PERSON"), key=lambda c: c.end)
        for i, low in enumerate(lowers):
            if low not in lex["holding_verbs"]:
                continue
            k = i + 1
            if k < n and lowers[k] in ("sebagai", "menjadi"):
                k += 1
            om = by_start.get(k)
            if om is None or id(om) in held:
                continue
            # the holder: the last person of the same sentence ending at most 8 tokens before the verb
            sent_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
            who = [c for c in persons if sent_start <= c.start and c.end <= i and i - c.end <= 8]
            if who:
                add(who[-1].start, who[-1].end, om)

    def _names_used_alone(self, doc: Doc, lex: dict) -> set[int]:
        """Tokens inside a run of capitalised words where a name begins, known because the article
        later uses that word on its own as a person (beside a speech cue or a verb of persons): in
        "Kepala Pos Pengamatan Gunung Raung Burhan Althea ... Burhan menyatakan ..." the name starts at
        "Burhan", not at "Gunung". The word must not be a place, an organisation or a word of institutions."""
        n = len(doc)
        words = doc_words(doc)
        is_name = _name_token_flags(doc)
        alone: set[str] = set()
        alone_runs: set[tuple[str, ...]] = set()  # "kata Eng Hian": a short name after a speech cue
        for i, w in enumerate(words):
            if not is_name[i]:
                continue
            # the neighbours' lower forms only around name words (a small share of the tokens)
            prev_low = words[i - 1].lower() if i > 0 else ""
            cue_before = i > 0 and (prev_low in lex["cues"] or prev_low == "menurut")
            if i > 0 and is_name[i - 1] and not cue_before:  # "Menurut Dewi": a capitalised cue
                continue
            if len(w) >= 3 and not (i + 1 < n and is_name[i + 1]) and (cue_before or (i + 1 < n and words[i + 1].lower() in lex["person_after"])):
                alone.add(w)  # "kata Burhan", "Burhan menyatakan": used alone as a person
            elif cue_before:
                e = i
                while e < n and is_name[e]:
                    e += 1
                if 2 <= e - i <= 3:
                    alone_runs.add(tuple(words[i:e]))
        if not alone and not alone_runs:
            return set()

        def opens_name(i: int, k: int) -> bool:
            return (i > 0 and (is_name[i - 1] or bool(_ACRONYM_TOKEN.match(words[i - 1])))
                    and all(words[x] not in lex["stop"] and not _common_word(words[x]) and words[x] not in _company_words()
                            for x in range(i, i + k))
                    and (self.place_of is None or not any(self.place_of(" ".join(words[i:i + m])) for m in (1, 2, 3))))

        runs_by_first: dict[str, list[tuple[str, ...]]] = {}  # the runs by their first word: no scan of all runs per token
        for r in alone_runs:
            runs_by_first.setdefault(r[0], []).append(r)
        out = set()
        for i, w in enumerate(words):
            # ("Sumatera" alone is no region, "Sumatera Utara" is)
            if w in alone and i + 1 < n and is_name[i + 1] and opens_name(i, 1):
                out.add(i)
            # "Kabid Binpres PBSI Eng Hian menyerahkan ... kata Eng Hian": the name is the run's last words
            elif w in runs_by_first and any(  # the look-up first: no generator made for every word
                    tuple(words[i:i + len(r)]) == r and (i + len(r) >= n or not is_name[i + len(r)]) and opens_name(i, len(r))
                    for r in runs_by_first[w]):
                out.add(i)
        return out

    # -- set annotations -----------------------------------------------------
    def _resolve(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        cands = self._split_model_titles(doc, cands)
        cands = self._wider_model_places(doc, cands)
        # a gazetteer place equal to a model span re-types it; a model ORG strictly containing it stays,
        # and so does a model PLACE that names the place more fully (_wider_model_places)
        wide = [c for c in cands if c.label == "PLACE" and c.source == "model" and c.priority == 2]
        chosen: list[_Cand] = []
        taken = [None] * len(doc)
        for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
            if any(taken[k] is not None for k in range(c.start, c.end)):
                continue
            if c.label == "PLACE" and c.source != "model":
                # model ORG strictly containing this place: keep the ORG
                if any(o.label == "ORG" and o.source == "model" and o.start <= c.start and c.end <= o.end
                       and (o.end - o.start) > (c.end - c.start) for o in cands):
                    continue
                if any(o.start <= c.start and c.end <= o.end for o in wide):
                    continue
            for k in range(c.start, c.end):
                taken[k] = c
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    @staticmethod
    def _wider_model_places(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """A model PLACE that strictly contains gazetteer places and adds only a level word in any case
        ("desa Kutuk", "kecamatan Gabus kota Semarang") or capitalised words of the name ("Gunung Lasem",
        "Pulau Kabaena", "Dataran Tinggi Golan", "New York City", "Kabupaten Pati Provinsi Jawa Tengah")
        names the place more fully than the gazetteer's piece: it wins (priority 2 marks it), and keeps
        the gazetteer's name when the extra words are only level words. Not when an extra word is an
        organisation or an institution's head ("Pemprov Jawa Barat" is an organisation)."""
        gaz = [c for c in cands if c.label == "PLACE" and c.source == "gazetteer"]
        if not gaz:
            return cands
        levels = _place_lex()["levels_any_case"]
        compass = _word_lex()["compass"]
        heads = {h[0] for h in _name_lex()["institutions"]}
        out = []
        for c in cands:
            if c.label == "PLACE" and c.source == "model" and c.end - c.start >= 2:
                inner = [g for g in gaz if c.start <= g.start and g.end <= c.end and g.end - g.start < c.end - c.start]
                if inner:
                    inside = {k for g in inner for k in range(g.start, g.end)}
                    words = doc_words(doc)
                    extra = [words[k] for k in range(c.start, c.end) if k not in inside]
                    if extra and all(
                            w.lower() in levels or (w in compass and words[c.end - 1] == w) or (w[:1].isupper() and w.isalpha() and not offices_mod.is_org_token(w)
                                                    and not _common_word(w) and w not in heads)
                            for w in extra):
                        nz = c.normalized
                        if nz is None and len(inner) == 1 and all(w.lower() in levels for w in extra):
                            nz = inner[0].normalized
                        c = _Cand(c.start, c.end, c.label, c.source, c.score, 2, nz)
            out.append(c)
        return out

    def _split_model_titles(self, doc: Doc, cands: list[_Cand]) -> list[_Cand]:
        """Model PERSON spans, corrected: one that begins with an office ("Wali Kota Iin") becomes
        OFFICE + PERSON; lower-case words at its edges are trimmed; one that is not a name by form
        (a common noun, a sentence-initial "Rinciannya", an acronym, a single letter) is dropped."""
        # in lower-cased text (some corpora, some scrapers) capitalisation says nothing: keep the model's spans
        words, sstart = doc_words(doc), doc_sent_starts(doc)
        lowered = not any(w[:1].isupper() for w in words)
        office_at: dict[int, _Cand] = {}
        for o in cands:
            if o.label == "OFFICE":
                for k in range(o.start, o.end):
                    office_at.setdefault(k, o)
        out = []
        for c in cands:
            if c.source == "model" and any(sstart[k] for k in range(c.start + 1, c.end)):
                continue  # "kantor desa. Tiap pos": a span across two sentences is no name
            if c.source == "model" and c.label in ("PLACE", "ORG") and not lowered and _not_a_name_by_form(doc, c.start, c.end, c.label):
                continue  # "pandangan mata Al kian", "selatan negara Yahudi": a phrase, not a name
            if (c.source == "model" and c.label == "PLACE" and c.end - c.start == 1 and words[c.start] in ("RI", "NKRI")
                    and c.start > 0 and _ACRONYM_TOKEN.match(words[c.start - 1])):
                continue  # "DPD RI", "KPU RI": part of an organisation's name
            if c.source == "model" and c.label == "PLACE" and not lowered and _in_event_name(doc, c.start, c.end):
                continue  # "Indonesia Open", "Liga Inggris", "Kejuaraan Asia": the name of a competition
            if c.source == "model" and c.label == "PLACE" and not lowered and _model_place_rejected(doc, c.start, c.end, self.place_of):
                continue  # "film berjudul Kampung Hantu", "karena GERD", "Sumirah (54)": not a place
            if c.source == "model" and c.label == "PLACE" and c.normalized is None and self.place_of is not None:
                nz = self.place_of(span_text(doc, c.start, c.end))  # "(AS)" -> "Amerika Serikat", as the gazetteer writes it
                if nz:
                    c = _Cand(c.start, c.end, c.label, c.source, c.score, c.priority, nz)
            if c.source == "model" and c.label == "PLACE" and not lowered and _acting_institution(doc, c.start, _name_lex()):
                c = _Cand(c.start, c.end, "ORG", c.source, c.score, c.priority)  # "Dinas Kesehatan menyatakan ..."
            if c.source == "model" and c.label in ("PLACE", "ORG") and not lowered and not any(
                    words[k][:1].isupper() or words[k][:1].isdigit() for k in range(c.start, c.end)):
                continue  # "sekujur", "lintasan", "gedung perkantoran": common nouns, not names of places
            if c.source == "model" and c.label == "PERSON":
                o = office_at.get(c.start)
                if o is not None:
                    if o.end < c.end:
                        c = _Cand(o.end, c.end, "PERSON", "model", c.score, c.priority)
                    else:
                        continue
                c = c if lowered else self._clean_person(doc, c)
                if c is None:
                    continue
            out.append(c)
        return out

    def _clean_person(self, doc: Doc, c: _Cand) -> _Cand | None:
        lex = _name_lex()
        wl = _word_lex()
        arabic_articles, arabic_article = wl["arabic_articles"], wl["arabic_article"]
        words, lowers, sstart = doc_words(doc), doc_lowers(doc), doc_sent_starts(doc)
        spaced = doc_spaces(doc)  # spaced[k]: doc[k].whitespace_ is not empty
        b, e = c.start, c.end

        def ok_tok(t: str) -> bool:
            return t[:1].isupper() or t in lex["particles"] or bool(arabic_article.match(t))

        def hyphen_in_name(k: int) -> bool:
            # "Catherine Zeta - Jones", "Jo-Wilfried Tsonga", "Yoon Eun-hye": a hyphen between two words of the name;
            # "Mohammed al-Ghoul" split at the hyphen: the Arabic article before it
            return (words[k] in _HYPHENS and c.start < k < c.end - 1 and words[k + 1][:1].isalpha()
                    and (words[k - 1][:1].isupper() and (words[k + 1][:1].isupper() or not spaced[k - 1])
                         or (lowers[k - 1] in arabic_articles and not spaced[k - 1]
                             and words[k + 1][:1].isupper())))

        def article_before_hyphen(k: int) -> bool:
            return (lowers[k] in arabic_articles and not spaced[k] and k + 1 < c.end
                    and hyphen_in_name(k + 1) and k > c.start)

        while b < e and (not ok_tok(words[b]) or words[b] in lex["particles"]):
            b += 1
        while e > b and not ok_tok(words[e - 1]):
            e -= 1
        while e - 1 > b and lowers[e - 1].rstrip(".") in lex["prefix"] and words[e - 1].isupper():
            e -= 1  # "Kampar AKBP": a police rank that opens the next name, no part of this one
        b = _skip_titles(doc, b, e, lex) if e > b else b
        while b < e - 1 and (offices_mod.is_org_token(words[b]) or words[b] in lex["stop"]):
            b += 1  # "Danantara Dony Oskaria": the organisation before the name
        if (b >= 2 and words[b - 1] == "-" and not spaced[b - 2] and not spaced[b - 1]
                and _NAME_TOKEN.match(words[b - 2]) and (b < 3 or not _NAME_TOKEN.match(words[b - 3]))):
            b -= 2  # "Jean-Paul van Gastel": a hyphenated first name, not a pair of names
        if e <= b:
            return None
        toks = [words[k] for k in range(b, e)]
        if any(not ok_tok(words[k]) and not hyphen_in_name(k) and not article_before_hyphen(k)
               and not (k > b and hyphen_in_name(k - 1) and words[k].isalpha()) for k in range(b, e)):
            return None
        names = [words[k] for k in range(b, e) if words[k] not in lex["particles"] and words[k] not in _HYPHENS
                 and not article_before_hyphen(k)]
        if all(t in lex["stop"] or _noun_not_name(t) for t in names):
            return None
        if sum(_noun_not_name(t) for t in names) * 2 > len(names) or offices_mod.is_org_token(names[0]):
            return None
        if any(t in _company_words() for t in names) or (b > 0 and words[b - 1] in wl["company_before"]):
            return None  # "Astra Honda Motor", "PT Bumi Resources": a company, club or medium
        v = b - 1
        while v > 0 and v >= b - 3 and words[v].lower().rstrip(".") in lex["prefix"]:
            v -= 1  # "Jalan Jenderal | Sudirman", "Stadion Kapten I | Wayan Dipta"
        if v >= 0 and words[v] in offices_mod.lexicon().venue_heads:
            return None  # "Jalan Veteran Klaten", "Stadion Gelora Bung Karno", "Bandara Sultan Hasanuddin": a venue
        if len(names) == 1:
            t = names[0]
            if (t,) in _aliases():
                return c
            if len(t.rstrip(".")) <= 2 or t.isupper() or t.lower().endswith(("nya", "kah", "ku", "mu")) or not _NAME_TOKEN.match(t):
                return None
            # a lone capitalised word opening a sentence is a name only if the text names it elsewhere
            # ... or a verb of persons follows it ("Andi mengatakan", "Eko menuturkan"); a text of one or two
            # sentences (a caption, a headline) has no "elsewhere": there the model's reading stands
            if (sstart[b] or (b > 0 and words[b - 1] in _OPEN)) and not _short_text(doc):
                if not any(w == t and k != b and not sstart[k] for k, w in enumerate(words)) \
                        and not self._agent_follows(doc, e, lex):
                    return None
        if self.place_of is not None and self.place_of(" ".join(toks)):
            return None
        if (len(names) >= 2 and self.place_of is not None
                and (self.place_of(names[-1]) or "").startswith(("Kota ", "Kabupaten "))):
            return None  # "RSI Sultan Agung Semarang", "Veteran Klaten": an institution of a city, not a person
        return c if (b, e) == (c.start, c.end) else _Cand(b, e, "PERSON", c.source, c.score, c.priority)

    def __call__(self, doc: Doc) -> Doc:
        cands = self._candidates(doc)
        chosen = self._resolve(doc, cands)
        # an organisation the model found inside an office ("Ketua Umum | Partai Golkar") stays a
        # mention of its own, nested in the OFFICE span (doc.spans, not doc.ents, which cannot overlap)
        offices = [c for c in chosen if c.label == "OFFICE"]
        chosen_set = set(chosen)
        nested = []
        for c in cands:
            # a model organisation, or a gazetteer place: the office's jurisdiction ("Gubernur | Jawa Timur",
            # "Duta Besar RI untuk | Tiongkok") is a place the article names, as the scorer and users count places
            if not ((c.label == "ORG" and c.source in ("model", "rule")) or (c.label == "PLACE" and c.source == "gazetteer")):
                continue
            if c in chosen_set or not any(o.start <= c.start and c.end <= o.end for o in offices):
                continue
            sp = Span(doc, c.start, c.end, label=c.label)
            u = sp._  # one accessor object per span, not one per attribute
            u.source, u.score, u.normalized = c.source, c.score, c.normalized
            nested.append(sp)
        nested.extend(self._jurisdiction_places(doc, offices, {(sp.start, sp.end) for sp in nested}))
        bodies = self._region_of_bodies(doc, [c for c in chosen if c.label == "ORG"],
                                        {(c.start, c.end): c for c in cands if c.label == "PLACE" and c.source == "model"})
        nested.extend(bodies)
        doc.spans[NESTED_KEY] = nested
        # the regions that were places of their own until the rules read a body around them ("Satreskrim Polresta |
        # Pekanbaru", the model having missed the unit): pipeline.events still takes them for the sentence's places
        rule_orgs = [c for c in chosen if c.label == "ORG" and c.source == "rule"]
        displaced = [(c.start, c.end) for c in cands if c.label == "PLACE" and c not in chosen_set
                     and any(o.start <= c.start and c.end <= o.end for o in rule_orgs)] if rule_orgs else []
        doc.spans[DISPLACED_PLACES_KEY] = [sp for sp in bodies if any(a < sp.end and sp.start < z for a, z in displaced)]
        spans = []
        for c in chosen:
            sp = Span(doc, c.start, c.end, label=c.label)
            u = sp._  # one accessor object per span, not one per attribute
            u.source = c.source
            u.score = c.score
            u.normalized = c.normalized
            u.office = c.office
            spans.append(sp)
        retyped: set[tuple[int, int]] = set()
        if any(s.label_ != "PERSON" and s._.source == "model" for s in spans):
            spans = self._document_persons(doc, spans, retyped)
        self._link_persons(doc, spans, retyped)
        # in lower-cased text capitalisation says nothing; in a text of one or two sentences (a caption,
        # a corpus sentence) a name need not be introduced in full
        if any(w[:1].isupper() for w in doc_words(doc)) and not _short_text(doc):
            spans = self._drop_lone_model_names(doc, spans)
        doc.ents = spans
        return doc

    def _jurisdiction_places(self, doc: Doc, offices: list["_Cand"], taken: set[tuple[int, int]]) -> list[Span]:
        """The region an office names ("Gubernur | Jawa Timur", "Kapolres | Kampar") as a PLACE mention
        nested in the OFFICE one: the article names that place, and a reader counting places (the
        scorer too) looks for it among the mentions, not in the roles' jurisdiction column."""
        out = []
        if self.place_of is None:
            return out
        text = doc_text(doc)
        for o in offices:
            jur = getattr(o.office, "jurisdiction", None)
            nz = self.place_of(jur) if jur else None
            if not nz and jur and jur.endswith((" Kota", " Kabupaten")):
                jur = jur.rsplit(" ", 1)[0]  # "Kasat Reskrim Polres | Bogor | Kota": the police name the city part so
                nz = self.place_of(jur)
            if not nz:
                continue
            sc, ec = doc[o.start].idx, doc[o.end - 1].idx + len(doc[o.end - 1])
            at = text.rfind(jur, sc, ec)
            sp = doc.char_span(at, at + len(jur), label="PLACE") if at >= 0 else None
            if sp is None or (sp.start, sp.end) in taken:
                continue
            u = sp._
            u.source, u.score, u.normalized = "gazetteer", 0.9, nz
            out.append(sp)
        return out

    def _region_of_bodies(self, doc: Doc, orgs: list["_Cand"], model_places: dict | None = None) -> list[Span]:
        """The region of a government body of one region ("Kejati | Sumsel", "Polres | Kampar", places.json
        ``jurisdiction_org_heads``) as a PLACE mention nested in the ORG one, as for offices; a club,
        bank or university named after a place ("Persib Bandung") names no place it is in. A region the
        gazetteer does not know is nested where the model reads it as a place ("Polres | Polman")."""
        out = []
        if self.place_of is None or not orgs:
            return out
        pl = _place_lex()
        heads = pl["body_heads"]
        words = doc_words(doc)
        for c in orgs:
            for k in (2, 1):  # "Pemerintah Kota | Surabaya", "Polres | Kampar"
                if c.end - c.start > k and tuple(words[c.start:c.start + k]) in heads:
                    a, z = c.start + k, c.end
                    if a + 2 < z and _UNIT_NUMBER.fullmatch(words[a]) and words[a + 1] == "/":
                        a += 2  # "Kodim 0505/ | Jakarta Timur"
                    if a < z - 1 and words[a] in pl["unit_prefixes"]:
                        a += 1  # "Polres Metro | Jakarta Selatan"
                    if z - a >= 2 and words[z - 1] in ("Kota", "Kabupaten") and not self.place_of(span_text(doc, a, z)):
                        z -= 1  # "Polres | Tasikmalaya | Kota": the police name the city part so
                    sp = Span(doc, a, z, label="PLACE")
                    nz = self.place_of(sp.text)
                    mp = (model_places or {}).get((a, z))
                    if nz or mp is not None:
                        u = sp._
                        u.source, u.score, u.normalized = ("gazetteer", 0.9, nz) if nz else ("model", mp.score, mp.normalized)
                        out.append(sp)
                    break
        return out

    def _drop_lone_model_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A single capitalised word that only the model calls a person, once, with nothing around it
        that says "person" ("Melansir Coinmarketcap", "28.000 butir Eximer", "... Brisbane, Darwin, ..."),
        is more often a brand, product or foreign place than a name: drop it. It stays when it links to a
        full name, is a known nickname, recurs as a person, or has a person cue beside it ("bernama Sami",
        "AW alias Bowo (23)", "Tri bilang", "Prabowo-Gibran")."""
        persons = [s for s in spans if s.label_ == "PERSON"]
        counts: dict[str, int] = {}
        for s in persons:
            nz = s._.normalized
            counts[nz] = counts.get(nz, 0) + 1
        lex = _name_lex()
        keep = []
        for s in spans:
            if s.label_ == "PERSON":
                u = s._  # one accessor object per span, not one per attribute read
                if (u.source == "model" and len(s) == 1 and " " not in u.normalized
                        and counts[u.normalized] == 1 and (s.text,) not in _aliases()
                        and not self._person_cue(doc, s, persons, lex)):
                    continue
            keep.append(s)
        return keep

    @staticmethod
    def _agent_follows(doc: Doc, e: int, lex: dict) -> bool:
        """A verb of persons, or an active verb, after token ``e`` (adverbs skipped): "Andi mengatakan",
        "Barata juga mengatakan", "Machica bahkan mengajak"."""
        k = e
        adverbs = _word_lex()["adverbs"]
        while k < len(doc) and k - e < 2 and doc[k].lower_ in adverbs:
            k += 1
        if k >= len(doc):
            return False
        w = doc[k].lower_
        return w in lex["person_after"] or bool(_ACTIVE_VERB.match(w))

    @staticmethod
    def _person_cue(doc: Doc, s: Span, persons: list[Span], lex: dict) -> bool:
        prev = doc[s.start - 1] if s.start > 0 else None
        nxt = doc[s.end] if s.end < len(doc) else None
        if prev is not None and (prev.lower_ in lex["person_before"] or prev.lower_.rstrip(".") in lex["prefix"]):
            return True
        if nxt is not None:
            if nxt.lower_ in lex["person_after"]:
                return True
            if nxt.text == "(" and s.end + 1 < len(doc) and (doc[s.end + 1].like_num or _NAME_TOKEN.match(doc[s.end + 1].text)):
                return True  # "Bowo (23)", "Alwi (Farhan)"
        for o in persons:  # joined to another person: "Prabowo-Gibran", "Rinov/Pitha"
            if o is s:
                continue
            gap = doc[o.end:s.start] if o.end <= s.start else doc[s.end:o.start]
            if len(gap) == 1 and gap[0].text in ("-", "/", "&", "dan"):
                return True
        return False

    def _document_persons(self, doc: Doc, spans: list[Span], retyped: set[tuple[int, int]]) -> list[Span]:
        """One name, one reading per article: a model ORG or PLACE span whose words the article uses as
        a person's name is that person. The words' other occurrences on their own (not inside a longer
        capitalised run) are weighed: strong cues before them (a speech cue, "ujar Mistari"; a naming word,
        "disapa Ipunk"; an honorific or rank, "Pak Jayadi") or after them (an age, "(64)"), an office in
        apposition ("Kepala Sekolah SDN 3, | Masfupah, | menyebutkan", "Casmari, Kepala Desa ...", worth
        two), weak cues (a speech verb or a verb of persons after, "Mistari mengatakan": organisations speak
        too), and how often they are a PERSON. They are a person's name with a strong cue and a PERSON
        reading (no fewer than the organisation readings without a cue), two strong cues, a strong cue and
        two weak ones (one for a rare word), or the model's own majority (three PERSON readings, more than
        twice the others, and a verb of persons somewhere: "Toprak" nine times, ORG once). A span of
        several words is a person when so are its words, or its first or last word by cues or a larger
        majority ("Toprak Razgatlioglu"). Cue words that stand beside organisations as often ("tulis Meta",
        "Menurut BPS", "bernama") are no cues (names.json person_cues org_shared). No retyping where the
        words show an organisation or a place: a company's or an institution's word, a well-known
        organisation or a word of one, an acronym, a brand's shape, a gazetteer place, a venue or a title
        inside ("Simpang Kolonel Masturi"), a word that stands after "PT"/"klub"/"merek"/"saham" anywhere in
        the article (words.json org_context_before), a longer model organisation with such a word around
        them, a place after "di"/"ke"/"dari", or one word that is a frequent word ("Merah"). The word
        before a hyphen ("Sosio-Legal") is no name. A retyped word followed by the rest of a longer person
        name of the article takes that name. ``retyped`` gets the (start, end) of each retyped span."""
        lex = _name_lex()
        cl = _doc_person_lex()
        words, lowers, sstart = doc_words(doc), doc_lowers(doc), doc_sent_starts(doc)
        n = len(words)
        is_name = _name_token_flags(doc)
        cover: list[Span | None] = [None] * n
        for s in spans:
            for k in range(s.start, s.end):
                cover[k] = s
        text = doc_text(doc)
        starts = doc_starts(doc)
        place_prepositions = _word_lex()["place_prepositions"]

        def titled(k: int) -> bool:
            return words[k][:1].isupper() and lowers[k].rstrip(".") in cl["office_titles"]

        def whole(i: int, j: int) -> bool:
            """Words i..j stand on their own: no name word glued before or after them (an office or a
            title before them is no part of the name)."""
            if i > 0 and not sstart[i] and is_name[i - 1]:
                c = cover[i - 1]
                if not (titled(i - 1) or (c is not None and c.label_ == "OFFICE") or words[i - 1] in lex["stop"]
                        or lowers[i - 1] in cl["before"] or lowers[i - 1] in cl["shared"]):  # "Menurut | Ucok"
                    return False
            if j < n and words[j] == "-" and starts[j] == starts[j - 1] + len(words[j - 1]):
                return False  # "Sosio-Legal": the first part of a hyphenated compound is no name of its own
            return j >= n or not is_name[j]

        def office_before(k: int) -> bool:
            """An OFFICE span ends at token k, or a list of places after one does ("Kepala Desa X,
            Kecamatan Y, Kabupaten Z, | name")."""
            steps = 0
            while k >= 0 and steps < 16:
                c = cover[k]
                if c is not None and c.label_ == "OFFICE":
                    return True
                if words[k] == ",":
                    k -= 1
                elif c is not None and c.label_ == "PLACE":
                    k = c.start - 1
                else:
                    return False
                steps += 1
            return False

        def office_has_holder(k: int) -> bool:
            """A PERSON follows the office ending at token k (after a comma or titles)."""
            for k in range(k, min(n, k + 4)):
                c = cover[k]
                if c is not None and c.label_ == "PERSON":
                    return True
                if not (words[k] == "," or lowers[k].rstrip(".") in cl["titles"]):
                    return False
            return False

        def cue(i: int, j: int) -> tuple[int, int]:
            """What the context of words i..j says about a person: (strong, weak). Strong: an office in
            apposition (worth 2), a speech cue, a naming word or a title before, an age after; weak: a
            speech verb or a verb of persons after (organisations speak too)."""
            if i > 0 and words[i - 1] == "," and office_before(i - 2) and j < n and (
                    words[j] == "." or lowers[j] in cl["after"]
                    or (words[j] == "," and j + 1 < n and lowers[j + 1] not in cl["coordinators"])):
                return 2, 0  # "Kepala Sekolah SDN 3, Masfupah, menyebutkan"
            o = cover[j + 1] if j + 1 < n and words[j] == "," else None
            if o is not None and o.label_ == "OFFICE" and o.start == j + 1 and not office_has_holder(o.end):
                return 2, 0  # "Casmari, Kepala Desa ..." (not "X, Direktur Utama BPJS, Prof. Ali": that office's holder follows)
            if i > 0 and (words[i - 1] in cl["before"]  # lower case: "ujar Mistari", "disapa Ipunk" (not "Kisah | Puncak ...")
                          or (words[i - 1][:1].isupper() and lowers[i - 1].rstrip(".") in cl["titles"])):
                return 1, 0  # "Pak Jayadi", "Kompol Iwan" (not "kapten | Setan Merah", "Analis | Crypto Quant")
            end = starts[j - 1] + len(words[j - 1])
            if _AGE_AFTER.match(text, end):
                return 1, 0  # "Santer Jones (64)"
            k = j
            while k < n and k - j < 2 and lowers[k] in cl["adverbs"]:
                k += 1
            return 0, int(k < n and lowers[k] in cl["after"])  # "Mistari mengatakan", "Ipunk juga menjelaskan"

        firsts: dict[str, list[int]] = {}
        for k, w in enumerate(words):
            if is_name[k]:
                firsts.setdefault(w, []).append(k)
        memo: dict[tuple[tuple[str, ...], bool], bool] = {}

        def used_as_person(key: tuple[str, ...], cued_only: bool = False) -> bool:
            """The article uses ``key`` as a person's name (see the docstring); ``cued_only``: by cues, not
            by the model's majority alone."""
            if (key, cued_only) in memo:
                return memo[key, cued_only]
            persons = strong = weak = others = model_persons = 0
            agent = False
            for i in firsts.get(key[0], ()):
                j = i + len(key)
                if tuple(words[i:j]) != key or not whole(i, j):
                    continue
                c = cover[i]
                exact = c is not None and c.start == i and c.end == j
                st, wk = cue(i, j)
                strong += st
                weak += wk
                agent = agent or bool(st or wk) or self._agent_follows(doc, j, lex)
                if exact and c.label_ == "PERSON":
                    persons += 1
                    model_persons += c._.source == "model"
                elif exact and c.label_ in ("ORG", "PLACE") and not st:
                    others += 1
            low = key[-1].lower()
            if len(key) == 1 and _zipf(low, "id") >= 4.5:
                memo[key, cued_only] = False
                return False  # "Tua" of "Si Nyonya Tua", "Merah": a frequent word, no name on its own
            rare = max(_zipf(low, "id"), _zipf(low, "en")) < 3.0
            ok = bool((strong and persons and persons + strong >= others) or strong >= 2
                      or (strong and (weak >= 2 or (weak and rare))))
            if not ok and agent:  # the model's own majority, with a verb of persons somewhere
                ok = (model_persons >= 4 and model_persons > 3 * others) if cued_only else (
                    model_persons >= 3 and model_persons > 2 * others)
            memo[key, cued_only] = ok
            return ok

        model_orgs = [e for e in doc.ents if e.label_ == "ORG"]
        venue_heads = offices_mod.lexicon().venue_heads
        context_org: set[str] = set()
        for k in range(1, n):
            if lowers[k - 1] in cl["org_before"] or words[k - 1] in cl["org_before_cased"]:
                context_org.add(words[k])

        def org_evidence(a: int, z: int) -> bool:
            toks = words[a:z]
            for w in toks:
                if w in lex["particles"]:
                    continue
                if (not _NAME_TOKEN.match(w) or w in lex["stop"] or _common_word(w) or w in _company_words()
                        or w in cl["org_words"] or _BRAND.match(w) or _ACRONYM_TOKEN.match(w) or w in context_org):
                    return True
            if tuple(toks) in offices_mod.lexicon().orgs:
                return True
            if self.place_of is not None and (self.place_of(" ".join(toks)) or any(self.place_of(w) for w in toks)):
                return True
            if a > 0 and (words[a - 1] in _word_lex()["company_before"]):
                return True
            v = a - 1
            while v > 0 and a - v <= 3 and lowers[v].rstrip(".") in cl["titles"]:
                v -= 1  # "Jalan Kolonel | Masturi"
            if any(w in venue_heads for w in toks) or (v >= 0 and words[v] in venue_heads):
                return True  # "Stadion Gelora Bung Karno", "Jalan Kolonel | Masturi": a venue
            if any(lowers[k].rstrip(".") in cl["office_titles"] for k in range(a + 1, z)):
                return True  # "Simpang Kolonel Masturi": a place named after a titled person
            for e in model_orgs:  # "Toprak" inside "Yamaha Toprak Racing": a team's name
                if e.end - e.start > z - a and any(words[k:k + z - a] == toks for k in range(e.start, e.end - (z - a) + 1)):
                    if any(_common_word(w) or w in _company_words() or w in cl["org_words"] for w in words[e.start:e.end]):
                        return True
            return False

        # the article's longer names of persons: a retyped first word followed by the rest of one of them
        # ("Ahli Hukum | Chandra | M Hamzah memandang") is that full name
        longer = sorted({tuple(words[s.start:s.end]) for s in spans if s.label_ == "PERSON" and len(s) > 1}, key=len, reverse=True)
        out = []
        absorbed: set[int] = set()  # the rest of a name a retyped first word takes ("M Hamzah")
        for s in spans:
            if id(s) in absorbed:
                continue
            if s.label_ not in ("ORG", "PLACE") or s._.source != "model" or len(s) > 4:
                out.append(s)
                continue
            a, z = s.start, s.end
            while a < z - 1 and lowers[a].rstrip(".") in cl["titles"]:
                a += 1  # "Sdr. Faisal": the name after the title
            key = tuple(words[a:z])
            if (not whole(a, z) or (s.label_ == "PLACE" and a > 0 and lowers[a - 1] in place_prepositions)
                    or key[0] in lex["particles"] or org_evidence(a, z)):
                out.append(s)
                continue
            if not (used_as_person(key) or (len(key) >= 2 and (used_as_person(key[:1], True) or used_as_person(key[-1:], True)))):
                out.append(s)
                continue
            for p in longer:
                m = a + len(p)
                if len(p) > z - a and tuple(words[a:m]) == p and all(
                        cover[k] is None or (cover[k].label_ == "PERSON" and cover[k].start >= z and cover[k].end <= m)
                        for k in range(z, m)):
                    absorbed.update(id(cover[k]) for k in range(z, m) if cover[k] is not None)
                    z = m
                    break
            sp = Span(doc, a, z, label="PERSON")
            u = sp._
            u.source, u.score = "rule", 0.85
            out.append(sp)
            retyped.add((a, z))
        return out

    def _link_persons(self, doc: Doc, spans: list[Span], retyped: frozenset | set = frozenset()) -> None:
        """Give every PERSON span the full name it refers to in this article. A nickname introduced as
        one ("pria yang akrab disapa Ipunk", "Bupati Iron, sapaan akrabnya", "Haerul Warisin (Iron)")
        is the full name before it in all its mentions. A short form shared by two full names goes to
        the latest of them, but not to a name the model read as no person (``retyped``) where another
        full name has it ("Beckham" of David, not of a retyped "Victoria Beckham")."""
        from .dedupe import display_name

        lex = _name_lex()
        persons = [s for s in spans if s.label_ == "PERSON"]
        names = [_aliases().get(tuple(text.split())) or _INITIAL_DOT.sub(r"\1", display_name(text)).strip(" ()[]\"'“”,.")
                 for text in (span_text(doc, s.start, s.end) for s in persons)]  # s.text, cut from the cached text
        full: list[str] = []
        alias: dict[str, str] = self._nicknames(doc, persons, names)  # "Gus Ipul" -> "Saifullah Yusuf", from "Saifullah Yusuf (Gus Ipul)"
        retyped_names: set[str] = set()
        prev: Span | None = None
        pu = None  # prev._, kept: one accessor object per span, not one per attribute read or write
        for s, name in zip(persons, names):
            u = s._
            u.normalized = name
            if prev is not None and name != pu.normalized:
                between = span_text(doc, prev.end, s.start).lower()
                in_parens = between == "(" and s.end < len(doc) and doc_words(doc)[s.end] == ")"
                if len(pu.normalized.split()) > 1:
                    if in_parens or _ALIAS_BETWEEN.fullmatch(between):  # "Saifullah Yusuf (Gus Ipul)", "M Fauzi alias Pablo"
                        alias[name] = pu.normalized
                elif in_parens and len(name.split()) > 1:  # "Ubed (Moh. Zaki Ubaidillah)": the nickname comes first
                    alias[pu.normalized] = name
                    pu.normalized = pu.person_key = name
            prev, pu = s, u
            if name in alias:
                u.normalized = u.person_key = alias[name]
                continue
            toks = name.split()
            # a short form ("Iin") refers to the latest full name introduced before it that contains it
            if len(toks) == 1:
                cands = [f for f in reversed(full) if toks[0] in f.split()]
                firm = [f for f in cands if f not in retyped_names]
                if cands:
                    u.normalized = (firm or cands)[0]
            elif name not in full:
                # a longer form of an earlier short mention upgrades nothing retroactively; keep order
                full.append(name)
                if (s.start, s.end) in retyped:
                    retyped_names.add(name)
            elif (s.start, s.end) not in retyped:
                retyped_names.discard(name)
            u.person_key = u.normalized
        # short forms that no rule or model caught: "Iin menyatakan ..." after "Iin Mutmainah"
        covered = set()
        for s in spans:
            covered.update(range(s.start, s.end))
        # a word the article tags as a gazetteer place or a well-known organisation more often than as a
        # person on its own ("Iran" after a wrong "Garda Revolusi Iran", "Apple") is no short form of a
        # person's name, unless the model reads it inside a person's name (it takes "Purbaya" or "Quiles"
        # for places and organisations too: those stay short forms)
        other: dict[str, int] = {}
        strong: set[str] = set()
        org_tokens = offices_mod.lexicon().org_tokens
        for s in spans:
            if len(s) == 1 and s.label_ in ("PLACE", "ORG"):
                t = s.text
                other[t] = other.get(t, 0) + 1
                if s._.source == "gazetteer" or t in org_tokens:
                    strong.add(t)
        not_short: set[str] = set()
        if strong:
            for s in persons:
                if len(s) == 1 and s.text in other:
                    other[s.text] -= 1
            ws = doc_words(doc)
            in_model_names = {w for e in doc.ents if e.label_ == "PERSON" for w in ws[e.start:e.end]}
            not_short = {t for t in strong if other[t] >= 2 and t not in in_model_names}
        tok_to_full: dict[str, str] = {a: f for a, f in alias.items() if " " not in a and len(a) >= 3 and a not in not_short}
        for f in full:
            for t in f.split():
                if len(t) >= 3 and t not in lex["stop"] and t.lower() not in lex["prefix"] and t not in not_short:
                    tok_to_full.setdefault(t, f)
        first_pos = {}
        for s in persons:
            first_pos.setdefault(s._.normalized, s.start)
        for s in persons:  # a one-word name a rule found ("manajer Gustiwiw, Pinkan,") is its own full form
            if (len(s) == 1 and s._.source == "rule" and " " not in s._.normalized and len(s.text) >= 3
                    and s.text not in not_short):
                tok_to_full.setdefault(s.text, s._.normalized)
        # a one-word place (or model organisation) that is a word of a person's name in this article, not after "di"/"ke"/"dari",
        # is that person ("Purbaya menilai ...", "Menurut penuturan Pinkan"): the model or a foreign-city
        # list took it for a place ("Lisbon meluruskan")
        place_at = {s.start: s for s in spans if len(s) == 1 and s._.source != "rule" and (
            s.label_ == "PLACE" or (s.label_ == "ORG" and s._.source == "model" and not s.text.isupper()
                                    and not offices_mod.is_org_token(s.text)))}  # ... or an organisation ("Purbaya" as ORG)
        if tok_to_full:
            words, lowers, sstart = doc_words(doc), doc_lowers(doc), doc_sent_starts(doc)
            n = len(words)
            place_prepositions = _word_lex()["place_prepositions"]
            for i, w in enumerate(words):
                f = tok_to_full.get(w)
                if f is None or first_pos.get(f, 10**9) > i:
                    continue
                pl = place_at.get(i) if i in covered else None
                if i in covered and (pl is None or (i > 0 and lowers[i - 1] in place_prepositions)):
                    continue
                nxt = words[i + 1] if i + 1 < n else ""
                prv = words[i - 1] if i > 0 else ""
                if _NAME_TOKEN.match(nxt) or _NAME_TOKEN.match(prv) and not sstart[i]:
                    continue  # part of another capitalised name
                if pl is not None:
                    spans.remove(pl)  # the one-word place becomes the person
                sp = Span(doc, i, i + 1, label="PERSON")
                u = sp._
                u.source, u.score, u.normalized, u.person_key = "rule", 0.85, f, f
                spans.append(sp)
                covered.add(i)
        spans.sort(key=lambda s: s.start)
        doc._.persons = sorted({s._.person_key for s in spans if s.label_ == "PERSON"})

    @staticmethod
    def _nicknames(doc: Doc, persons: list[Span], names: list[str]) -> dict[str, str]:
        """Nicknames the article introduces, nickname -> full name (names.json nickname_cues): a name after
        a nickname cue ("yang akrab disapa | Ipunk", "sapaan akrabnya | Ipunk", "alias | Pablo") or before
        one ("Iron, sapaan akrabnya") is the person named last before it, within the sentence or the one
        before, when that name is a full one (two words or more, or the short form of one); "Indram,
        sapaan akrab | Indra Mardiatna": the name before the comma is the nickname. A name in parentheses
        right after a full name ("Haerul Warisin (Iron)") is that name. A nickname sharing a word with a
        full name of the article ("Bunda Maia" beside "Maia Estianty") is left to the short-form links.
        ``names``: the persons' names as ``_link_persons`` writes them."""
        if len(persons) < 2:
            return {}
        cues = load_resource("names")["nickname_cues"]
        before, adverbs, after = set(cues["before"]), set(cues["before_adverbs"]), set(cues["after"])
        needs_adverb = set(cues["needs_adverb"])
        words, lowers, sstart = doc_words(doc), doc_lowers(doc), doc_sent_starts(doc)
        n = len(words)
        fulls = [f for f in names if len(f.split()) > 1]

        def full_of(f: str) -> str | None:
            if len(f.split()) > 1:
                return f
            return next((g for g in fulls if f in g.split()), None)

        def near(a: int, b: int) -> bool:  # tokens a < b within one sentence or two neighbouring ones
            return sum(1 for k in range(a + 1, b + 1) if sstart[k]) <= 1

        heads, speech_cues = set(cues["heads"]), set(load_resource("speech")["cue_after"])

        def attached(k: int, x: int) -> bool:
            """The cue at token k speaks of the name before it: "Immanuel yang akrab disapa", "Sinaga atau
            akrab disapa", "Endang (41) alias", or of the speaker or the subject ("kata pria yang akrab
            disapa", "Wanita yang akrab disapa ... itu")."""
            if x == 0:
                return False
            pe = persons[x - 1].end
            p = k - 1
            while p >= 0 and lowers[p] in adverbs:
                p -= 1
            if p >= 0 and lowers[p] in ("yang", "atau"):
                if pe == p:
                    return True
                h = p - 1
                return (lowers[p] == "yang" and h >= 0 and lowers[h] in heads
                        and (h == 0 or sstart[h] or lowers[h - 1] in speech_cues
                             or (h >= 2 and words[h - 1].islower() and words[h - 2] in _CLOSING_QUOTES)))
            between = words[pe:p + 1]
            return not between or (len(between) == 3 and between[0] == "(" and between[1].isdigit() and between[2] == ")")

        out: dict[str, str] = {}
        for x, s in enumerate(persons):
            nick = names[x]
            k = s.start - 1
            while k >= 0 and s.start - k <= 3 and lowers[k] in adverbs:
                k -= 1  # "akrab disapa", "sapaan akrabnya"
            cued = k >= 0 and lowers[k] in before and (lowers[k] not in needs_adverb or (k > 0 and lowers[k - 1] in adverbs))
            if cued and k >= 2 and words[k - 1] == "," and x > 0 and persons[x - 1].end == k - 1:
                # "Indram, sapaan akrab Indra Mardiatna": the name before the comma is the nickname
                target, nick = full_of(nick), names[x - 1]
                if target is not None and nick not in out and not set(nick.split()) & set(target.split()):
                    out[nick] = target
                continue
            if len(nick.split()) > 2:
                continue
            if cued and not attached(k, x):
                cued = False  # "asistennya yang akrab disapa Mail", "N alias Jack": not the name before
            if not cued and s.end + 2 < n and words[s.end] == "," and lowers[s.end + 1] in after and lowers[s.end + 2] in adverbs:
                cued = True  # "Iron, sapaan akrabnya" (not "Jorji, sapaan pemain tunggal putri")
            paren = (s.start > 0 and words[s.start - 1] == "(" and s.end < n and words[s.end] == ")" and x > 0
                     and persons[x - 1].end == s.start - 1 and len(names[x - 1].split()) > 1)
            if paren:
                target = names[x - 1]
            elif cued and x > 0 and (near(persons[x - 1].start, s.start) or lowers[s.start - 1] in before):
                # the name before, in this sentence or the last; before "pria yang akrab disapa" (the speaker,
                # the subject), the person named last before it
                target = full_of(names[x - 1])
            else:
                continue
            if target is None or nick in out or set(nick.split()) & {w for f in fulls for w in f.split()}:
                continue  # "Iin Mutmainah (Iin)", "Bunda Maia" beside "Maia Estianty": short forms
            out[nick] = target
        return out

    def to_disk(self, path, *, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=()):
        return self


# --------------------------------------------------------------------------- loading


def _add_name_pair_infix(nlp: Language) -> None:
    """Split "Prabowo-Gibran" / "Subianto-Gibran" (a pair of names) at the hyphen."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[a-z]{2})-(?=[A-Z][a-z]{2})(?!ndang)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # honorifics and abbreviations keep their period: "Ir. H. Slamet", "Jl. Sudirman", "Kec. Cilodong"
    for abbr in load_resource("words")["token_abbreviations"]:
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])


_PUNCT_RUN = re.compile(r"[^\w\s]{64,}")


class GuardedTokenizer:
    """spaCy's tokenizer, guarded against long runs of punctuation (10,000 quote marks in a row),
    on which its affix search is quadratic: such a run becomes one token per character.

    It also keeps spaCy's cache of split words working. spaCy remembers how it split each
    whitespace-delimited chunk, but once one chunk of a text is a special case it saves no further
    chunk of that text (the flag behind spaCy issue #1250 is per text, not per chunk). Indonesian has
    about 16,000 special cases, so after the first few words of an article every chunk went through the
    affix regexes again: 3.8 ms of the 3.9 ms per article. A chunk not met before is therefore first
    tokenised on its own, which caches it unless it is itself special; the whole text then goes through
    spaCy as before and finds its chunks in the cache. The tokens are spaCy's own: a cached chunk is what
    splitting it again gives, and the special-case matcher still runs over the whole text."""

    WARM_LIMIT = 200_000  # chunks remembered per process (about 20 MB as a set of str); later new chunks are just not pre-cached

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self._warmed: set[str] = set()
        # spaCy stops caching at max_cache_size entries (10,000 by default): room for every warmed chunk
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, 2 * self.WARM_LIMIT)

    def _warm(self, text: str) -> None:
        """Tokenise each chunk of ``text`` not met before on its own, so that spaCy caches it."""
        warmed = self._warmed
        if len(warmed) >= self.WARM_LIMIT:
            return
        tokenizer = self.tokenizer
        for chunk in text.split():
            if chunk not in warmed:
                warmed.add(chunk)
                tokenizer(chunk)

    def __call__(self, text: str) -> Doc:
        if not _PUNCT_RUN.search(text):
            self._warm(text)
            doc = self.tokenizer(text)
            # spaCy's tokens give back their text exactly (non-destructive tokenisation): keep it for
            # doc_text, so that no component has the Doc join it from every token again
            doc.user_data["_text"] = text
            return doc
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0

        def add(doc: Doc) -> None:
            for t in doc:
                words.append(t.text)
                spaces.append(bool(t.whitespace_))

        for m in _PUNCT_RUN.finditer(text):
            if m.start() > pos:
                add(self.tokenizer(text[pos:m.start()]))
            for ch in m.group(0):
                words.append(ch)
                spaces.append(False)
            if m.end() < len(text) and text[m.end()] == " ":
                spaces[-1] = True
                pos = m.end() + 1
            else:
                pos = m.end()
        if pos < len(text):
            add(self.tokenizer(text[pos:]))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if doc.text != text:  # whitespace the pieces could not express: fall back to spaCy
            return self.tokenizer(text)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for t in texts:
            yield self(t)

    def to_disk(self, path, **kw):
        self.tokenizer.to_disk(path, **kw)

    def from_disk(self, path, **kw):
        self.tokenizer.from_disk(path, **kw)
        return self

    def to_bytes(self, **kw):
        return self.tokenizer.to_bytes(**kw)

    def from_bytes(self, data, **kw):
        self.tokenizer.from_bytes(data, **kw)
        return self


def model_available(path: Path = MODEL_DIR) -> bool:
    return (Path(path) / "config.cfg").exists() and (Path(path) / "ner").exists()


def load_nlp(model: str | Path | None = "default", use_gazetteer: bool = True, backend: str | None = None) -> Language:
    """The project's pipeline: blank Indonesian + sentencizer + trained NER (if shipped) + rules.

    ``model="default"`` uses ``models/ner`` when present; ``None`` runs rules only.
    ``backend``: ``"spacy"`` (default) or ``"stanza"`` (tokens, POS and lemmas from stanza's
    Indonesian models on disk; see :mod:`pipeline.stanza_backend`); the environment variable
    ``PIPELINE_BACKEND`` sets the default, so worker processes inherit the choice.
    """
    import os

    _ensure_extensions()
    backend = backend or os.environ.get("PIPELINE_BACKEND") or "spacy"
    nlp = spacy.blank("id")
    _add_name_pair_infix(nlp)
    if backend == "stanza":
        from .stanza_backend import StanzaTokenizer

        nlp.tokenizer = StanzaTokenizer(nlp.vocab)
    elif backend == "spacy":
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    else:
        raise ValueError(Errors.E103.format(backend=backend))
    nlp.add_pipe("indo_sentencizer")
    path = MODEL_DIR if model == "default" else (Path(model) if model else None)
    if path is not None and model_available(path):
        _add_trained_ner(nlp, path)
    nlp.add_pipe("indo_entities", config={"use_gazetteer": use_gazetteer})
    return nlp


class CachedFloretVectors(Vectors):
    """spaCy's floret ``Vectors`` with a bounded cache of each word's vector.

    spaCy's floret ``get_batch`` hashes every character n-gram of every distinct word of each
    batch, again for each batch (about a sixth of the NER's time on news text). Words repeat
    across batches, so their vectors are kept here, keyed by the word's hash: the same numbers,
    computed once per word. When ``cache_size`` rows are full the cache starts afresh."""

    def __init__(self, *, cache_size: int = 50_000, **kwargs) -> None:
        super().__init__(**kwargs)
        self._cache_size = cache_size
        self._row_of: dict[int, int] = {}
        self._rows: np.ndarray | None = None

    def get_batch(self, keys):  # noqa: ANN001, ANN201 (spaCy's signature)
        if self.mode != VectorsMode.floret:
            return super().get_batch(keys)
        keys = [int(k) for k in keys]
        row_of = self._row_of
        missing = list(dict.fromkeys(k for k in keys if k not in row_of))
        if missing:
            if len(row_of) + len(missing) > self._cache_size:
                row_of.clear()
                missing = list(dict.fromkeys(keys))
                if len(missing) > self._cache_size:
                    return super().get_batch(keys)
            if self._rows is None:
                self._rows = np.zeros((self._cache_size, self.data.shape[1]), dtype=self.data.dtype)
            start = len(row_of)
            self._rows[start:start + len(missing)] = super().get_batch(missing)
            row_of.update(zip(missing, range(start, start + len(missing))))
        return self._rows[np.fromiter((row_of[k] for k in keys), dtype=np.int64, count=len(keys))]


def _add_trained_ner(nlp: Language, path: Path) -> None:
    """The trained ``ner`` of ``path``, built from its own config and weights into ``nlp``, as
    ``spacy.load`` + ``add_pipe(source=...)`` would, without building the source pipeline's
    tokenizer (its 60k special cases cost seconds of CPU in every process)."""
    import json

    from spacy.util import load_config

    cfg = load_config(path / "config.cfg", interpolate=True)
    ner_cfg = {k: v for k, v in cfg["components"]["ner"].items() if k != "factory"}
    ner = nlp.add_pipe("ner", config=ner_cfg)
    nlp.vocab.strings.from_disk(path / "vocab" / "strings.json")
    if (path / "vocab" / "vectors.cfg").exists():
        # the ner's static (floret) vectors live in the vocab, not in the component
        vectors = CachedFloretVectors(strings=nlp.vocab.strings)
        vectors.from_disk(path / "vocab", exclude=["strings"])
        nlp.vocab.vectors = vectors
    ner.from_disk(path / "ner", exclude=["vocab"])
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    nlp.meta["ner_model"] = {"name": meta.get("name"), "version": meta.get("version")}


def make_doc(nlp: Language, text: str, published: dt.date | None = None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = published
    return doc


def process(nlp: Language, texts: Iterable[tuple[str, dt.date | None]], batch_size: int = 32) -> Iterable[Doc]:
    """Run the pipeline over (text, published) pairs; the date resolves relative dates."""
    docs = (make_doc(nlp, t, p) for t, p in texts)
    for name, proc in nlp.pipeline:
        docs = proc.pipe(docs, batch_size=batch_size) if hasattr(proc, "pipe") else map(proc, docs)
    return docs
