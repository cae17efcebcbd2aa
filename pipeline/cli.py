"""Command line: a thin layer over plain functions that the tests call too.

    pipeline extract INPUT [INPUT ...] --out DIR [--workers N] [--resume] [--strict] ...
    pipeline quotes DIR [--speaker NAME] [--article ID] [--format table|csv|json]
    pipeline report DIR --out report.html
    pipeline actors DIR [--explain NAME]
    pipeline validate DIR
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from .errors import Errors


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pipeline", description="Indonesian news -> who did what, where, when, and who said what.")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract articles into parquet tables (SCHEMA.md)")
    e.add_argument("inputs", nargs="+", help="files or folders (.txt, .jsonl, .jsonl.gz, .html)")
    e.add_argument("--out", required=True, help="output folder")
    e.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    e.add_argument("--batch-size", type=int, default=256, help="articles per batch and per part file")
    e.add_argument("--resume", action="store_true", help="continue an interrupted run; processed articles are skipped")
    e.add_argument("--strict", action="store_true", help="exit non-zero if any input was skipped")
    e.add_argument("--max-chars", type=int, default=500_000, help="longest article accepted (characters)")
    e.add_argument("--on-too-long", choices=("skip", "truncate"), default="skip")
    e.add_argument("--time-limit", type=float, default=60.0, help="seconds allowed per article (0: none)")
    e.add_argument("--no-model", action="store_true", help="rules only, without the statistical NER")
    e.add_argument("--engine", choices=("local", "dask"), default="local")
    e.add_argument("--scheduler", default=None, help="dask scheduler address (with --engine dask)")
    e.add_argument("--quiet", action="store_true", help="no progress output")
    e.add_argument("--backend", choices=("spacy", "stanza"), default="spacy",
                   help="tokens, POS and lemmas from spaCy (default) or from stanza's Indonesian models on disk")

    q = sub.add_parser("quotes", help="who said what, with the source sentence")
    q.add_argument("dir")
    q.add_argument("--speaker")
    q.add_argument("--article")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--limit", type=int, default=None)

    r = sub.add_parser("report", help="self-contained HTML page of actors and their quotes")
    r.add_argument("dir")
    r.add_argument("--out", required=True)

    a = sub.add_parser("actors", help="list actors, or explain how a name's variants were merged")
    a.add_argument("dir")
    a.add_argument("--explain", metavar="NAME")
    a.add_argument("--limit", type=int, default=50)

    v = sub.add_parser("validate", help="check an output folder against SCHEMA.md")
    v.add_argument("dir")
    return p


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import ExtractConfig, run_extract
    from .ingest import IngestConfig

    for inp in args.inputs:
        if not Path(inp).exists():
            print(Errors.E902.format(path=inp), file=sys.stderr)
    if args.backend == "stanza":
        from .stanza_backend import load_stanza

        try:
            load_stanza()  # fail in one line before any work when the models are not on disk
        except RuntimeError as e:
            print(str(e), file=sys.stderr)
            return 2
    os.environ["PIPELINE_BACKEND"] = args.backend  # inherited by the worker processes
    cfg = ExtractConfig(workers=max(1, args.workers), batch_size=args.batch_size, resume=args.resume, strict=args.strict,
                        time_limit=args.time_limit, model=None if args.no_model else "default", engine=args.engine,
                        scheduler=args.scheduler, progress=not args.quiet,
                        ingest=IngestConfig(max_chars=args.max_chars, on_too_long=args.on_too_long))
    try:
        manifest = run_extract(args.inputs, args.out, cfg)
    except RuntimeError as e:
        print(str(e), file=sys.stderr)
        return 2
    n, k = manifest["articles"], len(manifest["skipped"])
    counts = ", ".join(f"{t}={c}" for t, c in manifest["row_counts"].items())
    print(f"wrote {args.out}: {counts}; skipped {k} input(s)", file=sys.stderr)
    if n == 0:
        print(Errors.E901.format(n_skipped=k), file=sys.stderr)
        return 1
    if args.strict and k:
        return 1
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from .query import format_quotes, iter_quotes

    rows = iter_quotes(args.dir, speaker=args.speaker, article=args.article, limit=args.limit)
    format_quotes(rows, args.format, sys.stdout)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    path = write_report(args.dir, args.out)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from .actors_cli import explain_actor, list_actors

    if args.explain:
        return explain_actor(args.dir, args.explain, sys.stdout)
    return list_actors(args.dir, sys.stdout, limit=args.limit)


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import main as validate_main

    return validate_main([args.dir])


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"extract": cmd_extract, "quotes": cmd_quotes, "report": cmd_report, "actors": cmd_actors,
               "validate": cmd_validate}[args.command]
    try:
        return handler(args)
    except (FileNotFoundError, ValueError) as e:
        print(str(e), file=sys.stderr)
        return 2
    except BrokenPipeError:  # `pipeline quotes ... | head`
        return 0


def run() -> None:
    sys.exit(main())
