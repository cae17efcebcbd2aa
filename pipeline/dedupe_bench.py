"""Synthetic benchmark for :mod:`pipeline.dedupe`.

Person clustering: synthetic Indonesian people (common first names such as Muhammad, Agus,
Siti, Budi; shared surnames; optional middle names, some of them near twins such as
Dwi/Dewi, Adi/Hadi, Ayu/Bayu), each holding one office (role + jurisdiction) for one term,
rendered into per-article records with known truth and realistic noise: honorifics, ranks and
degrees, Muhammad/Moh./Moch. spellings, old spelling (u->oe, j->dj, c->tj), doubled consonants,
one-character typos, reordered tokens, dropped middle names, initials ("M. Yusuf"), all caps,
and now and then an article that names the person by the surname only. Every person's name is
unique once normalised, but at 1M mentions (125,000 people drawn from about 100 first names
and 165 surnames) several people share each first name + surname, and hundreds share a surname.
``--surnames scaled`` adds made-up surnames above 100k records (at least three edits from every
other surname), as many people per surname at 1M as at 100k: the same generator without the
name space getting denser (:func:`surname_pool`).

The truth is kept knowable from the records, as it is in real news (rules, each one a fact
about the news, not a shortcut for the clusterer):

* **One holder per office at a time.** An office (role + jurisdiction) has at most
  ``HOLDERS_PER_OFFICE`` successive holders over the ~10 years simulated, in consecutive terms
  of ``TERM_DAYS`` days, and a person's mentions are dated within their term. The number of
  jurisdictions grows with the number of people (real ones first, then kecamatan-like names such
  as "Sukamaju", "Karangasih Utara"). Before this rule the 658 offices were each shared by
  ~190 people at 1M mentions, ~43 of them in office on the same day, which no news shows.
* **A shortened name that is ambiguous comes with the office.** A record whose fullest name is
  a shortened form (middle name dropped, or surname alone) that another person answers to while
  both are in office carries the office, as a journalist writes "Kapolres Bogor AKBP Arief
  Zulfikar" when the bare name could be someone else; otherwise (70 % office, like every other
  record) nobody, reader or program, could tell which of several "Arief ... Zulfikar" is meant.
  Full names, and short forms nobody else answers to at that date, keep the plain 70 %.

What stays hard: dropped middle names shared by several people (told apart by office and
date), surname-only mentions, near-twin middle names with different offices, reordered tokens,
typos and old spellings that make a name look like another one, common first names, and
records with no office at all (30 %).

Near-duplicate articles: articles generated from a shared topic word pool, plus exact copies,
syndicated copies (other dateline, appended furniture), light rewrites (sentence drops, word
substitutions) and unrelated same-topic articles.

``python -m pipeline.dedupe_bench [--sizes 10000,100000,1000000]`` prints a table (size,
pairwise precision/recall/F1, B-cubed F1, wall and CPU time of :func:`resolve_actor_index`, the form
pass 2 uses (record generation excluded; CPU includes the scoring worker processes), peak RSS of
the child process run per size (records included) plus the private memory of its largest forked
scoring worker, CPU microseconds per record, the same for a reference pass that only groups the
records by name (:func:`reference_group_by`), name nodes, candidate pairs, pairs scored on context
(names close enough), records of keys split by context and records of ambiguous short names placed
one by one (so growth in cost can be told from growth in work), and the 1-minute load average when the size started) and the near-duplicate figures. :func:`run_bench`
returns the rows.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from typing import Any, Sequence

FIRST = (
    "Muhammad Agus Siti Budi Ahmad Dedi Sri Nur Dewi Eko Joko Bambang Hendra Andi Rudi Wahyu Dian Iwan Asep "
    "Yusuf Hasan Fitri Ratna Rina Indah Bayu Fajar Rizky Taufik Irfan Fahmi Gilang Yoga Reza Dimas Arief Hadi "
    "Slamet Heru Teguh Sutrisno Suryadi Iin Uus Lilis Neneng Yayan Ujang Dadang Cecep Enjang Tatang Ade Aan "
    "Bima Citra Dodi Erwin Ferry Galih Hary Indra Jaka Kiki Lukman Mulyadi Nanang Oki Puji Rahmat Santi Tono "
    "Umar Vina Wawan Yanto Zainal Anisa Bella Cahya Desi Endang Farida Gita Hesti Ika Juwita Kartini Lestari "
    "Maya Nina Okta Putri Rani Sinta Tuti Utami Wulan Yeni Zahra Abdul Syamsul Saiful Khairul Firman Rahmawati"
).split()
MIDDLE = (
    "Nur Dwi Tri Eka Adi Budi Hadi Putra Putri Indra Sari Dewi Ayu Rahmat Fajar Surya Wira Bayu Candra Dharma "
    "Arif Hidayat Kurnia Maulana Ramadhan Setia Tirta Wijaya Yudha Zaki Agung Bagus Cahyo Dimas Eko Galih Hari "
    "Ilham Jati Krisna Lukman Mukti Nugraha Prasetya Rizal Satria Tegar Utama Wahyu"
).split()
LAST = (
    "Santoso Wijaya Hidayat Saputra Kusuma Pratama Setiawan Gunawan Susanto Nugroho Hakim Siregar Nasution "
    "Harahap Lubis Simanjuntak Sitompul Hasibuan Pane Tambunan Sinaga Situmorang Panjaitan Pardede Manurung "
    "Sutanto Suryadi Kuswanto Mutmainah Rahayu Aminah Aisyah Salim Basri Rasyid Hamid Hasyim Syahputra "
    "Firmansyah Kurniawan Permana Ramadhan Hermawan Sulistyo Wibowo Purnomo Prasetyo Hartono Suharto Sukarno "
    "Sudirman Suparman Sumarno Sujono Suyatno Wahyudi Yulianto Effendi Halim Tanjung Tanoto Lim Hartanto Utomo "
    "Rachman Fauzi Mahendra Anwar Iskandar Hasan Zulkarnain Sembiring Ginting Tarigan Purba Saragih Damanik "
    "Marpaung Napitupulu Simatupang Hutapea Silalahi Sihombing Pakpahan Matondang Rangkuti Daulay Ritonga "
    "Pohan Batubara Lubis Chaniago Piliang Tanjung Koto Sikumbang Jambak Malik Arifin Mansur Munir "
    "Nawawi Rohman Soleh Syukur Thalib Umar Wahid Zainuddin Abdullah Baharuddin Fadillah Habibie "
    "Idris Jamaluddin Kamaluddin Latif Mustofa Nurdin Qomar Ridwan Safari Tohir Usman Wardana Yasin Zubair "
    "Budiman Cahyadi Darmawan Erlangga Fadli Gozali Hanafi Irawan Jayadi Kartono Lesmana Marzuki Nainggolan "
    "Oktaviani Pratiwi Rosadi Sembada Tanuwijaya Ulum Veranda Widjaja Yahya Zulfikar Adiputra Baskoro Cokro "
    "Dirgantara Ekaputra Fathoni Gumilar Hadiwijaya Ismoyo Jatmiko Kusnadi Legowo Maharani Nirwana Pamungkas"
).split()
ROLES = ("Wali Kota", "Wakil Wali Kota", "Bupati", "Wakil Bupati", "Kapolres", "Ketua DPRD", "Kepala Dinas Kesehatan",
         "Camat", "Ketua KPU", "Ketua Bawaslu", "Kajari", "Dandim", "Kapolsek", "Sekretaris Daerah")
PLACES = (
    "Jakarta Barat Jakarta Timur Bogor Bandung Bekasi Depok Tangerang Serang Cirebon Tasikmalaya Garut Sukabumi "
    "Semarang Solo Magelang Kudus Pati Tegal Surabaya Malang Sidoarjo Gresik Kediri Jember Banyuwangi Medan Binjai "
    "Padang Pekanbaru Jambi Palembang Lampung Pontianak Balikpapan Samarinda Banjarmasin Makassar Manado Palu "
    "Kendari Ambon Jayapura Mataram Kupang Denpasar Gianyar Badung"
).replace("Jakarta Barat", "Jakarta_Barat").replace("Jakarta Timur", "Jakarta_Timur").split()
PLACES = tuple(p.replace("_", " ") for p in PLACES)
ORGS = ("KPU", "Bawaslu", "Polri", "TNI", "DPRD", "Pemkot", "Pemkab", "Golkar", "PDI-P", "Gerindra", "PKB", "NasDem", "PKS")
PREFIXES = ("Pak", "Bu", "H.", "Hj.", "Dr.", "Ir.", "Prof.", "Drs.", "AKBP", "Kompol", "Kolonel", "Brigjen", "Bapak", "Ibu")
DEGREES = ("S.H.", "M.Si.", "M.M.", "S.E.", "S.Sos.", "S.IP.", "M.H.", "S.Pd.", "M.Pd.")
MUH = ("Moh.", "Muh.", "Mohammad", "Mochammad", "Muhamad", "Moch.")


HOLDERS_PER_OFFICE = 4  # successive holders of one office (role + place) over the ~10 years simulated
TERM_DAYS = (500, 900)  # length of one term; a person's mentions are dated within it
_PLACE_HEADS = ("Suka Ci Karang Tanjung Sungai Batu Pasir Bukit Muara Padang Teluk Sumber Rawa Sido Mekar Jati "
                "Banjar Kali Lubuk Pulo Tegal Wono Gunung Kebon").split()
_PLACE_TAILS = ("maju jadi mulya raya sari asih harja makmur baru jaya agung rejo mukti wangi indah rahayu manik "
                "arum luhur tengah asri kencana permai sentosa lestari kerta wetan kulon harjo mekar").split()


_SUR_ONSETS = "Su Har Wi Pra Ku Sa Nu Hi Da Ra Ma Ti Ba Se Ju Ri Lu Ga Pu Ta".split()
_SUR_MIDS = "tan wi man jan yan sa ra di no ha ma ri lo gi ku".split()
_SUR_CODAS = "to no di ja yo sih man wan ni ti ri na sa ko".split()
# people per surname of the default pool at 100k records (12,500 people over len(LAST) surnames):
# the density "scaled" keeps at every size
_SCALED_PEOPLE_PER_SURNAME = 12_500 / len(LAST)


def surname_pool(n_people: int, surnames: str = "fixed") -> list[str]:
    """The surnames people are drawn from. ``fixed``: LAST at every size, so the name space gets
    denser as the corpus grows (at 1M records several people share each first name + surname: a
    stress test). ``scaled``: LAST plus Javanese-looking compounds ("Jurimanto", "Matanradi"), so many
    that there are as many people per surname as in the fixed pool at 100k records; more people, more
    names, as in real news. Same order for a given size."""
    if surnames == "fixed":
        return list(LAST)
    if surnames != "scaled":
        raise ValueError(f"surnames: 'fixed' or 'scaled', not {surnames!r}")
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    want = max(len(LAST), round(n_people / _SCALED_PEOPLE_PER_SURNAME))
    extra = [a + b + c for a in _SUR_ONSETS for b in _SUR_MIDS for c in _SUR_CODAS]
    extra += [a + b + m + c for a in _SUR_ONSETS for b in _SUR_MIDS for m in _SUR_MIDS for c in _SUR_CODAS]
    random.Random(5).shuffle(extra)
    out = list(LAST)
    low = [w.lower() for w in out]
    for w in extra:
        if len(out) >= want:
            break
        # two people's surnames are not one typo apart (Sutanto / Sutanno): at least 3 edits from
        # every surname kept, or the pool would test typo tolerance against made-up near twins
        if process.extractOne(w.lower(), low, scorer=Levenshtein.distance, score_cutoff=2) is None:
            out.append(w)
            low.append(w.lower())
    return out


def _places(n: int) -> list[str]:
    """``n`` jurisdiction names: the real ones of PLACES, then kecamatan-like compounds
    ("Sukamaju", "Cimulya", "Karangasih"...), then those with a direction, in a fixed order."""
    extra = [h + t for h in _PLACE_HEADS for t in _PLACE_TAILS]
    random.Random(3).shuffle(extra)
    out = list(PLACES) + extra
    for d in ("Utara", "Selatan", "Barat", "Timur", "Tengah"):
        if len(out) >= n:
            break
        out += [f"{x} {d}" for x in extra]
    k = 2
    while len(out) < n:  # more than ever needed by the sizes benchmarked; kept total for any n
        out += [f"{x} {k}" for x in extra]
        k += 1
    return out[:n]


def _old_spelling(tok: str, rng: random.Random) -> str:
    choices = []
    if "u" in tok:
        choices.append(tok.replace("u", "oe", 1))
    if "j" in tok[1:]:
        choices.append(tok[0] + tok[1:].replace("j", "dj", 1))
    if "c" in tok:
        choices.append(tok.replace("c", "tj", 1))
    for i in range(1, len(tok) - 1):
        if tok[i] in "nmtlr" and tok[i + 1] in "aeiou" and tok[i - 1] in "aeiou":
            choices.append(tok[: i + 1] + tok[i:])  # doubled consonant
            break
    return rng.choice(choices) if choices else tok


def _typo(tok: str, rng: random.Random) -> str:
    if len(tok) < 6:
        return tok
    i = rng.randrange(2, len(tok) - 1)
    op = rng.randrange(3)
    letters = "aeiounrstlkm"
    if op == 0:
        return tok[:i] + rng.choice(letters) + tok[i + 1 :]
    if op == 1:
        return tok[:i] + tok[i + 1] + tok[i] + tok[i + 2 :]
    return tok[:i] + tok[i + 1 :]


def _render(tokens: list[str], rng: random.Random) -> tuple[str, bool]:
    """A noisy written form of a name, and whether the middle name was dropped."""
    toks = list(tokens)
    r = rng.random
    dropped = len(toks) == 3 and r() < 0.12
    if dropped:
        toks = [toks[0], toks[2]]  # dropped middle name
    if toks[0] == "Muhammad" and r() < 0.3:
        toks[0] = rng.choice(MUH) if r() < 0.8 else "M."
    if r() < 0.08:
        k = rng.randrange(len(toks))
        toks[k] = _old_spelling(toks[k], rng)
    if r() < 0.05:
        k = rng.randrange(len(toks))
        toks[k] = _typo(toks[k], rng)
    if len(toks) == 2 and r() < 0.02:
        toks = [toks[1], toks[0]]
    name = " ".join(toks)
    if r() < 0.15:
        name = rng.choice(PREFIXES) + " " + name
    if r() < 0.12:
        name = name + ", " + ", ".join(rng.sample(DEGREES, rng.randint(1, 2)))
    if r() < 0.03:
        name = name.upper()
    return name, dropped


def generate_people(n_records: int, seed: int = 7, people_out: list | None = None,
                    surnames: str = "fixed") -> tuple[list[Any], list[int]]:
    """Synthetic PersonRecords and their true person ids (index-aligned).

    ``people_out``, if given, receives one ``(tokens, office, org, term start, term days)`` per
    person id (for error analysis). ``surnames``: the pool people are drawn from
    (:func:`surname_pool`)."""
    from .dedupe import PersonRecord, normalize_name

    rng = random.Random(seed)
    n_people = max(2, n_records // 8)
    last_pool = surname_pool(n_people, surnames)
    people: list[tuple[list[str], str, str, datetime.date, int]] = []
    seen: set[str] = set()
    seen2: set[str] = set()
    while len(people) < n_people:
        first = rng.choice(FIRST)
        last = rng.choice(last_pool)
        toks = [first, rng.choice(MIDDLE), last] if rng.random() < 0.45 else [first, last]
        if toks[-1] == toks[0] or len(set(toks)) < len(toks):
            continue
        k = normalize_name(" ".join(toks))
        k2 = normalize_name(toks[0] + " " + toks[-1])
        if k in seen or (len(toks) == 2 and k in seen2) or (len(toks) == 3 and k2 in seen):
            continue
        seen.add(k)
        seen2.add(k2)
        people.append((toks, "", rng.choice(ORGS), datetime.date(2015, 1, 1), 0))
    # offices: one holder at a time, at most HOLDERS_PER_OFFICE successive terms per office
    places = _places(max(len(PLACES), -(-n_people // (len(ROLES) * HOLDERS_PER_OFFICE))))
    slots = [(role, place, k) for role in ROLES for place in places for k in range(HOLDERS_PER_OFFICE)]
    rng.shuffle(slots)
    terms: dict[str, list[int]] = {}
    for p, (role, place, _) in enumerate(slots[:n_people]):
        terms.setdefault(f"{role} {place}", []).append(p)
    for office in sorted(terms):
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        for p in terms[office]:
            length = rng.randint(TERM_DAYS[0], TERM_DAYS[1])
            toks, _, org, _, _ = people[p]
            people[p] = (toks, office, org, day, length)
            day += datetime.timedelta(days=length)
    if people_out is not None:
        people_out.extend(people)
    # skewed article counts per person
    weights = [1.0 / (1 + (i % 50)) for i in range(n_people)]
    who = rng.choices(range(n_people), weights=weights, k=n_records)
    records: list[Any] = []
    truth: list[int] = []
    art = 0
    pos = 0
    # share immutable values between records, as a real loader would after parsing
    name_cache: dict[str, tuple[str, str]] = {}
    date_cache: dict[int, datetime.date] = {}
    office_t = [(p[1],) for p in people]
    org_t = [(p[2],) for p in people]
    ekeys = [f"e{e}" for e in range(8)]
    full_names = [" ".join(p[0]) for p in people]
    # who answers to a shortened name (middle name dropped, or surname alone), and when
    short_holders: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for p, (toks, _, _, start, length) in enumerate(people):
        span = (start.toordinal(), start.toordinal() + length, p)
        short_holders["s|" + normalize_name(toks[-1])].append(span)
        if len(toks) == 3:
            short_holders["d|" + normalize_name(toks[0] + " " + toks[2])].append(span)

    def shared_short(form: str, p: int, day: int) -> bool:
        """Another person answering to this short form is in office (in the news) that day."""
        return any(q != p and lo <= day < hi for lo, hi, q in short_holders[form])

    while pos < n_records:
        group = who[pos : pos + rng.randint(1, 4)]
        pos += len(group)
        art += 1
        aid = f"a{art:08d}"
        persons = []
        for e, p in enumerate(group):
            toks = people[p][0]
            if rng.random() > 0.01:
                name, dropped = _render(toks, rng)
                short = ("d|" + normalize_name(toks[0] + " " + toks[2])) if dropped else ""
            else:
                name, short = toks[-1], "s|" + normalize_name(toks[-1])  # surname only
            persons.append((e, p, name, short))
        full = {e: full_names[p] for e, p, _, _ in persons}
        for e, p, name, short in persons:
            toks, office, org, start, length = people[p]
            o = start.toordinal() + rng.randrange(length)  # published during the person's term
            pub = date_cache.get(o)
            if pub is None:
                pub = date_cache[o] = datetime.date.fromordinal(o)
            variants = name_cache.get(name)
            if variants is None:
                variants = name_cache[name] = (name, toks[-1])
            records.append(
                PersonRecord(
                    article_id=aid,
                    entity_key=ekeys[e],
                    name=variants[0],
                    variants=variants,
                    # a shortened name another person in the news answers to comes with the office
                    offices=office_t[p] if rng.random() < 0.7 or (short and shared_short(short, p, o)) else (),
                    orgs=org_t[p] if rng.random() < 0.3 else (),
                    n_mentions=rng.randint(1, 6),
                    published=pub,
                    cooccurring=tuple(full[x] for x, _, _, _ in persons if x != e),
                )
            )
            truth.append(p)
    return records, truth


def cluster_scores(pred: Sequence[Any], truth: Sequence[int]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and B-cubed precision/recall/F1."""
    import numpy as np
    import pandas as pd

    df = pd.DataFrame({"p": pd.factorize(pd.Series(list(pred)))[0], "t": np.asarray(truth)})
    cell = df.groupby(["p", "t"]).size().to_numpy(dtype=np.float64)
    ps = df.groupby("p").size().to_numpy(dtype=np.float64)
    ts = df.groupby("t").size().to_numpy(dtype=np.float64)
    tp = (cell * (cell - 1) / 2).sum()
    pp = (ps * (ps - 1) / 2).sum()
    tt = (ts * (ts - 1) / 2).sum()
    prec = tp / pp if pp else 1.0
    rec = tp / tt if tt else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n = len(df)
    c2 = df.groupby(["p", "t"]).size().rename("c").reset_index()
    c2 = c2.merge(df.groupby("p").size().rename("np"), left_on="p", right_index=True)
    c2 = c2.merge(df.groupby("t").size().rename("nt"), left_on="t", right_index=True)
    bp = float((c2.c * c2.c / c2.np).sum() / n)
    br = float((c2.c * c2.c / c2.nt).sum() / n)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {"precision": float(prec), "recall": float(rec), "f1": float(f1), "bcubed_precision": bp,
            "bcubed_recall": br, "bcubed_f1": bf}


