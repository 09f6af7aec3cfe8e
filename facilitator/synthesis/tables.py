"""The guide's tables of a diagnostic report, the synonym list and dismissed suggestions (no Qt).

Principales cifras (cifra, valor, fuente, año), mapa de actores (organización,
categoría del "Mapa de redes", rol, relación con la política) and registro de
iniciativas existentes (iniciativa, responsable, estado, población atendida):
rows of the process, edited like the matrices and importable from a CSV in
Spanish or English, all or nothing, in one undo step.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow, reorder
from ..domain.tags import fold, resolve
from ..i18n import _
from ..importers.csvread import ImportPlan, Problem, check_width, match_columns, read_table
from ..store import Store
from .vocab import ACTOR_CATEGORIES, TABLES, TableSpec


def spec(table: str) -> TableSpec:
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"unknown synthesis table {table!r}") from None


def rows(store: Store, table: str, process_id: str) -> list[dict[str, Any]]:
    spec(table)
    return store.query(f'SELECT * FROM "{table}" WHERE process_id = ? ORDER BY position, created_at, rowid',
                       (process_id,))


def find_category(text: str) -> str | None:
    """The actor category a cell names (key, Spanish or English label, or one distinctive word); '' for empty."""
    if not text.strip():
        return ""
    from ..i18n import Translator

    en = Translator("en")
    return resolve(text, {k: [v, en(v)] for k, v in ACTOR_CATEGORIES.items()}).key


def _clean(table: str, values: dict[str, Any]) -> dict[str, Any]:
    s = spec(table)
    fields = {f for f, _h in s.columns}
    out = {k: " ".join(str(v or "").split()) if k != "category" else str(v or "").strip()
           for k, v in values.items() if k in fields}
    if "category" in out and out["category"] and out["category"] not in ACTOR_CATEGORIES:
        key = find_category(out["category"])
        if key is None:
            raise ValueError(_("«{value}» no es una categoría del mapa de actores.", value=out["category"]))
        out["category"] = key
    return out


def add_row(store: Store, table: str, process_id: str, values: dict[str, Any] | None = None) -> InsertRow:
    values = _clean(table, values or {})
    position = store.scalar(f'SELECT coalesce(max(position), -1) + 1 FROM "{table}" WHERE process_id = ?',
                            (process_id,))
    return InsertRow(table, {"process_id": process_id, **values, "position": position}, _("Nueva fila"))


def edit_row(store: Store, table: str, row_id: str, values: dict[str, Any]) -> UpdateRow | None:
    row = store.get(table, row_id)
    if row is None:
        raise ValueError(_("La fila ya no existe."))
    changes = {k: v for k, v in _clean(table, values).items() if row.get(k) != v}
    return UpdateRow(table, row_id, changes, _("Editar fila")) if changes else None


def delete_rows(table: str, row_ids: Iterable[str]) -> Macro | None:
    spec(table)
    commands: list[Command] = [DeleteRow(table, rid) for rid in row_ids]
    return Macro(commands, _("Eliminar filas")) if commands else None


def move_rows(store: Store, table: str, process_id: str, ordered_ids: list[str]) -> Macro | None:
    current = {r["id"]: r["position"] for r in rows(store, table, process_id)}
    macro = reorder(table, [i for i in ordered_ids if i in current], current, _("Ordenar filas"))
    return macro if macro.commands else None


def plan_table_import(store: Store, table: str, process_id: str, data: bytes) -> ImportPlan:
    """Check a CSV of one of the guide's tables; the plan holds the problems or one Macro.

    Rows are appended after the table's rows; a row equal to one already in the
    table (ignoring case and accents) is skipped, so importing twice adds nothing.
    """
    s = spec(table)
    read = read_table(data)
    if read.table is None:
        return ImportPlan(read.problems)
    columns, problems = match_columns(read.table, s.aliases)
    if problems:
        return ImportPlan(problems)
    if not columns.has(s.required):
        header = dict(s.columns)[s.required]
        return ImportPlan([Problem(1, _("falta la columna «{name}».", name=_(header)))])
    if not read.table.rows:
        return ImportPlan([Problem(0, _("El archivo solo tiene encabezado: no hay filas que importar."))])
    existing = {tuple(fold(str(r.get(f) or "")) for f, _h in s.columns) for r in rows(store, table, process_id)}
    position = store.scalar(f'SELECT coalesce(max(position), -1) + 1 FROM "{table}" WHERE process_id = ?',
                            (process_id,))
    commands: list[Command] = []
    skipped = 0
    for number, cells in read.table.rows:
        wide = check_width(number, cells, columns)
        if wide is not None:
            problems.append(wide)
            continue
        values = {f: columns.get(cells, f) for f, _h in s.columns if columns.has(f)}
        if not any(v.strip() for v in values.values()):
            continue  # blank line
        if not values.get(s.required, "").strip():
            problems.append(Problem(number, _("la columna «{name}» está vacía.", name=_(dict(s.columns)[s.required]))))
            continue
        try:
            values = _clean(table, values)
        except ValueError as exc:
            problems.append(Problem(number, str(exc)))
            continue
        key = tuple(fold(str(values.get(f) or "")) for f, _h in s.columns)
        if key in existing:
            skipped += 1
            continue
        existing.add(key)
        commands.append(InsertRow(table, {"process_id": process_id, **values, "position": position}))
        position += 1
    if problems:
        return ImportPlan(problems)
    if not commands:
        return ImportPlan([Problem(0, _("Todas las filas ya estaban en la tabla: no hay nada nuevo que importar."))])
    return ImportPlan([], Macro(commands, _("Importar {table}", table=_(s.title))),
                      {"rows": len(commands), "skipped": skipped})


# -- synonyms and dismissed suggestions ------------------------------------------------------------
def synonyms(store: Store, process_id: str) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM synonym WHERE process_id = ? ORDER BY created_at, rowid", (process_id,))


def synonym_pairs(store: Store, process_id: str) -> list[tuple[str, str]]:
    return [(r["term"], r["equals"]) for r in synonyms(store, process_id)]


def add_synonym(store: Store, process_id: str, term: str, equals: str) -> InsertRow | None:
    term, equals = " ".join(term.split()), " ".join(equals.split())
    if not term or not equals:
        raise ValueError(_("Escriba las dos palabras del sinónimo."))
    if fold(term) == fold(equals):
        raise ValueError(_("Las dos palabras son la misma."))
    for r in synonyms(store, process_id):
        if {fold(r["term"]), fold(r["equals"])} == {fold(term), fold(equals)}:
            return None
    return InsertRow("synonym", {"process_id": process_id, "term": term, "equals": equals}, _("Nuevo sinónimo"))


def delete_synonym(synonym_id: str) -> DeleteRow:
    return DeleteRow("synonym", synonym_id, _("Eliminar sinónimo"))


def rejected(store: Store, process_id: str) -> set[str]:
    return {r["signature"] for r in store.query("SELECT signature FROM suggestion_rejection WHERE process_id = ?",
                                                (process_id,))}


def reject(process_id: str, signature: str) -> InsertRow:
    return InsertRow("suggestion_rejection", {"process_id": process_id, "signature": signature},
                     _("Descartar sugerencia"))
