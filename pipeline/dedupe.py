"""Person de-duplication across articles, and near-duplicate article detection.

Two jobs live here:

* :func:`resolve_actors` clusters per-article person entities (:class:`PersonRecord`) into
  actors (:class:`Actor`) with stable ids; :func:`explain` shows why.
* :func:`find_duplicate_articles` maps every article to the earliest copy it duplicates.

Thresholds and weights are configuration, not code: ``pipeline/resources/dedupe.json``
(:class:`DedupeConfig`). Honorifics, degrees, ranks, spelling-variant tables, common first
names and aliases live in ``pipeline/resources/names.json``.

Name forms
----------
Every name has two forms.

* **display form** (:func:`display_name`): brackets, honorifics/ranks at the start
  (``Pak``, ``H.``, ``Dr.``, ``AKBP``, ``Irjen Pol.``...) and degrees after a comma or at the
  end (``S.H.``, ``M.Si.``...) removed, spacing fixed, case kept as written (an all-upper or
  all-lower name is title-cased). ``"H. Moch. Iin Mutmainnah, S.H., M.Si."`` ->
  ``"Moch. Iin Mutmainnah"``. Used for the actor's canonical name and its variants.
* **key form** (:func:`normalize_name`): the display form lower-cased, accents and
  apostrophes dropped, punctuation turned into spaces, then per token: Muhammad/Ahmad/Abdul
  spellings unified (``Moh.``, ``Moch.``, ``Muh.``, ``Mohammad``, ``Mochammad`` ->
  ``muhammad``, written ``muhamad`` once doubled consonants collapse), old spelling
  modernised (``oe``->``u``, ``dj``->``j``, ``tj``->``c``, ``sj``->``sy``, initial
  ``nj``->``ny``, ``ch``->``kh``, and ``j``->``y`` inside a token that shows an old-spelling
  mark, plus a few whole words such as ``Jusuf``->``yusuf``), a final ``y`` after a consonant
  read as ``i`` (``Dedy``/``Dedi``), and doubled consonants collapsed (``Mutmainnah``/``Mutmainah``).
  Finally the whole key is looked up in the alias list (``jokowi`` -> ``joko widodo``).
  Keys are only compared, never shown. A one-letter token is an initial (``M. Yusuf``).

Clustering (:func:`resolve_actors`)
-----------------------------------
1. **Aggregate.** Records whose fullest names share a key form one node, so a million records
   collapse to far fewer names. A key is split into several nodes only on strong evidence:
   its records fall into context groups (linked by a shared office, jurisdiction, org or
   co-occurring person) that all state offices, have no jurisdiction in common, and were
   published over overlapping periods (more than ``split_min_overlap_days``); two people
   called "Agus Salim" heading offices in different provinces at the same time stay apart,
   a career move (mayor, later governor) does not split. Records with no context join the
   biggest group. **In-article links** (:meth:`_Resolver.anchor_in_article`): a name written as
   the first two or more full tokens of the one longer name of its own article ("Iwan Setiawan"
   beside "Iwan Setiawan Lukminto", "Ade Ary" beside "Ade Ary Syam Indradi"; not beside two
   longer names that do not extend each other, not when a generation suffix is cut off, not when
   both state offices and share none) is that person's short form there: the two names are a
   candidate pair (step 2) that merges as a name without its last token does (3). A name without
   its *leading* token is never linked so ("Hamzah Haz" beside "Soraya Hamzah Haz"). A record of
   the short name elsewhere is split off its key as another person on strong contrary evidence
   only: it states an office, the longer name (with its linked short forms) states offices too,
   and they share no office, jurisdiction, organisation or co-occurring person; posts in a
   political party (``party_words``) are left out of that test, as a party post is held beside a
   seat or a ministry. Such a part cannot link with the rest of its key (4), so the context the
   linked records lend the short name never carries another holder of it to the longer name
   ("Iwan Setiawan" of Telkom stays apart from the Sritex owner).
2. **Block.** Candidate pairs come only from shared blocking keys (:func:`_block_entries`), each
   made from the whole name, so that a block holds names alike in all their tokens: for each
   token, the other tokens exactly plus that token whole, with one letter after the first
   deleted (its deletion neighbourhood: two tokens one typo, swap or dropped letter apart share
   a key), or, for a token of six letters or more, with the two consonants around a vowel in
   alphabetical order (two consonants swapped across a vowel, one typo that is two edits:
   "Purnomosidi" / "Purmonosidi"), or as a man's form of a woman's name ("Setiawati" -> "Setia" + "wan"); the same for
   each shorter form keeping the first and last token (a dropped middle name); a token of ten
   letters or more two letters short ("Puluhulawa" / "Puluhuwa"), and each prefix of the last
   token that leaves two letters or more (a word glued on by a scraper: "Prabowo
   Subiantodan"), and, for a name of three tokens or more, the name without its first and
   without its last token, tokens whole ("Tonny Harjono" / "Mohamad Tonny Harjono"), all of
   which pair a name only with a name that has that form as a whole, never two such holders
   with each other; the sorted consonant skeletons of all
   tokens; and initials + last token. (Keys of part of a name, such as "Agus" + "Sal...", fill up as a
   corpus grows: thousands of people share a first name, and hundreds of surnames a first
   syllable; every pair sharing a block is scored.) A block larger than ``max_block_size`` is
   sorted and cut into overlapping windows. The keys are hashed without being built as strings
   (:func:`_block_hashes`). Single-token names are not blocked (see 5).
3. **Score.** Candidate pairs are pre-filtered with vectorised rapidfuzz
   (``token_sort_ratio``, computed as ``ratio`` of the token-sorted keys via ``process.cpdist``,
   against ``prefilter``; pairs with an initial bypass it, and pairs with different token counts
   pass on ``token_set_ratio`` of at least ``subset_min_token_similarity``); survivors get a
   name score from token-level Jaro-Winkler alignment (initial vs token =
   ``initial_similarity``) and ``token_sort_ratio``: equal token counts -> weighted mean; a
   name missing tokens of the other (dropped middle name) -> mean token similarity scaled by
   coverage (``subset_base``); a name with an initial -> mean token similarity. If any aligned
   token pair is below ``min_token_similarity`` the name score is capped at that token
   similarity ("Agus Salim" vs "Agus Susanto", "Siti Aminah" vs "Siti Aisyah" fall below the
   floor); tokens of five letters or fewer that differ must be within one edit and at least
   ``min_token_similarity_short`` alike ("Dedi"/"Dodi", "Indah"/"Indra" are different names).
   The name scores of all survivors are computed in bulk with numpy
   (:func:`_vector_name_scores`, the same rules as :func:`_name_scores`, which the tests
   check); only pairs that reach ``never_merge_floor`` get the per-pair context work below.
   A shorter name merges directly only as a dropped middle name: its tokens in order, first
   with first, last with last (or, for two tokens, surname first: "Hasibuan Ahmad" for
   "Ahmad Riza Hasibuan"), each at least ``subset_min_token_similarity`` alike; or as the
   longer name without its first or its last token ("Sri Mulyani" for "Sri Mulyani
   Indrawati"; never without a ``generation_suffixes`` token, "Donald Trump Jr"), and then
   only with a shared office, jurisdiction or co-occurring person ("Budi Santoso" is a name of
   its own beside "Agus Budi Santoso"); such a pair never makes the shorter name ambiguous (4).
   When the longer name adds a leading full token that is not an initial nor one of names.json
   ``leading_names_dropped`` ("Muhammad", "Teuku", "Ayatollah"), each name is written in at
   least ``frequent_records`` records and no article writes both, the two are a family, not a
   name and its short form (Indonesian names carry a parent's or husband's name after the given
   name: "Putri Rahmat Sinaga" / "Rahmat Sinaga"), and only a shared office merges them: family
   members share co-occurring people and a home region. A longer form written once or twice
   (most often a scraper's word in front, "Brentford Thomas Frank") and an article's own short
   form ("Van Dijk" after "Virgil van Dijk") keep the rule above.
   Two spellings that each occur in at least ``frequent_records`` records and are not near
   identical are two people unless the context agrees: they merge only with a shared office,
   jurisdiction or co-occurring person (a shared org such as a party is too broad), and cannot
   link at all if their jurisdictions are unrelated; a rare spelling (a typo) needs only the
   name. A man's and a woman's form of one name ("Susanto" / "Susanti", "Putra" / "Putri",
   "Kurniawan" / "Kurniawati", "Wahyudi" / "Wahyuni", "Hidayat" / "Hidayah": ``gendered_endings``
   in names.json, on a stem of three letters or more), and two names of one ``lookalike_names``
   group (real names a typo apart: "Hartanto" / "Harjanto", "Suharto" / "Suhartono"), and a
   name of at most four letters beside the same name with one letter more at its end ("Ali" /
   "Alif", "Ari" / "Arif": short names grow into other names; typos fall inside longer ones), are treated
   like two frequent spellings however rare: two people unless the context agrees (a shared
   office, jurisdiction or co-occurring person, which keeps a slip of the pen in one article with
   its person). Near identical means a name score of at least ``strong_name`` with no whole short
   token changed and the tokens in the same order: "Budi Dwi Sinaga" and "Budi Dewi Sinaga",
   "Abdul Hadi Pratama" and "Abdul Adi Pratama", "Galih Dimas Utomo" and "Dimas Galih Utomo"
   score high but are different names.
   Context: shared offices, jurisdictions, orgs and co-occurring persons add bonuses (capped
   by ``max_context_bonus``; a co-occurring person seen next to more than
   ``cooccurring_max_names`` distinct names, such as a president, is no evidence); both
   sides stating jurisdictions with nothing in common (no shared office, jurisdiction or
   co-occurring person) subtracts ``penalty_incompatible_context``. Two names that each state
   offices in at least ``frequent_records`` records, share no office and no jurisdiction, and
   held them over overlapping periods (``split_min_overlap_days`` or more, as in step 1) cannot
   link: one person holds one office at a time, whatever co-occurring person or org they share.
   A pair merges when its name score is at least ``never_merge_floor`` and the combined score at
   least ``merge_threshold``.
4. **Cluster with a chaining guard.** Edges are applied strongest first (ties by key) in a
   union-find; two clusters join only if no cross pair "cannot link": name score below
   ``never_merge_floor``, two parts of a key split in step 1, concurrent offices in unrelated
   jurisdictions (step 3), or an office conflict (different roles in the same jurisdiction,
   e.g. Wali Kota vs Wakil Wali Kota Jakarta Barat, no shared office, and not near identical).
   So a chain A~B~C never merges clearly different A and C. A shorter name (dropped middle
   name, initial) that fits, by name, several longer names of which two cannot link is
   ambiguous: it joins none of them as a whole; each of its records is placed on its own
   (:meth:`_Resolver._pick`). If the record states an office, candidates known to hold other
   offices but not that one are out; the others score 2 per shared office, 1 per shared org, 1 per shared
   co-occurring person and 1 if the record was published while the candidate was in the news
   (between its first and last record, give or take ``activity_slack_days``). The one best
   candidate takes the record; a tie goes to a candidate with at least ``ambiguous_dominance``
   times the records of every other tied one (the far better known person); a record with no
   evidence at all goes to such a dominant candidate, and a record stating an office none of
   the candidates holds, or with no winner, stays with the short name.
5. **Single tokens.** A record whose fullest name is one token (``Prabowo``) joins a
   multi-token actor if the token is that actor's distinctive token: it occurs in exactly
   one multi-token actor of the run and is not a common first name (``Muhammad``, ``Agus``,
   ``Siti``...), or the alias list maps it to a full name. Otherwise the records of that
   token are placed one by one: a record stating an office goes to the actor that has the
   token and holds that office, picked as in step 4 among those actors (no evidence, no
   move); the rest stay together as their own actor ("Harahap").
   (A short form inside one article, "Iin" for "Iin Mutmainah", arrives already linked as a
   variant of the full-name record and is never matched on its own.)
6. **Ids and names.** The canonical name is the fullest display form (most tokens) among the
   forms written at least a quarter as often as the most frequent one (``CANON_ATTESTED``), then
   the most frequent, then the lexicographically first. ``actor_id`` is ``"act_"`` + the first
   ``id_hash_chars`` hex digits of sha1 of its key form; if two actors share a key, the biggest
   (then the one holding the smallest ``(article_id, entity_key)``) keeps the plain id and the
   others hash the key with their most frequent office (then smallest record). Ids therefore
   do not depend on input order and survive added articles while a cluster is unchanged.

Speed
-----
Records sharing a written name are grouped before anything else, so per-record work is a few
dictionary look-ups; the per-record stages are columnar: names, offices, orgs, co-occurring names,
variants and articles become integer codes (one dict look-up each), and grouping records into
nodes, filling a node's context (only a node with several distinct office or org tuples unions
them in Python) and the per-actor counts of the actors table are numpy group-bys over those codes,
not a Python container per node or actor (their cost grew faster than the records: scattered
memory). Sets of distinct int64 values are found by sort and neighbour test, never numpy 2's
hashing ``np.unique`` (a hundred times slower on millions of values). Blocking keeps no key
strings: each (node, key) entry is two 64-bit hashes of the key, so millions of keys cost 16
bytes each instead of a dict entry and a string. Blocking and the prefilter are numpy and
rapidfuzz ``cpdist`` over all candidate pairs, and name scores are computed in bulk (step 3). Normalising the distinct names
and scoring the candidate pairs are split between this process and ``workers`` - 1 forked
processes (only above ``parallel_min_items`` names, and ``parallel_min_pairs`` pairs, where
``fork`` exists, and when no other thread runs; a failed worker's share is redone in process;
results do not depend on ``workers``). A fork write-protects the whole heap, and this process
then pays a page fault for each page it writes, for the rest of the run: after the nodes are
built that cost more CPU at a million mentions (~1.2 s) than half the scoring saves. ``python -m pipeline.dedupe_bench`` measures quality, time and memory at 10k, 100k
and 1M synthetic mentions.

Near-duplicate articles (:func:`find_duplicate_articles`)
---------------------------------------------------------
Articles are visited earliest first (published date, undated last, ties by input order).
Exact copies are found by a hash of the lower-cased word sequence. Others go through MinHash
LSH (datasketch) on word shingles (``minhash_shingle_words``); an LSH candidate counts as a
copy if its estimated Jaccard similarity is at least ``dup_min_jaccard`` or the estimated
containment of the smaller shingle set in the larger at least ``dup_min_containment``
(syndicated copies with different datelines/furniture, light rewrites). Each duplicate points
to the root (earliest) copy. Texts shorter than ``dup_min_words`` words only match exactly.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import hashlib
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, combinations
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import Errors
from .resources import load_resource

RESOURCES = Path(__file__).resolve().parent / "resources"

__all__ = [
    "PersonRecord",
    "Actor",
    "DedupeConfig",
    "normalize_name",
    "display_name",
    "resolve_actors",
    "resolve_actor_index",
    "PersonColumns",
    "explain",
    "find_duplicate_articles",
]


# --------------------------------------------------------------------------------------------
# data model


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One in-article person entity: all mentions of one person in one article."""

    article_id: str
    entity_key: str
    name: str
    variants: tuple[str, ...]
    offices: tuple[str, ...]
    orgs: tuple[str, ...]
    n_mentions: int
    published: datetime.date | None
    cooccurring: tuple[str, ...] = ()


_RECORD_FIELDS = ("article_id", "entity_key", "name", "variants", "offices", "orgs", "n_mentions", "published",
                  "cooccurring")


class PersonColumns:
    """Person records as columns: one sequence per :class:`PersonRecord` field, index-aligned.

    What :func:`resolve_actors` and :func:`resolve_actor_index` read; a list of PersonRecords is
    turned into columns first (:meth:`from_records`). A column may be any sequence with
    ``__getitem__`` and ``__len__`` (a list, an array, or a view such as "the id of the article
    of record i"), so a caller holding many records (pass 2 of an extraction) need not build a
    Python object per record. ``cols[i]`` rebuilds record i as a PersonRecord."""

    __slots__ = _RECORD_FIELDS

    def __init__(self, article_id: Sequence[str], entity_key: Sequence[str], name: Sequence[str],
                 variants: Sequence[tuple[str, ...]], offices: Sequence[tuple[str, ...]],
                 orgs: Sequence[tuple[str, ...]], n_mentions: Sequence[int],
                 published: Sequence[datetime.date | None], cooccurring: Sequence[tuple[str, ...]]) -> None:
        self.article_id, self.entity_key, self.name = article_id, entity_key, name
        self.variants, self.offices, self.orgs = variants, offices, orgs
        self.n_mentions, self.published, self.cooccurring = n_mentions, published, cooccurring
        n = len(name)
        if any(len(getattr(self, f)) != n for f in _RECORD_FIELDS):
            raise ValueError("PersonColumns: columns of different lengths")

    @classmethod
    def from_records(cls, records: Iterable[PersonRecord]) -> "PersonColumns":
        from operator import attrgetter

        records = records if isinstance(records, (list, tuple)) else list(records)
        # one pass per field: ``zip(*rows)`` would first build a tuple per record, a million fresh
        # tuples at 1M records (1.2 us per record there against 0.35 us field by field)
        return cls(*(list(map(attrgetter(f), records)) for f in _RECORD_FIELDS))

    def __len__(self) -> int:
        return len(self.name)

    def __getitem__(self, i: int) -> PersonRecord:
        return PersonRecord(*(getattr(self, f)[i] for f in _RECORD_FIELDS))

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def key_of(self, i: int) -> tuple[str, str]:
        """``(article_id, entity_key)`` of record i: the tie-breaks of ids and splits use it."""
        return self.article_id[i], self.entity_key[i]


@dataclass
class Actor:
    """One row of the actors table."""

    actor_id: str
    name: str
    variants: list[str]
    offices: list[str]
    n_articles: int
    n_mentions: int


@dataclass(frozen=True)
class DedupeConfig:
    """Thresholds and weights (see the module docstring); defaults mirror dedupe.json."""

    prefilter: float = 0.75
    weight_token_sort: float = 0.45
    weight_token_jw: float = 0.55
    min_token_similarity: float = 0.85
    min_token_similarity_short: float = 0.90
    subset_min_token_similarity: float = 0.95
    initial_similarity: float = 0.90
    subset_base: float = 0.90
    merge_threshold: float = 0.88
    never_merge_floor: float = 0.80
    strong_name: float = 0.97
    frequent_records: int = 3
    bonus_shared_office: float = 0.06
    bonus_shared_jurisdiction: float = 0.03
    bonus_shared_org: float = 0.03
    bonus_shared_cooccurring: float = 0.03
    max_context_bonus: float = 0.10
    penalty_incompatible_context: float = 0.06
    cooccurring_max_names: int = 25
    ambiguous_dominance: float = 5.0
    activity_slack_days: int = 60
    split_min_overlap_days: int = 30
    max_block_size: int = 120
    # False: two names sharing only keys of their shorter forms are not paired (dedupe.json)
    block_shorter_form_pairs: bool = True
    max_cross_check: int = 400
    cross_check_representatives: int = 20
    id_hash_chars: int = 12
    workers: int = 2
    parallel_min_items: int = 100_000
    # scoring forks only above this many candidate pairs (dedupe.json: why)
    parallel_min_pairs: int = 5_000_000
    # words of a political party's name: its posts are no contrary evidence (_Resolver._contrary)
    party_words: tuple[str, ...] = ()
    office_roles: tuple[str, ...] = ()
    minhash_num_perm: int = 128
    minhash_shingle_words: int = 3
    lsh_threshold: float = 0.3
    dup_min_jaccard: float = 0.45
    dup_min_containment: float = 0.6
    dup_min_words: int = 20

    @classmethod
    def load(cls, path: str | Path | None = None) -> "DedupeConfig":
        """Read a dedupe.json (default: the packaged one). Keys starting with ``_`` are comments."""
        p = Path(path) if path is not None else RESOURCES / "dedupe.json"
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(Errors.E501.format(path=p, reason=exc)) from exc
        known = {f.name for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if key not in known:
                raise ValueError(Errors.E502.format(path=p, key=key))
            kwargs[key] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)