def bench_people(size: int, seed: int = 7, surnames: str = "fixed") -> dict[str, Any]:
    """Generate ``size`` records, cluster them, score against the truth (in this process)."""
    import resource

    import pandas  # noqa: F401  # loaded before the clock starts, as in pass 2 of an extraction

    from .dedupe import resolve_actor_index

    t0 = time.perf_counter()
    records, truth = generate_people(size, seed, surnames=surnames)
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    gen_s = time.perf_counter() - t0
    t0, c0, k0 = time.perf_counter(), time.process_time(), os.times()
    # the array form pass 2 of an extraction uses (resolve_actors adds a dict keyed by record)
    rec_actor, table = resolve_actor_index(records)
    k1 = os.times()
    # CPU of this process and of the scoring workers it forked (pipeline/resources/dedupe.json "workers")
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0 + (k1.children_user - k0.children_user) + (k1.children_system - k0.children_system)
    pred = rec_actor.tolist()
    row: dict[str, Any] = {"size": size, "surnames": surnames, **cluster_scores(pred, truth), "wall_s": wall, "cpu_s": cpu, "generate_s": gen_s,
                           "n_actors": len(table["actor_id"]), "n_true": len(set(truth)), "load1": load1}
    # peak RSS of this process plus the private memory of its largest scoring worker (forked: the
    # rest of its memory is this process's, shared): an upper bound for the process tree
    from .dedupe import LAST_RUN_COUNTS, WORKER_PEAK_PRIVATE_KB

    row.update(LAST_RUN_COUNTS)

    row["peak_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + WORKER_PEAK_PRIVATE_KB[0]) / 1024.0
    row["worker_private_mb"] = WORKER_PEAK_PRIVATE_KB[0] / 1024.0
    row["reference_cpu_s"] = reference_group_by(records)
    return row


def reference_group_by(records: Sequence[Any], repeats: int = 3) -> float:
    """CPU seconds of the least work any resolver does, on the same records in the same process:
    one pass that groups the records by their written name in a dict of lists (collector off,
    best of ``repeats``). Its cost per record is what this machine charges for one dict look-up
    and one append per record at this size; how it grows from size to size is the growth that
    comes from the memory hierarchy (a dict of 40,000 names fits the CPU caches, one of 400,000
    does not), not from more work per record."""
    import gc

    was = gc.isenabled()
    gc.disable()
    best = float("inf")
    try:
        for _ in range(repeats):
            c0 = time.process_time()
            groups: dict[str, list] = {}
            for r in records:
                groups.setdefault(r.name, []).append(r.offices)
            best = min(best, time.process_time() - c0)
            del groups
    finally:
        if was:
            gc.enable()
    return best


def _child(size: int, surnames: str = "fixed") -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "pipeline.dedupe_bench", "--child", str(size), "--surnames", surnames],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------- articles

