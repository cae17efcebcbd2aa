"""Speed and memory of the whole pipeline on a generated corpus (``make bench``).

    python -m pipeline.bench --n 10000 --workers 2 [--no-model] [--model PATH]
                             [--sizes 10000,100000] [--dedupe [SIZES]] [--seed 1]
    python -m pipeline.bench --pass2-only --sizes 10000,30000,100000 [--source-n 2000]

1. Corpus: the example articles of ``data/raw`` are repeated and perturbed (person names
   swapped for names from :mod:`pipeline.dedupe_bench`, dates shifted by whole weeks so weekday
   names stay true, numbers changed, body paragraphs dropped, swapped and borrowed from other
   articles, 60 % of the lower-case words that no lexicon of ``pipeline/resources`` contains
   replaced by other such words, page furniture added; about 8 % are near-copies of an earlier
   generated article, as syndication produces, the rest are not near-duplicates of each other)
   into ``data/bench/corpus-nN-sSEED-vV.jsonl.gz``. Deterministic for a seed and the same
   ``data/raw`` and lexicons; an existing file is reused (delete ``data/bench`` to regenerate).
2. Bare tokenisation: ``spacy.blank("id")`` over the same cleaned texts, one process.
3. End to end: :func:`pipeline.extract.run_extract` with ``--workers`` processes: articles/s,
   words/s (whitespace words of the cleaned texts), the CPU time of the run (this process and
   its reaped children: less sensitive to a busy machine than the wall time), peak memory of
   the process tree (psutil, sampled every 0.2 s: the summed RSS, which counts the pages the
   processes share once per process, and the summed PSS, which splits them; without psutil,
   the peak of this process plus that of its largest child), the stage timings of
   ``manifest["timings"]``, and the ratio of its words/s to bare tokenisation's.
4. Stage costs in one process on a sample of ~200 articles: ingest/clean, tokenizer,
   sentencizer, NER model, the rules (offices, places, dates, persons and merging), quotes and
   events, timed component by component.

``--sizes`` runs each size in a fresh child process and prints one row per size, to show
whether peak memory stays flat as the corpus grows. ``--dedupe`` adds the table of
:func:`pipeline.dedupe_bench.run_bench`. :func:`run` returns the figures as a dict.

``--pass2-only`` measures pass 2 alone (dedupe, event clusters, writing the tables: the part
whose memory grows with the corpus) at sizes a full run would take hours to reach: the pass-1
part files of a real run of ``--source-n`` articles (``data/bench/out-nSOURCE_N``, made first
if missing) are replicated into a work dir of N articles with fresh ids, letter-permuted texts
and names (so replicas are neither duplicates of each other nor the same persons) and MinHash
values mapped by a bijection (so each replica repeats the near-duplicates of the source run),
then pass 2 runs on it in a fresh process and its time, CPU time and peak memory are printed.
The output says plainly that it is pass 2 only. Replicas keep the source's dates, so events per
date grow with N (event clustering is then slower than on a real corpus of that size), and
every replica brings its own set of names (about as many distinct persons per article as the
source run: more than a real corpus of N articles drawn from the same name lists would have).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
BENCH_DIR = ROOT / "data" / "bench"
GEN_VERSION = 2
SUBSTITUTE = 0.6  # share of the substitutable words replaced, so generated articles are not near-copies
STAGE_SAMPLE = 200

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
_MONTH_NO = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NO.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8, "sep": 9,
                  "okt": 10, "nov": 11, "des": 12})
FURNITURE = ["Baca juga: {t}", "Baca Juga: {t}", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT",
             "Simak berita dan artikel lainnya di Google News", "Editor: {n}", "(ant/{i})"]

# one pass over the text: dates first (so their digits are not changed as numbers), then numbers
_PERTURB = re.compile(
    r"(?P<dmy>\b(?P<d>\d{1,2}) (?P<mon>" + "|".join(MONTHS) + r")(?: (?P<y>\d{4}))?\b)"
    r"|(?P<slash>\b(?P<sd>\d{1,2})/(?P<sm>\d{1,2})/(?P<sy>\d{4})\b)"
    r"|(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b)"
    r"|(?P<num>(?<![\d/.,-])[1-9]\d{0,2}(?:\.\d{3})*(?![\d/]|,\d|\.\d))"
)


# --------------------------------------------------------------------------- corpus


@lru_cache(maxsize=4)
def _templates(raw: Path = RAW) -> tuple[list[dict], re.Pattern | None, tuple[str, ...], frozenset[str]]:
    """The cleaned example articles, a pattern of the person-name words they contain, the pool of
    lower-case words that may replace each other, and the words never replaced."""
    from .ingest import Article, read_articles
    from .nlp import load_nlp, make_doc

    nlp = load_nlp(model=None)  # rules only: names to swap, no model needed
    temps: list[dict] = []
    words: set[str] = set()
    for a in read_articles([raw]):
        if not isinstance(a, Article):
            continue
        doc = make_doc(nlp, a.text, a.published)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        for e in doc.ents:
            if e.label_ == "PERSON":
                words.update(w for w in (e._.person_key or e.text).split() if len(w) >= 3 and w[:1].isupper()
                             and w.isalpha())
        paras = [p for p in a.text.split("\n") if p.strip()]
        temps.append({"title": a.title or paras[0][:80], "outlet": a.outlet, "published": a.published,
                      "paras": paras})
    if not temps:
        raise ValueError(f"{raw}: no usable example article to generate a benchmark corpus from")
    names = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b") if words else None
    # words the rules may key on (every word of every lexicon in pipeline/resources) are never replaced
    protected = _resource_words()
    pool = sorted({w for t in temps for p in t["paras"] for w in _LOWER_WORD.findall(p) if w not in protected})
    return temps, names, tuple(pool), frozenset(protected)


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]{4,}(?![\w-])")


def _resource_words() -> set[str]:
    words: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, str):
            words.update(w for w in re.findall(r"[a-z]+", x.lower()))
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    for f in sorted((Path(__file__).resolve().parent / "resources").glob("*.json")):
        if f.stat().st_size < 5_000_000:
            try:
                walk(json.loads(f.read_text(encoding="utf-8")))
            except ValueError:
                pass
    return words


def _shift_text(text: str, delta: dt.timedelta, base: dt.date | None, rng: random.Random,
                name_of: dict[str, str], names: re.Pattern | None, pool: Sequence[str] = (),
                protected: frozenset[str] = frozenset()) -> str:
    def date_sub(m: re.Match) -> str:
        try:
            if m.group("dmy"):
                y = int(m.group("y")) if m.group("y") else (base.year if base else 2024)
                d = dt.date(y, _MONTH_NO[m.group("mon").lower()], int(m.group("d"))) + delta
                return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if m.group("y") else "")
            if m.group("slash"):
                d = dt.date(int(m.group("sy")), int(m.group("sm")), int(m.group("sd"))) + delta
                return f"{d.day}/{d.month}/{d.year}"
            if m.group("iso"):
                d = dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id"))) + delta
                return d.isoformat()
        except ValueError:
            return m.group(0)
        s = m.group("num")
        v = int(s.replace(".", ""))
        if v < 3 or rng.random() < 0.3:
            return s
        v = max(2, int(v * rng.uniform(0.5, 1.6)))
        return f"{v:,}".replace(",", ".") if "." in s or v >= 10_000 else str(v)

    text = _PERTURB.sub(date_sub, text)
    if pool:
        text = _LOWER_WORD.sub(lambda m: m.group(0) if m.group(0) in protected or rng.random() >= SUBSTITUTE
                               else pool[rng.randrange(len(pool))], text)
    if names is not None:
        text = names.sub(lambda m: name_of.setdefault(m.group(1), m.group(1)), text)
    return text


def _generate(i: int, seed: int, temps: list[dict], names: re.Pattern | None, pool: Sequence[str] = (),
              protected: frozenset[str] = frozenset(), depth: int = 0) -> dict:
    """Generated article ``i`` (a JSONL record); the same for the same (i, seed, templates)."""
    from .dedupe_bench import FIRST, LAST

    rng = random.Random(seed * 1_000_003 + i)
    if i > 0 and depth < 3 and rng.random() < 0.08:  # a near-copy of an earlier article (syndication)
        rec = _generate(rng.randrange(max(0, i - 500), i), seed, temps, names, pool, protected, depth + 1)
        paras = rec["text"].split("\n\n")
        if len(paras) > 3 and rng.random() < 0.5:
            del paras[rng.randrange(1, len(paras))]
        paras.append(rng.choice(FURNITURE).format(t=rec["title"], n="Redaksi", i=i % 97))
        return dict(rec, id=f"bench-{i:07d}", url=f"https://bench.example/{i}", text="\n\n".join(paras))
    t = temps[rng.randrange(len(temps))]
    head, body = t["paras"][:1], list(t["paras"][1:])
    for _ in range(rng.randint(0, 2)):  # borrowed paragraphs
        other = temps[rng.randrange(len(temps))]["paras"][1:]
        if other:
            body.insert(rng.randint(0, len(body)), other[rng.randrange(len(other))])
    if len(body) > 4 and rng.random() < 0.6:
        del body[rng.randrange(len(body))]
    for _ in range(rng.randint(0, 2)):  # a little reordering
        if len(body) > 2:
            k = rng.randrange(len(body) - 1)
            body[k], body[k + 1] = body[k + 1], body[k]
    paras = head + body
    for _ in range(rng.randint(0, 2)):  # page furniture for the cleaner
        paras.insert(rng.randint(1, len(paras)), rng.choice(FURNITURE).format(t=temps[rng.randrange(len(temps))]["title"],
                                                                            n=rng.choice(FIRST), i=rng.randint(1, 99)))
    delta = dt.timedelta(weeks=rng.randint(-200, 200))
    name_of: dict[str, str] = {}
    if names is not None:
        for w in set(names.findall("\n".join(paras) + "\n" + t["title"])):
            name_of[w] = rng.choice(LAST if rng.random() < 0.5 else FIRST)
    text = _shift_text("\n\n".join(paras), delta, t["published"], rng, name_of, names, pool, protected)
    title = _shift_text(t["title"], delta, t["published"], rng, name_of, names)
    pub = t["published"] + delta if t["published"] else None
    return {"id": f"bench-{i:07d}", "url": f"https://bench.example/{i}", "title": title, "outlet": t["outlet"],
            "published": pub.isoformat() if pub else None, "text": text}


def make_corpus(n: int, seed: int = 1, bench_dir: Path = BENCH_DIR, raw: Path = RAW) -> Path:
    """``bench_dir/corpus-nN-sSEED-vV.jsonl.gz`` with ``n`` generated articles (reused if present)."""
    bench_dir = Path(bench_dir)
    path = bench_dir / f"corpus-n{n}-s{seed}-v{GEN_VERSION}.jsonl.gz"
    if path.exists():
        return path
    bench_dir.mkdir(parents=True, exist_ok=True)
    temps, names, pool, protected = _templates(Path(raw).resolve())
    fd, tmp = tempfile.mkstemp(prefix=".corpus-", dir=bench_dir)
    os.close(fd)
    try:
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as fh:
            for i in range(n):
                fh.write(json.dumps(_generate(i, seed, temps, names, pool, protected), ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _corpus_elsewhere(n: int, seed: int, bench_dir: Path) -> Path:
    """:func:`make_corpus`, generated in a forked child process when it is missing, so that the
    generator's rules pipeline does not stay in this process's memory (and is not shared with
    the processes of the run measured next)."""
    import multiprocessing as mp

    path = Path(bench_dir) / f"corpus-n{n}-s{seed}-v{GEN_VERSION}.jsonl.gz"
    if path.exists() or "fork" not in mp.get_all_start_methods():
        return make_corpus(n, seed, bench_dir)
    proc = mp.get_context("fork").Process(target=make_corpus, args=(n, seed, bench_dir))
    proc.start()
    proc.join()
    if proc.exitcode != 0 or not path.exists():
        raise RuntimeError(f"generating {path} failed (exit code {proc.exitcode})")
    return path


# --------------------------------------------------------------------------- memory


class PeakMemory:
    """Peak memory (MB) of this process and all its children while active.

    ``peak_mb``: the peak of the summed RSS of the process tree. RSS counts a page in every
    process that maps it, so pages shared between processes (the pipeline the helper processes
    inherit from the pass-1 process, shared libraries) are counted once per process: an upper
    bound. ``peak_pss_mb``: the peak of the summed PSS (each shared page split between the
    processes sharing it), the memory the tree really uses; None where the system does not
    report it."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self.peak_pss_mb: float | None = None
        self.method = "psutil: peak of the summed RSS of the process tree"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        try:
            import psutil

            self._proc = psutil.Process()
        except ImportError:
            self._proc = None
            self.method = "getrusage: peak RSS of this process + peak RSS of its largest child"

    @staticmethod
    def _mem(p) -> tuple[int, int | None]:
        try:
            m = p.memory_full_info()
            return m.rss, getattr(m, "pss", None)
        except Exception:  # no smaps (or not allowed): RSS only
            return p.memory_info().rss, None

    def _sample(self) -> None:
        try:
            total, pss = self._mem(self._proc)
            for c in self._proc.children(recursive=True):
                try:
                    r, q = self._mem(c)
                except Exception:  # the child ended meanwhile
                    continue
                total += r
                pss = None if pss is None or q is None else pss + q
            self.peak_mb = max(self.peak_mb, total / 2**20)
            if pss is not None:
                self.peak_pss_mb = max(self.peak_pss_mb or 0.0, pss / 2**20)
        except Exception:
            pass

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> "PeakMemory":
        if self._proc is not None:
            self._sample()
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._sample()
        else:
            import resource

            kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            self.peak_mb = kb / 1024.0


# --------------------------------------------------------------------------- measurements


def _words(text: str) -> int:
    return len(text.split())


def _articles(corpus: Path, limit: int | None = None) -> Iterator[Any]:
    from .ingest import Article, read_articles

    k = 0
    for a in read_articles([corpus]):
        if isinstance(a, Article):
            yield a
            k += 1
            if limit is not None and k >= limit:
                return


def bare_tokenisation(corpus: Path, limit: int = 5000) -> dict[str, float]:
    """spacy.blank("id") over the cleaned texts of the first ``limit`` articles, one process."""
    import spacy

    texts = [a.text for a in _articles(corpus, limit)]
    nlp = spacy.blank("id")
    nlp.make_doc(texts[0] if texts else "")
    words = tokens = 0
    t0 = time.perf_counter()
    for t in texts:
        tokens += len(nlp.make_doc(t))
    secs = time.perf_counter() - t0
    words = sum(map(_words, texts))
    return {"articles": len(texts), "words": words, "tokens": tokens, "seconds": secs,
            "words_per_s": words / secs if secs else 0.0, "articles_per_s": len(texts) / secs if secs else 0.0}


def _output_words(out: Path) -> int:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    total = 0
    for part in sorted((out / "articles.parquet").glob("*.parquet")) or [out / "articles.parquet"]:
        col = pq.read_table(part, columns=["text"]).column("text")
        total += pc.sum(pc.list_value_length(pc.utf8_split_whitespace(col))).as_py() or 0
    return int(total)


