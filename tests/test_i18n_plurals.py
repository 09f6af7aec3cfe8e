"""Every message with a count takes its plural form from gettext (``ngettext``), in every language.

Before gettext, plurals were hand-written: ``_("1 nota") if n == 1 else _("{n} notas", n=n)``
(right in Spanish and English only, and wrong wherever the branch was forgotten:
"1 fotos añadidas", "Se importaron 1 notas (1 grupos nuevos)").
"""

import ast
import re
from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.i18n import Translator, set_language

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("facilitator", "canvases", "exports", "qtshared")
TRANSLATE = {"_", "t", "tr", "translate"}  # the module's _, the exporters' Translator, functions given one
PLURAL = {"ngettext", "npgettext", "Nn_"}
# Placeholder names that hold a count in the code's messages ({n} notas, {g} grupos nuevos, {done} cumplidos…)
COUNT_FIELDS = {"n", "count", "total", "k", "g", "p", "a", "u", "m", "d", "s", "c", "v", "w", "done", "late",
                "incomplete", "bad", "shown", "checked", "minutes", "groups", "present", "notes", "entries", "photos"}
# Words after a number that do not change with it: units, and «de»/«y» as in «{n} de {total}», «{a} y {b}»
INVARIANT = {"de", "y", "o", "min", "s", "px", "KB", "MB", "GB", "MP"}
COUNTED = re.compile(r"\{(\w+)\}\s+([^\W\d_][\w-]*)")
# `== 1` branches that choose wording but not by a count: the tree's first level of causes or effects
NOT_A_COUNT = {"level"}


def python_files():
    for name in PACKAGES:
        yield from sorted((ROOT / name).rglob("*.py"))


def call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def counted_words(msgid: str) -> list[str]:
    return [f"{{{field}}} {word}" for field, word in COUNTED.findall(msgid)
            if field in COUNT_FIELDS and word not in INVARIANT]


def test_count_messages_use_ngettext():
    """A msgid like «Se agregaron {n} filas» given to _() or a Translator, not to ngettext, is wrong for n = 1."""
    # the pattern recognises what it is meant to catch, and leaves indexes and units alone
    assert counted_words("Se importaron {n} notas ({g} grupos nuevos)") == ["{n} notas", "{g} grupos"]
    assert counted_words("Bloque {i} de {n}") == [] and counted_words("{n} min") == []
    wrong = []
    for file in python_files():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and call_name(node) in TRANSLATE | {"N_"} and node.args:
                msgid = literal(node.args[0])
                if msgid and counted_words(msgid):
                    wrong.append(f"{file.relative_to(ROOT)}:{node.lineno}: {msgid!r} ({', '.join(counted_words(msgid))})")
    assert not wrong, f"{len(wrong)} messages with a count do not go through ngettext:\n" + "\n".join(wrong)


def _translations_in(node: ast.AST) -> set[str]:
    return {literal(n.args[0]) or "<variable>" for n in ast.walk(node)
            if isinstance(n, ast.Call) and call_name(n) in TRANSLATE | {"N_"} and n.args}


def _is_one_test(test: ast.expr) -> bool:
    """`x == 1`, `len(x) == 1`, `x != 1`, `x > 1`: a branch on whether a count is one."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return False
    right = test.comparators[0]
    if not (isinstance(right, ast.Constant) and right.value == 1 and isinstance(test.ops[0], (ast.Eq, ast.NotEq, ast.Gt))):
        return False
    names = {n.id for n in ast.walk(test.left) if isinstance(n, ast.Name)} | \
            {n.attr for n in ast.walk(test.left) if isinstance(n, ast.Attribute)}
    return not names & NOT_A_COUNT


def test_no_hand_written_plural_branches():
    """`_("1 nota") if n == 1 else _("{n} notas")` and `if n == 1: … _(…) else: … _(…)` choose wording by hand."""
    assert _is_one_test(ast.parse("len(x) == 1", mode="eval").body)
    assert not _is_one_test(ast.parse("level == 1", mode="eval").body)
    wrong = []
    for file in python_files():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.IfExp, ast.If)) and _is_one_test(node.test):
                body = node.body if isinstance(node, ast.IfExp) else ast.Module(body=node.body, type_ignores=[])
                orelse = node.orelse if isinstance(node, ast.IfExp) else ast.Module(body=node.orelse, type_ignores=[])
                if _translations_in(body) and _translations_in(orelse):
                    wrong.append(f"{file.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node.test)}")
            # t(words[0] if n == 1 else words[1], n=n): the branch inside the message
            if isinstance(node, ast.Call) and call_name(node) in TRANSLATE and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.IfExp) and _is_one_test(arg.test):
                    wrong.append(f"{file.relative_to(ROOT)}:{node.lineno}: {ast.unparse(arg)}")
    assert not wrong, f"{len(wrong)} hand-written plural branches (use ngettext):\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang, one, two", [
    ("es", "1 foto añadida.", "2 fotos añadidas."),
    ("en", "1 photo added.", "2 photos added."),
])
def test_photos_added_message_agrees_with_count(lang, one, two):
    from facilitator.ui.photos.photos_panel import added_message

    set_language(lang)
    try:
        assert added_message(1, 0) == one
        assert added_message(2, 0) == two
    finally:
        set_language("es")


@pytest.mark.parametrize("lang, expected", [
    ("es", ["Se importó 1 nota (1 grupo nuevo, 1 vinculada a participantes).",
            "Se importaron 3 notas (2 grupos nuevos, 0 vinculadas a participantes)."]),
    ("en", ["Imported 1 note (1 new group, 1 linked to participants).",
            "Imported 3 notes (2 new groups, 0 linked to participants)."]),
])
def test_csv_notes_import_message_agrees_with_counts(lang, expected):
    from facilitator.importers.notes_csv import imported_message

    t = Translator(lang)
    assert imported_message(t, notes=1, groups=1, linked=1) == expected[0]
    assert imported_message(t, notes=3, groups=2, linked=0) == expected[1]


def test_ngettext_uses_each_language_plural_rule():
    t = Translator("en")
    assert t.ngettext("{n} nota", "{n} notas", 1) == "1 note"
    assert t.ngettext("{n} nota", "{n} notas", 0) == "0 notes"
    assert Translator("es").ngettext("{n} nota", "{n} notas", 21) == "21 notas"
    assert i18n.ngettext("{n} nota", "{n} notas", 1) == "1 nota"
