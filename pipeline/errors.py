"""All user-facing error and warning messages, with stable codes (as spaCy's errors.py).

Use ``Errors.E001.format(...)``; every message names the file or object and the reason in one
line, so a researcher scanning a log of a million articles sees what went wrong and where.
Codes: E0xx ingest, E1xx nlp/model, E2xx dataset/output, E3xx dates, E4xx places,
E5xx dedupe, E6xx report/query, E7xx validate, E9xx CLI.
"""


class ErrorsWithCodes(type):
    def __getattribute__(self, code):
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=ErrorsWithCodes):
    # ingest
    E001 = "{path}: cannot decode as UTF-8 text ({reason})"
    E002 = "{path}: binary file, not text"
    E003 = "{path}: empty file"
    E004 = "{path}: line {line}: broken JSON ({reason})"
    E005 = "{path}: unsupported extension '{ext}' (use .txt, .jsonl, .jsonl.gz or .html)"
    E006 = "{path}: article of {size} characters exceeds max_chars={limit}; {action}"
    E007 = "{path}: no article text left after cleaning"
    E008 = "{path}: line {line}: JSON object has no 'text' field"
    E009 = "{path}: decompressed size exceeds {limit} bytes (possible decompression bomb); rest of file skipped"
    E010 = "{path}: cannot read ({reason})"
    E011 = "{path}: article took longer than {limit} s to process; skipped"
    E012 = "{path}: article failed in processing ({reason}); skipped"
    # nlp / model
    E101 = "NER model not found at {path}; run `make models` or install the package with its models/"
    E102 = "stanza backend needs stanza and its Indonesian models: pip install '.[stanza]' then python -c \"import stanza; stanza.download('id')\" on a machine with network ({reason})"
    E103 = "unknown backend '{backend}' (use 'spacy' or 'stanza')"
    E104 = "stanza output could not be converted to a spaCy Doc ({reason})"
    # dataset / output
    E201 = "{path}: output folder is locked by another running extraction (pid {pid}); wait for it or remove the lock file if that process is gone"
    E202 = "{path}: not an output folder of `pipeline extract` (no manifest.json)"
    # dates
    E301 = "{path}: duplicate key '{key}' in the date lexicon"
    E302 = "{path}: invalid date lexicon: {reason}"
    E303 = "unknown weekday resolution mode '{mode}' (use on_or_before, before, after, on_or_after, this_week, last_week or next_week)"
    # report / query
    E601 = "{path}: not an output folder of `pipeline extract` (no such folder, or no manifest.json and no quotes.parquet in it)"
    E602 = "{path}: output folder has no quotes table (quotes.parquet); rerun `pipeline extract` with a version that writes quotes"
    E603 = "{path}: cannot read table '{table}' ({reason})"
    E604 = "unknown output format '{fmt}' (use table, csv or json)"
    E605 = "--limit must be a positive integer, got {limit}"
    E606 = "{path}: cannot write the report ({reason})"
    # validate
    E701 = "{path}: no such folder to validate; pass the --out folder of `pipeline extract`"
    E702 = "{path}: is a file, not an output folder; pass the --out folder of `pipeline extract`"
    E703 = "{path}: stopped after {n} problems; pass --max-problems 0 to list them all"
    # dedupe
    E501 = "{path}: cannot read dedupe resource ({reason})"
    E502 = "{path}: unknown dedupe setting '{key}' (see DedupeConfig in pipeline/dedupe.py)"
    # places
    E401 = "{path}: invalid places lexicon ({reason})"
    E402 = "{path}: cannot read the Kemendagri wilayah dump ({reason}); region codes below province level left empty"
    E403 = "areaid data not usable ({reason}); install areaid 1.1.x"
    # CLI
    E901 = "no usable article in the inputs ({n_skipped} skipped); see manifest.json"
    E902 = "input path does not exist: {path}"
    E903 = "--engine dask needs dask.distributed, which is not installed ({reason}); install the extra: pip install '.[dask]'"
