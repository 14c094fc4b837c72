"""Forms for signing in and for managing accounts and agencies."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from actiontrack.accounts.models import Agency
from actiontrack.dateinput import GovukDateField
from actiontrack.formerrors import GovukErrors


class SignInForm(GovukErrors, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # GOV.UK: no autofocus, so the skip link stays the first Tab stop.
        self.fields["username"].widget.attrs.pop("autofocus", None)


ROLE_CHOICES = [
    ("administrator", "Administrator – manages accounts and agencies, and changes every plan"),
    ("board", "Board member – reads every plan and report, changes nothing"),
]


class AgencyForm(GovukErrors, forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "email_domain"]
        labels = {"short_name": "Short name", "email_domain": "E-mail domain"}


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=ROLE_CHOICES,
            required=False,
            label="Roles",
            help_text="Without a role, they see the plans shared with their agency and the actions they lead",
            **kwargs,
        )


class InviteForm(GovukErrors, forms.Form):
    email = forms.EmailField(
        label="E-mail address", error_messages={"required": "Enter their e-mail address"}
    )
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        required=False,
        help_text="Leave empty to choose it from the e-mail address's domain",
    )
    roles = RolesField()


class AccountForm(GovukErrors, forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), required=False)
    roles = RolesField()


class InvitationPasswordForm(GovukErrors, SetPasswordForm):
    """Choose a password (Django's validators say what is wrong with a weak one)."""


class AuditPeriodForm(GovukErrors, forms.Form):
    start = GovukDateField(label="From", help_text="For example, 1 11 2026")
    end = GovukDateField(label="To (inclusive)", help_text="For example, 30 11 2026")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be on or after its start")
        return data
