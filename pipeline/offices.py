"""Offices (jabatan): find "Wakil Wali Kota Jakarta Timur" and split it into title, organisation
and jurisdiction, with abbreviations expanded (Jaktim, Sekda, Walikota ...).

The grammar is ``[modifier] TITLE [ORGANISATION] [JURISDICTION]``; the words of each part come
from ``resources/offices.json``, and region names from the places gazetteer. The matcher reads
tokens of a spaCy ``Doc`` and stops at the first capitalised word that is none of these: that
is where a person's name begins ("Wakil Wali Kota Jakarta Timur | Iin Mutmainah").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from .resources import load_resource, word_zipf


@dataclass(frozen=True)
class OfficeMatch:
    """An office as the text states it. ``start``/``end`` are token indices; ``*_char`` offsets."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    title: str
    organization: str | None
    jurisdiction: str | None
    office: str
    standalone: bool = False
    lower: bool = False  # written in lower case ("kata jubir KPK"): an office only before a name
    # an office held towards a person ("manajer Gustiwiw, Pinkan"): the OFFICE mention is the title
    # alone (the person keeps its own mention), while the role's text runs over the person
    title_end: int | None = None

    @property
    def mention_end(self) -> int:
        """Token where the OFFICE mention ends (``end`` unless the office is held towards a person)."""
        return self.end if self.title_end is None else self.title_end


@dataclass(frozen=True)
class _Lexicon:
    titles: dict[tuple[str, ...], dict]  # lower-case token tuple -> entry
    max_title: int
    title_heads: frozenset[str]  # the first word of each title (lower case)
    orgs: dict[tuple[str, ...], str]
    max_org: int
    org_words: frozenset[str]
    juris_abbrev: dict[str, str]  # "Jaktim" -> "Jakarta Timur"; a region the gazetteer lacks maps to itself ("Jabodebek")
    abbrev: dict[str, str]
    juris_prefixes: tuple[tuple[str, ...], ...]
    juris_words: frozenset[str]
    modifiers: frozenset[str]
    common: frozenset[str]
    noun: re.Pattern
    org_tokens: frozenset[str]
    company: frozenset[str]
    en_words: frozenset[str]
    en_heads: frozenset[str]
    en_heads_alone: frozenset[str]
    honorifics: frozenset[str]
    venue_heads: frozenset[str]
    speech_verbs: frozenset[str]
    venue_before: frozenset[str]  # "kantor | Wali Kota ...", "Peraturan | Presiden ...": no person's office
    ministers: frozenset[str]
    title_levels: dict[str, str]  # "Camat" -> "Kecamatan"
    company_prefixes: frozenset[str]  # "PT", "CV", "Bank": a company's name follows
    connectors: frozenset[str]  # "dan", "&", "/", "of": inside an organisation's name
    title_qualifiers: frozenset[str]
    coordinators: frozenset[str]
    principal_qualifiers: frozenset[str]  # "pengacara Jokowi lainnya, Rivai"
    clause_words: frozenset[str]
    not_org_acronyms: frozenset[str]
    first_names_in_orgs: frozenset[str]
    generic_titles: frozenset[str]
    ranks: frozenset[str]  # police and military ranks ("akp", "irjen"): the holder's, never the office's
    org_links: dict[str, list[str]]  # prepositions that join an office to its body ("pada Kementerian", "dokter di Klinik")
    workplace_heads: frozenset[str]  # "Klinik", "RS": a profession's workplace after "di"/"dari"
    workplace_words: frozenset[str]  # every word of those heads ("Rumah", "Sakit", "University")
    region_links: dict[str, list[str]]  # "untuk" -> envoy titles ("Duta Besar Iran untuk Indonesia"); [] = any title
    juris_level_words: dict[str, str]  # "Kota", "Kab." -> the level kept in an office ("Kepala Dinas ... Kota Tangerang")
    level_titles: frozenset[str]  # titles that already name their region's level ("Wali Kota", "Bupati")
    rank_word_heads: frozenset[str]  # "Sekretariat", "Direktur": a rank word after them ("Jenderal") names a body or title
    chain_links: frozenset[str]  # "sekaligus", "merangkap": between two offices of one holder
    spelled_ranks: frozenset[tuple[str, ...]]  # ranks written out ("inspektur", "jenderal"): the holder's, never an office


def _toks(s: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+(?:[-.]\w+)*\.?|[^\w\s]", s))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    d = load_resource("offices")
    titles = {tuple(t.lower() for t in _toks(e["title"])): e for e in d["titles"]}
    # well-known companies, clubs and agencies ("Apple", "Al Hilal") are organisations of offices too
    # ("CEO Apple Tim Cook"), kept in a list of their own because quotes.py reads "organizations" as
    # speaker titles
    known = d.get("known_organisations", [])
    orgs = {_toks(o): o for o in (*d["organizations"], *known)}
    return _Lexicon(
        titles=titles,
        max_title=max(map(len, titles)),
        title_heads=frozenset(k[0] for k in titles if k),
        orgs=orgs,
        max_org=max(map(len, orgs)),
        org_words=frozenset(d["org_words"]),
        juris_abbrev={**{r: r for r in d["supra_regions"]}, **d["jurisdiction_abbreviations"]},
        abbrev=d["abbreviations"],
        juris_prefixes=tuple(sorted((_toks(p) for p in d["jurisdiction_prefixes"]), key=len, reverse=True)),
        juris_words=frozenset(d["jurisdiction_words"]),
        modifiers=frozenset(d["modifiers"]),
        common=frozenset(load_resource("words")["not_name_words"]),
        noun=re.compile(load_resource("words")["noun_pattern"]),
        org_tokens=frozenset(o for o in (*d["organizations"], *known) if " " not in o),
        company=frozenset(load_resource("words")["company_words"]),
        en_words=frozenset(d["english_titles"]["words"]),
        en_heads=frozenset(d["english_titles"]["heads"]),
        en_heads_alone=frozenset(d["english_titles"]["heads_alone"]),
        honorifics=frozenset(t.lower().rstrip(".") for t in load_resource("names")["prefix_titles"]),
        venue_heads=frozenset(h for h in load_resource("places")["venue_heads"] if " " not in h),
        speech_verbs=frozenset(w for key in ("verbs_before", "cue_after", "post_verbs") for w in load_resource("speech")[key]),
        venue_before=frozenset(d["venue_before"]),
        ministers=frozenset(d["minister_titles"]),
        title_levels=dict(d["title_levels"]),
        company_prefixes=frozenset(d["company_prefixes"]),
        connectors=frozenset(d["org_connectors"]),
        title_qualifiers=frozenset(d["title_qualifiers"]),
        coordinators=frozenset(d["coordinators"]),
        principal_qualifiers=frozenset(d["principal_qualifiers"]),
        clause_words=frozenset(d["clause_words"]),
        not_org_acronyms=frozenset(d["not_org_acronyms"]),
        first_names_in_orgs=frozenset(d["first_names_among_org_words"]),
        generic_titles=frozenset(d["generic_titles"]),
        ranks=_ranks(load_resource("names")["prefix_titles"]),
        org_links=dict(d["org_links"]),
        workplace_heads=frozenset(h.split()[0] for h in d["workplace_heads"]),
        workplace_words=frozenset(w for h in d["workplace_heads"] for w in h.split()),
        region_links=dict(d["region_links"]),
        juris_level_words=dict(d["jurisdiction_levels"]["words"]),
        level_titles=frozenset(d["jurisdiction_levels"]["titles"]),
        rank_word_heads=frozenset(d["rank_word_heads"]),
        spelled_ranks=frozenset(tuple(r.lower().split()) for r in d["spelled_ranks"]),
        chain_links=frozenset(d["chain_links"]),
    )


def _ranks(prefix_titles: Sequence[str]) -> frozenset[str]:
    """The ranks among the name's prefix titles: the list runs civil titles first, then ranks from
    "jenderal"; the corps words ("Pol", "TNI", "Purn") that close it are no ranks ("Panglima TNI")."""
    low = [t.lower().rstrip(".") for t in prefix_titles]
    first = low.index("jenderal") if "jenderal" in low else len(low)
    return frozenset(low[first:]) - {"pol", "tni", "purn", "purnawirawan"}


# a verb in the active voice ("memutuskan", "menggantikan"), or a number word ("kepala empat": his forties),
# after a lower-case title: the clause goes on, no qualifier of the office
_ACTIVE_VERB = re.compile(r"^(?:mem|men|meng|meny|me[lrw]|ber)[a-z]{3,}$")
_NUMBER_WORDS = frozenset("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belasan puluhan".split())


def _not_qualifier(word: str) -> bool:
    return bool(_ACTIVE_VERB.match(word)) or word in _NUMBER_WORDS


def is_common_word(word: str) -> bool:
    """A capitalised common noun of institution names ("Badan", "Pendayagunaan"), never a name."""
    lex = lexicon()
    return word in lex.common or bool(lex.noun.match(word))


def is_org_token(word: str) -> bool:
    """A known organisation written as one word ("KPU", "Kanwil", "Danantara")."""
    return word in lexicon().org_tokens


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,9}$")
# an acronym with a lower-case letter inside, of a school or a unit: "MTsN", "MAN" is plain
_MIXED_ACRONYM = re.compile(r"^[A-Z]{2,}[a-z]{1,2}[A-Z]{1,3}$")


