"""Factories for test data."""

from __future__ import annotations

import datetime

import factory

from actiontrack.accounts.models import Agency, User
from actiontrack.plans.models import Action, ActionLead, Person, Plan, Recommendation, Update


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Improvement plan {n}")
    source_kind = "inspection"
    owning_body = "LSCB"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    plan = factory.SubFactory(PlanFactory)
    ref = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Strengthen management oversight of cases, recommendation {n}.")
    order = factory.Sequence(lambda n: n)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    plan = factory.SubFactory(PlanFactory)
    key = factory.Sequence(lambda n: f"P{n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    recommendation = factory.SubFactory(RecommendationFactory)
    plan = factory.SelfAttribute("recommendation.plan")
    text = factory.Sequence(lambda n: f"Audit referral cases monthly ({n})")
    due_text = "March 2099"
    due_date = datetime.date(2099, 3, 31)
    due_kind = "month"
    order = factory.Sequence(lambda n: n)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    action = factory.SubFactory(ActionFactory)
    date = factory.LazyFunction(datetime.date.today)
    text = "Progress made"
    order = factory.Sequence(lambda n: n)


def lead(action: Action, person: Person, order: int = 0) -> ActionLead:
    """Make a person a lead of an action."""
    return ActionLead.objects.create(action=action, person=person, order=order)
