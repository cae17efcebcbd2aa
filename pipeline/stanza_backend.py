"""Optional stanza backend: tokens, POS tags and lemmas from stanza, our NER and rules on top.

For users who already have stanza's Indonesian models on disk (``pip install '.[stanza]'``,
then ``stanza.download("id")`` on a machine with network). Select it with
``pipeline extract --backend stanza`` or ``load_nlp(backend="stanza")``. stanza needs torch:
install a CPU build first (``pip install torch==2.13.0``), or pip pulls a multi-gigabyte GPU
build. Nothing is downloaded at run time: without the models the backend fails with one line
(E102) saying how to get them.

:func:`doc_from_stanza` converts a stanza ``Document`` into a spaCy ``Doc`` over exactly the
same text (whitespace that stanza drops between tokens becomes whitespace tokens), with
``pos_``, ``lemma_`` and stanza's sentence starts; the project's components then run unchanged
(the quote-aware sentencizer re-derives sentences from paragraphs and quotation marks).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .errors import Errors

_UPOS = frozenset("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE".split())


def doc_from_stanza(sdoc: Any, vocab: Vocab, text: str | None = None) -> Doc:
    """A spaCy Doc of a stanza Document: one spaCy token per stanza token (multi-word tokens keep
    the surface form and the first word's tag), char-exact over ``text`` (default ``sdoc.text``)."""
    text = sdoc.text if text is None else text
    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    lemmas: list[str] = []
    starts: list[bool] = []
    cursor = 0

    def gap_until(position: int) -> None:
        nonlocal cursor
        gap = text[cursor:position]
        if not gap:
            return
        if gap == " " and words and not spaces[-1]:
            spaces[-1] = True
        else:
            if gap.endswith(" ") and len(gap) > 1 and words and not spaces[-1]:
                gap = gap[:-1]
                words.append(gap)
                spaces.append(True)
            else:
                words.append(gap)
                spaces.append(False)
            pos.append("SPACE")
            lemmas.append(gap)
            starts.append(False)
        cursor = position

    for sent in sdoc.sentences:
        first = True
        for tok in sent.tokens:
            gap_until(tok.start_char)
            word = tok.words[0] if getattr(tok, "words", None) else tok
            words.append(text[tok.start_char:tok.end_char])
            spaces.append(False)
            upos = getattr(word, "upos", None) or "X"
            pos.append(upos if upos in _UPOS else "X")
            lemmas.append(getattr(word, "lemma", None) or words[-1])
            starts.append(first)
            first = False
            cursor = tok.end_char
    gap_until(len(text))
    if starts:
        starts[0] = True
    doc = Doc(vocab, words=words, spaces=spaces, pos=pos, lemmas=lemmas, sent_starts=starts)
    if doc.text != text:
        raise ValueError(Errors.E104.format(reason="token offsets do not cover the text"))
    return doc


class StanzaTokenizer:
    """A spaCy tokenizer that runs stanza's Indonesian tokenize, pos and lemma processors."""

    def __init__(self, vocab: Vocab, model_dir: str | None = None) -> None:
        self.vocab = vocab
        self.model_dir = model_dir
        self._pipeline = None

    @property
    def pipeline(self):
        if self._pipeline is None:
            self._pipeline = load_stanza(self.model_dir)
        return self._pipeline

    def __call__(self, text: str) -> Doc:
        return doc_from_stanza(self.pipeline(text), self.vocab, text)

    def pipe(self, texts, batch_size: int = 32):
        for t in texts:
            yield self(t)

    def to_disk(self, path, **kw):  # the stanza models live in stanza's own resources folder
        pass

    def from_disk(self, path, **kw):
        return self


def load_stanza(model_dir: str | None = None):
    """stanza's Indonesian pipeline from models already on disk; E102 in one line otherwise."""
    try:
        import stanza
    except ImportError as e:
        raise RuntimeError(Errors.E102.format(reason=f"stanza is not installed: {e}")) from None
    try:
        kwargs = {"dir": model_dir} if model_dir else {}
        return stanza.Pipeline(lang="id", processors="tokenize,pos,lemma", download_method=None, use_gpu=False,
                               verbose=False, **kwargs)
    except Exception as e:  # stanza raises several types for missing resources
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise RuntimeError(Errors.E102.format(reason=reason)) from None
