"""Ingest: read input files lazily and clean each article of page furniture.

Input formats (see SCHEMA.md): ``.txt`` (one article per file), ``.jsonl`` / ``.jsonl.gz`` (one
article per line), ``.html`` (a saved page; main text by trafilatura). Everything that can go
wrong with one input becomes a :class:`Skipped` record with an error code and a one-line reason;
it never stops the run.

Cleaning is driven by data, not code: ``resources/furniture.json`` lists the page-furniture
patterns and ``resources/outlets.json`` the datelines. The cleaned body keeps paragraph breaks
(one ``\\n`` between paragraphs); every offset in the output refers to this cleaned text.
Text a scraper decoded as cp1252 is repaired (ftfy), copies of the body run together into one
line are dropped (:func:`drop_repeated_lines`), and a dateline glued to the body ("Liputan6.com,
JakartaKita", "JAKARTA-Kita") is set off with " - " (``glued_datelines``).

Publication date: from metadata (JSONL ``published``, outlet words before the date dropped, HTML meta tags, a date line under the
title), else from a date in the dateline, else from the first full date in the body such as
"Kamis (14/9/2023)"; ``published_from`` says which (``metadata``, ``dateline``, ``first_date``,
``none``).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlparse

from .errors import Errors
from .resources import load_resource

SUPPORTED = (".txt", ".jsonl", ".jsonl.gz", ".html", ".htm")


@dataclass(frozen=True)
class IngestConfig:
    max_chars: int = 500_000  # longer articles are skipped or truncated (on_too_long)
    on_too_long: str = "skip"  # "skip" | "truncate"
    max_file_bytes: int = 200_000_000  # a single .txt/.html larger than this is refused
    max_decompressed_bytes: int = 2_000_000_000  # guard against .gz decompression bombs
    max_line_bytes: int = 8_000_000  # one JSONL line larger than this is skipped


@dataclass
class RawArticle:
    """One article as read from its input, before cleaning."""

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    id: str | None = None
    fmt: str = "txt"


@dataclass(frozen=True)
class Skipped:
    source: str
    code: str
    reason: str

    @property
    def line(self) -> str:
        return self.reason


@dataclass
class Article:
    article_id: str
    source: str
    outlet: str | None
    title: str | None
    published: dt.date | None
    published_from: str
    dateline: str | None
    text: str
    content_hash: str
    dateline_span: tuple[int, int] | None = None
    warnings: list[str] = field(default_factory=list)
    n_tokens: int = 0
    duplicate_of: str | None = None


def _skip(path: str, message: str) -> Skipped:
    code = message[1:5] if message.startswith("[") else "E000"
    return Skipped(source=path, code=code, reason=message)


# --------------------------------------------------------------------------- reading inputs


def iter_paths(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Files under the inputs (folders read recursively, sorted for a stable order)."""
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p


def _fmt_of(path: Path) -> str | None:
    name = path.name.lower()
    for ext in (".jsonl.gz", ".jsonl", ".txt", ".html", ".htm"):
        if name.endswith(ext):
            return ext
    return None


