"""Who may be named in a report, decided once for every writer.

Anonymous mode (the default for publication) names nobody: a person appears only
as their sector (type of actor) or their group, as the dialogue report in the
seeds did. With names turned on, only participants who consented are named;
everyone else stays anonymous. The rule covers every place a name can hide:
note authors (typed or linked), minutes speakers and commitment owners that
equal a registered participant's name, and registered full names typed inside a
note, an entry or a caption (replaced by ``[sector]``).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from facilitator.domain.tags import fold
from facilitator.i18n import Translator

MIN_NAME = 3  # shorter "names" are initials or typos; replacing them would garble text


class Privacy:
    def __init__(self, participants: Iterable[dict[str, Any]], *, names: bool, t: Translator) -> None:
        self.names = names
        self.t = t
        self._by_id: dict[str, dict[str, Any]] = {}
        self._by_name: dict[str, dict[str, Any]] = {}
        hidden: list[str] = []
        for p in participants:
            self._by_id[p["id"]] = p
            name = (p.get("name") or "").strip()
            if name:
                self._by_name.setdefault(fold(name), p)
                if not self.shows(p) and len(name) >= MIN_NAME:
                    hidden.append(name)
        hidden.sort(key=len, reverse=True)  # "Ana María Ruiz" before "Ana María"
        self._hidden = re.compile(
            "|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in hidden), re.IGNORECASE) if hidden else None
        self._hidden_by_fold = {fold(n): self._by_name[fold(n)] for n in hidden}

    def shows(self, person: dict[str, Any]) -> bool:
        """May this participant be named? Only with names on and their consent."""
        return self.names and bool(person.get("consent")) and bool((person.get("name") or "").strip())

    def sector_labels(self) -> set[str]:
        """Sector names as matched by ``fold`` (typed authors that are sectors are safe to show)."""
        return {fold(p.get("sector") or "") for p in self._by_id.values()} - {""}

    def stand_in(self, person: dict[str, Any]) -> str:
        """What a person is called when they may not be named: their sector."""
        return (person.get("sector") or "").strip() or self.t("Participante")

    def person(self, person: dict[str, Any]) -> str:
        return person["name"].strip() if self.shows(person) else self.stand_in(person)

    def find(self, text: str) -> dict[str, Any] | None:
        """The registered participant whose whole name is ``text`` (any case or accents)."""
        return self._by_name.get(fold(text)) if text.strip() else None

    def author(self, typed: str, participant_id: str | None, known_labels: set[str]) -> str:
        """A note's author as the report may show it ("" when nothing safe can be said).

        A linked participant shows per consent; typed text that names a participant
        likewise; typed text that is a group or sector name stays; any other typed
        text may be a person's name we cannot check, so it is left out.
        """
        if participant_id and participant_id in self._by_id:
            return self.person(self._by_id[participant_id])
        typed = (typed or "").strip()
        if not typed:
            return ""
        found = self.find(typed)
        if found is not None:
            return self.person(found)
        return typed if fold(typed) in known_labels else ""

    def speaker(self, typed: str) -> str:
        """A minutes speaker or a commitment owner: roles stay, registered names follow consent."""
        typed = (typed or "").strip()
        found = self.find(typed)
        if found is not None:
            return self.person(found)
        return self.scrub(typed)

    def scrub(self, text: str) -> str:
        """Free text with the full names of people who may not be named replaced by [sector]."""
        if not text or self._hidden is None:
            return text
        return self._hidden.sub(lambda m: f"[{self.stand_in(self._hidden_by_fold[fold(m.group())])}]", text)
