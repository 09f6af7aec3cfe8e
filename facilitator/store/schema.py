"""Versioned schema of the process file.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks
the file as ours. Each migration takes the file from version N-1 to N and runs in
one transaction with the version bump, so a file is always at a whole version.
Add a new step at the end of ``MIGRATIONS``; never edit a released one.

Every table has a UUID text ``id`` and ISO-8601 UTC ``created_at``/``updated_at``,
so that files captured on two laptops can be merged without duplicates.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

from .words_step import words_step

APPLICATION_ID = 0x5061704C  # "PapL"

# Frozen copies: a released migration must not change when the vocabulary grows.
CANVAS_KINDS = ("board", "foda", "problem_tree", "planning_matrix", "monitoring_matrix")
INPUT_MODES = ("individual", "group", "plenary")
MINUTES_KINDS = ("idea_clave", "propuesta", "acuerdo", "compromiso", "pregunta")
COMMITMENT_STATUSES = ("pending", "in_progress", "done", "late", "dropped")
RECEPTIONS = ("favourable", "reservations", "objections")
MONITORING_STATUSES = ("not_started", "on_track", "late", "done")

_STAMPS = "id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL"

_V1 = [
    f"""CREATE TABLE process (
        {_STAMPS},
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        organisers TEXT NOT NULL DEFAULT '',
        publish_url TEXT NOT NULL DEFAULT '',
        logo BLOB
    )""",
    f"""CREATE TABLE workshop (
        {_STAMPS},
        process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL,
        template_id TEXT NOT NULL DEFAULT '',
        method TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        start_time TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        objectives TEXT NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE canvas (
        {_STAMPS},
        workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        key TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN {CANVAS_KINDS!r}),
        title TEXT NOT NULL DEFAULT '',
        zones TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    f"""CREATE TABLE block (
        {_STAMPS},
        workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        key TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        minutes INTEGER NOT NULL CHECK (minutes > 0),
        input_modes TEXT NOT NULL DEFAULT 'plenary',
        instruction TEXT NOT NULL DEFAULT '',
        canvas_id TEXT REFERENCES canvas(id) ON DELETE SET NULL,
        zone TEXT
    )""",
    f"""CREATE TABLE participant (
        {_STAMPS},
        process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
        name TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '',
        gender TEXT NOT NULL DEFAULT '',
        territory TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1))
    )""",
    f"""CREATE TABLE workgroup (
        {_STAMPS},
        workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        colour TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    f"""CREATE TABLE attendance (
        {_STAMPS},
        workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
        group_id TEXT REFERENCES workgroup(id) ON DELETE SET NULL,
        UNIQUE (workshop_id, participant_id)
    )""",
    f"""CREATE TABLE theme (
        {_STAMPS},
        canvas_id TEXT NOT NULL REFERENCES canvas(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        colour TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    f"""CREATE TABLE note (
        {_STAMPS},
        canvas_id TEXT NOT NULL REFERENCES canvas(id) ON DELETE CASCADE,
        zone TEXT NOT NULL DEFAULT '',
        group_id TEXT REFERENCES workgroup(id) ON DELETE SET NULL,
        block_id TEXT REFERENCES block(id) ON DELETE SET NULL,
        author TEXT NOT NULL DEFAULT '',
        participant_id TEXT REFERENCES participant(id) ON DELETE SET NULL,
        text TEXT NOT NULL,
        x REAL NOT NULL DEFAULT 0,
        y REAL NOT NULL DEFAULT 0,
        colour TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
        theme_id TEXT REFERENCES theme(id) ON DELETE SET NULL,
        origin_id TEXT,
        position REAL NOT NULL DEFAULT 0
    )""",
    f"""CREATE TABLE link (
        {_STAMPS},
        canvas_id TEXT NOT NULL REFERENCES canvas(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'cause_effect'
    )""",
    f"""CREATE TABLE minutes_entry (
        {_STAMPS},
        workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        block_id TEXT REFERENCES block(id) ON DELETE SET NULL,
        group_id TEXT REFERENCES workgroup(id) ON DELETE SET NULL,
        kind TEXT NOT NULL DEFAULT 'idea_clave' CHECK (kind IN {MINUTES_KINDS!r}),
        speaker TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT '',
        position REAL NOT NULL DEFAULT 0
    )""",
    f"""CREATE TABLE photo (
        {_STAMPS},
        workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        block_id TEXT REFERENCES block(id) ON DELETE SET NULL,
        group_id TEXT REFERENCES workgroup(id) ON DELETE SET NULL,
        caption TEXT NOT NULL DEFAULT '',
        mime TEXT NOT NULL,
        width INTEGER NOT NULL DEFAULT 0,
        height INTEGER NOT NULL DEFAULT 0,
        data BLOB NOT NULL,
        original BLOB,
        taken_at TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    f"""CREATE TABLE run_event (
        {_STAMPS},
        workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        block_id TEXT REFERENCES block(id) ON DELETE SET NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        elapsed REAL NOT NULL DEFAULT 0,
        payload TEXT NOT NULL DEFAULT '{{}}'
    )""",
    "CREATE INDEX workshop_process ON workshop(process_id, position)",
    "CREATE INDEX block_workshop ON block(workshop_id, position)",
    "CREATE INDEX canvas_workshop ON canvas(workshop_id, position)",
    "CREATE INDEX note_canvas ON note(canvas_id, zone)",
    "CREATE INDEX note_group ON note(group_id)",
    "CREATE INDEX note_block ON note(block_id)",
    "CREATE INDEX note_theme ON note(theme_id)",
    "CREATE INDEX note_participant ON note(participant_id)",
    "CREATE INDEX link_source ON link(source_id)",
    "CREATE INDEX link_target ON link(target_id)",
    "CREATE INDEX link_canvas ON link(canvas_id)",
    "CREATE INDEX theme_canvas ON theme(canvas_id)",
    "CREATE INDEX group_workshop ON workgroup(workshop_id)",
    "CREATE INDEX attendance_participant ON attendance(participant_id)",
    "CREATE INDEX attendance_group ON attendance(group_id)",
    "CREATE INDEX participant_process ON participant(process_id)",
    "CREATE INDEX minutes_workshop ON minutes_entry(workshop_id, position)",
    "CREATE INDEX minutes_block ON minutes_entry(block_id)",
    "CREATE INDEX minutes_group ON minutes_entry(group_id)",
    "CREATE INDEX photo_workshop ON photo(workshop_id)",
    "CREATE INDEX photo_block ON photo(block_id)",
    "CREATE INDEX photo_group ON photo(group_id)",
    "CREATE INDEX run_event_workshop ON run_event(workshop_id, at)",
    "CREATE INDEX run_event_block ON run_event(block_id)",
    "CREATE INDEX block_canvas ON block(canvas_id)",
]


def _run(statements: list[str]) -> Callable[[sqlite3.Connection], None]:
    def step(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)

    return step


def _v2_commitments_and_validation(conn: sqlite3.Connection) -> None:
    """Commitments as first-class rows (what, who, by when, how verified) and validation rounds.

    A commitment belongs to the process (the monitoring matrix follows it across
    workshops) and, when it was made in a workshop, to that workshop too; it may
    come from a "compromiso" entry of the minutes. A validation round records how
    one stakeholder group received a proposal and why.
    """
    statements = [
        f"""CREATE TABLE commitment (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            workshop_id TEXT REFERENCES workshop(id) ON DELETE CASCADE,
            origin_entry_id TEXT REFERENCES minutes_entry(id) ON DELETE SET NULL,
            what TEXT NOT NULL,
            responsible TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL DEFAULT '',
            indicator TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN {COMMITMENT_STATUSES!r}),
            position REAL NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE validation_round (
            {_STAMPS},
            workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
            proposal TEXT NOT NULL DEFAULT '',
            stakeholder TEXT NOT NULL DEFAULT '',
            reception TEXT NOT NULL DEFAULT 'favourable' CHECK (reception IN {RECEPTIONS!r}),
            reasons TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX commitment_process ON commitment(process_id, position)",
        "CREATE INDEX commitment_workshop ON commitment(workshop_id)",
        "CREATE INDEX commitment_origin ON commitment(origin_entry_id)",
        "CREATE INDEX validation_round_workshop ON validation_round(workshop_id, position)",
    ]
    for sql in statements:
        conn.execute(sql)


def _v3_method_canvases(conn: sqlite3.Connection) -> None:
    """The structured method canvases: tree marks and scores, objective trees, planning and monitoring rows.

    * ``canvas.variant`` is ``''`` or ``'objectives'`` (an objective tree is a problem-tree
      canvas restated as objectives); ``canvas.origin_id`` is the canvas it was made from.
    * ``note.marks`` is a JSON list of prioritisation marks (``critical``/``manageable`` on
      causes, ``serious``/``urgent`` on effects); ``impact`` and ``feasibility`` score a
      node from 1 to 5.
    * ``initiative`` is one row of a planning matrix (METHODS §4): the method's nine
      columns plus the workshop's detail questions, a SMART checklist and its origin.
    * ``monitoring_row`` is one row of a monitoring matrix (METHODS §5), carried over
      from an initiative or a commitment when it was not typed.

    Origins (``origin_note_id``, ``origin_initiative_id``, ``origin_commitment_id``, like
    ``note.origin_id``) are plain ids, not foreign keys: when the origin is deleted the
    row keeps pointing at it, so the trace can say "its origin was deleted" instead of
    silently forgetting where it came from.
    """
    statements = [
        "ALTER TABLE canvas ADD COLUMN variant TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE canvas ADD COLUMN origin_id TEXT REFERENCES canvas(id) ON DELETE SET NULL",
        "ALTER TABLE note ADD COLUMN marks TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE note ADD COLUMN impact INTEGER CHECK (impact BETWEEN 1 AND 5)",
        "ALTER TABLE note ADD COLUMN feasibility INTEGER CHECK (feasibility BETWEEN 1 AND 5)",
        f"""CREATE TABLE initiative (
            {_STAMPS},
            canvas_id TEXT NOT NULL REFERENCES canvas(id) ON DELETE CASCADE,
            axis TEXT NOT NULL DEFAULT '',
            strategy TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT '',
            goal TEXT NOT NULL DEFAULT '',
            funding TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            alliances TEXT NOT NULL DEFAULT '',
            plan_ref TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            needs_funding INTEGER CHECK (needs_funding IN (0, 1)),
            objective TEXT NOT NULL DEFAULT '',
            indicators TEXT NOT NULL DEFAULT '',
            smart TEXT NOT NULL DEFAULT '{{}}',
            group_id TEXT REFERENCES workgroup(id) ON DELETE SET NULL,
            origin_note_id TEXT,
            position REAL NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE monitoring_row (
            {_STAMPS},
            canvas_id TEXT NOT NULL REFERENCES canvas(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            objective TEXT NOT NULL DEFAULT '',
            responsible TEXT NOT NULL DEFAULT '',
            start_date TEXT NOT NULL DEFAULT '',
            end_date TEXT NOT NULL DEFAULT '',
            indicator TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT '',
            current_state TEXT NOT NULL DEFAULT '',
            last_review TEXT NOT NULL DEFAULT '',
            on_track INTEGER CHECK (on_track IN (0, 1)),
            achievements TEXT NOT NULL DEFAULT '',
            challenges TEXT NOT NULL DEFAULT '',
            needs_adjustment INTEGER CHECK (needs_adjustment IN (0, 1)),
            adjustments TEXT NOT NULL DEFAULT '',
            adjustment_responsible TEXT NOT NULL DEFAULT '',
            adjustment_deadline TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN {MONITORING_STATUSES!r}),
            origin_initiative_id TEXT,
            origin_commitment_id TEXT,
            position REAL NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX canvas_origin ON canvas(origin_id)",
        "CREATE INDEX initiative_canvas ON initiative(canvas_id, position)",
        "CREATE INDEX initiative_group ON initiative(group_id)",
        "CREATE INDEX initiative_origin ON initiative(origin_note_id)",
        "CREATE INDEX monitoring_row_canvas ON monitoring_row(canvas_id, position)",
        "CREATE INDEX monitoring_row_initiative ON monitoring_row(origin_initiative_id)",
        "CREATE INDEX monitoring_row_commitment ON monitoring_row(origin_commitment_id)",
        "CREATE INDEX note_origin ON note(origin_id)",
    ]
    for sql in statements:
        conn.execute(sql)


def _merge_history(conn: sqlite3.Connection) -> None:
    """What two laptops need to merge field by field: revisions, tombstones and open conflicts.

    * ``field_rev`` is the history of every field edit: revision ``rev`` of field
      ``field`` of row ``row_id`` in table ``tbl``, made on ``device``, replacing
      revision ``prev`` (NULL: the value the row was created with). A revision that
      replaced two (a resolved conflict) has one row per parent. A field's current
      revisions are those no other revision replaces: one when the history is
      linear, two or more when two laptops changed it independently. No clock
      decides anything, so a laptop whose clock says 9999 cannot win a merge.
    * ``tombstone`` remembers each deleted row (``tbl``, ``row_id``), so a merge
      never brings it back and carries the deletion to the other laptop.
    * ``merge_conflict`` is the list of fields both laptops changed since their
      common base, with both values (JSON) for the facilitator to choose from.
      ``resolved`` is ``''`` while open, then ``'mine'`` or ``'theirs'``.

    None of them has foreign keys: they outlive the rows they describe.
    """
    statements = [
        f"""CREATE TABLE IF NOT EXISTS field_rev (
            {_STAMPS},
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            rev TEXT NOT NULL,
            prev TEXT,
            device TEXT NOT NULL DEFAULT ''
        )""",
        f"""CREATE TABLE IF NOT EXISTS tombstone (
            {_STAMPS},
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            device TEXT NOT NULL DEFAULT '',
            UNIQUE (tbl, row_id)
        )""",
        f"""CREATE TABLE IF NOT EXISTS merge_conflict (
            {_STAMPS},
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            mine TEXT NOT NULL DEFAULT 'null',
            theirs TEXT NOT NULL DEFAULT 'null',
            their_device TEXT NOT NULL DEFAULT '',
            their_rev TEXT NOT NULL DEFAULT '',
            resolved TEXT NOT NULL DEFAULT '' CHECK (resolved IN ('', 'mine', 'theirs'))
        )""",
        "CREATE INDEX IF NOT EXISTS field_rev_row ON field_rev(tbl, row_id, field)",
        "CREATE INDEX IF NOT EXISTS field_rev_prev ON field_rev(prev)",
        "CREATE INDEX IF NOT EXISTS merge_conflict_row ON merge_conflict(tbl, row_id, field)",
    ]
    for sql in statements:
        conn.execute(sql)


def _phone_capture(conn: sqlite3.Connection) -> None:
    """Capture from phones and recorder laptops over the room's network (issue 16).

    * ``capture_session`` is one opening of the capture for a workshop's block: when it
      opened and closed, and its switches (moderation queue, pause, dot vote and its
      dots per phone, whether an optional name is asked). Tokens are not stored: they
      live in the server's memory and die with it, so a copied file carries no key.
    * ``capture_item`` is one post-it as a phone (or a recorder laptop) sent it, with its
      origin (``source`` phone/recorder, the phone's random id, group, zone, time). It is
      ``pending`` in the moderation queue, ``accepted`` once on the board (``note_id``),
      ``hidden`` in the recoverable bin, ``merged`` into another note, or ``withdrawn``
      by its author. The board and the exports read only ``note`` rows, so a pending or
      hidden text never reaches them.
    * ``capture_vote`` is one dot a phone gave a note while a vote was open; the note's
      ``votes`` count moves with it through the same command.

    Self-contained and idempotent-safe: ``IF NOT EXISTS`` throughout.
    """
    statements = [
        f"""CREATE TABLE IF NOT EXISTS capture_session (
            {_STAMPS},
            workshop_id TEXT NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
            block_id TEXT REFERENCES block(id) ON DELETE SET NULL,
            canvas_id TEXT REFERENCES canvas(id) ON DELETE SET NULL,
            opened_at TEXT NOT NULL,
            closed_at TEXT NOT NULL DEFAULT '',
            moderated INTEGER NOT NULL DEFAULT 0 CHECK (moderated IN (0, 1)),
            paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
            voting INTEGER NOT NULL DEFAULT 0 CHECK (voting IN (0, 1)),
            dots INTEGER NOT NULL DEFAULT 3 CHECK (dots BETWEEN 1 AND 20),
            ask_name INTEGER NOT NULL DEFAULT 0 CHECK (ask_name IN (0, 1))
        )""",
        f"""CREATE TABLE IF NOT EXISTS capture_item (
            {_STAMPS},
            session_id TEXT NOT NULL REFERENCES capture_session(id) ON DELETE CASCADE,
            source TEXT NOT NULL DEFAULT 'phone' CHECK (source IN ('phone', 'recorder')),
            phone TEXT NOT NULL DEFAULT '',
            group_id TEXT REFERENCES workgroup(id) ON DELETE SET NULL,
            zone TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'hidden', 'merged', 'withdrawn')),
            note_id TEXT REFERENCES note(id) ON DELETE SET NULL,
            sent_at TEXT NOT NULL
        )""",
        f"""CREATE TABLE IF NOT EXISTS capture_vote (
            {_STAMPS},
            session_id TEXT NOT NULL REFERENCES capture_session(id) ON DELETE CASCADE,
            phone TEXT NOT NULL,
            note_id TEXT NOT NULL REFERENCES note(id) ON DELETE CASCADE
        )""",
        "CREATE INDEX IF NOT EXISTS capture_session_workshop ON capture_session(workshop_id)",
        "CREATE INDEX IF NOT EXISTS capture_session_block ON capture_session(block_id)",
        "CREATE INDEX IF NOT EXISTS capture_session_canvas ON capture_session(canvas_id)",
        "CREATE INDEX IF NOT EXISTS capture_item_session ON capture_item(session_id, status)",
        "CREATE INDEX IF NOT EXISTS capture_item_phone ON capture_item(phone)",
        "CREATE INDEX IF NOT EXISTS capture_item_group ON capture_item(group_id)",
        "CREATE INDEX IF NOT EXISTS capture_item_note ON capture_item(note_id)",
        "CREATE INDEX IF NOT EXISTS capture_vote_session ON capture_vote(session_id, phone)",
        "CREATE INDEX IF NOT EXISTS capture_vote_note ON capture_vote(note_id)",
    ]
    for sql in statements:
        conn.execute(sql)


FINDING_KINDS = ("desafio", "fortaleza", "oportunidad", "avance", "leccion", "recomendacion")
SYNTHESIS_TEXT_KINDS = ("summary", "conclusion", "recommendation")


def _synthesis(conn: sqlite3.Connection) -> None:
    """The process's systematisation (issue 15): findings with their sources, the guide's tables, texts.

    * ``finding``: a statement the team writes, its kind, the policy dimensions it
      touches (JSON list of tag keys) and an optional theme; ordered by ``position``.
    * ``finding_source``: one note (a post-it or a tree node) or one minutes entry that
      supports a finding; ``quote`` marks a *cita destacada*. Deleting the note or the
      entry removes the link (and undo brings both back).
    * ``key_figure`` (principales cifras), ``actor`` (mapa de actores) and
      ``existing_initiative`` (registro de iniciativas existentes): the guide's tables (002, 2.4).
    * ``synthesis_text``: the executive summary, conclusions and recommendations, each
      tied to the findings it rests on (JSON list of finding ids).
    * ``synonym``: words the suggestions treat as one (*colegio = escuela*).
    * ``suggestion_rejection``: suggested groupings the team dismissed (by their notes).
    """
    statements = [
        f"""CREATE TABLE IF NOT EXISTS finding (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            statement TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'desafio' CHECK (kind IN {FINDING_KINDS!r}),
            dimensions TEXT NOT NULL DEFAULT '[]',
            theme TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE IF NOT EXISTS finding_source (
            {_STAMPS},
            finding_id TEXT NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
            note_id TEXT REFERENCES note(id) ON DELETE CASCADE,
            entry_id TEXT REFERENCES minutes_entry(id) ON DELETE CASCADE,
            quote INTEGER NOT NULL DEFAULT 0 CHECK (quote IN (0, 1)),
            position REAL NOT NULL DEFAULT 0,
            CHECK ((note_id IS NULL) <> (entry_id IS NULL))
        )""",
        f"""CREATE TABLE IF NOT EXISTS key_figure (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            figure TEXT NOT NULL DEFAULT '',
            value TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            year TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE IF NOT EXISTS actor (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            organisation TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            relation TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE IF NOT EXISTS existing_initiative (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            responsible TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            population TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE IF NOT EXISTS synthesis_text (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN {SYNTHESIS_TEXT_KINDS!r}),
            body TEXT NOT NULL DEFAULT '',
            findings TEXT NOT NULL DEFAULT '[]',
            position REAL NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE IF NOT EXISTS synonym (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            term TEXT NOT NULL,
            equals TEXT NOT NULL
        )""",
        f"""CREATE TABLE IF NOT EXISTS suggestion_rejection (
            {_STAMPS},
            process_id TEXT NOT NULL REFERENCES process(id) ON DELETE CASCADE,
            signature TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS finding_process ON finding(process_id, position)",
        "CREATE INDEX IF NOT EXISTS finding_source_finding ON finding_source(finding_id, position)",
        "CREATE INDEX IF NOT EXISTS finding_source_note ON finding_source(note_id)",
        "CREATE INDEX IF NOT EXISTS finding_source_entry ON finding_source(entry_id)",
        "CREATE INDEX IF NOT EXISTS key_figure_process ON key_figure(process_id, position)",
        "CREATE INDEX IF NOT EXISTS actor_process ON actor(process_id, position)",
        "CREATE INDEX IF NOT EXISTS existing_initiative_process ON existing_initiative(process_id, position)",
        "CREATE INDEX IF NOT EXISTS synthesis_text_process ON synthesis_text(process_id, kind, position)",
        "CREATE INDEX IF NOT EXISTS synonym_process ON synonym(process_id)",
        "CREATE INDEX IF NOT EXISTS suggestion_rejection_process ON suggestion_rejection(process_id)",
    ]
    for sql in statements:
        conn.execute(sql)


# Tables that describe the others (merge history); they are not process content.
HISTORY_TABLES = ("field_rev", "tombstone", "merge_conflict")

# MIGRATIONS[i] takes a file from version i to version i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _run(_V1),
    _v2_commitments_and_validation,
    _v3_method_canvases,
    _merge_history,
    _phone_capture,
    _synthesis,
    words_step,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the connection's file up to ``target``; one transaction per step.

    Returns the versions reached. The connection must be in autocommit mode
    (``isolation_level=None``) so that BEGIN/COMMIT here are the only ones.
    """
    reached = []
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version:d}")
            if version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            conn.execute("COMMIT")
        except BaseException:
            # A full disk already rolled the transaction back: a second ROLLBACK would
            # replace the disk-full error with "cannot rollback".
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        reached.append(version)
    return reached