def _decode(data: bytes, path: str) -> str | Skipped:
    if not data.strip():
        return _skip(path, Errors.E003.format(path=path))
    head = data[:8192]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.05:
        return _skip(path, Errors.E002.format(path=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return _skip(path, Errors.E001.format(path=path, reason=f"invalid byte at offset {e.start}"))


def read_file(path: Path, config: IngestConfig = IngestConfig()) -> Iterator[RawArticle | Skipped]:
    """Yield the articles of one input file, or Skipped records for what is unusable."""
    src = str(path)
    fmt = _fmt_of(path)
    if fmt is None:
        yield _skip(src, Errors.E005.format(path=src, ext=path.suffix or "(none)"))
        return
    try:
        size = path.stat().st_size
    except OSError as e:
        yield _skip(src, Errors.E010.format(path=src, reason=e.strerror or type(e).__name__))
        return
    if fmt in (".jsonl", ".jsonl.gz"):
        yield from _read_jsonl(path, fmt, config)
        return
    if size > config.max_file_bytes:
        yield _skip(src, Errors.E006.format(path=src, size=size, limit=config.max_file_bytes, action="skipped"))
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield _skip(src, Errors.E010.format(path=src, reason=e.strerror or type(e).__name__))
        return
    text = _decode(data, src)
    if isinstance(text, Skipped):
        yield text
        return
    if fmt in (".html", ".htm"):
        yield _from_html(text, src)
    else:
        yield RawArticle(source=src, text=text, fmt="txt")


def _read_jsonl(path: Path, fmt: str, config: IngestConfig) -> Iterator[RawArticle | Skipped]:
    src = str(path)
    try:
        raw = gzip.open(path, "rb") if fmt == ".jsonl.gz" else open(path, "rb")
    except OSError as e:
        yield _skip(src, Errors.E010.format(path=src, reason=e.strerror or type(e).__name__))
        return
    total = 0
    n_good = 0
    lineno = 0
    try:
        with raw:
            while True:
                try:
                    line = raw.readline(config.max_line_bytes + 1)
                except (OSError, EOFError, gzip.BadGzipFile) as e:
                    yield _skip(src, Errors.E010.format(path=src, reason=f"line {lineno + 1}: {e}"))
                    return
                if not line:
                    break
                lineno += 1
                total += len(line)
                if total > config.max_decompressed_bytes:
                    yield _skip(src, Errors.E009.format(path=src, limit=config.max_decompressed_bytes))
                    return
                if len(line) > config.max_line_bytes and not line.endswith(b"\n"):
                    # an oversized line: skip to its end without holding it in memory
                    yield _skip(f"{src}:{lineno}", Errors.E006.format(path=f"{src}:{lineno}", size=f">{config.max_line_bytes} bytes of", limit=config.max_line_bytes, action="skipped"))
                    while True:
                        chunk = raw.readline(1 << 20)
                        total += len(chunk)
                        if not chunk or chunk.endswith(b"\n") or total > config.max_decompressed_bytes:
                            break
                    continue
                if not line.strip():
                    continue
                rec = _parse_json_line(line, src, lineno)
                if isinstance(rec, Skipped):
                    yield rec
                    continue
                n_good += 1
                yield rec
    except OSError as e:
        yield _skip(src, Errors.E010.format(path=src, reason=str(e)))
        return
    if lineno == 0:
        yield _skip(src, Errors.E003.format(path=src))


def _parse_json_line(line: bytes, src: str, lineno: int) -> RawArticle | Skipped:
    where = f"{src}:{lineno}"
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as e:
        return _skip(where, Errors.E001.format(path=where, reason=f"invalid byte at offset {e.start}"))
    except json.JSONDecodeError as e:
        return _skip(where, Errors.E004.format(path=src, line=lineno, reason=e.msg))
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return _skip(where, Errors.E008.format(path=src, line=lineno))

    def s(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v not in (None, "") else None

    url = s("url")
    source = url or where
    return RawArticle(source=source, text=obj["text"], title=s("title"), url=url, outlet=s("outlet"),
                      published=s("published"), id=s("id"), fmt="jsonl")


def _from_html(html: str, src: str) -> RawArticle | Skipped:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                          favor_precision=True)
    except Exception as e:  # trafilatura raises many types on broken markup
        return _skip(src, Errors.E012.format(path=src, reason=f"HTML extraction failed: {type(e).__name__}"))
    if doc is None:
        return _skip(src, Errors.E007.format(path=src))
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = d.get("text") or ""
    if not text.strip():
        return _skip(src, Errors.E007.format(path=src))
    return RawArticle(source=src, text=text, title=d.get("title"), url=d.get("url"), outlet=d.get("sitename"),
                      published=d.get("date"), fmt="html")


def iter_raw(inputs: Iterable[str | Path], config: IngestConfig = IngestConfig()) -> Iterator[RawArticle | Skipped]:
    """All raw articles and skip records of the inputs, lazily, in a stable order."""
    for path in iter_paths(inputs):
        if not path.exists():
            yield _skip(str(path), Errors.E902.format(path=path))
            continue
        yield from read_file(path, config)


# --------------------------------------------------------------------------- cleaning

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, but tab and newline
_TERMINAL = re.compile(r"[.!?\"”’)\]:;…]\s*$")


@dataclass(frozen=True)
class _Patterns:
    drop_line: tuple[re.Pattern, ...]
    block_start: tuple[re.Pattern, ...]
    caption_start: tuple[re.Pattern, ...]
    strip_inline: tuple[re.Pattern, ...]
    strip_tail: tuple[re.Pattern, ...]
    outlet_hint: tuple[tuple[re.Pattern, str], ...]
    deglue: tuple[re.Pattern, ...]
    deglue_verbs: re.Pattern
    deglue_keep: frozenset[str]
    related_run_on: re.Pattern
    datelines: tuple[re.Pattern, ...]
    dateline_known_place: tuple[bool, ...]  # the place must be a region the gazetteer knows
    glued_datelines: tuple[re.Pattern, ...]
    canonical: dict[str, str]
    domains: dict[str, str]
    not_place: frozenset[str]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    f = load_resource("furniture")
    o = load_resource("outlets")
    comp = lambda items: tuple(re.compile(i["pattern"]) for i in items)  # noqa: E731
    return _Patterns(
        drop_line=comp(f["drop_line"]),
        block_start=comp(f["block_start"]),
        caption_start=comp(f["caption_start"]),
        strip_inline=comp(f["strip_inline"]),
        strip_tail=comp(f["strip_tail"]),
        outlet_hint=tuple((re.compile(i["pattern"]), i["outlet"]) for i in f["outlet_hint"]),
        deglue=comp(f["deglue"]),
        deglue_verbs=re.compile(f["deglue_verbs"]),
        deglue_keep=frozenset(f["deglue_keep"]),
        related_run_on=re.compile(f["related_run_on"]["pattern"]),
        datelines=comp(o["datelines"]),
        dateline_known_place=tuple(bool(i.get("known_place")) for i in o["datelines"]),
        glued_datelines=comp(o["glued_datelines"]),
        canonical={k.lower(): v for k, v in o["canonical"].items()},
        domains=o["domains"],
        not_place=frozenset(o["dateline_not_place"]),
    )


# UTF-8 read as Latin-1 ("â\x80\x94") or cp1252 ("â€“"): a lead byte's letter, then a continuation byte's
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2\u00f0][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                       "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def fix_mojibake(text: str) -> str:
    """UTF-8 text that was decoded as Latin-1 or cp1252 on the way ("â\x80\x94" for an em dash),
    repaired by ftfy's ``fix_encoding`` (only the encoding; quotes and widths stay as written).
    Only text with the telltale byte pair pays for it."""
    if not _MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def normalize_text(text: str) -> str:
    """Unicode NFC, mojibake repaired, no zero-width or bidi controls, one kind of space and newline."""
    text = unicodedata.normalize("NFC", fix_mojibake(text)).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROLS.sub("", text)
    return _SPACES.sub(" ", text)


def _deglue(line: str, pats: _Patterns) -> str:
    """Word boundaries a scraper lost where links were, restored outside quotations: a quotation
    stays word for word as it was published (the speaker's text, and what users search for)."""
    return _QUOTED.sub(lambda m: m.group(1) if m.group(1) is not None else _deglue_segment(m.group(2), pats), line)


def _deglue_segment(line: str, pats: _Patterns) -> str:
    line = _split_verbs(line, pats)  # "Muhammad Amin Fauzanmengatakan" -> "... Fauzan mengatakan"
    protected: list[str] = []

    def protect(text: str) -> str:
        protected.append(text)
        return f"\x00{len(protected) - 1}\x00"

    line = _protect_words(line, _keep_re(pats.deglue_keep), protect)
    # URLs, e-mails and domain names are never split
    # (and all lower-case handles and paths with a dot between letters: "ranseltbc.tangerangkota")
    line = _UNSPLIT.sub(lambda m: protect(m.group(0)), line)
    if "/" in line:
        line = _PATH_DIGITS.sub(lambda m: protect(m.group(0)), line)
    # a bracket glued to the word before or after it: "Nuryanta(MAN)", "(Mensos)Saifullah", "Sritex)Iwan"
    if "(" in line or ")" in line:
        line = _BRACKET_GLUE.sub(" ", line)
    if any(c.isupper() for c in line[1:]):
        for p in pats.deglue:
            line = p.sub(" ", line)
        line = _ACRONYM_GLUE.sub(_split_acronym, line)
    line = _LONG_WORD.sub(_split_match, line)
    return re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], line)


