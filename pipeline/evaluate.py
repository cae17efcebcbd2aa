"""``make eval``: precision/recall/F1 per component against hand-made gold.

Gold sets (facts only: ids, names, office words, quote openings; never article text):

- ``tests/gold/raw_gold.json``: our own example articles in ``data/raw``;
- ``../shared/dev-gold/detik-dev40.json`` and ``indonews-dev40.json``: 80 development articles
  of the Detik and scraper corpora (text read from ``../shared/data``; not redistributable).

Each set is extracted with the shipped pipeline and scored by ``../shared/dev-gold/score.py``,
the same scorer that judges held-out articles, so the figures printed here are the judged ones.
A per-label, per-source table of the mentions follows. ``--ner`` adds the NER model's scores
on the corpora's dev splits (see ``training/train_ner.py``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = ROOT / ".eval"


def _extract(inputs: Path, out: Path, workers: int, no_model: bool) -> None:
    from .extract import ExtractConfig, run_extract

    run_extract([inputs], out, ExtractConfig(workers=workers, progress=False, model=None if no_model else "default"))


def _score(gold: Path, out: Path, scorer: Path) -> str:
    res = subprocess.run([sys.executable, str(scorer), str(gold), str(out)], capture_output=True, text=True)
    return res.stdout + res.stderr


def _by_source(out: Path) -> str:
    from .dataset import read_table

    m = read_table(out, "mentions", ["label", "source"]).to_pandas()
    if m.empty:
        return "  (no mentions)"
    t = m.groupby(["label", "source"]).size().unstack(fill_value=0)
    return "\n".join("  " + line for line in t.to_string().splitlines())


def _scorer_fold(scorer: Path):
    """``fold`` of the judge's ``score.py``, so our extra lines match names exactly as it does."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_gold_score", scorer)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.fold


def event_breakdown(gold_path: Path, out: Path, scorer: Path = SHARED / "dev-gold" / "score.py") -> str:
    """The main event, judged part by part (the scorer's main-event line needs all three at once):
    an event of the gold kind was found; one of that kind has the gold date (where the text gives
    one); one of that kind has a gold place (where gold names one). Also the events per article and
    the duplicate rate (two events of one article with the same kind, date and place, which should
    have merged). Kinds and places are matched as ``score.py`` matches them."""
    import json

    from .dataset import read_table

    _fold = _scorer_fold(scorer)
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))["articles"]
    arts = read_table(out, "articles", ["article_id", "source"]).to_pandas()
    ev = read_table(out, "events", ["article_id", "kind", "name", "date", "place"]).to_pandas()
    aid = {Path(str(s)).name.split(".")[0]: a for a, s in zip(arts.article_id, arts.source)}
    kind, date, place = [0, 0], [0, 0], [0, 0]
    for stem, g in gold.items():
        e = g.get("event")
        if not e or stem not in aid:
            continue
        rows = ev[ev.article_id == aid[stem]]
        same = [r for r in rows.itertuples() if any(_fold(k) in _fold(r.kind) or _fold(k) in _fold(r.name) for k in e["kind_any"])]
        kind[1] += 1
        kind[0] += bool(same)
        if e.get("date"):
            date[1] += 1
            date[0] += any(r.date is not None and str(r.date)[:10] == e["date"] for r in same)
        if e.get("place_any"):
            place[1] += 1
            place[0] += any(any(_fold(x) in _fold(r.place) for x in e["place_any"]) for r in same)
    keys = list(zip(ev.article_id, ev.kind, ev.date.astype(str), ev.place.map(_fold)))
    dup = len(keys) - len(set(keys))
    return (f"main event, part by part: kind found {kind[0]}/{kind[1]}, with the right date {date[0]}/{date[1]}, "
            f"with a right place {place[0]}/{place[1]}; events per article {len(ev) / max(1, len(arts)):.2f}; "
            f"duplicate events (same article, kind, date, place) {dup}/{len(ev)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-model", action="store_true", help="rules only")
    ap.add_argument("--ner", action="store_true", help="also score the NER model on the corpora's dev splits")
    ap.add_argument("--sets", default="raw,detik-dev40,indonews-dev40")
    ap.add_argument("--work", default=str(WORK), help="folder for inputs and outputs (default .eval)")
    args = ap.parse_args(argv)
    scorer = SHARED / "dev-gold" / "score.py"
    sets = args.sets.split(",")
    if not scorer.exists():
        print(f"skipping evaluation: {scorer} not found (the dev gold lives in ../shared beside the clone)")
        return 0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if any(s != "raw" for s in sets):
        subprocess.run([sys.executable, str(SHARED / "dev-gold" / "make_inputs.py"), str(work / "inputs")], check=True,
                       capture_output=True)
    for name in sets:
        if name == "raw":
            inputs, gold = ROOT / "data" / "raw", ROOT / "tests" / "gold" / "raw_gold.json"
        else:
            inputs, gold = work / "inputs" / name, SHARED / "dev-gold" / f"{name}.json"
        out = work / f"out-{name}"
        _extract(inputs, out, args.workers, args.no_model)
        print(f"== {name} ({gold.relative_to(gold.parents[2]) if name != 'raw' else gold.relative_to(ROOT)})")
        print(_score(gold, out, scorer).rstrip())
        print(event_breakdown(gold, out, scorer))
        print("  mentions by label and source:")
        print(_by_source(out))
        print()
    if args.ner:
        try:
            sys.path.insert(0, str(ROOT))
            from training.train_ner import main as ner_main  # type: ignore

            ner_main(["evaluate", "--with-rules"])
        except Exception as e:  # the NER corpora may be absent
            print(f"NER evaluation skipped: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