def _is_cap(t: str) -> bool:
    return bool(t) and t[0].isupper()


PlaceLookup = Callable[[str], "str | None"]


def _match_title(words: Sequence[str], i: int, lex: _Lexicon, allow_lower: bool = False) -> tuple[int, dict] | None:
    if i >= len(words) or not (_is_cap(words[i]) or (allow_lower and words[i][:1].islower())):
        return None
    if words[i].lower() not in lex.title_heads:
        return None  # no title begins with this word (most words): no look-up per length
    window = [w.lower() for w in words[i:i + min(lex.max_title, len(words) - i)]]  # lowered once
    for n in range(len(window), 0, -1):
        e = lex.titles.get(tuple(window[:n]))
        if e is not None:
            return n, e
    return None


def _en_area(words: Sequence[str], k: int, lex: _Lexicon) -> bool:
    """An English word of a title's area at ``k``, or an acronym joined by "&"/"and" to one ("PR & Government",
    "HSSE & AI"): alone, an acronym after a title is its organisation ("Manager BRI")."""
    w = words[k]
    if w in lex.en_words or w in lex.en_heads:
        return True
    return bool(_ACRONYM.match(w)) and ((k + 1 < len(words) and words[k + 1] in ("&", "and"))
                                        or (k > 0 and words[k - 1] in ("&", "and")))


def _area_list_end(words: Sequence[str], j: int, lex: _Lexicon) -> int | None:
    """End of a list of areas after a comma that closes with "&"/"and": "Head of Marketing | , PR & Government |",
    "VP Marketing | , Legal & Business Support |". None when no such list follows (the comma ends the title)."""
    n, k, joined = len(words), j, False
    while k < n and words[k] == "," and k + 1 < n and _is_cap(words[k + 1]):
        k += 1
        while k < n and (_en_area(words, k, lex) or (words[k] in ("&", "and") and k + 1 < n and _en_area(words, k + 1, lex))):
            joined = joined or words[k] in ("&", "and")
            k += 1
        if joined:
            return k
    return None


def _match_english_title(words: Sequence[str], i: int, lex: _Lexicon) -> tuple[int, dict] | None:
    """A corporate title written in English, or English words before an Indonesian title:
    "Research & Analytics Manager", "Head of Corporate Affairs", "Manager Public Relations",
    "Head of Marketing, PR & Government", "Marketing Direktur"."""
    n = len(words)
    if i >= n or not _is_cap(words[i]) or (words[i] not in lex.en_words and words[i] not in lex.en_heads):
        return None
    j, last_head = i, None
    while j < n:
        if _en_area(words, j, lex) or (words[j] in ("&", "and", "of") and j > i and j + 1 < n and _is_cap(words[j + 1])):
            if words[j] in lex.en_heads:
                last_head = j
            j += 1
            continue
        k = _area_list_end(words, j, lex) if last_head is not None and j > last_head + 1 else None
        if k is None:
            break
        j = k
    if last_head is None:
        # English words before a title of the lexicon: "Marketing Direktur", "Syariah Card Business Division Head"
        t = _match_title(words, j, lex) if j > i else None
        if t is None:
            return None
        k = j + t[0]
        return k - i, {"title": " ".join(words[i:k])}
    for k in range(i + 1, j):  # "VP Corporate | Secretary": a title of the lexicon begun among the areas runs to its end
        t = _match_title(words, k, lex)
        if t is not None and k + t[0] > j:
            j = k + t[0]
            break
    while j > last_head + 1 and words[j - 1] in ("&", "and"):
        j -= 1  # "Head of Technology and | ...": the connector opens no area ("VP of | Operation ..." opens the organisation)
    # the areas after the last head belong to the title: "Manager Public Relations", "SEVP Corporate Relations"
    if j - i < 2 and words[i] not in lex.en_heads_alone:
        return None  # a lone "Manager" or "Director" says little; "CEO" does
    return j - i, {"title": _join(words[i:j]).replace(" ,", ",")}


def _match_org(words: Sequence[str], i: int, lex: _Lexicon) -> int:
    for n in range(min(lex.max_org, len(words) - i), 0, -1):
        if tuple(words[i:i + n]) in lex.orgs:
            return n
    return 0


def _match_region(words: Sequence[str], i: int, lex: _Lexicon, place_of: PlaceLookup | None,
                  level: str | None = None) -> tuple[int, str] | None:
    """Longest region at ``i`` (with an optional Kota/Kabupaten/Provinsi prefix): (n tokens, canonical).
    ``level`` ("Kecamatan" after "Camat") lets a bare kecamatan or village name count."""
    j = i
    for p in lex.juris_prefixes:
        if tuple(words[i:i + len(p)]) == p:
            j = i + len(p)
            break
    if j < len(words) and words[j] in lex.juris_abbrev:
        return j - i + 1, lex.juris_abbrev[words[j]]
    if place_of is None:
        return None
    for n in range(min(4, len(words) - j), 0, -1):
        seg = words[j:j + n]
        if not all(_is_cap(w) for w in seg):
            continue
        name = " ".join(seg)
        canon = place_of(name) or (place_of(f"{level} {name}") if level and j == i else None)
        if canon:
            return j - i + n, name
    return None