def _split_verbs(line: str, pats: _Patterns) -> str:
    """A reporting verb or "atau" glued to the word before it set off ("Fauzanmengatakan" ->
    "Fauzan mengatakan", ``deglue_verbs``), unless the whole word is a known word ("Krakatau")."""
    cuts, ws = [], _word_split()
    for m in pats.deglue_verbs.finditer(line):
        s = e = m.start()
        while s and line[s - 1].isalpha():
            s -= 1
        while e < len(line) and line[e].isalpha():
            e += 1
        word = line[s:e].lower()
        if word not in ws.zipf and word not in ws.never:
            cuts.append(m.start())
    if not cuts:
        return line
    return " ".join(line[i:j] for i, j in zip([0, *cuts], [*cuts, len(line)]))


# "Nuryanta(MAN)" and "(Mensos)Saifullah": a bracket of two characters or more glued to a word of two
# letters or more; a suffix in brackets ("teman(s)", "anak(nya)") and "f(x)" stay
_BRACKET_GLUE = re.compile(r"(?<=[A-Za-z]{2})(?=\([A-Za-z0-9][^()\n]*[A-Za-z0-9]\)(?![0-9]))(?!\((?:nya|es|an|kan|lah)\))"
                           r"|(?<=[A-Za-z0-9]{2}\))(?=[A-Za-z])")

# a sentence's full stop with no space after it ("sudah.Pemerintah", "(19/6/2025).Rudal"): the copy
# a scraper ran together. The word before is letters only and ends in two lower-case letters, so
# "Jl.Sudirman", "Sp.P.D.", "Kompas.com", "bit.ly/x.Ikuti" and e-mails stay
_LOST_STOP = re.compile(r"(?:(?<![^\s\"“”(‘'’])(?!www\.)[A-Za-z]*[a-z]{2}|(?<=[0-9A-Za-z]\)))\.(?=[A-Z][a-z])")
_DOT_CAPITAL = re.compile(r"\.[A-Z][a-z]")


def _space_lost_stops(line: str) -> str:
    """'sudah.Pemerintah' -> 'sudah. Pemerintah' (see ``_LOST_STOP``); words are not changed,
    so quotations get it too."""
    if not _DOT_CAPITAL.search(line):  # most lines: one fast scan instead of a look-behind per word
        return line
    return _LOST_STOP.sub(lambda m: m.group(0) + " ", line)


# a run of two or more capitals with letters glued on either side: "CPOdan", "disetujuiBWF", "KPKMenurut"
_ACRONYM_GLUE = re.compile(r"(?<![A-Za-z0-9])([A-Z]?[a-z]+)?([A-Z]{2,})([a-z]+)?(?![A-Za-z0-9])")


def _split_acronym(m: re.Match) -> str:
    """'CPOdan' -> 'CPO dan', 'DUApemain' -> 'DUA pemain', 'KPKMenurut' -> 'KPK Menurut',
    'disetujuiBWF' -> 'disetujui BWF', 'bawaPSGsapu' -> 'bawa PSG sapu' (``deglue_words.acronym``).
    The seam after the capitals is where word frequencies say: the lower-case rest as a word
    ("dan") against the rest with the last capital ("Odan"; "Erick" of "PSSIErick" is a word
    too, so "rick" is no split)."""
    left, caps, right = m.groups()
    if left is None and right is None:
        return m.group(0)
    ws = _word_split()
    cfg = ws.cfg["acronym"]
    out = caps
    if right is not None:
        z_right = ws.zipf.get(right, 0.0)
        z_word = ws.zipf.get(caps[-1].lower() + right, 0.0)  # "odan"; "erick" of "PSSIErick"
        if right in ws.acronym_never_right:
            out = caps + right
        elif (len(right) >= cfg["min_right"] and z_right >= cfg["min_zipf"]
                and (z_word < cfg["min_zipf"] or z_right >= z_word + cfg["min_zipf_margin"])):
            out = f"{caps} {right}"
        elif len(caps) >= 3 and len(right) >= 2:  # "KPKMenurut", "DPRDKota"
            out = f"{caps[:-1]} {caps[-1]}{right}"
        else:
            out = caps + right
    if left is not None:
        ok = len(left) >= cfg["min_left"] and ws.zipf.get(left.lower(), 0.0) >= cfg["min_zipf"]
        out = f"{left} {out}" if ok else left + out
    return out


# URLs, e-mails, domain names, lower-case handles and paths: never split
_UNSPLIT = re.compile(r"\S+\.(?:com|id|net|org|co)\b\S*|\S+@\S+|(?<!\S)[a-z0-9_]*[a-z]\.[a-z][a-z0-9_./]*")
_PATH_DIGITS = re.compile(r"[^\s/]*/[A-Za-z]+[0-9]+\S*")  # a register number's "HK/hakcipta2024" (looked for where "/" is)
_LONG_WORD = re.compile(r"(?<![@#])\b[A-Za-z][a-z]{5,}\b")  # not an @handle or #hashtag ("@pendakilawas")
_QUOTED = re.compile(r'([“"«][^”"»]*(?:[”"»]|$))|([^“"«]+)')


