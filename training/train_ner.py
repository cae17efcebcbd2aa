#!/usr/bin/env python
"""Train, evaluate and benchmark the project's Indonesian NER model (PERSON/ORG/PLACE).

Subcommands (run from the repository root with the project venv):

    .venv/bin/python training/train_ner.py convert    # corpora -> training/work/*.spacy
    .venv/bin/python training/train_ner.py vectors    # floret vectors -> training/work/vectors/nlp
    .venv/bin/python training/train_ner.py train      # training/ner.cfg -> models/ner
    .venv/bin/python training/train_ner.py baseline   # stock efficiency config -> training/work/baseline
    .venv/bin/python training/train_ner.py evaluate [--with-rules]
    .venv/bin/python training/train_ner.py speed [--model models/ner]
    .venv/bin/python training/train_ner.py all        # convert + vectors + train (`make models`)
    .venv/bin/python training/train_ner.py gazetteer  # experiment: + gazetteer token feature
                                                      # -> training/work/exp6_gaz (not models/ner)

The corpora are read from ``../shared/data`` relative to the repository root.  Nothing
derived from corpus text is written outside ``training/work/`` (git-ignored), except trained
weights: the model and its floret vector table (``vectors``; needs ``pip install floret``
for training only).

``evaluate_ner(nlp, corpora=...)`` is importable (``from training.train_ner import
evaluate_ner``) and returns entity-level exact-span P/R/F1 per corpus and label on the
dev splits, plus the micro average over all corpora.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
TRAINING_DIR = ROOT / "training"
WORK = TRAINING_DIR / "work"
DATA = ROOT.parent / "shared" / "data"
CONFIG = TRAINING_DIR / "ner.cfg"
MODEL_DIR = ROOT / "models" / "ner"
BASELINE_DIR = WORK / "baseline"
LABELS = ("PERSON", "ORG", "PLACE")

# name -> (folder, train file, dev file, column separator, tag mapping)
# Tags not in the mapping (EVT, FNB) become O.
CORPORA: Dict[str, Tuple[str, str, str, Optional[str], Dict[str, str]]] = {
    "idner-news-2k": (
        "idner-news-2k", "train.txt", "dev.txt", None,
        {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"},
    ),
    "indolem-nerui": (
        "indolem-nerui", "train.01.tsv", "dev.01.tsv", "\t",
        {"PERSON": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "PLACE"},
    ),
    "indonlu-nergrit": (
        "indonlu-nergrit", "train_preprocess.txt", "valid_preprocess.txt", "\t",
        {"PERSON": "PERSON", "ORGANISATION": "ORG", "PLACE": "PLACE"},
    ),
    "indonlu-nerp": (
        "indonlu-nerp", "train_preprocess.txt", "valid_preprocess.txt", "\t",
        {"PPL": "PERSON", "IND": "ORG", "PLC": "PLACE"},
    ),
}

# Share of each corpus' *train* split held out as the "tune" set that spaCy uses to pick
# the best checkpoint.  The dev splits are never seen during training or model selection.
TUNE_FRACTION = 0.05
SEED = 0

NO_SPACE_BEFORE = set(",.;:!?)]}%'\"")
NO_SPACE_AFTER = set("([{")


def die(msg: str) -> None:
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(1)


def check_data() -> None:
    if not DATA.is_dir():
        die(f"corpus folder {DATA} not found (expected ../shared/data relative to the repo root)")
    for name, (folder, tr, dv, _sep, _m) in CORPORA.items():
        for f in (tr, dv):
            if not (DATA / folder / f).is_file():
                die(f"missing corpus file {DATA / folder / f}")


# --------------------------------------------------------------------------- reading

def read_conll(path: Path, sep: Optional[str], mapping: Dict[str, str]) -> Iterator[Tuple[List[str], List[str]]]:
    """Yield (words, IOB tags mapped onto PERSON/ORG/PLACE) per sentence."""
    words: List[str] = []
    tags: List[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            parts = line.split(sep) if sep else line.split()
            word, tag = parts[0].strip(), parts[-1].strip()
            word = "".join(word.split()) or "_"
            if tag != "O" and "-" in tag:
                prefix, lab = tag.split("-", 1)
                lab = mapping.get(lab)
                tag = f"{prefix}-{lab}" if lab else "O"
            else:
                tag = "O"
            words.append(word)
            tags.append(tag)
    if words:
        yield words, tags


def iob_spans(tags: Sequence[str]) -> List[Tuple[int, int, str]]:
    """Token spans (start, end, label) from IOB/IOB2 tags; an orphan I- starts a span."""
    spans = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
                start, label = None, None
            if tag != "O":
                start, label = i, tag[2:]
    return spans


def spaces_for(words: Sequence[str]) -> List[bool]:
    spaces = []
    for i, w in enumerate(words):
        if i + 1 == len(words):
            spaces.append(False)
            continue
        nxt = words[i + 1]
        sp = not (w in NO_SPACE_AFTER or nxt in NO_SPACE_BEFORE)
        spaces.append(sp)
    return spaces


def make_doc(vocab, words: Sequence[str], tags: Optional[Sequence[str]] = None):
    from spacy.tokens import Doc

    doc = Doc(vocab, words=list(words), spaces=spaces_for(words))
    if tags is not None:
        doc.ents = [_span(doc, s, e, l) for s, e, l in iob_spans(tags)]
    return doc


def _span(doc, s, e, label):
    from spacy.tokens import Span

    return Span(doc, s, e, label=label)


def load_split(name: str, split: str) -> List[Tuple[List[str], List[str]]]:
    folder, tr, dv, sep, mapping = CORPORA[name]
    return list(read_conll(DATA / folder / (tr if split == "train" else dv), sep, mapping))


# --------------------------------------------------------------------------- case restoration

LOWERCASED = {"indonlu-nerp"}  # corpora distributed in lower case
SMALL_WORDS = {"dan", "di", "ke", "dari", "yang", "untuk", "atas", "dalam", "of", "the", "and", "bin", "binti"}


def case_lexicon(names: Iterable[str]) -> Dict[str, Tuple[str, float, int]]:
    """lower form -> (most frequent non-initial casing, share capitalised, count),
    from the cased train splits."""
    from collections import Counter, defaultdict

    forms: Dict[str, Counter] = defaultdict(Counter)
    for name in names:
        for words, _ in load_split(name, "train"):
            for w in words[1:]:
                forms[w.lower()][w] += 1
    lex = {}
    for k, c in forms.items():
        n = sum(c.values())
        cap = sum(v for f, v in c.items() if f[:1].isupper())
        lex[k] = (c.most_common(1)[0][0], cap / n, n)
    return lex


def restore_case(words: Sequence[str], tags: Sequence[str], lex: Dict[str, Tuple[str, float, int]]) -> List[str]:
    """Re-case a lower-cased sentence.  Inside gold entities: the lexicon's capitalised
    form, else Title-case (not for small function words).  Outside: only words that are
    nearly always capitalised in the cased corpora (acronyms, proper nouns).  The first
    alphabetic word is capitalised."""
    out = []
    first = True
    for w, t in zip(words, tags):
        form, share, n = lex.get(w, (w, 0.0, 0))
        if t != "O":
            if not form[:1].isupper():
                form = w if (w in SMALL_WORDS or not w[:1].isalpha()) else w[:1].upper() + w[1:]
        elif not (share >= 0.9 and n >= 3):
            form = w
        if first and form[:1].isalpha():
            form = form[:1].upper() + form[1:]
            first = False
        out.append(form)
    return out


# --------------------------------------------------------------------------- convert

def write_restorecase(nlp) -> Path:
    """Variant of train.spacy with the lower-cased corpora re-cased (case experiment)."""
    from spacy.tokens import DocBin

    lex = case_lexicon([n for n in CORPORA if n not in LOWERCASED])
    tc = DocBin()
    for name in CORPORA:
        for doc in DocBin().from_disk(WORK / f"{name}.train.spacy").get_docs(nlp.vocab):
            if name in LOWERCASED:
                words = [t.text for t in doc]
                tags = [t.ent_iob_ + "-" + t.ent_type_ if t.ent_type_ else "O" for t in doc]
                doc = make_doc(nlp.vocab, restore_case(words, tags, lex), tags)
            tc.add(doc)
    out = WORK / "train_restorecase.spacy"
    tc.to_disk(out)
    return out


def cmd_convert(args=None) -> None:
    import spacy
    from spacy.tokens import DocBin

    check_data()
    WORK.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("id")
    rng = random.Random(SEED)
    all_train, all_tune, all_dev = DocBin(), DocBin(), DocBin()
    stats = {}
    for name in CORPORA:
        train = load_split(name, "train")
        dev = load_split(name, "dev")
        rng.shuffle(train)
        n_tune = max(1, int(len(train) * TUNE_FRACTION))
        tune, train = train[:n_tune], train[n_tune:]
        for split, sents, agg in (("train", train, all_train), ("tune", tune, all_tune), ("dev", dev, all_dev)):
            db = DocBin()
            n_ents = {l: 0 for l in LABELS}
            for words, tags in sents:
                doc = make_doc(nlp.vocab, words, tags)
                for ent in doc.ents:
                    n_ents[ent.label_] += 1
                db.add(doc)
                agg.add(doc)
            db.to_disk(WORK / f"{name}.{split}.spacy")
            stats[f"{name}.{split}"] = {"sents": len(sents), "tokens": sum(len(w) for w, _ in sents), **n_ents}
    all_train.to_disk(WORK / "train.spacy")
    write_restorecase(nlp)
    all_tune.to_disk(WORK / "tune.spacy")
    all_dev.to_disk(WORK / "dev.spacy")
    (WORK / "convert_stats.json").write_text(json.dumps(stats, indent=1))
    for k, v in stats.items():
        print(f"{k:28s} {v}")
    print(f"wrote {WORK}/train.spacy, tune.spacy, dev.spacy and per-corpus files")


# --------------------------------------------------------------------------- train

def _single_thread() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _train(config: Path, out: Path, overrides: Dict[str, object], init_tok2vec: Optional[Path] = None) -> Path:
    _single_thread()
    from spacy.cli.train import train as spacy_train

    if not (WORK / "train.spacy").is_file():
        cmd_convert()
    out.mkdir(parents=True, exist_ok=True)
    ov = {
        "paths.train": str(WORK / "train.spacy"),
        "paths.dev": str(WORK / "tune.spacy"),
        "system.seed": SEED,
    }
    ov.update(overrides)
    if "paths.vectors" not in ov and _uses_static_vectors(config, ov):
        if not (VECTORS_NLP / "vocab" / "vectors.cfg").is_file():
            cmd_vectors()
        ov["paths.vectors"] = str(VECTORS_NLP)
    t0 = time.time()
    if init_tok2vec:
        # Load `spacy pretrain` weights into the ner's internal tok2vec, then train.
        from spacy.training.initialize import init_nlp
        from spacy.training.loop import train as train_loop
        from spacy.util import load_config

        cfg = load_config(config, overrides=ov, interpolate=False)
        nlp = init_nlp(cfg, use_gpu=-1)
        inner = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
        inner.from_bytes(Path(init_tok2vec).read_bytes())
        print(f"loaded pretrained tok2vec weights from {init_tok2vec}")
        train_loop(nlp, out, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    else:
        spacy_train(config, out, use_gpu=-1, overrides=ov)
    wall = time.time() - t0
    (out / "train_wall_s.txt").write_text(f"{wall:.0f}\n")
    print(f"training wall time: {wall / 60:.1f} min")
    return out / "model-best"


def _uses_static_vectors(config: Path, ov: Dict[str, object]) -> bool:
    key = "components.ner.model.tok2vec.embed.include_static_vectors"
    if key in ov:
        return bool(ov[key])
    from spacy.util import load_config

    cfg = load_config(config, interpolate=False)
    embed = cfg["components"]["ner"]["model"]["tok2vec"].get("embed", {})
    return bool(embed.get("include_static_vectors"))


def _parse_overrides(items: Sequence[str]) -> Dict[str, object]:
    ov = {}
    for it in items or []:
        k, v = it.split("=", 1)
        try:
            v = json.loads(v)
        except json.JSONDecodeError:
            pass
        ov[k.lstrip("-")] = v
    return ov


def cmd_train(args) -> None:
    ov = _parse_overrides(args.set)
    if args.max_steps:
        ov["training.max_steps"] = args.max_steps
    out = Path(args.output) if args.output else WORK / "ours"
    if out.exists() and not args.output:
        shutil.rmtree(out)
    best = _train(Path(args.config), out, ov, init_tok2vec=args.init_tok2vec or None)
    if args.output:  # experiment run: do not touch models/ner
        return
    save_model(best)


def save_model(best: Path) -> None:
    """Copy a trained pipeline to models/ner with the project's meta."""
    import spacy

    nlp = spacy.load(best)
    nlp.meta["name"] = "ner"
    nlp.meta["description"] = (
        "Indonesian news NER (PERSON/ORG/PLACE), spaCy CNN, self-contained ner component, "
        "floret static vectors (LOWER) in the vocab. See models/README.md."
    )
    nlp.meta["license"] = "MIT (code); trained on idner-news-2k, indolem-nerui, indonlu-nergrit, indonlu-nerp"
    nlp.meta["version"] = "0.2.0"
    if MODEL_DIR.exists():
        shutil.rmtree(MODEL_DIR)
    nlp.to_disk(MODEL_DIR)
    print(f"saved {MODEL_DIR} ({dir_size_mb(MODEL_DIR):.1f} MB)")


