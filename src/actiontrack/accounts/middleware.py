"""Say who acts for every request: changes made through a page are that user's, through a page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from actiontrack.accounts.audit import Actor, Channel, acting_as


class AuditMiddleware:
    """Record every change a request makes as the signed-in user's, through a page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(Actor(user=request.user, channel=Channel.PAGE)):
            return self.get_response(request)
