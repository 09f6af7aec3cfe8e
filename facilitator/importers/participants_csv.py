"""Import a participant list (CSV) into the registry, with groups for one workshop.

Columns, Spanish or English, in any order, none required: nombre/name,
organización/organization, sector (tipo de actor), género/gender,
territorio/territory, contacto/contact, grupo/group, consentimiento/consent
(sí/no), asistencia/attendance (sí/no). Every row is checked first; a file with
any problem changes nothing, a good one becomes one undoable command.

Importing the same list twice does not duplicate people: a row whose name
matches exactly one registered person (ignoring case and accents) fills in
that person's empty or changed fields instead.
"""

from __future__ import annotations

from typing import Any

from ..commands import Command, InsertRow, Macro, UpdateRow
from ..document import ProcessDocument
from ..domain.tags import fold
from ..i18n import Translator, _, ngettext
from ..participants import TEXT_FIELDS, new_group, registry
from ..domain.labels import to_key
from .csvread import ImportPlan, Problem, check_width, match_columns, parse_yes_no, read_table

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("nombre", "name", "nombre completo", "full name", "nombre y apellido"),
    "organisation": ("organización", "organization", "organisation", "institución", "institution"),
    "sector": ("sector", "sector", "tipo de actor", "type of actor", "actor type"),
    "gender": ("género", "gender"),
    "territory": ("territorio", "territory", "comuna", "municipio", "municipality"),
    "contact": ("contacto", "contact", "correo", "email", "e-mail", "teléfono", "phone"),
    "group": ("grupo", "group", "mesa", "table"),
    "consent": ("consentimiento", "consent"),
    "present": ("asistencia", "attendance", "presente", "present", "asistió", "attended"),
}


def _yes_no(cell: str, column: str) -> tuple[bool | None, str | None]:
    """(value or None if empty, problem)."""
    if not cell.strip():
        return None, None
    value = parse_yes_no(cell)
    if value is None:
        return None, _("«{value}» no es válido en la columna {column}: escriba sí o no.", value=cell.strip(),
                       column=column)
    return value, None


def plan_participants_import(doc: ProcessDocument, workshop_id: str | None, data: bytes,
                             source: str = "") -> ImportPlan:
    """Check a participant CSV; the plan holds problems or one Macro.

    ``workshop_id`` receives the group and attendance columns (None: no workshop).
    """
    read = read_table(data)
    if read.table is None:
        return ImportPlan(read.problems)
    table = read.table
    columns, problems = match_columns(table, COLUMNS)
    if problems:
        return ImportPlan(problems)
    if not table.rows:
        return ImportPlan([Problem(0, _("El archivo solo tiene encabezado: no hay filas que importar."))])
    people = registry(doc, workshop_id)
    existing: dict[str, list[dict[str, Any]]] = {}
    for p in people:
        if fold(p["name"]):
            existing.setdefault(fold(p["name"]), []).append(p)
    groups = doc.groups(workshop_id) if workshop_id else []
    group_by_name = {fold(g["name"]): g["id"] for g in groups}
    planned_groups = list(groups)
    new_groups: dict[str, InsertRow] = {}
    seen: dict[str, int] = {}
    commands: list[Command] = []
    added = updated = 0
    consent_label, present_label = _("consentimiento"), _("asistencia")
    for number, cells in table.rows:
        wide = check_width(number, cells, columns)
        if wide is not None:
            problems.append(wide)
            continue
        row_problems: list[str] = []
        consent, problem = _yes_no(columns.get(cells, "consent"), consent_label)
        if problem:
            row_problems.append(problem)
        present, problem = _yes_no(columns.get(cells, "present"), present_label)
        if problem:
            row_problems.append(problem)
        name = columns.get(cells, "name").strip()
        key = fold(name)
        match = None
        if key:
            if key in seen:
                row_problems.append(_("«{name}» ya aparece en la fila {row}.", name=name, row=seen[key]))
            seen.setdefault(key, number)
            matches = existing.get(key, [])
            if len(matches) > 1:
                row_problems.append(ngettext("«{name}» coincide con {n} persona del registro; "
                                             "corrija el nombre en el archivo o en el registro.",
                                             "«{name}» coincide con {n} personas del registro; "
                                             "corrija el nombre en el archivo o en el registro.", len(matches), name=name))
            match = matches[0] if len(matches) == 1 else None
        group_name = columns.get(cells, "group").strip()
        if (group_name or present is not None) and workshop_id is None:
            row_problems.append(_("no hay un taller donde registrar el grupo o la asistencia."))
        if row_problems:
            problems.extend(Problem(number, p) for p in row_problems)
            continue
        if problems:
            continue
        values = {f: columns.get(cells, f).strip() for f in TEXT_FIELDS if columns.has(f)}
        # A gender or sector that is one of the app's words (Spanish or English) is stored as its key.
        values.update({f: to_key(values[f], f) for f in ("sector", "gender") if f in values})
        if match is None:
            insert = InsertRow("participant", {"process_id": doc.process["id"], **values,
                                               "consent": 1 if consent else 0})
            commands.append(insert)
            pid, attendance = insert.id, None
            added += 1
        else:
            # The name matched ignoring case and accents: keep the registry's spelling.
            changes: dict[str, Any] = {f: v for f, v in values.items() if f != "name" and v and v != match[f]}
            if consent is not None and int(consent) != match["consent"]:
                changes["consent"] = int(consent)
            if changes:
                commands.append(UpdateRow("participant", match["id"], changes))
                updated += 1
            pid = match["id"]
            attendance = match["attendance_id"]
        group_id = None
        if group_name:
            group_id = group_by_name.get(fold(group_name))
            if group_id is None:
                insert_group = new_groups.get(fold(group_name))
                if insert_group is None:
                    insert_group = new_group(workshop_id, planned_groups, group_name)
                    new_groups[fold(group_name)] = insert_group
                    planned_groups.append(insert_group.values)
                group_id = insert_group.id
        if workshop_id is None or (not group_name and present is None):
            continue
        if attendance is None:
            commands.append(InsertRow("attendance", {"workshop_id": workshop_id, "participant_id": pid,
                                                     "present": int(bool(present)), "group_id": group_id}))
        else:
            change: dict[str, Any] = {}
            if group_name and group_id != match["group_id"]:
                change["group_id"] = group_id
            if present is not None and int(present) != match["present"]:
                change["present"] = int(present)
            if change:
                commands.append(UpdateRow("attendance", attendance, change))
    if problems:
        return ImportPlan(problems)
    label = ngettext("Importar {n} participante de «{file}»", "Importar {n} participantes de «{file}»", added + updated,
                     file=source) if source else \
        ngettext("Importar {n} participante", "Importar {n} participantes", added + updated)
    macro = Macro([*new_groups.values(), *commands], label)
    return ImportPlan([], macro, {"added": added, "updated": updated, "groups": len(new_groups)})


def participants_imported_message(t: Translator, added: int, updated: int, groups: int) -> str:
    """«Se importaron 3 participantes nuevos y se actualizó 1 (1 grupo nuevo).», each count with its own plural."""
    return t("{added} y {updated} ({groups}).",
             added=t.ngettext("Se importó {n} participante nuevo", "Se importaron {n} participantes nuevos", added),
             updated=t.ngettext("se actualizó {n}", "se actualizaron {n}", updated),
             groups=t.ngettext("{n} grupo nuevo", "{n} grupos nuevos", groups))
