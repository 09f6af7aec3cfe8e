"""What phones and recorder laptops send, as undoable edits on the process file (no Qt).

A capture session is one opening of the capture for a workshop's block. Each
post-it a phone sends becomes a ``capture_item`` (its origin: phone, group, zone,
time) and, unless the session holds notes for moderation, at once a board note
placed by ``facilitator.board.add_notes``: the very command the board's capture
field runs, so the board, the undo history and the exports see a phone's note
like a typed one. Moderation accepts, edits, merges or hides items; hidden items
stay in a recoverable bin (their text is kept in the item), never deleted.

Every function returns a command (or None when nothing would change); the
server runs it on its own connection, the desktop through its undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..board import add_notes, clean_text, edit_text
from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow
from ..document import ProcessDocument
from ..domain.zones import read_zones
from ..i18n import _, ngettext
from ..store.db import utc_now
from ..domain.labels import show_zones

NOTE_MAX = 500  # characters of one post-it sent from a phone
NAME_MAX = 80
DOTS_DEFAULT = 3
SWITCHES = ("moderated", "paused", "voting", "dots", "ask_name")


class CaptureProblem(ValueError):
    """Why a capture cannot open or an item cannot change: one line for the user."""


@dataclass
class Target:
    """Where a block's capture lands: its canvas, zones and the groups a phone may join."""

    workshop_id: str
    workshop_title: str
    block_id: str
    block_title: str
    instruction: str
    canvas_id: str
    zones: list[dict[str, Any]]
    fixed_zone: str | None
    group_block: bool
    groups: list[dict[str, Any]] = field(default_factory=list)

    def zone_keys(self) -> list[str]:
        return [self.fixed_zone] if self.fixed_zone else [z["key"] for z in self.zones] or [""]


def capture_target(doc: ProcessDocument, workshop_id: str, block_id: str) -> Target:
    """The block's canvas and zones; phones write where the board's capture field would."""
    workshop = doc.workshop(workshop_id)
    block = doc.store.get("block", block_id)
    if workshop is None or block is None or block["workshop_id"] != workshop_id:
        raise CaptureProblem(_("Ese bloque no pertenece al taller."))
    canvas = doc.canvas(block["canvas_id"]) if block["canvas_id"] else None
    if canvas is None:
        boards = [c for c in doc.canvases(workshop_id) if c["kind"] == "board"]
        canvas = boards[0] if boards else None
    if canvas is None:
        raise CaptureProblem(_("El bloque «{title}» no tiene un lienzo donde recibir notas: asígnele uno en la agenda.",
                               title=block["title"]))
    zones = show_zones(read_zones(doc.store.scalar("SELECT zones FROM canvas WHERE id = ?", (canvas["id"],))))
    keys = [z["key"] for z in zones]
    fixed = block["zone"] if block["zone"] in keys else (keys[0] if len(keys) == 1 else None)
    groups = [{"id": g["id"], "name": g["name"], "colour": g["colour"]} for g in doc.groups(workshop_id)]
    modes = {m.strip() for m in (block["input_modes"] or "").split(",")}
    return Target(workshop_id=workshop_id, workshop_title=workshop["title"], block_id=block_id,
                  block_title=block["title"], instruction=block["instruction"], canvas_id=canvas["id"],
                  zones=[{"key": z["key"], "label": str(z.get("label") or z["key"])} for z in zones],
                  fixed_zone=fixed, group_block="group" in modes and bool(groups), groups=groups)


# -- sessions -------------------------------------------------------------------
def open_session(target: Target, *, moderated: bool = False, ask_name: bool = False,
                 dots: int = DOTS_DEFAULT) -> InsertRow:
    return InsertRow("capture_session", {
        "workshop_id": target.workshop_id, "block_id": target.block_id, "canvas_id": target.canvas_id,
        "opened_at": utc_now(), "moderated": int(moderated), "ask_name": int(ask_name),
        "dots": max(1, min(20, int(dots)))}, _("Abrir la captura desde teléfonos"))


def close_session(doc: ProcessDocument, session_id: str) -> UpdateRow | None:
    row = doc.store.get("capture_session", session_id)
    if row is None or row["closed_at"]:
        return None
    return UpdateRow("capture_session", session_id, {"closed_at": utc_now(), "voting": 0},
                     _("Cerrar la captura desde teléfonos"))


