"""RAG ratings that explain themselves, from one table of rules.

Blue when completed; Red when more than `red_after_days` overdue or reported
delayed; Amber when overdue, reported at risk, or not reported on within
`stale_after_days`; Green otherwise: on track and recently reported. Each
rating carries its reason in words, so a page can say "Red: due 31 March 2004,
2 months overdue" or "Amber: no due date and no update since 8 March 2018".

The stale period counts from the latest update; for an action with none, from
the plan's *progress reported at* date or the day the action was added,
whichever is earlier (`stale_from()`). An update printed without a date (only
an imported document has them) was reported at the plan's *progress reported
at* date; with no such date its day is unknown, and an action whose last report
has no known day is stale: the day a plan was imported never counts as a report.

The rule is stated once, in `RULES`: an ordered list of (meaning, condition,
reason) where the first rule whose condition holds wins. Each condition knows
how to decide in Python (`holds`, for `assess()`) and how to say the same as a
Django `Q` over a few annotations (`q`, for `rag_annotations()` and
`ActionQuerySet.with_rag()`), so lists can filter, sort and count in SQL. The
reason in words stays Python-only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import BooleanField, Case, CharField, DateField, F, Func, IntegerField, Q, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Cast, Coalesce, Least

from actiontrack.lib.vocabulary import RAG_STATUS

COMPLETED, ON_TRACK, AT_RISK, DELAYED = "completed", "on_track", "at_risk", "delayed"
MEANINGS = (COMPLETED, ON_TRACK, AT_RISK, DELAYED)

# The colours a plan's key may use, and what each means.
COLOUR_MEANINGS = dict(RAG_STATUS)  # one home for the colour words: lib/vocabulary.py
DEFAULT_SCALE = (
    ("blue", "Completed"),
    ("green", "On track"),
    ("amber", "At risk"),
    ("red", "Delayed"),
)


@dataclass(frozen=True)
class Thresholds:
    red_after_days: int = 30
    stale_after_days: int = 90


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class RagScale:
    """A plan's colours in order: code ("yellow") and label ("In progress – potential problems")."""

    entries: tuple[tuple[str, str], ...] = DEFAULT_SCALE

    @classmethod
    def from_entries(cls, entries: list[dict[str, str]] | None) -> RagScale:
        """Build a scale from a plan's printed key, falling back to the default colours."""
        usable = tuple(
            (entry["code"].lower(), entry.get("label") or entry["code"].title())
            for entry in entries or []
            if entry.get("code", "").lower() in COLOUR_MEANINGS
        )
        return cls(usable) if usable else cls()

    def code_for(self, meaning: str) -> str:
        """Return the colour this plan uses for a meaning (a plan may say yellow for at risk)."""
        for code, _label in self.entries:
            if COLOUR_MEANINGS[code] == meaning:
                return code
        return next(code for code, _label in DEFAULT_SCALE if COLOUR_MEANINGS[code] == meaning)

    def label_for(self, code: str) -> str:
        """Return the printed label of a colour."""
        for entry_code, label in self.entries:
            if entry_code == code:
                return label
        return dict(DEFAULT_SCALE).get(code, code.title())

    def choices(self) -> list[tuple[str, str]]:
        """Return (code, "Colour – label") pairs for a form."""
        return [(code, f"{code.title()} – {label}") for code, label in self.entries]


@dataclass(frozen=True)
class Assessment:
    meaning: str  # one of MEANINGS
    reason: str
    because: str = ""  # the reason as a clause: "it was due on 31 December 2013"

    def code(self, scale: RagScale | None = None) -> str:
        return (scale or RagScale()).code_for(self.meaning)

    def describe(self, scale: RagScale | None = None) -> str:
        """Return the tag text with its reason: "Red: due 31 March 2004, 2 months overdue"."""
        return f"{self.code(scale).title()}: {self.reason}"


