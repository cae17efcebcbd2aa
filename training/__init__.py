"""Training and evaluation scripts for the project's own spaCy NER model."""