def close_stale_sessions(doc: ProcessDocument) -> Macro | None:
    """Sessions left open by a process that died: their links died with it."""
    rows = doc.store.query("SELECT id FROM capture_session WHERE closed_at = ''")
    if not rows:
        return None
    now = utc_now()
    return Macro([UpdateRow("capture_session", r["id"], {"closed_at": now, "voting": 0}) for r in rows],
                 _("Cerrar la captura desde teléfonos"))


def set_switch(doc: ProcessDocument, session_id: str, name: str, value: int | bool) -> UpdateRow | None:
    """Moderation, pause, vote, dots per phone or the optional name: one undoable switch."""
    if name not in SWITCHES:
        raise ValueError(f"unknown capture switch {name!r}")
    row = doc.store.get("capture_session", session_id)
    value = max(1, min(20, int(value))) if name == "dots" else int(bool(value))
    if row is None or row[name] == value:
        return None
    labels = {"moderated": _("Moderar las notas de teléfonos"), "paused": _("Pausar la captura"),
              "voting": _("Votación desde teléfonos"), "dots": _("Votos por teléfono"),
              "ask_name": _("Pedir nombre opcional")}
    return UpdateRow("capture_session", session_id, {name: value}, labels[name])


def session(doc: ProcessDocument, session_id: str) -> dict[str, Any] | None:
    return doc.store.get("capture_session", session_id)


# -- what phones send -------------------------------------------------------------
def check_text(text: Any) -> str:
    """A post-it's text as stored: trimmed, 1..NOTE_MAX characters; otherwise a one-line refusal."""
    if not isinstance(text, str):
        raise CaptureProblem(_("La nota debe ser texto."))
    text = clean_text(text)
    if not text:
        raise CaptureProblem(_("La nota está vacía."))
    if len(text) > NOTE_MAX:
        raise CaptureProblem(ngettext("La nota tiene más de {n} carácter.", "La nota tiene más de {n} caracteres.", NOTE_MAX))
    return text


def _place(doc: ProcessDocument, sess: dict[str, Any], item: dict[str, Any], text: str) -> Macro:
    """The board note for an item: the board's own ``add_notes`` command."""
    macro = add_notes(doc, sess["canvas_id"], item["zone"], item["group_id"], [text], block_id=sess["block_id"],
                      author=item["author"])
    assert macro is not None  # text is never blank here
    return macro


def submit(doc: ProcessDocument, sess: dict[str, Any], *, phone: str, text: str, group_id: str | None,
           zone: str, author: str = "", source: str = "phone") -> Macro:
    """One post-it from a phone: an item with its origin, and the board note unless moderated.

    The returned macro carries ``item_id`` (and ``note_id`` when placed).
    """
    text = check_text(text)
    author = clean_text(author)[:NAME_MAX] if isinstance(author, str) else ""
    item = InsertRow("capture_item", {
        "session_id": sess["id"], "source": source, "phone": phone, "group_id": group_id, "zone": zone,
        "text": text, "author": author, "status": "pending", "sent_at": utc_now()})
    commands: list[Command] = []
    note_id = None
    if not sess["moderated"]:
        place = _place(doc, sess, item.values, text)
        note_id = place.note_ids[0]  # type: ignore[attr-defined]
        item.values.update(status="accepted", note_id=note_id)
        commands.append(place)
    commands.append(item)  # after its note: the item refers to it
    macro = Macro(commands, _("Nota desde un teléfono") if source == "phone" else _("Nota desde otra computadora"))
    macro.item_id = item.id  # type: ignore[attr-defined]
    macro.note_id = note_id  # type: ignore[attr-defined]
    return macro


def _item(doc: ProcessDocument, item_id: str) -> dict[str, Any]:
    row = doc.store.get("capture_item", item_id)
    if row is None:
        raise CaptureProblem(_("Esa nota ya no existe."))
    return row


def edit_item(doc: ProcessDocument, item_id: str, text: str) -> Command | None:
    """New wording for an item: on the board too when it is there."""
    text = check_text(text)
    row = _item(doc, item_id)
    if row["status"] in ("withdrawn", "merged"):
        raise CaptureProblem(_("Esa nota ya no se puede editar."))
    commands: list[Command] = []
    if row["text"] != text:
        commands.append(UpdateRow("capture_item", item_id, {"text": text}))
    if row["status"] == "accepted" and row["note_id"]:
        edit = edit_text(doc, row["note_id"], text)
        if edit is not None:
            commands.append(edit)
    return Macro(commands, _("Editar nota")) if commands else None


