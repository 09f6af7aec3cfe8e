"""A calm, high-contrast look that reads well on a projector and a cheap screen."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1F6F8B"
INK = "#1B1F24"
PAPER = "#FAFAF7"
MUTED = "#5F6B76"
DISABLED = "#9AA1A8"  # text of a control that cannot be used now
WARNING_BG = "#FFF4CE"

SHEET = f"""
QWidget#StartScreen {{ background: {PAPER}; }}
QLabel#AppTitle {{ font-size: 30pt; font-weight: 600; color: {INK}; }}
QLabel#Tagline {{ font-size: 12pt; color: {MUTED}; }}
QLabel#SectionTitle {{ font-size: 12pt; font-weight: 600; color: {INK}; }}
QLabel#Banner {{ background: {WARNING_BG}; color: {INK}; padding: 6px 10px; border-bottom: 1px solid #E0C97A; }}
QLabel#Muted {{ color: {MUTED}; }}
QPushButton#BigButton {{ font-size: 12pt; padding: 10px 18px; text-align: left; }}
QLabel#SavedOk {{ color: #2E7D32; padding: 0 8px; }}
QLabel#SavedReadOnly {{ color: #8A6100; padding: 0 8px; }}
QLabel#SavedFailed {{ color: #B3261E; font-weight: 600; padding: 0 8px; }}
"""


def apply_style(app: QApplication) -> None:
    if not getattr(app, "_papelografo_fusion", False):
        app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#F1F2EE"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED))  # a disabled choice looks disabled
    app.setPalette(palette)
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(SHEET)