GAZETTEER = DATA / "dbpedia-id-entities-mdee" / "mdee_gazetteer"
GAZ_FILES = {"PERSON": "person.txt", "ORG": "organization.txt", "PLACE": "place.txt"}


def write_augmented(copies: int = 1, seed: int = SEED) -> Path:
    """train.spacy plus ``copies`` copies of every sentence with entities, each entity replaced by
    a random name of its label from the DBpedia name lists (mention replacement: more names than
    the corpora hold, same contexts). Lower-cased corpora get lower-cased names. The result stays
    in training/work and is never committed."""
    import spacy
    from spacy.tokens import DocBin

    rng = random.Random(seed)
    names = {}
    for label, fname in GAZ_FILES.items():
        lines = (GAZETTEER / fname).read_text(encoding="utf-8", errors="replace").splitlines()
        names[label] = [x.split() for x in lines if x.strip() and "\ufffd" not in x and 1 <= len(x.split()) <= 5]
    nlp = spacy.blank("id")
    out = DocBin()
    n_orig = n_aug = 0
    for name in CORPORA:
        lower = name in LOWERCASED
        for doc in DocBin().from_disk(WORK / f"{name}.train.spacy").get_docs(nlp.vocab):
            out.add(doc)
            n_orig += 1
            if not doc.ents:
                continue
            for _ in range(copies):
                words, tags, k = [], [], 0
                for ent in doc.ents:
                    words += [t.text for t in doc[k:ent.start]]
                    tags += ["O"] * (ent.start - k)
                    new = rng.choice(names[ent.label_])
                    new = [w.lower() for w in new] if lower else new
                    words += new
                    tags += [f"B-{ent.label_}"] + [f"I-{ent.label_}"] * (len(new) - 1)
                    k = ent.end
                words += [t.text for t in doc[k:]]
                tags += ["O"] * (len(doc) - k)
                out.add(make_doc(nlp.vocab, words, tags))
                n_aug += 1
    path = WORK / "train_augmented.spacy"
    out.to_disk(path)
    print(f"wrote {path}: {n_orig} sentences + {n_aug} with replaced names")
    return path