def end_to_end(corpus: Path, out: Path, workers: int, model: str | None, engine: str = "local") -> dict[str, Any]:
    from .extract import ExtractConfig, run_extract

    if out.exists():
        shutil.rmtree(out)
    cfg = ExtractConfig(workers=workers, model=model, progress=False, engine=engine)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    c0 = os.times()
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        manifest = run_extract([corpus], out, cfg)
        secs = time.perf_counter() - t0
    c1 = os.times()
    # CPU seconds of this process and its reaped children (the pool's workers): independent of how
    # busy the machine is, unlike the wall time
    cpu = sum(c1[k] - c0[k] for k in range(4))
    words = _output_words(out)
    n = manifest["articles"]
    import resource

    # the driver's own peak (pass 2 runs here); meaningful in a fresh process (``--sizes`` runs each size in one)
    driver_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"articles": n, "skipped": len(manifest["skipped"]), "words": words, "seconds": secs,
            "articles_per_s": n / secs if secs else 0.0, "words_per_s": words / secs if secs else 0.0,
            "cpu_s": cpu, "articles_per_cpu_s": n / cpu if cpu else 0.0,
            "idle_projection_articles_per_s": min(workers, os.cpu_count() or 1) * n / cpu if cpu else 0.0,
            "peak_mb": mem.peak_mb, "peak_pss_mb": mem.peak_pss_mb, "driver_peak_mb": driver_mb,
            "memory_method": mem.method, "timings": manifest["timings"],
            "row_counts": manifest["row_counts"], "model": manifest.get("model"), "loadavg_before": load_before}


