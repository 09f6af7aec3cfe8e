"""The Phones tab (*Teléfonos*): open the capture for a block, show how to join, moderate.

*Abrir la captura desde teléfonos* starts the server on the chosen address and
shows a QR code and a short code per group (or one for the room), also on the
projector. While it is open: pause, moderation (notes wait in *Pendientes*),
dot voting, and the count of connected phones. Closing it kills its links.
"""

from __future__ import annotations

import errno

from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QPushButton, QScrollArea, QSpinBox,
                               QVBoxLayout, QWidget)

from ...capture import items as capture
from ...capture.addresses import Candidate
from ...capture.headless import DEFAULT_PORT
from ...i18n import _
from ...record import running_block
from ...store import FileProblem
from ...store.db import Change
from qtshared.context import WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.widgets import plain_label
from .bridge import CaptureBridge
from .join_cards import JoinCards
from .moderation import ModerationQueue
from .network_help import NetworkHelp


def address_label(c: Candidate) -> str:
    if c.virtual:
        return _("{address} — {name} (adaptador virtual: los teléfonos no lo alcanzan)", address=c.address, name=c.label)
    if c.hotspot:
        return _("{address} — {name} (zona Wi-Fi)", address=c.address, name=c.label)
    return f"{c.address} — {c.label}"


