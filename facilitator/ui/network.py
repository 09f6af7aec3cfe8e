"""The laptop's network addresses as Qt sees them (``QNetworkInterface``), ranked for phones."""

from __future__ import annotations

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from ..capture.addresses import Candidate, Interface, usable


def interfaces() -> list[Interface]:
    found: list[Interface] = []
    for iface in QNetworkInterface.allInterfaces():
        flags = iface.flags()
        up = bool(flags & QNetworkInterface.InterfaceFlag.IsUp) and bool(flags & QNetworkInterface.InterfaceFlag.IsRunning)
        loopback = bool(flags & QNetworkInterface.InterfaceFlag.IsLoopBack)
        for entry in iface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            found.append(Interface(iface.name(), iface.humanReadableName(), ip.toString(), up, loopback))
    return found


def candidates() -> list[Candidate]:
    """Usable addresses, best first (virtual adapters last)."""
    return usable(interfaces())