@contextmanager
def _timed_functions(acc: dict[str, float], active: list[bool]):
    """Time offices/places/dates calls made by the entity rules (while active[0] is true)."""
    from . import dates as dates_mod
    from . import offices as offices_mod
    from . import places

    orig = (offices_mod.office_spans, places.find_places, dates_mod.find_dates)

    def wrap(name, fn, materialize=False):
        def inner(*a, **k):
            if not active[0]:
                return fn(*a, **k)
            t = time.perf_counter()
            res = list(fn(*a, **k)) if materialize else fn(*a, **k)
            acc[name] = acc.get(name, 0.0) + time.perf_counter() - t
            return res
        return inner

    offices_mod.office_spans = wrap("rules: offices (+ office holders)", orig[0], materialize=True)
    places.find_places = wrap("rules: places (gazetteer)", orig[1])
    dates_mod.find_dates = wrap("rules: dates", orig[2])
    try:
        yield
    finally:
        offices_mod.office_spans, places.find_places, dates_mod.find_dates = orig


def stage_costs(corpus: Path, model: str | None, sample: int = STAGE_SAMPLE) -> dict[str, Any]:
    """Seconds per stage over ``sample`` articles in this process (components timed one by one;
    the NER over chunks of ``ExtractConfig.chunk_size`` articles, as the workers run it)."""
    from .events import extract_events
    from .extract import ExtractConfig, analyse_article, batched_docs
    from .nlp import load_nlp, make_doc
    from .quotes import extract_quotes

    t0 = time.perf_counter()
    arts = list(_articles(corpus, sample))
    ingest_s = time.perf_counter() - t0
    nlp = load_nlp(model=model)
    if arts:  # warm up: lazy lexicons, gazetteer, caches built on first use are not counted
        analyse_article(arts[0], nlp)
    acc: dict[str, float] = {"ingest + clean": ingest_s}
    active = [False]

    def add(name: str, t: float) -> float:
        now = time.perf_counter()
        acc[name] = acc.get(name, 0.0) + now - t
        return now

    labels = {"indo_sentencizer": "sentencizer", "ner": "NER model"}
    chunk = ExtractConfig().chunk_size  # the NER runs over a worker's chunk at once, as in extraction
    with _timed_functions(acc, active):
        for k in range(0, len(arts), chunk):
            batch = arts[k:k + chunk]
            docs = []
            for a in batch:
                t = time.perf_counter()
                docs.append(make_doc(nlp, a.text, a.published))
                add("tokenizer", t)
            for name, proc in nlp.pipeline:
                if name == "indo_entities":
                    active[0] = True
                    t = time.perf_counter()
                    docs = [proc(d) for d in docs]
                    active[0] = False
                    add("_entities_total", t)
                else:
                    t = time.perf_counter()
                    docs = list(proc.pipe(docs, batch_size=len(docs))) if name == "ner" else [proc(d) for d in docs]
                    add(labels.get(name, name), t)
            for a, doc in zip(batch, docs):
                t = time.perf_counter()
                qs = list(extract_quotes(doc, a.article_id))
                t = add("quotes", t)
                list(extract_events(doc, a.article_id, a.published, [q for q in qs if q.kind == "direct"]))
                add("events", t)
    parts = sum(acc.get(k, 0.0) for k in ("rules: offices (+ office holders)", "rules: places (gazetteer)", "rules: dates"))
    acc["rules: persons, merge, linking"] = max(0.0, acc.pop("_entities_total", 0.0) - parts)
    t = time.perf_counter()
    for k in range(0, len(arts), chunk):
        batch = arts[k:k + chunk]
        for a, doc in zip(batch, batched_docs(batch, nlp)):
            analyse_article(a, nlp, doc)
    whole = time.perf_counter() - t
    words = sum(_words(a.text) for a in arts)
    order = ["ingest + clean", "tokenizer", "sentencizer", "NER model", "rules: offices (+ office holders)",
             "rules: persons, merge, linking", "rules: places (gazetteer)", "rules: dates", "quotes", "events"]
    rows = [{"stage": k, "seconds": acc[k]} for k in order if k in acc]
    rows += [{"stage": k, "seconds": v} for k, v in acc.items() if k not in order]
    return {"articles": len(arts), "words": words, "rows": rows, "analyse_article_s": whole,
            "pipes": list(nlp.pipe_names)}


