"""How a tracker maps onto the records: for each sheet, what it holds, where its header row
is, the field each column fills, and the code each value written in a coded column stands for.

Saved as JSON (`to_json`, `from_json`): by the pages for the partnership, and by
`casereview import --suggest-mapping -o MAPPING.json` for a person to check and edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casereview.exchange.problems import DocumentRejected, Problem
from casereview.exchange.trackers.fields import BY_KEY, FIELDS, Holds

FORMAT, VERSION = "casereview-tracker-mapping", 1
NEW_AGENCY = "new:"  # a value mapped to "new:Ambulance Service" creates that agency


@dataclass
class SheetMapping:
    sheet: str
    holds: str
    header_row: int
    columns: dict[str, str | None] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def column_of(self, key: str) -> str | None:
        """The header of the column mapped to the field, if any."""
        return next((header for header, found in self.columns.items() if found == key), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "holds": self.holds,
            "header_row": self.header_row,
            "columns": dict(self.columns),
            "values": {key: dict(texts) for key, texts in self.values.items()},
        }


@dataclass
class TrackerMapping:
    sheets: list[SheetMapping]

    def sheet(self, name: str) -> SheetMapping | None:
        return next((sheet for sheet in self.sheets if sheet.sheet == name), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "sheets": [sheet.to_json() for sheet in self.sheets],
        }

    @classmethod
    def from_json(cls, data: Any) -> TrackerMapping:
        """The mapping a JSON document holds; DocumentRejected names each thing wrong with it,
        in words, and what to do."""
        reader = _Reader()
        mapping = reader.mapping(data)
        if reader.problems:
            raise DocumentRejected(reader.problems)
        return mapping


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def wrong(self, where: str, message: str) -> None:
        self.problems.append(Problem((), message, where=where))

    def mapping(self, data: Any) -> TrackerMapping:
        where = "the mapping"
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.wrong(
                where,
                "This is not a tracker mapping: use a file written by `casereview import FILE "
                "--suggest-mapping` or saved from the import pages",
            )
            return TrackerMapping([])
        if data.get("version") != VERSION:
            self.wrong(where, f"This mapping is version {data.get('version')!r}: expected 1")
        sheets = data.get("sheets")
        if not isinstance(sheets, list):
            self.wrong(where, "The mapping lists no sheets: expected a list under 'sheets'")
            return TrackerMapping([])
        return TrackerMapping([self.sheet(index, item) for index, item in enumerate(sheets)])

    def sheet(self, index: int, item: Any) -> SheetMapping:
        where = f"sheet {index + 1} of the mapping"
        if not isinstance(item, dict):
            self.wrong(where, "Each sheet of the mapping is an object with its name and columns")
            return SheetMapping("", Holds.IGNORE, 1)
        name = item.get("sheet")
        if not isinstance(name, str) or not name:
            self.wrong(where, "The sheet's name is missing: expected the name of a tracker sheet")
            name = ""
        else:
            where = f"sheet '{name}' of the mapping"
        holds = item.get("holds")
        if holds not in Holds.values:
            self.wrong(
                where,
                f"{holds!r} is not what a sheet can hold: expected one of "
                + ", ".join(repr(value) for value in Holds.values),
            )
            holds = Holds.IGNORE
        header_row = item.get("header_row")
        if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1:
            self.wrong(
                where, f"The header row {header_row!r} is not a row number: expected 1 or more"
            )
            header_row = 1
        columns = self.columns(where, holds, item.get("columns", {}))
        values = self.values(where, item.get("values", {}))
        return SheetMapping(name, holds, header_row, columns, values)

    def columns(self, where: str, holds: str, columns: Any) -> dict[str, str | None]:
        if not isinstance(columns, dict):
            self.wrong(where, "The columns are not listed as header: field")
            return {}
        allowed = {f.key for f in FIELDS.get(holds, ())}
        found: dict[str, str | None] = {}
        for header, key in columns.items():
            if key is not None and key not in allowed:
                known = BY_KEY.get(key) if isinstance(key, str) else None
                self.wrong(
                    where,
                    f"Column {header!r} is mapped to {key!r}, "
                    + (
                        f"which a sheet of {holds} does not hold"
                        if known
                        else "which is not a field the import knows"
                    )
                    + ": choose one of "
                    + ", ".join(sorted(allowed))
                    + ", or null to leave it out",
                )
                continue
            found[str(header)] = key
        return found

    def values(self, where: str, values: Any) -> dict[str, dict[str, str]]:
        if not isinstance(values, dict) or not all(
            isinstance(texts, dict) and all(isinstance(code, str) for code in texts.values())
            for texts in values.values()
        ):
            self.wrong(where, "The values are not listed as field: {text: code}")
            return {}
        found: dict[str, dict[str, str]] = {}
        for key, texts in values.items():
            known = BY_KEY.get(key)
            if known is None:
                self.wrong(where, f"Values are given for {key!r}, which is not a field")
                continue
            codes = {code for code, _ in known.codes}
            for text, code in texts.items():
                if known.codes and code and code not in codes:
                    self.wrong(
                        where,
                        f"{known.label}: {text!r} is mapped to {code!r}, which is not one of its "
                        f'codes ({", ".join(sorted(codes))}); use "" for not known',
                    )
            found[key] = dict(texts)
        return found
