"""PLACE stage: find Indonesian regions, foreign countries/cities and venues in news text.

Public API
----------
``find_places(text) -> list[PlaceMention]``
    Sorted, non-overlapping mentions (longest match wins); ``text[m.start:m.end] == m.text``.
``load_gazetteer() -> Gazetteer``
    Built once per process (``functools.lru_cache``) from the ``areaid`` package's data plus the
    hand-written lexicon ``pipeline/resources/places.json``.
``region_in(mention) -> PlaceMention | None``
    For a venue, the administrative region named inside it ("Aula PPKD Jakarta Timur" ->
    "Jakarta Timur"), else ``None``. Venues are ONE mention; the region inside is not emitted.

Normalised names
----------------
* province: ``"Provinsi Jawa Tengah"``, ``"Provinsi DKI Jakarta"`` (Kemendagri spelling; areaid's
  "Sumatra"/"Daerah Khusus Ibukota Jakarta" become "Sumatera"/"DKI Jakarta").
* kabupaten/kota: ``"Kota Jakarta Timur, DKI Jakarta"``, ``"Kabupaten Bogor, Jawa Barat"``.
  "Kota Administrasi"/"Kota Adm." and "Kabupaten Administrasi" are always shortened to "Kota"/"Kabupaten".
* kecamatan: ``"Kecamatan Duren Sawit, Kota Jakarta Timur"`` (parent kab/kota).
* kelurahan/desa: ``"Kelurahan Pondok Kelapa, Kecamatan Duren Sawit, Kota Jakarta Timur"``
  (chain up to the kab/kota, since a kecamatan name alone is often ambiguous).
* an ambiguous kecamatan/desa that the text does not resolve: level word + name, no parent, code None.
* country: the Indonesian country name (``"Amerika Serikat"``); foreign city: ``"Gaza, Palestina"``.
* venue: the venue as written with whitespace collapsed.

Codes
-----
``areaid`` carries names, hierarchy and postal codes but no Kemendagri codes. Province codes come from
places.json; kab/kota, kecamatan and kelurahan/desa codes (and the kelurahan-vs-desa distinction,
code segment 1xxx vs 2xxx) are attached when a Kemendagri ``wilayah.sql`` dump is readable: the path in
the environment variable ``PIPELINE_WILAYAH_SQL`` (never a file found implicitly, so output does not
depend on what lies beside the clone). Without
it those codes are ``None`` and kelurahan/desa is guessed from the parent (kota -> kelurahan,
kabupaten -> desa). The dump is only read, never copied.

Matching rules (precision first)
--------------------------------
Text is scanned with one compiled regex for runs of capitalised words (a run never crosses a newline,
comma, period or lower-case word); each run is matched against a token trie (dict keyed on the first
token, one dict probe per stored length). Kab/kota, province, country, city names and abbreviations
match bare when capitalised. A bare match is rejected when:

* the capitalised word before it in the same run is an organisation/office word ("Polres Metro Depok",
  "KPU Jakarta Timur", "Wali Kota Depok", "Real Madrid"), or any other capitalised word that is not
  sentence-initial ("Bank DKI");
* a one-word name is followed by another capitalised word that cannot start a place ("Bima Arya");
* it follows a lower-case language/currency/ethnicity word ("bahasa Indonesia", "dolar AS");
* a 2-3 letter capitalised abbreviation looks like a person's initials ("berinisial AS (35)");
* a one-word name is sentence-initial and an ordinary word ("Malang, kariernya ...");
* a few kab/kota names that are ordinary words or person names (places.json ``kabkota_bare_stop``:
  "Batu", "Bima", "Metro", ...) need a "Kota"/"Kabupaten" prefix.

Kecamatan and kelurahan/desa names match bare only (a) after a level word
(Kecamatan/Kec./Kelurahan/Kel./Desa), (b) in a comma chain before a recognised ancestor ("Pondok
Kelapa, Duren Sawit, Jakarta Timur"; "Cibitung, Bekasi" also moves "Bekasi" to Kabupaten Bekasi),
(c) when the text names their kab/kota elsewhere and, for one-word names, the word is not ordinary
(not sentence-initial, not in ``common_words``, not also written in lower case in the same text), or
(d) when distinctive: multi-word, unique in Indonesia, not on the stoplist, not only ordinary words,
not starting with a common first name. A level-prefixed name followed by a capitalised word that the
gazetteer does not continue ("Desa Sukamaju Zebra") is rejected: the real name is longer.

Ambiguous names are resolved with the other places of the same text (support: the region itself
named 5, its kecamatan 3, kab/kota 2, province 1). Bare names shared by a province and a kota
resolve to the province ("Jakarta", "Bengkulu"); by a kota and a kabupaten, to the kota ("Bogor",
"Malang") unless the text points to the kabupaten. A kab/kota name yields to a same-named village
only via a comma chain ("Depok, Sleman") or when the text names the village's kab/kota and province
and gives the kab/kota no support at all.

Venues: a head word ("Aula", "Gedung", "Jl.", "Rumah Sakit", ...) at the start of a capitalised run,
followed by at least one capitalised word; the venue runs to the end of the run (short parenthesised
acronyms such as "(PPKD)" included, but after one only a region may follow) and stops at a comma,
period, lower-case word, day/month name, title ("Prof", "Kapolres") or common first name. Head+word
pairs that are organisations or common nouns ("Kantor Berita", "Pasar Modal") are not venues. A
lower-case head ("kantor wali kota Jakbar") is accepted only when the capitalised run right after it
names an Indonesian region. Offices themselves ("Wali Kota Jakarta Barat") are left to the OFFICE stage.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import Errors
from .resources import word_zipf

__all__ = [
    "PlaceMention",
    "Region",
    "Gazetteer",
    "find_places",
    "load_gazetteer",
    "region_in",
    "parse_wilayah_sql",
    "DEFAULT_WILAYAH_SQL",
]

RESOURCE = Path(__file__).parent / "resources" / "places.json"
DEFAULT_WILAYAH_SQL: Path | None = None  # never read implicitly: output must not depend on files beside the clone
ENV_WILAYAH_SQL = "PIPELINE_WILAYAH_SQL"

HIGH_LEVELS = frozenset({"provinsi", "kabupaten", "kota", "country", "city"})
LOW_LEVELS = frozenset({"kecamatan", "kelurahan", "desa"})
_ADMIN_HIGH = frozenset({"provinsi", "kabupaten", "kota"})
_F_NAME, _F_PREFIX, _F_VENUE = 1, 2, 4
_LEVEL_RANK = {"provinsi": 0, "kota": 1, "kabupaten": 2, "country": 3, "city": 4,
               "kecamatan": 5, "kelurahan": 6, "desa": 6}
_SUPPORT_WEIGHT = {"provinsi": 1, "kabupaten": 2, "kota": 2, "kecamatan": 3}
_PREFIX_ACCEPTS = {
    "provinsi": frozenset({"provinsi"}),
    "kabupaten": frozenset({"kabupaten"}),
    "kota": frozenset({"kota"}),
    "kecamatan": frozenset({"kecamatan"}),
    "kelurahan": frozenset({"kelurahan", "desa"}),
    "desa": frozenset({"kelurahan", "desa"}),
}
_LEVEL_WORD = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota",
               "kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "desa": "Desa"}

# --- tokenisation -----------------------------------------------------------------------------
_ABBR = r"(?:Jl|Jln|Kec|Kab|Kel|Prov|Ds|Adm)\."
_CAPW = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)*"
_PAREN = r"\([A-Za-z0-9][^()\n]{0,40}\)"
_TOKEN_RE = re.compile(rf"{_ABBR}|{_CAPW}|{_PAREN}")
_RUN_RE = re.compile(rf"(?:{_ABBR}|{_CAPW})(?:[ \t]+(?:{_ABBR}|{_CAPW}|{_PAREN}))*")
_NAME_TOKEN_RE = re.compile(r"[^\s()]+")
_COMMA_GAP_RE = re.compile(r"[ \t]*,[ \t]*")
_BOUNDARY_CHARS = frozenset(".!?\n\r:;–—-|•")
_SKIP_BACK = frozenset(" \t\"'“”‘’(")
_WS_RE = re.compile(r"\s+")
_SCORE_AFTER = re.compile(r"[ \t]+\d{1,2}[-–:]\d{1,2}(?!\d)")
_DATELINE_RE = re.compile(r"([A-Z][A-Z'’]{2,}(?:[ \t][A-Z][A-Z'’]{2,}){0,2})[ \t]*(?:,[ \t]*[\w.]+[ \t]*)?[–—-][ \t]")
_LOWER_WORD_RE = re.compile(r"(?<![\w-])[a-z][a-z]*(?![\w-])")


@dataclass(frozen=True)
class PlaceMention:
    """One place in a text.

    ``region`` (not part of equality) is, for a venue, the administrative region named inside it.
    """

    start: int
    end: int
    text: str
    normalized: str
    level: str
    code: str | None
    source: str
    score: float
    region: "PlaceMention | None" = field(default=None, compare=False, repr=False)


@dataclass(eq=False, slots=True)
class Region:
    """A gazetteer entry: an Indonesian region, a country or a foreign city."""

    uid: int
    level: str
    name: str
    parent: "Region | None" = None
    code: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def canonical(self) -> str:
        """Name with its level word ("Kota Jakarta Timur"); bare name for countries, cities, provinces-as-parent."""
        word = _LEVEL_WORD.get(self.level)
        return f"{word} {self.name}" if word else self.name

    def ancestors(self) -> Iterator["Region"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def normalized(self) -> str:
        if self.level == "provinsi":
            return self.canonical
        if self.level in ("kabupaten", "kota"):
            return f"{self.canonical}, {self.parent.name}" if self.parent else self.canonical
        if self.level == "city":
            return f"{self.name}, {self.parent.name}" if self.parent else self.name
        if self.level == "country":
            return self.name
        parts = [self.canonical]
        for anc in self.ancestors():
            if anc.level == "provinsi":
                break
            parts.append(anc.canonical)
            if anc.level in ("kabupaten", "kota"):
                break
        return ", ".join(parts)


class _Trie:
    """Token sequences keyed on their first token; values of any type. Longest match first.

    ``first[token]`` is a list of ``(length, {tokens: value})`` pairs, longest first, so a lookup costs
    one dict probe per distinct length rather than one comparison per stored sequence.
    """

    def __init__(self) -> None:
        self.first: dict[str, list[tuple[int, dict[tuple[str, ...], object]]]] = {}
        self._staging: dict[str, dict[int, dict[tuple[str, ...], object]]] = {}

    def add(self, tokens: tuple[str, ...], value: object) -> None:
        """Add one sequence (first value wins); call :meth:`freeze` after the last add."""
        self._staging.setdefault(tokens[0], {}).setdefault(len(tokens), {}).setdefault(tokens, value)

    def freeze(self) -> None:
        for tok, by_len in self._staging.items():
            self.first[tok] = sorted(by_len.items(), key=lambda kv: -kv[0])
        self._staging = {}

    def match(self, tokens: list[str], i: int) -> tuple[int, object] | None:
        """Longest stored sequence starting at ``tokens[i]``, as (length, value)."""
        bucket = self.first.get(tokens[i])
        if bucket is None:
            return None
        n = len(tokens)
        for k, seqs in bucket:
            if i + k <= n:
                value = seqs.get(tuple(tokens[i:i + k]))
                if value is not None:
                    return k, value
        return None


def _name_tokens(name: str) -> tuple[str, ...]:
    if "(" in name or ")" in name:
        return tuple(_NAME_TOKEN_RE.findall(name))
    return tuple(name.split())


_PAREN_IN_NAME = re.compile(r"\s*\(([^()]*)\)\s*")


def _split_alias(name: str) -> tuple[str, list[str]]:
    """'Kota Surakarta (Solo)' -> ('Kota Surakarta', ['Solo'])."""
    if "(" not in name:
        return name.strip(), []
    aliases = [a.strip() for a in _PAREN_IN_NAME.findall(name) if a.strip()]
    main = _WS_RE.sub(" ", _PAREN_IN_NAME.sub(" ", name)).strip()
    return main, aliases


def _squash(name: str) -> str:
    """Loose key for comparing region names across sources (case, spaces, hyphens, Sumatra/Sumatera)."""
    s = (_PAREN_IN_NAME.sub(" ", name) if "(" in name else name).lower()
    if "adm" in s or "sumatra" in s or "kep." in s:
        s = s.replace("adm.", " ").replace("administrasi", " ").replace("sumatra", "sumatera")
        s = s.replace("kep.", "kepulauan ")
    s = s.translate(_SQUASH_TABLE)
    return s if s.isalnum() or not s else _NON_ALNUM.sub("", s)


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SQUASH_TABLE = str.maketrans("", "", " -.'’`/,\t\"")


class Gazetteer:
    """Regions and lexicons used by :func:`find_places`; build with :func:`load_gazetteer`."""

    def __init__(self, lexicon: dict, areaid_data: Iterable[dict], wilayah_sql: Path | None = None) -> None:
        self.lexicon = lexicon
        self.regions: list[Region] = []
        self.names = _Trie()          # surface tokens -> list[Region]
        self.prefixes = _Trie()       # level word tokens -> level
        self.venue_heads = _Trie()    # head tokens -> True
        self.org_prefixes = frozenset(lexicon["org_prefixes"])
        self.preceder_ok = frozenset(lexicon["preceder_ok"])
        self.nonplace_preceders = frozenset(lexicon["nonplace_preceders"])
        self.team_cues = frozenset(lexicon["team_cues"])
        self.initials_cues = frozenset(lexicon["initials_cues"])
        self.namesake_titles = frozenset(lexicon["venue_namesake_titles"])
        self.institution_abbreviation_prefixes = tuple(lexicon["institution_abbreviation_prefixes"])
        self.stop_names = frozenset(lexicon["stop_names"])
        self.common_words = frozenset(lexicon["common_words"])
        self.first_names = frozenset(lexicon["first_names"])
        self.bare_stop = frozenset(lexicon["kabkota_bare_stop"])
        self.venue_stop = frozenset(lexicon["venue_stop_words"])
        self.venue_not = frozenset(lexicon["venue_not"])
        self.venue_generic = frozenset(w.lower() for w in lexicon["venue_generic_words"])
        self.admin_words = frozenset(lexicon["admin_words"])
        # words that end a place name in a capitalised run ("Provinsi Jawa Timur Rp 6 triliun")
        self.name_end = frozenset(lexicon.get("name_end_words", ()))
        self.code_stats: dict[str, tuple[int, int]] = {}
        self._surfaces: dict[tuple[str, ...], list[Region]] = {}
        self._build(areaid_data)
        if wilayah_sql is not None:
            try:
                rows = parse_wilayah_sql(wilayah_sql)
            except OSError as exc:
                warnings.warn(Errors.E402.format(path=wilayah_sql, reason=exc), stacklevel=2)
            else:
                self.code_stats = self.attach_kemendagri_codes(rows)
        self._finish()

    # -- building ---------------------------------------------------------------------------------
    def _new(self, level: str, name: str, parent: Region | None, code: str | None = None) -> Region:
        region = Region(len(self.regions), level, name, parent, code)
        self.regions.append(region)
        return region

    def _surface(self, name: str, region: Region) -> None:
        toks = _name_tokens(name)
        if toks:
            lst = self._surfaces.setdefault(toks, [])
            if region not in lst:
                lst.append(region)

    def _build(self, areaid_data: Iterable[dict]) -> None:
        lex = self.lexicon
        self.provinces_by_areaid: dict[str, Region] = {}
        self.provinces_by_code: dict[str, Region] = {}
        for prov in lex["provinces"]:
            region = self._new("provinsi", prov["name"], None, prov["code"])
            self.provinces_by_code[prov["code"]] = region
            if prov["areaid"]:
                self.provinces_by_areaid[prov["areaid"]] = region
            for surface in [prov["name"], *prov["aliases"]]:
                self._surface(surface, region)
        self.kabkota: list[Region] = []
        renamed: dict[str, str] = lex["kabkota_renamed"]
        for prov in areaid_data:
            p_region = self.provinces_by_areaid.get(prov.get("provinsi", ""))
            if p_region is None:
                raise ValueError(Errors.E403.format(
                    reason=f"province {prov.get('provinsi')!r} not in places.json 'provinces'"))
            for kab in prov["kabupaten"]:
                full, aliases = _split_alias(kab["kab_kota"])
                if full in renamed:
                    old_full, full = full, renamed[full]
                    aliases.append(old_full.partition(" ")[2])
                level, _, bare = full.partition(" ")
                level = "kota" if level == "Kota" else "kabupaten"
                bare = re.sub(r"^(?:Adm\.|Administrasi)\s+", "", bare)
                k_region = self._new(level, bare, p_region)
                k_region.aliases = tuple(aliases)
                self.kabkota.append(k_region)
                for surface in [bare, *aliases]:
                    self._surface(surface, k_region)
                for kec in kab["kecamatan"]:
                    c_name, c_aliases = _split_alias(kec["kec"])
                    c_region = self._new("kecamatan", c_name, k_region)
                    for surface in [c_name, *c_aliases]:
                        self._surface(surface, c_region)
                    for kel in kec["kelurahan"]:
                        d_name, d_aliases = _split_alias(kel["kelu"])
                        d_level = "kelurahan" if level == "kota" else "desa"
                        d_region = self._new(d_level, d_name, c_region)
                        for surface in [d_name, *d_aliases]:
                            self._surface(surface, d_region)
        canon = {r.canonical: r for r in self.kabkota}
        canon.update({f"{_LEVEL_WORD[r.level]} {a}": r for r in self.kabkota for a in r.aliases})
        canon.update({f"Provinsi {r.name}": r for r in self.provinces_by_code.values()})
        for surface, target in lex["abbreviations"].items():
            region = canon.get(target)
            if region is None:
                raise ValueError(Errors.E401.format(
                    path=RESOURCE, reason=f"abbreviation {surface!r} targets unknown region {target!r}"))
            self._surface(surface, region)
        countries: dict[str, Region] = {}
        for name, aliases in lex["countries"].items():
            region = self._new("country", name, None)
            countries[name] = region
            for surface in [name, *aliases]:
                self._surface(surface, region)
        for city, country in lex["foreign_cities"].items():
            self._surface(city, self._new("city", city, countries[country]))
        by_name = {r.name: r for r in self.provinces_by_code.values()}
        for name, entry in lex["special_areas"].items():  # "Ibu Kota Nusantara": a city-level area of a province
            region = self._new("city", name, by_name[entry["province"]])
            for surface in [name, *entry.get("aliases", ())]:
                self._surface(surface, region)

    def attach_kemendagri_codes(self, rows: dict[str, str]) -> dict[str, tuple[int, int]]:
        """Give regions their Kemendagri codes from ``{code: name}`` rows of wilayah.sql.

        Matching is by loose name under the already-matched parent. Kab/kota whose code puts them in
        a province other than areaid's (the 2022 Papua split) are moved under that province. Returns,
        per level, (rows of that level matched, rows of that level) for coverage reporting.
        """
        by_level: dict[str, list[tuple[str, str]]] = {"provinsi": [], "kabkota": [], "kecamatan": [], "desa": []}
        for code, name in rows.items():
            depth = code.count(".")
            by_level[("provinsi", "kabkota", "kecamatan", "desa")[min(depth, 3)]].append((code, name))
        stats: dict[str, tuple[int, int]] = {}
        # provinces
        prov_by_squash = {_squash(r.name): r for r in self.provinces_by_code.values()}
        prov_by_squash.update({_squash(p["areaid"]): self.provinces_by_code[p["code"]]
                               for p in self.lexicon["provinces"] if p["areaid"]})
        hit = 0
        for code, name in by_level["provinsi"]:
            region = prov_by_squash.get(_squash(name)) or self.provinces_by_code.get(code)
            if region is not None and region.code == code:
                hit += 1
        stats["provinsi"] = (hit, len(by_level["provinsi"]))
        # kab/kota: names are unique nationally once the level word is kept
        kab_keys: dict[str, Region] = {}
        for region in self.kabkota:
            for variant in [region.name, *region.aliases]:
                kab_keys.setdefault(region.level + _squash(variant), region)
        code_to_region: dict[str, Region] = {}
        hit = 0
        for code, name in by_level["kabkota"]:
            level = "kota" if name.startswith("Kota") else "kabupaten"
            bare = re.sub(r"^(?:Kabupaten|Kota)\s+(?:Administrasi\s+|Adm\.\s+)?", "", name)
            region = kab_keys.get(level + _squash(bare))
            if region is None or region.code is not None:
                continue
            region.code = code
            code_to_region[code] = region
            prov = self.provinces_by_code.get(code.split(".")[0])
            if prov is not None and region.parent is not prov:
                region.parent = prov
            hit += 1
        stats["kabkota"] = (hit, len(by_level["kabkota"]))
        # children by parent
        children: dict[int, dict[str, list[Region]]] = {}
        for region in self.regions:
            if region.level in LOW_LEVELS and region.parent is not None:
                children.setdefault(region.parent.uid, {}).setdefault(_squash(region.name), []).append(region)
        for level_key in ("kecamatan", "desa"):
            hit = 0
            for code, name in by_level[level_key]:
                parent = code_to_region.get(code.rsplit(".", 1)[0])
                if parent is None:
                    continue
                cands = children.get(parent.uid, {}).get(_squash(name))
                if not cands:
                    continue
                region = next((c for c in cands if c.code is None), None)
                if region is None:
                    continue
                region.code = code
                if level_key == "desa":
                    region.level = "kelurahan" if code.rsplit(".", 1)[1].startswith("1") else "desa"
                code_to_region[code] = region
                hit += 1
            stats[level_key] = (hit, len(by_level[level_key]))
        return stats

    def _finish(self) -> None:
        """Fill the tries and the per-surface distinctiveness table."""
        for toks, regions in self._surfaces.items():
            self.names.add(toks, regions)
        for level, words in self.lexicon["level_prefixes"].items():
            for word in words:
                self.prefixes.add(_name_tokens(word), level)
        for head in self.lexicon["venue_heads"]:
            self.venue_heads.add(_name_tokens(head), True)
        for trie in (self.names, self.prefixes, self.venue_heads):
            trie.freeze()
        # one-token surfaces: the only thing a one-word run can be
        self.single_names = frozenset(tok for tok, bucket in self.names.first.items() if bucket[-1][0] == 1
                                      and (tok,) in bucket[-1][1])
        # first token -> which tries can match from it (bit flags)
        self.starters: dict[str, int] = {}
        for trie, flag in ((self.names, _F_NAME), (self.prefixes, _F_PREFIX), (self.venue_heads, _F_VENUE)):
            for tok in trie.first:
                self.starters[tok] = self.starters.get(tok, 0) | flag
        self.high_first = frozenset(t[0] for t, rs in self._surfaces.items()
                                    if any(r.level in HIGH_LEVELS for r in rs)) | frozenset(self.prefixes.first)
        self._distinctive: dict[tuple[str, ...], Region | None] = {}
        heads = "|".join(sorted((re.escape(h) for h in self.lexicon["venue_lowercase_heads"]), key=len, reverse=True))
        mods = "|".join(re.escape(m) for m in self.lexicon["venue_lowercase_modifiers"])
        # matched against the text that ends right where a capitalised run begins
        self.lower_head_re = re.compile(rf"(?<![\w-])(?:{heads})(?:[ \t]+(?:{mods}))*[ \t]+$")
        self._surfaces = {}

    def distinctive(self, toks: tuple[str, ...], regions: list[Region]) -> Region | None:
        """The single kecamatan/desa a bare multi-word name denotes, if it is distinctive enough to
        match without a level word or context (see module doc), else None. Memoised."""
        if toks in self._distinctive:
            return self._distinctive[toks]
        result: Region | None = None
        low = _collapse([r for r in regions if r.level in LOW_LEVELS])
        if len(low) == 1 and len(toks) >= 2 and not any(r.level in HIGH_LEVELS for r in regions):
            name = " ".join(toks)
            if not (name in self.stop_names or toks[0] in self.first_names or toks[0] in self.stop_names
                    or all(t.lower() in self.common_words or t.isupper() for t in toks)):
                result = low[0]
        self._distinctive[toks] = result
        return result


def _collapse(regions: list[Region]) -> list[Region]:
    """Drop a kelurahan/desa when its own kecamatan has the same name and is also a candidate."""
    if len(regions) < 2:
        return regions
    ids = {r.uid for r in regions}
    return [r for r in regions
            if not (r.level in ("kelurahan", "desa") and r.parent is not None
                    and r.parent.uid in ids and r.parent.name == r.name)]


def parse_wilayah_sql(path: Path) -> dict[str, str]:
    """``{code: name}`` from a cahyadsn/wilayah MySQL dump (table ``wilayah(kode, nama)``)."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    rows: dict[str, str] = {}
    for code, name in re.findall(r"\('(\d{2}(?:\.\d+){0,3})','((?:[^'\\]|\\.|'')*)'\)", text):
        rows[code] = name.replace("\\'", "'").replace("''", "'").strip()
    return rows


