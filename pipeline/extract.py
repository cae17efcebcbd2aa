"""The extraction job: ingest -> nlp -> extractors -> dedupe -> dataset.

Pass 1 streams the inputs in batches: each article is cleaned (:mod:`ingest`), analysed by the
spaCy pipeline (:mod:`nlp`) and read by the extractors (:mod:`quotes`, :mod:`events`, offices
via ``doc._.roles``). With ``workers > 1`` the main process loads the pipeline once and forks
``workers - 1`` helper processes that share it (copy-on-write); the main process reads and
cleans the inputs, hands chunks of ``chunk_size`` articles to the helpers and analyses a chunk
itself whenever they have enough queued work. Workers send back compact, already serialised
results: the rows of each article, and separately the little that pass 2 needs globally (person
records, event keys, an exact hash and a MinHash sketch of the text, computed in the worker).
Each finished batch is saved atomically as one part file ``OUT/_work/part-NNNNN.bin`` keyed by
the content hashes of its articles, so an interrupted run resumes where it stopped
(``resume=True``) and never analyses an article twice.

Pass 2 streams the part files twice and keeps only compact data in memory: the person records
as columns (clustered into actors by :func:`dedupe.resolve_actor_index`, which returns arrays),
one MinHash row per article in a numpy array (near-
duplicate articles are found by banding it exactly as :func:`dedupe.find_duplicate_articles`
does with datasketch's LSH, without its per-article Python objects) and the event keys (events
of the same occurrence across articles share a cluster). The second read writes the tables as
part files in input order under a staging folder that is then moved into place, so a crash never
leaves a half-written table.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import struct
import sys
import tempfile
import threading
import time
from collections import OrderedDict, defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import __version__
from . import dataset
from .errors import Errors
from .ingest import Article, IngestConfig, Skipped, read_articles

WORK = "_work"
WORK_FORMAT = 2  # layout of the part files under _work/ (part of the fingerprint)
SUCCESS = "_SUCCESS"
LOCK = ".lock"


@dataclass
class ExtractConfig:
    workers: int = 1
    batch_size: int = 256  # articles per work batch and per output part file
    resume: bool = False
    strict: bool = False
    time_limit: float = 60.0  # seconds per article; 0 disables
    model: str | None = "default"  # "default" = models/ner if present; None = rules only
    engine: str = "local"  # "local" | "dask"
    scheduler: str | None = None
    progress: bool = True
    ingest: IngestConfig = field(default_factory=IngestConfig)
    chunk_size: int = 8  # articles per task handed to a helper process (local engine)


# --------------------------------------------------------------------------- one article

_NLP: dict[tuple[str | None, str], object] = {}


def _get_nlp(model: str | None):
    """The pipeline for ``model``, loaded once per process."""
    key = (model, os.environ.get("PIPELINE_BACKEND") or "spacy")
    if key not in _NLP:
        from .nlp import load_nlp

        _NLP[key] = load_nlp(model=model)
    return _NLP[key]


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # pragma: no cover - signal handler
    raise _Timeout()


def batched_docs(arts: Sequence[Article], nlp) -> list[Any]:
    """The articles' Docs through the statistical NER (and the components before it), the NER
    run over all of them at once: one call per batch instead of one per article saves about a
    sixth of its time, and its spans are the same. ``None`` in place of every Doc when that
    fails, so :func:`analyse_article` then runs each article alone and a broken article is still
    skipped alone. The rule components and extractors run per article, under its time limit."""
    from .nlp import make_doc

    names = nlp.pipe_names
    if "ner" not in names or len(arts) < 2:
        return [None] * len(arts)
    try:
        docs = [make_doc(nlp, a.text, a.published) for a in arts]
        for _, proc in nlp.pipeline[:names.index("ner") + 1]:
            docs = list(proc.pipe(docs, batch_size=len(docs))) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        return docs
    except Exception:  # noqa: BLE001 - each article is tried again alone
        return [None] * len(arts)


def analyse_article(art: Article, nlp, doc: Any = None) -> dict[str, Any]:
    """All rows of one article (actor ids not yet set; person keys instead). ``doc``: the
    article's Doc from :func:`batched_docs`, already through the statistical NER."""
    from .events import extract_events
    from .nlp import NESTED_KEY, make_doc
    from .quotes import extract_quotes

    if doc is None:
        doc = make_doc(nlp, art.text, art.published)
        todo = nlp.pipeline
    else:
        todo = nlp.pipeline[nlp.pipe_names.index("ner") + 1:]
    for _, proc in todo:
        doc = proc(doc)
    aid = art.article_id
    sent_starts = [s.start_char for s in doc.sents]

    def sent_index(ch: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, ch) - 1)

    mentions = []
    ents = list(doc.ents)
    key_at: dict[int, str] = {}  # token -> person key of the PERSON span covering it
    for e in ents:
        if e.label_ == "PERSON" and e._.person_key:
            for t in range(e.start, e.end):
                key_at[t] = e._.person_key
    # organisations nested in offices ("Ketua Umum | Partai Golkar") are mentions too, after doc.ents
    nested = list(doc.spans[NESTED_KEY]) if NESTED_KEY in doc.spans else []
    for k, e in enumerate(ents + sorted(nested, key=lambda sp: sp.start)):
        mentions.append({
            "article_id": aid, "mention_id": f"{aid}:m{k}", "label": e.label_, "text": e.text,
            "start": e.start_char, "end": e.end_char, "sentence": sent_index(e.start_char),
            "normalized": e._.normalized, "actor_id": None, "source": e._.source or "model",
            "score": float(e._.score if e._.score is not None else 0.8),
            "person_key": e._.person_key if e.label_ == "PERSON" else None,
        })
    roles = []
    for b, e_, om in (doc._.roles or []):
        key = key_at.get(b)
        if key:
            roles.append({"actor_id": None, "article_id": aid, "title": om.title, "organization": om.organization,
                          "jurisdiction": om.jurisdiction, "office": om.office,
                          "text": art.text[om.start_char:om.end_char], "start": om.start_char, "end": om.end_char,
                          "person_key": key})
    quotes = list(extract_quotes(doc, aid))
    events = list(extract_events(doc, aid, art.published, [q for q in quotes if q.kind == "direct"]))
    persons = person_records(aid, mentions, roles, art.published)
    article = {
        "article_id": aid, "source": art.source, "outlet": art.outlet, "title": art.title,
        "published": art.published, "published_from": art.published_from, "dateline": art.dateline,
        "text": art.text, "n_tokens": sum(1 for t in doc if not t.is_space), "duplicate_of": None,
        "content_hash": art.content_hash,
    }
    return {
        "article": article, "mentions": mentions, "roles": roles,
        "quotes": [_as_dict(q) for q in quotes],
        "events": [_as_dict(e) for e in events],
        "persons": persons,
    }


