"""Security headers that neither Django nor django-csp sends."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Send Permissions-Policy: ActionTrack needs no camera, microphone, location or payments."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class NoStoreMiddleware:
    """Tell browsers and proxies to keep no copy of any page: they hold child-protection data.

    Static files are served before this (WhiteNoise) and stay cacheable; a view that says how
    it may be cached (the health check) keeps its own header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response.headers:
            patch_cache_control(response, no_store=True, private=True)
        return response