def _outside_parentheses(parts: list[str]) -> list[str]:
    out, depth = [], 0
    for x in parts:
        if x == "(":
            depth += 1
        elif x == ")":
            depth = max(0, depth - 1)
        elif not depth:
            out.append(x)
    return out


def _join(parts) -> str:
    return " ".join(parts).replace("( ", "(").replace(" )", ")").replace(" / ", "/")


def _cap_run_to(words: Sequence[str], j: int, stop: int, lex: _Lexicon) -> bool:
    """Tokens j..stop-1 are all capitalised words, acronyms, connectors, links to a body ("pada") or parentheses."""
    connectors = lex.connectors
    links = lex.org_links["after_organisation"]  # "Bina Pemerintahan Desa pada Kementerian Dalam Negeri"
    return all(_is_cap(w) or w in connectors or w in links or w in ("(", ")") or w[:1].isdigit() for w in words[j:stop])


def _shown_title(entry: dict, lower: bool) -> str:
    """The title as the role table shows it: an abbreviation as written ("Kapolres"), else expanded;
    capitalised when the text wrote it in lower case."""
    title = entry["title"] if entry.get("abbrev") else (entry.get("expand") or entry["title"])
    return title[:1].upper() + title[1:] if lower else title


def _end_char(words: Sequence[str], starts: Sequence[int] | None, end: int) -> int:
    return (starts[end - 1] + len(words[end - 1])) if starts else 0


def _text(words: Sequence[str], spaces: Sequence[bool] | None, a: int, b: int) -> str:
    if spaces is None:
        return ""
    return "".join(words[k] + (" " if spaces[k] and k < b - 1 else "") for k in range(a, b))


def _region_then_name(words: Sequence[str], j: int, lex: _Lexicon, place_of: PlaceLookup | None) -> bool:
    """An Indonesian region (city, regency or province) at ``j`` followed by capitalised words that are no region."""
    r = _match_region(words, j, lex, place_of)
    if r is None or place_of is None:
        return False
    canon = place_of(r[1]) if r[1] not in lex.juris_abbrev.values() else "Provinsi"
    if not (canon or "").startswith(("Kota ", "Kabupaten ", "Provinsi")):
        return False  # a foreign city or a country: "Direktur Anggaran | Lisbon Sirait"
    k = j + r[0]
    return k < len(words) and _is_cap(words[k]) and words[k] not in lex.juris_words and not is_common_word(words[k]) \
        and _match_region(words, k, lex, place_of) is None and not _ACRONYM.match(words[k])


def _rank_before_name(words: Sequence[str], j: int, lex: _Lexicon) -> bool:
    """The rank at ``j`` opens a name: a capitalised word that is no rank follows, after the corps if any
    ("Jenderal | Pol. | Listyo", "Kombes Pol | Ade")."""
    k = j + 1
    if k < len(words) and words[k].lower().rstrip(".") in ("pol", "tni"):
        k += 1
    return k < len(words) and _is_cap(words[k]) and words[k].lower().rstrip(".") not in lex.ranks | {"pol", "tni"}


def _list_holder_start(words: Sequence[str], j: int, lex: _Lexicon, place_of: PlaceLookup | None) -> int | None:
    """In a list of offices and holders, where the capitalised run from ``j`` ends in a comma: the start of its last two to
    four words when none of them is a word of institutions, a region or a title, i.e. the holder's name
    ("Dirjen Peternakan Kementerian Pertanian | Agung Suganda |, ...")."""
    c = j
    while c < len(words) and c - j < 15 and (_is_cap(words[c]) or words[c] in lex.connectors or words[c] in ("(", ")")):
        c += 1
    if c >= len(words) or words[c] != ",":
        return None
    k = c
    while (k - 1 > j and _is_cap(words[k - 1]) and words[k - 1].isalpha() and not is_common_word(words[k - 1])
           and not is_org_token(words[k - 1]) and not _ACRONYM.match(words[k - 1]) and words[k - 1] not in lex.company
           and words[k - 1].lower() not in lex.title_heads and not (place_of is not None and place_of(words[k - 1]))):
        k -= 1
    return k if 2 <= c - k <= 4 else None


def _ordinal_len(words: Sequence[str], j: int, spaces: Sequence[bool] | None) -> int:
    """Tokens of an ordinal at ``j``: "ke-7" (three tokens), "ke 6" (two); 0 when none."""
    if j + 1 >= len(words) or words[j].lower() != "ke":
        return 0
    if words[j + 1] == "-" and j + 2 < len(words) and words[j + 2].isdecimal() and len(words[j + 2]) <= 3:
        return 3 if spaces is None or not (spaces[j] or spaces[j + 1]) else 0
    return 2 if words[j + 1].isdecimal() and len(words[j + 1]) <= 3 else 0


def _workplace_end(words: Sequence[str], j: int, lex: _Lexicon) -> int | None:
    """End of a workplace's name at ``j`` that closes a clause (before ",", ".", ";", a lower-case word or the end):
    capitalised words, one of them a workplace's head ("Universitas Kookmin", "Weill Cornell Medical College")."""
    k = j
    while k < len(words) and k - j < 8 and (_is_cap(words[k]) or (words[k] in lex.connectors and k > j)
                                            or words[k] in ("(", ")")):
        k += 1
    while k > j and words[k - 1] in lex.connectors:
        k -= 1
    if k == j or (k < len(words) and _is_cap(words[k])) or not any(x in lex.workplace_words for x in words[j:k]):
        return None
    return k


def _domestic_region(name: str, place_of: PlaceLookup | None) -> bool:
    """An Indonesian province, city or regency (or a region the offices' lists expand), not a country."""
    if name in lexicon().juris_abbrev.values():
        return True
    canon = place_of(name) if place_of is not None else None
    return (canon or "").startswith(("Kota ", "Kabupaten ", "Provinsi"))


def _named_workplace(words: Sequence[str], j: int, org_parts: Sequence[str], lex: _Lexicon) -> int:
    """End of the name of a workplace that the organisation read so far ends with ("Universitas", "Rumah Sakit"),
    when it runs to the end of the clause (a comma, a full stop): "Universitas | Gadjah Mada |,",
    never its holder. 0 when none."""
    if not org_parts or j == 0 or org_parts[-1] != words[j - 1] or words[j - 1] not in lex.workplace_words \
            or len(words[j - 1]) <= 4 or not _is_cap(words[j]):
        return 0
    e = j
    while e < len(words) and e - j < 4 and _is_cap(words[e]) and words[e].isalpha():
        e += 1
    return e if e < len(words) and words[e] in (",", ".", ";") else 0


