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
   biggest group.
2. **Block.** Candidate pairs come only from shared blocking keys: each pair of tokens
   (3-letter prefixes, and 4-letter suffixes; order-free), the sorted consonant skeletons of
   all tokens, and initials + last token. A block larger than ``max_block_size`` is sorted and
   cut into overlapping windows, so cost stays close to linear. Single-token names are not
   blocked (see 5).
3. **Score.** Candidate pairs are pre-filtered with vectorised rapidfuzz
   (``token_sort_ratio`` via ``process.cpdist`` against ``prefilter``; pairs with an initial
   bypass it, and pairs with different token counts pass on ``token_set_ratio`` of at least
   ``subset_min_token_similarity``); survivors get a name score from token-level
   Jaro-Winkler alignment (initial vs token = ``initial_similarity``) and
   ``token_sort_ratio``: equal token counts -> weighted mean; a name missing tokens of the
   other (dropped middle name) -> mean token similarity scaled by coverage
   (``subset_base``); a name with an initial -> mean token similarity. If any aligned token pair
   is below ``min_token_similarity`` the name score is capped at that token similarity
   ("Agus Salim" vs "Agus Susanto", "Siti Aminah" vs "Siti Aisyah" fall below the floor);
   tokens of five letters or fewer that differ must be within one edit and at least
   ``min_token_similarity_short`` alike ("Dedi"/"Dodi", "Indah"/"Indra" are different names).
   A shorter name merges directly only as a dropped middle name: its tokens in order, first
   with first, last with last, each at least ``subset_min_token_similarity`` alike.
   Two spellings that each occur in at least ``frequent_records`` records and are not near
   identical (name score below ``strong_name``) are two people unless the context agrees: they
   merge only with a shared office, jurisdiction or co-occurring person (a shared org such as
   a party is too broad), and cannot link at all if their jurisdictions are unrelated; a
   rare spelling (a typo) needs only the name.
   Context: shared offices, jurisdictions, orgs and co-occurring persons add bonuses (capped
   by ``max_context_bonus``; a co-occurring person seen next to more than
   ``cooccurring_max_names`` distinct names, such as a president, is no evidence); both
   sides stating jurisdictions with nothing in common (no shared office, jurisdiction or
   co-occurring person) subtracts
   ``penalty_incompatible_context``. A pair merges when its name score is at least
   ``never_merge_floor`` and the combined score at least ``merge_threshold``.
4. **Cluster with a chaining guard.** Edges are applied strongest first (ties by key) in a
   union-find; two clusters join only if no cross pair "cannot link": name score below
   ``never_merge_floor``, two parts of a key split in step 1, or an office conflict (different
   roles in the same jurisdiction, e.g. Wali Kota vs Wakil Wali Kota Jakarta Barat, no shared
   office, and a name score below ``strong_name``). So a chain A~B~C never merges clearly
   different A and C. A shorter name (dropped middle name, initial) whose best targets are
   mutually incompatible and closer than ``ambiguity_margin`` joins none of them as a whole;
   instead each of its records goes to the one target whose office, org or co-occurring
   persons it shares; a record with no such evidence goes to a target that has at least
   ``ambiguous_dominance`` times the records of every other (the far better known person), and
   stays with the short name otherwise.
5. **Single tokens.** A record whose fullest name is one token (``Prabowo``) joins a
   multi-token actor only if the token is that actor's distinctive token: it occurs in exactly
   one multi-token actor of the run and is not a common first name (``Muhammad``, ``Agus``,
   ``Siti``...), or the alias list maps it to a full name. Otherwise it stays its own actor.
   (A short form inside one article, "Iin" for "Iin Mutmainah", arrives already linked as a
   variant of the full-name record and is never matched on its own.)
