"""Rate limits for public submissions, per client IP and per reporter phone.

The limits are settings (INTAKE_RATE_PER_IP, INTAKE_RATE_PER_PHONE), and addresses listed in
INTAKE_RATE_EXEMPT_IPS (a partner's kiosk, a load test on loopback) are not limited.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from onestop.core.net import client_ip
from onestop.lib.ratelimit import hit
from onestop.thai import phones


class RateLimited(Exception):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Too many requests from this device or phone number. Please wait a while, or call 1300."
            )
        )


@functools.lru_cache(maxsize=4)
def _networks(
    listed: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    # Parsed once per setting value, not on every submit.
    return tuple(ipaddress.ip_network(n, strict=False) for n in listed)


def _exempt(ip: str | None) -> bool:
    if not ip:
        return False
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(addr in net for net in _networks(tuple(settings.INTAKE_RATE_EXEMPT_IPS)))


def check_ip(request: HttpRequest, scope: str = "submit", rate: str | None = None) -> None:
    ip = client_ip(request)
    if _exempt(ip):
        return
    if not hit(f"intake-{scope}-ip", ip or "unknown", rate or settings.INTAKE_RATE_PER_IP):
        raise RateLimited


def check_phone(request: HttpRequest, phone: str) -> None:
    if not phone.strip() or _exempt(client_ip(request)):
        return
    try:
        key = phones.normalise(phone)
    except phones.InvalidPhone:
        return  # the service rejects it with its own message
    if not hit("intake-submit-phone", key, settings.INTAKE_RATE_PER_PHONE):
        raise RateLimited
