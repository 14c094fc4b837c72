"""Demo data: the five seed plans, read by the real importer, with agencies, people, users and a measure.

It stands outside the apps because it uses several of them (the importer, plans, dashboards).

Users: `admin` (administrator), `board` (a board member who reads everything),
and `lead1` … `lead5`, each linked to a person who leads actions in a seed plan.
Every write goes through the service functions, so the demo has its history too.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from actiontrack.accounts.audit import Actor, Channel, acting_as
from actiontrack.accounts.models import Agency
from actiontrack.accounts.services import ensure_account, save_agency
from actiontrack.dashboards.demo import add_demo_measures
from actiontrack.importer import convert_path
from actiontrack.plans.models import ActionLead, Person, Plan
from actiontrack.plans.services import create_plan_from_document, link_person, share_plan

# The partner agencies of a safeguarding partnership, and words in a person's key or role that place
# them in one. Whoever matches none belongs to the partnership itself (the first).
AGENCIES = (
    ("Safeguarding Partnership", "Partnership", "partnership.example.org", ()),
    ("Police", "Police", "police.example.org", ("police", "detective", "constable", "inspector")),
    (
        "Health",
        "NHS",
        "nhs.example.org",
        ("health", "nhs", "pct", "nurse", "doctor", "gp", "hospital", "paediatric", "camhs", "midwi"),
    ),
    (
        "Education",
        "Education",
        "education.example.org",
        ("school", "education", "teacher", "head of learning"),
    ),
    (
        "Children's Social Care",
        "Social Care",
        "socialcare.example.org",
        ("social", "children's services", "service unit", "c.p.", "child protection", "family", "fostering"),
    ),
)


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
    with acting_as(Actor(channel=Channel.CLI)):
        agencies = [ensure_agency(name, short, domain) for name, short, domain, _words in AGENCIES]
        admin = ensure_account(
            "admin", password=password, first_name="Demo", last_name="Administrator", is_staff=True,
            is_superuser=True, email="admin@partnership.example.org", agency=agencies[0],
        )  # fmt: skip
        board = ensure_account(
            "board", password=password, first_name="Board", last_name="Member", is_board_member=True,
            email="board@partnership.example.org", agency=agencies[0],
        )  # fmt: skip
        plans = []
        for document in seed_documents(shared_dir):
            plan = Plan.objects.filter(title=document["title"]).first()
            if plan is None:
                plan = create_plan_from_document(document, owners=[admin], channel=Channel.CLI)
                share_plan(plan, owners=[admin], agencies=agencies)
                for person in plan.people.filter(email=""):
                    agency = agency_for_person(person, agencies)
                    link_person(person, user=person.user, email=email_for(person, agency), agency=agency)
            plans.append(plan)
        usernames = ["admin", board.username]
        for number, person in enumerate(demo_leads(plans), start=1):
            lead = ensure_account(
                f"lead{number}", password=password, first_name=person.name or person.key,
                email=person.email, agency=person.agency,
            )  # fmt: skip
            if person.user_id != lead.pk:
                for earlier in Person.objects.filter(user=lead):  # a re-run may pick someone else
                    link_person(earlier, user=None, email=earlier.email, agency=earlier.agency)
                link_person(person, user=lead, email=person.email, agency=person.agency)
            usernames.append(lead.username)
        add_demo_measures(plans)
    return DemoResult(password=password, plans=plans, usernames=usernames)


def ensure_agency(name: str, short_name: str, domain: str) -> Agency:
    agency = Agency.objects.filter(name=name).first()
    return agency or save_agency(Agency(name=name, short_name=short_name, email_domain=domain))


def agency_for_person(person: Person, agencies: list[Agency]) -> Agency:
    """Place a person in the agency their key, name or role names; the partnership otherwise."""
    words = f" {person.key} {person.name} {person.role} ".lower()
    for agency, (_name, _short, _domain, cues) in zip(agencies, AGENCIES, strict=True):
        if any(re.search(rf"\b{re.escape(cue)}", words) for cue in cues):
            return agency
    return agencies[0]


def email_for(person: Person, agency: Agency) -> str:
    """Make an example.org address from the person's name or key, at their agency's domain."""
    local = re.sub(r"[^a-z0-9]+", ".", (person.name or person.key).lower()).strip(".")[:40] or "lead"
    return f"{local}@{agency.email_domain}"


def demo_leads(plans: list[Plan]) -> list[Person]:
    """Return one person per plan who leads actions: its busiest lead, or the busiest one left elsewhere."""
    counts = Counter(
        ActionLead.objects.filter(action__plan__in=plans).values_list("person_id", flat=True)
    ).most_common()
    people = Person.objects.select_related("agency").in_bulk([pk for pk, _count in counts])
    ranked = [people[pk] for pk, _count in counts]
    chosen: list[Person] = []
    for plan in plans:
        own = [p for p in ranked if p.plan_id == plan.pk and p not in chosen]
        spare = [p for p in ranked if p not in chosen]
        pick = own[0] if own else spare[0] if spare else None
        if pick is not None:
            chosen.append(pick)
    return chosen