_FIELDS: dict[type, tuple[str, ...]] = {}


def _as_dict(obj: Any) -> dict[str, Any]:
    """The fields of a dataclass instance as a dict, without :func:`dataclasses.asdict`'s deep
    copy (about 40 µs a quote: the instances are thrown away right after)."""
    names = _FIELDS.get(type(obj))
    if names is None:
        from dataclasses import fields

        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    return {n: getattr(obj, n) for n in names}


def person_records(article_id: str, mentions: list[dict], roles: list[dict], published: dt.date | None) -> list[dict]:
    """One record per person of an article (all its mentions), the unit that dedupe clusters.
    Mentions and roles carry ``person_key``: the full name the mention refers to in the article."""
    forms: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        if m.get("label") == "PERSON" and m.get("person_key"):
            forms[m["person_key"]].append(m["text"])
    offices: dict[str, list[str]] = defaultdict(list)
    orgs: dict[str, list[str]] = defaultdict(list)
    for r in roles:
        offices[r["person_key"]].append(r["office"])
        if r.get("organization"):
            orgs[r["person_key"]].append(r["organization"])
    keys = sorted(forms)
    return [{
        "article_id": article_id, "entity_key": k,
        "name": max(forms[k], key=len) if len(k.split()) == 1 else k,
        "variants": tuple(dict.fromkeys(forms[k] + [k])), "offices": tuple(dict.fromkeys(offices[k])),
        "orgs": tuple(dict.fromkeys(orgs[k])), "n_mentions": len(forms[k]), "published": published,
        "cooccurring": tuple(x for x in keys if x != k),
    } for k in keys]


def analyse_limited(art: Article, nlp, limit: float, doc: Any = None) -> dict[str, Any] | Skipped:
    """:func:`analyse_article`, or a :class:`Skipped` record when it fails (E012) or runs past
    ``limit`` seconds (E011; SIGALRM in the main thread, a timer thread elsewhere)."""
    in_main = threading.current_thread() is threading.main_thread()
    if limit and limit > 0 and (not hasattr(signal, "SIGALRM") or not in_main):
        from .distributed import _analyse_limited

        return _analyse_limited(art, nlp, limit, doc)
    use_alarm = bool(limit and limit > 0)
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return analyse_article(art, nlp, doc)
    except _Timeout:
        return Skipped(art.source, "E011", Errors.E011.format(path=art.source, limit=limit))
    except Exception as e:  # one article's failure never costs the run
        return Skipped(art.source, "E012", Errors.E012.format(path=art.source, reason=f"{type(e).__name__}: {e}"))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


# --------------------------------------------------------------------------- compact results
#
# A worker returns, per chunk of articles, a ChunkResult: (n articles, [(index, Skipped)],
# meta bytes, rows bytes). Both byte strings are pickles of one list with an entry per analysed
# (not skipped) article, in input order:
#   meta: (article_id, source, content_hash, published, persons, events, sketch), all pass 2 reads
#         for the global steps: persons = ((entity_key, name, variants, offices, orgs, n_mentions,
#         cooccurring), ...), events = ((start, kind, date, place, participant_keys, participants),
#         ...), sketch = (sha1 digest of the words, number of shingles, MinHash values as bytes or
#         None for a text shorter than dup_min_words)
#   rows: (article, mentions, roles, quotes, events) as tuples in the column order of
#         dataset.SCHEMAS, each row of the last four followed by one extra field: the person key
#         (mentions, roles), the speaker key (quotes) or the participant keys (events).
# The driver writes the bytes as they came; they are unpickled only in pass 2.

ChunkResult = tuple[int, list[tuple[int, Skipped]], bytes, bytes]

_COLS = {t: tuple(f.name for f in s) for t, s in dataset.SCHEMAS.items()}
_EXTRA = {"mentions": "person_key", "roles": "person_key", "quotes": "speaker_key", "events": "participant_keys"}
_COL = {t: {c: i for i, c in enumerate(cols)} for t, cols in _COLS.items()}


def _row(table: str, d: dict) -> tuple:
    cols = _COLS[table]
    row = tuple(list(v) if isinstance(v, tuple) else v for v in map(d.get, cols))
    extra = _EXTRA.get(table)
    if extra is None:
        return row
    x = d.get(extra)
    return row + ((tuple(x) if isinstance(x, (list, tuple)) else x),)


_SKETCHER: list = []


def _sketch(text: str | None) -> tuple[bytes, int, bytes | None]:
    """:class:`dedupe.ArticleSketcher`'s hash and sketch, the MinHash values as bytes."""
    if not _SKETCHER:
        from .dedupe import ArticleSketcher

        _SKETCHER.append(ArticleSketcher())
    digest, n_shingles, m = _SKETCHER[0](text)
    return digest, n_shingles, None if m is None else m.hashvalues.tobytes()


def pack_results(arts: Sequence[Article], outs: Sequence[dict[str, Any] | Skipped]) -> ChunkResult:
    """The compact :data:`ChunkResult` of ``outs`` (one :func:`analyse_article` result or
    :class:`Skipped` per article of ``arts``)."""
    skipped: list[tuple[int, Skipped]] = []
    metas: list[tuple] = []
    rows: list[tuple] = []
    for i, (art, res) in enumerate(zip(arts, outs)):
        if not isinstance(res, Skipped):
            try:
                a = res["article"]
                persons = tuple((p["entity_key"], p["name"], tuple(p["variants"]), tuple(p["offices"]),
                                 tuple(p["orgs"]), int(p["n_mentions"]), tuple(p["cooccurring"]))
                                for p in res["persons"])
                events = tuple((e["start"], e["kind"], e["date"], e["place"], tuple(e["participant_keys"]),
                                tuple(e["participants"])) for e in res["events"])
                meta = (a["article_id"], a["source"], a["content_hash"], a["published"], persons, events,
                        _sketch(a["text"]))
                row = (_row("articles", a), [_row("mentions", m) for m in res["mentions"]],
                       [_row("roles", r) for r in res["roles"]], [_row("quotes", q) for q in res["quotes"]],
                       [_row("events", e) for e in res["events"]])
            except Exception as e:  # one article's failure never costs the run
                reason = f"{type(e).__name__}: {e}"
                res = Skipped(art.source, "E012", Errors.E012.format(path=art.source, reason=reason))
            else:
                metas.append(meta)
                rows.append(row)
                continue
        skipped.append((i, res))
    proto = pickle.HIGHEST_PROTOCOL
    return len(arts), skipped, pickle.dumps(metas, protocol=proto), pickle.dumps(rows, protocol=proto)


