"""The English UI on the demo (a process created in Spanish) shows no Spanish from the app's catalogue.

The test walks every widget of the main window (menus, the process page, every tab of
every workshop, the synthesis page) and every text item of the canvases' scenes, and
looks up each visible string in the Spanish catalogue: a message with an English
translation that differs from it must never show in Spanish. What users typed (every
text stored in the process file) is exempt, as it stays as typed.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGraphicsSimpleTextItem, QGraphicsTextItem,
    QGraphicsView, QGroupBox, QLabel, QLineEdit, QMenu, QTabBar, QTextEdit, QWidget,
)

from facilitator import i18n
from facilitator.ui.main_window import MainWindow

from demo_run import close, every_tab, main_window, run_states

_NUMBERED = re.compile(r"^\d+\.\s+")  # "2. Revisión de iniciativas": a block of the agenda, as typed
_KEY = re.compile(r"\b(?:canvas|zone|gender|sector|actor|status):[a-z_]+")
_TAG = re.compile(r"<[^<>]+>")
_PARTS = re.compile(r"\s+[·—–|]\s+")
_FIELD = re.compile(r"\\\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^}]*)?\\\}")


def _spanish_messages() -> list[tuple[str, str]]:
    """(Spanish text, English text) of every message the English catalogue translates differently.

    Read from the English ``.po`` with Babel: a plural message gives its singular and its
    plural, a message with a context its text.
    """
    with open(i18n.locale_dir() / "en" / "LC_MESSAGES" / "papelografo.po", "rb") as fh:
        catalogue = read_po(fh)
    pairs = []
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        pairs += [(es, en) for es, en in zip(ids, strings) if en and en != es]
    assert len(pairs) > 1000  # the catalogue was read
    return pairs


def _matcher(msgids: list[str]):
    """A test of whether a shown string is one of these messages, its {fields} filled in any way.

    A message with fields counts only where its own words say something (eight letters or more
    outside fields and markup): "{title} · {n} min" would match any text at all.
    """
    plain = {m.strip() for m in msgids if "{" not in m}
    patterns = []
    for m in msgids:
        if "{" in m:
            words = re.sub(r"<[^>]*>", "", _FIELD.sub("", re.escape(m.strip())).replace("\\", ""))
            if len(re.findall(r"[^\W\d_]", words)) >= 8:
                patterns.append(_FIELD.sub(r".+?", re.escape(m.strip())))
    big = re.compile("|".join(f"(?:{p})" for p in patterns), re.DOTALL) if patterns else None

    def spanish(text: str) -> bool:
        text = text.strip()
        return text in plain or bool(big and big.fullmatch(text))

    return spanish


def _spanish_shown(texts: set[str], spanish, typed: set[str]) -> list[str]:
    """The shown texts (and parts of a line joined by ·, — or |) that are Spanish messages, not typed;
    and any text showing a stored key of the app's words (``sector:servicios_publicos``) instead of them."""
    found = [text for text in sorted(texts) if _KEY.search(text)]
    for text in sorted(texts):
        if _NUMBERED.sub("", text) in typed:
            continue
        # "Fortalezas · Grupo 3": a zone shown beside its group (a text of many lines: its lines are shown too)
        parts = [text, *(_PARTS.split(text) if "\n" not in text else ())]
        parts = [_NUMBERED.sub("", part) for part in parts]
        found += [part for part in dict.fromkeys(parts) if part not in typed and spanish(part)]
    return list(dict.fromkeys(found))


def _user_texts(path) -> set[str]:
    """Every text stored in the process file: what users typed (and, where kept, what they kept)."""
    found: set[str] = set()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str) and value.strip():
                        found.add(value.strip())
                        found.update(line.strip() for line in value.splitlines() if line.strip())
    return found


def _count(method, root) -> int:
    """rows or columns of a model, whichever signature its class exposes to Python"""
    for args in ((root,), ()):
        try:
            return method(*args)
        except TypeError:
            continue
    return 1