def _wilayah_path() -> Path | None:
    env = os.environ.get(ENV_WILAYAH_SQL)
    if env:
        return Path(env)
    return None


_LEXICON_KEYS = ("level_prefixes", "admin_words", "provinces", "abbreviations", "kabkota_bare_stop",
                 "venue_heads", "venue_lowercase_heads", "venue_lowercase_modifiers", "venue_stop_words",
                 "venue_not", "venue_generic_words",
                 "kabkota_renamed", "org_prefixes", "preceder_ok", "nonplace_preceders", "stop_names", "common_words",
                 "first_names", "countries", "foreign_cities", "special_areas", "team_cues", "venue_namesake_titles",
                 "model_nonplace_preceders", "nonplace_names", "name_heads_not_place",
                 "institution_abbreviation_prefixes", "initials_cues")


def load_lexicon(path: Path = RESOURCE) -> dict:
    """The parsed places.json (raises ValueError with E401 when unreadable or missing a key)."""
    try:
        with open(path, encoding="utf-8") as fh:
            lexicon = json.load(fh)
    except (OSError, ValueError) as exc:
        raise ValueError(Errors.E401.format(path=path, reason=exc)) from exc
    missing = [k for k in _LEXICON_KEYS if k not in lexicon]
    if missing:
        raise ValueError(Errors.E401.format(path=path, reason=f"missing keys {missing}"))
    return lexicon