@dataclass(frozen=True)
class Facts:
    """What the rule looks at: the reported status, the due date and when the action was last reported on.

    `last_update_on` is the latest update's own date (None when it has none or there is no update);
    `updated` says whether there is an update at all (by default: whether it has a date). `added_on`
    is the day the action was added and `reported_at` the plan's *progress reported at* date.
    `due_kind` (lib.duedates) only words the reason.
    """

    status: str | None
    due_date: datetime.date | None
    last_update_on: datetime.date | None
    today: datetime.date
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    updated: bool | None = None
    added_on: datetime.date | None = None
    reported_at: datetime.date | None = None
    due_kind: str | None = None

    @property
    def has_update(self) -> bool:
        return self.last_update_on is not None if self.updated is None else self.updated

    @property
    def last_report_on(self) -> datetime.date | None:
        """Return the latest update's day: its date, else (printed undated) the plan's reported-at date."""
        return (self.last_update_on or self.reported_at) if self.has_update else None

    @property
    def stale_from(self) -> datetime.date | None:
        """Return the day the stale period counts from (None: unknown, so stale)."""
        if self.has_update:
            return self.last_report_on
        known = [day for day in (self.reported_at, self.added_on) if day is not None]
        return min(known) if known else None

    @property
    def days_past_due(self) -> int | None:
        return (self.today - self.due_date).days if self.due_date else None

    @property
    def days_since_update(self) -> int | None:
        """Return whole days since the stale period began, None when its start is unknown."""
        return (self.today - self.stale_from).days if self.stale_from else None


# The annotations the conditions' SQL form reads (see rag_annotations()).
DAYS_PAST_DUE = "rag_days_past_due"
DAYS_SINCE_UPDATE = "rag_days_since_update"
LAST_UPDATE_ON = "rag_last_update_on"
ADDED_ON = "rag_added_on"
STALE_FROM = "rag_stale_from"


class Condition(Protocol):
    def holds(self, facts: Facts) -> bool: ...

    def q(self) -> Q: ...


@dataclass(frozen=True)
class StatusIs:
    """The lead reported this status."""

    status: str

    def holds(self, facts: Facts) -> bool:
        return facts.status == self.status

    def q(self) -> Q:
        return Q(status=self.status)


@dataclass(frozen=True)
class PastDue:
    """More than `beyond` days (a threshold of the plan, or none: 0) past the due date."""

    beyond: str | None = None

    def holds(self, facts: Facts) -> bool:
        limit = getattr(facts.thresholds, self.beyond) if self.beyond else 0
        return facts.days_past_due is not None and facts.days_past_due > limit

    def q(self) -> Q:
        return Q(**{f"{DAYS_PAST_DUE}__gt": F(f"plan__{self.beyond}") if self.beyond else 0})


@dataclass(frozen=True)
class NoUpdateFor:
    """More than the plan's `threshold` days since the stale period began, or it began on no known day."""

    threshold: str = "stale_after_days"

    def holds(self, facts: Facts) -> bool:
        days = facts.days_since_update
        return days is None or days > getattr(facts.thresholds, self.threshold)

    def q(self) -> Q:
        return Q(**{f"{STALE_FROM}__isnull": True}) | Q(
            **{f"{DAYS_SINCE_UPDATE}__gt": F(f"plan__{self.threshold}")}
        )


@dataclass(frozen=True)
class Always:
    def holds(self, facts: Facts) -> bool:
        return True

    def q(self) -> Q:
        return Q(pk__isnull=False)  # an empty Q() cannot be a When() condition


@dataclass(frozen=True)
class Open:
    """Not completed, and the inner condition holds."""

    inner: Condition

    def holds(self, facts: Facts) -> bool:
        return facts.status != COMPLETED and self.inner.holds(facts)

    def q(self) -> Q:
        return ~Q(status=COMPLETED) & self.inner.q()


@dataclass(frozen=True)
class Undated:
    """No due date (ongoing, with immediate effect, to be confirmed, ...), and the inner condition holds."""

    inner: Condition

    def holds(self, facts: Facts) -> bool:
        return facts.due_date is None and self.inner.holds(facts)

    def q(self) -> Q:
        return Q(due_date__isnull=True) & self.inner.q()


# How an undated action's due date is said in a reason; any other kind is "no due date".
UNDATED_WORDS = {"ongoing": "ongoing", "immediate": "with immediate effect", "recurring": "recurring"}