def _widget_texts(widget: QWidget) -> list[str]:
    texts: list[str] = [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
    if isinstance(widget, QLabel):
        texts.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
        texts += [widget.tabToolTip(i) for i in range(widget.count())]
    elif isinstance(widget, QLineEdit):
        texts += [widget.placeholderText()]
    elif isinstance(widget, QTextEdit):
        texts += [widget.placeholderText()]
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = QModelIndex()
        columns = _count(model.columnCount, root)
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
        for row in range(min(_count(model.rowCount, root), 200)):
            for col in range(columns):
                index = model.index(row, col)
                texts += [str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                          str(index.data(Qt.ItemDataRole.ToolTipRole) or "")]
    elif isinstance(widget, QGraphicsView) and widget.scene() is not None:
        for item in widget.scene().items():
            if isinstance(item, QGraphicsSimpleTextItem):
                texts.append(item.text())
            elif isinstance(item, QGraphicsTextItem):
                texts.append(item.toPlainText())
            texts.append(item.toolTip())
    return texts


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title().replace("&", "")]
    for action in menu.actions():
        texts += [action.text().replace("&", ""), action.toolTip()]
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    return texts


def _shown(window: QWidget) -> list[str]:
    texts: list[str] = _widget_texts(window)
    for widget in window.findChildren(QWidget):
        if widget.isVisibleTo(window):
            texts += _widget_texts(widget)
    for action in window.menuBar().actions() if isinstance(window, MainWindow) else ():
        texts.append(action.text().replace("&", ""))
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    lines = []
    for text in texts:
        text = _TAG.sub("", text)  # a tooltip in <p style=…> says what it says
        lines.append(text)
        lines += text.splitlines()
    return [t.strip() for t in lines if t and t.strip()]


@pytest.fixture
def english_window(qtbot, monkeypatch):
    w = main_window(qtbot, monkeypatch)
    w.change_language("en")
    w.resize(1366, 768)
    w.show()
    yield w
    close(w)
    i18n.set_language("es")


def _walk(window: MainWindow) -> dict[str, set[str]]:
    """Every string shown, page by page: {where: texts}."""
    seen: dict[str, set[str]] = {}

    def settle():
        for _ in range(3):
            QApplication.processEvents()

    settle()
    seen["process"] = set(_shown(window))
    for where, _tabs, _index in every_tab(window):
        seen[where] = set(_shown(window))
    view = window.view
    view.show_synthesis()
    settle()
    seen["synthesis"] = set(_shown(window))
    return seen


def test_english_ui_on_the_spanish_demo_shows_no_spanish_message(english_window):
    window = english_window
    QApplication.processEvents()
    start = set(_shown(window))
    assert window.open_demo()
    spanish = _matcher([m for m, _en in _spanish_messages()])
    typed = _user_texts(window.doc.path)
    found = []
    for where, texts in {"start": start, **_walk(window)}.items():
        found += [f"{where}: {text!r}" for text in _spanish_shown(texts, spanish, typed)]
    assert not found, "\n".join(found)


def _projector_states(window: MainWindow) -> dict[str, set[str]]:
    """What the projector shows in each state of each workshop's run (normal and large canvas)."""
    seen: dict[str, set[str]] = {}
    view = window.view
    for row in range(view.list.count()):
        name = view.list.item(row).text().splitlines()[0]
        for state, projector in run_states(window, row):
            for _ in range(3):
                QApplication.processEvents()
            seen[f"{name} › projector {state}"] = set(_shown(projector))
    return seen


def test_english_projector_on_the_spanish_demo_shows_no_spanish_message(english_window):
    window = english_window
    assert window.open_demo()
    spanish = _matcher([m for m, _en in _spanish_messages()])
    typed = _user_texts(window.doc.path)
    found = [f"{where}: {text!r}" for where, texts in _projector_states(window).items()
             for text in _spanish_shown(texts, spanish, typed)]
    assert not found, "\n".join(found)


def test_the_walk_would_see_a_spanish_word(english_window):
    """The check itself: a Spanish message put on screen is found (the walk reaches labels and menus)."""
    window = english_window
    assert window.open_demo()
    pairs = dict(_spanish_messages())
    msgid = next(m for m in ("Talleres", "Proceso", "Guardado") if m in pairs)
    label = QLabel(msgid, window.view)
    label.show()
    spanish = _matcher(list(pairs))
    assert any(spanish(t) for t in _walk(window)["process"] if t not in _user_texts(window.doc.path))