def iter_areaid() -> Iterator[dict]:
    """Province records from the installed ``areaid`` package, in its own order."""
    try:
        import areaid

        names = areaid.buka_nama()["himpunan"]
    except (ImportError, OSError, KeyError, ValueError) as exc:
        raise ValueError(Errors.E403.format(reason=exc)) from exc
    for name in names:
        yield from areaid.buka_data(name.lower())


def build_gazetteer(wilayah_sql: Path | None = None, use_default_sql: bool = True) -> Gazetteer:
    """Build a fresh gazetteer (uncached); see :func:`load_gazetteer`."""
    path = wilayah_sql if wilayah_sql is not None else (_wilayah_path() if use_default_sql else None)
    return Gazetteer(load_lexicon(), iter_areaid(), path)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return build_gazetteer()


# --- matching ---------------------------------------------------------------------------------

@dataclass
class _Cand:
    start: int
    end: int
    kind: str                    # "bare" | "prefix" | "venue"
    regions: list[Region]
    toks: tuple[str, ...] = ()
    prefix_level: str | None = None
    inner: tuple[int, int, list[Region], str | None] | None = None  # venue: region span inside
    resolved: Region | None = None
    score: float = 0.0
    accepted: bool = False
    initial: bool = False        # first word of a sentence (capitalisation carries no evidence)