@lru_cache(maxsize=1)
def _default_config() -> DedupeConfig:
    return DedupeConfig.load()


# --------------------------------------------------------------------------------------------
# name normalisation


@dataclass(frozen=True)
class _NameRules:
    prefixes: frozenset[str]
    degrees: frozenset[str]
    variants: dict[str, str]
    old: dict[str, Any]
    old_words: dict[str, str]
    common: frozenset[str]
    aliases: dict[str, str]  # alias key -> target key
    alias_display: dict[str, str]  # alias key -> target display name
    gendered: tuple[tuple[str, str], ...] = ()  # (masculine ending, feminine ending)
    lookalike: dict[str, frozenset[int]] = dataclasses.field(default_factory=dict)  # key token -> lookalike groups
    suffixes: frozenset[str] = frozenset()  # generation suffixes ("jr", "iii"): never dropped from a name
    leading: frozenset[str] = frozenset()  # name elements writers drop in front of a name (key forms)


@lru_cache(maxsize=1)
def _rules() -> _NameRules:
    p = RESOURCES / "names.json"
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(Errors.E501.format(path=p, reason=exc)) from exc
    variants = {}
    for canon, spellings in data.get("token_variants", {}).items():
        for s in spellings:
            variants[s] = canon
    rules = _NameRules(
        prefixes=frozenset(data.get("prefix_titles", [])),
        degrees=frozenset(d.replace(" ", "") for d in data.get("degrees", [])),
        variants=variants,
        old=dict(data.get("old_spelling", {})),
        old_words=dict(data.get("old_spelling_words", {})),
        common=frozenset(),
        aliases={},
        alias_display={},
        gendered=tuple((m, f) for m, f in data.get("gendered_endings", [])),
        suffixes=frozenset(data.get("generation_suffixes", [])),
    )
    object.__setattr__(
        rules, "common", frozenset(_key_token_with(c, rules) for c in data.get("common_first_names", []))
    )
    object.__setattr__(
        rules, "leading", frozenset(_key_token_with(c, rules) for c in data.get("leading_names_dropped", []))
    )
    for g, group in enumerate(data.get("lookalike_names", [])):
        for tok in group:
            k = _key_token_with(tok, rules)
            rules.lookalike[k] = rules.lookalike.get(k, frozenset()) | {g}
    for alias, target in data.get("aliases", {}).items():
        akey = _key_no_alias(alias, rules)
        if akey:
            rules.aliases[akey] = _key_no_alias(target, rules)
            rules.alias_display[akey] = target
    return rules


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_QUOTES = re.compile(r"[\"“”„«»]")
_GLUED = re.compile(r"(?<=\.)(?=[A-Z][a-z])")
_DEGREE_LIKE = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}\.){1,4}[A-Za-z]{0,5}\.?$")
_NONWORD = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1+")
_FINAL_Y = re.compile(r"(?<=[b-df-hj-np-tv-z])y$")


_GENDERED_MIN_STEM = 3  # "Susant|o" / "Susant|i"; "An|i" / "An|a" are left to the short-token rule
_SHORT_NAME_MAX = 4  # "Ali" / "Alif", "Ari" / "Arif", "Adi" / "Adit": a short name and one letter more is another name


@lru_cache(maxsize=200_000)
def _two_names(s: str, t: str) -> bool:
    """Two key tokens that look like one name with a typo but are two names: the masculine and
    feminine form of one name ("susanto" / "susanti", "putra" / "putri", "kurniawan" /
    "kurniawati"; ``gendered_endings`` in names.json), or two names of one ``lookalike_names``
    group ("hartanto" / "harjanto", "suharto" / "suhartono"), or a short name and the same name with
    one letter more at its end ("ali" / "alif", "ari" / "arif", "iin" / "iing"): a writer who drops
    a letter of a name drops it inside a longer one, while short names grow into other names."""
    if s == t:
        return False
    if len(s) > len(t):
        s, t = t, s
    if len(s) <= _SHORT_NAME_MAX and len(t) == len(s) + 1 and t.startswith(s):
        return True
    rules = _rules()
    gs = rules.lookalike.get(s)
    if gs is not None and not gs.isdisjoint(rules.lookalike.get(t, ())):
        return True
    for m, f in rules.gendered:
        for x, y in ((s, t), (t, s)):
            if x.endswith(m) and y.endswith(f):
                stem = x[: len(x) - len(m)]
                if len(stem) >= _GENDERED_MIN_STEM and y[: len(y) - len(f)] == stem:
                    return True
    return False


def _tnorm(tok: str) -> str:
    return tok.replace(".", "").strip(",;:").lower()


def _is_degree_token(tok: str, rules: _NameRules) -> bool:
    t = _tnorm(tok)
    if t not in rules.degrees:
        return False
    # a plain Title-case word ("Ma", "Ali") is a name, not a degree, unless it carries dots
    return "." in tok or tok.isupper() or (len(tok) > 1 and any(c.isupper() for c in tok[1:]))


def _display_tokens(name: str, rules: _NameRules) -> list[str]:
    s = str(name)
    if not s.isascii():
        s = _QUOTES.sub(" ", unicodedata.normalize("NFKC", s))
    elif '"' in s:
        s = s.replace('"', " ")
    if "(" in s or "[" in s:
        s = _BRACKETS.sub(" ", s)
    tokens: list[str] = []
    for k, piece in enumerate(s.split(",") if "," in s else (s,)):
        words = piece.split()
        if not words:
            continue
        if k > 0 and all(_tnorm(w) in rules.degrees or _DEGREE_LIKE.match(w) for w in words):
            continue  # degrees after a comma
        for w in words:
            if "." in w:
                tokens.extend(t for t in _GLUED.split(w) if t)
            else:
                tokens.append(w)
    tokens = [t if t.isalnum() else t.strip(",;:/-|") for t in tokens]
    tokens = [t for t in tokens if t and (t.isalnum() or any(c.isalnum() for c in t))]
    while len(tokens) > 1 and _tnorm(tokens[0]) in rules.prefixes:
        tokens.pop(0)
    while len(tokens) > 1 and _is_degree_token(tokens[-1], rules):
        tokens.pop()
    return tokens


def _fix_case(tokens: list[str]) -> list[str]:
    letters = "".join(tokens)
    if len(tokens) == 1 and len(tokens[0]) <= 4 and tokens[0].isupper():
        return tokens  # acronym nickname: AHY, SBY
    if letters.isupper() or letters.islower():
        out = []
        for t in tokens:
            parts = t.split("-")
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in parts))
        return out
    return tokens


def display_name(name: str) -> str:
    """Honorifics/degrees/ranks stripped, spacing fixed, case kept (see module docstring)."""
    return " ".join(_fix_case(_display_tokens(name, _rules())))


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _key_token(tok: str) -> str:
    rules = _rules()
    return _key_token_with(tok, rules)


def _key_token_with(t: str, rules: _NameRules) -> str:
    if t in rules.variants:
        t = rules.variants[t]
    elif t in rules.old_words:
        t = rules.old_words[t]
    else:
        old = rules.old
        marked = any(m in t for m in ("oe", "dj", "tj", "sj")) or t.startswith("nj")
        if "oe" in old:
            t = t.replace("oe", old["oe"])
        t = t.replace("dj", "\x01")
        if "tj" in old:
            t = t.replace("tj", old["tj"])
        if "sj" in old:
            t = t.replace("sj", old["sj"])
        if "initial_nj" in old and t.startswith("nj"):
            t = old["initial_nj"] + t[2:]
        if "ch" in old:
            t = t.replace("ch", old["ch"])
        if marked and old.get("j_to_y_in_old_tokens"):
            t = t.replace("j", "y")
        t = t.replace("\x01", old.get("dj", "dj"))
        if t in rules.variants:
            t = rules.variants[t]
    if rules.old.get("final_y_to_i", True) and len(t) > 2:
        t = _FINAL_Y.sub("i", t)
    if rules.old.get("collapse_doubled_consonants"):
        t = _DOUBLED.sub(r"\1", t)
    return t


def _key_no_alias(name: str, rules: _NameRules) -> str:
    """Key form without the alias step (used to build the alias table itself)."""
    toks = _display_tokens(name, rules)
    s = _strip_accents(" ".join(toks).lower()).replace("'", "").replace("`", "").replace("’", "")
    return " ".join(_key_token_with(raw, rules) for raw in _NONWORD.sub(" ", s).split())


def normalize_name(name: str) -> str:
    """Key form of a name: lower-case, titles stripped, spelling unified, aliases resolved.

    ``"H. Moch. Iin Mutmainnah, S.H., M.Si."`` -> ``"muhamad iin mutmainah"``;
    ``"Jokowi"`` -> ``"joko widodo"``. See the module docstring for every rule.
    """
    return _name_forms(name)[1]


def _name_forms(name: str) -> tuple[str, str]:
    """(display form, key form) of a name, sharing one tokenisation."""
    rules = _rules()
    toks = _display_tokens(name, rules)
    s = " ".join(toks).lower()
    if not s.isascii():
        s = _strip_accents(s).replace("’", "")
    if "'" in s or "`" in s:
        s = s.replace("'", "").replace("`", "")
    parts = s.split() if s.replace(" ", "").isalnum() and s.isascii() else _NONWORD.sub(" ", s).split()
    key = " ".join([_key_token(t) for t in parts])
    return " ".join(_fix_case(toks)), rules.aliases.get(key, key)


# --------------------------------------------------------------------------------------------
# context


_DIRECTIONS = frozenset(
    "kota kabupaten kab provinsi prov daerah istimewa dki utara selatan barat timur tengah "
    "raya besar metro resor sektor kepulauan".split()
)


@dataclass(frozen=True)
class _Office:
    key: str
    role: str
    juris: str
    jtokens: frozenset[str]


class _OfficeParser:
    """An office string as dedupe compares it: lower case, without a qualifier in front ("Mantan",
    "Plt": offices.json ``modifiers``; the roles table keeps it, but "Mantan Wali Kota Bogor" names
    the same office as evidence of who a person is), split into role and jurisdiction."""

    def __init__(self, roles: Iterable[str], modifiers: Iterable[str] = ()) -> None:
        self.roles = sorted({r.lower() for r in roles}, key=len, reverse=True)
        self.modifiers = sorted({" ".join(_NONWORD.sub(" ", m.lower()).split()) for m in modifiers} - {""},
                                key=len, reverse=True)
        self.cache: dict[str, _Office] = {}

    def __call__(self, office: str) -> _Office:
        o = self.cache.get(office)
        if o is None:
            key = " ".join(_NONWORD.sub(" ", _strip_accents(office.lower())).split())
            for m in self.modifiers:
                if key.startswith(m + " "):
                    key = key[len(m) + 1 :]
                    break
            role, juris = key, ""
            for r in self.roles:
                if key == r or key.startswith(r + " "):
                    role, juris = r, key[len(r) :].strip()
                    break
            jt = frozenset(t for t in juris.split() if t not in _DIRECTIONS)
            o = _Office(key, role, juris, jt)
            self.cache[office] = o
        return o


_EMPTY: frozenset = frozenset()
_NO_ROLES: dict = {}  # shared by every node without a jurisdiction: never mutated


class _Node:
    """A distinct name key (or one part of a key split by context) with aggregated context.

    The context sets are frozensets, the empty one shared, and equal sets of different nodes are
    one object (:meth:`_Ctx.share`): a million records make hundreds of thousands of nodes."""

    __slots__ = (
        "key", "tokens", "recs", "offices", "juris_roles", "jt", "orgs", "cooc",
        "dmin", "dmax", "omin", "omax", "n_office", "n_records", "part", "idx",
    )

    def __init__(self, key: str, recs: list[int], part: int, tokens: tuple[str, ...] | None = None) -> None:
        self.key = key
        self.tokens = tuple(key.split()) if tokens is None else tokens
        self.recs = recs
        self.part = part
        self.offices: frozenset[str] = _EMPTY
        self.juris_roles: dict[str, frozenset[str]] = _NO_ROLES
        self.jt: frozenset[str] = _EMPTY
        self.orgs: frozenset[str] = _EMPTY
        # a tuple, not a frozenset: one per node and rarely shared, and a set of ten names costs
        # 700 bytes against 120 (hundreds of thousands of nodes); compared only for candidate pairs
        self.cooc: tuple[str, ...] = ()
        # first and last publication day (date ordinals), of all records and of those stating an office
        self.dmin: int | None = None
        self.dmax: int | None = None
        self.omin: int | None = None
        self.omax: int | None = None
        self.n_office = 0  # records stating an office
        self.n_records = len(recs)
        self.idx = -1


