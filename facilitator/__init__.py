"""Papelógrafo: the facilitator's desktop app (domain, store, session, Qt UI)."""

__version__ = "0.1.0"
APP_NAME = "Papelógrafo"
FILE_SUFFIX = ".taller"
