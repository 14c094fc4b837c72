"""What pages in every app share: a service's refusal beside the field it names, and pagination."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from actiontrack.accounts.audit import StaleEdit, version_of
from actiontrack.formerrors import GovukErrors

T = TypeVar("T")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside each field it names, else at the top.

    A stale edit also lists what changed meanwhile, and moves the form on to the
    current version, so that sending it again (once checked) saves it.
    """
    if isinstance(error, StaleEdit):
        from actiontrack.accounts.history import changes_since

        form.changed_meanwhile = changes_since(error.instance, error.version)  # type: ignore[attr-defined]
        form.data = form.data.copy()  # type: ignore[attr-defined]
        form.data["seen_version"] = str(version_of(error.instance))  # type: ignore[index]
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def attempt(form: forms.BaseForm, service: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Call a service for a valid form; on its refusal, show why on the form and return None."""
    try:
        return service(*args, **kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def paginate(request: HttpRequest, items: Any, parameter: str = "page", size: int | None = None) -> Page:
    """Return the page of items the request asks for (?page=N), the last page if N is too big."""
    page = Paginator(items, size or settings.PAGE_SIZE).get_page(request.GET.get(parameter))
    page.parameter = parameter  # type: ignore[attr-defined]  # for the pagination links
    return page


class VersionedForm(GovukErrors, forms.Form):
    """An edit form that carries the version it was read at, so a stale save changes nothing."""

    # Not "version": a plan has a version of its own (the one printed on it, "V8").
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            self.fields["seen_version"].initial = version_of(instance)


class SubmittedOnceForm(GovukErrors, forms.Form):
    """A creating form with a one-time key: sent twice, it still creates one thing."""

    submission = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].initial = secrets.token_urlsafe(24)
