"""Every translatable string in the code has an English translation, with the same placeholders."""

import ast
import string
from pathlib import Path

import pytest

from facilitator.i18n import LANGUAGES, SOURCE_LANGUAGE, Translator, _catalog

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("facilitator", "canvases", "qtshared", "exports", "main.py")


def source_strings() -> dict[str, str]:
    """Spanish literals passed to _() or N_() or Translator calls named _/t/tr, with where they are."""
    found: dict[str, str] = {}
    files = []
    for name in PACKAGES:
        path = ROOT / name
        files.extend(path.rglob("*.py") if path.is_dir() else [path])
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, f"{file.relative_to(ROOT)}:{node.lineno}")
    return found


def fields(text: str) -> set[str]:
    return {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_string_is_translated(lang):
    catalog = _catalog(lang)
    strings = source_strings()
    assert len(strings) > 100  # the scan really found the app's strings
    missing = [f"{where}: {text!r}" for text, where in sorted(strings.items(), key=lambda kv: kv[1])
               if text not in catalog]
    assert not missing, f"{len(missing)} strings lack a translation:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_translations_keep_placeholders(lang):
    catalog = _catalog(lang)
    wrong = [k for k, v in catalog.items() if fields(k) != fields(v)]
    assert not wrong, wrong


def test_translator_falls_back_to_spanish_and_formats():
    t = Translator("en")
    assert t("Texto que no existe {n}", n=3) == "Texto que no existe 3"
    assert Translator("es")("Archivos recientes") == "Archivos recientes"
    assert t("Archivos recientes") == "Recent files"
