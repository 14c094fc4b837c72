"""Shared fixtures: one per role, and a small plan they relate to.

Roles: an administrator (staff), the plan's owner, the lead of one of its
actions, a viewer from an agency the plan is shared with, a board member
(reads everything, changes nothing), and an outsider.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests import factories

REPO_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_DIR.parent / "shared"
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Hash test users' passwords with MD5: Argon2 (the site's hasher) costs ~0.1 s a password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED_DIR / "golden").is_dir():
        pytest.skip(f"the shared folder is not beside the checkout ({SHARED_DIR})")
    return SHARED_DIR


@pytest.fixture
def agency(db: Any) -> Any:
    return factories.AgencyFactory(name="Children's Social Care")


@pytest.fixture
def plan(db: Any, agency: Any, plan_owner: Any) -> Any:
    plan = factories.PlanFactory(title="Ofsted improvement plan")
    plan.owners.add(plan_owner)
    plan.agencies.add(agency)
    return plan


@pytest.fixture
def recommendation(plan: Any) -> Any:
    return factories.RecommendationFactory(plan=plan, ref="1", section="Strategic")


@pytest.fixture
def action(recommendation: Any, lead_person: Any) -> Any:
    action = factories.ActionFactory(recommendation=recommendation, ref="1.1")
    factories.lead(action, lead_person)
    return action


@pytest.fixture
def lead_person(plan: Any, action_lead: Any) -> Any:
    return factories.PersonFactory(plan=plan, key="SM", name="Sam Moore", user=action_lead)


@pytest.fixture
def administrator(db: Any) -> Any:
    return factories.UserFactory(username="administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def plan_owner(db: Any) -> Any:
    return factories.UserFactory(username="owner")


@pytest.fixture
def action_lead(db: Any) -> Any:
    return factories.UserFactory(username="lead")


@pytest.fixture
def agency_viewer(db: Any, agency: Any) -> Any:
    return factories.UserFactory(username="viewer", agency=agency)


@pytest.fixture
def board_member(db: Any) -> Any:
    return factories.UserFactory(username="board", is_board_member=True)


@pytest.fixture
def outsider(db: Any) -> Any:
    return factories.UserFactory(username="outsider", agency=factories.AgencyFactory(name="Elsewhere"))


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