def _split_match(m: re.Match) -> str:
    return split_glued_word(m.group(0))


@dataclass(frozen=True)
class _WordSplit:
    zipf: dict[str, float]
    cfg: dict
    clause: frozenset[str]
    verb: re.Pattern
    prefixes: frozenset[str]
    name_endings: frozenset[str]
    never: frozenset[str]
    after_name: frozenset[str]
    noun: re.Pattern  # derived nouns ("keserentakan"), never cut before a short word
    attested_never: frozenset[str] = frozenset()  # deglue_words.attested.never_right
    attested_name_like: frozenset[str] = frozenset()  # deglue_words.attested.clause_words_names_end_in
    acronym_never_right: frozenset[str] = frozenset()  # deglue_words.acronym.never_right
    pair_never_left: frozenset[str] = frozenset()  # deglue_words.prefixes and deglue_words.pair.never_left


@lru_cache(maxsize=1)
def _word_split() -> _WordSplit:
    import math

    import wordfreq

    cfg = load_resource("furniture")["deglue_words"]
    zipf = {w: math.log10(f * 1e9) for w, f in wordfreq.get_frequency_dict("id").items() if f >= 1e-8}
    return _WordSplit(zipf, cfg, frozenset(cfg["clause_words"]), re.compile(cfg["verb_pattern"]), frozenset(cfg["prefixes"]),
                      frozenset(cfg["name_endings"]), frozenset(cfg["never_split"]), frozenset(cfg["short_words_after_name"]),
                      re.compile(load_resource("words")["noun_pattern"], re.IGNORECASE),
                      frozenset(cfg["attested"]["never_right"]), frozenset(cfg["attested"]["clause_words_names_end_in"]),
                      frozenset(cfg["acronym"]["never_right"]), frozenset(cfg["prefixes"] + cfg["pair"]["never_left"]))


@lru_cache(maxsize=65536)
def split_glued_word(word: str) -> str:
    """'Tangerangselama' -> 'Tangerang selama', 'narkobayang' -> 'narkoba yang',
    'korbanpembunuhandi' -> 'korban pembunuhan di'; any word the Indonesian frequency list knows,
    or that no safe seam splits, is returned as it is."""
    best = _best_seam(word)
    if best is None:
        return word
    left = word[: best[1]]
    if best[2]:  # the left part is itself glue ("korbanpembunuhan" of "korbanpembunuhandi")
        left = split_glued_word(left)
    return f"{left} {word[best[1]:]}"


@lru_cache(maxsize=65536)
def _best_seam(word: str) -> tuple[float, int, bool] | None:
    """The best seam of a glued word: (score, index, whether the left part is glue to split too)."""
    ws = _word_split()
    low = word.lower()
    cfg = ws.cfg
    if len(word) < cfg["min_len"] or low in ws.zipf or low in ws.never:
        return None
    cap = word[0].isupper()
    best: tuple[float, int, bool] | None = None
    for i in range(3, len(word) - 1):
        left, right = low[:i], low[i:]
        zr = ws.zipf.get(right)
        if zr is None or right in ws.name_endings:
            continue
        zl = ws.zipf.get(left, 0.0)
        glue = False
        clause = right in ws.clause or (len(right) >= 6 and zr >= cfg["min_zipf_verb"] and bool(ws.verb.match(right)))
        if cap:
            ok = clause and (len(right) >= cfg["min_right_after_capital"]
                             or (right in ws.after_name and i >= 5 and not ws.noun.match(low)))  # not "Keserent|akan"
        else:
            # a rarer di-/me- verb is a left part too: "dilansir|detik"
            left_verb = ws.verb.match(left) is not None
            min_left = cfg["min_zipf_left_verb"] if left_verb else cfg["min_zipf_left"]
            ok = (len(left) >= 4 and zl >= min_left and left not in ws.prefixes
                  and (clause or (zl >= cfg["min_zipf_both"] and zr >= cfg["min_zipf_both"] and len(right) >= 5)
                       # a four-letter word only after a longer left part and if very frequent: "proyek|film",
                       # not "mari|nasi", "presiden|sial", "volume|trik"
                       or (zl >= cfg["min_zipf_both"] and zr >= cfg["min_zipf_right_short"] and len(right) == 4
                           and (i >= 5 or zl >= cfg["min_zipf_right_short"] + 0.8))
                       or (left_verb and zr >= cfg["min_zipf_both"] and len(right) >= 5)
                       # a function word glued to the next word: "akibaterupsi", "untukwajah"
                       or (left in ws.clause and len(right) >= 4 and zr >= cfg["min_zipf_left"])
                       # two common words, where the glued word is no affixed form: "penyandang|disabilitas"
                       or _pair_seam(low, left, zl, zr)))
            if not ok and clause and zl == 0.0 and i >= cfg["min_len_recursive"]:
                # two seams: a clause word after a left part that is glue itself ("ojekonline|yang")
                sub = _best_seam(left)
                # not where the two right parts make one word: "melaluiemailke|pada" is "kepada"
                if sub is not None and left[sub[1]:] + right not in ws.zipf:
                    ok, glue, zl = True, True, sub[0]
        if ok:
            score = min(zl or 2.5, zr)
            if best is None or score > best[0]:
                best = (score, i, glue)
    return best