TOPIC = (
    "pemerintah kota warga jalan banjir anggaran proyek pembangunan rapat dewan kebijakan daerah provinsi "
    "kabupaten dana bantuan sosial masyarakat pasar harga beras minyak petani nelayan sekolah guru siswa "
    "rumah sakit pasien dokter vaksin polisi tersangka kasus korupsi penyidik pengadilan hakim jaksa sidang "
    "pemilu calon partai suara kampanye debat survei pemilih kandidat koalisi menteri presiden gubernur bupati "
    "wali kota kepala dinas camat lurah desa program pelatihan usaha kecil ekonomi pertumbuhan investasi pabrik "
    "pekerja upah buruh demo aksi massa lalu lintas kendaraan kecelakaan tol bandara pelabuhan kapal hujan longsor "
    "gempa bencana pengungsi posko relawan bantuan logistik air bersih listrik gas sampah lingkungan hutan lahan"
).split()
FILLER = "yang di dan itu ini dengan untuk pada dari akan telah sudah juga tidak ada kata menurut dalam oleh bahwa".split()
FURNITURE = [
    "Baca juga: Harga beras naik jelang akhir tahun",
    "Simak berita lainnya di kanal kami. Ikuti kami di media sosial.",
    "Editor: Redaksi. Sumber: Antara",
    "Dapatkan update berita pilihan dan breaking news setiap hari.",
]
DATELINES = ["JAKARTA, KOMPAS.com -", "BANDUNG, detikcom -", "SURABAYA (ANTARA) -", "MEDAN, Tribun -"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(TOPIC) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(rng.randint(9, 18))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 2000)))
    return " ".join(words).capitalize() + "."


