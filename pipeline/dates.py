"""DATE stage: find date expressions in Indonesian news text and resolve them to calendar dates.

Pure module: no model, no I/O except reading ``resources/dates.json`` (the lexicon) once at import.
Candidates are found with one compiled regex built from the lexicon; values are resolved by the
rules below against the article's publication date. ``dateparser`` is used only as a cached
fallback in :func:`parse_published` for metadata strings that the own rules cannot read.

Public API
----------
- :class:`DateMention` -- one date expression with exact, end-exclusive character offsets.
- :func:`find_dates` -- all date mentions of a text, sorted by start, non-overlapping.
- :func:`first_full_date` -- first fully written date near the top (publication-date fallback).
- :func:`parse_published` -- publication dates from metadata (ISO, d/m/yyyy, "Jumat, 20 Jun 2025").
- :func:`resolve_weekday`, :func:`infer_year` -- the resolution rules, exposed for reuse.

Rules and decisions
-------------------
- Numeric dates are ALWAYS day-first ("14/9/2023" is 14 September). A month above 12 or a day
  not in that month ("31/2/2024", "(9/13)") gives no mention; month and day are never swapped.
- Kinds: ``absolute`` (day, month, year written), ``partial`` (day + month, year inferred),
  ``weekday`` (weekday name alone, value from the publication date), ``relative``
  ("kemarin", "pekan lalu", "tiga hari lalu"), ``month`` (month + year, "Januari 2024":
  not day-precise, value None, normalized "2024-01").
- Year inference for day + month ("(9/1)", "1 Januari"): the occurrence nearest the publication
  date, past or future (a January article's "(30/12)" is the previous December; a 20 December
  article's "5 Januari" is the coming January; a June article's "24 Juli hingga 3 Agustus" is
  this July, not last year's), on the weekday written with it when one year has it and the
  nearest is over a month away ("Senin (2/12)" in an October 2025 article: 2 December 2024, a
  Monday; "Senin (17/6)" published Wednesday 18 June 2025 stays the 17th), and after a cue: "29 Agustus lalu", "sejak 7 Oktober" (on or
  before publication), "31 Juli mendatang" (on or after; the lexicon's ``yearless_*`` lists).
  Explicit years are never changed.
- A weekday merged with a following date ("Kamis (14/9/2023)", "Selasa malam (9/1)",
  "Kamis, 14 September 2023") is one mention; its value is the written date even when the
  weekday does not match it.
- A weekday alone resolves to the latest such weekday ON OR BEFORE publication, or ON OR
  AFTER it when a future or deadline marker ("akan", "dijadwalkan", "berencana", "paling
  lambat", "batas akhir", ...: the lexicon's ``future_markers``) precedes it in the same clause.
  "Rabu lalu"/"Rabu kemarin" -> strictly before; "Senin depan"/"Senin mendatang" -> strictly
  after; "Senin ini" -> the Monday of the publication week; "Selasa pekan lalu" -> the Tuesday
  of the previous (Monday-based) week; "Selasa pekan depan" -> of the next week.
- A weekday is a date only when capitalised and not part of a name: it is rejected after
  "setiap"/"tiap"/"Pasar"/"Jalan", after a capitalised word with only spaces between
  ("Pasar Minggu"), and before a capitalised word ("Jumat Berkah"). A sentence-initial
  "Minggu lalu/depan/ini" means "last/next/this week" (relative), not Sunday.
- Relative expressions and month names match lower-case or with a capital first letter
  ("Kemarin", "JANUARI" is not matched); day-precise ones carry an offset in the lexicon
  ("kemarin" -1, "lusa" +2, "pekan lalu" -7); vague ones ("bulan lalu", "tahun ini", "akhir
  pekan") ARE emitted, as kind ``relative`` with value None, so that events can still cite them.
- Ranges "13-17 Oktober 2025" / "13 sampai 17 Oktober" give two mentions, "13" and
  "17 Oktober 2025", sharing month and year; "30 Januari - 2 Februari 2024" gives the first
  end the year of the second (minus one when its month is later).
- ``DateMention.value`` (the mentions table's ``normalized``, as ``YYYY-MM-DD``) is a day or None:
  the table promises an ISO *date*, which analysts cast (``CAST(normalized AS DATE)`` in DuckDB,
  ``date.fromisoformat``) and which a month alone would break. The month or year a mention names
  without a day is kept on ``DateMention.period`` as a reduced ISO form for library users: "April
  2025" -> "2025-04", "bulan lalu" -> the month before publication's, "tahun ini" / "dua tahun
  lalu" -> "2025" / "2023" (the lexicon's ``relative_periods`` and ``period_units``).
- "kemarin" after a period or an occasion ("tahun kemarin", "pemilu kemarin", "Juni 2025
  kemarin": the lexicon's ``relative_vague_after``) names the recent one, not yesterday: no value.
- "hari ini, 21 April 2025": the relative day takes the full date written right after it.
- Inside quotation marks a relative day or a weekday counts from the day the words were said:
  the date in the attribution after the closing mark (same sentence: "..., ujar X, Jumat
  (13/6/2025)") or in the clause introducing the quotation (same paragraph); with neither,
  from publication (a date in brackets there, "Besok (hari ini) ...", is the writer's gloss:
  from publication too). An attribution date counts only on or before publication, within a year
  and on the weekday written with it (not a birth date, not a typo). Inside a quotation within
  the quotation (a chat read out by a witness), or in a quotation that fills the paragraph after
  one introducing a medium's content ("Video itu diberi keterangan sebagai berikut:", the
  lexicon's ``quoted_medium_words``) and dating it nowhere, the moment is unknown: no value.
- Month names with a day but an impossible day ("31 Februari 2024") are kept with value None.
- Times ("pukul 08.00-16.00 WIB", "malam") are never mentions; a time right after a date (or a
  time of day inside "Selasa malam (9/1)") is kept as ``time_text``, as written.
- Bare numbers and codes are not dates: bare years ("Pemilu 2024", "Tahun 1951"), "Kodim 0503",
  "Pasal 1 ayat (1)", scores "2-1", money, percentages, phone numbers; a bare "d/m" in running
  text is a date only after "tanggal"/"tgl" or a weekday ("Senin, 8/1"); "(d/m)" in
  parentheses always is (except the lexicon's ``numeric_not_dates``, e.g. "(24/7)"). A
  d/m/yyyy right after "Nomor"/"No." is a reference number. A month name alone ("pada Maret")
  is not emitted.
- Without a publication date, only mentions whose day, month and year are written get a value.
- ``parse_published``: the calendar date as written (no time-zone conversion of
  "2025-06-20T23:30:00Z"); numeric a/b/yyyy is day-first except when b > 12 and a <= 12
  (the unambiguous US "6/20/2025"); relative words ("kemarin") are not publication dates.

Speed: one ``finditer`` of one compiled regex per text (every top-level branch starts with a
literal or character class, so ``re`` skips non-candidate positions cheaply) plus constant
work per candidate: about 3,300 articles/s of ~400 words on one CPU core (see the report).
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import Errors
from .quotemarks import find_quotes, paragraphs

__all__ = [
    "DateMention",
    "find_dates",
    "first_full_date",
    "parse_published",
    "resolve_weekday",
    "infer_year",
    "load_lexicon",
    "LEXICON_PATH",
]

LEXICON_PATH = Path(__file__).parent / "resources" / "dates.json"

#: a day+month date takes the year nearest publication; one farther than this has no value
#: (only 29 February can be: the nearest one may be years away)
MAX_YEARLESS_DAYS = 190
#: a weekday written with a day+month ("Senin (2/12)") picks the year only when the nearest
#: occurrence is farther than this from publication
WEEKDAY_PICKS_YEAR_DAYS = 31
#: a statement an article quotes is dated at most this long before publication (an older date in
#: its attribution is a birth date or a typo)
STATEMENT_DAYS = 366
#: "hari ini, 21 April 2025": the full date names the relative day only this close to it
APPOSED_DAYS = 31
#: without a publication date, a day+month date may lie at most this many days after the latest
#: full date of the article (which was written after it)
ANCHOR_WINDOW_DAYS = 31


@dataclass(frozen=True)
class DateMention:
    """One date expression; ``text == article[start:end]`` (end-exclusive offsets)."""

    start: int
    end: int
    text: str
    value: _dt.date | None
    kind: str
    explicit: bool
    time_text: str | None = None
    period: str | None = None  # a month or year the mention names without a day: "2025-04", "2024"

    @property
    def normalized(self) -> str | None:
        """The mentions table's ``normalized``: the ISO day ("2025-04-21") or None (a month or year
        alone is on ``period``: the table's column is a date)."""
        return self.value.isoformat() if self.value is not None else None