def _sentence_initial(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, line or dateline (quotes and brackets skipped)."""
    i = pos - 1
    while i >= 0 and text[i] in _SKIP_BACK:
        i -= 1
    return i < 0 or text[i] in _BOUNDARY_CHARS


def _word_before(text: str, pos: int) -> str:
    """The alphabetic word just before ``pos`` (spaces skipped), or ''."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalpha()):
        j -= 1
    return text[j + 1:i + 1]


def _support(region: Region, context: dict[int, int]) -> int:
    """Evidence from the text for ``region``: named itself (5), or via named ancestors (kecamatan 3,
    kab/kota 2, province 1)."""
    score = 5 if region.uid in context else 0
    for anc in region.ancestors():
        if anc.uid in context:
            score += _SUPPORT_WEIGHT.get(anc.level, 0)
    return score


def _best(regions: list[Region], context: dict[int, int]) -> tuple[Region | None, int]:
    """Region with the highest context support; ties broken by level rank. None if still tied."""
    scored = sorted(((_support(r, context), -_LEVEL_RANK[r.level], r) for r in regions),
                    key=lambda x: (x[0], x[1]), reverse=True)
    if not scored:
        return None, 0
    top = scored[0]
    if len(scored) > 1 and scored[1][0] == top[0] and scored[1][1] == top[1]:
        return None, top[0]
    return top[2], top[0]


class _Matcher:
    """Finds candidates in the capitalised runs of one text (decisions are taken later in _resolve)."""

    def __init__(self, gaz: Gazetteer, text: str) -> None:
        self.gaz = gaz
        self.text = text

    def _prefixed(self, toks: list[str], i: int) -> tuple[int, str, list[Region]] | None:
        """'Kecamatan Duren Sawit' at ``toks[i]``: (length in tokens, level, regions of that level)."""
        gaz = self.gaz
        hit = gaz.prefixes.match(toks, i)
        if hit is None:
            return None
        k, level = hit
        j = i + k
        while j < len(toks) and toks[j] in gaz.admin_words and level in ("kota", "kabupaten"):
            j += 1
        if j >= len(toks):
            return None
        name = gaz.names.match(toks, j)
        if name is None:
            return None
        n, regions = name
        accepts = _PREFIX_ACCEPTS[level]
        keep = [r for r in regions if r.level in accepts]  # type: ignore[union-attr]
        if not keep:
            return None
        return j + n - i, level, keep

    def scan_run(self, start: int, run: str, dateline: bool) -> list[_Cand]:
        """Candidates in one run of capitalised words starting at text offset ``start``; greedy,
        longest match first (ties: level-prefixed region, then bare name, then venue)."""
        gaz = self.gaz
        starters = gaz.starters
        if " " not in run and "\t" not in run:   # one-token run: the common case
            key = run.title() if dateline and run.isupper() and len(run) > 3 else run
            if key not in starters:
                return []
            spans = [(start, start + len(run), run)]
            toks = [key]
        elif "(" not in run and "  " not in run and "\t" not in run:
            toks = run.split(" ")
            spans = []
            pos = start
            for tok in toks:
                spans.append((pos, pos + len(tok), tok))
                pos += len(tok) + 1
            if dateline:
                toks = [t.title() if t.isupper() and len(t) > 3 else t for t in toks]
        else:
            spans = [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN_RE.finditer(run)]
            toks = [s[2] for s in spans]
            if dateline:
                toks = [t.title() if t.isupper() and len(t) > 3 else t for t in toks]
        n = len(toks)
        initial = _sentence_initial(self.text, start)
        out: list[_Cand] = []
        i = 0
        prev_matched = False
        while i < n:
            tok = toks[i]
            flags = starters.get(tok, 0)
            if not flags:
                i += 1
                prev_matched = False
                continue
            best: tuple[int, str, object] | None = None
            if flags & _F_VENUE:
                venue = gaz.venue_heads.match(toks, i)
                if venue is not None and (i == 0 or (i == 1 and initial) or prev_matched
                                          or toks[i - 1] in gaz.preceder_ok):
                    end = self._venue_end(toks, i, venue[0])
                    if end is not None:
                        best = (end - i, "venue", venue[0])
            if flags & _F_PREFIX:
                pref = self._prefixed(toks, i)
                if pref is not None and (best is None or pref[0] >= best[0]):
                    best = (pref[0], "prefix", pref)
            if flags & _F_NAME:
                bare = gaz.names.match(toks, i)
                if bare is not None and (best is None or bare[0] > best[0]
                                         or (bare[0] == best[0] and best[1] == "venue")):
                    best = (bare[0], "bare", bare[1])
            if best is None:
                i += 1
                prev_matched = False
                continue
            length, kind, payload = best
            s, e = spans[i][0], spans[i + length - 1][1]
            prev = toks[i - 1] if i > 0 else None
            if kind == "venue":
                cand = _Cand(s, e, "venue", [], toks=tuple(toks[i:i + length]))
                cand.inner = self._inner_region(toks, spans, i + payload, i + length)  # type: ignore[arg-type]
                out.append(cand)
                i += length
                prev_matched = True
                continue
            if prev is not None and (prev in gaz.org_prefixes and not prev_matched):
                i += length
                prev_matched = False
                continue
            if kind == "prefix":
                _, level, regions = payload  # type: ignore[misc]
                if i + length < n and toks[i + length][0] != "(" and toks[i + length] not in gaz.high_first \
                        and toks[i + length] not in gaz.name_end:
                    # "Kelurahan Merah Mata": the name goes on past what the gazetteer knows
                    i += length
                    prev_matched = False
                    continue
                out.append(_Cand(s, e, "prefix", regions, prefix_level=level))
                i += length
                prev_matched = True
                continue
            regions = payload  # type: ignore[assignment]
            ok = True
            if prev is not None and not prev_matched:
                if prev not in gaz.preceder_ok and not (i == 1 and initial):
                    ok = False
            if ok and i == 0:
                before = _word_before(self.text, s).lower()
                if before in gaz.nonplace_preceders:
                    ok = False
                elif all(r.level == "city" for r in regions) and (  # type: ignore[union-attr]
                        before in gaz.team_cues or _SCORE_AFTER.match(self.text, e)):
                    ok = False   # "dikalahkan Liverpool 0-1": a club named after its city
                elif length == 1 and tok.isupper() and len(tok) <= 3 and (
                        before in gaz.initials_cues or self.text.startswith(" (", e)
                        and e + 2 < len(self.text) and self.text[e + 2].isdigit()):
                    ok = False   # "tersangka berinisial AS (35)": initials, not a country
            if ok and length == 1 and i == 0 and initial and tok.lower() in gaz.common_words \
                    and self.text.strip() != spans[i][2]:
                ok = False   # "Malang, kariernya ...": a sentence-initial ordinary word (a bare lookup is fine)
            if ok and length == 1 and i + 1 < n:
                nxt = toks[i + 1]
                if nxt[0] != "(" and nxt not in gaz.high_first and nxt not in gaz.name_end:
                    ok = False
            if not ok:
                i += 1
                prev_matched = False
                continue
            out.append(_Cand(s, e, "bare", list(regions), toks=tuple(toks[i:i + length]),  # type: ignore[arg-type]
                             initial=(i == 0 and initial)))
            i += length
            # a low-level-only candidate may still be rejected later; it must not license its neighbour
            prev_matched = any(r.level in HIGH_LEVELS for r in regions)  # type: ignore[union-attr]
        return out

    def _venue_end(self, toks: list[str], i: int, k: int) -> int | None:
        """End token index of a venue whose head is ``toks[i:i+k]``, or None if it is no venue."""
        gaz = self.gaz
        n = len(toks)
        first = i + k
        if first >= n or toks[first][0] == "(":
            return None
        if " ".join(toks[i:first + 1]) in gaz.venue_not:
            return None
        end = first + 1
        while end < n:
            tok = toks[end]
            if tok in gaz.venue_stop or (tok in gaz.first_names and len(toks[end - 1]) > 1
                                         and toks[end - 1] not in gaz.namesake_titles):
                break          # but "Bandara I Gusti Ngurah Rai", "RSI Sultan Agung": named after a person
            if toks[end - 1][0] == "(" and tok[0] != "(" and tok not in gaz.high_first:
                break          # "Universitas Negeri Jakarta (UNJ) Ubedillah ...": a name follows
            end += 1
        while end > first and toks[end - 1][0] == "(":
            end -= 1
        if all(t.lower() in gaz.venue_generic for t in toks[first:end]):
            return None        # "Pasar Modal", "Lapangan Kerja": common nouns, not venues
        return end

    def _inner_region(self, toks: list[str], spans: list[tuple[int, int, str]], lo: int, hi: int
                      ) -> tuple[int, int, list[Region], str | None] | None:
        """First region (prefixed, or bare kab/kota/province/abbreviation) inside a venue's tokens."""
        sub = toks[:hi]
        for j in range(lo, hi):
            if sub[j][0] == "(":
                continue
            pref = self._prefixed(sub, j)
            if pref is not None:
                return spans[j][0], spans[j + pref[0] - 1][1], pref[2], pref[1]
            bare = self.gaz.names.match(sub, j)
            if bare is not None:
                high = [r for r in bare[1] if r.level in _ADMIN_HIGH  # type: ignore[union-attr]
                        and not (r.level in ("kota", "kabupaten") and " ".join(sub[j:j + bare[0]]) in self.gaz.bare_stop)]
                if high:
                    return spans[j][0], spans[j + bare[0] - 1][1], high, None
        return None


def find_places(text: str) -> list[PlaceMention]:
    """All place mentions in ``text``: sorted by start, non-overlapping, deterministic."""
    if not text:
        return []
    gaz = load_gazetteer()
    matcher = _Matcher(gaz, text)
    cands: list[_Cand] = []
    hyph: list[_Cand] = []
    run_at: dict[int, tuple[int, list[_Cand]]] = {}
    starters = gaz.starters
    single = gaz.single_names
    for m in _RUN_RE.finditer(text):
        run = m.group()
        s = m.start()
        dateline = (s == 0 or text[s - 1] in "\n\r") and run.isupper()
        if "-" in run and not dateline:
            toks = list(_TOKEN_RE.finditer(run))
            for k, tm in enumerate(toks):
                # the last part may go on in the next word ("Indonesia-Amerika Serikat"): only a
                # token that ends the run or stands before a bracket is split
                if "-" in tm.group() and tm.group() not in single and (
                        k + 1 == len(toks) or toks[k + 1].group().startswith("(")):
                    hyph.extend(_hyphen_parts(matcher, s + tm.start(), tm.group()))
        if not dateline:
            if " " not in run:
                if run not in single:
                    continue
            elif starters.keys().isdisjoint(run.split()):
                continue
        found = matcher.scan_run(s, run, dateline)
        if found:
            run_at[s] = (m.end(), found)
            cands.extend(found)
    # lower-case venue heads ("kantor wali kota Jakbar") followed by a run containing a region
    # lower-case venue heads ("kantor wali kota Jakbar") right before a run that names a region
    for s, (run_end, found) in run_at.items():
        inner = next((c for c in found if c.kind in ("bare", "prefix")
                      and any(r.level in _ADMIN_HIGH for r in c.regions)), None)
        if inner is None or s == 0 or text[s - 1] not in " \t":
            continue
        lo = max(0, s - 80)
        head = gaz.lower_head_re.search(text, lo, s)
        if head is None:
            continue
        end = run_end
        for tm in _TOKEN_RE.finditer(text, s, run_end):
            if tm.start() > s and tm.group() in gaz.venue_stop:
                end = tm.start()
                break
        end = len(text[:end].rstrip())
        venue = _Cand(head.start(), end, "venue", [], toks=())
        venue.inner = (inner.start, inner.end, inner.regions, inner.prefix_level)
        cands = [c for c in cands if not (c.start >= venue.start and c.end <= venue.end)]
        cands.append(venue)
    # parts of a hyphenated token only where nothing else ("Tol Semarang-Demak") was found there
    cands += [h for h in hyph if not any(c.start < h.end and h.start < c.end for c in cands)]
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    ctx = _resolve(gaz, text, cands)
    out = _emit(text, cands, ctx)
    out += _acronyms_after(text, out)
    out += _rare_names_after_locative(gaz, text, out)
    dl = _dateline_city(text, out)
    out = [dl] + out if dl is not None else out
    return sorted(out, key=lambda m: m.start)


def _hyphen_parts(matcher: "_Matcher", start: int, run: str) -> list[_Cand]:
    """"rute Jeddah-Jakarta", "perjalanan Indonesia-Mekkah": one token joining places with a hyphen
    names each of them. Only when every part is itself found as a region, country or city of
    kab/kota level or higher (a reduplication "Kota-Kota" and a name "Al-Nahyan" are not)."""
    parts = run.split("-")
    if len(parts) < 2 or len(set(parts)) < len(parts) or not all(p[:1].isupper() for p in parts):
        return []
    out: list[_Cand] = []
    pos = start
    for part in parts:
        found = [c for c in matcher.scan_run(pos, part, False)
                 if c.kind == "bare" and c.end - c.start == len(part)
                 and any(r.level in HIGH_LEVELS for r in c.regions)]  # type: ignore[union-attr]
        if not found:
            return []
        out.extend(found)
        pos += len(part) + 1
    return out


_ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Z][A-Za-z]{1,5})\)")


