"""Charts drawn on the server by matplotlib, as accessible SVG (and PNG for Word documents).

Every chart carries a <title> and a <desc> (its description in words), is
labelled with role="img", writes its text as text (svg.fonttype 'none'), and
never lets colour carry meaning alone: bars are labelled with their values
and hatched by series, lines have distinct markers and dash styles. Its
figures are also returned as a table, which pages and reports print beside it.

For other apps (the board reports):

    plan_charts(plan, today)          -> list[Chart]  # a plan's dashboard charts, then its measures'
    dashboard_charts(plans, today)    -> list[Chart]  # across plans (a queryset); agency_id=, scale=
    measure_chart(measure, today)     -> Chart

A Chart has title, description, headers, rows, svg (bytes) and png() (bytes).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import io
import json
import logging
import re
import textwrap
import threading
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")
# The SVG names the fonts (Arial first) and the browser picks; matplotlib need not have them.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

import matplotlib.dates as mdates  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db.models import QuerySet  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from actiontrack.dashboards import measures, stats  # noqa: E402
from actiontrack.dashboards.models import Measure  # noqa: E402
from actiontrack.lib.garbage import fewer_collections  # noqa: E402
from actiontrack.plans.models import Plan  # noqa: E402
from actiontrack.plans.rag import RagScale  # noqa: E402

STYLE = {
    "svg.fonttype": "none",  # text stays text: searchable, read by screen readers, scalable
    "svg.hashsalt": "actiontrack",  # the same figures give the same SVG
    "font.family": ["Arial", "Liberation Sans", "DejaVu Sans", "sans-serif"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
}
HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
MARKERS = ["o", "s", "^", "D"]
DASHES = ["-", "--", ":", "-."]
WIDTH_INCHES = 4.6  # about 330 points: the chart reads at 320 px without scaling its text down
LABEL_CHARACTERS = 24
CACHE_SECONDS = 24 * 60 * 60
PAPER_DPI = 120  # sharp on paper at half a page's width


@dataclass
class Chart:
    """A drawn chart with its figures."""

    figures: stats.Figures

    @property
    def slug(self) -> str:
        return self.figures.slug

    @property
    def title(self) -> str:
        return self.figures.title

    @property
    def description(self) -> str:
        return self.figures.description

    @property
    def headers(self) -> list[str]:
        return self.figures.headers

    @property
    def rows(self) -> list[list[Any]]:
        return self.figures.rows

    def _drawn(self, fmt: str, dpi: int = 100) -> bytes:
        # The same figures always give the same drawing: draw them once, then reuse it.
        figures = json.dumps(dataclasses.asdict(self.figures), default=str, sort_keys=True)
        key = f"chart-{fmt}-{dpi}:" + hashlib.sha256(figures.encode()).hexdigest()
        drawing = cache.get(key)
        if drawing is None:
            drawing = draw(self.figures, fmt, dpi=dpi)
            if fmt == "svg":
                drawing = accessible_svg(drawing, self.figures.slug, self.title, self.description)
            cache.set(key, drawing, CACHE_SECONDS)
        return drawing

    @cached_property
    def svg(self) -> bytes:
        return self._drawn("svg")

    @property
    def data_uri(self) -> str:
        """Return the SVG as a data: address, for an <img> in a page."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode()

    def png(self, dpi: int = 150) -> bytes:
        """Return the chart as PNG, for paper: Word cannot take SVG, and a PDF lays PNG out faster."""
        return self._drawn("png", dpi)

    @property
    def png_data_uri(self) -> str:
        """Return the chart as a PNG data: address, for the PDF board paper."""
        return "data:image/png;base64," + base64.b64encode(self.png(PAPER_DPI)).decode()


def _short(label: Any) -> str:
    text = str(label)
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def _wrapped(label: Any, width: int = 11) -> str:
    return "\n".join(textwrap.wrap(_short(label), width)) or " "


# matplotlib's settings (rc_context) and font caches are process-wide, and a server draws charts in
# several threads at once: one chart is drawn at a time. pyplot is not used at all (its figure
# manager is global state too); a Figure is drawn on its own.
_DRAWING = threading.Lock()


