"""The gettext catalogues: every message in the code is in the template and translated in English, with the
same placeholders; each .mo is its .po compiled; a language added with Babel's standard tools is offered."""

import ast
import io
import json
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

babel = pytest.importorskip("babel")
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from facilitator import i18n  # noqa: E402
from facilitator.i18n import LANGUAGES, SOURCE_LANGUAGE, Translator, _catalog  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("facilitator", "canvases", "qtshared", "exports", "main.py")
LOCALE = ROOT / "resources" / "locale"
SIMPLE = ("_", "N_", "t", "tr", "gettext")
PLURAL = ("ngettext", "Nn_")


def _calls():
    files = []
    for name in PACKAGES:
        path = ROOT / name
        files.extend(path.rglob("*.py") if path.is_dir() else [path])
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
                args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
                yield name, args, f"{file.relative_to(ROOT)}:{node.lineno}"


def source_strings() -> dict[str, str]:
    """Spanish literals passed to _() or N_() or Translator calls named _/t/tr, with where they are."""
    found: dict[str, str] = {}
    for name, args, where in _calls():
        if name in SIMPLE and args and args[0]:
            found.setdefault(args[0], where)
    return found


def plural_strings() -> dict[tuple[str, str], str]:
    """(singular, plural) pairs given to ngettext / Translator.ngettext / Nn_, with where they are."""
    found: dict[tuple[str, str], str] = {}
    for name, args, where in _calls():
        if name in PLURAL and len(args) >= 2 and args[0] and args[1]:
            found.setdefault((args[0], args[1]), where)
    return found


def context_strings() -> dict[tuple[str, str], str]:
    """(context, msgid) pairs given to pgettext, with where they are."""
    return {(args[0], args[1]): where for name, args, where in _calls()
            if name == "pgettext" and len(args) >= 2 and args[0] and args[1]}


def fields(text: str) -> set[str]:
    return {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f}


