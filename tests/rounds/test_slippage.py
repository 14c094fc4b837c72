"""Due-date revisions: the original kept, the note on the pages, the slippage lists and the flag."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from actiontrack.plans import services as plan_services
from actiontrack.rounds.slippage import slip_for, slips
from tests import factories
from tests.conftest import signed_in


def revise_twice(action: Any, owner: Any) -> None:
    plan_services.revise_due_date(action, due_text="June 2099", reason="Staff shortage", agreed_by=owner)
    plan_services.revise_due_date(action, due_text="September 2099", reason="New provider", agreed_by=owner)


def test_revised_action_keeps_its_original_date_and_counts_its_revisions(
    action: Any, plan_owner: Any
) -> None:
    revise_twice(action, plan_owner)
    slip = slip_for(action)
    assert slip is not None
    assert slip.note() == "revised from 31 March 2099 (2 revisions)"
    assert slip.days_moved == 183
    assert [r.reason for r in slip.revisions] == ["Staff shortage", "New provider"]


def test_plan_slippage_lists_moved_actions_with_reasons_and_who_agreed(
    plan: Any, action: Any, plan_owner: Any, agency_viewer: Any, outsider: Any
) -> None:
    factories.ActionFactory(recommendation=action.recommendation, text="Never moved")
    revise_twice(action, plan_owner)
    page = signed_in(agency_viewer).get(reverse("plan-slippage", args=[plan.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Staff shortage" in html and "New provider" in html and plan_owner.display_name in html
    assert "Never moved" not in html
    assert signed_in(outsider).get(reverse("plan-slippage", args=[plan.pk])).status_code == 404


def test_slippage_across_plans_shows_only_visible_plans(action: Any, plan_owner: Any, outsider: Any) -> None:
    revise_twice(action, plan_owner)
    assert action.text[:40] in signed_in(plan_owner).get(reverse("slippage")).content.decode()
    assert action.text[:40] not in signed_in(outsider).get(reverse("slippage")).content.decode()


def test_action_is_flagged_after_the_plans_revision_limit(plan: Any, action: Any, plan_owner: Any) -> None:
    plan.revision_limit = 3
    plan.save()
    revise_twice(action, plan_owner)
    (slip,) = slips(plan.actions.all())
    assert not slip.flagged
    plan_services.revise_due_date(action, due_text="December 2099", reason="Again", agreed_by=plan_owner)
    (slip,) = slips(plan.actions.all())
    assert slip.flagged
    assert "Flagged" in signed_in(plan_owner).get(reverse("plan-slippage", args=[plan.pk])).content.decode()


def test_plan_and_action_pages_show_the_revisions_with_reasons_and_who_agreed(
    plan: Any, action: Any, plan_owner: Any, agency_viewer: Any
) -> None:
    revise_twice(action, plan_owner)
    client = signed_in(agency_viewer)
    for url in (reverse("plan-detail", args=[plan.pk]), reverse("action-detail", args=[action.pk])):
        html = client.get(url).content.decode()
        assert "revised from 31 March 2099 (2 revisions)" in html, url
        assert "Staff shortage" in html and f"agreed by {plan_owner.display_name}" in html, url


def test_plan_page_says_when_actions_are_complete_but_impact_is_not_evidenced(
    plan: Any, action: Any, plan_owner: Any
) -> None:
    action.status = "completed"
    action.save()
    html = signed_in(plan_owner).get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "Actions complete, impact not yet evidenced" in html
    assert reverse("impact-create", args=[action.recommendation_id]) in html
    assert f"{reverse('round-create')}?plan={plan.pk}" in html