def _work_chunk(arts: list[Article], model: str | None, limit: float) -> ChunkResult:
    """The task of a helper process (and of the main process): analyse and pack a chunk."""
    nlp = _get_nlp(model)
    return pack_results(arts, [analyse_limited(a, nlp, limit, d) for a, d in zip(arts, batched_docs(arts, nlp))])


def _die_with_parent() -> None:
    """Linux: get SIGKILL when the process that forked this one dies (PR_SET_PDEATHSIG), so no
    process of a killed run lives on."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        except Exception:  # pragma: no cover - no prctl: the process ends when its work queue closes
            pass


def _init_forked_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


# --------------------------------------------------------------------------- lock and work dir


class OutputLock:
    """``OUT/.lock`` held for the run; a second run on the same folder refuses to start."""

    def __init__(self, out: Path) -> None:
        self.path = Path(out) / LOCK
        self.held = False

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                self.held = True
                return self
            except FileExistsError:
                pid = self._owner()
                if pid is not None and not _alive(pid):
                    self.path.unlink(missing_ok=True)  # stale lock of a dead process
                    continue
                raise RuntimeError(Errors.E201.format(path=self.path.parent, pid=pid if pid is not None else "?"))
        raise RuntimeError(Errors.E201.format(path=self.path.parent, pid="?"))

    def _owner(self) -> int | None:
        try:
            return int(self.path.read_text().strip() or "0") or None
        except (OSError, ValueError):
            return None

    def __exit__(self, *exc) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _article_key(art: Article) -> str:
    return hashlib.sha1(f"{art.source}\x00{art.content_hash}".encode()).hexdigest()


def _fingerprint(config: ExtractConfig) -> dict:
    from .nlp import MODEL_DIR, model_available

    model = None
    if config.model == "default" and model_available(MODEL_DIR):
        meta = MODEL_DIR / "meta.json"
        model = json.loads(meta.read_text()).get("version") if meta.exists() else "present"
    return {"pipeline_version": __version__, "model": model, "max_chars": config.ingest.max_chars,
            "on_too_long": config.ingest.on_too_long, "backend": os.environ.get("PIPELINE_BACKEND") or "spacy",
            "work_format": WORK_FORMAT}


PART_MAGIC = b"PIPELINE-WORK-2\n"
_LEN = struct.Struct("<Q")


class WorkDir:
    """Saved batches of pass 1: ``part-NNNNN.bin`` files, each written atomically.

    A part file is ``PART_MAGIC``, the length and pickle of a header ``{"keys": [...], "meta":
    [sizes], "rows": [sizes]}``, then the meta blobs, then the rows blobs (see
    :data:`ChunkResult`): pass 2 reads the small meta blobs without the rows, and the rows
    without unpickling the meta again. ``keys`` are the article keys, in input order, of the
    analysed articles of the batch; the n-th entry of the concatenated meta (rows) lists belongs
    to the n-th key. A file that is truncated or unreadable is discarded on resume (its articles
    are analysed again)."""

    def __init__(self, out: Path, fingerprint: dict, resume: bool) -> None:
        self.dir = Path(out) / WORK
        fp_path = self.dir / "fingerprint.json"
        if self.dir.exists() and (not resume or not fp_path.exists() or json.loads(fp_path.read_text()) != fingerprint):
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        dataset.write_json(fingerprint, fp_path)
        self.index: dict[str, Path] = {}
        self.n_parts = 0
        for f in sorted(self.dir.glob("part-*.bin")):
            try:
                keys = self.read_header(f)[0]["keys"]
            except Exception:
                f.unlink(missing_ok=True)  # a damaged part is redone
                continue
            for k in keys:
                self.index[k] = f
            self.n_parts = max(self.n_parts, int(f.stem.split("-")[1]) + 1)

    @staticmethod
    def read_header(path: Path) -> tuple[dict, int]:
        """The header of a part file and the offset of its first blob; checks the file's size."""
        with open(path, "rb") as fh:
            if fh.read(len(PART_MAGIC)) != PART_MAGIC:
                raise ValueError(f"{path}: not a part file")
            (n,) = _LEN.unpack(fh.read(_LEN.size))
            header = pickle.loads(fh.read(n))
        start = len(PART_MAGIC) + _LEN.size + n
        if os.path.getsize(path) != start + sum(header["meta"]) + sum(header["rows"]):
            raise ValueError(f"{path}: truncated")
        return header, start

    def save(self, keys: list[str], metas: Sequence[bytes], rows: Sequence[bytes]) -> Path:
        path = self.dir / f"part-{self.n_parts:05d}.bin"
        self.n_parts += 1
        header = pickle.dumps({"keys": list(keys), "meta": [len(b) for b in metas], "rows": [len(b) for b in rows]},
                              protocol=pickle.HIGHEST_PROTOCOL)
        dataset.atomic_write_bytes(path, b"".join([PART_MAGIC, _LEN.pack(len(header)), header, *metas, *rows]))
        for k in keys:
            self.index[k] = path
        return path

    @classmethod
    def read(cls, path: Path, section: str) -> tuple[list[str], list]:
        """(keys, entries) of one section ("meta" or "rows") of a part file."""
        header, pos = cls.read_header(path)
        if section == "rows":
            pos += sum(header["meta"])
        entries: list = []
        with open(path, "rb") as fh:
            fh.seek(pos)
            for size in header[section]:
                entries.extend(pickle.loads(fh.read(size)))
        if len(entries) != len(header["keys"]):
            raise ValueError(f"{path}: {len(entries)} {section} entries for {len(header['keys'])} articles")
        return header["keys"], entries


class _PartCache:
    """``key -> entry`` of one section of the part files, the ``size`` most recent files kept."""

    def __init__(self, work: WorkDir, section: str, size: int = 2) -> None:
        self.work, self.section, self.size = work, section, size
        self.cache: OrderedDict[Path, dict[str, Any]] = OrderedDict()

    def __getitem__(self, key: str) -> Any:
        path = self.work.index[key]
        part = self.cache.get(path)
        if part is None:
            keys, entries = WorkDir.read(path, self.section)
            part = self.cache[path] = dict(zip(keys, entries))
            if len(self.cache) > self.size:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(path)
        return part[key]