6. **Ids and names.** The canonical name is the fullest display form (most tokens), then the
   most frequent, then the lexicographically first. ``actor_id`` is ``"act_"`` + the first
   ``id_hash_chars`` hex digits of sha1 of its key form; if two actors share a key, the biggest
   (then the one holding the smallest ``(article_id, entity_key)``) keeps the plain id and the
   others hash the key with their most frequent office (then smallest record). Ids therefore
   do not depend on input order and survive added articles while a cluster is unchanged.

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
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import Errors

RESOURCES = Path(__file__).resolve().parent / "resources"

__all__ = [
    "PersonRecord",
    "Actor",
    "DedupeConfig",
    "normalize_name",
    "display_name",
    "resolve_actors",
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
    ambiguity_margin: float = 0.03
    cooccurring_max_names: int = 25
    ambiguous_dominance: float = 5.0
    split_min_overlap_days: int = 30
    max_block_size: int = 120
    max_cross_check: int = 400
    cross_check_representatives: int = 20
    id_hash_chars: int = 12
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
    )
    object.__setattr__(
        rules, "common", frozenset(_key_token_with(c, rules) for c in data.get("common_first_names", []))
    )
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
    def __init__(self, roles: Iterable[str]) -> None:
        self.roles = sorted({r.lower() for r in roles}, key=len, reverse=True)
        self.cache: dict[str, _Office] = {}

    def __call__(self, office: str) -> _Office:
        o = self.cache.get(office)
        if o is None:
            key = " ".join(_NONWORD.sub(" ", _strip_accents(office.lower())).split())
            role, juris = key, ""
            for r in self.roles:
                if key == r or key.startswith(r + " "):
                    role, juris = r, key[len(r) :].strip()
                    break
            jt = frozenset(t for t in juris.split() if t not in _DIRECTIONS)
            o = _Office(key, role, juris, jt)
            self.cache[office] = o
        return o


class _Node:
    """A distinct name key (or one part of a key split by context) with aggregated context."""

    __slots__ = (
        "key", "tokens", "recs", "offices", "juris_roles", "jt", "orgs", "cooc",
        "dmin", "dmax", "n_records", "part", "idx",
    )

    def __init__(self, key: str, recs: list[int], part: int) -> None:
        self.key = key
        self.tokens = tuple(key.split())
        self.recs = recs
        self.part = part
        self.offices: set[str] = set()
        self.juris_roles: dict[str, set[str]] = {}
        self.jt: set[str] = set()
        self.orgs: set[str] = set()
        self.cooc: set[str] = set()
        self.dmin: datetime.date | None = None
        self.dmax: datetime.date | None = None
        self.n_records = len(recs)
        self.idx = -1


