"""Plain-words help for the usual reasons phones cannot reach the laptop."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from ...i18n import _
from qtshared.widgets import plain_label


def help_sections(port: int) -> list[tuple[str, str]]:
    return [
        (_("No hay red en la sala"),
         _("Los teléfonos necesitan una red Wi-Fi compartida con este computador, aunque no tenga internet. Si no hay "
           "router, convierta el computador en la red: en Windows, Configuración › Red e Internet › Zona con cobertura "
           "inalámbrica móvil › Activar (la dirección será 192.168.137.1); en Linux, Configuración › Wi-Fi › menú › "
           "Activar punto de acceso Wi-Fi. Dicte el nombre y la clave de esa red a la sala y pulse «Buscar redes».")),
        (_("La zona Wi-Fi de un teléfono"),
         _("Muchos teléfonos aíslan a quienes se conectan a su zona Wi-Fi: cada uno llega a internet, pero no a los "
           "demás, así que nadie alcanza este computador. Use la zona Wi-Fi del propio computador o un router.")),
        (_("Windows bloquea la conexión"),
         _("La primera vez, Windows pregunta si permite que Papelógrafo (o Python) use la red: marque «Redes privadas» "
           "y pulse «Permitir acceso». Si la red está marcada como pública, cámbiela: Configuración › Red e Internet › "
           "Wi-Fi › (su red) › Tipo de perfil de red › Privada. Si un antivirus o firewall sigue bloqueando, permita "
           "el puerto {port} (TCP) en esa red.", port=port)),
        (_("El teléfono abre otra cosa o no carga"),
         _("El teléfono debe estar en la misma red Wi-Fi que este computador. Si avisa «esta red no tiene internet», "
           "elija «Mantener la conexión», o apague los datos móviles un momento. Si el código QR no se lee, escriba "
           "la dirección que aparece bajo el código y luego el código corto.")),
        (_("Elegir la dirección"),
         _("Elija la dirección de la red Wi-Fi o del cable de la sala. Las de adaptadores virtuales (vEthernet, "
           "VirtualBox, VMware, docker, VPN) aparecen al final: los teléfonos no las alcanzan.")),
    ]


class NetworkHelp(QDialog):
    def __init__(self, port: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("¿Los teléfonos no conectan?"))
        self.resize(640, 560)
        outer = QVBoxLayout(self)
        body = QWidget()
        column = QVBoxLayout(body)
        for title, text in help_sections(port):
            heading = plain_label(title, body, name="SectionTitle")
            font = heading.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.1)
            heading.setFont(font)
            column.addWidget(heading)
            column.addWidget(plain_label(text, body, wrap=True))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
