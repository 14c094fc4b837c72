"""A measure's trend against its target, the stale flag, and all-or-nothing CSV loading."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from actiontrack.dashboards import measures, services
from actiontrack.dashboards.models import Direction, Frequency, Measure, MeasureValue

D = datetime.date


def values(*pairs):
    return [MeasureValue(date=day, value=Decimal(value)) for day, value in pairs]


def make(direction=Direction.LOWER, target=200, frequency=Frequency.MONTHLY, baseline=None):
    return Measure(
        name="m", direction=direction, target=Decimal(target), frequency=frequency, baseline=baseline
    )


CP = [
    (D(2018, 3, 8), 215),
    (D(2018, 4, 2), 201),
    (D(2018, 4, 30), 183),
    (D(2018, 5, 14), 188),
    (D(2018, 6, 11), 180),
]


def test_lower_is_better_trend_and_target():
    status = measures.status(make(), values(*CP), today=D(2018, 6, 20))
    assert status.latest.value == 180
    assert status.trend == measures.IMPROVING  # 188 to 180
    assert status.since_start == measures.IMPROVING  # 215 to 180
    assert status.target_met  # 180 is below 200
    assert not status.stale
    assert status.summary == "180 on 11 June 2018: improving, target met"


def test_a_rise_when_lower_is_better_is_worsening():
    status = measures.status(make(), values(*CP[:4]), today=D(2018, 5, 20))
    assert status.trend == measures.WORSENING  # 183 to 188
    assert status.target_met


def test_higher_is_better_reads_the_other_way():
    status = measures.status(
        make(Direction.HIGHER, target=90), values((D(2024, 1, 1), 80), (D(2024, 4, 1), 85)), D(2024, 4, 2)
    )
    assert status.trend == measures.IMPROVING and not status.target_met


def test_measure_is_stale_once_a_value_is_later_than_its_frequency_allows():
    cp = values(*CP)
    assert not measures.status(make(), cp, today=D(2018, 7, 12)).stale  # 31 days after 11 June
    late = measures.status(make(), cp, today=D(2018, 7, 13))
    assert late.stale and late.next_due == D(2018, 7, 12)
    assert "stale: no value for" in late.summary
    assert not measures.status(make(frequency=Frequency.QUARTERLY), cp, today=D(2018, 9, 10)).stale
    assert measures.status(make(frequency=Frequency.QUARTERLY), cp, today=D(2018, 9, 12)).stale


def test_a_measure_with_no_value_is_stale_and_has_no_trend():
    status = measures.status(make(), [], D(2026, 1, 1))
    assert status.stale and status.trend == measures.NO_TREND and status.summary == "No value yet"


def test_csv_reader_names_each_bad_row():
    rows, errors = measures.read_csv(
        b"\xef\xbb\xbfDate,Value,Note\n2018-03-08,215,first\n08/03/2018,1,\nnext week,200,\n2018-05-01,,\n\n"
    )
    assert [row.value for row in rows] == [Decimal(215)]
    assert errors == [
        "Row 3: 8 March 2018 is also on row 2",
        "Row 4: date “next week” is not a date like 2018-03-08 or 08/03/2018",
        "Row 5: value “” is not a number",
    ]


def test_csv_reader_wants_its_header():
    assert measures.read_csv(b"2018-03-08,215\n")[1] == [
        "Row 1: the first row must be the header date,value (and optionally note)"
    ]
    assert measures.read_csv(b"date,value\n")[1] == ["The file has no rows of values under its header"]


@pytest.mark.django_db
def test_load_csv_is_all_or_nothing(measure):
    with pytest.raises(ValidationError) as refused:
        services.load_measure_values_csv(measure, b"date,value\n2018-05-14,188\n2099-01-01,150\n")
    assert refused.value.message_dict["file"] == [
        "Row 3: 2099-01-01 is in the future; values are reported, not foretold"
    ]
    assert measure.values.count() == 3
    loaded = services.load_measure_values_csv(measure, b"date,value\n2018-05-14,188\n2018-04-30,184\n")
    assert len(loaded) == 2
    assert [(v.date, v.value) for v in measure.values.order_by("date")][-2:] == [
        (D(2018, 4, 30), Decimal(184)),  # replaced
        (D(2018, 5, 14), Decimal(188)),
    ]


@pytest.mark.django_db
def test_measure_refuses_recommendations_of_another_plan(plan):
    from tests import factories

    other = factories.RecommendationFactory()
    with pytest.raises(ValidationError) as refused:
        services.add_measure(Measure(plan=plan, name="x", target=Decimal(1)), recommendations=[other])
    assert "recommendations" in refused.value.message_dict
    assert not Measure.objects.exists()