# --------------------------------------------------------------------------- pass 1


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.n = 0
        self.t0 = time.time()
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit="art", desc="extract", dynamic_ncols=True)

    def update(self, k: int = 1) -> None:
        self.n += k
        if self.bar is not None:
            self.bar.update(k)
        elif self.enabled and self.n % 1000 < k:
            rate = self.n / max(1e-9, time.time() - self.t0)
            print(f"extract: {self.n} articles, {rate:.1f} articles/s", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _batches(it: Iterable, n: int) -> Iterator[list]:
    batch = []
    for x in it:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_batches(articles: Iterator[Article], config: ExtractConfig, work: WorkDir,
                 skipped: list[Skipped], progress: _Progress, timings: dict[str, float]) -> None:
    """Analyse ``articles`` in batches of ``batch_size`` and save each batch as one part file."""
    def handle(batch: list[Article], results: Sequence[ChunkResult]) -> None:
        keys: list[str] = []
        metas: list[bytes] = []
        rows: list[bytes] = []
        offset = 0
        for n, bad, meta, row in results:
            failed = dict(bad)
            for i in range(n):
                if i in failed:
                    skipped.append(failed[i])
                    print(failed[i].reason, file=sys.stderr)
                else:
                    keys.append(_article_key(batch[offset + i]))
                progress.update()
            metas.append(meta)
            rows.append(row)
            offset += n
        if offset != len(batch):
            raise RuntimeError(f"internal error: {offset} results for a batch of {len(batch)} articles")
        # a batch whose articles all failed is still saved, so resume does not redo it
        _parent_alive()
        work.save(keys, metas, rows)

    t0 = time.time()
    if config.engine == "dask":
        from .distributed import run_dask

        run_dask(_batches(articles, config.batch_size), config, handle)
    elif config.workers <= 1:
        _get_nlp(config.model)
        for batch in _batches(articles, config.batch_size):
            handle(batch, [_work_chunk(batch, config.model, config.time_limit)])
    else:
        _run_pool(articles, config, handle)
    timings["analyse"] = round(time.time() - t0, 3)


def _run_pool(articles: Iterator[Article], config: ExtractConfig,
              handle: Callable[[list[Article], Sequence[ChunkResult]], None]) -> None:
    """``workers - 1`` forked helper processes and this process analyse ``articles`` chunk by
    chunk; ``handle`` gets each batch of ``batch_size`` articles with its results, in input order.

    The pipeline is loaded here, before the fork, so it is loaded once (not once per process) and
    its memory is shared copy-on-write (``gc.freeze`` keeps the collector from touching, and so
    copying, the pages of the objects that exist at the fork). The input is read one chunk at a
    time; a chunk goes to the helpers while fewer than ``2 x helpers + 2`` of their chunks are
    unfinished, otherwise this process analyses it: the helpers never wait for work, and this
    process, which also reads and cleans the inputs and writes the part files, takes what is
    left of its core."""
    import multiprocessing as mp
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    fork = "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork") if fork else mp.get_context()  # no fork (Windows): each helper loads the pipeline
    model, limit = config.model, config.time_limit
    helpers = config.workers - 1
    target = 2 * helpers + 2
    size, bsize = max(1, config.chunk_size), max(1, config.batch_size)
    max_pending = 4  # whole batches waiting for an earlier one (bounds memory)
    _get_nlp(model)
    if fork:
        gc.collect()
        gc.freeze()
    pending: deque[tuple[list[Article], list]] = deque()

    def ready(batch_parts: list) -> bool:
        return all(not isinstance(x, Future) or x.done() for x in batch_parts)

    def flush(keep: int | None) -> None:
        """Hand over finished batches; with ``keep``, wait until at most ``keep`` are pending."""
        while pending and (ready(pending[0][1]) or (keep is not None and len(pending) > keep)):
            batch, parts = pending.popleft()
            handle(batch, [x.result() if isinstance(x, Future) else x for x in parts])

    it = iter(articles)
    try:
        with ProcessPoolExecutor(helpers, mp_context=ctx, initializer=_init_forked_worker if fork else None) as ex:
            running: list[Future] = []
            more = True
            while more:
                batch: list[Article] = []
                parts: list = []
                while len(batch) < bsize:
                    chunk = list(islice(it, min(size, bsize - len(batch))))
                    if not chunk:
                        more = False
                        break
                    batch.extend(chunk)
                    running = [f for f in running if not f.done()]
                    if len(running) < target:
                        fut = ex.submit(_work_chunk, chunk, model, limit)
                        running.append(fut)
                        parts.append(fut)
                    else:
                        parts.append(_work_chunk(chunk, model, limit))
                    flush(None)
                if batch:
                    pending.append((batch, parts))
                    flush(max_pending)
            flush(0)
    finally:
        if fork:
            gc.unfreeze()


# --------------------------------------------------------------------------- pass 2


def as_person_records(persons: Iterable[dict]):
    """PersonRecords of the dicts :func:`person_records` makes (also after a pickle round trip)."""
    from .dedupe import PersonRecord

    for p in persons:
        yield PersonRecord(article_id=p["article_id"], entity_key=p["entity_key"], name=p["name"],
                           variants=tuple(p["variants"]), offices=tuple(p["offices"]), orgs=tuple(p["orgs"]),
                           n_mentions=int(p["n_mentions"]), published=p["published"],
                           cooccurring=tuple(p["cooccurring"]))


_FIRST_MEMBERS = 8  # members per bucket of each root tested in the first round (duplicate_roots)


