"""Importing a partnership's own tracker, whatever its columns (issue 12): read the
spreadsheet (reading.py), map its columns and values onto the records' fields (fields.py,
mapping.py, suggest.py), and make it an exchange document (convert.py) that goes through the
same checks and import as any other."""

from casereview.exchange.trackers.reading import Sheet, Workbook, read_spreadsheet

__all__ = ["Sheet", "Workbook", "read_spreadsheet"]