def _says(words: str) -> Callable[[Facts], str]:
    return lambda facts: words


def _undated(facts: Facts) -> str:
    kind = facts.due_kind or ("ongoing" if facts.status == "ongoing" else "")
    return UNDATED_WORDS.get(kind, "no due date")


def _overdue(facts: Facts) -> str:
    assert facts.due_date is not None
    return f"due {format_date(facts.due_date)}, {how_long(facts.due_date, facts.today)} overdue"


def _due_on(facts: Facts) -> str:
    assert facts.due_date is not None
    return f"it was due on {format_date(facts.due_date)}"


def _no_update(facts: Facts) -> str:
    """Say since when nothing was reported: "no update since 8 March 2018", "no dated update"."""
    if facts.stale_from is None:
        return "no dated update" if facts.has_update else "no update"
    return f"no update since {format_date(facts.stale_from)}"


def _stale(facts: Facts) -> str:
    if facts.has_update and facts.last_update_on is not None:
        return f"no update for {how_long(facts.last_update_on, facts.today)}"
    return _no_update(facts)


def _undated_stale(facts: Facts) -> str:
    return f"no due date and {_no_update(facts)}"


def _on_track(facts: Facts) -> str:
    if facts.due_date:
        return f"due {format_date(facts.due_date)}, on track"
    last = facts.last_report_on
    return f"{_undated(facts)}, " + (f"last update {format_date(last)}" if last else "no update yet")


def _on_track_because(facts: Facts) -> str:
    if facts.due_date:
        return f"it is due on {format_date(facts.due_date)} and has been reported on recently"
    return "it has been reported on recently"


@dataclass(frozen=True)
class Rule:
    meaning: str
    condition: Condition
    reason: Callable[[Facts], str]
    # Why the page shows this colour when the lead reported another: "because it was due on ...".
    because: Callable[[Facts], str]


# The RAG rule, first match wins. Change it here: assess() and the SQL both follow.
RULES: tuple[Rule, ...] = (
    Rule(COMPLETED, StatusIs(COMPLETED), _says("completed"), _says("it is reported completed")),
    Rule(DELAYED, PastDue(beyond="red_after_days"), _overdue, _due_on),
    Rule(DELAYED, StatusIs(DELAYED), _says("reported delayed"), _says("it is reported delayed")),
    Rule(AT_RISK, PastDue(), _overdue, _due_on),
    Rule(AT_RISK, StatusIs(AT_RISK), _says("reported at risk"), _says("it is reported at risk")),
    Rule(
        AT_RISK,
        Undated(NoUpdateFor("stale_after_days")),
        _undated_stale,
        lambda facts: f"it has {_undated_stale(facts)}",
    ),
    Rule(AT_RISK, NoUpdateFor("stale_after_days"), _stale, lambda facts: f"there has been {_stale(facts)}"),
    Rule(ON_TRACK, Always(), _on_track, _on_track_because),
)

# The SQL form makes the last rule the CASE's ELSE: it must always hold.
assert isinstance(RULES[-1].condition, Always), "the last RAG rule must be Rule(..., Always(), ...)"

# Flags lists filter on, beside the RAG itself.
OVERDUE: Condition = Open(PastDue())
STALE: Condition = Open(NoUpdateFor("stale_after_days"))


def assess(
    *,
    status: str | None,
    due_date: datetime.date | None,
    last_update_on: datetime.date | None,
    today: datetime.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    updated: bool | None = None,
    added_on: datetime.date | None = None,
    reported_at: datetime.date | None = None,
    due_kind: str | None = None,
) -> Assessment:
    """Return an action's RAG and the reason for it (see Facts for the arguments)."""
    facts = Facts(
        status, due_date, last_update_on, today, thresholds, updated, added_on, reported_at, due_kind
    )
    return assess_facts(facts)


def assess_facts(facts: Facts) -> Assessment:
    """Return the RAG of the first rule that holds, with its reason and why in words."""
    rule = next(rule for rule in RULES if rule.condition.holds(facts))
    return Assessment(rule.meaning, rule.reason(facts), rule.because(facts))


