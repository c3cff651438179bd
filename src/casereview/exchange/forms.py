from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import BoundField

from casereview.accounts.models import Agency
from casereview.core.forms import GovUKForm, radios
from casereview.exchange.limits import MAX_UPLOAD_BYTES, size_problem
from casereview.exchange.trackers import (
    FIELDS,
    Holds,
    Sheet,
    SheetMapping,
    TrackerField,
    TrackerMapping,
    Workbook,
)

AGENCY_NAME = Agency._meta.get_field("name").max_length or 200

TOO_LARGE = (
    f"The selected file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB: the import takes "
    "files of up to that size. Split the records into smaller files and import each in turn."
)


class UploadForm(GovUKForm):
    document = forms.FileField(
        label="Upload a file",
        help_text="Your own tracker (.xlsx or .csv), the spreadsheet template filled in (.xlsx) "
        "or an exchange document (.json), up to 50 MB",
        error_messages={
            "required": "Select a file to import",
            "empty": "The selected file is empty",
            "invalid": "Select a file to import",
        },
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large  # the file was larger than the limit, and dropped

    def clean_document(self) -> UploadedFile:
        upload = self.cleaned_data["document"]
        name = (upload.name or "").lower()
        if not name.endswith((".json", ".xlsx", ".csv")):
            raise forms.ValidationError(
                "The selected file must be a spreadsheet (.xlsx or .csv) or a .json file"
            )
        if (problem := size_problem(upload.size)) is not None:
            raise forms.ValidationError(problem)
        return upload

    def clean(self) -> dict[str, Any] | None:
        if self.too_large:
            self.errors.pop("document", None)
            self.add_error("document", TOO_LARGE)
        return super().clean()


class ConfirmForm(GovUKForm):
    """Nothing to fill in: the button says what happens."""


# A partnership's own tracker, step by step: its sheets, its columns, its values


def shortened(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def quoted(text: str, most: int = 40) -> str:
    """A cell's text as a page quotes it: 'Died', shortened past `most` characters."""
    return f"'{shortened(text, most)}'"


def cell_text(value: object) -> str:
    """A cell as a person reads it: dates day first, as the tracker shows them."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


HOLDS_CHOICES = [
    (Holds.CASES.value, "Cases: a row for each referral, with its decision and review"),
    (Holds.ACTIONS.value, "Actions: a row for each action of a review's action plan"),
    (Holds.IGNORE.value, "Nothing to import"),
]


@dataclass(frozen=True)
class Group:
    """Fields shown together on a step's page: those of one sheet, or of one field's values."""

    heading: str
    hint: str
    names: list[str]


class TrackerStepForm(GovUKForm):
    groups: list[Group]

    def grouped(self) -> list[tuple[Group, list[BoundField]]]:
        return [(group, [self[name] for name in group.names]) for group in self.groups]


class SheetsForm(TrackerStepForm):
    """What each sheet holds, and the row of its column headings."""

    def __init__(self, *args: Any, workbook: Workbook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workbook = workbook
        self.groups = []
        for index, sheet in enumerate(workbook.sheets):
            name, last = quoted(sheet.name), max(len(sheet.rows), 1)
            self.fields[f"holds_{index}"] = radios(
                f"What sheet {name} holds",
                HOLDS_CHOICES,
                error_messages={"required": f"Choose what sheet {name} holds"},
            )
            self.fields[f"header_{index}"] = forms.IntegerField(
                label="Row of its column headings",
                help_text="The row number Excel shows, below any title rows",
                min_value=1,
                max_value=last,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}
                ),
                error_messages={
                    "required": f"Enter the row of the column headings of sheet {name}",
                    "invalid": f"Enter the row of the column headings of sheet {name} as a "
                    "number, like 3",
                    "min_value": f"Enter a row of sheet {name} from 1 to {last}",
                    "max_value": f"Sheet {name} has {last} rows: enter a row from 1 to {last}",
                },
            )
            self.groups.append(Group(sheet.name, "", [f"holds_{index}", f"header_{index}"]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        imported = 0
        for index, sheet in enumerate(self.workbook.sheets):
            holds, row = cleaned.get(f"holds_{index}"), cleaned.get(f"header_{index}")
            if holds in (None, Holds.IGNORE):
                continue
            imported += 1
            if row is not None and not any(sheet.headers(row)):
                self.add_error(
                    f"header_{index}",
                    f"Row {row} of sheet {quoted(sheet.name)} is empty: enter the row that "
                    "holds its column headings",
                )
        if imported == 0 and not self.errors:
            self.add_error(
                "holds_0",
                "Choose what at least one sheet holds, cases or actions: every sheet is set to "
                "nothing to import",
            )
        return cleaned

    def chosen(self) -> list[tuple[str, str, int]]:
        """Each sheet's name, what it holds and the row of its headings."""
        data = self.cleaned_data
        return [
            (sheet.name, data[f"holds_{index}"], data[f"header_{index}"])
            for index, sheet in enumerate(self.workbook.sheets)
        ]


def examples(sheet: Sheet, header_row: int, column: int, most: int = 3) -> list[str]:
    """The first few different values of a column, as the tracker shows them."""
    found: list[str] = []
    for _, values in sheet.data_rows(header_row):
        text = cell_text(values[column]) if column < len(values) else ""
        if text and text not in found:
            found.append(text)
            if len(found) == most:
                break
    return found


class ColumnsForm(TrackerStepForm):
    """The field each column of the imported sheets holds (or none)."""

    def __init__(
        self, *args: Any, workbook: Workbook, mapping: TrackerMapping, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = []
        self.sheets: list[tuple[SheetMapping, dict[str, tuple[str, str]]]] = []
        for index, sheet_mapping in enumerate(mapping.sheets):
            if sheet_mapping.holds == Holds.IGNORE:
                continue
            sheet = workbook.sheet(sheet_mapping.sheet)
            fields = FIELDS[sheet_mapping.holds]
            choices = [("", "Not imported"), *((field.key, field.label) for field in fields)]
            names: dict[str, tuple[str, str]] = {}  # form field -> (header, column letter)
            for column, header in enumerate(sheet.headers(sheet_mapping.header_row)):
                if not header or header in {seen for seen, _ in names.values()}:
                    continue
                name, letter = f"column_{index}_{column}", sheet.column_letter(column)
                found = examples(sheet, sheet_mapping.header_row, column)
                shown = ", ".join(map(quoted, found)) if found else "none in the first rows"
                self.fields[name] = forms.ChoiceField(
                    label=header,
                    choices=choices,
                    required=False,
                    initial=sheet_mapping.columns.get(header) or "",
                    help_text=f"Column {letter}. For example: {shown}",
                    error_messages={
                        "invalid_choice": f"Choose what column {letter} ({quoted(header)}) of "
                        f"sheet {quoted(sheet.name)} holds from the list"
                    },
                )
                names[name] = (header, letter)
            self.sheets.append((sheet_mapping, names))
            what = "cases" if sheet_mapping.holds == Holds.CASES else "actions"
            self.groups.append(
                Group(
                    sheet.name,
                    f"Its {what}, with their column headings in row {sheet_mapping.header_row}.",
                    list(names),
                )
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for sheet_mapping, names in self.sheets:
            if not names:
                continue
            sheet = quoted(sheet_mapping.sheet)
            labels = {field.key: field.label for field in FIELDS[sheet_mapping.holds]}
            first: dict[str, tuple[str, str]] = {}
            for name, (header, letter) in names.items():
                key = cleaned.get(name)
                if not key:
                    continue
                if key in first:
                    other, other_letter = first[key]
                    self.add_error(
                        name,
                        f"{labels[key]} is chosen for column {other_letter} ({quoted(other)}) "
                        f"and column {letter} ({quoted(header)}) of sheet {sheet}: choose it "
                        "for one column only",
                    )
                first.setdefault(key, (header, letter))
            for field in FIELDS[sheet_mapping.holds]:
                if field.required and field.key not in first:
                    self.add_error(
                        next(iter(names)),
                        f"Choose the column of sheet {sheet} that holds {field.label}: the "
                        f"sheet cannot be imported without it",
                    )
        return cleaned

    def chosen(self) -> dict[str, dict[str, str | None]]:
        """For each imported sheet, the field each column holds (None: not imported)."""
        return {
            sheet_mapping.sheet: {
                header: self.cleaned_data[name] or None for name, (header, _) in names.items()
            }
            for sheet_mapping, names in self.sheets
        }


NOT_KNOWN = ("", "Not known")
NEW_AGENCY = "new:"


class ValuesForm(TrackerStepForm):
    """What each text of the coded columns means: a code, an agency, or not known."""

    def __init__(
        self,
        *args: Any,
        mapping: TrackerMapping,
        texts: dict[str, list[str]],
        agencies: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups = []
        self.keys: dict[str, tuple[str, str]] = {}  # form field -> (field key, text)
        by_key = {field.key: field for fields in FIELDS.values() for field in fields}
        current = {key: chosen for sheet in mapping.sheets for key, chosen in sheet.values.items()}
        columns = columns_of(mapping)
        for number, (key, found) in enumerate(texts.items()):
            field = by_key[key]
            names = []
            for index, text in enumerate(found):
                name = f"value_{number}_{index}"
                initial = current.get(key, {}).get(text, "")
                self.fields[name] = forms.ChoiceField(
                    label=text,
                    choices=self.choices(field, text, initial, agencies),
                    required=False,
                    initial=initial,
                    error_messages={
                        "invalid_choice": f"Choose what {quoted(text)} means in {field.label} "
                        "from the list"
                    },
                )
                self.keys[name] = (key, text)
                names.append(name)
            self.groups.append(Group(field.label, columns.get(key, ""), names))

    @staticmethod
    def choices(
        field: TrackerField, text: str, initial: str, agencies: list[tuple[str, str]]
    ) -> list[tuple[str, str]]:
        if field.kind != "agency":
            return [*field.codes, NOT_KNOWN]
        new = {f"{NEW_AGENCY}{text}"} | ({initial} if initial.startswith(NEW_AGENCY) else set())
        added = [(value, f"Add a new agency called {quoted(value[4:], 80)}") for value in new]
        return [*agencies, *sorted(added), NOT_KNOWN]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, (_, text) in self.keys.items():
            value = cleaned.get(name) or ""
            if value.startswith(NEW_AGENCY) and len(value) - len(NEW_AGENCY) > AGENCY_NAME:
                self.add_error(
                    name,
                    f"{quoted(text)} is too long for an agency's name ({AGENCY_NAME} "
                    "characters at most): choose one of the agencies, or Not known",
                )
        return cleaned

    def chosen(self) -> dict[str, dict[str, str]]:
        """For each coded field, what each text means ("" not known)."""
        values: dict[str, dict[str, str]] = {}
        for name, (key, text) in self.keys.items():
            values.setdefault(key, {})[text] = self.cleaned_data.get(name) or ""
        return values


def columns_of(mapping: TrackerMapping) -> dict[str, str]:
    """Where each field's texts come from: "column 'Outcome' of sheet 'SCR tracker'"."""
    found: dict[str, list[str]] = {}
    for sheet in mapping.sheets:
        for header, key in sheet.columns.items():
            if key:
                found.setdefault(key, []).append(
                    f"column {quoted(header)} of sheet {quoted(sheet.sheet)}"
                )
    return {key: "From " + " and ".join(places) + "." for key, places in found.items()}
