"""Importing a partnership's own tracker, whatever its columns (issue 12): read the
spreadsheet (reading.py), map its columns and values onto the records' fields (fields.py,
mapping.py, suggest.py), and make it an exchange document (convert.py) that goes through the
same checks and import as any other."""

from casereview.exchange.trackers.convert import tracker_document, unchecked_document
from casereview.exchange.trackers.fields import FIELDS, Holds, TrackerField
from casereview.exchange.trackers.mapping import SheetMapping, TrackerMapping
from casereview.exchange.trackers.reading import Sheet, Workbook, read_spreadsheet
from casereview.exchange.trackers.suggest import suggest_mapping, values_to_map

__all__ = [
    "FIELDS",
    "Holds",
    "Sheet",
    "SheetMapping",
    "TrackerField",
    "TrackerMapping",
    "Workbook",
    "read_spreadsheet",
    "suggest_mapping",
    "tracker_document",
    "unchecked_document",
    "values_to_map",
]