def _next_appos_holder(words: Sequence[str], k: int) -> bool:
    """"dan"/"serta" at ``k`` opens the next holder of a list: capitalised words, then "selaku"/"sebagai"
    ("X selaku Direktur Bisnis | dan Budi Santoso selaku Direktur Produksi")."""
    if words[k] not in ("dan", "serta"):
        return False
    e = k + 1
    while e < len(words) and e - k <= 5 and _is_cap(words[e]):
        e += 1
    return e > k + 1 and e < len(words) and words[e] in ("selaku", "sebagai")


def _numbered_unit(org_parts: Sequence[str], lex: _Lexicon) -> bool:
    """The organisation read so far ends in a unit that a number follows: an acronym ("SDN", "MTsN") or a word of
    organisations ("SMP Negeri")."""
    return bool(org_parts) and bool(_ACRONYM.match(org_parts[-1]) or _MIXED_ACRONYM.match(org_parts[-1])
                                    or org_parts[-1] in lex.org_words)


def _chain_link(words: Sequence[str], j: int, lex: _Lexicon) -> int | None:
    """The link word ("sekaligus", "merangkap") that a run of capitalised words from ``j`` ends in, when a title follows
    it: the second office of one holder ("Pengamat Pasar Uang | sekaligus | Presiden Direktur PT ...")."""
    k = j
    while k < len(words) and k - j < 10 and (_is_cap(words[k]) or words[k][:1].isdigit() or words[k] in ("(", ")")
                                             or (words[k] in lex.connectors and k > j)):
        k += 1
    if k == j or k + 1 >= len(words) or words[k].lower() not in lex.chain_links or words[k - 1] in lex.connectors:
        return None
    if _match_title(words, k + 1, lex, allow_lower=True) is None and _match_english_title(words, k + 1, lex) is None:
        return None
    return k


def _institution_word(w: str, lex: _Lexicon) -> bool:
    """A word that the office loop reads as part of an institution: a common word of institutions, an organisation,
    a word of organisations, an acronym."""
    return (is_common_word(w) or is_org_token(w) or w in lex.org_words
            or bool(_ACRONYM.match(w) and w not in lex.not_org_acronyms))


def _unknown_before_institution(words: Sequence[str], j: int, lex: _Lexicon, person_starts: frozenset[int],
                                name_at: Callable[[int], bool] | None) -> int:
    """Length of a run of up to three capitalised words of no lexicon at ``j`` that a word of institutions follows
    ("Migas | ESDM", "Rehabilitasi | Sosial", "Cagar Alam | Nasional"), in a capitalised run where the model found no name
    and that no name follows after a comma (the rules for a run before a name decide there)."""
    k = j
    while k < len(words) and k - j < 3 and k not in person_starts and _is_cap(words[k]) and words[k].isalpha() \
            and not _institution_word(words[k], lex) and words[k].lower() not in lex.title_heads \
            and words[k].lower().rstrip(".") not in lex.ranks and words[k].lower() not in lex.honorifics:
        k += 1
    if k == j or k >= len(words) or k in person_starts or not _is_cap(words[k]) or not _institution_word(words[k], lex):
        return 0
    e = k
    while e < len(words) and e - k < 12 and (_is_cap(words[e]) or words[e] in lex.connectors or words[e] in ("(", ")", "-")
                                             or words[e][:1].isdigit() or words[e].lower().rstrip(".") in lex.honorifics):
        if e in person_starts:
            return 0  # a name the model found ends the run: the rules for words before a name decide
        e += 1
    if e < len(words) and words[e] == "," and name_at is not None and name_at(e + 1):
        return 0  # ... and so does a name after the comma that ends it ("Pelatih Timnas Voli Putri U-21, Marcos")
    last = e - 1
    while last > k and (words[last] in ("(", ")", "-") or words[last][:1].isdigit()):
        last -= 1
    if not (_institution_word(words[last], lex) or words[last] == ")"):
        return 0  # the run ends in a word of no institution: "Upaya Hukum Luar | Biasa, Eksekusi, ..."
    return k - j


def spelled_rank_len(words: Sequence[str], j: int) -> int:
    """Tokens of a rank written out at ``j`` before a name ("Inspektur Jenderal | Daniel", "Komisaris Besar Polisi |
    Ade"): the holder's rank, no office. 0 when none, or when a body follows ("Inspektur Jenderal Kementerian Agama")."""
    lex = lexicon()
    if j >= len(words) or not _is_cap(words[j]):
        return 0
    for size in (3, 2):
        if tuple(w.lower() for w in words[j:j + size]) in lex.spelled_ranks:
            k = j + size
            if k < len(words) and words[k].lower().rstrip(".") in ("pol", "polisi", "tni"):
                k += 1
            if (k < len(words) and _is_cap(words[k]) and words[k].isalpha() and not is_common_word(words[k])
                    and not is_org_token(words[k]) and not _ACRONYM.match(words[k]) and words[k] not in lex.org_words
                    and words[k].lower() not in lex.title_heads):
                return k - j
            return 0
    return 0


def _principal_end(words: Sequence[str], j: int, lex: _Lexicon, person_starts: frozenset[int],
                   name_at: Callable[[int], bool] | None) -> int | None:
    """End (a comma) of the person a relational title is held towards, when the holder's name
    follows the comma: "manajer | Gustiwiw | , Pinkan", "staf | Presiden Prabowo Subianto | , Kani".
    The person is a name the model found, alone or after a title of the lexicon."""
    n = len(words)
    if name_at is None or j >= n:
        return None
    k = j
    inner = _match_title(words, j, lex)
    if inner is not None:
        k = j + inner[0]
    if k not in person_starts:
        return None
    e = k
    while e < n and e - k < 4 and _is_cap(words[e]) and words[e] != ",":
        e += 1
    c = e + 1 if e < n and words[e] in lex.principal_qualifiers else e  # "pengacara Jokowi lainnya, Rivai ..."
    if e == k or c >= n or words[c] != "," or not name_at(c + 1):
        return None
    return c


def _written_level(words: Sequence[str], j: int, expanded: str, lex: _Lexicon) -> str:
    """"Kota " or "Kabupaten " when the text writes it before the region at ``j`` and the title does not
    already say it: "Kepala Dinas Pendidikan Kota Tangerang" is not the regency's ("Kabupaten Tangerang");
    "Wali Kota Kota Bogor" and the Jakarta "Kota Administrasi" say nothing more."""
    level = lex.juris_level_words.get(words[j]) if j < len(words) else None
    if level is None or expanded in lex.level_titles or (j + 1 < len(words) and words[j + 1] == "Administrasi"):
        return ""
    return level + " "


def _linked_region(words: Sequence[str], j: int, expanded: str, lex: _Lexicon,
                   place_of: PlaceLookup | None) -> tuple[int, str] | None:
    """(tokens, region) of a link word and the region after it that an office is held for:
    "untuk Indonesia" after an envoy's title, "asal Aceh" after any title."""
    titles = lex.region_links.get(words[j]) if j < len(words) else None
    if titles is None or (titles and expanded not in titles):
        return None
    r = _match_region(words, j + 1, lex, place_of)
    return (r[0] + 1, " ".join(x for x in words[j + 1:j + 1 + r[0]] if (x,) not in lex.juris_prefixes)) if r else None


