"""``pipeline actors DIR [--explain NAME]``: the actors table, and why variants were merged.

The explanation re-runs the deduplication on the person records rebuilt from the output
(PERSON mentions and roles of each article), the same records the extraction clustered, and
prints each scored pair with its scorers, context evidence and decision.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TextIO

from .dataset import read_table
from .dedupe import PersonRecord, explain, normalize_name
from .errors import Errors
from .extract import as_person_records, person_records


def _check(outdir: str | Path) -> Path:
    out = Path(outdir)
    if not (out / "manifest.json").exists():
        raise FileNotFoundError(Errors.E202.format(path=out))
    return out


def records_from_output(outdir: str | Path) -> list[PersonRecord]:
    out = _check(outdir)
    arts = read_table(out, "articles", ["article_id", "published"]).to_pylist()
    published = {a["article_id"]: a["published"] for a in arts}
    ments = [m for m in read_table(out, "mentions", ["article_id", "label", "text", "normalized", "actor_id"]).to_pylist()
             if m["label"] == "PERSON"]
    by_art: dict[str, list[dict]] = defaultdict(list)
    key_of: dict[tuple[str, str], str] = {}
    for m in ments:
        m["person_key"] = m["normalized"] or m["text"]
        by_art[m["article_id"]].append(m)
        if m["actor_id"]:
            key_of.setdefault((m["article_id"], m["actor_id"]), m["person_key"])
    roles_by_art: dict[str, list[dict]] = defaultdict(list)
    for r in read_table(out, "roles", ["article_id", "actor_id", "office", "organization"]).to_pylist():
        key = key_of.get((r["article_id"], r["actor_id"]))
        if key:
            roles_by_art[r["article_id"]].append({**r, "person_key": key})
    return list(as_person_records(
        p for aid, ms in by_art.items() for p in person_records(aid, ms, roles_by_art.get(aid, []), published.get(aid))))


def list_actors(outdir: str | Path, out: TextIO, limit: int = 50) -> int:
    t = read_table(_check(outdir), "actors").to_pandas().sort_values(["n_mentions", "name"], ascending=[False, True])
    for r in t.head(limit).itertuples():
        variants = ", ".join(v for v in r.variants if v != r.name)
        offices = "; ".join(r.offices)
        out.write(f"{r.actor_id}  {r.name}  ({r.n_articles} articles, {r.n_mentions} mentions)"
                  + (f"\n    variants: {variants}" if variants else "") + (f"\n    offices: {offices}" if offices else "") + "\n")
    return 0


def explain_actor(outdir: str | Path, name: str, out: TextIO) -> int:
    records = records_from_output(outdir)
    rows = explain(records, name)
    if not rows:
        key = normalize_name(name)
        if any(normalize_name(r.name) == key for r in records):
            out.write(f"{name!r} is one spelling only: nothing was merged into it and no near name was scored\n")
            return 0
        out.write(f"no actor matches {name!r}\n")
        return 1
    for r in rows:
        out.write(" ".join(f"{k}={v}" for k, v in r.items()) + "\n")
    return 0