def cmd_augment(args) -> None:
    if not (WORK / "train.spacy").is_file():
        cmd_convert()
    write_augmented(args.copies)


VECTORS_DIR = WORK / "vectors"
VECTORS_NLP = VECTORS_DIR / "nlp"  # `spacy init vectors` output, [initialize] vectors
VECTORS_NAME = "id_news_floret_lower"
# floret settings (https://github.com/explosion/floret): hashed word + character n-gram
# table, so lower-cased, misspelled and unseen words still get a vector.
FLORET = {"model": "skipgram", "mode": "floret", "dim": 100, "bucket": 50000, "hashCount": 2,
          "minn": 3, "maxn": 5, "minCount": 2, "epoch": 15, "ws": 5, "neg": 5, "lr": 0.05,
          "thread": 1, "verbose": 0}  # one thread: deterministic
RAW_NEWS = (  # (csv, text column): internal-use article text, never committed
    (DATA / "detik-news-1k-2025" / "data_berita.dev.csv", "isi_berita"),
    (DATA / "indonews-scrapper-2025-06" / "dev.csv", "isi_berita"),
)


def write_vector_text(names: bool = False) -> Path:
    """Lower-cased, tokenised raw text for the static vectors: the corpora train splits and
    the article bodies of RAW_NEWS, one sentence or paragraph per line (optionally plus the
    DBpedia name lists, one name per line).  Stays in training/work (never committed)."""
    import csv

    import spacy

    csv.field_size_limit(10**8)
    VECTORS_DIR.mkdir(parents=True, exist_ok=True)
    tok = spacy.blank("id").tokenizer
    out = VECTORS_DIR / ("text_names.txt" if names else "text.txt")
    n_words = n_lines = 0
    with open(out, "w", encoding="utf-8") as fh:
        def put(words):
            nonlocal n_words, n_lines
            words = [w for w in words if w.strip()]
            if len(words) >= 2:
                fh.write(" ".join(w.lower() for w in words) + "\n")
                n_words += len(words)
                n_lines += 1

        for name in CORPORA:
            for words, _ in load_split(name, "train"):
                put(words)
        for path, col in RAW_NEWS:
            if not path.is_file():
                print(f"(vectors: {path} not found, skipped)")
                continue
            with open(path, encoding="utf-8", newline="") as cf:
                for row in csv.DictReader(cf):
                    for para in (row.get(col) or "").split("\n"):
                        if para.strip():
                            put([t.text for t in tok(para.strip())])
        if names:
            for label, fname in GAZ_FILES.items():
                for line in (GAZETTEER / fname).read_text(encoding="utf-8", errors="replace").splitlines():
                    if "\ufffd" not in line:
                        put(line.split())
    print(f"wrote {out}: {n_lines:,} lines, {n_words:,} words")
    return out