# --------------------------------------------------------------------------------------------
# lexicon
# --------------------------------------------------------------------------------------------


_REQUIRED_KEYS = (
    "months", "months_en", "weekdays", "weekday_modifiers", "weekday_blockers_before",
    "weekday_triggers_before", "future_markers", "relative_days", "relative_units",
    "relative_directions", "number_words", "times_of_day", "time_prefixes", "time_zones",
    "range_connectors", "numeric_blockers_before", "numeric_triggers_before", "numeric_not_dates",
    "yearless_past_after", "yearless_future_after", "yearless_past_before",
)


def _no_duplicate_keys(path: Path):
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(Errors.E301.format(path=path, key=key))
            out[key] = value
        return out

    return hook


def load_lexicon(path: Path | str = LEXICON_PATH) -> dict[str, Any]:
    """Load and validate the date lexicon (raises ``ValueError`` with an E3xx message)."""
    path = Path(path)
    lex = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys(path))
    months, weekdays = lex.get("months", {}), lex.get("weekdays", {})
    if sorted(set(months.values())) != list(range(1, 13)):
        raise ValueError(Errors.E302.format(path=path, reason="'months' must cover months 1..12"))
    if sorted(set(weekdays.values())) != list(range(7)):
        raise ValueError(Errors.E302.format(path=path, reason="'weekdays' must cover weekdays 0..6"))
    for table in ("relative_days", "relative_units", "relative_directions", "number_words"):
        for key, off in lex.get(table, {}).items():
            if off is not None and type(off) is not int:
                raise ValueError(Errors.E302.format(path=path, reason=f"{table}: '{key}' is not an int"))
    missing = [k for k in _REQUIRED_KEYS if k not in lex]
    if missing:
        raise ValueError(Errors.E302.format(path=path, reason=f"missing {', '.join(missing)}"))
    return lex


_LEX: dict[str, Any] = load_lexicon()


# --------------------------------------------------------------------------------------------
# regexes (compiled once, from the lexicon)
# --------------------------------------------------------------------------------------------


def _phrase(p: str) -> str:
    return r"\s+".join(re.escape(w) for w in p.split())


