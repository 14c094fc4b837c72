"""Dashboards: charts, outcome measures, statutory deadlines, the calendar feed and role home pages."""