def cmd_vectors(args=None) -> Path:
    """Train floret vectors on the raw text (plus the DBpedia name lists unless --no-names)
    and convert them with `spacy init vectors` (mode floret, attr LOWER) into
    training/work/vectors/nlp for [initialize] vectors.  One floret thread: deterministic."""
    import floret  # training-only dependency: pip install floret

    check_data()
    names = not bool(getattr(args, "no_names", False))
    dim = int(getattr(args, "dim", 0) or FLORET["dim"])
    bucket = int(getattr(args, "bucket", 0) or FLORET["bucket"])
    out_nlp = Path(getattr(args, "output", None) or VECTORS_NLP)
    text = write_vector_text(names=names)
    t0 = time.time()
    params = dict(FLORET, dim=dim, bucket=bucket)
    model = floret.train_unsupervised(str(text), **params)
    vec_file = VECTORS_DIR / f"vectors_{dim}x{bucket}{'_names' if names else ''}.floret"
    model.save_floret_vectors(str(vec_file))
    print(f"floret training: {time.time() - t0:.0f} s, {params}")
    import subprocess

    if out_nlp.exists():
        shutil.rmtree(out_nlp)
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "id", str(vec_file), str(out_nlp),
         "--mode", "floret", "--attr", "LOWER", "--name", VECTORS_NAME],
        check=True,
    )
    print(f"vectors: {out_nlp} ({dir_size_mb(out_nlp):.1f} MB)")
    return out_nlp


def write_ambiguous_missing(min_count: int = 2, max_share: float = 0.5) -> Path:
    """Variant of train.spacy for the corpora's different ORG/PLACE lines: a gold ORG or PLACE
    span whose (lower-cased) text carries that label in less than ``max_share`` of its ORG/PLACE
    annotations over all four train splits (and occurs ``min_count`` times or more) is set to
    *missing* (IOB "-"), so it adds no loss either way (e.g. nerp's "Liverpool" as a team ORG
    where the other corpora tag PLACE)."""
    from collections import Counter, defaultdict

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("id")
    docs = {n: list(DocBin().from_disk(WORK / f"{n}.train.spacy").get_docs(nlp.vocab)) for n in CORPORA}
    counts: Dict[str, Counter] = defaultdict(Counter)
    for n, ds in docs.items():
        for d in ds:
            for e in d.ents:
                counts[e.text.lower()][e.label_] += 1
    out = DocBin()
    n_missing = Counter()
    for n, ds in docs.items():
        for d in ds:
            keep, missing = [], []
            for e in d.ents:
                c = counts[e.text.lower()]
                tot = c["ORG"] + c["PLACE"]
                if e.label_ in ("ORG", "PLACE") and tot >= min_count and c[e.label_] / tot < max_share:
                    missing.append(e)
                    n_missing[(n, e.label_)] += 1
                else:
                    keep.append(e)
            if missing:
                d.set_ents(keep, missing=missing, default="outside")
            out.add(d)
    path = WORK / "train_ambig.spacy"
    out.to_disk(path)
    print(f"wrote {path}; spans set to missing: {dict(n_missing)}")
    return path


def cmd_ambig(args) -> None:
    if not (WORK / "train.spacy").is_file():
        cmd_convert()
    write_ambiguous_missing()


# --------------------------------------------------------------------------- gazetteer features