def _alt(words: list[str], ci: bool = False) -> str:
    """Alternation of phrases, longest first, grouped by first character.

    Grouping makes every branch start with one literal or character class, which ``re``
    can skip in one step; this is what keeps the scan fast. ``ci``: the first letter may
    also be upper-case ("Kemarin"); the rest matches as written (lower-case).
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(w[0], []).append(w)
    out = []
    for first, ws in groups.items():
        rests = "|".join(_phrase(w)[len(re.escape(first)):] or "" for w in ws)
        if ci and first.upper() != first:
            head = f"[{re.escape(first)}{re.escape(first.upper())}]"
        else:
            head = re.escape(first)
        out.append(f"{head}(?:{rests})")
    return "|".join(out)


def _month_alt(months: dict[str, int]) -> str:
    """Full month names match lower-case or Capitalised; abbreviations only as 'Jan'."""
    longest = {m: max((k for k, v in months.items() if v == m), key=len) for m in set(months.values())}
    full = [k for k, m in months.items() if k == longest[m] or len(k) >= 5]
    abbr = [k.capitalize() for k in months if k not in full]
    return f"{_alt(full + abbr, ci=True)}"


_MONTHS: dict[str, int] = _LEX["months"]
_WEEKDAYS: dict[str, int] = _LEX["weekdays"]
_WD_MODS: dict[str, str] = _LEX["weekday_modifiers"]
_REL_DAYS: dict[str, int | None] = _LEX["relative_days"]
_REL_UNITS: dict[str, int | None] = _LEX["relative_units"]
_REL_DIRS: dict[str, int] = _LEX["relative_directions"]
_NUM_WORDS: dict[str, int] = _LEX["number_words"]
_PERIODS: dict[str, list] = _LEX.get("relative_periods", {})
_PERIOD_UNITS: dict[str, str] = _LEX.get("period_units", {})
_MEDIUM_WORDS = frozenset(_LEX.get("quoted_medium_words", []))
_VAGUE_AFTER: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _LEX.get("relative_vague_after", {}).items()}

_MON = _month_alt(_MONTHS)
_WD = "|".join(re.escape(k.capitalize()) for k in sorted(_WEEKDAYS, key=len, reverse=True))
_TOD = _alt(_LEX["times_of_day"])
_CONN = _alt(_LEX["range_connectors"])
_Y4 = r"(?:1[89][0-9]{2}|2[01][0-9]{2})"

# Every top-level branch starts with a literal or a character class (the branch type is told by
# an empty marker group at its end, which is ``lastgroup``): ``re`` then rejects a branch at a
# position in one step, which is what keeps the scan at thousands of articles per second.
_MASTER = re.compile(
    rf"""
    \(\s*(?:(?P<par_d1>[0-9]{{1,2}})\s*[-–]\s*(?=[0-9]{{1,2}}\s*/))?
        (?P<par_d>[0-9]{{1,2}})\s*(?P<par_s>[/.-])\s*(?P<par_m>[0-9]{{1,2}})
        (?:\s*(?P=par_s)\s*(?P<par_y>[0-9]{{4}}|2[0-9]{{2}}|[0-9]{{2}}))?\s*\)(?P<par>)
  | \b(?:
    (?=[0-9])(?:
      (?P<iso>(?<![\w/.,-])(?P<iso_y>{_Y4})(?P<iso_s>[-/])(?P<iso_m>[0-9]{{1,2}})(?P=iso_s)
          (?P<iso_d>[0-9]{{1,2}})(?![\w/]|[-.,][0-9]))
    | (?P<num>(?<![\w/.,:-])(?P<num_d>[0-9]{{1,2}})(?P<num_s>[/.-])(?P<num_m>[0-9]{{1,2}})(?P=num_s)
          (?P<num_y>[0-9]{{4}}|[0-9]{{2}})(?![\w/]|[-.,:][0-9]))
    | (?P<dn>(?<![\w.,/:])(?P<dn_d1>[0-9]{{1,2}})
          (?:\s*(?P<dn_conn>{_CONN})\s*(?P<dn_d2>[0-9]{{1,2}}))?
          \s+(?P<dn_m>{_MON})(?!\w)(?:\.?,?\s+(?P<dn_y>{_Y4})(?![0-9]))?)
    )
  | (?:{_MON})\.?,?\s+(?P<my_y>{_Y4})(?![0-9])(?P<my>)
  | (?:{_WD})(?P<wd_ne>)(?![\w'’])
        (?:\s+(?P<wd_tod>{_TOD})(?:\s+hari)?(?!\w))?
        (?:\s+(?P<wd_mod>{_alt(list(_WD_MODS))})(?!\w))?(?P<wd_e>)
        (?:(?:\s*,\s*|\s+)(?P<wd_d>[0-9]{{1,2}})/(?P<wd_m>[0-9]{{1,2}})(?![\w/]))?(?P<wd>)
  | (?:(?:[0-9]{{1,2}}|{_alt(list(_NUM_WORDS), ci=True)})(?P<reln_ne>)\s+|[sS]e)
        (?P<reln_u>{_alt(list(_REL_UNITS), ci=True)})\s+(?P<reln_dir>{_alt(list(_REL_DIRS), ci=True)})(?!\w)(?P<reln>)
  | (?:{_alt(list(_REL_DAYS), ci=True)})(?!\w)(?P<rel>)
  | (?:{_alt(_LEX["numeric_triggers_before"], ci=True)})\s*(?P<tgl_d>[0-9]{{1,2}})/(?P<tgl_m>[0-9]{{1,2}})(?![\w/])(?P<tgl>)
  )
    """,
    re.VERBOSE,
)

_TPRE = _alt(_LEX["time_prefixes"], ci=True)
_TZ = _alt(_LEX["time_zones"])
_CLOCK = (
    rf"(?:(?:{_TPRE})\s*[0-9]{{1,2}}(?:[.:][0-9]{{2}})?"
    rf"(?:\s*(?:{_CONN})\s*(?:(?:{_TPRE})\s*)?[0-9]{{1,2}}(?:[.:][0-9]{{2}})?)?"
    rf"(?:\s*(?:{_TZ})(?!\w))?"
    rf"(?:\s+(?:{_TOD})(?:\s+hari)?(?!\w))?"
    rf"|[0-9]{{1,2}}[.:][0-9]{{2}}(?:\s*(?:{_CONN})\s*[0-9]{{1,2}}[.:][0-9]{{2}})?\s*(?:{_TZ})(?!\w))"
)
_TIME_AFTER = re.compile(
    rf"(?:\s+(?P<tod>(?:{_TOD})(?:\s+hari)?)(?!\w))?"
    rf"(?:\s*,?\s*(?:(?i:sekitar|sejak|mulai|pada)\s+)?(?P<clock>{_CLOCK}))?"
)
_WD_GAP = re.compile(r"\s*,?\s*(\(?)\s*")
_CLOSE_PAREN = re.compile(r"\s*\)")
_RANGE_GAP = re.compile(rf"\s*(?:{_CONN})\s*")
_WORD_BEFORE = re.compile(r"([^\W\d_](?:[\w'’-]*\w)?\.?)[ \t]*$")
_CLAUSE_END = re.compile(r"[,.;:!?\"“”()\n]")
_FUTURE = re.compile(rf"(?<!\w)(?:{_alt(_LEX['future_markers'], ci=True)})(?!\w)")
_WORD_AFTER = re.compile(r"\s+(\w)")

_PAST_AFTER = re.compile(rf"\s+(?:{_alt(_LEX['yearless_past_after'])})(?!\w)")
_FUTURE_AFTER = re.compile(rf"\s+(?:{_alt(_LEX['yearless_future_after'])})(?!\w)")
_PAST_BEFORE = frozenset(w.lower() for w in _LEX["yearless_past_before"])
_WD_BLOCKERS = frozenset(w.lower() for w in _LEX["weekday_blockers_before"])
_WD_TRIGGERS = frozenset([w.lower() for w in _LEX["weekday_triggers_before"]] + list(_WEEKDAYS))
_NOT_DATES = frozenset(_LEX.get("numeric_not_dates", []))
_NUM_BLOCKERS = frozenset(w.lower().rstrip(".") for w in _LEX["numeric_blockers_before"])
_SENTENCE_START = frozenset(".!?\"“”\n")


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# --------------------------------------------------------------------------------------------
# resolution rules
# --------------------------------------------------------------------------------------------


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _shift(base: _dt.date, days: int) -> _dt.date | None:
    try:
        return base + _dt.timedelta(days=days)
    except OverflowError:
        return None


def infer_year(day: int, month: int, published: _dt.date | None,
               at_most_after: int | None = None, direction: str | None = None,
               weekday: int | None = None) -> _dt.date | None:
    """Day + month without year: the occurrence nearest the publication date (a tie: the past one).

    "24 Juli" in an article of 18 June 2025 is 2025-07-24 (36 days ahead), "28 Desember" in one
    of 3 January is the previous December. An occurrence more than ``MAX_YEARLESS_DAYS`` away
    (only 29 February can be) gives None. With ``at_most_after`` (used when the reference is not
    the publication date but the latest date the article states, which it was written after):
    the latest occurrence at most that many days after the reference. ``direction`` "past" / "future"
    (a cue in the text: "29 Agustus lalu", "sejak 7 Oktober", "31 Juli mendatang"): the latest
    occurrence on or before / the earliest on or after publication. ``weekday`` (0=Monday, written
    with the date: "Senin (2/12)"): when the nearest occurrence is more than
    ``WEEKDAY_PICKS_YEAR_DAYS`` away, the nearest one on that weekday if there is one ("Senin (2/12)"
    in an October 2025 article is 2 December 2024, a Monday, not 2025, a Tuesday); closer, the
    weekday is taken for a slip ("Senin (17/6)" in an article of Wednesday 18 June 2025 is the 17th).
    """
    if published is None:
        return None
    years = (published.year - 1, published.year, published.year + 1)
    cands = [c for y in years if _dt.MINYEAR <= y <= _dt.MAXYEAR for c in [_safe_date(y, month, day)] if c]
    if at_most_after is not None:
        limit = _shift(published, at_most_after) or published
        return max((c for c in cands if c <= limit), default=None)
    if direction == "past":  # "29 Agustus lalu", "sejak 7 Oktober"
        cands = [c for c in cands if c <= published]
    elif direction == "future":  # "31 Juli mendatang"
        cands = [c for c in cands if c >= published]
    best = min(cands, key=lambda c: abs((c - published).days), default=None)  # first = earliest on a tie
    agree = []
    if weekday is not None and best is not None and abs((best - published).days) > WEEKDAY_PICKS_YEAR_DAYS:
        # within a month of publication the nearest is right and a wrong weekday a slip ("Senin (17/6)"
        # in an article of Wednesday 18 June 2025); farther away the weekday tells the year
        agree = [c for c in cands if c.weekday() == weekday]
        best = min(agree, key=lambda c: abs((c - published).days), default=best)
    if best is None or (not agree and direction is None and abs((best - published).days) > MAX_YEARLESS_DAYS):
        return None
    return best


def resolve_weekday(
    name: str | int, published: _dt.date, lalu: bool = False, mode: str | None = None
) -> _dt.date | None:
    """Resolve a weekday name (or 0=Monday..6=Sunday) against the publication date.

    ``mode``: ``on_or_before`` (default; "Selasa"), ``before`` ("Rabu lalu"; also ``lalu=True``),
    ``after`` ("Senin depan"), ``on_or_after`` ("akan digelar Kamis"), ``this_week``,
    ``last_week``, ``next_week`` (Monday-based weeks: "Selasa pekan lalu").
    """
    wd = name if isinstance(name, int) else _WEEKDAYS[_norm(name).replace("’", "'")]
    mode = mode or ("before" if lalu else "on_or_before")
    cur = published.weekday()
    if mode == "on_or_before":
        delta = -((cur - wd) % 7)
    elif mode == "before":
        delta = -((cur - wd - 1) % 7 + 1)
    elif mode == "after":
        delta = (wd - cur - 1) % 7 + 1
    elif mode == "on_or_after":
        delta = (wd - cur) % 7
    elif mode in ("this_week", "last_week", "next_week"):
        delta = wd - cur + {"this_week": 0, "last_week": -7, "next_week": 7}[mode]
    else:
        raise ValueError(Errors.E303.format(mode=mode))
    return _shift(published, delta)


# --------------------------------------------------------------------------------------------
# find_dates
# --------------------------------------------------------------------------------------------


def _valid_dm(d: int, m: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)


def _year(y: str | None) -> int | None:
    if y is None:
        return None
    n = int(y)
    return 2000 + n if len(y) == 2 else n


def _prev_word(text: str, pos: int) -> tuple[str, int]:
    """The word right before ``pos`` (only spaces between) and its start; ("", -1) if none."""
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    if m is None:
        return "", -1
    return m.group(1), m.start(1)


def _at_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START


class _Date:
    """A resolved numeric/month-name date atom (before weekday merging)."""

    __slots__ = ("start", "end", "d", "m", "y", "first", "is_dn")

    def __init__(self, start: int, end: int, d: int, m: int, y: int | None,
                 first: tuple[int, int, int] | None = None, is_dn: bool = False) -> None:
        self.start, self.end, self.d, self.m, self.y = start, end, d, m, y
        self.first = first  # (start, end, day) of the first end of a range
        self.is_dn = is_dn


def _date_atom(mt: re.Match[str], text: str) -> _Date | None:
    g = mt.lastgroup
    if g == "par":
        d, m, y = int(mt["par_d"]), int(mt["par_m"]), _year(mt["par_y"])
        if mt["par_s"] != "/" and (y is None or len(mt["par_y"]) == 2):
            return None  # "(2-1)" is a score, "(9.1)" a decimal
        if mt["par_y"] is not None and len(mt["par_y"]) == 3:
            y = None  # "(16/6/205)": a mistyped year; the publication date tells it
        if y is None and f"{d}/{m}" in _NOT_DATES \
                and _norm(_prev_word(text, mt.start())[0].rstrip(",")) not in _WEEKDAYS:
            return None  # "(24/7)": round the clock, unless a weekday names it ("Kamis (24/7)")
        if mt["par_d1"] is not None:  # "(10-12/6/2025)": a range of days in one month
            d1 = int(mt["par_d1"])
            if not (1 <= d1 < d and _valid_dm(d, m)) or (y is not None and _safe_date(y, m, d) is None):
                return None
            return _Date(mt.start("par_d"), mt.end(), d, m, y, (mt.start(), mt.end("par_d1"), d1))
    elif g == "iso":
        d, m, y = int(mt["iso_d"]), int(mt["iso_m"]), int(mt["iso_y"])
    elif g == "num":
        d, m, y = int(mt["num_d"]), int(mt["num_m"]), _year(mt["num_y"])
        if len(mt["num_y"]) == 2 and mt["num_s"] != "/":
            return None
        word, _ = _prev_word(text, mt.start())  # "Nomor 12/3/2024" is a reference number
        if word.lower().rstrip(".") in _NUM_BLOCKERS:
            return None
    elif g == "tgl":
        d, m, y = int(mt["tgl_d"]), int(mt["tgl_m"]), None
        return _Date(mt.start("tgl_d"), mt.end("tgl_m"), d, m, y) if _valid_dm(d, m) else None
    else:  # dn
        d, m = int(mt["dn_d1"] if mt["dn_d2"] is None else mt["dn_d2"]), _MONTHS[mt["dn_m"].lower()]
        y = int(mt["dn_y"]) if mt["dn_y"] else None
        if not 1 <= d <= 31:
            return None
        first = None
        if mt["dn_d2"] is not None:
            d1 = int(mt["dn_d1"])
            if 1 <= d1 < d:
                first = (mt.start("dn_d1"), mt.end("dn_d1"), d1)
            start = mt.start("dn_d2")
        else:
            start = mt.start()
        return _Date(start, mt.end(), d, m, y, first, is_dn=True)
    if not _valid_dm(d, m) or (y is not None and _safe_date(y, m, d) is None):
        return None  # day-first always; never swap, never guess
    return _Date(mt.start(), mt.end(), d, m, y)


def _time_text(text: str, end: int) -> str | None:
    tm = _TIME_AFTER.match(text, end)
    if tm is None or (tm["tod"] is None and tm["clock"] is None):
        return None
    s = tm.start("tod") if tm["tod"] is not None else tm.start("clock")
    e = tm.end("clock") if tm["clock"] is not None else tm.end("tod")
    return text[s:e]


def _emit_date(out: list[DateMention], text: str, dt: _Date, start: int, published: _dt.date | None,
               tod: str | None = None, anchored: bool = False) -> None:
    """Append the mention(s) of a date atom; ``start`` may be extended left by a weekday."""
    if dt.y is not None:
        value = _safe_date(dt.y, dt.m, dt.d)
        kind, explicit = "absolute", True
    else:
        direction = None
        if not anchored and published is not None:
            if _PAST_AFTER.match(text, dt.end) or _prev_word(text, start)[0].lower() in _PAST_BEFORE:
                direction = "past"
            elif _FUTURE_AFTER.match(text, dt.end):
                direction = "future"
        wd = None
        if start < dt.start and not anchored:  # "Senin (2/12)": the written weekday picks the year
            head = text[start:dt.start].split()
            wd = _WEEKDAYS.get(_norm(head[0].strip("(,")).replace("’", "'")) if head else None
        value = infer_year(dt.d, dt.m, published, ANCHOR_WINDOW_DAYS if anchored else None, direction, wd)
        kind, explicit = "partial", False
    if dt.first is not None:
        fs, fe, fd = dt.first
        fval = _safe_date(value.year, dt.m, fd) if value is not None else None
        out.append(DateMention(min(start, fs), fe, text[min(start, fs):fe], fval, kind, explicit, None))
        start = dt.start
    time_text = _time_text(text, dt.end) or tod
    out.append(DateMention(start, dt.end, text[start:dt.end], value, kind, explicit, time_text))


def _weekday_mention(mt: re.Match[str], text: str, published: _dt.date | None) -> DateMention | None:
    start, end = mt.start(), mt.end("wd_e")
    name, mod = text[start : mt.start("wd_ne")], mt["wd_mod"]
    mod_n = _norm(mod) if mod else None
    tod = mt["wd_tod"]
    word, wstart = _prev_word(text, start)
    lw = word.lower().rstrip(".")
    if lw in _WD_BLOCKERS:
        return None  # "setiap Selasa" (recurring), "Pasar Minggu", "Jalan Sabtu"
    if (word[:1].isupper() and not word.endswith(".") and lw not in _WD_TRIGGERS
            and not _at_sentence_start(text, wstart)):
        return None  # after a capitalised word: part of a name ("Gereja Kamis")
    if tod is None and mod is None:
        nxt = _WORD_AFTER.match(text, end)
        if nxt is not None and nxt.group(1).isupper():
            return None  # "Jumat Berkah"
    if (name == "Minggu" and tod is None and f"minggu {mod_n}" in _REL_DAYS
            and _at_sentence_start(text, start)):
        # sentence-initial "Minggu lalu" = "last week" (the lexicon's "minggu lalu")
        off = _REL_DAYS[f"minggu {mod_n}"]
        value = _shift(published, off) if (published is not None and off is not None) else None
        return DateMention(start, end, text[start:end], value, "relative", False, _time_text(text, end))
    value = None
    if published is not None:
        if mod_n is not None:
            mode = _WD_MODS[mod_n]
        else:
            clause_start = max(0, start - 80)
            seg = text[clause_start:start]
            cut = None
            for cut in _CLAUSE_END.finditer(seg):
                pass
            if cut is not None:
                seg = seg[cut.end():]
            mode = "on_or_after" if _FUTURE.search(seg) else "on_or_before"
        value = resolve_weekday(_WEEKDAYS[name.lower().replace("’", "'")], published, mode=mode)
    return DateMention(start, end, text[start:end], value, "weekday", False, _time_text(text, end) or tod)


def _period(published: _dt.date | None, unit: str | None, n: int) -> str | None:
    """The month or year ``n`` units from publication's, as a reduced ISO date ("2025-05", "2023")."""
    if published is None or unit is None:
        return None
    if unit == "year":
        y = published.year + n
        return f"{y:04d}" if _dt.MINYEAR <= y <= _dt.MAXYEAR else None
    k = published.year * 12 + published.month - 1 + n
    return f"{k // 12:04d}-{k % 12 + 1:02d}" if _dt.MINYEAR <= k // 12 <= _dt.MAXYEAR else None


def _relative_mention(mt: re.Match[str], text: str, published: _dt.date | None) -> DateMention:
    start, end = mt.start(), mt.end()
    period = None
    if mt.lastgroup == "rel":
        phrase = _norm(mt.group())
        off = _REL_DAYS[phrase]
        if phrase in _VAGUE_AFTER:
            word = _prev_word(text, start)[0].lower()
            if (word in _VAGUE_AFTER[phrase] or word.rstrip(".") in _MONTHS
                    or text[max(0, start - 2):start].strip()[-1:].isdigit()):
                off = None  # "tahun kemarin", "pemilu kemarin", "15 Juli kemarin": a recent occasion or that date
        if phrase in _PERIODS:
            period = _period(published, _PERIODS[phrase][0], _PERIODS[phrase][1])
    else:
        ne = mt.start("reln_ne")
        num = text[start:ne] if ne >= 0 else ""
        n = 1 if ne < 0 else (int(num) if num.isdigit() else _NUM_WORDS[_norm(num)])
        unit = _REL_UNITS[_norm(mt["reln_u"])]
        direction = _REL_DIRS[_norm(mt["reln_dir"])]
        off = None if unit is None else n * unit * direction
        if off is None:  # "dua tahun lalu": the year, not a day
            period = _period(published, _PERIOD_UNITS.get(_norm(mt["reln_u"])), n * direction)
    value = _shift(published, off) if (published is not None and off is not None) else None
    return DateMention(start, end, text[start:end], value, "relative", False, _time_text(text, end), period)


def find_dates(text: str, published: _dt.date | None, *, _anchored: bool = False,
               _statements: bool = True) -> list[DateMention]:
    """All date mentions of ``text``, sorted by start and non-overlapping.

    ``published`` is the article's publication date; without it, partial, weekday and
    relative mentions are still found but carry ``value=None``.
    """
    out: list[DateMention] = []
    matches = list(_MASTER.finditer(text))
    n = len(matches)
    i = 0
    while i < n:
        mt = matches[i]
        g = mt.lastgroup
        if g == "wd":
            if mt["wd_d"] is not None:
                # "(Senin, 8/1)": a bare day/month right after a weekday is a date
                d, mo = int(mt["wd_d"]), int(mt["wd_m"])
                if _valid_dm(d, mo):
                    _emit_date(out, text, _Date(mt.start("wd_d"), mt.end(), d, mo, None),
                               mt.start(), published, mt["wd_tod"], _anchored)
                    i += 1
                    continue
            # weekday directly followed by a date: one mention, value from the date
            if i + 1 < n and matches[i + 1].lastgroup in ("par", "iso", "num", "dn"):
                nxt = matches[i + 1]
                gap = _WD_GAP.fullmatch(text, mt.end("wd_e"), nxt.start())
                if gap is not None:
                    dt = _date_atom(nxt, text)
                    if dt is not None and dt.first is None:
                        if gap.group(1):
                            close = _CLOSE_PAREN.match(text, dt.end)
                            if close is None:
                                dt = None
                            else:
                                dt.end = close.end()
                        if dt is not None:
                            _emit_date(out, text, dt, mt.start(), published, mt["wd_tod"], _anchored)
                            i += 2
                            continue
            wm = _weekday_mention(mt, text, published)
            if wm is not None:
                out.append(wm)
        elif g in ("rel", "reln"):
            out.append(_relative_mention(mt, text, published))
        elif g == "my":
            mon = _MONTHS[_norm(mt.group()[:mt.start("my_y") - mt.start()]).rstrip(".,")]
            out.append(DateMention(mt.start(), mt.end(), mt.group(), None, "month", False, None,
                                   f"{int(mt['my_y']):04d}-{mon:02d}"))
        else:
            dt = _date_atom(mt, text)
            if dt is not None:
                if dt.is_dn and dt.y is None and i + 1 < n and matches[i + 1].lastgroup == "dn":
                    # "30 Januari - 2 Februari 2024": the first end borrows the second's year
                    nxt = matches[i + 1]
                    if nxt["dn_y"] and _RANGE_GAP.fullmatch(text, mt.end(), nxt.start()):
                        y2, m2 = int(nxt["dn_y"]), _MONTHS[nxt["dn_m"].lower()]
                        dt.y = y2 - 1 if dt.m > m2 else y2
                if dt.is_dn and _safe_date(dt.y or 2000, dt.m, dt.d) is None:
                    # a written but impossible day ("31 Februari 2024"): kept, value None
                    out.append(DateMention(dt.start, dt.end, text[dt.start:dt.end], None,
                                           "absolute" if dt.y else "partial", dt.y is not None, None))
                else:
                    _emit_date(out, text, dt, dt.start, published, None, _anchored)
        i += 1
    if published is None and any(m.kind == "partial" and m.value is None for m in out):
        # no publication date: a day and month without year ("Selasa (16/9)") takes its year from the
        # latest full date the article states ("Senin (15/9/2025)"); relative mentions stay unresolved
        anchor = max((m.value for m in out if m.kind == "absolute" and m.value is not None), default=None)
        if anchor is not None:
            again = {(m.start, m.end): m.value for m in find_dates(text, anchor, _anchored=True, _statements=False)
                     if m.kind == "partial"}
            out = [replace(m, value=again.get((m.start, m.end))) if m.kind == "partial" and m.value is None
                   and _weekday_agrees(m.text, again.get((m.start, m.end))) else m for m in out]
    out = _apposed(out, text)
    if _statements and published is not None and any(m.kind in _SPOKEN_KINDS for m in out):
        out = _dated_by_statement(out, text, published)
    return out


_SPOKEN_KINDS = ("relative", "weekday")
_APPOS_GAP = re.compile(r"\s*,\s*")
#: where the sentence of an attribution ends ("..., kata Budi, Senin (3/6). Ia ...")
_SENT_END = re.compile(r"[.!?](?=\s+[A-Z“\"]|\s*$)")
#: a quotation inside a quotation: 'hari ini gue dapat 3M' in a witness's account of a chat
_NESTED = re.compile(r"(?<![\w'’])['‘][^'‘’\n]{2,400}?['’](?![\w'’])|[“\"][^“”\"\n]{2,400}?[”\"]")


def _apposed(out: list[DateMention], text: str) -> list[DateMention]:
    """"hari ini, 21 April 2025": a relative day named by the full date written right after it."""
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if (a.kind == "relative" and a.value is not None and b.kind == "absolute" and b.value is not None
                and _APPOS_GAP.fullmatch(text, a.end, b.start) and abs((b.value - a.value).days) <= APPOSED_DAYS
                and _weekday_agrees(b.text, b.value)):
            out[k] = replace(a, value=b.value)  # not a typo's year: "hari ini, Rabu (18/6/2026)" in 2025
    return out


def _dated_by_statement(out: list[DateMention], text: str, published: _dt.date) -> list[DateMention]:
    """A relative day or weekday inside quotation marks counts from the day the words were said,
    not from publication: the date of the attribution ("'Mulai hari ini jalur dibuka,' ujar X,
    Jumat (13/6/2025)": the 13th), else of the clause introducing the quotation in the same
    paragraph; with neither, publication. Inside a quotation within the quotation (a chat a
    witness reads out) the moment is unknown: no value."""
    paras = paragraphs(text)
    quotes = find_quotes(text, paras)
    if not quotes:
        return out
    spans = [(q.open_, (q.close + 1) if q.close is not None else q.end) for q in quotes]

    def quoted(pos: int) -> bool:
        return any(a <= pos < b for a, b in spans)

    anchors: dict[int, _dt.date] = {}  # index of a mention -> the day its statement was made
    for q in quotes:
        inside = [k for k, m in enumerate(out) if m.kind in _SPOKEN_KINDS and m.value is not None
                  and q.start <= m.start and m.end <= q.end and not _glossed(text, m)]
        if not inside:
            continue
        nested = [(n.start(), n.end()) for n in _NESTED.finditer(text, q.start, q.end)]
        rest = []
        for k in inside:
            if any(a < out[k].start and out[k].end < b for a, b in nested):
                out[k] = replace(out[k], value=None)
            else:
                rest.append(k)
        day = _statement_day(out, text, q, paras, quoted, published)
        if day is None and _medium_intro(text, q, paras):
            day = _intro_day(out, paras[q.para - 1], published)
            if day is None:  # a post or a transcript of an unknown day
                for k in rest:
                    out[k] = replace(out[k], value=None)
                continue
        if day is not None and day != published:
            anchors.update((k, day) for k in rest)
    if anchors:
        again: dict[_dt.date, dict[tuple[int, int], _dt.date | None]] = {}
        for k, day in anchors.items():
            if day not in again:
                again[day] = {(m.start, m.end): m.value for m in find_dates(text, day, _statements=False)}
            out[k] = replace(out[k], value=again[day].get((out[k].start, out[k].end), out[k].value))
    return out


def _statement_day(out: list[DateMention], text: str, q, paras, quoted, published: _dt.date) -> _dt.date | None:
    """The day the attribution of quotation ``q`` (same sentence, after the closing mark) or the
    clause introducing it (same paragraph, before the opening mark) states, or None."""
    ps, pe = paras[q.para]
    nxt = text[q.close + 1:q.close + 3].strip()[:1] if q.close is not None else ""
    if q.close is not None and text[q.close - 1] != "." and not (text[q.close - 1] in "!?" and nxt.isupper()):
        e = _SENT_END.search(text, q.close + 1, pe)
        hi = e.end() if e else pe
        for m in out:
            if q.close < m.start < hi and _said_on(m, published) and not quoted(m.start):
                return m.value
    lo = ps
    for e in _SENT_END.finditer(text, ps, q.open_):
        lo = e.end()
    for m in reversed(out):
        if lo <= m.start and m.end <= q.open_ and _said_on(m, published) and not quoted(m.start):
            return m.value
    return None


def _glossed(text: str, m: DateMention) -> bool:
    """"Besok (hari ini) LM dipanggil": a date in brackets inside a quotation is the writer's
    gloss, counted from publication."""
    return text[max(0, m.start - 2):m.start].strip()[-1:] == "(" and text[m.end:m.end + 2].strip()[:1] == ")"


def _medium_intro(text: str, q, paras) -> bool:
    """Whether quotation ``q`` opens its paragraph after one that introduces a medium's content
    ("Video tersebut diberi keterangan sebagai berikut:", "... dengan narasi berikut.")."""
    ps, _ = paras[q.para]
    if q.para == 0 or text[ps:q.open_].strip():
        return False
    a, b = paras[q.para - 1]
    intro = text[a:b].rstrip()
    if not (intro.endswith(":") or intro.lower().rstrip(".").endswith("berikut")):
        return False
    return any(w in _MEDIUM_WORDS for w in re.findall(r"[a-z]+", intro.lower()))


def _intro_day(out: list[DateMention], para: tuple[int, int], published: _dt.date) -> _dt.date | None:
    """The last date the introducing paragraph states that can date a post ("diunggah pada 15
    Februari 2024 dengan narasi:")."""
    day = None
    for m in out:
        if para[0] <= m.start < para[1] and m.kind in ("absolute", "partial") and _said_on(m, published):
            day = m.value
    return day


def _said_on(m: DateMention, published: _dt.date) -> bool:
    """Whether mention ``m`` can date a statement the article reports: on or before publication,
    at most ``STATEMENT_DAYS`` before it (not a birth date: "kelahiran 31 Mei 2002 itu"), on the
    weekday written with it (not a typo: "Jumat (20/5/2025)", a Tuesday)."""
    return (m.value is not None and 0 <= (published - m.value).days <= STATEMENT_DAYS
            and _weekday_agrees(m.text, m.value))


# --------------------------------------------------------------------------------------------
# first_full_date / parse_published
# --------------------------------------------------------------------------------------------


def _weekday_agrees(mention: str, value: _dt.date | None) -> bool:
    """A date whose mention opens with a weekday ("Selasa (16/9)") falls on that weekday."""
    if value is None:
        return False
    word = _norm(mention.split()[0].strip("(,")) if mention.split() else ""
    wd = _WEEKDAYS.get(word)
    return wd is None or value.weekday() == wd


def first_full_date(text: str, max_chars: int = 1500) -> tuple[_dt.date, int, int] | None:
    """The first fully written date (day, month and year) starting in ``text[:max_chars]``.

    Used by ingest as the publication-date fallback: "Kamis (14/9/2023)", "14/9/2023",
    "14 September 2023". Returns ``(date, start, end)`` of the whole mention, or None.
    """
    for m in find_dates(text[: max_chars + 64], None):
        if m.start >= max_chars:
            break
        if m.explicit and m.value is not None:
            return m.value, m.start, m.end
    return None


_ISO_META = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:$|[T\s_].*)", re.S)
_COMPACT_META = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:$|T.*)", re.S)
_NUM_META = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})(?:$|[T,\s].*)", re.S)
_EPOCH_META = re.compile(r"[0-9]{10}(?:[0-9]{3})?")
_DMY_META = re.compile(r"(?<![0-9])([0-9]{1,2})(?:st|nd|rd|th)?[\s-]+([^\W\d_]+)\.?,?[\s-]+([0-9]{4})(?![0-9])")
_MDY_META = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})(?![0-9])")
_MONTHS_ANY: dict[str, int] = {**_LEX["months_en"], **_MONTHS}
_WIB = _dt.timezone(_dt.timedelta(hours=7))


