"""Wagtail admin wiring of the core app: the admin's own CSV exports neutralise formulas like ours.

Wagtail's reports and listings (aging pages, site history, locked pages…) export CSV without neutralising a
title such as `=HYPERLINK(…)`; their XLSX already stores such text as a string. Every CSV cell of those exports
goes through interlab.core.spreadsheet.csv_cell like ours (Wagtail's own writer keeps its commas, so every
fragment a reader may split off is neutralised too). Wagtail imports every app's wagtail_hooks at start-up.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from .spreadsheet import csv_cell

_preprocess = SpreadsheetExportMixin.preprocess_field_value


def _preprocess_neutralised(self, field, value, export_format):
    processed = _preprocess(self, field, value, export_format)
    return csv_cell(processed) if export_format == self.FORMAT_CSV else processed


if not getattr(SpreadsheetExportMixin.preprocess_field_value, "neutralises_formulas", False):
    _preprocess_neutralised.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = _preprocess_neutralised