def _pair_seam(word: str, left: str, zl: float, zr: float) -> bool:
    """A seam between two common words of ``deglue_words.pair`` ("penyandang|disabilitas",
    "ojek|online"): both parts frequent (a di-/me-/ber-/ter- left part more so: not "disalah|pahami"),
    neither part a prefix of word formation ("seni|multi" of "senimultidisiplin"), no other seam
    between two such words ("dan|ground", "dang|round"), and the glued word no affixed form of a
    known word (:func:`_affixed`: "ter|amati", "dinilai|nya") nor an English word ("overtourism")."""
    ws = _word_split()
    pair = ws.cfg["pair"]
    right = word[len(left):]
    if (min(zl, zr) < pair["min_zipf"] or len(right) < pair["min_right"] or left in ws.pair_never_left
            or right in ws.pair_never_left or (ws.verb.match(left) and zl < pair["min_zipf_verb_left"])):
        return False
    for j in range(2, len(word) - 2):
        if j != len(left) and min(ws.zipf.get(word[:j], 0.0), ws.zipf.get(word[j:], 0.0)) >= pair["min_zipf"]:
            return False
    return not _affixed(word)


@lru_cache(maxsize=8192)
def _affixed(word: str) -> bool:
    """Whether a word not in the frequency list is a known word with affixes of ``deglue_words.pair``
    ("teramati" is ter-amati, "memesona" mem-pesona, "kenaikannya" kenaikan-nya, "pengoplosan"
    peng-oplos-an) or an English word: such a word is written whole, never two words glued."""
    ws = _word_split()
    pair = ws.cfg["pair"]
    known = lambda w: ws.zipf.get(w, 0.0) >= pair["min_zipf_stem"]  # noqa: E731

    def stem_known(w: str, depth: int) -> bool:
        if known(w):
            return True
        return depth > 0 and any(w.endswith(x) and len(w) - len(x) >= pair["min_stem"] and stem_known(w[: -len(x)], depth - 1)
                                 for x in pair["suffixes"])

    if stem_known(word, 2):
        return True
    for pre in pair["prefixes"]:
        if word.startswith(pre) and len(word) - len(pre) >= pair["min_stem"]:
            rest = word[len(pre):]
            if stem_known(rest, 2) or (pre in pair["nasal"] and stem_known(pair["nasal"][pre] + rest, 2)):
                return True
    import wordfreq

    return wordfreq.zipf_frequency(word, "en") >= pair["min_zipf_english"]


_CAP_WORD = re.compile(r"\b[A-Z][A-Za-z]+\b")
_NEXT_WORD = re.compile(r" ([a-z]+)")
_CAP_BIGRAM = re.compile(r"(?=\b([A-Z][A-Za-z]+ [A-Z][A-Za-z]+)\b)")


def deglue_attested(lines: list[str], title: str | None = None) -> list[str]:
    """Words glued onto a name the article also writes alone, split: "Prabowo Subiantodan" ->
    "Prabowo Subianto dan" where "Subianto" stands alone elsewhere, if the glued word is a clause
    word ("pun", "yang", ...; "di", which names also end in, not before a verb), or, if
    it is any known word but no name ending, where the article also has the name with the word
    before it ("Kimberly Rydersambil" where "Kimberly Ryder" occurs;
    ``deglue_words.attested`` in furniture.json). The per-word rules of :func:`split_glued_word`
    cannot split short words off a name, as names end in them ("Ramadan", "Sunardi"); the
    article's own spelling of the name is the evidence; the title counts as part of the article
    ("Fadli Zonyang" where only the title writes "Fadli Zon"), but only the lines are changed.
    Quotations stay as published."""
    ws = _word_split()
    att = ws.cfg["attested"]
    text = "\n".join([*lines, title] if isinstance(title, str) else lines)
    words = Counter(_CAP_WORD.findall(text))
    never = ws.attested_never
    seams: dict[str, int] = {}
    for w, n in words.items():
        if len(w) < ws.cfg["min_len"] or w.lower() in ws.zipf or w.lower() in ws.never:
            continue
        for i in range(len(w) - 2, att["min_left"] - 1, -1):  # the longest name written alone
            right = w[i:]
            # the name alone is written at least as often as glued (a glued copy is a one-off; "Alyssa
            # Daguise" written ten times is no "Dagui" + "se")
            if (words.get(w[:i], 0) >= n and right.islower() and right not in never
                    and right not in ws.name_endings
                    and (right in ws.clause or (len(right) >= 3 and ws.zipf.get(right, 0.0) >= att["min_zipf_right"]))):
                seams[w] = i
                break
    if not seams:
        return lines
    bigrams = set(_CAP_BIGRAM.findall(text))
    name_like = ws.attested_name_like

    def fix(seg: str) -> str:
        out, done, prev, prev_end = [], 0, "", -2
        for m in _CAP_WORD.finditer(seg):
            w, i = m.group(0), seams.get(m.group(0))
            before = prev if prev_end == m.start() - 1 and seg[prev_end] == " " else ""
            prev, prev_end = w, m.end()
            if i is None:
                continue
            right = w[i:]
            # a clause word names also end in ("Kurniadi", "Hamdan") is no glued word before a
            # verb ("Kurniadi mengatakan"), unless the name before it is attested too
            nxt = _NEXT_WORD.match(seg, m.end())
            verb_next = nxt is not None and bool(ws.verb.match(nxt.group(1))) and (
                ws.zipf.get(nxt.group(1), 0.0) >= ws.cfg["min_zipf_verb"])
            clause = right in ws.clause and not (right in name_like and verb_next)
            if clause or f"{before} {w[:i]}" in bigrams:
                out.append(seg[done : m.start() + i] + " ")
                done = m.start() + i
        return "".join(out) + seg[done:]

    def segment(q: re.Match) -> str:
        return q.group(1) if q.group(1) is not None else fix(q.group(2))

    return [_QUOTED.sub(segment, line) for line in lines]


