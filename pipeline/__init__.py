"""pipeline: Indonesian news articles -> a checkable dataset of who did what, where, when, and who said what."""

__version__ = "0.1.0"


def load_nlp(*args, **kwargs):
    """Return the project's spaCy Language (see :func:`pipeline.nlp.load_nlp`)."""
    from .nlp import load_nlp as _load

    return _load(*args, **kwargs)


__all__ = ["load_nlp", "__version__"]
