"""The closed word lists of the domain, shared by the schema's CHECKs and the UI.

Kept apart from the store so that code which only needs the words (templates,
panels) does not load SQLite.
"""

INPUT_MODES = ("individual", "group", "plenary")
MINUTES_KINDS = ("idea_clave", "propuesta", "acuerdo", "compromiso", "pregunta")
COMMITMENT_STATUSES = ("pending", "in_progress", "done", "late", "dropped")
RECEPTIONS = ("favourable", "reservations", "objections")
MONITORING_STATUSES = ("not_started", "on_track", "late", "done")
NOTE_MARKS = ("critical", "manageable", "serious", "urgent")
CANVAS_VARIANTS = ("", "objectives")