def generate_articles(n_orig: int = 600, seed: int = 11) -> tuple[list[tuple[str, str, datetime.date]], dict[str, str | None]]:
    """Originals, copies and rewrites with truth {article_id: original id or None}."""
    rng = random.Random(seed)
    arts: list[tuple[str, str, datetime.date]] = []
    truth: dict[str, str | None] = {}
    base = datetime.date(2024, 1, 1)
    for i in range(n_orig):
        sents = [_sentence(rng) for _ in range(rng.randint(6, 16))]
        aid = f"o{i}"
        day = base + datetime.timedelta(days=rng.randrange(300))
        arts.append((aid, " ".join(sents), day))
        truth[aid] = None
        kind = rng.random()
        later = day + datetime.timedelta(days=rng.randint(1, 3))
        if kind < 0.15:
            arts.append((f"x{i}", " ".join(sents), later))
            truth[f"x{i}"] = aid
        elif kind < 0.40:
            body = rng.choice(DATELINES) + " " + " ".join(sents) + "\n" + "\n".join(rng.sample(FURNITURE, 2))
            arts.append((f"s{i}", body, later))
            truth[f"s{i}"] = aid
        elif kind < 0.65:
            kept = [s for s in sents if rng.random() > 0.15] or sents[:1]
            words = " ".join(kept).split()
            words = [rng.choice(TOPIC) if rng.random() < 0.05 else w for w in words]
            arts.append((f"r{i}", " ".join(words), later))
            truth[f"r{i}"] = aid
    rng.shuffle(arts)
    return arts, truth