def _org_link(words: Sequence[str], j: int, descriptor: bool, org_parts: Sequence[str], lex: _Lexicon,
              person_starts: frozenset[int]) -> bool:
    """A preposition at ``j`` that joins an office to its body: "pada" after an organisation, before another
    ("... Bina Pemerintahan Desa pada Kementerian ..."); "di"/"dari" after a profession, before a workplace
    whose whole name runs to its holder's ("dokter di Klinik Sehat Bunda dr. Rina", "peneliti dari Universitas
    Andalas, Budi"), never before a venue ("Bupati X di Gedung ...") nor in running text ("dokter di RSUD | Cibinong")."""
    if j + 1 >= len(words) or not _is_cap(words[j + 1]):
        return False
    nxt = words[j + 1]
    if words[j] in lex.org_links["after_organisation"] and org_parts:
        return is_org_token(nxt) or nxt in lex.org_words
    # (after the profession's field only: "Dosen Ilmu Politik | dari Universitas Indonesia (UI), Cecep")
    field_only = not any(is_org_token(x) or _ACRONYM.match(x) or x == "(" for x in org_parts)
    if not (words[j] in lex.org_links["after_profession"] and descriptor and field_only
            and (nxt in lex.workplace_heads or nxt in lex.company_prefixes or (is_org_token(nxt) and nxt not in lex.venue_heads))):
        return False
    holder = next((p for p in sorted(person_starts) if p > j + 1), None)
    if holder is None or holder - j > 14:
        return False
    while words[holder - 1].lower().rstrip(".") in lex.honorifics or words[holder - 1] == ",":
        holder -= 1
    return holder - (j + 1) >= 2 and _cap_run_to(words, j + 1, holder, lex)


def _company_before_holder(words: Sequence[str], j: int, name_at: Callable[[int], bool] | None) -> bool:
    """Capitalised words from ``j`` to a comma before a name: the company of an English title, even where the model
    read its first word as a person ("Senior Manager Public Relation | Garuda Indonesia, Iksan Rosan")."""
    k = j
    while k < len(words) and k - j < 4 and _is_cap(words[k]):
        k += 1
    return k > j and k < len(words) and words[k] == "," and name_at is not None and name_at(k + 1)


def _english_word_after_acronym(words: Sequence[str], j: int, nxt: int, org_parts: Sequence[str], lex: _Lexicon) -> bool:
    """One English word between an acronym of the organisation and the holder's name belongs to the organisation
    ("KAI | Commuter | Leza Arlan", "JI | Expo | Ralph"); a name the model cut short ("DPR | Andia | Thresia Narang",
    "TOBA | Juli | Oktarina") is rare in English, and an honorific ("Dr", "Prof") opens the name."""
    if nxt - j != 1 or not org_parts or not _ACRONYM.match(org_parts[-1]) or org_parts[-1] in lex.not_org_acronyms:
        return False
    w = words[j]
    if w.lower().rstrip(".") in lex.honorifics or w.lower().rstrip(".") in lex.ranks:
        return False
    en = word_zipf(w, "en")
    return en >= 3.3 and en >= word_zipf(w, "id") - 0.5


def _spelled_out_org(words: Sequence[str], j: int, title_start: int) -> int | None:
    """End of capitalised words at ``j`` and the acronym in parentheses they spell out (right after the title, its
    first letters may be the title's last words): "Director Safety | Defensive Consultant Indonesia (SDCI)",
    "Ketua Umum | International Creatives Exchange (ICE)". The run is an organisation, never the holder."""
    p = j
    while p < len(words) and p - j < 6 and _is_cap(words[p]) and words[p] != "(":
        p += 1
    if p - j < 2 or p + 2 >= len(words) or words[p] != "(" or words[p + 2] != ")" or not _ACRONYM.match(words[p + 1]):
        return None
    acronym = words[p + 1].upper()
    return p + 3 if any("".join(w[0] for w in words[q:p]).upper() == acronym for q in range(title_start, j + 1)) else None


def _first_name_after_region(words: Sequence[str], j: int, nxt: int, place_of: PlaceLookup | None, lex: _Lexicon) -> bool:
    """The one word between a region or an acronym that closes an office and the name the model found opens that
    name: the model split "Xpeng Indonesia | Hari | Arifianto", "Komisi X DPR RI | Lalu | Hadrian" (a first name that
    is also a common word), "BPPSDM KP | I | Nyoman"; one English word after an acronym is the organisation's ("KAI Commuter")."""
    if place_of is None or nxt - j < 1 or nxt < 2 or not _is_cap(words[nxt - 1]) or words[nxt - 2] in lex.connectors:
        return False
    w, before = words[nxt - 1], words[nxt - 2]
    closing = bool(place_of(before)) or (bool(_ACRONYM.match(before)) and before not in lex.not_org_acronyms  # "DPR RI | Lalu | Hadrian"
                                         and not (len(w) > 1 and _english_word_after_acronym(words, nxt - 1, nxt, [before], lex)))  # "KAI | Commuter"
    return (closing and not place_of(w) and (w not in lex.org_words or w in lex.first_names_in_orgs) and w not in lex.company
            and not _ACRONYM.match(w) and not is_org_token(w) and w.lower() not in lex.title_heads)


