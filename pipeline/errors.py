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
    # dataset / output
    E201 = "{path}: output folder is locked by another running extraction (pid {pid}); wait for it or remove the lock file if that process is gone"
    E202 = "{path}: not an output folder of `pipeline extract` (no manifest.json)"
    # CLI
    E901 = "no usable article in the inputs ({n_skipped} skipped); see manifest.json"
    E902 = "input path does not exist: {path}"