# Experiment `gazetteer` (session 6): a per-token "gazetteer class" fed to the ner's
# MultiHashEmbed as a fifth hashed attribute. The class is a bit set over the token's
# lower-cased form: 1 = word of an Indonesian region name (areaid provinces, regencies/cities,
# districts; places.json provinces, abbreviations, countries, foreign cities), 2 = office or
# title word (offices.json title heads/modifiers/English heads, names.json prefix titles), 4 = word
# of a DBpedia person name (+ names.json/places.json first names), 8 = word of a DBpedia
# organisation name (+ offices.json organisations); flags 1/4/8 skip the 2,000 most frequent
# train words (`common_words`), and villages are left out of REGION. spaCy 3 has no CLUSTER column in
# Doc.to_array (E983), so the table lives in the vocab's lookups (serialised with the model in
# vocab/lookups.bin) and a registered MultiHashEmbed variant reads it; loading such a model
# needs `register_gazetteer()` first.
GAZ_FLAGS = {"REGION": 1, "OFFICE": 2, "PERSON": 4, "ORG": 8}
GAZ_TABLE = "gazetteer_class"  # vocab lookups table: hash(lower form) -> flags
GAZ_ARCH = "train_ner.GazMultiHashEmbed.v1"
GAZ_LOOKUPS = "train_ner.gazetteer_lookups.v1"
GAZ_JSON = WORK / "gazetteer_class.json"  # derived from corpus word counts: stays in work/
GAZ_CONFIG = WORK / "ner_gaz.cfg"  # training/ner.cfg with the gazetteer embed, written by code
RESOURCES = ROOT / "pipeline" / "resources"


def register_gazetteer() -> None:
    """Register the embed architecture and the lookups loader (needed before training or
    loading a gazetteer model)."""
    import numpy
    from spacy.lookups import Lookups
    from spacy.ml.models.tok2vec import MultiHashEmbed
    from spacy.util import registry

    def features(model, docs, is_train: bool):
        cols = model.attrs["columns"]
        out = []
        for doc in docs:
            table = doc.vocab.lookups.get_table(GAZ_TABLE, {})
            gaz = numpy.asarray([dict.get(table, t.lower, 0) for t in doc], dtype="uint64")
            arr = doc.to_array(cols).reshape((len(doc), len(cols)))
            out.append(model.ops.asarray2i(numpy.hstack([arr, gaz[:, None]]), dtype="uint64"))
        return out, lambda d: []

    def gaz_embed(width: int, attrs: List[str], rows: List[int], include_static_vectors: bool, gaz_rows: int):
        # The stock MultiHashEmbed with one more HashEmbed table (column len(attrs)); its
        # feature extractor appends the gazetteer class as that last column.
        model = MultiHashEmbed(width, list(attrs) + ["LOWER"], list(rows) + [gaz_rows], include_static_vectors)
        for node in model.walk():
            if node.name == "extract_features":
                node.attrs["columns"] = list(attrs)
                node._func = features
        return model

    def gaz_lookups(path: str) -> Lookups:
        lookups = Lookups()
        data = json.loads(Path(path).read_text())
        lookups.add_table(GAZ_TABLE, {int(k): v for k, v in data.items()})  # keys: string hashes
        return lookups

    registry.architectures.register(GAZ_ARCH, func=gaz_embed)
    registry.misc.register(GAZ_LOOKUPS, func=gaz_lookups)


def _lexicon_words(text: str) -> List[str]:
    """Lower-cased word tokens of a name (edge punctuation stripped, >= 2 chars, a letter)."""
    out = []
    for w in text.lower().split():
        w = w.strip(".,;:()[]\"'/")
        if len(w) >= 2 and any(c.isalpha() for c in w) and w not in SMALL_WORDS:
            out.append(w)
    return out


def common_words(n: int = 2000) -> set[str]:
    """The n most frequent lower-cased words of the four train splits: the NORM embedding
    already knows them, so they carry no REGION/PERSON/ORG flag (the lists' noise is there)."""
    from collections import Counter

    freq = Counter(w.lower() for name in CORPORA for words, _ in load_split(name, "train") for w in words)
    return {w for w, _ in freq.most_common(n)}


def build_gazetteer(n_common: int = 2000) -> Dict[str, int]:
    """lower-cased word -> gazetteer flags (see GAZ_FLAGS); written to GAZ_JSON keyed by hash."""
    import areaid
    from spacy.strings import get_string_id

    off = json.loads((RESOURCES / "offices.json").read_text(encoding="utf-8"))
    pl = json.loads((RESOURCES / "places.json").read_text(encoding="utf-8"))
    nm = json.loads((RESOURCES / "names.json").read_text(encoding="utf-8"))
    src: Dict[str, List[str]] = {k: [] for k in GAZ_FLAGS}
    for prov in areaid.buka_nama()["himpunan"]:
        for p in areaid.buka_data(prov.lower()):
            src["REGION"].append(p["provinsi"])
            for kab in p["kabupaten"]:
                src["REGION"].append(kab["kab_kota"].replace("Kabupaten ", "").replace("Kota ", ""))
                src["REGION"] += [kec["kec"] for kec in kab["kecamatan"]]  # villages left out
    for p in pl["provinces"]:
        src["REGION"] += [p["name"], *p["aliases"]]
    src["REGION"] += list(pl["abbreviations"]) + list(pl["foreign_cities"])
    for country, aliases in pl["countries"].items():
        src["REGION"] += [country, *aliases]
    for t in off["titles"]:  # head words only ("Kepala" of "Kepala Desa", not "Desa")
        src["OFFICE"] += [x.split()[0] for x in (t["title"], t.get("expand", "")) if x]
    src["OFFICE"] += off["modifiers"] + off["english_titles"]["heads"] + nm["prefix_titles"]
    for label, fname in (("PERSON", "person.txt"), ("ORG", "organization.txt")):
        lines = (GAZETTEER / fname).read_text(encoding="utf-8", errors="replace").splitlines()
        src[label] += [x for x in lines if "\ufffd" not in x]
    src["PERSON"] += nm["common_first_names"] + pl["first_names"]
    src["ORG"] += off["organizations"]
    common = common_words(n_common)
    flags: Dict[str, int] = {}
    for label, names in src.items():
        words = {w for x in names for w in _lexicon_words(x)}
        if label != "OFFICE":
            words -= common
        print(f"gazetteer {label:6s} (flag {GAZ_FLAGS[label]}): {len(words):,} words")
        for w in words:
            flags[w] = flags.get(w, 0) | GAZ_FLAGS[label]
    print(f"gazetteer: {len(flags):,} words, {len(set(flags.values()))} classes; "
          f"the {len(common)} most frequent train words carry no REGION/PERSON/ORG flag")
    WORK.mkdir(parents=True, exist_ok=True)
    GAZ_JSON.write_text(json.dumps({str(get_string_id(w)): f for w, f in flags.items()}))
    return flags