class _Ctx:
    """Per-record parsed context, computed once per run."""

    def __init__(self, records: PersonColumns, cfg: DedupeConfig) -> None:
        self.records = records
        self.parse = _OfficeParser(cfg.office_roles, load_resource("offices")["modifiers"])
        self.forms: dict[str, tuple[str, str]] = {}  # raw name -> (display form, key form)
        # record fields as columns: C-level map/itemgetter over a node's records instead of a loop
        self.names = records.name
        self.offices = records.offices
        self.orgs = records.orgs
        self.cooc = records.cooccurring
        self.shared: dict[Any, Any] = {}  # one object per distinct context set / roles dict of the nodes
        self._name_codes: tuple[Any, list[str]] | None = None
        self._office_codes: tuple[Any, list[tuple[str, ...]]] | None = None
        self._cooc_codes: tuple[Any, Any, list[str]] | None = None
        self.name_forms: list[tuple[str, str]] | None = None  # forms of name_codes()'s distinct names
        self._split_feats: dict[tuple, tuple] = {}  # (offices, orgs) -> split_group's features

    def share(self, x: Any) -> Any:
        """One object per distinct value (frozenset, or roles dict keyed by its items)."""
        return self.shared.setdefault(x, x)

    def norm(self, name: str) -> str:
        f = self.forms.get(name)
        if f is None:
            f = self.forms[name] = _name_forms(name)
        return f[1]

    def display(self, name: str) -> str:
        f = self.forms.get(name)
        if f is None:
            f = self.forms[name] = _name_forms(name)
        return f[0] or name.strip()

    def prime(self, names: list[str], cfg: DedupeConfig) -> list[tuple[str, str]]:
        """Normalise many distinct raw names at once, spread over ``cfg.workers`` processes; returns
        their forms, in order (a list read in order, not a dict probed at random)."""
        todo = [n for n in names if n not in self.forms]
        parts = _run_split(lambda lo, hi: [_name_forms(n) for n in todo[lo:hi]], len(todo), cfg.workers,
                           cfg.parallel_min_items)
        new = list(chain.from_iterable(parts))
        self.forms.update(zip(todo, new))
        return new if len(todo) == len(names) else list(map(self.forms.__getitem__, names))

    def name_codes(self) -> tuple[Any, list[str]]:
        """``(code of each record's raw name, distinct raw names)`` (:func:`_factorize`), once per run."""
        if self._name_codes is None:
            self._name_codes = _factorize(self.names)
        return self._name_codes

    def cooc_codes(self) -> tuple[Any, Any, list[str]]:
        """The co-occurring names flattened (:func:`_flat_codes`): ``(record, code, distinct names)``,
        once per run."""
        if self._cooc_codes is None:
            self._cooc_codes = _flat_codes(self.cooc)
        return self._cooc_codes

    def office_codes(self) -> tuple[Any, list[tuple[str, ...]]]:
        """``(code of each record's office tuple, distinct office tuples)``, once per run."""
        if self._office_codes is None:
            self._office_codes = _factorize(self.offices)
        return self._office_codes

    def keys_of(self, names: Sequence[str]) -> list[str]:
        """Key forms of many raw names (cached)."""
        forms = self.forms
        try:
            return [f[1] for f in map(forms.__getitem__, names)]
        except KeyError:
            return list(map(self.norm, names))

    def office_context(self, office_tuples: Iterable[tuple[str, ...]]) -> tuple[frozenset, dict, frozenset]:
        """(office keys, jurisdiction -> roles, jurisdiction tokens) of a set of office tuples,
        each value one shared object (:meth:`share`)."""
        offs: set[str] = set()
        jr: dict[str, set[str]] = {}
        jt: set[str] = set()
        parse = self.parse
        for offices in office_tuples:
            for o in offices:
                po = parse(o)
                offs.add(po.key)
                if po.juris:
                    jr.setdefault(po.juris, set()).add(po.role)
                jt.update(po.jtokens)
        share = self.share
        roles: dict = _NO_ROLES
        if jr:
            items = frozenset((j, frozenset(r)) for j, r in jr.items())
            roles = self.shared.get(items)
            if roles is None:
                roles = self.shared[items] = {j: share(r) for j, r in items}
        return (share(frozenset(offs)) if offs else _EMPTY), roles, (share(frozenset(jt)) if jt else _EMPTY)

    def fill_columns(self, nodes: list[_Node], rec_node: Any, cfg: DedupeConfig) -> None:
        """Offices, jurisdictions, orgs and co-occurring persons of every node (dates: fill_dates).

        Columnar: the office, org and co-occurring-name tuples of the records become integer codes,
        each distinct tuple is parsed once, and a node's distinct codes come from one numpy
        group-by over (node, code); only a node with several distinct tuples unions them in Python.
        Co-occurring persons seen next to more than ``cooccurring_max_names`` names (a president,
        a governor) are dropped here: they prove nothing."""
        import numpy as np

        n_nodes = len(nodes)
        if not n_nodes:
            return

        def node_codes(codes: Any, skip: int) -> tuple[Any, Any, Any]:
            """Distinct (node, code) pairs, codes != skip, sorted: nodes, codes, first row per node."""
            keep = codes != skip
            w = int(codes.max()) + 1 if len(codes) else 1
            u = _unique(rec_node[keep] * w + codes[keep])
            nd, cd = u // w, u % w
            return nd, cd, np.searchsorted(nd, np.arange(n_nodes + 1))

        # offices and jurisdictions
        off_code, off_tuples = self.office_codes()
        empty = off_tuples.index(()) if () in off_tuples else -1
        nd, cd, b = node_codes(off_code, empty)
        one = [self.office_context((t,)) if t else None for t in off_tuples]
        cd_l, b_l = cd.tolist(), b.tolist()
        for k in _unique(nd).tolist():
            lo, hi = b_l[k], b_l[k + 1]
            n = nodes[k]
            ctx = one[cd_l[lo]] if hi - lo == 1 else self.office_context([off_tuples[c] for c in cd_l[lo:hi]])
            n.offices, n.juris_roles, n.jt = ctx
        del off_code, off_tuples, one
        # orgs (lower-cased)
        org_code, org_tuples = _factorize(self.orgs)
        empty = org_tuples.index(()) if () in org_tuples else -1
        nd, cd, b = node_codes(org_code, empty)
        share = self.share
        lower = [share(frozenset({g.lower() for g in t})) if t else _EMPTY for t in org_tuples]
        cd_l, b_l = cd.tolist(), b.tolist()
        for k in _unique(nd).tolist():
            lo, hi = b_l[k], b_l[k + 1]
            nodes[k].orgs = lower[cd_l[lo]] if hi - lo == 1 else share(frozenset().union(*(lower[c] for c in cd_l[lo:hi])))
        del org_code, org_tuples, lower
        # co-occurring persons (key forms), less the node's own key and the names next to many names
        rows, c_code, c_names = self.cooc_codes()
        self._cooc_codes = None
        kindex: dict[str, int] = {}
        forms = self.forms
        ck = np.fromiter((kindex.setdefault(forms[c][1], len(kindex)) for c in c_names), dtype=np.int64,
                         count=len(c_names))[c_code]
        del c_code, c_names
        if len(ck):
            own = np.fromiter((kindex.get(n.key, -1) for n in nodes), dtype=np.int64, count=n_nodes)
            nr = rec_node[rows]
            keep = ck != own[nr]
            w = len(kindex)
            u = _unique(nr[keep] * w + ck[keep])
            nd, cd = u // w, u % w
            df = np.bincount(cd, minlength=w)
            keep = df[cd] <= cfg.cooccurring_max_names
            nd, cd = nd[keep], cd[keep]
            kvals = list(kindex)
            b_l = np.searchsorted(nd, np.arange(n_nodes + 1)).tolist()
            flat = list(map(kvals.__getitem__, cd.tolist()))
            for k in _unique(nd).tolist():
                nodes[k].cooc = tuple(flat[b_l[k] : b_l[k + 1]])

    def fill_dates(self, nodes: list[_Node]) -> Any:
        """First/last day of each node's records (and of those stating an office), in bulk.
        Returns the node of each record (a numpy array)."""
        import numpy as np

        recs = self.records
        if not nodes:
            return np.zeros(0, dtype=np.int64)
        day = self.days()
        has_office = np.fromiter(map(bool, self.offices), dtype=bool, count=len(recs))
        order = np.fromiter(chain.from_iterable(n.recs for n in nodes), dtype=np.int64, count=len(recs))
        starts = np.cumsum([0] + [len(n.recs) for n in nodes[:-1]])
        d = day[order]
        o = has_office[order]
        big = np.iinfo(np.int64).max
        shared: dict[int, int] = {}  # one int object per distinct day: 4 per node otherwise

        def ints(a: Any) -> list[int]:
            xs = a.tolist()
            return list(map(shared.setdefault, xs, xs))

        cols = (
            ints(np.minimum.reduceat(np.where(d >= 0, d, big), starts)),
            ints(np.maximum.reduceat(d, starts)),
            ints(np.minimum.reduceat(np.where(o & (d >= 0), d, big), starts)),
            ints(np.maximum.reduceat(np.where(o, d, -1), starts)),
            ints(np.add.reduceat(o.astype(np.int64), starts)),
        )
        for n, dmin, dmax, omin, omax, n_office in zip(nodes, *cols):
            if dmax >= 0:
                n.dmin, n.dmax = dmin, dmax
            if omax >= 0:
                n.omin, n.omax = omin, omax
            n.n_office = n_office
        rec_node = np.empty(len(recs), dtype=np.int64)
        rec_node[order] = np.repeat(np.arange(len(nodes)), np.diff(np.append(starts, len(recs))))
        return rec_node

    def days(self) -> Any:
        """Publication day (date ordinal, -1 if undated) of every record, a numpy array; computed once
        per distinct date object."""
        import numpy as np

        seen: dict[Any, int] = {}

        def ordinal(p: Any) -> int:
            d = seen.get(p)
            if d is None:
                d = seen[p] = -1 if p is None else p.toordinal()
            return d

        pub = self.records.published
        return np.fromiter(map(ordinal, pub), dtype=np.int64, count=len(pub))

    def split_group(self, key: str, idxs: list[int], cfg: DedupeConfig) -> list[list[int]]:
        """Split one key's records into parts on strong contrary evidence (module docstring)."""
        recs = self.records
        col_off, col_org, col_cooc, col_pub = self.offices, self.orgs, self.cooc, recs.published
        office_sets = set(map(col_off.__getitem__, idxs))
        office_sets.discard(())
        if len(office_sets) <= 1:
            return [idxs]
        # union records sharing any context feature
        parent = list(range(len(idxs)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        # features: ("o", office key), ("j", jurisdiction token), ("g", org) - one tuple per distinct
        # (offices, orgs) pair, cached for the run - and the key forms of co-occurring persons
        first: dict[Any, int] = {}
        feat_cache = self._split_feats
        for pos, i in enumerate(idxs):
            fk = (col_off[i], col_org[i])
            feats = feat_cache.get(fk)
            if feats is None:
                fl: list[tuple[str, str]] = []
                for o in fk[0]:
                    po = self.parse(o)
                    fl.append(("o", po.key))
                    fl.extend(("j", t) for t in po.jtokens)
                fl.extend(("g", g.lower()) for g in fk[1])
                feats = feat_cache[fk] = tuple(fl)
            cooc = col_cooc[i]
            for f in chain(feats, self.keys_of(cooc)) if cooc else feats:
                q = first.setdefault(f, pos)
                if q != pos:
                    a, b = find(q), find(pos)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        comps: dict[int, list[int]] = defaultdict(list)
        for pos, i in enumerate(idxs):
            comps[find(pos)].append(i)
        with_office: list[list[int]] = []
        bare: list[int] = []
        for members in comps.values():
            if any(map(col_off.__getitem__, members)):
                with_office.append(members)
            else:
                bare.extend(members)
        if len(with_office) <= 1:
            return [idxs]

        def order(members: list[int]) -> tuple[int, tuple[str, str]]:
            return (-len(members), min(map(recs.key_of, members)))

        with_office.sort(key=order)
        parts: list[tuple[list[int], set[str], datetime.date | None, datetime.date | None]] = []
        for members in with_office:
            jt: set[str] = set()
            ds = [d for d in map(col_pub.__getitem__, members) if d is not None]
            for offices in set(map(col_off.__getitem__, members)):
                for o in offices:
                    jt.update(self.parse(o).jtokens)
            lo, hi = (min(ds), max(ds)) if ds else (None, None)
            placed = False
            for p in parts:
                pm, pjt, plo, phi = p
                conflict = (
                    bool(jt) and bool(pjt) and not (jt & pjt) and lo is not None and plo is not None
                    and (min(hi, phi) - max(lo, plo)).days >= cfg.split_min_overlap_days  # type: ignore[operator]
                )
                if not conflict:
                    pm.extend(members)
                    pjt.update(jt)
                    if lo is not None:
                        parts[parts.index(p)] = (pm, pjt, min(lo, plo) if plo else lo, max(hi, phi) if phi else hi)  # type: ignore[type-var]
                    placed = True
                    break
            if not placed:
                parts.append((list(members), jt, lo, hi))
        if len(parts) == 1:
            return [idxs]
        out = [sorted(p[0]) for p in parts]
        out[0].extend(bare)
        out[0].sort()
        return out


# --------------------------------------------------------------------------------------------
# scoring


@lru_cache(maxsize=1)
def _rf() -> tuple[Any, Any, Any]:
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA, JaroWinkler

    return fuzz, JaroWinkler, OSA


def _name_scores(ta: tuple[str, ...], tb: tuple[str, ...], cfg: DedupeConfig) -> dict[str, Any]:
    """Name-only similarity of two key token tuples, with each scorer's score."""
    fuzz, JaroWinkler, OSA = _rf()

    if ta == tb:
        return {"token_sort_ratio": 1.0, "token_jaro_winkler": 1.0, "token_min": 1.0,
                "coverage": 1.0, "kind": "equal", "name_score": 1.0, "mergeable": True,
                "distinct_token": False, "two_names": False, "reordered": False, "dropped_edge": False}
    if len(ta) == len(tb) and sorted(ta) == sorted(tb):
        return {"token_sort_ratio": 1.0, "token_jaro_winkler": 1.0, "token_min": 1.0,
                "coverage": 1.0, "kind": "equal", "name_score": 1.0, "mergeable": True,
                "distinct_token": False, "two_names": False, "reordered": True, "dropped_edge": False}
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    used: set[int] = set()
    sims: list[float] = []
    pos: list[int] = []
    initial = False
    short_floor = False
    distinct = False
    two_names = False
    for s in short:
        best, bj, binit = 0.0, -1, False
        for j, t in enumerate(long_):
            if j in used:
                continue
            if len(s) == 1 or len(t) == 1:
                if s == t:
                    sim, ini = 1.0, False
                else:
                    sim, ini = (cfg.initial_similarity if s[0] == t[0] else 0.0), True
            else:
                sim, ini = JaroWinkler.normalized_similarity(s, t), False
            if sim > best:
                best, bj, binit = sim, j, ini
        if bj >= 0:
            used.add(bj)
            t = long_[bj]
            if best < 1.0 and not binit and min(len(s), len(t)) <= 5:
                distinct = True  # Dwi/Dewi, Adi/Hadi, Ayu/Bayu: a short token that differs is another name
                if best < cfg.min_token_similarity_short or OSA.distance(s, t) > 1:
                    short_floor = True  # Dedi/Dodi, Indah/Indra: short tokens must match closely
            if best < 1.0 and not binit and _two_names(s, t):
                distinct = two_names = True  # Susanto/Susanti, Hartanto/Harjanto: two names
        initial = initial or binit
        sims.append(best)
        pos.append(bj)
    tok_mean = sum(sims) / len(sims)
    tok_min = min(sims)
    if short_floor:
        tok_min = min(tok_min, cfg.min_token_similarity - 0.01)
    sort = fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) / 100.0
    coverage = len(short) / len(long_)
    mergeable = True
    dropped_edge = False
    if len(short) == len(long_):
        if initial:
            kind, score = "initial", tok_mean
        else:
            kind, score = "equal", cfg.weight_token_sort * sort + cfg.weight_token_jw * tok_mean
    else:
        kind = "subset"
        full_short = sum(1 for s in short if len(s) > 1)
        score = tok_mean * (cfg.subset_base + (1.0 - cfg.subset_base) * coverage)
        # a dropped middle name: tokens in order, first with first, last with last
        in_order = pos == sorted(pos) and pos[0] == 0 and pos[-1] == len(long_) - 1
        # ... or surname first, as in "Hasibuan Ahmad" for "Ahmad Riza Hasibuan"
        in_order = in_order or (len(short) == 2 and pos == [len(long_) - 1, 0])
        # ... or a dropped first or last token: "Tonny Harjono", "Sri Mulyani" (merged only with
        # agreeing context, _decide)
        if not in_order and len(short) >= 2 and (
                (pos == list(range(len(short))) and long_[-1] not in _rules().suffixes)  # not "Donald Trump Jr"
                or pos == list(range(len(long_) - len(short), len(long_)))):
            in_order = dropped_edge = True
        if full_short < 1 or len(short) < 2 or not in_order or tok_min < cfg.subset_min_token_similarity:
            mergeable = False  # compatible, but no direct evidence: joins only through a chain
    if tok_min < cfg.min_token_similarity:
        score = min(score, tok_min)
    return {"token_sort_ratio": sort, "token_jaro_winkler": tok_mean,
            "token_min": tok_min, "coverage": coverage, "kind": kind,
            "name_score": score, "mergeable": mergeable, "distinct_token": distinct, "two_names": two_names,
            "reordered": kind == "equal" and pos != sorted(pos), "dropped_edge": dropped_edge}


_NO_CONTEXT: dict[str, Any] = {"bonus": 0.0, "penalty": 0.0, "conflict": False, "concurrent_offices": False,
                               "shared_offices": [],
                               "shared_orgs": [], "shared_jurisdiction_tokens": [], "shared_cooccurring": []}


def _near_identical(ns: dict[str, Any], cfg: DedupeConfig) -> bool:
    """Name score at least ``strong_name`` with no whole short token changed and no reordering."""
    return ns["name_score"] >= cfg.strong_name and not ns["distinct_token"] and not ns["reordered"]


def _context_core(a: _Node, b: _Node, near_identical: bool, cfg: DedupeConfig) -> tuple:
    """(bonus, penalty, conflict, concurrent, shared offices, jurisdiction tokens, orgs, co-occurring)."""
    shared_off = a.offices & b.offices
    shared_jt = a.jt & b.jt
    shared_org = a.orgs & b.orgs
    shared_cooc = frozenset(a.cooc).intersection(b.cooc) if a.cooc and b.cooc else _EMPTY
    bonus = 0.0
    if shared_off:
        bonus += cfg.bonus_shared_office
    if shared_jt:
        bonus += cfg.bonus_shared_jurisdiction
    if shared_org:
        bonus += cfg.bonus_shared_org
    if shared_cooc:
        bonus += cfg.bonus_shared_cooccurring
    bonus = min(bonus, cfg.max_context_bonus)
    conflict = False
    concurrent = False
    if not shared_off and not near_identical and a.juris_roles and b.juris_roles:
        for j in a.juris_roles.keys() & b.juris_roles.keys():
            if not (a.juris_roles[j] & b.juris_roles[j]):
                conflict = True
                break
    if (not conflict and not shared_off and not shared_jt and a.jt and b.jt
            and min(a.n_office, b.n_office) >= cfg.frequent_records
            and a.omin is not None and b.omin is not None
            and min(a.omax, b.omax) - max(a.omin, b.omin) >= cfg.split_min_overlap_days):  # type: ignore[operator]
        # both repeatedly hold offices in unrelated jurisdictions over the same period: one person
        # holds one office at a time (the rule that splits a key in step 1); a co-occurring person
        # or an org in common does not undo that
        conflict = concurrent = True
    # orgs (a party, "Polri") are too broad to make two jurisdictions compatible
    incompatible = bool(a.jt) and bool(b.jt) and not (shared_jt or shared_off or shared_cooc)
    penalty = cfg.penalty_incompatible_context if incompatible or concurrent else 0.0
    return bonus, penalty, conflict, concurrent, shared_off, shared_jt, shared_org, shared_cooc


def _context(a: _Node, b: _Node, near_identical: bool, cfg: DedupeConfig) -> dict[str, Any]:
    bonus, penalty, conflict, concurrent, shared_off, shared_jt, shared_org, shared_cooc = _context_core(
        a, b, near_identical, cfg)
    return {"bonus": bonus, "penalty": penalty, "conflict": conflict, "concurrent_offices": concurrent,
            "shared_offices": sorted(shared_off), "shared_orgs": sorted(shared_org),
            "shared_jurisdiction_tokens": sorted(shared_jt), "shared_cooccurring": sorted(shared_cooc)}


def _decide(a: _Node, b: _Node, name_score: float, mergeable: bool, near: bool, cx: tuple,
            cfg: DedupeConfig, needs_context: bool = False, family: bool = False) -> tuple[float, bool, bool, bool]:
    """(combined score, cannot link, mergeable, frequent pair) of two nodes: step 3's rules.
    ``needs_context``: names that merge only with agreeing context (two names that look like one,
    or a name without its first or last token). ``family``: two names written in several
    articles each, one the other with a given name in front, never in one article
    (:meth:`_Resolver._family`): they merge only with a shared office."""
    bonus, penalty, conflict, _, shared_off, shared_jt, _, shared_cooc = cx
    combined = name_score + bonus - penalty
    cannot = name_score < cfg.never_merge_floor or conflict or (a.key == b.key and a.part != b.part)
    frequent = min(a.n_records, b.n_records) >= cfg.frequent_records and not near
    if frequent or needs_context:
        # two spellings each seen in many articles (or two names that only look like one:
        # "Susanto" / "Susanti", "Hartanto" / "Harjanto", or a name and the same without its first or
        # last token: "Tonny Harjono" / "Mohamad Tonny Harjono") are two people unless the context agrees
        if not (shared_off or shared_jt or shared_cooc):
            mergeable = False  # a shared org (a party, "Polri") is too broad on its own
        if penalty > 0:
            cannot = True
    if family and not shared_off:
        # "Putri Rahmat Sinaga" and "Rahmat Sinaga": a daughter carries her father's name (a wife her
        # husband's); family members share co-occurring people and a home region, not an office
        mergeable = False
    return combined, cannot, mergeable, frequent


@lru_cache(maxsize=200_000)
def _skeleton(tok: str) -> str:
    return tok[0] + "".join(c for c in tok[1:] if c not in "aeiou")


_VEC_TOKENS = 4  # names with more tokens are scored by _name_scores only


def _token_table(token_lists: Sequence[tuple[str, ...]]) -> tuple[Any, Any, list[str]]:
    """Token ids per name (``-1`` padded, ``_VEC_TOKENS`` columns), token counts, vocabulary."""
    import numpy as np

    vocab: dict[str, int] = {}
    ids = np.full((len(token_lists), _VEC_TOKENS), -1, dtype=np.int32)
    ntok = np.zeros(len(token_lists), dtype=np.int32)
    for r, toks in enumerate(token_lists):
        ntok[r] = len(toks)
        if len(toks) <= _VEC_TOKENS:
            for c, t in enumerate(toks):
                ids[r, c] = vocab.setdefault(t, len(vocab))
    return ids, ntok, list(vocab)


def _vector_name_scores(ids: Any, ntok: Any, vocab: list[str], a: Any, b: Any, sort_ratio: Any,
                        cfg: DedupeConfig) -> dict[str, Any]:
    """:func:`_name_scores` for many pairs at once (numpy; same rules, same scorers).

    ``a``/``b`` index rows of ``ids``; ``sort_ratio`` is ``token_sort_ratio / 100`` of each pair.
    Returns arrays ``name_score``, ``kind`` (0 equal, 1 initial, 2 subset), ``mergeable``,
    ``distinct_token``, ``two_names`` and ``reordered``. Pairs with a name of more than ``_VEC_TOKENS`` tokens get
    a ``name_score`` of ``inf``: score them one by one. ``tests/test_dedupe.py`` checks it against
    :func:`_name_scores`."""
    import numpy as np
    from rapidfuzz import process

    _, JaroWinkler, OSA = _rf()
    V = max(len(vocab), 1)
    # one spare entry so that masked-out slots (id -1 -> 0) can index even an empty vocabulary
    tlen = np.fromiter(chain((len(t) for t in vocab), (0,)), dtype=np.int32, count=len(vocab) + 1)
    suffixes = _rules().suffixes
    tsuffix = np.fromiter(chain((t in suffixes for t in vocab), (False,)), dtype=bool, count=len(vocab) + 1)
    tfirst = np.fromiter(chain((ord(t[0]) for t in vocab), (0,)), dtype=np.int32, count=len(vocab) + 1)
    na, nb = ntok[a], ntok[b]
    swap = na > nb  # the shorter name is the first unless the second has fewer tokens
    S = np.where(swap[:, None], ids[b], ids[a])
    L = np.where(swap[:, None], ids[a], ids[b])
    ns, nl = np.minimum(na, nb), np.maximum(na, nb)
    m = len(a)
    K = _VEC_TOKENS
    # token similarities for every (short k, long j) slot, from the unique token pairs
    sim = np.zeros((K, K, m))
    ini = np.zeros((K, K, m), dtype=bool)
    minlen = np.zeros((K, K, m), dtype=np.int32)
    far = np.zeros((K, K, m), dtype=bool)  # OSA distance above 1
    two = np.zeros((K, K, m), dtype=bool)  # two names that look like one (_two_names)
    need = []
    for k in range(K):
        for j in range(K):
            sk, lj = S[:, k], L[:, j]
            valid = (k < ns) & (j < nl) & (sk >= 0) & (lj >= 0)
            skc, ljc = np.where(valid, sk, 0), np.where(valid, lj, 0)
            same = valid & (skc == ljc)
            one = valid & ~same & ((tlen[skc] == 1) | (tlen[ljc] == 1))
            sim[k, j][same] = 1.0
            ini[k, j] = one
            sim[k, j][one] = np.where(tfirst[skc[one]] == tfirst[ljc[one]], cfg.initial_similarity, 0.0)
            minlen[k, j] = np.minimum(tlen[skc], tlen[ljc])
            jw = valid & ~same & ~one
            lo, hi = np.minimum(skc, ljc), np.maximum(skc, ljc)
            need.append((k, j, jw, lo.astype(np.int64) * V + hi))
    codes = np.concatenate([c[jw] for _, _, jw, c in need]) if need else np.zeros(0, np.int64)
    codes.sort()
    if len(codes) > 1:
        codes = codes[_run_starts(codes)]
    if len(codes):
        qa = [vocab[x] for x in (codes // V).tolist()]
        qb = [vocab[x] for x in (codes % V).tolist()]
        jw_u = process.cpdist(qa, qb, scorer=JaroWinkler.normalized_similarity, workers=1, dtype=np.float64)
        osa_u = process.cpdist(qa, qb, scorer=OSA.distance, workers=1, dtype=np.int32) > 1
        two_u = np.fromiter(map(_two_names, qa, qb), dtype=bool, count=len(qa))
        for k, j, jw, c in need:
            pos = np.searchsorted(codes, c[jw])
            sim[k, j][jw] = jw_u[pos]
            far[k, j][jw] = osa_u[pos]
            two[k, j][jw] = two_u[pos]
    # greedy alignment: each short token takes its best unused long token, in order
    used = np.zeros((K, m), dtype=bool)
    total = np.zeros(m)
    tmin = np.full(m, np.inf)
    initial = np.zeros(m, dtype=bool)
    floor = np.zeros(m, dtype=bool)
    distinct = np.zeros(m, dtype=bool)
    two_names = np.zeros(m, dtype=bool)
    pos = np.full((K, m), -1)
    rows = np.arange(m)
    for k in range(K):
        active = k < ns
        best = np.zeros(m)
        bj = np.full(m, -1)
        for j in range(K):
            better = active & (j < nl) & ~used[j] & (sim[k, j] > best)
            best = np.where(better, sim[k, j], best)
            bj = np.where(better, j, bj)
        got = bj >= 0
        bjc = np.where(got, bj, 0)
        binit = got & ini[k][bjc, rows]
        used[bjc[got], rows[got]] = True
        pos[k] = bj
        short = got & (best < 1.0) & ~binit & (minlen[k][bjc, rows] <= 5)
        distinct |= short
        floor |= short & ((best < cfg.min_token_similarity_short) | far[k][bjc, rows])
        g = got & (best < 1.0) & ~binit & two[k][bjc, rows]
        distinct |= g
        two_names |= g
        initial |= binit
        total = np.where(active, total + best, total)
        tmin = np.where(active, np.minimum(tmin, best), tmin)
    tok_mean = total / np.maximum(ns, 1)
    tmin = np.where(floor, np.minimum(tmin, cfg.min_token_similarity - 0.01), tmin)
    equal_len = ns == nl
    score = np.where(
        equal_len,
        np.where(initial, tok_mean, cfg.weight_token_sort * sort_ratio + cfg.weight_token_jw * tok_mean),
        tok_mean * (cfg.subset_base + (1.0 - cfg.subset_base) * ns / np.maximum(nl, 1)),
    )
    score = np.where(tmin < cfg.min_token_similarity, np.minimum(score, tmin), score)
    kind = np.where(equal_len, np.where(initial, 1, 0), 2)
    # tokens in order (pos non-decreasing over the short name's tokens)
    ordered = np.ones(m, dtype=bool)
    for k in range(1, K):
        ordered &= (k >= ns) | (pos[k] >= pos[k - 1])
    last = pos[np.clip(ns - 1, 0, K - 1), rows]
    in_order = ordered & (pos[0] == 0) & (last == nl - 1)
    in_order |= (ns == 2) & (pos[0] == nl - 1) & (pos[1] == 0)  # surname first
    # a dropped first or last token (pos 0..ns-1 or nl-ns..nl-1, in order)
    long_last = L[rows, np.clip(nl - 1, 0, K - 1)]
    dropped_edge = ~equal_len & ~in_order & (ns >= 2) & ordered & (
        ((pos[0] == 0) & (last == ns - 1) & ~tsuffix[np.where(long_last >= 0, long_last, len(vocab))])
        | ((pos[0] == nl - ns) & (last == nl - 1)))
    in_order |= dropped_edge
    full_short = ((S >= 0) & (tlen[np.where(S >= 0, S, 0)] > 1)).sum(axis=1)
    mergeable = equal_len | ((full_short >= 1) & (ns >= 2) & in_order & (tmin >= cfg.subset_min_token_similarity))
    reordered = (kind == 0) & ~ordered
    # same tokens in any order: 1.0
    perm = equal_len & (np.sort(S, axis=1) == np.sort(L, axis=1)).all(axis=1)
    score[perm] = 1.0
    kind[perm] = 0
    mergeable[perm] = True
    distinct[perm] = False
    two_names[perm] = False
    dropped_edge[perm] = False
    reordered[perm] = ~(S == L).all(axis=1)[perm]
    score[(nl > K) | (ns < 1)] = np.inf
    return {"name_score": score, "kind": kind, "mergeable": mergeable, "distinct_token": distinct,
            "two_names": two_names, "reordered": reordered, "dropped_edge": dropped_edge}


_BLOCK_MAX_SUBSET_TOKENS = 5  # longer names get the dropped-middle-name keys of their first and last token only
_PREFIX_MIN = 3  # shortest token a longer token is read as glued onto ("Fadli Zonyang")
_GLUE_MIN = 2  # shortest word glued onto a name ("Trumpdi", "Subiantodan")
_DELETE2_MIN = 10  # tokens this long also get keys with two letters deleted (two edits apart)

SHORT_FORM = 1  # flag of a block entry: the key is only that of a shorter form (dropped middle name)
PART_ONLY = 2  # flag of a block entry: the key is only part of a token of the name (a prefix, two letters short)
_LAST_ONLY = 4  # flag of a token variant (not of an entry): only the name's last token has it (prefixes)
EDGE_FORM = 8  # flag of a form (_block_forms), not of an entry: the name without its first or its last token


def _block_entries(tokens: tuple[str, ...]) -> list[tuple[str, int]]:
    """Blocking keys of a name (module docstring, step 2) with their flags (``SHORT_FORM``,
    ``PART_ONLY``): keys of the whole name, so a block holds names alike in all their tokens
    and its size grows neither with how many people share one first name or surname nor with how
    many surnames share a first syllable. For each form of the name and each of its tokens, the
    other tokens exactly (in any order) plus a variant of that token (:func:`_token_variants`):
    the token whole or with one letter after the first deleted (a typo, a swap, a dropped
    letter), or a man's form for a woman's ("setiawati" -> "setia/wan"); a token of
    ``_DELETE2_MIN`` letters or more also with two letters deleted (``PART_ONLY``: "Puluhulawa"
    meets "Puluhuwa"); for the last token also its prefixes that leave at least ``_GLUE_MIN``
    letters (``PART_ONLY``: a word glued on by a scraper, "Prabowo Subiantodan" meets "Prabowo
    Subianto"). The forms are the whole name,
    each shorter form that keeps the first and the last token (a dropped middle name: "Agus
    Salim" for "Agus Dwi Salim"; ``SHORT_FORM``), for names of up to
    ``_BLOCK_MAX_SUBSET_TOKENS`` full tokens (longer ones: first and last only), and, for a name
    of three tokens or more, the name without its first and without its last token with each
    token whole only (``PART_ONLY``: "Tonny Harjono" meets "Mohamad Tonny Harjono", "Sri Mulyani"
    meets "Sri Mulyani Indrawati", and two longer names never meet this way). Then the sorted
    consonant skeletons of all tokens ("s"), and initials + last token ("i").

    Two entries that both hold a key only as part of a token are no candidate pair (so names
    sharing a first syllable, "Hartono" / "Harjanto", do not fill a block, and two long tokens
    meet through two dropped letters only when one is the other two letters short), nor, with
    ``block_shorter_form_pairs`` off, two shorter-form entries. A name with a token twice holds
    some keys twice (its pairs with itself are dropped). This is the definition;
    :meth:`_Resolver.candidate_pairs` hashes the same entries without building their strings
    (:func:`_block_hashes`, checked against this by the tests)."""
    full = [t for t in tokens if len(t) > 1]
    out: list[tuple[str, int]] = []
    for form, flag in _block_forms(full):
        for k, w in enumerate(form):
            rest = " ".join(sorted(form[:k] + form[k + 1 :])) + "|"
            if flag & EDGE_FORM:
                out.append(("d" + rest + w, PART_ONLY))
                continue
            last = k == len(form) - 1
            out.extend((v[0] + rest + v[1:], flag | (vf & PART_ONLY)) for v, vf in _token_variants(w)
                       if last or not vf & _LAST_ONLY)
    out.append(("s" + " ".join(sorted(_skeleton(t) for t in full)), 0))
    if full:
        out.append((_initials_key(tokens), 0))
    return out


def _initials_key(tokens: tuple[str, ...]) -> str:
    return "i" + "".join(t[0] for t in tokens) + "|" + tokens[-1]


def _block_forms(full: Sequence[Any]) -> list[tuple[tuple[Any, ...], int]]:
    """The forms of a name (its full tokens, in order) that get blocking keys, with their flag:
    none for fewer than two tokens. Generic, so it also gives the forms as token positions."""
    if len(full) < 2:
        return []
    forms = [(tuple(full), 0)]
    if len(full) >= 3:
        mids = full[1:-1] if len(full) <= _BLOCK_MAX_SUBSET_TOKENS else []
        first, last = full[0], full[-1]
        subs = [(first, *sub, last) for r in range(len(mids)) for sub in combinations(mids, r)] or [(first, last)]
        forms.extend((f, SHORT_FORM) for f in subs)
        # the name without its first or last token ("Tonny Harjono" for "Mohamad Tonny Harjono", "Sri
        # Mulyani" for "Sri Mulyani Indrawati"): its tokens whole only, paired only with a whole name
        forms.extend(((tuple(full[1:]), EDGE_FORM), (tuple(full[:-1]), EDGE_FORM)))
    return forms


@lru_cache(maxsize=200_000)
def _token_variants(w: str) -> tuple[tuple[str, int], ...]:
    """The variants of one token a blocking key is made of (see :func:`_block_entries`), each
    with its kind first ("d": the token whole, with one letter after the first deleted, or a
    gendered stem; "p": the token whole, or, flagged ``PART_ONLY``, a long token two letters
    short or, also flagged ``_LAST_ONLY``, a prefix), distinct; the last-token-only ones
    last. The deletions are the token's deletion neighbourhood, as SymSpell indexes a
    dictionary: two tokens one substitution, insertion, deletion or swap of neighbours apart
    share one. The first letter is kept, as "Andi" / "Fandi" and "Sartika" / "Kartika" are
    other names."""
    out = {"d" + w: 0}
    for i in range(1, len(w)):
        out.setdefault("d" + w[:i] + w[i + 1 :], 0)
    for g in _gendered_stems(w):
        out.setdefault("d" + g, 0)
    for v in _swap_variants(w):
        out.setdefault("d" + v, 0)
    out["p" + w] = 0
    if len(w) >= _DELETE2_MIN:  # a long token two letters short ("puluhulawa" / "puluhuwa")
        for i in range(1, len(w)):
            for j in range(i + 1, len(w)):
                out.setdefault("p" + w[:i] + w[i + 1 : j] + w[j + 1 :], PART_ONLY)
    for n in range(_PREFIX_MIN, len(w) - _GLUE_MIN + 1):
        out.setdefault("p" + w[:n], PART_ONLY | _LAST_ONLY)
    return tuple(out.items())


_SWAP_MIN = 6  # shortest token whose consonants swapped across a vowel are read as a typo ("Purnomosidi")
_VOWELS = frozenset("aeiou")


def _swap_variants(w: str) -> tuple[str, ...]:
    """The token with the two consonants around one vowel put in alphabetical order, one variant
    per such place (the first letter kept): two tokens that differ only by those two consonants
    swapped ("purnomosidi" / "purmonosidi": n-o-m / m-o-n) share a variant, which one deleted
    letter each cannot give them (a swap of two neighbouring letters is already one deletion
    apart). Tokens shorter than ``_SWAP_MIN`` get none: short names so alike are other names."""
    if len(w) < _SWAP_MIN:
        return ()
    out = []
    for i in range(1, len(w) - 2):
        a, v, b = w[i], w[i + 1], w[i + 2]
        # a pair already in order needs no variant: the token itself, which its whole key holds
        if a > b and v in _VOWELS and a not in _VOWELS and b not in _VOWELS:
            out.append(w[:i] + b + v + a + w[i + 3 :])
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=200_000)
def _gendered_stems(w: str) -> tuple[str, ...]:
    """``stem + "/" + masculine ending`` for each gendered ending of names.json that ``w`` ends
    with on a stem of at least ``_GENDERED_MIN_STEM`` letters."""
    out = []
    for m, f in _rules().gendered:
        for e in (m, f):
            if w.endswith(e) and len(w) - len(e) >= _GENDERED_MIN_STEM:
                out.append(w[: len(w) - len(e)] + "/" + m)
    return tuple(dict.fromkeys(out))


_MIX1 = 0x9E3779B97F4A7C15  # odd 64-bit multipliers that combine the hash of a key's head with its variant's
_MIX2 = 0xC2B2AE3D27D4EB4F


def _block_hashes(token_lists: Sequence[tuple[str, ...]]) -> tuple[Any, Any, Any, Any]:
    """The entries of :func:`_block_entries` for many names, hashed: ``(h1, h2, flags, owner)``,
    one row per entry, ``owner`` the position of its name in ``token_lists`` (rows in no
    particular order). A key is held as two independent 64-bit hashes (the chance that two
    different keys agree on both is nil), and its string is never built: a "d"/"p" key is a
    multiset of other tokens and a variant of one token, so its hashes combine the sum of the
    other tokens' hashes with the variant's; an "s" key is the sum of its skeletons' hashes. Each
    distinct token is hashed, and its variants listed, once; the rest is numpy over all names of
    one token count at a time."""
    import array

    import numpy as np

    u64 = np.uint64
    tok: dict[str, int] = {}
    th1, th2, sk1, sk2 = (array.array("q") for _ in range(4))  # per token: for sums of other tokens, of skeletons
    v1, v2, vf, vstart, n_all, n_own = (array.array("q") for _ in range(6))  # per token: its variants
    flat, lens = array.array("q"), array.array("q")
    x1, x2, x_owner = array.array("q"), array.array("q"), array.array("q")  # initials keys
    for owner, tokens in enumerate(token_lists):
        full = [t for t in tokens if len(t) > 1]
        for t in full:
            c = tok.get(t)
            if c is None:
                c = tok[t] = len(tok)
                th1.append(hash("\x1e" + t))
                th2.append(hash("\x1d" + t))
                sk = _skeleton(t)
                sk1.append(hash("\x1c" + sk))
                sk2.append(hash("\x1b" + sk))
                vs = _token_variants(t)
                vstart.append(len(v1))
                v1.extend(hash(v) for v, _ in vs)
                v2.extend(hash("\x1f" + v) for v, _ in vs)
                vf.extend(f for _, f in vs)
                n_all.append(len(vs))
                n_own.append(sum(1 for _, f in vs if not f & _LAST_ONLY))  # the last-token-only variants come last
            flat.append(c)
        lens.append(len(full))
        if full:
            key = _initials_key(tokens)
            x1.append(hash(key))
            x2.append(hash("\x1f" + key))
            x_owner.append(owner)

    def arr(a: Any, dtype: Any = np.int64) -> Any:
        return np.frombuffer(a, dtype=dtype) if len(a) else np.zeros(0, dtype)

    TH1, TH2, SK1, SK2 = (arr(a).view(u64) for a in (th1, th2, sk1, sk2))
    lens_a, flat_a = arr(lens), arr(flat)
    first = np.concatenate(([0], np.cumsum(lens_a)[:-1])).astype(np.int64)
    g1, g2, gtok, glast, gflag, gown = [], [], [], [], [], []
    s1, s2, s_own = [], [], []
    with np.errstate(over="ignore"):
        for L in _unique(lens_a).tolist():
            rows = np.flatnonzero(lens_a == L)
            M = flat_a[first[rows][:, None] + np.arange(L)]  # token codes, one row per name
            # skeleton key: the sum over all tokens, plus a constant for the kind
            s1.append(SK1[M].sum(axis=1, dtype=u64) + u64(0x5F))
            s2.append(SK2[M].sum(axis=1, dtype=u64) + u64(0x5F))
            s_own.append(rows)
            for cols, flag in _block_forms(list(range(L))):
                for k_i, k in enumerate(cols):
                    others = [j for j in cols if j != k]
                    g1.append(TH1[M[:, others]].sum(axis=1, dtype=u64))
                    g2.append(TH2[M[:, others]].sum(axis=1, dtype=u64))
                    gtok.append(M[:, k])
                    glast.append(np.full(len(rows), k_i == len(cols) - 1))
                    # an edge form (EDGE_FORM) keeps each token whole only: its first variant, PART_ONLY
                    # (no other form is PART_ONLY, so the flag also tells the edge forms below)
                    gflag.append(np.full(len(rows), PART_ONLY if flag & EDGE_FORM else flag, dtype=np.int8))
                    gown.append(rows)
        cat = (lambda parts, dtype: np.concatenate(parts) if parts else np.zeros(0, dtype))
        G1, G2, GT, GL, GF, GO = (cat(x, d) for x, d in ((g1, u64), (g2, u64), (gtok, np.int64), (glast, bool),
                                                        (gflag, np.int8), (gown, np.int64)))
        del g1, g2, gtok, glast, gflag, gown
        S1, S2, SO = cat(s1, u64), cat(s2, u64), cat(s_own, np.int64)
        cnt = (np.where(GF & PART_ONLY, 1, np.where(GL, arr(n_all)[GT], arr(n_own)[GT])) if len(GT)
               else np.zeros(0, np.int64))
        offs = np.cumsum(cnt) - cnt
        n_e = int(cnt.sum())
        total = n_e + len(S1) + len(x1)
        h1o, h2o, own_o = np.empty(total, np.int64), np.empty(total, np.int64), np.empty(total, np.int64)
        flags = np.zeros(total, np.int8)
        V1, V2, VF, VS = arr(v1).view(u64), arr(v2).view(u64), (arr(vf) & PART_ONLY).astype(np.int8), arr(vstart)
        step = 1 << 16  # groups expanded at a time: bounds the temporaries (a million names: ~6M entries)
        for g0 in range(0, len(GT), step):
            g = slice(g0, g0 + step)
            c = cnt[g]
            lo, n = int(offs[g0]), int(c.sum())
            rep = np.repeat(np.arange(g0, g0 + len(c), dtype=np.int64), c)
            vidx = np.repeat(VS[GT[g]] - (offs[g] - lo), c) + np.arange(n, dtype=np.int64)
            h1o[lo : lo + n] = (G1[rep] * u64(_MIX1) + V1[vidx]).view(np.int64)
            h2o[lo : lo + n] = (G2[rep] * u64(_MIX2) + V2[vidx]).view(np.int64)
            flags[lo : lo + n] = GF[rep] | VF[vidx]
            own_o[lo : lo + n] = GO[rep]
    s_end = n_e + len(S1)
    h1o[n_e:s_end], h2o[n_e:s_end], own_o[n_e:s_end] = S1.view(np.int64), S2.view(np.int64), SO
    h1o[s_end:], h2o[s_end:], own_o[s_end:] = arr(x1), arr(x2), arr(x_owner)
    return h1o, h2o, flags, own_o


def _shared_keys(h1: Any, h2: Any) -> tuple[Any, Any, Any]:
    """The entries whose key (two 64-bit hashes, ``h1`` and ``h2``) is held by two entries or more,
    grouped: ``(order, high, h2[order])``, ``order`` the entries' positions, one key's entries
    together and in position order, ``high`` the high bits of their ``h1`` (40 at ten million
    entries): a key is told by those and ``h2``, still ~100 bits (an entry whose high bits only
    are shared may be left, alone).

    Most keys are held by one name. The entries are sorted as one array of 64-bit words, the high
    bits of ``h1`` above the entry's position, not by ``argsort``: a plain sort of 8M entries (a
    million mentions) is eight times faster, and grows less (from 1.4M to 14M random values on
    the development machine, argsort 24x, sort 13x). Entries alone with their high bits are dropped; two keys that share them (a few hundred
    pairs of keys at a million names) are put apart by a sort of their entries on ``h2``."""
    import numpy as np

    n = len(h1)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64), h2[:0]
    bits = np.uint64(int(n - 1).bit_length())
    packed = (h1.view(np.uint64) >> bits << bits) | np.arange(n, dtype=np.uint64)
    packed.sort()
    high = packed >> bits
    starts = _run_starts(high)
    keep = np.flatnonzero(~(starts & np.append(starts[1:], True)))  # entries of runs longer than one
    del starts
    order = (packed[keep] & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)
    del packed
    high = high[keep]
    del keep
    s2 = h2[order]
    same_high = high[1:] == high[:-1]
    mixed = same_high & (s2[1:] != s2[:-1])
    if mixed.any():  # runs of one high part holding two keys: sorted on (h2, position) within the run
        starts = np.flatnonzero(_run_starts(high))
        ends = np.append(starts[1:], len(order))
        runs = _unique(np.searchsorted(starts, np.flatnonzero(mixed), side="right") - 1).tolist()
        pos = np.concatenate([np.arange(starts[r], ends[r]) for r in runs])
        sub = pos[np.lexsort((order[pos], s2[pos], high[pos]))]
        order[pos], s2[pos] = order[sub], s2[sub]
    return order, high, s2


def _run_split(work: Any, n: int, workers: int, min_items: int) -> list[Any]:
    """``[work(lo, hi), ...]`` over ``range(n)`` cut in ``workers`` slices, the first in this process
    and the others in forked children (results sent back pickled), so the cores of one machine
    share the work. In process only when ``workers <= 1``, ``n < min_items``, fork is not
    available, other threads are running (forking a threaded process is unsafe), or this process
    is a daemonic worker itself."""
    import multiprocessing as mp
    import pickle
    import threading

    workers = max(1, min(int(workers), os.cpu_count() or 1))
    if (workers == 1 or n < min_items or not hasattr(os, "fork") or threading.active_count() > 1
            or mp.current_process().daemon):  # a daemonic process may not have children
        return [work(0, n)]

    ctx = mp.get_context("fork")
    bounds = [n * k // workers for k in range(workers + 1)]
    procs = []
    for k in range(1, workers):
        recv, send = ctx.Pipe(duplex=False)

        def child(send: Any = send, lo: int = bounds[k], hi: int = bounds[k + 1]) -> None:
            try:
                res = work(lo, hi)
                send.send_bytes(pickle.dumps(("ok", (res, _private_kb())), protocol=pickle.HIGHEST_PROTOCOL))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent
                send.send_bytes(pickle.dumps(("error", repr(exc))))
            finally:
                send.close()

        pr = ctx.Process(target=child, daemon=True)
        pr.start()
        send.close()
        procs.append((pr, recv, bounds[k], bounds[k + 1]))
    try:
        out = [work(bounds[0], bounds[1])]
    except BaseException:
        for pr, *_ in procs:
            pr.terminate()
            pr.join()
        raise
    for pr, recv, lo, hi in procs:
        try:
            status, payload = pickle.loads(recv.recv_bytes())
        except EOFError:
            status, payload = "error", "worker died"
        pr.join()
        if status != "ok":  # a failed worker costs only time: redo its slice here
            payload = (work(lo, hi), 0)
        out.append(payload[0])
        WORKER_PEAK_PRIVATE_KB[0] = max(WORKER_PEAK_PRIVATE_KB[0], payload[1])
    return out


WORKER_PEAK_PRIVATE_KB = [0]  # largest private (not shared with the parent) memory of a worker, kB
# work done by the last run in this process (nodes, candidate pairs, pairs whose names come close
# enough to look at context, records of keys split by context, records of ambiguous short names
# placed one by one): what dedupe_bench prints beside the time, so growth in cost can be told from
# growth in work
LAST_RUN_COUNTS: dict[str, int] = {}


def _private_kb() -> int:
    """Private memory of this process in kB (Linux /proc; 0 elsewhere): what a forked worker adds."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as f:
            return sum(int(line.split()[1]) for line in f if line.startswith(("Private_Clean", "Private_Dirty")))
    except (OSError, ValueError, IndexError):
        return 0


# --------------------------------------------------------------------------------------------
# resolution


@dataclass
class _Run:
    records: PersonColumns
    cfg: DedupeConfig
    nodes: list[_Node]
    rec_node: Any  # numpy array: node of each record
    root_of: list[int]  # node -> representative node of its final cluster
    scored: list[dict[str, Any]]
    single_attach: dict[int, int]
    rec_override: dict[int, int]  # record -> root, for records of ambiguous short names
    ctx: "_Ctx"


class _Resolver:
    def __init__(self, records: Sequence[PersonRecord] | PersonColumns, cfg: DedupeConfig, debug: bool = False) -> None:
        if not isinstance(records, PersonColumns):
            records = PersonColumns.from_records(records)
        self.records = records
        self.cfg = cfg
        self.debug = debug
        self.ctx = _Ctx(records, cfg)
        self.pair_cache: dict[int, bool] = {}  # i * n_nodes + j (i < j) -> cannot link
        self.scored: list[dict[str, Any]] = []
        self.ambiguous: dict[int, list[int]] = {}
        self.single_context: dict[int, int] = {}  # single-token node -> records moved by office
        self.anchored: dict[int, str] = {}  # record -> key of the longer name it stands for in its article
        self.contrary: set[int] = set()  # records split off a linked short name as another person

    # -- step 1
    def build_nodes(self) -> tuple[list[_Node], list[int]]:
        """Step 1: one node per key form (or per part of a key split by context).

        Columnar: records are grouped by the integer code of their key (a stable numpy sort, so a
        key's records stay in input order), a key is handed to :meth:`_Ctx.split_group` only if
        its records state two or more distinct office tuples (otherwise it cannot split), and
        the context of all nodes is filled at once (:meth:`_Ctx.fill_columns`)."""
        import numpy as np

        ctx, cfg = self.ctx, self.cfg
        name_code, distinct = ctx.name_codes()
        # the names of co-occurring persons are normalised too (fill_columns, split_group): all at once
        cooc = set(ctx.cooc_codes()[2])
        cooc.difference_update(distinct)
        ctx.name_forms = ctx.prime(distinct + sorted(cooc), cfg)[: len(distinct)]
        del cooc
        name_keys = [f[1] for f in ctx.name_forms]
        keys = sorted(set(name_keys))
        kidx = {k: i for i, k in enumerate(keys)}
        rec_key = np.fromiter(map(kidx.__getitem__, name_keys), dtype=np.int64, count=len(distinct))[name_code]
        del name_keys
        self.anchored, contrary = self.anchor_in_article(keys, kidx, rec_key)
        self.contrary = contrary
        del kidx
        order = np.argsort(rec_key, kind="stable")
        bounds = np.searchsorted(rec_key[order], np.arange(len(keys) + 1)).tolist()
        # keys whose records state two or more distinct office tuples: the only ones that may split
        off_code, off_tuples = ctx.office_codes()
        stated = off_code != (off_tuples.index(()) if () in off_tuples else -1)
        width = len(off_tuples) + 1
        pairs = _unique(rec_key[stated] * width + off_code[stated]) // width
        may_split = set(np.flatnonzero(np.bincount(pairs, minlength=len(keys)) >= 2).tolist())
        del stated, pairs, rec_key
        order_l = order.tolist()
        del order
        nodes: list[_Node] = []
        split_records = 0
        tokens: dict[str, str] = {}  # one object per distinct token
        for k, key in enumerate(keys):
            members = order_l[bounds[k] : bounds[k + 1]]
            off = [i for i in members if i in contrary] if contrary else ()
            if off:  # another person of a short name linked to a longer one (anchor_in_article)
                members = [i for i in members if i not in contrary]
            if k in may_split:
                parts = ctx.split_group(key, members, cfg)
                split_records += len(members)
            else:
                parts = (members,)
            if off:
                parts = [*parts, off]
            toks = tuple(tokens.setdefault(t, t) for t in key.split())
            for p, recs in enumerate(parts):
                node = _Node(key, recs, p, toks)
                node.idx = len(nodes)
                nodes.append(node)
        del order_l, bounds, keys, may_split
        LAST_RUN_COUNTS.update(split_records=split_records)
        rec_node = ctx.fill_dates(nodes)
        ctx.fill_columns(nodes, rec_node, cfg)
        return nodes, rec_node

    def anchor_in_article(self, keys: list[str], kidx: dict[str, int], rec_key: Any) -> tuple[dict[int, str], set[int]]:
        """Step 1's in-article links. A record whose name is the first two or more full tokens of
        another person's name in its own article ("Iwan Setiawan" beside "Iwan Setiawan Lukminto",
        "Ade Ary" beside "Ade Ary Syam Indradi") is that person's short form there: its name is
        paired with the longer one for scoring (:meth:`candidate_pairs`; no blocking key pairs a
        name with the same less two last tokens). Only when that longer name is the one such name of
        the article (every other one extends it: "Kim Jong" beside "Kim Jong Un" and "Kim Jong Il"
        is not linked), the tokens cut off hold no generation suffix ("Donald Trump" beside "Donald
        Trump Jr" is the father), and the two records state no offices or share one. A name
        without its leading token is not linked so ("Hamzah Haz" beside "Soraya Hamzah Haz":
        Indonesian names carry a parent's or husband's name after the given name).

        The short name's records elsewhere that contradict the longer name (:meth:`_contrary`) are
        another person of that name: they are split off the short name's key, so that the context
        the linked records lend it (the longer name's article) never carries them to the longer
        name ("Iwan Setiawan" of Telkom, not the Sritex owner). Returns (record -> longer key
        linked, records split off)."""
        import numpy as np

        suffixes = _rules().suffixes
        ext: dict[int, list[int]] = {}  # code of a short key -> codes of the keys starting with it
        for c, key in enumerate(keys):
            if key.count(" ") < 2:
                continue
            toks = key.split()
            full = [k for k, t in enumerate(toks) if len(t) > 1]
            for m in range(2, len(full)):
                cut = full[m]  # the name up to its m-th full token (initials just before it kept)
                short = kidx.get(" ".join(toks[:cut]))
                if short is not None and not any(t in suffixes for t in toks[cut:]):
                    ext.setdefault(short, []).append(c)
        if not ext:
            return {}, set()
        wanted = np.asarray(sorted(ext.keys() | {c for cs in ext.values() for c in cs}), dtype=np.int64)
        involved = np.flatnonzero(np.isin(rec_key, wanted))
        recs = self.records
        by_art: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        recs_of: dict[int, list[int]] = defaultdict(list)  # key code -> its records (of these keys)
        for i, k in zip(involved.tolist(), rec_key[involved].tolist()):
            by_art[recs.article_id[i]][k].append(i)
            recs_of[k].append(i)
        parse = self.ctx.parse
        out: dict[int, int] = {}
        for held in by_art.values():
            link: dict[int, int] = {}
            for short in [k for k in held if k in ext]:
                cands = [c for c in ext[short] if c in held]
                if not cands:
                    continue
                # the shortest longer name, if every other one extends it ("Iwan Setiawan Lukminto"
                # and a scraper's "Iwan Setiawan Lukminto Dirut")
                best = min(cands, key=lambda c: (len(keys[c]), c))
                head = keys[best] + " "
                if any(c != best and not keys[c].startswith(head) for c in cands):
                    continue
                offs_s = {parse(o).key for i in held[short] for o in recs.offices[i]}
                offs_l = {parse(o).key for i in held[best] for o in recs.offices[i]}
                if offs_s and offs_l and not offs_s & offs_l:
                    continue
                link[short] = best
            for short, best in link.items():
                while best in link:  # "Ade Ary" -> "Ade Ary Syam" -> "Ade Ary Syam Indradi"
                    best = link[best]
                for i in held[short]:
                    out[i] = best
        contrary: set[int] = set()
        if out:
            to: dict[int, set[int]] = defaultdict(set)
            for i, best in out.items():
                to[int(rec_key[i])].add(best)
            for short, longs in to.items():
                if len(longs) == 1:
                    contrary |= self._contrary(recs_of[short], recs_of[next(iter(longs))], out)
        return {i: keys[c] for i, c in out.items()}, contrary

    def _contrary(self, mine: list[int], longer: list[int], linked: dict[int, int]) -> set[int]:
        """Records of the short name (``mine``) not linked in their article that another
        person's context is strong evidence for: the record states an office, the longer name
        (its records ``longer`` and the short forms linked to it) states offices too, and the two
        share no office, jurisdiction, organisation or co-occurring person. Posts in a political
        party (``party_words`` of dedupe.json) are left out of both sides: a party office is held
        beside a seat or a ministry ("Wakil Ketua Umum Partai Demokrat" and "Wakil Ketua Komisi II
        DPR" are one man)."""
        ctx, recs = self.ctx, self.records
        party = frozenset(self.cfg.party_words)
        side_l = longer + [i for i in mine if i in linked]

        def context(idx: list[int]) -> tuple[set, set, set, set]:
            offs: set[str] = set()
            jt: set[str] = set()
            orgs: set[str] = set()
            cooc: set[str] = set()
            for i in idx:
                for o in recs.offices[i]:
                    po = ctx.parse(o)
                    if party.isdisjoint(po.key.split()):
                        offs.add(po.key)
                        jt |= po.jtokens
                orgs.update(g.lower() for g in recs.orgs[i] if party.isdisjoint(g.lower().split()))
                cooc.update(ctx.keys_of(recs.cooccurring[i]))
            return offs, jt, orgs, cooc

        lo, lj, lg, lc = context(side_l)
        if not lo:
            return set()
        keys_l = {ctx.norm(recs.name[i]) for i in side_l}
        out = set()
        for i in mine:
            if i in linked or not recs.offices[i]:
                continue
            o, j, g, c = context([i])
            if o and not (o & lo or j & lj or g & lg or c & lc or c & keys_l):
                out.add(i)
        return out

    # -- pair evaluation
    def evaluate(self, i: int, j: int) -> dict[str, Any]:
        a, b = self.nodes[i], self.nodes[j]
        ns = _name_scores(a.tokens, b.tokens, self.cfg)
        if ns["name_score"] < self.cfg.never_merge_floor and not self.debug:
            return {"i": i, "j": j, "names": ns, "context": _NO_CONTEXT, "combined": ns["name_score"],
                    "cannot_link": True, "mergeable": False, "frequent": False}
        near = _near_identical(ns, self.cfg)
        core = _context_core(a, b, near, self.cfg)
        family = bool(ns["dropped_edge"]) and self._family(i, j)
        combined, cannot, mergeable, frequent = _decide(a, b, ns["name_score"], bool(ns["mergeable"]), near, core,
                                                         self.cfg, bool(ns["two_names"] or ns["dropped_edge"]), family)
        bonus, penalty, conflict, concurrent, shared_off, shared_jt, shared_org, shared_cooc = core
        cx = {"bonus": bonus, "penalty": penalty, "conflict": conflict, "concurrent_offices": concurrent,
              "shared_offices": sorted(shared_off), "shared_orgs": sorted(shared_org),
              "shared_jurisdiction_tokens": sorted(shared_jt), "shared_cooccurring": sorted(shared_cooc)}
        return {"i": i, "j": j, "names": ns, "context": cx, "combined": combined, "cannot_link": cannot,
                "mergeable": mergeable, "frequent": frequent, "family": family}

    def _family(self, i: int, j: int) -> bool:
        """Nodes i and j (a name and the same without its first or last token) are two established
        names of one family rather than a name and its short form: the longer adds a leading token
        (a given name: "Putri Rahmat Sinaga" / "Rahmat Sinaga"; Indonesian names carry a parent's
        or husband's name after the given name; not an initial nor one of names.json
        ``leading_names_dropped``: "Muhammad", "Teuku", "Ayatollah"), each is written in at least ``frequent_records``
        records, and no article writes both (an article's own short form, "Van Dijk" after "Virgil
        van Dijk", is read as such: its records share that article's co-occurring people)."""
        a, b = self.nodes[i], self.nodes[j]
        if min(a.n_records, b.n_records) < self.cfg.frequent_records:
            return False
        short, long_ = (a.tokens, b.tokens) if len(a.tokens) < len(b.tokens) else (b.tokens, a.tokens)
        if (len(short) >= len(long_) or long_[len(long_) - len(short):] != short or len(long_[0]) < 2
                or long_[0] in _rules().leading):
            return False
        art = self.records.article_id
        return {art[r] for r in a.recs}.isdisjoint([art[r] for r in b.recs])

    def cannot_link(self, i: int, j: int) -> bool:
        code = i * len(self.nodes) + j if i < j else j * len(self.nodes) + i
        hit = self.pair_cache.get(code)
        if hit is None:
            hit = self.pair_cache[code] = bool(self.evaluate(min(i, j), max(i, j))["cannot_link"])
        return hit

    # -- step 2 + 3
    def candidate_pairs(self, multi: list[int]):  # -> tuple[np.ndarray, np.ndarray]
        import numpy as np

        nodes = self.nodes
        # a block is the set of (node, key) entries with one key. The keys are not kept: each is
        # held as two independent 64-bit hashes (_block_hashes), 16 bytes instead of a dict entry
        # and a string (~130 bytes; millions of keys, what made the peak memory of actor
        # resolution); two keys are one block when the second hash and the high bits of the first
        # agree (_shared_keys: ~100 bits at ten million entries), and the chance that two different
        # keys agree on those is nil.
        # entry flags (_block_entries): a pair of two entries that both hold a key only as part of a
        # token is skipped, and with block_shorter_form_pairs off, one of two shorter-form entries too
        skip = PART_ONLY | (0 if self.cfg.block_shorter_form_pairs else SHORT_FORM)
        a1, a2, flags, owner = _block_hashes([nodes[n].tokens for n in multi])
        cap = max(4, self.cfg.max_block_size)
        order, a1, a2 = _shared_keys(a1, a2)  # a1: the high bits of the first hash
        n_arr = np.asarray(multi, dtype=np.int64)[owner[order]]
        f_arr = flags[order] & skip
        del owner, order, flags
        if len(a1):
            starts = np.flatnonzero(_run_starts(a1) | _run_starts(a2))
        else:
            starts = np.zeros(0, np.int64)
        del a1, a2
        sizes = np.diff(np.concatenate((starts, [len(n_arr)])))
        # a block whose entries all hold its key only as part of a token gives no pair: dropped
        # before its pairs are enumerated (names sharing a first syllable, and nobody with that token)
        if len(starts):
            whole = np.logical_or.reduceat((f_arr & PART_ONLY) == 0, starts)
            if not whole.all():
                keep = np.repeat(whole, sizes)
                n_arr, f_arr, sizes = n_arr[keep], f_arr[keep], sizes[whole]
                starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
                del keep
            del whole
        n = max(len(nodes), 1)
        code_parts: list[Any] = []  # pair codes lo * n + hi: one int64 per pair, not four arrays

        def add(x: Any, y: Any, both: Any) -> None:
            lo, hi = np.minimum(x, y), np.maximum(x, y)
            c = lo * n + hi
            code_parts.append(c[(lo != hi) & (both == 0)])

        # blocks up to the cap: every pair, all blocks of one size at once
        for m in _unique(sizes[(sizes >= 2) & (sizes <= cap)]).tolist():
            st = starts[sizes == m]
            t0, t1 = np.triu_indices(m, 1)
            for s0 in range(0, len(st), max(1, (1 << 22) // len(t0))):  # bounded temporaries
                rows = st[s0 : s0 + max(1, (1 << 22) // len(t0)), None] + np.arange(m)
                members = n_arr[rows]
                fl = f_arr[rows]
                add(members[:, t0].ravel(), members[:, t1].ravel(), (fl[:, t0] & fl[:, t1]).ravel())
        # bigger blocks: overlapping windows of the key-sorted members, so cost stays linear; but a
        # block of a few names holding the key whole and many holding it only as part of a token
        # (one "Budi Harxyz" and sixty glued "Budi Harxyz...") pairs each whole holder with all
        step = cap // 2
        t0, t1 = np.triu_indices(cap, 1)
        for st, m in zip(starts[sizes > cap].tolist(), sizes[sizes > cap].tolist()):
            by_node = np.argsort(n_arr[st : st + m], kind="stable")  # windows follow node (key) order
            srt = n_arr[st : st + m][by_node]
            fsrt = f_arr[st : st + m][by_node]
            whole = np.flatnonzero((fsrt & PART_ONLY) == 0)
            if len(whole) <= cap:
                x = np.repeat(whole, m)
                y = np.tile(np.arange(m), len(whole))
                add(srt[x], srt[y], fsrt[x] & fsrt[y])
                continue
            for s0 in range(0, m - step, step):
                w = srt[s0 : s0 + cap]
                fw = fsrt[s0 : s0 + cap]
                u0, u1 = (t0, t1) if len(w) == cap else np.triu_indices(len(w), 1)
                add(w[u0], w[u1], fw[u0] & fw[u1])
        del n_arr, f_arr
        # a short name and the longer one its records stood for in their articles (anchor_in_article):
        # "Ade Ary" written elsewhere meets "Ade Ary Syam Indradi", which no key of a dropped first or
        # last token pairs (two tokens dropped); it merges as such a pair does, on agreeing context
        if self.anchored:
            names, norm = self.records.name, self.ctx.norm
            links = {(norm(names[i]), long_key) for i, long_key in self.anchored.items()}
            wanted = {k for link in links for k in link}
            by_key: dict[str, list[int]] = defaultdict(list)
            for nd in nodes:
                if nd.key in wanted:
                    by_key[nd.key].append(nd.idx)
            ls = [(x, y) for s_key, l_key in sorted(links) for x in by_key.get(s_key, ()) for y in by_key[l_key]]
            if ls:
                x, y = np.asarray(ls, dtype=np.int64).T
                add(x, y, np.zeros(len(x), np.int64))
        if not code_parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        codes = np.concatenate(code_parts)
        code_parts.clear()
        codes.sort()  # in place (the array is large), then the neighbour test of _unique
        if len(codes) > 1:
            codes = codes[_run_starts(codes)]
        return codes // n, codes % n

    def _prefilter(self, ca: Any, cb: Any, sorted_keys: Any) -> tuple[Any, Any]:
        """Candidate pairs that pass the rapidfuzz prefilter: their positions and token_sort_ratio/100."""
        import numpy as np
        from rapidfuzz import fuzz, process

        # token_sort_ratio == ratio of the token-sorted strings: each name is sorted once, not per pair
        qa, qb = sorted_keys[ca], sorted_keys[cb]
        s1 = process.cpdist(qa, qb, scorer=fuzz.ratio, workers=1, dtype=np.float64)
        ok = (s1 >= self.cfg.prefilter * 100.0) | self._has_initial[ca] | self._has_initial[cb]
        sub = np.nonzero(~ok & (self._ntok[ca] != self._ntok[cb]))[0]  # dropped middle names: near-exact subsets
        if len(sub):
            s2 = process.cpdist(qa[sub], qb[sub], scorer=fuzz.token_set_ratio, workers=1, dtype=np.float32)
            ok[sub[s2 >= self.cfg.subset_min_token_similarity * 100.0]] = True
        keep = np.nonzero(ok)[0]
        return keep, s1[keep] / 100.0

    def _score_bulk(self, ca: Any, cb: Any, sorted_keys: Any, table: tuple) -> tuple[list, list, tuple]:
        """Score candidate pairs ``(ca[k], cb[k])`` without per-pair dicts (the non-debug path).

        Name scores come in bulk from :func:`_vector_name_scores`; pairs whose name score cannot
        reach never_merge_floor (nor make a short name ambiguous) get no per-pair work. Returns
        merge edges ``(combined, i, j)``, short-name candidates ``(shorter, combined, longer)``
        and, for every pair looked at, its code ``i * len(nodes) + j`` and whether it cannot link
        (two arrays: what :meth:`cannot_link` caches)."""
        import numpy as np

        cfg, nodes = self.cfg, self.nodes
        thr, floor, strong = cfg.merge_threshold, cfg.never_merge_floor, cfg.strong_name
        reach = thr - cfg.max_context_bonus
        low = min(floor, reach) - 1e-6
        tid, ntok_v, vocab = table
        edges: list[tuple[float, int, int]] = []
        asym: list[tuple[int, float, int]] = []
        seen_code: list[int] = []
        seen_cannot: list[bool] = []
        n_nodes = len(nodes)
        step = 1 << 18  # pairs scored at a time: bounds the (tokens x tokens x pairs) temporaries
        for c0 in range(0, len(ca), step):
            a_, b_ = ca[c0 : c0 + step], cb[c0 : c0 + step]
            keep, sort_ratio = self._prefilter(a_, b_, sorted_keys)
            a_, b_ = a_[keep], b_[keep]
            v = _vector_name_scores(tid, ntok_v, vocab, a_, b_, sort_ratio, cfg)
            sel = np.nonzero(v["name_score"] >= low)[0]
            for i, j, sc, kind, mname, dist, reo, two, edge in zip(
                a_[sel].tolist(), b_[sel].tolist(), v["name_score"][sel].tolist(), v["kind"][sel].tolist(),
                v["mergeable"][sel].tolist(), v["distinct_token"][sel].tolist(), v["reordered"][sel].tolist(),
                v["two_names"][sel].tolist(), v["dropped_edge"][sel].tolist(),
            ):
                if sc == np.inf:  # too many tokens for the bulk scorer
                    ev = self.evaluate(i, j)
                    ns = ev["names"]
                    sc, mname, edge = ns["name_score"], ns["mergeable"], ns["dropped_edge"]
                    kind = {"equal": 0, "initial": 1, "subset": 2}[ns["kind"]]
                    combined, cannot, merge_ok = ev["combined"], ev["cannot_link"], ev["mergeable"]
                elif sc < floor:  # as evaluate(): no context looked at
                    combined, cannot, merge_ok = sc, True, False
                else:
                    a, b = nodes[i], nodes[j]
                    near = sc >= strong and not dist and not reo
                    combined, cannot, merge_ok, _ = _decide(a, b, sc, mname, near, _context_core(a, b, near, cfg), cfg,
                                                            two or edge, edge and self._family(i, j))
                seen_code.append(i * n_nodes + j)
                seen_cannot.append(cannot)
                if combined >= thr and not cannot and merge_ok:
                    edges.append((combined, i, j))
                # a name without its first or last token is no short form that could be ambiguous: it
                # merges only where the context agrees ("Budi Santoso" is a name of its own, not a
                # short form of every "Agus Budi Santoso"; "Susilo Bambang Yudhoyono" stays one
                # person beside the scraper's "Nama Susilo Bambang Yudhoyono")
                if kind and mname and sc >= reach and not edge:
                    shorter, other = self._short_side(i, j)
                    asym.append((shorter, combined, other))
        return edges, asym, (np.asarray(seen_code, dtype=np.int64), np.asarray(seen_cannot, dtype=bool))

    def _short_side(self, i: int, j: int) -> tuple[int, int]:
        ti, tj = self.nodes[i].tokens, self.nodes[j].tokens
        shorter = i if (len(ti), sum(map(len, ti))) <= (len(tj), sum(map(len, tj))) else j
        return shorter, (j if shorter == i else i)

    def score_edges(self, multi: list[int]) -> list[tuple[float, int, int]]:
        import numpy as np

        ca, cb = self.candidate_pairs(multi)
        LAST_RUN_COUNTS.update(nodes=len(self.nodes), multi_token_nodes=len(multi), candidate_pairs=len(ca))
        if len(ca) == 0:
            return []
        nodes = self.nodes
        cfg = self.cfg
        sorted_keys = np.array([" ".join(sorted(n.tokens)) for n in nodes], dtype=object)
        self._has_initial = np.fromiter((any(len(t) == 1 for t in n.tokens) for n in nodes), dtype=bool,
                                        count=len(nodes))
        self._ntok = np.fromiter((len(n.tokens) for n in nodes), dtype=np.int32, count=len(nodes))
        edges: list[tuple[float, int, int]] = []
        # shorter name (dropped middle name, initial) -> every longer name it could stand for
        asym: dict[int, list[tuple[float, int]]] = defaultdict(list)
        pair_cache = self.pair_cache
        if self.debug:
            thr, reach = cfg.merge_threshold, cfg.merge_threshold - cfg.max_context_bonus
            keep, _ = self._prefilter(ca, cb, sorted_keys)
            for k in keep.tolist():
                i, j = int(ca[k]), int(cb[k])
                ev = self.evaluate(i, j)
                pair_cache[i * len(nodes) + j] = bool(ev["cannot_link"])
                self.scored.append(ev)
                if ev["combined"] >= thr and not ev["cannot_link"] and ev["mergeable"]:
                    edges.append((ev["combined"], i, j))
                ns = ev["names"]
                if (ns["kind"] in ("subset", "initial") and ns["mergeable"] and ns["name_score"] >= reach
                        and not ns["dropped_edge"]):
                    shorter, other = self._short_side(i, j)
                    asym[shorter].append((ev["combined"], other))
        else:
            table = _token_table([n.tokens for n in nodes])
            for part_edges, part_asym, part_seen in _run_split(
                lambda lo, hi: self._score_bulk(ca[lo:hi], cb[lo:hi], sorted_keys, table), len(ca), cfg.workers,
                max(cfg.parallel_min_items, cfg.parallel_min_pairs),
            ):
                edges.extend(part_edges)
                for shorter, combined, other in part_asym:
                    asym[shorter].append((combined, other))
                pair_cache.update(zip(part_seen[0].tolist(), part_seen[1].tolist()))
                LAST_RUN_COUNTS["context_pairs"] = LAST_RUN_COUNTS.get("context_pairs", 0) + len(part_seen[0])
                del part_seen
        # ambiguity: a short name that fits mutually incompatible longer names joins none as a whole
        drop: set[tuple[int, int]] = set()
        for s, targets in asym.items():
            if len(targets) < 2:
                continue
            targets.sort(key=lambda x: (-x[0], x[1]))
            top = targets[0][1]
            if any(self.cannot_link(top, t) for _, t in targets[1:]):
                for _, t in targets:
                    drop.add((min(s, t), max(s, t)))
                self.ambiguous[s] = [t for _, t in targets]
        if drop:
            edges = [e for e in edges if (e[1], e[2]) not in drop]
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        return edges

    # -- step 4
    def cluster(self, edges: list[tuple[float, int, int]], n: int) -> list[int]:
        parent = list(range(n))
        members: dict[int, list[int]] = {}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        cap = self.cfg.max_cross_check
        reps = self.cfg.cross_check_representatives
        nodes = self.nodes
        for _, i, j in edges:
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            A = members.get(ri, [ri])
            B = members.get(rj, [rj])
            if len(A) * len(B) > cap:
                A = sorted(A, key=lambda x: (-nodes[x].n_records, x))[:reps]
                B = sorted(B, key=lambda x: (-nodes[x].n_records, x))[:reps]
            if any(self.cannot_link(x, y) for x in A for y in B):
                continue
            big, small = (ri, rj) if len(members.get(ri, [ri])) >= len(members.get(rj, [rj])) else (rj, ri)
            mb = members.pop(big, [big])
            mb.extend(members.pop(small, [small]))
            members[big] = mb
            parent[small] = big
        return [find(x) for x in range(n)]

    def run(self) -> _Run:
        cfg = self.cfg
        LAST_RUN_COUNTS.clear()
        nodes, rec_node = self.build_nodes()
        self.nodes = nodes
        multi = [n.idx for n in nodes if len(n.tokens) >= 2]
        edges = self.score_edges(multi)
        roots = self.cluster(edges, len(nodes))
        # step 5: single tokens join an actor whose distinctive token they are
        rules = _rules()
        token_roots: dict[str, set[int]] = defaultdict(set)
        for i in multi:
            for t in nodes[i].tokens:
                if len(t) > 1:
                    token_roots[t].add(roots[i])
        attach: dict[int, int] = {}
        for n in nodes:
            if len(n.tokens) != 1:
                continue
            t = n.tokens[0]
            if len(t) < 3 or t in rules.common:
                continue
            rs = token_roots.get(t)
            if rs is not None and len(rs) == 1:
                r = next(iter(rs))
                if not any(self.cannot_link_context(n.idx, m) for m in self._some_members(roots, r)):
                    attach[n.idx] = r
        for i, r in attach.items():
            roots[i] = r
        override = self.resolve_ambiguous(roots)
        override.update(self.attach_single_by_office(roots, attach))
        return _Run(self.records, cfg, nodes, rec_node, roots, self.scored, attach, override, self.ctx)

    def attach_single_by_office(self, roots: list[int], attach: dict[int, int]) -> dict[int, int]:
        """Records of a single-token name that is not distinctive ("Harahap"), one by one: a record
        stating an office goes to the one actor with that token and that office (module docstring, 5)."""
        nodes = self.nodes
        want: dict[str, list[int]] = {}
        for n in nodes:
            if (len(n.tokens) == 1 and n.idx not in attach and len(n.tokens[0]) >= 3 and n.offices
                    and roots[n.idx] == n.idx):
                want.setdefault(n.tokens[0], []).append(n.idx)
        if not want:
            return {}
        index: dict[tuple[str, str], list[int]] = defaultdict(list)
        # an ambiguous short name is no one's identity: its records are placed one by one
        vague = {roots[s] for s in self.ambiguous}
        for n in nodes:
            if len(n.tokens) < 2 or not n.offices or roots[n.idx] in vague:
                continue
            for t in n.tokens:
                if t in want:
                    for o in n.offices:
                        index[(t, o)].append(n.idx)
        override: dict[int, int] = {}
        parse = self.ctx.parse
        for t, singles in want.items():
            for s in singles:
                moved = 0
                for i in nodes[s].recs:
                    offices = self.records.offices[i]
                    if not offices:
                        continue
                    targets = sorted({m for o in offices for m in index.get((t, parse(o).key), ())})
                    if not targets:
                        continue
                    r = self._pick(i, self._candidates(roots, targets), by_prior=False)
                    if r is not None and r != roots[s]:
                        override[i] = r
                        moved += 1
                if moved:
                    self.single_context[s] = moved
        return override

    def resolve_ambiguous(self, roots: list[int]) -> dict[int, int]:
        """Records of an ambiguous short name go, one by one, to the one target their context names."""
        override: dict[int, int] = {}
        LAST_RUN_COUNTS.update(ambiguous_records=sum(len(self.nodes[s].recs) for s in self.ambiguous))
        for s, targets in self.ambiguous.items():
            cands = self._candidates(roots, targets)
            index = _office_index(cands)
            for i in self.nodes[s].recs:
                r = self._pick(i, cands, by_prior=True, index=index)
                if r is not None:
                    override[i] = r
        return override

    def _candidates(self, roots: list[int], targets: Iterable[int]) -> dict[int, tuple]:
        """Per candidate cluster (root): offices, jurisdiction tokens, orgs, co-occurring persons,
        number of records, first and last date. A root reached through one target shares that
        node's (frozen) sets; only a root reached through several gets unions."""
        by_root: dict[int, list[_Node]] = {}
        nodes = self.nodes
        for t in targets:
            by_root.setdefault(roots[t], []).append(nodes[t])
        out: dict[int, tuple] = {}
        for r, tns in by_root.items():
            if len(tns) == 1:
                tn = tns[0]
                out[r] = (tn.offices, tn.jt, tn.orgs, frozenset(tn.cooc), tn.n_records, tn.dmin, tn.dmax)
                continue
            ds = [(tn.dmin, tn.dmax) for tn in tns if tn.dmin is not None]
            out[r] = (frozenset().union(*(tn.offices for tn in tns)), frozenset().union(*(tn.jt for tn in tns)),
                      frozenset().union(*(tn.orgs for tn in tns)), frozenset().union(*(tn.cooc for tn in tns)),
                      sum(tn.n_records for tn in tns), min(d[0] for d in ds) if ds else None,
                      max(d[1] for d in ds) if ds else None)
        return out

    def _pick(self, i: int, cands: dict[int, tuple], by_prior: bool,
              index: tuple[dict[str, list[int]], list[int]] | None = None) -> int | None:
        """The one candidate cluster record i belongs to, or None (module docstring, step 4).

        ``index`` (:func:`_office_index` of ``cands``) lets a record that states an office look only
        at the candidates holding it or holding no office: every other one is ruled out anyway."""
        ctx, cfg = self.ctx, self.cfg
        dom = cfg.ambiguous_dominance
        recs = self.records
        r_orgs, r_cooc, r_pub = recs.orgs[i], recs.cooccurring[i], recs.published[i]
        offs = {ctx.parse(o).key for o in recs.offices[i]}
        orgs = {g.lower() for g in r_orgs} if r_orgs else set()
        cooc = set(ctx.keys_of(r_cooc)) if r_cooc else set()
        day = r_pub.toordinal() if r_pub is not None else None
        slack = cfg.activity_slack_days
        best, hits = 0, []
        live = []
        if offs and index is not None:
            by_office, no_office = index
            looked = dict.fromkeys(chain.from_iterable(by_office.get(o, ()) for o in offs))
            looked.update(dict.fromkeys(no_office))
            items = [(r, cands[r]) for r in looked]
        else:
            items = cands.items()
        for root, (c_off, _, c_org, c_cooc, size, lo, hi) in items:
            shared_off = len(offs & c_off) if offs else 0
            if offs and c_off and not shared_off:
                continue  # the record states an office; this person is known to hold others, not it
            live.append((size, root))
            sc = 2 * shared_off + (len(orgs & c_org) if orgs else 0) + (len(cooc & c_cooc) if cooc else 0)
            if day is not None and lo is not None and lo - slack <= day <= hi + slack:
                sc += 1  # published while this person was in the news
            if sc > best:
                best, hits = sc, [(size, root)]
            elif sc == best and sc > 0:
                hits.append((size, root))
        if best == 0:
            if not by_prior or offs:
                return None  # an office none of them holds, or no evidence where evidence is required
            hits = live
        if not hits:
            return None
        if len(hits) == 1:
            return hits[0][1]
        # a tie (or no evidence): the far better known person, if there is one
        hits.sort(key=lambda x: (-x[0], x[1]))
        if dom > 0 and hits[0][0] >= dom * hits[1][0]:
            return hits[0][1]
        return None

    def _some_members(self, roots: list[int], r: int) -> list[int]:
        # members of root r that carry the distinctive token (few), used for a conflict check
        return [i for i in self._members_cache(roots).get(r, [])][: self.cfg.cross_check_representatives]

    def _members_cache(self, roots: list[int]) -> dict[int, list[int]]:
        mc = getattr(self, "_mc", None)
        if mc is None:
            mc = defaultdict(list)
            for i, r in enumerate(roots):
                mc[r].append(i)
            for v in mc.values():
                v.sort(key=lambda x: (-self.nodes[x].n_records, x))
            self._mc = mc
        return mc

    def cannot_link_context(self, i: int, j: int) -> bool:
        a, b = self.nodes[i], self.nodes[j]
        return bool(_context(a, b, False, self.cfg)["conflict"]) or (a.key == b.key and a.part != b.part)


def _office_index(cands: dict[int, tuple]) -> tuple[dict[str, list[int]], list[int]]:
    """``(office key -> candidate roots holding it, roots holding no office)`` of
    :meth:`_Resolver._candidates`' output, for :meth:`_Resolver._pick`."""
    by_office: dict[str, list[int]] = {}
    no_office: list[int] = []
    for r, c in cands.items():
        if not c[0]:
            no_office.append(r)
        for o in c[0]:
            by_office.setdefault(o, []).append(r)
    return by_office, no_office


@lru_cache(maxsize=100_000)
def _ntok(display: str) -> int:
    return sum(1 for t in display.split() if len(t.strip(".")) > 1)


def _resolve(records: Sequence[PersonRecord] | PersonColumns, cfg: DedupeConfig,
             debug: bool = False) -> tuple[_Run, _Resolver]:
    res = _Resolver(records, cfg, debug=debug)
    return res.run(), res


def resolve_actors(
    records: Sequence[PersonRecord] | PersonColumns, config: DedupeConfig | None = None
) -> tuple[dict[tuple[str, str], str], list[Actor]]:
    """Cluster person records into actors.

    Returns ``{(article_id, entity_key): actor_id}`` and the actors table rows (sorted by
    number of articles, descending, then name and id). Rules: module docstring.
    :func:`resolve_actor_index` gives the same result as arrays, for many records.
    """
    mapping: dict[tuple[str, str], str] = {}
    rec_actor, table = _resolve_columns(records, config, mapping)
    actors = [Actor(*row) for row in zip(*(table[c] for c in ACTOR_COLUMNS))]
    return mapping, actors


ACTOR_COLUMNS = ("actor_id", "name", "variants", "offices", "n_articles", "n_mentions")


def resolve_actor_index(records: Sequence[PersonRecord] | PersonColumns,
                        config: DedupeConfig | None = None) -> tuple[Any, dict[str, list]]:
    """:func:`resolve_actors` as arrays: ``(rec_actor, table)``, where ``table`` holds the columns
    of the actors table (:data:`ACTOR_COLUMNS`, rows in :func:`resolve_actors`' order) and
    ``rec_actor[i]`` (a numpy int32 array) is the row of record i's actor. No dict keyed by
    ``(article_id, entity_key)`` and no object per record or per actor is built, so pass 2 of an
    extraction holds its hundreds of thousands of records as columns (:class:`PersonColumns`)."""
    return _resolve_columns(records, config, None)


def _resolve_columns(records: Sequence[PersonRecord] | PersonColumns, config: DedupeConfig | None,
                     mapping: dict[tuple[str, str], str] | None) -> tuple[Any, dict[str, list]]:
    import numpy as np

    cfg = config or _default_config()
    # millions of small containers: the cyclic GC would rescan them over and over (superlinear);
    # off from the column build on (at 1M records from_records took 2.9 s with it, 0.9 s without)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        cols = records if isinstance(records, PersonColumns) else PersonColumns.from_records(records)
        if not len(cols):
            return np.zeros(0, dtype=np.int32), {c: [] for c in ACTOR_COLUMNS}
        run, res = _resolve(cols, cfg)
        del res
        return _build_actors(run, mapping)
    finally:
        if gc_was_enabled:
            gc.enable()


def _factorize(values: Sequence[Any], by_value: bool = True) -> tuple[Any, list[Any]]:
    """``(codes, distinct)``: the integer code of each value (codes in first-seen order, a numpy
    int64 array) and the distinct values. The group-by key of the columnar stages:
    ``pandas.factorize`` hashes the values in C (twice as fast as a dict filled by ``map`` on a
    million names), then numpy works over integers instead of a Python container per group. None
    is a value like any other (no missing-value code).

    A list (or tuple) holds its values, so their ``id`` tells them apart: the objects are
    factorised by address first (integers: no object is read), and only the distinct objects by
    value. A loader shares one object per distinct name or tuple, so that is a fraction of them,
    and hashing a value reads its object, scattered in memory (a million names: 0.42 s by value,
    0.25 s this way). With ``by_value`` off, equal objects may keep two codes (for a caller that
    maps each distinct object to something else anyway)."""
    import numpy as np

    n = len(values)
    if not n:
        return np.zeros(0, dtype=np.int64), []
    if type(values) not in (list, tuple):  # a view may build a new object per item: ids would be reused
        return _factorize_values(values)
    by_id, firsts = _first_seen_codes(_pd_codes(np.fromiter(map(id, values), dtype=np.int64, count=n)))
    objs = list(map(values.__getitem__, firsts.tolist()))
    if not by_value:
        return by_id, objs
    codes, distinct = _factorize_values(objs)
    return codes[by_id], distinct


def _pd_codes(a: Any) -> Any:
    """Codes of ``pandas.factorize`` (first-seen order, no missing-value code) as int64."""
    import numpy as np
    import pandas as pd

    return pd.factorize(a, use_na_sentinel=False)[0].astype(np.int64)


def _first_seen_codes(codes: Any) -> tuple[Any, Any]:
    """``(codes, first position of each code)`` for codes numbered in first-seen order: a code's
    first occurrence is where the running maximum grows."""
    import numpy as np

    return codes, np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)


def _factorize_values(values: Sequence[Any]) -> tuple[Any, list[Any]]:
    """:func:`_factorize` by value."""
    import numpy as np

    # an object array built element by element: tuples stay elements, never a second dimension
    codes, first = _first_seen_codes(_pd_codes(np.fromiter(values, dtype=object, count=len(values))))
    # the distinct values are the caller's own objects (pandas turns None into NaN)
    return codes, list(map(values.__getitem__, first.tolist()))


def _flat_codes(col: Sequence[Sequence[Any]]) -> tuple[Any, Any, list[Any]]:
    """A tuple column flattened: ``(row of each element, code of each element, distinct elements)``."""
    import numpy as np

    lens = np.fromiter(map(len, col), dtype=np.int64, count=len(col))
    codes, distinct = _factorize(list(chain.from_iterable(col)))
    return np.repeat(np.arange(len(col), dtype=np.int64), lens), codes, distinct


def _run_starts(s: Any) -> Any:
    """For a sorted array: True where a run of equal values begins (the neighbour test that
    replaces ``np.unique``)."""
    import numpy as np

    return np.concatenate(([True], s[1:] != s[:-1]))


def _unique(a: Any) -> Any:
    """Sorted distinct values of an int64 array. Sort and neighbour test: numpy 2's ``np.unique``
    hashes, which on millions of int64 was a hundred times slower (6 s for 3M values)."""
    import numpy as np

    s = np.sort(a)
    return s[_run_starts(s)] if len(s) > 1 else s


def _unique_counts(a: Any) -> tuple[Any, Any]:
    """:func:`_unique` and how many times each value occurs."""
    import numpy as np

    s = np.sort(a)
    if not len(s):
        return s, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(_run_starts(s))
    return s[starts], np.diff(np.append(starts, len(s)))


def _explode(codes: Any, seqs: list[Sequence[int]]) -> tuple[Any, Any]:
    """Rows ``(row, element)`` of the sequences ``seqs[codes[row]]`` (a tuple column as integer
    codes, flattened): ``(row index of each element, element)``, two numpy int64 arrays."""
    import numpy as np

    lens = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
    return _explode_flat(codes, lens, np.fromiter(chain.from_iterable(seqs), dtype=np.int64, count=int(lens.sum())))


def _explode_flat(codes: Any, lens: Any, flat: Any) -> tuple[Any, Any]:
    """:func:`_explode` with the sequences given flattened: their lengths and their elements."""
    import numpy as np

    offs = np.concatenate(([0], np.cumsum(lens)[:-1])).astype(np.int64)
    n_per = lens[codes]
    rows = np.repeat(np.arange(len(codes), dtype=np.int64), n_per)
    within = np.arange(len(rows), dtype=np.int64) - np.repeat(np.cumsum(n_per) - n_per, n_per)
    return rows, flat[offs[codes][rows] + within]


def _codes_of_objects(objs: list[Any], ref: list[Any], ref_codes: Any, code_of: Any) -> Any:
    """Codes of ``objs`` (a numpy int64 array): ``ref_codes[i]`` for an object equal to ``ref[i]``
    (``ref`` distinct values), ``code_of(obj)`` for the others. Matched by address first (most
    objects are ``ref``'s own, shared by a loader: integers, no object read, no dict of ``ref``),
    then the rest by value against a dict of those few only."""
    import numpy as np

    n_ref = len(ref)
    ids = np.fromiter(map(id, chain(ref, objs)), dtype=np.int64, count=n_ref + len(objs))
    code = _pd_codes(ids)[n_ref:]
    del ids
    out = np.empty(len(objs), dtype=np.int64)
    hit = code < n_ref
    out[hit] = ref_codes[code[hit]]
    rest = np.flatnonzero(~hit)
    if len(rest):
        want = dict.fromkeys(map(objs.__getitem__, rest.tolist()), -1)
        for i in np.flatnonzero(np.fromiter(map(want.__contains__, ref), dtype=bool, count=n_ref)).tolist():
            want[ref[i]] = int(ref_codes[i])
        for k, v in want.items():
            if v < 0:
                want[k] = code_of(k)
        out[rest] = np.fromiter(map(want.__getitem__, map(objs.__getitem__, rest.tolist())), dtype=np.int64,
                                count=len(rest))
    return out


CANON_ATTESTED = 0.25  # share of the most frequent form's records a form needs to name its actor


def _ranked_lists(groups: Any, items: Any, n_groups: int, rank: Any, values: list[str],
                  prior: Any | None = None, attested: float = 0.0) -> tuple[list[list[str]], Any, Any]:
    """Per group, its distinct items most frequent first (ties by ``rank``, the item's place in
    sorted order): ``[values[...], ...]`` per group, and the sorted ``(group, item, count)``
    arrays' group and item columns' first row per group. ``prior`` (per item, ascending) sorts
    before the count (the canonical name: most tokens first); with ``attested`` > 0, items counted
    at least ``attested`` times the group's most frequent item's count come before all others."""
    import numpy as np

    if len(items) == 0:
        return [[] for _ in range(n_groups)], np.zeros(0, np.int64), np.zeros(0, np.int64)
    width = int(items.max()) + 1
    u, cnt = _unique_counts(groups * width + items)
    g, it = u // width, u % width
    keys = (rank[it], -cnt, g) if prior is None else (rank[it], -cnt, prior[it], g)
    if attested > 0:
        top = np.zeros(n_groups, dtype=cnt.dtype)
        np.maximum.at(top, g, cnt)
        keys = keys[:-1] + (cnt < attested * top[g], g)
    o = np.lexsort(keys)
    g, it = g[o], it[o]
    bounds = np.searchsorted(g, np.arange(n_groups + 1))
    flat = list(map(values.__getitem__, it.tolist()))
    b = bounds.tolist()
    return [flat[b[k] : b[k + 1]] for k in range(n_groups)], g, it


def _build_actors(run: _Run, mapping: dict[tuple[str, str], str] | None = None) -> tuple[Any, dict[str, list]]:
    """``(rec_actor, table)`` of :func:`resolve_actor_index`; fills ``mapping`` if given.

    Columnar: each record's cluster, name, variants, offices and article become integer codes,
    and the per-actor counts (canonical name, variants and offices by frequency, articles,
    mentions) are numpy group-bys over them, not a Counter per actor over records scattered in
    memory (what made this stage grow faster than the records)."""
    import numpy as np

    records, cfg, ctx = run.records, run.cfg, run.ctx
    n_rec = len(records)
    rec_node = np.asarray(run.rec_node, dtype=np.int64)
    target = np.asarray(run.root_of, dtype=np.int64)[rec_node]
    if run.rec_override:
        ov = run.rec_override
        target[np.fromiter(ov.keys(), dtype=np.int64, count=len(ov))] = np.fromiter(ov.values(), dtype=np.int64,
                                                                                    count=len(ov))
    run.nodes = []  # the nodes are not needed any more: free them as the actors are built
    # clusters numbered in the order they are first met walking the nodes (and a node's records) in
    # order: the order the collision tie-breaks of the ids below see them in
    walk = np.argsort(rec_node, kind="stable")
    seq = target[walk]
    o = np.argsort(seq, kind="stable")  # a root's first place in the walk
    so = seq[o]
    starts = np.flatnonzero(_run_starts(so)) if n_rec else np.zeros(0, np.int64)
    by_first = so[starts][np.argsort(o[starts], kind="stable")]
    del seq, o, so, starts
    lab_of = np.zeros(int(target.max()) + 1 if n_rec else 1, dtype=np.int64)
    lab_of[by_first] = np.arange(len(by_first), dtype=np.int64)
    lab = lab_of[target]
    del target, lab_of, by_first
    n_cl = int(lab.max()) + 1 if n_rec else 0
    # records grouped by cluster, in walk order within a cluster
    rec_by_cl = walk[np.argsort(lab[walk], kind="stable")]
    cl_start = np.searchsorted(lab[rec_by_cl], np.arange(n_cl + 1)).tolist()
    del walk

    # display form of each distinct written name (its forms in order, from the run), coded in
    # first-seen order; dvals: the distinct display forms
    name_code, names = ctx.name_codes()
    name_forms = ctx.name_forms  # set by _Resolver.build_nodes for exactly these names
    name_dc, dvals = _factorize_values([f[0] or raw.strip() for f, raw in zip(name_forms, names)])
    dindex: dict[str, int] = {}  # display form -> code, built only if a variant is no written name

    def other_code(raw: str) -> int:
        disp = ctx.display(raw)
        if not dindex:
            dindex.update(zip(dvals, range(len(dvals))))
        d = dindex.setdefault(disp, len(dvals))
        if d == len(dvals):
            dvals.append(disp)
        return d

    name_disp = name_dc[name_code]
    # in-article variants are mostly written names already coded, and a loader shares one object per
    # distinct name and per tuple of them: the distinct tuple objects, their names matched to the
    # written ones by address (_codes_of_objects)
    var_code, var_tuples = _factorize(records.variants, by_value=False)
    v_lens = np.fromiter(map(len, var_tuples), dtype=np.int64, count=len(var_tuples))
    v_flat = _codes_of_objects(list(chain.from_iterable(var_tuples)), names, name_dc, other_code)
    v_rows, v_disp = _explode_flat(var_code, v_lens, v_flat)
    del name_dc, var_code, var_tuples, dindex, v_lens, v_flat
    drank = np.empty(len(dvals), dtype=np.int64)
    drank[sorted(range(len(dvals)), key=dvals.__getitem__)] = np.arange(len(dvals), dtype=np.int64)
    # canonical name: the fullest display form (most tokens) among those written at least
    # CANON_ATTESTED times as often as the most frequent one, then the most frequent, then the first
    # (so "Sri Mulyani Indrawati" names the minister, and a scraper's "Pernikahan Al Ghazali" of 3
    # records does not name the actor of 120)
    ntok = np.fromiter(map(_ntok, dvals), dtype=np.int64, count=len(dvals))
    _, g, it = _ranked_lists(lab, name_disp, n_cl, drank, dvals, prior=-ntok, attested=CANON_ATTESTED)
    canons = list(map(dvals.__getitem__, it[np.searchsorted(g, np.arange(n_cl))].tolist()))
    # variants (the written names and their in-article variants), most frequent first
    col_variants, _, _ = _ranked_lists(np.concatenate((lab[v_rows], lab)), np.concatenate((v_disp, name_disp)),
                                       n_cl, drank, dvals)
    del v_rows, v_disp, name_disp, g, it, drank, ntok
    # offices, most frequent first
    off_code, off_tuples = ctx.office_codes()
    oindex: dict[str, int] = {}
    o_rows, o_code = _explode(off_code, [[oindex.setdefault(o, len(oindex)) for o in t] for t in off_tuples])
    ovals = list(oindex)
    orank = np.empty(len(ovals), dtype=np.int64)
    orank[sorted(range(len(ovals)), key=ovals.__getitem__)] = np.arange(len(ovals), dtype=np.int64)
    col_offices, _, _ = _ranked_lists(lab[o_rows], o_code, n_cl, orank, ovals)
    del off_code, off_tuples, oindex, o_rows, o_code
    # articles (distinct) and mentions per cluster
    art_code, _ = _factorize(records.article_id)
    width = int(art_code.max()) + 1 if n_rec else 1
    n_articles = np.bincount(_unique(lab * width + art_code) // width, minlength=n_cl).tolist()
    del art_code
    nm = np.fromiter(records.n_mentions, dtype=np.int64, count=n_rec)
    n_mentions = np.bincount(lab, weights=nm, minlength=n_cl).round().astype(np.int64).tolist()
    del nm
    # ids: key of the canonical name; collisions disambiguated deterministically
    by_key: dict[str, list[int]] = defaultdict(list)
    for c, canon in enumerate(canons):
        by_key[ctx.norm(canon) or canon.lower()].append(c)
    ids: list[str] = [""] * n_cl
    h = cfg.id_hash_chars

    def hid(s: str) -> str:
        return "act_" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:h]

    def first_key(c: int) -> tuple[str, str]:
        return min(map(records.key_of, rec_by_cl[cl_start[c] : cl_start[c + 1]].tolist()))

    used: set[str] = set()
    for k, cs in by_key.items():
        if len(cs) == 1:
            ids[cs[0]] = hid(k)
            used.add(ids[cs[0]])
            continue
        cs.sort(key=lambda c: (-(cl_start[c + 1] - cl_start[c]), first_key(c)))
        ids[cs[0]] = hid(k)
        used.add(ids[cs[0]])
        for c in cs[1:]:
            # the most frequent office (the first of the sorted offices)
            tag = col_offices[c][0] if col_offices[c] else ""
            cand = hid(k + "|" + tag)
            if cand in used:
                r0 = first_key(c)
                cand = hid(k + "|" + tag + "|" + r0[0] + "|" + r0[1])
            ids[c] = cand
            used.add(cand)
    del by_key, used
    if mapping is not None:
        col_art, col_ek = records.article_id, records.entity_key
        order_recs = rec_by_cl.tolist()
        mapping.update(zip(zip(map(col_art.__getitem__, order_recs), map(col_ek.__getitem__, order_recs)),
                           map(ids.__getitem__, lab[rec_by_cl].tolist())))
        del order_recs
    order = sorted(range(n_cl), key=lambda c: (-n_articles[c], canons[c], ids[c]))
    row_of = np.empty(n_cl, dtype=np.int32)
    row_of[np.asarray(order, dtype=np.int64)] = np.arange(n_cl, dtype=np.int32)
    rec_actor = row_of[lab].astype(np.int32)
    pick = order.__iter__
    table = {
        "actor_id": list(map(ids.__getitem__, pick())),
        "name": list(map(canons.__getitem__, pick())),
        "variants": list(map(col_variants.__getitem__, pick())),
        "offices": list(map(col_offices.__getitem__, pick())),
        "n_articles": list(map(n_articles.__getitem__, pick())),
        "n_mentions": list(map(n_mentions.__getitem__, pick())),
    }
    return rec_actor, table


def _shared_block_keys(ta: tuple[str, ...], tb: tuple[str, ...]) -> set[str]:
    """The blocking keys (:func:`_block_entries`) through which two names of two or more tokens
    meet: held by both, and not by both only as part of a token."""

    def held(tokens: tuple[str, ...]) -> dict[str, bool]:  # key -> held only as part of a token
        out: dict[str, bool] = {}
        for k, f in _block_entries(tokens):
            out[k] = out.get(k, True) and bool(f & PART_ONLY)
        return out

    ha, hb = held(ta), held(tb)
    return {k for k in ha.keys() & hb.keys() if not (ha[k] and hb[k])}


def _unscored_why(ta: tuple[str, ...], tb: tuple[str, ...]) -> str:
    """Why a pair of near names was never scored, in words, for ``--explain``: the blocking keys
    (:func:`_block_entries`) it lacks, or, if it shares one, the prefilter or a block's window."""
    from rapidfuzz.distance import Levenshtein

    fa, fb = [t for t in ta if len(t) > 1], [t for t in tb if len(t) > 1]
    if len(ta) < 2 or len(tb) < 2:
        return "a one-word name is not blocked: it joins a longer name only through its article's own links"
    if _shared_block_keys(ta, tb):
        return ("the names share a blocking key but were not scored: below the name prefilter, or apart in the "
                "windows of a block over max_block_size")
    why = "not a candidate pair (no shared blocking key: "
    if len(fa) < 2 or len(fb) < 2:
        return why + "a name of fewer than two full tokens has only its skeleton and initials keys)"
    only_a = sorted((Counter(fa) - Counter(fb)).elements())
    only_b = sorted((Counter(fb) - Counter(fa)).elements())
    if not only_a or not only_b:
        longer, extra = (fa, only_a) if only_a else (fb, only_b)
        return why + (f"the shorter name lacks {len(extra)} token{'s' * (len(extra) > 1)} of the longer; keys drop "
                      "middle names, or one first or last token)")
    if len(only_a) > 1 or len(only_b) > 1:
        return why + f"they differ in {max(len(only_a), len(only_b))} tokens; keys allow one)"
    x, y = only_a[0], only_b[0]
    if x[0] != y[0]:
        return why + f"{x!r} and {y!r} start with other letters, which keys read as another name)"
    return why + (f"{x!r} and {y!r} are {Levenshtein.distance(x, y)} edits apart; keys pair tokens one edit apart, "
                  f"tokens of {_SWAP_MIN} letters or more with two consonants around a vowel swapped, "
                  f"or a token of {_DELETE2_MIN} letters or more with the same token two letters short)")


def explain(records: Sequence[PersonRecord], name: str, config: DedupeConfig | None = None) -> list[dict]:
    """Why the names of the actor matching ``name`` were merged, and which near ones were not.

    Returns one dict per pair: ``a``, ``b`` (key forms), ``scores`` (each scorer),
    ``name_score``, ``context_bonus``, ``context_penalty``, ``combined``, ``evidence`` (shared
    offices/orgs/jurisdiction tokens/co-occurring persons, concurrent offices), ``decision``
    (``"merged"``, ``"kept apart"``, ``"same key"``, ``"ambiguous"``, ``"distinctive single
    token"`` or ``"single token by office"``) and ``reason``.
    An empty list if no record matches ``name``.
    """
    cfg = config or _default_config()
    records = list(records)
    if not records:
        return []
    run, res = _resolve(records, cfg, debug=True)
    target = normalize_name(name)
    hits = [n.idx for n in run.nodes if n.key == target]
    if not hits:
        return []
    roots = {run.root_of[i] for i in hits}
    members = [n.idx for n in run.nodes if run.root_of[n.idx] in roots]
    mset = set(members)
    out: list[dict] = []

    def row(ev: dict[str, Any], decision: str, reason: str) -> dict:
        a, b = run.nodes[ev["i"]], run.nodes[ev["j"]]
        ns, cx = ev["names"], ev["context"]
        return {
            "a": a.key,
            "b": b.key,
            "scores": {k: round(ns[k], 4) for k in ("token_sort_ratio", "token_jaro_winkler", "token_min", "coverage")},
            "kind": ns["kind"],
            "name_score": round(ns["name_score"], 4),
            "context_bonus": round(cx["bonus"], 4),
            "context_penalty": round(cx["penalty"], 4),
            "combined": round(ev["combined"], 4),
            "evidence": {k: cx[k] for k in ("shared_offices", "shared_orgs", "shared_jurisdiction_tokens",
                                            "shared_cooccurring", "concurrent_offices")},
            "frequent_pair": ev.get("frequent", False),
            "two_names": bool(ns.get("two_names", False)),
            "dropped_edge": bool(ns.get("dropped_edge", False)),
            "cannot_link": ev["cannot_link"],
            "decision": decision,
            "reason": reason,
        }

    for i in members:
        n = run.nodes[i]
        raw = sorted({run.records.name[r] for r in n.recs})
        if len(raw) > 1:
            out.append({"a": n.key, "b": n.key, "names": raw, "scores": {"key_equal": 1.0}, "kind": "same key",
                        "name_score": 1.0, "context_bonus": 0.0, "context_penalty": 0.0, "combined": 1.0,
                        "evidence": {}, "decision": "same key", "reason": "identical normalized name"})
    linked = sorted({(run.records.name[r], k) for r, k in res.anchored.items()
                     if run.root_of[run.rec_node[r]] in roots})
    for raw, k in linked:
        out.append({"a": normalize_name(raw), "b": k, "scores": {}, "kind": "in-article link", "name_score": 0.0,
                    "context_bonus": 0.0, "context_penalty": 0.0, "combined": 1.0, "evidence": {},
                    "decision": "in-article link",
                    "reason": "the short form stands beside the longer name in one article: the pair is scored"})
    pairs_done: set[tuple[int, int]] = set()
    for ev in res.scored:
        i, j = ev["i"], ev["j"]
        if i not in mset and j not in mset:
            continue
        pairs_done.add((i, j))
        same = run.root_of[i] == run.root_of[j]
        if same:
            out.append(row(ev, "merged", "combined score >= merge_threshold (or joined via a chain)"))
        else:
            if ev["context"].get("concurrent_offices"):
                why = "cannot link: both hold offices in unrelated jurisdictions over the same period"
            elif ev["cannot_link"] and ev["names"].get("two_names") and ev["context"]["penalty"] > 0:
                why = ("cannot link: two names that look like one (gendered or lookalike pair, or a short name and one "
                       "letter more) in unrelated jurisdictions")
            elif ev["cannot_link"] and ev["names"].get("dropped_edge") and ev["context"]["penalty"] > 0:
                why = "cannot link: a name without its first or last token, in unrelated jurisdictions"
            elif ev["cannot_link"] and run.nodes[i].key == run.nodes[j].key:
                why = ("one name split by context (step 1): "
                       + ("records stating offices that share nothing with the longer name it stands for in other "
                          "articles, another person" if any(r in res.contrary for r in run.nodes[max(i, j)].recs)
                          else "offices held at the same time in unrelated jurisdictions"))
            elif ev["cannot_link"]:
                why = ("cannot link (below never_merge_floor, office conflict, or frequent pair in unrelated "
                       "jurisdictions)")
            elif ev["combined"] < cfg.merge_threshold:
                why = "combined score below merge_threshold"
            elif not ev["mergeable"] and ev["names"].get("two_names") and ev["names"]["mergeable"]:
                why = ("two names that look like one (gendered or lookalike pair, names.json, or a short name and one "
                       "letter more) with no shared office, jurisdiction or co-occurring person")
            elif not ev["mergeable"] and ev.get("family") and ev["names"]["mergeable"]:
                why = ("a name written on its own in several articles and the same with a given name in front "
                       "('Rahmat Sinaga' / 'Putri Rahmat Sinaga': a family), never in one article, with no shared office")
            elif not ev["mergeable"] and ev["names"].get("dropped_edge") and ev["names"]["mergeable"]:
                why = ("a name without its first or last token ('Tonny Harjono' / 'Mohamad Tonny Harjono') with no "
                       "shared office, jurisdiction or co-occurring person")
            elif not ev["mergeable"] and ev.get("frequent") and ev["names"]["mergeable"]:
                why = "two frequent spellings with no shared office, jurisdiction or co-occurring person"
            elif not ev["mergeable"]:
                why = "shorter name not a dropped middle name (order/first/last/token similarity)"
            else:
                why = "blocked by chaining guard or ambiguity rule"
            out.append(row(ev, "kept apart", why))
    # near names that blocking never paired (different rare tokens): share a token with the actor
    fuzz = _rf()[0]
    mtoks = {t for i in members for t in run.nodes[i].tokens if len(t) > 1}
    near: list[tuple[float, int, int]] = []
    for n in run.nodes:
        if n.idx in mset or not (mtoks & set(n.tokens)):
            continue
        for i in members:
            a, b = min(i, n.idx), max(i, n.idx)
            if (a, b) in pairs_done:
                continue
            sc = fuzz.token_sort_ratio(run.nodes[i].key, n.key) / 100.0
            if sc >= cfg.prefilter - 0.15:
                near.append((sc, a, b))
    near.sort(key=lambda x: (-x[0], x[1], x[2]))
    for _, a, b in near[:20]:
        pairs_done.add((a, b))
        ev = res.evaluate(a, b)
        out.append(row(ev, "kept apart", _unscored_why(run.nodes[a].tokens, run.nodes[b].tokens)
                       + "; scored here for reference"))
    for i in members:
        if i in res.ambiguous:
            moved = sum(1 for r in run.nodes[i].recs if r in run.rec_override)
            out.append({"a": run.nodes[i].key, "b": ", ".join(run.nodes[t].key for t in res.ambiguous[i]),
                        "scores": {}, "kind": "ambiguous", "name_score": 0.0, "context_bonus": 0.0,
                        "context_penalty": 0.0, "combined": 0.0, "evidence": {}, "decision": "ambiguous",
                        "reason": f"short name fits several incompatible actors; {moved} of "
                                  f"{run.nodes[i].n_records} records assigned one by one by context"})
    for i in members:
        if i in res.single_context:
            out.append({"a": run.nodes[i].key, "b": "", "scores": {}, "kind": "single token", "name_score": 0.0,
                        "context_bonus": 0.0, "context_penalty": 0.0, "combined": 0.0, "evidence": {},
                        "decision": "single token by office",
                        "reason": f"not distinctive; {res.single_context[i]} of {run.nodes[i].n_records} records "
                                  "placed one by one with the actor holding their office"})
    for i in members:
        if i in run.single_attach:
            j = min(m for m in members if m != i) if len(members) > 1 else i
            ev = res.evaluate(min(i, j), max(i, j))
            out.append(row(ev, "distinctive single token",
                           "single-token name is the distinctive token of exactly one actor"))
    for x in members:  # merged pairs never scored directly (joined through a chain)
        for y in members:
            if x < y and (x, y) not in pairs_done and len(out) < 500 and x not in run.single_attach and y not in run.single_attach:
                out.append(row(res.evaluate(x, y), "merged", "same cluster through a chain of merges"))
    out.sort(key=lambda d: (d["decision"] != "same key", d["decision"] == "kept apart", -d["combined"], d["a"], d["b"]))
    return out


# --------------------------------------------------------------------------------------------
# near-duplicate articles

_WORD = re.compile(r"\w+", re.UNICODE)


class ArticleSketcher:
    """The exact hash and MinHash sketch of an article's text that :func:`find_duplicate_articles`
    compares: the sha1 digest of its lower-cased words, the number of word shingles, and the
    MinHash of the shingles (``None`` for a text shorter than ``dup_min_words``, whose shingle
    count is -1). Pass 1 of an extraction sketches in its workers with the same object."""

    def __init__(self, config: DedupeConfig | None = None) -> None:
        from datasketch import MinHash

        self.cfg = config or _default_config()
        self.k = max(1, self.cfg.minhash_shingle_words)
        self.proto = MinHash(num_perm=self.cfg.minhash_num_perm, seed=1)
        self._minhash = MinHash

    def __call__(self, text: str | None) -> tuple[bytes, int, Any]:
        words = _WORD.findall((text or "").lower())
        digest = hashlib.sha1(" ".join(words).encode("utf-8")).digest()
        if len(words) < self.cfg.dup_min_words:
            return digest, -1, None
        k = self.k
        shingles = {" ".join(words[p : p + k]).encode("utf-8") for p in range(len(words) - k + 1)}
        m = self._minhash(num_perm=self.cfg.minhash_num_perm, seed=1, permutations=self.proto.permutations,
                          scheme=self.proto.scheme)
        m.update_batch(list(shingles))
        return digest, len(shingles), m


def near_duplicate(jaccard: Any, n_a: Any, n_b: Any, cfg: DedupeConfig) -> Any:
    """The near-duplicate test of two articles (module docstring), from the estimated Jaccard
    similarity of their shingle sets and the sizes of the sets: Jaccard at least
    ``dup_min_jaccard``, or the shorter one contained in the other for ``dup_min_containment`` of
    its shingles (the intersection follows from Jaccard and the sizes). Scalars or numpy arrays
    alike: :func:`find_duplicate_articles` tests one pair, ``extract.duplicate_roots`` many."""
    import numpy as np

    inter = jaccard * (n_a + n_b) / (1.0 + jaccard)
    cont = inter / np.maximum(1, np.minimum(n_a, n_b))
    return (jaccard >= cfg.dup_min_jaccard) | (cont >= cfg.dup_min_containment)


def find_duplicate_articles(
    articles: Iterable[tuple[str, str, datetime.date | None]], config: DedupeConfig | None = None
) -> dict[str, str | None]:
    """Map each article id to the earliest article it duplicates, or None (module docstring).

    ``articles`` is read once, as a stream: only an exact hash and a compact MinHash sketch of
    each article are kept, never its text, so a million articles fit in memory."""
    from datasketch import LeanMinHash, MinHashLSH

    cfg = config or _default_config()
    sketch = ArticleSketcher(cfg)
    ids: list[str] = []
    dates: list[datetime.date | None] = []
    hashes: list[str] = []
    sketches: list[tuple[Any, int] | None] = []
    for aid, text, published in articles:
        digest, n_shingles, m = sketch(text)
        ids.append(aid)
        dates.append(published)
        hashes.append(digest.hex())
        sketches.append(None if m is None else (LeanMinHash(m), n_shingles))
    order = sorted(range(len(ids)), key=lambda i: (dates[i] is None, dates[i] or datetime.date.min, i))
    rank = {i: r for r, i in enumerate(order)}
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.minhash_num_perm)
    exact: dict[str, int] = {}
    root: dict[int, int] = {}
    for i in order:
        h = hashes[i]
        if h in exact:
            j = exact[h]
            root[i] = root.get(j, j)
            continue
        exact[h] = i
        if sketches[i] is None:
            continue
        m, n = sketches[i]
        best: int | None = None
        for cand in lsh.query(m):
            j = int(cand)
            mj, nj = sketches[j]
            if near_duplicate(m.jaccard(mj), n, nj, cfg):
                r = root.get(j, j)
                if best is None or rank[r] < rank[best]:
                    best = r
        if best is not None:
            root[i] = best
        lsh.insert(str(i), m)
    out: dict[str, str | None] = {}
    for i, aid in enumerate(ids):
        if aid in out:
            continue
        r = root.get(i)
        out[aid] = ids[r] if r is not None and ids[r] != aid else None
    return out
