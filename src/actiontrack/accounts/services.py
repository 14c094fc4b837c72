"""Every write to accounts and agencies goes through one of these functions, in a transaction.

Accounts are invited, never created with a password someone else chose: the
invitation link lets the person set their own. Accounts are deactivated,
never deleted, so the history keeps their name.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from actiontrack.accounts.models import Agency, User

INVITATION_SALT = "actiontrack.accounts.invitation"


@transaction.atomic
def save_agency(agency: Agency) -> Agency:
    """Create or change an agency; names are unique, whatever their case."""
    agency.name = agency.name.strip()
    agency.short_name = agency.short_name.strip()
    agency.email_domain = agency.email_domain.strip().lower().lstrip("@")
    if not agency.name:
        raise ValidationError({"name": "Enter the agency's name"})
    if Agency.objects.filter(name__iexact=agency.name).exclude(pk=agency.pk).exists():
        raise ValidationError({"name": f"There is already an agency called {agency.name}"})
    agency.save()
    return agency


def agency_for_email(email: str) -> Agency | None:
    """Return the agency whose e-mail domain the address has, if any."""
    domain = email.rpartition("@")[2].lower()
    return Agency.objects.filter(email_domain=domain).first() if domain else None


@transaction.atomic
def invite_user(
    email: str,
    *,
    first_name: str = "",
    last_name: str = "",
    agency: Agency | None = None,
    is_staff: bool = False,
    is_board_member: bool = False,
    invited_by: Any = None,
) -> User:
    """Create an account for an e-mail address and send it an invitation to set a password."""
    email = User.objects.normalize_email(email.strip()).lower()
    if not email or "@" not in email:
        raise ValidationError({"email": "Enter an e-mail address, like name@example.org"})
    if User.objects.filter(email__iexact=email).exists() or User.objects.filter(username=email).exists():
        raise ValidationError({"email": f"{email} already has an account"})
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        agency=agency if agency is not None else agency_for_email(email),
        is_staff=is_staff,
        is_superuser=is_staff,
        is_board_member=is_board_member,
        invited_by=invited_by if invited_by is not None and invited_by.is_authenticated else None,
        invited_at=timezone.now(),
    )
    user.set_unusable_password()
    user.save()
    send_invitation(user)
    return user


@transaction.atomic
def create_sso_account(email: str, *, first_name: str = "", last_name: str = "") -> User:
    """Create an account with no roles for someone the single sign-on provider vouches for.

    It joins the agency of its e-mail domain; it signs in through the provider only, until an
    administrator invites it to choose a password.
    """
    email = email.lower()
    username, suffix = email, 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{email}-{suffix}"
    user = User(
        username=username[:150],
        email=email,
        first_name=first_name[:150],
        last_name=last_name[:150],
        agency=agency_for_email(email),
    )
    user.set_unusable_password()
    user.save()
    return user


def _password_state(user: User) -> str:
    # Changes once the password is set, so an invitation link works only once.
    return salted_hmac(INVITATION_SALT, f"{user.pk}:{user.password}:{user.is_active}").hexdigest()[:16]


def invitation_token(user: User) -> str:
    """Return the signed token of the user's invitation link: usable once, until it expires."""
    return signing.dumps({"u": user.pk, "s": _password_state(user)}, salt=INVITATION_SALT, compress=True)


def invitation_url(user: User) -> str:
    return settings.BASE_URL + reverse("invitation", args=[invitation_token(user)])


def user_for_invitation(token: str) -> User | None:
    """Return the user a valid, unexpired, unused invitation token names; None otherwise."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=settings.INVITATION_DAYS * 86400)
    except signing.BadSignature:  # also SignatureExpired
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or data.get("s") != _password_state(user):
        return None
    return user


def send_invitation(user: User) -> None:
    """E-mail the user their invitation link (again, if they lost it: earlier links stay valid until used)."""
    days = settings.INVITATION_DAYS
    send_mail(
        subject="You have been invited to ActionTrack",
        message=(
            f"Hello {user.first_name or user.email},\n\n"
            f"You have an ActionTrack account for following the partnership's action plans.\n"
            f"Choose your password here (the link works once, for {days} days):\n\n"
            f"{invitation_url(user)}\n\n"
            f"Your username is {user.username}.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def accept_invitation(user: User, password: str) -> User:
    """Set the password the invited person chose, checked by Django's password validators."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages}) from None
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def change_roles(
    user: User, *, agency: Agency | None, is_staff: bool, is_board_member: bool, by: Any
) -> User:
    """Set an account's agency and roles; an administrator cannot remove their own administration."""
    if user.pk == getattr(by, "pk", None) and user.is_staff and not is_staff:
        raise ValidationError({"is_staff": "You cannot remove your own administrator role"})
    user.agency, user.is_staff, user.is_superuser = agency, is_staff, is_staff
    user.is_board_member = is_board_member
    user.save()
    return user


@transaction.atomic
def set_active(user: User, active: bool, *, by: Any = None) -> User:
    """Deactivate an account (it can no longer sign in; its name stays in the history), or reactivate it."""
    if not active and user.pk == getattr(by, "pk", None):
        raise ValidationError("You cannot deactivate your own account")
    user.is_active = active
    user.save()
    return user


@transaction.atomic
def ensure_account(username: str, *, password: str, **fields: Any) -> User:
    """Create or refresh an account with a known password (the demo's users, `createsuperuser` aside)."""
    user = get_user_model().objects.filter(username=username).first() or User(username=username)
    for name, value in fields.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    return user