def withdraw(doc: ProcessDocument, item_id: str) -> Macro | None:
    """The author takes a note back: off the board, kept in the item as withdrawn."""
    row = _item(doc, item_id)
    if row["status"] == "withdrawn":
        return None
    if row["status"] == "merged":
        raise CaptureProblem(_("Esa nota ya se unió con otras: pida a quien modera que la cambie."))
    commands: list[Command] = [UpdateRow("capture_item", item_id, {"status": "withdrawn"})]
    if row["status"] == "accepted" and row["note_id"] and doc.store.get("note", row["note_id"]) is not None:
        commands.append(DeleteRow("note", row["note_id"]))
    return Macro(commands, _("Retirar nota"))


def origin_text(doc: ProcessDocument, note_id: str) -> str:
    """Where a board note came from when it was sent over the network ('' for a typed note)."""
    row = doc.store.query("SELECT source, sent_at FROM capture_item WHERE note_id = ? ORDER BY sent_at LIMIT 1",
                          (note_id,))
    if not row:
        return ""
    from ..record import clock_text

    at = clock_text(_local(row[0]["sent_at"]))
    if row[0]["source"] == "recorder":
        return _("enviada desde la computadora de relatoría a las {at}", at=at)
    return _("enviada desde un teléfono a las {at}", at=at)