def days_overdue(facts: Facts) -> int | None:
    """Return how many days an unfinished action is past its due date, None when it is not overdue."""
    return facts.days_past_due if OVERDUE.holds(facts) else None


def reported_differs(
    assessment: Assessment,
    reported_code: str,
    reported_on: datetime.date | None,
    scale: RagScale | None = None,
) -> str:
    """Say why the worked-out colour is not the one the lead reported, or "" when they agree.

    "Reported Amber on 20 November 2026; shown Red because it was due on 31 December 2013".
    """
    meaning = COLOUR_MEANINGS.get(reported_code.lower())
    if not meaning or meaning == assessment.meaning:
        return ""
    when = f" on {format_date(reported_on)}" if reported_on else ""
    shown = assessment.code(scale).title()
    return f"Reported {reported_code.title()}{when}; shown {shown} because {assessment.because}"


class DaysBetween(Func):
    """Whole days from the first date to the second (second minus first); null when either is null."""

    arity = 2
    output_field = IntegerField()

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        # PostgreSQL: date - date is a whole number of days.
        start, end = self.get_source_expressions()
        return Func(
            end, start, template="(%(expressions)s)", arg_joiner=" - ", output_field=IntegerField()
        ).as_sql(compiler, connection, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, *args: Any, **extra: Any) -> Any:
        start, end = self.get_source_expressions()
        return Func(
            end,
            start,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            output_field=IntegerField(),
        ).as_sql(compiler, connection, **extra)


def _flag(condition: Condition) -> Case:
    return Case(When(condition.q(), then=Value(True)), default=Value(False), output_field=BooleanField())


def rag_annotations(
    today: datetime.date, last_update_on: Expression | F, updated: Q, added_on: Expression | F
) -> list[dict[str, Any]]:
    """Return the annotations, stage by stage, that give each action the RAG rule's result in SQL.

    Apply each stage with its own `.annotate()`, in order: later stages read earlier ones.
    `last_update_on` is the expression for the latest update's own date, `updated` a Q that holds when
    the action has an update, `added_on` the expression for the day the action was added; the plan's
    *progress reported at* date is read as `plan__as_of`. The stale start is Facts.stale_from's.
    """
    today_value = Cast(Value(today), DateField())
    reported_at = F("plan__as_of")
    return [
        {LAST_UPDATE_ON: Cast(last_update_on, DateField()), ADDED_ON: Cast(added_on, DateField())},
        {
            STALE_FROM: Case(
                When(updated, then=Coalesce(F(LAST_UPDATE_ON), reported_at)),
                # Least() of a null is null on SQLite, the other value on PostgreSQL: no nulls given.
                default=Least(Coalesce(reported_at, F(ADDED_ON)), F(ADDED_ON)),
                output_field=DateField(),
            ),
        },
        {
            DAYS_PAST_DUE: DaysBetween(F("due_date"), today_value),
            DAYS_SINCE_UPDATE: DaysBetween(F(STALE_FROM), today_value),
        },
        {
            "rag_meaning": Case(
                *(When(rule.condition.q(), then=Value(rule.meaning)) for rule in RULES[:-1]),
                default=Value(RULES[-1].meaning),
                output_field=CharField(),
            ),
            "is_overdue": _flag(OVERDUE),
            "is_stale": _flag(STALE),
            "days_overdue": Case(
                When(OVERDUE.q(), then=F(DAYS_PAST_DUE)), default=None, output_field=IntegerField()
            ),
        },
    ]


def format_date(day: datetime.date) -> str:
    """Write a date as people do: "14 June 2018"."""
    return f"{day.day} {day:%B %Y}"


def how_long(start: datetime.date, end: datetime.date) -> str:
    """Say how long from start to end in the largest sensible unit: "3 days", "2 months", "1 year"."""
    days = (end - start).days
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    if months >= 24:
        return _plural(months // 12, "year")
    if months >= 2:
        return _plural(months, "month")
    if days >= 14:
        return _plural(days // 7, "week")
    return _plural(max(days, 1), "day")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"
