import json

import pytest
from django.core.management import CommandError, call_command

from actiontrack.accounts.models import Agency, User
from actiontrack.plans.models import Action, Person, Plan, Update

pytestmark = pytest.mark.django_db


def counts(document):
    actions = [a for r in document["recommendations"] for a in r["actions"]] + document["actions"]
    return len(document["recommendations"]), len(actions), sum(len(a["updates"]) for a in actions)


def test_demo_loads_each_seed_with_its_golden_counts_and_users(shared_dir, monkeypatch, capsys):
    monkeypatch.setenv("ACTIONTRACK_DEMO_PASSWORD", "demo password 1")
    call_command("demo", shared=shared_dir)
    out = capsys.readouterr().out
    assert "demo password 1" in out
    for name in ("admin", "board", "lead1", "lead2", "lead3", "lead4", "lead5"):
        assert f"  {name}  " in out
    for golden in sorted((shared_dir / "golden").glob("*.json")):
        document = json.loads(golden.read_text(encoding="utf-8"))
        plan = Plan.objects.get(title=document["title"])
        got = (
            plan.recommendations.count(),
            Action.objects.filter(plan=plan).count(),
            Update.objects.filter(action__plan=plan).count(),
        )
        assert got == counts(document), golden.name
    assert User.objects.get(username="admin").check_password("demo password 1")
    assert User.objects.get(username="board").is_board_member
    for number in range(1, 6):  # every demo lead leads something, so My actions is never empty
        assert Action.objects.filter(lead_links__person__user__username=f"lead{number}").exists()
    assert not Person.objects.filter(email="").exists()
    assert Agency.objects.filter(short_name__in=["Police", "NHS", "Education", "Social Care"]).count() == 4
    assert Person.objects.values("agency").distinct().count() > 1
    call_command("demo", shared=shared_dir)  # a second run adds no second copy
    assert Plan.objects.count() == 5


def test_load_refuses_a_file_that_is_not_a_plan_and_changes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "actionplan/1", "title": ""}', encoding="utf-8")
    with pytest.raises(CommandError, match="bad.json"):
        call_command("load", str(bad))
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\xff not json")
    with pytest.raises(CommandError, match="junk.json is not JSON"):
        call_command("load", str(junk))
    assert not Plan.objects.exists()