def duplicate_roots(dates: Sequence[dt.date | None], digests: Sequence[bytes], n_shingles, sketches,
                    config=None) -> list[int]:
    """Index of the earliest article each article duplicates, or -1.

    The same result as :func:`dedupe.find_duplicate_articles` (whose module docstring gives the
    rules), from what :func:`_sketch` (:class:`dedupe.ArticleSketcher`) computed in the workers: ``digests`` (exact hashes),
    ``n_shingles`` (-1: too short for a sketch) and ``sketches``, an ``(n, num_perm)`` array of
    MinHash values (rows of unsketched articles are ignored). Articles are taken in the order
    (undated last, date, input index); an exact copy joins its first copy's root; any other
    article joins the earliest root among the earlier sketched articles (not exact copies) that
    share one of the LSH bands with it (the bands of datasketch's ``MinHashLSH`` for the
    configured threshold, compared value by value, as its hash tables do) and pass the Jaccard or
    containment test.

    The bands are bucketed with numpy sorts (no hash table per band holding every article), and
    only buckets of two or more articles are kept. In each bucket the earlier articles are grouped
    by the root they joined; an article meets the groups of earlier roots first and stops at the
    first group with a member that passes the test, since no later root can beat it. So a story
    syndicated 7,000 times costs about one test per copy and band, not a test of every pair (25
    million per band, which at 100,000 generated articles took 97 s and 1.9 GB), and no pair is
    stored."""
    import numpy as np
    from datasketch import MinHashLSH

    from .dedupe import _default_config, near_duplicate

    cfg = config or _default_config()
    n = len(dates)
    order = sorted(range(n), key=lambda i: (dates[i] is None, dates[i] or dt.date.min, i))
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r
    nsh = np.asarray(n_shingles, dtype=np.int64)
    exact_of: dict[int, int] = {}
    first: dict[bytes, int] = {}
    inserted = np.zeros(n, dtype=bool)
    for i in order:
        j = first.get(digests[i])
        if j is not None:
            exact_of[i] = j
            continue
        first[digests[i]] = i
        inserted[i] = nsh[i] >= 0
    del first
    idx = np.flatnonzero(inserted)
    m = len(idx)
    # the shared buckets of each sketched article, as (band, bucket) numbers: row[i]'s are
    # gs[starts[row[i]]:starts[row[i] + 1]]
    row = np.full(n, -1, dtype=np.int64)
    row[idx] = np.arange(m, dtype=np.int64)
    rows_parts, gs_parts = [], []
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.minhash_num_perm)
    for b, (start, end) in enumerate(lsh.hashranges if m > 1 else ()):
        band = np.ascontiguousarray(sketches[idx, start:end])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * (end - start)))).ravel()
        _, gid, cnt = np.unique(keys, return_inverse=True, return_counts=True)
        gid = gid.ravel()
        sel = np.flatnonzero(cnt[gid] > 1)
        rows_parts.append(sel)
        gs_parts.append(gid[sel] + b * m)
    if rows_parts:
        rows = np.concatenate(rows_parts)
        o = np.argsort(rows, kind="stable")
        gs = np.concatenate(gs_parts)[o]
        starts = np.searchsorted(rows[o], np.arange(m + 1)).tolist()
    else:
        gs, starts = np.zeros(0, dtype=np.int64), [0] * (m + 1)
    del rows_parts, gs_parts
    num_perm = float(sketches.shape[1])

    def passing(i: int, earlier: list[int]) -> Any:
        """Which of the ``earlier`` articles pass the Jaccard or containment test with i (bool array)."""
        e = np.asarray(earlier, dtype=np.int64)
        eq = np.count_nonzero(sketches[e] == sketches[i], axis=1)
        return near_duplicate(eq.astype(np.float64) / num_perm, nsh[i], nsh[e], cfg)

    def earliest_root(i: int, cand: dict[int, list[list[int]]]) -> int:
        """The earliest root with a member that passes the test with i, or -1. ``cand``: per root,
        its members' lists in the buckets i shares. Two rounds, each one vectorised test: first
        the first ``_FIRST_MEMBERS`` of every list, then the rest of the lists of the roots still
        earlier than the best found; a large group that i joins costs only the first round."""
        roots = sorted(cand, key=rank.__getitem__)
        tested: set[int] = set()
        best, best_rank = -1, n
        longer: list[int] = []  # roots with a list longer than the first round takes
        for part in (slice(0, _FIRST_MEMBERS), slice(_FIRST_MEMBERS, None)):
            batch: list[int] = []
            owner: list[int] = []
            for r in roots if part.start == 0 else longer:
                if rank[r] >= best_rank:
                    break
                for lst in cand[r]:
                    if part.start == 0 and len(lst) > _FIRST_MEMBERS and (not longer or longer[-1] != r):
                        longer.append(r)
                    for j in lst[part]:
                        if j not in tested:
                            tested.add(j)
                            batch.append(j)
                            owner.append(r)
            if batch:
                for q in np.flatnonzero(passing(i, batch)).tolist():
                    if rank[owner[q]] < best_rank:
                        best, best_rank = owner[q], rank[owner[q]]
            if not longer or rank[longer[0]] >= best_rank:
                break
        return best

    root = [-1] * n
    groups: dict[int, dict[int, list[int]]] = {}  # bucket -> root (or itself) -> earlier members
    for i in order:
        j = exact_of.get(i)
        if j is not None:
            root[i] = root[j] if root[j] >= 0 else j
            continue
        if not inserted[i]:
            continue
        r_i = int(row[i])
        mine = gs[starts[r_i]:starts[r_i + 1]].tolist()
        cand: dict[int, list[list[int]]] = {}
        for g in mine:
            grp = groups.get(g)
            if grp:
                for r, members in grp.items():
                    cand.setdefault(r, []).append(members)
        best = earliest_root(i, cand) if cand else -1
        if best >= 0:
            root[i] = best
        own = best if best >= 0 else i
        for g in mine:
            grp = groups.get(g)
            if grp is None:
                groups[g] = {own: [i]}
            else:
                grp.setdefault(own, []).append(i)
    return root


class _EventBucket:
    """The events of one (date, kind's first word), in order, with indexes that give the events
    an event could join: those sharing a place word (when both have a place) or a participant
    (when one has none)."""

    def __init__(self) -> None:
        self.items: list[tuple] = []
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_part: dict[str, list[int]] = defaultdict(list)

    def add(self, item: tuple) -> None:
        k = len(self.items)
        self.items.append(item)
        _, _, _, place, words, parts = item
        if place:
            for w in words:
                self.by_word[w].append(k)
        for p in parts:
            self.by_part[p].append(k)

    def candidates(self, place: str | None, words: frozenset[str], parts: set) -> list[tuple]:
        """In order, a superset of the events that pass the place or participant test."""
        ks: set[int] = set()
        if place:
            for w in words:
                ks.update(self.by_word.get(w, ()))
        for p in parts:
            ks.update(k for k in self.by_part.get(p, ()) if not (place and self.items[k][3]))
        return [self.items[k] for k in sorted(ks)]