def bench_articles(n_orig: int = 600, seed: int = 11) -> dict[str, Any]:
    from .dedupe import find_duplicate_articles

    arts, truth = generate_articles(n_orig, seed)
    t0 = time.perf_counter()
    pred = find_duplicate_articles(arts)
    wall = time.perf_counter() - t0
    true_dups = [a for a, t in truth.items() if t is not None]
    flagged = [a for a, t in pred.items() if t is not None]
    hit = sum(1 for a in true_dups if pred.get(a) == truth[a])
    correct = sum(1 for a in flagged if truth.get(a) is not None and pred[a] == truth[a])
    return {"articles": len(arts), "true_duplicates": len(true_dups), "flagged": len(flagged),
            "recall": hit / len(true_dups) if true_dups else 1.0,
            "precision": correct / len(flagged) if flagged else 1.0, "wall_s": wall}


def run_bench(sizes: Sequence[int] = (10_000, 100_000, 1_000_000), articles: int = 600,
              in_process: bool = False, surnames: Sequence[str] = ("fixed",)) -> list[dict]:
    """Benchmark rows: one per surname pool and size (child process each unless in_process), then
    the article row."""
    rows: list[dict] = []
    for pool, s in ((p, s) for p in surnames for s in sizes):
        row = bench_people(s, surnames=pool) if in_process else _child(s, pool)
        row["bench"] = "people"
        rows.append(row)
    if articles:
        a = bench_articles(articles)
        a["bench"] = "articles"
        rows.append(a)
    return rows


