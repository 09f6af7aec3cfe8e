"""An anonymised exchange copy: the process in the exchange format with no personal data.

The full exchange copy (``exports.exchange``) is personal data: every name and
contact, and who declined consent. This copy is for sharing the work itself (with
another team, a researcher, a later process) and follows the report's rule for an
anonymous publication (``exports.privacy``): participants keep no name, contact or
consent; their sector, organisation, gender and territory stay only where at
least k people of the process share them; authors, speakers and responsibles
become their stand-in; registered names typed inside any text are replaced.

Every id is new (and every reference follows it), and the copy says
``"anonymised": true``: imported into the original process it adds a separate
copy of the workshops instead of overwriting real names with stand-ins.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from typing import Any

from facilitator.document import ProcessDocument
from facilitator.i18n import Translator

from .exchange import export_data
from .privacy import MIN_GROUP, Privacy

# Columns that hold a person as typed (shown as the report shows them); everything else textual is scrubbed.
PERSON_COLUMNS = {
    "note": ("author",), "minutes_entry": ("speaker",), "commitment": ("responsible",),
    "validation_round": ("stakeholder",), "initiative": ("unit",),
    "monitoring_row": ("responsible", "adjustment_responsible"),
}
# Columns never touched: ids and references are remapped, the rest is structure or time.
KEEP = {"id", "created_at", "updated_at", "zones", "tags", "marks", "kind", "key", "zone", "status", "mime",
        "data", "logo", "input_modes", "template_id", "colour", "at", "variant", "reception", "position"}
PERSONAL = ("name", "contact", "consent")
DESCRIBING = ("sector", "organisation", "gender", "territory")


def anonymised_data(doc: ProcessDocument, *, min_group: int = MIN_GROUP, lang: str = "es") -> dict[str, Any]:
    """The exchange dict of ``doc`` with no personal data and new ids (see the module's docstring)."""
    data = export_data(doc)
    tables: dict[str, list[dict[str, Any]]] = data["tables"]
    t = Translator(lang)
    people = tables.get("participant", [])
    privacy = Privacy([dict(p) for p in people], names=False, t=t, min_group=min_group)  # before they change
    k = privacy.min_group
    common = {column: {v for v, n in Counter((p.get(column) or "").strip() for p in people).items() if n >= k}
              for column in DESCRIBING}
    fresh = {row["id"]: str(uuid.uuid4()) for rows in tables.values() for row in rows if isinstance(row.get("id"), str)}
    known_labels = privacy.safe_sector_labels() | {(g.get("name") or "").casefold()
                                                   for g in tables.get("workgroup", [])}
    for table, rows in tables.items():
        for row in rows:
            original = dict(row)
            for column, value in row.items():
                if isinstance(value, str) and value in fresh:
                    row[column] = fresh[value]  # an id or a reference to one
                elif table == "participant" and column in PERSONAL:
                    row[column] = 0 if column == "consent" else ""
                elif table == "participant" and column in DESCRIBING:
                    row[column] = value if (value or "").strip() in common[column] else ""
                elif column in PERSON_COLUMNS.get(table, ()):
                    if table == "note":
                        row[column] = privacy.author(value or "", original.get("participant_id"), known_labels)
                    else:
                        row[column] = privacy.speaker(value or "")
                elif isinstance(value, str) and column not in KEEP:
                    row[column] = privacy.scrub(value)
    data["process_id"] = fresh.get(data["process_id"], data["process_id"])
    data["anonymised"] = True
    data["min_group"] = k
    return data


def export_anonymised_json(doc: ProcessDocument, *, min_group: int = MIN_GROUP, lang: str = "es") -> bytes:
    return json.dumps(anonymised_data(doc, min_group=min_group, lang=lang), ensure_ascii=False,
                      indent=1).encode("utf-8")