def _event_clusters(aids: Sequence[str], events: Sequence[tuple | None], dup: Sequence[int],
                    actor_of: Callable[[int, str], str | None]) -> dict[str, str]:
    """event_id -> event_cluster: reports of one real-world event in several articles share it.

    ``events[i]`` holds the events of article ``i`` as ``(start, kind, date, place,
    participant_keys, participants)``; ``actor_of(i, key)`` is the actor id of the person ``key``
    of article ``i``. A near-duplicate copy's event joins the original's event
    of the same (or a related) kind and date. Other articles' events join when kind and date
    agree and, where both give a place, the words of one place contain the other's; when either
    has no place, their participants must overlap. Originals are processed before their copies;
    otherwise in input order."""
    from .events import event_id, related_kinds

    def same_kind(a: str, b: str) -> bool:
        return a == b or related_kinds(a, b)

    words: dict[str | None, frozenset[str]] = {}

    def place_words(p: str | None) -> frozenset[str]:
        w = words.get(p)
        if w is None:
            w = words[p] = frozenset(re.findall(r"\w+", (p or "").lower()))
        return w

    cluster: dict[str, str] = {}
    # earlier events by (date, first word of the kind): kinds that can match share their first word
    # (one equals or specialises the other). Within a bucket, the events are indexed by place word
    # and by participant, so an event meets only those it could join, not every event of its date
    # (a month of a large corpus holds thousands per date); the earliest that qualifies wins, as
    # in a scan of the bucket in order.
    buckets: dict[tuple[dt.date, str], _EventBucket] = {}
    n = len(aids)
    for i in [i for i in range(n) if dup[i] < 0] + [i for i in range(n) if dup[i] >= 0]:  # originals first
        if not events[i]:
            continue
        aid = aids[i]
        orig = dup[i]
        for start, kind, date, place, pkeys, participants in events[i]:
            eid = event_id(aid, start, kind)
            e_parts = {actor_of(i, k) for k in pkeys} | set(participants)
            e_parts.discard(None)
            e_words = place_words(place)
            cid = None
            if orig >= 0:
                for ostart, okind, odate, *_ in events[orig] or ():
                    oeid = event_id(aids[orig], ostart, okind)
                    if same_kind(okind, kind) and odate == date and oeid in cluster:
                        cid = cluster[oeid]
                        break
            key = (date, kind.split(" ", 1)[0])
            bucket = buckets.get(key) if date is not None else None
            if cid is None and bucket is not None:
                for oi, oeid, okind, oplace, owords, oparts in bucket.candidates(place, e_words, e_parts):
                    if not same_kind(okind, kind) or oi == i:
                        continue
                    if place and oplace:  # the words of one place contain the other's
                        ok = bool(e_words and owords) and (e_words <= owords or owords <= e_words)
                    else:
                        ok = bool(e_parts & oparts)
                    if ok:
                        cid = cluster[oeid]
                        break
            if cid is None:
                cid = "evc_" + eid[3:]
            cluster[eid] = cid
            if date is not None:
                if bucket is None:
                    bucket = buckets[key] = _EventBucket()
                bucket.add((i, eid, kind, place, e_words, e_parts))
    return cluster


class _ByArticle:
    """A per-record column whose value is that of the record's article: ``values[art[i]]``
    (the article id, the publication date), so no per-record copy is stored."""

    __slots__ = ("values", "art")

    def __init__(self, values: Sequence[Any], art: Sequence[int]) -> None:
        self.values, self.art = values, art

    def __len__(self) -> int:
        return len(self.art)

    def __getitem__(self, i: int) -> Any:
        return self.values[self.art[i]]

    def __iter__(self) -> Iterator[Any]:
        return map(self.values.__getitem__, self.art)


def _table(name: str, rows: list[tuple]) -> Any:
    import pyarrow as pa

    cols = _COLS[name]
    data = dict(zip(cols, map(list, zip(*rows)))) if rows else {c: [] for c in cols}
    return pa.table(data, schema=dataset.SCHEMAS[name])


def _columns_table(name: str, columns: Sequence[Sequence[Any]]) -> Any:
    """A table of ``name`` from its columns (in the column order of dataset.SCHEMAS)."""
    import pyarrow as pa

    schema = dataset.SCHEMAS[name]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


class _ActorOf:
    """``(article index, entity key) -> actor id`` (None for no key), from ``persons_of(i)``
    (entity key -> actor id of article i), keeping the last article's: rows come article by
    article."""

    __slots__ = ("persons_of", "i", "d")

    def __init__(self, persons_of: Callable[[int], dict[str, str]]) -> None:
        self.persons_of, self.i, self.d = persons_of, -1, {}

    def __call__(self, i: int, key: str | None) -> str | None:
        if not key:
            return None
        if i != self.i:
            self.i, self.d = i, self.persons_of(i)
        return self.d.get(key)


class _Writer:
    """Writes tables (``dataset.write_table``: parquet, fsync, rename) in a background thread, at
    most ``depth`` waiting, so compressing and syncing one part overlaps building the next."""

    def __init__(self, depth: int = 2) -> None:
        import queue

        self.q: Any = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._loop, name="pass2-writer", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while True:
            job = self.q.get()
            if job is None:
                return
            if self.error is None:
                try:
                    dataset.write_table(*job)
                except BaseException as exc:  # re-raised in the main thread
                    self.error = exc

    def put(self, table: Any, path: Path) -> None:
        if self.error is not None:
            raise self.error
        self.q.put((table, path))

    def close(self) -> None:
        self.q.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def _finalize(out: Path, order: list[str], work: WorkDir, config: ExtractConfig, skipped: list[Skipped],
              n_inputs: int, published_from: dict[str, int], timings: dict[str, float]) -> dict:
    """Pass 2 (:func:`_pass2`) into a staging folder under ``out`` (removed if pass 2 fails), then
    the staged tables are moved into place."""
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        manifest = _pass2(out, staging, order, work, config, skipped, n_inputs, published_from, timings)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_into_place(out, staging)
    return manifest