def run(n: int = 10_000, workers: int = 2, no_model: bool = False, model: str | None = "default", seed: int = 1,
        bench_dir: str | Path = BENCH_DIR, stages: bool = True, tok_limit: int = 5000,
        engine: str = "local") -> dict[str, Any]:
    """Generate (or reuse) an ``n``-article corpus and measure it; returns all figures."""
    bench_dir = Path(bench_dir)
    model = None if no_model else model
    t = time.perf_counter()
    corpus = _corpus_elsewhere(n, seed, bench_dir)
    gen_s = time.perf_counter() - t
    e2e = end_to_end(corpus, bench_dir / f"out-n{n}", workers, model, engine)  # first: memory of a clean process
    from .nlp import MODEL_DIR, model_available

    ner = bool(model) and model_available(MODEL_DIR if model == "default" else Path(model))
    tok = bare_tokenisation(corpus, min(n, tok_limit))
    res: dict[str, Any] = {
        "n": n, "workers": workers, "model": model, "ner_model_used": ner, "engine": engine, "corpus": str(corpus), "corpus_s": gen_s,
        "cpu_count": os.cpu_count(), "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "tokenisation": tok, "pipeline": e2e,
        "articles_per_s": e2e["articles_per_s"], "words_per_s": e2e["words_per_s"], "peak_mb": e2e["peak_mb"],
        "ratio": e2e["words_per_s"] / tok["words_per_s"] if tok["words_per_s"] else 0.0,
    }
    if stages:
        res["stages"] = stage_costs(corpus, model, min(n, STAGE_SAMPLE))
    return res


# --------------------------------------------------------------------------- pass 2 alone, at any size


def _letter_map(r: int) -> dict[int, str]:
    """A permutation of the letters (the same for both cases) for replica ``r``; identity for 0."""
    import string

    low = list(string.ascii_lowercase)
    if r:
        random.Random(1_000_003 * r + 7).shuffle(low)
    up = [c.upper() for c in low]
    return str.maketrans(string.ascii_lowercase + string.ascii_uppercase, "".join(low) + "".join(up))


def _replica(metas: list, rows: list, r: int) -> tuple[list, list, list[str]]:
    """Replica ``r`` of the articles of one part file: new ids, sources and hashes, and every
    text-derived string (texts, titles, names, offices, places, quotes...) with its letters
    permuted. Lengths and offsets are kept, so the rows stay valid (``text[start:end]`` holds),
    names that were alike stay alike, and near-copies stay near-copies within the replica; the
    MinHash values go through a bijection, so the near-duplicate structure of the source run is
    repeated exactly inside each replica and nothing matches across replicas."""
    import hashlib

    import numpy as np

    from .dedupe import _default_config
    from .extract import _COL

    num_perm = _default_config().minhash_num_perm
    tr = _letter_map(r)
    t = (lambda x: x.translate(tr) if isinstance(x, str) else x)
    ts = (lambda xs: tuple(x.translate(tr) for x in xs) if xs is not None else xs)
    tl = (lambda xs: [x.translate(tr) for x in xs] if xs is not None else xs)
    a_mul, a_add = np.uint32(2 * (7919 * r + 1) + 1), np.uint32((104_729 * r) % 2**32)
    new_metas, new_rows, keys = [], [], []
    for (aid, source, chash, published, persons, events, (digest, n_sh, hv)), row in zip(metas, rows):
        aid2 = "art_" + hashlib.sha1(f"{aid}#r{r}".encode()).hexdigest()[:16]
        source2, chash2 = f"{source}#r{r}", hashlib.sha1(f"{chash}#r{r}".encode()).hexdigest()
        keys.append(hashlib.sha1(f"{source2}\x00{chash2}".encode()).hexdigest())
        if hv is not None:
            v = np.frombuffer(hv, dtype=f"<u{len(hv) // num_perm}")
            hv = (v * a_mul.astype(v.dtype) + a_add.astype(v.dtype)).astype(v.dtype).tobytes()
        persons2 = tuple((t(k), t(nm), ts(var), ts(off), ts(org), nmen, ts(co)) for k, nm, var, off, org, nmen, co in persons)
        events2 = tuple((st, kind, d, t(pl), ts(pk), ts(pt)) for st, kind, d, pl, pk, pt in events)
        new_metas.append((aid2, source2, chash2, published, persons2, events2,
                          (hashlib.sha1(digest + f"#r{r}".encode()).digest(), n_sh, hv)))
        art, mentions, roles, quotes, evs = row

        def fix(table: str, x: tuple, cols: tuple[str, ...], extra=None) -> tuple:
            y = list(x)
            for c in cols:
                y[_COL[table][c]] = t(y[_COL[table][c]])
            y[_COL[table]["article_id"]] = aid2
            if extra is not None:
                y[-1] = extra(y[-1])
            return tuple(y)

        a = fix("articles", art, ("title", "text", "dateline"))
        a = a[:_COL["articles"]["source"]] + (source2,) + a[_COL["articles"]["source"] + 1:]
        a = a[:_COL["articles"]["content_hash"]] + (chash2,) + a[_COL["articles"]["content_hash"] + 1:]
        m2 = [fix("mentions", m, ("text", "normalized"), t) for m in mentions]
        r2 = [fix("roles", x, ("title", "organization", "jurisdiction", "office", "text"), t) for x in roles]
        q2 = [fix("quotes", q, ("speaker", "speaker_office", "text"), t) for q in quotes]
        e2 = []
        for e in evs:
            y = list(fix("events", e, ("name", "date_text", "place"), ts))
            y[_COL["events"]["participants"]] = tl(y[_COL["events"]["participants"]])
            e2.append(tuple(y))
        new_rows.append((a, m2, r2, q2, e2))
    return new_metas, new_rows, keys


