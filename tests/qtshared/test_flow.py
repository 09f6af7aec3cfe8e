"""The flow layout: rows that wrap onto more lines, a flow inside a flow included."""

from PySide6.QtWidgets import QApplication, QPushButton, QTextEdit, QVBoxLayout, QWidget

from qtshared.flow import FlowLayout


def _settle():
    for _ in range(5):
        QApplication.processEvents()


def test_a_flow_inside_a_flow_gets_the_height_its_wrapped_lines_need(qtbot):
    """A tool bar whose first item is itself a wrapping row (the board's filters): when that row
    wraps, the tool bar grows and the widget below it starts under its last line, covering nothing."""
    page = QWidget()
    outer = QVBoxLayout(page)
    top = FlowLayout()
    inner_widget = QWidget()
    inner = FlowLayout(inner_widget)
    for text in ("Buscar en las notas…", "Todas las etiquetas", "Todos los grupos", "Todos los temas",
                 "Ocultar las demás"):
        inner.addWidget(QPushButton(text))
    top.addWidget(inner_widget)
    tools = [QPushButton(t) for t in ("Color por grupo", "Ordenar", "Ajustar", "−", "+")]
    for b in tools:
        top.addWidget(b)
    outer.addLayout(top)
    below = QTextEdit()
    outer.addWidget(below, 1)
    qtbot.addWidget(page)
    one_line = sum(w.sizeHint().width() for w in inner_widget.findChildren(QPushButton))
    page.resize(int(one_line * 0.8), 400)  # the inner row needs two lines, the tools a line of their own
    page.show()
    _settle()
    assert inner_widget.geometry().height() > tools[0].sizeHint().height() * 1.5  # the inner row wrapped
    last = max(b.geometry().bottom() for b in tools)
    assert all(b.geometry().top() >= inner_widget.geometry().bottom() for b in tools)
    assert below.geometry().top() > last  # nothing of the tool bar hidden under the page below it


def test_items_of_a_line_are_centred_on_it(qtbot):
    """A label beside a taller field sits level with it (the Phones tab's «Puerto» was 3 px higher)."""
    from PySide6.QtWidgets import QLabel, QSpinBox

    page = QWidget()
    row = FlowLayout(page)
    label, field, button = QLabel("Puerto"), QSpinBox(), QPushButton("Buscar redes")
    field.setMinimumHeight(label.sizeHint().height() + 12)
    for w in (label, field, button):
        row.addWidget(w)
    qtbot.addWidget(page)
    page.resize(600, 100)
    page.show()
    _settle()
    centre = field.geometry().center().y()
    assert label.geometry().height() < field.geometry().height()
    assert abs(label.geometry().center().y() - centre) <= 1
    assert abs(button.geometry().center().y() - centre) <= 1
