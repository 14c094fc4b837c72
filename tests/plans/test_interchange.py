import json

import pytest

from actiontrack.lib.schema import InvalidPlanDocument
from actiontrack.plans.interchange import export_plan, load_plan, upgraded
from actiontrack.plans.models import Action, Plan, Update

pytestmark = pytest.mark.django_db


def golden_files(shared_dir):
    return sorted((shared_dir / "golden").glob("*.json"))


def test_every_golden_plan_round_trips_field_by_field(shared_dir):
    for path in golden_files(shared_dir):
        original = upgraded(json.loads(path.read_text(encoding="utf-8")))
        exported = export_plan(load_plan(original))
        for key in original:
            if key != "recommendations":
                assert exported[key] == original[key], f"{path.name}: {key}"
        assert len(exported["recommendations"]) == len(original["recommendations"]), path.name
        for index, (got, want) in enumerate(
            zip(exported["recommendations"], original["recommendations"], strict=True)
        ):
            for key in want:
                assert got[key] == want[key], f"{path.name}: recommendations/{index}/{key}"
        assert exported == original, path.name


def test_loaded_plan_keeps_counts_of_recommendations_actions_and_updates(shared_dir):
    path = golden_files(shared_dir)[0]
    original = json.loads(path.read_text(encoding="utf-8"))
    plan = load_plan(original)
    actions = sum(len(r["actions"]) for r in original["recommendations"]) + len(original["actions"])
    updates = sum(len(a["updates"]) for r in original["recommendations"] for a in r["actions"])
    assert plan.recommendations.count() == len(original["recommendations"])
    assert Action.objects.filter(plan=plan).count() == actions
    assert Update.objects.filter(action__plan=plan).count() == updates


def test_invalid_document_is_refused_naming_where_and_changes_nothing(shared_dir):
    document = json.loads(golden_files(shared_dir)[0].read_text(encoding="utf-8"))
    document["recommendations"][1]["actions"][0]["due"]["kind"] = "someday"
    with pytest.raises(InvalidPlanDocument, match="recommendations/1/actions/0/due/kind"):
        load_plan(document)
    assert Plan.objects.count() == 0
