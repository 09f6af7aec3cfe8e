"""Which of the laptop's addresses phones can reach, best first (no Qt).

The desktop reads the interfaces with Qt's ``QNetworkInterface`` (``facilitator.ui.network``)
and hands them here as plain records. Usable: up, IPv4, not loopback, not
link-local (169.254.x.x means "no network gave me an address"). Virtual adapters
(Hyper-V's vEthernet, VirtualBox, VMware, docker, VPN tunnels) rank last: a phone
in the room can never reach them, yet they are often listed first.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

VIRTUAL = re.compile(r"vethernet|virtualbox|vbox|vmware|vmnet|docker|br-|veth|virbr|tun|tap|wg|zerotier|tailscale|"
                     r"hyper-v|loopback|utun|ham", re.IGNORECASE)
WIRELESS = re.compile(r"wi-?fi|wlan|wireless|wlp|wlo|inal[aá]mbrica", re.IGNORECASE)
HOTSPOT_PREFIXES = ("192.168.137.", "192.168.43.", "172.20.10.")  # Windows hotspot, Android, iPhone


@dataclass(frozen=True)
class Interface:
    name: str  # the system's name (eth0, wlp2s0, "Wi-Fi")
    label: str  # the human name Windows shows ("Wi-Fi", "vEthernet (WSL)")
    address: str
    up: bool = True
    loopback: bool = False


@dataclass(frozen=True)
class Candidate:
    address: str
    label: str
    virtual: bool
    hotspot: bool


def usable(interfaces: list[Interface]) -> list[Candidate]:
    """The addresses worth offering, best first: real Wi-Fi, other real adapters, then virtual ones."""
    found: list[tuple[tuple[int, int, str], Candidate]] = []
    seen: set[str] = set()
    for iface in interfaces:
        try:
            ip = ipaddress.ip_address(iface.address)
        except ValueError:
            continue
        if (not iface.up or iface.loopback or ip.version != 4 or ip.is_loopback or ip.is_link_local
                or ip.is_unspecified or ip.is_multicast or iface.address in seen):
            continue
        seen.add(iface.address)
        names = f"{iface.name} {iface.label}"
        virtual = bool(VIRTUAL.search(names))
        hotspot = iface.address.startswith(HOTSPOT_PREFIXES)
        rank = (1 if virtual else 0, 0 if (hotspot or WIRELESS.search(names)) else 1, iface.address)
        found.append((rank, Candidate(iface.address, iface.label or iface.name, virtual, hotspot)))
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]