def gazetteer_coverage(flags: Dict[str, int]) -> None:
    """Share of train tokens carrying each flag, by gold label (O = outside)."""
    from collections import Counter

    tot, hit = Counter(), Counter()
    for name in CORPORA:
        for words, tags in load_split(name, "train"):
            for w, t in zip(words, tags):
                lab = t[2:] if t != "O" else "O"
                tot[lab] += 1
                for k, bit in GAZ_FLAGS.items():
                    hit[lab, k] += bool(flags.get(w.lower(), 0) & bit)
    for lab in ("PERSON", "ORG", "PLACE", "O"):
        print(f"  train {lab:6s} tokens {tot[lab]:7,}: " + ", ".join(
            f"{k} {hit[lab, k] / tot[lab]:.1%}" for k in GAZ_FLAGS))


def write_gaz_config(gaz_rows: int) -> Path:
    """training/ner.cfg with the gazetteer embed and [initialize.lookups] -> GAZ_CONFIG."""
    from spacy.util import load_config

    cfg = load_config(CONFIG, interpolate=False)
    embed = cfg["components"]["ner"]["model"]["tok2vec"]["embed"]
    embed["@architectures"] = GAZ_ARCH
    embed["gaz_rows"] = gaz_rows
    cfg["initialize"]["lookups"] = {"@misc": GAZ_LOOKUPS, "path": str(GAZ_JSON)}
    cfg.to_disk(GAZ_CONFIG)
    return GAZ_CONFIG


def cmd_gazetteer(args) -> None:
    """Build the gazetteer table and train training/ner.cfg + gazetteer features into
    --output (default training/work/exp6_gaz); models/ner is never touched."""
    register_gazetteer()
    flags = build_gazetteer(args.common)
    gazetteer_coverage(flags)
    if args.no_train:
        return
    ov = _parse_overrides(args.set)
    if args.max_steps:
        ov["training.max_steps"] = args.max_steps
    _train(write_gaz_config(args.rows), Path(args.output), ov)


PRETRAIN_DIR = WORK / "pretrain"


def write_raw_text() -> Path:
    """Raw text for `spacy pretrain`: the corpora train sentences + detik dev article
    paragraphs (internal use only; stays in training/work)."""
    out = WORK / "raw.jsonl"
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for name in CORPORA:
            for words, _ in load_split(name, "train"):
                fh.write(json.dumps({"text": " ".join(words)}, ensure_ascii=False) + "\n")
                n += len(words)
        for para in speed_texts(limit_words=10**9):
            if len(para.split()) >= 5:
                fh.write(json.dumps({"text": para}, ensure_ascii=False) + "\n")
                n += len(para.split())
    print(f"wrote {out} (~{n:,} words)")
    return out


def pretrain_config(cfg_path: Path, raw: Path, epochs: int):
    """The ner config turned into a one-component "tok2vec" pipeline whose model is the
    ner's internal tok2vec (the ner's own "tok2vec" ref also contains its projection
    layer, which `spacy pretrain` cannot wrap)."""
    import copy

    from spacy.util import load_config

    cfg = load_config(cfg_path, overrides={"paths.raw_text": str(raw)}, interpolate=True)
    t2v = copy.deepcopy(cfg["components"]["ner"]["model"]["tok2vec"])
    cfg["nlp"]["pipeline"] = ["tok2vec"]
    cfg["components"] = {"tok2vec": {"factory": "tok2vec", "model": t2v}}
    cfg["pretraining"]["component"] = "tok2vec"
    cfg["pretraining"]["layer"] = ""
    cfg["pretraining"]["max_epochs"] = epochs
    return cfg


def cmd_pretrain(args) -> Path:
    """spacy pretrain (character objective) of the ner tok2vec on raw news text."""
    _single_thread()
    from spacy.training.pretrain import pretrain as spacy_pretrain
    from spacy.util import load_config

    raw = write_raw_text()
    if PRETRAIN_DIR.exists():
        shutil.rmtree(PRETRAIN_DIR)
    t0 = time.time()
    PRETRAIN_DIR.mkdir(parents=True)
    config = pretrain_config(Path(args.config) if getattr(args, "config", None) else CONFIG, raw, args.epochs)
    spacy_pretrain(config, PRETRAIN_DIR, use_gpu=-1, silent=False)
    print(f"pretraining wall time: {(time.time() - t0) / 60:.1f} min")
    weights = sorted(PRETRAIN_DIR.glob("model*.bin"), key=lambda p: p.stat().st_mtime)[-1]
    print(f"pretrained weights: {weights}")
    return weights


