"""Bring spreadsheets into a process file: participant lists and post-its (no Qt).

Each importer reads the whole file, checks every row, and returns an
``ImportPlan``: either the problems (row number and what is wrong, in the user's
language) or one command that imports everything in one transaction and one
undo step. Nothing is ever half-imported.
"""

from .csvread import ImportPlan, Problem
from .notes_csv import imported_message, plan_notes_import
from .participants_csv import participants_imported_message, plan_participants_import

__all__ = ["ImportPlan", "Problem", "imported_message", "participants_imported_message", "plan_notes_import",
           "plan_participants_import"]
