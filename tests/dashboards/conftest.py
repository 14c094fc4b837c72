"""Fixtures of the dashboards tests: a board member, and a measure of the shared plan."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from actiontrack.dashboards import services
from actiontrack.dashboards.models import Direction, Frequency, Measure
from tests import factories


@pytest.fixture
def board_member(db: Any) -> Any:
    return factories.UserFactory(username="board", is_board_member=True)


@pytest.fixture
def measure(plan: Any, recommendation: Any) -> Measure:
    measure = Measure(
        plan=plan,
        name="Children subject to a child protection plan",
        unit="children",
        direction=Direction.LOWER,
        baseline=Decimal(215),
        target=Decimal(200),
        frequency=Frequency.MONTHLY,
    )
    services.add_measure(measure, recommendations=[recommendation])
    for day, value in [((2018, 3, 8), 215), ((2018, 4, 2), 201), ((2018, 4, 30), 183)]:
        services.record_measure_value(measure, date=datetime.date(*day), value=Decimal(value))
    return measure
