"""Events: what happened, when, where, and who took part.

Triggers and kinds come from ``resources/events.json`` (longest trigger wins). For each
sentence with a trigger the extractor takes:

- ``date``: a DATE mention in the same sentence; else, for the article's main event, the first
  resolved date of the next sentences up to the first quote's statement date ("kata X, Selasa");
- ``place``: the venue and areas named in the sentence ("Aula PPKD Jakarta Timur, Pondok
  Kelapa, Duren Sawit"), as written;
- ``participants``: actors named in the sentence (persons by their in-article key, replaced by
  actor ids after dedupe) and organisations; the main event also takes the article's speakers;
- ``status``: ``planned`` / ``ongoing`` / ``happened`` from cue words before the trigger, else
  from the resolved date against the publication date;
- ``name``: the event's own title when the sentence quotes one ("Sosialisasi Sukses Pemilu 2024").

Repeated mentions of the same kind with the same (or no) date and place within an article merge
into one event. The first event of the article (in its first three sentences) is its main event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc

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


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = load_resource("events")
    trig: list[tuple[str, str]] = []
    for kind, words in d["kinds"].items():
        for w in words:
            trig.append((w.lower(), kind))
    trig.sort(key=lambda x: -len(x[0]))
    kind_of = {}
    for w, k in trig:
        kind_of.setdefault(w, k)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w, _ in trig) + r")(?!\w)", re.IGNORECASE)
    status = {k: re.compile(r"(?<!\w)(" + "|".join(map(re.escape, v)) + r")(?!\w)", re.IGNORECASE) for k, v in d["status"].items()}
    names = re.compile(r"(?:" + "|".join(map(re.escape, d["name_markers"])) + r")\s*[\"“]([^\"”]{3,120})[\"”]", re.IGNORECASE)
    return {"pattern": pattern, "kind_of": kind_of, "status": status, "names": names}


_QUOTED_TITLE = re.compile(r"[\"“]([A-Z0-9][^\"”]{2,100})[\"”]")


def _title_like(s: str) -> bool:
    words = re.findall(r"\w+", s)
    return bool(words) and sum(w[0].isupper() or w[0].isdigit() for w in words) / len(words) >= 0.6


def _status(sentence: str, trig_pos: int, date: dt.date | None, published: dt.date | None) -> str:
    lex = _lex()
    before = sentence[:trig_pos]
    window = before[-60:]
    if lex["status"]["planned"].search(window):
        return "planned"
    if re.search(r"(?i)mulai\s+hari\s+ini|hingga|sampai|masih|sedang|tengah", sentence) and re.search(
            r"(?i)\b(sampai|hingga)\b[^.]{0,30}\d{4}|sedang|tengah berlangsung|masih berlangsung|mulai hari ini", sentence):
        return "ongoing"
    if date and published and date > published:
        return "planned"
    return "happened"


def extract_events(doc: Doc, article_id: str = "", published: dt.date | None = None,
                   quotes: list | None = None) -> Iterator[Event]:
    """Events of one article. ``quotes`` (from :mod:`pipeline.quotes`) add speakers to the main event."""
    lex = _lex()
    text = doc.text
    sents = list(doc.sents)
    ents = list(doc.ents)
    quoted = [(m.start(), m.end()) for m in re.finditer(r"[\"“][^\"”\n]*[\"”]", text)]
    events: list[Event] = []
    for si, sent in enumerate(sents):
        ss, se = sent.start_char, sent.end_char
        stext = text[ss:se]
        for m in lex["pattern"].finditer(stext):
            a = ss + m.start()
            # a trigger inside a direct quotation is speech, not a report (except a quoted event title)
            inside = [r for r in quoted if r[0] < a < r[1]]
            trig = m.group(1)
            kind = lex["kind_of"][trig.lower()]
            name = None
            nm = lex["names"].search(stext)
            if inside:
                r = inside[0]
                qt = text[r[0] + 1:r[1] - 1]
                if not _title_like(qt):
                    continue
                name = qt
            if name is None:
                nm2 = _QUOTED_TITLE.search(stext)
                if nm and nm.start() <= m.start() + 80:
                    name = nm.group(1)
                elif nm2 and _title_like(nm2.group(1)) and trig.lower() in nm2.group(1).lower():
                    name = nm2.group(1)
            s_ents = [e for e in ents if ss <= e.start_char and e.end_char <= se]
            dates = [e for e in s_ents if e.label_ == "DATE" and e._.normalized]
            date = dt.date.fromisoformat(dates[0]._.normalized) if dates else None
            date_text = dates[0].text if dates else None
            places = [e for e in s_ents if e.label_ == "PLACE"]
            place = None
            if places:
                # the venue and areas as written: from the first place to the last adjacent one
                first = places[0]
                last = first
                for p in places[1:]:
                    gap = text[last.end_char:p.start_char]
                    if re.fullmatch(r"[\s,]*(?:dan\s+)?", gap) or len(gap) <= 3:
                        last = p
                    else:
                        break
                place = text[first.start_char:last.end_char]
            pkeys = [e._.person_key for e in s_ents if e.label_ == "PERSON" and e._.person_key]
            orgs = [e.text for e in s_ents if e.label_ == "ORG"]
            status = _status(stext, m.start(), date, published)
            ev = Event(event_id="", article_id=article_id, kind=kind, name=name, date=date, date_text=date_text,
                       place=place, participants=list(dict.fromkeys(orgs)), status=status, event_cluster="",
                       start=ss, end=se, trigger=trig, main=False, participant_keys=list(dict.fromkeys(pkeys)))
            ev._si = si  # type: ignore[attr-defined]
            events.append(ev)
            break  # one trigger per sentence: the first (longest-at-position) one
    if not events:
        return
    # main event: the first in the first three sentences
    main = next((e for e in events if e._si < 3), None)  # type: ignore[attr-defined]
    if main is not None:
        main.main = True
        if main.date is None:
            # the statement date of the following sentences belongs to the event ("kata X, Selasa")
            for e in ents:
                if e.label_ == "DATE" and e._.normalized and e.start_char >= main.start and e.start_char - main.end < 600:
                    main.date = dt.date.fromisoformat(e._.normalized)
                    main.date_text = e.text
                    break
        if main.place is None:
            for e in ents:
                if e.label_ == "PLACE" and e.start_char >= main.start and e.start_char - main.end < 400:
                    main.place = e.text
                    break
        if quotes:
            main.participant_keys = list(dict.fromkeys(main.participant_keys + [q.speaker_key for q in quotes if q.speaker_key]))
        if main.date and published and main.status == "happened" and main.date > published:
            main.status = "planned"
    # merge repeated mentions of one occurrence
    merged: list[Event] = []
    for e in events:
        same = next((m for m in merged if m.kind == e.kind and (e.date is None or m.date is None or e.date == m.date)
                     and (e.place is None or m.place is None or e.place == m.place)), None)
        if same is not None:
            same.date = same.date or e.date
            same.date_text = same.date_text or e.date_text
            same.place = same.place or e.place
            same.name = same.name or e.name
            same.participants = list(dict.fromkeys(same.participants + e.participants))
            same.participant_keys = list(dict.fromkeys(same.participant_keys + e.participant_keys))
            continue
        merged.append(e)
    for e in merged:
        e.event_id = event_id(article_id, e.start, e.kind)
        yield e


def event_id(article_id: str, start: int, kind: str) -> str:
    """Stable id of an event: its article, sentence and kind."""
    return "ev_" + hashlib.sha1(f"{article_id}:{start}:{kind}".encode()).hexdigest()[:16]


def cluster_key(kind: str, date: dt.date | None, place: str | None) -> str:
    """Events of several articles with the same kind, date and place share a cluster."""
    place_key = re.sub(r"\W+", " ", (place or "").lower()).strip()
    return "evc_" + hashlib.sha1(f"{kind}|{date}|{place_key}".encode()).hexdigest()[:16]