def _acronyms_after(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """A region's acronym defined right after it ("Kabupaten Ogan Komering Ulu (OKU)") is a mention
    of the same region."""
    out = []
    for p in found:
        if p.level == "venue" or (p.start > 0 and text[p.start - 1] == "-"):
            continue  # "Jakarta-Bekasi (JKS)": the acronym is of the pair, not of its last part
        m = _ACRONYM_AFTER.match(text, p.end)
        if m is None or sum(c.isupper() for c in m.group(1)) < 2:
            continue
        out.append(PlaceMention(m.start(1), m.end(1), m.group(1), p.normalized, p.level, p.code, p.source, p.score))
    return out


_RARE_AFTER_LOCATIVE = re.compile(r"(?<![\w-])(?:di|asal)[ \t]+([A-Z][a-z]{3,})(?=[ \t]*(?:[,.;:)\n]|[ \t]+[a-z]|$))")


def _unknown_word(word: str) -> bool:
    """A word neither Indonesian nor English dictionaries know (wordfreq zipf 0): a local name."""
    return word_zipf(word, "id") == 0.0 and word_zipf(word, "en") == 0.0


def _rare_names_after_locative(gaz: Gazetteer, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """A single capitalised word that no dictionary knows, right after "di" or "asal" and followed
    by punctuation or a lower-case word, names a locality too small for the gazetteer ("pos jaga di
    Kedungrejo, ada juga di Pangkalanbaru"): a place, written as it stands. "ke" is left out
    ("disampaikan ke Sjahril" names a person as often). Only where nothing else was found there,
    and not when it opens like an institution's abbreviation ("di Kemensos", "di Satpas":
    places.json institution_abbreviation_prefixes); a person the text names wins over it in the
    merge (nlp)."""
    taken = [(p.start, p.end) for p in found]
    heads = gaz.institution_abbreviation_prefixes
    out = []
    for m in _RARE_AFTER_LOCATIVE.finditer(text):
        s, e = m.start(1), m.end(1)
        if (any(a < e and s < b for a, b in taken) or m.group(1).startswith(heads)
                or not _unknown_word(m.group(1))):
            continue
        out.append(PlaceMention(s, e, m.group(1), m.group(1), "locality", None, "rule", 0.5))
    return out


def _dateline_city(text: str, found: list[PlaceMention]) -> PlaceMention | None:
    """The place of an upper-case dateline that the gazetteer does not know ("AALST – Pembalap ...",
    "SEVILLA, OUTLET.com - ..."): a city, written in title case. Only at the very start of the text,
    and only when nothing was found there."""
    m = _DATELINE_RE.match(text)
    if m is None or any(p.start < m.end(1) for p in found):
        return None
    name = m.group(1)
    return PlaceMention(m.start(1), m.end(1), name, name.title(), "city", None, "rule", 0.6)


def _context(cands: list[_Cand], gaz: Gazetteer) -> dict[int, int]:
    """uids of regions (and ancestors) the text names with confidence."""
    ctx: dict[int, int] = {}
    for c in cands:
        if c.kind == "venue":
            if c.inner is None:
                continue
            regions = c.inner[2]
        elif c.kind == "prefix":
            regions = c.regions
        else:
            regions = [r for r in c.regions if r.level in HIGH_LEVELS]
            if not regions:
                continue
            if " ".join(c.toks) in gaz.bare_stop:
                regions = [r for r in regions if r.level not in ("kota", "kabupaten")]
                if not regions:
                    continue
        common: set[int] | None = None
        for r in regions:
            ids = {r.uid, *(a.uid for a in r.ancestors())}
            common = ids if common is None else common & ids
        for uid in common or ():
            ctx[uid] = 1
    return ctx


def _resolve(gaz: Gazetteer, text: str, cands: list[_Cand]) -> dict[int, int]:
    """Decide, right to left, which candidates are places and which region each denotes.

    Returns the context (uids the text names with confidence) used for the decisions."""
    ctx = _context(cands, gaz)
    nxt: _Cand | None = None
    lower_words: frozenset[str] | None = None   # lower-case words of the text, built on demand
    for c in reversed(cands):
        if c.kind == "venue":
            c.accepted, c.score = True, 0.8
            nxt = c
            continue
        # (b) comma chain: "Pondok Kelapa, Duren Sawit, Jakarta Timur"
        if nxt is not None and nxt.accepted and nxt.resolved is not None \
                and _COMMA_GAP_RE.fullmatch(text, c.end, nxt.start):
            pool = c.regions
            if c.kind == "prefix":
                pool = [r for r in pool if r.level in _PREFIX_ACCEPTS[c.prefix_level or ""]]
            # the anchor, then same-named alternatives of a bare anchor ("Cibitung, Bekasi" ->
            # Kabupaten Bekasi although bare "Bekasi" defaults to Kota Bekasi)
            anchors = [nxt.resolved]
            if nxt.kind == "bare":
                anchors += [r for r in nxt.regions if r is not nxt.resolved and r.level in _ADMIN_HIGH]
            inside: list[Region] = []
            for anchor in anchors:
                inside = _collapse([r for r in pool if any(a is anchor for a in r.ancestors())])
                if inside:
                    if anchor is not nxt.resolved:
                        nxt.resolved = anchor
                    break
            if inside:
                region, _ = _best(inside, ctx)
                if region is None:
                    region = min(inside, key=lambda r: (_LEVEL_RANK[r.level], r.uid))
                c.resolved, c.accepted, c.score = region, True, 0.9
                nxt = c
                continue
        if c.kind == "prefix":
            region, _ = _best(_collapse(c.regions), ctx)
            c.resolved, c.accepted, c.score = region, True, (0.95 if region is not None else 0.6)
            nxt = c
            continue
        surface = " ".join(c.toks)
        high = [r for r in c.regions if r.level in HIGH_LEVELS]
        if high and surface in gaz.bare_stop:
            high = [r for r in high if r.level not in ("kota", "kabupaten")]
        high_best, high_support = _best(high, ctx) if high else (None, 0)
        low_best, low_support = None, 0
        if not high or high_support == 0:
            low = [r for r in c.regions if r.level in LOW_LEVELS]
            if low:
                low_best, low_support = _best(_collapse(low), ctx)
        if low_best is not None and low_support >= 2:
            # capitalisation of a one-word candidate is no evidence when the word is ordinary
            single_stop = surface in gaz.stop_names or c.toks[0] in gaz.first_names
            if not single_stop and len(c.toks) == 1:
                word = surface.lower()
                if lower_words is None:
                    lower_words = frozenset(_LOWER_WORD_RE.findall(text))
                single_stop = c.initial or word in gaz.common_words or word in lower_words
            if single_stop:
                low_best, low_support = None, 0
        if high:
            # a kab/kota/province name yields to a same-named village only when the text names the
            # village's kab/kota and province and gives the big region no support at all
            if low_best is not None and low_support >= 3 and high_support == 0:
                c.resolved, c.accepted, c.score = low_best, True, 0.75
            else:
                region = high_best
                if region is None:
                    region = min(high, key=lambda r: (_LEVEL_RANK[r.level], r.uid))
                    c.score = 0.7
                else:
                    c.score = 0.9
                c.resolved, c.accepted = region, True
        elif low_best is not None and low_support >= 2:
            c.resolved, c.accepted, c.score = low_best, True, 0.75
        elif (region := gaz.distinctive(c.toks, c.regions)) is not None:
            c.resolved, c.accepted, c.score = region, True, 0.7
        nxt = c if c.accepted else None
    return ctx


def _mention(text: str, start: int, end: int, region: Region | None, regions: list[Region],
             prefix_level: str | None, score: float) -> PlaceMention:
    surface = text[start:end]
    if region is not None:
        return PlaceMention(start, end, surface, region.normalized, region.level, region.code,
                            "gazetteer", score)
    # unresolved: level word + name, no parent
    levels = {r.level for r in regions}
    level = prefix_level or (levels.pop() if len(levels) == 1 else "kecamatan")
    name = regions[0].name if regions else surface
    return PlaceMention(start, end, surface, f"{_LEVEL_WORD.get(level, '')} {name}".strip(), level, None,
                        "gazetteer", score)


def _emit(text: str, cands: list[_Cand], ctx: dict[int, int]) -> list[PlaceMention]:
    """PlaceMentions for the accepted candidates, greedily non-overlapping (candidates are sorted)."""
    out: list[PlaceMention] = []
    last_end = -1
    for c in cands:
        if not c.accepted or c.start < last_end:
            continue
        if c.kind == "venue":
            inner = None
            if c.inner is not None:
                s, e, regions, plevel = c.inner
                region, _ = _best(_collapse(regions), ctx)
                if region is None and plevel is None:
                    region = min(regions, key=lambda r: (_LEVEL_RANK[r.level], r.uid))
                inner = _mention(text, s, e, region, regions, plevel, 0.8)
            surface = text[c.start:c.end]
            out.append(PlaceMention(c.start, c.end, surface, _WS_RE.sub(" ", surface).strip(), "venue", None,
                                    "rule", c.score, inner))
        else:
            out.append(_mention(text, c.start, c.end, c.resolved, c.regions, c.prefix_level, c.score))
        last_end = c.end
    return out


def region_in(mention: PlaceMention) -> PlaceMention | None:
    """The administrative region named inside a venue mention (offsets into the same text), else None."""
    return mention.region
