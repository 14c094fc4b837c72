"""The one statutory deadline every partnership has: the ILACS action plan, 70 working days."""

from django.db import migrations


def add_ilacs_rule(apps, schema_editor):
    DeadlineRule = apps.get_model("dashboards", "DeadlineRule")
    DeadlineRule.objects.get_or_create(
        source_kind="inspection",
        name="Action plan to Ofsted after an inspection of children's services (ILACS)",
        defaults={"working_days": 70, "counted_from": "publication of the inspection report"},
    )


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0001_initial")]
    operations = [migrations.RunPython(add_ilacs_rule, migrations.RunPython.noop)]
