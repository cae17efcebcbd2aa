"""The extraction job: ingest -> nlp -> extractors -> dedupe -> dataset.

Pass 1 streams the inputs in batches: each article is cleaned (:mod:`ingest`), analysed by the
spaCy pipeline (:mod:`nlp`) and read by the extractors (:mod:`quotes`, :mod:`events`, offices
via ``doc._.roles``) in worker processes that load the model once. Each finished batch is saved
atomically under ``OUT/_work/`` with the content hashes of its articles, so an interrupted run
resumes where it stopped (``resume=True``) and never processes an article twice.

Pass 2 reads the saved batches: person records are clustered into actors (:mod:`dedupe`),
near-duplicate articles are linked, events of the same occurrence across articles share a
cluster, and the tables are written as part files in input order under a staging folder that is
then moved into place, so a crash never leaves a half-written table.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import OrderedDict, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import __version__
from . import dataset
from .errors import Errors
from .ingest import Article, IngestConfig, Skipped, read_articles

WORK = "_work"
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


def analyse_article(art: Article, nlp) -> dict[str, Any]:
    """All rows of one article (actor ids not yet set; person keys instead)."""
    from .events import extract_events
    from .nlp import make_doc
    from .quotes import extract_quotes

    doc = make_doc(nlp, art.text, art.published)
    for _, proc in nlp.pipeline:
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
    for k, e in enumerate(ents):
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
        "quotes": [dict(asdict(q)) for q in quotes],
        "events": [dict(asdict(e)) for e in events],
        "persons": persons,
    }


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


def _work_one(args: tuple[Article, str | None, float]) -> dict[str, Any] | Skipped:
    art, model, limit = args
    nlp = _get_nlp(model)
    use_alarm = limit and limit > 0 and hasattr(signal, "SIGALRM")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return analyse_article(art, nlp)
    except _Timeout:
        return Skipped(art.source, "E011", Errors.E011.format(path=art.source, limit=limit))
    except Exception as e:  # one article's failure never costs the run
        return Skipped(art.source, "E012", Errors.E012.format(path=art.source, reason=f"{type(e).__name__}: {e}"))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _init_worker(model: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _get_nlp(model)


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
            "on_too_long": config.ingest.on_too_long, "backend": os.environ.get("PIPELINE_BACKEND") or "spacy"}


class WorkDir:
    """Saved batches of pass 1: ``batch-NNNNN.pkl`` files, each written atomically."""

    def __init__(self, out: Path, fingerprint: dict, resume: bool) -> None:
        self.dir = Path(out) / WORK
        fp_path = self.dir / "fingerprint.json"
        if self.dir.exists() and (not resume or not fp_path.exists() or json.loads(fp_path.read_text()) != fingerprint):
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        dataset.write_json(fingerprint, fp_path)
        self.index: dict[str, Path] = {}
        self.n_batches = 0
        for f in sorted(self.dir.glob("batch-*.pkl")):
            try:
                with open(f, "rb") as fh:
                    keys = pickle.load(fh)["keys"]
            except Exception:
                f.unlink(missing_ok=True)  # a damaged batch is redone
                continue
            for k in keys:
                self.index[k] = f
            self.n_batches = max(self.n_batches, int(f.stem.split("-")[1]) + 1)

    def save(self, results: dict[str, dict]) -> Path:
        path = self.dir / f"batch-{self.n_batches:05d}.pkl"
        self.n_batches += 1
        data = pickle.dumps({"keys": list(results), "results": results}, protocol=pickle.HIGHEST_PROTOCOL)
        dataset.atomic_write_bytes(path, data)
        for k in results:
            self.index[k] = path
        return path


class _BatchCache:
    def __init__(self, size: int = 2) -> None:
        self.size = size
        self.cache: OrderedDict[Path, dict] = OrderedDict()

    def get(self, path: Path) -> dict:
        if path in self.cache:
            self.cache.move_to_end(path)
            return self.cache[path]
        with open(path, "rb") as fh:
            data = pickle.load(fh)["results"]
        self.cache[path] = data
        if len(self.cache) > self.size:
            self.cache.popitem(last=False)
        return data


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


def _run_batches(batches: Iterator[list[Article]], config: ExtractConfig, work: WorkDir,
                 skipped: list[Skipped], progress: _Progress, timings: dict[str, float]) -> None:
    def handle(batch: list[Article], outs: Iterable) -> None:
        results = {}
        for art, res in zip(batch, outs):
            if isinstance(res, Skipped):
                skipped.append(res)
                print(res.reason, file=sys.stderr)
            else:
                results[_article_key(art)] = res
            progress.update()
        # a batch whose articles all failed is still saved, so resume does not redo it
        work.save(results)

    t0 = time.time()
    if config.engine == "dask":
        from .distributed import run_dask

        run_dask(batches, config, handle)
    elif config.workers <= 1:
        _get_nlp(config.model)
        for batch in batches:
            handle(batch, [_work_one((a, config.model, config.time_limit)) for a in batch])
    else:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ProcessPoolExecutor(config.workers, mp_context=ctx, initializer=_init_worker, initargs=(config.model,)) as ex:
            # one batch of look-ahead: the next batch is read and cleaned while workers analyse this one
            pending: list[tuple[list[Article], list]] = []
            for batch in batches:
                futs = [ex.submit(_work_one, (a, config.model, config.time_limit)) for a in batch]
                pending.append((batch, futs))
                if len(pending) > 1:
                    b, fs = pending.pop(0)
                    handle(b, [f.result() for f in fs])
            for b, fs in pending:
                handle(b, [f.result() for f in fs])
    timings["analyse"] = round(time.time() - t0, 3)


# --------------------------------------------------------------------------- pass 2


def as_person_records(persons: Iterable[dict]):
    """PersonRecords of the dicts :func:`person_records` makes (also after a pickle round trip)."""
    from .dedupe import PersonRecord

    for p in persons:
        yield PersonRecord(article_id=p["article_id"], entity_key=p["entity_key"], name=p["name"],
                           variants=tuple(p["variants"]), offices=tuple(p["offices"]), orgs=tuple(p["orgs"]),
                           n_mentions=int(p["n_mentions"]), published=p["published"],
                           cooccurring=tuple(p["cooccurring"]))


def _event_clusters(events_by_article: dict[str, list[dict]], dup_of: dict[str, str | None],
                    actor_of: Callable[[str, str], str | None]) -> dict[str, str]:
    """event_id -> event_cluster: reports of one real-world event in several articles share it.

    A near-duplicate copy's event joins the original's event of the same (or a related) kind and
    date. Other articles' events join when kind and date agree and, where both give a place, the
    words of one place contain the other's; when either has no place, their participants must
    overlap. Originals are processed before their copies; otherwise in input order."""
    from .events import related_kinds

    def same_kind(a: str, b: str) -> bool:
        return a == b or related_kinds(a, b)

    def place_words(p: str | None) -> set[str]:
        return set(re.findall(r"\w+", (p or "").lower()))

    def places_agree(a: str | None, b: str | None) -> bool:
        wa, wb = place_words(a), place_words(b)
        return bool(wa and wb) and (wa <= wb or wb <= wa)

    cluster: dict[str, str] = {}
    by_date: dict[tuple, list[dict]] = defaultdict(list)
    order = sorted(events_by_article, key=lambda aid: dup_of.get(aid) is not None)  # originals first (stable)
    for aid in order:
        for e in events_by_article[aid]:
            e_parts = {actor_of(aid, k) for k in e["participant_keys"]} | set(e["participants"])
            e_parts.discard(None)
            cid = None
            orig = dup_of.get(aid)
            if orig and orig in events_by_article:
                for oe in events_by_article[orig]:
                    if same_kind(oe["kind"], e["kind"]) and oe["date"] == e["date"] and oe["event_id"] in cluster:
                        cid = cluster[oe["event_id"]]
                        break
            if cid is None and e["date"] is not None:
                for other in by_date[(e["date"],)]:
                    if not same_kind(other["kind"], e["kind"]) or other["article_id"] == aid:
                        continue
                    if e["place"] and other["place"]:
                        ok = places_agree(e["place"], other["place"])
                    else:
                        ok = bool(e_parts & other["_parts"])
                    if ok:
                        cid = cluster[other["event_id"]]
                        break
            if cid is None:
                cid = "evc_" + e["event_id"][3:]
            cluster[e["event_id"]] = cid
            if e["date"] is not None:
                by_date[(e["date"],)].append({**e, "_parts": e_parts})
    return cluster


def _finalize(out: Path, order: list[str], work: WorkDir, config: ExtractConfig, skipped: list[Skipped],
              n_inputs: int, published_from: dict[str, int], timings: dict[str, float]) -> dict:
    from .dedupe import find_duplicate_articles, resolve_actors
    from .events import event_id
    from .quotes import quote_id

    cache = _BatchCache()
    t0 = time.time()
    persons: list[dict] = []
    events_by_article: dict[str, list[dict]] = {}
    seen_ids: dict[str, int] = {}
    id_of_key: dict[str, str] = {}
    for key in order:
        res = cache.get(work.index[key])[key]
        aid = res["article"]["article_id"]
        # an exact copy under another source keeps a distinct, still text-derived id
        if aid in seen_ids:
            aid = "art_" + hashlib.sha1(f"{res['article']['content_hash']}\x00{res['article']['source']}".encode()).hexdigest()[:16]
        seen_ids[aid] = 1
        id_of_key[key] = aid
        persons.extend({**p, "article_id": aid} for p in res["persons"])
        events_by_article[aid] = [{**e, "article_id": aid, "event_id": event_id(aid, e["start"], e["kind"])}
                                  for e in res["events"]]
    mapping, actors = resolve_actors(list(as_person_records(persons)))
    timings["dedupe_actors"] = round(time.time() - t0, 3)
    t1 = time.time()
    # a second streaming read of the saved batches: only sketches of the texts stay in memory
    dup_of = find_duplicate_articles(
        (id_of_key[key], r["article"]["text"], r["article"]["published"])
        for key in order for r in (cache.get(work.index[key])[key],))
    timings["dedupe_articles"] = round(time.time() - t1, 3)

    def actor_of(aid: str, key: str | None) -> str | None:
        return mapping.get((aid, key)) if key else None

    clusters = _event_clusters(events_by_article, dup_of, actor_of)

    t2 = time.time()
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    counts = {t: 0 for t in dataset.TABLES}
    parts: dict[str, list[dict]] = {t: [] for t in dataset.TABLES if t != "actors"}
    part_no = 0

    def flush() -> None:
        nonlocal part_no
        for t, rows in parts.items():
            table = dataset.rows_to_table(t, rows)
            dataset.write_table(table, staging / f"{t}.parquet" / f"part-{part_no:05d}.parquet")
            counts[t] += len(rows)
            rows.clear()
        part_no += 1

    for i, key in enumerate(order):
        res = cache.get(work.index[key])[key]
        aid = id_of_key[key]
        a = dict(res["article"], article_id=aid, duplicate_of=dup_of.get(aid))
        parts["articles"].append(a)
        for m in res["mentions"]:
            parts["mentions"].append(dict(m, article_id=aid, mention_id=f"{aid}:{m['mention_id'].split(':')[-1]}",
                                          actor_id=actor_of(aid, m.get("person_key"))))
        for r in res["roles"]:
            parts["roles"].append(dict(r, article_id=aid, actor_id=actor_of(aid, r["person_key"])))
        for q in res["quotes"]:
            parts["quotes"].append(dict(q, article_id=aid, quote_id=quote_id(aid, q["start"], q["end"], q["kind"]),
                                        speaker_actor_id=actor_of(aid, q.get("speaker_key"))))
        for e in events_by_article[aid]:
            ids = [actor_of(aid, k) for k in e["participant_keys"]]
            parts["events"].append(dict(e, participants=list(dict.fromkeys([x for x in ids if x] + e["participants"])),
                                        event_cluster=clusters[e["event_id"]]))
        if (i + 1) % config.batch_size == 0:
            flush()
    if any(parts.values()) or part_no == 0:
        flush()
    actor_rows = [asdict(a) for a in actors]
    dataset.write_table(dataset.rows_to_table("actors", actor_rows), staging / "actors.parquet")
    counts["actors"] = len(actor_rows)
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
    _swap_into_place(out, staging)
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


def run_extract(inputs: Sequence[str | Path], out: str | Path, config: ExtractConfig | None = None) -> dict:
    """Extract ``inputs`` into ``out``; returns the manifest. Raises RuntimeError (E201) when
    another run holds the folder."""
    config = config or ExtractConfig()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with OutputLock(out):
        for stale in out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        timings: dict[str, float] = {}
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
            _run_batches(_batches(todo(), config.batch_size), config, work, skipped, progress, timings)
        finally:
            progress.close()
        # articles that failed in analysis are skipped, not written
        order = [k for k in order if k in work.index]
        timings["pass1_total"] = round(time.time() - t0, 3)
        manifest = _finalize(out, order, work, config, skipped, n_inputs, published_from, timings)
        manifest["timings"]["total"] = round(time.time() - t0, 3)
        dataset.write_json(manifest, out / "manifest.json")
        return manifest