def _local(stamp: str) -> str:
    """A stored UTC stamp in this computer's local time (what the room's clock said)."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().isoformat()
    except ValueError:
        return stamp


# -- moderation -----------------------------------------------------------------
def items(doc: ProcessDocument, session_id: str, statuses: Sequence[str]) -> list[dict[str, Any]]:
    marks = ", ".join("?" * len(statuses))
    return doc.store.query(
        f"SELECT capture_item.*, workgroup.name AS group_name FROM capture_item "
        f"LEFT JOIN workgroup ON workgroup.id = capture_item.group_id "
        f"WHERE session_id = ? AND status IN ({marks}) ORDER BY sent_at, capture_item.rowid",
        (session_id, *statuses))


def workshop_items(doc: ProcessDocument, workshop_id: str, statuses: Sequence[str]) -> list[dict[str, Any]]:
    """Items of every capture of a workshop (the hidden bin outlives the session)."""
    marks = ", ".join("?" * len(statuses))
    return doc.store.query(
        f"SELECT capture_item.*, workgroup.name AS group_name FROM capture_item "
        f"JOIN capture_session ON capture_session.id = capture_item.session_id "
        f"LEFT JOIN workgroup ON workgroup.id = capture_item.group_id "
        f"WHERE capture_session.workshop_id = ? AND status IN ({marks}) ORDER BY sent_at, capture_item.rowid",
        (workshop_id, *statuses))


def accept(doc: ProcessDocument, item_ids: Iterable[str]) -> Macro | None:
    """Pending (or hidden) items onto the board, each in its group and zone."""
    commands: list[Command] = []
    for item_id in dict.fromkeys(item_ids):
        row = doc.store.get("capture_item", item_id)
        if row is None or row["status"] not in ("pending", "hidden"):
            continue
        sess = doc.store.get("capture_session", row["session_id"])
        place = _place(doc, sess, row, row["text"])
        commands += [place, UpdateRow("capture_item", item_id, {"status": "accepted",
                                                                "note_id": place.note_ids[0]})]  # type: ignore[attr-defined]
    if not commands:
        return None
    n = len(commands) // 2
    return Macro(commands, ngettext("Aceptar nota", "Aceptar {n} notas", n))


def hide(doc: ProcessDocument, item_ids: Iterable[str]) -> Macro | None:
    """Into the recoverable bin: off the board if it was there, its text kept in the item."""
    commands: list[Command] = []
    for item_id in dict.fromkeys(item_ids):
        row = doc.store.get("capture_item", item_id)
        if row is None or row["status"] not in ("pending", "accepted"):
            continue
        note = doc.store.get("note", row["note_id"]) if row["status"] == "accepted" and row["note_id"] else None
        # The item lets go of its note before the note goes, so undo brings the note back first.
        changes = {"status": "hidden", "note_id": None, **({"text": note["text"]} if note else {})}
        commands.append(UpdateRow("capture_item", item_id, changes))
        if note is not None:
            commands.append(DeleteRow("note", note["id"]))
    if not commands:
        return None
    return Macro(commands, _("Ocultar nota"))


def restore(doc: ProcessDocument, item_ids: Iterable[str]) -> Macro | None:
    """Out of the bin, back into the queue."""
    commands: list[Command] = [UpdateRow("capture_item", i, {"status": "pending"}) for i in dict.fromkeys(item_ids)
                               if (row := doc.store.get("capture_item", i)) is not None and row["status"] == "hidden"]
    return Macro(commands, _("Recuperar nota")) if commands else None


def merge(doc: ProcessDocument, item_ids: Sequence[str], text: str | None = None) -> Macro | None:
    """Several pending items as one board note (in the first one's group and zone)."""
    rows = [r for r in (doc.store.get("capture_item", i) for i in dict.fromkeys(item_ids))
            if r is not None and r["status"] == "pending"]
    if len(rows) < 2:
        return None
    merged = check_text(text if text is not None else " / ".join(r["text"] for r in rows)[:NOTE_MAX])
    sess = doc.store.get("capture_session", rows[0]["session_id"])
    place = _place(doc, sess, rows[0], merged)
    note_id = place.note_ids[0]  # type: ignore[attr-defined]
    commands: list[Command] = [place]
    commands += [UpdateRow("capture_item", r["id"], {"status": "merged", "note_id": note_id}) for r in rows]
    macro = Macro(commands, ngettext("Unir {n} nota", "Unir {n} notas", len(rows)))
    macro.note_id = note_id  # type: ignore[attr-defined]
    return macro


# -- dot votes ------------------------------------------------------------------
def ballot(doc: ProcessDocument, sess: dict[str, Any], group_id: str | None, phone: str) -> list[dict[str, Any]]:
    """The notes a phone may vote on (its group's, or the room's), with its own dots on each."""
    group_clause = "AND note.group_id IS ?" if group_id else ""
    params: tuple = (phone, sess["id"], sess["canvas_id"], sess["block_id"])
    if group_id:
        params += (group_id,)
    return doc.store.query(
        "SELECT note.id, note.text, note.zone, "
        "(SELECT count(*) FROM capture_vote v WHERE v.note_id = note.id AND v.phone = ? AND v.session_id = ?) AS mine "
        f"FROM note WHERE note.canvas_id = ? AND (note.block_id IS ? OR note.block_id IS NULL) {group_clause} "
        "ORDER BY note.zone, note.position, note.created_at", params)


def dots_used(doc: ProcessDocument, session_id: str, phone: str) -> int:
    return doc.store.scalar("SELECT count(*) FROM capture_vote WHERE session_id = ? AND phone = ?",
                            (session_id, phone)) or 0


def vote(doc: ProcessDocument, sess: dict[str, Any], phone: str, note_id: str, add: bool) -> Macro | None:
    """Give or take back one dot; the note's vote count moves with it (one undo step)."""
    note = doc.store.get("note", note_id)
    if note is None or note["canvas_id"] != sess["canvas_id"]:
        raise CaptureProblem(_("Esa nota ya no existe."))
    if not sess["voting"]:
        raise CaptureProblem(_("La votación no está abierta."))
    if add:
        if dots_used(doc, sess["id"], phone) >= sess["dots"]:
            raise CaptureProblem(_("Ya usó todos sus votos."))
        mark = InsertRow("capture_vote", {"session_id": sess["id"], "phone": phone, "note_id": note_id})
        return Macro([mark, UpdateRow("note", note_id, {"votes": note["votes"] + 1})], _("Sumar voto"))
    mine = doc.store.scalar("SELECT id FROM capture_vote WHERE session_id = ? AND phone = ? AND note_id = ? LIMIT 1",
                            (sess["id"], phone, note_id))
    if mine is None:
        return None
    return Macro([DeleteRow("capture_vote", mine), UpdateRow("note", note_id, {"votes": max(0, note["votes"] - 1)})],
                 _("Quitar voto"))
