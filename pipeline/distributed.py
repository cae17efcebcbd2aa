"""Pass 1 of :func:`pipeline.extract.run_extract` on a Dask cluster (``engine="dask"``).

Each work batch (a list of :class:`~pipeline.ingest.Article`) becomes one Dask task. The task
runs on a worker process that loads the spaCy pipeline once (a module-level cache, as the local
process pool does) and returns one result per article: the rows of the article, or a
:class:`~pipeline.ingest.Skipped` record when it failed or ran past ``time_limit``. The driver
keeps at most ``2 x (worker threads)`` batches in flight, so neither the driver nor the
scheduler holds more than a few batches however long the input is, and hands the results to
``handle`` in input order; ``handle`` saves each batch under ``OUT/_work/`` (so ``--resume``
works as with the local engine). A task returns its batch packed as the local engine's workers
pack a chunk (:func:`pipeline.extract.pack_results`: rows and pass-2 data already serialised,
MinHash sketches computed on the worker), so the driver only writes bytes. Pass 2 (dedupe,
writing the tables) runs on the driver.

``dask[distributed]`` is an optional extra (``pip install '.[dask]'``); it is imported only
here, and a missing install fails with one line (E903).

Workers must be able to import this package and, for ``model="default"``, find ``models/ner``
next to it (a shared file system or the same install on every node). A worker whose pipeline
differs from the driver's (model present on one and not on the other) stops the run, rather
than writing a dataset that mixes model and rules-only rows.
"""

from __future__ import annotations

import ctypes
import threading
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import Errors
from .ingest import Article, Skipped

NO_SCHEDULER = "cannot connect to the dask scheduler at {address} ({reason}); check --scheduler (tcp://host:8786)"
MODEL_MISMATCH = ("dask worker {worker}: its pipeline {has} the statistical NER model but the driver's {expects}; "
                  "install the same package and models/ on every worker (or pass --no-model)")

# --------------------------------------------------------------------------- worker side

_LOCK = threading.Lock()  # several worker threads load the pipeline only once
_NLP: dict = {}  # model -> pipeline, in the worker process; a long-lived worker may serve runs of another model


def _worker_nlp(model: str | None):
    with _LOCK:
        if model not in _NLP:
            from .nlp import load_nlp

            _NLP.clear()  # one pipeline in memory at a time
            _NLP[model] = load_nlp(model=model)
        return _NLP[model]


def _async_raise(tid: int, exc: type[BaseException] | None) -> None:
    # exc=None passes NULL, which clears a pending asynchronous exception
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(exc) if exc is not None else None)


def _analyse_limited(art: Article, nlp, limit: float, doc: Any = None) -> dict[str, Any] | Skipped:
    """:func:`extract.analyse_article` with the per-article time limit of the local engine.

    Dask runs tasks in worker threads, where SIGALRM cannot be used; a timer thread raises the
    timeout in the task's thread instead. Like SIGALRM, it takes effect at the next Python
    bytecode (a long call into C code finishes first)."""
    from .extract import _Timeout, analyse_article

    try:
        if not limit or limit <= 0:
            return analyse_article(art, nlp, doc)
        tid = threading.get_ident()
        lock = threading.Lock()
        state = {"done": False, "fired": False}

        def fire() -> None:
            with lock:
                if not state["done"]:
                    state["fired"] = True
                    _async_raise(tid, _Timeout)

        timer = threading.Timer(limit, fire)
        timer.daemon = True
        timer.start()
        try:
            return analyse_article(art, nlp, doc)
        finally:
            with lock:
                state["done"] = True
                if state["fired"]:
                    _async_raise(tid, None)  # clear a timeout that arrived just after the article finished
            timer.cancel()
    except _Timeout:
        return Skipped(art.source, "E011", Errors.E011.format(path=art.source, limit=limit))
    except Exception as e:  # one article's failure never costs the run
        return Skipped(art.source, "E012", Errors.E012.format(path=art.source, reason=f"{type(e).__name__}: {e}"))


def _work_batch(batch: list[Article], model: str | None, limit: float) -> tuple[tuple, dict]:
    """The task: the packed results of one batch (:data:`pipeline.extract.ChunkResult`: the
    serialised rows and pass-2 data of the analysed articles, the Skipped records of the others),
    and what the worker's pipeline is."""
    import socket

    from .extract import batched_docs, pack_results

    nlp = _worker_nlp(model)
    outs = [_analyse_limited(a, nlp, limit, d) for a, d in zip(batch, batched_docs(batch, nlp))]
    return pack_results(batch, outs), {"has_ner": "ner" in nlp.pipe_names, "host": socket.gethostname()}


# --------------------------------------------------------------------------- driver side


def _import_distributed():
    try:
        import distributed  # noqa: F401
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise RuntimeError(Errors.E903.format(reason=f"{type(e).__name__}: {e}")) from None
    return Client, LocalCluster


def _expects_ner(model: str | None) -> bool:
    from .nlp import MODEL_DIR, model_available

    if model is None:
        return False
    return model_available(MODEL_DIR if model == "default" else Path(model))


def _n_slots(client, fallback: int) -> int:
    try:
        n = sum(client.nthreads().values())
    except Exception:  # pragma: no cover - scheduler briefly unreachable
        n = 0
    return max(1, n or fallback)


def run_dask(batches: Iterable[list[Article]], config, handle: Callable[[list[Article], list], None],
             client=None, max_in_flight: int | None = None) -> None:
    """Analyse ``batches`` on Dask workers; call ``handle(batch, [packed])`` in input order
    (``packed``: the :data:`pipeline.extract.ChunkResult` of the whole batch).

    ``config`` is an :class:`~pipeline.extract.ExtractConfig`: ``scheduler`` is the address of a
    running scheduler (``tcp://host:8786``); ``None`` starts a LocalCluster of ``workers``
    processes with one thread each, closed at the end. ``client`` (an open
    ``dask.distributed.Client``) takes precedence over both. ``max_in_flight`` defaults to twice
    the number of worker threads, re-read as workers join or leave (adaptive clusters)."""
    Client, LocalCluster = _import_distributed()
    cluster = None
    own_client = client is None
    if client is None:
        if config.scheduler:
            try:
                client = Client(config.scheduler)
            except (OSError, TimeoutError, ValueError) as e:
                raise RuntimeError(NO_SCHEDULER.format(address=config.scheduler,
                                                       reason=f"{type(e).__name__}: {e}".strip())) from None
        else:
            cluster = LocalCluster(n_workers=max(1, config.workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    expects = _expects_ner(config.model)
    pending: deque = deque()

    def finish_one() -> None:
        batch, fut = pending.popleft()
        outs, info = fut.result()
        fut.release()
        if info["has_ner"] != expects:
            raise RuntimeError(MODEL_MISMATCH.format(
                worker=info["host"], has="has" if info["has_ner"] else "lacks",
                expects="does" if expects else "does not"))
        handle(batch, [outs])

    try:
        it: Iterator[list[Article]] = iter(batches)
        for batch in it:
            pending.append((batch, client.submit(_work_batch, batch, config.model, config.time_limit, pure=False)))
            limit = max_in_flight or 2 * _n_slots(client, config.workers)
            while len(pending) >= limit:
                finish_one()
        while pending:
            finish_one()
    finally:
        for _, fut in pending:
            fut.cancel()
        pending.clear()
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