def cmd_baseline(args) -> None:
    cfg = WORK / "baseline.cfg"
    if not cfg.is_file():
        import subprocess

        subprocess.run(
            [sys.executable, "-m", "spacy", "init", "config", "--lang", "id", "--pipeline", "ner",
             "--optimize", "efficiency", "--force", str(cfg)],
            check=True,
        )
    ov = {}
    if args.max_steps:
        ov["training.max_steps"] = args.max_steps
    if BASELINE_DIR.exists():
        shutil.rmtree(BASELINE_DIR)
    _train(cfg, BASELINE_DIR, ov)


def cmd_all(args) -> None:
    cmd_convert()
    cmd_vectors()
    args.output = None
    args.config = str(CONFIG)
    cmd_train(args)


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


# --------------------------------------------------------------------------- evaluate

def _prf(tp: int, fp: int, fn: int) -> Dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn}


def evaluate_ner(nlp, corpora: Optional[Iterable[str]] = None, use_text: bool = False,
                 label_map: Optional[Dict[str, str]] = None) -> Dict[str, Dict[str, Dict[str, float]]]:
    """Entity-level exact-span scores on the dev splits.

    ``nlp`` is run on Docs built from the gold tokens (``use_text=False``) or on the
    reconstructed sentence text (``use_text=True``, for pipelines with their own tokenizer
    and rules).  Spans are compared by character offsets and label; predicted labels other
    than PERSON/ORG/PLACE (after ``label_map``) are ignored.

    Returns ``{corpus: {label: {p, r, f, tp, fp, fn}, "all": {...}}, "micro": {...}}``
    where "micro" pools all corpora.
    """
    check_data()
    corpora = list(corpora or CORPORA)
    label_map = label_map or {}
    result: Dict[str, Dict[str, Dict[str, float]]] = {}
    micro = {l: [0, 0, 0] for l in LABELS}
    for name in corpora:
        counts = {l: [0, 0, 0] for l in LABELS}
        sents = load_split(name, "dev")
        gold_docs = [make_doc(nlp.vocab, w, t) for w, t in sents]
        if use_text:
            inputs = [d.text for d in gold_docs]
        else:
            inputs = [make_doc(nlp.vocab, w) for w, _ in sents]
        for gold, pred in zip(gold_docs, nlp.pipe(inputs, batch_size=256)):
            g = {(e.start_char, e.end_char, e.label_) for e in gold.ents}
            p = set()
            # with the rules, an organisation inside an office is a nested mention (pipeline.nlp.NESTED_KEY)
            for e in list(pred.ents) + list(pred.spans.get("orgs_in_offices", [])):
                lab = label_map.get(e.label_, e.label_)
                if lab in LABELS:
                    p.add((e.start_char, e.end_char, lab))
            for lab in LABELS:
                gl = {x for x in g if x[2] == lab}
                pl = {x for x in p if x[2] == lab}
                tp = len(gl & pl)
                counts[lab][0] += tp
                counts[lab][1] += len(pl) - tp
                counts[lab][2] += len(gl) - tp
        result[name] = {l: _prf(*counts[l]) for l in LABELS}
        result[name]["all"] = _prf(*[sum(counts[l][i] for l in LABELS) for i in range(3)])
        for l in LABELS:
            for i in range(3):
                micro[l][i] += counts[l][i]
    result["micro"] = {l: _prf(*micro[l]) for l in LABELS}
    result["micro"]["all"] = _prf(*[sum(micro[l][i] for l in LABELS) for i in range(3)])
    return result


def format_scores(title: str, res: Dict[str, Dict[str, Dict[str, float]]]) -> str:
    lines = [f"## {title}", f"{'corpus':18s} {'label':7s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s}"]
    for corpus, by_label in res.items():
        for lab in list(LABELS) + ["all"]:
            s = by_label[lab]
            lines.append(
                f"{corpus:18s} {lab:7s} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f} {s['tp'] + s['fn']:6d}"
            )
    return "\n".join(lines)


def cmd_evaluate(args) -> None:
    _single_thread()
    import spacy

    register_gazetteer()  # so that gazetteer experiment models load too

    out = {}
    base_best = BASELINE_DIR / "model-best"
    if base_best.is_dir():
        res = evaluate_ner(spacy.load(base_best))
        print(format_scores("baseline (stock efficiency config)", res))
        out["baseline"] = res
    else:
        print(f"(baseline not found at {base_best}; run `train_ner.py baseline` to compare)")
    model = Path(args.model)
    if model.is_dir():
        res = evaluate_ner(spacy.load(model))
        print(format_scores(f"ours ({model})", res))
        out["ours"] = res
    else:
        print(f"(model not found at {model})")
    if args.with_rules:
        try:
            sys.path.insert(0, str(ROOT))
            from pipeline import load_nlp

            nlp = load_nlp()
            res = evaluate_ner(nlp, use_text=True, label_map={"PER": "PERSON", "LOC": "PLACE", "GPE": "PLACE"})
            print(format_scores("pipeline.load_nlp() (model + rules)", res))
            out["with_rules"] = res
        except Exception as exc:  # the lead's pipeline may not exist yet
            print(f"(skipping --with-rules: pipeline.load_nlp() unavailable: {type(exc).__name__}: {exc})")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


# --------------------------------------------------------------------------- speed

