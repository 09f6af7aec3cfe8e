"""User settings, each declared once with its type, default and title.

Stored as JSON in the user's configuration folder and written atomically on every
change (no Qt: the CLI and the tests use the same settings).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

from .i18n import LANGUAGES, N_

MAX_RECENT = 10


class Setting(NamedTuple):
    key: str
    type: type
    default: Any
    title: str  # Spanish source text, translate with _()


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("language", str, "es", N_("Idioma")),
        Setting("recent_files", list, [], N_("Archivos recientes")),
        Setting("sound", bool, True, N_("Sonido al terminar un bloque")),
        Setting("last_folder", str, "", N_("Última carpeta usada")),
        Setting("window", list, [], N_("Posición y tamaño de la ventana")),
    )
}


def app_home() -> Path:
    """Folder for settings and the demo file (PAPELOGRAFO_HOME overrides it)."""
    override = os.environ.get("PAPELOGRAFO_HOME")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Papelografo"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Papelografo"
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "papelografo"


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or app_home() / "settings.json"
        self._values: dict[str, Any] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        if isinstance(raw, dict):
            for key, setting in SETTINGS.items():
                if key in raw and isinstance(raw[key], setting.type):
                    self._values[key] = raw[key]
        if self._values.get("language") not in LANGUAGES:
            self._values.pop("language", None)

    def get(self, key: str) -> Any:
        setting = SETTINGS[key]
        value = self._values.get(key, setting.default)
        return list(value) if isinstance(value, list) else value

    def set(self, key: str, value: Any) -> None:
        setting = SETTINGS[key]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {key} expects {setting.type.__name__}")
        self._values[key] = value
        self._save()

    def add_recent(self, path: str | os.PathLike[str]) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.get("recent_files") if p != path]
        self.set("recent_files", [path, *recent][:MAX_RECENT])

    def _save(self) -> None:
        """Write atomically; a settings file that cannot be written is not fatal."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._values, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass
