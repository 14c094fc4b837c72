"""Demo data: the five seed plans, an administrator and one lead per plan."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from actiontrack.importer import convert_path
from actiontrack.plans.interchange import load_plan
from actiontrack.plans.models import ActionLead, Person, Plan


@dataclass
class DemoResult:
    password: str
    plans: list[Plan]
    usernames: list[str]


def seed_documents(shared_dir: Path) -> list[dict]:
    """Return the actionplan/1 document the importer reads from each seed plan."""
    return [convert_path(seed) for seed in sorted((shared_dir / "seeds").iterdir()) if seed.is_file()]


@transaction.atomic
def load_demo(shared_dir: Path, password: str | None = None) -> DemoResult:
    """Load the seed plans once, and (re)set the demo users' password."""
    password = password or secrets.token_urlsafe(9)
    User = get_user_model()
    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"first_name": "Demo", "last_name": "Administrator"}
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(password)
    admin.save()
    plans, usernames = [], ["admin"]
    for number, document in enumerate(seed_documents(shared_dir), start=1):
        plan = Plan.objects.filter(title=document["title"]).first() or load_plan(document, owners=[admin])
        plans.append(plan)
        lead_user, _ = User.objects.get_or_create(username=f"lead{number}")
        lead_user.set_password(password)
        lead_user.save()
        person = busiest_lead(plan)
        if person is not None:
            Person.objects.filter(pk=person.pk).update(user=lead_user)
            lead_user.first_name = person.name or person.key
            lead_user.save(update_fields=["first_name"])
        usernames.append(lead_user.username)
    return DemoResult(password=password, plans=plans, usernames=usernames)


def busiest_lead(plan: Plan) -> Person | None:
    """Return the person who leads most of the plan's actions."""
    counts = Counter(ActionLead.objects.filter(action__plan=plan).values_list("person_id", flat=True))
    if not counts:
        return None
    return Person.objects.get(pk=counts.most_common(1)[0][0])
