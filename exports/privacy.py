"""Who may be named in a report, decided once for every writer.

Anonymous mode (the default for publication) names nobody: a person appears only
as their sector (type of actor) or their group, as the dialogue report in the
seeds did. With names turned on, only participants who consented are named;
everyone else stays anonymous. The rule covers every place a name can hide:
note authors (typed or linked), minutes speakers and commitment owners that
equal a registered participant's name, and registered full names typed inside a
note, an entry or a caption (replaced by ``[sector]``).

A sector is only a safe stand-in when enough people share it: a quote
attributed to a sector with one person present names that person to anyone who
knows who came. So an attribution to a sector with fewer than ``min_group``
people present (k, default 3, chosen per export) is generalised to the broadest
category, «Participante», everywhere a stand-in is used, and a typed author or
speaker that is such a sector is generalised likewise. Counts by category are
generalised in the model (``exports.model``): categories under k are merged into
«Otros…». The population counted is the people present in the workshop the
attribution belongs to (or, without attendance, the report's people). Work
groups are not generalised: they are formed in the room, and who was in which
group is never published, so «Grupo 2» points at nobody.

Names mode must not let a reader work out who declined by elimination (an
organisation whose only participant declined would be the one missing from the
named list). The rule: the list of people who consented gives their names only,
never their organisation or sector; the table by sector and organisation is the
generalised one, the same in both modes.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from typing import Any, Iterable

from facilitator.domain.tags import fold
from facilitator.i18n import Translator
from facilitator.domain.labels import show, to_key

MIN_NAME = 3  # shorter "names" are initials or typos; replacing them would garble text
MIN_GROUP = 3  # k: the fewest people present a category may stand for


def generalised_note(t: Translator, k: int) -> str:
    """The sentence under the participation tables that explains «Otros…» and «Participante»."""
    return t.ngettext("Para que nadie pueda ser identificado, las categorías con menos de {n} persona se agrupan en "
                      "«Otros…» y los aportes de sus integrantes se atribuyen a «Participante».",
                      "Para que nadie pueda ser identificado, las categorías con menos de {n} personas se agrupan en "
                      "«Otros…» y los aportes de sus integrantes se atribuyen a «Participante».", k)


def _sector(text: Any) -> str:
    """A sector as compared: its key when it is one of the app's (any language), else the folded text."""
    return fold(str(to_key((text or "").strip(), "sector")))


class Privacy:
    def __init__(self, participants: Iterable[dict[str, Any]], *, names: bool, t: Translator,
                 min_group: int = MIN_GROUP, population: Iterable[dict[str, Any]] | None = None) -> None:
        participants = list(participants)
        self.names = names
        self.t = t
        self.min_group = max(1, int(min_group))
        self._sectors = self._count_sectors(participants if population is None else population)
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

    @staticmethod
    def _count_sectors(people: Iterable[dict[str, Any]]) -> Counter:
        return Counter(_sector(p.get("sector")) for p in people if (p.get("sector") or "").strip())

    def within(self, population: Iterable[dict[str, Any]]) -> "Privacy":
        """The same rule, counting sectors among ``population`` (the people present in one workshop)."""
        other = copy.copy(self)
        other._sectors = self._count_sectors(population)
        return other

    def sector_safe(self, sector: str) -> bool:
        """May a stand-in say this sector? Only if at least k people of the population share it."""
        return self._sectors.get(_sector(sector), 0) >= self.min_group

    def shows(self, person: dict[str, Any]) -> bool:
        """May this participant be named? Only with names on and their consent."""
        return self.names and bool(person.get("consent")) and bool((person.get("name") or "").strip())

    def sector_labels(self) -> set[str]:
        """Sector names as matched by ``fold`` (typed authors that are sectors are safe to show)."""
        return {_sector(p.get("sector")) for p in self._by_id.values()} - {""}

    def safe_sector_labels(self) -> set[str]:
        """Sector names (folded) that a typed author may show: those shared by at least k people."""
        return {s for s in self.sector_labels() if self._sectors.get(s, 0) >= self.min_group}

    def stand_in(self, person: dict[str, Any]) -> str:
        """What a person is called when they may not be named: their sector, if k people share it."""
        sector = (person.get("sector") or "").strip()
        return str(show(sector, self.t)) if sector and self.sector_safe(sector) else self.t("Participante")

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
        if _sector(typed) in self.sector_labels() and not self.sector_safe(typed):
            return self.t("Participante")
        if _sector(typed) in self.sector_labels():
            return str(show(to_key(typed, "sector"), self.t))
        return typed if fold(typed) in known_labels else ""

    def speaker(self, typed: str) -> str:
        """A minutes speaker or a commitment owner: roles stay, registered names follow consent."""
        typed = (typed or "").strip()
        found = self.find(typed)
        if found is not None:
            return self.person(found)
        if _sector(typed) in self.sector_labels() and not self.sector_safe(typed):
            return self.t("Participante")  # a sector of fewer than k people points at someone
        return self.scrub(typed)

    def scrub(self, text: str) -> str:
        """Free text with the full names of people who may not be named replaced by [sector]."""
        if not text or self._hidden is None:
            return text
        return self._hidden.sub(lambda m: f"[{self.stand_in(self._hidden_by_fold[fold(m.group())])}]", text)