@lru_cache(maxsize=4)
def _keep_re(words: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _protect_words(line: str, keep: re.Pattern, protect: Callable[[str], str]) -> str:
    """Each whole word that contains a kept word ("TikTok", "WhatsAppnya") replaced by
    ``protect(match)``. The words are found by the plain alternation and widened to their word
    here: a leading ``\\w*`` in the pattern made the regex engine backtrack over every word of the
    line for each of the kept words (a third of the cleaning time)."""
    out: list[str] = []
    k = 0
    for m in keep.finditer(line):
        if m.start() < k:
            continue
        s, e = m.start(), m.end()
        while s > k and (line[s - 1].isalnum() or line[s - 1] == "_"):
            s -= 1
        while e < len(line) and (line[e].isalnum() or line[e] == "_"):
            e += 1
        out += [line[k:s], protect(line[s:e])]
        k = e
    return "".join(out) + line[k:] if out else line


_MIN_REPEAT = 40  # the shortest paragraph that can open a run-together copy of the body
_MIN_SAME = 100  # the shortest paragraph whose second identical copy is dropped (not a list's "Stadion X, pukul 15.30 WIB")
_MAX_RELATED = 600  # the longest run of related headlines between two paragraphs of a run-together copy


def drop_repeated_lines(lines: list[str], related: re.Pattern | None = None) -> list[str]:
    """Copies of the body a scraper glued in, out: a line that starts with the next paragraph and
    goes on with the one after it (the rest of the article run together, as Republika's pages
    give it: "P1P2P3", "P1", "P2P3", "P2", ...), also where a run of related headlines that
    ``related`` matches ("Baca JugaHeadline OneHeadline Two", ``related_run_on`` in furniture.json,
    at most ``_MAX_RELATED`` characters) stands between the two, and a later copy of a paragraph
    already given. An article that repeats a sentence keeps it: only a whole paragraph of
    ``_MIN_REPEAT`` characters or more (``_MIN_SAME``), or a line made of the following paragraphs,
    is taken for a copy."""
    nonempty = [i for i, x in enumerate(lines) if x.strip()]
    if len(nonempty) < 2:
        return lines
    drop: set[int] = set()
    seen: set[str] = set()
    for k, i in enumerate(nonempty):
        s = lines[i].strip()
        if len(s) >= _MIN_SAME:
            if s in seen:
                drop.add(i)
                continue
            seen.add(s)
        if k + 1 >= len(nonempty):
            continue
        nxt = lines[nonempty[k + 1]].strip()
        if len(nxt) >= _MIN_REPEAT and len(s) > len(nxt) and s.startswith(nxt):
            rest = s[len(nxt):].lstrip()
            after = lines[nonempty[k + 2]].strip() if k + 2 < len(nonempty) else ""
            n = min(30, len(after))
            if n >= 10 and (rest[:n] == after[:n] or (
                    related is not None and related.match(rest) and rest.find(after[:n], 0, _MAX_RELATED + n) > 0)):
                drop.add(i)
    return [x for i, x in enumerate(lines) if i not in drop] if drop else lines


def _unglue_dateline(lines: list[str], pats: _Patterns) -> list[str]:
    """A dateline glued to the body ("Liputan6.com, JakartaKita semua", "JAKARTA-Ketegangan")
    set off with " - " (``glued_datelines`` in outlets.json), so the city never runs into the
    first words of the body."""
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        for p in pats.glued_datelines:
            m = p.match(line)
            if m and m.group("place").split()[0].title() not in pats.not_place:
                lines = list(lines)
                lines[k] = m.group("head") + " - " + line[m.end():].lstrip()
                break
        return lines
    return lines


def _is_headline_like(line: str) -> bool:
    """A related-article headline: short and without sentence-final punctuation."""
    return len(line) <= 160 and not _TERMINAL.search(line)


_CAPTION_MAX = 300  # the longest caption a photo button ("Lihat Foto") takes with it
_QUOTE_MARKS = re.compile(r"[\"“”]")


def strip_furniture(lines: list[str], pats: _Patterns) -> list[str]:
    out: list[str] = []
    in_block = False
    in_caption = False
    for line in lines:
        s = line.strip()
        if not s:
            out.append("")
            continue
        if any(p.search(s) for p in pats.caption_start):
            in_caption = True
            continue
        if in_caption:  # the photo's credit lines, then its caption
            if any(p.search(s) for p in pats.drop_line):
                continue
            in_caption = False
            if len(s) <= _CAPTION_MAX and not _QUOTE_MARKS.search(s):
                continue
        if any(p.search(s) for p in pats.block_start):
            in_block = True
            continue
        if in_block:
            if _is_headline_like(s) or any(p.search(s) for p in pats.drop_line):
                continue
            in_block = False
        if any(p.search(s) for p in pats.drop_line):
            continue
        for p in pats.strip_inline:
            s = p.sub(" ", s).strip()
        if s:
            out.append(s)
    return out


def _strip_tail(lines: list[str], pats: _Patterns) -> list[str]:
    """The credits at the article's end out (``strip_tail``: "(ant/mhd)", "(*)", a bare date line),
    one after another until none is left: a credit may stand under a date line."""
    lines = list(lines)
    changed = True
    while changed:
        changed = False
        while lines and not lines[-1].strip():
            lines.pop()
        for p in pats.strip_tail:
            if not lines:
                return lines
            new = p.sub("", lines[-1]).rstrip()
            if new != lines[-1]:
                lines[-1], changed = new, True
                break
    return lines


def _dewrap(lines: list[str]) -> list[str]:
    """Join a paragraph that a copy broke mid-sentence (line ends mid-clause, next starts lower-case)."""
    paras: list[str] = []
    for line in lines:
        if (paras and paras[-1] and line and line[0].islower() and not _TERMINAL.search(paras[-1])):
            paras[-1] = paras[-1] + " " + line
        else:
            paras.append(line)
    return [p for p in paras if p]


_TITLE_MAX = 250


def _split_title(lines: list[str], raw: RawArticle, pats: _Patterns) -> tuple[str | None, list[str]]:
    """A .txt article's first line is its title when it is short, unpunctuated and set apart."""
    if raw.title is not None or raw.fmt != "txt":
        return raw.title, lines
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return None, lines
    first = lines[i].strip()
    rest = lines[i + 1:]
    nxt = next((x for x in rest if x.strip()), "")
    is_dateline = any(p.match(first) for p in pats.datelines)
    set_apart = rest[:1] in ([""], [" "])
    continues = nxt.strip()[:1].islower()  # a paragraph wrapped after its first line
    if (len(first) <= _TITLE_MAX and not is_dateline and not first.endswith((".", ",", ";")) and nxt
            and (set_apart or (len(first) < 160 and not continues))):
        return first, rest
    return None, lines


_DATE_LINE = re.compile(
    # an outlet's name or a word such as "Diperbarui" may come first: "Kompas.com - 18/03/2025, 16:20 WIB"
    r"^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|id|co\.id|co)\s*[-–—,|]\s*"
    r"|(?:Diperbarui|Dipublikasikan|Diterbitkan|Terbit|Updated|Published)\s*:?\s*)?(?:"
    r"(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad),?\s+)?\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}"
    r"(?:\s*[,|/–—-]?\s*(?:pukul\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:WIB|WITA|WIT)?)?\s*$"
    r"|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\s*$"
    r"|\d{1,2}/\d{1,2}/\d{4}(?:,?\s+\d{1,2}[.:]\d{2}(?:\s*(?:WIB|WITA|WIT))?)?\s*$)"
)
# a byline next to that date line: "Dimas Prayoga", "Nama Reporter - detikJatim", "Oleh Nama"; two to
# five capitalised words (or one after "Oleh"/"Penulis"), up to three names, an outlet after a dash
_NAME_WORDS = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
_BYLINE = re.compile(
    rf"^(?:(?:(?:Oleh|Penulis|Reporter|Pewarta|Tim)\s*:?\s+){_NAME_WORDS}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{1,4}})"
    rf"(?:\s*(?:,|&|\bdan\b)\s*{_NAME_WORDS}){{0,2}}(?:\s*[-–—|]\s*[A-Za-z][A-Za-z0-9.]*)?\s*$"
)
_HEAD_LINES = 6  # the date line is looked for among the first lines of the body


def _header_date_lines(lines: list[str]) -> tuple[str | None, list[str]]:
    """A page's date line under the title ("Selasa, 9 Januari 2024 14:05 WIB", "Kompas.com -
    18/03/2025, 16:20 WIB") is metadata, and a byline just before or after it ("Dimas Prayoga",
    "Nama - detikJatim", "Oleh Nama") is furniture: both leave the body."""
    nonempty = [i for i, x in enumerate(lines[:_HEAD_LINES]) if x.strip()]
    drop: set[int] = set()
    found = None
    for k, i in enumerate(nonempty):
        s = lines[i].strip()
        if _DATE_LINE.match(s):
            found = s
            drop.add(i)
            for j in (k - 1, k + 1):  # a byline next to it
                if 0 <= j < len(nonempty) and _BYLINE.match(lines[nonempty[j]].strip()):
                    drop.add(nonempty[j])
            break
        if k > 0 or not _BYLINE.match(s):  # only a byline may stand before the date line
            break
    return found, [x for i, x in enumerate(lines) if i not in drop]


_OLEH = re.compile(r"^(?:Oleh|OLEH|Penulis|PENULIS)\s*:?\s*$")


def _drop_byline_over_dateline(lines: list[str], pats: _Patterns) -> list[str]:
    """A byline over the dateline ("Dimas Prayoga", "Oleh" / "RINA WULANDARI", then "TANGERANG -
    ...") is furniture: the lines before the first line that opens with a dateline go when they
    are a byline."""
    nonempty = [i for i, x in enumerate(lines[:_HEAD_LINES]) if x.strip()]
    for k, i in enumerate(nonempty[:3]):
        s = lines[i].strip()
        if k and any(p.match(s) for p in pats.datelines):
            head = [lines[j].strip() for j in nonempty[:k]]
            if head and _OLEH.match(head[0]):
                head = [f"{head[0]} {' '.join(head[1:])}"] if len(head) > 1 else []
            if len(head) == 1 and _BYLINE.match(head[0]):
                return lines[i:]
            return lines
        if not (_BYLINE.match(s) or _OLEH.match(s)):
            return lines
    return lines


def _canonical_outlet(name: str | None, pats: _Patterns) -> str | None:
    if not name:
        return None
    key = name.strip().lower()
    return pats.canonical.get(key, name.strip())


def _outlet_from_url(url: str | None, pats: _Patterns) -> str | None:
    if not url:
        return None
    try:
        host = urlparse(url).hostname or ""
    except ValueError:
        return None
    for dom, name in pats.domains.items():
        if host == dom or host.endswith("." + dom):
            return name
    return None


# an outlet's words before the date of a metadata string: "Kompas.com- 18/06/2025, 20:00 WIB",
# "Diperbarui 18 Jun 2025, 14:05 WIB"
_PUBLISHED_LEAD = re.compile(r"^\D{1,40}?(?=\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})")


def parse_published_meta(value: str, body: str = "") -> dt.date | None:
    """:func:`dates.parse_published`, and where it reads nothing, the same string without the words
    an outlet puts before the date ("Kompas.com- 18/06/2025, 20:00 WIB": day first, as the outlets
    of Indonesia write it). A numeric a/b/yyyy that reads both ways ("9/11/2025 16:47": a feed in
    the US order) takes the order :func:`_order_from_body` finds in the article's own dates."""
    from . import dates

    found = dates.parse_published(value, month_first=_order_from_body(value, body))
    if found is None:
        m = _PUBLISHED_LEAD.match(value.strip())
        if m and m.end():
            found = dates.parse_published(value.strip()[m.end():], month_first=False)
    return found


_AMBIGUOUS_NUMERIC = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:[\sT,]|$)")
# the day and month news text gives in brackets, always day first: "Kamis (11/9)", "(11/9/2025)"
_BODY_DAY_MONTH = re.compile(r"\((?:[A-Za-z']+,?\s*)?(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\)")
_ORDER_NEAR_DAYS = 7  # the reading chosen lies within a week of a date the article gives ...
_ORDER_MARGIN_DAYS = 3  # ... and that many days nearer than the other reading


