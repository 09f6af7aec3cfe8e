"""The capture server seen from Qt: one per open document, shared by the Phones tab and the projector.

Signals one way, ``loop.call_soon_threadsafe`` the other: the server calls
``on_changes``/``on_phones`` in its own thread and this object re-emits them as
Qt signals, which Qt queues into the GUI thread (the receiver lives there). The
document's ``changed`` signal then carries the phones' commits to every view, as
if they had been typed. The other way, an edit made in the app (a switch, a
moderation) asks the server to tell the phones to refresh (``refresh_phones``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from ...capture.server import CaptureServer, Options
from ...store.db import Change
from qtshared.context import DocumentSignals

CAPTURE_TABLES = {"capture_session", "capture_item", "capture_vote", "note", "block", "workgroup", "canvas"}


class CaptureBridge(QObject):
    state_changed = Signal()  # opened or closed
    phones_changed = Signal(int)
    projector_changed = Signal()  # what the projector shows of the capture
    _remote = Signal(object)  # emitted in the server's thread, delivered in the GUI thread
    _phones = Signal(int)

    def __init__(self, signals: DocumentSignals) -> None:
        super().__init__(signals)
        self.signals = signals
        self.server: CaptureServer | None = None
        self.retired: set[str] = set()  # old links answer "closed" (410) while the app runs
        self.phones = 0
        self.show_join = True  # QR and code on the projector
        self.show_count = True  # the count of connected phones on the projector
        self._relaying = False
        self._remote.connect(self._relay)
        self._phones.connect(self._set_phones)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(120)
        self._refresh.timeout.connect(self._tell_phones)
        signals.changed.connect(self._local_change)

    @classmethod
    def of(cls, signals: DocumentSignals) -> "CaptureBridge":
        bridge = signals.findChild(CaptureBridge)
        return bridge if bridge is not None else cls(signals)

    @property
    def is_open(self) -> bool:
        return self.server is not None and self.server.running

    def open(self, workshop_id: str, block_id: str, *, address: str, port: int, moderated: bool,
             ask_name: bool) -> CaptureServer:
        """Start listening; raises CaptureProblem, FileProblem or OSError (the caller words them)."""
        self.close()
        server = CaptureServer(self.signals.doc.path,
                               Options(workshop_id, block_id, address=address, port=port, moderated=moderated,
                                       ask_name=ask_name, retired=self.retired),
                               on_changes=self._remote.emit, on_phones=self._phones.emit)
        server.start()
        self.server = server
        self.state_changed.emit()
        self.projector_changed.emit()
        return server

    def close(self) -> None:
        server, self.server = self.server, None
        if server is None:
            return
        server.stop()
        # Commits the server made just before stopping are still queued for this thread: deliver them now,
        # while the document is surely open, so every view shows the last notes.
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        self._set_phones(0)
        self.state_changed.emit()
        self.projector_changed.emit()

    def set_projector(self, *, join: bool | None = None, count: bool | None = None) -> None:
        if join is not None:
            self.show_join = join
        if count is not None:
            self.show_count = count
        self.projector_changed.emit()

    # -- server -> Qt --------------------------------------------------------------
    def _relay(self, changes: list[Change]) -> None:
        self._relaying = True
        try:
            self.signals.changed.emit(changes)
        finally:
            self._relaying = False

    def _set_phones(self, count: int) -> None:
        if count != self.phones:
            self.phones = count
            self.phones_changed.emit(count)

    # -- Qt -> server --------------------------------------------------------------
    def _local_change(self, changes: list[Change]) -> None:
        if self._relaying or not self.is_open:
            return
        if any(c.table in CAPTURE_TABLES for c in changes):
            self._refresh.start()  # a burst of edits is one refresh

    def _tell_phones(self) -> None:
        if self.server is not None:
            self.server.refresh_phones()