def _meta_date(y: int, m: int, d: int) -> _dt.date | None:
    if not 1900 <= y <= 2100:
        return None
    return _safe_date(y, m, d)


@functools.lru_cache(maxsize=4096)
def _dateparser_fallback(value: str) -> _dt.date | None:
    try:
        import dateparser  # slow import; only reached for odd metadata strings

        res = dateparser.parse(
            value,
            languages=["id", "en"],
            settings={
                "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False,
                "PARSERS": ["custom-formats", "absolute-time"],  # no "kemarin" relative to now
            },
        )
    except Exception:  # noqa: BLE001 - dateparser may raise anything on odd input
        return None
    return _meta_date(res.year, res.month, res.day) if res is not None else None


def parse_published(value: str, *, month_first: bool | None = None) -> _dt.date | None:
    """A publication date from a metadata string, or None when it cannot be read.

    Accepts ISO dates and datetimes ("2025-06-20", "2025-06-20T10:00:00+07:00": the date as
    written, no time-zone conversion), "20/06/2025 10:00" (day-first), Indonesian/English
    month names ("Jumat, 20 Jun 2025 10:15 WIB", "Fri, 20 Jun 2025 10:15:00 +0700",
    "June 20, 2025"), "20250620", Unix epoch seconds/milliseconds (date in WIB, UTC+7).
    Numeric a/b/yyyy is day-first unless b > 12 and a <= 12 ("6/20/2025 14:03" is 20 June,
    the unambiguous US form); ``month_first=True``/``False`` forces the order for a source
    known to use it. Falls back to a cached ``dateparser.parse``. Never raises.
    """
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 200:
        return None
    m = _ISO_META.fullmatch(s)
    if m:
        return _meta_date(int(m[1]), int(m[2]), int(m[3]))
    m = _NUM_META.fullmatch(s)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if month_first is None:
            month_first = b > 12 and a <= 12
        return _meta_date(y, a, b) if month_first else _meta_date(y, b, a)
    m = _COMPACT_META.fullmatch(s)
    if m:
        return _meta_date(int(m[1]), int(m[2]), int(m[3]))
    if _EPOCH_META.fullmatch(s):
        secs = int(s) / (1000 if len(s) == 13 else 1)
        try:
            return _dt.datetime.fromtimestamp(secs, _WIB).date()
        except (OverflowError, OSError, ValueError):
            return None
    m = _DMY_META.search(s)
    if m and m[2].lower() in _MONTHS_ANY:
        return _meta_date(int(m[3]), _MONTHS_ANY[m[2].lower()], int(m[1]))
    m = _MDY_META.search(s)
    if m and m[1].lower() in _MONTHS_ANY:
        return _meta_date(int(m[3]), _MONTHS_ANY[m[1].lower()], int(m[2]))
    if not any(c.isdigit() for c in s):
        return None
    return _dateparser_fallback(s)