def _order_from_body(value: str, body: str) -> bool | None:
    """Whether an ambiguous numeric publication date ("9/11/2025": 9 November or 11 September?) is
    month first, read off the bracketed dates of the first paragraphs ("Kamis (11/9)" makes it 11
    September): the reading within a week of one of them, and clearly nearer than the other, wins.
    None (the day-first default) when the string is not ambiguous or the text says nothing."""
    m = _AMBIGUOUS_NUMERIC.match(value)
    if not m or not body:
        return None
    a, b, y = int(m[1]), int(m[2]), int(m[3])
    if not (1 <= a <= 12 and 1 <= b <= 12) or a == b:
        return None
    from .dates import _safe_date

    day_first, month_first = _safe_date(y, b, a), _safe_date(y, a, b)
    if day_first is None or month_first is None:
        return None
    seen = []
    for d in _BODY_DAY_MONTH.finditer(body, 0, 3000):
        yy = int(d[3]) if d[3] else y
        x = _safe_date(yy + 2000 if yy < 100 else yy, int(d[2]), int(d[1]))
        if x is not None:
            seen.append(x)
    if not seen:
        return None
    near_df = min(abs((x - day_first).days) for x in seen)
    near_mf = min(abs((x - month_first).days) for x in seen)
    if near_mf <= _ORDER_NEAR_DAYS and near_mf + _ORDER_MARGIN_DAYS < near_df:
        return True
    if near_df <= _ORDER_NEAR_DAYS and near_df + _ORDER_MARGIN_DAYS < near_mf:
        return False
    return None