def synthetic_work_dir(source: Path, dest: Path, n: int, published_from: dict[str, int] | None = None) -> list[str]:
    """Fill ``dest/_work`` with the part files of ``n`` articles made from the pass-1 part files
    of the finished run in ``source`` (replica 0 is the source itself, then replicas 1, 2, ...:
    see :func:`_replica`); returns the article keys in input order and counts the articles'
    ``published_from`` into ``published_from``."""
    from .extract import _COL
    import pickle

    from .extract import WorkDir

    src = WorkDir(source, json.loads((Path(source) / "_work" / "fingerprint.json").read_text()), resume=True)
    parts = sorted(set(src.index.values()))
    if not parts:
        raise ValueError(f"{source}: no pass-1 part files to replicate")
    if dest.exists():
        shutil.rmtree(dest)
    work = WorkDir(dest, json.loads((Path(source) / "_work" / "fingerprint.json").read_text()), resume=True)
    order: list[str] = []
    r = 0
    while len(order) < n:
        for part in parts:
            if len(order) >= n:
                break
            _, metas = WorkDir.read(part, "meta")
            _, rows = WorkDir.read(part, "rows")
            take = min(len(metas), n - len(order))
            metas2, rows2, keys = _replica(metas[:take], rows[:take], r)
            if published_from is not None:
                for row in rows2:
                    k = row[0][_COL["articles"]["published_from"]] or "none"
                    published_from[k] = published_from.get(k, 0) + 1
            work.save(keys, [pickle.dumps(metas2, protocol=pickle.HIGHEST_PROTOCOL)],
                      [pickle.dumps(rows2, protocol=pickle.HIGHEST_PROTOCOL)])
            order.extend(keys)
        r += 1
    return order