@fewer_collections()
def draw(figures: stats.Figures, fmt: str, dpi: int = 100) -> bytes:
    """Draw the figures with matplotlib and return the file's bytes."""
    with _DRAWING, matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        if figures.kind == "hbar":
            shown = figures.rows[: stats.MOST_ROWS]
            height = 1.2 + 0.32 * max(len(shown), 1) * max(len(figures.series), 1)
        else:
            shown = figures.rows
            height = 3.0
        fig = Figure(figsize=(WIDTH_INCHES, height), layout="constrained")
        ax = fig.subplots()
        if not shown:
            ax.text(0.5, 0.5, "Nothing to show", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        elif figures.kind == "bar":
            _bar(ax, figures, shown)
        elif figures.kind == "hbar":
            _hbar(ax, figures, shown)
        else:
            _line(ax, figures, shown)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def _bar(ax: Any, figures: stats.Figures, rows: list[list[Any]]) -> None:
    labels = [_short(row[0]) for row in rows]
    values = [row[1] for row in rows]
    colours = [figures.colours[i % len(figures.colours)] for i in range(len(rows))]
    # Bars of different colours are also told apart by pattern; bars of one colour need none.
    hatches = [HATCHES[i % len(HATCHES)] if len(figures.colours) > 1 else "" for i in range(len(rows))]
    bars = ax.bar(range(len(rows)), values, color=colours, edgecolor="#0b0c0c", linewidth=0.6, hatch=hatches)
    ax.bar_label(bars, padding=2)
    if len(rows) > 4:
        ax.set_xticks(range(len(rows)), labels, rotation=45, ha="right")
    else:
        ax.set_xticks(range(len(rows)), [_wrapped(row[0]) for row in rows])
    ax.set_ylabel(figures.headers[1])
    ax.margins(y=0.15)


def _hbar(ax: Any, figures: stats.Figures, rows: list[list[Any]]) -> None:
    count = len(figures.series)
    height = 0.8 / count
    positions = range(len(rows))
    for index, series in enumerate(figures.series):
        values = [row[1 + index] for row in rows]
        bars = ax.barh(
            [p + index * height for p in positions],
            values,
            height=height,
            color=figures.colours[index % len(figures.colours)],
            edgecolor="#0b0c0c",
            linewidth=0.6,
            hatch=HATCHES[index % len(HATCHES)],
            label=series,
        )
        ax.bar_label(bars, padding=2)
    ax.set_yticks([p + height * (count - 1) / 2 for p in positions], [_short(row[0]) for row in rows])
    ax.invert_yaxis()
    ax.margins(x=0.15)
    if count > 1:
        ax.legend(loc="lower right", frameon=False)


def _line(ax: Any, figures: stats.Figures, rows: list[list[Any]]) -> None:
    columns = {header: i for i, header in enumerate(figures.headers)}
    x: Any = figures.dates or list(range(len(rows)))
    for index, series in enumerate(figures.series):
        values = [row[columns[series]] for row in rows]
        ax.plot(
            x,
            values,
            marker=MARKERS[index % len(MARKERS)],
            markersize=3 if len(rows) > 12 else 5,
            drawstyle="steps-post" if figures.steps else "default",
            linestyle=DASHES[index % len(DASHES)],
            color=figures.colours[index % len(figures.colours)],
            label=series,
        )
        ax.annotate(f"{values[-1]:g}", (x[-1], values[-1]), textcoords="offset points", xytext=(4, 4))
    if figures.reference is not None:
        label, level = figures.reference
        ax.axhline(level, color="#0b0c0c", linestyle="--", linewidth=1)
        ax.annotate(
            label, (0, level), xycoords=("axes fraction", "data"), textcoords="offset points", xytext=(2, 4)
        )
    if figures.dates:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        step = max(1, len(rows) // 6)
        ax.set_xticks(x[::step], [rows[i][0] for i in x[::step]], rotation=30, ha="right")
    if len(figures.series) > 1 or figures.reference is not None:
        ax.legend(frameon=False, loc="best")
    ax.margins(y=0.15)


SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def accessible_svg(svg: bytes, slug: str, title: str, description: str) -> bytes:
    """Give matplotlib's SVG a <title>, a <desc>, role="img" and aria-labelledby (it writes none)."""
    match = SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    ids = f"{slug}-title {slug}-desc"
    opening = match.group(0)[:-1] + f' role="img" aria-labelledby="{ids}">'.encode()
    labels = (
        f'<title id="{slug}-title">{escape(title)}</title><desc id="{slug}-desc">{escape(description)}</desc>'
    ).encode()
    return svg[: match.start()] + opening + labels + svg[match.end() :]


def dashboard_charts(
    plans: QuerySet[Plan], today: datetime.date, agency_id: int | None = None, scale: RagScale | None = None
) -> list[Chart]:
    """Return the action charts for these plans (and one agency if given), as a dashboard shows them."""
    actions = stats.actions_in_view(plans, agency_id)
    return [Chart(figures) for figures in stats.action_figures(plans, actions, today, scale)]


def measure_chart(measure: Measure, today: datetime.date) -> Chart:
    """Return a measure's trend against its target."""
    values = list(measure.values.order_by("date"))
    state = measures.status(measure, values, today)
    return Chart(stats.measure_figures(measure, values, state))


def plan_charts(plan: Plan, today: datetime.date) -> list[Chart]:
    """Return a plan's dashboard charts, then one chart for each of its outcome measures."""
    plans = Plan.objects.filter(pk=plan.pk)
    measures_ = plan.outcome_measures.order_by("name", "pk")  # type: ignore[attr-defined]
    return dashboard_charts(plans, today, scale=plan.scale) + [measure_chart(m, today) for m in measures_]


def figures_data(chart: Chart) -> dict[str, Any]:
    """Return a chart's figures as plain JSON, as a board report (and its frozen versions) keeps them."""
    data = dataclasses.asdict(chart.figures)
    data["dates"] = [day.isoformat() for day in chart.figures.dates]
    return data


def chart_from_data(data: dict[str, Any]) -> Chart:
    """Return the chart a board report kept as figures: drawn again, the same as when it was made."""
    fields = {**data, "dates": [datetime.date.fromisoformat(day) for day in data.get("dates", [])]}
    if fields.get("reference") is not None:
        fields["reference"] = tuple(fields["reference"])
    return Chart(stats.Figures(**fields))