def _known_place(name: str) -> bool:
    """Whether the gazetteer knows a region of this name ("Jakarta", "KOTA BATU"; not "Pendahuluan")."""
    from .places import load_gazetteer

    toks = (name.title() if name.isupper() else name).split()
    return bool(toks) and load_gazetteer().names.match(toks, 0) is not None


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def clean(raw: RawArticle, config: IngestConfig = IngestConfig()) -> Article | Skipped:
    """Clean one raw article: furniture out, dateline and outlet found, publication date set."""
    from . import dates

    pats = patterns()
    text = normalize_text(raw.text)
    if len(text) > config.max_chars:
        if config.on_too_long == "truncate":
            cut = text.rfind("\n", 0, config.max_chars)
            text = text[: cut if cut > 0 else config.max_chars]
            warning = Errors.E006.format(path=raw.source, size=len(raw.text), limit=config.max_chars, action="truncated")
        else:
            return _skip(raw.source, Errors.E006.format(path=raw.source, size=len(raw.text), limit=config.max_chars, action="skipped"))
    else:
        warning = None
    hints = [o for p, o in pats.outlet_hint if p.search(text)]
    lines = text.split("\n")
    title, lines = _split_title(lines, raw, pats)
    header_date, lines = _header_date_lines(lines)
    lines = drop_repeated_lines(lines, pats.related_run_on)
    # again once furniture is out: two copies that differed only by a trailing "Ikuti Whatsapp Channel"
    lines = drop_repeated_lines(strip_furniture(lines, pats), pats.related_run_on)
    lines = _unglue_dateline(lines, pats)
    lines = _drop_byline_over_dateline(lines, pats)
    # the closing credits before words are de-glued: "(Nama/kabarbanten)" is no "kabar banten"
    lines = _strip_tail(lines, pats)
    lines = deglue_attested([_deglue(_space_lost_stops(x), pats) for x in lines], title)
    paras = _dewrap([x.strip() for x in lines if x.strip()])
    body = "\n".join(paras)
    if not body.strip():
        return _skip(raw.source, Errors.E007.format(path=raw.source))

    dateline = None
    dateline_span = None
    outlet = _canonical_outlet(raw.outlet, pats)
    for p, known in zip(pats.datelines, pats.dateline_known_place):
        m = p.match(body)
        if m:
            gd = m.groupdict()
            place = gd.get("place") or gd.get("place2")
            if place and place.split()[0] in pats.not_place:
                continue
            if known and not (place and _known_place(place)):
                continue
            if place:
                dateline = place.strip().title() if place.isupper() else place.strip()
            outlet = outlet or _canonical_outlet(gd.get("outlet"), pats)
            dateline_span = (m.start(), m.end())
            break
    outlet = outlet or _outlet_from_url(raw.url, pats) or (hints[0] if hints else None)

    published, published_from = None, "none"
    for value in (raw.published, header_date):
        if value:
            published = parse_published_meta(value, body)
            if published:
                published_from = "metadata"
                break
    if published is None and dateline_span is not None:
        found = dates.first_full_date(body[: dateline_span[1]])
        if found:
            published, published_from = found[0], "dateline"
    if published is None:
        found = dates.first_full_date(body)
        if found:
            published, published_from = found[0], "first_date"

    h = content_hash(body)
    art = Article(article_id="art_" + h[:16], source=raw.source, outlet=outlet, title=(title or None),
                  published=published, published_from=published_from, dateline=dateline, text=body,
                  content_hash=h, dateline_span=dateline_span)
    if warning:
        art.warnings.append(warning)
    return art


def read_articles(inputs: Iterable[str | Path], config: IngestConfig = IngestConfig()) -> Iterator[Article | Skipped]:
    """Read and clean every article of the inputs, lazily."""
    for raw in iter_raw(inputs, config):
        if isinstance(raw, Skipped):
            yield raw
            continue
        try:
            yield clean(raw, config)
        except Exception as e:  # a bug in cleaning must cost one article, not the run
            yield _skip(raw.source, Errors.E012.format(path=raw.source, reason=f"{type(e).__name__}: {e}"))