class CapturePanel(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = CaptureBridge.of(ctx.signals)
        root = QVBoxLayout(self)

        form = QFormLayout()
        self.block = QComboBox(self)
        self.block.setAccessibleName(_("Bloque que recibe las notas"))
        form.addRow(_("Bloque"), self.block)
        where = QHBoxLayout()
        self.address = QComboBox(self)
        self.address.setAccessibleName(_("Dirección de este computador en la red de la sala"))
        self.port = QSpinBox(self)
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setAccessibleName(_("Puerto"))
        self.rescan = QPushButton(_("Buscar redes"), self)
        self.address.setMinimumContentsLength(18)
        self.address.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.block.setMinimumContentsLength(18)
        self.block.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rescan.clicked.connect(self.fill_addresses)
        self.help_button = QPushButton(_("¿Los teléfonos no conectan?"), self)
        self.help_button.clicked.connect(self.show_help)
        where.addWidget(self.address, 1)
        where.addWidget(plain_label(_("Puerto"), self))
        where.addWidget(self.port)
        where.addWidget(self.rescan)
        where.addWidget(self.help_button)
        form.addRow(_("Dirección"), where)
        root.addLayout(form)
        self.no_network = plain_label("", self, wrap=True, name="NoNetwork")
        self.no_network.setStyleSheet("QLabel#NoNetwork { background: #FFF3C4; border: 1px solid #C99A00; "
                                      "border-radius: 4px; padding: 6px; }")
        self.no_network.hide()
        root.addWidget(self.no_network)

        switches = QHBoxLayout()
        self.moderated = QCheckBox(_("Moderar: las notas esperan en «Pendientes»"), self)
        self.ask_name = QCheckBox(_("Pedir un nombre opcional (con consentimiento)"), self)
        self.paused = QCheckBox(_("Pausa"), self)
        self.paused.setToolTip(_("Los teléfonos no pueden enviar notas nuevas mientras dure la pausa"))
        self.voting = QCheckBox(_("Votación abierta"), self)
        self.dots = QSpinBox(self)
        self.dots.setRange(1, 20)
        self.dots.setValue(capture.DOTS_DEFAULT)
        self.dots.setSuffix(_(" votos por teléfono"))
        self.dots.setAccessibleName(_("Votos por teléfono"))
        for w in (self.moderated, self.ask_name):
            switches.addWidget(w)
        switches.addStretch(1)
        self.open_button = QPushButton(_("Abrir la captura desde teléfonos"), self)
        self.open_button.setObjectName("Primary")
        self.open_button.clicked.connect(self.toggle)
        switches.addWidget(self.open_button)
        root.addLayout(switches)
        live = QHBoxLayout()
        for w in (self.paused, self.voting, self.dots):
            live.addWidget(w)
        live.addStretch(1)
        self.moderated.toggled.connect(lambda on: self._switch("moderated", on))
        self.ask_name.toggled.connect(lambda on: self._switch("ask_name", on))
        self.paused.toggled.connect(lambda on: self._switch("paused", on))
        self.voting.toggled.connect(lambda on: self._switch("voting", on))
        self.dots.valueChanged.connect(lambda n: self._switch("dots", n))

        self.status = plain_label("", self, wrap=True)
        self.show_join = QCheckBox(_("Código en el proyector (J)"), self)
        self.show_join.setChecked(self.bridge.show_join)
        self.show_join.toggled.connect(lambda on: self.bridge.set_projector(join=on))
        self.show_count = QCheckBox(_("Teléfonos conectados en el proyector"), self)
        self.show_count.setChecked(self.bridge.show_count)
        self.show_count.toggled.connect(lambda on: self.bridge.set_projector(count=on))
        live.addWidget(self.show_join)
        live.addWidget(self.show_count)
        root.addLayout(live)
        root.addWidget(self.status)

        self.cards = JoinCards(dark=False, recorder=True, parent=self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards)
        scroll.setMinimumHeight(280)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.cards_scroll = scroll
        root.addWidget(scroll, 2)
        self.queue = ModerationQueue(ctx, self)
        root.addWidget(self.queue, 3)

        self.bridge.state_changed.connect(self.refresh)
        self.bridge.phones_changed.connect(self._phones_changed)
        self.bridge.projector_changed.connect(self._projector_boxes)
        ctx.signals.changed.connect(self._changed)
        self.fill_blocks()
        self.fill_addresses()
        self.refresh()

    # -- choices -----------------------------------------------------------------------
    def fill_blocks(self) -> None:
        keep = self.block.currentData()
        running = running_block(self.ctx.doc.store, self.ctx.workshop_id)
        self.block.blockSignals(True)
        self.block.clear()
        for i, b in enumerate(self.ctx.doc.blocks(self.ctx.workshop_id), start=1):
            self.block.addItem(f"{i}. {b['title']}", b["id"])
        wanted = keep or running
        index = self.block.findData(wanted) if wanted else -1
        if index < 0:
            blocks = self.ctx.doc.blocks(self.ctx.workshop_id)
            index = next((i for i, b in enumerate(blocks) if b["canvas_id"]), 0)
        self.block.setCurrentIndex(max(0, index))
        self.block.blockSignals(False)

    def fill_addresses(self, found: list[Candidate] | None = None) -> None:
        if found is None:
            from ..network import candidates

            found = candidates()
        keep = self.address.currentData()
        self.address.clear()
        for c in found:
            self.address.addItem(address_label(c), c.address)
        # The laptop itself: for a browser on this same computer, and when there is no network at all.
        self.address.addItem(_("127.0.0.1 — solo este computador"), "127.0.0.1")
        index = self.address.findData(keep) if keep else -1
        self.address.setCurrentIndex(max(0, index))
        if not found:
            self.no_network.setText(_("Este computador no está conectado a ninguna red, así que los teléfonos no lo "
                                      "pueden alcanzar. Active su zona Wi-Fi (punto de acceso) y pulse «Buscar "
                                      "redes»; «¿Los teléfonos no conectan?» explica cómo."))
        self.no_network.setVisible(not found)

    # -- opening and closing -----------------------------------------------------------
    def _mine(self) -> bool:
        """Is the open capture this workshop's?"""
        server = self.bridge.server
        return self.bridge.is_open and server is not None and server.options.workshop_id == self.ctx.workshop_id

    def toggle(self) -> None:
        if self._mine():
            self.bridge.close()
            return
        self.open_capture()

    def open_capture(self) -> bool:
        block_id = self.block.currentData()
        if not block_id:
            Dialogs.error(self, _("El taller no tiene bloques."))
            return False
        address, port = self.address.currentData(), self.port.value()
        try:
            self.bridge.open(self.ctx.workshop_id, block_id, address=address, port=port,
                             moderated=self.moderated.isChecked(), ask_name=self.ask_name.isChecked())
        except capture.CaptureProblem as exc:
            Dialogs.error(self, str(exc))
            return False
        except FileProblem as exc:
            Dialogs.error(self, exc.message())
            return False
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                message = _("El puerto {port} ya está en uso en este computador: elija otro puerto.", port=port)
            elif exc.errno == errno.EADDRNOTAVAIL:
                message = _("La dirección {address} ya no es de este computador (¿cambió de red?): pulse «Buscar "
                            "redes».", address=address)
            else:
                message = _("No se pudo abrir la captura: {detail}.", detail=exc.strerror or str(exc))
            Dialogs.error(self, message)
            return False
        return True

    def refresh(self) -> None:
        mine = self._mine()
        server = self.bridge.server if mine else None
        for w in (self.block, self.address, self.port, self.rescan):
            w.setEnabled(not mine)
        self.open_button.setText(_("Cerrar la captura") if mine else _("Abrir la captura desde teléfonos"))
        self.open_button.setEnabled(not self.ctx.doc.readonly)
        for w in (self.paused, self.voting, self.dots, self.show_join, self.show_count):
            w.setEnabled(mine)
        self.cards.show_server(server)
        self.cards_scroll.setVisible(mine)
        self._sync_switches()
        self._status()

    def _sync_switches(self) -> None:
        server = self.bridge.server if self._mine() else None
        row = capture.session(self.ctx.doc, server.session_id) if server and server.session_id else None
        if row is None:
            for box in (self.paused, self.voting):
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)
            return
        for box, name in ((self.moderated, "moderated"), (self.ask_name, "ask_name"), (self.paused, "paused"),
                          (self.voting, "voting")):
            box.blockSignals(True)
            box.setChecked(bool(row[name]))
            box.blockSignals(False)
        self.dots.blockSignals(True)
        self.dots.setValue(row["dots"])
        self.dots.blockSignals(False)

    def _status(self) -> None:
        if self._mine():
            server = self.bridge.server
            assert server is not None
            self.status.setText(_("Captura abierta en {url} · teléfonos conectados: {n}", url=server.base_url(),
                                  n=self.bridge.phones))
        elif self.bridge.is_open:
            self.status.setText(_("La captura está abierta en otro taller de este proceso; abrirla aquí la cierra allá."))
        else:
            self.status.setText(_("Captura cerrada. Los teléfonos y otra computadora se unen en la red de la sala, "
                                  "sin internet."))

    def _phones_changed(self, _count: int) -> None:
        self._status()

    def _projector_boxes(self) -> None:
        for box, on in ((self.show_join, self.bridge.show_join), (self.show_count, self.bridge.show_count)):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)

    def _switch(self, name: str, value) -> None:
        server = self.bridge.server if self._mine() else None
        if server is None or not server.session_id:
            return  # before opening, the boxes are the options the capture opens with
        self.ctx.undo.run(capture.set_switch(self.ctx.doc, server.session_id, name, value))

    def _changed(self, changes: list[Change]) -> None:
        tables = {c.table for c in changes}
        if "block" in tables:
            self.fill_blocks()
        if "capture_session" in tables:
            self._sync_switches()

    def show_help(self) -> None:
        NetworkHelp(self.port.value(), self).exec()

    def shutdown(self) -> None:
        if self._mine():
            self.bridge.close()
        self.ctx.signals.changed.disconnect(self._changed)
        self.queue.shutdown()
