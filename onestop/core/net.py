"""Which client address counts: REMOTE_ADDR, or X-Forwarded-For only from a trusted proxy."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def _is_trusted(addr: str) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    for entry in settings.TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote and forwarded and _is_trusted(remote):
        # Walk from the right: the first address not added by one of our own proxies is the
        # client. Anything further left could have been typed by the client itself.
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        for hop in reversed(hops):
            if not _is_trusted(hop):
                try:
                    return str(ipaddress.ip_address(hop))
                except ValueError:
                    return remote
        return hops[0] if hops else remote
    return remote


def axes_client_ip(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
    return client_ip(request)