class _Ctx:
    """Per-record parsed context, computed once per run."""

    def __init__(self, records: Sequence[PersonRecord], cfg: DedupeConfig) -> None:
        self.records = records
        self.parse = _OfficeParser(cfg.office_roles)
        self.forms: dict[str, tuple[str, str]] = {}

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

    def fill(self, node: _Node) -> None:
        allrecs = self.records
        recs = [allrecs[i] for i in node.recs]
        for offices in {r.offices for r in recs if r.offices}:
            for o in offices:
                po = self.parse(o)
                node.offices.add(po.key)
                if po.juris:
                    node.juris_roles.setdefault(po.juris, set()).add(po.role)
                node.jt.update(po.jtokens)
        orgs: set[str] = set()
        cooc: set[str] = set()
        for r in recs:
            if r.orgs:
                orgs.update(r.orgs)
            if r.cooccurring:
                cooc.update(r.cooccurring)
        node.orgs = {g.lower() for g in orgs}
        norm = self.norm
        node.cooc = {norm(c) for c in cooc}
        node.cooc.discard(node.key)
        ds = [r.published for r in recs if r.published is not None]
        if ds:
            node.dmin, node.dmax = min(ds), max(ds)

    def split_group(self, key: str, idxs: list[int], cfg: DedupeConfig) -> list[list[int]]:
        """Split one key's records into parts on strong contrary evidence (module docstring)."""
        recs = self.records
        office_sets = {recs[i].offices for i in idxs if recs[i].offices}
        if len(office_sets) <= 1:
            return [idxs]
        # union records sharing any context feature
        parent = list(range(len(idxs)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        first: dict[tuple[str, str], int] = {}
        for pos, i in enumerate(idxs):
            r = recs[i]
            feats: list[tuple[str, str]] = []
            for o in r.offices:
                po = self.parse(o)
                feats.append(("o", po.key))
                feats.extend(("j", t) for t in po.jtokens)
            feats.extend(("g", g.lower()) for g in r.orgs)
            feats.extend(("c", self.norm(c)) for c in r.cooccurring)
            for f in feats:
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
            if any(recs[i].offices for i in members):
                with_office.append(members)
            else:
                bare.extend(members)
        if len(with_office) <= 1:
            return [idxs]

        def order(members: list[int]) -> tuple[int, tuple[str, str]]:
            return (-len(members), min((recs[i].article_id, recs[i].entity_key) for i in members))

        with_office.sort(key=order)
        parts: list[tuple[list[int], set[str], datetime.date | None, datetime.date | None]] = []
        for members in with_office:
            jt: set[str] = set()
            ds = [recs[i].published for i in members if recs[i].published is not None]
            for i in members:
                for o in recs[i].offices:
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

    if (ta == tb) or (len(ta) == len(tb) and sorted(ta) == sorted(tb)):
        return {"token_sort_ratio": 1.0, "token_jaro_winkler": 1.0, "token_min": 1.0,
                "coverage": 1.0, "kind": "equal", "name_score": 1.0, "mergeable": True}
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    used: set[int] = set()
    sims: list[float] = []
    pos: list[int] = []
    initial = False
    short_floor = False
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
            if best < 1.0 and not binit and min(len(s), len(t)) <= 5 and (
                best < cfg.min_token_similarity_short or OSA.distance(s, t) > 1
            ):
                short_floor = True  # Dedi/Dodi, Indah/Indra: short tokens must match closely
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
        if full_short < 1 or len(short) < 2 or not in_order or tok_min < cfg.subset_min_token_similarity:
            mergeable = False  # compatible, but no direct evidence: joins only through a chain
    if tok_min < cfg.min_token_similarity:
        score = min(score, tok_min)
    return {"token_sort_ratio": sort, "token_jaro_winkler": tok_mean,
            "token_min": tok_min, "coverage": coverage, "kind": kind,
            "name_score": score, "mergeable": mergeable}


_NO_CONTEXT: dict[str, Any] = {"bonus": 0.0, "penalty": 0.0, "conflict": False, "shared_offices": [],
                               "shared_orgs": [], "shared_jurisdiction_tokens": [], "shared_cooccurring": []}


def _context(a: _Node, b: _Node, name_score: float, cfg: DedupeConfig) -> dict[str, Any]:
    shared_off = a.offices & b.offices
    shared_jt = a.jt & b.jt
    shared_org = a.orgs & b.orgs
    shared_cooc = a.cooc & b.cooc
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
    if not shared_off and name_score < cfg.strong_name and a.juris_roles and b.juris_roles:
        for j in a.juris_roles.keys() & b.juris_roles.keys():
            if not (a.juris_roles[j] & b.juris_roles[j]):
                conflict = True
                break
    # orgs (a party, "Polri") are too broad to make two jurisdictions compatible
    incompatible = bool(a.jt) and bool(b.jt) and not (shared_jt or shared_off or shared_cooc)
    penalty = cfg.penalty_incompatible_context if incompatible else 0.0
    return {"bonus": bonus, "penalty": penalty, "conflict": conflict,
            "shared_offices": sorted(shared_off), "shared_orgs": sorted(shared_org),
            "shared_jurisdiction_tokens": sorted(shared_jt), "shared_cooccurring": sorted(shared_cooc)}


@lru_cache(maxsize=200_000)
def _skeleton(tok: str) -> str:
    return tok[0] + "".join(c for c in tok[1:] if c not in "aeiou")


def _block_keys(tokens: tuple[str, ...]) -> list[str]:
    full = sorted(t for t in tokens if len(t) > 1)
    keys = []
    for x in range(len(full)):
        for y in range(x + 1, len(full)):
            a, b = full[x], full[y]
            keys.append("p" + a[:3] + "|" + b[:3])
            keys.append("q" + a[-4:] + "|" + b[-4:])
    keys.append("s" + " ".join(sorted(_skeleton(t) for t in full)))
    if full:
        keys.append("i" + "".join(t[0] for t in tokens) + "|" + tokens[-1])
    return keys


# --------------------------------------------------------------------------------------------
# resolution


@dataclass
class _Run:
    records: Sequence[PersonRecord]
    cfg: DedupeConfig
    nodes: list[_Node]
    rec_node: list[int]
    root_of: list[int]  # node -> representative node of its final cluster
    scored: list[dict[str, Any]]
    single_attach: dict[int, int]
    rec_override: dict[int, int]  # record -> root, for records of ambiguous short names
    ctx: "_Ctx"


class _Resolver:
    def __init__(self, records: Sequence[PersonRecord], cfg: DedupeConfig, debug: bool = False) -> None:
        self.records = records
        self.cfg = cfg
        self.debug = debug
        self.ctx = _Ctx(records, cfg)
        self.pair_cache: dict[tuple[int, int], tuple[float, bool]] = {}
        self.scored: list[dict[str, Any]] = []
        self.ambiguous: dict[int, list[int]] = {}

    # -- step 1
    def build_nodes(self) -> tuple[list[_Node], list[int]]:
        groups: dict[str, list[int]] = defaultdict(list)
        norm = self.ctx.norm
        for i, r in enumerate(self.records):
            groups[norm(r.name)].append(i)
        nodes: list[_Node] = []
        for key in sorted(groups):
            idxs = groups[key]
            parts = self.ctx.split_group(key, idxs, self.cfg) if len(idxs) > 1 else [idxs]
            for p, members in enumerate(parts):
                node = _Node(key, members, p)
                self.ctx.fill(node)
                node.idx = len(nodes)
                nodes.append(node)
        # co-occurring persons seen next to many names (a president, a governor) prove nothing
        df: Counter[str] = Counter()
        for n in nodes:
            df.update(n.cooc)
        common = {c for c, k in df.items() if k > self.cfg.cooccurring_max_names}
        if common:
            for n in nodes:
                if n.cooc:
                    n.cooc -= common
        rec_node = [0] * len(self.records)
        for n in nodes:
            for i in n.recs:
                rec_node[i] = n.idx
        return nodes, rec_node

    # -- pair evaluation
    def evaluate(self, i: int, j: int) -> dict[str, Any]:
        a, b = self.nodes[i], self.nodes[j]
        ns = _name_scores(a.tokens, b.tokens, self.cfg)
        if ns["name_score"] < self.cfg.never_merge_floor and not self.debug:
            return {"i": i, "j": j, "names": ns, "context": _NO_CONTEXT, "combined": ns["name_score"],
                    "cannot_link": True, "mergeable": False, "frequent": False}
        cx = _context(a, b, ns["name_score"], self.cfg)
        combined = ns["name_score"] + cx["bonus"] - cx["penalty"]
        cfg = self.cfg
        cannot = (
            ns["name_score"] < cfg.never_merge_floor
            or cx["conflict"]
            or (a.key == b.key and a.part != b.part)
        )
        mergeable = bool(ns["mergeable"])
        frequent = min(a.n_records, b.n_records) >= cfg.frequent_records and ns["name_score"] < cfg.strong_name
        if frequent:
            # two spellings each seen in many articles are two names unless the context agrees
            if not (cx["shared_offices"] or cx["shared_jurisdiction_tokens"] or cx["shared_cooccurring"]):
                mergeable = False  # a shared org (a party, "Polri") is too broad on its own
            if cx["penalty"] > 0:
                cannot = True
        return {"i": i, "j": j, "names": ns, "context": cx, "combined": combined, "cannot_link": cannot,
                "mergeable": mergeable, "frequent": frequent}

    def cannot_link(self, i: int, j: int) -> bool:
        if i > j:
            i, j = j, i
        hit = self.pair_cache.get((i, j))
        if hit is None:
            ev = self.evaluate(i, j)
            hit = (ev["combined"], ev["cannot_link"])
            self.pair_cache[(i, j)] = hit
        return hit[1]

    # -- step 2 + 3
    def candidate_pairs(self, multi: list[int]):  # -> tuple[np.ndarray, np.ndarray]
        import numpy as np

        blocks: dict[str, list[int]] = defaultdict(list)
        for n in multi:
            for k in _block_keys(self.nodes[n].tokens):
                blocks[k].append(n)
        cap = max(4, self.cfg.max_block_size)
        a_parts: list[Any] = []
        b_parts: list[Any] = []
        a2: list[int] = []
        b2: list[int] = []
        triu: dict[int, tuple[Any, Any]] = {}
        nodes = self.nodes
        for members in blocks.values():
            m = len(members)
            if m < 2:
                continue
            if m == 2:
                a2.append(members[0])
                b2.append(members[1])
                continue
            windows: list[list[int]]
            if m <= cap:
                windows = [members]
            else:
                srt = sorted(members, key=lambda x: nodes[x].key)
                step = cap // 2
                windows = [srt[s : s + cap] for s in range(0, m - step, step)]
            for w in windows:
                arr = np.asarray(w, dtype=np.int64)
                t = triu.get(len(w))
                if t is None:
                    t = np.triu_indices(len(w), 1)
                    triu[len(w)] = t
                a_parts.append(arr[t[0]])
                b_parts.append(arr[t[1]])
        a_parts.append(np.asarray(a2, dtype=np.int64))
        b_parts.append(np.asarray(b2, dtype=np.int64))
        a = np.concatenate(a_parts)
        b = np.concatenate(b_parts)
        lo = np.minimum(a, b)
        hi = np.maximum(a, b)
        n = max(len(nodes), 1)
        codes = np.unique(lo * n + hi)
        return codes // n, codes % n

    def score_edges(self, multi: list[int]) -> list[tuple[float, int, int]]:
        import numpy as np
        from rapidfuzz import fuzz, process

        ca, cb = self.candidate_pairs(multi)
        if len(ca) == 0:
            return []
        keys = [n.key for n in self.nodes]
        qa = [keys[i] for i in ca.tolist()]
        qb = [keys[i] for i in cb.tolist()]
        cut = self.cfg.prefilter * 100.0
        cfg_subset_cut = self.cfg.subset_min_token_similarity * 100.0
        s1 = process.cpdist(qa, qb, scorer=fuzz.token_sort_ratio, workers=-1, dtype=np.float32)
        has_initial = np.fromiter((any(len(t) == 1 for t in n.tokens) for n in self.nodes), dtype=bool,
                                  count=len(self.nodes))
        ntok = np.fromiter((len(n.tokens) for n in self.nodes), dtype=np.int32, count=len(self.nodes))
        ok = (s1 >= cut) | has_initial[ca] | has_initial[cb]
        sub = np.nonzero(~ok & (ntok[ca] != ntok[cb]))[0]  # dropped middle names: near-exact subsets
        if len(sub):
            s2 = process.cpdist([qa[k] for k in sub.tolist()], [qb[k] for k in sub.tolist()],
                                scorer=fuzz.token_set_ratio, workers=-1, dtype=np.float32)
            ok[sub[s2 >= cfg_subset_cut]] = True
        keep = np.nonzero(ok)[0]
        del s1, qa, qb
        edges: list[tuple[float, int, int]] = []
        asym: dict[int, list[tuple[float, int]]] = defaultdict(list)
        thr = self.cfg.merge_threshold
        for k in keep.tolist():
            i, j = int(ca[k]), int(cb[k])
            ev = self.evaluate(i, j)
            self.pair_cache[(i, j)] = (ev["combined"], ev["cannot_link"])
            merge = ev["combined"] >= thr and not ev["cannot_link"] and ev["mergeable"]
            if self.debug:
                self.scored.append(ev)
            if merge:
                edges.append((ev["combined"], i, j))
                kind = ev["names"]["kind"]
                if kind in ("subset", "initial"):
                    ti, tj = self.nodes[i].tokens, self.nodes[j].tokens
                    shorter = i if (len(ti), sum(map(len, ti))) <= (len(tj), sum(map(len, tj))) else j
                    other = j if shorter == i else i
                    asym[shorter].append((ev["combined"], other))
        # ambiguity: a short name whose best targets are mutually incompatible joins none
        drop: set[tuple[int, int]] = set()
        margin = self.cfg.ambiguity_margin
        for s, targets in asym.items():
            if len(targets) < 2:
                continue
            targets.sort(key=lambda x: (-x[0], x[1]))
            top_score, top = targets[0]
            if any(sc > top_score - margin and self.cannot_link(top, t) for sc, t in targets[1:]):
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
        return _Run(self.records, cfg, nodes, rec_node, roots, self.scored, attach, self.resolve_ambiguous(roots),
                    self.ctx)

    def resolve_ambiguous(self, roots: list[int]) -> dict[int, int]:
        """Records of an ambiguous short name go, one by one, to the one target their context names."""
        override: dict[int, int] = {}
        ctx = self.ctx
        dom = self.cfg.ambiguous_dominance
        for s, targets in self.ambiguous.items():
            tnodes = [self.nodes[t] for t in targets]
            sizes = sorted((tn.n_records for tn in tnodes), reverse=True)
            dominant = None
            if dom > 0 and len(sizes) > 1 and sizes[0] >= dom * sizes[1]:
                dominant = roots[max(targets, key=lambda t: (self.nodes[t].n_records, -t))]
            for i in self.nodes[s].recs:
                r = self.records[i]
                offs = {ctx.parse(o).key for o in r.offices}
                orgs = {g.lower() for g in r.orgs}
                cooc = {ctx.norm(c) for c in r.cooccurring}
                best, hits = 0, set()
                for t, tn in zip(targets, tnodes):
                    sc = 2 * len(offs & tn.offices) + len(orgs & tn.orgs) + len(cooc & tn.cooc)
                    if sc > best:
                        best, hits = sc, {roots[t]}
                    elif sc == best and sc > 0:
                        hits.add(roots[t])
                if best > 0 and len(hits) == 1:
                    override[i] = next(iter(hits))
                elif best == 0 and dominant is not None:
                    override[i] = dominant
        return override

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
        return bool(_context(a, b, 0.0, self.cfg)["conflict"]) or (a.key == b.key and a.part != b.part)


@lru_cache(maxsize=100_000)
def _ntok(display: str) -> int:
    return sum(1 for t in display.split() if len(t.strip(".")) > 1)


def _resolve(records: Sequence[PersonRecord], cfg: DedupeConfig, debug: bool = False) -> tuple[_Run, _Resolver]:
    res = _Resolver(records, cfg, debug=debug)
    return res.run(), res


def resolve_actors(
    records: Sequence[PersonRecord], config: DedupeConfig | None = None
) -> tuple[dict[tuple[str, str], str], list[Actor]]:
    """Cluster person records into actors.

    Returns ``{(article_id, entity_key): actor_id}`` and the actors table rows (sorted by
    number of articles, descending, then name and id). Rules: module docstring.
    """
    cfg = config or _default_config()
    records = list(records)
    if not records:
        return {}, []
    # millions of small containers: the cyclic GC would rescan them over and over (superlinear)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        run, _ = _resolve(records, cfg)
        return _build_actors(run)
    finally:
        if gc_was_enabled:
            gc.enable()


def _build_actors(run: _Run) -> tuple[dict[tuple[str, str], str], list[Actor]]:
    records, cfg, nodes = run.records, run.cfg, run.nodes
    clusters: dict[int, list[int]] = defaultdict(list)
    ov = run.rec_override
    for n in nodes:
        root = run.root_of[n.idx]
        if ov:
            for i in n.recs:
                clusters[ov.get(i, root)].append(i)
        else:
            clusters[root].extend(n.recs)
    disp = run.ctx.display

    prelim: list[tuple[str, list[int], Counter, Counter, Counter]] = []
    for recs in clusters.values():
        rs = [records[i] for i in recs]
        raw_names = Counter([r.name for r in rs])
        raw_variants = Counter(chain.from_iterable([r.variants for r in rs]))
        raw_variants.update(raw_names)
        offices: Counter[str] = Counter(chain.from_iterable([r.offices for r in rs]))
        names: Counter[str] = Counter()
        for raw, c in raw_names.items():
            names[disp(raw)] += c
        variants: Counter[str] = Counter()
        for raw, c in raw_variants.items():
            variants[disp(raw)] += c
        canon = min(names, key=lambda f: (-_ntok(f), -names[f], f))
        prelim.append((canon, recs, names, variants, offices))
    # ids: key of the canonical name; collisions disambiguated deterministically
    by_key: dict[str, list[int]] = defaultdict(list)
    keys = [run.ctx.norm(p[0]) or p[0].lower() for p in prelim]
    for c, k in enumerate(keys):
        by_key[k].append(c)
    ids: list[str] = [""] * len(prelim)
    h = cfg.id_hash_chars

    def hid(s: str) -> str:
        return "act_" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:h]

    used: set[str] = set()
    for k, cs in by_key.items():
        if len(cs) == 1:
            ids[cs[0]] = hid(k)
            used.add(ids[cs[0]])
            continue
        cs.sort(key=lambda c: (-len(prelim[c][1]), min((records[i].article_id, records[i].entity_key) for i in prelim[c][1])))
        ids[cs[0]] = hid(k)
        used.add(ids[cs[0]])
        for c in cs[1:]:
            offices = prelim[c][4]
            tag = min(offices, key=lambda o: (-offices[o], o)) if offices else ""
            cand = hid(k + "|" + tag)
            if cand in used:
                r0 = min((records[i].article_id, records[i].entity_key) for i in prelim[c][1])
                cand = hid(k + "|" + tag + "|" + r0[0] + "|" + r0[1])
            ids[c] = cand
            used.add(cand)
    mapping: dict[tuple[str, str], str] = {}
    actors: list[Actor] = []
    for c, (canon, recs, names, variants, offices) in enumerate(prelim):
        aid = ids[c]
        n_mentions = 0
        arts = set()
        for i in recs:
            r = records[i]
            mapping[(r.article_id, r.entity_key)] = aid
            n_mentions += r.n_mentions
            arts.add(r.article_id)
        actors.append(
            Actor(
                actor_id=aid,
                name=canon,
                variants=sorted(variants, key=lambda v: (-variants[v], v)),
                offices=sorted(offices, key=lambda o: (-offices[o], o)),
                n_articles=len(arts),
                n_mentions=n_mentions,
            )
        )
    actors.sort(key=lambda a: (-a.n_articles, a.name, a.actor_id))
    return mapping, actors


def explain(records: Sequence[PersonRecord], name: str, config: DedupeConfig | None = None) -> list[dict]:
    """Why the names of the actor matching ``name`` were merged, and which near ones were not.

    Returns one dict per pair: ``a``, ``b`` (key forms), ``scores`` (each scorer),
    ``name_score``, ``context_bonus``, ``context_penalty``, ``combined``, ``evidence`` (shared
    offices/orgs/jurisdiction tokens/co-occurring persons), ``decision`` (``"merged"``,
    ``"kept apart"``, ``"same key"`` or ``"distinctive single token"``) and ``reason``.
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
            "evidence": {k: cx[k] for k in ("shared_offices", "shared_orgs", "shared_jurisdiction_tokens", "shared_cooccurring")},
            "frequent_pair": ev.get("frequent", False),
            "cannot_link": ev["cannot_link"],
            "decision": decision,
            "reason": reason,
        }

    for i in members:
        n = run.nodes[i]
        raw = sorted({records[r].name for r in n.recs})
        if len(raw) > 1:
            out.append({"a": n.key, "b": n.key, "names": raw, "scores": {"key_equal": 1.0}, "kind": "same key",
                        "name_score": 1.0, "context_bonus": 0.0, "context_penalty": 0.0, "combined": 1.0,
                        "evidence": {}, "decision": "same key", "reason": "identical normalized name"})
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
            why = "cannot link (below never_merge_floor or office conflict)" if ev["cannot_link"] else (
                "combined score below merge_threshold" if ev["combined"] < cfg.merge_threshold
                else "shorter name not a dropped middle name (order/first/last/token similarity)"
                if not ev["mergeable"]
                else "blocked by chaining guard or ambiguity rule")
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
        out.append(row(ev, "kept apart", "not a candidate pair (no shared blocking key); scored here for reference"))
    for i in members:
        if i in res.ambiguous:
            moved = sum(1 for r in run.nodes[i].recs if r in run.rec_override)
            out.append({"a": run.nodes[i].key, "b": ", ".join(run.nodes[t].key for t in res.ambiguous[i]),
                        "scores": {}, "kind": "ambiguous", "name_score": 0.0, "context_bonus": 0.0,
                        "context_penalty": 0.0, "combined": 0.0, "evidence": {}, "decision": "ambiguous",
                        "reason": f"short name fits several incompatible actors; {moved} of "
                                  f"{run.nodes[i].n_records} records assigned one by one by context"})
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


def find_duplicate_articles(
    articles: Iterable[tuple[str, str, datetime.date | None]], config: DedupeConfig | None = None
) -> dict[str, str | None]:
    """Map each article id to the earliest article it duplicates, or None (module docstring).

    ``articles`` is read once, as a stream: only an exact hash and a compact MinHash sketch of
    each article are kept, never its text, so a million articles fit in memory."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    cfg = config or _default_config()
    k = max(1, cfg.minhash_shingle_words)
    proto = MinHash(num_perm=cfg.minhash_num_perm, seed=1)
    ids: list[str] = []
    dates: list[datetime.date | None] = []
    hashes: list[str] = []
    sketches: list[tuple[Any, int] | None] = []
    for aid, text, published in articles:
        words = _WORD.findall((text or "").lower())
        ids.append(aid)
        dates.append(published)
        hashes.append(hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest())
        if len(words) < cfg.dup_min_words:
            sketches.append(None)
            continue
        shingles = {" ".join(words[p : p + k]).encode("utf-8") for p in range(len(words) - k + 1)}
        m = MinHash(num_perm=cfg.minhash_num_perm, seed=1, permutations=proto.permutations, scheme=proto.scheme)
        m.update_batch(list(shingles))
        sketches.append((LeanMinHash(m), len(shingles)))
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
            jac = m.jaccard(mj)
            inter = jac * (n + nj) / (1.0 + jac)
            cont = inter / max(1, min(n, nj))
            if jac >= cfg.dup_min_jaccard or cont >= cfg.dup_min_containment:
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