def _return_free_memory() -> None:
    """Hand the heap's free pages back to the operating system (glibc ``malloc_trim``) after actor
    resolution, whose hundreds of thousands of small objects are freed by then: without it the
    process keeps their pages, and event clustering and writing run on top of that high-water mark.
    A no-op where the C library has no ``malloc_trim`` (macOS, musl)."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)  # the C library already loaded, as _die_with_parent reaches prctl
    except (OSError, AttributeError):
        pass


def _pass2(out: Path, staging: Path, order: list[str], work: WorkDir, config: ExtractConfig, skipped: list[Skipped],
           n_inputs: int, published_from: dict[str, int], timings: dict[str, float]) -> dict:
    """Pass 2: read the meta of every article (compactly), resolve duplicates and actors, read
    the events and cluster them, then read the rows part by part and write the tables into place.

    Everything pass 2 keeps is columns: per article its id, date, record range and the index of
    its original (near-duplicates); per person record (while the actors are resolved) its fields
    as :class:`dedupe.PersonColumns` (shared name tuples, the article's id and date by index), and
    after that only its entity key and the row of its actor (a numpy array: no dict keyed by
    ``(article_id, entity_key)``); the actors table is written as soon as it is built. While the
    duplicates are searched, one row of MinHash values per article; while events are
    clustered, the events."""
    import array

    import numpy as np

    from .dedupe import PersonColumns, _default_config, resolve_actor_index
    from .events import event_id
    from .quotes import quote_id

    t0 = time.time()
    n = len(order)
    num_perm = _default_config().minhash_num_perm
    intern = sys.intern
    aids: list[str] = []
    seen_ids: set[str] = set()
    dates: list[dt.date | None] = []
    digests: list[bytes] = []
    nsh = np.full(n, -1, dtype=np.int64)
    sketches = None
    # person records as columns (PersonColumns); rec_start[i]:rec_start[i + 1] are article i's
    rec_art = array.array("i")
    rec_start = array.array("q", [0])
    ek_col: list[str] = []
    name_col: list[str] = []
    var_col: list[tuple[str, ...]] = []
    off_col: list[tuple[str, ...]] = []
    org_col: list[tuple[str, ...]] = []
    nm_col = array.array("i")
    cooc_col: list[tuple[str, ...]] = []
    tuples: dict[tuple, tuple] = {}  # one shared object per distinct tuple of names

    def strs(xs: Iterable[str]) -> tuple[str, ...]:
        t = tuple(map(intern, xs))
        return tuples.setdefault(t, t) if len(t) < 4 else t

    metas = _PartCache(work, "meta")
    for i, key in enumerate(order):
        aid, source, content_hash, published, persons, evs, (digest, n_sh, hv) = metas[key]
        # an exact copy under another source keeps a distinct, still text-derived id
        if aid in seen_ids:
            aid = "art_" + hashlib.sha1(f"{content_hash}\x00{source}".encode()).hexdigest()[:16]
        seen_ids.add(aid)
        aids.append(aid)
        dates.append(published)
        digests.append(digest)
        if hv is not None:
            if sketches is None:  # MinHash values are uint32 or uint64 depending on datasketch's scheme
                sketches = np.zeros((n, num_perm), dtype=np.dtype(f"<u{len(hv) // num_perm}"))
            sketches[i] = np.frombuffer(hv, dtype=sketches.dtype)
            nsh[i] = n_sh
        for k, name, variants, offices, orgs, n_mentions, cooc in persons:
            rec_art.append(i)
            ek_col.append(intern(k))
            name_col.append(intern(name))
            var_col.append(strs(variants))
            off_col.append(strs(offices))
            org_col.append(strs(orgs))
            nm_col.append(n_mentions)
            cooc_col.append(tuple(map(intern, cooc)))
        rec_start.append(len(rec_art))
    del metas, seen_ids
    tuples.clear()
    timings["pass2_read"] = round(time.time() - t0, 3)

    t1 = time.time()
    dup = duplicate_roots(dates, digests, nsh, sketches if sketches is not None else np.zeros((n, 1), np.uint32))
    del digests, nsh, sketches
    timings["dedupe_articles"] = round(time.time() - t1, 3)

    t1 = time.time()
    records = PersonColumns(_ByArticle(aids, rec_art), ek_col, name_col, var_col, off_col, org_col, nm_col,
                            _ByArticle(dates, rec_art), cooc_col)
    del name_col, var_col, off_col, org_col, nm_col, cooc_col
    rec_actor, actor_table = resolve_actor_index(records)
    del records, rec_art, dates
    gc.collect()  # resolve_actors runs with the collector off: free its cycles before going on
    _return_free_memory()
    actor_ids: list[str] = actor_table["actor_id"]
    counts = {t: 0 for t in dataset.TABLES}
    counts["actors"] = len(actor_ids)
    dataset.write_table(_columns_table("actors", [actor_table[c] for c in _COLS["actors"]]),
                        staging / "actors.parquet")
    del actor_table
    timings["dedupe_actors"] = round(time.time() - t1, 3)

    def persons_of(i: int) -> dict[str, str]:
        """entity key -> actor id of the persons of article i."""
        lo, hi = rec_start[i], rec_start[i + 1]
        return dict(zip(ek_col[lo:hi], map(actor_ids.__getitem__, rec_actor[lo:hi].tolist())))

    # the events are read only now, so they are not in memory while the actors are resolved
    t1 = time.time()
    events: list[tuple | None] = []
    metas = _PartCache(work, "meta")
    for key in order:
        evs = metas[key][5]
        events.append(tuple((s, intern(kd), d, intern(p) if p else p, strs(pk), strs(pt))
                            for s, kd, d, p, pk, pt in evs) or None)
    del metas
    tuples.clear()
    clusters = _event_clusters(aids, events, dup, _ActorOf(persons_of))
    del events
    timings["event_clusters"] = round(time.time() - t1, 3)

    t2 = time.time()
    part_no = 0
    C = _COL
    # per table, the rows of the current part as they came from pass 1 and the article of each
    parts: dict[str, list[tuple]] = {t: [] for t in dataset.TABLES if t != "actors"}
    row_art: dict[str, list[int]] = {t: [] for t in parts}
    writer = _Writer()
    who = _ActorOf(persons_of)

    def fill(t: str, cols: list, col: str, values: list) -> None:
        cols[C[t][col]] = values

    def flush() -> None:
        nonlocal part_no
        for t, rows in parts.items():
            arts = row_art[t]
            if rows:
                cols: list = list(map(list, zip(*rows)))
                extra = cols.pop() if t != "articles" else None
            else:
                cols, extra = [[] for _ in _COLS[t]], []
            ids = list(map(aids.__getitem__, arts))
            fill(t, cols, "article_id", ids)
            if t == "articles":
                fill(t, cols, "duplicate_of", [aids[dup[i]] if dup[i] >= 0 else None for i in arts])
            else:
                if t == "mentions":
                    fill(t, cols, "mention_id", [f"{a}:{m.split(':')[-1]}" for a, m in zip(ids, cols[C[t]["mention_id"]])])
                    fill(t, cols, "actor_id", list(map(who, arts, extra)))
                elif t == "roles":
                    fill(t, cols, "actor_id", list(map(who, arts, extra)))
                elif t == "quotes":
                    c = C[t]
                    fill(t, cols, "quote_id", list(map(quote_id, ids, cols[c["start"]], cols[c["end"]], cols[c["kind"]])))
                    fill(t, cols, "speaker_actor_id", list(map(who, arts, extra)))
                elif t == "events":
                    c = C[t]
                    eids = list(map(event_id, ids, cols[c["start"]], cols[c["kind"]]))
                    fill(t, cols, "event_id", eids)
                    fill(t, cols, "event_cluster", list(map(clusters.__getitem__, eids)))
                    parts_col = cols[c["participants"]]
                    fill(t, cols, "participants", [
                        list(dict.fromkeys([x for x in (who(i, k) for k in keys) if x] + list(given or [])))
                        for i, keys, given in zip(arts, extra, parts_col)])
            writer.put(_columns_table(t, cols), staging / f"{t}.parquet" / f"part-{part_no:05d}.parquet")
            counts[t] += len(rows)
            rows.clear()
            arts.clear()
        part_no += 1

    rows_of = _PartCache(work, "rows")
    try:
        for i, key in enumerate(order):
            art, mentions, roles, quotes, evs = rows_of[key]
            parts["articles"].append(art)
            row_art["articles"].append(i)
            for t, rows in (("mentions", mentions), ("roles", roles), ("quotes", quotes), ("events", evs)):
                if rows:
                    parts[t].extend(rows)
                    row_art[t].extend([i] * len(rows))
            if (i + 1) % config.batch_size == 0:
                flush()
        if any(parts.values()) or part_no == 0:
            flush()
    finally:
        writer.close()
    del rows_of
    timings["write"] = round(time.time() - t2, 3)

    from .nlp import MODEL_DIR, model_available

    model_meta = None
    if config.model == "default" and model_available(MODEL_DIR):
        meta = json.loads((MODEL_DIR / "meta.json").read_text()) if (MODEL_DIR / "meta.json").exists() else {}
        model_meta = {"name": meta.get("name", "ner"), "version": meta.get("version", "")}
    manifest = {
        "schema_version": dataset.SCHEMA_VERSION,
        "pipeline_version": __version__,
        "model": model_meta,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "inputs": n_inputs,
        "articles": counts["articles"],
        "skipped": [{"source": s.source, "code": s.code, "reason": s.reason} for s in skipped],
        "row_counts": counts,
        "timings": timings,
        "published_from": published_from,
        "layout": "parts",
        "complete": True,
    }
    dataset.write_json(manifest, staging / "manifest.json")
    return manifest


def _swap_into_place(out: Path, staging: Path) -> None:
    """Move the staged tables over the previous output, then mark the run complete."""
    (out / SUCCESS).unlink(missing_ok=True)
    names = [f"{t}.parquet" for t in dataset.TABLES] + ["manifest.json"]
    for name in names:
        src, dst = staging / name, out / name
        if not src.exists():
            continue
        if dst.exists() or dst.is_symlink():
            trash = out / f".old-{name}-{os.getpid()}"
            os.replace(dst, trash)
            os.replace(src, dst)
            shutil.rmtree(trash) if trash.is_dir() else trash.unlink()
        else:
            os.replace(src, dst)
    shutil.rmtree(staging, ignore_errors=True)
    dataset.atomic_write_bytes(out / SUCCESS, b"")


# --------------------------------------------------------------------------- entry point


def _pass1(inputs: Sequence[str | Path], out: Path, config: ExtractConfig,
           timings: dict[str, float]) -> tuple[list[str], list[Skipped], int, dict[str, int]]:
    """Pass 1: read, analyse and save every article not saved yet; returns the keys of the
    analysed articles in input order, the skipped inputs, the number of inputs and the counts of
    ``published_from``."""
    t0 = time.time()
    work = WorkDir(out, _fingerprint(config), config.resume)
    skipped: list[Skipped] = []
    order: list[str] = []
    seen: set[str] = set()
    published_from = {"metadata": 0, "dateline": 0, "first_date": 0, "none": 0}
    n_inputs = 0
    progress = _Progress(config.progress)

    def todo() -> Iterator[Article]:
        nonlocal n_inputs
        for item in read_articles(inputs, config.ingest):
            n_inputs += 1
            if isinstance(item, Skipped):
                skipped.append(item)
                print(item.reason, file=sys.stderr)
                continue
            for w in item.warnings:
                print(w, file=sys.stderr)
            key = _article_key(item)
            if key in seen:
                continue  # the very same input listed twice
            seen.add(key)
            order.append(key)
            published_from[item.published_from] = published_from.get(item.published_from, 0) + 1
            if key in work.index:
                progress.update()
                continue  # done in an earlier, interrupted run
            yield item

    try:
        _run_batches(todo(), config, work, skipped, progress, timings)
    finally:
        progress.close()
    seen.clear()
    # articles that failed in analysis are skipped, not written
    order = [k for k in order if k in work.index]
    timings["pass1_total"] = round(time.time() - t0, 3)
    return order, skipped, n_inputs, published_from


_PARENT: list[int] = []  # in the process that runs pass 1 for a parent: the parent's pid


def _parent_alive() -> None:
    """In the pass-1 process: stop at once if the main process has died (never write part files
    for a run that is over: a resumed run may already own the folder)."""
    if _PARENT and os.getppid() != _PARENT[0]:
        os._exit(1)


def _pass1_child(conn, inputs, out: Path, config: ExtractConfig, parent: int) -> None:  # pragma: no cover - child
    _PARENT[:] = [parent]
    _die_with_parent()
    _parent_alive()  # the parent may have died before the line above
    try:
        timings: dict[str, float] = {}
        result = _pass1(inputs, out, config, timings)
        conn.send(("ok", (*result, timings)))
    except BaseException as e:  # noqa: BLE001 - everything goes back to the parent
        try:
            conn.send(("error", e))
        except Exception:
            conn.send(("error", RuntimeError(f"{type(e).__name__}: {e}")))
    finally:
        conn.close()


def _pass1_in_child(inputs: Sequence[str | Path], out: Path, config: ExtractConfig, timings: dict[str, float]):
    """:func:`_pass1` in a forked child process, so that this process never loads the pipeline
    and pass 2 runs without its memory. The child's helper processes are its own children."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_pass1_child, args=(send, list(inputs), out, config, os.getpid()),
                       name="pipeline-pass1", daemon=False)
    proc.start()
    send.close()
    try:
        try:
            kind, payload = recv.recv()
        except EOFError:
            proc.join()
            raise RuntimeError(f"pass 1 ended without a result (exit code {proc.exitcode})") from None
    except BaseException:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        raise
    finally:
        recv.close()
    proc.join()
    if kind == "error":
        raise payload
    order, skipped, n_inputs, published_from, child_timings = payload
    timings.update(child_timings)
    return order, skipped, n_inputs, published_from


