"""Who said what: direct and indirect quotes with their speakers.

Reads a Doc annotated by :mod:`pipeline.nlp` (PERSON spans with ``_.person_key``) and yields
:class:`Quote` rows. Quotation marks, speech verbs and pronouns come from
``resources/speech.json``.

Attribution, in order of trust:

1. a cue after the quote in the same paragraph: ``"...," kata Wakil Wali Kota X Iin Mutmainah``
   (the first PERSON after the cue), ``"...," ujar Iin``, ``"...," ujarnya`` / ``tutur dia``;
2. a speaker before the quote in the same paragraph: ``Uus mengatakan, "..."``, ``Menurut
   Uus, "..."``;
3. a quotation that fills its paragraph takes its speaker from the paragraph before it when that
   paragraph introduces speech (ends with ":" or names a speaker with a speech verb), or from
   the paragraph after it (``Demikian disampaikan X``); a quotation that continues over several
   paragraphs (each opening with a quote mark) keeps one speaker.

Pronouns and clitics (``ujarnya``, ``kata dia``, ``ia``, ``beliau``) resolve by this rule: if a
narrative sentence between the previous quote and this one names a person, the speaker is the
first person named in the last such sentence (the subject a reader would take up); otherwise it
is the previous quote's speaker; with neither, the last person named before the quote.

Quoted words that are not speech are skipped: fewer than ``min_quote_words`` words (scare
quotes), a title-cased phrase (event titles, programme names), or a quotation right after
``bertajuk``, ``bertema``, ``slogan``, ``program`` and the like.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc, Span

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


@dataclass
class _QSpan:
    open_: int  # offset of the opening mark
    close: int | None  # offset of the closing mark (None: runs to the paragraph end)
    start: int  # content start
    end: int  # content end
    para: int  # paragraph index


@lru_cache(maxsize=1)
def _lex() -> dict:
    s = load_resource("speech")
    cues = sorted(set(s["cue_after"]), key=len, reverse=True)
    cue_re = re.compile(
        r"^\s*[,.!?]?\s*(?P<cue>" + "|".join(map(re.escape, cues)) + r")(?P<nya>nya)?\b(?P<pron>\s+(?:dia|ia|beliau))?",
        re.IGNORECASE,
    )
    verbs = sorted(set(s["verbs_before"]), key=len, reverse=True)
    verb_re = re.compile(r"\b(?P<verb>" + "|".join(map(re.escape, verbs)) + r")\b", re.IGNORECASE)
    return {
        "cue_re": cue_re,
        "verb_re": verb_re,
        "not_before": frozenset(w.lower() for w in s["not_speech_before"]),
        "min_words": int(s["min_quote_words"]),
        "indirect": frozenset(s["indirect_markers"]),
    }


_PRONOUN_SUBJ = re.compile(r"^\s*(?:Ia|Dia|Beliau)\b")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for p in text.split("\n"):
        out.append((pos, pos + len(p)))
        pos += len(p) + 1
    return out


def _find_quotes(text: str, paras: list[tuple[int, int]]) -> list[_QSpan]:
    spans: list[_QSpan] = []
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        while i < pe:
            c = text[i]
            if c == "“" or c == '"':
                closer = "”" if c == "“" else '"'
                j = text.find(closer, i + 1, pe)
                if c == "“":
                    j2 = text.find('"', i + 1, pe)  # mixed marks: “...,"
                    if j == -1 or (j2 != -1 and j2 < j and text.find("“", i + 1, j2) == -1 and text.find("”", j2, pe) == -1):
                        j = j2 if j == -1 or j2 != -1 and j2 < j else j
                if j == -1:
                    spans.append(_QSpan(i, None, i + 1, pe, pi))
                    break
                spans.append(_QSpan(i, j, i + 1, j, pi))
                i = j + 1
                continue
            i += 1
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t'‘":
        s += 1
    while e > s and text[e - 1] in " \t,;:'’":
        e -= 1
    return s, e


def _is_speech(text: str, q: _QSpan, lex: dict) -> bool:
    content = text[q.start:q.end]
    words = re.findall(r"\w+", content)
    if len(words) < lex["min_words"]:
        return False
    caps = sum(w[0].isupper() or w[0].isdigit() for w in words)
    if caps / len(words) >= 0.75 and not re.search(r"[.!?,]", content.strip().rstrip(".,!?")):
        return False  # "Sosialisasi Sukses Pemilu 2024": a title
    before = text[max(0, q.open_ - 40):q.open_]
    prev_word = re.findall(r"\w+", before)[-1:] if before.strip() else []
    if prev_word and prev_word[0].lower() in lex["not_before"]:
        return False
    return True


class _Persons:
    """PERSON spans of the Doc by char offset, for speaker look-ups."""

    def __init__(self, doc: Doc) -> None:
        self.spans = [s for s in doc.ents if s.label_ == "PERSON"]
        self.roles: dict[str, str] = {}
        for b, e, om in (doc._.roles or []):
            key = Span(doc, b, e)
            pk = next((s._.person_key for s in self.spans if s.start <= b < s.end), None)
            if pk and pk not in self.roles:
                self.roles[pk] = om.office

    def first_in(self, a: int, b: int) -> Span | None:
        for s in self.spans:
            if a <= s.start_char and s.end_char <= b:
                return s
        return None

    def last_in(self, a: int, b: int) -> Span | None:
        found = None
        for s in self.spans:
            if a <= s.start_char and s.end_char <= b:
                found = s
        return found


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def extract_quotes(doc: Doc, article_id: str = "") -> Iterator[Quote]:
    """Direct and indirect quotes of one article, in text order."""
    lex = _lex()
    text = doc.text
    paras = _paragraphs(text)
    persons = _Persons(doc)
    qspans = [q for q in _find_quotes(text, paras)]
    sents = _sentence_bounds(doc)
    results: list[tuple[_QSpan, Span | None, str | None, float, str | None]] = []
    last_speaker: Span | None = None
    last_quote_end = 0
    chain_speaker: Span | None = None
    prev_unclosed = False
    quoted_ranges = [(q.open_, (q.close + 1) if q.close is not None else q.end) for q in qspans]

    def narrative_subject(a: int, b: int) -> Span | None:
        """First person of the last narrative sentence in [a, b) that names one."""
        best = None
        for ss, se in sents:
            if se <= a or ss >= b:
                continue
            lo, hi = max(ss, a), min(se, b)
            for s in persons.spans:
                if lo <= s.start_char and s.end_char <= hi and not any(r0 <= s.start_char < r1 for r0, r1 in quoted_ranges):
                    best = s
                    break
        return best

    def resolve_pronoun(q: _QSpan) -> Span | None:
        subj = narrative_subject(last_quote_end, q.open_)
        if subj is not None:
            return subj
        if last_speaker is not None:
            return last_speaker
        return persons.last_in(0, q.open_)

    for qi, q in enumerate(qspans):
        ps, pe = paras[q.para]
        is_speech = _is_speech(text, q, lex)
        continues = prev_unclosed and q.open_ == ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip()))
        prev_unclosed = q.close is None
        if not is_speech and not continues:
            continue
        speaker: Span | None = None
        cue: str | None = None
        score = 0.0
        # 1. cue after the quote
        if q.close is not None:
            after = text[q.close + 1:pe]
            m = lex["cue_re"].match(after)
            if m:
                cue = m.group("cue").lower() + (m.group("nya") or "")
                a0 = q.close + 1 + m.end()
                if m.group("nya") or m.group("pron"):
                    speaker = resolve_pronoun(q)
                    score = 0.85
                else:
                    sent_end = next((se for ss, se in sents if ss <= a0 < se), pe)
                    cand = persons.first_in(a0, min(sent_end, pe))
                    if cand is not None and cand.start_char - a0 <= 120:
                        speaker, score = cand, 0.95
                    elif re.match(r"\s*(?:dia|ia|beliau)\b", text[a0:pe]):
                        speaker, score = resolve_pronoun(q), 0.85
            else:
                # '"...," Iin menambahkan.'
                cand = persons.first_in(q.close + 1, min(pe, q.close + 80))
                if cand is not None and not text[q.close + 1:cand.start_char].strip(" ,") and lex["verb_re"].match(text[cand.end_char:pe].lstrip()):
                    speaker, score, cue = cand, 0.9, lex["verb_re"].match(text[cand.end_char:pe].lstrip()).group("verb").lower()
        # 2. speaker before the quote in the same paragraph
        if speaker is None:
            before = text[ps:q.open_]
            stripped = before.rstrip()
            if stripped.endswith((",", ":")) or (stripped and lex["verb_re"].search(stripped[-60:])):
                clause_start = ps + max(before.rfind(". "), before.rfind("” "), before.rfind('" '), -1) + 1
                vm = None
                for vm in lex["verb_re"].finditer(text, clause_start, q.open_):
                    pass
                menurut = re.search(r"\b(?:Menurut|menurut)\s", text[clause_start:q.open_])
                if vm is not None or menurut:
                    limit = vm.start() if vm is not None else q.open_
                    cand = persons.last_in(clause_start, limit) if vm is not None else persons.first_in(clause_start, q.open_)
                    if cand is not None:
                        speaker, score = cand, 0.9
                        cue = vm.group("verb").lower() if vm is not None else "menurut"
                    elif _PRONOUN_SUBJ.match(text[clause_start:q.open_]) or re.search(r"\b(?:ia|dia|beliau)\s+(?:juga\s+)?\w*$", text[clause_start:limit]):
                        speaker, score = resolve_pronoun(q), 0.8
                        cue = vm.group("verb").lower() if vm is not None else "menurut"
        # 3. multi-paragraph quotation keeps its speaker; whole-paragraph quotation looks around
        if speaker is None and continues and chain_speaker is not None:
            speaker, score, cue = chain_speaker, 0.85, cue
        if speaker is None and q.open_ - ps <= 1:
            if q.para > 0:
                pps, ppe = paras[q.para - 1]
                prev = text[pps:ppe].rstrip()
                if prev.endswith(":") or (lex["verb_re"].search(prev) and not prev.endswith(("”", '"'))):
                    cand = persons.first_in(pps, ppe)
                    if cand is not None:
                        speaker, score = cand, 0.75
                    elif _PRONOUN_SUBJ.match(prev):
                        speaker, score = resolve_pronoun(q), 0.7
            if speaker is None and q.close is None and chain_speaker is None:
                # a quotation spanning paragraphs: take the cue of the paragraph that closes it
                for nq in qspans[qi + 1:]:
                    if nq.close is not None:
                        m = lex["cue_re"].match(text[nq.close + 1:paras[nq.para][1]])
                        if m:
                            a0 = nq.close + 1 + m.end()
                            if m.group("nya") or m.group("pron"):
                                speaker = resolve_pronoun(q)
                            else:
                                speaker = persons.first_in(a0, paras[nq.para][1])
                            cue = m.group("cue").lower() + (m.group("nya") or "")
                            score = 0.8
                        break
        if speaker is None:
            prev_unclosed = q.close is None
            continue
        chain_speaker = speaker if q.close is None else None
        results.append((q, speaker, cue, score, None))
        last_speaker = speaker
        last_quote_end = (q.close + 1) if q.close is not None else q.end

    for q, speaker, cue, score, _ in results:
        s, e = _trim(text, q.start, q.end)
        if e <= s:
            continue
        ps, pe = paras[q.para]
        yield _make_quote(article_id, doc, persons, speaker, text, s, e, "direct", cue, score, ps, pe)

    direct_ranges = [(q.open_, (q.close + 1) if q.close is not None else q.end) for q in qspans]
    yield from _indirect(doc, article_id, persons, direct_ranges, lex)


def quote_id(article_id: str, start: int, end: int, kind: str) -> str:
    """Stable id of a quote: its article and offsets."""
    return "q_" + hashlib.sha1(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def _make_quote(article_id, doc, persons: _Persons, speaker: Span, text: str, s: int, e: int, kind: str,
                cue: str | None, score: float, ss: int, se: int) -> Quote:
    key = speaker._.person_key or speaker.text
    qid = quote_id(article_id, s, e, kind)
    return Quote(quote_id=qid, article_id=article_id, speaker=key, speaker_actor_id=None,
                 speaker_office=persons.roles.get(key), text=text[s:e], kind=kind, cue=cue, start=s, end=e,
                 score=score, speaker_start=speaker.start_char, speaker_end=speaker.end_char,
                 sentence_start=ss, sentence_end=se, speaker_key=key)


def _indirect(doc: Doc, article_id: str, persons: _Persons, direct: list[tuple[int, int]], lex: dict) -> Iterator[Quote]:
    """'X mengatakan bahwa ...', 'Menurut X, ...', 'X menegaskan ...' outside quotation marks."""
    text = doc.text
    for sent in doc.sents:
        ss, se = sent.start_char, sent.end_char
        if any(a < se and ss < b for a, b in direct):
            continue
        body = text[ss:se]
        m = re.match(r"\s*(?:Menurut|menurut)\s+", body)
        if m:
            sp = persons.first_in(ss + m.end(), se)
            if sp is not None and sp.start_char == ss + m.end():
                comma = text.find(",", sp.end_char, se)
                if comma != -1:
                    s, e = _trim(text, comma + 1, se)
                    e = e - 1 if e > s and text[e - 1] == "." else e
                    if len(text[s:e].split()) >= lex["min_words"]:
                        yield _make_quote(article_id, doc, persons, sp, text, s, e, "indirect", "menurut", 0.8, ss, se)
                continue
        sp = persons.first_in(ss, se)
        if sp is None:
            continue
        vm = lex["verb_re"].search(text, sp.end_char, se)
        if vm is None or vm.start() - sp.end_char > 60:
            continue
        gap = text[sp.end_char:vm.start()]
        if re.search(r"[.;]", gap) or len(gap.split()) > 6:
            continue
        s = vm.end()
        rest = text[s:se]
        bm = re.match(r"\s*,?\s*(?:bahwa\s+)?", rest)
        s += bm.end() if bm else 0
        s, e = _trim(text, s, se)
        e = e - 1 if e > s and text[e - 1] == "." else e
        if len(text[s:e].split()) < lex["min_words"]:
            continue
        yield _make_quote(article_id, doc, persons, sp, text, s, e, "indirect", vm.group("verb").lower(), 0.7, ss, se)
