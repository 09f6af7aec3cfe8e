"""Babel extraction method for Papelógrafo's Python code, reading the syntax tree.

Babel's own Python extractor works on tokens: it takes ``t["findings"]`` (a row named ``t``)
for a call of the exporters' translator ``t``, loses track of the calls after it, and skips
``_()`` inside f-strings. This one walks the ``ast``: a message is the literal arguments of a
call (``name(...)`` or ``obj.name(...)``) whose name is one of the keywords. Named in
babel.cfg as ``[extractors] papelografo = i18n_extract:extract`` (scripts/ is on the path).
"""

from __future__ import annotations

import ast


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def extract(fileobj, keywords, comment_tags, options):
    """Yield ``(lineno, funcname, messages, comments)`` as Babel expects."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    tree = ast.parse(source)
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _name(node.func) in keywords]
    for node in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
        args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        if not args or all(a is None for a in args):
            continue
        yield node.lineno, _name(node.func), tuple(args) if len(args) > 1 else args[0], []
