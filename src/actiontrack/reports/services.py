"""Writes of the reports app: freezing a version, saving or removing a plan's Word template."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actiontrack.accounts.audit import Actor, Channel, acting_as
from actiontrack.plans.models import Plan
from actiontrack.reports.board import board_report
from actiontrack.reports.models import ReportTemplate, ReportVersion
from actiontrack.reports.templating import check_template


@transaction.atomic
def freeze_report_version(
    plan: Plan, as_at: datetime.date, user: Any, *, channel: str = Channel.PAGE
) -> ReportVersion:
    """Freeze the plan's board report as at a date as its next numbered version.

    It holds what the report showed, changes since the last version included, and is never recomputed.
    """
    if as_at > timezone.localdate():
        raise ValidationError({"as_at": "A version is frozen as at today or an earlier date"})
    with acting_as(Actor(user=user, channel=channel)) as actor:
        # Lock the plan row so two people freezing at once get V3 and V4, not two V3s.
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        number = (plan.report_versions.aggregate(top=Max("number"))["top"] or 0) + 1
        data = board_report(plan, as_at)
        account = actor.account
        data["version"] = {
            "number": number,
            "label": f"V{number}",
            "frozen_by": actor.name,
        }
        return ReportVersion.objects.create(
            plan=plan,
            number=number,
            as_at=as_at,
            frozen_by=account,
            frozen_by_name=actor.name[:200],
            data=data,
        )


@transaction.atomic
def save_report_template(plan: Plan, filename: str, content: bytes, user: Any) -> ReportTemplate:
    """Check and keep a plan's Word template, replacing any earlier one."""
    check_template(content, filename)
    with acting_as(Actor(user=user, channel=Channel.PAGE)) as actor:
        template = ReportTemplate.objects.filter(plan=plan).first() or ReportTemplate(plan=plan)
        template.filename = filename[:255]
        template.content = content
        template.uploaded_by = actor.account
        template.save()
        return template


@transaction.atomic
def remove_report_template(plan: Plan, user: Any) -> None:
    """Go back to the standard Word layout for the plan's board report."""
    with acting_as(Actor(user=user, channel=Channel.PAGE)):
        template = ReportTemplate.objects.filter(plan=plan).first()
        if template is not None:
            template.delete()