def find_offices(words: Sequence[str], spaces: Sequence[bool] | None = None, starts: Sequence[int] | None = None,
                 place_of: PlaceLookup | None = None, person_starts: frozenset[int] = frozenset(),
                 name_at: Callable[[int], bool] | None = None) -> list[OfficeMatch]:
    """Offices in a token sequence. ``starts`` are the tokens' char offsets (for OfficeMatch chars).

    ``person_starts``: token indices where a person's name begins (from the statistical NER);
    an office's organisation part may run over capitalised words up to such a name, or up to a
    comma followed by a name (``name_at(i)`` tells whether a name starts at token ``i``).
    A lower-case title ("kata jubir KPK, Budi") counts only when a name follows it.
    """
    lex = lexicon()
    out: list[OfficeMatch] = []
    i = 0
    n = len(words)
    title_heads, en_words, en_heads = lex.title_heads, lex.en_words, lex.en_heads
    while i < n:
        w = words[i]
        if w.lower() not in title_heads and w not in en_words and w not in en_heads:
            i += 1  # no title of either kind begins with this word (most words): both matchers would say None
            continue
        m = _match_title(words, i, lex, allow_lower=True)
        en = _match_english_title(words, i, lex)
        english = en is not None and (m is None or en[0] > m[0])
        if english:
            m = en
        if m is None:
            i += 1
            continue
        tlen, entry = m
        if spelled_rank_len(words, i):
            i += tlen  # "Kapolda Bali Inspektur Jenderal Daniel": a rank before the name, no office of its own
            continue
        lower = not _is_cap(words[i])
        start = i
        if i > 0 and words[i - 1] in lex.modifiers:
            start = i - 1
        j = i + tlen
        org_parts: list[str] = []
        juris: str | None = None
        juris_lead = ""  # what the office writes before its jurisdiction: "Kota " Tangerang, "untuk " Indonesia
        juris_start: int | None = None  # token where the jurisdiction begins
        numbered = False
        ordinal = ""  # "ke-7": the office's string keeps it after the title
        expanded = entry.get("expand") or entry["title"]
        level = lex.title_levels.get(expanded)
        closed = False
        short_form = ""
        # an office held towards a person, whose holder follows after a comma: "manajer Gustiwiw, Pinkan,",
        # "staf Presiden Prabowo Subianto, Kani Dwi Haryani"; the offices inside are read on their own
        principal = _principal_end(words, j, lex, person_starts, name_at) if entry.get("relational") else None
        if principal is not None:
            principal_words = _join(w for w in words[j:principal] if w not in lex.principal_qualifiers)
            out.append(OfficeMatch(start=start, end=principal, start_char=starts[start] if starts else 0,
                                   end_char=_end_char(words, starts, principal), text=_text(words, spaces, start, principal),
                                   title=_shown_title(entry, lower), organization=None, jurisdiction=None,
                                   office=f"{expanded} {principal_words}", lower=lower, title_end=j))
            i = j
            continue
        # in apposition after its holder ("Rina Marlina selaku Direktur ...", "X, Ketua ...") the office names no one else
        if j + 1 < n and words[j] in lex.title_qualifiers and _is_cap(words[j + 1]):
            j += 1  # "CEO baru MU, Omar Berrada": a qualifier between title and organisation
        appos = not lower and start > 1 and words[start - 1] in ("selaku", "sebagai") and _is_cap(words[start - 2])
        comma_appos = not lower and start > 1 and words[start - 1] == "," and _is_cap(words[start - 2])
        # after its holder's name and a comma, or chained to an office there ("X, psikiater sekaligus profesor ...")
        after_holder = start > 1 and ((words[start - 1] == "," and _is_cap(words[start - 2])) or (
            words[start - 1] in lex.chain_links and bool(out) and out[-1].end == start - 1 and out[-1].start > 1
            and words[out[-1].start - 1] == "," and _is_cap(words[out[-1].start - 2])))
        # ... unless the name before the comma is the holder of the office before it: a list of offices and their holders
        # ("Kepala BPS Amalia Widyasanti, Dirjen Peternakan Kementerian Pertanian Agung Suganda, ..."), where the run
        # of capitalised words may end in the next holder's name
        if comma_appos and out and 1 <= start - 1 - out[-1].end <= 5 and all(
                _is_cap(x) and x.replace(".", "").isalpha() for x in words[out[-1].end:start - 1]):
            comma_appos = False
            list_holder = _list_holder_start(words, i + tlen, lex, place_of)
        else:
            list_holder = None
        while j < n:
            w = words[j]
            if j == list_holder or _next_appos_holder(words, j) or (j > 0 and _next_appos_holder(words, j - 1)):
                break  # "... Kementerian Pertanian | Agung Suganda, Dirjen ...", "... | dan Budi selaku Direktur ...": the next holder
            # a rank before a name is the holder's: "Kapolsek Mallusetasi | AKP Hasanuddin", "Panglima TNI | Jenderal Agus",
            # "Kapolri | Jenderal Pol. Listyo" (the corps between); "Sekretariat Jenderal DPR" is a body, no rank
            if ((w.lower().rstrip(".") in lex.ranks and (w.isupper() or _is_cap(w)) and _rank_before_name(words, j, lex)
                    and not (j > 0 and words[j - 1] in lex.rank_word_heads)) or spelled_rank_len(words, j)):
                break
            if (j in person_starts and not appos and not is_org_token(w) and not lex.noun.match(w)  # "Pemasyarakatan" opens no name
                    and not _MIXED_ACRONYM.match(w)  # "Kepala Sekolah | MTsN 1"
                    and not (after_holder and _named_workplace(words, j, org_parts, lex))
                    and not (english and j == i + tlen and _company_before_holder(words, j, name_at))
                    and w not in lex.juris_abbrev  # "Jakbar" is never a name
                    and not (j == i + tlen and level and _match_region(words, j, lex, place_of, level))
                    and not (not lower and juris is None and _region_then_name(words, j, lex, place_of))):  # "Kajari Kuantan Singingi | Soenardi"
                break
            # an ordinal of the holder among the office's holders: "Presiden | ke-7 | RI Joko Widodo", "Presiden ke 6 Republik ..."
            o = _ordinal_len(words, j, spaces)
            if o and not ordinal:
                ordinal = "ke-" + words[j + o - 1]
                j += o
                continue
            # in apposition after its holder, a workplace named after a person runs to the end of the clause:
            # "X, guru besar Universitas | Gadjah Mada |,"
            e = _named_workplace(words, j, org_parts, lex) if after_holder else 0
            if e:
                org_parts.extend(words[j:e])
                j = e
                break
            # a unit number and its seat: "Kodim 0618/Kota Bandung", "Komandan Kodim 0621/Kabupaten Bogor"; after a unit's
            # acronym its place's name may follow, up to the holder's name ("SMPN 12 | Cigugur | Asep")
            if re.fullmatch(r"\d{2,5}", w) and juris is None:
                numbered = numbered or _numbered_unit(org_parts, lex)
                org_parts.append(w)
                j += 1
                if j < n and words[j] == "/":
                    org_parts.append("/")
                    j += 1
                continue
            # a unit numbered with one digit ("SDN 3", "SMP Negeri 1"): its place's name may follow, up to the holder's name
            if len(w) == 1 and w.isdecimal() and juris is None and _numbered_unit(org_parts, lex):
                org_parts.append(w)
                j += 1
                numbered = True
                continue
            # a parenthesised acronym "(Bakesbangpol)" continues the office and stays in its organisation
            if w == "(" and j + 2 < n and words[j + 2] == ")" and (_ACRONYM.match(words[j + 1]) or _is_cap(words[j + 1])):
                # "Menteri Sosial (Mensos) | Saifullah Yusuf": the acronym closes the name of the office, unless it
                # only shortens the title ("Duta Besar (Dubes) Iran untuk Indonesia")
                closed = closed or bool(org_parts) or juris is not None
                if juris is None and (org_parts or j > i + tlen):
                    org_parts.extend(words[j:j + 3])
                elif juris is None:
                    short_form = words[j + 1]  # right after the title, the title's own: "Chief Executive Officer (CEO) | Xpeng"
                elif org_parts and juris_start is not None and not _domestic_region(juris, place_of):
                    # a country that ends a body's name its acronym follows: "Gabungan Industri Kendaraan Bermotor
                    # Indonesia (Gaikindo)", "Asosiasi Sepak Bola Jepang (JFA)": the organisation's, no jurisdiction
                    org_parts.extend(words[juris_start:j + 3])
                    juris, juris_lead, juris_start = None, "", None
                j += 3
                continue
            r = _match_region(words, j, lex, place_of, level if j == i + tlen else None)
            if r is not None and (not any(k in person_starts for k in range(j + 1, j + r[0]))
                                  or (not lower and _region_then_name(words, j, lex, place_of))):  # the model split "Kuantan | Singingi"
                rlen, canon = r
                if words[j + rlen - 1] in lex.juris_abbrev:
                    name = lex.juris_abbrev[words[j + rlen - 1]]
                else:
                    name = " ".join(x for x in words[j:j + rlen] if (x,) not in lex.juris_prefixes and x != "Administrasi")
                # "DKI Jakarta": a region that repeats the one just read extends it
                if juris is None:
                    juris, juris_lead = name, _written_level(words, j, expanded, lex)
                    juris_start = j
                elif name not in juris:
                    juris = f"{juris} {name}"
                j += rlen
                # "Polres Metro Tangerang Kota,", "Polresta Malang Kota Ipda ...": a unit named by the city part of a region
                if j < n and words[j] in ("Kota", "Kabupaten") and (
                        j + 1 >= n or not _is_cap(words[j + 1]) or words[j + 1].lower().rstrip(".") in lex.ranks):
                    juris = f"{juris} {words[j]}"
                    j += 1
                continue
            # the region an office is held for, after a link word: "Duta Besar Iran untuk Indonesia", "Anggota DPD asal Aceh"
            linked = _linked_region(words, j, expanded, lex, place_of)
            if linked is not None:
                if juris is not None:
                    org_parts.append(juris)  # "Dubes Iran untuk ...": the sending country
                juris, juris_lead = linked[1], f"{w} "
                j += linked[0]
                break
            if juris is not None:
                break  # nothing but a region (or an acronym in parentheses) follows a jurisdiction
            # a preposition before the body the office is part of: "Direktur Jenderal Bina Pemerintahan Desa pada Kementerian
            # Dalam Negeri", "dokter di Klinik Sehat Bunda"
            # ... and in apposition after its holder, the workplace runs to the comma: "X, profesor biologi | di Universitas
            # Kookmin |, Seoul", "X, dokter | di Klinik Sehat |, mengatakan"
            if after_holder and entry.get("descriptor") and w in lex.org_links["after_profession"]:
                e = _workplace_end(words, j + 1, lex)
                if e is not None:
                    org_parts.extend(words[j:e])
                    j = e
                    break
            if _org_link(words, j, bool(entry.get("descriptor")), org_parts, lex, person_starts):
                org_parts.append(w)
                j += 1
                continue
            # a company's name: "Direktur PT Melanton Pratama;" runs to the punctuation after it
            if w in lex.company_prefixes and j + 1 < n and _is_cap(words[j + 1]):
                k = j + 1
                while k < n and k - j <= 5 and (_is_cap(words[k]) or words[k] in ("(", ")", "Tbk", "Persero")) and k not in person_starts:
                    k += 1
                if k >= n or not _is_cap(words[k]) or k in person_starts:
                    org_parts.extend(words[j:k])
                    j = k
                    continue
            # (right after a profession, capitalised words with initials are its holder: "aktris Bunga Citra Lestari (BCL)")
            spelled = (_spelled_out_org(words, j, i if j == i + tlen else j)
                       if not closed and not (entry.get("descriptor") and j == i + tlen) else None)
            if spelled is not None and not any(k in person_starts for k in range(j + 1, spelled - 3)):  # "Bunga | Citra Lestari (BCL)"
                org_parts.extend(words[j:spelled])
                j = spelled
                # a rank after it opens the holder's name ("(KSAU) | Marsekal TNI ..."); its seat may follow, up to a comma
                # before the name ("(SPPG) Cigunung Desa Sukaresmi, Hana ...") or as one word before a full name
                # ("(UPBU) | Komodo | Ceppy Triono"; before one word the model has cut a name short: "(ITB) | Sony | Sulaksono,")
                closed = j < n and (words[j].lower().rstrip(".") in lex.ranks or words[j].lower().rstrip(".") in lex.honorifics)
                if (not closed and j + 2 < n and j + 1 in person_starts and _is_cap(words[j]) and words[j].isalpha()
                        and _is_cap(words[j + 2])):
                    org_parts.append(words[j])
                    j += 1
                continue
            if w in lex.first_names_in_orgs and j + 1 in person_starts and _first_name_after_region(words, j, j + 1, place_of, lex):
                break  # "Komisi X DPR RI | Lalu | Hadrian Irfani": a first name, not a word of the organisation
            olen = _match_org(words, j, lex)
            if olen:
                org_parts.extend(words[j:j + olen])
                j += olen
                continue
            if _is_cap(w) and (w in lex.common or lex.noun.match(w)):
                org_parts.append(w)  # "Pendayagunaan", "Literasi": words of institutions, not of names
                j += 1
                continue
            if w in lex.org_words and (w != "dan" or (j + 1 < n and (words[j + 1] in lex.org_words or is_common_word(words[j + 1])))) and (_is_cap(w) or w == "dan"):
                org_parts.append(w)
                j += 1
                continue
            if (_ACRONYM.match(w) or _MIXED_ACRONYM.match(w)) and w not in lex.not_org_acronyms:
                org_parts.append(w)
                j += 1
                continue
            # an unknown unit before its region, then a name: "Kepala Dikbud | Kendari | Saemina"
            if not lower and not closed and _is_cap(w) and j not in person_starts:
                k = j
                while k < n and k - j < 3 and _is_cap(words[k]) and _match_region(words, k, lex, place_of) is None:
                    k += 1
                if k > j and k < n and _region_then_name(words, k, lex, place_of):
                    org_parts.extend(words[j:k])
                    j = k
                    continue
            # an English word after the organisation's acronym closes the sentence or clause: "President of GAC | International."
            if (j + 1 >= n or words[j + 1] in (",", ".", ";")) and _english_word_after_acronym(words, j, j + 1, org_parts, lex):
                org_parts.append(w)
                j += 1
                break
            # in apposition after its holder, one word between the title and a verb is its organisation:
            # "James Wu, Vice President | Xpeng | mengungkapkan" (the model may read it as a person)
            if comma_appos and j == i + tlen and j + 1 < n and words[j + 1][:1].islower() and w.isalpha() and _is_cap(w):
                org_parts.append(w)
                j += 1
                break
            # unknown capitalised words before a word of institutions are part of the body's name, where the model
            # found no name: "Direktur Jenderal | Migas ESDM", "Dirjen | Rehabilitasi Sosial", "Direktur | Cagar Alam Nasional"
            run = _unknown_before_institution(words, j, lex, person_starts, name_at) if not closed and not lower else 0
            if run:
                org_parts.extend(words[j:j + run])
                j += run
                continue
            # unknown capitalised words: part of the office when a person's name follows them
            if (_is_cap(w) or w in lex.connectors) and not closed:
                nxt = next((p for p in sorted(person_starts) if p > j), None)
                honorific = False
                while nxt is not None and nxt - 1 > j and words[nxt - 1].lower().rstrip(".") in lex.honorifics:
                    nxt -= 1  # "... Hepatologi dr. | Imelda Maria Loho": the run ends before the honorific
                    honorific = True
                # ... but only over words of institutions: "Pos Pengamatan Gunung Raung | Burhan", while in
                # "Menteri Sosial Saifullah | Yusuf" the model has cut a name short
                if (nxt is not None and nxt - j <= 12 and _cap_run_to(words, j, nxt, lex)
                        and (honorific or numbered or _english_word_after_acronym(words, j, nxt, org_parts, lex) or any(is_common_word(x) or x in lex.org_words or x in lex.company or _ACRONYM.match(x) for x in words[j:nxt])
                             or (nxt - j == 1 and expanded in lex.ministers and not org_parts))):  # "Menteri Imipas | Agus"
                    first_name = _first_name_after_region(words, j, nxt, place_of, lex)
                    end_ = nxt - 1 if words[nxt - 1] == "," or first_name else nxt
                    org_parts.extend(words[j:end_])
                    j = end_
                    if first_name:
                        break
                    continue
                comma = next((k for k in range(j, min(n, j + 9)) if words[k] == ","), None)
                # ... unless the run is itself a person: "komedian Komeng, Cinta Laura, ..." lists people (after a
                # title in lower case, the run must show an institution or a place: "pelatih Madrid, Xabi Alonso")
                if (comma is not None and comma > j and _cap_run_to(words, j, comma, lex) and name_at is not None and name_at(comma + 1)
                        and (any(is_common_word(x) or x in lex.org_words or x in lex.company or _ACRONYM.match(x)
                                 or (place_of is not None and place_of(x)) for x in [*org_parts, *words[j:comma]])
                             or (not lower and j not in person_starts)
                             or (english and j == i + tlen))):  # "Head Sales Marketing | Habitat Park, Rizki"
                    org_parts.extend(words[j:comma])
                    j = comma
                    continue
                # an office in apposition after its holder names its organisation to the end of the run:
                # "Sandy Monteiro selaku President Director Dua Suara Media menyampaikan", "X, Direktur Sinar Abadi, ..."
                if appos or comma_appos:
                    k = j
                    while k < n and k - j < 5 and (_is_cap(words[k]) or (words[k] in lex.connectors and k + 1 < n and _is_cap(words[k + 1])
                                                                       and not _next_appos_holder(words, k))) \
                            and (appos or k not in person_starts):
                        k += 1
                    if k > j and ((appos and (k >= n or words[k][:1].islower() or words[k] in (",", ".", ";")))
                                  or (comma_appos and k < n and words[k] == ",")):
                        org_parts.extend(words[j:k])
                        j = k
                        break
            # a profession qualified in lower case before a name: "pelatih ganda campuran Rionny Mainaky"
            if not org_parts and juris is None and (lower or entry.get("descriptor")) and w[:1].islower():
                k = j
                while (k < n and k - j < 3 and words[k][:1].islower() and words[k].isalpha() and words[k] not in lex.coordinators
                       and words[k] not in lex.clause_words and words[k] not in lex.speech_verbs and not _not_qualifier(words[k])):
                    # "wartawan | di kantornya Jalan ...", "kuasa hukum | mengatakan Lisa ...": a clause, not a qualifier
                    k += 1  # ... but "ekonom | dan peneliti UI, X": a second office of the same holder
                if k > j and (k in person_starts or (name_at is not None and name_at(k))):
                    org_parts.extend(words[j:k])
                    j = k
                    break
                if k > j and k < n and _is_cap(words[k]) and entry.get("descriptor"):
                    org_parts.extend(words[j:k])  # "Dokter spesialis bedah Eka Hospital ..., X"
                    j = k
                    continue
                if (k > j and after_holder and k + 1 < n and words[k] in lex.org_links["after_profession"]
                        and _workplace_end(words, k + 1, lex) is not None):
                    org_parts.extend(words[j:k])  # "X, profesor sejarah | di Universitas Kookmin, ..."
                    j = k
                    continue
            # a generic title qualified in lower case: "Koordinator aksi, X", "penasihat hukum terdakwa, X"
            if not org_parts and juris is None and name_at is not None:
                comma = next((k for k in range(j, min(n, j + 3)) if words[k] == ","), None)
                if (comma is not None and comma > j and all(words[k][:1].islower() and not _not_qualifier(words[k]) for k in range(j, comma))
                        and name_at(comma + 1)):
                    org_parts.extend(words[j:comma])
                    j = comma
            break
        # a second office of the same holder follows after "sekaligus"/"merangkap": the capitalised words up to the link are
        # this office's, never a name ("Direktur Penyelesaian Sengketa Lingkungan Hidup | sekaligus Kuasa Hukum ..., Dodi")
        link = _chain_link(words, i + tlen, lex) if not lower else None
        if link is not None and j < link and not closed and (juris is None or not org_parts):
            org_parts.extend(words[j:link])
            j = link
        if j == i + tlen and words[j - 1] == "of":  # "VP Commercial of | Xpeng ..." read no organisation
            j -= 1
            entry = {**entry, "title": " ".join(words[i:j])}
            expanded = entry["title"]
        while org_parts and org_parts[-1] in lex.connectors:  # "/" is one of them
            if words[j - 1] == org_parts[-1]:
                j -= 1  # a connector that ends the office is not part of it
            org_parts.pop()
        title = _shown_title(entry, lower) + (f" ({short_form})" if short_form else "")
        # a bare generic title ("Ketua", "Kepala", "Anggota", "Direktur") needs an organisation or jurisdiction
        if expanded in lex.generic_titles and not org_parts and juris is None and not entry.get("descriptor"):
            i += tlen
            continue
        # "kantor Wali Kota Jakarta Barat", "Jalan Jenderal Sudirman": an office inside a venue name is not a person's office
        if start > 0 and (words[start - 1].lower() in lex.venue_before or words[start - 1] in lex.venue_heads):
            i = j
            continue
        org = _join(org_parts) or None
        org_expanded = _join(lex.abbrev.get(x, x) for x in _outside_parentheses(org_parts)) or None
        # a qualifier before the title stays in the office: "Plt Deputi Penindakan KPK", "mantan Direktur Utama"
        qualifier = words[start][:1].upper() + words[start][1:] if start < i else None
        office = " ".join(x for x in (qualifier, expanded, ordinal, org_expanded, juris_lead + juris if juris else None) if x)
        s_char = starts[start] if starts else 0
        e_char = _end_char(words, starts, j)
        text = _text(words, spaces, start, j)
        out.append(OfficeMatch(start=start, end=j, start_char=s_char, end_char=e_char, text=text, title=title,
                               organization=org, jurisdiction=juris, office=office,
                               standalone=bool(entry.get("standalone")), lower=lower))
        i = j
    return out


def office_spans(doc, place_of: PlaceLookup | None = None, person_starts: frozenset[int] = frozenset(),
                 name_at: Callable[[int], bool] | None = None) -> Iterator[OfficeMatch]:
    """Offices of a spaCy Doc, with char offsets into ``doc.text``. The words come from the doc's
    cached list and the spaces and offsets from one array each: no Token object per token."""
    from spacy.attrs import SPACY

    from .nlp import doc_starts, doc_words  # here, not at the top: pipeline.nlp imports this module

    words = doc_words(doc)
    spaces = [bool(x) for x in doc.to_array(SPACY).tolist()] if len(doc) else []
    starts = doc_starts(doc)
    yield from find_offices(words, spaces, starts, place_of, person_starts, name_at)