def po(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "papelografo.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_english_is_a_catalogue_and_spanish_the_source():
    assert LANGUAGES == {"es": "Español", "en": "English"}
    assert (LOCALE / "papelografo.pot").is_file()
    assert not (ROOT / "resources" / "i18n").exists(), "the JSON catalogues were folded into the .po files"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_string_is_translated(lang):
    catalog = _catalog(lang)
    strings = source_strings()
    assert len(strings) > 100  # the scan really found the app's strings
    missing = [f"{where}: {text!r}" for text, where in sorted(strings.items(), key=lambda kv: kv[1])
               if text not in catalog]
    assert not missing, f"{len(missing)} strings lack a translation:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_message_of_the_code_is_in_the_template_and_translated(lang):
    """Simple and plural messages alike: in the .pot, and in the .po with every form, none fuzzy (fuzzy is not compiled)."""
    with (LOCALE / "papelografo.pot").open("rb") as f:
        pot = read_po(f)
    catalog = po(lang)
    pairs = plural_strings()
    assert len(pairs) > 50
    wanted = [(text, where) for text, where in source_strings().items()] + \
             [(pair, where) for pair, where in pairs.items()]
    wrong = []
    for msgid, where in wanted:
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        template, message = pot.get(key), catalog.get(key)
        if template is None:
            wrong.append(f"{where}: {msgid!r} is not in papelografo.pot (run scripts/i18n.sh)")
        elif isinstance(msgid, tuple) and tuple(template.id) != msgid:
            wrong.append(f"{where}: {msgid!r} is in papelografo.pot as {template.id!r}")
        elif message is None or message.fuzzy:
            wrong.append(f"{where}: {msgid!r} is {'fuzzy' if message else 'missing'} in {lang}")
        else:
            forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            if not all(forms):
                wrong.append(f"{where}: {msgid!r} is not translated in {lang}")
    # gettext keys a plural message by its singular: the same Spanish used plainly elsewhere would lose its translation
    plain = source_strings()
    wrong += [f"{where} and {plain[s]}: {s!r} is both a plural's singular and a plain message"
              for (s, _p), where in pairs.items() if s in plain]
    for (context, msgid), where in context_strings().items():
        message = catalog.get(msgid, context=context)
        if pot.get(msgid, context=context) is None or message is None or message.fuzzy or not message.string:
            wrong.append(f"{where}: {msgid!r} in the context {context!r} is not in the template or not translated")
    assert not wrong, f"{len(wrong)} messages:\n" + "\n".join(wrong)


def test_one_spanish_word_two_english_words():
    """«Plazo» is a commitment's deadline in the merge's conflict list and the time-horizon tags on the board."""
    from facilitator.conflicts import field_label
    from facilitator.i18n import set_language

    set_language("en")
    assert field_label("commitment", "due") == "Deadline"
    assert Translator("en").pgettext("horizonte temporal de una idea", "Plazo") == "Horizon"
    set_language("es")
    assert field_label("commitment", "due") == "Plazo"


def test_the_return_key_is_intro_in_spanish_and_enter_in_english():
    """Spanish keyboards label the Return key «Intro»; the Spanish UI said «Enter» in 15 messages and «Intro» in 2."""
    import re

    key = re.compile(r"\bEnter\b")
    spanish = [*source_strings().items(), *((" ".join(pair), where) for pair, where in plural_strings().items())]
    assert [(text, where) for text, where in spanish if key.search(text)] == []
    english = {m.id: m.string for m in po("en") if m.id and isinstance(m.id, str)}
    naming = [text for text, _where in spanish if re.search(r"\bIntro\b", text)]
    assert len(naming) >= 15
    assert [text for text in naming if not key.search(english.get(text) or "")] == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_translations_keep_placeholders(lang):
    wrong = []
    for message in po(lang):
        if not message.id or not message.string:
            continue
        if isinstance(message.id, (list, tuple)):
            allowed = fields(message.id[0]) | fields(message.id[1]) | {"n"}
            for form in message.string:
                if not fields(form) <= allowed or not fields(message.id[1]) - {"n"} <= fields(form):
                    wrong.append((message.id, form))
        elif fields(message.id) != fields(message.string):
            wrong.append((message.id, message.string))
    assert not wrong, wrong


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_compiled_catalogue_is_the_po_compiled(lang):
    """The app reads the committed .mo: it must be what `pybabel compile` makes of the .po today."""
    compiled = io.BytesIO()
    write_mo(compiled, po(lang))
    committed = (LOCALE / lang / "LC_MESSAGES" / "papelografo.mo").read_bytes()
    assert compiled.getvalue() == committed, f"{lang}: .mo out of date, run scripts/i18n.sh"


def test_translator_falls_back_to_spanish_and_formats():
    t = Translator("en")
    assert t("Texto que no existe {n}", n=3) == "Texto que no existe 3"
    assert Translator("es")("Archivos recientes") == "Archivos recientes"
    assert t("Archivos recientes") == "Recent files"


def test_known_msgids_lists_the_catalogue():
    spanish = i18n.known_msgids()
    assert "Archivos recientes" in spanish and "{n} notas" in spanish and "{n} nota" in spanish
    assert "" not in spanish
    assert i18n.known_msgids("en") == spanish


def test_a_language_added_with_pybabel_init_is_offered(tmp_path, monkeypatch):
    folder = tmp_path / "locale"
    shutil.copytree(LOCALE, folder)
    babel_cli = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run([*babel_cli, "init", "-D", "papelografo", "-i", str(folder / "papelografo.pot"),
                    "-d", str(folder), "-l", "pt"], check=True, capture_output=True)
    catalog = folder / "pt" / "LC_MESSAGES" / "papelografo.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgid "Archivos recientes"\nmsgstr ""',
                                    'msgid "Archivos recientes"\nmsgstr "Arquivos recentes"'), encoding="utf-8")
    subprocess.run([*babel_cli, "compile", "-D", "papelografo", "-d", str(folder), "-l", "pt"],
                   check=True, capture_output=True)
    monkeypatch.setenv("PAPELOGRAFO_LOCALE_DIR", str(folder))
    found = i18n.discover_languages()
    assert set(found) == {"es", "en", "pt"}
    assert found["pt"].casefold() == "português"
    t = Translator("pt")
    assert t("Archivos recientes") == "Arquivos recentes"
    assert t("Abrir") == "Abrir"  # not translated yet: the Spanish source shows
    assert t.ngettext("{n} nota", "{n} notas", 2) == "2 notas"
    from facilitator.cli import build_parser

    help_text = " ".join(build_parser().format_help().split())
    assert "--lang {es,en,pt}" in help_text and "pt (Português)" in help_text  # the CLI offers what it finds


def test_json_catalogues_are_folded_into_the_po(tmp_path):
    """A branch that still writes resources/i18n/<lang>/*.json is merged by running scripts/i18n.sh."""
    root = tmp_path / "repo"
    shutil.copytree(LOCALE, root / "resources" / "locale")
    json_dir = root / "resources" / "i18n" / "en"
    json_dir.mkdir(parents=True)
    (json_dir / "values.json").write_text(json.dumps({
        "Fortalezas de prueba": "Test strengths",  # not a literal in the code: a vocabulary value
        "Archivos recientes": "Something else",  # already translated: the .po keeps its translation
        "1 iniciativa": "1 initiative",  # retired by the code (now «{n} iniciativa» with ngettext): stays retired
    }), encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n_json_to_po.py"), "--root", str(root)],
                   check=True, capture_output=True)
    assert not (root / "resources" / "i18n").exists()
    with (root / "resources" / "locale" / "en" / "LC_MESSAGES" / "papelografo.po").open("rb") as f:
        folded = read_po(f)
    assert folded.get("Fortalezas de prueba").string == "Test strengths"
    assert folded.get("Archivos recientes").string == "Recent files"
    with (root / "resources" / "locale" / "papelografo.pot").open("rb") as f:
        assert "Fortalezas de prueba" in read_po(f)  # so that updating the .po does not make it obsolete
    data = (root / "resources" / "locale" / "data.pot").read_text(encoding="utf-8")
    assert "Fortalezas de prueba" in data and "1 iniciativa" not in data
    assert folded.get("1 iniciativa") is None and "1 iniciativa" in folded.obsolete
