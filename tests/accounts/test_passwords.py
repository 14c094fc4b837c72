"""The password rules every set-password form applies (Django's validators, from the settings)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError

from tests import factories


@pytest.mark.parametrize(
    "password, why",
    [
        ("short1", "too short"),
        ("password123", "too common"),
        ("4815162342108", "entirely numeric"),
        ("samuel.moore", "too similar"),
    ],
)
def test_weak_passwords_are_refused(db: Any, password: str, why: str) -> None:
    user = factories.UserFactory(username="samuel.moore", first_name="Samuel", last_name="Moore")
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password(password, user)
    assert why in " ".join(error.value.messages)


def test_a_set_password_form_applies_the_rules(db: Any) -> None:
    user = factories.UserFactory()
    form = SetPasswordForm(user, {"new_password1": "12345678", "new_password2": "12345678"})
    assert not form.is_valid()
    good = SetPasswordForm(
        user, {"new_password1": "plum orchard ladder", "new_password2": "plum orchard ladder"}
    )
    assert good.is_valid()
