"""The process file: one SQLite database per process, used as the document format."""

from .db import Store, create_process_file, open_process_file
from .errors import FileProblem, StoreBug, TooLong
from .schema import SCHEMA_VERSION

__all__ = ["Store", "create_process_file", "open_process_file", "FileProblem", "StoreBug", "TooLong", "SCHEMA_VERSION"]
