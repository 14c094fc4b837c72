"""Every URL × every role, by GET and by POST, on objects the role may and may not reach.

The URL patterns come from the resolver, so a new URL without an entry in MATRIX
fails `test_every_url_has_an_entry`. Each entry builds the URL's arguments from a
small world (a plan with its people, another plan no one but administrators and
board members may see, drafts, …) and states the exact status each role gets.
What a role may not see answers 404; what it may see but not change, 403; a
signed-out visitor is sent to sign in (302) except where a page is public.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actiontrack.accounts.audit import Actor, acting_as
from actiontrack.accounts.services import invitation_token
from actiontrack.dashboards.models import Direction, Measure
from actiontrack.dashboards.services import add_measure, record_measure_value
from actiontrack.importer.models import ImportDraft
from actiontrack.reports.services import freeze_report_version
from actiontrack.rounds.links import make_token
from actiontrack.rounds.services import open_round, request_sign_off
from tests import factories

ONE_WEEK = datetime.timedelta(days=7)
ROLES = ("administrator", "owner", "lead", "viewer", "board", "outsider", "anonymous")


def statuses(**given: int) -> dict[str, int]:
    """Expected statuses by role; `others` is every role not named."""
    default = given.pop("others", None)
    table = {role: given.get(role, default) for role in ROLES}
    missing = [role for role, value in table.items() if value is None]
    assert not missing, f"no status for {missing}"
    return table


# The usual answers.
READ = statuses(others=200, outsider=404, anonymous=302)  # a plan's page: whoever may see the plan
CHANGE = statuses(administrator=200, owner=200, lead=403, viewer=403, board=403, outsider=404, anonymous=302)
UPDATE = {**CHANGE, "lead": 200}  # adding progress: editors and the action's leads
SIGNED_IN = statuses(others=200, anonymous=302)
CREATE = statuses(others=200, board=403, anonymous=302)  # creating a plan: all but read-only roles
ADMIN = statuses(administrator=200, others=404, anonymous=302)
ADMIN_DONE = statuses(administrator=302, others=404, anonymous=302)
POST_ONLY_GET = statuses(others=405, anonymous=302)
OWN_DRAFT = statuses(owner=200, others=404, anonymous=302)  # import drafts: their uploader's only
PUBLIC = statuses(others=200)
CHANGE_DONE = {**CHANGE, "administrator": 302, "owner": 302}  # a change that needs no input
OWNER_ONLY = {**CHANGE, "outsider": 403}  # a form that is not about one plan: only owners use it
WITH_400 = {"administrator": 400, "owner": 400}


@dataclass
class Case:
    """How to reach one URL name and what each role gets by GET and by POST (empty form)."""

    kwargs: Callable[[Any], dict[str, Any]] = lambda world: {}
    get: dict[str, int] = field(default_factory=lambda: READ)
    post: dict[str, int] | None = None  # None: the view answers GET only (405 to a POST)
    foreign: bool = True  # also try it on the plan only administrators and board members see
    ends_session: bool = False  # signing out: tried in a session of its own
    query: Callable[[Any], str] = lambda world: ""
    data: Callable[[Any], dict[str, Any]] = lambda world: {}


def plan_kwargs(name: str = "pk") -> Callable[[Any], dict[str, Any]]:
    return lambda world: {name: world.plan.pk}


MATRIX: dict[str, Case] = {
    "healthz": Case(get=PUBLIC, post=statuses(others=405), foreign=False),
    "login": Case(get=PUBLIC, post=PUBLIC, foreign=False),  # an empty sign-in form shows its errors
    "logout": Case(get=POST_ONLY_GET, post=statuses(others=302), foreign=False, ends_session=True),
    "invitation": Case(
        kwargs=lambda world: {"token": invitation_token(world.invited)},
        get=PUBLIC,
        post=PUBLIC,
        foreign=False,
    ),
    # Administration.
    "agency-list": Case(get=ADMIN, foreign=False),
    "agency-create": Case(get=ADMIN, post=ADMIN, foreign=False),
    "agency-edit": Case(kwargs=lambda world: {"pk": world.agency.pk}, get=ADMIN, post=ADMIN, foreign=False),
    "user-list": Case(get=ADMIN, foreign=False),
    "user-invite": Case(get=ADMIN, post=ADMIN, foreign=False),
    "user-edit": Case(kwargs=lambda world: {"pk": world.invited.pk}, get=ADMIN, post=ADMIN, foreign=False),
    "user-deactivate": Case(
        kwargs=lambda world: {"pk": world.invited.pk}, get=POST_ONLY_GET, post=ADMIN_DONE, foreign=False
    ),
    "user-reactivate": Case(
        kwargs=lambda world: {"pk": world.invited.pk}, get=POST_ONLY_GET, post=ADMIN_DONE, foreign=False
    ),
    "user-reinvite": Case(
        kwargs=lambda world: {"pk": world.invited.pk}, get=POST_ONLY_GET, post=ADMIN_DONE, foreign=False
    ),
    "audit-trail": Case(get=ADMIN, foreign=False),
    # Plans.
    "plan-list": Case(get=SIGNED_IN, foreign=False),
    "my-actions": Case(get=SIGNED_IN, foreign=False),
    "search": Case(get=SIGNED_IN, foreign=False),
    "plan-create": Case(get=CREATE, post=CREATE, foreign=False),
    # Its filters and "as at" view are GET parameters of the same page: the same answers.
    "plan-detail": Case(kwargs=plan_kwargs(), query=lambda world: "?rag=red&overdue=1&as_at=2018-06-14"),
    "plan-history": Case(kwargs=plan_kwargs()),
    "plan-export": Case(kwargs=plan_kwargs()),
    "plan-edit": Case(kwargs=plan_kwargs(), get=CHANGE, post=CHANGE),
    "plan-sharing": Case(kwargs=plan_kwargs(), get=CHANGE, post=CHANGE),
    "person-edit": Case(kwargs=lambda world: {"pk": world.person.pk}, get=CHANGE, post=CHANGE),
    "recommendation-create": Case(kwargs=plan_kwargs("plan_pk"), get=CHANGE, post=CHANGE),
    "recommendation-edit": Case(
        kwargs=lambda world: {"pk": world.recommendation.pk}, get=CHANGE, post=CHANGE
    ),
    "action-create": Case(kwargs=plan_kwargs("plan_pk"), get=CHANGE, post=CHANGE),
    "action-detail": Case(kwargs=lambda world: {"pk": world.action.pk}),
    "action-history": Case(kwargs=lambda world: {"pk": world.action.pk}),
    "action-edit": Case(kwargs=lambda world: {"pk": world.action.pk}, get=CHANGE, post=CHANGE),
    # An empty update is refused on the action's page (200) for whoever may add one.
    "action-add-update": Case(kwargs=lambda world: {"pk": world.action.pk}, get=POST_ONLY_GET, post=UPDATE),
    # Imports.
    "import-upload": Case(get=CREATE, post=CREATE, foreign=False),
    "import-preview": Case(kwargs=lambda world: {"pk": world.draft().pk}, get=OWN_DRAFT, foreign=False),
    # The page that waits for an upload to be read: its uploader's only, like the draft.
    "import-reading": Case(
        kwargs=lambda world: {"pk": world.draft_being_read().pk}, get=OWN_DRAFT, foreign=False
    ),
    "import-columns": Case(
        kwargs=lambda world: {"pk": world.draft().pk},
        get=POST_ONLY_GET | {"owner": 405},
        post=OWN_DRAFT | {"owner": 302},
        foreign=False,
    ),
    "import-edit-plan": Case(
        kwargs=lambda world: {"pk": world.draft().pk}, get=OWN_DRAFT, post=OWN_DRAFT, foreign=False
    ),
    "import-edit-item": Case(
        kwargs=lambda world: {"pk": world.draft().pk, "path": "r0"},
        get=OWN_DRAFT,
        post=OWN_DRAFT,
        foreign=False,
    ),
    "import-confirm": Case(
        kwargs=lambda world: {"pk": world.draft().pk},
        get=POST_ONLY_GET,
        post=OWN_DRAFT | {"owner": 302},
        foreign=False,
    ),
    # Update rounds, sign-off, slippage.
    "round-list": Case(get=SIGNED_IN, foreign=False),
    "round-create": Case(get=OWNER_ONLY, post=OWNER_ONLY, foreign=False),
    "round-detail": Case(kwargs=lambda world: {"pk": world.round().pk}, get=CHANGE),
    "round-remind": Case(kwargs=lambda world: {"pk": world.round().pk}, get=POST_ONLY_GET, post=CHANGE_DONE),
    "round-close": Case(kwargs=lambda world: {"pk": world.round().pk}, get=POST_ONLY_GET, post=CHANGE_DONE),
    "recipient-revoke": Case(
        kwargs=lambda world: (lambda r: {"pk": r.round_id, "recipient_pk": r.pk})(world.recipient()),
        get=POST_ONLY_GET,
        post=CHANGE_DONE,
    ),
    # The link is the key: whoever holds it, signed in or not, sees that lead's actions and nothing else.
    "round-answer": Case(
        kwargs=lambda world: {"token": make_token(world.recipient())},
        get=PUBLIC,
        post=statuses(others=400),  # an answer with nothing in it is refused, to anyone
        foreign=False,
    ),
    "sign-off-request": Case(kwargs=lambda world: {"pk": world.action.pk}, get=UPDATE, post=UPDATE),
    "sign-off-detail": Case(kwargs=lambda world: {"pk": world.sign_off().pk}),
    "sign-off-approve": Case(
        kwargs=lambda world: {"pk": world.sign_off().pk}, get=POST_ONLY_GET, post=CHANGE_DONE
    ),
    # Returning needs a reason: without one the owners are told so (400) and nothing changes.
    "sign-off-return": Case(
        kwargs=lambda world: {"pk": world.sign_off().pk}, get=POST_ONLY_GET, post=CHANGE | WITH_400
    ),
    "impact-create": Case(kwargs=lambda world: {"pk": world.recommendation.pk}, get=CHANGE, post=CHANGE),
    "evidence-file": Case(kwargs=lambda world: {"pk": world.evidence().pk}),
    "slippage": Case(get=SIGNED_IN, foreign=False),
    "plan-slippage": Case(kwargs=plan_kwargs()),
    # Board reports, versions, templates and the exception report.
    "report": Case(kwargs=plan_kwargs()),
    "report-download": Case(kwargs=lambda world: {"pk": world.plan.pk, "fmt": "csv"}),
    "report-template-upload": Case(kwargs=plan_kwargs(), get=POST_ONLY_GET, post=CHANGE | WITH_400),
    "report-template": Case(kwargs=plan_kwargs(), get=statuses(others=404, anonymous=302)),  # none uploaded
    "report-template-remove": Case(kwargs=plan_kwargs(), get=POST_ONLY_GET, post=CHANGE_DONE),
    "report-starter-template": Case(get=SIGNED_IN, foreign=False),
    "report-versions": Case(kwargs=plan_kwargs()),
    "report-version-freeze": Case(kwargs=plan_kwargs(), get=POST_ONLY_GET, post=CHANGE_DONE),
    "report-version-compare": Case(
        kwargs=plan_kwargs(), query=lambda world: f"?before={world.version().number}&after=now"
    ),
    "report-version": Case(kwargs=lambda world: {"pk": world.plan.pk, "number": world.version().number}),
    "report-version-download": Case(
        kwargs=lambda world: {"pk": world.plan.pk, "number": world.version().number, "fmt": "csv"}
    ),
    "exceptions": Case(get=SIGNED_IN, foreign=False),
    "exceptions-download": Case(kwargs=lambda world: {"fmt": "csv"}, get=SIGNED_IN, foreign=False),
    # Dashboards, outcome measures, deadlines, the calendar feed, the role home page.
    "home": Case(get=SIGNED_IN | {"board": 302}, foreign=False),  # a board member lands on the dashboard
    "dashboard": Case(get=SIGNED_IN, foreign=False),
    "dashboard-chart": Case(kwargs=lambda world: {"slug": "rag"}, get=SIGNED_IN, foreign=False),
    "plan-dashboard": Case(kwargs=plan_kwargs()),
    "plan-dashboard-chart": Case(kwargs=lambda world: {"pk": world.plan.pk, "slug": "rag"}),
    "measure-create": Case(kwargs=plan_kwargs(), get=CHANGE, post=CHANGE),
    "measure-detail": Case(kwargs=lambda world: {"pk": world.measure().pk}),
    "measure-chart": Case(kwargs=lambda world: {"pk": world.measure().pk}),
    "measure-edit": Case(kwargs=lambda world: {"pk": world.measure().pk}, get=CHANGE, post=CHANGE),
    "measure-add-value": Case(kwargs=lambda world: {"pk": world.measure().pk}, get=CHANGE, post=CHANGE),
    "measure-upload": Case(kwargs=lambda world: {"pk": world.measure().pk}, get=CHANGE, post=CHANGE),
    "deadline-create": Case(kwargs=plan_kwargs(), get=CHANGE, post=CHANGE),
    "deadline-rules": Case(
        get=SIGNED_IN, post=statuses(administrator=200, others=403, anonymous=302), foreign=False
    ),
    "calendar": Case(get=SIGNED_IN, foreign=False),
    "calendar-renew": Case(get=POST_ONLY_GET, post=SIGNED_IN, foreign=False),
    "calendar-revoke": Case(get=POST_ONLY_GET, post=statuses(others=302), foreign=False),
    # Only a user's own secret address answers; any other is not there, to anyone.
    "calendar-feed": Case(
        kwargs=lambda world: {"token": "not-a-real-calendar-address"},
        get=statuses(others=404),
        post=statuses(others=405),
        foreign=False,
    ),
    "import-discard": Case(
        kwargs=lambda world: {"pk": world.draft().pk},
        get=POST_ONLY_GET,
        post=OWN_DRAFT | {"owner": 302},
        foreign=False,
    ),
}


def url_names() -> list[str]:
    """Every named URL pattern the site answers, straight from the resolver."""

    def walk(patterns: list[Any]) -> list[str]:
        names = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                names += walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"URL {pattern.pattern} has no name, so it cannot be in the matrix"
                names.append(pattern.name)
        return names

    return walk(get_resolver().url_patterns)


def test_every_url_has_an_entry():
    names = url_names()
    assert sorted(set(names) - set(MATRIX)) == [], "add these URLs to the access matrix"
    assert sorted(set(MATRIX) - set(names)) == [], "these matrix entries name no URL"


class World:
    """A plan shared with one agency, its people in every role, and a plan only administrators see."""

    def __init__(self) -> None:
        self.agency = factories.AgencyFactory(name="Children's Social Care")
        self.users = {
            "administrator": factories.UserFactory(
                username="administrator", is_staff=True, is_superuser=True
            ),
            "owner": factories.UserFactory(username="owner"),
            "lead": factories.UserFactory(username="lead"),
            "viewer": factories.UserFactory(username="viewer", agency=self.agency),
            "board": factories.UserFactory(username="board", is_board_member=True),
            "outsider": factories.UserFactory(username="outsider"),
        }
        self.plan, self.recommendation, self.action, self.person = self.build_plan(shared=True)
        self.elsewhere = self.build_plan(shared=False)
        self.invited = factories.UserFactory(username="invited@example.org", email="invited@example.org")
        self.clients: dict[str, Client] = {}

    def round(self) -> Any:
        """An update round on this world's plan, opened by its owner."""
        with acting_as(Actor(user=self.plan.owners.first())):
            return open_round([self.plan], title="For the board", deadline=datetime.date.today() + ONE_WEEK)

    def recipient(self) -> Any:
        return self.round().recipients.get()

    def measure(self) -> Any:
        """An outcome measure of this world's plan, with a value."""
        measure = Measure(plan=self.plan, name="Children on a plan", direction=Direction.LOWER, target=200)
        add_measure(measure, recommendations=[self.recommendation])
        record_measure_value(measure, date=datetime.date(2026, 1, 5), value=Decimal(215))
        return measure

    def version(self) -> Any:
        """A frozen version of this world's board report."""
        return freeze_report_version(self.plan, datetime.date.today(), self.plan.owners.first())

    def fresh_action(self) -> Any:
        """Another action of this world's plan led by its lead: one sign-off each."""
        action = factories.ActionFactory(recommendation=self.recommendation)
        factories.lead(action, self.person)
        return action

    def sign_off(self) -> Any:
        lead = self.users["lead"]
        with acting_as(Actor(user=lead)):
            return request_sign_off(self.fresh_action(), text="Done: see the report", requested_by=lead)

    def evidence(self) -> Any:
        with acting_as(Actor(user=self.users["lead"])):
            return record_evidence_file(self.fresh_action(), self.users["lead"])

    def draft(self) -> ImportDraft:
        """A fresh import draft of the owner's (confirming or discarding one removes it)."""
        return ImportDraft.objects.create(
            user=self.users["owner"],
            filename="plan.txt",
            data=b"Ref\tAction\n1\tDo it\n",
            document=draft_document(),
            columns=[],
            unplaced=[],
        )

    def draft_being_read(self) -> ImportDraft:
        """An upload of the owner's waiting for the background worker to read it."""
        return ImportDraft.objects.create(
            user=self.users["owner"],
            filename="plan.txt",
            data=b"Ref\tAction\n1\tDo it\n",
            state=ImportDraft.State.READING,
        )

    def build_plan(self, *, shared: bool) -> tuple[Any, Any, Any, Any]:
        plan = factories.PlanFactory(title="Shared plan" if shared else "Another partnership's plan")
        recommendation = factories.RecommendationFactory(plan=plan, ref="1")
        action = factories.ActionFactory(recommendation=recommendation, ref="1.1")
        person = factories.PersonFactory(
            plan=plan, key="SM", email="sm@example.org", user=self.users["lead"] if shared else None
        )
        factories.lead(action, person)
        factories.UpdateFactory(action=action, date=datetime.date(2026, 1, 5))
        if shared:
            plan.owners.add(self.users["owner"])
            plan.agencies.add(self.agency)
        else:
            plan.owners.add(factories.UserFactory(username="stranger"))
        return plan, recommendation, action, person

    def foreign(self) -> World:
        """The same world seen through the plan no one here but administrators and board members may see."""
        other = object.__new__(World)
        other.__dict__.update(self.__dict__)
        other.plan, other.recommendation, other.action, other.person = self.elsewhere
        return other

    def client(self, role: str, *, fresh: bool = False) -> Client:
        """A client signed in as the role: one session per role, or a new one that may be ended."""
        if fresh or role not in self.clients:
            client = Client()
            if role != "anonymous":
                client.force_login(self.users[role])
            if fresh:
                return client
            self.clients[role] = client
        return self.clients[role]