def speed_texts(limit_words: int = 200_000) -> List[str]:
    """News text for timing: the detik dev CSV if present, else the corpora dev sentences."""
    csv_path = DATA / "detik-news-1k-2025" / "data_berita.dev.csv"
    texts: List[str] = []
    n = 0
    if csv_path.is_file():
        import csv

        csv.field_size_limit(10**8)
        with open(csv_path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for para in (row.get("isi_berita") or "").split("\n"):
                    para = para.strip()
                    if para:
                        texts.append(para)
                        n += len(para.split())
                if n >= limit_words:
                    break
    if not texts:
        for name in CORPORA:
            for words, _ in load_split(name, "dev"):
                texts.append(" ".join(words))
    return texts


def measure_speed(nlp, texts: Sequence[str], repeats: int = 2) -> Dict[str, float]:
    """Words/s of the pipeline components on pre-tokenised docs, by wall clock and by
    process CPU time (the CPU-time figure is robust to other jobs sharing the cores)."""
    list(nlp.pipe([nlp.make_doc(t) for t in texts[:50]]))  # warm-up
    best_wall = best_cpu = float("inf")
    n_words = 0
    for _ in range(repeats):
        docs = [nlp.make_doc(t) for t in texts]
        n_words = sum(len(d) for d in docs)
        t0, c0 = time.perf_counter(), time.process_time()
        for _d in nlp.pipe(docs, batch_size=256):
            pass
        best_wall = min(best_wall, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    c0 = time.process_time()
    for _d in nlp.pipe(texts, batch_size=256):
        pass
    full_cpu = time.process_time() - c0
    return {"words": n_words, "wps_wall": n_words / best_wall, "wps_cpu": n_words / best_cpu,
            "wps_cpu_with_tokenizer": n_words / full_cpu}


def cmd_speed(args) -> None:
    _single_thread()
    import spacy

    register_gazetteer()  # so that gazetteer experiment models load too

    texts = speed_texts(args.words)
    for label, path in (("ours", Path(args.model)), ("baseline", BASELINE_DIR / "model-best")):
        if not path.is_dir():
            continue
        s = measure_speed(spacy.load(path), texts)
        print(
            f"{label:9s} {path}: {s['words']} words, 1 thread: {s['wps_cpu']:,.0f} words/s per CPU-second "
            f"({s['wps_cpu_with_tokenizer']:,.0f} incl. tokenizer; wall clock {s['wps_wall']:,.0f} words/s "
            f"on this possibly shared machine), size {dir_size_mb(path):.1f} MB"
        )


# --------------------------------------------------------------------------- main

def main(argv: Optional[Sequence[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("convert", help="corpora -> training/work/*.spacy")
    for name in ("train", "all"):
        p = sub.add_parser(name, help="train training/ner.cfg -> models/ner" + (" (after convert)" if name == "all" else ""))
        p.add_argument("--config", default=str(CONFIG))
        p.add_argument("--max-steps", type=int, default=0, help="override training.max_steps")
        p.add_argument("--output", default=None, help="experiment output dir (models/ner untouched)")
        p.add_argument("--set", nargs="*", default=[], help="config overrides key=value")
        p.add_argument("--init-tok2vec", default=None, help="weights from `pretrain` (model*.bin)")
    p = sub.add_parser("vectors", help="floret vectors on raw text -> training/work/vectors/nlp")
    p.add_argument("--no-names", action="store_true", help="without the DBpedia name lists")
    p.add_argument("--dim", type=int, default=0)
    p.add_argument("--bucket", type=int, default=0)
    p.add_argument("--output", default=None)
    sub.add_parser("ambig", help="train_ambig.spacy: minority ORG/PLACE spans set to missing")
    p = sub.add_parser("gazetteer", help="experiment: gazetteer class as a ner token feature")
    p.add_argument("--output", default=str(WORK / "exp6_gaz"))
    p.add_argument("--rows", type=int, default=64, help="hash rows of the gazetteer table")
    p.add_argument("--common", type=int, default=2000, help="most frequent train words left unflagged")
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--set", nargs="*", default=[], help="config overrides key=value")
    p.add_argument("--no-train", action="store_true", help="only build and report the table")
    p = sub.add_parser("augment", help="train.spacy + copies with names replaced from the DBpedia lists")
    p.add_argument("--copies", type=int, default=1)
    p = sub.add_parser("pretrain", help="spacy pretrain the ner tok2vec on raw text -> training/work/pretrain")
    p.add_argument("--config", default=str(CONFIG))
    p.add_argument("--epochs", type=int, default=4)
    p = sub.add_parser("baseline", help="stock efficiency config -> training/work/baseline")
    p.add_argument("--max-steps", type=int, default=0)
    p = sub.add_parser("evaluate", help="dev-split scores per label and corpus")
    p.add_argument("--model", default=str(MODEL_DIR))
    p.add_argument("--with-rules", action="store_true", help="also evaluate pipeline.load_nlp()")
    p.add_argument("--json", default=None, help="write scores as JSON here")
    p = sub.add_parser("speed", help="words/s on one core")
    p.add_argument("--model", default=str(MODEL_DIR))
    p.add_argument("--words", type=int, default=200_000)
    args = ap.parse_args(argv)
    {"convert": cmd_convert, "train": cmd_train, "all": cmd_all, "baseline": cmd_baseline,
     "evaluate": cmd_evaluate, "pretrain": cmd_pretrain, "augment": cmd_augment, "speed": cmd_speed,
     "vectors": cmd_vectors, "ambig": cmd_ambig, "gazetteer": cmd_gazetteer}[args.cmd](args)


if __name__ == "__main__":
    main()