def run_extract(inputs: Sequence[str | Path], out: str | Path, config: ExtractConfig | None = None) -> dict:
    """Extract ``inputs`` into ``out``; returns the manifest. Raises RuntimeError (E201) when
    another run holds the folder.

    With the local engine and ``workers > 1`` (where processes can be forked), pass 1 runs in a
    child process (which loads the pipeline and forks the helpers) and pass 2 in this one."""
    import multiprocessing as mp

    config = config or ExtractConfig()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with OutputLock(out):
        for stale in out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        timings: dict[str, float] = {}
        t0 = time.time()
        if config.engine == "local" and config.workers > 1 and "fork" in mp.get_all_start_methods():
            order, skipped, n_inputs, published_from = _pass1_in_child(inputs, out, config, timings)
            fingerprint = json.loads((out / WORK / "fingerprint.json").read_text())
            work = WorkDir(out, fingerprint, resume=True)  # the index of the part files the child wrote
        else:
            order, skipped, n_inputs, published_from = _pass1(inputs, out, config, timings)
            work = WorkDir(out, _fingerprint(config), resume=True)
        manifest = _finalize(out, order, work, config, skipped, n_inputs, published_from, timings)
        manifest["timings"]["total"] = round(time.time() - t0, 3)
        dataset.write_json(manifest, out / "manifest.json")
        return manifest