def draft_document() -> dict[str, Any]:
    """A small valid actionplan/1.1 document, as an import draft holds."""
    nothing = {"title": None, "date": None}
    action = {"ref": "1", "text": "Do it", "leads": [], "due": {"text": None, "date": None, "kind": None}}
    action |= {"status": None, "agency": None, "evidence": [], "rag": None, "updates": []}
    recommendation = {"ref": "1", "section": None, "text": "Recommend", "priority": None, "objective": None}
    recommendation |= {"outcomes": [], "measures": [], "actions": [action]}
    plan = {"format": "actionplan/1.1", "title": "Draft", "source": {"kind": "other", **nothing}}
    plan |= {
        "owner": None,
        "as_of": None,
        "version": None,
        "reporting_to": None,
        "notes": [],
        "rag_scale": [],
    }
    return plan | {"people": [], "actions": [], "recommendations": [recommendation]}


def record_evidence_file(action: Any, user: Any) -> Any:
    """A sign-off with one small PDF as its evidence, stored as an upload would be."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("audit.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    sign_off = request_sign_off(action, text="", files=[pdf], requested_by=user)
    return sign_off.files.get()


def foreign_expectation(table: dict[str, int]) -> dict[str, int]:
    """On a plan they do not take part in, owners, leads and viewers get what an outsider gets."""
    return {**table, **{role: table["outsider"] for role in ("owner", "lead", "viewer")}}


def check(world: World, role: str, names: list[str]) -> list[str]:
    problems = []
    for name in names:
        case = MATRIX[name]
        for where, here in (("", world), (" (another plan)", world.foreign() if case.foreign else None)):
            if here is None:
                continue
            url = reverse(name, kwargs=case.kwargs(here)) + case.query(here)
            expected_get = case.get if not where else foreign_expectation(case.get)
            client = world.client(role, fresh=case.ends_session)
            got = client.get(url).status_code
            if got != expected_get[role]:
                problems.append(f"GET {url}{where} as {role}: {got}, expected {expected_get[role]}")
            post = case.post or statuses(others=405, anonymous=302)
            expected_post = post if not where else foreign_expectation(post)
            got = client.post(url, case.data(here)).status_code
            if got != expected_post[role]:
                problems.append(f"POST {url}{where} as {role}: {got}, expected {expected_post[role]}")
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_answer_on_every_url(db, role, settings):
    if connection.vendor == "postgresql":
        pytest.skip("the whole matrix runs on SQLite; a sample of it on PostgreSQL, below")
    world = World()
    problems = check(world, role, sorted(MATRIX))
    assert not problems, "\n".join(problems)


SAMPLE = ["plan-detail", "plan-edit", "action-add-update", "person-edit", "user-list", "import-preview"]


@pytest.mark.postgres
@pytest.mark.parametrize("role", ("owner", "viewer", "outsider"))
def test_a_sample_of_the_matrix_holds_on_postgresql(db, role, settings):
    """The PostgreSQL pass of the suite runs this against the real production database engine."""
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (scripts/pytest_postgres.py)")
    problems = check(World(), role, SAMPLE)
    assert not problems, "\n".join(problems)