def pass2_only(n: int, source_n: int = 2000, workers: int = 2, model: str | None = "default", seed: int = 1,
               bench_dir: Path = BENCH_DIR, load_pipeline: bool | None = None) -> dict[str, Any]:
    """Pass 2 alone (:func:`pipeline.extract._finalize`) on a synthetic pass-1 work dir of ``n``
    articles (:func:`synthetic_work_dir` of the run ``out-nSOURCE_N``, made first if missing or
    stale), in this process, as pass 2 runs in the main process of a real run. That process has
    the pipeline loaded only with ``workers`` 1 (otherwise pass 1 ran in a child process), so
    ``load_pipeline`` defaults to ``workers <= 1``."""
    import gc

    from .extract import ExtractConfig, WorkDir, _finalize, _fingerprint, _get_nlp

    bench_dir = Path(bench_dir)
    cfg = ExtractConfig(workers=workers, model=model, progress=False)
    source = bench_dir / f"out-n{source_n}"
    fp = source / "_work" / "fingerprint.json"
    if not (source / "_SUCCESS").exists() or not fp.exists() or json.loads(fp.read_text()) != _fingerprint(cfg):
        end_to_end(_corpus_elsewhere(source_n, seed, bench_dir), source, workers, model)
    dest = bench_dir / f"pass2-n{n}"
    t = time.perf_counter()
    published_from = {"metadata": 0, "dateline": 0, "first_date": 0, "none": 0}
    order = synthetic_work_dir(source, dest, n, published_from)
    build_s = time.perf_counter() - t
    if load_pipeline is None:
        load_pipeline = workers <= 1
    if load_pipeline:
        _get_nlp(model)
    gc.collect()
    import resource

    try:
        import psutil

        before_mb = psutil.Process().memory_info().rss / 2**20
    except ImportError:
        before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    work = WorkDir(dest, json.loads(fp.read_text()), resume=True)
    timings: dict[str, float] = {}
    c0 = os.times()
    with PeakMemory() as mem:
        t = time.perf_counter()
        manifest = _finalize(dest, order, work, cfg, [], len(order), published_from, timings)
        secs = time.perf_counter() - t
    c1 = os.times()
    shutil.rmtree(dest / "_work", ignore_errors=True)
    return {"mode": "pass2-only", "n": n, "source_n": source_n, "articles": manifest["articles"], "build_s": build_s,
            "seconds": secs, "cpu_s": sum(c1[k] - c0[k] for k in range(4)), "rss_before_mb": before_mb,
            "peak_mb": mem.peak_mb, "peak_pss_mb": mem.peak_pss_mb,
            "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
            "pipeline_loaded": load_pipeline, "timings": manifest["timings"], "row_counts": manifest["row_counts"],
            "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None}


def print_pass2(rows: list[dict[str, Any]], file=sys.stdout) -> None:
    w = lambda *a: print(*a, file=file)
    if not rows:
        return
    w(f"PASS 2 ONLY (not end to end): synthetic pass-1 work dirs replicating the {rows[0]['source_n']}-article run "
      f"out-n{rows[0]['source_n']} with fresh ids and letter-permuted texts and names;")
    w("pass 2 of a real run runs in the main process after pass 1's processes have exited; "
      + ("the pipeline is loaded first, as it is there with --workers 1." if rows[0]["pipeline_loaded"]
         else "as there with --workers > 1, the pipeline is not loaded in it."))
    w(f"{'articles':>9} {'actors':>7} {'RSS before MB':>13} {'peak MB':>8} {'peak PSS MB':>11} {'pass 2 s':>9} "
      f"{'CPU s':>7} {'read s':>7} {'dup-art s':>9} {'actors s':>8} {'events s':>8} {'write s':>8}  load")
    for r in rows:
        t = r["timings"]
        pss = f"{r['peak_pss_mb']:11.0f}" if r.get("peak_pss_mb") else f"{'n/a':>11}"
        w(f"{r['articles']:>9} {r['row_counts']['actors']:>7} {r['rss_before_mb']:13.0f} {r['peak_mb']:8.0f} {pss} "
          f"{r['seconds']:9.1f} {r['cpu_s']:7.1f} {t.get('pass2_read', 0):7.1f} {t.get('dedupe_articles', 0):9.1f} "
          f"{t.get('dedupe_actors', 0):8.1f} {t.get('event_clusters', 0):8.1f} {t.get('write', 0):8.1f}  "
          f"{', '.join(f'{x:.1f}' for x in r['loadavg'] or [])}")


# --------------------------------------------------------------------------- report


def print_report(r: dict[str, Any], file=sys.stdout) -> None:
    p, tok = r["pipeline"], r["tokenisation"]
    w = lambda *a: print(*a, file=file)
    w(f"corpus: {r['n']} generated articles ({r['corpus']}, {r['corpus_s']:.1f} s to make or find)")
    before = p.get("loadavg_before")
    w(f"machine: {r['cpu_count']} cores, load average {', '.join(f'{x:.1f}' for x in r['loadavg'] or [])}"
      + (f" (before the run: {', '.join(f'{x:.1f}' for x in before)})" if before else ""))
    used = f"yes ({p['model'] or r['model']})" if r.get("ner_model_used") else "no (rules only)"
    w(f"statistical NER model: {used}; engine {r['engine']}, workers {r['workers']}")
    w("")
    w(f"{'':34} {'articles/s':>11} {'words/s':>10} {'peak MB':>8}")
    w(f"{'bare spacy.blank(id) tokeniser':34} {tok['articles_per_s']:11.1f} {tok['words_per_s']:10.0f} {'':>8}  (1 process, {tok['articles']} articles)")
    w(f"{'whole pipeline, end to end':34} {p['articles_per_s']:11.1f} {p['words_per_s']:10.0f} {p['peak_mb']:8.0f}  "
      f"({r['workers']} workers, {p['articles']} articles, {p['words']} words, {p['seconds']:.1f} s)")
    w(f"ratio pipeline / bare tokenisation (words/s): {r['ratio']:.4f}  (1/{1 / r['ratio']:.0f})" if r["ratio"] else "ratio: n/a")
    if p.get("cpu_s"):
        w(f"CPU time of the run: {p['cpu_s']:.1f} s ({p['articles_per_cpu_s']:.1f} articles per CPU-second); "
          f"on {min(r['workers'], r['cpu_count'] or 1)} otherwise idle cores that projects to about "
          f"{p['idle_projection_articles_per_s']:.0f} articles/s (upper bound: pass 2 is serial)")
    pss = f"; summed PSS (shared pages counted once): {p['peak_pss_mb']:.0f} MB" if p.get("peak_pss_mb") else ""
    w(f"peak memory: {p['memory_method']}{pss}; the driver process alone (pass 2 runs there): {p['driver_peak_mb']:.0f} MB")
    w("stage timings of the run (manifest, s): " + ", ".join(f"{k} {v}" for k, v in p["timings"].items()))
    w("rows: " + ", ".join(f"{k} {v}" for k, v in p["row_counts"].items()))
    st = r.get("stages")
    if st:
        total = sum(x["seconds"] for x in st["rows"])
        n = max(1, st["articles"])
        w("")
        w(f"stage costs, one process, {st['articles']} articles ({st['words']} words); pipes {st['pipes']}")
        w(f"{'stage':36} {'ms/article':>10} {'share':>7} {'words/s':>10}")
        for x in st["rows"]:
            s = x["seconds"]
            w(f"{x['stage']:36} {1000 * s / n:10.2f} {100 * s / total if total else 0:6.1f}% "
              f"{st['words'] / s if s else float('inf'):10.0f}")
        w(f"{'sum of stages':36} {1000 * total / n:10.2f} {100.0:6.1f}% {st['words'] / total if total else 0:10.0f}")
        w(f"{'(check: analyse_article, no ingest)':36} {1000 * st['analyse_article_s'] / n:10.2f}")


def _run_child(n: int, args: argparse.Namespace) -> dict[str, Any]:
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    cmd = [sys.executable, "-m", "pipeline.bench", "--n", str(n), "--workers", str(args.workers), "--seed", str(args.seed),
           "--dir", str(args.dir), "--no-stages", "--json", path, "--engine", args.engine]
    if args.pass2_only:
        cmd += ["--pass2-only", "--source-n", str(args.source_n)]
    if args.no_model:
        cmd.append("--no-model")
    elif args.model:
        cmd += ["--model", args.model]
    try:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        res = json.loads(Path(path).read_text())
        return res[0] if isinstance(res, list) else res
    finally:
        os.unlink(path)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="generated articles (default 10000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-model", action="store_true", help="rules only, without the statistical NER")
    ap.add_argument("--model", default="default", help="NER model folder (default: models/ner when present)")
    ap.add_argument("--sizes", default=None, help="comma-separated sizes, each in a fresh process: peak memory per size")
    ap.add_argument("--dedupe", nargs="?", const="10000,100000", default=None, metavar="SIZES",
                    help="also run pipeline.dedupe_bench for these record counts (default 10000,100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default=str(BENCH_DIR), help="where corpora and outputs go (default data/bench)")
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage cost table")
    ap.add_argument("--json", default=None, help="also write the figures as JSON to this file")
    ap.add_argument("--pass2-only", action="store_true",
                    help="measure pass 2 alone on a synthetic pass-1 work dir of --n (or each of --sizes) articles, "
                         "replicated from the real run of --source-n articles")
    ap.add_argument("--source-n", type=int, default=2000, help="size of the real run --pass2-only replicates (default 2000)")
    args = ap.parse_args(argv)
    model = None if args.no_model else args.model
    if args.pass2_only:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()] if args.sizes else [args.n]
        if len(sizes) == 1 and not args.sizes:
            rows = [pass2_only(sizes[0], args.source_n, args.workers, model, args.seed, Path(args.dir))]
        else:
            rows = []
            for s in sizes:
                print(f"pass 2 only, size {s}: running ...", file=sys.stderr, flush=True)
                rows.append(_run_child(s, args))
        print_pass2(rows)
        if args.json:
            Path(args.json).write_text(json.dumps(rows if len(rows) > 1 or args.sizes else rows[0], default=str, indent=1))
        return 0
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        rows = []
        for s in sizes:
            print(f"size {s}: running ...", file=sys.stderr, flush=True)
            rows.append(_run_child(s, args))
        print(f"{'articles':>9} {'articles/s':>11} {'words/s':>9} {'art/CPU-s':>9} {'peak MB':>8} {'PSS MB':>7} {'driver MB':>9} "
              f"{'pass1 s':>8} {'actors s':>9} {'dup-art s':>9} {'write s':>8} {'total s':>8}  load")
        for r in rows:
            p, t = r["pipeline"], r["pipeline"]["timings"]
            pss = f"{p['peak_pss_mb']:7.0f}" if p.get("peak_pss_mb") else f"{'n/a':>7}"
            print(f"{p['articles']:>9} {p['articles_per_s']:11.1f} {p['words_per_s']:9.0f} {p.get('articles_per_cpu_s', 0):9.1f} "
                  f"{p['peak_mb']:8.0f} {pss} {p['driver_peak_mb']:9.0f} "
                  f"{t.get('pass1_total', 0):8.1f} {t.get('dedupe_actors', 0):9.1f} {t.get('dedupe_articles', 0):9.1f} "
                  f"{t.get('write', 0):8.1f} {t.get('total', 0):8.1f}  {', '.join(f'{x:.1f}' for x in r.get('loadavg') or [])}")
        result: Any = rows
    else:
        result = run(args.n, args.workers, no_model=args.no_model, model=args.model, seed=args.seed, bench_dir=args.dir,
                     stages=not args.no_stages, engine=args.engine)
        print_report(result)
    if args.dedupe:
        from .dedupe_bench import _print, run_bench

        print("\ndedupe benchmark (pipeline.dedupe_bench):")
        _print(run_bench([int(s) for s in args.dedupe.split(",") if s.strip()]))
    if args.json:
        Path(args.json).write_text(json.dumps(result, default=str, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
