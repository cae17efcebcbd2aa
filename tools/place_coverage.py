"""How much of the Kemendagri region list the areaid-based PLACE gazetteer covers.

Usage::

    python tools/place_coverage.py [PATH/TO/wilayah.sql]

Reads a cahyadsn/wilayah ``wilayah.sql`` dump (default: $PIPELINE_WILAYAH_SQL, else
/work/shared/data/wilayah-kepmendagri-2025/wilayah.sql; see that folder's SOURCE.md), builds the
gazetteer from areaid + places.json *without* codes, then matches every Kemendagri row to a gazetteer
region by name under its (already matched) parent, exactly as :func:`pipeline.places.load_gazetteer`
does when it attaches codes. Prints per level how many Kemendagri names+codes are covered.

The dump is only read, never copied. Exits 0 with a message when it is absent.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.places import DEFAULT_WILAYAH_SQL, ENV_WILAYAH_SQL, build_gazetteer, parse_wilayah_sql  # noqa: E402

LABELS = {"provinsi": "provinces", "kabkota": "kabupaten/kota", "kecamatan": "kecamatan",
          "desa": "kelurahan/desa"}


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        path = Path(argv[1])
    else:
        path = Path(os.environ.get(ENV_WILAYAH_SQL) or DEFAULT_WILAYAH_SQL)
    if not path.is_file():
        print(f"place_coverage: {path} not found; nothing to compare (pass the path to a Kemendagri "
              f"wilayah.sql dump, or set {ENV_WILAYAH_SQL}).")
        return 0
    t0 = time.perf_counter()
    gaz = build_gazetteer(use_default_sql=False)
    rows = parse_wilayah_sql(path)
    stats = gaz.attach_kemendagri_codes(rows)
    n_regions = {lvl: sum(1 for r in gaz.regions if r.level in lvls) for lvl, lvls in
                 (("provinsi", {"provinsi"}), ("kabkota", {"kabupaten", "kota"}), ("kecamatan", {"kecamatan"}),
                  ("desa", {"kelurahan", "desa"}))}
    print(f"Kemendagri rows: {len(rows)} from {path}")
    print(f"{'level':<16}{'covered':>10}{'in dump':>10}{'percent':>9}{'gazetteer':>11}")
    total_hit = total = 0
    for level, label in LABELS.items():
        hit, n = stats.get(level, (0, 0))
        total_hit += hit
        total += n
        pct = 100.0 * hit / n if n else 0.0
        print(f"{label:<16}{hit:>10}{n:>10}{pct:>8.1f}%{n_regions[level]:>11}")
    print(f"{'all':<16}{total_hit:>10}{total:>10}{100.0 * total_hit / max(total, 1):>8.1f}%")
    print("covered = a Kemendagri row whose name matches (case, spaces, hyphens, parenthesised parts ignored) "
          "a gazetteer region under the matched parent; gazetteer = regions of that level from areaid "
          "(provinces from places.json).")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