def _print(rows: list[dict]) -> None:
    print(f"{'surnames':>8} {'size':>9} {'P':>7} {'R':>7} {'F1':>7} {'B3-F1':>7} {'wall_s':>8} {'cpu_s':>8} "
          f"{'peak_MB':>8} {'actors':>8} {'true':>8} {'us/rec':>7} {'ref_us':>7} {'nodes':>8} {'pairs':>9} "
          f"{'pairs/node':>10} {'ctx_pairs':>9} {'split_rec':>9} {'ambig_rec':>9} {'load1':>6}")
    for r in rows:
        if r["bench"] == "people":
            print(f"{r.get('surnames', 'fixed'):>8} {r['size']:>9} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} {r['bcubed_f1']:7.4f} "
                  f"{r['wall_s']:8.2f} {r.get('cpu_s', float('nan')):8.2f} {r['peak_mb']:8.0f} {r['n_actors']:>8} "
                  f"{r['n_true']:>8} {1e6 * r.get('cpu_s', float('nan')) / r['size']:7.1f} "
                  f"{1e6 * r.get('reference_cpu_s', float('nan')) / r['size']:7.2f} {r.get('nodes', 0):>8} "
                  f"{r.get('candidate_pairs', 0):>9} {r.get('candidate_pairs', 0) / max(1, r.get('nodes', 0)):10.1f} "
                  f"{r.get('context_pairs', 0):>9} {r.get('split_records', 0):>9} {r.get('ambiguous_records', 0):>9} "
                  f"{r.get('load1', float('nan')):6.2f}")
    people = [r for r in rows if r["bench"] == "people"]
    for a, b in zip(people, people[1:]):
        if a.get("surnames") != b.get("surnames"):
            continue
        k = b["size"] / a["size"]
        print(f"{a.get('surnames', 'fixed')} surnames, {a['size']} -> {b['size']} records ({k:g}x): resolution CPU "
              f"{b['cpu_s'] / a['cpu_s']:.1f}x, reference group-by CPU "
              f"{b['reference_cpu_s'] / max(a['reference_cpu_s'], 1e-9):.1f}x, candidate pairs "
              f"{b.get('candidate_pairs', 0) / max(1, a.get('candidate_pairs', 0)):.1f}x")
    for r in rows:
        if r["bench"] == "articles":
            print(f"near-duplicate articles: {r['articles']} articles, {r['true_duplicates']} true duplicates, "
                  f"flagged {r['flagged']}, recall {r['recall']:.4f}, precision {r['precision']:.4f}, {r['wall_s']:.2f} s")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.dedupe_bench", description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated record counts")
    ap.add_argument("--articles", type=int, default=600, help="original articles in the near-dup bench (0: skip)")
    ap.add_argument("--surnames", default="fixed",
                    help="surname pool(s), comma-separated: fixed (the name space gets denser with size: a "
                         "stress test), scaled (as many people per surname at every size as fixed at 100k)")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    pools = [p.strip() for p in args.surnames.split(",") if p.strip()]
    for p in pools:
        surname_pool(2, p)  # an unknown pool fails here, before any work
    if args.child is not None:
        print(json.dumps(bench_people(args.child, surnames=pools[0])))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    _print(run_bench(sizes, articles=args.articles, surnames=pools))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
