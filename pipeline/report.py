"""A self-contained static HTML page of who said what: ``pipeline report DIR --out report.html``.

The page lists the actors (name, offices, number of quotes) and their quotes, each shown in its
paragraph with the quote and the speaker's mention highlighted, with outlet, date and article title;
it filters by speaker, by outlet and by free text. It needs no server and no external asset
(open it from ``file://``).

Security: every string of the data is untrusted (news text can hold ``<script>``, ``</script>``,
``javascript:`` or U+2028). The data goes into the page only as one JSON island
``<script type="application/json">`` in which ``<``, ``>`` and ``&`` are written as ``\\u003c``,
``\\u003e``, ``\\u0026`` and every non-ASCII character (U+2028/2029 included) as a ``\\uXXXX``
escape, so the island can never be closed or turned into markup. The page's script (a fixed
resource) builds the DOM with ``createElement``/``textContent`` only and links only validated
``http(s)`` URLs; a Content-Security-Policy allows that one script by its sha256 hash and nothing
else (no inline handlers, no external loads, no ``javascript:`` URLs).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Errors
from .query import CONTEXT_CHARS, connect, paragraph_bounds

#: Longest context shown around a quote, in characters (longer paragraphs are cut with "…").
MAX_CONTEXT = 2400

_TEMPLATE_FIELD = re.compile(r"\{\{(CSP|DATA|SCRIPT)\}\}")
_HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)

PLAIN, QUOTE, SPEAKER = 0, 1, 2


def embed_json(obj: Any) -> str:
    """JSON text safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&``, no
    non-ASCII character (so no U+2028/2029 and no lone surrogate problem)."""
    text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"), allow_nan=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_hash(script: str) -> str:
    """CSP source for an inline script: ``'sha256-…'`` of its UTF-8 text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str) -> str:
    return (
        f"default-src 'none'; script-src {script_hash(script)}; style-src 'unsafe-inline'; "
        "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _resource(name: str) -> str:
    return resources.files("pipeline").joinpath("resources", name).read_text(encoding="utf-8")


def render_html(data: dict[str, Any]) -> str:
    """The report page with ``data`` embedded (see :func:`embed_json`)."""
    template = _resource("report.html")
    script = _resource("report.js")
    lowered = script.lower()
    if "</script" in lowered or "<!--" in lowered:  # would end or confuse the inline script element
        raise ValueError("report.js must not contain '</script' or '<!--'")
    values = {"CSP": content_security_policy(script), "DATA": embed_json(data), "SCRIPT": script}
    # one pass: replaced text is never scanned again, so data cannot inject a placeholder
    return _TEMPLATE_FIELD.sub(lambda m: values[m.group(1)], template)


def _valid(a: Any, b: Any) -> bool:
    return isinstance(a, int) and isinstance(b, int) and 0 <= a <= b


def quote_segments(
    window: str | None,
    offset: int,
    quote: str,
    start: Any,
    end: Any,
    speaker: tuple[Any, Any] = (None, None),
    sentence: tuple[Any, Any] = (None, None),
) -> list[list[Any]]:
    """The quote in its context as ``[[text, kind], ...]`` (kind 0 plain, 1 quote, 2 speaker).

    ``window`` is ``articles.text[offset:offset+len(window)]``; quote, speaker and sentence offsets
    are into the whole article text. The context is the sentence when ``sentence`` encloses the
    quote, else the paragraph (line) around it, widened to the speaker's paragraph when the speaker
    is named just before or after; if offsets do not match the text, only the quote is returned.
    """
    if window is None or not _valid(start, end):
        return [[quote or "", QUOTE]]
    s, e = start - offset, end - offset
    if s < 0 or e > len(window) or window[s:e] != quote:
        return [[quote or "", QUOTE]]
    cut_l = cut_r = False
    if _valid(*sentence) and sentence[0] <= start and sentence[1] >= end and sentence[0] - offset >= 0 \
            and sentence[1] - offset <= len(window):
        lo, hi = sentence[0] - offset, sentence[1] - offset
    else:
        lo, hi, cut_l, cut_r = paragraph_bounds(window, s, e, CONTEXT_CHARS)
        cut_l = cut_l or (lo == 0 and offset > 0)
    ss = se = None
    if _valid(*speaker):
        ss, se = speaker[0] - offset, speaker[1] - offset
        if ss < 0 or se > len(window) or se <= ss:
            ss = se = None
        elif ss < lo or se > hi:
            plo, phi, pcl, pcr = paragraph_bounds(window, ss, se, CONTEXT_CHARS)
            nlo, nhi = min(lo, plo), max(hi, phi)
            if nhi - nlo <= MAX_CONTEXT:
                cut_l = pcl if plo < lo else cut_l
                cut_r = pcr if phi > hi else cut_r
                lo, hi = nlo, nhi
            else:
                ss = se = None
    if hi - lo > MAX_CONTEXT:  # trim a very long paragraph around the quote (and speaker)
        keep_lo = min(s, ss if ss is not None else s)
        keep_hi = max(e, se if se is not None else e)
        room = max(0, MAX_CONTEXT - (keep_hi - keep_lo)) // 2
        nlo, nhi = max(lo, keep_lo - room), min(hi, keep_hi + room)
        cut_l, cut_r = cut_l or nlo > lo, cut_r or nhi < hi
        lo, hi = nlo, nhi
    points = sorted({p for p in (lo, hi, s, e, ss, se) if p is not None and lo <= p <= hi})
    segs: list[list[Any]] = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        kind = QUOTE if s <= a < e else SPEAKER if ss is not None and ss <= a < se else PLAIN
        piece = window[a:b]
        if segs and segs[-1][1] == kind:
            segs[-1][0] += piece
        else:
            segs.append([piece, kind])
    if cut_l:
        segs.insert(0, ["…", PLAIN])
    if cut_r:
        segs.append(["…", PLAIN])
    return segs


def _actor_key_sql(alias: str = "q") -> str:
    return (
        f"coalesce({alias}.speaker_actor_id, '~' || strip_accents(lower(trim(coalesce({alias}.speaker, '')))))"
    )


def collect(outdir: str | Path, max_quotes: int = 50000) -> dict[str, Any]:
    """The report's data (what is embedded in the page) from an output folder."""
    if not isinstance(max_quotes, int) or max_quotes < 0:
        raise ValueError(Errors.E605.format(limit=max_quotes))
    w = CONTEXT_CHARS
    con = connect(outdir)
    try:
        n_total = con.execute("SELECT count(*) FROM quotes").fetchone()[0]
        stats = con.execute(
            f"""
            SELECT k.key, k.n, coalesce(a.name, k.speaker) AS name, a.offices, k.offices AS said_offices,
                   a.variants
            FROM (SELECT {_actor_key_sql()} AS key, count(*) AS n, mode(q.speaker) AS speaker,
                         list(DISTINCT q.speaker_office) FILTER (WHERE q.speaker_office IS NOT NULL) AS offices
                  FROM quotes q GROUP BY 1) k
            LEFT JOIN (SELECT actor_id, any_value(name) AS name, any_value(offices) AS offices,
                              any_value(variants) AS variants FROM actors GROUP BY actor_id) a
                   ON a.actor_id = k.key
            ORDER BY k.n DESC, name
            """
        ).fetchall()
        cur = con.execute(
            f"""
            WITH q AS (
                SELECT q.*, {_actor_key_sql()} AS key FROM quotes q
                LEFT JOIN (SELECT article_id, any_value(published) AS published FROM articles GROUP BY 1) p
                       ON p.article_id = q.article_id
                ORDER BY p.published DESC NULLS LAST, q.article_id, q.start NULLS LAST, q.quote_id
                LIMIT {int(max_quotes)}
            ), b AS (
                SELECT *,
                  greatest(least(start, coalesce(speaker_start, start), coalesce(sentence_start, start)),
                           start - {2 * w}, 0) AS lo,
                  least(greatest("end", coalesce(speaker_end, "end"), coalesce(sentence_end, "end")),
                        "end" + {2 * w}) AS hi
                FROM q
            ), arts AS (
                SELECT article_id, any_value(text) AS text, any_value(title) AS title, any_value(outlet) AS outlet,
                       any_value(published) AS published, any_value(source) AS source
                FROM articles WHERE article_id IN (SELECT article_id FROM q) GROUP BY article_id
            )
            SELECT b.quote_id, b.key, b.speaker, b.speaker_office, b.text, b.kind, b.cue, b.start, b."end",
                   b.speaker_start, b.speaker_end, b.sentence_start, b.sentence_end, b.article_id,
                   a.title, a.outlet, a.published, a.source,
                   greatest(b.lo - {w}, 0) AS w0,
                   CASE WHEN b.start IS NOT NULL AND b."end" IS NOT NULL AND b.start >= 0 AND b."end" >= b.start
                        THEN substr(a.text, greatest(b.lo - {w}, 0) + 1, b.hi + {w} - greatest(b.lo - {w}, 0))
                   END AS win
            FROM b LEFT JOIN arts a ON a.article_id = b.article_id
            ORDER BY a.published DESC NULLS LAST, b.article_id, b.start NULLS LAST, b.quote_id
            """
        )
        names = [d[0] for d in cur.description]
        articles: list[dict[str, Any]] = []
        art_index: dict[str, int] = {}
        outlets: set[str] = set()
        raw_quotes: list[tuple[dict[str, Any], int]] = []
        while True:
            batch = cur.fetchmany(2048)
            if not batch:
                break
            for values in batch:
                r = dict(zip(names, values, strict=False))
                aid = r["article_id"] or ""
                if aid not in art_index:
                    art_index[aid] = len(articles)
                    url = r["source"] if isinstance(r["source"], str) and _HTTP_URL.match(r["source"]) else None
                    articles.append({
                        "id": aid, "t": r["title"], "o": r["outlet"],
                        "d": r["published"].isoformat() if r["published"] is not None else None, "u": url,
                    })
                    if r["outlet"]:
                        outlets.add(r["outlet"])
                segs = quote_segments(
                    r["win"], r["w0"], r["text"] or "", r["start"], r["end"],
                    (r["speaker_start"], r["speaker_end"]), (r["sentence_start"], r["sentence_end"]),
                )
                raw_quotes.append(({
                    "id": r["quote_id"], "key": r["key"], "s": r["speaker"], "f": r["speaker_office"],
                    "t": r["text"] or "", "k": r["kind"], "c": r["cue"], "x": segs,
                }, art_index[aid]))
    finally:
        con.close()

    loaded: dict[str, int] = {}
    for q, _ in raw_quotes:
        loaded[q["key"]] = loaded.get(q["key"], 0) + 1
    actors: list[dict[str, Any]] = []
    actor_index: dict[str, int] = {}
    for key, n, name, offices, said_offices, variants in stats:
        if key not in loaded:
            continue
        actor_index[key] = len(actors)
        offs = [o for o in (offices or []) if o] or sorted(o for o in (said_offices or []) if o)[:5]
        actors.append({"key": key, "name": name or "?", "offices": offs, "variants": [v for v in (variants or []) if v],
                       "n": n, "m": loaded[key]})
    outlet_list = sorted(outlets, key=str.casefold)
    outlet_index = {o: i for i, o in enumerate(outlet_list)}
    for art in articles:
        art["oi"] = outlet_index.get(art["o"], -1) if art["o"] else -1
    quotes = []
    for q, ai in raw_quotes:
        q["a"] = actor_index[q.pop("key")]
        q["r"] = ai
        quotes.append(q)
    return {
        "v": 1,
        "n_quotes_total": n_total,
        "n_actors": len(stats),
        "actors": actors,
        "articles": articles,
        "outlets": outlet_list,
        "quotes": quotes,
    }


def write_report(outdir: str | Path, out_path: str | Path, max_quotes: int = 50000) -> Path:
    """Write the HTML report of output folder ``outdir`` to ``out_path``; return the path.

    At most ``max_quotes`` quotes (the most recent articles first) are embedded; the actor
    counts are over all quotes. Raises FileNotFoundError (E601/E602) for a folder without quotes,
    OSError (E606) when the page cannot be written.
    """
    from .dataset import atomic_write_bytes  # pyarrow: imported only when a report is written

    out_path = Path(out_path)
    page = render_html(collect(outdir, max_quotes))
    try:
        atomic_write_bytes(out_path, page.encode("utf-8"))
    except OSError as exc:
        raise OSError(Errors.E606.format(path=out_path, reason=exc)) from exc
    return out_path
