"""Qt's own words in the UI's language (its own module: the main window and the app start both load it)."""

from __future__ import annotations


def install_qt_translations(lang: str) -> bool:
    """Qt's own words (file dialogs, standard buttons, context menus) in the UI's language.

    The PySide6 wheel ships ``qtbase_<lang>.qm``; Spanish needs it, English is Qt's own.
    Called again on a language change: the previous translator is removed first.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return False
    old = getattr(app, "_papelografo_qt_translator", None)
    if old is not None:
        app.removeTranslator(old)
        app._papelografo_qt_translator = None
    if lang == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return False
    app.installTranslator(translator)
    app._papelografo_qt_translator = translator
    return True
